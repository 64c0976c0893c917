#!/usr/bin/env bash
# The tamper-evident audit log, as an operator and an auditor would check it: records edited,
# deleted or reordered in the database with sqlite3 are named by `astro-server audit verify`;
# lines edited, deleted or swapped in an exported file are named by
# `astro organization audit-logs verify FILE`.
source "$(dirname "$0")/lib.sh"

TOKEN=$("$ASTRO_SERVER_BIN" init --db "$DB" --org "Chain Org" --owner-email ops@example.com --clean-output)
ISSUED+=("$TOKEN")
STORED_TOKEN=$TOKEN
start_server
run login "$BASE" --token-login "$TOKEN"
expect_code 0
for i in 1 2 3 4; do
  run organization token create --name "bot $i" --role ORGANIZATION_MEMBER --clean-output
  expect_code 0
  ISSUED+=("$(out)")
done
run organization token update --name "bot 2" --description "second"
expect_code 0
run organization audit-logs export --include 1 --output-file "$WORK/audit.ndjson.gz"
expect_code 0

CASE="an untouched export verifies"
run organization audit-logs verify "$WORK/audit.ndjson.gz"
expect_code 0
expect_no_err
ORG=$(sqlite3 "$DB" "SELECT id FROM organizations")
N=$(zcat "$WORK/audit.ndjson.gz" | wc -l)
expect_out "Verified $N audit records of organization $ORG (records 1 to $N of its hash chain): the chain is intact."

# tamper_file NAME PYTHON: writes $WORK/NAME.ndjson from the export's lines, changed by PYTHON
# (which edits the list `lines` of parsed records).
tamper_file() {
  zcat "$WORK/audit.ndjson.gz" | python3 -c '
import json, sys
lines = [json.loads(l) for l in sys.stdin if l.strip()]
exec(sys.argv[1])
sys.stdout.write("".join(json.dumps(l, separators=(",", ":")) + "\n" for l in lines))
' "$2" >"$WORK/$1.ndjson"
}
id_at() { zcat "$WORK/audit.ndjson.gz" | sed -n "${1}p" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }

CASE="an edited line is named"
tamper_file edited 'lines[2]["outcome"] = "DENIED"'
run organization audit-logs verify "$WORK/edited.ndjson"
expect_code 1
expect_out "line 3: record 3 (ID $(id_at 3)) was changed after it was written: its content does not match its hash"
expect_err "Error: the audit log in $WORK/edited.ndjson has been tampered with (1 problem)"

CASE="a deleted line is named"
tamper_file deleted 'del lines[1]'
run organization audit-logs verify "$WORK/deleted.ndjson"
expect_code 1
expect_out "line 2: record 2 is missing between record 1 (ID $(id_at 1)) and record 3 (ID $(id_at 3))"

CASE="swapped lines are named"
tamper_file swapped 'lines[1], lines[2] = lines[2], lines[1]'
run organization audit-logs verify "$WORK/swapped.ndjson"
expect_code 1
grep -qF "line 3: record 2 (ID $(id_at 2)) comes after record 3 (ID $(id_at 3)): records were reordered or repeated" "$WORK/out" ||
  fail "the reorder is not named: $(out)"

CASE="not an export"
echo '{"id":"x"}' >"$WORK/bad.ndjson"
run organization audit-logs verify "$WORK/bad.ndjson"
expect_code 1
expect_err "Error: $WORK/bad.ndjson: line 1 is not an audit record: time must be a string"

stop_server
CASE="astro-server audit verify: intact"
set +e
"$ASTRO_SERVER_BIN" audit verify --db "$DB" >"$WORK/v.out" 2>"$WORK/v.err"; code=$?
set -e
[ "$code" = 0 ] || fail "exit $code: $(cat "$WORK/v.err")"
grep -q "^organization $ORG: [0-9]* records, chain intact (head: record [0-9]*, hash [0-9a-f]\{64\})$" "$WORK/v.out" ||
  fail "output: $(cat "$WORK/v.out")"

# verify_db EXPECTED-LINE: astro-server audit verify fails and prints EXPECTED-LINE.
verify_db() {
  set +e
  "$ASTRO_SERVER_BIN" audit verify --db "$DB" >"$WORK/v.out" 2>"$WORK/v.err"; code=$?
  set -e
  [ "$code" = 1 ] || fail "exit $code, want 1: $(cat "$WORK/v.out")"
  grep -qF -- "$1" "$WORK/v.out" || fail "verify does not say '$1': $(cat "$WORK/v.out")"
  grep -qF "Error: the audit log of 1 organization has been tampered with" "$WORK/v.err" ||
    fail "stderr: $(cat "$WORK/v.err")"
}
cp "$DB" "$WORK/pristine.db"
rid() { sqlite3 "$DB" "SELECT id FROM audit_records WHERE chain_seq = $1"; }

CASE="a row edited with sqlite3"
sqlite3 "$DB" "UPDATE audit_records SET actor_name = 'someone else' WHERE chain_seq = 3"
verify_db "  record 3 (ID $(rid 3)) was changed after it was written: its content does not match its hash"

CASE="a row deleted with sqlite3"
cp "$WORK/pristine.db" "$DB"; rm -f "$DB-wal" "$DB-shm"
R4=$(rid 4); R3=$(rid 3); R5=$(rid 5)
sqlite3 "$DB" "DELETE FROM audit_records WHERE chain_seq = 4"
verify_db "  record 4 is missing between record 3 (ID $R3) and record 5 (ID $R5)"

CASE="the last rows deleted with sqlite3"
cp "$WORK/pristine.db" "$DB"; rm -f "$DB-wal" "$DB-shm"
LAST=$(sqlite3 "$DB" "SELECT MAX(chain_seq) FROM audit_records")
sqlite3 "$DB" "DELETE FROM audit_records WHERE chain_seq >= $((LAST - 1))"
verify_db "  records $((LAST - 1)) to $LAST are missing at the end of the log (the chain head is record $LAST)"

CASE="rows reordered with sqlite3"
cp "$WORK/pristine.db" "$DB"; rm -f "$DB-wal" "$DB-shm"
sqlite3 "$DB" "UPDATE audit_records SET chain_seq = -1 WHERE chain_seq = 2;
               UPDATE audit_records SET chain_seq = 2 WHERE chain_seq = 3;
               UPDATE audit_records SET chain_seq = 3 WHERE chain_seq = -1;"
verify_db "was changed after it was written"

cp "$WORK/pristine.db" "$DB"; rm -f "$DB-wal" "$DB-shm"
finish
