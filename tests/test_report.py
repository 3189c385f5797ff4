"""Report stage: frames, CSV contracts, HTML escaping and highlighting, atomic writes."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from claimcheck.errors import ReportError
from claimcheck.report import (
    ALIGNMENT_COLUMNS,
    CLAIM_COLUMNS,
    FLAG_COLUMNS,
    MATRIX_COLUMNS,
    Format,
    parse_formats,
    read_report_data,
    rerender,
    alignments_frame,
    article_summary_frame,
    atomic_write_text,
    claims_frame,
    flags_frame,
    kind_summary_frame,
    render_html,
    write_reports,
)
from claimcheck.report.data import ReportData
from claimcheck.report.html import highlight
from claimcheck.types import (
    Alignment,
    Article,
    Claim,
    Comparative,
    Flag,
    FlagKind,
    Polarity,
    Quantifier,
    Quantity,
    Relation,
    Result,
    Severity,
)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
AMP = "R&amp;D"

EXPECTED_CLAIM_COLUMNS = [
    "claim_id", "doc_id", "sentence_index", "clause_index", "start", "end", "claim_start",
    "claim_end", "sentence", "claim", "subject", "predicate", "object", "polarity", "negations",
    "hedges", "quantities", "comparatives", "quantifier", "causal_role", "cause", "effect",
    "claim_type", "worthiness",
]  # fmt: skip
EXPECTED_ALIGNMENT_COLUMNS = [
    "doc_a", "sentence_a", "doc_b", "sentence_b", "relation", "score", "fuzz", "overlap",
    "claim_a", "claim_b", "text_a", "text_b",
]  # fmt: skip
EXPECTED_FLAG_COLUMNS = [
    "doc_a", "sentence_a", "doc_b", "sentence_b", "kind", "severity", "score", "explanation",
    "claim_a", "claim_b", "terms_a", "terms_b", "confidence",
]  # fmt: skip
# The files add each article's title beside its id, and a flag's stable id and review decision.
EXPECTED_ALIGNMENT_FILE_COLUMNS = EXPECTED_ALIGNMENT_COLUMNS + ["title_a", "title_b"]
EXPECTED_FLAG_FILE_COLUMNS = EXPECTED_FLAG_COLUMNS + ["flag_id", "title_a", "title_b", "review", "review_note"]


# --- building Results by hand -------------------------------------------------------------


def article(doc_id: str, title: str = "", text: str = "") -> Article:
    return Article(id=doc_id, path=f"{doc_id}.txt", title=title or doc_id, text=text, blocks=())


def claim(doc_id: str, index: int, text: str, **fields) -> Claim:
    values = dict(
        id=f"{doc_id}:{index}:0",
        doc_id=doc_id,
        sentence_index=index,
        clause_index=0,
        start=0,
        end=len(text),
        claim_start=0,
        claim_end=len(text),
        sentence=text,
        text=text,
        subject="",
        predicate="",
        object="",
        polarity=Polarity.POSITIVE,
    )
    values.update(fields)
    return Claim(**values)


def flag(kind: FlagKind, severity: Severity, score: float, a: Claim, b: Claim | None = None, **fields) -> Flag:
    values = dict(
        kind=kind,
        severity=severity,
        score=score,
        doc_a=a.doc_id,
        sentence_a=a.sentence,
        doc_b=b.doc_id if b else a.doc_id,
        sentence_b=b.sentence if b else "",
        explanation=f"{kind.value} conflict",
        claim_a=a.id,
        claim_b=b.id if b else "",
    )
    values.update(fields)
    return Flag(**values)


def align(a: Claim, b: Claim, score: float, relation: Relation = Relation.RELATED) -> Alignment:
    return Alignment(
        claim_a=a.id,
        claim_b=b.id,
        doc_a=a.doc_id,
        doc_b=b.doc_id,
        sentence_a=a.sentence,
        sentence_b=b.sentence,
        text_a=a.text,
        text_b=b.text,
        score=score,
        fuzz=score * 100,
        overlap=score / 2,
        relation=relation,
    )


def make_result(n_flags: int = 3) -> Result:
    a = claim(
        "alpha",
        0,
        "Acupuncture costs about $500 and is not safe.",
        subject="Acupuncture",
        predicate="cost",
        object="$500",
        polarity=Polarity.NEGATIVE,
        negations=("not",),
        hedges=("about", "may"),
        quantities=(Quantity("about $500", 500.0, 500.0, "usd", "money", approximate=True),),
        comparatives=(Comparative("more costly than painkillers", "costly", "cost", 1),),
        quantifier=Quantifier.NOT_ALL,
        claim_type="cost",
        worthiness=0.87654,
    )
    b = claim(
        "beta",
        2,
        "Acupuncture is SAFE for three to four sessions.",
        quantities=(Quantity("three to four", 3.0, 4.0, "count", "count"),),
        worthiness=0.5,
    )
    c = claim("alpha", 5, "Acupuncture is banned and approved.")
    flags = [
        flag(FlagKind.NUMERIC, Severity.LOW, 0.91234, a, b, terms_a=("$500",), terms_b=("three",)),
        flag(FlagKind.NEGATION, Severity.HIGH, 0.7, a, b, terms_a=("not", "safe"), terms_b=("safe",)),
        flag(FlagKind.SELF_CONTRADICTION, Severity.MEDIUM, 0.8, c, terms_a=("banned",), terms_b=("approved",)),
        flag(FlagKind.ANTONYM, Severity.HIGH, 0.95, a, b, terms_a=("safe",), terms_b=("safe",)),
    ][:n_flags]
    return Result(
        articles=(article("alpha", "Alpha news"), article("beta", "Beta blog"), article("gamma")),
        claims=(a, b, c),
        alignments=(align(a, b, 0.66666, Relation.CONTRADICT), align(a, c, 0.5)),
        flags=tuple(flags),
        pipeline="en_core_web_sm-3.8.0",
    )


EMPTY = Result(articles=(), claims=(), alignments=(), flags=())


# --- frames -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frame_fn", "expected"),
    [
        (claims_frame, EXPECTED_CLAIM_COLUMNS),
        (alignments_frame, EXPECTED_ALIGNMENT_COLUMNS),
        (flags_frame, EXPECTED_FLAG_COLUMNS),
        (article_summary_frame, ["doc_id", "title", "claims", "flags", "high", "medium", "low"]),
        (kind_summary_frame, ["kind", "flags", "high", "medium", "low"]),
    ],
)
@pytest.mark.parametrize("result", [make_result(), EMPTY], ids=["full", "empty"])
def test_frame_columns(frame_fn, expected, result):
    assert list(frame_fn(result).columns) == expected


@pytest.mark.parametrize(
    ("columns", "cls", "renamed"),
    [
        (CLAIM_COLUMNS, Claim, {"claim_id", "claim"}),
        (ALIGNMENT_COLUMNS, Alignment, set()),
        (FLAG_COLUMNS, Flag, set()),
    ],
)
def test_columns_follow_dataclass_fields(columns, cls, renamed):
    """Columns are read from the dataclasses by name, so a renamed field breaks this, not the CSV."""
    names = {f.name for f in dataclasses.fields(cls)}
    assert set(columns) - names == renamed


def test_claim_cells():
    row = claims_frame(make_result()).iloc[0]
    assert row["claim_id"] == "alpha:0:0"
    assert row["claim"] == "Acupuncture costs about $500 and is not safe."
    assert row["polarity"] == "negative"
    assert row["hedges"] == "about; may"
    assert row["quantities"] == "about $500 = 500 usd (money, approx)"
    assert row["comparatives"] == "more costly than painkillers (cost +1)"
    assert row["quantifier"] == "not_all"
    assert row["causal_role"] == ""
    assert row["claim_type"] == "cost"
    assert row["worthiness"] == 0.877
    second = claims_frame(make_result()).iloc[1]
    assert second["quantities"] == "three to four = 3–4 count"
    assert second["quantifier"] == ""


def test_alignment_scores_rounded():
    row = alignments_frame(make_result()).iloc[0]
    assert (row["score"], row["fuzz"], row["overlap"], row["relation"]) == (0.667, 66.666, 0.333, "contradict")


@pytest.mark.parametrize("n_flags", [1, 2, 3, 4])
def test_flags_sorted_by_severity_then_score(n_flags):
    frame = flags_frame(make_result(n_flags))
    ranks = [Severity(s).rank for s in frame["severity"]]
    keys = list(zip(ranks, frame["score"]))
    assert keys == sorted(keys, key=lambda k: (-k[0], -k[1]))
    assert len(frame) == n_flags


def test_flag_inside_one_article_has_empty_strings():
    frame = flags_frame(make_result())
    row = frame[frame["kind"] == "self_contradiction"].iloc[0]
    assert row["doc_b"] == row["doc_a"] == "alpha"
    assert row["sentence_b"] == "" and row["claim_b"] == ""
    assert not frame.isna().any().any()


def test_summaries():
    articles = article_summary_frame(make_result()).set_index("doc_id")
    assert articles.loc["alpha"].tolist() == ["Alpha news", 2, 3, 1, 1, 1]
    assert articles.loc["beta"].tolist() == ["Beta blog", 1, 2, 1, 0, 1]
    assert articles.loc["gamma"].tolist() == ["gamma", 0, 0, 0, 0, 0]
    kinds = kind_summary_frame(make_result(4))
    assert kinds["kind"].tolist() == ["negation", "numeric", "antonym", "self_contradiction"]
    assert kinds.set_index("kind").loc["negation"].tolist() == [1, 1, 0, 0]


# --- HTML ---------------------------------------------------------------------------------


def hostile_result() -> Result:
    text = f"Vitamin {SCRIPT} cures {IMG} colds at {AMP} labs."
    a = claim(SCRIPT, 0, text, subject=IMG, hedges=(AMP,))
    b = claim("plain", 1, "Vitamin <b>never</b> cures colds.")
    return Result(
        articles=(article(SCRIPT, title=IMG), article("plain", title=AMP)),
        claims=(a, b),
        alignments=(align(a, b, 0.7),),
        flags=(flag(FlagKind.NEGATION, Severity.HIGH, 0.9, a, b, terms_a=("cures", "<script>"), terms_b=("never",),
                    explanation=f"{IMG} says {AMP}"),),
        pipeline=SCRIPT,
    )


@pytest.mark.parametrize("raw", [SCRIPT, IMG, AMP, "<b>never</b>", "<script>alert"])
def test_html_never_contains_raw_article_text(raw):
    assert raw not in render_html(hostile_result())


@pytest.mark.parametrize(
    "escaped",
    [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(1)&gt;",
        "R&amp;amp;D",
    ],
)
def test_html_contains_escaped_text(escaped):
    assert escaped in render_html(hostile_result())


def test_html_sections_in_order():
    html = render_html(make_result(4))
    positions = [
        html.index(f'id="{name}"') for name in ("glance", "kinds", "flags", "matrix", "alignments", "claims", "articles")
    ]
    assert positions == sorted(positions)
    assert "en_core_web_sm-3.8.0" in html
    for severity in ("high", "medium", "low"):
        assert f'class="badge sev-{severity}"' in html


def test_html_self_contained():
    html = render_html(make_result())
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<link" not in html and "@import" not in html


def test_html_empty_result_renders():
    html = render_html(EMPTY)
    assert "No contradictions were flagged." in html and "</html>" in html


def test_html_highlights_terms_of_each_side():
    html = render_html(make_result(2))
    # terms_a "not", "safe" in sentence_a; terms_b "safe" matched case-insensitively in "SAFE".
    assert "is <mark>not</mark> <mark>safe</mark>." in html
    assert "Acupuncture is <mark>SAFE</mark> for" in html
    # The numeric flag marks "$500" (starts with punctuation) and "three" on the other side.
    assert "about <mark>$500</mark> and" in html
    assert "<mark>three</mark> to four" in html


def test_html_single_sentence_flag_marks_both_term_sets():
    html = render_html(make_result(3))
    assert "Acupuncture is <mark>banned</mark> and <mark>approved</mark>." in html


def test_html_highlight_escapes_terms():
    html = render_html(hostile_result())
    assert "<mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt;" in html
    assert "<mark>cures</mark>" in html and "<mark>never</mark>" in html


@pytest.mark.parametrize(
    ("text", "terms", "marked"),
    [
        ("Coffee is SAFE, safe and Safer.", ["safe"], ["SAFE", "safe"]),  # whole words only
        ("unsafe is not safe", ["safe"], ["safe"]),
        ("dose <5 mg daily", ["<5 mg"], ["<5 mg"]),
        ("Tom & Jerry; amp", ["amp"], ["amp"]),  # the "&" is never part of a match
        ("a < b and lt", ["lt"], ["lt"]),
        ("x<script>alert(1)", ["<SCRIPT>"], ["<script>"]),  # punctuation edges need no boundary
        ("costs  about\n$500", ["about $500"], ["about\n$500"]),
        ("no terms here", [], []),
        ("no terms here", ["", "  "], []),
        ("", ["x"], []),
    ],
)
def test_highlight_segments(text, terms, marked):
    segments = highlight(text, terms)
    assert "".join(s["text"] for s in segments) == text
    assert [s["text"] for s in segments if s["mark"]] == marked


def test_highlight_never_marks_inside_an_entity():
    result = make_result(1)
    a = claim("x", 0, "Tom & Jerry < lt amp")
    result = dataclasses.replace(
        result, flags=(flag(FlagKind.ANTONYM, Severity.LOW, 0.5, a, a, terms_a=("amp", "lt"), terms_b=()),)
    )
    html = render_html(result)
    assert "Tom &amp; Jerry &lt; <mark>lt</mark> <mark>amp</mark>" in html
    assert not re.search(r"&[a-z]*<mark>", html)


# --- writing ------------------------------------------------------------------------------


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.mark.parametrize(
    ("name", "frame_fn"),
    [
        ("claims.csv", claims_frame),
        ("alignments.csv", lambda r: ReportData.from_result(r).alignments),
        ("flags.csv", lambda r: ReportData.from_result(r).flags),
    ],
)
@pytest.mark.parametrize("result", [make_result(4), hostile_result()], ids=["plain", "hostile"])
def test_csv_round_trip(tmp_path, name, frame_fn, result):
    write_reports(result, tmp_path)
    back = read_csv(tmp_path / name)
    expected = frame_fn(result).astype(str)
    pd.testing.assert_frame_equal(back, expected)


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("claims.csv", EXPECTED_CLAIM_COLUMNS),
        ("alignments.csv", EXPECTED_ALIGNMENT_FILE_COLUMNS),
        ("flags.csv", EXPECTED_FLAG_FILE_COLUMNS),
    ],
)
def test_empty_result_writes_header_only(tmp_path, name, header):
    write_reports(EMPTY, tmp_path)
    raw = (tmp_path / name).read_bytes()
    assert raw == (",".join(header) + "\n").encode()


def test_write_reports_creates_folder_and_returns_paths(tmp_path):
    out = tmp_path / "a" / "b"
    paths = write_reports(make_result(), out)
    names = ["claims.csv", "alignments.csv", "flags.csv", "matrix.csv", "articles.csv", "report.html"]
    assert [p.name for p in paths] == names
    assert all(p.parent == out and p.is_file() for p in paths)
    assert b"\r\n" not in (out / "flags.csv").read_bytes()
    write_reports(EMPTY, out)  # overwriting is fine
    assert len(read_csv(out / "flags.csv")) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(names)


@pytest.mark.parametrize("where", ["is_file", "parent_is_file"])
def test_write_reports_file_in_the_way(tmp_path, where):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    out = blocker if where == "is_file" else blocker / "reports"
    with pytest.raises(ReportError, match=f"cannot create report folder .*: {re.escape(str(blocker))} is a file"):
        write_reports(make_result(), out)


@pytest.mark.parametrize("subdir", [False, True], ids=["into_readonly", "below_readonly"])
def test_write_reports_read_only_folder(tmp_path, subdir):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("chmod does not stop this user (root?) from writing")
        with pytest.raises(ReportError) as info:
            write_reports(make_result(), locked / "out" if subdir else locked)
        assert str(locked) in str(info.value)
        assert "\n" not in str(info.value)
    finally:
        locked.chmod(0o700)


def test_atomic_write_text_replaces(tmp_path):
    path = tmp_path / "report.html"
    atomic_write_text(path, "old")
    atomic_write_text(path, "néw\n")
    assert path.read_bytes() == "néw\n".encode()
    assert os.listdir(tmp_path) == ["report.html"]


def test_atomic_write_text_keeps_old_file_when_replace_fails(tmp_path, monkeypatch):
    path = tmp_path / "flags.csv"
    path.write_text("previous\n")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ReportError, match=r"flags\.csv: No space left on device"):
        atomic_write_text(path, "new")
    assert path.read_text() == "previous\n"
    assert os.listdir(tmp_path) == ["flags.csv"]  # no temporary file left behind


def test_write_reports_keeps_previous_reports_when_writing_fails(tmp_path, monkeypatch):
    write_reports(make_result(), tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def fail(src, dst):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ReportError):
        write_reports(EMPTY, tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_atomic_write_text_interrupted(tmp_path, monkeypatch):
    path = tmp_path / "claims.csv"
    path.write_text("previous\n")

    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(path, "new")
    assert path.read_text() == "previous\n"
    assert os.listdir(tmp_path) == ["claims.csv"]


def test_csv_text_is_utf8_with_unix_newlines(tmp_path):
    result = make_result(1)
    write_reports(result, tmp_path)
    text = (tmp_path / "claims.csv").read_bytes().decode("utf-8")
    assert "3–4 count" in text
    assert pd.read_csv(io.StringIO(text)).shape[0] == len(result.claims)


# --- more formats and re-rendering ----------------------------------------------------------------

ALL_NAMES = ["claims.csv", "alignments.csv", "flags.csv", "matrix.csv", "articles.csv", "report.html"]
FORMATS = [Format.CSV, Format.HTML, Format.JSON]


def pyarrow_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("pyarrow") is not None


@pytest.mark.parametrize("result", [make_result(4), hostile_result(), EMPTY], ids=["plain", "hostile", "empty"])
def test_rerender_from_csv_is_identical(tmp_path, result):
    """`claimcheck report` (CSV -> report) writes the same bytes as `compare` (Result -> report)."""
    first, second = tmp_path / "first", tmp_path / "second"
    formats = list(Format) if pyarrow_installed() else FORMATS
    write_reports(result, first, formats)
    for name in ["report.json", *(n for n in os.listdir(first) if n.endswith(".parquet"))]:
        (first / name).rename(tmp_path / name)  # only the CSV files are read back
    written = rerender(first, second, formats)
    assert sorted(p.name for p in written) == sorted(os.listdir(second))
    for path in written:
        reference = first / path.name if (first / path.name).exists() else tmp_path / path.name
        if path.suffix == ".parquet":
            pd.testing.assert_frame_equal(pd.read_parquet(path), pd.read_parquet(reference))
        else:
            assert path.read_bytes() == reference.read_bytes(), path.name


def test_rerender_in_place_keeps_the_files(tmp_path):
    write_reports(make_result(4), tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    rerender(tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_rerender_without_articles_csv_uses_doc_ids(tmp_path):
    write_reports(make_result(4), tmp_path)
    (tmp_path / "articles.csv").unlink()
    data = read_report_data(tmp_path)
    assert data.articles["doc_id"].tolist() == ["alpha", "beta"]  # gamma had no claim
    assert data.articles["title"].tolist() == ["alpha", "beta"] and data.pipeline == ""


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: (d / "flags.csv").unlink(), r"flags\.csv: not found"),
        (lambda d: (d / "claims.csv").write_text("a,b\n1,2\n"), r"claims\.csv: not a claimcheck claims\.csv: missing column"),
        (lambda d: (d / "claims.csv").write_text(""), r"claims\.csv: not a claimcheck CSV file"),
        (lambda d: (d / "alignments.csv").write_text(",".join(EXPECTED_ALIGNMENT_COLUMNS) + "\n" + "x," * 11 + "x\n"),
         r"alignments\.csv: column score must hold numbers"),
    ],
)
def test_read_report_data_errors_are_one_line(tmp_path, damage, message):
    write_reports(make_result(), tmp_path)
    damage(tmp_path)
    with pytest.raises(ReportError, match=message) as info:
        read_report_data(tmp_path)
    assert "\n" not in str(info.value)


def test_json_document(tmp_path):
    result = make_result(4)
    (path,) = write_reports(result, tmp_path, [Format.JSON])
    document = json.loads(path.read_text(encoding="utf-8"))
    assert list(document) == ["format", "pipeline", "claims", "alignments", "flags", "matrix", "articles"]
    assert document["format"] == 1 and document["pipeline"] == "en_core_web_sm-3.8.0"
    assert document["claims"] == json.loads(claims_frame(result).to_json(orient="records"))
    assert list(document["flags"][0]) == EXPECTED_FLAG_FILE_COLUMNS
    assert document["flags"][0]["severity"] == "high" and isinstance(document["flags"][0]["score"], float)
    assert list(document["matrix"][0])[:7] == MATRIX_COLUMNS
    assert document["articles"][0] == {
        "doc_id": "alpha", "title": "Alpha news", "claims": 2, "flags": 4, "high": 2, "medium": 1, "low": 1,
        "pipeline": "en_core_web_sm-3.8.0",
    }  # fmt: skip


def test_parquet_tables(tmp_path):
    pytest.importorskip("pyarrow")
    result = make_result(4)
    paths = write_reports(result, tmp_path, [Format.PARQUET])
    assert [p.name for p in paths] == [n.replace(".csv", ".parquet") for n in ALL_NAMES[:5]]
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "claims.parquet"), claims_frame(result))


def test_parquet_without_pyarrow_is_one_clear_error(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    with pytest.raises(ReportError, match=r"^Parquet output needs pyarrow.*pip install 'claimcheck\[parquet\]'$"):
        write_reports(make_result(), tmp_path, [Format.CSV, Format.PARQUET])
    assert not any(tmp_path.iterdir()), "nothing is written"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("csv,html", (Format.CSV, Format.HTML)), ("JSON, csv", (Format.CSV, Format.JSON)), ("html", (Format.HTML,))],
)
def test_parse_formats(text, expected):
    assert parse_formats(text) == expected


@pytest.mark.parametrize("text", ["", " , ", "csv,pdf"])
def test_parse_formats_refuses(text):
    with pytest.raises(ReportError):
        parse_formats(text)


def test_html_has_the_matrix_with_sentences_on_hover():
    html = render_html(make_result(4))
    positions = [html.index(f'id="{name}"') for name in ("flags", "matrix", "alignments")]
    assert positions == sorted(positions)
    assert 'title="Beta blog (beta): Acupuncture is SAFE for three to four sessions."' in html
    assert '<span class="stance stance-contradicts">contradicts</span>' in html


def test_html_matrix_escapes_hover_text():
    html = render_html(hostile_result())
    assert ' (&lt;script&gt;alert(1)&lt;/script&gt;): Vitamin &lt;script&gt;' in html


# -- wide tables -------------------------------------------------------------------------------


@pytest.mark.parametrize("articles", [3, 150])
def test_wide_csv_is_what_pandas_writes(articles: int) -> None:
    """The claim matrix of a big corpus (a categorical stance column per article) is written by a
    fast path; its text must equal pandas' own CSV, quoting, missing cells and all."""
    from claimcheck.report.write import frame_to_csv

    stances = pd.CategoricalDtype(["supports", "contradicts", "silent"])
    fixed = pd.DataFrame(
        {"cluster_id": ["C1", "C2", "C3"], "statement": ['said "yes", then no', "a\nb", "plain"], "articles": [2, 3, 10]}
    )
    codes = [[k % 3, (k + 1) % 3, -1 if k % 7 == 0 else 2] for k in range(articles)]
    cells = {f"doc,{k}" if k % 5 == 0 else f"doc{k}": pd.Categorical.from_codes(c, dtype=stances) for k, c in enumerate(codes)}
    frame = pd.concat([fixed, pd.DataFrame(cells)], axis=1)
    assert frame_to_csv(frame) == frame.to_csv(index=False, lineterminator="\n")
    assert frame_to_csv(frame.iloc[:0]) == frame.iloc[:0].to_csv(index=False, lineterminator="\n")
    lone = pd.concat([fixed[["statement"]].assign(statement=["", "x", ""]), pd.DataFrame(cells)], axis=1)
    assert frame_to_csv(lone) == lone.to_csv(index=False, lineterminator="\n")


def test_narrow_csv_is_what_pandas_writes() -> None:
    """Report tables go through the csv module from their Python values; the text must equal
    pandas' own CSV: quoting, floats, a lone empty cell and (through pandas) missing values."""
    from claimcheck.report.write import frame_to_csv

    data = ReportData.from_result(hostile_result())
    for name, frame in data.tables().items():
        assert frame_to_csv(frame) == frame.to_csv(index=False, lineterminator="\n"), name
    odd = pd.DataFrame(
        {"text": ["", 'a "quoted", cell', "line\nbreak", "tab\there", " lead"], "score": [0.1 + 0.2, 1e16, -0.0, 2.5, 1 / 3], "n": [0, 1, -2, 3, 10**12]}
    )
    assert frame_to_csv(odd) == odd.to_csv(index=False, lineterminator="\n")
    assert frame_to_csv(odd[["text"]]) == odd[["text"]].to_csv(index=False, lineterminator="\n")
    missing = odd.assign(score=[0.5, float("nan"), 1.0, 2.0, 3.0])
    assert frame_to_csv(missing) == missing.to_csv(index=False, lineterminator="\n")
    # texts repeat (each distinct one is quoted once); a carriage return; mixed Python values
    repeated = pd.DataFrame(
        {"text": ['a "b", c', "cr\rhere", 'a "b", c', "x", "cr\rhere"], "mixed": [1, 1.0, True, "1", 1], "n": [1, 2, 3, 4, 5]}
    )
    assert frame_to_csv(repeated) == repeated.to_csv(index=False, lineterminator="\n")


