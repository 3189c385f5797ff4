"""Find quantities in text and normalize them: "about $500", "400 milligrams", "a decade or two".

Pure functions over strings, so the same rules serve every spaCy pipeline (and none).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claimcheck.types import Quantity

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "half": 0.5,
    "dozen": 12, "a dozen": 12,
}
_SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000, "trillion": 1e12}

_WORD_NUM = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|half|a[ ]dozen|dozen)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUM = rf"(?:{_DIGITS}|{_WORD_NUM})(?:\s+(?:hundred|thousand|million|billion|trillion))?"
_APPROX = r"(?P<approx>about|around|approximately|roughly|nearly|almost|some|circa|~|up[ ]to|more[ ]than|over|at[ ]least|less[ ]than|under|fewer[ ]than|as[ ]many[ ]as|as[ ]much[ ]as|as[ ]little[ ]as)"

# unit alternatives: canonical unit, dimension, factor to the canonical unit
_UNITS: tuple[tuple[str, str, str, float], ...] = (
    (r"%|percent|per[ ]?cent", "percent", "ratio", 1.0),
    (r"mg|milligrams?", "mg", "mass", 1.0),
    (r"mcg|µg|micrograms?", "mg", "mass", 0.001),
    (r"kg|kilograms?|kilos?", "mg", "mass", 1_000_000.0),
    (r"g|grams?", "mg", "mass", 1000.0),
    (r"iu|i\.u\.|international[ ]units?", "iu", "dose", 1.0),
    (r"ml|millilit(?:er|re)s?", "ml", "volume", 1.0),
    (r"l|lit(?:er|re)s?", "ml", "volume", 1000.0),
    (r"cups?", "cup", "volume_cup", 1.0),
    (r"decades?", "year", "duration", 10.0),
    (r"years?|yrs?", "year", "duration", 1.0),
    (r"months?", "year", "duration", 1 / 12),
    (r"weeks?", "year", "duration", 1 / 52),
    (r"days?", "day", "duration_day", 1.0),
    (r"hours?|hrs?", "hour", "duration_hour", 1.0),
    (r"minutes?|mins?", "minute", "duration_minute", 1.0),
    (r"times", "times", "factor", 1.0),
    (r"dollars?|usd|bucks", "usd", "money", 1.0),
    (r"pounds[ ]sterling|pounds?|gbp", "gbp", "money", 1.0),
    (r"euros?|eur", "eur", "money", 1.0),
)
_UNIT_RE = "|".join(f"(?:{u[0]})" for u in _UNITS)
_CURRENCY = {"$": "usd", "us$": "usd", "£": "gbp", "€": "eur"}

_RANGE_SEP = r"(?:\s*(?:-|–|—|to|or)\s*)"
_QTY_RE = re.compile(
    rf"""(?ix)
    (?:{_APPROX}\s+)?
    (?:between\s+)?
    (?P<cur>us\$|\$|£|€)?\s?
    (?P<n1>{_NUM})
    (?:{_RANGE_SEP}|\s+and\s+)?(?P<cur2>us\$|\$|£|€)?(?P<n2>(?<=[\s\-–—$£€])(?:{_NUM}))?
    (?:\s?(?P<mult>hundred|thousand|million|billion|bn|k|m)(?!\w))?
    (?:\s?(?P<unit>{_UNIT_RE})(?!\w))?
    """
)
_DECADE_RE = re.compile(r"(?i)\b(?P<what>(?:(?:a|the\s+(?:last|past))\s+)?decade\s+or\s+two|(?:a|the\s+(?:last|past))\s+decade|a\s+couple\s+of\s+decades|(?:a\s+)?year\s+or\s+two|(?:a|the\s+(?:last|past))\s+century)\b")
_YEAR_RE = re.compile(r"\b(?P<y>1[6-9]\d\d|20\d\d)(?P<s>s)?\b")
_COUNT_NOUN_RE = re.compile(r"\s*(?P<noun>[a-z][a-z\-]{2,})", re.I)
_NOT_COUNT_NOUNS = {"of", "and", "or", "to", "in", "on", "the", "a", "an", "is", "are", "was", "were", "that", "which", "who", "than", "at", "for", "by", "with", "from", "as"}


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    quantity: Quantity


def parse_number(text: str) -> float | None:
    """Parse "6,000", "1.5 million", "twenty-five", "a dozen" into a float."""
    t = text.strip().lower().replace("-", " ")
    if not t:
        return None
    parts = t.split()
    scale = 1.0
    if len(parts) > 1 and parts[-1] in _SCALE_WORDS:
        scale = float(_SCALE_WORDS[parts[-1]])
        parts = parts[:-1]
    t = " ".join(parts)
    if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", t):
        return float(t.replace(",", "")) * scale
    if t in _SMALL:
        return float(_SMALL[t]) * scale
    if len(parts) == 2 and parts[0] in _SMALL and parts[1] in _SMALL:
        return float(_SMALL[parts[0]] + _SMALL[parts[1]]) * scale
    return None


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _unit_info(unit: str) -> tuple[str, str, float]:
    for pattern, canon, dim, factor in _UNITS:
        if re.fullmatch(pattern, unit, flags=re.I):
            return canon, dim, factor
    return unit.lower(), "count", 1.0


_LOWER_BOUNDS = frozenset({"more than", "over", "at least"})
_UPPER_BOUNDS = frozenset({"less than", "under", "fewer than", "up to", "as little as", "as many as", "as much as"})


def _interval(low: float, high: float, approx: str) -> tuple[float, float, bool, str]:
    a = " ".join(approx.lower().split())
    if not a:
        return low, high, False, ""
    if a in _LOWER_BOUNDS:
        return low, math.inf, True, "min"
    if a in _UPPER_BOUNDS:
        return 0.0, high, True, "max"
    return low, high, True, ""


def find_quantities(text: str) -> list[Found]:
    """Every quantity in ``text`` with its character span, left to right, non-overlapping."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(s: int, e: int, q: Quantity) -> None:
        if free(s, e):
            taken.append((s, e))
            found.append(Found(s, e, q))

    for m in _DECADE_RE.finditer(text):
        what = " ".join(m.group("what").lower().split())
        what = re.sub(r"^(?:a|the last|the past) ", "", what)
        low, high = {"decade or two": (10, 20), "decade": (10, 10), "couple of decades": (20, 20), "year or two": (1, 2), "century": (100, 100)}[what]
        s, e = m.start("what"), m.end("what")
        add(s, e, Quantity(text[s:e], float(low), float(high), "year", "duration", approximate=low != high))

    for m in _QTY_RE.finditer(text):
        n1, n2 = m.group("n1"), m.group("n2")
        cur = (m.group("cur") or m.group("cur2") or "").lower()
        unit = m.group("unit") or ""
        mult = m.group("mult") or ""
        v1 = parse_number(n1)
        if v1 is None:
            continue
        v2 = parse_number(n2) if n2 else None
        scale = float(_SCALE_WORDS.get(mult.lower(), 1)) if mult else 1.0
        s, e = m.start(), m.end()
        is_word_number = not re.match(r"\d", n1.strip())
        if cur:
            canon, dim, factor = _CURRENCY[cur], "money", 1.0
        elif unit:
            canon, dim, factor = _unit_info(unit)
        else:
            y = _YEAR_RE.fullmatch(n1.strip())
            if y and not n2 and not m.group("approx"):
                year = float(y.group("y"))
                ys, ye = m.start("n1"), m.end("n1")
                decade = text[ye : ye + 1] == "s"
                add(ys, ye + decade, Quantity(text[ys : ye + decade], year, year + 9.0 * decade, "year", "date", approximate=decade))
                continue
            noun = _COUNT_NOUN_RE.match(text, m.end())
            if is_word_number and n1.strip().lower() in {"a", "an", "half", "one"} and not n2:
                continue  # "a", "one" on their own are articles far more often than counts
            if noun and noun.group("noun").lower() not in _NOT_COUNT_NOUNS:
                word = noun.group("noun").lower()
                canon, dim, factor = _singular(word), "count", 1.0
                e = noun.end()
            elif is_word_number:
                continue
            else:
                canon, dim, factor = "", "number", 1.0
        if n2 is not None and v2 is None:
            continue
        low, high = v1 * scale * factor, (v2 if v2 is not None else v1) * scale * factor
        if low > high:
            low, high = high, low
        low, high, approx, bound = _interval(low, high, m.group("approx") or "")
        while e > s and text[e - 1].isspace():
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        add(s, e, Quantity(text[s:e], low, high, canon, dim, approximate=approx or v2 is not None, bound=bound))
    found.sort(key=lambda f: f.start)
    return found


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities measure the same kind of thing in the same unit."""
    return a.dimension == b.dimension and a.unit == b.unit and a.dimension != "number"


def conflict(a: Quantity, b: Quantity, tolerance: float = 0.25) -> bool:
    """Whether two comparable quantities cannot both be right.

    Exact values must match (to 1%); an approximate value ("about", "around", a range) stretches by
    ``tolerance`` either way before the intervals are tested for overlap.
    """
    if not comparable(a, b):
        return False

    if a.bound and a.bound == b.bound:  # "up to 400 mg" vs "up to 1,200 mg": the limits themselves differ
        va, vb = (a.high, b.high) if a.bound == "max" else (a.low, b.low)
        return abs(va - vb) > tolerance * max(abs(va), abs(vb))

    def widen(q: Quantity) -> tuple[float, float]:
        if q.dimension == "date":  # years: a decade ("1990s") is its own range, a year is exact
            return q.low - 0.4, q.high + 0.4
        if q.approximate:
            return q.low * (1 - tolerance), q.high * (1 + tolerance)
        return q.low * 0.99, q.high * 1.01

    alo, ahi = widen(a)
    blo, bhi = widen(b)
    return ahi < blo or bhi < alo
