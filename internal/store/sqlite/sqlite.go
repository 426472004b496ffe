// Package sqlite is the default store.Store: one SQLite file (pure Go
// modernc.org/sqlite, WAL mode) with FTS5 full-text search.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/pressly/goose/v3"
	msqlite "modernc.org/sqlite" // registers driver "sqlite"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// The search indexes read the texts kept inside the compressed analyses
// (sqlstore.Dialect.TextInAnalysis) through these functions, which the
// views articles_fts_content and statements_fts_content (migration 38)
// and the delete triggers call. The driver gives them to every connection
// it opens, so they are registered before any: a connection made by
// another program (without them) can match and rank, but not make
// snippets or replace articles.
func init() {
	msqlite.MustRegisterDeterministicScalarFunction("crosscheck_article_text", 1,
		func(_ *msqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			b, ok := blobArg(args[0])
			if !ok {
				return "", nil
			}
			return sqlstore.ArticleTextOf(b)
		})
	msqlite.MustRegisterDeterministicScalarFunction("crosscheck_statement_text", 2,
		func(_ *msqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			b, ok := blobArg(args[0])
			seq, isInt := args[1].(int64)
			if !ok || !isInt {
				return "", nil
			}
			return sqlstore.StatementTextOf(b, int(seq))
		})
}

// blobArg is a function argument holding a stored analysis (a BLOB, or
// TEXT for plain JSON written before compression); false for NULL.
func blobArg(v driver.Value) ([]byte, bool) {
	switch v := v.(type) {
	case []byte:
		return v, len(v) > 0
	case string:
		return []byte(v), v != ""
	}
	return nil, false
}

// insertValues inserts rows of width values each (args, row after row)
// into target ("table (columns)") with positional placeholders, in as few
// statements as SQLite's limit on parameters allows (one for a batch).
func insertValues(ctx context.Context, tx *sql.Tx, target string, width int, args []any) error {
	const maxParams = 32766 // SQLITE_MAX_VARIABLE_NUMBER
	per := maxParams / width
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	for len(args) > 0 {
		n := min(per, len(args)/width)
		q := "INSERT INTO " + target + " VALUES " + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
		if _, err := tx.ExecContext(ctx, q, args[:n*width]...); err != nil {
			return err
		}
		args = args[n*width:]
	}
	return nil
}

// Store is a store.Store on a SQLite file.
type Store struct {
	*sqlstore.DB
}

var _ store.Store = (*Store)(nil)

// DSN returns the modernc DSN for the file at path: WAL, a busy timeout,
// foreign keys, immediate write transactions (so several processes can
// write without SQLITE_BUSY), the page cache of DefaultCacheMiB and the
// time format that round-trips time.Time.
func DSN(path string) string { return dsn(path, DefaultCacheMiB) }

func dsn(path string, cacheMiB int) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)" +
		fmt.Sprintf("&_pragma=foreign_keys(1)&_pragma=temp_store(MEMORY)&_pragma=cache_size(-%d)&_txlock=immediate&_time_format=sqlite", cacheMiB<<10)
}

// DefaultCacheMiB is the page cache of each connection. SQLite's memory
// (page caches, outside the Go heap and its limit) is per connection and
// the pool multiplies it: a connection that read this much holds it, about
// 1.3 times it in resident memory (measured: 82 MB per connection at 64 MiB,
// 21 MB at 16 MiB). At 64 MiB the ledger update of a 50,000-article ingest
// peaked at 552 MB resident, at 16 MiB at 453 MB, for a few per cent more
// CPU in page reads (bench/README "Scale"). SQLite's soft and hard heap
// limits would bound all connections together, but this build keeps no
// memory statistics, so they are not enforced.
const DefaultCacheMiB = 16

// Option configures Open.
type Option func(*options)

type options struct{ cacheMiB int }

// CacheMiB sets the page cache of each connection (PRAGMA cache_size) to n
// MiB instead of DefaultCacheMiB (n <= 0 keeps the default). Each open
// connection fills its own cache as it reads, up to the size, so a
// long-running process's memory grows with the database up to n MiB times
// its connections; one that writes little (a watcher) needs less.
func CacheMiB(n int) Option { return func(o *options) { o.cacheMiB = n } }

// Open opens (creating if needed) the database file at path and migrates it
// to the latest schema.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	o := options{cacheMiB: DefaultCacheMiB}
	for _, f := range opts {
		f(&o)
	}
	if o.cacheMiB <= 0 {
		o.cacheMiB = DefaultCacheMiB
	}
	if path == "" {
		return nil, fmt.Errorf("sqlite: empty database path")
	}
	// Processes opening a fresh file together (two ingests) would
	// otherwise both create it or apply the same migration: an exclusive
	// lock on a file beside the database serializes them.
	unlock, err := lockFile(path + ".migrate-lock")
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	defer unlock()
	if err := create(ctx, path); err != nil {
		return nil, fmt.Errorf("sqlite: create %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", dsn(path, o.cacheMiB))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	// database/sql keeps two idle connections by default and closes the
	// others as soon as they are released: under concurrent reads (a
	// server's 4 requests per CPU) it then opens and closes connections
	// all the time, and each new one starts with an empty page cache and
	// parses the schema again. Measured on a 200,000-article database, 10
	// clients on the board: 14 % of the server's CPU closing connections,
	// a third in reads of pages a kept connection would have cached. The
	// pool keeps as many idle connections as the server serves requests at
	// once, and lets one go after IdleConnTimeout unused, so that a quiet
	// process does not hold their caches.
	db.SetMaxIdleConns(MaxIdleConns())
	db.SetConnMaxIdleTime(IdleConnTimeout)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: migrate %s: %w", path, err)
	}
	return &Store{DB: sqlstore.New(db, Dialect)}, nil
}

// MaxIdleConns is how many released connections the pool keeps open:
// four per CPU, as many as serve answers ordinary requests at once.
func MaxIdleConns() int { return 4 * runtime.GOMAXPROCS(0) }

// IdleConnTimeout is how long an unused connection stays open.
const IdleConnTimeout = 2 * time.Minute

// PageSize is the page size of a new database file. Larger pages than
// SQLite's 4 KiB default halve the WAL frames a batch commits (an
// article row with its text and analysis fits one page instead of a
// chain of three) at the price of rewriting more bytes per changed page;
// 16 KiB measured best on the write path (bench/writepath).
const PageSize = 16384

// create makes a new database file with PageSize pages, in WAL mode. The
// page size is fixed once the file is in WAL mode, and the driver applies
// the DSN's journal_mode before any other pragma, so it is set here on a
// connection of its own. An existing file is left as it is.
func create(ctx context.Context, path string) error {
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
		return nil
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath())
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.ExecContext(ctx, fmt.Sprintf("PRAGMA page_size = %d; PRAGMA journal_mode = WAL", PageSize))
	return err
}

// migrate brings the file to the latest schema. The caller holds the
// migration lock.
func migrate(ctx context.Context, db *sql.DB) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, sub)
	if err != nil {
		return err
	}
	_, err = p.Up(ctx)
	return err
}

// Dialect is the SQLite flavour of the shared SQL: FTS5 tables kept in sync
// by triggers, ranked with bm25 (negated so that larger is better).
var Dialect = sqlstore.Dialect{
	Name:     "sqlite",
	FTSQuery: ftsQuery,
	ArticleMatch: func(p string) string {
		return "a.k IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH " + p + ")"
	},
	StatementMatch: func(p string) string {
		return "s.k IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH " + p + ")"
	},
	ClaimSearch: func(p string) string {
		return "SELECT rowid AS claim_k, -bm25(claims_fts) AS score FROM claims_fts WHERE claims_fts MATCH " + p
	},
	FTSWords: func(words []string, any bool) string {
		q := make([]string, len(words))
		for i, w := range words {
			q[i] = `"` + w + `"`
		}
		if any {
			return "(" + strings.Join(q, " OR ") + ")"
		}
		return strings.Join(q, " AND ")
	},
	FTSGroup: func(q string) string { return "(" + q + ")" },
	FTSAnd:   func(parts ...string) string { return strings.Join(parts, " AND ") },
	// FTS5 walks the matches in descending rowid order itself and stops
	// at the limit: bm25 is computed for those only.
	ClaimMatches: func(q, limit string, lowest bool) string {
		sql := "SELECT rowid AS claim_k, -bm25(claims_fts) AS score FROM claims_fts WHERE claims_fts MATCH " + q + " ORDER BY rowid " + sqlstore.Direction(lowest)
		if limit != "" {
			sql += " LIMIT " + limit
		}
		return sql
	},
	ClaimMatchCount: func(q, limit string) string {
		return "(SELECT COUNT(*) FROM (SELECT 1 FROM claims_fts WHERE claims_fts MATCH " + q + " LIMIT " + limit + ") upto)"
	},
	// A MATCH per row (rowid = c.k) opens the terms' doclists again each
	// time, and bm25 there counts every match for its weights: fine for
	// the few claims of a speaker or an article, not for the thousands
	// of a place, which use the set of matches, built once, and the
	// window's scores (ClaimMatchSet).
	ClaimMatchRow: func(q string) string {
		return "EXISTS (SELECT 1 FROM claims_fts WHERE claims_fts MATCH " + q + " AND rowid = c.k)"
	},
	ClaimRankRow: func(q string) string {
		return "(SELECT -bm25(claims_fts) FROM claims_fts WHERE claims_fts MATCH " + q + " AND rowid = c.k)"
	},
	ClaimMatchSet: func(q string) string {
		return "c.k IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH " + q + ")"
	},
	// The store.TextWindow newest matches ($3) are ranked (FTS5 walks the
	// matches in descending rowid order and stops there, so bm25 runs for
	// those only) and the best $2 kept. Snippets come after, for the hits
	// kept of both kinds (ArticleSnippets).
	SearchArticles:         searchArticles("articles_fts"),
	SearchStatements:       searchStatements("statements_fts"),
	RecentSearchArticles:   searchArticles("articles_recent_fts"),
	RecentSearchStatements: searchStatements("statements_recent_fts"),
	RecentArticleMatches:   recentMatches("articles_recent_fts"),
	RecentStatementMatches: recentMatches("statements_recent_fts"),
	// One walk of the keys' range of the matches, snippet() made for the
	// keys only (filtered first: the + keeps the IN out of the index
	// constraints). A lookup per key instead (rowid = ? with MATCH) opens
	// the term's doclist again each time: five times slower.
	ArticleSnippets: `SELECT rowid, snippet(articles_fts, 1, '[', ']', '…', 16) FROM articles_fts
WHERE articles_fts MATCH $1 AND rowid BETWEEN $2 AND $3 AND +rowid IN (SELECT value FROM json_each($4))`,
	StatementSnippets: `SELECT rowid, snippet(statements_fts, 0, '[', ']', '…', 16) FROM statements_fts
WHERE statements_fts MATCH $1 AND rowid BETWEEN $2 AND $3 AND +rowid IN (SELECT value FROM json_each($4))`,

	UnindexArticle: func(ctx context.Context, tx *sql.Tx, k int64) error {
		// External-content FTS5 needs the old values to delete them (read
		// through the view the index reads, migration 38); the recent
		// index deletes by key. The statements' rows go through their
		// delete triggers.
		if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts, rowid, title, text)
SELECT 'delete', k, title, text FROM articles_fts_content WHERE k = $1`, k); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM articles_recent_fts WHERE rowid = $1`, k)
		return err
	},
	IndexArticles: func(ctx context.Context, tx *sql.Tx, arts []sqlstore.IndexedArticle) error {
		// One INSERT per table for the whole batch: FTS5 writes a
		// segment at every statement, so row-by-row (or chunked)
		// indexing makes many small segments to merge. The texts are
		// bound from memory: the rows do not hold them (TextInAnalysis),
		// and reading them back would decompress the analyses on the
		// writer.
		var docs, stmts []any
		for _, a := range arts {
			docs = append(docs, a.K, a.Title, a.Text)
			for j, c := range a.Statements {
				stmts = append(stmts, a.StatementKeys[j], c)
			}
		}
		if err := insertValues(ctx, tx, "articles_fts (rowid, title, text)", 3, docs); err != nil {
			return err
		}
		if err := insertValues(ctx, tx, "statements_fts (rowid, content)", 2, stmts); err != nil {
			return err
		}
		return indexRecent(ctx, tx, docs, stmts)
	},
	TextInAnalysis: true,
	// claims_fts is contentless (content=''): the body is indexed, not
	// stored, and rows are deleted by rowid (contentless_delete=1).
	ClearClaimsIndex: func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO claims_fts (claims_fts) VALUES ('delete-all')`)
		return err
	},
	// One statement prepared for all: an update rewrites thousands.
	UnindexClaims: func(ctx context.Context, tx *sql.Tx, ks []int64) error {
		return deleteRows(ctx, tx, "claims_fts", ks)
	},
	IndexClaims: func(ctx context.Context, tx *sql.Tx, ks []int64, bodies []string) error {
		const per = 100
		for len(ks) > 0 {
			n := min(len(ks), per)
			args := make([]any, 0, 2*n)
			var q strings.Builder
			q.WriteString(`INSERT INTO claims_fts (rowid, body) VALUES `)
			for i := range n {
				if i > 0 {
					q.WriteString(", ")
				}
				q.WriteString("(" + sqlstore.Placeholders(2*i, 2) + ")")
				args = append(args, ks[i], bodies[i])
			}
			if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
				return err
			}
			ks, bodies = ks[n:], bodies[n:]
		}
		return nil
	},
	// Statistics for the planner after a ledger swap (claims change
	// wholesale), so that it drives selective filters (a speaker, a place)
	// from their index instead of walking the claims in date order. The
	// analysis limit samples each index, so this stays fast on any size.
	Optimize: `PRAGMA analysis_limit = 1000; ANALYZE`,
	// 'merge' with a negative budget first gathers all segments on one
	// level and then merges that many pages of them: repeated, it is an
	// 'optimize' in steps, which a large ingest completes at once. The
	// claims' index is merged: the ledger deletes and writes its rows on
	// every update, and the deleted rows' tombstones are checked at every
	// match until a merge drops them (at 200,000 articles, 10 % of a text
	// query's time). The articles' and statements' indexes only grow, and
	// are left to FTS5's own merging: merged whole they answered a word of
	// most articles in 7 ms instead of 12, but the recent indexes answer
	// those, and the pages a merge frees stay in the file (9 % of it after
	// a 10,000-article ingest).
	MergeText: func(ix string) string {
		return "INSERT INTO " + ix + " (" + ix + ", rank) VALUES ('merge', -$1)"
	},
	TextIndexes: []string{"claims_fts"},
	Explain:     "EXPLAIN QUERY PLAN ",
	Positional:  true,
	// A batch's rows in as few statements as SQLite allows (32,766
	// parameters): each statement writing to an FTS5 table is a segment.
	MaxParams:  30000,
	NoIndex:    func(col string) string { return "+" + col },
	UpdateFail: "UPDATE OR FAIL",
}

// ftsQuery renders the normalised query (store.ParseQuery: plain words,
// no duplicates, capped in number) as quoted FTS5 phrases, so that user
// input cannot inject FTS5 syntax; words are ANDed, a trailing * keeps
// prefix search.
func ftsQuery(q string) string { return store.ParseQuery(q).FTS5() }
