-- +goose Up
-- meta read_version grows with every committed write to claims or reviews,
-- whatever path writes them (the ledger's updates and rebuilds, reviews):
-- with articles_gen it is the store.ReadVersion a server's read cache
-- (store.WithReadCache) keys its results by, so that a write by any
-- process invalidates every server's cached lists and counts. The update
-- is part of the writing transaction: the new version is seen exactly
-- when the new rows are.
INSERT INTO meta (key, value) VALUES ('read_version', 0) ON CONFLICT (key) DO NOTHING;
-- +goose StatementBegin
CREATE TRIGGER claims_read_version_ai AFTER INSERT ON claims BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'read_version';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER claims_read_version_au AFTER UPDATE ON claims BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'read_version';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER claims_read_version_ad AFTER DELETE ON claims BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'read_version';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER reviews_read_version_ai AFTER INSERT ON reviews BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'read_version';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER reviews_read_version_au AFTER UPDATE ON reviews BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'read_version';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER reviews_read_version_ad AFTER DELETE ON reviews BEGIN
    UPDATE meta SET value = value + 1 WHERE key = 'read_version';
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER reviews_read_version_ad;
DROP TRIGGER reviews_read_version_au;
DROP TRIGGER reviews_read_version_ai;
DROP TRIGGER claims_read_version_ad;
DROP TRIGGER claims_read_version_au;
DROP TRIGGER claims_read_version_ai;
DELETE FROM meta WHERE key = 'read_version';
