-- +goose Up
-- Indexing rows one by one through triggers made FTS5 flush its pending
-- terms at every statement savepoint (half of ingest time went there). The
-- store now indexes each written batch with one INSERT … SELECT and clears
-- the claims index with 'delete-all'; only the delete triggers of articles
-- and statements remain (rare: a replaced article).
DROP TRIGGER articles_ai;
DROP TRIGGER articles_au;
DROP TRIGGER statements_ai;
DROP TRIGGER claims_ai;
DROP TRIGGER claims_ad;

-- +goose Down
-- +goose StatementBegin
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.k, new.title, new.text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.k, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.k, new.title, new.text);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER statements_ai AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts (rowid, content) VALUES (new.k, new.content);
END;
-- +goose StatementEnd
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
