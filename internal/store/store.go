// Package store defines what crosscheck keeps between runs: analysed articles
// with their statements, the claim ledger, echo (near-duplicate) band keys,
// statement link keys and the ingest bookkeeping that makes ingest
// idempotent and resumable.
//
// Store is implemented by store/sqlite (the default, one file) and
// store/postgres; both pass the one conformance suite in store/storetest.
// The interface is shaped by what its callers ask (ingest, claims rebuild,
// CLI, API, web UI), not by the schema, and is split per aggregate, one
// file each: ingest bookkeeping (ingest.go), articles (articles.go),
// statements (statements.go), search (search.go), the echo and link
// indexes (index.go) and the claim ledger (claims.go).
package store

import (
	"github.com/crosscheck/crosscheck"
)

// ErrNotFound is returned (wrapped) by lookups of an id that is not stored.
// It is crosscheck.ErrNotFound, so errors.Is works with either name.
var ErrNotFound = crosscheck.ErrNotFound

// Store is the persistent state of crosscheck. All methods are safe for
// concurrent use, also by several processes on one database. Methods that
// take a filter treat zero fields as "no constraint" and a zero Limit as
// DefaultLimit.
type Store interface {
	IngestLog
	ArticleStore
	StatementStore
	SearchIndex
	EchoIndex
	LinkIndex
	ClaimStore

	// Close releases the database.
	Close() error
}

// DefaultLimit is the page size used when a filter's Limit is 0; MaxLimit
// caps any Limit.
const (
	DefaultLimit = 50
	MaxLimit     = 10000
)

// TextWindow is how many matches of a full-text query are ranked (or
// sorted, and paged through): the most recently stored ones (for claims,
// those with the latest activity). Ranking every match of a common word
// costs time in proportion to the corpus; a claim query's total and
// counts cover every match up to TextCountCap.
const TextWindow = 1000

// Dates in filters are "YYYY-MM-DD" (a longer RFC 3339 value is cut to its
// day); Since and Until are inclusive and compare with an article's
// published day. Articles without a published date never match a date bound.
