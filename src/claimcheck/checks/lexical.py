"""Word-level conflicts: antonym, quantifier, modality and comparative, and how two predicates relate.

Relations between words come from the lexicon (WordNet antonyms and synonyms, scales, verbs of
change, status words), never from lists in a check.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from claimcheck import lexicon as lx
from claimcheck.checks.base import Finding, versus
from claimcheck.checks.view import arg_keys, frame_of, named_doer, plain, standard_keys, swapped
from claimcheck.lexicon import stem
from claimcheck.types import Claim, Comparative, FlagKind, Frame, Modality, Polarity, Quantifier

# quantifier pairs that cannot both hold of the same set
_QUANTIFIER_CLASH = frozenset({
    frozenset({Quantifier.FEW, Quantifier.MANY}), frozenset({Quantifier.FEW, Quantifier.MOST}),
    frozenset({Quantifier.FEW, Quantifier.ALL}), frozenset({Quantifier.NONE, Quantifier.SOME}),
    frozenset({Quantifier.NONE, Quantifier.MANY}), frozenset({Quantifier.NONE, Quantifier.MOST}),
    frozenset({Quantifier.NONE, Quantifier.ALL}), frozenset({Quantifier.ALL, Quantifier.NOT_ALL}),
    frozenset({Quantifier.ALL, Quantifier.ONLY}),
})
# modalities that cannot both hold of the same predicate: will vs might / ruled out, must vs may / must not
_MODALITY_CLASH = frozenset({
    frozenset({Modality.CERTAIN, Modality.EXCLUDED}), frozenset({Modality.CERTAIN, Modality.POSSIBLE}),
    frozenset({Modality.CERTAIN, Modality.FORBIDDEN}),  # "will launch" / "may not launch"
    frozenset({Modality.LIKELY, Modality.EXCLUDED}),  # a fact against "cannot" is an opinion on what may be
    frozenset({Modality.REQUIRED, Modality.PERMITTED}), frozenset({Modality.REQUIRED, Modality.POSSIBLE}),
    frozenset({Modality.REQUIRED, Modality.FORBIDDEN}), frozenset({Modality.PERMITTED, Modality.FORBIDDEN}),
    frozenset({Modality.REQUIRED, Modality.EXCLUDED}),
})


def _opposed(la: str, lb: str) -> bool:
    """Opposites, directly or, for a phrasal verb, through its one-word synonyms ("turn down" ~
    "reject", the opposite of "approve")."""
    return (_opposite(la, lb) or (" " in lb and any(_opposite(la, s) for s in lx.synonyms(lb)))
            or (" " in la and any(_opposite(s, lb) for s in lx.synonyms(la))))


def _opposite(la: str, lb: str) -> bool:
    if lb in lx.antonyms(la) or la in lx.antonyms(lb):
        return True
    for table in (lx.SCALES, lx.CHANGE_VERBS):
        xa, xb = table.get(la), table.get(lb)
        if xa and xb and xa[0] == xb[0] and xa[1] != xb[1]:
            return True
    sa, sb = lx.APPROVAL_WORDS.get(la), lx.APPROVAL_WORDS.get(lb)
    return bool(sa and sb and sa != sb)


def _american(word: str) -> str:
    """WordNet's spelling of a British -ise/-our word: "criticise" -> "criticize", "favour" -> "favor"."""
    return re.sub(r"is(e|ed|es|ing|ation)$", r"iz\1", word).replace("our", "or")


def _relation(la: str, lb: str) -> str:
    if la == lb:
        return "same"
    if stem(la) == stem(lb) or lb in lx.synonyms(la) or la in lx.synonyms(lb):
        return "synonym"
    if lb in lx.converses(la) or la in lx.converses(lb):
        return "converse"  # before antonyms: "buy" / "sell" are both
    if _opposed(la, lb):
        return "antonym"
    if lb in lx.hypernyms(la) or la in lx.hypernyms(lb):
        return "hypernym"  # "gutted" / "destroyed": one event, said more generally
    return ""


@functools.lru_cache(maxsize=65_536)
def predicate_relation(la: str, lb: str) -> str:
    """How two predicate lemmas relate: "same", "synonym", "antonym", "converse", "hypernym" or "" (unrelated),
    in either spelling ("praise" / "criticise" as "criticize")."""
    la, lb = la.lower(), lb.lower()
    if not la or not lb:
        return ""
    spellings_a, spellings_b = dict.fromkeys((la, _american(la))), dict.fromkeys((lb, _american(lb)))
    return next((r for x in spellings_a for y in spellings_b if (r := _relation(x, y))), "")


def _same_roles(fa: Frame, fb: Frame) -> bool:
    """Both frames name agent and patient, and each is the other's (the same doer, the same thing done to)."""
    keys = [arg_keys(x) for x in (fa.agent, fa.patient, fb.agent, fb.patient)]
    return all(keys) and bool(keys[0] & keys[2]) and bool(keys[1] & keys[3])


# degree words take their meaning from a phrase ("at least once a month", "much more"): never opposites alone
_DEGREE_WORDS = frozenset({"more", "less", "most", "least", "much", "little", "many", "few"})


def _opposite_terms(a: Claim, b: Claim) -> tuple[str, str] | None:
    """The predicates, or two evaluative words said of the same thing, with opposite meaning."""
    pa, pb = frame_of(a).predicate, frame_of(b).predicate
    relation = predicate_relation(pa.lemma, pb.lemma)
    if relation in ("antonym", "converse"):
        if swapped(a, b):
            return None  # "City beat Rovers" / "Rovers lost to City": the same said the other way round
        if relation == "converse" and not _same_roles(frame_of(a), frame_of(b)):
            return None  # "sold to a shell company" / "the firm which has bought it": who is who is unknown
        if stem(pa.lemma) in b.lemmas or stem(pb.lemma) in a.lemmas:
            return None  # "dropped in December, after a 0.6% rise in November": both, of two occasions
        return pa.text or pa.lemma, pb.text or pb.lemma
    compared_a = {c.word for c in frame_of(a).comparatives}
    compared_b = {c.word for c in frame_of(b).comparatives}
    for ta in a.terms:
        for tb in b.terms:
            la, lb = ta.lemma, tb.lemma
            if la == lb or la in compared_a or lb in compared_b or _DEGREE_WORDS & {la, lb}:
                continue  # a comparison is the comparative check's
            if ta.arg and tb.arg and ta.arg != tb.arg and ta.arg not in b.lemmas and tb.arg not in a.lemmas:
                continue  # said of different things ("increase flexibility" / "reduce pain")
            if stem(lb) in a.lemmas or stem(la) in b.lemmas:
                continue  # each claim also uses the other's word: no clean opposition
            if _opposed(la, lb):
                return ta.text, tb.text
    return None


_ARTICLES = frozenset({"a", "an", "the"})


def _one_word_opposed(a: Claim, b: Claim) -> tuple[str, str] | None:
    """A rewrite that kept every word but one and put its opposite in its place ("The jury found
    the defendant guilty" / "... innocent", "above the average" / "below"): whatever part of
    speech the word is, and however the parse reads the clause."""
    wa, wb = (set(re.findall(r"[a-z]+", plain(c.text).lower())) - _ARTICLES for c in (a, b))
    only_a, only_b = wa - wb, wb - wa
    if len(only_a) != 1 or len(only_b) != 1 or len(set(a.lemmas) & set(b.lemmas)) < 2:
        return None
    x, y = next(iter(only_a)), next(iter(only_b))
    return (x, y) if _opposed(x, y) else None


def antonym(a: Claim, b: Claim) -> Finding | None:
    """Opposite predicates, or opposite evaluative words, for the same subject ("rose" / "fell",
    "sound" / "unsafe"), or one word of a rewrite changed for its opposite ("guilty" / "innocent")."""
    if frame_of(a).predicate.polarity is not frame_of(b).predicate.polarity:
        return None  # "not cheap" / "costly": two ways of saying the same
    found = _opposite_terms(a, b) or _one_word_opposed(a, b)
    if found is None:
        return None
    wa, wb = found
    kind = FlagKind.ANTONYM
    if {wa.lower(), wb.lower()} <= lx.COMPASS_WORDS:
        kind = FlagKind.LOCATION
    elif {wa.lower(), wb.lower()} <= lx.POSITION_WORDS:
        kind = FlagKind.COMPARATIVE
    return Finding(kind, versus(kind.value, repr(wa), a.doc_id, repr(wb), b.doc_id), (wa,), (wb,))


_NOT_A_SET = frozenset({"one", "ones", "those", "them", "these", "who", "that"})  # "the only ones who ..." names no set


_PREPOSITIONS = frozenset({"for", "in", "on", "at", "with", "from", "to", "by", "about", "over", "into"})


def _quantified(text: str) -> str:
    """The stem of the noun a quantifier phrase counts ("very few studies" -> "studi", "none of the
    patients" -> "patient", "no date for the trial" -> "date"), else ""."""
    words = text.lower().split()
    if len(words) > 2 and words[1] != "of":
        words = next((words[:i] for i, w in enumerate(words) if i > 1 and w in _PREPOSITIONS), words)
    if len(words) < 2 or words[-1] in _NOT_A_SET | _DEGREE_WORDS | {"lot", "all", "some", "none", "any", "several"}:
        return ""  # no noun: "very little on health"
    return stem(words[-1])


def _counted_elsewhere(noun: str, frame: Frame) -> bool:
    """The noun one quantifier counts is in the other claim only outside the set its quantifier
    counts: "No date for the trial has been set" / "all three are awaiting a trial date"."""
    said = frame.quantifier_text.lower()
    if frame.predicate.lemma in ("be", ""):
        return False  # "none of these are quotations": what it is, is the set itself
    args = [x for x in (frame.agent, frame.patient) if x is not None]
    counting = [x for x in args if said and said in x.text.lower()]
    others = frozenset().union(*(arg_keys(x) for x in args if x not in counting))
    return bool(counting) and noun in others and not any(noun in arg_keys(x) for x in counting)


def _polarity_beside(frame: Frame) -> Polarity:
    """A frame's polarity apart from its quantifier: "none of them was released" is the quantifier
    none, not a denial of its own."""
    cue = frame.predicate.negation.lower()
    if cue and frame.quantifier_text.lower().startswith(cue):
        return Polarity.POSITIVE
    return frame.predicate.polarity


def _all_of_subject(frame: Frame) -> bool:
    """The claim says its predicate of all its subjects ("Everyone on board", "Both unions") or at
    all times ("always"); not "any" ("different from any he had seen": no universal)."""
    words = frame.quantifier_text.lower().split()
    if frame.quantifier is not Quantifier.ALL or not words or words[0] == "any":
        return False
    return words[0] == "always" or (frame.agent is not None and frame.quantifier_text.lower() in frame.agent.text.lower())


def _denied_by_none(claim: Claim) -> bool:
    """The claim is denied by a cue that is a quantifier of its own ("No one on board survived",
    "The club never wins", "Neither candidate accepted"): the none to set against an all."""
    predicate = frame_of(claim).predicate
    cue = predicate.negation.lower()
    if predicate.polarity is not Polarity.NEGATIVE or cue not in lx.NONE_CUES:
        return False
    return cue != "no" or bool(re.match(r"\s*no(?:\s+one|body)\b", plain(claim.text), re.I))  # "no one", not "no injuries"


def _all_against_none(a: Claim, b: Claim) -> Finding | None:
    """One claim says its predicate of all ("Everyone on board survived"), the other denies it
    with a none ("No one on board survived")."""
    fa, fb = frame_of(a), frame_of(b)
    all_a = _all_of_subject(fa) and fb.quantifier is None and _denied_by_none(b)
    all_b = _all_of_subject(fb) and fa.quantifier is None and _denied_by_none(a)
    if not (all_a or all_b) or not _same_predicate(a, b):
        return None

    def told(frame: Frame, says_all: bool) -> tuple[str, str]:
        return (frame.quantifier_text, "all") if says_all else (frame.predicate.negation, "none")

    (wa, qa), (wb, qb) = told(fa, all_a), told(fb, not all_a)
    return Finding(FlagKind.QUANTIFIER, versus("quantifier", f"{wa!r} ({qa})", a.doc_id, f"{wb!r} ({qb})", b.doc_id), (wa,), (wb,))


def quantifier(a: Claim, b: Claim) -> Finding | None:
    """all / most / some / few / none that cannot both hold of the same set."""
    fa, fb = frame_of(a), frame_of(b)
    qa, qb = fa.quantifier, fb.quantifier
    if (found := _all_against_none(a, b)) is not None:
        return found
    if qa is None or qb is None or frozenset({qa, qb}) not in _QUANTIFIER_CLASH:
        return None
    if _polarity_beside(fa) is not _polarity_beside(fb):
        return None  # "not all" / "some": a negation of the quantifier is said differently, not denied
    na, nb = _quantified(fa.quantifier_text), _quantified(fb.quantifier_text)
    elsewhere_b, elsewhere_a = bool(na) and _counted_elsewhere(na, fb), bool(nb) and _counted_elsewhere(nb, fa)
    if na and nb and na != nb and (na not in b.lemmas or elsewhere_b) and (nb not in a.lemmas or elsewhere_a):
        return None  # amounts of different sets ("few doctors" / "many patients")
    if (na and not nb and elsewhere_b) or (nb and not na and elsewhere_a):
        return None  # "no date for the trial" / "all three defendants are awaiting a trial date"
    na, nb = (f"{f.quantifier_text!r} ({q.name.lower().replace('_', ' ')})" for f, q in ((fa, qa), (fb, qb)))
    return Finding(FlagKind.QUANTIFIER, versus("quantifier", na, a.doc_id, nb, b.doc_id), (fa.quantifier_text,), (fb.quantifier_text,))


def same_event_predicate(a: Claim, b: Claim) -> bool:
    """The same, a synonymous or a converse predicate in the frames or the claims' own lemmas:
    what a time or place must share to be of one event."""
    related = ("same", "synonym", "converse", "hypernym")
    fa, fb = frame_of(a).predicate.lemma, frame_of(b).predicate.lemma
    return predicate_relation(fa, fb) in related or predicate_relation(a.predicate_lemma, b.predicate_lemma) in related


def same_participants(a: Claim, b: Claim, anchor: str) -> bool:
    """The same doer and the same thing done to, and the same ``anchor`` ("time": the times the
    two name; "place": a place both name): one event, whatever verbs tell it ("The most serious
    fire destroyed a family home ... last August" / "The most serious fire, last August, gutted a
    family home ..."). What is left to differ is the one slot a check compares."""
    fa, fb = frame_of(a), frame_of(b)
    for x, y in ((fa.agent, fb.agent), (fa.patient, fb.patient)):
        kx, ky = arg_keys(x), arg_keys(y)
        if not kx & ky or not (named_doer(x) and named_doer(y)):
            return False
    if anchor == "time":
        return bool(fa.times) and {(t.kind, t.value) for t in fa.times} == {(t.kind, t.value) for t in fb.times}
    return bool({p.key for p in fa.places} & {p.key for p in fb.places})


def _same_predicate(a: Claim, b: Claim) -> bool:
    """The same or a synonymous predicate, or one claim's predicate among the other's words
    ("will reopen" / "ruled out reopening the galleries")."""
    fa, fb = frame_of(a).predicate, frame_of(b).predicate
    if predicate_relation(fa.lemma, fb.lemma) in ("same", "synonym"):
        return True
    verbs_a = {stem(fa.lemma), *_modal_verbs(a, fa.modal), *_obliged(a)} - {""}
    verbs_b = {stem(fb.lemma), *_modal_verbs(b, fb.modal), *_obliged(b)} - {""}
    return bool(verbs_a & set(b.lemmas) or verbs_b & set(a.lemmas))


def _obliged(claim: Claim) -> frozenset[str]:
    """What a predicate that is itself the modality ("Masks are required", "is voluntary") says is
    required or optional: its subject."""
    frame = frame_of(claim)
    if frame.predicate.modal != frame.predicate.lemma:
        return frozenset()
    return arg_keys(frame.patient if frame.predicate.voice == "passive" else frame.agent)


def _modal_verbs(claim: Claim, modal: str) -> set[str]:
    """The verb a modal governs in the claim's text ("means Trevane must pay" -> pay)."""
    if not modal:
        return set()
    pattern = rf"\b{re.escape(modal)}\s+(?:not\s+)?(?:be\s+able\s+to\s+)?([a-z]+)"
    return {stem(m.group(1).lower()) for m in re.finditer(pattern, plain(claim.text), re.I)}


def modality(a: Claim, b: Claim) -> Finding | None:
    """Certainty, obligation or possibility that disagree (will vs might, must vs may, will vs ruled out)."""
    pa, pb = frame_of(a).predicate, frame_of(b).predicate
    if frozenset({pa.modality, pb.modality}) not in _MODALITY_CLASH:
        return None
    if Modality.EXCLUDED in (pa.modality, pb.modality) and Polarity.NEGATIVE in (pa.polarity, pb.polarity):
        return None  # "isn't favoured" / "cannot be favoured": both deny it
    if "can" in (pa.modal.lower(), pb.modal.lower()) and Modality.CERTAIN in (pa.modality, pb.modality):
        return None  # "will play games" / "can play games": an ability, not a doubt
    if not _same_predicate(a, b):
        return None  # "could not be retrieved" / "were seen": modalities of different predicates
    wa = f"{pa.modal or pa.text or pa.lemma!r} ({pa.modality.value})"
    wb = f"{pb.modal or pb.text or pb.lemma!r} ({pb.modality.value})"
    return Finding(FlagKind.MODALITY, versus("modality", wa, a.doc_id, wb, b.doc_id),
                   tuple(w for w in (pa.modal,) if w), tuple(w for w in (pb.modal,) if w))


def _compared_the_other_way(fa: Frame, ca: Comparative, fb: Frame, cb: Comparative) -> bool:
    """Each claim's subject is what the other compares it against: "The Kelso Tower is taller
    than the Marden Building" / "The Marden Building is taller than the Kelso Tower"."""
    if fa.agent is None or fb.agent is None or not (fa.agent.entity and fb.agent.entity):
        return False  # names, not kinds ("the chip" / "the Cell processor ... than current PC chips")
    sa, sb = arg_keys(fa.agent), arg_keys(fb.agent)
    da, db = sa - sb, sb - sa  # what tells the two subjects apart ("Lake Varn" / "Lake Osk": varn, osk)
    than_a, than_b = standard_keys(ca), standard_keys(cb)
    return bool(da and db and da & than_b and db & than_a and not da & than_a and not db & than_b)


_ORDER = re.compile(r"\b(before|after|ahead of|prior to|following)\s+((?:[\w'\u2019.:-]+\s*){1,5})", re.I)
_ORDER_DIRECTION = {"before": -1, "prior to": -1, "ahead of": -1, "after": 1, "following": 1}


def _order(claim: Claim) -> tuple[Comparative, ...]:
    """"struck after the guards' 2 a.m. patrol" -> a comparison on the scale of time order, its
    target the content keys of what it is ordered against."""
    out = []
    for m in _ORDER.finditer(plain(claim.text)):
        anchor = " ".join(stem(w.lower().strip(".,'")) for w in m.group(2).split())
        word = m.group(1).lower()
        out.append(Comparative(m.group(0).strip(), word, "order", _ORDER_DIRECTION[word], target=anchor))
    return tuple(out)


def _same_anchor(ca: Comparative, cb: Comparative) -> bool:
    wa, wb = set(ca.target.split()), set(cb.target.split())
    return len(wa & wb) >= 2 or (bool(wa & wb) and min(len(wa), len(wb)) == 1)


def _on_scale_of(ca: Comparative, cb: Comparative) -> Comparative:
    """``cb`` read on ``ca``'s scale where their words are opposites that no scale of the lexicon
    joins ("deeper" / "shallower", "wider" / "narrower": WordNet antonyms), else as it is."""
    if ca.scale == cb.scale or ca.scale.startswith("amount:") or cb.word not in lx.antonyms(ca.word):
        return cb
    return replace(cb, scale=ca.scale, direction=-cb.direction)


def comparative(a: Claim, b: Claim) -> Finding | None:
    """Comparisons in opposite directions on the same scale (more vs less, heavier vs lighter, before vs after)."""
    fa, fb = frame_of(a), frame_of(b)
    if fa.predicate.polarity is not fb.predicate.polarity:
        return None
    for ca in _order(a):
        for cb in _order(b):
            if ca.direction != cb.direction and _same_anchor(ca, cb):
                return Finding(FlagKind.COMPARATIVE, versus("comparative", repr(ca.text), a.doc_id, repr(cb.text), b.doc_id),
                               (ca.word,), (cb.word,))
    for ca in fa.comparatives:
        for cb in (_on_scale_of(ca, c) for c in fb.comparatives):
            if ca.scale != cb.scale:
                continue
            if _compared_the_other_way(fa, ca, fb, cb):
                if ca.direction != cb.direction:
                    return None  # "A is taller than B" / "B is shorter than A": one comparison
                wa, wb = f"{fa.agent.text} {ca.text}", f"{fb.agent.text} {cb.text}"
                return Finding(FlagKind.COMPARATIVE, versus("comparative", repr(wa), a.doc_id, repr(wb), b.doc_id),
                               (ca.text.split(" than ")[0],), (cb.text.split(" than ")[0],))
            if ca.direction == cb.direction:
                continue
            if any(x.direction != ca.direction and x.scale == ca.scale for x in fa.comparatives):
                continue  # "better or worse" in one claim: no direction taken
            if (ca.target and cb.target and stem(ca.target) != stem(cb.target) and not ca.scale.startswith("amount:")
                    and stem(ca.target) not in b.lemmas and stem(cb.target) not in a.lemmas):
                continue  # compared things differ
            wa = f"{ca.text!r} ({'higher' if ca.direction > 0 else 'lower'} {ca.scale.split(':')[0]})"
            wb = f"{cb.text!r} ({'higher' if cb.direction > 0 else 'lower'} {cb.scale.split(':')[0]})"
            return Finding(FlagKind.COMPARATIVE, versus("comparative", wa, a.doc_id, wb, b.doc_id),
                           (ca.text.split(" than ")[0],), (cb.text.split(" than ")[0],))
    return None
