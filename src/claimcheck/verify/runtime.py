"""The learned verifier at run time: an int8 ONNX pair classifier and its tokenizer, loaded once
per process, scoring (premise, hypothesis) pairs in length-sorted batches with dynamic padding,
one single-threaded model run per core at a time.

No torch, no model hub, no network: onnxruntime and tokenizers read the files shipped in
``claimcheck/models/verifier`` (trained and exported by ``training/nli``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from claimcheck.errors import VerifierModelError

LOGGER = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "verifier"
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
CONFIG_FILE = "config.json"
LABELS = ("entailment", "neutral", "contradiction")  # the columns of every score array
ENTAILMENT, NEUTRAL, CONTRADICTION = range(3)
MAX_THREADS = 4  # model runs at once; the pairs of one run are too short to share out among threads


def _file(folder: Path, name: str) -> Path:
    path = folder / name
    if not path.is_file():
        raise VerifierModelError(f"verifier model file missing: {path}")
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _default_threads() -> int:
    from claimcheck.settings import usable_cores

    return max(1, min(usable_cores(), MAX_THREADS))


class Verifier:
    """(premise, hypothesis) -> P(entailment, neutral, contradiction), like sentence-transformers'
    ``CrossEncoder.predict``: one call, an array out.

    A missing or unreadable file is a :class:`VerifierModelError` naming it."""

    def __init__(self, folder: Path | str = MODEL_DIR, threads: int | None = None) -> None:
        # tokenizers' own thread pool, once used, warns on stderr in every process forked later
        # (extraction workers); the pairs are short, so one thread tokenises them fast enough
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.folder = Path(folder)
        model_path = _file(self.folder, MODEL_FILE)
        config_path = _file(self.folder, CONFIG_FILE)
        tokenizer_path = _file(self.folder, TOKENIZER_FILE)
        try:
            config = json.loads(config_path.read_text(encoding="utf-8"))
            self.config: dict = config if isinstance(config, dict) else {}
            labels = tuple(config["labels"])
            self.max_len = int(config["max_len"])
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            raise VerifierModelError(f"verifier config unreadable: {config_path} ({type(exc).__name__})") from None
        if labels != LABELS:
            raise VerifierModelError(f"verifier config has labels {list(labels)}, expected {list(LABELS)}: {config_path}")
        try:
            self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as exc:  # noqa: BLE001 - the Rust tokenizer raises plain Exception on bad JSON
            raise VerifierModelError(f"verifier tokenizer unreadable: {tokenizer_path} ({str(exc).splitlines()[0][:80]})") from None
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(self.max_len, strategy="longest_first")
        # one thread per run and several runs at once (onnxruntime's run is thread-safe): a run of
        # one short pair split among threads spends much of its time waiting for them
        # (1,500 BBC pairs on 2 cores: 231 pairs/s with 2 threads per run, 278 with 2 runs at once)
        self.threads = threads or _default_threads()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        try:
            self.session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own (non-exported) error types
            reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
            raise VerifierModelError(f"verifier model corrupt or unreadable: {model_path} ({reason})") from None
        names = {i.name for i in self.session.get_inputs()}
        if not {"input_ids", "attention_mask"} <= names:
            raise VerifierModelError(f"verifier model has unexpected inputs {sorted(names)}: {model_path}")
        self._inputs = names
        self.model_hash = _sha256(model_path)

    def score(self, pairs: Sequence[tuple[str, str]], batch_size: int = 1) -> np.ndarray:
        """Probabilities, shape (len(pairs), 3), columns ``LABELS``, rows in the order given.

        ``batch_size`` 1 (the default) runs each pair alone, so its score depends on nothing but
        the pair: the model's int8 quantisation scales activations per run, and in a batch the
        other rows (and the padding) move a pair's probabilities by up to 0.37 (measured), which a
        score cache cannot allow. Claims are short (about 40 tokens a pair), so one pair per run is
        as fast as batches of 64 (benchmarks/verifier.py). Larger batches are sorted by length
        and padded to their longest pair."""
        out = np.zeros((len(pairs), len(LABELS)), dtype=np.float32)
        if not len(pairs):
            return out
        encodings = self.tokenizer.encode_batch([(str(a), str(b)) for a, b in pairs])
        lengths = np.array([len(e.ids) for e in encodings])
        order = np.argsort(lengths, kind="stable")  # similar lengths together: little padding
        batches = [order[start : start + max(1, batch_size)] for start in range(0, len(order), max(1, batch_size))]

        def run(index: np.ndarray) -> None:
            width = int(lengths[index].max())
            ids = np.zeros((len(index), width), dtype=np.int64)
            types = np.zeros_like(ids)
            mask = np.zeros_like(ids)
            for row, i in enumerate(index):
                enc = encodings[i]
                n = len(enc.ids)
                ids[row, :n] = enc.ids
                types[row, :n] = enc.type_ids
                mask[row, :n] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feeds["token_type_ids"] = types
            logits = self.session.run(None, feeds)[0].astype(np.float32)
            logits -= logits.max(axis=1, keepdims=True)
            probs = np.exp(logits)
            out[index] = probs / probs.sum(axis=1, keepdims=True)

        if self.threads == 1 or len(batches) == 1:
            for index in batches:
                run(index)
        else:
            with ThreadPoolExecutor(self.threads) as pool:
                for _ in pool.map(run, batches):  # each writes its own rows; this re-raises errors
                    pass
        return out


@functools.lru_cache(maxsize=2)
def load_verifier(folder: Path | str = MODEL_DIR, threads: int | None = None) -> Verifier:
    """The verifier for ``folder``, loaded once per process (each --jobs process or Dask worker
    that calls this holds its own)."""
    verifier = Verifier(folder, threads)
    LOGGER.debug("verifier loaded from %s (sha256 %s)", verifier.folder, verifier.model_hash[:12])
    return verifier
