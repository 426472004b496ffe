package worker

import (
	"context"
	"fmt"
	"time"

	"github.com/crosscheck/crosscheck/internal/store"
)

// pending is one analyzed item on its way to the store. done, when not
// nil, receives the outcome of its write: nil once committed.
type pending struct {
	put  store.Put
	done chan<- error
}

// writer is the one writer of a process: it gathers analyzed items into
// batches (Options.BatchSize, or whatever arrived within FlushEvery) and
// stores each batch in one transaction. Both ingest paths use it: the
// in-process queue (SQLite's default) and the River jobs of `crosscheck
// worker`, whose jobs wait for their item's commit before they complete.
type writer struct {
	st    store.Store
	opt   Options
	start time.Time
	// counts returns the producer's seen and skipped counters (nil: none).
	counts func() (seen, skipped int)

	res     Result
	batch   []pending
	lastLog time.Time
	// failFast makes the first write error final (in-process ingest: the
	// run stops); otherwise the waiters get it and the writer goes on.
	failFast bool
	err      error
	// afterWrite, when set, runs after each committed batch.
	afterWrite func(ctx context.Context, puts []store.Put)
}

func newWriter(st store.Store, opt Options, start time.Time, counts func() (int, int)) *writer {
	return &writer{st: st, opt: opt, start: start, counts: counts, lastLog: time.Now(), failFast: true,
		batch: make([]pending, 0, opt.BatchSize)}
}

// run writes what arrives on in until it is closed. ctx should not be
// cancelled before in is closed if finished analyses must not be lost.
func (w *writer) run(ctx context.Context, in <-chan pending) {
	tick := time.NewTicker(w.opt.FlushEvery)
	defer tick.Stop()
	for {
		select {
		case p, ok := <-in:
			if !ok {
				w.flush(ctx)
				w.report()
				w.res.Elapsed = time.Since(w.start)
				return
			}
			w.batch = append(w.batch, p)
			if len(w.batch) >= w.opt.BatchSize {
				w.flush(ctx)
			}
		case <-tick.C:
			w.flush(ctx)
			w.report()
		}
	}
}

func (w *writer) result() Result {
	r := w.res
	r.Elapsed = time.Since(w.start)
	return r
}

func (w *writer) flush(ctx context.Context) {
	if len(w.batch) == 0 {
		return
	}
	defer func() { w.batch = w.batch[:0] }()
	if w.failFast && w.err != nil {
		return
	}
	puts := make([]store.Put, len(w.batch))
	for i := range w.batch {
		puts[i] = w.batch[i].put
	}
	t0 := time.Now()
	out, err := w.st.Put(ctx, puts)
	w.opt.Logger.Debug("ingest: batch written", "items", len(puts), "elapsed", time.Since(t0).Round(time.Microsecond).String())
	if err != nil {
		err = fmt.Errorf("ingest: write batch: %w", err)
		if w.failFast {
			w.err = err
		} else {
			w.opt.Logger.Error("ingest: write batch failed; its items will be retried", "error", err, "items", len(puts))
		}
		for _, p := range w.batch {
			if p.done != nil {
				p.done <- err
			}
		}
		return
	}
	for i, o := range out {
		p := &puts[i]
		switch o {
		case store.OutcomeCreated:
			w.res.Created++
			w.res.Statements += len(p.Analysis.Statements)
		case store.OutcomeUpdated:
			w.res.Updated++
			w.res.Statements += len(p.Analysis.Statements)
		case store.OutcomeUnchanged:
			w.res.Unchanged++
		case store.OutcomeFailed:
			w.res.Failed++
			if len(w.res.Failures) < maxReportedFailures {
				w.res.Failures = append(w.res.Failures, store.Failure{SourceKey: p.SourceKey, DocHash: p.DocHash, Error: p.Failure, At: time.Now().UTC()})
			}
			w.opt.Logger.Warn("ingest item failed", "source_key", p.SourceKey, "error", p.Failure)
		}
		if d := w.batch[i].done; d != nil {
			d <- nil
		}
	}
	if w.afterWrite != nil {
		w.afterWrite(ctx, puts)
	}
	w.report()
}

func (w *writer) report() {
	if w.counts != nil {
		w.res.Seen, w.res.Skipped = w.counts()
	}
	if w.opt.Progress != nil {
		w.opt.Progress(w.res.Counts)
	}
	if w.opt.LogEvery > 0 && time.Since(w.lastLog) >= w.opt.LogEvery {
		w.lastLog = time.Now()
		w.opt.Logger.Info("ingest progress", counterAttrs(w.res.Counts, time.Since(w.start))...)
	}
}
