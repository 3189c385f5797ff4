"""Decoded text -> (title, blocks): pick the parser, drop boilerplate, find the title.

Two guards keep hostile files from stalling the NLP stage (spaCy refuses texts over a million
characters, and its tokenizer is quadratic on long runs of punctuation or emoji):

* in a paragraph or list item, a run of 100 or more characters that are neither letters, digits
  nor whitespace (separator lines, emoji walls, ASCII art) becomes one space mapped onto the
  run, so a block that is only such a run disappears;
* a paragraph or list item longer than :data:`MAX_BLOCK_CHARS` is cut into several blocks, at the
  last sentence end before the limit, else at the last whitespace, else at the limit.
"""

from __future__ import annotations

import re

from claimcheck.ingest.boilerplate import Candidate, remove_boilerplate, split_glued_title
from claimcheck.ingest.html import looks_like_html, parse_html
from claimcheck.ingest.mapped import EMPTY, Mapped
from claimcheck.ingest.shapes import strip_label, words
from claimcheck.ingest.text import SPACE, parse_markdown, parse_plain
from claimcheck.types import Block, BlockKind

HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
_MAX_BRANDING_WORDS = 12
MAX_BLOCK_CHARS = 10_000  # no real paragraph is this long; longer ones are cut into several blocks
_JUNK_RUN = re.compile(r"(?:[^\w\s]|_){100,}")  # 100+ characters that are not letters, digits or space
_SENTENCE_BREAK = re.compile(r"[.!?\u2026\u3002\uff01\uff1f][\"'\u201d\u2019)\]]*\s+")
_BODY_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|\u00bb|\u00b7|\u2022)\s+")


def parse(text: str, suffix: str) -> tuple[str, tuple[Block, ...]]:
    """The title and blocks of a decoded article; the format is chosen by suffix.

    A ``.txt`` file that starts like an HTML document is parsed as HTML.
    """
    suffix = suffix.lower()
    page_title = EMPTY
    is_html = suffix in HTML_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES and looks_like_html(text))
    if is_html:
        candidates, page_title = parse_html(text)
    elif suffix in MARKDOWN_SUFFIXES:
        candidates = parse_markdown(text)
    else:
        candidates = parse_plain(text)
    candidates = remove_boilerplate(candidates)
    candidates = _with_title(candidates, page_title, is_html)
    if not any(c.kind in _BODY_KINDS for c in candidates):  # a headline line on its own is the article's one statement
        candidates += [Candidate(BlockKind.PARAGRAPH, c.text) for c in candidates if c.kind is BlockKind.TITLE and not c.level]
    blocks = []
    for candidate in candidates:
        content = candidate.text
        if candidate.kind is BlockKind.LIST_ITEM:
            content = strip_label(content)
        if candidate.kind in _BODY_KINDS and _JUNK_RUN.search(content.text):
            content = content.sub(_JUNK_RUN, " ")
        content = content.strip(SPACE)
        if not content:
            continue
        pieces = _cut(content) if candidate.kind in _BODY_KINDS and len(content) > MAX_BLOCK_CHARS else [content]
        for piece in pieces:
            blocks.append(Block(candidate.kind, piece.text, piece.offset_map()))
    title = next((b.text for b in blocks if b.kind is BlockKind.TITLE), "")
    return title, tuple(blocks)


def _cut(content: Mapped) -> list[Mapped]:
    """Cut an over-long block into pieces of at most MAX_BLOCK_CHARS (see the module docstring)."""
    text = content.text
    bounds = []
    start = 0
    while len(text) - start > MAX_BLOCK_CHARS:
        limit = start + MAX_BLOCK_CHARS
        cut = 0
        for match in _SENTENCE_BREAK.finditer(text, start + MAX_BLOCK_CHARS // 2, limit):
            cut = match.end()
        if not cut:
            space = max(text.rfind(" ", start + 1, limit), text.rfind("\n", start + 1, limit))
            cut = space + 1 if space > start else limit
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    pieces = (content.slice(a, b).strip(SPACE) for a, b in bounds)
    return [piece for piece in pieces if piece]


def _with_title(candidates: list[Candidate], page_title: Mapped, is_html: bool) -> list[Candidate]:
    """Turn the title into a TITLE candidate.

    HTML: the first ``<h1>`` (short blocks above it, such as the site name and tagline, are
    dropped; longer ones are kept), else the page ``<title>`` without a trailing " | Site Name" part
    (added as the first block), else as for text. Text and Markdown: a first paragraph with a
    title glued onto it is split (:func:`~claimcheck.ingest.boilerplate.split_glued_title`);
    otherwise the first block is the title when it is a heading or a short title-like line.
    """
    if is_html:
        for i, candidate in enumerate(candidates):
            if candidate.kind is BlockKind.HEADING and candidate.level == 1:
                before = candidates[:i]
                if all(len(words(c.text.text)) <= _MAX_BRANDING_WORDS for c in before):
                    before = []  # site name, tagline, menu leftovers above the article's <h1>
                return [*before, Candidate(BlockKind.TITLE, candidate.text, 1), *candidates[i + 1 :]]
        if page_title:
            return [Candidate(BlockKind.TITLE, _without_site_name(page_title)), *candidates]
    if not candidates:
        return candidates
    first, rest = candidates[0], candidates[1:]
    if first.kind is BlockKind.PARAGRAPH:
        split = split_glued_title(first.text)
        if split:
            title, body = split
            return [Candidate(BlockKind.TITLE, title), Candidate(BlockKind.PARAGRAPH, body), *rest]
    if first.kind is BlockKind.HEADING or (first.kind is BlockKind.PARAGRAPH and _title_like(first.text.text)):
        return [Candidate(BlockKind.TITLE, first.text, first.level), *rest]
    return candidates


def _title_like(text: str) -> bool:
    text = text.strip()
    return (
        0 < len(words(text)) <= 15
        and text[-1] not in ".,;:!\u2026\u3002\uff01\uff0c"  # also the CJK full stop, "!" and comma
        and not re.search(r"[.!?;]\s|[\u3002\uff01\uff1f](?=\S)", text)
    )


def _without_site_name(title: Mapped) -> Mapped:
    parts = []
    start = 0
    for match in _TITLE_SEPARATOR.finditer(title.text):
        parts.append((start, match.start()))
        start = match.end()
    parts.append((start, len(title.text)))
    if len(parts) == 1:
        return title
    best = max(parts, key=lambda p: (len(words(title.text[p[0] : p[1]])), -p[0]))
    return title.slice(*best)
