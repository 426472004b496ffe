package watch

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxRetryAfter caps how long a Retry-After can silence a host: longer
// asks are honoured up to a day, then the source is tried again (and backs
// off further if it still refuses).
const maxRetryAfter = 24 * time.Hour

// retryAfter parses a Retry-After header value, delay-seconds or an HTTP
// date, into a wait from now (capped at maxRetryAfter). ok is false when
// the value is absent or unreadable.
func retryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter, true
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return min(max(t.Sub(now), 0), maxRetryAfter), true
}

// backoff is the wait before the next poll of a source that failed
// failing times in a row (failing >= 1): the interval, doubled with each
// further failure, at most maxBackoff (but never below the interval). A
// source is never dropped: it keeps being tried at that pace.
func backoff(interval, maxBackoff time.Duration, failing int) time.Duration {
	d := interval
	for i := 1; i < failing && d < maxBackoff; i++ {
		d *= 2
	}
	return max(interval, min(d, maxBackoff))
}

// throttleWait is the wait after a 429 or 503: what Retry-After asks, but
// at least the normal interval; without a usable Retry-After, the backoff.
func throttleWait(header string, now time.Time, interval, maxBackoff time.Duration, failing int) time.Duration {
	if d, ok := retryAfter(header, now); ok {
		return max(d, interval)
	}
	return backoff(interval, maxBackoff, failing)
}
