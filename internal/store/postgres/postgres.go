// Package postgres is the store.Store on PostgreSQL (pgx through
// database/sql), for several ingest workers sharing one database. Full-text
// search uses generated tsvector columns with GIN indexes.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cespare/xxhash/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers driver "pgx"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlstore"
)

//go:embed migrations/*.sql
var migrations embed.FS

// maxConns bounds a process's connections: enough for the job queue's
// fetches and completions, the writer and the jobs' reads at once.
const maxConns = 24

// Store is a store.Store on PostgreSQL.
type Store struct {
	*sqlstore.DB
}

var _ store.Store = (*Store)(nil)

// Open connects to the database at url (postgres://…; runtime parameters
// such as search_path may be given in the query string) and migrates it.
func Open(ctx context.Context, url string) (*Store, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	// database/sql keeps 2 idle connections by default: under the job
	// queue's concurrent jobs every other query opened a new backend
	// (thousands per ingest, most of the server's CPU). Keep a bounded
	// pool open instead.
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	db.SetConnMaxIdleTime(time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: connect: %w", err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("postgres: migrate: %w", err)
	}
	return &Store{DB: sqlstore.New(db, Dialect)}, nil
}

func migrate(ctx context.Context, db *sql.DB) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	// Processes starting together on a fresh database (several workers)
	// must not run the same migration twice: a session-level advisory lock
	// serializes them, probed every second.
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 600))
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, sub, goose.WithSessionLocker(locker))
	if err != nil {
		return err
	}
	_, err = p.Up(ctx)
	return err
}

// Dialect is the PostgreSQL flavour of the shared SQL. Ranks use
// normalization 1 (divide by 1 + log length) so short, focused texts win ties.
var Dialect = sqlstore.Dialect{
	Name:     "postgres",
	FTSQuery: tsQuery,
	ArticleMatch: func(p string) string {
		return "a.tsv @@ to_tsquery('english', " + p + ")"
	},
	StatementMatch: func(p string) string {
		return "s.tsv @@ to_tsquery('english', " + p + ")"
	},
	FTSWords: func(words []string, any bool) string {
		q := make([]string, len(words))
		for i, w := range words {
			q[i] = "'" + w + "'"
		}
		if any {
			return "(" + strings.Join(q, " | ") + ")"
		}
		return strings.Join(q, " & ")
	},
	FTSGroup: func(q string) string { return "(" + q + ")" },
	FTSAnd:   func(parts ...string) string { return strings.Join(parts, " & ") },
	// The GIN index finds the matches; the highest keys are kept and only
	// those ranked (the select list is computed after the limit).
	ClaimMatches: func(q, limit string, lowest bool) string {
		sql := "SELECT k AS claim_k, ts_rank(tsv, to_tsquery('english', " + q + "), 1) AS score FROM claims WHERE tsv @@ to_tsquery('english', " + q + ") ORDER BY k " + sqlstore.Direction(lowest)
		if limit != "" {
			sql += " LIMIT " + limit
		}
		return sql
	},
	ClaimMatchCount: func(q, limit string) string {
		return "(SELECT COUNT(*) FROM (SELECT 1 FROM claims WHERE tsv @@ to_tsquery('english', " + q + ") LIMIT " + limit + ") upto)"
	},
	ClaimMatchRow: func(q string) string { return "c.tsv @@ to_tsquery('english', " + q + ")" },
	ClaimRankRow:  func(q string) string { return "ts_rank(c.tsv, to_tsquery('english', " + q + "), 1)" },
	ClaimSearch: func(p string) string {
		return "SELECT k AS claim_k, ts_rank(tsv, to_tsquery('english', " + p + "), 1) AS score FROM claims WHERE tsv @@ to_tsquery('english', " + p + ")"
	},
	// The store.TextWindow newest matches ($3) are ranked, the best $2
	// kept, and headlines computed for those only (ts_headline is costly
	// on long texts).
	SearchArticles: `SELECT r.id, '', r.title, r.site, r.published,
 ts_headline('english', left(r.text, 20000), to_tsquery('english', $1), 'StartSel=[, StopSel=], MaxWords=24, MinWords=8'), r.score, r.k
FROM (SELECT a.id, a.k, a.title, a.site, a.published, a.text, ts_rank(a.tsv, to_tsquery('english', $1), 1)::float8 AS score
      FROM (SELECT k FROM articles WHERE tsv @@ to_tsquery('english', $1) ORDER BY k DESC LIMIT $3) w
      JOIN articles a ON a.k = w.k ORDER BY score DESC, a.k DESC LIMIT $2) r
ORDER BY r.score DESC, r.k DESC`,
	SearchStatements: `SELECT r.article_id, r.id, r.title, r.site, r.published,
 ts_headline('english', r.content, to_tsquery('english', $1), 'StartSel=[, StopSel=], MaxWords=24, MinWords=8'), r.score, r.article_k
FROM (SELECT a.id AS article_id, s.id, s.article_k, s.seq, a.title, a.site, a.published, s.content,
             ts_rank(s.tsv, to_tsquery('english', $1), 1)::float8 AS score
      FROM (SELECT article_k, seq FROM statements WHERE tsv @@ to_tsquery('english', $1) ORDER BY article_k DESC, seq DESC LIMIT $3) w
      JOIN statements s ON s.article_k = w.article_k AND s.seq = w.seq JOIN articles a ON a.k = s.article_k
      ORDER BY score DESC, s.article_k DESC, s.seq DESC LIMIT $2) r
ORDER BY r.score DESC, r.article_k DESC, r.seq DESC`,
	ClaimBodyColumn: "tsv",
	ClaimBodyValue: func(p string) string {
		return "to_tsvector('english', left(" + p + ", 500000))"
	},
	LockArticles: lockArticles,
	KeysInArrays: true,
	// Fewer round trips (the protocol allows 65,535 parameters).
	MaxParams: 20000,
	ForUpdate: " FOR UPDATE",
	Retryable: retryable,
	// The ledger swap rewrites the claim tables: refresh their statistics.
	Optimize: `ANALYZE claims, claim_party, claim_speaker, claim_article, claim_counts`,
	Explain:  "EXPLAIN ",
	// pgx prepares each statement once per connection, and after five
	// executions PostgreSQL may keep a prepared statement's generic plan,
	// chosen without the parameters' values. For a text query that plan
	// reads every match through the GIN index (a word in most claims:
	// 125 ms instead of 12 at 200,000 articles), so a server's pooled
	// connections got ten times slower after their first requests. Text
	// queries go as unnamed statements, planned with their words at each
	// execution (sqlstore DB.read); the other reads and the writes keep
	// their prepared plans (planning every execution cost the ledger 10 %).
	ReadMode: pgx.QueryExecModeCacheDescribe,
	NoIndex:  func(col string) string { return col },
}

// tsQuery renders the normalised query (store.ParseQuery: plain words, no
// duplicates, capped in number) as quoted to_tsquery lexemes: no operator
// from the user, words ANDed, a trailing * as a :* prefix match.
func tsQuery(q string) string { return store.ParseQuery(q).TSQuery() }

// lockArticles takes a transaction-scoped advisory lock per article id, in
// ascending lock-key order, so that two processes writing overlapping
// batches wait for each other instead of inserting the same statements
// (duplicate key) or locking rows in opposite orders (deadlock).
func lockArticles(ctx context.Context, tx *sql.Tx, ids []string) error {
	keys := make([]int64, len(ids))
	for i, id := range ids {
		keys[i] = int64(xxhash.Sum64String(id))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	if len(keys) == 0 {
		return nil
	}
	// One round trip: volatile functions in the select list run after the
	// ORDER BY, so the locks are taken in key order.
	args := make([]string, len(keys))
	for i, k := range keys {
		args[i] = strconv.FormatInt(k, 10)
	}
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k ORDER BY k`,
		"{"+strings.Join(args, ",")+"}")
	return err
}

// retryable reports a deadlock (40P01) or serialization failure (40001):
// the transaction lost a conflict with a concurrent one and may be rerun.
func retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "40P01" || pe.Code == "40001"
	}
	return false
}
