-- +goose Up
-- Lean article rows (issue 10): an article's text is stored inside its
-- compressed analysis instead of in the text column (a third of an
-- article's bytes; compressed with the analysis, whose statements quote
-- it, it costs about a third of that), and a statement's content, a span
-- of that text the analysis holds too, is not stored in the content
-- column. Both columns stay, empty in rows written from now on; rows
-- written before keep theirs and are not rewritten.
-- The external-content search indexes read their texts (for snippets,
-- and to delete a replaced article's terms) through views that take the
-- column when it is set and else the analysis, through functions the
-- store registers (internal/store/sqlite: crosscheck_article_text,
-- crosscheck_statement_text). The indexes are built again over the views
-- (their content table is part of their definition).
CREATE VIEW articles_fts_content AS
SELECT k, title, CASE WHEN text <> '' THEN text ELSE crosscheck_article_text(analysis) END AS text
FROM articles;
CREATE VIEW statements_fts_content AS
SELECT s.k AS k, s.article_k AS article_k,
       CASE WHEN s.content <> '' THEN s.content ELSE crosscheck_statement_text(a.analysis, s.seq) END AS content
FROM statements s JOIN articles a ON a.k = s.article_k;

DROP TRIGGER articles_ad;
DROP TRIGGER statements_ad;
DROP TABLE articles_fts;
DROP TABLE statements_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content='articles_fts_content', content_rowid='k',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE statements_fts USING fts5 (
    content, content='statements_fts_content', content_rowid='k',
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
INSERT INTO statements_fts (statements_fts) VALUES ('rebuild');

-- +goose StatementBegin
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.k, old.title,
        CASE WHEN old.text <> '' THEN old.text ELSE crosscheck_article_text(old.analysis) END);
END;
-- +goose StatementEnd
-- A statement is deleted before its article is replaced (whose analysis
-- then still holds the statement).
-- +goose StatementBegin
CREATE TRIGGER statements_ad AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts (statements_fts, rowid, content) VALUES ('delete', old.k,
        CASE WHEN old.content <> '' THEN old.content
             ELSE crosscheck_statement_text((SELECT analysis FROM articles WHERE k = old.article_k), old.seq) END);
END;
-- +goose StatementEnd

-- +goose Down
SELECT 'irreversible: restore from a backup taken before migration 38';
