"""The learned verifier: the shipped model loads offline and judges hand-written pairs of every
kind; missing and corrupt model files are one-line errors (exit 2); the score cache; the off switch."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.config import resolve
from claimcheck.errors import ClaimcheckError, ModelError, VerifierModelError
from claimcheck.settings import Settings
from claimcheck.verify import (
    CONTRADICTION,
    ENTAILMENT,
    LABELS,
    NEUTRAL,
    ScoreCache,
    Verifier,
    load_verifier,
    score_pairs,
    score_texts,
)
from claimcheck.verify.runtime import MODEL_DIR
from verifier_pairs import CONTRADICTION as CONTRADICTION_PAIRS
from verifier_pairs import ENTAILMENT as ENTAILMENT_PAIRS
from verifier_pairs import NEUTRAL as NEUTRAL_PAIRS

# At least this share of each group's hand-written pairs gets the right argmax label. Measured on
# the shipped model (docs/verifier.md): 11-12 of 12 for nine kinds, 16 of 16 paraphrases, 7 of 12
# traps; role swaps 5 and attribution 7 of 12 (it reads a swap of two common nouns, "the
# landlord sued the tenants", or another speaker as a paraphrase), so their floors are lower.
FLOORS = {kind: 0.75 for kind in CONTRADICTION_PAIRS} | {"role_swap": 0.4, "attribution": 0.4,
                                                         "entailment": 0.75, "neutral": 0.5}


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return load_verifier()


def test_shipped_model_loads_offline(verifier: Verifier, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("model.onnx", "tokenizer.json", "config.json", "LICENSE"):
        assert (MODEL_DIR / name).is_file(), name
    assert (MODEL_DIR / "model.onnx").stat().st_size <= 40_000_000
    assert len(verifier.model_hash) == 64
    assert load_verifier() is verifier  # once per process
    probs = verifier.score([("The bridge opened in 1990.", "The bridge opened in 1990.")])
    assert probs.shape == (1, 3) and probs.dtype == np.float32
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert probs[0].argmax() == ENTAILMENT


def test_scores_keep_the_order_of_the_pairs(verifier: Verifier) -> None:
    pairs = [("A short claim about rain.", "It rained."),
             ("The council approved a budget of $3.4 million for the new library on the high street, officials said.",
              "The council approved a budget of $8.1 million for the new library on the high street, officials said."),
             ("Shares rose.", "Shares fell.")]
    together = verifier.score(pairs)
    one_by_one = np.vstack([verifier.score([p]) for p in pairs])
    assert np.array_equal(together, one_by_one)  # by default each score is its pair's alone
    assert np.array_equal(verifier.score(pairs[::-1]), together[::-1])
    # runs at once on several threads: each row still the score of its own pair alone
    assert np.array_equal(Verifier(threads=3).score(pairs * 3), np.vstack([one_by_one] * 3))
    assert np.array_equal(Verifier(threads=1).score(pairs), one_by_one)
    batched = verifier.score(pairs, batch_size=2)  # length-sorted batches: same order out
    assert batched.shape == (3, 3) and np.allclose(batched.sum(axis=1), 1.0, atol=1e-5)
    assert verifier.score([]).shape == (0, 3)


def _accuracy(verifier: Verifier, pairs: list[tuple[str, str]], label: int) -> tuple[float, list[str]]:
    probs = verifier.score(pairs)
    wrong = [f"{a!r} / {b!r}: {LABELS[p.argmax()]} {p.round(2).tolist()}" for (a, b), p in zip(pairs, probs) if p.argmax() != label]
    return 1 - len(wrong) / len(pairs), wrong


@pytest.mark.parametrize("kind", sorted(CONTRADICTION_PAIRS))
def test_hand_written_contradictions_of_each_kind(verifier: Verifier, kind: str) -> None:
    pairs = CONTRADICTION_PAIRS[kind]
    assert len(pairs) >= 12
    accuracy, wrong = _accuracy(verifier, pairs, CONTRADICTION)
    assert accuracy >= FLOORS[kind], "\n".join(wrong)


def test_hand_written_paraphrases_are_entailed(verifier: Verifier) -> None:
    accuracy, wrong = _accuracy(verifier, ENTAILMENT_PAIRS, ENTAILMENT)
    assert accuracy >= FLOORS["entailment"], "\n".join(wrong)


def test_hand_written_traps_are_not_contradictions(verifier: Verifier) -> None:
    accuracy, wrong = _accuracy(verifier, NEUTRAL_PAIRS, NEUTRAL)
    assert accuracy >= FLOORS["neutral"], "\n".join(wrong)
    probs = verifier.score(NEUTRAL_PAIRS)
    contradiction_share = float((probs.argmax(1) == CONTRADICTION).mean())
    contradictions = np.vstack([verifier.score(p) for p in CONTRADICTION_PAIRS.values()])
    # a trap scores lower P(contradiction) than the planted contradictions, on the whole
    assert np.median(probs[:, CONTRADICTION]) < np.median(contradictions[:, CONTRADICTION])
    assert contradiction_share <= 0.5


# -- broken model files ----------------------------------------------------------------------


@pytest.fixture()
def model_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "verifier"
    shutil.copytree(MODEL_DIR, folder)
    return folder


@pytest.mark.parametrize("name", ["model.onnx", "tokenizer.json", "config.json"])
def test_missing_model_file_names_it(model_copy: Path, name: str) -> None:
    (model_copy / name).unlink()
    with pytest.raises(VerifierModelError, match=name) as info:
        Verifier(model_copy)
    assert isinstance(info.value, ModelError) and isinstance(info.value, ClaimcheckError)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(("name", "content"), [
    ("model.onnx", b"\x08\x07garbage, not a protobuf"),
    ("model.onnx", b""),
    ("tokenizer.json", b"{not json"),
    ("config.json", b"{\"labels\": [\"yes\", \"no\"], \"max_len\": 128}"),
    ("config.json", b"\xff\xfe"),
])
def test_corrupt_model_file_names_it(model_copy: Path, name: str, content: bytes) -> None:
    (model_copy / name).write_bytes(content)
    with pytest.raises(VerifierModelError, match=name) as info:
        Verifier(model_copy)
    assert "\n" not in str(info.value)


def test_truncated_model_is_a_model_error(model_copy: Path) -> None:
    path = model_copy / "model.onnx"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    with pytest.raises(VerifierModelError, match="model.onnx"):
        Verifier(model_copy)


def test_cli_maps_a_model_error_to_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A command that hits a broken verifier prints one line naming the file and exits 2."""
    import typer

    from claimcheck.cli import _errors

    with pytest.raises(typer.Exit) as info, _errors(debug=False):
        Verifier(tmp_path / "nowhere")
    assert info.value.exit_code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [f"claimcheck: error: verifier model file missing: {tmp_path / 'nowhere' / 'model.onnx'}"]


# -- scoring claim pairs, the cache, the off switch ----------------------------------------------


class CountingVerifier:
    """The shipped verifier, counting the pairs it is asked to score."""

    def __init__(self, inner: Verifier) -> None:
        self.inner = inner
        self.model_hash = inner.model_hash
        self.max_len = inner.max_len
        self.scored = 0

    def score(self, pairs, batch_size: int = 1):
        self.scored += len(pairs)
        return self.inner.score(pairs, batch_size=batch_size)


A = ["The plant employs 800 people.", "Shares rose 5 percent.", "The mayor resigned on Monday."]
B = ["The plant employs 300 people.", "Shares fell 5 percent.", "The mayor resigned on Monday."]


def test_score_pairs_both_directions(verifier: Verifier, tmp_path: Path) -> None:
    settings = Settings(cache_dir=None, verifier=True)
    forward = score_pairs(A, B, settings, verifier=verifier)
    both = score_pairs(A, B, settings, both_directions=True, verifier=verifier)
    assert forward.shape == (3, 3) and both.shape == (3, 2, 3)
    assert np.array_equal(both[:, 0], forward)
    assert np.array_equal(both[:, 1], verifier.score(list(zip(B, A))))


def test_cache_scores_only_new_pairs(verifier: Verifier, tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path / "cache")
    counting = CountingVerifier(verifier)
    first = score_texts(A[:2], B[:2], settings, verifier=counting)
    assert counting.scored == 2
    again = score_texts(A, B, settings, verifier=counting)  # one new pair ("add")
    assert counting.scored == 3
    assert np.allclose(again[:2], first, atol=1e-3)  # stored as float16
    reverse = score_texts(B[:1], A[:1], settings, verifier=counting)  # the other direction is another pair
    assert counting.scored == 4
    assert reverse.shape == (1, 3)


def test_cache_is_keyed_by_model_hash(verifier: Verifier, tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path / "cache")
    counting = CountingVerifier(verifier)
    score_texts(A, B, settings, verifier=counting)
    counting.model_hash = "0" * 64  # another model: nothing it finds was scored by it
    score_texts(A, B, settings, verifier=counting)
    assert counting.scored == 6


def test_corrupt_cache_file_is_a_miss(verifier: Verifier, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(cache_dir=tmp_path / "cache")
    counting = CountingVerifier(verifier)
    expected = score_texts(A, B, settings, verifier=counting)
    cache = ScoreCache(tmp_path / "cache", verifier.model_hash, verifier.max_len)
    assert cache.path.is_file()
    cache.path.write_bytes(b"PK\x03\x04 broken")
    again = score_texts(A, B, settings, verifier=counting)
    assert counting.scored == 6
    assert np.allclose(again, expected, atol=1e-3)
    assert "ignoring unreadable verifier cache" in caplog.text


def test_verifier_off_scores_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import claimcheck.verify.scoring as scoring

    def broken(*args, **kwargs):
        raise AssertionError("the verifier was loaded although it is off")

    monkeypatch.setattr(scoring, "load_verifier", broken)
    assert score_pairs(A, B, Settings(verifier=False)) is None
    with pytest.raises(AssertionError):
        score_pairs(A, B, Settings(verifier=True, cache_dir=None))


def test_verifier_setting_from_config_and_cli(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    assert resolve(corpus, cwd=tmp_path).settings.verifier is False  # off by default (docs/verifier.md)
    (corpus / "claimcheck.toml").write_text("verifier = true\n", encoding="utf-8")
    assert resolve(corpus, cwd=tmp_path).settings.verifier is True
    (corpus / "claimcheck.toml").write_text("verifier = false\n", encoding="utf-8")
    assert resolve(corpus, cwd=tmp_path).settings.verifier is False
    assert resolve(corpus, {"verifier": True}, cwd=tmp_path).settings.verifier is True
    (corpus / "claimcheck.toml").write_text('verifier = "maybe"\n', encoding="utf-8")
    with pytest.raises(ClaimcheckError, match="verifier must be true or false"):
        resolve(corpus, cwd=tmp_path)


def test_compare_verifier_option(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Rain\n\nThe council approved the budget on Monday.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Budget\n\nThe council rejected the budget on Monday.\n", encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(app, ["compare", str(corpus), "--out", str(tmp_path / "out"), "--model", "fallback", "--verifier", "off", "-q"])
    assert ok.exit_code in (0, 1), ok.output
    assert (tmp_path / "out" / "flags.csv").is_file()
    bad = runner.invoke(app, ["compare", str(corpus), "--out", str(tmp_path / "out2"), "--model", "fallback", "--verifier", "maybe"])
    assert bad.exit_code == 2
    assert bad.stderr.strip().splitlines() == ["claimcheck: error: --verifier must be 'on' or 'off', got 'maybe'"]
