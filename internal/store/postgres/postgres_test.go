package postgres_test

import (
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
	storetest.Fill(f, s)
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

// TestReadPlans checks that text queries (claims, counts, search) are not
// kept as prepared statements, whose generic plan PostgreSQL may choose
// after five executions (for a common word, a scan of every match), while
// other statements (a party's claims) still are.
func TestReadPlans(t *testing.T) {
	ctx := t.Context()
	s, err := postgres.Open(ctx, storetest.FreshPostgres(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.Fill(t, s)
	// One connection: the session whose prepared statements are listed.
	db := s.SQL()
	db.SetMaxOpenConns(1)
	for range 7 {
		for _, f := range []store.ClaimFilter{{Q: "kursk"}, {Q: "kursk", Status: "disputed"}, {Party: "UA"}} {
			if _, _, err := s.Claims(ctx, f); err != nil {
				t.Fatal(err)
			}
			if _, err := s.StatusCounts(ctx, f); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Search(ctx, "kursk", 5); err != nil {
			t.Fatal(err)
		}
	}
	var all int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_prepared_statements`).Scan(&all); err != nil {
		t.Fatal(err)
	}
	rows, err := db.QueryContext(ctx, `SELECT statement, generic_plans FROM pg_prepared_statements
WHERE statement LIKE '%to_tsquery%' AND statement NOT LIKE '%pg_prepared_statements%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var q string
		var generic int
		if err := rows.Scan(&q, &generic); err != nil {
			t.Fatal(err)
		}
		t.Errorf("a read query is a prepared statement (%d generic plans): %s", generic, q)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var party int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE '%claim_party%'`).Scan(&party); err != nil {
		t.Fatal(err)
	}
	if all == 0 || party == 0 {
		t.Errorf("%d prepared statements, %d of a party's claims: the check above proves nothing", all, party)
	}
}
