package sqlstore

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// Done implements store.IngestLog.
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

// Failures implements store.IngestLog.
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

// Put implements store.IngestLog. The batch is written in one transaction:
// the articles one by one (each needs its key), their statements, places,
// bands and link keys gathered and written with multi-row INSERTs, then
// indexed for search in one pass.
func (s *DB) Put(ctx context.Context, batch []store.Put) ([]store.Outcome, error) {
	if len(batch) == 0 {
		return nil, nil
	}
	for i := range batch {
		if err := s.check(&batch[i]); err != nil {
			return nil, err
		}
	}
	var out []store.Outcome
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if s.d.LockArticles != nil {
			var ids []string
			for i := range batch {
				if batch[i].Failure == "" {
					ids = append(ids, batch[i].Analysis.Article.ID)
				}
			}
			if err := s.d.LockArticles(ctx, tx, ids); err != nil {
				return s.errorf("put: lock articles: %w", err)
			}
		}
		w := &batchWriter{s: s, tx: tx, now: s.Now()}
		if err := w.prefetch(ctx, batch); err != nil {
			return err
		}
		out = make([]store.Outcome, len(batch))
		for i := range batch {
			o, err := w.put(ctx, &batch[i])
			if err != nil {
				return err
			}
			out[i] = o
		}
		if err := w.flush(ctx); err != nil {
			return err
		}
		if w.changed {
			// Last, so that the row lock it takes (PostgreSQL) is held
			// for the shortest time.
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

func (s *DB) check(p *store.Put) error {
	if p.SourceKey == "" {
		return s.errorf("put: empty source key")
	}
	if p.Failure != "" {
		return nil
	}
	if p.Analysis.Article.ID == "" {
		return s.errorf("put %q: article has no id", p.SourceKey)
	}
	if p.ContentHash == "" {
		return s.errorf("put %q: empty content hash", p.SourceKey)
	}
	if p.LinkKeys != nil && len(p.LinkKeys) != len(p.Analysis.Statements) {
		return s.errorf("put %q: %d link key sets for %d statements", p.SourceKey, len(p.LinkKeys), len(p.Analysis.Statements))
	}
	return nil
}

// batchWriter gathers the child rows of the articles of one Put batch.
type batchWriter struct {
	s       *DB
	tx      *sql.Tx
	now     time.Time
	changed bool

	statements, places, bands, keys [][]any
	pending                         []int64         // article keys written, not yet flushed and indexed
	inPending                       map[string]bool // their ids

	known    map[string]stored // stored state of the batch's articles
	sources  [][]any           // sources rows to upsert
	sourceAt map[string]int    // their index by source key
}

func (w *batchWriter) put(ctx context.Context, p *store.Put) (store.Outcome, error) {
	s, tx := w.s, w.tx
	if p.Failure != "" {
		w.source(p.SourceKey, p.DocHash, nil, safe(p.Failure))
		return store.OutcomeFailed, nil
	}
	a := &p.Analysis
	id := a.Article.ID
	if w.inPending[id] {
		// The same article again in this batch: write what is gathered
		// first, so that replacing it finds and unindexes its rows.
		if err := w.flush(ctx); err != nil {
			return 0, err
		}
	}
	prev, exists := w.known[id]
	k, old, oldPublished, oldURL := prev.k, prev.hash, prev.published, prev.url
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
		if err := s.deleteParts(ctx, tx, k); err != nil {
			return 0, err
		}
	}
	if outcome != store.OutcomeUnchanged {
		var err error
		if k, err = w.writeArticle(ctx, p); err != nil {
			return 0, err
		}
		w.known[id] = stored{k: k, hash: p.ContentHash, published: string(a.Article.Published), url: clean(string(a.Article.URL))}
		w.changed = true
		if w.inPending == nil {
			w.inPending = map[string]bool{}
		}
		w.inPending[id] = true
		w.pending = append(w.pending, k)
	}
	w.source(p.SourceKey, p.DocHash, id, nil)
	return outcome, nil
}

// stored is what Put needs to know about an article already stored.
type stored struct {
	k                    int64
	hash, published, url string
}

// prefetch reads the stored state of the batch's articles in one query per
// 500 ids (instead of one per item: round trips are what a remote
// PostgreSQL charges for).
func (w *batchWriter) prefetch(ctx context.Context, batch []store.Put) error {
	w.known = map[string]stored{}
	var ids []any
	seen := map[string]bool{}
	for i := range batch {
		if id := batch[i].Analysis.Article.ID; batch[i].Failure == "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		var wh where
		rows, err := w.tx.QueryContext(ctx, `SELECT id, k, content_hash, published, url FROM articles WHERE id IN (`+wh.in(ids[:n])+`)`, wh.args...)
		if err != nil {
			return w.s.errorf("put: %w", err)
		}
		for rows.Next() {
			var id string
			var st stored
			if err := rows.Scan(&id, &st.k, &st.hash, &st.published, &st.url); err != nil {
				rows.Close()
				return w.s.errorf("put: %w", err)
			}
			w.known[id] = st
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return w.s.errorf("put: %w", err)
		}
		ids = ids[n:]
	}
	return nil
}

// source records the item sourceKey as done: with its article, or failed
// with errText. The last record of a key in a batch wins.
func (w *batchWriter) source(sourceKey, docHash string, articleID, errText any) {
	key := safe(sourceKey)
	if i, ok := w.sourceAt[key]; ok {
		w.sources[i] = []any{key, safe(docHash), articleID, errText, w.now}
		return
	}
	if w.sourceAt == nil {
		w.sourceAt = map[string]int{}
	}
	w.sourceAt[key] = len(w.sources)
	w.sources = append(w.sources, []any{key, safe(docHash), articleID, errText, w.now})
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

// deleteParts removes the child rows of article k before it is replaced.
func (s *DB) deleteParts(ctx context.Context, tx *sql.Tx, k int64) error {
	if s.d.UnindexArticle != nil {
		if err := s.d.UnindexArticle(ctx, tx, k); err != nil {
			return s.errorf("replace article %d: unindex: %w", k, err)
		}
	}
	for _, q := range []string{
		`DELETE FROM statements WHERE article_k = $1`,
		`DELETE FROM statement_places WHERE article_k = $1`,
	} {
		if _, err := tx.ExecContext(ctx, q, k); err != nil {
			return s.errorf("replace article %d: %w", k, err)
		}
	}
	var packed []byte
	var day string
	if err := tx.QueryRowContext(ctx, `SELECT index_keys, published_day FROM articles WHERE k = $1`, k).Scan(&packed, &day); err != nil {
		return s.errorf("replace article %d: %w", k, err)
	}
	if packed == nil {
		// Stored before index_keys existed: find its rows by scanning.
		for _, q := range []string{`DELETE FROM echo_bands WHERE article_k = $1`, `DELETE FROM statement_keys WHERE article_k = $1`} {
			if _, err := tx.ExecContext(ctx, q, k); err != nil {
				return s.errorf("replace article %d: %w", k, err)
			}
		}
		return nil
	}
	bands, keys, err := unpackIndexKeys(packed)
	if err != nil {
		return s.errorf("replace article %d: %w", k, err)
	}
	for len(bands) > 0 {
		n := min(len(bands), 200)
		var w where
		vs := make([]any, n)
		for i, b := range bands[:n] {
			vs[i] = int64(b)
		}
		w.add("band IN (" + w.in(vs) + ")")
		w.add("article_k = " + w.arg(k))
		if _, err := tx.ExecContext(ctx, `DELETE FROM echo_bands`+w.sql(), w.args...); err != nil {
			return s.errorf("replace article %d: %w", k, err)
		}
		bands = bands[n:]
	}
	for len(keys) > 0 {
		n := min(len(keys), 200)
		var w where
		vs := make([]any, n)
		for i, lk := range keys[:n] {
			vs[i] = int64(lk.key)
		}
		w.add("key IN (" + w.in(vs) + ")")
		w.add("day = " + w.arg(dayNumber(day)))
		w.add("article_k = " + w.arg(k))
		if _, err := tx.ExecContext(ctx, `DELETE FROM statement_keys`+w.sql(), w.args...); err != nil {
			return s.errorf("replace article %d: %w", k, err)
		}
		keys = keys[n:]
	}
	return nil
}

// linkKey is one statement_keys row of an article: the statement's
// position and the key.
type linkKey struct {
	seq int
	key uint64
}

// packIndexKeys packs an article's band keys and link keys for
// articles.index_keys: a uvarint count and 8 bytes per band, then a uvarint
// count and, per link key, a uvarint statement position and 8 bytes.
func packIndexKeys(bands []uint64, keys []linkKey) []byte {
	b := make([]byte, 0, 2*binary.MaxVarintLen64+8*len(bands)+10*len(keys))
	b = binary.AppendUvarint(b, uint64(len(bands)))
	for _, v := range bands {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, lk := range keys {
		b = binary.AppendUvarint(b, uint64(lk.seq))
		b = binary.LittleEndian.AppendUint64(b, lk.key)
	}
	return b
}

func unpackIndexKeys(b []byte) ([]uint64, []linkKey, error) {
	bad := errors.New("corrupt index_keys")
	n, m := binary.Uvarint(b)
	if m <= 0 || uint64(len(b)-m) < 8*n {
		return nil, nil, bad
	}
	b = b[m:]
	bands := make([]uint64, n)
	for i := range bands {
		bands[i] = binary.LittleEndian.Uint64(b)
		b = b[8:]
	}
	n, m = binary.Uvarint(b)
	if m <= 0 {
		return nil, nil, bad
	}
	b = b[m:]
	keys := make([]linkKey, 0, min(n, uint64(len(b))))
	for range n {
		seq, m := binary.Uvarint(b)
		if m <= 0 || len(b)-m < 8 {
			return nil, nil, bad
		}
		keys = append(keys, linkKey{seq: int(seq), key: binary.LittleEndian.Uint64(b[m:])})
		b = b[m+8:]
	}
	return bands, keys, nil
}

// writeArticle upserts the article row and gathers its child rows; it
// returns the article's key.
func (w *batchWriter) writeArticle(ctx context.Context, p *store.Put) (int64, error) {
	s := w.s
	a := p.Analysis
	art := a.Article
	text := clean(art.Text)
	// The text is stored once, in its own column (indexed for search).
	a.Article.Text = ""
	a.Article.Title = clean(art.Title)
	a.Article.Site = crosscheck.NullString(clean(string(art.Site)))
	a.Article.URL = crosscheck.NullString(clean(string(art.URL)))
	end := s.trace("pack")
	blob, err := s.c.pack(a)
	end()
	if err != nil {
		return 0, s.errorf("encode article %s: %w", art.ID, err)
	}
	day := Day(string(art.Published))
	bands := uniqKeys(p.Bands)
	var keys []linkKey
	if p.LinkKeys != nil {
		for i := range a.Statements {
			for _, key := range uniqKeys(p.LinkKeys[i]) {
				keys = append(keys, linkKey{seq: i, key: key})
			}
		}
	}
	var k int64
	end = s.trace("articles")
	defer end()
	err = w.tx.QueryRowContext(ctx, `INSERT INTO articles
(id, url, site, title, published, published_day, language, text, analysis, signature, content_hash, n_statements, updated_at, index_keys)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $11, $12, $13)
ON CONFLICT (id) DO UPDATE SET url = $2, site = $3, title = $4, published = $5, published_day = $6,
 language = $7, text = $8, analysis = $9, signature = NULL, content_hash = $10, n_statements = $11, updated_at = $12,
 index_keys = $13
RETURNING k`,
		art.ID, clean(string(art.URL)), clean(string(art.Site)), clean(art.Title), string(art.Published), day,
		art.Language, text, blob, p.ContentHash, len(a.Statements), w.now, packIndexKeys(bands, keys)).Scan(&k)
	if err != nil {
		return 0, s.errorf("write article %s: %w", art.ID, err)
	}
	seenPlace := map[[2]string]bool{}
	for i, stm := range a.Statements {
		name := SpeakerName(stm.Speaker)
		w.statements = append(w.statements, []any{k, i, stm.ID, clean(name), strings.ToLower(clean(name)),
			stm.Speaker.Type, string(stm.Speaker.Affiliation), stm.Stance, clean(stm.Content.Text), day})
		for _, place := range StatementPlaces(&a, stm) {
			pk := [2]string{stm.ID, strings.ToLower(clean(place))}
			if !seenPlace[pk] {
				seenPlace[pk] = true
				w.places = append(w.places, []any{pk[1], k, stm.ID})
			}
		}
	}
	for _, lk := range keys {
		w.keys = append(w.keys, []any{int64(lk.key), dayNumber(day), k, lk.seq})
	}
	for _, b := range bands {
		w.bands = append(w.bands, []any{int64(b), k})
	}
	return k, nil
}

func uniqKeys(ks []uint64) []uint64 {
	out := slices.Clone(ks)
	slices.Sort(out)
	return slices.Compact(out)
}

// flush writes the gathered child rows and indexes the written articles.
func (w *batchWriter) flush(ctx context.Context) error {
	s, tx := w.s, w.tx
	for _, ins := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"statements", []string{"article_k", "seq", "id", "speaker", "speaker_lc", "speaker_type", "party", "stance", "content", "published_day"}, w.statements},
		{"statement_places", []string{"place_lc", "article_k", "statement_id"}, w.places},
		{"echo_bands", []string{"band", "article_k"}, w.bands},
		{"statement_keys", []string{"key", "day", "article_k", "seq"}, w.keys},
	} {
		end := s.trace(ins.table)
		err := s.insertRows(ctx, tx, ins.table, ins.cols, ins.rows, "")
		end()
		if err != nil {
			return s.errorf("put: %w", err)
		}
	}
	if err := s.insertRows(ctx, tx, "sources", []string{"source_key", "doc_hash", "article_id", "error", "at"}, w.sources,
		`ON CONFLICT (source_key) DO UPDATE SET doc_hash = excluded.doc_hash, article_id = excluded.article_id,
 error = excluded.error, at = excluded.at`); err != nil {
		return s.errorf("put: mark sources: %w", err)
	}
	w.sources, w.sourceAt = w.sources[:0], nil
	if len(w.pending) > 0 && s.d.IndexArticles != nil {
		end := s.trace("search index")
		defer end()
		if err := s.d.IndexArticles(ctx, tx, w.pending); err != nil {
			return s.errorf("put: index: %w", err)
		}
	}
	w.statements, w.places, w.bands, w.keys = w.statements[:0], w.places[:0], w.bands[:0], w.keys[:0]
	w.pending, w.inPending = w.pending[:0], nil
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

// dayNumber is the number of days from 1970-01-01 to the day "YYYY-MM-DD",
// or -1 for "" (undated): link keys sort and compare days as integers.
func dayNumber(day string) int64 {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return -1
	}
	return t.Unix() / 86400
}

// dayString is the inverse of dayNumber.
func dayString(n int64) string {
	if n < 0 {
		return ""
	}
	return time.Unix(n*86400, 0).UTC().Format("2006-01-02")
}

// ParkDocs implements store.IngestLog. Documents are stored compressed.
func (s *DB) ParkDocs(ctx context.Context, docs []store.ParkedDoc) error {
	if len(docs) == 0 {
		return nil
	}
	rows := make([][]any, 0, len(docs))
	seen := map[store.DocKey]bool{}
	for _, d := range docs {
		k := store.DocKey{SourceKey: safe(d.SourceKey), DocHash: safe(d.DocHash)}
		if seen[k] {
			continue
		}
		seen[k] = true
		blob, err := s.c.pack(d.Doc)
		if err != nil {
			return s.errorf("park document %q: %w", d.SourceKey, err)
		}
		rows = append(rows, []any{k.SourceKey, k.DocHash, blob})
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := insertRows(ctx, tx, "ingest_docs", []string{"source_key", "doc_hash", "doc"}, rows, "ON CONFLICT DO NOTHING"); err != nil {
			return s.errorf("park documents: %w", err)
		}
		return nil
	})
}

// ParkedDoc implements store.IngestLog.
func (s *DB) ParkedDoc(ctx context.Context, sourceKey, docHash string) (crosscheck.Document, error) {
	var blob []byte
	err := s.db.QueryRowContext(ctx, `SELECT doc FROM ingest_docs WHERE source_key = $1 AND doc_hash = $2`,
		safe(sourceKey), safe(docHash)).Scan(&blob)
	if errors.Is(err, sql.ErrNoRows) {
		return crosscheck.Document{}, fmt.Errorf("%s: parked document %s: %w", s.d.Name, sourceKey, store.ErrNotFound)
	}
	if err != nil {
		return crosscheck.Document{}, s.errorf("parked document %s: %w", sourceKey, err)
	}
	var d crosscheck.Document
	if err := s.c.unpack(blob, &d); err != nil {
		return d, s.errorf("decode parked document %s: %w", sourceKey, err)
	}
	return d, nil
}

// DropDocs implements store.IngestLog.
func (s *DB) DropDocs(ctx context.Context, keys []store.DocKey) error {
	for len(keys) > 0 {
		n := min(len(keys), 100)
		var w where
		conds := make([]string, n)
		for i, k := range keys[:n] {
			conds[i] = "(source_key = " + w.arg(k.SourceKey) + " AND doc_hash = " + w.arg(k.DocHash) + ")"
		}
		if _, err := s.db.ExecContext(ctx, `DELETE FROM ingest_docs WHERE `+strings.Join(conds, " OR "), w.args...); err != nil {
			return s.errorf("drop parked documents: %w", err)
		}
		keys = keys[n:]
	}
	return nil
}
