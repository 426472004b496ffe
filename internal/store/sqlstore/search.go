package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"maps"
	"slices"

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
	window := cmp.Or(s.SearchWindow, store.TextWindow)
	var keys []int64
	for _, part := range []struct {
		kind, query, recent, recentMatches string
	}{{"article", s.d.SearchArticles, s.d.RecentSearchArticles, s.d.RecentArticleMatches},
		{"statement", s.d.SearchStatements, s.d.RecentSearchStatements, s.d.RecentStatementMatches}} {
		query := part.query
		if part.recent != "" {
			var n int
			if err := s.db.QueryRowContext(ctx, part.recentMatches, s.read(true, []any{fq, window})...).Scan(&n); err != nil {
				return nil, s.errorf("search %q: %w", q, err)
			}
			if n >= window {
				query = part.recent
			}
		}
		rows, err := s.db.QueryContext(ctx, query, s.read(true, []any{fq, limit, window})...)
		if err != nil {
			return nil, s.errorf("search %q: %w", q, err)
		}
		for rows.Next() {
			h := store.Hit{Kind: part.kind}
			var k int64
			if err := rows.Scan(&h.ArticleID, &h.Statement, &h.Title, &h.Site, &h.Published, &h.Snippet, &h.Score, &k); err != nil {
				rows.Close()
				return nil, s.errorf("search %q: %w", q, err)
			}
			out = append(out, h)
			keys = append(keys, k)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, s.errorf("search %q: %w", q, err)
		}
	}
	// Merge the two ranked lists; scores of one dialect are comparable
	// between its article and statement queries.
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	// A stable sort keeps equal scores in query order (articles first).
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(out[b].Score, out[a].Score) })
	hits := make([]store.Hit, 0, min(limit, len(out)))
	byKind := map[string]map[int64]int{}
	for _, i := range order[:min(limit, len(order))] {
		if byKind[out[i].Kind] == nil {
			byKind[out[i].Kind] = map[int64]int{}
		}
		byKind[out[i].Kind][keys[i]] = len(hits)
		hits = append(hits, out[i])
	}
	for kind, query := range map[string]string{"article": s.d.ArticleSnippets, "statement": s.d.StatementSnippets} {
		if query == "" || len(byKind[kind]) == 0 {
			continue
		}
		if err := s.snippets(ctx, query, fq, byKind[kind], hits); err != nil {
			return nil, s.errorf("search %q: %w", q, err)
		}
	}
	return hits, nil
}

// snippets runs a snippet query (Dialect.ArticleSnippets) for the hits at
// the positions at[key].
func (s *DB) snippets(ctx context.Context, query, fq string, at map[int64]int, hits []store.Hit) error {
	ks := slices.Sorted(maps.Keys(at))
	list, err := json.Marshal(ks)
	if err != nil {
		return err
	}
	rows, err := s.db.QueryContext(ctx, query, s.read(true, []any{fq, ks[0], ks[len(ks)-1], string(list)})...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k int64
		var snip string
		if err := rows.Scan(&k, &snip); err != nil {
			return err
		}
		if i, ok := at[k]; ok {
			hits[i].Snippet = snip
		}
	}
	return rows.Err()
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

// MergeText implements store.TextMerger: each of the dialect's text
// indexes gets about pages pages of merging, in a transaction of its own.
func (s *DB) MergeText(ctx context.Context, pages int) error {
	if s.d.MergeText == nil || pages <= 0 {
		return nil
	}
	for _, ix := range s.d.TextIndexes {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, s.d.MergeText(ix), pages)
			return err
		})
		if err != nil {
			return s.errorf("merge text index %s: %w", ix, err)
		}
	}
	return nil
}
