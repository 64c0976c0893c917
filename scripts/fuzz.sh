#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz/, clang 14, ASan/UBSan) in build/fuzz and runs each
# in turn, one process at a time.
#   scripts/fuzz.sh [SECONDS] [HARNESS[:SECONDS]...]
#                                            each harness for SECONDS (default 600; HARNESS:SECONDS
#                                            for that one), all by default; appends the summary
#                                            to bench/FUZZ_RESULTS.md
#   scripts/fuzz.sh --smoke [HARNESS...]     the CI smoke (scripts/test.sh): each harness for
#                                            ASTRO_FUZZ_SMOKE_SECONDS (default 20); no results file
#   ASTRO_FUZZ_RUNS=N                        also stop each harness after N inputs (whichever of
#                                            N inputs and SECONDS comes first)
#   ASTRO_FUZZ_TIMEOUT=S                     one input running S seconds is a finding (a hang;
#                                            default 10). libFuzzer measures wall-clock time: a
#                                            long run niced on a busy machine wants more.
#   ASTRO_FUZZ_FORK=N                        run each harness as N processes (libFuzzer -fork=N,
#                                            one corpus; executions are their sum): N cores
# A finding (crash, leak, timeout, out of memory) is kept in build/fuzz/findings/<harness>/ and
# makes the exit status 1. An input slower than 10 s (libFuzzer's slow-unit-*) is kept there too
# and reported, but is not a finding: the run goes on, and ASTRO_FUZZ_TIMEOUT decides hangs.
# Long runs record no allocation stacks (ASAN_OPTIONS=malloc_context_size=0 unless ASAN_OPTIONS is
# set): ASan keeps every distinct allocation stack for the life of the process, and cli_config's
# recursive YAML paths grew that store by about 100 MB a minute, slowing each input and ending
# the run at the memory limit within half an hour. A finding still shows where it happened; replay
# it with full stacks: ASAN_OPTIONS= build/fuzz/tests/fuzz/fuzz_<harness> <finding>. The corpus grows in build/fuzz/corpus/<harness>/; the seeds in
# tests/fuzz/corpus/<harness>/ are read, never written. A long run appends its table to
# bench/FUZZ_RESULTS.md (earlier runs and the findings stay above it).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jobs=${ASTRO_FUZZ_JOBS:-2}
all=(http_request json_requests query_params token_codec cli_config cli_args)

smoke=0
if [ "${1:-}" = "--smoke" ]; then
  smoke=1
  shift
  seconds=${ASTRO_FUZZ_SMOKE_SECONDS:-20}
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
else
  seconds=600
fi
given=("$@")
harnesses=()
declare -A seconds_of=()
for arg in "${given[@]}"; do
  h=${arg%%:*}
  [[ " ${all[*]} " == *" $h "* ]] || { echo "unknown harness \"$h\" (one of: ${all[*]})" >&2; exit 2; }
  if [ "$h" != "$arg" ]; then
    [[ "${arg#*:}" =~ ^[0-9]+$ ]] || { echo "\"$arg\": SECONDS after the colon must be a number" >&2; exit 2; }
    seconds_of[$h]=${arg#*:}
  fi
  harnesses+=("$h")
done
[ ${#harnesses[@]} -gt 0 ] || harnesses=("${all[@]}")

cxx=${ASTRO_FUZZ_CXX:-clang++-14}
build=$root/build/fuzz
mkdir -p "$build"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# The tests only when the tree was configured with them (scripts/test.sh's sanitizer pass builds
# them here): this script builds the harnesses alone.
tests=(-DASTRO_BUILD_TESTS=OFF)
grep -qs '^ASTRO_BUILD_TESTS:BOOL=ON' "$build/CMakeCache.txt" && tests=()
echo "==> Configuring the fuzz build in build/fuzz ($cxx)"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Fuzz -DCMAKE_CXX_COMPILER="$cxx" \
  -DASTRO_BUILD_FUZZ=ON "${tests[@]}" "${launcher[@]}" >"$build.configure.log" 2>&1 ||
  { cat "$build.configure.log"; exit 1; }
echo "==> Building the harnesses ($jobs jobs)"
start=$SECONDS
targets=()
for h in "${harnesses[@]}"; do targets+=("fuzz_$h"); done
if ! cmake --build "$build" -j "$jobs" --target "${targets[@]}" >"$build.build.log" 2>&1; then
  grep -E 'error|Error [0-9]' "$build.build.log" | head -50
  echo "Build failed; full log: $build.build.log"
  exit 1
fi
echo "    built in $((SECONDS - start)) s"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo '?')  # what was built (HEAD may move)

runs=()
[ -z "${ASTRO_FUZZ_RUNS:-}" ] || runs=(-runs="$ASTRO_FUZZ_RUNS")
fork=()
if [ -n "${ASTRO_FUZZ_FORK:-}" ]; then
  [[ "$ASTRO_FUZZ_FORK" =~ ^[1-9][0-9]*$ ]] || { echo "ASTRO_FUZZ_FORK must be a number of processes" >&2; exit 2; }
  fork=(-fork="$ASTRO_FUZZ_FORK")
fi
[ "$smoke" -eq 1 ] || export ASAN_OPTIONS=${ASAN_OPTIONS-malloc_context_size=0}
# The CLI harnesses make a throwaway ASTRO_HOME per harness under TMPDIR and rewrite its config
# (with fsync) for every input: on a RAM disk that costs no disk flush.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi

rows=()
failed=0
for h in "${harnesses[@]}"; do
  corpus=$build/corpus/$h findings=$build/findings/$h work=$build/work/$h
  mkdir -p "$corpus" "$findings" "$work"
  log=$build/$h.log
  before=$(find "$findings" -type f ! -name 'slow-unit-*' | wc -l)
  slow_before=$(find "$findings" -type f -name 'slow-unit-*' | wc -l)
  secs_h=${seconds_of[$h]:-$seconds}
  limit=(-max_total_time="$secs_h" "${runs[@]}")
  what="$secs_h s"
  [ -z "${ASTRO_FUZZ_RUNS:-}" ] || what="$ASTRO_FUZZ_RUNS inputs or $secs_h s, whichever comes first"
  [ ${#fork[@]} -eq 0 ] || what="$what, $ASTRO_FUZZ_FORK processes"
  echo "==> fuzz_$h ($what)"
  # The working directory is a scratch one: cli_args runs commands that may write the files its
  # input names. -timeout: one input taking that long is a finding (a hang).
  status=0
  began=$SECONDS
  (cd "$work" && "$build/tests/fuzz/fuzz_$h" "${limit[@]}" "${fork[@]}" -timeout="${ASTRO_FUZZ_TIMEOUT:-10}" -rss_limit_mb=2560 \
     -print_final_stats=1 -artifact_prefix="$findings/" "$corpus" "$root/tests/fuzz/corpus/$h") \
    >"$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  secs=$((SECONDS - began))  # wall time: libFuzzer prints none when it stops at a finding
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  if [ ${#fork[@]} -ne 0 ]; then
    # Fork mode prints no final stats; its progress lines ("#N: cov: … exec/s R …") carry the
    # sum over the processes.
    last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -1)
    execs=$(sed -n 's/^#\([0-9]*\):.*/\1/p' <<<"$last")
    rate=$(sed -n 's/.* exec\/s:\{0,1\} \([0-9]*\) .*/\1/p' <<<"$last")
  fi
  after=$(find "$findings" -type f ! -name 'slow-unit-*' | wc -l)
  slow=$(($(find "$findings" -type f -name 'slow-unit-*' | wc -l) - slow_before))
  new=$((after - before))
  [ "$status" -ne 0 ] && [ "$new" -eq 0 ] && new=1  # died without leaving an artifact
  units=$(find "$corpus" -type f | wc -l)
  echo "    ${execs:-?} executions, ${rate:-?} exec/s, corpus $units, findings $new (log: ${log#"$root"/})"
  [ "$slow" -eq 0 ] || echo "    $slow input(s) slower than 10 s, kept in ${findings#"$root"/}/slow-unit-* (not findings)"
  if [ "$new" -ne 0 ]; then
    failed=1
    grep -E '^==[0-9]+==ERROR|^SUMMARY|runtime error|deadly signal|ERROR: libFuzzer' "$log" | head -5 || true
    ls -t "$findings" | head -3 | sed "s|^|    ${findings#"$root"/}/|" || true
  fi
  rows+=("| $h | $secs | ${execs:-?} | ${rate:-?} | $units | $new | $slow |")
done

if [ "$smoke" -eq 0 ]; then
  results=$root/bench/FUZZ_RESULTS.md
  [ -f "$results" ] || printf '# Fuzzing results\n' >"$results"
  {
    echo
    env_used=""
    for v in ASTRO_FUZZ_RUNS ASTRO_FUZZ_FORK ASTRO_FUZZ_TIMEOUT; do
      [ -z "${!v:-}" ] || env_used+="$v=${!v} "
    done
    echo "## \`${env_used}scripts/fuzz.sh $seconds${given[*]:+ ${given[*]}}\` on $(date -u +%Y-%m-%d), commit $commit"
    echo
    echo "$(nproc) cores, $($cxx --version | head -1); libFuzzer with ASan and UBSan"
    echo "(ASAN_OPTIONS=$ASAN_OPTIONS), one harness at a time$([ ${#fork[@]} -eq 0 ] || echo ", each in $ASTRO_FUZZ_FORK processes")."
    echo "Executions are libFuzzer's count for this run (the corpus carries over between runs in"
    echo "build/fuzz/corpus)."
    echo
    echo "| harness | seconds | executions | exec/s | corpus | findings | slow inputs |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${rows[@]}"
  } >>"$results"
  echo "==> Table appended to bench/FUZZ_RESULTS.md"
fi
if [ "$failed" -ne 0 ]; then
  echo "FUZZ FINDINGS: see build/fuzz/findings/"
  exit 1
fi
echo "==> No findings"
