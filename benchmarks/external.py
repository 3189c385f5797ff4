"""Flag precision and alignment on text nobody here wrote: MultiNLI (matched dev) and MSRP.

    python benchmarks/external.py mnli [--limit N] [--model NAME]
    python benchmarks/external.py msrp [--limit N] [--model NAME]

mnli: each premise/hypothesis pair becomes two one-sentence articles. Prints, per gold label, how
often claimcheck flags the pair, and the flags' precision (flagged contradictions / all flags).
MultiNLI contradictions are mostly world knowledge, so recall is expected to be low: the number
that matters for users is how rarely an entailment or a neutral pair gets flagged.
msrp: how often a paraphrase pair (label 1) is aligned, and how often a non-paraphrase is; how
often a paraphrase pair is flagged (it never should be).
Reads ../shared/data; prints a table; never copies the data anywhere.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from claimcheck.align import align
from claimcheck.corpus import article_from_text
from claimcheck.errors import ArticleError
from claimcheck.extract import extract_claims
from claimcheck.nlp import load_pipeline, pipeline_id
from claimcheck.pipeline import check
from claimcheck.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _rows(path: Path, limit: int | None) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return rows[:limit] if limit else rows


def _claims(pairs: list[tuple[str, str]], settings: Settings):
    nlp = load_pipeline(settings.model)
    articles = []
    unreadable = 0
    for n, (a, b) in enumerate(pairs):
        try:
            articles.extend((article_from_text(f"a{n}", a), article_from_text(f"b{n}", b)))
        except ArticleError:
            unreadable += 1  # a sentence the corpus loader reads as boilerplate: the pair gives no claims
    if unreadable:
        print(f"{unreadable} pairs with a side read as boilerplate (scored as unflagged, unaligned)")
    start = time.perf_counter()
    claims = defaultdict(list, extract_claims(articles, nlp, batch_size=256))
    return claims, time.perf_counter() - start, pipeline_id(nlp)


def mnli(limit: int | None, settings: Settings, show: int) -> None:
    rows = _rows(DATA / "mnli-dev" / "mnli_dev_matched.csv", limit)
    claims, seconds, name = _claims([(r["premise"], r["hypothesis"]) for r in rows], settings)
    flagged: Counter[str] = Counter()
    totals: Counter[str] = Counter(r["label"] for r in rows)
    kinds: Counter[str] = Counter()
    examples = []
    for n, row in enumerate(rows):
        pair_claims = claims[f"a{n}"] + claims[f"b{n}"]
        flags, _ = check(pair_claims, align(pair_claims, settings), settings)
        cross = [f for f in flags if f.doc_a != f.doc_b]
        if cross:
            flagged[row["label"]] += 1
            kinds.update(f.kind.value for f in cross)
            if row["label"] != "contradiction" and len(examples) < show:
                examples.append(f"  [{row['label']}] {cross[0].kind.value}: {row['premise'][:90]!r} / {row['hypothesis'][:90]!r}")
    all_flags = sum(flagged.values())
    print(f"MultiNLI matched dev, {len(rows)} pairs, pipeline {name}, extraction {seconds:.1f} s")
    print(f"{'label':<15}{'pairs':>7}{'flagged':>9}{'rate':>8}")
    for label in ("contradiction", "neutral", "entailment"):
        print(f"{label:<15}{totals[label]:>7}{flagged[label]:>9}{flagged[label] / max(totals[label], 1):>8.3f}")
    precision = flagged["contradiction"] / all_flags if all_flags else 1.0
    print(f"flag precision (flagged contradictions / flagged pairs): {precision:.3f}")
    print("flag kinds:", dict(kinds.most_common()))
    for line in examples:
        print(line)


def msrp(limit: int | None, settings: Settings, show: int = 0) -> None:
    rows = _rows(DATA / "msrp" / "msrp_test.csv", limit)
    claims, seconds, name = _claims([(r["s1"], r["s2"]) for r in rows], settings)
    aligned: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    totals: Counter[str] = Counter(r["label"] for r in rows)
    examples: list[str] = []
    for n, row in enumerate(rows):
        pair_claims = claims[f"a{n}"] + claims[f"b{n}"]
        pairs = align(pair_claims, settings)
        if pairs.across:
            aligned[row["label"]] += 1
        flags, _ = check(pair_claims, pairs, settings)
        cross = [f for f in flags if f.doc_a != f.doc_b]
        if cross:
            flagged[row["label"]] += 1
            if row["label"] == "1" and len(examples) < show:
                examples.append(f"  {cross[0].kind.value}: {cross[0].explanation[:160]}")
    print(f"MSRP test, {len(rows)} pairs, pipeline {name}, extraction {seconds:.1f} s")
    print(f"paraphrases aligned:     {aligned['1']}/{totals['1']} = {aligned['1'] / max(totals['1'], 1):.3f}")
    print(f"non-paraphrases aligned: {aligned['0']}/{totals['0']} = {aligned['0'] / max(totals['0'], 1):.3f}")
    print(f"paraphrases flagged:     {flagged['1']}/{totals['1']} = {flagged['1'] / max(totals['1'], 1):.3f}")
    for line in examples:
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", choices=["mnli", "msrp"])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--model", default=None)
    parser.add_argument("--show", type=int, default=0, help="print this many false flags (flagged non-contradictions, flagged paraphrases)")
    parser.add_argument("--verifier", choices=("on", "off"), default="off", help="the learned verifier (default off, as in compare)")
    args = parser.parse_args(argv)
    settings = Settings(model=args.model, verifier=args.verifier == "on")
    if args.dataset == "mnli":
        mnli(args.limit, settings, args.show)
    else:
        msrp(args.limit, settings, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
