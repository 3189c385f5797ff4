"""Caches: claims per article (after ``claimcheck add``, ``compare`` only runs NLP on the new
article), each article file's parse (blocks, title and content hash: a known file is not parsed
again) and the rapidfuzz scores of the last compare's claim pairs (only new pairs are scored).

The checks' results per claim pair of the last compare (CheckCache) work like the pair scores.

Claims: one MessagePack file per article, keyed by the SHA-256 of the article's decoded text, the
spaCy pipeline's name and version, claimcheck's version and the source of the code that shapes a
claim. An entry found under another article id (a renamed file with the same text) is re-labelled.
A corrupt or unreadable entry is a miss (and is replaced); writes are atomic (temp file + rename),
so concurrent runs never see half an entry.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import io
import logging
import os
import stat
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import msgspec
import numpy as np

from claimcheck.files import replace_atomically
from claimcheck.types import Article, Block, Claim, Finding

LOGGER = logging.getLogger(__name__)

FORMAT = 2  # 1: JSON entries without the article id


_CLAIM_CODE = ("nlp/*.py", "quantities.py", "lexicon.py", "lexicons/*", "types.py", "extract.py")  # everything that shapes a claim
_PARSE_CODE = ("ingest/*.py", "corpus.py", "types.py")  # everything that shapes an article's blocks
_CHECK_CODE = ("**/*.py", "lexicons/*")  # the checks read the lexicons and frames the whole package shapes


@functools.lru_cache(maxsize=4)
def code_fingerprint(patterns: tuple[str, ...] = _CLAIM_CODE) -> str:
    """Hash of the source files (globs in the package) that shape a cached value, so a code change
    never reads a stale one."""
    package = Path(__file__).resolve().parent
    files = sorted({path for pattern in patterns for path in package.glob(pattern)})
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


@dataclass(frozen=True)
class _Entry:
    """One article's claims as stored: what produced them, and the id they were extracted under."""

    format: int
    pipeline: str
    claimcheck: str
    article: str
    claims: tuple[Claim, ...]


# msgspec decodes straight into the frozen dataclasses and checks every field's type and enum value
# on the way, so a damaged entry is a cache miss rather than a claim that breaks a later stage.
_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(_Entry)


def _renamed(claim: Claim, old: str, new: str) -> Claim:
    """``claim`` as extracted from the same text under article id ``new`` instead of ``old``."""
    prefix = f"{old}:"
    partner = claim.partner.removeprefix(prefix)
    return replace(claim, id=f"{new}:{claim.id.removeprefix(prefix)}", partner=f"{new}:{partner}" if partner else "", doc_id=new)


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
        return self.root / key[:2] / f"{key}.msgpack"

    def get(self, article: Article) -> tuple[Claim, ...] | None:
        entry = _read_entry(self._path(article), _DECODER, (FORMAT, self.pipeline, self.version), lambda e: (e.format, e.pipeline, e.claimcheck))
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        if entry.article == article.id:
            return entry.claims
        return tuple(_renamed(c, entry.article, article.id) for c in entry.claims)  # same text, another file name

    def put(self, article: Article, claims: tuple[Claim, ...]) -> None:
        _write_entry(self._path(article), _Entry(FORMAT, self.pipeline, self.version, article.id, tuple(claims)))


def _read_file(path: Path) -> bytes:
    """The bytes of the regular file ``path``. Anything else there (a FIFO, a device, a folder) is
    an OSError, found without waiting on it: opened non-blocking, checked before it is read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return handle.read()


def _read_entry(path: Path, decoder: msgspec.msgpack.Decoder, expected: tuple, made_by: Callable[[Any], tuple]) -> Any:
    """The entry stored at ``path``; None when there is none, or (with a warning) when it cannot
    be read or was written by another format, pipeline or version."""
    try:
        entry = decoder.decode(_read_file(path))
        if made_by(entry) != expected:
            raise ValueError("entry written for another pipeline or version")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, msgspec.MsgspecError, RecursionError) as exc:
        LOGGER.warning("ignoring unreadable cache entry %s (%s)", path, type(exc).__name__)
        return None
    return entry


def _write_entry(path: Path, entry: Any) -> None:
    """Store ``entry`` at ``path`` atomically, readable by its owner only; a cache that cannot be
    written only costs time (a warning)."""
    try:
        data = _ENCODER.encode(entry)
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(path, data, mode=0o600)
    except (OSError, ValueError, msgspec.MsgspecError) as exc:
        LOGGER.warning("cannot write cache entry %s: %s", path, getattr(exc, "strerror", None) or exc)


@dataclass(frozen=True)
class Parsed:
    """What parsing an article file gives, as stored: its title, blocks and content hash."""

    title: str
    blocks: tuple[Block, ...]
    sha256: str


@dataclass(frozen=True)
class _ParsedEntry:
    format: int
    claimcheck: str
    parsed: Parsed


_PARSED_DECODER = msgspec.msgpack.Decoder(_ParsedEntry)


class ParseCache:
    """Parsed articles per decoded text and parser (file suffix), for one claimcheck version.

    Reading 1,000 known articles back takes a tenth of the time parsing them does. Entries live
    in the ``articles`` folder of the cache; a damaged one is a miss."""

    def __init__(self, root: Path, version: str) -> None:
        self.root = Path(root) / "articles"
        self.version = version

    def _path(self, text: str, suffix: str) -> Path:
        material = f"{FORMAT}\0{self.version}\0{code_fingerprint(_PARSE_CODE)}\0{suffix.lower()}\0{text}"
        key = hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()
        return self.root / key[:2] / f"{key}.msgpack"

    def get(self, text: str, suffix: str) -> Parsed | None:
        entry = _read_entry(self._path(text, suffix), _PARSED_DECODER, (FORMAT, self.version), lambda e: (e.format, e.claimcheck))
        return entry.parsed if entry is not None and entry.parsed.blocks else None

    def put(self, text: str, suffix: str, parsed: Parsed) -> None:
        _write_entry(self._path(text, suffix), _ParsedEntry(FORMAT, self.version, parsed))


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
            with np.load(io.BytesIO(_read_file(self.path)), allow_pickle=False) as data:
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
            buffer = io.BytesIO()
            np.savez(buffer, lo=lo, hi=hi, scores=np.asarray(scores, dtype=np.uint8))
            replace_atomically(self.path, buffer.getvalue(), mode=0o600)
        except (OSError, ValueError) as exc:
            LOGGER.warning("cannot write pair cache %s: %s", self.path, getattr(exc, "strerror", None) or exc)


@dataclass(frozen=True)
class _Checked:
    """One ordered claim pair's answers as stored, the claims named by their keys: whether the
    checks ran and what they found (None: no contradiction); whether the two may agree and
    whether the verifier may flag them (None: not asked)."""

    a: int
    b: int
    checked: bool = False
    finding: Finding | None = None
    compatible: bool | None = None
    open: bool | None = None


@dataclass(frozen=True)
class _CheckedEntry:
    format: int
    claimcheck: str
    pairs: tuple[_Checked, ...]


_CHECKED_DECODER = msgspec.msgpack.Decoder(_CheckedEntry)
Question = Literal["compatible", "open"]


class CheckCache:
    """The answers of stage 4's pure pair functions per ordered claim pair from the last compare:
    what the checks found (``finding``), whether the two may agree and whether the verifier may
    flag them (``answer``), so a rerun after ``claimcheck add`` asks them of the pairs with a new
    claim only (they take most of such a rerun otherwise).

    A pair is keyed by its two claims whole (every field: text, frame, article id, position), and
    the file by the source of the whole package (the checks read frames, lexicons and quantities
    that other modules shape), so a stored answer is one the current code would give. Like the
    pair scores, the file is replaced by the pairs of the last compare that asked anything new; a
    missing, damaged or foreign file is an empty cache.
    """

    def __init__(self, root: Path, version: str) -> None:
        self.path = Path(root) / "checks" / f"{code_fingerprint(_CHECK_CODE)}.msgpack"
        self.version = version
        entry = _read_entry(self.path, _CHECKED_DECODER, (FORMAT, version), lambda e: (e.format, e.claimcheck))
        self._stored = {(p.a, p.b): p for p in entry.pairs} if entry is not None else {}
        self._now: dict[tuple[int, int], _Checked] = {}
        self._keys: dict[Claim, int] = {}
        self.hits = 0
        self.misses = 0

    def _key(self, claim: Claim) -> int:
        key = self._keys.get(claim)
        if key is None:
            key = self._keys[claim] = int.from_bytes(hashlib.blake2b(_ENCODER.encode(claim), digest_size=8).digest(), "little")
        return key

    def _known(self, a: Claim, b: Claim) -> _Checked:
        pair = (self._key(a), self._key(b))
        return self._now.get(pair) or self._stored.get(pair) or _Checked(*pair)

    def _keep(self, known: _Checked, hit: bool) -> None:
        self._now[known.a, known.b] = known
        if hit:
            self.hits += 1
        else:
            self.misses += 1

    def finding(self, a: Claim, b: Claim, compute: Callable[[Claim, Claim], Finding | None]) -> Finding | None:
        """``compute(a, b)`` (the checks' finding), read back when this pair was checked before."""
        known = self._known(a, b)
        hit = known.checked
        if not hit:
            known = replace(known, checked=True, finding=compute(a, b))
        self._keep(known, hit)
        return known.finding

    def answer(self, question: Question, a: Claim, b: Claim, compute: Callable[[Claim, Claim], bool]) -> bool:
        """``compute(a, b)``, the pair's answer to ``question``, read back when asked before."""
        known = self._known(a, b)
        value = getattr(known, question)
        hit = value is not None
        if not hit:
            value = bool(compute(a, b))
            known = replace(known, **{question: value})
        self._keep(known, hit)
        return value

    def save(self) -> None:
        """Replace the file with this run's pairs when any was new (atomically; a failure only costs
        time), and remove the files other code left (each edit or upgrade of the package starts one)."""
        if self.misses:
            _write_entry(self.path, _CheckedEntry(FORMAT, self.version, tuple(self._now.values())))
            for stale in self.path.parent.glob("*.msgpack"):
                if stale.name != self.path.name:
                    with contextlib.suppress(OSError):  # another process's, or a folder not ours to clean
                        stale.unlink()


class NoCheckCache:
    """Every answer computed (no cache folder): the interface of :class:`CheckCache`."""

    hits = misses = 0

    @staticmethod
    def finding(a: Claim, b: Claim, compute: Callable[[Claim, Claim], Finding | None]) -> Finding | None:
        return compute(a, b)

    @staticmethod
    def answer(question: Question, a: Claim, b: Claim, compute: Callable[[Claim, Claim], bool]) -> bool:
        return bool(compute(a, b))

    def save(self) -> None:
        pass


def check_cache(cache_dir: Path | None) -> CheckCache | NoCheckCache:
    """The check cache in ``cache_dir``; with None, none."""
    if cache_dir is None:
        return NoCheckCache()
    from claimcheck import __version__

    return CheckCache(cache_dir, __version__)


__all__ = ["CheckCache", "ClaimCache", "NoCheckCache", "check_cache", "PairCache", "ParseCache", "Parsed", "default_cache_dir"]
