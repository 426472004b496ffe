-- +goose Up
-- The link index's keys in half the bytes (internal/ledger LinkKey): a
-- key is the low 32 bits of its hash, sign-extended, which SQLite stores
-- in 4 bytes instead of 8 on each of the ~40 rows per article. A statement
-- a key finds is a candidate that claims.Match decides on, so a coarser
-- key costs a comparison, never a different ledger. The stored rows are
-- converted the way the ledger now computes them, in key order (the table
-- is filled page after page).
CREATE TABLE ledger_keys_new (
    key       INTEGER NOT NULL,
    day       INTEGER NOT NULL,
    article_k INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    PRIMARY KEY (key, day, article_k, seq)
) WITHOUT ROWID;
INSERT OR IGNORE INTO ledger_keys_new (key, day, article_k, seq)
SELECT CASE WHEN (key & 4294967295) >= 2147483648 THEN (key & 4294967295) - 4294967296 ELSE key & 4294967295 END,
       day, article_k, seq
FROM ledger_keys ORDER BY 1, 2, 3, 4;
DROP TABLE ledger_keys;
ALTER TABLE ledger_keys_new RENAME TO ledger_keys;

-- +goose Down
-- The keys' high bits are gone: the ledger state is marked stale, so that
-- the next update rebuilds it.
DELETE FROM ledger_keys;
UPDATE meta SET value = -2 WHERE key = 'ledger_state_gen';
