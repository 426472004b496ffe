-- +goose Up
-- A date range sorted by latest activity (the board's default order with
-- since/until) walks each month and each ragged-end day of the range in
-- latest-activity order and stops at the page, instead of reading every
-- claim first seen in the range and sorting them (sqlstore.rangeLatest):
-- its cost follows the range's length in months, not the number of claims.
CREATE INDEX claims_month_last ON claims (substr(first_day, 1, 7), last_day DESC, first_day DESC, id);
CREATE INDEX claims_day_last ON claims (first_day, last_day DESC, id);

-- +goose Down
DROP INDEX claims_day_last;
DROP INDEX claims_month_last;
