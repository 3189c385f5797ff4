"""Score a comparison against gold annotations (``gold.csv`` and ``traps.csv`` beside a corpus).

gold.csv columns: doc_a, text_a, doc_b, text_b, label. ``agree`` rows must align and must not be
flagged; any other label is a contradiction of that kind that must be flagged; an empty text_b is
a flag inside one article. traps.csv has the same columns (label ``trap``): pairs that look
contradictory but are not, which must not be flagged. Gold texts match a report sentence when they
are contained in it, with case, whitespace and curly quotes folded.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.errors import CorpusError
from claimcheck.types import Flag, Result

AGREE = "agree"
TRAP = "trap"

_COUNTS = ("contradictions", "found", "found_same_kind", "flags", "true_flags", "agree_pairs", "agree_flagged",
           "agree_aligned", "traps", "traps_flagged")


@dataclass(frozen=True)
class GoldRow:
    doc_a: str
    text_a: str
    doc_b: str
    text_b: str
    label: str


@dataclass(frozen=True)
class KindScore:
    """Gold contradictions of one label: how many, found with any flag, found with a flag of that kind."""

    gold: int = 0
    found: int = 0
    same_kind: int = 0

    def __add__(self, other: KindScore) -> KindScore:
        return KindScore(self.gold + other.gold, self.found + other.found, self.same_kind + other.same_kind)

    @property
    def kind_recall(self) -> float:
        return self.same_kind / self.gold if self.gold else 1.0


@dataclass(frozen=True)
class Score:
    """Counts for one corpus (or several added up)."""

    contradictions: int = 0
    found: int = 0  # gold contradictions with a matching flag
    found_same_kind: int = 0  # ... whose flag kind equals the gold label
    flags: int = 0
    true_flags: int = 0  # flags that match some gold contradiction
    agree_pairs: int = 0
    agree_flagged: int = 0  # agree pairs that got a flag
    agree_aligned: int = 0  # agree pairs with an alignment
    traps: int = 0
    traps_flagged: int = 0  # traps that got a flag (must be none)
    kinds: tuple[tuple[str, KindScore], ...] = field(default=(), compare=False)  # per gold label
    missed: tuple[str, ...] = field(default=(), compare=False)
    false_flags: tuple[str, ...] = field(default=(), compare=False)
    flagged_traps: tuple[str, ...] = field(default=(), compare=False)
    unaligned: tuple[str, ...] = field(default=(), compare=False)  # agree pairs without an alignment

    def __add__(self, other: Score) -> Score:
        kinds = dict(self.kinds)
        for label, ks in other.kinds:
            kinds[label] = kinds.get(label, KindScore()) + ks
        return Score(
            *(getattr(self, f) + getattr(other, f) for f in _COUNTS),
            kinds=tuple(sorted(kinds.items())),
            missed=self.missed + other.missed,
            false_flags=self.false_flags + other.false_flags,
            flagged_traps=self.flagged_traps + other.flagged_traps,
            unaligned=self.unaligned + other.unaligned,
        )

    @property
    def recall(self) -> float:
        return self.found / self.contradictions if self.contradictions else 1.0

    @property
    def kind_recall(self) -> float:
        return self.found_same_kind / self.contradictions if self.contradictions else 1.0

    @property
    def precision(self) -> float:
        return self.true_flags / self.flags if self.flags else 1.0

    @property
    def alignment_recall(self) -> float:
        return self.agree_aligned / self.agree_pairs if self.agree_pairs else 1.0


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'})


def normalise(text: str) -> str:
    """Text folded for matching: straight quotes, one space for any whitespace, lower case, no end punctuation."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip().lower().rstrip(".!?;: ")


def _has(sentence: str, gold: str) -> bool:
    return bool(gold) and normalise(gold) in normalise(sentence)


def read_gold(path: Path) -> tuple[GoldRow, ...]:
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            return tuple(GoldRow(**{k: (row.get(k) or "").strip() for k in ("doc_a", "text_a", "doc_b", "text_b", "label")}) for row in csv.DictReader(fh))
    except (OSError, TypeError, ValueError) as exc:
        raise CorpusError(f"cannot read gold annotations {path}: {exc}") from exc


def read_traps(path: Path) -> tuple[GoldRow, ...]:
    """The traps of a corpus (``traps.csv``), or none when the file does not exist."""
    return read_gold(path) if path.is_file() else ()


def pair_matches(row: GoldRow, doc_a: str, sent_a: str, doc_b: str, sent_b: str) -> bool:
    """Whether a pair of report sentences (in those articles) is the pair a gold row names, either way round."""
    if not row.text_b:
        return (doc_a == row.doc_a and _has(sent_a, row.text_a)) or (doc_b == row.doc_a and _has(sent_b, row.text_a))
    forward = doc_a == row.doc_a and doc_b == row.doc_b and _has(sent_a, row.text_a) and _has(sent_b, row.text_b)
    backward = doc_a == row.doc_b and doc_b == row.doc_a and _has(sent_a, row.text_b) and _has(sent_b, row.text_a)
    return forward or backward


def _flag_matches(row: GoldRow, flag: Flag) -> bool:
    if not row.text_b:
        return not flag.sentence_b and pair_matches(row, flag.doc_a, flag.sentence_a, flag.doc_b, flag.sentence_b)
    return pair_matches(row, flag.doc_a, flag.sentence_a, flag.doc_b, flag.sentence_b)


def _pair(row: GoldRow) -> str:
    return f"{row.label}: {row.text_a!r} / {row.text_b!r}"


def score(result: Result, gold: Iterable[GoldRow], traps: Iterable[GoldRow] = ()) -> Score:
    gold = tuple(gold)
    contradictions = [g for g in gold if g.label not in (AGREE, TRAP)]
    agrees = [g for g in gold if g.label == AGREE]
    traps = tuple(traps)
    found = same_kind = 0
    missed = []
    kinds: dict[str, KindScore] = {}
    for g in contradictions:
        hits = [f for f in result.flags if _flag_matches(g, f)]
        right = any(f.kind.value == g.label for f in hits)
        kinds[g.label] = kinds.get(g.label, KindScore()) + KindScore(1, int(bool(hits)), int(right))
        if hits:
            found += 1
            same_kind += right
            if not right:
                missed.append(f"{_pair(g)} (flagged as {', '.join(sorted({f.kind.value for f in hits}))})")
        else:
            missed.append(_pair(g))
    true_flags = 0
    false_flags = []
    for f in result.flags:
        if any(_flag_matches(g, f) for g in contradictions):
            true_flags += 1
        else:
            false_flags.append(f"{f.kind.value}: {f.sentence_a[:70]!r} / {f.sentence_b[:70]!r}")
    agree_flagged = sum(any(_flag_matches(g, f) for f in result.flags) for g in agrees)
    unaligned = tuple(
        _pair(g) for g in agrees if not any(pair_matches(g, a.doc_a, a.sentence_a, a.doc_b, a.sentence_b) for a in result.alignments)
    )
    flagged_traps = tuple(_pair(t) for t in traps if any(_flag_matches(t, f) for f in result.flags))
    return Score(
        contradictions=len(contradictions), found=found, found_same_kind=same_kind, flags=len(result.flags),
        true_flags=true_flags, agree_pairs=len(agrees), agree_flagged=agree_flagged, agree_aligned=len(agrees) - len(unaligned),
        traps=len(traps), traps_flagged=len(flagged_traps), kinds=tuple(sorted(kinds.items())),
        missed=tuple(missed), false_flags=tuple(false_flags), flagged_traps=flagged_traps, unaligned=unaligned,
    )
