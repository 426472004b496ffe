package watch

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/ledger"
	"github.com/crosscheck/crosscheck/internal/source"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/worker"
)

// fakeClock is a Clock that moves only when told to.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []fakeWaiter
}

type fakeWaiter struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 5, 12, 8, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.waiters = append(c.waiters, fakeWaiter{at: c.now.Add(d), ch: ch})
	return ch
}

// Advance moves the clock and wakes the sleepers that are due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if !w.at.After(c.now) {
			w.ch <- c.now
		} else {
			kept = append(kept, w)
		}
	}
	c.waiters = kept
}

func (c *fakeClock) sleepers() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.waiters)
}

func TestRetryAfterHeader(t *testing.T) {
	now := time.Date(2025, 5, 12, 8, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"120", 2 * time.Minute, true},
		{" 0 ", 0, true},
		{"Mon, 12 May 2025 08:05:00 GMT", 5 * time.Minute, true},
		{"Mon, 12 May 2025 07:00:00 GMT", 0, true}, // in the past: now
		{"99999999", maxRetryAfter, true},
		{"", 0, false},
		{"-5", 0, false},
		{"soon", 0, false},
	} {
		got, ok := retryAfter(c.in, now)
		if got != c.want || ok != c.ok {
			t.Errorf("retryAfter(%q) = %s, %v; want %s, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestBackoff(t *testing.T) {
	iv, cap := 15*time.Minute, 6*time.Hour
	want := []time.Duration{15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 4 * time.Hour, 6 * time.Hour, 6 * time.Hour}
	for i, w := range want {
		if got := backoff(iv, cap, i+1); got != w {
			t.Errorf("backoff after %d failures = %s, want %s", i+1, got, w)
		}
	}
	if got := backoff(iv, cap, 1000); got != cap {
		t.Errorf("backoff after 1000 failures = %s", got)
	}
	now := time.Now()
	if got := throttleWait("600", now, iv, cap, 1); got != 15*time.Minute {
		t.Errorf("a Retry-After shorter than the interval: %s", got)
	}
	if got := throttleWait("7200", now, iv, cap, 1); got != 2*time.Hour {
		t.Errorf("Retry-After 7200: %s", got)
	}
	if got := throttleWait("", now, iv, cap, 3); got != time.Hour {
		t.Errorf("429 without Retry-After: %s", got)
	}
}

// TestHostLimits checks spacing, the concurrency cap, a pause and the
// refusal to wait out a long pause, on a clock the test moves.
func TestHostLimits(t *testing.T) {
	c := newFakeClock()
	h := newHostLimits(c, 2, time.Second)
	ctx := t.Context()

	rel1, err := h.acquire(ctx, "a.example", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	// The second request must wait a second on the same host, not on another.
	got := make(chan func(), 1)
	go func() {
		rel, err := h.acquire(ctx, "a.example", time.Hour)
		if err != nil {
			t.Error(err)
		}
		got <- rel
	}()
	relB, err := h.acquire(ctx, "b.example", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	relB()
	waitSleepers(t, c, 1)
	select {
	case <-got:
		t.Fatal("second request to a host started without its spacing")
	default:
	}
	c.Advance(time.Second)
	rel2 := <-got

	// Two in flight: a third waits for a slot even when its turn has come.
	c.Advance(time.Second)
	third := make(chan func(), 1)
	go func() {
		rel, err := h.acquire(ctx, "a.example", time.Hour)
		if err != nil {
			t.Error(err)
		}
		third <- rel
	}()
	time.Sleep(20 * time.Millisecond)
	select {
	case <-third:
		t.Fatal("third request started with two in flight")
	default:
	}
	rel1()
	rel3 := <-third
	rel2()
	rel3()

	// A pause (Retry-After) holds requests; one over maxWait is refused.
	h.pause("a.example", c.Now().Add(10*time.Minute))
	if _, err := h.acquire(ctx, "a.example", time.Minute); err == nil {
		t.Fatal("acquired during a 10-minute pause with a 1-minute limit")
	} else if pe, ok := err.(*pausedError); !ok || !pe.until.Equal(c.Now().Add(10*time.Minute)) {
		t.Fatalf("error %v", err)
	}
	if p := h.pausedUntil("a.example"); !p.Equal(c.Now().Add(10 * time.Minute)) {
		t.Errorf("pausedUntil = %s", p)
	}
	// A Crawl-delay raises the spacing; it never lowers it below the default.
	h.setDelay("b.example", 5*time.Second)
	h.setDelay("c.example", time.Millisecond)
	if h.state("b.example").delay != 5*time.Second || h.state("c.example").delay != time.Second {
		t.Errorf("delays %s %s", h.state("b.example").delay, h.state("c.example").delay)
	}
	// A cancelled wait frees its slot.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := h.acquire(cctx, "d.example", time.Hour); err == nil {
		t.Error("acquired with a cancelled context")
	}
}

func waitSleepers(t *testing.T, c *fakeClock, n int) {
	t.Helper()
	for range 200 {
		if c.sleepers() >= n {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no goroutine waiting on the clock")
}

func TestParseListing(t *testing.T) {
	lim := listingLimits{MaxEntries: 100, MaxChildren: 2, MaxUnzipped: 1 << 20, MaxLineBytes: 4096}
	base := "https://news.example/feeds/main.xml"
	for _, c := range []struct {
		name, body, kind string
		keys             []string // entries, or children for an index
		err              string
	}{
		{name: "rss", kind: store.WatchFeed, body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Kyiv Courier</title>
<item><title>Older</title><link>/news/1</link><pubDate>Sun, 11 May 2025 10:00:00 +0000</pubDate></item>
<item><title>Newer</title><link>https://news.example/news/2#comments</link><pubDate>Mon, 12 May 2025 10:00:00 +0000</pubDate></item>
<item><title>No link</title><guid isPermaLink="false">id-3</guid><description>Short text.</description></item>
<item><title>Nothing</title></item>
<item><title>Repeat</title><link>/news/1</link></item></channel></rss>`,
			keys: []string{"https://news.example/news/2", "https://news.example/news/1", base + "#guid=id-3"}},
		{name: "atom", kind: store.WatchFeed, body: `<feed xmlns="http://www.w3.org/2005/Atom"><title>Moscow Bulletin</title>
<entry><title>A</title><link href="https://news.example/a"/><updated>2025-05-12T09:00:00Z</updated><content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>`,
			keys: []string{"https://news.example/a"}},
		{name: "json feed", kind: store.WatchFeed, body: `{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","url":"https://news.example/j1","content_html":"<p>x</p>"}]}`,
			keys: []string{"https://news.example/j1"}},
		{name: "news sitemap", kind: store.WatchSitemap, body: `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
<url><loc>https://news.example/old</loc><lastmod>2025-05-10</lastmod></url>
<url><loc>https://news.example/new</loc><image:image><image:loc>https://img.example/x.jpg</image:loc></image:image>
<news:news><news:publication><news:name>Kyiv Courier</news:name><news:language>uk</news:language></news:publication>
<news:publication_date>2025-05-12T08:00:00+03:00</news:publication_date><news:title>New</news:title></news:news></url>
<url><loc>javascript:alert(1)</loc></url></urlset>`,
			keys: []string{"https://news.example/new", "https://news.example/old"}},
		{name: "index", kind: store.WatchSitemapIndex, body: `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example/s-2025-03.xml</loc><lastmod>2025-03-31</lastmod></sitemap>
<sitemap><loc>https://news.example/s-2025-05.xml.gz</loc><lastmod>2025-05-12T08:00:00Z</lastmod></sitemap>
<sitemap><loc>https://news.example/s-2025-04.xml</loc><lastmod>2025-04-30</lastmod></sitemap></sitemapindex>`,
			keys: []string{"https://news.example/s-2025-05.xml.gz", "https://news.example/s-2025-04.xml"}},
		{name: "gzip sitemap", kind: store.WatchSitemap, body: gzipped(`<urlset><url><loc>https://news.example/z</loc></url></urlset>`),
			keys: []string{"https://news.example/z"}},
		{name: "url list", kind: store.WatchURLList, body: "# latest\nhttps://news.example/u1\n20250512080000 12 https://news.example/u2\nnot a url\n",
			keys: []string{"https://news.example/u1", "https://news.example/u2"}},
		{name: "invalid utf-8 repaired", kind: store.WatchFeed, body: "<rss><channel><title>T</title><item><title>Caf\xc3 cut</title><link>https://news.example/cafe</link></item></channel></rss>",
			keys: []string{"https://news.example/cafe"}},
		{name: "latin-1 declared", kind: store.WatchFeed, body: "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>Caf\xe9</title><item><title>Caf\xe9</title><link>https://news.example/latin</link></item></channel></rss>",
			keys: []string{"https://news.example/latin"}},
		{name: "html page", body: "<!doctype html><html><body>Hi</body></html>", err: "HTML page"},
		{name: "unknown xml", body: "<?xml version='1.0'?><catalog/>", err: "unknown XML document <catalog>"},
		{name: "broken xml", body: "<rss><channel><item><title>x", err: "malformed"},
		{name: "text without urls", body: "hello\nworld\n", err: "no line holds an http(s) URL"},
		{name: "binary", body: "\x00\x01\x02garbage", err: "binary"},
		{name: "empty", body: " \n", err: "empty"},
		{name: "gzip bomb", body: gzipped(strings.Repeat("<", 2<<20)), err: "over the 1048576-byte limit"},
	} {
		t.Run(c.name, func(t *testing.T) {
			l, err := parseListing(base, []byte(c.body), lim)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, e := range l.Entries {
				keys = append(keys, e.Key)
			}
			for _, ch := range l.Children {
				keys = append(keys, ch.URL)
			}
			if l.Kind != c.kind || strings.Join(keys, " ") != strings.Join(c.keys, " ") {
				t.Errorf("kind %s keys %v, want %s %v", l.Kind, keys, c.kind, c.keys)
			}
		})
	}
	// Encodings: a bad byte is replaced, a declared Latin-1 is decoded.
	l, err := parseListing(base, []byte("<rss><channel><title>T</title><item><title>Caf\xc3 cut</title><link>https://news.example/c</link></item></channel></rss>"), lim)
	if err != nil || !l.Repaired || l.Entries[0].Title != "Caf\uFFFD cut" {
		t.Errorf("repaired feed: %+v %v", l, err)
	}
	l, err = parseListing(base, []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>Caf\xe9</title><item><title>Caf\xe9</title><link>https://news.example/c</link></item></channel></rss>"), lim)
	if err != nil || l.Repaired || l.Entries[0].Title != "Café" || l.Entries[0].Site != "Café" {
		t.Errorf("latin-1 feed: %+v %v", l, err)
	}
	// Hints from a news sitemap and a feed.
	l, err = parseListing(base, []byte(`<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://news.example/n</loc>
<news:news><news:publication><news:name>Kyiv Courier</news:name><news:language>en-gb</news:language></news:publication><news:publication_date>2025-05-12T08:00:00+03:00</news:publication_date><news:title>Title N</news:title></news:news></url></urlset>`), lim)
	if err != nil {
		t.Fatal(err)
	}
	if e := l.Entries[0]; e.Site != "Kyiv Courier" || e.Title != "Title N" || e.Language != "en" || e.Published != "2025-05-12T05:00:00Z" || e.Version == "" {
		t.Errorf("news hints: %+v", e)
	}
}

func TestNewerVersion(t *testing.T) {
	for _, c := range []struct {
		stored, listed string
		want           bool
	}{
		{"", "", false},
		{"2025-05-12", "", false},
		{"", "2025-05-12", true},
		{"2025-05-12", "2025-05-12T00:00:00Z", false},
		{"2025-05-12", "2025-05-13", true},
		{"2025-05-13", "2025-05-12", false},
		{"v1", "v2", true},
	} {
		if got := newerVersion(c.stored, c.listed); got != c.want {
			t.Errorf("newerVersion(%q, %q) = %v", c.stored, c.listed, got)
		}
	}
}

func TestParseList(t *testing.T) {
	in := "\ufeff# sources\n\nhttps://a.example/rss.xml\nhttps://b.example/sitemap.xml 5m\nhttps://a.example/rss.xml#frag\n"
	got, err := ParseList(strings.NewReader(in), "list.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].Interval != 5*time.Minute || got[0].URL != "https://a.example/rss.xml" {
		t.Errorf("got %+v", got)
	}
	for _, bad := range []struct{ in, msg string }{
		{"ftp://a.example/x\n", "list.txt:1: \"ftp://a.example/x\" is not an http or https URL"},
		{"https://a.example/ 5 minutes\n", "list.txt:1: want a URL and an optional interval"},
		{"# c\nhttps://a.example/ -5m\n", "list.txt:2: interval \"-5m\""},
		{"https://user:pw@a.example/\n", "carries credentials"},
		{"https:///nohost\n", "has no host"},
	} {
		_, err := ParseList(strings.NewReader(bad.in), "list.txt")
		if err == nil || !strings.Contains(err.Error(), bad.msg) || crosscheck.ErrorCode(err) != crosscheck.EINVALID {
			t.Errorf("%q: %v, want %q", bad.in, err, bad.msg)
		}
	}
}

// TestRobots: a disallowed article is never fetched and is recorded as a
// failure; a Crawl-delay raises the host's spacing; an unreachable
// robots.txt defers the item instead of fetching it blindly.
func TestRobots(t *testing.T) {
	st := sqliteStore(t)
	s := newSite(t)
	s.publish(bridge, powerCuts)
	s.set("/robots.txt", "text/plain", "Disallow: /stray-rule-before-any-agent\nUser-agent: *\nDisallow: /news/power\nCrawl-delay: 0.25\n\nUser-agent: otherbot\nDisallow: /\n")
	s.set("/rss.xml", "application/rss+xml", rssFeed(s.URL, "Kyiv Courier", bridge, powerCuts))
	h := newHarness(t, st, Options{})
	stats := h.once(t, s.URL+"/rss.xml")
	if stats.NewItems != 1 || stats.ItemsFailed != 1 || s.count(powerCuts.Path) != 0 || s.count("/robots.txt") != 1 {
		t.Errorf("stats %+v; disallowed page fetched %d times, robots.txt %d times", stats, s.count(powerCuts.Path), s.count("/robots.txt"))
	}
	fails, err := st.Failures(t.Context(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(fails) != 1 || !strings.Contains(fails[0].Error, "disallowed by robots.txt") || fails[0].SourceKey != s.URL+powerCuts.Path {
		t.Errorf("failures: %+v", fails)
	}
	if h.obs.failure(hostOf(s.URL), "article_robots") != 1 {
		t.Errorf("metrics: %v", h.obs.failures)
	}
	w := h.watcher(t)
	if ok, err := w.robots.allowed(t.Context(), s.URL+"/news/bridge-reopens"); !ok || err != nil {
		t.Fatalf("allowed: %v %v", ok, err)
	}
	if d := w.hosts.state(hostOf(s.URL)).delay; d != 250*time.Millisecond {
		t.Errorf("Crawl-delay gave spacing %s", d)
	}

	// robots.txt answering 503: the article waits (retry), it is not fetched.
	down := newSite(t)
	down.publish(izmail)
	down.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
	})
	down.set("/rss.xml", "application/rss+xml", rssFeed(down.URL, "Kyiv Courier", izmail))
	stats = h.once(t, down.URL+"/rss.xml")
	if stats.NewItems != 0 || stats.ItemsFailed != 0 || down.count(izmail.Path) != 0 {
		t.Errorf("with robots.txt down: %+v, article fetched %d times", stats, down.count(izmail.Path))
	}
	items, err := st.WatchItems(t.Context(), []string{down.URL + izmail.Path})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].State != store.WatchRetry || items[0].Attempts != 1 || !strings.Contains(items[0].Error, "robots.txt") {
		t.Errorf("item: %+v", items)
	}
}

// TestItemRetries: an article answering 500 is retried later (not lost),
// one answering 404 fails at once, and after MaxAttempts a transient
// failure is recorded for good.
func TestItemRetries(t *testing.T) {
	st := sqliteStore(t)
	s := newSite(t)
	s.publish(bridge)
	var mu sync.Mutex
	fails := 2
	s.handle(izmail.Path, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if fails > 0 {
			fails--
			http.Error(w, "oops", http.StatusInternalServerError)
			return
		}
		w.Write([]byte(izmail.html()))
	})
	s.handle(powerCuts.Path, func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusBadGateway) })
	s.set("/rss.xml", "application/rss+xml", rssFeed(s.URL, "Kyiv Courier", izmail, bridge, powerCuts, denial))
	// denial is listed but not published: 404.
	h := newHarness(t, st, Options{Interval: time.Millisecond, MaxAttempts: 3})
	for range 4 {
		h.once(t, s.URL+"/rss.xml")
		time.Sleep(20 * time.Millisecond) // past the (tiny) item backoff
	}
	arts := h.articles(t)
	if len(arts) != 2 || arts[s.URL+izmail.Path].ID == "" {
		t.Errorf("articles: %v", arts)
	}
	items, err := st.WatchItems(t.Context(), []string{s.URL + izmail.Path, s.URL + powerCuts.Path, s.URL + denial.Path})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{izmail.Path: store.WatchDone, powerCuts.Path: store.WatchFailed, denial.Path: store.WatchFailed}
	for _, it := range items {
		p := strings.TrimPrefix(it.Key, s.URL)
		if it.State != want[p] {
			t.Errorf("%s: state %s (attempts %d, %s), want %s", p, it.State, it.Attempts, it.Error, want[p])
		}
	}
	if n := s.count(powerCuts.Path); n != 3 {
		t.Errorf("a failing article was fetched %d times, want MaxAttempts = 3", n)
	}
	if n := s.count(denial.Path); n != 1 {
		t.Errorf("a 404 article was fetched %d times, want 1", n)
	}
	recorded, err := st.Failures(t.Context(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(recorded) != 2 {
		t.Errorf("failures recorded: %+v", recorded)
	}
}

// TestSitemapIndexAndCap: an index's sitemaps (one gzipped) become child
// sources; the per-poll cap leaves the rest pending for the next poll,
// newest first; a sitemap the index drops is removed.
func TestSitemapIndexAndCap(t *testing.T) {
	st := sqliteStore(t)
	s := newSite(t)
	s.publish(bridge, powerCuts, izmail, denial, kursk)
	s.set("/sitemap-may.xml.gz", "application/x-gzip", gzipped(newsSitemap(s.URL, "Kyiv Courier", izmail, bridge, powerCuts)))
	s.set("/sitemap-april.xml", "application/xml", newsSitemap(s.URL, "Kyiv Courier", denial, kursk))
	index := func(children ...string) string {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, c := range children {
			b.WriteString("<sitemap><loc>" + s.URL + c + "</loc></sitemap>")
		}
		b.WriteString("</sitemapindex>")
		return b.String()
	}
	s.set("/sitemap_index.xml", "application/xml", index("/sitemap-may.xml.gz", "/sitemap-april.xml"))
	h := newHarness(t, st, Options{MaxItemsPerPoll: 2})
	stats := h.once(t, s.URL+"/sitemap_index.xml")
	// Index + two sitemaps polled; two articles per sitemap this pass.
	if stats.Polls != 3 || stats.NewItems != 4 {
		t.Fatalf("first pass: %+v", stats)
	}
	kids, err := st.WatchChildren(t.Context(), s.URL+"/sitemap_index.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(kids) != 2 || kids[0].Kind != store.WatchSitemap {
		t.Fatalf("children: %+v", kids)
	}
	arts := h.articles(t)
	if _, ok := arts[s.URL+powerCuts.Path]; ok {
		t.Errorf("the oldest item of a capped sitemap was taken before newer ones")
	}
	due, err := st.DueWatchItems(t.Context(), s.URL+"/sitemap-may.xml.gz", time.Now(), 10)
	if err != nil || len(due) != 1 || due[0].Key != s.URL+powerCuts.Path {
		t.Fatalf("pending: %+v %v", due, err)
	}
	// The next pass brings the pending item, though the sitemap is a 304.
	stats = h.once(t, s.URL+"/sitemap_index.xml")
	if stats.NewItems != 1 || len(h.articles(t)) != 5 || s.notModified("/sitemap-may.xml.gz") != 1 {
		t.Errorf("second pass: %+v, %d articles", stats, len(h.articles(t)))
	}
	// The index drops April: that child goes, with its items.
	s.set("/sitemap_index.xml", "application/xml", index("/sitemap-may.xml.gz"))
	h.once(t, s.URL+"/sitemap_index.xml")
	kids, err = st.WatchChildren(t.Context(), s.URL+"/sitemap_index.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(kids) != 1 || !strings.HasSuffix(kids[0].URL, "/sitemap-may.xml.gz") {
		t.Errorf("children after the index dropped one: %+v", kids)
	}
	if len(h.articles(t)) != 5 {
		t.Errorf("articles were lost with the child source")
	}
}

// TestPerHostLimits: with PerHost 2 no more than two requests reach one
// host at once, and starts are at least HostSpacing apart.
func TestPerHostLimits(t *testing.T) {
	st := sqliteStore(t)
	s := newSite(t)
	var mu sync.Mutex
	inFlight, most := 0, 0
	var starts []time.Time
	items := []item{bridge, powerCuts, izmail, denial, kursk}
	for _, it := range items {
		s.handle(it.Path, func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			inFlight++
			most = max(most, inFlight)
			starts = append(starts, time.Now())
			mu.Unlock()
			time.Sleep(150 * time.Millisecond)
			w.Write([]byte(it.html()))
			mu.Lock()
			inFlight--
			mu.Unlock()
		})
	}
	s.set("/rss.xml", "application/rss+xml", rssFeed(s.URL, "Kyiv Courier", items...))
	const spacing = 40 * time.Millisecond
	h := newHarness(t, st, Options{PerHost: 2, HostSpacing: spacing})
	if stats := h.once(t, s.URL+"/rss.xml"); stats.NewItems != 5 {
		t.Fatalf("stats %+v", stats)
	}
	mu.Lock()
	defer mu.Unlock()
	if most > 2 {
		t.Errorf("%d requests in flight to one host, limit 2", most)
	}
	if most < 2 {
		t.Errorf("never two requests in flight: the test proved nothing")
	}
	// Arrival times at the server jitter with connection set-up and
	// scheduling, so only the whole span is checked here; the exact
	// spacing is checked on a fake clock by TestHostSpacing.
	if span, want := starts[len(starts)-1].Sub(starts[0]), time.Duration(len(starts)-1)*spacing; span < want*3/4 {
		t.Errorf("%d requests started within %s, spacing %s wants at least %s", len(starts), span, spacing, want)
	}
}

// TestHostSpacing: on a clock the test controls, the grants of one host's
// slots are exactly the spacing apart (or the Crawl-delay, when larger),
// and other hosts are not held back by it.
func TestHostSpacing(t *testing.T) {
	clk := &fakeClock{now: time.Date(2025, 4, 26, 12, 0, 0, 0, time.UTC)}
	h := newHostLimits(clk, 1, 40*time.Millisecond)
	h.setDelay("slow.example", 2*time.Second)
	grant := func(host string) time.Time {
		done := make(chan time.Time, 1)
		go func() {
			release, err := h.acquire(t.Context(), host, time.Hour)
			if err != nil {
				t.Error(err)
				done <- time.Time{}
				return
			}
			at := clk.Now()
			release()
			done <- at
		}()
		for {
			select {
			case at := <-done:
				return at
			case <-time.After(time.Millisecond):
				if clk.sleepers() > 0 {
					clk.Advance(5 * time.Millisecond)
				}
			}
		}
	}
	for _, c := range []struct {
		host string
		gap  time.Duration
	}{{"fast.example", 40 * time.Millisecond}, {"slow.example", 2 * time.Second}} {
		var prev time.Time
		for i := range 4 {
			at := grant(c.host)
			if i > 0 {
				if gap := at.Sub(prev); gap < c.gap || gap > c.gap+5*time.Millisecond {
					t.Errorf("%s: grants %d and %d %s apart, want %s", c.host, i-1, i, gap, c.gap)
				}
			}
			prev = at
		}
	}
	before := clk.Now()
	if at := grant("other.example"); !at.Equal(before) {
		t.Errorf("a new host waited %s behind another host's spacing", at.Sub(before))
	}
}

// TestScheduleOnFakeClock drives the watcher on a clock the test moves: a
// 429 asking for an hour keeps the source quiet for exactly that hour, and
// the stored schedule reads the injected clock.
func TestScheduleOnFakeClock(t *testing.T) {
	st := sqliteStore(t)
	s := newSite(t)
	s.publish(bridge)
	var mu sync.Mutex
	calls := 0
	s.handle("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		n := calls
		mu.Unlock()
		if n == 1 {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Write([]byte(rssFeed(s.URL, "Kyiv Courier", bridge)))
	})
	c := newFakeClock()
	start := c.Now()
	h := newHarness(t, st, Options{Clock: c, Interval: 10 * time.Minute})
	feed := s.URL + "/rss.xml"
	h.once(t, feed)
	src := h.source(t, feed)
	if !src.NextPoll.Equal(start.Add(time.Hour)) || !src.LastPoll.Equal(start) || src.LastStatus != 429 {
		t.Fatalf("after the 429: %+v", src)
	}
	c.Advance(59 * time.Minute)
	if stats := h.once(t, feed); stats.Polls != 0 {
		t.Errorf("polled %d times during the Retry-After hour", stats.Polls)
	}
	c.Advance(2 * time.Minute)
	if stats := h.once(t, feed); stats.Polls != 1 || stats.NewItems != 1 {
		t.Errorf("after the hour: %+v", stats)
	}
	src = h.source(t, feed)
	if want := start.Add(61 * time.Minute); !src.LastPoll.Equal(want) || !src.NextPoll.Equal(want.Add(10*time.Minute)) || src.Failing != 0 {
		t.Errorf("after the hour: %+v", src)
	}
}

// TestLedgerAfterOverlap: an Ingest that stores an article while a ledger
// update is running (after it read the queue) reaches the ledger at the
// next update.
func TestLedgerAfterOverlap(t *testing.T) {
	st := sqliteStore(t)
	z, err := analyzerOnce()
	if err != nil {
		t.Fatal(err)
	}
	inBuild, proceed := make(chan struct{}), make(chan struct{})
	var once sync.Once
	// The ledger update is held after its first step.
	l, err := ledger.New(st, ledger.Options{Chunk: 1, Progress: func(int) { once.Do(func() { close(inBuild); <-proceed }) }})
	if err != nil {
		t.Fatal(err)
	}
	ing := &WorkerIngester{Store: st, Analyzer: z, Ledger: l, Options: worker.Options{Workers: 1, LogEvery: -1}}
	doc := func(it item) func(yield func(source.Item, error) bool) {
		return func(yield func(source.Item, error) bool) {
			yield(source.Item{Key: "https://kyiv.example" + it.Path, Doc: crosscheck.Document{
				URL: "https://kyiv.example" + it.Path, ContentType: "text/html", Body: []byte(it.html()), Site: "Kyiv Courier", Published: it.Published}}, nil)
		}
	}
	if c, err := ing.Ingest(t.Context(), doc(bridge)); err != nil || c.Created != 1 {
		t.Fatalf("ingest: %+v %v", c, err)
	}
	done := make(chan error, 1)
	go func() { done <- ing.UpdateLedger(t.Context()) }()
	<-inBuild
	if c, err := ing.Ingest(t.Context(), doc(izmail)); err != nil || c.Created != 1 {
		t.Fatalf("ingest during the build: %+v %v", c, err)
	}
	close(proceed)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := ing.UpdateLedger(t.Context()); err != nil {
		t.Fatal(err)
	}
	h := &harness{st: st}
	arts := h.articles(t)
	for _, it := range []item{bridge, izmail} {
		if len(claimOf(t, st, arts, "https://kyiv.example"+it.Path)) == 0 {
			t.Errorf("%s is not in the ledger", it.Path)
		}
	}
}

// TestHostLimitsForget: the state of a host met once is forgotten when it
// is idle, so the map does not grow with the hosts articles come from; a
// host with a request in flight, a pause or a Crawl-delay is kept.
func TestHostLimitsForget(t *testing.T) {
	c := newFakeClock()
	h := newHostLimits(c, 2, time.Second)
	ctx := t.Context()
	held, err := h.acquire(ctx, "busy.example", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	h.pause("paused.example", c.Now().Add(24*time.Hour))
	h.setDelay("slow.example", 10*time.Second)
	const hosts = 5000
	for i := range hosts {
		rel, err := h.acquire(ctx, fmt.Sprintf("site%d.example", i), time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		rel()
		c.Advance(2 * time.Second) // its turn passes: idle
	}
	if n := h.len(); n > 2*minHostSweep {
		t.Errorf("%d hosts kept after %d met once, want at most %d", n, hosts, 2*minHostSweep)
	}
	h.mu.Lock()
	busy, paused, slow := h.hosts["busy.example"], h.hosts["paused.example"], h.hosts["slow.example"]
	h.mu.Unlock()
	if busy == nil || paused == nil || slow == nil || slow.delay != 10*time.Second {
		t.Errorf("forgot a host in use (%v), paused (%v) or with a Crawl-delay (%v)", busy != nil, paused != nil, slow != nil)
	}
	if until := h.pausedUntil("paused.example"); until.IsZero() {
		t.Error("the pause was lost")
	}
	held()
}

// TestRobotsCacheForget: expired robots.txt entries are dropped as new
// origins come, so the cache holds the origins of about one TTL, not all
// ever met; a fresh entry is still answered from the cache.
func TestRobotsCacheForget(t *testing.T) {
	c := newFakeClock()
	fetches := 0
	r := &robotsCache{agent: "crosscheck", clock: c, entries: map[string]*robotsEntry{},
		fetch: func(context.Context, string, string) (int, []byte, string, error) {
			fetches++
			return http.StatusOK, []byte("User-agent: *\nDisallow: /private/\n"), "", nil
		}}
	const origins = 4000
	for i := range origins {
		ok, err := r.allowed(t.Context(), fmt.Sprintf("https://site%d.example/news/%d", i, i))
		if err != nil || !ok {
			t.Fatalf("origin %d: %v %v", i, ok, err)
		}
		c.Advance(robotsTTL / 200) // about 200 origins within one TTL
	}
	r.mu.Lock()
	n := len(r.entries)
	r.mu.Unlock()
	if n > 2*minRobotsSweep {
		t.Errorf("%d robots.txt entries kept after %d origins, want at most %d", n, origins, 2*minRobotsSweep)
	}
	before := fetches
	if ok, _ := r.allowed(t.Context(), fmt.Sprintf("https://site%d.example/private/x", origins-1)); ok || fetches != before {
		t.Errorf("the newest origin: allowed %v, %d more fetches (want its cached rules)", ok, fetches-before)
	}
}
