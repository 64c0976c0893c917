// TlsContext: astro-server's TLS settings (TLS 1.2 and 1.3 only, forward-secret AEAD ciphers)
// and the certificate and key it serves, which reload() replaces (SIGHUP) while the server runs:
// a new connection gets the newest context, a connection already open keeps the one it started
// with, so nothing is dropped. A reload that fails (a missing file, a key that does not match
// the certificate) keeps the previous context. Thread-safe. Include only from transport .cpp
// files and server.cpp: it brings in Asio's SSL.
#pragma once

#include <boost/asio/ssl/context.hpp>

#include <memory>
#include <mutex>
#include <string>

#include "core/result.h"

namespace astro::server::http {

class TlsContext {
 public:
  // Loads the PEM files; the error says which file and why.
  static core::Result<std::shared_ptr<TlsContext>> load(std::string certFile, std::string keyFile);

  // The context new connections use now.
  std::shared_ptr<boost::asio::ssl::context> current() const;
  // Reads the files again; on success new connections use them.
  core::Result<void> reload();
  const std::string& certFile() const { return certFile_; }

 private:
  TlsContext(std::string certFile, std::string keyFile)
      : certFile_(std::move(certFile)), keyFile_(std::move(keyFile)) {}
  core::Result<std::shared_ptr<boost::asio::ssl::context>> build() const;

  std::string certFile_, keyFile_;
  mutable std::mutex mu_;
  std::shared_ptr<boost::asio::ssl::context> current_;
};

}  // namespace astro::server::http
