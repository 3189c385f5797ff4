"""Open Debian's WordNet 3.0 (package ``wordnet-base``, /usr/share/wordnet) with nltk, offline.

Debian ships the database files without ``lexnames`` (the table of lexicographer file names that
nltk reads first), so the reader is pointed at a temporary copy of the database plus
that table, whose 45 names are fixed by WordNet 3.0's documentation (lexnames(5WN)).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
    "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location "
    "noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process "
    "noun.quantity noun.relation noun.shape noun.state noun.substance noun.time verb.body verb.change "
    "verb.cognition verb.communication verb.competition verb.consumption verb.contact verb.creation "
    "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl"
).split()
_POS_NUMBER = {"adj": 3, "adv": 4, "noun": 1, "verb": 2}


def open_wordnet(root: Path = Path("/usr/share/wordnet")):  # noqa: ANN201  (nltk is a build-time tool only)
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    if not (root / "data.noun").is_file():
        raise SystemExit(f"WordNet not found in {root}: apt-get install wordnet-base")
    folder = Path(tempfile.mkdtemp(prefix="wordnet-"))
    for path in root.iterdir():
        if path.is_file():
            shutil.copyfile(path, folder / path.name)  # nltk refuses links that leave its folder
    lines = [f"{i:02d}\t{name}\t{_POS_NUMBER[name.split('.')[0]]}" for i, name in enumerate(LEXNAMES)]
    (folder / "lexnames").write_text("\n".join(lines) + "\n")
    nltk.data.path.append(str(folder))

    class Reader(WordNetCorpusReader):
        def map_wn(self, version="wordnet"):  # noqa: ANN001, ANN202  this is WordNet 3.0 itself: nothing to map from
            return None

    return Reader(str(folder), None)


def build_main(doc: str, build, out: Path, argv: list[str] | None = None) -> int:  # noqa: ANN001
    """The command line of a lexicon builder: read WordNet, ``build(wn)``, write the JSON to ``--out``."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=out)
    args = parser.parse_args(argv)
    data = build(open_wordnet(args.wordnet))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    sizes = {k: len(v) for k, v in data.items() if k != "source"}
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB): {sizes}")
    return 0
