#include "store/sql/sql_changes.h"

#include <atomic>

namespace astro::store::sql {

std::int64_t writeChangeLog(Session& session, const ChangeSet& changes, std::int64_t nowSeconds,
                            std::int64_t keepSeconds) {
  std::string keys;
  for (const auto& k : changes.keys()) {
    if (!keys.empty()) keys.push_back('\n');
    keys.append(k);
  }
  std::int64_t seq = 0;
  {
    Statement st(session, "INSERT INTO change_log (keys, at) VALUES (?, ?) RETURNING seq");
    st.bind(keys).bind(nowSeconds);
    if (st.step()) seq = st.int64(0);
    st.run();
  }
  static std::atomic<std::uint32_t> writes{0};
  if (writes.fetch_add(1, std::memory_order_relaxed) % 256 == 0) {
    // Up to the newest row old enough: replicas away longer than `keepSeconds` drop everything.
    Statement st(session, "SELECT MAX(seq) FROM change_log WHERE at < ?");
    st.bind(nowSeconds - keepSeconds);
    std::optional<std::int64_t> upto;
    if (st.step()) upto = st.optInt64(0);
    st.run();
    if (upto) {
      execute(session, "DELETE FROM change_log WHERE seq <= ?", *upto);
      execute(session, "UPDATE change_log_pruned SET upto = ? WHERE id = 1 AND upto < ?", *upto,
              *upto);
    }
  }
  return seq;
}

std::vector<std::string> splitKeys(const std::string& keys) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= keys.size()) {
    const auto end = keys.find('\n', start);
    const auto stop = end == std::string::npos ? keys.size() : end;
    if (stop > start) out.emplace_back(keys.substr(start, stop - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace astro::store::sql
