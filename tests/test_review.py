"""Review decisions: stable flag ids, the reviews file, `claimcheck review`, and `compare` showing
dismissed flags apart and `--fail-on` counting only the flags that stand."""

from __future__ import annotations

import csv
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.corpus import load_corpus
from claimcheck.errors import ReviewError
from claimcheck.report import ReportData, render_html, write_reports
from claimcheck.review import (
    REVIEWS_FILE,
    Decision,
    Review,
    fail_on_counts,
    flag_id,
    id_of,
    load_reviews,
    record_review,
    valid_flag_id,
)
from claimcheck.types import Flag, FlagKind, Result, Severity

ROOT = Path(__file__).resolve().parents[1]
SENTENCE_A = "The FDA approved Botox for back pain in 2015."
SENTENCE_B = "The FDA has not approved Botox for back pain."


def a_flag(**fields) -> Flag:
    values = dict(
        kind=FlagKind.NEGATION, severity=Severity.HIGH, score=0.9, doc_a="clinic", sentence_a=SENTENCE_A,
        doc_b="blog", sentence_b=SENTENCE_B, explanation="one affirms what the other denies",
    )  # fmt: skip
    values.update(fields)
    return Flag(**values)


# -- flag ids --------------------------------------------------------------------------------------


def test_flag_id_is_twelve_hex_digits():
    assert re.fullmatch(r"[0-9a-f]{12}", id_of(a_flag()))


@pytest.mark.parametrize(
    "changed",
    [
        {"kind": FlagKind.ANTONYM},  # a check that relabels the flag keeps the decision
        {"severity": Severity.LOW, "score": 0.1, "confidence": 0.3, "explanation": "other words"},
        {"sentence_a": "the  FDA approved Botox for back pain in 2015"},  # case, spacing, punctuation
        {"sentence_b": "The FDA has not approved Botox\nfor back pain!"},
        {"sentence_a": "The FDA approved Botox for back pain in 2015.".replace("'", "\u2019")},
        {"claim_a": "clinic:7.0", "terms_a": ("approved",)},
    ],
)
def test_flag_id_ignores_what_does_not_change_the_flag(changed):
    assert id_of(replace(a_flag(), **changed)) == id_of(a_flag())


def test_flag_id_is_the_same_the_other_way_round():
    swapped = a_flag(doc_a="blog", sentence_a=SENTENCE_B, doc_b="clinic", sentence_b=SENTENCE_A)
    assert id_of(swapped) == id_of(a_flag())


@pytest.mark.parametrize(
    "changed",
    [
        {"doc_a": "clinic2"},
        {"sentence_a": "The FDA approved Botox for back pain in 2016."},
        {"sentence_b": "The FDA has never approved Botox for back pain."},
        {"doc_b": "clinic", "sentence_b": ""},  # one sentence instead of two
    ],
)
def test_flag_id_changes_with_the_articles_and_sentences(changed):
    assert id_of(replace(a_flag(), **changed)) != id_of(a_flag())


def test_flag_id_does_not_run_the_sides_together():
    assert flag_id("a", "b c", "d", "e") != flag_id("a b", "c", "d", "e")


@pytest.mark.parametrize("text", ["", "xyz", "12345", "6280555d859", "6280555d8591a", "6280555d859g"])
def test_valid_flag_id_refuses_what_is_not_one(text):
    with pytest.raises(ReviewError, match="not a flag id"):
        valid_flag_id(text)


def test_valid_flag_id_trims_and_lowers():
    assert valid_flag_id(" 6280555D8591\n") == "6280555d8591"


# -- the reviews file --------------------------------------------------------------------------


def test_record_and_load_round_trip(tmp_path):
    first = Review("aaaaaaaaaaaa", Decision.DISMISSED, "same figure, other unit", "2026-01-02", "a", "b", "x, \"y\"", "z")
    second = Review("bbbbbbbbbbbb", Decision.CONFIRMED)
    record_review(tmp_path, first)
    path = record_review(tmp_path, second)
    assert path == tmp_path / REVIEWS_FILE
    assert load_reviews(tmp_path) == {first.flag_id: first, second.flag_id: second}
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    assert rows[0] == ["flag_id", "decision", "note", "date", "doc_a", "doc_b", "sentence_a", "sentence_b"]
    assert [r[:2] for r in rows[1:]] == [["aaaaaaaaaaaa", "dismissed"], ["bbbbbbbbbbbb", "confirmed"]]


def test_a_new_decision_replaces_the_old_one(tmp_path):
    record_review(tmp_path, Review("aaaaaaaaaaaa", Decision.DISMISSED, "first look"))
    record_review(tmp_path, Review("aaaaaaaaaaaa", Decision.CONFIRMED, "second look"))
    assert load_reviews(tmp_path) == {"aaaaaaaaaaaa": Review("aaaaaaaaaaaa", Decision.CONFIRMED, "second look")}


def test_no_reviews_file_means_no_decisions(tmp_path):
    assert load_reviews(tmp_path) == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b\n1,2\n", "missing column"),
        ("flag_id,decision\naaaaaaaaaaaa,maybe\n", "line 2"),
        ("flag_id,decision\nnot-an-id,dismissed\n", "line 2"),
    ],
)
def test_a_broken_reviews_file_is_one_line_error(tmp_path, text, message):
    (tmp_path / REVIEWS_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(ReviewError, match=message) as info:
        load_reviews(tmp_path)
    assert "\n" not in str(info.value)


def test_the_corpus_loader_never_reads_the_reviews_file(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    before = [a.id for a in load_corpus(corpus).articles]
    record_review(corpus, Review("aaaaaaaaaaaa", Decision.DISMISSED, "The FDA approved Botox. It is safe."))
    loaded = load_corpus(corpus)
    assert [a.id for a in loaded.articles] == before and loaded.skipped == ()


def test_fail_on_counts_only_flags_that_stand():
    high, other_high, medium = a_flag(), a_flag(doc_b="news"), a_flag(severity=Severity.MEDIUM, doc_b="wire")
    reviews = {id_of(high): Review(id_of(high), Decision.DISMISSED), id_of(medium): Review(id_of(medium), Decision.CONFIRMED)}
    assert fail_on_counts([high, other_high, medium], Severity.HIGH, reviews) == (1, 1)
    assert fail_on_counts([high, other_high, medium], Severity.MEDIUM, reviews) == (2, 1)
    assert fail_on_counts([high, medium], Severity.HIGH, reviews) == (0, 1)


# -- the report --------------------------------------------------------------------------------


def two_flags() -> Result:
    from claimcheck.corpus import article_from_text

    return Result(
        articles=(article_from_text("clinic", f"Clinic\n\n{SENTENCE_A}\n"), article_from_text("blog", f"Blog\n\n{SENTENCE_B}\n")),
        claims=(),
        alignments=(),
        flags=(a_flag(), a_flag(kind=FlagKind.NUMERIC, severity=Severity.LOW, doc_b="clinic", sentence_b="")),
    )


def test_report_tables_carry_ids_titles_and_decisions():
    result = two_flags()
    fid = id_of(result.flags[0])
    data = ReportData.from_result(result, reviews={fid: Review(fid, Decision.DISMISSED, "checked")})
    first = data.flags.iloc[0]
    assert (first["flag_id"], first["review"], first["review_note"]) == (fid, "dismissed", "checked")
    assert (first["title_a"], first["title_b"]) == ("Clinic", "Blog")
    assert data.flags.iloc[1]["review"] == "" and data.flags.iloc[1]["flag_id"] == id_of(result.flags[1])


def test_dismissed_flags_are_shown_apart_and_decisions_survive_a_rerender(tmp_path):
    result = two_flags()
    fid = id_of(result.flags[0])
    write_reports(result, tmp_path, reviews={fid: Review(fid, Decision.DISMISSED, "same <b>thing</b>")})
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    flags_part, dismissed_part = html.split('id="dismissed-table"')
    assert f'data-flag-id="{fid}"' not in flags_part.split('id="flags-table"')[1]
    assert f'data-flag-id="{fid}"' in dismissed_part and "same &lt;b&gt;thing&lt;/b&gt;" in dismissed_part
    assert f"claimcheck review {id_of(result.flags[1])} --dismiss" in flags_part
    from claimcheck.report import rerender

    rerender(tmp_path)  # from the CSV files alone (these articles have no file: no texts)
    again = (tmp_path / "report.html").read_text(encoding="utf-8").split('id="dismissed-table"')[1]
    assert f'data-flag-id="{fid}"' in again and "same &lt;b&gt;thing&lt;/b&gt;" in again


def test_the_api_applies_the_corpus_folders_decisions(tmp_path):
    import claimcheck

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "clinic.txt").write_text(f"Botox Approval\n\n{SENTENCE_A}\n", encoding="utf-8")
    (folder / "blog.txt").write_text(f"Botox Facts\n\n{SENTENCE_B}\n", encoding="utf-8")
    fid = claimcheck.compare(folder, model="fallback").flags.iloc[0]["flag_id"]
    record_review(folder, Review(fid, Decision.DISMISSED, "fine"))
    report = claimcheck.compare(folder, model="fallback")
    assert report.flags.set_index("flag_id").loc[fid, "review"] == "dismissed"
    assert f'data-flag-id="{fid}"' in report.to_html().split('id="dismissed-table"')[1]


def test_the_html_names_articles_by_title_with_the_id_beside():
    html = render_html(two_flags())
    assert '<span class="t" title="Clinic">Clinic</span><code class="doc">clinic</code>' in html


# -- the command line --------------------------------------------------------------------------


def invoke(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "clinic.txt").write_text(f"Botox Approval\n\n{SENTENCE_A}\n", encoding="utf-8")
    (folder / "blog.txt").write_text(f"Botox Facts\n\n{SENTENCE_B}\n", encoding="utf-8")
    return folder


def high_flag_ids(reports: Path) -> list[str]:
    with (reports / "flags.csv").open(encoding="utf-8", newline="") as handle:
        return [row["flag_id"] for row in csv.DictReader(handle) if row["severity"] == "high"]


def test_fail_on_high_passes_once_every_high_flag_is_dismissed(corpus, tmp_path):
    reports = tmp_path / "reports"
    first = invoke("compare", corpus, "--out", reports, "--model", "fallback", "--fail-on", "high", "-q")
    ids = high_flag_ids(reports)
    assert ids, "the corpus has a high flag"
    assert first.exit_code == 1
    line = first.stderr.strip()
    assert "\n" not in line
    assert re.search(rf"\b{len(ids)} flags? at or above high \(0 dismissed\); see .*report\.html", line), line
    page = (reports / "report.html").read_text(encoding="utf-8")
    assert all(f"claimcheck review {fid} --dismiss --corpus {corpus}</code>" in page for fid in ids)
    for fid in ids:
        done = invoke("review", fid, "--dismiss", "--note", "checked", "--corpus", corpus, "--reports", reports)
        assert done.exit_code == 0, done.output
        assert f"dismissed flag {fid}" in done.stdout
    second = invoke("compare", corpus, "--out", reports, "--model", "fallback", "--fail-on", "high")
    assert second.exit_code == 0, second.output
    assert f"0 flags at or above high ({len(ids)} dismissed)" in second.stdout
    html = (reports / "report.html").read_text(encoding="utf-8")
    assert all(f'data-flag-id="{fid}"' in html.split('id="dismissed-table"')[1] for fid in ids)
    with (reports / "flags.csv").open(encoding="utf-8", newline="") as handle:
        assert {r["flag_id"]: r["review"] for r in csv.DictReader(handle)}.keys() >= set(ids)
    assert [a.id for a in load_corpus(corpus).articles] == ["blog", "clinic"]  # the reviews file is no article


def test_report_with_corpus_applies_decisions_recorded_after_compare(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke("compare", "corpus", "--out", "reports", "--model", "fallback", "-q").exit_code == 0
    before = Path("reports/report.html").read_text(encoding="utf-8")
    assert invoke("report", "reports", "--corpus", "corpus").exit_code == 0  # no NLP: the same page
    assert Path("reports/report.html").read_text(encoding="utf-8") == before
    (fid,) = high_flag_ids(Path("reports"))
    assert invoke("review", fid, "--dismiss", "--note", "fine", "--corpus", "corpus", "--reports", "reports").exit_code == 0
    assert invoke("report", "reports", "--corpus", "corpus").exit_code == 0  # the CSV files and the reviews file
    with open("reports/flags.csv", encoding="utf-8", newline="") as handle:
        assert [(r["flag_id"], r["review"], r["review_note"]) for r in csv.DictReader(handle)][0] == (fid, "dismissed", "fine")
    html = Path("reports/report.html").read_text(encoding="utf-8")
    assert f'data-flag-id="{fid}"' in html.split('id="dismissed-table"')[1]
    assert SENTENCE_A in html.split('id="texts"')[1]  # the article texts read again for the context view


def test_review_confirm_keeps_the_flag_counted(corpus, tmp_path):
    reports = tmp_path / "reports"
    invoke("compare", corpus, "--out", reports, "--model", "fallback", "-q")
    (fid,) = high_flag_ids(reports)
    assert invoke("review", fid, "--confirm", "--corpus", corpus, "--reports", reports).exit_code == 0
    again = invoke("compare", corpus, "--out", reports, "--model", "fallback", "--fail-on", "high")
    assert again.exit_code == 1 and "1 flag at or above high (0 dismissed)" in again.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["zzz", "--dismiss"], "not a flag id"),
        (["000000000000", "--dismiss"], "no flag 000000000000 in"),
        (["{fid}"], "give one of --dismiss and --confirm"),
        (["{fid}", "--dismiss", "--confirm"], "give one of --dismiss and --confirm"),
    ],
)
def test_review_errors_are_one_line(corpus, tmp_path, args, message):
    reports = tmp_path / "reports"
    invoke("compare", corpus, "--out", reports, "--model", "fallback", "-q")
    (fid,) = high_flag_ids(reports)
    result = invoke("review", *[a.format(fid=fid) for a in args], "--corpus", corpus, "--reports", reports)
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("claimcheck: error:") and message in result.stderr
    assert "\n" not in result.stderr.strip()
    assert not (corpus / REVIEWS_FILE).exists()


def test_version():
    from claimcheck import __version__

    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"claimcheck {__version__}"
