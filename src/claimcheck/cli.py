"""The claimcheck command line: each command parses options, builds Settings and calls the library."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from importlib import import_module
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from claimcheck.errors import ClaimcheckError, ConfigError
from claimcheck.runtime import batch_gc, timed
from claimcheck.settings import Settings, parse_kinds, parse_severity


# Click's UsageError, whether Typer uses the click package or its own copy of it.
_UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


class _Commands(TyperGroup):
    """The command group; a usage error (bad option value, unknown option, missing argument) is
    one line on stderr and exit code 2, like every other error, instead of Click's usage box."""

    def invoke(self, ctx: typer.Context):  # noqa: ANN201 - whatever the command returns
        try:
            return super().invoke(ctx)
        except _UsageError as exc:
            message = " ".join(exc.format_message().split())
            where = exc.ctx.command_path if exc.ctx is not None else ctx.command_path
            typer.echo(f"claimcheck: error: {message} (see '{where} --help')", err=True)
            raise typer.Exit(EXIT_ERROR) from None


app = typer.Typer(
    cls=_Commands,
    name="claimcheck",
    help="Compare what several articles claim: aligned statements, contradictions between and inside sources, CSV and HTML reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_FLAGGED = 1
EXIT_ERROR = 2
EXIT_INTERNAL = 3


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"claimcheck: {record.levelname.lower()}: {record.getMessage()}"


def _configure_logging(quiet: bool, debug: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    root = logging.getLogger("claimcheck")
    root.handlers[:] = [h for h in root.handlers if isinstance(h, logging.NullHandler)] + [handler]
    root.setLevel(logging.DEBUG if debug else logging.ERROR if quiet else logging.WARNING)
    root.propagate = False


@contextmanager
def _errors(debug: bool) -> Iterator[None]:
    """Turn library errors into one line on stderr and exit code 2 (internal errors: 3)."""
    try:
        yield
    except ClaimcheckError as exc:
        if debug:
            raise
        typer.echo(f"claimcheck: error: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        typer.echo("claimcheck: interrupted", err=True)
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never show a traceback
        if debug:
            raise
        typer.echo(f"claimcheck: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        raise typer.Exit(EXIT_INTERNAL) from None


class _Bar:
    """Where a run reports progress: a rich bar on stderr (a terminal, not --quiet), else nowhere."""

    def __init__(self, bar: Any = None, task: Any = None) -> None:
        self._bar, self._task = bar, task

    def advance(self, n: int) -> None:
        """``n`` more articles have their claims."""
        if self._bar is not None:
            self._bar.advance(self._task, n)

    def stage(self, label: str) -> None:
        """A stage without a count started: the bar shows its name, pulsing, and the time."""
        if self._bar is not None:
            self._bar.update(self._task, visible=False)
            self._task = self._bar.add_task(label, total=None)


@contextmanager
def _progress(total: int, label: str, enabled: bool) -> Iterator[_Bar]:
    """A progress bar on stderr (rich), only when stderr is a terminal and not --quiet."""
    if not enabled or not sys.stderr.isatty():
        yield _Bar()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        yield _Bar(bar, bar.add_task(label, total=total))


QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logging.")]
SetOpt = Annotated[
    Optional[list[str]],
    typer.Option("--set", metavar="KEY=VALUE", help="Override a setting, as in claimcheck.toml: --set agree_score=0.7, --set severities.numeric=low (repeatable)."),
]


def _import_later_stages() -> None:
    """Import alignment, contradiction finding and the report writers (pandas, SciPy, Jinja2), and
    compile the report's templates, while the extraction processes work."""
    for name in ("claimcheck.align", "claimcheck.contradict", "claimcheck.report.write"):
        import_module(name)
    import_module("claimcheck.report.html").compile_templates()


def _on_off(option: str, value: str) -> bool:
    if value.lower() not in ("on", "off"):
        raise ConfigError(f"{option} must be 'on' or 'off', got {value!r}")
    return value.lower() == "on"


@app.command()
def compare(
    corpus: Annotated[Path, typer.Argument(help="Folder of articles (.txt, .md, .html).")] = Path("corpus"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the reports.")] = Path("reports"),
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline name or path; 'fallback' for the rule-based one. Default: best installed, else the bundled one.")] = None,
    fail_on: Annotated[Optional[str], typer.Option("--fail-on", help="Exit 1 when a flag of this severity or higher exists: high, medium or low.")] = None,
    kinds: Annotated[Optional[str], typer.Option(help="Comma-separated flag kinds to report (default: all).")] = None,
    max_bytes: Annotated[Optional[int], typer.Option("--max-bytes", help="Largest article file to read, in bytes (default 5000000).")] = None,
    all_pairs: Annotated[bool, typer.Option("--all-pairs", help="Score every claim pair instead of blocked candidates (slow; for checking).")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Processes for claim extraction (default: one per CPU core, at most 8; fewer when there is little to extract).")] = None,
    cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir", help="Cache folder for claims, parsed articles and pair scores (default: $CLAIMCHECK_CACHE_DIR or ~/.cache/claimcheck).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse and extract every article again; read and write no cache.")] = False,
    formats: Annotated[Optional[str], typer.Option("--format", "-f", help="Comma-separated outputs: csv, html, json, parquet (default: csv,html).")] = None,
    assignments: SetOpt = None,
    verifier: Annotated[Optional[str], typer.Option("--verifier", help="The learned contradiction verifier: 'on' (default) or 'off' (the rules alone).")] = None,
    engine: Annotated[str, typer.Option(help="Where to run: 'local' (this machine) or 'dask' (a Dask cluster).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address (tcp://host:8786) for --engine dask; default: a local cluster of --jobs workers.")] = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Compare the articles in CORPUS and write the reports: claims.csv, alignments.csv, flags.csv,
    matrix.csv, articles.csv and report.html (more with --format).

    Settings come from the tool.claimcheck table of ./pyproject.toml and CORPUS/claimcheck.toml, overridden
    by these options; `claimcheck config CORPUS` shows them.

    Example: claimcheck compare corpus/ --out reports/ --fail-on high --format csv,html,json
    """
    _configure_logging(quiet, debug)
    # a Dask client makes reference cycles (asyncio); a local run hardly any
    with _errors(debug), batch_gc(cycles=engine != "local"):
        from claimcheck.cache import default_cache_dir
        from claimcheck.config import merge_assignments, resolve
        from claimcheck.extract import early_workers
        from claimcheck.report import check_formats, parse_formats
        from claimcheck.report.early import EarlyClaims

        options: dict = {**merge_assignments(assignments or []), "model": model, "max_bytes": max_bytes, "jobs": jobs}
        options["cache_dir"] = None if no_cache else (cache_dir or default_cache_dir())
        if kinds is not None:
            options["kinds"] = parse_kinds(kinds)
        if all_pairs:
            options["blocking"] = False
        if verifier is not None:
            options["verifier"] = _on_off("--verifier", verifier)
        threshold = parse_severity(fail_on) if fail_on is not None else None
        settings = resolve(corpus, options).settings
        if engine not in {"local", "dask"}:
            raise ConfigError(f"unknown engine {engine!r} (valid: local, dask)")
        if scheduler and engine != "dask":
            raise ConfigError("--scheduler goes with --engine dask")
        output = parse_formats(formats if formats is not None else "csv,html")
        check_formats(output)
        # the extraction process starts first, to load the pipeline while this one reads the
        # corpus and the claim cache, then imports the later stages (pandas, SciPy, Jinja2); the
        # claims table of the report is built beside the alignment (EarlyClaims)
        with early_workers(settings) if engine == "local" else nullcontext() as workers, EarlyClaims(output) as early:
            from claimcheck.corpus import load_corpus
            from claimcheck.pipeline import run

            with timed("read corpus"):
                loaded = load_corpus(corpus, settings)
            with _progress(len(loaded.articles), "extracting claims", enabled=not quiet) as bar:
                if engine == "dask":
                    from claimcheck.dask_engine import run_dask

                    result = run_dask(loaded, settings, scheduler=scheduler, progress=bar.advance, stage=bar.stage)
                else:
                    result = run(
                        loaded, settings, progress=bar.advance, stage=bar.stage, runner=workers,
                        meanwhile=_import_later_stages, on_claims=early.start,
                    )  # fmt: skip
                if workers is not None:
                    workers.close()  # their memory back before the reports
                result = replace(result, flags=settings.apply_severities(result.flags))  # idempotent; for every engine
                bar.stage("writing reports")
                from claimcheck.report import write_reports

                with timed("reports"):
                    written = write_reports(result, out, output, early=early)
                if _LEFT_FOR_EXIT is not None:
                    _LEFT_FOR_EXIT.append((loaded, result))
        if not quiet:
            counts = {s: sum(f.severity.value == s for f in result.flags) for s in ("high", "medium", "low")}
            typer.echo(
                f"{len(result.articles)} articles, {len(result.claims)} claims, {len(result.alignments)} alignments, "
                f"{len(result.flags)} flags ({counts['high']} high, {counts['medium']} medium, {counts['low']} low)"
            )
            typer.echo(f"pipeline: {result.pipeline}")
            typer.echo("wrote " + ", ".join(str(p) for p in written))
        if threshold is not None and any(f.severity.rank >= threshold.rank for f in result.flags):
            raise typer.Exit(EXIT_FLAGGED)


@app.command()
def add(
    paths: Annotated[list[Path], typer.Argument(help="Article files to copy into the corpus.")],
    article_id: Annotated[Optional[str], typer.Option("--id", help="Article id (file stem) for a single file.")] = None,
    corpus: Annotated[Path, typer.Option("--corpus", help="Corpus folder.")] = Path("corpus"),
    max_bytes: Annotated[Optional[int], typer.Option("--max-bytes", help="Largest article file to accept, in bytes (default 5000000).")] = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Copy new articles into the corpus, refusing duplicates, unsafe names and unreadable files.

    Example: claimcheck add ~/Downloads/rewrite.txt --id botox_rewrite --corpus corpus/
    """
    _configure_logging(quiet, debug)
    with _errors(debug):
        from claimcheck.corpus import add_articles

        settings = Settings().with_options(max_bytes=max_bytes)
        added = add_articles(paths, corpus, article_id=article_id, settings=settings)
        if not quiet:
            for item in added:
                typer.echo(f"added {item.source} as {item.id} ({item.path})")


@app.command("report")
def report_command(
    reports_dir: Annotated[Path, typer.Argument(help="Folder holding the CSV files written by compare.")],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Folder for the reports (default: REPORTS_DIR).")] = None,
    formats: Annotated[Optional[str], typer.Option("--format", "-f", help="Comma-separated outputs: csv, html, json, parquet (default: csv,html).")] = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Render report.html, matrix.csv (and the other outputs) again from the CSV files, without NLP.

    Reads claims.csv, alignments.csv, flags.csv and articles.csv from REPORTS_DIR; the result is
    the same as compare writes for the same data.

    Example: claimcheck report reports/ --out /tmp/review --format html,json
    """
    _configure_logging(quiet, debug)
    with _errors(debug), batch_gc():
        from claimcheck.report import parse_formats, rerender

        written = rerender(reports_dir, out, parse_formats(formats if formats is not None else "csv,html"))
        if not quiet:
            typer.echo("wrote " + ", ".join(str(p) for p in written))


@app.command("config")
def config_command(
    corpus: Annotated[Path, typer.Argument(help="Corpus folder whose claimcheck.toml applies.")] = Path("corpus"),
    model: Annotated[Optional[str], typer.Option(help="As for compare: overrides the configured model.")] = None,
    kinds: Annotated[Optional[str], typer.Option(help="As for compare: overrides the configured flag kinds.")] = None,
    assignments: SetOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Print the effective settings for CORPUS as TOML, each with where it came from.

    Sources, later overriding earlier: defaults, the tool.claimcheck table of ./pyproject.toml,
    CORPUS/claimcheck.toml, command-line options. The output is a valid claimcheck.toml.

    Example: claimcheck config corpus/ --set agree_score=0.7
    """
    _configure_logging(quiet, debug)
    with _errors(debug):
        from claimcheck.config import merge_assignments, resolve, to_toml

        options: dict = {**merge_assignments(assignments or []), "model": model}
        if kinds is not None:
            options["kinds"] = parse_kinds(kinds)
        typer.echo(to_toml(resolve(corpus, options), corpus), nl=False)


# What a command leaves for the process's end instead of freeing it (the corpus and result of a
# compare: freeing their hundreds of thousands of objects takes a tenth of a second). Only main()
# sets it: a process that goes on (a test calling the app) frees them as usual.
_LEFT_FOR_EXIT: list[object] | None = None


def main() -> None:
    """Console-script entry point.

    Ends the process without tearing down its heap (as mypy does): a compare of a big corpus leaves
    hundreds of thousands of objects that need no freeing, and every file it wrote is complete by
    then, so standard output, standard error and logging are flushed and the process exits.
    """
    global _LEFT_FOR_EXIT
    _LEFT_FOR_EXIT = []
    try:
        app()
        code: int | str | None = 0
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):  # sys.exit("message"): Python would print it and exit 1
        print(code, file=sys.stderr)
        code = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
    os._exit(code or 0)


if __name__ == "__main__":
    main()
