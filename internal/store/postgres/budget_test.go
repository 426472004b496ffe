package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/internal/store/postgres"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

func openFresh(t *testing.T) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(t.Context(), storetest.FreshPostgres(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestQueryBudget(t *testing.T) { storetest.RunQueryBudget(t, openFresh(t)) }

// TestInterrupt checks what the query budget relies on: an expiring context
// cancels a statement that is already running on the server.
func TestInterrupt(t *testing.T) {
	s := openFresh(t)
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := s.SQL().ExecContext(ctx, `SELECT pg_sleep(60)`)
	if err == nil {
		t.Fatal("pg_sleep(60) finished")
	}
	if ctx.Err() == nil {
		t.Fatalf("query failed before its deadline: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("cancelled after %s", d)
	}
	// The connection pool is still usable after a cancel.
	if _, err := s.Stats(t.Context()); err != nil {
		t.Errorf("Stats after a cancelled query: %v", err)
	}
}
