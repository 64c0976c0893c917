// Service-level settings with their defaults (each one a named, documented knob).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace astro::service {

struct ServiceSettings {
  // Optional installation tag placed in issued token values ([a-z0-9]{1,16}; empty: none).
  std::string tokenInstancePrefix;
  // lastUsedAt is kept to this resolution; at most one write per token per interval.
  std::chrono::seconds lastUsedResolution{60};
  // How often the uses recorded in memory are written, in one transaction, off the request path
  // (service/auth/last_used_writer.h); also on a graceful stop. 0: at once, on the request.
  std::chrono::milliseconds lastUsedFlushInterval{10000};
  // Authenticated tokens kept in memory (by value hash) while the store's generation says nothing
  // was written since they were read, and a quarter as many refused values; 0 turns the cache
  // off (`serve --auth-cache-entries`). Per CPU shard (up to 4, GenerationCache): 80 bytes per
  // empty entry (32,768: 10 MiB in all), about 0.5 KiB more per cached token. Twice the number
  // of tokens in use keeps nearly all of them cached.
  std::size_t authCacheEntries = 32768;
  // Tokens (by ID) and token list pages (by organization and query, pages of at most
  // kMaxCachedPageItems) kept the same way; 0 turns either off. About 1 KiB per cached token.
  std::size_t tokenCacheEntries = 4096;
  std::size_t tokenPageCacheEntries = 64;
  // Refused requests no service call recorded itself (401s, 404s, bodies refused before the
  // service runs, 415s) are counted in memory and written as one audit record per (organization,
  // caller, action, target, outcome, reason, source address) and window, in one batch when the
  // window ends: a flood costs rows per window, not per request (service/audit/refusal_audit.h).
  std::chrono::seconds refusalAuditWindow{60};
  // Distinct records one window holds: attributable ones (a known organization and caller or
  // token) and unauthenticated ones; beyond either cap the rest only add to one overflow record.
  std::size_t refusalAuditMaxRecords = 1024;
  std::size_t refusalAuditMaxAnonymousRecords = 64;
};

}  // namespace astro::service
