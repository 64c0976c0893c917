#!/usr/bin/env bash
# End to end: what protects the SQLite database from the operator's mistakes. `serve` never
# creates a database (a typo is an error), one server per database file whatever name reaches it
# (hard link, symbolic link, ./x/../a.db), a database removed or replaced while serving stops the
# writes (503) and /readyz, a schema newer than the binary is refused, and the files are 0600.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
umask 022  # the usual umask: the database files must still be private
mkdir -p "$ASTRO_HOME/.astro" && : >"$ASTRO_HOME/.astro/config.yaml"  # no CLI here; finish() reads it

# serve_refused DB [flags…]: runs serve in the foreground for at most 5 s; CODE and $WORK/err.
# A server that starts when it should not is stopped by the timeout (exit 124).
serve_refused() {
  local db=$1
  shift
  set +e
  timeout 5 "$ASTRO_SERVER_BIN" serve --listen "127.0.0.1:$(free_port)" --db "$db" "$@" \
    >"$WORK/out" 2>"$WORK/err"
  CODE=$?
  set -e
}
mode_of() { stat -c %a "$1" 2>/dev/null || echo missing; }
create_token() {  # create_token BASE TOKEN ORG NAME: prints the HTTP status, body in $WORK/body
  curl -s -o "$WORK/body" -w '%{http_code}' -H "Authorization: Bearer $2" \
    -H 'Content-Type: application/json' \
    -d "{\"name\":\"$4\",\"description\":\"\",\"role\":\"ORGANIZATION_MEMBER\",\"scope\":\"ORGANIZATION\"}" \
    "$1/v1/organizations/$3/tokens"
}

CASE="serve never creates a database"
serve_refused "$WORK/typo.db"
expect_code 1
expect_err "Error: the database $WORK/typo.db does not exist: create it with \`astro-server init\`, or pass --create to serve an empty one"
[ -e "$WORK/typo.db" ] && fail "serve created $WORK/typo.db"

CASE="serve --create makes a private empty database"
P1=$(free_port)
if serve_bg "$WORK/created.db" "$P1" "$WORK/created.log" --create; then
  for f in "$WORK/created.db" "$WORK/created.db-wal" "$WORK/created.db-shm"; do
    [ "$(mode_of "$f")" = 600 ] || fail "$f has mode $(mode_of "$f"), want 600"
  done
  kill "$BG_PID"; wait "$BG_PID" || true
else
  fail "serve --create did not start: $(cat "$WORK/created.log")"
fi

CASE="init makes the database and its -wal and -shm 0600 under umask 022"
OWNER=$("$ASTRO_SERVER_BIN" init --org "Safety Org" --owner-email owner@example.com --db "$DB" --clean-output)
ISSUED+=("$OWNER")
ORG_ID=$(sqlite3 "$DB" 'SELECT id FROM organizations')
[ "$(mode_of "$DB")" = 600 ] || fail "$DB has mode $(mode_of "$DB"), want 600"
start_server
for f in "$DB" "$DB-wal" "$DB-shm"; do
  [ "$(mode_of "$f")" = 600 ] || fail "$f has mode $(mode_of "$f"), want 600"
done

CASE="one server per database file, whatever its name"
ln "$DB" "$WORK/hard.db"
ln -s "$DB" "$WORK/sym.db"
mkdir -p "$WORK/x"
for name in "$DB" "$WORK/hard.db" "$WORK/sym.db" "$WORK/x/../astro.db"; do
  serve_refused "$name"
  expect_code 1
  grep -qF "Error: another astro-server is already serving $name" "$WORK/err" ||
    fail "second server through $name: $(head -c 300 "$WORK/err")"
done
# A database with two names has two write-ahead logs (SQLite names it after the path), so no
# tool of ours opens one, not even init beside the server.
set +e
"$ASTRO_SERVER_BIN" init --org "Safety Org" --owner-email owner@example.com --db "$WORK/hard.db" \
  >"$WORK/out" 2>"$WORK/err"
CODE=$?
set -e
expect_code 1
grep -qF "has 2 names (hard links)" "$WORK/err" || fail "init through a hard link: $(cat "$WORK/err")"
rm "$WORK/hard.db"
"$ASTRO_SERVER_BIN" init --org "Safety Org" --owner-email owner@example.com --db "$WORK/sym.db" >"$WORK/out"
expect_out_contains "Already initialized"
BASE_URL="http://127.0.0.1:$PORT"
[ "$(create_token "$BASE_URL" "$OWNER" "$ORG_ID" one)" = 200 ] || fail "create: $(cat "$WORK/body")"
[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after the second names"
stop_server

CASE="a database removed while serving stops the writes"
cp "$DB" "$WORK/gone.db"
P2=$(free_port)
serve_bg "$WORK/gone.db" "$P2" "$WORK/gone.log" || fail "did not start: $(cat "$WORK/gone.log")"
B2="http://127.0.0.1:$P2"
[ "$(create_token "$B2" "$OWNER" "$ORG_ID" before)" = 200 ] || fail "create before rm: $(cat "$WORK/body")"
rm "$WORK/gone.db"
code=$(create_token "$B2" "$OWNER" "$ORG_ID" after)
[ "$code" = 503 ] || fail "create after rm answered $code: $(cat "$WORK/body")"
grep -qF "the database cannot serve this request right now" "$WORK/body" || fail "503 body: $(cat "$WORK/body")"
code=$(curl -s -o "$WORK/body" -w '%{http_code}' "$B2/readyz")
[ "$code" = 503 ] || fail "/readyz answered $code after rm: $(cat "$WORK/body")"
grep -qF "was removed" "$WORK/gone.log" || fail "no log line names the removal: $(cat "$WORK/gone.log")"
kill "$BG_PID"; wait "$BG_PID" || true
serve_refused "$WORK/gone.db"
expect_code 1
grep -qF "does not exist" "$WORK/err" || fail "restart after rm: $(cat "$WORK/err")"

CASE="a database replaced while serving stops the writes"
cp "$DB" "$WORK/swap.db"
P3=$(free_port)
serve_bg "$WORK/swap.db" "$P3" "$WORK/swap.log" || fail "did not start: $(cat "$WORK/swap.log")"
B3="http://127.0.0.1:$P3"
cp "$DB" "$WORK/other.db"
mv "$WORK/other.db" "$WORK/swap.db"
code=$(create_token "$B3" "$OWNER" "$ORG_ID" swapped)
[ "$code" = 503 ] || fail "create after the swap answered $code: $(cat "$WORK/body")"
code=$(curl -s -o /dev/null -w '%{http_code}' "$B3/readyz")
[ "$code" = 503 ] || fail "/readyz answered $code after the swap"
grep -qF "was replaced" "$WORK/swap.log" || fail "no log line names the replacement: $(cat "$WORK/swap.log")"
kill "$BG_PID"; wait "$BG_PID" || true

CASE="a schema newer than the binary is refused"
cp "$DB" "$WORK/future.db"
sqlite3 "$WORK/future.db" 'INSERT INTO schema_migrations (version, applied_at) VALUES (99, 0)'
serve_refused "$WORK/future.db"
expect_code 1
grep -qE "schema version 99, newer than the [0-9]+ this astro-server" "$WORK/err" ||
  fail "serve on schema 99: $(head -c 300 "$WORK/err")"
set +e
"$ASTRO_SERVER_BIN" init --org "Safety Org" --owner-email owner@example.com --db "$WORK/future.db" \
  >"$WORK/out" 2>"$WORK/err"
CODE=$?
set -e
expect_code 1
grep -qE "schema version 99, newer than the [0-9]+ this astro-server" "$WORK/err" ||
  fail "init on schema 99: $(cat "$WORK/err")"

finish
