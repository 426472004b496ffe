// Command load is a small HTTP load generator for crosscheck's server: N
// concurrent clients request the given paths round-robin for a fixed time and
// it prints requests/s, errors and latency percentiles per path. It only
// targets the address it is given (use a server on loopback).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "server base URL")
	clients := flag.Int("c", 50, "concurrent clients")
	dur := flag.Duration("d", 30*time.Second, "duration")
	paths := flag.String("paths", "/api/claims,/", "comma-separated paths, requested round-robin")
	flag.Parse()
	if err := run(*base, *clients, *dur, strings.Split(*paths, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

type sample struct {
	path string
	d    time.Duration
	err  bool
}

func run(base string, clients int, dur time.Duration, paths []string) error {
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	results := make([][]sample, clients)
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			for i := c; ctx.Err() == nil; i++ {
				p := paths[i%len(paths)]
				t0 := time.Now()
				req, _ := http.NewRequestWithContext(ctx, "GET", base+p, nil)
				resp, err := hc.Do(req)
				bad := err != nil
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					bad = err != nil || resp.StatusCode != http.StatusOK
				}
				if ctx.Err() != nil { // cut off by the deadline: not a server error
					return
				}
				results[c] = append(results[c], sample{p, time.Since(t0), bad})
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	byPath := map[string][]time.Duration{}
	errs := map[string]int{}
	total, totalErr := 0, 0
	for _, rs := range results {
		for _, s := range rs {
			byPath[s.path] = append(byPath[s.path], s.d)
			total++
			if s.err {
				errs[s.path]++
				totalErr++
			}
		}
	}
	fmt.Printf("%d clients, %s: %d requests, %.0f requests/s, %d errors\n", clients, elapsed.Round(time.Millisecond), total, float64(total)/elapsed.Seconds(), totalErr)
	for _, p := range paths {
		ds := byPath[p]
		slices.Sort(ds)
		if len(ds) == 0 {
			continue
		}
		pct := func(q float64) time.Duration { return ds[min(int(q*float64(len(ds))), len(ds)-1)] }
		fmt.Printf("  %-14s %7d req  %7.0f req/s  errors %d  p50 %v  p90 %v  p95 %v  p99 %v  max %v\n", p, len(ds), float64(len(ds))/elapsed.Seconds(), errs[p],
			pct(.50).Round(time.Microsecond), pct(.90).Round(time.Microsecond), pct(.95).Round(time.Microsecond), pct(.99).Round(time.Microsecond), ds[len(ds)-1].Round(time.Microsecond))
	}
	if totalErr > 0 {
		return fmt.Errorf("%d errors", totalErr)
	}
	return nil
}
