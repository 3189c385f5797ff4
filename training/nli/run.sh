#!/usr/bin/env bash
# Train and ship claimcheck's verifier end to end (CPU only; never run in CI).
#
#   PY=/work/venv-train/bin/python bash training/nli/run.sh
#
# Steps: the base model, the data, training (time-boxed), int8 ONNX export into
# src/claimcheck/models/verifier, the threshold and training/nli/manifest.json.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$(dirname "$HERE")")"
PY="${PY:-python}"
WORK="$ROOT/training/work"
MINUTES="${MINUTES:-90}"
cd "$ROOT"
[ -f "$WORK/base/model.safetensors" ] || sh "$HERE/fetch_base.sh"
"$PY" "$HERE/generate.py" --out "$WORK/nli" --seed 13
OMP_WAIT_POLICY=PASSIVE HF_HUB_OFFLINE=1 "$PY" "$HERE/train.py" --data "$WORK/nli" --base "$WORK/base" \
  --out "$WORK/nli/model" --epochs 1.0 --minutes "$MINUTES" --freeze-embeddings --batch-size 32 --lr 6e-5 \
  --seed 13 --threads 2 --dev-limit 2000
(cd "$HERE" && HF_HUB_OFFLINE=1 "$PY" export.py --model "$WORK/nli/model" --base "$WORK/base" \
  --dev "$WORK/nli/dev.jsonl.gz" --out "$ROOT/src/claimcheck/models/verifier")
# evaluate.py imports claimcheck: run it with claimcheck's environment
"${RUN_PY:-python}" "$HERE/evaluate.py" --work "$WORK/nli" --model "$ROOT/src/claimcheck/models/verifier"
