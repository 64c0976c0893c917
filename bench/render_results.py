#!/usr/bin/env python3
"""Renders bench/RESULTS.md from one run of scripts/bench.sh (results.tsv, hyperfine and Google
Benchmark JSON). Every ratio is computed from numbers measured in the same run."""
import argparse, datetime, json, math, os, platform, statistics, subprocess

ap = argparse.ArgumentParser()
for a in ("--results", "--hyperfine", "--micro", "--rounds", "--duration", "--seconds", "--out"):
    ap.add_argument(a, required=True)
args = ap.parse_args()

rows = [l.rstrip("\n").split("\t") for l in open(args.results) if l.strip()]
wrk = {}  # (scenario, round) -> (rps, p50, p99, extra)
sizes, seeds, rss = {}, {}, {}
prop = None
for kind, rnd, scen, v, p50, p99, *extra in rows:
    if kind == "wrk":
        wrk[(scen, rnd)] = (float(v), float(p50), float(p99), extra[0] if extra else "")
    elif kind == "size":
        sizes[scen] = int(v)
    elif kind == "seed":
        seeds[scen] = int(v)
    elif kind == "rss":
        rss[scen] = int(v)
    elif kind == "prop":
        prop = (int(v), float(p50), float(p99), float(extra[0]) if extra else float("nan"))

def machine():
    model = "unknown CPU"
    try:
        for l in open("/proc/cpuinfo"):
            if l.startswith("model name"):
                model = l.split(":", 1)[1].strip(); break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(open("/proc/meminfo").readline().split()[1]); mem = "%.0f GiB" % (kb / 1048576)
    except Exception:
        pass
    distro = ""
    try:
        distro = [l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release") if l.startswith("PRETTY_NAME")][0]
    except Exception:
        pass
    return "%s, %d cores, %s RAM, %s, kernel %s" % (model, os.cpu_count(), mem, distro, platform.release())

rounds = [str(r) for r in range(1, int(args.rounds) + 1)]
out, verdicts = [], []
def med(xs):
    xs = [x for x in xs if not math.isnan(x)]
    return statistics.median(xs) if xs else float("nan")
def verdict(name, ok, detail):
    verdicts.append("| %s | %s | %s |" % (name, "**met**" if ok else "**not met**", detail))

out.append("# Benchmark results\n")
out.append("Written by `scripts/bench.sh` on %s (UTC).  " % datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M"))
out.append("Machine: %s. Server and load generator share these cores (loopback).  " % machine())
out.append("Command: `scripts/bench.sh` (rounds=%s, wrk -t2 -c64 -d%s --latency per run; whole run %s s). "
           "Timings on a shared machine are noisy: compare the ratios, each measured in the same round.\n" % (args.rounds, args.duration, args.seconds))

out.append("## Server throughput next to nginx answering a body of the same size from memory\n")
out.append("astro-server Release, `--log-level warn`, one I/O thread per core, SQLite file in WAL mode with "
           "`synchronous=FULL`, read caches on (the default: what was read is reused until the next write "
           "transaction); base database: one organization with 10,000 tokens. nginx-light, 2 workers, "
           "`return 200 '<same bytes>'`. The `caches off` rows are the same requests to a server started with "
           "`--read-caches off` (the database read on every request), compared with the nginx run of the same "
           "round; `/healthz` (no authentication, no handler work) is the transport's own floor, compared "
           "with nginx's small 401 body.\n")
labels = {"get": "authenticated GET /tokens/{id}", "list": "authenticated GET /tokens?limit=20 (10,000 tokens)",
          "create": "POST /tokens (create, durable)", "reject": "GET /tokens/{id} with a wrong token (401)",
          "get.nocache": "GET /tokens/{id}, caches off", "list.nocache": "GET /tokens?limit=20, caches off",
          "healthz": "GET /healthz (transport only)"}
peer = {"get.nocache": "nginx.get", "list.nocache": "nginx.list", "healthz": "nginx.reject"}
sizes.setdefault("get.nocache", sizes.get("get", 0))
sizes.setdefault("list.nocache", sizes.get("list", 0))
out.append("| scenario | body bytes | round | req/s | p50 ms | p99 ms | nginx req/s | ratio |")
out.append("|---|---|---|---|---|---|---|---|")
ratios = {}
for s in ("get", "get.nocache", "list", "list.nocache", "create", "reject", "healthz"):
    ratios[s] = []
    if not any((s, r) in wrk for r in rounds): continue
    for r in rounds:
        if (s, r) not in wrk: continue
        rps, p50, p99, extra = wrk[(s, r)]
        nrps = wrk.get((peer.get(s, "nginx." + s), r), (float("nan"),) * 4)[0]
        ratio = rps / nrps if nrps else float("nan")
        ratios[s].append(ratio)
        size = str(sizes[s]) if s in sizes else "—"
        out.append("| %s | %s | %s | %.0f | %.2f | %.2f | %.0f | %.3f |" % (labels[s], size, r, rps, p50, p99, nrps, ratio))
    out.append("| **%s: median** | | | **%.0f** | %.2f | %.2f | %.0f | **%.3f** |" % (
        s, med([wrk[(s, r)][0] for r in rounds if (s, r) in wrk]),
        med([wrk[(s, r)][1] for r in rounds if (s, r) in wrk]),
        med([wrk[(s, r)][2] for r in rounds if (s, r) in wrk]),
        med([wrk[(peer.get(s, "nginx." + s), r)][0] for r in rounds if (peer.get(s, "nginx." + s), r) in wrk]),
        med(ratios[s])))
out.append("")
get_ratio, get_p99 = med(ratios["get"]), med([wrk[("get", r)][2] for r in rounds if ("get", r) in wrk])
def per_round(s):
    return ", ".join("%.3f" % x for x in ratios.get(s, []))
def off(s):
    return (" (read caches off: %.3f)" % med(ratios[s + ".nocache"])) if ratios.get(s + ".nocache") else ""
verdict("Authenticated get by ID ≥ 0.5× nginx, p99 < 5 ms", get_ratio >= 0.5 and get_p99 < 5,
        "median ratio %.3f (per round: %s), median p99 %.2f ms; read caches on%s" % (
            get_ratio, per_round("get"), get_p99, off("get")))
list_ratio = med(ratios["list"])
verdict("Token list page (20 of 10,000) ≥ 0.25× nginx", list_ratio >= 0.25,
        "median ratio %.3f (per round: %s); read caches on%s" % (list_ratio, per_round("list"), off("list")))
rej = [wrk[("reject", r)][0] / wrk[("get", r)][0] for r in rounds if ("reject", r) in wrk and ("get", r) in wrk]
verdict("Wrong-token rejection ≥ accept path throughput", med(rej) >= 1.0,
        "median rejection/accept ratio %.3f (per round: %s)" % (med(rej), ", ".join("%.2f" % x for x in rej)))
creates = med([wrk[("create", r)][0] for r in rounds if ("create", r) in wrk])
verdict("Create: every acknowledged create is durable; report creates/s", True,
        "SQLite WAL with synchronous=FULL commits (fsync) before the 200; median %.0f creates/s" % creates)

out.append("## Scale: 1,000 to 1,000,000 tokens in one organization\n")
out.append("Tokens generated straight through the Store (`bench_seed`), not over HTTP. Each size: a fresh database, "
           "a fresh server started with `--read-caches off` (so every request reads the store: that is the path "
           "that could grow with the table), wrk on the get and on the first list page; resident memory idle (after one request) and "
           "the peak sampled every 0.5 s under load. Page cache setting: 16 MiB per SQLite connection, one connection "
           "per I/O thread (2 here) = 32 MiB.\n")
out.append("| tokens | seed s | get req/s | get p50 ms | get p99 ms | list req/s | list p50 ms | list p99 ms | RSS idle MiB | RSS load MiB |")
out.append("|---|---|---|---|---|---|---|---|---|---|")
ns = sorted({int(r) for (s, r) in wrk if s == "scale.get"})
for n in ns:
    g = wrk[("scale.get", str(n))]; l = wrk[("scale.list", str(n))]
    out.append("| %s | %s | %.0f | %.2f | %.2f | %.0f | %.2f | %.2f | %.1f | %.1f |" % (
        format(n, ","), seeds.get(str(n), "?"), g[0], g[1], g[2], l[0], l[1], l[2],
        rss.get("idle-%d" % n, 0) / 1024, rss.get("load-%d" % n, 0) / 1024))
out.append("")
if len(ns) >= 2:
    lo, hi = str(ns[0]), str(ns[-1])
    gg = wrk[("scale.get", hi)][1] / wrk[("scale.get", lo)][1]
    lg = wrk[("scale.list", hi)][1] / wrk[("scale.list", lo)][1]
    verdict("Get-by-ID latency grows < 1.5× from %s to %s tokens" % (format(ns[0], ","), format(ns[-1], ",")), gg < 1.5, "p50 grew %.2f×" % gg)
    verdict("First list page latency grows < 2× over the same range", lg < 2, "p50 grew %.2f×" % lg)
    peak = max(rss.get("load-%d" % n, 0) for n in ns) / 1024
    cached = rss.get("cached-after-rounds", 0) / 1024
    verdict("Memory < 64 MiB resident + the page cache setting (32 MiB)", max(peak, cached) < 64 + 32,
            "peak %.1f MiB under load with caches off; %.1f MiB for the cached server after all rounds" % (peak, cached))

if ratios.get("get"):
    verdict("SQLite get by ID (caches on) not below the 0.56× nginx measured before issue 9", med(ratios["get"]) >= 0.56,
            "median ratio %.3f" % med(ratios["get"]))

# ---- many distinct tokens: each request the next of 10,000 (a fleet of CI jobs), next to one hot token
if any(("many.%s.one" % b, "1") in wrk for b in ("sqlite", "pg")):
    out.append("## Many distinct tokens\n")
    out.append("`GET /v1/organizations/{org}` with ORGANIZATION_MEMBER tokens: one hot token; then each request the "
               "next of 10,000 (`bench/wrk/many.lua`, each wrk thread at its own offset). *cold*: the fleet's first "
               "round on the fresh server (each token's first use since the start reads it from the database, once "
               "for all CPUs), next to the hot token just before it. *many*: the fleet in steady state, in %d pairs "
               "(the hot token, then the fleet; the median of the pairs' ratios). *across a minute*: a run started "
               "5 s before a minute boundary (every token's first use in the new minute: its `lastUsedAt` recorded "
               "in memory and written in batches), next to the hot token right after it. Read caches on (32,768 "
               "authenticated tokens per CPU shard: the 10,000 fit). The target is on *many* and *across a "
               "minute*; *cold* is what a restart costs until the fleet has been seen once.\n" % len(rounds))
    out.append("| backend | one token req/s (median) | cold req/s | cold/one | many req/s (median) | many/one (median of pairs) | pairs | across a minute req/s | across/one | many p99 ms (median) |")
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    for b, name in (("sqlite", "SQLite"), ("pg", "PostgreSQL")):
        ones = {r: wrk.get(("many.%s.one" % b, r)) for r in ["0"] + rounds + [str(len(rounds) + 1)]}
        pairs = [(ones[r], wrk.get(("many.%s.many" % b, r))) for r in rounds]
        pairs = [(o, m) for o, m in pairs if o and m]
        c, x = wrk.get(("many.%s.cold" % b, "1")), wrk.get(("many.%s.minute" % b, "1"))
        o0, ox = ones["0"], ones[str(len(rounds) + 1)]
        if not (pairs and c and x and o0 and ox): continue
        many_ratio = med([m[0] / o[0] for o, m in pairs])
        cold_ratio, across_ratio = c[0] / o0[0], x[0] / ox[0]
        out.append("| %s | %.0f | %.0f | **%.3f** | %.0f | **%.3f** | %s | %.0f | **%.3f** | %.2f |" % (
            name, med([o[0] for o, _ in pairs]), c[0], cold_ratio, med([m[0] for _, m in pairs]), many_ratio,
            ", ".join("%.3f" % (m[0] / o[0]) for o, m in pairs), x[0], across_ratio, med([m[2] for _, m in pairs])))
        verdict("Many distinct tokens ≥ 0.9× one hot token (%s)" % name, min(many_ratio, across_ratio) >= 0.9,
                "many/one %.3f (median of %d pairs), across a minute boundary %.3f; cold (first round after a "
                "start) %.3f" % (many_ratio, len(pairs), across_ratio, cold_ratio))
    out.append("")

# ---- PostgreSQL
if any(("pg.get", r) in wrk for r in rounds):
    out.append("## PostgreSQL\n")
    out.append("A throwaway PostgreSQL 15 cluster on this machine (`fsync=off`, as the test clusters: the figures "
               "are the server's, not a disk's), 10,000 tokens, the same requests as above, each next to the nginx run "
               "of the same round; `caches off`: `--read-caches off`. Two replicas: a second astro-server on the same "
               "database, the same get through both at once (each wrk -t1 -c32), next to one replica (-t2 -c64).\n")
    out.append("| scenario | round | req/s | p50 ms | p99 ms | nginx req/s | ratio |")
    out.append("|---|---|---|---|---|---|---|")
    pg_ratio = {}
    for s_, peer_ in (("pg.get", "nginx.get.pg"), ("pg.get.nocache", "nginx.get.pg"), ("pg.list", "nginx.list.pg"),
                      ("pg.list.nocache", "nginx.list.pg"), ("pg.create", None)):
        pg_ratio[s_] = []
        for r in rounds:
            if (s_, r) not in wrk: continue
            rps, p50, p99, _ = wrk[(s_, r)]
            n = wrk.get((peer_, r), (float("nan"),))[0] if peer_ else float("nan")
            pg_ratio[s_].append(rps / n if peer_ and n else float("nan"))
            out.append("| %s | %s | %.0f | %.2f | %.2f | %s | %s |" % (s_, r, rps, p50, p99,
                       "%.0f" % n if peer_ else "—", "%.3f" % (rps / n) if peer_ and n else "—"))
    out.append("")
    two = [wrk[("pg2.get", r)][0] / wrk[("pg.get", r)][0] for r in rounds if ("pg2.get", r) in wrk and ("pg.get", r) in wrk]
    out.append("| two replicas vs one (get by ID) | %s |" % ", ".join("%.3f" % x for x in two))
    out.append("|---|---|")
    out.append("")
    verdict("PostgreSQL get by ID, caches on / off, next to nginx", True,
            "median %.3f / %.3f" % (med(pg_ratio["pg.get"]), med(pg_ratio["pg.get.nocache"])))
    verdict("PostgreSQL list page, caches on / off, next to nginx", True,
            "median %.3f / %.3f" % (med(pg_ratio["pg.list"]), med(pg_ratio["pg.list.nocache"])))
    verdict("Durable creates per second on PostgreSQL", True,
            "median %.0f creates/s (SQLite in this run: %.0f)" % (
                med([wrk[("pg.create", r)][0] for r in rounds if ("pg.create", r) in wrk]),
                med([wrk[("create", r)][0] for r in rounds if ("create", r) in wrk])))
    if two:
        verdict("Two replicas on one PostgreSQL (2 cores: both replicas, PostgreSQL and wrk share them)", True,
                "two/one %.3f (per round: %s)" % (med(two), ", ".join("%.3f" % x for x in two)))
if prop:
    out.append("## Revocation propagation between replicas\n")
    out.append("`bench/propagation.py`: %d times, replica B caches a live token (three GETs), the token is rotated "
               "through replica A, and B is asked with the old value until it answers 401 (keep-alive connections; "
               "from A's answer to B's first 401).\n" % prop[0])
    out.append("| rotations | p50 ms | p99 ms | max ms |")
    out.append("|---|---|---|---|")
    out.append("| %d | %.3f | %.3f | %.3f |" % prop)
    out.append("")
    verdict("Revocation A → B: p50 < 100 ms, worst < 1 s", prop[1] < 100 and prop[3] < 1000,
            "p50 %.3f ms, p99 %.3f ms, max %.3f ms over %d rotations" % (prop[1], prop[2], prop[3], prop[0]))

out.append("## CLI: whole-process time of one command (hyperfine -N)\n")
out.append("Against a local astro-server with 5 tokens (one page). `min_get` is a C program that opens a socket, "
           "sends the same GET and prints the body: the floor for any CLI.\n")
hf = json.load(open(args.hyperfine))["results"]
byname = {r["command"]: r for r in hf}
floor = byname.get("min_get (one request, C)", {}).get("mean", float("nan"))
out.append("| command | mean ms | σ ms | min ms | × min_get |")
out.append("|---|---|---|---|---|")
for r in hf:
    out.append("| `%s` | %.2f | %.2f | %.2f | %.2f |" % (r["command"], r["mean"] * 1000, r["stddev"] * 1000, r["min"] * 1000, r["mean"] / floor))
out.append("")
lst = byname.get("astro organization token list", {}).get("mean", float("nan"))
curl = byname.get("curl -s (same request)", {}).get("mean", float("nan"))
verdict("`astro organization token list` within 2.5× of the minimal one-request program", lst / floor <= 2.5, "%.2f×" % (lst / floor))
verdict("`astro organization token list` faster than `curl -s` of the same request", lst < curl, "%.2f ms vs %.2f ms" % (lst * 1000, curl * 1000))

out.append("## Micro benchmarks (Google Benchmark, `build/bench/bench/micro_bench`)\n")
out.append("| benchmark | ns per op (CPU) |")
out.append("|---|---|")
micro = {}
for b in json.load(open(args.micro))["benchmarks"]:
    micro[b["name"]] = b["cpu_time"]
    out.append("| %s | %.1f |" % (b["name"], b["cpu_time"]))
out.append("")

out.append("## Targets\n")
out.append("| target | | measured |")
out.append("|---|---|---|")
out.extend(verdicts)
out.append("")

# What bounds the server ratios, from this run's own figures.
if ratios.get("healthz"):
    hz = med(ratios["healthz"])
    out.append("## What bounds the server ratios\n")
    out.append("- `/healthz` (no authentication, no handler, a 15-byte body) reaches **%.2f×** nginx in the same rounds: "
               "that is the transport's own cost (Beast's request parser, Asio's reactor and completion handlers, the "
               "response head written by hand, timeouts checked by one sweep per I/O thread rather than a timer per "
               "read and write). No request through it can reach a higher ratio; get by ID reaches %.0f%% of it, "
               "list %.0f%%." % (hz, 100 * med(ratios["get"]) / hz if hz else float("nan"),
                                 100 * med(ratios["list"]) / hz if hz else float("nan")))
    if ratios.get("get.nocache"):
        out.append("- With the read caches warm (the benchmark repeats one request) a get or a list page costs no "
                   "database read: authentication, the permission check and the page come from memory, validated by "
                   "the store's write generation. With `--read-caches off` every request reads SQLite (two indexed "
                   "lookups for a get; a 20-row page and its roles for a list): get %.3f×, list %.3f× nginx. Those "
                   "are the figures for a workload whose reads rarely repeat between writes." % (
                       med(ratios["get.nocache"]), med(ratios.get("list.nocache") or [float("nan")])))
    if "BM_HandleGetToken" in micro:
        out.append("- The handler work itself, single-threaded without the transport (micro benchmarks above): get "
                   "%.1f µs, list page %.1f µs, wrong token %.1f µs per request, with the read caches warm." % (
                       micro["BM_HandleGetToken"] / 1000, micro.get("BM_HandleListTokens20", 0) / 1000,
                       micro.get("BM_HandleWrongToken", 0) / 1000))
    out.append("- Both processes share 2 cores: every request costs a loopback send, a receive and a wake-up of the "
               "other side in the kernel, for nginx and for astro-server alike.")
    out.append("")
open(args.out, "w").write("\n".join(out))
