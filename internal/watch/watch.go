// Package watch follows outlets as they publish: it polls RSS/Atom/JSON
// feeds, sitemaps (news sitemaps and sitemap indexes too) and plain URL
// lists, each on its own schedule, and hands every new item to the ingest
// path, then brings the claim ledger up to date.
//
// It is polite: conditional GET (ETag, If-Modified-Since), a per-host
// concurrency limit and spacing between requests (raised by a robots.txt
// Crawl-delay), 429 and 503 answered with Retry-After honoured for the whole
// host, exponential backoff for a failing source (never dropped), robots.txt
// honoured for article fetches, and every request through internal/fetch
// (private-address guard at dial time, timeouts, size cap, a user agent
// naming the tool).
//
// Its state lives in the store (store.WatchStore): per source the
// validators, the schedule, failures and counters; per item whether it was
// ingested. A watcher killed at any moment and restarted neither loses nor
// doubles an item: items are marked done only after the ingest that stored
// them returned, validators are saved only after every item of the poll
// that got them is settled, and ingest itself is idempotent.
package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/crosscheck/crosscheck/internal/fetch"
	"github.com/crosscheck/crosscheck/internal/store"
)

// Observer receives the watcher's counters, e.g. Prometheus metrics
// (server.Metrics implements it). host is always the watched source's
// host, so the label set stays as small as the list of sources.
type Observer interface {
	// WatchPolled counts one poll of a listing; result is one of
	// "new" (it stored new articles), "unchanged", "not_modified",
	// "throttled" (429/503) or "error".
	WatchPolled(host, result string)
	// WatchNewItems counts articles created or updated from a source.
	WatchNewItems(host string, n int)
	// WatchFailed counts one failure: kind is "timeout", "network",
	// "forbidden", "too_large", "malformed", "http", "throttled" or
	// "invalid" for a listing, and the same prefixed with "article_" (plus
	// "article_robots") for an item given up or refused.
	WatchFailed(host, kind string)
}

type nopObserver struct{}

func (nopObserver) WatchPolled(string, string) {}
func (nopObserver) WatchNewItems(string, int)  {}
func (nopObserver) WatchFailed(string, string) {}

// Options configure a Watcher. Zero fields take the defaults noted.
type Options struct {
	// Fetcher makes every request; it carries the private-address guard,
	// the timeout, the size cap and the user agent. Required.
	Fetcher *fetch.Fetcher
	// Agent is the product token matched against robots.txt user-agent
	// lines. Defaults to "crosscheck".
	Agent string
	// Interval between polls of a source (a source's own Interval wins).
	// Defaults to 15 minutes.
	Interval time.Duration
	// MaxBackoff caps the wait after repeated failures. Defaults to 6 hours
	// (or the interval, if longer).
	MaxBackoff time.Duration
	// PerHost is the number of requests in flight to one host. Defaults
	// to 2.
	PerHost int
	// HostSpacing is the least time between the starts of two requests to
	// one host. Defaults to 1 second; negative means none (tests).
	HostSpacing time.Duration
	// Polls is the number of sources polled at once. Defaults to 8.
	Polls int
	// MaxItemsPerPoll caps the articles fetched in one poll of a source;
	// the rest wait, in the store, for the next polls. Defaults to 100.
	MaxItemsPerPoll int
	// MaxAttempts is how many times a transient failure (network, 5xx,
	// 429) of an article fetch is retried before the item is recorded as
	// failed. Defaults to 5.
	MaxAttempts int
	// Batch is the number of items per Ingest call: items are marked done
	// after each, so a kill loses at most one batch of work (never items).
	// Defaults to 16.
	Batch int
	// MaxEntries caps the entries kept from one listing (newest first).
	// Defaults to 5,000.
	MaxEntries int
	// MaxChildren caps the sitemaps followed from one sitemap index (the
	// most recently modified). Defaults to 50.
	MaxChildren int
	// Once makes Run poll every source once (and the sitemaps an index
	// lists), update the ledger and return, instead of running until ctx
	// ends. Sources backing off after failures or a Retry-After are
	// skipped until they are due.
	Once bool
	// Clock defaults to SystemClock.
	Clock Clock
	// Logger defaults to discarding.
	Logger *slog.Logger
	// Observer defaults to none.
	Observer Observer
}

func (o Options) withDefaults() Options {
	if o.Agent == "" {
		o.Agent = "crosscheck"
	}
	if o.Interval <= 0 {
		o.Interval = 15 * time.Minute
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 6 * time.Hour
	}
	o.MaxBackoff = max(o.MaxBackoff, o.Interval)
	if o.PerHost <= 0 {
		o.PerHost = 2
	}
	if o.HostSpacing == 0 {
		o.HostSpacing = time.Second
	}
	o.HostSpacing = max(o.HostSpacing, 0)
	if o.Polls <= 0 {
		o.Polls = 8
	}
	if o.MaxItemsPerPoll <= 0 {
		o.MaxItemsPerPoll = 100
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 5
	}
	if o.Batch <= 0 {
		o.Batch = 16
	}
	if o.MaxEntries <= 0 {
		o.MaxEntries = 5000
	}
	if o.MaxChildren <= 0 {
		o.MaxChildren = 50
	}
	if o.Clock == nil {
		o.Clock = SystemClock{}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Observer == nil {
		o.Observer = nopObserver{}
	}
	return o
}

// Watcher polls sources and ingests their new items.
type Watcher struct {
	st     store.WatchStore
	ing    Ingester
	opt    Options
	log    *slog.Logger
	clock  Clock
	hosts  *hostLimits
	robots *robotsCache
	limits listingLimits

	// ingestMu makes Ingest calls one at a time (see Ingester).
	ingestMu sync.Mutex
	// ledgerDue holds one pending ledger update; more requests while one
	// is pending or running coalesce into it.
	ledgerDue chan struct{}
}

// New returns a Watcher over st that hands items to ing.
func New(st store.WatchStore, ing Ingester, opt Options) (*Watcher, error) {
	if opt.Fetcher == nil {
		return nil, errors.New("watch: no fetcher")
	}
	if st == nil || ing == nil {
		return nil, errors.New("watch: no store or ingester")
	}
	opt = opt.withDefaults()
	w := &Watcher{
		st: st, ing: ing, opt: opt, log: opt.Logger, clock: opt.Clock,
		hosts:     newHostLimits(opt.Clock, opt.PerHost, opt.HostSpacing),
		ledgerDue: make(chan struct{}, 1),
		limits: listingLimits{
			MaxEntries: opt.MaxEntries, MaxChildren: opt.MaxChildren,
			MaxUnzipped: 5 * opt.Fetcher.MaxBytes(), MaxLineBytes: 64 << 10,
		},
	}
	w.robots = &robotsCache{
		agent: opt.Agent, clock: opt.Clock, entries: map[string]*robotsEntry{},
		fetch: func(ctx context.Context, host, rawURL string) (int, []byte, string, error) {
			resp, err := w.get(ctx, host, rawURL, nil, time.Minute)
			if err != nil {
				return 0, nil, "", err
			}
			return resp.StatusCode, resp.Body, resp.Header.Get("Retry-After"), nil
		},
		crawlDelay: w.hosts.setDelay,
	}
	return w, nil
}

// get makes one request to host through its limits; when the host is
// paused (Retry-After) for longer than maxWait it fails with a
// *pausedError instead of waiting.
func (w *Watcher) get(ctx context.Context, host, rawURL string, header http.Header, maxWait time.Duration) (fetch.Response, error) {
	release, err := w.hosts.acquire(ctx, host, maxWait)
	if err != nil {
		return fetch.Response{}, err
	}
	defer release()
	resp, err := w.opt.Fetcher.Do(ctx, fetch.Request{URL: rawURL, Header: header})
	if err == nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		// The host asked everyone to slow down, not just this URL.
		now := w.clock.Now()
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), now); ok {
			w.hosts.pause(host, now.Add(d))
		}
	}
	return resp, err
}

// Stats count what one Run did.
type Stats struct {
	Polls       int // listings polled
	NotModified int // of which answered 304
	Failed      int // of which failed
	NewItems    int // articles created or updated
	ItemsFailed int // items recorded as failed
}

func (s *Stats) add(r *pollResult) {
	if !r.polled {
		return
	}
	s.Polls++
	if r.notModified {
		s.NotModified++
	}
	if r.failed {
		s.Failed++
	}
	s.NewItems += r.newItems
	s.ItemsFailed += r.itemsFailed
}

// scheduled is one source in the scheduler.
type scheduled struct {
	state    store.WatchSource
	interval time.Duration
	inFlight bool
	// relisted is set when the parent index listed a newer version while
	// the source was being polled: it is due again when the poll returns.
	relisted *string
}

// Run watches srcs until ctx ends (or, with Options.Once, until what was
// due has been polled once). It returns nil on a clean stop; polls in
// flight are finished or abandoned without saving their partial state.
func (w *Watcher) Run(ctx context.Context, srcs []Source) (Stats, error) {
	var stats Stats
	if len(srcs) == 0 {
		return stats, errors.New("watch: no sources")
	}
	now := w.clock.Now()
	want := make([]store.WatchSource, len(srcs))
	for i, s := range srcs {
		want[i] = store.WatchSource{URL: s.URL, Host: hostOf(s.URL), NextPoll: now, Added: now}
	}
	states, err := w.st.EnsureWatchSources(ctx, want)
	if err != nil {
		return stats, fmt.Errorf("watch: %w", err)
	}
	sched := map[string]*scheduled{}
	for i, st := range states {
		iv := srcs[i].Interval
		if iv <= 0 {
			iv = w.opt.Interval
		}
		// A shorter interval than stored schedules allow takes effect now.
		if st.NextPoll.After(now.Add(iv)) && st.Failing == 0 {
			st.NextPoll = now.Add(iv)
		}
		sched[st.URL] = &scheduled{state: st, interval: iv}
		kids, err := w.st.WatchChildren(ctx, st.URL)
		if err != nil {
			return stats, fmt.Errorf("watch: %w", err)
		}
		for _, k := range kids {
			sched[k.URL] = &scheduled{state: k, interval: iv}
		}
	}
	failing := 0
	for _, s := range sched {
		if s.state.Failing > 0 {
			failing++
		}
	}
	w.log.Info("watch: starting", "sources", len(srcs), "with_sitemaps", len(sched), "failing", failing,
		"interval", w.opt.Interval.String(), "once", w.opt.Once)

	lctx, stopLedger := context.WithCancel(ctx)
	var ledgerWG sync.WaitGroup
	ledgerWG.Go(func() { w.ledgerLoop(lctx) })
	if !w.opt.Once {
		w.requestLedger() // a ledger a crash left stale is rebuilt now
	}

	results := make(chan pollResult)
	inFlight := 0
	polledOnce := map[string]bool{}
	for {
		now = w.clock.Now()
		var wake time.Time
		for url, s := range sched {
			if s.inFlight || (w.opt.Once && polledOnce[url]) {
				continue
			}
			next := s.state.NextPoll
			if w.opt.Once && s.state.Failing == 0 {
				// One pass polls every healthy source now (a cron job
				// runs on its own cadence); failing ones keep their backoff.
				next = now
			}
			if p := w.hosts.pausedUntil(s.state.Host); p.After(next) {
				next = p
			}
			if !next.After(now) && inFlight < w.opt.Polls && ctx.Err() == nil {
				s.inFlight = true
				inFlight++
				polledOnce[url] = true
				go func(st store.WatchSource, iv time.Duration) {
					results <- w.poll(ctx, st, iv)
				}(s.state, s.interval)
				continue
			}
			if w.opt.Once && next.After(now) {
				continue // not due: a later run polls it
			}
			if wake.IsZero() || next.Before(wake) {
				wake = next
			}
		}
		if inFlight == 0 && (ctx.Err() != nil || (w.opt.Once && wake.IsZero())) {
			break
		}
		var timer <-chan time.Time
		if !wake.IsZero() && inFlight < w.opt.Polls {
			timer = w.clock.After(wake.Sub(now))
		}
		select {
		case r := <-results:
			inFlight--
			stats.add(&r)
			if err := w.apply(ctx, sched, r); err != nil {
				w.log.Error("watch: saving state", "source", r.state.URL, "err", err)
			}
		case <-timer:
		case <-ctx.Done():
			if inFlight == 0 {
				break
			}
			// Wait for the polls in flight; they stop early on ctx.
			r := <-results
			inFlight--
			stats.add(&r)
			if err := w.apply(ctx, sched, r); err != nil {
				w.log.Error("watch: saving state", "source", r.state.URL, "err", err)
			}
		}
	}
	if w.opt.Once && ctx.Err() == nil {
		// Bring the ledger up to date before returning.
		w.updateLedger(ctx)
	}
	stopLedger()
	ledgerWG.Wait()
	w.log.Info("watch: stopped", "polls", stats.Polls, "not_modified", stats.NotModified, "failed", stats.Failed,
		"new_items", stats.NewItems, "items_failed", stats.ItemsFailed)
	if err := ctx.Err(); err != nil && !errors.Is(err, context.Canceled) {
		return stats, err
	}
	return stats, nil
}

// apply takes a finished poll into the schedule and the store.
func (w *Watcher) apply(ctx context.Context, sched map[string]*scheduled, r pollResult) error {
	s := sched[r.state.URL]
	if s == nil {
		return nil // removed by its index while in flight
	}
	s.inFlight = false
	if r.interrupted {
		// Not settled: nothing of it is saved, so a restart redoes it. A
		// store failure (not a stop) waits an interval before the retry.
		if ctx.Err() == nil {
			s.state.NextPoll = w.clock.Now().Add(s.interval)
		}
		return nil
	}
	if s.relisted != nil {
		r.state.Listed, r.state.NextPoll = *s.relisted, w.clock.Now()
		s.relisted = nil
	}
	s.state = r.state
	wctx := context.WithoutCancel(ctx) // a finished poll is saved even while stopping
	if err := w.st.SaveWatchSource(wctx, r.state); err != nil {
		return err
	}
	if r.children == nil {
		return nil
	}
	return w.syncChildren(wctx, sched, r.state, s.interval, r.children)
}

// syncChildren makes the sitemaps listed by index the index's child
// sources: new ones are due now, ones listed with a newer lastmod are due
// now, ones no longer listed are removed with their items.
func (w *Watcher) syncChildren(ctx context.Context, sched map[string]*scheduled, index store.WatchSource, iv time.Duration, listed []child) error {
	now := w.clock.Now()
	stored, err := w.st.WatchChildren(ctx, index.URL)
	if err != nil {
		return err
	}
	old := map[string]store.WatchSource{}
	for _, c := range stored {
		old[c.URL] = c
	}
	keep := map[string]bool{}
	for _, c := range listed {
		keep[c.URL] = true
		if s := sched[c.URL]; s != nil && s.state.Parent != index.URL {
			continue // also watched on its own (or by another index): that schedule stands
		}
		cur, known := old[c.URL]
		if known && !newerVersion(cur.Listed, c.Lastmod) {
			continue
		}
		if !known {
			cur = store.WatchSource{URL: c.URL, Parent: index.URL, Host: hostOf(c.URL), Added: now}
		}
		cur.Listed, cur.NextPoll = c.Lastmod, now
		if s := sched[c.URL]; s != nil && s.inFlight {
			v := c.Lastmod
			s.relisted = &v
			continue
		}
		if err := w.st.SaveWatchSource(ctx, cur); err != nil {
			return err
		}
		sched[c.URL] = &scheduled{state: cur, interval: iv}
	}
	var gone []string
	for u := range old {
		if !keep[u] {
			gone = append(gone, u)
			delete(sched, u)
		}
	}
	if len(gone) > 0 {
		w.log.Info("watch: sitemaps no longer listed by their index", "index", index.URL, "removed", len(gone))
	}
	return w.st.RemoveWatchSources(ctx, gone)
}

// requestLedger asks for a ledger update without waiting for it.
func (w *Watcher) requestLedger() {
	select {
	case w.ledgerDue <- struct{}{}:
	default: // one is already pending: it will include this poll's items
	}
}

func (w *Watcher) ledgerLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.ledgerDue:
			w.updateLedger(ctx)
		}
	}
}

func (w *Watcher) updateLedger(ctx context.Context) {
	start := time.Now()
	if err := w.ing.UpdateLedger(ctx); err != nil {
		if ctx.Err() == nil {
			w.log.Error("watch: ledger update failed", "err", err)
		}
		return
	}
	w.log.Debug("watch: ledger up to date", "took", time.Since(start).Round(time.Millisecond).String())
}
