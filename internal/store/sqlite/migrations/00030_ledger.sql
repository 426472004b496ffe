-- +goose Up
-- State of the incremental claim ledger (internal/ledger, store.LedgerStore).
--  * ledger_dirty: articles written since the ledger last read them, queued
--    by triggers on articles so that every write path queues them;
--  * ledger_docs: per article in the ledger, the version read, its echo
--    parent and family, and the links it states;
--  * ledger_units: per statement, its prepared features, component (the
--    linked statements a claim is built from) and link;
--  * ledger_keys: the link keys (claims.IndexKeys, hashed) of the statements
--    that take part in linking, by day, for "statements sharing a key within
--    the window";
--  * meta ledger_state_gen: the claims_gen the state was built with (a
--    ledger replaced by another build invalidates the state), ledger_seq:
--    grows with every ledger write.
CREATE TABLE ledger_dirty (
    article_k    INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL
);
INSERT INTO ledger_dirty (article_k, content_hash) SELECT k, content_hash FROM articles;
-- +goose StatementBegin
CREATE TRIGGER articles_ledger_ai AFTER INSERT ON articles BEGIN
    INSERT INTO ledger_dirty (article_k, content_hash) VALUES (new.k, new.content_hash)
    ON CONFLICT (article_k) DO UPDATE SET content_hash = excluded.content_hash;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER articles_ledger_au AFTER UPDATE OF content_hash ON articles BEGIN
    INSERT INTO ledger_dirty (article_k, content_hash) VALUES (new.k, new.content_hash)
    ON CONFLICT (article_k) DO UPDATE SET content_hash = excluded.content_hash;
END;
-- +goose StatementEnd

CREATE TABLE ledger_docs (
    article_k INTEGER PRIMARY KEY,
    id        TEXT NOT NULL,
    hash      TEXT NOT NULL,
    published TEXT NOT NULL DEFAULT '',
    site      TEXT NOT NULL DEFAULT '',
    url       TEXT NOT NULL DEFAULT '',
    parent_k  INTEGER NOT NULL DEFAULT 0,
    family_k  INTEGER NOT NULL,
    joins     BLOB,
    bands     BLOB,
    failed    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ledger_docs_parent ON ledger_docs (parent_k) WHERE parent_k <> 0;
CREATE INDEX ledger_docs_family ON ledger_docs (family_k);

CREATE TABLE ledger_units (
    article_k INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    comp      INTEGER NOT NULL,
    echo      INTEGER NOT NULL DEFAULT 0,
    data      BLOB NOT NULL,
    PRIMARY KEY (article_k, seq)
) WITHOUT ROWID;
CREATE INDEX ledger_units_comp ON ledger_units (comp);

-- The LSH band keys (claims.Bands) of the articles in the ledger, in
-- publication order within each band (ord: publication in Unix
-- nanoseconds, the largest value when undated; pre: the first 8 bytes of
-- the id, big-endian, sign bit flipped): "the earliest articles before this
-- one sharing a band" and "the articles after it" are index ranges, however
-- many copies of one text are stored.
CREATE TABLE ledger_bands (
    band      INTEGER NOT NULL,
    ord       INTEGER NOT NULL,
    pre       INTEGER NOT NULL,
    article_k INTEGER NOT NULL,
    PRIMARY KEY (band, ord, pre, article_k)
) WITHOUT ROWID;

CREATE TABLE ledger_keys (
    key       INTEGER NOT NULL,
    day       INTEGER NOT NULL,
    article_k INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    PRIMARY KEY (key, day, article_k, seq)
) WITHOUT ROWID;

-- A database with claims from an earlier build has no state for them: the
-- first update rebuilds (-2 matches no claims_gen). Without claims, the
-- empty state is the ledger's, and the queue holds every article.
INSERT INTO meta (key, value) VALUES ('ledger_seq', 0), ('ledger_state_gen',
    CASE WHEN EXISTS (SELECT 1 FROM claims) THEN -2 ELSE (SELECT value FROM meta WHERE key = 'claims_gen') END);

-- +goose Down
DROP TRIGGER articles_ledger_au;
DROP TRIGGER articles_ledger_ai;
DROP TABLE ledger_keys;
DROP TABLE ledger_bands;
DROP TABLE ledger_units;
DROP TABLE ledger_docs;
DROP TABLE ledger_dirty;
DELETE FROM meta WHERE key IN ('ledger_state_gen', 'ledger_seq');
