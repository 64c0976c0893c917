#include "cli/commands/audit/audit_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "core/json/audit_json.h"

namespace astro::cli {

std::optional<int> parseIncludeDays(const std::string& text) {
  if (text.empty() || text.size() > 3) return std::nullopt;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  int n = std::stoi(text);
  if (n < 1 || n > 90) return std::nullopt;
  return n;
}

namespace {
std::tm localTm(core::Timestamp t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  return tm;
}
}  // namespace

std::string defaultAuditFileName(const std::string& orgName, int days, core::Timestamp now) {
  std::string name;
  for (char c : orgName)
    if (c != ' ') name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::tm tm = localTm(now);
  char date[16];
  std::strftime(date, sizeof date, "%Y%m%d", &tm);
  return name + "-logs-" + std::to_string(days) + (days > 1 ? "-days-" : "-day-") + date +
         ".ndjson.gz";
}

std::string auditStartDate(core::Timestamp now, int days) {
  std::tm tm = localTm(now);
  tm.tm_mday -= days;  // calendar subtraction, as Go's AddDate
  tm.tm_isdst = -1;
  std::time_t start = std::mktime(&tm);
  std::tm st{};
  localtime_r(&start, &st);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &st);
  std::string out = buf;
  long off = st.tm_gmtoff;
  if (off == 0) return out + "Z";
  char sign = off < 0 ? '-' : '+';
  off = off < 0 ? -off : off;
  std::snprintf(buf, sizeof buf, "%c%02ld:%02ld", sign, off / 3600, (off % 3600) / 60);
  return out + buf;
}

core::Result<void> writePrivateFileAtomically(const std::string& path, const std::string& bytes) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // Appended piecewise: GCC 12 warns (-Wrestrict, a false positive) on "." + name + "…".
  std::string name = ".";
  name += target.filename().string();
  name += ".tmp-XXXXXX";
  std::string tmpl = (dir / name).string();
  auto fail = [&](const std::string& what) {
    return core::Error::invalid("cannot write " + path + ": " + what + ": " + std::strerror(errno));
  };
  int fd = mkstemp(tmpl.data());  // created with mode 0600
  if (fd < 0) return fail("create");
  auto cleanup = [&] {
    ::close(fd);
    ::unlink(tmpl.c_str());
  };
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      auto e = fail("write");
      cleanup();
      return e;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, 0600) != 0 || ::fsync(fd) != 0) {
    auto e = fail("sync");
    cleanup();
    return e;
  }
  ::close(fd);
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    auto e = fail("rename");
    ::unlink(tmpl.c_str());
    return e;
  }
  return {};
}

core::Result<AuditFileCheck> checkAuditExport(std::string_view ndjson) {
  AuditFileCheck out;
  // An export covers a date range: what its first record links to is outside the file.
  core::AuditChainVerifier verifier(/*complete=*/false);
  std::vector<std::size_t> lineOf;
  std::size_t lineNumber = 0;
  for (std::size_t pos = 0; pos < ndjson.size();) {
    auto end = ndjson.find('\n', pos);
    if (end == std::string_view::npos) end = ndjson.size();
    const auto line = ndjson.substr(pos, end - pos);
    pos = end + 1;
    ++lineNumber;
    if (line.empty()) continue;
    auto record = core::auditRecordFromJsonLine(line);
    if (!record.ok())
      return core::Error::invalid("line " + std::to_string(lineNumber) +
                                  " is not an audit record: " + record.error().message);
    if (lineOf.empty()) out.organizationId = record->organizationId;
    lineOf.push_back(lineNumber);
    verifier.add(*record);
  }
  out.chain = verifier.report();
  for (const auto& f : out.chain.findings) out.findingLines.push_back(lineOf[f.index]);
  return out;
}

}  // namespace astro::cli
