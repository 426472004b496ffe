package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

func openTemp(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestQueryBudget(t *testing.T) { storetest.RunQueryBudget(t, openTemp(t)) }

// TestInterrupt checks what the query budget relies on: an expiring context
// interrupts a statement that is already running, instead of waiting for it
// to finish (this one would count for minutes).
func TestInterrupt(t *testing.T) {
	s := openTemp(t)
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	var n int64
	err := s.SQL().QueryRowContext(ctx, `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000000)
SELECT count(*) FROM c`).Scan(&n)
	if err == nil {
		t.Fatalf("query finished with %d", n)
	}
	if ctx.Err() == nil {
		t.Fatalf("query failed before its deadline: %v", err)
	}
	// Generous: the point is seconds, not minutes.
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("interrupted after %s", d)
	}
}
