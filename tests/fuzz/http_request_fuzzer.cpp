// Fuzzes the HTTP request path through our session, limits, router, handlers, services and store
// (not Beast's parser alone): one in-process astro-server (127.0.0.1, port 0, :memory: store, an
// initialised organization); each input is written as raw bytes to a fresh loopback connection,
// whose write side is then shut, and everything the server sends is read until it closes.
//
// Invariants (abort() on a breach, so libFuzzer keeps the input):
//   - the server answers or closes within kClientTimeout;
//   - no response is a 5xx, whatever the bytes;
//   - every kHealthEvery inputs, GET /healthz on a new connection still answers 200.
// The placeholders @TOKEN@ and @ORG@ in an input become the owner token and the organization ID,
// so seeds reach the handlers behind authentication.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "server/http/server_settings.h"
#include "server/logging/logging.h"
#include "server/server.h"
#include "service/clock.h"
#include "service/services.h"
#include "store/sqlite/sqlite_store.h"

namespace {

using namespace astro;
using std::chrono::milliseconds;

// Longer than every server timeout below: a server that neither answers nor closes by then is
// stuck.
constexpr milliseconds kClientTimeout{3000};
constexpr unsigned kHealthEvery = 256;
// Every input adds to the in-memory audit log, and an audit export (a fifth of a grown corpus)
// serialises all of it. With 20,000 inputs between restarts a run from a grown corpus spent most
// of its time there: 77 inputs/s (measured 2026-12-02). With 1,000 it ran about 320/s after
// loading the corpus, with 200 about 500/s (same corpus, side by side): start afresh that often.
constexpr unsigned kRestartEvery = 200;

struct Fixture {
  service::SystemClock clock;
  std::unique_ptr<store::SqliteStore> store;
  std::unique_ptr<service::Services> services;
  std::unique_ptr<server::Server> server;
  std::uint16_t port = 0;
  std::string token, org;

  Fixture() {
    store = std::make_unique<store::SqliteStore>(store::SqliteOptions{.path = ":memory:"});
    services = std::make_unique<service::Services>(*store, clock, service::osRandomBytes());
    auto init = services->organizations.init("Fuzz", "owner@example.com");
    if (!init.ok()) {
      std::fprintf(stderr, "init failed: %s\n", init.error().message.c_str());
      std::abort();
    }
    token = init->tokenValue;
    org = init->organization.id;
    server::ServerSettings s;
    s.host = "127.0.0.1";
    s.port = 0;
    s.threads = 1;
    s.handleSignals = false;
    s.maxBodyBytes = 64 * 1024;
    s.maxHeaderBytes = 8 * 1024;
    // Short timeouts keep a partial request from costing more than a fraction of a second.
    s.readTimeout = milliseconds(300);
    s.idleTimeout = milliseconds(300);
    s.writeTimeout = milliseconds(1000);
    s.lingerTimeout = milliseconds(50);
    s.shutdownGrace = milliseconds(500);
    // Every input comes from 127.0.0.1 as fast as libFuzzer can send it: the rate limits (429)
    // would answer nearly all of them, and closing connections that linger would meet the
    // per-address cap (503). Both are tested in api_rate_limit_test.cpp; here they are off so
    // that the inputs reach the parser, the router and the handlers.
    s.perAddress = {};
    s.perCredential = {};
    s.auditExports = {};
    s.maxConnectionsPerAddress = 0;
    server = std::make_unique<server::Server>(s, *services, *store);
    if (auto started = server->start(); !started.ok()) {
      std::fprintf(stderr, "start failed: %s\n", started.error().message.c_str());
      std::abort();
    }
    port = server->port();
  }
  ~Fixture() {
    server.reset();
    services.reset();
    store.reset();
  }
};

std::unique_ptr<Fixture> fixture;

void replaceAll(std::string& s, std::string_view from, const std::string& to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
    s.replace(pos, from.size(), to);
}

// Sends `bytes`, shuts the write side and returns everything read until the server closes.
// Aborts when the server does neither within kClientTimeout.
std::string sendRaw(std::uint16_t port, std::string_view bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) std::abort();
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // libFuzzer's timers deliver signals: every call below restarts after EINTR.
  int c;
  while ((c = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr)) != 0 &&
         errno == EINTR) {
  }
  if (c != 0 && errno != EISCONN) {
    std::perror("connect");
    std::abort();
  }
  const auto deadline = std::chrono::steady_clock::now() + kClientTimeout;
  auto left = [&] {
    auto d = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
    return static_cast<int>(std::max<long long>(0, d.count()));
  };
  std::string got;
  char buf[16384];
  std::size_t sent = 0;
  bool shut = false;
  for (;;) {
    if (!shut && sent == bytes.size()) {
      ::shutdown(fd, SHUT_WR);
      shut = true;
    }
    pollfd p{fd, static_cast<short>(POLLIN | (shut ? 0 : POLLOUT)), 0};
    int n = ::poll(&p, 1, left());
    if (n == 0) {
      std::fprintf(stderr, "the server neither answered nor closed within %lld ms\n",
                   static_cast<long long>(kClientTimeout.count()));
      std::abort();
    }
    if (n < 0) continue;
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t r = ::recv(fd, buf, sizeof buf, 0);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) break;  // closed (or reset: a close too)
      got.append(buf, static_cast<std::size_t>(r));
      continue;
    }
    if (p.revents & POLLOUT) {
      ssize_t w = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        sent = bytes.size();  // the server stopped reading; read what it answered
        continue;
      }
      sent += static_cast<std::size_t>(w);
    }
  }
  ::close(fd);
  return got;
}

// A 5xx status line at the start of the stream or of a later response. JSON bodies escape
// control characters, so "\nHTTP/1.1 5" never comes from inside one.
bool hasServerError(const std::string& got) {
  auto isFive = [&](std::size_t at) {
    return got.compare(at, 10, "HTTP/1.1 5") == 0 || got.compare(at, 10, "HTTP/1.0 5") == 0;
  };
  if (isFive(0)) return true;
  for (std::size_t pos = 0; (pos = got.find("\nHTTP/1.", pos)) != std::string::npos; ++pos)
    if (isFive(pos + 1)) return true;
  return false;
}

void checkHealthy(std::uint16_t port) {
  std::string got = sendRaw(port, "GET /healthz HTTP/1.1\r\nHost: fuzz\r\n\r\n");
  if (got.rfind("HTTP/1.1 200", 0) != 0) {
    std::fprintf(stderr, "/healthz no longer answers 200:\n%.300s\n", got.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  server::logging::setLevel(server::logging::Level::Off);
  fixture = std::make_unique<Fixture>();
  std::atexit([] { fixture.reset(); });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static unsigned inputs = 0;
  if (++inputs % kRestartEvery == 0) {
    fixture.reset();
    fixture = std::make_unique<Fixture>();
  }
  std::string request(reinterpret_cast<const char*>(data), size);
  replaceAll(request, "@TOKEN@", fixture->token);
  replaceAll(request, "@ORG@", fixture->org);
  std::string got = sendRaw(fixture->port, request);
  if (hasServerError(got)) {
    std::fprintf(stderr, "5xx answer:\n%.2000s\n", got.c_str());
    std::abort();
  }
  if (inputs % kHealthEvery == 0) checkHealthy(fixture->port);
  return 0;
}
