"""date: another date, time or weekday for the same event ("6:42 a.m." / "7:42 a.m.", "Saturday" / "Sunday").

Relative periods ("last year", "this season") are not compared here: two different relative
periods mark two different events, which the gates keep apart.
"""

from __future__ import annotations

from claimcheck.checks.base import Finding, versus
from claimcheck.checks.lexical import same_event_predicate
from claimcheck.checks.view import frame_of
from claimcheck.types import Claim, FlagKind, TimeRef

# kinds of time reference compared with one another, finest first
_KINDS = ("time", "date", "weekday", "month", "year")


def _day(value: str) -> str:
    """Month and day of an ISO-style date ("2024-09-23" and "--09-23" -> "09-23")."""
    return value[-5:]


def _year(value: str) -> str:
    return value[:4] if value[:4].isdigit() else ""


def _clash(x: TimeRef, y: TimeRef) -> bool:
    if x.kind == "month":  # "September 2004" / "September"
        return x.value[-2:] != y.value[-2:] or bool(_year(x.value) and _year(y.value) and _year(x.value) != _year(y.value))
    if x.kind == "date":
        if _day(x.value) != _day(y.value):
            return True
        return bool(_year(x.value) and _year(y.value) and _year(x.value) != _year(y.value))
    return x.value.lower() != y.value.lower()


def date(a: Claim, b: Claim) -> Finding | None:
    """Times of the same kind (clock time, date, weekday, month, year) that differ, for one event."""
    ta, tb = frame_of(a).times, frame_of(b).times
    if ta and tb and not same_event_predicate(a, b):
        return None
    if not ta or not tb:
        return None
    for kind in _KINDS:
        xa = [t for t in ta if t.kind == kind]
        xb = [t for t in tb if t.kind == kind]
        if xa and xb:
            if all(_clash(x, y) for x in xa for y in xb):
                x, y = xa[0], xb[0]
                return Finding(FlagKind.DATE, versus("date", x.text, a.doc_id, y.text, b.doc_id), (x.text,), (y.text,))
            return None  # the finest kind both name agrees: coarser ones are not a conflict of their own
    return None


def _differ(a: Claim, b: Claim, kind: str) -> tuple[str, str] | None:
    """Both claims name times of ``kind`` and none is shared: the first text of each, else None."""
    xa = {t.value: t.text for t in frame_of(a).times if t.kind == kind}
    xb = {t.value: t.text for t in frame_of(b).times if t.kind == kind}
    if xa and xb and not set(xa) & set(xb):
        return next(iter(xa.values())), next(iter(xb.values()))
    return None


def relative_clash(a: Claim, b: Claim) -> tuple[str, str] | None:
    """Two different relative periods ("last year" / "this year"): the texts, else None."""
    return _differ(a, b, "relative")


def any_time_clash(a: Claim, b: Claim) -> tuple[str, str] | None:
    """The first kind of time both name that clashes ("in February" / "in December"), else None."""
    ta, tb = frame_of(a).times, frame_of(b).times
    for kind in _KINDS:
        xa = [t for t in ta if t.kind == kind]
        xb = [t for t in tb if t.kind == kind]
        if xa and xb:
            if all(_clash(x, y) for x in xa for y in xb):
                return xa[0].text, xb[0].text
            return None
    return None
