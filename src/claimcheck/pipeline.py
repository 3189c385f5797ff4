"""The stages composed: corpus -> extract -> align -> contradict. No printing, no exiting."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.extract import Runner, extract_corpus
from claimcheck.runtime import timed
from claimcheck.settings import Settings
from claimcheck.types import Alignment, Article, Claim, Corpus, Flag, Result

if TYPE_CHECKING:  # the later stages are imported after extraction (see run)
    from claimcheck.align import AlignmentSet

LOGGER = logging.getLogger(__name__)

# stage names passed to a run's ``stage`` callback (a progress display shows them)
ALIGNING = "aligning claims"
CONTRADICTING = "finding contradictions"


def run(
    corpus: Corpus | Sequence[Article] | str | os.PathLike[str],
    settings: Settings = Settings(),
    progress: Callable[[int], None] | None = None,
    stage: Callable[[str], None] | None = None,
    runner: Runner | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Result:
    """Compare the articles of ``corpus`` (a :class:`Corpus`, articles, or a corpus folder's path):
    claims, alignments and flags.

    ``progress`` is called with the number of articles whose claims are ready (read from the cache
    or extracted); ``stage`` with the name of each later stage as it starts ("aligning claims").
    ``runner`` extracts what the cache does not hold (default: this process, or ``settings.jobs``
    local processes); the CLI passes processes it started before reading the corpus.
    ``meanwhile`` is called while those processes extract (the CLI imports the later stages then:
    pandas, SciPy and Jinja2 take a tenth of a rerun after ``claimcheck add``).
    """
    if isinstance(corpus, (str, os.PathLike)):  # a corpus folder
        from claimcheck.corpus import load_corpus

        corpus = load_corpus(Path(corpus), settings)
    articles = tuple(corpus.articles if isinstance(corpus, Corpus) else corpus)
    stage = stage or (lambda name: None)
    with timed("extract"):
        by_doc, pipeline = extract_corpus(articles, settings, progress=progress, runner=runner, meanwhile=meanwhile)
    from claimcheck.align import align  # after extraction: ``meanwhile`` may have imported them by now

    claims = tuple(c for a in articles for c in by_doc[a.id])
    stage(ALIGNING)
    with timed("align"):
        aligned = align(claims, settings)
    stage(CONTRADICTING)
    with timed("contradict"):
        flags, alignments = check(claims, aligned, settings)
    LOGGER.info("%d articles, %d claims, %d alignments, %d flags", len(articles), len(claims), len(alignments), len(flags))
    return Result(articles, claims, alignments, flags, pipeline)



def check(claims: Sequence[Claim], aligned: "AlignmentSet", settings: Settings) -> tuple[tuple[Flag, ...], tuple[Alignment, ...]]:
    """Stage 4: the rules over the aligned claims, then the learned verifier's word on them (unless
    ``settings.verifier`` is off), then the configured per-kind severities."""
    from claimcheck.cache import check_cache
    from claimcheck.contradict import find_flags

    memo = check_cache(settings.cache_dir)
    flags, alignments = find_flags(claims, aligned, settings, memo)
    if settings.verifier:
        from claimcheck.verify.judge import judge

        with timed("verify"):
            flags, alignments = judge(aligned, flags, alignments, settings, memo)
    memo.save()
    LOGGER.info("check cache: %d answers read back, %d computed", memo.hits, memo.misses)
    return settings.apply_severities(flags), alignments
