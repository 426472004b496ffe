// Package api serves crosscheck's JSON API under /api/: claims, articles,
// statements, speakers and search over the store, analysis of a posted
// article, and ingest. Errors are JSON objects with a code. The routes and
// their parameters are described by the OpenAPI document at
// /api/openapi.json, which a test keeps in step with Mount.
package api

import (
	"bytes"
	"context"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/httpio"
	"github.com/crosscheck/crosscheck/internal/store"
)

// The services, results and inputs the API shares with the web UI live in
// internal/httpio; these aliases keep the API's names for its callers.
type (
	Analyzer        = httpio.Analyzer
	Fetcher         = httpio.Fetcher
	Ingester        = httpio.Ingester
	IngestResult    = httpio.IngestResult
	IngestedArticle = httpio.IngestedArticle
	ArticleInput    = httpio.ArticleInput
)

// API is the JSON API. Zero MaxBody means 10 MiB.
type API struct {
	Store    store.Store
	Reviews  store.Reviews // nil: the review routes answer 404
	Analyzer Analyzer
	Fetcher  Fetcher
	Ingester Ingester
	// Token is the bearer token write endpoints require. When empty, write
	// endpoints refuse every request.
	Token string
	// OpenAnalyze serves POST /api/analyze without the token. Analysis
	// costs seconds of CPU per request, so it is closed unless the operator
	// opens it on purpose (serve --open-analyze).
	OpenAnalyze bool
	MaxBody     int64
	Log         *slog.Logger
	// Observe, if set, is told how long each analysis took (for metrics).
	Observe func(time.Duration)
	// Ingested, if set, is told how many articles an ingest stored.
	Ingested func(n int)
}

//go:embed openapi.json
var openapiJSON []byte

// Route is one API route.
type Route struct {
	Method, Path string
	Handler      http.HandlerFunc
}

// Routes lists the API routes; Mount registers exactly these, and a test
// checks them against the OpenAPI document.
func (a *API) Routes() []Route {
	return []Route{
		{"GET", "/api/openapi.json", a.openapi},
		{"GET", "/api/claims", a.claims},
		{"GET", "/api/claims/{id}", a.claim},
		{"GET", "/api/claims/{id}/reviews", a.claimReviews},
		{"POST", "/api/claims/{id}/reviews", a.requireToken(a.addReview)},
		{"GET", "/api/articles", a.articles},
		{"GET", "/api/articles/{id}", a.article},
		{"POST", "/api/articles", a.requireToken(a.ingest)},
		{"GET", "/api/statements", a.statements},
		{"GET", "/api/speakers", a.speakers},
		{"GET", "/api/search", a.search},
		{"POST", "/api/analyze", a.analyzeAccess(a.analyze)},
	}
}

// Mount registers the API routes on mux.
func (a *API) Mount(mux *http.ServeMux) {
	routes := http.NewServeMux() // the API's routes alone, to tell 404 from 405
	for _, rt := range a.Routes() {
		mux.HandleFunc(rt.Method+" "+rt.Path, rt.Handler)
		routes.HandleFunc(rt.Method+" "+rt.Path, rt.Handler)
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) { a.noRoute(w, r, routes) })
}

func (a *API) openapi(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openapiJSON)
}

// noRoute answers a request that no API route matched: 405 with Allow when
// the path has routes for other methods (the catch-all "/api/" would
// otherwise hide them behind a 404), else 404.
func (a *API) noRoute(w http.ResponseWriter, r *http.Request, routes *http.ServeMux) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := routes.Handler(probe); pattern != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		var body errorBody
		body.Error.Code = "method_not_allowed"
		body.Error.Message = fmt.Sprintf("%s %s: method not allowed (allowed: %s)", r.Method, r.URL.Path, strings.Join(allow, ", "))
		writeJSON(w, http.StatusMethodNotAllowed, body)
		return
	}
	a.fail(w, r, crosscheck.Errorf(crosscheck.ENOTFOUND, "no API route %s %s", r.Method, r.URL.Path))
}

// BearerToken returns the token of an "Authorization: Bearer <token>"
// header. The scheme is case-insensitive (RFC 7235), so "bearer" works.
func BearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// TokenMatches compares a presented token with the configured one in
// constant time; an empty configured token matches nothing.
func TokenMatches(got, want string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// analyzeAccess guards POST /api/analyze with the token unless the
// operator opened it.
func (a *API) analyzeAccess(next http.HandlerFunc) http.HandlerFunc {
	if a.OpenAnalyze {
		return next
	}
	return a.requireTokenFor(next, "analysis needs the bearer token unless the server runs with --open-analyze")
}

// requireToken refuses requests without the configured bearer token.
func (a *API) requireToken(next http.HandlerFunc) http.HandlerFunc {
	return a.requireTokenFor(next, "")
}

func (a *API) requireTokenFor(next http.HandlerFunc, why string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		got, ok := BearerToken(r)
		if !ok || !TokenMatches(got, a.Token) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="crosscheck"`)
			msg := "a valid bearer token is required"
			if why != "" {
				msg = why
			}
			if a.Token == "" {
				msg = "endpoints that need the token are disabled: start the server with --token or CROSSCHECK_TOKEN"
			}
			a.fail(w, r, crosscheck.Errorf(crosscheck.EUNAUTH, "%s", msg))
			return
		}
		next(w, r)
	}
}

// Status maps an error code to an HTTP status (httpio.Status).
func Status(code string) int { return httpio.Status(code) }

// errorBody is the JSON shape of every API error.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := crosscheck.ErrorCode(err)
	var body errorBody
	body.Error.Code = code
	body.Error.Message = err.Error()
	if code == crosscheck.EINTERNAL {
		a.Log.Error("api error", "path", r.URL.Path, "err", err)
		body.Error.Message = "internal error"
	}
	if code == crosscheck.EUNAVAILABLE {
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, Status(code), body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// encodeJSON is the body writeJSON writes for v.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("api: encode response: %w", err)
	}
	return buf.Bytes(), nil
}

// writeJSONBytes writes a body made by encodeJSON.
func writeJSONBytes(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(body)
}

// query reads typed query parameters, collecting the first error.
type query struct{ *httpio.Query }

func newQuery(r *http.Request) *query { return &query{httpio.NewQuery(r)} }

func (q *query) str(name string) string                { return q.Str(name) }
func (q *query) int(name string, def, max int) int     { return q.Int(name, def, max) }
func (q *query) date(name string) string               { return q.Date(name) }
func (q *query) oneOf(name string, a ...string) string { return q.OneOf(name, a...) }

// Statuses returns the claim statuses, in the order the UI shows them.
func Statuses() []string { return httpio.Statuses() }

// ClaimFilter reads a claim filter from query parameters; the web UI reads
// the same (httpio.ClaimFilter).
func ClaimFilter(r *http.Request) (store.ClaimFilter, error) { return httpio.ClaimFilter(r) }

// claimList is the response of GET /api/claims.
//
// A text query (q) counts its matches up to store.TextCountCap: above it,
// total (or a status's count) is the cap and total_over (or the status in
// counts_over) says that more than that match.
type claimList struct {
	Claims     []ListedClaim  `json:"claims"`
	Total      int            `json:"total"`
	TotalOver  bool           `json:"total_over,omitempty"`
	Counts     map[string]int `json:"counts"`
	CountsOver []string       `json:"counts_over,omitempty"`
}

// ListedClaim is a claim in a list: its first store.BriefItems
// statements, evidence entries and appearances at most, and how many it
// has of each (Truncated when some are left out). GET /api/claims/{id}
// gives the whole claim: a claim joined by thousands of statements would
// make every list it appears in megabytes.
type ListedClaim struct {
	crosscheck.Claim
	NStatements  int  `json:"n_statements"`
	NEvidence    int  `json:"n_evidence"`
	NAppearances int  `json:"n_appearances"`
	Truncated    bool `json:"truncated"`
}

func (a *API) claims(w http.ResponseWriter, r *http.Request) {
	f, err := ClaimFilter(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	// The response depends on the filter and the store only: kept as
	// bytes while the store does not change (store.WithReadCache).
	body, err := store.Rendered(r.Context(), a.Store, fmt.Sprintf("api claims %#v", f), func(ctx context.Context) ([]byte, error) {
		bs, total, err := a.Store.ClaimBriefs(ctx, f)
		if err != nil {
			return nil, err
		}
		counts, err := a.Store.StatusCounts(ctx, f)
		if err != nil {
			return nil, err
		}
		cs := make([]ListedClaim, len(bs))
		for i, b := range bs {
			cs[i] = ListedClaim{Claim: b.Claim, NStatements: b.Statements, NEvidence: b.Evidence, NAppearances: b.Appearances, Truncated: b.Truncated()}
		}
		l := claimList{Claims: cs, Counts: counts}
		l.Total, l.TotalOver = store.ShownCount(f, total)
		for _, st := range slices.Sorted(maps.Keys(counts)) {
			var over bool
			if counts[st], over = store.ShownCount(f, counts[st]); over {
				l.CountsOver = append(l.CountsOver, st)
			}
		}
		return encodeJSON(l)
	})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSONBytes(w, http.StatusOK, body)
}

func (a *API) claim(w http.ResponseWriter, r *http.Request) {
	c, err := a.Store.Claim(r.Context(), r.PathValue("id"))
	if err != nil {
		a.fail(w, r, notFound(err, "claim", r.PathValue("id")))
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// notFound gives a store's not-found error a message naming what was asked.
func notFound(err error, what, id string) error {
	if errors.Is(err, crosscheck.ErrNotFound) {
		return &crosscheck.Error{Code: crosscheck.ENOTFOUND, Message: what + " " + id + " not found"}
	}
	return err
}

// ArticleJSON is one row of GET /api/articles.
type ArticleJSON struct {
	ID         string `json:"id"`
	URL        string `json:"url"`
	Site       string `json:"site"`
	Title      string `json:"title"`
	Published  string `json:"published"`
	Language   string `json:"language"`
	Statements int    `json:"statements"`
	EchoOf     string `json:"echo_of,omitempty"`
}

func (a *API) articles(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	f := store.ArticleFilter{
		Site: q.str("site"), Since: q.date("since"), Until: q.date("until"), Q: q.str("q"),
		Limit: q.int("limit", store.DefaultLimit, store.MaxLimit), Offset: q.int("offset", 0, 1<<30),
	}
	if err := q.Err(); err != nil {
		a.fail(w, r, err)
		return
	}
	rows, total, err := a.Store.Articles(r.Context(), f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]ArticleJSON, 0, len(rows))
	for _, x := range rows {
		out = append(out, ArticleJSON{x.ID, x.URL, x.Site, x.Title, x.Published, x.Language, x.Statements, x.EchoOf})
	}
	writeJSON(w, http.StatusOK, map[string]any{"articles": out, "total": total})
}

func (a *API) article(w http.ResponseWriter, r *http.Request) {
	an, err := a.Store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		a.fail(w, r, notFound(err, "article", r.PathValue("id")))
		return
	}
	writeJSON(w, http.StatusOK, an)
}

// StatementJSON is one row of GET /api/statements.
type StatementJSON struct {
	Article   string               `json:"article"`
	Site      string               `json:"site"`
	Title     string               `json:"title"`
	URL       string               `json:"url"`
	Published string               `json:"published"`
	Statement crosscheck.Statement `json:"statement"`
}

func (a *API) statements(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	f := store.StatementFilter{
		Article: q.str("article"), Speaker: q.str("speaker"), Party: strings.ToUpper(q.str("party")),
		Stance: q.oneOf("stance", crosscheck.StanceAssert, crosscheck.StanceConfirm, crosscheck.StanceDeny, crosscheck.StanceNotConfirmed, crosscheck.StanceRetract),
		Since:  q.date("since"), Until: q.date("until"), Q: q.str("q"),
		Limit: q.int("limit", store.DefaultLimit, store.MaxLimit), Offset: q.int("offset", 0, 1<<30),
	}
	if err := q.Err(); err != nil {
		a.fail(w, r, err)
		return
	}
	rows, total, err := a.Store.Statements(r.Context(), f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]StatementJSON, 0, len(rows))
	for _, x := range rows {
		out = append(out, StatementJSON{x.ArticleID, x.Site, x.Title, x.URL, x.Published, x.Statement})
	}
	writeJSON(w, http.StatusOK, map[string]any{"statements": out, "total": total})
}

// SpeakerJSON is one row of GET /api/speakers.
type SpeakerJSON struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Affiliation string `json:"affiliation"`
	Statements  int    `json:"statements"`
	Articles    int    `json:"articles"`
	First       string `json:"first"`
	Last        string `json:"last"`
}

func (a *API) speakers(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	f := store.SpeakerFilter{Party: strings.ToUpper(q.str("party")), Q: q.str("q"), Limit: q.int("limit", store.DefaultLimit, store.MaxLimit)}
	if err := q.Err(); err != nil {
		a.fail(w, r, err)
		return
	}
	rows, err := a.Store.Speakers(r.Context(), f)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := make([]SpeakerJSON, 0, len(rows))
	for _, x := range rows {
		out = append(out, SpeakerJSON{x.Name, x.Type, x.Affiliation, x.Statements, x.Articles, x.First, x.Last})
	}
	writeJSON(w, http.StatusOK, map[string]any{"speakers": out})
}

// HitJSON is one row of GET /api/search.
type HitJSON struct {
	Kind      string  `json:"kind"`
	Article   string  `json:"article"`
	Statement string  `json:"statement,omitempty"`
	Title     string  `json:"title"`
	Site      string  `json:"site"`
	Published string  `json:"published"`
	Snippet   string  `json:"snippet"`
	Score     float64 `json:"score"`
}

func (a *API) search(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	text, limit := q.str("q"), q.int("limit", 20, 1000)
	if text == "" {
		q.Fail(crosscheck.Errorf(crosscheck.EINVALID, "parameter q is required"))
	}
	if err := q.Err(); err != nil {
		a.fail(w, r, err)
		return
	}
	body, err := store.Rendered(r.Context(), a.Store, fmt.Sprintf("api search %d %q", limit, text), func(ctx context.Context) ([]byte, error) {
		hits, err := a.Store.Search(ctx, text, limit)
		if err != nil {
			return nil, err
		}
		out := make([]HitJSON, 0, len(hits))
		for _, h := range hits {
			out = append(out, HitJSON{h.Kind, h.ArticleID, h.Statement, h.Title, h.Site, h.Published, h.Snippet, h.Score})
		}
		return encodeJSON(map[string]any{"hits": out})
	})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSONBytes(w, http.StatusOK, body)
}

func (a *API) decode(w http.ResponseWriter, r *http.Request, v any) error {
	max := a.MaxBody
	if max <= 0 {
		max = 10 << 20
	}
	r.Body = http.MaxBytesReader(w, r.Body, max)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) { // this cap or the server's, whichever is lower
			return crosscheck.Errorf(crosscheck.ETOOLARGE, "request body is larger than %d bytes", tooBig.Limit)
		}
		return &crosscheck.Error{Code: crosscheck.EINVALID, Message: "invalid JSON body", Err: err}
	}
	return nil
}

func (a *API) analyze(w http.ResponseWriter, r *http.Request) {
	var in ArticleInput
	if err := a.decode(w, r, &in); err != nil {
		a.fail(w, r, err)
		return
	}
	doc, err := in.Document(r.Context(), a.Fetcher)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	start := time.Now()
	an, err := a.Analyzer.Analyze(r.Context(), doc)
	if a.Observe != nil {
		a.Observe(time.Since(start))
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, an)
}

func (a *API) ingest(w http.ResponseWriter, r *http.Request) {
	var body struct {
		ArticleInput
		Articles []ArticleInput `json:"articles"`
	}
	if err := a.decode(w, r, &body); err != nil {
		a.fail(w, r, err)
		return
	}
	inputs := body.Articles
	if len(inputs) == 0 {
		inputs = []ArticleInput{body.ArticleInput}
	}
	docs := make([]crosscheck.Document, 0, len(inputs))
	for i, in := range inputs {
		if in.Text == "" && in.HTML == "" {
			a.fail(w, r, crosscheck.Errorf(crosscheck.EINVALID, "article %d: give text or html", i))
			return
		}
		doc, err := in.Document(r.Context(), nil)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		docs = append(docs, doc)
	}
	res, err := a.Ingester.Ingest(r.Context(), docs)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	stored := 0
	for _, x := range res.Articles {
		if x.Outcome == "created" || x.Outcome == "updated" {
			stored++
		}
	}
	if a.Ingested != nil {
		a.Ingested(stored)
	}
	writeJSON(w, http.StatusOK, res)
}
