-- +goose Up
-- Editors' reviews of claims (store.Reviews). Not tied to the claims table by
-- a foreign key: the ledger is replaced whole on every rebuild and reviews
-- must outlive it. A review is found by the claim id it was made on and by
-- its anchor statement (article_id, statement_id).
CREATE TABLE reviews (
    id           INTEGER PRIMARY KEY,
    claim_id     TEXT NOT NULL,
    article_id   TEXT NOT NULL,
    statement_id TEXT NOT NULL,
    field        TEXT NOT NULL CHECK (field IN ('status', 'speaker', 'party')),
    verdict      TEXT NOT NULL CHECK (verdict IN ('right', 'wrong')),
    value        TEXT NOT NULL DEFAULT '',
    correction   TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    reviewer     TEXT NOT NULL,
    at           TIMESTAMP NOT NULL
);
CREATE INDEX reviews_claim ON reviews (claim_id);
CREATE INDEX reviews_statement ON reviews (article_id, statement_id);
-- The reviewed/needs-review board filter joins a claim's statements to the
-- reviews anchored on them.
CREATE INDEX claim_article_statement ON claim_article (article_id, statement_id);

-- +goose Down
DROP INDEX claim_article_statement;
DROP TABLE reviews;
