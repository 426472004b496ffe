package sqlite_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/crosscheck/crosscheck/internal/store/sqlite"
)

// TestConnectionMemoryBounds: every connection of the pool, not only the
// first, has the page cache of sqlite.CacheKiB: a process holds one per
// connection (workers, the ledger, a server's clients).
func TestConnectionMemoryBounds(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "mem.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	db := st.SQL()
	// Hold several connections at once so that the pool opens new ones.
	const conns = 4
	var wg sync.WaitGroup
	ready := make(chan struct{})
	got := make([]int64, conns)
	errs := make([]error, conns)
	for i := range conns {
		wg.Go(func() {
			c, err := db.Conn(ctx)
			if err != nil {
				errs[i] = err
				return
			}
			defer c.Close()
			<-ready
			errs[i] = c.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&got[i])
		})
	}
	close(ready)
	wg.Wait()
	for i := range conns {
		if errs[i] != nil {
			t.Fatalf("connection %d: %v", i, errs[i])
		}
		if got[i] != -sqlite.CacheKiB {
			t.Errorf("connection %d: cache_size %d, want %d (KiB, negative)", i, got[i], -sqlite.CacheKiB)
		}
	}
}
