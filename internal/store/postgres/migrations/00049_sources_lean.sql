-- +goose Up
-- The ingest log no longer says which article an item gave: nothing read
-- it, and it cost 65 bytes an article (the id's 64 hex digits).
ALTER TABLE sources DROP COLUMN article_id;

-- +goose Down
ALTER TABLE sources ADD COLUMN article_id TEXT;
