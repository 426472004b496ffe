package watch

import (
	"context"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/fetch"
	"github.com/crosscheck/crosscheck/internal/store"
)

// Invented news items (sentences written for these tests).
var (
	izmail = item{Path: "/news/izmail-terminal", Title: "Drones hit grain terminal in Izmail", Published: "2025-05-12T08:00:00Z", Paragraphs: []string{
		"Ukraine's Southern Defence Forces said Russian drones struck a grain terminal in the port of Izmail on Sunday night.",
		"Firefighters worked through the night to contain the blaze, and no casualties were reported by morning.",
	}}
	bridge = item{Path: "/news/bridge-reopens", Title: "Zaporizhzhia bridge to reopen", Published: "2025-05-11T10:30:00Z", Paragraphs: []string{
		"The mayor of Zaporizhzhia, Ivan Fedorov, said the city's main bridge would reopen to traffic in June.",
		"Repair crews have replaced two damaged spans since the winter.",
	}}
	powerCuts = item{Path: "/news/power-cuts", Title: "Power cuts continue in Kharkiv region", Published: "2025-05-10T06:15:00Z", Paragraphs: []string{
		"Ukrenergo said emergency power cuts would continue in the Kharkiv region on Tuesday.",
		"Hospitals and water pumping stations are running on generators.",
	}}
	denial = item{Path: "/world/izmail-denial", Title: "Ministry rejects Izmail report", Published: "2025-05-12T12:00:00Z", Paragraphs: []string{
		"The Russian Defence Ministry denied that Russian drones struck a grain terminal in the port of Izmail.",
		"A spokesman called the report a provocation staged for Western audiences.",
	}}
	kursk = item{Path: "/world/kursk-drones", Title: "Drones downed over Kursk region", Published: "2025-05-11T21:40:00Z", Paragraphs: []string{
		"Governor Alexander Khinshtein said air defences shot down six drones over the Kursk region overnight.",
		"Debris damaged the roof of a school in a village near the border.",
	}}
)

// TestConditionalGET: the second poll of an unchanged feed is a 304 and
// nothing is fetched or analyzed again; a changed feed brings only its new
// item. Validators are ETag, then Last-Modified alone.
func TestConditionalGET(t *testing.T) {
	for _, sto := range stores {
		for _, validator := range []string{"etag", "last-modified"} {
			t.Run(sto.name+"/"+validator, func(t *testing.T) {
				st := sto.open(t)
				s := newSite(t)
				s.noETag = validator == "last-modified"
				s.publish(bridge, powerCuts)
				s.set("/rss.xml", "application/rss+xml", rssFeed(s.URL, "Kyiv Courier", bridge, powerCuts))
				h := newHarness(t, st, Options{})
				feed := s.URL + "/rss.xml"

				stats := h.once(t, feed)
				if stats.Polls != 1 || stats.NewItems != 2 || h.z.n.Load() != 2 {
					t.Fatalf("first poll: %+v, %d analyses", stats, h.z.n.Load())
				}
				src := h.source(t, feed)
				if src.Kind != store.WatchFeed || src.LastModified == "" || (validator == "etag") != (src.ETag != "") {
					t.Errorf("validators not kept: %+v", src)
				}

				stats = h.once(t, feed)
				if stats.Polls != 1 || stats.NotModified != 1 || stats.NewItems != 0 {
					t.Errorf("second poll: %+v", stats)
				}
				if n := s.notModified("/rss.xml"); n != 1 {
					t.Errorf("server answered 304 %d times, want 1", n)
				}
				if got := h.z.n.Load(); got != 2 {
					t.Errorf("%d analyses after the 304, want still 2", got)
				}
				if n := s.count(bridge.Path) + s.count(powerCuts.Path); n != 2 {
					t.Errorf("articles fetched %d times, want 2", n)
				}

				// One new item: only it is fetched and analyzed.
				s.publish(izmail)
				s.set("/rss.xml", "application/rss+xml", rssFeed(s.URL, "Kyiv Courier", izmail, bridge, powerCuts))
				stats = h.once(t, feed)
				if stats.NewItems != 1 || h.z.n.Load() != 3 || s.count(bridge.Path) != 1 || s.count(izmail.Path) != 1 {
					t.Errorf("after a new item: %+v, %d analyses, bridge fetched %d times", stats, h.z.n.Load(), s.count(bridge.Path))
				}
				arts := h.articles(t)
				if len(arts) != 3 || arts[s.URL+izmail.Path].Site != "Kyiv Courier" {
					t.Errorf("articles: %+v", arts)
				}
				src = h.source(t, feed)
				if src.Polls != 3 || src.NotModified != 1 || src.NewItems != 3 || src.Failing != 0 || src.LastNewItem.IsZero() {
					t.Errorf("source state: %+v", src)
				}
				if h.obs.polls[hostOf(feed)+"/not_modified"] != 1 || h.obs.newItems[hostOf(feed)] != 3 {
					t.Errorf("metrics: %v %v", h.obs.polls, h.obs.newItems)
				}
			})
		}
	}
}

// claimOf returns the claims the article at u appears in.
func claimOf(t *testing.T, st fullStore, arts map[string]store.ArticleSummary, u string) []crosscheck.Claim {
	t.Helper()
	a, ok := arts[u]
	if !ok {
		return nil
	}
	cs, _, err := st.Claims(t.Context(), store.ClaimFilter{Article: a.ID})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// TestLedgerWithinInterval runs the watcher continuously over a feed and a
// news sitemap of two outlets: an item published on one shows in the
// ledger within one poll interval (plus analysis time), and a denial
// published by the other side turns the claim disputed as fast.
func TestLedgerWithinInterval(t *testing.T) {
	for _, sto := range stores {
		t.Run(sto.name, func(t *testing.T) {
			st := sto.open(t)
			kyiv, moscow := newSite(t), newSite(t)
			kyiv.publish(bridge, izmail)
			kyiv.set("/rss.xml", "application/rss+xml", rssFeed(kyiv.URL, "Kyiv Courier", bridge))
			moscow.publish(kursk, denial)
			moscow.set("/news-sitemap.xml", "application/xml", newsSitemap(moscow.URL, "Moscow Bulletin", kursk))
			const interval = 500 * time.Millisecond
			h := newHarness(t, st, Options{Interval: interval})
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan error, 1)
			go func() {
				_, err := h.watcher(t).Run(ctx, []Source{{URL: kyiv.URL + "/rss.xml"}, {URL: moscow.URL + "/news-sitemap.xml"}})
				done <- err
			}()
			defer func() {
				cancel()
				if err := <-done; err != nil {
					t.Errorf("Run: %v", err)
				}
			}()
			// Generous bounds: the machine may be loaded; the figure is logged.
			const slack = 15 * time.Second
			waitFor(t, slack, "first items in the ledger", func() bool {
				arts := h.articles(t)
				return len(claimOf(t, st, arts, kyiv.URL+bridge.Path)) > 0 && len(claimOf(t, st, arts, moscow.URL+kursk.Path)) > 0
			})

			kyiv.set("/rss.xml", "application/rss+xml", rssFeed(kyiv.URL, "Kyiv Courier", izmail, bridge))
			took := waitFor(t, interval+slack, "new item in the ledger", func() bool {
				return len(claimOf(t, st, h.articles(t), kyiv.URL+izmail.Path)) > 0
			})
			t.Logf("new item in the ledger %s after it was published (interval %s)", took.Round(time.Millisecond), interval)

			moscow.set("/news-sitemap.xml", "application/xml", newsSitemap(moscow.URL, "Moscow Bulletin", denial, kursk))
			took = waitFor(t, interval+slack, "claim disputed", func() bool {
				cs := claimOf(t, st, h.articles(t), kyiv.URL+izmail.Path)
				return len(cs) > 0 && slices.Contains(cs[0].Status, crosscheck.StatusDisputed)
			})
			t.Logf("status change on the board %s after the denial was published", took.Round(time.Millisecond))
			if n := kyiv.count(bridge.Path); n != 1 {
				t.Errorf("an old article was fetched %d times", n)
			}
			if n := kyiv.notModified("/rss.xml"); n == 0 {
				t.Errorf("no conditional GET answered 304 in %d polls", kyiv.count("/rss.xml"))
			}
		})
	}
}

// TestRetryAfter: a 429 with Retry-After silences the source (and its
// host) for that long, is recorded as a failure, and the next poll after
// it succeeds.
func TestRetryAfter(t *testing.T) {
	st := sqliteStore(t)
	s := newSite(t)
	s.publish(bridge)
	var mu sync.Mutex
	var times []time.Time
	s.handle("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		n := len(times)
		mu.Unlock()
		if n == 1 {
			w.Header().Set("Retry-After", "2")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(rssFeed(s.URL, "Kyiv Courier", bridge)))
	})
	h := newHarness(t, st, Options{Interval: 100 * time.Millisecond})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, err := h.watcher(t).Run(ctx, []Source{{URL: s.URL + "/rss.xml"}}); err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	waitFor(t, 20*time.Second, "the item after the 429", func() bool { return len(h.articles(t)) == 1 })
	cancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	if len(times) < 2 {
		t.Fatalf("%d requests", len(times))
	}
	if gap := times[1].Sub(times[0]); gap < 2*time.Second {
		t.Errorf("polled again %s after a 429 with Retry-After: 2", gap)
	}
	src := h.source(t, s.URL+"/rss.xml")
	if src.Failures != 1 || src.Failing != 0 || src.LastError != "" || src.NewItems != 1 {
		t.Errorf("source state: %+v", src)
	}
	if h.obs.failure(hostOf(s.URL), "throttled") != 1 {
		t.Errorf("throttle not counted: %v", h.obs.failures)
	}
}

// TestFailuresRecorded: a malformed feed, a timeout, a body over the cap
// and a redirect to a private address (with the guard on) each give a
// recorded failure, and the good sources go on.
func TestFailuresRecorded(t *testing.T) {
	for _, sto := range stores {
		t.Run(sto.name, func(t *testing.T) {
			st := sto.open(t)
			good := newSite(t)
			good.publish(bridge, kursk)
			good.set("/rss.xml", "application/rss+xml", rssFeed(good.URL, "Kyiv Courier", bridge))
			good.set("/sitemap.xml", "application/xml", newsSitemap(good.URL, "Moscow Bulletin", kursk))

			bad := newSite(t)
			bad.set("/malformed.xml", "application/rss+xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<item><title>no end`)
			bad.handle("/slow.xml", func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-time.After(5 * time.Second):
				case <-r.Context().Done():
				}
			})
			bad.handle("/huge.xml", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/rss+xml")
				chunk := []byte(strings.Repeat("<!-- padding padding padding -->\n", 1024))
				for sent := 0; sent <= 11<<20; sent += len(chunk) {
					if _, err := w.Write(chunk); err != nil {
						return
					}
				}
			})
			// 127.0.0.2 is loopback, so even a broken guard would not
			// leave the machine; the guard must refuse it all the same.
			private := httptestOn(t, "127.0.0.2:0", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				t.Errorf("the guard let a request through to %s", r.Host)
			}))
			bad.handle("/moved.xml", func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, private+"/internal-feed.xml", http.StatusMovedPermanently)
			})

			f := fetch.New(fetch.Options{
				AllowAddrs: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}, // the guard stays on for the rest
				Timeout:    time.Second, MaxBytes: 10 << 20,
			})
			h := newHarness(t, st, Options{Fetcher: f})
			srcs := []string{bad.URL + "/malformed.xml", bad.URL + "/slow.xml", good.URL + "/rss.xml", bad.URL + "/huge.xml",
				bad.URL + "/moved.xml", good.URL + "/sitemap.xml"}
			stats := h.once(t, srcs...)
			if stats.Polls != 6 || stats.Failed != 4 || stats.NewItems != 2 {
				t.Errorf("stats: %+v", stats)
			}
			if arts := h.articles(t); len(arts) != 2 {
				t.Errorf("good sources gave %d articles, want 2", len(arts))
			}
			host := hostOf(bad.URL)
			if n := h.obs.polls[host+"/error"]; n != 4 {
				t.Errorf("%d failed polls counted for %s, want 4: %v", n, host, h.obs.polls)
			}
			for _, c := range []struct{ path, kind, msg string }{
				{"/malformed.xml", "malformed", "not a readable RSS"},
				{"/slow.xml", "timeout", "timed out"},
				{"/huge.xml", "too_large", "over the 10485760-byte limit"},
				{"/moved.xml", "forbidden", "non-public address 127.0.0.2"},
			} {
				src := h.source(t, bad.URL+c.path)
				if src.Failing != 1 || src.Failures != 1 || !strings.Contains(src.LastError, c.msg) || src.NextPoll.IsZero() {
					t.Errorf("%s: state %+v, want an error with %q", c.path, src, c.msg)
				}
				if h.obs.failure(host, c.kind) != 1 {
					t.Errorf("%s: failure kind %s not counted: %v", c.path, c.kind, h.obs.failures)
				}
			}
			// Failing again backs off (doubling), never drops the source.
			for range 2 {
				for _, p := range []string{"/malformed.xml", "/moved.xml"} {
					src := h.source(t, bad.URL+p)
					src.NextPoll = time.Now().Add(-time.Second)
					if err := st.SaveWatchSource(t.Context(), src); err != nil {
						t.Fatal(err)
					}
				}
				h.once(t, srcs...)
			}
			src := h.source(t, bad.URL+"/malformed.xml")
			if wait := src.NextPoll.Sub(src.LastPoll); src.Failing != 3 || wait < 4*h.opt.Interval-time.Second {
				t.Errorf("after 3 failures: failing %d, next poll in %s (interval %s)", src.Failing, wait, h.opt.Interval)
			}
		})
	}
}

// httptestOn starts a server on addr and returns its URL, or skips.
func httptestOn(t *testing.T, addr string, h http.Handler) string {
	t.Helper()
	srv := &http.Server{Handler: h}
	ln, err := listen(addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}
