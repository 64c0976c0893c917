# Shared set-up for the end-to-end tests (sourced, not run): a real astro-server on a free
# loopback port with a throwaway database and ASTRO_HOME, and helpers that run the real `astro`
# binary and compare its exact stdout, stderr and exit code.
set -euo pipefail

: "${ASTRO_BIN:?set ASTRO_BIN to the astro binary}"
: "${ASTRO_SERVER_BIN:?set ASTRO_SERVER_BIN to the astro-server binary}"

WORK=$(mktemp -d)
export ASTRO_HOME="$WORK/home"
mkdir -p "$ASTRO_HOME"
unset ASTRO_API_TOKEN ASTRO_DOMAIN HTTPS_PROXY HTTP_PROXY https_proxy http_proxy || true
export NO_COLOR=1
DB="$WORK/astro.db"
# ASTRO_TEST_PG_STATE (set by CTest with the fixture pg_cluster: its first line is the throwaway
# cluster's URL): the same commands against a fresh PostgreSQL database of that cluster.
PG_DB=""
if [ -n "${ASTRO_TEST_PG_STATE:-}" ]; then
  PG_BASE=$(head -n 1 "$ASTRO_TEST_PG_STATE")
  PG_DB="e2e_$$_$(date +%s%N)"
  psql -q -X -v ON_ERROR_STOP=1 "$PG_BASE" -c "CREATE DATABASE $PG_DB OWNER astro" >/dev/null
  DB="${PG_BASE%/*}/$PG_DB"
fi
SERVER_LOG="$WORK/server.log"
SERVER_PID=""
FAILURES=0
ISSUED=()  # every token value the test saw; none may appear in logs or the database

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"

start_server() {  # start_server [serve flags…]
  # ASTRO_SERVER_READ_CACHES=off in a test runs the same commands against a server that reads
  # the database for every request (the default, on, reuses reads until the next write).
  "$ASTRO_SERVER_BIN" serve --listen "127.0.0.1:$PORT" --db "$DB" "$@" 2>>"$SERVER_LOG" >/dev/null &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "server did not start; log:" >&2
  cat "$SERVER_LOG" >&2
  exit 1
}

# serve_bg DB PORT LOG [flags…]: starts a server in the background, sets BG_PID; waits for
# /healthz (gives up after 10 s).
serve_bg() {
  local db=$1 port=$2 log=$3
  shift 3
  "$ASTRO_SERVER_BIN" serve --listen "127.0.0.1:$port" --db "$db" "$@" 2>>"$log" >/dev/null &
  BG_PID=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$BG_PID" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
stop_bg() { kill "$BG_PID" 2>/dev/null || true; wait "$BG_PID" 2>/dev/null || true; }

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}

cleanup() {
  stop_server
  if [ -n "$PG_DB" ]; then
    psql -q -X "$PG_BASE" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# run [args…]: runs astro with stdin from $STDIN_FILE (default /dev/null); sets CODE and fills
# $WORK/out and $WORK/err.
run() {
  local input="${STDIN_FILE:-/dev/null}"
  set +e
  "$ASTRO_BIN" "$@" <"$input" >"$WORK/out" 2>"$WORK/err"
  CODE=$?
  set -e
}
# run_input TEXT args…: the same with TEXT piped on stdin.
run_input() {
  printf '%s' "$1" >"$WORK/in"
  shift
  STDIN_FILE="$WORK/in" run "$@"
}
out() { cat "$WORK/out"; }

fail() {
  echo "FAIL: $CASE: $*" >&2
  FAILURES=$((FAILURES + 1))
}
# expect_code N; expect_out TEXT (compared with TEXT plus one newline; use expect_out_raw for
# output without a final newline); expect_err TEXT.
expect_code() { [ "$CODE" = "$1" ] || fail "exit code $CODE, want $1 (stderr: $(cat "$WORK/err"))"; }
expect_out() {
  if ! diff <(printf '%s\n' "$1") "$WORK/out" >"$WORK/diff"; then fail "stdout differs:"; cat "$WORK/diff" >&2; fi
}
expect_out_raw() {
  if ! diff <(printf '%s' "$1") "$WORK/out" >"$WORK/diff"; then fail "stdout differs:"; cat "$WORK/diff" >&2; fi
}
expect_err() {
  if ! diff <(printf '%s\n' "$1") "$WORK/err" >"$WORK/diff"; then fail "stderr differs:"; cat "$WORK/diff" >&2; fi
}
expect_no_err() {
  if [ -s "$WORK/err" ]; then fail "unexpected stderr: $(cat "$WORK/err")"; fi
}
expect_out_contains() { grep -qF -- "$1" "$WORK/out" || fail "stdout lacks '$1': $(cat "$WORK/out")"; }

# A table row as the CLI prints it: one leading space, each cell padded to the given width.
# row W1 W2 … -- CELL1 CELL2 …
row() {
  local widths=() cells=() line=" " i
  while [ "$1" != "--" ]; do widths+=("$1"); shift; done
  shift
  cells=("$@")
  for i in "${!cells[@]}"; do line+=$(printf "%-${widths[$i]}s" "${cells[$i]}"); done
  printf '%s' "$line"
}

json_field() {  # json_field FIELD FILE: a top-level string field of a JSON object
  python3 -c 'import json,sys; print(json.load(open(sys.argv[2]))[sys.argv[1]])' "$1" "$2"
}

finish() {
  # No issued token value may reach the server log or the database (only hashes are stored).
  local dump="$WORK/dump.sql" v
  case "$DB" in
    postgresql://* | postgres://*) pg_dump --no-owner "$DB" >"$dump" ;;
    *) sqlite3 "$DB" .dump >"$dump" ;;
  esac
  for v in "${ISSUED[@]}"; do
    CASE="secrets"
    if grep -qF -- "$v" "$SERVER_LOG"; then fail "a token value appears in the server log"; fi
    if grep -qF -- "$v" "$dump"; then fail "a token value appears in the database dump"; fi
    if grep -qF -- "$v" "$ASTRO_HOME/.astro/config.yaml" && [ "$v" != "${STORED_TOKEN:-}" ]; then
      fail "a token value other than the login token was written to the config"
    fi
  done
  if [ "$FAILURES" -ne 0 ]; then
    echo "$FAILURES check(s) failed" >&2
    exit 1
  fi
  echo "all checks passed"
}
