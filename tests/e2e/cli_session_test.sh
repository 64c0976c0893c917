#!/usr/bin/env bash
# End to end: login/logout, contexts, organization list/switch, version, completion, help.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

OWNER=$("$ASTRO_SERVER_BIN" init --org "Session Org" --owner-email owner@example.com --db "$DB" --clean-output)
ISSUED+=("$OWNER")
STORED_TOKEN="$OWNER"
start_server
DOMAIN="127.0.0.1:$PORT"

CASE="one server per database"
# The server caches what it read until its own next write, so it must be the database's only
# writer: a second server on the same file is refused; init and sqlite3 still work beside it.
set +e
timeout 10 "$ASTRO_SERVER_BIN" serve --listen "127.0.0.1:$(free_port)" --db "$DB" >"$WORK/out" 2>"$WORK/err"
CODE=$?
set -e
expect_code 1
expect_err "Error: another astro-server is already serving $DB"
"$ASTRO_SERVER_BIN" init --org "Session Org" --owner-email owner@example.com --db "$DB" >"$WORK/out"
expect_out_contains "Already initialized"
[ "$(sqlite3 "$DB" 'SELECT COUNT(*) FROM organizations')" = 1 ] || fail "sqlite3 cannot read beside the server"

CASE="help and version"
run
expect_code 0
expect_out_contains "organization, org"
run organization token
expect_code 0
expect_out_contains "update, up"
run version
expect_code 0
expect_out "Astro CLI Version: $("$ASTRO_BIN" version | sed 's/.*: //')"
run organization token update --unknown
expect_code 1
grep -q "^Error: unknown flag: --unknown$" "$WORK/err" || fail "unknown flag message: $(head -1 "$WORK/err")"

CASE="no context"
run organization token list
expect_code 2
expect_err "Error: no context set, have you authenticated to Astro or APC? Run astro login and try again"

CASE="login without a token"
run login "$DOMAIN"
expect_code 1
expect_err "Error: interactive browser login is not available for this server; log in with an API token: astro login $DOMAIN --token-login <token>"

CASE="login (host:port domain)"
run login "$DOMAIN" --token-login "$OWNER"
expect_code 0
expect_out_contains "Successfully authenticated to Astronomer"

CASE="organization list and switch"
run organization list
expect_code 0
ORG_ID=$("$ASTRO_BIN" organization list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["organizations"][0]["id"])')
expect_out "$(row 16 30 -- NAME ID)
$(row 16 30 -- "Session Org" "$ORG_ID")"
run org ls -o yaml
expect_code 0
expect_out_contains "isCurrent: true"
run organization switch "Session Org"
expect_code 0
expect_out "You selected the same organization as the current one. No switch was made"
run organization switch "$ORG_ID"
expect_out "You selected the same organization as the current one. No switch was made"
run organization switch "Nope"
expect_code 3
expect_err "Error: invalid organization name"
run_input $'1\n' organization switch
expect_code 0
run organization switch </dev/null
expect_code 3
run organization switch "Session Org" -w ws1
expect_code 3
expect_err "Error: workspace id/name could not be found"

CASE="ASTRO_DOMAIN + ASTRO_API_TOKEN without a context"
run context switch other.example
expect_code 0
ASTRO_DOMAIN="$DOMAIN" ASTRO_API_TOKEN="$OWNER" run organization token list
expect_code 0
expect_out_contains "Initial owner token"

CASE="contexts"
run context list
expect_code 0
expect_out "$(printf ' %-44s' NAME)
$(printf ' %-44s' "$DOMAIN")
$(printf ' %-44s' other.example)"
run_input $'n\n' context delete other.example
expect_out_raw "Are you sure you want to delete currently used context: other.example (y/n) Canceling context delete...
"
run context delete other.example --force
expect_out "Successfully deleted context: other.example"
run c sw "$DOMAIN"
expect_code 0
expect_out "$(printf ' %-36s%-36s' "CONTEXT DOMAIN" WORKSPACE)
$(printf ' %-36s%-36s' "$DOMAIN" "")

 Switched context"
run organization token list
expect_code 0

CASE="completion"
run completion bash
expect_code 0
COMPLETION="$WORK/astro.bash"
cp "$WORK/out" "$COMPLETION"
got=$(bash -c 'source "$1"; COMP_WORDS=(astro org to up --ex); COMP_CWORD=4; _astro; echo "${COMPREPLY[*]}"' _ "$COMPLETION")
[ "$got" = "--expiration" ] || fail "bash completion gave '$got'"

CASE="logout"
run logout
expect_code 0
expect_out "Successfully logged out of Astronomer"
run organization token list
expect_code 2
grep -qF "$OWNER" "$ASTRO_HOME/.astro/config.yaml" && fail "token kept after logout"
STORED_TOKEN=""

finish
