"""Peak memory and time of claimcheck on oversized input: one huge article, and many tiny ones.

    python benchmarks/memory.py [--big-mb 50] [--tiny 10000] [--model fallback] [--cases NAME,...]

Generates the data in a temporary folder (deleted afterwards; nothing is written to the repo),
then runs each case in a fresh subprocess and reads that process's peak resident memory with
``resource.getrusage(RUSAGE_SELF).ru_maxrss`` at the end, so one case's memory never counts
towards another's. Cases:

* ``baseline``: import claimcheck and load the spaCy pipeline, nothing else;
* ``load-big`` / ``compare-big``: one generated article of ``--big-mb`` MB (varied prose in
  paragraphs under headings), read with ``max_bytes`` raised above its size; compare = load, run
  the pipeline and write the reports;
* ``load-tiny`` / ``compare-tiny``: ``--tiny`` articles of one short paragraph each.

The claim cache is off (every article is extracted) and ``jobs=1``. Prints a table of wall time,
peak RSS and what was produced. Unix only (``resource``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASES = ("baseline", "load-big", "compare-big", "load-tiny", "compare-tiny")

_SUBJECTS = (
    "the clinic", "the treatment", "botox", "the vaccine", "the new drug", "coffee", "the battery",
    "the study", "the agency", "the device", "the therapy", "the supplement", "the hospital",
    "the regulator", "the trial", "vitamin d", "the insurer", "the procedure", "the company", "the patch",
)
_VERBS = (
    "costs", "reduces", "raises", "lowers", "improves", "was approved for", "was banned in", "causes",
    "prevents", "does not reduce", "is not approved for", "is cheaper than", "is more costly than",
    "works better than", "is safer than", "is linked to", "has no effect on", "doubles",
)
_OBJECTS = (
    "back pain", "migraines", "blood pressure", "the risk of stroke", "sleep quality", "painkillers",
    "most patients", "the placebo", "older adults", "children", "the older model", "insulin",
    "muscle spasms", "heart disease", "the cost of care", "recovery time", "hair loss", "anxiety",
)
_TAILS = (
    "", "", "", " in {year}", " by {n} percent", " for about {n} dollars", " in {n} of {m} trials",
    " according to a {year} review", " within {n} weeks", " at a dose of {n} mg",
)
_HEDGES = ("", "", "", "Some experts say ", "It is thought that ", "Because it is cheap, ", "However, ")


def _sentence(rng: random.Random) -> str:
    tail = rng.choice(_TAILS).format(year=rng.randint(1990, 2024), n=rng.randint(2, 900), m=rng.randint(900, 2000))
    text = f"{rng.choice(_HEDGES)}{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{tail}."
    return text[0].upper() + text[1:]


def write_big_article(path: Path, size: int, seed: int = 1) -> int:
    """Write about ``size`` bytes of varied prose: headings, then paragraphs of 3-6 sentences."""
    rng = random.Random(seed)
    written = 0
    section = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("A Very Long Article\n\n")
        while written < size:
            section += 1
            parts = [f"Section {section}: {rng.choice(_SUBJECTS).title()}\n\n"]
            for _ in range(rng.randint(3, 8)):
                parts.append(" ".join(_sentence(rng) for _ in range(rng.randint(3, 6))) + "\n\n")
            chunk = "".join(parts)
            fh.write(chunk)
            written += len(chunk.encode("utf-8"))
    return path.stat().st_size


def write_tiny_articles(folder: Path, count: int, seed: int = 2) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"a{i:05d}.txt").write_text(f"Note {i}\n\n{_sentence(rng)} {_sentence(rng)}\n", encoding="utf-8")


def _peak_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def run_case(case: str, corpus: Path, out: Path, model: str) -> dict:
    """Run one case in this process and return its figures (called in the child process)."""
    from claimcheck.corpus import load_corpus
    from claimcheck.nlp import load_pipeline
    from claimcheck.pipeline import run
    from claimcheck.report import write_reports
    from claimcheck.settings import Settings

    settings = Settings(model=model, max_bytes=10**10, cache_dir=None, jobs=1)
    start = time.perf_counter()
    detail = ""
    if case == "baseline":
        load_pipeline(model)
    else:
        loaded = load_corpus(corpus, settings)
        blocks = sum(len(a.blocks) for a in loaded.articles)
        detail = f"{len(loaded.articles)} articles, {blocks} blocks"
        if case.startswith("compare"):
            result = run(loaded, settings)
            write_reports(result, out)
            detail += f", {len(result.claims)} claims, {len(result.alignments)} alignments, {len(result.flags)} flags"
    return {"case": case, "seconds": time.perf_counter() - start, "peak_mb": _peak_mb(), "detail": detail}


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def _child(case: str, corpus: Path, out: Path, model: str, timeout: float, max_rss_mb: float) -> dict:
    """Run a case in a fresh process; stop it when it runs too long or grows past ``max_rss_mb``.

    The peak comes from the child itself when it finishes, else from ``os.wait4``'s rusage of
    the stopped child.
    """
    command = [sys.executable, __file__, "--child", case, "--corpus", str(corpus), "--out", str(out), "--model", model]
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        proc = subprocess.Popen(command, stdout=stdout, stderr=stderr, text=True)
        stopped = ""
        while proc.poll() is None:
            elapsed = time.perf_counter() - start
            if elapsed > timeout:
                stopped = f"stopped after {elapsed:.0f} s (--timeout)"
            elif _rss_mb(proc.pid) > max_rss_mb:
                stopped = f"stopped at {max_rss_mb:.0f} MB (--max-rss-mb) after {elapsed:.0f} s"
            if stopped:
                proc.kill()
                break
            time.sleep(0.2)
        if stopped:
            _pid, _status, usage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            peak = usage.ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else usage.ru_maxrss / 1024
            return {"case": case, "seconds": time.perf_counter() - start, "peak_mb": peak, "detail": stopped}
        stdout.seek(0)
        stderr.seek(0)
        out_text, err_text = stdout.read(), stderr.read()
    if proc.returncode != 0:
        last = (err_text.strip().splitlines() or ["?"])[-1]
        return {"case": case, "seconds": float("nan"), "peak_mb": float("nan"), "detail": f"failed: {last}"}
    return json.loads(out_text.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big-mb", type=float, default=50.0, help="size of the huge article in MB (default 50)")
    parser.add_argument("--tiny", type=int, default=10_000, help="number of tiny articles (default 10000)")
    parser.add_argument("--model", default="fallback", help="spaCy pipeline (default: the rule-based fallback)")
    parser.add_argument("--cases", default=",".join(CASES), help=f"comma-separated subset of: {', '.join(CASES)}")
    parser.add_argument("--compare-mb", type=float, help="size of the article for compare-big (default: --big-mb)")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds allowed per case (default 900)")
    parser.add_argument("--max-rss-mb", type=float, default=6000.0, help="stop a case that grows past this (default 6000)")
    parser.add_argument("--child", choices=CASES, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(args.child, args.corpus, args.out, args.model)))
        return
    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = sorted(set(cases) - set(CASES))
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="claimcheck-memory-") as tmp:
        root = Path(tmp)
        sizes = {"load-big": args.big_mb, "compare-big": args.big_mb if args.compare_mb is None else args.compare_mb}
        folders = {mb: root / f"big-{mb:g}mb" for case, mb in sizes.items() if case in cases}
        for mb, folder in folders.items():
            folder.mkdir()
            size = write_big_article(folder / "huge.txt", int(mb * 1_000_000))
            print(f"generated a {size / 1e6:.1f} MB article", file=sys.stderr)
        tiny = root / "tiny"
        if any(c.endswith("-tiny") for c in cases):
            write_tiny_articles(tiny, args.tiny)
            print(f"generated {args.tiny} tiny articles", file=sys.stderr)
        for case in cases:
            corpus = folders[sizes[case]] if case in sizes else tiny
            row = _child(case, corpus, root / f"out-{case}", args.model, args.timeout, args.max_rss_mb)
            print(f"{case}: {row['seconds']:.1f} s, {row['peak_mb']:.0f} MB", file=sys.stderr)
            rows.append(row)
    print(f"model: {args.model}; peak RSS per case, each in its own process")
    print(f"{'case':<14} {'seconds':>8} {'peak MB':>8}  what")
    for row in rows:
        print(f"{row['case']:<14} {row['seconds']:>8.1f} {row['peak_mb']:>8.0f}  {row['detail']}")


if __name__ == "__main__":
    main()
