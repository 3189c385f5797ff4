"""Stage 4's checks: one small module per family, each check a pure function (a, b) -> Finding | None.

A check compares one slot of the two claims' frames and names both values. ``check_pair`` runs
them all and flags a pair only when exactly one slot conflicts (two statements that differ in
several slots are two events, not one told two ways) and no gate says why the difference is no
contradiction (different subjects, times, a part and the whole, a corrected report, a forecast and
the outcome, a claim reported against the article's own).

For a learned verifier: ``same_event`` is the gate its flag must pass, ``differing_slot`` the
kind to give it, and ``likely_slot`` the kind when the rules cannot tell that two differently worded
values measure one thing ("48,000 homes" / "12,000 households": the verifier has judged that).
"""

from __future__ import annotations

import logging

from claimcheck.checks.attribution import attribution
from claimcheck.checks.base import Finding
from claimcheck.checks.gates import gate
from claimcheck.checks.lexical import antonym, comparative, modality, predicate_relation, quantifier
from claimcheck.checks.place import location, places_clash
from claimcheck.checks.polarity import negation
from claimcheck.checks.quantities import figures_apart, numeric
from claimcheck.checks.reasoning import causal_incoherence
from claimcheck.checks.roles import role_swap
from claimcheck.checks.time import any_time_clash, clashing_times, date
from claimcheck.checks.view import effective_polarity, frame_of, normalised
from claimcheck.quantities import comparable, conflict
from claimcheck.types import Claim, FlagKind, ValueClash

LOGGER = logging.getLogger(__name__)

PAIR_CHECKS = (numeric, date, location, role_swap, attribution, negation, antonym, quantifier, modality, comparative)

# conflicts one difference raises together: the first kind explains the others
# ("not all" is a quantifier said with a negation; "must not" a modality; "heavier" a comparative word)
_ABSORBS = {
    FlagKind.QUANTIFIER: frozenset({FlagKind.NEGATION, FlagKind.ANTONYM}),  # "a small number" / "a large number"
    FlagKind.MODALITY: frozenset({FlagKind.NEGATION}),
    FlagKind.COMPARATIVE: frozenset({FlagKind.ANTONYM}),
    FlagKind.ROLE_SWAP: frozenset({FlagKind.ANTONYM}),
}


def conflicts(a: Claim, b: Claim) -> list[Finding]:
    """Every slot in which the two claims' frames conflict, one finding each."""
    return [f for check in PAIR_CHECKS if (f := check(a, b)) is not None]


def _single(found: list[Finding]) -> Finding | None:
    kinds = {f.kind for f in found}
    for f in found:
        if kinds - {f.kind} <= _ABSORBS.get(f.kind, frozenset()):
            return f
    return None


def differing_slot(a: Claim, b: Claim) -> FlagKind | None:
    """The kind a flag between the two claims should carry: the one slot in which their frames
    conflict, or None when none does or several do."""
    found = _single(conflicts(a, b))
    return found.kind if found else None


def likely_slot(a: Claim, b: Claim) -> FlagKind | None:
    """The kind of a pair already judged contradictory: the one slot that conflicts by the rules,
    else the one slot whose values differ read loosely (figures of one dimension that do not
    overlap whatever they count, clashing times of one kind, places apart, opposite polarity);
    None when no slot or several do."""
    strict = differing_slot(a, b)
    if strict is not None:
        return strict
    loose = [kind for kind, differs in ((FlagKind.NUMERIC, figures_apart), (FlagKind.DATE, lambda x, y: any_time_clash(x, y) is not None),
                                       (FlagKind.LOCATION, lambda x, y: places_clash(x, y) is not None),
                                       (FlagKind.NEGATION, lambda x, y: effective_polarity(x) != effective_polarity(y)))
             if differs(a, b)]
    return loose[0] if len(loose) == 1 else None


def clashing_values(a: Claim, b: Claim) -> ValueClash | None:
    """The one slot whose values clash between the two claims, however their predicates are worded:
    times ("on Sept. 4" / "on 19 September"), figures of one measure ("£2.5m" / "7 million
    pounds"), places; None when no slot or several do. What a verifier reads to tell whether the
    rest of the two sentences says the same."""
    fa, fb = frame_of(a), frame_of(b)
    found = []
    times = clashing_times(a, b)
    if times:
        found.append(ValueClash(FlagKind.DATE, times))
    figures = [(x, y) for x in fa.quantities for y in fb.quantities if x.dimension != "date" and comparable(x, y)]
    if figures and all(conflict(x, y) for x, y in figures):
        found.append(ValueClash(FlagKind.NUMERIC, tuple({y.text: (x.text, y.text) for x, y in figures}.values())))
    places = places_clash(a, b)
    if places is not None:
        found.append(ValueClash(FlagKind.LOCATION, ((places[0].text, places[1].text),)))
    return found[0] if len(found) == 1 else None


def same_event(a: Claim, b: Claim) -> bool:
    """Whether the frames say both claims speak of the same subject, time and scope: no gate holds
    (the gate a verifier-only flag must pass)."""
    return not gate(a, b, FlagKind.CONTRADICTION)


def two_statements(a: Claim, b: Claim) -> bool:
    """Two claims that can contradict each other: each states an event (a fragment such as
    "Harbour at Dusk, Jacob Marrow, 1868" or "Film - Sideways; director - Mike Leigh" states none),
    in two different sentences (one sentence copied says the same, whatever it says)."""
    return bool(frame_of(a).predicate.lemma and frame_of(b).predicate.lemma) and normalised(a.sentence) != normalised(b.sentence)


def check_pair(a: Claim, b: Claim) -> Finding | None:
    """The contradiction between two aligned claims, or None."""
    if not two_statements(a, b):
        return None
    found = conflicts(a, b)
    if not found:
        return None
    single = _single(found)
    if single is None:
        LOGGER.debug("several slots differ (%s): %s / %s", ", ".join(f.kind.value for f in found), a.id, b.id)
        return None
    reason = gate(a, b, single.kind, (*single.terms_a, *single.terms_b))
    if reason:
        LOGGER.debug("%s between %s and %s not flagged: %s", single.kind.value, a.id, b.id, reason)
        return None
    return single


__all__ = [
    "PAIR_CHECKS", "Finding", "antonym", "attribution", "causal_incoherence", "check_pair", "clashing_values", "comparative", "conflicts",
    "date", "differing_slot", "effective_polarity", "frame_of", "likely_slot", "location", "modality", "negation", "numeric",
    "predicate_relation", "quantifier", "role_swap", "same_event", "two_statements",
]
