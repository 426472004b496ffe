package main

import (
	"context"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/fetch"
	"github.com/crosscheck/crosscheck/internal/source"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/worker"
)

// IngestCmd reads articles into the database and brings the claim ledger up
// to date (incrementally: only the claims the new articles touch).
type IngestCmd struct {
	Paths     []string `arg:"" name:"path" help:"Files or directories (recursively): text, HTML, JSON Lines, Wikinews CSV, RSS/Atom, WARC; - for stdin."`
	Workers   int      `help:"Concurrent analyses (default: one per CPU)." default:"0"`
	BatchSize int      `name:"batch" help:"Items per write transaction (larger batches rewrite fewer index pages)." default:"256"`
	NoClaims  bool     `help:"Do not update the claim ledger after ingesting (the next update brings the articles in)."`
	Rebuild   bool     `help:"Build the whole claim ledger again after ingesting, instead of updating it."`
	Progress  string   `help:"Progress bar on stderr: auto (when a terminal), always, never." default:"auto" enum:"auto,always,never"`

	LedgerMaxArticles int `name:"ledger-max-articles" help:"Refuse a full claim ledger rebuild (--rebuild, or a database whose ledger has no incremental state yet) over more stored articles than this; 0 for no limit. The previous ledger is kept." default:"0"`

	AllowPrivate bool `help:"Let feed items that only link to their article be fetched from private addresses."`
	AllowPaths   bool `help:"Let a JSON Lines record's \"path\" name a file outside the JSON Lines file's folder."`
	MaxFeedItems int  `help:"Refuse a feed file with more items than this (split it instead)." default:"10000"`

	DebugAddr string `name:"debug-addr" help:"Serve Go runtime profiles (CPU, heap, goroutines; net/http/pprof under /debug/pprof/) on this loopback address while ingesting, e.g. 127.0.0.1:6060: what a long ingest or ledger update spends its time and memory on. Off by default." env:"CROSSCHECK_DEBUG_ADDR" placeholder:"HOST:PORT"`

	// PostgreSQL: the River job queue.
	EnqueueOnly bool `help:"PostgreSQL: only enqueue the new items, for crosscheck worker processes to work (no analysis here, no ledger rebuild)."`
	Local       bool `help:"PostgreSQL: analyze in this process through an in-memory queue, as on SQLite, instead of the shared job queue."`
}

// Run ingests the paths. Items already ingested (same source position and
// same bytes) are skipped before analysis, so rerunning after a crash or on
// a grown corpus only does the new work. Failed items are recorded in the
// database and listed in the summary, one line each; when any failed, Run
// returns a codePartial error (exit code 10) after storing all the others.
func (c *IngestCmd) Run(ctx context.Context, g *Globals) error {
	limitMemory(ctx)
	if c.DebugAddr != "" {
		a, err := startDebugServer(ctx, c.DebugAddr, g.logger)
		if err != nil {
			return err
		}
		fmt.Fprintln(g.stderr, debugAddrLine("ingest", a))
	}
	st, err := openStore(ctx, g)
	if err != nil {
		return err
	}
	defer st.Close()

	// Source keys are positions in files: make them absolute so that the
	// same file ingested from another directory is recognised.
	paths := make([]string, len(c.Paths))
	for i, p := range c.Paths {
		paths[i] = p
		if p != "-" {
			if abs, err := filepath.Abs(p); err == nil {
				paths[i] = abs
			}
		}
	}
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	opt := worker.Options{Workers: c.Workers, BatchSize: c.BatchSize, Logger: g.logger}
	bar := c.progressBar(g.stderr)
	if bar != nil {
		start := time.Now()
		opt.Progress = func(n worker.Counts) {
			_ = bar.Set(n.Written() + n.Skipped)
			rate := float64(n.Written()) / max(time.Since(start).Seconds(), 1e-3)
			bar.Describe(fmt.Sprintf("new %d, unchanged %d, failed %d, skipped %d, %.0f articles/s",
				n.Created+n.Updated, n.Unchanged, n.Failed, n.Skipped, rate))
		}
		opt.LogEvery = -1
	}
	// Feed items that carry only a link are fetched, through the same
	// private-address guard as analyze.
	fetcher := fetch.New(fetch.Options{AllowPrivate: c.AllowPrivate})
	items := source.Walk(ctx, paths, source.Options{Stdin: g.stdin, Fetcher: fetcher, AllowPaths: c.AllowPaths, MaxFeedItems: c.MaxFeedItems})
	var res worker.Result
	var ingestErr error
	queued := isPostgresURL(g.DB) && !c.Local
	if queued {
		var enqueued int
		res, enqueued, ingestErr = c.runQueued(ctx, g, st, z, items, opt)
		fmt.Fprintf(g.stdout, "queue: %d new jobs enqueued\n", enqueued)
		if c.EnqueueOnly {
			return ingestErr
		}
	} else {
		if c.EnqueueOnly {
			return crosscheck.Errorf(crosscheck.EINVALID, "--enqueue-only needs a PostgreSQL database")
		}
		res, ingestErr = worker.Ingest(ctx, st, z, items, opt)
	}
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(g.stderr)
	}
	ledgerLine := ""
	if ingestErr == nil && !c.NoClaims {
		lres, line, err := updateLedger(ctx, st, g.logger, c.Rebuild, c.LedgerMaxArticles, g.LedgerCache)
		if err != nil {
			return err
		}
		ledgerLine = line
		if strings.HasPrefix(line, "claims: not rebuilt") {
			g.logger.Warn("claim ledger not rebuilt", "reason", line)
		}
		mergeText(ctx, st, g.logger, lres.Removed)
	}
	c.summary(ctx, g.stdout, st, res, ledgerLine)
	if ingestErr == nil && res.Failed > 0 {
		return crosscheck.Errorf(codePartial, "%d of %d items failed (listed above, and recorded in the database); the others were stored",
			res.Failed, res.Seen-res.Skipped)
	}
	return ingestErr
}

// runQueued ingests through the PostgreSQL job queue: it enqueues the new
// items and, unless --enqueue-only, works jobs here too (other `crosscheck
// worker` processes may share them) until none is outstanding.
func (c *IngestCmd) runQueued(ctx context.Context, g *Globals, st store.Store, z *analyze.Analyzer, items iter.Seq2[source.Item, error], opt worker.Options) (worker.Result, int, error) {
	q, err := worker.NewQueue(ctx, sqlDB(st), st, z, worker.QueueOptions{
		Work: !c.EnqueueOnly, Workers: c.Workers, BatchSize: c.BatchSize, Logger: g.logger,
		Progress: opt.Progress, LogEvery: opt.LogEvery,
	})
	if err != nil {
		return worker.Result{}, 0, err
	}
	if err := q.Start(ctx); err != nil {
		return worker.Result{}, 0, err
	}
	enqueued, err := q.Enqueue(ctx, items)
	if err == nil && !c.EnqueueOnly {
		err = q.WaitIdle(ctx, 200*time.Millisecond)
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	res, stopErr := q.Stop(sctx)
	if err == nil {
		err = stopErr
	}
	if err == nil && !c.EnqueueOnly {
		// Jobs whose every attempt failed to store their item.
		bad, lerr := q.Discarded(ctx, 100)
		if lerr != nil {
			return res, enqueued, lerr
		}
		for _, j := range bad {
			msg := "discarded"
			if len(j.Errors) > 0 {
				msg = j.Errors[len(j.Errors)-1].Error
			}
			fmt.Fprintf(g.stdout, "  job %d (attempt %d) failed for good: %s\n", j.ID, j.Attempt, msg)
		}
	}
	return res, enqueued, err
}

func (c *IngestCmd) progressBar(w io.Writer) *progressbar.ProgressBar {
	show := c.Progress == "always"
	if c.Progress == "auto" {
		f, ok := w.(*os.File)
		show = ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
	}
	if !show {
		return nil
	}
	// The total is unknown while sources stream: a counter with a rate.
	return progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("ingesting"),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSpinnerType(14),
	)
}

func (c *IngestCmd) summary(ctx context.Context, w io.Writer, st store.Store, r worker.Result, ledgerLine string) {
	secs := r.Elapsed.Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(r.Written()) / secs
	}
	fmt.Fprintf(w, "ingested %d items in %s (%.1f items/s)\n", r.Seen, r.Elapsed.Round(time.Millisecond), rate)
	fmt.Fprintf(w, "  articles: %d new, %d updated, %d unchanged, %d skipped (already done), %d failed\n",
		r.Created, r.Updated, r.Unchanged, r.Skipped, r.Failed)
	fmt.Fprintf(w, "  statements: %d in new or updated articles\n", r.Statements)
	if ledgerLine != "" {
		fmt.Fprintf(w, "  %s\n", ledgerLine)
	}
	if s, err := st.Stats(ctx); err == nil {
		fmt.Fprintf(w, "  database: %d articles, %d statements, %d speakers, %d claims, %d failed items\n",
			s.Articles, s.Statements, s.Speakers, s.Claims, s.Failures)
	}
	// In input order (the workers finish out of order).
	fails := slices.Clone(r.Failures)
	slices.SortStableFunc(fails, func(a, b store.Failure) int { return compareKeys(a.SourceKey, b.SourceKey) })
	for _, f := range fails {
		fmt.Fprintf(w, "  failed: %s\n", failureLine(f.SourceKey, f.Error))
	}
	if r.Failed > len(r.Failures) {
		fmt.Fprintf(w, "  … and %d more failures (all are recorded in the database)\n", r.Failed-len(r.Failures))
	}
}

// failureLine says where an item failed and why, once: "a.jsonl line 2:
// not valid JSON: …". Source keys are "path#line=2", "path#row=3",
// "path#item=4", "path#offset=1234"; messages may start with the key
// ("source: path#item=4: …") or with the position ("line 2: …").
func failureLine(key, msg string) string {
	msg = strings.TrimPrefix(msg, "source: "+key+": ")
	path, frag, ok := strings.Cut(key, "#")
	if !ok {
		msg = strings.TrimPrefix(msg, "source: "+path+": ")
		return path + ": " + msg
	}
	what, n, _ := strings.Cut(frag, "=")
	if what == "offset" {
		what = "record at byte"
	}
	n, _, _ = strings.Cut(n, "&")
	pos := what + " " + n
	if strings.HasPrefix(msg, pos+":") {
		return path + " " + msg
	}
	return path + " " + pos + ": " + msg
}

// compareKeys orders source keys by file, then by position number, so that
// "a.jsonl#line=10" comes after "a.jsonl#line=9".
func compareKeys(a, b string) int {
	pa, fa, _ := strings.Cut(a, "#")
	pb, fb, _ := strings.Cut(b, "#")
	if c := strings.Compare(pa, pb); c != 0 {
		return c
	}
	na, _ := strconv.Atoi(strings.TrimLeftFunc(fa, func(r rune) bool { return r < '0' || r > '9' }))
	nb, _ := strconv.Atoi(strings.TrimLeftFunc(fb, func(r rune) bool { return r < '0' || r > '9' }))
	if na != nb {
		return na - nb
	}
	return strings.Compare(fa, fb)
}
