"""role_swap: who did what to whom is reversed ("Kelmont sued Varga" / "Varga sued Kelmont").

Frames give agent and patient after voice normalisation, so "Varga was sued by Kelmont" has the
same roles as "Kelmont sued Varga". With converse predicates ("A bought B from C" / "C sold B to A")
swapped roles are the same statement, and kept roles the reversal.
"""

from __future__ import annotations

from claimcheck.checks.base import Finding, versus
from claimcheck.checks.lexical import predicate_relation
from claimcheck.checks.view import arg_keys, frame_of, swapped
from claimcheck.types import Claim, FlagKind


def role_swap(a: Claim, b: Claim) -> Finding | None:
    fa, fb = frame_of(a), frame_of(b)
    relation = predicate_relation(fa.predicate.lemma, fb.predicate.lemma)
    if relation not in ("same", "synonym", "converse"):
        return None
    if relation == "converse":
        if swapped(a, b) or not arg_keys(fa.agent) & arg_keys(fb.agent) or not arg_keys(fa.patient) & arg_keys(fb.patient):
            return None  # a converse with swapped roles says the same thing
    elif not swapped(a, b):
        return None

    def said(f) -> str:
        return f"{f.agent.text} {f.predicate.text or f.predicate.lemma} {f.patient.text}"

    return Finding(FlagKind.ROLE_SWAP, versus("role_swap", said(fa), a.doc_id, said(fb), b.doc_id),
                   (fa.agent.text,), (fb.agent.text,))
