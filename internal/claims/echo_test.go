package claims

import (
	"encoding/csv"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"

	"github.com/crosscheck/crosscheck"

	"github.com/crosscheck/crosscheck/internal/corpora"
)

// echoDoc is one real article of the shared corpora.
type echoDoc struct {
	name  string // file name or Wikinews URL
	day   string // YYYY-MM-DD
	title string
	text  string
}

// echoPair is one labelled pair of the echo set.
type echoPair struct {
	a, b string
	echo bool
	kind string
}

// minEchoWords is the size below which an article is not turned into
// positives: a 9-word snippet re-published is not a wire copy anyone could
// recognise as such, and the corpus holds a few such fragments.
const minEchoWords = 80

func loadEchoDocs(t testing.TB) []echoDoc {
	t.Helper()
	var docs []echoDoc
	dir := corpora.For(t, "corpora", "ukraine-war", "articles")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		n := e.Name()
		docs = append(docs, echoDoc{name: n, day: n[0:4] + "-" + n[4:6] + "-" + n[6:8], text: string(b)})
	}
	for _, f := range []string{"wikinews_2019.csv", "wikinews_2020.csv"} {
		fh, err := os.Open(filepath.Join(corpora.For(t, "corpora", "wikinews"), f))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(fh).ReadAll()
		fh.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, r := range recs[1:] {
			docs = append(docs, echoDoc{name: r[0], day: r[1], title: r[2], text: r[3]})
		}
	}
	return docs
}

func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func loadBoilerplate(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "boilerplate.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// corpusEchoes are pairs of different files of the ukraine-war corpus that
// re-publish the same text, found by inspecting every same-day pair with
// shingle containment above 0.5 (TestEchoExplore lists them).
var corpusEchoes = map[[2]string]bool{
	// The same wire story on Putin's inauguration, updated with an edited lead.
	{"20240507T074500Z_GB_en_8d006a54b7.txt", "20240507T114500Z_GB_en_333d18aad4.txt"}: true,
	// Two Ukrinform reports carrying the full Crimea Platform joint statement.
	{"20220823T194500Z_UA_en_e269731c54.txt", "20220823T220000Z_UA_en_6eb669340a.txt"}: true,
	// A Fox News story re-published with a new lead: 26 of its 41 paragraphs are shared.
	{"20220202T180000Z_US_en_46dc752107.txt", "20220202T194500Z_US_en_dc57ec8f01.txt"}: true,
	// The same page saved twice, five hours apart, with one word changed.
	{"20220714T170000Z_PL_en_07addd3422.txt", "20220714T220000Z_PL_en_07addd3422.txt"}: true,
}

// echoTransforms turn one article into a near-copy, as outlets do when they
// re-publish wire copy.
var echoTransforms = []string{"boilerplate", "cut-ending", "edited-lead", "headline", "combined"}

func wrap(r *rand.Rand, bp []string, body string) string {
	pick := func(n int) []string {
		var out []string
		for range n {
			out = append(out, bp[r.IntN(len(bp))])
		}
		return out
	}
	head := pick(1 + r.IntN(3))
	foot := pick(1 + r.IntN(3))
	return strings.Join(head, "\n\n") + "\n\n" + body + "\n\n" + strings.Join(foot, "\n\n")
}

// cut keeps the first 60-85% of the text's words, ending at a paragraph or
// sentence boundary and keeping the paragraph structure.
func cut(r *rand.Rand, text string) string {
	keep := 0.60 + 0.25*r.Float64()
	ps := paragraphs(text)
	total := len(words(text))
	budget := int(float64(total)*keep + 0.5)
	var out []string
	n := 0
	for _, p := range ps {
		w := len(words(p))
		if n+w <= budget {
			out = append(out, p)
			n += w
			continue
		}
		var kept strings.Builder
		for _, s := range strings.SplitAfter(p, ". ") {
			sw := len(words(s))
			if n+sw > budget && kept.Len() > 0 {
				break
			}
			kept.WriteString(s)
			n += sw
		}
		out = append(out, strings.TrimSpace(kept.String()))
		break
	}
	return strings.Join(out, "\n\n")
}

// editLead rewrites the lead: a dateline, and the first paragraph's words
// (only its first sentence when the paragraph holds most of the text) in
// another order, which removes every one of their shingles.
func editLead(r *rand.Rand, text string) string {
	ps := paragraphs(text)
	if len(ps) == 0 {
		return text
	}
	lead, rest := ps[0], ""
	if len(words(lead))*5 > len(words(text))*2 {
		if i := strings.Index(lead, ". "); i > 0 {
			lead, rest = lead[:i+1], lead[i+1:]
		}
	}
	ws := strings.Fields(lead)
	r.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
	ps[0] = "KYIV, Ukraine (Wire) — " + strings.Join(ws, " ") + rest
	return strings.Join(ps, "\n\n")
}

func headline(r *rand.Rand, d echoDoc, text string) string {
	h := d.title
	ws := strings.Fields(text)
	if len(ws) > 12 {
		ws = slices.Clone(ws[:12])
	}
	r.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
	if h == "" || r.IntN(2) == 0 {
		h = strings.Join(ws, " ")
	}
	return "BREAKING: " + h + "\n\n" + text
}

func transform(r *rand.Rand, bp []string, d echoDoc, kind string) string {
	switch kind {
	case "boilerplate":
		return wrap(r, bp, d.text)
	case "cut-ending":
		return cut(r, d.text)
	case "edited-lead":
		return editLead(r, d.text)
	case "headline":
		return headline(r, d, d.text)
	default:
		return wrap(r, bp, headline(r, d, editLead(r, cut(r, d.text))))
	}
}

// topicWords is the set of words of 4 letters or more, as sorted hashes: a
// crude topical fingerprint used to find the hardest negatives.
func topicWords(text string) []uint64 {
	var hs []uint64
	for _, w := range words(text) {
		if len(w) >= 4 {
			hs = append(hs, xxhash.Sum64String(w))
		}
	}
	slices.Sort(hs)
	return slices.Compact(hs)
}

// jacc is the Jaccard similarity of two sorted sets of hashes.
func jacc(a, b []uint64) float64 {
	_, j := overlap(a, b)
	return j
}

// buildEchoPairs builds the labelled set. Positives: every article of at
// least minEchoWords words, through each transform, against the original
// (boilerplate: against another boilerplate wrapping of itself). Negatives:
// every pair of different articles published the same day; for every
// article its two topically nearest other articles (word-set Jaccard); and
// "shared paragraph" pairs where one article quotes the longest paragraph
// of another (at most a quarter of the other's words).
func buildEchoPairs(t testing.TB) (pairs []echoPair, desc string) {
	docs := loadEchoDocs(t)
	bp := loadBoilerplate(t)
	r := rand.New(rand.NewPCG(2026, 11))
	counts := map[string]int{}
	add := func(p echoPair) {
		pairs = append(pairs, p)
		counts[p.kind]++
	}
	for _, d := range docs {
		if len(words(d.text)) < minEchoWords {
			continue
		}
		for _, k := range echoTransforms {
			a := d.text
			if k == "boilerplate" {
				a = wrap(r, bp, d.text)
			}
			add(echoPair{a: a, b: transform(r, bp, d, k), echo: true, kind: "pos/" + k})
		}
	}
	// The corpora hold some articles twice (the same text under two names)
	// and a few re-publications; those pairs are echoes, whatever their
	// day, so they are positives, never negatives.
	norm := make([]string, len(docs))
	for i, d := range docs {
		norm[i] = strings.Join(strings.Fields(d.text), " ")
	}
	isCorpusEcho := func(i, j int) bool {
		return norm[i] == norm[j] || corpusEchoes[[2]string{docs[i].name, docs[j].name}] || corpusEchoes[[2]string{docs[j].name, docs[i].name}]
	}
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			if isCorpusEcho(i, j) {
				add(echoPair{a: docs[i].text, b: docs[j].text, echo: true, kind: "pos/corpus-duplicate"})
			}
		}
	}
	byDay := map[string][]int{}
	for i, d := range docs {
		byDay[d.day] = append(byDay[d.day], i)
	}
	days := make([]string, 0, len(byDay))
	for d := range byDay {
		days = append(days, d)
	}
	sort.Strings(days)
	for _, day := range days {
		ix := byDay[day]
		for i := range ix {
			for j := i + 1; j < len(ix); j++ {
				if !isCorpusEcho(ix[i], ix[j]) {
					add(echoPair{a: docs[ix[i]].text, b: docs[ix[j]].text, kind: "neg/same-day"})
				}
			}
		}
	}
	tw := make([][]uint64, len(docs))
	for i, d := range docs {
		tw[i] = topicWords(d.text)
	}
	seen := map[[2]int]bool{}
	for i := range docs {
		type nb struct {
			j int
			s float64
		}
		var nbs []nb
		for j := range docs {
			if j != i {
				nbs = append(nbs, nb{j, jacc(tw[i], tw[j])})
			}
		}
		sort.Slice(nbs, func(x, y int) bool {
			if nbs[x].s != nbs[y].s {
				return nbs[x].s > nbs[y].s
			}
			return nbs[x].j < nbs[y].j
		})
		for _, n := range nbs[:2] {
			key := [2]int{min(i, n.j), max(i, n.j)}
			if seen[key] || docs[i].day == docs[n.j].day || isCorpusEcho(i, n.j) {
				continue
			}
			seen[key] = true
			add(echoPair{a: docs[i].text, b: docs[n.j].text, kind: "neg/topical"})
		}
	}
	for i, d := range docs {
		ps := paragraphs(d.text)
		if len(ps) < 5 {
			continue
		}
		long := slices.MaxFunc(ps, func(x, y string) int { return len(x) - len(y) })
		if len(words(long))*4 > len(words(d.text)) {
			continue
		}
		h := (i + 7) % len(docs)
		host := docs[h]
		if isCorpusEcho(i, h) || len(words(host.text)) < 4*len(words(long)) {
			// A host barely longer than the paragraph is an excerpt of d,
			// which is an echo, not a negative.
			continue
		}
		hp := paragraphs(host.text)
		mid := len(hp) / 2
		quoted := strings.Join(slices.Concat(hp[:mid], []string{long}, hp[mid:]), "\n\n")
		add(echoPair{a: d.text, b: quoted, kind: "neg/shared-paragraph"})
	}
	var ks []string
	for k := range counts {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var sb strings.Builder
	fmt.Fprintf(&sb, "echo set from %d real articles (ukraine-war + Wikinews), %d long enough for positives (≥%d words):", len(docs), counts["pos/boilerplate"], minEchoWords)
	for _, k := range ks {
		fmt.Fprintf(&sb, " %s=%d", k, counts[k])
	}
	return pairs, sb.String()
}

type confusion struct{ tp, fp, fn, tn int }

func (c confusion) precision() float64 { return float64(c.tp) / float64(max(1, c.tp+c.fp)) }
func (c confusion) recall() float64    { return float64(c.tp) / float64(max(1, c.tp+c.fn)) }

func (c *confusion) add(want, got bool) {
	switch {
	case want && got:
		c.tp++
	case want:
		c.fn++
	case got:
		c.fp++
	default:
		c.tn++
	}
}

// TestEchoPrecisionRecall measures IsEcho on the labelled pair set and
// asserts precision ≥ 0.98 and recall ≥ 0.95, and that LSH banding finds
// the positives as candidates.
func TestEchoPrecisionRecall(t *testing.T) {
	pairs, desc := buildEchoPairs(t)
	t.Log(desc)
	// Each text appears in several pairs: shingle it and sign it once.
	type prepared struct {
		set  Shingles
		sig  Signature
		band []uint64
	}
	cache := map[string]*prepared{}
	prep := func(text string) *prepared {
		if p, ok := cache[text]; ok {
			return p
		}
		p := &prepared{set: shingleSet(text), sig: Sign(text)}
		p.band = Bands(p.sig)
		cache[text] = p
		return p
	}
	var all, sig, lsh, pipe confusion
	per := map[string]*confusion{}
	for i, p := range pairs {
		pa, pb := prep(p.a), prep(p.b)
		got := echoSets(pa.set, pb.set)
		if i%50 == 0 && got != IsEcho(p.a, p.b) {
			t.Fatal("IsEcho disagrees with its shingle sets")
		}
		all.add(p.echo, got)
		if per[p.kind] == nil {
			per[p.kind] = &confusion{}
		}
		per[p.kind].add(p.echo, got)
		sig.add(p.echo, IsEchoSig(pa.sig, pb.sig))
		lsh.add(p.echo, shareBand(pa.band, pb.band))
		pipe.add(p.echo, got && shareBand(pa.band, pb.band))
		if p.echo != got && testing.Verbose() {
			c, j := Overlap(p.a, p.b)
			t.Logf("miss %s: containment %.3f jaccard %.3f (%d/%d words) %q | %q", p.kind, c, j, len(words(p.a)), len(words(p.b)), head(p.a), head(p.b))
		}
	}
	var ks []string
	for k := range per {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		c := per[k]
		t.Logf("  %-22s echo %4d / %4d", k, c.tp+c.fp, c.tp+c.fp+c.fn+c.tn)
	}
	t.Logf("IsEcho (exact 4-shingle containment ≥ %.2f, ≥ %d shingles): precision %.4f recall %.4f (tp %d fp %d fn %d tn %d)",
		echoContainment, echoMinShingles, all.precision(), all.recall(), all.tp, all.fp, all.fn, all.tn)
	t.Logf("IsEchoSig (estimated Jaccard ≥ %.2f): precision %.4f recall %.4f", echoSigJaccard, sig.precision(), sig.recall())
	t.Logf("LSH candidates (%d bands × %d rows share a key): positives found %.4f, negatives flagged %d of %d",
		numBands, bandRows, lsh.recall(), lsh.fp, lsh.fp+lsh.tn)
	t.Logf("Build's pipeline (band candidates, then IsEcho): precision %.4f recall %.4f", pipe.precision(), pipe.recall())
	if pipe.precision() < 0.98 || pipe.recall() < 0.95 {
		t.Errorf("pipeline precision %.4f recall %.4f, want ≥ 0.98 and ≥ 0.95", pipe.precision(), pipe.recall())
	}
	if all.precision() < 0.98 || all.recall() < 0.95 {
		t.Errorf("IsEcho precision %.4f recall %.4f, want ≥ 0.98 and ≥ 0.95", all.precision(), all.recall())
	}
	// Build and the store find candidates through bands, then verify with
	// IsEcho: the bands must find the positives IsEcho would accept.
	if lsh.recall() < 0.95 {
		t.Errorf("LSH candidate recall %.4f, want ≥ 0.95", lsh.recall())
	}
}

func shareBand(a, b []uint64) bool {
	for i := range a {
		if i < len(b) && a[i] == b[i] {
			return true
		}
	}
	return false
}

// TestEchoExplore prints the measurement behind the chosen parameters:
// precision and recall of containment and Jaccard thresholds for 3-, 4- and
// 5-word shingles, and candidate recall of band layouts. Run with
// CLAIMS_EXPLORE=1 go test -run TestEchoExplore -v ./internal/claims.
func TestEchoExplore(t *testing.T) {
	if os.Getenv("CLAIMS_EXPLORE") == "" {
		t.Skip("set CLAIMS_EXPLORE=1 to print the parameter measurement")
	}
	pairs, desc := buildEchoPairs(t)
	t.Log(desc)
	for _, p := range pairs {
		if !p.echo {
			if c, j := Overlap(p.a, p.b); c > 0.5 {
				t.Logf("high-overlap negative %s: containment %.3f jaccard %.3f %q | %q", p.kind, c, j, head(p.a), head(p.b))
			}
		}
	}
	for _, k := range []int{3, 4, 5} {
		type ov struct{ c, j float64 }
		ovs := make([]ov, len(pairs))
		for i, p := range pairs {
			a, b := shingleSetK(p.a, k), shingleSetK(p.b, k)
			if min(len(a), len(b)) < echoMinShingles {
				continue
			}
			ovs[i].c, ovs[i].j = overlap(a, b)
		}
		for _, th := range []float64{0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8} {
			var cc, jc confusion
			for i, p := range pairs {
				cc.add(p.echo, ovs[i].c >= th)
				jc.add(p.echo, ovs[i].j >= th)
			}
			t.Logf("k=%d th=%.2f containment P %.4f R %.4f | jaccard P %.4f R %.4f", k, th, cc.precision(), cc.recall(), jc.precision(), jc.recall())
		}
	}
	for _, rows := range []int{2, 3, 4, 8} {
		var c confusion
		for _, p := range pairs {
			sa, sb := Sign(p.a), Sign(p.b)
			hit := false
			for b := 0; b+rows <= numHashes; b += rows { // 3 rows: 42 bands, the last 2 rows unused
				if slices.Equal(sa[b:b+rows], sb[b:b+rows]) && !sa.empty() {
					hit = true
					break
				}
			}
			c.add(p.echo, hit)
		}
		t.Logf("bands of %d rows (%d bands): candidate recall %.4f, negatives flagged %d of %d", rows, numHashes/rows, c.recall(), c.fp, c.fp+c.tn)
	}
}

func head(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 70 {
		s = s[:70]
	}
	return s
}

// TestOverlapSorted checks the merge over sorted shingle sets against a
// count through a map, on pairs of real war-corpus articles (neighbours
// in date order, so that some share whole paragraphs).
func TestOverlapSorted(t *testing.T) {
	docs := loadEchoDocs(t)
	shared := 0
	for i := 1; i < len(docs) && i < 400; i++ {
		a, b := shingleSet(docs[i-1].text), shingleSet(docs[i].text)
		if !slices.IsSorted(a) || len(slices.Compact(slices.Clone(a))) != len(a) {
			t.Fatalf("%s: shingle set not sorted and unique", docs[i-1].name)
		}
		in := map[uint64]bool{}
		for _, h := range shinglesK(docs[i].text, shingleWords) {
			in[h] = true
		}
		n := 0
		for _, h := range a {
			if in[h] {
				n++
			}
		}
		if n > 0 {
			shared++
		}
		small := min(len(a), len(b))
		if small == 0 {
			continue
		}
		c, j := overlap(a, b)
		if want := float64(n) / float64(small); c != want {
			t.Fatalf("%s/%s: containment %v, want %v", docs[i-1].name, docs[i].name, c, want)
		}
		if want := float64(n) / float64(len(a)+len(b)-n); j != want {
			t.Fatalf("%s/%s: jaccard %v, want %v", docs[i-1].name, docs[i].name, j, want)
		}
	}
	if shared == 0 {
		t.Fatal("no pair shared a shingle: the test compared nothing")
	}
}

// TestEchoWithin: the window's edges, to the second, in both directions,
// and undated articles, which no window bounds.
func TestEchoWithin(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"2024-03-01T10:00:00Z", "2024-03-15T10:00:00Z", true},
		{"2024-03-01T10:00:00Z", "2024-03-15T10:00:01Z", false},
		{"2024-03-15T10:00:00Z", "2024-03-01T10:00:00Z", true},
		{"2024-03-01", "2024-03-15", true},
		{"2024-03-01", "2024-03-16", false},
		{"2024-03-01T10:00:00+02:00", "2024-03-15T08:00:00Z", true},
		{"", "2024-03-15T10:00:00Z", true},
		{"2021-01-01", "", true},
	} {
		if got := EchoWithin(tc.a, tc.b); got != tc.want {
			t.Errorf("EchoWithin(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestBuildEchoWindow: Build folds a longer version of a story into it
// within the window only, and the same text at any distance. (Text
// written for this test.)
func TestBuildEchoWindow(t *testing.T) {
	story := "The night train from the capital stopped for three hours outside the border town after a signal failure on the single track. " +
		"Passengers waited in unheated carriages while railway staff walked along the line with lamps, checking each of the old relay boxes in turn. " +
		"A spokeswoman for the railway company said the fault had been found in a cable damaged by frost and that the line would be inspected again at dawn."
	extra := "Local officials promised to ask the ministry for money to replace the whole signalling system before next winter, a project they said had been postponed twice already."
	art := func(id, published, text string) Article {
		return Article{Analysis: crosscheck.Analysis{Article: crosscheck.Article{ID: id, Published: crosscheck.NullString(published), Text: text}}}
	}
	res := Build([]Article{
		art("orig", "2023-01-10T06:00:00Z", story),
		art("wire", "2023-01-12T06:00:00Z", story+"\n\n"+extra),
		art("later", "2023-03-01T06:00:00Z", extra+"\n\n"+story),
		art("again", "2024-01-10T06:00:00Z", story),
	}, Options{})
	want := map[string]string{"wire": "orig", "again": "orig"}
	if !maps.Equal(res.EchoOf, want) {
		t.Errorf("EchoOf = %v, want %v", res.EchoOf, want)
	}
}
