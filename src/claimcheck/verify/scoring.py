"""Scoring claim pairs with the verifier for ``compare``, with a score cache per model.

The cache holds P(entailment, neutral, contradiction) per ordered pair of texts, keyed by the
model file's SHA-256 and max_len, so a rerun after ``claimcheck add`` scores only the pairs with
a new claim. Like the other caches (claimcheck.cache): writes are atomic, and a missing, damaged
or foreign file is an empty cache.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from claimcheck.cache import PairCache
from claimcheck.files import replace_atomically
from claimcheck.settings import Settings
from claimcheck.types import Claim
from claimcheck.verify.runtime import LABELS, Verifier, load_verifier

LOGGER = logging.getLogger(__name__)

CACHE_FORMAT = 1
CACHE_LIMIT = 2_000_000  # pairs kept in one model's file; past it only the current run's are kept


def _well_formed(a: np.ndarray, b: np.ndarray, probs: np.ndarray) -> bool:
    return (a.dtype == b.dtype == np.uint64 and a.ndim == 1 and a.shape == b.shape
            and probs.dtype == np.float16 and probs.shape == (len(a), len(LABELS)))


class ScoreCache:
    """Verifier scores of ordered text pairs, one file per model (hash) and max_len."""

    def __init__(self, root: Path, model_hash: str, max_len: int) -> None:
        self.path = Path(root) / "verifier" / f"v{CACHE_FORMAT}-{model_hash[:24]}-{max_len}.npz"
        self.hits = 0
        self.misses = 0

    @staticmethod
    def _mix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):  # ordered: (a, b) and (b, a) are different pairs
            return a ^ (b * np.uint64(0x9E3779B97F4A7C15)) ^ np.uint64(0x632BE59BD9B4E019)

    def _load(self) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """The stored (a, b, probs); None when there is no file or (with a warning) a damaged one."""
        problem = None
        try:
            with np.load(self.path, allow_pickle=False) as data:
                stored = tuple(data[name] for name in ("a", "b", "probs"))
            if not _well_formed(*stored):
                problem = "unexpected arrays"
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
            problem = type(exc).__name__
        if problem:
            LOGGER.warning("ignoring unreadable verifier cache %s (%s)", self.path, problem)
            return None
        return stored

    def lookup(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Scores of the ordered pairs (a[k], b[k]) of text keys, and which of them were found."""
        probs = np.zeros((len(a), len(LABELS)), dtype=np.float32)
        found = np.zeros(len(a), dtype=bool)
        stored = self._load() if len(a) else None
        if stored is not None and len(stored[0]):
            sa, sb, sp = stored
            keys = self._mix(sa, sb)
            order = np.argsort(keys, kind="stable")
            keys, sa, sb, sp = keys[order], sa[order], sb[order], sp[order]
            pos = np.minimum(np.searchsorted(keys, self._mix(a, b)), len(keys) - 1)
            found = (sa[pos] == a) & (sb[pos] == b)
            probs[found] = sp[pos[found]]
        self.hits, self.misses = int(found.sum()), int(len(a) - found.sum())
        return probs, found

    def save(self, a: np.ndarray, b: np.ndarray, probs: np.ndarray) -> None:
        """Store these pairs' scores with the ones already there (up to CACHE_LIMIT), atomically."""
        stored = self._load()
        if stored is not None and len(stored[0]) + len(a) <= CACHE_LIMIT:
            new = ~np.isin(self._mix(stored[0], stored[1]), self._mix(a, b))
            a = np.concatenate([stored[0][new], a])
            b = np.concatenate([stored[1][new], b])
            probs = np.concatenate([stored[2][new].astype(np.float32), probs])
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            buffer = io.BytesIO()
            np.savez(buffer, a=a.astype(np.uint64), b=b.astype(np.uint64), probs=np.asarray(probs, dtype=np.float16))
            replace_atomically(self.path, buffer.getvalue(), mode=0o600)
        except (OSError, ValueError) as exc:
            LOGGER.warning("cannot write verifier cache %s: %s", self.path, getattr(exc, "strerror", None) or exc)


def claim_text(claim: Claim | str) -> str:
    """What the verifier reads of a claim: its sentence (the clause alone loses its context)."""
    return claim if isinstance(claim, str) else (claim.sentence or claim.text)


def score_texts(
    premises: Sequence[str],
    hypotheses: Sequence[str],
    settings: Settings = Settings(),
    verifier: Verifier | None = None,
    batch_size: int = 1,
) -> np.ndarray:
    """P(entailment, neutral, contradiction) of each (premises[k], hypotheses[k]), shape (n, 3),
    reading and filling the score cache in ``settings.cache_dir`` (None: no cache)."""
    if len(premises) != len(hypotheses):
        raise ValueError(f"{len(premises)} premises but {len(hypotheses)} hypotheses")
    n = len(premises)
    if n == 0:
        return np.zeros((0, len(LABELS)), dtype=np.float32)
    verifier = verifier or load_verifier()
    if settings.cache_dir is None:
        return verifier.score(list(zip(premises, hypotheses)), batch_size=batch_size)
    cache = ScoreCache(settings.cache_dir, verifier.model_hash, verifier.max_len)
    ka, kb = PairCache.keys(premises), PairCache.keys(hypotheses)
    probs, found = cache.lookup(ka, kb)
    missing = np.flatnonzero(~found)
    if len(missing):
        probs[missing] = verifier.score([(premises[i], hypotheses[i]) for i in missing], batch_size=batch_size)
        cache.save(ka, kb, probs)
    LOGGER.debug("verifier: %d pairs scored, %d from the cache", len(missing), n - len(missing))
    return probs


def score_pairs(
    claims_a: Sequence[Claim | str],
    claims_b: Sequence[Claim | str],
    settings: Settings = Settings(),
    *,
    both_directions: bool = False,
    verifier: Verifier | None = None,
) -> np.ndarray | None:
    """Verifier scores of the claim pairs (claims_a[k], claims_b[k]).

    Returns shape (n, 3) (columns entailment, neutral, contradiction, premise = claims_a[k]), or
    with ``both_directions`` shape (n, 2, 3): [:, 0] reads a -> b, [:, 1] reads b -> a. Returns
    None when the verifier is off (``settings.verifier`` false): the caller runs the rules alone.
    A missing or corrupt model file raises VerifierModelError.
    """
    if not settings.verifier:
        return None
    a = [claim_text(c) for c in claims_a]
    b = [claim_text(c) for c in claims_b]
    if not both_directions:
        return score_texts(a, b, settings, verifier)
    probs = score_texts(a + b, b + a, settings, verifier)
    n = len(a)
    return np.stack([probs[:n], probs[n:]], axis=1)
