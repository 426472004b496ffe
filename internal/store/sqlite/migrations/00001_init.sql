-- +goose Up
-- Articles keep their clean text in its own column (indexed by articles_fts as
-- external content) and the rest of the analysis as JSON, so the text is
-- stored once. k is the FTS rowid.
CREATE TABLE articles (
    k             INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    url           TEXT NOT NULL DEFAULT '',
    site          TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    published     TEXT NOT NULL DEFAULT '',
    published_day TEXT NOT NULL DEFAULT '',
    language      TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL DEFAULT '',
    analysis      TEXT NOT NULL,
    signature     BLOB,
    content_hash  TEXT NOT NULL,
    n_statements  INTEGER NOT NULL DEFAULT 0,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX articles_day ON articles (published_day DESC, id);
CREATE INDEX articles_site ON articles (site, published_day DESC);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content='articles', content_rowid='k',
    tokenize='porter unicode61 remove_diacritics 2'
);
-- +goose StatementBegin
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.k, new.title, new.text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.k, old.title, old.text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.k, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.k, new.title, new.text);
END;
-- +goose StatementEnd

CREATE TABLE statements (
    k             INTEGER PRIMARY KEY,
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
    UNIQUE (article_id, id)
);
CREATE INDEX statements_speaker ON statements (speaker_lc);
CREATE INDEX statements_party ON statements (party);
CREATE INDEX statements_day ON statements (published_day DESC);

CREATE VIRTUAL TABLE statements_fts USING fts5 (
    content, content='statements', content_rowid='k',
    tokenize='porter unicode61 remove_diacritics 2'
);
-- +goose StatementBegin
CREATE TRIGGER statements_ai AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts (rowid, content) VALUES (new.k, new.content);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER statements_ad AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, content) VALUES ('delete', old.k, old.content);
END;
-- +goose StatementEnd

CREATE TABLE statement_places (
    article_id   TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    statement_id TEXT NOT NULL,
    place_lc     TEXT NOT NULL,
    PRIMARY KEY (article_id, statement_id, place_lc)
);

CREATE TABLE article_bands (
    band       INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (band, article_id)
);
CREATE INDEX article_bands_article ON article_bands (article_id);

CREATE TABLE sources (
    source_key TEXT PRIMARY KEY,
    doc_hash   TEXT NOT NULL,
    article_id TEXT,
    error      TEXT,
    at         TIMESTAMP NOT NULL
);
CREATE INDEX sources_failed ON sources (at DESC) WHERE error IS NOT NULL;

CREATE TABLE claims (
    k            INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    summary      TEXT NOT NULL,
    first_seen   TEXT NOT NULL DEFAULT '',
    first_day    TEXT NOT NULL DEFAULT '',
    n_statements INTEGER NOT NULL DEFAULT 0,
    body         TEXT NOT NULL DEFAULT '',
    claim        TEXT NOT NULL
);
CREATE INDEX claims_day ON claims (first_day DESC, id);

CREATE VIRTUAL TABLE claims_fts USING fts5 (
    body, content='claims', content_rowid='k',
    tokenize='porter unicode61 remove_diacritics 2'
);
-- +goose StatementBegin
CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, body) VALUES (new.k, new.body);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, body) VALUES ('delete', old.k, old.body);
END;
-- +goose StatementEnd

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
DROP TABLE claims_fts;
DROP TABLE claims;
DROP TABLE sources;
DROP TABLE article_bands;
DROP TABLE statement_places;
DROP TABLE statements_fts;
DROP TABLE statements;
DROP TABLE articles_fts;
DROP TABLE articles;
