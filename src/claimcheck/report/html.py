"""Result -> one self-contained HTML page.

Rendering goes through a plain view model (dicts built from the report frames), then a Jinja2
template with autoescaping on. Article text is never turned into markup here: highlighting
splits a sentence into ``{"text", "mark"}`` segments and the template escapes each one, so a
``<mark>`` can never land inside an escaped entity. The one exception is how an article is named
(title and id), built once per article with ``Markup.format``, which escapes every value.
"""

from __future__ import annotations

import functools
import re
import shlex
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
import pandas as pd

from claimcheck.report.data import Paragraph, ReportData
from claimcheck.report.frames import SEPARATOR, summarize_kinds
from claimcheck.report.matrix import MATRIX_COLUMNS, Stance
from claimcheck.review import Decision
from claimcheck.types import Relation, Result, Severity

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


SHORT_TITLE = 40  # characters of a title shown where an article is named (the whole on hover)
CONTEXT_CHARS = 360  # characters of the paragraph shown on each side of a sentence in a context view


def short_title(title: str, limit: int = SHORT_TITLE) -> str:
    """``title`` cut at a word edge to at most ``limit`` characters, with "…" when cut."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0] if " " in title[: limit - 1] else title[: limit - 1]
    return cut.rstrip(" ,;:-–") + "…"


_ARTICLE_NAME = Markup('<span class="art"><span class="t" title="{}">{}</span><code class="doc">{}</code></span>')
_ARTICLE_ID = Markup('<span class="art"><code class="doc">{}</code></span>')


def _name(doc_id: str, title: str, n: int, has_text: bool) -> dict[str, Any]:
    """How the page names one article; ``html``: its short title (the whole one on hover) and id,
    as markup built once per article (Markup.format escapes each value) rather than per mention."""
    short = short_title(title)
    html = _ARTICLE_NAME.format(title, short, doc_id) if short else _ARTICLE_ID.format(doc_id)
    return {"doc_id": doc_id, "title": title, "short": short, "n": n, "text": has_text, "html": html}


class _Articles:
    """How the page names each article (short title, whole title, id, its number in the page) and
    where each sentence sits in its text (for the context view)."""

    def __init__(self, data: ReportData) -> None:
        self.texts = data.texts
        self.names: dict[str, dict[str, Any]] = {}
        for n, (doc_id, title) in enumerate(data.titles.items(), 1):
            self.names[doc_id] = _name(doc_id, title, n, bool(self.texts.get(doc_id)))
        self._found: dict[tuple[str, str], tuple[int, int, int] | None] = {}

    def name(self, doc_id: str) -> dict[str, Any]:
        known = self.names.get(doc_id)
        return known if known is not None else _name(doc_id, "", 0, False)

    def locate(self, doc_id: str, sentence: str) -> tuple[int, int, int] | None:
        """(paragraph number, start, end) of ``sentence`` in the text of ``doc_id``, or None."""
        key = (doc_id, sentence)
        if key not in self._found:
            self._found[key] = _locate(self.texts.get(doc_id, ()), sentence) if sentence else None
        return self._found[key]

    def paragraph_id(self, doc_id: str, sentence: str) -> str:
        """The page id of the paragraph holding ``sentence`` ("" when not found)."""
        found = self.locate(doc_id, sentence)
        return f"text-{self.names[doc_id]['n']}-p{found[0]}" if found else ""

    def context(self, doc_id: str, sentence: str, terms: Sequence[str]) -> dict[str, Any] | None:
        """The paragraph around ``sentence``: the text before and after it (cut to CONTEXT_CHARS)
        and the sentence as highlighted segments, with the paragraph's page id; None if not found."""
        found = self.locate(doc_id, sentence)
        if found is None:
            return None
        index, start, end = found
        text = self.texts[doc_id][index].text
        before, after = text[:start], text[end:]
        if len(before) > CONTEXT_CHARS:
            before = "…" + before[-CONTEXT_CHARS:].split(" ", 1)[-1]
        if len(after) > CONTEXT_CHARS:
            after = after[:CONTEXT_CHARS].rsplit(" ", 1)[0] + "…"
        return {
            "id": self.paragraph_id(doc_id, sentence),
            "before": before,
            "sentence": highlight(text[start:end], terms),
            "after": after,
        }


def _locate(paragraphs: Sequence[Paragraph], sentence: str) -> tuple[int, int, int] | None:
    """Where ``sentence`` is in ``paragraphs``: exactly, else with any run of spaces matching any other."""
    for index, p in enumerate(paragraphs):
        at = p.text.find(sentence)
        if at >= 0:
            return index, at, at + len(sentence)
    words = sentence.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    for index, p in enumerate(paragraphs):
        match = pattern.search(p.text)
        if match:
            return index, match.start(), match.end()
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a file name's undecodable bytes, kept as surrogates
        return False
    return True


DEFAULT_CORPUS = "corpus"  # the review command's default --corpus


def review_command(fid: str, decision: Decision, corpus: str) -> str:
    """The command line recording ``decision`` about the flag ``fid`` in ``corpus`` (named unless
    it is the default folder, or cannot be shown as text)."""
    option = "--dismiss" if decision is Decision.DISMISSED else "--confirm"
    shown = corpus and corpus.isprintable() and _encodable(corpus) and Path(corpus) != Path(DEFAULT_CORPUS)
    where = f" --corpus {shlex.quote(corpus)}" if shown else ""
    return f"claimcheck review {fid} {option}{where}"


def _flag_rows(data: ReportData, articles: _Articles) -> list[dict[str, Any]]:
    rows = []
    for number, row in enumerate(_records(data.flags), 1):
        # A flag about one sentence has no sentence_b: both sets of terms are in sentence_a.
        terms_a = _terms(row["terms_a"]) + ([] if row["sentence_b"] else _terms(row["terms_b"]))
        terms_b = _terms(row["terms_b"])
        rows.append(
            {
                **row,
                "number": number,
                "art_a": articles.name(row["doc_a"]),
                "art_b": articles.name(row["doc_b"]),
                "segments_a": highlight(row["sentence_a"], terms_a),
                "segments_b": highlight(row["sentence_b"], terms_b),
                "context_a": articles.context(row["doc_a"], row["sentence_a"], terms_a),
                "context_b": articles.context(row["doc_b"], row["sentence_b"], terms_b) if row["sentence_b"] else None,
                "dismiss": review_command(row["flag_id"], Decision.DISMISSED, data.corpus),
            }
        )
    return rows


GLANCE_DOCS = 12  # articles in the article x article picture (the most involved ones)
GLANCE_PAIRS = 40  # pairs of articles in the list shown instead on narrow screens


def _pair_counts(data: ReportData) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """Agreements (alignments with relation agree) and standing contradictions (flags not
    dismissed) per pair of articles, the pair's ids sorted; a flag inside one article counts for
    the pair (doc, doc)."""
    agreeing = data.alignments[
        (data.alignments["relation"] == Relation.AGREE.value) & (data.alignments["doc_a"] != data.alignments["doc_b"])
    ]
    agree = Counter(tuple(sorted(p)) for p in zip(agreeing["doc_a"].tolist(), agreeing["doc_b"].tolist()))
    standing = data.flags[data.flags["review"] != Decision.DISMISSED.value]
    contra = Counter(tuple(sorted((a, b or a))) for a, b in zip(standing["doc_a"].tolist(), standing["doc_b"].tolist()))
    return agree, contra


def _glance(data: ReportData, articles: _Articles) -> dict[str, Any]:
    """The article x article picture (the GLANCE_DOCS most involved articles) and the list of the
    pairs of articles that agree or conflict most (for narrow screens)."""
    agree, contra = _pair_counts(data)
    involved: Counter[str] = Counter()
    for counts in (agree, contra):
        for (a, b), n in counts.items():
            involved[a] += n
            involved[b] += n
    docs = [d for d in data.doc_ids if involved[d]]
    if len(docs) > GLANCE_DOCS:
        keep = set(sorted(docs, key=lambda d: -involved[d])[:GLANCE_DOCS])
        docs = [d for d in docs if d in keep]

    def cell(a: str, b: str) -> dict[str, Any]:
        key = (a, b) if a <= b else (b, a)
        n_agree, n_contra = agree.get(key, 0), contra.get(key, 0)
        level = "conflict" if n_contra and n_contra >= n_agree else "mixed" if n_contra else "agree" if n_agree else "none"
        return {"agree": n_agree, "contra": n_contra, "level": level, "same": a == b}

    grid = [{"art": articles.name(a), "cells": [cell(a, b) for b in docs]} for a in docs]
    order = {d: i for i, d in enumerate(data.doc_ids)}
    pairs = sorted(
        set(agree) | set(contra),
        key=lambda p: (-contra.get(p, 0), -agree.get(p, 0), order.get(p[0], -1), order.get(p[1], -1), p),
    )
    listed = [
        {"art_a": articles.name(a), "art_b": articles.name(b), **cell(a, b)} for a, b in pairs[:GLANCE_PAIRS]
    ]
    return {"docs": [articles.name(d) for d in docs], "grid": grid, "pairs": listed, "pair_count": len(pairs)}


def _alignment_rows(data: ReportData, articles: _Articles) -> list[dict[str, Any]]:
    rows = _capped(data.alignments, "score")
    for row in rows:
        row["art_a"], row["art_b"] = articles.name(row["doc_a"]), articles.name(row["doc_b"])
        row["p_a"] = articles.paragraph_id(row["doc_a"], row["sentence_a"])
        row["p_b"] = articles.paragraph_id(row["doc_b"], row["sentence_b"])
    return rows


def _text_views(data: ReportData, articles: _Articles) -> list[dict[str, Any]]:
    """Each article's text, for the page's article texts section (which the context links open)."""
    return [
        {**articles.name(doc_id), "paragraphs": data.texts[doc_id]}
        for doc_id in data.doc_ids
        if data.texts.get(doc_id)
    ]


MATRIX_ROW_CAP = 300  # clusters shown in report.html for big corpora (matrix.csv has all)
MATRIX_DOC_CAP = 40  # article columns shown in report.html: the articles in most shown clusters
MATRIX_WIDE_DOCS = 4  # more article columns than this: numbered columns and symbol cells, to fit the page


def _matrix_docs(data: ReportData) -> list[str]:
    """The article columns the HTML matrix shows (all of them unless there are very many)."""
    docs = list(data.matrix_doc_ids)
    if len(docs) <= MATRIX_DOC_CAP:
        return docs
    shown = data.matrix.iloc[:MATRIX_ROW_CAP, len(MATRIX_COLUMNS) :]
    busy = dict(zip(docs, (shown != Stance.SILENT.value).sum().tolist()))
    keep = set(sorted(docs, key=lambda d: -busy[d])[:MATRIX_DOC_CAP])
    return [d for d in docs if d in keep]


def _matrix_rows(data: ReportData, shown_docs: list[str], articles: _Articles) -> list[dict[str, Any]]:
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
                    "art": articles.name(doc_id),
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
                    {"doc_id": m["doc_id"], "art": articles.name(m["doc_id"]), "stance": stance_of.get(m["doc_id"], ""), "sentence": m["sentence"]}
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
    names = _Articles(data)
    articles = [{**row, "art": names.name(row["doc_id"])} for row in _records(data.articles)]
    flags = _flag_rows(data, names)
    dismissed = [f for f in flags if f["review"] == Decision.DISMISSED.value]
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
        "flags": [f for f in flags if f["review"] != Decision.DISMISSED.value],
        "dismissed": dismissed,
        "confirmed": sum(f["review"] == Decision.CONFIRMED.value for f in flags),
        "flag_docs": [
            names.name(d) for d in sorted((set(data.flags["doc_a"]) | set(data.flags["doc_b"])) - {""}, key=data.doc_order)
        ],
        "glance": _glance(data, names),
        "matrix_docs": [names.name(d) for d in shown_docs],
        "matrix_compact": len(shown_docs) > MATRIX_WIDE_DOCS,
        "matrix": _matrix_rows(data, shown_docs, names),
        "alignments": _alignment_rows(data, names),
        "texts": _text_views(data, names),
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
