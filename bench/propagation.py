#!/usr/bin/env python3
"""Revocation propagation between two astro-server replicas on one PostgreSQL (scripts/bench.sh):
N times, replica B caches a live token (three GETs), the token is rotated through replica A, and B
is asked with the old value until it answers 401. Prints p50, p99 and max in ms, measured from
A's answer to the rotation to B's first 401, over keep-alive connections (no process start)."""
import http.client, json, statistics, sys, time

a_port, b_port, org, owner, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
A = http.client.HTTPConnection("127.0.0.1", int(a_port))
B = http.client.HTTPConnection("127.0.0.1", int(b_port))

def call(conn, method, path, token, body=None):
    headers = {"Authorization": "Bearer " + token}
    if body is not None:
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    r = conn.getresponse()
    data = r.read()
    return r.status, data

base = "/v1/organizations/%s/tokens" % org
status, data = call(A, "POST", base, owner, {"name": "propagation", "role": "ORGANIZATION_OWNER", "scope": "ORGANIZATION"})
assert status == 200, (status, data)
token = json.loads(data)
tid, value = token["id"], token["token"]
lat = []
for _ in range(count):
    for _ in range(3):
        status, _ = call(B, "GET", "%s/%s" % (base, tid), value)
        assert status == 200, status
    status, data = call(A, "POST", "%s/%s/rotate" % (base, tid), owner, {})
    assert status == 200, (status, data)
    t0 = time.perf_counter()
    new_value = json.loads(data)["token"]
    while True:
        status, _ = call(B, "GET", "%s/%s" % (base, tid), value)
        if status == 401:
            break
        assert status == 200, status
        if time.perf_counter() - t0 > 5:
            sys.exit("B still accepts the rotated value after 5 s")
    lat.append((time.perf_counter() - t0) * 1000)
    value = new_value
lat.sort()
p99 = lat[min(len(lat) - 1, int(round(0.99 * (len(lat) - 1))))]
print("%d %.3f %.3f %.3f" % (len(lat), statistics.median(lat), p99, lat[-1]))
