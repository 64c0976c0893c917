#!/usr/bin/env bash
# End to end: `astro-server backup` copies a database consistently while its server takes
# writes: the copy is 0600, passes integrity_check, has the same schema version, holds every
# create acknowledged before the backup began, and serves. An existing file is not replaced
# without --force; a schema newer than the binary is refused.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mkdir -p "$ASTRO_HOME/.astro" && : >"$ASTRO_HOME/.astro/config.yaml"  # no CLI here; finish() reads it
umask 022

OWNER=$("$ASTRO_SERVER_BIN" init --org "Backup Org" --owner-email owner@example.com --db "$DB" --clean-output)
ISSUED+=("$OWNER")
ORG_ID=$(sqlite3 "$DB" 'SELECT id FROM organizations')
# A load from one credential and one address: the rate limits would refuse most of it.
start_server --rate-limit-per-address 0 --rate-limit-per-credential 0
: >"$WORK/acked"
python3 "$(dirname "$0")/create_load.py" "$BASE" "$ORG_ID" "$OWNER" 6 3 "$WORK/acked" >"$WORK/load.out" &
LOAD_PID=$!
# python3 may take a second or two to start on a busy machine: wait for its first answers.
for _ in $(seq 1 100); do [ "$(wc -l <"$WORK/acked")" -ge 20 ] && break; sleep 0.1; done
sleep 0.5

CASE="backup while the server takes writes"
sort -u "$WORK/acked" >"$WORK/acked.before"
set +e
"$ASTRO_SERVER_BIN" backup --db "$DB" --to "$WORK/copy.db" >"$WORK/out" 2>"$WORK/err"
CODE=$?
set -e
expect_code 0
expect_out_contains "Backed up $DB to $WORK/copy.db ("
expect_out_contains "integrity_check ok)"
wait "$LOAD_PID"
[ "$(stat -c %a "$WORK/copy.db")" = 600 ] || fail "the copy has mode $(stat -c %a "$WORK/copy.db")"
[ "$(sqlite3 "$WORK/copy.db" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check of the copy"
[ "$(sqlite3 "$WORK/copy.db" 'SELECT MAX(version) FROM schema_migrations')" = \
  "$(sqlite3 "$DB" 'SELECT MAX(version) FROM schema_migrations')" ] || fail "schema versions differ"
sqlite3 "$WORK/copy.db" 'SELECT id FROM api_tokens' | sort -u >"$WORK/copied"
missing=$(comm -23 "$WORK/acked.before" "$WORK/copied" | wc -l)
echo "backup under load: $(wc -l <"$WORK/acked.before") acknowledged before it began, $(wc -l <"$WORK/copied") tokens in the copy, $missing missing; load $(cat "$WORK/load.out")"
[ "$(wc -l <"$WORK/acked.before")" -gt 0 ] || fail "no create was acknowledged before the backup"
[ "$missing" -eq 0 ] || fail "$missing creates acknowledged before the backup are not in the copy"
ls -a "$WORK" | grep -q "partial" && fail "a partial file was left behind"

CASE="an existing file is replaced only with --force"
set +e
"$ASTRO_SERVER_BIN" backup --db "$DB" --to "$WORK/copy.db" >"$WORK/out" 2>"$WORK/err"
CODE=$?
set -e
expect_code 1
expect_err "Error: backup of $DB failed: $WORK/copy.db already exists: pass --force to replace it"
set +e
"$ASTRO_SERVER_BIN" backup --db "$DB" --to "$WORK/copy.db" --force >"$WORK/out" 2>"$WORK/err"
CODE=$?
set -e
expect_code 0

CASE="the copy serves"
stop_server
DB="$WORK/copy.db" start_server
code=$(curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $OWNER" \
  "$BASE/v1/organizations/$ORG_ID/tokens?limit=1")
[ "$code" = 200 ] || fail "listing tokens from the copy answered $code"
stop_server

CASE="backup refuses a schema newer than the binary, and a missing database"
cp "$DB" "$WORK/future.db"
sqlite3 "$WORK/future.db" 'INSERT INTO schema_migrations (version, applied_at) VALUES (99, 0)'
set +e
"$ASTRO_SERVER_BIN" backup --db "$WORK/future.db" --to "$WORK/future-copy.db" >"$WORK/out" 2>"$WORK/err"
CODE=$?
set -e
expect_code 1
grep -qE "schema version 99, newer than the [0-9]+ this astro-server" "$WORK/err" || fail "$(cat "$WORK/err")"
[ -e "$WORK/future-copy.db" ] && fail "a copy was written"
set +e
"$ASTRO_SERVER_BIN" backup --db "$WORK/nothing.db" --to "$WORK/x.db" >"$WORK/out" 2>"$WORK/err"
CODE=$?
set -e
expect_code 1
expect_err "Error: backup of $WORK/nothing.db failed: the database $WORK/nothing.db does not exist"

finish
