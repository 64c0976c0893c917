#!/usr/bin/env bash
# End to end: every create answered 200 survives SIGKILL. Four clients create tokens while the
# server is killed with SIGKILL three times (and restarted on the same database each time); then
# every acknowledged token ID must be in the database. Prints the figures.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mkdir -p "$ASTRO_HOME/.astro" && : >"$ASTRO_HOME/.astro/config.yaml"  # no CLI here; finish() reads it
ROUNDS=3
ROUND_SECONDS=3

OWNER=$("$ASTRO_SERVER_BIN" init --org "Crash Org" --owner-email owner@example.com --db "$DB" --clean-output)
ISSUED+=("$OWNER")
ORG_ID=$(sqlite3 "$DB" 'SELECT id FROM organizations')
# A load from one credential and one address: the rate limits would refuse most of it.
start_server --rate-limit-per-address 0 --rate-limit-per-credential 0
# One more round than kills, so the clients also write after the last restart.
: >"$WORK/acked"
python3 "$(dirname "$0")/create_load.py" "$BASE" "$ORG_ID" "$OWNER" \
  $(( (ROUNDS + 1) * ROUND_SECONDS + 3 )) 4 "$WORK/acked" >"$WORK/load.out" &
LOAD_PID=$!
# python3 may take a second or two to start on a busy machine: wait for its first answers.
for _ in $(seq 1 100); do [ "$(wc -l <"$WORK/acked")" -ge 20 ] && break; sleep 0.1; done
for round in $(seq 1 "$ROUNDS"); do
  sleep "$ROUND_SECONDS"
  before=$(wc -l <"$WORK/acked" 2>/dev/null || echo 0)
  kill -KILL "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  echo "round $round: SIGKILL after $before acknowledged creates"
  start_server --rate-limit-per-address 0 --rate-limit-per-credential 0
done
wait "$LOAD_PID"
stop_server  # SIGTERM: the final state, read with sqlite3 below

CASE="every acknowledged create survives SIGKILL"
sort -u "$WORK/acked" >"$WORK/acked.sorted"
sqlite3 "$DB" 'SELECT id FROM api_tokens' | sort -u >"$WORK/present.sorted"
acknowledged=$(wc -l <"$WORK/acked.sorted")
lost=$(comm -23 "$WORK/acked.sorted" "$WORK/present.sorted" | wc -l)
echo "crash durability: $ROUNDS SIGKILL rounds, load $(cat "$WORK/load.out"), acknowledged $acknowledged, lost $lost"
[ "$lost" -eq 0 ] || fail "$lost acknowledged creates are missing: $(comm -23 "$WORK/acked.sorted" "$WORK/present.sorted" | head -5 | tr '\n' ' ')"
# A run that acknowledged (almost) nothing proves nothing.
[ "$acknowledged" -ge 100 ] || fail "only $acknowledged creates were acknowledged"
[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after the kills"

finish
