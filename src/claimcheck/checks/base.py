"""What every check shares: the Finding a check returns (defined with the other types passed
between stages: the check cache stores it) and how explanations quote values."""

from __future__ import annotations

from claimcheck.types import Finding


def quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f'"{text if len(text) <= limit else text[: limit - 1] + "…"}"'


def versus(kind: str, value_a: str, doc_a: str, value_b: str, doc_b: str, what: str = "") -> str:
    """The explanation every pair check gives: "date: 6:42 a.m. in X vs 7:42 a.m. in Y (for the same event)"."""
    tail = f" for the same {what}" if what else ""
    return f"{kind}: {value_a} in {doc_a} vs {value_b} in {doc_b}{tail}"


def overlap(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> bool:
    return bool(a & b)


__all__ = ["Finding", "overlap", "quote", "versus"]
