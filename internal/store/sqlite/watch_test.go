package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

func TestWatchConformance(t *testing.T) {
	storetest.RunWatch(t, func(t *testing.T) store.WatchStore {
		s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "watch.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}
