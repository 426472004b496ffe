package claims

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/analyze"
)

// analyzeCorpus runs the real analyzer over the ukraine-war corpus.
func analyzeCorpus(tb testing.TB) []Article {
	tb.Helper()
	z := newAnalyzer(tb)
	var arts []Article
	var panics []string
	for _, d := range ukraineDocs(tb) {
		a, err := safeAnalyze(tb, z, d)
		if err != nil {
			if strings.HasPrefix(err.Error(), "panic") {
				panics = append(panics, d.URL[strings.LastIndex(d.URL, "/")+1:]+": "+err.Error())
			}
			// A scraper failure (an empty page) is the corpus's problem,
			// not Build's: skip it as ingest would.
			continue
		}
		arts = append(arts, Article{Analysis: a, Signature: Sign(a.Article.Text)})
	}
	if len(panics) > 0 {
		// Not this package's defect: reported so the analyzer's owner sees it.
		tb.Logf("the analyzer panicked on %d articles (skipped):\n%s", len(panics), strings.Join(panics, "\n"))
	}
	return arts
}

// safeAnalyze runs the analyzer and turns a panic inside it into an error,
// so that one analyzer defect does not hide Build's figures.
func safeAnalyze(tb testing.TB, z *analyze.Analyzer, d crosscheck.Document) (a crosscheck.Analysis, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return z.Analyze(tb.Context(), d)
}

// TestCorpusClaims builds the claims of the whole ukraine-war corpus from
// real analyses and checks the invariants every claim must keep; with
// CLAIMS_DUMP=path it also writes the cross-article claims for inspection.
func TestCorpusClaims(t *testing.T) {
	if testing.Short() {
		t.Skip("analyzes 439 articles")
	}
	arts := analyzeCorpus(t)
	nst := 0
	for _, a := range arts {
		nst += len(a.Analysis.Statements)
	}
	if nst == 0 {
		t.Skip("the analyzer yields no statements yet")
	}
	res := Build(arts, Options{})
	status := map[string]int{}
	multi, largest := 0, 0
	var dump strings.Builder
	for _, c := range res.Claims {
		if len(c.Status) == 0 || len(c.Statements) == 0 || c.ID == "" || c.Summary == "" {
			t.Errorf("claim %+v lacks status, statements, id or summary", c)
		}
		for _, s := range c.Status {
			status[s]++
			if len(evidenceFor(c, s)) == 0 {
				t.Errorf("claim %s: %s without evidence", c.ID, s)
			}
		}
		arts := map[string]bool{}
		for _, s := range c.Statements {
			arts[s.Article] = true
		}
		largest = max(largest, len(c.Statements))
		if len(arts) > 1 {
			multi++
			fmt.Fprintf(&dump, "== %s %s %v %v\n   %s\n", c.ID, c.CurrentStatus, c.Status, c.Parties, c.Summary)
			for _, s := range c.Statements {
				link := ""
				if s.Link != nil {
					link = fmt.Sprintf(" <- %s %.2f %v", s.Link.To[:6]+s.Link.To[strings.Index(s.Link.To, "/"):], s.Link.Score, s.Link.Reasons)
				}
				fmt.Fprintf(&dump, "  %s %s %s/%s echo=%v [%s] %s (%s)%s: %s\n", s.Published[:10], s.Site, s.Article[:6], s.Statement, s.Echo, s.Affiliation, s.Speaker, s.Stance, link, s.Content)
			}
			for _, e := range c.Evidence {
				fmt.Fprintf(&dump, "  * %s %s %s/%s %s: %s\n", e.Status, e.Since, e.Article[:6], e.Statement, e.Independent, e.Text)
			}
		}
	}
	var ks []string
	for k := range status {
		ks = append(ks, fmt.Sprintf("%s=%d", k, status[k]))
	}
	sort.Strings(ks)
	t.Logf("%d articles, %d statements -> %d claims, %d spanning several articles, largest %d statements, %d echoes; statuses: %s",
		len(arts), nst, len(res.Claims), multi, largest, len(res.EchoOf), strings.Join(ks, " "))
	if p := os.Getenv("CLAIMS_DUMP"); p != "" {
		if err := os.WriteFile(p, []byte(dump.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Chained links would pile unrelated statements into one claim.
	if largest > 60 {
		t.Errorf("largest claim has %d statements: linking chains", largest)
	}
}

// TestCorpusOrder: the war corpus in any order gives the same ledger — the
// full-rebuild counterpart of an incremental ledger fed in order of
// arrival.
func TestCorpusOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("analyzes 439 articles")
	}
	arts := analyzeCorpus(t)
	want, err := jsonOf(Build(arts, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	reversed := slices.Clone(arts)
	slices.Reverse(reversed)
	shuffled := slices.Clone(arts)
	rand.New(rand.NewPCG(7, 9)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for name, in := range map[string][]Article{"reversed": reversed, "shuffled": shuffled} {
		got, err := jsonOf(Build(in, Options{}))
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s input gives another ledger", name)
		}
	}
}
