"""The report's tables in one value, built from a Result or read back from the CSV files.

Every output (CSV, HTML, JSON, Parquet) is written from a :class:`ReportData`, so a report
re-rendered from its CSV files (``claimcheck report``) is the same as the one ``compare`` wrote.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from claimcheck.errors import ReportError
from claimcheck.report.frames import (
    ALIGNMENT_COLUMNS,
    ARTICLE_COLUMNS,
    ARTICLE_SUMMARY_COLUMNS,
    CLAIM_COLUMNS,
    FLAG_COLUMNS,
    FLAG_REPORT_COLUMNS,
    alignments_frame,
    articles_frame,
    claims_frame,
    flags_frame,
    summarize_articles,
    with_titles,
)
from claimcheck.report.matrix import MATRIX_COLUMNS, build_matrix, column_doc_id
from claimcheck.review import Decision, Review, flag_id, load_reviews
from claimcheck.types import Article, BlockKind, Result

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
    FLAGS_CSV: dict.fromkeys(["score", "confidence"], "float64"),
    ARTICLES_CSV: dict.fromkeys(ARTICLE_SUMMARY_COLUMNS[2:], "int64"),
    MATRIX_CSV: dict.fromkeys(["articles", "contradicting"], "int64"),
}


def typed_frame(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """The table ``name`` (a CSV file name) in one schema whatever the source: the numeric columns
    as numbers, categoricals as they are, every other column as text."""
    numeric = _NUMERIC.get(name, {})
    categorical = {c for c, t in frame.dtypes.items() if isinstance(t, pd.CategoricalDtype)}  # the matrix's stances
    return frame.astype({c: numeric.get(c, str) for c in frame.columns if c not in categorical})


# Columns a report written by an earlier claimcheck may lack, with the value they then take.
_OPTIONAL = {
    FLAGS_CSV: {"confidence": "1.0", "review": "", "review_note": ""},
}


@dataclass(frozen=True)
class Paragraph:
    """One block of an article's text, for the context view and the article's text in report.html."""

    text: str
    heading: bool = False


def article_paragraphs(article: Article) -> tuple[Paragraph, ...]:
    """The article's text as the report shows it: its blocks (the title and headings marked)."""
    return tuple(Paragraph(b.text, b.kind in (BlockKind.TITLE, BlockKind.HEADING)) for b in article.blocks if b.text)


def flag_ids(flags: pd.DataFrame) -> list[str]:
    """The stable id (:func:`claimcheck.review.flag_id`) of each row of a flags table."""
    columns = [flags[c].tolist() for c in ("doc_a", "sentence_a", "doc_b", "sentence_b")]
    return [flag_id(*row) for row in zip(*columns)]


def _reviewed(flags: pd.DataFrame, reviews: Mapping[str, Review] | None) -> pd.DataFrame:
    """The flags table with its ids and, when ``reviews`` are given, the decision about each
    (else the decisions it holds already, read back from flags.csv)."""
    flags = flags.copy()
    flags["flag_id"] = flag_ids(flags)
    if reviews is not None or "review" not in flags.columns:
        found = [reviews.get(f) if reviews else None for f in flags["flag_id"].tolist()]
        flags["review"] = [r.decision.value if r else "" for r in found]
        flags["review_note"] = [r.note if r else "" for r in found]
    return flags


@dataclass(frozen=True, eq=False)
class ReportData:
    """The tables of one report: articles, claims, alignments, flags and the claim matrix, and
    the articles' text (for report.html's context view; empty for a report read back from its
    CSV files without the corpus)."""

    articles: pd.DataFrame  # ARTICLE_COLUMNS
    claims: pd.DataFrame  # CLAIM_COLUMNS
    alignments: pd.DataFrame  # ALIGNMENT_REPORT_COLUMNS
    flags: pd.DataFrame  # FLAG_REPORT_COLUMNS, most severe first
    matrix: pd.DataFrame  # MATRIX_COLUMNS + one column per article
    texts: Mapping[str, tuple[Paragraph, ...]] = field(default_factory=dict)  # by doc_id
    corpus: str = ""  # the corpus folder, for the review commands report.html shows ("" unknown)

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

    @property
    def titles(self) -> dict[str, str]:
        """Each article's title by its id."""
        return dict(zip(self.articles["doc_id"].tolist(), self.articles["title"].tolist()))

    @classmethod
    def from_tables(
        cls,
        articles: pd.DataFrame,
        claims: pd.DataFrame,
        alignments: pd.DataFrame,
        flags: pd.DataFrame,
        reviews: Mapping[str, Review] | None = None,
        texts: Mapping[str, tuple[Paragraph, ...]] | None = None,
        corpus: str = "",
    ) -> ReportData:
        """Complete the tables with the titles, the flags' ids and review decisions (``reviews``;
        None: those the flags table holds) and the claim matrix, computed from them."""
        articles = typed_frame(articles, ARTICLES_CSV)
        titles = dict(zip(articles["doc_id"].tolist(), articles["title"].tolist()))
        alignments = typed_frame(with_titles(alignments, titles), ALIGNMENTS_CSV)
        flags = typed_frame(with_titles(_reviewed(flags, reviews), titles)[FLAG_REPORT_COLUMNS], FLAGS_CSV)
        claims = typed_frame(claims, CLAIMS_CSV)
        standing = flags[flags["review"] != Decision.DISMISSED.value]  # a dismissed flag disputes nothing
        matrix = typed_frame(build_matrix(claims, alignments, standing, articles["doc_id"].tolist()), MATRIX_CSV)
        return cls(articles, claims, alignments, flags, matrix, dict(texts or {}), corpus)

    @classmethod
    def from_result(
        cls,
        result: Result,
        claims: pd.DataFrame | None = None,
        reviews: Mapping[str, Review] | None = None,
        corpus: str = "",
    ) -> ReportData:
        """The tables of ``result``; ``claims``: its claims table, when already built; ``reviews``:
        the decisions recorded for its corpus; ``corpus``: its folder."""
        claims = claims_frame(result) if claims is None else claims
        texts = {a.id: article_paragraphs(a) for a in result.articles}
        return cls.from_tables(
            articles_frame(result), claims, alignments_frame(result), flags_frame(result), reviews, texts, corpus
        )

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
    optional = _OPTIONAL.get(name, {})
    missing = [c for c in columns if c not in frame.columns and c not in optional]
    if missing:
        raise ReportError(f"{path}: not a claimcheck {name}: missing column(s) {', '.join(missing)}")
    for column, default in optional.items():
        if column not in frame.columns:
            frame[column] = default
    frame = frame[[*columns, *(c for c in optional if c not in columns)]]
    for column, dtype in _NUMERIC.get(name, {}).items():
        try:
            frame[column] = pd.to_numeric(frame[column], errors="raise").astype(dtype)
        except (ValueError, TypeError):
            raise ReportError(f"{path}: column {column} must hold numbers") from None
    return frame


def read_report_data(folder: Path, corpus: Path | None = None) -> ReportData:
    """Read the CSV files ``compare`` wrote into ``folder`` back into a ReportData.

    claims.csv, alignments.csv and flags.csv are required; articles.csv (titles and pipeline)
    is used when present, else the articles are the claims' doc_ids with the ids as titles.
    The claim matrix is computed again from the tables (matrix.csv is not read). ``corpus``: the
    corpus folder, whose articles give report.html its context view again and whose review
    decisions replace those in flags.csv.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ReportError(f"report folder {folder} not found")
    claims = _read_table(folder, CLAIMS_CSV, CLAIM_COLUMNS)
    alignments = _read_table(folder, ALIGNMENTS_CSV, ALIGNMENT_COLUMNS)
    flags = _read_table(folder, FLAGS_CSV, FLAG_COLUMNS)  # with the review columns
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
    if corpus is None:
        return ReportData.from_tables(articles, claims, alignments, flags)
    from claimcheck.cache import default_cache_dir
    from claimcheck.corpus import load_corpus
    from claimcheck.settings import Settings

    loaded = load_corpus(Path(corpus), Settings(cache_dir=default_cache_dir()))  # known files: parses from the cache
    texts = {a.id: article_paragraphs(a) for a in loaded.articles}
    return ReportData.from_tables(articles, claims, alignments, flags, load_reviews(Path(corpus)), texts, str(corpus))
