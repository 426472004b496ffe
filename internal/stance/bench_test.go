package stance

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/attribution"
	"github.com/crosscheck/crosscheck/internal/segment"
)

// BenchmarkClassify measures stance and relations alone over the PolNeAR
// dev texts (read from ../shared, never copied into the repository):
// sentences and statements are prepared before the clock starts.
func BenchmarkClassify(b *testing.B) {
	paths, _ := filepath.Glob("../../../shared/corpora/polnear/dev/text/*.txt")
	if len(paths) == 0 {
		b.Skip("PolNeAR dev texts not found in ../shared")
	}
	al, sl := setup(b)
	type doc struct {
		art   *crosscheck.Article
		sents []crosscheck.Sentence
		st    []crosscheck.Statement
	}
	var docs []doc
	size := 0
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		art := &crosscheck.Article{Text: string(text)}
		sents := segment.Sentences(art.Text)
		docs = append(docs, doc{art, sents, attribution.Extract(art, sents, nil, al, attribution.Options{})})
		size += len(text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			Classify(d.art, d.sents, d.st, sl, Options{Country: countries})
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "articles/s")
}
