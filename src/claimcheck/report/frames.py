"""Result -> pandas DataFrames: the tables behind the CSV files and the HTML report.

Each frame's leading columns are fixed by the ``*_COLUMNS`` lists below (new columns may only
be added at the end). Cells are plain values: strings, ints and floats rounded to 3 decimals.
Enums become their ``.value`` (a quantifier its lower-case name), tuples become "; "-joined text
and a missing value becomes an empty string, never NaN.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from enum import Enum
from operator import attrgetter
from typing import Any

import pandas as pd

from claimcheck.types import Claim, Comparative, Flag, FlagKind, Quantifier, Quantity, Result, Severity

SEPARATOR = "; "
SCORE_DECIMALS = 3

CLAIM_COLUMNS = [
    "claim_id", "doc_id", "sentence_index", "clause_index", "start", "end", "claim_start",
    "claim_end", "sentence", "claim", "subject", "predicate", "object", "polarity", "negations",
    "hedges", "quantities", "comparatives", "quantifier", "causal_role", "cause", "effect",
    "claim_type", "worthiness",
]  # fmt: skip
ALIGNMENT_COLUMNS = [
    "doc_a", "sentence_a", "doc_b", "sentence_b", "relation", "score", "fuzz", "overlap",
    "claim_a", "claim_b", "text_a", "text_b",
]  # fmt: skip
FLAG_COLUMNS = [
    "doc_a", "sentence_a", "doc_b", "sentence_b", "kind", "severity", "score", "explanation",
    "claim_a", "claim_b", "terms_a", "terms_b", "confidence",
]  # fmt: skip
# Columns the report adds to the tables above (ReportData): each article's title beside its id,
# and for a flag its stable id (claimcheck.review.flag_id) and the review decision about it.
TITLE_COLUMNS = ["title_a", "title_b"]
REVIEW_COLUMNS = ["review", "review_note"]
FLAG_REPORT_COLUMNS = FLAG_COLUMNS + ["flag_id", *TITLE_COLUMNS, *REVIEW_COLUMNS]
ALIGNMENT_REPORT_COLUMNS = ALIGNMENT_COLUMNS + TITLE_COLUMNS
ARTICLE_SUMMARY_COLUMNS = ["doc_id", "title", "claims", "flags", "high", "medium", "low"]
ARTICLE_COLUMNS = ARTICLE_SUMMARY_COLUMNS + ["pipeline"]
KIND_SUMMARY_COLUMNS = ["kind", "flags", "high", "medium", "low"]

# Column name -> dataclass attribute, where the two differ; every other column is the field itself.
_CLAIM_ATTRIBUTES = {"claim_id": "id", "claim": "text"}
_SEVERITIES = tuple(s.value for s in Severity)  # high, medium, low: the summary columns


def format_number(value: float) -> str:
    """500.0 -> "500", 0.25 -> "0.25": short and exact enough for a report cell."""
    if math.isfinite(value) and value == int(value):
        return str(int(value))
    return f"{value:.12g}"


def format_quantity(q: Quantity) -> str:
    """ "about $500 = 500 usd (money, approx)", "three to four = 3–4 count"."""
    amount = format_number(q.low) if q.low == q.high else f"{format_number(q.low)}–{format_number(q.high)}"
    text = f"{q.text} = " + " ".join(part for part in (amount, q.unit) if part)
    notes = [q.dimension] if q.dimension and q.dimension != q.unit else []
    if q.approximate:
        notes.append("approx")
    return f"{text} ({', '.join(notes)})" if notes else text


def format_comparative(c: Comparative) -> str:
    """ "more costly than painkillers (cost +1)"."""
    note = " ".join(part for part in (c.scale, f"{c.direction:+d}") if part)
    return f"{c.text} ({note})"


def cell(value: Any) -> Any:
    """One dataclass field value -> one CSV/DataFrame cell."""
    if value is None:
        return ""
    if isinstance(value, Quantifier):  # before Enum: an IntEnum whose value means nothing to a reader
        return value.name.lower()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float):
        return round(value, SCORE_DECIMALS)
    if isinstance(value, Quantity):
        return format_quantity(value)
    if isinstance(value, Comparative):
        return format_comparative(value)
    if isinstance(value, (tuple, list)):
        return SEPARATOR.join(str(cell(v)) for v in value)
    return value


def column(values: list[Any]) -> list[Any]:
    """A whole column of field values -> cells: what :func:`cell` does to each, with fast paths
    for the common columns of one plain type (a big corpus has hundreds of thousands of rows)."""
    kinds = set(map(type, values))
    if kinds <= {str, int}:
        return values
    if kinds == {float}:
        return [round(v, SCORE_DECIMALS) for v in values]
    if len(kinds) == 1 and issubclass(next(iter(kinds)), Enum) and not issubclass(next(iter(kinds)), Quantifier):
        return [v._value_ for v in values]  # _value_: the plain attribute behind .value (a Python-level property)
    if kinds == {tuple}:
        if all(type(x) is str for v in values for x in v):
            return [SEPARATOR.join(v) for v in values]
        return [SEPARATOR.join([str(cell(x)) for x in v]) if v else "" for v in values]  # most are empty
    return [cell(v) for v in values]


def _frame(items: Iterable[Any], columns: list[str], attributes: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Build a frame from dataclass instances, one column per (renamed) field."""
    attributes = attributes or {}
    items = list(items)
    if not items:
        return pd.DataFrame([], columns=columns)
    fields = attrgetter(*(attributes.get(col, col) for col in columns))  # every field of an item in one call
    values = zip(*map(fields, items)) if len(columns) > 1 else (list(map(fields, items)),)
    return pd.DataFrame({col: column(list(v)) for col, v in zip(columns, values)}, columns=columns)


def sorted_flags(result: Result) -> list[Flag]:
    """Flags by severity (high first), then score (highest first); ties keep their run order."""
    return sorted(result.flags, key=lambda f: (-f.severity.rank, -f.score))


def claims_frame(result: Result) -> pd.DataFrame:
    """One row per claim, in extraction order."""
    return claims_table(result.claims)


def claims_table(claims: Iterable[Claim], columns: list[str] = CLAIM_COLUMNS) -> pd.DataFrame:
    """:func:`claims_frame` of these claims (the table needs nothing else); ``columns``: some of
    its columns only (the same cells), for work that needs no others."""
    return _frame(claims, columns, _CLAIM_ATTRIBUTES)


def alignments_frame(result: Result) -> pd.DataFrame:
    """One row per aligned pair of claims, in alignment order."""
    return _frame(result.alignments, ALIGNMENT_COLUMNS)


def flags_frame(result: Result) -> pd.DataFrame:
    """One row per flag, sorted by severity (high -> low) then score (descending)."""
    return _frame(sorted_flags(result), FLAG_COLUMNS)


def _severity_counts(severities: Iterable[str]) -> list[int]:
    counts = Counter(severities)
    return [counts[s] for s in _SEVERITIES]


def summarize_articles(
    articles: Iterable[tuple[str, str]], claim_docs: Iterable[str], flags: Iterable[tuple[str, str, str]]
) -> pd.DataFrame:
    """The per-article summary from ``(doc_id, title)`` pairs, each claim's doc_id and each flag's
    ``(doc_a, doc_b, severity)``: claims, and the flags the article takes part in (as either side)."""
    claims = Counter(claim_docs)
    by_doc: dict[str, list[str]] = {}
    for doc_a, doc_b, severity in flags:
        for doc_id in {doc_a, doc_b} - {""}:
            by_doc.setdefault(doc_id, []).append(severity)
    rows = []
    for doc_id, title in articles:
        severities = by_doc.get(doc_id, [])
        rows.append([doc_id, title, claims[doc_id], len(severities), *_severity_counts(severities)])
    return pd.DataFrame(rows, columns=ARTICLE_SUMMARY_COLUMNS).astype({c: "int64" for c in ARTICLE_SUMMARY_COLUMNS[2:]})


def article_summary_frame(result: Result) -> pd.DataFrame:
    """Per article, in corpus order: its claims and the flags it takes part in (as doc_a or doc_b)."""
    return summarize_articles(
        ((a.id, a.title) for a in result.articles),
        (c.doc_id for c in result.claims),
        ((f.doc_a, f.doc_b, f.severity.value) for f in result.flags),
    )


def articles_frame(result: Result) -> pd.DataFrame:
    """articles.csv: the per-article summary plus the pipeline that read the articles."""
    frame = article_summary_frame(result)
    frame["pipeline"] = result.pipeline
    return frame[ARTICLE_COLUMNS]


def with_titles(frame: pd.DataFrame, titles: Mapping[str, str]) -> pd.DataFrame:
    """``frame`` (naming two articles in doc_a and doc_b) with their titles in title_a and title_b
    ("" for an id without a title: the second article of a flag about one sentence)."""
    frame = frame.copy()
    for side in "ab":
        frame[f"title_{side}"] = [titles.get(d, "") for d in frame[f"doc_{side}"].tolist()]
    return frame


def summarize_kinds(flags: Iterable[tuple[str, str]]) -> pd.DataFrame:
    """Per flag kind that occurs, in FlagKind order, from each flag's ``(kind, severity)``."""
    by_kind: dict[str, list[str]] = {}
    for kind, severity in flags:
        by_kind.setdefault(kind, []).append(severity)
    order = [k.value for k in FlagKind] + sorted(set(by_kind) - {k.value for k in FlagKind})
    rows = [[kind, len(by_kind[kind]), *_severity_counts(by_kind[kind])] for kind in order if kind in by_kind]
    return pd.DataFrame(rows, columns=KIND_SUMMARY_COLUMNS).astype({c: "int64" for c in KIND_SUMMARY_COLUMNS[1:]})


def kind_summary_frame(result: Result) -> pd.DataFrame:
    """Per flag kind that occurs, in FlagKind order: how many flags of each severity."""
    return summarize_kinds((f.kind.value, f.severity.value) for f in result.flags)
