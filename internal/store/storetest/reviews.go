package storetest

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// runReviews runs the conformance tests of store.Reviews and
// store.ClaimPlaces, which every store must also implement.
func runReviews(t *testing.T, newStore func(t *testing.T) store.Store) {
	t.Run("ReviewsSurviveRebuild", func(t *testing.T) { testReviewsSurviveRebuild(t, newStore(t)) })
	t.Run("ReviewFilter", func(t *testing.T) { testReviewFilter(t, newStore(t)) })
	t.Run("ReviewBadInput", func(t *testing.T) { testReviewBadInput(t, newStore(t)) })
	t.Run("ClaimPlaces", func(t *testing.T) { testClaimPlaces(t, newStore(t)) })
}

func reviewsOf(t *testing.T, s store.Store) store.Reviews {
	t.Helper()
	r, ok := s.(store.Reviews)
	if !ok {
		t.Fatalf("%T does not implement store.Reviews", s)
	}
	return r
}

func reviewIDs(rs []store.Review) []int64 {
	out := []int64{}
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

// testReviewsSurviveRebuild: reviews are kept under the claim id and the
// anchor statement; after a rebuild that renames the claim (an earlier
// statement joined it) they follow the statement into the new claim, and
// the old id says where the claim went.
func testReviewsSurviveRebuild(t *testing.T, s store.Store) {
	ctx := t.Context()
	rv := reviewsOf(t, s)
	putAll(t, s, Corpus(t))
	claims, echo := Ledger()
	if err := s.ReplaceClaims(ctx, claims, echo); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 8, 13, 10, 30, 0, 0, time.UTC)
	status, err := rv.AddReview(ctx, store.Review{Claim: "claim-advance", Article: "art-a", Statement: "s1",
		Field: store.FieldStatus, Verdict: store.VerdictWrong, Value: "unconfirmed,disputed",
		Correction: crosscheck.StatusCorroborated, Note: "Confirmed by satellite images.", Reviewer: " Olena ", At: at})
	if err != nil {
		t.Fatal(err)
	}
	if status.ID == 0 || status.Reviewer != "Olena" || !status.At.Equal(at) {
		t.Errorf("AddReview returned %+v", status)
	}
	speaker, err := rv.AddReview(ctx, store.Review{Claim: "claim-advance", Article: "art-b", Statement: "s1",
		Field: store.FieldSpeaker, Verdict: store.VerdictRight, Value: "Igor Konashenkov", Reviewer: "Jan", At: at.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	other, err := rv.AddReview(ctx, store.Review{Claim: "claim-repelled", Article: "art-b", Statement: "s2",
		Field: store.FieldParty, Verdict: store.VerdictWrong, Value: "RU", Correction: "BY", Reviewer: "Jan"})
	if err != nil {
		t.Fatal(err)
	}
	if other.At.IsZero() {
		t.Error("AddReview without a time did not stamp it")
	}
	got, err := rv.ClaimReviews(ctx, "claim-advance")
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{status.ID, speaker.ID}; !slices.Equal(reviewIDs(got), want) {
		t.Fatalf("ClaimReviews = %v, want %v", reviewIDs(got), want)
	}
	sameReviews(t, rv, "claim-advance", "claim-repelled", "no-such-claim")
	if got[0].Correction != crosscheck.StatusCorroborated || got[0].Note != "Confirmed by satellite images." ||
		got[0].Value != "unconfirmed,disputed" || !got[0].At.Equal(at) || got[0].Ref() != "art-a#s1" {
		t.Errorf("review round trip: %+v", got[0])
	}

	// A rebuild: an earlier article joins the claim, which takes a new id.
	renamed := claims[0]
	renamed.ID = "claim-advance-v2"
	renamed.Statements = append([]crosscheck.ClaimStatement{{Article: "art-d", Statement: "s9", Speaker: "Someone"}}, renamed.Statements...)
	if err := s.ReplaceClaims(ctx, []crosscheck.Claim{renamed, claims[1], claims[2]}, echo); err != nil {
		t.Fatal(err)
	}
	got, err = rv.ClaimReviews(ctx, "claim-advance-v2")
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{status.ID, speaker.ID}; !slices.Equal(reviewIDs(got), want) {
		t.Errorf("after the rebuild ClaimReviews = %v, want %v", reviewIDs(got), want)
	}
	// Made on the old id, anchored in the new one, made on another claim.
	sameReviews(t, rv, "claim-advance-v2", "claim-advance", "claim-repelled")
	if moved, err := rv.MovedClaim(ctx, "claim-advance"); err != nil || moved != "claim-advance-v2" {
		t.Errorf("MovedClaim = %q, %v; want claim-advance-v2", moved, err)
	}
	if moved, err := rv.MovedClaim(ctx, "claim-repelled"); err != nil || moved != "" {
		t.Errorf("MovedClaim of a claim still there = %q, %v", moved, err)
	}
	// The old id still lists what was said about it.
	if got, _ := rv.ClaimReviews(ctx, "claim-advance"); len(got) != 2 {
		t.Errorf("reviews under the old claim id: %v", reviewIDs(got))
	}
	// Re-ingesting the same articles changes nothing.
	putAll(t, s, Corpus(t))
	if got, _ := rv.ClaimReviews(ctx, "claim-advance-v2"); len(got) != 2 {
		t.Errorf("after re-ingest: %v", reviewIDs(got))
	}
	byArticle, err := rv.ArticleReviews(ctx, "art-b")
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{speaker.ID, other.ID}; !slices.Equal(reviewIDs(byArticle), want) {
		t.Errorf("ArticleReviews(art-b) = %v, want %v", reviewIDs(byArticle), want)
	}
	if got, err := rv.ClaimReviews(ctx, "no-such-claim"); err != nil || len(got) != 0 {
		t.Errorf("reviews of an unknown claim: %v, %v", got, err)
	}
}

// testReviewFilter: the board's reviewed / needs-review filter, alone and
// with other filters and counts.
func testReviewFilter(t *testing.T, s store.Store) {
	ctx := t.Context()
	rv := reviewsOf(t, s)
	putAll(t, s, Corpus(t))
	claims, echo := Ledger()
	if err := s.ReplaceClaims(ctx, claims, echo); err != nil {
		t.Fatal(err)
	}
	// One review on the claim id, one anchored on a statement only (made
	// on an id that no longer exists).
	if _, err := rv.AddReview(ctx, store.Review{Claim: "claim-settlements", Article: "art-a", Statement: "s2",
		Field: store.FieldStatus, Verdict: store.VerdictRight, Reviewer: "Olena"}); err != nil {
		t.Fatal(err)
	}
	if _, err := rv.AddReview(ctx, store.Review{Claim: "gone", Article: "art-b", Statement: "s1",
		Field: store.FieldParty, Verdict: store.VerdictRight, Reviewer: "Olena"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		f    store.ClaimFilter
		want []string
	}{
		{store.ClaimFilter{Review: store.ReviewReviewed}, []string{"claim-advance", "claim-settlements"}},
		{store.ClaimFilter{Review: store.ReviewNeeded}, []string{"claim-repelled"}},
		{store.ClaimFilter{Review: store.ReviewReviewed, Party: "RU"}, []string{"claim-advance"}},
		{store.ClaimFilter{Review: store.ReviewNeeded, Status: crosscheck.StatusDisputed}, []string{}},
	} {
		tc.f.Sort = store.SortOldest
		got, total, err := s.Claims(ctx, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(claimIDs(got), tc.want) || total != len(tc.want) {
			t.Errorf("Claims(%+v) = %v (total %d), want %v", tc.f, claimIDs(got), total, tc.want)
		}
	}
	counts, err := s.StatusCounts(ctx, store.ClaimFilter{Review: store.ReviewNeeded})
	if err != nil {
		t.Fatal(err)
	}
	if counts[crosscheck.StatusUnconfirmed] != 1 || counts[crosscheck.StatusDisputed] != 0 {
		t.Errorf("StatusCounts(needs review) = %v", counts)
	}
}

func testReviewBadInput(t *testing.T, s store.Store) {
	ctx := t.Context()
	rv := reviewsOf(t, s)
	good := store.Review{Claim: "c1", Article: "a1", Statement: "s1", Field: store.FieldSpeaker, Verdict: store.VerdictWrong, Correction: "Dmytro Kuleba", Reviewer: "Olena"}
	long := make([]byte, store.MaxNote+1)
	for i := range long {
		long[i] = 'x'
	}
	for name, mut := range map[string]func(r *store.Review){
		"field":             func(r *store.Review) { r.Field = "summary" },
		"verdict":           func(r *store.Review) { r.Verdict = "maybe" },
		"no claim":          func(r *store.Review) { r.Claim = "" },
		"no statement":      func(r *store.Review) { r.Statement = "" },
		"no reviewer":       func(r *store.Review) { r.Reviewer = "  " },
		"note too long":     func(r *store.Review) { r.Note = string(long) },
		"invalid utf8":      func(r *store.Review) { r.Note = "bad \xff byte" },
		"nul":               func(r *store.Review) { r.Reviewer = "Ol\x00ena" },
		"right corrected":   func(r *store.Review) { r.Verdict = store.VerdictRight },
		"status correction": func(r *store.Review) { r.Field = store.FieldStatus },
	} {
		r := good
		mut(&r)
		if _, err := rv.AddReview(ctx, r); crosscheck.ErrorCode(err) != crosscheck.EINVALID {
			t.Errorf("%s: AddReview error %v, want %s", name, err, crosscheck.EINVALID)
		}
	}
	if got, _ := rv.ClaimReviews(ctx, "c1"); len(got) != 0 {
		t.Errorf("a refused review was stored: %+v", got)
	}
	r, err := rv.AddReview(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	// Text is kept as given, markup included: escaping is the pages' job.
	r2, err := rv.AddReview(ctx, store.Review{Claim: "c1", Article: "a1", Statement: "s1", Field: store.FieldStatus,
		Verdict: store.VerdictRight, Note: "<script>alert(1)</script> ‘quoted’", Reviewer: "O'Brien"})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := rv.ClaimReviews(ctx, "c1")
	if !slices.Equal(reviewIDs(got), []int64{r.ID, r2.ID}) || got[1].Note != "<script>alert(1)</script> ‘quoted’" || got[1].Reviewer != "O'Brien" {
		t.Errorf("reviews %+v", got)
	}
	if a, st, ok := store.ParseRef("art-a#s12"); !ok || a != "art-a" || st != "s12" {
		t.Errorf("ParseRef = %q %q %v", a, st, ok)
	}
	for _, bad := range []string{"", "art-a", "#s1", "art-a#", "a#b#c"} {
		if _, _, ok := store.ParseRef(bad); ok {
			t.Errorf("ParseRef(%q) accepted", bad)
		}
	}
}

func testClaimPlaces(t *testing.T, s store.Store) {
	ctx := t.Context()
	cp, ok := s.(store.ClaimPlaces)
	if !ok {
		t.Fatalf("%T does not implement store.ClaimPlaces", s)
	}
	putAll(t, s, Corpus(t))
	claims, echo := Ledger()
	if err := s.ReplaceClaims(ctx, claims, echo); err != nil {
		t.Fatal(err)
	}
	got, err := cp.ClaimPlaces(ctx, store.ClaimFilter{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.PlaceCount{{Name: "kursk", Claims: 1}, {Name: "sudzha", Claims: 1}}
	if !slices.Equal(got, want) {
		t.Errorf("ClaimPlaces = %v, want %v", got, want)
	}
	got, _ = cp.ClaimPlaces(ctx, store.ClaimFilter{Status: crosscheck.StatusDisputed}, 10)
	if want := []store.PlaceCount{{Name: "kursk", Claims: 1}}; !slices.Equal(got, want) {
		t.Errorf("ClaimPlaces(disputed) = %v, want %v", got, want)
	}
	got, _ = cp.ClaimPlaces(ctx, store.ClaimFilter{Party: "XX"}, 10)
	if len(got) != 0 {
		t.Errorf("ClaimPlaces(no claims) = %v", got)
	}
}

// sameReviews checks that ClaimsReviews lists for each id what ClaimReviews
// lists for it alone.
func sameReviews(t *testing.T, rv store.Reviews, ids ...string) {
	t.Helper()
	all, err := rv.ClaimsReviews(t.Context(), ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		one, err := rv.ClaimReviews(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		if got := all[id]; len(got) != len(one) || len(one) > 0 && !reflect.DeepEqual(got, one) {
			t.Errorf("ClaimsReviews(%q) = %v, ClaimReviews = %v", id, reviewIDs(got), reviewIDs(one))
		}
	}
}
