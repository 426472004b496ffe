package storetest

import (
	"context"
	"database/sql"
	"reflect"
	"testing"
)

// MigratePartyLast checks migration 43 on a database migrated to 42: each
// claim_party row takes its claim's last_day, whatever its first day, and
// the party's claims read in latest-activity order from claim_party alone
// come in the order of the claims' own columns. insertClaim inserts a
// claims row from k, id, first_seen, first_day and last_day ($1 to $5;
// the stores' claims tables differ in their other columns).
func MigratePartyLast(t *testing.T, db *sql.DB, migrate func(context.Context, *sql.DB) error, insertClaim string) {
	t.Helper()
	ctx := t.Context()
	claims := []struct {
		k               int64
		id, first, last string
		parties         []string
	}{
		{1, "c-old-active", "2024-01-03T10:00:00Z", "2024-09-30", []string{"UA", "RU"}},
		{2, "c-new-quiet", "2024-08-01T08:00:00Z", "2024-08-01", []string{"UA"}},
		{3, "c-middle", "2024-05-05T12:00:00Z", "2024-08-20", []string{"UA", "US"}},
		{4, "c-undated", "", "", []string{"UA"}},
	}
	for _, c := range claims {
		day := ""
		if c.first != "" {
			day = c.first[:10]
		}
		if _, err := db.ExecContext(ctx, insertClaim, c.k, c.id, c.first, day, c.last); err != nil {
			t.Fatalf("insert claim %s: %v", c.id, err)
		}
		for _, p := range c.parties {
			if _, err := db.ExecContext(ctx, `INSERT INTO claim_party (party, first_day, first_seen, id, claim_k) VALUES ($1, $2, $3, $4, $5)`,
				p, day, c.first, c.id, c.k); err != nil {
				t.Fatalf("insert party %s of %s: %v", p, c.id, err)
			}
		}
	}
	if err := migrate(ctx, db); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	read := func(q string, args ...any) []string { return Column[string](t, db, q, args...) }
	for _, p := range []string{"UA", "RU", "US"} {
		got := read(`SELECT id || ' ' || last_day FROM claim_party WHERE party = $1 ORDER BY last_day DESC, first_day DESC, id`, p)
		want := read(`SELECT c.id || ' ' || c.last_day FROM claims c WHERE EXISTS (SELECT 1 FROM claim_party cp WHERE cp.party = $1 AND cp.claim_k = c.k)
 ORDER BY c.last_day DESC, c.first_day DESC, c.id`, p)
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("party %s after migration: claim_party gives %q, the claims %q", p, got, want)
		}
	}
}
