"""Report stage: Result -> DataFrames (ReportData) -> CSV, HTML, JSON and Parquet files."""

from __future__ import annotations

from claimcheck.report.data import ReportData, read_report_data
from claimcheck.report.frames import (
    ALIGNMENT_COLUMNS,
    ARTICLE_COLUMNS,
    ARTICLE_SUMMARY_COLUMNS,
    CLAIM_COLUMNS,
    FLAG_COLUMNS,
    KIND_SUMMARY_COLUMNS,
    alignments_frame,
    article_summary_frame,
    articles_frame,
    claims_frame,
    flags_frame,
    kind_summary_frame,
)
from claimcheck.report.html import render_html
from claimcheck.report.matrix import MATRIX_COLUMNS, Cluster, Stance, claim_clusters, matrix_frame
from claimcheck.report.write import (
    DEFAULT_FORMATS,
    Format,
    atomic_write_bytes,
    atomic_write_text,
    check_formats,
    parse_formats,
    report_json,
    rerender,
    write_reports,
)

__all__ = [
    "ALIGNMENT_COLUMNS",
    "ARTICLE_COLUMNS",
    "ARTICLE_SUMMARY_COLUMNS",
    "CLAIM_COLUMNS",
    "Cluster",
    "DEFAULT_FORMATS",
    "FLAG_COLUMNS",
    "Format",
    "KIND_SUMMARY_COLUMNS",
    "MATRIX_COLUMNS",
    "ReportData",
    "Stance",
    "alignments_frame",
    "article_summary_frame",
    "articles_frame",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_formats",
    "claim_clusters",
    "claims_frame",
    "flags_frame",
    "kind_summary_frame",
    "matrix_frame",
    "parse_formats",
    "read_report_data",
    "render_html",
    "report_json",
    "rerender",
    "write_reports",
]
