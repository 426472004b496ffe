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
// after writes. SQLite's FTS5 writes every batch as a segment of its own;
// a query walks each segment's list of a term (and bm25 counts every
// document of each term in all of them), so that an index built by a
// large ingest answers in about half the time once its segments are
// merged into one. PostgreSQL's indexes need no such step.
type TextMerger interface {
	// MergeText merges the segments of the full-text indexes, with about
	// pages pages of work for each (a page holds the entries of a few
	// articles): the callers give a budget that grows with what they
	// wrote, so that the merging keeps up with the writes and an index
	// that was written in one large ingest is merged whole.
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
