// Package web serves crosscheck's server-rendered UI: the claims board, claim,
// article, speaker, search and analyze pages. Pages are html/template (every
// value escaped) with embedded assets; htmx (vendored, 0BSD) makes filters
// and paging swap in place, and every page works without JavaScript.
package web

import (
	"bytes"
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

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/api"
	"github.com/crosscheck/crosscheck/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Web is the UI. Analyzer, Fetcher and Ingester serve the analyze page.
type Web struct {
	Store    store.Store
	Analyzer api.Analyzer
	Fetcher  api.Fetcher
	Ingester api.Ingester
	Token    string // needed to store from the analyze page, and to analyze unless OpenAnalyze
	// OpenAnalyze lets the analyze page analyze without the token (serve
	// --open-analyze); storing always needs it.
	OpenAnalyze bool
	Log         *slog.Logger

	pages map[string]*template.Template
}

// New parses the templates.
func New(w Web) (*Web, error) {
	funcs := template.FuncMap{
		"statusLabel": statusLabel,
		"join":        strings.Join,
		"add":         func(a, b int) int { return a + b },
		"pathEscape":  func(v any) string { return url.PathEscape(fmt.Sprint(v)) },
		"partyName":   partyName,
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
	return &w, nil
}

// Mount registers the UI routes on mux.
func (w *Web) Mount(mux *http.ServeMux) {
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", w.board)
	mux.HandleFunc("GET /claims/{id}", w.claim)
	mux.HandleFunc("GET /articles", w.articles)
	mux.HandleFunc("GET /articles/{id}", w.article)
	mux.HandleFunc("GET /speakers", w.speakers)
	mux.HandleFunc("GET /speakers/{name}", w.speaker)
	mux.HandleFunc("GET /search", w.search)
	mux.HandleFunc("GET /analyze", w.analyzeForm)
	mux.HandleFunc("POST /analyze", w.analyzePost)
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
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.WriteHeader(status)
	rw.Write(buf.Bytes())
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
	w.render(rw, r, api.Status(code), "error", map[string]any{"Title": "Error", "Message": msg, "Code": code})
}

func statusLabel(s string) string {
	switch s {
	case crosscheck.StatusConfirmedByAdversary:
		return "confirmed by adversary"
	}
	return s
}

// partyName shows a party code with a readable name where common.
func partyName(code string) string {
	if code == "" {
		return "no party"
	}
	return code
}

// pageLinks computes previous/next links for a paginated list.
type pageLinks struct {
	Prev, Next string
	From, To   int
	Total      int
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
	f, err := api.ClaimFilter(r)
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
	cs, total, err := w.Store.Claims(r.Context(), f)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	counts, err := w.Store.StatusCounts(r.Context(), f)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	type statusCount struct {
		Status, Label string
		N             int
		Active        bool
	}
	var sc []statusCount
	for _, s := range api.Statuses() {
		sc = append(sc, statusCount{s, statusLabel(s), counts[s], f.Status == s})
	}
	w.render(rw, r, http.StatusOK, "board", map[string]any{
		"Title": "Claims", "Claims": cs, "Total": total, "Counts": sc, "F": f,
		"Pages": paginate(r, f.Offset, f.Limit, len(cs), total),
	})
}

// party groups a claim's statements by the speaker's party.
type partyGroup struct {
	Party      string
	Statements []crosscheck.ClaimStatement
}

// timelineEvent is one dated event of a claim: a statement or the start of
// a status.
type timelineEvent struct {
	Date, Kind, Text, Site, Speaker, Status, Article string
}

// appearanceTree is an origin article with the echoes folded under it.
type appearanceTree struct {
	crosscheck.Appearance
	Echoes []crosscheck.Appearance
}

func (w *Web) claim(rw http.ResponseWriter, r *http.Request) {
	c, err := w.Store.Claim(r.Context(), r.PathValue("id"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	groups := map[string]*partyGroup{}
	var order []string
	var events []timelineEvent
	for _, s := range c.Statements {
		g := groups[s.Affiliation]
		if g == nil {
			g = &partyGroup{Party: s.Affiliation}
			groups[s.Affiliation] = g
			order = append(order, s.Affiliation)
		}
		g.Statements = append(g.Statements, s)
		events = append(events, timelineEvent{Date: s.Published, Kind: s.Stance, Text: s.Content, Site: s.Site, Speaker: s.Speaker, Article: s.Article})
	}
	for _, e := range c.Evidence {
		events = append(events, timelineEvent{Date: e.Since, Kind: "status", Status: e.Status, Text: e.Text, Article: e.Article})
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].Date < events[j].Date })
	sort.Strings(order)
	var parties []partyGroup
	for _, p := range order {
		parties = append(parties, *groups[p])
	}
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
	w.render(rw, r, http.StatusOK, "claim", map[string]any{
		"Title": c.Summary, "Claim": c, "Parties": parties, "Timeline": events, "Appearances": trees,
	})
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
	w.render(rw, r, http.StatusOK, "article", articleData(&a, claims, true))
}

func articleData(a *crosscheck.Analysis, claims []crosscheck.Claim, stored bool) map[string]any {
	byID := map[string]crosscheck.Statement{}
	for _, s := range a.Statements {
		byID[s.ID] = s
	}
	return map[string]any{
		"Title": a.Article.Title, "A": a, "Paragraphs": Highlight(a), "Claims": claims, "Stored": stored,
		"Statement": byID,
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
	w.render(rw, r, http.StatusOK, "analyze", map[string]any{"Title": "Analyze an article", "In": api.ArticleInput{}})
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
	in := api.ArticleInput{
		URL: strings.TrimSpace(r.PostFormValue("url")), Site: r.PostFormValue("site"),
		Published: strings.TrimSpace(r.PostFormValue("published")), Title: r.PostFormValue("title"),
		Text: r.PostFormValue("text"),
	}
	formErr := func(err error) {
		w.render(rw, r, api.Status(crosscheck.ErrorCode(err)), "analyze", map[string]any{"Title": "Analyze an article", "In": in, "Error": err.Error()})
	}
	ctx := r.Context()
	tokenOK := api.TokenMatches(r.PostFormValue("token"), w.Token)
	storeIt := r.PostFormValue("store") != ""
	if !storeIt && !w.OpenAnalyze && !tokenOK {
		formErr(crosscheck.Errorf(crosscheck.EUNAUTH, "analyzing needs the server's token (or a server started with --open-analyze)"))
		return
	}
	if storeIt && !tokenOK {
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
