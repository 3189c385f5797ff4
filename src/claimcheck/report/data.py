"""The report's tables in one value, built from a Result or read back from the CSV files.

Every output (CSV, HTML, JSON, Parquet) is written from a :class:`ReportData`, so a report
re-rendered from its CSV files (``claimcheck report``) is the same as the one ``compare`` wrote.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from claimcheck.errors import ReportError
from claimcheck.report.frames import (
    ALIGNMENT_COLUMNS,
    ARTICLE_COLUMNS,
    ARTICLE_SUMMARY_COLUMNS,
    CLAIM_COLUMNS,
    FLAG_COLUMNS,
    alignments_frame,
    articles_frame,
    claims_frame,
    flags_frame,
    summarize_articles,
)
from claimcheck.report.matrix import MATRIX_COLUMNS, build_matrix, column_doc_id
from claimcheck.types import Result

LOGGER = logging.getLogger(__name__)

ARTICLES_CSV = "articles.csv"
CLAIMS_CSV = "claims.csv"
ALIGNMENTS_CSV = "alignments.csv"
FLAGS_CSV = "flags.csv"
MATRIX_CSV = "matrix.csv"

# A text cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first, as
# OWASP lists them) is written with a leading apostrophe, which spreadsheets show as text; a cell
# already starting with apostrophes before one of those gets one more, so reading back (one off)
# gives every text exactly. Numbers are left alone.
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
_QUOTED_FORMULA = re.compile(r"'+[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def csv_text(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet runs as a formula (see :func:`text_from_csv`)."""
    return "'" + text if _FORMULA_START.match(text) and not _NUMBER.fullmatch(text) else text


def text_from_csv(cell: str) -> str:
    """The text that :func:`csv_text` wrote as ``cell``."""
    return cell[1:] if _QUOTED_FORMULA.match(cell) else cell


# Numeric columns of each table (every other column is text).
_NUMERIC = {
    CLAIMS_CSV: {**dict.fromkeys(["sentence_index", "clause_index", "start", "end", "claim_start", "claim_end"], "int64"),
                 "worthiness": "float64"},
    ALIGNMENTS_CSV: dict.fromkeys(["score", "fuzz", "overlap"], "float64"),
    FLAGS_CSV: {"score": "float64"},
    ARTICLES_CSV: dict.fromkeys(ARTICLE_SUMMARY_COLUMNS[2:], "int64"),
    MATRIX_CSV: dict.fromkeys(["articles", "contradicting"], "int64"),
}


def typed_frame(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """The table ``name`` (a CSV file name) in one schema whatever the source: the numeric columns
    as numbers, categoricals as they are, every other column as text."""
    numeric = _NUMERIC.get(name, {})
    categorical = {c for c, t in frame.dtypes.items() if isinstance(t, pd.CategoricalDtype)}  # the matrix's stances
    return frame.astype({c: numeric.get(c, str) for c in frame.columns if c not in categorical})


@dataclass(frozen=True, eq=False)
class ReportData:
    """The tables of one report: articles, claims, alignments, flags and the claim matrix."""

    articles: pd.DataFrame  # ARTICLE_COLUMNS
    claims: pd.DataFrame  # CLAIM_COLUMNS
    alignments: pd.DataFrame  # ALIGNMENT_COLUMNS
    flags: pd.DataFrame  # FLAG_COLUMNS, most severe first
    matrix: pd.DataFrame  # MATRIX_COLUMNS + one column per article

    @property
    def pipeline(self) -> str:
        """The spaCy pipeline that read the articles ("" when unknown)."""
        names = [p for p in self.articles["pipeline"].tolist() if p] if len(self.articles) else []
        return names[0] if names else ""

    @property
    def doc_ids(self) -> list[str]:
        return self.articles["doc_id"].tolist()

    @property
    def matrix_doc_ids(self) -> list[str]:
        """The article ids of the matrix's article columns, in column order."""
        return [column_doc_id(c) for c in self.matrix.columns[len(MATRIX_COLUMNS) :]]

    def doc_order(self, doc_id: str) -> tuple[int, str]:
        """Sort key: corpus order, unknown ids last by name."""
        ids = self.doc_ids
        return (ids.index(doc_id), "") if doc_id in ids else (len(ids), doc_id)

    @classmethod
    def from_tables(
        cls, articles: pd.DataFrame, claims: pd.DataFrame, alignments: pd.DataFrame, flags: pd.DataFrame
    ) -> ReportData:
        """Complete the tables with the claim matrix, computed from them."""
        articles, claims, alignments, flags = (
            typed_frame(frame, name)
            for frame, name in ((articles, ARTICLES_CSV), (claims, CLAIMS_CSV), (alignments, ALIGNMENTS_CSV), (flags, FLAGS_CSV))
        )
        matrix = typed_frame(build_matrix(claims, alignments, flags, articles["doc_id"].tolist()), MATRIX_CSV)
        return cls(articles, claims, alignments, flags, matrix)

    @classmethod
    def from_result(cls, result: Result, claims: pd.DataFrame | None = None) -> ReportData:
        """The tables of ``result``; ``claims``: its claims table, when already built."""
        claims = claims_frame(result) if claims is None else claims
        return cls.from_tables(articles_frame(result), claims, alignments_frame(result), flags_frame(result))

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by CSV file name, in the order they are written."""
        return {
            CLAIMS_CSV: self.claims,
            ALIGNMENTS_CSV: self.alignments,
            FLAGS_CSV: self.flags,
            MATRIX_CSV: self.matrix,
            ARTICLES_CSV: self.articles,
        }


def _read_table(folder: Path, name: str, columns: Sequence[str]) -> pd.DataFrame:
    path = folder / name
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    except FileNotFoundError:
        raise ReportError(f"{path}: not found (run `claimcheck compare` to write the reports)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ReportError(f"{path}: not a claimcheck CSV file: {str(exc).strip().splitlines()[0]}") from None
    frame = frame.rename(columns=text_from_csv).map(text_from_csv)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ReportError(f"{path}: not a claimcheck {name}: missing column(s) {', '.join(missing)}")
    frame = frame[list(columns)]
    for column, dtype in _NUMERIC.get(name, {}).items():
        try:
            frame[column] = pd.to_numeric(frame[column], errors="raise").astype(dtype)
        except (ValueError, TypeError):
            raise ReportError(f"{path}: column {column} must hold numbers") from None
    return frame


def read_report_data(folder: Path) -> ReportData:
    """Read the CSV files ``compare`` wrote into ``folder`` back into a ReportData.

    claims.csv, alignments.csv and flags.csv are required; articles.csv (titles and pipeline)
    is used when present, else the articles are the claims' doc_ids with the ids as titles.
    The claim matrix is computed again from the tables (matrix.csv is not read).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ReportError(f"report folder {folder} not found")
    claims = _read_table(folder, CLAIMS_CSV, CLAIM_COLUMNS)
    alignments = _read_table(folder, ALIGNMENTS_CSV, ALIGNMENT_COLUMNS)
    flags = _read_table(folder, FLAGS_CSV, FLAG_COLUMNS)
    if (folder / ARTICLES_CSV).exists():
        articles = _read_table(folder, ARTICLES_CSV, ARTICLE_COLUMNS)
    else:
        LOGGER.warning("%s not found: article titles and the pipeline name are unknown", folder / ARTICLES_CSV)
        doc_ids = list(dict.fromkeys(claims["doc_id"].tolist()))
        articles = summarize_articles(
            ((d, d) for d in doc_ids),
            claims["doc_id"].tolist(),
            zip(flags["doc_a"], flags["doc_b"], flags["severity"]),
        )
        articles["pipeline"] = ""
    return ReportData.from_tables(articles, claims, alignments, flags)
