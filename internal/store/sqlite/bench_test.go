package sqlite_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
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

// BenchmarkBoard times what one board or /api/claims request asks the
// store (a page of claims and the counts per status) for the filters the
// load run uses, plus search and a claim page, on CROSSCHECK_BENCH_DB
// (bench/scale.sh databases); without it the benchmark is skipped. CPU
// time per request, free of the queueing a load run adds.
func BenchmarkBoard(b *testing.B) {
	path := os.Getenv("CROSSCHECK_BENCH_DB")
	if path == "" {
		b.Skip("CROSSCHECK_BENCH_DB not set")
	}
	s, err := sqlite.Open(b.Context(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	some, _, err := s.Claims(b.Context(), store.ClaimFilter{Limit: 1, Status: "disputed"})
	if err != nil || len(some) == 0 {
		b.Fatalf("no disputed claim in %s: %v", path, err)
	}
	speaker := some[0].Statements[0].Speaker
	for _, tc := range []struct {
		name string
		f    store.ClaimFilter
	}{
		{"board", store.ClaimFilter{Sort: store.SortLatest, Limit: 25}},
		{"api", store.ClaimFilter{}},
		{"status=disputed", store.ClaimFilter{Status: "disputed"}},
		{"status=corroborated", store.ClaimFilter{Status: "corroborated"}},
		{"status=disputed,party=RU", store.ClaimFilter{Status: "disputed", Party: "RU"}},
		{"party=UA,sort=latest", store.ClaimFilter{Party: "UA", Sort: store.SortLatest}},
		{"since,until,latest", store.ClaimFilter{Since: "2024-01-01", Until: "2024-03-31", Sort: store.SortLatest}},
		{"since,until(ragged),latest", store.ClaimFilter{Since: "2023-11-17", Until: "2024-10-09", Sort: store.SortLatest}},
		{"speaker", store.ClaimFilter{Speaker: speaker}},
		{"place=kyiv", store.ClaimFilter{Place: "kyiv"}},
		{"q=ukraine", store.ClaimFilter{Q: "ukraine"}},
		{"q=kursk,status=disputed", store.ClaimFilter{Q: "kursk", Status: "disputed"}},
		{"q=ukraine,status=disputed,party=RU", store.ClaimFilter{Q: "ukraine", Status: "disputed", Party: "RU"}},
		{"q=ukraine,status=unconfirmed", store.ClaimFilter{Q: "ukraine", Status: "unconfirmed"}},
		{"q=ukraine,since,until", store.ClaimFilter{Q: "ukraine", Since: "2024-01-01", Until: "2024-03-31"}},
		{"q=ukraine,place=kyiv", store.ClaimFilter{Q: "ukraine", Place: "kyiv"}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				// What the board and /api/claims read: briefs.
				_, total, err := s.ClaimBriefs(b.Context(), tc.f)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.StatusCounts(b.Context(), tc.f); err != nil {
					b.Fatal(err)
				}
				n = total
			}
			b.ReportMetric(float64(n), "matches")
		})
	}
	for _, q := range []string{"missile", "ukraine"} {
		b.Run("search="+q, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Search(b.Context(), q, 50); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("claim", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Claim(b.Context(), some[0].ID); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPut measures the writer's side of ingest: batches of 64 invented
// articles (two statements, a place and bands each) in one transaction.
func BenchmarkPut(b *testing.B) {
	s, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "put.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	base := storetest.Corpus(b)[0]
	const batchSize = 64
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		batch := make([]store.Put, batchSize)
		for i := range batch {
			p := base
			p.Analysis.Article.ID = fmt.Sprintf("bench-%d", n)
			p.SourceKey = p.Analysis.Article.ID
			p.Bands = []uint64{uint64(n), uint64(n) + 1<<40}
			batch[i] = p
			n++
		}
		if _, err := s.Put(b.Context(), batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkReplaceClaims measures a ledger swap of 4,500 claims (the
// ukraine-war corpus yields about 4,000).
func BenchmarkReplaceClaims(b *testing.B) {
	s, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "claims.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	base, echo := storetest.Ledger()
	var claims []crosscheck.Claim
	for i := range 1500 {
		for _, c := range base {
			c.ID = fmt.Sprintf("%s-%d", c.ID, i)
			claims = append(claims, c)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := s.ReplaceClaims(b.Context(), claims, echo); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(claims)), "claims")
}
