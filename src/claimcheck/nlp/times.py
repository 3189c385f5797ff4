"""Times in claim text: dates, clock times, weekdays, months, years, relative dates and recurring
periods ("at weekends", "during rush hour"), normalised.

A cheap pattern marks the spans; python-dateutil reads the dates among them (imported on the
first date). Relative times ("last year", "yesterday") are anchored to the article's own date
(:func:`article_date`, a dateline or byline) when it has one. No spaCy here: extract.py anchors
claims' frames with it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import replace

from claimcheck.types import Frame, TimeRef

# -- times --------------------------------------------------------------------------------------

_MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MERIDIEM = r"(?:a\.?m\.?|p\.?m\.?)(?![a-z])"
_DAY_JOINT = r"\d{1,2}(?:st|nd|rd|th)?\s*(and|&|-|–|to)\s*"  # "9 and ", "3-", "3 to ": a first day and its joint
_TIME_RE = re.compile(
    rf"""(?ix)
    (?P<days>\b{_DAY_JOINT}\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?(?![\w:]))
    |(?P<date>\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})(?![\w:]))
    |(?P<clock>\b\d{{1,2}}(?::\d{{2}})?\s*{_MERIDIEM}|\b\d{{1,2}}:\d{{2}}\b|\b(?:midnight|noon|midday)\b)
    |(?P<weekday>\b{_WEEKDAY}\b(?!\s*\d))
    |(?P<relative>\b(?:yesterday|today|tomorrow|tonight|(?:last|this|next|earlier\s+this|later\s+this)\s+(?:year|month|week|weekend|season|spring|summer|autumn|fall|winter|morning|afternoon|evening))\b)
    |(?P<period>\b(?:week-?ends?|week-?days?|rush[- ]hours?|off-peak|peak\s+hours|overnight|night-?time|day-?time|at\s+night)\b(?!\s+of\b))
    |(?P<quarter>\b(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+\d{{4}})?\b|\bq[1-4](?:\s+\d{{4}})?\b)
    |(?P<month>\b(?:(?:last|this|next)\s+)?(?:january|february|march|april|june|july|august|september|october|november|december)(?:\s+\d{{4}})?\b
      |\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s+\d{{4}}\b)
    |(?P<year>\b(?:in|since|by|during|of|until|before|after)\s+(?:1[6-9]\d\d|20\d\d)\b)
    """
)
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
             "q1": 1, "q2": 2, "q3": 3, "q4": 4}
_WEEKDAYS = {"mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday", "fri": "friday", "sat": "saturday", "sun": "sunday"}


def _period(text: str) -> str:
    """"Weekends" -> weekend, "rush-hours" -> rush hour, "at night" / "overnight" -> night."""
    low = " ".join(text.lower().replace("-", " ").split()).removeprefix("at ")
    if low in {"overnight", "night", "nighttime", "night time"}:
        return "night"
    if low in {"day time", "daytime"}:
        return "day"
    return low.replace("week ", "week").removesuffix("s")


def _month_number(text: str) -> int:
    return _MONTH_NAMES.index(text.strip(". ").lower()[:3]) + 1


@functools.lru_cache(maxsize=4096)
def _parse_date(text: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a marked date span, read by python-dateutil."""
    from dateutil import parser  # noqa: PLC0415  (imported when a date is first seen)

    clean = re.sub(r"(?i)\bsept\b", "sep", text.replace(".", " "))
    try:
        when = parser.parse(clean, default=dt.datetime(1, 1, 1), fuzzy=True)
    except (ValueError, OverflowError):
        return None
    has_year = bool(re.search(r"\d{4}", text))
    return (when.year if has_year else None), when.month, when.day


def _clock(text: str) -> str | None:
    low = text.lower().replace(" ", "")
    if low in {"noon", "midday"}:
        return "12:00"
    if low == "midnight":
        return "00:00"
    m = re.match(r"(\d{1,2})(?::(\d{2}))?(a|p)?", low.replace(".", ""))
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3) == "p" and hour < 12:
        hour += 12
    elif m.group(3) == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def find_times(text: str) -> tuple[TimeRef, ...]:
    """Dates, clock times, weekdays, months, quarters, years and relative dates in ``text``, normalised:
    "Sept. 23, 2024" -> "2024-09-23", "Sept. 23" -> "--09-23", "6:42 a.m." -> "06:42",
    "the fourth quarter of 2004" -> "2004-Q4",
    "Saturday's" -> "saturday", "last August" -> "--08", "in 2019" -> "2019", "last year" stays
    relative until :func:`anchored` gives it the article's date."""
    out: list[TimeRef] = []
    for m in _TIME_RE.finditer(text):
        kind = m.lastgroup or ""
        span = m.group(kind)
        if kind == "days":  # "9 and 10 July": both days; "3-5 March", "3 to 5 March": every day between
            joint = re.match(_DAY_JOINT, span)
            first, rest = int(re.match(r"\d+", span).group(0)), span[joint.end() :]
            parsed = _parse_date(rest)
            if parsed is not None:
                year, month, day = parsed
                days = (first, day) if joint.group(1) in ("and", "&") or first >= day else range(first, day + 1)
                for d in days:
                    if 1 <= d <= 31:
                        out.append(TimeRef(span, "date", f"{year:04d}-{month:02d}-{d:02d}" if year else f"--{month:02d}-{d:02d}"))
            continue
        if kind == "date":
            parsed = _parse_date(span)
            if parsed is None:
                continue
            year, month, day = parsed
            value = f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
        elif kind == "clock":
            clock = _clock(span)
            if clock is None:
                continue
            value, kind = clock, "time"
        elif kind == "weekday":
            value = _WEEKDAYS[span.lower()[:3]]
        elif kind == "relative":
            value = " ".join(span.lower().split())
        elif kind == "period":  # a recurring part of the week or day: "at weekends", "during rush hour"
            value = _period(span)
        elif kind == "month":
            words = span.lower().split()
            name = next(w for w in words if w not in {"last", "this", "next"})
            year = next((w for w in words if w.isdigit()), "")
            value = f"{year}-{_month_number(name):02d}" if year else f"--{_month_number(name):02d}"
            if words[0] in {"last", "this", "next"} and not year:
                kind, value = "relative", " ".join(words)
        elif kind == "quarter":  # "the fourth quarter of 2004" -> "2004-Q4", "Q3" -> "--Q3"
            words = span.lower().split()
            value = f"{words[-1] if words[-1].isdigit() else '-'}-Q{_QUARTERS[words[0]]}"
        else:  # a year after a preposition: "in 2019"
            span = span.split()[-1]
            value = span
        out.append(TimeRef(span, kind, value))
    return tuple(out)


_RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}


def anchored(time: TimeRef, when: dt.date | None) -> TimeRef:
    """A relative time given the article's date: "last year" -> "2023" for an article of 2024."""
    if time.kind != "relative" or when is None:
        return time
    words = time.value.split()
    if time.value in _RELATIVE_DAYS:
        day = when + dt.timedelta(days=_RELATIVE_DAYS[time.value])
        return replace(time, kind="date", value=day.isoformat())
    shift = {"last": -1, "this": 0, "next": 1}.get(words[0])
    if shift is None or len(words) != 2:
        return time
    unit = words[1]
    if unit == "year":
        return replace(time, kind="year", value=str(when.year + shift))
    if unit == "month":
        month = (when.month - 1 + shift) % 12 + 1
        year = when.year + (when.month - 1 + shift) // 12
        return replace(time, kind="month", value=f"{year:04d}-{month:02d}")
    if unit in {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}:
        month = _month_number(unit)
        year = when.year - (1 if shift == -1 and month >= when.month else 0) + (1 if shift == 1 and month <= when.month else 0)
        return replace(time, kind="month", value=f"{year:04d}-{month:02d}")
    return time


_DATELINE_RE = re.compile(rf"(?i)\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b|\b\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b")


def article_date(text: str, head: int = 600) -> dt.date | None:
    """The article's own date: the first full date (with a year) in its first ``head`` characters
    (a dateline or byline), else None."""
    m = _DATELINE_RE.search(text[:head])
    if not m:
        return None
    parsed = _parse_date(m.group())
    if parsed is None or parsed[0] is None:
        return None
    year, month, day = parsed
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def anchored_frame(frame: Frame, when: dt.date | None) -> Frame:
    """``frame`` with its relative times anchored to ``when`` (the article's date)."""
    if when is None or not any(t.kind == "relative" for t in frame.times):
        return frame
    return replace(frame, times=tuple(anchored(t, when) for t in frame.times))


# a month or weekday name on its own, or a holiday ("on New Year's Eve" is a time, not a place)
_HOLIDAY = r"(?:new year'?s?|christmas|boxing|valentine'?s?|st patrick'?s?|independence|thanksgiving|labou?r|memorial|mother'?s?|father'?s?)(?: (?:eve|day))?|easter(?: (?:sunday|monday))?|halloween|hogmanay"
TIME_WORD_RE = re.compile(rf"(?i)(?:{_MONTH}|{_WEEKDAY}|{_HOLIDAY})")
