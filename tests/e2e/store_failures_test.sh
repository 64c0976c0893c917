#!/usr/bin/env bash
# End to end: a database that cannot work is never silent. A corrupted page, a full disk (a tiny
# tmpfs when this runs as root and may mount one, else a file size limit: both real write
# failures; ASTRO_TEST_NO_TMPFS=1 forces the limit) and a read-only database file each give an error line naming the cause in the
# server log and a failing /readyz, or a refusal to start that says why.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mkdir -p "$ASTRO_HOME/.astro" && : >"$ASTRO_HOME/.astro/config.yaml"  # no CLI here; finish() reads it

status_of() { curl -s -o "$WORK/body" -w '%{http_code}' "$@"; }
create_token() {  # create_token BASE NAME: the HTTP status
  status_of -H "Authorization: Bearer $OWNER" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$2\",\"description\":\"\",\"role\":\"ORGANIZATION_MEMBER\",\"scope\":\"ORGANIZATION\"}" \
    "$1/v1/organizations/$ORG_ID/tokens"
}

OWNER=$("$ASTRO_SERVER_BIN" init --org "Failure Org" --owner-email owner@example.com --db "$DB" --clean-output)
ISSUED+=("$OWNER")
ORG_ID=$(sqlite3 "$DB" 'SELECT id FROM organizations')
start_server
for i in $(seq 1 20); do create_token "$BASE" "seed $i" >/dev/null; done
stop_server  # a clean stop checkpoints the WAL into the file

CASE="a corrupted page is logged and fails /readyz"
cp "$DB" "$WORK/corrupt.db"
PAGE=$(sqlite3 "$WORK/corrupt.db" 'PRAGMA page_size')
ROOT=$(sqlite3 "$WORK/corrupt.db" "SELECT rootpage FROM sqlite_master WHERE name = 'api_tokens'")
# The table's root page, overwritten with bytes no b-tree page has.
head -c "$PAGE" /dev/zero | tr '\0' '\377' |
  dd of="$WORK/corrupt.db" bs="$PAGE" seek=$((ROOT - 1)) conv=notrunc status=none
P=$(free_port)
if serve_bg "$WORK/corrupt.db" "$P" "$WORK/corrupt.log"; then
  code=$(status_of -H "Authorization: Bearer $OWNER" "http://127.0.0.1:$P/v1/organizations/$ORG_ID/tokens")
  case "$code" in 5*) ;; *) fail "listing tokens on a corrupted page answered $code" ;; esac
  code=$(status_of "http://127.0.0.1:$P/readyz")
  [ "$code" = 503 ] || fail "/readyz answered $code with a corrupted page"
  grep -qE "error store failure cause=SQLITE_CORRUPT" "$WORK/corrupt.log" ||
    fail "no error line names the corruption: $(grep -v ' info ' "$WORK/corrupt.log" | head -5)"
  stop_bg
else
  # Refusing to start is as good, if it says why.
  grep -qiE "malformed|corrupt" "$WORK/corrupt.log" || fail "did not start, silently: $(cat "$WORK/corrupt.log")"
fi

CASE="a full disk is logged, answered 5xx and fails /readyz until space returns"
FULL="$WORK/full"
mkdir -p "$FULL"
if [ -z "${ASTRO_TEST_NO_TMPFS:-}" ] && [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=2m tmpfs "$FULL" 2>/dev/null; then
  KIND=tmpfs
  trap 'stop_bg; umount "$FULL" 2>/dev/null || true; cleanup' EXIT
  cp "$DB" "$FULL/astro.db"
  P=$(free_port)
  serve_bg "$FULL/astro.db" "$P" "$WORK/full.log" || fail "did not start: $(cat "$WORK/full.log")"
  dd if=/dev/zero of="$FULL/filler" bs=4k status=none 2>/dev/null || true  # until ENOSPC
else
  # No tmpfs to fill: the file size limit makes the WAL's growth fail (EFBIG) a few writes in.
  KIND=rlimit
  cp "$DB" "$WORK/limited.db"
  limit_kib=$(( $(stat -c %s "$WORK/limited.db") / 1024 + 96 ))
  P=$(free_port)
  ( trap '' XFSZ; ulimit -f "$limit_kib"
    exec "$ASTRO_SERVER_BIN" serve --listen "127.0.0.1:$P" --db "$WORK/limited.db" 2>>"$WORK/full.log" >/dev/null ) &
  BG_PID=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$P/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
fi
B="http://127.0.0.1:$P"
failed=""
for i in $(seq 1 60); do
  code=$(create_token "$B" "full $i")
  case "$code" in 200) ;; 5*) failed=$code; break ;; *) fail "create answered $code: $(cat "$WORK/body")"; break ;; esac
done
[ -n "$failed" ] || fail "60 creates succeeded on a full disk ($KIND)"
grep -qF "internal error" "$WORK/body" || grep -qF "cannot serve this request right now" "$WORK/body" ||
  fail "the failed create's body: $(cat "$WORK/body")"
code=$(status_of "$B/readyz")
# Under the size limit a one-page write (the readiness probe) may still fit where a create does
# not, so /readyz is only required to fail on the truly full tmpfs.
[ "$code" = 503 ] || [ "$KIND" = rlimit ] || fail "/readyz answered $code on a full disk ($KIND)"
grep -qE "error store failure cause=SQLITE_(FULL|IOERR)" "$WORK/full.log" ||
  fail "no error line names the write failure: $(grep -v ' info ' "$WORK/full.log" | head -5)"
# /metrics counts it: an operator's alert needs no log scraping.
curl -fs "$B/metrics" >"$WORK/metrics" || fail "/metrics did not answer"
io_failures=$(sed -n 's/^astro_store_failures_total{kind="io"} //p' "$WORK/metrics")
[ "${io_failures:-0}" -ge 1 ] || fail "astro_store_failures_total{kind=\"io\"} is ${io_failures:-missing} after a failed write"
if [ "$KIND" = tmpfs ]; then
  rm -f "$FULL/filler"
  sleep 1.1  # the probe runs at most once a second
  code=$(status_of "$B/readyz")
  [ "$code" = 200 ] || fail "/readyz answered $code once space returned: $(cat "$WORK/body")"
  code=$(create_token "$B" "after space returned")
  [ "$code" = 200 ] || fail "create answered $code once space returned"
fi
for f in "$WORK/full.log"; do
  grep -qF -- "$OWNER" "$f" && fail "the owner token reached the log"
done
stop_bg

CASE="a read-only database file is refused at start, saying so"
RO="$WORK/ro"
mkdir -p "$RO"
cp "$DB" "$RO/astro.db"
chmod 0444 "$RO/astro.db"
chmod 0777 "$RO"
as_user=()
if [ "$(id -u)" = 0 ]; then
  # root ignores mode bits: run the server as nobody, for whom 0444 means read-only.
  chmod o+x "$WORK"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
set +e
timeout 5 "${as_user[@]}" "$ASTRO_SERVER_BIN" serve --listen "127.0.0.1:$(free_port)" --db "$RO/astro.db" \
  >"$WORK/out" 2>"$WORK/err"
CODE=$?
set -e
expect_code 1
grep -qF "Error: cannot open database $RO/astro.db: cannot open $RO/astro.db for reading and writing: Permission denied" "$WORK/err" ||
  fail "read-only start: $(head -c 400 "$WORK/err")"

finish
