"""The Python API behind ``claimcheck.compare``: articles in, a :class:`Report` of DataFrames out."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import pandas as pd

from claimcheck.errors import ArticleError
from claimcheck.pipeline import run
from claimcheck.report import DEFAULT_FORMATS, Format, ReportData, parse_formats, render_html, write_reports
from claimcheck.review import Review, load_reviews
from claimcheck.settings import Settings
from claimcheck.types import Article, Result

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True, eq=False)
class Report:
    """The outcome of :func:`compare`: the run's dataclasses and the report tables as DataFrames."""

    result: Result
    reviews: Mapping[str, Review] = field(default_factory=dict)  # the corpus folder's review decisions
    corpus: str = ""  # the corpus folder, when one was compared

    @functools.cached_property
    def data(self) -> ReportData:
        return ReportData.from_result(self.result, reviews=self.reviews, corpus=self.corpus)

    @property
    def articles(self) -> pd.DataFrame:
        """One row per article: title, claims, flags by severity, pipeline (articles.csv)."""
        return self.data.articles

    @property
    def claims(self) -> pd.DataFrame:
        """One row per claim (claims.csv)."""
        return self.data.claims

    @property
    def alignments(self) -> pd.DataFrame:
        """One row per aligned claim pair (alignments.csv)."""
        return self.data.alignments

    @property
    def flags(self) -> pd.DataFrame:
        """One row per contradiction, most severe first (flags.csv)."""
        return self.data.flags

    @property
    def matrix(self) -> pd.DataFrame:
        """The claim matrix: one row per shared statement, one column per article (matrix.csv)."""
        return self.data.matrix

    def to_html(self) -> str:
        """The self-contained HTML report (report.html) as a string."""
        return render_html(self.data)

    def write(self, out_dir: PathLike, formats: str | Iterable[Format] = DEFAULT_FORMATS) -> list[Path]:
        """Write the report files ("csv,html,json,parquet") into ``out_dir``; returns their paths."""
        chosen = parse_formats(formats) if isinstance(formats, str) else tuple(formats)
        return write_reports(self.data, Path(out_dir), chosen)


def _articles(source: Any, settings: Settings) -> tuple[Article, ...]:
    from claimcheck.corpus import article_from_text, load_article, load_corpus

    if isinstance(source, Mapping):
        return tuple(article_from_text(str(doc_id), text) for doc_id, text in source.items())
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir():
            return load_corpus(path, settings).articles
        source = [path]
    articles = tuple(load_article(Path(p), settings) for p in source)
    ids = [a.id for a in articles]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ArticleError(f"two articles share the id {twice[0]!r} (the file stem); rename one")
    return articles


def compare(
    paths_or_texts: PathLike | Iterable[PathLike] | Mapping[str, str],
    settings: Settings | None = None,
    **options: Any,
) -> Report:
    """Compare articles and return a :class:`Report`.

    ``paths_or_texts`` is a corpus folder (whose review decisions the report applies, as
    ``claimcheck compare`` does), a list of article files, or a dict ``{id: text}``.
    Settings are ``settings`` (default ``Settings()``) with ``options`` applied, using the
    :class:`Settings` field names: ``compare(texts, model="fallback", agree_score=0.7)``.
    Configuration files are not read here (the CLI reads them). Raises
    :class:`ClaimcheckError` subclasses for bad input.
    """
    chosen = (settings or Settings()).with_options(**options)
    result = run(_articles(paths_or_texts, chosen), chosen)
    if isinstance(paths_or_texts, (str, os.PathLike)) and Path(paths_or_texts).is_dir():  # a corpus folder
        return Report(result, load_reviews(Path(paths_or_texts)), str(paths_or_texts))
    return Report(result)
