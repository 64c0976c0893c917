#!/usr/bin/env bash
# Installs what is missing (apt-get), builds, and runs every test under CTest.
#   scripts/test.sh                 Release build (GCC) in build/release, all tests
#   ASTRO_SANITIZE=1 scripts/test.sh  also every test again under ASan and UBSan (the default when
#                                    CI=true; ASTRO_SANITIZE=0 turns it off), in the fuzz build
#                                    (build/fuzz: clang 14, the libFuzzer harnesses' flags), so
#                                    the sanitizer pass and the harnesses share one compile (the
#                                    GCC Debug build still carries ASan/UBSan when made by hand)
#   After the Release suite, the fuzz smoke: scripts/fuzz.sh --smoke builds the libFuzzer harnesses
#   (clang, build/fuzz) and runs each briefly; a finding fails the run. ASTRO_FUZZ_SMOKE=0 skips it.
# The CTest summary ("N% tests passed …") closes the output; the exit status is CTest's.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=$(nproc 2>/dev/null || echo 2)

scripts/deps.sh

run_suite() {  # build-dir build-type [cmake options...]
  local dir=$1 type=$2
  shift 2
  echo "==> Configuring $type build in $dir"
  cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE="$type" -DASTRO_BUILD_TESTS=ON "$@" >"$dir.configure.log" 2>&1 ||
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
# The sanitizer pass, in the fuzz build: clang with ASan and UBSan (every finding aborts) and
# libFuzzer's coverage instrumentation. The libraries the smoke just compiled there are reused:
# only the tests are left to build (one compile of everything fewer than a build of its own).
sanitize=${ASTRO_SANITIZE:-${CI:-false}}
if [ "$sanitize" = "1" ] || [ "$sanitize" = "true" ]; then
  run_suite build/fuzz Fuzz -DCMAKE_CXX_COMPILER="${ASTRO_FUZZ_CXX:-clang++-14}" -DASTRO_BUILD_FUZZ=ON
fi
