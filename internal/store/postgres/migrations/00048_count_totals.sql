-- +goose Up
-- claim_counts' totals over all days; SQLite migration 48 says why.
INSERT INTO claim_counts (day, status, party, n)
SELECT '*', status, party, SUM(n) FROM claim_counts WHERE day <> '*' GROUP BY status, party HAVING SUM(n) <> 0;

-- +goose Down
DELETE FROM claim_counts WHERE day = '*';
