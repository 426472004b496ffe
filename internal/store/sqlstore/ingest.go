package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
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

// batchWriter gathers the rows of the articles of one Put batch and
// writes them table by table with multi-row INSERTs.
type batchWriter struct {
	s       *DB
	tx      *sql.Tx
	now     time.Time
	changed bool

	arts      []pendingArticle // articles to write at the next flush
	inPending map[string]bool  // their ids

	known    map[string]stored // stored state of the batch's articles
	sources  [][]any           // sources rows to upsert
	sourceAt map[string]int    // their index by source key
}

// pendingArticle is an article row ready to write, with what its child
// rows are made of.
type pendingArticle struct {
	p     *store.Put
	id    string
	day   string
	row   []any     // articleCols values
	keys  []linkKey // distinct link keys by statement
	bands []uint64  // distinct band keys
}

func (w *batchWriter) put(ctx context.Context, p *store.Put) (store.Outcome, error) {
	s, tx := w.s, w.tx
	if p.Failure != "" {
		w.source(p.SourceKey, p.DocHash, safe(p.Failure))
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
		pa, err := w.article(p)
		if err != nil {
			return 0, err
		}
		w.arts = append(w.arts, pa)
		w.known[id] = stored{k: k, hash: p.ContentHash, published: string(a.Article.Published), url: clean(string(a.Article.URL))}
		w.changed = true
		if w.inPending == nil {
			w.inPending = map[string]bool{}
		}
		w.inPending[id] = true
	}
	w.source(p.SourceKey, p.DocHash, nil)
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
	err := queryIn(ctx, w.tx, `SELECT id, k, content_hash, published, url FROM articles WHERE id IN (%s)`, ids, func(rows *sql.Rows) error {
		var id string
		var st stored
		if err := rows.Scan(&id, &st.k, &st.hash, &st.published, &st.url); err != nil {
			return err
		}
		w.known[id] = st
		return nil
	})
	if err != nil {
		return w.s.errorf("put: %w", err)
	}
	return nil
}

// source records the item sourceKey as done, or failed with errText (nil:
// stored). The last record of a key in a batch wins. Which article an item
// gave is not kept: nothing read it (migration 49).
func (w *batchWriter) source(sourceKey, docHash string, errText any) {
	key := safe(sourceKey)
	if i, ok := w.sourceAt[key]; ok {
		w.sources[i] = []any{key, safe(docHash), errText, w.now}
		return
	}
	if w.sourceAt == nil {
		w.sourceAt = map[string]int{}
	}
	w.sourceAt[key] = len(w.sources)
	w.sources = append(w.sources, []any{key, safe(docHash), errText, w.now})
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

// deleteParts removes the child rows and index entries of article k
// before it is replaced.
func (s *DB) deleteParts(ctx context.Context, tx *sql.Tx, k int64) error {
	if s.d.UnindexArticle != nil {
		if err := s.d.UnindexArticle(ctx, tx, k); err != nil {
			return s.errorf("replace article %d: unindex: %w", k, err)
		}
	}
	if err := s.unindexKeys(ctx, tx, k); err != nil {
		return s.errorf("replace article %d: unindex keys: %w", k, err)
	}
	for _, q := range []string{
		`DELETE FROM statements WHERE article_k = $1`,
		`DELETE FROM statement_places WHERE article_k = $1`,
	} {
		if _, err := tx.ExecContext(ctx, q, k); err != nil {
			return s.errorf("replace article %d: %w", k, err)
		}
	}
	return nil
}

// articleCols are the columns of an article row written by Put, before
// the dialect's key column (bands or index_keys).
var articleCols = []string{"id", "url", "site", "title", "published", "published_day", "language", "text",
	"analysis", "signature", "content_hash", "n_statements", "updated_at"}

// EncodePut implements store.PutEncoder: the analysis column of p's
// article, as article writes it.
func (s *DB) EncodePut(p *store.Put) error {
	if p.Failure != "" {
		return nil
	}
	blob, err := s.encodeAnalysis(p.Analysis)
	if err != nil {
		return err
	}
	p.Encoded = blob
	return nil
}

// encodeAnalysis is the analysis column of an article, compressed: the
// analysis without the text, which is stored once, in its own column
// (indexed for search); with Dialect.TextInAnalysis, with the text and
// without the fields that have columns.
func (s *DB) encodeAnalysis(a crosscheck.Analysis) ([]byte, error) {
	art := a.Article
	blob, err := s.c.packAnalysis(storedAnalysis(a, s.d.TextInAnalysis))
	if err != nil {
		return nil, s.errorf("encode article %s: %w", art.ID, err)
	}
	return blob, nil
}

// article encodes the article row of p (unless p.Encoded holds it) and
// gathers its keys.
func (w *batchWriter) article(p *store.Put) (pendingArticle, error) {
	s := w.s
	a := p.Analysis
	art := a.Article
	text := clean(art.Text)
	blob := p.Encoded
	if blob == nil {
		end := s.trace("pack")
		var err error
		blob, err = s.encodeAnalysis(a)
		end()
		if err != nil {
			return pendingArticle{}, err
		}
	}
	pa := pendingArticle{p: p, id: art.ID, day: Day(string(art.Published)), bands: uniqKeys(p.Bands)}
	if p.LinkKeys != nil {
		for i := range a.Statements {
			for _, key := range uniqKeys(p.LinkKeys[i]) {
				pa.keys = append(pa.keys, linkKey{seq: i, key: key})
			}
		}
	}
	if s.d.TextInAnalysis {
		text = ""
	}
	pa.row = []any{art.ID, clean(string(art.URL)), clean(string(art.Site)), clean(art.Title), string(art.Published), pa.day,
		art.Language, text, blob, nil, p.ContentHash, len(a.Statements), w.now}
	if s.d.KeysInArrays {
		vs := make([]int64, len(pa.bands))
		for i, b := range pa.bands {
			vs[i] = int64(b)
		}
		pa.row = append(pa.row, vs)
	} else {
		pa.row = append(pa.row, packIndexKeys(pa.bands, pa.keys))
	}
	return pa, nil
}

func uniqKeys(ks []uint64) []uint64 {
	out := slices.Clone(ks)
	slices.Sort(out)
	return slices.Compact(out)
}

// flush writes the gathered articles (upserted, their keys returned), then
// their child rows, the sources, and last the search and key indexes
// (FTS5 flushes a table's pending terms at every later statement: written
// last, each is one segment per flush).
func (w *batchWriter) flush(ctx context.Context) error {
	s, tx := w.s, w.tx
	ks, err := w.writeArticles(ctx)
	if err != nil {
		return err
	}
	var statements, places, echo, links [][]any
	var indexed []IndexedArticle
	if s.d.IndexArticles != nil {
		indexed = make([]IndexedArticle, len(w.arts))
	}
	for i := range w.arts {
		pa, k := &w.arts[i], ks[i]
		a := &pa.p.Analysis
		if indexed != nil {
			indexed[i] = IndexedArticle{K: k, Title: clean(a.Article.Title), Text: clean(a.Article.Text),
				Statements: make([]string, len(a.Statements)), StatementKeys: make([]int64, len(a.Statements))}
		}
		st := w.known[pa.id]
		st.k = k
		w.known[pa.id] = st
		var stmtKeys [][]uint64
		if s.d.KeysInArrays {
			stmtKeys = make([][]uint64, len(a.Statements))
			for _, lk := range pa.keys {
				stmtKeys[lk.seq] = append(stmtKeys[lk.seq], lk.key)
			}
		}
		seenPlace := map[[2]string]bool{}
		for j, stm := range a.Statements {
			name := SpeakerName(stm.Speaker)
			content := clean(stm.Content.Text)
			if indexed != nil {
				indexed[i].Statements[j] = content
			}
			if s.d.TextInAnalysis {
				content = ""
			}
			row := []any{k, j, stm.ID, clean(name), strings.ToLower(clean(name)),
				stm.Speaker.Type, string(stm.Speaker.Affiliation), stm.Stance, content, pa.day}
			if s.d.KeysInArrays {
				row = append(row, statementLinkKeys(stmtKeys[j], pa.day))
			}
			statements = append(statements, row)
			for _, place := range StatementPlaces(a, stm) {
				pk := [2]string{stm.ID, strings.ToLower(clean(place))}
				if !seenPlace[pk] {
					seenPlace[pk] = true
					places = append(places, []any{pk[1], k, stm.ID})
				}
			}
		}
		if !s.d.KeysInArrays {
			if len(pa.bands) > 0 {
				echo = append(echo, []any{k, bandTokens(pa.bands)})
			}
			links = append(links, linkRows(pa.day, k, pa.keys)...)
		}
	}
	stmtCols := []string{"article_k", "seq", "id", "speaker", "speaker_lc", "speaker_type", "party", "stance", "content", "published_day"}
	if s.d.KeysInArrays {
		stmtCols = append(stmtCols, "link_keys")
	}
	for _, ins := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"statements", stmtCols, statements},
		{"statement_places", []string{"place_lc", "article_k", "statement_id"}, places},
	} {
		end := s.trace(ins.table)
		var err error
		if ins.table == "statements" && indexed != nil {
			// The search index takes the statements by key.
			at := make(map[int64]int, len(indexed))
			for i, ia := range indexed {
				at[ia.K] = i
			}
			err = s.insertRowsReturning(ctx, tx, ins.table, ins.cols, ins.rows, "RETURNING k, article_k, seq", func(r *sql.Rows) error {
				var k, ak int64
				var seq int
				if err := r.Scan(&k, &ak, &seq); err != nil {
					return err
				}
				if i, ok := at[ak]; ok && seq < len(indexed[i].StatementKeys) {
					indexed[i].StatementKeys[seq] = k
				}
				return nil
			})
		} else {
			err = s.insertRows(ctx, tx, ins.table, ins.cols, ins.rows, "")
		}
		end()
		if err != nil {
			return s.errorf("put: %w", err)
		}
	}
	end := s.trace("sources")
	err = s.insertRows(ctx, tx, "sources", []string{"source_key", "doc_hash", "error", "at"}, w.sources,
		`ON CONFLICT (source_key) DO UPDATE SET doc_hash = excluded.doc_hash, error = excluded.error, at = excluded.at`)
	end()
	if err != nil {
		return s.errorf("put: mark sources: %w", err)
	}
	w.sources, w.sourceAt = w.sources[:0], nil
	if len(indexed) > 0 {
		end := s.trace("search index")
		err := s.d.IndexArticles(ctx, tx, indexed)
		end()
		if err != nil {
			return s.errorf("put: index: %w", err)
		}
	}
	for _, ins := range []struct {
		table, col string
		rows       [][]any
	}{{"echo_index", "bands", echo}, {"link_index", "keys", links}} {
		end := s.trace(ins.table)
		err := s.insertRows(ctx, tx, ins.table, []string{"rowid", ins.col}, ins.rows, "")
		end()
		if err != nil {
			return s.errorf("put: %w", err)
		}
	}
	w.arts, w.inPending = w.arts[:0], nil
	return nil
}

// writeArticles upserts the gathered article rows with multi-row INSERTs
// and returns their keys, in order.
func (w *batchWriter) writeArticles(ctx context.Context) ([]int64, error) {
	s, tx := w.s, w.tx
	if len(w.arts) == 0 {
		return nil, nil
	}
	defer s.trace("articles")()
	cols := append(slices.Clone(articleCols), "index_keys")
	if s.d.KeysInArrays {
		cols[len(cols)-1] = "bands"
	}
	var set strings.Builder
	for i, c := range cols[1:] {
		if i > 0 {
			set.WriteString(", ")
		}
		set.WriteString(c + " = excluded." + c)
	}
	suffix := "ON CONFLICT (id) DO UPDATE SET " + set.String() + " RETURNING id, k"
	at := make(map[string]int, len(w.arts))
	rows := make([][]any, len(w.arts))
	for i, pa := range w.arts {
		at[pa.id] = i
		rows[i] = pa.row
	}
	ks := make([]int64, len(w.arts))
	err := s.insertRowsReturning(ctx, tx, "articles", cols, rows, suffix, func(r *sql.Rows) error {
		var id string
		var k int64
		if err := r.Scan(&id, &k); err != nil {
			return err
		}
		ks[at[id]] = k
		return nil
	})
	if err != nil {
		return nil, s.errorf("write articles: %w", err)
	}
	return ks, nil
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

// storedAnalysis is what the analysis column holds of a: without the text,
// or, textIn (Dialect.TextInAnalysis), with it and without the fields that
// have columns (decodeArticle puts them back).
func storedAnalysis(a crosscheck.Analysis, textIn bool) crosscheck.Analysis {
	art := a.Article
	a.Article.Text = ""
	a.Article.Title = clean(art.Title)
	a.Article.Site = crosscheck.NullString(clean(string(art.Site)))
	a.Article.URL = crosscheck.NullString(clean(string(art.URL)))
	if textIn {
		a.Article.Text = clean(art.Text)
		a.Article.ID, a.Article.Title, a.Article.Language = "", "", ""
		a.Article.URL, a.Article.Site, a.Article.Published = "", "", ""
	}
	return a
}

// AnalysisSample is the JSON the SQLite store compresses for a (the
// analysis with its text, without the fields that have columns): a sample
// to train analysisDict on (tools/analysisdict).
func AnalysisSample(a crosscheck.Analysis) ([]byte, error) {
	return json.Marshal(storedAnalysis(a, true))
}
