package storetest

import (
	"context"
	"errors"
	"math"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// RunLedgerState runs the conformance tests of store.LedgerStore. fresh
// returns, for a new empty database, a function that opens a handle on it
// (several handles stand for several processes).
func RunLedgerState(t *testing.T, fresh func(t *testing.T) func(t *testing.T) store.Store) {
	t.Run("Queue", func(t *testing.T) { testLedgerQueue(t, fresh(t)) })
	t.Run("State", func(t *testing.T) { testLedgerStateRoundTrip(t, fresh(t)) })
	t.Run("Moved", func(t *testing.T) { testLedgerMoved(t, fresh(t)) })
	t.Run("Rebuild", func(t *testing.T) { testLedgerRebuildView(t, fresh(t)) })
	t.Run("Lock", func(t *testing.T) { testLedgerLock(t, fresh(t)) })
	t.Run("ComponentMarks", func(t *testing.T) { testLedgerComponentMarks(t, fresh(t)) })
}

func ledgerOf(t *testing.T, s store.Store) store.LedgerStore {
	t.Helper()
	ls, ok := s.(store.LedgerStore)
	if !ok {
		t.Fatalf("%T does not implement store.LedgerStore", s)
	}
	return ls
}

func openView(t *testing.T, s store.Store, rebuild bool) store.LedgerTx {
	t.Helper()
	v, err := ledgerOf(t, s).OpenLedger(t.Context(), rebuild)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Rollback() })
	return v
}

func pending(t *testing.T, v store.LedgerTx) []store.LedgerItem {
	t.Helper()
	items, err := v.Pending(t.Context(), store.LedgerCursor{}, 100)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func itemIDs(items []store.LedgerItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.ID)
	}
	return out
}

// testLedgerQueue: every article written is queued, in publication order
// (undated last); applying it at the hash read clears it, unless a newer
// version was written meanwhile.
func testLedgerQueue(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := t.Context()
	s := open(t)
	batch := Corpus(t)
	putAll(t, s, batch)
	v := openView(t, s, false)
	items := pending(t, v)
	if got, want := itemIDs(items), []string{"art-d", "art-a", "art-c", "art-b"}; !slices.Equal(got, want) {
		t.Fatalf("queue %v, want %v (by published day, undated first)", got, want)
	}
	after, err := v.Pending(ctx, items[2].LedgerCursor, 100)
	if err != nil || !slices.Equal(itemIDs(after), []string{"art-b"}) {
		t.Errorf("queue after art-c: %v, %v", itemIDs(after), err)
	}
	// A newer version of art-a while its old one is being applied.
	changed := batch[0]
	changed.ContentHash, changed.DocHash = "ha2", "da2"
	changed.Analysis.Article.Title = "Forces advance further"
	putAll(t, s, []store.Put{changed})
	if err := v.Apply(ctx, store.LedgerDelta{Done: items}); err != nil {
		t.Fatal(err)
	}
	left := pending(t, v)
	if len(left) != 1 || left[0].ID != "art-a" || left[0].Hash != "ha2" {
		// The new version, queued though the old one was applied.
		t.Errorf("queue after applying the first versions: %+v, want art-a at ha2", left)
	}
	arts, err := v.Articles(ctx, []int64{left[0].K})
	if err != nil || len(arts) != 1 || arts[0].Hash != "ha2" || arts[0].Analysis.Article.Text != batch[0].Analysis.Article.Text {
		t.Errorf("Articles = %+v, %v", arts, err)
	}
	texts, err := v.Texts(ctx, []int64{left[0].K, 1 << 40})
	if err != nil || len(texts) != 1 || texts[left[0].K] != batch[0].Analysis.Article.Text {
		t.Errorf("Texts = %v, %v", texts, err)
	}
}

// testLedgerStateRoundTrip: docs, statements, index rows, components,
// claims and echoes written by Apply read back, and go when dropped.
func testLedgerStateRoundTrip(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := t.Context()
	s := open(t)
	putAll(t, s, Corpus(t))
	v := openView(t, s, false)
	items := pending(t, v)
	k := map[string]int64{}
	for _, it := range items {
		k[it.ID] = it.K
	}
	a, b, c := k["art-a"], k["art-b"], k["art-c"]
	docs := []store.LedgerDoc{
		{K: a, ID: "art-a", Hash: "ha", Published: "2024-08-10", Site: "Kyiv Wire", URL: "u-a", Family: a, Joins: []byte(`[]`), Bands: []uint64{7, 1 << 63}},
		{K: c, ID: "art-c", Hash: "hc", Published: "2024-08-11", Parent: a, Family: a, Bands: []uint64{7}},
		{K: b, ID: "art-b", Hash: "hb", Published: "2024-08-12T09:30:00Z", Family: b, Failed: "bad spans"},
	}
	units := []store.LedgerUnit{
		{UnitRef: store.UnitRef{K: a, Seq: 0}, Comp: 1, At: 1723280000, Data: []byte(`{"p":"a0"}`)},
		{UnitRef: store.UnitRef{K: a, Seq: 1}, Comp: 2, At: 1723300000, Data: []byte(`{"p":"a1"}`)},
		{UnitRef: store.UnitRef{K: c, Seq: 0}, Comp: 1, Echo: true, Data: []byte(`{"p":"c0"}`)},
	}
	day := int64(19945) // 2024-08-10
	keys := []store.UnitKey{
		{Key: 1 << 63, Day: day, UnitRef: units[0].UnitRef},
		{Key: 5, Day: day, UnitRef: units[0].UnitRef},
		{Key: 5, Day: day, UnitRef: units[1].UnitRef},
		{Key: 5, Day: day + 30, UnitRef: store.UnitRef{K: b, Seq: 0}},
		{Key: 5, Day: -1, UnitRef: store.UnitRef{K: b, Seq: 1}},
	}
	bands := []store.BandHit{
		{Band: 7, BandPos: store.BandPos{Ord: 10, Pre: 1}, K: a},
		{Band: 7, BandPos: store.BandPos{Ord: 20, Pre: -5}, K: c},
		{Band: 1 << 63, BandPos: store.BandPos{Ord: 10, Pre: 1}, K: a},
	}
	claim := crosscheck.Claim{ID: "claim-1", Summary: "Forces advanced", Status: []string{crosscheck.StatusUnconfirmed},
		Parties: []string{"UA"}, FirstSeen: "2024-08-10", Statements: []crosscheck.ClaimStatement{{Article: "art-a", Statement: "s1", Content: "x"}},
		Evidence: []crosscheck.Evidence{}, Appearances: []crosscheck.Appearance{{Article: "art-a"}}}
	err := v.Apply(ctx, store.LedgerDelta{Docs: docs, Units: units, AddKeys: keys, AddBands: bands,
		Claims: []crosscheck.Claim{claim}, EchoOf: map[string]string{"art-c": "art-a"}, BuiltFrom: 1})
	if err != nil {
		t.Fatal(err)
	}
	got, err := v.Docs(ctx, []int64{a, b, c, 1 << 40})
	if err != nil || len(got) != 3 {
		t.Fatalf("Docs = %+v, %v", got, err)
	}
	slices.SortFunc(got, func(x, y store.LedgerDoc) int { return int(x.K - y.K) })
	want := slices.Clone(docs)
	slices.SortFunc(want, func(x, y store.LedgerDoc) int { return int(x.K - y.K) })
	for i := range want {
		g, w := got[i], want[i]
		if g.ID != w.ID || g.Hash != w.Hash || g.Published != w.Published || g.Site != w.Site || g.URL != w.URL ||
			g.Parent != w.Parent || g.Family != w.Family || string(g.Joins) != string(w.Joins) ||
			!slices.Equal(g.Bands, w.Bands) || g.Failed != w.Failed {
			t.Errorf("doc %d: got %+v, want %+v", w.K, g, w)
		}
	}
	heads, err := v.DocHeads(ctx, []int64{a, b, c, 1 << 40})
	if err != nil || len(heads) != 3 {
		t.Fatalf("DocHeads = %+v, %v", heads, err)
	}
	slices.SortFunc(heads, func(x, y store.LedgerDoc) int { return int(x.K - y.K) })
	for i, w := range want {
		w.Joins, w.Bands = nil, nil
		if g := heads[i]; !reflect.DeepEqual(g, w) {
			t.Errorf("DocHeads %d: got %+v, want %+v", w.K, g, w)
		}
	}
	if ch, err := v.Children(ctx, []int64{a}); err != nil || len(ch) != 1 || ch[0].K != c {
		t.Errorf("Children(a) = %+v, %v", ch, err)
	}
	if fam, err := v.Family(ctx, []int64{a}); err != nil || len(fam) != 2 {
		t.Errorf("Family(a) = %+v, %v", fam, err)
	}
	comp, err := v.Components(ctx, []int64{1}, nil)
	if err != nil || len(comp) != 2 {
		t.Fatalf("Components(1) = %+v, %v", comp, err)
	}
	for _, u := range comp {
		if u.K == c && (!u.Echo || string(u.Data) != `{"p":"c0"}`) {
			t.Errorf("echo statement read back as %+v", u)
		}
	}
	// Every read gives a statement the id of its article's doc, which
	// its data need not repeat.
	ids := map[int64]string{a: "art-a", c: "art-c"}
	within := func(comp int64) []store.LedgerUnit {
		var out []store.LedgerUnit
		if err := v.EachComponentUnitWithin(ctx, comp, math.MinInt64, math.MaxInt64, nil, func(u store.LedgerUnit) error {
			out = append(out, u)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	byArticle, _ := v.UnitsOf(ctx, []int64{a, c})
	byRef, _ := v.Units(ctx, []store.UnitRef{units[1].UnitRef})
	for _, read := range [][]store.LedgerUnit{comp, byArticle, byRef, within(1), within(2)} {
		if len(read) == 0 {
			t.Error("no statements read")
		}
		for _, u := range read {
			if u.Article != ids[u.K] {
				t.Errorf("statement %v read with article %q, want %q", u.UnitRef, u.Article, ids[u.K])
			}
		}
	}
	if comp, err := v.Components(ctx, []int64{1}, func(r store.UnitRef) bool { return r.K == c }); err != nil || len(comp) != 2 {
		t.Errorf("Components with skip = %+v, %v", comp, err)
	} else {
		for _, u := range comp {
			if (u.K == c) != (u.Data == nil) {
				t.Errorf("skip: %+v", u)
			}
		}
	}
	// Handed over one by one: the same statements, the skipped without
	// their data; an error from fn stops the walk and comes back.
	var each []store.LedgerUnit
	err = v.EachComponentUnit(ctx, []int64{1}, func(r store.UnitRef) bool { return r.K == c }, func(u store.LedgerUnit) error {
		each = append(each, u)
		return nil
	})
	withSkip, _ := v.Components(ctx, []int64{1}, func(r store.UnitRef) bool { return r.K == c })
	if err != nil || !reflect.DeepEqual(each, withSkip) {
		t.Errorf("EachComponentUnit = %+v, %v; Components gave %+v", each, err, withSkip)
	}
	stop := errors.New("stop")
	n := 0
	if err := v.EachComponentUnit(ctx, []int64{1}, nil, func(store.LedgerUnit) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("EachComponentUnit with fn failing: %v after %d statements", err, n)
	}
	// By publication: a statement with At 0 (undated, or written before
	// At was kept) is always read.
	since := func(comp, at int64) []store.LedgerUnit {
		var out []store.LedgerUnit
		if err := v.EachComponentUnitWithin(ctx, comp, at, math.MaxInt64, nil, func(u store.LedgerUnit) error {
			out = append(out, u)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(out, func(x, y store.LedgerUnit) int { return int(x.K - y.K) })
		return out
	}
	if got := since(1, 1723280000); len(got) != 2 || got[0].At != 1723280000 || string(got[0].Data) != `{"p":"a0"}` {
		t.Errorf("EachComponentUnitWithin(1, its time) = %+v", got)
	}
	if got := since(1, 1723280001); len(got) != 1 || got[0].K != c || !got[0].Echo || string(got[0].Data) != `{"p":"c0"}` {
		t.Errorf("EachComponentUnitWithin(1, a second later) = %+v; want the undated echo only", got)
	}
	if got := since(2, 1723300001); len(got) != 0 {
		t.Errorf("EachComponentUnitWithin(2, after its one statement) = %+v", got)
	}
	// In the order of At, those without first.
	var order []int64
	if err := v.EachComponentUnitWithin(ctx, 1, math.MinInt64, math.MaxInt64, nil, func(u store.LedgerUnit) error {
		order = append(order, u.At)
		return nil
	}); err != nil || !slices.Equal(order, []int64{0, 1723280000}) {
		t.Errorf("EachComponentUnitWithin(1, all) read At %v, %v; want [0 1723280000]", order, err)
	}
	// Up to a time: those with At 0 still read.
	var upTo []int64
	if err := v.EachComponentUnitWithin(ctx, 1, math.MinInt64, 1723279999, nil, func(u store.LedgerUnit) error {
		upTo = append(upTo, u.At)
		return nil
	}); err != nil || !slices.Equal(upTo, []int64{0}) {
		t.Errorf("EachComponentUnitWithin(1, up to a second before its time) read At %v, %v; want [0]", upTo, err)
	}
	wantStats := map[int64]store.CompStat{1: {Size: 2, First: 0, Last: 1723280000}, 2: {Size: 1, First: 1723300000, Last: 1723300000}}
	if stats, err := v.CompStats(ctx, []int64{1, 2, 77}); err != nil || !reflect.DeepEqual(stats, wantStats) {
		t.Errorf("CompStats = %v, %v; want %v (1: First 0, an undated statement)", stats, err, wantStats)
	}
	// The statements asked for, with their data; a's other statement is
	// read with them and left out (not decompressed: a store that did
	// would only cost more).
	if us, err := v.Units(ctx, []store.UnitRef{{K: a, Seq: 1}, {K: b, Seq: 9}}); err != nil || len(us) != 1 || us[0].Comp != 2 || us[0].At != 1723300000 || string(us[0].Data) != `{"p":"a1"}` {
		t.Errorf("Units = %+v, %v; want a's statement 1 with its data", us, err)
	}
	if us, err := v.UnitsOf(ctx, []int64{a}); err != nil || len(us) != 2 {
		t.Errorf("UnitsOf(a) = %+v, %v", us, err)
	}
	if n, err := v.NextComponent(ctx); err != nil || n != 3 {
		t.Errorf("NextComponent = %d, %v", n, err)
	}
	hits, err := v.LinkNeighbours(ctx, []uint64{5, 1 << 63}, day-1, day+1, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 4 { // three in the window, one undated
		t.Errorf("LinkNeighbours in the window = %+v", hits)
	}
	if all, err := v.LinkNeighbours(ctx, []uint64{5}, 0, 0, true); err != nil || len(all) != 4 {
		t.Errorf("LinkNeighbours of an undated statement = %+v, %v", all, err)
	}
	max := store.BandPos{Ord: 1<<63 - 1, Pre: 1<<63 - 1}
	min := store.BandPos{Ord: -1 << 63, Pre: -1 << 63}
	if bh, err := v.BandNeighbours(ctx, []uint64{7, 1 << 63}, min, max, 1); err != nil || len(bh) != 2 || bh[0].K != a || bh[1].K != a {
		t.Errorf("BandNeighbours limit 1 = %+v, %v", bh, err)
	}
	if bh, err := v.BandNeighbours(ctx, []uint64{7}, store.BandPos{Ord: 10, Pre: 2}, max, 0); err != nil || len(bh) != 1 || bh[0].K != c {
		t.Errorf("BandNeighbours after art-a = %+v, %v", bh, err)
	}
	if cl, err := s.Claim(ctx, "claim-1"); err != nil || cl.Summary != claim.Summary {
		t.Errorf("claim = %+v, %v", cl, err)
	}
	if stale, err := s.LedgerStale(ctx); err != nil || stale {
		t.Errorf("LedgerStale = %v, %v after BuiltFrom = the generation", stale, err)
	}
	// Drops and renames.
	err = v.Apply(ctx, store.LedgerDelta{DropUnits: []store.UnitRef{units[1].UnitRef}, DropKeys: keys[2:3],
		DropBands: bands[1:2], Relabel: []store.Relabel{{From: 1, To: 9}}, Remove: []string{"claim-1"}, NotEchoes: []string{"art-c"}})
	if err != nil {
		t.Fatal(err)
	}
	if comp, err := v.Components(ctx, []int64{9}, nil); err != nil || len(comp) != 2 {
		t.Errorf("component renamed: %+v, %v", comp, err)
	}
	if us, err := v.UnitsOf(ctx, []int64{a}); err != nil || len(us) != 1 {
		t.Errorf("dropped statement still there: %+v, %v", us, err)
	}
	if hits, err := v.LinkNeighbours(ctx, []uint64{5}, day, day, false); err != nil || len(hits) != 2 {
		t.Errorf("dropped index row still there: %+v, %v", hits, err)
	}
	if bh, err := v.BandNeighbours(ctx, []uint64{7}, min, max, 0); err != nil || len(bh) != 1 {
		t.Errorf("dropped band row still there: %+v, %v", bh, err)
	}
	if _, err := s.Claim(ctx, "claim-1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removed claim: %v", err)
	}
	as, _, err := s.Articles(ctx, store.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ar := range as {
		if ar.EchoOf != "" {
			t.Errorf("echo left: %+v", ar)
		}
	}
	// A statement moved to another component keeps its data, time and
	// echo; the move comes after the renames of the same step.
	if err := v.Apply(ctx, store.LedgerDelta{Relabel: []store.Relabel{{From: 9, To: 11}},
		Moves: []store.UnitMove{{UnitRef: store.UnitRef{K: c, Seq: 0}, Comp: 12}}}); err != nil {
		t.Fatal(err)
	}
	if us, err := v.Components(ctx, []int64{11}, nil); err != nil || len(us) != 1 || us[0].K != a || string(us[0].Data) != `{"p":"a0"}` {
		t.Errorf("Components(11) after the rename = %+v, %v; want a's statement 0", us, err)
	}
	if us, err := v.Components(ctx, []int64{12}, nil); err != nil || len(us) != 1 || us[0].K != c || !us[0].Echo || us[0].At != 0 || string(us[0].Data) != `{"p":"c0"}` {
		t.Errorf("Components(12) after the move = %+v, %v; want c's echo statement with its data", us, err)
	}
}

// testLedgerMoved: a view whose ledger another view wrote meanwhile may
// not apply.
func testLedgerMoved(t *testing.T, open func(t *testing.T) store.Store) {
	s1, s2 := open(t), open(t)
	putAll(t, s1, Corpus(t))
	v1, v2 := openView(t, s1, false), openView(t, s2, false)
	if err := v1.Apply(t.Context(), store.LedgerDelta{}); err != nil {
		t.Fatal(err)
	}
	if err := v2.Apply(t.Context(), store.LedgerDelta{}); !errors.Is(err, store.ErrLedgerMoved) {
		t.Errorf("second writer: %v, want ErrLedgerMoved", err)
	}
}

// testLedgerRebuildView: a rebuild starts from an empty ledger that nobody
// else sees until it commits; a rollback leaves the ledger as it was; a
// commit records the generation and makes the state valid.
func testLedgerRebuildView(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := t.Context()
	s := open(t)
	putAll(t, s, Corpus(t))
	claim := crosscheck.Claim{ID: "old", Summary: "old", Status: []string{crosscheck.StatusUnconfirmed}, Parties: []string{},
		Statements: []crosscheck.ClaimStatement{}, Evidence: []crosscheck.Evidence{}, Appearances: []crosscheck.Appearance{}}
	if err := s.ReplaceClaims(ctx, []crosscheck.Claim{claim}, nil); err != nil {
		t.Fatal(err)
	}
	v := openView(t, s, false)
	if st, err := v.Status(ctx); err != nil || st.Valid {
		t.Errorf("state after a foreign build: %+v, %v (want not valid)", st, err)
	}
	v.Rollback()
	r, err := ledgerOf(t, s).OpenLedger(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if items := pending(t, r); len(items) != 4 {
		t.Errorf("a rebuild reads every article: %v", itemIDs(items))
	}
	if err := r.Rollback(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Claim(ctx, "old"); err != nil {
		t.Errorf("rolled back rebuild lost the ledger: %v", err)
	}
	r, err = ledgerOf(t, s).OpenLedger(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	st, err := r.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The rebuild brings two articles in (their docs at the hash read).
	read := pending(t, r)[:2]
	var docs []store.LedgerDoc
	for _, it := range read {
		docs = append(docs, store.LedgerDoc{K: it.K, ID: it.ID, Hash: it.Hash, Family: it.K})
	}
	if err := r.Apply(ctx, store.LedgerDelta{Docs: docs, Done: read, BuiltFrom: st.Generation}); err != nil {
		t.Fatal(err)
	}
	if err := r.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Claim(ctx, "old"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("rebuild kept the old claims: %v", err)
	}
	v = openView(t, s, false)
	if st, err := v.Status(ctx); err != nil || !st.Valid || st.BuiltFrom != st.Generation {
		t.Errorf("state after the rebuild: %+v, %v", st, err)
	}
	if items := pending(t, v); len(items) != 2 || items[0].ID == read[0].ID || items[1].ID == read[1].ID {
		t.Errorf("queue after the rebuild: %v; want the two it did not read", itemIDs(items))
	}
}

// testLedgerLock: the ledger lock is held by one handle at a time and a
// waiter gives up with its context.
func testLedgerLock(t *testing.T, open func(t *testing.T) store.Store) {
	s1, s2 := open(t), open(t)
	unlock, err := ledgerOf(t, s1).LockLedger(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	if u2, err := ledgerOf(t, s2).LockLedger(ctx); err == nil {
		u2()
		t.Fatal("second handle took the lock while the first held it")
	}
	got := make(chan error, 1)
	go func() {
		u2, err := ledgerOf(t, s2).LockLedger(t.Context())
		if err == nil {
			u2()
		}
		got <- err
	}()
	time.Sleep(100 * time.Millisecond)
	unlock()
	select {
	case err := <-got:
		if err != nil {
			t.Errorf("lock after release: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("the lock was not handed over after release")
	}
}

// testLedgerComponentMarks: the components a step marks pending come back
// in id order page by page, with their episodes and the time to build
// from (the earliest of several marks); the replaced claims wait in
// OldClaims until dropped; a rebuild clears both.
func testLedgerComponentMarks(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := t.Context()
	s := open(t)
	putAll(t, s, Corpus(t))
	v := openView(t, s, false)
	// Episodes: one of unknown start (a small component, or one stored
	// before episodes had starts), or several with starts, one of them
	// without a claim.
	episodes := map[int64][]store.Episode{
		2: {{Claim: "claim-2"}},
		4: {{Start: 1700000000000000000, Claim: "claim-4"}, {Start: 1702600000000000000}, {Start: 1705200000000000000, Claim: "claim-4c"}},
		6: {{Start: -5, Claim: "claim-6"}},
	}
	var comps []store.LedgerComp
	for c := int64(1); c <= 7; c++ {
		comp := store.LedgerComp{Comp: c, Pending: c%2 == 1, Episodes: episodes[c]}
		if c == 5 || c == 7 {
			comp.From = 2000
		}
		comps = append(comps, comp)
	}
	if err := v.Apply(ctx, store.LedgerDelta{Comps: comps, AddOldClaims: []string{"gone-b", "gone-a", ""}}); err != nil {
		t.Fatal(err)
	}
	ids := func(cs []store.LedgerComp) []int64 {
		var out []int64
		for _, c := range cs {
			out = append(out, c.Comp)
		}
		return out
	}
	page, err := v.PendingComps(ctx, 0, 2)
	if err != nil || !slices.Equal(ids(page), []int64{1, 3}) {
		t.Errorf("PendingComps(0, 2) = %v, %v; want [1 3]", page, err)
	}
	page, err = v.PendingComps(ctx, 3, 10)
	if err != nil || !slices.Equal(ids(page), []int64{5, 7}) || page[0].From != 2000 || !page[0].Pending {
		t.Errorf("PendingComps(3, 10) = %+v, %v; want [5 7] from 2000", page, err)
	}
	eps, err := v.CompEpisodes(ctx, []int64{2, 3, 4, 6, 99})
	if err != nil || len(eps) != 3 || !reflect.DeepEqual(eps[2], episodes[2]) || eps[3] != nil ||
		!reflect.DeepEqual(eps[4], episodes[4]) || !reflect.DeepEqual(eps[6], episodes[6]) {
		t.Errorf("CompEpisodes = %v, %v", eps, err)
	}
	if got := store.Claims(eps[4]); !slices.Equal(got, []string{"claim-4", "claim-4c"}) {
		t.Errorf("Claims(episodes of 4) = %v", got)
	}
	if old, err := v.OldClaims(ctx); err != nil || !slices.Equal(old, []string{"gone-a", "gone-b"}) {
		t.Errorf("OldClaims = %v, %v; want [gone-a gone-b]", old, err)
	}
	// Marked again before being built: the earlier From stays (5: 500
	// then 3000; 7: all, then 100); built, a component is pending no more.
	for _, d := range []store.LedgerDelta{
		{Comps: []store.LedgerComp{{Comp: 5, Pending: true, From: 500}, {Comp: 7, Pending: true}}},
		{Comps: []store.LedgerComp{{Comp: 5, Pending: true, From: 3000}, {Comp: 7, Pending: true, From: 100}}},
	} {
		if err := v.Apply(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	if page, err := v.PendingComps(ctx, 4, 10); err != nil || len(page) != 2 || page[0].From != 500 || page[1].From != 0 {
		t.Errorf("PendingComps after marking again = %+v, %v; want 5 from 500, 7 from 0", page, err)
	}
	// Built: 1 gets its claim; 3 goes (merged away); 2 is pending again.
	err = v.Apply(ctx, store.LedgerDelta{
		Comps:     []store.LedgerComp{{Comp: 1, Episodes: []store.Episode{{Claim: "claim-1"}}}, {Comp: 2, Pending: true, Episodes: episodes[2]}},
		DropComps: []int64{3}, DropOldClaims: []string{"gone-a"}, AddOldClaims: []string{"claim-2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if page, err := v.PendingComps(ctx, 0, 10); err != nil || !slices.Equal(ids(page), []int64{2, 5, 7}) || !reflect.DeepEqual(page[0].Episodes, episodes[2]) {
		t.Errorf("PendingComps after a build = %+v, %v; want [2 5 7]", page, err)
	}
	if eps, err := v.CompEpisodes(ctx, []int64{1, 3}); err != nil || len(eps) != 1 || !reflect.DeepEqual(eps[1], []store.Episode{{Claim: "claim-1"}}) {
		t.Errorf("CompEpisodes after a build = %v, %v", eps, err)
	}
	if old, err := v.OldClaims(ctx); err != nil || !slices.Equal(old, []string{"claim-2", "gone-b"}) {
		t.Errorf("OldClaims after a build = %v, %v", old, err)
	}
	if err := v.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	r, err := ledgerOf(t, s).OpenLedger(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Rollback()
	if page, err := r.PendingComps(ctx, 0, 10); err != nil || len(page) != 0 {
		t.Errorf("a rebuild starts with pending components %v, %v", page, err)
	}
	if old, err := r.OldClaims(ctx); err != nil || len(old) != 0 {
		t.Errorf("a rebuild starts with old claims %v, %v", old, err)
	}
}
