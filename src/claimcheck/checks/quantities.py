"""numeric: another value for the same quantity ("a crowd of 61,412" / "a crowd of 47,850").

Quantities arrive normalised to a canonical unit (extraction converts "$2.5bn", "3.1 miles",
"193 km/h"), so equal amounts in other units compare equal and are never flagged; quantities in
units that were not converted to one another are never compared.
"""

from __future__ import annotations

import re
from dataclasses import replace

from claimcheck.checks.base import Finding, versus
from claimcheck.checks.view import figures
from claimcheck.quantities import comparable, conflict, parse_number
from claimcheck.types import Claim, FlagKind, Quantity


def _fmt(q: Quantity) -> str:
    def f(v: float) -> str:
        return "∞" if v == float("inf") else (f"{v:,.0f}" if v == int(v) else f"{v:,.4g}")

    value = f(q.low) if q.low == q.high else f"{f(q.low)}–{f(q.high)}"
    unit = f" {q.unit}" if q.unit and q.unit not in q.text.lower() else ""
    return f"{q.text!r} ({value}{unit})" if value not in q.text.replace(",", "") or unit else repr(q.text)


def _rounding(q: Quantity) -> float:
    """Half a unit in the last digit the text gives ("0.7 per cent" -> 0.05, "3 km" -> 500 m), in the
    canonical unit."""
    if q.step:
        return q.step
    m = re.search(r"\d+(?:\.(\d+))?", q.text.replace(",", ""))
    if not q.low:
        return 0.0
    if m and m.group(1):  # decimals given: half a unit of the last one
        stated = float(m.group(0))
        return 0.5 * 10 ** -len(m.group(1)) * (q.low / stated if stated else 1.0)
    if not q.stated_unit:
        return 0.0  # a whole count is exact: two automakers are not three
    # a whole measure converted from another unit ("two miles" / "three kilometres"): half its unit
    stated = float(m.group(0)) if m else parse_number(q.text.split()[0]) if q.text.split() else None
    return 0.5 * q.low / stated if stated else 0.0


def _within_rounding(x: Quantity, y: Quantity) -> bool:
    """"0.7 per cent" and "0.66 percent" agree: each value as stated, rounded (a score is exact:
    "3-1" and "2-0" are two results, whatever their ranges of goals)."""
    if x.dimension == "score" or y.dimension == "score":
        return False
    rx, ry = _rounding(x), _rounding(y)
    return x.low - rx <= y.high + ry and y.low - ry <= x.high + rx


def _measure(q: Quantity) -> str:
    """What a figure measures within its dimension: a count, the noun it counts ("240 patients" and
    "five hospitals" are two measures); any other figure, its dimension alone ("$11bn (£5.8bn)": one
    sum in two currencies)."""
    return q.unit if q.dimension == "count" else ""


def numeric(a: Claim, b: Claim) -> Finding | None:
    """The same kind of quantity with values that cannot both be right (every comparable pair conflicts)."""
    qa, qb = figures(a), figures(b)
    if not qa or not qb:
        return None
    found = []
    for dim, unit in dict.fromkeys((q.dimension, _measure(q)) for q in qa):  # a's order: the same run gives the same flag
        if dim == "date":
            continue
        pairs = [(x, y) for x in qa if (x.dimension, _measure(x)) == (dim, unit) for y in qb if comparable(x, y)]
        if pairs and all(conflict(x, y) and not _within_rounding(x, y) for x, y in pairs):
            x, y = pairs[0]
            found.append(Finding(FlagKind.NUMERIC, versus("numeric", _fmt(x), a.doc_id, _fmt(y), b.doc_id, dim.replace("_", " ")),
                                 (x.text,), (y.text,)))
    # each measure is compared on its own ("240 patients at five hospitals" / "420 patients across five
    # hospitals"); two measures that both differ ("second place, $12.7m" / "fourth place, $10.7m") tell two occurrences
    return found[0] if len(found) == 1 else None


def figures_apart(a: Claim, b: Claim) -> bool:
    """Figures of one dimension in both claims, none of which could be the other's, whatever each
    counts ("48,000 homes" / "roughly 12,000 households"): read only for a pair already judged
    contradictory, to name the slot."""
    qa, qb = figures(a), figures(b)
    dims = {q.dimension for q in qa} & {q.dimension for q in qb} - {"number", "date"}
    return any(all(conflict(x, replace(y, unit=x.unit)) for x in qa if x.dimension == dim for y in qb if y.dimension == dim)
               for dim in dims)
