-- 0005_token_counts_in_code (PostgreSQL): the per-organization token counters (what a token list
-- answers totalCount from) are kept by the store's own insert and delete, in the same transaction;
-- PostgreSQL never had the triggers SQLite's schema 1-4 kept them with. Recounted here, as on
-- SQLite, so the counters are exact whatever they held.
UPDATE organizations
   SET api_token_count = (SELECT COUNT(*) FROM api_tokens t WHERE t.organization_id = organizations.id),
       org_scope_api_token_count = (SELECT COUNT(*) FROM api_tokens t
                                     WHERE t.organization_id = organizations.id
                                       AND t.scope = 'ORGANIZATION');
