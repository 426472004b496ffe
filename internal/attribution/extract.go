// Package attribution finds who said what in an article: statements with
// their speaker, cue, kind (direct, indirect, mixed), content span, relaying
// media (via) and time. It is a pure stage: no I/O, no logging, and the
// same input always gives the same statements.
//
// The rules are written for English news and for the way PolNeAR annotates
// attribution: a cue (a reporting verb, "according to", a noun such as
// "claim that", a belief or plan verb) anchors the search; the speaker is the
// subject phrase on its left, the phrase after an inverted cue ("said the
// minister"), or the subject of the clause a participle hangs from
// (", saying …"); the content is the quotation or clause on the side that
// is not the speaker. Pronoun speakers are resolved to the most recent
// compatible speaker in the same or previous paragraph who is not merely
// reported inside another statement, else to the previous sentence's
// subject, else to the last compatible mention. Cue words, closed-class words and relaying media are
// embedded data files (data/*.tsv).
package attribution

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/segment"
)

// Describer names a speaker phrase that is no entity ("Ukrainian officials",
// "some"): its canonical name, type, party (ISO country) and role, each ""
// when unknown. The entity package's lexicon implements it. Describe must
// answer the same phrase the same way: Extract asks once per phrase and
// article.
type Describer interface {
	Describe(phrase string) (name, typ, affiliation, role string)
}

// TimeResolver resolves when a sentence says something happened, against
// the article's publication date ("" when unknown). timex.Resolve fits.
type TimeResolver func(sentence, published string) string

// Options are the collaborators Extract uses besides its lexicon; each may
// be nil.
type Options struct {
	Describer Describer
	Time      TimeResolver
}

// maxSentence bounds the bytes of one sentence the rules look at, so a
// pathological "sentence" (a megabyte without a full stop) costs linear time.
const maxSentence = 4000

// Extract returns the statements of art, in text order with ids "s1",
// "s2", …. sents are art.Text's sentences and ents its entities (either may
// be empty). It never fails: text it cannot read yields no statement.
func Extract(art *crosscheck.Article, sents []crosscheck.Sentence, ents []crosscheck.Entity, lx *Lexicon, opt Options) []crosscheck.Statement {
	if lx == nil || art == nil || len(sents) == 0 {
		return []crosscheck.Statement{}
	}
	x := newExtractor(art, sents, ents, lx, opt)
	for si := range sents {
		x.sentence(si)
	}
	return x.finish()
}

// mention is one entity mention, for looking entities up by span.
type mention struct {
	s, e, ent int
}

// cand is a statement being built, with what later rules need to know.
type cand struct {
	st       crosscheck.Statement
	sent     int
	region   int  // where the attribution (speaker or cue) starts
	right    bool // content lies right of the cue
	pronoun  bool // speaker is a pronoun, resolved
	needSubj bool // participle whose speaker is the clause subject
	drop     bool
	quoteEnd int // end of the quotation the content is part of, or 0
}

type extractor struct {
	lx     *Lexicon
	opt    Options
	art    *crosscheck.Article
	text   string
	sents  []crosscheck.Sentence
	ents   []crosscheck.Entity
	ments  []mention
	quotes []segment.Quote
	qOpen  map[int]int // offset of an opening mark → quote index
	qClose map[int]int // offset of a closing mark → quote index
	tokBuf []tok
	// wordBuf is reused for the words of each sentence; lowBuf holds the
	// lower-cased forms of words (see lowerWord). Both spare an allocation
	// per sentence or per capitalised word.
	wordBuf []segment.Token
	lowBuf  strings.Builder
	appEnd  int
	// described caches the Describer's answers by phrase: an article
	// repeats its speakers, and Describe tags the phrase afresh each time.
	described map[string]description // set by leftNP: end token of an apposition skipped before the cue, or -1
	// timeHint marks sentences with a time word or a number; others are
	// not sent to the time resolver.
	timeHint map[int]bool
	out      []*cand
}

func newExtractor(art *crosscheck.Article, sents []crosscheck.Sentence, ents []crosscheck.Entity, lx *Lexicon, opt Options) *extractor {
	x := &extractor{lx: lx, opt: opt, art: art, text: art.Text, sents: sents, ents: ents,
		qOpen: map[int]int{}, qClose: map[int]int{}, timeHint: map[int]bool{}}
	n := 0
	for _, e := range ents {
		n += len(e.Mentions)
	}
	x.ments = make([]mention, 0, n)
	for i, e := range ents {
		for _, m := range e.Mentions {
			if m.Start >= 0 && m.End <= len(x.text) && m.Start < m.End {
				x.ments = append(x.ments, mention{m.Start, m.End, i})
			}
		}
	}
	sort.Slice(x.ments, func(i, j int) bool { return x.ments[i].s < x.ments[j].s })
	x.quotes = mergeQuotes(segment.Quotes(x.text), doubledQuotes(x.text))
	for i, q := range x.quotes {
		x.qOpen[q.Start] = i
		x.qClose[q.End-x.closeLen(q.End)] = i
	}
	return x
}

// description is one answer of the Describer.
type description struct{ name, typ, aff, role string }

// describe asks the Describer about phrase, once per phrase and article.
// Describers are pure (the same phrase gets the same answer).
func (x *extractor) describe(phrase string) description {
	if d, ok := x.described[phrase]; ok {
		return d
	}
	var d description
	d.name, d.typ, d.aff, d.role = x.opt.Describer.Describe(phrase)
	if x.described == nil {
		x.described = make(map[string]description)
	}
	x.described[phrase] = d
	return d
}

// openLen and closeLen return the byte length of the quotation mark that
// opens at off or closes at end: one rune, or two for a doubled apostrophe.
func (x *extractor) openLen(off int) int {
	if strings.HasPrefix(x.text[off:], "''") {
		return 2
	}
	_, n := utf8.DecodeRuneInString(x.text[off:])
	return n
}

func (x *extractor) closeLen(end int) int {
	if strings.HasSuffix(x.text[:end], "''") {
		return 2
	}
	_, n := utf8.DecodeLastRuneInString(x.text[:end])
	return n
}

// doubledQuotes returns the quotations marked with doubled apostrophes
// (two apostrophes on each side), a convention of some newspaper archives that the
// segmenter does not pair. A pair never crosses a line break.
func doubledQuotes(text string) []segment.Quote {
	if !strings.Contains(text, "''") {
		return nil // most articles: no doubled apostrophe, no byte-by-byte scan
	}
	var out []segment.Quote
	open := -1
	for i := 0; i+1 < len(text); i++ {
		switch text[i] {
		case '\n':
			open = -1
		case '\'':
			if text[i+1] != '\'' {
				continue
			}
			if open < 0 {
				if i == 0 || text[i-1] == ' ' || text[i-1] == '\n' || text[i-1] == '(' {
					open = i
				}
			} else {
				out = append(out, segment.Quote{Start: open, End: i + 2})
				open = -1
			}
			i++
		}
	}
	return out
}

// mergeQuotes adds the quotations of extra that overlap none of qs, keeping
// the order by start.
func mergeQuotes(qs, extra []segment.Quote) []segment.Quote {
	if len(extra) == 0 {
		return qs
	}
	out := make([]segment.Quote, 0, len(qs)+len(extra))
	i := 0
	for _, e := range extra {
		for i < len(qs) && qs[i].End <= e.Start {
			out = append(out, qs[i])
			i++
		}
		if i < len(qs) && qs[i].Start < e.End {
			continue // overlaps a quotation the segmenter found
		}
		out = append(out, e)
	}
	return append(out, qs[i:]...)
}

// match is a cue found in a sentence: tokens [i, j).
type match struct {
	i, j int
	c    *cue
}

func (x *extractor) sentence(si int) {
	s := x.sents[si]
	if s.Start < 0 || s.End > len(x.text) || s.Start >= s.End {
		return
	}
	end := s.End
	if end-s.Start > maxSentence {
		end = s.Start + maxSentence
		for end > s.Start && !utf8.RuneStart(x.text[end]) {
			end--
		}
	}
	// The headline (the first paragraph, in title case) is read too:
	// "Trump: …", "Newspaper Says Clinton Needs To …".
	headline := s.Paragraph == x.sents[0].Paragraph
	if !headline && !x.mayHoldCueFast(x.text[s.Start:end]) {
		return // mayHoldCue would say no: spare the tokenization
	}
	words := segment.AppendTokens(x.wordBuf[:0], x.text[s.Start:end])
	x.wordBuf = words
	if !headline && !x.mayHoldCue(s.Start, end, words) {
		return
	}
	toks := x.tokenize(s.Start, end, words)
	title := titleCase(toks)
	if title && !headline {
		return
	}
	for _, t := range toks {
		if t.kind == tWord && (t.has(wTime) || t.low[0] >= '0' && t.low[0] <= '9') {
			x.timeHint[si] = true // worth asking the time resolver
			break
		}
	}
	first := len(x.out)
	x.colon(si, toks, title)
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tWord || x.inQuote(toks[i].s) || toks[i].cap && i > 0 && !title {
			continue
		}
		cs := x.lx.cuesFor(toks[i].low)
		for ci := range cs {
			c := &cs[ci]
			j, ok := matchWords(toks, i, c.words)
			if !ok {
				continue
			}
			next, done := x.build(si, toks, match{i, j, c})
			if done {
				i = max(i, next-1)
				break
			}
		}
	}
	x.settle(si, toks, x.out[first:])
}

// mayHoldCue is a cheap test that lets most sentences without any cue word
// (or colon) skip full tokenization.
func (x *extractor) mayHoldCue(start, end int, words []segment.Token) bool {
	sub := x.text[start:end]
	if strings.IndexByte(sub, ':') >= 0 {
		return true
	}
	for _, w := range words {
		word := sub[w.Start:w.End]
		if x.lx.isCue(word) {
			return true
		}
		if c := word[0]; c >= 'A' && c <= 'Z' && w.Start == 0 {
			if x.lx.isCue(x.lowerWord(word)) {
				return true
			}
		}
	}
	return false
}

// mayHoldCueFast is a cheaper test than mayHoldCue that never says no
// where mayHoldCue says yes, so most sentences skip tokenization. When
// every cue key is lower-case ASCII letters (checked at load), a token that
// equals one is a maximal run of ASCII letters (segment tokens end only
// before a rune that is no word rune), so looking at such runs finds every
// word mayHoldCue would accept.
func (x *extractor) mayHoldCueFast(sub string) bool {
	if !x.lx.cuesLetters || strings.IndexByte(sub, ':') >= 0 {
		return true // a colon, or a cue key with other characters: no shortcut
	}
	for i := 0; i < len(sub); {
		if !isASCIILetter(sub[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(sub) && isASCIILetter(sub[j]) {
			j++
		}
		run := sub[i:j]
		if x.lx.isCue(run) {
			return true
		}
		if i == 0 && run[0] >= 'A' && run[0] <= 'Z' && x.lx.isCue(x.lowerWord(run)) {
			return true
		}
		i = j
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// matchWords reports whether the words of a cue start at toks[i], and where
// they end.
func matchWords(toks []tok, i int, words []string) (int, bool) {
	j := i
	for _, w := range words {
		if j >= len(toks) || toks[j].kind != tWord || toks[j].low != w {
			return 0, false
		}
		j++
	}
	return j, true
}

// titleCase reports whether a sentence is a headline in title case, where
// "Claims" is no cue.
func titleCase(toks []tok) bool {
	words, caps := 0, 0
	for _, t := range toks {
		if t.kind == tWord {
			words++
			if t.cap {
				caps++
			}
		}
	}
	return words >= 4 && caps*10 >= words*7
}

// build tries to make a statement of cue m. It returns the token index to
// continue scanning from and whether the cue was used.
func (x *extractor) build(si int, toks []tok, m match) (int, bool) {
	switch m.c.pattern {
	case patPrep:
		return x.prep(si, toks, m)
	case patNoun:
		return x.noun(si, toks, m)
	case patIng:
		return x.participle(si, toks, m)
	case patRaise:
		return x.raise(si, toks, m)
	default:
		return x.verb(si, toks, m)
	}
}

// ---------------------------------------------------------------- phrases

// npWord reports whether t can be part of a speaker phrase.
func (x *extractor) npWord(t tok) bool {
	if t.kind != tWord {
		return false
	}
	if t.cap {
		return !t.has(wIntro|wStop|wSkip) || t.has(wDet) && !t.has(wStop)
	}
	if len(t.low) > 5 && strings.HasSuffix(t.low, "ing") {
		return false // a participle, not part of a name or description
	}
	return !t.has(wStop|wSkip|wThat|wIntro) || t.has(wDet) && !t.has(wStop)
}

// leftNP returns the speaker phrase [a, b) that ends just before token i,
// after skipping adverbs, auxiliaries and time phrases. passive is set when
// a form of "be" stands between the phrase and the cue.
func (x *extractor) leftNP(toks []tok, i int) (a, b int, passive, ok bool) {
	k := i - 1
	x.appEnd = -1
	for k >= 0 {
		t := toks[k]
		if t.kind == tWord && !t.cap && t.has(wSkip) {
			switch t.low {
			case "was", "were", "is", "are", "be", "been", "being":
				passive = true
			}
			k--
			continue
		}
		// A bracketed aside: "Dianne Feinstein (D-Calif.) said".
		if t.is(tPunct, ")") {
			p := k - 1
			for p >= 0 && k-p < 12 && !toks[p].is(tPunct, "(") {
				p--
			}
			if p > 0 && toks[p].is(tPunct, "(") {
				k = p - 1
				continue
			}
		}
		// "last week", "this month", "Monday" right before the cue.
		if t.kind == tWord && t.has(wTime) && k > 1 && !toks[k-2].has(wPrep|wJoin) && (toks[k-1].low == "last" || toks[k-1].low == "this" || toks[k-1].low == "earlier" || toks[k-1].low == "next") {
			k -= 2
			continue
		}
		// A time phrase ("on Friday", "in the fall of last year") between
		// speaker and cue.
		if t.kind == tWord && t.has(wTime) {
			if p := x.timePP(toks, k); p >= 0 {
				k = p - 1
				continue
			}
		}
		// A parenthetical between commas: "Putin, in a statement, said".
		if t.is(tPunct, ",") {
			if p := x.parenthetical(toks, k); p >= 0 {
				if h := toks[p+1]; x.appEnd < 0 && (h.cap || h.has(wDet)) && !h.has(wPrep) {
					x.appEnd = k // an apposition, not an aside
				}
				k = p - 1
				continue
			}
		}
		break
	}
	if k >= 0 && toks[k].kind == tWord && !toks[k].cap && x.isVerbCue(toks[k].low) {
		return 0, 0, false, false // "a video that it said showed …"
	}
	if k >= 0 && toks[k].kind == tWord && (toks[k].low == "who" || toks[k].has(wHe|wThey|wIt) && !possessive(toks[k].low)) {
		return k, k + 1, passive, true
	}
	if k < 0 || !x.npWord(toks[k]) {
		return 0, 0, false, false
	}
	b = k + 1
	a = k
	sawAnd := false
	for a > 0 && b-a < 12 {
		t := toks[a-1]
		if t.kind == tWord && !t.cap && x.isAnyCue(t.low) {
			break // "it said showed", "Erdogan said he believed", "Clinton seems"
		}
		if x.npWord(t) {
			a--
			continue
		}
		// An -ing modifier inside a phrase: "the RealClearPolitics polling average".
		if t.kind == tWord && !t.cap && strings.HasSuffix(t.low, "ing") && a-2 >= 0 && x.npWord(toks[a-2]) && !toks[a-2].has(wSkip) && !x.isAnyCue(t.low) {
			a--
			continue
		}
		if t.kind == tWord && t.has(wJoin) && a-2 >= 0 && x.npWord(toks[a-2]) {
			if t.low == "and" && !(toks[a].cap && (toks[a-2].cap || toks[a-2].kind == tWord)) {
				break
			}
			if t.low != "and" && toks[a-2].kind == tWord && toks[a-2].has(wTime) {
				break
			}
			if t.low == "and" {
				sawAnd = true
			}
			a -= 2
			continue
		}
		if t.low == "and" && a-3 >= 0 && toks[a-2].is(tPunct, ",") && toks[a].cap && x.listBefore(toks, a-2) {
			sawAnd = true
			a -= 2
			continue
		}
		if sawAnd && t.is(tPunct, ",") && a-2 >= 0 && toks[a-2].kind == tWord && toks[a-2].cap {
			a -= 1
			continue
		}
		break
	}
	for a < b && toks[a].kind != tWord {
		a++
	}
	if a >= b {
		return 0, 0, false, false
	}
	// A time phrase alone is no speaker.
	if toks[b-1].has(wTime) {
		return 0, 0, false, false
	}
	return a, b, passive, true
}

// timePP returns the index of the preposition that opens a time phrase
// ending at token k ("in the fall of last year", "on Friday night"), or -1.
func (x *extractor) timePP(toks []tok, k int) int {
	for p := k; p >= 0 && k-p <= 7; p-- {
		t := toks[p]
		if t.kind != tWord {
			return -1
		}
		if p < k && t.has(wPrep) && t.low != "of" {
			return p
		}
		switch {
		case t.has(wTime | wDet), t.low == "of", t.low == "last", t.low == "this", t.low == "next",
			t.low == "early", t.low == "late", t.low == "previous", t.low == "past", t.low == "same":
			continue
		}
		if t.cap && t.has(wTime) {
			continue
		}
		return -1
	}
	return -1
}

// parenthetical returns the index of the comma that opens the asides and
// appositions closed by the comma at k ("Putin, in a statement, said";
// "Brianne Stone, 29, of Huntsville, Ala., says"; "Glenn Beck, who since
// … has denounced the nominee, declared"), or -1. Among the commas that
// could open it, the leftmost one after a speaker-like name wins.
func (x *extractor) parenthetical(toks []tok, k int) int {
	nearest, best := -1, -1
	for p := k - 1; p >= 1 && k-p <= 40; p-- {
		t := toks[p]
		if t.kind == tOpen && p+1 < k && toks[p+1].is(tPunct, ",") {
			continue
		}
		if !t.is(tPunct, ",") {
			if t.is(tPunct, ".") || t.is(tPunct, ";") || t.is(tPunct, ":") {
				break
			}
			continue
		}
		if toks[p-1].kind == tOpen || p+1 < k && toks[p+1].kind == tClose {
			continue // a comma inside a quoted title: “Going Viral,”
		}
		if p+1 >= k || !x.npWord(toks[p-1]) {
			continue
		}
		head := toks[p+1]
		long := head.low == "who" || head.low == "which"
		if k-p > 15 && !long {
			continue
		}
		if head.kind != tWord || !(head.has(wStop|wDet) || head.cap || head.low[0] >= '0' && head.low[0] <= '9' || head.low == "now" || strings.HasSuffix(head.low, "ing")) {
			continue
		}
		if x.hasCue(toks[p+1 : k]) {
			break
		}
		if nearest < 0 {
			nearest = p
		}
		if a, b, _, ok := x.simpleNP(toks, p); ok && toks[b-1].cap && x.speakerLike(toks[a:b]) {
			best = p
		}
	}
	if best >= 0 {
		return best
	}
	return nearest
}

// simpleNP is leftNP without skipping: the phrase that ends before token i.
func (x *extractor) simpleNP(toks []tok, i int) (int, int, bool, bool) {
	k := i - 1
	if k < 0 || !x.npWord(toks[k]) {
		return 0, 0, false, false
	}
	a := k
	for a > 0 && k-a < 8 && x.npWord(toks[a-1]) {
		a--
	}
	return a, k + 1, false, true
}

// listBefore reports whether another comma of a list ("Ukraine, the U.S.,
// and South Korea") stands within a few words before the comma at p.
func (x *extractor) listBefore(toks []tok, p int) bool {
	for k := p - 1; k >= 0 && p-k <= 5; k-- {
		if toks[k].is(tPunct, ",") {
			return true
		}
		if toks[k].kind != tWord {
			return false
		}
	}
	return false
}

func (x *extractor) isAnyCue(low string) bool {
	for _, c := range x.lx.cuesFor(low) {
		if c.pattern != patNoun && len(c.words) == 1 {
			return true
		}
	}
	return false
}

func (x *extractor) isVerbCue(low string) bool {
	for _, c := range x.lx.cuesFor(low) {
		if c.pattern == patVerb && len(c.words) == 1 {
			return true
		}
	}
	return false
}

func (x *extractor) hasNoun(low string) bool {
	for _, c := range x.lx.cuesFor(low) {
		if c.pattern == patNoun && len(c.words) == 1 {
			return true
		}
	}
	return false
}

// inQuote reports whether offset off lies inside a quotation.
func (x *extractor) inQuote(off int) bool {
	i := sort.Search(len(x.quotes), func(i int) bool { return x.quotes[i].End > off })
	return i < len(x.quotes) && x.quotes[i].Start < off
}

func (x *extractor) hasCue(toks []tok) bool {
	for i, t := range toks {
		if t.kind != tWord {
			continue
		}
		for _, c := range x.lx.cuesFor(t.low) {
			if c.pattern == patNoun {
				continue
			}
			if _, ok := matchWords(toks, i, c.words); ok {
				return true
			}
		}
	}
	return false
}

// rightNP returns the phrase [a, b) that starts at token i ("according to
// Ukrainian presidential spokesman Serhii Nykyforov").
func (x *extractor) rightNP(toks []tok, i int) (a, b int, ok bool) {
	b = i
	for b < len(toks) && b-i < 14 {
		t := toks[b]
		if b > i && !t.cap && t.kind == tWord && b+1 < len(toks) && toks[b+1].kind == tWord && (x.isVerbCue(t.low) || len(t.low) > 4 && strings.HasSuffix(t.low, "ed") && toks[b-1].cap) {
			break // the verb after a subject: "Sergey Lavrov echoed …"
		}
		if x.npWord(t) {
			b++
			continue
		}
		if b > i && t.kind == tWord && t.has(wJoin) && b+1 < len(toks) && x.npWord(toks[b+1]) && !toks[b+1].has(wTime) {
			if t.low == "and" && !toks[b+1].cap {
				break
			}
			b += 2
			continue
		}
		// A list of places or parties: "reports from Ukraine, the U.S., and South Korea".
		if b > i && t.is(tPunct, ",") && x.listAhead(toks, b+1) {
			b++
			continue
		}
		break
	}
	if b == i {
		return 0, 0, false
	}
	// Drop a trailing time phrase ("according to reports from AFP on Friday").
	for b-1 > i && toks[b-1].has(wTime) {
		b--
		for b-1 > i && toks[b-1].kind == tWord && toks[b-1].has(wStop|wDet) {
			b--
		}
	}
	return i, b, true
}

// listAhead reports whether the tokens from i continue a list of names that
// ends in "and"/"or" and a capitalised word.
func (x *extractor) listAhead(toks []tok, i int) bool {
	for k := i; k < len(toks) && k-i < 6; k++ {
		t := toks[k]
		if t.kind == tWord && (t.low == "and" || t.low == "or") {
			return k+1 < len(toks) && toks[k+1].kind == tWord && (toks[k+1].cap || toks[k+1].has(wDet) && k+2 < len(toks) && toks[k+2].cap)
		}
		if t.kind == tWord && (t.cap || t.low == "the") || t.is(tPunct, ",") {
			continue
		}
		return false
	}
	return false
}

// ------------------------------------------------------------- patterns

func (x *extractor) verb(si int, toks []tok, m match) (int, bool) {
	i, j, c := m.i, m.j, m.c
	a, b, passive, ok := x.leftNP(toks, i)
	multiBe := len(c.words) > 1 && (c.words[0] == "is" || c.words[0] == "are" || c.words[0] == "was" || c.words[0] == "were")
	if multiBe {
		// "X is expected to …": the belief holder is not named.
		return j, false
	}
	if c.lemma == "ask" && j < len(toks) && (toks[j].low == "about" || toks[j].low == "if" || toks[j].low == "whether") && (!ok || passive || i > 0 && toks[i-1].low == "when") {
		// "was asked about …", "when asked whether …": nobody named asks.
		if cs, ce, q := x.rightContent(si, toks, j+1); cs < ce {
			st := x.add(si, toks, m, -1, -1, cs, ce, q, true)
			st.st.Speaker = crosscheck.Speaker{Type: crosscheck.TypeUnattributed}
			return j, true
		}
	}
	if ok && passive {
		return j, false
	}
	// "reports from Ukraine", "claims of fraud": the noun, not the verb.
	if j < len(toks) && toks[j].kind == tWord && toks[j].has(wPrep|wJoin) && x.hasNoun(toks[i].low) {
		return j, false
	}
	// Inversion: "“…,” said Gerasimov." / "…, said the ministry."
	if (!ok || !x.speakerLike(toks[a:b])) && i > 0 && (toks[i-1].is(tPunct, ",") || toks[i-1].kind == tClose) {
		ra, rb, rok := x.rightNP(toks, j)
		if rok && rb < len(toks) && (toks[rb].low == "who" || toks[rb].low == "which") {
			// "… said a data expert who has worked for one of the rivals."
			for rb < len(toks) && toks[rb].kind != tOpen && !toks[rb].is(tPunct, ".") {
				rb++
			}
			for rb > ra && toks[rb-1].kind == tPunct {
				rb--
			}
		}
		if rok && x.speakerLike(toks[ra:rb]) && (rb == len(toks) || toks[rb].kind == tPunct || toks[rb].kind == tOpen) {
			cs, ce, q := x.leftContent(si, toks, i-1)
			if cs < ce {
				st := x.add(si, toks, m, ra, rb, cs, ce, q, false)
				x.splitQuote(st, toks, rb)
				return rb, true
			}
		}
	}
	if ok && c.lemma == c.words[0] && len(c.words) == 1 && x.lx.is(c.lemma, wNounlike) && !x.baseSubject(toks, a, b, i) {
		// A base form ("state", "plan", "email") is a verb only after a
		// plural subject or an auxiliary; otherwise it is a noun.
		return j, false
	}
	if !ok || !x.speakerLike(toks[a:b]) {
		// A second verb of the same subject: "called her “weak” and said …".
		if k := i - 1; k > 0 && toks[k].kind == tWord && (toks[k].low == "and" || toks[k].low == "but") && len(x.out) > 0 && x.out[len(x.out)-1].sent == si {
			rs, via := x.rightStart(toks, j, c.obj)
			if rs < len(toks) && x.contentLike(toks[rs:]) {
				cs, ce, q := x.rightContent(si, toks, rs)
				if cs < ce {
					st := x.add(si, toks, m, -1, -1, cs, ce, q, true)
					st.needSubj = true
					st.st.Via = appendVia(st.st.Via, via)
					return j, true
				}
			}
		}
		return j, false
	}
	appEnd := x.appEnd
	rs, via := x.rightStart(toks, j, c.obj)
	via = append(x.mediaIn(toks[b:i]), via...) // "Zelenskyy, in an interview with CNN, said"
	rightOK := rs < len(toks) && x.contentLike(toks[rs:])
	if rs == len(toks) && rs > 0 && toks[rs-1].is(tPunct, ":") && si+1 < len(x.sents) {
		// "He said:" closing a paragraph, the quotation opening the next.
		if q, ok := x.qOpen[x.sents[si+1].Start]; ok {
			st := x.add(si, toks, m, a, b, x.quotes[q].Start, x.quotes[q].End, q, true)
			st.st.Via = appendVia(st.st.Via, via)
			return j, true
		}
	}
	leftOK := a > 0 && (toks[a-1].is(tPunct, ",") || toks[a-1].kind == tClose || toks[a-1].is(tPunct, "—"))
	if leftOK && toks[a-1].is(tPunct, ",") && j+3 < len(toks) && toks[j].is(tPunct, ",") && toks[j+1].kind == tWord && !x.hasCue(toks[j+1:min(j+3, len(toks))]) {
		if cs, _, _ := x.span(toks, 0, a-1); cs < toks[a-1].s && toks[0].kind == tWord && !toks[j+1].cap {
			// The attribution interrupts the content; the span covers both parts.
			cs2, ce, q := x.rightContent(si, toks, j+1)
			if cs2 < ce {
				st := x.add(si, toks, m, a, b, cs, ce, q, false)
				st.st.Via = appendVia(st.st.Via, via)
				return j, true
			}
		}
	}
	switch {
	case leftOK && !rightOK:
		cs, ce, q := x.leftContent(si, toks, a-1)
		if cs >= ce {
			return j, false
		}
		st := x.add(si, toks, m, a, b, cs, ce, q, false)
		x.apposition(st, toks, a, b, appEnd)
		st.st.Via = appendVia(st.st.Via, via)
		x.splitQuote(st, toks, j)
		return j, true
	case rightOK:
		cs, ce, q := x.rightContent(si, toks, rs)
		if cs >= ce {
			return j, false
		}
		st := x.add(si, toks, m, a, b, cs, ce, q, true)
		x.apposition(st, toks, a, b, appEnd)
		st.st.Via = appendVia(st.st.Via, via)
		return j, true
	}
	return j, false
}

// apposition widens a speaker to the apposition that follows its name
// ("Sarah Warbelow, legal director for the Human Rights Campaign, said"):
// the text covers both, and a speaker that is no entity takes the person
// the apposition names ("The group's CEO, Kimberley Fritts, said").
func (x *extractor) apposition(c *cand, toks []tok, a, b, appEnd int) {
	if appEnd <= b || appEnd > len(toks) || c.pronoun {
		return
	}
	s, e := toks[a].s, toks[appEnd-1].e
	if c.st.Speaker.Entity == "" {
		if ei, _ := x.entityIn(toks[b].e, e); ei >= 0 && x.ents[ei].Type == crosscheck.TypePerson {
			sp, _ := x.speaker(toks[b].e, e, toks[b:appEnd])
			c.st.Speaker = sp
		}
	}
	c.st.Speaker.Text, c.st.Speaker.Start, c.st.Speaker.End = x.text[s:e], s, e
}

// splitQuote extends a direct statement whose quotation resumes after
// the attribution: "“We will win,” he said, “and we will rebuild.”".
func (x *extractor) splitQuote(c *cand, toks []tok, k int) {
	if c.st.Kind != crosscheck.KindDirect || k+1 >= len(toks) || !toks[k].is(tPunct, ",") || toks[k+1].kind != tOpen {
		return
	}
	q, ok := x.qOpen[toks[k+1].s]
	if !ok {
		return
	}
	start := c.st.Content.Start
	if c.quoteEnd > 0 {
		// Keep the opening mark out: the span starts inside the first quotation.
		x.setContent(c, start, x.quotes[q].End)
		c.st.Kind = crosscheck.KindDirect
	}
}

// baseSubject reports whether the phrase [a, b) before a base-form cue at
// i can be its subject: a plural or a pronoun other than he/she/it, or an
// auxiliary in between ("will say", "did not confirm").
func (x *extractor) baseSubject(toks []tok, a, b, i int) bool {
	for k := b; k < i; k++ {
		if toks[k].kind == tWord {
			switch toks[k].low {
			case "will", "would", "could", "can", "may", "might", "should", "must", "did", "do", "does", "to", "not", "n't", "also", "often", "still", "now", "never":
				return true
			}
		}
	}
	h := toks[b-1].low
	switch h {
	case "they", "we", "i", "you", "who":
		return true
	case "he", "she", "it":
		return false
	}
	if b-a >= 3 {
		for _, t := range toks[a:b] {
			if t.low == "and" {
				return true
			}
		}
	}
	return strings.HasSuffix(h, "s") && !strings.HasSuffix(h, "ss") && !toks[b-1].cap
}

// participle handles ", saying …", "with X stating that …" and "…
// emphasizing the need for …".
func (x *extractor) participle(si int, toks []tok, m match) (int, bool) {
	i, j, c := m.i, m.j, m.c
	rs, via := x.rightStart(toks, j, c.obj)
	if rs >= len(toks) || !x.contentLike(toks[rs:]) {
		return j, false
	}
	cs, ce, q := x.rightContent(si, toks, rs)
	if cs >= ce {
		return j, false
	}
	// "X was quoted by ITAR-TASS as saying that …".
	if i >= 4 && toks[i-1].low == "as" {
		for qi := i - 2; qi >= 1 && i-qi <= 8; qi-- {
			if toks[qi].low != "quoted" {
				continue
			}
			a, b, _, ok := x.leftNP(toks, qi)
			if !ok || !x.speakerLike(toks[a:b]) {
				break
			}
			st := x.add(si, toks, m, a, b, cs, ce, q, true)
			st.st.Via = appendVia(st.st.Via, append(x.mediaIn(toks[qi:i]), via...))
			return j, true
		}
	}
	a, b, _, ok := x.leftNP(toks, i)
	direct := ok && b == i && x.speakerLike(toks[a:b]) && x.named(toks[a:b])

	var st *cand
	if direct {
		st = x.add(si, toks, m, a, b, cs, ce, q, true)
	} else {
		st = x.add(si, toks, m, -1, -1, cs, ce, q, true)
		st.needSubj = true
	}
	st.st.Via = appendVia(st.st.Via, via)
	return j, true
}

// raise handles views nobody is named for: "X seemed to be shrinking",
// "the vote is expected to draw a large audience", "It appears that …".
// The statement is unattributed; its content is the subject and the clause.
func (x *extractor) raise(si int, toks []tok, m match) (int, bool) {
	i, j := m.i, m.j
	k := j
	for k < len(toks) && k-j < 4 && (toks[k].is(tPunct, ",") || toks[k].low == "though" || toks[k].low == "however") {
		k++
	}
	if k >= len(toks) || toks[k].kind != tWord {
		return j, false
	}
	var cs, ce, q int
	switch {
	case toks[k].has(wThat):
		if cs, ce, q = x.rightContent(si, toks, k+1); cs >= ce {
			return j, false
		}
	case toks[k].low == "to":
		a, b, _, ok := x.leftNP(toks, i)
		if !ok || !x.speakerLike(toks[a:b]) || b < i-2 {
			return j, false
		}
		_, e, _ := x.rightContent(si, toks, k+1)
		if e <= toks[k].e {
			return j, false
		}
		cs, ce, q = toks[a].s, e, -1
	default:
		return j, false
	}
	st := x.add(si, toks, m, -1, -1, cs, ce, q, true)
	st.st.Speaker = crosscheck.Speaker{Type: crosscheck.TypeUnattributed}
	return j, true
}

// prep handles "according to X, …" and "…, according to X".
func (x *extractor) prep(si int, toks []tok, m match) (int, bool) {
	i, j := m.i, m.j
	a, b, ok := x.rightNP(toks, j)
	if !ok {
		return j, false
	}
	// The source runs to the clause's end: "according to exit polls
	// reported by CNN and other networks, …".
	for e := b; e < len(toks) && e-j < 30; e++ {
		t := toks[e]
		if t.is(tPunct, ",") && !x.listAhead(toks, e+1) || t.is(tPunct, ".") || t.is(tPunct, ";") || t.is(tPunct, ":") || t.kind == tOpen || t.kind == tClose || t.is(tPunct, "—") {
			b = e
			break
		}
		if t.kind == tWord && (t.has(wThat) || x.isAnyCue(t.low) && !x.hasNoun(t.low)) {
			break
		}
		if e == len(toks)-1 {
			b = len(toks)
		}
	}
	for b > a+1 && toks[b-1].kind != tWord {
		b--
	}
	// Clause-initial: content follows the phrase after a comma.
	initial := true
	for k := 0; k < i; k++ {
		if toks[k].kind == tWord && !toks[k].has(wIntro) {
			initial = false
			break
		}
	}
	if initial {
		k := b
		if k < len(toks) && toks[k].is(tPunct, ",") {
			k++
		}
		if k >= len(toks) || !x.contentLike(toks[k:]) {
			return b, false
		}
		cs, ce, q := x.rightContent(si, toks, k)
		if cs >= ce {
			return b, false
		}
		x.add(si, toks, m, a, b, cs, ce, q, true)
		return b, true
	}
	e := i
	if e > 0 && toks[e-1].is(tPunct, ",") {
		e--
	}
	if e == 0 {
		return b, false
	}
	cs, ce, q := x.span(toks, 0, e)
	if cs >= ce {
		return b, false
	}
	st := x.add(si, toks, m, a, b, cs, ce, q, false)
	st.region = toks[i].s
	if i > 0 && toks[i-1].is(tPunct, ",") {
		st.region = toks[i-1].s
	}
	return b, true
}

// noun handles "X's claim that …" and "the claim by X that …".
func (x *extractor) noun(si int, toks []tok, m match) (int, bool) {
	i, j := m.i, m.j
	if i > 0 && toks[i-1].kind == tWord && possessive(toks[i-1].low) && j < len(toks) && toks[j].has(wThat) {
		a, b, _, ok := x.leftNP(toks, i)
		if !ok || !x.speakerLike(toks[a:b]) || !x.named(toks[a:b]) {
			return j, false
		}
		cs, ce, q := x.rightContent(si, toks, j+1)
		if cs >= ce {
			return j, false
		}
		x.add(si, toks, m, a, b, cs, ce, q, true)
		return j, true
	}
	if j+1 < len(toks) && (toks[j].low == "by" || toks[j].low == "from") {
		a, b, ok := x.rightNP(toks, j+1)
		if !ok || b >= len(toks) || !toks[b].has(wThat) || !x.named(toks[a:b]) {
			return j, false
		}
		cs, ce, q := x.rightContent(si, toks, b+1)
		if cs >= ce {
			return j, false
		}
		x.add(si, toks, m, a, b, cs, ce, q, true)
		return b, true
	}
	return j, false
}

// colon handles a speaker introduced by a colon before a quotation,
// `Zelenskyy: “We will not give up our land.”`, and in a headline before
// any words: "Trump: Clinton Would Be A Disaster".
func (x *extractor) colon(si int, toks []tok, title bool) {
	for k := 1; k+1 < len(toks) && k <= 7; k++ {
		if !toks[k].is(tPunct, ":") {
			continue
		}
		if toks[k+1].kind != tOpen && !(title && toks[k+1].kind == tWord) {
			return
		}
		a, b, _, ok := x.leftNP(toks, k)
		if !ok || a != 0 || !x.named(toks[a:b]) || x.hasCue(toks[a:b]) {
			return
		}
		cs, ce, q := x.rightContent(si, toks, k+1)
		if cs >= ce {
			return
		}
		x.add(si, toks, match{k, k + 1, &cue{words: []string{":"}, lemma: "say", pattern: patVerb}}, a, b, cs, ce, q, true)
		return
	}
}

// speakerLike reports whether a phrase can name who speaks: a pronoun, a
// name, or a noun phrase that is not a time expression.
func (x *extractor) speakerLike(p []tok) bool {
	if len(p) == 0 {
		return false
	}
	h := p[len(p)-1]
	if h.kind != tWord || h.has(wTime) || h.has(wDet) && !h.has(wHe|wThey|wIt) {
		return false
	}
	if h.has(wHe | wThey | wIt) {
		return len(p) == 1 && !possessive(h.low) && h.low != "his" && h.low != "her" && h.low != "their" && h.low != "them" && h.low != "him"
	}
	if h.low[0] >= '0' && h.low[0] <= '9' && (len(p) < 3 || p[len(p)-2].low != "in" && p[len(p)-2].low != "of") {
		return false // a number, unless a share of people: "six in 10 say"
	}
	if !h.cap && len(h.low) > 4 && strings.HasSuffix(h.low, "ed") && !strings.HasSuffix(h.low, "eed") {
		return false // a verb in the past: "… bucked efforts, repeated"
	}
	return !h.has(wStop)
}

// named reports whether a phrase holds a name or a pronoun, which makes a
// participle's or noun cue's speaker reliable.
func (x *extractor) named(p []tok) bool {
	for _, t := range p {
		if t.kind == tWord && (t.cap && !t.has(wDet) || t.has(wHe|wThey)) {
			return true
		}
	}
	return false
}

// contentLike reports whether the tokens after a cue hold content rather
// than a time or place adjunct or a participial comment.
func (x *extractor) contentLike(toks []tok) bool {
	if len(toks) == 0 {
		return false
	}
	if toks[0].kind == tOpen {
		return true
	}
	if toks[0].is(tPunct, ",") || toks[0].is(tPunct, ".") || toks[0].is(tPunct, ";") {
		return false
	}
	words := 0
	if toks[0].kind == tWord && (toks[0].has(wPrep) || toks[0].low == "of" || toks[0].low == "about" || toks[0].low == "into") {
		return false // "said at Mission College as …", "said of the caucus"
	}
	adjunct := toks[0].kind == tWord && toks[0].has(wTime)
	for _, t := range toks {
		if t.kind == tPunct && (t.low == "," || t.low == "." || t.low == ";") {
			break
		}
		if t.kind == tWord {
			words++
		}
	}
	if adjunct && words <= 5 {
		return false
	}
	return words >= 2
}

// rightStart returns the index of the first content token after a cue that
// ends at j: past a recipient ("told Reuters"), a time or place adjunct
// ("on Friday", "in an interview with CNN,") and "that" or a colon. via
// collects media named on the way.
func (x *extractor) rightStart(toks []tok, j int, obj bool) (int, []string) {
	var via []string
	k := j
	if obj && k < len(toks) {
		if a, b, ok := x.rightNP(toks, k); ok {
			via = append(via, x.mediaIn(toks[a:b])...)
			k = b
		}
	}
	// "that" within a short adjunct.
	for p := k; p < len(toks) && p-k < 10; p++ {
		t := toks[p]
		if t.kind == tWord && t.has(wThat) {
			if p > k && !x.adjunct(toks[k:p]) {
				break
			}
			via = append(via, x.mediaIn(toks[k:p])...)
			return p + 1, via
		}
		if t.kind != tWord {
			break
		}
	}
	// A bare time phrase before the content: "said Tuesday (that) …",
	// "said last week …", "said on Friday …".
	if p := x.timeAhead(toks, k); p > k {
		if p < len(toks) && toks[p].kind == tWord && toks[p].has(wThat) {
			return p + 1, via
		}
		if p < len(toks) && toks[p].kind == tWord {
			k = p
		}
	}
	if k < len(toks) && toks[k].is(tPunct, ":") {
		return k + 1, via
	}
	if k+1 < len(toks) && toks[k].is(tPunct, ",") && toks[k+1].kind == tOpen {
		return k + 1, via
	}
	// "said in an interview with CNN, “…”" / "said on Friday: …".
	if k < len(toks) && toks[k].kind == tWord && toks[k].has(wPrep|wTime) {
		for p := k + 1; p < len(toks) && p-k < 9; p++ {
			t := toks[p]
			if t.is(tPunct, ",") || t.is(tPunct, ":") {
				if x.adjunct(toks[k:p]) && p+1 < len(toks) {
					via = append(via, x.mediaIn(toks[k:p])...)
					return p + 1, via
				}
				break
			}
			if t.kind != tWord {
				break
			}
		}
	}
	return k, via
}

// timeAhead returns the index after a time phrase that starts at token k
// ("Tuesday", "last week", "on Friday night", "earlier this month"), or k.
func (x *extractor) timeAhead(toks []tok, k int) int {
	p := k
	if p < len(toks) && toks[p].kind == tWord && (toks[p].low == "on" || toks[p].low == "earlier" || toks[p].low == "late" || toks[p].low == "last" || toks[p].low == "this" || toks[p].low == "next") {
		p++
	}
	if p < len(toks) && toks[p].kind == tWord && (toks[p].low == "this" || toks[p].low == "last") {
		p++
	}
	n := 0
	for p < len(toks) && toks[p].kind == tWord && toks[p].has(wTime) && n < 3 {
		p++
		n++
	}
	if n == 0 {
		return k
	}
	return p
}

// adjunct reports whether toks look like a time or place phrase (no verb-
// like lower-case word outside a short preposition phrase).
func (x *extractor) adjunct(toks []tok) bool {
	if len(toks) == 0 {
		return true
	}
	first := toks[0]
	if first.kind != tWord {
		return false
	}
	if !(first.has(wPrep|wTime|wSkip) || first.low == "last") {
		return false
	}
	return !x.hasCue(toks)
}

// mediaIn returns the canonical names of the media named in toks.
func (x *extractor) mediaIn(toks []tok) []string {
	var out []string
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tWord {
			continue
		}
		for n := min(x.lx.mediaMax, len(toks)-i); n >= 1; n-- {
			if toks[i+n-1].kind != tWord {
				continue
			}
			phrase := x.text[toks[i].s:toks[i+n-1].e]
			name, ok := mediaLookup(x.lx.media, phrase)
			if !ok {
				continue
			}
			// Lower-case "ap", "rt" or "dpa" inside ordinary words are no media.
			if !toks[i].cap && len(phrase) <= 3 {
				continue
			}
			out = append(out, name)
			i += n - 1
			break
		}
	}
	return out
}

func appendVia(via []string, more []string) []string {
	for _, m := range more {
		dup := false
		for _, v := range via {
			dup = dup || v == m
		}
		if !dup {
			via = append(via, m)
		}
	}
	return via
}
