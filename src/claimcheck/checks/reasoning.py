"""Reasoning inside one article: a stated cause that cannot support its effect.

causal_incoherence compares how a causal sentence's reason and conclusion judge their subject: a
reason that speaks for something given for a conclusion that speaks against it (or the reverse)
cannot support it, whatever the domain ("because it had flown successfully 14 times, it was the
least proven rocket"; "because the refund covers the full price, owners will lose money").
Words that turn a judgement round ("least", "a lack of") are read from the lexicon.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimcheck import lexicon as lx
from claimcheck.checks.base import Finding, quote
from claimcheck.lexicon import stem
from claimcheck.types import Claim, FlagKind

_EVIDENCE = frozenset(stem(w) for w in ("study", "research", "evidence", "trial", "data", "cost", "price", "expense"))
_PRONOUNS = frozenset({"it", "this", "they", "these", "them", "its"})
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})


def _target_matches(cause: Claim, effect: Claim) -> bool:
    """Whether the effect clause judges the same thing the cause clause speaks of."""
    subj = [stem(w.lower()) for w in cause.subject.split() if w.isalpha()]
    if not subj or set(subj) & _EVIDENCE:
        return True
    words = {w.lower().strip(".,;:") for w in effect.text.split()}
    if words & _FIRST_PERSON and not set(subj) & set(effect.lemmas):
        return False  # "difficult for us because Chelsea have a good team": a rival's strength, the speaker's trouble
    if words & _PRONOUNS or words & lx.ABSENCE_NOUNS:
        return True
    return bool(set(subj) & set(effect.lemmas))


def _absence(claim: Claim) -> bool:
    return any(w.lower() in lx.ABSENCE_NOUNS for w in claim.subject.split())


def _sign(claims: Sequence[Claim]) -> int:
    v = sum(c.valence for c in claims)
    return (v > 0) - (v < 0)


def causal_incoherence(causes: Sequence[Claim], effects: Sequence[Claim]) -> Finding | None:
    """A reason that speaks for its subject given for a conclusion against it, or the reverse."""
    vc, ve = _sign(causes), _sign(effects)
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
        expl = (f"causal_incoherence: the reason {quote(cause_text)} speaks for it ({cw}), yet the conclusion "
                f"{quote(effect_text)} says its absence is good ({ew})")
    else:
        what = ("an advantage", "a drawback") if vc > 0 else ("a disadvantage", "a preference or benefit")
        expl = (f"causal_incoherence: {what[0]} ({cw}) in {quote(cause_text)} is given as the reason for "
                f"{what[1]} ({ew}) in {quote(effect_text)}")
    return Finding(FlagKind.CAUSAL_INCOHERENCE, expl, cause_words, effect_words)
