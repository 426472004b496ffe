package watch

import (
	"context"
	"sync"
	"time"
)

// hostLimits keeps every request to one host polite: at most concurrency
// requests in flight, starts at least spacing apart (longer when the
// host's robots.txt asks for a Crawl-delay), and none before a pause set by
// a 429 or 503 with Retry-After has passed. Feeds, sitemaps, robots.txt
// files and articles all go through it.
type hostLimits struct {
	clock       Clock
	concurrency int
	spacing     time.Duration

	mu    sync.Mutex
	hosts map[string]*hostState
}

type hostState struct {
	slots chan struct{} // one token per request in flight
	next  time.Time     // earliest start of the next request
	delay time.Duration // spacing for this host
	until time.Time     // paused until (Retry-After)
}

func newHostLimits(c Clock, concurrency int, spacing time.Duration) *hostLimits {
	return &hostLimits{clock: c, concurrency: concurrency, spacing: spacing, hosts: map[string]*hostState{}}
}

func (h *hostLimits) state(host string) *hostState {
	h.mu.Lock()
	defer h.mu.Unlock()
	st := h.hosts[host]
	if st == nil {
		st = &hostState{slots: make(chan struct{}, h.concurrency), delay: h.spacing}
		h.hosts[host] = st
	}
	return st
}

// pausedError is returned by acquire when the host is paused for longer
// than the caller is willing to wait.
type pausedError struct{ until time.Time }

func (e *pausedError) Error() string {
	return "host asked to wait until " + e.until.Format(time.RFC3339)
}

// acquire waits for a request slot on host and for its turn, and returns
// the function that frees the slot. When the host is paused for more than
// maxWait it returns a *pausedError at once instead of waiting.
func (h *hostLimits) acquire(ctx context.Context, host string, maxWait time.Duration) (release func(), err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st := h.state(host)
	select {
	case st.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release = func() { <-st.slots }
	for {
		h.mu.Lock()
		now := h.clock.Now()
		if st.until.Sub(now) > maxWait {
			until := st.until
			h.mu.Unlock()
			release()
			return nil, &pausedError{until: until}
		}
		start := st.next
		if st.until.After(start) {
			start = st.until
		}
		wait := start.Sub(now)
		if wait <= 0 {
			st.next = now.Add(st.delay)
			h.mu.Unlock()
			return release, nil
		}
		h.mu.Unlock()
		// Sleep, then check again: a pause may have been set meanwhile.
		if err := sleep(ctx, h.clock, wait); err != nil {
			release()
			return nil, err
		}
	}
}

// pause stops requests to host until until (a later pause wins).
func (h *hostLimits) pause(host string, until time.Time) {
	st := h.state(host)
	h.mu.Lock()
	defer h.mu.Unlock()
	if until.After(st.until) {
		st.until = until
	}
}

// pausedUntil returns the end of host's pause, or the zero time.
func (h *hostLimits) pausedUntil(host string) time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	if st := h.hosts[host]; st != nil && st.until.After(h.clock.Now()) {
		return st.until
	}
	return time.Time{}
}

// setDelay raises host's spacing to d (a robots.txt Crawl-delay); it never
// goes below the configured spacing.
func (h *hostLimits) setDelay(host string, d time.Duration) {
	st := h.state(host)
	h.mu.Lock()
	defer h.mu.Unlock()
	st.delay = max(h.spacing, d)
}
