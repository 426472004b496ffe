package storetest

import (
	"database/sql"
	"testing"
)

// Column runs q with args on db and returns its single column, row by
// row; any error fails the test.
func Column[T any](t testing.TB, db *sql.DB, q string, args ...any) []T {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
