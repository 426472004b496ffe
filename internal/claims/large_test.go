package claims

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
)

// largeClaim builds n members of one claim from the voiced statements of
// the first articles of the ukraine-war corpus (real analyses): a pool of
// pool statements cycled through, each copy in an article of its own (six
// statements to an article) published span/n apart, so that the same
// sentence comes back every pool members — within the rewrite window when
// span is short — as a story restated for months would. Every undated-th
// article has no date (0: none).
func largeClaim(tb testing.TB, n, pool int, span time.Duration, undated int) []Member {
	tb.Helper()
	lx, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	z := newAnalyzer(tb)
	var all []*Prepared
	for _, d := range ukraineDocs(tb) {
		if len(all) >= pool {
			break
		}
		a, err := safeAnalyze(tb, z, d)
		if err != nil {
			continue
		}
		pa, err := lx.Prepare(&a)
		if err != nil {
			continue
		}
		for j := range pa.Statements {
			if pa.Statements[j].Voice && len(all) < pool {
				all = append(all, &pa.Statements[j])
			}
		}
	}
	if len(all) < pool {
		tb.Fatalf("only %d voiced statements in the corpus, want %d", len(all), pool)
	}
	base := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	step := 6 * span / time.Duration(n) // between articles
	ms := make([]Member, n)
	for k := range ms {
		p := new(Prepared)
		*p = *all[k%pool]
		p.timeSet = false // the copy gets its own date
		art := k / 6
		p.Article = fmt.Sprintf("a%06d", art)
		p.Statement = fmt.Sprintf("s%d", k%6)
		p.Seq = k % 6
		p.Published = base.Add(time.Duration(art) * step).Format(time.RFC3339)
		if undated > 0 && art%undated == 0 {
			p.Published = ""
		}
		ms[k] = Member{Prepared: p, Family: p.Article}
	}
	return ms
}

// markRepeatsAllPairs is markRepeats as it was before the window: every
// member compared with every earlier one. The reference the windowed one
// must agree with.
func (lx *Lexicon) markRepeatsAllPairs(ms []Member) {
	ws := make([]sentenceWords, len(ms))
	for k := range ms {
		ws[k] = lx.sentenceWords(ms[k].Prepared)
	}
	for i := range ms {
		m := &ms[i]
		if !m.Voice || m.Echo {
			continue
		}
		for j := range i {
			if ms[j].Family == m.Family || (m.Speaker != "" && ms[j].Speaker == m.Speaker) {
				continue
			}
			why, ok := lx.repeats(m.Prepared, ms[j].Prepared, ws[i], ws[j])
			if !ok {
				continue
			}
			m.Echo, m.repeat = true, true
			m.Link = &crosscheck.StatementLink{To: ms[j].Article + "/" + ms[j].Statement, Reasons: []string{why}}
			break
		}
	}
}

// TestMarkRepeatsWindowSameAsAllPairs: comparing each member only with the
// earlier ones inside the rewrite window marks the same repeats, with the
// same reasons, as comparing all pairs — dated and undated members alike.
func TestMarkRepeatsWindowSameAsAllPairs(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		span    time.Duration
		undated int
	}{
		{"dated, a month", 30 * 24 * time.Hour, 0},
		{"dated, a year", 365 * 24 * time.Hour, 0},
		{"some undated", 60 * 24 * time.Hour, 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms := largeClaim(t, 2400, 150, tc.span, tc.undated)
			slices.SortStableFunc(ms, func(x, y Member) int { return comparePrepared(x.Prepared, y.Prepared) })
			want := slices.Clone(ms)
			lx.markRepeatsAllPairs(want)
			got := slices.Clone(ms)
			lx.markRepeats(got)
			repeats := 0
			for i := range want {
				w, g := want[i], got[i]
				if w.Echo != g.Echo || w.repeat != g.repeat {
					t.Fatalf("member %d (%s/%s, %q): repeat %v, all pairs %v", i, g.Article, g.Statement, g.Published, g.repeat, w.repeat)
				}
				if w.repeat {
					repeats++
					if !slices.Equal(w.Link.Reasons, g.Link.Reasons) || w.Link.To != g.Link.To {
						t.Fatalf("member %d: link %+v, all pairs %+v", i, *g.Link, *w.Link)
					}
				}
			}
			if repeats == 0 {
				t.Fatal("no repeats marked: the case tests nothing")
			}
			t.Logf("%d of %d members repeats", repeats, len(ms))
		})
	}
}

// TestVoiceIndexSameAsScan: the counted index of supporters finds an
// earlier voice a supporter is independent of exactly when walking every
// earlier supporter does.
func TestVoiceIndexSameAsScan(t *testing.T) {
	scan := func(prev []supporter, s supporter) bool {
		for _, p := range prev {
			if p.key == s.key || (p.speaker != "" && p.speaker == s.speaker) {
				continue
			}
			independent := (s.indep != "" && len(s.parties) == 0) || (p.indep != "" && len(p.parties) == 0)
			if !independent && len(s.parties) > 0 && len(p.parties) > 0 && !overlaps(s.parties, p.parties) {
				independent = true
			}
			if independent {
				return true
			}
		}
		return false
	}
	partySets := [][]string{nil, {"RU"}, {"UA"}, {"US"}, {"RU", "UA"}, {"UA", "US"}}
	speakers := []string{"", "putin", "zelensky", "isw", "kirby"}
	indeps := []string{"", "", "", "think tank"}
	r := rand.New(rand.NewPCG(1, 2))
	found := 0
	for range 3000 {
		var prev []supporter
		var v voiceIndex
		for range 1 + r.IntN(12) {
			s := supporter{
				key:     fmt.Sprintf("f%d\x00%s", r.IntN(4), speakers[r.IntN(len(speakers))]),
				speaker: speakers[r.IntN(len(speakers))],
				parties: partySets[r.IntN(len(partySets))],
				indep:   indeps[r.IntN(len(indeps))],
			}
			want := scan(prev, s)
			if got := v.independentOf(s); got != want {
				t.Fatalf("supporter %+v after %+v: index says %v, scan %v", s, prev, got, want)
			}
			if want {
				found++
			}
			prev = append(prev, s)
			v.add(s)
		}
	}
	if found == 0 {
		t.Fatal("no independent voice in any sequence: the test checks nothing")
	}
}

// BenchmarkStatusLargeClaim builds the claim of 20,000 statements restated
// over two years (see largeClaim): Status must stay near-linear in the
// members, as one claim of a large ledger can hold hundreds of thousands.
func BenchmarkStatusLargeClaim(b *testing.B) {
	lx, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	ms := largeClaim(b, 20000, 300, 2*365*24*time.Hour, 0)
	b.ReportAllocs()
	for b.Loop() {
		for i := range ms {
			ms[i].Echo, ms[i].repeat, ms[i].Link = false, false, nil
		}
		if _, ok := lx.Status(ms); !ok {
			b.Fatal("no claim")
		}
	}
	b.ReportMetric(float64(len(ms)), "members")
}

// TestPrefixFilterMissesNoPair: any two sentences whose words are at
// least repeatFigureSim alike share a word of their prefixes, whatever
// their sizes — the filter never hides a pair repeats would accept.
func TestPrefixFilterMissesNoPair(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	vocab := make([]string, 24)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%02d", i)
	}
	var sets [][]string
	for range 400 {
		n := 1 + r.IntN(14)
		set := slices.Clone(vocab)
		r.Shuffle(len(set), func(i, j int) { set[i], set[j] = set[j], set[i] })
		set = set[:n]
		slices.Sort(set)
		sets = append(sets, set)
	}
	px := newPrefixIndex(len(sets), func(k int) *sentenceWords { return &sentenceWords{toks: sets[k]} })
	alike := 0
	for i := range sets {
		for j := range i {
			if jaccard(sets[i], sets[j]) < repeatFigureSim {
				continue
			}
			alike++
			if intersect(sortedCopy(px.prefix[i]), sortedCopy(px.prefix[j])) == 0 {
				t.Fatalf("%v and %v are %.2f alike but their prefixes %v and %v share no word",
					sets[i], sets[j], jaccard(sets[i], sets[j]), px.prefix[i], px.prefix[j])
			}
		}
	}
	if alike == 0 {
		t.Fatal("no pair alike enough: the test checks nothing")
	}
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
