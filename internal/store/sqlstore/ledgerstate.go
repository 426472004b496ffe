package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/crosscheck/crosscheck/internal/store"
)

// The incremental ledger's state (store.LedgerStore; the lock is each
// driver's own: see sqlite and postgres). Tables in migration 00030.

// OpenLedger implements store.LedgerStore (without the lock).
func (s *DB) OpenLedger(ctx context.Context, rebuild bool) (store.LedgerTx, error) {
	v := &ledgerView{s: s, q: s.db, rebuild: rebuild}
	if rebuild {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return nil, s.errorf("ledger rebuild: begin: %w", err)
		}
		v.tx, v.q = tx, tx
		if err := v.clear(ctx); err != nil {
			_ = tx.Rollback()
			return nil, err
		}
	}
	st, err := v.Status(ctx)
	if err != nil {
		v.Rollback()
		return nil, err
	}
	v.seq = st.Seq
	return v, nil
}

// ledgerView is a store.LedgerTx: reads from the database (or the rebuild's
// transaction), writes in a transaction per Apply (or the rebuild's).
type ledgerView struct {
	s *DB
	q interface {
		querier
		ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
		QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	}
	tx      *sql.Tx
	rebuild bool
	seq     int64
	built   int64 // rebuild: the BuiltFrom of the last Apply
	done    bool

	// stmts are the view's prepared statements by query text: the band
	// neighbour query, run for every new article, costs more to prepare
	// (a union of 20 index ranges) than to run. Closed when the view ends.
	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt

	// codec compresses the statement rows (ledgerdict.go).
	codec unitCodec
}

// prepared returns the statement of query, prepared once per view (on the
// rebuild's transaction, or the pool).
func (v *ledgerView) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	v.stmtMu.Lock()
	defer v.stmtMu.Unlock()
	if st, ok := v.stmts[query]; ok {
		return st, nil
	}
	var st *sql.Stmt
	var err error
	if v.tx != nil {
		st, err = v.tx.PrepareContext(ctx, query)
	} else {
		st, err = v.s.db.PrepareContext(ctx, query)
	}
	if err != nil {
		return nil, err
	}
	if v.stmts == nil {
		v.stmts = map[string]*sql.Stmt{}
	}
	v.stmts[query] = st
	return st, nil
}

// closeStmts closes the view's prepared statements.
func (v *ledgerView) closeStmts() {
	v.stmtMu.Lock()
	defer v.stmtMu.Unlock()
	for _, st := range v.stmts {
		_ = st.Close()
	}
	v.stmts = nil
}

// clear empties the ledger inside the rebuild's transaction.
func (v *ledgerView) clear(ctx context.Context) error {
	s := v.s
	if s.d.ClearClaimsIndex != nil {
		if err := s.d.ClearClaimsIndex(ctx, v.tx); err != nil {
			return s.errorf("ledger rebuild: %w", err)
		}
	}
	for _, q := range []string{
		`DELETE FROM claim_article`, `DELETE FROM claim_speaker`, `DELETE FROM claim_party`,
		`DELETE FROM claims`, `DELETE FROM echoes`, `DELETE FROM claim_counts`,
		`DELETE FROM ledger_keys`, `DELETE FROM ledger_units`, `DELETE FROM ledger_docs`, `DELETE FROM ledger_bands`,
		`DELETE FROM ledger_comps`, `DELETE FROM ledger_old_claims`,
	} {
		if _, err := v.tx.ExecContext(ctx, q); err != nil {
			return s.errorf("ledger rebuild: %w", err)
		}
	}
	return nil
}

func (v *ledgerView) Status(ctx context.Context) (store.LedgerStatus, error) {
	var st store.LedgerStatus
	var stateGen int64
	err := v.q.QueryRowContext(ctx, `SELECT
 (SELECT value FROM meta WHERE key = 'articles_gen'),
 (SELECT value FROM meta WHERE key = 'claims_gen'),
 (SELECT value FROM meta WHERE key = 'ledger_state_gen'),
 (SELECT value FROM meta WHERE key = 'ledger_seq')`).Scan(&st.Generation, &st.BuiltFrom, &stateGen, &st.Seq)
	if err != nil {
		return st, v.s.errorf("ledger status: %w", err)
	}
	st.Valid = stateGen == st.BuiltFrom
	return st, nil
}

func (v *ledgerView) Pending(ctx context.Context, after store.LedgerCursor, limit int) ([]store.LedgerItem, error) {
	var w where
	var q string
	cur := "(" + w.arg(after.Day) + ", " + w.arg(after.Published) + ", " + w.arg(after.ID) + ")"
	if v.rebuild {
		q = `SELECT a.k, a.content_hash, a.published_day, a.published, a.id FROM articles a
WHERE (a.published_day, a.published, a.id) > ` + cur
	} else {
		q = `SELECT a.k, d.content_hash, a.published_day, a.published, a.id FROM ledger_dirty d
JOIN articles a ON a.k = d.article_k WHERE (a.published_day, a.published, a.id) > ` + cur
	}
	q += ` ORDER BY a.published_day, a.published, a.id LIMIT ` + w.arg(limit)
	rows, err := v.q.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, v.s.errorf("ledger pending: %w", err)
	}
	defer rows.Close()
	var out []store.LedgerItem
	for rows.Next() {
		var it store.LedgerItem
		if err := rows.Scan(&it.K, &it.Hash, &it.Day, &it.Published, &it.ID); err != nil {
			return nil, v.s.errorf("ledger pending: %w", err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, v.s.errorf("ledger pending: %w", err)
	}
	return out, nil
}

// eachIn runs query (with "%s" where the IN list goes) for chunks of ks and
// calls scan for every row.
func (v *ledgerView) eachIn(ctx context.Context, what, query string, ks []int64, scan func(*sql.Rows) error) error {
	ks = uniqInts(ks)
	for len(ks) > 0 {
		n := min(len(ks), 500)
		// The list is padded (repeating its last key) to a power of two
		// or 500, so that a few statements, prepared once per view, serve
		// every length: preparing a statement per call cost as much as
		// running it.
		size := 500
		for b := 1; b < 500; b *= 2 {
			if b >= n {
				size = b
				break
			}
		}
		var w where
		vs := make([]any, size)
		for i := range vs {
			vs[i] = ks[min(i, n-1)]
		}
		st, err := v.prepared(ctx, fmt.Sprintf(query, w.in(vs)))
		if err != nil {
			return v.s.errorf("%s: %w", what, err)
		}
		rows, err := st.QueryContext(ctx, w.args...)
		if err != nil {
			return v.s.errorf("%s: %w", what, err)
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return v.s.errorf("%s: %w", what, err)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return v.s.errorf("%s: %w", what, err)
		}
		ks = ks[n:]
	}
	return nil
}

func uniqInts(ks []int64) []int64 {
	seen := make(map[int64]bool, len(ks))
	out := make([]int64, 0, len(ks))
	for _, k := range ks {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

func (v *ledgerView) Articles(ctx context.Context, ks []int64) ([]store.LedgerArticle, error) {
	var out []store.LedgerArticle
	err := v.eachIn(ctx, "ledger articles", `SELECT k, content_hash, `+articleReadCols+` FROM articles WHERE k IN (%s)`, ks, func(r *sql.Rows) error {
		var a store.LedgerArticle
		var row articleRow
		if err := r.Scan(append([]any{&a.K, &a.Hash}, row.dest()...)...); err != nil {
			return err
		}
		an, err := v.s.decodeArticle(row)
		if err != nil {
			return fmt.Errorf("decode article %d: %w", a.K, err)
		}
		a.Analysis = an
		out = append(out, a)
		return nil
	})
	return out, err
}

func (v *ledgerView) Texts(ctx context.Context, ks []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ks))
	// The text column is empty when the text is in the analysis
	// (Dialect.TextInAnalysis).
	col := "''"
	if v.s.d.TextInAnalysis {
		col = "analysis"
	}
	err := v.eachIn(ctx, "ledger texts", `SELECT k, text, `+col+` FROM articles WHERE k IN (%s)`, ks, func(r *sql.Rows) error {
		var k int64
		var text string
		var blob []byte
		if err := r.Scan(&k, &text, &blob); err != nil {
			return err
		}
		text, err := v.s.articleText(text, blob)
		if err != nil {
			return fmt.Errorf("decode text of article %d: %w", k, err)
		}
		out[k] = text
		return nil
	})
	return out, err
}

const docColumns = `article_k, id, hash, published, site, url, parent_k, family_k, joins, bands, failed`

func scanDoc(r *sql.Rows) (store.LedgerDoc, error) {
	var d store.LedgerDoc
	var bands []byte
	err := r.Scan(&d.K, &d.ID, &d.Hash, &d.Published, &d.Site, &d.URL, &d.Parent, &d.Family, &d.Joins, &bands, &d.Failed)
	if err == nil {
		d.Bands, err = unpackBands(bands)
	}
	return d, err
}

// compactBands marks a bands blob of 4 bytes per key (a length of 1 + 4n,
// never a multiple of 8 as the blobs of 8 bytes per key are).
const compactBands = 4

// packBands stores an article's band keys: 4 bytes each after a marker
// when every key is a sign-extended 32-bit value (what the ledger indexes
// by), else 8 bytes each, as blobs written before were.
func packBands(bs []uint64) []byte {
	compact := true
	for _, b := range bs {
		if int64(b) != int64(int32(b)) {
			compact = false
			break
		}
	}
	if !compact || len(bs) == 0 {
		out := make([]byte, 0, 8*len(bs))
		for _, b := range bs {
			out = binary.LittleEndian.AppendUint64(out, b)
		}
		return out
	}
	out := make([]byte, 1, 1+4*len(bs))
	out[0] = compactBands
	for _, b := range bs {
		out = binary.LittleEndian.AppendUint32(out, uint32(b))
	}
	return out
}

// unpackBands reads a blob of packBands, in either layout.
func unpackBands(b []byte) ([]uint64, error) {
	switch {
	case len(b)%8 == 0:
		return decodeSig(b), nil
	case b[0] == compactBands && (len(b)-1)%4 == 0:
		out := make([]uint64, (len(b)-1)/4)
		for i := range out {
			out[i] = uint64(int64(int32(binary.LittleEndian.Uint32(b[1+4*i:]))))
		}
		return out, nil
	}
	return nil, fmt.Errorf("ledger doc bands: corrupt blob of %d bytes", len(b))
}

func (v *ledgerView) docs(ctx context.Context, what, col string, ks []int64) ([]store.LedgerDoc, error) {
	return v.readDocs(ctx, what, docColumns, col, ks, scanDoc)
}

// readDocs reads the columns of the ledger docs whose col is in ks, each
// row through scan.
func (v *ledgerView) readDocs(ctx context.Context, what, columns, col string, ks []int64, scan func(*sql.Rows) (store.LedgerDoc, error)) ([]store.LedgerDoc, error) {
	var out []store.LedgerDoc
	err := v.eachIn(ctx, what, `SELECT `+columns+` FROM ledger_docs WHERE `+col+` IN (%s)`, ks, func(r *sql.Rows) error {
		d, err := scan(r)
		out = append(out, d)
		return err
	})
	return out, err
}

func (v *ledgerView) Docs(ctx context.Context, ks []int64) ([]store.LedgerDoc, error) {
	return v.docs(ctx, "ledger docs", "article_k", ks)
}

func (v *ledgerView) DocHeads(ctx context.Context, ks []int64) ([]store.LedgerDoc, error) {
	return v.readDocs(ctx, "ledger doc heads", `article_k, id, hash, published, site, url, parent_k, family_k, failed`, "article_k", ks,
		func(r *sql.Rows) (store.LedgerDoc, error) {
			var d store.LedgerDoc
			err := r.Scan(&d.K, &d.ID, &d.Hash, &d.Published, &d.Site, &d.URL, &d.Parent, &d.Family, &d.Failed)
			return d, err
		})
}

func (v *ledgerView) Children(ctx context.Context, parents []int64) ([]store.LedgerDoc, error) {
	return v.docs(ctx, "ledger echo children", "parent_k", parents)
}

func (v *ledgerView) Family(ctx context.Context, roots []int64) ([]store.LedgerDoc, error) {
	return v.docs(ctx, "ledger echo family", "family_k", roots)
}

func (v *ledgerView) BandNeighbours(ctx context.Context, bands []uint64, from, to store.BandPos, limit int) ([]store.BandHit, error) {
	bands = uniqKeys(bands)
	var out []store.BandHit
	// One statement per 20 bands: a UNION ALL of index ranges.
	for len(bands) > 0 {
		n := min(len(bands), 20)
		var w where
		parts := make([]string, n)
		for i, b := range bands[:n] {
			q := `SELECT band, ord, pre, article_k FROM ledger_bands WHERE band = ` + w.arg(int64(b)) +
				` AND (ord, pre) >= (` + w.arg(from.Ord) + `, ` + w.arg(from.Pre) + `)` +
				` AND (ord, pre) <= (` + w.arg(to.Ord) + `, ` + w.arg(to.Pre) + `) ORDER BY ord, pre, article_k`
			if limit > 0 {
				// A literal, not a parameter: SQLite compiles a
				// statement whose LIMIT is bound in a UNION ALL of
				// subqueries again on every run (sqlite3Reprepare), three
				// times the cost of running it.
				q += ` LIMIT ` + strconv.Itoa(limit)
			}
			parts[i] = `SELECT * FROM (` + q + `) b` + fmt.Sprint(i)
		}
		st, err := v.prepared(ctx, strings.Join(parts, " UNION ALL "))
		if err != nil {
			return nil, v.s.errorf("ledger band neighbours: %w", err)
		}
		rows, err := st.QueryContext(ctx, w.args...)
		if err != nil {
			return nil, v.s.errorf("ledger band neighbours: %w", err)
		}
		for rows.Next() {
			var h store.BandHit
			var band int64
			if err := rows.Scan(&band, &h.Ord, &h.Pre, &h.K); err != nil {
				rows.Close()
				return nil, v.s.errorf("ledger band neighbours: %w", err)
			}
			h.Band = uint64(band)
			out = append(out, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, v.s.errorf("ledger band neighbours: %w", err)
		}
		bands = bands[n:]
	}
	return out, nil
}

func (v *ledgerView) LinkNeighbours(ctx context.Context, keys []uint64, fromDay, toDay int64, undated bool) ([]store.LinkHit, error) {
	keys = uniqKeys(keys)
	var out []store.LinkHit
	for len(keys) > 0 {
		n := min(len(keys), 200)
		var w where
		vs := make([]any, n)
		for i, k := range keys[:n] {
			vs[i] = int64(k)
		}
		in := w.in(vs)
		q := `SELECT key, day, article_k, seq FROM ledger_keys WHERE key IN (` + in + `)`
		if !undated {
			// Two ranges per key: the window and the undated statements.
			q = q + ` AND day BETWEEN ` + w.arg(fromDay) + ` AND ` + w.arg(toDay) +
				` UNION ALL SELECT key, day, article_k, seq FROM ledger_keys WHERE key IN (` + in + `) AND day = -1`
		}
		rows, err := v.q.QueryContext(ctx, q, w.args...)
		if err != nil {
			return nil, v.s.errorf("ledger link neighbours: %w", err)
		}
		for rows.Next() {
			var h store.LinkHit
			var key int64
			if err := rows.Scan(&key, &h.Day, &h.K, &h.Seq); err != nil {
				rows.Close()
				return nil, v.s.errorf("ledger link neighbours: %w", err)
			}
			h.Key = uint64(key)
			out = append(out, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, v.s.errorf("ledger link neighbours: %w", err)
		}
		keys = keys[n:]
	}
	return out, nil
}

func (v *ledgerView) units(ctx context.Context, what, col string, ks []int64, want func(k int64, seq int) bool, skip func(store.UnitRef) bool) ([]store.LedgerUnit, error) {
	var out []store.LedgerUnit
	err := v.eachUnit(ctx, what, col, ks, want, skip, func(u store.LedgerUnit) error {
		out = append(out, u)
		return nil
	})
	return out, err
}

// eachUnit hands fn the statements whose col is in ks (and that want, when
// not nil, keeps), each decompressed only when fn gets it (not when skip
// says true): fn may decode it and let its JSON go. The statements want
// leaves out are not decompressed at all: Units reads whole articles for
// a few of their statements (a step's link candidates), and decompressing
// the others was a fifth of a large step's CPU.
func (v *ledgerView) eachUnit(ctx context.Context, what, col string, ks []int64, want func(k int64, seq int) bool, skip func(store.UnitRef) bool,
	fn func(store.LedgerUnit) error) error {
	return v.eachIn(ctx, what, unitSelect+`u.`+col+` IN (%s)`, ks, func(r *sql.Rows) error {
		if want == nil {
			return v.scanUnit(r, skip, fn)
		}
		leave := func(u store.UnitRef) bool { return !want(u.K, u.Seq) || skip != nil && skip(u) }
		return v.scanUnit(r, leave, func(u store.LedgerUnit) error {
			if !want(u.K, u.Seq) {
				return nil
			}
			return fn(u)
		})
	})
}

// unitSelect reads what scanUnit scans: a row of ledger_units and the
// article id of its doc (store.LedgerUnit.Article), the statements u, a
// condition to follow. The doc is one lookup by its key, next to the
// decompression and decoding of the data it joins.
const unitSelect = `SELECT u.article_k, u.seq, u.comp, u.echo, u.at, u.data, COALESCE(d.id, '')
FROM ledger_units u LEFT JOIN ledger_docs d ON d.article_k = u.article_k WHERE `

// scanUnit reads one row of unitSelect and hands it to fn, its data
// decompressed unless skip says true.
func (v *ledgerView) scanUnit(r *sql.Rows, skip func(store.UnitRef) bool, fn func(store.LedgerUnit) error) error {
	var u store.LedgerUnit
	var blob []byte
	if err := r.Scan(&u.K, &u.Seq, &u.Comp, &u.Echo, &u.At, &blob, &u.Article); err != nil {
		return err
	}
	if skip == nil || !skip(u.UnitRef) {
		data, err := v.codec.decode(blob)
		if err != nil {
			return fmt.Errorf("decode statement %d/%d: %w", u.K, u.Seq, err)
		}
		u.Data = data
	}
	return fn(u)
}

func (v *ledgerView) Units(ctx context.Context, refs []store.UnitRef) ([]store.LedgerUnit, error) {
	want := make(map[store.UnitRef]bool, len(refs))
	ks := make([]int64, 0, len(refs))
	for _, r := range refs {
		want[r] = true
		ks = append(ks, r.K)
	}
	return v.units(ctx, "ledger statements", "article_k", ks, func(k int64, seq int) bool { return want[store.UnitRef{K: k, Seq: seq}] }, nil)
}

func (v *ledgerView) UnitsOf(ctx context.Context, ks []int64) ([]store.LedgerUnit, error) {
	return v.units(ctx, "ledger statements", "article_k", ks, nil, nil)
}

func (v *ledgerView) Components(ctx context.Context, comps []int64, skip func(store.UnitRef) bool) ([]store.LedgerUnit, error) {
	return v.units(ctx, "ledger components", "comp", comps, nil, skip)
}

func (v *ledgerView) EachComponentUnit(ctx context.Context, comps []int64, skip func(store.UnitRef) bool, fn func(store.LedgerUnit) error) error {
	return v.eachUnit(ctx, "ledger components", "comp", comps, nil, skip, fn)
}

// CompEpisodes reads the episodes of components. They are kept in one
// column (episodesColumn).
func (v *ledgerView) CompEpisodes(ctx context.Context, comps []int64) (map[int64][]store.Episode, error) {
	out := make(map[int64][]store.Episode, len(comps))
	err := v.eachIn(ctx, "ledger component claims", `SELECT comp, claim_id FROM ledger_comps WHERE comp IN (%s)`, comps, func(r *sql.Rows) error {
		var c int64
		var col string
		if err := r.Scan(&c, &col); err != nil {
			return err
		}
		if eps := parseEpisodes(col); len(eps) > 0 {
			out[c] = eps
		}
		return nil
	})
	return out, err
}

// episodesColumn is how the claim_id column of ledger_comps holds a
// component's episodes: the id of its one claim, as before episodes,
// when it has one episode of unknown start; else each episode as
// "start:claim" (Unix nanoseconds; a claim id is "c" and hex digits),
// separated by commas.
func episodesColumn(eps []store.Episode) string {
	if len(eps) == 1 && eps[0].Start == 0 {
		return eps[0].Claim
	}
	parts := make([]string, len(eps))
	for i, e := range eps {
		parts[i] = strconv.FormatInt(e.Start, 10) + ":" + e.Claim
	}
	return strings.Join(parts, ",")
}

// parseEpisodes reads episodesColumn. An entry it cannot read is an
// episode of unknown start, which makes the component built whole.
func parseEpisodes(col string) []store.Episode {
	if col == "" {
		return nil
	}
	var out []store.Episode
	for part := range strings.SplitSeq(col, ",") {
		start, id, ok := strings.Cut(part, ":")
		if !ok {
			out = append(out, store.Episode{Claim: part})
			continue
		}
		n, err := strconv.ParseInt(start, 10, 64)
		if err != nil {
			n = 0
		}
		out = append(out, store.Episode{Start: n, Claim: id})
	}
	return out
}

// pendingValue is how the pending column of ledger_comps holds a
// component's Pending and From: 0 not pending, 1 pending whole (From 0 or
// before 1970), else From + 2. The least of two pending values is the
// earlier From, so that marks of several steps combine by minimum.
func pendingValue(c store.LedgerComp) int64 {
	switch {
	case !c.Pending:
		return 0
	case c.From <= 0:
		return 1
	}
	return c.From + 2
}

// EachComponentUnitWithin walks the index on (comp, at) twice, the
// statements without a time and then those of the span, so that they come
// in the order of At as the index holds them. One query with "at = 0 OR
// at BETWEEN" sorted its rows, blobs and all, in a temporary b-tree: about
// 100 MB of SQLite's memory, outside the Go heap, for a component of
// 166,000 statements (bench/README, "Memory of a ledger update: outside
// the Go heap, and the statements a step rewrites").
func (v *ledgerView) EachComponentUnitWithin(ctx context.Context, comp, since, until int64, skip func(store.UnitRef) bool, fn func(store.LedgerUnit) error) error {
	for _, w := range unitsWithin(comp, since, until) {
		if err := v.eachUnitRow(ctx, comp, w.q, w.args, skip, fn); err != nil {
			return err
		}
	}
	return nil
}

// unitsWithin returns the queries of EachComponentUnitWithin, in order.
func unitsWithin(comp, since, until int64) []planQuery {
	const sel = unitSelect + `u.comp = $1 AND `
	return []planQuery{
		{"undated", sel + `u.at = 0`, []any{comp}},
		{"dated", sel + `u.at BETWEEN $2 AND $3 ORDER BY u.at`, []any{comp, max(since, 1), until}},
	}
}

// ExplainComponentWithin returns the plans of the queries that read a
// component's statements in time order (store.LedgerTx.EachComponentUnitWithin),
// like ExplainClaims: evidence that they walk the index and sort nothing.
func (s *DB) ExplainComponentWithin(ctx context.Context, comp, since, until int64) ([]Plan, error) {
	return s.explain(ctx, unitsWithin(comp, since, until))
}

// eachUnitRow hands the statements query reads to fn (scanUnit).
func (v *ledgerView) eachUnitRow(ctx context.Context, comp int64, query string, args []any, skip func(store.UnitRef) bool, fn func(store.LedgerUnit) error) error {
	rows, err := v.q.QueryContext(ctx, query, args...)
	if err != nil {
		return v.s.errorf("ledger component %d: %w", comp, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := v.scanUnit(rows, skip, fn); err != nil {
			return v.s.errorf("ledger component %d: %w", comp, err)
		}
	}
	if err := rows.Err(); err != nil {
		return v.s.errorf("ledger component %d: %w", comp, err)
	}
	return nil
}

// unitRef binds a statement's key and returns the condition that selects
// its row of ledger_units.
func (w *where) unitRef(u store.UnitRef) string {
	return "(article_k = " + w.arg(u.K) + " AND seq = " + w.arg(u.Seq) + ")"
}

func (v *ledgerView) CompStats(ctx context.Context, comps []int64) (map[int64]store.CompStat, error) {
	out := make(map[int64]store.CompStat, len(comps))
	err := v.eachIn(ctx, "ledger component sizes", `SELECT comp, COUNT(*), MIN(at), MAX(at) FROM ledger_units WHERE comp IN (%s) GROUP BY comp`, comps, func(r *sql.Rows) error {
		var c int64
		var st store.CompStat
		if err := r.Scan(&c, &st.Size, &st.First, &st.Last); err != nil {
			return err
		}
		out[c] = st
		return nil
	})
	return out, err
}

func (v *ledgerView) PendingComps(ctx context.Context, after int64, limit int) ([]store.LedgerComp, error) {
	rows, err := v.q.QueryContext(ctx, `SELECT comp, claim_id, pending FROM ledger_comps WHERE pending <> 0 AND comp > $1 ORDER BY comp LIMIT $2`, after, limit)
	if err != nil {
		return nil, v.s.errorf("ledger pending components: %w", err)
	}
	defer rows.Close()
	var out []store.LedgerComp
	for rows.Next() {
		var c store.LedgerComp
		var col string
		var pending int64
		if err := rows.Scan(&c.Comp, &col, &pending); err != nil {
			return nil, v.s.errorf("ledger pending components: %w", err)
		}
		c.Episodes, c.Pending = parseEpisodes(col), true
		if pending >= 2 {
			c.From = pending - 2
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (v *ledgerView) OldClaims(ctx context.Context) ([]string, error) {
	rows, err := v.q.QueryContext(ctx, `SELECT id FROM ledger_old_claims ORDER BY id`)
	if err != nil {
		return nil, v.s.errorf("ledger old claims: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, v.s.errorf("ledger old claims: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func (v *ledgerView) NextComponent(ctx context.Context) (int64, error) {
	var n int64
	if err := v.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(comp), 0) + 1 FROM ledger_units`).Scan(&n); err != nil {
		return 0, v.s.errorf("ledger next component: %w", err)
	}
	return n, nil
}

func (v *ledgerView) Apply(ctx context.Context, d store.LedgerDelta) error {
	if v.done {
		return v.s.errorf("ledger apply: the view is closed")
	}
	if v.rebuild {
		if err := v.apply(ctx, v.tx, d); err != nil {
			return err
		}
		v.built = max(v.built, d.BuiltFrom)
		return nil
	}
	return v.s.tx(ctx, func(tx *sql.Tx) error { return v.apply(ctx, tx, d) })
}

func (v *ledgerView) apply(ctx context.Context, tx *sql.Tx, d store.LedgerDelta) error {
	s := v.s
	fail := func(err error) error { return s.errorf("ledger apply: %w", err) }
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'ledger_seq'`+s.d.ForUpdate).Scan(&seq); err != nil {
		return fail(err)
	}
	if seq != v.seq {
		return store.ErrLedgerMoved
	}
	exec := func(q string, args ...any) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	}
	// Index rows and statements that go, components renamed.
	for _, part := range chunks(len(d.DropKeys), 50) {
		var w where
		conds := make([]string, 0, part[1]-part[0])
		for _, k := range d.DropKeys[part[0]:part[1]] {
			conds = append(conds, "(key = "+w.arg(int64(k.Key))+" AND day = "+w.arg(k.Day)+" AND article_k = "+w.arg(k.K)+" AND seq = "+w.arg(k.Seq)+")")
		}
		if err := exec(`DELETE FROM ledger_keys WHERE `+strings.Join(conds, " OR "), w.args...); err != nil {
			return fail(err)
		}
	}
	for _, part := range chunks(len(d.DropUnits), 100) {
		var w where
		conds := make([]string, 0, part[1]-part[0])
		for _, u := range d.DropUnits[part[0]:part[1]] {
			conds = append(conds, w.unitRef(u))
		}
		if err := exec(`DELETE FROM ledger_units WHERE `+strings.Join(conds, " OR "), w.args...); err != nil {
			return fail(err)
		}
	}
	// A component merged into another takes its name: a large one's rows
	// all move, without a statement journal (Dialect.UpdateFail).
	for _, r := range d.Relabel {
		if err := exec(cmp.Or(s.d.UpdateFail, "UPDATE")+` ledger_units SET comp = $1 WHERE comp = $2`, r.To, r.From); err != nil {
			return fail(err)
		}
	}
	// Statements read whose data stands: only their component is set,
	// grouped by component (most move into one).
	moves := slices.Clone(d.Moves)
	slices.SortFunc(moves, func(a, b store.UnitMove) int {
		return cmp.Or(cmp.Compare(a.Comp, b.Comp), cmp.Compare(a.K, b.K), cmp.Compare(a.Seq, b.Seq))
	})
	for len(moves) > 0 {
		n := 1
		for n < len(moves) && moves[n].Comp == moves[0].Comp {
			n++
		}
		group := moves[:n]
		moves = moves[n:]
		for part := range slices.Chunk(group, 100) {
			var w where
			to := w.arg(part[0].Comp)
			conds := make([]string, 0, len(part))
			for _, m := range part {
				conds = append(conds, w.unitRef(m.UnitRef))
			}
			if err := exec(cmp.Or(s.d.UpdateFail, "UPDATE")+` ledger_units SET comp = `+to+` WHERE `+strings.Join(conds, " OR "), w.args...); err != nil {
				return fail(err)
			}
		}
	}
	// Upserts.
	var docs [][]any
	for _, doc := range d.Docs {
		docs = append(docs, []any{doc.K, safe(doc.ID), doc.Hash, safe(doc.Published), safe(doc.Site), safe(doc.URL), doc.Parent, doc.Family, doc.Joins, packBands(doc.Bands), safe(doc.Failed)})
	}
	if err := insertRows(ctx, tx, "ledger_docs", strings.Split(docColumns, ", "), docs,
		`ON CONFLICT (article_k) DO UPDATE SET id = excluded.id, hash = excluded.hash, published = excluded.published,
 site = excluded.site, url = excluded.url, parent_k = excluded.parent_k, family_k = excluded.family_k,
 joins = excluded.joins, bands = excluded.bands, failed = excluded.failed`); err != nil {
		return fail(err)
	}
	var units [][]any
	for _, u := range d.Units {
		blob, err := v.codec.encode(u.Data)
		if err != nil {
			return fail(err)
		}
		units = append(units, []any{u.K, u.Seq, u.Comp, u.Echo, u.At, blob})
	}
	// In key order, like the band and key rows below: a ledger step
	// writes the statements of articles in publication order, whose keys
	// (their order of arrival) may lie anywhere in the table; sorted, each
	// page is visited once and split less (ledger_units 1,661 → 1,604
	// pages at 10,000 synthetic articles).
	slices.SortFunc(units, func(a, b []any) int {
		if c := cmp.Compare(a[0].(int64), b[0].(int64)); c != 0 {
			return c
		}
		return cmp.Compare(a[1].(int), b[1].(int))
	})
	if err := insertRows(ctx, tx, "ledger_units", []string{"article_k", "seq", "comp", "echo", "at", "data"}, units,
		`ON CONFLICT (article_k, seq) DO UPDATE SET comp = excluded.comp, echo = excluded.echo, at = excluded.at, data = excluded.data`); err != nil {
		return fail(err)
	}
	for _, part := range chunks(len(d.DropBands), 50) {
		var w where
		conds := make([]string, 0, part[1]-part[0])
		for _, b := range d.DropBands[part[0]:part[1]] {
			conds = append(conds, "(band = "+w.arg(int64(b.Band))+" AND ord = "+w.arg(b.Ord)+" AND pre = "+w.arg(b.Pre)+" AND article_k = "+w.arg(b.K)+")")
		}
		if err := exec(`DELETE FROM ledger_bands WHERE `+strings.Join(conds, " OR "), w.args...); err != nil {
			return fail(err)
		}
	}
	// The band and key rows are written in the order of their primary
	// keys: their keys are hashes, and rows in a random order touch a page
	// of the index each, again and again as the page cache evicts them,
	// where sorted rows fill each page in turn.
	var bands [][]any
	for _, b := range d.AddBands {
		bands = append(bands, []any{int64(b.Band), b.Ord, b.Pre, b.K})
	}
	sortRows(bands)
	if err := insertRows(ctx, tx, "ledger_bands", []string{"band", "ord", "pre", "article_k"}, bands, "ON CONFLICT DO NOTHING"); err != nil {
		return fail(err)
	}
	var keys [][]any
	for _, k := range d.AddKeys {
		keys = append(keys, []any{int64(k.Key), k.Day, k.K, int64(k.Seq)})
	}
	sortRows(keys)
	if err := insertRows(ctx, tx, "ledger_keys", []string{"key", "day", "article_k", "seq"}, keys, "ON CONFLICT DO NOTHING"); err != nil {
		return fail(err)
	}
	// Components.
	for _, part := range chunks(len(d.DropComps), 200) {
		var w where
		vs := make([]any, 0, part[1]-part[0])
		for _, c := range d.DropComps[part[0]:part[1]] {
			vs = append(vs, c)
		}
		if err := exec(`DELETE FROM ledger_comps WHERE comp IN (`+w.in(vs)+`)`, w.args...); err != nil {
			return fail(err)
		}
	}
	var comps [][]any
	for _, c := range d.Comps {
		comps = append(comps, []any{c.Comp, safe(episodesColumn(c.Episodes)), pendingValue(c)})
	}
	// A component marked pending again before its claims were built keeps
	// the earlier From (the least pending value; pendingValue).
	if err := insertRows(ctx, tx, "ledger_comps", []string{"comp", "claim_id", "pending"}, comps,
		`ON CONFLICT (comp) DO UPDATE SET claim_id = excluded.claim_id, pending = CASE
   WHEN excluded.pending = 0 OR ledger_comps.pending = 0 OR excluded.pending < ledger_comps.pending THEN excluded.pending
   ELSE ledger_comps.pending END`); err != nil {
		return fail(err)
	}
	var olds [][]any
	for _, id := range d.AddOldClaims {
		if id != "" {
			olds = append(olds, []any{safe(id)})
		}
	}
	if err := insertRows(ctx, tx, "ledger_old_claims", []string{"id"}, olds, "ON CONFLICT DO NOTHING"); err != nil {
		return fail(err)
	}
	for _, part := range chunks(len(d.DropOldClaims), 200) {
		var w where
		vs := make([]any, 0, part[1]-part[0])
		for _, id := range d.DropOldClaims[part[0]:part[1]] {
			vs = append(vs, safe(id))
		}
		if err := exec(`DELETE FROM ledger_old_claims WHERE id IN (`+w.in(vs)+`)`, w.args...); err != nil {
			return fail(err)
		}
	}
	// Claims: those that go, and the new ones written by their
	// difference from the stored claims of the same ids.
	rows, err := s.claimRows(d.Claims)
	if err != nil {
		return err
	}
	if err := s.writeClaims(ctx, tx, d.Remove, rows); err != nil {
		return err
	}
	if err := s.setEchoes(ctx, tx, d.EchoOf); err != nil {
		return err
	}
	for _, part := range chunks(len(d.NotEchoes), 200) {
		var w where
		vs := make([]any, 0, part[1]-part[0])
		for _, id := range d.NotEchoes[part[0]:part[1]] {
			vs = append(vs, id)
		}
		if err := exec(`DELETE FROM echoes WHERE article_id IN (`+w.in(vs)+`)`, w.args...); err != nil {
			return fail(err)
		}
	}
	// The echo map is read through the read cache too; claims rewritten
	// unchanged are no longer written (writeClaims), so its change bumps
	// the read version itself.
	if len(d.EchoOf)+len(d.NotEchoes) > 0 {
		if err := exec(`UPDATE meta SET value = value + 1 WHERE key = 'read_version'`); err != nil {
			return fail(err)
		}
	}
	// Queued articles applied at the version read (a later version stays
	// queued). A rebuild clears the queue when it commits: rows locked
	// until then would hold up the writers of those articles.
	for _, part := range chunks(len(d.Done)*btoi(!v.rebuild), 100) {
		var w where
		conds := make([]string, 0, part[1]-part[0])
		for _, it := range d.Done[part[0]:part[1]] {
			conds = append(conds, "(article_k = "+w.arg(it.K)+" AND content_hash = "+w.arg(it.Hash)+")")
		}
		if err := exec(`DELETE FROM ledger_dirty WHERE `+strings.Join(conds, " OR "), w.args...); err != nil {
			return fail(err)
		}
	}
	if !v.rebuild && d.BuiltFrom > 0 {
		var cur int64
		if err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'claims_gen'`).Scan(&cur); err != nil {
			return fail(err)
		}
		if d.BuiltFrom > cur {
			if err := exec(`UPDATE meta SET value = $1 WHERE key IN ('claims_gen', 'ledger_state_gen')`, d.BuiltFrom); err != nil {
				return fail(err)
			}
		}
	}
	if err := exec(`UPDATE meta SET value = value + 1 WHERE key = 'ledger_seq'`); err != nil {
		return fail(err)
	}
	v.seq++
	return nil
}

// chunks splits n items into [from, to) ranges of at most size.
func chunks(n, size int) [][2]int {
	var out [][2]int
	for i := 0; i < n; i += size {
		out = append(out, [2]int{i, min(i+size, n)})
	}
	return out
}

func (v *ledgerView) Commit(ctx context.Context) error {
	v.closeStmts()
	defer v.codec.close()
	if v.done {
		return nil
	}
	if !v.rebuild {
		v.done = true
		return nil
	}
	s := v.s
	err := func() error {
		var cur int64
		if err := v.tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'claims_gen'`+s.d.ForUpdate).Scan(&cur); err != nil {
			return s.errorf("ledger rebuild: %w", err)
		}
		if cur > v.built {
			return store.ErrSuperseded
		}
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`UPDATE meta SET value = $1 WHERE key IN ('claims_gen', 'ledger_state_gen')`, []any{v.built}},
			{`UPDATE meta SET value = value + 1 WHERE key = 'ledger_seq'`, nil},
			// What the rebuild read is applied; later versions stay queued.
			{`DELETE FROM ledger_dirty WHERE EXISTS (SELECT 1 FROM ledger_docs d
 WHERE d.article_k = ledger_dirty.article_k AND d.hash = ledger_dirty.content_hash)`, nil},
		} {
			if _, err := v.tx.ExecContext(ctx, q.sql, q.args...); err != nil {
				return s.errorf("ledger rebuild: %w", err)
			}
		}
		return nil
	}()
	v.done = true
	if err != nil {
		_ = v.tx.Rollback()
		return err
	}
	if err := v.tx.Commit(); err != nil {
		return s.errorf("ledger rebuild: commit: %w", err)
	}
	if s.d.Optimize != "" {
		_, _ = s.db.ExecContext(ctx, s.d.Optimize)
	}
	return nil
}

func (v *ledgerView) Rollback() error {
	v.closeStmts()
	defer v.codec.close()
	if v.done || v.tx == nil {
		v.done = true
		return nil
	}
	v.done = true
	err := v.tx.Rollback()
	return err
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sortRows sorts rows of int64 columns (a primary key) in the order of the
// key.
func sortRows(rows [][]any) {
	slices.SortFunc(rows, func(a, b []any) int {
		for i := range a {
			if c := cmp.Compare(a[i].(int64), b[i].(int64)); c != 0 {
				return c
			}
		}
		return 0
	})
}
