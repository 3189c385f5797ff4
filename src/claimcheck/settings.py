"""One settings object, built once (from CLI options, config or API keywords) and passed down."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Union

from claimcheck.errors import ConfigError
from claimcheck.types import Flag, FlagKind, Severity

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

DEFAULT_JOBS_CAP = 8  # each extraction process holds a pipeline: about 0.5 GB
MAX_BATCH_SIZE = 10_000  # texts per nlp.pipe batch; a batch is held in memory whole


def usable_cores() -> int:
    """The CPU cores this process may run on (its affinity, where the system has one: a container
    or ``taskset`` may allow fewer than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # no affinity call (macOS, Windows)
        return os.cpu_count() or 1


def default_jobs() -> int:
    """One extraction process per CPU core this process may run on, at most DEFAULT_JOBS_CAP."""
    return min(usable_cores(), DEFAULT_JOBS_CAP)


# Per-kind severity overrides as given: {"negation": "low"} or pairs; stored as sorted pairs.
SeverityOverrides = Union[Mapping[Any, Any], Iterable[tuple[Any, Any]]]


@dataclass(frozen=True)
class Settings:
    """Every tunable of a comparison run, with its default."""

    model: str | None = None  # spaCy pipeline name or path; None = best available
    max_bytes: int = 5_000_000  # per article file
    min_worthiness: float = 0.25  # claims below this are kept out of alignment
    align_cutoff: float = 45.0  # rapidfuzz score (0..100) below which a pair is not scored further
    min_alignment: float = 0.42  # combined score (0..1) that makes two claims an alignment
    agree_score: float = 0.6  # combined score at which an unflagged alignment counts as agreement
    min_flag_alignment: float = 0.42  # alignment a cross-article flag needs (each rule adds its own floor)
    min_self_alignment: float = 0.6  # alignment a flag inside one article needs
    blocking: bool = True  # generate candidate pairs from an inverted index, not all pairs
    kinds: frozenset[FlagKind] = field(default_factory=lambda: frozenset(FlagKind))
    jobs: int = field(default_factory=lambda: default_jobs())  # extraction processes, at most
    batch_size: int = 64  # texts per nlp.pipe batch
    cache_dir: Path | None = None  # per-article claim cache; None = no cache
    # Per-kind severity overrides, ((kind, severity), ...) in FlagKind order: every flag of that
    # kind gets that severity. A mapping {"negation": "low"} is accepted and converted.
    severities: tuple[tuple[FlagKind, Severity], ...] = ()
    # the learned verifier's word on the rule flags (see claimcheck.verify.judge); off by default while the
    # shipped model misses its accuracy floors and triples compare's time (docs/verifier.md)
    verifier: bool = False

    def __post_init__(self) -> None:
        # Accept plain strings and other iterables for the two enum-valued fields (API and
        # config files), and store them hashable: a frozenset and a tuple of pairs.
        if not isinstance(self.kinds, frozenset) or not all(isinstance(k, FlagKind) for k in self.kinds):
            object.__setattr__(self, "kinds", _kinds(self.kinds))
        object.__setattr__(self, "severities", _severities(self.severities))
        for name in ("max_bytes", "batch_size", "jobs"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ConfigError(f"{name} must be a whole number, got {value!r}")
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive, got {self.max_bytes}")
        if not 1 <= self.batch_size <= MAX_BATCH_SIZE:
            raise ConfigError(f"batch_size must be between 1 and {MAX_BATCH_SIZE:,}, got {self.batch_size}")
        for name in ("min_worthiness", "min_alignment", "agree_score", "min_flag_alignment", "min_self_alignment"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
                raise ConfigError(f"{name} must be a number between 0 and 1, got {value!r}")
        if not 0 <= self.align_cutoff <= 100:
            raise ConfigError(f"align_cutoff must be between 0 and 100, got {self.align_cutoff!r}")
        if self.jobs < 1:
            raise ConfigError(f"jobs must be at least 1, got {self.jobs}")

    def with_options(self, **options: Any) -> Settings:
        """Return a copy with the given options set; unknown names or None values are refused/ignored."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(unknown)}")
        return replace(self, **{k: v for k, v in options.items() if v is not None})

    def severity_for(self, kind: FlagKind) -> Severity | None:
        """The severity configured for flags of ``kind``, or None to keep the rule's own."""
        return dict(self.severities).get(kind)

    def apply_severities(self, flags: Iterable[Flag]) -> tuple[Flag, ...]:
        """``flags`` with the configured per-kind severities applied (unchanged when none are set)."""
        overrides = dict(self.severities)
        if not overrides:
            return tuple(flags)
        return tuple(replace(f, severity=overrides[f.kind]) if f.kind in overrides else f for f in flags)


def _kinds(value: Any) -> frozenset[FlagKind]:
    if isinstance(value, str):
        return parse_kinds(value)
    if not isinstance(value, Iterable):
        raise ConfigError(f"kinds must be a list of flag kinds, got {value!r}")
    return frozenset(_enum(FlagKind, k, "flag kind") for k in value)


def _severities(value: Any) -> tuple[tuple[FlagKind, Severity], ...]:
    if isinstance(value, Mapping):
        pairs = list(value.items())
    elif isinstance(value, Iterable) and not isinstance(value, str):
        pairs = list(value)
        if not all(isinstance(p, (tuple, list)) and len(p) == 2 for p in pairs):
            raise ConfigError(f"severities must map flag kinds to severities, got {value!r}")
    else:
        raise ConfigError(f"severities must map flag kinds to severities, got {value!r}")
    found = {_enum(FlagKind, k, "flag kind"): _enum(Severity, s, "severity") for k, s in pairs}
    order = list(FlagKind)
    return tuple(sorted(found.items(), key=lambda kv: order.index(kv[0])))


def _enum(enum: type, value: Any, what: str) -> Any:
    if isinstance(value, enum):
        return value
    try:
        return enum(value.lower() if isinstance(value, str) else value)
    except ValueError:
        valid = ", ".join(m.value for m in enum)
        raise ConfigError(f"unknown {what} {value!r} (valid: {valid})") from None


def parse_kinds(names: str) -> frozenset[FlagKind]:
    """Parse "negation,numeric" into flag kinds."""
    kinds = set()
    if not names.strip():
        raise ConfigError("no flag kinds given (valid: " + ", ".join(k.value for k in FlagKind) + ")")
    for name in filter(None, (n.strip() for n in names.split(","))):
        try:
            kinds.add(FlagKind(name))
        except ValueError:
            valid = ", ".join(k.value for k in FlagKind)
            raise ConfigError(f"unknown flag kind {name!r} (valid: {valid})") from None
    return frozenset(kinds)


def parse_severity(name: str) -> Severity:
    try:
        return Severity(name.lower())
    except ValueError:
        raise ConfigError(f"unknown severity {name!r} (valid: high, medium, low)") from None
