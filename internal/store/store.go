// Package store defines what crosscheck keeps between runs: analysed articles
// with their statements, the claim ledger, echo (near-duplicate) band keys and
// the ingest bookkeeping that makes ingest idempotent and resumable.
//
// Store is implemented by store/sqlite (the default, one file) and
// store/postgres; both pass the one conformance suite in store/storetest.
// The interface is shaped by what its callers ask (ingest, claims rebuild,
// CLI, API, web UI), not by the schema.
package store

import (
	"context"
	"iter"
	"time"

	"github.com/crosscheck/crosscheck"
)

// ErrNotFound is returned (wrapped) by lookups of an id that is not stored.
// It is crosscheck.ErrNotFound, so errors.Is works with either name.
var ErrNotFound = crosscheck.ErrNotFound

// Store is the persistent state of crosscheck. All methods are safe for
// concurrent use. Methods that take a filter treat zero fields as "no
// constraint" and a zero Limit as DefaultLimit.
type Store interface {
	// Done reports whether the source item sourceKey was already processed
	// with the same raw document hash (successfully or not), so ingest can
	// skip it before analysis.
	Done(ctx context.Context, sourceKey, docHash string) (bool, error)

	// Put writes a batch of processed source items in one transaction and
	// returns one Outcome per item, in order. An item with Failure set is
	// recorded as failed with that error text. An article is keyed by its id
	// (Analysis.Article.ID, from the canonical URL): putting the same
	// ContentHash again is a no-op (OutcomeUnchanged), a different hash
	// replaces the article with its statements, places and bands.
	Put(ctx context.Context, batch []Put) ([]Outcome, error)

	// Article returns one stored analysis. Returns ErrNotFound if absent.
	Article(ctx context.Context, id string) (crosscheck.Analysis, error)
	// Articles lists stored articles, newest first, and the total matching
	// the filter (ignoring Limit and Offset).
	Articles(ctx context.Context, f ArticleFilter) ([]ArticleSummary, int, error)
	// Statements lists stored statements, newest article first, and the
	// total matching.
	Statements(ctx context.Context, f StatementFilter) ([]StatementRow, int, error)
	// Speakers lists speakers by number of statements, most first.
	Speakers(ctx context.Context, f SpeakerFilter) ([]SpeakerSummary, error)
	// Search runs a full-text query (words, implicit AND; a trailing * is a
	// prefix) over article titles and text and statement contents, best
	// first. FTS5 bm25 on SQLite, tsvector ts_rank on PostgreSQL.
	Search(ctx context.Context, q string, limit int) ([]Hit, error)
	// Failures lists recorded ingest failures, most recent first.
	Failures(ctx context.Context, limit int) ([]Failure, error)
	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)

	// Candidates returns the ids of stored articles sharing at least one LSH
	// band key with bands (excluding none), ordered by id.
	Candidates(ctx context.Context, bands []uint64) ([]string, error)
	// Analyses yields every stored article with its MinHash signature, in
	// a stable order (published, then id): the input of a claims rebuild.
	Analyses(ctx context.Context) iter.Seq2[StoredArticle, error]

	// LedgerStale reports whether articles were created or replaced since
	// the claim ledger was last replaced (true for a new store), i.e.
	// whether a claims rebuild would change anything.
	LedgerStale(ctx context.Context) (bool, error)
	// ReplaceClaims atomically swaps the whole claim ledger for claims and
	// the echo map (echo article id → origin article id), and records that
	// the ledger is up to date with the stored articles.
	ReplaceClaims(ctx context.Context, claims []crosscheck.Claim, echoOf map[string]string) error
	// Claims lists claims matching f and the total matching.
	Claims(ctx context.Context, f ClaimFilter) ([]crosscheck.Claim, int, error)
	// Claim returns one claim. Returns ErrNotFound if absent.
	Claim(ctx context.Context, id string) (crosscheck.Claim, error)
	// StatusCounts counts the claims matching f per status (a claim with
	// several statuses counts once for each). f.Status is ignored.
	StatusCounts(ctx context.Context, f ClaimFilter) (map[string]int, error)

	// Close releases the database.
	Close() error
}

// DefaultLimit is the page size used when a filter's Limit is 0; MaxLimit
// caps any Limit.
const (
	DefaultLimit = 50
	MaxLimit     = 10000
)

// Put is one processed source item for Store.Put.
type Put struct {
	SourceKey string // stable position of the item in its source, e.g. "path#line=12"
	DocHash   string // hash of the raw document bytes and hints, for Done
	// Failure, when not empty, records the item as failed with this error
	// text; the fields below are then ignored.
	Failure string

	Analysis    crosscheck.Analysis
	ContentHash string   // hash of the article content; equal hash = unchanged
	Signature   []uint64 // MinHash signature of the article text (claims.Signature)
	Bands       []uint64 // LSH band keys of Signature (claims.Bands)
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

// StoredArticle is one stored analysis with what a claims rebuild needs.
type StoredArticle struct {
	Analysis  crosscheck.Analysis
	Signature []uint64
}

// Failure is one source item that could not be ingested.
type Failure struct {
	SourceKey string
	DocHash   string
	Error     string
	At        time.Time
}

// Stats counts stored objects.
type Stats struct {
	Articles   int
	Statements int
	Speakers   int
	Claims     int
	Failures   int
}

// Dates in filters are "YYYY-MM-DD" (a longer RFC 3339 value is cut to its
// day); Since and Until are inclusive and compare with an article's
// published day. Articles without a published date never match a date bound.

// ArticleFilter selects articles.
type ArticleFilter struct {
	Site   string // exact outlet name
	Since  string
	Until  string
	Q      string // full-text query over title and text
	Limit  int
	Offset int
}

// ArticleSummary is one row of an article list.
type ArticleSummary struct {
	ID         string
	URL        string
	Site       string
	Title      string
	Published  string
	Language   string
	Statements int
	EchoOf     string // origin article id when this article is an echo, else ""
}

// StatementFilter selects statements.
type StatementFilter struct {
	Article string // article id
	Speaker string // canonical speaker name, case-insensitive exact match
	Party   string // speaker affiliation (ISO country code)
	Stance  string
	Since   string
	Until   string
	Q       string // full-text query over the content
	Limit   int
	Offset  int
}

// StatementRow is one statement with the article it comes from.
type StatementRow struct {
	ArticleID string
	Site      string
	Title     string
	URL       string
	Published string
	Statement crosscheck.Statement
}

// SpeakerFilter selects speakers.
type SpeakerFilter struct {
	Party string
	Q     string // case-insensitive substring of the name
	Limit int
}

// SpeakerSummary is one speaker with counts over stored statements.
type SpeakerSummary struct {
	Name        string // Speaker.Name, or Speaker.Text when unnamed
	Type        string
	Affiliation string
	Statements  int
	Articles    int
	First       string // earliest published day
	Last        string // latest published day
}

// Hit is one full-text search result.
type Hit struct {
	Kind      string // "article" or "statement"
	ArticleID string
	Statement string // statement id for Kind "statement"
	Title     string
	Site      string
	Published string
	Snippet   string // matched text with terms in [brackets]
	Score     float64
}

// Claim sort orders.
const (
	SortRecent     = "recent"     // first_seen, newest first (default)
	SortOldest     = "oldest"     // first_seen, oldest first
	SortStatements = "statements" // most statements first
	SortLatest     = "latest"     // latest activity (newest statement or status), newest first
	SortRelevance  = "relevance"  // full-text rank; needs Q (else recent)
)

// ClaimFilter selects claims.
type ClaimFilter struct {
	Status  string // one of the crosscheck.Status* values
	Party   string // a party among Claim.Parties
	Speaker string // a speaker of one of its statements, case-insensitive
	Place   string // a place named in one of its statements, case-insensitive
	Article string // an article it appears in
	Since   string // first_seen day bounds
	Until   string
	Q       string // full-text query over summary and statement contents
	Review  string // ReviewReviewed or ReviewNeeded (stores that implement Reviews)
	Sort    string // Sort* constant; "" = SortRecent, or SortRelevance with Q
	Limit   int
	Offset  int
}
