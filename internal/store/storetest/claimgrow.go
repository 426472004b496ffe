package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// testClaimsGrow: a claim rewritten again and again by UpdateClaims (the
// ledger's path: its statements grow, its speakers, parties and statuses
// change, its latest activity moves or stays, its first sighting moves)
// answers every query as the same claims written whole into an empty
// store do.
func testClaimsGrow(t *testing.T, newStore func(t *testing.T) store.Store) {
	ctx := t.Context()
	s := newStore(t)
	putAll(t, s, Corpus(t))
	base, echo := Ledger()
	if err := s.ReplaceClaims(ctx, base, echo); err != nil {
		t.Fatal(err)
	}
	advance := base[0]
	grown := advance
	grown.Statements = append(slices.Clone(advance.Statements),
		crosscheck.ClaimStatement{Article: "art-b", Statement: "s2", Site: "Moscow Daily", Published: "2024-08-14", Speaker: "Maria Zakharova", Affiliation: "RU", Stance: "deny", Content: "no Ukrainian unit reached the town"},
		crosscheck.ClaimStatement{Article: "art-d", Statement: "s1", Published: "2024-08-15", Speaker: "John Kirby", Affiliation: "US", Stance: "assert", Content: "the advance was confirmed by allies"})
	grown.Status = []string{crosscheck.StatusCorroborated, crosscheck.StatusDisputed}
	grown.Parties = []string{"UA", "RU", "US"}
	grown.Appearances = append(slices.Clone(advance.Appearances), crosscheck.Appearance{Article: "art-d"})
	// Latest activity unchanged: a speaker and a party go, an article and
	// the summary change.
	trimmed := grown
	trimmed.Statements = slices.Clone(grown.Statements)
	trimmed.Statements = slices.Delete(trimmed.Statements, 3, 4)
	trimmed.Statements[0].Content = "Ukrainian forces advanced twelve kilometres into the Kursk region"
	trimmed.Summary = trimmed.Statements[0].Content
	trimmed.Parties = []string{"UA", "US"}
	trimmed.Status = []string{crosscheck.StatusCorroborated}
	trimmed.Appearances = slices.Delete(slices.Clone(grown.Appearances), 1, 2)
	// First seen earlier.
	earlier := trimmed
	earlier.FirstSeen = "2024-08-01"
	earlier.Statements = slices.Clone(trimmed.Statements)
	earlier.Statements[0].Published = "2024-08-01"
	stages := []struct {
		name   string
		update store.ClaimUpdate
	}{
		{"grown", store.ClaimUpdate{Remove: []string{"claim-advance"}, Claims: []crosscheck.Claim{grown}}},
		{"trimmed", store.ClaimUpdate{Remove: []string{"claim-advance", "claim-repelled"}, Claims: []crosscheck.Claim{trimmed}}},
		{"unchanged", store.ClaimUpdate{Remove: []string{"claim-advance"}, Claims: []crosscheck.Claim{trimmed}}},
		{"earlier", store.ClaimUpdate{Claims: []crosscheck.Claim{earlier, base[1]}}},
		{"back", store.ClaimUpdate{Remove: []string{"claim-settlements"}, Claims: []crosscheck.Claim{advance}}},
	}
	current := map[string]crosscheck.Claim{}
	for _, c := range base {
		current[c.ID] = c
	}
	for _, st := range stages {
		if err := s.UpdateClaims(ctx, st.update); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		for _, id := range st.update.Remove {
			delete(current, id)
		}
		for _, c := range st.update.Claims {
			current[c.ID] = c
		}
		var whole []crosscheck.Claim
		for _, c := range current {
			whole = append(whole, c)
		}
		ref := newStore(t)
		putAll(t, ref, Corpus(t))
		if err := ref.ReplaceClaims(ctx, whole, echo); err != nil {
			t.Fatal(err)
		}
		got, want := claimAnswers(t, s), claimAnswers(t, ref)
		for q, w := range want {
			if g := got[q]; !reflect.DeepEqual(g, w) {
				t.Errorf("%s: %s\n got %v\nwant %v", st.name, q, g, w)
			}
		}
	}
}

// claimAnswers asks a store the queries whose answers come from the claim
// index rows: by speaker, party, article, place, status, text, dates, and
// the counts.
func claimAnswers(t *testing.T, s store.Store) map[string]any {
	t.Helper()
	ctx := t.Context()
	out := map[string]any{}
	ask := func(name string, f store.ClaimFilter) {
		f.Limit = store.MaxLimit
		cs, n, err := s.Claims(ctx, f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = fmt.Sprint(claimIDs(cs), n)
		counts, err := s.StatusCounts(ctx, f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name+" counts"] = counts
	}
	all, _, err := s.Claims(ctx, store.ClaimFilter{Sort: store.SortOldest, Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	out["claims"] = all
	for _, sort := range []string{store.SortRecent, store.SortOldest, store.SortLatest, store.SortStatements} {
		ask("sort "+sort, store.ClaimFilter{Sort: sort})
	}
	for _, sp := range []string{"oleksandr syrskyi", "igor konashenkov", "maria zakharova", "john kirby"} {
		ask("speaker "+sp, store.ClaimFilter{Speaker: sp})
	}
	for _, p := range []string{"UA", "RU", "US"} {
		ask("party "+p, store.ClaimFilter{Party: p})
		ask("party latest "+p, store.ClaimFilter{Party: p, Sort: store.SortLatest})
	}
	for _, a := range []string{"art-a", "art-b", "art-c", "art-d"} {
		ask("article "+a, store.ClaimFilter{Article: a})
	}
	for _, st := range []string{crosscheck.StatusUnconfirmed, crosscheck.StatusDisputed, crosscheck.StatusCorroborated} {
		ask("status "+st, store.ClaimFilter{Status: st})
	}
	for _, q := range []string{"kursk", "twelve", "ten", "allies", "town", "sudzha"} {
		ask("text "+q, store.ClaimFilter{Q: q})
		ask("text latest "+q, store.ClaimFilter{Q: q, Sort: store.SortLatest})
	}
	ask("place", store.ClaimFilter{Place: "sudzha"})
	ask("dates", store.ClaimFilter{Since: "2024-08-05", Until: "2024-08-11"})
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out["stats claims"] = st.Claims
	return out
}

// testUnchangedClaimsUnwritten: claims written again unchanged (the
// ledger rebuilds every claim of a touched component) leave the read
// version as it was, so the servers' read caches stay warm.
func testUnchangedClaimsUnwritten(t *testing.T, s store.Store) {
	ctx := t.Context()
	rv, ok := s.(store.ReadVersioner)
	if !ok {
		t.Skip("the store has no read version")
	}
	putAll(t, s, Corpus(t))
	claims, echo := Ledger()
	if err := s.ReplaceClaims(ctx, claims, echo); err != nil {
		t.Fatal(err)
	}
	before, err := rv.ReadVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateClaims(ctx, store.ClaimUpdate{Remove: []string{"claim-advance"}, Claims: claims[:2]}); err != nil {
		t.Fatal(err)
	}
	after, err := rv.ReadVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("read version %+v after writing unchanged claims, was %+v", after, before)
	}
	changed := claims[1]
	changed.Summary = "Russian troops repelled two attacks near Sudzha"
	if err := s.UpdateClaims(ctx, store.ClaimUpdate{Claims: []crosscheck.Claim{changed}}); err != nil {
		t.Fatal(err)
	}
	if again, err := rv.ReadVersion(ctx); err != nil || again == after {
		t.Errorf("read version %+v (%v) after a changed claim, was %+v", again, err, after)
	}
}
