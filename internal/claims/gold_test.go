package claims

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/corpora"
)

// goldRef names one statement of the ukraine-war corpus by the byte span of
// its content in the raw file: the corpus text stays in ../shared.
type goldRef struct {
	File   string `json:"file"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	SHA256 string `json:"sha256"`
}

type goldPair struct {
	ID     string  `json:"id"`
	Label  string  `json:"label"` // same | contradicts | different
	A      goldRef `json:"a"`
	B      goldRef `json:"b"`
	Denies string  `json:"denies"` // a | b: the side that negates, for contradicts
	Note   string  `json:"note"`
	// Revised says why a reference was re-pointed after annotation (at
	// the statement of the same article that carries the proposition).
	Revised string `json:"revised,omitempty"`
	// Retired says why the pair is not scored: an endpoint is not a
	// statement by the annotation guidelines (a plan, pledge or offer).
	Retired string `json:"retired,omitempty"`
}

type goldSet struct {
	About string     `json:"about"`
	Pairs []goldPair `json:"pairs"`
}

// goldCorpus is the analyzed war corpus, indexed for the gold tests.
type goldCorpus struct {
	arts   []Article
	byFile map[string]*crosscheck.Analysis
	raw    map[string]string
}

func loadGoldCorpus(tb testing.TB) *goldCorpus {
	tb.Helper()
	gc := &goldCorpus{arts: analyzeCorpus(tb), byFile: map[string]*crosscheck.Analysis{}, raw: map[string]string{}}
	for i := range gc.arts {
		an := &gc.arts[i].Analysis
		u := string(an.Article.URL)
		gc.byFile[u[strings.LastIndex(u, "/")+1:]] = an
	}
	return gc
}

// statement finds the analyzed statement a gold reference points at: the one
// whose content overlaps the referenced span the most, covering at least
// half of the shorter of the two. ok is false when the analyzer has no such
// statement (an analysis miss, reported apart from linking errors).
func (gc *goldCorpus) statement(tb testing.TB, r goldRef) (art, stmt string, ok bool) {
	tb.Helper()
	raw, seen := gc.raw[r.File]
	if !seen {
		b, err := os.ReadFile(corpora.For(tb, "corpora", "ukraine-war", "articles", r.File))
		if err != nil {
			tb.Fatal(err)
		}
		raw = string(b)
		gc.raw[r.File] = raw
	}
	if r.Start < 0 || r.End > len(raw) || r.Start >= r.End {
		tb.Fatalf("%s: span %d-%d outside the file", r.File, r.Start, r.End)
	}
	span := raw[r.Start:r.End]
	if h := sha256.Sum256([]byte(span)); hex.EncodeToString(h[:])[:len(r.SHA256)] != r.SHA256 {
		tb.Fatalf("%s %d-%d: the corpus text changed (hash differs)", r.File, r.Start, r.End)
	}
	an := gc.byFile[r.File]
	if an == nil {
		return "", "", false
	}
	// Extraction may reflow the text: find the span in the analyzed text,
	// nearest to its raw offset.
	start := r.Start
	if start+len(span) > len(an.Article.Text) || an.Article.Text[start:start+len(span)] != span {
		start = nearestIndex(an.Article.Text, span, r.Start)
		if start < 0 {
			return "", "", false
		}
	}
	end := start + len(span)
	best, bestOver := "", 0
	for _, st := range an.Statements {
		over := min(end, st.Content.End) - max(start, st.Content.Start)
		if over <= 0 || 2*over < min(end-start, st.Content.End-st.Content.Start) {
			continue
		}
		if over > bestOver {
			best, bestOver = st.ID, over
		}
	}
	return an.Article.ID, best, best != ""
}

func nearestIndex(text, s string, near int) int {
	best := -1
	for from := 0; ; {
		i := strings.Index(text[from:], s)
		if i < 0 {
			return best
		}
		i += from
		if best < 0 || abs(i-near) < abs(best-near) {
			best = i
		}
		from = i + 1
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// goldScore is what the gold set measures on one ledger.
type goldScore struct {
	same, sameLinked           int // "same" pairs, and those in one claim
	diff, diffLinked           int // hard negatives, and those wrongly in one claim
	contra, contraLinked       int // "contradicts" pairs, and those in one claim
	contraDisputed             int // ... whose claim is disputed with the denying side as evidence
	unanalyzed                 int // references the analyzer has no statement for
	retired                    int // pairs not scored (see goldPair.Retired)
	misses, falseLinks, undisp []string
}

func (s goldScore) precision() float64 {
	tp := s.sameLinked + s.contraLinked
	if tp+s.diffLinked == 0 {
		return 0
	}
	return float64(tp) / float64(tp+s.diffLinked)
}

func (s goldScore) recall() float64 {
	if s.same == 0 {
		return 0
	}
	return float64(s.sameLinked) / float64(s.same)
}

func (s goldScore) disputeRecall() float64 {
	if s.contra == 0 {
		return 0
	}
	return float64(s.contraDisputed) / float64(s.contra)
}

// scoreGold measures linking on the groups Build joins (a group no voice
// makes — two demands, two offers — is still a link, though the ledger
// shows no claim for it) and disputes on the claims it returns.
func scoreGold(tb testing.TB, gc *goldCorpus, gs goldSet, res Result, group map[Ref]int) goldScore {
	tb.Helper()
	type key struct{ art, stmt string }
	claimOf := map[key]int{}
	for i, c := range res.Claims {
		for _, s := range c.Statements {
			claimOf[key{s.Article, s.Statement}] = i
		}
	}
	var sc goldScore
	for _, p := range gs.Pairs {
		if p.A.File == p.B.File {
			tb.Fatalf("%s: both statements in %s; the gold set is about different articles", p.ID, p.A.File)
		}
		aa, as, okA := gc.statement(tb, p.A)
		ba, bs, okB := gc.statement(tb, p.B)
		if p.Retired != "" {
			sc.retired++
			continue
		}
		switch p.Label {
		case "same":
			sc.same++
		case "different":
			sc.diff++
		case "contradicts":
			sc.contra++
		default:
			tb.Fatalf("%s: unknown label %q", p.ID, p.Label)
		}
		if !okA || !okB {
			sc.unanalyzed++
			if p.Label != "different" {
				sc.misses = append(sc.misses, p.ID+" (not analyzed): "+p.Note)
			}
			continue
		}
		ga, inA := group[Ref{aa, as}]
		gb, inB := group[Ref{ba, bs}]
		linked := inA && inB && ga == gb
		ca, okA := claimOf[key{aa, as}]
		cb, okB := claimOf[key{ba, bs}]
		line := fmt.Sprintf("%s %s/%s ~ %s/%s: %s", p.ID, p.A.File[:24], as, p.B.File[:24], bs, p.Note)
		switch p.Label {
		case "same":
			if linked {
				sc.sameLinked++
			} else {
				sc.misses = append(sc.misses, line)
			}
		case "different":
			if linked {
				sc.diffLinked++
				sc.falseLinks = append(sc.falseLinks, line)
			}
		case "contradicts":
			if !linked {
				sc.misses = append(sc.misses, line)
				sc.undisp = append(sc.undisp, line+" (not linked)")
				break
			}
			sc.contraLinked++
			if !okA || !okB || ca != cb {
				sc.undisp = append(sc.undisp, line+" (no claim holds both)")
				break
			}
			denier := aa
			if p.Denies == "b" {
				denier = ba
			}
			c := res.Claims[ca]
			disputed := false
			for _, e := range c.Evidence {
				if e.Status == crosscheck.StatusDisputed && e.Article == denier {
					disputed = true
				}
			}
			if disputed {
				sc.contraDisputed++
			} else {
				sc.undisp = append(sc.undisp, line+fmt.Sprintf(" (linked, status %v)", c.Status))
			}
		}
	}
	return sc
}

// readGold reads a pair set of testdata/links ("gold.json", "review.json")
// and checks it holds at least min pairs in use.
func readGold(tb testing.TB, name string, min int) goldSet {
	tb.Helper()
	var gs goldSet
	readJSON(tb, filepath.Join("testdata", "links", name), &gs)
	scored := 0
	for _, p := range gs.Pairs {
		if p.Retired == "" {
			scored++
		}
	}
	if scored < min {
		tb.Fatalf("%s has %d pairs in use, want at least %d", name, scored, min)
	}
	return gs
}

// measureGold builds the ledger of the analyzed war corpus and scores it on
// the pair set name of testdata/links (at least min pairs in use).
func measureGold(t *testing.T, name string, min int) (goldScore, goldSet, *goldCorpus) {
	t.Helper()
	gs := readGold(t, name, min)
	gc := loadGoldCorpus(t)
	res := Build(gc.arts, Options{})
	return scoreGold(t, gc, gs, res, groups(gc.arts, Options{})), gs, gc
}

// TestLinkGold builds the ledger of the whole ukraine-war corpus from real
// analyses and measures it on the link gold set (testdata/links/gold.json):
// link precision over every pair the ledger joined (same and contradicts
// pairs are right, hard negatives wrong), link recall over the "same"
// pairs, and dispute recall over the "contradicts" pairs (joined, and the
// claim disputed with the denying article as evidence).
func TestLinkGold(t *testing.T) {
	if testing.Short() {
		t.Skip("analyzes 439 articles")
	}
	sc, _, _ := measureGold(t, "gold.json", 60)
	t.Logf("gold: %d same (%d linked), %d contradicts (%d linked, %d disputed), %d hard negatives (%d linked), %d pairs with a reference not analyzed, %d retired",
		sc.same, sc.sameLinked, sc.contra, sc.contraLinked, sc.contraDisputed, sc.diff, sc.diffLinked, sc.unanalyzed, sc.retired)
	t.Logf("link precision %.3f, link recall %.3f, dispute recall %.3f", sc.precision(), sc.recall(), sc.disputeRecall())
	if testing.Verbose() {
		t.Logf("missed:\n%s", strings.Join(sc.misses, "\n"))
		t.Logf("hard negatives joined:\n%s", strings.Join(sc.falseLinks, "\n"))
		t.Logf("contradictions not disputed:\n%s", strings.Join(sc.undisp, "\n"))
	}
	// The floors of issue 9; the figures above are the measurement.
	if sc.precision() < 0.90 {
		t.Errorf("link precision %.3f < 0.90", sc.precision())
	}
	if sc.recall() < 0.70 {
		t.Errorf("link recall %.3f < 0.70", sc.recall())
	}
	if sc.disputeRecall() < 0.60 {
		t.Errorf("dispute recall %.3f < 0.60", sc.disputeRecall())
	}
}

// TestLinkReview measures the ledger on testdata/links/review.json: pairs
// drawn from what the linker of af7d876 missed (statements of different
// articles and parties, sharing words, in different claims), read and
// labelled before any change meant to find them, with hard negatives
// drawn from the pairs the reviewers judged different. Its recall says how
// much of that ledger's misses a change finds; its hard negatives, what it
// joins wrongly on the way. The floors are the figures reached, so that a
// change that loses them fails.
func TestLinkReview(t *testing.T) {
	if testing.Short() {
		t.Skip("analyzes 439 articles")
	}
	sc, gs, gc := measureGold(t, "review.json", 90)
	t.Logf("review: %d same (%d linked), %d contradicts (%d linked, %d disputed), %d hard negatives (%d linked), %d pairs with a reference not analyzed",
		sc.same, sc.sameLinked, sc.contra, sc.contraLinked, sc.contraDisputed, sc.diff, sc.diffLinked, sc.unanalyzed)
	if testing.Verbose() {
		t.Logf("missed:\n%s", strings.Join(sc.misses, "\n"))
		t.Logf("hard negatives joined:\n%s", strings.Join(sc.falseLinks, "\n"))
	}
	if sc.diffLinked > 0 {
		t.Errorf("%d hard negatives joined, want none", sc.diffLinked)
	}
	// Reached so far: r1-473 (session 37, two wordings of one forecast
	// sharing exactly 60% of the shorter one's word weight,
	// TestMostSharedAtTheBound), an excerpted quotation (session 38), the
	// build-up in other words (session 39), the emboldening argument
	// (session 40), "no information on whether he has decided" as "has not
	// yet decided" (session 40), the agreement to continue the dialogue
	// told by each side (r2-91: joint doers, session 42), "won't stop at
	// Ukraine" told by two governments (r1-59), energy used as a weapon
	// (r1-317) and the buffer zone (r2-130): predicates that name a whole
	// proposition, session 43; and
	// contradictions disputed: r1-330
	// (session 39), "convinced that Putin has made a decision" against
	// "has not yet made a decision about whether to invade" (r1-181,
	// r2-467: a decision of no object, session 42).
	if sc.sameLinked < 11 {
		t.Errorf("%d same pairs linked, want at least 11", sc.sameLinked)
	}
	if sc.contraDisputed < 3 {
		t.Errorf("%d contradictions disputed, want at least 3", sc.contraDisputed)
	}
	if sc.unanalyzed > 0 {
		var ids []string
		for _, p := range gs.Pairs {
			_, _, okA := gc.statement(t, p.A)
			_, _, okB := gc.statement(t, p.B)
			if !okA || !okB {
				ids = append(ids, p.ID)
			}
		}
		t.Errorf("%d pairs name a statement the analysis no longer finds: %v", sc.unanalyzed, ids)
	}
}

// TestLinkGoldExplain prints, for every gold pair, both statements'
// features and what Match says of them directly (CLAIMS_EXPLAIN=1, or
// CLAIMS_EXPLAIN=review for review.json): the tool to see why a pair is or
// is not joined.
func TestLinkGoldExplain(t *testing.T) {
	if os.Getenv("CLAIMS_EXPLAIN") == "" {
		t.Skip("set CLAIMS_EXPLAIN=1")
	}
	name := "gold.json"
	if os.Getenv("CLAIMS_EXPLAIN") == "review" {
		name = "review.json"
	}
	gs := readGold(t, name, 1)
	gc := loadGoldCorpus(t)
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	prep := map[string]PreparedArticle{}
	find := func(art, stmt string) *Prepared {
		for _, f := range gc.byFile {
			if f.Article.ID != art {
				continue
			}
			pa, ok := prep[art]
			if !ok {
				if pa, err = lx.Prepare(f); err != nil {
					t.Fatal(err)
				}
				prep[art] = pa
			}
			for i := range pa.Statements {
				if pa.Statements[i].Statement == stmt {
					return &pa.Statements[i]
				}
			}
		}
		return nil
	}
	show := func(p *Prepared) string {
		var fs []string
		for _, f := range p.Frames {
			fs = append(fs, fmt.Sprintf("%s[a=%v n=%v p=%v d=%v ag=%s tg=%s]", f.Class, f.Asserted, f.Negated, f.Prospective, f.Demand, f.Agent, f.Target))
		}
		var as []string
		for _, a := range p.Anchors {
			as = append(as, a.Key+"/"+a.Kind+"/"+a.Party)
		}
		return fmt.Sprintf("%s [%s|%s|voice=%v neg=%v] frames=%v anchors=%v nums=%v toks=%v\n      %q\n      summary: %s",
			p.Statement, p.SpeakerName, strings.Join(p.Parties, ","), p.Voice, p.Negative, fs, as, p.Numbers, p.Tokens, p.Content, p.Summary)
	}
	for _, p := range gs.Pairs {
		if f := os.Getenv("CLAIMS_EXPLAIN_PAIR"); f != "" && !strings.Contains(","+f+",", ","+p.ID+",") {
			continue
		}
		aa, as, _ := gc.statement(t, p.A)
		ba, bs, _ := gc.statement(t, p.B)
		pa, pb := find(aa, as), find(ba, bs)
		if pa == nil || pb == nil {
			t.Logf("%s %s: not analyzed", p.ID, p.Label)
			continue
		}
		e, ok := lx.Match(pa, pb, Options{})
		l := lx.lexical(pa, pb)
		t.Logf("%s %s (%s) match=%v %.2f %v\n  words: %d shared (%d named, %d rare), weight %.2f of %.2f and %.2f, similarity %.2f, frames apart %v\n  A %s\n  B %s",
			p.ID, p.Label, p.Note, ok, e.Score, e.Reasons, l.n, l.named, l.rare, l.shared, l.wa, l.wb, l.jaccard, lx.framesApart(pa, pb), show(pa), show(pb))
	}
}
