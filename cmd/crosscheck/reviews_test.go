package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/api"
	"github.com/crosscheck/crosscheck/internal/store"
)

// reviewFixture ingests a hand-written pair of articles, one asserting and
// one denying, so that the test owns a claim no other test reviews.
func reviewFixture(t *testing.T, d *demoServer, tag string) crosscheck.Claim {
	t.Helper()
	texts := []api.ArticleInput{
		{Text: "KYIV — Ukraine's air force said on Tuesday that it shot down all " + tag + " drones launched at the city of Zhytomyr overnight. \"Every drone was destroyed,\" spokesman Yuriy Ihnat told reporters.",
			URL: "https://example.org/review-test/" + tag + "/a", Site: "Hand-written Wire", Published: "2025-06-03"},
		{Text: "MOSCOW — Russia's defence ministry denied that Ukraine's air force shot down all " + tag + " drones launched at the city of Zhytomyr, spokesman Igor Konashenkov said on Wednesday.",
			URL: "https://example.org/review-test/" + tag + "/b", Site: "Hand-written Daily", Published: "2025-06-04"},
	}
	var res api.IngestResult
	do(t, d, "POST", "/api/articles", testToken, map[string]any{"articles": texts}, http.StatusOK, &res)
	var list struct {
		Claims []crosscheck.Claim `json:"claims"`
	}
	get(t, d, "/api/claims?q="+tag+"&limit=20", http.StatusOK, &list)
	if len(list.Claims) == 0 {
		t.Fatalf("no claim about the %s drones: %+v", tag, res)
	}
	return list.Claims[0]
}

func TestAPIReviews(t *testing.T) {
	d := demo(t)
	c := reviewFixture(t, d, "seventeen")
	path := "/api/claims/" + c.ID + "/reviews"
	var list struct {
		Reviews []api.ReviewJSON `json:"reviews"`
	}
	get(t, d, path, http.StatusOK, &list)
	if len(list.Reviews) != 0 {
		t.Fatalf("a new claim has reviews: %+v", list.Reviews)
	}
	st := c.Statements[len(c.Statements)-1]
	ref := st.Article + "#" + st.Statement
	in := api.ReviewInput{Field: "party", Statement: ref, Verdict: "wrong", Correction: "BY", Note: "The spokesman speaks for Minsk here.", Reviewer: "Olena K."}
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	do(t, d, "POST", path, "", in, http.StatusUnauthorized, &e)
	do(t, d, "POST", path, "wrong-token", in, http.StatusUnauthorized, &e)
	var got api.ReviewJSON
	do(t, d, "POST", path, testToken, in, http.StatusCreated, &got)
	if got.ID == 0 || got.Statement != ref || got.Value != st.Affiliation || got.Reviewer != "Olena K." || got.At.IsZero() {
		t.Errorf("created review %+v", got)
	}
	var status api.ReviewJSON
	do(t, d, "POST", path, testToken, api.ReviewInput{Field: "status", Verdict: "right", Reviewer: "Jan"}, http.StatusCreated, &status)
	if first := c.Statements[0]; status.Statement != first.Article+"#"+first.Statement || status.Value != strings.Join(c.Status, ",") {
		t.Errorf("status review anchored on %s with value %q; want the first statement and %v", status.Statement, status.Value, c.Status)
	}
	get(t, d, path, http.StatusOK, &list)
	if len(list.Reviews) != 2 || list.Reviews[0].ID != got.ID || list.Reviews[1].ID != status.ID {
		t.Fatalf("listed %+v", list.Reviews)
	}
	// Bad input: clear messages, nothing stored.
	for _, tc := range []struct {
		in   any
		code int
		want string
	}{
		{api.ReviewInput{Field: "speaker", Verdict: "wrong", Reviewer: "Jan"}, 400, "needs the statement"},
		{api.ReviewInput{Field: "speaker", Statement: "nope", Verdict: "wrong", Reviewer: "Jan"}, 400, "want article#statement"},
		{api.ReviewInput{Field: "speaker", Statement: "abc#s1", Verdict: "wrong", Reviewer: "Jan"}, 400, "is not one of claim"},
		{api.ReviewInput{Field: "summary", Verdict: "wrong", Reviewer: "Jan"}, 400, "want status, speaker or party"},
		{api.ReviewInput{Field: "status", Verdict: "maybe", Reviewer: "Jan"}, 400, "want right or wrong"},
		{api.ReviewInput{Field: "status", Verdict: "wrong", Correction: "false", Reviewer: "Jan"}, 400, "status correction"},
		{api.ReviewInput{Field: "status", Verdict: "right"}, 400, "reviewer"},
		{map[string]string{"field": "status", "verdict": "right", "reviewer": "Jan", "extra": "x"}, 400, "invalid JSON"},
	} {
		do(t, d, "POST", path, testToken, tc.in, tc.code, &e)
		if !strings.Contains(e.Error.Message, tc.want) {
			t.Errorf("%+v: message %q, want it to contain %q", tc.in, e.Error.Message, tc.want)
		}
	}
	get(t, d, path, http.StatusOK, &list)
	if len(list.Reviews) != 2 {
		t.Errorf("bad input was stored: %+v", list.Reviews)
	}
	get(t, d, "/api/claims/no-such-claim/reviews", http.StatusNotFound, nil)
	do(t, d, "POST", "/api/claims/no-such-claim/reviews", testToken, in, http.StatusNotFound, nil)

	// The board filter.
	var rl struct {
		Claims []crosscheck.Claim `json:"claims"`
		Total  int                `json:"total"`
	}
	get(t, d, "/api/claims?review=reviewed&limit=1000", http.StatusOK, &rl)
	if findID(rl.Claims, c.ID) == nil {
		t.Errorf("review=reviewed lacks the reviewed claim")
	}
	get(t, d, "/api/claims?review=needs_review&limit=1000", http.StatusOK, &rl)
	if findID(rl.Claims, c.ID) != nil {
		t.Errorf("review=needs_review lists the reviewed claim")
	}
	get(t, d, "/api/claims?review=maybe", http.StatusBadRequest, nil)

	// Reviews survive a rebuild of the ledger (the API ingest rebuilds it).
	reviewFixture(t, d, "nineteen")
	get(t, d, path, http.StatusOK, &list)
	if len(list.Reviews) != 2 {
		t.Errorf("after a rebuild: %+v", list.Reviews)
	}
	if rv, ok := d.Store.(store.Reviews); !ok {
		t.Error("the demo store has no reviews")
	} else {
		want := 1
		if c.Statements[0].Article == st.Article {
			want = 2 // the status review is anchored in the same article
		}
		if rs, err := rv.ArticleReviews(t.Context(), st.Article); err != nil || len(rs) != want {
			t.Errorf("ArticleReviews = %v, %v; want %d", rs, err, want)
		}
	}
}

func findID(cs []crosscheck.Claim, id string) *crosscheck.Claim {
	for i := range cs {
		if cs[i].ID == id {
			return &cs[i]
		}
	}
	return nil
}
