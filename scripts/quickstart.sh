#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running control plane and a logged-in CLI:
# installs what is missing (apt-get), builds Release, starts astro-server in the background on
# embedded SQLite (data/ inside the repository, git-ignored) after initialising a demo
# organization once, logs the CLI in with the printed owner token, and prints what to type next.
# Safe to run again: a running server is reused, an initialised database is left as it is.
#   ASTRO_QUICKSTART_PORT   port to listen on (default 8888)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
port=${ASTRO_QUICKSTART_PORT:-8888}
data=$root/data
bin=$root/build/release
export ASTRO_HOME=$data/astro-home
url=http://127.0.0.1:$port

scripts/deps.sh

echo "==> Building (Release) in build/release"
cmake -S "$root" -B "$bin" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$bin" -j "$(nproc 2>/dev/null || echo 2)" --target astro astro-server >"$bin.quickstart-build.log" 2>&1 ||
  { tail -30 "$bin.quickstart-build.log"; echo "Build failed; see $bin.quickstart-build.log"; exit 1; }

mkdir -p "$data" "$ASTRO_HOME"
chmod 700 "$data" "$ASTRO_HOME"

healthy() { curl -fsS --max-time 2 "$url/healthz" >/dev/null 2>&1; }

# init first: `serve` never creates a database. On a later run it prints nothing and changes
# nothing (it may run beside the server).
token=$("$bin/astro-server" init --org "Demo Organization" --owner-email owner@example.com \
          --db "$data/astro.db" --clean-output)

pidfile=$data/astro-server.pid
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && healthy; then
  echo "==> astro-server already running (pid $(cat "$pidfile")) on $url"
else
  if healthy; then
    echo "Something else already answers on $url; set ASTRO_QUICKSTART_PORT to another port." >&2
    exit 1
  fi
  echo "==> Starting astro-server on $url (database $data/astro.db, log $data/astro-server.log)"
  nohup "$bin/astro-server" serve --listen "127.0.0.1:$port" --db "$data/astro.db" \
    >>"$data/astro-server.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  for _ in $(seq 1 100); do healthy && break; sleep 0.1; done
  healthy || { echo "astro-server did not become healthy; last log lines:" >&2; tail -20 "$data/astro-server.log" >&2; exit 1; }
fi

if [ -n "$token" ]; then
  echo "==> Initialized \"Demo Organization\"; logging the CLI in with its owner token"
  "$bin/astro" login "$url" --token-login "$token" >/dev/null
  unset token
elif ! "$bin/astro" organization list >/dev/null 2>&1; then
  echo "The database in $data was initialized earlier but the CLI is not logged in, and the owner" >&2
  echo "token is shown only once. Log in with a token you kept (astro login $url -t TOKEN)," >&2
  echo "or stop the server (kill \$(cat $pidfile)) and remove $data to start over." >&2
  exit 1
else
  echo "==> Already initialized and logged in"
fi

cat <<NEXT

astro-server is running on $url (pid $(cat "$pidfile")); the CLI is logged in.
Try, in this shell:

  export ASTRO_HOME=$ASTRO_HOME PATH=$bin:\$PATH
  astro organization list
  astro organization token create --name "CI deploy" --description "deploys from CI" --role ORGANIZATION_MEMBER --expiration 30
  astro organization token list
  astro organization token update --name "CI deploy" --new-name "My updated API token" --role ORGANIZATION_MEMBER
  astro organization token update --name "My updated API token" --expiration 1 --description "expires tomorrow"
  astro organization token roles          # pick the token from the numbered list
  astro organization token rotate --name "My updated API token" --force
  astro organization token delete --name "My updated API token" --force

Stop the server with: kill \$(cat $pidfile)
NEXT
