package ledger

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/internal/claims"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
)

// TestChangedFrom: the time from which a group's claims are built again
// is the earliest of its new statements, of the stored statements whose
// link changed, and (a day earlier) of the first statement of every
// other stored component it merged; all of them (0) when it keeps no
// stored id, holds a component the step rebuilt, or merged a component
// with an undated statement. The stored components are written to a real
// SQLite ledger, whose CompFirst the rule reads.
func TestChangedFrom(t *testing.T) {
	ctx := t.Context()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "from.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	v, err := st.OpenLedger(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Rollback()
	day := func(d int) time.Time { return time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	// Stored: component 1 (days 0 to 40, the large one), 2 (from day
	// 30), 3 (from day 10), 4 (one undated statement), 5 (rebuilt).
	units := []store.LedgerUnit{
		{UnitRef: store.UnitRef{K: 1, Seq: 0}, Comp: 1, At: day(0).Unix()},
		{UnitRef: store.UnitRef{K: 1, Seq: 1}, Comp: 1, At: day(40).Unix()},
		{UnitRef: store.UnitRef{K: 2, Seq: 0}, Comp: 2, At: day(35).Unix()},
		{UnitRef: store.UnitRef{K: 2, Seq: 1}, Comp: 2, At: day(30).Unix()},
		{UnitRef: store.UnitRef{K: 3, Seq: 0}, Comp: 3, At: day(10).Unix()},
		{UnitRef: store.UnitRef{K: 4, Seq: 0}, Comp: 4},
	}
	for i := range units {
		units[i].Data = []byte(`{}`)
	}
	if err := v.Apply(ctx, store.LedgerDelta{Units: units}); err != nil {
		t.Fatal(err)
	}
	s := &step{v: v}
	newUnit := func(node int, published string) *unit {
		return &unit{node: node, d: &unitData{P: claims.Prepared{Published: published}}}
	}
	// Nodes 0–4 are new statements, one group each with its own root; 5
	// is a stored statement of component 1 whose link changed.
	w := []*unit{
		newUnit(0, day(45).Format(time.RFC3339)), // group 0: keeps 1, merges 2
		newUnit(1, day(45).Format(time.RFC3339)), // group 1: keeps 1 alone, with a changed link at day 20
		newUnit(2, ""),                           // group 2: keeps 1, an undated new statement
		newUnit(3, day(45).Format(time.RFC3339)), // group 3: keeps 1, merges 3 and 4 (undated)
		newUnit(4, day(45).Format(time.RFC3339)), // group 4: a new id
	}
	changed := &unit{comp: 1, d: &unitData{P: claims.Prepared{Published: day(20).Format(time.RFC3339)}}}
	find := func(i int) int { return i }
	xNode := map[int64]int{1: 1}
	for _, tc := range []struct {
		name   string
		root   int
		stored []int64
		id     int64
		aComps map[int64]bool
		want   time.Time // zero: all (0)
	}{
		{"merged component's first, a day earlier", 0, []int64{1, 2}, 1, nil, day(29)},
		{"a changed link", 1, []int64{1}, 1, nil, day(20)},
		{"undated new statement: the last episode", 2, []int64{1}, 1, nil, time.Unix(0, 1<<63-1)},
		{"merged an undated statement", 3, []int64{1, 3, 4}, 1, nil, time.Time{}},
		{"a new id", 4, nil, 9, nil, time.Time{}},
		{"a rebuilt component", 0, []int64{1, 2}, 1, map[int64]bool{2: true}, time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			roots := map[int][]int64{tc.root: tc.stored}
			compOf := map[int]int64{tc.root: tc.id}
			var xChanged []*unit
			if tc.root == 1 {
				xChanged = []*unit{changed}
			}
			ws := []*unit{w[tc.root]}
			from, err := s.changedFrom(ctx, []int{tc.root}, roots, compOf, find, ws, xChanged, xNode, tc.aComps)
			if err != nil {
				t.Fatal(err)
			}
			want := int64(0)
			if !tc.want.IsZero() {
				want = tc.want.UnixNano()
			}
			if from[tc.root] != want {
				t.Errorf("From = %d (%s), want %d (%s)", from[tc.root], time.Unix(0, from[tc.root]).UTC(), want, time.Unix(0, want).UTC())
			}
		})
	}
}
