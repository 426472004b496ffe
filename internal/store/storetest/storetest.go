// Package storetest is the conformance suite every store.Store
// implementation must pass: Run(t, newStore) from the implementation's own
// tests, with a fresh, empty store per call of newStore.
package storetest

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// Run runs the suite. newStore must return an empty, migrated store and
// arrange for it to be closed when t ends.
func Run(t *testing.T, newStore func(t *testing.T) store.Store) {
	t.Run("PutIdempotent", func(t *testing.T) { testPutIdempotent(t, newStore(t)) })
	t.Run("PutReplace", func(t *testing.T) { testPutReplace(t, newStore(t)) })
	t.Run("PutSameTextTwice", func(t *testing.T) { testPutSameTextTwice(t, newStore) })
	t.Run("Failures", func(t *testing.T) { testFailures(t, newStore(t)) })
	t.Run("Articles", func(t *testing.T) { testArticles(t, newStore(t)) })
	t.Run("Statements", func(t *testing.T) { testStatements(t, newStore(t)) })
	t.Run("Speakers", func(t *testing.T) { testSpeakers(t, newStore(t)) })
	t.Run("Search", func(t *testing.T) { testSearch(t, newStore(t)) })
	t.Run("Candidates", func(t *testing.T) { testCandidates(t, newStore(t)) })
	t.Run("Analyses", func(t *testing.T) { testAnalyses(t, newStore(t)) })
	t.Run("Claims", func(t *testing.T) { testClaims(t, newStore(t)) })
	t.Run("ReplaceClaimsSwaps", func(t *testing.T) { testReplaceClaimsSwaps(t, newStore(t)) })
	t.Run("ClaimsByLatestActivity", func(t *testing.T) { testClaimsLatest(t, newStore(t)) })
	t.Run("LedgerStale", func(t *testing.T) { testLedgerStale(t, newStore(t)) })
	t.Run("NotFound", func(t *testing.T) { testNotFound(t, newStore(t)) })
	t.Run("ConcurrentPut", func(t *testing.T) { testConcurrentPut(t, newStore(t)) })
	t.Run("BadInput", func(t *testing.T) { testBadInput(t, newStore(t)) })
	runLedger(t, newStore)                                                   // ledger.go
	runReviews(t, newStore)                                                  // reviews.go
	t.Run("ReadCache", func(t *testing.T) { testReadCache(t, newStore(t)) }) // readcache.go
}

// stmt describes a statement for build: its content is the first
// occurrence of Content in the article text.
type stmt struct {
	ID, Speaker, Party, Stance, Content string
}

// build returns a valid Analysis of text with the statements and place
// entities given (each place is mentioned at its first occurrence).
func build(t testing.TB, id, site, published, title, text string, places []string, stmts ...stmt) crosscheck.Analysis {
	t.Helper()
	a := crosscheck.Analysis{
		Article: crosscheck.Article{
			ID: id, URL: crosscheck.NullString("https://" + strings.ToLower(strings.ReplaceAll(site, " ", "")) + ".example/" + id),
			Site: crosscheck.NullString(site), Title: title, Published: crosscheck.NullString(published),
			Language: "en", Text: text, Boilerplate: []crosscheck.Removed{{Text: "Subscribe now", Reason: "promo"}},
		},
		Entities:   []crosscheck.Entity{},
		Statements: []crosscheck.Statement{},
		Relations:  []crosscheck.Relation{},
	}
	for i, p := range places {
		at := strings.Index(text, p)
		if at < 0 {
			t.Fatalf("build %s: place %q not in text", id, p)
		}
		a.Entities = append(a.Entities, crosscheck.Entity{
			ID: fmt.Sprintf("E%d", i+1), Name: p, Type: crosscheck.TypePlace, Roles: []string{},
			Mentions: []crosscheck.Span{{Text: p, Start: at, End: at + len(p)}},
		})
	}
	for _, s := range stmts {
		at := strings.Index(text, s.Content)
		if at < 0 {
			t.Fatalf("build %s: content %q not in text", id, s.Content)
		}
		a.Statements = append(a.Statements, crosscheck.Statement{
			ID:      s.ID,
			Speaker: crosscheck.Speaker{Name: crosscheck.NullString(s.Speaker), Text: s.Speaker, Type: crosscheck.TypePerson, Affiliation: crosscheck.NullString(s.Party)},
			Cue:     crosscheck.Cue{Lemma: "say"},
			Kind:    crosscheck.KindIndirect,
			Content: crosscheck.Span{Text: s.Content, Start: at, End: at + len(s.Content)},
			Via:     []string{},
			Stance:  s.Stance,
		})
	}
	if err := a.Validate(); err != nil {
		t.Fatalf("build %s: %v", id, err)
	}
	return a
}

// Corpus is a small invented news set for store tests: three outlets, two
// parties, one echo (art-c is a near-copy of art-a), a denial and places.
func Corpus(t testing.TB) []store.Put {
	t.Helper()
	a := build(t, "art-a", "Kyiv Wire", "2024-08-10", "Forces advance in Kursk",
		"Ukrainian forces advanced ten kilometres into the Kursk region, General Syrskyi said on Saturday. "+
			"He added that more than seventy settlements were under control.",
		[]string{"Kursk"},
		stmt{"s1", "Oleksandr Syrskyi", "UA", crosscheck.StanceAssert, "Ukrainian forces advanced ten kilometres into the Kursk region"},
		stmt{"s2", "Oleksandr Syrskyi", "UA", crosscheck.StanceAssert, "more than seventy settlements were under control"},
	)
	b := build(t, "art-b", "Moscow Daily", "2024-08-12T09:30:00Z", "Ministry rejects report",
		"The defence ministry denied that Ukrainian units held any settlements, spokesman Igor Konashenkov said. "+
			"Konashenkov said Russian troops repelled attacks near Sudzha.",
		[]string{"Sudzha"},
		stmt{"s1", "Igor Konashenkov", "RU", crosscheck.StanceDeny, "Ukrainian units held any settlements"},
		stmt{"s2", "Igor Konashenkov", "RU", crosscheck.StanceAssert, "Russian troops repelled attacks near Sudzha"},
	)
	c := build(t, "art-c", "Relay News", "2024-08-11", "Forces advance in Kursk region",
		"Ukrainian forces advanced ten kilometres into the Kursk region, General Syrskyi said on Saturday, according to Kyiv Wire.",
		[]string{"Kursk"},
		stmt{"s1", "Oleksandr Syrskyi", "UA", crosscheck.StanceAssert, "Ukrainian forces advanced ten kilometres into the Kursk region"},
	)
	d := build(t, "art-d", "Kyiv Wire", "", "Undated note", "No statements here; the sirens sounded over Kharkiv.", nil)
	return []store.Put{
		{SourceKey: "src/a.txt", DocHash: "da", Analysis: a, ContentHash: "ha", Signature: []uint64{1, 2, 3, 1 << 63}, Bands: []uint64{101, 102, 1<<63 + 5}},
		{SourceKey: "src/b.txt", DocHash: "db", Analysis: b, ContentHash: "hb", Signature: []uint64{4, 5, 6, 7}, Bands: []uint64{201, 202}},
		{SourceKey: "src/c.txt", DocHash: "dc", Analysis: c, ContentHash: "hc", Signature: []uint64{1, 2, 3, 8}, Bands: []uint64{101, 302}},
		{SourceKey: "src/d.txt", DocHash: "dd", Analysis: d, ContentHash: "hd"},
	}
}

func putAll(t *testing.T, s store.Store, batch []store.Put) []store.Outcome {
	t.Helper()
	out, err := s.Put(t.Context(), batch)
	if err != nil {
		t.Fatalf("Put: %v", err)
	}
	if len(out) != len(batch) {
		t.Fatalf("Put returned %d outcomes for %d items", len(out), len(batch))
	}
	return out
}

func testPutIdempotent(t *testing.T, s store.Store) {
	ctx := t.Context()
	batch := Corpus(t)
	for _, p := range batch {
		done, err := s.Done(ctx, p.SourceKey, p.DocHash)
		if err != nil || done {
			t.Fatalf("Done(%s) before put = %v, %v; want false", p.SourceKey, done, err)
		}
	}
	for i, o := range putAll(t, s, batch) {
		if o != store.OutcomeCreated {
			t.Errorf("first put %d: %v, want created", i, o)
		}
	}
	for i, o := range putAll(t, s, batch) {
		if o != store.OutcomeUnchanged {
			t.Errorf("second put %d: %v, want unchanged", i, o)
		}
	}
	for _, p := range batch {
		done, err := s.Done(ctx, p.SourceKey, p.DocHash)
		if err != nil || !done {
			t.Errorf("Done(%s) = %v, %v; want true", p.SourceKey, done, err)
		}
		if done, _ := s.Done(ctx, p.SourceKey, p.DocHash+"x"); done {
			t.Errorf("Done(%s) with another doc hash = true", p.SourceKey)
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := store.Stats{Articles: 4, Statements: 5, Speakers: 2}
	if st != want {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}
	for _, p := range batch {
		got, err := s.Article(ctx, p.Analysis.Article.ID)
		if err != nil {
			t.Fatalf("Article(%s): %v", p.Analysis.Article.ID, err)
		}
		if !reflect.DeepEqual(got, p.Analysis) {
			t.Errorf("Article(%s) round trip differs:\n got %+v\nwant %+v", p.Analysis.Article.ID, got, p.Analysis)
		}
	}
}

func testPutReplace(t *testing.T, s store.Store) {
	ctx := t.Context()
	batch := Corpus(t)
	putAll(t, s, batch)
	// The same article (same id) from another source with changed content
	// replaces the stored one with its statements.
	b2 := build(t, "art-b", "Moscow Daily", "2024-08-13", "Ministry rejects report (updated)",
		"The defence ministry now says fighting continues near Sudzha, spokesman Igor Konashenkov said.",
		[]string{"Sudzha"},
		stmt{"s1", "Igor Konashenkov", "RU", crosscheck.StanceAssert, "fighting continues near Sudzha"},
	)
	out := putAll(t, s, []store.Put{{SourceKey: "src/b-v2.txt", DocHash: "db2", Analysis: b2, ContentHash: "hb2", Bands: []uint64{900}}})
	if out[0] != store.OutcomeUpdated {
		t.Fatalf("changed content: %v, want updated", out[0])
	}
	got, err := s.Article(ctx, "art-b")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, b2) {
		t.Errorf("replaced article differs: got %+v", got.Article)
	}
	rows, total, err := s.Statements(ctx, store.StatementFilter{Article: "art-b"})
	if err != nil {
		t.Fatal(err)
	}
	if total != 1 || len(rows) != 1 || rows[0].Statement.Content.Text != "fighting continues near Sudzha" {
		t.Errorf("statements after replace: total %d rows %+v", total, rows)
	}
	if ids, _ := s.Candidates(ctx, []uint64{201}); len(ids) != 0 {
		t.Errorf("old bands survive replace: %v", ids)
	}
	if ids, _ := s.Candidates(ctx, []uint64{900}); !slices.Equal(ids, []string{"art-b"}) {
		t.Errorf("new bands: %v", ids)
	}
	// The same article twice in one batch, changed in between: the last
	// version wins and the index holds only it.
	c1 := build(t, "art-x", "Kyiv Wire", "2024-09-01", "First version", "Alpha words about dams.", nil,
		stmt{"s1", "Someone", "UA", crosscheck.StanceAssert, "Alpha words"})
	c2 := build(t, "art-x", "Kyiv Wire", "2024-09-01", "Second version", "Omega words about bridges.", nil,
		stmt{"s1", "Someone", "UA", crosscheck.StanceAssert, "Omega words"})
	out = putAll(t, s, []store.Put{
		{SourceKey: "x1", DocHash: "x1", Analysis: c1, ContentHash: "x1"},
		{SourceKey: "x2", DocHash: "x2", Analysis: c2, ContentHash: "x2"},
	})
	if out[0] != store.OutcomeCreated || out[1] != store.OutcomeUpdated {
		t.Errorf("same article twice in a batch: %v", out)
	}
	if hits, _ := s.Search(ctx, "alpha", 10); len(hits) != 0 {
		t.Errorf("first version still indexed: %+v", hits)
	}
	if hits, _ := s.Search(ctx, "omega", 10); len(hits) != 2 {
		t.Errorf("second version: %d hits, want article + statement", len(hits))
	}
	// Old statement content no longer searchable.
	if hits, _ := s.Search(ctx, "repelled", 10); len(hits) != 0 {
		t.Errorf("search finds replaced text: %+v", hits)
	}
	if hits, _ := s.Search(ctx, "fighting continues", 10); len(hits) == 0 {
		t.Errorf("search misses new text")
	}
}

// testPutSameTextTwice: an article without a URL is keyed by its text, so
// the same text from two sources is one article; the earliest publication is
// kept whatever the order of arrival, so an interrupted ingest ends in the
// same state as an uninterrupted one.
func testPutSameTextTwice(t *testing.T, newStore func(t *testing.T) store.Store) {
	text := "Officials said the ferry crossing was closed after the strike."
	version := func(published, hash string) store.Put {
		a := build(t, "art-same", "Wire", published, "Ferry closed", text, nil,
			stmt{"s1", "Officials", "UA", crosscheck.StanceAssert, "the ferry crossing was closed after the strike"})
		a.Article.URL = ""
		return store.Put{SourceKey: "src/" + hash, DocHash: hash, Analysis: a, ContentHash: hash}
	}
	early, late, undated := version("2024-05-01", "h-early"), version("2024-05-03", "h-late"), version("", "h-undated")
	for name, order := range map[string][]store.Put{
		"early first":   {early, late, undated},
		"late first":    {late, undated, early},
		"undated first": {undated, early, late},
	} {
		t.Run(name, func(t *testing.T) {
			s := newStore(t)
			for _, p := range order { // one batch each, as separate runs would
				putAll(t, s, []store.Put{p})
			}
			got, err := s.Article(t.Context(), "art-same")
			if err != nil {
				t.Fatal(err)
			}
			if got.Article.Published != "2024-05-01" {
				t.Errorf("kept the version published %q, want the earliest (2024-05-01)", got.Article.Published)
			}
			for _, p := range order {
				if done, err := s.Done(t.Context(), p.SourceKey, p.DocHash); err != nil || !done {
					t.Errorf("source %s not marked done: %v %v", p.SourceKey, done, err)
				}
			}
		})
	}
}

func testFailures(t *testing.T, s store.Store) {
	ctx := t.Context()
	out := putAll(t, s, []store.Put{
		{SourceKey: "bad/1.bin", DocHash: "x1", Failure: "extract: input is binary"},
		{SourceKey: "bad/2.txt", DocHash: "x2", Failure: "extract: empty text"},
	})
	if out[0] != store.OutcomeFailed || out[1] != store.OutcomeFailed {
		t.Fatalf("outcomes %v", out)
	}
	if done, err := s.Done(ctx, "bad/1.bin", "x1"); err != nil || !done {
		t.Errorf("failed item not done: %v %v", done, err)
	}
	fs, err := s.Failures(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, f := range fs {
		keys = append(keys, f.SourceKey+"="+f.Error)
		if f.At.IsZero() {
			t.Errorf("failure %s has no time", f.SourceKey)
		}
	}
	sort.Strings(keys)
	want := []string{"bad/1.bin=extract: input is binary", "bad/2.txt=extract: empty text"}
	if !slices.Equal(keys, want) {
		t.Errorf("failures %v, want %v", keys, want)
	}
	// The same source later succeeding clears its failure.
	p := Corpus(t)[3]
	p.SourceKey, p.DocHash = "bad/2.txt", "x2-fixed"
	putAll(t, s, []store.Put{p})
	st, _ := s.Stats(ctx)
	if st.Failures != 1 || st.Articles != 1 {
		t.Errorf("stats after fix: %+v", st)
	}
}

func ids(as []store.ArticleSummary) []string {
	out := []string{}
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func testArticles(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	if err := s.ReplaceClaims(ctx, nil, map[string]string{"art-c": "art-a"}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		f     store.ArticleFilter
		want  []string
		total int
	}{
		{"all newest first", store.ArticleFilter{}, []string{"art-b", "art-c", "art-a", "art-d"}, 4},
		{"site", store.ArticleFilter{Site: "Kyiv Wire"}, []string{"art-a", "art-d"}, 2},
		{"since", store.ArticleFilter{Since: "2024-08-11"}, []string{"art-b", "art-c"}, 2},
		{"until inclusive", store.ArticleFilter{Until: "2024-08-11"}, []string{"art-c", "art-a"}, 2},
		{"since until timestamp bounds", store.ArticleFilter{Since: "2024-08-12T00:00:00Z", Until: "2024-08-12"}, []string{"art-b"}, 1},
		{"fts stemmed", store.ArticleFilter{Q: "advancing kursk"}, []string{"art-c", "art-a"}, 2},
		{"fts title", store.ArticleFilter{Q: "ministry"}, []string{"art-b"}, 1},
		{"fts prefix", store.ArticleFilter{Q: "sire*"}, []string{"art-d"}, 1},
		{"fts syntax is not injected", store.ArticleFilter{Q: `kursk" OR "sirens`}, []string{}, 0},
		{"fts no words", store.ArticleFilter{Q: `"*"`}, []string{}, 0},
		{"page", store.ArticleFilter{Limit: 2, Offset: 1}, []string{"art-c", "art-a"}, 4},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, total, err := s.Articles(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(got), tc.want) || total != tc.total {
				t.Errorf("got %v (total %d), want %v (total %d)", ids(got), total, tc.want, tc.total)
			}
		})
	}
	got, _, _ := s.Articles(ctx, store.ArticleFilter{Site: "Relay News"})
	if len(got) != 1 || got[0].EchoOf != "art-a" || got[0].Statements != 1 || got[0].Title != "Forces advance in Kursk region" ||
		got[0].URL != "https://relaynews.example/art-c" || got[0].Published != "2024-08-11" || got[0].Language != "en" {
		t.Errorf("summary of art-c: %+v", got)
	}
}

func testStatements(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	key := func(rs []store.StatementRow) []string {
		out := []string{}
		for _, r := range rs {
			out = append(out, r.ArticleID+"/"+r.Statement.ID)
		}
		return out
	}
	cases := []struct {
		name string
		f    store.StatementFilter
		want []string
	}{
		{"all", store.StatementFilter{}, []string{"art-b/s1", "art-b/s2", "art-c/s1", "art-a/s1", "art-a/s2"}},
		{"speaker case-insensitive", store.StatementFilter{Speaker: "oleksandr syrskyi"}, []string{"art-c/s1", "art-a/s1", "art-a/s2"}},
		{"party", store.StatementFilter{Party: "RU"}, []string{"art-b/s1", "art-b/s2"}},
		{"stance", store.StatementFilter{Stance: crosscheck.StanceDeny}, []string{"art-b/s1"}},
		{"since", store.StatementFilter{Since: "2024-08-11", Party: "UA"}, []string{"art-c/s1"}},
		{"article", store.StatementFilter{Article: "art-a"}, []string{"art-a/s1", "art-a/s2"}},
		{"q", store.StatementFilter{Q: "settlements"}, []string{"art-b/s1", "art-a/s2"}},
		{"limit", store.StatementFilter{Limit: 1, Offset: 1}, []string{"art-b/s2"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, total, err := s.Statements(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(key(got), tc.want) {
				t.Errorf("got %v, want %v", key(got), tc.want)
			}
			if tc.f.Limit == 0 && total != len(tc.want) {
				t.Errorf("total %d, want %d", total, len(tc.want))
			}
		})
	}
	rows, _, _ := s.Statements(ctx, store.StatementFilter{Article: "art-b", Limit: 1})
	if len(rows) != 1 || rows[0].Site != "Moscow Daily" || rows[0].Published != "2024-08-12T09:30:00Z" ||
		rows[0].Statement.Speaker.Affiliation != "RU" || rows[0].Statement.Content.Text != "Ukrainian units held any settlements" {
		t.Errorf("row %+v", rows)
	}
}

func testSpeakers(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	got, err := s.Speakers(ctx, store.SpeakerFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := []store.SpeakerSummary{
		{Name: "Oleksandr Syrskyi", Type: "person", Affiliation: "UA", Statements: 3, Articles: 2, First: "2024-08-10", Last: "2024-08-11"},
		{Name: "Igor Konashenkov", Type: "person", Affiliation: "RU", Statements: 2, Articles: 1, First: "2024-08-12", Last: "2024-08-12"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Speakers = %+v\nwant %+v", got, want)
	}
	got, _ = s.Speakers(ctx, store.SpeakerFilter{Party: "RU"})
	if len(got) != 1 || got[0].Name != "Igor Konashenkov" {
		t.Errorf("party RU: %+v", got)
	}
	got, _ = s.Speakers(ctx, store.SpeakerFilter{Q: "SYRS"})
	if len(got) != 1 || got[0].Name != "Oleksandr Syrskyi" {
		t.Errorf("q syrs: %+v", got)
	}
	got, _ = s.Speakers(ctx, store.SpeakerFilter{Q: "%"})
	if len(got) != 0 {
		t.Errorf("q %%: LIKE wildcard not escaped: %+v", got)
	}
}

func testSearch(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	hits, err := s.Search(ctx, "repelled attacks", 10)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, h := range hits {
		kinds = append(kinds, h.Kind+":"+h.ArticleID+"/"+h.Statement)
		if !strings.Contains(strings.ToLower(h.Snippet), "[repelled]") {
			t.Errorf("snippet %q lacks the marked term", h.Snippet)
		}
		if h.Site != "Moscow Daily" || h.Title != "Ministry rejects report" {
			t.Errorf("hit metadata %+v", h)
		}
	}
	sort.Strings(kinds)
	if !slices.Equal(kinds, []string{"article:art-b/", "statement:art-b/s2"}) {
		t.Errorf("hits %v", kinds)
	}
	hits, _ = s.Search(ctx, "kursk", 1)
	if len(hits) != 1 {
		t.Errorf("limit 1: %d hits", len(hits))
	}
	hits, _ = s.Search(ctx, "kursk", 10)
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score {
			t.Errorf("hits not ordered by score: %+v", hits)
		}
	}
	if len(hits) < 3 {
		t.Errorf("kursk: %d hits, want ≥ 3 (2 articles, 2 statements)", len(hits))
	}
	if hits, err := s.Search(ctx, "  ", 10); err != nil || len(hits) != 0 {
		t.Errorf("blank query: %v %v", hits, err)
	}
}

func testCandidates(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	cases := []struct {
		bands []uint64
		want  []string
	}{
		{[]uint64{101}, []string{"art-a", "art-c"}},
		{[]uint64{202, 302}, []string{"art-b", "art-c"}},
		{[]uint64{1<<63 + 5}, []string{"art-a"}},
		{[]uint64{777}, []string{}},
		{nil, []string{}},
	}
	for _, tc := range cases {
		got, err := s.Candidates(ctx, tc.bands)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Candidates(%v) = %v, want %v", tc.bands, got, tc.want)
		}
	}
}

func testAnalyses(t *testing.T, s store.Store) {
	ctx := t.Context()
	batch := Corpus(t)
	putAll(t, s, batch)
	var got []string
	for sa, err := range s.Analyses(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, sa.Analysis.Article.ID)
		for _, p := range batch {
			if p.Analysis.Article.ID == sa.Analysis.Article.ID {
				if sa.Signature != nil {
					t.Errorf("%s: a signature was stored (it is recomputed from the text)", p.Analysis.Article.ID)
				}
				if sa.Analysis.Article.Text != p.Analysis.Article.Text {
					t.Errorf("%s text lost", p.Analysis.Article.ID)
				}
			}
		}
	}
	// undated first, then by published day
	want := []string{"art-d", "art-a", "art-c", "art-b"}
	if !slices.Equal(got, want) {
		t.Errorf("Analyses order %v, want %v", got, want)
	}
	// Stopping early must not leak or fail.
	for range s.Analyses(ctx) {
		break
	}
}

// Ledger is an invented claim ledger over Corpus, with its echo map.
func Ledger() ([]crosscheck.Claim, map[string]string) {
	c1 := crosscheck.Claim{
		ID: "claim-advance", Summary: "Ukrainian forces advanced ten kilometres into the Kursk region",
		Status: []string{crosscheck.StatusUnconfirmed, crosscheck.StatusDisputed}, Parties: []string{"UA", "RU"},
		FirstSeen: "2024-08-10",
		Statements: []crosscheck.ClaimStatement{
			{Article: "art-a", Statement: "s1", Site: "Kyiv Wire", Published: "2024-08-10", Speaker: "Oleksandr Syrskyi", Affiliation: "UA", Stance: "assert", Content: "Ukrainian forces advanced ten kilometres into the Kursk region"},
			{Article: "art-c", Statement: "s1", Site: "Relay News", Published: "2024-08-11", Speaker: "Oleksandr Syrskyi", Affiliation: "UA", Stance: "assert", Content: "Ukrainian forces advanced ten kilometres into the Kursk region", Echo: true},
			{Article: "art-b", Statement: "s1", Site: "Moscow Daily", Published: "2024-08-12T09:30:00Z", Speaker: "Igor Konashenkov", Affiliation: "RU", Stance: "deny", Content: "Ukrainian units held any settlements"},
		},
		Evidence: []crosscheck.Evidence{{Status: crosscheck.StatusDisputed, Article: "art-b", Statement: "s1", Text: "The defence ministry denied that Ukrainian units held any settlements", Since: "2024-08-12"}},
		Appearances: []crosscheck.Appearance{
			{Article: "art-a", Site: "Kyiv Wire", URL: "https://kyivwire.example/art-a", Published: "2024-08-10"},
			{Article: "art-c", Site: "Relay News", URL: "https://relaynews.example/art-c", Published: "2024-08-11", EchoOf: "art-a"},
		},
	}
	c2 := crosscheck.Claim{
		ID: "claim-repelled", Summary: "Russian troops repelled attacks near Sudzha",
		Status: []string{crosscheck.StatusUnconfirmed}, Parties: []string{"RU"}, FirstSeen: "2024-08-12T09:30:00Z",
		Statements: []crosscheck.ClaimStatement{
			{Article: "art-b", Statement: "s2", Site: "Moscow Daily", Published: "2024-08-12T09:30:00Z", Speaker: "Igor Konashenkov", Affiliation: "RU", Stance: "assert", Content: "Russian troops repelled attacks near Sudzha"},
		},
		Evidence:    []crosscheck.Evidence{{Status: crosscheck.StatusUnconfirmed, Article: "art-b", Statement: "s2", Text: "Konashenkov said Russian troops repelled attacks near Sudzha."}},
		Appearances: []crosscheck.Appearance{{Article: "art-b", Site: "Moscow Daily", Published: "2024-08-12T09:30:00Z"}},
	}
	c3 := crosscheck.Claim{
		ID: "claim-settlements", Summary: "more than seventy settlements were under control",
		Status: []string{crosscheck.StatusCorroborated}, Parties: []string{"UA"}, FirstSeen: "2024-08-10",
		Statements: []crosscheck.ClaimStatement{
			{Article: "art-a", Statement: "s2", Site: "Kyiv Wire", Published: "2024-08-10", Speaker: "Oleksandr Syrskyi", Affiliation: "UA", Stance: "assert", Content: "more than seventy settlements were under control"},
		},
		Evidence:    []crosscheck.Evidence{},
		Appearances: []crosscheck.Appearance{{Article: "art-a", Site: "Kyiv Wire", Published: "2024-08-10"}},
	}
	return []crosscheck.Claim{c1, c2, c3}, map[string]string{"art-c": "art-a"}
}

func claimIDs(cs []crosscheck.Claim) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func testClaims(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	claims, echo := Ledger()
	if err := s.ReplaceClaims(ctx, claims, echo); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		f     store.ClaimFilter
		want  []string
		total int
	}{
		{"recent", store.ClaimFilter{}, []string{"claim-repelled", "claim-advance", "claim-settlements"}, 3},
		{"oldest", store.ClaimFilter{Sort: store.SortOldest}, []string{"claim-advance", "claim-settlements", "claim-repelled"}, 3},
		{"statements", store.ClaimFilter{Sort: store.SortStatements}, []string{"claim-advance", "claim-repelled", "claim-settlements"}, 3},
		{"status", store.ClaimFilter{Status: crosscheck.StatusUnconfirmed}, []string{"claim-repelled", "claim-advance"}, 2},
		{"status disputed", store.ClaimFilter{Status: crosscheck.StatusDisputed}, []string{"claim-advance"}, 1},
		{"party", store.ClaimFilter{Party: "RU"}, []string{"claim-repelled", "claim-advance"}, 2},
		{"speaker", store.ClaimFilter{Speaker: "oleksandr SYRSKYI"}, []string{"claim-advance", "claim-settlements"}, 2},
		{"place", store.ClaimFilter{Place: "kursk"}, []string{"claim-advance"}, 1},
		{"place sudzha", store.ClaimFilter{Place: "Sudzha"}, []string{"claim-repelled"}, 1},
		{"article", store.ClaimFilter{Article: "art-c"}, []string{"claim-advance"}, 1},
		{"since", store.ClaimFilter{Since: "2024-08-11"}, []string{"claim-repelled"}, 1},
		{"until", store.ClaimFilter{Until: "2024-08-10"}, []string{"claim-advance", "claim-settlements"}, 2},
		{"since, latest", store.ClaimFilter{Since: "2024-08-10", Sort: store.SortLatest}, []string{"claim-repelled", "claim-advance", "claim-settlements"}, 3},
		{"party, latest", store.ClaimFilter{Party: "UA", Sort: store.SortLatest}, []string{"claim-advance", "claim-settlements"}, 2},
		{"status, party, oldest", store.ClaimFilter{Status: crosscheck.StatusUnconfirmed, Party: "RU", Sort: store.SortOldest}, []string{"claim-advance", "claim-repelled"}, 2},
		{"q", store.ClaimFilter{Q: "Kursk"}, []string{"claim-advance"}, 1},
		{"q statement content", store.ClaimFilter{Q: "units held"}, []string{"claim-advance"}, 1},
		{"q settlements relevance", store.ClaimFilter{Q: "settlements"}, []string{"claim-settlements", "claim-advance"}, 2},
		{"q and party", store.ClaimFilter{Q: "settlements", Party: "RU"}, []string{"claim-advance"}, 1},
		{"q no words", store.ClaimFilter{Q: "!!"}, []string{}, 0},
		{"page", store.ClaimFilter{Limit: 1, Offset: 1}, []string{"claim-advance"}, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, total, err := s.Claims(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(claimIDs(got), tc.want) || total != tc.total {
				t.Errorf("got %v (total %d), want %v (total %d)", claimIDs(got), total, tc.want, tc.total)
			}
		})
	}
	got, err := s.Claim(ctx, "claim-advance")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, claims[0]) {
		t.Errorf("Claim round trip:\n got %+v\nwant %+v", got, claims[0])
	}
	counts, err := s.StatusCounts(ctx, store.ClaimFilter{Status: "ignored"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{crosscheck.StatusUnconfirmed: 2, crosscheck.StatusDisputed: 1, crosscheck.StatusCorroborated: 1}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("StatusCounts = %v, want %v", counts, want)
	}
	counts, _ = s.StatusCounts(ctx, store.ClaimFilter{Party: "UA"})
	want = map[string]int{crosscheck.StatusUnconfirmed: 1, crosscheck.StatusDisputed: 1, crosscheck.StatusCorroborated: 1}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("StatusCounts(UA) = %v, want %v", counts, want)
	}
	st, _ := s.Stats(ctx)
	if st.Claims != 3 {
		t.Errorf("Stats.Claims = %d", st.Claims)
	}
}

// testClaimsLatest: a claim first seen early but disputed later comes
// before a claim first seen in between when sorting by latest activity.
func testClaimsLatest(t *testing.T, s store.Store) {
	ctx := t.Context()
	old := crosscheck.Claim{ID: "claim-old", Summary: "the bridge was destroyed", Status: []string{crosscheck.StatusDisputed},
		Parties: []string{"RU", "UA"}, FirstSeen: "2024-01-01",
		Statements: []crosscheck.ClaimStatement{
			{Article: "a1", Statement: "s1", Published: "2024-01-01", Speaker: "A", Affiliation: "UA", Stance: "assert", Content: "the bridge was destroyed"},
			{Article: "a3", Statement: "s1", Published: "2024-03-01", Speaker: "B", Affiliation: "RU", Stance: "deny", Content: "the bridge was destroyed"},
		},
		Evidence: []crosscheck.Evidence{{Status: crosscheck.StatusDisputed, Article: "a3", Statement: "s1", Text: "B denied it.", Since: "2024-03-01"}},
	}
	mid := crosscheck.Claim{ID: "claim-mid", Summary: "the dam held", Status: []string{crosscheck.StatusUnconfirmed},
		Parties: []string{"UA"}, FirstSeen: "2024-02-01",
		Statements: []crosscheck.ClaimStatement{{Article: "a2", Statement: "s1", Published: "2024-02-01", Speaker: "C", Affiliation: "UA", Stance: "assert", Content: "the dam held"}},
	}
	if err := s.ReplaceClaims(ctx, []crosscheck.Claim{old, mid}, nil); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		sort string
		want []string
	}{
		{store.SortRecent, []string{"claim-mid", "claim-old"}},
		{store.SortLatest, []string{"claim-old", "claim-mid"}},
	} {
		cs, _, err := s.Claims(ctx, store.ClaimFilter{Sort: tc.sort})
		if err != nil {
			t.Fatal(err)
		}
		if got := claimIDs(cs); !slices.Equal(got, tc.want) {
			t.Errorf("sort %s: %v, want %v", tc.sort, got, tc.want)
		}
	}
}

func testReplaceClaimsSwaps(t *testing.T, s store.Store) {
	ctx := t.Context()
	putAll(t, s, Corpus(t))
	claims, echo := Ledger()
	if err := s.ReplaceClaims(ctx, claims, echo); err != nil {
		t.Fatal(err)
	}
	if err := s.ReplaceClaims(ctx, claims[1:2], nil); err != nil {
		t.Fatal(err)
	}
	got, total, err := s.Claims(ctx, store.ClaimFilter{})
	if err != nil || total != 1 || !slices.Equal(claimIDs(got), []string{"claim-repelled"}) {
		t.Errorf("after swap: %v %d %v", claimIDs(got), total, err)
	}
	if got, _, _ := s.Claims(ctx, store.ClaimFilter{Q: "kursk"}); len(got) != 0 {
		t.Errorf("old claims still searchable: %v", claimIDs(got))
	}
	if got, _, _ := s.Claims(ctx, store.ClaimFilter{Speaker: "Oleksandr Syrskyi"}); len(got) != 0 {
		t.Errorf("old claim speakers survive: %v", claimIDs(got))
	}
	as, _, _ := s.Articles(ctx, store.ArticleFilter{Site: "Relay News"})
	if len(as) != 1 || as[0].EchoOf != "" {
		t.Errorf("old echo survives: %+v", as)
	}
	// A failing swap (duplicate claim id) leaves the ledger as it was.
	dup := []crosscheck.Claim{claims[0], claims[0]}
	if err := s.ReplaceClaims(ctx, dup, nil); err == nil {
		t.Errorf("duplicate claim ids accepted")
	}
	got, total, _ = s.Claims(ctx, store.ClaimFilter{})
	if total != 1 || !slices.Equal(claimIDs(got), []string{"claim-repelled"}) {
		t.Errorf("failed swap changed the ledger: %v", claimIDs(got))
	}
}

func testNotFound(t *testing.T, s store.Store) {
	ctx := t.Context()
	if _, err := s.Article(ctx, "nope"); !errors.Is(err, store.ErrNotFound) || crosscheck.ErrorCode(err) != crosscheck.ENOTFOUND {
		t.Errorf("Article(nope) = %v, want ErrNotFound", err)
	}
	if _, err := s.Claim(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Claim(nope) = %v, want ErrNotFound", err)
	}
	as, total, err := s.Articles(ctx, store.ArticleFilter{})
	if err != nil || total != 0 || as == nil || len(as) != 0 {
		t.Errorf("empty store Articles = %v %d %v (want empty non-nil)", as, total, err)
	}
	cs, total, err := s.Claims(ctx, store.ClaimFilter{})
	if err != nil || total != 0 || cs == nil {
		t.Errorf("empty store Claims = %v %d %v", cs, total, err)
	}
}

func testConcurrentPut(t *testing.T, s store.Store) {
	ctx := t.Context()
	base := Corpus(t)[0]
	const writers, each = 4, 10
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				p := base
				p.Analysis.Article.ID = fmt.Sprintf("w%d-%d", w, i)
				p.SourceKey = "src/" + p.Analysis.Article.ID
				if _, err := s.Put(ctx, []store.Put{p}); err != nil {
					errs <- err
					return
				}
				if _, _, err := s.Articles(ctx, store.ArticleFilter{Limit: 5}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, _ := s.Stats(ctx)
	if st.Articles != writers*each || st.Statements != 2*writers*each {
		t.Errorf("after concurrent puts: %+v", st)
	}
}

func testBadInput(t *testing.T, s store.Store) {
	ctx := t.Context()
	p := Corpus(t)[0]
	cases := []struct {
		name string
		edit func(*store.Put)
	}{
		{"no source key", func(p *store.Put) { p.SourceKey = "" }},
		{"no article id", func(p *store.Put) { p.Analysis.Article.ID = "" }},
		{"no content hash", func(p *store.Put) { p.ContentHash = "" }},
	}
	for _, tc := range cases {
		q := p
		tc.edit(&q)
		// A bad item fails the whole batch, atomically.
		good := Corpus(t)[1]
		if _, err := s.Put(ctx, []store.Put{good, q}); err == nil {
			t.Errorf("%s: accepted", tc.name)
		}
	}
	st, _ := s.Stats(ctx)
	if st.Articles != 0 {
		t.Errorf("a failed batch left %d articles", st.Articles)
	}
	// Invalid UTF-8 and NULs in keys, errors and filters are not errors.
	bad := "src/\xff\xfe\x00name.txt"
	if _, err := s.Put(ctx, []store.Put{{SourceKey: bad, DocHash: "h\xff", Failure: "read \xff failed"}}); err != nil {
		t.Errorf("invalid UTF-8 source key: %v", err)
	}
	if done, err := s.Done(ctx, bad, "h\xff"); err != nil || !done {
		t.Errorf("Done with invalid UTF-8 key: %v %v", done, err)
	}
	if _, _, err := s.Claims(ctx, store.ClaimFilter{Speaker: "\xff", Party: "\x00", Place: "\xc3"}); err != nil {
		t.Errorf("invalid UTF-8 filter: %v", err)
	}
	if _, _, err := s.Statements(ctx, store.StatementFilter{Speaker: "\xff\x00"}); err != nil {
		t.Errorf("invalid UTF-8 filter: %v", err)
	}
	if _, err := s.Article(ctx, "\xff"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Article(invalid UTF-8) = %v, want ErrNotFound", err)
	}
	// NUL bytes (which PostgreSQL text refuses) are stored as spaces.
	n := build(t, "nul", "Kyiv Wire", "2024-01-01", "a\x00b", "text with a \x00 byte", nil)
	if _, err := s.Put(ctx, []store.Put{{SourceKey: "nul", DocHash: "n", Analysis: n, ContentHash: "n"}}); err != nil {
		t.Fatalf("NUL: %v", err)
	}
	got, err := s.Article(ctx, "nul")
	if err != nil || got.Article.Text != "text with a   byte" || got.Article.Title != "a b" {
		t.Errorf("NUL article: %q %q %v", got.Article.Text, got.Article.Title, err)
	}
}

func testLedgerStale(t *testing.T, s store.Store) {
	ctx := t.Context()
	stale := func(want bool, when string) {
		t.Helper()
		got, err := s.LedgerStale(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: LedgerStale = %v, want %v", when, got, want)
		}
	}
	stale(true, "new store")
	batch := Corpus(t)
	putAll(t, s, batch)
	stale(true, "after put")
	if err := s.ReplaceClaims(ctx, nil, nil); err != nil {
		t.Fatal(err)
	}
	stale(false, "after rebuild")
	putAll(t, s, batch)
	putAll(t, s, []store.Put{{SourceKey: "x", DocHash: "x", Failure: "bad"}})
	stale(false, "after unchanged puts and a failure")
	b := batch[1]
	b.ContentHash = "changed"
	putAll(t, s, []store.Put{b})
	stale(true, "after a replaced article")
}

// Fill stores the test corpus (Corpus) and its claims (Ledger) in s: the
// database the plan, budget and fuzz tests query.
func Fill(tb testing.TB, s store.Store) {
	tb.Helper()
	if _, err := s.Put(tb.Context(), Corpus(tb)); err != nil {
		tb.Fatal(err)
	}
	claims, echo := Ledger()
	if err := s.ReplaceClaims(tb.Context(), claims, echo); err != nil {
		tb.Fatal(err)
	}
}
