// Command analyze measures the per-article analysis (extraction to
// relations) over a fixed corpus of text files: articles per second on one
// goroutine and on all cores, statements found, and the process' peak
// resident memory. Usage: go run ./bench/analyze [-n rounds] DIR...
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/analyze"
)

func main() {
	rounds := flag.Int("n", 3, "passes over the corpus")
	flag.Parse()
	if err := run(flag.Args(), *rounds); err != nil {
		fmt.Fprintln(os.Stderr, "bench/analyze:", err)
		os.Exit(1)
	}
}

func run(dirs []string, rounds int) error {
	if len(dirs) == 0 {
		return fmt.Errorf("give one or more directories of .txt articles")
	}
	var docs []crosscheck.Document
	var bytes int
	for _, d := range dirs {
		files, err := filepath.Glob(filepath.Join(d, "*.txt"))
		if err != nil {
			return err
		}
		if len(files) == 0 {
			return fmt.Errorf("%s: no .txt files (is ../shared/corpora there?)", d)
		}
		sort.Strings(files)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			bytes += len(b)
			docs = append(docs, crosscheck.Document{Body: b, URL: "file://" + f})
		}
	}
	loadStart := time.Now()
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		return err
	}
	load := time.Since(loadStart)
	ctx := context.Background()

	// One goroutine: the figure the ≥ 1,000 articles/s target is about.
	statements, failed := 0, 0
	start := time.Now()
	for range rounds {
		statements, failed = 0, 0
		for _, d := range docs {
			a, err := z.Analyze(ctx, d)
			if err != nil {
				failed++
				continue
			}
			statements += len(a.Statements)
		}
	}
	one := time.Since(start)
	n := len(docs) * rounds

	// All cores, one goroutine per CPU, as ingest runs it.
	workers := runtime.GOMAXPROCS(0)
	start = time.Now()
	var wg sync.WaitGroup
	next := make(chan crosscheck.Document)
	for range workers {
		wg.Go(func() {
			for d := range next {
				z.Analyze(ctx, d)
			}
		})
	}
	for range rounds {
		for _, d := range docs {
			next <- d
		}
	}
	close(next)
	wg.Wait()
	all := time.Since(start)

	fmt.Printf("corpus: %d articles, %.1f MB (%s)\n", len(docs), float64(bytes)/1e6, strings.Join(dirs, ", "))
	fmt.Printf("lexicon load: %v\n", load.Round(time.Millisecond))
	fmt.Printf("1 goroutine:  %.0f articles/s, %.1f MB/s (%d passes)\n", float64(n)/one.Seconds(), float64(bytes*rounds)/1e6/one.Seconds(), rounds)
	fmt.Printf("%d goroutines: %.0f articles/s\n", workers, float64(n)/all.Seconds())
	fmt.Printf("statements: %d (%.1f per article), failed: %d\n", statements, float64(statements)/float64(len(docs)), failed)
	fmt.Printf("peak RSS: %s\n", peakRSS())
	return nil
}

// peakRSS reads the process' high-water resident set size from /proc.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
