#!/usr/bin/env bash
# End to end: the README's "A short tour" block, command by command exactly as written there,
# against a real astro-server initialised as scripts/quickstart.sh does it. The output must match
# the transcript below once IDs, token values and dates are masked (widths are kept), so the
# README stays true.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
README="$(cd "$(dirname "$0")/../.." && pwd)/README.md"

CASE="set-up as quickstart.sh does"
OWNER=$("$ASTRO_SERVER_BIN" init --org "Demo Organization" --owner-email owner@example.com \
          --db "$DB" --clean-output)
ISSUED+=("$OWNER")
STORED_TOKEN="$OWNER"
# The server writes lastUsedAt in batches (every 10 s by default): with a long interval the tour
# shows what a user typing it within the first seconds sees, on a slow machine too.
start_server --last-used-flush-interval-ms 60000
run login "$BASE" --token-login "$OWNER"
expect_code 0

# `astro` on PATH is the binary under test.
mkdir -p "$WORK/bin"
ln -s "$ASTRO_BIN" "$WORK/bin/astro"
export PATH="$WORK/bin:$PATH"

CASE="the tour"
# The commands between "## A short tour" and the end of its first code block; `export` lines set
# up the reader's shell and are replaced by the set-up above.
mapfile -t commands < <(awk '/^## A short tour/{t=1} t&&/^```sh/{c=1;next} c&&/^```/{exit} c' "$README" |
                         grep -v '^export ')
[ "${#commands[@]}" -ge 6 ] || fail "could not read the tour from README.md"
: >"$WORK/tour"
for cmd in "${commands[@]}"; do
  printf '$ %s\n' "$cmd" >>"$WORK/tour"
  # The interactive `roles` picks the second token from its numbered list.
  input=/dev/null
  case "$cmd" in *"token roles"*) printf '2\n' >"$WORK/answer"; input="$WORK/answer" ;; esac
  set +e
  bash -c "$cmd" <"$input" >>"$WORK/tour" 2>&1
  code=$?
  set -e
  [ "$code" = 0 ] || fail "exit $code from: $cmd"
done

# Token values shown once: remember them for the secrets check, then mask.
while read -r v; do ISSUED+=("$v"); done < <(grep -oE 'astro_org_[0-9A-Za-z]{49}' "$WORK/tour")
tomorrow=$(date -u -d '+1 day' +%Y-%m-%d)
in30=$(date -u -d '+30 days' +%Y-%m-%d)
sed -E -e 's/astro_org_[0-9A-Za-z]{49}/astro_org_TOKEN_VALUE_MASKED_TO_THE_SAME_LENGTH_AS_IT_IS/g' \
       -e 's/\bc[0-9a-z]{24}\b/cIDIDIDIDIDIDIDIDIDIDIDID/g' \
       -e "s/$tomorrow/TOMORROW__/g" -e "s/$in30/IN_30_DAYS/g" "$WORK/tour" >"$WORK/masked"

cat >"$WORK/expected" <<'TOUR'
$ astro organization list
 NAME                  ID                            
 Demo Organization     cIDIDIDIDIDIDIDIDIDIDIDID     
$ astro organization token create --name "CI deploy" --description "deploys from CI" --role ORGANIZATION_MEMBER --expiration 30

Astro Organization API token CI deploy was successfully created
Copy and paste this API token for your records.

astro_org_TOKEN_VALUE_MASKED_TO_THE_SAME_LENGTH_AS_IT_IS

You will not be shown this API token value again.
$ astro organization token list
 ID                            NAME                    DESCRIPTION                      SCOPE            ORGANIZATION ROLE       CREATED      CREATED BY              EXPIRES        LAST USED     
 cIDIDIDIDIDIDIDIDIDIDIDID     Initial owner token     Created by astro-server init     ORGANIZATION     ORGANIZATION_OWNER      Just now     owner                   never          never         
 cIDIDIDIDIDIDIDIDIDIDIDID     CI deploy               deploys from CI                  ORGANIZATION     ORGANIZATION_MEMBER     Just now     Initial owner token     IN_30_DAYS     never         
$ astro organization token update --name "CI deploy" --new-name "My updated API token" --role ORGANIZATION_MEMBER
Astro Organization API token CI deploy was successfully updated
$ astro organization token update --name "My updated API token" --expiration 1 --description "expires tomorrow"
Astro Organization API token My updated API token was successfully updated
$ astro organization token roles          # pick the token from the numbered list

Please select the Organization API token you would like to update:
 #     NAME                     DESCRIPTION                      ROLE                    EXPIRES     
 1     Initial owner token      Created by astro-server init     ORGANIZATION_OWNER                  
 2     My updated API token     expires tomorrow                 ORGANIZATION_MEMBER     1           

>  ENTITY_TYPE      ENTITY_ID                     ROLE                    
 ORGANIZATION     cIDIDIDIDIDIDIDIDIDIDIDID     ORGANIZATION_MEMBER     
$ astro organization token rotate --name "My updated API token" --force

Astro Organization API token My updated API token was successfully rotated
Copy and paste this API token for your records.

astro_org_TOKEN_VALUE_MASKED_TO_THE_SAME_LENGTH_AS_IT_IS

You will not be shown this API token value again.
$ astro organization token delete --name "My updated API token" --force
Astro Organization API token My updated API token was successfully deleted
TOUR
if ! diff "$WORK/expected" "$WORK/masked" >"$WORK/diff"; then
  fail "the tour's output differs from the transcript:"
  cat "$WORK/diff" >&2
fi

CASE="quickstart.sh prints the same tour"
QUICKSTART="$(dirname "$README")/scripts/quickstart.sh"
for cmd in "${commands[@]}"; do
  grep -qF -- "  $cmd" "$QUICKSTART" || fail "quickstart.sh does not print: $cmd"
done

CASE="after the tour: expiry one day ahead was listed, the deleted token is gone"
run organization token list -o json
expect_code 0
python3 - "$WORK/out" <<'PY' || fail "token list after the tour"
import json, sys
tokens = json.load(open(sys.argv[1]))["tokens"]
assert [t["name"] for t in tokens] == ["Initial owner token"], tokens
PY

CASE="the access-model tour"
# The block under "## The access model, scripted", run as one script (it sets shell variables),
# in a scratch directory for the exported file.
awk '/^## The access model, scripted/{t=1} t&&/^```sh/{c=1;next} c&&/^```/{exit} c' "$README" >"$WORK/access.sh"
[ "$(wc -l <"$WORK/access.sh")" -ge 10 ] || fail "could not read the access-model tour from README.md"
mkdir -p "$WORK/tour2"
set +e
(cd "$WORK/tour2" && bash -e "$WORK/access.sh") >"$WORK/access.out" 2>&1
code=$?
set -e
[ "$code" = 0 ] || { fail "the access-model tour exited $code:"; cat "$WORK/access.out" >&2; }
[ "$(stat -c %a "$WORK/tour2/audit.ndjson.gz")" = 600 ] || fail "the exported audit log is not mode 0600"
sed -E -e 's/\bc[0-9a-z]{24}\b/cIDIDIDIDIDIDIDIDIDIDIDID/g' \
       -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/YYYY-MM-DDTHH:MM:SSZ/g' \
       -e 's/"requestId":"[^"]*"/"requestId":"REQUEST_ID"/g' \
       -e 's/"(prevHash|hash)":"[0-9a-f]{64}"/"\1":"SHA256"/g' \
       -e 's|^ http://127\.0\.0\.1:[0-9]+ +| http://127.0.0.1:PORT               |' "$WORK/access.out" >"$WORK/access.masked"
if [ -n "${WRITE_TRANSCRIPT:-}" ]; then cp "$WORK/access.masked" "$WRITE_TRANSCRIPT"; fi
if ! diff "$(dirname "$0")/readme_access_tour.expected" "$WORK/access.masked" >"$WORK/diff"; then
  fail "the access-model tour's output differs from tests/e2e/readme_access_tour.expected:"
  cat "$WORK/diff" >&2
fi

finish
