package sqlstore

import (
	"context"

	"github.com/crosscheck/crosscheck/internal/store"
)

// Search implements store.SearchIndex.
func (s *DB) Search(ctx context.Context, q string, limit int) ([]store.Hit, error) {
	limit, _ = limits(limit, 0)
	fq := s.d.FTSQuery(q)
	out := []store.Hit{}
	if fq == "" {
		return out, nil
	}
	for _, part := range []struct {
		kind, query string
	}{{"article", s.d.SearchArticles}, {"statement", s.d.SearchStatements}} {
		rows, err := s.db.QueryContext(ctx, part.query, fq, limit, store.TextWindow)
		if err != nil {
			return nil, s.errorf("search %q: %w", q, err)
		}
		for rows.Next() {
			h := store.Hit{Kind: part.kind}
			if err := rows.Scan(&h.ArticleID, &h.Statement, &h.Title, &h.Site, &h.Published, &h.Snippet, &h.Score); err != nil {
				rows.Close()
				return nil, s.errorf("search %q: %w", q, err)
			}
			out = append(out, h)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, s.errorf("search %q: %w", q, err)
		}
	}
	// Merge the two ranked lists; scores of one dialect are comparable
	// between its article and statement queries.
	sortHits(out)
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// ExplainSearch returns the plans of the two queries of Search(q)
// ("articles", "statements"), like ExplainClaims.
func (s *DB) ExplainSearch(ctx context.Context, q string, limit int) ([]Plan, error) {
	fq := s.d.FTSQuery(q)
	return s.explain(ctx, []planQuery{
		{"articles", s.d.SearchArticles, []any{fq, limit, store.TextWindow}},
		{"statements", s.d.SearchStatements, []any{fq, limit, store.TextWindow}},
	})
}

func sortHits(h []store.Hit) {
	// insertion sort keeps equal scores in query order (articles first)
	for i := 1; i < len(h); i++ {
		for j := i; j > 0 && h[j].Score > h[j-1].Score; j-- {
			h[j], h[j-1] = h[j-1], h[j]
		}
	}
}
