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
	// A new file gets the large pages of the write path, in WAL mode.
	var size int
	var mode string
	if err := s.SQL().QueryRowContext(t.Context(), "SELECT page_size, journal_mode FROM pragma_page_size, pragma_journal_mode").Scan(&size, &mode); err != nil {
		t.Fatal(err)
	}
	if size != sqlite.PageSize || mode != "wal" {
		t.Errorf("page size %d, journal mode %s; want %d, wal", size, mode, sqlite.PageSize)
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
	// The contentless key indexes can only check their own structure.
	for _, table := range []string{"echo_index", "link_index"} {
		if _, err := s.SQL().ExecContext(ctx, `INSERT INTO `+table+` (`+table+`) VALUES ('integrity-check')`); err != nil {
			t.Errorf("%s: %v", table, err)
		}
	}
	var n int
	if err := s.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM claims_fts WHERE claims_fts MATCH 'kursk'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("claims_fts kursk: %d, %v", n, err)
	}
}

// FuzzQuery checks that no user query text reaches FTS5 as syntax: every
// input either matches or not, never fails.
func FuzzQuery(f *testing.F) {
	for _, q := range []string{"kursk", `"kursk`, "kursk*", "NEAR(a b)", "a OR b", "-x", "col:val", "^start", "(", "*", "ünïcödé ✓", "\x00", "AND", "a AND NOT b"} {
		f.Add(q)
	}
	s, err := sqlite.Open(f.Context(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	// A populated store: FTS5 must really parse and run each query.
	storetest.Fill(f, s)
	f.Fuzz(func(t *testing.T, q string) {
		ctx := t.Context()
		if _, _, err := s.Claims(ctx, store.ClaimFilter{Q: q}); err != nil {
			t.Fatalf("Claims(%q): %v", q, err)
		}
		if _, _, err := s.Articles(ctx, store.ArticleFilter{Q: q}); err != nil {
			t.Fatalf("Articles(%q): %v", q, err)
		}
		if _, err := s.Search(ctx, q, 5); err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
	})
}
