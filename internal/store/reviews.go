package store

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
)

// Reviews keeps what editors say about the machine's reading of a claim: a
// verdict (right or wrong) on its status, or on the speaker or party of one
// of its statements, with a correction, a note, the reviewer's name and the
// time. The SQLite and PostgreSQL stores implement it beside Store.
//
// Reviews outlive the claim ledger, which every ingest rebuilds from
// scratch: a review is kept under the claim id it was made on AND under a
// statement reference (article id + statement id), its anchor. A claim's
// reviews are those made on its id and those anchored on any of its
// statements, so when a rebuild gives the claim a new id (its id derives
// from its earliest statement, and an earlier article may join it) the
// reviews follow their statements into it. Article ids come from the
// canonical URL or the text and statement ids from the analysis, so both
// survive re-ingest and rebuilds; a review whose statement disappears
// (the article was re-analysed into different statements) stays listed
// under its old claim id and its article.
type Reviews interface {
	// AddReview stores r after checking it (Review.Check) and returns it
	// with its ID and time (r.At, or the store's clock when zero).
	AddReview(ctx context.Context, r Review) (Review, error)
	// ClaimReviews lists, oldest first, the reviews made on claim id or
	// anchored on one of its current statements.
	ClaimReviews(ctx context.Context, claimID string) ([]Review, error)
	// ClaimsReviews is ClaimReviews for several claims in one query (a
	// page of the board): each id with reviews maps to them, oldest first.
	ClaimsReviews(ctx context.Context, claimIDs []string) (map[string][]Review, error)
	// ArticleReviews lists, oldest first, the reviews anchored on the
	// statements of an article.
	ArticleReviews(ctx context.Context, articleID string) ([]Review, error)
	// MovedClaim returns the id of the claim that now holds the statements
	// reviews made on the claim id were anchored on, for a claim id that a
	// rebuild replaced; "" when there is none.
	MovedClaim(ctx context.Context, claimID string) (string, error)
}

// Review filters of ClaimFilter.Review.
const (
	ReviewReviewed = "reviewed"     // claims with at least one review
	ReviewNeeded   = "needs_review" // claims without any review
)

// Review fields and verdicts.
const (
	FieldStatus  = "status"
	FieldSpeaker = "speaker"
	FieldParty   = "party"

	VerdictRight = "right"
	VerdictWrong = "wrong"
)

// Review is one editor's verdict on one field of a claim.
type Review struct {
	ID    int64  `json:"id"`
	Claim string `json:"claim"` // the claim id the review was made on
	// Article and Statement are the statement reference the review is
	// anchored on: the statement whose speaker or party is reviewed, or
	// for a status review the statement given, else the claim's first.
	Article   string `json:"article"`
	Statement string `json:"statement"`
	Field     string `json:"field"`   // FieldStatus, FieldSpeaker or FieldParty
	Verdict   string `json:"verdict"` // VerdictRight or VerdictWrong
	// Value is what the reviewer saw: the claim's statuses (comma-joined),
	// or the statement's speaker or party, so that a later change of the
	// machine's reading shows against the verdict.
	Value      string    `json:"value"`
	Correction string    `json:"correction,omitempty"`
	Note       string    `json:"note,omitempty"`
	Reviewer   string    `json:"reviewer"`
	At         time.Time `json:"at"`
}

// Ref returns the review's statement reference, "article#statement".
func (r Review) Ref() string { return r.Article + "#" + r.Statement }

// ParseRef splits a statement reference "article#statement".
func ParseRef(ref string) (article, statement string, ok bool) {
	article, statement, ok = strings.Cut(strings.TrimSpace(ref), "#")
	return article, statement, ok && article != "" && statement != "" && !strings.Contains(statement, "#")
}

// Limits on review text, in characters.
const (
	MaxReviewer   = 100
	MaxCorrection = 200
	MaxNote       = 4000
)

// Check reports what is wrong with r as an EINVALID error, or nil.
func (r Review) Check() error {
	bad := func(format string, args ...any) error { return crosscheck.Errorf(crosscheck.EINVALID, format, args...) }
	switch r.Field {
	case FieldStatus, FieldSpeaker, FieldParty:
	default:
		return bad("field %q: want status, speaker or party", clip(r.Field))
	}
	switch r.Verdict {
	case VerdictRight, VerdictWrong:
	default:
		return bad("verdict %q: want right or wrong", clip(r.Verdict))
	}
	if r.Claim == "" {
		return bad("a review needs the claim id")
	}
	if r.Article == "" || r.Statement == "" {
		return bad("a review of the %s needs a statement (article#statement)", r.Field)
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{{"reviewer", r.Reviewer, MaxReviewer}, {"correction", r.Correction, MaxCorrection}, {"note", r.Note, MaxNote}} {
		if !utf8.ValidString(f.v) || strings.ContainsRune(f.v, 0) {
			return bad("%s is not valid text", f.name)
		}
		if n := utf8.RuneCountInString(f.v); n > f.max {
			return bad("%s is %d characters long, over the limit of %d", f.name, n, f.max)
		}
	}
	if strings.TrimSpace(r.Reviewer) == "" {
		return bad("a review needs the reviewer's name")
	}
	if r.Verdict == VerdictRight && r.Correction != "" {
		return bad("a correction goes with a verdict of wrong")
	}
	if r.Field == FieldStatus && r.Correction != "" {
		switch r.Correction {
		case crosscheck.StatusUnconfirmed, crosscheck.StatusDisputed, crosscheck.StatusCorroborated, crosscheck.StatusConfirmedByAdversary:
		default:
			return bad("status correction %q: want unconfirmed, disputed, corroborated or confirmed_by_adversary", clip(r.Correction))
		}
	}
	return nil
}

func clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	return strings.ToValidUTF8(s[:40], "") + "…"
}
