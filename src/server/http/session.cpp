// One Session per connection, modelled on Beast's advanced server. A session lives on one I/O
// context, which exactly one thread runs, so its handlers never run concurrently and its state
// needs no lock (and no strand). A request is read in two steps
// (header, then body) so that limits answer before the body is read and `Expect: 100-continue`
// gets its interim response; the API handler runs synchronously on this I/O thread.
#include "server/http/session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
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

#include "server/http/ascii.h"
#include "server/http/error_response.h"
#include "server/http/query_params.h"
#include "server/http/request_id.h"
#include "server/logging/logging.h"

namespace astro::server::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

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

class Session : public Connection,
                public Expirable,
                public std::enable_shared_from_this<Session> {
 public:
  Session(SessionSocket&& socket, TransportContext& transport, DeadlineSweeper& sweeper)
      : socket_(std::move(socket)), t_(transport), sweeper_(sweeper) {
    beast::error_code ec;
    auto endpoint = socket_.remote_endpoint(ec);
    remote_ = ec ? std::string("-") : endpoint.address().to_string();
    socket_.set_option(net::ip::tcp::no_delay(true), ec);
  }

  ~Session() override {
    if (registrationId_ != 0) t_.registry.remove(registrationId_);
  }

  void setRegistrationId(std::uint64_t id) { registrationId_ = id; }

  void start() {
    net::dispatch(socket_.get_executor(), [self = shared_from_this()] {
      self->sweeper_.watch(self);
      self->waitForRequest();
    });
  }

  // At the connection limit: answer 503 and close, without reading a request.
  void refuse() {
    net::dispatch(socket_.get_executor(), [self = shared_from_this()] {
      self->sweeper_.watch(self);
      generateRequestId(self->requestId_);
      self->method_ = "-";
      self->respondEarly(
          503, core::Error{core::ErrorCode::Unavailable, "too many connections; retry later", {}});
    });
  }

  void requestStop() override {
    net::post(socket_.get_executor(), [self = shared_from_this()] {
      self->stopRequested_ = true;
      // Waiting for a next request: nothing is in flight, so stop waiting now.
      if (self->state_ == State::Idle) {
        beast::error_code ec;
        self->socket_.cancel(ec);
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

  void waitForRequest() {
    if (stopping()) return closeNow();
    if (buffer_.size() > 0) return readHeader();  // pipelined bytes already here
    state_ = State::Idle;
    expiresAfter(t_.settings.idleTimeout);
    socket_.async_read_some(buffer_.prepare(kReadChunk),
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
    expiresAfter(t_.settings.readTimeout);  // for the whole request: header, then body
    bhttp::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onHeader(ec); });
  }

  void onHeader(beast::error_code ec) {
    if (ec) return onReadError(ec);
    if (parser_->is_done()) return handleRequest();
    auto& msg = parser_->get();
    auto expect = msg[bhttp::field::expect];
    if (!expect.empty() && equalsIgnoreCase(expect, "100-continue")) {
      net::async_write(socket_, net::buffer(kContinue.data(), kContinue.size()),
                       [self = shared_from_this()](beast::error_code ec, std::size_t) {
                         if (ec) return self->closeNow();
                         self->readBody();
                       });
      return;
    }
    readBody();
  }

  void readBody() {
    bhttp::async_read(socket_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->onReadError(ec);
                        self->handleRequest();
                      });
  }

  void onReadError(beast::error_code ec) {
    if (ec == bhttp::error::header_limit) {
      takeRequestId();
      return respondEarly(
          431, core::Error::invalid("request header fields too large: the limit is " +
                                    std::to_string(t_.settings.maxHeaderBytes) + " bytes"));
    }
    if (ec == bhttp::error::body_limit) {
      takeRequestId();
      return respondEarly(413, core::Error{core::ErrorCode::PayloadTooLarge,
                                           "request body too large: the limit is " +
                                               std::to_string(t_.settings.maxBodyBytes) + " bytes",
                                           {}});
    }
    // A parse error in a request that arrived: say so. A closed, reset or timed-out connection,
    // or a message cut short, gets no answer.
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
        ec != bhttp::error::need_more) {
      takeRequestId();
      return respondEarly(400, core::Error::invalid("malformed HTTP request"));
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
  void respondEarly(int status, const core::Error& error) {
    start_ = std::chrono::steady_clock::now();
    routeTemplate_ = "-";
    response_.clear();
    setErrorResponse(response_, status, error, requestId_);
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
    req.methodName = method_;
    req.requestId = requestId_;
    req.remoteAddress = remote_;
    response_.clear();
    if (!splitTarget(msg.target(), req.path, req.query, req.hasQuery)) {
      routeTemplate_ = "-";
      setErrorResponse(response_, 400, core::Error::invalid("invalid request target"), requestId_);
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
      routeTemplate_ = t_.handler.handle(req, response_);
    }
    writeResponse(msg.version(), msg.keep_alive() && !response_.close && !stopping());
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
    const std::array<net::const_buffer, 2> buffers{net::buffer(head_), net::buffer(response_.body)};
    net::async_write(socket_, buffers,
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
    response_.body.clear();  // keeps the capacity for the next response
    if (ec) return closeNow();
    if (!keepAlive) return lingeringClose();
    waitForRequest();
  }

  // Closes after a response while the client may still be sending (413, 431, 503, or a request
  // body that was never read): stop sending, then drain what arrives for a bounded time so the
  // client reads our response instead of a connection reset.
  void lingeringClose() {
    state_ = State::Closing;
    parser_.reset();
    beast::error_code ec;
    socket_.shutdown(net::ip::tcp::socket::shutdown_send, ec);
    if (ec) return closeNow();
    expiresAfter(t_.settings.lingerTimeout);
    drain();
  }

  void drain() {
    buffer_.clear();
    socket_.async_read_some(buffer_.prepare(kReadChunk),
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
    socket_.shutdown(net::ip::tcp::socket::shutdown_both, ec);
    socket_.close(ec);
  }

  void expiresAfter(std::chrono::milliseconds timeout) {
    deadline_ = std::chrono::steady_clock::now() + timeout;
  }

  SessionSocket socket_;
  TransportContext& t_;
  DeadlineSweeper& sweeper_;
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string head_;  // the status line and header fields of the response being written
  HttpResponse response_;
  std::string remote_;
  std::string requestId_;
  std::string_view method_ = "-";  // points into parser_'s message (alive until the next read)
  std::string_view routeTemplate_ = "-";
  int status_ = 0;
  std::chrono::steady_clock::time_point start_;
  State state_ = State::Idle;
  bool stopRequested_ = false;
  std::size_t drained_ = 0;
  std::uint64_t registrationId_ = 0;
};

}  // namespace

void startSession(SessionSocket socket, TransportContext& transport, DeadlineSweeper& sweeper) {
  auto session = std::make_shared<Session>(std::move(socket), transport, sweeper);
  auto id = transport.registry.add(session);
  if (id == 0) return session->refuse();
  session->setRegistrationId(id);
  session->start();
}

}  // namespace astro::server::http
