package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/crosscheck/crosscheck/examples"
	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/watch"
)

// wikinewsItem is one bundled Wikinews article (CC BY 2.5), served as a
// page of a local news site.
type wikinewsItem struct {
	URL, Site, Published, Title, Text string
}

func wikinewsItems(t *testing.T, n int) []wikinewsItem {
	t.Helper()
	f, err := examples.FS.Open("wikinews.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []wikinewsItem
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() && len(out) < n {
		var it wikinewsItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			t.Fatal(err)
		}
		out = append(out, it)
	}
	if len(out) < n {
		t.Fatalf("only %d Wikinews articles", len(out))
	}
	return out
}

// newsSite serves an RSS feed of the first `visible` articles (link only,
// so each is fetched) and the article pages, counting page requests.
type newsSite struct {
	*httptest.Server
	items   []wikinewsItem
	mu      sync.Mutex
	visible int
	pages   map[string]int
	delay   time.Duration
}

func newNewsSite(t *testing.T, items []wikinewsItem, visible int, delay time.Duration) *newsSite {
	s := &newsSite{items: items, visible: visible, pages: map[string]int{}, delay: delay}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *newsSite) path(i int) string { return fmt.Sprintf("/articles/%03d", i) }

func (s *newsSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	visible := s.visible
	if strings.HasPrefix(r.URL.Path, "/articles/") {
		s.pages[r.URL.Path]++
	}
	s.mu.Unlock()
	switch {
	case r.URL.Path == "/feed.xml":
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wikinews (local copy)</title>`)
		for i := visible - 1; i >= 0; i-- {
			it := s.items[i]
			fmt.Fprintf(&b, "<item><title>%s</title><link>%s%s</link><pubDate>%s</pubDate></item>", html.EscapeString(it.Title), s.URL, s.path(i), pubDate(it.Published))
		}
		b.WriteString("</channel></rss>")
		etag := fmt.Sprintf(`"n%d"`, visible)
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(b.String()))
	case strings.HasPrefix(r.URL.Path, "/articles/"):
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/articles/%03d", &i); err != nil || i >= visible {
			http.NotFound(w, r)
			return
		}
		time.Sleep(s.delay)
		it := s.items[i]
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><html><head><title>%s</title></head><body><article><h1>%s</h1>\n", html.EscapeString(it.Title), html.EscapeString(it.Title))
		for _, p := range strings.Split(it.Text, "\n") {
			if p = strings.TrimSpace(p); p != "" {
				fmt.Fprintf(w, "<p>%s</p>\n", html.EscapeString(p))
			}
		}
		fmt.Fprint(w, "</article></body></html>")
	default:
		http.NotFound(w, r)
	}
}

func pubDate(day string) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return ""
	}
	return t.Format(time.RFC1123Z)
}

func (s *newsSite) show(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.visible = n
}

func (s *newsSite) fetched() (total, maxPerPage int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range s.pages {
		total += n
		maxPerPage = max(maxPerPage, n)
	}
	return total, maxPerPage
}

// watchState reads what a watch run left: stored articles by URL, items by
// state, and the failures recorded.
func watchState(t *testing.T, db string) (articles map[string]int, states map[string]int, failures []store.Failure) {
	t.Helper()
	s, err := sqlite.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, _, err := s.Articles(t.Context(), store.ArticleFilter{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	articles = map[string]int{}
	var keys []string
	for _, r := range rows {
		articles[r.URL]++
		keys = append(keys, r.URL)
	}
	srcs, err := s.WatchSources(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	states = map[string]int{}
	for _, src := range srcs {
		due, err := s.DueWatchItems(t.Context(), src.URL, time.Now().Add(24*time.Hour), 1000)
		if err != nil {
			t.Fatal(err)
		}
		states["due"] += len(due)
	}
	items, err := s.WatchItems(t.Context(), keys)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		states[it.State]++
	}
	failures, err = s.Failures(t.Context(), 100)
	if err != nil {
		t.Fatal(err)
	}
	return articles, states, failures
}

// TestWatchKillResume runs `crosscheck watch` as a real process, kills it
// with SIGKILL in the middle of its work (twice), restarts it, and checks
// that every item ends in the database exactly once, none lost, none
// recorded as failed, and that articles done before a kill are not fetched
// again beyond the batch in flight.
func TestWatchKillResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	const n = 40
	items := wikinewsItems(t, n+5)
	site := newNewsSite(t, items, n, 40*time.Millisecond)
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "watch.db")
	args := []string{"--db", db, "--log-level", "warn", "watch", "--allow-private", "--interval", "300ms", "--host-delay", "0", "--per-host", "4", site.URL + "/feed.xml"}

	kills := 0
	for k := range 2 {
		cmd := exec.Command(bin, args...)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill once the run has stored some articles (10, then 25), plus a
		// random moment inside the next batch.
		want := 10 + 15*k
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) && storedArticles(t, db) < want {
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(time.Duration(rand.IntN(150)) * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		arts, states, _ := watchState(t, db)
		t.Logf("kill %d: %d articles stored, items %v", k, len(arts), states)
		if len(arts) < n {
			kills++
		}
		if strings.Contains(errb.String(), "level=ERROR") {
			t.Errorf("run %d logged errors:\n%s", k, errb.String())
		}
	}
	if kills == 0 {
		t.Errorf("every kill came after the work was done: the test proved nothing")
	}

	// Restart and let it finish: a pass with --once, then the feed grows
	// and a second pass brings the new items.
	code, out, errs := runCLI(t, append(args[:len(args)-1:len(args)-1], "--once", site.URL+"/feed.xml")...)
	if code != exitOK {
		t.Fatalf("resume: exit %d\n%s\n%s", code, out, errs)
	}
	site.show(n + 5)
	code, out, errs = runCLI(t, append(args[:len(args)-1:len(args)-1], "--once", site.URL+"/feed.xml")...)
	if code != exitOK || !strings.Contains(out, "5 new articles") {
		t.Fatalf("grown feed: exit %d\n%s\n%s", code, out, errs)
	}
	arts, states, failures := watchState(t, db)
	if len(arts) != n+5 || states["done"] != n+5 || states["due"] != 0 {
		t.Errorf("after resume: %d articles, items %v; want %d articles, all done", len(arts), states, n+5)
	}
	for i := range n + 5 {
		if c := arts[site.URL+site.path(i)]; c != 1 {
			t.Errorf("article %d stored %d times", i, c)
		}
	}
	if len(failures) != 0 {
		t.Errorf("failures recorded: %+v", failures)
	}
	total, most := site.fetched()
	t.Logf("%d article fetches for %d articles (a page at most %d times)", total, n+5, most)
	// A kill may lose the batch in flight (fetched, not yet marked done):
	// at most one batch (16) per kill is fetched again, never the rest.
	if most > 3 || total > n+5+2*16 {
		t.Errorf("%d fetches (a page up to %d times) for %d articles: done work was redone", total, most, n+5)
	}
	// A last pass fetches nothing: the feed answers 304.
	before, _ := site.fetched()
	code, out, _ = runCLI(t, append(args[:len(args)-1:len(args)-1], "--once", site.URL+"/feed.xml")...)
	if after, _ := site.fetched(); code != exitOK || after != before || !strings.Contains(out, "1 not modified") {
		t.Errorf("idle pass: exit %d, %d new fetches\n%s", code, after-before, out)
	}
}

// storedArticles counts the articles in the SQLite file db, read while
// another process writes it (WAL).
func storedArticles(t *testing.T, db string) int {
	t.Helper()
	if _, err := os.Stat(db); err != nil {
		return 0
	}
	conn, err := sql.Open("sqlite", sqlite.DSN(db))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRowContext(t.Context(), `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0 // not migrated yet
	}
	return n
}

// TestWatchCLI covers the command's arguments, a list file, --status and
// the errors of bad input.
func TestWatchCLI(t *testing.T) {
	items := wikinewsItems(t, 3)
	site := newNewsSite(t, items, 3, 0)
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	list := filepath.Join(dir, "sources.txt")
	if err := os.WriteFile(list, []byte("# outlets\n"+site.URL+"/feed.xml 10m\n\n"+site.URL+"/missing.xml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "--db", db, "--log-level", "error", "watch", "--once", "--allow-private", "--host-delay", "0", list)
	if code != exitOK || !strings.Contains(out, "2 polls (0 not modified, 1 failed), 3 new articles") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = runCLI(t, "--db", db, "watch", "--status")
	if code != exitOK || !strings.Contains(out, site.URL+"/missing.xml") || !strings.Contains(out, "HTTP 404 Not Found") ||
		strings.Index(out, "missing.xml") > strings.Index(out, "feed.xml") {
		t.Errorf("status (failing first):\n%s", out)
	}
	// Without --allow-private the guard refuses the loopback site.
	code, out, _ = runCLI(t, "--db", filepath.Join(dir, "guard.db"), "--log-level", "error", "watch", "--once", site.URL+"/feed.xml")
	if code != exitOK || !strings.Contains(out, "1 failed") {
		t.Errorf("guard: exit %d\n%s", code, out)
	}
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("https://example.org/feed.xml\nftp://example.org/x\n"), 0o644)
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"watch", bad}, exitUsage, "bad.txt:2"},
		{[]string{"watch", filepath.Join(dir, "nope.txt")}, exitNotFound, "nope.txt"},
		{[]string{"watch"}, exitUsage, "no sources"},
		{[]string{"watch", "--interval", "-1s", "https://example.org/feed.xml"}, exitUsage, "interval"},
		{[]string{"watch", "--debug-addr", "0.0.0.0:0", "https://example.org/feed.xml"}, exitUsage, "loopback address only"},
		{[]string{"watch", "--debug-addr", "example.org:6060", "https://example.org/feed.xml"}, exitUsage, "loopback address only"},
	} {
		code, _, errs := runCLI(t, append([]string{"--db", filepath.Join(dir, "x.db")}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.msg) {
			t.Errorf("%v: exit %d (want %d), stderr %q", c.args, code, c.code, errs)
		}
	}
}

// TestSourcesPage renders the health page of watched sources in Chromium:
// the failing source first, with its error, and the counters.
func TestSourcesPage(t *testing.T) {
	d := demo(t)
	ws := d.Store.(store.WatchStore)
	now := time.Now().UTC()
	for _, s := range []store.WatchSource{
		{URL: "https://kyiv-courier.example/rss.xml", Host: "kyiv-courier.example", Kind: store.WatchFeed, LastPoll: now, LastSuccess: now,
			LastNewItem: now.Add(-time.Hour), NextPoll: now.Add(15 * time.Minute), LastStatus: 304, Polls: 12, NotModified: 9, NewItems: 31, Added: now},
		{URL: "https://moscow-bulletin.example/sitemap.xml", Host: "moscow-bulletin.example", Kind: store.WatchSitemap, LastPoll: now,
			NextPoll: now.Add(2 * time.Hour), LastStatus: 503, LastError: "HTTP 503 Service Unavailable (Retry-After: 7200)", Failing: 3,
			Polls: 5, Failures: 3, Added: now},
	} {
		if err := ws.SaveWatchSource(t.Context(), s); err != nil {
			t.Fatal(err)
		}
	}
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+"/sources"), chromedp.WaitVisible(chromedp.CSS("table.sources"))); err != nil {
		t.Fatal(err)
	}
	screenshot(t, ctx, "sources")
	first := jsEval[string](t, ctx, `document.querySelector("table.sources tbody tr").innerText`)
	if !strings.Contains(first, "moscow-bulletin.example") || !strings.Contains(first, "failing, 3 polls in a row") || !strings.Contains(first, "Retry-After: 7200") {
		t.Errorf("first row: %q", first)
	}
	summary := jsEval[string](t, ctx, `document.querySelector("main p.meta").innerText`)
	if !strings.Contains(summary, "1 failing") {
		t.Errorf("summary: %q", summary)
	}
	if n := jsEval[int](t, ctx, `document.querySelectorAll("table.sources tbody tr").length`); n < 2 {
		t.Errorf("%d rows", n)
	}
	nav := jsEval[string](t, ctx, `document.querySelector("nav a[aria-current]").innerText`)
	if nav != "Sources" {
		t.Errorf("current nav entry %q", nav)
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeWatch runs `serve --watch` in-process: the watcher ingests the
// feed while the server runs, /sources shows the source, /metrics counts
// its polls, and cancelling stops both cleanly.
func TestServeWatch(t *testing.T) {
	site := newNewsSite(t, wikinewsItems(t, 3), 3, 0)
	st, z := serveDeps(t)
	var out syncBuffer
	g := &Globals{stdout: &out, stderr: &out, logger: newLogger(&out, "warn")}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	wt := &watcher{sources: []watch.Source{{URL: site.URL + "/feed.xml"}},
		flags: &WatchFlags{Interval: time.Second, AllowPrivate: true, PerHost: 2, Timeout: 5 * time.Second, MaxBytes: 10 << 20, MaxItems: 100, Contact: "https://example.org/contact"}}
	go func() { done <- serve(ctx, g, st, z, "127.0.0.1:0", serveConfig{}, wt) }()

	var base string
	deadline := time.Now().Add(30 * time.Second)
	for base == "" && time.Now().Before(deadline) {
		if m := regexp.MustCompile(`serving on (http://[0-9.:]+)/`).FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	if base == "" {
		t.Fatalf("server did not start:\n%s", out.String())
	}
	get := func(path string) string {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	for time.Now().Before(deadline) {
		if strings.Contains(get("/metrics"), `crosscheck_watch_new_items_total{host="`+strings.TrimPrefix(site.URL, "http://")+`"} 3`) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	metrics := get("/metrics")
	if !strings.Contains(metrics, `crosscheck_watch_polls_total{host="`+strings.TrimPrefix(site.URL, "http://")+`",result="new"} 1`) {
		t.Errorf("metrics:\n%s", grepLines(metrics, "crosscheck_watch"))
	}
	if page := get("/sources"); !strings.Contains(page, site.URL+"/feed.xml") || !strings.Contains(page, "<td>3</td>") {
		t.Errorf("/sources does not show the source with 3 new articles")
	}
	if arts := get("/api/articles"); !strings.Contains(arts, `"total":3`) {
		t.Errorf("/api/articles: %.300s", arts)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve --watch: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve --watch did not stop")
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestDebugServer: the profiles are served on a loopback address, and
// nothing else is.
func TestDebugServer(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	a, err := startDebugServer(ctx, "127.0.0.1:0", newLogger(io.Discard, "error"))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"/debug/pprof/goroutine?debug=1": "goroutine profile: total",
		"/debug/pprof/heap?debug=1":      "heap profile:",
	} {
		resp, err := http.Get("http://" + a.String() + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), want) {
			t.Errorf("%s: HTTP %d, %.200q", path, resp.StatusCode, b)
		}
	}
	if resp, err := http.Get("http://" + a.String() + "/metrics"); err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("/metrics on the debug address: HTTP %d, want 404", resp.StatusCode)
		}
	}
	for _, addr := range []string{"127.0.0.1:0", "[::1]:0", "localhost:0"} {
		if err := loopbackOnly(addr); err != nil {
			t.Errorf("%s refused: %v", addr, err)
		}
	}
	for _, addr := range []string{"0.0.0.0:6060", ":6060", "192.168.1.4:6060", "127.0.0.1"} {
		if err := loopbackOnly(addr); err == nil {
			t.Errorf("%s accepted", addr)
		}
	}
}

// TestIngestDebugAddr: ingest serves its profiles while it runs, on a
// loopback address only, and says where.
func TestIngestDebugAddr(t *testing.T) {
	dir := t.TempDir()
	seed := "../../../shared/fixtures/seed/article.txt"
	code, _, errs := runCLI(t, "--db", filepath.Join(dir, "a.db"), "ingest", "--progress", "never", "--debug-addr", "0.0.0.0:0", seed)
	if code != exitUsage || !strings.Contains(errs, "loopback address only") {
		t.Errorf("--debug-addr 0.0.0.0:0: exit %d, stderr %q", code, errs)
	}
	code, out, errs := runCLI(t, "--db", filepath.Join(dir, "b.db"), "--log-level", "error", "ingest", "--progress", "never", "--debug-addr", "127.0.0.1:0", seed)
	if code != exitOK || !strings.Contains(errs, "crosscheck ingest: profiles on http://127.0.0.1:") || !strings.Contains(out, "1 new") {
		t.Errorf("--debug-addr 127.0.0.1:0: exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
}

// TestServeDebugAddr: serve, without a watch, serves its runtime profiles
// on the loopback address it is given and says where.
func TestServeDebugAddr(t *testing.T) {
	st, z := serveDeps(t)
	var out syncBuffer
	g := &Globals{stdout: &out, stderr: &out, logger: newLogger(&out, "warn")}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, g, st, z, "127.0.0.1:0", serveConfig{DebugAddr: "127.0.0.1:0"}, nil) }()
	var prof string
	for deadline := time.Now().Add(30 * time.Second); prof == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := regexp.MustCompile(`crosscheck serve: profiles on (http://127\.0\.0\.1:[0-9]+/debug/pprof/)`).FindStringSubmatch(out.String()); m != nil {
			prof = m[1]
		}
	}
	if prof == "" {
		cancel()
		t.Fatalf("no profile address:\n%s", out.String())
	}
	resp, err := http.Get(prof + "cmdline")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("%scmdline: %s", prof, resp.Status)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}

// serveDeps opens a database in a test directory and an analyzer, for
// serve run in-process.
func serveDeps(t *testing.T) (*sqlite.Store, *analyze.Analyzer) {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "serve.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st, z
}

// TestIngestMergesText: a first ingest removes no claims and merges
// nothing; an ingest whose article rebuilds the stored claims (a longer
// copy of the first) removes them, and the claims' text index is merged
// after it (store.TextMerger).
func TestIngestMergesText(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("../../../shared/fixtures/seed/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	art := filepath.Join(dir, "in", "article.txt")
	if err := os.MkdirAll(filepath.Dir(art), 0o755); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "a.db")
	for i, text := range []string{string(seed), string(seed) + "\n\nThe ministry gave no figures for its own losses, officials said.\n"} {
		if err := os.WriteFile(art, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out, errs := runCLI(t, "--db", db, "--log-level", "info", "ingest", "--progress", "never", filepath.Dir(art))
		if code != exitOK {
			t.Fatalf("ingest %d: exit %d\n%s\n%s", i, code, out, errs)
		}
		merged := strings.Contains(errs, `msg="text index merged"`)
		m := regexp.MustCompile(`claims written, ([0-9]+) removed`).FindStringSubmatch(out)
		if m == nil || merged != (m[1] != "0") || merged != (i == 1) {
			t.Errorf("ingest %d: merged %v\nstdout %s\nstderr %s", i, merged, out, errs)
		}
	}
}
