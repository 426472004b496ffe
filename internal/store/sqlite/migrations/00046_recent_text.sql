-- +goose Up
-- The newest articles and statements indexed again on their own (issue
-- 10): search ranks the newest store.TextWindow matches with bm25, and
-- bm25 first counts the documents of each query term over the whole
-- index, a walk of every match ("ukraine" is in 170,000 of 200,000
-- articles: 12 of the 13 ms of the query). When the recent index holds
-- that many matches, they are the newest of all (it holds every row from
-- its lower key up), and it ranks them, counting over its own rows only.
-- Contentless with deletes by key: rows leave it without their text.
-- meta keeps each index's size (rows kept after a trim; it grows to
-- twice that) and lower key, 0 until the index starts: once its table
-- holds twice its size (before, it would hold every row and save
-- nothing; internal/store/sqlite/recent.go).
CREATE VIRTUAL TABLE articles_recent_fts USING fts5 (
    title, text, content='', contentless_delete=1,
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE statements_recent_fts USING fts5 (
    content, content='', contentless_delete=1,
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO meta (key, value) VALUES
    ('recent_articles', 10000),
    ('recent_statements', 50000),
    ('recent_articles_from', CASE WHEN (SELECT COALESCE(MAX(k), 0) FROM articles) >= 20000
        THEN (SELECT MAX(k) FROM articles) - 10000 + 1 ELSE 0 END),
    ('recent_statements_from', CASE WHEN (SELECT COALESCE(MAX(k), 0) FROM statements) >= 100000
        THEN (SELECT MAX(k) FROM statements) - 50000 + 1 ELSE 0 END);
INSERT INTO articles_recent_fts (rowid, title, text)
SELECT k, title, text FROM articles_fts_content
WHERE k >= (SELECT value FROM meta WHERE key = 'recent_articles_from')
  AND (SELECT value FROM meta WHERE key = 'recent_articles_from') > 0;
INSERT INTO statements_recent_fts (rowid, content)
SELECT k, content FROM statements_fts_content
WHERE k >= (SELECT value FROM meta WHERE key = 'recent_statements_from')
  AND (SELECT value FROM meta WHERE key = 'recent_statements_from') > 0;
-- +goose StatementBegin
CREATE TRIGGER articles_recent_ad AFTER DELETE ON articles BEGIN
    DELETE FROM articles_recent_fts WHERE rowid = old.k;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER statements_recent_ad AFTER DELETE ON statements BEGIN
    DELETE FROM statements_recent_fts WHERE rowid = old.k;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER statements_recent_ad;
DROP TRIGGER articles_recent_ad;
DROP TABLE statements_recent_fts;
DROP TABLE articles_recent_fts;
DELETE FROM meta WHERE key IN ('recent_articles', 'recent_statements', 'recent_articles_from', 'recent_statements_from');
