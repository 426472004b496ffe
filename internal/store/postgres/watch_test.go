package postgres_test

import (
	"testing"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/postgres"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

func TestWatchConformance(t *testing.T) {
	storetest.PostgresURL(t)
	storetest.RunWatch(t, func(t *testing.T) store.WatchStore {
		s, err := postgres.Open(t.Context(), storetest.FreshPostgres(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
