package sqlite_test

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

// openerEnv names the database a child process of TestConcurrentOpen opens.
const openerEnv = "CROSSCHECK_SQLITE_OPENER"

// TestConcurrentOpen: several processes opening one fresh file at the same
// time (two ingests into a new database) all open and migrate it, and
// write to it, instead of failing with SQLITE_BUSY; the file ends with
// every write.
func TestConcurrentOpen(t *testing.T) {
	if path := os.Getenv(openerEnv); path != "" {
		openAndWrite(t, path)
		return
	}
	const procs = 4
	for round := range 3 {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("fresh-%d.db", round))
		var wg sync.WaitGroup
		outs := make([][]byte, procs)
		errs := make([]error, procs)
		for i := range procs {
			wg.Go(func() {
				cmd := exec.Command(os.Args[0], "-test.run=^TestConcurrentOpen$", "-test.count=1")
				cmd.Env = append(os.Environ(), openerEnv+"="+path)
				outs[i], errs[i] = cmd.CombinedOutput()
			})
		}
		wg.Wait()
		for i := range procs {
			if errs[i] != nil {
				t.Errorf("round %d, process %d: %v\n%s", round, i, errs[i], outs[i])
			}
		}
		s, err := sqlite.Open(t.Context(), path)
		if err != nil {
			t.Fatal(err)
		}
		st, err := s.Stats(t.Context())
		s.Close()
		if err != nil || st.Articles != len(storetest.Corpus(t)) {
			t.Errorf("round %d: %d articles stored, %v; want %d", round, st.Articles, err, len(storetest.Corpus(t)))
		}
	}
}

func openAndWrite(t *testing.T, path string) {
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Put(t.Context(), storetest.Corpus(t)); err != nil {
		t.Fatal(err)
	}
}

// TestCacheMiB: every connection of the pool has the page cache Open was
// given, and the default without the option.
func TestCacheMiB(t *testing.T) {
	for _, tc := range []struct {
		opts []sqlite.Option
		want int
	}{
		{nil, -sqlite.DefaultCacheMiB << 10},
		{[]sqlite.Option{sqlite.CacheMiB(8)}, -8 << 10},
		{[]sqlite.Option{sqlite.CacheMiB(0)}, -sqlite.DefaultCacheMiB << 10},
	} {
		st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "c.db"), tc.opts...)
		if err != nil {
			t.Fatal(err)
		}
		// Hold three connections at once, so that the pool opens them.
		var conns []*sql.Conn
		for range 3 {
			c, err := st.SQL().Conn(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
		}
		for i, c := range conns {
			var got int
			if err := c.QueryRowContext(t.Context(), "PRAGMA cache_size").Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("options %d: connection %d: cache_size %d, want %d", len(tc.opts), i, got, tc.want)
			}
			c.Close()
		}
		st.Close()
	}
}

// TestIdleConnectionsKept: connections released after concurrent use stay
// open (up to MaxIdleConns), so the next requests reuse them and their
// page caches instead of opening new ones.
func TestIdleConnectionsKept(t *testing.T) {
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n := sqlite.MaxIdleConns()
	if n < 4 {
		t.Fatalf("MaxIdleConns %d: fewer than 4 kept", n)
	}
	use := func() {
		var conns []*sql.Conn
		for range n {
			c, err := st.SQL().Conn(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
		}
		for _, c := range conns {
			c.Close()
		}
	}
	use()
	before := st.SQL().Stats()
	if before.Idle != n {
		t.Errorf("after %d connections released: %d idle, want %d", n, before.Idle, n)
	}
	use()
	after := st.SQL().Stats()
	if opened := after.OpenConnections - before.OpenConnections; opened != 0 || after.MaxIdleClosed != 0 {
		t.Errorf("second round: %d more open, %d closed as surplus idle; want the kept ones reused", opened, after.MaxIdleClosed)
	}
}

// TestClaimBriefBeforeDocument: a claim's brief is stored before its
// document in the row (migration 41), so that a list reads it from the
// row's first page without walking a large document's overflow pages.
func TestClaimBriefBeforeDocument(t *testing.T) {
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cols := storetest.Column[string](t, st.SQL(), "SELECT name FROM pragma_table_info('claims') ORDER BY cid")
	brief, claim := slices.Index(cols, "brief"), slices.Index(cols, "claim")
	if brief < 0 || claim < 0 || brief > claim || claim != len(cols)-1 {
		t.Errorf("claims columns %v: want brief before claim, claim last", cols)
	}
}
