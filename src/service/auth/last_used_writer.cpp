#include "service/auth/last_used_writer.h"

#include <utility>
#include <vector>

namespace astro::service {

LastUsedWriter::LastUsedWriter(store::Store& store, std::chrono::milliseconds interval)
    : store_(store), interval_(interval) {
  if (interval_.count() > 0) thread_ = std::thread([this] { run(); });
}

LastUsedWriter::~LastUsedWriter() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  flush();
}

void LastUsedWriter::record(std::string_view orgId, std::string_view tokenId, core::Timestamp at) {
  recorded_.fetch_add(1, std::memory_order_relaxed);
  {
    std::lock_guard lock(mu_);
    auto [it, inserted] = pending_.try_emplace(std::string(tokenId));
    if (inserted || it->second.at < at) it->second = Use{std::string(orgId), at};
    if (pending_.size() > kMaxPending) pending_.erase(pending_.begin());
  }
  if (interval_.count() == 0) flush();
}

std::size_t LastUsedWriter::pending() const {
  std::lock_guard lock(mu_);
  return pending_.size();
}

bool LastUsedWriter::flush() {
  std::lock_guard one(flushMu_);
  std::unordered_map<std::string, Use> batch;
  {
    std::lock_guard lock(mu_);
    batch.swap(pending_);
  }
  if (batch.empty()) return true;
  try {
    std::vector<store::LastUse> uses;
    uses.reserve(batch.size());
    for (const auto& [tokenId, use] : batch) uses.push_back({use.orgId, tokenId, use.at});
    auto tx = store_.begin(store::Store::Mode::Write);
    tx->tokens().setLastUsed(uses);
    tx->commit();
    return true;
  } catch (const store::StoreError&) {
    // Kept for the next round (the store told the log why); newer uses recorded meanwhile win.
    std::lock_guard lock(mu_);
    for (auto& [tokenId, use] : batch) {
      if (pending_.size() >= kMaxPending) break;
      auto [it, inserted] = pending_.try_emplace(tokenId, use);
      if (!inserted && it->second.at < use.at) it->second = std::move(use);
    }
    return false;
  }
}

void LastUsedWriter::run() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    wake_.wait_for(lock, interval_, [this] { return stop_; });
    if (stop_) break;
    lock.unlock();
    flush();
    lock.lock();
  }
}

}  // namespace astro::service
