package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/api"
	"github.com/crosscheck/crosscheck/internal/web"
)

// closedServer serves the demo's store as `crosscheck serve` does by
// default: analysis needs the token.
func closedServer(t *testing.T, lim limitFlags) *demoServer {
	t.Helper()
	d := demo(t)
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := newServer(d.Store, z, serveConfig{Token: testToken, Limits: lim}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h.Handler())
	t.Cleanup(srv.Close)
	return &demoServer{URL: srv.URL, Store: d.Store}
}

// send makes one request with a raw Authorization header and returns the
// status, headers and body.
func send(t *testing.T, method, u, auth, ctype string, body []byte) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), method, u, bytes.NewReader(body))
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func jsonBody(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const handWritten = "KYIV — Ukraine's air force said on Tuesday that it shot down 40 of 45 drones launched overnight. " +
	"\"The attack was repelled,\" spokesman Yuriy Ihnat told reporters."

// TestAnalyzeNeedsToken: POST /api/analyze and the analyze form need the
// token unless the server was started with --open-analyze; the bearer
// scheme is case-insensitive.
func TestAnalyzeNeedsToken(t *testing.T) {
	d := closedServer(t, limitFlags{})
	body := jsonBody(t, api.ArticleInput{Text: handWritten, Published: "2025-05-06"})
	for _, tc := range []struct {
		auth string
		want int
	}{
		{"", http.StatusUnauthorized},
		{"Bearer wrong", http.StatusUnauthorized},
		{"Basic " + testToken, http.StatusUnauthorized},
		{"Bearer", http.StatusUnauthorized},
		{"Bearer " + testToken, http.StatusOK},
		{"bearer " + testToken, http.StatusOK},
		{"BEARER  " + testToken, http.StatusOK},
	} {
		code, h, got := send(t, "POST", d.URL+"/api/analyze", tc.auth, "application/json", body)
		if code != tc.want {
			t.Errorf("analyze with %q: %d, want %d: %.200s", tc.auth, code, tc.want, got)
		}
		if code == http.StatusUnauthorized && (!strings.Contains(got, "--open-analyze") || h.Get("WWW-Authenticate") == "") {
			t.Errorf("analyze with %q: the 401 does not say how to open analysis: %s", tc.auth, got)
		}
	}
	// Ingest takes the lower-case scheme too.
	if code, _, got := send(t, "POST", d.URL+"/api/articles", "bearer "+testToken, "application/json",
		jsonBody(t, api.ArticleInput{Text: handWritten, URL: "https://example.org/test/limits-drones", Published: "2025-05-06"})); code != http.StatusOK {
		t.Errorf("ingest with bearer: %d %s", code, got)
	}

	form := func(v url.Values) (int, string) {
		code, _, got := send(t, "POST", d.URL+"/analyze", "", "application/x-www-form-urlencoded", []byte(v.Encode()))
		return code, got
	}
	if code, got := form(url.Values{"text": {handWritten}}); code != http.StatusUnauthorized || !strings.Contains(got, "token") {
		t.Errorf("form without token: %d", code)
	}
	if code, _ := form(url.Values{"text": {handWritten}, "token": {"wrong"}}); code != http.StatusUnauthorized {
		t.Errorf("form with a wrong token: %d", code)
	}
	if code, got := form(url.Values{"text": {handWritten}, "token": {testToken}}); code != http.StatusOK || !strings.Contains(got, "Ihnat") {
		t.Errorf("form with the token: %d", code)
	}
	// The demo's server (analysis opened) needs no token.
	if code, _, got := send(t, "POST", demo(t).URL+"/api/analyze", "", "application/json", body); code != http.StatusOK {
		t.Errorf("open analyze: %d %.200s", code, got)
	}
}

// TestMethodNotAllowed: a known path with the wrong method is 405 with
// Allow, in the API (behind its catch-all) and in the UI.
func TestMethodNotAllowed(t *testing.T) {
	d := demo(t)
	for _, tc := range []struct{ method, path, allow string }{
		{"PUT", "/api/claims", "GET, HEAD"},
		{"DELETE", "/api/claims/c123", "GET, HEAD"},
		{"GET", "/api/analyze", "POST"},
		{"PATCH", "/api/articles", "GET, HEAD, POST"},
		{"PUT", "/claims/c123", "GET, HEAD"},
		{"POST", "/search", "GET, HEAD"},
	} {
		code, h, body := send(t, tc.method, d.URL+tc.path, "", "", nil)
		if code != http.StatusMethodNotAllowed || h.Get("Allow") != tc.allow {
			t.Errorf("%s %s: %d Allow %q, want 405 Allow %q: %.100s", tc.method, tc.path, code, h.Get("Allow"), tc.allow, body)
		}
		if strings.HasPrefix(tc.path, "/api/") && !strings.Contains(body, `"method_not_allowed"`) {
			t.Errorf("%s %s: body %s", tc.method, tc.path, body)
		}
	}
	if code, _, _ := send(t, "GET", d.URL+"/api/nothing", "", "", nil); code != http.StatusNotFound {
		t.Errorf("GET /api/nothing: %d", code)
	}
	if code, _, _ := send(t, "PUT", d.URL+"/api/nothing", "", "", nil); code != http.StatusNotFound {
		t.Errorf("PUT /api/nothing: %d", code)
	}
}

// TestBodyCaps: bodies over the caps are 413, in JSON for the API.
func TestBodyCaps(t *testing.T) {
	d := closedServer(t, limitFlags{MaxAnalyzeBytes: 100 << 10})
	big := strings.Repeat(handWritten+" ", (150<<10)/len(handWritten))
	// Over the article cap but under the body cap: the analyzer refuses it.
	code, _, got := send(t, "POST", d.URL+"/api/analyze", "Bearer "+testToken, "application/json", jsonBody(t, api.ArticleInput{Text: big}))
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(got, `"too_large"`) || !strings.Contains(got, "--max-analyze-bytes") {
		t.Errorf("150 KiB article: %d %.200s", code, got)
	}
	// Over the body cap: refused before it is read.
	huge := jsonBody(t, api.ArticleInput{Text: strings.Repeat(big, 3)})
	code, _, got = send(t, "POST", d.URL+"/api/analyze", "Bearer "+testToken, "application/json", huge)
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(got, `"too_large"`) {
		t.Errorf("450 KiB body: %d %.200s", code, got)
	}
	code, _, _ = send(t, "POST", d.URL+"/analyze", "", "application/x-www-form-urlencoded", []byte(url.Values{"text": {strings.Repeat(big, 3)}, "token": {testToken}}.Encode()))
	if code != http.StatusRequestEntityTooLarge {
		t.Errorf("450 KiB form: %d", code)
	}
	// A GET route takes no real body.
	code, _, _ = send(t, "GET", d.URL+"/api/claims", "", "text/plain", bytes.Repeat([]byte("x"), 1<<20))
	if code != http.StatusRequestEntityTooLarge {
		t.Errorf("1 MiB body on GET /api/claims: %d", code)
	}
}

// TestSearchBudget: a full-text query over its budget answers 503 with
// Retry-After, in the API and on the pages; lists without q are not
// budgeted.
func TestSearchBudget(t *testing.T) {
	d := closedServer(t, limitFlags{SearchBudget: time.Nanosecond})
	for _, path := range []string{"/api/search?q=kursk", "/api/claims?q=kursk", "/api/articles?q=kursk", "/search?q=kursk", "/?q=kursk"} {
		code, h, body := send(t, "GET", d.URL+path, "", "", nil)
		if code != http.StatusServiceUnavailable || h.Get("Retry-After") == "" || !strings.Contains(body, "budget") {
			t.Errorf("%s: %d Retry-After %q: %.200s", path, code, h.Get("Retry-After"), body)
		}
	}
	for _, path := range []string{"/api/claims", "/", "/api/articles"} {
		if code, _, body := send(t, "GET", d.URL+path, "", "", nil); code != http.StatusOK {
			t.Errorf("%s: %d %.200s", path, code, body)
		}
	}
}

// TestLongSearches: the searches of issue 13 (400 words, 400 × "the")
// answer, ten at once, each with results or 503, and /healthz answers
// meanwhile. (How fast is measured by bench/search.sh, not here.)
func TestLongSearches(t *testing.T) {
	d := closedServer(t, limitFlags{})
	seed, err := os.ReadFile("../../../shared/fixtures/seed/article.txt")
	if err != nil {
		t.Skipf("seed article: %v", err)
	}
	words := strings.Fields(string(seed))
	long := strings.Join(words[:min(400, len(words))], " ")
	queries := []string{strings.Repeat("the ", 400), long}
	var wg sync.WaitGroup
	codes := make(chan int, 20)
	for i := range 10 {
		wg.Go(func() {
			q := url.QueryEscape(queries[i%2])
			path := []string{"/api/search?q=", "/?q=", "/api/claims?q=", "/search?q="}[i%4]
			code, _, _ := send(t, "GET", d.URL+path+q, "", "", nil)
			codes <- code
		})
	}
	if code, _, body := send(t, "GET", d.URL+"/healthz", "", "", nil); code != http.StatusOK {
		t.Errorf("healthz during searches: %d %s", code, body)
	}
	wg.Wait()
	close(codes)
	for code := range codes {
		if code != http.StatusOK && code != http.StatusServiceUnavailable {
			t.Errorf("long search: %d", code)
		}
	}
	var res struct {
		Hits []api.HitJSON `json:"hits"`
	}
	get(t, d, "/api/search?q="+url.QueryEscape("the the the Kursk kursk KURSK"), http.StatusOK, &res)
	if len(res.Hits) == 0 {
		t.Error("a repeated word finds nothing")
	}
}

// TestIngestBomb: `crosscheck ingest bomb.warc.gz good.txt` records the
// bomb as a failure with a clear line, ingests the good file and exits
// with the partial-failure code. (bench/bomb.sh measures the 10 GB bomb's
// memory; this one is 256 MiB of zeros, 256 KiB on disk.)
func TestIngestBomb(t *testing.T) {
	dir := t.TempDir()
	bomb := filepath.Join(dir, "bomb.warc.gz")
	f, err := os.Create(bomb)
	if err != nil {
		t.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	zero := make([]byte, 1<<20)
	for range 256 {
		zw.Write(zero)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	good := filepath.Join(dir, "good.txt")
	if err := os.WriteFile(good, []byte(handWritten), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "--db", filepath.Join(dir, "x.db"), "ingest", bomb, good)
	if code != exitPartial {
		t.Fatalf("exit %d, want %d: %s\n%s", code, exitPartial, out, errs)
	}
	if !strings.Contains(out, "failed: "+bomb) || !strings.Contains(out, "not WARC/") {
		t.Errorf("no failure line for the bomb:\n%s", out)
	}
	if !strings.Contains(out, "articles: 1 new") {
		t.Errorf("the good file was not ingested:\n%s", out)
	}
	if !strings.Contains(errs, "1 of 2 items failed") {
		t.Errorf("stderr: %s", errs)
	}
}

// TestClassRoutesExist: every route the limit classes name is a route the
// API or the UI registers, so renaming a route cannot silently drop its
// limits.
func TestClassRoutesExist(t *testing.T) {
	d := demo(t)
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ui, err := web.New(web.Web{Store: d.Store, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	(&api.API{Store: d.Store, Analyzer: z, Log: slog.New(slog.DiscardHandler)}).Mount(mux)
	ui.Mount(mux)
	mux.HandleFunc("GET /healthz", func(http.ResponseWriter, *http.Request) {}) // the server's own
	mux.HandleFunc("GET /metrics", func(http.ResponseWriter, *http.Request) {})
	for _, c := range serverConfig(limitFlags{}.withDefaults(false)).Classes {
		for _, route := range c.Routes {
			method, path, _ := strings.Cut(route, " ")
			path = strings.NewReplacer("{$}", "", "{id}", "x", "{name}", "x").Replace(path)
			req := httptest.NewRequest(method, path, nil)
			if _, got := mux.Handler(req); got != route {
				t.Errorf("class %s: route %q is not registered (a %s %s request matches %q)", c.Name, route, method, path, got)
			}
		}
	}
}
