package claims

import (
	"os"
	"strings"
	"testing"
)

func TestDbgPair(t *testing.T) {
	q := os.Getenv("CLAIMS_DBG")
	if q == "" {
		t.Skip()
	}
	arts := analyzeCorpus(t)
	lx, _ := Default()
	var ps []*Prepared
	for _, want := range strings.Split(q, "|") {
		for i := range arts {
			an := &arts[i].Analysis
			for _, st := range an.Statements {
				if strings.Contains(an.Article.Text[st.Content.Start:st.Content.End], want) {
					pa, _ := lx.Prepare(an)
					for j := range pa.Statements {
						if pa.Statements[j].Statement == st.ID {
							p := pa.Statements[j]
							ps = append(ps, &p)
							t.Logf("%s %s %+v", string(an.Article.URL), st.ID, p.Frames)
							t.Logf("   anchors %+v nums %v weapons %v", p.Anchors, p.Numbers, p.Weapons)
						}
					}
				}
			}
		}
	}
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			e, ok := lx.Match(ps[i], ps[j], Options{})
			t.Logf("%d~%d %v %v", i, j, ok, e)
		}
	}
}
