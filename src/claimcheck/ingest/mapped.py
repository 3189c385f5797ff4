"""Strings that remember where each character came from in the decoded file.

A :class:`Mapped` is cleaned text plus segments ``(clean_start, clean_len, orig_start, orig_len,
exact)``. An exact segment maps one to one (``clean_len == orig_len``); any other segment is a
replacement (a decoded entity, a space standing for a line break) whose characters all map to
``orig_start`` and which stands for ``orig_len`` original characters. Segments make slicing,
joining and regex substitution cheap, and :meth:`Mapped.offset_map` turns them into the
:class:`~claimcheck.types.OffsetMap` that blocks carry.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Union

from claimcheck.types import OffsetMap

Segment = tuple[int, int, int, int, bool]  # clean_start, clean_len, orig_start, orig_len, exact

# What a substitution callback returns: an int keeps that group of the match (None-matching
# groups delete), a str replaces the whole match (mapped onto the match's start).
Replacement = Union[int, str]


class Mapped:
    """Immutable cleaned text with a map back to the original text."""

    __slots__ = ("text", "segments", "_starts")

    def __init__(self, text: str, segments: tuple[Segment, ...]) -> None:
        self.text = text
        self.segments = segments
        self._starts = [s[0] for s in segments]

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def exact(cls, source: str, start: int = 0, end: int | None = None) -> Mapped:
        """The slice ``source[start:end]``, mapped one to one onto the same positions."""
        end = len(source) if end is None else end
        if end <= start:
            return EMPTY
        return cls(source[start:end], ((0, end - start, start, end - start, True),))

    def __len__(self) -> int:
        return len(self.text)

    def __bool__(self) -> bool:
        return bool(self.text)

    def __repr__(self) -> str:
        return f"Mapped({self.text!r}, {self.orig_start}..{self.orig_end})"

    # -- positions ----------------------------------------------------------------------------
    def _segment(self, i: int) -> Segment:
        return self.segments[bisect.bisect_right(self._starts, i) - 1]

    def orig_pos(self, i: int) -> int:
        """Original position of clean character ``i``."""
        cs, _cl, os_, _ol, exact = self._segment(i)
        return os_ + (i - cs) if exact else os_

    def orig_char_end(self, i: int) -> int:
        """Original position just after clean character ``i``."""
        cs, _cl, os_, ol, exact = self._segment(i)
        return os_ + (i - cs) + 1 if exact else os_ + ol

    @property
    def orig_start(self) -> int:
        return self.orig_pos(0) if self.text else 0

    @property
    def orig_end(self) -> int:
        return self.orig_char_end(len(self.text) - 1) if self.text else 0

    # -- editing ------------------------------------------------------------------------------
    def slice(self, start: int, end: int | None = None) -> Mapped:
        n = len(self.text)
        end = n if end is None else min(end, n)
        start = max(0, start)
        if start >= end:
            return EMPTY
        if start == 0 and end == n:
            return self
        builder = MappedBuilder()
        k = bisect.bisect_right(self._starts, start) - 1
        while k < len(self.segments) and self.segments[k][0] < end:
            cs, cl, os_, ol, exact = self.segments[k]
            a, b = max(start, cs), min(end, cs + cl)
            if a < b:
                if exact:
                    builder.add_exact(self.text[a:b], os_ + (a - cs))
                else:
                    builder.add_replacement(self.text[a:b], os_, ol)
            k += 1
        return builder.build()

    def replace(self, start: int, end: int, text: str) -> Mapped:
        """``text`` standing for clean characters ``start:end`` (all mapped to their start)."""
        if not text or start >= end:
            return EMPTY
        orig = self.orig_pos(start)
        builder = MappedBuilder()
        builder.add_replacement(text, orig, self.orig_char_end(end - 1) - orig)
        return builder.build()

    def strip(self, chars: str | None = None) -> Mapped:
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        return self.slice(left, right)

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], Replacement] | Replacement) -> Mapped:
        """Like ``pattern.sub`` but keeping the map; see :data:`Replacement` for ``repl``."""
        builder = MappedBuilder()
        pos = 0
        changed = False
        for match in pattern.finditer(self.text):
            result = repl(match) if callable(repl) else repl
            if isinstance(result, int):
                a, b = match.span(result)
                if (a, b) == match.span():
                    continue
                builder.add(self.slice(pos, match.start()))
                if a >= 0:
                    builder.add(self.slice(a, b))
            else:
                if result == match.group():
                    continue
                builder.add(self.slice(pos, match.start()))
                builder.add(self.replace(match.start(), match.end(), result))
            pos = match.end()
            changed = True
        if not changed:
            return self
        builder.add(self.slice(pos))
        return builder.build()

    def offset_map(self) -> OffsetMap:
        """Runs for :class:`~claimcheck.types.OffsetMap`, ending exactly at :attr:`orig_end`."""
        runs: list[list[int]] = []
        for cs, cl, os_, _ol, exact in self.segments:
            if exact:
                last = runs[-1] if runs else None
                if last and last[2] and last[0] + last[2] == cs and last[1] + last[2] == os_:
                    last[2] += cl
                else:
                    runs.append([cs, os_, cl])
            else:
                runs.append([cs, os_, 0])
        n = len(self.text)
        if runs:
            last = runs[-1]
            mapped_end = last[1] + min(n - last[0], last[2])
            if mapped_end != self.orig_end:
                runs.append([n, self.orig_end, 0])
        return OffsetMap(tuple(tuple(r) for r in runs))  # type: ignore[misc]


class MappedBuilder:
    """Accumulates pieces into one :class:`Mapped`, merging contiguous exact pieces."""

    __slots__ = ("_parts", "_segments", "_length")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segments: list[Segment] = []
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def add_exact(self, text: str, orig_start: int) -> None:
        if not text:
            return
        n = len(text)
        if self._segments:
            cs, cl, os_, ol, exact = self._segments[-1]
            if exact and os_ + ol == orig_start:
                self._segments[-1] = (cs, cl + n, os_, ol + n, True)
                self._parts.append(text)
                self._length += n
                return
        self._segments.append((self._length, n, orig_start, n, True))
        self._parts.append(text)
        self._length += n

    def add_replacement(self, text: str, orig_start: int, orig_len: int) -> None:
        if not text:
            return
        self._segments.append((self._length, len(text), orig_start, orig_len, False))
        self._parts.append(text)
        self._length += len(text)

    def add(self, mapped: Mapped) -> None:
        for cs, cl, os_, ol, exact in mapped.segments:
            piece = mapped.text[cs : cs + cl]
            if exact:
                self.add_exact(piece, os_)
            else:
                self.add_replacement(piece, os_, ol)

    def text(self) -> str:
        return "".join(self._parts)

    def tail(self, n: int) -> str:
        """The end of the text: at least its last ``n`` characters after trailing whitespace.

        Cheap however long the text is (no join of everything), for checks such as
        :func:`~claimcheck.ingest.shapes.ends_sentence` made again and again while text is added.
        """
        pieces: list[str] = []
        kept = 0
        for part in reversed(self._parts):
            pieces.append(part)
            if kept or part.strip():
                kept += len(part.rstrip()) if not kept else len(part)
                if kept >= n:
                    break
        return "".join(reversed(pieces))

    def build(self) -> Mapped:
        if not self._length:
            return EMPTY
        return Mapped("".join(self._parts), tuple(self._segments))


def join(pieces: list[Mapped], separator: str = " ") -> Mapped:
    """Join pieces with ``separator``, which stands for whatever lies between them originally."""
    builder = MappedBuilder()
    previous: Mapped | None = None
    for piece in pieces:
        if not piece:
            continue
        if previous is not None and separator:
            gap_start = previous.orig_end
            builder.add_replacement(separator, gap_start, max(0, piece.orig_start - gap_start))
        builder.add(piece)
        previous = piece
    return builder.build()


EMPTY = Mapped("", ())
