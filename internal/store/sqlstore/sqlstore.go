// Package sqlstore is the store.Store implementation shared by the SQLite and
// PostgreSQL stores: one SQL text with $N placeholders, plus a small Dialect
// for what really differs (full-text search). The schema lives in each
// driver's embedded migrations.
package sqlstore

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// Dialect holds the SQL that differs between databases. Every function
// receives the placeholder ($N) that binds the query built by FTSQuery.
type Dialect struct {
	// Name prefixes error messages: "sqlite" or "postgres".
	Name string
	// FTSQuery turns a user query into the database's query syntax, or ""
	// when it has no searchable word.
	FTSQuery func(q string) string
	// ArticleMatch is a predicate on articles alias a.
	ArticleMatch func(param string) string
	// StatementMatch is a predicate on statements alias s.
	StatementMatch func(param string) string
	// ClaimMatch is a predicate on claims alias c.
	ClaimMatch func(param string) string
	// ClaimRank is an expression ranking claims alias c, larger is better.
	ClaimRank func(param string) string
	// SearchArticles and SearchStatements return the full search queries:
	// columns id, statement id, title, site, published, snippet, score
	// (larger is better); $1 is the query, $2 the limit.
	SearchArticles   string
	SearchStatements string

	// Optional hooks, run inside the writing transaction, for search
	// indexes that are not maintained by the database itself.
	//
	// UnindexArticle runs before article id is replaced.
	UnindexArticle func(ctx context.Context, tx *sql.Tx, id string) error
	// IndexArticles runs after a batch wrote (created or replaced) the
	// articles ids with their statements.
	IndexArticles func(ctx context.Context, tx *sql.Tx, ids []string) error
	// ClearClaimsIndex runs before the claims are deleted, IndexClaims after
	// the new ones are inserted.
	ClearClaimsIndex func(ctx context.Context, tx *sql.Tx) error
	IndexClaims      func(ctx context.Context, tx *sql.Tx) error
}

// DB is a store.Store on a *sql.DB whose schema is already migrated.
type DB struct {
	db *sql.DB
	d  Dialect
	// Now is the clock for bookkeeping timestamps.
	Now func() time.Time
}

var _ store.Store = (*DB)(nil)

// New wraps db. The caller migrates db before use and closes it through
// Close.
func New(db *sql.DB, d Dialect) *DB {
	return &DB{db: db, d: d, Now: func() time.Time { return time.Now().UTC() }}
}

// SQL returns the underlying database, for tests and migrations.
func (s *DB) SQL() *sql.DB { return s.db }

// Close closes the database.
func (s *DB) Close() error { return s.db.Close() }

func (s *DB) errorf(format string, args ...any) error {
	return fmt.Errorf(s.d.Name+": "+format, args...)
}

// Done implements store.Store.
func (s *DB) Done(ctx context.Context, sourceKey, docHash string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx,
		`SELECT 1 FROM sources WHERE source_key = $1 AND doc_hash = $2`, safe(sourceKey), safe(docHash)).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, s.errorf("done %q: %w", sourceKey, err)
	}
	return true, nil
}

// Put implements store.Store.
func (s *DB) Put(ctx context.Context, batch []store.Put) ([]store.Outcome, error) {
	if len(batch) == 0 {
		return nil, nil
	}
	out := make([]store.Outcome, len(batch))
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		changed := false
		var pending []string // written, not yet indexed
		inPending := map[string]bool{}
		index := func() error {
			if len(pending) == 0 || s.d.IndexArticles == nil {
				return nil
			}
			if err := s.d.IndexArticles(ctx, tx, pending); err != nil {
				return s.errorf("put: index: %w", err)
			}
			pending, inPending = pending[:0], map[string]bool{}
			return nil
		}
		for i := range batch {
			id := batch[i].Analysis.Article.ID
			if batch[i].Failure == "" && inPending[id] {
				// The same article again in this batch: index it before
				// it may be replaced, so unindexing finds what it removes.
				if err := index(); err != nil {
					return err
				}
			}
			o, err := s.put(ctx, tx, &batch[i], now)
			if err != nil {
				return err
			}
			out[i] = o
			if o == store.OutcomeCreated || o == store.OutcomeUpdated {
				changed = true
				if !inPending[id] {
					inPending[id] = true
					pending = append(pending, id)
				}
			}
		}
		if err := index(); err != nil {
			return err
		}
		if changed {
			if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = value + 1 WHERE key = 'articles_gen'`); err != nil {
				return s.errorf("put: bump generation: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return s.errorf("commit: %w", err)
	}
	return nil
}

const upsertSource = `INSERT INTO sources (source_key, doc_hash, article_id, error, at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (source_key) DO UPDATE SET doc_hash = $2, article_id = $3, error = $4, at = $5`

func (s *DB) put(ctx context.Context, tx *sql.Tx, p *store.Put, now time.Time) (store.Outcome, error) {
	if p.SourceKey == "" {
		return 0, s.errorf("put: empty source key")
	}
	if p.Failure != "" {
		if _, err := tx.ExecContext(ctx, upsertSource, safe(p.SourceKey), safe(p.DocHash), nil, safe(p.Failure), now); err != nil {
			return 0, s.errorf("record failure %q: %w", p.SourceKey, err)
		}
		return store.OutcomeFailed, nil
	}
	a := &p.Analysis
	id := a.Article.ID
	if id == "" {
		return 0, s.errorf("put %q: article has no id", p.SourceKey)
	}
	if p.ContentHash == "" {
		return 0, s.errorf("put %q: empty content hash", p.SourceKey)
	}
	var old, oldPublished, oldURL string
	err := tx.QueryRowContext(ctx, `SELECT content_hash, published, url FROM articles WHERE id = $1`, id).Scan(&old, &oldPublished, &oldURL)
	exists := err == nil
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, s.errorf("put %s: %w", id, err)
	}
	outcome := store.OutcomeCreated
	switch {
	case exists && old == p.ContentHash:
		outcome = store.OutcomeUnchanged
	case exists && oldURL == "" && !firstPublication(string(a.Article.Published), p.ContentHash, oldPublished, old):
		// An article without a URL is keyed by its text, so this is the
		// same text from another source. Keep the earliest publication
		// (its origin), whatever order the sources were read in, so that
		// ingest ends in the same state however it was interrupted.
		outcome = store.OutcomeUnchanged
	case exists:
		outcome = store.OutcomeUpdated
		if err := s.deleteParts(ctx, tx, id); err != nil {
			return 0, err
		}
	}
	if outcome != store.OutcomeUnchanged {
		if err := s.writeArticle(ctx, tx, p, now); err != nil {
			return 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, upsertSource, safe(p.SourceKey), safe(p.DocHash), id, nil, now); err != nil {
		return 0, s.errorf("mark source %q: %w", p.SourceKey, err)
	}
	return outcome, nil
}

// firstPublication reports whether version a (published, content hash) of a
// text-keyed article precedes version b: the earlier publication date first,
// a known date before an unknown one, then the smaller hash, so the choice
// does not depend on arrival order.
func firstPublication(aPublished, aHash, bPublished, bHash string) bool {
	switch {
	case aPublished != bPublished && aPublished != "" && bPublished != "":
		return aPublished < bPublished
	case aPublished != bPublished:
		return aPublished != ""
	}
	return aHash < bHash
}

func (s *DB) deleteParts(ctx context.Context, tx *sql.Tx, id string) error {
	if s.d.UnindexArticle != nil {
		if err := s.d.UnindexArticle(ctx, tx, id); err != nil {
			return s.errorf("replace article %s: unindex: %w", id, err)
		}
	}
	for _, q := range []string{
		`DELETE FROM statements WHERE article_id = $1`,
		`DELETE FROM statement_places WHERE article_id = $1`,
		`DELETE FROM article_bands WHERE article_id = $1`,
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return s.errorf("replace article %s: %w", id, err)
		}
	}
	return nil
}

func (s *DB) writeArticle(ctx context.Context, tx *sql.Tx, p *store.Put, now time.Time) error {
	a := p.Analysis
	art := a.Article
	text := clean(art.Text)
	// The text is stored once, in its own column (indexed for search).
	a.Article.Text = ""
	a.Article.Title = clean(art.Title)
	a.Article.Site = crosscheck.NullString(clean(string(art.Site)))
	a.Article.URL = crosscheck.NullString(clean(string(art.URL)))
	blob, err := json.Marshal(a)
	if err != nil {
		return s.errorf("encode article %s: %w", art.ID, err)
	}
	day := Day(string(art.Published))
	_, err = tx.ExecContext(ctx, `INSERT INTO articles
(id, url, site, title, published, published_day, language, text, analysis, signature, content_hash, n_statements, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
ON CONFLICT (id) DO UPDATE SET url = $2, site = $3, title = $4, published = $5, published_day = $6,
 language = $7, text = $8, analysis = $9, signature = $10, content_hash = $11, n_statements = $12, updated_at = $13`,
		art.ID, clean(string(art.URL)), clean(string(art.Site)), clean(art.Title), string(art.Published), day,
		art.Language, text, clean(string(blob)), encodeSig(p.Signature), p.ContentHash, len(a.Statements), now)
	if err != nil {
		return s.errorf("write article %s: %w", art.ID, err)
	}
	if len(a.Statements) > 0 {
		st, err := tx.PrepareContext(ctx, `INSERT INTO statements
(article_id, id, seq, speaker, speaker_lc, speaker_type, party, stance, content, published_day, statement)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`)
		if err != nil {
			return s.errorf("write statements of %s: %w", art.ID, err)
		}
		defer st.Close()
		pl, err := tx.PrepareContext(ctx, `INSERT INTO statement_places (article_id, statement_id, place_lc)
VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`)
		if err != nil {
			return s.errorf("write statement places of %s: %w", art.ID, err)
		}
		defer pl.Close()
		for i, stm := range a.Statements {
			b, err := json.Marshal(stm)
			if err != nil {
				return s.errorf("encode statement %s/%s: %w", art.ID, stm.ID, err)
			}
			name := SpeakerName(stm.Speaker)
			if _, err := st.ExecContext(ctx, art.ID, stm.ID, i, clean(name), strings.ToLower(clean(name)),
				stm.Speaker.Type, string(stm.Speaker.Affiliation), stm.Stance, clean(stm.Content.Text), day, clean(string(b))); err != nil {
				return s.errorf("write statement %s/%s: %w", art.ID, stm.ID, err)
			}
			for _, place := range StatementPlaces(&a, stm) {
				if _, err := pl.ExecContext(ctx, art.ID, stm.ID, strings.ToLower(clean(place))); err != nil {
					return s.errorf("write places of %s/%s: %w", art.ID, stm.ID, err)
				}
			}
		}
	}
	if len(p.Bands) > 0 {
		bs, err := tx.PrepareContext(ctx, `INSERT INTO article_bands (band, article_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`)
		if err != nil {
			return s.errorf("write bands of %s: %w", art.ID, err)
		}
		defer bs.Close()
		for _, b := range p.Bands {
			if _, err := bs.ExecContext(ctx, int64(b), art.ID); err != nil {
				return s.errorf("write bands of %s: %w", art.ID, err)
			}
		}
	}
	return nil
}

// SpeakerName is the canonical name of a statement's speaker: its resolved
// name, else the text that names it.
func SpeakerName(sp crosscheck.Speaker) string {
	if sp.Name != "" {
		return string(sp.Name)
	}
	return sp.Text
}

// StatementPlaces returns the names of the place entities mentioned inside
// the statement's content, in entity order without duplicates.
func StatementPlaces(a *crosscheck.Analysis, st crosscheck.Statement) []string {
	var out []string
	for _, e := range a.Entities {
		if e.Type != crosscheck.TypePlace {
			continue
		}
		for _, m := range e.Mentions {
			if m.Start >= st.Content.Start && m.End <= st.Content.End {
				out = append(out, e.Name)
				break
			}
		}
	}
	return out
}

// Day returns the YYYY-MM-DD prefix of a date or timestamp, or "" when v
// does not start with one.
func Day(v string) string {
	if len(v) < 10 {
		return ""
	}
	d := v[:10]
	if _, err := time.Parse("2006-01-02", d); err != nil {
		return ""
	}
	return d
}

// clean replaces NUL bytes, which PostgreSQL text cannot hold, with spaces
// (one byte for one, so spans stay valid).
func clean(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x00", " ")
}

// safe is clean plus invalid UTF-8 replaced, for values that carry no
// spans: source keys (file names may hold any bytes), error texts, filters.
func safe(s string) string {
	return strings.ToValidUTF8(clean(s), "\uFFFD")
}

func encodeSig(sig []uint64) []byte {
	if len(sig) == 0 {
		return nil
	}
	b := make([]byte, 8*len(sig))
	for i, v := range sig {
		binary.LittleEndian.PutUint64(b[8*i:], v)
	}
	return b
}

func decodeSig(b []byte) []uint64 {
	if len(b) == 0 {
		return nil
	}
	sig := make([]uint64, len(b)/8)
	for i := range sig {
		sig[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return sig
}

func decodeArticle(text, analysis string) (crosscheck.Analysis, error) {
	var a crosscheck.Analysis
	if err := json.Unmarshal([]byte(analysis), &a); err != nil {
		return a, err
	}
	a.Article.Text = text
	return a, nil
}

// Article implements store.Store.
func (s *DB) Article(ctx context.Context, id string) (crosscheck.Analysis, error) {
	var text, blob string
	err := s.db.QueryRowContext(ctx, `SELECT text, analysis FROM articles WHERE id = $1`, safe(id)).Scan(&text, &blob)
	if errors.Is(err, sql.ErrNoRows) {
		return crosscheck.Analysis{}, fmt.Errorf("%s: article %s: %w", s.d.Name, id, store.ErrNotFound)
	}
	if err != nil {
		return crosscheck.Analysis{}, s.errorf("article %s: %w", id, err)
	}
	a, err := decodeArticle(text, blob)
	if err != nil {
		return a, s.errorf("decode article %s: %w", id, err)
	}
	return a, nil
}

// where accumulates SQL predicates and their arguments, numbering
// placeholders as it goes.
type where struct {
	conds []string
	args  []any
}

// arg binds v and returns its placeholder. Strings are made valid UTF-8
// without NULs first: PostgreSQL rejects both, and no stored value has them.
func (w *where) arg(v any) string {
	if str, ok := v.(string); ok {
		v = safe(str)
	}
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

func (w *where) add(cond string) { w.conds = append(w.conds, cond) }

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

func limits(limit, offset int) (int, int) {
	if limit <= 0 {
		limit = store.DefaultLimit
	}
	if limit > store.MaxLimit {
		limit = store.MaxLimit
	}
	if offset < 0 {
		offset = 0
	}
	return limit, offset
}

// dayBounds adds Since/Until predicates on column col.
func (w *where) dayBounds(col, since, until string) {
	if since != "" {
		w.add(col + " <> '' AND " + col + " >= " + w.arg(dayOf(since)))
	}
	if until != "" {
		w.add(col + " <> '' AND " + col + " <= " + w.arg(dayOf(until)))
	}
}

func dayOf(v string) string {
	if len(v) > 10 {
		return v[:10]
	}
	return v
}

// noMatch is a predicate that matches nothing, for a full-text query with
// no searchable word.
const noMatch = "1 = 0"

// Articles implements store.Store.
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
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles a`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, s.errorf("count articles: %w", err)
	}
	limit, offset := limits(f.Limit, f.Offset)
	q := `SELECT a.id, a.url, a.site, a.title, a.published, a.language, a.n_statements, COALESCE(e.origin_id, '')
FROM articles a LEFT JOIN echoes e ON e.article_id = a.id` + w.sql() +
		` ORDER BY a.published_day DESC, a.published DESC, a.id LIMIT ` + w.arg(limit) + ` OFFSET ` + w.arg(offset)
	rows, err := s.db.QueryContext(ctx, q, w.args...)
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

// Statements implements store.Store.
func (s *DB) Statements(ctx context.Context, f store.StatementFilter) ([]store.StatementRow, int, error) {
	var w where
	if f.Article != "" {
		w.add("s.article_id = " + w.arg(f.Article))
	}
	if f.Speaker != "" {
		w.add("s.speaker_lc = " + w.arg(strings.ToLower(f.Speaker)))
	}
	if f.Party != "" {
		w.add("s.party = " + w.arg(f.Party))
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
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM statements s`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, s.errorf("count statements: %w", err)
	}
	limit, offset := limits(f.Limit, f.Offset)
	q := `SELECT s.article_id, a.site, a.title, a.url, a.published, s.statement
FROM statements s JOIN articles a ON a.id = s.article_id` + w.sql() +
		` ORDER BY s.published_day DESC, a.published DESC, s.article_id, s.seq LIMIT ` + w.arg(limit) + ` OFFSET ` + w.arg(offset)
	rows, err := s.db.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, 0, s.errorf("list statements: %w", err)
	}
	defer rows.Close()
	out := []store.StatementRow{}
	for rows.Next() {
		var r store.StatementRow
		var blob string
		if err := rows.Scan(&r.ArticleID, &r.Site, &r.Title, &r.URL, &r.Published, &blob); err != nil {
			return nil, 0, s.errorf("list statements: %w", err)
		}
		if err := json.Unmarshal([]byte(blob), &r.Statement); err != nil {
			return nil, 0, s.errorf("decode statement of %s: %w", r.ArticleID, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, s.errorf("list statements: %w", err)
	}
	return out, total, nil
}

// Speakers implements store.Store.
func (s *DB) Speakers(ctx context.Context, f store.SpeakerFilter) ([]store.SpeakerSummary, error) {
	var w where
	w.add("s.speaker_lc <> ''")
	if f.Party != "" {
		w.add("s.party = " + w.arg(f.Party))
	}
	if f.Q != "" {
		w.add("s.speaker_lc LIKE " + w.arg("%"+escapeLike(strings.ToLower(f.Q))+"%") + ` ESCAPE '\'`)
	}
	limit, _ := limits(f.Limit, 0)
	q := `SELECT MIN(s.speaker), MAX(s.speaker_type), MAX(s.party), COUNT(*), COUNT(DISTINCT s.article_id),
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

// Search implements store.Store.
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
		rows, err := s.db.QueryContext(ctx, part.query, fq, limit)
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

func sortHits(h []store.Hit) {
	// insertion sort keeps equal scores in query order (articles first)
	for i := 1; i < len(h); i++ {
		for j := i; j > 0 && h[j].Score > h[j-1].Score; j-- {
			h[j], h[j-1] = h[j-1], h[j]
		}
	}
}

// Failures implements store.Store.
func (s *DB) Failures(ctx context.Context, limit int) ([]store.Failure, error) {
	limit, _ = limits(limit, 0)
	rows, err := s.db.QueryContext(ctx, `SELECT source_key, doc_hash, error, at FROM sources
WHERE error IS NOT NULL ORDER BY at DESC, source_key LIMIT $1`, limit)
	if err != nil {
		return nil, s.errorf("list failures: %w", err)
	}
	defer rows.Close()
	out := []store.Failure{}
	for rows.Next() {
		var f store.Failure
		if err := rows.Scan(&f.SourceKey, &f.DocHash, &f.Error, &f.At); err != nil {
			return nil, s.errorf("list failures: %w", err)
		}
		f.At = f.At.UTC()
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("list failures: %w", err)
	}
	return out, nil
}

// Stats implements store.Store.
func (s *DB) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.db.QueryRowContext(ctx, `SELECT
 (SELECT COUNT(*) FROM articles),
 (SELECT COUNT(*) FROM statements),
 (SELECT COUNT(DISTINCT speaker_lc) FROM statements WHERE speaker_lc <> ''),
 (SELECT COUNT(*) FROM claims),
 (SELECT COUNT(*) FROM sources WHERE error IS NOT NULL)`).Scan(&st.Articles, &st.Statements, &st.Speakers, &st.Claims, &st.Failures)
	if err != nil {
		return st, s.errorf("stats: %w", err)
	}
	return st, nil
}

// Candidates implements store.Store.
func (s *DB) Candidates(ctx context.Context, bands []uint64) ([]string, error) {
	out := []string{}
	if len(bands) == 0 {
		return out, nil
	}
	var w where
	ph := make([]string, len(bands))
	for i, b := range bands {
		ph[i] = w.arg(int64(b))
	}
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT article_id FROM article_bands WHERE band IN (`+
		strings.Join(ph, ", ")+`) ORDER BY article_id`, w.args...)
	if err != nil {
		return nil, s.errorf("candidates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, s.errorf("candidates: %w", err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("candidates: %w", err)
	}
	return out, nil
}

// Analyses implements store.Store.
func (s *DB) Analyses(ctx context.Context) iter.Seq2[store.StoredArticle, error] {
	return func(yield func(store.StoredArticle, error) bool) {
		rows, err := s.db.QueryContext(ctx, `SELECT id, text, analysis, signature FROM articles
ORDER BY published_day, published, id`)
		if err != nil {
			yield(store.StoredArticle{}, s.errorf("read analyses: %w", err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			var id, text, blob string
			var sig []byte
			if err := rows.Scan(&id, &text, &blob, &sig); err != nil {
				yield(store.StoredArticle{}, s.errorf("read analyses: %w", err))
				return
			}
			a, err := decodeArticle(text, blob)
			if err != nil {
				yield(store.StoredArticle{}, s.errorf("decode article %s: %w", id, err))
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

// LedgerStale implements store.Store.
func (s *DB) LedgerStale(ctx context.Context) (bool, error) {
	var stale bool
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT value FROM meta WHERE key = 'articles_gen') <>
 (SELECT value FROM meta WHERE key = 'claims_gen')`).Scan(&stale)
	if err != nil {
		return false, s.errorf("ledger stale: %w", err)
	}
	return stale, nil
}

// ReplaceClaims implements store.Store.
func (s *DB) ReplaceClaims(ctx context.Context, claims []crosscheck.Claim, echoOf map[string]string) error {
	// Rows are gathered first and written with multi-row INSERTs: the
	// ledger is rewritten whole on every rebuild, so this is the hot path.
	var cl, cs, cp, csp, ca, es [][]any
	for _, c := range claims {
		if c.ID == "" {
			return s.errorf("replace claims: claim without id")
		}
		blob, err := json.Marshal(c)
		if err != nil {
			return s.errorf("encode claim %s: %w", c.ID, err)
		}
		var body strings.Builder
		body.WriteString(c.Summary)
		seen := map[string]bool{c.Summary: true}
		for _, st := range c.Statements {
			if !seen[st.Content] {
				seen[st.Content] = true
				body.WriteString("\n")
				body.WriteString(st.Content)
			}
		}
		cl = append(cl, []any{c.ID, clean(c.Summary), c.FirstSeen, Day(c.FirstSeen), lastDay(c), len(c.Statements), clean(body.String()), clean(string(blob))})
		for _, v := range uniq(c.Status) {
			cs = append(cs, []any{c.ID, v})
		}
		for _, v := range uniq(c.Parties) {
			cp = append(cp, []any{c.ID, v})
		}
		var speakers []string
		type artStmt struct{ a, s string }
		arts := map[artStmt]bool{}
		for _, st := range c.Statements {
			if st.Speaker != "" {
				speakers = append(speakers, strings.ToLower(clean(st.Speaker)))
			}
			if k := (artStmt{st.Article, st.Statement}); !arts[k] {
				arts[k] = true
				ca = append(ca, []any{c.ID, st.Article, st.Statement})
			}
		}
		for _, ap := range c.Appearances {
			if k := (artStmt{ap.Article, ""}); !arts[k] {
				arts[k] = true
				ca = append(ca, []any{c.ID, ap.Article, ""})
			}
		}
		for _, v := range uniq(speakers) {
			csp = append(csp, []any{c.ID, v})
		}
	}
	for echo, origin := range echoOf {
		es = append(es, []any{echo, origin})
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if s.d.ClearClaimsIndex != nil {
			if err := s.d.ClearClaimsIndex(ctx, tx); err != nil {
				return s.errorf("replace claims: %w", err)
			}
		}
		for _, q := range []string{
			`DELETE FROM claim_article`, `DELETE FROM claim_speaker`, `DELETE FROM claim_party`,
			`DELETE FROM claim_status`, `DELETE FROM claims`, `DELETE FROM echoes`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return s.errorf("replace claims: %w", err)
			}
		}
		for _, ins := range []struct {
			table string
			cols  []string
			rows  [][]any
		}{
			{"claims", []string{"id", "summary", "first_seen", "first_day", "last_day", "n_statements", "body", "claim"}, cl},
			{"claim_status", []string{"claim_id", "status"}, cs},
			{"claim_party", []string{"claim_id", "party"}, cp},
			{"claim_speaker", []string{"claim_id", "speaker_lc"}, csp},
			{"claim_article", []string{"claim_id", "article_id", "statement_id"}, ca},
			{"echoes", []string{"article_id", "origin_id"}, es},
		} {
			if err := insertRows(ctx, tx, ins.table, ins.cols, ins.rows); err != nil {
				return s.errorf("replace claims: %w", err)
			}
		}
		if s.d.IndexClaims != nil {
			if err := s.d.IndexClaims(ctx, tx); err != nil {
				return s.errorf("replace claims: index: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = (SELECT value FROM meta WHERE key = 'articles_gen')
WHERE key = 'claims_gen'`); err != nil {
			return s.errorf("replace claims: record generation: %w", err)
		}
		return nil
	})
}

// insertRows writes rows with multi-row INSERT statements of at most
// maxParams parameters each: small statements, because binding cost grows
// faster than linearly with the parameter count in the SQLite driver.
func insertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	const maxParams = 200
	per := max(1, maxParams/len(cols))
	var full *sql.Stmt // the statement for full chunks, prepared once
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, per*len(cols))
	for len(rows) > 0 {
		n := min(per, len(rows))
		args = args[:0]
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		var err error
		if n == per {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, insertSQL(table, cols, n)); err != nil {
					return fmt.Errorf("insert into %s: %w", table, err)
				}
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, insertSQL(table, cols, n), args...)
		}
		if err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
		rows = rows[n:]
	}
	return nil
}

// insertSQL is a multi-row INSERT of n rows.
func insertSQL(table string, cols []string, n int) string {
	var q strings.Builder
	q.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(" + Placeholders(i*len(cols), len(cols)) + ")")
	}
	return q.String()
}

// Placeholders returns "$1, $2, …, $n" starting after already bound args.
func Placeholders(from, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(from+i+1))
	}
	return b.String()
}

// uniq returns vs without repeats, in first-seen order.
func uniq(vs []string) []string {
	seen := make(map[string]bool, len(vs))
	out := vs[:0:0]
	for _, v := range vs {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// claimWhere builds the predicates of f on claims alias c.
func (s *DB) claimWhere(f store.ClaimFilter, w *where, withStatus bool) (ftsParam string) {
	if withStatus && f.Status != "" {
		w.add("c.id IN (SELECT claim_id FROM claim_status WHERE status = " + w.arg(f.Status) + ")")
	}
	if f.Party != "" {
		w.add("c.id IN (SELECT claim_id FROM claim_party WHERE party = " + w.arg(f.Party) + ")")
	}
	if f.Speaker != "" {
		w.add("c.id IN (SELECT claim_id FROM claim_speaker WHERE speaker_lc = " + w.arg(strings.ToLower(f.Speaker)) + ")")
	}
	if f.Place != "" {
		w.add(`c.id IN (SELECT ca.claim_id FROM claim_article ca JOIN statement_places sp
 ON sp.article_id = ca.article_id AND sp.statement_id = ca.statement_id WHERE sp.place_lc = ` + w.arg(strings.ToLower(f.Place)) + ")")
	}
	if f.Article != "" {
		w.add("c.id IN (SELECT claim_id FROM claim_article WHERE article_id = " + w.arg(f.Article) + ")")
	}
	w.dayBounds("c.first_day", f.Since, f.Until)
	reviewWhere(f.Review, w) // reviews.go
	if f.Q != "" {
		q := s.d.FTSQuery(f.Q)
		if q == "" {
			w.add(noMatch)
			return ""
		}
		ftsParam = w.arg(q)
		w.add(s.d.ClaimMatch(ftsParam))
	}
	return ftsParam
}

// lastDay is the day of a claim's latest activity: its newest statement or
// the newest start of one of its statuses.
func lastDay(c crosscheck.Claim) string {
	last := Day(c.FirstSeen)
	for _, st := range c.Statements {
		last = max(last, Day(st.Published))
	}
	for _, e := range c.Evidence {
		last = max(last, Day(e.Since))
	}
	return last
}

// Claims implements store.Store.
func (s *DB) Claims(ctx context.Context, f store.ClaimFilter) ([]crosscheck.Claim, int, error) {
	var w where
	fts := s.claimWhere(f, &w, true)
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM claims c`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, s.errorf("count claims: %w", err)
	}
	order := "c.first_day DESC, c.first_seen DESC, c.id"
	switch f.Sort {
	case store.SortOldest:
		order = "c.first_day = '', c.first_day, c.first_seen, c.id"
	case store.SortStatements:
		order = "c.n_statements DESC, c.first_day DESC, c.id"
	case store.SortLatest:
		order = "c.last_day DESC, c.first_day DESC, c.id"
	case store.SortRelevance, "":
		if fts != "" {
			order = s.d.ClaimRank(fts) + " DESC, c.id"
		}
	}
	limit, offset := limits(f.Limit, f.Offset)
	// Sort and page on the narrow columns first, then read the page's
	// claim documents: selecting the JSON column in the sorted query would
	// copy every matching claim's document through the sorter.
	q := `SELECT c.id FROM claims c` + w.sql() + ` ORDER BY ` + order +
		` LIMIT ` + w.arg(limit) + ` OFFSET ` + w.arg(offset)
	rows, err := s.db.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, 0, s.errorf("list claims: %w", err)
	}
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return nil, 0, s.errorf("list claims: %w", err)
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, s.errorf("list claims: %w", err)
	}
	out := make([]crosscheck.Claim, 0, len(keys))
	for _, k := range keys {
		var blob string
		if err := s.db.QueryRowContext(ctx, `SELECT claim FROM claims WHERE id = $1`, k).Scan(&blob); err != nil {
			return nil, 0, s.errorf("list claims: %w", err)
		}
		var c crosscheck.Claim
		if err := json.Unmarshal([]byte(blob), &c); err != nil {
			return nil, 0, s.errorf("decode claim: %w", err)
		}
		out = append(out, c)
	}
	return out, total, nil
}

// Claim implements store.Store.
func (s *DB) Claim(ctx context.Context, id string) (crosscheck.Claim, error) {
	var blob string
	err := s.db.QueryRowContext(ctx, `SELECT claim FROM claims WHERE id = $1`, safe(id)).Scan(&blob)
	if errors.Is(err, sql.ErrNoRows) {
		return crosscheck.Claim{}, fmt.Errorf("%s: claim %s: %w", s.d.Name, id, store.ErrNotFound)
	}
	if err != nil {
		return crosscheck.Claim{}, s.errorf("claim %s: %w", id, err)
	}
	var c crosscheck.Claim
	if err := json.Unmarshal([]byte(blob), &c); err != nil {
		return c, s.errorf("decode claim %s: %w", id, err)
	}
	return c, nil
}

// StatusCounts implements store.Store.
func (s *DB) StatusCounts(ctx context.Context, f store.ClaimFilter) (map[string]int, error) {
	var w where
	s.claimWhere(f, &w, false)
	q := `SELECT cs.status, COUNT(*) FROM claim_status cs JOIN claims c ON c.id = cs.claim_id` + w.sql() +
		` GROUP BY cs.status`
	rows, err := s.db.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, s.errorf("count claim statuses: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, s.errorf("count claim statuses: %w", err)
		}
		out[st] = n
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("count claim statuses: %w", err)
	}
	return out, nil
}

// Terms splits a user query into lower-cased words of letters and digits;
// a word directly followed by '*' is returned with prefix true.
func Terms(q string) (words []string, prefix []bool) {
	rs := []rune(q)
	for i := 0; i < len(rs); {
		if !isWord(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && isWord(rs[j]) {
			j++
		}
		words = append(words, strings.ToLower(string(rs[i:j])))
		prefix = append(prefix, j < len(rs) && rs[j] == '*')
		i = j
	}
	return words, prefix
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
