package watch

import (
	"context"
	"iter"

	"github.com/crosscheck/crosscheck/internal/source"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/worker"
)

// Ingester is how the watcher hands new items to the rest of crosscheck.
// The watcher never calls it concurrently with itself: Ingest and
// UpdateLedger run one at a time, so an implementation needs no locking of
// its own and a ledger build never overlaps a write.
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

// WorkerIngester is the Ingester of `crosscheck ingest` today: the worker's
// parallel analysis and single writer, then a claims rebuild when articles
// changed since the ledger was built (worker.RebuildClaims). When the
// incremental ledger lands, another Ingester (or this one with a cheaper
// UpdateLedger) replaces it without touching the watcher.
type WorkerIngester struct {
	Store    store.Store
	Analyzer worker.Analyzer
	Build    worker.BuildFunc
	Options  worker.Options
}

var _ Ingester = (*WorkerIngester)(nil)

// Ingest implements Ingester with worker.Ingest.
func (i *WorkerIngester) Ingest(ctx context.Context, items iter.Seq2[source.Item, error]) (IngestCounts, error) {
	res, err := worker.Ingest(ctx, i.Store, i.Analyzer, items, i.Options)
	return IngestCounts{Created: res.Created, Updated: res.Updated, Unchanged: res.Unchanged + res.Skipped, Failed: res.Failed}, err
}

// UpdateLedger implements Ingester with worker.RebuildClaims, which does
// nothing when no article changed since the last build.
func (i *WorkerIngester) UpdateLedger(ctx context.Context) error {
	_, err := worker.RebuildClaims(ctx, i.Store, i.Build)
	return err
}
