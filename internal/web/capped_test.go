package web_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/api"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/web"
)

// TestCappedTextCounts: a text query matching more claims than
// store.TextCountCap is told as "over 1000" on the board and as
// total_over and counts_over in /api/claims, never as an exact number; a
// query under the cap keeps its exact counts and no flag.
func TestCappedTextCounts(t *testing.T) {
	ctx := t.Context()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "capped.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	n := store.TextCountCap + 200
	var claims []crosscheck.Claim
	for i := range n {
		day := fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28)
		status := crosscheck.StatusUnconfirmed
		if i%10 == 0 {
			status = crosscheck.StatusDisputed
		}
		claims = append(claims, crosscheck.Claim{
			ID: fmt.Sprintf("c-%04d", i), Summary: fmt.Sprintf("a drone hit the grain terminal %d", i),
			Status: []string{status}, Parties: []string{"UA"}, FirstSeen: day,
			Statements: []crosscheck.ClaimStatement{{Article: "a1", Statement: "s1", Published: day,
				Speaker: "Oleh Kiper", Stance: "assert", Content: "a drone hit the grain terminal"}},
		})
	}
	if err := st.ReplaceClaims(ctx, claims, nil); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	ui, err := web.New(web.Web{Store: st, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	ui.Mount(mux)
	(&api.API{Store: st, Log: log}).Mount(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	get := func(path string) []byte {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, b)
		}
		return b
	}
	type list struct {
		Total      int            `json:"total"`
		TotalOver  bool           `json:"total_over"`
		Counts     map[string]int `json:"counts"`
		CountsOver []string       `json:"counts_over"`
	}
	var l list
	if err := json.Unmarshal(get("/api/claims?q=grain+terminal"), &l); err != nil {
		t.Fatal(err)
	}
	disputed := (n + 9) / 10
	if l.Total != store.TextCountCap || !l.TotalOver {
		t.Errorf("over the cap: total %d over %v, want %d over true", l.Total, l.TotalOver, store.TextCountCap)
	}
	if l.Counts[crosscheck.StatusUnconfirmed] != store.TextCountCap || l.Counts[crosscheck.StatusDisputed] != disputed ||
		strings.Join(l.CountsOver, ",") != crosscheck.StatusUnconfirmed {
		t.Errorf("over the cap: counts %v over %v, want unconfirmed %d (over), disputed %d", l.Counts, l.CountsOver, store.TextCountCap, disputed)
	}
	l = list{}
	if err := json.Unmarshal(get("/api/claims?q=grain+terminal&status=disputed"), &l); err != nil {
		t.Fatal(err)
	}
	if l.Total != disputed || l.TotalOver {
		t.Errorf("under the cap: total %d over %v, want %d exact", l.Total, l.TotalOver, disputed)
	}
	l = list{}
	if err := json.Unmarshal(get("/api/claims"), &l); err != nil {
		t.Fatal(err)
	}
	if l.Total != n || l.TotalOver || l.CountsOver != nil {
		t.Errorf("no text query: total %d over %v %v, want %d exact", l.Total, l.TotalOver, l.CountsOver, n)
	}
	page := string(get("/?q=grain+terminal"))
	for _, want := range []string{fmt.Sprintf("over %d claims", store.TextCountCap), fmt.Sprintf("unconfirmed: over %d<", store.TextCountCap),
		fmt.Sprintf("disputed: %d<", disputed), fmt.Sprintf("of over %d", store.TextCountCap)} {
		if !strings.Contains(page, want) {
			t.Errorf("board does not say %q", want)
		}
	}
	if page := string(get("/map?q=grain+terminal")); !strings.Contains(page, fmt.Sprintf("statements of over %d claims", store.TextCountCap)) {
		t.Errorf("map does not say over %d claims", store.TextCountCap)
	}
	if page := string(get("/?q=grain+terminal&status=disputed")); !strings.Contains(page, fmt.Sprintf(`class="total">%d claims<`, disputed)) {
		t.Errorf("board under the cap is not exact")
	}
}
