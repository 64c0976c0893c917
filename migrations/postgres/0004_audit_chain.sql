-- 0004_audit_chain (PostgreSQL): every audit record carries its place in its organization's hash
-- chain (its position, the hash of the record before it, its own hash; core/audit/audit_chain.h),
-- and each organization's chain head (its last position and hash) is kept apart, so that deleting
-- the last records shows too.
ALTER TABLE audit_records ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_records ADD COLUMN prev_hash TEXT COLLATE "C";
ALTER TABLE audit_records ADD COLUMN hash TEXT COLLATE "C";
CREATE UNIQUE INDEX audit_records_by_org_chain ON audit_records (organization_id, chain_seq);
CREATE TABLE audit_chain_heads (
  organization_id TEXT COLLATE "C" PRIMARY KEY,
  chain_seq       BIGINT NOT NULL,
  hash            TEXT COLLATE "C" NOT NULL
);
