package store

import (
	"context"
	"iter"

	"github.com/crosscheck/crosscheck"
)

// ArticleStore reads stored articles.
type ArticleStore interface {
	// Article returns one stored analysis. Returns ErrNotFound if absent.
	Article(ctx context.Context, id string) (crosscheck.Analysis, error)
	// Articles lists stored articles, newest first, and the total matching
	// the filter (ignoring Limit and Offset).
	Articles(ctx context.Context, f ArticleFilter) ([]ArticleSummary, int, error)
	// Analyses yields every stored article in a stable order (published,
	// then id): the input of a full claims rebuild. Read Generation before it to know what the rebuild covers.
	Analyses(ctx context.Context) iter.Seq2[StoredArticle, error]
	// Generation is the article generation: a counter that grows whenever
	// an article is created or replaced. A ledger built from what Analyses
	// yielded after reading generation g covers at least generation g.
	Generation(ctx context.Context) (int64, error)
	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)
}

// StoredArticle is one stored analysis with what a claims rebuild needs.
// Signature is nil: signatures are not stored (see Put.Signature).
type StoredArticle struct {
	Analysis  crosscheck.Analysis
	Signature []uint64
}

// Stats counts stored objects.
type Stats struct {
	Articles   int
	Statements int
	Speakers   int
	Claims     int
	Failures   int
}

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
