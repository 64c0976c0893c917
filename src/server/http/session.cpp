// One Session per connection, modelled on Beast's advanced server. A session lives on one I/O
// context, which exactly one thread runs, so its handlers never run concurrently and its state
// needs no lock (and no strand). A request is read in two steps
// (header, then body) so that limits answer before the body is read and `Expect: 100-continue`
// gets its interim response. The API handler runs on a worker thread (WorkerPool), which posts
// the answer back to this I/O thread: the session's state is touched by one thread at a time, the
// worker's writes (response_, routeTemplate_) ordered before the write by that post.
#include "server/http/session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <array>
#include <chrono>
#include <ctime>
#include <optional>
#include <string>
#include <type_traits>

#include "server/http/ascii.h"
#include "server/http/error_response.h"
#include "server/http/header_scanner.h"
#include "server/http/query_params.h"
#include "server/http/rate_limiter.h"
#include "server/http/request_id.h"
#include "server/http/tls_context.h"
#include "server/http/worker_pool.h"
#include "server/logging/logging.h"

namespace astro::server::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;

namespace {

constexpr std::size_t kReadChunk = 8192;
// How many unread bytes a closing connection drains at most before it gives up and resets.
constexpr std::size_t kMaxLingerBytes = 64 * 1024 * 1024;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

Method toMethod(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get:
      return Method::Get;
    case bhttp::verb::post:
      return Method::Post;
    case bhttp::verb::put:
      return Method::Put;
    case bhttp::verb::patch:
      return Method::Patch;
    case bhttp::verb::delete_:
      return Method::Delete;
    case bhttp::verb::head:
      return Method::Head;
    case bhttp::verb::options:
      return Method::Options;
    default:
      return Method::Other;
  }
}

// The Date header (RFC 9110 IMF-fixdate), formatted at most once a second per thread.
std::string_view httpDate() {
  thread_local std::time_t cachedSecond = 0;
  thread_local char text[40];
  thread_local std::size_t length = 0;
  std::time_t now = std::time(nullptr);
  if (now != cachedSecond) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    length = std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cachedSecond = now;
  }
  return {text, length};
}

using TlsStream = ssl::stream<SessionSocket>;

// `Stream` is the connection's socket (plain HTTP) or a TLS stream over it (TlsStream).
template <class Stream>
class Session : public Connection,
                public Expirable,
                public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;
  using std::enable_shared_from_this<Session<Stream>>::shared_from_this;

 public:
  // `tlsContext` (TLS only) keeps the context the stream was made with alive as long as the
  // session, whatever a certificate reload does meanwhile.
  Session(Stream&& stream, TransportContext& transport, DeadlineSweeper& sweeper,
          std::shared_ptr<ssl::context> tlsContext = nullptr)
      : tlsContext_(std::move(tlsContext)),
        stream_(std::move(stream)),
        t_(transport),
        sweeper_(sweeper) {
    beast::error_code ec;
    auto endpoint = tcp().remote_endpoint(ec);
    remote_ = ec ? std::string("-") : endpoint.address().to_string();
    tcp().set_option(net::ip::tcp::no_delay(true), ec);
  }

  ~Session() override {
    if (registrationId_ != 0) t_.registry.remove(registrationId_);
  }

  void setRegistrationId(std::uint64_t id) { registrationId_ = id; }
  const std::string& remoteAddress() const { return remote_; }

  void start() {
    net::dispatch(tcp().get_executor(), [self = shared_from_this()] {
      self->sweeper_.watch(self);
      self->handshake([self] { self->waitForRequest(); });
    });
  }

  // At a connection limit: answer 503 and close, without reading a request.
  void refuse(ConnectionRegistry::Refusal why) {
    net::dispatch(tcp().get_executor(), [self = shared_from_this(), why] {
      self->sweeper_.watch(self);
      self->handshake([self, why] {
        generateRequestId(self->requestId_);
        self->method_ = "-";
        self->respondEarly(503,
                           core::Error{core::ErrorCode::Unavailable,
                                       why == ConnectionRegistry::Refusal::TooManyFromAddress
                                           ? "too many connections from this address; retry later"
                                           : "too many connections; retry later",
                                       {}});
      });
    });
  }

  void requestStop() override {
    net::post(tcp().get_executor(), [self = shared_from_this()] {
      self->stopRequested_ = true;
      // Waiting for a next request: nothing is in flight, so stop waiting now.
      if (self->state_ == State::Idle) {
        beast::error_code ec;
        self->tcp().cancel(ec);
      }
    });
  }

  // The sweeper's side (on this session's thread).
  std::chrono::steady_clock::time_point deadline() const override { return deadline_; }
  // A read, idle, write or linger timeout: the connection closes without an answer.
  void expire() override { closeNow(); }

 private:
  enum class State { Idle, Reading, Handling, Writing, Closing, Closed };

  bool stopping() const { return stopRequested_ || t_.registry.stopping(); }

  SessionSocket& tcp() {
    if constexpr (kTls) {
      return stream_.next_layer();
    } else {
      return stream_;
    }
  }

  // TLS: the handshake, within the read timeout, before anything else; then `next`. A failed
  // handshake (a plain-HTTP client, an old protocol, a scanner) closes without an answer.
  template <class Next>
  void handshake(Next&& next) {
    if constexpr (kTls) {
      state_ = State::Reading;
      expiresAfter(t_.settings.readTimeout);
      stream_.async_handshake(ssl::stream_base::server,
                              [self = shared_from_this(),
                               next = std::forward<Next>(next)](beast::error_code ec) mutable {
                                if (ec) return self->closeNow();
                                next();
                              });
    } else {
      next();
    }
  }

  void waitForRequest() {
    if (stopping()) return closeNow();
    if (buffer_.size() > 0) return readHeader();  // pipelined bytes already here
    state_ = State::Idle;
    expiresAfter(t_.settings.idleTimeout);
    stream_.async_read_some(buffer_.prepare(kReadChunk),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->closeNow();
                              self->buffer_.commit(n);
                              self->readHeader();
                            });
  }

  void readHeader() {
    state_ = State::Reading;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(t_.settings.maxHeaderBytes));
    parser_->body_limit(t_.settings.maxBodyBytes);
    scanner_ = HeaderScanner{};
    expiresAfter(t_.settings.readTimeout);  // for the whole request: header, then body
    scanHeader();
  }

  // The head is scanned for its framing (HeaderScanner) as bytes arrive, then handed to Beast
  // whole; reading more only while the head is incomplete and under the limit.
  void scanHeader() {
    const auto data = buffer_.data();
    const std::string_view bytes(static_cast<const char*>(data.data()), data.size());
    switch (scanner_.scan(bytes)) {
      case HeaderScanner::Outcome::BareLineEnding:
        return refuseFraming("malformed HTTP request: lines must end in CRLF");
      case HeaderScanner::Outcome::ObsoleteFold:
        return refuseFraming("malformed HTTP request: obsolete line folding is not accepted");
      case HeaderScanner::Outcome::Complete:
        return parseHeader(bytes);
      case HeaderScanner::Outcome::NeedMore:
        break;
    }
    if (bytes.size() > t_.settings.maxHeaderBytes) return onReadError(bhttp::error::header_limit);
    stream_.async_read_some(buffer_.prepare(kReadChunk),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->closeNow();
                              self->buffer_.commit(n);
                              self->scanHeader();
                            });
  }

  void parseHeader(std::string_view bytes) {
    const auto start = scanner_.headStart(), end = scanner_.headEnd();
    if (end - start > t_.settings.maxHeaderBytes) return onReadError(bhttp::error::header_limit);
    beast::error_code ec;
    parser_->put(net::buffer(bytes.data() + start, end - start), ec);
    buffer_.consume(end);
    if (!ec && !parser_->is_header_done()) ec = bhttp::error::bad_version;  // cannot happen
    if (ec) return onReadError(ec);
    onHeader();
  }

  // RFC 9112 §6.3, §3.2, and one credential per request: whatever a proxy in front of us may
  // make of these, we refuse to guess (a 400 that closes the connection).
  std::optional<std::string_view> framingProblem() const {
    const auto& msg = parser_->get();
    const auto te = msg.count(bhttp::field::transfer_encoding);
    const auto cl = msg.count(bhttp::field::content_length);
    if (msg.version() >= 11 && msg.count(bhttp::field::host) != 1)
      return "an HTTP/1.1 request needs exactly one Host header field";
    if (te > 0) {
      if (msg.version() < 11) return "Transfer-Encoding is not allowed in an HTTP/1.0 request";
      if (cl > 0) return "a request must not carry both Content-Length and Transfer-Encoding";
      if (te > 1 || !equalsIgnoreCase(trimOws(msg[bhttp::field::transfer_encoding]), "chunked"))
        return "unsupported Transfer-Encoding: only chunked is accepted";
    }
    if (cl > 1 || msg[bhttp::field::content_length].find(',') != std::string_view::npos)
      return "a request must carry at most one Content-Length value";
    if (msg.count(bhttp::field::authorization) > 1)
      return "a request must carry at most one Authorization header field";
    return std::nullopt;
  }

  void refuseFraming(std::string_view why) {
    refuseRequest(400, core::Error::invalid(std::string(why)));
  }

  // A request answered before it was complete or handled (framing, a limit, a parse error): the
  // handler records the refused attempt with what the parser read of it (no body; nothing when
  // the request line itself was not read), then the answer closes the connection.
  void refuseRequest(int status, const core::Error& error) {
    takeRequestId();
    HttpRequest req;
    req.methodName = method_;
    req.requestId = requestId_;
    req.remoteAddress = remote_;
    if (parser_) {
      const auto& msg = parser_->get();
      req.method = toMethod(msg.method());
      if (!splitTarget(msg.target(), req.path, req.query, req.hasQuery)) req.path = {};
      if (auto it = msg.find(bhttp::field::user_agent); it != msg.end()) req.userAgent = it->value();
    }
    respondEarly(status, error, t_.handler.refused(req, error), req.method);
  }

  void onHeader() {
    if (auto problem = framingProblem()) return refuseFraming(*problem);
    if (parser_->is_done()) return handleRequest();
    auto& msg = parser_->get();
    auto expect = msg[bhttp::field::expect];
    if (!expect.empty() && equalsIgnoreCase(expect, "100-continue")) {
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = shared_from_this()](beast::error_code ec, std::size_t) {
                         if (ec) return self->closeNow();
                         self->readBody();
                       });
      return;
    }
    readBody();
  }

  void readBody() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->onReadError(ec);
                        self->handleRequest();
                      });
  }

  void onReadError(beast::error_code ec) {
    if (ec == bhttp::error::header_limit) {
      return refuseRequest(
          431, core::Error::invalid("request header fields too large: the limit is " +
                                    std::to_string(t_.settings.maxHeaderBytes) + " bytes"));
    }
    if (ec == bhttp::error::body_limit) {
      return refuseRequest(413, core::Error{core::ErrorCode::PayloadTooLarge,
                                           "request body too large: the limit is " +
                                               std::to_string(t_.settings.maxBodyBytes) + " bytes",
                                           {}});
    }
    // A parse error in a request that arrived: say so. A closed, reset or timed-out connection,
    // or a message cut short, gets no answer.
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
        ec != bhttp::error::need_more) {
      return refuseRequest(400, core::Error::invalid("malformed HTTP request"));
    }
    closeNow();
  }

  // The client's X-Request-Id when it was read (a limit may stop the parser before the end of
  // the header) and is sane, else a new one.
  void takeRequestId() {
    method_ = "-";
    if (parser_) {
      auto& msg = parser_->get();
      if (!msg.method_string().empty()) method_ = msg.method_string();
      auto id = msg["X-Request-Id"];
      if (isAcceptableRequestId(id)) {
        requestId_.assign(id.data(), id.size());
        return;
      }
    }
    generateRequestId(requestId_);
  }

  // An answer before (or instead of) handling a request; the connection closes after it.
  // `routeTemplate` and `method`: for the log line and /metrics.
  void respondEarly(int status, const core::Error& error, std::string_view routeTemplate = "-",
                    Method method = Method::Other) {
    start_ = std::chrono::steady_clock::now();
    headOnly_ = false;
    metricMethod_ = method;
    routeTemplate_ = routeTemplate;
    response_.clear();
    setErrorResponse(response_, status, error, requestId_);
    if (status == 503) response_.retryAfterSeconds = 1;
    writeResponse(11, false);
  }

  void handleRequest() {
    state_ = State::Handling;
    start_ = std::chrono::steady_clock::now();
    auto& msg = parser_->get();
    method_ = msg.method_string();

    auto id = msg["X-Request-Id"];
    if (isAcceptableRequestId(id)) {
      requestId_.assign(id.data(), id.size());
    } else {
      generateRequestId(requestId_);
    }

    HttpRequest req;
    req.method = toMethod(msg.method());
    metricMethod_ = req.method;
    headOnly_ = req.method == Method::Head;
    req.methodName = method_;
    req.requestId = requestId_;
    req.remoteAddress = remote_;
    response_.clear();
    if (!splitTarget(msg.target(), req.path, req.query, req.hasQuery)) {
      req.path = {};
      if (auto it = msg.find(bhttp::field::user_agent); it != msg.end())
        req.userAgent = it->value();
      const auto error = core::Error::invalid("invalid request target");
      setErrorResponse(response_, 400, error, requestId_);
      routeTemplate_ = t_.handler.refused(req, error);
    } else {
      if (auto it = msg.find(bhttp::field::authorization); it != msg.end())
        req.authorization = it->value();
      if (auto it = msg.find(bhttp::field::content_type); it != msg.end()) {
        req.contentType = it->value();
        req.hasContentType = true;
      }
      if (auto it = msg.find(bhttp::field::user_agent); it != msg.end())
        req.userAgent = it->value();
      if (auto it = msg.find(bhttp::field::accept_encoding); it != msg.end())
        req.acceptEncoding = it->value();
      req.body = msg.body();
      if (t_.handler.mayBlock(req)) return handleOnWorker(req, msg.version(), msg.keep_alive());
      routeTemplate_ = t_.handler.handle(req, response_);
    }
    finishRequest(msg.version(), msg.keep_alive());
  }

  // `req` points into parser_'s message and buffers, which nothing touches until the answer is
  // back on this thread. No transport timeout runs meanwhile: the store bounds its own waits.
  void handleOnWorker(const HttpRequest& req, unsigned version, bool keepAlive) {
    deadline_ = std::chrono::steady_clock::time_point::max();
    auto executor = tcp().get_executor();
    t_.workers->post([self = shared_from_this(), req, executor, version, keepAlive] {
      try {
        self->routeTemplate_ = self->t_.handler.handle(req, self->response_);
      } catch (...) {  // handlers catch their own; never leave a connection without an answer
        self->response_.clear();
        setErrorResponse(self->response_, core::Error::internal("internal server error"),
                         self->requestId_);
        self->routeTemplate_ = "-";
      }
      net::post(executor, [self, version, keepAlive] { self->finishRequest(version, keepAlive); });
    });
  }

  void finishRequest(unsigned version, bool keepAlive) {
    if (state_ == State::Closed) return;
    writeResponse(version, keepAlive && !response_.close && !stopping());
  }

  // The status line and header fields go into one reused buffer and are sent with the body in
  // one gathered write: no per-response field list (Beast's basic_fields allocates per field).
  // The fields and their order are what Beast's serializer wrote for the same response.
  void writeResponse(unsigned version, bool keepAlive) {
    state_ = State::Writing;
    status_ = response_.status;
    const auto status = static_cast<unsigned>(response_.status);
    head_.clear();
    head_.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
    head_.append(std::to_string(status)).append(" ");
    const auto reason = bhttp::obsolete_reason(bhttp::int_to_status(status));
    head_.append(reason.data(), reason.size()).append("\r\n");
    // HTTP/1.1 is persistent unless it says close; HTTP/1.0 only when it says keep-alive.
    if (version >= 11 && !keepAlive) field("Connection", "close");
    if (version < 11 && keepAlive) field("Connection", "keep-alive");
    field("Date", httpDate());
    field("X-Request-Id", requestId_);
    if (!response_.allow.empty()) field("Allow", response_.allow);
    if (!response_.vary.empty()) field("Vary", response_.vary);
    if (response_.retryAfterSeconds != 0)
      field("Retry-After", std::to_string(response_.retryAfterSeconds));
    if (!response_.contentEncoding.empty()) field("Content-Encoding", response_.contentEncoding);
    if (!response_.contentType.empty()) field("Content-Type", response_.contentType);
    if (!response_.body.empty()) {
      if (response_.json && response_.contentType.empty())
        field("Content-Type", "application/json");
      field("Content-Length", std::to_string(response_.body.size()));
    } else if (status != 204 && status >= 200) {
      field("Content-Length", "0");
    }
    head_.append("\r\n");
    expiresAfter(t_.settings.writeTimeout);
    // A HEAD response has the GET response's fields (Content-Length included), not its body.
    const std::array<net::const_buffer, 2> buffers{
        net::buffer(head_), headOnly_ ? net::const_buffer() : net::buffer(response_.body)};
    net::async_write(stream_, buffers,
                     [self = shared_from_this(), keepAlive](beast::error_code ec, std::size_t) {
                       self->onWrite(ec, keepAlive);
                     });
  }

  void field(std::string_view name, std::string_view value) {
    head_.append(name.data(), name.size()).append(": ").append(value.data(), value.size());
    head_.append("\r\n");
  }

  void onWrite(beast::error_code ec, bool keepAlive) {
    auto elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_);
    logging::requestLine(method_, routeTemplate_, status_, elapsed.count(), requestId_, remote_);
    t_.metrics.request(routeTemplate_, toString(metricMethod_), status_, elapsed.count() / 1000.0);
    response_.body.clear();  // keeps the capacity for the next response
    if (ec) return closeNow();
    if (!keepAlive) return lingeringClose();
    waitForRequest();
  }

  // Closes after a response while the client may still be sending (413, 431, 503, or a request
  // body that was never read): stop sending, then drain what arrives for a bounded time so the
  // client reads our response instead of a connection reset.
  // With TLS: close_notify, then wait (within the linger timeout) for the client's.
  void lingeringClose() {
    state_ = State::Closing;
    parser_.reset();
    expiresAfter(t_.settings.lingerTimeout);
    if constexpr (kTls) {
      stream_.async_shutdown([self = shared_from_this()](beast::error_code) { self->closeNow(); });
      return;
    }
    beast::error_code ec;
    tcp().shutdown(net::ip::tcp::socket::shutdown_send, ec);
    if (ec) return closeNow();
    drain();
  }

  void drain() {
    buffer_.clear();
    tcp().async_read_some(buffer_.prepare(kReadChunk),
                          [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                            self->drained_ += n;
                            if (ec || self->drained_ > kMaxLingerBytes) return self->closeNow();
                            self->drain();
                          });
  }

  void closeNow() {
    if (state_ == State::Closed) return;
    state_ = State::Closed;
    deadline_ = std::chrono::steady_clock::time_point::max();
    beast::error_code ec;
    tcp().shutdown(net::ip::tcp::socket::shutdown_both, ec);
    tcp().close(ec);
  }

  void expiresAfter(std::chrono::milliseconds timeout) {
    deadline_ = std::chrono::steady_clock::now() + timeout;
  }

  std::shared_ptr<ssl::context> tlsContext_;  // before stream_: outlives it
  Stream stream_;
  TransportContext& t_;
  DeadlineSweeper& sweeper_;
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  HeaderScanner scanner_;
  std::string head_;  // the status line and header fields of the response being written
  HttpResponse response_;
  std::string remote_;
  std::string requestId_;
  std::string_view method_ = "-";  // points into parser_'s message (alive until the next read)
  std::string_view routeTemplate_ = "-";
  int status_ = 0;
  std::chrono::steady_clock::time_point start_;
  State state_ = State::Idle;
  bool headOnly_ = false;  // answering HEAD: the body is not sent
  Method metricMethod_ = Method::Other;
  bool stopRequested_ = false;
  std::size_t drained_ = 0;
  std::uint64_t registrationId_ = 0;
};

template <class Stream>
void registerAndStart(std::shared_ptr<Session<Stream>> session, TransportContext& transport) {
  ConnectionRegistry::Refusal why{};
  auto id = transport.registry.add(session, clientKeyOf(session->remoteAddress()), why);
  if (id == 0) {
    using R = metrics::Metrics::Refusal;
    transport.metrics.connectionRefused(
        why == ConnectionRegistry::Refusal::TooManyFromAddress ? R::TooManyFromAddress
        : why == ConnectionRegistry::Refusal::Stopping         ? R::Stopping
                                                               : R::TooMany);
    return session->refuse(why);
  }
  transport.metrics.connectionAccepted();
  session->setRegistrationId(id);
  session->start();
}

}  // namespace

void startSession(SessionSocket socket, TransportContext& transport, DeadlineSweeper& sweeper) {
  if (transport.tls) {
    auto context = transport.tls->current();
    TlsStream stream(std::move(socket), *context);
    return registerAndStart(std::make_shared<Session<TlsStream>>(std::move(stream), transport,
                                                                 sweeper, std::move(context)),
                            transport);
  }
  registerAndStart(std::make_shared<Session<SessionSocket>>(std::move(socket), transport, sweeper),
                   transport);
}

}  // namespace astro::server::http
