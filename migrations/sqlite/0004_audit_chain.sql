-- 0004_audit_chain: every audit record carries its place in its organization's hash chain (its
-- position, the hash of the record before it, its own hash; core/audit/audit_chain.h), and each
-- organization's chain head (its last position and hash) is kept apart, so that deleting the last
-- records shows too. Records written before this migration are chained, in the order they were
-- written, when the store opens (SqliteTransaction::chainUnchainedAuditRecords).
ALTER TABLE audit_records ADD COLUMN chain_seq INTEGER;
ALTER TABLE audit_records ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_records ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_records_by_org_chain ON audit_records (organization_id, chain_seq);
CREATE TABLE audit_chain_heads (
  organization_id TEXT PRIMARY KEY,
  chain_seq       INTEGER NOT NULL,
  hash            TEXT NOT NULL
) WITHOUT ROWID;
