"""Review decisions: stable flag ids, and a plain CSV file of dismissed and confirmed flags.

A flag's id is a pure function of the two articles and their two sentences, normalised (case,
Unicode form, punctuation and spacing do not count), and of nothing else: not the row number, the
score, the kind or the run. So the id of a flag survives reruns, a new article added to the corpus,
reordered files and new checks that relabel the flag's kind; a decision recorded against it holds
until one of its two sentences really changes.

The decisions live in ``CORPUS/claimcheck-reviews.csv`` (one row per flag: id, decision, note,
date, and the flag's articles and sentences so a diff is readable). The corpus loader reads only
article files (.txt, .md, .html), never this one.

Light to import (no pandas): ``claimcheck review`` needs nothing more.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path

from claimcheck.errors import ReviewError
from claimcheck.files import replace_atomically
from claimcheck.types import Flag, Severity

__all__ = [
    "REVIEWS_FILE", "Decision", "Review", "fail_on_counts", "fail_on_line", "find_flag", "flag_id", "id_of",
    "load_reviews", "new_review", "normalise_sentence", "record_review", "valid_flag_id",
]  # fmt: skip

REVIEWS_FILE = "claimcheck-reviews.csv"
REVIEW_COLUMNS = ["flag_id", "decision", "note", "date", "doc_a", "doc_b", "sentence_a", "sentence_b"]
FLAG_ID_LENGTH = 12
_FLAG_ID = re.compile(rf"[0-9a-f]{{{FLAG_ID_LENGTH}}}")
_NOT_WORD = re.compile(r"[\W_]+")


class Decision(str, Enum):
    """What a reviewer decided about a flag."""

    DISMISSED = "dismissed"  # checked: not a real conflict; compare shows it apart, --fail-on ignores it
    CONFIRMED = "confirmed"  # checked: a real conflict


@dataclass(frozen=True)
class Review:
    """One recorded decision about one flag."""

    flag_id: str
    decision: Decision
    note: str = ""
    date: str = ""  # ISO date the decision was recorded
    doc_a: str = ""
    doc_b: str = ""
    sentence_a: str = ""
    sentence_b: str = ""


def normalise_sentence(sentence: str) -> str:
    """The sentence as the flag id sees it: NFKC, case-folded, every run of punctuation and space
    one space ("The FDA’s  approval." and "the fda's approval" are the same)."""
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", sentence).casefold()).strip()


def flag_id(doc_a: str, sentence_a: str, doc_b: str, sentence_b: str) -> str:
    """The stable id of a flag between ``sentence_a`` of ``doc_a`` and ``sentence_b`` of ``doc_b``:
    12 hex digits. The two sides are taken in sorted order, so a flag found the other way round
    keeps its id; a flag about one sentence has ``sentence_b`` empty."""
    sides = sorted([(doc_a, normalise_sentence(sentence_a)), (doc_b, normalise_sentence(sentence_b))])
    key = "\x1f".join(part for side in sides for part in side)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:FLAG_ID_LENGTH]


def id_of(flag: Flag) -> str:
    """The stable id of ``flag`` (:func:`flag_id` of its articles and sentences)."""
    return flag_id(flag.doc_a, flag.sentence_a, flag.doc_b, flag.sentence_b)


def valid_flag_id(text: str) -> str:
    """``text`` as a flag id (trimmed, lower case); ReviewError when it is not one."""
    found = text.strip().lower()
    if not _FLAG_ID.fullmatch(found):
        raise ReviewError(
            f"{text!r} is not a flag id (12 hex digits, as in the flag_id column of flags.csv and beside each flag in report.html)"
        )
    return found


def reviews_path(corpus: Path) -> Path:
    return Path(corpus) / REVIEWS_FILE


def load_reviews(corpus: Path) -> dict[str, Review]:
    """The decisions recorded for the corpus folder ``corpus``, by flag id ({} when none)."""
    path = reviews_path(corpus)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in ("flag_id", "decision") if c not in (reader.fieldnames or [])]
    if missing:
        raise ReviewError(f"{path}: not a claimcheck reviews file: missing column(s) {', '.join(missing)}")
    reviews: dict[str, Review] = {}
    for line, row in enumerate(reader, 2):
        try:
            review = Review(
                valid_flag_id(row["flag_id"] or ""),
                Decision((row["decision"] or "").strip().lower()),
                **{c: row.get(c) or "" for c in REVIEW_COLUMNS[2:]},
            )
        except (ReviewError, ValueError):
            raise ReviewError(
                f"{path}, line {line}: expected a flag id and a decision ({', '.join(d.value for d in Decision)})"
            ) from None
        reviews[review.flag_id] = review  # a later row wins
    return reviews


def _reviews_csv(reviews: Iterable[Review]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REVIEW_COLUMNS)
    for r in reviews:
        writer.writerow([r.flag_id, r.decision.value, r.note, r.date, r.doc_a, r.doc_b, r.sentence_a, r.sentence_b])
    return out.getvalue().encode("utf-8")


def record_review(corpus: Path, review: Review) -> Path:
    """Record ``review`` in the corpus folder's reviews file (replacing an earlier decision about
    the same flag; the others are kept in their order); returns the file's path."""
    corpus = Path(corpus)
    if not corpus.is_dir():
        raise ReviewError(f"corpus folder {corpus} not found")
    reviews = load_reviews(corpus)
    reviews.pop(review.flag_id, None)
    reviews[review.flag_id] = review
    path = reviews_path(corpus)
    try:
        replace_atomically(path, _reviews_csv(reviews.values()), durable=True)
    except OSError as exc:
        raise ReviewError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def new_review(flag: Mapping[str, str] | None, fid: str, decision: Decision, note: str = "") -> Review:
    """A decision about the flag ``fid`` made today; ``flag``: its row of flags.csv, when known
    (its articles and sentences are copied, so the reviews file reads on its own)."""
    sides = {c: (flag or {}).get(c, "") for c in ("doc_a", "doc_b", "sentence_a", "sentence_b")}
    return Review(fid, decision, " ".join(note.split()), date.today().isoformat(), **sides)


def find_flag(flags_csv: Path, fid: str) -> dict[str, str] | None:
    """The row of ``flags_csv`` (as compare wrote it) whose flag id is ``fid``; None when the file
    is missing or holds no flag ids (written by an earlier claimcheck); ReviewError when it holds
    flag ids but not this one."""
    try:
        text = Path(flags_csv).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if "flag_id" not in (reader.fieldnames or []):
        return None
    for row in reader:
        if row.get("flag_id") == fid:
            return row
    raise ReviewError(f"no flag {fid} in {flags_csv} (run `claimcheck compare` again, or pass --reports DIR)")


def fail_on_counts(flags: Iterable[Flag], threshold: Severity, reviews: Mapping[str, Review]) -> tuple[int, int]:
    """Flags at or above ``threshold``: how many stand (not dismissed) and how many were dismissed."""
    at_or_above = [f for f in flags if f.severity.rank >= threshold.rank]
    dismissed = sum(
        reviews[fid].decision is Decision.DISMISSED for fid in map(id_of, at_or_above) if fid in reviews
    )
    return len(at_or_above) - dismissed, dismissed


def fail_on_line(open_count: int, dismissed: int, severity: str, report: str) -> str:
    """The one line ``compare --fail-on`` prints: flags at or above ``severity`` still open, how
    many more were dismissed, and where the report is."""
    flags = f"{open_count} flag{'' if open_count == 1 else 's'}"
    return f"{flags} at or above {severity} ({dismissed} dismissed); see {report}"
