package postgres_test

import (
	"os"
	"testing"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/postgres"
)

// TestBenchPlans prints the plans (EXPLAIN ANALYZE-free EXPLAIN) of the
// board's and /api/claims' queries on a populated database given by
// CROSSCHECK_BENCH_POSTGRES_URL (a bench/scale.sh schema); skipped without
// it. Evidence for what the planner does at scale, not a check.
func TestBenchPlans(t *testing.T) {
	u := os.Getenv("CROSSCHECK_BENCH_POSTGRES_URL")
	if u == "" {
		t.Skip("CROSSCHECK_BENCH_POSTGRES_URL not set")
	}
	s, err := postgres.Open(t.Context(), u)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, f := range []store.ClaimFilter{
		{}, {Status: "disputed"}, {Status: "disputed", Party: "RU"}, {Party: "UA"}, {Party: "UA", Sort: store.SortLatest},
		{Since: "2024-01-01", Until: "2024-03-31", Sort: store.SortLatest}, {Speaker: "vladimir putin"},
		{Place: "kyiv"}, {Q: "ukraine"}, {Q: "ukraine", Status: "disputed", Party: "RU"}, {Q: "ukraine", Since: "2024-01-01", Until: "2024-03-31"},
	} {
		plans, err := s.ExplainClaims(t.Context(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range plans {
			t.Logf("%+v %s:\n%s\n%s", f, p.Name, p.Query, p.Plan)
		}
	}
}
