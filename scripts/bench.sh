#!/usr/bin/env bash
# Benchmarks astro-server and the astro CLI against this machine's limits (nginx from memory,
# a minimal one-request program) in the same run, and rewrites bench/RESULTS.md.
# Everything listens on 127.0.0.1, every load run is bounded (wrk -d), and every process it starts
# is stopped by PID on exit.
#   BENCH_ROUNDS (3)  BENCH_DURATION (10s)  BENCH_SCALE ("1000 100000 1000000")
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
rounds=${BENCH_ROUNDS:-3}
duration=${BENCH_DURATION:-10s}
scale_sizes=${BENCH_SCALE:-"1000 100000 1000000"}
started=$SECONDS

scripts/deps.sh
need=()
for p in wrk nginx-light hyperfine libbenchmark-dev procps; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}"
  sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  # Keep the package from starting a system nginx on port 80: nothing may be left running.
  policy_added=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo_cmd[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${sudo_cmd[@]}" chmod +x /usr/sbin/policy-rc.d; policy_added=1
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  [ $policy_added = 1 ] && "${sudo_cmd[@]}" rm -f /usr/sbin/policy-rc.d
fi

build=$root/build/bench
echo "==> Building Release with the benchmark tools in build/bench"
# (The tests are configured for their PostgreSQL cluster tool, the only test target built here.)
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DASTRO_BUILD_BENCH=ON -DASTRO_BUILD_TESTS=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target astro astro-server bench_seed micro_bench astro_test_pg_cluster >"$build.log" 2>&1 ||
  { tail -30 "$build.log"; exit 1; }
cc -O2 -o "$build/min_get" bench/min_get.c

work=$(mktemp -d)
pids=()
pg_cluster=$build/tests/astro_test_pg_cluster
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  [ -f "$work/pg.state" ] && "$pg_cluster" stop "$work/pg.state" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done; return 1; }
results=$work/results.tsv   # kind  round  scenario  rps  p50_ms  p99_ms  extra
: >"$results"

# wrk_run NAME ROUND URL [wrk args…]: one bounded load run, one line in results.tsv.
wrk_run() {
  local name=$1 round=$2 url=$3; shift 3
  local out=$work/wrk.out
  wrk -t2 -c64 -d"$duration" --latency "$@" "$url" >"$out" 2>&1
  python3 - "$out" "$name" "$round" >>"$results" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s+%s\s+([\d.]+)(us|ms|s)\s*$" % re.escape(label), text, re.M)
    if not m: return float("nan")
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errs = re.search(r"Socket errors:.*", text)
extra = ("non2xx=%s" % non2xx.group(1) if non2xx else "") + (" " + errs.group(0) if errs else "")
print("wrk\t%s\t%s\t%.1f\t%.3f\t%.3f\t%s" % (sys.argv[3], sys.argv[2], rps, ms("50%"), ms("99%"), extra.strip()))
PY
}

# The rate limits stay on (their cost is part of every request) but far above what one machine
# can send, so that no benchmark request is answered 429.
start_server() {  # start_server DB PORT [on|off]: starts astro-server (read caches on by default), sets SERVER_PID
  "$build/astro-server" serve --listen "127.0.0.1:$2" --db "$1" --log-level warn --read-caches "${3:-on}" \
    --rate-limit-per-address 100000000 --rate-limit-per-credential 100000000 >>"$work/server.log" 2>&1 &
  SERVER_PID=$!; pids+=("$SERVER_PID")
  wait_port "$2" || { echo "astro-server did not start"; cat "$work/server.log"; exit 1; }
}
stop_server() { kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; }
# many_run PREFIX URL VALUES: one hot token (.one) and every request the next of the 10,000
# values: first on the fresh server (.cold: every token's first use since the start reads it from
# the database once); then ROUNDS pairs of the hot token and the fleet in steady state (.one and
# .many, rounds 1..ROUNDS: the ratio is taken in each pair, the machine's noise moves both); then
# a run that crosses a minute boundary (.minute: every token's first use in the new minute) and
# the hot token right after it (.one, round ROUNDS+1).
many_run() {
  BENCH_VALUES=$3 BENCH_VALUES_ONE=1 wrk_run "$1.one" 0 "$2" -s bench/wrk/many.lua
  BENCH_VALUES=$3 wrk_run "$1.cold" 1 "$2" -s bench/wrk/many.lua
  local r
  for r in $(seq 1 "$rounds"); do
    BENCH_VALUES=$3 BENCH_VALUES_ONE=1 wrk_run "$1.one" "$r" "$2" -s bench/wrk/many.lua
    BENCH_VALUES=$3 wrk_run "$1.many" "$r" "$2" -s bench/wrk/many.lua
  done
  local s; s=$(date +%S); sleep $(( (55 - 10#$s + 60) % 60 ))
  BENCH_VALUES=$3 wrk_run "$1.minute" 1 "$2" -s bench/wrk/many.lua
  BENCH_VALUES=$3 BENCH_VALUES_ONE=1 wrk_run "$1.one" $((rounds + 1)) "$2" -s bench/wrk/many.lua
}
rss_kib() { ps -o rss= -p "$1" | tr -d ' '; }

# ---------------------------------------------------------------- base database: 10,000 tokens
echo "==> Seeding the base database (10,000 tokens)"
eval "$("$build/bench/bench_seed" --db "$work/base.db" --tokens 10000 2>>"$work/seed.log")"
port=$(free_port)
start_server "$work/base.db" "$port"
base=http://127.0.0.1:$port/v1/organizations/$ORG_ID
auth=(-H "Authorization: Bearer $OWNER_TOKEN")
get_url=$base/tokens/$TOKEN_ID
list_url="$base/tokens?limit=20"
curl -s "${auth[@]}" "$get_url" >"$work/body.get"
curl -s "${auth[@]}" "$list_url" >"$work/body.list"
curl -s -H "Authorization: Bearer $UNKNOWN_TOKEN" "$get_url" >"$work/body.reject"
curl -s "${auth[@]}" -H 'Content-Type: application/json' -d @<(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" bench/wrk/create.lua) \
  "$base/tokens" | sed -E 's/"token":"[^"]*"/"token":"astro_org_00000000000000000000000000000000000000000000000000"/' >"$work/body.create"

# nginx with four locations answering bodies of exactly those sizes.
nginx_port=$(free_port)
mkdir -p "$work/nginx"
: >"$work/nginx/locations.conf"
# The body itself, from memory: a config string holds at most ~4 KB, so long bodies are split
# into `set` variables joined by `return` (single quotes, nginx's delimiter, never occur in our JSON).
python3 - "$work" >"$work/nginx/locations.conf" <<'PY'
import sys
work = sys.argv[1]
for s in ("get", "list", "reject", "create"):
    body = open("%s/body.%s" % (work, s)).read()
    assert "'" not in body and "\\" not in body
    parts = [body[i:i + 2000] for i in range(0, len(body), 2000)] or [""]
    sets = " ".join("set $%s%d '%s';" % (s, i, p) for i, p in enumerate(parts))
    joined = "".join("${%s%d}" % (s, i) for i in range(len(parts)))
    print("location = /%s { %s return 200 \"%s\"; }" % (s, sets, joined))
PY
sed -e "s|@PREFIX@|$work/nginx|g" -e "s|@PORT@|$nginx_port|g" bench/nginx.conf.in >"$work/nginx/nginx.conf"
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=($!)
wait_port "$nginx_port"
ngx=http://127.0.0.1:$nginx_port
curl -s "http://127.0.0.1:$port/healthz" >"$work/body.healthz"
for s in get list reject create healthz; do
  printf 'size\t0\t%s\t%s\t0\t0\t\n' "$s" "$(wc -c <"$work/body.$s")" >>"$results"
done

echo "==> $rounds rounds of wrk -t2 -c64 -d$duration, each scenario next to nginx with a body of the same size"
for r in $(seq 1 "$rounds"); do
  wrk_run nginx.get "$r" "$ngx/get"
  wrk_run get "$r" "$get_url" "${auth[@]}"
  wrk_run nginx.list "$r" "$ngx/list"
  wrk_run list "$r" "$list_url" "${auth[@]}"
  wrk_run nginx.create "$r" "$ngx/create" -s bench/wrk/post.lua
  wrk_run create "$r" "$base/tokens" "${auth[@]}" -s bench/wrk/create.lua
  wrk_run nginx.reject "$r" "$ngx/reject"
  wrk_run reject "$r" "$get_url" -H "Authorization: Bearer $UNKNOWN_TOKEN"
  # The transport alone (no authentication, no handler work): the floor of every API request.
  wrk_run healthz "$r" "http://127.0.0.1:$port/healthz"
  echo "    round $r done"
done
printf 'rss\t0\tcached-after-rounds\t%s\t0\t0\t\n' "$(rss_kib "$SERVER_PID")" >>"$results"
stop_server

# The same get and list with the read caches off: the database read on every request (compared
# with the nginx runs of the same round).
echo "==> get and list with --read-caches off"
port=$(free_port)
start_server "$work/base.db" "$port" off
base_off=http://127.0.0.1:$port/v1/organizations/$ORG_ID
for r in $(seq 1 "$rounds"); do
  wrk_run get.nocache "$r" "$base_off/tokens/$TOKEN_ID" "${auth[@]}"
  wrk_run list.nocache "$r" "$base_off/tokens?limit=20" "${auth[@]}"
done
stop_server

# ---------------------------------------------------------------- scale
for n in $scale_sizes; do
  echo "==> Scale: $n tokens"
  db=$work/scale-$n.db
  seed_start=$SECONDS
  eval "$("$build/bench/bench_seed" --db "$db" --tokens "$n" 2>>"$work/seed.log")"
  printf 'seed\t0\t%s\t%s\t0\t0\t\n' "$n" "$((SECONDS - seed_start))" >>"$results"
  port=$(free_port)
  start_server "$db" "$port" off  # what scales is the store path: read it on every request
  base=http://127.0.0.1:$port/v1/organizations/$ORG_ID
  curl -s -o /dev/null -H "Authorization: Bearer $OWNER_TOKEN" "$base/tokens/$TOKEN_ID"
  printf 'rss\t0\tidle-%s\t%s\t0\t0\t\n' "$n" "$(rss_kib "$SERVER_PID")" >>"$results"
  ( peak=0; while kill -0 "$SERVER_PID" 2>/dev/null; do v=$(rss_kib "$SERVER_PID" || echo 0); [ "${v:-0}" -gt "$peak" ] && peak=$v; echo "$peak" >"$work/peak"; sleep 0.5; done ) &
  sampler=$!; pids+=("$sampler")
  wrk_run "scale.get" "$n" "$base/tokens/$TOKEN_ID" -H "Authorization: Bearer $OWNER_TOKEN"
  wrk_run "scale.list" "$n" "$base/tokens?limit=20" -H "Authorization: Bearer $OWNER_TOKEN"
  printf 'rss\t0\tload-%s\t%s\t0\t0\t\n' "$n" "$(cat "$work/peak")" >>"$results"
  stop_server
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  rm -f "$db" "$db-wal" "$db-shm" "$db.lock"
done

# ---------------------------------------------------------------- many distinct tokens, SQLite
echo "==> Many distinct tokens on SQLite (10,000, each request the next)"
eval "$("$build/bench/bench_seed" --db "$work/many.db" --tokens 10000 --values "$work/many.values" 2>>"$work/seed.log")"
port=$(free_port)
start_server "$work/many.db" "$port"
many_run many.sqlite "http://127.0.0.1:$port/v1/organizations/$ORG_ID" "$work/many.values"
stop_server

# ---------------------------------------------------------------- PostgreSQL
echo "==> PostgreSQL: a throwaway cluster, 10,000 tokens"
"$pg_cluster" start "$work/pg.state" >/dev/null
pg_url=$(head -n 1 "$work/pg.state")
eval "$("$build/bench/bench_seed" --db "$pg_url" --tokens 10000 --values "$work/pg.values" 2>>"$work/seed.log")"
port=$(free_port)
start_server "$pg_url" "$port"
base=http://127.0.0.1:$port/v1/organizations/$ORG_ID
auth=(-H "Authorization: Bearer $OWNER_TOKEN")
for r in $(seq 1 "$rounds"); do
  wrk_run nginx.get.pg "$r" "$ngx/get"
  wrk_run pg.get "$r" "$base/tokens/$TOKEN_ID" "${auth[@]}"
  wrk_run nginx.list.pg "$r" "$ngx/list"
  wrk_run pg.list "$r" "$base/tokens?limit=20" "${auth[@]}"
  wrk_run pg.create "$r" "$base/tokens" "${auth[@]}" -s bench/wrk/create.lua
done
many_run many.pg "http://127.0.0.1:$port/v1/organizations/$ORG_ID" "$work/pg.values"
# A second replica on the same database: the same get through both at once (each wrk at half the
# threads and connections), next to the one replica's run above; then revocation propagation.
port_b=$(free_port)
pid_a=$SERVER_PID
start_server "$pg_url" "$port_b"
pid_b=$SERVER_PID
for r in $(seq 1 "$rounds"); do
  wrk -t1 -c32 -d"$duration" --latency "${auth[@]}" "$base/tokens/$TOKEN_ID" >"$work/wrk.a" 2>&1 &
  wa=$!
  wrk -t1 -c32 -d"$duration" --latency "${auth[@]}" "http://127.0.0.1:$port_b/v1/organizations/$ORG_ID/tokens/$TOKEN_ID" >"$work/wrk.b" 2>&1
  wait "$wa"
  total=0
  for f in "$work/wrk.a" "$work/wrk.b"; do
    rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$f")
    total=$(python3 -c "print(${total} + ${rps:-0})")
  done
  printf 'wrk\t%s\tpg2.get\t%s\t0\t0\t\n' "$r" "$total" >>"$results"
done
echo "==> Revocation propagation A -> B (200 rotations)"
read -r n p50 p99 pmax < <(python3 bench/propagation.py "$port" "$port_b" "$ORG_ID" "$OWNER_TOKEN" 200)
printf 'prop\t0\tpropagation\t%s\t%s\t%s\t%s\n' "$n" "$p50" "$p99" "$pmax" >>"$results"
SERVER_PID=$pid_b; stop_server
SERVER_PID=$pid_a; stop_server
port=$(free_port)
start_server "$pg_url" "$port" off
base_pg_off=http://127.0.0.1:$port/v1/organizations/$ORG_ID
for r in $(seq 1 "$rounds"); do
  wrk_run pg.get.nocache "$r" "$base_pg_off/tokens/$TOKEN_ID" "${auth[@]}"
  wrk_run pg.list.nocache "$r" "$base_pg_off/tokens?limit=20" "${auth[@]}"
done
stop_server
"$pg_cluster" stop "$work/pg.state" >/dev/null && rm -f "$work/pg.state"

# ---------------------------------------------------------------- CLI start-to-finish
echo "==> CLI: hyperfine -N"
"$build/bench/bench_seed" --db "$work/cli.db" --tokens 5 >"$work/cli.env" 2>>"$work/seed.log"
eval "$(cat "$work/cli.env")"
port=$(free_port)
start_server "$work/cli.db" "$port"
export ASTRO_HOME=$work/astro-home
"$build/astro" login "http://127.0.0.1:$port" -t "$OWNER_TOKEN" >/dev/null
path="/v1/organizations/$ORG_ID/tokens?includeOnlyOrganizationTokens=true&limit=100&offset=0"
hyperfine -N --warmup 20 --runs 300 --export-json "$work/hyperfine.json" \
  -n "/bin/true" "/bin/true" \
  -n "min_get (one request, C)" "$build/min_get 127.0.0.1 $port $path $OWNER_TOKEN" \
  -n "astro organization token list" "$build/astro organization token list" \
  -n "astro organization token roles ID" "$build/astro organization token roles $TOKEN_ID" \
  -n "curl -s (same request)" "curl -s -H 'Authorization: Bearer $OWNER_TOKEN' http://127.0.0.1:$port$path" \
  >"$work/hyperfine.out" 2>&1 || { cat "$work/hyperfine.out"; exit 1; }
stop_server

echo "==> Micro benchmarks"
"$build/bench/micro_bench" --benchmark_min_time=0.3 --benchmark_format=json >"$work/micro.json" 2>/dev/null

# The raw figures stay next to the build (the table can be rendered again from them).
mkdir -p "$build/last-run"
cp "$results" "$work/hyperfine.json" "$work/micro.json" "$build/last-run/"
python3 bench/render_results.py --results "$results" --hyperfine "$work/hyperfine.json" \
  --micro "$work/micro.json" --rounds "$rounds" --duration "$duration" \
  --seconds "$((SECONDS - started))" --out bench/RESULTS.md
echo "==> bench/RESULTS.md rewritten ($((SECONDS - started)) s); raw figures in $build/last-run"
