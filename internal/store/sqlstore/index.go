package sqlstore

import (
	"context"
	"slices"

	"github.com/crosscheck/crosscheck/internal/store"
)

// Candidates implements store.EchoIndex.
func (s *DB) Candidates(ctx context.Context, bands []uint64) ([]string, error) {
	out := []string{}
	cs, err := s.EchoCandidates(ctx, bands)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		out = append(out, c.ID)
	}
	// EchoCandidates orders by publication; Candidates by id.
	slices.Sort(out)
	return out, nil
}

// EchoCandidates implements store.EchoIndex.
func (s *DB) EchoCandidates(ctx context.Context, bands []uint64) ([]store.EchoCandidate, error) {
	out := []store.EchoCandidate{}
	bands = uniqKeys(bands)
	if len(bands) == 0 {
		return out, nil
	}
	var w where
	vs := make([]any, len(bands))
	for i, b := range bands {
		vs[i] = int64(b)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.published, m.n FROM
 (SELECT article_k, COUNT(*) AS n FROM echo_bands WHERE band IN (`+w.in(vs)+`) GROUP BY article_k) m
 JOIN articles a ON a.k = m.article_k
ORDER BY a.published_day, a.published, a.id`, w.args...)
	if err != nil {
		return nil, s.errorf("echo candidates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c store.EchoCandidate
		if err := rows.Scan(&c.ID, &c.Published, &c.Shared); err != nil {
			return nil, s.errorf("echo candidates: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("echo candidates: %w", err)
	}
	return out, nil
}

// LinkCandidates implements store.LinkIndex: one index range per key and
// day window (the primary key is key, day, article, statement), grouped per
// statement.
func (s *DB) LinkCandidates(ctx context.Context, q store.LinkQuery) ([]store.LinkCandidate, error) {
	out := []store.LinkCandidate{}
	keys := uniqKeys(q.Keys)
	if len(keys) == 0 {
		return out, nil
	}
	var w where
	vs := make([]any, len(keys))
	for i, k := range keys {
		vs[i] = int64(k)
	}
	w.add("sk.key IN (" + w.in(vs) + ")")
	if q.Since != "" {
		w.add("sk.day >= " + w.arg(max(dayNumber(dayOf(q.Since)), 0)))
	}
	if q.Until != "" {
		w.add("sk.day >= 0 AND sk.day <= " + w.arg(dayNumber(dayOf(q.Until))))
	}
	limit, _ := limits(q.Limit, 0)
	minShared := max(q.MinShared, 1)
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, st.id, m.day, m.n FROM
 (SELECT sk.article_k, sk.seq, sk.day, COUNT(*) AS n FROM statement_keys sk`+w.sql()+`
  GROUP BY sk.article_k, sk.seq, sk.day HAVING COUNT(*) >= `+w.arg(minShared)+`) m
 JOIN articles a ON a.k = m.article_k
 JOIN statements st ON st.article_k = m.article_k AND st.seq = m.seq
ORDER BY m.n DESC, m.day, a.id, m.seq LIMIT `+w.arg(limit), w.args...)
	if err != nil {
		return nil, s.errorf("link candidates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c store.LinkCandidate
		var day int64
		if err := rows.Scan(&c.ArticleID, &c.StatementID, &day, &c.Shared); err != nil {
			return nil, s.errorf("link candidates: %w", err)
		}
		c.Day = dayString(day)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("link candidates: %w", err)
	}
	return out, nil
}
