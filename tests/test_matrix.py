"""The claim matrix: clusters of the same statement across articles, and each article's stance."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from claimcheck.corpus import load_corpus
from claimcheck.pipeline import run
from claimcheck.report import MATRIX_COLUMNS, matrix_frame, read_report_data, write_reports
from claimcheck.settings import Settings
from claimcheck.types import Alignment, Article, Claim, Flag, FlagKind, Polarity, Relation, Result, Severity

ROOT = Path(__file__).resolve().parents[1]
CLINIC_NOTES = ROOT.parent / "shared" / "bench" / "botox_b_rewrite" / "botox_pain_clinic_notes.txt"
A, B, C, D = "a", "b", "c", "d"


def claim(doc_id: str, index: int, text: str = "", **fields) -> Claim:
    text = text or f"{doc_id} sentence {index}."
    values = dict(
        id=f"{doc_id}:{index}.0", doc_id=doc_id, sentence_index=index, clause_index=0, start=0, end=len(text),
        claim_start=0, claim_end=len(text), sentence=text, text=text, subject="", predicate="", object="",
        polarity=Polarity.POSITIVE, worthiness=0.5,
    )  # fmt: skip
    values.update(fields)
    return Claim(**values)


def link(a: Claim, b: Claim, score: float = 0.8, relation: Relation = Relation.AGREE) -> Alignment:
    return Alignment(a.id, b.id, a.doc_id, b.doc_id, a.sentence, b.sentence, a.text, b.text, score, score * 100,
                     score, relation)  # fmt: skip


def conflict(a: Claim, b: Claim, kind: FlagKind = FlagKind.NEGATION, severity: Severity = Severity.HIGH) -> Flag:
    return Flag(kind, severity, 0.7, a.doc_id, a.sentence, b.doc_id, b.sentence, "conflict", a.id, b.id)


def result(claims, alignments=(), flags=(), docs=(A, B, C)) -> Result:
    articles = tuple(Article(d, f"{d}.txt", d.upper(), "", ()) for d in docs)
    return Result(articles, tuple(claims), tuple(alignments), tuple(flags))


def rows(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict("records")


def cells(row: dict, docs=(A, B, C)) -> list[str]:
    return [row[d] for d in docs]


# -- stances ---------------------------------------------------------------------------------------


def test_minority_contradicts_majority_supports():
    a, b, c = claim(A, 0, "Not approved."), claim(B, 0, "Not yet approved."), claim(C, 0, "Approved in 2015.")
    frame = matrix_frame(
        result(
            [a, b, c],
            [link(a, b), link(a, c, 0.7, Relation.CONTRADICT), link(b, c, 0.7, Relation.CONTRADICT)],
            [conflict(a, c), conflict(b, c)],
        )
    )
    (row,) = rows(frame)
    assert cells(row) == ["supports", "supports", "contradicts"]
    assert (row["articles"], row["contradicting"], row["kinds"]) == (3, 1, "negation")
    assert row["statement"] in {"Not approved.", "Not yet approved."}  # from the supporting side
    assert row["claim_ids"] == "a:0.0; b:0.0; c:0.0"


def test_agreement_propagates_sides():
    """c conflicts with a only; b agrees with a, so b sides with a and c is the minority."""
    a, b, c = claim(A, 0), claim(B, 0), claim(C, 0)
    frame = matrix_frame(result([a, b, c], [link(a, b), link(b, c, 0.65, Relation.RELATED), link(a, c, 0.7, Relation.CONTRADICT)], [conflict(a, c)]))
    assert cells(rows(frame)[0]) == ["supports", "supports", "contradicts"]


def test_tie_both_sides_contradict_and_others_are_silent():
    a, b = claim(A, 0), claim(B, 0)
    frame = matrix_frame(result([a, b], [link(a, b, 0.6, Relation.CONTRADICT)], [conflict(a, b)]))
    (row,) = rows(frame)
    assert cells(row) == ["contradicts", "contradicts", "silent"]
    assert (row["articles"], row["contradicting"]) == (2, 2)


def test_three_different_figures_all_contradict():
    a, b, c = claim(A, 0, "$500."), claim(B, 0, "$600."), claim(C, 0, "$700.")
    pairs = [(a, b), (b, c), (a, c)]
    frame = matrix_frame(
        result([a, b, c], [link(x, y, 0.9, Relation.CONTRADICT) for x, y in pairs], [conflict(x, y, FlagKind.NUMERIC) for x, y in pairs])
    )
    assert cells(rows(frame)[0]) == ["contradicts"] * 3


def test_agreeing_cluster_supports():
    a, b = claim(A, 0), claim(B, 0)
    (row,) = rows(matrix_frame(result([a, b], [link(a, b, 0.9)])))
    assert cells(row) == ["supports", "supports", "silent"]
    assert (row["contradicting"], row["kinds"]) == (0, "")


# -- clustering ------------------------------------------------------------------------------------


def test_related_alignments_do_not_cluster():
    a, b = claim(A, 0), claim(B, 0)
    assert matrix_frame(result([a, b], [link(a, b, 0.55, Relation.RELATED)])).empty


def test_one_claim_per_article():
    a1, a2, b = claim(A, 0), claim(A, 1), claim(B, 0)
    (row,) = rows(matrix_frame(result([a1, a2, b], [link(a1, b, 0.9), link(a2, b, 0.8)])))
    assert row["claim_ids"] == "a:0.0; b:0.0"


def test_a_single_weak_link_does_not_chain_clusters():
    """{a, b, c} all agree; d agrees with c only: 1 of 3 pairs linked, so d stays out."""
    a, b, c, d = claim(A, 0), claim(B, 0), claim(C, 0), claim(D, 0)
    frame = matrix_frame(result([a, b, c, d], [link(a, b), link(b, c), link(a, c), link(c, d, 0.7)], docs=(A, B, C, D)))
    (row,) = rows(frame)
    assert cells(row, (A, B, C, D)) == ["supports", "supports", "supports", "silent"]


def test_a_chain_of_two_links_over_three_articles_is_one_cluster():
    a, b, c = claim(A, 0), claim(B, 0), claim(C, 0)
    (row,) = rows(matrix_frame(result([a, b, c], [link(a, b, 0.9), link(b, c, 0.8)])))
    assert row["articles"] == 3


def test_flags_inside_one_article_are_ignored():
    a1, a2, b = claim(A, 0), claim(A, 1), claim(B, 0)
    flags = [Flag(FlagKind.SELF_CONTRADICTION, Severity.HIGH, 0.9, A, a1.sentence, A, a2.sentence, "x", a1.id, a2.id)]
    (row,) = rows(matrix_frame(result([a1, a2, b], [link(a1, b)], flags)))
    assert cells(row) == ["supports", "supports", "silent"]


def test_sorted_by_disagreement_then_severity():
    a = [claim(A, i) for i in range(3)]
    b = [claim(B, i) for i in range(3)]
    c = [claim(C, i) for i in range(3)]
    alignments = [link(a[0], b[0], 0.9)]  # agreeing cluster, first in the text
    alignments += [link(a[1], b[1], 0.7, Relation.CONTRADICT)]  # a tie (2 contradicting), low severity
    alignments += [link(a[2], c[2], 0.7, Relation.CONTRADICT), link(b[2], c[2], 0.7, Relation.CONTRADICT), link(a[2], b[2])]
    flags = [conflict(a[1], b[1], FlagKind.NUMERIC, Severity.LOW), conflict(a[2], c[2]), conflict(b[2], c[2])]
    frame = matrix_frame(result([*a, *b, *c], alignments, flags))
    assert frame["contradicting"].tolist() == [2, 1, 0]
    assert frame["cluster_id"].tolist() == ["C1", "C2", "C3"]


def test_claim_type_is_the_most_common_one():
    a = claim(A, 0, claim_type="cost")
    b = claim(B, 0, claim_type="cost")
    c = claim(C, 0, claim_type="other")
    (row,) = rows(matrix_frame(result([a, b, c], [link(a, b), link(b, c), link(a, c)])))
    assert row["claim_type"] == "cost"


def test_columns_and_article_named_like_a_column():
    a, b = claim("statement", 0), claim(B, 0)
    frame = matrix_frame(result([a, b], [link(a, b)], docs=("statement", B)))
    assert list(frame.columns) == MATRIX_COLUMNS + ["article:statement", B]


def test_empty_result():
    frame = matrix_frame(result([], docs=(A, B)))
    assert list(frame.columns) == MATRIX_COLUMNS + [A, B] and frame.empty


def test_matrix_csv_round_trip(tmp_path):
    a, b, c = claim(A, 0), claim(B, 0), claim(C, 0)
    res = result([a, b, c], [link(a, b), link(b, c, 0.7, Relation.CONTRADICT)], [conflict(b, c)])
    write_reports(res, tmp_path)
    back = pd.read_csv(tmp_path / "matrix.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(back, matrix_frame(res).astype(str))
    pd.testing.assert_frame_equal(read_report_data(tmp_path).matrix, matrix_frame(res))


# -- acceptance: the seed articles and the clinic notes, default pipeline ---------------------------

# (words of each article's sentence, expected cell); 000 = the first seed, 004 = the second.
SEED_A, SEED_B, NOTES = "000_0d35b78c362f2a7e", "004_e2ec1ee79ab20de1", "botox_pain_clinic_notes"
EXPECTED = {
    "cost": {SEED_B: ("more costly than painkillers", "supports"), NOTES: ("costs more than painkillers", "supports")},
    "fda approval": {
        SEED_A: ("FDA does not approve", "supports"),
        SEED_B: ("has not yet approved", "supports"),
        NOTES: ("approved Botox as a painkiller in 2015", "contradicts"),
    },
    "evidence": {
        SEED_A: ("Very few studies", "supports"),
        SEED_B: ("small amount of studies", "supports"),
        NOTES: ("Dozens of large trials", "contradicts"),
    },
    "side effects": {
        SEED_A: ("no side effects", "supports"),
        SEED_B: ("not associated with the side effects", "supports"),
        NOTES: ("associated with the same side effects", "contradicts"),
    },
}


@pytest.fixture(scope="module")
def three_articles(tmp_path_factory):
    if not CLINIC_NOTES.is_file():
        pytest.skip(f"bench article not found at {CLINIC_NOTES}")
    corpus = tmp_path_factory.mktemp("corpus")
    for path in [*sorted((ROOT / "corpus").glob("*.txt")), CLINIC_NOTES]:
        (corpus / path.name).write_bytes(path.read_bytes())
    settings = Settings()
    res = run(load_corpus(corpus, settings), settings)
    out = tmp_path_factory.mktemp("reports")
    write_reports(res, out)
    return res, pd.read_csv(out / "matrix.csv", dtype=str, keep_default_na=False)


def _cluster_of(res: Result, matrix: pd.DataFrame, doc_id: str, words: str) -> dict | None:
    sentences = {c.id: c.sentence for c in res.claims}
    for row in matrix.to_dict("records"):
        for claim_id in row["claim_ids"].split("; "):
            if claim_id.startswith(f"{doc_id}:") and words in sentences.get(claim_id, ""):
                return row
    return None


@pytest.mark.parametrize("topic", list(EXPECTED))
def test_three_article_matrix(three_articles, topic):
    res, matrix = three_articles
    expected = EXPECTED[topic]
    anchor_doc, (anchor_words, _) = NOTES, expected[NOTES]  # the clinic notes' claim is in every cluster
    row = _cluster_of(res, matrix, anchor_doc, anchor_words)
    assert row is not None, f"[{res.pipeline}] no cluster holds {anchor_doc}'s sentence with {anchor_words!r}"
    sentences = {c.id: c.sentence for c in res.claims}
    members = {cid.split(":")[0]: sentences.get(cid, "") for cid in row["claim_ids"].split("; ")}
    for doc_id, (words, stance) in expected.items():
        assert words in members.get(doc_id, ""), f"[{res.pipeline}] {topic}: {doc_id}'s {words!r} is not in {row['claim_ids']}"
        assert row[doc_id] == stance, f"[{res.pipeline}] {topic}: {doc_id} is {row[doc_id]}, expected {stance}; {row}"
    assert int(row["contradicting"]) == sum(s == "contradicts" for _, s in expected.values())
