-- +goose Up
-- The day of a claim's latest activity (its newest statement or status), so
-- the claims board can sort by latest activity. Force a ledger rebuild to
-- fill it.
ALTER TABLE claims ADD COLUMN last_day TEXT NOT NULL DEFAULT '';
CREATE INDEX claims_last ON claims (last_day DESC, id);
UPDATE meta SET value = -1 WHERE key = 'claims_gen';

-- +goose Down
DROP INDEX claims_last;
ALTER TABLE claims DROP COLUMN last_day;
