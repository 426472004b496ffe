package api

import (
	"net/http"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/httpio"
	"github.com/crosscheck/crosscheck/internal/store"
)

// ReviewInput is the body of POST /api/claims/{id}/reviews.
type ReviewInput = httpio.ReviewInput

// ReviewJSON is one review as the API shows it: the statement reference is
// "article#statement", as posted.
type ReviewJSON struct {
	ID         int64     `json:"id"`
	Claim      string    `json:"claim"`
	Statement  string    `json:"statement"`
	Field      string    `json:"field"`
	Verdict    string    `json:"verdict"`
	Value      string    `json:"value"`
	Correction string    `json:"correction,omitempty"`
	Note       string    `json:"note,omitempty"`
	Reviewer   string    `json:"reviewer"`
	At         time.Time `json:"at"`
}

func reviewJSON(r store.Review) ReviewJSON {
	return ReviewJSON{r.ID, r.Claim, r.Ref(), r.Field, r.Verdict, r.Value, r.Correction, r.Note, r.Reviewer, r.At}
}

// reviewsOff is the error of the review routes on a store without reviews.
var reviewsOff = crosscheck.Errorf(crosscheck.ENOTFOUND, "reviews are not available on this store")

func (a *API) claimReviews(w http.ResponseWriter, r *http.Request) {
	if a.Reviews == nil {
		a.fail(w, r, reviewsOff)
		return
	}
	id := r.PathValue("id")
	rs, err := a.Reviews.ClaimReviews(r.Context(), id)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if len(rs) == 0 {
		// An unknown claim is a 404, a known one without reviews an
		// empty list.
		if _, err := a.Store.Claim(r.Context(), id); err != nil {
			a.fail(w, r, notFound(err, "claim", id))
			return
		}
	}
	out := make([]ReviewJSON, len(rs))
	for i, x := range rs {
		out[i] = reviewJSON(x)
	}
	writeJSON(w, http.StatusOK, map[string]any{"reviews": out})
}

func (a *API) addReview(w http.ResponseWriter, r *http.Request) {
	if a.Reviews == nil {
		a.fail(w, r, reviewsOff)
		return
	}
	var in ReviewInput
	if err := a.decode(w, r, &in); err != nil {
		a.fail(w, r, err)
		return
	}
	id := r.PathValue("id")
	c, err := a.Store.Claim(r.Context(), id)
	if err != nil {
		a.fail(w, r, notFound(err, "claim", id))
		return
	}
	rv, err := in.Review(c)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if rv, err = a.Reviews.AddReview(r.Context(), rv); err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, reviewJSON(rv))
}
