"""Flags on real news: group BBC articles about the same story, compare each group, list the flags.

    python benchmarks/news_groups.py [--groups N] [--sample 50] [--out /tmp/news_flags.csv]

Reads ../shared/news-bbc (copyrighted: the articles and their sentences stay outside the repository;
the flags file goes to --out, by default in the temporary folder). Articles are grouped by the
cosine similarity of their TF-IDF word vectors (title words count twice) within one category;
byte-identical copies (duplicates.csv) are left out. Each group is compared as one corpus and every
flag is written with an empty ``verdict`` column, a seeded sample of ``--sample`` flags first, for a
person to read and mark ``ok`` or the cause of the false flag. Prints groups, articles and flags by kind.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from claimcheck.corpus import load_corpus
from claimcheck.pipeline import run
from claimcheck.settings import Settings

NEWS = Path(__file__).resolve().parents[2] / "shared" / "news-bbc"
_WORD = re.compile(r"[a-z][a-z'-]{2,}")
_STOP = frozenset(
    "the and for that with was were are has have had but not its his her their they this from will would said "
    "been also which who when what into more than over about after could there other some only just year years "
    "new one two three first last mr mrs ms can all out may had our you she him them being most such".split()
)


def _articles() -> list[tuple[str, str, Path, str]]:
    """(id, category, path, title) of every article that is not an extra byte-identical copy."""
    extra: set[str] = set()
    with (NEWS / "duplicates.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            extra.update(row["paths"].split()[1:])
    with (NEWS / "manifest.csv").open(newline="", encoding="utf-8") as fh:
        return [(r["id"], r["category"], NEWS / r["path"], r["title"]) for r in csv.DictReader(fh) if r["path"] not in extra]


def _vectors(texts: list[str]) -> csr_matrix:
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, text in enumerate(texts):
        counts = Counter(w for w in _WORD.findall(text.lower()) if w not in _STOP)
        for word, n in counts.items():
            rows.append(i)
            cols.append(vocab.setdefault(word, len(vocab)))
            vals.append(1.0 + np.log(n))
    m = csr_matrix((vals, (rows, cols)), shape=(len(texts), len(vocab)))
    df = np.bincount(m.indices, minlength=len(vocab))
    m = m.multiply(np.log(len(texts) / df)).tocsr()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    return csr_matrix(m.multiply(1 / np.maximum(norms, 1e-9)[:, None]))


def story_groups(min_cosine: float, max_size: int = 4) -> list[list[tuple[str, Path, str]]]:
    """Groups of articles about one story: pairs above ``min_cosine`` joined greedily, best first."""
    arts = _articles()
    texts = []
    for _, _, path, title in arts:
        texts.append(f"{title} {title} {path.read_text(encoding='utf-8', errors='replace')}")
    sims = (_vectors(texts) @ _vectors(texts).T).tocoo()
    pairs = sorted(
        ((v, i, j) for i, j, v in zip(sims.row, sims.col, sims.data) if i < j and v >= min_cosine and arts[i][1] == arts[j][1]),
        reverse=True,
    )
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
    unique = {id(g): g for g in group_of.values()}.values()
    return [[(arts[k][0], arts[k][2], arts[k][3]) for k in sorted(g)] for g in unique]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=0, help="how many story groups to compare (0: all)")
    parser.add_argument("--min-cosine", type=float, default=0.45, help="TF-IDF cosine that joins two articles")
    parser.add_argument("--sample", type=int, default=50, help="flags put first, in random order, for reading")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "news_flags.csv")
    parser.add_argument("--verifier", choices=("on", "off"), default=None, help="default: the settings' default")
    args = parser.parse_args(argv)
    settings = Settings(jobs=1)
    if args.verifier is not None and hasattr(settings, "verifier"):
        settings = settings.with_options(verifier=args.verifier == "on")
    groups = story_groups(args.min_cosine)
    random.Random(args.seed).shuffle(groups)
    groups = groups[: args.groups] if args.groups else groups
    rows = []
    for n, group in enumerate(groups):
        with tempfile.TemporaryDirectory() as tmp:
            for art_id, path, _ in group:
                (Path(tmp) / f"{art_id}.txt").write_bytes(path.read_bytes())
            result = run(load_corpus(Path(tmp), settings), settings)
        titles = {art_id: title for art_id, _, title in group}
        for f in result.flags:
            rows.append({
                "group": n, "kind": f.kind.value, "confidence": f"{getattr(f, 'confidence', 1.0):.2f}",
                "doc_a": f.doc_a, "title_a": titles.get(f.doc_a, ""), "sentence_a": f.sentence_a,
                "doc_b": f.doc_b, "title_b": titles.get(f.doc_b, ""), "sentence_b": f.sentence_b,
                "explanation": f.explanation, "verdict": "",
            })
    random.Random(args.seed).shuffle(rows)
    fields = ["group", "kind", "confidence", "doc_a", "title_a", "sentence_a", "doc_b", "title_b", "sentence_b", "explanation", "verdict"]
    with args.out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    articles = sum(len(g) for g in groups)
    kinds = Counter(r["kind"] for r in rows)
    print(f"{len(groups)} story groups, {articles} articles, {len(rows)} flags -> {args.out}")
    for kind, count in kinds.most_common():
        print(f"  {kind:<20} {count}")
    print(f"read the first {min(args.sample, len(rows))} rows and fill in 'verdict' (ok, or the cause of a false flag)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
