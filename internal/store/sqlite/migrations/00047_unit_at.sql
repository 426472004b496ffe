-- +goose Up
-- Each statement's publication in Unix seconds (0: undated), so that the
-- ledger reads of a large component only the statements of its episodes
-- that changed (store.LedgerTx.EachComponentUnitSince). Rows written
-- before keep 0, which is always read: they cost what they cost before
-- until the ledger writes them again or `crosscheck rebuild` does. The
-- time is not taken from ledger_docs.published here, because SQLite reads
-- dates Go does not ("2024-01-02 15:04"), and a statement Go holds undated
-- must never be filtered out by a date.
ALTER TABLE ledger_units ADD COLUMN at INTEGER NOT NULL DEFAULT 0;
DROP INDEX ledger_units_comp;
CREATE INDEX ledger_units_comp ON ledger_units (comp, at);

-- +goose Down
DROP INDEX ledger_units_comp;
CREATE INDEX ledger_units_comp ON ledger_units (comp);
ALTER TABLE ledger_units DROP COLUMN at;
