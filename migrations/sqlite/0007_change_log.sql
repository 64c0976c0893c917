-- 0007_change_log: every write transaction records the keys it made stale (store/change_keys.h)
-- in one row, in the same transaction, so the caches of every replica can drop exactly those
-- (issue 9). Rows older than an hour are pruned; change_log_pruned says up to which seq, so a
-- replica that was away longer knows it cannot have seen every change and drops everything.
CREATE TABLE change_log (
  seq   INTEGER PRIMARY KEY,
  keys  TEXT NOT NULL,     -- the keys, one per line
  at    INTEGER NOT NULL   -- Unix seconds
);
CREATE TABLE change_log_pruned (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  upto  INTEGER NOT NULL   -- every row with seq <= upto may be gone
);
INSERT INTO change_log_pruned (id, upto) VALUES (1, 0);
