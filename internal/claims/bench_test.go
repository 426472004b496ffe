package claims

import (
	"testing"
)

// BenchmarkSign signs every article of the ukraine-war corpus (raw text).
func BenchmarkSign(b *testing.B) {
	docs := ukraineDocs(b)
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = string(d.Body)
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, t := range texts {
			_ = Sign(t)
		}
		n += len(texts)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkBuild builds the claims of the ukraine-war corpus (439 articles,
// analyzed by the real analyzer before the timer starts).
func BenchmarkBuild(b *testing.B) {
	arts := analyzeCorpus(b)
	b.ReportAllocs()
	n := 0
	var res Result
	for b.Loop() {
		res = Build(arts, Options{})
		n += len(arts)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(len(res.Claims)), "claims")
}
