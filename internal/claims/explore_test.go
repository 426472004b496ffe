package claims

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// TestExplorePairs lists cross-party statement pairs that share a
// predicate class (CLAIMS_EXPLORE_PAIRS=path): a tool for reviewing what
// the linker misses or joins.
func TestExplorePairs(t *testing.T) {
	path := os.Getenv("CLAIMS_EXPLORE_PAIRS")
	if path == "" {
		t.Skip("set CLAIMS_EXPLORE_PAIRS=path")
	}
	arts := analyzeCorpus(t)
	lx, _ := Default()
	var all []*Prepared
	for i := range arts {
		pa, err := lx.Prepare(&arts[i].Analysis)
		if err != nil {
			continue
		}
		for j := range pa.Statements {
			p := pa.Statements[j]
			if p.Voice && (len(p.Parties) > 0 || p.Independent != "") {
				all = append(all, &p)
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return comparePrepared(all[i], all[j]) < 0 })
	var b strings.Builder
	for i, a := range all {
		for _, c := range all[i+1:] {
			if g, ok := a.gap(c); ok && g > defaultWindow {
				break
			}
			if a.Article == c.Article || strings.Join(a.Parties, ",") == strings.Join(c.Parties, ",") {
				continue
			}
			if len(sharedClasses(a, c, true)) == 0 {
				continue
			}
			e, ok := lx.Match(a, c, Options{})
			fmt.Fprintf(&b, "%v %.2f %v | %s %s [%s] %s | %s %s [%s] %s\n", ok, e.Score, e.Reasons,
				a.Published[:10], a.Statement, strings.Join(a.Parties, ","), a.Summary, c.Published[:10], c.Statement, strings.Join(c.Parties, ","), c.Summary)
		}
	}
	os.WriteFile(path, []byte(b.String()), 0o644)
}
