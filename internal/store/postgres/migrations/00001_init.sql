-- +goose Up
-- Same tables as the SQLite schema; full-text search uses generated tsvector
-- columns with GIN indexes instead of FTS5 tables.
CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    url           TEXT NOT NULL DEFAULT '',
    site          TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    published     TEXT NOT NULL DEFAULT '',
    published_day TEXT NOT NULL DEFAULT '',
    language      TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL DEFAULT '',
    analysis      TEXT NOT NULL,
    signature     BYTEA,
    content_hash  TEXT NOT NULL,
    n_statements  INTEGER NOT NULL DEFAULT 0,
    updated_at    TIMESTAMPTZ NOT NULL,
    tsv           tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', left(text, 500000)), 'B')) STORED
);
CREATE INDEX articles_day ON articles (published_day DESC, id);
CREATE INDEX articles_site ON articles (site, published_day DESC);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

CREATE TABLE statements (
    article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    speaker       TEXT NOT NULL DEFAULT '',
    speaker_lc    TEXT NOT NULL DEFAULT '',
    speaker_type  TEXT NOT NULL DEFAULT '',
    party         TEXT NOT NULL DEFAULT '',
    stance        TEXT NOT NULL DEFAULT '',
    content       TEXT NOT NULL DEFAULT '',
    published_day TEXT NOT NULL DEFAULT '',
    statement     TEXT NOT NULL,
    tsv           tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED,
    PRIMARY KEY (article_id, id)
);
CREATE INDEX statements_speaker ON statements (speaker_lc);
CREATE INDEX statements_party ON statements (party);
CREATE INDEX statements_day ON statements (published_day DESC);
CREATE INDEX statements_tsv ON statements USING GIN (tsv);

CREATE TABLE statement_places (
    article_id   TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    statement_id TEXT NOT NULL,
    place_lc     TEXT NOT NULL,
    PRIMARY KEY (article_id, statement_id, place_lc)
);

CREATE TABLE article_bands (
    band       BIGINT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (band, article_id)
);
CREATE INDEX article_bands_article ON article_bands (article_id);

CREATE TABLE sources (
    source_key TEXT PRIMARY KEY,
    doc_hash   TEXT NOT NULL,
    article_id TEXT,
    error      TEXT,
    at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX sources_failed ON sources (at DESC) WHERE error IS NOT NULL;

CREATE TABLE claims (
    id           TEXT PRIMARY KEY,
    summary      TEXT NOT NULL,
    first_seen   TEXT NOT NULL DEFAULT '',
    first_day    TEXT NOT NULL DEFAULT '',
    n_statements INTEGER NOT NULL DEFAULT 0,
    body         TEXT NOT NULL DEFAULT '',
    claim        TEXT NOT NULL,
    tsv          tsvector GENERATED ALWAYS AS (to_tsvector('english', left(body, 500000))) STORED
);
CREATE INDEX claims_day ON claims (first_day DESC, id);
CREATE INDEX claims_tsv ON claims USING GIN (tsv);

CREATE TABLE claim_status (
    claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    status   TEXT NOT NULL,
    PRIMARY KEY (claim_id, status)
);
CREATE INDEX claim_status_status ON claim_status (status);
CREATE TABLE claim_party (
    claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    party    TEXT NOT NULL,
    PRIMARY KEY (claim_id, party)
);
CREATE INDEX claim_party_party ON claim_party (party);
CREATE TABLE claim_speaker (
    claim_id   TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    speaker_lc TEXT NOT NULL,
    PRIMARY KEY (claim_id, speaker_lc)
);
CREATE INDEX claim_speaker_speaker ON claim_speaker (speaker_lc);
CREATE TABLE claim_article (
    claim_id     TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    article_id   TEXT NOT NULL,
    statement_id TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (claim_id, article_id, statement_id)
);
CREATE INDEX claim_article_article ON claim_article (article_id);

CREATE TABLE echoes (
    article_id TEXT PRIMARY KEY,
    origin_id  TEXT NOT NULL
);

-- +goose Down
DROP TABLE echoes;
DROP TABLE claim_article;
DROP TABLE claim_speaker;
DROP TABLE claim_party;
DROP TABLE claim_status;
DROP TABLE claims;
DROP TABLE sources;
DROP TABLE article_bands;
DROP TABLE statement_places;
DROP TABLE statements;
DROP TABLE articles;
