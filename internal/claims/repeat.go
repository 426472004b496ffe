package claims

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck"
)

// Rewritten copies. An echo (minhash.go) is a re-publication of the same
// text. A rewrite is the same wire story re-edited or translated by another
// outlet: its sentences carry the same facts in other words, so shingles
// miss it, and the analyzer may even give a sentence another speaker ("the
// company says it has sold 150 tickets" under a transliterated founder's
// name, or under the official named in the sentence before). Counted as a
// voice, a rewrite corroborates its own source.
//
// Whole-article overlap does not tell a rewrite from another outlet's own
// report of the same event: on hand-labelled pairs of the war corpus the
// overlap of content words (Jaccard 0.19–0.35) and of figures was the same
// for both. What a rewrite keeps is the sentence: a statement of a later
// article is taken for a repeat of a statement of an earlier one (another
// article family, published at most rewriteWindow before) when their
// sentences say the same figures in much the same words:
//
//   - at least repeatFigures figures in common, every figure of the
//     sentence with fewer figures said by the other, and a Jaccard
//     similarity of their content words of at least repeatFigureSim; or
//   - no figure of the sentence with fewer figures missing from the other,
//     and a Jaccard similarity of their content words of at least
//     repeatSim, both sentences holding at least repeatMinWords (the same
//     sentence, re-edited; shorter ones are alike by chance).
//
// Not when each sentence names its own speaker by a word the other lacks
// ("US officials say…" / "Kyiv's defence ministry says…"): a rewrite keeps
// its source, two sources naming themselves are two voices.
// Two sources who each say the same thing in their own words rarely share
// the rest; two outlets quoting the same person are one voice anyway (the
// same speaker is never independent). The thresholds were read off every
// pair of voiced statements of the war corpus in different article
// families within the window (TestExploreRepeats).
const (
	rewriteWindow   = 4 * 24 * time.Hour
	repeatFigures   = 2
	repeatFigureSim = 0.3
	repeatSim       = 0.5
	repeatMinWords  = 5
)

// sentenceWords is what repeats compares of a statement's sentence: its
// content words (stop words and negations removed, stemmed) and figures.
type sentenceWords struct {
	toks []string
	figs []string
	name []string // content words of the speaker's name (namesOwnSpeaker)
}

func (lx *Lexicon) sentenceWords(p *Prepared) sentenceWords {
	s := p.Sentence
	if s == "" {
		s = p.Content
	}
	ts := tokenize(s)
	toks, _ := lx.contentOf(ts)
	// Figures are compared apart: a token that is a figure would count
	// twice.
	out := toks[:0]
	for _, t := range toks {
		if t != "" && (t[0] < '0' || t[0] > '9') {
			out = append(out, t)
		}
	}
	name, _ := lx.content(p.SpeakerName)
	return sentenceWords{toks: out, figs: numbers(s, ts), name: name}
}

// repeats reports whether later, a statement of another article family
// published at most rewriteWindow after earlier, repeats earlier's
// sentence (see the rules above), and says why.
func (lx *Lexicon) repeats(later, earlier *Prepared, lw, ew sentenceWords) (string, bool) {
	if later.Article == earlier.Article {
		return "", false
	}
	g, dated := later.gap(earlier)
	if dated && g > rewriteWindow {
		return "", false
	}
	if comparePrepared(earlier, later) >= 0 {
		return "", false
	}
	// Both rules need the words at least repeatFigureSim alike, which a
	// Jaccard similarity cannot be when one sentence has that many times
	// fewer words than the other: most pairs of a large claim stop here,
	// before the words are compared.
	nl, ne := len(lw.toks), len(ew.toks)
	if float64(min(nl, ne)) < repeatFigureSim*float64(max(nl, ne)) {
		return "", false
	}
	sim := jaccard(lw.toks, ew.toks)
	if sim < repeatFigureSim {
		return "", false
	}
	shared := sharedStrings(lw.figs, ew.figs)
	fewer := min(len(lw.figs), len(ew.figs))
	byFigures := len(shared) >= repeatFigures && len(shared) == fewer
	byWords := sim >= repeatSim && len(shared) == fewer && nl >= repeatMinWords && ne >= repeatMinWords
	if !byFigures && !byWords || namesOwnSpeaker(lw, ew) && namesOwnSpeaker(ew, lw) {
		return "", false
	}
	if byFigures {
		return fmt.Sprintf("repeats %s/%s, a copy rather than a new voice: the same figures %s, words %.2f alike", earlier.Article, earlier.Statement, strings.Join(shared, ", "), sim), true
	}
	return fmt.Sprintf("repeats %s/%s, a copy rather than a new voice: words %.2f alike", earlier.Article, earlier.Statement, sim), true
}

// namesOwnSpeaker reports whether a statement's sentence (w) names its
// speaker by a word of the speaker's name that the other sentence lacks
// ("Polish border guards said…" beside "Ukraine's border service said…").
func namesOwnSpeaker(w, other sentenceWords) bool {
	for _, t := range w.name {
		_, in := slices.BinarySearch(w.toks, t)
		_, inOther := slices.BinarySearch(other.toks, t)
		if in && !inOther {
			return true
		}
	}
	return false
}

// markRepeats turns every voiced member that repeats the sentence of a
// member of another article family and another speaker, published before
// it (repeats), into an appearance, as an echo's copy is: it stays in the
// claim, shown with the reason on its link, and neither supports nor
// disputes. ms is sorted by publication (comparePrepared: dated members
// first).
//
// A dated member is compared only with the members published at most
// rewriteWindow before it, found by a pointer that moves forward with it:
// a claim repeated over two years holds hundreds of thousands of
// statements, and comparing each with every earlier one was quadratic. An
// undated member is compared with every earlier one, as repeats allows.
// Which earlier member is met first, and so the reason given, is the same
// as comparing with all. In a large claim even the window holds a
// thousand members, most sharing too few words to repeat one another: a
// prefix filter (prefixIndex) gives the ones that may, in the same order.
func (lx *Lexicon) markRepeats(ms []Member) {
	one := true
	for i := range ms {
		one = one && ms[i].Family == ms[0].Family
	}
	if one {
		return // most claims: nothing from another article family
	}
	// Sentence words are computed when first needed, and dropped once the
	// window has passed a member, unless an undated member (last in ms)
	// still needs them. A large claim is mostly the same sentences
	// published again and again: there they are computed once per
	// sentence and speaker (memo).
	_, lastDated := ms[len(ms)-1].Prepared.when()
	ws := make([]*sentenceWords, len(ms))
	type wordsKey struct{ text, speaker string }
	var memo map[wordsKey]*sentenceWords
	if len(ms) >= prefixFilterMin {
		memo = map[wordsKey]*sentenceWords{}
	}
	words := func(k int) *sentenceWords {
		if ws[k] == nil {
			p := ms[k].Prepared
			key := wordsKey{p.Sentence, p.SpeakerName}
			if key.text == "" {
				key.text = "\x00" + p.Content
			}
			if w := memo[key]; w != nil {
				ws[k] = w
			} else {
				w := lx.sentenceWords(p)
				ws[k] = &w
				if memo != nil {
					memo[key] = &w
				}
			}
		}
		return ws[k]
	}
	var px *prefixIndex
	if len(ms) >= prefixFilterMin {
		px = newPrefixIndex(len(ms), words)
	}
	lo := 0 // the first member inside the window of a dated member
	for i := range ms {
		if px != nil && i > 0 {
			px.add(i - 1)
		}
		m := &ms[i]
		if !m.Voice || m.Echo {
			continue
		}
		from := 0
		if t, dated := m.Prepared.when(); dated {
			for lo < i {
				tl, _ := ms[lo].Prepared.when()
				if t.Sub(tl) <= rewriteWindow {
					break
				}
				if lastDated {
					ws[lo] = nil
				}
				lo++
			}
			from = lo
		}
		// The earlier members to compare, in order: those of the window,
		// or in a large claim those of them the prefix filter keeps.
		var earlier []int
		if px != nil {
			earlier = px.candidates(i, from)
		} else {
			for j := from; j < i; j++ {
				earlier = append(earlier, j)
			}
		}
		for _, j := range earlier {
			// The same speaker quoted again is one voice already.
			if ms[j].Family == m.Family || (m.Speaker != "" && ms[j].Speaker == m.Speaker) {
				continue
			}
			why, ok := lx.repeats(m.Prepared, ms[j].Prepared, *words(i), *words(j))
			if !ok {
				continue
			}
			m.Echo, m.repeat = true, true
			link := crosscheck.StatementLink{To: ms[j].Article + "/" + ms[j].Statement}
			if m.Link != nil {
				link = *m.Link
				link.Reasons = slices.Clone(link.Reasons)
			}
			link.Reasons = append(link.Reasons, why)
			m.Link = &link
			break
		}
	}
}

// prefixFilterMin is the size of claim from which markRepeats finds the
// members a statement may repeat through a prefixIndex rather than
// comparing it with every member of its window.
const prefixFilterMin = 256

// prefixIndex finds, among earlier members, those whose sentence may be
// repeatFigureSim alike (Jaccard) with a member's: both rules of repeats
// need that much. Two sets of n and m words that alike share at least
// ⌈0.3·max(n, m)⌉ words, so they share one among the first
// n − ⌈0.3·n⌉ + 1 words of the one and m − ⌈0.3·m⌉ + 1 of the other, in
// any fixed order of the words (prefix filtering, as in set-similarity
// joins): the claim's rarest words first, so that few members share one.
// Members that share none cannot repeat each other and are never compared.
type prefixIndex struct {
	prefix [][]string       // per member, its prefix words
	post   map[string][]int // per word, the members added whose prefix holds it, in order
}

func newPrefixIndex(n int, words func(int) *sentenceWords) *prefixIndex {
	freq := map[string]int{}
	for k := range n {
		for _, t := range words(k).toks {
			freq[t]++
		}
	}
	// Members sharing their words (words returns the same pointer) share
	// their prefix.
	prefixes := map[*sentenceWords][]string{}
	px := &prefixIndex{prefix: make([][]string, n), post: map[string][]int{}}
	for k := range n {
		w := words(k)
		if p, ok := prefixes[w]; ok {
			px.prefix[k] = p
			continue
		}
		toks := slices.Clone(w.toks)
		slices.SortFunc(toks, func(a, b string) int {
			if c := freq[a] - freq[b]; c != 0 {
				return c
			}
			return strings.Compare(a, b)
		})
		px.prefix[k] = toks[:prefixLen(len(toks))]
		prefixes[w] = px.prefix[k]
	}
	return px
}

// prefixLen is how many of a sentence's n words its prefix holds: n −
// ⌈repeatFigureSim·n⌉ + 1 (none for an empty sentence, which repeats
// nothing). The ceiling is taken a hair low so that rounding in 0.3·n
// can only lengthen the prefix.
func prefixLen(n int) int {
	if n == 0 {
		return 0
	}
	need := int(math.Ceil(repeatFigureSim*float64(n) - 1e-9))
	return min(n, n-need+1)
}

// add indexes member k; members are added in order.
func (px *prefixIndex) add(k int) {
	for _, t := range px.prefix[k] {
		px.post[t] = append(px.post[t], k)
	}
}

// candidates returns, in increasing order and once each, the members from
// from on that were added and share a prefix word with member i.
func (px *prefixIndex) candidates(i, from int) []int {
	var out []int
	for _, t := range px.prefix[i] {
		ks := px.post[t]
		at, _ := slices.BinarySearch(ks, from)
		out = append(out, ks[at:]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
