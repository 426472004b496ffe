package postgres

import (
	"database/sql"
	"io/fs"
	"reflect"
	"testing"

	"github.com/pressly/goose/v3"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlstore"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

// TestMigratePackedKeys writes echo bands and link keys as migration 21
// stored them (B-tree rows), migrates, and checks that the arrays answer
// the same, within a time window too (through the month-mixed keys), and
// that replacing an article replaces its keys.
func TestMigratePackedKeys(t *testing.T) {
	ctx := t.Context()
	db := migratedTo(t, 21)
	defer db.Close()
	for _, q := range []string{
		`INSERT INTO articles (k, id, url, title, text, published, published_day, analysis, content_hash, n_statements, updated_at) VALUES
 (1, 'art-a', 'https://a.example/', 'A', 'alpha text', '2024-08-10', '2024-08-10', '{}', 'ha', 2, now()),
 (2, 'art-b', 'https://b.example/', 'B', 'beta text', '2024-09-02', '2024-09-02', '{}', 'hb', 2, now()),
 (3, 'art-u', 'https://u.example/', 'U', 'undated text', '', '', '{}', 'hu', 1, now())`,
		`INSERT INTO statements (article_k, seq, id, content, published_day) VALUES
 (1, 0, 's1', 'x', '2024-08-10'), (1, 1, 's2', 'y', '2024-08-10'),
 (2, 0, 's1', 'z', '2024-09-02'), (2, 1, 's2', 'w', '2024-09-02'), (3, 0, 's1', 'v', '')`,
		`INSERT INTO echo_bands (band, article_k) VALUES (101, 1), (-5, 1), (202, 2), (101, 3)`,
		// Days 19945 = 2024-08-10, 19968 = 2024-09-02.
		`INSERT INTO statement_keys (key, day, article_k, seq) VALUES
 (1, 19945, 1, 0), (2, 19945, 1, 0), (-3, 19945, 1, 1), (10, 19968, 2, 1), (2, -1, 3, 0)`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
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
	if got, want := echo(101, neg5, 202), []store.EchoCandidate{ec("art-u", "", 1), ec("art-a", "2024-08-10", 2), ec("art-b", "2024-09-02", 1)}; !reflect.DeepEqual(got, want) {
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
		lc("art-a", "s1", "2024-08-10", 2), lc("art-u", "s1", "", 1), lc("art-a", "s2", "2024-08-10", 1), lc("art-b", "s2", "2024-09-02", 1),
	}; !reflect.DeepEqual(got, want) {
		t.Errorf("link candidates = %+v, want %+v", got, want)
	}
	// A two-month window reads the month-mixed keys.
	if got, want := link(store.LinkQuery{Keys: []uint64{2, 10}, Since: "2024-08-11", Until: "2024-09-30"}), []store.LinkCandidate{lc("art-b", "s2", "2024-09-02", 1)}; !reflect.DeepEqual(got, want) {
		t.Errorf("link candidates in window = %+v, want %+v", got, want)
	}
	if got, want := link(store.LinkQuery{Keys: []uint64{neg3}, Since: "2024-08-01", Until: "2024-08-31"}), []store.LinkCandidate{lc("art-a", "s2", "2024-08-10", 1)}; !reflect.DeepEqual(got, want) {
		t.Errorf("link candidates in August = %+v, want %+v", got, want)
	}

	batch := storetest.Corpus(t)[:2]
	batch[0].Analysis.Article.ID, batch[1].Analysis.Article.ID = "art-a", "art-b"
	for i := range batch {
		batch[i].ContentHash = "new"
		batch[i].Bands = []uint64{uint64(900 + i)}
		batch[i].LinkKeys = [][]uint64{{700}, {701}}
	}
	if _, err := s.Put(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if got, want := echo(101, neg5, 202), []store.EchoCandidate{ec("art-u", "", 1)}; !reflect.DeepEqual(got, want) {
		t.Errorf("after replace, old bands: %+v, want %+v", got, want)
	}
	// The corpus dates art-b 2024-08-12 now.
	if got, want := link(store.LinkQuery{Keys: []uint64{700, 2}, Since: "2024-08-01", Until: "2024-08-31"}), []store.LinkCandidate{
		lc("art-a", "s1", "2024-08-10", 1), lc("art-b", "s1", "2024-08-12", 1),
	}; !reflect.DeepEqual(got, want) {
		t.Errorf("after replace, keys in August: %+v, want %+v", got, want)
	}
}

// TestMigrateBandKeys: migration 42 turns the band rows into the ledger's
// 32-bit keys and positions of seconds and 4 bytes (storetest).
func TestMigrateBandKeys(t *testing.T) {
	db := migratedTo(t, 40)
	defer db.Close()
	storetest.MigrateBandKeys(t, db, migrate)
}

// migratedTo opens a fresh PostgreSQL database with the migrations up to
// version applied, as a database written by an older crosscheck would be.
func migratedTo(t *testing.T, version int64) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", storetest.FreshPostgres(t))
	if err != nil {
		t.Fatal(err)
	}
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, sub)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(t.Context(), version); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestMigratePartyLast: migration 43 gives claim_party its claims'
// last_day (storetest).
func TestMigratePartyLast(t *testing.T) {
	db := migratedTo(t, 42)
	defer db.Close()
	storetest.MigratePartyLast(t, db, migrate,
		`INSERT INTO claims (k, id, first_seen, first_day, last_day, claim, tsv) VALUES ($1, $2, $3, $4, $5, '\x00', ''::tsvector)`)
}

// TestMigrateLinkKeys: migration 45 turns the link index's keys into the
// ledger's 32-bit ones (storetest).
func TestMigrateLinkKeys(t *testing.T) {
	db := migratedTo(t, 44)
	defer db.Close()
	storetest.MigrateLinkKeys(t, db, migrate)
}

// TestMigrateCountTotals: migration 48 sums claim_counts' day rows into
// totals (storetest).
func TestMigrateCountTotals(t *testing.T) {
	db := migratedTo(t, 47)
	defer db.Close()
	storetest.MigrateCountTotals(t, db, migrate)
}

// TestMigrateSourcesLean: migration 49 drops the article id from the
// ingest log and keeps the rest (storetest).
func TestMigrateSourcesLean(t *testing.T) {
	db := migratedTo(t, 48)
	defer db.Close()
	storetest.MigrateSourcesLean(t, db, migrate,
		`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'sources' ORDER BY column_name`)
}
