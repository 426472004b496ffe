package store

import (
	"context"
	"time"

	"github.com/crosscheck/crosscheck"
)

// IngestLog is the ingest bookkeeping: which source items were processed,
// the batched write of their results, and the failures.
type IngestLog interface {
	// Done reports whether the source item sourceKey was already processed
	// with the same raw document hash (successfully or not), so ingest can
	// skip it before analysis.
	Done(ctx context.Context, sourceKey, docHash string) (bool, error)

	// Put writes a batch of processed source items in one transaction and
	// returns one Outcome per item, in order. An item with Failure set is
	// recorded as failed with that error text. An article is keyed by its id
	// (Analysis.Article.ID, from the canonical URL): putting the same
	// ContentHash again is a no-op (OutcomeUnchanged), a different hash
	// replaces the article with its statements, places, bands and link
	// keys. Several processes may Put the same articles at once: each item
	// ends stored once, and a deadlock or serialization failure between
	// them is retried inside Put.
	Put(ctx context.Context, batch []Put) ([]Outcome, error)

	// Failures lists recorded ingest failures, most recent first.
	Failures(ctx context.Context, limit int) ([]Failure, error)

	// ParkDocs keeps the raw documents of queued items until DropDocs, so
	// that a job queue need carry only their keys. Parking a key again
	// keeps the first document (same key and hash, same bytes).
	ParkDocs(ctx context.Context, docs []ParkedDoc) error
	// ParkedDoc returns the parked document of an item. Returns
	// ErrNotFound if it is not (or no longer) parked.
	ParkedDoc(ctx context.Context, sourceKey, docHash string) (crosscheck.Document, error)
	// DropDocs forgets parked documents (absent ones are ignored).
	DropDocs(ctx context.Context, keys []DocKey) error
}

// DocKey identifies a source item's document: its source key and hash.
type DocKey struct{ SourceKey, DocHash string }

// ParkedDoc is a raw document waiting for its item to be worked.
type ParkedDoc struct {
	DocKey
	Doc crosscheck.Document
}

// Put is one processed source item for Store.Put.
type Put struct {
	SourceKey string // stable position of the item in its source, e.g. "path#line=12"
	DocHash   string // hash of the raw document bytes and hints, for Done
	// Failure, when not empty, records the item as failed with this error
	// text; the fields below are then ignored.
	Failure string

	Analysis    crosscheck.Analysis
	ContentHash string // hash of the article content; equal hash = unchanged
	// Signature is the MinHash signature of the article text
	// (claims.Signature). It is not stored: it is a function of the text,
	// 1 KB of incompressible numbers per article, and whoever needs it
	// recomputes it (claims.Sign).
	Signature []uint64
	Bands     []uint64 // LSH band keys of Signature (claims.Bands)
	// Encoded, when not nil, is Analysis as the store keeps it, made by
	// the store's PutEncoder on the caller's goroutine; Put then writes it
	// instead of encoding Analysis itself. Nil: Put encodes.
	Encoded []byte
	// LinkKeys, when not nil, holds the link keys of each statement, in the
	// order of Analysis.Statements: what LinkIndex.LinkCandidates finds
	// the statement by.
	LinkKeys [][]uint64
}

// PutEncoder is implemented by stores that can encode a Put's analysis
// ahead of its write (Put.Encoded). An ingest calls it on its analysis
// goroutines, so that its one writer, the part of ingest that does not
// run in parallel, only writes.
type PutEncoder interface {
	// EncodePut sets p.Encoded from p.Analysis (nothing for a failure).
	// p.Analysis must not change afterwards.
	EncodePut(p *Put) error
}

// Outcome is what Put did with one item.
type Outcome int

// Outcomes of Put.
const (
	OutcomeCreated   Outcome = iota + 1 // a new article
	OutcomeUpdated                      // an existing article whose content changed
	OutcomeUnchanged                    // the same article and content was already stored
	OutcomeFailed                       // recorded as a failure
)

func (o Outcome) String() string {
	switch o {
	case OutcomeCreated:
		return "created"
	case OutcomeUpdated:
		return "updated"
	case OutcomeUnchanged:
		return "unchanged"
	case OutcomeFailed:
		return "failed"
	}
	return "unknown"
}

// Failure is one source item that could not be ingested.
type Failure struct {
	SourceKey string
	DocHash   string
	Error     string
	At        time.Time
}
