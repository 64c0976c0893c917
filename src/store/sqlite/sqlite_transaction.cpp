#include "store/sqlite/sqlite_transaction.h"

#include <utility>

namespace astro::store::sqlite {

SqliteTransaction::SqliteTransaction(Connection& conn, std::atomic<std::uint64_t>* generation,
                                     StoreStats* stats,
                                     std::chrono::steady_clock::time_point began,
                                     std::unique_lock<std::timed_mutex> writerTurn)
    : timer_(stats, generation != nullptr ? Store::Mode::Write : Store::Mode::Read, began),
      conn_(conn),
      generation_(generation),
      writerTurn_(std::move(writerTurn)) {
  Statement(conn_, generation != nullptr ? "BEGIN IMMEDIATE" : "BEGIN").run();
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
  }
  if (generation_ != nullptr) generation_->fetch_add(1, std::memory_order_acq_rel);
  conn_.inUse = false;
}

void SqliteTransaction::commit() {
  if (!open_) throw StoreError(StoreError::Kind::Io, "commit: the transaction is not open");
  Statement(conn_, "COMMIT").run();
  open_ = false;
  if (generation_ != nullptr) {
    generation_->fetch_add(1, std::memory_order_acq_rel);
    if (conn_.events() != nullptr) conn_.events()->committed();
  }
}

}  // namespace astro::store::sqlite
