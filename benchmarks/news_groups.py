"""Flags on real news: groups of BBC articles about the same story, compared, flags written for reading by hand.

    python benchmarks/news_groups.py --out /tmp/news_flags.csv            # default: 0.35 cosine, 80 groups
    python benchmarks/news_groups.py --threshold 0.4 --groups 40 --out /tmp/flags.csv

Articles of ../shared/news-bbc (2,225 stories, 2004-2005) are grouped by TF-IDF cosine of title and
text (the title counted three times): each article joins its nearest neighbours above the threshold,
byte-identical copies (duplicates.csv) left out. Each group is compared as a corpus of its own; every
flag between two articles (and inside one) is written to --out with both sentences, for a person to
judge. The BBC text stays where it is: write --out outside the repository.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

from claimcheck.corpus import article_from_text
from claimcheck.errors import ArticleError
from claimcheck.pipeline import run
from claimcheck.settings import Settings

BBC = Path(__file__).resolve().parents[2] / "shared" / "news-bbc"


def _articles(root: Path) -> dict[str, str]:
    copies = set()
    dup = root / "duplicates.csv"
    if dup.is_file():
        with dup.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                copies.update(row["paths"].split()[1:])  # keep the first of each identical group
    texts = {}
    for path in sorted(root.glob("bbc/*/*.txt")):
        rel = path.relative_to(root).as_posix()
        if rel not in copies:
            texts[rel] = path.read_text(encoding="latin-1")
    return texts


def _tfidf(texts: list[str]) -> sparse.csr_matrix:
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, text in enumerate(texts):
        title, _, body = text.partition("\n")
        words = re.findall(r"[a-z][a-z'-]+", ((title + " ") * 3 + body).lower())
        counts = Counter(w for w in words if w not in STOP_WORDS and len(w) > 2)
        for word, n in counts.items():
            rows.append(i)
            cols.append(vocab.setdefault(word, len(vocab)))
            vals.append(1.0 + np.log(n))
    tf = sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(vocab)))
    df = np.bincount(tf.indices, minlength=len(vocab))
    weighted = tf @ sparse.diags(np.log(len(texts) / df))
    norms = np.sqrt(weighted.multiply(weighted).sum(axis=1)).A1
    return sparse.diags(1 / np.maximum(norms, 1e-12)) @ weighted


def story_groups(texts: dict[str, str], threshold: float, max_size: int = 4) -> list[list[str]]:
    """Groups of articles about one story: connected pairs above the cosine threshold, largest pairs
    first, no group above max_size articles."""
    names = list(texts)
    vectors = _tfidf([texts[n] for n in names])
    sims = (vectors @ vectors.T).tocoo()
    pairs = sorted(((s, i, j) for i, j, s in zip(sims.row, sims.col, sims.data) if i < j and s >= threshold), reverse=True)
    group_of: dict[int, list[int]] = {}
    for _, i, j in pairs:
        gi, gj = group_of.get(i), group_of.get(j)
        if gi is None and gj is None:
            group_of[i] = group_of[j] = [i, j]
        elif gi is not None and gj is None and len(gi) < max_size:
            gi.append(j)
            group_of[j] = gi
        elif gj is not None and gi is None and len(gj) < max_size:
            gj.append(i)
            group_of[i] = gj
    unique = {id(g): g for g in group_of.values()}
    return [[names[k] for k in sorted(g)] for g in unique.values()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bbc", type=Path, default=BBC)
    parser.add_argument("--threshold", type=float, default=0.35)
    parser.add_argument("--groups", type=int, default=80, help="compare at most this many groups (most similar first)")
    parser.add_argument("--out", type=Path, required=True, help="CSV of flags to read (keep it outside the repository)")
    parser.add_argument("--verifier", choices=("on", "off"), default="off", help="the learned verifier (default off, as in compare)")
    args = parser.parse_args(argv)
    texts = _articles(args.bbc)
    groups = story_groups(texts, args.threshold)[: args.groups]
    settings = Settings(verifier=args.verifier == "on")
    start = time.perf_counter()
    written = 0
    kinds: Counter[str] = Counter()
    with args.out.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["group", "kind", "doc_a", "sentence_a", "doc_b", "sentence_b", "explanation", "verdict", "cause"])
        for n, group in enumerate(groups):
            try:
                articles = [article_from_text(name.replace("/", "_").removesuffix(".txt"), texts[name]) for name in group]
            except ArticleError:
                continue
            for flag in run(articles, settings).flags:
                out.writerow([n, flag.kind.value, flag.doc_a, flag.sentence_a, flag.doc_b, flag.sentence_b, flag.explanation, "", ""])
                kinds[flag.kind.value] += 1
                written += 1
    print(f"{len(groups)} story groups ({sum(map(len, groups))} articles) compared in {time.perf_counter() - start:.1f} s: "
          f"{written} flags -> {args.out}")
    print("kinds:", dict(kinds.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
