"""Gates against false flags: reasons two claims that look contradictory are not.

Each gate is a pure function of the two claims returning the reason it holds (for the debug log)
or "" when it does not. A conflict between two claims is flagged only when no gate holds:

- different subjects: each claim speaks of another named entity or thing;
- different things of one kind: "a gaming device" / "an entertainment device";
- different times: "last year" / "this year", "the first half" / "the second half", or different
  years for a non-date conflict; for a figure, times on both sides none of which is the other's;
- different measures: "Kelmont's shares" / "Kelmont's profit" for a figure;
- a part and the whole: "the Marrow painting alone", "210,000 of the recalled units", "included";
- other figures: for a conflict that is not a figure, the two sentences give figures of one
  measure and none agree (two days' trading, each told once);
- an earlier report explicitly corrected: "initially said", "the first statement said";
- a forecast against the outcome: "had predicted", "was supposed to", "forecasters warned";
- a claim the article reports someone making ("critics say X") against a claim it makes itself.

Equal values in other units need no gate: quantities are compared in one canonical unit.
"""

from __future__ import annotations

import functools
import re

from claimcheck import lexicon as lx
from claimcheck.checks.time import any_time_clash, outside_bounds, relative_clash
from claimcheck.lexicon import stem
from claimcheck.quantities import comparable, conflict, find_quantities
from claimcheck.checks.view import (
    EARLIER_REPORT, agentless_passive, arg_keys, frame_of, kinds_of_one_thing, plain, standard_keys, words_of,
)
from claimcheck.types import Argument, Claim, FlagKind, Frame, Modality, Quantity, Tense

_PART = re.compile(
    r"\balone\b|\binclud(?:e|es|ed|ing)\b|\bamong\b|\bpart of\b|\bshare of\b|\bout of\b|\bof (?:them|which|whom|those)\b"
    r"|\bexclud(?:e|es|ed|ing)\b|\bexcept\b|\bnot counting\b"  # the whole less a part: "if cars are excluded, sales rose 0.3%"
    r"|\b\d[\d,.]*(?:\s+(?:million|billion|thousand))?\s+of\s+(?:the|its|their|these|those)\b",
    re.I,
)
# a figure said to be a whole: "$20 million in total", "5,000 people worldwide", "a total of 1,200"
_WHOLE = re.compile(r"\bin (?:total|all)\b|\ba total of\b|\baltogether\b|\ball told\b|\bcombined\b"
                    r"|\b(?:world|nation|country)wide\b|\bnationally\b|\bacross the (?:country|nation|world)\b", re.I)
# sources the article reports without standing behind them
_DISTANCED_SOURCES = frozenset({"critic", "critics", "opponent", "opponents", "skeptic", "skeptics", "sceptics", "some",
                                "rumour", "rumours", "rumor", "rumors", "analyst", "analysts", "observer", "observers"})
_DISTANCING_VERBS = frozenset({"claim", "allege", "insist", "speculate", "suggest", "rumour", "rumor", "predict", "argue"})
_REPORTED = re.compile(r"\b(?:critics|opponents|skeptics|sceptics|some|rumou?rs|analysts|observers)\b[^.;]{0,40}?\b"
                       r"(?:say|said|claim(?:ed)?|argue[sd]?|allege[sd]?|suggest(?:ed)?|insist(?:ed)?|believe[sd]?)\b", re.I)


def _entities(arg: Argument | None, claim: Claim) -> frozenset[str]:
    """The argument's keys that name an entity (all of them when the frame marks it as one)."""
    if arg is None:
        return frozenset()
    keys = arg_keys(arg)
    return keys if arg.entity else frozenset(k for k in keys if k in claim.entities)


def _initials(arg: Argument, claim: Claim) -> frozenset[str]:
    """The acronym of a name's capitalised words, read on through the sentence where the name goes
    on ("the Food" of "the Food and Drug Administration" -> "fda")."""
    at = claim.sentence.find(arg.text)
    words = arg.text.split()
    if at >= 0:
        following = re.match(r"(?:\s+(?:and|of|for|&)?\s*[A-Z][\w.-]*)*", claim.sentence[at + len(arg.text):])
        words += following.group(0).split() if following else []
    letters = "".join(w[0].lower() for w in words if w[:1].isupper())
    return frozenset({letters}) if len(letters) > 1 else frozenset()


def _owned_by(x: Argument, y: Argument) -> bool:
    """``y`` is someone or something of ``x``'s, not ``x``: "the mayor" / "the mayor's deputy"
    (but "the company's spokeswoman" speaks for it)."""
    return bool(x.head) and x.head != y.head and y.head not in lx.SPOKESPEOPLE and bool(
        re.search(rf"\b{re.escape(x.head)}(?:'s|s'|’s)\s", plain(y.text).lower() + " "))


def _subject(frame: Frame) -> Argument | None:
    """Who or what the claim is about: its doer, or what a passive naming no doer says was done to
    ("the PSP is released in the US")."""
    return frame.patient if agentless_passive(frame) else frame.agent


def different_subjects(a: Claim, b: Claim) -> str:
    """Both name who or what the claim is about with a name, and the two names have nothing in
    common; or one is the other's ("the mayor" / "the mayor's deputy")."""
    fa, fb = frame_of(a), frame_of(b)
    agent_a, agent_b = _subject(fa), _subject(fb)
    aa, ab = arg_keys(agent_a), arg_keys(agent_b)
    if agent_a is None or agent_b is None or not aa or not ab:
        return ""
    if _owned_by(agent_a, agent_b) or _owned_by(agent_b, agent_a):
        return f"different subjects: {agent_a.text!r} / {agent_b.text!r}"
    if aa & ab or aa & (arg_keys(fb.patient) | _standards(fb)) or ab & (arg_keys(fa.patient) | _standards(fa)):
        return ""  # each names the other's subject too: as what is done to, or what it is compared with
    if _initials(agent_a, a) & ab or _initials(agent_b, b) & aa:
        return ""  # "the Food and Drug Administration" / "the FDA"
    if _entities(agent_a, a) and _entities(agent_b, b):  # common nouns differ in paraphrase ("police" / "officers"); names do not
        return f"different subjects: {agent_a.text!r} / {agent_b.text!r}"
    return ""


def _standards(frame: Frame) -> frozenset[str]:
    """The stems of what the frame's comparisons compare against ("fewer burglaries than Westfield")."""
    return frozenset().union(*map(standard_keys, frame.comparatives))


def different_things(a: Claim, b: Claim, terms: frozenset[str] = frozenset()) -> str:
    """Doers or objects of one kind told apart by their modifiers ("it's not a gaming device" /
    "it's an entertainment device", "won their opening match" / "lost their final match"); the
    words in conflict themselves ``terms`` ("most residents" / "few residents") tell nothing apart."""
    fa, fb = frame_of(a), frame_of(b)
    for x, y in ((fa.agent, fb.agent), (fa.patient, fb.patient)):
        if kinds_of_one_thing(x, y, terms):
            return f"different things: {x.text!r} / {y.text!r}"
    return ""


# a numbered part of a match, season, year, run or contest: "the first half", "the third quarter",
# "the second leg", "its first three days of release", "the opening weekend"
_SEGMENT = re.compile(
    r"\b(first|second|third|fourth|fifth|final|opening|closing|1st|2nd|3rd|4th)[- ]"
    r"(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?"
    r"(half|halves|quarter|period|round|leg|set|innings|stage|lap|heat|semester|term|days?|weeks?|weekend|months?|years?)\b",
    re.I,
)


def _segments(claim: Claim) -> frozenset[tuple[str, str]]:
    return frozenset((m.group(1).lower(), m.group(2).lower().removesuffix("s")) for m in _SEGMENT.finditer(plain(claim.sentence)))


def different_segments(a: Claim, b: Claim) -> str:
    """Other numbered parts of one whole: "scored twice in the first half" / "did not score in the
    second half", "profits rose in the third quarter" / "fell in the fourth quarter", "took $22.7m
    in its first three days" / "took $11.8m in its second week"."""
    sa, sb = _segments(a), _segments(b)
    if sa and sb and not sa & sb:
        return f"different segments: {' '.join(min(sa))!r} / {' '.join(min(sb))!r}"
    return ""


def different_times(a: Claim, b: Claim, kind: FlagKind) -> str:
    """Different relative periods ("last year" / "this year") or numbered parts ("first half" /
    "second half"); for a conflict other than a date, different years, or a year outside the other's
    bound ("since 2003" / "in 2001")."""
    found = relative_clash(a, b) or (None if kind is FlagKind.DATE else any_time_clash(a, b) or outside_bounds(a, b))
    if found is None and kind is FlagKind.NUMERIC:
        found = _other_periods(a, b)
    return f"different times: {found[0]!r} / {found[1]!r}" if found else different_segments(a, b)


def _other_periods(a: Claim, b: Claim) -> tuple[str, str] | None:
    """For a figure: each claim names when, and no time of one is a time of the other ("in
    January" / "last month", "between now and April" / "before 2015"): two periods' figures."""
    ta, tb = frame_of(a).times, frame_of(b).times
    if not ta or not tb or {(t.kind, t.value.lower()) for t in ta} & {(t.kind, t.value.lower()) for t in tb}:
        return None
    return ta[0].text, tb[0].text


def different_measures(a: Claim, b: Claim, kind: FlagKind) -> str:
    """For a figure: what is measured differs ("Kelmont's shares" / "Kelmont's profit", "£35bn in
    wasteful spending" / "tax cuts worth £4bn")."""
    if kind is not FlagKind.NUMERIC:
        return ""
    if _counted_units(a, b):
        return ""  # "about 2,300 households" / "about 3,200 Millbrook households": the count names its measure
    fa, fb = frame_of(a), frame_of(b)
    for ha, hb in ((fa.agent, fb.agent), (fa.patient, fb.patient)):
        if ha is None or hb is None or not ha.head or not hb.head or _a_value(ha, fa) or _a_value(hb, fb):
            continue
        if ha.head == hb.head or stem(ha.head) in arg_keys(hb) or stem(hb.head) in arg_keys(ha) or ha.head in arg_keys(hb) or hb.head in arg_keys(ha):
            continue
        return f"different measures: {ha.text!r} / {hb.text!r}"
    return ""


def _a_value(arg: Argument, frame: Frame) -> bool:
    """The argument is a figure of the claim, not what it measures ("100 miles is the average")."""
    text = arg.text.lower()
    return any(q.text and text.startswith(q.text.lower()) for q in frame.quantities)


_VALUE_KINDS = frozenset({FlagKind.NUMERIC, FlagKind.QUANTIFIER, FlagKind.DATE, FlagKind.LOCATION})


def _counted_units(a: Claim, b: Claim) -> frozenset[str]:
    """The nouns both claims count with values in conflict ("76 reports, including 23 fires" /
    "41 fires" -> {"fire"})."""
    qa, qb = frame_of(a).quantities, frame_of(b).quantities
    return frozenset(x.unit for x in qa for y in qb
                     if x.dimension == "count" and x.unit not in {"", "count"} and comparable(x, y) and conflict(x, y))


def _part_of_another_measure(claim: Claim, units: frozenset[str]) -> bool:
    """The claim's part is a part of another count than the one in conflict: "76 reports,
    including 23 fires" sets 23 fires inside 76 reports, not inside another count of fires."""
    return bool(units) and any(q.dimension == "count" and q.unit not in units | {"", "count"} for q in frame_of(claim).quantities)


def _whole_exceeds(whole: Claim, part: Claim) -> bool:
    """The figure the claim calls a whole is the larger of a pair in conflict."""
    return any(comparable(x, y) and conflict(x, y) and x.low > y.high
               for x in frame_of(whole).quantities for y in frame_of(part).quantities)


def _sum_of_parts(whole: Claim, parts: Claim) -> bool:
    """The other claim's figures of one measure add up to a figure of this one: "185,000 people
    were tested" / "175,000 people at Heathrow and 10,000 at Gatwick" (a bare number beside a
    count counts it too)."""
    figures = frame_of(parts).quantities
    for x in frame_of(whole).quantities:
        if x.dimension in ("number", "date", "score") or x.low <= 0:
            continue
        same = [y for y in figures if comparable(x, y) or (x.dimension == "count" and y.dimension == "number")]
        if len(same) >= 2 and abs(sum(y.low for y in same) - x.low) <= 0.005 * x.low:
            return True
    return False


def part_and_whole(a: Claim, b: Claim, kind: FlagKind) -> str:
    """For an amount, time or place: one claim speaks of a part ("alone", "N of the", "included")
    and the other does not; for a figure, one gives a whole ("$20 million in total", "5,000 people
    worldwide") larger than the other's figure ("$6 million for medical costs", "800 people"), or
    the other's figures add up to it ("175,000 at Heathrow and 10,000 at Gatwick" / "185,000")."""
    if kind not in _VALUE_KINDS:
        return ""
    if kind is FlagKind.NUMERIC:
        if _sum_of_parts(a, b) or _sum_of_parts(b, a):
            return "a whole and the parts that add up to it"
        wa, wb = (bool(_WHOLE.search(plain(c.sentence))) for c in (a, b))
        if wa != wb and _whole_exceeds(a if wa else b, b if wa else a):
            return "a part and the whole"
    pa, pb = bool(_PART.search(a.sentence)), bool(_PART.search(b.sentence))
    if pa == pb:
        return ""
    units = _counted_units(a, b) if kind is FlagKind.NUMERIC else frozenset()
    return "" if _part_of_another_measure(a if pa else b, units) else "a part and the whole"


_ELABORATION = re.compile(r"\s*,\s*\w+ing\b[^,;]*")  # ", adding $1.89 to $48.62": the same event, told on


@functools.lru_cache(maxsize=4096)
def _text_figures(text: str) -> tuple[Quantity, ...]:
    return tuple(f.quantity for f in find_quantities(text) if f.quantity.dimension not in ("number", "date"))


def _figures(claim: Claim) -> tuple[Quantity, ...]:
    """The figures of the claim's clause and of a participle that goes on telling it."""
    text, sentence = plain(claim.text), plain(claim.sentence)
    at = sentence.find(text)
    more = _ELABORATION.match(sentence, at + len(text)) if at >= 0 else None
    return _text_figures(text + (more.group(0) if more else ""))


def other_figures(a: Claim, b: Claim, kind: FlagKind) -> str:
    """For a conflict other than a figure: the two sentences give figures of the same measure and
    none of them agree ("Brent crude rose, adding $1.89 to $48.62" / "Brent crude fell 32 cents to
    $49.74"): two occurrences (two days' trading), each told once, not one told two ways."""
    if kind is FlagKind.NUMERIC:
        return ""
    pairs = [(x, y) for x in _figures(a) for y in _figures(b) if comparable(x, y)]
    if pairs and all(conflict(x, y) for x, y in pairs):
        return f"other figures: {pairs[0][0].text!r} / {pairs[0][1].text!r}"
    return ""


def corrected(a: Claim, b: Claim) -> str:
    """One claim is an earlier statement the article marks as superseded."""
    marked = any(frame_of(c).corrected or EARLIER_REPORT.search(c.sentence) for c in (a, b))
    return "an earlier report, corrected" if marked else ""


def forecast_and_outcome(a: Claim, b: Claim, kind: FlagKind) -> str:
    """One claim is a prediction or plan, the other what happened (a modality conflict is about
    exactly that), or each a different forecaster's. Two claims of what will be ("will close" /
    "are set to close") are two forecasts, not a forecast and its outcome."""
    fa, fb = frame_of(a), frame_of(b)
    if kind is FlagKind.MODALITY:
        return ""
    if fa.forecast and fb.forecast:  # "Kodak expects earnings of 5 cents" / "Analysts had expected Kodak to earn 68 cents"
        if fa.agent is None or fb.agent is None or arg_keys(fa.agent) & arg_keys(fb.agent):
            return ""
        named = bool(_entities(fa.agent, a) and _entities(fb.agent, b))
        outside = fa.agent.head in _DISTANCED_SOURCES or fb.agent.head in _DISTANCED_SOURCES
        return "two forecasters' forecasts" if named or outside else ""
    if fa.forecast == fb.forecast:
        return ""
    other = (fb if fa.forecast else fa).predicate
    if other.tense is Tense.FUTURE or other.modality in (Modality.CERTAIN, Modality.LIKELY):
        return ""
    return "a forecast and the outcome"


def distanced(claim: Claim) -> bool:
    """The article reports someone making this claim without standing behind it ("critics say X")."""
    source = frame_of(claim).source
    if source is not None and not source.endorsed and (
        source.verb in _DISTANCING_VERBS or set(source.key.split()) & _DISTANCED_SOURCES
    ):
        return True
    return bool(_REPORTED.search(plain(claim.sentence)))


def reported_and_own(a: Claim, b: Claim) -> str:
    return "a claim reported, against the article's own" if distanced(a) != distanced(b) else ""


def _one_text(a: Claim, b: Claim) -> bool:
    """Both claims credit the same text, named word for word ("The report linking the outbreak to a
    catering firm was published by ..."): who did it is then what they conflict on, not two
    subjects ("Rover signed a technology-sharing agreement" / "Lockheed signed an agreement")."""
    pa, pb = frame_of(a).patient, frame_of(b).patient
    return pa is not None and pb is not None and len(pa.text.split()) >= 2 and plain(pa.text).lower() == plain(pb.text).lower()


def gate(a: Claim, b: Claim, kind: FlagKind, terms: tuple[str, ...] = (), same_statement: bool = False) -> str:
    """The first gate that holds for a conflict of ``kind`` between the two claims (in the words
    ``terms``), or "". ``same_statement``: a verifier has read the two sentences as saying the same
    once their values agree, so what is measured is one thing whatever the parse made of the heads."""
    return (
        ("" if kind is FlagKind.ROLE_SWAP or (kind is FlagKind.ATTRIBUTION and _one_text(a, b)) else different_subjects(a, b))
        or different_things(a, b, words_of(terms))
        or different_times(a, b, kind)
        or ("" if same_statement else different_measures(a, b, kind))
        or part_and_whole(a, b, kind)
        or other_figures(a, b, kind)
        or corrected(a, b)
        or forecast_and_outcome(a, b, kind)
        or reported_and_own(a, b)
    )
