// Package httpio holds what the JSON API (internal/api) and the web UI
// (internal/web) share at the HTTP edge, so that neither imports the other:
// the services they call (analysis, fetching, ingest), the claim filter read
// from query parameters (both accept the same parameters), the article input
// of the analyze and ingest endpoints, and the mapping of error codes to HTTP
// statuses.
package httpio

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// Analyzer analyzes one document (internal/analyze.Analyzer).
type Analyzer interface {
	Analyze(ctx context.Context, doc crosscheck.Document) (crosscheck.Analysis, error)
}

// Fetcher fetches a URL with the private-address guard (internal/fetch).
type Fetcher interface {
	Get(ctx context.Context, rawURL string) (crosscheck.Document, error)
}

// Ingester analyzes and stores documents and rebuilds the claims they touch.
type Ingester interface {
	Ingest(ctx context.Context, docs []crosscheck.Document) (IngestResult, error)
}

// IngestResult says what an ingest did with each document, in order.
type IngestResult struct {
	Articles []IngestedArticle `json:"articles"`
	Claims   int               `json:"claims"`
}

// IngestedArticle is the outcome of one ingested document.
type IngestedArticle struct {
	ID      string `json:"id,omitempty"`
	Outcome string `json:"outcome"` // created|updated|unchanged|failed
	Error   string `json:"error,omitempty"`
}

// Status maps an error code to an HTTP status; an unknown code is a 500.
func Status(code string) int {
	switch code {
	case crosscheck.ENOTFOUND:
		return http.StatusNotFound
	case crosscheck.EINVALID:
		return http.StatusBadRequest
	case crosscheck.EEMPTY:
		return http.StatusUnprocessableEntity
	case crosscheck.EBINARY:
		return http.StatusUnsupportedMediaType
	case crosscheck.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case crosscheck.EFORBIDDEN:
		return http.StatusForbidden
	case crosscheck.EFETCH:
		return http.StatusBadGateway
	case crosscheck.EUNAUTH:
		return http.StatusUnauthorized
	case crosscheck.ECONFLICT:
		return http.StatusConflict
	case crosscheck.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// Query reads typed query parameters of a request, keeping the first error.
type Query struct {
	r   *http.Request
	err error
}

// NewQuery reads the query parameters of r.
func NewQuery(r *http.Request) *Query { return &Query{r: r} }

// Err returns the first invalid parameter met, as an EINVALID error.
func (q *Query) Err() error { return q.err }

// Fail records err as the first error unless one is already recorded.
func (q *Query) Fail(err error) {
	if q.err == nil {
		q.err = err
	}
}

// Str returns the trimmed parameter.
func (q *Query) Str(name string) string { return strings.TrimSpace(q.r.URL.Query().Get(name)) }

// Int returns a whole number from 0 to max, def when absent.
func (q *Query) Int(name string, def, max int) int {
	s := q.Str(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > max {
		q.Fail(crosscheck.Errorf(crosscheck.EINVALID, "parameter %s=%q: want a whole number from 0 to %d", name, s, max))
		return def
	}
	return n
}

// Date returns a YYYY-MM-DD parameter.
func (q *Query) Date(name string) string {
	s := q.Str(name)
	if s == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		q.Fail(crosscheck.Errorf(crosscheck.EINVALID, "parameter %s=%q: want YYYY-MM-DD", name, s))
	}
	return s
}

// OneOf returns a parameter that must be one of allowed (or absent).
func (q *Query) OneOf(name string, allowed ...string) string {
	s := q.Str(name)
	if s == "" {
		return ""
	}
	for _, v := range allowed {
		if s == v {
			return s
		}
	}
	q.Fail(crosscheck.Errorf(crosscheck.EINVALID, "parameter %s=%q: want one of %s", name, s, strings.Join(allowed, ", ")))
	return s
}

// Statuses returns the claim statuses, in the order the UI shows them.
func Statuses() []string {
	return []string{crosscheck.StatusDisputed, crosscheck.StatusConfirmedByAdversary, crosscheck.StatusCorroborated, crosscheck.StatusUnconfirmed}
}

// Sorts returns the claim orders the API, the UI and the CLI accept.
func Sorts() []string {
	return []string{store.SortLatest, store.SortRecent, store.SortOldest, store.SortStatements, store.SortRelevance}
}

// Review filter values of ClaimFilter (parameter "review").
func Reviews() []string { return []string{store.ReviewReviewed, store.ReviewNeeded} }

// ClaimFilter reads a claim filter from query parameters: status, party,
// speaker, place, article, since, until, q, review, sort, limit, offset.
func ClaimFilter(r *http.Request) (store.ClaimFilter, error) {
	q := NewQuery(r)
	f := store.ClaimFilter{
		Status:  q.OneOf("status", Statuses()...),
		Party:   strings.ToUpper(q.Str("party")),
		Speaker: q.Str("speaker"),
		Place:   q.Str("place"),
		Article: q.Str("article"),
		Since:   q.Date("since"),
		Until:   q.Date("until"),
		Q:       q.Str("q"),
		Review:  q.OneOf("review", Reviews()...),
		Sort:    q.OneOf("sort", Sorts()...),
		Limit:   q.Int("limit", store.DefaultLimit, store.MaxLimit),
		Offset:  q.Int("offset", 0, 1<<30),
	}
	return f, q.Err()
}

// ArticleInput is the body of POST /api/analyze and the items of POST
// /api/articles: the JSONL ingest line of the contract, with a URL to fetch
// instead of a body allowed for analyze. The analyze page posts the same.
type ArticleInput struct {
	URL       string `json:"url"`
	Site      string `json:"site"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
}

// Document turns the input into a Document; with f, an input with only a
// URL is fetched (through the private-address guard).
func (in ArticleInput) Document(ctx context.Context, f Fetcher) (crosscheck.Document, error) {
	doc := crosscheck.Document{URL: in.URL, Site: in.Site, Published: in.Published, Title: in.Title}
	switch {
	case in.Text != "" && in.HTML != "":
		return doc, crosscheck.Errorf(crosscheck.EINVALID, "give text or html, not both")
	case in.Text != "":
		doc.Body, doc.ContentType = []byte(in.Text), "text/plain"
	case in.HTML != "":
		doc.Body, doc.ContentType = []byte(in.HTML), "text/html"
	case in.URL != "" && f != nil:
		fetched, err := f.Get(ctx, in.URL)
		if err != nil {
			return doc, err
		}
		fetched.Site, fetched.Published, fetched.Title = in.Site, in.Published, in.Title
		return fetched, nil
	default:
		return doc, crosscheck.Errorf(crosscheck.EINVALID, "give text, html or url")
	}
	return doc, nil
}
