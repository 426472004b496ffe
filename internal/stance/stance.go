// Package stance decides how each statement of an article stands to what it
// reports — asserts, confirms, denies, has not confirmed, retracts; hedged or
// not — and finds the relations between statements that the article itself
// states: "directly contradicting the Russian assertion", "echoed this
// sentiment", "the first direct confirmation", "have yet to confirm this
// claim", each with its evidence span.
//
// It is a pure stage: no I/O, no logging, deterministic. Its word lists are
// embedded data files (data/*.tsv).
package stance

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/lexicon"
)

//go:embed data/*.tsv
var dataFS embed.FS

// rel is one phrase of data/relations.tsv.
type rel struct {
	words []string
	typ   string
	form  string // verb | noun | neg | stmt | mention
}

// Lexicon holds the stance and relation lexicons. It is immutable after
// Load and safe for concurrent use.
type Lexicon struct {
	stance map[string]string // cue lemma → confirm | deny | retract
	verify map[string]bool
	// disbelief: belief cues that, negated, deny their content
	disbelief map[string]bool
	negation  [][]string
	hedge     map[string]bool
	hedgeCue  map[string]bool
	boundary  map[string]bool
	pointer   map[string]bool
	rels      map[string][]rel // by first word, longest first
	// relLens[c] has bit n set when a key of rels starts with byte c and is
	// n bytes long (n < 64): relations look up every word of every
	// sentence, and this check turns most of them away without hashing
	relLens [256]uint64
	// relsLetters says every key of rels is lower-case ASCII letters, which
	// mayHoldRel relies on
	relsLetters bool
	// hedgeLens is relLens for the keys of hedge, asked of every word of a
	// statement's sentence
	hedgeLens [256]uint64
	refs      map[string]string
	anaphor   map[string]bool   // "claim", "reports": nouns that refer back to a statement
	proposal  map[string]bool   // "demands", "plan": rejecting one is a refusal, not a denial
	pledge    map[string]bool   // "commitment", "need": confirming one reaffirms a position, it confirms no claim
	stop      map[string]bool   // words that do not link a relation to a statement
	base      map[string]string // irregular verb form or derived noun → base form ("met" → "meet", "invasion" → "invade")
	reb       rebuttalLexicon   // the speakers' own rebuttals (data/rebuttal.tsv)
}

// lowerLetters reports whether s is one or more of the letters a-z.
func lowerLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}

// mayHoldRel reports whether sentence s may start a relation phrase; it
// never says no where the word-by-word look-up in relations would find
// one. When every key of rels is lower-case ASCII letters, a word that
// equals one is a maximal run of ASCII letters (wordSpans ends words only
// before a character that is no letter), so such runs are enough.
func (lx *Lexicon) mayHoldRel(s string) bool {
	if !lx.relsLetters {
		return true // no shortcut
	}
	for i := 0; i < len(s); {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z' {
			j++
		}
		if lx.relsFor(s[i:j]) != nil {
			return true
		}
		i = j
	}
	return false
}

// relsFor returns the relation phrases that start with word w.
func (lx *Lexicon) relsFor(w string) []rel {
	if w == "" || len(w) < 64 && lx.relLens[w[0]]&(1<<len(w)) == 0 {
		return nil // no key of that first byte and length
	}
	return lx.rels[w]
}

// Load parses stance.tsv, relations.tsv, refs.tsv, stopwords.tsv,
// irregular.tsv, derivations.tsv and rebuttal.tsv from fsys. It returns
// an error naming the file and line of a malformed record.
func Load(fsys fs.FS) (*Lexicon, error) {
	lx := &Lexicon{stance: map[string]string{}, verify: map[string]bool{}, disbelief: map[string]bool{}, hedge: map[string]bool{},
		hedgeCue: map[string]bool{}, boundary: map[string]bool{}, pointer: map[string]bool{},
		rels: map[string][]rel{}, refs: map[string]string{}, anaphor: map[string]bool{},
		proposal: map[string]bool{}, pledge: map[string]bool{}, stop: map[string]bool{}, base: map[string]string{}}
	err := lexicon.ReadTSV(fsys, "stance.tsv", func(line int, f []string) error {
		if len(f) != 2 || f[1] == "" {
			return fmt.Errorf("want 2 fields")
		}
		w := strings.ToLower(f[1])
		switch f[0] {
		case "confirm", "deny", "retract":
			lx.stance[w] = f[0]
		case "verify":
			lx.verify[w] = true
		case "disbelief":
			lx.disbelief[w] = true
		case "negation":
			lx.negation = append(lx.negation, strings.Fields(w))
		case "hedge":
			lx.hedge[w] = true
			if w != "" && len(w) < 64 {
				lx.hedgeLens[w[0]] |= 1 << len(w)
			}
		case "hedgecue":
			lx.hedgeCue[w] = true
		case "boundary":
			lx.boundary[w] = true
		case "pointer":
			lx.pointer[w] = true
		case "anaphor":
			lx.anaphor[w] = true
		case "proposal", "grant":
			lx.proposal[w] = true
		case "pledge":
			lx.pledge[w] = true
		default:
			return fmt.Errorf("unknown class %q", f[0])
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stance: %w", err)
	}
	err = lexicon.ReadTSV(fsys, "relations.tsv", func(line int, f []string) error {
		if len(f) != 3 {
			return fmt.Errorf("want 3 fields, got %d", len(f))
		}
		switch f[1] {
		case crosscheck.RelContradicts, crosscheck.RelConfirms, crosscheck.RelEchoes, crosscheck.RelNotConfirmed:
		default:
			return fmt.Errorf("unknown relation %q", f[1])
		}
		switch f[2] {
		case "verb", "noun", "neg", "stmt", "mention":
		default:
			return fmt.Errorf("unknown form %q", f[2])
		}
		w := strings.Fields(strings.ToLower(f[0]))
		if len(w) == 0 {
			return fmt.Errorf("empty phrase")
		}
		lx.rels[w[0]] = append(lx.rels[w[0]], rel{words: w, typ: f[1], form: f[2]})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stance: %w", err)
	}
	lx.relsLetters = true
	for k, rs := range lx.rels {
		sort.SliceStable(rs, func(i, j int) bool { return len(rs[i].words) > len(rs[j].words) })
		lx.rels[k] = rs
		if k != "" && len(k) < 64 {
			lx.relLens[k[0]] |= 1 << len(k)
		}
		lx.relsLetters = lx.relsLetters && lowerLetters(k)
	}
	err = lexicon.ReadTSV(fsys, "refs.tsv", func(line int, f []string) error {
		if len(f) != 2 || (f[1] != "claim" && f[1] != "last") {
			return fmt.Errorf("want noun and rule claim|last")
		}
		lx.refs[strings.ToLower(f[0])] = f[1]
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stance: %w", err)
	}
	err = lexicon.ReadTSV(fsys, "stopwords.tsv", func(line int, f []string) error {
		if len(f) != 1 || f[0] == "" {
			return fmt.Errorf("want 1 field")
		}
		lx.stop[strings.ToLower(f[0])] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("stance: %w", err)
	}
	for _, name := range []string{"irregular.tsv", "derivations.tsv"} {
		err = lexicon.ReadTSV(fsys, name, func(line int, f []string) error {
			if len(f) != 2 || f[0] == "" || f[1] == "" {
				return fmt.Errorf("want form and base")
			}
			lx.base[strings.ToLower(f[0])] = strings.ToLower(f[1])
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("stance: %w", err)
		}
	}
	if lx.reb, err = loadRebuttals(fsys); err != nil {
		return nil, err
	}
	return lx, nil
}

// New returns a Lexicon built from the embedded data files.
func New() (*Lexicon, error) {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, fmt.Errorf("stance: %w", err)
	}
	return Load(sub)
}

// Options are Classify's collaborators; each may be nil.
type Options struct {
	// Country maps a word ("Russian", "Ukraine's") to the ISO country it
	// names, for evidence such as "the Russian assertion".
	Country func(word string) (string, bool)
}

// Classify sets each statement's stance and hedged flag and returns the
// statements with the relations the article states between them. sents are
// the article's sentences (statement.Sentence indexes them) and stmts are
// in text order, as attribution.Extract returns them. It never fails; the
// input slice is not modified.
func Classify(art *crosscheck.Article, sents []crosscheck.Sentence, stmts []crosscheck.Statement, lx *Lexicon, opt Options) ([]crosscheck.Statement, []crosscheck.Relation) {
	out := make([]crosscheck.Statement, len(stmts))
	copy(out, stmts)
	if lx == nil || art == nil {
		return out, []crosscheck.Relation{}
	}
	c := &classifier{lx: lx, opt: opt, text: art.Text, sents: sents, st: out, hedges: map[int]bool{}}
	for i := range out {
		c.stance(&out[i])
	}
	rels := c.relations()
	if rels == nil {
		rels = []crosscheck.Relation{}
	}
	return out, rels
}

type classifier struct {
	lx     *Lexicon
	opt    Options
	text   string
	sents  []crosscheck.Sentence
	st     []crosscheck.Statement
	buf    []word                  // reused across sentences
	wbuf   []word                  // reused by words
	sbuf   []string                // reused by words
	hedges map[int]bool            // by sentence: whether it holds a hedge
	stems  map[int]map[string]bool // by statement: content stems, for rebuttals
	df     map[string]int          // content stem → statements that have it
	rbuf   []word                  // reused by rebuttals
}

// sentence returns the bounds of sentence index i, or false.
func (c *classifier) sentence(i int) (int, int, bool) {
	if i >= 0 && i < len(c.sents) && c.sents[i].Index == i {
		s := c.sents[i]
		return s.Start, s.End, s.Start >= 0 && s.End <= len(c.text) && s.Start <= s.End
	}
	k := sort.Search(len(c.sents), func(k int) bool { return c.sents[k].Index >= i })
	if k < len(c.sents) && c.sents[k].Index == i {
		s := c.sents[k]
		return s.Start, s.End, s.Start >= 0 && s.End <= len(c.text) && s.Start <= s.End
	}
	return 0, 0, false
}

// stance sets one statement's stance and hedged flag from its cue, the
// words before the cue and hedging words in its sentence.
func (c *classifier) stance(st *crosscheck.Statement) {
	lemma := strings.ToLower(st.Cue.Lemma)
	st.Stance = crosscheck.StanceAssert
	if s, ok := c.lx.stance[lemma]; ok {
		st.Stance = s
	}
	ss, se, ok := c.sentence(st.Sentence)
	if !ok || st.Cue.Start < ss || st.Cue.Start > se {
		return
	}
	from := ss
	if st.Speaker.End > ss && st.Speaker.End <= st.Cue.Start {
		from = st.Speaker.End
	}
	// A negation stands within a few words of its cue; looking further
	// back would cost time quadratic in a long sentence.
	if st.Cue.Start-from > 80 {
		from = st.Cue.Start - 80
		for from < st.Cue.Start && !utf8.RuneStart(c.text[from]) {
			from++
		}
	}
	// "rejected the demands", "dismissed the peace plan": turning down a
	// proposal is a refusal, not a denial that something is true.
	// Denying plans or intentions ("denied any plans to invade") is a
	// denial that they exist, not a refusal.
	if st.Stance == crosscheck.StanceDeny && !(lemma == "deny" && deniedPlans(c.words(st.Content.Text))) && c.proposalObject(c.words(st.Content.Text)) {
		st.Stance = crosscheck.StanceAssert
	}
	// "We confirm the need to continue …", "confirmed its commitment to
	// …": a position reaffirmed, not a claim confirmed
	if st.Stance == crosscheck.StanceConfirm && c.headedBy(c.words(st.Content.Text), c.lx.pledge) {
		st.Stance = crosscheck.StanceAssert
	}
	before := c.words(c.text[from:st.Cue.Start])
	if c.negated(before) {
		switch {
		case c.lx.verify[lemma] || st.Stance == crosscheck.StanceConfirm:
			st.Stance = crosscheck.StanceNotConfirmed
		case st.Stance == crosscheck.StanceDeny:
			st.Stance = crosscheck.StanceAssert
		case st.Stance == crosscheck.StanceAssert && c.cueNegated(st, ss):
			if c.lx.disbelief[lemma] {
				st.Stance = crosscheck.StanceDeny // "does not believe the city will fall"
			} else {
				st.Stance = crosscheck.StanceNotConfirmed // "did not say that the city had fallen"
			}
		}
	}
	// "declined to confirm the report", "refused to comment on it".
	if lemma == "decline" || lemma == "refuse" {
		cw := c.words(st.Content.Text)
		if len(cw) >= 2 && cw[0] == "to" && c.lx.verify[cw[1]] {
			st.Stance = crosscheck.StanceNotConfirmed
		}
	}
	// "said the claim could not be confirmed": the speaker does not confirm.
	if st.Stance == crosscheck.StanceAssert && mentionsVerify(st.Content.Text) && c.unconfirmed(c.words(st.Content.Text)) {
		st.Stance = crosscheck.StanceNotConfirmed
	}
	h, ok := c.hedges[st.Sentence]
	if !ok {
		h = c.hedged(ss, se)
		c.hedges[st.Sentence] = h
	}
	st.Hedged = c.lx.hedgeCue[lemma] || h
}

// proposalObject reports whether the words w (a cue's object, lower case)
// open with a short noun phrase whose head is a proposal noun: "the
// demands", "the African peace plan", "Moscow's offer". The phrase ends at a
// boundary word ("of", "that"), so "claims that the plan failed" is not one.
func (c *classifier) proposalObject(w []string) bool {
	return c.headedBy(w, c.lx.proposal)
}

// headedBy reports whether the words w (a cue's object, lower case) open
// with a short noun phrase whose head is one of nouns, and no "that"
// clause follows the head ("dismissed suggestions that Russia might
// attack" rejects a claim).
func (c *classifier) headedBy(w []string, nouns map[string]bool) bool {
	for i := 0; i < len(w) && i < 5; i++ {
		if c.lx.boundary[w[i]] && !(i == 0 && c.lx.pointer[w[i]]) {
			return false
		}
		if nouns[w[i]] {
			return !(c.lx.reb.claimThat[w[i]] && i+1 < len(w) && w[i+1] == "that")
		}
	}
	return false
}

// unconfirmed reports whether content says that something could not be
// confirmed ("could not be confirmed", "has not been verified").
func (c *classifier) unconfirmed(w []string) bool {
	for i := 0; i+2 < len(w); i++ {
		if (w[i] == "not" || w[i] == "n't" || w[i] == "cannot") && c.lx.verify[stem(w[len(w)-1])] {
			if (w[i+1] == "be" || w[i+1] == "been") && i+2 == len(w)-1 || w[i+1] == "be" && w[i+2] == "independently" && i+3 == len(w)-1 {
				return true
			}
		}
	}
	return false
}

// mentionsVerify is a cheap test that spares most contents the word split.
func mentionsVerify(s string) bool {
	return strings.Contains(s, "onfirm") || strings.Contains(s, "erif") || strings.Contains(s, "orroborat")
}

// stem maps a past participle of a verify verb to its lemma.
func stem(w string) string {
	switch w {
	case "confirmed":
		return "confirm"
	case "verified":
		return "verify"
	case "corroborated":
		return "corroborate"
	}
	return w
}

// cueNegated reports whether the negation is the cue's own: between its
// speaker, before it in the sentence, and the cue ("the general did not
// say that …"), with the content after the cue. A content before the cue
// may end in a negation of its own ("“… and we will not,” he said").
func (c *classifier) cueNegated(st *crosscheck.Statement, ss int) bool {
	if st.Content.Start < st.Cue.End || st.Speaker.End <= ss || st.Speaker.End > st.Cue.Start {
		return false
	}
	return c.negated(c.words(c.text[st.Speaker.End:st.Cue.Start]))
}

// negated reports whether the words before a cue end in a negation, with
// at most two words (adverbs, auxiliaries) after it.
func (c *classifier) negated(w []string) bool {
	for _, n := range c.lx.negation {
		for end := len(w); end >= len(n) && len(w)-end <= 2; end-- {
			if equal(w[end-len(n):end], n) {
				return true
			}
		}
	}
	return false
}

// hedged reports whether a hedging word stands in the sentence outside
// quotation marks.
func (c *classifier) hedged(ss, se int) bool {
	inQuote := false
	start := -1
	s := c.text[ss:se]
	for i, r := range s {
		switch {
		case r == '“' || r == '”' || r == '"' || r == '«' || r == '»':
			if r == '“' || r == '«' || r == '"' && !inQuote {
				inQuote = true
			} else {
				inQuote = false
			}
		}
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if letter && start < 0 {
			start = i
		} else if !letter && start >= 0 {
			if !inQuote && c.hedgeWord(s[start:i]) {
				return true
			}
			start = -1
		}
	}
	// the last word, when the sentence ends in a letter
	return start >= 0 && !inQuote && c.hedgeWord(s[start:])
}

// hedgeWord reports whether w, a run of ASCII letters, is a hedge word in
// any case. It folds w into a stack buffer: a map look-up with string(buf)
// does not allocate, where strings.ToLower would for every capitalised word.
func (c *classifier) hedgeWord(w string) bool {
	var buf [32]byte
	if len(w) > len(buf) {
		return c.lx.hedge[strings.ToLower(w)]
	}
	if w == "" {
		return c.lx.hedge[""]
	}
	if first := w[0] | 0x20; c.lx.hedgeLens[first]&(1<<len(w)) == 0 {
		return false // no hedge word of that first letter and length
	}
	for i := 0; i < len(w); i++ {
		ch := w[i]
		if ch >= 'A' && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		buf[i] = ch
	}
	return c.lx.hedge[string(buf[:len(w)])]
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// word is one lower-cased word with its absolute offsets.
type word struct {
	s, e int
	w    string
}

// words returns the lower-cased words of s ("n't" split off, typographic
// apostrophes folded). It runs for every statement, so it reuses the
// classifier's buffers: the result is valid until the next call.
func (c *classifier) words(s string) []string {
	c.wbuf = wordSpans(c.wbuf[:0], s, 0, true)
	out := c.sbuf[:0]
	for _, w := range c.wbuf {
		out = append(out, w.w)
	}
	c.sbuf = out
	return out
}

// lowerWord lower-cases a word and folds the typographic apostrophe,
// allocating only when something changes.
func lowerWord(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(strings.ReplaceAll(w, "’", "'"))
		}
	}
	return w
}

// wordSpans appends the words of s to dst, offsets shifted by base;
// with fold they are lower-cased and typographic apostrophes folded.
func wordSpans(dst []word, s string, base int, fold bool) []word {
	out := dst
	start := -1
	for i, r := range s {
		isWord := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 0x7f && r != '“' && r != '”' && r != '—' && r != '–' && r != '«' && r != '»' && r != '\u00a0' && r != '…' ||
			(r == '\'' || r == '’' || r == '-') && start >= 0
		if isWord {
			if start < 0 {
				start = i
			}
			continue
		}
		// the check is inline: most runes between words end no word, and
		// a call per rune cost more than the words themselves
		if start >= 0 {
			out = appendWord(out, s, start, i, base, fold)
			start = -1
		}
	}
	if start >= 0 {
		out = appendWord(out, s, start, len(s), base, fold)
	}
	return out
}

// appendWord appends the word s[start:end] to out, "n't" split off.
func appendWord(out []word, s string, start, end, base int, fold bool) []word {
	w := s[start:end]
	if fold {
		w = lowerWord(w)
	}
	if strings.HasSuffix(w, "n't") && len(w) > 3 {
		return append(out, word{base + start, base + end - 3, w[:len(w)-3]}, word{base + end - 3, base + end, "n't"})
	}
	return append(out, word{base + start, base + end, w})
}

// deniedPlans reports whether a denial's object is plans or intentions
// ("denied any plans to invade"): the speaker denies having them.
func deniedPlans(w []string) bool {
	for i := 0; i < len(w) && i < 4; i++ {
		switch w[i] {
		case "plan", "plans", "intention", "intentions", "intent":
			return true
		}
	}
	return false
}
