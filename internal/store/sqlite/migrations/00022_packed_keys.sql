-- +goose Up
-- Packed echo and link indexes (issue 10). echo_bands (42 rows per
-- article) and statement_keys (about 4 rows per statement) were B-trees
-- keyed by random hashes: every batch of 256 articles inserted ~16,000
-- rows at random places, dirtying (and writing to the WAL) nearly every
-- page of both tables, so a batch cost more the larger the database.
-- They become contentless FTS5 tables, which write each batch as one
-- sorted segment and merge segments in the background of later writes:
--  * echo_index: one row per article (rowid = its k), its band keys as
--    tokens (the low 32 bits in hex; a candidate is verified against the
--    article's full keys in index_keys);
--  * link_index: one row per statement, its link keys as tokens (64-bit
--    hex), rowid = day << 47 | article k << 11 | statement position, where
--    day is 0 for an undated article and else the number of days since
--    1900-01-01 plus one (at most 65535, in 2079): a time window is a
--    rowid range. Statements past an article's 2048th are not indexed.
-- articles.index_keys (the keys packed, written since migration 21) is
-- what deletes an article's tokens when it is replaced; rows stored
-- before it get theirs here.

CREATE VIRTUAL TABLE echo_index USING fts5 (
    bands, content='', detail=none, columnsize=0, tokenize='ascii'
);
CREATE VIRTUAL TABLE link_index USING fts5 (
    keys, content='', detail=none, columnsize=0, tokenize='ascii'
);

INSERT INTO echo_index (rowid, bands)
SELECT article_k, group_concat(printf('%08x', band & 4294967295), ' ')
FROM echo_bands GROUP BY article_k;

INSERT INTO link_index (rowid, keys)
SELECT (CASE WHEN sk.day = -1 THEN 0 ELSE MIN(MAX(sk.day + 25568, 1), 65535) END << 47) | (sk.article_k << 11) | sk.seq,
       group_concat(printf('%016x', sk.key), ' ')
FROM statement_keys sk
WHERE sk.seq < 2048 AND sk.article_k < 68719476736
GROUP BY sk.day, sk.article_k, sk.seq;

-- index_keys of rows stored before migration 21, in its format: a uvarint
-- count and 8 bytes little-endian per band, then a uvarint count and per
-- link key a uvarint statement position and 8 bytes little-endian.
CREATE TEMP TABLE legacy_bands AS
SELECT b.article_k AS k, COUNT(*) AS n,
       group_concat(substr(h, 15, 2) || substr(h, 13, 2) || substr(h, 11, 2) || substr(h, 9, 2) ||
                    substr(h, 7, 2) || substr(h, 5, 2) || substr(h, 3, 2) || substr(h, 1, 2), '') AS hx
FROM (SELECT article_k, printf('%016x', band) AS h FROM echo_bands
      WHERE article_k IN (SELECT k FROM articles WHERE index_keys IS NULL)) b
GROUP BY b.article_k;
CREATE TEMP TABLE legacy_keys AS
SELECT article_k AS k, COUNT(*) AS n,
       group_concat(CASE WHEN seq < 128 THEN printf('%02x', seq) ELSE printf('%02x%02x', (seq & 127) | 128, seq >> 7) END ||
                    substr(h, 15, 2) || substr(h, 13, 2) || substr(h, 11, 2) || substr(h, 9, 2) ||
                    substr(h, 7, 2) || substr(h, 5, 2) || substr(h, 3, 2) || substr(h, 1, 2), '') AS hx
FROM (SELECT article_k, seq, printf('%016x', key) AS h FROM statement_keys
      WHERE article_k IN (SELECT k FROM articles WHERE index_keys IS NULL))
GROUP BY article_k;
UPDATE articles SET index_keys = unhex(
    (SELECT CASE WHEN COALESCE(lb.n, 0) < 128 THEN printf('%02x', COALESCE(lb.n, 0))
                 ELSE printf('%02x%02x', (lb.n & 127) | 128, lb.n >> 7) END || COALESCE(lb.hx, '')
     FROM (SELECT 1) LEFT JOIN legacy_bands lb ON lb.k = articles.k) ||
    (SELECT CASE WHEN COALESCE(lk.n, 0) < 128 THEN printf('%02x', COALESCE(lk.n, 0))
                 ELSE printf('%02x%02x', (lk.n & 127) | 128, lk.n >> 7) END || COALESCE(lk.hx, '')
     FROM (SELECT 1) LEFT JOIN legacy_keys lk ON lk.k = articles.k))
WHERE index_keys IS NULL;
DROP TABLE legacy_bands;
DROP TABLE legacy_keys;

DROP TABLE echo_bands;
DROP TABLE statement_keys;

-- +goose Down
SELECT 'irreversible: restore from a backup taken before migration 22';
