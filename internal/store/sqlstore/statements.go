package sqlstore

import (
	"context"
	"strings"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// Statements implements store.StatementStore. Statements are not stored as
// documents of their own: the page's rows are read from the columns, and
// each statement from its article's analysis.
func (s *DB) Statements(ctx context.Context, f store.StatementFilter) ([]store.StatementRow, int, error) {
	var w where
	if f.Article != "" {
		w.add("s.article_k = (SELECT k FROM articles WHERE id = " + w.arg(f.Article) + ")")
	}
	if f.Speaker != "" {
		w.add("s.speaker_lc = " + w.arg(strings.ToLower(f.Speaker)))
	}
	if f.Party != "" {
		// The party index holds only statements with a party
		// (migration 39): the planner uses it when the query says so.
		w.add("s.party = " + w.arg(f.Party) + " AND s.party <> ''")
	}
	if f.Stance != "" {
		w.add("s.stance = " + w.arg(f.Stance))
	}
	w.dayBounds("s.published_day", f.Since, f.Until)
	if f.Q != "" {
		if q := s.d.FTSQuery(f.Q); q != "" {
			w.add(s.d.StatementMatch(w.arg(q)))
		} else {
			w.add(noMatch)
		}
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM statements s`+w.sql(), s.read(f.Q != "", w.args)...).Scan(&total); err != nil {
		return nil, 0, s.errorf("count statements: %w", err)
	}
	limit, offset := limits(f.Limit, f.Offset)
	q := `SELECT a.k, a.id, a.site, a.title, a.url, a.published, s.seq
FROM statements s JOIN articles a ON a.k = s.article_k` + w.sql() +
		` ORDER BY s.published_day DESC, a.published DESC, a.id, s.seq LIMIT ` + w.arg(limit) + ` OFFSET ` + w.arg(offset)
	rows, err := s.db.QueryContext(ctx, q, s.read(f.Q != "", w.args)...)
	if err != nil {
		return nil, 0, s.errorf("list statements: %w", err)
	}
	out := []store.StatementRow{}
	var keys []int64
	var seqs []int
	for rows.Next() {
		var r store.StatementRow
		var k int64
		var seq int
		if err := rows.Scan(&k, &r.ArticleID, &r.Site, &r.Title, &r.URL, &r.Published, &seq); err != nil {
			rows.Close()
			return nil, 0, s.errorf("list statements: %w", err)
		}
		out = append(out, r)
		keys = append(keys, k)
		seqs = append(seqs, seq)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, s.errorf("list statements: %w", err)
	}
	stmts, err := s.articleStatements(ctx, keys)
	if err != nil {
		return nil, 0, err
	}
	for i := range out {
		sts := stmts[keys[i]]
		if seqs[i] >= len(sts) {
			return nil, 0, s.errorf("statement %d of article %s is missing from its analysis", seqs[i], out[i].ArticleID)
		}
		out[i].Statement = sts[seqs[i]]
	}
	return out, total, nil
}

// articleStatements reads the statements of the analyses of articles ks.
func (s *DB) articleStatements(ctx context.Context, ks []int64) (map[int64][]crosscheck.Statement, error) {
	out := map[int64][]crosscheck.Statement{}
	var todo []any
	for _, k := range ks {
		if _, ok := out[k]; !ok {
			out[k] = nil
			todo = append(todo, k)
		}
	}
	for len(todo) > 0 {
		n := min(len(todo), 200)
		var w where
		rows, err := s.db.QueryContext(ctx, `SELECT k, analysis FROM articles WHERE k IN (`+w.in(todo[:n])+`)`, w.args...)
		if err != nil {
			return nil, s.errorf("read statements: %w", err)
		}
		for rows.Next() {
			var k int64
			var blob []byte
			if err := rows.Scan(&k, &blob); err != nil {
				rows.Close()
				return nil, s.errorf("read statements: %w", err)
			}
			// Only the statements are decoded.
			var a struct {
				Statements []crosscheck.Statement `json:"statements"`
			}
			if err := s.c.unpack(blob, &a); err != nil {
				rows.Close()
				return nil, s.errorf("decode statements of article %d: %w", k, err)
			}
			out[k] = a.Statements
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, s.errorf("read statements: %w", err)
		}
		todo = todo[n:]
	}
	return out, nil
}

// Speakers implements store.StatementStore.
func (s *DB) Speakers(ctx context.Context, f store.SpeakerFilter) ([]store.SpeakerSummary, error) {
	var w where
	w.add("s.speaker_lc <> ''")
	if f.Party != "" {
		w.add("s.party = " + w.arg(f.Party) + " AND s.party <> ''")
	}
	if f.Q != "" {
		w.add("s.speaker_lc LIKE " + w.arg("%"+escapeLike(strings.ToLower(f.Q))+"%") + ` ESCAPE '\'`)
	}
	limit, _ := limits(f.Limit, 0)
	q := `SELECT MIN(s.speaker), MAX(s.speaker_type), MAX(s.party), COUNT(*), COUNT(DISTINCT s.article_k),
 COALESCE(MIN(NULLIF(s.published_day, '')), ''), MAX(s.published_day)
FROM statements s` + w.sql() + ` GROUP BY s.speaker_lc ORDER BY COUNT(*) DESC, s.speaker_lc LIMIT ` + w.arg(limit)
	rows, err := s.db.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, s.errorf("list speakers: %w", err)
	}
	defer rows.Close()
	out := []store.SpeakerSummary{}
	for rows.Next() {
		var r store.SpeakerSummary
		if err := rows.Scan(&r.Name, &r.Type, &r.Affiliation, &r.Statements, &r.Articles, &r.First, &r.Last); err != nil {
			return nil, s.errorf("list speakers: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("list speakers: %w", err)
	}
	return out, nil
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}
