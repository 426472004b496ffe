package store

import "context"

// EchoIndex finds re-published copies: articles sharing an LSH band key of
// their MinHash signature (claims.Bands) with a new article.
type EchoIndex interface {
	// Candidates returns the ids of stored articles sharing at least one LSH
	// band key with bands, ordered by id.
	Candidates(ctx context.Context, bands []uint64) ([]string, error)
	// EchoCandidates returns the stored articles sharing at least one band
	// key with bands, with their publication and the number of shared
	// keys, ordered by published day, published, then id. Verifying a
	// candidate needs its text (ArticleStore.Article).
	EchoCandidates(ctx context.Context, bands []uint64) ([]EchoCandidate, error)
}

// EchoCandidate is one article found through the band index.
type EchoCandidate struct {
	ID        string
	Published string
	Shared    int // band keys shared with the query
}

// LinkIndex finds the statements a new statement may belong with: those
// sharing link keys (Put.LinkKeys: content tokens, later the claim frame
// keys of the claims package) published within a time window. It is what
// the incremental ledger asks instead of reading every analysis.
type LinkIndex interface {
	// LinkCandidates returns the statements that have at least minShared
	// of keys (at least 1) and whose article's published day is within
	// [since, until] (inclusive "YYYY-MM-DD"; "" leaves that side open;
	// undated statements never match a bound), most shared keys first,
	// then by day, article id and statement id; at most limit of them
	// (DefaultLimit when 0, at most MaxLimit).
	LinkCandidates(ctx context.Context, q LinkQuery) ([]LinkCandidate, error)
}

// LinkQuery is a LinkIndex lookup.
type LinkQuery struct {
	Keys         []uint64
	Since, Until string
	MinShared    int
	Limit        int
}

// LinkCandidate is one statement found through the link index.
type LinkCandidate struct {
	ArticleID   string
	StatementID string
	Day         string // its article's published day, "" when undated
	Shared      int    // distinct query keys it has
}
