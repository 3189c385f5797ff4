"""Result -> one self-contained HTML page.

Rendering goes through a plain view model (dicts built from the report frames), then a Jinja2
template with autoescaping on. Article text is never turned into markup here: highlighting
splits a sentence into ``{"text", "mark"}`` segments and the template escapes each one, so a
``<mark>`` can never land inside an escaped entity.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
import pandas as pd

from claimcheck.report.data import ReportData
from claimcheck.report.frames import SEPARATOR, summarize_kinds
from claimcheck.report.matrix import MATRIX_COLUMNS, Stance
from claimcheck.types import Result, Severity

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE_NAME = "report.html.j2"
CLAIMS_SECTION = "claims_section.html.j2"  # the page's claims section, rendered on its own


class _Environment(jinja2.Environment):
    """``row.name`` on a view-model dict reads the key at once. Jinja tries the Python attribute
    first and falls back on the key through an AttributeError: one exception per table cell."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment, built once per process; autoescaping is always on."""
    return _Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def compile_templates() -> None:
    """Compile the page's templates now (Jinja2 keeps them), so processes forked later have them."""
    for name in (TEMPLATE_NAME, CLAIMS_SECTION):
        environment().get_template(name)


def _term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({t.strip() for t in terms if t and t.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(map(_term_regex, words)), re.IGNORECASE)


def _term_regex(term: str) -> str:
    """Whole-word regex for one term: a word edge may not touch another word character, so
    "safe" misses "unsafe", while "$500" or "<5 mg" (punctuation at an edge) still match."""
    body = r"\s+".join(map(re.escape, term.split()))  # any whitespace run matches any other
    before = r"(?<!\w)" if re.match(r"\w", term) else ""
    after = r"(?!\w)" if re.search(r"\w$", term) else ""
    return f"{before}(?:{body}){after}"


def highlight(text: str, terms: Iterable[str]) -> list[dict[str, Any]]:
    """Split ``text`` into segments, marking whole-word, case-insensitive matches of ``terms``.

    >>> highlight("Coffee is SAFE.", ["safe"])
    [{'text': 'Coffee is ', 'mark': False}, {'text': 'SAFE', 'mark': True}, {'text': '.', 'mark': False}]
    """
    pattern = _term_pattern(terms)
    if pattern is None or not text:
        return [{"text": text, "mark": False}] if text else []
    segments: list[dict[str, Any]] = []
    pos = 0
    for match in pattern.finditer(text):
        if match.start() > pos:
            segments.append({"text": text[pos : match.start()], "mark": False})
        segments.append({"text": match.group(), "mark": True})
        pos = match.end()
    if pos < len(text):
        segments.append({"text": text[pos:], "mark": False})
    return segments


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The frame's rows as dicts of plain Python values, like ``to_dict("records")`` without its
    per-cell boxing (the claims and alignments tables hold thousands of rows)."""
    columns = list(frame.columns)
    return [dict(zip(columns, row)) for row in zip(*(frame[c].tolist() for c in columns))]


def _terms(cell: str) -> list[str]:
    """A terms cell ("not; safe") back into its words."""
    return [t for t in cell.split(SEPARATOR) if t] if cell else []


def _flag_rows(data: ReportData) -> list[dict[str, Any]]:
    rows = []
    for number, row in enumerate(_records(data.flags), 1):
        # A flag about one sentence has no sentence_b: both sets of terms are in sentence_a.
        terms_a = _terms(row["terms_a"]) + ([] if row["sentence_b"] else _terms(row["terms_b"]))
        rows.append(
            {
                **row,
                "number": number,
                "segments_a": highlight(row["sentence_a"], terms_a),
                "segments_b": highlight(row["sentence_b"], _terms(row["terms_b"])),
            }
        )
    return rows


MATRIX_ROW_CAP = 300  # clusters shown in report.html for big corpora (matrix.csv has all)
MATRIX_DOC_CAP = 40  # article columns shown in report.html: the articles in most shown clusters


def _matrix_docs(data: ReportData) -> list[str]:
    """The article columns the HTML matrix shows (all of them unless there are very many)."""
    docs = list(data.matrix_doc_ids)
    if len(docs) <= MATRIX_DOC_CAP:
        return docs
    shown = data.matrix.iloc[:MATRIX_ROW_CAP, len(MATRIX_COLUMNS) :]
    busy = dict(zip(docs, (shown != Stance.SILENT.value).sum().tolist()))
    keep = set(sorted(docs, key=lambda d: -busy[d])[:MATRIX_DOC_CAP])
    return [d for d in docs if d in keep]


def _matrix_rows(data: ReportData, shown_docs: list[str]) -> list[dict[str, Any]]:
    """Matrix rows with, per article, its stance and the sentence of its claim (for hover and expand)."""
    doc_columns = dict(zip(data.matrix_doc_ids, [c for c in data.matrix.columns if c not in MATRIX_COLUMNS]))
    matrix = data.matrix if len(data.matrix_doc_ids) <= MATRIX_DOC_CAP else data.matrix.head(MATRIX_ROW_CAP)
    matrix = matrix[list(dict.fromkeys([*MATRIX_COLUMNS, *(doc_columns[d] for d in shown_docs)]))]
    wanted = {c for ids in matrix["claim_ids"] for c in _terms(ids)}
    members_of = data.claims.loc[data.claims["claim_id"].isin(wanted), ["claim_id", "doc_id", "sentence", "claim"]]
    claims = {c["claim_id"]: c for c in _records(members_of)}
    rows = []
    for row in _records(matrix):
        members = [claims[c] for c in _terms(row["claim_ids"]) if c in claims]
        by_doc = {m["doc_id"]: m for m in members}
        cells = []
        for doc_id in shown_docs:
            column = doc_columns[doc_id]
            member = by_doc.get(doc_id)
            cells.append(
                {
                    "doc_id": doc_id,
                    "stance": row[column],
                    "sentence": member["sentence"] if member else "",
                }
            )
        stance_of = {c["doc_id"]: c["stance"] for c in cells}
        rows.append(
            {
                **{k: row[k] for k in MATRIX_COLUMNS},
                "cells": cells,
                "members": [
                    {"doc_id": m["doc_id"], "stance": stance_of.get(m["doc_id"], ""), "sentence": m["sentence"]}
                    for m in members
                ],
            }
        )
    return rows


def claims_section(claims: pd.DataFrame) -> Markup:
    """The page's claims section (the most check-worthy claims) from the claims table alone, so
    a big report can render it while the claims are aligned. Markup: rendered with autoescaping."""
    template = environment().get_template(CLAIMS_SECTION)
    return Markup(template.render(counts={"claims": len(claims)}, claims=_capped(claims, "worthiness")))


def view_model(report: Result | ReportData, claims_html: str | None = None) -> dict[str, Any]:
    """Everything the template shows, as plain dicts, lists, strings and numbers (and the claims
    section: ``claims_html`` when it was rendered already)."""
    data = report if isinstance(report, ReportData) else ReportData.from_result(report)
    shown_docs = _matrix_docs(data)
    kinds = _records(summarize_kinds(zip(data.flags["kind"], data.flags["severity"])))
    articles = _records(data.articles)
    return {
        "pipeline": data.pipeline,
        "counts": {
            "articles": len(data.articles),
            "claims": len(data.claims),
            "alignments": len(data.alignments),
            "flags": len(data.flags),
            "clusters": len(data.matrix),
        },
        "severities": [s.value for s in Severity],
        "stances": [s.value for s in Stance],
        "articles": articles,
        "kinds": kinds,
        "flags": _flag_rows(data),
        "flag_docs": sorted((set(data.flags["doc_a"]) | set(data.flags["doc_b"])) - {""}, key=data.doc_order),
        "matrix_docs": shown_docs,
        "matrix": _matrix_rows(data, shown_docs),
        "alignments": _capped(data.alignments, "score"),
        "claims_section": Markup(claims_html) if claims_html is not None else claims_section(data.claims),
        "row_cap": HTML_ROW_CAP,
    }


HTML_ROW_CAP = 5_000  # alignments and claims shown in report.html; the CSVs hold all of them


def _capped(frame: Any, by: str) -> list[dict[str, Any]]:
    """The frame's rows, or (for big corpora) the HTML_ROW_CAP highest by ``by``, in their order."""
    if len(frame) > HTML_ROW_CAP:
        frame = frame.loc[frame[by].astype(float).nlargest(HTML_ROW_CAP).index.sort_values()]
    return _records(frame)


def render_html(report: Result | ReportData, claims_html: str | None = None) -> str:
    """The whole report as one HTML page (inline CSS and JS, no network access needed);
    ``claims_html``: its claims section, from :func:`claims_section` of the same claims table."""
    return environment().get_template(TEMPLATE_NAME).render(view_model(report, claims_html))
