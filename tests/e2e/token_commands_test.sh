#!/usr/bin/env bash
# End to end: the seed page's `astro organization token update` (every flag) and its siblings
# create, list, roles, rotate, delete, run by the real `astro` against a real astro-server.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CASE="init"
OWNER=$("$ASTRO_SERVER_BIN" init --org "E2E Org" --owner-email owner@example.com --db "$DB" --clean-output)
ISSUED+=("$OWNER")
STORED_TOKEN="$OWNER"
start_server

CASE="login"
run login "$BASE" -t "$OWNER"
expect_code 0
expect_no_err
ORG_ID=$(sed -n 's/^Logged in to organization E2E Org (\(.*\))$/\1/p' "$WORK/out")
[ -n "$ORG_ID" ] || fail "no organization line: $(out)"
expect_out "Welcome to the Astro CLI 🚀
Logged in to organization E2E Org ($ORG_ID)
Successfully authenticated to Astronomer"
[ "$(stat -c %a "$ASTRO_HOME/.astro/config.yaml")" = 600 ] || fail "config mode is not 0600"

CASE="login with a bad token writes nothing"
cp "$ASTRO_HOME/.astro/config.yaml" "$WORK/config.before"
run login "127.0.0.1:$PORT" -t "astro_org_notavalidtoken"
expect_code 2
cmp -s "$ASTRO_HOME/.astro/config.yaml" "$WORK/config.before" || fail "config changed"

CASE="create"
run organization token create --name "CI token" --description "for ci" --role ORGANIZATION_OWNER
expect_code 0
expect_no_err
CI_VALUE=$(sed -n 5p "$WORK/out")
ISSUED+=("$CI_VALUE")
expect_out "
Astro Organization API token CI token was successfully created
Copy and paste this API token for your records.

$CI_VALUE

You will not be shown this API token value again."
[[ "$CI_VALUE" =~ ^astro_org_[0-9A-Za-z]{49}$ ]] || fail "token value has an unexpected shape"

CASE="create --clean-output (a MEMBER token named Token 1)"
run organization token create -n "Token 1" -r ORGANIZATION_MEMBER -c
expect_code 0
MEMBER_VALUE=$(out)
ISSUED+=("$MEMBER_VALUE")
[[ "$MEMBER_VALUE" =~ ^astro_org_[0-9A-Za-z]{49}$ ]] || fail "clean output is not only the token: $MEMBER_VALUE"

CASE="create -o json (an OWNER token also named Token 1)"
run organization token cr -n "Token 1" -d "second" -r ORGANIZATION_OWNER -o json
expect_code 0
SECOND_VALUE=$(json_field token "$WORK/out")
SECOND_ID=$(json_field id "$WORK/out")
ISSUED+=("$SECOND_VALUE")
[ "$(json_field name "$WORK/out")" = "Token 1" ] || fail "json name"

CASE="validation before any request"
run organization token create -n x -r ORGANIZATION_ADMIN
expect_code 1
expect_err "Error: requested role is invalid. Possible values are ORGANIZATION_MEMBER, ORGANIZATION_BILLING_ADMIN and ORGANIZATION_OWNER "
run organization token create -n x -r ORGANIZATION_MEMBER --expiration 3651
expect_code 1
expect_err "Error: invalid expiration: must be a whole number of days between 1 and 3650"

CASE="list"
run organization token list -o json
expect_code 0
python3 - "$WORK/out" >"$WORK/ids" <<'PY'
import json, sys
for t in json.load(open(sys.argv[1]))["tokens"]:
    print(t["id"], t["name"], sep="\t")
PY
CI_ID=$(awk -F'\t' '$2=="CI token"{print $1}' "$WORK/ids")
mapfile -t T1_IDS < <(awk -F'\t' '$2=="Token 1"{print $1}' "$WORK/ids")
[ "${#T1_IDS[@]}" = 2 ] || fail "expected two tokens named Token 1"
MEMBER_ID=${T1_IDS[0]}
[ "$MEMBER_ID" = "$SECOND_ID" ] && MEMBER_ID=${T1_IDS[1]}
run organization token list
expect_code 0
expect_no_err
head -1 "$WORK/out" | grep -qE '^ ID +NAME +DESCRIPTION +SCOPE +ORGANIZATION ROLE +CREATED +CREATED BY +EXPIRES +LAST USED +$' ||
  fail "list header: $(head -1 "$WORK/out")"
[ "$(wc -l <"$WORK/out")" = 5 ] || fail "list should show the owner token and 3 new ones: $(out)"
grep -E "^ $CI_ID +CI token +for ci +ORGANIZATION +ORGANIZATION_OWNER +Just now +.* never +" "$WORK/out" >/dev/null ||
  fail "CI token row: $(grep "$CI_ID" "$WORK/out")"

CASE="roles by ID"
run organization token roles "$CI_ID"
expect_code 0
expect_out "$(row 17 30 23 -- ENTITY_TYPE ENTITY_ID ROLE)
$(row 17 30 23 -- ORGANIZATION "$ORG_ID" ORGANIZATION_OWNER)"

CASE="the seed example: update --new-name --role (picked by name)"
run organization token update --name "CI token" --new-name "My updated API token" --role ORGANIZATION_MEMBER
expect_code 0
expect_no_err
expect_out "Astro Organization API token CI token was successfully updated"
run organization token roles "$CI_ID"
expect_out "$(row 17 30 24 -- ENTITY_TYPE ENTITY_ID ROLE)
$(row 17 30 24 -- ORGANIZATION "$ORG_ID" ORGANIZATION_MEMBER)"

CASE="the seed example picked by ID (upper case is lowered)"
run organization token update "${CI_ID^^}" --new-name "My updated API token" --role ORGANIZATION_MEMBER
expect_code 0
expect_out "Astro Organization API token My updated API token was successfully updated"

CASE="update --description --expiration, short flags"
run organization token up "$CI_ID" -d "new description" -e 1
expect_code 0
run organization token list
TOMORROW=$(date -u -d '+1 day' +%F)
grep -E "^ $CI_ID +My updated API token +new description +ORGANIZATION +ORGANIZATION_MEMBER +Just now +.* $TOMORROW +" "$WORK/out" >/dev/null ||
  fail "EXPIRES is not $TOMORROW: $(grep "$CI_ID" "$WORK/out")"

CASE="update --clean-output prints only the ID"
run organization token update -t "My updated API token" -n "Renamed" -r ORGANIZATION_BILLING_ADMIN --clean-output
expect_code 0
expect_out "$CI_ID"

CASE="update: invalid role or expiration changes nothing"
run organization token update "$CI_ID" -n "should not apply" -r ORGANIZATION_BOSS
expect_code 1
expect_err "Error: requested role is invalid. Possible values are ORGANIZATION_MEMBER, ORGANIZATION_BILLING_ADMIN and ORGANIZATION_OWNER "
run organization token update "$CI_ID" -n "should not apply" --expiration 0
expect_code 1
run organization token list
grep -q "should not apply" "$WORK/out" && fail "a rejected update was applied"

CASE="update: unknown ID and unknown name"
run organization token update cxxxxxxxxxxxxxxxxxxxxxxxx -n x
expect_code 3
expect_err "Error: API token not found"
run organization token update --name "no such token" -n x
expect_code 3
expect_err "Error: organization token specified was not found"

CASE="update: piped selection between two tokens named Token 1"
run_input $'2\n' organization token update --name "Token 1" --description "picked second"
expect_code 0
expect_no_err
W=(6 12 16 24 12)
expect_out_contains "
There are more than one API tokens with name Token 1. Please select an API token:
$(row "${W[@]}" -- "#" NAME DESCRIPTION ROLE EXPIRES)"
expect_out_contains "
> Astro Organization API token Token 1 was successfully updated"
run organization token list -o json
python3 - "$WORK/out" "${T1_IDS[1]}" <<'PY' || fail "the second Token 1 was not the one updated"
import json, sys
tokens = {t["id"]: t for t in json.load(open(sys.argv[1]))["tokens"]}
assert tokens[sys.argv[2]]["description"] == "picked second"
PY

CASE="update: closed stdin names the candidates"
run organization token update --name "Token 1" -d x
expect_code 3
expect_out_raw ""
expect_err "Error: a token must be chosen but there is no answer to read (stdin is closed or not a terminal); candidates: \"Token 1\" (${T1_IDS[0]}), \"Token 1\" (${T1_IDS[1]}). Pass the token ID to choose without a prompt: astro organization token update <TOKEN_ID>"

CASE="a MEMBER token may not manage tokens (exit 4)"
ASTRO_API_TOKEN="$MEMBER_VALUE" run organization token list
expect_code 4
expect_err "Using an Astro API Token
Error: permission denied: ORGANIZATION_MEMBER cannot manage organization API tokens"

CASE="rotate: declined"
run_input $'n\n' organization token rotate "$SECOND_ID"
expect_code 0
expect_out "WARNING: API Token rotation will invalidate the current token and cannot be undone.

Are you sure you want to rotate the Token 1 API token? (y/n) Canceling token rotation"

CASE="rotate by ID with --force prints the real name"
run organization token rotate "$SECOND_ID" --force
expect_code 0
ROTATED=$(sed -n 5p "$WORK/out")
ISSUED+=("$ROTATED")
expect_out "
Astro Organization API token Token 1 was successfully rotated
Copy and paste this API token for your records.

$ROTATED

You will not be shown this API token value again."

CASE="the old value is refused at once (exit 2), the new one works"
ASTRO_API_TOKEN="$SECOND_VALUE" run organization token list
expect_code 2
expect_err "Using an Astro API Token
Error: API token has been rotated; use the new token value"
ASTRO_API_TOKEN="$ROTATED" run organization token list
expect_code 0

CASE="rotate confirmed with y, clean output"
run_input $'y\n' organization token ro "$SECOND_ID" -c
expect_code 0
ROTATED2=$(tail -1 "$WORK/out" | sed 's/^.*(y\/n) //')
ISSUED+=("$ROTATED2")
[[ "$ROTATED2" =~ ^astro_org_[0-9A-Za-z]{49}$ ]] || fail "rotated clean output: $(out)"

CASE="rotate -o json"
run organization token rotate "$SECOND_ID" -f -o json
expect_code 0
ROTATED3=$(json_field token "$WORK/out")
ISSUED+=("$ROTATED3")

CASE="delete: declined"
run_input $'n\n' organization token delete "$SECOND_ID"
expect_code 0
expect_out "WARNING: API token deletion cannot be undone.

Are you sure you want to delete the Token 1 API token? (y/n) Canceling API Token deletion"
run_input "" organization token delete --name "Renamed"
expect_code 0
expect_out_contains "Canceling API Token deletion"

CASE="delete --force, then the value is refused"
run organization token delete "$SECOND_ID" --force
expect_code 0
expect_out "Astro Organization API token Token 1 was successfully deleted"
ASTRO_API_TOKEN="$ROTATED3" run organization token list
expect_code 2
expect_err "Using an Astro API Token
Error: API token has been deleted"

CASE="ASTRO_API_TOKEN is never written"
grep -qF "$MEMBER_VALUE" "$ASTRO_HOME/.astro/config.yaml" && fail "ASTRO_API_TOKEN was written"
grep -qF "token: Bearer $OWNER" "$ASTRO_HOME/.astro/config.yaml" || fail "login token not stored"

CASE="server stopped: exit 5 with one line"
stop_server
run organization token list
expect_code 5
expect_err "Error: cannot reach the server at $BASE: Connection refused"

finish
