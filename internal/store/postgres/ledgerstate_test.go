package postgres_test

import (
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
