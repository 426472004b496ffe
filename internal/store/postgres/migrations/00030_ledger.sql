-- +goose Up
-- State of the incremental claim ledger (internal/ledger, store.LedgerStore):
-- see the SQLite migration of the same number for what each table holds.
CREATE TABLE ledger_dirty (
    article_k    BIGINT PRIMARY KEY,
    content_hash TEXT NOT NULL
);
INSERT INTO ledger_dirty (article_k, content_hash) SELECT k, content_hash FROM articles;
-- +goose StatementBegin
CREATE FUNCTION ledger_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_dirty (article_k, content_hash) VALUES (NEW.k, NEW.content_hash)
    ON CONFLICT (article_k) DO UPDATE SET content_hash = EXCLUDED.content_hash;
    RETURN NULL;
END
$$;
-- +goose StatementEnd
CREATE TRIGGER articles_ledger_dirty AFTER INSERT OR UPDATE OF content_hash ON articles
    FOR EACH ROW EXECUTE FUNCTION ledger_mark_dirty();

CREATE TABLE ledger_docs (
    article_k BIGINT PRIMARY KEY,
    id        TEXT NOT NULL,
    hash      TEXT NOT NULL,
    published TEXT NOT NULL DEFAULT '',
    site      TEXT NOT NULL DEFAULT '',
    url       TEXT NOT NULL DEFAULT '',
    parent_k  BIGINT NOT NULL DEFAULT 0,
    family_k  BIGINT NOT NULL,
    joins     BYTEA,
    bands     BYTEA,
    failed    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ledger_docs_parent ON ledger_docs (parent_k) WHERE parent_k <> 0;
CREATE INDEX ledger_docs_family ON ledger_docs (family_k);

CREATE TABLE ledger_units (
    article_k BIGINT NOT NULL,
    seq       INTEGER NOT NULL,
    comp      BIGINT NOT NULL,
    echo      BOOLEAN NOT NULL DEFAULT FALSE,
    data      BYTEA NOT NULL,
    PRIMARY KEY (article_k, seq)
);
CREATE INDEX ledger_units_comp ON ledger_units (comp);

-- The LSH band keys (claims.Bands) of the articles in the ledger, in
-- publication order within each band (ord: publication in Unix
-- nanoseconds, the largest value when undated; pre: the first 8 bytes of
-- the id, big-endian, sign bit flipped): "the earliest articles before this
-- one sharing a band" and "the articles after it" are index ranges, however
-- many copies of one text are stored.
CREATE TABLE ledger_bands (
    band      BIGINT NOT NULL,
    ord       BIGINT NOT NULL,
    pre       BIGINT NOT NULL,
    article_k BIGINT NOT NULL,
    PRIMARY KEY (band, ord, pre, article_k)
);

CREATE TABLE ledger_keys (
    key       BIGINT NOT NULL,
    day       INTEGER NOT NULL,
    article_k BIGINT NOT NULL,
    seq       INTEGER NOT NULL,
    PRIMARY KEY (key, day, article_k, seq)
);

-- A database with claims from an earlier build has no state for them: the
-- first update rebuilds (-2 matches no claims_gen). Without claims, the
-- empty state is the ledger's, and the queue holds every article.
INSERT INTO meta (key, value) VALUES ('ledger_seq', 0), ('ledger_state_gen',
    CASE WHEN EXISTS (SELECT 1 FROM claims) THEN -2 ELSE (SELECT value FROM meta WHERE key = 'claims_gen') END);

-- +goose Down
DROP TRIGGER articles_ledger_dirty ON articles;
DROP FUNCTION ledger_mark_dirty();
DROP TABLE ledger_keys;
DROP TABLE ledger_bands;
DROP TABLE ledger_units;
DROP TABLE ledger_docs;
DROP TABLE ledger_dirty;
DELETE FROM meta WHERE key IN ('ledger_state_gen', 'ledger_seq');
