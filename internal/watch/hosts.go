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
	// sweepAt is the number of hosts at which idle ones are forgotten:
	// the articles of a URL list or an aggregator's sitemap may come from
	// any number of hosts over the months a watcher runs.
	sweepAt int
}

// minHostSweep is the number of hosts a hostLimits keeps before it
// forgets idle ones.
const minHostSweep = 1024

type hostState struct {
	slots chan struct{} // one token per request in flight
	next  time.Time     // earliest start of the next request
	delay time.Duration // spacing for this host
	until time.Time     // paused until (Retry-After)
	users int           // acquire calls holding or waiting for it (guarded by hostLimits.mu)
}

func newHostLimits(c Clock, concurrency int, spacing time.Duration) *hostLimits {
	return &hostLimits{clock: c, concurrency: concurrency, spacing: spacing, hosts: map[string]*hostState{}, sweepAt: minHostSweep}
}

// stateLocked returns host's state, made on first use; h.mu is held.
func (h *hostLimits) stateLocked(host string) *hostState {
	st := h.hosts[host]
	if st == nil {
		if len(h.hosts) >= h.sweepAt {
			h.sweepLocked()
		}
		st = &hostState{slots: make(chan struct{}, h.concurrency), delay: h.spacing}
		h.hosts[host] = st
	}
	return st
}

func (h *hostLimits) state(host string) *hostState {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.stateLocked(host)
}

// sweepLocked forgets the hosts whose state says nothing the defaults do
// not: no request in flight or waiting, their turn and any pause passed,
// the configured spacing (a host's robots.txt Crawl-delay is kept, since
// its cached robots.txt would not set it again). The next sweep waits
// until the map has doubled, so sweeping costs O(1) per new host.
func (h *hostLimits) sweepLocked() {
	now := h.clock.Now()
	for host, st := range h.hosts {
		if st.users == 0 && !st.next.After(now) && !st.until.After(now) && st.delay == h.spacing {
			delete(h.hosts, host)
		}
	}
	h.sweepAt = max(minHostSweep, 2*len(h.hosts))
}

// len is the number of hosts with a state.
func (h *hostLimits) len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.hosts)
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
	h.mu.Lock()
	st := h.stateLocked(host)
	st.users++ // not forgotten while in use
	h.mu.Unlock()
	unuse := func() {
		h.mu.Lock()
		st.users--
		h.mu.Unlock()
	}
	select {
	case st.slots <- struct{}{}:
	case <-ctx.Done():
		unuse()
		return nil, ctx.Err()
	}
	release = func() {
		<-st.slots
		unuse()
	}
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
