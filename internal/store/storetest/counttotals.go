package storetest

import (
	"context"
	"database/sql"
	"reflect"
	"testing"
)

// MigrateCountTotals checks the migration that adds claim_counts' totals
// over all days (day '*'): db is at the migration before it, with day rows
// (an undated day among them, and a status and party whose rows cancel
// out); after migrate, each status and party has one total, the sum of its
// day rows, and none where they sum to nothing.
func MigrateCountTotals(t *testing.T, db *sql.DB, migrate func(context.Context, *sql.DB) error) {
	t.Helper()
	ctx := t.Context()
	rows := []struct {
		day, status, party string
		n                  int
	}{
		{"2024-01-03", "", "", 3}, {"2024-01-04", "", "", 2}, {"", "", "", 1},
		{"2024-01-03", "disputed", "", 1}, {"2024-02-10", "disputed", "", 2},
		{"2024-01-03", "disputed", "RU", 1}, {"2024-02-10", "unconfirmed", "UA", 4}, {"", "unconfirmed", "UA", 1},
		{"2024-03-01", "corroborated", "US", 1}, {"2024-03-02", "corroborated", "US", -1},
	}
	for _, r := range rows {
		if _, err := db.ExecContext(ctx, `INSERT INTO claim_counts (day, status, party, n) VALUES ($1, $2, $3, $4)`, r.day, r.status, r.party, r.n); err != nil {
			t.Fatalf("insert count %+v: %v", r, err)
		}
	}
	if err := migrate(ctx, db); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	got := Column[string](t, db, `SELECT status || '/' || party || '=' || CAST(n AS TEXT) FROM claim_counts WHERE day = '*' ORDER BY status, party`)
	want := []string{"/=6", "disputed/=3", "disputed/RU=1", "unconfirmed/UA=5"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("totals after migration: %q, want %q", got, want)
	}
}
