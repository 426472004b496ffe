package worker_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/corpora"
	"github.com/crosscheck/crosscheck/internal/ledger"
	"github.com/crosscheck/crosscheck/internal/source"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/worker"
)

// inputs writes a small mixed input directory: the seed article, invented
// wire copy and its echo, a JSON Lines file, and two bad files.
func inputs(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	seed, err := os.ReadFile(corpora.For(t, "fixtures", "seed", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	story := "Kyiv Wire\n\nOfficials report new strikes near Kharkiv\n\n" +
		"The regional governor said on Tuesday that three drones were shot down over Kharkiv overnight. " +
		"Moscow denied that its forces had targeted civilian buildings, the defence ministry said in a statement.\n\n" +
		"Emergency crews worked through the night, according to the state emergency service.\n"
	files := map[string]string{
		"seed.txt":     string(seed),
		"a/wire.txt":   story,
		"a/b/echo.txt": "Relay News\n\n" + story + "\nRead more on our site.\n",
		"empty.txt":    "",
		"bin/blob.bin": "\x00\x01\x02\x03binary\x00\x00",
		"feed/items.jsonl": `{"url":"https://example.org/1","site":"Example","published":"2024-05-01","title":"One","text":"The mayor said the bridge would reopen in May after repairs."}` + "\n" +
			`{"url":"https://example.org/2","site":"Example","published":"2024-05-02","title":"Two","text":"The ministry said that the talks had ended without agreement."}` + "\n" +
			`{not json}` + "\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func openStore(t *testing.T) store.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func analyzer(t *testing.T) *analyze.Analyzer {
	t.Helper()
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// updateLedger brings the claim ledger up to date and returns the number
// of claims.
func updateLedger(t *testing.T, s store.Store) (int, error) {
	t.Helper()
	l, err := ledger.New(s, ledger.Options{})
	if err != nil {
		return 0, err
	}
	res, err := l.Update(t.Context())
	return res.Claims, err
}

func digest(t *testing.T, s store.Store) string {
	t.Helper()
	ctx := t.Context()
	h := sha256.New()
	for a, err := range s.Analyses(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(a)
		h.Write(b)
	}
	rows, _, err := s.Statements(ctx, store.StatementFilter{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(rows)
	h.Write(b)
	cs, _, err := s.Claims(ctx, store.ClaimFilter{Limit: store.MaxLimit, Sort: store.SortOldest})
	if err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(cs)
	h.Write(b)
	fs, err := s.Failures(ctx, store.MaxLimit)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, f := range fs {
		keys = append(keys, f.SourceKey+"\x00"+f.Error)
	}
	sort.Strings(keys)
	h.Write([]byte(strings.Join(keys, "\n")))
	st, _ := s.Stats(ctx)
	return fmt.Sprintf("%+v %s", st, hex.EncodeToString(h.Sum(nil))[:16])
}

func ingest(t *testing.T, ctx context.Context, s store.Store, z worker.Analyzer, dir string, opt worker.Options) (worker.Result, error) {
	t.Helper()
	opt.Logger = nil
	return worker.Ingest(ctx, s, z, source.Walk(ctx, []string{dir}, source.Options{}), opt)
}

func TestIngestIdempotent(t *testing.T) {
	dir := inputs(t)
	s := openStore(t)
	z := analyzer(t)
	var progress atomic.Int32
	res, err := ingest(t, t.Context(), s, z, dir, worker.Options{Workers: 2, BatchSize: 2,
		Progress: func(worker.Counts) { progress.Add(1) }})
	if err != nil {
		t.Fatal(err)
	}
	// 6 documents: seed, wire, echo, 2 JSONL lines ok; failures: empty.txt,
	// blob.bin, the malformed JSONL line.
	if res.Seen != 8 || res.Created != 5 || res.Failed != 3 || res.Skipped != 0 {
		t.Errorf("first run: %+v", res.Counts)
	}
	if progress.Load() == 0 {
		t.Error("no progress reported")
	}
	var failed []string
	for _, f := range res.Failures {
		failed = append(failed, filepath.Base(strings.SplitN(f.SourceKey, "#", 2)[0]))
		if f.Error == "" {
			t.Errorf("failure %s has no error text", f.SourceKey)
		}
	}
	sort.Strings(failed)
	if strings.Join(failed, ",") != "blob.bin,empty.txt,items.jsonl" {
		t.Errorf("failures %v", failed)
	}
	if n, err := updateLedger(t, s); err != nil || n == 0 {
		t.Errorf("ledger update = %d claims, %v; want some", n, err)
	}
	before := digest(t, s)

	res, err = ingest(t, t.Context(), s, z, dir, worker.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Skipped != 8 || res.Written() != 0 {
		t.Errorf("second run did work: %+v", res.Counts)
	}
	if _, err := updateLedger(t, s); err != nil {
		t.Fatal(err)
	}
	if after := digest(t, s); after != before {
		t.Errorf("re-ingest changed the store:\n%s\n%s", before, after)
	}

	// A changed file is analyzed again and replaces its article when the
	// id (here: from the text) stays; new text makes a new article.
	if err := os.WriteFile(filepath.Join(dir, "empty.txt"), []byte("The minister said the grain deal was over."), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = ingest(t, t.Context(), s, z, dir, worker.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 1 || res.Skipped != 7 {
		t.Errorf("after fixing empty.txt: %+v", res.Counts)
	}
	st, _ := s.Stats(t.Context())
	if st.Articles != 6 || st.Failures != 2 {
		t.Errorf("stats %+v", st)
	}
}

// cancelAfter cancels the ingest's context after n analyses, as a crash
// half-way would stop it.
type cancelAfter struct {
	z      worker.Analyzer
	n      int32
	calls  atomic.Int32
	cancel context.CancelFunc
}

func (c *cancelAfter) Analyze(ctx context.Context, d crosscheck.Document) (crosscheck.Analysis, error) {
	if c.calls.Add(1) == c.n {
		c.cancel()
	}
	return c.z.Analyze(ctx, d)
}

func TestIngestCancelResume(t *testing.T) {
	dir := inputs(t)
	z := analyzer(t)

	full := openStore(t)
	if _, err := ingest(t, t.Context(), full, z, dir, worker.Options{Workers: 2, BatchSize: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := updateLedger(t, full); err != nil {
		t.Fatal(err)
	}
	want := digest(t, full)

	for _, n := range []int32{1, 2, 4} {
		t.Run(fmt.Sprint("cancel after ", n), func(t *testing.T) {
			s := openStore(t)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			res, err := ingest(t, ctx, s, &cancelAfter{z: z, n: n, cancel: cancel}, dir, worker.Options{Workers: 2, BatchSize: 1})
			if err == nil {
				t.Fatalf("cancelled ingest returned no error (%+v)", res.Counts)
			}
			st, _ := s.Stats(t.Context())
			if st.Articles >= 5 {
				t.Logf("cancel came late: %+v", st)
			}
			if _, err := ingest(t, t.Context(), s, z, dir, worker.Options{Workers: 2}); err != nil {
				t.Fatal(err)
			}
			if _, err := updateLedger(t, s); err != nil {
				t.Fatal(err)
			}
			if got := digest(t, s); got != want {
				t.Errorf("resumed store differs:\n got %s\nwant %s", got, want)
			}
		})
	}
}

// panicky panics on one document: the item must be recorded as failed and
// the ingest must go on.
type panicky struct{ z worker.Analyzer }

func (p panicky) Analyze(ctx context.Context, d crosscheck.Document) (crosscheck.Analysis, error) {
	if strings.Contains(string(d.Body), "drones") {
		panic("stage bug")
	}
	return p.z.Analyze(ctx, d)
}

func TestIngestPanicIsFailure(t *testing.T) {
	dir := inputs(t)
	s := openStore(t)
	res, err := ingest(t, t.Context(), s, panicky{analyzer(t)}, dir, worker.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 3 || res.Failed != 5 {
		t.Errorf("counts %+v", res.Counts)
	}
	found := false
	for _, f := range res.Failures {
		if strings.Contains(f.Error, "internal error: stage bug") {
			found = true
		}
	}
	if !found {
		t.Errorf("panic not recorded: %+v", res.Failures)
	}
}

func TestDocHash(t *testing.T) {
	a := crosscheck.Document{URL: "u", Body: []byte("body")}
	b := a
	b.Fetched = b.Fetched.AddDate(1, 0, 0)
	if worker.DocHash(a) != worker.DocHash(b) {
		t.Error("fetch time changes the doc hash")
	}
	c := a
	c.Title = "t"
	if worker.DocHash(a) == worker.DocHash(c) {
		t.Error("a hint does not change the doc hash")
	}
	// Field boundaries matter: moving bytes between fields changes the hash.
	d1 := crosscheck.Document{URL: "ab", Site: "c"}
	d2 := crosscheck.Document{URL: "a", Site: "bc"}
	if worker.DocHash(d1) == worker.DocHash(d2) {
		t.Error("field boundary ambiguity")
	}
}

// TestEncodedOnWorkers: articles encoded on the analysis goroutines
// (store.PutEncoder) are stored as the writer would have encoded them.
func TestEncodedOnWorkers(t *testing.T) {
	ctx := t.Context()
	dir := inputs(t)
	z := analyzer(t)
	if _, ok := openStore(t).(store.PutEncoder); !ok {
		t.Fatal("the SQLite store does not encode ahead of Put")
	}
	viaIngest := openStore(t)
	if _, err := ingest(t, ctx, viaIngest, z, dir, worker.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	// The same items written by Put alone, which encodes them itself.
	byPut := openStore(t)
	var puts []store.Put
	for it, err := range source.Walk(ctx, []string{dir}, source.Options{}) {
		if err != nil {
			continue
		}
		p := worker.Prepare(ctx, z, it.Key, it.Doc)
		if p.Encoded != nil {
			t.Fatalf("%s: Prepare encoded for a store", it.Key)
		}
		puts = append(puts, p)
	}
	if _, err := byPut.Put(ctx, puts); err != nil {
		t.Fatal(err)
	}
	// Failures differ (Walk's errors are left out above): compare the
	// articles and their statements only.
	articles := func(s store.Store) string {
		var out []string
		for a, err := range s.Analyses(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(a)
			out = append(out, string(b))
		}
		sort.Strings(out)
		rows, _, err := s.Statements(ctx, store.StatementFilter{Limit: store.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(rows)
		return strings.Join(out, "\n") + string(b)
	}
	got, want := articles(viaIngest), articles(byPut)
	if got != want || len(puts) < 4 {
		t.Errorf("%d items: stored through Ingest:\n%.400s\nthrough Put:\n%.400s", len(puts), got, want)
	}
}
