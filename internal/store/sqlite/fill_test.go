package sqlite_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
)

// TestIndexFill: claims written in the order of their days (as a ledger
// writes them: keys in order of latest activity) leave the claim indexes
// they are listed by mostly full. Declared newest first, every row went
// to the leftmost leaf, which SQLite splits in halves: the indexes were
// half empty (migration 44).
func TestIndexFill(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "fill.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	day0 := time.Date(2023, 1, 1, 6, 0, 0, 0, time.UTC)
	var cs []crosscheck.Claim
	for i := range 6000 {
		at := day0.Add(time.Duration(i) * 3 * time.Hour).Format(time.RFC3339)
		art := fmt.Sprintf("fill-%05d", i)
		text := fmt.Sprintf("Officials said %d trucks crossed the border.", i)
		cs = append(cs, crosscheck.Claim{ID: fmt.Sprintf("c%016x", i), Summary: text, CurrentStatus: crosscheck.StatusUnconfirmed,
			Status: []string{crosscheck.StatusUnconfirmed}, Parties: []string{"UA"}, FirstSeen: at,
			StatusHistory: []crosscheck.StatusChange{{Status: crosscheck.StatusUnconfirmed, Since: at, Article: art, Statement: "s1", Text: text}},
			Statements: []crosscheck.ClaimStatement{{Article: art, Statement: "s1", Published: at, Speaker: "officials",
				Stance: crosscheck.StanceAssert, Content: text}},
			Evidence:    []crosscheck.Evidence{{Status: crosscheck.StatusUnconfirmed, Article: art, Statement: "s1", Text: text, Since: at}},
			Appearances: []crosscheck.Appearance{{Article: art, Published: at}},
		})
	}
	if err := s.ReplaceClaims(ctx, cs, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, index := range []string{"claims_day", "claims_last", "claims_size", "claims_month_last", "claims_day_last", "claim_party_last"} {
		var payload, size float64
		if err := db.QueryRowContext(ctx, `SELECT SUM(payload), SUM(pgsize) FROM dbstat WHERE name = ?`, index).Scan(&payload, &size); err != nil {
			t.Fatal(err)
		}
		// Entries appended at the right edge fill 73–79 % of the pages
		// with their payload (the rest is cell headers and the last
		// page); split in halves, 48–50 %.
		if fill := payload / size; fill < 0.65 {
			t.Errorf("%s: %.0f %% of its pages hold entries, want at least 65 %%", index, 100*fill)
		} else {
			t.Logf("%s: %.0f %% full", index, 100*fill)
		}
	}
}
