"""Report stage: Result -> DataFrames -> CSV files and a self-contained HTML page."""

from __future__ import annotations

from claimcheck.report.frames import (
    ALIGNMENT_COLUMNS,
    ARTICLE_SUMMARY_COLUMNS,
    CLAIM_COLUMNS,
    FLAG_COLUMNS,
    KIND_SUMMARY_COLUMNS,
    alignments_frame,
    article_summary_frame,
    claims_frame,
    flags_frame,
    kind_summary_frame,
)
from claimcheck.report.html import render_html
from claimcheck.report.write import atomic_write_text, write_reports

__all__ = [
    "ALIGNMENT_COLUMNS",
    "ARTICLE_SUMMARY_COLUMNS",
    "CLAIM_COLUMNS",
    "FLAG_COLUMNS",
    "KIND_SUMMARY_COLUMNS",
    "alignments_frame",
    "article_summary_frame",
    "atomic_write_text",
    "claims_frame",
    "flags_frame",
    "kind_summary_frame",
    "render_html",
    "write_reports",
]
