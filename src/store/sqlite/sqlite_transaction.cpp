#include "store/sqlite/sqlite_transaction.h"

#include <ctime>
#include <utility>

namespace astro::store::sqlite {

SqliteTransaction::SqliteTransaction(Connection& conn, ChangeStamps* stamps, StoreStats* stats,
                                     std::chrono::steady_clock::time_point began,
                                     std::unique_lock<std::timed_mutex> writerTurn)
    : sql::SqlTransaction(conn),
      timer_(stats, stamps != nullptr ? Store::Mode::Write : Store::Mode::Read, began),
      conn_(conn),
      stamps_(stamps),
      writerTurn_(std::move(writerTurn)) {
  Statement(conn_, stamps != nullptr ? "BEGIN IMMEDIATE" : "BEGIN").run();
  open_ = true;
  conn_.inUse = true;
}

SqliteTransaction::~SqliteTransaction() {
  if (open_) {
    try {
      Statement(conn_, "ROLLBACK").run();
    } catch (...) {
      // A failed rollback leaves SQLite to roll back on its own (it does on the next BEGIN
      // after an error, or when the connection closes); nothing more to do in a destructor.
    }
    // Nothing it wrote is visible; moved anyway, in case a failed COMMIT did commit.
    if (stamps_ != nullptr)
      for (const auto& key : changes().keys()) stamps_->bump(key);
  }
  conn_.inUse = false;
}

void SqliteTransaction::commit() {
  if (!open_) throw StoreError(StoreError::Kind::Io, "commit: the transaction is not open");
  if (stamps_ != nullptr && !changes().empty())
    sql::writeChangeLog(conn_, changes(), std::time(nullptr));
  Statement(conn_, "COMMIT").run();
  open_ = false;
  if (stamps_ != nullptr) {
    for (const auto& key : changes().keys()) stamps_->bump(key);
    if (conn_.events() != nullptr) conn_.events()->committed();
  }
}

}  // namespace astro::store::sqlite
