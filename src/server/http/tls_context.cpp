#include "server/http/tls_context.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace astro::server::http {

namespace ssl = boost::asio::ssl;

namespace {

// Mozilla's "intermediate" TLS 1.2 list (forward secrecy, AEAD only); TLS 1.3 suites are
// OpenSSL's defaults, which are all AEAD.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

std::string lastOpenSslError() {
  unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return "unknown error";
  char text[256];
  ERR_error_string_n(e, text, sizeof text);
  return text;
}

core::Error tlsError(std::string message) {
  return core::Error{core::ErrorCode::InvalidInput, std::move(message), {}};
}

}  // namespace

core::Result<std::shared_ptr<TlsContext>> TlsContext::load(std::string certFile,
                                                           std::string keyFile) {
  std::shared_ptr<TlsContext> tls(new TlsContext(std::move(certFile), std::move(keyFile)));
  auto ctx = tls->build();
  if (!ctx.ok()) return ctx.error();
  tls->current_ = std::move(ctx).value();
  return tls;
}

core::Result<std::shared_ptr<ssl::context>> TlsContext::build() const {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  SSL_CTX* native = ctx->native_handle();
  ERR_clear_error();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  // No compression (CRIME), no renegotiation (a client-triggered CPU sink), no session tickets
  // encrypted with a key that would outlive a certificate reload.
  SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_TICKET);
  if (SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1)
    return tlsError("TLS: cannot set the cipher list: " + lastOpenSslError());
  if (SSL_CTX_use_certificate_chain_file(native, certFile_.c_str()) != 1)
    return tlsError("cannot use the TLS certificate " + certFile_ + ": " + lastOpenSslError());
  if (SSL_CTX_use_PrivateKey_file(native, keyFile_.c_str(), SSL_FILETYPE_PEM) != 1)
    return tlsError("cannot use the TLS key " + keyFile_ + ": " + lastOpenSslError());
  if (SSL_CTX_check_private_key(native) != 1)
    return tlsError("the TLS key " + keyFile_ + " does not match the certificate " + certFile_);
  return ctx;
}

std::shared_ptr<ssl::context> TlsContext::current() const {
  std::lock_guard lock(mu_);
  return current_;
}

core::Result<void> TlsContext::reload() {
  auto ctx = build();
  if (!ctx.ok()) return ctx.error();
  std::lock_guard lock(mu_);
  current_ = std::move(ctx).value();
  return {};
}

}  // namespace astro::server::http
