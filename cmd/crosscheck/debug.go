package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"

	"github.com/crosscheck/crosscheck"
)

// startDebugServer serves Go's runtime profiles (net/http/pprof: heap,
// goroutine, allocs, CPU profile, trace) under /debug/pprof/ on addr until
// ctx ends, so that the memory of a long-running watcher can be read while
// it runs (go tool pprof http://ADDR/debug/pprof/heap). It refuses an
// address that is not loopback: profiles show the process's internals and
// a CPU profile costs CPU, so they are never served beside the public UI.
// An HTTP listener rather than a profile written on a signal: it gives
// every profile on demand, the goroutine dump included, with no file
// path to choose and nothing to clean up.
func startDebugServer(ctx context.Context, addr string, log *slog.Logger) (net.Addr, error) {
	if err := loopbackOnly(addr); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, &crosscheck.Error{Code: crosscheck.EINVALID, Message: "listen on " + addr, Err: err}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("debug server", "err", err)
		}
	}()
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	return ln.Addr(), nil
}

// loopbackOnly accepts host:port addresses whose host is a loopback IP or
// "localhost".
func loopbackOnly(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return &crosscheck.Error{Code: crosscheck.EINVALID, Message: "--debug-addr " + addr, Err: err}
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return crosscheck.Errorf(crosscheck.EINVALID, "--debug-addr %s: profiles are served on a loopback address only (e.g. 127.0.0.1:6060)", addr)
}

// debugAddrLine is what a command prints when it serves profiles.
func debugAddrLine(cmd string, a net.Addr) string {
	return fmt.Sprintf("crosscheck %s: profiles on http://%s/debug/pprof/", cmd, a)
}
