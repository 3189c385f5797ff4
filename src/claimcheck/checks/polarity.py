"""negation: one claim denies what the other affirms about the same thing.

The frame's predicate carries the polarity and the cue that set it ("not", "never", "declined to",
"failed to", "has yet to"); a negated reporting verb ("nobody mentions X") does not deny X.
"""

from __future__ import annotations

import re

from claimcheck import lexicon as lx
from claimcheck.checks.base import Finding, versus
from claimcheck.checks.lexical import predicate_relation
from claimcheck.checks.view import PHRASE_BREAKS, arg_keys, frame_of, plain
from claimcheck.lexicon import stem
from claimcheck.types import Claim, FlagKind, Modality, Polarity, Predicate


def _denies(predicate: Predicate) -> bool:
    """A negative polarity, or a modality that denies ("cannot", "ruled out", "must not")."""
    return predicate.polarity is Polarity.NEGATIVE or predicate.modality in (Modality.EXCLUDED, Modality.FORBIDDEN)


def _negated_in_text(claim: Claim, predicate: Predicate) -> bool:
    """The claim's sentence puts a negation right before the predicate the frame read as positive
    ("were not racist", "not issued any", "still to be finalised"): a parse that lost it."""
    word = re.escape((predicate.text or predicate.lemma).lower())
    if not word:
        return False
    return bool(re.search(rf"\b(?:not|no|never|n't|yet to|still to)\b(?:\W+\w+){{0,3}}?\W+{word}", plain(claim.sentence).lower()))


def negation(a: Claim, b: Claim) -> Finding | None:
    fa, fb = frame_of(a), frame_of(b)
    pa, pb = fa.predicate, fb.predicate
    if _denies(pa) is _denies(pb) or _hypothetical(a) or _hypothetical(b):
        return None  # the same polarity, or a hypothetical ("even if X is not ...")
    cue = (pa.negation or pb.negation).lower()
    if cue in _DENYING_DETERMINERS:
        if not _denies_object(a, b):
            return None  # "none of the four paintings has been recovered" denies the recovery, not the four paintings
    elif predicate_relation(pa.lemma, pb.lemma) not in ("same", "synonym"):
        return None
    neg, pos = (a, b) if _denies(pa) else (b, a)
    fneg, fpos = frame_of(neg).predicate, frame_of(pos).predicate
    if fneg.polarity is not Polarity.NEGATIVE or _negated_in_text(pos, fpos):
        return None  # a denying modality is the modality check's; a lost "not" is no affirmation
    if fneg.modality is not Modality.FACT and fpos.modality is Modality.FACT:
        return None  # "the case could not be brought" / "they brought the case": a possibility against a fact
    if fpos.modality in _DEMANDS and fneg.modality is not fpos.modality:
        return None  # "refuses to publish" / "should be published": a demand is no report that it was done
    if fpos.lemma in _NEGATIVE_VERBS or fpos.text.lower() == fneg.negation.lower():
        return None  # "has refused to publish" / "refuses to publish": both deny
    if _double_negation(a) or _double_negation(b):
        return None  # "that does not mean they are not calling": no plain denial to compare
    if cue not in _DENYING_DETERMINERS and not _share_an_argument(frame_of(a), frame_of(b)):
        return None  # "there aren't any good American films" / "there are more good European films"
    if fneg.lemma in lx.REPORTING_VERBS and _other_things_done_to(frame_of(neg), frame_of(pos)):
        return None  # "did not say the plant would close" / "said it would cut jobs": not the same said
    if fneg.lemma in _SAYING and not _same_said(frame_of(neg), frame_of(pos)):
        return None  # "declined to say whether he backed the plans" / "he said: 'let's wait'": no answer to deny
    if cue not in _DENYING_DETERMINERS and _other_things_done_to(frame_of(a), frame_of(b)):
        return None  # "received reports of 41 fires" / "denied receiving any complaints before 2023"
    if _NOT_ALL.search(plain(neg.text)) and not _UNIVERSAL.search(plain(pos.text)):
        return None  # "you can't win them all" denies that every one was won, not that this one was
    cue = fneg.negation or "not"
    said_neg = f'"{cue} … {fneg.text or fneg.lemma}"'
    said_pos = f'"{fpos.text or fpos.lemma}"'
    terms_neg, terms_pos = tuple(w for w in (cue, fneg.text or fneg.lemma) if w), (fpos.text or fpos.lemma,)
    xneg, xpos = frame_of(neg).patient, frame_of(pos).patient
    if fneg.lemma in _EXISTENTIAL and fpos.lemma in _EXISTENTIAL and xneg is not None and xpos is not None:
        said_neg, said_pos = f'"{xneg.text}"', f'"{xpos.text}"'  # "no real advances" / "significant advances": the things, not "been"
        terms_neg, terms_pos = (xneg.text,), (xpos.text,)
    if neg is a:
        return Finding(FlagKind.NEGATION, versus("negation", said_neg, a.doc_id, said_pos, b.doc_id), terms_neg, terms_pos)
    return Finding(FlagKind.NEGATION, versus("negation", said_pos, a.doc_id, said_neg, b.doc_id), terms_pos, terms_neg)


_EXPLETIVES = frozenset({"there", "it"})
_SAYING = frozenset({"say", "comment", "state", "disclose", "reveal", "elaborate", "explain"})  # what was said: no act of speaking to someone
_DEMANDS = frozenset({Modality.LIKELY, Modality.REQUIRED, Modality.PERMITTED})
_DENYING_DETERMINERS = frozenset({"no", "none", "nobody", "nothing"})
_NEGATIVE_VERBS = frozenset({"deny", "refuse", "decline", "fail", "reject"})
_CUES = re.compile(r"\b(?:not|never|no|none|nor|neither|nothing|nobody|cannot)\b|n't\b|\bdenie[sd]\b|\brefuse[sd]?\b", re.I)


_ASKED = re.compile(r"\b(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering)\b[^.;:]*?\b(?:if|whether)\b", re.I)


def _hypothetical(claim: Claim) -> bool:
    """A condition or a question rather than a statement: "if" among its hedges, the clause opens
    with if/unless, or it is what someone asks ("asking Mr Finegold if he is a ...")."""
    if "if" in frame_of(claim).hedges or "if" in claim.hedges or _ASKED.search(plain(claim.text)):
        return True
    return bool(re.match(r"\s*(?:even\s+)?(?:if|unless|whether)\b", plain(claim.text), re.I))


def _double_negation(claim: Claim) -> bool:
    """Two negations in the claim's own clause ("does not mean they are not calling")."""
    return len(_CUES.findall(plain(claim.text))) >= 2


def _other_things_done_to(fa, fb) -> bool:
    """Both name what the predicate is done to, as its object, and the two share no word."""
    if "passive" in (fa.predicate.voice, fb.predicate.voice):
        return False  # a passive's subject is its patient: "injections are associated with side effects"
    ka, kb = arg_keys(fa.patient) - _EXPLETIVES, arg_keys(fb.patient) - _EXPLETIVES
    return bool(ka and kb and not ka & kb)


def _same_said(fa, fb) -> bool:
    """Two acts of saying are one: what was said shares a word, or neither names it ("commented
    on the allegations" / "declined to comment on the allegations"). "Would not say whether ..."
    refuses an answer; it denies no statement made about something else."""
    ka, kb = arg_keys(fa.patient) - _EXPLETIVES, arg_keys(fb.patient) - _EXPLETIVES
    return bool(ka & kb) or not (ka or kb)


# a universal under the negation: "not all", "can't win them all", "not every": some may still be so
_UNIVERSAL = re.compile(r"\b(?:all|every|everything|everyone|always)\b", re.I)
_NOT_ALL = re.compile(r"(?:\bnot|n't|\bnever)\b(?:\W+\w+){0,3}?\W+(?:all|every|everything|everyone|always)\b", re.I)


def _share_an_argument(fa, fb) -> bool:
    """Both name who or what they speak of and something is shared, or one names nothing."""
    ka = (arg_keys(fa.agent) | arg_keys(fa.patient)) - _EXPLETIVES
    kb = (arg_keys(fb.agent) | arg_keys(fb.patient)) - _EXPLETIVES
    return not ka or not kb or bool(ka & kb)
# predicates that only say a thing exists: "there are no side effects", "it has no effect"
_EXISTENTIAL = frozenset({"be", "have", "exist", "remain", "generally", ""})


def _denies_object(a: Claim, b: Claim) -> bool:
    """A "no" denies a thing rather than a predicate: "no evacuation order was issued" / "the governor
    ordered an evacuation" (the other's predicate is among the denied words), "there are no side
    effects" / "it is associated with side effects" (the denied phrase is among the other's words)."""
    neg, pos = (a, b) if frame_of(a).predicate.polarity is Polarity.NEGATIVE else (b, a)
    fneg = frame_of(neg)
    if fneg.predicate.negation.lower() not in ("no", "none"):
        return False
    denied_args = [x for x in (fneg.agent, fneg.patient) if x is not None]
    done = frame_of(pos).predicate
    if done.lemma and any(stem(x.head) == stem(done.lemma) and x.text.split()[-1].lower() != done.text.lower() for x in denied_args):
        return True  # the thing denied is what the other claim's predicate does ("no order" / "ordered")
    if fneg.predicate.lemma not in _EXISTENTIAL:
        return False  # "none has been recovered" denies the recovery, not the paintings
    names = {stem(e) for e in (*neg.entities, *pos.entities)} | set(neg.entities) | set(pos.entities)
    if _one_thing_said_to_exist(fneg, frame_of(pos), (set(neg.lemmas) & set(pos.lemmas)) - names):
        return True  # "there have been no real advances in pain management" / "there have been significant advances in ..."
    named = {stem(w) for w in _denied_words(neg, fneg.predicate.negation)}
    if named and not named & set(pos.lemmas):
        return False  # "there's no mention of a Grand Slam" / "the Grand Slam is gone": no mention is said
    denied = (arg_keys(fneg.patient) | arg_keys(fneg.agent)) - _EXPLETIVES
    if not denied:  # "there is no X" with no X parsed: the words right after the cue name it
        if not named:
            return False
        denied = frozenset(neg.lemmas)
    return len((denied - names) & set(pos.lemmas)) >= 2  # the thing denied, not the names around it


# nouns whose "no" denies what they introduce: "no way they could", "no evidence that"
_TRANSPARENT = frozenset({"way", "evidence", "sign", "signs", "indication", "suggestion", "proof"})


def _denied_words(claim: Claim, cue: str) -> tuple[str, ...]:
    """The words naming what a "no" denies: up to three right after the cue, to a preposition,
    determiner or verb ("no immediate comment from" -> immediate, comment; "no mention of" ->
    mention); none for "no way" or "no evidence", which deny what follows them ("no evidence that
    any detainee was tortured")."""
    m = re.search(rf"\b{re.escape(cue)}\s+([\w\s-]+)", plain(claim.text), re.I)
    words: list[str] = []
    for w in (m.group(1).lower().split() if m else ()):
        if w in PHRASE_BREAKS or w in lx.AUXILIARIES or len(words) == 3:
            break
        words.append(w)
    return () if words[:1] and words[0] in _TRANSPARENT else tuple(words)


def _one_thing_said_to_exist(fneg, fpos, shared: set[str]) -> bool:
    """Both say only that a thing exists, the same thing by its head noun whatever qualifies it
    ("no real advances" / "significant advances"), and the claims share two more words than that
    head: what it is a thing of ("in chronic pain management")."""
    if fpos.predicate.lemma not in _EXISTENTIAL or fneg.patient is None or fpos.patient is None:
        return False
    head = stem(fneg.patient.head)
    return bool(head) and head == stem(fpos.patient.head) and len(shared - {head} - _EXPLETIVES) >= 2
