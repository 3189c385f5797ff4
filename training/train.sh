#!/usr/bin/env bash
# Train claimcheck's bundled English pipeline (en_claimcheck_ud) from UD English EWT.
#
#   bash training/train.sh            # convert, train, evaluate, package into src/claimcheck/pipelines/
#   UD_DIR=/path/to/ud bash training/train.sh
#
# CPU only; about 40 minutes on a 2-core machine. Never run in CI.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
UD_DIR="${UD_DIR:-$ROOT/../shared/ud}"
WORK="${WORK:-$HERE/work}"
PY="${PYTHON:-python}"

mkdir -p "$WORK/corpus"
for split in train dev test; do
  "$PY" -m spacy convert "$UD_DIR/en_ewt-ud-$split.conllu" "$WORK/corpus" \
    --converter conllu --n-sents 10 --file-type spacy
done

"$PY" -m spacy train "$HERE/config.cfg" --output "$WORK/model" \
  --paths.train "$WORK/corpus/en_ewt-ud-train.spacy" \
  --paths.dev "$WORK/corpus/en_ewt-ud-dev.spacy"

"$PY" "$HERE/package.py" --model "$WORK/model/model-best" --work "$WORK" --ud-dir "$UD_DIR"
