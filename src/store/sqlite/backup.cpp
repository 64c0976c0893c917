#include "store/sqlite/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <random>
#include <thread>

#include "store/sqlite/database_file.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"

namespace astro::store::sqlite {
namespace {

// Closes the connection however the backup ends.
struct Db {
  sqlite3* db = nullptr;
  ~Db() { sqlite3_close_v2(db); }
};

void openDb(Db& d, const std::string& path, int flags, std::string_view what) {
  const int rc = sqlite3_open_v2(path.c_str(), &d.db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) throwSqliteError(d.db, rc, what);
  sqlite3_extended_result_codes(d.db, 1);
  sqlite3_busy_timeout(d.db, 5000);
}

std::string queryText(sqlite3* db, const char* sql) {
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
  if (rc != SQLITE_OK) throwSqliteError(db, rc, "checking the copy");
  rc = sqlite3_step(st);
  std::string out;
  if (rc == SQLITE_ROW && sqlite3_column_text(st, 0) != nullptr)
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) throwSqliteError(db, rc, "checking the copy");
  return out;
}

StoreError failure(const std::string& message) {
  return StoreError(StoreError::Kind::Io, message);
}

void syncPath(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw failure("cannot open " + path + " to sync it: " + std::strerror(errno));
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw failure("cannot sync " + path + ": " + std::strerror(err));
}

}  // namespace

BackupResult backupDatabase(const std::string& source, const std::string& dest, bool overwrite) {
  namespace fs = std::filesystem;
  DatabaseFile file(source, /*create=*/false, DatabaseFile::Access::ReadOnly);
  file.requireSingleName();
  std::error_code ec;
  if (fs::exists(fs::symlink_status(dest, ec)) && !overwrite)
    throw failure(dest + " already exists: pass --force to replace it");
  if (fs::exists(dest, ec) && fs::equivalent(dest, file.canonicalPath(), ec))
    throw failure(dest + " is the database itself");

  // Read-write (never created) so that a WAL database can be read beside its server.
  Db src;
  openDb(src, file.canonicalPath(), SQLITE_OPEN_READWRITE, "opening the database");
  const int version = currentSchemaVersion(src.db);
  const int known = latestSchemaVersion();
  if (version > known)
    throw failure("the database has schema version " + std::to_string(version) +
                  ", newer than the " + std::to_string(known) +
                  " this astro-server knows: back it up with the release that wrote it");

  // The copy goes to a new private file beside the destination, renamed over it once checked.
  const fs::path destPath(dest);
  const fs::path dir = destPath.has_parent_path() ? destPath.parent_path() : fs::path(".");
  std::random_device rd;
  const std::string temp =
      (dir / ("." + destPath.filename().string() + ".partial-" + std::to_string(rd()))).string();
  const int fd = ::open(temp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw failure("cannot create " + temp + ": " + std::strerror(errno));
  ::close(fd);
  struct Cleanup {
    std::string path;
    bool keep = false;
    ~Cleanup() {
      if (keep) return;
      for (const char* suffix : {"", "-journal", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
    }
  } cleanup{temp};

  BackupResult result;
  result.schemaVersion = version;
  {
    Db out;
    openDb(out, temp, SQLITE_OPEN_READWRITE, "opening the copy");
    sqlite3_backup* b = sqlite3_backup_init(out.db, "main", src.db, "main");
    if (b == nullptr) throwSqliteError(out.db, sqlite3_errcode(out.db), "starting the backup");
    // Every page in one step: one read transaction, so the copy is one consistent snapshot
    // (WAL: the server's writers are not blocked meanwhile).
    int rc;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      if (std::chrono::steady_clock::now() > deadline) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    result.pages = sqlite3_backup_pagecount(b);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) throwSqliteError(nullptr, rc, "copying the database");
  }
  {
    Db check;
    openDb(check, temp, SQLITE_OPEN_READWRITE, "opening the copy to check it");
    const std::string integrity = queryText(check.db, "PRAGMA integrity_check");
    if (integrity != "ok") throw failure("the copy fails PRAGMA integrity_check: " + integrity);
    const int copied = currentSchemaVersion(check.db);
    if (copied != version)
      throw failure("the copy has schema version " + std::to_string(copied) + ", not " +
                    std::to_string(version));
  }
  syncPath(temp, O_RDONLY);
  if (::rename(temp.c_str(), dest.c_str()) != 0)
    throw failure("cannot rename " + temp + " to " + dest + ": " + std::strerror(errno));
  cleanup.keep = true;
  syncPath(dir.string(), O_RDONLY | O_DIRECTORY);
  return result;
}

}  // namespace astro::store::sqlite
