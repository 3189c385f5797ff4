"""Plain text and Markdown -> candidate blocks, line by line.

Both formats are cut into lines (``\\r\\n``, ``\\r`` and ``\\n`` all end a line; the text itself is
never rewritten) and then grouped the same way:

* a blank line ends a block;
* a list line ("- item", "• item", "1. item", "a) item") starts a LIST_ITEM block, marker dropped;
  an indented or lower-case line after it continues the item, any other line ends it;
* a short line that looks like a heading (Title Case or at most three words, no sentence
  punctuation) becomes a HEADING block when it starts a block or follows a finished sentence and
  the next line does not continue it in lower case, so "The Effects of Botox" between two
  one-line paragraphs is a heading even without blank lines around it;
* a line that follows a finished sentence (``. ! ? : ;``, not "Dr." and the like) and does not
  start in lower case starts a new block, so files with one paragraph per line get one block per
  line, while hard-wrapped paragraphs are joined: each line break, with the indentation around
  it, becomes one space that maps to the break.

Markdown adds ``#`` and underlined headings, drops fenced code, front matter, HTML comments,
horizontal rules, link reference definitions and tables (table rows are data, not sentences),
strips ``>`` quote markers and task boxes, and inside lines removes emphasis markers (``*``, ``_``,
``~~``, backticks), images and inline HTML tags, keeps the text of links and decodes entities.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import Enum

from claimcheck.ingest.boilerplate import Candidate
from claimcheck.ingest.mapped import Mapped, join
from claimcheck.ingest.shapes import LIST_MARKER, ends_sentence, looks_like_heading, words
from claimcheck.types import BlockKind

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Whitespace to trim around lines: str.isspace() characters plus BOM and zero-width space.
SPACE = " \t\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff\x1c\x1d\x1e\x1f\x85\u2028\u2029\n\r"


class LineKind(Enum):
    BLANK = "blank"  # ends the current block
    TEXT = "text"
    ITEM = "item"
    HEADING = "heading"


@dataclass(frozen=True)
class Line:
    kind: LineKind
    content: Mapped
    level: int = 0
    indented: bool = False


def split_lines(text: str) -> list[Mapped]:
    """Every line of ``text`` without its terminator, as exact mapped slices."""
    lines = []
    start = 0
    for match in _LINE_BREAK.finditer(text):
        lines.append(Mapped.exact(text, start, match.start()))
        start = match.end()
    if start < len(text):
        lines.append(Mapped.exact(text, start))
    return lines


def parse_plain(text: str) -> list[Candidate]:
    return group_lines([_plain_line(line) for line in split_lines(text)])


def _plain_line(line: Mapped) -> Line:
    content = line.strip(SPACE)
    if not content:
        return Line(LineKind.BLANK, content)
    match = LIST_MARKER.match(content.text)
    if match:
        return Line(LineKind.ITEM, content.slice(match.end()).strip(SPACE))
    return Line(LineKind.TEXT, content, indented=line.text[:1] in (" ", "\t"))


def group_lines(lines: list[Line]) -> list[Candidate]:
    """Group classified lines into candidate blocks (rules in the module docstring)."""
    blocks: list[Candidate] = []
    current: list[Mapped] = []
    kind = BlockKind.PARAGRAPH

    def flush() -> None:
        if current:
            blocks.append(Candidate(kind, join(current)))
            current.clear()

    for i, line in enumerate(lines):
        if line.kind is LineKind.BLANK or not line.content:
            flush()
            continue
        if line.kind is LineKind.HEADING:
            flush()
            blocks.append(Candidate(BlockKind.HEADING, line.content, line.level))
            continue
        if line.kind is LineKind.ITEM:
            flush()
            kind = BlockKind.LIST_ITEM
            current.append(line.content)
            continue
        text = line.content.text
        lower_start = text[:1].islower()
        fresh = (
            not current
            or (ends_sentence(current[-1].text) and not lower_start)
            or (kind is BlockKind.LIST_ITEM and not line.indented and not lower_start)
        )
        if not blocks and not current and _is_headline(line, lines[i + 1] if i + 1 < len(lines) else None):
            blocks.append(Candidate(BlockKind.HEADING, line.content))
            continue
        if fresh and looks_like_heading(text):
            following = lines[i + 1] if i + 1 < len(lines) else None
            continues = following is not None and following.kind is LineKind.TEXT and following.content.text[:1].islower()
            if not continues:
                flush()
                blocks.append(Candidate(BlockKind.HEADING, line.content))
                continue
        if fresh:
            flush()
            kind = BlockKind.PARAGRAPH
        current.append(line.content)
    flush()
    return blocks


_WRAP_WIDTH = 100  # a line longer than this is not hard-wrapped


def _is_headline(line: Line, following: Line | None) -> bool:
    """A file's first line is a headline, not the start of a paragraph, when it has no final
    punctuation and the next line starts a sentence of its own: a capitalised line that is not a
    hard-wrapped continuation (it ends a sentence, or is longer than a wrapped line)."""
    text = line.content.text
    if following is None or following.kind is not LineKind.TEXT or ends_sentence(text) or text.endswith(","):
        return False
    nxt = following.content.text
    starts = nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in "\"“'‘"
    return len(words(text)) <= 30 and starts and (ends_sentence(nxt) or len(nxt) > _WRAP_WIDTH) and len(text) <= _WRAP_WIDTH * 2


# -- Markdown ---------------------------------------------------------------------------------

_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^[ ]{0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
_SETEXT = re.compile(r"^[ ]{0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_TABLE_SEPARATOR = re.compile(r"^[ \t]*(?:\|[ \t]*)?:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)+\|?[ \t]*$|^[ \t]*\|[ \t]*:?-{2,}:?[ \t]*\|[ \t]*$")
_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:[ \t]*\S+")
_QUOTE = re.compile(r"^(?:[ ]{0,3}>[ \t]?)+")  # all the ">" markers of a nested quote at once
_TASK = re.compile(r"^\[[ xX]\][ \t]+")
_HTML_ONLY = re.compile(r"^[ \t]*(?:</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>[ \t]*)+$")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")

_INLINE = (
    (re.compile(r"<!--(?:(?!<!--|-->).)*-->"), ""),
    (re.compile(r"!\[[^\[\]]*\]\([^()\[\]]*\)|!\[[^\[\]]*\]\[[^\[\]]*\]"), ""),
    (re.compile(r"\[([^\[\]]+)\]\(\s*<?[^()\[\]\s<>]*>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"), 1),
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), 1),
    (re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+|[^@\s<>]+@[^@\s<>]+\.[A-Za-z]+)>"), 1),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),
    (re.compile(r"(?<!\\)`+"), ""),
    (re.compile(r"(?<![\\*\w])\*{1,3}(?=[^\s*])|(?<=[^\s\\*])\*{1,3}(?![*\w])"), ""),
    (re.compile(r"(?<![\\\w])_{1,3}(?=[^\s_])|(?<=[^\s\\_])_{1,3}(?!\w)"), ""),
    (re.compile(r"(?<!\\)~~"), ""),
    (re.compile(r"\\([!-/:-@\[-`{-~])"), 1),
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def markdown_inline(content: Mapped) -> Mapped:
    """Remove inline Markdown syntax, keeping the map to the original characters."""
    for pattern, repl in _INLINE:
        if content:
            content = content.sub(pattern, repl)
    if "&" in content.text:
        content = content.sub(_ENTITY, lambda m: html.unescape(m.group()))
    return content.strip(SPACE)


def parse_markdown(text: str) -> list[Candidate]:
    raw = split_lines(text)
    lines: list[Line] = []
    fence: str | None = None
    in_comment = False
    in_table = False
    start = 0
    if raw and raw[0].text.strip() == "---":  # YAML front matter
        for j in range(1, len(raw)):
            if _FRONT_MATTER_END.match(raw[j].text):
                start = j + 1
                break
    for line in raw[start:]:
        t = line.text
        if fence is not None:
            if t.strip().startswith(fence) and not t.strip().strip(fence[0]):
                fence = None
            lines.append(Line(LineKind.BLANK, line))
            continue
        if in_comment:
            if "-->" in t:
                in_comment = False
            lines.append(Line(LineKind.BLANK, line))
            continue
        match = _FENCE.match(t)
        if match:
            fence = match.group(1)
            lines.append(Line(LineKind.BLANK, line))
            continue
        if t.lstrip().startswith("<!--") and "-->" not in t:
            in_comment = True
            lines.append(Line(LineKind.BLANK, line))
            continue
        quote = _QUOTE.match(t)
        if quote:
            line = line.slice(quote.end())
            t = line.text
        if in_table and "|" in t:
            lines.append(Line(LineKind.BLANK, line))
            continue
        in_table = False
        if _TABLE_SEPARATOR.match(t):
            in_table = True
            if lines and lines[-1].kind is LineKind.TEXT and "|" in lines[-1].content.text:
                lines[-1] = Line(LineKind.BLANK, lines[-1].content)
            lines.append(Line(LineKind.BLANK, line))
            continue
        setext = _SETEXT.match(t)
        if setext and lines and lines[-1].kind is LineKind.TEXT and lines[-1].content:
            level = 1 if setext.group(1)[0] == "=" else 2
            lines[-1] = Line(LineKind.HEADING, lines[-1].content, level)
            lines.append(Line(LineKind.BLANK, line))
            continue
        if _RULE.match(t) or _TABLE_ROW.match(t) or _REFERENCE.match(t) or _HTML_ONLY.match(t):
            lines.append(Line(LineKind.BLANK, line))
            continue
        atx = _ATX.match(t)
        if atx:
            content = line.slice(atx.end())
            closing = _ATX_CLOSE.search(content.text)
            if closing:
                content = content.slice(0, closing.start())
            lines.append(Line(LineKind.HEADING, markdown_inline(content), len(atx.group(1))))
            continue
        content = line.strip(SPACE)
        marker = LIST_MARKER.match(content.text)
        if marker:
            item = content.slice(marker.end())
            task = _TASK.match(item.text)
            if task:
                item = item.slice(task.end())
            lines.append(Line(LineKind.ITEM, markdown_inline(item)))
            continue
        indented = line.text[:1] in (" ", "\t")
        lines.append(Line(LineKind.TEXT, markdown_inline(content), indented=indented) if content else Line(LineKind.BLANK, content))
    return group_lines(lines)
