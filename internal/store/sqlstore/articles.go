package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"sync"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// articleReadCols are the columns of an article row decodeArticle reads,
// in articleRow's order.
const articleReadCols = "id, url, site, title, published, language, text, analysis"

// articleRow is an article row as decodeArticle reads it.
type articleRow struct {
	id, url, site, title, published, language, text string
	analysis                                        []byte
}

func (r *articleRow) dest() []any {
	return []any{&r.id, &r.url, &r.site, &r.title, &r.published, &r.language, &r.text, &r.analysis}
}

// decodeArticle reads an article row: its analysis, with the text of the
// text column unless that is empty, and (Dialect.TextInAnalysis) the
// fields that have columns from them: the analysis holds them only when
// it was written without TextInAnalysis, with the same values.
func (s *DB) decodeArticle(r articleRow) (crosscheck.Analysis, error) {
	var a crosscheck.Analysis
	if err := s.c.unpack(r.analysis, &a); err != nil {
		return a, err
	}
	if r.text != "" || !s.d.TextInAnalysis {
		a.Article.Text = r.text
	}
	if s.d.TextInAnalysis {
		art := &a.Article
		art.ID, art.Title, art.Language = r.id, r.title, r.language
		art.URL, art.Site, art.Published = crosscheck.NullString(r.url), crosscheck.NullString(r.site), crosscheck.NullString(r.published)
	}
	return a, nil
}

// articleText is the text of an article row, read like decodeArticle
// reads it but decoding only the text.
func (s *DB) articleText(text string, blob []byte) (string, error) {
	if text != "" || !s.d.TextInAnalysis {
		return text, nil
	}
	var a struct {
		Article struct {
			Text string `json:"text"`
		} `json:"article"`
	}
	if err := s.c.unpack(blob, &a); err != nil {
		return "", err
	}
	return a.Article.Text, nil
}

// Article implements store.ArticleStore.
func (s *DB) Article(ctx context.Context, id string) (crosscheck.Analysis, error) {
	var r articleRow
	err := s.db.QueryRowContext(ctx, `SELECT `+articleReadCols+` FROM articles WHERE id = $1`, safe(id)).Scan(r.dest()...)
	if errors.Is(err, sql.ErrNoRows) {
		return crosscheck.Analysis{}, fmt.Errorf("%s: article %s: %w", s.d.Name, id, store.ErrNotFound)
	}
	if err != nil {
		return crosscheck.Analysis{}, s.errorf("article %s: %w", id, err)
	}
	a, err := s.decodeArticle(r)
	if err != nil {
		return a, s.errorf("decode article %s: %w", id, err)
	}
	return a, nil
}

// Articles implements store.ArticleStore.
func (s *DB) Articles(ctx context.Context, f store.ArticleFilter) ([]store.ArticleSummary, int, error) {
	var w where
	if f.Site != "" {
		w.add("a.site = " + w.arg(f.Site))
	}
	w.dayBounds("a.published_day", f.Since, f.Until)
	if f.Q != "" {
		if q := s.d.FTSQuery(f.Q); q != "" {
			w.add(s.d.ArticleMatch(w.arg(q)))
		} else {
			w.add(noMatch)
		}
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles a`+w.sql(), s.read(f.Q != "", w.args)...).Scan(&total); err != nil {
		return nil, 0, s.errorf("count articles: %w", err)
	}
	limit, offset := limits(f.Limit, f.Offset)
	q := `SELECT a.id, a.url, a.site, a.title, a.published, a.language, a.n_statements, COALESCE(e.origin_id, '')
FROM articles a LEFT JOIN echoes e ON e.article_id = a.id` + w.sql() +
		` ORDER BY a.published_day DESC, a.published DESC, a.id LIMIT ` + w.arg(limit) + ` OFFSET ` + w.arg(offset)
	rows, err := s.db.QueryContext(ctx, q, s.read(f.Q != "", w.args)...)
	if err != nil {
		return nil, 0, s.errorf("list articles: %w", err)
	}
	defer rows.Close()
	out := []store.ArticleSummary{}
	for rows.Next() {
		var a store.ArticleSummary
		if err := rows.Scan(&a.ID, &a.URL, &a.Site, &a.Title, &a.Published, &a.Language, &a.Statements, &a.EchoOf); err != nil {
			return nil, 0, s.errorf("list articles: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, s.errorf("list articles: %w", err)
	}
	return out, total, nil
}

// Analyses implements store.ArticleStore.
func (s *DB) Analyses(ctx context.Context) iter.Seq2[store.StoredArticle, error] {
	return func(yield func(store.StoredArticle, error) bool) {
		rows, err := s.db.QueryContext(ctx, `SELECT `+articleReadCols+`, signature FROM articles
ORDER BY published_day, published, id`)
		if err != nil {
			yield(store.StoredArticle{}, s.errorf("read analyses: %w", err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			var r articleRow
			var sig []byte
			if err := rows.Scan(append(r.dest(), &sig)...); err != nil {
				yield(store.StoredArticle{}, s.errorf("read analyses: %w", err))
				return
			}
			a, err := s.decodeArticle(r)
			if err != nil {
				yield(store.StoredArticle{}, s.errorf("decode article %s: %w", r.id, err))
				return
			}
			if !yield(store.StoredArticle{Analysis: a, Signature: decodeSig(sig)}, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(store.StoredArticle{}, s.errorf("read analyses: %w", err))
		}
	}
}

// Generation implements store.ArticleStore.
func (s *DB) Generation(ctx context.Context) (int64, error) {
	var g int64
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'articles_gen'`).Scan(&g); err != nil {
		return 0, s.errorf("article generation: %w", err)
	}
	return g, nil
}

// Stats implements store.ArticleStore.
func (s *DB) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.db.QueryRowContext(ctx, `SELECT
 (SELECT COUNT(*) FROM articles),
 (SELECT COUNT(*) FROM statements),
 (SELECT COUNT(*) FROM (SELECT DISTINCT speaker_lc FROM statements WHERE speaker_lc <> '') sp),
 (SELECT COUNT(*) FROM claims),
 (SELECT COUNT(*) FROM sources WHERE error IS NOT NULL)`).Scan(&st.Articles, &st.Statements, &st.Speakers, &st.Claims, &st.Failures)
	if err != nil {
		return st, s.errorf("stats: %w", err)
	}
	return st, nil
}

// sharedDecoder decompresses for ArticleTextOf and StatementTextOf, which
// SQL functions call without a store at hand. zstd's DecodeAll is safe for
// concurrent use; the decoder is made once, when first needed.
var sharedDecoder = sync.OnceValue(newDecoder)

// unpackShared runs inside SQLite for every search hit whose snippet needs
// its text, hence the fast decoder.
func unpackShared(b []byte, v any) error {
	return codec{dec: sharedDecoder()}.unpackFast(b, v)
}

// ArticleTextOf returns the article text held in a stored analysis (the
// analysis column written with Dialect.TextInAnalysis; "" for one
// written without): what the SQLite schema's crosscheck_article_text()
// returns to the search index.
func ArticleTextOf(analysis []byte) (string, error) {
	var a struct {
		Article struct {
			Text string `json:"text"`
		} `json:"article"`
	}
	if err := unpackShared(analysis, &a); err != nil {
		return "", err
	}
	return a.Article.Text, nil
}

// StatementTextOf returns the content of statement seq (its position) of a
// stored analysis, as Put would have written it to the content column:
// what the SQLite schema's crosscheck_statement_text() returns to the
// search index. A position out of range is an error.
func StatementTextOf(analysis []byte, seq int) (string, error) {
	var a struct {
		Statements []struct {
			Content struct {
				Text string `json:"text"`
			} `json:"content"`
		} `json:"statements"`
	}
	if err := unpackShared(analysis, &a); err != nil {
		return "", err
	}
	if seq < 0 || seq >= len(a.Statements) {
		return "", fmt.Errorf("statement %d of %d", seq, len(a.Statements))
	}
	return clean(a.Statements[seq].Content.Text), nil
}
