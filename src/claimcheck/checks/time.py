"""date: another date, time or weekday for the same event ("6:42 a.m." / "7:42 a.m.", "Saturday" / "Sunday").

Relative periods ("last year", "this season") are not compared here: two different relative
periods mark two different events, which the gates keep apart.
"""

from __future__ import annotations

import re

from claimcheck.checks.base import Finding, versus
from claimcheck.checks.lexical import same_event_predicate, same_participants
from claimcheck.checks.view import figures, frame_of, plain
from claimcheck.types import Claim, FlagKind, TimeRef

# kinds of time reference compared with one another, finest first
_KINDS = ("time", "date", "weekday", "month", "year")
# how a time stands to the event: a bound ("before 2023", "until June 30"), the time a state is
# told at ("as of Friday"), or the event's own time ("on Thursday", "at 3:11 a.m."); only times in
# the same relation are compared ("as early as 2021" / "before 2023" do not clash)
_RELATIONS = (
    ("as of", re.compile(r"\bas (?:of|at)\s+$")),
    ("from", re.compile(r"\b(?:as early as|since|from|after|no earlier than)\s+$")),
    ("until", re.compile(r"\b(?:before|until|till|through|by|no later than|as late as)\s+$")),
)


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


def _relation(claim: Claim, time: TimeRef) -> str:
    text = plain(claim.sentence)
    at = text.find(time.text)
    before = text[max(0, at - 40) : at].lower() if at >= 0 else ""
    before = re.sub(r"(?:\b(?:the|late|early|on|in|at|about|around|shortly|just)\s+)+$", "", before)  # "before late Thursday"
    return next((name for name, pattern in _RELATIONS if pattern.search(before)), "at")


def _times(claim: Claim, relation: str) -> tuple[TimeRef, ...]:
    return tuple(t for t in frame_of(claim).times if _relation(claim, t) == relation)


def date(a: Claim, b: Claim) -> Finding | None:
    """Times of the same kind (clock time, date, weekday, month, year) and the same relation to the
    event (its own time, a bound, the time a state is told at) that differ, for one event."""
    qa, qb = (figures(c) for c in (a, b))
    if qa and qb and not {(q.dimension, q.low, q.high) for q in qa} & {(q.dimension, q.low, q.high) for q in qb}:
        return None  # other figures too ("closed at 270p on Friday" / "closed up 4.75% on Monday"): another occurrence
    for relation in ("at", "until", "from", "as of"):
        found = _date(a, b, _times(a, relation), _times(b, relation))
        if found is not None:
            return found
    return None


def _date(a: Claim, b: Claim, ta: tuple[TimeRef, ...], tb: tuple[TimeRef, ...]) -> Finding | None:
    if ta and tb and not (same_event_predicate(a, b) or same_participants(a, b, "place")):
        return None
    found = _kinds_clashing(ta, tb)
    if not found:
        return None
    x, y = found[0]
    return Finding(FlagKind.DATE, versus("date", x, a.doc_id, y, b.doc_id), (x,), (y,))


def _shared_kinds(ta: tuple[TimeRef, ...], tb: tuple[TimeRef, ...], kinds: tuple[str, ...]) -> list[str]:
    """The ``kinds`` of time both name, in the order given (finest first)."""
    return [k for k in kinds if any(t.kind == k for t in ta) and any(t.kind == k for t in tb)]


def _kinds_clashing(ta: tuple[TimeRef, ...], tb: tuple[TimeRef, ...], kinds: tuple[str, ...] = _KINDS) -> tuple[tuple[str, str], ...]:
    """When the finest kind of time both name clashes ("Wednesday" / "Tuesday"), the first text of
    each for every kind both name that clashes, finest first ("6:12 a.m." / "9:40 p.m." too); else
    (): when the finest kind both name agrees, coarser ones are no conflict of their own."""
    shared = _shared_kinds(ta, tb, kinds)

    def clash(kind: str) -> bool:
        return all(_clash(x, y) for x in ta if x.kind == kind for y in tb if y.kind == kind)

    if not shared or not clash(shared[0]):
        return ()
    return tuple((next(t.text for t in ta if t.kind == k), next(t.text for t in tb if t.kind == k)) for k in shared if clash(k))


def clashing_times(a: Claim, b: Claim) -> tuple[tuple[str, str], ...]:
    """:func:`_kinds_clashing` over all the times the two frames name, whatever their relation to
    the event: the values to swap for a verifier's reading."""
    return _kinds_clashing(frame_of(a).times, frame_of(b).times)


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
    """The first kind of time both name that clashes ("in February" / "in December"), else a
    quarter against months or dates outside it ("in January" / "in the fourth quarter"), else
    times of other kinds in other years ("in November 2003" / "in 2001"), else None."""
    ta, tb = _times(a, "at"), _times(b, "at")
    kinds = (*_KINDS, "quarter", "period")
    if _shared_kinds(ta, tb, kinds):
        found = _kinds_clashing(ta, tb, kinds)
        return found[0] if found else None
    found = _outside_quarter(ta, tb)
    if found is not None:
        return found
    found = _outside_quarter(tb, ta)
    if found is not None:
        return found[1], found[0]
    return _other_years(ta, tb)


def outside_bounds(a: Claim, b: Claim) -> tuple[str, str] | None:
    """One claim's event falls in years outside the other's bound: "has not played since November
    2003" / "played in 2001", "no rise until 2010" / "rose in 2012"."""
    for x, y, swap in ((a, b, False), (b, a, True)):
        years = {int(_year(t.value)) for t in _times(y, "at") if _year(t.value)}
        for relation, outside in (("from", lambda v, bound: v < bound), ("until", lambda v, bound: v > bound)):
            for t in _times(x, relation):
                bound = int(_year(t.value) or 0)
                if bound and years and all(outside(v, bound) for v in years):
                    at = next(u.text for u in _times(y, "at") if _year(u.value))
                    return (at, t.text) if swap else (t.text, at)
    return None


def _other_years(ta: tuple[TimeRef, ...], tb: tuple[TimeRef, ...]) -> tuple[str, str] | None:
    """Times of different kinds whose years differ: "in November 2003" / "in 2001"."""
    ya = {_year(t.value): t.text for t in ta if _year(t.value)}
    yb = {_year(t.value): t.text for t in tb if _year(t.value)}
    if ya and yb and not ya.keys() & yb.keys():
        return next(iter(ya.values())), next(iter(yb.values()))
    return None


def _outside_quarter(ta: tuple[TimeRef, ...], tb: tuple[TimeRef, ...]) -> tuple[str, str] | None:
    """A quarter of ``ta`` that no month or date of ``tb`` falls in (when ``tb`` names any)."""
    inside = [t for t in tb if t.kind in ("month", "date")]
    for q in (t for t in ta if t.kind == "quarter"):
        if inside and all(_outside(q, t) for t in inside):
            return q.text, inside[0].text
    return None


def _outside(quarter: TimeRef, time: TimeRef) -> bool:
    month = int(time.value[-2:] if time.kind == "month" else time.value[-5:-3])
    if (month - 1) // 3 + 1 != int(quarter.value[-1]):
        return True
    return bool(_year(quarter.value) and _year(time.value) and _year(quarter.value) != _year(time.value))
