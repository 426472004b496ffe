package sqlstore

import (
	"context"

	"github.com/crosscheck/crosscheck/internal/store"
)

type ProbeQuery struct {
	Name string
	Q    string
	Args []any
}

func (s *DB) ProbeQueries(ctx context.Context, f store.ClaimFilter) []ProbeQuery {
	f, tokens, err := s.textFilter(ctx, f)
	if err != nil {
		panic(err)
	}
	q := s.claimQueries(f, tokens)
	sq, sargs := s.statusCountQuery(f, tokens)
	return []ProbeQuery{{"count", q.count, q.countArgs}, {"list", q.list, q.listArgs}, {"status", sq, sargs}}
}
