package sqlite_test

import (
	"os"
	"testing"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
)

// BenchmarkClaimsQuery times `claims --q kursk` in-process on an ingested
// database given by CROSSCHECK_BENCH_DB (bench/ingest.sh sets it); without
// it the benchmark is skipped.
func BenchmarkClaimsQuery(b *testing.B) {
	path := os.Getenv("CROSSCHECK_BENCH_DB")
	if path == "" {
		b.Skip("CROSSCHECK_BENCH_DB not set (bench/ingest.sh sets it)")
	}
	s, err := sqlite.Open(b.Context(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, tc := range []struct {
		name string
		f    store.ClaimFilter
	}{
		{"q=kursk", store.ClaimFilter{Q: "kursk", Limit: 50}},
		{"status=disputed", store.ClaimFilter{Status: "disputed", Limit: 50}},
		{"party=RU,q=kursk", store.ClaimFilter{Party: "RU", Q: "kursk", Limit: 50}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				cs, total, err := s.Claims(b.Context(), tc.f)
				if err != nil {
					b.Fatal(err)
				}
				n = total
				_ = cs
			}
			b.ReportMetric(float64(n), "matches")
		})
	}
}
