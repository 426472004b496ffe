// Command writepath separates the two halves of ingest that the 1-vs-2
// workers ratio depends on (issue 10): the CPU one article costs to
// analyze, and the CPU its write costs the store. It analyzes the first -n
// items of a corpus on one goroutine (recording CPU per article), then
// writes the results to a fresh database in batches, as the ingest writer
// does, recording wall and CPU time per article. A CPU profile of either
// phase can be written for `go tool pprof`.
//
// With a writer beside the analysis workers, 2 workers reach 1.6× one
// only when the write costs at most about a quarter of the analysis
// (rate1 ≈ 1/a, rate2 ≈ 2/(a+w) on 2 cores), which is what this measures.
//
//	go run ./bench/writepath -in /tmp/crosscheck-scale/synth-10000 -n 3000 -db /tmp/wp.db
//	go run ./bench/writepath -in ../shared/corpora/ukraine-war -n 500 -analyze-only
//
// -dbstat prints where the bytes of an SQLite database go instead: every
// table and index (FTS5 shadow tables too) with its pages, payload and
// bytes per article, from SQLite's dbstat table.
//
//	go run ./bench/writepath -dbstat /tmp/crosscheck-scale/scale_10000.db
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/cputime"
	"github.com/crosscheck/crosscheck/internal/source"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/postgres"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/worker"
)

func main() {
	in := flag.String("in", "", "corpus: a file or directory crosscheck ingest reads")
	n := flag.Int("n", 2000, "items to analyze and write")
	db := flag.String("db", "", "database: a SQLite path (recreated) or a postgres:// URL (its schema must be empty)")
	batch := flag.Int("batch", 256, "items per Put")
	analyzeOnly := flag.Bool("analyze-only", false, "only measure analysis")
	ingest := flag.Int("ingest", 0, "instead, run the ingest pipeline (worker.Ingest) with this many workers over the whole corpus into -db, reporting CPU per article")
	reps := flag.Int("reps", 1, "repeat the write phase on fresh databases, report the best")
	passes := flag.Int("passes", 1, "write the items this many times, under new ids each time (a larger database)")
	serverPID := flag.Int("server-pid", 0, "also count the CPU of this process and its children (the PostgreSQL postmaster: head -1 $PGDATA/postmaster.pid)")
	cpuWrite := flag.String("cpuprofile", "", "write a CPU profile of the write phase here")
	cpuAnalyze := flag.String("analyze-cpuprofile", "", "write a CPU profile of the analysis phase here")
	dbstat := flag.String("dbstat", "", "instead, print the bytes of every table and index of this SQLite database (dbstat), per article")
	flag.Parse()
	if *dbstat != "" {
		if err := printDBStat(context.Background(), *dbstat); err != nil {
			fmt.Fprintln(os.Stderr, "writepath:", err)
			os.Exit(1)
		}
		return
	}
	if *in == "" || (*db == "" && !*analyzeOnly) {
		fmt.Fprintln(os.Stderr, "writepath: -in and -db are required")
		os.Exit(2)
	}
	if *ingest > 0 {
		if err := runIngest(context.Background(), *in, *db, *ingest, *batch, *cpuWrite); err != nil {
			fmt.Fprintln(os.Stderr, "writepath:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(context.Background(), *in, *n, *db, *batch, *passes, *reps, *serverPID, *analyzeOnly, *cpuAnalyze, *cpuWrite); err != nil {
		fmt.Fprintln(os.Stderr, "writepath:", err)
		os.Exit(1)
	}
}

// openFresh opens db for a measurement: a PostgreSQL URL as it is (give
// it a fresh schema in search_path), an SQLite file after removing what an
// earlier run left there.
func openFresh(ctx context.Context, db string) (store.Store, error) {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return postgres.Open(ctx, db)
	}
	for _, suf := range []string{"", "-wal", "-shm"} {
		os.Remove(db + suf)
	}
	return sqlite.Open(ctx, db)
}

func profile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "writepath:", err)
		os.Exit(1)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "writepath:", err)
		os.Exit(1)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}

func run(ctx context.Context, in string, n int, db string, batchSize, passes, reps, serverPID int, analyzeOnly bool, cpuAnalyze, cpuWrite string) error {
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(in)
	if err != nil {
		return err
	}
	var puts []store.Put
	stop := profile(cpuAnalyze)
	runtime.GC()
	c0, t0 := cputime.Process(), time.Now()
	for it, err := range source.Walk(ctx, []string{abs}, source.Options{}) {
		if len(puts) == n {
			break
		}
		if err != nil {
			continue
		}
		p := worker.Prepare(ctx, z, it.Key, it.Doc)
		if p.Failure == "" {
			puts = append(puts, p)
		}
	}
	ac, at := cputime.Process()-c0, time.Since(t0)
	stop()
	if len(puts) == 0 {
		return fmt.Errorf("no article analyzed in %s", in)
	}
	stmts := 0
	for _, p := range puts {
		stmts += len(p.Analysis.Statements)
	}
	per := func(d time.Duration, k int) string {
		return fmt.Sprintf("%.3f ms", float64(d.Microseconds())/1000/float64(k))
	}
	fmt.Printf("analysis: %d articles (%.1f statements each), CPU %s/article, wall %s/article (one goroutine; includes GC)\n",
		len(puts), float64(stmts)/float64(len(puts)), per(ac, len(puts)), per(at, len(puts)))
	if analyzeOnly {
		return nil
	}

	best := map[string]float64{}
	for rep := range reps {
		if err := writePhase(ctx, puts, db, batchSize, passes, serverPID, rep == 0 && cpuWrite != "", cpuWrite, best); err != nil {
			return err
		}
	}
	a := float64(ac.Microseconds()) / 1000 / float64(len(puts))
	fmt.Printf("best of %d: write CPU %.3f ms/article (writer thread %.3f), wall %.3f ms/article; write/analysis CPU %.2f\n",
		reps, best["cpu"], best["thread"], best["wall"], best["cpu"]/a)
	if best["server"] > 0 {
		fmt.Printf("  database server CPU %.3f ms/article; client + server %.3f ms/article, write/analysis CPU %.2f\n",
			best["server"], best["server"]+best["cpu"], (best["server"]+best["cpu"])/a)
	}
	var parts []string
	for k, v := range best {
		if strings.HasPrefix(k, "part:") {
			parts = append(parts, fmt.Sprintf("%s %.3f", strings.TrimPrefix(k, "part:"), v))
		}
	}
	sort.Strings(parts)
	if len(parts) > 0 {
		fmt.Printf("  writer thread CPU by part, ms/article: %s\n", strings.Join(parts, ", "))
	}
	if best["bytes"] > 0 {
		fmt.Printf("database: %.1f KB/article (no claims)\n", best["bytes"]/1e3)
	}
	return nil
}

func writePhase(ctx context.Context, puts []store.Put, db string, batchSize, passes, serverPID int, prof bool, cpuWrite string, best map[string]float64) error {
	var err error
	per := func(d time.Duration, k int) string {
		return fmt.Sprintf("%.3f ms", float64(d.Microseconds())/1000/float64(k))
	}
	st, err := openFresh(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	runtime.LockOSThread()
	stop := func() {}
	if prof {
		stop = profile(cpuWrite)
	}
	runtime.GC()
	c0, t0, th0, s0 := cputime.Process(), time.Now(), threadTime(), treeTime(serverPID)
	parts := map[string]time.Duration{}
	trace := func(phase string) func() {
		t := threadTime()
		return func() { parts[phase] += threadTime() - t }
	}
	switch s := st.(type) {
	case *sqlite.Store:
		s.Trace = trace
	case *postgres.Store:
		s.Trace = trace
	}
	written := 0
	for pass := range passes {
		for i := 0; i < len(puts); i += batchSize {
			b := make([]store.Put, min(batchSize, len(puts)-i))
			copy(b, puts[i:])
			if pass > 0 {
				for j := range b {
					b[j].Analysis.Article.ID = fmt.Sprintf("%s-%d", b[j].Analysis.Article.ID, pass)
					b[j].SourceKey = fmt.Sprintf("%s#%d", b[j].SourceKey, pass)
				}
			}
			if _, err := st.Put(ctx, b); err != nil {
				return err
			}
			written += len(b)
		}
	}
	wc, wt, wth, ws := cputime.Process()-c0, time.Since(t0), threadTime()-th0, treeTime(serverPID)-s0
	stop()
	fmt.Printf("write: %d articles in batches of %d, CPU %s/article, wall %s/article (%.0f articles/s)\n",
		written, batchSize, per(wc, written), per(wt, written), float64(written)/wt.Seconds())
	keep := func(k string, v float64) {
		if old, ok := best[k]; !ok || v < old {
			best[k] = v
		}
	}
	keep("cpu", float64(wc.Microseconds())/1000/float64(written))
	keep("thread", float64(wth.Microseconds())/1000/float64(written))
	keep("wall", float64(wt.Microseconds())/1000/float64(written))
	if serverPID > 0 {
		keep("server", float64(ws.Microseconds())/1000/float64(written))
	}
	for k, v := range parts {
		keep("part:"+k, float64(v.Microseconds())/1000/float64(written))
	}
	if s, ok := st.(*sqlite.Store); ok {
		// The WAL holds at most the pages of a checkpoint interval:
		// measure the database without it.
		if _, err := s.SQL().ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			return err
		}
		var size int64
		for _, suf := range []string{"", "-wal"} {
			if fi, err := os.Stat(db + suf); err == nil {
				size += fi.Size()
			}
		}
		keep("bytes", float64(size)/float64(written))
	}
	return nil
}

// threadTime is the CPU time of the calling OS thread (the writer's,
// locked to it): the store's work without the garbage collector's.
func threadTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(1, &ru) // RUSAGE_THREAD
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// treeTime is the CPU time used so far by process pid and its children
// (0 when pid is 0), from /proc.
func treeTime(pid int) time.Duration {
	if pid == 0 {
		return 0
	}
	ents, _ := os.ReadDir("/proc")
	var total time.Duration
	tick := time.Second / 100 // USER_HZ
	for _, e := range ents {
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// Fields after the command (which may hold spaces) in parentheses.
		rest := string(b[strings.LastIndexByte(string(b), ')')+2:])
		f := strings.Fields(rest)
		if len(f) < 13 {
			continue
		}
		var self, ppid, ut, st int
		fmt.Sscan(e.Name(), &self)
		fmt.Sscan(f[1], &ppid)
		if self != pid && ppid != pid {
			continue
		}
		fmt.Sscan(f[11], &ut)
		fmt.Sscan(f[12], &st)
		total += time.Duration(ut+st) * tick
	}
	return total
}

// runIngest runs the whole ingest pipeline (reading, skipping, analysis on
// workers, the batching writer) as `crosscheck ingest --no-claims` does.
func runIngest(ctx context.Context, in, db string, workers, batch int, cpuProfile string) error {
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(in)
	if err != nil {
		return err
	}
	st, err := openFresh(ctx, db)
	if err != nil {
		return err
	}
	defer st.Close()
	stop := profile(cpuProfile)
	runtime.GC()
	ts := &timedStore{Store: st}
	c0, t0 := cputime.Process(), time.Now()
	res, err := worker.Ingest(ctx, ts, z, source.Walk(ctx, []string{abs}, source.Options{}), worker.Options{Workers: workers, BatchSize: batch})
	c, t := cputime.Process()-c0, time.Since(t0)
	stop()
	if err != nil {
		return err
	}
	n := res.Written()
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(n) }
	fmt.Printf("ingest, %d workers: %d articles in %.1f s (%.0f articles/s), CPU %.3f ms/article (%.2f cores busy)\n",
		workers, n, t.Seconds(), float64(n)/t.Seconds(), ms(c), c.Seconds()/t.Seconds())
	// The writer's Put is the part that does not run in parallel: its
	// share s of the CPU bounds the speed-up on k cores to
	// 1/(s + (1-s)/k) (Amdahl), and the rate to 1/(its CPU per article).
	sf := ts.put.Seconds() / c.Seconds()
	fmt.Printf("  writer (Put, its thread) CPU %.3f ms/article = %.0f %% of the process's CPU: on 2 cores at most %.2f× one core, writer alone at most %.0f articles/s\n",
		ms(ts.put), 100*sf, 1/(sf+(1-sf)/2), 1/(ms(ts.put)/1000))
	return nil
}

// timedStore measures the CPU of the writer's Puts: the calling
// goroutine is locked to its thread for each Put, whose thread CPU time is
// then the write's own.
type timedStore struct {
	store.Store
	put time.Duration // one writer: no lock needed
}

func (t *timedStore) Put(ctx context.Context, batch []store.Put) ([]store.Outcome, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	t0 := threadTime()
	out, err := t.Store.Put(ctx, batch)
	t.put += threadTime() - t0
	return out, err
}

// EncodePut keeps the store's encoding on the analysis goroutines.
func (t *timedStore) EncodePut(p *store.Put) error {
	if enc, ok := t.Store.(store.PutEncoder); ok {
		return enc.EncodePut(p)
	}
	return nil
}

// printDBStat prints where the bytes of an SQLite database go: the pages
// of every table and index (FTS5 shadow tables included) from the dbstat
// virtual table, largest first, with their bytes per stored article.
func printDBStat(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var articles int64
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM articles").Scan(&articles); err != nil {
		return fmt.Errorf("count articles: %w", err)
	}
	rows, err := db.QueryContext(ctx, `SELECT name, COUNT(*), SUM(pgsize), SUM(payload), SUM(ncell)
		FROM dbstat GROUP BY name ORDER BY SUM(pgsize) DESC`)
	if err != nil {
		return fmt.Errorf("dbstat: %w", err)
	}
	defer rows.Close()
	var total int64
	fmt.Printf("%-36s %8s %12s %12s %10s %9s\n", "table or index", "pages", "bytes", "payload", "cells", "B/article")
	for rows.Next() {
		var name string
		var pages, size, payload, cells int64
		if err := rows.Scan(&name, &pages, &size, &payload, &cells); err != nil {
			return err
		}
		total += size
		fmt.Printf("%-36s %8d %12d %12d %10d %9.0f\n", name, pages, size, payload, cells, float64(size)/float64(max(articles, 1)))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	fmt.Printf("total %d bytes, %d articles: %.2f KB/article\n", total, articles, float64(total)/1e3/float64(max(articles, 1)))
	return nil
}
