package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "test.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// TestReopen checks that a store survives closing: the file keeps its data
// and opening an already migrated file is fine.
func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "re.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(t.Context(), []store.Put{{SourceKey: "k", DocHash: "h", Failure: "boom"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	done, err := s.Done(t.Context(), "k", "h")
	if err != nil || !done {
		t.Errorf("after reopen Done = %v, %v", done, err)
	}
}

func TestOpenErrors(t *testing.T) {
	if _, err := sqlite.Open(t.Context(), ""); err == nil {
		t.Error("empty path accepted")
	}
	if _, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "missing-dir", "x.db")); err == nil {
		t.Error("path in a missing directory accepted")
	}
}

// TestFTSIntegrity checks the FTS5 indexes, which the store fills in
// batches rather than through triggers, after creates, replaces and ledger
// swaps.
func TestFTSIntegrity(t *testing.T) {
	ctx := t.Context()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "fts.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	batch := storetest.Corpus(t)
	if _, err := s.Put(ctx, batch); err != nil {
		t.Fatal(err)
	}
	changed := batch[0]
	changed.ContentHash = "changed"
	changed.Analysis.Article.Title = "Retitled"
	if _, err := s.Put(ctx, []store.Put{changed, batch[1], changed}); err != nil {
		t.Fatal(err)
	}
	claims, echo := storetest.Ledger()
	for range 2 {
		if err := s.ReplaceClaims(ctx, claims, echo); err != nil {
			t.Fatal(err)
		}
	}
	for _, table := range []string{"articles_fts", "statements_fts", "claims_fts"} {
		// rank 1: also compare the index with the content table (checked
		// to fail on a missing or extra index entry).
		if _, err := s.SQL().ExecContext(ctx, `INSERT INTO `+table+` (`+table+`, rank) VALUES ('integrity-check', 1)`); err != nil {
			t.Errorf("%s: %v", table, err)
		}
	}
	var n int
	if err := s.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM claims_fts WHERE claims_fts MATCH 'kursk'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("claims_fts kursk: %d, %v", n, err)
	}
}
