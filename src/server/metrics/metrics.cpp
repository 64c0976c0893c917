#include "server/metrics/metrics.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <tuple>
#include <unordered_map>

namespace astro::server::metrics {

namespace {

constexpr std::size_t kBucketCount = std::size(Metrics::kBuckets) + 1;  // + the +Inf bucket

std::atomic<std::uint64_t> nextMetricsId{1};

struct CountKey {
  const char* route;
  std::size_t routeLength;
  const char* method;
  std::size_t methodLength;
  int status;
  bool operator==(const CountKey&) const = default;
};
struct CountKeyHash {
  std::size_t operator()(const CountKey& k) const {
    auto h = std::hash<const void*>{}(k.route);
    h ^= std::hash<const void*>{}(k.method) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h ^ (static_cast<std::size_t>(k.status) * 0x100000001b3ULL);
  }
};

struct Histogram {
  std::array<std::uint64_t, kBucketCount> buckets{};  // not cumulative here
  std::uint64_t count = 0;
  double sum = 0;
};

std::string escapeLabel(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string number(double v) {
  char text[32];
  if (v < 1e15 && v > -1e15 && v == static_cast<double>(static_cast<std::int64_t>(v)))
    std::snprintf(text, sizeof text, "%lld", static_cast<long long>(v));
  else
    std::snprintf(text, sizeof text, "%.9g", v);
  return text;
}

void family(std::string& out, std::string_view name, std::string_view help, std::string_view type) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

}  // namespace

struct Metrics::Shard {
  std::mutex mu;
  std::unordered_map<CountKey, std::uint64_t, CountKeyHash> counts;
  std::unordered_map<const char*, std::pair<std::size_t, Histogram>> latency;  // by route
};

Metrics::Metrics() : id_(nextMetricsId.fetch_add(1)) {}
Metrics::~Metrics() = default;

Metrics::Shard& Metrics::shard() {
  struct Cached {
    std::uint64_t owner = 0;
    Shard* shard = nullptr;
  };
  thread_local Cached cached;
  if (cached.owner == id_) return *cached.shard;
  std::lock_guard lock(mu_);
  shards_.push_back(std::make_unique<Shard>());
  cached = {id_, shards_.back().get()};
  return *cached.shard;
}

void Metrics::request(std::string_view routeTemplate, std::string_view method, int status,
                      double seconds) {
  Shard& s = shard();
  std::size_t bucket = 0;
  while (bucket < std::size(kBuckets) && seconds > kBuckets[bucket]) ++bucket;
  std::lock_guard lock(s.mu);
  ++s.counts[{routeTemplate.data(), routeTemplate.size(), method.data(), method.size(), status}];
  auto& [length, h] = s.latency[routeTemplate.data()];
  length = routeTemplate.size();
  ++h.buckets[bucket];
  ++h.count;
  h.sum += seconds;
}

void Metrics::connectionRefused(Refusal why) {
  auto& counter = why == Refusal::TooMany              ? refusedTooMany_
                  : why == Refusal::TooManyFromAddress ? refusedPerAddress_
                                                       : refusedStopping_;
  counter.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::addReader(std::string name, std::string help, std::string type, Reader read) {
  std::lock_guard lock(mu_);
  readers_.push_back({std::move(name), std::move(help), std::move(type), std::move(read)});
}

std::string Metrics::render() const {
  // Sum the shards by label text (two pointers may carry the same text).
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> counts;
  std::map<std::string, Histogram> latency;
  std::vector<Family> readers;
  {
    std::lock_guard lock(mu_);
    readers = readers_;
    for (const auto& shard : shards_) {
      std::lock_guard shardLock(shard->mu);
      for (const auto& [k, n] : shard->counts)
        counts[{std::string(k.route, k.routeLength), std::string(k.method, k.methodLength),
                k.status}] += n;
      for (const auto& [route, entry] : shard->latency) {
        auto& h = latency[std::string(route, entry.first)];
        for (std::size_t i = 0; i < kBucketCount; ++i) h.buckets[i] += entry.second.buckets[i];
        h.count += entry.second.count;
        h.sum += entry.second.sum;
      }
    }
  }

  std::string out;
  family(out, "astro_http_connections_accepted_total", "Connections accepted.", "counter");
  out += "astro_http_connections_accepted_total " +
         std::to_string(accepted_.load(std::memory_order_relaxed)) + "\n";
  family(out, "astro_http_connections_refused_total",
         "Connections answered 503 and closed at a connection limit, by reason.", "counter");
  out += "astro_http_connections_refused_total{reason=\"max_connections\"} " +
         std::to_string(refusedTooMany_.load(std::memory_order_relaxed)) + "\n";
  out += "astro_http_connections_refused_total{reason=\"max_connections_per_address\"} " +
         std::to_string(refusedPerAddress_.load(std::memory_order_relaxed)) + "\n";
  out += "astro_http_connections_refused_total{reason=\"stopping\"} " +
         std::to_string(refusedStopping_.load(std::memory_order_relaxed)) + "\n";

  {
    std::vector<Sample> samples;
    for (const auto& [route, h] : latency)
      appendHistogram(samples, "route=\"" + escapeLabel(route) + "\"", kBuckets, h.buckets, h.sum,
                      h.count);
    appendFamily(out,
                 {"astro_http_request_duration_seconds",
                  "Time from a complete request to its response written, by route template.",
                  "histogram", {}},
                 samples);
  }

  family(out, "astro_http_requests_total",
         "Requests answered, by route template, method and status.", "counter");
  for (const auto& [k, n] : counts) {
    out += "astro_http_requests_total{route=\"" + escapeLabel(std::get<0>(k)) + "\",method=\"" +
           escapeLabel(std::get<1>(k)) + "\",status=\"" + std::to_string(std::get<2>(k)) + "\"} " +
           std::to_string(n) + "\n";
  }

  std::sort(readers.begin(), readers.end(),
            [](const Family& a, const Family& b) { return a.name < b.name; });
  for (const auto& f : readers) appendFamily(out, f, f.read());
  return out;
}

void Metrics::appendFamily(std::string& out, const Family& f, const std::vector<Sample>& samples) {
  family(out, f.name, f.help, f.type);
  for (const auto& sample : samples) {
    out.append(f.name).append(sample.suffix);
    if (!sample.labels.empty()) out.append("{").append(sample.labels).append("}");
    out.append(" ").append(number(sample.value)).append("\n");
  }
}

void Metrics::appendHistogram(std::vector<Sample>& out, const std::string& labels,
                              std::span<const double> bounds,
                              std::span<const std::uint64_t> buckets, double sum,
                              std::uint64_t count) {
  const std::string prefix = labels.empty() ? "" : labels + ",";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= bounds.size() && i < buckets.size(); ++i) {
    cumulative += buckets[i];
    const std::string le = i < bounds.size() ? number(bounds[i]) : "+Inf";
    out.push_back({prefix + "le=\"" + le + "\"", static_cast<double>(cumulative), "_bucket"});
  }
  out.push_back({labels, sum, "_sum"});
  out.push_back({labels, static_cast<double>(count), "_count"});
}

}  // namespace astro::server::metrics
