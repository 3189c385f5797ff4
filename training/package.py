"""Package a trained model as claimcheck's bundled pipeline (src/claimcheck/pipelines/en_claimcheck_ud).

    python training/package.py --model training/work/model/model-best --work training/work --ud-dir ../shared/ud

Writes the pipeline with a meta.json that names and versions it, records the training data
(UD English EWT release and file hashes) and the claimcheck commit of the recipe, copies the
data licence (CC BY-SA 4.0), and writes training/metrics.json with dev and test scores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import spacy
from spacy.training import Corpus

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "claimcheck" / "pipelines" / "en_claimcheck_ud"
NAME, VERSION = "claimcheck_ud", "1.0.0"
SPACY_RANGE = ">=3.8.0,<3.9.0"  # keep in step with pyproject.toml
KEYS = ("dep_uas", "dep_las", "pos_acc", "tag_acc", "morph_acc", "lemma_acc", "sents_f", "speed")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--ud-dir", type=Path, required=True)
    args = parser.parse_args()

    readme = (args.ud_dir / "README.md").read_text(encoding="utf-8").splitlines()
    release = next((line.strip() for line in readme if "Universal Dependencies English Web Treebank v" in line), "UD English EWT")
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()

    # top_k only matters when lemmatizing: try the 5 best edit trees before backing off to the word
    nlp = spacy.load(args.model, config={"components": {"trainable_lemmatizer": {"top_k": 5}}})
    nlp.meta.update(
        {
            "name": NAME,
            "version": VERSION,
            "spacy_version": SPACY_RANGE,
            "description": "claimcheck's English pipeline: tok2vec, tagger, morphologizer, parser (sentence "
            "boundaries) and trainable lemmatizer, trained on UD English EWT with training/config.cfg.",
            "author": "claimcheck",
            "license": "CC BY-SA 4.0",
            "sources": [
                {
                    "name": release,
                    "url": "https://github.com/UniversalDependencies/UD_English-EWT",
                    "license": "CC BY-SA 4.0",
                    "files": {p.name: sha256(p) for p in sorted(args.ud_dir.glob("*.conllu"))},
                }
            ],
            "claimcheck": {"recipe": "training/config.cfg + training/train.sh", "commit": commit},
        }
    )
    if TARGET.exists():
        shutil.rmtree(TARGET)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(TARGET)
    # evaluate what ships (raw text in, the pipeline's own tokenization), then record it in the meta
    shipped = spacy.load(TARGET)
    metrics = {}
    for split in ("dev", "test"):
        examples = list(Corpus(args.work / "corpus" / f"en_ewt-ud-{split}.spacy")(shipped))
        scores = shipped.evaluate(examples)
        metrics[split] = {k: scores.get(k) for k in KEYS}
    nlp.meta["performance"] = metrics["test"]
    (TARGET / "meta.json").write_text(json.dumps(nlp.meta, indent=2) + "\n", encoding="utf-8")
    shutil.copy(args.ud_dir / "LICENSE.txt", TARGET / "LICENSE")
    (TARGET / "README.md").write_text(
        f"# en_claimcheck_ud {VERSION}\n\n"
        f"Trained by claimcheck's `training/train.sh` from {release} "
        "(https://github.com/UniversalDependencies/UD_English-EWT).\n\n"
        "This pipeline directory is a derivative of the treebank and is licensed under "
        "**CC BY-SA 4.0** (see LICENSE), separately from claimcheck's code.\n"
        "Attribution: Universal Dependencies English Web Treebank, © 2013-2021 The Board of Trustees of "
        "The Leland Stanford Junior University; annotations by the UD EWT contributors.\n",
        encoding="utf-8",
    )
    (ROOT / "training" / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in TARGET.rglob("*") if p.is_file())
    print(f"packaged {TARGET} ({size / 1e6:.1f} MB)")
    print(json.dumps(metrics, indent=2))


if __name__ == "__main__":
    main()
