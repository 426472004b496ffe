package httpio

import (
	"strings"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// ReviewInput is an editor's review of a claim as posted to the API (JSON)
// or from the review form of the claim page.
type ReviewInput struct {
	Field      string `json:"field"`     // status|speaker|party
	Statement  string `json:"statement"` // "article#statement"; needed for speaker and party
	Verdict    string `json:"verdict"`   // right|wrong
	Correction string `json:"correction"`
	Note       string `json:"note"`
	Reviewer   string `json:"reviewer"`
}

// Review checks the input against claim c and returns the review to store:
// anchored on the statement given, which must be one of c's, or for a
// status review without one on c's first statement; its Value is what the
// machine says now (c's statuses, or the statement's speaker or party).
// Errors are EINVALID.
func (in ReviewInput) Review(c crosscheck.Claim) (store.Review, error) {
	r := store.Review{
		Claim: c.ID, Field: strings.TrimSpace(in.Field), Verdict: strings.TrimSpace(in.Verdict),
		Correction: strings.TrimSpace(in.Correction), Note: strings.TrimSpace(in.Note), Reviewer: strings.TrimSpace(in.Reviewer),
	}
	var st *crosscheck.ClaimStatement
	if ref := strings.TrimSpace(in.Statement); ref != "" {
		art, sid, ok := store.ParseRef(ref)
		if !ok {
			return r, crosscheck.Errorf(crosscheck.EINVALID, "statement %q: want article#statement, e.g. %s", clipRef(ref), exampleRef(c))
		}
		for i := range c.Statements {
			if c.Statements[i].Article == art && c.Statements[i].Statement == sid {
				st = &c.Statements[i]
				break
			}
		}
		if st == nil {
			return r, crosscheck.Errorf(crosscheck.EINVALID, "statement %s is not one of claim %s's", clipRef(ref), c.ID)
		}
	}
	switch r.Field {
	case store.FieldSpeaker, store.FieldParty:
		if st == nil {
			return r, crosscheck.Errorf(crosscheck.EINVALID, "a review of the %s needs the statement it is about (article#statement)", r.Field)
		}
		r.Value = st.Speaker
		if r.Field == store.FieldParty {
			r.Value = st.Affiliation
		}
	case store.FieldStatus:
		r.Value = strings.Join(c.Status, ",")
		if st == nil && len(c.Statements) > 0 {
			st = &c.Statements[0] // the statement the claim's id derives from
		}
	}
	if st != nil {
		r.Article, r.Statement = st.Article, st.Statement
	}
	return r, r.Check()
}

func exampleRef(c crosscheck.Claim) string {
	if len(c.Statements) > 0 {
		return c.Statements[0].Article + "#" + c.Statements[0].Statement
	}
	return "ARTICLE#s1"
}

func clipRef(s string) string {
	if len(s) > 80 {
		return strings.ToValidUTF8(s[:80], "") + "…"
	}
	return s
}
