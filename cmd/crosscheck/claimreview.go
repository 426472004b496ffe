package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/gazetteer"
	"github.com/crosscheck/crosscheck/internal/store"
)

// schema.org ClaimReview (https://schema.org/ClaimReview), as fact-checkers
// publish it: the review is crosscheck's (with the editors who reviewed it
// as contributors), url is the claim's page, itemReviewed is the Claim with
// its author (a Person or an Organization, with the party it speaks for)
// and appearances, the rating names the claim's status and explains it in
// full, and citation is the strongest evidence.
type claimReview struct {
	Type          string        `json:"@type"`
	ID            string        `json:"identifier"`
	URL           string        `json:"url"`
	ClaimReviewed string        `json:"claimReviewed"`
	DatePublished string        `json:"datePublished"`
	Author        thing         `json:"author"`
	Contributor   []thing       `json:"contributor,omitempty"`
	ItemReviewed  schemaClaim   `json:"itemReviewed"`
	ReviewRating  rating        `json:"reviewRating"`
	Citation      *creativeWork `json:"citation,omitempty"`
}

// thing is a schema.org Person or Organization.
type thing struct {
	Type               string `json:"@type"`
	Name               string `json:"name"`
	Identifier         string `json:"identifier,omitempty"`
	JobTitle           string `json:"jobTitle,omitempty"`
	Affiliation        *thing `json:"affiliation,omitempty"`        // Person: the party it speaks for
	ParentOrganization *thing `json:"parentOrganization,omitempty"` // Organization: the party it speaks for
}

type schemaClaim struct {
	Type            string         `json:"@type"`
	Text            string         `json:"text"`
	Author          *thing         `json:"author,omitempty"`
	DatePublished   string         `json:"datePublished,omitempty"`
	FirstAppearance *creativeWork  `json:"firstAppearance,omitempty"`
	Appearance      []creativeWork `json:"appearance"`
}

type creativeWork struct {
	Type          string `json:"@type"`
	URL           string `json:"url,omitempty"`
	Identifier    string `json:"identifier"`
	DatePublished string `json:"datePublished,omitempty"`
	Publisher     *thing `json:"publisher,omitempty"`
	IsBasedOn     string `json:"isBasedOn,omitempty"` // an echo's origin (URL, else article id)
	Text          string `json:"text,omitempty"`      // for a citation: the evidence sentence
}

type rating struct {
	Type              string `json:"@type"`
	AlternateName     string `json:"alternateName"`
	RatingExplanation string `json:"ratingExplanation,omitempty"`
}

// checkBaseURL refuses a --base-url that cannot prefix claim pages.
func checkBaseURL(base string) error {
	if base == "" {
		return crosscheck.Errorf(crosscheck.EINVALID, "the claimreview format needs --base-url, the address the web UI serves the claim pages at (e.g. https://desk.example.org), for each review's url")
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return crosscheck.Errorf(crosscheck.EINVALID, "--base-url %q: want an absolute http(s) URL such as https://desk.example.org", base)
	}
	return nil
}

// speakerInfo is what the export needs to know about a statement's
// speaker beyond the claim: its kind and role.
type speakerInfo struct{ Type, Role string }

// exportClaimReviews writes the ClaimReview document: claims with a status
// beyond unconfirmed, or reviewed by an editor, oldest first.
func exportClaimReviews(ctx context.Context, w io.Writer, st store.Store, f store.ClaimFilter, base, today string) (int, error) {
	rv, _ := st.(store.Reviews)
	gaz, err := gazetteer.Load()
	if err != nil {
		return 0, err
	}
	speakers := map[string]map[string]speakerInfo{} // article → statement → speaker
	speakerOf := func(article, statement string) (speakerInfo, error) {
		m, ok := speakers[article]
		if !ok {
			rows, _, err := st.Statements(ctx, store.StatementFilter{Article: article, Limit: store.MaxLimit})
			if err != nil {
				return speakerInfo{}, err
			}
			m = map[string]speakerInfo{}
			for _, r := range rows {
				m[r.Statement.ID] = speakerInfo{r.Statement.Speaker.Type, string(r.Statement.Speaker.Role)}
			}
			speakers[article] = m
		}
		return m[statement], nil
	}
	var out []claimReview
	err = eachClaim(ctx, st, f, func(c crosscheck.Claim) error {
		var reviews []store.Review
		if rv != nil {
			var err error
			if reviews, err = rv.ClaimReviews(ctx, c.ID); err != nil {
				return err
			}
		}
		if len(reviews) == 0 && !beyondUnconfirmed(c) {
			return nil // a machine-made "unconfirmed" is not a fact-check
		}
		r, err := toClaimReview(c, reviews, base, today, gaz.CountryName, speakerOf)
		if err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	if err != nil {
		return 0, err
	}
	doc := struct {
		Context string        `json:"@context"`
		Graph   []claimReview `json:"@graph"`
	}{"https://schema.org", out}
	if doc.Graph == nil {
		doc.Graph = []claimReview{}
	}
	return len(out), writeJSON(w, doc)
}

func beyondUnconfirmed(c crosscheck.Claim) bool {
	for _, s := range c.Status {
		if s != crosscheck.StatusUnconfirmed {
			return true
		}
	}
	return false
}

// party is the schema.org form of a party code: the country it names.
func party(code string, name func(string) string) *thing {
	code, _, _ = strings.Cut(code, ",")
	if code = strings.TrimSpace(code); code == "" {
		return nil
	}
	return &thing{Type: "Organization", Name: orNone2(name(code), code), Identifier: code}
}

func orNone2(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func toClaimReview(c crosscheck.Claim, reviews []store.Review, base, today string, countryName func(string) string,
	speakerOf func(article, statement string) (speakerInfo, error)) (claimReview, error) {
	r := claimReview{
		Type: "ClaimReview", ID: c.ID, URL: strings.TrimRight(base, "/") + "/claims/" + url.PathEscape(c.ID),
		ClaimReviewed: oneLine(c.Summary), DatePublished: today,
		Author:       thing{Type: "Organization", Name: "crosscheck"},
		ItemReviewed: schemaClaim{Type: "Claim", Text: oneLine(c.Summary), DatePublished: c.FirstSeen, Appearance: []creativeWork{}},
		ReviewRating: rating{Type: "Rating"},
	}
	// The claim's author: the speaker of its first asserting statement
	// that is not a re-publication, else its first statement.
	origin := -1
	for i, s := range c.Statements {
		if !s.Echo && s.Speaker != "" && (origin < 0 || s.Stance == crosscheck.StanceAssert && c.Statements[origin].Stance != crosscheck.StanceAssert) {
			origin = i
		}
	}
	if origin >= 0 {
		s := c.Statements[origin]
		info, err := speakerOf(s.Article, s.Statement)
		if err != nil {
			return r, err
		}
		a := &thing{Type: "Organization", Name: s.Speaker}
		p := party(s.Affiliation, countryName)
		if info.Type == crosscheck.TypePerson {
			a.Type, a.JobTitle, a.Affiliation = "Person", info.Role, p
		} else {
			a.ParentOrganization = p
		}
		r.ItemReviewed.Author = a
	}
	urls, sites, dates := map[string]string{}, map[string]string{}, map[string]string{}
	echo := map[string]bool{}
	for _, a := range c.Appearances {
		urls[a.Article], sites[a.Article], dates[a.Article] = a.URL, a.Site, a.Published
		echo[a.Article] = a.EchoOf != ""
	}
	for _, a := range c.Appearances {
		w := creativeWork{Type: "NewsArticle", URL: a.URL, Identifier: a.Article, DatePublished: a.Published}
		if a.EchoOf != "" {
			// isBasedOn takes a URL: the origin's when known, else its id.
			w.IsBasedOn = urls[string(a.EchoOf)]
			if w.IsBasedOn == "" {
				w.IsBasedOn = string(a.EchoOf)
			}
		}
		if a.Site != "" {
			w.Publisher = &thing{Type: "Organization", Name: a.Site}
		}
		r.ItemReviewed.Appearance = append(r.ItemReviewed.Appearance, w)
		if a.EchoOf == "" && (r.ItemReviewed.FirstAppearance == nil || earlier(a.Published, r.ItemReviewed.FirstAppearance.DatePublished)) {
			fa := w
			r.ItemReviewed.FirstAppearance = &fa
		}
	}

	// The rating: an editor's correction of the status wins over the
	// machine's; then the status that began last.
	status := latestStatus(c)
	var verdict *store.Review
	for i := range reviews {
		if reviews[i].Field == store.FieldStatus {
			verdict = &reviews[i]
		}
	}
	if verdict != nil && verdict.Verdict == store.VerdictWrong && verdict.Correction != "" {
		status = verdict.Correction
	}
	r.ReviewRating.AlternateName = statusWords(status)

	// Evidence for that status, strongest first: from an original article
	// rather than a re-publication, a direct quotation, then the earliest.
	var ev []crosscheck.Evidence
	for _, e := range c.Evidence {
		if e.Status == status {
			ev = append(ev, e)
		}
	}
	strength := func(e crosscheck.Evidence) int {
		n := 0
		if !echo[e.Article] {
			n += 2
		}
		if strings.ContainsAny(e.Text, "“”\"") {
			n++
		}
		return n
	}
	slices.SortStableFunc(ev, func(a, b crosscheck.Evidence) int {
		if d := strength(b) - strength(a); d != 0 {
			return d
		}
		return strings.Compare(orNone2(a.Since, "9999"), orNone2(b.Since, "9999"))
	})
	var expl strings.Builder
	fmt.Fprintf(&expl, "%s", capital(statusWords(status)))
	if len(ev) > 0 && ev[0].Since != "" {
		fmt.Fprintf(&expl, " since %s", day(ev[0].Since))
	}
	expl.WriteString(".")
	for i, e := range ev {
		if i == 1 {
			expl.WriteString(" Also:")
		}
		fmt.Fprintf(&expl, " “%s”", oneLine(e.Text))
		var src []string
		if s := sites[e.Article]; s != "" {
			src = append(src, s)
		}
		if d := day(orNone2(dates[e.Article], e.Since)); d != "-" {
			src = append(src, d)
		}
		if len(src) > 0 {
			fmt.Fprintf(&expl, " (%s)", strings.Join(src, ", "))
		}
		expl.WriteString(".")
	}
	if verdict != nil {
		fmt.Fprintf(&expl, " Reviewed by %s on %s: the status %q is %s", verdict.Reviewer, verdict.At.Format("2006-01-02"),
			verdict.Value, verdict.Verdict)
		if verdict.Correction != "" {
			fmt.Fprintf(&expl, ", corrected to %q", verdict.Correction)
		}
		expl.WriteString(".")
		if verdict.Note != "" {
			fmt.Fprintf(&expl, " Note: %s", oneLine(verdict.Note))
		}
	}
	r.ReviewRating.RatingExplanation = expl.String()
	if len(ev) > 0 {
		e := ev[0]
		r.Citation = &creativeWork{Type: "NewsArticle", URL: urls[e.Article], Identifier: e.Article + "#" + e.Statement,
			DatePublished: dates[e.Article], Text: oneLine(e.Text)}
		if s := sites[e.Article]; s != "" {
			r.Citation.Publisher = &thing{Type: "Organization", Name: s}
		}
	}
	seen := map[string]bool{}
	for _, rv := range reviews {
		if !seen[rv.Reviewer] {
			seen[rv.Reviewer] = true
			r.Contributor = append(r.Contributor, thing{Type: "Person", Name: rv.Reviewer})
		}
	}
	return r, nil
}

// statusWords is a status as a rating reads it.
func statusWords(s string) string { return strings.ReplaceAll(s, "_", " ") }

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// earlier compares publication dates; an unknown date is never earlier.
func earlier(a, b string) bool {
	if a == "" {
		return false
	}
	return b == "" || a < b
}

// latestStatus is the status that began last (by evidence Since), else the
// last listed.
func latestStatus(c crosscheck.Claim) string {
	tl := timeline(c)
	if len(tl) > 0 {
		return tl[len(tl)-1].Status
	}
	if len(c.Status) == 0 {
		return crosscheck.StatusUnconfirmed
	}
	return c.Status[len(c.Status)-1]
}
