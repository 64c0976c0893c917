#!/usr/bin/env bash
# packaging/astro-server.service stays true: its ExecStart runs (against a throwaway database
# and port) and serves, every variable the example environment file names is one `serve` reads,
# and, where systemd-analyze exists, the unit verifies.
set -euo pipefail
: "${ASTRO_SERVER_BIN:?set ASTRO_SERVER_BIN to the astro-server binary}"
root=$(cd "$(dirname "$0")/../.." && pwd)
unit=$root/packaging/astro-server.service
envfile=$root/packaging/astro-server.env
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
[ -n "$exec_start" ] || fail "no ExecStart in $unit"
read -r -a argv <<<"$exec_start"
[ "${argv[0]}" = /usr/local/bin/astro-server ] || fail "ExecStart runs ${argv[0]}"
db=""
for i in "${!argv[@]}"; do [ "${argv[$i]}" = --db ] && db=${argv[$((i + 1))]}; done
[ "$db" = /var/lib/astro-server/astro.db ] || fail "ExecStart's --db is '$db', not in the StateDirectory"
grep -q '^StateDirectory=astro-server$' "$unit" || fail "StateDirectory is not astro-server"

# The same command line, with the binary, database and port of this test.
"$ASTRO_SERVER_BIN" init --db "$work/astro.db" --org Packaging --owner-email ops@example.com \
  --clean-output >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
args=("${argv[@]:1}")
for i in "${!args[@]}"; do [ "${args[$i]}" = "$db" ] && args[$i]=$work/astro.db; done
ASTRO_SERVER_LISTEN=127.0.0.1:$port "$ASTRO_SERVER_BIN" "${args[@]}" 2>"$work/log" &
pid=$!
ok=""
for _ in $(seq 1 100); do
  if curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then ok=1; break; fi
  sleep 0.1
done
[ -n "$ok" ] || { cat "$work/log" >&2; fail "the unit's ExecStart did not serve"; }
# --log-format json: every line is a JSON object.
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1]) if l.strip()]' "$work/log" ||
  fail "the unit's log lines are not JSON"
kill -TERM "$pid"; wait "$pid" || fail "SIGTERM did not stop the server cleanly"; pid=""

# Every variable the example environment file names is one that serve documents.
help=$("$ASTRO_SERVER_BIN" serve --help)
for var in $(sed -n 's/^#\{0,1\}\(ASTRO_SERVER_[A-Z_]*\)=.*/\1/p' "$envfile"); do
  grep -q "$var" <<<"$help" || fail "$envfile names $var, which serve does not read"
done

if command -v systemd-analyze >/dev/null 2>&1; then
  # verify wants the binary at the unit's path; check the unit's own syntax only.
  out=$(systemd-analyze verify "$unit" 2>&1 | grep -v -e 'astro-server: No such file' \
        -e 'Command /usr/local/bin/astro-server is not executable' -e '^$' || true)
  [ -z "$out" ] || fail "systemd-analyze verify: $out"
fi
echo "packaging: ExecStart serves, the environment file names real settings"
