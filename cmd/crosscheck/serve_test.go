package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/examples"
	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/api"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
)

const testToken = "s3cret-test-token"

// demoServer is a server over a real SQLite store holding the bundled
// examples (the seed article and the Wikinews set), built once per test
// binary because analysis and ingest take a few seconds.
type demoServer struct {
	URL   string
	Store store.Store
}

var demoOnce = sync.OnceValues(func() (*demoServer, error) { return startDemo() })

func startDemo() (*demoServer, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "crosscheck-serve-test-")
	if err != nil {
		return nil, err
	}
	st, err := sqlite.Open(ctx, filepath.Join(dir, "test.db"))
	if err != nil {
		return nil, err
	}
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		return nil, err
	}
	if _, _, err := ingestExamples(ctx, st, z, dir, slog.New(slog.DiscardHandler)); err != nil {
		return nil, err
	}
	// Errors only: a failing page shows its cause in the test output.
	h, err := newHTTPHandler(st, z, testToken, true, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})))
	if err != nil {
		return nil, err
	}
	srv := httptest.NewServer(h.Handler())
	return &demoServer{URL: srv.URL, Store: st}, nil
}

func demo(t *testing.T) *demoServer {
	t.Helper()
	d, err := demoOnce()
	if err != nil {
		t.Fatalf("demo server: %v", err)
	}
	return d
}

// get fetches path and decodes a JSON body into v (when v is not nil).
func get(t *testing.T, d *demoServer, path string, wantStatus int, v any) http.Header {
	t.Helper()
	return do(t, d, "GET", path, "", nil, wantStatus, v)
}

func do(t *testing.T, d *demoServer, method, path, token string, body any, wantStatus int, v any) http.Header {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequestWithContext(t.Context(), method, d.URL+path, rd)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != wantStatus {
		t.Fatalf("%s %s: status %d, want %d; body %s", method, path, resp.StatusCode, wantStatus, raw)
	}
	if v != nil {
		if err := json.Unmarshal(raw, v); err != nil {
			t.Fatalf("%s %s: decode: %v; body %.300s", method, path, err, raw)
		}
	}
	return resp.Header
}

// findClaim returns the first claim whose summary contains all words.
func findClaim(cs []crosscheck.Claim, words ...string) *crosscheck.Claim {
	for i, c := range cs {
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(strings.ToLower(c.Summary), w)
		}
		if ok {
			return &cs[i]
		}
	}
	return nil
}

func TestAPIClaims(t *testing.T) {
	d := demo(t)
	var list struct {
		Claims []crosscheck.Claim `json:"claims"`
		Total  int                `json:"total"`
		Counts map[string]int     `json:"counts"`
	}
	get(t, d, "/api/claims?status=disputed&limit=200", http.StatusOK, &list)
	if list.Total == 0 || len(list.Claims) == 0 {
		t.Fatalf("no disputed claims in the demo store")
	}
	for _, c := range list.Claims {
		if !slices.Contains(c.Status, crosscheck.StatusDisputed) {
			t.Errorf("claim %s in status=disputed has statuses %v", c.ID, c.Status)
		}
	}
	kursk := findClaim(list.Claims, "kursk")
	if kursk == nil {
		t.Fatalf("the Kursk claim is not among the disputed claims")
	}
	var one crosscheck.Claim
	get(t, d, "/api/claims/"+kursk.ID, http.StatusOK, &one)
	if one.ID != kursk.ID || len(one.Evidence) == 0 {
		t.Fatalf("claim by id: %+v", one)
	}
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	get(t, d, "/api/claims/nope", http.StatusNotFound, &e)
	if e.Error.Code != crosscheck.ENOTFOUND {
		t.Errorf("error code %q", e.Error.Code)
	}
	get(t, d, "/api/claims?status=bogus", http.StatusBadRequest, &e)
	if e.Error.Code != crosscheck.EINVALID || !strings.Contains(e.Error.Message, "status") {
		t.Errorf("bad status: %+v", e.Error)
	}
	get(t, d, "/api/claims?since=yesterday", http.StatusBadRequest, nil)
	get(t, d, "/api/nothing-here", http.StatusNotFound, nil)
}

func TestAPIArticlesStatementsSpeakersSearch(t *testing.T) {
	d := demo(t)
	var arts struct {
		Articles []api.ArticleJSON `json:"articles"`
		Total    int               `json:"total"`
	}
	get(t, d, "/api/articles?limit=500", http.StatusOK, &arts)
	if arts.Total < 90 {
		t.Fatalf("articles total %d, want the 95 bundled examples", arts.Total)
	}
	var seedID string
	for _, a := range arts.Articles {
		if a.Site == "Tampa Free Press" {
			seedID = a.ID
		}
	}
	if seedID == "" {
		t.Fatal("seed article not listed")
	}
	var an crosscheck.Analysis
	get(t, d, "/api/articles/"+seedID, http.StatusOK, &an)
	if err := an.Validate(); err != nil || len(an.Statements) < 10 {
		t.Fatalf("seed analysis: %d statements, validate %v", len(an.Statements), err)
	}
	var sts struct {
		Statements []api.StatementJSON `json:"statements"`
		Total      int                 `json:"total"`
	}
	get(t, d, "/api/statements?party=RU&limit=500", http.StatusOK, &sts)
	if sts.Total == 0 {
		t.Fatal("no RU statements")
	}
	for _, s := range sts.Statements {
		if s.Statement.Speaker.Affiliation != "RU" {
			t.Errorf("party=RU returned %q", s.Statement.Speaker.Affiliation)
		}
	}
	var sp struct {
		Speakers []api.SpeakerJSON `json:"speakers"`
	}
	get(t, d, "/api/speakers?q=putin", http.StatusOK, &sp)
	if len(sp.Speakers) == 0 || !strings.Contains(sp.Speakers[0].Name, "Putin") {
		t.Fatalf("speakers q=putin: %+v", sp.Speakers)
	}
	var hits struct {
		Hits []api.HitJSON `json:"hits"`
	}
	get(t, d, "/api/search?q=gornal", http.StatusOK, &hits)
	if len(hits.Hits) == 0 || hits.Hits[0].Article != seedID {
		t.Fatalf("search gornal: %+v", hits.Hits)
	}
	get(t, d, "/api/search", http.StatusBadRequest, nil)
}

func TestAPIAnalyzeAndIngest(t *testing.T) {
	d := demo(t)
	seed, err := examples.FS.ReadFile("kursk-tampa-free-press.txt")
	if err != nil {
		t.Fatal(err)
	}
	var an crosscheck.Analysis
	do(t, d, "POST", "/api/analyze", "", api.ArticleInput{Text: string(seed), Published: "2025-04-26"}, http.StatusOK, &an)
	if len(an.Statements) == 0 || an.Article.Title == "" {
		t.Fatalf("analyze: %d statements, title %q", len(an.Statements), an.Article.Title)
	}
	var e struct {
		Error struct{ Code string } `json:"error"`
	}
	do(t, d, "POST", "/api/analyze", "", api.ArticleInput{}, http.StatusBadRequest, &e)
	do(t, d, "POST", "/api/analyze", "", api.ArticleInput{Text: "   "}, http.StatusUnprocessableEntity, &e)
	if e.Error.Code != crosscheck.EEMPTY {
		t.Errorf("empty text code %q", e.Error.Code)
	}
	// The URL path uses the private-address guard; this server allows
	// private addresses (for its own tests), so check the guard on a
	// server that does not.
	in := api.ArticleInput{
		Text: "KYIV — Ukraine's air force said on Tuesday that it shot down 40 of 45 drones launched overnight. \"The attack was repelled,\" spokesman Yuriy Ihnat told reporters.",
		URL:  "https://example.org/test/drones", Site: "Hand-written test", Published: "2025-05-06",
	}
	do(t, d, "POST", "/api/articles", "", in, http.StatusUnauthorized, &e)
	if e.Error.Code != crosscheck.EUNAUTH {
		t.Errorf("no token: code %q", e.Error.Code)
	}
	do(t, d, "POST", "/api/articles", "wrong", in, http.StatusUnauthorized, nil)
	var res api.IngestResult
	do(t, d, "POST", "/api/articles", testToken, in, http.StatusOK, &res)
	if len(res.Articles) != 1 || res.Articles[0].Outcome != "created" || res.Articles[0].ID == "" {
		t.Fatalf("ingest: %+v", res)
	}
	do(t, d, "POST", "/api/articles", testToken, in, http.StatusOK, &res)
	if res.Articles[0].Outcome != "unchanged" {
		t.Fatalf("re-ingest: %+v", res)
	}
	get(t, d, "/api/articles/"+res.Articles[0].ID, http.StatusOK, nil)
}

func TestAnalyzeURLRefusesPrivate(t *testing.T) {
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "<html><body><p>Secret internal page that must not be fetched.</p></body></html>")
	}))
	defer target.Close()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := newHTTPHandler(st, z, "", false, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h.Handler())
	defer srv.Close()
	d := &demoServer{URL: srv.URL, Store: st}
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	do(t, d, "POST", "/api/analyze", "", api.ArticleInput{URL: target.URL}, http.StatusForbidden, &e)
	if e.Error.Code != crosscheck.EFORBIDDEN {
		t.Errorf("code %q message %q", e.Error.Code, e.Error.Message)
	}
	// With no token configured, write endpoints are disabled.
	do(t, d, "POST", "/api/articles", "anything", api.ArticleInput{Text: "x"}, http.StatusUnauthorized, nil)
}

func TestOpenAPIMatchesRoutes(t *testing.T) {
	d := demo(t)
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name, In string
				Example  any
			}
		}
	}
	get(t, d, "/api/openapi.json", http.StatusOK, &doc)
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	routes := (&api.API{}).Routes()
	for _, rt := range routes {
		key := rt.Method + " " + rt.Path
		if !documented[key] {
			t.Errorf("route %s is not in openapi.json", key)
		}
		delete(documented, key)
	}
	for key := range documented {
		t.Errorf("openapi.json documents %s, which the API does not serve", key)
	}
	// Every documented query parameter is accepted with its example value.
	for path, ops := range doc.Paths {
		op, ok := ops["get"]
		if !ok || strings.Contains(path, "{") {
			continue
		}
		for _, p := range op.Parameters {
			if p.In != "query" || p.Example == nil {
				continue
			}
			v := strings.Trim(strings.TrimSpace(jsonString(p.Example)), `"`)
			u := path + "?" + p.Name + "=" + url.QueryEscape(v)
			if path == "/api/search" && p.Name != "q" {
				u += "&q=kursk"
			}
			get(t, d, u, http.StatusOK, nil)
		}
	}
}

func jsonString(v any) string { b, _ := json.Marshal(v); return string(b) }

func TestServerOperations(t *testing.T) {
	d := demo(t)
	get(t, d, "/healthz", http.StatusOK, nil)
	h := get(t, d, "/", http.StatusOK, nil)
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP header %q", csp)
	}
	resp, err := http.Get(d.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`crosscheck_http_requests_total{code="200",method="GET",route="GET /healthz"}`,
		"crosscheck_http_request_duration_seconds_bucket",
		"crosscheck_articles_ingested_total",
		"crosscheck_analysis_duration_seconds",
	} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	for _, page := range []string{"/", "/?status=disputed", "/articles", "/speakers", "/search?q=kursk", "/analyze"} {
		get(t, d, page, http.StatusOK, nil)
	}
	// Every kind of detail page renders for real data.
	var arts struct {
		Articles []api.ArticleJSON `json:"articles"`
	}
	get(t, d, "/api/articles?limit=500", http.StatusOK, &arts)
	for _, a := range arts.Articles {
		get(t, d, "/articles/"+a.ID, http.StatusOK, nil)
	}
	var cl struct {
		Claims []crosscheck.Claim `json:"claims"`
	}
	get(t, d, "/api/claims?limit=100", http.StatusOK, &cl)
	for _, c := range cl.Claims {
		get(t, d, "/claims/"+c.ID, http.StatusOK, nil)
	}
	var sp struct {
		Speakers []api.SpeakerJSON `json:"speakers"`
	}
	get(t, d, "/api/speakers?limit=20", http.StatusOK, &sp)
	for _, x := range sp.Speakers {
		get(t, d, "/speakers/"+url.PathEscape(x.Name), http.StatusOK, nil)
	}
	get(t, d, "/claims/nope", http.StatusNotFound, nil)
	get(t, d, "/articles/nope", http.StatusNotFound, nil)
}
