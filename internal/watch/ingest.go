package watch

import (
	"context"
	"iter"

	"github.com/crosscheck/crosscheck/internal/ledger"
	"github.com/crosscheck/crosscheck/internal/source"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/worker"
)

// Ingester is how the watcher hands new items to the rest of crosscheck.
// The watcher never runs two Ingest calls at once, but UpdateLedger may run
// while an Ingest runs, so that fetching and storing never wait for a
// ledger build: an implementation must then bring what that Ingest stored
// into the ledger at a later UpdateLedger call (the watcher makes one after
// every poll that stored something).
type Ingester interface {
	// Ingest analyzes and stores items through the ingest path (keyed by
	// Item.Key and the document's hash, so an item already stored is
	// skipped; echoes folded). An item yielded with an error is recorded
	// as a failed item with that error. It returns what it did; on a
	// cancelled ctx it keeps what was stored and returns ctx's error.
	Ingest(ctx context.Context, items iter.Seq2[source.Item, error]) (IngestCounts, error)
	// UpdateLedger brings the claim ledger up to date with everything
	// Ingest stored. The watcher calls it after each poll that stored new
	// or changed articles (coalesced while a build runs) and once at
	// start, for a ledger a crash left stale. An incremental ledger that
	// Ingest already updates may make it a cheap no-op.
	UpdateLedger(ctx context.Context) error
}

// IngestCounts is what one Ingest call did.
type IngestCounts struct {
	Created   int // new articles
	Updated   int // stored articles whose content changed
	Unchanged int // already stored with the same content (or skipped as done)
	Failed    int // items recorded as failed
}

// New is the number of articles that changed the store.
func (c IngestCounts) New() int { return c.Created + c.Updated }

// WorkerIngester is the Ingester of `crosscheck ingest`: the worker's
// parallel analysis and single writer, and the incremental claim ledger
// (internal/ledger), which brings in the articles the store queued for it
// — those of an Ingest still running too, at this call or the next.
type WorkerIngester struct {
	Store    store.Store
	Analyzer worker.Analyzer
	Ledger   *ledger.Ledger
	Options  worker.Options
}

var _ Ingester = (*WorkerIngester)(nil)

// Ingest implements Ingester with worker.Ingest.
func (i *WorkerIngester) Ingest(ctx context.Context, items iter.Seq2[source.Item, error]) (IngestCounts, error) {
	res, err := worker.Ingest(ctx, i.Store, i.Analyzer, items, i.Options)
	return IngestCounts{Created: res.Created, Updated: res.Updated, Unchanged: res.Unchanged + res.Skipped, Failed: res.Failed}, err
}

// UpdateLedger implements Ingester with ledger.Ledger.Update: only the
// articles stored since the last call are read, and only the claims they
// touch are built again. The store's text indexes are then merged with a
// page of work per claim the update removed (store.TextMerger), as after
// an ingest.
func (i *WorkerIngester) UpdateLedger(ctx context.Context) error {
	res, err := i.Ledger.Update(ctx)
	if err != nil {
		return err
	}
	if m, ok := i.Store.(store.TextMerger); ok && res.Removed > 0 {
		return m.MergeText(ctx, res.Removed)
	}
	return nil
}
