#!/usr/bin/env bash
# Checks the GPU path on a GPU host: loads the embedding models (all-MiniLM-L6-v2 and
# bge-small-en-v1.5, and a small CLIP-shaped image model the test writes) on the GPU through
# ONNX Runtime's CUDA and TensorRT execution providers, and compares every vector with the
# CPU's (cosine >= 0.99). Builds with -Pgpu (the onnxruntime_gpu jar). A missing GPU or library
# is a failure here, never a skip. What to install: README.md, section "GPU".
#
# Usage: scripts/gpu-check.sh            (from anywhere; extra arguments go to Maven)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

fail() { echo "gpu-check: $*" >&2; exit 1; }

command -v nvidia-smi >/dev/null 2>&1 || fail "nvidia-smi not found: no NVIDIA driver on this host"
nvidia-smi --query-gpu=index,name,driver_version,memory.total --format=csv,noheader \
  || fail "nvidia-smi cannot talk to the driver"

# ONNX Runtime 1.21's GPU build links CUDA 12 and cuDNN 9; its TensorRT provider TensorRT 10.
missing=()
for lib in libcudart.so.12 libcublas.so.12 libcublasLt.so.12 libcufft.so.11 libcurand.so.10 \
           libcudnn.so.9 libnvinfer.so.10 libnvinfer_plugin.so.10 libnvonnxparser.so.10; do
  found=""
  if ldconfig -p 2>/dev/null | grep -q "$lib"; then found=yes; fi
  for dir in ${LD_LIBRARY_PATH//:/ }; do
    [ -e "$dir/$lib" ] && found=yes
  done
  [ -n "$found" ] || missing+=("$lib")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "gpu-check: not found by ldconfig or in LD_LIBRARY_PATH: ${missing[*]}" >&2
  echo "gpu-check: the CUDA test needs the CUDA 12 and cuDNN 9 ones, the TensorRT test libnvinfer*" >&2
fi

log="$(mktemp)"
if ! mvn -B -Pgpu verify -pl udfs -am \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=GpuEmbeddingITCase -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dframewise.gpu.required=true "$@" >"$log" 2>&1; then
  grep -E "cosine|Tests run|FAIL|Assumption|expected|Error" "$log" >&2 || tail -50 "$log" >&2
  fail "the GPU check failed (full Maven output: $log)"
fi
grep -E "worst cosine|Tests run:" "$log" | sort -u
grep -q "Skipped: [1-9]" "$log" && echo "gpu-check: some cases were skipped (see above)"
rm -f "$log"
echo "gpu-check: GPU vectors match the CPU's"
