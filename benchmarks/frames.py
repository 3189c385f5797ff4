"""Frames of the benchmark's gold and trap sentences, and how often the labelled slot differs.

    python benchmarks/frames.py                      # ../shared/bench, every folder, summary
    python benchmarks/frames.py --show               # also print every pair's frames, to read by eye
    python benchmarks/frames.py --show --label role_swap

For each row of gold.csv and traps.csv, the claims extracted from the two sentences are found
(the claim whose sentence contains the row's text, quotes and whitespace folded) and their frames
compared on the slot the label names: numeric -> quantities of one dimension with other values;
date -> times of one kind with other values; location -> other places; role_swap -> one's agent
is the other's patient; attribution -> other sources; modality -> other modalities; negation ->
other polarities; antonym -> antonym predicates (WordNet + claimcheck's pairs); quantifier ->
other quantifiers; comparative -> comparatives of opposite direction. The summary gives, per
label, how many pairs were found as claims and how many show the difference in that slot; for
agree and trap rows a shown difference is a slot the checks must not flag on. A measuring aid,
not a test: no rule may be written for one of these sentences.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from pathlib import Path

from claimcheck import lexicon as lx
from claimcheck.corpus import load_corpus
from claimcheck.extract import extract_claims
from claimcheck.nlp import load_pipeline
from claimcheck.settings import Settings
from claimcheck.types import Claim, Frame

DEFAULT_BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def fold(text: str) -> str:
    return " ".join(text.translate(_QUOTES).lower().split())


def claims_for(claims: list[Claim], text: str) -> list[Claim]:
    """The claims of the sentence holding ``text`` (the clause holding most of it first)."""
    want = fold(text)
    found = [c for c in claims if want in fold(c.sentence) or fold(c.sentence) in want]
    return sorted(found, key=lambda c: -len(set(fold(c.text).split()) & set(want.split())))


def show(frame: Frame) -> str:
    p = frame.predicate
    out = [f"{p.lemma}/{p.polarity.value[:3]}{'(' + p.negation + ')' if p.negation else ''}/{p.modality.value}/{p.tense.value}/{p.voice}"]
    if frame.agent:
        out.append(f"agent={frame.agent.head}{list(frame.agent.keys)}")
    if frame.patient:
        out.append(f"patient={frame.patient.head}{list(frame.patient.keys)}")
    if frame.quantities:
        out.append("qty=" + ";".join(f"{q.low:g}{'-' + format(q.high, 'g') if q.high != q.low else ''} {q.unit}" for q in frame.quantities))
    if frame.times:
        out.append("time=" + ";".join(f"{t.kind}:{t.value}" for t in frame.times))
    if frame.places:
        out.append("place=" + ";".join(f"{pl.relation} {pl.key}" for pl in frame.places))
    if frame.source:
        out.append(f"source={frame.source.key}({frame.source.verb}{',endorsed' if frame.source.endorsed else ''})")
    if frame.quantifier is not None:
        out.append(f"quantifier={frame.quantifier.name}")
    out += ["corrected"] * frame.corrected + ["forecast"] * frame.forecast
    return " ".join(out)


def _keys(arg) -> set[str]:  # noqa: ANN001
    return set(arg.keys) if arg is not None else set()


def slot_differs(label: str, a: Frame, b: Frame) -> bool:
    """Whether the frames differ in the slot ``label`` names (see the module docstring)."""
    if label == "numeric":
        return any(x.dimension == y.dimension and x.unit == y.unit and (x.low, x.high) != (y.low, y.high) for x in a.quantities for y in b.quantities)
    if label == "date":
        return any(x.kind == y.kind and x.value != y.value for x in a.times for y in b.times)
    if label == "location":
        return bool(a.places and b.places) and not {p.key for p in a.places} & {p.key for p in b.places}
    if label == "role_swap":
        return bool(_keys(a.agent) & _keys(b.patient)) and bool(_keys(a.patient) & _keys(b.agent))
    if label == "attribution":
        return a.source is not None and b.source is not None and a.source.key != b.source.key
    if label == "modality":
        return a.predicate.modality is not b.predicate.modality
    if label == "negation":
        return a.predicate.polarity is not b.predicate.polarity
    if label == "antonym":
        return b.predicate.lemma in lx.antonyms(a.predicate.lemma) or a.predicate.lemma in lx.antonyms(b.predicate.lemma)
    if label == "quantifier":
        return a.quantifier is not None and b.quantifier is not None and a.quantifier is not b.quantifier
    if label == "comparative":
        return any(x.scale == y.scale and x.direction != y.direction for x in a.comparatives for y in b.comparatives)
    return False


LABELS = ("numeric", "date", "location", "role_swap", "attribution", "modality", "negation", "antonym", "quantifier", "comparative")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--show", action="store_true", help="print each pair's frames")
    parser.add_argument("--label", default="", help="only rows with this label")
    args = parser.parse_args(argv)
    settings = Settings()
    nlp = load_pipeline(settings.model)
    found: Counter = Counter()
    differs: Counter = Counter()
    total: Counter = Counter()
    agree_slots: dict[str, Counter] = defaultdict(Counter)
    for folder in sorted(p for p in args.bench.iterdir() if (p / "gold.csv").is_file()):
        corpus = load_corpus(folder, settings)
        by_doc = {Path(a.path).stem: list(cs) for a in corpus.articles for cs in [extract_claims([a], nlp)[a.id]]}
        rows = []
        for name in ("gold.csv", "traps.csv"):
            if (folder / name).is_file():
                with open(folder / name, newline="", encoding="utf-8") as fh:
                    rows += list(csv.DictReader(fh))
        for row in rows:
            label = row["label"]
            if args.label and label != args.label:
                continue
            total[label] += 1
            a = claims_for(by_doc.get(row["doc_a"], []), row["text_a"])
            b = claims_for(by_doc.get(row["doc_b"], []), row["text_b"]) if row["text_b"] else []
            if not a or (row["text_b"] and not b):
                if args.show:
                    print(f"[{label}] NOT FOUND: {row['text_a'][:70]!r} / {row['text_b'][:70]!r}")
                continue
            found[label] += 1
            if b:
                fa, fb = a[0].frame, b[0].frame
                hit = slot_differs(label, fa, fb)
                differs[label] += hit
                if label in {"agree", "trap"}:
                    for slot in LABELS:
                        agree_slots[label][slot] += slot_differs(slot, fa, fb)
                if args.show:
                    mark = "DIFFERS" if hit else ""
                    print(f"[{label}] {mark}\n  A {a[0].text!r}\n    {show(fa)}\n  B {b[0].text!r}\n    {show(fb)}")
            elif args.show:
                print(f"[{label}] (one article)\n  " + "\n  ".join(f"{c.text!r}\n    {show(c.frame)}" for c in a[:3]))
    print(f"\n{'label':<20} {'rows':>5} {'claims found':>13} {'slot differs':>13}")
    for label in sorted(total):
        cell = f"{differs[label]:>13}" if label in LABELS else f"{'-':>13}"
        print(f"{label:<20} {total[label]:>5} {found[label]:>13} {cell}")
    hits = sum(differs[label] for label in LABELS)
    pairs = sum(found[label] for label in LABELS)
    print(f"slot accuracy on contradiction rows (labelled slot differs / claims found): {hits}/{pairs} = {hits / pairs if pairs else 0:.2f}")
    for label, counts in agree_slots.items():
        noisy = ", ".join(f"{slot} {n}" for slot, n in counts.most_common() if n)
        print(f"{label} rows whose frames differ in a slot (checks must not flag these): {noisy or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
