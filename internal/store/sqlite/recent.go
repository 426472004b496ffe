package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// The recent text indexes (migration 46) hold the newest articles and
// statements again: every row from a lower key up, kept in meta with the
// number of rows a trim keeps. A search whose newest store.TextWindow
// matches are all there ranks them there, where bm25 counts its terms'
// documents over those rows instead of the whole index: the cost of that
// count grows with the corpus, the recent index's does not. An index
// starts (lower key 0 until then) once its table holds twice its size:
// before, it would hold every row and save nothing.
type recentIndex struct {
	table, source string // the recent index, and the table of the keys
	size, from    string // meta keys
	cols          string // the index's columns, rowid first
	fill          string // its rows from $1 up, from the index's content view
}

var recentIndexes = [...]recentIndex{
	{"articles_recent_fts", "articles", "recent_articles", "recent_articles_from", "rowid, title, text",
		`SELECT k, title, text FROM articles_fts_content WHERE k >= $1`},
	{"statements_recent_fts", "statements", "recent_statements", "recent_statements_from", "rowid, content",
		`SELECT k, content FROM statements_fts_content WHERE k >= $1`},
}

// indexRecent adds to the recent indexes the rows of a written batch at or
// above their lower key (docs: key, title, text; stmts: key, content), and
// trims an index that grew past twice its size back to it: its lower key
// moves up and the rows below it leave by key. An index not started yet
// starts when its table reaches twice its size, with the newest rows of
// its size read back through its content view.
func indexRecent(ctx context.Context, tx *sql.Tx, docs, stmts []any) error {
	for i, ix := range recentIndexes {
		rows, width := docs, 3
		if i == 1 {
			rows, width = stmts, 2
		}
		var size, from, top int64
		err := tx.QueryRowContext(ctx, `SELECT (SELECT value FROM meta WHERE key = $1), (SELECT value FROM meta WHERE key = $2),
(SELECT COALESCE(MAX(k), 0) FROM `+ix.source+`)`, ix.size, ix.from).Scan(&size, &from, &top)
		if err != nil {
			return fmt.Errorf("recent text index: %w", err)
		}
		if from <= 0 {
			if top < 2*size {
				continue
			}
			from = top - size + 1
			if _, err := tx.ExecContext(ctx, `INSERT INTO `+ix.table+` (`+ix.cols+`) `+ix.fill, from); err != nil {
				return fmt.Errorf("recent text index: start: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = $1 WHERE key = $2`, from, ix.from); err != nil {
				return fmt.Errorf("recent text index: start: %w", err)
			}
			continue
		}
		var keep []any
		for r := 0; r+width <= len(rows); r += width {
			if rows[r].(int64) >= from {
				keep = append(keep, rows[r:r+width]...)
			}
		}
		if err := insertValues(ctx, tx, ix.table+" ("+ix.cols+")", width, keep); err != nil {
			return fmt.Errorf("recent text index: %w", err)
		}
		if top-from+1 <= 2*size {
			continue
		}
		if err := trimRecent(ctx, tx, ix, from, top-size+1); err != nil {
			return fmt.Errorf("recent text index: trim: %w", err)
		}
	}
	return nil
}

// trimRecent takes the rows of keys [from, next) out of the recent index
// and makes next its lower key.
func trimRecent(ctx context.Context, tx *sql.Tx, ix recentIndex, from, next int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT k FROM `+ix.source+` WHERE k >= $1 AND k < $2`, from, next)
	if err != nil {
		return err
	}
	var ks []int64
	for rows.Next() {
		var k int64
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return err
		}
		ks = append(ks, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if err := deleteRows(ctx, tx, ix.table, ks); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE meta SET value = $1 WHERE key = $2`, next, ix.from)
	return err
}

// deleteRows deletes the rows of keys ks from table (by rowid), with one
// statement prepared for all.
func deleteRows(ctx context.Context, tx *sql.Tx, table string, ks []int64) error {
	if len(ks) == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, `DELETE FROM `+table+` WHERE rowid = $1`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, k := range ks {
		if _, err := st.ExecContext(ctx, k); err != nil {
			return err
		}
	}
	return nil
}

// searchArticles is the article search over the index fts (Dialect.SearchArticles).
func searchArticles(fts string) string {
	return `SELECT a.id, '', a.title, a.site, a.published, '', t.score, t.k
FROM (SELECT k, score FROM
       (SELECT rowid AS k, -bm25(` + fts + `, 2.0, 1.0) AS score FROM ` + fts + `
        WHERE ` + fts + ` MATCH $1 ORDER BY rowid DESC LIMIT $3)
      ORDER BY score DESC, k DESC LIMIT $2) t
JOIN articles a ON a.k = t.k
ORDER BY t.score DESC, t.k DESC`
}

// searchStatements is the statement search over the index fts (Dialect.SearchStatements).
func searchStatements(fts string) string {
	return `SELECT a.id, s.id, a.title, a.site, a.published, '', t.score, t.k
FROM (SELECT k, score FROM
       (SELECT rowid AS k, -bm25(` + fts + `) AS score FROM ` + fts + `
        WHERE ` + fts + ` MATCH $1 ORDER BY rowid DESC LIMIT $3)
      ORDER BY score DESC, k DESC LIMIT $2) t
JOIN statements s ON s.k = t.k JOIN articles a ON a.k = s.article_k
ORDER BY t.score DESC, t.k DESC`
}

// recentMatches counts the matches of $1 in the recent index fts, up to $2.
func recentMatches(fts string) string {
	return `SELECT COUNT(*) FROM (SELECT 1 FROM ` + fts + ` WHERE ` + fts + ` MATCH $1 LIMIT $2)`
}
