package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/httpio"
	"github.com/crosscheck/crosscheck/internal/store"
)

// claimExtras are the fields the claims package adds to a claim as it
// grows: one current status, the history of statuses, and for each
// statement the link that joined it to the claim. The page decodes them
// from the claim's JSON, so it shows them when present and works without.
type claimExtras struct {
	CurrentStatus string         `json:"current_status"`
	StatusHistory []statusChange `json:"status_history"`
	Statements    []struct {
		Link *stmtLink `json:"link"`
	} `json:"statements"`
}

type statusChange struct {
	Status    string `json:"status"`
	Since     string `json:"since"`
	Article   string `json:"article"`
	Statement string `json:"statement"`
	Text      string `json:"text"`
}

// stmtLink says which statement of the claim a statement answers and why
// it was linked. To is an index into the claim's statements, or a
// reference ("article#statement", or a statement id of the same article).
type stmtLink struct {
	To      any      `json:"to"`
	Reasons []string `json:"reasons"`
	Score   float64  `json:"score"`
}

func extrasOf(c crosscheck.Claim) claimExtras {
	var x claimExtras
	if b, err := json.Marshal(c); err == nil {
		_ = json.Unmarshal(b, &x) // the contract's own fields always decode
	}
	return x
}

// target resolves a link to the index of the statement it points at, -1
// when it points nowhere in c.
func (l *stmtLink) target(c *crosscheck.Claim, self int) int {
	if l == nil {
		return -1
	}
	switch v := l.To.(type) {
	case float64:
		if i := int(v); float64(i) == v && i >= 0 && i < len(c.Statements) {
			return i
		}
	case string:
		art, sid, ok := strings.Cut(v, "#")
		if !ok {
			art, sid = c.Statements[self].Article, v
		}
		for i, s := range c.Statements {
			if s.Article == art && s.Statement == sid {
				return i
			}
		}
	}
	return -1
}

// stmtView is one statement of a claim as the page shows it.
type stmtView struct {
	crosscheck.ClaimStatement
	Ref     string
	Href    string
	Parties []partyView
	Reviews []reviewView
	Link    *stmtLink
	Index   int
}

type partyGroup struct {
	Key        string
	Parties    []partyView
	Statements []stmtView
}

// appearanceTree is an origin article with the echoes folded under it.
type appearanceTree struct {
	crosscheck.Appearance
	Echoes []crosscheck.Appearance
}

type evidenceView struct {
	crosscheck.Evidence
	Href     string
	Site     string
	Date     string // the article's publication
	Citation string
	CiteID   string
	Current  bool
}

// reviewView is one review with what the page says about it.
type reviewView struct {
	store.Review
	What     string // "status", "speaker of s3 (Igor Konashenkov)"
	Stale    bool   // the machine's reading changed since
	Now      string // what the machine says now, when stale
	Href     string // the reviewed statement
	OldClaim bool   // made on another claim id (before a rebuild)
}

// reviewForm is the review form's state: what was typed (never the token)
// and what went wrong.
type reviewForm struct {
	In      httpio.ReviewInput
	Error   string
	Saved   bool
	Enabled bool
	Options []option
}

type option struct{ Value, Label string }

func (w *Web) claim(rw http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	// The page is made of the claim, its reviews, the host it is cited
	// under and the "reviewed" notice: kept as bytes while the store does
	// not change (store.WithReadCache). The claim is read inside, under
	// the version the page is kept by.
	form := reviewForm{Saved: r.URL.Query().Get("reviewed") == "1"}
	key := fmt.Sprintf("web claim %q %q %t", baseURL(r), id, form.Saved)
	page, err := store.Rendered(r.Context(), w.Store, key, func(ctx context.Context) ([]byte, error) {
		c, err := w.Store.Claim(ctx, id)
		if err != nil {
			return nil, err
		}
		data, err := w.claimData(ctx, r, c, form)
		if err != nil {
			return nil, err
		}
		return w.renderBytes(r, "claim", data)
	})
	if errors.Is(err, crosscheck.ErrNotFound) && w.Reviews != nil {
		// A rebuild may have given the claim a new id: its reviews know
		// which statements it was about.
		if moved, merr := w.Reviews.MovedClaim(r.Context(), id); merr == nil && moved != "" {
			http.Redirect(rw, r, "/claims/"+url.PathEscape(moved), http.StatusFound)
			return
		}
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	writeHTML(rw, http.StatusOK, page)
}

func (w *Web) renderClaim(rw http.ResponseWriter, r *http.Request, status int, c crosscheck.Claim, form reviewForm) {
	data, err := w.claimData(r.Context(), r, c, form)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, status, "claim", data)
}

// claimData is what the claim page shows of c.
func (w *Web) claimData(ctx context.Context, r *http.Request, c crosscheck.Claim, form reviewForm) (map[string]any, error) {
	x := extrasOf(c)
	var reviews []store.Review
	if w.Reviews != nil {
		var err error
		if reviews, err = w.Reviews.ClaimReviews(ctx, c.ID); err != nil {
			return nil, err
		}
	}
	names := w.countryName
	base := baseURL(r)
	claimURL := base + "/claims/" + url.PathEscape(c.ID)

	// Statements, with their reviews and links.
	byRef := map[string][]reviewView{}
	var rvs []reviewView
	stmts := make([]stmtView, len(c.Statements))
	for i, s := range c.Statements {
		sv := stmtView{ClaimStatement: s, Ref: s.Article + "#" + s.Statement, Href: articleHref(s.Article, s.Statement),
			Parties: partyViews(s.Affiliation, names), Index: i}
		if i < len(x.Statements) {
			sv.Link = x.Statements[i].Link
		}
		stmts[i] = sv
	}
	stmtByRef := map[string]*stmtView{}
	for i := range stmts {
		stmtByRef[stmts[i].Ref] = &stmts[i]
	}
	for _, rv := range reviews {
		v := reviewView{Review: rv, What: rv.Field, Href: articleHref(rv.Article, rv.Statement), OldClaim: rv.Claim != c.ID}
		st := stmtByRef[rv.Ref()]
		switch rv.Field {
		case store.FieldStatus:
			if now := strings.Join(c.Status, ","); now != rv.Value {
				v.Stale, v.Now = true, now
			}
		default:
			if st != nil {
				v.What = fmt.Sprintf("%s of %s (%s)", rv.Field, rv.Statement, orText(st.Speaker, "unattributed"))
				now := st.Speaker
				if rv.Field == store.FieldParty {
					now = st.Affiliation
				}
				if now != rv.Value {
					v.Stale, v.Now = true, orText(now, "none")
				}
			} else {
				v.What = fmt.Sprintf("%s of %s", rv.Field, rv.Statement)
			}
		}
		rvs = append(rvs, v)
		if rv.Field != store.FieldStatus {
			byRef[rv.Ref()] = append(byRef[rv.Ref()], v)
		}
	}
	for i := range stmts {
		stmts[i].Reviews = byRef[stmts[i].Ref]
	}

	// Statements by party.
	groups := map[string]*partyGroup{}
	var order []string
	for _, s := range stmts {
		g := groups[s.Affiliation]
		if g == nil {
			g = &partyGroup{Key: s.Affiliation, Parties: s.Parties}
			groups[s.Affiliation] = g
			order = append(order, s.Affiliation)
		}
		g.Statements = append(g.Statements, s)
	}
	slices.SortFunc(order, func(a, b string) int {
		if (a == "") != (b == "") {
			if a == "" {
				return 1
			}
			return -1
		}
		return strings.Compare(a, b)
	})
	var parties []partyGroup
	for _, p := range order {
		parties = append(parties, *groups[p])
	}

	// Status changes: the claims package's history when it gives one,
	// else the evidence (each status since its first evidence).
	current := x.CurrentStatus
	if current == "" {
		current = latestStatus(c)
	}
	changes := x.StatusHistory
	if len(changes) == 0 {
		seen := map[string]bool{}
		for _, e := range c.Evidence {
			if !seen[e.Status] {
				seen[e.Status] = true
				since := e.Since
				if since == "" {
					since = c.FirstSeen
				}
				changes = append(changes, statusChange{Status: e.Status, Since: since, Article: e.Article, Statement: e.Statement, Text: e.Text})
			}
		}
	}
	var events []tlEvent
	for _, s := range stmts {
		events = append(events, tlEvent{When: s.Published, Lane: s.Affiliation, Stance: s.Stance, Echo: s.Echo,
			Label: s.Speaker, Text: s.Content, Site: s.Site, Href: s.Href})
	}
	for _, h := range changes {
		events = append(events, tlEvent{When: h.Since, Status: h.Status, Label: statusLabel(h.Status), Text: h.Text,
			Href: articleHref(h.Article, h.Statement), Current: h.Status == current})
	}
	laneName := func(p string) string { return partyNameOnly(p, names) }
	timeline := buildTimeline("tl", events, laneName)

	// Who disputes whom.
	voices := make([]gVoice, len(stmts))
	for i, s := range stmts {
		voices[i] = gVoice{Speaker: s.Speaker, Party: s.Affiliation, Stance: s.Stance, Echo: s.Echo, Target: s.Link.target(&c, i)}
	}
	graph := buildGraph("g", voices, originOf(stmts), names,
		func(name string) string { return "/speakers/" + url.PathEscape(name) },
		func(p string) string { return "/?party=" + url.QueryEscape(p) })

	// Evidence with citations.
	pub := map[string]crosscheck.Appearance{}
	for _, a := range c.Appearances {
		pub[a.Article] = a
	}
	var evidence []evidenceView
	for i, e := range c.Evidence {
		ap := pub[e.Article]
		ev := evidenceView{Evidence: e, Href: articleHref(e.Article, e.Statement), Site: ap.Site, Date: ap.Published,
			CiteID: "cite-ev-" + strconv.Itoa(i), Current: e.Status == current}
		ev.Citation = citation(e.Text, ap, base+ev.Href, claimURL, c.ID, statusLabel(e.Status))
		evidence = append(evidence, ev)
	}

	// Appearances: echoes folded under their origin.
	var trees []appearanceTree
	index := map[string]int{}
	for _, a := range c.Appearances {
		if a.EchoOf == "" {
			index[a.Article] = len(trees)
			trees = append(trees, appearanceTree{Appearance: a})
		}
	}
	for _, a := range c.Appearances {
		if a.EchoOf == "" {
			continue
		}
		if i, ok := index[string(a.EchoOf)]; ok {
			trees[i].Echoes = append(trees[i].Echoes, a)
		} else { // origin not among this claim's appearances: show on its own
			trees = append(trees, appearanceTree{Appearance: a})
		}
	}

	form.Enabled = w.Reviews != nil && w.Token != ""
	for _, s := range stmts {
		if s.Echo {
			continue
		}
		form.Options = append(form.Options, option{s.Ref, fmt.Sprintf("%s — %s (%s)", s.Statement, clipText(orText(s.Speaker, "unattributed"), 30),
			clipText(partyLabel(s.Affiliation, names), 30))})
	}

	// The editors' word on the status: the latest status review.
	var editor *reviewView
	for i := range rvs {
		if rvs[i].Field == store.FieldStatus {
			editor = &rvs[i]
		}
	}

	var currentEvidence string
	for _, e := range evidence {
		if e.Status == current {
			currentEvidence = e.Text
			break
		}
	}
	return map[string]any{
		"Title": c.Summary, "Claim": c, "Current": current, "History": changes, "Parties": parties,
		"Timeline": timeline, "Graph": graph, "Events": events, "Evidence": evidence, "Appearances": trees,
		"Reviews": rvs, "Form": form, "ClaimURL": claimURL,
		"Citation": claimCitation(c, current, currentEvidence, claimURL, editor), "Editor": editor,
		"ClaimParties": partyViews(strings.Join(c.Parties, ","), names),
	}, nil
}

// originOf is the statement the others answer by default: the first
// that asserts the claim, not an echo; else the first.
func originOf(stmts []stmtView) int {
	for i, s := range stmts {
		if !s.Echo && s.Stance == crosscheck.StanceAssert {
			return i
		}
	}
	return 0
}

// articleHref links a statement's sentence in its article.
func articleHref(article, statement string) string {
	h := "/articles/" + url.PathEscape(article)
	if statement != "" {
		h += "#" + url.PathEscape(statement)
	}
	return h
}

// baseURL is the scheme and host the reader used, for citations.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// citation is a ready-to-paste reference for one evidence sentence.
func citation(text string, ap crosscheck.Appearance, articleURL, claimURL, claimID, status string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "“%s”", strings.Join(strings.Fields(text), " "))
	var src []string
	if ap.Site != "" {
		src = append(src, ap.Site)
	}
	if d := formatDate(ap.Published); d != nil {
		src = append(src, d.Text)
	}
	if len(src) > 0 {
		b.WriteString(" — " + strings.Join(src, ", "))
	}
	b.WriteString(". ")
	if ap.URL != "" {
		b.WriteString(ap.URL + " ")
	}
	fmt.Fprintf(&b, "(sentence: %s). Evidence that the claim is %s, crosscheck claim %s: %s", articleURL, status, claimID, claimURL)
	return b.String()
}

// claimCitation cites the claim as a whole.
func claimCitation(c crosscheck.Claim, current, evidence, claimURL string, editor *reviewView) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Claim: %s", strings.Join(strings.Fields(c.Summary), " "))
	fmt.Fprintf(&b, "\nStatus: %s", statusLabel(current))
	if d := formatDate(c.FirstSeen); d != nil {
		fmt.Fprintf(&b, " (first seen %s)", d.Text)
	}
	if evidence != "" {
		fmt.Fprintf(&b, "\nEvidence: “%s”", strings.Join(strings.Fields(evidence), " "))
	}
	if editor != nil {
		fmt.Fprintf(&b, "\nReviewed by %s on %s: the status is %s", editor.Reviewer, editor.At.Format(dayLayout), editor.Verdict)
		if editor.Correction != "" {
			fmt.Fprintf(&b, ", should be %s", statusLabel(editor.Correction))
		}
	}
	fmt.Fprintf(&b, "\nSource: crosscheck claim %s, %s", c.ID, claimURL)
	return b.String()
}

// latestStatus is the status that began last (by evidence Since), else
// the last listed.
func latestStatus(c crosscheck.Claim) string {
	best, bestDay := "", ""
	for _, e := range c.Evidence {
		d := e.Since
		if d == "" {
			d = c.FirstSeen
		}
		if best == "" || d >= bestDay {
			best, bestDay = e.Status, d
		}
	}
	if best == "" && len(c.Status) > 0 {
		best = c.Status[len(c.Status)-1]
	}
	return best
}

// reviewPost stores a review posted from the claim page's form. The write
// token is typed into the form and compared in constant time; on an error
// the page comes back with the form as it was typed.
func (w *Web) reviewPost(rw http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(rw, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		w.fail(rw, r, crosscheck.Errorf(crosscheck.EINVALID, "form too large or malformed"))
		return
	}
	c, err := w.Store.Claim(r.Context(), r.PathValue("id"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	in := httpio.ReviewInput{
		Field: r.PostFormValue("field"), Statement: r.PostFormValue("statement"), Verdict: r.PostFormValue("verdict"),
		Correction: r.PostFormValue("correction"), Note: r.PostFormValue("note"), Reviewer: r.PostFormValue("reviewer"),
	}
	if in.Verdict == store.VerdictRight {
		in.Correction = "" // nothing to correct: the form sends the field anyway
	}
	if in.Field == store.FieldStatus && !strings.Contains(in.Statement, "#") {
		in.Statement = "" // "the claim as a whole"
	}
	formErr := func(err error) {
		w.renderClaim(rw, r, httpio.Status(crosscheck.ErrorCode(err)), c, reviewForm{In: in, Error: err.Error()})
	}
	if w.Reviews == nil {
		formErr(crosscheck.Errorf(crosscheck.ENOTFOUND, "reviews are not available on this store"))
		return
	}
	if !tokenOK(w.Token, r.PostFormValue("token")) {
		msg := "the write token is wrong"
		if w.Token == "" {
			msg = "reviews are disabled: start the server with --token or CROSSCHECK_TOKEN"
		}
		formErr(crosscheck.Errorf(crosscheck.EUNAUTH, "%s", msg))
		return
	}
	rv, err := in.Review(c)
	if err == nil {
		_, err = w.Reviews.AddReview(r.Context(), rv)
	}
	if err != nil {
		formErr(err)
		return
	}
	http.Redirect(rw, r, "/claims/"+url.PathEscape(c.ID)+"?reviewed=1#reviews", http.StatusSeeOther)
}
