"""Find quantities in text and normalize them: "about $500", "400 milligrams", "a decade or two".

Pure functions over strings, so the same rules serve every spaCy pipeline (and none).
"""

from __future__ import annotations

import functools
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
_SCALE_WORDS = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1e12,
    "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000, "tn": 1e12,
}
NUMBER_WORDS = frozenset(w for w in (*_SMALL, *_SCALE_WORDS) if " " not in w and len(w) > 2)  # "three", "million"
# Letters that scale an amount of money ("$2.5B", "€40m"); without a currency "m" is a metre.
_MONEY_SCALES = frozenset({"k", "m", "mn", "mln", "b", "bn", "tn"})

_WORD_NUM = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|half|a[ ]dozen|dozen)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# "two hundred and twelve", "one and a half", "a hundred": number words that make one number
_WORD_COMPOUND = rf"{_WORD_NUM}(?:\s+hundred(?:\s+(?:and\s+)?{_WORD_NUM}(?![\w]))?|\s+and\s+a\s+half)?"
_NUM = rf"(?:(?<![A-Za-z]-)(?<![A-Za-z\d.,]){_DIGITS}(?![\d]|st\b|nd\b|rd\b|th\b)|(?<![\w\-]){_WORD_COMPOUND}(?![\w]))(?:\s+(?:hundred|thousand|million|billion|trillion))?"
_APPROX = r"(?P<approx>about|around|approximately|roughly|nearly|almost|some|circa|~|up[ ]to|more[ ]than|upwards?[ ]of|in[ ]excess[ ]of|over|at[ ]least|less[ ]than|under|fewer[ ]than|as[ ]many[ ]as|as[ ]much[ ]as|as[ ]little[ ]as)"

# Units that are not physical measures, or whose sense here is not the SI one: canonical unit,
# dimension, factor to the canonical unit. Physical units (length, mass, speed, ...) are read
# and converted by pint (see ``_physical``).
_UNITS: tuple[tuple[str, str, str, float], ...] = (
    (r"%|percent|per[ ]?cent", "percent", "ratio", 1.0),
    (r"iu|i\.u\.|international[ ]units?", "iu", "dose", 1.0),
    (r"decades?", "year", "duration", 10.0),
    (r"years?|yrs?", "year", "duration", 1.0),
    (r"months?", "year", "duration", 1 / 12),
    (r"weeks?", "year", "duration", 1 / 52),
    (r"days?", "day", "duration_day", 1.0),
    (r"hours?|hrs?", "hour", "duration_hour", 1.0),
    (r"minutes?|mins?", "minute", "duration_minute", 1.0),
    (r"seconds?|secs?", "second", "duration_second", 1.0),
    (r"times", "times", "factor", 1.0),
    (r"dollars?|usd|bucks", "usd", "money", 1.0),
    (r"pounds[ ]sterling|pounds?|gbp", "gbp", "money", 1.0),
    (r"euros?|eur", "eur", "money", 1.0),
)
# How physical units are written in news text; what they mean comes from pint.
_PHYSICAL_RE = (
    r"km/h|kmh|kph|mph|mi/h|m/s|km²|km2|m²|sq(?:uare)?[ ](?:kilomet(?:er|re)s|km|miles?|met(?:er|re)s|feet|ft)"
    r"|(?:kilo|centi|milli|micro)?(?:met(?:er|re)s?|gram(?:me)?s?|lit(?:er|re)s?)|(?:kilo|mega|giga)?(?:watts?|joules?)"
    r"|kilowatt[- ]hours?|kwh|nautical[ ]miles?|km|cm|mm|mg|mcg|µg|kg|ml|miles?|mi|feet|foot|ft|inch(?:es)?|yards?|yd"
    r"|knots?|acres?|hectares?|tonnes?|tons?|lbs?|ounces?|oz|gallons?|pints?|cups?|°[cf]|degrees?[ ](?:celsius|fahrenheit)"
    r"|(?:kilo|mega|giga|tera)(?:hertz|bytes?)|[kmg]?hz|[kmgt]b"
    r"|kw|mw|gw|g|l|m"
)
_UNIT_RE = "|".join(f"(?:{u[0]})" for u in _UNITS) + f"|(?P<physical>{_PHYSICAL_RE})"
_CURRENCY = {"$": "usd", "us$": "usd", "£": "gbp", "€": "eur"}

_RANGE_SEP = r"(?:\s*(?:-|–|—|to|or)\s*)"
# a change from one figure to another is two figures, not a range: "rose from 5% to 7%", "adding
# $1.89 to $48.62", "cut 40 jobs to 1,200"
_CHANGE_TO = re.compile(
    r"(?i)\b(?:add(?:s|ed|ing)?|rose|rise[sn]?|rising|fell|fall(?:s|en|ing)?|gain(?:s|ed|ing)?|lost|los(?:e|es|ing)|"
    r"climb(?:s|ed|ing)?|drop(?:s|ped|ping)?|jump(?:s|ed|ing)?|increas(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|cut(?:s|ting)?|"
    r"rais(?:e|es|ed|ing)|grew|grow(?:s|n|ing)?|slip(?:s|ped|ping)?|up|down|from)\s+(?:by\s+)?"
    r"[$£€]?\d[\d,.]*(?:\s*(?:%|per\s?cent|percent|cents?|pence|p|m|bn|million|billion))?\s+(?P<to>to)\s+(?=[$£€]?\d)"
)
_QTY_RE = re.compile(
    rf"""(?ix)
    (?:{_APPROX}\s+)?
    (?:between\s+)?
    (?P<cur>us\$|\$|£|€)?\s?
    (?P<n1>{_NUM})
    (?:{_RANGE_SEP}|\s+and\s+)?(?P<cur2>us\$|\$|£|€)?(?P<n2>(?<=[\s\-–—$£€])(?:{_NUM}))?
    (?:\s?(?P<mult>hundred|thousand|million|billion|trillion|bn|mn|mln|tn|k|m|b)(?![\w²]))?
    (?:\s?(?P<unit>{_UNIT_RE})(?![\w²]))?
    """
)
_DECADE_RE = re.compile(r"(?i)\b(?P<what>(?:(?:a|the\s+(?:last|past))\s+)?decade\s+or\s+two|(?:a|the\s+(?:last|past))\s+decade|a\s+couple\s+of\s+decades|(?:a\s+)?year\s+or\s+two|(?:a|the\s+(?:last|past))\s+century)\b")
_YEAR_RE = re.compile(r"\b(?P<y>1[6-9]\d\d|20\d\d)(?P<s>s)?\b")
_COUNT_NOUN_RE = re.compile(r"\s*(?P<noun>[a-z][a-z\-]{2,})", re.I)
_MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_DAY_AFTER_MONTH = re.compile(r"\b(?:" + _MONTHS + r")\.?\s+$", re.I)
_MONTH_AFTER_DAY = re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?(?=[A-Z])(?i:" + _MONTHS + r")\b")  # "12 October", "3rd of May"
_NOT_COUNT_NOUNS = {
    "of", "and", "or", "to", "in", "on", "the", "a", "an", "is", "are", "was", "were", "that", "which", "who", "than", "at",
    "for", "by", "with", "from", "as", "when", "while", "after", "before", "since", "but", "if", "because", "where", "into",
    "over", "under", "until", "then", "has", "had", "have", "will", "would", "could", "can", "may", "might", "not",
    "near", "across", "along", "around", "against", "among", "between", "during", "through", "toward", "towards", "within",
    "without", "off", "up", "down", "out", "past", "behind", "below", "above", "beside", "beyond", "via", "per",
}
# a capitalised word (not one that opens like a month, not a possessive, not the sentence's first
# word) right before a number: the number is part of a name ("Route 9", "Apollo 11", "BBC Radio Five
# Live"), unless a plural it counts follows
_NAME_BEFORE = re.compile(r"(?<=[\w,;:)] )(?!(?i:" + _MONTHS + r"))[A-Z][A-Za-z]*[a-z][A-Za-z]* $")
_PLURAL_AFTER = re.compile(r"\s+[a-z]+s\b")
# "2-0", "3-1": a match score, when no unit or plural noun follows (a range "3-4 sessions" has one)
_SCORE_RE = re.compile(r"(?<![\d.,-])(?P<a>\d{1,2})[-–](?P<b>\d{1,2})(?!\d|\s*(?:%|percent|per\s?cent))(?=\s+(?:win|victory|defeat|loss|lead|draw|scoreline|home|away)\b|(?!\s+[a-z]+s\b))")

# "a vote of 7 to 4", "split two to one", "seven votes to four", "won by three goals to one": a vote
# or a score in words, the larger side first (a range is written the other way, "3 to 5 days"; a
# change says "from": "fell from 7 to 4")
_WORDED_SCORE_RE = re.compile(
    rf"(?i)(?<!from )(?<![\w.,-])(?P<a>\d{{1,3}}|{_WORD_NUM})(?:\s+(?:votes?|goals?|points?|seats?))?\s+to\s+"
    rf"(?P<b>\d{{1,3}}|{_WORD_NUM})(?![\w%-]|[.,]\d)(?!\s+(?:[a-z]+s|people|per\s?cent|percent)\b)"
)

# "six in ten voters", "one in five", "nine out of every ten": a share, read as a percentage
_PROPORTION_BASES = frozenset({2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 20.0, 100.0, 1000.0})
_PROPORTION_RE = re.compile(
    rf"(?i)(?:{_APPROX}\s+)?(?P<n>{_NUM})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<d>{_NUM})(?!\s*(?:%|per\s?cent|percent))"
    r"(?!\s+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|games?|matches|races|starts|attempts|innings)\b)"
)

# "a fifth of", "two-thirds of", "half of", "by nearly a third": a fraction of a whole or a change by
# one, read as a percentage; a fraction of a unit ("three quarters of an hour") is not a share
_FRACTION_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                          "eighth": 8, "ninth": 9, "tenth": 10}
_FRACTION_RE = re.compile(
    rf"(?i)(?P<by>\bby\s+)?(?P<share>(?:{_APPROX}\s+)?(?:(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?"
    r"(?P<d>halves|half|(?:third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)s?))\b(?!\s+an?\b)"
    r"(?!\s+of\s+(?:an?|one)\s+(?:hour|minute|second|mile|inch|point|percentage|century|day|week|month|year)\b)"
    r"(?P<of>\s+of\b)?"
)


_PERIOD_BEFORE = re.compile(r"(?i)\b(?:the|first|second|other|this|that|last|next|each|either)\s+$")


def _fraction_share(text: str, m: re.Match[str]) -> float | None:
    """The percentage a fraction match stands for, or None when it is no share ("the third of May",
    "the first half of the year", "half an hour")."""
    if not (m.group("by") or m.group("of")) or _PERIOD_BEFORE.search(text[max(0, m.start("share") - 12) : m.start("share")]):
        return None
    word = m.group("d").lower()
    d = _FRACTION_DENOMINATORS.get(word.removesuffix("s") if word != "halves" else "half")
    n = parse_number(m.group("n")) if m.group("n") else None  # "a", "an", "one" ... "nine"
    if n is None and word != "half":
        return None  # "the third of May", "first quarter of 2004": an ordinal, not a fraction
    share = 100.0 * (n or 1) / d
    return share if share < 100.0 else None


def _is_clock_or_day(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] is part of a clock time or the day of a month."""
    if text[end : end + 1] == ":" and text[end + 1 : end + 2].isdigit() or text[max(0, start - 1) : start] == ":":
        return True
    return end - start <= 2 and bool(_DAY_AFTER_MONTH.search(text[max(0, start - 12) : start]) or _MONTH_AFTER_DAY.match(text, end))


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    quantity: Quantity


def _not_a_noun(word: str) -> bool:
    """A word after a number that cannot be what it counts: a function word, or a past form
    ("Flight 370 vanished", "Channel 4 aired")."""
    word = word.lower()
    return word in _NOT_COUNT_NOUNS or (len(word) > 4 and word.endswith("ed") and not word.endswith("eed"))


def _counted_noun(text: str, at: int) -> re.Match[str] | None:
    """The noun a bare number counts: the next word, or a plural a few words on past its
    modifiers ("212 private wells", "3,200 Millbrook households" -> wells, households)."""
    first = _COUNT_NOUN_RE.match(text, at)
    if first is None or first.group("noun").lower().endswith("s") or _not_a_noun(first.group("noun")):
        return first
    nxt = first
    for _ in range(2):
        nxt = _COUNT_NOUN_RE.match(text, nxt.end())
        if nxt is None:
            break
        word = nxt.group("noun")
        if _not_a_noun(word):
            break  # "12 October after repairs": a modifier is no preposition
        if word.islower() and word.endswith("s") and not word.endswith("ss"):
            return nxt
    return first


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
    words = [w for w in parts if w != "and"]  # "two hundred and twelve", "one and a half"
    if words[-2:] == ["a", "half"]:
        words = [*words[:-2], "half"]
    value = 0.0
    for n, word in enumerate(words):
        if word == "hundred" and n:
            value *= 100
        elif word in _SMALL and word not in {"a", "an", "dozen", "a dozen"} or (word in {"a", "an"} and n == 0):
            value += _SMALL[word]
        else:
            return None
    return value * scale


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


# Spellings pint does not read as news means them ("mw" is a megawatt, not a milliwatt).
_PINT_SPELLING = {
    "kmh": "km/h", "kph": "km/h", "mi/h": "mph", "km²": "km**2", "km2": "km**2", "m²": "m**2", "mcg": "microgram",
    "µg": "microgram", "kwh": "kilowatt_hour", "kw": "kilowatt", "mw": "megawatt", "gw": "gigawatt", "tons": "short_ton",
    "ton": "short_ton", "°c": "degC", "°f": "degF", "degree celsius": "degC", "degrees celsius": "degC",
    "degree fahrenheit": "degF", "degrees fahrenheit": "degF", "lbs": "lb", "nautical mile": "nautical_mile",
    "nautical miles": "nautical_mile", "cup": "cup", "cups": "cup", "mi": "mile",
    "hz": "Hz", "khz": "kHz", "mhz": "MHz", "ghz": "GHz", "kb": "kilobyte", "mb": "megabyte", "gb": "gigabyte", "tb": "terabyte",
}
# What each pint dimensionality is called here, and the unit its values are given in.
_DIMENSIONS = {
    "[length]": ("length", "m"), "[mass]": ("mass", "mg"), "[length] ** 3": ("volume", "ml"),
    "[length] / [time]": ("speed", "km/h"), "[length] ** 2": ("area", "km**2"), "[temperature]": ("temperature", "degC"),
    "[length] ** 2 * [mass] / [time] ** 2": ("energy", "kWh"), "[length] ** 2 * [mass] / [time] ** 3": ("power", "kW"),
    "1 / [time]": ("frequency", "Hz"), "dimensionless": ("data", "byte"),  # the only dimensionless units read: bytes
}


@functools.lru_cache(maxsize=1)
def _registry():  # noqa: ANN202  (pint is imported on first use: it takes half a second)
    import pint  # noqa: PLC0415

    return pint.UnitRegistry(cache_folder=None)


@functools.lru_cache(maxsize=512)
def _physical(unit: str) -> tuple[str, str, str] | None:
    """(canonical unit, dimension, pint unit) of a physical unit as written ("miles" -> "m",
    "length", "mile"), or None when pint does not know it."""
    word = " ".join(unit.lower().split())
    spelled = _PINT_SPELLING.get(word) or re.sub(r"^sq(?:uare)? (.+)$", r"\1**2", word).replace(" ", "_")
    ureg = _registry()
    try:
        parsed = ureg.parse_units(spelled)
    except Exception:  # pint raises several kinds of errors for a word it does not know
        try:
            parsed = ureg.parse_units(_singular(spelled))
        except Exception:
            return None
    dims = str(parsed.dimensionality)
    name, target = _DIMENSIONS.get(dims, (dims, str(ureg.Quantity(1, parsed).to_base_units().units)))
    return target, name, str(parsed)


def _convert(value: float, unit: str, target: str) -> float:
    ureg = _registry()
    return float(ureg.Quantity(value, unit).to(target).magnitude)


def _half_step(number: str) -> float:
    """Half a unit in the last digit of a number as written: "3.1" -> 0.05, "120" -> 0.5."""
    digits = number.strip().replace(",", "")
    return 0.5 * 10.0 ** -len(digits.partition(".")[2]) if re.fullmatch(r"\d+(?:\.\d+)?", digits) else 0.0


_LOWER_BOUNDS = frozenset({"more than", "over", "at least", "upward of", "upwards of", "in excess of"})
_TRAILING_BOUND = re.compile(r"\s+or\s+(?P<word>more|longer|higher|greater|above|less|fewer|lower|under|so)\b", re.I)
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


_ANY_NUMBER = re.compile(rf"(?i)\d|\b{_WORD_NUM}\b|decade|century|year|place\b|position\b|(?:{'|'.join(_FRACTION_DENOMINATORS)})s?\b")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
# a rank in a table or chart: "in second place", "to fourth place", "in 3rd position"
_RANK_RE = re.compile(rf"(?i)\b(?P<n>{'|'.join(_ORDINALS)}|\d{{1,3}}(?:st|nd|rd|th))\s+(?:place|position)\b")


def find_quantities(text: str) -> list[Found]:
    """Every quantity in ``text`` with its character span, left to right, non-overlapping."""
    if not _ANY_NUMBER.search(text):
        return []  # most clauses: no digit, number word or duration at all
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

    for m in _RANK_RE.finditer(text):
        word = m.group("n").lower()
        rank = float(_ORDINALS.index(word) + 1) if word in _ORDINALS else float(word[:-2])
        add(m.start(), m.end(), Quantity(m.group(), rank, rank, "place", "rank"))

    for m in _SCORE_RE.finditer(text):
        a, b = sorted((float(m.group("a")), float(m.group("b"))))
        add(m.start(), m.end(), Quantity(m.group(), a, b, "", "score"))

    for m in _WORDED_SCORE_RE.finditer(text):
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a is not None and b is not None and a > b:
            add(m.start(), m.end(), Quantity(m.group(), b, a, "", "score"))

    for m in _FRACTION_RE.finditer(text):
        share = _fraction_share(text, m)
        if share is not None:
            low, high, approx, bound = _interval(round(share, 2), round(share, 2), m.group("approx") or "")
            add(m.start("share"), m.end("share"),
                Quantity(m.group("share"), low, high, "percent", "ratio", approximate=approx, bound=bound))

    for m in _PROPORTION_RE.finditer(text):
        n, d = parse_number(m.group("n")), parse_number(m.group("d"))
        if n is None or d is None or not 0 < n < d or d not in _PROPORTION_BASES:
            continue  # "9 in 2010", "3 in 2": no share
        share = round(100.0 * n / d, 2)
        low, high, approx, bound = _interval(share, share, m.group("approx") or "")
        add(m.start(), m.end(), Quantity(m.group(), low, high, "percent", "ratio", approximate=approx, bound=bound))

    scan = _CHANGE_TO.sub(lambda c: c.group(0)[: c.start("to") - c.start()] + ";;" + c.group(0)[c.end("to") - c.start() :], text)
    for m in _QTY_RE.finditer(scan):  # scan: text with the "to" of a change blanked, same positions
        n1, n2 = m.group("n1"), m.group("n2")
        if _is_clock_or_day(text, m.start("n1"), m.end("n1")):
            continue  # "6:42", "Sept. 23": times and dates are the frame's, not quantities
        bare = not any(m.group(g) for g in ("approx", "cur", "cur2", "unit", "physical", "mult"))
        if bare and _NAME_BEFORE.search(text, 0, m.start("n1")) and not _PLURAL_AFTER.match(text, m.end()):
            continue  # "Route 9", "Channel 4 aired", "Radio Five Live": a number in a name ("gave Smith 3 books" counts)
        cur = (m.group("cur") or m.group("cur2") or "").lower()
        unit = m.group("unit") or ""
        physical = m.group("physical") or ""
        mult = (m.group("mult") or "").lower()
        if mult in _MONEY_SCALES and not cur and mult not in {"bn", "mn", "mln", "k"}:
            metre = re.search(r"\b(?:a|an)\s*$", text[: m.start()], re.I) or re.match(r"\s*(?:[^\w\s]|$|(?:high|long|tall|wide|deep|away|above|below|from)\b)", text[m.end() :])
            if mult == "m" and not unit and not metre:
                mult = "m_million"  # "5m copies", "2m people": millions
            elif mult == "m" and not unit:
                unit = physical = "m"  # "a 5m wall", "5m high": metres
            elif mult != "m" or unit:
                continue  # "4B": a name, not an amount
            mult = "m" if mult == "m_million" else ""
        v1 = parse_number(n1)
        if v1 is None:
            continue
        v2 = parse_number(n2) if n2 else None
        scale = float(_SCALE_WORDS.get(mult, 1)) if mult else 1.0
        s, e = m.start(), m.end()
        is_word_number = not re.match(r"\d", n1.strip())
        stated, step = "", 0.0
        pint_unit = ""
        if cur:
            canon, dim, factor = _CURRENCY[cur], "money", 1.0
        elif physical:
            if physical in ("G", "M"):
                continue  # "3G", "4G" mobiles, "3M": grams and metres are "g" and "m"
            known = _physical(physical)
            if known is None:
                continue
            canon, dim, pint_unit = known
            factor = 1.0
            stated = pint_unit
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
            noun = _counted_noun(text, m.end())
            if is_word_number and n1.strip().lower() in {"a", "an", "half", "one"} and not n2:
                continue  # "a", "one" on their own are articles far more often than counts
            if noun and not _not_a_noun(noun.group("noun")) and not noun.group("noun").lower().endswith("ly"):
                word = noun.group("noun").lower()
                canon, dim, factor = _singular(word), "count", 1.0
                e = noun.end()
            elif is_word_number:
                continue
            else:
                canon, dim, factor = "", "number", 1.0
        if n2 is not None and v2 is None:
            continue
        raw_low, raw_high = v1 * scale, (v2 if v2 is not None else v1) * scale
        if pint_unit:
            low, high = _convert(raw_low, pint_unit, canon), _convert(raw_high, pint_unit, canon)
            step = abs(_convert(raw_low + _half_step(n1) * scale, pint_unit, canon) - low)
        else:
            low, high = raw_low * factor, raw_high * factor
        if low > high:
            low, high = high, low
        approximator = m.group("approx") or ""
        trailing = _TRAILING_BOUND.match(text, e) if not approximator else None
        if trailing:  # "six years or more", "ten or so"
            word = trailing.group("word").lower()
            approximator = "about" if word == "so" else "at least" if word in {"more", "longer", "higher", "greater", "above"} else "up to"
            e = trailing.end()
        low, high, approx, bound = _interval(low, high, approximator)
        while e > s and text[e - 1].isspace():
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        add(s, e, Quantity(text[s:e], low, high, canon, dim, approximate=approx or v2 is not None, bound=bound, stated_unit=stated, step=step))
    found.sort(key=lambda f: f.start)
    return found


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities measure the same kind of thing in the same unit."""
    return a.dimension == b.dimension and a.unit == b.unit and a.dimension != "number"


def _score_conflict(a: Quantity, b: Quantity) -> bool:
    return (a.low, a.high) != (b.low, b.high)  # a score is exact: "2-0" is not "2-1"


def conflict(a: Quantity, b: Quantity, tolerance: float = 0.1) -> bool:
    """Whether two comparable quantities cannot both be right.

    Exact values must match (to 1%); an approximate value ("about", "around", a range) stretches by
    ``tolerance`` either way before the intervals are tested for overlap.
    """
    if not comparable(a, b):
        return False
    if a.dimension == "score":
        return _score_conflict(a, b)

    if a.bound and a.bound == b.bound:  # "up to 400 mg" vs "up to 1,200 mg": the limits themselves differ
        va, vb = (a.high, b.high) if a.bound == "max" else (a.low, b.low)
        return abs(va - vb) > tolerance * max(abs(va), abs(vb))

    converted = a.stated_unit != b.stated_unit  # "5 km" / "3.1 miles": allow for the rounding

    def widen(q: Quantity) -> tuple[float, float]:
        if q.dimension == "date":  # years: a decade ("1990s") is its own range, a year is exact
            return q.low - 0.4, q.high + 0.4
        if q.approximate:
            return q.low * (1 - tolerance), q.high * (1 + tolerance)
        slack = q.step if converted else 0.0
        return min(q.low * 0.99, q.low - slack), max(q.high * 1.01, q.high + slack)

    alo, ahi = widen(a)
    blo, bhi = widen(b)
    return ahi < blo or bhi < alo
