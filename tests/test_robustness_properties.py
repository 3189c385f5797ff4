"""Properties over arbitrary Unicode text (GitHub issue 6): ingestion, extraction and the rules never crash.

* ``article_from_text`` returns an Article or raises ArticleError (always for blank text); block
  offsets lie inside the original text, and for plain text every non-space character of a block
  is the character its offset points at, and the block is the original slice with whitespace
  runs collapsed (the rules in :mod:`claimcheck.ingest.text` and :mod:`claimcheck.ingest.blocks`);
* claim extraction with the rule-based fallback never raises, puts every claim inside the
  original text and gives the same claims for the same input;
* the pure checks of :mod:`claimcheck.checks` and :func:`claimcheck.quantities.find_quantities`
  never raise on anything derived from arbitrary text.
"""

from __future__ import annotations

import itertools
import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck import checks, contradict
from claimcheck.corpus import article_from_text
from claimcheck.errors import ArticleError
from claimcheck.extract import extract_claims
from claimcheck.ingest.blocks import _JUNK_RUN
from claimcheck.ingest.text import SPACE
from claimcheck.ingest.html import looks_like_html
from claimcheck.nlp import load_pipeline
from claimcheck.quantities import comparable, conflict, find_quantities
from claimcheck.types import Article

SETTINGS = settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = (".txt", ".md", ".html")

# Words that make the fallback find claims, numbers, negations, causes and comparisons.
WORDS = (
    "Botox", "the", "FDA", "clinic", "is", "not", "approved", "banned", "costs", "$500", "400", "mg", "percent", "%",
    "because", "so", "more", "less", "than", "cheap", "expensive", "safe", "toxic", "all", "no", "few", "many",
    "studies", "show", "reduces", "raises", "pain", "never", "may", "about", "1,000", "units", "in", "2015",
    "and", "but", "if", "patients", "prefer", "it", "1/2", "3-5", "million", "dollars", "year", "n't", "doesn't",
)
MARKUP = ("<p>", "</p>", "<br>", "<h1>", "</h1>", "<li>", "<!--", "-->", "&amp;", "&#", "<![", "]]>", "<script>", "# ", "- ",
          "1. ", "> ", "|", "**", "`", "[", "](", ")", "\n", "\n\n", "\r\n", "\r", "\t", ". ", "? ", "! ", ", ", ": ")
text_pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKUP), st.text(max_size=12))
article_like = st.lists(text_pieces, max_size=60).map(lambda parts: " ".join(parts))
any_text = st.one_of(st.text(), article_like)


def load(text: str, suffix: str) -> Article | None:
    """The article, or None when ArticleError refuses the text: nothing else may be raised."""
    try:
        return article_from_text("doc", text, suffix=suffix)
    except ArticleError:
        return None


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline("fallback")


# -- ingestion ---------------------------------------------------------------------------------------


@SETTINGS
@given(text=any_text, suffix=st.sampled_from(SUFFIXES))
def test_ingestion_raises_only_article_error(text: str, suffix: str) -> None:
    article = load(text, suffix)
    if not text.strip():
        assert article is None
    if article is not None:
        assert article.text == text and article.blocks
        for block in article.blocks:
            assert 0 <= block.start <= block.end <= len(article.text)
            assert block.text and block.text == block.text.strip()


@SETTINGS
@given(text=st.text(min_size=1).filter(lambda t: t.strip()))
def test_blank_text_is_refused_and_other_text_decides(text: str) -> None:
    with pytest.raises(ArticleError):
        article_from_text("doc", " \n\t" * 3)
    load(text, ".txt")  # may be refused (no text left after boilerplate), never anything else


_SPACE_RUN = re.compile(f"[{re.escape(SPACE)}]+")


def _collapse(text: str) -> str:
    """Runs of junk and of what ingestion trims as space (str.isspace(), BOM, zero-width space) -> one space."""
    return _SPACE_RUN.sub(" ", _JUNK_RUN.sub(" ", text)).strip(" ")


@SETTINGS
@given(text=any_text)
def test_plain_text_blocks_point_at_their_characters(text: str) -> None:
    article = load(text, ".txt")
    if article is None or looks_like_html(text):
        return
    for block in article.blocks:
        to_original = block.offsets.to_original
        for i, char in enumerate(block.text):
            if not char.isspace():
                assert article.text[to_original(i)] == char, (block, i)
        # The docs: line breaks (with indentation) become one space; list markers and short
        # labels are dropped before the block starts; junk runs become a space.
        assert _collapse(article.text[block.start : block.end]) == _collapse(block.text)


# -- extraction with the fallback pipeline -----------------------------------------------------------


@SETTINGS
@given(text=any_text, suffix=st.sampled_from(SUFFIXES))
def test_fallback_extraction_never_raises_and_is_deterministic(nlp, text: str, suffix: str) -> None:
    article = load(text, suffix)
    if article is None:
        return
    claims = extract_claims([article], nlp)["doc"]
    again = extract_claims([article], nlp)["doc"]
    assert claims == again
    n = len(article.text)
    for claim in claims:
        assert claim.doc_id == "doc" and claim.id.startswith("doc:")
        assert 0 <= claim.start <= claim.end <= n
        assert 0 <= claim.claim_start <= claim.claim_end <= n
        assert claim.start <= claim.claim_start and claim.claim_end <= claim.end


# -- the rules ----------------------------------------------------------------------------------------


@SETTINGS
@given(text=any_text)
def test_find_quantities_never_raises(text: str) -> None:
    found = find_quantities(text)
    quantities = [f.quantity if hasattr(f, "quantity") else f for f in found]
    for a, b in itertools.product(quantities[:6], repeat=2):
        if hasattr(a, "unit") and hasattr(b, "unit") and comparable(a, b):
            conflict(a, b)


RULES = checks.PAIR_CHECKS


@SETTINGS
@given(first=article_like, second=article_like)
def test_contradiction_rules_never_raise(nlp, first: str, second: str) -> None:
    articles = [a for a in (load("Title\n\n" + first, ".txt"), load("Title\n\n" + second, ".txt")) if a is not None]
    articles = [article.__class__(**{**article.__dict__, "id": f"doc{i}"}) for i, article in enumerate(articles)]
    by_doc = extract_claims(articles, nlp)
    claims = [c for claims in by_doc.values() for c in claims][:12]
    for a, b in itertools.product(claims, repeat=2):
        contradict.same_statement(a, b, 0.5)
        checks.effective_polarity(a)
        checks.same_event(a, b)
        checks.differing_slot(a, b)
        for rule in RULES:
            finding = rule(a, b)
            assert finding is None or isinstance(finding, checks.Finding)
    causes = [c for c in claims if c.causal_role.value == "cause"]
    effects = [c for c in claims if c.causal_role.value == "effect"]
    checks.causal_incoherence(causes, effects)
    checks.causal_incoherence(effects, causes)


@SETTINGS
@given(text=st.text(alphabet=string.printable + "\u00a0\u2013\u2014\u00bd\u00b2\u20ac\u00a3$%", max_size=80))
def test_quantities_on_number_soup(text: str) -> None:
    find_quantities(text)
