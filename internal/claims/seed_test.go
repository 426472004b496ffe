package claims

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/corpora"
)

var update = flag.Bool("update", false, "rewrite golden files")

type seedCase struct {
	Published  string          `json:"published"`
	Site       string          `json:"site"`
	URL        string          `json:"url"`
	Statements []caseStatement `json:"statements"`
	Relations  []caseRelation  `json:"relations"`
	Entities   []caseEntity    `json:"entities"`
}

// seedAnalysis is the hand annotation of the seed article (testdata/seed.json,
// from shared/fixtures/seed/expected.json) over the seed's text.
func seedAnalysis(t testing.TB) crosscheck.Analysis {
	t.Helper()
	b, err := os.ReadFile(corpora.For(t, "fixtures", "seed", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var sc seedCase
	readJSON(t, filepath.Join("testdata", "seed.json"), &sc)
	return caseAnalysis(t, caseArticle{
		URL: sc.URL, Site: sc.Site, Published: sc.Published, Text: string(b),
		Title:      "Russia Claims Full Control Of Kursk Region As Ukrainian Incursion Reportedly Ends",
		Statements: sc.Statements, Relations: sc.Relations, Entities: sc.Entities,
	})
}

// claimWith returns the claim holding statement id of article art.
func claimWith(t testing.TB, cs []crosscheck.Claim, art, id string) crosscheck.Claim {
	t.Helper()
	for _, c := range cs {
		for _, s := range c.Statements {
			if s.Article == art && s.Statement == id {
				return c
			}
		}
	}
	t.Fatalf("no claim holds %s/%s", art, id)
	return crosscheck.Claim{}
}

func statementIDs(c crosscheck.Claim) []string {
	var out []string
	for _, s := range c.Statements {
		out = append(out, s.Statement)
	}
	return out
}

func evidenceFor(c crosscheck.Claim, status string) []crosscheck.Evidence {
	var out []crosscheck.Evidence
	for _, e := range c.Evidence {
		if e.Status == status {
			out = append(out, e)
		}
	}
	return out
}

// checkGolden compares v, as indented JSON, with testdata/name, or rewrites
// it with -update.
func checkGolden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test -update and review the diff)", path)
	}
}

func TestSeedStatuses(t *testing.T) {
	a := seedAnalysis(t)
	id := a.Article.ID
	res := Build([]Article{{Analysis: a}}, Options{})
	if len(res.EchoOf) != 0 {
		t.Errorf("EchoOf = %v, want none for one article", res.EchoOf)
	}
	tests := []struct {
		name       string
		statement  string
		members    []string
		status     []string
		parties    []string
		evidence   map[string][]string // status -> substrings of its evidence sentences, in order
		history    []string            // statuses of the history, oldest first (default: the current one)
		summaryHas string
	}{
		{
			name: "Kursk withdrawal disputed", statement: "S1",
			members: []string{"S1", "S3", "S4"},
			status:  []string{crosscheck.StatusDisputed},
			parties: []string{"RU", "UA"},
			evidence: map[string][]string{
				crosscheck.StatusDisputed: {"Ukrainian officials have yet to confirm this claim", "directly contradicting the Russian assertion of a complete withdrawal"},
			},
			history:    []string{crosscheck.StatusUnconfirmed, crosscheck.StatusDisputed},
			summaryHas: "Ukrainian troops have been forced out of Russia’s Kursk region",
		},
		{
			name: "North Korean troops confirmed by adversary", statement: "S12",
			members: []string{"S10", "S12"},
			status:  []string{crosscheck.StatusCorroborated, crosscheck.StatusConfirmedByAdversary},
			parties: []string{"KR", "RU", "UA", "US"},
			evidence: map[string][]string{
				crosscheck.StatusConfirmedByAdversary: {"General Gerasimov also confirmed that North Korean soldiers had participated"},
				crosscheck.StatusCorroborated:         {"General Gerasimov also confirmed that North Korean soldiers had participated"},
			},
			summaryHas: "North Korea had deployed between 10,000 and 12,000 troops",
		},
		{
			name: "Vatican meeting corroborated", statement: "S14",
			members: []string{"S14", "S15"},
			status:  []string{crosscheck.StatusCorroborated},
			parties: []string{"UA", "US"},
			evidence: map[string][]string{
				crosscheck.StatusCorroborated: {"White House Communications Director Steven Cheung also confirmed the meeting"},
			},
			summaryHas: "The two leaders met briefly",
		},
		{
			name: "Putin alone unconfirmed", statement: "S6",
			members: []string{"S6"},
			status:  []string{crosscheck.StatusUnconfirmed},
			parties: []string{"RU"},
			evidence: map[string][]string{
				crosscheck.StatusUnconfirmed: {"The complete defeat of our enemy"},
			},
			summaryHas: "The complete defeat of our enemy",
		},
		{
			name: "AFP without a party unconfirmed", statement: "S9",
			members: []string{"S9"},
			status:  []string{crosscheck.StatusUnconfirmed},
			parties: []string{},
			evidence: map[string][]string{
				crosscheck.StatusUnconfirmed: {"According to AFP reports, Russian troops are now positioned"},
			},
			summaryHas: "Russian troops are now positioned",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := claimWith(t, res.Claims, id, tc.statement)
			if got := statementIDs(c); !slices.Equal(got, tc.members) {
				t.Errorf("statements %v, want %v", got, tc.members)
			}
			if !slices.Equal(c.Status, tc.status) {
				t.Errorf("status %v, want %v", c.Status, tc.status)
			}
			if c.CurrentStatus != tc.status[len(tc.status)-1] {
				t.Errorf("current status %q, want %q", c.CurrentStatus, tc.status[len(tc.status)-1])
			}
			wantHistory := tc.history
			if wantHistory == nil {
				wantHistory = []string{c.CurrentStatus}
				if c.CurrentStatus != crosscheck.StatusUnconfirmed {
					wantHistory = []string{crosscheck.StatusUnconfirmed, c.CurrentStatus}
				}
			}
			var history []string
			for _, h := range c.StatusHistory {
				history = append(history, h.Status)
				if h.Since == "" || h.Article != id || h.Text == "" {
					t.Errorf("history step %+v lacks its date, article or sentence", h)
				}
			}
			if !slices.Equal(history, wantHistory) {
				t.Errorf("history %v, want %v", history, wantHistory)
			}
			if !slices.Equal(c.Parties, tc.parties) {
				t.Errorf("parties %v, want %v", c.Parties, tc.parties)
			}
			for status, wants := range tc.evidence {
				ev := evidenceFor(c, status)
				if len(ev) != len(wants) {
					t.Errorf("%s: %d evidence entries %+v, want %d", status, len(ev), ev, len(wants))
					continue
				}
				for i, w := range wants {
					if !strings.Contains(ev[i].Text, w) {
						t.Errorf("%s evidence %d = %q, want it to contain %q", status, i, ev[i].Text, w)
					}
					if ev[i].Since != "2025-04-26" || ev[i].Article != id {
						t.Errorf("%s evidence %d: since %q article %q", status, i, ev[i].Since, ev[i].Article)
					}
				}
			}
			for _, e := range c.Evidence {
				if !slices.Contains(c.Status, e.Status) {
					t.Errorf("evidence for %s, which is not a status of the claim", e.Status)
				}
			}
			if !strings.Contains(c.Summary, tc.summaryHas) {
				t.Errorf("summary %q, want it to contain %q", c.Summary, tc.summaryHas)
			}
			if c.FirstSeen != "2025-04-26" || len(c.Appearances) != 1 || c.Appearances[0].EchoOf != "" {
				t.Errorf("first seen %q, appearances %+v", c.FirstSeen, c.Appearances)
			}
		})
	}
	// S7 is unattributed ("reportedly"): no claim of its own.
	for _, c := range res.Claims {
		if slices.Contains(statementIDs(c), "S7") {
			t.Errorf("unattributed S7 makes claim %+v", c)
		}
	}
	// The contradicting statement is a denial towards the Kursk claim.
	for _, s := range claimWith(t, res.Claims, id, "S1").Statements {
		want := map[string]string{"S1": "assert", "S3": "not_confirmed", "S4": "deny"}[s.Statement]
		if s.Stance != want {
			t.Errorf("Kursk claim: %s stance %q, want %q", s.Statement, s.Stance, want)
		}
	}
	checkGolden(t, "seed.golden.json", res)
}
