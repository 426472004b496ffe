-- +goose Up
-- Lean rows for scale (issue 10):
--  * child tables key articles and claims by their integer k instead of the
--    64-character article id and the claim id, which were repeated in every
--    statement, place, band and claim row and their indexes;
--  * statements no longer keep a JSON copy of themselves: the statement is
--    read from its article's analysis, which is stored once, compressed
--    (zstd; rows written before this migration keep plain JSON, which the
--    store still reads);
--  * the claims full-text index is contentless, so the claim body is not
--    stored beside it;
--  * statement link keys (statement_keys) for the incremental ledger;
--  * precomputed claim counts per day, status and party (claim_counts) so
--    the board's counts need no scan.
-- The claim ledger is emptied and marked stale: the next ingest or
-- `crosscheck claims --rebuild` writes it in the new layout.

DROP TRIGGER statements_ad;
CREATE TABLE statements_new (
    k             INTEGER PRIMARY KEY,
    article_k     INTEGER NOT NULL REFERENCES articles (k) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    id            TEXT NOT NULL,
    speaker       TEXT NOT NULL DEFAULT '',
    speaker_lc    TEXT NOT NULL DEFAULT '',
    speaker_type  TEXT NOT NULL DEFAULT '',
    party         TEXT NOT NULL DEFAULT '',
    stance        TEXT NOT NULL DEFAULT '',
    content       TEXT NOT NULL DEFAULT '',
    published_day TEXT NOT NULL DEFAULT '',
    UNIQUE (article_k, id)
);
INSERT INTO statements_new (k, article_k, seq, id, speaker, speaker_lc, speaker_type, party, stance, content, published_day)
SELECT s.k, a.k, s.seq, s.id, s.speaker, s.speaker_lc, s.speaker_type, s.party, s.stance, s.content, s.published_day
FROM statements s JOIN articles a ON a.id = s.article_id;
DROP TABLE statements;
ALTER TABLE statements_new RENAME TO statements;
CREATE INDEX statements_speaker ON statements (speaker_lc, published_day);
CREATE INDEX statements_party ON statements (party, published_day);
CREATE INDEX statements_day ON statements (published_day DESC);
-- +goose StatementBegin
CREATE TRIGGER statements_ad AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, content) VALUES ('delete', old.k, old.content);
END;
-- +goose StatementEnd

CREATE TABLE statement_places_new (
    place_lc     TEXT NOT NULL,
    article_k    INTEGER NOT NULL,
    statement_id TEXT NOT NULL,
    PRIMARY KEY (place_lc, article_k, statement_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO statement_places_new (place_lc, article_k, statement_id)
SELECT p.place_lc, a.k, p.statement_id FROM statement_places p JOIN articles a ON a.id = p.article_id;
DROP TABLE statement_places;
ALTER TABLE statement_places_new RENAME TO statement_places;
CREATE INDEX statement_places_article ON statement_places (article_k);

CREATE TABLE echo_bands (
    band      INTEGER NOT NULL,
    article_k INTEGER NOT NULL,
    PRIMARY KEY (band, article_k)
) WITHOUT ROWID;
INSERT OR IGNORE INTO echo_bands (band, article_k)
SELECT b.band, a.k FROM article_bands b JOIN articles a ON a.id = b.article_id;
DROP TABLE article_bands;

-- Link keys of statements (content tokens today, claim frame keys later)
-- with their article's published day as a day number (days since
-- 1970-01-01; -1 when undated): "which statements share these keys within
-- this window" is one index range per key.
CREATE TABLE statement_keys (
    key       INTEGER NOT NULL,
    day       INTEGER NOT NULL,
    article_k INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    PRIMARY KEY (key, day, article_k, seq)
) WITHOUT ROWID;

-- The band and link keys an article wrote, packed, so that replacing it
-- deletes exactly its rows without an index by article on either table
-- (NULL for articles stored before this migration: their rows are found by
-- a scan).
ALTER TABLE articles ADD COLUMN index_keys BLOB;

-- The claim ledger, rebuilt in the new layout.
DROP TABLE claim_article;
DROP TABLE claim_speaker;
DROP TABLE claim_party;
DROP TABLE claim_status;
DROP TABLE claims_fts;
DROP TABLE claims;
DELETE FROM echoes;

CREATE TABLE claims (
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
    claim        BLOB NOT NULL
);
CREATE INDEX claims_day ON claims (first_day DESC, first_seen DESC, id, last_day);
CREATE INDEX claims_last ON claims (last_day DESC, first_day DESC, id);
CREATE INDEX claims_size ON claims (n_statements DESC, first_day DESC, id);
-- The rare statuses have their own small indexes in board order, so a
-- status filter walks only its claims (unconfirmed, most claims, walks
-- claims_day).
CREATE INDEX claims_disputed ON claims (first_day DESC, first_seen DESC, id) WHERE (status_mask & 2) <> 0;
CREATE INDEX claims_corroborated ON claims (first_day DESC, first_seen DESC, id) WHERE (status_mask & 4) <> 0;
CREATE INDEX claims_adversary ON claims (first_day DESC, first_seen DESC, id) WHERE (status_mask & 8) <> 0;
CREATE INDEX claims_disputed_last ON claims (last_day DESC, first_day DESC, id) WHERE (status_mask & 2) <> 0;
CREATE INDEX claims_corroborated_last ON claims (last_day DESC, first_day DESC, id) WHERE (status_mask & 4) <> 0;
CREATE INDEX claims_adversary_last ON claims (last_day DESC, first_day DESC, id) WHERE (status_mask & 8) <> 0;
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    body, content='', contentless_delete=1,
    tokenize='porter unicode61 remove_diacritics 2'
);
-- A claim's parties with its board order columns: a party filter walks
-- that party's claims newest first.
CREATE TABLE claim_party (
    party      TEXT NOT NULL,
    first_day  TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    id         TEXT NOT NULL,
    claim_k    INTEGER NOT NULL,
    PRIMARY KEY (party, first_day DESC, first_seen DESC, id)
) WITHOUT ROWID;
CREATE TABLE claim_speaker (
    speaker_lc TEXT NOT NULL,
    claim_k    INTEGER NOT NULL,
    PRIMARY KEY (speaker_lc, claim_k)
) WITHOUT ROWID;
CREATE TABLE claim_article (
    article_k    INTEGER NOT NULL,
    statement_id TEXT NOT NULL DEFAULT '',
    claim_k      INTEGER NOT NULL,
    PRIMARY KEY (article_k, statement_id, claim_k)
) WITHOUT ROWID;
-- A claim's articles (reviews, the places facet).
CREATE INDEX claim_article_claim ON claim_article (claim_k);
CREATE TABLE claim_counts (
    day    TEXT NOT NULL,
    status TEXT NOT NULL,
    party  TEXT NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (party, status, day)
) WITHOUT ROWID;

-- Raw documents of items waiting in the job queue (PostgreSQL ingest),
-- until their item is stored: the queue's jobs carry only their keys, as
-- job arguments are indexed and rewritten at every state change.
CREATE TABLE ingest_docs (
    source_key TEXT NOT NULL,
    doc_hash   TEXT NOT NULL,
    doc        BLOB NOT NULL,
    PRIMARY KEY (source_key, doc_hash)
);

UPDATE meta SET value = -1 WHERE key = 'claims_gen';

-- +goose Down
SELECT 'irreversible: restore from a backup taken before migration 21';
