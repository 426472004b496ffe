package postgres_test

import (
	"context"
	"time"

	"testing"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/postgres"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

func TestLedgerState(t *testing.T) {
	storetest.RunLedgerState(t, func(t *testing.T) func(t *testing.T) store.Store {
		u := storetest.FreshPostgres(t)
		return func(t *testing.T) store.Store {
			s, err := postgres.Open(t.Context(), u)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		}
	})
}

// Each schema holds a ledger of its own, so the ledger lock of one schema
// must not make a store in another schema of the same database wait (the
// lock used to be database-wide, and parallel test packages, each in its
// own schema, queued behind one another).
func TestLedgerLockPerSchema(t *testing.T) {
	open := func(u string) *postgres.Store {
		s, err := postgres.Open(t.Context(), u)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b := open(storetest.FreshPostgres(t)), open(storetest.FreshPostgres(t))
	unlockA, err := a.LockLedger(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer unlockA()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	unlockB, err := b.LockLedger(ctx)
	if err != nil {
		t.Fatalf("the ledger lock of another schema waited: %v", err)
	}
	unlockB()
}
