package watch

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsTTL is how long a host's robots.txt is trusted; robotsRetry how
// long an unreachable one is remembered before it is asked again.
const (
	robotsTTL   = 12 * time.Hour
	robotsRetry = 5 * time.Minute
	// maxCrawlDelay caps a Crawl-delay: a larger one would stall the host's
	// items for good; its items then simply wait their turn longer.
	maxCrawlDelay = time.Minute
)

// robotsCache answers whether an article may be fetched, per the
// robots.txt of its scheme and host (temoto/robotstxt: Google's rules for
// 4xx = allow all, 5xx = disallow all, the most specific user-agent group
// wins). One fetch per host at a time; the answer is cached.
type robotsCache struct {
	agent string
	clock Clock
	// fetch downloads a robots.txt URL through the host limits; status is
	// the HTTP status, retryAfter its Retry-After header.
	fetch func(ctx context.Context, host, rawURL string) (status int, body []byte, retryAfter string, err error)
	// crawlDelay receives a host's Crawl-delay for the watcher's agent.
	crawlDelay func(host string, d time.Duration)

	mu      sync.Mutex
	entries map[string]*robotsEntry
	// sweepAt is the number of entries at which expired ones are
	// dropped (0: minRobotsSweep): articles may come from any number of
	// origins, each looked up once.
	sweepAt int
}

// minRobotsSweep is the number of origins a robotsCache keeps before it
// drops expired entries.
const minRobotsSweep = 1024

// sweepLocked drops the loaded entries that have expired (an entry still
// loading is kept); the next sweep waits until the map has doubled, so
// sweeping costs O(1) per new origin. r.mu is held.
func (r *robotsCache) sweepLocked() {
	now := r.clock.Now()
	for origin, e := range r.entries {
		select {
		case <-e.ready:
			if now.After(e.expires) {
				delete(r.entries, origin)
			}
		default:
		}
	}
	r.sweepAt = max(minRobotsSweep, 2*len(r.entries))
}

type robotsEntry struct {
	ready   chan struct{} // closed once data/err are set
	data    *robotstxt.RobotsData
	err     error
	expires time.Time
}

// robotsUnavailable is the error of a robots.txt that could not be read
// (network failure, 429, 5xx): the article is tried again later, not
// fetched blindly.
type robotsUnavailable struct {
	url    string
	reason string
}

func (e *robotsUnavailable) Error() string {
	return fmt.Sprintf("robots.txt %s unavailable: %s", e.url, e.reason)
}

// allowed reports whether rawURL may be fetched by the watcher's agent.
func (r *robotsCache) allowed(ctx context.Context, rawURL string) (bool, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false, err
	}
	origin := u.Scheme + "://" + u.Host
	for {
		r.mu.Lock()
		e := r.entries[origin]
		if e != nil {
			select {
			case <-e.ready:
				if r.clock.Now().After(e.expires) {
					delete(r.entries, origin)
					e = nil
				}
			default:
			}
		}
		owner := e == nil
		if owner {
			if len(r.entries) >= max(r.sweepAt, minRobotsSweep) {
				r.sweepLocked()
			}
			e = &robotsEntry{ready: make(chan struct{})}
			r.entries[origin] = e
		}
		r.mu.Unlock()
		if owner {
			r.load(ctx, origin, u.Host, e)
		}
		select {
		case <-e.ready:
		case <-ctx.Done():
			return false, ctx.Err()
		}
		if e.err != nil {
			if ctx.Err() != nil {
				return false, ctx.Err()
			}
			return false, e.err
		}
		if e.data == nil { // the loader was cancelled: try again
			continue
		}
		path := u.EscapedPath()
		if path == "" {
			path = "/"
		}
		if u.RawQuery != "" {
			path += "?" + u.RawQuery
		}
		return e.data.TestAgent(path, r.agent), nil
	}
}

func (r *robotsCache) load(ctx context.Context, origin, host string, e *robotsEntry) {
	defer close(e.ready)
	now := r.clock.Now()
	robotsURL := origin + "/robots.txt"
	status, body, ra, err := r.fetch(ctx, host, robotsURL)
	if ctx.Err() != nil {
		// Not the host's fault: forget the entry so the next caller loads it.
		r.mu.Lock()
		delete(r.entries, origin)
		r.mu.Unlock()
		e.err = ctx.Err()
		return
	}
	e.expires = now.Add(robotsRetry)
	switch {
	case err != nil:
		e.err = &robotsUnavailable{url: robotsURL, reason: err.Error()}
		return
	case status == 429:
		if d, ok := retryAfter(ra, now); ok {
			e.expires = now.Add(d)
		}
		e.err = &robotsUnavailable{url: robotsURL, reason: "HTTP 429 Too Many Requests"}
		return
	case status >= 500:
		e.err = &robotsUnavailable{url: robotsURL, reason: fmt.Sprintf("HTTP %d", status)}
		return
	}
	data, perr := robotstxt.FromStatusAndBytes(status, body)
	if perr != nil && status >= 200 && status < 300 {
		// The parser refuses a whole file for one rule before any
		// User-agent or one bad Crawl-delay; crawlers ignore such lines, so
		// read the file without them.
		data, perr = robotstxt.FromBytes(withoutStrayLines(body))
	}
	if perr != nil {
		e.err = &robotsUnavailable{url: robotsURL, reason: "unreadable: " + perr.Error()}
		e.expires = now.Add(robotsTTL)
		return
	}
	e.data = data
	e.expires = now.Add(robotsTTL)
	if g := data.FindGroup(r.agent); g != nil && g.CrawlDelay > 0 && r.crawlDelay != nil {
		r.crawlDelay(host, min(g.CrawlDelay, maxCrawlDelay))
	}
}

// withoutStrayLines drops the lines temoto/robotstxt refuses a file for:
// Allow, Disallow and Crawl-delay before the first User-agent, and every
// Crawl-delay whose value is not a number.
func withoutStrayLines(body []byte) []byte {
	var out []byte
	agentSeen := false
	for line := range bytes.Lines(body) {
		field, value, _ := bytes.Cut(line, []byte(":"))
		field = bytes.ToLower(bytes.TrimSpace(field))
		switch string(field) {
		case "user-agent":
			agentSeen = true
		case "allow", "disallow":
			if !agentSeen {
				continue
			}
		case "crawl-delay", "crawldelay":
			v := bytes.TrimSpace(value)
			if i := bytes.IndexByte(v, '#'); i >= 0 {
				v = bytes.TrimSpace(v[:i])
			}
			d, err := strconv.ParseFloat(string(v), 64)
			if !agentSeen || err != nil || d < 0 || math.IsInf(d, 0) || math.IsNaN(d) {
				continue
			}
		}
		out = append(out, line...)
	}
	return out
}
