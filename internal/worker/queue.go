package worker

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/source"
	"github.com/crosscheck/crosscheck/internal/store"
)

// The scale-out path (PostgreSQL): ingest enqueues one River job per new
// source item in the database itself, and any number of processes on any
// machines (`crosscheck worker`, and the enqueuing `crosscheck ingest`
// unless told not to) work the jobs: analyze the item and store it through
// the same batching writer as the in-process path.
//
// Exactly once: River hands a job to one worker at a time; the job
// completes only after its item's batch committed, and a job that is run
// again (its worker died between the commit and the completion, or River
// rescued it from a killed worker) first asks the store whether the item
// is done and then does nothing. Put itself is idempotent (content hash),
// so even a second write would neither double nor change anything.
//
// SQLite keeps the in-process queue of Ingest (channels between the
// producer, the analysis goroutines and the writer): one process owns the
// file, a persistent queue would only add writes to its single writer, and
// resuming is already given by the source keys recorded with each batch.

// ItemKind is the River job kind of a source item.
const ItemKind = "crosscheck_item"

// ItemArgs is one source item as a River job. Its raw document waits in
// the store (Store.ParkDocs), not in the job: River indexes job arguments
// (GIN) and rewrites the job row at every state change, which made a
// document in the arguments cost more than its analysis.
type ItemArgs struct {
	SourceKey string `json:"source_key" river:"unique"`
	DocHash   string `json:"doc_hash" river:"unique"`
	// Error is the source's error for the item, recorded as its failure;
	// "" when the document is parked.
	Error string `json:"error,omitempty"`
}

// Kind implements river.JobArgs.
func (ItemArgs) Kind() string { return ItemKind }

// QueueOptions configure a Queue. The zero value is usable.
type QueueOptions struct {
	// Work makes this process work jobs; without it the queue only
	// enqueues.
	Work bool
	// Workers is the number of concurrent analyses. Defaults to the
	// number of CPUs.
	Workers int
	// BatchSize and FlushEvery bound the write batches (defaults 256 and
	// 50 ms).
	BatchSize  int
	FlushEvery time.Duration
	// JobTimeout bounds one item's analysis and write. Defaults to 2
	// minutes.
	JobTimeout time.Duration
	// RescueAfter is how long a job may stay running before River gives
	// it to another worker (its worker was killed). Defaults to 5 minutes;
	// must exceed JobTimeout.
	RescueAfter time.Duration
	// MaxAttempts bounds the retries of a job whose write fails. Defaults
	// to 10.
	MaxAttempts int
	// Logger receives lifecycle logs. Defaults to discarding.
	Logger *slog.Logger
	// Progress and LogEvery as in Options.
	Progress func(Counts)
	LogEvery time.Duration
}

func (o QueueOptions) withDefaults() QueueOptions {
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 256
	}
	if o.FlushEvery <= 0 {
		o.FlushEvery = 50 * time.Millisecond
	}
	if o.JobTimeout <= 0 {
		o.JobTimeout = 2 * time.Minute
	}
	if o.RescueAfter <= o.JobTimeout {
		o.RescueAfter = max(5*time.Minute, o.JobTimeout+time.Minute)
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 10
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.LogEvery == 0 {
		o.LogEvery = 10 * time.Second
	}
	return o
}

// Queue is ingest's job queue on PostgreSQL, a River client on the
// store's database.
type Queue struct {
	client *river.Client[*sql.Tx]
	st     store.Store
	z      Analyzer
	opt    QueueOptions
	start  time.Time

	sem  chan struct{} // bounds concurrent analyses to opt.Workers
	in   chan pending
	w    *writer
	wg   sync.WaitGroup
	mu   sync.Mutex // guards seen, skip
	seen int
	skip int
	// sendMu lets jobs hand items to the writer (read-locked) until Stop
	// closes its input (write-locked).
	sendMu sync.RWMutex
	closed bool
}

// NewQueue migrates River's tables in db (the store's PostgreSQL database)
// and returns a queue on them. z may be nil when opt.Work is false.
func NewQueue(ctx context.Context, db *sql.DB, st store.Store, z Analyzer, opt QueueOptions) (*Queue, error) {
	opt = opt.withDefaults()
	drv := riverdatabasesql.New(db)
	mig, err := rivermigrate.New(drv, nil)
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	if _, err := mig.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("queue: migrate: %w", err)
	}
	q := &Queue{st: st, z: z, opt: opt, start: time.Now(), sem: make(chan struct{}, opt.Workers)}
	cfg := &river.Config{
		Logger:               opt.Logger.With("component", "river"),
		JobTimeout:           opt.JobTimeout,
		RescueStuckJobsAfter: opt.RescueAfter,
		MaxAttempts:          opt.MaxAttempts,
		// database/sql has no LISTEN: workers poll for jobs.
		PollOnly:          true,
		FetchPollInterval: 20 * time.Millisecond,
		FetchCooldown:     5 * time.Millisecond,
	}
	if opt.Work {
		if z == nil {
			return nil, errors.New("queue: working jobs needs an analyzer")
		}
		workers := river.NewWorkers()
		river.AddWorker(workers, &itemWorker{q: q})
		cfg.Workers = workers
		// More jobs in flight than analyses: the extra ones wait for their
		// batch to commit, so batches fill while analysis goes on.
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: max(128, opt.Workers*64)}}
	}
	client, err := river.NewClient(drv, cfg)
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	q.client = client
	return q, nil
}

// Start starts working jobs (QueueOptions.Work) until Stop.
func (q *Queue) Start(ctx context.Context) error {
	if !q.opt.Work {
		return nil
	}
	q.in = make(chan pending)
	wopt := Options{BatchSize: q.opt.BatchSize, FlushEvery: q.opt.FlushEvery, Logger: q.opt.Logger,
		Progress: q.opt.Progress, LogEvery: q.opt.LogEvery}
	q.w = newWriter(q.st, wopt, q.start, q.counts)
	q.w.failFast = false
	q.w.afterWrite = func(ctx context.Context, puts []store.Put) {
		keys := make([]store.DocKey, len(puts))
		for i, p := range puts {
			keys[i] = store.DocKey{SourceKey: p.SourceKey, DocHash: p.DocHash}
		}
		// A document left behind (the drop failed, or the process died
		// first) only takes space: its item is done.
		if err := q.st.DropDocs(ctx, keys); err != nil {
			q.opt.Logger.Warn("queue: drop parked documents", "error", err)
		}
	}
	q.wg.Go(func() { q.w.run(context.WithoutCancel(ctx), q.in) })
	if err := q.client.Start(ctx); err != nil {
		return fmt.Errorf("queue: start: %w", err)
	}
	return nil
}

// Stop stops fetching jobs, lets the running ones finish (their items
// are written) until ctx ends, then cancels what is left (River retries
// those later) and returns this process's counters.
func (q *Queue) Stop(ctx context.Context) (Result, error) {
	if !q.opt.Work {
		return Result{Counts: q.localCounts()}, nil
	}
	err := q.client.Stop(ctx)
	if err != nil {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		err = errors.Join(err, q.client.StopAndCancel(cctx))
	}
	q.sendMu.Lock()
	q.closed = true
	close(q.in)
	q.sendMu.Unlock()
	q.wg.Wait()
	res := q.w.result()
	return res, err
}

func (q *Queue) counts() (int, int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.seen, q.skip
}

func (q *Queue) localCounts() Counts {
	seen, skip := q.counts()
	return Counts{Seen: seen, Skipped: skip}
}

// Enqueue reads items and inserts a job for each one not done yet (same
// source key and document hash). A job for an item already queued or
// being worked is not inserted twice. It returns the number of jobs
// inserted.
func (q *Queue) Enqueue(ctx context.Context, items iter.Seq2[source.Item, error]) (int, error) {
	const chunk = 100
	var batch []river.InsertManyParams
	var docs []store.ParkedDoc
	inserted := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		// Documents first: a job must find its document.
		if err := q.st.ParkDocs(ctx, docs); err != nil {
			return fmt.Errorf("queue: enqueue: %w", err)
		}
		docs = docs[:0]
		res, err := q.client.InsertMany(ctx, batch)
		if err != nil {
			return fmt.Errorf("queue: enqueue: %w", err)
		}
		for _, r := range res {
			if !r.UniqueSkippedAsDuplicate {
				inserted++
			}
		}
		batch = batch[:0]
		return nil
	}
	for it, err := range items {
		if ctx.Err() != nil {
			break
		}
		q.mu.Lock()
		q.seen++
		q.mu.Unlock()
		if err != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
			break
		}
		j := newJob(it, err)
		if j.docHash != "" {
			done, derr := q.st.Done(ctx, j.key, j.docHash)
			if derr != nil {
				return inserted, fmt.Errorf("queue: %w", derr)
			}
			if done {
				q.mu.Lock()
				q.skip++
				q.mu.Unlock()
				continue
			}
		}
		args := ItemArgs{SourceKey: j.key, DocHash: j.docHash}
		if j.err != nil {
			args.Error = j.err.Error()
		} else {
			docs = append(docs, store.ParkedDoc{DocKey: store.DocKey{SourceKey: j.key, DocHash: j.docHash}, Doc: j.doc})
		}
		opts := &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
		if j.docHash == "" {
			// A fetch failure is retried by every run: not unique.
			opts = nil
		}
		batch = append(batch, river.InsertManyParams{Args: args, InsertOpts: opts})
		if len(batch) >= chunk {
			if err := flush(); err != nil {
				return inserted, err
			}
		}
	}
	if err := flush(); err != nil {
		return inserted, err
	}
	return inserted, ctx.Err()
}

// Outstanding reports whether any item job is not finished yet (waiting,
// running or to be retried), from any process. It asks for one job only:
// listing them would read their documents.
func (q *Queue) Outstanding(ctx context.Context) (bool, error) {
	params := river.NewJobListParams().Kinds(ItemKind).First(1).States(
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
		rivertype.JobStateRetryable, rivertype.JobStateScheduled)
	res, err := q.client.JobList(ctx, params)
	if err != nil {
		return false, fmt.Errorf("queue: list jobs: %w", err)
	}
	return len(res.Jobs) > 0, nil
}

// Discarded lists item jobs that failed for good (every attempt failed to
// store the item), at most limit.
func (q *Queue) Discarded(ctx context.Context, limit int) ([]*rivertype.JobRow, error) {
	res, err := q.client.JobList(ctx, river.NewJobListParams().Kinds(ItemKind).States(rivertype.JobStateDiscarded).First(limit))
	if err != nil {
		return nil, fmt.Errorf("queue: list jobs: %w", err)
	}
	return res.Jobs, nil
}

// WaitIdle returns when no item job is outstanding, polling every poll.
func (q *Queue) WaitIdle(ctx context.Context, poll time.Duration) error {
	for {
		busy, err := q.Outstanding(ctx)
		if err != nil {
			return err
		}
		if !busy {
			return nil
		}
		select {
		case <-time.After(poll):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// itemWorker works one item job.
type itemWorker struct {
	river.WorkerDefaults[ItemArgs]
	q *Queue
}

func (iw *itemWorker) Work(ctx context.Context, rj *river.Job[ItemArgs]) error {
	q, a := iw.q, rj.Args
	if a.DocHash != "" && rj.Attempt > 1 {
		// Done by an earlier attempt whose completion was lost (its worker
		// was killed after the commit): nothing to do. A first attempt
		// skips the question (a round trip per item): Enqueue asked it,
		// and River keeps one job per item (unique by its arguments, also
		// once completed), so only a race with a --local ingest of the
		// same item can find it done, and Put is idempotent.
		done, err := q.st.Done(ctx, a.SourceKey, a.DocHash)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
	}
	j := job{key: a.SourceKey, docHash: a.DocHash}
	if a.Error != "" {
		j.err = errors.New(a.Error)
	} else {
		doc, err := q.st.ParkedDoc(ctx, a.SourceKey, a.DocHash)
		if err != nil {
			return fmt.Errorf("queue: document of %s: %w", a.SourceKey, err)
		}
		j.doc = doc
	}
	select {
	case q.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	p := encode(q.st, analyze(ctx, q.z, j))
	<-q.sem
	if err := ctx.Err(); err != nil {
		// Cancelled (stopping): not a property of the item, retried later.
		return err
	}
	done := make(chan error, 1)
	q.sendMu.RLock()
	if q.closed {
		q.sendMu.RUnlock()
		return errors.New("queue: stopping")
	}
	select {
	case q.in <- pending{put: p, done: done}:
	case <-ctx.Done():
		q.sendMu.RUnlock()
		return ctx.Err()
	}
	q.sendMu.RUnlock()
	// Wait for the commit even if ctx ends meanwhile: the write is not
	// cancelled, and completing before it would lose the item on a crash.
	return <-done
}

// newJob is what the producer makes of a source item: the document and
// its hash, or the source's error (keyed by its message when it is
// deterministic, so that it is recorded once).
func newJob(it source.Item, err error) job {
	j := job{key: it.Key, err: err}
	if err == nil {
		j.doc = it.Doc
		j.docHash = DocHash(it.Doc)
	} else if crosscheck.ErrorCode(err) != crosscheck.EFETCH {
		j.docHash = errorHash(err)
	}
	return j
}
