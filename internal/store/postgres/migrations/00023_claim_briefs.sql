-- +goose Up
-- A claim's brief for list views (store.ClaimBriefs): the claim cut to its
-- first store.BriefItems statements, evidence entries and appearances,
-- with their full counts, compressed like the claim; NULL when the claim
-- has no more than that (it is then read itself). Claims written before
-- this migration have none until the ledger rewrites them: they list from
-- their full document, as before.
ALTER TABLE claims ADD COLUMN brief BYTEA;
-- Claims, briefs and parked documents are stored zstd-compressed: TOAST
-- need not try to compress them again.
ALTER TABLE claims ALTER COLUMN claim SET STORAGE EXTERNAL;
ALTER TABLE claims ALTER COLUMN brief SET STORAGE EXTERNAL;
ALTER TABLE ingest_docs ALTER COLUMN doc SET STORAGE EXTERNAL;

-- The claims' indexed bodies start with words naming their statuses,
-- parties and first-seen year, month and day (sqlstore/claimsearch.go;
-- claim_tokens is the version of those tokens the claims have), so that a text
-- query filtered by them is answered by the index alone. Claims written
-- before have none: until the ledger is written whole again, such
-- queries check each match, as before.
INSERT INTO meta (key, value) VALUES ('claim_tokens', CASE WHEN EXISTS (SELECT 1 FROM claims) THEN 0 ELSE 2 END);
-- A ledger emptied (a rebuild starts so) is written again with the
-- tokens, whichever path writes it.
-- +goose StatementBegin
CREATE FUNCTION claims_tokens_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM claims) THEN
        UPDATE meta SET value = 2 WHERE key = 'claim_tokens' AND value <> 2;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER claims_tokens_ad AFTER DELETE ON claims FOR EACH STATEMENT EXECUTE FUNCTION claims_tokens_reset();

-- +goose Down
DROP TRIGGER claims_tokens_ad ON claims;
DROP FUNCTION claims_tokens_reset();
DELETE FROM meta WHERE key = 'claim_tokens';
ALTER TABLE ingest_docs ALTER COLUMN doc SET STORAGE EXTENDED;
ALTER TABLE claims ALTER COLUMN claim SET STORAGE EXTENDED;
ALTER TABLE claims DROP COLUMN brief;
