package storetest

import (
	"cmp"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// runLedger runs the tests of the generation-stamped ledger, partial claim
// updates, precomputed counts and the echo and link indexes.
func runLedger(t *testing.T, newStore func(t *testing.T) store.Store) {
	t.Run("LedgerGenerations", func(t *testing.T) { testLedgerGenerations(t, newStore(t)) })
	t.Run("ConcurrentLedgers", func(t *testing.T) { testConcurrentLedgers(t, newStore(t)) })
	t.Run("UpdateClaims", func(t *testing.T) { testUpdateClaims(t, newStore(t)) })
	t.Run("CountsMatchScan", func(t *testing.T) { testCountsMatchScan(t, newStore(t)) })
	t.Run("EchoCandidates", func(t *testing.T) { testEchoCandidates(t, newStore(t)) })
	t.Run("LinkCandidates", func(t *testing.T) { testLinkCandidates(t, newStore(t)) })
	t.Run("ClaimRoundTrip", func(t *testing.T) { testClaimRoundTrip(t, newStore(t)) })
	t.Run("ClaimBriefs", func(t *testing.T) { testClaimBriefs(t, newStore(t)) })
	t.Run("ClaimTextFilters", func(t *testing.T) { testClaimTextFilters(t, newStore(t)) })
	t.Run("ClaimTextWindow", func(t *testing.T) { testClaimTextWindow(t, newStore(t)) })
	t.Run("ClaimTextCountCap", func(t *testing.T) { testClaimTextCountCap(t, newStore(t)) })
	t.Run("ClaimRangeLatest", func(t *testing.T) { testClaimRangeLatest(t, newStore(t)) })
	t.Run("ParkedDocs", func(t *testing.T) { testParkedDocs(t, newStore(t)) })
	t.Run("ClaimsGrow", func(t *testing.T) { testClaimsGrow(t, newStore) })
	t.Run("UnchangedClaimsUnwritten", func(t *testing.T) { testUnchangedClaimsUnwritten(t, newStore(t)) })
}

// testParkedDocs: documents parked for the job queue come back as they
// went in, keep the first of a key, and go when dropped.
func testParkedDocs(t *testing.T, s store.Store) {
	ctx := t.Context()
	a := store.ParkedDoc{DocKey: store.DocKey{SourceKey: "feed.xml#item=1", DocHash: "h1"},
		Doc: crosscheck.Document{URL: "https://example.org/a", ContentType: "text/html", Body: []byte("<p>Körper \x00 text</p>"),
			Site: "Example", Title: "A", Published: "2024-05-01", Language: "en"}}
	b := store.ParkedDoc{DocKey: store.DocKey{SourceKey: "feed.xml#item=2", DocHash: "h2"}, Doc: crosscheck.Document{Body: []byte("second")}}
	again := a
	again.Doc.Body = []byte("not the first")
	if err := s.ParkDocs(ctx, []store.ParkedDoc{a, b, again}); err != nil {
		t.Fatal(err)
	}
	if err := s.ParkDocs(ctx, []store.ParkedDoc{again}); err != nil {
		t.Fatal(err)
	}
	got, err := s.ParkedDoc(ctx, a.SourceKey, a.DocHash)
	if err != nil || !reflect.DeepEqual(got, a.Doc) {
		t.Errorf("ParkedDoc = %+v, %v; want %+v", got, err, a.Doc)
	}
	if _, err := s.ParkedDoc(ctx, a.SourceKey, "other"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another hash: %v, want ErrNotFound", err)
	}
	if err := s.DropDocs(ctx, []store.DocKey{a.DocKey, {SourceKey: "absent", DocHash: "x"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ParkedDoc(ctx, a.SourceKey, a.DocHash); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("dropped document still parked: %v", err)
	}
	if got, err := s.ParkedDoc(ctx, b.SourceKey, b.DocHash); err != nil || string(got.Body) != "second" {
		t.Errorf("other document: %+v, %v", got, err)
	}
}

// testClaimRoundTrip: a claim reads back exactly as written, whether its
// statements and appearances repeat their article's site, URL and date
// (which the store need not keep twice), leave them blank, or differ.
func testClaimRoundTrip(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	claims, _ := Ledger()
	c := claims[0]
	c.ID = "claim-mixed"
	c.Statements = append(slices.Clone(c.Statements),
		crosscheck.ClaimStatement{Article: "art-a", Statement: "s2", Content: "blank site and date"},
		crosscheck.ClaimStatement{Article: "art-a", Statement: "s1", Site: "Other Site", Published: "2024-08-10", Content: "another site"},
		crosscheck.ClaimStatement{Article: "missing-article", Statement: "s9", Site: "Nowhere", Published: "2020-01-01", Content: "unknown article"})
	c.Appearances = append(slices.Clone(c.Appearances),
		crosscheck.Appearance{Article: "art-b"},
		crosscheck.Appearance{Article: "art-d", Site: "Kyiv Wire", URL: "https://kyivwire.example/art-d"})
	want := []crosscheck.Claim{c, claims[1]}
	if err := s.ReplaceClaims(ctx, want, nil); err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		got, err := s.Claim(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("Claim(%s) round trip:\n got %+v\nwant %+v", w.ID, got, w)
		}
	}
	listed, _, err := s.Claims(ctx, store.ClaimFilter{Sort: store.SortOldest})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(listed, want) {
		t.Errorf("Claims round trip:\n got %+v\nwant %+v", listed, want)
	}
	// A claim of thousands of statements, written by an update: the same
	// statements again and again, under other ids.
	large := claims[1]
	large.ID = "claim-large"
	large.Statements = nil
	for i := 0; len(large.Statements) < 4200; i++ {
		for _, st := range c.Statements {
			st.Statement = fmt.Sprintf("%s-%d", st.Statement, i)
			large.Statements = append(large.Statements, st)
		}
	}
	if err := s.UpdateClaims(ctx, store.ClaimUpdate{Claims: []crosscheck.Claim{large}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Claim(ctx, large.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, large) {
		t.Errorf("Claim(%s) round trip: %d statements back of %d, or other fields differ", large.ID, len(got.Statements), len(large.Statements))
	}
}

// testClaimBriefs: lists of briefs give the claims of Claims in the same
// order; a claim with more than BriefItems statements or appearances comes
// cut to its first ones, with the full counts, also after an update.
func testClaimBriefs(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	claims, echo := Ledger()
	big := claims[0]
	big.ID = "claim-big"
	big.Statements = nil
	for i := range store.BriefItems + 5 {
		big.Statements = append(big.Statements, crosscheck.ClaimStatement{Article: "art-a", Statement: fmt.Sprintf("s%d", i+1),
			Site: "Kyiv Wire", Published: "2024-08-10", Speaker: "Oleksandr Syrskyi", Stance: "assert", Content: fmt.Sprintf("statement number %d", i)})
	}
	claims = append(claims, big)
	if err := s.ReplaceClaims(ctx, claims, echo); err != nil {
		t.Fatal(err)
	}
	check := func(f store.ClaimFilter, wantBig int) {
		t.Helper()
		full, total, err := s.Claims(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		briefs, btotal, err := s.ClaimBriefs(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if btotal != total || len(briefs) != len(full) {
			t.Fatalf("%+v: %d briefs of %d, want %d of %d", f, len(briefs), btotal, len(full), total)
		}
		for i, b := range briefs {
			c := full[i]
			if b.Statements != len(c.Statements) || b.Evidence != len(c.Evidence) || b.Appearances != len(c.Appearances) {
				t.Errorf("brief of %s counts %d/%d/%d, claim has %d/%d/%d", c.ID, b.Statements, b.Evidence, b.Appearances,
					len(c.Statements), len(c.Evidence), len(c.Appearances))
			}
			want := c
			if c.ID == "claim-big" && len(c.Statements) != wantBig {
				t.Errorf("claim-big has %d statements, want %d", len(c.Statements), wantBig)
			}
			if len(c.Statements) > store.BriefItems {
				want.Statements = c.Statements[:store.BriefItems]
			}
			if b.Truncated() != (len(c.Statements) > store.BriefItems) {
				t.Errorf("brief of %s: truncated %v with %d statements", c.ID, b.Truncated(), len(c.Statements))
			}
			if !reflect.DeepEqual(b.Claim, want) {
				t.Errorf("brief of %s:\n got %+v\nwant %+v", c.ID, b.Claim, want)
			}
		}
	}
	check(store.ClaimFilter{}, store.BriefItems+5)
	check(store.ClaimFilter{Party: "UA", Sort: store.SortLatest, Limit: 2}, store.BriefItems+5)
	// The incremental path rewrites the brief with the claim.
	big.Statements = big.Statements[:store.BriefItems+2]
	if err := s.UpdateClaims(ctx, store.ClaimUpdate{Claims: []crosscheck.Claim{big}}); err != nil {
		t.Fatal(err)
	}
	check(store.ClaimFilter{Speaker: "oleksandr syrskyi"}, store.BriefItems+2)
	if db, ok := s.(interface{ SQL() *sql.DB }); ok {
		// A database written when briefs held more items has none for a
		// claim of a few more than BriefItems: the list cuts the claim.
		if _, err := db.SQL().ExecContext(ctx, `UPDATE claims SET brief = NULL WHERE id = 'claim-big'`); err != nil {
			t.Fatal(err)
		}
		check(store.ClaimFilter{Speaker: "oleksandr syrskyi"}, store.BriefItems+2)
	}
	big.Statements = big.Statements[:3]
	if err := s.UpdateClaims(ctx, store.ClaimUpdate{Claims: []crosscheck.Claim{big}}); err != nil {
		t.Fatal(err)
	}
	check(store.ClaimFilter{}, 3)
}

// testClaimTextFilters checks a text query combined with every other
// filter against what the filters mean, on an invented ledger: the claims
// listed (all pages), the total and the counts per status, whether the
// claims were written whole or one update at a time.
func testClaimTextFilters(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	statuses := [][]string{{crosscheck.StatusUnconfirmed}, {crosscheck.StatusDisputed}, {crosscheck.StatusCorroborated},
		{crosscheck.StatusCorroborated, crosscheck.StatusDisputed}, {crosscheck.StatusConfirmedByAdversary}}
	parties := [][]string{{"UA"}, {"RU"}, {"RU", "UA"}, {"us"}}
	words := []string{"bridge", "convoy", "harbour"}
	articles := []string{"art-a", "art-b", "art-c"}
	speakers := []string{"Oleksandr Syrskyi", "Igor Konashenkov", "Maria Zakharova"}
	var claims []crosscheck.Claim
	for i := range 60 {
		day := fmt.Sprintf("2024-%02d-%02d", 1+i%5, 1+(i*7)%28)
		c := crosscheck.Claim{
			ID:        fmt.Sprintf("claim-%02d", i),
			Summary:   fmt.Sprintf("the %s number %d was hit", words[i%3], i),
			Status:    statuses[i%5],
			Parties:   parties[i%4],
			FirstSeen: day,
			Statements: []crosscheck.ClaimStatement{{Article: articles[i%3], Statement: "s1", Published: day,
				Speaker: speakers[i%3], Stance: "assert", Content: fmt.Sprintf("the %s number %d was hit", words[i%3], i)}},
		}
		if i%6 == 0 {
			// Also about a second word, in a later statement.
			c.Statements = append(c.Statements, crosscheck.ClaimStatement{Article: articles[(i+1)%3], Statement: "s2",
				Published: day, Speaker: speakers[(i+1)%3], Stance: "assert", Content: "and the " + words[(i+1)%3]})
		}
		claims = append(claims, c)
	}
	has := func(c crosscheck.Claim, f store.ClaimFilter) bool {
		text := c.Summary
		for _, st := range c.Statements {
			text += " " + st.Content
		}
		if !strings.Contains(text, f.Q) {
			return false
		}
		if f.Status != "" && !slices.Contains(c.Status, f.Status) {
			return false
		}
		if f.Party != "" && !slices.Contains(c.Parties, f.Party) {
			return false
		}
		if f.Since != "" && c.FirstSeen < f.Since || f.Until != "" && c.FirstSeen > f.Until {
			return false
		}
		found := f.Speaker == "" && f.Article == ""
		for _, st := range c.Statements {
			if (f.Speaker == "" || strings.EqualFold(st.Speaker, f.Speaker)) && (f.Article == "" || st.Article == f.Article) {
				found = true
			}
		}
		return found
	}
	filters := []store.ClaimFilter{
		{Q: "bridge"}, {Q: "convoy", Status: crosscheck.StatusDisputed}, {Q: "convoy", Status: crosscheck.StatusUnconfirmed},
		{Q: "harbour", Party: "RU"}, {Q: "bridge", Party: "us"}, {Q: "bridge", Party: "US"},
		{Q: "bridge", Status: crosscheck.StatusCorroborated, Party: "UA"},
		{Q: "convoy", Since: "2024-02-10", Until: "2024-04-05"}, {Q: "convoy", Since: "2024-03-01"},
		{Q: "harbour", Until: "2024-02-15", Party: "RU"}, {Q: "harbour", Since: "2020-01-01", Until: "2024-12-31"},
		{Q: "bridge", Speaker: "maria zakharova"}, {Q: "convoy", Speaker: "Igor Konashenkov", Party: "RU"},
		{Q: "harbour", Article: "art-b"}, {Q: "bridge", Article: "art-a", Status: crosscheck.StatusDisputed},
		{Q: "bridge", Sort: store.SortLatest}, {Q: "convoy", Sort: store.SortOldest, Party: "UA"},
		{Q: "bridge", Status: "bogus"},
	}
	check := func(how string) {
		for _, f := range filters {
			want := map[string]bool{}
			wantCounts := map[string]int{}
			for _, c := range claims {
				if has(c, f) {
					want[c.ID] = true
				}
				g := f
				g.Status = ""
				if has(c, g) {
					for _, st := range c.Status {
						wantCounts[st]++
					}
				}
			}
			f.Limit = 1000
			got, total, err := s.Claims(ctx, f)
			if err != nil {
				t.Fatalf("%s %+v: %v", how, f, err)
			}
			gotIDs := map[string]bool{}
			for _, c := range got {
				gotIDs[c.ID] = true
			}
			if !reflect.DeepEqual(gotIDs, want) || total != len(want) {
				t.Errorf("%s %+v: %d claims (total %d), want %d: %v", how, f, len(got), total, len(want), claimIDs(got))
			}
			counts, err := s.StatusCounts(ctx, f)
			if err != nil {
				t.Fatalf("%s %+v: %v", how, f, err)
			}
			if !reflect.DeepEqual(counts, wantCounts) {
				t.Errorf("%s %+v: counts %v, want %v", how, f, counts, wantCounts)
			}
		}
	}
	if err := s.ReplaceClaims(ctx, claims, nil); err != nil {
		t.Fatal(err)
	}
	check("whole")
	// Claims written one update at a time, statuses changing.
	for i := range claims {
		if i%4 == 1 {
			claims[i].Status = statuses[(i+1)%5]
			if err := s.UpdateClaims(ctx, store.ClaimUpdate{Claims: []crosscheck.Claim{claims[i]}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	check("updated")
}

// testClaimTextWindow: a text query matching more claims than
// store.TextWindow says there are more than store.TextCountCap, and its first page sorted by
// latest activity or oldest first is exact (the window is taken at that
// end of the key order).
func testClaimTextWindow(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	n := store.TextWindow + 150
	start := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	var claims []crosscheck.Claim
	for i := range n {
		// Claims first seen one a day; each active for i%9 days.
		first := start.AddDate(0, 0, (i*7919)%n).Format("2006-01-02")
		last := start.AddDate(0, 0, (i*7919)%n+i%9).Format("2006-01-02")
		claims = append(claims, crosscheck.Claim{
			ID: fmt.Sprintf("w-%04d", i), Summary: fmt.Sprintf("shelling near village %d", i), Status: []string{crosscheck.StatusUnconfirmed},
			Parties: []string{"UA"}, FirstSeen: first,
			Statements: []crosscheck.ClaimStatement{
				{Article: "art-a", Statement: "s1", Published: first, Speaker: "Oleksandr Syrskyi", Stance: "assert", Content: fmt.Sprintf("shelling near village %d", i)},
				{Article: "art-b", Statement: "s2", Published: last, Speaker: "Igor Konashenkov", Stance: "assert", Content: "the shelling went on"},
			},
		})
	}
	if err := s.ReplaceClaims(ctx, claims, nil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		sort string
		less func(a, b crosscheck.Claim) int
	}{
		{store.SortLatest, func(a, b crosscheck.Claim) int {
			return cmp.Or(-cmp.Compare(a.Statements[1].Published, b.Statements[1].Published), -cmp.Compare(a.FirstSeen, b.FirstSeen), cmp.Compare(a.ID, b.ID))
		}},
		{store.SortOldest, func(a, b crosscheck.Claim) int {
			return cmp.Or(cmp.Compare(a.FirstSeen, b.FirstSeen), cmp.Compare(a.ID, b.ID))
		}},
	} {
		want := slices.Clone(claims)
		slices.SortFunc(want, tc.less)
		// With the unconfirmed status (every claim's), or a date range too
		// long for the index's day words (two centuries, ragged ends),
		// checked on each match rather than in the index: the same
		// window, the same page.
		for _, g := range []store.ClaimFilter{{}, {Status: crosscheck.StatusUnconfirmed}, {Since: "1900-01-02", Until: "2099-12-30"}} {
			status := fmt.Sprintf("%+v", g)
			g.Q, g.Sort, g.Limit = "shelling", tc.sort, 30
			got, total, err := s.Claims(ctx, g)
			if err != nil {
				t.Fatal(err)
			}
			if f := (store.ClaimFilter{Q: "shelling"}); total != store.TextCountCap+1 || !store.CountOver(f, total) {
				t.Errorf("%s %s: total %d of %d matches, want %d (more than store.TextCountCap)", tc.sort, status, total, n, store.TextCountCap+1)
			}
			if g, w := claimIDs(got), claimIDs(want[:30]); !slices.Equal(g, w) {
				t.Errorf("%s %s: first page\n got %v\nwant %v", tc.sort, status, g, w)
			}
		}
	}
}

func generation(t *testing.T, s store.Store) int64 {
	t.Helper()
	g, err := s.Generation(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func ledgerIDs(t *testing.T, s store.Store) []string {
	t.Helper()
	cs, _, err := s.Claims(t.Context(), store.ClaimFilter{Limit: store.MaxLimit, Sort: store.SortOldest})
	if err != nil {
		t.Fatal(err)
	}
	return claimIDs(cs)
}

// testLedgerGenerations: a ledger records the generation it was built
// from; one built from an older generation than the stored one is refused.
func testLedgerGenerations(t *testing.T, s store.Store) {
	ctx := t.Context()
	claims, echo := Ledger()
	g0 := generation(t, s)
	batch := Corpus(t)
	putAll(t, s, batch[:2])
	g1 := generation(t, s)
	if g1 <= g0 {
		t.Fatalf("generation did not grow with new articles: %d → %d", g0, g1)
	}
	putAll(t, s, batch[:2])
	if g := generation(t, s); g != g1 {
		t.Errorf("unchanged articles moved the generation: %d → %d", g1, g)
	}
	// A ledger built before the last put is stored but leaves the ledger
	// stale: it does not cover every article.
	if err := s.ReplaceLedger(ctx, store.Ledger{Claims: claims[1:2], BuiltFrom: g0}); err != nil {
		t.Fatal(err)
	}
	if stale, _ := s.LedgerStale(ctx); !stale {
		t.Errorf("ledger built from generation %d marked current at %d", g0, g1)
	}
	putAll(t, s, batch[2:])
	g2 := generation(t, s)
	if err := s.ReplaceLedger(ctx, store.Ledger{Claims: claims, EchoOf: echo, BuiltFrom: g2}); err != nil {
		t.Fatal(err)
	}
	if stale, _ := s.LedgerStale(ctx); stale {
		t.Errorf("ledger built from the current generation is stale")
	}
	// A slower rebuild that started earlier finishes last: refused.
	err := s.ReplaceLedger(ctx, store.Ledger{Claims: claims[1:2], BuiltFrom: g1})
	if !errors.Is(err, store.ErrSuperseded) {
		t.Errorf("older ledger: %v, want ErrSuperseded", err)
	}
	if got := ledgerIDs(t, s); len(got) != 3 {
		t.Errorf("refused ledger changed the stored one: %v", got)
	}
	// The same generation again (a forced rebuild) is written.
	if err := s.ReplaceLedger(ctx, store.Ledger{Claims: claims[:1], BuiltFrom: g2}); err != nil {
		t.Errorf("forced rebuild at the same generation: %v", err)
	}
	if got := ledgerIDs(t, s); !slices.Equal(got, []string{"claim-advance"}) {
		t.Errorf("after forced rebuild: %v", got)
	}
}

// testConcurrentLedgers writes ledgers built from different generations
// from several goroutines at once: none fails except as superseded, and
// the one from the latest generation is what remains.
func testConcurrentLedgers(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	claims, echo := Ledger()
	top := generation(t, s)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Go(func() {
			gen := top - int64(i%3)
			l := store.Ledger{Claims: claims[i%3 : i%3+1], BuiltFrom: gen}
			if gen == top {
				l = store.Ledger{Claims: claims, EchoOf: echo, BuiltFrom: top}
			}
			if err := s.ReplaceLedger(ctx, l); err != nil && !errors.Is(err, store.ErrSuperseded) {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent ReplaceLedger: %v", err)
	}
	if got := ledgerIDs(t, s); len(got) != 3 {
		t.Errorf("after concurrent rebuilds the ledger is %v, want the latest generation's three claims", got)
	}
	if stale, _ := s.LedgerStale(ctx); stale {
		t.Errorf("ledger stale after concurrent rebuilds")
	}
}

// testUpdateClaims replaces part of the ledger and checks that the result
// answers every query as a whole ledger with the same claims does.
// splitDenial returns the update Ledger's first claim (claim-advance)
// takes in the update tests: it keeps its first two statements, without
// evidence, and its third (the Russian denial) becomes a claim of its own,
// claim-denial, with the status given.
func splitDenial(advance crosscheck.Claim, denialStatus string) (crosscheck.Claim, crosscheck.Claim) {
	denied := advance.Statements[2]
	advance.Statements = advance.Statements[:2]
	advance.Status = []string{crosscheck.StatusUnconfirmed}
	advance.Parties = []string{"UA"}
	advance.Evidence = []crosscheck.Evidence{}
	denial := crosscheck.Claim{ID: "claim-denial", Summary: "Ukrainian units held any settlements",
		Status: []string{denialStatus}, Parties: []string{"RU"}, FirstSeen: "2024-08-12T09:30:00Z",
		Statements:  []crosscheck.ClaimStatement{denied},
		Evidence:    []crosscheck.Evidence{},
		Appearances: []crosscheck.Appearance{{Article: "art-b", Site: "Moscow Daily", Published: "2024-08-12T09:30:00Z"}},
	}
	return advance, denial
}

func testUpdateClaims(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	claims, echo := Ledger()
	if err := s.ReplaceClaims(ctx, claims, echo); err != nil {
		t.Fatal(err)
	}
	// claim-advance loses its denial (now its own claim), claim-repelled
	// goes, a new claim comes.
	advance, denial := splitDenial(claims[0], crosscheck.StatusUnconfirmed)
	u := store.ClaimUpdate{Remove: []string{"claim-repelled", "no-such-claim"}, Claims: []crosscheck.Claim{advance, denial}}
	if err := s.UpdateClaims(ctx, u); err != nil {
		t.Fatal(err)
	}
	want := []crosscheck.Claim{advance, claims[2], denial}
	// The same ledger written whole, in a second store would be the
	// reference; here every query is compared with what that ledger must
	// answer.
	got, total, err := s.Claims(ctx, store.ClaimFilter{Sort: store.SortOldest})
	if err != nil {
		t.Fatal(err)
	}
	if total != 3 || !slices.Equal(claimIDs(got), []string{"claim-advance", "claim-settlements", "claim-denial"}) {
		t.Errorf("after update: %v (total %d)", claimIDs(got), total)
	}
	if c, err := s.Claim(ctx, "claim-advance"); err != nil || !reflect.DeepEqual(c, advance) {
		t.Errorf("updated claim: %+v %v", c, err)
	}
	if _, err := s.Claim(ctx, "claim-repelled"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removed claim still there: %v", err)
	}
	for _, tc := range []struct {
		f    store.ClaimFilter
		want []string
	}{
		{store.ClaimFilter{Status: crosscheck.StatusDisputed}, []string{}},
		{store.ClaimFilter{Party: "RU"}, []string{"claim-denial"}},
		{store.ClaimFilter{Speaker: "igor konashenkov"}, []string{"claim-denial"}},
		{store.ClaimFilter{Place: "sudzha"}, []string{}},
		{store.ClaimFilter{Article: "art-b"}, []string{"claim-denial"}},
		{store.ClaimFilter{Q: "repelled"}, []string{}},
		{store.ClaimFilter{Q: "units"}, []string{"claim-denial"}},
	} {
		cs, n, err := s.Claims(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(claimIDs(cs), tc.want) || n != len(tc.want) {
			t.Errorf("%+v: %v (total %d), want %v", tc.f, claimIDs(cs), n, tc.want)
		}
	}
	counts, err := s.StatusCounts(ctx, store.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if wantCounts := map[string]int{crosscheck.StatusUnconfirmed: 2, crosscheck.StatusCorroborated: 1}; !reflect.DeepEqual(counts, wantCounts) {
		t.Errorf("StatusCounts after update = %v, want %v", counts, wantCounts)
	}
	// Writing the same claims whole gives the same answers.
	if err := s.ReplaceClaims(ctx, want, echo); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.StatusCounts(ctx, store.ClaimFilter{}); !reflect.DeepEqual(again, counts) {
		t.Errorf("StatusCounts after whole write = %v, partial gave %v", again, counts)
	}
}

// testCountsMatchScan compares the precomputed counts with counts of the
// listed claims, for every combination of status, party and date bounds.
func testCountsMatchScan(t *testing.T, s store.Store) {
	ctx := t.Context()
	var claims []crosscheck.Claim
	statuses := []string{crosscheck.StatusUnconfirmed, crosscheck.StatusDisputed, crosscheck.StatusCorroborated, crosscheck.StatusConfirmedByAdversary}
	parties := []string{"UA", "RU", "US"}
	for i := range 40 {
		c := crosscheck.Claim{ID: fmt.Sprintf("c%02d", i), Summary: fmt.Sprintf("claim number %d", i),
			Status: []string{statuses[i%4]}, Parties: []string{parties[i%3]},
			FirstSeen: fmt.Sprintf("2024-0%d-%02d", 1+i%3, 1+i%28)}
		if i%5 == 0 {
			c.Status = append(c.Status, statuses[(i+1)%4])
			c.Parties = append(c.Parties, parties[(i+1)%3])
		}
		if i%13 == 0 {
			c.FirstSeen = ""
		}
		claims = append(claims, c)
	}
	if err := s.ReplaceClaims(ctx, claims, nil); err != nil {
		t.Fatal(err)
	}
	// Remove and re-add some through partial updates so both paths count.
	if err := s.UpdateClaims(ctx, store.ClaimUpdate{Remove: []string{"c03", "c07"}, Claims: claims[10:12]}); err != nil {
		t.Fatal(err)
	}
	stored := slices.DeleteFunc(slices.Clone(claims), func(c crosscheck.Claim) bool { return c.ID == "c03" || c.ID == "c07" })
	day := func(c crosscheck.Claim) string {
		if len(c.FirstSeen) >= 10 {
			return c.FirstSeen[:10]
		}
		return ""
	}
	for _, status := range append([]string{""}, statuses...) {
		for _, party := range append([]string{""}, parties...) {
			for _, bounds := range [][2]string{{"", ""}, {"2024-02-01", ""}, {"", "2024-02-10"}, {"2024-01-05", "2024-03-01"}} {
				f := store.ClaimFilter{Status: status, Party: party, Since: bounds[0], Until: bounds[1]}
				want := 0
				wantStatus := map[string]int{}
				for _, c := range stored {
					d := day(c)
					if (f.Since != "" && (d == "" || d < f.Since)) || (f.Until != "" && (d == "" || d > f.Until)) {
						continue
					}
					if party != "" && !slices.Contains(c.Parties, party) {
						continue
					}
					for _, st := range c.Status {
						wantStatus[st]++
					}
					if status == "" || slices.Contains(c.Status, status) {
						want++
					}
				}
				_, total, err := s.Claims(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if total != want {
					t.Errorf("%+v: total %d, want %d", f, total, want)
				}
				got, err := s.StatusCounts(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, wantStatus) {
					t.Errorf("StatusCounts(%+v) = %v, want %v", f, got, wantStatus)
				}
			}
		}
	}
}

func testEchoCandidates(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	got, err := s.EchoCandidates(ctx, []uint64{101, 102, 302, 101})
	if err != nil {
		t.Fatal(err)
	}
	// art-a (2024-08-10) shares 101 and 102, art-c (2024-08-11) 101 and 302.
	if len(got) != 2 || got[0].ID != "art-a" || got[0].Shared != 2 || got[1].ID != "art-c" || got[1].Shared != 2 {
		t.Fatalf("EchoCandidates = %+v", got)
	}
	if got[0].Published != "2024-08-10" {
		t.Errorf("candidate art-a: %+v", got[0])
	}
	if none, err := s.EchoCandidates(ctx, nil); err != nil || len(none) != 0 {
		t.Errorf("EchoCandidates(nil) = %v, %v", none, err)
	}
}

// linkCorpus is Corpus with link keys: each statement's keys are given by
// hand, so the test checks the index, not a tokenizer.
func linkCorpus(t *testing.T) []store.Put {
	batch := Corpus(t)
	keys := map[string][][]uint64{
		"art-a": {{1, 2, 3}, {7, 8}},
		"art-b": {{2, 3, 9}, {10}},
		"art-c": {{1, 2, 3}},
	}
	for i := range batch {
		if k, ok := keys[batch[i].Analysis.Article.ID]; ok {
			batch[i].LinkKeys = k
		}
	}
	return batch
}

func testLinkCandidates(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, linkCorpus(t))
	type ref struct {
		a, s, day string
		n         int
	}
	refs := func(cs []store.LinkCandidate) []ref {
		out := []ref{}
		for _, c := range cs {
			out = append(out, ref{c.ArticleID, c.StatementID, c.Day, c.Shared})
		}
		return out
	}
	cases := []struct {
		name string
		q    store.LinkQuery
		want []ref
	}{
		{"all", store.LinkQuery{Keys: []uint64{1, 2, 3}}, []ref{{"art-a", "s1", "2024-08-10", 3}, {"art-c", "s1", "2024-08-11", 3}, {"art-b", "s1", "2024-08-12", 2}}},
		{"min shared", store.LinkQuery{Keys: []uint64{1, 2, 3}, MinShared: 3}, []ref{{"art-a", "s1", "2024-08-10", 3}, {"art-c", "s1", "2024-08-11", 3}}},
		{"window", store.LinkQuery{Keys: []uint64{2, 10}, Since: "2024-08-11", Until: "2024-08-12T23:00:00Z"}, []ref{{"art-c", "s1", "2024-08-11", 1}, {"art-b", "s1", "2024-08-12", 1}, {"art-b", "s2", "2024-08-12", 1}}},
		{"until", store.LinkQuery{Keys: []uint64{2}, Until: "2024-08-10"}, []ref{{"art-a", "s1", "2024-08-10", 1}}},
		{"limit", store.LinkQuery{Keys: []uint64{1, 2, 3}, Limit: 1}, []ref{{"art-a", "s1", "2024-08-10", 3}}},
		{"unknown key", store.LinkQuery{Keys: []uint64{99}}, []ref{}},
		{"no keys", store.LinkQuery{}, []ref{}},
	}
	for _, tc := range cases {
		got, err := s.LinkCandidates(ctx, tc.q)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !reflect.DeepEqual(refs(got), tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, refs(got), tc.want)
		}
	}
	// Replacing an article replaces its keys.
	b := linkCorpus(t)[1]
	b.ContentHash = "changed"
	b.LinkKeys = [][]uint64{{42}, {43}}
	putAll(t, s, []store.Put{b})
	got, err := s.LinkCandidates(ctx, store.LinkQuery{Keys: []uint64{9, 10, 42}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []ref{{"art-b", "s1", "2024-08-12", 1}}; !reflect.DeepEqual(refs(got), want) {
		t.Errorf("after replace: %v, want %v", refs(got), want)
	}
	// Link keys must match the statements.
	bad := linkCorpus(t)[0]
	bad.ContentHash = "other"
	bad.LinkKeys = [][]uint64{{1}}
	if _, err := s.Put(ctx, []store.Put{bad}); err == nil {
		t.Errorf("link keys for 1 of 2 statements accepted")
	}
}

// testClaimTextCountCap: the total and the counts per status of a text
// query are exact up to store.TextCountCap and store.TextCountCap+1 ("more
// than") above it, whichever way the query is answered: from the index
// alone (status, party, dates), driven by a speaker or a place, or with
// an open date range.
func testClaimTextCountCap(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	n := store.TextCountCap + 200
	start := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	statuses := []string{crosscheck.StatusUnconfirmed, crosscheck.StatusDisputed, crosscheck.StatusCorroborated}
	var claims []crosscheck.Claim
	for i := range n {
		day := start.AddDate(0, 0, i%400).Format("2006-01-02")
		party := []string{"UA", "RU"}[i%2]
		claims = append(claims, crosscheck.Claim{
			ID: fmt.Sprintf("cap-%04d", i), Summary: fmt.Sprintf("drone strike on depot %d", i), Status: []string{statuses[i%3]},
			Parties: []string{party}, FirstSeen: day,
			Statements: []crosscheck.ClaimStatement{
				{Article: "art-a", Statement: "s1", Published: day, Speaker: "Igor Konashenkov", Stance: "assert", Content: fmt.Sprintf("a drone strike on depot %d", i)},
			},
		})
	}
	if err := s.ReplaceClaims(ctx, claims, nil); err != nil {
		t.Fatal(err)
	}
	// want counts the claims f selects by brute force (text: every claim
	// matches "drone strike").
	want := func(f store.ClaimFilter) (total int, counts map[string]int) {
		counts = map[string]int{}
		for _, c := range claims {
			if f.Status != "" && c.Status[0] != f.Status || f.Party != "" && c.Parties[0] != f.Party ||
				f.Since != "" && c.FirstSeen < f.Since || f.Until != "" && c.FirstSeen > f.Until {
				continue
			}
			total++
			counts[c.Status[0]]++
		}
		return total, counts
	}
	capped := func(n int) int { return min(n, store.TextCountCap+1) }
	for _, f := range []store.ClaimFilter{
		{Q: "drone strike"},
		{Q: "drone strike", Status: crosscheck.StatusDisputed},
		{Q: "drone strike", Party: "RU"},
		{Q: "drone strike", Since: "2022-01-01", Until: "2022-12-31"},
		{Q: "drone strike", Since: "2022-03-01", Until: "2022-03-10"},
		{Q: "drone strike", Since: "2022-02-01"}, // open range
		{Q: "drone strike", Speaker: "Igor Konashenkov"},
		{Q: "drone strike", Speaker: "Igor Konashenkov", Status: crosscheck.StatusCorroborated},
	} {
		wantTotal, wantCounts := want(f)
		_, total, err := s.Claims(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if total != capped(wantTotal) {
			t.Errorf("%+v: total %d, want %d (of %d)", f, total, capped(wantTotal), wantTotal)
		}
		// A page past the window (no row to carry the total) and one
		// inside it give the same total.
		for _, off := range []int{store.TextWindow + 5, 40} {
			g := f
			g.Offset, g.Limit = off, 20
			page, total, err := s.Claims(ctx, g)
			if err != nil {
				t.Fatal(err)
			}
			if total != capped(wantTotal) {
				t.Errorf("%+v at offset %d: total %d, want %d", f, off, total, capped(wantTotal))
			}
			// Only the window is listed, unless a speaker drives (each of
			// its claims is matched on its own).
			if off > store.TextWindow && f.Speaker == "" && len(page) != 0 {
				t.Errorf("%+v at offset %d: %d claims past the window", f, off, len(page))
			}
		}
		if over := store.CountOver(f, total); over != (wantTotal > store.TextCountCap) {
			t.Errorf("%+v: CountOver(%d) = %v with %d matches", f, total, over, wantTotal)
		}
		if shown, over := store.ShownCount(f, total); over && shown != store.TextCountCap || !over && shown != wantTotal {
			t.Errorf("%+v: shown %d (over %v) for %d matches", f, shown, over, wantTotal)
		}
		counts, err := s.StatusCounts(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		// StatusCounts ignores f.Status (the counts of every status).
		g := f
		g.Status = ""
		_, wantCounts = want(g)
		for _, st := range statuses {
			if counts[st] != capped(wantCounts[st]) {
				t.Errorf("%+v: %s count %d, want %d (of %d)", f, st, counts[st], capped(wantCounts[st]), wantCounts[st])
			}
		}
	}
	// Without a text query nothing is capped.
	if _, total, err := s.Claims(ctx, store.ClaimFilter{}); err != nil || total != n || store.CountOver(store.ClaimFilter{}, total) {
		t.Errorf("plain total %d (%v), want %d", total, err, n)
	}
}

// testClaimRangeLatest: a date range sorted by latest activity gives the
// claims first seen in the range in latest-activity order, page by page,
// whatever the range's shape: whole months, ragged ends, one day, open
// at either end, across a year's turn.
func testClaimRangeLatest(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	start := time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC)
	var claims []crosscheck.Claim
	for i := range 400 {
		// Claims first seen over 200 days, active for up to 97 days (some
		// long after the range they were first seen in).
		first := start.AddDate(0, 0, (i*37)%200)
		last := first.AddDate(0, 0, (i*53)%98)
		claims = append(claims, crosscheck.Claim{
			ID: fmt.Sprintf("r-%03d", i), Summary: fmt.Sprintf("artillery fire on bridge %d", i), Status: []string{crosscheck.StatusUnconfirmed},
			Parties: []string{"UA"}, FirstSeen: first.Format("2006-01-02"),
			Statements: []crosscheck.ClaimStatement{
				{Article: "art-a", Statement: "s1", Published: first.Format("2006-01-02"), Speaker: "Oleksandr Syrskyi", Stance: "assert", Content: "artillery fire"},
				{Article: "art-b", Statement: "s2", Published: last.Format("2006-01-02"), Speaker: "Igor Konashenkov", Stance: "deny", Content: "no artillery fire"},
			},
		})
	}
	if err := s.ReplaceClaims(ctx, claims, nil); err != nil {
		t.Fatal(err)
	}
	lastOf := func(c crosscheck.Claim) string { return c.Statements[1].Published }
	for _, f := range []store.ClaimFilter{
		{Since: "2023-12-01", Until: "2024-02-29"},
		{Since: "2023-11-17", Until: "2024-03-03"},
		{Since: "2024-01-09", Until: "2024-01-09"},
		{Since: "2024-01-20", Until: "2024-01-31"},
		{Since: "2024-03-15"},
		{Until: "2023-12-05"},
		{Since: "2023-12-01", Until: "2024-02-29", Limit: 7, Offset: 14},
		{Since: "2023-11-17", Until: "2024-03-03", Limit: 500},
		{Since: "2023-11-17", Until: "2024-03-03", Limit: 1}, // each walk stops after a row or two
		{Since: "2023-11-17", Until: "2024-03-03", Limit: 1, Offset: 1},
		{Since: "2024-02-10", Until: "2024-01-10"}, // empty
	} {
		f.Sort = store.SortLatest
		var want []crosscheck.Claim
		for _, c := range claims {
			if (f.Since == "" || c.FirstSeen >= f.Since) && (f.Until == "" || c.FirstSeen <= f.Until) {
				want = append(want, c)
			}
		}
		slices.SortFunc(want, func(a, b crosscheck.Claim) int {
			return cmp.Or(-cmp.Compare(lastOf(a), lastOf(b)), -cmp.Compare(a.FirstSeen, b.FirstSeen), cmp.Compare(a.ID, b.ID))
		})
		total := len(want)
		limit := cmp.Or(f.Limit, store.DefaultLimit)
		want = want[min(f.Offset, len(want)):]
		want = want[:min(limit, len(want))]
		got, n, err := s.Claims(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if n != total {
			t.Errorf("%+v: total %d, want %d", f, n, total)
		}
		if g, w := claimIDs(got), claimIDs(want); !slices.Equal(g, w) {
			t.Errorf("%+v: page\n got %v\nwant %v", f, g, w)
		}
	}
}
