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

from claimcheck.report.frames import (
    alignments_frame,
    article_summary_frame,
    claims_frame,
    flags_frame,
    kind_summary_frame,
    sorted_flags,
)
from claimcheck.types import Result, Severity

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE_NAME = "report.html.j2"


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment, built once per process; autoescaping is always on."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


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


def view_model(result: Result) -> dict[str, Any]:
    """Everything the template shows, as plain dicts, lists, strings and numbers."""
    flags = []
    for number, (row, flag) in enumerate(zip(flags_frame(result).to_dict("records"), sorted_flags(result)), 1):
        # A flag about one sentence has no sentence_b: both sets of terms are in sentence_a.
        terms_a = flag.terms_a if flag.sentence_b else flag.terms_a + flag.terms_b
        flags.append(
            {
                **row,
                "number": number,
                "segments_a": highlight(flag.sentence_a, terms_a),
                "segments_b": highlight(flag.sentence_b, flag.terms_b),
            }
        )
    kinds = kind_summary_frame(result).to_dict("records")
    return {
        "pipeline": result.pipeline,
        "counts": {
            "articles": len(result.articles),
            "claims": len(result.claims),
            "alignments": len(result.alignments),
            "flags": len(result.flags),
        },
        "severities": [s.value for s in Severity],
        "articles": article_summary_frame(result).to_dict("records"),
        "kinds": kinds,
        "flags": flags,
        "alignments": alignments_frame(result).to_dict("records"),
        "claims": claims_frame(result).to_dict("records"),
    }


def render_html(result: Result) -> str:
    """The whole report as one HTML page (inline CSS and JS, no network access needed)."""
    return environment().get_template(TEMPLATE_NAME).render(view_model(result))
