// Command watchsoak is the soak test of `crosscheck watch`: it serves N
// local news sites on loopback addresses (127.0.0.2, 127.0.0.3, … so each
// is its own host for the politeness limits), each publishing a new
// article every few seconds in an RSS feed (link only or with content), an
// Atom feed or a news sitemap, runs `crosscheck watch` over them as a
// subprocess for the given duration while sampling its resident memory,
// then stops publishing, lets the watcher catch up, stops it with SIGTERM
// and checks the database: every item served is stored exactly once, the
// ledger is current, and every warning or failure is listed.
//
// The articles are the ukraine-war corpus read from ../shared at run time
// (never copied), or the bundled Wikinews articles (CC BY 2.5) without it;
// texts are reused under new URLs when a run publishes more items than
// there are texts (the ledger folds them as echoes: their claims grow, but
// the statements the ledger caches for linking stop growing once every
// text is stored).
//
// -profile-at 2m,9m saves the watcher's heap profile and goroutine dump at
// those times (through its --debug-addr), to compare with
// go tool pprof -top -inuse_space -diff_base heap-2m0s.pb.gz heap-9m0s.pb.gz.
//
// Usage: go run ./bench/watchsoak -bin /tmp/crosscheck [-feeds 20] [-duration 10m] [-every 8s] [-interval 5s] [-profile-at 2m,9m] [-keep DIR]
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/crosscheck/crosscheck/examples"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
)

type text struct{ title, published, body string }

// article is one published item.
type article struct {
	path, title string
	published   time.Time
	text        *text
}

// outlet is one local news site.
type outlet struct {
	name, kind string // kind: rss, rss-inline, atom, sitemap
	srv        *http.Server
	base       string
	mu         sync.Mutex
	items      []article // newest last
	hits       map[string]int
}

func main() {
	bin := flag.String("bin", "", "crosscheck binary (go build -o /tmp/crosscheck ./cmd/crosscheck)")
	nFeeds := flag.Int("feeds", 20, "local news sites")
	duration := flag.Duration("duration", 10*time.Minute, "how long the sites publish")
	every := flag.Duration("every", 8*time.Second, "each site publishes a new article this often (sites are staggered)")
	interval := flag.Duration("interval", 5*time.Second, "the watcher's poll interval")
	sample := flag.Duration("sample", 5*time.Second, "memory sampling period")
	corpus := flag.String("corpus", "../shared/corpora/ukraine-war/articles", "directory of plain-text articles")
	keep := flag.String("keep", "", "keep the database and the watcher's log in this directory")
	profileAt := flag.String("profile-at", "", "comma-separated times since the watcher started (e.g. 2m,9m) at which to save its heap profile and goroutine dump in the work directory (heap-2m0s.pb.gz, goroutine-2m0s.txt), through its --debug-addr; compare with go tool pprof -top -inuse_space -diff_base")
	flag.Parse()
	if *bin == "" {
		log.Fatal("-bin is required")
	}
	texts := loadTexts(*corpus)
	log.Printf("%d article texts", len(texts))

	work, err := os.MkdirTemp("", "watchsoak-")
	if err != nil {
		log.Fatal(err)
	}
	if *keep != "" {
		work = *keep
		os.MkdirAll(work, 0o755)
	} else {
		defer os.RemoveAll(work)
	}
	db := filepath.Join(work, "soak.db")
	os.Remove(db)

	// The sites, each on its own loopback address.
	kinds := []string{"rss", "rss", "rss", "rss", "rss-inline", "rss-inline", "atom", "atom", "sitemap", "rss"}
	var outlets []*outlet
	var sources []string
	next := 0
	start := time.Now()
	for i := range *nFeeds {
		o := &outlet{name: fmt.Sprintf("Outlet %02d", i+1), kind: kinds[i%len(kinds)], hits: map[string]int{}}
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.%d:0", i+2))
		if err != nil {
			log.Fatalf("listen: %v", err)
		}
		o.base = "http://" + ln.Addr().String()
		o.srv = &http.Server{Handler: o, ReadHeaderTimeout: 5 * time.Second}
		go o.srv.Serve(ln)
		// A backlog of five articles before the watcher starts.
		for range 5 {
			o.publish(&texts[next%len(texts)], start.Add(-time.Hour))
			next++
		}
		outlets = append(outlets, o)
		sources = append(sources, o.listingURL())
	}
	list := filepath.Join(work, "sources.txt")
	os.WriteFile(list, []byte(strings.Join(sources, "\n")+"\n"), 0o644)

	metricsAddr := freeAddr()
	logPath := filepath.Join(work, "watch.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		log.Fatal(err)
	}
	args := []string{"--db", db, "--log-level", "info", "watch", "--allow-private",
		"--interval", interval.String(), "--metrics-addr", metricsAddr}
	var profileTimes []time.Duration
	debugAddr := ""
	if *profileAt != "" {
		for _, f := range strings.Split(*profileAt, ",") {
			d, err := time.ParseDuration(strings.TrimSpace(f))
			if err != nil {
				log.Fatalf("-profile-at: %v", err)
			}
			profileTimes = append(profileTimes, d)
		}
		debugAddr = freeAddr()
		args = append(args, "--debug-addr", debugAddr)
	}
	cmd := exec.Command(*bin, append(args, list)...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		log.Fatal(err)
	}
	watchStart := time.Now()
	log.Printf("watcher pid %d over %d sites; publishing for %s, one article per site every %s", cmd.Process.Pid, len(outlets), *duration, *every)
	for _, at := range profileTimes {
		time.AfterFunc(at, func() { saveProfiles(debugAddr, work, at) })
	}

	// Publish, staggered, and sample memory.
	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	var rss []sampleRSS
	pubTick := time.NewTicker(*every / time.Duration(len(outlets)))
	memTick := time.NewTicker(*sample)
	turn := 0
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case <-pubTick.C:
			outlets[turn%len(outlets)].publish(&texts[next%len(texts)], time.Now())
			turn++
			next++
		case <-memTick.C:
			rss = append(rss, sampleNow(start, cmd.Process.Pid, metricsAddr))
		}
	}
	cancel()
	pubTick.Stop()
	served := 0
	for _, o := range outlets {
		served += o.count()
	}
	log.Printf("stopped publishing: %d articles served; waiting for the watcher to catch up", served)

	// Catch up: every served item stored or recorded as failed, then two
	// more intervals for the ledger.
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) && settledCount(db) < served {
		time.Sleep(time.Second)
	}
	time.Sleep(2 * *interval)
	rss = append(rss, sampleNow(start, cmd.Process.Pid, metricsAddr))
	metrics := scrape("http://" + metricsAddr + "/metrics")
	cmd.Process.Signal(syscall.SIGTERM)
	stopped := time.Now()
	waitErr := cmd.Wait()
	logFile.Close()
	log.Printf("watcher stopped in %s after SIGTERM: %v", time.Since(stopped).Round(time.Millisecond), waitErr)
	for _, o := range outlets {
		o.srv.Close()
	}
	report(db, outlets, served, len(texts), rss, metrics, logPath, waitErr, watchStart)
}

// sampleRSS is one memory sample of the watcher: its resident set, and
// from its /metrics the Go heap in use and the goroutines (a leak of
// either shows there even when the resident set is dominated by the
// ledger rebuild, which holds every stored analysis).
type sampleRSS struct {
	at         time.Duration
	kib        int
	heapMiB    float64
	goroutines float64
	// otherMiB is the resident memory that is not the Go runtime's: the
	// resident set less what Go holds from the OS (go_memstats_sys_bytes
	// less go_memstats_heap_released_bytes) — SQLite's page caches and
	// its other allocations (modernc.org/sqlite allocates outside the Go
	// heap), and the mapped binary.
	otherMiB float64
}

func sampleNow(start time.Time, pid int, metricsAddr string) sampleRSS {
	s := sampleRSS{at: time.Since(start), kib: vmRSS(pid)}
	m := scrapeAll("http://" + metricsAddr + "/metrics")
	s.heapMiB = m["go_memstats_heap_inuse_bytes"] / (1 << 20)
	s.goroutines = m["go_goroutines"]
	s.otherMiB = float64(s.kib)/1024 - (m["go_memstats_sys_bytes"]-m["go_memstats_heap_released_bytes"])/(1<<20)
	return s
}

// scrapeAll reads the unlabelled samples of a Prometheus text page.
func scrapeAll(u string) map[string]float64 {
	out := map[string]float64{}
	c := http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(u)
	if err != nil {
		return out
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(b), "\n") {
		name, val, ok := strings.Cut(line, " ")
		if !ok || strings.HasPrefix(line, "#") || strings.Contains(name, "{") {
			continue
		}
		v, _ := strconv.ParseFloat(val, 64)
		out[name] = v
	}
	return out
}

// saveProfiles saves the watcher's heap profile (after a GC: what is
// live) and its goroutine dump in dir, named for at.
func saveProfiles(addr, dir string, at time.Duration) {
	c := http.Client{Timeout: 30 * time.Second}
	for _, p := range []struct{ path, file string }{
		{"/debug/pprof/heap?gc=1", "heap-" + at.String() + ".pb.gz"},
		{"/debug/pprof/goroutine?debug=1", "goroutine-" + at.String() + ".txt"},
	} {
		resp, err := c.Get("http://" + addr + p.path)
		if err != nil {
			log.Printf("profile at %s: %v", at, err)
			return
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("HTTP %d", resp.StatusCode)
		}
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, p.file), b, 0o644)
		}
		if err != nil {
			log.Printf("profile at %s: %v", at, err)
			return
		}
	}
	log.Printf("saved the heap profile and goroutines at %s in %s", at, dir)
}

func (o *outlet) listingURL() string {
	switch o.kind {
	case "sitemap":
		return o.base + "/news-sitemap.xml"
	case "atom":
		return o.base + "/atom.xml"
	}
	return o.base + "/rss.xml"
}

func (o *outlet) publish(t *text, at time.Time) {
	o.mu.Lock()
	defer o.mu.Unlock()
	n := len(o.items) + 1
	o.items = append(o.items, article{path: fmt.Sprintf("/news/%04d", n), title: t.title, published: at.UTC(), text: t})
}

func (o *outlet) count() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.items)
}

// ServeHTTP serves robots.txt, the listing (the 30 newest items, with an
// ETag) and the article pages.
func (o *outlet) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	o.hits[r.URL.Path]++
	items := o.items
	o.mu.Unlock()
	switch {
	case r.URL.Path == "/robots.txt":
		w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
	case r.URL.Path == o.listingURL()[len(o.base):]:
		from := max(0, len(items)-30)
		recent := items[from:]
		etag := fmt.Sprintf(`"%d"`, len(items))
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write([]byte(o.listing(recent)))
	case strings.HasPrefix(r.URL.Path, "/news/"):
		n, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/news/"))
		if err != nil || n < 1 || n > len(items) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page(items[n-1])))
	default:
		http.NotFound(w, r)
	}
}

func page(a article) string {
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><title>" + html.EscapeString(a.title) + "</title></head><body><article>\n<h1>" + html.EscapeString(a.title) + "</h1>\n")
	for _, p := range strings.Split(a.text.body, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
		}
	}
	b.WriteString("</article></body></html>\n")
	return b.String()
}

func (o *outlet) listing(items []article) string {
	var b strings.Builder
	switch o.kind {
	case "sitemap":
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">` + "\n")
		for i := len(items) - 1; i >= 0; i-- {
			a := items[i]
			fmt.Fprintf(&b, "<url><loc>%s%s</loc><news:news><news:publication><news:name>%s</news:name><news:language>en</news:language></news:publication><news:publication_date>%s</news:publication_date><news:title>%s</news:title></news:news></url>\n",
				o.base, a.path, o.name, a.published.Format(time.RFC3339), html.EscapeString(a.title))
		}
		b.WriteString("</urlset>")
	case "atom":
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>` + o.name + "</title><id>" + o.base + "/</id>\n")
		for i := len(items) - 1; i >= 0; i-- {
			a := items[i]
			fmt.Fprintf(&b, "<entry><title>%s</title><id>%s%s</id><link href=\"%s%s\"/><updated>%s</updated></entry>\n",
				html.EscapeString(a.title), o.base, a.path, o.base, a.path, a.published.Format(time.RFC3339))
		}
		b.WriteString("</feed>")
	default:
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>` + o.name + "</title><link>" + o.base + "/</link>\n")
		for i := len(items) - 1; i >= 0; i-- {
			a := items[i]
			fmt.Fprintf(&b, "<item><title>%s</title><link>%s%s</link><guid>%s%s</guid><pubDate>%s</pubDate>",
				html.EscapeString(a.title), o.base, a.path, o.base, a.path, a.published.Format(time.RFC1123Z))
			if o.kind == "rss-inline" {
				b.WriteString("<content:encoded><![CDATA[" + page(a) + "]]></content:encoded>")
			}
			b.WriteString("</item>\n")
		}
		b.WriteString("</channel></rss>")
	}
	return b.String()
}

var stampRe = regexp.MustCompile(`^(\d{8}T\d{6}Z)_`)

// loadTexts reads the corpus (title: the first sentence, cut), or the
// bundled Wikinews articles when the corpus is missing.
func loadTexts(dir string) []text {
	var out []text
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		body := string(b)
		title := strings.SplitN(strings.TrimSpace(body), "\n", 2)[0]
		if i := strings.Index(title, ". "); i > 0 {
			title = title[:i]
		}
		if r := []rune(title); len(r) > 90 {
			title = string(r[:90]) // on a character boundary: a cut byte sequence is invalid UTF-8
		}
		t := text{title: title, body: body}
		if m := stampRe.FindStringSubmatch(filepath.Base(f)); m != nil {
			t.published = m[1]
		}
		out = append(out, t)
	}
	if len(out) > 0 {
		return out
	}
	f, err := examples.FS.Open("wikinews.jsonl")
	if err != nil {
		log.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var w struct{ Title, Text, Published string }
		if json.Unmarshal(sc.Bytes(), &w) == nil {
			out = append(out, text{title: w.Title, body: w.Text, published: w.Published})
		}
	}
	return out
}

func freeAddr() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func vmRSS(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			n, _ := strconv.Atoi(strings.Fields(line)[1])
			return n
		}
	}
	return 0
}

// settledCount is the number of items stored as articles or recorded as
// failed.
func settledCount(db string) int {
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		return 0
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		return 0
	}
	return st.Articles + st.Failures
}

func scrape(u string) map[string]float64 {
	out := map[string]float64{}
	resp, err := http.Get(u)
	if err != nil {
		log.Printf("scrape: %v", err)
		return out
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "crosscheck_watch_") {
			continue
		}
		name, val, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		v, _ := strconv.ParseFloat(val, 64)
		// Sum over hosts: keep the metric name and the non-host labels.
		key := name[:strings.IndexAny(name+"{", "{")]
		if i := strings.Index(name, "result=\""); i >= 0 {
			key += "{" + name[i:strings.Index(name[i+8:], "\"")+i+9] + "}"
		} else if i := strings.Index(name, "kind=\""); i >= 0 {
			key += "{" + name[i:strings.Index(name[i+6:], "\"")+i+7] + "}"
		}
		out[key] += v
	}
	return out
}

// storedAt reads when each article was written (articles.updated_at).
func storedAt(s *sqlite.Store, db string) map[string]time.Time {
	out := map[string]time.Time{}
	rows, err := s.SQL().Query(`SELECT url, updated_at FROM articles`)
	if err != nil {
		log.Printf("read write times of %s: %v", db, err)
		return out
	}
	defer rows.Close()
	for rows.Next() {
		var u string
		var at time.Time
		if rows.Scan(&u, &at) == nil {
			out[u] = at
		}
	}
	return out
}

func report(db string, outlets []*outlet, served, distinctTexts int, rss []sampleRSS, metrics map[string]float64, logPath string, waitErr error, watchStart time.Time) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	rows, total, err := s.Articles(ctx, store.ArticleFilter{Limit: store.MaxLimit})
	if err != nil {
		log.Fatal(err)
	}
	byURL := map[string]int{}
	for _, r := range rows {
		byURL[r.URL]++
	}
	failures, _ := s.Failures(ctx, store.MaxLimit)
	failed := map[string]bool{}
	for _, f := range failures {
		failed[f.SourceKey] = true
	}
	stored := storedAt(s, db)
	missing, dups, fetchedTwice := 0, 0, 0
	var lag []time.Duration // publication → article stored, for items published while the watcher ran
	for _, o := range outlets {
		o.mu.Lock()
		for _, a := range o.items {
			u := o.base + a.path
			switch n := byURL[u]; {
			case n == 0 && !failed[u]:
				missing++
			case n > 1:
				dups += n - 1
			}
			if o.hits[a.path] > 1 {
				fetchedTwice++
			}
			if at, ok := stored[u]; ok && a.published.After(watchStart) {
				lag = append(lag, at.Sub(a.published))
			}
		}
		o.mu.Unlock()
	}
	sort.Slice(lag, func(i, j int) bool { return lag[i] < lag[j] })
	inLedger := 0
	for _, r := range rows {
		cs, _, err := s.Claims(ctx, store.ClaimFilter{Article: r.ID, Limit: 1})
		if err == nil && len(cs) > 0 {
			inLedger++
		}
	}
	stale, _ := s.LedgerStale(ctx)
	stats, _ := s.Stats(ctx)
	srcs, _ := s.WatchSources(ctx)
	failing := 0
	var polls, notMod int64
	for _, w := range srcs {
		if w.Failing > 0 {
			failing++
		}
		polls += w.Polls
		notMod += w.NotModified
	}
	warn, errs := logLevels(logPath)

	fmt.Printf("\n== watch soak: %d sites, %s\n", len(outlets), rss[len(rss)-1].at.Round(time.Second))
	fmt.Printf("items served:            %d (%d distinct texts: the others re-publish them under new URLs, echoes in the ledger)\n", served, min(served, distinctTexts))
	fmt.Printf("articles stored:         %d (listed %d); items neither stored nor recorded as failed: %d; duplicates: %d\n", len(rows), total, missing, dups)
	if len(lag) > 0 {
		fmt.Printf("publication → stored:    p50 %s, p95 %s, max %s (%d items; the ledger is rebuilt after each poll that stored some)\n",
			lag[len(lag)/2].Round(100*time.Millisecond), lag[len(lag)*95/100].Round(100*time.Millisecond), lag[len(lag)-1].Round(100*time.Millisecond), len(lag))
	}
	fmt.Printf("articles in a claim:     %d (the others have no statement); ledger stale: %v; claims: %d, statements: %d\n", inLedger, stale, stats.Claims, stats.Statements)
	fmt.Printf("pages fetched twice:     %d\n", fetchedTwice)
	fmt.Printf("polls (store):           %d, of which 304: %d; sources failing at the end: %d\n", polls, notMod, failing)
	fmt.Printf("failed items recorded:   %d\n", len(failures))
	for _, f := range failures[:min(len(failures), 30)] {
		fmt.Printf("  %s: %s\n", f.SourceKey, f.Error)
	}
	fmt.Printf("log: %d WARN, %d ERROR lines (%s)\n", len(warn), len(errs), logPath)
	for _, l := range append(errs, warn...) {
		fmt.Printf("  %s\n", l)
	}
	keys := make([]string, 0, len(metrics))
	for k := range metrics {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Println("metrics (summed over hosts):")
	for _, k := range keys {
		fmt.Printf("  %s %.0f\n", k, metrics[k])
	}
	fmt.Println("watcher over time: RSS MiB / Go heap in use MiB / not Go's MiB (SQLite, binary) / goroutines")
	var line bytes.Buffer
	for i, r := range rss {
		fmt.Fprintf(&line, " %s=%.0f/%.0f/%.0f/%.0f", r.at.Round(time.Second), float64(r.kib)/1024, r.heapMiB, r.otherMiB, r.goroutines)
		if (i+1)%6 == 0 {
			fmt.Println(line.String())
			line.Reset()
		}
	}
	if line.Len() > 0 {
		fmt.Println(line.String())
	}
	if len(rss) >= 3 {
		for _, r := range []sampleRSS{rss[0], rss[len(rss)/2], rss[len(rss)-2], rss[len(rss)-1]} {
			fmt.Printf("at %s: RSS %.0f MiB, heap in use %.0f MiB, not Go's %.0f MiB, %0.f goroutines\n", r.at.Round(time.Second), float64(r.kib)/1024, r.heapMiB, r.otherMiB, r.goroutines)
		}
		fmt.Println("(the last two: end of publishing, and after the watcher caught up)")
	}
	fmt.Printf("clean exit on SIGTERM: %v\n", waitErr == nil)
	if missing > 0 || dups > 0 || waitErr != nil || stale {
		os.Exit(1)
	}
}

func logLevels(path string) (warn, errs []string) {
	f, err := os.Open(path)
	if err != nil {
		return nil, []string{err.Error()}
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.Contains(l, "level=ERROR"):
			errs = append(errs, l)
		case strings.Contains(l, "level=WARN"):
			warn = append(warn, l)
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, io.EOF) {
		errs = append(errs, err.Error())
	}
	return warn, errs
}
