package claims

import (
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
)

// crossCase is one hand-written cross-article case (testdata/cross/*.json):
// invented articles from both sides and the claims Build must find.
type crossCase struct {
	About    string        `json:"about"`
	Articles []caseArticle `json:"articles"`
	Want     struct {
		Claims []struct {
			Members     []string            `json:"members"` // article/statement, in claim order
			Echo        []string            `json:"echo"`
			Status      []string            `json:"status"`
			Parties     []string            `json:"parties"`
			Evidence    map[string][]string `json:"evidence"` // status -> substrings, in order
			Since       map[string]string   `json:"since"`    // status -> earliest Since
			Stances     map[string]string   `json:"stances"`  // article/statement -> stance towards the claim
			Appearances map[string]string   `json:"appearances"`
			Summary     string              `json:"summary"`
			// Links: article/statement -> substrings its link's reasons must hold.
			Links map[string][]string `json:"links"`
			// Independent: status -> the independent-source kind its first
			// evidence must name.
			Independent map[string]string `json:"independent"`
		} `json:"claims"`
		EchoOf map[string]string `json:"echo_of"`
	} `json:"want"`
}

func TestBuildCrossArticle(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "cross", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".json"), func(t *testing.T) {
			var cc crossCase
			readJSON(t, f, &cc)
			t.Log(cc.About)
			var arts []Article
			for _, ca := range cc.Articles {
				arts = append(arts, Article{Analysis: caseAnalysis(t, ca)})
			}
			res := Build(arts, Options{})
			if !maps.Equal(res.EchoOf, cc.Want.EchoOf) {
				t.Errorf("EchoOf = %v, want %v", res.EchoOf, cc.Want.EchoOf)
			}
			if len(res.Claims) != len(cc.Want.Claims) {
				for _, c := range res.Claims {
					t.Logf("claim %s %v: %v", c.ID, c.Status, members(c))
				}
				t.Fatalf("%d claims, want %d", len(res.Claims), len(cc.Want.Claims))
			}
			for i, w := range cc.Want.Claims {
				c := res.Claims[i]
				if got := members(c); !slices.Equal(got, w.Members) {
					t.Errorf("claim %d: members %v, want %v", i, got, w.Members)
				}
				var echo []string
				for _, s := range c.Statements {
					if s.Echo {
						echo = append(echo, s.Article+"/"+s.Statement)
					}
				}
				if !slices.Equal(echo, w.Echo) {
					t.Errorf("claim %d: echo statements %v, want %v", i, echo, w.Echo)
				}
				if !slices.Equal(c.Status, w.Status) {
					t.Errorf("claim %d: status %v, want %v", i, c.Status, w.Status)
				}
				if !slices.Equal(c.Parties, w.Parties) {
					t.Errorf("claim %d: parties %v, want %v", i, c.Parties, w.Parties)
				}
				for _, st := range c.Status {
					if len(evidenceFor(c, st)) == 0 {
						t.Errorf("claim %d: status %s without evidence", i, st)
					}
				}
				for st, wants := range w.Evidence {
					ev := evidenceFor(c, st)
					if len(ev) != len(wants) {
						t.Errorf("claim %d: %s evidence %+v, want %d entries", i, st, ev, len(wants))
						continue
					}
					for k, s := range wants {
						if !strings.Contains(ev[k].Text, s) {
							t.Errorf("claim %d: %s evidence %q, want it to contain %q", i, st, ev[k].Text, s)
						}
					}
				}
				for st, since := range w.Since {
					if ev := evidenceFor(c, st); len(ev) == 0 || ev[0].Since != since {
						t.Errorf("claim %d: %s since %+v, want %s", i, st, ev, since)
					}
				}
				for _, s := range c.Statements {
					if want, ok := w.Stances[s.Article+"/"+s.Statement]; ok && s.Stance != want {
						t.Errorf("claim %d: %s/%s stance %q, want %q", i, s.Article, s.Statement, s.Stance, want)
					}
				}
				checkClaimShape(t, i, c)
				for ref, wants := range w.Links {
					for _, st := range c.Statements {
						if st.Article+"/"+st.Statement != ref {
							continue
						}
						if st.Link == nil {
							t.Errorf("claim %d: %s has no link", i, ref)
							continue
						}
						for _, want := range wants {
							if !slices.ContainsFunc(st.Link.Reasons, func(r string) bool { return strings.Contains(r, want) }) {
								t.Errorf("claim %d: %s link reasons %q, want one containing %q", i, ref, st.Link.Reasons, want)
							}
						}
					}
				}
				for status, kind := range w.Independent {
					if ev := evidenceFor(c, status); len(ev) == 0 || ev[0].Independent != kind {
						t.Errorf("claim %d: %s evidence %+v, want it from an independent %s", i, status, ev, kind)
					}
				}
				if w.Summary != "" && c.Summary != w.Summary {
					t.Errorf("claim %d: summary %q, want %q", i, c.Summary, w.Summary)
				}
				if w.Appearances != nil {
					got := map[string]string{}
					for _, a := range c.Appearances {
						got[a.Article] = string(a.EchoOf)
					}
					if !maps.Equal(got, w.Appearances) {
						t.Errorf("claim %d: appearances %v, want %v", i, got, w.Appearances)
					}
				}
			}
			// Deterministic: any input order gives the same result.
			r := rand.New(rand.NewPCG(1, 2))
			for range 5 {
				shuffled := slices.Clone(arts)
				r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
				if got := Build(shuffled, Options{}); !sameResult(got, res) {
					t.Fatalf("input order changed the result")
				}
			}
		})
	}
}

func members(c crosscheck.Claim) []string {
	var out []string
	for _, s := range c.Statements {
		out = append(out, s.Article+"/"+s.Statement)
	}
	return out
}

func sameResult(a, b Result) bool {
	ja, err1 := jsonOf(a)
	jb, err2 := jsonOf(b)
	return err1 == nil && err2 == nil && ja == jb
}

// checkClaimShape checks what every claim must keep: one current status,
// the last of Status, never "unconfirmed" beside another; a history that
// ends with it and only climbs; a link on every statement but the first.
func checkClaimShape(t *testing.T, i int, c crosscheck.Claim) {
	t.Helper()
	if len(c.Status) == 0 || c.CurrentStatus != c.Status[len(c.Status)-1] {
		t.Errorf("claim %d: current status %q, status %v", i, c.CurrentStatus, c.Status)
	}
	if len(c.Status) > 1 && slices.Contains(c.Status, crosscheck.StatusUnconfirmed) {
		t.Errorf("claim %d: status %v holds unconfirmed beside another", i, c.Status)
	}
	if n := len(c.StatusHistory); n == 0 || c.StatusHistory[n-1].Status != c.CurrentStatus {
		t.Errorf("claim %d: history %+v does not end with %q", i, c.StatusHistory, c.CurrentStatus)
	}
	for k := 1; k < len(c.StatusHistory); k++ {
		if statusRank[c.StatusHistory[k].Status] <= statusRank[c.StatusHistory[k-1].Status] {
			t.Errorf("claim %d: history %+v goes down", i, c.StatusHistory)
		}
	}
	for k, s := range c.Statements {
		if (k == 0) != (s.Link == nil) {
			t.Errorf("claim %d: statement %d (%s/%s) link %+v", i, k, s.Article, s.Statement, s.Link)
		}
		if s.Link != nil && (len(s.Link.Reasons) == 0 || s.Link.To == "") {
			t.Errorf("claim %d: link %+v without reasons or target", i, s.Link)
		}
	}
}
