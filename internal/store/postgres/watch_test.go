package postgres_test

import (
	"testing"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/postgres"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

func TestWatchConformance(t *testing.T) {
	base := testURL(t)
	storetest.RunWatch(t, func(t *testing.T) store.WatchStore {
		s, err := postgres.Open(t.Context(), freshSchema(t, base))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
