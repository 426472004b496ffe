-- +goose Up
-- The band index's keys and positions as the ledger now computes them
-- (internal/ledger bandKeys, bandPos; SQLite migration 42 says why): a
-- band's key is its low 32 bits (sign-extended), a position the
-- publication in Unix seconds and the first 4 bytes of the id. The stored
-- rows are converted the same way; ledger_docs.bands keep their 64-bit
-- keys until rewritten (the ledger reads them through bandKeys).
CREATE TABLE ledger_bands_new (
    band      BIGINT NOT NULL,
    ord       BIGINT NOT NULL,
    pre       BIGINT NOT NULL,
    article_k BIGINT NOT NULL,
    PRIMARY KEY (band, ord, pre, article_k)
);
INSERT INTO ledger_bands_new (band, ord, pre, article_k)
SELECT DISTINCT
       CASE WHEN (band & 4294967295) >= 2147483648 THEN (band & 4294967295) - 4294967296 ELSE band & 4294967295 END,
       CASE WHEN ord IN (9223372036854775807, 9223372036854775806, -9223372036854775807) THEN ord
            WHEN ord >= 0 THEN ord / 1000000000
            ELSE -((-ord + 999999999) / 1000000000) END,
       pre >> 32,
       article_k
FROM ledger_bands;
DROP TABLE ledger_bands;
ALTER TABLE ledger_bands_new RENAME TO ledger_bands;
ALTER INDEX ledger_bands_new_pkey RENAME TO ledger_bands_pkey;
-- A new table has no statistics until autovacuum gets to it: the band
-- queries of the next update are planned with them.
ANALYZE ledger_bands;

-- +goose Down
DELETE FROM ledger_bands;
UPDATE meta SET value = -2 WHERE key = 'ledger_state_gen';
