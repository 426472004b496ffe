package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/crosscheck/crosscheck/internal/store/sqlite"
)

// BenchmarkMoveClaimArticles moves a large claim's claim_article rows to
// a new key, as the ledger does when a claim's latest activity moves, late
// in a transaction that has already written (the claim's document, other
// claims' rows): with "UPDATE", which copies every page it changes into a
// statement journal first, to undo the statement alone if it aborts, and
// with Dialect.UpdateFail ("UPDATE OR FAIL"), which keeps none. 100,000
// rows moved among 300,000. On the 200,000-article database, where the
// largest claim's 345,000 rows lie among 2 million, the move took 18.7 s
// of a ledger update's CPU with the journal (10 s of it allocating the
// journal's memory) and 4.6 s without.
func BenchmarkMoveClaimArticles(b *testing.B) {
	path := filepath.Join(b.TempDir(), "move.db")
	s, err := sqlite.Open(b.Context(), path)
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=temp_store(MEMORY)&_pragma=cache_size(-16384)&_txlock=immediate")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	const rows = 100_000
	exec := func(q string, args ...any) {
		b.Helper()
		if _, err := db.ExecContext(b.Context(), q, args...); err != nil {
			b.Fatal(err)
		}
	}
	// The large claim (key 1) in every third article, other claims'
	// rows between its own.
	exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
INSERT INTO claim_article (article_k, statement_id, claim_k)
SELECT i, 's' || (i % 7), CASE WHEN i % 3 = 0 THEN 1 ELSE 2 + i % 5000 END FROM n`, 3*rows)
	// The large claim's own row, its document in overflow pages.
	exec(`INSERT INTO claims (k, id, claim) VALUES (1, 'c-large', randomblob(16000000))`)
	for _, update := range []string{"UPDATE", sqlite.Dialect.UpdateFail} {
		b.Run(update, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				tx, err := db.BeginTx(b.Context(), nil)
				if err != nil {
					b.Fatal(err)
				}
				// Earlier writes of the transaction: the claim's document
				// written again (its old pages freed, new ones taken), other
				// claims' rows across the table.
				if _, err := tx.ExecContext(b.Context(), `UPDATE claims SET claim = randomblob(16000000) WHERE k = 1`); err != nil {
					b.Fatal(err)
				}
				if _, err := tx.ExecContext(b.Context(), `UPDATE claim_article SET statement_id = statement_id || 'x' WHERE claim_k <> 1 AND article_k % 4 = 1`); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				res, err := tx.ExecContext(b.Context(), update+` claim_article SET claim_k = $1 WHERE claim_k = $2`, 1_000_000, 1)
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if n, _ := res.RowsAffected(); n != rows {
					b.Fatalf("%d rows moved, want %d", n, rows)
				}
				if err := tx.Rollback(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
}
