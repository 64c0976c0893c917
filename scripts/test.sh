#!/usr/bin/env bash
# Installs what is missing (apt-get), builds, and runs every test under CTest.
#   scripts/test.sh                 Release build in build/release, all tests
#   ASTRO_SANITIZE=1 scripts/test.sh  also a Debug build with ASan/UBSan (build/asan), all tests
#                                    (the default when CI=true; ASTRO_SANITIZE=0 turns it off)
#   After the Release suite, the fuzz smoke: scripts/fuzz.sh --smoke builds the libFuzzer harnesses
#   (clang, build/fuzz) and runs each briefly; a finding fails the run. ASTRO_FUZZ_SMOKE=0 skips it.
# The CTest summary ("N% tests passed …") closes the output; the exit status is CTest's.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=$(nproc 2>/dev/null || echo 2)

scripts/deps.sh

run_suite() {  # build-dir build-type
  local dir=$1 type=$2
  echo "==> Configuring $type build in $dir"
  cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE="$type" -DASTRO_BUILD_TESTS=ON >"$dir.configure.log" 2>&1 ||
    { cat "$dir.configure.log"; exit 1; }
  echo "==> Building ($jobs jobs)"
  local start=$SECONDS
  if ! cmake --build "$dir" -j "$jobs" >"$dir.build.log" 2>&1; then
    grep -E 'error|Error [0-9]' "$dir.build.log" | head -50
    echo "Build failed; full log: $dir.build.log"
    exit 1
  fi
  grep -E 'warning:' "$dir.build.log" | sort -u | head -20 || true
  echo "    built in $((SECONDS - start)) s"
  echo "==> Running tests ($type)"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 300
}

mkdir -p build
run_suite build/release Release
if [ "${ASTRO_FUZZ_SMOKE:-1}" != "0" ]; then
  echo "==> Fuzz smoke (each harness ${ASTRO_FUZZ_SMOKE_SECONDS:-20} s)"
  ASTRO_FUZZ_JOBS=$jobs scripts/fuzz.sh --smoke
fi
# CI also runs the whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
if [ "${ASTRO_SANITIZE:-${CI:-false}}" = "1" ] || [ "${ASTRO_SANITIZE:-${CI:-false}}" = "true" ]; then
  run_suite build/asan Debug
fi
