-- 0006_insertion_sequence: lists break ties (rows made in the same second) by a `seq` column,
-- insertion order as every backend keeps it, instead of SQLite's rowid. Existing rows keep the
-- order they had (seq = rowid); the store gives each new row one past the table's highest
-- (writers are serialized). The sorted indexes end with seq, so a page is read in index order.
ALTER TABLE api_tokens ADD COLUMN seq INTEGER;
UPDATE api_tokens SET seq = rowid;
CREATE UNIQUE INDEX api_tokens_by_seq ON api_tokens (seq);
DROP INDEX api_tokens_by_created;
DROP INDEX api_tokens_by_updated;
DROP INDEX api_tokens_by_start;
DROP INDEX api_tokens_by_name;
DROP INDEX api_tokens_by_description;
CREATE INDEX api_tokens_by_created ON api_tokens (organization_id, created_at, seq);
CREATE INDEX api_tokens_by_updated ON api_tokens (organization_id, updated_at, seq);
CREATE INDEX api_tokens_by_start ON api_tokens (organization_id, start_at, seq);
CREATE INDEX api_tokens_by_name ON api_tokens (organization_id, name, seq);
CREATE INDEX api_tokens_by_description ON api_tokens (organization_id, description, seq);

ALTER TABLE users ADD COLUMN seq INTEGER;
UPDATE users SET seq = rowid;
CREATE UNIQUE INDEX users_by_seq ON users (seq);

ALTER TABLE workspaces ADD COLUMN seq INTEGER;
UPDATE workspaces SET seq = rowid;
CREATE UNIQUE INDEX workspaces_by_seq ON workspaces (seq);
DROP INDEX workspaces_by_created;
DROP INDEX workspaces_by_name;
CREATE INDEX workspaces_by_created ON workspaces (organization_id, created_at, seq);
CREATE INDEX workspaces_by_name ON workspaces (organization_id, name, seq);

ALTER TABLE teams ADD COLUMN seq INTEGER;
UPDATE teams SET seq = rowid;
CREATE UNIQUE INDEX teams_by_seq ON teams (seq);
DROP INDEX teams_by_created;
CREATE INDEX teams_by_created ON teams (organization_id, created_at, seq);
