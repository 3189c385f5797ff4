"""Speed of claimcheck's bundled English pipeline next to a blank tokenizer-only pipeline.

    python benchmarks/pipeline_speed.py [--text ud|bbc] [--limit N]

Runs each pipeline over the same text (UD EWT test sentences, or the first N BBC articles from
../shared/news-bbc) with nlp.pipe in this one process and prints words per second and the
pipeline's size on disk. The bundled pipeline is timed twice: as spaCy loads it by default (its
matrix products in BLIS) and as claimcheck loads it (through NumPy's BLAS).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import spacy
from thinc.api import use_ops

from claimcheck.nlp import BUNDLED_PIPELINE, load_pipeline

SHARED = Path(__file__).resolve().parents[2] / "shared"


def ud_texts() -> list[str]:
    lines = (SHARED / "ud" / "en_ewt-ud-test.conllu").read_text(encoding="utf-8").splitlines()
    return [line[len("# text = "):] for line in lines if line.startswith("# text = ")]


def bbc_texts(limit: int) -> list[str]:
    paths = sorted((SHARED / "news-bbc" / "bbc").glob("*/*.txt"))[:limit]
    return [p.read_text(encoding="utf-8") for p in paths]


def words_per_second(nlp, texts: list[str], repeat: int = 2) -> tuple[float, int]:
    words = sum(len(t.split()) for t in texts)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        best = min(best, time.perf_counter() - start)
    return words / best, words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", choices=["ud", "bbc"], default="ud")
    parser.add_argument("--limit", type=int, default=200, help="BBC articles to use")
    args = parser.parse_args(argv)
    texts = ud_texts() if args.text == "ud" else bbc_texts(args.limit)
    size = sum(p.stat().st_size for p in BUNDLED_PIPELINE.rglob("*") if p.is_file())
    with use_ops("numpy", use_blis=False):  # as claimcheck loads it: matrix products through NumPy's BLAS
        numpy_blas = spacy.load(BUNDLED_PIPELINE)
    rows = [
        ("blank tokenizer only", spacy.blank("en")),
        ("en_claimcheck_ud, spaCy's default ops (BLIS)", spacy.load(BUNDLED_PIPELINE)),
        ("en_claimcheck_ud, NumPy's BLAS (as claimcheck loads it)", numpy_blas),
        ("claimcheck pipeline (+ sentence hints, entity patterns, claims)", load_pipeline(None)),
    ]
    print(f"text: {args.text}, {len(texts)} texts; bundled pipeline size {size / 1e6:.1f} MB")
    for name, nlp in rows:
        wps, words = words_per_second(nlp, texts)
        print(f"{name:<66} {wps:>10,.0f} words/s  ({words:,} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
