package postgres_test

import (
	"database/sql"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/postgres"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.PostgresURL(t)
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := postgres.Open(t.Context(), storetest.FreshPostgres(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestOpenErrors(t *testing.T) {
	storetest.PostgresURL(t)
	if _, err := postgres.Open(t.Context(), "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"); err == nil {
		t.Error("unreachable server accepted")
	}
}

// FuzzQuery checks that no user query text reaches to_tsquery as syntax:
// every input either matches or not, never fails.
func FuzzQuery(f *testing.F) {
	for _, q := range []string{"kursk", "kursk*", "a & b", "a | !b", "a <-> b", "'quoted'", "(", ":*", "ünïcödé ✓", "3e5", "a:*B", "\x00"} {
		f.Add(q)
	}
	s, err := postgres.Open(f.Context(), storetest.FreshPostgres(f))
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Put(f.Context(), storetest.Corpus(f)); err != nil {
		f.Fatal(err)
	}
	claims, echo := storetest.Ledger()
	if err := s.ReplaceClaims(f.Context(), claims, echo); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		ctx := t.Context()
		if _, _, err := s.Claims(ctx, store.ClaimFilter{Q: q}); err != nil {
			t.Fatalf("Claims(%q): %v", q, err)
		}
		if _, err := s.Search(ctx, q, 5); err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
	})
}

// TestCustomPlans checks that the store's connections plan every execution
// of a prepared statement with its parameters (a text query's generic plan
// reads every match), and that a plan_cache_mode in the URL wins.
func TestCustomPlans(t *testing.T) {
	u := storetest.FreshPostgres(t)
	for _, c := range []struct{ url, want string }{
		{u, "force_custom_plan"},
		{u + "&plan_cache_mode=auto", "auto"},
	} {
		s, err := postgres.Open(t.Context(), c.url)
		if err != nil {
			t.Fatal(err)
		}
		// Several connections at once: each pooled connection has it.
		db := s.SQL()
		tx1, err := db.BeginTx(t.Context(), nil)
		if err != nil {
			t.Fatal(err)
		}
		tx2, err := db.BeginTx(t.Context(), nil)
		if err != nil {
			t.Fatal(err)
		}
		for i, tx := range []*sql.Tx{tx1, tx2} {
			var got string
			if err := tx.QueryRowContext(t.Context(), "SHOW plan_cache_mode").Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("%s: connection %d: plan_cache_mode = %q, want %q", c.url, i, got, c.want)
			}
		}
		tx1.Rollback()
		tx2.Rollback()
		s.Close()
	}
}
