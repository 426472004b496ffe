package sqlite

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

// TestMigrateTextInAnalysis stores an article as it was stored before
// migration 38 (its text in the text column, its statements' contents in
// the content column, plain JSON analysis), migrates, adds articles in the
// new layout (text inside the compressed analysis, contents not stored),
// and checks that both layouts are searched with snippets, read back
// whole, and replaced without leaving terms behind in the search indexes.
func TestMigrateTextInAnalysis(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "old.db")
	db := migratedTo(t, path, 37)
	const oldText = "Ferry traffic across the estuary stopped after the pontoon bridge at Zatoka was shelled overnight."
	const oldContent = "the pontoon bridge at Zatoka was shelled overnight"
	oldAnalysis := `{"article":{"id":"art-old","title":"Estuary crossing closed","text":""},` +
		`"statements":[{"id":"s1","speaker":{"text":"Harbour officials","type":"group"},"stance":"assert",` +
		`"content":{"text":"` + oldContent + `","start":48,"end":98}}]}`
	for _, q := range []string{
		`INSERT INTO articles (k, id, url, title, text, published, published_day, analysis, content_hash, n_statements, updated_at)
VALUES (1, 'art-old', 'https://old.example/1', 'Estuary crossing closed', '` + oldText + `', '2024-07-01', '2024-07-01', '` + oldAnalysis + `', 'hold', 1, '2024-07-01 00:00:00')`,
		`INSERT INTO articles_fts (rowid, title, text) SELECT k, title, text FROM articles`,
		`INSERT INTO statements (article_k, seq, id, speaker, speaker_lc, speaker_type, stance, content, published_day)
VALUES (1, 0, 's1', 'Harbour officials', 'harbour officials', 'group', 'assert', '` + oldContent + `', '2024-07-01')`,
		`INSERT INTO statements_fts (rowid, content) SELECT k, content FROM statements`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Put(ctx, storetest.Corpus(t)); err != nil {
		t.Fatal(err)
	}
	var stored string
	if err := s.SQL().QueryRowContext(ctx, `SELECT text || '|' || (SELECT group_concat(content, '') FROM statements WHERE article_k = articles.k)
FROM articles WHERE id = 'art-a'`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored != "|" {
		t.Errorf("a new article keeps text or contents in columns: %q", stored)
	}

	search := func(q string) map[string]string { // kind/article → snippet
		t.Helper()
		hits, err := s.Search(ctx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, h := range hits {
			out[h.Kind+"/"+h.ArticleID] = h.Snippet
		}
		return out
	}
	check := func(hits map[string]string, key, word string) {
		t.Helper()
		if snip, ok := hits[key]; !ok || !strings.Contains(snip, "["+word+"]") {
			t.Errorf("%s: snippet %q (found %v), want [%s] marked", key, snip, ok, word)
		}
	}
	hits := search("zatoka")
	check(hits, "article/art-old", "Zatoka")
	check(hits, "statement/art-old", "Zatoka")
	hits = search("sudzha")
	check(hits, "article/art-b", "Sudzha")
	check(hits, "statement/art-b", "Sudzha")

	a, err := s.Article(ctx, "art-old")
	if err != nil || a.Article.Text != oldText {
		t.Errorf("old article text %q, %v", a.Article.Text, err)
	}
	b, err := s.Article(ctx, "art-b")
	if err != nil || !strings.HasPrefix(b.Article.Text, "The defence ministry denied") {
		t.Errorf("new article text %q, %v", b.Article.Text, err)
	}
	rows, _, err := s.Statements(ctx, store.StatementFilter{Q: "sudzha"})
	if err != nil || len(rows) != 1 || rows[0].Statement.Content.Text != "Russian troops repelled attacks near Sudzha" {
		t.Errorf("statements matching sudzha: %+v, %v", rows, err)
	}

	// Replace both layouts: the old terms must leave both indexes.
	repl := crosscheck.Analysis{Article: crosscheck.Article{ID: "art-old", Title: "Estuary crossing reopened",
		Text: "Ferries crossed the estuary again on Tuesday."}}
	changed := storetest.Corpus(t)[1]
	changed.ContentHash = "hb2"
	changed.Analysis.Article.Text = strings.ReplaceAll(changed.Analysis.Article.Text, "Sudzha", "Sumy!")
	changed.Analysis.Statements = changed.Analysis.Statements[:1]
	if _, err := s.Put(ctx, []store.Put{{SourceKey: "src/old.txt", DocHash: "dold", ContentHash: "hold2", Analysis: repl}, changed}); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"articles_fts", "statements_fts"} {
		if _, err := s.SQL().ExecContext(ctx, `INSERT INTO `+table+` (`+table+`, rank) VALUES ('integrity-check', 1)`); err != nil {
			t.Errorf("%s after replacing: %v", table, err)
		}
	}
	if hits := search("zatoka OR sudzha"); len(hits) != 0 {
		t.Errorf("replaced texts still found: %v", hits)
	}
	check(search("ferries"), "article/art-old", "Ferries")
}

// TestMigrateLeanIndexes: the ingest log written before migration 39 (a
// rowid table) is kept when it becomes keyed by source key, with its
// failures, and the partial party index still answers party filters.
func TestMigrateLeanIndexes(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "old.db")
	db := migratedTo(t, path, 38)
	if _, err := db.ExecContext(ctx, `INSERT INTO sources (source_key, doc_hash, article_id, error, at) VALUES
 ('feeds/a.xml#1', 'h1', 'art-1', NULL, '2024-08-10 00:00:00'),
 ('feeds/a.xml#2', 'h2', NULL, 'no text in the page', '2024-08-11 00:00:00')`); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, c := range []struct {
		key, hash string
		want      bool
	}{{"feeds/a.xml#1", "h1", true}, {"feeds/a.xml#2", "h2", true}, {"feeds/a.xml#1", "h0", false}} {
		if done, err := s.Done(ctx, c.key, c.hash); err != nil || done != c.want {
			t.Errorf("Done(%s, %s) = %v, %v; want %v", c.key, c.hash, done, err, c.want)
		}
	}
	fails, err := s.Failures(ctx, 10)
	if err != nil || len(fails) != 1 || fails[0].Error != "no text in the page" {
		t.Errorf("failures after migrating: %+v, %v", fails, err)
	}
	if _, err := s.Put(ctx, storetest.Corpus(t)); err != nil {
		t.Fatal(err)
	}
	rows, total, err := s.Statements(ctx, store.StatementFilter{Party: "RU"})
	if err != nil || total != 2 || len(rows) != 2 {
		t.Fatalf("statements of party RU: %d of %d, %v", len(rows), total, err)
	}
	prs, err := s.SQL().QueryContext(ctx, `EXPLAIN QUERY PLAN SELECT COUNT(*) FROM statements s WHERE s.party = 'RU' AND s.party <> ''`)
	if err != nil {
		t.Fatal(err)
	}
	var plan string
	for prs.Next() {
		var id, parent, unused int
		var detail string
		if err := prs.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan += detail + "; "
	}
	prs.Close()
	if !strings.Contains(plan, "statements_party") {
		t.Errorf("a party filter does not use the party index: %s", plan)
	}
}
