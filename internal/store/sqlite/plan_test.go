package sqlite_test

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

// TestQueryPlans checks that the board's and /api/claims' queries are
// answered from indexes and the precomputed counts, not by scanning and
// sorting the claims: the plans SQLite chooses, with no statistics yet
// (it then assumes large tables).
func TestQueryPlans(t *testing.T) {
	ctx := t.Context()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.Fill(t, s)
	// Unfiltered or filtered by status, party and dates: counts from
	// claim_counts, the page by walking a claims index in the requested
	// order (no sort). Filtered by speaker, place, article or text: driven
	// from that filter's index, claims looked up by key, never scanned.
	ordered := []string{"USE TEMP B-TREE FOR ORDER BY", "SCAN claim_counts"}
	textPlans := map[string][]string{"count": {"SCAN claims_fts VIRTUAL TABLE"}, "list": {"SCAN claims_fts VIRTUAL TABLE INDEX 192:"},
		"status counts": {"SCAN claims_fts VIRTUAL TABLE"}}
	driven := []string{"SCAN c\n", "SCAN c USING", "SCAN claim_speaker", "SCAN sp", "SCAN ca"}
	cases := []struct {
		name   string
		f      store.ClaimFilter
		want   map[string][]string // plan name → substrings that must appear
		forbid []string            // in every plan
	}{
		{"board", store.ClaimFilter{}, map[string][]string{
			"count": {"claim_counts"}, "list": {"claims_day"}, "status counts": {"claim_counts"}}, ordered},
		{"rare status and party", store.ClaimFilter{Status: "disputed", Party: "RU"}, map[string][]string{
			"count": {"claim_counts"}, "list": {"claims_disputed", "SEARCH cp USING PRIMARY KEY (party=? AND first_day=?"}, "status counts": {"claim_counts"}}, ordered},
		{"party", store.ClaimFilter{Party: "RU"}, map[string][]string{
			"count": {"claim_counts"}, "list": {"SEARCH cp USING PRIMARY KEY (party=?)"}, "status counts": {"claim_counts"}}, ordered},
		{"unconfirmed and party", store.ClaimFilter{Status: "unconfirmed", Party: "UA"}, map[string][]string{
			"list": {"SEARCH cp USING PRIMARY KEY (party=?)"}}, ordered},
		{"rare status, latest", store.ClaimFilter{Status: "corroborated", Sort: store.SortLatest}, map[string][]string{
			"list": {"claims_corroborated_last"}}, ordered},
		// A date range by latest activity: each month (claims_month_last)
		// and each day of its ragged ends (claims_day_last) walked in
		// latest-activity order up to the page, only their union sorted.
		{"dates, latest", store.ClaimFilter{Since: "2024-01-01", Until: "2024-06-30", Sort: store.SortLatest}, map[string][]string{
			"count": {"claim_counts"}, "list": {"SEARCH claims USING COVERING INDEX claims_month_last (<expr>=?)"},
			"status counts": {"claim_counts"}}, []string{"SCAN c", "SCAN claim_counts", "SCAN claims", "claims_day (", "claims_last"}},
		{"ragged dates, latest", store.ClaimFilter{Since: "2024-01-20", Until: "2024-03-03", Sort: store.SortLatest}, map[string][]string{
			"list": {"SEARCH claims USING COVERING INDEX claims_month_last (<expr>=?)", "SEARCH claims USING COVERING INDEX claims_day_last (first_day=?)"}},
			[]string{"SCAN c", "SCAN claims", "claims_day (", "claims_last"}},
		{"open dates, latest", store.ClaimFilter{Since: "2024-08-09", Sort: store.SortLatest}, map[string][]string{
			"list": {"SEARCH claims USING COVERING INDEX claims_day_last (first_day=?)"}},
			[]string{"SCAN c", "SCAN claims", "claims_day (", "claims_last"}},
		{"party, latest", store.ClaimFilter{Party: "UA", Sort: store.SortLatest}, map[string][]string{
			"list": {"SEARCH cp USING INDEX claim_party_last (party=?)"}}, ordered},
		{"speaker", store.ClaimFilter{Speaker: "igor konashenkov"}, map[string][]string{
			"count": {"SEARCH claim_speaker"}, "list": {"SEARCH claim_speaker", "SEARCH c USING INTEGER PRIMARY KEY"},
			"status counts": {"SEARCH claim_speaker"}}, driven},
		{"place", store.ClaimFilter{Place: "kursk"}, map[string][]string{
			"count": {"SEARCH sp USING PRIMARY KEY (place_lc=?)"}, "list": {"SEARCH sp USING PRIMARY KEY (place_lc=?)"}}, driven},
		{"article", store.ClaimFilter{Article: "art-a"}, map[string][]string{
			"count": {"SEARCH ca USING PRIMARY KEY (article_k=?)"}, "list": {"SEARCH ca USING PRIMARY KEY (article_k=?)"}}, driven},
		// A text query, alone or with status, party and dates: the total
		// and the counts are counts of the index (its plans read no claim,
		// see below), the list walks the index newest first (idxNum 192:
		// rowid order, descending) and stops at store.TextWindow.
		{"text", store.ClaimFilter{Q: "kursk"}, textPlans, driven},
		{"text and status", store.ClaimFilter{Q: "kursk", Status: "disputed", Party: "UA"}, textPlans, driven},
		{"text and dates", store.ClaimFilter{Q: "kursk", Since: "2024-08-02", Until: "2024-10-31"}, textPlans, driven},
		{"text and open dates", store.ClaimFilter{Q: "kursk", Since: "2024-08-11", Party: "RU", Sort: store.SortLatest}, textPlans, driven},
		{"text and speaker", store.ClaimFilter{Q: "kursk", Speaker: "igor konashenkov"}, map[string][]string{
			"count": {"SEARCH claim_speaker"}, "list": {"SEARCH claim_speaker", "claims_fts VIRTUAL TABLE"}}, driven},
		// A place's claims, possibly thousands, are checked against the
		// set of matches built once (LIST SUBQUERY), not by a MATCH per
		// claim (idxNum with "=": rowid equality).
		{"text and place", store.ClaimFilter{Q: "kursk", Place: "kursk"}, map[string][]string{
			"count": {"SEARCH sp USING PRIMARY KEY (place_lc=?)", "LIST SUBQUERY"}, "list": {"LIST SUBQUERY", "SCAN claims_fts VIRTUAL TABLE INDEX 192:"}},
			append([]string{"VIRTUAL TABLE INDEX 0:=M"}, driven...)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			plans, err := s.ExplainClaims(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range plans {
				t.Logf("%s:\n%s\n%s", p.Name, p.Query, p.Plan)
				for _, w := range tc.want[p.Name] {
					if !strings.Contains(p.Plan, w) {
						t.Errorf("%s plan does not use %s:\n%s", p.Name, w, p.Plan)
					}
				}
				for _, bad := range tc.forbid {
					if strings.Contains(p.Plan+"\n", bad) {
						t.Errorf("%s plan has %q:\n%s", p.Name, bad, p.Plan)
					}
				}
				if tc.f.Q != "" && tc.f.Speaker == "" && tc.f.Place == "" && p.Name != "list" && strings.Contains(p.Plan, " c USING") {
					t.Errorf("%s plan of a text query reads claims:\n%s", p.Name, p.Plan)
				}
			}
		})
	}
}

// TestSearchPlans: search ranks only the store.TextWindow newest matches:
// both queries walk their index in descending rowid order (idxNum 192)
// under a LIMIT, whatever the number of matches.
func TestSearchPlans(t *testing.T) {
	ctx := t.Context()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Put(ctx, storetest.Corpus(t)); err != nil {
		t.Fatal(err)
	}
	plans, err := s.ExplainSearch(ctx, "kursk", 20)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"articles": "SCAN articles_fts VIRTUAL TABLE INDEX 192:", "statements": "SCAN statements_fts VIRTUAL TABLE INDEX 192:"}
	for _, p := range plans {
		t.Logf("%s:\n%s\n%s", p.Name, p.Query, p.Plan)
		if !strings.Contains(p.Plan, want[p.Name]) {
			t.Errorf("%s plan does not walk the index newest first (%s):\n%s", p.Name, want[p.Name], p.Plan)
		}
		if !strings.Contains(p.Query, "LIMIT $3") {
			t.Errorf("%s query does not stop at the window:\n%s", p.Name, p.Query)
		}
		delete(want, p.Name)
	}
	if len(want) > 0 {
		t.Errorf("no plan for %v", want)
	}
}

// TestComponentWithinPlans: the ledger reads a component's statements in
// time order by walking the index on (comp, at), not by sorting them, data
// and all, in a temporary b-tree of SQLite's memory. Whatever the span: from
// before 1970 (the whole component), or a part of it.
func TestComponentWithinPlans(t *testing.T) {
	ctx := t.Context()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	spans := [][2]int64{{-86400, math.MaxInt64}, {1_700_000_000, 1_710_000_000}}
	for _, sp := range spans {
		plans, err := s.ExplainComponentWithin(ctx, 7, sp[0], sp[1])
		if err != nil {
			t.Fatal(err)
		}
		if len(plans) == 0 {
			t.Fatal("no plans")
		}
		for _, p := range plans {
			t.Logf("%s:\n%s\n%s", p.Name, p.Query, p.Plan)
			if !strings.Contains(p.Plan, "USING INDEX ledger_units_comp (comp=? AND at") {
				t.Errorf("%s plan does not walk ledger_units_comp:\n%s", p.Name, p.Plan)
			}
			if strings.Contains(p.Plan, "TEMP B-TREE") || strings.Contains(p.Plan, "MULTI-INDEX") {
				t.Errorf("%s plan sorts or merges what the index orders:\n%s", p.Name, p.Plan)
			}
		}
	}
}

// TestBenchPlans prints the plans of the board's and /api/claims' queries
// on a populated database given by CROSSCHECK_BENCH_DB (a bench/scale.sh
// file); skipped without it. Evidence at scale, not a check.
func TestBenchPlans(t *testing.T) {
	path := os.Getenv("CROSSCHECK_BENCH_DB")
	if path == "" {
		t.Skip("CROSSCHECK_BENCH_DB not set")
	}
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, f := range []store.ClaimFilter{
		{}, {Sort: store.SortLatest}, {Status: "disputed"}, {Status: "disputed", Party: "RU"}, {Party: "UA"},
		{Party: "UA", Sort: store.SortLatest}, {Since: "2024-01-01", Until: "2024-03-31", Sort: store.SortLatest},
		{Since: "2023-11-17", Until: "2024-10-09", Sort: store.SortLatest}, {Q: "ukraine", Status: "unconfirmed"},
		{Speaker: "vladimir putin"}, {Place: "kyiv"}, {Q: "ukraine"}, {Q: "ukraine", Status: "disputed", Party: "RU"},
		{Q: "ukraine", Since: "2024-01-01", Until: "2024-03-31"}, {Q: "ukraine", Place: "kyiv"},
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

// TestClaimTokensAfterRebuild: a ledger stored before the claims' index had
// filter tokens (meta claim_tokens 0) answers text queries by checking each
// match; once emptied, as a rebuild does, whatever path writes it, the
// ledger is marked as having the tokens again.
func TestClaimTokensAfterRebuild(t *testing.T) {
	ctx := t.Context()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "tokens.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
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
	if _, err := s.SQL().ExecContext(ctx, `UPDATE meta SET value = 0 WHERE key = 'claim_tokens'`); err != nil {
		t.Fatal(err)
	}
	plans, err := s.ExplainClaims(ctx, store.ClaimFilter{Q: "kursk", Status: "disputed"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plans[0].Plan, "SEARCH c USING INTEGER PRIMARY KEY") {
		t.Errorf("without tokens the count checks each match:\n%s", plans[0].Plan)
	}
	if _, err := s.SQL().ExecContext(ctx, `DELETE FROM claims WHERE id = $1`, claims[0].ID); err != nil {
		t.Fatal(err)
	}
	if v := tokens(); v != 0 {
		t.Errorf("claim_tokens %d with old claims left, want 0", v)
	}
	if _, err := s.SQL().ExecContext(ctx, `DELETE FROM claims`); err != nil {
		t.Fatal(err)
	}
	if v := tokens(); v != 2 {
		t.Errorf("claim_tokens %d after the ledger was emptied, want 2", v)
	}
}
