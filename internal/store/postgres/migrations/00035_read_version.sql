-- +goose Up
-- meta read_version grows with every committed write to claims or reviews,
-- whatever path writes them (the ledger's updates and rebuilds, reviews):
-- with articles_gen it is the store.ReadVersion a server's read cache
-- (store.WithReadCache) keys its results by, so that a write by any
-- process invalidates every server's cached lists and counts. The update
-- is part of the writing transaction: the new version is seen exactly
-- when the new rows are. Once per statement: the ledger's writers hold
-- their advisory lock, so the row lock this takes waits for no one.
INSERT INTO meta (key, value) VALUES ('read_version', 0) ON CONFLICT (key) DO NOTHING;
-- +goose StatementBegin
CREATE FUNCTION read_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'read_version';
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER claims_read_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON claims
    FOR EACH STATEMENT EXECUTE FUNCTION read_version_bump();
CREATE TRIGGER reviews_read_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reviews
    FOR EACH STATEMENT EXECUTE FUNCTION read_version_bump();

-- +goose Down
DROP TRIGGER reviews_read_version ON reviews;
DROP TRIGGER claims_read_version ON claims;
DROP FUNCTION read_version_bump();
DELETE FROM meta WHERE key = 'read_version';
