-- +goose Up
-- Most statements have no party (about 60 % of a synthetic corpus's): the
-- party index holds only those with one, which are the only ones a party
-- filter finds (its queries say party <> '' so that the planner uses it).
DROP INDEX statements_party;
CREATE INDEX statements_party ON statements (party, published_day) WHERE party <> '';

-- The ingest log is read by source key only: keyed by it (WITHOUT
-- ROWID), it needs no second B-tree of its keys beside the rows (70 bytes
-- per article, and one index insert per item on the write path).
CREATE TABLE sources_new (
    source_key TEXT PRIMARY KEY,
    doc_hash   TEXT NOT NULL,
    article_id TEXT,
    error      TEXT,
    at         TIMESTAMP NOT NULL
) WITHOUT ROWID;
INSERT INTO sources_new (source_key, doc_hash, article_id, error, at)
SELECT source_key, doc_hash, article_id, error, at FROM sources;
DROP TABLE sources;
ALTER TABLE sources_new RENAME TO sources;
CREATE INDEX sources_failed ON sources (at DESC) WHERE error IS NOT NULL;

-- +goose Down
DROP INDEX statements_party;
CREATE INDEX statements_party ON statements (party, published_day);
CREATE TABLE sources_old (
    source_key TEXT PRIMARY KEY,
    doc_hash   TEXT NOT NULL,
    article_id TEXT,
    error      TEXT,
    at         TIMESTAMP NOT NULL
);
INSERT INTO sources_old (source_key, doc_hash, article_id, error, at)
SELECT source_key, doc_hash, article_id, error, at FROM sources;
DROP TABLE sources;
ALTER TABLE sources_old RENAME TO sources;
CREATE INDEX sources_failed ON sources (at DESC) WHERE error IS NOT NULL;
