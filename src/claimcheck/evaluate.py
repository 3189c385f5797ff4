"""Score a comparison against gold annotations (``gold.csv`` beside a corpus).

gold.csv columns: doc_a, text_a, doc_b, text_b, label. ``agree`` rows must align and must not be
flagged; any other label is a contradiction of that kind that must be flagged; an empty text_b is
a flag inside one article. Gold texts match a report sentence when they are contained in it
(case and whitespace folded).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.errors import CorpusError
from claimcheck.types import Flag, Result

AGREE = "agree"


@dataclass(frozen=True)
class GoldRow:
    doc_a: str
    text_a: str
    doc_b: str
    text_b: str
    label: str


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
    missed: tuple[str, ...] = field(default=(), compare=False)
    false_flags: tuple[str, ...] = field(default=(), compare=False)

    def __add__(self, other: Score) -> Score:
        return Score(
            *(getattr(self, f) + getattr(other, f) for f in ("contradictions", "found", "found_same_kind", "flags", "true_flags", "agree_pairs", "agree_flagged", "agree_aligned")),
            missed=self.missed + other.missed,
            false_flags=self.false_flags + other.false_flags,
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


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower().rstrip(".!?;: ")


def _has(sentence: str, gold: str) -> bool:
    return bool(gold) and _norm(gold) in _norm(sentence)


def read_gold(path: Path) -> tuple[GoldRow, ...]:
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            return tuple(GoldRow(**{k: (row.get(k) or "").strip() for k in ("doc_a", "text_a", "doc_b", "text_b", "label")}) for row in csv.DictReader(fh))
    except (OSError, TypeError, ValueError) as exc:
        raise CorpusError(f"cannot read gold annotations {path}: {exc}") from exc


def _matches(row: GoldRow, doc_a: str, sent_a: str, doc_b: str, sent_b: str) -> bool:
    if not row.text_b:
        return (doc_a == row.doc_a and _has(sent_a, row.text_a)) or (doc_b == row.doc_a and _has(sent_b, row.text_a))
    forward = doc_a == row.doc_a and doc_b == row.doc_b and _has(sent_a, row.text_a) and _has(sent_b, row.text_b)
    backward = doc_a == row.doc_b and doc_b == row.doc_a and _has(sent_a, row.text_b) and _has(sent_b, row.text_a)
    return forward or backward


def _flag_matches(row: GoldRow, flag: Flag) -> bool:
    if not row.text_b:
        return not flag.sentence_b and _matches(row, flag.doc_a, flag.sentence_a, flag.doc_b, flag.sentence_b)
    return _matches(row, flag.doc_a, flag.sentence_a, flag.doc_b, flag.sentence_b)


def score(result: Result, gold: tuple[GoldRow, ...]) -> Score:
    contradictions = [g for g in gold if g.label != AGREE]
    agrees = [g for g in gold if g.label == AGREE]
    found = same_kind = 0
    missed = []
    for g in contradictions:
        hits = [f for f in result.flags if _flag_matches(g, f)]
        if hits:
            found += 1
            same_kind += any(f.kind.value == g.label for f in hits)
        else:
            missed.append(f"{g.label}: {g.text_a!r} / {g.text_b!r}")
    true_flags = 0
    false_flags = []
    for f in result.flags:
        if any(_flag_matches(g, f) for g in contradictions):
            true_flags += 1
        else:
            false_flags.append(f"{f.kind.value}: {f.sentence_a[:70]!r} / {f.sentence_b[:70]!r}")
    agree_flagged = sum(any(_flag_matches(g, f) for f in result.flags) for g in agrees)
    agree_aligned = sum(
        any(_matches(g, a.doc_a, a.sentence_a, a.doc_b, a.sentence_b) for a in result.alignments) for g in agrees
    )
    return Score(
        contradictions=len(contradictions), found=found, found_same_kind=same_kind, flags=len(result.flags),
        true_flags=true_flags, agree_pairs=len(agrees), agree_flagged=agree_flagged, agree_aligned=agree_aligned,
        missed=tuple(missed), false_flags=tuple(false_flags),
    )
