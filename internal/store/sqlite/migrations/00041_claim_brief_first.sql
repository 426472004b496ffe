-- +goose Up
-- A claim's brief before its document in the row. SQLite stores a row's
-- columns in order, and a document larger than a page (a claim of
-- thousands of statements: 18 MB compressed for the largest of a
-- 200,000-article corpus) continues on a chain of overflow pages, which
-- must be walked page by page to reach a column stored after it. The
-- brief, added last by migration 23, sat after the document: every list
-- showing a large claim (the board, /api/claims) read its whole chain to
-- get a few KB (a third of the board's CPU at 200,000 articles). Stored
-- before it, the brief is read from the row's first page. The table is
-- rebuilt with the columns in that order, its indexes and triggers
-- recreated as migrations 21, 23, 35 and 40 made them.
CREATE TABLE claims_new (
    k            INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    first_seen   TEXT NOT NULL DEFAULT '',
    first_day    TEXT NOT NULL DEFAULT '',
    last_day     TEXT NOT NULL DEFAULT '',
    n_statements INTEGER NOT NULL DEFAULT 0,
    -- statuses as bits (unconfirmed 1, disputed 2, corroborated 4,
    -- confirmed_by_adversary 8): filtering and counting by status reads
    -- the claim row, no status table.
    status_mask  INTEGER NOT NULL DEFAULT 0,
    brief        BLOB,
    claim        BLOB NOT NULL
);
INSERT INTO claims_new (k, id, first_seen, first_day, last_day, n_statements, status_mask, brief, claim)
SELECT k, id, first_seen, first_day, last_day, n_statements, status_mask, brief, claim FROM claims;
DROP TABLE claims;
ALTER TABLE claims_new RENAME TO claims;
CREATE INDEX claims_day ON claims (first_day DESC, first_seen DESC, id, last_day);
CREATE INDEX claims_last ON claims (last_day DESC, first_day DESC, id);
CREATE INDEX claims_size ON claims (n_statements DESC, first_day DESC, id);
CREATE INDEX claims_disputed ON claims (first_day DESC, first_seen DESC, id) WHERE (status_mask & 2) <> 0;
CREATE INDEX claims_corroborated ON claims (first_day DESC, first_seen DESC, id) WHERE (status_mask & 4) <> 0;
CREATE INDEX claims_adversary ON claims (first_day DESC, first_seen DESC, id) WHERE (status_mask & 8) <> 0;
CREATE INDEX claims_disputed_last ON claims (last_day DESC, first_day DESC, id) WHERE (status_mask & 2) <> 0;
CREATE INDEX claims_corroborated_last ON claims (last_day DESC, first_day DESC, id) WHERE (status_mask & 4) <> 0;
CREATE INDEX claims_adversary_last ON claims (last_day DESC, first_day DESC, id) WHERE (status_mask & 8) <> 0;
CREATE INDEX claims_month_last ON claims (substr(first_day, 1, 7), last_day DESC, first_day DESC, id);
CREATE INDEX claims_day_last ON claims (first_day, last_day DESC, id);
-- +goose StatementBegin
CREATE TRIGGER claims_tokens_ad AFTER DELETE ON claims
WHEN (SELECT value FROM meta WHERE key = 'claim_tokens') <> 2 AND NOT EXISTS (SELECT 1 FROM claims)
BEGIN
    UPDATE meta SET value = 2 WHERE key = 'claim_tokens';
END;
-- +goose StatementEnd
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
-- The rows are the same, but a cache keyed by the read version starts
-- again.
UPDATE meta SET value = value + 1 WHERE key = 'read_version';

-- +goose Down
CREATE TABLE claims_old (
    k            INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    first_seen   TEXT NOT NULL DEFAULT '',
    first_day    TEXT NOT NULL DEFAULT '',
    last_day     TEXT NOT NULL DEFAULT '',
    n_statements INTEGER NOT NULL DEFAULT 0,
    -- statuses as bits (unconfirmed 1, disputed 2, corroborated 4,
    -- confirmed_by_adversary 8): filtering and counting by status reads
    -- the claim row, no status table.
    status_mask  INTEGER NOT NULL DEFAULT 0,
    claim        BLOB NOT NULL,
    brief        BLOB
);
INSERT INTO claims_old (k, id, first_seen, first_day, last_day, n_statements, status_mask, brief, claim)
SELECT k, id, first_seen, first_day, last_day, n_statements, status_mask, brief, claim FROM claims;
DROP TABLE claims;
ALTER TABLE claims_old RENAME TO claims;
CREATE INDEX claims_day ON claims (first_day DESC, first_seen DESC, id, last_day);
CREATE INDEX claims_last ON claims (last_day DESC, first_day DESC, id);
CREATE INDEX claims_size ON claims (n_statements DESC, first_day DESC, id);
CREATE INDEX claims_disputed ON claims (first_day DESC, first_seen DESC, id) WHERE (status_mask & 2) <> 0;
CREATE INDEX claims_corroborated ON claims (first_day DESC, first_seen DESC, id) WHERE (status_mask & 4) <> 0;
CREATE INDEX claims_adversary ON claims (first_day DESC, first_seen DESC, id) WHERE (status_mask & 8) <> 0;
CREATE INDEX claims_disputed_last ON claims (last_day DESC, first_day DESC, id) WHERE (status_mask & 2) <> 0;
CREATE INDEX claims_corroborated_last ON claims (last_day DESC, first_day DESC, id) WHERE (status_mask & 4) <> 0;
CREATE INDEX claims_adversary_last ON claims (last_day DESC, first_day DESC, id) WHERE (status_mask & 8) <> 0;
CREATE INDEX claims_month_last ON claims (substr(first_day, 1, 7), last_day DESC, first_day DESC, id);
CREATE INDEX claims_day_last ON claims (first_day, last_day DESC, id);
-- +goose StatementBegin
CREATE TRIGGER claims_tokens_ad AFTER DELETE ON claims
WHEN (SELECT value FROM meta WHERE key = 'claim_tokens') <> 2 AND NOT EXISTS (SELECT 1 FROM claims)
BEGIN
    UPDATE meta SET value = 2 WHERE key = 'claim_tokens';
END;
-- +goose StatementEnd
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
-- The rows are the same, but a cache keyed by the read version starts
-- again.
UPDATE meta SET value = value + 1 WHERE key = 'read_version';
