"""Stage 4: aligned claims -> typed contradiction flags.

Each kind of contradiction is one small pure rule over two claims (or one causal link), returning a
``Finding`` or None. ``find_flags`` runs them over the alignments, inside articles and over every
causal sentence, then keeps one flag per sentence pair (the most severe).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from claimcheck import lexicon as lx
from claimcheck.align import AlignmentSet, Pair
from claimcheck.lexicon import stem
from claimcheck.quantities import comparable, conflict
from claimcheck.settings import Settings
from claimcheck.types import Alignment, CausalRole, Claim, Flag, FlagKind, Polarity, Quantifier, Relation, Severity

LOGGER = logging.getLogger(__name__)

BASE_SEVERITY = {
    FlagKind.NEGATION: Severity.HIGH,
    FlagKind.NUMERIC: Severity.HIGH,
    FlagKind.APPROVAL: Severity.HIGH,
    FlagKind.CAUSAL_INCOHERENCE: Severity.HIGH,
    FlagKind.QUANTIFIER: Severity.MEDIUM,
    FlagKind.COMPARATIVE: Severity.MEDIUM,
    FlagKind.ANTONYM: Severity.MEDIUM,
}
_LOWER = {Severity.HIGH: Severity.MEDIUM, Severity.MEDIUM: Severity.LOW, Severity.LOW: Severity.LOW}
_HIGHER = {Severity.LOW: Severity.MEDIUM, Severity.MEDIUM: Severity.HIGH, Severity.HIGH: Severity.HIGH}

# quantifier pairs that cannot both hold of the same set
_CLASH = {
    frozenset({Quantifier.FEW, Quantifier.MANY}), frozenset({Quantifier.FEW, Quantifier.MOST}),
    frozenset({Quantifier.FEW, Quantifier.ALL}), frozenset({Quantifier.NONE, Quantifier.SOME}),
    frozenset({Quantifier.NONE, Quantifier.MANY}), frozenset({Quantifier.NONE, Quantifier.MOST}),
    frozenset({Quantifier.NONE, Quantifier.ALL}), frozenset({Quantifier.ALL, Quantifier.NOT_ALL}),
    frozenset({Quantifier.ALL, Quantifier.ONLY}),
}
_EVIDENCE = frozenset(stem(w) for w in ("study", "research", "evidence", "trial", "data", "cost", "price", "expense"))


@dataclass(frozen=True)
class Finding:
    """What one rule found about two claims (or one causal link)."""

    kind: FlagKind
    explanation: str
    terms_a: tuple[str, ...] = ()
    terms_b: tuple[str, ...] = ()
    confidence: float = 1.0


Rule = Callable[[Claim, Claim, float], "Finding | None"]


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f'"{text if len(text) <= limit else text[: limit - 1] + "…"}"'


def effective_polarity(claim: Claim) -> Polarity:
    """Polarity of what the claim asserts: negating a reporting verb ("people don't talk about X")
    does not deny X."""
    if claim.polarity is Polarity.NEGATIVE and claim.predicate_lemma in lx.REPORTING_VERBS:
        return Polarity.POSITIVE
    return claim.polarity


def _antonym_terms(a: Claim, b: Claim, lenient: bool = False) -> tuple[str, str] | None:
    """A pair of surface words, one from each claim, with opposite meaning about the same thing.

    Strict (for flagging): words that are part of a comparison ("costs less") are left to the
    comparative rule, and a pair is passed over when either claim also uses the other's word.
    Lenient (for cancelling a negation: "not cheap" vs "more costly") takes any opposed pair."""
    compared_a = set() if lenient else {c.word for c in a.comparatives}
    compared_b = set() if lenient else {c.word for c in b.comparatives}
    for ta in a.terms:
        if ta.lemma in compared_a:
            continue  # "costs less" is a comparison: the comparative rule judges it
        for tb in b.terms:
            la, lb = ta.lemma, tb.lemma
            if lb in compared_b:
                continue
            if la == lb or "more" in (la, lb) or "less" in (la, lb):
                continue
            if ta.arg and tb.arg and ta.arg != tb.arg and ta.arg not in b.lemmas and tb.arg not in a.lemmas:
                continue  # said of different things ("increase flexibility" / "reduce pain")
            if not lenient and (stem(lb) in a.lemmas or stem(la) in b.lemmas or stem(tb.text.lower()) in a.lemmas or stem(ta.text.lower()) in b.lemmas):
                continue  # each claim also uses the other's word: no clean opposition
            if lb in lx.ANTONYMS.get(la, ()):
                return ta.text, tb.text
            scale_a, scale_b = lx.SCALES.get(la), lx.SCALES.get(lb)
            if scale_a and scale_b and scale_a[0] == scale_b[0] and scale_a[1] != scale_b[1]:
                return ta.text, tb.text
            change_a, change_b = lx.CHANGE_VERBS.get(la), lx.CHANGE_VERBS.get(lb)
            if change_a and change_b and change_a[0] == change_b[0] and change_a[1] != change_b[1]:
                return ta.text, tb.text
    return None


_GENERIC_ENTITIES = frozenset({"gmt", "bst", "est", "utc", "am", "pm", "usd", "gbp", "eur", "ceo", "i", "tv"})
_CHANGE_WORDS = frozenset({"rise", "rose", "risen", "fall", "fell", "fallen", "increase", "increased", "decrease", "decreased",
                           "up", "down", "from", "compared", "ago", "growth", "grew", "drop", "dropped", "jump", "jumped", "slip", "slipped"})


def _dice(a: Claim, b: Claim) -> float:
    """Plain overlap of content stems: how much of both claims the other repeats."""
    ka, kb = set(a.lemmas), set(b.lemmas)
    return 2 * len(ka & kb) / (len(ka) + len(kb)) if ka or kb else 0.0


def _rest_dice(a: Claim, b: Claim, drop: set[str]) -> float:
    """Overlap of the two claims once the conflicting words themselves are set aside."""
    ka, kb = set(a.lemmas) - drop, set(b.lemmas) - drop
    return 2 * len(ka & kb) / (len(ka) + len(kb)) if ka or kb else 0.0


def _stems(*words: str) -> set[str]:
    return {stem(w.lower()) for w in words if w} | {w.lower() for w in words if w}


def same_topic(a: Claim, b: Claim) -> bool:
    """False when the two claims name different things: both name entities, and none in common."""
    if not a.entities or not b.entities:
        return True
    ea = set(a.entities) - _GENERIC_ENTITIES
    eb = set(b.entities) - _GENERIC_ENTITIES
    return not (ea and eb and not ea & eb)


def _subject_keys(claim: Claim) -> set[str]:
    return {stem(w.lower()) for w in re.findall(r"[A-Za-z][A-Za-z-]+", claim.subject)} & set(claim.lemmas)


def _denied_phrase(neg: Claim) -> tuple[str, ...]:
    """The noun phrase a "no"/"none" denies ("no side effects" -> side, effect), else ()."""
    if not {"no", "none"} & {n.lower() for n in neg.negations} or neg.focus not in neg.lemmas:
        return ()
    i = neg.lemmas.index(neg.focus)
    return tuple(neg.lemmas[i : i + 2])


def negation(a: Claim, b: Claim, score: float) -> Finding | None:
    """One claim denies what the other asserts about the same thing."""
    pa, pb = effective_polarity(a), effective_polarity(b)
    if pa is pb or "if" in a.hedges or "if" in b.hedges:
        return None  # the same polarity, or a hypothetical ("if X is not ...")
    neg, pos = (a, b) if pa is Polarity.NEGATIVE else (b, a)
    if not neg.focus:
        return None
    denied = _denied_phrase(neg)
    shared = set(a.lemmas) & set(b.lemmas)
    if len(denied) >= 2 and set(denied) <= set(pos.lemmas) and len(shared) >= 3 and score >= 0.42:
        pass  # "no side effects like sedation" vs "the same side effects as oral painkillers"
    elif score < 0.5 or len(shared) < 2 or len(shared) < 0.6 * min(len(set(a.lemmas)), len(set(b.lemmas))):
        return None
    if neg.focus not in pos.lemmas:
        # "never affects battery life" vs "can shorten battery life": a different verb, the rest the same
        if pos.focus in {stem(w) for w in lx.DECREASERS} or _rest_dice(a, b, {neg.focus, pos.focus}) < 0.8:
            return None
    if _antonym_terms(a, b, lenient=True):  # "not cheap" vs "costly": two ways of saying the same
        return None
    reported = any(c.polarity is not effective_polarity(c) for c in (a, b))
    sa, sb = _subject_keys(a), _subject_keys(b)
    if sa and sb and not sa & sb and not reported:
        return None  # the same words said of different subjects
    cue = neg.negations[0] if neg.negations else "not"
    focus_word = next((w for w in neg.text.split() if stem(w.lower().strip(".,;:")) == neg.focus), "") or neg.focus
    pos_word = next((w for w in pos.text.split() if stem(w.lower().strip(".,;:")) == neg.focus), neg.focus)
    expl = (
        f'negation: {neg.doc_id} denies it ("{cue} … {focus_word}") in {_quote(neg.text)}, '
        f"while {pos.doc_id} affirms it ({pos_word!r}) in {_quote(pos.text)}"
    )
    neg_terms = tuple(dict.fromkeys(w for w in (*neg.negations, focus_word) if w))
    terms_a, terms_b = (neg_terms, (pos_word,)) if neg is a else ((pos_word,), neg_terms)
    return Finding(FlagKind.NEGATION, expl, terms_a, terms_b)


def numeric(a: Claim, b: Claim, score: float) -> Finding | None:
    """The same quantity with values that cannot both be right ("about $50" vs "around $500")."""
    if not a.quantities or not b.quantities:
        return None
    dice = _dice(a, b)
    if score < 0.6 or dice < 0.5:
        return None  # numbers differ all the time between statements that merely look alike
    dates_a = [q for q in a.quantities if q.dimension == "date"]
    dates_b = [q for q in b.quantities if q.dimension == "date"]
    other_period = any(conflict(x, y) for x in dates_a for y in dates_b)
    dims_b = {q.dimension for q in b.quantities}
    shared = [d for d in dict.fromkeys(q.dimension for q in a.quantities) if d in dims_b]  # a's order: same run, same flag
    for dim in shared:
        if (dim == "date" and dice < 0.7) or (dim != "date" and other_period):
            continue  # a different year is a different event; a figure for another year is no conflict
        qa = [q for q in a.quantities if q.dimension == dim]
        qb = [q for q in b.quantities if q.dimension == dim]
        pairs = [(x, y) for x in qa for y in qb if comparable(x, y)]
        if not pairs or not all(conflict(x, y) for x, y in pairs):
            continue
        x, y = pairs[0]
        unit = "" if x.unit in {"year"} and dim == "date" else f" {x.unit}"
        expl = (
            f"numeric: {a.doc_id} gives {x.text!r} ({_fmt(x.low, x.high)}{unit}) but {b.doc_id} gives "
            f"{y.text!r} ({_fmt(y.low, y.high)}{unit}) for the same {dim}"
        )
        return Finding(FlagKind.NUMERIC, expl, (x.text,), (y.text,))
    return None


def _fmt(low: float, high: float) -> str:
    def f(v: float) -> str:
        return "∞" if v == float("inf") else (f"{v:,.0f}" if v == int(v) else f"{v:,.4g}")

    return f(low) if low == high else f"{f(low)}–{f(high)}"


def _status(claim: Claim) -> tuple[int, str]:
    for term in claim.terms:
        if term.lemma in lx.APPROVAL_WORDS:
            sign = lx.APPROVAL_WORDS[term.lemma]
            return (sign if effective_polarity(claim) is Polarity.POSITIVE else -sign), term.text
    return 0, ""


def approval(a: Claim, b: Claim, score: float) -> Finding | None:
    """Different regulatory status for the same thing ("approved" vs "banned")."""
    if not a.terms or not b.terms:
        return None  # a status is said with a term
    sa, wa = _status(a)
    sb, wb = _status(b)
    if not sa or not sb or sa == sb or (score < 0.55 and _rest_dice(a, b, _stems(wa, wb)) < 0.6):
        return None
    ka, kb = _subject_keys(a) | set(a.entities), _subject_keys(b) | set(b.entities)
    if ka and kb and not ka & kb:
        return None  # different authorities or different things
    expl = f"approval/status: {a.doc_id} says {wa!r} ({'permitted' if sa > 0 else 'not permitted'}) but {b.doc_id} says {wb!r} ({'permitted' if sb > 0 else 'not permitted'})"
    return Finding(FlagKind.APPROVAL, expl, (*a.negations, wa), (*b.negations, wb))


def _quantified_noun(claim: Claim) -> str:
    words = claim.quantifier_text.split()
    return stem(words[-1].lower()) if len(words) > 1 else ""


def quantifier(a: Claim, b: Claim, score: float) -> Finding | None:
    """Quantities of a set that cannot both hold ("very few studies" vs "dozens of trials")."""
    qa, qb = a.quantifier, b.quantifier
    if score < 0.45:
        return None
    if qa is None or qb is None or frozenset({qa, qb}) not in _CLASH:
        return None
    na, nb = _quantified_noun(a), _quantified_noun(b)
    if na and nb and na != nb and score < 0.6:
        return None
    if effective_polarity(a) is not effective_polarity(b):
        return None
    expl = f"quantifier: {a.doc_id} says {a.quantifier_text!r} ({qa.name.lower().replace('_', ' ')}) but {b.doc_id} says {b.quantifier_text!r} ({qb.name.lower().replace('_', ' ')})"
    return Finding(FlagKind.QUANTIFIER, expl, (a.quantifier_text,), (b.quantifier_text,))


def comparative(a: Claim, b: Claim, score: float) -> Finding | None:
    """Comparisons in opposite directions on the same scale ("more pronounced" vs "weaker")."""
    if score < 0.5:
        return None
    for ca in a.comparatives:
        for cb in b.comparatives:
            if ca.scale != cb.scale or ca.direction == cb.direction:
                continue
            if ca.target and cb.target and stem(ca.target) != stem(cb.target) and not ca.scale.startswith("amount:") and score < 0.6:
                continue
            if effective_polarity(a) is not effective_polarity(b):
                continue
            expl = (
                f"comparative: {a.doc_id} says {ca.text!r} ({'higher' if ca.direction > 0 else 'lower'} {ca.scale.split(':')[0]}) "
                f"but {b.doc_id} says {cb.text!r} ({'higher' if cb.direction > 0 else 'lower'} {cb.scale.split(':')[0]})"
            )
            return Finding(FlagKind.COMPARATIVE, expl, (ca.text.split(" than ")[0],), (cb.text.split(" than ")[0],))
    return None


def antonym(a: Claim, b: Claim, score: float) -> Finding | None:
    """Words of opposite meaning said of the same thing ("raises" vs "lowers", "toxic" vs "safe")."""
    if not a.terms or not b.terms or score < 0.45 or effective_polarity(a) is not effective_polarity(b):
        return None
    found = _antonym_terms(a, b)
    if not found:
        return None
    wa, wb = found
    if score < 0.55 and _rest_dice(a, b, _stems(wa, wb)) < 0.6:
        return None
    expl = f"antonym: {a.doc_id} says {wa!r} where {b.doc_id} says {wb!r} about the same statement"
    return Finding(FlagKind.ANTONYM, expl, (wa,), (wb,))


PAIR_RULES: tuple[Rule, ...] = (numeric, negation, approval, quantifier, comparative, antonym)


def _target_matches(cause: Claim, effect: Claim) -> bool:
    """Whether the effect clause judges the same thing the cause clause speaks of."""
    subj = [stem(w.lower()) for w in cause.subject.split() if w.isalpha()]
    if not subj or set(subj) & _EVIDENCE:
        return True
    words = {w.lower().strip(".,;:") for w in effect.text.split()}
    if words & {"it", "this", "they", "these", "them", "its", "their"} - {"their"}:
        return True
    if words & lx.ABSENCE_NOUNS:
        return True
    return bool(set(subj) & set(effect.lemmas))


def _absence(claim: Claim) -> bool:
    return any(w.lower() in lx.ABSENCE_NOUNS for w in claim.subject.split())


def causal_incoherence(causes: Sequence[Claim], effects: Sequence[Claim]) -> Finding | None:
    """A disadvantage given as the reason for a preference or benefit, or the reverse."""
    vc = sum(c.valence for c in causes)
    ve = sum(e.valence for e in effects)
    vc, ve = (vc > 0) - (vc < 0), (ve > 0) - (ve < 0)
    if not vc or not ve:
        return None
    flip = any(_absence(e) for e in effects) != any(_absence(c) for c in causes)
    if flip:
        ve = -ve
    if vc == ve or not any(_target_matches(causes[0], e) for e in effects):
        return None
    cause_text = " ".join(c.text for c in causes)
    effect_text = " ".join(e.text for e in effects)
    cause_words = tuple(dict.fromkeys(w for c in causes for w in c.valence_terms))
    effect_words = tuple(dict.fromkeys(w for e in effects for w in e.valence_terms))
    cw = ", ".join(f'"{w}"' for w in cause_words) or "its wording"
    ew = ", ".join(f'"{w}"' for w in effect_words) or "its wording"
    if flip:
        expl = (
            f"causal incoherence: the reason {_quote(cause_text)} speaks for it ({cw}), yet the conclusion "
            f"{_quote(effect_text)} says its absence is good ({ew})"
        )
    elif vc < 0:
        expl = (
            f"causal incoherence: a disadvantage ({cw}) in {_quote(cause_text)} is given as the reason for a "
            f"preference or benefit ({ew}) in {_quote(effect_text)}"
        )
    else:
        expl = (
            f"causal incoherence: an advantage ({cw}) in {_quote(cause_text)} is given as the reason for a "
            f"drawback ({ew}) in {_quote(effect_text)}"
        )
    return Finding(FlagKind.CAUSAL_INCOHERENCE, expl, cause_words, effect_words)


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


def find_flags(claims: Sequence[Claim], aligned: AlignmentSet, settings: Settings) -> tuple[tuple[Flag, ...], tuple[Alignment, ...]]:
    """All contradiction flags, and the alignments with their relation set."""
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
            flags.append(
                Flag(FlagKind.CAUSAL_INCOHERENCE, Severity.HIGH, 0.9, c0.doc_id, c0.sentence, c0.doc_id, "",
                     found.explanation, c0.id, effects[0].id, found.terms_a, found.terms_b)
            )

    usable = aligned.claims
    flagged_pairs: set[tuple[str, str]] = set()

    def check(pair: Pair, inside: bool) -> None:
        a, b = usable[pair.i], usable[pair.j]
        if a.id in broken or b.id in broken:
            return
        need = settings.min_self_alignment if inside else settings.min_flag_alignment
        if pair.score < need or not same_topic(a, b):
            return
        for rule in PAIR_RULES:
            found = rule(a, b, pair.score)
            if found is None:
                continue
            if inside and found.kind in (FlagKind.NUMERIC, FlagKind.COMPARATIVE) and _describes_change(a, b):
                continue  # one article telling how a figure changed over time
            kind = FlagKind.SELF_CONTRADICTION if inside else found.kind
            if found.kind not in kinds or kind not in kinds:
                continue  # not asked for: a later rule may still find a kind that is
            sev = _severity(found.kind, a, b, pair.score)
            expl = f"inside {a.doc_id}, {found.explanation}" if inside else found.explanation
            flags.append(Flag(kind, sev, round(pair.score * found.confidence, 3), a.doc_id, a.sentence, b.doc_id,
                              b.sentence, expl, a.id, b.id, found.terms_a, found.terms_b))
            flagged_pairs.add((a.id, b.id))
            return

    for pair in aligned.across:
        check(pair, inside=False)
    for pair in aligned.within:
        check(pair, inside=True)
    flags.extend(_opposite_effects(aligned, broken, kinds))

    relations: list[Alignment] = []
    for pair in aligned.across:
        a, b = usable[pair.i], usable[pair.j]
        if (a.id, b.id) in flagged_pairs:
            rel = Relation.CONTRADICT
        elif pair.score >= settings.agree_score and effective_polarity(a) is effective_polarity(b):
            rel = Relation.AGREE
        else:
            rel = Relation.RELATED
        relations.append(aligned.alignment(pair, rel))
    return _dedupe(flags), tuple(relations)


def _describes_change(a: Claim, b: Claim) -> bool:
    words = {w.lower().strip(".,;:()") for c in (a, b) for w in c.sentence.split()}
    return bool(words & _CHANGE_WORDS)


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
                f"antonym: both give the same cause ({_quote(a.text, 60)}), but {a.doc_id} draws a "
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


__all__ = [
    "Finding", "PAIR_RULES", "antonym", "approval", "causal_incoherence", "comparative", "effective_polarity",
    "find_flags", "negation", "numeric", "quantifier",
]
