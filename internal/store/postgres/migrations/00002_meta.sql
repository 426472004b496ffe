-- +goose Up
-- Generations: articles_gen grows whenever an article is created or
-- replaced; claims_gen is the articles_gen the stored ledger was built
-- from, so a rebuild can be skipped when nothing changed.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('articles_gen', 0), ('claims_gen', -1);

-- +goose Down
DROP TABLE meta;
