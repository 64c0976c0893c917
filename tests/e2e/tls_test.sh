#!/usr/bin/env bash
# HTTPS: astro-server serve --tls-cert/--tls-key with a throwaway CA made here. The CLI verifies
# the chain and the name (and refuses a wrong name or an unknown CA); TLS 1.2+ only; SIGHUP
# reloads the certificate without dropping an open keep-alive connection, and a broken file
# keeps the previous certificate.
source "$(dirname "$0")/lib.sh"
tls=$WORK/tls
mkdir -p "$tls"
ossl() { openssl "$@" >/dev/null 2>&1; }
# make_cert NAME SAN: a P-256 key and a certificate signed by the test CA.
make_cert() {
  ossl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tls/$1.key" \
    -out "$tls/$1.csr" -subj "/CN=$1"
  printf 'subjectAltName=%s\n' "$2" >"$tls/$1.ext"
  ossl x509 -req -in "$tls/$1.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial \
    -out "$tls/$1.pem" -days 2 -extfile "$tls/$1.ext"
}
ossl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tls/ca.key" \
  -out "$tls/ca.pem" -days 2 -subj "/CN=astro e2e test CA"
make_cert server "IP:127.0.0.1,DNS:localhost"
make_cert renewed "IP:127.0.0.1,DNS:localhost"
make_cert wrongname "DNS:wrong.example"
cp "$tls/server.pem" "$tls/live.pem"
cp "$tls/server.key" "$tls/live.key"
serial() { openssl x509 -noout -serial -in "$1" | cut -d= -f2; }

TOKEN=$("$ASTRO_SERVER_BIN" init --db "$DB" --org "TLS Org" --owner-email ops@example.com --clean-output)
ISSUED+=("$TOKEN")
STORED_TOKEN=$TOKEN
start_tls_server() {  # start_tls_server CERT KEY
  "$ASTRO_SERVER_BIN" serve --listen "127.0.0.1:$PORT" --db "$DB" --tls-cert "$1" --tls-key "$2" \
    2>>"$SERVER_LOG" >/dev/null &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    if curl -sk "https://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "TLS server did not start; log:" >&2; cat "$SERVER_LOG" >&2; exit 1
}
start_tls_server "$tls/live.pem" "$tls/live.key"
URL="https://127.0.0.1:$PORT"

CASE="login over https with the CA trusted"
SSL_CERT_FILE=$tls/ca.pem run login "$URL" --token-login "$TOKEN"
expect_code 0
CASE="a command over https"
SSL_CERT_FILE=$tls/ca.pem run organization list
expect_code 0
expect_out_contains "TLS Org"

CASE="an unknown CA is refused"
SSL_CERT_FILE=$WORK/none.pem run organization list
[ "$CODE" = 5 ] || fail "exit $CODE, want 5"
grep -qi "certificate" "$WORK/err" || fail "the error does not mention the certificate: $(cat "$WORK/err")"

CASE="only TLS 1.2 and newer"
# SECLEVEL=0 lets this client offer TLS 1.1, so the refusal is the server's (alert 70).
if openssl s_client -connect "127.0.0.1:$PORT" -tls1_1 -cipher 'DEFAULT@SECLEVEL=0' </dev/null >"$WORK/s11" 2>&1; then
  fail "TLS 1.1 handshake succeeded"
fi
grep -q "alert protocol version" "$WORK/s11" || fail "TLS 1.1 not refused by the server: $(tail -3 "$WORK/s11")"
openssl s_client -connect "127.0.0.1:$PORT" -tls1_2 -CAfile "$tls/ca.pem" </dev/null >"$WORK/s12" 2>&1 ||
  fail "TLS 1.2 handshake failed: $(tail -3 "$WORK/s12")"
openssl s_client -connect "127.0.0.1:$PORT" -tls1_3 -CAfile "$tls/ca.pem" </dev/null >"$WORK/s13" 2>&1 ||
  fail "TLS 1.3 handshake failed"
grep -q "Verify return code: 0 (ok)" "$WORK/s12" || fail "chain does not verify with the test CA"
CASE="plain HTTP on the TLS port gets no HTTP answer"
if curl -s -m 3 "http://127.0.0.1:$PORT/healthz" | grep -q ok; then fail "plain HTTP was answered"; fi

CASE="SIGHUP reloads the certificate; an open connection keeps working"
cat >"$WORK/keepalive.py" <<'PY'
import http.client, ssl, sys, time, os, signal
port, cafile, pid, ready = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
ctx = ssl.create_default_context(cafile=cafile)
c = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=10)
c.request("GET", "/healthz"); r = c.getresponse(); r.read(); assert r.status == 200, r.status
before = c.sock.getpeercert()["serialNumber"]
os.kill(pid, signal.SIGHUP)
open(ready, "w").close()
deadline = time.time() + 10
while time.time() < deadline:  # the new certificate is served to new connections
  n = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=10)
  n.request("GET", "/healthz"); n.getresponse().read()
  after = n.sock.getpeercert()["serialNumber"]; n.close()
  if after != before: break
  time.sleep(0.05)
c.request("GET", "/healthz"); r = c.getresponse(); r.read(); assert r.status == 200, r.status
print(before, after)
PY
cp "$tls/renewed.pem" "$tls/new.pem"; cp "$tls/renewed.key" "$tls/new.key"
mv "$tls/new.pem" "$tls/live.pem"; mv "$tls/new.key" "$tls/live.key"
if python3 "$WORK/keepalive.py" "$PORT" "$tls/ca.pem" "$SERVER_PID" "$WORK/ready" >"$WORK/serials" 2>"$WORK/py.err"; then
  read -r before after <"$WORK/serials"
  [ "$before" = "$(serial "$tls/server.pem")" ] || fail "served $before before the reload, want the first certificate"
  [ "$after" = "$(serial "$tls/renewed.pem")" ] || fail "served $after after the reload, want the renewed certificate"
else
  fail "keep-alive across SIGHUP: $(cat "$WORK/py.err")"
fi
grep -q "TLS certificate reloaded" "$SERVER_LOG" || fail "the reload is not logged"

CASE="a broken certificate file keeps the previous one"
echo "not a certificate" >"$tls/live.pem"
kill -HUP "$SERVER_PID"
for _ in $(seq 1 50); do grep -q "TLS certificate not reloaded" "$SERVER_LOG" && break; sleep 0.1; done
grep -q "TLS certificate not reloaded" "$SERVER_LOG" || fail "a failed reload is not logged"
curl -sf --cacert "$tls/ca.pem" "$URL/readyz" >/dev/null || fail "the server stopped serving after a failed reload"

CASE="a certificate for another name is refused"
stop_server
start_tls_server "$tls/wrongname.pem" "$tls/wrongname.key"
SSL_CERT_FILE=$tls/ca.pem run organization list
[ "$CODE" = 5 ] || fail "exit $CODE, want 5 (a wrong name must not be accepted)"
grep -qi "certificate" "$WORK/err" || fail "the error does not mention the certificate: $(cat "$WORK/err")"

CASE="--tls-cert without --tls-key"
stop_server
set +e
"$ASTRO_SERVER_BIN" serve --listen "127.0.0.1:$PORT" --db "$DB" --tls-cert "$tls/server.pem" >"$WORK/o" 2>"$WORK/e"
code=$?
set -e
[ "$code" = 1 ] || fail "exit $code, want 1"
grep -q -- "--tls-cert and --tls-key go together" "$WORK/e" || fail "message: $(cat "$WORK/e")"
finish
