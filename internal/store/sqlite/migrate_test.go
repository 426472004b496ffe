package sqlite

import (
	"database/sql"
	"io/fs"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/pressly/goose/v3"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlstore"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

// TestMigratePackedKeys writes echo bands and link keys as migration 21
// stored them (B-tree rows; index_keys NULL for articles stored before
// it, packed for the others), migrates, and checks that the packed indexes
// answer the same and that replacing an article removes all of its old
// keys, including those of an article whose index_keys the migration made.
func TestMigratePackedKeys(t *testing.T) {
	ctx := t.Context()
	db := migratedTo(t, filepath.Join(t.TempDir(), "old.db"), 21)
	defer db.Close()
	// art-b was stored at migration 21: its index_keys hold one band
	// (202) and one link key (10) of statement 1, packed.
	packedB := []byte{1, 202, 0, 0, 0, 0, 0, 0, 0, 1, 1, 10, 0, 0, 0, 0, 0, 0, 0}
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO articles (k, id, url, title, text, published, published_day, analysis, content_hash, n_statements, updated_at, index_keys) VALUES
 (1, 'art-a', 'https://a.example/', 'A', 'alpha text', '2024-08-10', '2024-08-10', '{}', 'ha', 2, '2024-08-10 00:00:00', NULL),
 (2, 'art-b', 'https://b.example/', 'B', 'beta text', '2024-08-12', '2024-08-12', '{}', 'hb', 2, '2024-08-12 00:00:00', $1),
 (3, 'art-u', 'https://u.example/', 'U', 'undated text', '', '', '{}', 'hu', 1, '2024-08-12 00:00:00', NULL)`, []any{packedB}},
		{`INSERT INTO articles_fts (rowid, title, text) SELECT k, title, text FROM articles`, nil},
		{`INSERT INTO statements (article_k, seq, id, content, published_day) VALUES
 (1, 0, 's1', 'x', '2024-08-10'), (1, 1, 's2', 'y', '2024-08-10'),
 (2, 0, 's1', 'z', '2024-08-12'), (2, 1, 's2', 'w', '2024-08-12'), (3, 0, 's1', 'v', '')`, nil},
		{`INSERT INTO statements_fts (rowid, content) SELECT k, content FROM statements`, nil},
		// Band -5 checks the printf of a negative key; 200 statements in
		// art-a would need a 2-byte position: seq 1 is enough here.
		{`INSERT INTO echo_bands (band, article_k) VALUES (101, 1), (-5, 1), (202, 2), (101, 3)`, nil},
		{`INSERT INTO statement_keys (key, day, article_k, seq) VALUES
 (1, 19945, 1, 0), (2, 19945, 1, 0), (-3, 19945, 1, 1), (10, 19947, 2, 1), (2, -1, 3, 0)`, nil},
	} {
		if _, err := db.ExecContext(ctx, q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	if err := migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	s := sqlstore.New(db, Dialect)
	ec := func(id, published string, shared int) store.EchoCandidate {
		return store.EchoCandidate{ID: id, Published: published, Shared: shared}
	}
	lc := func(article, statement, day string, shared int) store.LinkCandidate {
		return store.LinkCandidate{ArticleID: article, StatementID: statement, Day: day, Shared: shared}
	}
	echo := func(bands ...uint64) []store.EchoCandidate {
		t.Helper()
		got, err := s.EchoCandidates(ctx, bands)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	neg5 := uint64(1<<64 - 5)
	if got, want := echo(101, neg5, 202), []store.EchoCandidate{ec("art-u", "", 1), ec("art-a", "2024-08-10", 2), ec("art-b", "2024-08-12", 1)}; !reflect.DeepEqual(got, want) {
		t.Errorf("echo candidates = %+v, want %+v", got, want)
	}
	link := func(q store.LinkQuery) []store.LinkCandidate {
		t.Helper()
		got, err := s.LinkCandidates(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	neg3 := uint64(1<<64 - 3)
	if got, want := link(store.LinkQuery{Keys: []uint64{1, 2, neg3, 10}}), []store.LinkCandidate{
		lc("art-a", "s1", "2024-08-10", 2), lc("art-u", "s1", "", 1), lc("art-a", "s2", "2024-08-10", 1), lc("art-b", "s2", "2024-08-12", 1),
	}; !reflect.DeepEqual(got, want) {
		t.Errorf("link candidates = %+v, want %+v", got, want)
	}
	if got, want := link(store.LinkQuery{Keys: []uint64{2, 10}, Since: "2024-08-11"}), []store.LinkCandidate{lc("art-b", "s2", "2024-08-12", 1)}; !reflect.DeepEqual(got, want) {
		t.Errorf("link candidates since = %+v, want %+v", got, want)
	}

	// Replace the three articles with other keys: nothing of the old ones
	// may remain.
	batch := storetest.Corpus(t)[:2]
	batch[0].Analysis.Article.ID, batch[1].Analysis.Article.ID = "art-a", "art-b"
	batch = append(batch, storetest.Corpus(t)[3])
	batch[2].Analysis.Article.ID = "art-u"
	for i := range batch {
		batch[i].ContentHash = "new"
		batch[i].Bands = []uint64{uint64(900 + i)}
		batch[i].LinkKeys = make([][]uint64, len(batch[i].Analysis.Statements))
		for j := range batch[i].LinkKeys {
			batch[i].LinkKeys[j] = []uint64{uint64(700 + i)}
		}
	}
	out, err := s.Put(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range out {
		if o != store.OutcomeUpdated {
			t.Errorf("put %d: %v, want updated", i, o)
		}
	}
	if got := echo(101, neg5, 202); len(got) != 0 {
		t.Errorf("old bands survive: %+v", got)
	}
	if got := link(store.LinkQuery{Keys: []uint64{1, 2, neg3, 10}}); len(got) != 0 {
		t.Errorf("old link keys survive: %+v", got)
	}
	if got := echo(900, 901); len(got) != 2 {
		t.Errorf("new bands: %+v", got)
	}
	if got := link(store.LinkQuery{Keys: []uint64{700}}); len(got) != 2 {
		t.Errorf("new link keys: %+v", got)
	}
	for _, table := range []string{"echo_index", "link_index", "articles_fts", "statements_fts"} {
		if _, err := db.ExecContext(ctx, `INSERT INTO `+table+` (`+table+`) VALUES ('integrity-check')`); err != nil {
			t.Errorf("%s: %v", table, err)
		}
	}
	// Every token left belongs to a stored row: a band per article, a
	// link key per statement (two in art-a, two in art-b).
	for table, want := range map[string]int{"echo_index": 3, "link_index": 4} {
		var n int
		if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE temp.`+table+`_vocab USING fts5vocab(main, `+table+`, 'row')`); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRowContext(ctx, `SELECT COALESCE(SUM(doc), 0) FROM temp.`+table+`_vocab`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("%s holds %d postings, want %d", table, n, want)
		}
	}
}

// migratedTo opens a new SQLite database at path with the migrations up to
// version applied, as a database written by an older crosscheck would be.
func migratedTo(t *testing.T, path string, version int64) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gooseProvider(t, db).UpTo(t.Context(), version); err != nil {
		t.Fatal(err)
	}
	return db
}

// migrations_ is the goose provider of the migrations over db.
func gooseProvider(t *testing.T, db *sql.DB) *goose.Provider {
	t.Helper()
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, sub)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestMigrateBandKeys: migration 42 turns the band rows into the ledger's
// 32-bit keys and positions of seconds and 4 bytes (storetest).
func TestMigrateBandKeys(t *testing.T) {
	db := migratedTo(t, filepath.Join(t.TempDir(), "old.db"), 41)
	defer db.Close()
	storetest.MigrateBandKeys(t, db, migrate)
}

// TestMigratePartyLast: migration 43 gives claim_party its claims'
// last_day (storetest).
func TestMigratePartyLast(t *testing.T) {
	db := migratedTo(t, filepath.Join(t.TempDir(), "old.db"), 42)
	defer db.Close()
	storetest.MigratePartyLast(t, db, migrate,
		`INSERT INTO claims (k, id, first_seen, first_day, last_day, claim) VALUES ($1, $2, $3, $4, $5, x'00')`)
}

// TestMigrateLinkKeys: migration 45 turns the link index's keys into the
// ledger's 32-bit ones (storetest).
func TestMigrateLinkKeys(t *testing.T) {
	db := migratedTo(t, filepath.Join(t.TempDir(), "old.db"), 44)
	defer db.Close()
	storetest.MigrateLinkKeys(t, db, migrate)
}

// TestMigrateRecentText: migration 46 leaves the recent text indexes
// unstarted on a database smaller than twice their sizes, and on a larger
// one indexes again the newest 10,000 articles and 50,000 statements, so
// that search can rank there at once; its down step removes them. (The
// larger database is the test corpus with its keys moved past those
// sizes.)
func TestMigrateRecentText(t *testing.T) {
	ctx := t.Context()
	count := func(db *sql.DB, q string) (n int) {
		t.Helper()
		if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	const articles, statements = `'kyiv OR moscow OR relay OR sirens'`, `'forces OR settlements OR troops'`
	for _, large := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "recent.db")
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Put(ctx, storetest.Corpus(t)); err != nil {
			t.Fatal(err)
		}
		s.Close()
		db := migratedTo(t, path, 46)
		if _, err := gooseProvider(t, db).DownTo(ctx, 45); err != nil {
			t.Fatal(err)
		}
		if n := count(db, `SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '%recent%'`); n != 0 {
			t.Fatalf("after the down step: %d recent tables or triggers", n)
		}
		wantArticles := count(db, `SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH `+articles)
		wantStatements := count(db, `SELECT COUNT(*) FROM statements_fts WHERE statements_fts MATCH `+statements)
		if large {
			// The same rows under keys past twice the sizes (the full
			// indexes keep the old keys: only the counts are compared).
			for _, q := range []string{`PRAGMA foreign_keys = OFF`,
				`UPDATE statements SET k = k + 200000, article_k = article_k + 30000`,
				`UPDATE articles SET k = k + 30000`} {
				if _, err := db.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
		}
		if _, err := gooseProvider(t, db).UpTo(ctx, 46); err != nil {
			t.Fatal(err)
		}
		gotArticles := count(db, `SELECT COUNT(*) FROM articles_recent_fts WHERE articles_recent_fts MATCH `+articles)
		gotStatements := count(db, `SELECT COUNT(*) FROM statements_recent_fts WHERE statements_recent_fts MATCH `+statements)
		from := count(db, `SELECT value FROM meta WHERE key = 'recent_articles_from'`)
		if !large && (gotArticles != 0 || gotStatements != 0 || from != 0) {
			t.Errorf("small database: the recent indexes hold %d and %d matches, lower key %d; want them not started",
				gotArticles, gotStatements, from)
		}
		if large && (gotArticles != wantArticles || gotStatements != wantStatements || wantArticles == 0 || wantStatements == 0 || from != 30004-10000+1) {
			t.Errorf("large database: the recent indexes hold %d and %d matches, want %d and %d; lower key %d",
				gotArticles, gotStatements, wantArticles, wantStatements, from)
		}
		db.Close()
	}
}

// TestMigrateCountTotals: migration 48 sums claim_counts' day rows into
// totals (storetest).
func TestMigrateCountTotals(t *testing.T) {
	db := migratedTo(t, filepath.Join(t.TempDir(), "old.db"), 47)
	defer db.Close()
	storetest.MigrateCountTotals(t, db, migrate)
}

// TestMigrateSourcesLean: migration 49 drops the article id from the
// ingest log and keeps the rest (storetest).
func TestMigrateSourcesLean(t *testing.T) {
	db := migratedTo(t, filepath.Join(t.TempDir(), "old.db"), 48)
	defer db.Close()
	storetest.MigrateSourcesLean(t, db, migrate, `SELECT name FROM pragma_table_info('sources') ORDER BY name`)
}
