-- +goose Up
-- The band index in half the bytes (internal/ledger bandKeys, bandPos):
-- a band's key is its low 32 bits (sign-extended), a position is the
-- publication in Unix seconds and the first 4 bytes of the id. SQLite
-- stores each in 4 bytes instead of 8: 12 bytes less on each of the 42
-- rows per article. Every candidate a key or a position finds is checked
-- by the ledger (shingles, publication order), so coarser keys cost checks,
-- never a different ledger. The stored rows are converted the way the
-- ledger computes the new ones: nanoseconds floored to seconds (the
-- undated and out-of-range ends kept), the id prefix's high half. The
-- articles' band lists (ledger_docs.bands) keep their 64-bit keys until
-- rewritten: the ledger reads them through bandKeys.
CREATE TABLE ledger_bands_new (
    band      INTEGER NOT NULL,
    ord       INTEGER NOT NULL,
    pre       INTEGER NOT NULL,
    article_k INTEGER NOT NULL,
    PRIMARY KEY (band, ord, pre, article_k)
) WITHOUT ROWID;
INSERT OR IGNORE INTO ledger_bands_new (band, ord, pre, article_k)
SELECT CASE WHEN (band & 4294967295) >= 2147483648 THEN (band & 4294967295) - 4294967296 ELSE band & 4294967295 END,
       CASE WHEN ord IN (9223372036854775807, 9223372036854775806, -9223372036854775807) THEN ord
            WHEN ord >= 0 THEN ord / 1000000000
            ELSE -((-ord + 999999999) / 1000000000) END,
       pre >> 32,
       article_k
FROM ledger_bands ORDER BY 1, 2, 3, 4;
DROP TABLE ledger_bands;
ALTER TABLE ledger_bands_new RENAME TO ledger_bands;

-- +goose Down
-- The positions' nanoseconds and the keys' high bits are gone: the ledger
-- state is marked stale, so that the next update rebuilds it.
DELETE FROM ledger_bands;
UPDATE meta SET value = -2 WHERE key = 'ledger_state_gen';
