package analyze

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/corpora"
)

// devTexts reads the PolNeAR dev article texts (read at run time, never
// copied into the repository).
func devTexts(tb testing.TB) [][]byte {
	tb.Helper()
	dir := corpora.For(tb, "corpora", "polnear", "dev", "text")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no dev texts in %s: %v", dir, err)
	}
	var out [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// BenchmarkAnalyzePolNeARDev analyzes the 84 PolNeAR dev articles with the
// whole analyzer (extract, segment, entity, attribution, stance, validate)
// on one goroutine and reports articles per second.
func BenchmarkAnalyzePolNeARDev(b *testing.B) {
	z := newAnalyzer(b)
	texts := devTexts(b)
	ctx := b.Context()
	b.ReportAllocs()
	n := 0
	start := time.Now()
	for b.Loop() {
		for _, t := range texts {
			if _, err := z.Analyze(ctx, crosscheck.Document{Body: t, ContentType: "text/plain", Published: "2016-01-01"}); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "articles/s")
}

// synthetic builds an article of about size bytes from attribution-heavy
// paragraphs, with a long unbroken quotation and a long sentence in it.
func synthetic(size int) string {
	paras := []string{
		"“Today, the last settlement in the region has been liberated,” General Valery Gerasimov stated, according to reports from AFP.",
		"However, Ukrainian officials have yet to confirm this claim. Ukraine’s General Staff asserted that its forces continue to hold back Russian troops, directly contradicting the Russian assertion.",
		"Russian Foreign Minister Sergey Lavrov echoed this sentiment in an interview, saying that the Kremlin is “ready to reach a deal,” although he noted that some details still needed to be “fine tuned.”",
		"According to Ukrinform, President Volodymyr Zelenskyy told Reuters on Friday that “real pressure on Russia” was needed.",
	}
	var sb strings.Builder
	for i := 0; sb.Len() < size; i++ {
		if i%50 == 49 {
			// A quotation that never closes and a sentence that never ends.
			sb.WriteString("“")
			for j := 0; j < 200; j++ {
				sb.WriteString("he said that they said, according to officials ")
			}
			sb.WriteString("\n\n")
			continue
		}
		sb.WriteString(paras[i%len(paras)])
		sb.WriteString("\n\n")
	}
	return sb.String()
}

// TestLargeArticle analyzes a synthetic 1 MB article and checks that the
// work grows linearly with its size (no quadratic blow-up). Work is counted
// as heap allocations, which, unlike wall time, do not depend on what else
// the machine runs: 1 MB (16× the text) may allocate at most 40 times what
// 64 KB does, where quadratic growth would give 256. Time is measured by
// BenchmarkAnalyzeSize.
func TestLargeArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("analyzes 1 MB")
	}
	z := newAnalyzer(t)
	run := func(size int) (mallocs, bytes uint64, a crosscheck.Analysis) {
		doc := crosscheck.Document{Body: []byte(synthetic(size)), ContentType: "text/plain", Published: "2025-04-26"}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		a, err := z.Analyze(t.Context(), doc)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatalf("%d bytes: %v", size, err)
		}
		return after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc, a
	}
	run(64 << 10) // warm up lazily built tables
	smallN, smallB, _ := run(64 << 10)
	largeN, largeB, a := run(1 << 20)
	t.Logf("64 KB: %d allocations, %d bytes; 1 MB: %d allocations, %d bytes (%d statements, %d relations)",
		smallN, smallB, largeN, largeB, len(a.Statements), len(a.Relations))
	if len(a.Statements) < 1000 {
		t.Errorf("1 MB article gave %d statements, want many", len(a.Statements))
	}
	if largeN > 40*smallN || largeB > 40*smallB {
		t.Errorf("1 MB allocated %d times / %d bytes, 64 KB %d / %d: worse than linear", largeN, largeB, smallN, smallB)
	}
}

// BenchmarkAnalyzeSize shows how analysis time grows with article size;
// ns/op divided by the size should stay flat.
func BenchmarkAnalyzeSize(b *testing.B) {
	z := newAnalyzer(b)
	for _, size := range []int{16 << 10, 128 << 10, 1 << 20} {
		doc := crosscheck.Document{Body: []byte(synthetic(size)), ContentType: "text/plain", Published: "2025-04-26"}
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(size))
			for b.Loop() {
				if _, err := z.Analyze(b.Context(), doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
