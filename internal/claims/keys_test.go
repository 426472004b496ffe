package claims

import (
	"slices"
	"testing"
)

// TestIndexKeysCoverMatch checks IndexKeys' promise on every pair of
// statements of the war corpus published within the window of each other,
// in different articles: whenever Match joins two, they share a key. It
// also reports how many pairs the keys make candidates, against the pairs
// that share only an anchor or a weapon (keys until they were found never
// needed), so that a change that makes keys common shows.
func TestIndexKeysCoverMatch(t *testing.T) {
	lx, _ := Default()
	all := preparedStatements(t, analyzeCorpus(t))
	keys := make([][]string, len(all))
	for i, p := range all {
		keys[i] = lx.IndexKeys(p)
	}
	// What anchors and weapons would add as keys.
	extra := func(p *Prepared) []string {
		var out []string
		for _, a := range p.Anchors {
			out = append(out, "a:"+a.Key)
		}
		for _, w := range p.Weapons {
			out = append(out, "x:"+w)
		}
		return out
	}
	shares := func(a, b []string) bool {
		for _, k := range a {
			if slices.Contains(b, k) {
				return true
			}
		}
		return false
	}
	var pairs, candidates, extraOnly, linked int
	for i, a := range all {
		for j := i - 1; j >= 0; j-- {
			b := all[j]
			if g, ok := a.gap(b); ok && g > defaultWindow {
				break
			}
			if a.Article == b.Article {
				continue
			}
			pairs++
			shared := shares(keys[i], keys[j])
			if shared {
				candidates++
			} else if shares(extra(a), extra(b)) {
				extraOnly++
			}
			e, ok := lx.Match(a, b, Options{})
			if !ok {
				continue
			}
			linked++
			if !shared {
				t.Errorf("Match joins %s/%s and %s/%s (%v), which share no index key:\n  %q\n  %q",
					a.Article, a.Statement, b.Article, b.Statement, e.Reasons, a.Content, b.Content)
			}
		}
	}
	t.Logf("%d statements, %d pairs within the window: %d candidates by their keys, %d more that would share only an anchor or a weapon; %d linked",
		len(all), pairs, candidates, extraOnly, linked)
	if linked < 500 {
		t.Errorf("only %d pairs linked: the corpus did not load as it should", linked)
	}
}

// preparedStatements prepares every statement of arts (articles Prepare
// refuses are left out), in publication order.
func preparedStatements(t *testing.T, arts []Article) []*Prepared {
	t.Helper()
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var all []*Prepared
	for i := range arts {
		pa, err := lx.Prepare(&arts[i].Analysis)
		if err != nil {
			continue
		}
		for j := range pa.Statements {
			all = append(all, &pa.Statements[j])
		}
	}
	slices.SortFunc(all, comparePrepared)
	return all
}
