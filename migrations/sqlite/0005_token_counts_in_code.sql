-- 0005_token_counts_in_code: the per-organization token counters (what a token list answers
-- totalCount from) are kept by the store's own insert and delete, in the same transaction,
-- instead of SQLite triggers: the store contract holds the same on every backend. Recounted
-- here, so the counters are exact whatever they held.
DROP TRIGGER api_tokens_count_insert;
DROP TRIGGER api_tokens_count_delete;
DROP TRIGGER api_tokens_count_scope;
UPDATE organizations
   SET api_token_count = (SELECT COUNT(*) FROM api_tokens t WHERE t.organization_id = organizations.id),
       org_scope_api_token_count = (SELECT COUNT(*) FROM api_tokens t
                                     WHERE t.organization_id = organizations.id
                                       AND t.scope = 'ORGANIZATION');
