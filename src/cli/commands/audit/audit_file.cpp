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
  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
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

}  // namespace astro::cli
