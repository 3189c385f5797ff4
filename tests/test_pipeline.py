"""The shipped English pipeline, end to end: accuracy on UD EWT test, the seed corpus's flags,
and claim extraction on the parse. These tests load the bundled pipeline (no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.training import Example
from spacy.training.converters import conllu_to_docs

from claimcheck.corpus import load_corpus
from claimcheck.nlp import BUNDLED_PIPELINE, load_pipeline
from claimcheck.pipeline import run
from claimcheck.settings import Settings
from claimcheck.types import CausalRole, FlagKind, Severity

ROOT = Path(__file__).resolve().parents[1]
UD_TEST = ROOT.parent / "shared" / "ud" / "en_ewt-ud-test.conllu"
COST = "Because botox treatments are more costly than painkillers, people make this their preferred method to relieve chronic back pain."
FLOORS = {"dep_uas": 0.83, "dep_las": 0.79, "pos_acc": 0.93, "lemma_acc": 0.94, "sents_f": 0.70}


def test_bundled_pipeline_is_named_versioned_licensed_and_small():
    meta = json.loads((BUNDLED_PIPELINE / "meta.json").read_text())
    assert meta["name"] == "claimcheck_ud" and meta["version"]
    assert meta["license"] == "CC BY-SA 4.0" and meta["sources"][0]["files"]
    assert meta["spacy_version"] == ">=3.8.0,<3.9.0"
    assert (BUNDLED_PIPELINE / "LICENSE").is_file()
    size = sum(p.stat().st_size for p in BUNDLED_PIPELINE.rglob("*") if p.is_file())
    assert size < 15_000_000


def test_default_pipeline_is_the_bundled_one():
    nlp = load_pipeline(None)
    assert nlp.meta["name"] == "claimcheck_ud"
    assert {"parser", "claimcheck_claims", "claimcheck_entities"} <= set(nlp.pipe_names)


def _tokenizer_state(tokenizer):
    # token_match and url_match are bound methods of compiled patterns: compared by the pattern
    # (a bound method compares its __self__ by identity, and re's cache may recompile it)
    def pattern(match):
        return None if match is None else match.__self__.pattern

    return (
        tokenizer.rules, tokenizer.prefix_search.__self__.pattern, tokenizer.suffix_search.__self__.pattern,
        tokenizer.infix_finditer.__self__.pattern, pattern(tokenizer.token_match), pattern(tokenizer.url_match),
        tokenizer.faster_heuristics,
    )


def test_bundled_tokenizer_is_the_saved_one_with_capital_letter_periods_split():
    """The saved rules are loaded once, changed on the way in: the result is spaCy's own load of
    the folder plus the one suffix claimcheck adds, and it tokenizes text the same way."""
    from spacy.util import compile_suffix_regex

    saved = spacy.load(BUNDLED_PIPELINE).tokenizer
    loaded = load_pipeline(None).tokenizer
    rules, prefix, suffix, infix, token_match, url_match, heuristics = _tokenizer_state(saved)
    assert _tokenizer_state(loaded) == (
        rules, prefix, suffix + "|" + compile_suffix_regex([r"(?<=^[A-Z])\."]).pattern, infix,
        token_match, url_match, heuristics,
    )
    text = "Take vitamin D. Fatty fish (e.g. salmon) costs $4.50/lb at St. Mary's, isn't it? U.S. data: 10% off!"
    assert [t.text for t in loaded(text)][:4] == ["Take", "vitamin", "D", "."]
    assert [t.text for t in loaded(text)][4:] == [t.text for t in saved(text)][3:]


@pytest.mark.parametrize("model", [None, "fallback"])
def test_a_capital_letters_period_is_split_off_in_every_pipeline(model):
    assert [t.text for t in load_pipeline(model).tokenizer("He took vitamin D. Then he slept.")][3:5] == ["D", "."]


def test_spacy_imported_without_its_command_line_runs_the_bundled_pipeline_the_same():
    """An extraction process imports spaCy with a placeholder for spacy.cli (0.4 s less to start):
    the bundled pipeline parses the same, and requests, httpx, weasel are never imported."""
    import subprocess
    import sys

    texts = ["Because botox treatments are more costly than painkillers, people prefer them.", "Take vitamin D. It helps."]
    script = f"""
import json, sys
from claimcheck.nlp.lean import import_spacy_without_cli
assert import_spacy_without_cli()
import spacy.cli
try:
    spacy.cli.download
except ImportError:
    pass
else:
    raise SystemExit("spacy.cli.download should be unavailable")
from claimcheck.nlp import load_pipeline
nlp = load_pipeline(None)
annotations = [[(t.text, t.tag_, t.pos_, str(t.morph), t.head.i, t.dep_, t.lemma_, t.is_sent_start) for t in doc] for doc in nlp.pipe({texts!r})]
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("requests", "httpx", "weasel"))
print(json.dumps([annotations, heavy, import_spacy_without_cli()]))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    annotations, heavy, again = json.loads(done.stdout)
    assert heavy == [] and again is False
    assert annotations == [[list(t) for t in doc] for doc in _annotations(load_pipeline(None), texts)]


@pytest.mark.skipif(not UD_TEST.is_file(), reason=f"UD test data not found at {UD_TEST}")
def test_accuracy_on_ud_ewt_test_stays_above_floors():
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):  # as claimcheck loads it
        nlp = spacy.load(BUNDLED_PIPELINE)
    docs = list(conllu_to_docs(UD_TEST.read_text(encoding="utf-8"), n_sents=10, no_print=True))
    scores = nlp.evaluate([Example(nlp.make_doc(d.text), d) for d in docs])
    for key, floor in FLOORS.items():
        assert scores[key] >= floor, f"{key} {scores[key]:.3f} < {floor}"


def _annotations(nlp, texts):
    return [[(t.text, t.tag_, t.pos_, str(t.morph), t.head.i, t.dep_, t.lemma_, t.is_sent_start) for t in doc] for doc in nlp.pipe(texts)]


def test_numpy_blas_ops_parse_exactly_as_spacys_default_ops():
    """claimcheck builds the models on NumPy's BLAS for speed: the same tags, parses and lemmas."""
    from thinc.api import use_ops

    texts = [b.text for a in load_corpus(ROOT / "corpus", Settings()).articles for b in a.body_blocks]
    default = spacy.load(BUNDLED_PIPELINE)
    with use_ops("numpy", use_blis=False):
        numpy_blas = spacy.load(BUNDLED_PIPELINE)
    assert _annotations(numpy_blas, texts) == _annotations(default, texts)
    tok2vec = load_pipeline(None).get_pipe("tok2vec").model
    assert all(node.ops.use_blis is False for node in tok2vec.walk()), "claimcheck's pipeline takes the NumPy path"


def test_cost_sentence_cause_effect_and_comparative_from_the_parse():
    doc = load_pipeline(None)(COST)
    cause = next(c for c in doc._.claims if c.causal_role is CausalRole.CAUSE)
    effect = next(c for c in doc._.claims if c.causal_role is CausalRole.EFFECT)
    assert cause.text == "botox treatments are more costly than painkillers"
    assert effect.text.startswith("people make this their preferred method")
    assert cause.effect == effect.text
    assert [c.text for c in cause.comparatives] == ["more costly than painkillers"]


def test_seed_corpus_flags_the_garbled_cost_reasoning():
    settings = Settings()
    result = run(load_corpus(ROOT / "corpus", settings), settings)
    flags = [f for f in result.flags if f.kind is FlagKind.CAUSAL_INCOHERENCE and "more costly than painkillers" in f.sentence_a]
    assert len(flags) == 1
    flag = flags[0]
    assert flag.doc_a == "004_e2ec1ee79ab20de1" and flag.severity is Severity.HIGH and flag.sentence_b == ""
    assert "costly" in flag.explanation and "preferred" in flag.explanation
