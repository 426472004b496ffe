package stance

import (
	"fmt"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/lexicon"
)

// rebuttalLexicon holds data/rebuttal.tsv: the words with which a speaker
// rejects what another has said, and the nouns with which the rejection
// points back at it.
type rebuttalLexicon struct {
	falseWords map[string][][]string // by first word, longest first
	nothappen  map[string][][]string
	support    map[string][][]string
	disagree   map[string][][]string // "did not agree with", "disagrees with": before what it rejects
	absent     map[string]bool
	adverb     map[string]bool
	denyVerb   map[string]bool
	frame      map[string]bool
	degree     map[string]bool
	backref    map[string]bool
	claimThat  map[string]bool
	noClaim    map[string]bool
	clause     map[string]bool
	spread     map[string]bool
	// first holds a word every rebuttal entry has (the first of a false
	// word, absent noun, adverb or denial verb, the last of a nothappen
	// phrase, the verbs of a disagree phrase): a content without one holds
	// no rebuttal (see mayRebut)
	first map[string]bool
}

// loadRebuttals reads rebuttal.tsv. Entries are split into words as
// statement contents are ("hasn't" → "has", "n't"), so that both compare
// word by word.
func loadRebuttals(fsys fs.FS) (rebuttalLexicon, error) {
	rb := rebuttalLexicon{falseWords: map[string][][]string{}, nothappen: map[string][][]string{},
		support: map[string][][]string{}, disagree: map[string][][]string{}, absent: map[string]bool{}, adverb: map[string]bool{},
		denyVerb: map[string]bool{}, frame: map[string]bool{}, degree: map[string]bool{},
		backref: map[string]bool{}, claimThat: map[string]bool{}, noClaim: map[string]bool{},
		clause: map[string]bool{}, spread: map[string]bool{}}
	err := lexicon.ReadTSV(fsys, "rebuttal.tsv", func(line int, f []string) error {
		if len(f) != 2 || f[1] == "" {
			return fmt.Errorf("want class and entry")
		}
		var ws []string
		for _, w := range wordSpans(nil, f[1], 0, true) {
			ws = append(ws, w.w)
		}
		if len(ws) == 0 {
			return fmt.Errorf("entry %q has no word", f[1])
		}
		single := func(m map[string]bool) error {
			if len(ws) != 1 {
				return fmt.Errorf("class %s wants one word, got %q", f[0], f[1])
			}
			m[ws[0]] = true
			return nil
		}
		switch f[0] {
		case "false":
			rb.falseWords[ws[0]] = append(rb.falseWords[ws[0]], ws)
		case "nothappen":
			rb.nothappen[ws[0]] = append(rb.nothappen[ws[0]], ws)
		case "support":
			rb.support[ws[0]] = append(rb.support[ws[0]], ws)
		case "disagree":
			rb.disagree[ws[0]] = append(rb.disagree[ws[0]], ws)
		case "absent":
			return single(rb.absent)
		case "adverb":
			return single(rb.adverb)
		case "denyverb":
			return single(rb.denyVerb)
		case "frame":
			return single(rb.frame)
		case "degree":
			return single(rb.degree)
		case "backref":
			return single(rb.backref)
		case "claimthat":
			return single(rb.claimThat)
		case "clause":
			return single(rb.clause)
		case "spread":
			return single(rb.spread)
		case "noclaim":
			rb.noClaim[strings.Join(ws, " ")] = true
		default:
			return fmt.Errorf("unknown class %q", f[0])
		}
		return nil
	})
	if err != nil {
		return rb, fmt.Errorf("stance: %w", err)
	}
	for _, m := range []map[string][][]string{rb.falseWords, rb.nothappen, rb.support, rb.disagree} {
		for _, ps := range m {
			sortLongestFirst(ps)
		}
	}
	rb.first = map[string]bool{}
	for w := range rb.falseWords {
		rb.first[w] = true
	}
	for _, ps := range rb.nothappen {
		for _, p := range ps {
			rb.first[p[len(p)-1]] = true // "happened", "true", "case": rarer than "has", "is"
		}
	}
	for _, ps := range rb.disagree {
		for _, p := range ps {
			for _, w := range p {
				switch w {
				case "do", "does", "did", "not", "n't", "with":
				default:
					rb.first[w] = true // "agree", "disagree", "accept"
				}
			}
		}
	}
	for _, m := range []map[string]bool{rb.absent, rb.adverb, rb.denyVerb} {
		for w := range m {
			rb.first[w] = true
		}
	}
	return rb, nil
}

// mayRebut reports whether content s may hold a rebuttal: whether a word of
// it, folded to lower case, is in first. It allocates nothing,
// so that the many statements without one cost a scan.
func (rb *rebuttalLexicon) mayRebut(s string) bool {
	var buf [24]byte
	n, long := 0, false
	check := func() bool {
		ok := n > 0 && !long && rb.first[string(buf[:n])]
		n, long = 0, false
		return ok
	}
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch >= 'A' && ch <= 'Z':
			ch += 'a' - 'A'
			fallthrough
		case ch >= 'a' && ch <= 'z' || ch == '-' && n > 0:
			if n < len(buf) {
				buf[n] = ch
				n++
			} else {
				long = true
			}
		default:
			if check() {
				return true
			}
		}
	}
	return check()
}

func sortLongestFirst(ps [][]string) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && len(ps[j]) > len(ps[j-1]); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// phraseAt returns the end (exclusive) of the longest phrase of m that
// starts at word i of ws.
func phraseAt(m map[string][][]string, ws []word, i int) (int, bool) {
	for _, p := range m[ws[i].w] {
		if j, ok := matchAt(ws, i, p); ok {
			return j, true
		}
	}
	return 0, false
}

// backref is a noun phrase or pronoun with which a rebuttal points back at
// something said: "these claims", "such reports", "Gazprom's announcement",
// "Russian claims", "this".
type backref struct {
	start, end int    // byte span; end == 0 when there is none
	noun       string // the head noun ("claims"), "" for a pronoun
	name       string // lower-cased name the phrase names ("gazprom"), or ""
	iso        string // country the phrase names ("Russian claims" → RU), or ""
	// pointed says a determiner, possessive or pronoun makes it point back
	// ("these claims", "Gazprom's announcement", "this"); a bare noun
	// ("denied allegations of …") points back less surely.
	pointed bool
}

func (b backref) found() bool { return b.end > 0 }

// rebuttal is the rebutting words found in a statement's content.
type rebuttal struct {
	start, end int    // the rebutting words with their back-reference: the evidence
	core       [2]int // the rebutting word or phrase itself ("baseless")
	// strong says the words reject something by themselves ("are
	// baseless", "no evidence for these claims"); a weak rebuttal ("no
	// evidence of a withdrawal", "fabricated allegations") is a denial only
	// where the statement it rejects is found.
	strong bool
	ref    backref
}

// pointerPronoun reports whether w, as the subject of a rebuttal ("this is
// false", "it has not happened"), points back at what was said.
func pointerPronoun(w string) bool {
	switch w {
	case "this", "that", "it", "these", "those", "they":
		return true
	}
	return false
}

// capitalized reports whether word w is written with a capital: a name or
// demonym ("Russian claims", "Gazprom's announcement").
func (c *classifier) capitalized(w word) bool {
	r, _ := utf8.DecodeRuneInString(c.text[w.s:w.e])
	return unicode.IsUpper(r)
}

// counterfactual reports whether a modal perfect ("could have", "would
// have") comes before word i in ws: what did not happen then is an
// unrealised possibility, not a claim rejected.
func counterfactual(ws []word, i int) bool {
	for k := 1; k < i; k++ {
		if ws[k].w == "have" {
			switch ws[k-1].w {
			case "could", "would", "should", "might", "may", "must":
				return true
			}
		}
	}
	return false
}

// findRebuttal returns the first rebuttal among the words ws of a
// statement's content. calling says the statement's cue is a verb of
// calling ("called the claims fabricated"), whose content starts with what
// a false word is predicated of.
func (c *classifier) findRebuttal(ws []word, calling bool) (rebuttal, bool) {
	rb := &c.lx.reb
	for i := 0; i < len(ws); i++ {
		w := ws[i].w
		if j, ok := phraseAt(rb.nothappen, ws, i); ok {
			if w == "no" && j < len(ws) && ws[j].w == "thing" {
				continue // "there is no such thing as …"
			}
			if counterfactual(ws, i) {
				i = j - 1
				continue // "he could have done that, but it didn't happen"
			}
			r := rebuttal{start: ws[i].s, end: ws[j-1].e, core: [2]int{ws[i].s, ws[j-1].e}}
			r.ref = c.subjectRef(ws, i)
			if !r.ref.found() {
				r.ref = c.objectRef(ws, j, true)
			}
			r.strong = r.ref.found()
			return r, true
		}
		if j, ok := phraseAt(rb.falseWords, ws, i); ok {
			if r, ok := c.falsePredicate(ws, i, j, calling); ok {
				return r, true
			}
			i = j - 1
			continue
		}
		if rb.absent[w] {
			if r, ok := c.absence(ws, i); ok {
				return r, true
			}
			continue
		}
		if rb.adverb[w] && i+1 < len(ws) && adjacent(c.text, ws[i], ws[i+1]) {
			return rebuttal{start: ws[i].s, end: ws[i+1].e, core: [2]int{ws[i].s, ws[i].e}, strong: true}, true
		}
		// "he did not agree with assessments that the US was finished",
		// "disagrees with these claims": rejects what it points at — not
		// in a relative clause of others ("penalties on anyone who does
		// not accept the official version").
		if j, ok := phraseAt(rb.disagree, ws, i); ok && j < len(ws) && !(i > 0 && relativePronoun(ws[i-1].w)) {
			if ref := c.objectRef(ws, j, false); ref.found() && ref.noun != "" && !c.proposalObject(wordStrings(ws[j:])) {
				return rebuttal{start: ws[i].s, end: ref.end, core: [2]int{ws[i].s, ws[j-1].e}, strong: true, ref: ref}, true
			}
		}
		if rb.denyVerb[w] && i+1 < len(ws) && !c.negatedAt(ws, i) {
			core := [2]int{ws[i].s, ws[i].e}
			// "we reject these accusations"; a pronoun object ("reject
			// it") may be an offer as well as a claim
			if ref := c.objectRef(ws, i+1, false); ref.found() && ref.noun != "" {
				if c.proposalObject(wordStrings(ws[i+1:])) {
					continue
				}
				return rebuttal{start: ws[i].s, end: ref.end, core: core, strong: true, ref: ref}, true
			}
			if ws[i+1].w == "that" {
				return rebuttal{start: ws[i].s, end: ws[i+1].e, core: core}, true
			}
		}
	}
	return rebuttal{}, false
}

// relativePronoun reports whether w opens a relative clause as its
// subject.
func relativePronoun(w string) bool { return w == "who" || w == "which" || w == "that" }

func wordStrings(ws []word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.w
	}
	return out
}

// adjacent reports whether only blanks stand between words a and b.
func adjacent(text string, a, b word) bool {
	return a.e <= b.s && b.s <= len(text) && strings.TrimSpace(text[a.e:b.s]) == ""
}

// negatedAt reports whether word i is negated by one of the two words
// before it ("not baseless", "never denied").
func (c *classifier) negatedAt(ws []word, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		switch ws[k].w {
		case "not", "n't", "never", "no":
			return true
		}
		if !c.lx.reb.degree[ws[k].w] {
			break
		}
	}
	return false
}

// falsePredicate reads a false word at ws[i:j]. It rebuts when it is
// predicated of something said ("these claims are baseless", "dismissed
// them as nonsense", "Russia's claim that … is false"), stands alone
// ("Completely untrue."), or qualifies a back-reference noun ("fabricated
// allegations", weak unless predicated: "this is a baseless pretext").
// Predicated of anything else ("the war is absurd", "described the war as
// an absurdity") it rejects no statement.
func (c *classifier) falsePredicate(ws []word, i, j int, calling bool) (rebuttal, bool) {
	rb := &c.lx.reb
	if c.negatedAt(ws, i) {
		return rebuttal{}, false
	}
	r := rebuttal{start: ws[i].s, end: ws[j-1].e, core: [2]int{ws[i].s, ws[j-1].e}}
	// Attributive: "fabricated allegations", "baseless accusations".
	if j < len(ws) && rb.backref[ws[j].w] && adjacent(c.text, ws[j-1], ws[j]) {
		r.ref = c.nounPhrase(ws, j)
		r.start, r.end = min(r.start, r.ref.start), ws[j].e
		if f := c.frameBefore(ws, i); f >= 0 {
			r.strong = true // "these are baseless allegations"
			if sub := c.frameRef(ws, f); sub.found() {
				r.ref = sub
				r.start = min(r.start, sub.start)
			}
		} else if k := i - 1; k >= 0 && rb.spread[ws[k].w] {
			r.strong = true // "Russia makes false charges", "spreading fake reports"
		}
		return r, true
	}
	// What comes next must not make the word a modifier of another noun
	// ("propaganda courses", "a fake referendum").
	if j < len(ws) && adjacent(c.text, ws[j-1], ws[j]) && !continues(ws[j].w) {
		return rebuttal{}, false
	}
	// "it was wrong to shell the city" judges a deed; "it is wrong to
	// claim that …" still rejects what is claimed.
	if j+1 < len(ws) && ws[j].w == "to" && !sayingVerb(ws[j+1].w) {
		return rebuttal{}, false
	}
	f := c.frameBefore(ws, i)
	if f < 0 && calling {
		// the content of "called [Kyiv's claims] [fabricated]", "labelled
		// [the report] [Western propaganda]"
		k := i - 1
		for n := 0; k > 0 && n < 3 && (rb.degree[ws[k].w] || c.capitalized(ws[k])); n++ {
			k--
		}
		if k >= 0 && (rb.backref[ws[k].w] || ws[k].w == "them" || pointerPronoun(ws[k].w)) {
			r.ref = c.frameRef(ws, k)
			r.strong = true
			r.start = min(r.start, r.ref.start)
			return r, true
		}
	}
	if f < 0 {
		// Standing alone: every word of the content rebuts, and it rebuts
		// what was just said.
		for k := 0; k < len(ws); k++ {
			if k >= i && k < j {
				continue
			}
			if !rb.degree[ws[k].w] && !pointerPronoun(ws[k].w) {
				return rebuttal{}, false
			}
		}
		r.strong = true
		r.start = ws[0].s
		r.ref = backref{start: r.core[0], end: r.core[1], pointed: true}
		return r, true
	}
	r.ref = c.frameRef(ws, f)
	if !r.ref.found() {
		return rebuttal{}, false
	}
	r.strong = true
	r.start = min(r.start, r.ref.start, ws[f].s)
	return r, true
}

// frameRef returns what the frame word at f predicates a false word of:
// the object of a verb of calling ("calling them lies", "called the reports
// fabricated") or the subject before it (see subjectRef).
func (c *classifier) frameRef(ws []word, f int) backref {
	switch w := ws[f].w; {
	case pointerPronoun(w) || w == "them":
		return backref{start: ws[f].s, end: ws[f].e, pointed: true}
	case c.lx.reb.backref[w]:
		return c.nounPhrase(ws, f)
	}
	return c.subjectRef(ws, f)
}

// continues lists words after which a false word still ends its phrase:
// conjunctions, prepositions and clause openers.
// sayingVerb reports whether w, after "to", says or thinks something
// ("absurd to claim that …", "wrong to suggest").
func sayingVerb(w string) bool {
	switch w {
	case "say", "claim", "suggest", "assert", "think", "believe", "assume", "accuse", "argue", "speak", "call", "describe", "compare", "blame":
		return true
	}
	return false
}

func continues(w string) bool {
	switch w {
	case "and", "or", "but", "because", "as", "since", "so", "he", "she", "they", "it", "we", "according",
		"said", "says", "by", "from", "of", "to", "about", "in", "on", "that", "which", "who", "aimed",
		"designed", "intended", "meant", "spread", "created", "invented", "fabricated", "whose", "with":
		return true
	}
	return false
}

// frameBefore returns the index of the frame word that a false word at i
// is predicated after ("is", "as"), over degree words; after a verb of
// calling, the index of its object ("calling them lies"); or -1.
func (c *classifier) frameBefore(ws []word, i int) int {
	rb := &c.lx.reb
	k := i - 1
	for n := 0; k >= 0 && n < 3 && rb.degree[ws[k].w]; n++ {
		k--
	}
	if k < 0 {
		return -1
	}
	if rb.frame[ws[k].w] {
		return k
	}
	// "calling them lies", "called the reports fabricated"
	if pointerPronoun(ws[k].w) || ws[k].w == "them" || rb.backref[ws[k].w] {
		m := k - 1
		for m >= 0 && m >= k-2 && (c.lx.pointer[ws[m].w] || rb.backref[ws[m].w]) {
			m--
		}
		if m >= 0 && rb.frame[ws[m].w] && !auxiliary(ws[m].w) && ws[m].w != "as" {
			return k
		}
	}
	return -1
}

// subjectRef returns the back-reference that stands before word i, the
// start of a rebuttal predicate: the subject ("these reports are not
// true", "this did not happen", "such an attack never took place", "the
// allegations of war crimes are baseless", "Russia's claim that it had
// withdrawn is false") or, before "as", the object of a verb of calling
// ("dismissed these arguments as baseless").
func (c *classifier) subjectRef(ws []word, i int) backref {
	rb := &c.lx.reb
	k := i - 1
	for k >= 0 && (rb.degree[ws[k].w] || auxiliary(ws[k].w)) {
		k--
	}
	if k < 0 {
		if i < len(ws) {
			if sub, ok := c.contraction(ws[i]); ok {
				return sub
			}
		}
		return backref{}
	}
	if w := ws[k].w; pointerPronoun(w) || w == "them" {
		return backref{start: ws[k].s, end: ws[k].e, pointed: true}
	}
	if sub, ok := c.contraction(ws[k]); ok {
		return sub
	}
	if rb.backref[ws[k].w] {
		return c.nounPhrase(ws, k)
	}
	// a noun opened by a demonstrative: "this strike", "such an attack"
	for m := k - 1; m >= 0 && m >= k-2 && adjacent(c.text, ws[m], ws[m+1]); m-- {
		if w := ws[m].w; w == "this" || w == "these" || w == "that" || w == "those" || w == "such" {
			return backref{start: ws[m].s, end: ws[k].e, noun: ws[k].w, pointed: true}
		}
	}
	// a back-reference noun further back: "the allegations of war crimes are"
	for m := k - 1; m >= 0 && m >= i-6; m-- {
		w := ws[m].w
		if w == "that" || w == "said" || w == "and" || w == "but" || w == "which" || w == "who" || !adjacent(c.text, ws[m], ws[m+1]) {
			break
		}
		if rb.backref[w] {
			return c.nounPhrase(ws, m)
		}
	}
	// a claim with its clause: "Russia's claim that it is moving troops
	// away from the border is false"
	for m := k - 1; m >= 0 && m >= i-30; m-- {
		if ws[m].w == "said" || ws[m].w == "says" {
			break
		}
		if rb.backref[ws[m].w] && m+1 < k && ws[m+1].w == "that" {
			return c.nounPhrase(ws, m)
		}
	}
	if sub, ok := c.contraction(ws[i]); ok {
		return sub
	}
	return backref{}
}

// contraction reads "it's", "that's", "they're" as a pronoun subject.
func (c *classifier) contraction(w word) (backref, bool) {
	switch w.w {
	case "it's", "that's", "this's", "they're":
		if k := strings.IndexAny(c.text[w.s:w.e], "'’"); k > 0 {
			return backref{start: w.s, end: w.s + k, pointed: true}, true
		}
	}
	return backref{}, false
}

// auxiliary reports whether w is an auxiliary that may stand between a
// subject and its rebuttal predicate ("this has not happened").
func auxiliary(w string) bool {
	switch w {
	case "has", "have", "had", "will", "would", "is", "are", "was", "were", "be", "been", "being":
		return true
	}
	return false
}

// objectRef returns the back-reference that starts at word j, the object
// after a rebuttal ("no evidence for these assertions", "rejects the
// accusations", "no truth in Moscow's claims"), with overSupport after one
// supporting word ("for", "to support"). Without a determiner only names
// may modify the noun ("Russian claims", "Western concerns"), so that
// "aggressive information operations" is no back-reference.
func (c *classifier) objectRef(ws []word, j int, overSupport bool) backref {
	rb := &c.lx.reb
	k := j
	if overSupport && k < len(ws) {
		if e, ok := phraseAt(rb.support, ws, k); ok {
			k = e
		}
	}
	pointed := false
	for n := 0; k < len(ws) && n < 4; n, k = n+1, k+1 {
		w := ws[k].w
		if rb.backref[w] {
			return c.nounPhrase(ws, k)
		}
		if n == 0 && (w == "this" || w == "that" || w == "it" || w == "them") && (k+1 == len(ws) || !adjacent(c.text, ws[k], ws[k+1]) || c.lx.boundary[ws[k+1].w]) {
			return backref{start: ws[k].s, end: ws[k].e, pointed: true}
		}
		if c.lx.pointer[w] {
			pointed = true
			continue
		}
		if c.lx.boundary[w] || w == "not" || w == "n't" {
			break
		}
		if !pointed && !c.capitalized(ws[k]) && !c.claimNounAt(ws, k+1) {
			break
		}
	}
	return backref{}
}

// claimNounAt reports whether ws[k] is a back-reference noun followed by
// what it reports ("media reports that …", "earlier claims of …"): then a
// lower-case modifier before it still makes a back-reference, where
// "aggressive information operations" makes none.
func (c *classifier) claimNounAt(ws []word, k int) bool {
	if k >= len(ws) || !c.lx.reb.backref[ws[k].w] {
		return false
	}
	if k+1 == len(ws) {
		return true
	}
	switch ws[k+1].w {
	case "that", "of", "about", "by", "from":
		return adjacent(c.text, ws[k], ws[k+1])
	}
	return !adjacent(c.text, ws[k], ws[k+1])
}

// nounPhrase builds the back-reference whose head noun is ws[k], over the
// determiners, possessives and modifiers before it ("these baseless
// claims", "Gazprom's announcement", "the Russian assertion").
func (c *classifier) nounPhrase(ws []word, k int) backref {
	b := backref{start: ws[k].s, end: ws[k].e, noun: ws[k].w}
	for m := k - 1; m >= 0 && m >= k-3; m-- {
		w := ws[m].w
		if c.lx.boundary[w] && !c.lx.pointer[w] || c.lx.reb.frame[w] || c.lx.reb.denyVerb[w] || !adjacent(c.text, ws[m], ws[m+1]) {
			break
		}
		b.start = ws[m].s
		if c.lx.pointer[w] {
			b.pointed = true
			break
		}
		if c.capitalized(ws[m]) {
			orig := c.text[ws[m].s:ws[m].e]
			name := strings.TrimSuffix(w, "'s")
			if c.opt.Country != nil {
				if iso, ok := c.opt.Country(orig); ok {
					b.iso = iso
				}
			}
			if name != w {
				b.pointed = true
				b.name = name
				break
			}
		}
	}
	return b
}

// absence reads an absent noun at i: "no evidence for these claims", "no
// technical reason for Gazprom's announcement", "have not seen any sign of
// a withdrawal". It is strong when it points back at something said.
// Followed by anything but a supporting word ("no reason to panic", "no
// reason to doubt the claim") it rebuts nothing.
func (c *classifier) absence(ws []word, i int) (rebuttal, bool) {
	rb := &c.lx.reb
	start := -1
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if ws[k].w == "no" {
			start = k
			break
		}
		if ws[k].w == "any" {
			for m := k - 1; m >= 0 && m >= k-3; m-- {
				if ws[m].w == "not" || ws[m].w == "n't" || ws[m].w == "never" {
					start = m
					break
				}
			}
			break
		}
	}
	if start < 0 {
		return rebuttal{}, false
	}
	r := rebuttal{start: ws[start].s, end: ws[i].e, core: [2]int{ws[start].s, ws[i].e}}
	j := i + 1
	if j < len(ws) && adjacent(c.text, ws[i], ws[j]) {
		e, ok := phraseAt(rb.support, ws, j)
		if !ok {
			return rebuttal{}, false
		}
		// a bare "to" supports only a back-reference: "no truth to these claims"
		if e == j+1 && ws[j].w == "to" && (e >= len(ws) || !c.lx.pointer[ws[e].w] && !rb.backref[ws[e].w]) {
			return rebuttal{}, false
		}
	}
	r.ref = c.objectRef(ws, j, true)
	if r.ref.found() && r.ref.noun != "" {
		if w := strings.ToLower(c.text[r.ref.start:r.ref.end]); strings.HasPrefix(w, "his ") || strings.HasPrefix(w, "her ") {
			// "(he says …) but provides no proof of his allegations": the
			// reporter's doubt about the speaker, not the speaker's rebuttal
			return rebuttal{}, false
		}
	}
	if r.ref.found() {
		r.strong = true
		r.end = max(r.end, r.ref.end)
	}
	return r, true
}

// rebuttalOwner reports whether the rebuttal span [s, e), found in the
// content of statement k, is that statement's own: not the content of a
// statement nested inside it ("Putin said A – a claim the US had
// predicted he would falsely make": "falsely" is the US's), and not the
// predicate of the sentence around a noun-cue statement ("Russia's claim
// that it withdrew is false" is the outer speaker's rebuttal).
func (c *classifier) rebuttalOwner(k int, core [2]int) bool {
	s, e := core[0], core[1]
	st := c.st[k]
	for o := c.firstAt(st.Sentence); o < len(c.st) && c.st[o].Sentence == st.Sentence; o++ {
		if o == k {
			continue
		}
		ot := c.st[o]
		if ot.Content.Start > s || ot.Content.End < e {
			continue // does not hold the rebuttal
		}
		inner := ot.Cue.Start >= st.Content.Start && ot.Cue.End <= st.Content.End
		outer := st.Cue.Start >= ot.Content.Start && st.Cue.End <= ot.Content.End
		switch {
		case inner && !c.nounCue(ot):
			return false
		case outer && c.nounCue(st):
			return false
		}
	}
	return true
}

// nounCue reports whether a statement's cue is a noun ("Russia's claim
// that …").
func (c *classifier) nounCue(st crosscheck.Statement) bool {
	w := strings.ToLower(st.Cue.Text)
	return c.lx.reb.backref[w] || c.lx.anaphor[w]
}
