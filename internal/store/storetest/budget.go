package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// RunQueryBudget checks store.WithQueryBudget over a real store s (empty):
// full-text queries over their budget fail with EUNAVAILABLE and a message
// naming the budget, queries without text are not budgeted, and a generous
// budget changes nothing. It also checks that the normaliser reaches the
// database: a query repeating one word many times, or a long passage,
// finds what its words find.
func RunQueryBudget(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	claims, echo := Ledger()
	if err := s.ReplaceClaims(ctx, claims, echo); err != nil {
		t.Fatal(err)
	}

	spent := store.WithQueryBudget(s, time.Nanosecond) // expired before any query starts
	checkUnavailable := func(what string, err error) {
		t.Helper()
		if crosscheck.ErrorCode(err) != crosscheck.EUNAVAILABLE || !strings.Contains(err.Error(), "budget") {
			t.Errorf("%s over budget: %v (code %q), want %s", what, err, crosscheck.ErrorCode(err), crosscheck.EUNAVAILABLE)
		}
	}
	_, err := spent.Search(ctx, "kursk", 10)
	checkUnavailable("Search", err)
	_, _, err = spent.Claims(ctx, store.ClaimFilter{Q: "kursk"})
	checkUnavailable("Claims", err)
	_, err = spent.StatusCounts(ctx, store.ClaimFilter{Q: "kursk"})
	checkUnavailable("StatusCounts", err)
	_, _, err = spent.Articles(ctx, store.ArticleFilter{Q: "kursk"})
	checkUnavailable("Articles", err)
	_, _, err = spent.Statements(ctx, store.StatementFilter{Q: "kursk"})
	checkUnavailable("Statements", err)

	// Without text the budget does not apply.
	if _, n, err := spent.Claims(ctx, store.ClaimFilter{}); err != nil || n == 0 {
		t.Errorf("Claims without q under a spent budget: %d, %v", n, err)
	}
	if _, n, err := spent.Articles(ctx, store.ArticleFilter{}); err != nil || n != 4 {
		t.Errorf("Articles without q under a spent budget: %d, %v", n, err)
	}

	ample := store.WithQueryBudget(s, time.Minute)
	want, err := s.Search(ctx, "kursk", 10)
	if err != nil || len(want) == 0 {
		t.Fatalf("Search kursk: %d hits, %v", len(want), err)
	}
	got, err := ample.Search(ctx, "kursk", 10)
	if err != nil || len(got) != len(want) {
		t.Errorf("Search kursk with an ample budget: %d hits, %v; want %d", len(got), err, len(want))
	}
	// 400 × "kursk" is one term; a passage is cut to its first words.
	got, err = ample.Search(ctx, strings.Repeat("Kursk ", 400), 10)
	if err != nil || len(got) != len(want) {
		t.Errorf("Search 400 × kursk: %d hits, %v; want %d", len(got), err, len(want))
	}
	if _, _, err := ample.Claims(ctx, store.ClaimFilter{Q: strings.Repeat("the ", 400)}); err != nil {
		t.Errorf("Claims 400 × the: %v", err)
	}
	// The stored text has 15 distinct content words; with "advance" (the
	// same stem as "advanced") they make the 16 kept, and the words after
	// them, found nowhere, are dropped.
	passage := "Ukrainian forces advanced ten kilometres into the Kursk region, General Syrskyi said on Saturday. " +
		"He added that more than seventy settlements were under control. Advance " +
		strings.Repeat("according to officials who spoke on condition of anonymity ", 40)
	got, err = ample.Search(ctx, passage, 10)
	if err != nil || len(got) == 0 {
		t.Errorf("Search of a long passage starting with a stored text: %d hits, %v", len(got), err)
	}
	if q := store.ParseQuery(passage); len(q.Terms) != store.MaxQueryTerms || q.Terms[store.MaxQueryTerms-1].Word != "advance" {
		t.Errorf("passage terms: %q", q.String())
	}
}
