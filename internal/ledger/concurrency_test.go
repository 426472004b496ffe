package ledger_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/internal/ledger"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/postgres"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

// databases runs f with a way to open several handles (connections, as
// separate processes would have) on one fresh SQLite file and on one fresh
// PostgreSQL schema.
func databases(t *testing.T, f func(t *testing.T, open func(t *testing.T) store.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "c.db")
		f(t, func(t *testing.T) store.Store {
			st, err := sqlite.Open(t.Context(), path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		})
	})
	t.Run("postgres", func(t *testing.T) {
		u := storetest.FreshPostgres(t)
		f(t, func(t *testing.T) store.Store {
			st, err := postgres.Open(t.Context(), u)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		})
	})
}

// TestConcurrentUpdates: two writers on one database, each storing half of
// the corpus in batches and updating the ledger after each batch through
// its own handle, at the same time; the ledger ends as claims.Build's over
// everything, marked current. One of them is held inside its update (after
// a step) while the other stores and tries to update: the ledger lock
// keeps them apart.
func TestConcurrentUpdates(t *testing.T) {
	arts := warCorpus(t)
	want := build(arts)
	ps := puts(arts)
	r := rand.New(rand.NewPCG(5, 6))
	r.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
	halves := [][]store.Put{ps[:len(ps)/2], ps[len(ps)/2:]}
	databases(t, func(t *testing.T, open func(t *testing.T) store.Store) {
		ctx := t.Context()
		held, release := make(chan struct{}), make(chan struct{})
		var once sync.Once
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range 2 {
			st := open(t)
			opt := ledger.Options{Chunk: 23}
			if i == 0 {
				opt.Progress = func(n int) { once.Do(func() { close(held); <-release }) }
			}
			l, err := ledger.New(st, opt)
			if err != nil {
				t.Fatal(err)
			}
			wg.Go(func() {
				batch := halves[i]
				for len(batch) > 0 {
					n := min(31, len(batch))
					if _, err := st.Put(ctx, batch[:n]); err != nil {
						errs[i] = err
						return
					}
					if _, err := l.Update(ctx); err != nil {
						errs[i] = err
						return
					}
					batch = batch[n:]
				}
			})
			if i == 0 {
				<-held // writer 0 is inside its update, holding the lock
			}
		}
		// Writer 1 stores and waits for the lock meanwhile.
		time.Sleep(300 * time.Millisecond)
		close(release)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("writer %d: %v", i, err)
			}
		}
		st := open(t)
		if stale, err := st.LedgerStale(ctx); err != nil || stale {
			t.Errorf("LedgerStale = %v, %v after both writers", stale, err)
		}
		same(t, "two writers", stored(t, st), want)
	})
}

// TestRebuildCancel: cancelling a full rebuild (SIGTERM in the commands)
// stops it within a second and leaves the previous ledger as it was,
// still marked stale.
func TestRebuildCancel(t *testing.T) {
	arts := warCorpus(t)
	ps := byPublished(puts(arts))
	databases(t, func(t *testing.T, open func(t *testing.T) store.Store) {
		st := open(t)
		l, err := ledger.New(st, ledger.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Put(t.Context(), ps[:len(ps)/2]); err != nil {
			t.Fatal(err)
		}
		if _, err := l.Update(t.Context()); err != nil {
			t.Fatal(err)
		}
		before := stored(t, st)
		if _, err := st.Put(t.Context(), ps[len(ps)/2:]); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		var t0 time.Time
		var once sync.Once
		lc, err := ledger.New(st, ledger.Options{Chunk: 20, Progress: func(int) {
			once.Do(func() { t0 = time.Now(); cancel() })
		}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = lc.Rebuild(ctx)
		took := time.Since(t0)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled rebuild returned %v", err)
		}
		if took > time.Second {
			t.Errorf("cancelled rebuild took %s to return", took)
		}
		same(t, "after a cancelled rebuild", stored(t, st), before)
		if stale, _ := st.LedgerStale(t.Context()); !stale {
			t.Errorf("ledger marked current after a cancelled rebuild")
		}
		// The next update completes it.
		if _, err := l.Update(t.Context()); err != nil {
			t.Fatal(err)
		}
		same(t, "after the update", stored(t, st), build(arts))
	})
}

// TestRebuildLimit: over Options.MaxRebuildArticles a full rebuild is
// refused before reading anything; updates are not limited.
func TestRebuildLimit(t *testing.T) {
	arts := warCorpus(t)[:40]
	st := openSQLite(t)
	if _, err := st.Put(t.Context(), puts(arts)); err != nil {
		t.Fatal(err)
	}
	l, err := ledger.New(st, ledger.Options{MaxRebuildArticles: 10})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Update(t.Context()); err != nil {
		t.Fatalf("update under a rebuild limit: %v", err)
	}
	before := stored(t, st)
	_, err = l.Rebuild(t.Context())
	if !errors.Is(err, ledger.ErrRebuildLimit) || !strings.Contains(err.Error(), "40 stored, the limit is 10") {
		t.Errorf("rebuild over the limit: %v", err)
	}
	same(t, "after a refused rebuild", stored(t, st), before)
}

// TestForeignLedger: claims written by another build (ReplaceClaims, an
// older version) leave no state for the incremental ledger: the next
// update rebuilds, and gives Build's ledger.
func TestForeignLedger(t *testing.T) {
	arts := warCorpus(t)[:120]
	st := openSQLite(t)
	if _, err := st.Put(t.Context(), puts(arts)); err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceClaims(t.Context(), nil, map[string]string{}); err != nil {
		t.Fatal(err)
	}
	l, err := ledger.New(st, ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Update(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !res.Rebuilt {
		t.Errorf("update over a foreign ledger did not rebuild: %+v", res)
	}
	same(t, "after a foreign ledger", stored(t, st), build(arts))
}
