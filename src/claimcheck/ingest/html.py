"""HTML -> candidate blocks with the standard library's ``html.parser`` (no new dependency).

The parser is event based and the open-element stack is a plain list, so deeply nested pages do
not recurse. Dropped with everything inside them: script, style, noscript, template, head (except
``<title>``), nav, footer, aside, form, svg, math, iframe and similar embeds, form controls,
elements marked ``hidden``/``aria-hidden="true"``/``display:none``, and elements whose class or id
names a widget (``share-buttons``, ``related-posts``, ``sidebar``, ``comments``, ``cookie-notice``,
``menu``...). Comments, processing instructions and doctypes are ignored.

Block-level elements end a block: h1-h6 give HEADING blocks, li gives LIST_ITEM, everything else
(p, div, td, blockquote, ...) PARAGRAPH, except that a short Title-Case paragraph outside a table
cell (``<p><b>Synopsis</b></p>``) counts as a HEADING. Table cells are one block each. Runs of whitespace become one space mapped to the start of
the run; entities and character references are decoded, each decoded character mapping to the
start of its reference. ``<br>`` is a space, or a block break after a finished sentence or when
two come in a row.

Markup that can never be completed (a ``<`` with no ``>`` after it, a comment or ``<![CDATA[`` that
is never closed, an unknown ``<![...`` section, a ``&#`` that starts no character reference) is read
as plain text, as ``html.parser`` would read it in the end, but without the quadratic re-scanning
(and, for unknown ``<![`` sections, the AssertionError) that such input causes in it.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from claimcheck.ingest.boilerplate import Candidate
from claimcheck.ingest.mapped import EMPTY, Mapped, MappedBuilder
from claimcheck.ingest.shapes import ends_sentence, looks_like_heading
from claimcheck.types import BlockKind

_SKIP = frozenset(
    "script style noscript template head nav footer aside form svg math iframe object canvas "
    "button select textarea audio video map dialog datalist".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen".split())
_BLOCK = frozenset(
    "address article blockquote body caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu ol p pre section "
    "summary table tbody td tfoot th thead title tr ul".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_NEVER_WIDGET = frozenset("html body main article".split())
_WIDGET_NAME = re.compile(
    r"^(?:(?:jp|sd|wp|td|et|fl)[-_])?(?:share|sharing|sharedaddy|social|related|comments?|respond|sidebar|widgets?|cookies?|consent|gdpr"
    r"|breadcrumbs?|navbar|navigation|menu|footer|advert\w*|ads?|adsbygoogle|newsletter|subscribe"
    r"|popup|modal|promo|sponsored|author-?bio|about-?author|skip-?link|screen-reader-text|wp-caption-text)(?:[-_]|$)",
    re.I,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACE = re.compile(r"\s+")
_ENTITY_AT = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][-.A-Za-z0-9]*);?")

# What html.parser needs to see after a construct to complete it (a superset of its own rules).
_MARKUP_START = re.compile(r"<|&#")
_COMMENT_CLOSE = re.compile(r"--!?\s*>")
_SECTION_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*")
_SECTION_CLOSE = re.compile(r"\]\s*\]\s*>")  # <![CDATA[ ... ]]>
_MS_SECTION_CLOSE = re.compile(r"\]\s*>")  # <![if ...]> ... <![endif]>
_SECTIONS = frozenset(["temp", "cdata", "ignore", "include", "rcdata"])
_MS_SECTIONS = frozenset(["if", "else", "endif"])
_CHARREF = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]")
_INERT = "\ue000"  # stands for a defused "<" or "&" in the copy the parser reads
_TAIL = 200  # characters of a block enough to tell whether it ends a sentence


def _last_start(pattern: re.Pattern[str], text: str) -> int:
    last = -1
    for match in pattern.finditer(text):
        last = match.start()
    return last


def _defused(source: str) -> str:
    """``source`` with the ``<`` or ``&`` of every construct that can never be completed made inert.

    The copy has the same length and line breaks, so parser positions are source positions; the
    text of the blocks is always taken from ``source``. Linear time: each kind of closing is looked
    up once, from the end.
    """
    last_gt = source.rfind(">")
    closes: dict[str, int] = {}

    def last(pattern: re.Pattern[str]) -> int:
        if pattern.pattern not in closes:
            closes[pattern.pattern] = _last_start(pattern, source)
        return closes[pattern.pattern]

    inert: list[int] = []
    for match in _MARKUP_START.finditer(source):
        i = match.start()
        if match.group() == "&#":
            if not _CHARREF.match(source, i):
                inert.append(i)
        elif i >= last_gt:
            inert.append(i)
        elif source.startswith("<!--", i):
            if last(_COMMENT_CLOSE) < i + 4:
                inert.append(i)
        elif source.startswith("<![", i):
            name = _SECTION_NAME.match(source, i + 3)
            kind = name.group().lower() if name else ""
            if kind in _SECTIONS:
                if last(_SECTION_CLOSE) < i + 3:
                    inert.append(i)
            elif kind not in _MS_SECTIONS or last(_MS_SECTION_CLOSE) < i + 3:
                inert.append(i)
    parts = []
    previous = 0
    for i in inert:
        parts += (source[previous:i], _INERT)
        previous = i + 1
    parts.append(source[previous:])
    return "".join(parts)


def parse_html(text: str) -> tuple[list[Candidate], Mapped]:
    """Candidate blocks of the page, and the text of its ``<title>`` (EMPTY when none)."""
    parser = _BlockParser(text)
    parser.feed(_defused(text))
    parser.close()
    parser.flush()
    return parser.blocks, parser.title


def looks_like_html(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:2000].lower()


class _BlockParser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.blocks: list[Candidate] = []
        self.title: Mapped = EMPTY
        self._buffer = MappedBuilder()
        self._title_buffer: MappedBuilder | None = None
        self._stack: list[str] = []  # open block-level elements
        self._open: dict[str, int] = {}  # how many of each are open
        self._skip_tag: str | None = None
        self._skip_nesting = 0
        self._in_head = False
        self._last_br = False

    # -- positions ----------------------------------------------------------------------------
    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    # -- structure ----------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_nesting += 1
            return
        if tag == "head":
            self._in_head = True
            return
        if tag == "body" or (self._in_head and (tag in _BLOCK and tag != "title")):
            self._in_head = False
        if tag == "title" and self._title_buffer is None and not self.title:
            self._title_buffer = MappedBuilder()
            return
        if self._in_head:
            return
        if tag not in _VOID and (tag in _SKIP or self._hidden(tag, attrs)):
            self._skip_tag, self._skip_nesting = tag, 1
            return
        if tag == "br":
            if self._last_br or ends_sentence(self._buffer.tail(_TAIL)):
                self.flush()
            else:
                self._add_space()
            self._last_br = True
            return
        if tag in _BLOCK:
            self.flush()
            if tag in ("p", "li") and self._stack and self._stack[-1] == tag:
                self._pop(tag)  # an unclosed <p> or <li> ends where the next one starts
            if tag not in _VOID:
                self._stack.append(tag)
                self._open[tag] = self._open.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_nesting -= 1
                if self._skip_nesting == 0:
                    self._skip_tag = None
            elif tag in ("body", "html"):
                self._skip_tag = None
            return
        if tag == "head":
            self._in_head = False
            return
        if tag == "title" and self._title_buffer is not None:
            self.title = _collapse(self._title_buffer.build())
            self._title_buffer = None
            return
        if tag in _BLOCK:
            self.flush()
            if self._open.get(tag):
                self._pop(tag)

    def _pop(self, tag: str) -> None:
        while self._stack:
            top = self._stack.pop()
            self._open[top] -= 1
            if top == tag:
                return

    @staticmethod
    def _hidden(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        for name, value in attrs:
            if name == "hidden" or (name == "aria-hidden" and (value or "").lower() == "true"):
                return True
            if name == "style" and value and _HIDDEN_STYLE.search(value):
                return True
            if name in ("class", "id") and value and tag not in _NEVER_WIDGET:
                if any(_WIDGET_NAME.match(token) for token in value.split()):
                    return True
        return False

    # -- text ---------------------------------------------------------------------------------
    def _target(self) -> MappedBuilder | None:
        if self._title_buffer is not None:
            return self._title_buffer
        if self._skip_tag is not None or self._in_head:
            return None
        return self._buffer

    def handle_data(self, data: str) -> None:
        target = self._target()
        if target is None:
            return
        start = self._offset()
        target.add_exact(self.source[start : start + len(data)], start)
        if data.strip():
            self._last_br = False

    def _reference(self) -> None:
        target = self._target()
        if target is None:
            return
        start = self._offset()
        match = _ENTITY_AT.match(self.source, start)
        if not match:
            return
        raw = match.group()
        decoded = html.unescape(raw)
        if decoded == raw:
            target.add_exact(raw, start)
        else:
            target.add_replacement(decoded, start, len(raw))
        self._last_br = False

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()

    def _add_space(self) -> None:
        if len(self._buffer):
            start = self._offset()
            raw = self.get_starttag_text() or ""
            self._buffer.add_replacement(" ", start, len(raw))

    def flush(self) -> None:
        """End the current block."""
        self._last_br = False
        if not len(self._buffer):
            return
        content = _collapse(self._buffer.build())
        self._buffer = MappedBuilder()
        if not content:
            return
        level = next((int(h[1]) for h in sorted(_HEADINGS) if self._open.get(h)), 0)
        if level:
            self.blocks.append(Candidate(BlockKind.HEADING, content, level))
        elif self._open.get("li"):
            self.blocks.append(Candidate(BlockKind.LIST_ITEM, content))
        elif not (self._open.get("td") or self._open.get("th")) and looks_like_heading(content.text):
            self.blocks.append(Candidate(BlockKind.HEADING, content))  # <p><b>Synopsis</b></p>
        else:
            self.blocks.append(Candidate(BlockKind.PARAGRAPH, content))


def _collapse(content: Mapped) -> Mapped:
    return content.sub(_SPACE, lambda m: " " if m.group() != " " else 0).strip()
