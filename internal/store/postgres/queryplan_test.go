package postgres_test

import (
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/postgres"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

// TestQueryPlans checks that text queries over the claims and search are
// answered from the GIN indexes: the counts use claims_tsv with every
// filter the tokens stand for, and no plan reads the claims table by a
// sequential scan. The
// test tables are tiny, where a sequential scan is cheapest: the
// connection disables it (enable_seqscan=off makes it a last resort), so
// a plan that still has one has no index to use.
func TestQueryPlans(t *testing.T) {
	ctx := t.Context()
	s, err := postgres.Open(ctx, storetest.FreshPostgres(t)+"&enable_seqscan=off")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.Fill(t, s)
	for _, f := range []store.ClaimFilter{
		{Q: "kursk"}, {Q: "kursk", Status: "disputed", Party: "UA"}, {Q: "kursk", Since: "2024-08-02", Until: "2024-10-31"},
		{Q: "kursk", Since: "2024-08-11", Party: "RU", Sort: store.SortLatest},
	} {
		plans, err := s.ExplainClaims(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range plans {
			t.Logf("%+v %s:\n%s\n%s", f, p.Name, p.Query, p.Plan)
			// The list may walk the claims newest first under its limit
			// (a common word) or use the index (a rare one): the
			// planner's choice.
			if p.Name != "list" && !strings.Contains(p.Plan, "claims_tsv") {
				t.Errorf("%+v %s plan does not use claims_tsv:\n%s", f, p.Name, p.Plan)
			}
			if strings.Contains(p.Plan, "Seq Scan on claims") {
				t.Errorf("%+v %s plan scans the claims:\n%s", f, p.Name, p.Plan)
			}
		}
	}
	// A date range by latest activity: each month and ragged-end day
	// walked in latest-activity order (claims_month_last,
	// claims_day_last), never every claim of the range sorted.
	for _, f := range []store.ClaimFilter{
		{Since: "2024-07-01", Until: "2024-09-30", Sort: store.SortLatest},
		{Since: "2024-07-20", Until: "2024-09-03", Sort: store.SortLatest},
	} {
		plans, err := s.ExplainClaims(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range plans {
			t.Logf("%+v %s:\n%s\n%s", f, p.Name, p.Query, p.Plan)
			if p.Name != "list" {
				continue
			}
			want := []string{"claims_month_last"}
			if f.Since[8:] != "01" {
				want = append(want, "claims_day_last")
			}
			for _, w := range want {
				if !strings.Contains(p.Plan, w) {
					t.Errorf("%+v list plan does not use %s:\n%s", f, w, p.Plan)
				}
			}
			for _, bad := range []string{"Seq Scan on claims", "claims_day ", "claims_last"} {
				if strings.Contains(p.Plan, bad) {
					t.Errorf("%+v list plan has %q:\n%s", f, bad, p.Plan)
				}
			}
		}
	}
	// A party by latest activity walks the party's rows of claim_party in
	// that order (claim_party_last): at 200,000 articles the planner
	// hash-joined every claim to the party's rows and sorted them.
	plans, err := s.ExplainClaims(ctx, store.ClaimFilter{Party: "UA", Sort: store.SortLatest})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plans {
		t.Logf("party, latest %s:\n%s\n%s", p.Name, p.Query, p.Plan)
		if p.Name != "list" {
			continue
		}
		if !strings.Contains(p.Plan, "claim_party_last") {
			t.Errorf("party, latest: list plan does not use claim_party_last:\n%s", p.Plan)
		}
		for _, bad := range []string{"Seq Scan on claims", "Hash", "Sort"} {
			if strings.Contains(p.Plan, bad) {
				t.Errorf("party, latest: list plan has %q:\n%s", bad, p.Plan)
			}
		}
	}
	plans, err = s.ExplainSearch(ctx, "kursk", 20)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plans {
		t.Logf("%s:\n%s\n%s", p.Name, p.Query, p.Plan)
		if strings.Contains(p.Plan, "Seq Scan") {
			t.Errorf("search %s plan scans a table:\n%s", p.Name, p.Plan)
		}
	}
}

// TestClaimTokensAfterRebuild: see the SQLite test of the same name.
func TestClaimTokensAfterRebuild(t *testing.T) {
	ctx := t.Context()
	s := openFresh(t)
	claims, echo := storetest.Ledger()
	if err := s.ReplaceClaims(ctx, claims, echo); err != nil {
		t.Fatal(err)
	}
	tokens := func() int64 {
		var v int64
		if err := s.SQL().QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'claim_tokens'`).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := tokens(); v != 2 {
		t.Fatalf("claim_tokens %d after a whole-ledger write, want 2", v)
	}
	for _, step := range []struct {
		q    string
		args []any
		want int64
	}{
		{`UPDATE meta SET value = 0 WHERE key = 'claim_tokens'`, nil, 0},
		{`DELETE FROM claims WHERE id = $1`, []any{claims[0].ID}, 0},
		{`DELETE FROM claims`, nil, 2},
	} {
		if _, err := s.SQL().ExecContext(ctx, step.q, step.args...); err != nil {
			t.Fatal(err)
		}
		if v := tokens(); v != step.want {
			t.Errorf("after %s: claim_tokens %d, want %d", step.q, v, step.want)
		}
	}
}
