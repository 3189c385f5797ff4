"""role_swap: who did what to whom is reversed ("Kelmont sued Varga" / "Varga sued Kelmont").

Frames give agent and patient after voice normalisation, so "Varga was sued by Kelmont" has the
same roles as "Kelmont sued Varga". With converse predicates ("A bought B from C" / "C sold B to A")
swapped roles are the same statement, and kept roles the reversal.
"""

from __future__ import annotations

import re

from claimcheck.checks.base import Finding, quote, versus
from claimcheck.checks.lexical import predicate_relation
from claimcheck.checks.view import arg_keys, frame_of, swapped
from claimcheck.types import Argument, Claim, FlagKind, Frame


# reciprocal predicates: each side does to the other what the other does to it
RECIPROCAL = frozenset({"meet", "marry", "divorce", "wed", "date", "merge", "collide", "clash", "fight", "play", "draw",
                        "tie", "partner", "negotiate", "talk", "chat", "debate", "resemble", "match", "equal", "border",
                        "face", "embrace", "hug", "correspond", "compete", "spar", "rival", "befriend"})


_PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|it|they|him|her|them)\b", re.I)


def _resolved(arg: Argument | None, claim: Claim) -> bool:
    """The argument stands for a pronoun of the claim: its words are not in the sentence, a pronoun is."""
    return arg is not None and arg.text not in claim.sentence and bool(_PERSONAL_PRONOUN.search(claim.text))


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
    elif not swapped(a, b):
        return None

    if fa.agent is None or fb.agent is None:
        return None
    if any(_resolved(arg, c) for f, c in ((fa, a), (fb, b)) for arg in (f.agent, f.patient)):
        return None  # a party that is a resolved pronoun ("She was joined by Pratt"): who "she" is, is a guess

    def said(f: Frame, c: Claim) -> str:
        if f.patient is not None:
            return f"{f.agent.text} {f.predicate.text or f.predicate.lemma} {f.patient.text}"
        return f"{f.agent.text} as the doer ({quote(c.text, 70)})"

    return Finding(FlagKind.ROLE_SWAP, versus("role_swap", said(fa, a), a.doc_id, said(fb, b), b.doc_id),
                   (fa.agent.text,), (fb.agent.text,))
