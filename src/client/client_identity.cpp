#include "client/client_identity.h"

#ifndef ASTRO_VERSION
#define ASTRO_VERSION "0.0.0-dev"
#endif

namespace astro::client {

std::string cliVersion() {
  return ASTRO_VERSION;
}

std::string buildOsIdentifier() {
#if defined(__APPLE__)
  std::string os = "darwin";
#elif defined(_WIN32)
  std::string os = "windows";
#elif defined(__FreeBSD__)
  std::string os = "freebsd";
#else
  std::string os = "linux";
#endif
#if defined(__x86_64__) || defined(_M_X64)
  std::string arch = "amd64";
#elif defined(__aarch64__) || defined(_M_ARM64)
  std::string arch = "arm64";
#elif defined(__i386__)
  std::string arch = "386";
#elif defined(__arm__)
  std::string arch = "arm";
#else
  std::string arch = "unknown";
#endif
  return os + "-" + arch;
}

ClientIdentity ClientIdentity::fromEnvironment(
    const std::function<std::optional<std::string>(const std::string&)>& getenv) {
  auto is = [&](const char* name) {
    auto v = getenv ? getenv(name) : std::nullopt;
    return v && *v == "true";
  };
  ClientIdentity id;
  id.version = cliVersion();
  id.os = buildOsIdentifier();
  id.userAgent = "astro-cli/" + id.version;
  if (is("GITHUB_ACTIONS")) {
    id.identifier = "github-action";
    if (is("DEPLOY_ACTION")) {
      id.identifier = "deploy-action";
      id.version = getenv("DEPLOY_ACTION_VERSION").value_or("");
    }
  }
  return id;
}

Headers ClientIdentity::headers() const {
  return {{"x-astro-client-identifier", identifier},
          {"x-astro-client-version", version},
          {"x-client-os-identifier", os},
          {"User-Agent", userAgent}};
}

}  // namespace astro::client
