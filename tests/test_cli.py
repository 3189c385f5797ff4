"""The command line, through Typer's runner: help, exit codes, files written, one-line errors.

Every comparison uses ``--model fallback`` (the rule-based pipeline), so no model is needed, and
the claim cache is pointed at a temporary folder.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from claimcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]

APPROVED = "Botox Approval\n\nThe FDA approved Botox for back pain in 2015.\n"
NOT_APPROVED = "Botox Facts\n\nThe FDA has not approved Botox for back pain.\n"
ALSO_APPROVED = "Botox News\n\nBotox was approved by the FDA for back pain in 2015.\n"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path / "cache"))


def invoke(*args: str | Path):
    return CliRunner().invoke(app, [str(a) for a in args])


def make_corpus(folder: Path, **articles: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def compare(corpus: Path, out: Path, *options: str):
    return invoke("compare", corpus, "--out", out, "--model", "fallback", *options)


def assert_one_line_error(result, code: int = 2) -> str:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("claimcheck: error:")
    assert "Traceback" not in result.output
    return lines[0]


# -- help and documentation --------------------------------------------------------------------


def test_the_app_has_the_documented_commands() -> None:
    assert {"compare", "add", "report", "config"} <= set(COMMANDS)


@pytest.mark.parametrize("args", [["--help"]] + [[name, "--help"] for name in COMMANDS], ids=lambda a: " ".join(a))
def test_help_exits_0_with_an_example(args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    if args[0] != "--help":
        assert "Example:" in result.output
        assert f"claimcheck {args[0]}" in result.output
    else:
        assert all(name in result.output for name in COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented_in_the_readme(name: str) -> None:
    readme = ROOT / "README.md"
    assert readme.is_file(), "README.md is missing"
    assert f"claimcheck {name}" in readme.read_text(encoding="utf-8"), f"README.md does not mention `claimcheck {name}`"


def test_python_dash_m_claimcheck_help() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "claimcheck", "--help"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert "Usage:" in proc.stdout
    assert all(name in proc.stdout for name in COMMANDS)


# -- compare -----------------------------------------------------------------------------------


def test_compare_writes_the_four_reports(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", approved=APPROVED, also=ALSO_APPROVED)
    out = tmp_path / "reports"
    result = compare(corpus, out)
    assert result.exit_code == 0, result.output
    for name in ("claims.csv", "alignments.csv", "flags.csv", "report.html"):
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    with (out / "claims.csv").open(encoding="utf-8", newline="") as fh:
        claims = list(csv.DictReader(fh))
    assert {row["doc_id"] for row in claims} == {"approved", "also"}
    assert "2 articles" in result.stdout
    assert "Traceback" not in result.output


def test_a_local_compare_runs_without_the_cycle_collector_and_restores_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    import claimcheck.pipeline

    seen = []
    real_run = claimcheck.pipeline.run

    def run(*args, **kwargs):
        seen.append((gc.isenabled(), gc.get_threshold()))
        return real_run(*args, **kwargs)

    monkeypatch.setattr(claimcheck.pipeline, "run", run)
    before = gc.get_threshold()
    result = compare(make_corpus(tmp_path / "corpus", approved=APPROVED, also=ALSO_APPROVED), tmp_path / "reports")
    assert result.exit_code == 0, result.output
    assert seen == [(False, (200_000, 30, 30))]
    assert gc.isenabled() and gc.get_threshold() == before


def high_flags(out: Path) -> list[dict[str, str]]:
    with (out / "flags.csv").open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if row["severity"] == "high"]


def test_fallback_model_flags_approved_vs_not_approved_as_high(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", approved=APPROVED, denied=NOT_APPROVED)
    result = compare(corpus, tmp_path / "reports")
    assert result.exit_code == 0, result.output
    flags = high_flags(tmp_path / "reports")
    assert len(flags) == 1
    assert flags[0]["kind"] == "negation"
    assert {flags[0]["doc_a"], flags[0]["doc_b"]} == {"approved", "denied"}


@pytest.mark.parametrize(
    ("second", "fail_on", "code"),
    [
        (NOT_APPROVED, "high", 1),
        (NOT_APPROVED, "low", 1),  # a high flag is at least low
        (NOT_APPROVED, "HIGH", 1),
        (ALSO_APPROVED, "high", 0),
        (ALSO_APPROVED, "low", 0),
    ],
)
def test_fail_on(tmp_path: Path, second: str, fail_on: str, code: int) -> None:
    corpus = make_corpus(tmp_path / "corpus", approved=APPROVED, other=second)
    result = compare(corpus, tmp_path / "reports", "--fail-on", fail_on)
    assert result.exit_code == code, result.output
    assert (tmp_path / "reports" / "flags.csv").is_file(), "reports are written before failing"


@pytest.mark.parametrize("quiet", [False, True])
@pytest.mark.parametrize("fail_on, formats, named", [("high", "csv,html", "report.html"), ("low", "csv", "flags.csv")])
def test_fail_on_says_why(tmp_path: Path, quiet: bool, fail_on: str, formats: str, named: str) -> None:
    """Issue 18, defect 15: --fail-on exited 1 without a word (nothing at all with -q)."""
    corpus = make_corpus(tmp_path / "corpus", approved=APPROVED, other=NOT_APPROVED)
    out = tmp_path / "reports"
    result = compare(corpus, out, "--fail-on", fail_on, "--format", formats, *(["-q"] if quiet else []))
    assert result.exit_code == 1, result.output
    with (out / "flags.csv").open(encoding="utf-8", newline="") as fh:
        severities = [row["severity"] for row in csv.DictReader(fh)]
    counted = severities.count("high") if fail_on == "high" else len(severities)
    assert counted >= 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0] == (
        f"claimcheck: failing: {counted} flag{'s' if counted != 1 else ''} at or above {fail_on} (0 dismissed); see {out / named}"
    )
    assert (result.stdout == "") if quiet else ("wrote " in result.stdout)


def test_kinds_limits_the_flags(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", approved=APPROVED, denied=NOT_APPROVED)
    result = compare(corpus, tmp_path / "reports", "--kinds", "numeric,quantifier", "--fail-on", "low")
    assert result.exit_code == 0, result.output
    assert high_flags(tmp_path / "reports") == []


def test_missing_corpus_is_one_line_on_stderr(tmp_path: Path) -> None:
    result = compare(tmp_path / "no-such-folder", tmp_path / "reports")
    line = assert_one_line_error(result)
    assert "no-such-folder" in line
    assert not (tmp_path / "reports").exists()


@pytest.mark.parametrize(
    ("option", "value", "named"),
    [
        ("--fail-on", "huge", "huge"),
        ("--fail-on", "", None),  # an empty value (an unset CI variable) must not turn the gate off
        ("--kinds", "negation,bogus", "bogus"),
        ("--kinds", "", None),
        ("--format", "csv,pdf", "pdf"),
        ("--format", "", None),
        ("--set", "agree_score=2", "agree_score"),
    ],
)
def test_bad_option_values_are_one_line_on_stderr(tmp_path: Path, option: str, value: str, named: str | None) -> None:
    corpus = make_corpus(tmp_path / "corpus", approved=APPROVED, denied=NOT_APPROVED)
    result = compare(corpus, tmp_path / "reports", option, value)
    line = assert_one_line_error(result)
    if named:
        assert named in line


# -- output formats and report -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formats", "names"),
    [
        ("json", ["report.json"]),
        ("html,csv", ["alignments.csv", "articles.csv", "claims.csv", "flags.csv", "matrix.csv", "report.html"]),
    ],
)
def test_compare_format(tmp_path: Path, formats: str, names: list[str]) -> None:
    corpus = make_corpus(tmp_path / "corpus", approved=APPROVED, denied=NOT_APPROVED)
    result = compare(corpus, tmp_path / "reports", "--format", formats)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == names


def test_compare_parquet_without_pyarrow_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    corpus = make_corpus(tmp_path / "corpus", approved=APPROVED)
    line = assert_one_line_error(compare(corpus, tmp_path / "reports", "--format", "csv,parquet"))
    assert "pyarrow" in line and "claimcheck[parquet]" in line
    assert not (tmp_path / "reports").exists()


def test_report_rerenders_the_same_html(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", approved=APPROVED, denied=NOT_APPROVED, also=ALSO_APPROVED)
    assert compare(corpus, tmp_path / "reports").exit_code == 0
    result = invoke("report", tmp_path / "reports", "--corpus", corpus, "--out", tmp_path / "again")
    assert result.exit_code == 0, result.output
    assert "report.html" in result.stdout
    for name in ("report.html", "matrix.csv", "claims.csv", "flags.csv"):
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "reports" / name).read_bytes(), name


def test_report_missing_folder_is_one_line(tmp_path: Path) -> None:
    line = assert_one_line_error(invoke("report", tmp_path / "nowhere"))
    assert "nowhere" in line


def test_report_missing_csv_is_one_line(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", approved=APPROVED)
    assert compare(corpus, tmp_path / "reports").exit_code == 0
    (tmp_path / "reports" / "flags.csv").unlink()
    line = assert_one_line_error(invoke("report", tmp_path / "reports"))
    assert "flags.csv" in line


# -- add ---------------------------------------------------------------------------------------


def test_add_copies_the_file_and_says_so(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", approved=APPROVED)
    source = tmp_path / "in" / "denied.txt"
    source.parent.mkdir()
    source.write_text(NOT_APPROVED, encoding="utf-8")
    result = invoke("add", source, "--corpus", corpus)
    assert result.exit_code == 0, result.output
    assert (corpus / "denied.txt").read_bytes() == source.read_bytes()
    assert "denied" in result.stdout and str(source) in result.stdout


def test_add_with_id(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", approved=APPROVED)
    source = tmp_path / "rewrite.txt"
    source.write_text(NOT_APPROVED, encoding="utf-8")
    result = invoke("add", source, "--id", "botox_rewrite", "--corpus", corpus)
    assert result.exit_code == 0, result.output
    assert (corpus / "botox_rewrite.txt").read_bytes() == source.read_bytes()
    assert "botox_rewrite" in result.stdout


@pytest.mark.parametrize("name", ["copy.txt", "approved.txt"])
def test_add_refuses_a_duplicate(tmp_path: Path, name: str) -> None:
    corpus = make_corpus(tmp_path / "corpus", approved=APPROVED)
    before = sorted(p.name for p in corpus.iterdir())
    source = tmp_path / "in" / name
    source.parent.mkdir()
    source.write_text(APPROVED, encoding="utf-8")
    result = invoke("add", source, "--corpus", corpus)
    assert_one_line_error(result)
    assert sorted(p.name for p in corpus.iterdir()) == before


def test_add_missing_file_is_one_line_on_stderr(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", approved=APPROVED)
    result = invoke("add", tmp_path / "nowhere.txt", "--corpus", corpus)
    assert_one_line_error(result)
