package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/source"
	"github.com/crosscheck/crosscheck/internal/store"
)

// Accept headers: listings first ask for the feed and sitemap types.
const (
	acceptListing = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/plain;q=0.8, */*;q=0.5"
	acceptArticle = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5"
)

// pollResult is what one poll did, for the scheduler.
type pollResult struct {
	state    store.WatchSource
	children []child // the sitemaps an index listed, when it was read
	// polled is false when the poll did not happen (host paused).
	polled, notModified, failed bool
	// interrupted: ctx ended or the store failed before the poll was
	// settled; nothing of it is saved, so a restart redoes it.
	interrupted bool
	newItems    int
	itemsFailed int
}

// poll fetches one listing (conditionally), takes its new entries, and
// fetches and ingests the items due in that source.
func (w *Watcher) poll(ctx context.Context, src store.WatchSource, iv time.Duration) pollResult {
	r := pollResult{state: src}
	st := &r.state
	log := w.log.With("source", src.URL)
	start := w.clock.Now()
	header := http.Header{"Accept": {acceptListing}}
	if src.ETag != "" {
		header.Set("If-None-Match", src.ETag)
	}
	if src.LastModified != "" {
		header.Set("If-Modified-Since", src.LastModified)
	}
	resp, err := w.get(ctx, src.Host, src.URL, header, 0)
	if ctx.Err() != nil {
		r.interrupted = true
		return r
	}
	var paused *pausedError
	if errors.As(err, &paused) {
		st.NextPoll = paused.until // the host asked for quiet; not a poll
		return r
	}
	r.polled = true
	st.LastPoll = start
	st.Polls++

	var etag, lastModified string // validators to keep once the poll is settled
	readItems := true
	switch {
	case err != nil:
		w.failPoll(&r, iv, start, failureKind(err), 0, err.Error(), "")
		return r // the listing's host is unreachable or refused: so are its items, mostly
	case resp.StatusCode == http.StatusNotModified:
		r.notModified = true
		st.NotModified++
		st.LastStatus = resp.StatusCode
		etag, lastModified = st.ETag, st.LastModified
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		ra := resp.Header.Get("Retry-After")
		msg := "HTTP " + resp.Status
		if ra != "" {
			msg += " (Retry-After: " + ra + ")"
		}
		w.failPoll(&r, iv, start, "throttled", resp.StatusCode, msg, ra)
		return r
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		w.failPoll(&r, iv, start, "http", resp.StatusCode, "HTTP "+resp.Status, "")
	default:
		st.LastStatus = resp.StatusCode
		l, err := parseListing(resp.URL, resp.Body, w.limits)
		if err != nil {
			kind := "malformed"
			if crosscheck.ErrorCode(err) == crosscheck.ETOOLARGE {
				kind = "too_large"
			}
			// The old validators stay: a 304 to them means the last good
			// listing, and a fixed listing comes back in full.
			w.failPoll(&r, iv, start, kind, resp.StatusCode, err.Error(), "")
			break
		}
		st.Kind = l.Kind
		if l.Repaired {
			log.Info("watch: listing had invalid UTF-8, replaced before parsing")
		}
		if l.Dropped > 0 {
			log.Debug("watch: entries left out", "dropped", l.Dropped)
		}
		if l.Kind == store.WatchSitemapIndex {
			r.children = l.Children
			if r.children == nil {
				r.children = []child{}
			}
			readItems = false
		} else if !w.takeEntries(ctx, &r, iv, resp.Fetched, l.Entries) {
			return r
		}
		etag, lastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	}
	if readItems && !w.fetchDue(ctx, &r, iv) {
		return r
	}
	end := w.clock.Now()
	if !r.failed {
		st.ETag, st.LastModified = etag, lastModified
		st.LastSuccess, st.LastError, st.Failing = start, "", 0
		// From the poll's start, to keep the cadence; never in the past.
		st.NextPoll = start.Add(iv)
		if st.NextPoll.Before(end) {
			st.NextPoll = end
		}
	}
	if r.newItems > 0 {
		st.LastNewItem = end
		w.opt.Observer.WatchNewItems(st.Host, r.newItems)
		w.requestLedger()
	}
	result := "unchanged"
	switch {
	case r.failed:
		result = "error" // counted by failPoll
	case r.newItems > 0:
		result = "new"
	case r.notModified:
		result = "not_modified"
	}
	if !r.failed {
		w.opt.Observer.WatchPolled(st.Host, result)
	}
	log.Debug("watch: polled", "result", result, "status", st.LastStatus, "new_items", r.newItems, "items_failed", r.itemsFailed)
	return r
}

// failPoll records a failed poll: the error, and the next poll backed off
// (or as Retry-After asks, for a 429 or 503). A failing source is never
// dropped.
func (w *Watcher) failPoll(r *pollResult, iv time.Duration, now time.Time, kind string, status int, msg, retryAfterHeader string) {
	st := &r.state
	r.failed = true
	st.Failing++
	st.Failures++
	st.LastStatus = status
	st.LastError = msg
	wait := backoff(iv, w.opt.MaxBackoff, st.Failing)
	if kind == "throttled" {
		wait = throttleWait(retryAfterHeader, now, iv, w.opt.MaxBackoff, st.Failing)
		w.opt.Observer.WatchPolled(st.Host, "throttled")
	} else {
		w.opt.Observer.WatchPolled(st.Host, "error")
	}
	st.NextPoll = now.Add(wait)
	w.opt.Observer.WatchFailed(st.Host, kind)
	w.log.Warn("watch: poll failed", "source", st.URL, "kind", kind, "err", msg, "failing", st.Failing,
		"next_poll", st.NextPoll.Format(time.RFC3339))
}

// failureKind names the kind of a request error for metrics.
func failureKind(err error) string {
	var ne net.Error
	switch crosscheck.ErrorCode(err) {
	case crosscheck.EFORBIDDEN:
		return "forbidden"
	case crosscheck.ETOOLARGE:
		return "too_large"
	case crosscheck.EINVALID:
		return "invalid"
	case crosscheck.ENOTFOUND:
		return "http"
	}
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout"
	}
	return "network"
}

// takeEntries compares the listing's entries with the stored items: new
// ones (or new versions) whose content came with the listing are ingested
// now; those to fetch are stored as pending, newest first, for fetchDue.
// It returns false when the poll was interrupted.
func (w *Watcher) takeEntries(ctx context.Context, r *pollResult, iv time.Duration, fetched time.Time, entries []entry) bool {
	if len(entries) == 0 {
		return true
	}
	src := r.state.URL
	keys := make([]string, len(entries))
	for i, e := range entries {
		keys[i] = e.Key
	}
	known, err := w.st.WatchItems(ctx, keys)
	if err != nil {
		return w.storeFailed(r, err)
	}
	mine := map[string]store.WatchItem{}
	doneElsewhere := map[string]string{} // key → version ingested through another source
	for _, it := range known {
		switch {
		case it.Source == src:
			mine[it.Key] = it
		case it.State == store.WatchDone:
			doneElsewhere[it.Key] = it.Version
		}
	}
	now := w.clock.Now()
	var save []store.WatchItem
	var inline []fetchedItem
	for i, e := range entries {
		if m, ok := mine[e.Key]; ok && !newerVersion(m.Version, e.Version) {
			continue
		}
		it := store.WatchItem{
			Source: src, Key: e.Key, URL: e.URL, Version: e.Version, State: store.WatchPending,
			Title: e.Title, Published: e.Published, Site: e.Site, Language: e.Language,
			// Newest first: DueWatchItems takes the earliest NextTry first.
			NextTry: now.Add(-time.Duration(len(entries)-i) * time.Microsecond),
		}
		if v, ok := doneElsewhere[e.Key]; ok && e.Body == "" && !newerVersion(v, e.Version) {
			// Another source already brought this article in.
			it.State, it.NextTry = store.WatchDone, time.Time{}
			save = append(save, it)
			continue
		}
		if e.Body != "" {
			doc := crosscheck.Document{
				URL: e.Link, ContentType: "text/html; charset=utf-8", Body: []byte(e.Body), Fetched: fetched,
				Title: e.Title, Published: e.Published, Site: e.Site, Language: e.Language,
			}
			inline = append(inline, fetchedItem{item: it, doc: doc})
			continue
		}
		save = append(save, it)
	}
	if err := w.st.SaveWatchItems(ctx, save); err != nil {
		return w.storeFailed(r, err)
	}
	for len(inline) > 0 {
		n := min(len(inline), w.opt.Batch)
		if !w.ingestBatch(ctx, r, inline[:n]) {
			return false
		}
		inline = inline[n:]
	}
	return true
}

// fetchedItem is one item ready for Ingest: a document, or a failure to
// record (err), or neither when it is to be retried (retry set).
type fetchedItem struct {
	item  store.WatchItem
	doc   crosscheck.Document
	err   error  // given up: recorded as a failed item
	kind  string // metric kind of err
	retry bool   // transient: item holds the new NextTry and Attempts
}

// fetchDue fetches and ingests the source's items that are due (pending
// from this or earlier polls, or retries), at most MaxItemsPerPoll. It
// returns false when the poll was interrupted.
func (w *Watcher) fetchDue(ctx context.Context, r *pollResult, iv time.Duration) bool {
	due, err := w.st.DueWatchItems(ctx, r.state.URL, w.clock.Now(), w.opt.MaxItemsPerPoll)
	if err != nil {
		return w.storeFailed(r, err)
	}
	for len(due) > 0 {
		n := min(len(due), w.opt.Batch)
		batch := make([]fetchedItem, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { batch[i] = w.fetchItem(ctx, due[i], iv) })
		}
		wg.Wait()
		if ctx.Err() != nil {
			r.interrupted = true
			return false
		}
		if !w.ingestBatch(ctx, r, batch) {
			return false
		}
		due = due[n:]
	}
	return true
}

// fetchItem fetches one article, if robots.txt allows it, and sorts the
// outcome: a document, a permanent failure, or a retry later.
func (w *Watcher) fetchItem(ctx context.Context, it store.WatchItem, iv time.Duration) fetchedItem {
	f := fetchedItem{item: it}
	now := w.clock.Now()
	retry := func(msg string, at time.Time, attempt bool) fetchedItem {
		if attempt {
			f.item.Attempts++
		}
		f.item.Error = msg
		if f.item.Attempts >= w.opt.MaxAttempts {
			f.err = crosscheck.Errorf(crosscheck.EFETCH, "%s (gave up after %d attempts)", msg, f.item.Attempts)
			f.kind = "network"
			return f
		}
		f.retry = true
		f.item.State, f.item.NextTry = store.WatchRetry, at
		return f
	}
	allowed, err := w.robots.allowed(ctx, it.URL)
	if ctx.Err() != nil {
		return f
	}
	if err != nil {
		return retry(err.Error(), now.Add(iv), true)
	}
	if !allowed {
		f.err = crosscheck.Errorf(crosscheck.EFORBIDDEN, "fetch %s: disallowed by robots.txt for %s", it.URL, w.opt.Agent)
		f.kind = "robots"
		return f
	}
	host := hostOf(it.URL)
	resp, err := w.get(ctx, host, it.URL, http.Header{"Accept": {acceptArticle}}, 0)
	if ctx.Err() != nil {
		return f
	}
	var paused *pausedError
	switch {
	case errors.As(err, &paused):
		return retry(err.Error(), paused.until, false)
	case err != nil && crosscheck.ErrorCode(err) == crosscheck.EFETCH:
		return retry(err.Error(), now.Add(backoff(iv, w.opt.MaxBackoff, it.Attempts+1)), true)
	case err != nil:
		f.err, f.kind = err, failureKind(err)
		return f
	}
	code := resp.StatusCode
	switch {
	case code >= 200 && code <= 299:
		f.doc = crosscheck.Document{
			URL: resp.URL, ContentType: resp.Header.Get("Content-Type"), Body: resp.Body, Fetched: resp.Fetched,
			Title: it.Title, Published: it.Published, Site: it.Site, Language: it.Language,
		}
		return f
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		at := now.Add(throttleWait(resp.Header.Get("Retry-After"), now, iv, w.opt.MaxBackoff, it.Attempts+1))
		return retry(fmt.Sprintf("fetch %s: HTTP %s", it.URL, resp.Status), at, true)
	case code == http.StatusRequestTimeout || code >= 500:
		return retry(fmt.Sprintf("fetch %s: HTTP %s", it.URL, resp.Status), now.Add(backoff(iv, w.opt.MaxBackoff, it.Attempts+1)), true)
	case code == http.StatusNotFound || code == http.StatusGone:
		f.err = crosscheck.Errorf(crosscheck.ENOTFOUND, "fetch %s: HTTP %s", it.URL, resp.Status)
	default:
		f.err = crosscheck.Errorf(crosscheck.EFETCH, "fetch %s: HTTP %s", it.URL, resp.Status)
	}
	f.kind = "http"
	return f
}

// ingestBatch hands a batch to the Ingester (documents, and failures to
// record), then marks its items done, failed or due for a retry. It
// returns false when the poll was interrupted.
func (w *Watcher) ingestBatch(ctx context.Context, r *pollResult, batch []fetchedItem) bool {
	items := func(yield func(source.Item, error) bool) {
		for _, f := range batch {
			switch {
			case f.retry:
			case f.err != nil:
				if !yield(source.Item{Key: f.item.Key}, f.err) {
					return
				}
			default:
				if !yield(source.Item{Key: f.item.Key, Doc: f.doc}, nil) {
					return
				}
			}
		}
	}
	w.ingestMu.Lock()
	counts, err := w.ing.Ingest(ctx, items)
	w.ingestMu.Unlock()
	if ctx.Err() != nil {
		// What Ingest stored is stored; the items stay pending, and a
		// restart finds them done (same key and document) without analysis.
		r.interrupted = true
		return false
	}
	if err != nil {
		return w.storeFailed(r, err)
	}
	now := w.clock.Now()
	save := make([]store.WatchItem, len(batch))
	for i, f := range batch {
		it := f.item
		it.Updated = now
		switch {
		case f.retry:
		case f.err != nil:
			it.State, it.Error, it.NextTry = store.WatchFailed, f.err.Error(), time.Time{}
			r.itemsFailed++
			r.state.ItemFailures++
			w.opt.Observer.WatchFailed(r.state.Host, "article_"+f.kind)
			w.log.Warn("watch: item failed", "source", r.state.URL, "item", it.Key, "err", f.err)
		default:
			it.State, it.Error, it.NextTry = store.WatchDone, "", time.Time{}
		}
		save[i] = it
	}
	// The batch is ingested: record it even if ctx ends now.
	if err := w.st.SaveWatchItems(context.WithoutCancel(ctx), save); err != nil {
		return w.storeFailed(r, err)
	}
	r.newItems += counts.New()
	r.state.NewItems += int64(counts.New())
	return true
}

// storeFailed logs a store or ingest error: the poll is abandoned unsaved
// and redone later, as after a crash.
func (w *Watcher) storeFailed(r *pollResult, err error) bool {
	w.log.LogAttrs(context.Background(), slog.LevelError, "watch: store failed; the poll will be redone",
		slog.String("source", r.state.URL), slog.Any("err", err))
	r.interrupted = true
	return false
}
