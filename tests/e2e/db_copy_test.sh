#!/usr/bin/env bash
# End to end: `astro-server db copy` moves a populated SQLite installation to PostgreSQL (a fresh
# database of the run's throwaway cluster). Served from the copy, the same commands print the same
# output, every token value still authenticates (a rotated one is still refused as rotated), the
# audit chain verifies, and a second copy into the now non-empty target is refused.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ -n "$PG_DB" ] || { echo "db_copy_test needs ASTRO_TEST_PG_STATE (the CTest fixture pg_cluster)" >&2; exit 1; }
TARGET="$DB"            # the PostgreSQL database lib.sh made
DB="$WORK/astro.db"     # the installation to move

CASE="a populated SQLite installation"
OWNER=$("$ASTRO_SERVER_BIN" init --org "Moving Org" --owner-email owner@example.com --db "$DB" --clean-output)
ISSUED+=("$OWNER")
STORED_TOKEN="$OWNER"
start_server
run login "$BASE" -t "$OWNER"
expect_code 0
run organization user invite alice@example.com
expect_code 0
run organization team create -n "Data Team" -d "data people" -r ORGANIZATION_MEMBER
expect_code 0
run organization token create --name "CI token" --description "for ci" --role ORGANIZATION_OWNER --clean-output
expect_code 0
CI_VALUE=$(out)
ISSUED+=("$CI_VALUE")
run organization token create --name "Rotated" --role ORGANIZATION_OWNER --clean-output
expect_code 0
OLD_VALUE=$(out)
ISSUED+=("$OLD_VALUE")
ROTATED_ID=$("$ASTRO_BIN" organization token list -o json |
  python3 -c 'import json,sys; print([t["id"] for t in json.load(sys.stdin)["tokens"] if t["name"]=="Rotated"][0])')
run organization token rotate "$ROTATED_ID" --force --clean-output
expect_code 0
NEW_VALUE=$(out)
ISSUED+=("$NEW_VALUE")
listing() {
  run organization token list -o json && cp "$WORK/out" "$WORK/$1.tokens"
  run organization user list -o json && cp "$WORK/out" "$WORK/$1.users"
  run organization team list -o json && cp "$WORK/out" "$WORK/$1.teams"
}
listing before
stop_server

CASE="db copy"
"$ASTRO_SERVER_BIN" db copy --from "sqlite:$DB" --to "$TARGET" >"$WORK/copy.out" 2>"$WORK/copy.err" ||
  fail "db copy failed: $(cat "$WORK/copy.err")"
grep -q "^Row counts and checksums match in all 13 tables" "$WORK/copy.out" || fail "no verification line: $(cat "$WORK/copy.out")"
grep -Eq "^  api_tokens +3 rows, sha256 [0-9a-f]{64}$" "$WORK/copy.out" || fail "api_tokens line: $(cat "$WORK/copy.out")"
grep -Eq "^  retired_token_hashes +1 row, sha256 " "$WORK/copy.out" || fail "retired hashes line: $(cat "$WORK/copy.out")"

CASE="served from the copy, the same answers"
DB="$TARGET"
start_server
listing after
# (lastUsedAt moves with the listings themselves, and the SQLite server wrote its last batch of
# uses when it stopped: compared without it.)
without_last_used() { grep -v '"lastUsedAt"' "$1"; }
for what in tokens users teams; do
  diff <(without_last_used "$WORK/before.$what") <(without_last_used "$WORK/after.$what") >"$WORK/diff.$what" ||
    fail "$what differ after the copy: $(head -5 "$WORK/diff.$what")"
done
ASTRO_API_TOKEN="$CI_VALUE" run organization token list
expect_code 0
ASTRO_API_TOKEN="$OLD_VALUE" run organization token list
expect_code 2
expect_err "Using an Astro API Token
Error: API token has been rotated; use the new token value"
ASTRO_API_TOKEN="$NEW_VALUE" run organization token list
expect_code 0
"$ASTRO_SERVER_BIN" audit verify --db "$TARGET" >"$WORK/verify.out" 2>&1 || fail "audit verify on the copy: $(cat "$WORK/verify.out")"
grep -q "chain intact" "$WORK/verify.out" || fail "audit verify: $(cat "$WORK/verify.out")"

CASE="a second copy into the now non-empty target is refused"
"$ASTRO_SERVER_BIN" db copy --from "$WORK/astro.db" --to "$TARGET" >"$WORK/copy2.out" 2>"$WORK/copy2.err" &&
  fail "a copy into a non-empty database succeeded"
grep -q "the target is not empty (organizations has 1 rows)" "$WORK/copy2.err" || fail "refusal: $(cat "$WORK/copy2.err")"

CASE="wrong arguments"
"$ASTRO_SERVER_BIN" db copy --from "$TARGET" --to "$TARGET" 2>"$WORK/copy3.err" && fail "PostgreSQL as the source was accepted"
grep -q "^Error: --from must be a SQLite file" "$WORK/copy3.err" || fail "$(cat "$WORK/copy3.err")"
"$ASTRO_SERVER_BIN" db copy --from "$WORK/astro.db" --to "$WORK/x.db" 2>"$WORK/copy4.err" && fail "a SQLite target was accepted"
grep -q "^Error: --to must be a PostgreSQL URL" "$WORK/copy4.err" || fail "$(cat "$WORK/copy4.err")"

finish
