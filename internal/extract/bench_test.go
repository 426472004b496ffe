package extract

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/corpora"
)

// aebPages reads every page of the article-extraction-benchmark corpus.
func aebPages(tb testing.TB) [][]byte {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(corpora.For(tb, "corpora", "aeb"), "html", "*.html.gz"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no AEB pages: %v", err)
	}
	pages := make([][]byte, 0, len(files))
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			tb.Fatal(err)
		}
		zr, err := gzip.NewReader(fh)
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		fh.Close()
		if err != nil {
			tb.Fatal(err)
		}
		pages = append(pages, b)
	}
	return pages
}

// BenchmarkArticleHTML extracts every AEB page once per iteration.
func BenchmarkArticleHTML(b *testing.B) {
	pages := aebPages(b)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, p := range pages {
			if _, err := Article(crosscheck.Document{Body: p}, Options{}); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkArticleText cleans the seed article (the text path).
func BenchmarkArticleText(b *testing.B) {
	doc := seedDoc(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(doc.Body)))
	n := 0
	for b.Loop() {
		if _, err := Article(doc, Options{}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkArticleTextPolNeAR cleans the 924 PolNeAR train+dev articles
// (read at run time, never copied into the repository) per iteration.
func BenchmarkArticleTextPolNeAR(b *testing.B) {
	root := corpora.For(b, "corpora", "polnear")
	var docs [][]byte
	for _, split := range []string{"train", "dev"} {
		files, err := filepath.Glob(filepath.Join(root, split, "text", "*.txt"))
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range files {
			body, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			docs = append(docs, body)
		}
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, d := range docs {
			if _, err := Article(crosscheck.Document{Body: d}, Options{}); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
