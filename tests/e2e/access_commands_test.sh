#!/usr/bin/env bash
# End to end (issue 3): organization user invite/list/update, team create/list/update/delete,
# team user add/list/remove, role list, workspace create/list/switch, workspace token add, token
# roles with the WORKSPACE row, a MEMBER token refused (exit 4), and the audit-log export of the
# whole scripted series: a private gzip file whose NDJSON records match the changes one for one,
# in order, with no token value in it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CASE="init and login"
OWNER=$("$ASTRO_SERVER_BIN" init --org "E2E Org" --owner-email owner@example.com --db "$DB" --clean-output)
ISSUED+=("$OWNER")
STORED_TOKEN="$OWNER"
start_server
run login "$BASE" -t "$OWNER"
expect_code 0
ORG_ID=$(sed -n 's/^Logged in to organization E2E Org (\(.*\))$/\1/p' "$WORK/out")
[ -n "$ORG_ID" ] || fail "no organization line: $(out)"
py() { python3 -c "$1" "${@:2}"; }

CASE="user invite (two users)"
run organization user invite Alice@Example.com
expect_code 0
expect_no_err
expect_out "invite for alice@example.com with role ORGANIZATION_MEMBER created"
run org us inv bob@example.com -r ORGANIZATION_BILLING_ADMIN
expect_code 0
expect_out "invite for bob@example.com with role ORGANIZATION_BILLING_ADMIN created"

CASE="user invite validation before any request"
run organization user invite --role BAD
expect_code 1
expect_err "Error: no email provided for the invite. Retry with a valid email address"
run organization user invite carol@example.com --role BAD
expect_code 1
expect_err "Error: requested role is invalid. Possible values are ORGANIZATION_MEMBER, ORGANIZATION_BILLING_ADMIN and ORGANIZATION_OWNER "

CASE="user list -o json"
run organization user list -o json
expect_code 0
cp "$WORK/out" "$WORK/users.json"
user_field() {  # user_field EMAIL FIELD
  py 'import json,sys; print([u for u in json.load(open(sys.argv[1]))["users"] if u["email"]==sys.argv[2]][0][sys.argv[3]])' "$WORK/users.json" "$1" "$2"
}
OWNER_ID=$(user_field owner@example.com id)
ALICE_ID=$(user_field alice@example.com id)
BOB_ID=$(user_field bob@example.com id)
[ "$(user_field alice@example.com orgRole)" = ORGANIZATION_MEMBER ] || fail "alice's role"
[ "$(user_field bob@example.com orgRole)" = ORGANIZATION_BILLING_ADMIN ] || fail "bob's role"
[ "$(py 'import json,sys; print(len(json.load(open(sys.argv[1]))["users"]))' "$WORK/users.json")" = 3 ] || fail "three users"

CASE="user list (table, in API order)"
run organization user list
expect_code 0
W=(13 22 30 31 25)
mapfile -t EMAILS < <(py 'import json,sys; [print(u["email"]) for u in json.load(open(sys.argv[1]))["users"]]' "$WORK/users.json")
EXPECTED="$(row "${W[@]}" -- FULLNAME EMAIL ID "ORGANIZATION ROLE" "CREATE DATE")"
CANDIDATES=""
for e in "${EMAILS[@]}"; do
  EXPECTED+=$'\n'"$(row "${W[@]}" -- "$(user_field "$e" fullName)" "$e" "$(user_field "$e" id)" "$(user_field "$e" orgRole)" "$(user_field "$e" createdAt)")"
  CANDIDATES+="${CANDIDATES:+, }\"$e\" ($(user_field "$e" id))"
done
expect_out "$EXPECTED"

CASE="user update"
run organization user update ALICE@example.com --role ORGANIZATION_BILLING_ADMIN
expect_code 0
expect_out "The user alice@example.com role was successfully updated to ORGANIZATION_BILLING_ADMIN"
run organization user update nobody@example.com -r ORGANIZATION_MEMBER
expect_code 3
expect_err "Error: no user was found for the email you provided"
run organization user update -r ORGANIZATION_MEMBER
expect_code 3
expect_err "Error: a user must be chosen but there is no answer to read (stdin is closed or not a terminal); candidates: $CANDIDATES. Pass the user's e-mail address to choose without a prompt: astro organization user update <EMAIL> --role <ROLE>"

CASE="team create"
run organization team create -n "Data Team" -d "data people" -r ORGANIZATION_MEMBER
expect_code 0
expect_no_err
expect_out "Astro Team Data Team was successfully created"
run organization team create -r NOPE
expect_code 1
expect_out_raw ""
run organization team create -r ORGANIZATION_MEMBER
expect_code 1
expect_out_raw "Please specify a name for your Team

Team name: "
expect_err "Error: you must give your Team a name"

CASE="team list"
run organization team list -o json
expect_code 0
TEAM_ID=$(py 'import json,sys; print(json.load(open(sys.argv[1]))["teams"][0]["id"])' "$WORK/out")
TEAM_CREATED=$(py 'import json,sys; print(json.load(open(sys.argv[1]))["teams"][0]["createdAt"])' "$WORK/out")
run organization team list
expect_code 0
W=(30 14 16 24 16 25)
expect_out "$(row "${W[@]}" -- ID NAME DESCRIPTION "ORG ROLE" "IDP MANAGED" "CREATE DATE")
$(row "${W[@]}" -- "$TEAM_ID" "Data Team" "data people" ORGANIZATION_MEMBER false "$TEAM_CREATED")"

CASE="team user add/list"
run organization team user add -t "$TEAM_ID" -u "$ALICE_ID"
expect_code 0
expect_out "Astro User $ALICE_ID was successfully added to team Data Team "
run organization team user add --team-id "$TEAM_ID" --user-id "$BOB_ID"
expect_code 0
expect_out "Astro User $BOB_ID was successfully added to team Data Team "
run organization team user list -t "$TEAM_ID" -o json
expect_code 0
mapfile -t MEMBERS < <(py 'import json,sys; [print(m["username"]) for m in json.load(open(sys.argv[1]))["teamMembers"]]' "$WORK/out")
[ "${#MEMBERS[@]}" = 2 ] || fail "two members expected: ${MEMBERS[*]}"
run organization team user list -t "$TEAM_ID"
expect_code 0
W=(30 13 22)
EXPECTED="$(row "${W[@]}" -- ID FullName Email)"
for e in "${MEMBERS[@]}"; do
  EXPECTED+=$'\n'"$(row "${W[@]}" -- "$(user_field "$e" id)" "$(user_field "$e" fullName)" "$e")"
done
expect_out "$EXPECTED"

CASE="team update (departure 2: the role is checked before the name update)"
run organization team update "$TEAM_ID" -n "Wrong" -r ORGANIZATION_ADMIN
expect_code 1
expect_err "Error: requested role is invalid. Possible values are ORGANIZATION_MEMBER, ORGANIZATION_BILLING_ADMIN and ORGANIZATION_OWNER "
run organization team update "$TEAM_ID" --name "Data Eng" --description engineers --role ORGANIZATION_BILLING_ADMIN
expect_code 0
expect_out "Astro Team Data Team was successfully updated
Astro Team role Data Team was successfully updated to ORGANIZATION_BILLING_ADMIN"
run organization team list
W=(30 13 16 31 16 25)
expect_out "$(row "${W[@]}" -- ID NAME DESCRIPTION "ORG ROLE" "IDP MANAGED" "CREATE DATE")
$(row "${W[@]}" -- "$TEAM_ID" "Data Eng" engineers ORGANIZATION_BILLING_ADMIN false "$TEAM_CREATED")"

CASE="team user remove (piped selection)"
BOB_POS=1
[ "${MEMBERS[0]}" = bob@example.com ] || BOB_POS=2
run_input "$BOB_POS"$'\n' organization team user remove -t "$TEAM_ID"
expect_code 0
W=(6 13 22 30)
EXPECTED=$'\n'"Please select the teamMember who's membership you'd like to modify:"$'\n'"$(row "${W[@]}" -- "#" FULLNAME EMAIL ID)"
i=1
for e in "${MEMBERS[@]}"; do
  EXPECTED+=$'\n'"$(row "${W[@]}" -- "$i" "$(user_field "$e" fullName)" "$e" "$(user_field "$e" id)")"
  i=$((i + 1))
done
EXPECTED+=$'\n\n'"> Astro User $BOB_ID was successfully removed from team Data Eng "
expect_out "$EXPECTED"
run organization team user remove -t "$TEAM_ID" -u "$BOB_ID"
expect_code 3
expect_err "Error: no team was found for the ID you provided"

CASE="role list"
run organization role list
expect_code 0
expect_out "$(row 9 7 16 -- NAME ID DESCRIPTION)"
run organization role list --include-default-roles -o json
expect_code 0
py 'import json,sys
d=json.load(open(sys.argv[1]))
names=[r["name"] for r in d["defaultRoles"]]
assert names[:3]==["ORGANIZATION_OWNER","ORGANIZATION_BILLING_ADMIN","ORGANIZATION_MEMBER"], names
assert "WORKSPACE_AUTHOR" in names and d["roles"]==[]' "$WORK/out" || fail "role list json"
run organization role list --include-default-roles
expect_code 0
expect_out_contains " ORGANIZATION_OWNER "
expect_out_contains " WORKSPACE_MEMBER "
[ "$(head -c 6 "$WORK/out")" = " NAME " ] || fail "role table header"

CASE="workspace create/list/switch"
run workspace create --name Prod -d production
expect_code 0
expect_out "Astro Workspace Prod was successfully created"
run wo cr -n Dev
expect_code 0
run workspace list -o json
WS_ID=$(py 'import json,sys; print([w["id"] for w in json.load(open(sys.argv[1]))["workspaces"] if w["name"]=="Prod"][0])' "$WORK/out")
DEV_ID=$(py 'import json,sys; print([w["id"] for w in json.load(open(sys.argv[1]))["workspaces"] if w["name"]=="Dev"][0])' "$WORK/out")
run workspace token add -r WORKSPACE_AUTHOR -n "anything"
expect_code 1
expect_err "Error: no workspace selected: pass --workspace-id <WORKSPACE_ID> or choose one with astro workspace switch <WORKSPACE>"
run workspace switch Prod
expect_code 0
expect_out "$(row 36 36 -- CONTROLPLANE WORKSPACE)
$(row 36 36 -- "$BASE" "$WS_ID")"
grep -q "^    workspace: $WS_ID\$" "$ASTRO_HOME/.astro/config.yaml" || fail "workspace not written"
grep -q "^    last_used_workspace: $WS_ID\$" "$ASTRO_HOME/.astro/config.yaml" || fail "last_used_workspace not written"
run workspace list
expect_code 0
expect_out "$(row 9 30 -- NAME ID)
$(row 9 30 -- Dev "$DEV_ID")
$(row 9 30 -- Prod "$WS_ID")"
run workspace switch nope
expect_code 3
expect_err "Error: workspace id/name could not be found"

CASE="organization switch -w"
run organization switch "E2E Org" -w Dev
expect_code 0
expect_out "You selected the same organization as the current one. No switch was made
$(row 36 36 -- CONTROLPLANE WORKSPACE)
$(row 36 36 -- "$BASE" "$DEV_ID")"
run workspace switch "$WS_ID"
expect_code 0

CASE="workspace token add"
run organization token create -n "ws token" -r ORGANIZATION_MEMBER -c
expect_code 0
MEMBER_VALUE=$(out)
ISSUED+=("$MEMBER_VALUE")
run organization token list -o json
TOKEN_ID=$(py 'import json,sys; print([t["id"] for t in json.load(open(sys.argv[1]))["tokens"] if t["name"]=="ws token"][0])' "$WORK/out")
run workspace token add "$TOKEN_ID" --role WORKSPACE_BOSS
expect_code 1
expect_err "Error: requested role is invalid. Possible values are WORKSPACE_MEMBER, WORKSPACE_AUTHOR, WORKSPACE_OPERATOR and WORKSPACE_OWNER "
run workspace token add "$TOKEN_ID" --role WORKSPACE_AUTHOR
expect_code 0
expect_no_err
expect_out "Astro Organization API token ws token was successfully added to the Workspace"
run wo to add --org-token-name "ws token" -r WORKSPACE_AUTHOR --workspace-id "$WS_ID"
expect_code 1
expect_err "Error: this Organization API token has already been added to the Workspace with that role"
run organization token roles "$TOKEN_ID"
expect_code 0
W=(17 30 24)
expect_out "$(row "${W[@]}" -- ENTITY_TYPE ENTITY_ID ROLE)
$(row "${W[@]}" -- ORGANIZATION "$ORG_ID" ORGANIZATION_MEMBER)
$(row "${W[@]}" -- WORKSPACE "$WS_ID" WORKSPACE_AUTHOR)"

CASE="a MEMBER token is refused an OWNER-only command (exit 4)"
ASTRO_API_TOKEN="$MEMBER_VALUE" run organization team create -n "Sneaky" -r ORGANIZATION_MEMBER
expect_code 4
expect_err "Using an Astro API Token
Error: permission denied: ORGANIZATION_MEMBER cannot manage teams"
expect_out_raw ""

CASE="team delete"
run organization team delete "$TEAM_ID"
expect_code 0
expect_out "Astro Team Data Eng was successfully deleted"
run organization team list
expect_out "$(row 7 9 16 13 16 16 -- ID NAME DESCRIPTION "ORG ROLE" "IDP MANAGED" "CREATE DATE")"

CASE="audit-logs export --include checks"
run organization audit-logs export --include 91
expect_code 1
expect_err "Error: invalid --include: must be a whole number of days between 1 and 90"
expect_out_raw ""

CASE="audit-logs export"
mkdir -p "$WORK/export"
pushd "$WORK/export" >/dev/null
run organization audit-logs export --include 1
popd >/dev/null
expect_code 0
expect_no_err
expect_out "This may take some time depending on how many days are being exported.
Finished exporting logs to local GZIP file"
FILE="$WORK/export/e2eorg-logs-1-day-$(date +%Y%m%d).ndjson.gz"
[ -f "$FILE" ] || fail "no file $FILE: $(ls "$WORK/export")"
[ "$(stat -c %a "$FILE")" = 600 ] || fail "export file mode is $(stat -c %a "$FILE"), want 600"
gzip -t "$FILE" || fail "gzip -t failed"
gzip -dc "$FILE" >"$WORK/audit.ndjson"
python3 - "$WORK/audit.ndjson" <<PY || fail "audit records do not match the scripted changes"
import json, sys
records = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
got = [(r["action"], r["target"]["type"], r["target"]["id"], r["outcome"]) for r in records]
want = [
    ("organization.init", "ORGANIZATION", "$ORG_ID", "SUCCESS"),
    ("invite.create", "INVITE", None, "SUCCESS"),
    ("invite.create", "INVITE", None, "SUCCESS"),
    ("user.updateRoles", "USER", "$ALICE_ID", "SUCCESS"),
    ("team.create", "TEAM", "$TEAM_ID", "SUCCESS"),
    ("team.addMembers", "TEAM", "$TEAM_ID", "SUCCESS"),
    ("team.addMembers", "TEAM", "$TEAM_ID", "SUCCESS"),
    ("team.update", "TEAM", "$TEAM_ID", "SUCCESS"),
    ("team.updateRoles", "TEAM", "$TEAM_ID", "SUCCESS"),
    ("team.removeMember", "TEAM", "$TEAM_ID", "SUCCESS"),
    ("workspace.create", "WORKSPACE", "$WS_ID", "SUCCESS"),
    ("workspace.create", "WORKSPACE", "$DEV_ID", "SUCCESS"),
    ("apiToken.create", "API_TOKEN", "$TOKEN_ID", "SUCCESS"),
    ("apiToken.updateRoles", "API_TOKEN", "$TOKEN_ID", "SUCCESS"),
    ("team.create", "TEAM", "", "DENIED"),
    ("team.delete", "TEAM", "$TEAM_ID", "SUCCESS"),
]
ok = len(got) == len(want) and all(
    g[0] == w[0] and g[1] == w[1] and (w[2] is None or g[2] == w[2]) and g[3] == w[3]
    for g, w in zip(got, want))
if not ok:
    print("got:", *got, sep="\n  ", file=sys.stderr)
    print("want:", *want, sep="\n  ", file=sys.stderr)
    sys.exit(1)
names = {r["target"]["name"] for r in records if r["action"] == "invite.create"}
assert names == {"alice@example.com", "bob@example.com"}, names
for r in records:
    assert r["organizationId"] == "$ORG_ID", r
    assert r["action"] == "organization.init" or r["actor"]["id"], r
PY
for v in "${ISSUED[@]}"; do
  if grep -qF -- "$v" "$WORK/audit.ndjson"; then CASE="audit export"; fail "a token value appears in the audit export"; fi
done

finish
