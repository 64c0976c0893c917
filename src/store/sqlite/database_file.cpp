#include "store/sqlite/database_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "store/store.h"

namespace astro::store::sqlite {

DatabaseFile::DatabaseFile(const std::string& path, bool create, Access access) : path_(path) {
  const int mode = access == Access::ReadWrite ? O_RDWR : O_RDONLY;
  fd_ = ::open(path.c_str(), mode | O_CLOEXEC | (create ? O_CREAT : 0), 0600);
  if (fd_ < 0) {
    const int err = errno;
    if (err == ENOENT)
      throw StoreError(StoreError::Kind::NotFound, "the database " + path + " does not exist");
    throw StoreError(StoreError::Kind::Io,
                     "cannot open " + path +
                         (access == Access::ReadWrite ? " for reading and writing: " : ": ") +
                         std::strerror(err));
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    throw StoreError(StoreError::Kind::Io, path + " is not a regular file");
  }
  dev_ = st.st_dev;
  ino_ = st.st_ino;
  char resolved[PATH_MAX];
  if (::realpath(path.c_str(), resolved) == nullptr) {
    const int err = errno;
    ::close(fd_);
    fd_ = -1;
    throw StoreError(StoreError::Kind::Io, "cannot resolve " + path + ": " + std::strerror(err));
  }
  canonical_ = resolved;
}

DatabaseFile::~DatabaseFile() {
  if (fd_ >= 0) ::close(fd_);
}

void DatabaseFile::lockExclusive() {
  if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
  const int err = errno;
  std::string same = canonical_ != path_ ? " (the file " + canonical_ + ")" : std::string();
  if (err == EWOULDBLOCK)
    throw StoreError(StoreError::Kind::Locked,
                     "another astro-server is already serving " + path_ + same);
  throw StoreError(StoreError::Kind::Io, "cannot lock " + path_ + same + ": " + std::strerror(err));
}

void DatabaseFile::requireSingleName() const {
  struct stat st {};
  if (::fstat(fd_, &st) != 0)
    throw StoreError(StoreError::Kind::Io, "cannot stat " + path_ + ": " + std::strerror(errno));
  if (st.st_nlink <= 1) return;
  throw StoreError(StoreError::Kind::Io,
                   "the database " + path_ + " has " + std::to_string(st.st_nlink) +
                       " names (hard links); SQLite keeps the write-ahead log beside the name, "
                       "so two names of one database corrupt it: remove the other links "
                       "(find / -xdev -samefile " +
                       canonical_ + ")");
}

void DatabaseFile::recordCompanions() {
  for (auto& c : companions_) {
    struct stat st {};
    c.recorded = ::stat((canonical_ + c.suffix).c_str(), &st) == 0;
    c.dev = st.st_dev;
    c.ino = st.st_ino;
  }
}

DatabaseFile::Check DatabaseFile::state() const {
  struct stat st {};
  if (::stat(canonical_.c_str(), &st) != 0) return {State::Removed, ""};
  if (st.st_dev != dev_ || st.st_ino != ino_) return {State::Replaced, ""};
  for (const auto& c : companions_) {
    if (!c.recorded) continue;
    // The path is built in a fixed buffer: this runs before every write transaction.
    char path[4096];
    const int n = std::snprintf(path, sizeof path, "%s%s", canonical_.c_str(), c.suffix);
    if (n < 0 || static_cast<std::size_t>(n) >= sizeof path) continue;  // cannot be: opened
    if (::stat(path, &st) != 0) return {State::Removed, c.suffix};
    if (st.st_dev != c.dev || st.st_ino != c.ino) return {State::Replaced, c.suffix};
  }
  return {};
}

std::string DatabaseFile::describe(const Check& check) const {
  const std::string suffix = check.suffix;
  if (!suffix.empty()) {
    const std::string what = "the database's " + suffix.substr(1) + " file " + canonical_ + suffix;
    return what + (check.state == State::Removed ? " was removed" : " was replaced") +
           " while the server was running: a connection opened now would not see what it "
           "holds; stop the server (it still has the file open and writes it back on a clean "
           "stop) and do not touch the -wal and -shm files of a database in use";
  }
  switch (check.state) {
    case State::Removed:
      return "the database file " + canonical_ +
             " was removed (or renamed) while the server was running: what is written now "
             "would be lost; restore the file or restart from a backup";
    case State::Replaced:
      return "the database file " + canonical_ +
             " was replaced by another file while the server was running: restart the server "
             "to serve the new file";
    case State::Present:
      break;
  }
  return "the database file " + canonical_ + " is in place";
}

}  // namespace astro::store::sqlite
