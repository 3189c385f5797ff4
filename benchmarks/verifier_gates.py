"""How the verifier's thresholds act on compare's candidate pairs of the public benchmark.

    python benchmarks/verifier_gates.py [--bench ../shared/bench]

For every set, runs the rules (verifier off), then scores every candidate pair the verifier would
read (aligned pairs across articles, and inside one) in both directions, and matches each pair to
the gold rows (contradiction, agree) and traps. Prints, for a grid of thresholds, how many gold
contradictions a verifier-only flag would add and how many false flags it would raise (on agree
pairs, traps and unlisted pairs), and how many rule flags a drop threshold would remove (right and
wrong ones). Used to choose the thresholds shipped in the model's config.json; never run on
MultiNLI dev.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from claimcheck.align import align
from claimcheck.contradict import find_flags
from claimcheck.corpus import load_corpus
from claimcheck.evaluate import pair_matches, read_gold, read_traps
from claimcheck.extract import extract_corpus
from claimcheck.settings import Settings
from claimcheck.verify.judge import BLIND_KINDS, sentence_key, reading
from claimcheck.verify.runtime import CONTRADICTION, ENTAILMENT
from claimcheck.verify.scoring import score_pairs

DEFAULT_BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"


def _label(rows, doc_a: str, sent_a: str, doc_b: str, sent_b: str) -> str:
    """The label of the gold or trap row naming this pair of sentences, else ""."""
    return next((row.label for row in rows if row.text_b and pair_matches(row, doc_a, sent_a, doc_b, sent_b)), "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    args = parser.parse_args(argv)
    settings = Settings(verifier=False)
    records = []  # (set, label, p_contra, p_entail, open to a verifier flag, rule_kind)
    for folder in sorted(p for p in args.bench.iterdir() if (p / "gold.csv").is_file()):
        rows = [*read_gold(folder / "gold.csv"), *(replace(t, label="trap") for t in read_traps(folder / "traps.csv"))]
        corpus = load_corpus(folder, settings)
        by_doc, _ = extract_corpus(corpus.articles, settings)
        claims = tuple(c for a in corpus.articles for c in by_doc[a.id])
        aligned = align(claims, settings)
        flags, alignments = find_flags(claims, aligned, settings)
        index, candidates = reading(aligned, flags, alignments, settings)  # exactly what compare reads
        if not index:
            continue
        where = {sentence_key(f.sentence_a, f.sentence_b): (f.doc_a, f.sentence_a, f.doc_b, f.sentence_b) for f in flags if f.sentence_b}
        where |= {sentence_key(al.sentence_a, al.sentence_b): (al.doc_a, al.sentence_a, al.doc_b, al.sentence_b) for al in alignments}
        open_to_flag = set()
        for pair, _inside in candidates:
            a, b = aligned.claims[pair.i], aligned.claims[pair.j]
            key = sentence_key(a.sentence, b.sentence)
            where.setdefault(key, (a.doc_id, a.sentence, b.doc_id, b.sentence))
            open_to_flag.add(key)
        rule = {sentence_key(f.sentence_a, f.sentence_b): f.kind for f in flags if f.sentence_b}
        texts = list(index)
        probs = score_pairs([t[0] for t in texts], [t[1] for t in texts], Settings(verifier=True), both_directions=True)
        for key, p in zip(texts, probs):
            records.append((folder.name, _label(rows, *where[key]), float(p[:, CONTRADICTION].mean()), float(p[:, ENTAILMENT].max()),
                            key in open_to_flag, rule.get(key)))
    contra = lambda lab: lab not in ("", "agree", "trap")  # noqa: E731
    print(f"{len(records)} candidate pairs; gold contradictions among them: {sum(contra(r[1]) for r in records)}; "
          f"agree: {sum(r[1] == 'agree' for r in records)}; traps: {sum(r[1] == 'trap' for r in records)}")
    print("\nverifier-only flags (pairs with no rule flag that compare reads for a flag of the verifier's own):")
    print(f"{'P(contra) >=':>13} {'gold added':>10} {'agree':>6} {'trap':>5} {'unlisted':>9}")
    for t in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99):
        hit = [r for r in records if r[5] is None and r[4] and r[2] >= t]
        print(f"{t:>13} {sum(contra(r[1]) for r in hit):>10} {sum(r[1] == 'agree' for r in hit):>6} "
              f"{sum(r[1] == 'trap' for r in hit):>5} {sum(r[1] == '' for r in hit):>9}")
    print("\nrule flags dropped (P(entailment) in one direction at least):")
    print(f"{'P(entail) >=':>13} {'right dropped':>13} {'wrong dropped':>13}")
    ruled = [r for r in records if r[5] is not None and r[5] not in BLIND_KINDS]
    for t in (0.5, 0.7, 0.8, 0.9, 0.95, 0.99):
        drop = [r for r in ruled if r[3] >= t]
        print(f"{t:>13} {sum(contra(r[1]) for r in drop):>13} {sum(not contra(r[1]) for r in drop):>13}")
    agree = [r for r in records if r[1] == "agree"]
    if agree:
        ent = np.array([r[3] for r in agree])
        print(f"\naligned agree pairs entailed (max direction >= 0.5): {int((ent >= 0.5).sum())}/{len(agree)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
