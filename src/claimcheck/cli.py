"""The claimcheck command line: each command parses options, builds Settings and calls the library."""

from __future__ import annotations

import logging
import os
import re
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from importlib import import_module
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from claimcheck.errors import ClaimcheckError, ConfigError, UnsafePathError
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
            typer.echo(f"claimcheck: error: {one_line(message)} (see '{where} --help')", err=True)
            raise typer.Exit(EXIT_ERROR) from None


app = typer.Typer(
    cls=_Commands,
    name="claimcheck",
    help="Compare what several articles claim: aligned statements, contradictions between and inside sources, CSV and HTML reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

def _print_version(value: bool) -> None:
    if value:
        from claimcheck import __version__

        typer.echo(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _app_options(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Compare what several articles claim: aligned statements, contradictions between and inside sources, CSV and HTML reports."""


EXIT_FLAGGED = 1
# After the pipeline's name in compare's summary, for --model fallback (on stdout: an explicit
# choice, so not a warning on stderr, where every error is one line).
FALLBACK_NOTE = " (warning: the rule-based fallback has no dependency parse; claims and flags are rougher than with a trained pipeline)"
EXIT_ERROR = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports it
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE


# Characters that would break a message line or the terminal showing it (a newline in a file
# name): shown escaped, as Python writes them in a string literal.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters escaped (``\\n``): one printable line."""
    return _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], text)


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"claimcheck: {record.levelname.lower()}: {one_line(record.getMessage())}"


def _configure_logging(quiet: bool, debug: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    root = logging.getLogger("claimcheck")
    root.handlers[:] = [h for h in root.handlers if isinstance(h, logging.NullHandler)] + [handler]
    root.setLevel(logging.DEBUG if debug else logging.ERROR if quiet else logging.WARNING)
    root.propagate = False


_INTERRUPTED = threading.Event()


def _on_interrupt(signum: int, frame: Any) -> None:
    _INTERRUPTED.set()
    raise KeyboardInterrupt


def interruption_point() -> None:
    """Raise a Ctrl-C that Python dropped: one landing in a finaliser or a weakref callback (an
    import's module lock) is printed as "Exception ignored" and the run goes on. The handler notes
    every Ctrl-C, and each stage boundary raises a noted one again."""
    if _INTERRUPTED.is_set():
        raise KeyboardInterrupt


@contextmanager
def _noting_interrupts() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield  # an embedding program handles Ctrl-C its own way
        return
    hook = sys.unraisablehook

    def quiet(unraisable: Any) -> None:
        if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
            return  # noted by the handler: raised again at the next stage boundary
        hook(unraisable)

    _INTERRUPTED.clear()
    signal.signal(signal.SIGINT, _on_interrupt)
    sys.unraisablehook = quiet
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        sys.unraisablehook = hook


@contextmanager
def _errors(debug: bool) -> Iterator[None]:
    """Turn library errors into one line on stderr and exit code 2 (internal errors: 3)."""
    try:
        with _noting_interrupts():
            yield
            interruption_point()
    except ClaimcheckError as exc:
        if debug:
            raise
        typer.echo(f"claimcheck: error: {one_line(str(exc))}", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        typer.echo("claimcheck: interrupted", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never show a traceback
        if isinstance(exc, BrokenPipeError):  # the reader of our output went away (| head): nobody to tell
            for stream in (sys.stdout, sys.stderr):
                _drop_output(stream)
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        if debug:
            raise
        typer.echo(f"claimcheck: internal error: {type(exc).__name__}: {one_line(str(exc))} (run with --debug for details)", err=True)
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
        interruption_point()
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
    cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir", help="Cache folder for claims, parsed articles, pair scores and check results (default: $CLAIMCHECK_CACHE_DIR or ~/.cache/claimcheck).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse and extract every article again; read and write no cache.")] = False,
    formats: Annotated[Optional[str], typer.Option("--format", "-f", help="Comma-separated outputs: csv, html, json, parquet (default: csv,html).")] = None,
    assignments: SetOpt = None,
    verifier: Annotated[Optional[str], typer.Option("--verifier", help="The learned contradiction verifier: 'on', or 'off' (default: the rules alone).")] = None,
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
        from claimcheck.config import resolve
        from claimcheck.report import check_formats, parse_formats

        options = _options(assignments, model=model, max_bytes=max_bytes, jobs=jobs)
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
        check_out_folder(out, corpus)
        from claimcheck.extract import early_workers

        # the first extraction process starts now, to load the pipeline while this one reads the
        # corpus and the claim cache, then imports the later stages (pandas, SciPy, Jinja2)
        with early_workers(settings) if engine == "local" else nullcontext() as workers:
            from claimcheck.corpus import load_corpus
            from claimcheck.pipeline import run

            with timed("read corpus"):
                loaded = load_corpus(corpus, settings)
            with _progress(len(loaded.articles), "extracting claims", enabled=not quiet) as bar:
                if engine == "dask":
                    from claimcheck.dask_engine import run_dask

                    result = run_dask(loaded, settings, scheduler=scheduler, progress=bar.advance, stage=bar.stage)
                else:
                    result = run(loaded, settings, progress=bar.advance, stage=bar.stage, runner=workers, meanwhile=_import_later_stages)
                if workers is not None:
                    workers.close()  # their memory back before the reports
                result = replace(result, flags=settings.apply_severities(result.flags))  # idempotent; for every engine
                bar.stage("writing reports")
                from claimcheck.report import write_reports
                from claimcheck.review import load_reviews

                reviews = load_reviews(corpus) if corpus.is_dir() else {}
                with timed("reports"):
                    written = write_reports(result, out, output, reviews=reviews, corpus=str(corpus))
        interruption_point()
        if not quiet:
            counts = {s: sum(f.severity.value == s for f in result.flags) for s in ("high", "medium", "low")}
            dismissed = _dismissed(result.flags, reviews)
            typer.echo(
                f"{len(result.articles)} articles, {len(result.claims)} claims, {len(result.alignments)} alignments, "
                f"{len(result.flags)} flags ({counts['high']} high, {counts['medium']} medium, {counts['low']} low"
                + (f"; {dismissed} dismissed)" if dismissed else ")")
            )
            typer.echo(f"pipeline: {result.pipeline}{FALLBACK_NOTE if settings.model == 'fallback' else ''}")
            typer.echo("wrote " + ", ".join(str(p) for p in written))
        if threshold is not None:
            _fail_on(result.flags, threshold, reviews, _report_path(written), quiet)


def _dismissed(flags: Any, reviews: Any) -> int:
    from claimcheck.review import fail_on_counts
    from claimcheck.types import Severity

    return fail_on_counts(flags, Severity.LOW, reviews)[1] if reviews else 0  # low: every flag


def _report_path(written: list[Path]) -> str:
    """Where a user looks at the flags: report.html, else flags.csv, else the first file written."""
    names = {p.name: p for p in written}
    chosen = names.get("report.html") or names.get("flags.csv") or (written[0] if written else None)
    return str(chosen) if chosen is not None else "the reports"


def _fail_on(flags: Any, threshold: Any, reviews: Any, report: str, quiet: bool) -> None:
    """--fail-on: exit 1 when a flag at or above ``threshold`` stands (is not dismissed), saying
    in one line how many stand, how many were dismissed and where the report is."""
    from claimcheck.review import fail_on_counts, fail_on_line

    standing, dismissed = fail_on_counts(flags, threshold, reviews)
    line = fail_on_line(standing, dismissed, threshold.value, report)
    if standing:
        typer.echo(f"claimcheck: failing: {line}", err=True)
        raise typer.Exit(EXIT_FLAGGED)
    if not quiet:
        typer.echo(line)


def check_out_folder(out: Path, corpus: Path) -> None:
    """Refuse a report folder that is the corpus folder or inside it (however spelled: ``corpus/.``,
    an absolute path, a symlink): reports would overwrite articles, and be read as articles next time."""
    try:
        where, root = out.resolve(), corpus.resolve()
    except (OSError, RuntimeError):  # a symlink loop: reading or writing there fails with its own clear error
        return
    if where == root or root in where.parents:
        raise UnsafePathError(
            f"--out {out} is {'the corpus folder' if where == root else 'inside the corpus folder'} {corpus}; "
            "write the reports elsewhere (the default is ./reports)"
        )


def _options(assignments: list[str] | None, **given: Any) -> dict[str, Any]:
    """``--set`` values with the options given (an option left out keeps its ``--set`` value)."""
    from claimcheck.config import merge_assignments

    return {**merge_assignments(assignments or []), **{key: value for key, value in given.items() if value is not None}}


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


@app.command("review")
def review_command(
    flag_id: Annotated[str, typer.Argument(metavar="FLAG_ID", help="The flag's id (the flag_id column of flags.csv; shown beside each flag in report.html).")],
    dismiss: Annotated[bool, typer.Option("--dismiss", help="Not a real conflict: compare shows it apart and --fail-on no longer counts it.")] = False,
    confirm: Annotated[bool, typer.Option("--confirm", help="A real conflict, checked.")] = False,
    note: Annotated[str, typer.Option("--note", help="Why (shown with the flag in report.html).")] = "",
    corpus: Annotated[Path, typer.Option("--corpus", help="Corpus folder: the decision goes into its claimcheck-reviews.csv.")] = Path("corpus"),
    reports: Annotated[Path, typer.Option("--reports", help="Folder of the report naming the flag (its flags.csv checks the id).")] = Path("reports"),
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Record a review decision about a flag in CORPUS/claimcheck-reviews.csv (a plain CSV file,
    one row per flag; the corpus loader never reads it as an article). The next compare shows a
    dismissed flag apart, greyed with its note, and --fail-on counts only flags not dismissed.

    Example: claimcheck review 6280555d8591 --dismiss --note "cost is not the reason given" --corpus corpus/
    """
    _configure_logging(quiet, debug)
    with _errors(debug):
        from claimcheck.errors import ReviewError
        from claimcheck.review import Decision, find_flag, new_review, record_review, valid_flag_id

        if dismiss == confirm:
            raise ReviewError("give one of --dismiss and --confirm")
        fid = valid_flag_id(flag_id)
        row = find_flag(reports / "flags.csv", fid)
        if row is None:
            logging.getLogger("claimcheck").warning(
                "%s holds no flag ids: recording %s without checking it", reports / "flags.csv", fid
            )
        decision = Decision.DISMISSED if dismiss else Decision.CONFIRMED
        path = record_review(corpus, new_review(row, fid, decision, note))
        if not quiet:
            typer.echo(f"{decision.value} flag {fid}: recorded in {path}")


@app.command("report")
def report_command(
    reports_dir: Annotated[Path, typer.Argument(help="Folder holding the CSV files written by compare.")],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Folder for the reports (default: REPORTS_DIR).")] = None,
    formats: Annotated[Optional[str], typer.Option("--format", "-f", help="Comma-separated outputs: csv, html, json, parquet (default: csv,html).")] = None,
    corpus: Annotated[Optional[Path], typer.Option("--corpus", help="The corpus folder: its article texts for report.html's context view, and its latest review decisions.")] = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Render report.html, matrix.csv (and the other outputs) again from the CSV files, without NLP.

    Reads claims.csv, alignments.csv, flags.csv and articles.csv from REPORTS_DIR; with --corpus,
    the result is the same as compare writes for the same data and review decisions.

    Example: claimcheck report reports/ --corpus corpus/ --out /tmp/review --format html,json
    """
    _configure_logging(quiet, debug)
    with _errors(debug), batch_gc():
        from claimcheck.report import parse_formats, rerender

        written = rerender(reports_dir, out, parse_formats(formats if formats is not None else "csv,html"), corpus)
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
        from claimcheck.config import resolve, to_toml

        options = _options(assignments, model=model)
        if kinds is not None:
            options["kinds"] = parse_kinds(kinds)
        typer.echo(to_toml(resolve(corpus, options), corpus), nl=False)


def _standard_streams() -> None:
    """Give a closed standard input, output or error (``>&-``) /dev/null instead: output is then
    dropped, and a file claimcheck opens can never take the number of one (fd 1 or 2), where stray
    output from any library would land in a report."""
    for fd, mode in ((0, os.O_RDONLY), (1, os.O_WRONLY), (2, os.O_WRONLY)):
        try:
            os.fstat(fd)
        except OSError:
            os.open(os.devnull, mode)  # the lowest free number: ``fd``
    if sys.stdout is None:
        sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115 - the process's own stream
    if sys.stderr is None:
        sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115


def _drop_output(stream: Any) -> None:
    """Send what is left for ``stream`` (a pipe nobody reads any more) to /dev/null, so its final
    flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _output_gone() -> bool:
    """Whether standard output or error is a pipe nobody reads any more (each such one is sent to
    /dev/null from now on)."""
    gone = False
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            _drop_output(stream)
            gone = True
    return gone


def main() -> None:
    """Console-script entry point: the app, with closed or broken standard streams made harmless.

    A closed stream (``>&-``, ``2>&-``) is /dev/null for the run; a pipe whose reader has gone
    (``| head -c0``) ends the run the Unix way, exit code 141 (128 + SIGPIPE), once the reports
    are written, with no traceback.
    """
    _standard_streams()
    try:
        app()
        code: int | str | None = 0
    except SystemExit as exc:
        code = exc.code
    if _output_gone():
        code = code or EXIT_BROKEN_PIPE
    sys.exit(code)


if __name__ == "__main__":
    main()
