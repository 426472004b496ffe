package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/crosscheck/crosscheck/internal/api"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/web"
)

// BenchmarkReadPaths serves the board, /api/claims, search and a claim
// page of an existing database (CROSSCHECK_BENCH_DB, e.g. a bench/scale.sh
// file; skipped without it) in process, with and without the read cache:
// the CPU of one request, for profiles (-cpuprofile) without the noise of
// a load run.
//
//	CROSSCHECK_BENCH_DB=/tmp/crosscheck-scale/scale_50000.db go test ./internal/web -run '^$' -bench ReadPaths
func BenchmarkReadPaths(b *testing.B) {
	path := os.Getenv("CROSSCHECK_BENCH_DB")
	if path == "" {
		b.Skip("CROSSCHECK_BENCH_DB not set")
	}
	st, err := sqlite.Open(b.Context(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	ids, _, err := st.ClaimBriefs(b.Context(), store.ClaimFilter{Status: "disputed", Limit: 1})
	if err != nil || len(ids) == 0 {
		b.Fatalf("no disputed claim: %v", err)
	}
	claim := ids[0].Claim.ID
	for _, cached := range []bool{false, true} {
		var reads store.Store = st
		name := "uncached"
		if cached {
			name = "cached"
			if reads, err = store.WithReadCache(st, st, store.DefaultReadCacheWeight); err != nil {
				b.Fatal(err)
			}
		}
		log := slog.New(slog.DiscardHandler)
		ui, err := web.New(web.Web{Store: reads, Reviews: st, Log: log})
		if err != nil {
			b.Fatal(err)
		}
		mux := http.NewServeMux()
		ui.Mount(mux)
		(&api.API{Store: reads, Reviews: st, Log: log}).Mount(mux)
		for _, p := range []string{"/", "/api/claims", "/api/claims?status=disputed", "/api/claims?party=UA&sort=latest",
			"/api/claims?since=2024-01-01&until=2024-03-31&sort=latest", "/api/claims?q=ukraine",
			"/api/claims?q=ukraine&status=disputed&party=RU", "/api/claims?q=ukraine&since=2024-01-01&until=2024-03-31",
			"/api/search?q=missile", "/api/search?q=ukraine", "/claims/" + claim} {
			b.Run(name+" "+p, func(b *testing.B) {
				for b.Loop() {
					rec := httptest.NewRecorder()
					mux.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
					if rec.Code != http.StatusOK {
						b.Fatalf("%s: %d %s", p, rec.Code, rec.Body.String())
					}
					io.Discard.Write(rec.Body.Bytes())
				}
			})
		}
	}
}
