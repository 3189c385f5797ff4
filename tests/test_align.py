"""Stage 3: candidate generation by blocking, and alignment of hand-built claims.

Claims carry content keys built the way extraction builds them (stop words dropped, ``stem``
applied); no spaCy pipeline is loaded.
"""

from __future__ import annotations

import random
import re
from itertools import combinations

import numpy as np
import pytest
from spacy.lang.en.stop_words import STOP_WORDS

from claimcheck.align import SCORER, AlignmentSet, KeyIndex, _candidates, align, all_pairs, candidate_pairs, pair_score
from claimcheck.lexicon import stem
from claimcheck.settings import Settings
from claimcheck.types import Claim, Polarity


def keys(text: str) -> tuple[str, ...]:
    words = re.findall(r"[a-z][a-z\-]*", text.lower())
    return tuple(dict.fromkeys(stem(w) for w in words if w not in STOP_WORDS and len(w) > 1))


def claim(text: str, doc: str, sentence: int, clause: int = 0, worthiness: float = 0.6) -> Claim:
    return Claim(
        id=f"{doc}:{sentence}.{clause}", doc_id=doc, sentence_index=sentence, clause_index=clause,
        start=0, end=len(text), claim_start=0, claim_end=len(text), sentence=text + ".", text=text,
        subject="", predicate="", object="", polarity=Polarity.POSITIVE, lemmas=keys(text),
        entities=tuple(e for e in ("fda", "botox") if e in text.lower()), worthiness=worthiness,
    )


def article(doc: str, *texts: str) -> list[Claim]:
    return [claim(t, doc, i) for i, t in enumerate(texts)]


def pairs_of(aligned: AlignmentSet, within: bool = False) -> dict[tuple[str, str], tuple[float, float, float]]:
    """{(claim id, claim id): (score, fuzz, overlap)} with each id pair in sorted order."""
    out = {}
    for p in aligned.within if within else aligned.across:
        ids = tuple(sorted((aligned.claims[p.i].id, aligned.claims[p.j].id)))
        assert ids not in out, f"pair {ids} appears twice"
        out[ids] = (p.score, p.fuzz, p.overlap)
    return out


# -- candidate pairs ---------------------------------------------------------------------------


def brute_force(keysets: list[frozenset[str]], min_shared: int) -> set[tuple[int, int]]:
    return {(i, j) for i, j in combinations(range(len(keysets)), 2) if len(keysets[i] & keysets[j]) >= min_shared}


def random_keysets(seed: int) -> list[frozenset[str]]:
    rng = random.Random(seed)
    vocab = [f"w{k}" for k in range(rng.randint(3, 15))]
    return [frozenset(rng.sample(vocab, rng.randint(0, min(6, len(vocab))))) for _ in range(rng.randint(0, 40))]


@pytest.mark.parametrize("min_shared", [1, 2, 3])
@pytest.mark.parametrize("seed", range(12))
def test_candidate_pairs_are_exactly_the_pairs_sharing_enough_keys(seed: int, min_shared: int) -> None:
    keysets = random_keysets(seed)
    got = candidate_pairs(keysets, min_shared=min_shared)
    assert got.ndim == 2 and got.shape[1] == 2
    found = [tuple(row) for row in got.tolist()]
    assert len(found) == len(set(found)), "a pair is listed twice"
    assert all(i < j for i, j in found)
    assert set(found) == brute_force(keysets, min_shared)
    in_blocks = _candidates(KeyIndex.build(keysets), min_shared, block=3)  # the row-block seams
    assert in_blocks.tolist() == got.tolist()


def test_candidate_pairs_default_is_two_shared_keys() -> None:
    keysets = [frozenset("ab"), frozenset("ac"), frozenset("abc"), frozenset("d"), frozenset("bc")]
    assert {tuple(r) for r in candidate_pairs(keysets).tolist()} == {(0, 2), (1, 2), (2, 4)}


@pytest.mark.parametrize("keysets", [[], [frozenset("ab")], [frozenset("ab"), frozenset("cd")], [frozenset(), frozenset()]])
def test_candidate_pairs_empty(keysets: list[frozenset[str]]) -> None:
    got = candidate_pairs(keysets)
    assert got.shape == (0, 2)
    assert np.issubdtype(got.dtype, np.integer)


@pytest.mark.parametrize("seed", range(8))
def test_key_index_counts_and_weighs_shared_keys(seed: int) -> None:
    """The array form of the claims' key sets answers what set intersection answers."""
    keysets = random_keysets(seed)
    index = KeyIndex.build(keysets)
    rng = random.Random(seed)
    weights = np.array([rng.random() for _ in range(index.size)])
    for claim, ks in enumerate(keysets):
        ids = index.ids[index.ptr[claim] : index.ptr[claim + 1]].tolist()
        assert ids == sorted(set(ids)) and len(ids) == len(ks)
    pairs = all_pairs(len(keysets))
    counts = index.shared(pairs, chunk=7)  # a small chunk: the chunk seams are exercised too
    weighed = index.shared(pairs, weights, chunk=7)
    for (i, j), count, weight in zip(pairs.tolist(), counts.tolist(), weighed.tolist()):
        assert count == len(keysets[i] & keysets[j])
        ids_i = set(index.ids[index.ptr[i] : index.ptr[i + 1]].tolist())
        ids_j = set(index.ids[index.ptr[j] : index.ptr[j + 1]].tolist())
        assert weight == pytest.approx(sum(weights[k] for k in ids_i & ids_j))


# -- align -------------------------------------------------------------------------------------

ARTICLE_A = article(
    "a",
    "Botox injections relieve chronic back pain",
    "The FDA approved Botox for back pain in 2015",
    "A Botox session costs about $500",
    "Botox injections can cause bruising at the injection site",
    "Vitamin D deficiency weakens bones",
    "Each Botox session costs around $500 in most clinics",
)
ARTICLE_B = article(
    "b",
    "Chronic back pain is relieved by Botox injections",
    "Botox was approved by the FDA for back pain in 2015",
    "Each Botox session costs around $500",
    "Many patients prefer Botox injections to back surgery",
    "Vitamin D supplements are sold in most pharmacies",
)
ARTICLE_C = article(
    "c",
    "The FDA has not approved Botox for chronic back pain",
    "A session of Botox costs about $50",
    "Patients report bruising after Botox injections",
)
CORPUS = ARTICLE_A + ARTICLE_B + ARTICLE_C


@pytest.mark.parametrize(
    "settings",
    [Settings(), Settings(min_alignment=0.0, align_cutoff=0.0), Settings(min_alignment=0.3, align_cutoff=30.0)],
    ids=["defaults", "everything", "loose"],
)
def test_blocking_and_all_pairs_give_the_same_alignments(settings: Settings) -> None:
    blocked = align(CORPUS, settings.with_options(blocking=True))
    unblocked = align(CORPUS, settings.with_options(blocking=False))
    assert pairs_of(blocked), "the corpus should produce alignments"
    assert pairs_of(blocked) == pairs_of(unblocked)
    assert pairs_of(blocked, within=True) == pairs_of(unblocked, within=True)


@pytest.mark.parametrize("blocking", [True, False])
def test_claims_of_one_sentence_are_never_paired(blocking: bool) -> None:
    text = "Botox injections relieve chronic back pain"
    claims = [claim(text, "a", 0, 0), claim(text, "a", 0, 1), claim(text, "a", 1, 0), claim(text, "b", 0, 0)]
    aligned = align(claims, Settings(blocking=blocking))
    ids = set(pairs_of(aligned)) | set(pairs_of(aligned, within=True))
    assert ("a:0.0", "a:0.1") not in ids
    # control: every other pair of these identical claims is aligned
    assert set(pairs_of(aligned, within=True)) == {("a:0.0", "a:1.0"), ("a:0.1", "a:1.0")}
    assert set(pairs_of(aligned)) == {("a:0.0", "b:0.0"), ("a:0.1", "b:0.0"), ("a:1.0", "b:0.0")}


@pytest.mark.parametrize("blocking", [True, False])
def test_pairs_inside_one_article_are_kept_apart_from_pairs_across(blocking: bool) -> None:
    aligned = align(CORPUS, Settings(blocking=blocking))
    for p in aligned.across:
        assert aligned.claims[p.i].doc_id != aligned.claims[p.j].doc_id
    for p in aligned.within:
        a, b = aligned.claims[p.i], aligned.claims[p.j]
        assert a.doc_id == b.doc_id and a.sentence_index != b.sentence_index
    assert ("a:2.0", "a:5.0") in pairs_of(aligned, within=True)  # the same price said twice in article a


@pytest.mark.parametrize(("min_worthiness", "paired"), [(0.25, False), (0.05, True)])
def test_claims_below_min_worthiness_are_ignored(min_worthiness: float, paired: bool) -> None:
    text = "Botox injections relieve chronic back pain"
    weak = claim(text, "a", 0, worthiness=0.1)
    strong = claim(text, "b", 0, worthiness=0.6)
    aligned = align([weak, strong], Settings(min_worthiness=min_worthiness))
    assert (weak in aligned.claims) is paired
    assert bool(aligned.across) is paired


PARAPHRASES = [
    ("a:0.0", "b:0.0"),  # relieve chronic back pain / chronic back pain is relieved
    ("a:1.0", "b:1.0"),  # FDA approved Botox / Botox was approved by the FDA
    ("a:2.0", "b:2.0"),  # a session costs about $500 / each session costs around $500
    ("a:3.0", "c:2.0"),  # injections can cause bruising / patients report bruising after injections
]
UNRELATED = [
    ("a:3.0", "b:3.0"),  # bruising at the injection site / patients prefer injections to surgery
    ("a:4.0", "b:4.0"),  # deficiency weakens bones / supplements sold in pharmacies
    ("a:2.0", "c:0.0"),  # the price of a session / the FDA has not approved it
    ("a:0.0", "c:1.0"),  # pain relief / the price of a session
]


@pytest.mark.parametrize("ids", PARAPHRASES)
def test_paraphrases_align(ids: tuple[str, str]) -> None:
    aligned = pairs_of(align(CORPUS, Settings()))
    assert ids in aligned
    assert aligned[ids][0] > Settings().min_alignment


@pytest.mark.parametrize("ids", UNRELATED)
def test_unrelated_claims_do_not_align(ids: tuple[str, str]) -> None:
    assert ids not in pairs_of(align(CORPUS, Settings()))


@pytest.mark.parametrize(
    ("a", "b", "aligned"),
    [
        ("Botox injections relieve chronic back pain", "Chronic back pain is relieved by Botox injections", True),
        ("Vitamin D is produced in the skin when it is exposed to sunlight", "The skin produces vitamin D when it is exposed to sunshine", True),
        ("Botox injections relieve chronic back pain", "Vitamin D is produced in the skin when it is exposed to sunlight", False),
        ("Vitamin D deficiency weakens bones", "Vitamin D supplements are sold in most pharmacies", False),
    ],
)
def test_pair_score_against_min_alignment(a: str, b: str, aligned: bool) -> None:
    score = pair_score(claim(a, "a", 0), claim(b, "b", 0))
    assert 0.0 <= score <= 1.0
    assert (score > Settings().min_alignment) is aligned


def test_alignment_scores_are_the_documented_formula() -> None:
    """The array scoring gives, pair by pair, what pair_score computes from sets with the corpus idf."""
    import math

    settings = Settings()
    aligned = align(CORPUS, settings)
    keysets = [frozenset(c.lemmas) for c in aligned.claims]
    df = {k: sum(k in ks for ks in keysets) for ks in keysets for k in ks}
    idf = {k: math.log(1.0 + len(keysets) / d) for k, d in df.items()}
    found = {(p.i, p.j): p for p in aligned.across + aligned.within}
    for i, j in combinations(range(len(aligned.claims)), 2):
        a, b = aligned.claims[i], aligned.claims[j]
        if len(keysets[i] & keysets[j]) < 2 or (a.doc_id == b.doc_id and a.sentence_index == b.sentence_index):
            continue
        expected = pair_score(a, b, idf)
        fz = SCORER(" ".join(a.lemmas), " ".join(b.lemmas), processor=None)
        if (i, j) in found:  # rapidfuzz scored in whole numbers (uint8): the same formula on that fuzz
            pair = found[i, j]
            assert pair.fuzz == pytest.approx(fz, abs=1)
            assert pair.score == pytest.approx(expected - 0.3 * (fz - pair.fuzz) / 100, abs=1e-4), (a.text, b.text)
        else:
            assert expected < settings.min_alignment + 0.01 or fz < settings.align_cutoff + 1, (a.text, b.text)
    assert found, "the corpus should produce alignments"


# -- pair-score cache ----------------------------------------------------------------------------


class CountingCpdist:
    """Wraps rapidfuzz's cpdist in claimcheck.align and counts the pairs it is asked to score."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import claimcheck.align as module

        self.pairs = 0
        real = module.process.cpdist

        def cpdist(a, b, **kwargs):
            self.pairs += len(a)
            return real(a, b, **kwargs)

        monkeypatch.setattr(module.process, "cpdist", cpdist)


def test_a_rerun_scores_only_the_new_pairs_and_aligns_the_same(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = CountingCpdist(monkeypatch)
    cached = Settings(cache_dir=tmp_path)
    before = ARTICLE_A + ARTICLE_B
    align(before, cached)
    first = counter.pairs
    assert first > 0
    counter.pairs = 0
    grown = align(CORPUS, cached)  # article c added
    fresh_pairs = counter.pairs
    assert pairs_of(grown) == pairs_of(align(CORPUS, Settings()))  # equal to a run without any cache
    assert pairs_of(grown, within=True) == pairs_of(align(CORPUS, Settings()), within=True)
    assert 0 < fresh_pairs < grown.candidates, "only the pairs with a claim of article c are scored"
    usable_c = sum(c.doc_id == "c" for c in grown.claims)
    assert fresh_pairs <= usable_c * (len(grown.claims) - 1)
    counter.pairs = 0
    assert pairs_of(align(CORPUS, cached)) == pairs_of(grown)
    assert counter.pairs == 0, "an unchanged corpus scores nothing again"


@pytest.mark.parametrize("damage", [b"", b"not a zip file", b"PK\x03\x04broken"])
def test_a_damaged_pair_cache_is_empty_not_fatal(tmp_path, damage: bytes, caplog: pytest.LogCaptureFixture) -> None:
    cached = Settings(cache_dir=tmp_path)
    expected = pairs_of(align(CORPUS, cached))
    (stored,) = (tmp_path / "pairs").glob("*.npz")
    stored.write_bytes(damage)
    assert pairs_of(align(CORPUS, cached)) == expected
    assert "ignoring unreadable pair cache" in caplog.text
    assert np.load(stored)["scores"].size > 0, "the file is written again"


def test_values_written_differently_share_a_key_and_raise_the_alignment() -> None:
    from claimcheck.align import value_keys
    from claimcheck.quantities import find_quantities

    def valued(text: str, doc: str) -> Claim:
        c = claim(text, doc, 0)
        return Claim(**{**c.__dict__, "quantities": tuple(f.quantity for f in find_quantities(text))})

    a = valued("Brightline estimated insured losses of $4.2 billion on Oct. 8", "a")
    b = valued("Brightline put insured losses at 4.2 billion dollars on 8 October", "b")
    shared = set(value_keys(a)) & set(value_keys(b))
    assert {"#money:4.2e+09", "@date:--10-08"} <= shared
    other = valued("Brightline put insured losses at 5.1 billion dollars on 9 October", "b")
    assert not set(value_keys(a)) & set(value_keys(other))
    assert pair_score(a, b) > pair_score(a, other)
    years = [valued(f"The painting sold for $2m in {year}", "a") for year in (2009, 2010)]
    assert "#date:2009" in value_keys(years[0]) and "#date:2009" not in value_keys(years[1])  # a year is exact


def test_frames_raise_one_statement_in_other_words_over_the_floor() -> None:
    import dataclasses

    import numpy as np

    from claimcheck.align import FRAME_BONUS, _frame_bonus, prepare
    from claimcheck.types import Argument, Frame, Predicate

    def framed(text: str, doc: str, lemma: str) -> Claim:
        prize = Argument("prize money", "money", ("prize", "money"))
        return dataclasses.replace(claim(text, doc, 0), frame=Frame(Predicate(lemma, lemma), patient=prize))

    a = framed("The winners collect prize money", "a", "collect")
    b = framed("Rovers will obtain prize money from the organisers", "b", "obtain")  # WordNet: obtain ~ get, not collect
    c = framed("Rovers will collect prize money from the organisers", "c", "collect")
    prep = prepare([a, b, c])
    pairs = np.array([[0, 1], [0, 2]])
    floor = 0.5
    raised = _frame_bonus(pairs, np.array([floor - 0.05, floor - 0.05]), prep, floor)
    assert raised[0] == floor - 0.05  # unrelated predicates, no shared value: left as it was
    assert raised[1] == floor - 0.05 + FRAME_BONUS  # the same predicate said of the same thing


def test_one_exact_figure_raises_a_paraphrase_over_the_floor() -> None:
    """"insured for $300m" / "insurance cover of 300 million dollars": one exact figure shared
    makes one statement of two wordings just below the floor; a year, a percentage or a count
    under ten that many statements share does not."""
    import numpy as np

    from claimcheck.align import FRAME_BONUS, _frame_bonus, prepare
    from claimcheck.quantities import find_quantities

    def valued(text: str, doc: str) -> Claim:
        c = claim(text, doc, 0)
        return Claim(**{**c.__dict__, "quantities": tuple(f.quantity for f in find_quantities(text))})

    pairs_of = [
        ("The satellite was insured for $300m", "The agency holds insurance cover of 300 million dollars", True),
        ("The break-in took place on Monday, Feb. 10", "The theft happened in the small hours of 10 February", True),
        ("Sales rose 5% in the quarter", "Prices climbed 5% over the year", False),
        ("The club signed three players", "The striker scored three goals", False),
        ("Output fell in the three months to December", "The economy grew over three months", False),  # a duration
    ]
    floor = 0.5
    for text_a, text_b, raised in pairs_of:
        prep = prepare([valued(text_a, "a"), valued(text_b, "b")])
        score = _frame_bonus(np.array([[0, 1]]), np.array([floor - 0.05]), prep, floor)[0]
        assert score == (floor - 0.05 + FRAME_BONUS if raised else floor - 0.05), (text_a, text_b)


def test_a_pair_the_fuzz_cutoff_prunes_is_kept_when_it_shares_an_exact_figure() -> None:
    """One statement in other words can fall under rapidfuzz's cutoff; an exact figure or day
    both give keeps it for scoring (a count under ten, a year or a percentage does not)."""
    import numpy as np

    from claimcheck.align import fuzz_pairs, prepare, score_pairs
    from claimcheck.quantities import find_quantities

    def valued(text: str, doc: str) -> Claim:
        c = claim(text, doc, 0)
        return Claim(**{**c.__dict__, "quantities": tuple(f.quantity for f in find_quantities(text))})

    settings = Settings()
    for text_b, kept in (("Lifeboat volunteers across the region now share £3.2m, its accounts show", True),
                         ("Lifeboat volunteers across the region now share 3 boats, its accounts show", False)):
        prep = prepare([valued("The charity handed grants worth 3.2 million pounds to its crews", "a"), valued(text_b, "b")])
        pairs = np.array([[0, 1]])
        assert fuzz_pairs(pairs, prep, settings)[0] == 0  # under the cutoff
        scored = score_pairs(pairs, prep, Settings(min_alignment=0.0))
        assert bool(scored) is kept, text_b
