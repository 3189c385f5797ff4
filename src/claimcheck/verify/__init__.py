"""The learned contradiction verifier: an NLI pair classifier shipped with claimcheck.

``score_pairs(claims_a, claims_b, settings)`` gives P(entailment, neutral, contradiction) per
claim pair (cached per model); ``load_verifier()`` the model itself (``Verifier.score(pairs)``).
"""

from claimcheck.verify.runtime import CONTRADICTION, ENTAILMENT, LABELS, NEUTRAL, Verifier, load_verifier
from claimcheck.verify.scoring import ScoreCache, claim_text, score_pairs, score_texts

__all__ = [
    "CONTRADICTION", "ENTAILMENT", "LABELS", "NEUTRAL", "ScoreCache", "Verifier", "claim_text",
    "load_verifier", "score_pairs", "score_texts",
]
