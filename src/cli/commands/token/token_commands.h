// `astro organization token …` (reference §3.14 plus product.md's departures): one options
// struct and one run function per command; each returns the exit status.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/environment.h"
#include "cli/output.h"

namespace astro::cli {

struct TokenListOptions {
  OutputFlags output;
};
struct TokenRolesOptions {
  std::string tokenId;
  OutputFlags output;
};
struct TokenCreateOptions {
  std::string name;
  std::string description;
  std::string role;
  std::optional<int> expiration;  // set when --expiration was given
  bool cleanOutput = false;
  OutputFlags output;
};
struct TokenUpdateOptions {
  std::string tokenId;
  std::string name;  // the current name (--name/-t)
  std::string newName;
  std::string description;
  std::string role;
  std::optional<int> expiration;
  bool cleanOutput = false;
};
struct TokenRotateOptions {
  std::string tokenId;
  std::string name;
  bool cleanOutput = false;
  bool force = false;
  OutputFlags output;
};
struct TokenDeleteOptions {
  std::string tokenId;
  std::string name;
  bool force = false;
};

int runTokenList(const TokenListOptions& o, Environment& env);
int runTokenRoles(const TokenRolesOptions& o, Environment& env);
int runTokenCreate(const TokenCreateOptions& o, Environment& env);
int runTokenUpdate(const TokenUpdateOptions& o, Environment& env);
int runTokenRotate(const TokenRotateOptions& o, Environment& env);
int runTokenDelete(const TokenDeleteOptions& o, Environment& env);

}  // namespace astro::cli
