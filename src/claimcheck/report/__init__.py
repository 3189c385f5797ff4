"""Report stage: Result -> DataFrames (ReportData) -> CSV, HTML, JSON and Parquet files.

The names below are imported from their modules on first use (PEP 562): the output formats come
from the light :mod:`claimcheck.report.formats`, so the command line checks ``--format`` before it
imports pandas and Jinja2 (which it does while the claims are being extracted).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from claimcheck.report.formats import DEFAULT_FORMATS, Format, check_formats, parse_formats

_HOMES = {
    "ReportData": "data",
    "read_report_data": "data",
    "render_html": "html",
    "MATRIX_COLUMNS": "matrix",
    "Cluster": "matrix",
    "Stance": "matrix",
    "claim_clusters": "matrix",
    "matrix_frame": "matrix",
    **dict.fromkeys(
        [
            "ALIGNMENT_COLUMNS", "ALIGNMENT_REPORT_COLUMNS", "ARTICLE_COLUMNS", "ARTICLE_SUMMARY_COLUMNS",
            "CLAIM_COLUMNS", "FLAG_COLUMNS", "FLAG_REPORT_COLUMNS", "KIND_SUMMARY_COLUMNS", "alignments_frame", "article_summary_frame", "articles_frame", "claims_frame",
            "flags_frame", "kind_summary_frame",
        ],
        "frames",
    ),
    **dict.fromkeys(["atomic_write_bytes", "atomic_write_text", "report_json", "rerender", "write_reports"], "write"),
}  # fmt: skip

__all__ = sorted([*_HOMES, "DEFAULT_FORMATS", "Format", "check_formats", "parse_formats"])


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(f"claimcheck.report.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
