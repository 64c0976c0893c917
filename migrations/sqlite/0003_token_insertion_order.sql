-- 0003_token_insertion_order: token lists break ties (same second) by insertion order (rowid)
-- instead of the random id, so tokens created in one second list in the order they were made.
-- Every index of a rowid table ends with the rowid, so these serve ORDER BY <key>, rowid.
DROP INDEX api_tokens_by_created;
DROP INDEX api_tokens_by_updated;
DROP INDEX api_tokens_by_start;
DROP INDEX api_tokens_by_name;
DROP INDEX api_tokens_by_description;
CREATE INDEX api_tokens_by_created ON api_tokens (organization_id, created_at);
CREATE INDEX api_tokens_by_updated ON api_tokens (organization_id, updated_at);
CREATE INDEX api_tokens_by_start ON api_tokens (organization_id, start_at);
CREATE INDEX api_tokens_by_name ON api_tokens (organization_id, name);
CREATE INDEX api_tokens_by_description ON api_tokens (organization_id, description);
