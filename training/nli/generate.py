"""Build the verifier's training data: the shared NLI pairs with labels rebalanced, plus
minimal-edit news-style pairs generated from sentences the project may use (edits.py), split
into train and dev by a hash of the premise sentence.

    python training/nli/generate.py --out training/work/nli --seed 13

Sources (read, never copied into the repository):
  ../shared/data/nli/train.jsonl.gz      public NLI pairs (SOURCES.md there)
  ../shared/data/msrp/msrp_train.csv     MSRP train only (its test split is a held-out measure)
  ../shared/news-bbc/bbc/*/*.txt         BBC news articles, as a sentence pool
Never read: ../shared/data/mnli-dev, ../shared/bench.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import hashlib
import json
import random
import re
import time
from pathlib import Path

import edits

SHARED = Path(__file__).resolve().parents[3] / "shared"
DEV_SHARE = 0.04


def sentences_of(text: str) -> list[str]:
    text = re.sub(r"\s+", " ", text)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", text)
    return [p.strip() for p in parts]


def usable(sentence: str) -> bool:
    words = sentence.split()
    return 7 <= len(words) <= 45 and sentence[-1:] in ".!?\"'" and not re.search(r"[|{}<>@#]", sentence)


def msrp_train(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    sentences, paraphrases = [], []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            sentences.extend([row["s1"], row["s2"]])
            if row["label"] == "1":
                paraphrases.append((row["s1"], row["s2"]))
    return [s for s in sentences if usable(s)], paraphrases


def build_pools(sentences: list[str]) -> edits.Pools:
    places, people, orgs = collections.Counter(), collections.Counter(), collections.Counter()
    for s in sentences:
        for m in re.finditer(r"\b(?:in|near) ([A-Z][a-z]{3,}(?: [A-Z][a-z]{3,})?)\b", s):
            if m.group(1).split()[0] not in edits.NOT_PLACES:
                places[m.group(1)] += 1
        for m in re.finditer(r"\b([A-Z][a-z]+ [A-Z][a-z]{2,}) (?:said|says|told)\b", s):
            people[m.group(1)] += 1
        for m in re.finditer(r"\b([A-Z][a-zA-Z]{2,}(?: [A-Z][a-zA-Z]+)?) (?:said|says|reported|announced)\b", s):
            if " " not in m.group(1) or m.group(1).split()[1] in ("Bank", "Group", "Motors", "Airlines", "Corp"):
                orgs[m.group(1)] += 1
    word_counts = collections.Counter(w for s in sentences for w in re.findall(r"\b[a-z]+\b", s))
    lower_words = set(word_counts)

    def keep(counter, n):
        return [w for w, k in counter.most_common(n) if k >= 2 and w not in edits.NOT_PLACES
                and w.split()[0].lower() not in lower_words]
    return edits.Pools(places=keep(places, 600), people=keep(people, 800), orgs=keep(orgs, 400),
                       common=frozenset(w for w, k in word_counts.items() if k >= 20))


def is_dev(premise: str) -> bool:
    digest = hashlib.sha1(re.sub(r"[^a-z0-9]", "", premise.lower()).encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < DEV_SHARE


def generate(sentences: list[tuple[str, str]], pools: edits.Pools, rng: random.Random,
             caps: dict[str, int]) -> list[dict]:
    """Per sentence, try one contradiction, one or two entailments and one trap, each capped per edit."""
    counts = collections.Counter()
    rows = []

    def add(premise, hypothesis, label, edit, origin):
        if not hypothesis or hypothesis == premise or counts[edit] >= caps[label]:
            return False
        counts[edit] += 1
        rows.append({"premise": premise, "hypothesis": hypothesis, "label": label,
                     "source": f"generated/{origin}/{edit}"})
        return True

    contra = list(edits.CONTRADICTIONS.items())
    entail = list(edits.ENTAILMENTS.items())
    # edits put on top of another keep its label either way round (not one that drops words,
    # which could drop the corrupted one)
    both_ways = [(name, fn) for name, fn in entail if name not in edits.ONE_WAY]
    traps = list(edits.TRAPS.items())
    for sentence, origin in sentences:
        for group, label, tries in ((contra, "contradiction", 1), (entail, "entailment", 2), (traps, "neutral", 1)):
            order = group[:]
            rng.shuffle(order)
            done = 0
            for name, fn in order:
                if counts[name] >= caps[label]:
                    continue
                out = fn(sentence, pools, rng)
                if not out:
                    continue
                if label == "neutral":
                    premise, hypothesis = out
                    if rng.random() < 0.5:
                        premise, hypothesis = hypothesis, premise
                elif label == "entailment":
                    premise, hypothesis = sentence, out
                    # a second meaning-keeping edit on top, now and then
                    if rng.random() < 0.3:
                        extra_name, extra = rng.choice(both_ways)
                        hypothesis = extra(hypothesis, pools, rng) or hypothesis
                    if name not in edits.ONE_WAY and rng.random() < 0.5:
                        premise, hypothesis = hypothesis, premise
                else:
                    premise, hypothesis = sentence, out
                    # the corruption sits inside a paraphrase half the time, so an edit alone
                    # is not the signal
                    if rng.random() < 0.4:
                        _, para = rng.choice(both_ways)
                        hypothesis = para(hypothesis, pools, rng) or hypothesis
                    if rng.random() < 0.5:
                        premise, hypothesis = hypothesis, premise
                if add(premise, hypothesis, label, name, origin):
                    done += 1
                if done >= tries:
                    break
    return rows


# the corruptions that read right on the short captions of public NLI hypotheses (quantifier and
# antonym edits garble them: "talking to each other" -> "talking to none other")
FACT_EDITS = frozenset({"number", "date", "place", "negation", "modality", "before_after", "attribution"})


def _words(sentence: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", sentence.lower()))


def paraphrase_corruptions(pairs: list[tuple[str, str]], pools: edits.Pools, rng: random.Random,
                           counts: collections.Counter, cap: int, symmetric: bool) -> list[dict]:
    """The second sentence of a real paraphrase or entailment pair corrupted (a figure, date, place,
    negation, ...): the two sentences still share little wording, so only the changed slot makes
    them contradict ("knocked out power to 48,000 homes" / "12,000 households lost electricity").
    The uncorrupted pairs are entailments in the data, so the wording alone is not the signal.

    An entailment's hypothesis says nothing its premise does not, so any change to it conflicts. A
    paraphrase pair (``symmetric``) may tell a detail on one side only: there a change counts only
    when the words it replaces are in the other sentence too."""
    rows = []
    contra = [(name, fn) for name, fn in edits.CONTRADICTIONS.items() if symmetric or name in FACT_EDITS]
    for first, second in pairs:
        if symmetric and rng.random() < 0.5:
            first, second = second, first
        order = contra[:]
        rng.shuffle(order)
        for name, fn in order:
            if counts[name] >= cap:
                continue
            out = fn(second, pools, rng)
            if not out or out == second or (symmetric and not _words(second) - _words(out) <= _words(first)):
                continue
            counts[name] += 1
            premise, hypothesis = (first, out) if not symmetric or rng.random() < 0.5 else (out, first)
            rows.append({"premise": premise, "hypothesis": hypothesis, "label": "contradiction",
                         "source": f"generated/paraphrase/{name}"})
            break
    return rows


def neighbours(articles: list[list[str]], rng: random.Random, limit: int) -> list[dict]:
    """Two sentences of one article sharing a capitalised word: another event or detail (neutral)."""
    rows = []
    for sents in articles:
        caps = [set(re.findall(r"\b[A-Z][a-z]{3,}\b", s[1:])) for s in sents]
        for i in range(len(sents)):
            for j in range(i + 1, min(len(sents), i + 6)):
                if caps[i] & caps[j] and rng.random() < 0.15:
                    rows.append({"premise": sents[i], "hypothesis": sents[j], "label": "neutral",
                                 "source": "generated/bbc/same_article"})
    rng.shuffle(rows)
    return rows[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--cap", type=int, default=5000, help="most pairs per named entailment or neutral edit")
    parser.add_argument("--cap-contradiction", type=int, default=2200, help="most pairs per named corruption")
    parser.add_argument("--cap-paraphrase", type=int, default=1200,
                        help="most corrupted paraphrase pairs per named corruption")
    parser.add_argument("--bbc-sentences", type=int, default=40000)
    parser.add_argument("--templates", type=int, default=4000, help="'A <verb> B' sentences for role edits")
    parser.add_argument("--wikifactcheck-keep", type=int, default=7000)
    parser.add_argument("--breaking-contradictions-keep", type=int, default=2500)
    args = parser.parse_args()
    start = time.time()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)

    with gzip.open(args.shared / "data/nli/train.jsonl.gz", "rt", encoding="utf-8") as handle:
        nli = [json.loads(line) for line in handle]
    wfc = [r for r in nli if r["source"] == "wikifactcheck_refuted"]
    breaking_c = [r for r in nli if r["source"] == "breaking_nli" and r["label"] == "contradiction"]
    rest = [r for r in nli if r["source"] != "wikifactcheck_refuted"
            and not (r["source"] == "breaking_nli" and r["label"] == "contradiction")]
    rng.shuffle(wfc)
    rng.shuffle(breaking_c)
    kept = rest + wfc[: args.wikifactcheck_keep] + breaking_c[: args.breaking_contradictions_keep]

    bbc_root = args.shared / "news-bbc/bbc"
    articles = []
    for path in sorted(bbc_root.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        body = text.split("\n", 1)[1] if "\n" in text else text
        articles.append([s for s in sentences_of(body) if usable(s)])
    bbc = [s for sents in articles for s in sents]
    rng.shuffle(bbc)
    msrp_sents, msrp_para = msrp_train(args.shared / "data/msrp/msrp_train.csv")
    wfc_sents = [r["premise"] for r in wfc if usable(r["premise"])]
    pools = build_pools(bbc + msrp_sents + wfc_sents)
    print(f"pools: {len(pools.places)} places, {len(pools.people)} people, {len(pools.orgs)} organisations")

    pool = ([(s, "bbc") for s in bbc[: args.bbc_sentences]] + [(s, "msrp") for s in sorted(set(msrp_sents))]
            + [(s, "wikifactcheck") for s in sorted(set(wfc_sents))]
            + [(s, "template") for s in edits.template_sentences(pools, rng, args.templates)])
    rng.shuffle(pool)
    caps = {"contradiction": args.cap_contradiction, "entailment": args.cap, "neutral": args.cap}
    generated = generate(pool, pools, rng, caps)
    generated += [{"premise": a, "hypothesis": b, "label": "entailment", "source": "generated/msrp/paraphrase"}
                  for a, b in msrp_para]
    generated += neighbours(articles, rng, limit=4000)
    # real paraphrases to corrupt: MSRP train's, and the public NLI entailments (both directions
    # of an entailment need not hold, but a corrupted hypothesis still contradicts its premise)
    entailed = [(r["premise"], r["hypothesis"]) for r in kept if r["label"] == "entailment"
                and len(r["hypothesis"].split()) >= 6]
    corrupted = collections.Counter()
    generated += paraphrase_corruptions(msrp_para, pools, rng, corrupted, args.cap_paraphrase, symmetric=True)
    generated += paraphrase_corruptions(entailed, pools, rng, corrupted, args.cap_paraphrase, symmetric=False)

    train, dev = [], []
    for row in kept + generated:
        (dev if is_dev(row["premise"]) else train).append(row)
    rng.shuffle(train)
    rng.shuffle(dev)
    for name, rows in (("train", train), ("dev", dev)):
        with gzip.open(args.out / f"{name}.jsonl.gz", "wt", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")

    def tally(rows):
        by_source = collections.Counter()
        for r in rows:
            src = r["source"] if r["source"].startswith("generated") else r["source"]
            by_source[(src, r["label"])] += 1
        table = collections.defaultdict(dict)
        for (src, label), n in sorted(by_source.items()):
            table[src][label] = n
        return table

    manifest = {
        "seed": args.seed, "cap_per_edit": caps, "cap_per_paraphrase_corruption": args.cap_paraphrase, "dev_share_by_premise_hash": DEV_SHARE,
        "inputs": {
            "nli_train": "../shared/data/nli/train.jsonl.gz (85,564 pairs; licences in its SOURCES.md)",
            "wikifactcheck_refuted_kept": min(len(wfc), args.wikifactcheck_keep),
            "breaking_nli_contradictions_kept": min(len(breaking_c), args.breaking_contradictions_keep),
            "msrp": "../shared/data/msrp/msrp_train.csv (train split only; test is a held-out measure)",
            "bbc_sentences_used": min(len(bbc), args.bbc_sentences),
            "not_used_for_training": ["../shared/data/mnli-dev", "../shared/bench", "../shared/data/msrp/msrp_test.csv"],
        },
        "train_pairs": len(train), "dev_pairs": len(dev),
        "train_labels": dict(collections.Counter(r["label"] for r in train)),
        "dev_labels": dict(collections.Counter(r["label"] for r in dev)),
        "train_by_source": tally(train),
        "wall_seconds": round(time.time() - start, 1),
    }
    (args.out / "data_manifest.json").write_text(json.dumps(manifest, indent=1))
    print(json.dumps({k: manifest[k] for k in ("train_pairs", "dev_pairs", "train_labels", "wall_seconds")}))


if __name__ == "__main__":
    main()
