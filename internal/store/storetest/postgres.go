package storetest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers driver "pgx"
)

// PostgresURL returns the PostgreSQL server to test against
// (CROSSCHECK_TEST_POSTGRES_URL), or skips the test; with
// CROSSCHECK_REQUIRE_POSTGRES set (CI) a missing URL fails it instead.
func PostgresURL(t testing.TB) string {
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

// FreshPostgres creates an empty schema on the test server and returns a
// URL whose search_path points at it; the schema is dropped when the test
// ends. It skips like PostgresURL.
func FreshPostgres(t testing.TB) string {
	t.Helper()
	base := PostgresURL(t)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
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
