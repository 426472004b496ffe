package worker_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/postgres"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
	"github.com/crosscheck/crosscheck/internal/worker"
)

// databases runs f on a fresh SQLite file and, when configured, a fresh
// PostgreSQL schema.
func databases(t *testing.T, f func(t *testing.T, open func(t *testing.T) store.Store)) {
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "l.db")
		f(t, func(t *testing.T) store.Store {
			s, err := sqlite.Open(t.Context(), path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		})
	})
	t.Run("postgres", func(t *testing.T) {
		u := storetest.FreshPostgres(t)
		f(t, func(t *testing.T) store.Store {
			s, err := postgres.Open(t.Context(), u)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		})
	})
}

// gatedBuild is echoBuild that, when told to, waits at a gate after reading
// its input: the test decides which of two overlapping rebuilds finishes
// first.
type gatedBuild struct {
	entered chan int         // receives the number of articles read
	release chan struct{}    // closed to let the build finish
	build   worker.BuildFunc // the real build
	seen    func(n int) bool // whether this call should wait
}

func (g *gatedBuild) fn(all []store.StoredArticle) ([]crosscheck.Claim, map[string]string) {
	if g.seen(len(all)) {
		g.entered <- len(all)
		<-g.release
	}
	return g.build(all)
}

// TestRebuildOverlap overlaps two ledger rebuilds on purpose, as two ingest
// processes on one database do: rebuild A reads the store when it holds
// part of the corpus and is held before writing; the rest is stored;
// rebuild B reads everything and writes; then A writes. Whatever order
// they finish in, the ledger ends as a sequential run's, marked current,
// and A's late write does not replace it. Run on SQLite and PostgreSQL.
func TestRebuildOverlap(t *testing.T) {
	batch := storetest.Corpus(t)
	ctx := t.Context()
	for _, order := range []string{"older last", "older first"} {
		t.Run(order, func(t *testing.T) {
			databases(t, func(t *testing.T, open func(t *testing.T) store.Store) {
				ref := openStore(t)
				if _, err := ref.Put(ctx, batch); err != nil {
					t.Fatal(err)
				}
				if _, err := worker.RebuildClaims(ctx, ref, fullBuild); err != nil {
					t.Fatal(err)
				}
				want := ledgerDigest(t, ref)

				// Two connections, as two processes would have.
				s1, s2 := open(t), open(t)
				if _, err := s1.Put(ctx, batch[:2]); err != nil {
					t.Fatal(err)
				}
				g := &gatedBuild{entered: make(chan int, 1), release: make(chan struct{}), build: fullBuild,
					seen: func(n int) bool { return n == 2 }}
				var wg sync.WaitGroup
				var errA error
				wg.Go(func() { _, errA = worker.RebuildClaims(ctx, s1, g.fn) })
				if n := <-g.entered; n != 2 {
					t.Fatalf("rebuild A read %d articles", n)
				}
				// A holds its ledger of two articles; the rest arrives.
				if _, err := s2.Put(ctx, batch[2:]); err != nil {
					t.Fatal(err)
				}
				if order == "older first" {
					close(g.release)
					wg.Wait()
				}
				if _, err := worker.RebuildClaims(ctx, s2, fullBuild); err != nil {
					t.Fatal(err)
				}
				if order == "older last" {
					close(g.release)
					wg.Wait()
				}
				if errA != nil {
					t.Fatalf("rebuild A: %v", errA)
				}
				if got := ledgerDigest(t, s1); got != want {
					t.Errorf("ledger after overlapping rebuilds:\n got %s\nwant %s", got, want)
				}
				if stale, _ := s1.LedgerStale(ctx); stale {
					t.Errorf("ledger marked stale after the last rebuild")
				}
			})
		})
	}
}

// fullBuild is fullBuild with whole article ids in the claim ids (the
// store test corpus has short ids).
func fullBuild(all []store.StoredArticle) ([]crosscheck.Claim, map[string]string) {
	var out []crosscheck.Claim
	for _, a := range all {
		for _, s := range a.Analysis.Statements {
			out = append(out, crosscheck.Claim{
				ID: a.Analysis.Article.ID + "-" + s.ID, Summary: s.Content.Text, Status: []string{crosscheck.StatusUnconfirmed},
				Parties: []string{}, FirstSeen: string(a.Analysis.Article.Published),
				Statements:  []crosscheck.ClaimStatement{{Article: a.Analysis.Article.ID, Statement: s.ID, Content: s.Content.Text}},
				Evidence:    []crosscheck.Evidence{},
				Appearances: []crosscheck.Appearance{{Article: a.Analysis.Article.ID}},
			})
		}
	}
	return out, map[string]string{}
}

// ledgerDigest lists the claim ids and echo map.
func ledgerDigest(t *testing.T, s store.Store) string {
	t.Helper()
	cs, _, err := s.Claims(t.Context(), store.ClaimFilter{Limit: store.MaxLimit, Sort: store.SortOldest})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	slices.Sort(ids)
	as, _, err := s.Articles(t.Context(), store.ArticleFilter{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		if a.EchoOf != "" {
			ids = append(ids, a.ID+"→"+a.EchoOf)
		}
	}
	return strings.Join(ids, ",")
}

// slowBuild blocks until its context-free caller gives up: a build that
// takes far longer than the test.
func slowBuild(started chan<- struct{}, stop <-chan struct{}) worker.BuildFunc {
	return func(all []store.StoredArticle) ([]crosscheck.Claim, map[string]string) {
		close(started)
		<-stop
		return fullBuild(all)
	}
}

// TestRebuildCancel cancels a rebuild inside the (pure, uncancellable)
// build: it returns within a second and the previous ledger stays, still
// marked stale.
func TestRebuildCancel(t *testing.T) {
	databases(t, func(t *testing.T, open func(t *testing.T) store.Store) {
		s := open(t)
		batch := storetest.Corpus(t)
		if _, err := s.Put(t.Context(), batch[:2]); err != nil {
			t.Fatal(err)
		}
		if _, err := worker.RebuildClaims(t.Context(), s, fullBuild); err != nil {
			t.Fatal(err)
		}
		before := ledgerDigest(t, s)
		if _, err := s.Put(t.Context(), batch[2:]); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		started, stop := make(chan struct{}), make(chan struct{})
		defer close(stop)
		done := make(chan error, 1)
		go func() {
			_, err := worker.RebuildClaims(ctx, s, slowBuild(started, stop))
			done <- err
		}()
		<-started
		t0 := time.Now()
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("cancelled rebuild returned %v", err)
			}
			if d := time.Since(t0); d > time.Second {
				t.Errorf("cancelled rebuild took %s to return", d)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("cancelled rebuild did not return")
		}
		if got := ledgerDigest(t, s); got != before {
			t.Errorf("cancelled rebuild changed the ledger:\n got %s\nwant %s", got, before)
		}
		if stale, _ := s.LedgerStale(t.Context()); !stale {
			t.Errorf("ledger marked current after a cancelled rebuild")
		}
	})
}

// TestRebuildLimit refuses a full rebuild over too many articles, before
// reading them, and keeps the previous ledger.
func TestRebuildLimit(t *testing.T) {
	s := openStore(t)
	batch := storetest.Corpus(t)
	if _, err := s.Put(t.Context(), batch[:1]); err != nil {
		t.Fatal(err)
	}
	if _, err := worker.RebuildClaims(t.Context(), s, fullBuild); err != nil {
		t.Fatal(err)
	}
	before := ledgerDigest(t, s)
	if _, err := s.Put(t.Context(), batch[1:]); err != nil {
		t.Fatal(err)
	}
	calls := 0
	_, err := worker.RebuildLedger(t.Context(), s, func(all []store.StoredArticle) ([]crosscheck.Claim, map[string]string) {
		calls++
		return fullBuild(all)
	}, false, worker.LedgerOptions{MaxArticles: 3})
	if !errors.Is(err, worker.ErrLedgerLimit) || !strings.Contains(err.Error(), "4 stored, the limit is 3") {
		t.Errorf("rebuild over the limit: %v", err)
	}
	if calls != 0 {
		t.Errorf("the build ran despite the limit")
	}
	if got := ledgerDigest(t, s); got != before {
		t.Errorf("refused rebuild changed the ledger")
	}
	if n, err := worker.RebuildLedger(t.Context(), s, fullBuild, false, worker.LedgerOptions{MaxArticles: 4}); err != nil || n == 0 {
		t.Errorf("rebuild at the limit: %d, %v", n, err)
	}
}
