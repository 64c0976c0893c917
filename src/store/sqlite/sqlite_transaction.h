// SqliteTransaction: the Transaction of SqliteStore, bound to one connection of one thread.
// BEGIN IMMEDIATE for writes (one writer at a time), BEGIN (deferred) for reads; rolls back
// on destruction unless committed.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

#include "store/change_stamps.h"
#include "store/sql/sql_transaction.h"
#include "store/sqlite/sqlite_connection.h"
#include "store/store.h"
#include "store/store_stats.h"

namespace astro::store::sqlite {

class SqliteTransaction final : public sql::SqlTransaction {
 public:
  // A write transaction (BEGIN IMMEDIATE) when `stamps` is given: before COMMIT the keys its
  // resources recorded are written to the change log, and after it (or a rollback, to be safe)
  // their generations move (see Store::generation).
  // `writerTurn`, when held, is released once the transaction has ended. `stats` (may be null)
  // counts the transaction, from `began` to its end, when it is destroyed.
  SqliteTransaction(Connection& conn, ChangeStamps* stamps, StoreStats* stats,
                    std::chrono::steady_clock::time_point began,
                    std::unique_lock<std::timed_mutex> writerTurn = {});
  ~SqliteTransaction() override;

  void commit() override;

 private:
  StoreStats::Timer timer_;  // first: destroyed last, after the rollback and the writer turn
  Connection& conn_;
  bool open_ = false;
  ChangeStamps* stamps_;  // null for a read transaction
  std::unique_lock<std::timed_mutex> writerTurn_;
};

}  // namespace astro::store::sqlite
