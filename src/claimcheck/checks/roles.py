"""role_swap: who did what to whom is reversed ("Kelmont sued Varga" / "Varga sued Kelmont", "Spain
sold the jets to France" / "France sold the jets to Spain").

Frames give agent and patient after voice normalisation, so "Varga was sued by Kelmont" has the
same roles as "Kelmont sued Varga". With converse predicates ("A bought B from C" / "C sold B to A")
swapped roles are the same statement, and kept roles the reversal.
"""

from __future__ import annotations

import re

from claimcheck.checks.base import Finding, quote, versus
from claimcheck.checks.lexical import predicate_relation
from claimcheck.checks.view import arg_keys, frame_of, named_doer, swapped
from claimcheck.lexicon import stem
from claimcheck.types import Argument, Claim, FlagKind, Frame


# reciprocal predicates: each side does to the other what the other does to it
RECIPROCAL = frozenset({"meet", "marry", "divorce", "wed", "date", "merge", "collide", "clash", "fight", "play", "draw",
                        "tie", "partner", "negotiate", "talk", "chat", "debate", "resemble", "match", "equal", "border",
                        "face", "embrace", "hug", "correspond", "compete", "spar", "rival", "befriend"})


_PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|it|they|him|her|them)\b", re.I)


def _resolved(arg: Argument | None, claim: Claim) -> bool:
    """The argument stands for a pronoun of the claim: its words are not in the sentence, a pronoun is."""
    return arg is not None and arg.text not in claim.sentence and bool(_PERSONAL_PRONOUN.search(claim.text))


def _doers_traded_with_a_third(a: Claim, b: Claim) -> bool:
    """The two named doers trade places with a third party, the thing done the same: "Spain sold
    the jets to France" / "France sold the jets to Spain", "A sent 1,200 workers to help B" / "B
    sent 1,200 workers to help A". Each claim names the other's doer outside its own doer and the
    thing done."""
    fa, fb = frame_of(a), frame_of(b)
    if predicate_relation(fa.predicate.lemma, fb.predicate.lemma) not in ("same", "synonym"):
        return False  # the parties of one deed told with one verb ("sold" / "sold"), not a reported one
    if "passive" in (fa.predicate.voice, fb.predicate.voice) or a.frame is None or b.frame is None:
        return False
    if a.frame.patient is None or b.frame.patient is None:
        return False  # the thing done, as parsed (not guessed from the text): the one fixed point
    aa, ab, pa, pb = arg_keys(fa.agent), arg_keys(fb.agent), arg_keys(fa.patient), arg_keys(fb.patient)
    if not (aa and ab and named_doer(fa.agent) and named_doer(fb.agent)) or aa & ab:
        return False
    if not pa & pb or aa & pb or ab & pa:
        return False  # another thing done, or a doer inside it (agent and patient swapped: ``swapped``)
    ka, kb = set(fa.agent.keys), set(fb.agent.keys)  # stems, as the claims' lemmas are
    return bool(ka and kb) and kb <= _after_predicate(a, fa) - aa - pa and ka <= _after_predicate(b, fb) - ab - pb


def _after_predicate(claim: Claim, frame: Frame) -> set[str]:
    """The stems of the claim's words after its predicate: where a third party stands ("sold the
    jets to France"), not a second doer ("Albertsons and Kroger's Ralphs chain locked out")."""
    words = re.findall(r"[\w'’-]+", claim.text)
    verb = (frame.predicate.text or frame.predicate.lemma).split()[:1]
    at = next((n for n, w in enumerate(words) if verb and w.lower() == verb[0].lower()), None)
    return set() if at is None else {stem(w.lower()) for w in words[at + 1 :]}


def role_swap(a: Claim, b: Claim) -> Finding | None:
    fa, fb = frame_of(a), frame_of(b)
    if {"be", "have"} & {a.predicate_lemma, b.predicate_lemma, fa.predicate.lemma, fb.predicate.lemma}:
        return None  # "A is one of the B", "A has B's fans": a copula or a having relates, it has no doer
    if any(arg_keys(f.agent) and arg_keys(f.agent) <= arg_keys(f.patient) for f in (fa, fb)):
        return None  # a doer inside what is done to ("Howard" / "the BBC Mr Howard had been"): a parse that ran the roles together
    relation = predicate_relation(fa.predicate.lemma, fb.predicate.lemma) or predicate_relation(a.predicate_lemma, b.predicate_lemma)
    if relation not in ("same", "synonym", "hypernym", "converse"):
        return None  # a more general word tells the same deed: "A acquired B" / "B bought A"
    if relation != "converse" and {fa.predicate.lemma, fb.predicate.lemma} & RECIPROCAL:
        return None  # "A met B" / "B met A": either way round, one meeting
    if relation == "converse":
        if swapped(a, b) or not arg_keys(fa.agent) & arg_keys(fb.agent) or not arg_keys(fa.patient) & arg_keys(fb.patient):
            return None  # a converse with swapped roles says the same thing
    third = relation != "converse" and not swapped(a, b)
    if third and not _doers_traded_with_a_third(a, b):
        return None

    if fa.agent is None or fb.agent is None:
        return None
    if any(_resolved(arg, c) for f, c in ((fa, a), (fb, b)) for arg in (f.agent, f.patient)):
        return None  # a party that is a resolved pronoun ("She was joined by Pratt"): who "she" is, is a guess

    def said(f: Frame, c: Claim) -> str:
        if third:  # the parties trade places around the thing done: the whole clause tells it
            return quote(c.text, 90)
        if f.patient is not None:
            return f"{f.agent.text} {f.predicate.text or f.predicate.lemma} {f.patient.text}"
        return f"{f.agent.text} as the doer ({quote(c.text, 70)})"

    return Finding(FlagKind.ROLE_SWAP, versus("role_swap", said(fa, a), a.doc_id, said(fb, b), b.doc_id),
                   (fa.agent.text,), (fb.agent.text,))
