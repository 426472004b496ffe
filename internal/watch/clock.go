package watch

import (
	"context"
	"time"
)

// Clock is the watcher's source of time: schedules, backoff, per-host
// spacing and the timestamps it stores all read it, so tests can run the
// watcher on a clock they control.
type Clock interface {
	Now() time.Time
	// After sends the time on the returned channel once d has passed on
	// this clock (at once when d <= 0).
	After(d time.Duration) <-chan time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns time.Now in UTC.
func (SystemClock) Now() time.Time { return time.Now().UTC() }

// After is time.After (unreferenced timers are collected since Go 1.23).
func (SystemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// sleep waits for d on c, or for ctx to end (returning ctx's error).
func sleep(ctx context.Context, c Clock, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	select {
	case <-c.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
