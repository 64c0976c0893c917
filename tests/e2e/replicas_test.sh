#!/usr/bin/env bash
# End to end: two astro-server replicas on one PostgreSQL database (a throwaway cluster of this
# test's own: it restarts it). A token rotated through replica A with `astro organization token
# rotate` is refused by replica B within 1 s, after B's cache held it; the same after B's
# notification connection is terminated (pg_terminate_backend) and after `pg_ctl restart`. B's
# /metrics show its change follower at each step; while the database is down, /readyz says so
# (503) and /healthz does not, and both replicas serve again once it is back.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${ASTRO_TEST_PG_CLUSTER_BIN:?set ASTRO_TEST_PG_CLUSTER_BIN to tests/astro_test_pg_cluster}"

STATE="$WORK/pg.state"
"$ASTRO_TEST_PG_CLUSTER_BIN" start "$STATE" >/dev/null
PG_URL=$(head -n 1 "$STATE")
DB="$PG_URL"
finish_replicas() {
  stop_bg
  stop_server
  "$ASTRO_TEST_PG_CLUSTER_BIN" stop "$STATE" >/dev/null 2>&1 || true
  cleanup
}
trap finish_replicas EXIT
BOUND_MS=1000

CASE="init on PostgreSQL, two replicas"
OWNER=$("$ASTRO_SERVER_BIN" init --org "Replicas" --owner-email owner@example.com --db "$PG_URL" --clean-output)
ISSUED+=("$OWNER")
STORED_TOKEN="$OWNER"
start_server                       # replica A on $PORT
PORT_B=$(free_port)
serve_bg "$PG_URL" "$PORT_B" "$WORK/b.log"   # replica B
B="http://127.0.0.1:$PORT_B"
grep -q "db=postgresql://astro@127.0.0.1:" "$SERVER_LOG" || fail "A is not on PostgreSQL: $(cat "$SERVER_LOG")"
run login "$BASE" -t "$OWNER"
expect_code 0
ORG_ID=$(sed -n 's/^Logged in to organization Replicas (\(.*\))$/\1/p' "$WORK/out")
[ -n "$ORG_ID" ] || fail "no organization line: $(out)"

status_on_b() {  # status_on_b VALUE: the HTTP status of a token list on replica B
  curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $1" \
    "$B/v1/organizations/$ORG_ID/tokens?limit=1"
}
now_ms() { date +%s%3N; }

# rotate_and_measure NAME: creates a token through A, lets B cache it (several 200s), rotates it
# through A with the CLI, and prints how many ms after the rotation B answered the old value 401.
rotate_and_measure() {
  run organization token create --name "$1" --role ORGANIZATION_OWNER --clean-output
  expect_code 0
  local value id t0 code
  value=$(out)
  ISSUED+=("$value")
  for _ in 1 2 3 4 5; do
    code=$(status_on_b "$value")
    [ "$code" = 200 ] || fail "B answered $code to a live token"
  done
  id=$(ASTRO_API_TOKEN="$value" "$ASTRO_BIN" organization token list -o json 2>/dev/null |
    python3 -c 'import json,sys; print([t["id"] for t in json.load(sys.stdin)["tokens"] if t["name"]==sys.argv[1]][0])' "$1")
  run organization token rotate "$id" --force --clean-output
  expect_code 0
  ISSUED+=("$(out)")
  t0=$(now_ms)
  while :; do
    code=$(status_on_b "$value")
    [ "$code" = 401 ] && break
    [ $(( $(now_ms) - t0 )) -lt 3000 ] || { fail "B still answers $code to the rotated value"; break; }
  done
  echo $(( $(now_ms) - t0 ))
}

metric_on_b() {  # metric_on_b NAME: the value of an unlabelled sample on B's /metrics
  curl -s "$B/metrics" | awk -v n="$1" '$1 == n { print $2 }'
}
# wait_metric_on_b NAME OP VALUE: waits (up to 5 s) until B's NAME OP VALUE (OP: ">=" or "==").
wait_metric_on_b() {
  local t0 v
  t0=$(now_ms)
  while :; do
    v=$(metric_on_b "$1")
    [ -n "$v" ] && python3 -c 'import sys; a, op, b = float(sys.argv[1]), sys.argv[2], float(sys.argv[3]); sys.exit(0 if (a >= b if op == ">=" else a == b) else 1)' "$v" "$2" "$3" && return 0
    [ $(( $(now_ms) - t0 )) -lt 5000 ] || { fail "B's $1 is ${v:-absent}, want $2 $3"; return 1; }
    sleep 0.05
  done
}

CASE="rotated through A, refused by B within the bound"
for i in 1 2 3; do
  ms=$(rotate_and_measure "steady $i")
  echo "  steady: B refused the rotated value after $ms ms"
  [ "$ms" -lt "$BOUND_MS" ] || fail "steady: $ms ms"
done

CASE="B's /metrics show its change follower"
[ "$(metric_on_b astro_store_change_follower_up)" = 1 ] || fail "B's follower is not up: $(curl -s "$B/metrics" | grep follower)"
[ "$(metric_on_b astro_store_change_follower_connects_total)" = 1 ] || fail "B's follower connected more than once"
wait_metric_on_b astro_store_change_follower_changes_applied_total '>=' 6   # 3 creates, 3 rotations
wait_metric_on_b astro_store_change_follower_applied_seq '>=' 6
[ "$(metric_on_b astro_store_change_follower_resets_total)" = 0 ] || fail "B's follower reset its caches"

CASE="the same after the notification connections are terminated"
killed=$(psql -X -q -t -A "$PG_URL" -c "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'astro-server change follower'")
[ "$killed" = 2 ] || fail "terminated $killed follower connections, want 2 (one per replica)"
for i in 1 2; do
  ms=$(rotate_and_measure "after terminate $i")
  echo "  after pg_terminate_backend: B refused the rotated value after $ms ms"
  [ "$ms" -lt "$BOUND_MS" ] || fail "after terminate: $ms ms"
done

CASE="B's follower reconnected after the termination"
wait_metric_on_b astro_store_change_follower_connects_total '>=' 2
wait_metric_on_b astro_store_change_follower_up '==' 1

CASE="the same after pg_ctl restart"
"$ASTRO_TEST_PG_CLUSTER_BIN" restart "$STATE"
for i in 1 2; do
  ms=$(rotate_and_measure "after restart $i")
  echo "  after pg_ctl restart: B refused the rotated value after $ms ms"
  [ "$ms" -lt "$BOUND_MS" ] || fail "after restart: $ms ms"
done

CASE="while the database is down, /readyz says so and /healthz does not"
"$ASTRO_TEST_PG_CLUSTER_BIN" halt "$STATE"
for url in "$BASE" "$B"; do
  code=$(curl -s -o "$WORK/readyz" -w '%{http_code}' "$url/readyz")
  [ "$code" = 503 ] || fail "$url/readyz answered $code with the database down: $(cat "$WORK/readyz")"
  code=$(curl -s -o /dev/null -w '%{http_code}' "$url/healthz")
  [ "$code" = 200 ] || fail "$url/healthz answered $code with the database down"
  code=$(curl -s -o "$WORK/down" -w '%{http_code}' -H "Authorization: Bearer $OWNER" \
    "$url/v1/organizations/$ORG_ID/tokens?limit=1")
  [ "$code" = 503 ] || fail "$url answered $code to a request with the database down: $(cat "$WORK/down")"
  grep -q "cannot serve this request right now" "$WORK/down" || fail "503 body: $(cat "$WORK/down")"
done
wait_metric_on_b astro_store_change_follower_up '==' 0
"$ASTRO_TEST_PG_CLUSTER_BIN" restart "$STATE"
for url in "$BASE" "$B"; do
  t0=$(now_ms)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/readyz")" = 200 ]; do
    [ $(( $(now_ms) - t0 )) -lt 10000 ] || { fail "$url/readyz not 200 within 10 s of the restart"; break; }
    sleep 0.1
  done
done
ms=$(rotate_and_measure "after the database came back")
echo "  after the database was down: B refused the rotated value after $ms ms"
[ "$ms" -lt "$BOUND_MS" ] || fail "after the database came back: $ms ms"

CASE="B's log names no secret and no password"
for v in "${ISSUED[@]}"; do
  if grep -qF -- "$v" "$WORK/b.log"; then fail "a token value appears in B's log"; fi
done

finish  # no token value in A's log or in the database (pg_dump)
