"""What an installed claimcheck offers beyond its import: spaCy finds its pipeline components
through the ``spacy_factories`` entry points declared in pyproject.toml."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]

FRESH = """
import sys
import spacy
assert not any(m.startswith("claimcheck") for m in sys.modules), "claimcheck imported before add_pipe"
nlp = spacy.blank("en")
nlp.add_pipe("claimcheck_sentences")
nlp.add_pipe("claimcheck_claims")
doc = nlp("The FDA approved Botox for back pain in 2015, and doctors now use it widely.")
print(nlp.pipe_names, len(doc._.claims))
"""


def test_add_pipe_finds_the_factories_in_a_fresh_interpreter(tmp_path):
    """The entry points as an install writes them (a dist-info folder's entry_points.txt, from
    pyproject.toml), then a new Python that never imports claimcheck itself: add_pipe must work."""
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    factories = declared["spacy_factories"]
    assert set(factories) == {"claimcheck_claims", "claimcheck_sentences"}
    info = tmp_path / "site" / "claimcheck_entry_points-0.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: claimcheck-entry-points\nVersion: 0.0\n", encoding="utf-8")
    lines = "".join(f"{name} = {target}\n" for name, target in factories.items())
    (info / "entry_points.txt").write_text(f"[spacy_factories]\n{lines}", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "site"), str(ROOT / "src")])}
    proc = subprocess.run([sys.executable, "-c", FRESH], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    names, claims = proc.stdout.strip().rsplit(" ", 1)
    assert names == "['claimcheck_sentences', 'claimcheck_claims']" and int(claims) >= 1
