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
