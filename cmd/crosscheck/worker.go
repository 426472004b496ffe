package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/worker"
)

// WorkerCmd works the ingest queue of a PostgreSQL database: any number of
// them, on any machines, share the items that `crosscheck ingest` enqueued.
type WorkerCmd struct {
	Workers     int           `help:"Concurrent analyses (default: one per CPU)." default:"0"`
	BatchSize   int           `name:"batch" help:"Items per write transaction (larger batches rewrite fewer index pages)." default:"256"`
	JobTimeout  time.Duration `help:"Time limit for one item's analysis and write." default:"2m"`
	RescueAfter time.Duration `help:"A job running this long is given to another worker (its worker is presumed dead); must exceed --job-timeout." default:"5m"`
	Ledger      bool          `help:"Rebuild the claim ledger when the queue is idle and articles changed." default:"true" negatable:""`
	IdleCheck   time.Duration `help:"How often to check for an idle queue and a stale ledger." default:"5s"`

	LedgerMaxArticles int `name:"ledger-max-articles" help:"Refuse a full ledger rebuild over more stored articles than this; 0 for no limit." default:"50000"`
}

// Run works jobs until SIGINT/SIGTERM, then lets the running jobs finish.
func (c *WorkerCmd) Run(ctx context.Context, g *Globals) error {
	if !isPostgresURL(g.DB) {
		return crosscheck.Errorf(crosscheck.EINVALID, "worker needs a PostgreSQL database (--db postgres://…): on SQLite, ingest works its items itself")
	}
	st, err := openStore(ctx, g)
	if err != nil {
		return err
	}
	defer st.Close()
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	q, err := worker.NewQueue(ctx, sqlDB(st), st, z, worker.QueueOptions{
		Work: true, Workers: c.Workers, BatchSize: c.BatchSize, JobTimeout: c.JobTimeout,
		RescueAfter: c.RescueAfter, Logger: g.logger,
	})
	if err != nil {
		return err
	}
	if err := q.Start(ctx); err != nil {
		return err
	}
	g.logger.Info("worker started", "workers", c.Workers)
	tick := time.NewTicker(c.IdleCheck)
	defer tick.Stop()
	for ctx.Err() == nil {
		select {
		case <-ctx.Done():
		case <-tick.C:
			if c.Ledger {
				c.maybeRebuild(ctx, g, st, q)
			}
		}
	}
	// Stopping: running jobs get a grace period to write their items.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	res, err := q.Stop(sctx)
	g.logger.Info("worker stopped", "created", res.Created, "updated", res.Updated, "unchanged", res.Unchanged,
		"failed", res.Failed, "statements", res.Statements, "elapsed", res.Elapsed.Round(time.Millisecond).String())
	if err != nil {
		return fmt.Errorf("worker: stop: %w", err)
	}
	return nil
}

// maybeRebuild rebuilds the ledger when no item is outstanding and
// articles changed. Several workers may do it at once: the ledger built
// from the latest articles wins (store.ReplaceLedger).
func (c *WorkerCmd) maybeRebuild(ctx context.Context, g *Globals, st store.Store, q *worker.Queue) {
	busy, err := q.Outstanding(ctx)
	if err != nil || busy {
		return
	}
	stale, err := st.LedgerStale(ctx)
	if err != nil || !stale {
		return
	}
	t0 := time.Now()
	nClaims, err := worker.RebuildLedger(ctx, st, buildClaims, false, worker.LedgerOptions{MaxArticles: c.LedgerMaxArticles, Logger: g.logger})
	switch {
	case errors.Is(err, context.Canceled):
	case err != nil:
		g.logger.Warn("claim ledger not rebuilt", "error", err)
	default:
		g.logger.Info("claim ledger rebuilt", "claims", nClaims, "elapsed", time.Since(t0).Round(time.Millisecond).String())
	}
}

// sqlDB is the database/sql handle of a SQL store (both implementations
// have one), for the job queue.
func sqlDB(st store.Store) *sql.DB {
	if s, ok := st.(interface{ SQL() *sql.DB }); ok {
		return s.SQL()
	}
	return nil
}
