package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/internal/corpora"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/postgres"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
)

// stateDigest summarises everything a database (a SQLite path or a
// PostgreSQL URL) holds that ingest produces:
// every analysis with its signature, every statement, the whole claim
// ledger with echoes, and the failed source keys. Two databases with the
// same digest answer every query the same way.
func stateDigest(t *testing.T, path string) (store.Stats, string) {
	t.Helper()
	ctx := t.Context()
	var s store.Store
	var err error
	if isPostgresURL(path) {
		s, err = postgres.Open(ctx, path)
	} else {
		s, err = sqlite.Open(ctx, path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h := sha256.New()
	enc := json.NewEncoder(h)
	for a, err := range s.Analyses(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		_ = enc.Encode(a)
	}
	for off := 0; ; off += store.MaxLimit {
		rows, _, err := s.Statements(ctx, store.StatementFilter{Limit: store.MaxLimit, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		_ = enc.Encode(rows)
		if len(rows) < store.MaxLimit {
			break
		}
	}
	for off := 0; ; off += store.MaxLimit {
		cs, _, err := s.Claims(ctx, store.ClaimFilter{Limit: store.MaxLimit, Offset: off, Sort: store.SortOldest})
		if err != nil {
			t.Fatal(err)
		}
		_ = enc.Encode(cs)
		if len(cs) < store.MaxLimit {
			break
		}
	}
	as, _, err := s.Articles(ctx, store.ArticleFilter{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	_ = enc.Encode(as) // includes echo_of
	fs, err := s.Failures(ctx, store.MaxLimit)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, f := range fs {
		keys = append(keys, f.SourceKey+"\t"+f.Error)
	}
	sort.Strings(keys)
	_ = enc.Encode(keys)
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return st, hex.EncodeToString(h.Sum(nil))
}

// buildBinary compiles crosscheck once for the subprocess tests.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "crosscheck")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go build: %v", err)
	}
	return bin
}

var ingestTimeRe = regexp.MustCompile(`ingested \d+ items in ([0-9.]+m?s)`)

var rebuildTimeRe = regexp.MustCompile(`(?:rebuilt|ledger updated) in ([0-9.]+m?s)`)

var summaryRe = regexp.MustCompile(`articles: (\d+) new, (\d+) updated, (\d+) unchanged, (\d+) skipped \(already done\), (\d+) failed`)

func ingestRun(t *testing.T, bin, db string, paths ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, append([]string{"--db", db, "--log-level", "warn", "ingest", "--progress", "never"}, paths...)...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if err != nil {
		return out.String(), fmt.Errorf("%v: %s", err, errb.String())
	}
	return out.String(), nil
}

// TestIngestKillResume kills `crosscheck ingest` with SIGKILL at random
// moments on the ukraine-war corpus, resumes it, and checks that the
// database ends exactly as after an uninterrupted run; then that a third
// run adds nothing.
func TestIngestKillResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests a corpus twice")
	}
	corpus := corpora.For(t, "corpora", "ukraine-war", "articles")
	seed := corpora.For(t, "fixtures", "seed", "article.txt")
	bin := buildBinary(t)
	dir := t.TempDir()

	full := filepath.Join(dir, "full.db")
	start := time.Now()
	out, err := ingestRun(t, bin, full, corpus, seed)
	if err != nil {
		t.Fatal(err)
	}
	fullTime := time.Since(start)
	t.Logf("uninterrupted: %s\n%s", fullTime.Round(time.Millisecond), out)
	// Kill inside the article phase (startup + ingest), not only during
	// the claims rebuild that follows it.
	ingestTime := fullTime / 2
	if m := ingestTimeRe.FindStringSubmatch(out); m != nil {
		if d, err := time.ParseDuration(m[1]); err == nil {
			ingestTime = d
		}
	}
	wantStats, want := stateDigest(t, full)
	if wantStats.Articles < 400 {
		t.Fatalf("only %d articles stored from the corpus: %+v", wantStats.Articles, wantStats)
	}

	// Process start-up (package initialisation) comes before the article
	// phase: measure it so that kills land inside that phase.
	// It is what the uninterrupted run spent outside the article phase and
	// the claims rebuild, or at least a bare `--help`.
	t0 := time.Now()
	_ = exec.Command(bin, "--help").Run()
	startup := time.Since(t0)
	if m := rebuildTimeRe.FindStringSubmatch(out); m != nil {
		if d, err := time.ParseDuration(m[1]); err == nil && fullTime-ingestTime-d > startup {
			startup = fullTime - ingestTime - d
		}
	}

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	partial := 0 // kills that left the database incomplete
	for round := range 1 {
		db := filepath.Join(dir, fmt.Sprintf("killed-%d.db", round))
		// Kill twice per database at random points (the second time on the
		// resumed run), then let it finish.
		for k := range 2 {
			// The first kill between 20% and 80% of the article phase, the
			// second anywhere in the resumed run (possibly in the rebuild).
			delay := startup + ingestTime/5 + time.Duration(rng.Int64N(int64(ingestTime*6/10)))
			if k == 1 {
				delay = 100*time.Millisecond + time.Duration(rng.Int64N(int64(fullTime)))
			}
			cmd := exec.Command(bin, "--db", db, "--log-level", "warn", "ingest", "--progress", "never", corpus, seed)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(delay)
			_ = cmd.Process.Signal(syscall.SIGKILL)
			werr := cmd.Wait()
			st, dg := stateDigest(t, db)
			if dg != want {
				partial++
			}
			t.Logf("round %d kill %d after %s: %v; %d articles, %d claims stored", round, k, delay.Round(time.Millisecond), werr, st.Articles, st.Claims)
		}
		out, err := ingestRun(t, bin, db, corpus, seed)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("resumed:\n%s", out)
		gotStats, got := stateDigest(t, db)
		if got != want || gotStats != wantStats {
			t.Errorf("round %d: resumed database differs from the uninterrupted one:\n got %+v %s\nwant %+v %s",
				round, gotStats, got, wantStats, want)
		}
	}

	if partial == 0 {
		t.Errorf("every kill came after the run had finished: the test proved nothing")
	}

	// Re-ingesting the same inputs adds nothing.
	out, err = ingestRun(t, bin, full, corpus, seed)
	if err != nil {
		t.Fatal(err)
	}
	m := summaryRe.FindStringSubmatch(out)
	if m == nil || m[1] != "0" || m[2] != "0" || m[3] != "0" || m[5] != "0" {
		t.Errorf("re-ingest did work:\n%s", out)
	}
	if _, again := stateDigest(t, full); again != want {
		t.Errorf("re-ingest changed the database")
	}
}

// TestIngestInProcess runs the command in-process on a small mixed input
// and checks the summary, the failure report and idempotence.
func TestIngestInProcess(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile(corpora.For(t, "fixtures", "seed", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"seed.txt":  string(seed),
		"empty.txt": "",
		"lines.jsonl": `{"url":"https://example.org/a","site":"Example","published":"2024-05-01","title":"A","text":"The mayor said the bridge would reopen in May."}` + "\n" +
			"{oops\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "x.db")
	code, out, errs := runCLI(t, "--db", db, "ingest", dir)
	if code != exitPartial || !strings.Contains(errs, "2 of 4 items failed") {
		t.Fatalf("exit %d, want %d (some items failed): %s", code, exitPartial, errs)
	}
	m := summaryRe.FindStringSubmatch(out)
	if m == nil || m[1] != "2" || m[5] != "2" {
		t.Errorf("summary:\n%s", out)
	}
	// One line per failed item: where, once, and what.
	if !strings.Contains(out, "failed: "+filepath.Join(dir, "empty.txt")+": empty\n") ||
		!strings.Contains(out, "failed: "+filepath.Join(dir, "lines.jsonl")+" line 2: not valid JSON: unexpected 'o' at column 2\n") {
		t.Errorf("failures not reported one clear line each:\n%s", out)
	}
	if !strings.Contains(out, "claims: ") {
		t.Errorf("no claims line:\n%s", out)
	}
	code, out, _ = runCLI(t, "--db", db, "ingest", dir)
	m = summaryRe.FindStringSubmatch(out)
	if code != exitOK || m == nil || m[1] != "0" || m[4] != "4" {
		t.Errorf("second run:\n%s", out)
	}
	// A missing path is reported as a failure of that path, not a crash.
	code, out, errs = runCLI(t, "--db", db, "ingest", filepath.Join(dir, "missing.txt"))
	if code != exitPartial || !strings.Contains(out, "missing.txt") {
		t.Errorf("missing path: exit %d\n%s\n%s", code, out, errs)
	}
}

// TestLedgerCacheFlag ingests the war fixtures in two runs (the second an
// incremental ledger update that links against stored statements) with a
// ledger cache of three statements and with the default: the cache bounds
// memory only, so both give the same claims.
func TestLedgerCacheFlag(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(corpora.For(t, "fixtures", "war"), "*"))
	if err != nil || len(dirs) < 4 {
		t.Fatalf("war fixtures: %v (%d)", err, len(dirs))
	}
	half := len(dirs) / 2
	ledgerWith := func(flags ...string) string {
		db := filepath.Join(t.TempDir(), "x.db")
		for _, batch := range [][]string{dirs[:half], dirs[half:]} {
			args := append(append([]string{"--db", db}, flags...), "ingest", "--progress", "never")
			if code, _, errs := runCLI(t, append(args, batch...)...); code != exitOK {
				t.Fatalf("ingest %v: exit %d: %s", flags, code, errs)
			}
		}
		code, out, errs := runCLI(t, "--db", db, "claims", "--json", "--limit", "5000")
		if code != exitOK {
			t.Fatalf("claims: exit %d: %s", code, errs)
		}
		return out
	}
	small, def := ledgerWith("--ledger-cache", "3"), ledgerWith()
	if small != def {
		t.Errorf("a three-statement ledger cache changed the claims (%d bytes of JSON against %d)", len(small), len(def))
	}
	if !strings.Contains(def, `"current_status"`) {
		t.Errorf("no claims in the ledger: %.200s", def)
	}
}
