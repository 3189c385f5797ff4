"""Caches: claims per article (after ``claimcheck add``, ``compare`` only runs NLP on the new
article) and the rapidfuzz scores of the last compare's claim pairs (only new pairs are scored).

Claims: one JSON file per article, keyed by the SHA-256 of the article's decoded text, the spaCy pipeline's
name and version, and claimcheck's version. Claims are stored with article-independent ids, so a
renamed file still hits. A corrupt or unreadable entry is a miss (and is replaced); writes are
atomic (temp file + rename), so concurrent runs never see half an entry.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import tempfile
import types
import typing
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import fields, is_dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import numpy as np

from claimcheck.types import Article, Claim

LOGGER = logging.getLogger(__name__)

FORMAT = 1


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the source of everything that shapes a claim, so a code change never reads stale claims."""
    package = Path(__file__).resolve().parent
    files = sorted([*(package / "nlp").glob("*.py"), package / "quantities.py", package / "lexicon.py", package / "types.py"])
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def default_cache_dir() -> Path:
    """``$CLAIMCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/claimcheck``, else ``~/.cache/claimcheck``."""
    if os.environ.get("CLAIMCHECK_CACHE_DIR"):
        return Path(os.environ["CLAIMCHECK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claimcheck"


def _decode(tp: Any, value: Any) -> Any:
    """Rebuild a value of type ``tp`` from its JSON form (dataclasses, enums, tuples, optionals).

    Strict: a value of the wrong JSON type raises TypeError (and an unknown enum value
    ValueError), so a damaged entry is a cache miss rather than a claim that breaks a later stage.
    """
    return _decoder(tp)(value)


def _expect(kind: type | tuple[type, ...], value: Any, what: str) -> None:
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise TypeError(f"expected {what}, got {type(value).__name__}")


def _as_float(value: Any) -> float:
    if value in ("inf", "-inf"):  # how _encode writes infinities
        return float(value)
    _expect((int, float), value, "a number")
    return float(value)


@functools.lru_cache(maxsize=None)
def _decoder(tp: Any) -> Callable[[Any], Any]:
    """The decoding function for ``tp``, built once per type: type hints are resolved here, not per value."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = _decoder(next(a for a in typing.get_args(tp) if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        args = typing.get_args(tp)
        if args == (str, Ellipsis):

            def strings(value: Any) -> tuple:
                if value == []:
                    return ()
                _expect(list, value, f"a list for {tp}")
                if not all(type(v) is str for v in value):
                    raise TypeError(f"expected strings for {tp}")
                return tuple(value)

            return strings
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])

            def many(value: Any) -> tuple:
                if value == []:
                    return ()
                _expect(list, value, f"a list for {tp}")
                return tuple(map(item, value))

            return many
        items = tuple(_decoder(a) for a in args)

        def fixed(value: Any) -> tuple:
            _expect(list, value, f"a list for {tp}")
            if len(items) != len(value):
                raise TypeError(f"expected {len(items)} items for {tp}, got {len(value)}")
            return tuple(f(v) for f, v in zip(items, value))

        return fixed
    if isinstance(tp, type) and is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        parts = tuple((f.name, _decoder(hints[f.name])) for f in fields(tp) if f.init)

        def record(value: Any) -> Any:
            _expect(dict, value, f"an object for {tp.__name__}")
            return tp(*[decode(value[name]) for name, decode in parts])  # every field: entries are complete

        return record
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp
    if tp is float:
        return _as_float
    if tp in (int, str, bool):

        def exact(value: Any) -> Any:
            if type(value) is not tp:
                raise TypeError(f"expected {tp.__name__}, got {type(value).__name__}")
            return value

        return exact
    return lambda value: value


@functools.lru_cache(maxsize=None)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _encode(value: Any) -> Any:
    """The JSON form of a value: dataclasses as objects, enums as values, tuples as lists."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        return ("inf" if value > 0 else "-inf") if value in (float("inf"), float("-inf")) else value
    if kind is tuple or kind is list:
        return [_encode(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if is_dataclass(value):
        return {name: _encode(getattr(value, name)) for name in _field_names(kind)}
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


def _neutral(claim: Claim, article_id: str) -> dict[str, Any]:
    """A claim's JSON object without its article id, so the entry serves any file with this text."""
    prefix = f"{article_id}:"
    raw = _encode(claim)
    raw.update(id=claim.id.removeprefix(prefix), partner=claim.partner.removeprefix(prefix), doc_id="")
    return raw


def _personal(raw: dict[str, Any], article_id: str) -> dict[str, Any]:
    """The inverse of :func:`_neutral`, in place on a claim's freshly parsed JSON object."""
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not isinstance(raw.get("partner"), str):
        raise TypeError("a claim entry needs string id and partner fields")
    partner = raw["partner"]
    raw.update(id=f"{article_id}:{raw['id']}", partner=f"{article_id}:{partner}" if partner else "", doc_id=article_id)
    return raw


class ClaimCache:
    """Claims per article text, for one pipeline and one claimcheck version."""

    def __init__(self, root: Path, pipeline: str, version: str) -> None:
        self.root = Path(root)
        self.pipeline = pipeline
        self.version = version
        self.hits = 0
        self.misses = 0

    def _path(self, article: Article) -> Path:
        key = hashlib.sha256(f"{FORMAT}\0{self.pipeline}\0{self.version}\0{code_fingerprint()}\0{article.text}".encode("utf-8", "surrogatepass")).hexdigest()
        return self.root / key[:2] / f"{key}.json"

    def get(self, article: Article) -> tuple[Claim, ...] | None:
        path = self._path(article)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            claims = tuple(map(_decoder(Claim), (_personal(c, article.id) for c in raw["claims"])))
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            LOGGER.warning("ignoring unreadable cache entry %s (%s)", path, type(exc).__name__)
            self.misses += 1
            return None
        self.hits += 1
        return claims

    def put(self, article: Article, claims: tuple[Claim, ...]) -> None:
        path = self._path(article)
        payload = {"format": FORMAT, "pipeline": self.pipeline, "claimcheck": self.version,
                   "claims": [_neutral(c, article.id) for c in claims]}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))  # dumps: the C encoder
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except (OSError, ValueError) as exc:  # a cache that cannot be written only costs time
            LOGGER.warning("cannot write cache entry %s: %s", path, getattr(exc, "strerror", None) or exc)




class PairCache:
    """Rapidfuzz scores of claim pairs from the last compare, keyed by the pair's two strings.

    A compare looks its candidate pairs up here, scores only the pairs it does not find (after
    ``claimcheck add``: the pairs with a new claim) and replaces the file with the scores of its
    own candidates, so the file never holds more than one corpus' pairs. Only the rapidfuzz score
    is kept: it depends on nothing but the two strings, while the combined alignment score also
    depends on the whole corpus (IDF weights) and is recomputed on every run, so a cached run's
    alignments equal a fresh run's. A missing, damaged or foreign file is an empty cache.
    """

    def __init__(self, root: Path, setup: str) -> None:
        digest = hashlib.sha256(f"{FORMAT}\0{setup}".encode()).hexdigest()[:16]
        self.path = Path(root) / "pairs" / f"{digest}.npz"
        self.hits = 0
        self.misses = 0

    @staticmethod
    def keys(strings: Sequence[str]) -> np.ndarray:
        """A 64-bit key per string (the same in every process and run)."""
        return np.array(
            [int.from_bytes(hashlib.blake2b(s.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little") for s in strings],
            dtype=np.uint64,
        )

    @staticmethod
    def _pair_keys(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        lo, hi = np.minimum(a, b), np.maximum(a, b)  # the score is symmetric: one key per unordered pair
        with np.errstate(over="ignore"):
            mixed = lo ^ (hi * np.uint64(0x9E3779B97F4A7C15))
        return lo, hi, mixed

    def _load(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
        try:
            with np.load(self.path, allow_pickle=False) as data:
                lo, hi, scores = data["lo"], data["hi"], data["scores"]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
            LOGGER.warning("ignoring unreadable pair cache %s (%s)", self.path, type(exc).__name__)
            return None
        if not (lo.dtype == hi.dtype == np.uint64 and scores.dtype == np.uint8 and lo.shape == hi.shape == scores.shape and lo.ndim == 1):
            LOGGER.warning("ignoring unreadable pair cache %s (unexpected arrays)", self.path)
            return None
        _, _, mixed = self._pair_keys(lo, hi)
        order = np.argsort(mixed, kind="stable")
        return mixed[order], lo[order], hi[order], scores[order]

    def lookup(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Scores of the pairs (a[k], b[k]) of string keys, and which of them were found."""
        scores = np.zeros(len(a), dtype=np.uint8)
        found = np.zeros(len(a), dtype=bool)
        stored = self._load() if len(a) else None
        if stored is not None and len(stored[0]):
            keys, lo_s, hi_s, scores_s = stored
            lo, hi, mixed = self._pair_keys(a, b)
            pos = np.minimum(np.searchsorted(keys, mixed), len(keys) - 1)
            found = (keys[pos] == mixed) & (lo_s[pos] == lo) & (hi_s[pos] == hi)
            scores[found] = scores_s[pos[found]]
        self.hits, self.misses = int(found.sum()), int(len(a) - found.sum())
        return scores, found

    def save(self, a: np.ndarray, b: np.ndarray, scores: np.ndarray) -> None:
        """Replace the file with these pairs' scores (atomically; a failure only costs time)."""
        lo, hi, _ = self._pair_keys(a, b)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-", suffix=".npz")
            try:
                with os.fdopen(fd, "wb") as fh:
                    np.savez(fh, lo=lo, hi=hi, scores=np.asarray(scores, dtype=np.uint8))
                os.replace(tmp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except (OSError, ValueError) as exc:
            LOGGER.warning("cannot write pair cache %s: %s", self.path, getattr(exc, "strerror", None) or exc)


__all__ = ["ClaimCache", "PairCache", "default_cache_dir"]
