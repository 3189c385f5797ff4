"""Fine-tune the base encoder as an NLI cross-encoder: [CLS] premise [SEP] hypothesis [SEP] ->
mean pooling -> linear -> (entailment, neutral, contradiction).

CPU only, seeded. Batches are bucketed by length (dynamic padding), the learning rate warms up
then decays linearly, the model is checkpointed after each epoch and at the end, and the dev
split (made by generate.py) is scored after each epoch.

    python training/nli/train.py --data training/work/nli --base training/work/base \
        --out training/work/nli/model --epochs 2
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn
from transformers import AutoModel, AutoTokenizer

LABELS = ("entailment", "neutral", "contradiction")
LABEL_ID = {name: i for i, name in enumerate(LABELS)}


class PairClassifier(nn.Module):
    """The encoder, mean pooling over real tokens, dropout and one linear layer."""

    def __init__(self, base: str | Path) -> None:
        super().__init__()
        self.encoder = AutoModel.from_pretrained(str(base), add_pooling_layer=False)
        hidden = self.encoder.config.hidden_size
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(hidden, len(LABELS))

    def forward(self, input_ids, attention_mask, token_type_ids):
        states = self.encoder(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(states.dtype)
        pooled = (states * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.head(self.dropout(pooled))


def read_jsonl(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def encode(tokenizer, rows: list[dict], max_len: int) -> list[tuple[list[int], list[int], int]]:
    enc = tokenizer(
        [r["premise"] for r in rows],
        [r["hypothesis"] for r in rows],
        truncation="longest_first",
        max_length=max_len,
    )
    return [
        (ids, types, LABEL_ID[r["label"]])
        for ids, types, r in zip(enc["input_ids"], enc["token_type_ids"], rows, strict=True)
    ]


def batches(examples, batch_size: int, rng: random.Random, shuffle: bool):
    """Length-bucketed batches: sort chunks of 50 batches by length, cut, shuffle the batches."""
    order = list(range(len(examples)))
    if shuffle:
        rng.shuffle(order)
    chunk = batch_size * 50
    out = []
    for start in range(0, len(order), chunk):
        part = sorted(order[start : start + chunk], key=lambda i: len(examples[i][0]))
        out.extend(part[i : i + batch_size] for i in range(0, len(part), batch_size))
    if shuffle:
        rng.shuffle(out)
    return out


def collate(examples, index: list[int]):
    width = max(len(examples[i][0]) for i in index)
    ids = torch.zeros((len(index), width), dtype=torch.long)
    types = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    for row, i in enumerate(index):
        tok, typ, _ = examples[i]
        ids[row, : len(tok)] = torch.tensor(tok)
        types[row, : len(typ)] = torch.tensor(typ)
        mask[row, : len(tok)] = 1
    labels = torch.tensor([examples[i][2] for i in index])
    return ids, mask, types, labels


@torch.no_grad()
def predict(model, examples, batch_size: int = 128) -> np.ndarray:
    model.eval()
    probs = np.zeros((len(examples), len(LABELS)), dtype=np.float32)
    for index in batches(examples, batch_size, random.Random(0), shuffle=False):
        ids, mask, types, _ = collate(examples, index)
        with torch.autocast("cpu", dtype=torch.bfloat16):
            logits = model(ids, mask, types)
        probs[index] = torch.softmax(logits.float(), -1).numpy()
    model.train()
    return probs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with train.jsonl.gz, dev.jsonl.gz")
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--epochs", type=float, default=2.0)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--max-len", type=int, default=128)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (probe)")
    parser.add_argument("--dev-limit", type=int, default=4000)
    parser.add_argument("--no-bf16", action="store_true")
    parser.add_argument("--save-every", type=int, default=500, help="also checkpoint every N steps")
    parser.add_argument("--minutes", type=float, default=0.0,
                        help="time budget: the learning rate decays with the larger of step and time progress, "
                             "and training stops when either runs out (0: steps only)")
    parser.add_argument("--freeze-embeddings", action="store_true", help="keep the word embeddings fixed")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(True)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)

    tokenizer = AutoTokenizer.from_pretrained(str(args.base))
    t0 = time.time()
    train = encode(tokenizer, read_jsonl(args.data / "train.jsonl.gz"), args.max_len)
    dev_rows = read_jsonl(args.data / "dev.jsonl.gz")
    dev_rows = random.Random(args.seed).sample(dev_rows, min(args.dev_limit, len(dev_rows)))
    dev = encode(tokenizer, dev_rows, args.max_len)
    print(f"encoded {len(train)} train / {len(dev)} dev pairs in {time.time() - t0:.0f}s", flush=True)

    model = PairClassifier(args.base)
    if args.freeze_embeddings:
        model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    model.train()
    steps_per_epoch = math.ceil(len(train) / args.batch_size)
    total = int(steps_per_epoch * args.epochs)
    if args.max_steps:
        total = min(total, args.max_steps)
    warmup = max(1, int(0.06 * total))
    no_decay = ("bias", "LayerNorm.weight")
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    groups = [
        {"params": [p for n, p in trainable if not any(k in n for k in no_decay)], "weight_decay": 0.01},
        {"params": [p for n, p in trainable if any(k in n for k in no_decay)], "weight_decay": 0.0},
    ]
    optim = torch.optim.AdamW(groups, lr=args.lr)
    budget = args.minutes * 60
    start = time.time()

    def progress(s: int) -> float:
        """How far training is, 0..1: by steps, or by time when a budget is set and runs out first."""
        by_time = (time.time() - start) / budget if budget else 0.0
        return max(s / total, by_time)

    def lr_factor(s: int) -> float:
        return min((s + 1) / warmup, max(0.0, 1.0 - progress(s)) / (1.0 - warmup / total))

    sched = torch.optim.lr_scheduler.LambdaLR(optim, lr_factor)
    loss_fn = nn.CrossEntropyLoss()
    log = []
    step, start = 0, time.time()  # the clock restarts here; the scheduler only read it at step 0
    stopped_by_time = False
    epoch = 0
    seen = 0
    while step < total:
        epoch += 1
        running, n_run = 0.0, 0
        for index in batches(train, args.batch_size, rng, shuffle=True):
            ids, mask, types, labels = collate(train, index)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=not args.no_bf16):
                logits = model(ids, mask, types)
            loss = loss_fn(logits.float(), labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            sched.step()
            optim.zero_grad(set_to_none=True)
            step += 1
            seen += len(index)
            running += loss.item()
            n_run += 1
            if step % 100 == 0 or step == total:
                rate = seen / (time.time() - start)
                eta = (total - step) * args.batch_size / rate / 60
                if budget:
                    eta = min(eta, (budget - (time.time() - start)) / 60)
                print(f"epoch {epoch} step {step}/{total} loss {running / n_run:.4f} "
                      f"{rate:.1f} pairs/s eta {eta:.1f} min", flush=True)
                running, n_run = 0.0, 0
            if args.save_every and step % args.save_every == 0:
                torch.save(model.state_dict(), args.out / "model.pt")
            if step >= total:
                break
            if budget and progress(step) >= 1.0:
                stopped_by_time = True
                break
        probs = predict(model, dev)
        gold = np.array([e[2] for e in dev])
        acc = float((probs.argmax(1) == gold).mean())
        entry = {"epoch": epoch, "step": step, "pairs_seen": seen, "dev_accuracy": round(acc, 4),
                 "minutes": round((time.time() - start) / 60, 1)}
        log.append(entry)
        print("dev", json.dumps(entry), flush=True)
        torch.save(model.state_dict(), args.out / "model.pt")
        tokenizer.save_pretrained(str(args.out))
        model.encoder.config.save_pretrained(str(args.out))
        (args.out / "train_log.json").write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()},
                                                             "epochs": log, "train_pairs": len(train),
                                                             "wall_minutes": round((time.time() - t0) / 60, 1),
                                                             "stopped_by_time_budget": stopped_by_time}, indent=1))
        if stopped_by_time:
            break
    print(f"done in {(time.time() - t0) / 60:.1f} min", flush=True)


if __name__ == "__main__":
    main()
