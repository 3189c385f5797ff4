"""Static word vectors for the bundled pipeline, from a pretrained encoder's input embeddings.

    python training/vectors.py --base training/work/base --out training/work/vectors.txt

The bundled pipeline learns from UD English EWT alone (200,000 words of web text), too little to
tell that "rose" in "Sales rose sharply" is a verb. A pretrained encoder's word-piece embedding
table has seen far more English: each word's vector here is the mean of its word pieces'
input embeddings in all-MiniLM-L6-v2 (Apache-2.0, the verifier's base, fetched by
training/nli/fetch_base.sh), reduced to ``--dims`` dimensions by PCA. The words are the most
frequent lower-cased words of the texts the project may train on (UD EWT, the NLI training pairs,
MSRP and the BBC articles; none of their text is written out, only the word list's vectors).

The output is word2vec text format for ``spacy init vectors en FILE DIR --attr LOWER``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import struct
from collections import Counter
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")


def _texts(shared: Path):
    for split in ("train", "dev", "test"):
        for line in (shared / "ud" / f"en_ewt-ud-{split}.conllu").read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                yield line[9:]
    with gzip.open(shared / "data" / "nli" / "train.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield row.get("premise", "")
            yield row.get("hypothesis", "")
    for path in (shared / "data" / "msrp").glob("msrp_*.csv"):
        yield path.read_text(encoding="utf-8", errors="replace")
    for path in sorted((shared / "news-bbc" / "bbc").rglob("*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")


def _embeddings(base: Path) -> np.ndarray:
    """The word-embedding table of a safetensors checkpoint, read without torch."""
    raw = (base / "model.safetensors").read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    key = next(k for k in header if k.endswith("word_embeddings.weight"))
    meta = header[key]
    start, end = meta["data_offsets"]
    assert meta["dtype"] == "F32", meta["dtype"]
    return np.frombuffer(raw[8 + n + start : 8 + n + end], dtype=np.float32).reshape(meta["shape"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", type=Path, default=ROOT / "training" / "work" / "base")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=ROOT / "training" / "work" / "vectors.txt")
    parser.add_argument("--words", type=int, default=40000)
    parser.add_argument("--dims", type=int, default=96)
    args = parser.parse_args()

    counts: Counter[str] = Counter()
    for text in _texts(args.shared):
        counts.update(_WORD.findall(text.lower()))
    words = [w for w, c in counts.most_common(args.words) if c >= 2]

    table = _embeddings(args.base)
    tokenizer = Tokenizer.from_file(str(args.base / "tokenizer.json"))
    vectors = np.zeros((len(words), table.shape[1]), dtype=np.float32)
    for i, enc in enumerate(tokenizer.encode_batch(words, add_special_tokens=False)):
        vectors[i] = table[enc.ids].mean(axis=0)

    centred = vectors - vectors.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ vt[: args.dims].T
    reduced /= reduced.std()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write(f"{len(words)} {args.dims}\n")
        for word, vec in zip(words, reduced):
            fh.write(word + " " + " ".join(f"{v:.4f}" for v in vec) + "\n")
    print(f"{len(words)} words x {args.dims} dims -> {args.out}")


if __name__ == "__main__":
    main()
