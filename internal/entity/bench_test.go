package entity

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/corpora"
	"github.com/crosscheck/crosscheck/internal/cputime"
	"github.com/crosscheck/crosscheck/internal/segment"
)

// BenchmarkFind runs Find over the PolNeAR dev texts (read at run time,
// never copied), with sentences split beforehand as the pipeline does.
func BenchmarkFind(b *testing.B) {
	lx := testLexicon(b)
	dir := corpora.For(b, "corpora", "polnear", "dev", "text")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no texts in %s: %v", dir, err)
	}
	type doc struct {
		text  string
		sents []crosscheck.Sentence
	}
	docs := make([]doc, 0, len(files))
	bytes := 0
	for _, fn := range files {
		t, err := os.ReadFile(fn)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc{string(t), segment.Sentences(string(t))})
		bytes += len(t)
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	n := 0
	cpu0 := cputime.Process()
	for b.Loop() {
		for _, d := range docs {
			Find(d.text, d.sents, lx)
		}
		n++
	}
	b.ReportMetric(float64(n*len(docs))/b.Elapsed().Seconds(), "articles/s")
	// On a machine shared with other jobs the wall clock mostly measures
	// waiting; process CPU time (GC included) measures the work.
	if cpu := cputime.Process() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n*len(docs))/cpu.Seconds(), "articles/cpu-s")
	}
}

// BenchmarkFindLarge runs Find on one article of about 1 MB (the seed
// article repeated), to show there is no quadratic behaviour.
func BenchmarkFindLarge(b *testing.B) {
	lx := testLexicon(b)
	seed, err := os.ReadFile(filepath.Join("testdata", "seed", "article.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat(string(seed)+"\n\n", 1<<20/len(seed))
	sents := segment.Sentences(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Find(text, sents, lx)
	}
}
