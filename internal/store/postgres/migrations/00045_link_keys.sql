-- +goose Up
-- The link index's keys as the ledger now computes them (internal/ledger
-- LinkKey; SQLite migration 45 says why): the low 32 bits of the hash,
-- sign-extended. The stored rows are converted the same way; two may now
-- be one.
CREATE TABLE ledger_keys_new (
    key       BIGINT NOT NULL,
    day       INTEGER NOT NULL,
    article_k BIGINT NOT NULL,
    seq       INTEGER NOT NULL,
    PRIMARY KEY (key, day, article_k, seq)
);
INSERT INTO ledger_keys_new (key, day, article_k, seq)
SELECT DISTINCT
       CASE WHEN (key & 4294967295) >= 2147483648 THEN (key & 4294967295) - 4294967296 ELSE key & 4294967295 END,
       day, article_k, seq
FROM ledger_keys;
DROP TABLE ledger_keys;
ALTER TABLE ledger_keys_new RENAME TO ledger_keys;
ALTER INDEX ledger_keys_new_pkey RENAME TO ledger_keys_pkey;
-- A new table has no statistics until autovacuum gets to it: the key
-- queries of the next update are planned with them.
ANALYZE ledger_keys;

-- +goose Down
-- The keys' high bits are gone: the ledger state is marked stale, so that
-- the next update rebuilds it.
DELETE FROM ledger_keys;
UPDATE meta SET value = -2 WHERE key = 'ledger_state_gen';
