-- +goose Up
-- Each statement's publication in Unix seconds (0: undated); SQLite
-- migration 47 says why, and why old rows keep 0. The pending mark of a
-- component holds a time in nanoseconds now (the episode to build from).
ALTER TABLE ledger_units ADD COLUMN at BIGINT NOT NULL DEFAULT 0;
DROP INDEX ledger_units_comp;
CREATE INDEX ledger_units_comp ON ledger_units (comp, at);
ALTER TABLE ledger_comps ALTER COLUMN pending TYPE BIGINT;

-- +goose Down
ALTER TABLE ledger_comps ALTER COLUMN pending TYPE INTEGER USING LEAST(pending, 1);
DROP INDEX ledger_units_comp;
CREATE INDEX ledger_units_comp ON ledger_units (comp);
ALTER TABLE ledger_units DROP COLUMN at;
