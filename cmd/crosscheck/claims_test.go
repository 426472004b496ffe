package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
)

// updateGolden is the -update flag; it is looked up first because other
// test files of this package may register the same flag.
var updateGolden = lookupOrDefineUpdate()

func lookupOrDefineUpdate() *bool {
	if flag.Lookup("update") != nil {
		return new(bool) // defined elsewhere; updating() reads it
	}
	return flag.Bool("update", false, "rewrite golden files")
}

func updating() bool {
	f := flag.Lookup("update")
	return *updateGolden || (f != nil && f.Value.String() == "true")
}

// ledgerDB writes an invented ledger (two articles, one echo, three claims)
// into a fresh SQLite file and returns its path.
func ledgerDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ledger.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	text := "Ukrainian forces advanced ten kilometres into the Kursk region, General Syrskyi said."
	art := func(id, site, pub string) crosscheck.Analysis {
		return crosscheck.Analysis{
			Article: crosscheck.Article{ID: id, URL: crosscheck.NullString("https://" + site + ".example/" + id),
				Site: crosscheck.NullString(site), Title: "Advance in Kursk", Published: crosscheck.NullString(pub), Language: "en", Text: text},
			Entities: []crosscheck.Entity{}, Statements: []crosscheck.Statement{}, Relations: []crosscheck.Relation{},
		}
	}
	if _, err := s.Put(t.Context(), []store.Put{
		{SourceKey: "a", DocHash: "a", Analysis: art("art-a", "kyivwire", "2024-08-10"), ContentHash: "a"},
		{SourceKey: "c", DocHash: "c", Analysis: art("art-c", "relaynews", "2024-08-11"), ContentHash: "c"},
	}); err != nil {
		t.Fatal(err)
	}
	claims := []crosscheck.Claim{
		{
			ID: "c-advance", Summary: "Ukrainian forces advanced ten kilometres into the Kursk region",
			Status: []string{crosscheck.StatusUnconfirmed, crosscheck.StatusDisputed}, Parties: []string{"RU", "UA"}, FirstSeen: "2024-08-10",
			Statements: []crosscheck.ClaimStatement{
				{Article: "art-a", Statement: "s1", Site: "Kyiv Wire", Published: "2024-08-10", Speaker: "Oleksandr Syrskyi", Affiliation: "UA", Stance: "assert", Content: "Ukrainian forces advanced ten kilometres into the Kursk region"},
				{Article: "art-c", Statement: "s1", Site: "Relay News", Published: "2024-08-11", Speaker: "Oleksandr Syrskyi", Affiliation: "UA", Stance: "assert", Content: "Ukrainian forces advanced ten kilometres into the Kursk region", Echo: true},
				{Article: "art-b", Statement: "s1", Site: "Moscow Daily", Published: "2024-08-12", Speaker: "Igor Konashenkov", Affiliation: "RU", Stance: "deny", Content: "Ukrainian units held any settlements"},
				{Article: "art-e", Statement: "s4", Site: "Analysis Weekly", Published: "2024-08-13", Speaker: "an analyst", Stance: "assert", Content: "the advance stalled"},
			},
			Evidence: []crosscheck.Evidence{
				{Status: crosscheck.StatusUnconfirmed, Article: "art-a", Statement: "s1", Text: "Ukrainian forces advanced ten kilometres into the Kursk region, General Syrskyi said.", Since: "2024-08-10"},
				{Status: crosscheck.StatusDisputed, Article: "art-b", Statement: "s1", Text: "The defence ministry denied that Ukrainian units held any settlements.", Since: "2024-08-12"},
			},
			Appearances: []crosscheck.Appearance{
				{Article: "art-a", Site: "Kyiv Wire", URL: "https://kyivwire.example/art-a", Published: "2024-08-10"},
				{Article: "art-b", Site: "Moscow Daily", URL: "https://moscowdaily.example/art-b", Published: "2024-08-12"},
				{Article: "art-c", Site: "Relay News", URL: "https://relaynews.example/art-c", Published: "2024-08-11", EchoOf: "art-a"},
			},
		},
		{
			ID: "c-repelled", Summary: "Russian troops repelled attacks near Sudzha", Status: []string{crosscheck.StatusUnconfirmed},
			Parties: []string{"RU"}, FirstSeen: "2024-08-12",
			Statements: []crosscheck.ClaimStatement{
				{Article: "art-b", Statement: "s2", Site: "Moscow Daily", Published: "2024-08-12", Speaker: "Igor Konashenkov", Affiliation: "RU", Stance: "assert", Content: "Russian troops repelled attacks near Sudzha"},
			},
			Evidence:    []crosscheck.Evidence{},
			Appearances: []crosscheck.Appearance{{Article: "art-b", Site: "Moscow Daily", URL: "https://moscowdaily.example/art-b", Published: "2024-08-12"}},
		},
		{
			ID: "c-troops", Summary: "North Korean troops were deployed to the Kursk region", Status: []string{crosscheck.StatusConfirmedByAdversary},
			Parties: []string{"UA", "RU"}, FirstSeen: "2024-10-20",
			Statements: []crosscheck.ClaimStatement{
				{Article: "art-f", Statement: "s1", Site: "Kyiv Wire", Published: "2024-10-20", Speaker: "Volodymyr Zelenskyy", Affiliation: "UA", Stance: "assert", Content: "North Korean troops were deployed to the Kursk region"},
				{Article: "art-g", Statement: "s1", Site: "Moscow Daily", Published: "2025-04-26", Speaker: "Valery Gerasimov", Affiliation: "RU", Stance: "confirm", Content: "North Korean soldiers took part in the fighting"},
			},
			Evidence: []crosscheck.Evidence{
				{Status: crosscheck.StatusConfirmedByAdversary, Article: "art-g", Statement: "s1", Text: "Gerasimov confirmed that North Korean soldiers took part in the fighting.", Since: "2025-04-26"},
			},
			Appearances: []crosscheck.Appearance{
				{Article: "art-f", Site: "Kyiv Wire", URL: "https://kyivwire.example/art-f", Published: "2024-10-20"},
				{Article: "art-g", Site: "Moscow Daily", Published: "2025-04-26"},
			},
		},
	}
	if err := s.ReplaceClaims(t.Context(), claims, map[string]string{"art-c": "art-a"}); err != nil {
		t.Fatal(err)
	}
	return path
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updating() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run with -update after checking):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestClaimsCLI(t *testing.T) {
	db := ledgerDB(t)
	cases := []struct {
		name   string
		args   []string
		golden string
		want   []string // claim ids, for --json cases
	}{
		{"table", []string{"claims"}, "claims_table.txt", nil},
		{"kursk", []string{"claims", "--q", "kursk", "--json"}, "", []string{"c-advance", "c-troops"}},
		{"disputed", []string{"claims", "--status", "disputed", "--json"}, "", []string{"c-advance"}},
		{"party lower-case", []string{"claims", "--party", "ru", "--json", "--sort", "oldest"}, "", []string{"c-advance", "c-repelled", "c-troops"}},
		{"speaker", []string{"claims", "--speaker", "valery gerasimov", "--json"}, "", []string{"c-troops"}},
		{"since", []string{"claims", "--since", "2024-08-11", "--json"}, "", []string{"c-troops", "c-repelled"}},
		{"limit", []string{"claims", "--limit", "1"}, "claims_limit.txt", nil},
		{"none", []string{"claims", "--q", "zzzz"}, "claims_none.txt", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, append([]string{"--db", db}, tc.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if tc.golden != "" {
				golden(t, tc.golden, out)
				return
			}
			var cs []crosscheck.Claim
			if err := json.Unmarshal([]byte(out), &cs); err != nil {
				t.Fatalf("--json output: %v\n%s", err, out)
			}
			var ids []string
			for _, c := range cs {
				ids = append(ids, c.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tc.want, ",") {
				t.Errorf("got %v, want %v", ids, tc.want)
			}
		})
	}
}

func TestClaimsCLIErrors(t *testing.T) {
	db := ledgerDB(t)
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"bad status", []string{"claims", "--status", "true"}, exitUsage},
		{"bad date", []string{"claims", "--since", "last week"}, exitUsage},
		{"bad sort", []string{"claims", "--sort", "random"}, exitUsage},
		{"bad limit", []string{"claims", "--limit", "0"}, exitUsage},
		{"unknown claim", []string{"claim", "nope"}, exitNotFound},
		{"bad export format", []string{"export", "--format", "xml"}, exitUsage},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runCLI(t, append([]string{"--db", db}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (%s)", code, tc.code, errs)
			}
			if errs == "" {
				t.Error("no message on stderr")
			}
		})
	}
}

func TestClaimCLI(t *testing.T) {
	db := ledgerDB(t)
	code, out, errs := runCLI(t, "--db", db, "claim", "c-advance")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden(t, "claim_advance.txt", out)
	// The echo is folded right under its origin, after it.
	origin := strings.Index(out, "kyivwire.example/art-a")
	echo := strings.Index(out, "↳ echo: 2024-08-11")
	other := strings.Index(out, "moscowdaily.example/art-b")
	if origin < 0 || echo < origin || other < echo {
		t.Errorf("echo not folded under its origin:\n%s", out)
	}

	code, out, _ = runCLI(t, "--db", db, "claim", "--json", "c-troops")
	var c crosscheck.Claim
	if code != exitOK || json.Unmarshal([]byte(out), &c) != nil || c.ID != "c-troops" || c.Status[0] != crosscheck.StatusConfirmedByAdversary {
		t.Errorf("claim --json: exit %d, %+v", code, c)
	}
}

func TestExportCLI(t *testing.T) {
	db := ledgerDB(t)
	t.Run("jsonl", func(t *testing.T) {
		code, out, errs := runCLI(t, "--db", db, "export")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 3 {
			t.Fatalf("%d lines", len(lines))
		}
		var ids []string
		for _, l := range lines {
			var c crosscheck.Claim
			if err := json.Unmarshal([]byte(l), &c); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
		}
		if strings.Join(ids, ",") != "c-advance,c-repelled,c-troops" {
			t.Errorf("order %v (want oldest first)", ids)
		}
	})
	t.Run("csv to file", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "claims.csv")
		code, _, errs := runCLI(t, "--db", db, "export", "--format", "csv", "--out", out, "--party", "RU")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "export.csv", string(b))
		if len(recs) != 4 || recs[0][0] != "id" || recs[1][2] != "unconfirmed; disputed" || recs[1][6] != "2" {
			t.Errorf("csv %v", recs)
		}
		left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".export-*"))
		if len(left) != 0 {
			t.Errorf("temporary files left: %v", left)
		}
	})
	t.Run("claimreview", func(t *testing.T) {
		var out, errb bytes.Buffer
		g := &Globals{DB: db, stdout: &out, stderr: &errb, logger: newLogger(&errb, "error")}
		cmd := &ExportCmd{Format: "claimreview", BaseURL: "https://desk.example.org", now: func() time.Time { return time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC) }}
		if err := cmd.Run(t.Context(), g); err != nil {
			t.Fatal(err)
		}
		golden(t, "claimreview.json", out.String())
		var doc struct {
			Context string `json:"@context"`
			Graph   []struct {
				Type          string `json:"@type"`
				ClaimReviewed string `json:"claimReviewed"`
				ItemReviewed  struct {
					Type            string `json:"@type"`
					FirstAppearance struct {
						URL string `json:"url"`
					} `json:"firstAppearance"`
					Appearance []json.RawMessage `json:"appearance"`
				} `json:"itemReviewed"`
				ReviewRating struct {
					AlternateName string `json:"alternateName"`
				} `json:"reviewRating"`
			} `json:"@graph"`
		}
		if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		// c-repelled is only unconfirmed and nobody reviewed it: left out.
		if doc.Context != "https://schema.org" || len(doc.Graph) != 2 {
			t.Fatalf("doc %+v", doc)
		}
		r := doc.Graph[0]
		if r.Type != "ClaimReview" || r.ItemReviewed.Type != "Claim" || r.ReviewRating.AlternateName != "disputed" ||
			r.ItemReviewed.FirstAppearance.URL != "https://kyivwire.example/art-a" || len(r.ItemReviewed.Appearance) != 3 {
			t.Errorf("first review %+v", r)
		}
	})
}

// TestClaimTableOver: a capped text count is printed as "over N", never
// as an exact number of claims.
func TestClaimTableOver(t *testing.T) {
	cs := []crosscheck.Claim{{ID: "c1", FirstSeen: "2024-05-01", Status: []string{crosscheck.StatusUnconfirmed}, Summary: "a strike on the port"}}
	var b strings.Builder
	if err := printClaimTable(&b, cs, store.TextCountCap, true, 0); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("1–1 of over %d claims", store.TextCountCap); !strings.Contains(b.String(), want) {
		t.Errorf("table says\n%s\nwant %q", b.String(), want)
	}
	b.Reset()
	if err := printClaimTable(&b, cs, 7, false, 0); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "1–1 of 7 claims") || strings.Contains(b.String(), "over") {
		t.Errorf("exact count printed as\n%s", b.String())
	}
}
