"""The output formats of ``compare`` and ``report``, parsed and checked before any work is done.

Kept apart from the writers (pandas, Jinja2), so the command line can refuse a bad ``--format``
at once without importing them.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from enum import Enum

from claimcheck.errors import ReportError

__all__ = ["DEFAULT_FORMATS", "Format", "check_formats", "parse_formats"]


class Format(str, Enum):
    """An output format of ``compare`` and ``report``."""

    CSV = "csv"  # claims, alignments, flags, matrix and articles .csv
    HTML = "html"  # report.html
    JSON = "json"  # report.json: every table in one document
    PARQUET = "parquet"  # the CSV tables as .parquet files (needs pyarrow)


DEFAULT_FORMATS = (Format.CSV, Format.HTML)


def parse_formats(text: str) -> tuple[Format, ...]:
    """Parse "csv,html,json" into formats, in the order of :class:`Format`; ReportError if unknown."""
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    valid = ", ".join(f.value for f in Format)
    if not names:
        raise ReportError(f"no report format given (valid: {valid})")
    found = set()
    for name in names:
        try:
            found.add(Format(name))
        except ValueError:
            raise ReportError(f"unknown report format {name!r} (valid: {valid})") from None
    return tuple(f for f in Format if f in found)


def check_formats(formats: Iterable[Format]) -> None:
    """ReportError when a format needs a package that is not installed (before any work is done)."""
    if Format.PARQUET in formats and importlib.util.find_spec("pyarrow") is None:
        raise ReportError("Parquet output needs pyarrow, which is not installed: pip install 'claimcheck[parquet]'")
