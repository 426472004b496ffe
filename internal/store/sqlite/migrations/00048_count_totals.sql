-- +goose Up
-- claim_counts' totals over all days (day '*', sqlstore.allDays): a count
-- with no date bounds reads one row instead of one per day (3,000 at
-- 200,000 articles). The ledger writes them with the day rows from now
-- on; here they are summed from the day rows already stored.
INSERT INTO claim_counts (day, status, party, n)
SELECT '*', status, party, SUM(n) FROM claim_counts WHERE day <> '*' GROUP BY status, party HAVING SUM(n) <> 0;

-- +goose Down
DELETE FROM claim_counts WHERE day = '*';
