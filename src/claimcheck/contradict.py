"""Stage 4: aligned claims -> typed contradiction flags.

The checks themselves live in ``claimcheck.checks`` (one module per family). This stage runs them
over the aligned pairs (across articles, and inside one article, where any conflict is a
self-contradiction) and over every causal sentence, keeps one flag per sentence pair (the most
severe), and sets each alignment's relation: contradict, agree (no slot conflicts, no gate
separates the two, and neither is a clause that only says who said something) or related. The
checks' answers per claim pair come from the check cache where it holds them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from claimcheck.align import AlignmentSet, Pair, measure_keys
from claimcheck.cache import CheckCache, NoCheckCache
from claimcheck.checks import Finding, check_pair, conflicts, effective_polarity, predicate_relation, same_event
from claimcheck.checks.attribution import credits_only, same_quotation, speaker_names
from claimcheck.checks.base import quote
from claimcheck.checks.lexical import same_event_predicate
from claimcheck.checks.reasoning import causal_incoherence
from claimcheck.checks.view import agentless_passive, arg_keys, frame_of, named_doer, one_thing_named, words_of
from claimcheck.lexicon import stem
from claimcheck.settings import Settings
from claimcheck.types import Alignment, CausalRole, Claim, Flag, FlagKind, Relation, Severity

LOGGER = logging.getLogger(__name__)

BASE_SEVERITY = {
    FlagKind.NEGATION: Severity.HIGH,
    FlagKind.NUMERIC: Severity.HIGH,
    FlagKind.DATE: Severity.HIGH,
    FlagKind.ROLE_SWAP: Severity.HIGH,
    FlagKind.CAUSAL_INCOHERENCE: Severity.HIGH,
    FlagKind.SELF_CONTRADICTION: Severity.HIGH,
}
_LOWER = {Severity.HIGH: Severity.MEDIUM, Severity.MEDIUM: Severity.LOW, Severity.LOW: Severity.LOW}
_HIGHER = {Severity.LOW: Severity.MEDIUM, Severity.MEDIUM: Severity.HIGH, Severity.HIGH: Severity.HIGH}

_CHANGE_WORDS = frozenset({"rise", "rose", "risen", "fall", "fell", "fallen", "increase", "increased", "decrease", "decreased",
                           "up", "down", "from", "compared", "ago", "growth", "grew", "drop", "dropped", "jump", "jumped", "slip", "slipped"})
SAME_STATEMENT = 0.55  # alignment at which two claims are one statement whatever their predicates
# values (figures, times, places) differ all the time between statements that merely look alike
VALUE_KINDS = frozenset({FlagKind.NUMERIC, FlagKind.DATE, FlagKind.LOCATION})
VALUE_FLOOR = 0.5
POLARITY_KINDS = frozenset({FlagKind.NEGATION, FlagKind.ANTONYM})


def same_statement(a: Claim, b: Claim, score: float, kind: FlagKind | None = None) -> bool:
    """Two aligned claims make one statement: related predicates (the same, a synonym, an antonym,
    a converse), or an alignment close enough whatever the predicates; for an amount or a denial of
    a thing ("few studies" / "dozens of trials", "no side effects"), the same thing counted or denied."""
    fa, fb = frame_of(a), frame_of(b)
    if score >= SAME_STATEMENT or predicate_relation(fa.predicate.lemma, fb.predicate.lemma):
        return True
    if kind is FlagKind.QUANTIFIER:  # the quantified argument may be an agent or (passive) a patient
        return bool((arg_keys(fa.agent) | arg_keys(fa.patient)) & (arg_keys(fb.agent) | arg_keys(fb.patient)))
    return kind is FlagKind.NEGATION and "no" in (fa.predicate.negation.lower(), fb.predicate.negation.lower())




def _credited_to_two(a: Claim, b: Claim) -> bool:
    sa, sb = frame_of(a).source, frame_of(b).source
    return sa is not None and sb is not None and bool(speaker_names(sa)) and not speaker_names(sa) & speaker_names(sb)


def measured_alike(a: Claim, b: Claim) -> bool:
    """One event told twice with the same thing measured: related predicates, a shared measure,
    and doers that are known ("reached the museum at 3:11 a.m." / "arrived at the museum at 3:45
    a.m."; "when it took $18m" / "The Incredibles took $300m" may speak of two films)."""
    known = _known_doers(a, b) or _one_thing_done_to(a, b)
    return known and bool(measure_keys(a) & measure_keys(b)) and same_event_predicate(a, b)


def _one_thing_done_to(a: Claim, b: Claim) -> bool:
    """A passive that names no doer is anchored by what was done to: one thing named alike in both
    ("The panel heard oral arguments on May 14" / "Oral arguments were heard on June 4")."""
    fa, fb = frame_of(a), frame_of(b)
    return (agentless_passive(fa) or agentless_passive(fb)) and one_thing_named(fa.patient, fb.patient)


def _known_doers(a: Claim, b: Claim) -> bool:
    """Both claims name their doer, and neither by a pronoun alone."""
    return named_doer(frame_of(a).agent) and named_doer(frame_of(b).agent)


def differ_only_in(a: Claim, b: Claim, found: Finding) -> bool:
    """The two claims say the same words but for the values in conflict ("built in northern Spain"
    / "built in southern Italy"): a rewrite that changed one value, however short the sentence."""
    def rest(claim: Claim, terms: tuple[str, ...]) -> frozenset[str]:
        words = words_of(terms)
        gone = words | {stem(w) for w in words}
        return frozenset(k for k in claim.lemmas if k not in gone)
    ra, rb = rest(a, found.terms_a), rest(b, found.terms_b)
    return len(ra) >= 2 and ra == rb


def said_of_one_doer(a: Claim, b: Claim) -> bool:
    """The same named doer with the same, a synonymous or an opposite predicate ("The Marren Bay
    bridge reopened" / "The Marren Bay bridge remains closed"): one statement, however differently
    the rest of the two sentences reads."""
    if not _known_doers(a, b):
        return False
    fa, fb = frame_of(a), frame_of(b)
    doer = arg_keys(fa.agent)
    if len(doer) < 2 or doer != arg_keys(fb.agent):
        return False  # "Sales at hardware stores" / "Sales at restaurants": a head noun alone names no one doer
    return predicate_relation(fa.predicate.lemma, fb.predicate.lemma) in ("same", "synonym", "antonym")


def _severity(kind: FlagKind, a: Claim, b: Claim | None, score: float) -> Severity:
    sev = BASE_SEVERITY.get(kind, Severity.MEDIUM)
    hedged = bool(a.hedges) or bool(b and b.hedges)
    if kind is FlagKind.CAUSAL_INCOHERENCE:
        return sev
    if score >= 0.75 and not hedged:
        sev = _HIGHER[sev]
    if hedged or score < 0.5:
        sev = _LOWER[sev]
    return sev


def _causal_groups(claims: Iterable[Claim]) -> dict[tuple[str, int, str], tuple[list[Claim], list[Claim]]]:
    """Causal links by (article, sentence, cause text): their cause and effect clauses."""
    groups: dict[tuple[str, int, str], tuple[list[Claim], list[Claim]]] = {}
    for c in claims:
        if c.causal_role is CausalRole.NONE:
            continue
        causes, effects = groups.setdefault((c.doc_id, c.sentence_index, c.cause), ([], []))
        (causes if c.causal_role is CausalRole.CAUSE else effects).append(c)
    return groups


def _describes_change(a: Claim, b: Claim) -> bool:
    words = {w.lower().strip(".,;:()") for c in (a, b) for w in c.sentence.split()}
    return bool(words & _CHANGE_WORDS)


def find_flags(
    claims: Sequence[Claim], aligned: AlignmentSet, settings: Settings, memo: CheckCache | NoCheckCache = NoCheckCache()
) -> tuple[tuple[Flag, ...], tuple[Alignment, ...]]:
    """All contradiction flags, and the alignments with their relation set (the checks' answers
    per pair read from ``memo`` where it holds them)."""
    kinds = settings.kinds
    flags: list[Flag] = []
    broken: set[str] = set()  # effect claims of incoherent causal links: not compared further

    for causes, effects in _causal_groups(claims).values():
        if not causes or not effects:
            continue
        found = causal_incoherence(causes, effects)
        if found is None:
            continue
        broken.update(e.id for e in effects)
        if FlagKind.CAUSAL_INCOHERENCE in kinds:
            c0 = causes[0]
            flags.append(Flag(FlagKind.CAUSAL_INCOHERENCE, Severity.HIGH, 0.9, c0.doc_id, c0.sentence, c0.doc_id, "",
                              found.explanation, c0.id, effects[0].id, found.terms_a, found.terms_b))

    usable = aligned.claims
    flagged_pairs: set[tuple[str, str]] = set()

    def check(pair: Pair, inside: bool) -> None:
        a, b = usable[pair.i], usable[pair.j]
        if a.id in broken or b.id in broken:
            return
        floor = settings.min_self_alignment if inside else settings.min_flag_alignment
        if pair.score < min(floor, settings.min_flag_alignment):
            return
        found = memo.finding(a, b, check_pair)
        if found is None:
            return
        if found.kind in POLARITY_KINDS:
            if (inside or pair.score < floor) and not said_of_one_doer(a, b):
                return  # inside one article, or loosely aligned, sentences oppose each other only when said of one named doer
        elif pair.score < floor:
            return
        if found.kind in VALUE_KINDS and pair.score < VALUE_FLOOR and not (measured_alike(a, b) or differ_only_in(a, b, found)):
            return
        if not same_statement(a, b, pair.score, found.kind):
            return
        if inside and found.kind in (FlagKind.NUMERIC, FlagKind.COMPARATIVE, FlagKind.DATE) and _describes_change(a, b):
            return  # one article telling how a figure changed over time
        if inside and _credited_to_two(a, b):
            return  # an article reporting two people who disagree does not contradict itself
        kind = FlagKind.SELF_CONTRADICTION if inside else found.kind
        if found.kind not in kinds or kind not in kinds:
            return
        expl = f"inside {a.doc_id}, {found.explanation}" if inside else found.explanation
        flags.append(Flag(kind, _severity(kind, a, b, pair.score), round(pair.score * found.confidence, 3), a.doc_id,
                          a.sentence, b.doc_id, b.sentence, expl, a.id, b.id, found.terms_a, found.terms_b, found.confidence))
        flagged_pairs.add((a.id, b.id))

    if FlagKind.ATTRIBUTION in kinds:
        for a, b, found in same_quotation(claims):
            flags.append(Flag(FlagKind.ATTRIBUTION, Severity.MEDIUM, 0.9, a.doc_id, a.sentence, b.doc_id, b.sentence,
                              found.explanation, a.id, b.id, found.terms_a, found.terms_b))
    for pair in aligned.across:
        check(pair, inside=False)
    for pair in aligned.within:
        check(pair, inside=True)
    flags.extend(_opposite_effects(aligned, broken, kinds))

    relations: list[Alignment] = []
    credits = credits_only(usable)  # "..., Ms Hale told Reuters": aligned with any other credit to Ms Hale or Reuters
    for pair in aligned.across:
        a, b = usable[pair.i], usable[pair.j]
        statements = a.id not in credits and b.id not in credits
        if (a.id, b.id) in flagged_pairs:
            rel = Relation.CONTRADICT
        elif pair.score >= settings.agree_score and statements and memo.answer("compatible", a, b, compatible):
            rel = Relation.AGREE
        else:
            rel = Relation.RELATED
        relations.append(aligned.alignment(pair, rel))
    return _dedupe(flags), tuple(relations)


def compatible(a: Claim, b: Claim) -> bool:
    """Agreement needs compatible slots: the same polarity, no slot in conflict, the same event."""
    return effective_polarity(a) is effective_polarity(b) and not conflicts(a, b) and same_event(a, b)


def _opposite_effects(aligned: AlignmentSet, broken: set[str], kinds: frozenset[FlagKind]) -> list[Flag]:
    """Two articles give the same cause opposite effects ("works because X" vs "since X, less effective")."""
    if FlagKind.ANTONYM not in kinds:
        return []
    by_id: dict[str, Claim] = {}
    out: list[Flag] = []
    for pair in aligned.across:
        a, b = aligned.claims[pair.i], aligned.claims[pair.j]
        if a.causal_role is not CausalRole.CAUSE or b.causal_role is not CausalRole.CAUSE:
            continue
        by_id = by_id or {c.id: c for c in aligned.claims}
        shorter, longer = sorted((set(a.lemmas), set(b.lemmas)), key=len)
        if pair.score < 0.6 and not (len(shorter) >= 3 and shorter <= longer):
            continue  # the same cause: closely aligned, or one states it inside the other
        ea, eb = by_id.get(a.partner), by_id.get(b.partner)
        if ea is None or eb is None or ea.id in broken or eb.id in broken:
            continue
        if ea.valence and eb.valence and ea.valence != eb.valence:
            wa = ea.valence_terms or (ea.predicate,)
            wb = eb.valence_terms or (eb.predicate,)
            expl = (
                f"antonym: both give the same cause ({quote(a.text, 60)}), but {a.doc_id} draws a "
                f"{'good' if ea.valence > 0 else 'bad'} effect ({', '.join(repr(w) for w in wa)}) and {b.doc_id} a "
                f"{'good' if eb.valence > 0 else 'bad'} one ({', '.join(repr(w) for w in wb)})"
            )
            out.append(Flag(FlagKind.ANTONYM, _severity(FlagKind.ANTONYM, ea, eb, pair.score), round(pair.score * 0.9, 3),
                            a.doc_id, a.sentence, b.doc_id, b.sentence, expl, ea.id, eb.id, wa, wb))
    return out


def _dedupe(flags: list[Flag]) -> tuple[Flag, ...]:
    """One flag per sentence pair: the most severe, then highest scoring."""
    best: dict[tuple[str, str, str, str], Flag] = {}
    order: list[tuple[str, str, str, str]] = []
    for f in flags:
        key = (f.doc_a, f.sentence_a, f.doc_b, f.sentence_b)
        rev = (f.doc_b, f.sentence_b, f.doc_a, f.sentence_a)
        k = rev if rev in best else key
        cur = best.get(k)
        if cur is None:
            order.append(k)
            best[k] = f
        elif (f.severity.rank, f.score) > (cur.severity.rank, cur.score):
            best[k] = f
    return tuple(best[k] for k in order)


__all__ = ["Finding", "compatible", "effective_polarity", "find_flags", "same_statement"]
