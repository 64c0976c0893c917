// Metrics: what astro-server counts, rendered for /metrics in the Prometheus text format
// (version 0.0.4): requests by route template, method and status; request latency histograms by
// route; connections (open, accepted, refused by reason); and whatever the other parts of the
// server report through gauges and counters read at scrape time (caches, rate limits, store).
//
// Thread-safety: every method may be called from any thread. Requests are counted in a shard per
// thread (its own mutex, which only a scrape ever contends), so the I/O threads never share a
// cache line per request; a scrape sums the shards.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace astro::server::metrics {

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // One answered request. `routeTemplate` and `method` must be static or outlive the Metrics
  // (route templates point into the router; "-" when no route matched).
  void request(std::string_view routeTemplate, std::string_view method, int status, double seconds);

  enum class Refusal { TooMany, TooManyFromAddress, Stopping };
  void connectionAccepted() { accepted_.fetch_add(1, std::memory_order_relaxed); }
  void connectionRefused(Refusal why);

  // A value read at every scrape: `name` (with its HELP text and TYPE counter|gauge|histogram)
  // and labels such as `cache="auth"` (already in Prometheus label syntax, or empty). A
  // histogram's samples carry the suffix of their series ("_bucket", "_sum", "_count").
  struct Sample {
    Sample(std::string labels, double value, std::string suffix = {})
        : labels(std::move(labels)), value(value), suffix(std::move(suffix)) {}
    std::string labels;
    double value = 0;
    std::string suffix;
  };
  using Reader = std::function<std::vector<Sample>()>;
  void addReader(std::string name, std::string help, std::string type, Reader read);

  // Appends a histogram's series to `out`: one `_bucket` sample per bound in `bounds` and one for
  // +Inf (cumulative, from the per-bucket counts in `buckets`, which holds bounds.size() + 1),
  // then `_sum` and `_count`. `labels` (may be empty) go on every series, before `le`.
  static void appendHistogram(std::vector<Sample>& out, const std::string& labels,
                              std::span<const double> bounds, std::span<const std::uint64_t> buckets,
                              double sum, std::uint64_t count);

  // The whole exposition, every family sorted by name.
  std::string render() const;

  // Histogram bucket bounds in seconds (the last bucket is +Inf).
  static constexpr double kBuckets[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                        0.1,    0.25,  0.5,    1,     2.5,  5};

 private:
  struct Shard;
  Shard& shard();

  const std::uint64_t id_;
  mutable std::mutex mu_;  // guards shards_ and readers_
  std::vector<std::unique_ptr<Shard>> shards_;
  struct Family {
    std::string name, help, type;
    Reader read;
  };
  std::vector<Family> readers_;
  static void appendFamily(std::string& out, const Family& f, const std::vector<Sample>& samples);
  std::atomic<std::uint64_t> accepted_{0};
  std::atomic<std::uint64_t> refusedTooMany_{0};
  std::atomic<std::uint64_t> refusedPerAddress_{0};
  std::atomic<std::uint64_t> refusedStopping_{0};
};

}  // namespace astro::server::metrics
