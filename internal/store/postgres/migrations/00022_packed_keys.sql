-- +goose Up
-- Packed echo and link indexes (issue 10). echo_bands (42 rows per
-- article) and statement_keys (about 4 rows per statement) cost a heap
-- tuple, an index tuple and their WAL records per key, at random places
-- in their B-trees. The keys move into arrays on the rows they describe,
-- indexed by GIN, whose pending list takes a batch's keys as a sequential
-- append and merges them into the index in bulk:
--  * articles.bands: the article's LSH band keys;
--  * statements.link_keys: the statement's link keys, and for a dated
--    article each key mixed with its month (key # (month << 40), month =
--    year * 12 + month - 1), so that a lookup within a time window reads
--    the statements of those months, not of all time.
-- articles.index_keys, which SQLite needs to delete its FTS5 tokens, is
-- not used here.

ALTER TABLE articles ADD COLUMN bands BIGINT[];
UPDATE articles a SET bands = b.bands, index_keys = NULL
FROM (SELECT article_k, array_agg(band ORDER BY band) AS bands FROM echo_bands GROUP BY article_k) b
WHERE a.k = b.article_k;
UPDATE articles SET index_keys = NULL WHERE index_keys IS NOT NULL;
CREATE INDEX articles_bands ON articles USING GIN (bands);

ALTER TABLE statements ADD COLUMN link_keys BIGINT[];
UPDATE statements s SET link_keys = l.keys
FROM (SELECT sk.article_k, sk.seq,
             array_agg(sk.key ORDER BY sk.key) ||
             COALESCE(array_agg(sk.key # (m.month << 40) ORDER BY sk.key) FILTER (WHERE m.month IS NOT NULL), '{}') AS keys
      FROM statement_keys sk
      LEFT JOIN LATERAL (SELECT (EXTRACT(YEAR FROM d) * 12 + EXTRACT(MONTH FROM d) - 1)::bigint AS month
                         FROM (SELECT DATE '1970-01-01' + sk.day::int AS d) x WHERE sk.day <> -1) m ON true
      GROUP BY sk.article_k, sk.seq) l
WHERE s.article_k = l.article_k AND s.seq = l.seq;
CREATE INDEX statements_link_keys ON statements USING GIN (link_keys);

DROP TABLE echo_bands;
DROP TABLE statement_keys;

-- The analysis is stored zstd-compressed: TOAST need not try to compress
-- it again. The text compresses faster with lz4 where the server has it.
ALTER TABLE articles ALTER COLUMN analysis SET STORAGE EXTERNAL;
-- +goose StatementBegin
DO $$
BEGIN
    ALTER TABLE articles ALTER COLUMN text SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN
    NULL;
END
$$;
-- +goose StatementEnd

-- +goose Down
SELECT 'irreversible: restore from a backup taken before migration 22';
