// The database file apart from SQLite: created 0600 before SQLite first opens it (SQLite gives
// the -wal and -shm files the main file's mode), known by device and inode rather than by name,
// so the single-writer lock and the "removed or replaced while serving" check follow the file
// whatever path (hard link, symbolic link, ./x/../a.db) reached it.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace astro::store::sqlite {

class DatabaseFile {
 public:
  enum class Access { ReadWrite, ReadOnly };
  // Opens `path` (creating it empty, mode 0600, when `create` and it is missing). Throws
  // StoreError: NotFound when it is missing and not to be created; Io when it cannot be opened
  // with `access`, is not a regular file, or has more than one name (hard links).
  DatabaseFile(const std::string& path, bool create, Access access);
  ~DatabaseFile();
  DatabaseFile(const DatabaseFile&) = delete;
  DatabaseFile& operator=(const DatabaseFile&) = delete;

  // Takes the single-writer lock: flock(LOCK_EX) on the file itself, held until destruction.
  // Throws StoreError(Locked) when another process holds it. On Linux flock(2) locks and the
  // fcntl(2) byte-range locks SQLite takes are independent (flock(2), NOTES), so this does not
  // disturb SQLite; not so on NFS, where flock is emulated with fcntl locks.
  void lockExclusive();

  // Throws StoreError(Io) when the file has more than one name (hard links). SQLite names the
  // -wal after the path it opened, so a second name is a second log of the same database:
  // writes through one are invisible through the other, and replaying one corrupts the file.
  void requireSingleName() const;

  // The name given, and the one SQLite opens: every symbolic link and ./.. resolved.
  const std::string& path() const { return path_; }
  const std::string& canonicalPath() const { return canonical_; }

  // Records the -wal and -shm files SQLite keeps beside the database, once they exist (after a
  // connection has read the database in WAL mode), so that state() watches them too: SQLite
  // opens them by name, so a connection opened after either was removed or replaced would start
  // a second log or index of the same database. SQLite removes them only when the last
  // connection closes, which a store does when it is destroyed.
  void recordCompanions();

  // Whether `path` (and the recorded -wal and -shm) still name the files that were opened: a
  // stat(2) of each path, no open, so it is cheap enough for every write transaction.
  enum class State { Present, Removed, Replaced };
  struct Check {
    State state = State::Present;
    const char* suffix = "";  // which file: "" (the database), "-wal" or "-shm"
  };
  Check state() const;
  // "the database file PATH was removed (or renamed) while the server was running", replaced, or
  // the same of its -wal or -shm file.
  std::string describe(const Check& check) const;

 private:
  std::string path_;
  std::string canonical_;
  // Kept open until SQLite has closed every connection: closing any descriptor of a file drops
  // all of the process's fcntl locks on it, SQLite's included.
  int fd_ = -1;
  dev_t dev_ = 0;
  ino_t ino_ = 0;
  struct Companion {
    const char* suffix;
    bool recorded = false;
    dev_t dev = 0;
    ino_t ino = 0;
  };
  Companion companions_[2] = {{"-wal"}, {"-shm"}};
};

}  // namespace astro::store::sqlite
