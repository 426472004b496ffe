package store

import (
	"context"
	"time"
)

// WatchStore keeps the state of `crosscheck watch` between runs: per watched
// source its validators (ETag, Last-Modified), schedule, failures and
// counters, and per item found in a source whether it was ingested, so
// that a restarted watcher resumes without refetching what it has.
//
// It is a separate interface from Store so that the ingest store can change
// without touching it; the SQLite and PostgreSQL stores implement both, and
// storetest.RunWatch is its conformance suite. All methods are safe for
// concurrent use; times are stored with second precision or better and
// returned in UTC.
type WatchStore interface {
	// EnsureWatchSources inserts the sources whose URL is not stored yet
	// (with their fields as given) and returns the stored state of every
	// URL in srcs, in the same order. Stored sources keep their state.
	EnsureWatchSources(ctx context.Context, srcs []WatchSource) ([]WatchSource, error)
	// WatchSources lists every stored source, ordered by URL.
	WatchSources(ctx context.Context) ([]WatchSource, error)
	// WatchChildren lists the sources listed by the sitemap index parent,
	// ordered by URL.
	WatchChildren(ctx context.Context, parent string) ([]WatchSource, error)
	// SaveWatchSource writes the whole state of src (inserting it if
	// needed).
	SaveWatchSource(ctx context.Context, src WatchSource) error
	// RemoveWatchSources deletes sources and their items, e.g. the child
	// sitemaps an index no longer lists. Unknown URLs are ignored.
	RemoveWatchSources(ctx context.Context, urls []string) error

	// WatchItems returns the stored items whose Key is in keys, from any
	// source, ordered by source then key.
	WatchItems(ctx context.Context, keys []string) ([]WatchItem, error)
	// SaveWatchItems inserts or replaces items (keyed by Source and Key)
	// in one transaction. Their source must be stored.
	SaveWatchItems(ctx context.Context, items []WatchItem) error
	// DueWatchItems returns up to limit items of source in state
	// WatchPending or WatchRetry whose NextTry is not after now, oldest
	// NextTry first.
	DueWatchItems(ctx context.Context, source string, now time.Time, limit int) ([]WatchItem, error)
}

// WatchSource is the state of one watched feed, sitemap or URL list.
type WatchSource struct {
	URL    string // as given (or as listed by its sitemap index)
	Parent string // the sitemap index that listed it, or ""
	Host   string // host[:port] of URL: the unit of politeness limits and metrics
	Kind   string // Watch* kind found at the last successful poll, "" before

	// Validators of the last successful full response, sent back on the
	// next poll as If-None-Match and If-Modified-Since.
	ETag         string
	LastModified string
	// Listed is the lastmod an index gave the last time it listed this
	// child; a newer one makes the child due at once.
	Listed string

	NextPoll    time.Time // when it is due
	LastPoll    time.Time // zero if never polled
	LastSuccess time.Time // last 2xx or 304
	LastNewItem time.Time // last poll that stored a new or changed article
	LastStatus  int       // HTTP status of the last poll, 0 when none came back
	LastError   string    // error of the last poll, "" after a success
	// Failing is the number of polls in a row that failed; it drives the
	// backoff and resets on success.
	Failing int

	// Counters since the source was added.
	Polls        int64 // polls of the listing
	NotModified  int64 // polls answered 304
	Failures     int64 // failed polls
	NewItems     int64 // articles created or updated from its items
	ItemFailures int64 // items given up (failed for good)

	Added time.Time
}

// Kinds of watched sources.
const (
	WatchFeed         = "feed"          // RSS, Atom or JSON Feed
	WatchSitemap      = "sitemap"       // <urlset>, news sitemaps included
	WatchSitemapIndex = "sitemap-index" // <sitemapindex>: its sitemaps become child sources
	WatchURLList      = "url-list"      // plain text, one article URL per line
)

// WatchItem is one entry of a watched source: an article link, or a feed
// entry that carried its own content.
type WatchItem struct {
	Source  string // WatchSource.URL
	Key     string // the article URL, or source#guid for an entry without one
	URL     string // the article URL to fetch, "" when the entry had its content
	Version string // the entry's lastmod or updated time; a new version is a new item
	State   string // WatchPending, WatchDone, WatchRetry or WatchFailed
	// Attempts counts fetch attempts that failed; Error is the last one.
	Attempts int
	Error    string
	NextTry  time.Time // for WatchPending and WatchRetry
	// Hints from the listing for a later fetch: headline, publication time
	// (RFC 3339), outlet name, language.
	Title, Published, Site, Language string

	FirstSeen time.Time
	Updated   time.Time
}

// States of a WatchItem.
const (
	WatchPending = "pending" // listed, not fetched yet (over the per-poll cap)
	WatchDone    = "done"    // ingested (or found unchanged)
	WatchRetry   = "retry"   // a transient failure; tried again at NextTry
	WatchFailed  = "failed"  // given up; recorded as an ingest failure
)
