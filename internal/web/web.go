// Package web serves crosscheck's server-rendered UI: the claims board, claim,
// article, speaker, search and analyze pages. Pages are html/template (every
// value escaped) with embedded assets; htmx (vendored, 0BSD) makes filters
// and paging swap in place, and every page works without JavaScript.
package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/gazetteer"
	"github.com/crosscheck/crosscheck/internal/httpio"
	"github.com/crosscheck/crosscheck/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Web is the UI. Analyzer, Fetcher and Ingester serve the analyze page;
// Reviews, Places and Gazetteer are optional (nil turns the review form,
// the map's data and party names off).
type Web struct {
	Store     store.Store
	Reviews   store.Reviews     // editors' reviews: the claim page's form, the board's review filter
	Places    store.ClaimPlaces // the places named in claims, for /map
	Watch     store.WatchStore  // the state of watched sources, for /sources
	Gazetteer Gazetteer         // country names for party codes, places for /map
	Analyzer  httpio.Analyzer
	Fetcher   httpio.Fetcher
	Ingester  httpio.Ingester
	Token     string // needed to store from the analyze page, to review, and to analyze unless OpenAnalyze
	// OpenAnalyze lets the analyze page analyze without the token (serve
	// --open-analyze); storing always needs it.
	OpenAnalyze bool
	Log         *slog.Logger

	pages   map[string]*template.Template
	mapData func() (*worldMap, error) // parsed on first use of /map
}

// Gazetteer is what the UI asks the gazetteer (internal/gazetteer).
type Gazetteer interface {
	// CountryName returns the English name of an ISO 3166-1 alpha-2
	// code, "" if unknown.
	CountryName(iso string) string
	// LookupMinor resolves a place name (any size of place).
	LookupMinor(name string) (gazetteer.Place, bool)
}

// New parses the templates.
func New(w Web) (*Web, error) {
	if w.Log == nil {
		w.Log = slog.New(slog.DiscardHandler)
	}
	funcs := template.FuncMap{
		"statusLabel":  statusLabel,
		"join":         strings.Join,
		"add":          func(a, b int) int { return a + b },
		"add0":         func(a, b float64) float64 { return a + b },
		"pathEscape":   func(v any) string { return url.PathEscape(fmt.Sprint(v)) },
		"queryEscape":  func(v any) string { return url.QueryEscape(fmt.Sprint(v)) },
		"parties":      func(field any) []partyView { return partyViews(str(field), w.countryName) },
		"partyLabel":   func(field any) string { return partyLabel(str(field), w.countryName) },
		"date":         func(v any) *dateView { return formatDate(str(v)) },
		"articleTitle": func(title, site, published any) string { return articleTitle(str(title), str(site), str(published)) },
		"articleHref":  articleHref,
		"num":          num,
		"clip":         clipText,
		"plural":       plural,
		"stanceWord":   stanceWord,
		"commas":       func(s string) string { return strings.ReplaceAll(s, ",", ", ") },
		"filterQuery":  filterQuery,
		"anchorOf":     func(a *Anchor, runs []Run) anchorData { return anchorData{a, runs} },
		"reviewsOf": func(m map[string][]store.Review, id string) []store.Review {
			return m[id]
		},
	}
	w.pages = map[string]*template.Template{}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || strings.HasPrefix(base, "_") {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/_*.html", n)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", n, err)
		}
		w.pages[base] = t
	}
	w.mapData = sync.OnceValues(loadWorldMap)
	return &w, nil
}

// Mount registers the UI routes on mux.
func (w *Web) Mount(mux *http.ServeMux) {
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", w.board)
	mux.HandleFunc("GET /claims/{id}", w.claim)
	mux.HandleFunc("POST /claims/{id}/reviews", w.reviewPost)
	mux.HandleFunc("GET /map", w.worldMapPage)
	mux.HandleFunc("GET /articles", w.articles)
	mux.HandleFunc("GET /articles/{id}", w.article)
	mux.HandleFunc("GET /speakers", w.speakers)
	mux.HandleFunc("GET /speakers/{name}", w.speaker)
	mux.HandleFunc("GET /search", w.search)
	mux.HandleFunc("GET /analyze", w.analyzeForm)
	mux.HandleFunc("POST /analyze", w.analyzePost)
	mux.HandleFunc("GET /sources", w.sources)
}

// render writes a page, or a plain error page when rendering fails. It
// renders into a buffer first so a template error never sends half a page.
func (w *Web) render(rw http.ResponseWriter, r *http.Request, status int, page string, data map[string]any) {
	t, ok := w.pages[page]
	if !ok {
		w.fail(rw, r, fmt.Errorf("web: no page %q", page))
		return
	}
	data["Page"] = page
	data["Path"] = r.URL.Path
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		w.Log.Error("render", "page", page, "err", err)
		http.Error(rw, "internal error", http.StatusInternalServerError)
		return
	}
	writeHTML(rw, status, buf.Bytes())
}

func writeHTML(rw http.ResponseWriter, status int, page []byte) {
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.WriteHeader(status)
	rw.Write(page)
}

// renderBytes is render's page as bytes, for pages kept by
// store.Rendered.
func (w *Web) renderBytes(r *http.Request, page string, data map[string]any) ([]byte, error) {
	t, ok := w.pages[page]
	if !ok {
		return nil, fmt.Errorf("web: no page %q", page)
	}
	data["Page"] = page
	data["Path"] = r.URL.Path
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", data); err != nil {
		return nil, fmt.Errorf("web: render %s: %w", page, err)
	}
	return buf.Bytes(), nil
}

func (w *Web) fail(rw http.ResponseWriter, r *http.Request, err error) {
	code := crosscheck.ErrorCode(err)
	if errors.Is(err, crosscheck.ErrNotFound) {
		code = crosscheck.ENOTFOUND
	}
	msg := err.Error()
	if code == crosscheck.EINTERNAL {
		w.Log.Error("web error", "path", r.URL.Path, "err", err)
		msg = "Something went wrong on our side."
	}
	if code == crosscheck.EUNAVAILABLE {
		rw.Header().Set("Retry-After", "1")
	}
	w.render(rw, r, httpio.Status(code), "error", map[string]any{"Title": "Error", "Message": msg, "Code": code})
}

func statusLabel(s string) string {
	switch s {
	case crosscheck.StatusConfirmedByAdversary:
		return "confirmed by adversary"
	}
	return s
}

// str reads the string kinds templates pass to functions (string,
// crosscheck.NullString).
func str(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case crosscheck.NullString:
		return string(s)
	case nil:
		return ""
	case fmt.Stringer:
		return s.String()
	}
	return fmt.Sprint(v)
}

// anchorData is what the article template's "anchor" template takes.
type anchorData struct {
	A    *Anchor
	Runs []Run
}

// countryName names a party code with the gazetteer, "" when unknown.
func (w *Web) countryName(code string) string {
	if w.Gazetteer == nil {
		return ""
	}
	return w.Gazetteer.CountryName(code)
}

// tokenOK compares a typed write token with the server's in constant time
// (over hashes, so the length does not show either). An empty server token
// accepts nothing.
func tokenOK(want, got string) bool {
	if want == "" {
		return false
	}
	a, b := sha256.Sum256([]byte(want)), sha256.Sum256([]byte(got))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// pageLinks computes previous/next links for a paginated list.
type pageLinks struct {
	Prev, Next string
	From, To   int
	Total      int
	Over       bool // more than Total (a capped count)
}

// over marks the total as a cap: more than Total match.
func (p pageLinks) over(o bool) pageLinks {
	p.Over = o
	return p
}

func paginate(r *http.Request, offset, limit, n, total int) pageLinks {
	p := pageLinks{From: offset + 1, To: offset + n, Total: total}
	if n == 0 {
		p.From = 0
	}
	q := r.URL.Query()
	if offset > 0 {
		q.Set("offset", strconv.Itoa(max(offset-limit, 0)))
		p.Prev = r.URL.Path + "?" + q.Encode()
	}
	if offset+n < total {
		q.Set("offset", strconv.Itoa(offset+n))
		p.Next = r.URL.Path + "?" + q.Encode()
	}
	return p
}

func (w *Web) board(rw http.ResponseWriter, r *http.Request) {
	f, err := httpio.ClaimFilter(r)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if r.URL.Query().Get("limit") == "" {
		f.Limit = 25
	}
	if f.Sort == "" && f.Q == "" {
		f.Sort = store.SortLatest // the board shows what moved last first
	}
	if w.Reviews == nil {
		f.Review = "" // this store keeps no reviews
	}
	// The page is made of the filter (the query string) and the store's
	// state only: kept as bytes while the store does not change
	// (store.WithReadCache).
	page, err := store.Rendered(r.Context(), w.Store, "web board "+r.URL.Path+"?"+r.URL.RawQuery, func(ctx context.Context) ([]byte, error) {
		return w.boardPage(ctx, r, f)
	})
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	writeHTML(rw, http.StatusOK, page)
}

func (w *Web) boardPage(ctx context.Context, r *http.Request, f store.ClaimFilter) ([]byte, error) {
	// Briefs: the board shows counts, not statements.
	cs, total, err := w.Store.ClaimBriefs(ctx, f)
	if err != nil {
		return nil, err
	}
	counts, err := w.Store.StatusCounts(ctx, f)
	if err != nil {
		return nil, err
	}
	// A text query's counts stop at store.TextCountCap: shown as "over N".
	type statusCount struct {
		Status, Label string
		N             int
		Over          bool
		Active        bool
		Href          string
	}
	var sc []statusCount
	for _, s := range httpio.Statuses() {
		g := f
		g.Status, g.Offset = s, 0
		n, over := store.ShownCount(f, counts[s])
		sc = append(sc, statusCount{s, statusLabel(s), n, over, f.Status == s, "/?" + filterQuery(g)})
	}
	shown, over := store.ShownCount(f, total)
	type boardClaim struct {
		crosscheck.Claim
		NStatements, NAppearances int
		Reviews                   []store.Review
	}
	rows := make([]boardClaim, len(cs))
	ids := make([]string, len(cs))
	for i, b := range cs {
		rows[i].Claim, rows[i].NStatements, rows[i].NAppearances = b.Claim, b.Statements, b.Appearances
		ids[i] = b.Claim.ID
	}
	if w.Reviews != nil {
		// The page's reviews in one query, not one per claim.
		reviews, err := w.Reviews.ClaimsReviews(ctx, ids)
		if err != nil {
			return nil, err
		}
		for i := range rows {
			rows[i].Reviews = reviews[rows[i].ID]
		}
	}
	return w.renderBytes(r, "board", map[string]any{
		"Title": "Claims", "Claims": rows, "Total": shown, "TotalOver": over, "Counts": sc, "F": f,
		"Pages": paginate(r, f.Offset, f.Limit, len(cs), shown).over(over), "Reviewable": w.Reviews != nil,
		"Sorts": sortOptions(), "MapHref": "/map?" + filterQuery(f),
	})
}

// sortOptions are the board's orders with their labels (the CLI's --sort
// takes the same values).
func sortOptions() []option {
	return []option{
		{store.SortLatest, "latest activity"}, {store.SortRecent, "first seen, newest"}, {store.SortOldest, "first seen, oldest"},
		{store.SortStatements, "most statements"}, {store.SortRelevance, "relevance (with text)"},
	}
}

// filterQuery is the query string of a claim filter (its page and sort
// left out), to carry a filter from the board to the map and back.
func filterQuery(f store.ClaimFilter) string {
	q := url.Values{}
	for k, v := range map[string]string{
		"status": f.Status, "party": f.Party, "speaker": f.Speaker, "place": f.Place, "article": f.Article,
		"since": f.Since, "until": f.Until, "q": f.Q, "review": f.Review,
	} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}

func (w *Web) articles(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	offset, _ := strconv.Atoi(q.Get("offset"))
	f := store.ArticleFilter{Site: q.Get("site"), Q: strings.TrimSpace(q.Get("q")), Limit: 50, Offset: max(offset, 0)}
	rows, total, err := w.Store.Articles(r.Context(), f)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "articles", map[string]any{
		"Title": "Articles", "Articles": rows, "F": f, "Pages": paginate(r, f.Offset, f.Limit, len(rows), total),
	})
}

func (w *Web) article(rw http.ResponseWriter, r *http.Request) {
	a, err := w.Store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	claims, _, err := w.Store.Claims(r.Context(), store.ClaimFilter{Article: a.Article.ID, Limit: 100})
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	data := articleData(&a, claims, true)
	if w.Reviews != nil {
		rs, err := w.Reviews.ArticleReviews(r.Context(), a.Article.ID)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		byStatement := map[string][]store.Review{}
		for _, rv := range rs {
			byStatement[rv.Statement] = append(byStatement[rv.Statement], rv)
		}
		data["Reviews"] = byStatement
	}
	w.render(rw, r, http.StatusOK, "article", data)
}

func articleData(a *crosscheck.Analysis, claims []crosscheck.Claim, stored bool) map[string]any {
	byID := map[string]crosscheck.Statement{}
	for _, s := range a.Statements {
		byID[s.ID] = s
	}
	return map[string]any{
		"Title": articleTitle(a.Article.Title, string(a.Article.Site), string(a.Article.Published)), "A": a,
		"Paragraphs": Highlight(a), "Claims": claims, "Stored": stored, "Statement": byID,
		"Reviews": map[string][]store.Review(nil),
	}
}

func (w *Web) speakers(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	rows, err := w.Store.Speakers(r.Context(), store.SpeakerFilter{Party: strings.ToUpper(q.Get("party")), Q: q.Get("q"), Limit: 200})
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "speakers", map[string]any{"Title": "Speakers", "Speakers": rows, "Q": q.Get("q"), "Party": q.Get("party")})
}

func (w *Web) speaker(rw http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	rows, total, err := w.Store.Statements(r.Context(), store.StatementFilter{Speaker: name, Limit: 500})
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if total == 0 {
		w.fail(rw, r, &crosscheck.Error{Code: crosscheck.ENOTFOUND, Message: "no statements by " + name})
		return
	}
	parties, roles := map[string]bool{}, map[string]bool{}
	for _, x := range rows {
		if p := string(x.Statement.Speaker.Affiliation); p != "" {
			parties[p] = true
		}
		if ro := string(x.Statement.Speaker.Role); ro != "" {
			roles[ro] = true
		}
	}
	w.render(rw, r, http.StatusOK, "speaker", map[string]any{
		"Title": name, "Name": name, "Rows": rows, "Total": total, "Parties": sortedKeys(parties), "Roles": sortedKeys(roles),
	})
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (w *Web) search(rw http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	var hits []store.Hit
	if q != "" {
		var err error
		if hits, err = w.Store.Search(r.Context(), q, 50); err != nil {
			w.fail(rw, r, err)
			return
		}
	}
	w.render(rw, r, http.StatusOK, "search", map[string]any{"Title": "Search", "Q": q, "Hits": hits})
}

func (w *Web) analyzeForm(rw http.ResponseWriter, r *http.Request) {
	w.render(rw, r, http.StatusOK, "analyze", map[string]any{"Title": "Analyze an article", "In": httpio.ArticleInput{}})
}

func (w *Web) analyzePost(rw http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(rw, r.Body, 10<<20)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			w.fail(rw, r, crosscheck.Errorf(crosscheck.ETOOLARGE, "the form is larger than %d bytes", tooBig.Limit))
			return
		}
		w.fail(rw, r, crosscheck.Errorf(crosscheck.EINVALID, "malformed form"))
		return
	}
	in := httpio.ArticleInput{
		URL: strings.TrimSpace(r.PostFormValue("url")), Site: r.PostFormValue("site"),
		Published: strings.TrimSpace(r.PostFormValue("published")), Title: r.PostFormValue("title"),
		Text: r.PostFormValue("text"),
	}
	formErr := func(err error) {
		w.render(rw, r, httpio.Status(crosscheck.ErrorCode(err)), "analyze", map[string]any{"Title": "Analyze an article", "In": in, "Error": err.Error()})
	}
	ctx := r.Context()
	authorized := tokenOK(w.Token, r.PostFormValue("token"))
	storeIt := r.PostFormValue("store") != ""
	if !storeIt && !w.OpenAnalyze && !authorized {
		formErr(crosscheck.Errorf(crosscheck.EUNAUTH, "analyzing needs the server's token (or a server started with --open-analyze)"))
		return
	}
	if storeIt && !authorized {
		formErr(crosscheck.Errorf(crosscheck.EUNAUTH, "storing needs the server's token"))
		return
	}
	doc, err := in.Document(ctx, w.Fetcher)
	if err != nil {
		formErr(err)
		return
	}
	if storeIt {
		res, err := w.Ingester.Ingest(ctx, []crosscheck.Document{doc})
		if err == nil && len(res.Articles) == 1 && res.Articles[0].Error != "" {
			err = errors.New(res.Articles[0].Error)
		}
		if err != nil {
			formErr(err)
			return
		}
		http.Redirect(rw, r, "/articles/"+url.PathEscape(res.Articles[0].ID), http.StatusSeeOther)
		return
	}
	a, err := w.Analyzer.Analyze(ctx, doc)
	if err != nil {
		formErr(err)
		return
	}
	data := articleData(&a, nil, false)
	data["In"] = in
	w.render(rw, r, http.StatusOK, "article", data)
}
