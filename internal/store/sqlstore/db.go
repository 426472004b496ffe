// Package sqlstore is the store.Store implementation shared by the SQLite and
// PostgreSQL stores: one SQL text with $N placeholders, plus a small Dialect
// for what really differs (full-text search, locking, retries). The schema
// lives in each driver's embedded migrations. One file per aggregate:
// ingest.go, articles.go, statements.go, search.go, index.go, claims.go.
package sqlstore

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/klauspost/compress/zstd"

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
	// ClaimSearch is a subquery of the claims matching the query bound to
	// param: columns claim_k and score (larger is better).
	ClaimSearch func(param string) string
	// FTSWords renders index words (tokens, no user syntax) as a query
	// matching all of them, or any with any set; FTSGroup parenthesizes a
	// rendered query; FTSAnd joins rendered queries.
	FTSWords func(words []string, any bool) string
	FTSGroup func(q string) string
	FTSAnd   func(parts ...string) string
	// ClaimMatches is a subquery of the claims matching the query bound to
	// q, highest key first (lowest first with lowest set), at most limit
	// (a placeholder; "" for all):
	// columns claim_k and score (larger is better). ClaimMatchCount is a
	// scalar subquery counting them up to limit (a count of the first
	// limit matches, bounded however common the words); ClaimMatchRow a predicate and
	// ClaimRankRow the score, on claims alias c. ClaimMatchSet, when set,
	// is a predicate on c for the claims of a large filter (a place):
	// they are then ranked by their score among the store.TextWindow
	// newest matches, scored once.
	ClaimMatches    func(q, limit string, lowest bool) string
	ClaimMatchCount func(q, limit string) string
	ClaimMatchRow   func(q string) string
	ClaimRankRow    func(q string) string
	ClaimMatchSet   func(q string) string
	// SearchArticles and SearchStatements return the full search queries:
	// columns id, statement id, title, site, published, snippet, score
	// (larger is better), key (for the snippet queries); $1 is the
	// query, $2 the limit, $3 the number of newest matches ranked
	// (store.TextWindow).
	SearchArticles   string
	SearchStatements string
	// RecentSearchArticles and RecentSearchStatements, when set, are the
	// same queries over indexes of the newest rows only, used when
	// RecentArticleMatches or RecentStatementMatches (the matches of $1
	// there, counted up to $2) reach store.TextWindow: the newest matches
	// are then all there, and bm25's statistics are counted over those
	// rows instead of the whole index.
	RecentSearchArticles   string
	RecentSearchStatements string
	RecentArticleMatches   string
	RecentStatementMatches string
	// ArticleSnippets and StatementSnippets, when set, make the snippets
	// the search queries leave empty, for the hits kept: columns key and
	// snippet; $1 is the query, $2 and $3 the lowest and highest key, $4
	// the keys as a JSON array.
	ArticleSnippets   string
	StatementSnippets string

	// Optional hooks, run inside the writing transaction, for search
	// indexes that are not maintained by the database itself.
	//
	// UnindexArticle runs before article k is replaced.
	UnindexArticle func(ctx context.Context, tx *sql.Tx, k int64) error
	// IndexArticles runs after a batch wrote (created or replaced) these
	// articles with their statements.
	IndexArticles func(ctx context.Context, tx *sql.Tx, arts []IndexedArticle) error
	// TextInAnalysis keeps an article's text inside its compressed
	// analysis, and a statement's content (a span of that text) only
	// there, instead of in the text and content columns, which stay empty
	// (SQLite: the text is a third of an article's bytes, compressed with
	// the analysis it costs a third of that, and the statements' contents
	// are spans the analysis already holds; the search index reads them
	// back through SQL functions, see sqlite.Dialect). The article's
	// fields that have columns (id, url, site, title, published,
	// language) are then stored in their columns only. Rows written
	// without it keep their columns, which are read first.
	TextInAnalysis bool

	// ClaimBody returns the column list and value placeholder that store a
	// claim's searchable body with its row (PostgreSQL: a tsvector), or ""
	// when the body is indexed by IndexClaims instead.
	ClaimBodyColumn string
	ClaimBodyValue  func(param string) string
	// ClearClaimsIndex runs before all claims are deleted; UnindexClaims
	// before the claims ks are deleted; IndexClaims after claims were
	// inserted, with their ks and bodies.
	ClearClaimsIndex func(ctx context.Context, tx *sql.Tx) error
	UnindexClaims    func(ctx context.Context, tx *sql.Tx, ks []int64) error
	IndexClaims      func(ctx context.Context, tx *sql.Tx, ks []int64, bodies []string) error

	// LockArticles, when set, takes transaction-scoped locks on the
	// article ids before a batch reads or writes them, in a global order,
	// so that concurrent writers of the same articles (several processes)
	// serialize on them instead of deadlocking or colliding on a key.
	LockArticles func(ctx context.Context, tx *sql.Tx, ids []string) error
	// ForUpdate is appended to the SELECT of the ledger's generation row
	// in ReplaceLedger (" FOR UPDATE" on PostgreSQL; SQLite transactions
	// are already exclusive).
	ForUpdate string
	// Retryable reports whether a failed transaction may succeed when run
	// again (deadlock, serialization failure).
	Retryable func(error) bool
	// NoIndex wraps a column in an ORDER BY so that the planner does not
	// walk an index for that order (SQLite: unary +; PostgreSQL, whose
	// planner weighs the range against the walk itself: the column).
	NoIndex func(col string) string
	// ReadMode, when set, is passed before the arguments of the text
	// queries, whose best plan depends on their words (DB.read): the
	// driver's mode that has them planned at each execution (PostgreSQL).
	// nil on SQLite, whose plans do not change so.
	ReadMode any
	// Explain prefixes a query to get its plan: "EXPLAIN QUERY PLAN " or
	// "EXPLAIN ".
	Explain string
	// KeysInArrays selects the layout of the echo and link indexes
	// (keys.go): arrays with GIN indexes (PostgreSQL), else contentless
	// FTS5 tables.
	KeysInArrays bool
	// MaxParams bounds the parameters of one multi-row INSERT (default
	// 200).
	MaxParams int
	// Positional makes bulk inserts use ? placeholders instead of $N
	// (SQLite: the driver looks a $N parameter up by name, in time that
	// grows with the number of parameters of the statement).
	Positional bool
	// Optimize runs after large writes (a ledger swap) so the query
	// planner's statistics follow the data.
	Optimize string
	// MergeText, when set, gives the statement that merges the segments
	// of the full-text index it is given, $1 pages of work; TextIndexes
	// are the indexes it is run on (store.TextMerger).
	MergeText   func(index string) string
	TextIndexes []string
	// UpdateFail is the UPDATE keyword for a statement that writes many
	// rows late in a long transaction, whose failure fails the whole
	// transaction anyway: "UPDATE OR FAIL" on SQLite, which then keeps no
	// statement journal (an UPDATE that may abort copies every page the
	// transaction changed before it, as it first writes it, to be able to
	// undo the statement alone); "UPDATE" elsewhere.
	UpdateFail string
}

// IndexedArticle is what Dialect.IndexArticles indexes of an article
// just written: its key, title and text, and its statements' contents and
// keys by position.
type IndexedArticle struct {
	K             int64
	Title         string
	Text          string
	Statements    []string
	StatementKeys []int64
}

// DB is a store.Store on a *sql.DB whose schema is already migrated.
type DB struct {
	db *sql.DB
	d  Dialect
	c  codec
	// Now is the clock for bookkeeping timestamps.
	Now func() time.Time
	// Trace, when set, is called as each phase of a Put starts (the
	// article rows, each child table, the search index, the commit) and
	// the function it returns as the phase ends: bench/writepath
	// measures the write path's CPU by phase with it.
	Trace func(phase string) (end func())
	// SearchWindow, when not 0, replaces store.TextWindow in Search: the
	// number of newest matches ranked (tests reach it with a few articles).
	SearchWindow int
	// refs keeps what fillClaims read of articles (claims.go).
	refs refCache
}

// trace starts a traced phase; the result ends it.
func (s *DB) trace(phase string) func() {
	if s.Trace == nil {
		return func() {}
	}
	return s.Trace(phase)
}

var _ store.Store = (*DB)(nil)

// New wraps db. The caller migrates db before use and closes it through
// Close.
func New(db *sql.DB, d Dialect) *DB {
	return &DB{db: db, d: d, c: newCodec(), Now: func() time.Time { return time.Now().UTC() }}
}

// SQL returns the underlying database, for tests and migrations.
func (s *DB) SQL() *sql.DB { return s.db }

// read returns args for a read query: Dialect.ReadMode first when set and
// the query is a text query (text), whose plan depends on its words; the
// other reads keep their prepared plans.
func (s *DB) read(text bool, args []any) []any {
	if s.d.ReadMode == nil || !text {
		return args
	}
	return append([]any{s.d.ReadMode}, args...)
}

// Close closes the database.
func (s *DB) Close() error {
	s.c.close()
	return s.db.Close()
}

func (s *DB) errorf(format string, args ...any) error {
	return fmt.Errorf(s.d.Name+": "+format, args...)
}

// maxTxAttempts bounds the retries of a transaction that failed on a
// deadlock or serialization conflict with another writer.
const maxTxAttempts = 8

// tx runs fn in a transaction, retrying it from the start when the dialect
// says the failure was a conflict with a concurrent transaction.
func (s *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	var err error
	for attempt := range maxTxAttempts {
		if attempt > 0 {
			select {
			case <-time.After(time.Duration(attempt*attempt) * 20 * time.Millisecond):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		err = s.tx1(ctx, fn)
		if err == nil || s.d.Retryable == nil || !s.d.Retryable(err) {
			return err
		}
	}
	return err
}

func (s *DB) tx1(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	end := s.trace("commit")
	defer end()
	if err := tx.Commit(); err != nil {
		return s.errorf("commit: %w", err)
	}
	return nil
}

// codec stores JSON documents (analyses, claims) zstd-compressed: they are
// the bulk of the database and compress about 4:1. Rows written before
// compression hold plain JSON, which unpack still reads.
type codec struct {
	enc *zstd.Encoder
	// aenc packs analyses, with analysisDict, and cenc claims, with
	// claimDict; dec reads frames made with either or without a
	// dictionary.
	aenc, cenc *zstd.Encoder
	dec        *zstd.Decoder
}

// codecWindow is the encoder's window. The default (8 MiB) makes the
// encoder keep a 16 MiB history buffer for the rest of the process once
// it packs one document over 128 KiB (a claim with a couple of hundred
// statements): a long-running watcher's heap stepped up by that late in a
// soak. Documents are mostly far below 1 MiB, so a 1 MiB window (a 2 MiB
// buffer) compresses them as well.
const codecWindow = 1 << 20

func newCodec() codec {
	// Neither constructor fails with these options.
	// EncodeAll takes one of the encoder's encoders for each call: with
	// one, the analysis goroutines of an ingest, which encode their
	// articles (store.PutEncoder), waited for each other. Each encoder
	// allocates its history (2 MiB at most, by the window) when first
	// used.
	n := min(runtime.GOMAXPROCS(0), 4)
	enc, _ := newEncoder(nil, zstd.WithEncoderConcurrency(n), zstd.WithWindowSize(codecWindow))
	// Analyses at the default level too. The better level made them 7 %
	// smaller (analysisDict says how measured), but an encoder with a
	// dictionary starts every frame from the dictionary's match tables,
	// copying each table part the previous frame wrote to: at the better
	// level, 4 MB a frame for an analysis of a few KB, 14 % of an ingest's
	// CPU in memmove. At the default level the tables are a quarter of
	// that: a 10,000-article ingest runs 9-17 % faster for 1 % more bytes
	// (bench/README.md, "Encoding analyses").
	aenc, _ := newEncoder(nil, zstd.WithEncoderConcurrency(n), zstd.WithWindowSize(codecWindow),
		zstd.WithEncoderDict([]byte(analysisDict)))
	cenc, _ := newEncoder(nil, zstd.WithEncoderConcurrency(n), zstd.WithWindowSize(codecWindow),
		zstd.WithEncoderDictRaw(claimDictID, []byte(claimDict)))
	return codec{enc: enc, aenc: aenc, cenc: cenc, dec: newDecoder()}
}

// newEncoder is zstd.NewWriter at the default level, without the frame
// checksum, then opts: every compressed column of the store is written
// by one. The checksum was 4 bytes of every value (analyses, texts,
// claims, ledger units: 46 bytes an article) guarding against what the
// database's own storage already answers for; frames written with it
// still read.
func newEncoder(w io.Writer, opts ...zstd.EOption) (*zstd.Encoder, error) {
	return zstd.NewWriter(w, append([]zstd.EOption{zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderCRC(false)}, opts...)...)
}

// newDecoder makes the decoder of codec: frames without a dictionary or
// with analysisDict or claimDict. It does not fail with these options.
// Its DecodeAll serves every request of a server at once: with one
// decoder the concurrent reads of a list waited for each other (a page
// of briefs is 50 of them), so it has one per processor.
func newDecoder() *zstd.Decoder {
	dec, _ := zstd.NewReader(nil, append(decoderOptions(), zstd.WithDecoderConcurrency(runtime.GOMAXPROCS(0)))...)
	return dec
}

// decoderOptions are the options of the codec's decoders: one goroutine,
// and the dictionaries of its encoders.
func decoderOptions() []zstd.DOption {
	return []zstd.DOption{zstd.WithDecoderConcurrency(1), zstd.WithDecoderDicts([]byte(analysisDict)),
		zstd.WithDecoderDictRaw(rawAnalysisDictID, []byte(rawAnalysisDict)), zstd.WithDecoderDictRaw(claimDictID, []byte(claimDict))}
}

func (c codec) close() {
	c.enc.Close()
	if c.aenc != nil {
		c.aenc.Close()
	}
	if c.cenc != nil {
		c.cenc.Close()
	}
	c.dec.Close()
}

// packAnalysis is pack for an article's analysis, with analysisDict.
func (c codec) packAnalysis(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return c.aenc.EncodeAll(b, make([]byte, 0, len(b)/3)), nil
}

// packClaim is pack for a claim's stored form or brief, with claimDict.
func (c codec) packClaim(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return c.cenc.EncodeAll(b, make([]byte, 0, len(b)/3)), nil
}

func (c codec) pack(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return c.enc.EncodeAll(b, make([]byte, 0, len(b)/3)), nil
}

func (c codec) unpack(b []byte, v any) error {
	if len(b) > 0 && b[0] != '{' {
		var err error
		if b, err = c.dec.DecodeAll(b, nil); err != nil {
			return fmt.Errorf("decompress: %w", err)
		}
	}
	return json.Unmarshal(b, v)
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

// in binds vs and returns "$i, $j, …" for an IN list.
func (w *where) in(vs []any) string {
	ph := make([]string, len(vs))
	for i, v := range vs {
		ph[i] = w.arg(v)
	}
	return strings.Join(ph, ", ")
}

// inChunk is how many values one IN list of queryIn holds.
const inChunk = 500

// queryIn runs query, with "%s" where the IN list goes, for vs in chunks
// of inChunk values and calls scan for every row.
func queryIn(ctx context.Context, q querier, query string, vs []any, scan func(*sql.Rows) error) error {
	for len(vs) > 0 {
		n := min(len(vs), inChunk)
		var w where
		rows, err := q.QueryContext(ctx, fmt.Sprintf(query, w.in(vs[:n])), w.args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		vs = vs[n:]
	}
	return nil
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

// decodeSig reads a signature stored by an earlier version.
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

// insertRows writes rows with multi-row INSERT statements of at most 200
// parameters each. suffix follows the VALUES list (e.g. "ON CONFLICT DO
// NOTHING").
func insertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any, suffix string) error {
	return insertChunks(ctx, tx, false, 200, table, cols, rows, suffix, nil)
}

// insertRows is the package insertRows with the dialect's placeholders and
// statement size.
func (s *DB) insertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any, suffix string) error {
	return insertChunks(ctx, tx, s.d.Positional, s.maxParams(), table, cols, rows, suffix, nil)
}

// insertRowsReturning is insertRows for a suffix with a RETURNING clause:
// scan is called for every row returned.
func (s *DB) insertRowsReturning(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any, suffix string, scan func(*sql.Rows) error) error {
	return insertChunks(ctx, tx, s.d.Positional, s.maxParams(), table, cols, rows, suffix, scan)
}

func (s *DB) maxParams() int {
	if s.d.MaxParams > 0 {
		return s.d.MaxParams
	}
	return 200
}

// insertChunks writes rows in statements of at most maxParams parameters;
// the statement of full chunks is prepared once.
func insertChunks(ctx context.Context, tx *sql.Tx, positional bool, maxParams int, table string, cols []string, rows [][]any, suffix string, scan func(*sql.Rows) error) error {
	per := max(1, maxParams/len(cols))
	var full *sql.Stmt // the statement for full chunks, prepared once
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, min(per, len(rows))*len(cols))
	for len(rows) > 0 {
		n := min(per, len(rows))
		args = args[:0]
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		stmt := full
		if n < per {
			var err error
			if stmt, err = tx.PrepareContext(ctx, insertSQL(table, cols, n, suffix, positional)); err != nil {
				return fmt.Errorf("insert into %s: %w", table, err)
			}
			defer stmt.Close()
		} else if full == nil {
			var err error
			if full, err = tx.PrepareContext(ctx, insertSQL(table, cols, n, suffix, positional)); err != nil {
				return fmt.Errorf("insert into %s: %w", table, err)
			}
			stmt = full
		}
		if err := execChunk(ctx, stmt, args, scan); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
		rows = rows[n:]
	}
	return nil
}

func execChunk(ctx context.Context, stmt *sql.Stmt, args []any, scan func(*sql.Rows) error) error {
	if scan == nil {
		_, err := stmt.ExecContext(ctx, args...)
		return err
	}
	rs, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		if err := scan(rs); err != nil {
			return err
		}
	}
	return rs.Err()
}

// insertSQL is a multi-row INSERT of n rows, with ? placeholders when
// positional, else $N.
func insertSQL(table string, cols []string, n int, suffix string, positional bool) string {
	var q strings.Builder
	q.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		if positional {
			q.WriteString(row)
		} else {
			q.WriteString("(" + Placeholders(i*len(cols), len(cols)) + ")")
		}
	}
	if suffix != "" {
		q.WriteString(" " + suffix)
	}
	return q.String()
}

// Direction is the SQL sort direction of key order: ASC when lowest, else
// DESC.
func Direction(lowest bool) string {
	if lowest {
		return "ASC"
	}
	return "DESC"
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
