#!/usr/bin/env bash
# The mlp task's GPU checks in one go, on a machine with a CUDA GPU: the GPU tests, the grader's
# GPU threshold on the reference, and the trainer benchmark. Everything is also written to OUT_DIR.
#
#   bash benchmarks/gpu_check.sh OUT_DIR [MNIST_DIR]      # MNIST_DIR: else $DLGRADE_DATA, else the loader's search
#
# Runs from a checkout without installing it (PYTHONPATH); needs torch, numpy, pytest, hypothesis,
# matplotlib, click and rich.
set -uo pipefail
out=${1:?usage: bash benchmarks/gpu_check.sh OUT_DIR [MNIST_DIR]}
cd "$(dirname "$0")/.."
mkdir -p "$out"
out=$(cd "$out" && pwd)
[ -n "${2:-}" ] && export DLGRADE_DATA="$(cd "$2" && pwd)"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
status=0
step() {  # step NAME COMMAND...: run it, keep its output in OUT_DIR/NAME.txt, remember a failure
  local name=$1; shift
  echo "== $name: $*"
  "$@" 2>&1 | tee "$out/$name.txt"
  local rc=${PIPESTATUS[0]}
  echo "== $name: exit $rc"
  [ "$rc" -eq 0 ] || status=1
}
step gpu nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv
step doctor python -m graders.cli.kit doctor
step tests python -m pytest -p no:cacheprovider -q -s tests/test_gpu.py tests/test_mlp_grading.py \
  tests/test_wire.py "tests/test_variants.py::test_variant_is_graded_right" -k "gpu or mlp or wire or cuda"
step grade python -m graders.cli.kit grade solutions --tasks mlp --out "$out/grade"
step bench python benchmarks/bench_mlp.py
exit $status
