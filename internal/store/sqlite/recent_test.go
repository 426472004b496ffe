package sqlite_test

import (
	"database/sql"
	"fmt"
	"slices"
	"testing"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

// TestRecentTextIndex stores articles one batch at a time into a database
// whose recent text indexes keep 2 articles and 3 statements (migration
// 46), replacing one on the way, and checks after every batch that each
// recent index is empty until its table holds twice its size, then holds
// exactly the rows of its table from its lower key up and is trimmed, and that search, ranking the 2 newest matches,
// returns the 2 newest matching articles and statements whichever index
// ranked them.
func TestRecentTextIndex(t *testing.T) {
	ctx := t.Context()
	s := openTemp(t)
	db := s.SQL()
	if _, err := db.ExecContext(ctx, `UPDATE meta SET value = CASE key WHEN 'recent_articles' THEN 2 WHEN 'recent_statements' THEN 3 ELSE 0 END
WHERE key IN ('recent_articles', 'recent_statements', 'recent_articles_from', 'recent_statements_from')`); err != nil {
		t.Fatal(err)
	}
	const window = 2
	s.SearchWindow = window
	keys := func(q string) []int64 { return sortedKeys(t, db, q) }
	words := []string{"ukrainian", "forces", "settlements", "troops", "kursk"}
	check := func(step string) {
		t.Helper()
		for _, ix := range []struct{ recent, full, source, size, from string }{
			{"articles_recent_fts", "articles_fts", "articles", "recent_articles", "recent_articles_from"},
			{"statements_recent_fts", "statements_fts", "statements", "recent_statements", "recent_statements_from"},
		} {
			var size, from, top int64
			if err := db.QueryRowContext(ctx, `SELECT (SELECT value FROM meta WHERE key = '`+ix.size+`'), (SELECT value FROM meta WHERE key = '`+ix.from+`'),
(SELECT MAX(k) FROM `+ix.source+`)`).Scan(&size, &from, &top); err != nil {
				t.Fatal(err)
			}
			if from == 0 {
				// Not started: nothing in it, and its table not yet
				// twice its size.
				if top >= 2*size {
					t.Errorf("%s: %s not started with keys up to %d", step, ix.recent, top)
				}
				if n := len(keys(`SELECT rowid FROM ` + ix.recent + ` WHERE ` + ix.recent + ` MATCH 'ukrainian OR russian OR forces'`)); n != 0 {
					t.Errorf("%s: %s not started holds %d rows", step, ix.recent, n)
				}
				continue
			}
			if top-from+1 > 2*size {
				t.Errorf("%s: %s holds keys %d to %d, more than twice its size %d", step, ix.recent, from, top, size)
			}
			for _, w := range words {
				got := keys(`SELECT rowid FROM ` + ix.recent + ` WHERE ` + ix.recent + ` MATCH '` + w + `'`)
				want := keys(fmt.Sprintf(`SELECT rowid FROM %s WHERE %s MATCH '%s' AND rowid >= %d`, ix.full, ix.full, w, from))
				if !slices.Equal(got, want) {
					t.Errorf("%s: %s %q holds %v, want %v (from key %d)", step, ix.recent, w, got, want, from)
				}
			}
			if _, err := db.ExecContext(ctx, `INSERT INTO `+ix.recent+` (`+ix.recent+`) VALUES ('integrity-check')`); err != nil {
				t.Errorf("%s: %s: %v", step, ix.recent, err)
			}
		}
		for _, w := range words {
			hits, err := s.Search(ctx, w, 10)
			if err != nil {
				t.Fatal(err)
			}
			for kind, full := range map[string]string{"article": "articles_fts", "statement": "statements_fts"} {
				var got []string
				for _, h := range hits {
					if h.Kind == kind {
						got = append(got, h.ArticleID+"/"+h.Statement)
					}
				}
				rows, err := db.QueryContext(ctx, `SELECT a.id, COALESCE(s.id, '') FROM (SELECT rowid AS k FROM `+full+` WHERE `+full+` MATCH $1 ORDER BY rowid DESC LIMIT $2) m
LEFT JOIN statements s ON s.k = m.k AND $3 = 'statement'
JOIN articles a ON a.k = CASE WHEN $3 = 'statement' THEN s.article_k ELSE m.k END`, w, window, kind)
				if err != nil {
					t.Fatal(err)
				}
				var want []string
				for rows.Next() {
					var a, st string
					if err := rows.Scan(&a, &st); err != nil {
						t.Fatal(err)
					}
					want = append(want, a+"/"+st)
				}
				rows.Close()
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("%s: search %q: %s hits %v, want the newest matches %v", step, w, kind, got, want)
				}
			}
		}
	}
	var stored []store.Put
	for i := range 10 {
		p := numbered(t, i)
		if _, err := s.Put(ctx, []store.Put{p}); err != nil {
			t.Fatal(err)
		}
		stored = append(stored, p)
		check(fmt.Sprintf("after article %d", i))
		if i == 6 {
			// An article below the lower key is replaced: its statements
			// take new keys (in the recent index), its row keeps its key.
			old := stored[1]
			old.ContentHash = "changed"
			old.Analysis.Article.Title = "Retitled: troops"
			if _, err := s.Put(ctx, []store.Put{old}); err != nil {
				t.Fatal(err)
			}
			check("after replacing article 1")
		}
	}
	var from int64
	if err := db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'recent_articles_from'`).Scan(&from); err != nil || from < 5 {
		t.Errorf("the recent article index was not trimmed: lower key %d, %v", from, err)
	}
}

// TestMergeText writes the claims' text index as the ledger does (rows
// written a few at a time, a segment each, and rows deleted by key,
// leaving tombstones) and checks that MergeText merges it: fewer index
// pages, the index intact, and the same matches.
func TestMergeText(t *testing.T) {
	ctx := t.Context()
	s := openTemp(t)
	db := s.SQL()
	bodies := []string{"Ukrainian forces advanced ten kilometres into the Kursk region",
		"Russian troops repelled attacks near Sudzha", "more than seventy settlements were under control"}
	for k := 1; k <= 30; k++ {
		if _, err := db.ExecContext(ctx, `INSERT INTO claims_fts (rowid, body) VALUES ($1, $2)`, k, bodies[k%3]); err != nil {
			t.Fatal(err)
		}
		if k%4 == 0 {
			if _, err := db.ExecContext(ctx, `DELETE FROM claims_fts WHERE rowid = $1`, k-2); err != nil {
				t.Fatal(err)
			}
		}
	}
	pages := func() (n int) {
		t.Helper()
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM claims_fts_data`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	matches := func() []int64 {
		return sortedKeys(t, db, `SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'troops OR forces'`)
	}
	before, want := pages(), matches()
	if err := s.MergeText(ctx, 1000); err != nil {
		t.Fatal(err)
	}
	if after := pages(); after >= before {
		t.Errorf("merging left %d index pages of %d", after, before)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO claims_fts (claims_fts) VALUES ('integrity-check')`); err != nil {
		t.Errorf("claims_fts: %v", err)
	}
	if got := matches(); len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("matches after merging %v, before %v", got, want)
	}
}

// numbered is the i-th article of a stream made of the store test
// corpus's three articles with statements, each under an id of its own.
func numbered(t *testing.T, i int) store.Put {
	p := storetest.Corpus(t)[i%3]
	p.SourceKey, p.DocHash, p.ContentHash = fmt.Sprintf("src/%d", i), fmt.Sprintf("d%d", i), fmt.Sprintf("h%d", i)
	p.Analysis.Article.ID = fmt.Sprintf("art-%02d", i)
	return p
}

// sortedKeys runs q, whose rows are keys, and returns them sorted.
func sortedKeys(t *testing.T, db *sql.DB, q string) []int64 {
	t.Helper()
	ks := storetest.Column[int64](t, db, q)
	slices.Sort(ks)
	return ks
}
