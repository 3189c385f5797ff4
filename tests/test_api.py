"""The Python API: claimcheck.compare() -> Report, and the README's example, executed."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import claimcheck
from claimcheck.errors import ArticleError, ClaimcheckError, ConfigError
from claimcheck.report import CLAIM_COLUMNS, FLAG_REPORT_COLUMNS, MATRIX_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
APPROVED = "Botox Approval\n\nThe FDA approved Botox for back pain in 2015.\n"
NOT_APPROVED = "Botox Facts\n\nThe FDA has not approved Botox for back pain.\n"


def readme_python_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def test_readme_example_runs(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)  # the example runs claimcheck.run("corpus")
    blocks = readme_python_blocks()
    assert blocks, "README.md has no ```python example"
    namespace: dict = {}
    exec(compile(blocks[0], "README.md", "exec"), namespace)  # noqa: S102 - our own README
    report = namespace["report"]
    assert isinstance(report, claimcheck.Report)
    assert namespace["html"].startswith("<!DOCTYPE html>")
    assert "clinic" in capsys.readouterr().out


@pytest.fixture(scope="module")
def report() -> claimcheck.Report:
    return claimcheck.compare({"clinic": APPROVED, "blog": NOT_APPROVED}, model="fallback")


def test_report_frames(report):
    assert isinstance(report.claims, pd.DataFrame) and list(report.claims.columns) == CLAIM_COLUMNS
    assert list(report.flags.columns) == FLAG_REPORT_COLUMNS
    assert list(report.matrix.columns) == MATRIX_COLUMNS + ["clinic", "blog"]
    assert report.articles["doc_id"].tolist() == ["clinic", "blog"]
    assert len(report.alignments) >= 1


def test_report_flags_the_contradiction(report):
    assert report.flags.iloc[0]["severity"] == "high"
    assert {report.flags.iloc[0]["doc_a"], report.flags.iloc[0]["doc_b"]} == {"clinic", "blog"}
    row = report.matrix.iloc[0]
    assert (row["clinic"], row["blog"], row["contradicting"]) == ("contradicts", "contradicts", 2)  # a tie


def test_report_result_and_html(report):
    assert isinstance(report.result, claimcheck.Result)
    assert report.result.flags and isinstance(report.result.flags[0], claimcheck.Flag)
    html = report.to_html()
    assert 'id="matrix"' in html and "The FDA approved Botox" in html


def test_report_write(report, tmp_path):
    paths = report.write(tmp_path, "json,html")
    assert [p.name for p in paths] == ["report.html", "report.json"]


@pytest.mark.parametrize("form", ["folder", "folder_str", "files"])
def test_compare_sources(tmp_path, form):
    for name, text in (("clinic", APPROVED), ("blog", NOT_APPROVED)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    source = {
        "folder": tmp_path,
        "folder_str": str(tmp_path),
        "files": [tmp_path / "clinic.txt", str(tmp_path / "blog.txt")],
    }[form]
    report = claimcheck.compare(source, model="fallback")
    assert sorted(report.articles["doc_id"]) == ["blog", "clinic"]


def test_compare_with_settings_and_options():
    settings = claimcheck.Settings(model="fallback")
    report = claimcheck.compare({"a": APPROVED, "b": NOT_APPROVED}, settings, severities={"negation": "low"})
    assert set(report.flags["severity"]) == {"low"}
    report = claimcheck.compare({"a": APPROVED, "b": NOT_APPROVED}, settings, kinds=["numeric"])
    assert report.flags.empty


@pytest.mark.parametrize(
    ("source", "options", "error"),
    [
        ({"a": APPROVED, "b": "   "}, {}, ArticleError),
        ("no/such/folder.txt", {}, ArticleError),
        ({"a": APPROVED}, {"agree_score": 3}, ConfigError),
        ({"a": APPROVED}, {"no_such_setting": 1}, ConfigError),
    ],
)
def test_compare_errors(source, options, error):
    with pytest.raises(error):
        claimcheck.compare(source, model="fallback", **options)
    assert issubclass(error, ClaimcheckError)


def test_duplicate_ids_are_refused(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    (tmp_path / "one" / "same.txt").write_text(APPROVED)
    (tmp_path / "two" / "same.txt").write_text(NOT_APPROVED)
    with pytest.raises(ArticleError, match="same"):
        claimcheck.compare([tmp_path / "one" / "same.txt", tmp_path / "two" / "same.txt"], model="fallback")


def test_run_reports_progress_and_each_later_stage(tmp_path: Path) -> None:
    from claimcheck.corpus import article_from_text
    from claimcheck.pipeline import ALIGNING, CONTRADICTING

    articles = [article_from_text("clinic", APPROVED), article_from_text("blog", NOT_APPROVED)]
    done: list[int] = []
    stages: list[str] = []
    settings = claimcheck.Settings(model="fallback", cache_dir=None)
    result = claimcheck.run(articles, settings, progress=done.append, stage=stages.append)
    assert sum(done) == 2, "every article's claims are counted once"
    assert stages == [ALIGNING, CONTRADICTING]
    assert result.flags, "the stage callback changes nothing about the result"


@pytest.mark.parametrize("form", [str, Path])
def test_run_takes_a_corpus_folder(tmp_path, form):
    """Issue 18, defect 13: run("corpus") raised AttributeError and run(Path("corpus")) TypeError."""
    for name, text in (("clinic", APPROVED), ("blog", NOT_APPROVED)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    result = claimcheck.run(form(tmp_path), claimcheck.Settings(model="fallback"))
    assert sorted(a.id for a in result.articles) == ["blog", "clinic"]
    assert result.claims and result.flags
