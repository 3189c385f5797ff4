"""numeric: another value for the same quantity ("a crowd of 61,412" / "a crowd of 47,850").

Quantities arrive normalised to a canonical unit (extraction converts "$2.5bn", "3.1 miles",
"193 km/h"), so equal amounts in other units compare equal and are never flagged; quantities in
units that were not converted to one another are never compared.
"""

from __future__ import annotations

from claimcheck.checks.base import Finding, versus
from claimcheck.checks.view import frame_of
from claimcheck.quantities import comparable, conflict
from claimcheck.types import Claim, FlagKind, Quantity


def _fmt(q: Quantity) -> str:
    def f(v: float) -> str:
        return "∞" if v == float("inf") else (f"{v:,.0f}" if v == int(v) else f"{v:,.4g}")

    value = f(q.low) if q.low == q.high else f"{f(q.low)}–{f(q.high)}"
    unit = f" {q.unit}" if q.unit and q.unit not in q.text.lower() else ""
    return f"{q.text!r} ({value}{unit})" if value not in q.text.replace(",", "") or unit else repr(q.text)


def numeric(a: Claim, b: Claim) -> Finding | None:
    """The same kind of quantity with values that cannot both be right (every comparable pair conflicts)."""
    qa, qb = frame_of(a).quantities, frame_of(b).quantities
    if not qa or not qb:
        return None
    dims_b = {q.dimension for q in qb}
    for dim in dict.fromkeys(q.dimension for q in qa):  # a's order: the same run gives the same flag
        if dim not in dims_b or dim == "date":
            continue
        pairs = [(x, y) for x in qa if x.dimension == dim for y in qb if y.dimension == dim and comparable(x, y)]
        if pairs and all(conflict(x, y) for x, y in pairs):
            x, y = pairs[0]
            return Finding(FlagKind.NUMERIC, versus("numeric", _fmt(x), a.doc_id, _fmt(y), b.doc_id, dim.replace("_", " ")),
                           (x.text,), (y.text,))
    return None
