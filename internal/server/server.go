// Package server runs crosscheck's HTTP server: it mounts the JSON API and
// the web UI on one mux, wraps them with request logging, metrics, security
// headers and panic recovery, serves /healthz and /metrics, and shuts down
// cleanly when its context is cancelled.
package server

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/crosscheck/crosscheck/internal/store"
)

// Config configures a Server. Zero durations take the defaults noted.
type Config struct {
	ReadHeaderTimeout time.Duration // defaults to 5s
	ReadTimeout       time.Duration // defaults to 30s
	// WriteTimeout is the connection's write deadline before a request is
	// admitted; each admitted request moves it past its own deadline.
	WriteTimeout    time.Duration // defaults to 60s
	IdleTimeout     time.Duration // defaults to 120s
	ShutdownTimeout time.Duration // defaults to 10s
	// WriteMargin is how long after its deadline a request's response may
	// still be written (to a slow client) before the write fails.
	WriteMargin time.Duration // defaults to 10s

	// Default limits every request that is in no class (deadline
	// DefaultTimeout, body DefaultMaxBody, no concurrency limit).
	Default Limit
	// Classes put expensive routes (full-text search, analysis, ingest)
	// under their own deadline, body cap and concurrency limit.
	Classes []Class
}

// Mounter registers routes on a mux; the API and the web UI are Mounters.
type Mounter interface {
	Mount(mux *http.ServeMux)
}

// Server is crosscheck's HTTP server.
type Server struct {
	cfg     Config
	log     *slog.Logger
	metrics *Metrics
	store   store.Store
	handler http.Handler
}

// New returns a server that serves the given parts. metrics may be shared
// with the parts (they record ingest and analysis figures in it).
func New(cfg Config, st store.Store, metrics *Metrics, log *slog.Logger, parts ...Mounter) *Server {
	if cfg.ReadHeaderTimeout == 0 {
		cfg.ReadHeaderTimeout = 5 * time.Second
	}
	if cfg.ReadTimeout == 0 {
		cfg.ReadTimeout = 30 * time.Second
	}
	if cfg.WriteTimeout == 0 {
		cfg.WriteTimeout = 60 * time.Second
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = 120 * time.Second
	}
	if cfg.ShutdownTimeout == 0 {
		cfg.ShutdownTimeout = 10 * time.Second
	}
	if cfg.WriteMargin == 0 {
		cfg.WriteMargin = 10 * time.Second
	}
	s := &Server{cfg: cfg, log: log, metrics: metrics, store: st}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.Handle("GET /metrics", metrics.Handler())
	for _, p := range parts {
		p.Mount(mux)
	}
	s.handler = s.recoverer(s.observe(securityHeaders(newLimiter(mux, cfg.Default, cfg.Classes, cfg.WriteMargin, metrics, log))))
	return s
}

// Handler returns the server's root handler, with all middleware.
func (s *Server) Handler() http.Handler { return s.handler }

// Serve serves on ln until ctx is cancelled, then stops accepting
// connections and waits up to ShutdownTimeout for requests in flight.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("server: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "timeout", s.cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("server: %w", err)
	}
	s.log.Info("stopped")
	return nil
}

// healthz answers 200 when the store answers, 503 otherwise. It asks the
// database for one row: a liveness probe must stay cheap on any size of
// store and under load (Stats counts every table).
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "application/json")
	if err := s.ping(ctx); err != nil {
		s.log.Error("health check failed", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, `{"status":"unavailable"}`)
		return
	}
	fmt.Fprintln(w, `{"status":"ok"}`)
}

// ping checks that the database answers: SELECT 1 where the store exposes
// its *sql.DB (both stores do), else Stats.
func (s *Server) ping(ctx context.Context) error {
	if db, ok := s.store.(interface{ SQL() *sql.DB }); ok {
		var one int
		if err := db.SQL().QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
			return fmt.Errorf("health: %w", err)
		}
		return nil
	}
	_, err := s.store.Stats(ctx)
	return err
}

// statusWriter records the status code and size of a response, and the
// error that kept it from the client, if any.
type statusWriter struct {
	http.ResponseWriter
	code  int
	bytes int
	err   error
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	if err != nil && w.err == nil {
		w.err = err
	}
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe logs every request and records its metrics under the route
// pattern that matched (not the raw path, which would explode cardinality).
// It flushes the response before logging, so that a response that never
// reached the client (write deadline passed, connection gone) is logged as
// such, with the error, rather than as the status its handler chose.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.err == nil {
			if err := http.NewResponseController(w).Flush(); err != nil {
				sw.err = err
			}
		}
		d := time.Since(start)
		if sw.code == 0 && sw.err == nil {
			sw.code = http.StatusOK // a handler that wrote nothing sent 200
		}
		route := r.Pattern // set by the mux on this request
		if route == "" {
			route = "unmatched"
		}
		code := strconv.Itoa(sw.code)
		if sw.err != nil {
			code = "undelivered"
		}
		s.metrics.observe(route, r.Method, code, d)
		level := slog.LevelInfo
		switch {
		case sw.code == http.StatusServiceUnavailable:
			level = slog.LevelWarn // busy or over a deadline: load, not a fault
		case sw.code >= 500:
			level = slog.LevelError
		}
		attrs := []slog.Attr{slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.String("route", route), slog.Int("status", sw.code), slog.Int("bytes", sw.bytes),
			slog.Duration("duration", d), slog.String("remote", r.RemoteAddr)}
		if sw.err != nil {
			level = max(level, slog.LevelWarn)
			attrs = append(attrs, slog.String("outcome", "response not delivered"), slog.String("error", sw.err.Error()))
		}
		s.log.LogAttrs(r.Context(), level, "request", attrs...)
	})
}

// recoverer turns a panic in a handler into a 500 and a log line instead of
// a dropped connection.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				stack := debug.Stack()
				if hp, ok := v.(*handlerPanic); ok { // from the limiter's goroutine
					v, stack = hp.value, hp.stack
				}
				s.log.Error("panic in handler", "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(stack))
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows only the server's own scripts, styles and
// forms: article text is untrusted, and even if escaping failed somewhere an
// injected inline script or handler would not run.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}
