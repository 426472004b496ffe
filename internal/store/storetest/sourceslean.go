package storetest

import (
	"context"
	"database/sql"
	"reflect"
	"testing"
)

// MigrateSourcesLean checks the migration that drops the article id from
// the ingest log: db is at the migration before it, with an item stored
// and one failed; after migrate both keep their key, document hash, error
// and time, so a second ingest still skips what is done and lists what
// failed. columns lists the log's column names in order (each database
// has its own catalogue).
func MigrateSourcesLean(t *testing.T, db *sql.DB, migrate func(context.Context, *sql.DB) error, columns string) {
	t.Helper()
	ctx := t.Context()
	if _, err := db.ExecContext(ctx, `INSERT INTO sources (source_key, doc_hash, article_id, error, at) VALUES
 ('feeds/a.xml#1', 'h1', 'art-1', NULL, '2024-08-10 00:00:00'),
 ('feeds/a.xml#2', 'h2', NULL, 'no text in the page', '2024-08-11 00:00:00')`); err != nil {
		t.Fatal(err)
	}
	if err := migrate(ctx, db); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	got := Column[string](t, db, `SELECT source_key || ' ' || doc_hash || ' ' || COALESCE(error, '-') FROM sources ORDER BY source_key`)
	want := []string{"feeds/a.xml#1 h1 -", "feeds/a.xml#2 h2 no text in the page"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ingest log after migration: %q, want %q", got, want)
	}
	cols := Column[string](t, db, columns)
	if !reflect.DeepEqual(cols, []string{"at", "doc_hash", "error", "source_key"}) {
		t.Errorf("ingest log columns after migration: %q", cols)
	}
}
