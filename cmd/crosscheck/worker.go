package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/ledger"
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
	Ledger      bool          `help:"Bring the claim ledger up to date as articles are stored (workers take turns: one updates at a time)." default:"true" negatable:""`
	IdleCheck   time.Duration `help:"How often to look for articles the ledger has not read yet." default:"5s"`

	LedgerMaxArticles int `name:"ledger-max-articles" help:"Refuse a full ledger rebuild (a database whose ledger has no incremental state yet) over more stored articles than this; 0 for no limit." default:"0"`
}

// Run works jobs until SIGINT/SIGTERM, then lets the running jobs finish.
func (c *WorkerCmd) Run(ctx context.Context, g *Globals) error {
	limitMemory(ctx)
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
	l, err := newLedger(st, g.logger, c.LedgerMaxArticles, g.LedgerCache)
	if err != nil {
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
				c.maybeUpdate(ctx, g, st, l)
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

// maybeUpdate brings the ledger up to date when articles were stored
// since it was. Several workers may try at once: the ledger lock lets one
// update at a time, and the others find nothing left to do.
func (c *WorkerCmd) maybeUpdate(ctx context.Context, g *Globals, st store.Store, l *ledger.Ledger) {
	stale, err := st.LedgerStale(ctx)
	if err != nil || !stale {
		return
	}
	res, err := l.Update(ctx)
	switch {
	case errors.Is(err, context.Canceled):
	case err != nil:
		g.logger.Warn("claim ledger not updated", "error", err)
	case res.Articles > 0 || res.Rebuilt:
		g.logger.Info("claim ledger updated", "articles", res.Articles, "claims", res.Claims, "written", res.Written,
			"removed", res.Removed, "rebuilt", res.Rebuilt, "elapsed", res.Elapsed.Round(time.Millisecond).String())
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
