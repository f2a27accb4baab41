"""Sentence embeddings for semantic matching: all-MiniLM-L6-v2 as an int8 ONNX model.

The model directory is what ``tools/build_model.py`` writes: ``model.onnx`` (encoder,
mean pooling and L2 normalisation in one graph, output ``sentence_embedding``),
``tokenizer.json`` and ``manifest.json``. This module only runs it, with onnxruntime,
tokenizers and numpy; torch is never needed at run time.

Every import of those three happens inside a function, so importing this module costs
nothing: a command that never matches semantically never pays for onnxruntime (about
0.1 s to import, and 60 MB of memory once a session exists).

Any problem with the files (missing, truncated, garbage, not the graph this module
expects) surfaces as :class:`ModelUnavailable`, whose message names the file and the
reason, so a caller can fall back to lexical matching and say why.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy
    import numpy.typing as npt
    from tokenizers import Tokenizer

MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
MANIFEST_FILE = "manifest.json"
OUTPUT = "sentence_embedding"
# The graph's int64 inputs; a model without token_type_ids (not the shipped one) is fine.
REQUIRED_INPUTS = ("input_ids", "attention_mask")
OPTIONAL_INPUTS = ("token_type_ids",)
# all-MiniLM-L6-v2 was trained on 128-token inputs; used when no manifest says otherwise.
DEFAULT_MAX_TOKENS = 128
PAD_TOKEN = "[PAD]"
# Texts per run of the model. Per text, 4 to 16 cost the same CPU and 32 a little more,
# while the attention scores grow with the batch: a batch of 32 long texts took 25 MB
# more, and a 10,000-message triage's peak memory crept up with its longest window.
BATCH_SIZE = 8
# onnxruntime severity 3 = ERROR: its warnings (e.g. about unused initialisers) are not
# the user's business and would land on a CLI's stderr.
LOG_ERRORS_ONLY = 3


class ModelUnavailable(Exception):
    """The model cannot be used: a file is missing, damaged, or not what it should be."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"semantic model unavailable: {path}: {reason}")
        self.path = path
        self.reason = reason


def _first_line(error: BaseException) -> str:
    # onnxruntime and tokenizers put the useful part first; the rest is C++ context.
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


def _read_manifest(model_dir: Path) -> dict[str, Any] | None:
    """The manifest as a dict, None if there is none; damaged -> ModelUnavailable."""
    path = model_dir / MANIFEST_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        # Optional: it adds the cheap size checks below, but a hand-made model directory
        # (or an older one) without it still loads.
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise ModelUnavailable(path, f"cannot be read: {_first_line(error)}") from error
    try:
        manifest = json.loads(text)
    except json.JSONDecodeError as error:
        raise ModelUnavailable(path, f"is not valid JSON: {error}") from error
    if not isinstance(manifest, dict):
        raise ModelUnavailable(path, "is not a JSON object")
    return manifest


def _expected_files(manifest: dict[str, Any] | None, model_dir: Path) -> dict[str, Any]:
    if manifest is None:
        return {}
    files = manifest.get("files", {})
    if not isinstance(files, dict):
        raise ModelUnavailable(model_dir / MANIFEST_FILE, "'files' is not an object")
    return files


def verify_files(model_dir: Path) -> None:
    """Check model.onnx and tokenizer.json against the manifest's sha256.

    Not done on every load: hashing 24 MB costs ~15 ms, while a size check (done on
    load) already catches a truncated copy. This is for `doctor`-style checks, where a
    flipped byte that would silently change every embedding must be found.
    """
    model_dir = Path(model_dir)
    manifest = _read_manifest(model_dir)
    if manifest is None:
        raise ModelUnavailable(model_dir / MANIFEST_FILE, "is missing, so nothing to verify")
    files = _expected_files(manifest, model_dir)
    for name in (MODEL_FILE, TOKENIZER_FILE):
        path = model_dir / name
        want = files.get(name, {}).get("sha256") if isinstance(files.get(name), dict) else None
        if not isinstance(want, str):
            raise ModelUnavailable(model_dir / MANIFEST_FILE, f"has no sha256 for {name}")
        digest = hashlib.sha256()
        try:
            with path.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
        except OSError as error:
            raise ModelUnavailable(path, f"cannot be read: {_first_line(error)}") from error
        if digest.hexdigest() != want:
            raise ModelUnavailable(path, "sha256 differs from manifest.json (file damaged?)")


def model_key(model_dir: Path) -> str:
    """A short name for the model's version (its manifest's sha256 of model.onnx), so
    vectors cached for one model are never used with another."""
    manifest = _read_manifest(Path(model_dir)) or {}
    files = manifest.get("files") if isinstance(manifest.get("files"), dict) else {}
    entry = files.get(MODEL_FILE) if isinstance(files, dict) else None
    digest = entry.get("sha256") if isinstance(entry, dict) else None
    if isinstance(digest, str):
        return digest[:16]
    path = Path(model_dir) / MODEL_FILE
    try:
        stat = path.stat()
    except OSError:
        return "unknown"
    return f"{stat.st_size:x}-{stat.st_mtime_ns:x}"


_LOADED: dict[tuple[object, ...], Embedder] = {}
_KEPT = 2  # models kept loaded per process


def shared_embedder(model_dir: Path, *, threads: int = 1) -> Embedder:
    """The model of `model_dir`, loaded once per process while its files are unchanged.

    `ask` loads it at most once anyway; a program answering many messages through the
    library (or a test suite running many commands in one process) pays the ~0.2 s
    load once. Any change to a model file (size or time) loads it afresh.
    """
    files = (MODEL_FILE, TOKENIZER_FILE, MANIFEST_FILE)
    try:
        stats = tuple(
            (s.st_size, s.st_mtime_ns) for s in (Path(model_dir, f).stat() for f in files)
        )
    except OSError:
        return Embedder(model_dir, threads=threads)  # a file missing: its own clear error
    key = (str(Path(model_dir).resolve()), threads, stats)
    if key not in _LOADED:
        while len(_LOADED) >= _KEPT:
            del _LOADED[next(iter(_LOADED))]
        _LOADED[key] = Embedder(model_dir, threads=threads)
    return _LOADED[key]


class Embedder:
    """Turns texts into unit-length 384-d vectors; cosine similarity is a dot product."""

    dimensions: int
    max_tokens: int

    def __init__(self, model_dir: Path, *, threads: int = 1) -> None:
        if threads < 1:
            raise ValueError(f"threads must be at least 1, not {threads}")
        model_dir = Path(model_dir)
        self.model_dir = model_dir
        model_path = model_dir / MODEL_FILE
        tokenizer_path = model_dir / TOKENIZER_FILE
        # Missing files first and by name: onnxruntime's own message for a missing file
        # is a C++ error about "Load model from ... failed", less clear to a user.
        for path in (model_path, tokenizer_path):
            if not path.is_file():
                raise ModelUnavailable(path, "file is missing")

        manifest = _read_manifest(model_dir)
        expected = _expected_files(manifest, model_dir)
        for path in (model_path, tokenizer_path):
            entry = expected.get(path.name)
            want = entry.get("bytes") if isinstance(entry, dict) else None
            size = path.stat().st_size
            # A stat is free and catches the usual damage (an interrupted copy or a Git
            # LFS pointer checked out instead of the file) before a confusing parse error.
            if isinstance(want, int) and size != want:
                raise ModelUnavailable(
                    path, f"is {size} bytes, manifest.json says {want} (truncated or replaced?)"
                )
        max_tokens = (manifest or {}).get("max_tokens")
        self.max_tokens = max_tokens if isinstance(max_tokens, int) else DEFAULT_MAX_TOKENS

        self._tokenizer = self._load_tokenizer(tokenizer_path)
        self._session = self._load_session(model_path, threads)
        self._inputs = self._check_graph(model_path)
        self.dimensions = self._output_dimensions(model_path)
        wanted = (manifest or {}).get("dimensions")
        if isinstance(wanted, int) and wanted != self.dimensions:
            raise ModelUnavailable(
                model_path, f"outputs {self.dimensions} dimensions, manifest.json says {wanted}"
            )

    def _load_tokenizer(self, path: Path) -> Tokenizer:
        # Tokenisation is under 1% of encoding time, so its Rust thread pool buys nothing;
        # and once that pool has run, any later fork() of this process prints a warning
        # on stderr (and risks a deadlock). setdefault keeps a user's explicit choice.
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from tokenizers import Tokenizer

        try:
            tokenizer = Tokenizer.from_file(str(path))
        except Exception as error:  # tokenizers raises plain Exception for bad JSON
            raise ModelUnavailable(path, f"is not a tokenizer: {_first_line(error)}") from error
        pad_id = tokenizer.token_to_id(PAD_TOKEN)
        if pad_id is None:
            raise ModelUnavailable(path, f"has no {PAD_TOKEN} token")
        # Set here rather than trusting the file: longer texts are cut at the length the
        # model was trained on, and each batch is padded only to its own longest text.
        tokenizer.enable_truncation(max_length=self.max_tokens)
        tokenizer.enable_padding(pad_id=pad_id, pad_token=PAD_TOKEN)
        return tokenizer

    @staticmethod
    def _load_session(path: Path, threads: int) -> Any:
        # onnxruntime ships no type information, hence Any for the session; the second
        # code keeps mypy quiet once a project config ignores the missing stubs itself.
        import onnxruntime  # type: ignore[import-untyped, unused-ignore]

        # Process-wide logger: also silences what is logged outside any one session.
        onnxruntime.set_default_logger_severity(LOG_ERRORS_ONLY)
        # Telemetry exists only in Windows builds; switching it off costs nothing.
        if hasattr(onnxruntime, "disable_telemetry_events"):
            onnxruntime.disable_telemetry_events()
        options = onnxruntime.SessionOptions()
        # One thread by default: a CLI encoding one query is latency-bound, and a pool
        # of spinning workers would compete with the rest of the process on 2 cores.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Workers that spin between operators doubled the CPU and wall time of loading
        # the model and encoding one question with two threads (~100 ms of `ask`), and
        # on a busy machine they only take turns away from the work.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = LOG_ERRORS_ONLY
        try:
            return onnxruntime.InferenceSession(
                str(path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as error:  # InvalidProtobuf, Fail, ...: all plain Exception
            raise ModelUnavailable(
                path, f"onnxruntime {onnxruntime.__version__} cannot load it: {_first_line(error)}"
            ) from error

    def _check_graph(self, path: Path) -> tuple[str, ...]:
        """The input names to feed; a graph with other inputs is not our model."""
        names = tuple(node.name for node in self._session.get_inputs())
        known = REQUIRED_INPUTS + OPTIONAL_INPUTS
        if not set(REQUIRED_INPUTS) <= set(names) or not set(names) <= set(known):
            raise ModelUnavailable(path, f"has inputs {list(names)}, expected {list(known)}")
        return names

    def _output_dimensions(self, path: Path) -> int:
        outputs = {node.name: node.shape for node in self._session.get_outputs()}
        shape = outputs.get(OUTPUT)
        # (batch, dims): a 3-d output would be per-token states the caller would have to
        # pool, i.e. a model built without the pooling this module relies on.
        if shape is None or len(shape) != 2 or not isinstance(shape[1], int):
            raise ModelUnavailable(path, f"has no {OUTPUT} output of shape (batch, dims)")
        return int(shape[1])

    def encode(
        self, texts: Sequence[str], *, batch_size: int = BATCH_SIZE
    ) -> npt.NDArray[numpy.float32]:
        """One unit-length float32 row per text, in the order given."""
        import numpy

        # A str is a Sequence[str] too; encoding it letter by letter is never meant.
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of texts, not one str")
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        result = numpy.zeros((len(texts), self.dimensions), dtype=numpy.float32)
        if not texts:
            return result
        # Texts of similar length share a batch, so little time goes on padding. This
        # leaves every vector unchanged: the shipped model quantises activations per row,
        # so a text's embedding does not depend on its batch-mates.
        order = sorted(range(len(texts)), key=lambda index: len(texts[index]))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            encodings = self._tokenizer.encode_batch([texts[index] for index in chunk])
            columns = {
                "input_ids": [encoding.ids for encoding in encodings],
                "attention_mask": [encoding.attention_mask for encoding in encodings],
                "token_type_ids": [encoding.type_ids for encoding in encodings],
            }
            feed = {name: numpy.array(columns[name], dtype=numpy.int64) for name in self._inputs}
            (vectors,) = self._session.run([OUTPUT], feed)
            result[chunk] = vectors
        return result

    def __repr__(self) -> str:
        return f"Embedder({str(self.model_dir)!r}, dimensions={self.dimensions})"
