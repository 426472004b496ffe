package watch

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/fetch"
	"github.com/crosscheck/crosscheck/internal/ledger"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/postgres"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
	"github.com/crosscheck/crosscheck/internal/worker"
)

// fullStore is what the watcher's tests need of a store: the ingest store
// and the watch state, as the SQLite and PostgreSQL stores provide.
type fullStore interface {
	store.Store
	store.WatchStore
}

func sqliteStore(t *testing.T) fullStore {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "watch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// postgresStore opens a fresh schema on the test server, or skips (fails
// when CI requires PostgreSQL).
func postgresStore(t *testing.T) fullStore {
	t.Helper()
	u := storetest.FreshPostgres(t)
	s, err := postgres.Open(t.Context(), u)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// stores lists the stores an integration test runs on.
var stores = []struct {
	name string
	open func(*testing.T) fullStore
}{{"sqlite", sqliteStore}, {"postgres", postgresStore}}

var analyzerOnce = sync.OnceValues(func() (*analyze.Analyzer, error) { return analyze.New(analyze.Options{}) })

// countingAnalyzer counts analyses, to tell "skipped" from "analyzed again".
type countingAnalyzer struct {
	z *analyze.Analyzer
	n atomic.Int64
}

func (c *countingAnalyzer) Analyze(ctx context.Context, d crosscheck.Document) (crosscheck.Analysis, error) {
	c.n.Add(1)
	return c.z.Analyze(ctx, d)
}

// recorder is an Observer that keeps every count.
type recorder struct {
	mu       sync.Mutex
	polls    map[string]int // host/result
	newItems map[string]int // host
	failures map[string]int // host/kind
}

func newRecorder() *recorder {
	return &recorder{polls: map[string]int{}, newItems: map[string]int{}, failures: map[string]int{}}
}

func (r *recorder) WatchPolled(host, result string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.polls[host+"/"+result]++
}

func (r *recorder) WatchNewItems(host string, n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.newItems[host] += n
}

func (r *recorder) WatchFailed(host, kind string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failures[host+"/"+kind]++
}

func (r *recorder) failure(host, kind string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.failures[host+"/"+kind]
}

// harness is a watcher over a real store with the real analyzer and ingest
// path, counting analyses and observing metrics.
type harness struct {
	st  fullStore
	z   *countingAnalyzer
	obs *recorder
	opt Options
}

func newHarness(t *testing.T, st fullStore, opt Options) *harness {
	t.Helper()
	z, err := analyzerOnce()
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{st: st, z: &countingAnalyzer{z: z}, obs: newRecorder()}
	if opt.Fetcher == nil {
		opt.Fetcher = fetch.New(fetch.Options{AllowPrivate: true, Timeout: 5 * time.Second, UserAgent: "crosscheck-test/1 (+https://github.com/crosscheck/crosscheck)"})
	}
	if opt.HostSpacing == 0 {
		opt.HostSpacing = -1
	}
	if opt.Interval == 0 {
		opt.Interval = time.Minute
	}
	opt.Observer = h.obs
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	h.opt = opt
	return h
}

func (h *harness) watcher(t *testing.T) *Watcher {
	t.Helper()
	ing := &WorkerIngester{Store: h.st, Analyzer: h.z, Ledger: h.ledger(t), Options: worker.Options{Workers: 2, LogEvery: -1}}
	w, err := New(h.st, ing, h.opt)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// once runs one Once pass over srcs.
func (h *harness) once(t *testing.T, srcs ...string) Stats {
	t.Helper()
	h.opt.Once = true
	var list []Source
	for _, s := range srcs {
		list = append(list, Source{URL: s})
	}
	stats, err := h.watcher(t).Run(t.Context(), list)
	if err != nil {
		t.Fatal(err)
	}
	return stats
}

func (h *harness) source(t *testing.T, u string) store.WatchSource {
	t.Helper()
	all, err := h.st.WatchSources(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.URL == u {
			return s
		}
	}
	t.Fatalf("source %s not stored", u)
	return store.WatchSource{}
}

// articles returns the stored articles by URL.
func (h *harness) articles(t *testing.T) map[string]store.ArticleSummary {
	t.Helper()
	// The total is not checked: the watcher may be writing between the
	// list and the count.
	rows, _, err := h.st.Articles(t.Context(), store.ArticleFilter{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.ArticleSummary{}
	for _, r := range rows {
		if _, dup := out[r.URL]; dup {
			t.Errorf("article %s stored twice", r.URL)
		}
		out[r.URL] = r
	}
	return out
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// site is a local news site: listings that change (served with ETag and
// Last-Modified, answering conditional GETs with 304), article pages,
// robots.txt and special handlers, counting requests per path.
type site struct {
	*httptest.Server
	mu      sync.Mutex
	docs    map[string]doc
	special map[string]http.HandlerFunc
	hits    map[string]int
	cond    map[string]int // 304 answers per path
	noETag  bool           // validators: Last-Modified only
}

type doc struct {
	body     []byte
	ctype    string
	modified time.Time
}

func newSite(t *testing.T) *site {
	s := &site{docs: map[string]doc{}, special: map[string]http.HandlerFunc{}, hits: map[string]int{}, cond: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	sp, d, ok := s.special[r.URL.Path], s.docs[r.URL.Path], false
	if sp == nil {
		_, ok = s.docs[r.URL.Path]
	}
	noETag := s.noETag
	s.mu.Unlock()
	if sp != nil {
		sp(w, r)
		return
	}
	if !ok {
		http.NotFound(w, r)
		return
	}
	sum := sha256.Sum256(d.body)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	lm := d.modified.UTC().Format(http.TimeFormat)
	notModified := false
	if !noETag {
		w.Header().Set("ETag", etag)
		notModified = r.Header.Get("If-None-Match") == etag
	} else if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		t, err := http.ParseTime(ims)
		notModified = err == nil && !d.modified.Truncate(time.Second).After(t)
	}
	w.Header().Set("Last-Modified", lm)
	if notModified {
		s.mu.Lock()
		s.cond[r.URL.Path]++
		s.mu.Unlock()
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", d.ctype)
	w.Write(d.body)
}

// set serves body at path; a changed body gets a new Last-Modified.
func (s *site) set(path, ctype, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.docs[path]; ok && string(old.body) == body {
		return
	}
	mod := time.Now()
	if old, ok := s.docs[path]; ok && !mod.Truncate(time.Second).After(old.modified.Truncate(time.Second)) {
		mod = old.modified.Truncate(time.Second).Add(time.Second) // Last-Modified has one-second resolution
	}
	s.docs[path] = doc{body: []byte(body), ctype: ctype, modified: mod}
}

func (s *site) handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.special[path] = h
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *site) notModified(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cond[path]
}

// item is one invented news item for the test listings.
type item struct {
	Path, Title, Published string
	Paragraphs             []string
	Inline                 bool // the feed carries the article (content:encoded)
}

func (it item) html() string {
	var b strings.Builder
	b.WriteString("<!doctype html>\n<html><head><title>" + html.EscapeString(it.Title) + "</title></head><body>\n<article>\n<h1>" + html.EscapeString(it.Title) + "</h1>\n")
	for _, p := range it.Paragraphs {
		b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
	}
	b.WriteString("</article>\n</body></html>\n")
	return b.String()
}

// publish serves the article pages of items on s.
func (s *site) publish(items ...item) {
	for _, it := range items {
		s.set(it.Path, "text/html; charset=utf-8", it.html())
	}
}

func rssFeed(base, title string, items ...item) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>` + html.EscapeString(title) + `</title><link>` + base + `/</link><language>en-gb</language>
`)
	for _, it := range items {
		t, _ := time.Parse(time.RFC3339, it.Published)
		b.WriteString("<item><title>" + html.EscapeString(it.Title) + "</title><link>" + base + it.Path + "</link><guid>" + base + it.Path + "</guid><pubDate>" + t.Format(time.RFC1123Z) + "</pubDate>")
		if it.Inline {
			b.WriteString("<content:encoded><![CDATA[" + it.html() + "]]></content:encoded>")
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

func newsSitemap(base, publication string, items ...item) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
`)
	for _, it := range items {
		fmt.Fprintf(&b, "<url><loc>%s%s</loc><news:news><news:publication><news:name>%s</news:name><news:language>en</news:language></news:publication><news:publication_date>%s</news:publication_date><news:title>%s</news:title></news:news></url>\n",
			base, it.Path, html.EscapeString(publication), it.Published, html.EscapeString(it.Title))
	}
	b.WriteString("</urlset>\n")
	return b.String()
}

func gzipped(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

// waitFor polls cond every 50 ms until it holds or d passes.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < d {
		if cond() {
			return time.Since(start)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("after %s: %s", d, what)
	return 0
}

func listen(addr string) (net.Listener, error) { return net.Listen("tcp", addr) }

// ledger is the claim ledger of the harness's store.
func (h *harness) ledger(t *testing.T) *ledger.Ledger {
	t.Helper()
	l, err := ledger.New(h.st, ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}
