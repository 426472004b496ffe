package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/crosscheck/crosscheck/internal/corpora"
	"github.com/crosscheck/crosscheck/internal/store/postgres"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

// queueState counts the ingest jobs of a PostgreSQL database by state, and
// the highest attempt of a completed one.
type queueState struct {
	total, completed, open, discarded, maxAttempt int
}

func readQueue(t *testing.T, db *sql.DB) queueState {
	t.Helper()
	var q queueState
	err := db.QueryRow(`SELECT COUNT(*),
 COUNT(*) FILTER (WHERE state = 'completed'),
 COUNT(*) FILTER (WHERE state IN ('available', 'pending', 'running', 'retryable', 'scheduled')),
 COUNT(*) FILTER (WHERE state = 'discarded'),
 COALESCE(MAX(attempt) FILTER (WHERE state = 'completed'), 0)
FROM river_job WHERE kind = 'crosscheck_item'`).Scan(&q.total, &q.completed, &q.open, &q.discarded, &q.maxAttempt)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// waitQueue polls until no job is open, or fails after limit.
func waitQueue(t *testing.T, db *sql.DB, limit time.Duration) queueState {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		q := readQueue(t, db)
		if q.open == 0 {
			return q
		}
		if time.Now().After(deadline) {
			t.Fatalf("queue not drained after %s: %+v", limit, q)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// workerProc is a running `crosscheck worker`.
type workerProc struct {
	cmd    *exec.Cmd
	stderr *procLog
}

type procLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *procLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *procLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func startWorker(t *testing.T, bin, db string, args ...string) *workerProc {
	t.Helper()
	w := &workerProc{stderr: &procLog{}}
	w.cmd = exec.Command(bin, append([]string{"--db", db, "--log-level", "info", "worker", "--workers", "1"}, args...)...)
	w.cmd.Stderr = w.stderr
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = w.cmd.Process.Kill(); _ = w.cmd.Wait() })
	return w
}

var stoppedRe = regexp.MustCompile(`msg="worker stopped" created=(\d+) updated=(\d+) unchanged=(\d+) failed=(\d+)`)

// stop sends SIGTERM and returns the number of items the worker wrote.
func (w *workerProc) stop(t *testing.T) int {
	t.Helper()
	_ = w.cmd.Process.Signal(syscall.SIGTERM)
	if err := w.cmd.Wait(); err != nil {
		t.Fatalf("worker exit: %v\n%s", err, w.stderr.String())
	}
	m := stoppedRe.FindStringSubmatch(w.stderr.String())
	if m == nil {
		t.Fatalf("no stop line in the worker log:\n%s", w.stderr.String())
	}
	n := 0
	for _, v := range m[1:] {
		k, _ := strconv.Atoi(v)
		n += k
	}
	return n
}

func checkNoConflicts(t *testing.T, logs ...string) {
	t.Helper()
	for _, l := range logs {
		for _, bad := range []string{"duplicate key", "40P01", "deadlock", "panic"} {
			if strings.Contains(l, bad) {
				t.Errorf("log mentions %q:\n%s", bad, l)
			}
		}
	}
}

// TestQueuePostgres runs the PostgreSQL scale-out path with real processes
// on the ukraine-war corpus: several workers share one queue, a worker
// killed with SIGKILL loses and doubles nothing, and two ingest processes
// at once end as one. Every database must end in the state of a single
// uninterrupted ingest.
func TestQueuePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests a corpus several times")
	}
	storetest.PostgresURL(t)
	corpus := corpora.For(t, "corpora", "ukraine-war", "articles")
	seed := corpora.For(t, "fixtures", "seed", "article.txt")
	bin := buildBinary(t)

	ref := storetest.FreshPostgres(t)
	if out, err := ingestRun(t, bin, ref, corpus, seed); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	wantStats, want := stateDigest(t, ref)
	items := wantStats.Articles + wantStats.Failures
	t.Logf("reference: %+v", wantStats)

	open := func(t *testing.T, u string) *sql.DB {
		db, err := sql.Open("pgx", u)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	enqueue := func(t *testing.T, u string) {
		out, err := exec.Command(bin, "--db", u, "--log-level", "warn", "ingest", "--enqueue-only", "--progress", "never", corpus, seed).CombinedOutput()
		if err != nil {
			t.Fatalf("enqueue: %v\n%s", err, out)
		}
	}
	// finish rebuilds the ledger after the workers (an ingest of the same
	// inputs skips every item) and compares the database with the reference.
	finish := func(t *testing.T, u string) {
		out, err := ingestRun(t, bin, u, corpus, seed)
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if m := summaryRe.FindStringSubmatch(out); m == nil || m[1] != "0" || m[2] != "0" || m[3] != "0" || m[5] != "0" {
			t.Errorf("after the workers an ingest still found work:\n%s", out)
		}
		gotStats, got := stateDigest(t, u)
		if got != want || gotStats != wantStats {
			t.Errorf("database differs from a single ingest:\n got %+v %s\nwant %+v %s", gotStats, got, wantStats, want)
		}
	}

	t.Run("two workers", func(t *testing.T) {
		u := storetest.FreshPostgres(t)
		enqueue(t, u)
		db := open(t, u)
		if q := readQueue(t, db); q.total < items {
			t.Fatalf("%d jobs enqueued for %d items", q.total, items)
		}
		w1 := startWorker(t, bin, u, "--no-ledger")
		w2 := startWorker(t, bin, u, "--no-ledger")
		q := waitQueue(t, db, 3*time.Minute)
		n1, n2 := w1.stop(t), w2.stop(t)
		t.Logf("queue %+v; worker 1 wrote %d items, worker 2 %d", q, n1, n2)
		if q.completed != q.total || q.discarded != 0 || q.maxAttempt != 1 {
			t.Errorf("jobs not each completed at the first attempt: %+v", q)
		}
		// Each job's item was analyzed and written by exactly one worker.
		if n1+n2 != q.total {
			t.Errorf("workers wrote %d+%d items for %d jobs", n1, n2, q.total)
		}
		if n1 == 0 || n2 == 0 {
			t.Logf("one worker got no job (%d, %d): the other was faster", n1, n2)
		}
		checkNoConflicts(t, w1.stderr.String(), w2.stderr.String())
		finish(t, u)
	})

	t.Run("two workers updating the ledger", func(t *testing.T) {
		// Both workers bring the ledger up to date as they store items,
		// at the same time: the ledger lock lets one update at a time, and
		// the ledger ends as a single ingest's without a final ingest.
		// The items come in two batches, the seed and then the corpus, so
		// that the ledger is updated at least twice however fast the
		// workers drain the queue: a fast machine drained one batch before
		// either worker went idle, and the second update never happened.
		u := storetest.FreshPostgres(t)
		db := open(t, u)
		st, err := postgres.Open(t.Context(), u)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		waitFresh := func() {
			t.Helper()
			waitQueue(t, db, 3*time.Minute)
			deadline := time.Now().Add(2 * time.Minute)
			for {
				stale, err := st.LedgerStale(t.Context())
				if err != nil {
					t.Fatal(err)
				}
				if !stale {
					return
				}
				if time.Now().After(deadline) {
					t.Fatal("the workers left the ledger stale")
				}
				time.Sleep(100 * time.Millisecond)
			}
		}
		enqueueOne := func(path string) {
			t.Helper()
			out, err := exec.Command(bin, "--db", u, "--log-level", "warn", "ingest", "--enqueue-only", "--progress", "never", path).CombinedOutput()
			if err != nil {
				t.Fatalf("enqueue %s: %v\n%s", path, err, out)
			}
		}
		enqueueOne(seed)
		w1 := startWorker(t, bin, u, "--idle-check", "150ms")
		w2 := startWorker(t, bin, u, "--idle-check", "150ms")
		waitFresh()
		enqueueOne(corpus)
		waitFresh()
		w1.stop(t)
		w2.stop(t)
		logs := []string{w1.stderr.String(), w2.stderr.String()}
		checkNoConflicts(t, logs...)
		updates := strings.Count(logs[0], "claim ledger updated") + strings.Count(logs[1], "claim ledger updated")
		t.Logf("ledger updates by the workers: %d", updates)
		if updates < 2 {
			t.Errorf("the workers updated the ledger %d times: the test proved nothing", updates)
		}
		gotStats, got := stateDigest(t, u)
		if got != want || gotStats != wantStats {
			t.Errorf("ledger of two updating workers differs from a single ingest:\n got %+v %s\nwant %+v %s", gotStats, got, wantStats, want)
		}
	})

	t.Run("worker killed", func(t *testing.T) {
		u := storetest.FreshPostgres(t)
		enqueue(t, u)
		db := open(t, u)
		total := readQueue(t, db).total
		// Short timeouts so that River gives the killed worker's jobs to
		// the survivor within the test.
		args := []string{"--no-ledger", "--job-timeout", "2s", "--rescue-after", "3s"}
		victim := startWorker(t, bin, u, args...)
		deadline := time.Now().Add(time.Minute)
		for readQueue(t, db).completed < total/4 {
			if time.Now().After(deadline) {
				t.Fatalf("the first worker completed nothing:\n%s", victim.stderr.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
		survivor := startWorker(t, bin, u, args...)
		time.Sleep(300 * time.Millisecond)
		_ = victim.cmd.Process.Signal(syscall.SIGKILL)
		_ = victim.cmd.Wait()
		before := readQueue(t, db)
		t.Logf("killed the first worker with the queue at %+v", before)
		if before.open == 0 {
			t.Errorf("the kill came after the queue drained: the test proved nothing")
		}
		q := waitQueue(t, db, 3*time.Minute)
		n := survivor.stop(t)
		t.Logf("queue %+v; the survivor wrote %d items", q, n)
		if q.completed != q.total || q.discarded != 0 {
			t.Errorf("jobs lost after the kill: %+v", q)
		}
		checkNoConflicts(t, survivor.stderr.String())
		finish(t, u)
	})

	for _, mode := range []string{"queue", "local"} {
		t.Run("two ingests "+mode, func(t *testing.T) {
			u := storetest.FreshPostgres(t)
			var wg sync.WaitGroup
			outs := make([]string, 2)
			errs := make([]error, 2)
			for i := range 2 {
				wg.Go(func() {
					var stderr bytes.Buffer
					args := []string{"--db", u, "--log-level", "warn", "ingest", "--progress", "never", corpus, seed}
					if mode == "local" {
						// Both analyze everything and write the same articles
						// and ledgers at once: advisory locks and the ledger
						// generation keep them apart.
						args = append(args, "--local")
					}
					cmd := exec.Command(bin, args...)
					cmd.Stderr = &stderr
					out, err := cmd.Output()
					outs[i], errs[i] = string(out)+stderr.String(), err
				})
			}
			wg.Wait()
			for i := range 2 {
				if errs[i] != nil {
					t.Errorf("ingest %d: %v\n%s", i, errs[i], outs[i])
				}
			}
			checkNoConflicts(t, outs...)
			gotStats, got := stateDigest(t, u)
			if got != want || gotStats != wantStats {
				t.Errorf("two concurrent ingests differ from one:\n got %+v %s\nwant %+v %s\n%s\n%s", gotStats, got, wantStats, want, outs[0], outs[1])
			}
		})
	}
}

// TestIngestLedgerLimit: over --ledger-max-articles a full rebuild is
// refused with a clear line, the articles are stored and the command
// succeeds; the incremental update has no such limit.
func TestIngestLedgerLimit(t *testing.T) {
	dir := t.TempDir()
	for i, text := range []string{
		"The governor said on Monday that the bridge near the river had been repaired.",
		"A spokesman for the ministry said the talks would resume in Geneva next week.",
	} {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "limit.db")
	code, out, errs := runCLI(t, "--db", db, "ingest", "--ledger-max-articles", "1", dir)
	if code != exitOK || !strings.Contains(out, "(ledger updated in") {
		t.Fatalf("incremental update under a rebuild limit: exit %d:\n%s%s", code, out, errs)
	}
	code, out, errs = runCLI(t, "--db", db, "ingest", "--rebuild", "--ledger-max-articles", "1", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "claims: not rebuilt: too many articles for a full ledger rebuild: 2 stored, the limit is 1 (--ledger-max-articles); the previous ledger is kept") {
		t.Errorf("no clear refusal:\n%s", out)
	}
	if !strings.Contains(out, "database: 2 articles") {
		t.Errorf("articles not stored:\n%s", out)
	}
}

// TestConcurrentIngestSQLite runs two ingest processes at once on one
// SQLite file, each with half of the corpus (and the seed in both), and
// compares the result with one ingest of everything: same articles, same
// ledger, marked current.
func TestConcurrentIngestSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests a corpus three times")
	}
	corpus := corpora.For(t, "corpora", "ukraine-war", "articles")
	seed := corpora.For(t, "fixtures", "seed", "article.txt")
	bin := buildBinary(t)
	files, err := filepath.Glob(filepath.Join(corpus, "*"))
	if err != nil || len(files) < 10 {
		t.Fatalf("corpus files: %d, %v", len(files), err)
	}
	dir := t.TempDir()
	ref := filepath.Join(dir, "ref.db")
	if out, err := ingestRun(t, bin, ref, append(files, seed)...); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	wantStats, want := stateDigest(t, ref)
	for round := range 2 {
		db := filepath.Join(dir, fmt.Sprintf("both-%d.db", round))
		halves := [][]string{append(files[:len(files)/2:len(files)/2], seed), append(files[len(files)/2:], seed)}
		var wg sync.WaitGroup
		outs := make([]string, 2)
		errs := make([]error, 2)
		for i := range 2 {
			wg.Go(func() { outs[i], errs[i] = ingestRun(t, bin, db, halves[i]...) })
		}
		wg.Wait()
		for i := range 2 {
			if errs[i] != nil {
				t.Fatalf("ingest %d: %v\n%s", i, errs[i], outs[i])
			}
		}
		gotStats, got := stateDigest(t, db)
		if got != want || gotStats != wantStats {
			t.Errorf("round %d: two concurrent ingests differ from one:\n got %+v %s\nwant %+v %s\n%s\n%s", round, gotStats, got, wantStats, want, outs[0], outs[1])
		}
	}
}

// TestIngestSIGTERMDuringRebuild stops `crosscheck ingest --rebuild` with
// SIGTERM while it rebuilds the ledger: it exits within a second and the
// ledger is the one it had.
func TestIngestSIGTERMDuringRebuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests a corpus")
	}
	// The war corpus has no failing item (a failure would make ingest
	// exit 10) and its rebuild takes about a second.
	corpus := corpora.For(t, "corpora", "ukraine-war", "articles")
	seed := corpora.For(t, "fixtures", "seed", "article.txt")
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "term.db")
	if out, err := ingestRun(t, bin, db, corpus, seed); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	_, want := stateDigest(t, db)
	for attempt := range 3 {
		cmd := exec.Command(bin, "--db", db, "--log-level", "info", "ingest", "--rebuild", "--progress", "never", corpus, seed)
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait for the rebuild to start, then signal.
		sc := bufio.NewScanner(stderr)
		started := false
		for sc.Scan() {
			if strings.Contains(sc.Text(), "rebuilding the claim ledger") {
				started = true
				break
			}
		}
		go func() { _, _ = io.Copy(io.Discard, stderr) }()
		if !started {
			_ = cmd.Wait()
			t.Fatal("no rebuild start in the log")
		}
		time.Sleep(50 * time.Millisecond)
		t0 := time.Now()
		_ = cmd.Process.Signal(syscall.SIGTERM)
		werr := cmd.Wait()
		took := time.Since(t0)
		if werr == nil {
			t.Logf("attempt %d: the rebuild finished before SIGTERM landed", attempt)
			continue
		}
		if took > time.Second {
			t.Errorf("ingest took %s to stop after SIGTERM", took)
		}
		if _, got := stateDigest(t, db); got != want {
			t.Errorf("SIGTERM during the rebuild changed the database")
		}
		t.Logf("stopped %s after SIGTERM: %v", took.Round(time.Millisecond), werr)
		return
	}
	t.Errorf("the rebuild never outlasted 50 ms: the test proved nothing")
}
