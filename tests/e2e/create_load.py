#!/usr/bin/env python3
"""Create load for the e2e tests: THREADS clients POST token creates to BASE for SECONDS (or until
the server goes away), each on its own keep-alive connection, and append the ID of every create
answered 200 to ACKED (one line each, flushed as soon as the answer is read). Prints
"answered=N refused=M errors=E". Usage: create_load.py BASE ORG TOKEN SECONDS THREADS ACKED"""
import http.client, json, sys, threading, time, urllib.parse

base, org, token, seconds, threads, acked_path = sys.argv[1:7]
url = urllib.parse.urlparse(base)
deadline = time.monotonic() + float(seconds)
lock = threading.Lock()
acked = open(acked_path, "a")
counts = {"answered": 0, "refused": 0, "errors": 0}

def client(n):
    conn = None
    i = 0
    while time.monotonic() < deadline:
        i += 1
        body = json.dumps({"name": "load %d-%d" % (n, i), "description": "",
                           "role": "ORGANIZATION_MEMBER", "scope": "ORGANIZATION"})
        try:
            if conn is None:
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=5)
            conn.request("POST", "/v1/organizations/%s/tokens" % org, body,
                         {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
            resp = conn.getresponse()
            data = resp.read()
        except (OSError, http.client.HTTPException):
            with lock:
                counts["errors"] += 1
            if conn is not None:
                conn.close()
            conn = None
            time.sleep(0.05)  # the server is down (killed): wait for it to come back
            continue
        with lock:
            if resp.status == 200:
                acked.write(json.loads(data)["id"] + "\n")
                acked.flush()
                counts["answered"] += 1
            else:
                counts["refused"] += 1

workers = [threading.Thread(target=client, args=(n,)) for n in range(int(threads))]
for w in workers:
    w.start()
for w in workers:
    w.join()
acked.close()
print("answered=%(answered)d refused=%(refused)d errors=%(errors)d" % counts)
