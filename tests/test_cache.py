"""The caches: exact round trips of claims, hits by text, only new articles extracted, known files not parsed again."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from claimcheck import contradict
from claimcheck import corpus as corpus_module
from claimcheck.cache import ClaimCache, ParseCache
from claimcheck.corpus import article_from_text, load_article, load_corpus
from claimcheck.extract import extract_corpus
from claimcheck.pipeline import run
from claimcheck.settings import Settings
from claimcheck.types import (
    Article,
    CausalRole,
    Claim,
    Comparative,
    FlagKind,
    Polarity,
    Quantifier,
    Quantity,
    Result,
    Term,
)
from claimcheck.verify import judge

TEXT = "Botox Facts\n\nBotox costs $500 per session. It is more costly than painkillers.\n"


def rich_claim(doc: str, number: int) -> Claim:
    """A claim using every kind of field the cache stores: nested dataclasses, enums, infinities."""
    return Claim(
        id=f"{doc}:{number}.0", doc_id=doc, sentence_index=number, clause_index=0, start=0, end=30,
        claim_start=0, claim_end=29, sentence="Botox costs $500 per session.", text="Botox costs $500 per session",
        subject="Botox", predicate="costs", object="$500 per session", polarity=Polarity.NEGATIVE,
        predicate_lemma="cost", focus="cost", negations=("not",), hedges=("may",),
        quantities=(Quantity("$500", 500.0, float("inf"), "usd", "money", approximate=True, bound="min"),),
        comparatives=(Comparative("more costly than painkillers", "costly", "cost", 1, "botox", "painkillers"),),
        quantifier=Quantifier.ONLY if number % 2 else None, quantifier_text="only", causal_role=CausalRole.CAUSE,
        cause="Botox costs $500", effect="people prefer it", partner=f"{doc}:{number}.1" if number % 2 else "",
        claim_type="cost", worthiness=0.75, lemmas=("botox", "cost", "session"), entities=("botox",),
        terms=(Term("costly", "more costly", "botox"),), valence=-1, valence_terms=("more costly",),
    )


def test_claims_come_back_exactly(tmp_path: Path) -> None:
    article = article_from_text("clinic", TEXT)
    claims = (rich_claim("clinic", 0), rich_claim("clinic", 1))
    cache = ClaimCache(tmp_path, "pipeline-1.0", "0.1.0")
    assert cache.get(article) is None
    cache.put(article, claims)
    assert cache.get(article) == claims
    assert (cache.hits, cache.misses) == (1, 1)


def test_an_entry_serves_the_same_text_under_another_id(tmp_path: Path) -> None:
    cache = ClaimCache(tmp_path, "pipeline-1.0", "0.1.0")
    cache.put(article_from_text("clinic", TEXT), (rich_claim("clinic", 1),))
    got = cache.get(article_from_text("renamed", TEXT))
    assert got == (rich_claim("renamed", 1),)
    assert cache.get(article_from_text("clinic", TEXT)) == (rich_claim("clinic", 1),)
    assert len(list(tmp_path.rglob("*.msgpack"))) == 1, "one entry per text, whatever the file is called"


@pytest.mark.parametrize(
    ("pipeline", "version", "text"),
    [("pipeline-2.0", "0.1.0", TEXT), ("pipeline-1.0", "0.2.0", TEXT), ("pipeline-1.0", "0.1.0", TEXT + "More.\n")],
    ids=["other pipeline", "other claimcheck", "changed text"],
)
def test_an_entry_never_serves_another_pipeline_version_or_text(tmp_path: Path, pipeline: str, version: str, text: str) -> None:
    ClaimCache(tmp_path, "pipeline-1.0", "0.1.0").put(article_from_text("clinic", TEXT), (rich_claim("clinic", 0),))
    assert ClaimCache(tmp_path, pipeline, version).get(article_from_text("clinic", text)) is None


class SpyRunner:
    """A runner that records which articles it is asked to extract and returns canned claims."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.asked: list[str] = []
        self.fail_after = fail_after

    def __call__(self, pieces: list[Sequence[Article]], settings: Settings) -> Iterable[dict[str, tuple[Claim, ...]]]:
        for n, piece in enumerate(pieces):
            if self.fail_after is not None and n == self.fail_after:
                raise KeyboardInterrupt
            self.asked.extend(a.id for a in piece)
            yield {a.id: (rich_claim(a.id, k),) for k, a in enumerate(piece)}


def corpus(n: int) -> list[Article]:
    return [article_from_text(f"a{k}", f"Story {k}\n\nArticle number {k} says that Botox costs ${k}00.\n") for k in range(n)]


def test_after_add_only_the_new_article_is_extracted(tmp_path: Path) -> None:
    settings = Settings(model="fallback", cache_dir=tmp_path)
    first = SpyRunner()
    before, _ = extract_corpus(corpus(5), settings, runner=first)
    assert sorted(first.asked) == [f"a{k}" for k in range(5)]
    second = SpyRunner()
    after, _ = extract_corpus(corpus(6), settings, runner=second)
    assert second.asked == ["a5"]
    assert {k: v for k, v in after.items() if k != "a5"} == before


def test_an_interrupted_extraction_keeps_the_chunks_it_finished(tmp_path: Path) -> None:
    settings = Settings(model="fallback", cache_dir=tmp_path, jobs=2)
    articles = corpus(40)
    with pytest.raises(KeyboardInterrupt):
        extract_corpus(articles, settings, runner=SpyRunner(fail_after=2))
    rerun = SpyRunner()
    extract_corpus(articles, settings, runner=rerun)
    assert 0 < len(rerun.asked) < len(articles), "the finished chunks were cached before the interruption"


def test_entries_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    ClaimCache(tmp_path, "pipeline-1.0", "0.1.0").put(article_from_text("clinic", TEXT), (rich_claim("clinic", 0),))
    (entry,) = tmp_path.rglob("*.msgpack")
    assert entry.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.rglob(".*")] == []  # no temporary file left beside it


# -- parsed articles ---------------------------------------------------------------------------

HTML = "<html><head><title>Botox &amp; Cost</title></head><body><h1>Botox</h1><p>Botox costs $500.</p><p>Share this</p></body></html>"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "clinic.txt").write_text(TEXT, encoding="utf-8")
    (folder / "page.html").write_text(HTML, encoding="utf-8")
    (folder / "notes.md").write_text("# Notes\n\n- Botox is *approved* for migraine.\n", encoding="utf-8")
    return folder


def test_a_known_file_is_read_back_not_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(cache_dir=tmp_path / "cache")
    first = load_corpus(_folder(tmp_path), settings)
    assert first.articles == load_corpus(tmp_path / "corpus", Settings()).articles  # as without a cache
    monkeypatch.setattr(corpus_module, "parse", lambda *args: pytest.fail("parsed again"))
    second = load_corpus(tmp_path / "corpus", settings)
    assert second.articles == first.articles


def test_a_changed_file_is_parsed_again(tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path / "cache")
    folder = _folder(tmp_path)
    load_corpus(folder, settings)
    (folder / "clinic.txt").write_text(TEXT.replace("$500", "$700"), encoding="utf-8")
    (clinic,) = [a for a in load_corpus(folder, settings).articles if a.id == "clinic"]
    assert "$700" in clinic.blocks[-1].text and clinic == load_article(folder / "clinic.txt")


def test_a_damaged_or_foreign_parse_entry_is_a_miss(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = _folder(tmp_path)
    fresh = load_corpus(folder, Settings()).articles
    load_corpus(folder, Settings(cache_dir=tmp_path / "cache"))
    entries = sorted((tmp_path / "cache" / "articles").rglob("*.msgpack"))
    assert len(entries) == 3
    entries[0].write_bytes(entries[0].read_bytes()[:20])  # cut short
    assert load_corpus(folder, Settings(cache_dir=tmp_path / "cache")).articles == fresh
    assert "ignoring unreadable cache entry" in caplog.text
    assert ParseCache(tmp_path / "cache", "0.0.0-other").get(TEXT, ".txt") is None


# -- the checks' results per claim pair --------------------------------------------------------

STORIES = (
    article_from_text("herald", "Bridge reopens\n\nThe Marren Bay bridge reopened on Monday after repairs that cost $40 million. "
                      "Engineers said the bridge is safe. The council approved the plan in March.\n"),
    article_from_text("courier", "Bridge back in use\n\nThe Marren Bay bridge reopened on Monday after repairs that cost $90 million. "
                      "Engineers said the bridge is safe. The council rejected the plan in March.\n"),
    article_from_text("post", "Marren Bay\n\nThe Marren Bay bridge reopened on Friday after repairs that cost $40 million. "
                      "Engineers said the bridge is unsafe.\n"),
)


class CountingChecks:
    """Wraps the checks that ``find_flags`` runs per claim pair and records the articles of each pair asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[tuple[str, str]] = []
        for module, name in ((contradict, "check_pair"), (contradict, "compatible"), (judge, "open_to_flag")):
            real = getattr(module, name)
            monkeypatch.setattr(module, name, lambda a, b, real=real: self.asked.append((a.doc_id, b.doc_id)) or real(a, b))


def outcome(result: Result) -> tuple:
    return result.flags, result.alignments


@pytest.mark.parametrize("verifier", [False, True])
def test_a_rerun_after_add_checks_only_the_pairs_with_a_new_claim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, verifier: bool) -> None:
    checks = CountingChecks(monkeypatch)
    cached = Settings(cache_dir=tmp_path, verifier=verifier)
    run(STORIES[:2], cached)
    assert checks.asked
    checks.asked.clear()
    grown = run(STORIES, cached)
    assert checks.asked and all("post" in pair for pair in checks.asked)
    assert outcome(grown) == outcome(run(STORIES, Settings(verifier=verifier)))  # as without a cache
    assert {f.kind for f in grown.flags} >= {FlagKind.NUMERIC, FlagKind.DATE}
    checks.asked.clear()
    assert outcome(run(STORIES, cached)) == outcome(grown)
    assert checks.asked == [], "an unchanged corpus runs no check again"


def test_an_edited_article_is_checked_again(tmp_path: Path) -> None:
    cached = Settings(cache_dir=tmp_path, verifier=False)
    run(STORIES, cached)
    edited = (article_from_text("herald", STORIES[0].text.replace("$40 million", "$90 million")), *STORIES[1:])
    assert outcome(run(edited, cached)) == outcome(run(edited, Settings(verifier=False)))


@pytest.mark.parametrize("damage", [b"", b"\x93\x01", b"\xc1garbage"])
def test_a_damaged_check_cache_is_empty_not_fatal(tmp_path: Path, damage: bytes, caplog: pytest.LogCaptureFixture) -> None:
    cached = Settings(cache_dir=tmp_path, verifier=False)
    expected = outcome(run(STORIES, cached))
    (stored,) = (tmp_path / "checks").glob("*.msgpack")
    stored.write_bytes(damage)
    assert outcome(run(STORIES, cached)) == expected
    assert "ignoring unreadable cache entry" in caplog.text
    assert stored.stat().st_size > len(damage), "the file is written again"


def test_the_file_another_version_of_the_code_left_is_removed(tmp_path: Path) -> None:
    cached = Settings(cache_dir=tmp_path, verifier=False)
    (tmp_path / "checks").mkdir()
    other = tmp_path / "checks" / "0123456789abcdef.msgpack"
    other.write_bytes(b"answers of other code")
    run(STORIES, cached)
    assert not other.exists()
    assert len(list((tmp_path / "checks").glob("*.msgpack"))) == 1
