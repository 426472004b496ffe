package claims

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
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
	for _, p := range preparedStatements(t, arts) {
		if p.Voice && (len(p.Parties) > 0 || p.Independent != "") {
			all = append(all, p)
		}
	}
	// Which claim each statement ended in: pairs already together are marked.
	claimOf := map[string]string{}
	for _, c := range Build(arts, Options{}).Claims {
		for _, s := range c.Statements {
			claimOf[s.Article+"/"+s.Statement] = c.ID
		}
	}
	file := map[string]string{}
	for i := range arts {
		u := string(arts[i].Analysis.Article.URL)
		file[arts[i].Analysis.Article.ID] = u[strings.LastIndex(u, "/")+1:][:22]
	}
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
			together := claimOf[a.Article+"/"+a.Statement] != "" && claimOf[a.Article+"/"+a.Statement] == claimOf[c.Article+"/"+c.Statement]
			fmt.Fprintf(&b, "%v %.2f together=%v %v | %s/%s [%s] %s | %s/%s [%s] %s\n", ok, e.Score, together, e.Reasons,
				file[a.Article], a.Statement, strings.Join(a.Parties, ","), a.Summary, file[c.Article], c.Statement, strings.Join(c.Parties, ","), c.Summary)
		}
	}
	os.WriteFile(path, []byte(b.String()), 0o644)
}

// TestExploreDump writes the prepared statements of the war corpus and its
// ledger as JSON (CLAIMS_EXPLORE_DUMP=dir): statements.jsonl, one
// Prepared per line with its article's file, and ledger.json, the Result.
// A tool for studying what links and what does not.
func TestExploreDump(t *testing.T) {
	dir := os.Getenv("CLAIMS_EXPLORE_DUMP")
	if dir == "" {
		t.Skip("set CLAIMS_EXPLORE_DUMP=dir")
	}
	arts := analyzeCorpus(t)
	lx, _ := Default()
	var b strings.Builder
	for i := range arts {
		an := &arts[i].Analysis
		pa, err := lx.Prepare(an)
		if err != nil {
			continue
		}
		u := string(an.Article.URL)
		for j := range pa.Statements {
			line, err := json.Marshal(struct {
				File string `json:"file"`
				*Prepared
				Keys []string `json:"keys"`
			}{u[strings.LastIndex(u, "/")+1:], &pa.Statements[j], lx.IndexKeys(&pa.Statements[j])})
			if err != nil {
				t.Fatal(err)
			}
			b.Write(line)
			b.WriteByte('\n')
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "statements.jsonl"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// Every link Build makes, with its reasons.
	opt := Options{}.withDefaults()
	opt.Lexicon = lx
	bd := &builder{lx: lx, opt: opt}
	bd.prepareDocs(arts)
	bd.echoes()
	bd.prepareStatements()
	bd.joins()
	bd.echoStatements()
	bd.link()
	var eb strings.Builder
	for ui := range bd.us {
		for _, e := range bd.edges[ui] {
			if e.other < ui {
				continue
			}
			line, err := json.Marshal(map[string]any{
				"a": bd.us[ui].p.Article + "/" + bd.us[ui].p.Statement, "b": bd.us[e.other].p.Article + "/" + bd.us[e.other].p.Statement,
				"score": e.score, "reasons": e.reasons,
			})
			if err != nil {
				t.Fatal(err)
			}
			eb.Write(line)
			eb.WriteByte('\n')
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "edges.jsonl"), []byte(eb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var bopt Options
	if d, err := strconv.Atoi(os.Getenv("CLAIMS_WINDOW_DAYS")); err == nil {
		bopt.Window = time.Duration(d) * 24 * time.Hour
	}
	res := Build(arts, bopt)
	out, err := json.MarshalIndent(res, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ledger.json"), out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestExploreMatch prints both statements' features and what Match says of
// them, for pairs named in CLAIMS_MATCH ("file-prefix/s3 file-prefix/s7;
// …", a file prefix being the start of a corpus file name).
func TestExploreMatch(t *testing.T) {
	spec := os.Getenv("CLAIMS_MATCH")
	if spec == "" {
		t.Skip("set CLAIMS_MATCH")
	}
	arts := analyzeCorpus(t)
	lx, _ := Default()
	find := func(ref string) *Prepared {
		file, stmt, _ := strings.Cut(ref, "/")
		for i := range arts {
			u := string(arts[i].Analysis.Article.URL)
			if !strings.HasPrefix(u[strings.LastIndex(u, "/")+1:], file) {
				continue
			}
			pa, err := lx.Prepare(&arts[i].Analysis)
			if err != nil {
				t.Fatal(err)
			}
			for j := range pa.Statements {
				if pa.Statements[j].Statement == stmt {
					return &pa.Statements[j]
				}
			}
		}
		t.Fatalf("%s: no such statement", ref)
		return nil
	}
	show := func(p *Prepared) string {
		var fs []string
		for _, f := range p.Frames {
			fs = append(fs, fmt.Sprintf("%s[a=%v n=%v p=%v d=%v r=%v ag=%s tg=%s]", f.Class, f.Asserted, f.Negated, f.Prospective, f.Demand, f.Reported, f.Agent, f.Target))
		}
		var as []string
		for _, a := range p.Anchors {
			as = append(as, fmt.Sprintf("%s/%s/%s/w=%v", a.Key, a.Kind, a.Party, a.Where))
		}
		return fmt.Sprintf("%s [%s|%s|ind=%s|voice=%v neg=%v] frames=%v anchors=%v nums=%v weap=%v toks=%v\n      %q\n      summary: %s",
			p.Statement, p.SpeakerName, strings.Join(p.Parties, ","), p.Independent, p.Voice, p.Negative, fs, as, p.Numbers, p.Weapons, p.Tokens, p.Content, p.Summary)
	}
	for _, pair := range strings.Split(spec, ";") {
		refs := strings.Fields(pair)
		if len(refs) == 1 {
			t.Logf("%s", show(find(refs[0])))
			continue
		}
		a, b := find(refs[0]), find(refs[1])
		e, ok := lx.Match(a, b, Options{})
		t.Logf("match=%v %.2f %v\n  A %s\n  B %s", ok, e.Score, e.Reasons, show(a), show(b))
	}
}

// TestExploreRepeats lists pairs of voiced statements of different article
// families within rewriteWindow whose sentences share words or figures
// (CLAIMS_EXPLORE_REPEATS=path), most alike first, each marked with what
// repeats says of it and whether the ledger put both in one claim: the
// pairs the rewrite thresholds were read from.
func TestExploreRepeats(t *testing.T) {
	path := os.Getenv("CLAIMS_EXPLORE_REPEATS")
	if path == "" {
		t.Skip("set CLAIMS_EXPLORE_REPEATS=path")
	}
	arts := analyzeCorpus(t)
	lx, _ := Default()
	res := Build(arts, Options{})
	claimOf := map[string]string{}
	for _, c := range res.Claims {
		for _, s := range c.Statements {
			claimOf[s.Article+"/"+s.Statement] = c.ID
		}
	}
	family := func(id string) string {
		if o, ok := res.EchoOf[id]; ok {
			return o
		}
		return id
	}
	file := map[string]string{}
	var all []*Prepared
	for i := range arts {
		u := string(arts[i].Analysis.Article.URL)
		file[arts[i].Analysis.Article.ID] = u[strings.LastIndex(u, "/")+1:][:26]
		pa, err := lx.Prepare(&arts[i].Analysis)
		if err != nil {
			continue
		}
		for j := range pa.Statements {
			if pa.Statements[j].Voice {
				all = append(all, &pa.Statements[j])
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return comparePrepared(all[i], all[j]) < 0 })
	ws := make([]sentenceWords, len(all))
	for i := range all {
		ws[i] = lx.sentenceWords(all[i])
	}
	type row struct {
		sim  float64
		line string
	}
	var rows []row
	for i, a := range all {
		for j := i + 1; j < len(all); j++ {
			c := all[j]
			if g, ok := a.gap(c); ok && g > rewriteWindow {
				break
			}
			if family(a.Article) == family(c.Article) || a.Speaker == c.Speaker {
				continue
			}
			sim := jaccard(ws[i].toks, ws[j].toks)
			shared := sharedStrings(ws[i].figs, ws[j].figs)
			if sim < 0.2 && len(shared) < 2 {
				continue
			}
			why, ok := lx.repeats(c, a, ws[j], ws[i])
			together := claimOf[a.Article+"/"+a.Statement] != "" && claimOf[a.Article+"/"+a.Statement] == claimOf[c.Article+"/"+c.Statement]
			rows = append(rows, row{sim, fmt.Sprintf("repeat=%v together=%v sim=%.2f figs=%v/%d,%d %s\n   %s/%s [%s|%s] %s\n   %s/%s [%s|%s] %s\n", ok, together, sim, shared, len(ws[i].figs), len(ws[j].figs), why,
				file[a.Article], a.Statement, a.SpeakerName, strings.Join(a.Parties, ","), a.Sentence,
				file[c.Article], c.Statement, c.SpeakerName, strings.Join(c.Parties, ","), c.Sentence)})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].sim > rows[j].sim })
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(r.line)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
