package postgres_test

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/postgres"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

// testURL returns the server to test against, or skips (fails in CI, which
// sets CROSSCHECK_REQUIRE_POSTGRES). CI sets the URL with scripts/ci-postgres.sh.
func testURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("CROSSCHECK_TEST_POSTGRES_URL")
	if u == "" && os.Getenv("CROSSCHECK_REQUIRE_POSTGRES") != "" {
		t.Fatal("CROSSCHECK_REQUIRE_POSTGRES is set but CROSSCHECK_TEST_POSTGRES_URL is not")
	}
	if u == "" {
		t.Skip("CROSSCHECK_TEST_POSTGRES_URL not set; run eval \"$(scripts/ci-postgres.sh)\" to test PostgreSQL")
	}
	return u
}

// freshSchema creates an empty schema for one test and returns a URL whose
// search_path points at it; the schema is dropped when the test ends.
func freshSchema(t testing.TB, base string) string {
	t.Helper()
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.ExecContext(t.Context(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestConformance(t *testing.T) {
	base := testURL(t)
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := postgres.Open(t.Context(), freshSchema(t, base))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestOpenErrors(t *testing.T) {
	testURL(t)
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
	s, err := postgres.Open(f.Context(), freshSchema(f, testURL(f)))
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
