-- +goose Up
-- Nothing to do: version 3 changes how SQLite's FTS5 tables are filled;
-- PostgreSQL's tsvector columns are generated. Kept so both dialects share
-- version numbers.
SELECT 1;

-- +goose Down
SELECT 1;
