package store

import "context"

// SearchIndex is the full-text search over articles and statements.
type SearchIndex interface {
	// Search runs a full-text query (words, implicit AND; a trailing * is a
	// prefix) over article titles and text and statement contents, best
	// first among the TextWindow most recently stored matching articles
	// and statements. FTS5 bm25 on SQLite, tsvector ts_rank on
	// PostgreSQL.
	Search(ctx context.Context, q string, limit int) ([]Hit, error)
}

// TextMerger is a store whose full-text indexes answer faster once merged
// after writes. SQLite's FTS5 writes every batch as a segment of its own,
// and a row deleted from a contentless index leaves a tombstone that every
// query checks until a merge drops it: the claim ledger deletes and writes
// claims' rows on every update. PostgreSQL's indexes need no such step.
type TextMerger interface {
	// MergeText merges the segments of the full-text indexes that gain
	// from it, with about pages pages of work for each: the callers give a
	// budget that grows with the rows they deleted, so that the merging
	// keeps up with the deletions.
	MergeText(ctx context.Context, pages int) error
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
