package ledger_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/crosscheck/crosscheck/internal/cputime"
	"github.com/crosscheck/crosscheck/internal/ledger"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
)

// BenchmarkUpdateStored measures one incremental ledger update of the SQLite
// database CROSSCHECK_BENCH_LEDGER_DB: articles stored without a ledger
// update (ingest --no-claims) into a database whose ledger is up to date.
// Each iteration updates a fresh copy, so the file itself is never written.
//
//	CROSSCHECK_BENCH_LEDGER_DB=/tmp/p50k.db go test ./internal/ledger -run '^$' -bench UpdateStored -benchtime 1x -cpuprofile cpu.prof
func BenchmarkUpdateStored(b *testing.B) {
	src := os.Getenv("CROSSCHECK_BENCH_LEDGER_DB")
	if src == "" {
		b.Skip("CROSSCHECK_BENCH_LEDGER_DB is not set")
	}
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "l.db")
		copyFile(b, src, path)
		st, err := sqlite.Open(b.Context(), path)
		if err != nil {
			b.Fatal(err)
		}
		l, err := ledger.New(st, ledger.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		cpu0 := cputime.Process()
		res, err := l.Update(b.Context())
		cpu := cputime.Process() - cpu0
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Articles), "articles")
		b.ReportMetric(float64(res.Written), "written")
		b.ReportMetric(cpu.Seconds(), "cpu-s")
		st.Close()
		b.StartTimer()
	}
}

func copyFile(b *testing.B, from, to string) {
	b.Helper()
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}
