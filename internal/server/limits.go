package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Limit bounds the requests of one class of routes.
type Limit struct {
	// Timeout is each request's deadline. Its context, and so every
	// database query it runs, expires then; a handler that has not
	// answered by then is answered for: 503 with Retry-After. Zero takes
	// the default class's.
	Timeout time.Duration
	// MaxBody caps the request body: a declared Content-Length over it is
	// answered 413 at once, and reading past it fails (handlers answer
	// 413). Zero takes the default class's.
	MaxBody int64
	// Concurrent is how many requests of the class are served at once;
	// 0 is no limit. A request that finds no free slot waits up to Queue
	// (within its Timeout), then is answered 503 with Retry-After.
	Concurrent int
	Queue      time.Duration
	// RetryAfter is the delay suggested to clients turned away; at least
	// one second.
	RetryAfter time.Duration
}

// Class is a group of routes that share a Limit: with a Concurrent limit,
// its requests share the slots (/api/search and the /search page compete
// for the same CPU).
type Class struct {
	Name string // for logs and metrics, e.g. "search"
	// Routes are mux patterns exactly as registered, e.g. "GET /api/search".
	Routes []string
	// Param, when set, puts a request of Routes in the class only when
	// this query parameter is not empty: /api/claims is a cheap list,
	// /api/claims?q=… a full-text query.
	Param string
	Limit
}

// Defaults of the default class.
const (
	DefaultTimeout = 15 * time.Second
	DefaultMaxBody = 64 << 10
)

// class is a Class with its semaphore, ready to serve.
type class struct {
	name  string
	param string
	Limit
	slots chan struct{} // nil when unlimited
}

// limiter applies the classes' limits in front of the mux.
type limiter struct {
	mux     *http.ServeMux
	margin  time.Duration // writeMargin
	def     *class
	byRoute map[string][]*class
	metrics *Metrics
	log     *slog.Logger
}

func newLimiter(mux *http.ServeMux, def Limit, classes []Class, margin time.Duration, m *Metrics, log *slog.Logger) *limiter {
	if def.Timeout <= 0 {
		def.Timeout = DefaultTimeout
	}
	if def.MaxBody <= 0 {
		def.MaxBody = DefaultMaxBody
	}
	l := &limiter{mux: mux, margin: margin, def: newClass("default", "", def, def), byRoute: map[string][]*class{}, metrics: m, log: log}
	for _, c := range classes {
		cl := newClass(c.Name, c.Param, c.Limit, def)
		for _, r := range c.Routes {
			l.byRoute[r] = append(l.byRoute[r], cl)
		}
	}
	return l
}

func newClass(name, param string, lim, def Limit) *class {
	if lim.Timeout <= 0 {
		lim.Timeout = def.Timeout
	}
	if lim.MaxBody <= 0 {
		lim.MaxBody = def.MaxBody
	}
	if lim.RetryAfter < time.Second {
		lim.RetryAfter = time.Second
	}
	c := &class{name: name, param: param, Limit: lim}
	if lim.Concurrent > 0 {
		c.slots = make(chan struct{}, lim.Concurrent)
	}
	return c
}

// maxTimeout is the longest deadline of any class, for the server's
// write timeout.
func (l *limiter) maxTimeout() time.Duration {
	d := l.def.Timeout
	for _, cs := range l.byRoute {
		for _, c := range cs {
			d = max(d, c.Timeout)
		}
	}
	return d
}

// classOf returns the class of a request that matched pattern.
func (l *limiter) classOf(pattern string, r *http.Request) *class {
	for _, c := range l.byRoute[pattern] {
		if c.param == "" || strings.TrimSpace(r.URL.Query().Get(c.param)) != "" {
			return c
		}
	}
	return l.def
}

// ServeHTTP admits the request under its class's limits and serves it
// through the mux.
func (l *limiter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, pattern := l.mux.Handler(r)
	// The mux sets the pattern on the request copy it serves; observe
	// reads it from this one.
	r.Pattern = pattern
	c := l.classOf(pattern, r)
	if r.ContentLength > c.MaxBody {
		l.reject(w, r, c, http.StatusRequestEntityTooLarge, "too_large",
			fmt.Sprintf("request body of %d bytes is over the %d-byte limit", r.ContentLength, c.MaxBody))
		return
	}
	if r.Body != nil && r.Body != http.NoBody {
		// Restored afterwards: net/http looks at the request's own body to
		// decide whether to drain it, and would wait for a client that
		// sent "Expect: 100-continue" and was answered without reading
		// (a 401 took curl's whole 1 s expect timeout).
		orig := r.Body
		r.Body = http.MaxBytesReader(w, r.Body, c.MaxBody)
		defer func() { r.Body = orig }()
	}
	ctx, cancel := context.WithTimeout(r.Context(), c.Timeout)
	defer cancel()
	// The response must be on its way before the connection's write
	// deadline, which is therefore set past this request's own deadline.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(c.Timeout + l.margin))

	if c.slots != nil && !c.acquire(ctx) {
		if ctx.Err() == context.Canceled {
			undelivered(w, errClientGone)
			return
		}
		l.reject(w, r, c, http.StatusServiceUnavailable, "busy",
			fmt.Sprintf("the server is busy with other %s requests; retry in %s", c.name, c.RetryAfter))
		return
	}
	l.serve(ctx, w, r.WithContext(ctx), c)
}

// acquire takes a slot of the class, waiting up to Queue (and no longer
// than ctx) for one to free.
func (c *class) acquire(ctx context.Context) bool {
	select {
	case c.slots <- struct{}{}:
		return true
	default:
	}
	if c.Queue <= 0 {
		return false
	}
	wait := time.NewTimer(c.Queue)
	defer wait.Stop()
	select {
	case c.slots <- struct{}{}:
		return true
	case <-wait.C:
		return false
	case <-ctx.Done():
		return false
	}
}

// serve runs the mux in its own goroutine, buffering the response, and
// sends it when the handler returns; if the deadline comes first it sends
// 503 instead and drops whatever the handler writes later (like
// http.TimeoutHandler, which this is, plus Retry-After, a JSON error for
// the API, metrics and the concurrency slot). The slot is released when the
// handler really returns, not at the deadline: work that ignores its
// context still counts against the class.
func (l *limiter) serve(ctx context.Context, w http.ResponseWriter, r *http.Request, c *class) {
	bw := &bufferedWriter{header: http.Header{}}
	done := make(chan struct{})
	panicked := make(chan any, 1)
	go func() {
		defer func() {
			if c.slots != nil {
				<-c.slots
			}
			if p := recover(); p != nil {
				if p != http.ErrAbortHandler {
					p = &handlerPanic{value: p, stack: debug.Stack()}
				}
				panicked <- p
				return
			}
			close(done)
		}()
		l.mux.ServeHTTP(bw, r)
	}()
	select {
	case p := <-panicked:
		panic(p) // to the recoverer, in the request's goroutine
	case <-done:
		bw.mu.Lock()
		defer bw.mu.Unlock()
		dst := w.Header()
		for k, vv := range bw.header {
			dst[k] = vv
		}
		code := bw.code
		if code == 0 {
			code = http.StatusOK
		}
		if dst.Get("Content-Length") == "" && bodyAllowed(code) && r.Method != http.MethodHead {
			// Known length: the response is not chunked, and the flush that
			// checks its delivery (observe) does not change its framing.
			dst.Set("Content-Length", strconv.Itoa(bw.buf.Len()))
		}
		w.WriteHeader(code)
		_, _ = w.Write(bw.buf.Bytes())
	case <-ctx.Done():
		bw.mu.Lock()
		bw.timedOut = true
		bw.mu.Unlock()
		// The handler goes on until it notices its cancelled context; if
		// it panics then, the panic is logged here, with nobody to answer.
		go func() {
			select {
			case p := <-panicked:
				if hp, ok := p.(*handlerPanic); ok {
					l.log.Error("panic in handler after its deadline", "path", r.URL.Path, "panic", fmt.Sprint(hp.value), "stack", string(hp.stack))
				}
			case <-done:
			}
		}()
		if ctx.Err() == context.Canceled {
			undelivered(w, errClientGone)
			return
		}
		l.reject(w, r, c, http.StatusServiceUnavailable, "timeout",
			fmt.Sprintf("the request took longer than its %s limit and was stopped; retry later", c.Timeout))
	}
}

// errClientGone is logged for a request whose client closed the
// connection before the answer was ready.
var errClientGone = errors.New("client closed the connection before the response")

// undelivered tells observe (through the writers wrapping w) that no
// response reached the client.
func undelivered(w http.ResponseWriter, err error) {
	for {
		if sw, ok := w.(*statusWriter); ok {
			if sw.err == nil {
				sw.err = err
			}
			return
		}
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return
		}
		w = u.Unwrap()
	}
}

// handlerPanic carries a handler's panic, with the stack where it
// happened, from the handler's goroutine to the request's.
type handlerPanic struct {
	value any
	stack []byte
}

func bodyAllowed(code int) bool {
	return code >= 200 && code != http.StatusNoContent && code != http.StatusNotModified
}

// reject answers a request the limits turned away: JSON under /api/
// (the API's error shape), plain text elsewhere.
func (l *limiter) reject(w http.ResponseWriter, r *http.Request, c *class, status int, reason, msg string) {
	l.metrics.rejected.WithLabelValues(c.name, reason).Inc()
	h := w.Header()
	if status == http.StatusServiceUnavailable {
		h.Set("Retry-After", strconv.Itoa(int(math.Ceil(c.RetryAfter.Seconds()))))
	}
	if status == http.StatusRequestEntityTooLarge {
		h.Set("Connection", "close") // the unread body is not worth draining
	}
	body := msg + "\n"
	h.Set("Content-Type", "text/plain; charset=utf-8")
	if strings.HasPrefix(r.URL.Path, "/api/") {
		code := "unavailable"
		if status == http.StatusRequestEntityTooLarge {
			code = "too_large"
		}
		var e struct {
			Error struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		}
		e.Error.Code, e.Error.Message = code, msg
		b, _ := json.Marshal(e)
		body = string(b) + "\n"
		h.Set("Content-Type", "application/json; charset=utf-8")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// bufferedWriter holds a handler's response until it returns. After the
// deadline it refuses writes, so a late handler learns it was cut off.
type bufferedWriter struct {
	mu       sync.Mutex
	header   http.Header
	buf      bytes.Buffer
	code     int
	timedOut bool
}

func (b *bufferedWriter) Header() http.Header { return b.header }

func (b *bufferedWriter) WriteHeader(code int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.timedOut || b.code != 0 {
		return
	}
	if code < 100 || code > 999 {
		panic(fmt.Sprintf("invalid WriteHeader code %v", code))
	}
	if code >= 200 { // informational headers (103) are not buffered
		b.code = code
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.timedOut {
		return 0, http.ErrHandlerTimeout
	}
	if b.code == 0 {
		b.code = http.StatusOK
	}
	return b.buf.Write(p)
}
