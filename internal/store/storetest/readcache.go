package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// testReadCache: a store wrapped with store.WithReadCache answers what the
// store itself answers after every kind of write (a ledger update, a
// whole ledger, a review, an article), and the ReadVersion moves with
// each of them.
func testReadCache(t *testing.T, s store.Store) {
	ctx := t.Context()
	v, ok := s.(store.ReadVersioner)
	if !ok {
		t.Fatal("store does not implement store.ReadVersioner")
	}
	version := func() store.ReadVersion {
		t.Helper()
		rv, err := v.ReadVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return rv
	}
	counted := &countingStore{Store: s}
	cached, err := store.WithReadCache(counted, v, 1000)
	if err != nil {
		t.Fatal(err)
	}
	putAll(t, s, Corpus(t))
	claims, echo := Ledger()
	if err := s.ReplaceClaims(ctx, claims, echo); err != nil {
		t.Fatal(err)
	}
	filters := []store.ClaimFilter{
		{}, {Status: crosscheck.StatusDisputed}, {Party: "RU"}, {Party: "UA", Sort: store.SortLatest},
		{Q: "settlements"}, {Q: "units", Party: "RU"}, {Since: "2024-08-11"},
		{Review: store.ReviewReviewed}, {Review: store.ReviewNeeded},
	}
	// same compares every cached read with the store's own answer (read
	// twice through the cache: computed, then from memory).
	same := func(when string) {
		t.Helper()
		for _, f := range filters {
			if _, ok := s.(store.Reviews); !ok && f.Review != "" {
				continue
			}
			want, wantN, err := s.ClaimBriefs(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			wantCounts, err := s.StatusCounts(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for range 2 {
				got, n, err := cached.ClaimBriefs(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if n != wantN || !slices.Equal(briefIDs(got), briefIDs(want)) {
					t.Errorf("%s: %+v: cached %v (total %d), store %v (total %d)", when, f, briefIDs(got), n, briefIDs(want), wantN)
				}
				counts, err := cached.StatusCounts(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if !mapsEqual(counts, wantCounts) {
					t.Errorf("%s: %+v: cached counts %v, store %v", when, f, counts, wantCounts)
				}
			}
		}
		for _, q := range []string{"Kursk", "settlements", "repelled"} {
			want, err := s.Search(ctx, q, 10)
			if err != nil {
				t.Fatal(err)
			}
			for range 2 {
				got, err := cached.Search(ctx, q, 10)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(want) {
					t.Errorf("%s: search %q: cached %d hits, store %d", when, q, len(got), len(want))
				}
			}
		}
		for _, id := range []string{"claim-advance", "claim-repelled", "claim-denial"} {
			want, wantErr := s.Claim(ctx, id)
			for range 2 {
				got, err := cached.Claim(ctx, id)
				if (err == nil) != (wantErr == nil) || len(got.Statements) != len(want.Statements) || !slices.Equal(got.Status, want.Status) {
					t.Errorf("%s: claim %s: cached %d statements %v (%v), store %d %v (%v)", when, id,
						len(got.Statements), got.Status, err, len(want.Statements), want.Status, wantErr)
				}
			}
		}
	}
	same("whole ledger")
	// Nothing written since: answered from memory.
	before := counted.briefs
	for range 3 {
		if _, _, err := cached.ClaimBriefs(ctx, store.ClaimFilter{Party: "RU"}); err != nil {
			t.Fatal(err)
		}
	}
	if counted.briefs != before {
		t.Errorf("an unchanged store was asked %d more times for the same list", counted.briefs-before)
	}

	// A ledger update: one claim changes, one goes, one comes.
	v0 := version()
	advance, denial := splitDenial(claims[0], crosscheck.StatusDisputed)
	if err := s.UpdateClaims(ctx, store.ClaimUpdate{Remove: []string{"claim-repelled"}, Claims: []crosscheck.Claim{advance, denial}}); err != nil {
		t.Fatal(err)
	}
	v1 := version()
	if v1 == v0 {
		t.Errorf("UpdateClaims left the read version at %+v", v1)
	}
	same("update")

	// A review (the review filters list other claims).
	if rv, ok := s.(store.Reviews); ok {
		if _, err := rv.AddReview(ctx, store.Review{Claim: "claim-settlements", Article: "art-a", Statement: "s2",
			Field: store.FieldStatus, Verdict: store.VerdictRight, Value: "corroborated", Reviewer: "Olena",
			At: time.Date(2024, 8, 13, 10, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		if v2 := version(); v2 == v1 {
			t.Errorf("AddReview left the read version at %+v", v2)
		}
		same("review")
	}

	// The whole ledger again, then a new article (search finds it).
	if err := s.ReplaceClaims(ctx, claims, echo); err != nil {
		t.Fatal(err)
	}
	same("whole ledger again")
	v3 := version()
	putAll(t, s, []store.Put{{SourceKey: "src/cache.txt", DocHash: "dcache", ContentHash: "hcache", Analysis: build(t, "art-cache", "Kyiv Herald", "2024-08-14T08:00:00Z", "Repelled again",
		"Officials said the attack near Sudzha was repelled overnight.", nil)}})
	if v4 := version(); v4 == v3 {
		t.Errorf("a new article left the read version at %+v", v4)
	}
	same("new article")

	// An article replaced under another site: its claims show the new
	// site (claims keep only what differs from their articles' rows).
	siteOf := func(st store.Store) string {
		t.Helper()
		c, err := st.Claim(ctx, "claim-repelled")
		if err != nil {
			t.Fatal(err)
		}
		for _, cs := range c.Statements {
			if cs.Article == "art-b" {
				return cs.Site
			}
		}
		t.Fatalf("claim-repelled has no statement of art-b: %+v", c.Statements)
		return ""
	}
	if got := siteOf(s); got != "Moscow Daily" {
		t.Fatalf("site before the replacement = %q", got)
	}
	b := Corpus(t)[1]
	b.Analysis.Article.Site = "Moscow Evening"
	b.DocHash, b.ContentHash = "db-evening", "hb-evening"
	putAll(t, s, []store.Put{b})
	for _, st := range []store.Store{s, cached} {
		if got := siteOf(st); got != "Moscow Evening" {
			t.Errorf("site after the replacement = %q, want Moscow Evening", got)
		}
	}
}

func briefIDs(bs []store.ClaimBrief) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.Claim.ID
	}
	return out
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// countingStore counts the lists read through it.
type countingStore struct {
	store.Store
	briefs int
}

func (c *countingStore) ClaimBriefs(ctx context.Context, f store.ClaimFilter) ([]store.ClaimBrief, int, error) {
	c.briefs++
	return c.Store.ClaimBriefs(ctx, f)
}
