// Package attribution finds who said what in an article: statements with
// their speaker, cue, kind (direct, indirect, mixed), content span, relaying
// media (via) and time. It is a pure stage: no I/O, no logging, and the
// same input always gives the same statements.
//
// The rules follow the annotation guidelines of docs/analysis-contract.md
// ("What counts as a statement") and are checked against PolNeAR's
// annotation of attribution as well. A cue anchors the search; each family
// of constructions has its file:
//
//   - verb.go: "X said (that) …", "“…,” X said", "X said, “A,” … “B.”",
//     a second verb of the same subject;
//   - inversion.go: the speaker after the cue, "“…,” said X", "…, said
//     X", and the dash of translated news, "… - said X on TVN24";
//   - participle.go: ", saying …", "X was quoted as saying …";
//   - prep.go: "according to X, …", "…, according to X";
//   - noun.go: "X's claim that …", "the claim by X that …";
//   - colon.go: headlines and subheadings ("Speaker: claim", "Speaker
//     about X: claim"), transcripts ("PENCE: …"), quotations signed with a
//     dash ("“…” ― Name");
//   - opinion.go: "in his opinion", "in the view of X";
//   - raise.go: "X seemed to …" (nobody named);
//   - quote.go: quotations (also set off by dashes in translated text) and
//     continuation quotations — `“A,” X said. “B.”` gives B its own
//     statement with the same speaker and cue.
//
// A cue whose words make no statement is still read as an act (cand.act):
// a refusal ("declined to comment", cues.tsv class plan) or what was not
// said ("did not say which …"). It ends the content before it and names
// who acted, for a participle or a pronoun after it, but it is not output.
// Cue patterns in cues.tsv (+clause, +position, +finite, +display,
// +danger) tell when a verb's object is no content of a statement.
//
// The speaker is a phrase (phrase.go) that speaker.go names: an entity it
// mentions, or a description of one the article names elsewhere ("the
// Belarusian leader", "the newspaper", "the statement", which speaks for its
// author; the Referrer resolves these, and description.go what it leaves:
// the article's protagonist, the person who spoke last, the issuer of the
// statement an earlier one was made in), an earlier unnamed source ("the
// official"), or the Describer's reading of the phrase. Before a cue, the
// head of a relative clause is the phrase ("officials who spoke to Reuters
// said", verb.go relativeSubject). Pronouns are
// resolved in resolve.go to the most recent compatible speaker of the same
// or previous paragraph who is not merely reported inside another
// statement, else to the previous sentence's subject (or the document it is
// about), else to the last compatible mention. A phrase that names nobody
// gives no statement; a pronoun, role word or common noun is never a
// speaker's name. Content (content.go) ends before trailing circumstance,
// the reporter's own next clause or event, and publisher sign-offs.
// settle.go finishes each sentence (participle subjects, pronouns, cut
// contents, relays; "I" outside any quotation, dash-quoted speech or
// interview is the author, whose own words are no statement) and the
// article (a cue inside another statement's content is no statement of its
// own; a medium that only relays becomes the other's via). The party a speaker speaks for is package party's
// decision.
//
// Cue words, closed-class words and relaying media are embedded data files
// (data/*.tsv); function words come from package lexicon.
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

// Referrer reads a speaker phrase that names no entity as a description of
// someone the article names elsewhere ("the Belarusian leader", "the
// newspaper", "the ministry's statement"): it returns the kind of
// description ("person", "media", "organization", "document", or "" when
// the phrase is none) and the index in ents of the entity it refers to, or
// -1. quoted tells offsets inside quotations, where a name is less likely
// the one meant. The entity package's lexicon implements it.
type Referrer interface {
	Refer(text string, start, end int, ents []crosscheck.Entity, quoted func(off int) bool) (kind string, ent int)
}

// Genderer tells the sex of a person: of entity e of the article text
// (from honorifics, gendered roles, given names) and of a speaker phrase
// by its own words ("a spokeswoman"). Each returns "m", "f" or "" when
// unknown.
type Genderer interface {
	Gender(text string, e crosscheck.Entity) string
	PhraseGender(phrase string) string
}

// TimeResolver resolves when a sentence says something happened, against
// the article's publication date ("" when unknown). timex.Resolve fits.
// Extract hands it a statement's frame (the sentence without the
// content), so that what it resolves dates the saying.
type TimeResolver func(sentence, published string) string

// Options are the collaborators Extract uses besides its lexicon; each may
// be nil.
type Options struct {
	Describer Describer
	Referrer  Referrer
	Time      TimeResolver
	// Genders tells the sex of a person entity and of a speaker phrase,
	// so that "she" is not resolved to a man. The entity package's
	// lexicon implements it.
	Genders Genderer
	// BareName reports whether a speaker's name names nobody (a pronoun,
	// a role word, a common noun: "minister", "the statement"); such a
	// speaker keeps its text and gets no name. The entity package's
	// lexicon implements it.
	BareName func(name string) bool
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
	x.continuations()
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
	quoteEnd int  // end of the quotation the content is part of, or 0
	paren    bool // "according to X" between commas inside its own content
	back     bool // a denial whose content only points back ("denied it"): a content of one pronoun
	signoff  bool // the publisher's reporter signing ("…, an Ukrinform correspondent reports"): ends a content, then dropped
	// act: a refusal ("refused to condemn", "declined to comment"), a
	// decision and no statement (the annotation guidelines), or what was
	// not said ("but did not say which …", unsaid). It is kept
	// while the article is read, so that it ends the content before it,
	// gives its subject to a participle after it ("refused to send them,
	// calling them a red line") and to a later pronoun, but it is not
	// output, and no quotation continues it.
	act bool
	// belief: the cue says what the speaker thinks ("he believes"), a
	// view that may be part of what someone told (settle)
	belief bool
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
	// sexes caches the Genderer's answer per entity index ('m', 'f', '-'
	// for unknown, 0 not asked yet); entIdx maps entity ids to indexes.
	sexes []byte
	// own is the content span of the statement whose speaker is being
	// named, while add names it: a person named inside it is not its
	// speaker.
	own    [2]int
	entIdx map[crosscheck.NullString]int
	out    []*cand
	// we is whom "we" speaks for from offset weAt on, as a sentence
	// defined it ("We, the Participants in the International Crimea
	// Platform, remain committed …"); weAt is -1 until one does.
	we   crosscheck.Speaker
	weAt int
}

func newExtractor(art *crosscheck.Article, sents []crosscheck.Sentence, ents []crosscheck.Entity, lx *Lexicon, opt Options) *extractor {
	x := &extractor{lx: lx, opt: opt, art: art, text: art.Text, sents: sents, ents: ents,
		qOpen: map[int]int{}, qClose: map[int]int{}, timeHint: map[int]bool{}, weAt: -1}
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
	x.quotes = mergeQuotes(mergeQuotes(segment.Quotes(x.text), doubledQuotes(x.text)), dashQuotes(x.text, sents, x.opensAttribution))
	for i, q := range x.quotes {
		x.qOpen[q.Start] = i
		x.qClose[q.End-x.closeLen(q.End)] = i
		if q.Continued {
			// the mark that reopens the quotation in each paragraph it
			// runs on to: a statement may begin there
			for off := q.Start; ; {
				k := strings.Index(x.text[off:q.End], "\n\n")
				if k < 0 {
					break
				}
				off += k
				for off < q.End && (x.text[off] == '\n' || x.text[off] == ' ') {
					off++
				}
				if off < q.End {
					x.qOpen[off] = i
				}
			}
		}
	}
	return x
}

// paraStart returns where the paragraph of sentence si starts.
func (x *extractor) paraStart(si int) int {
	k := si
	for k > 0 && x.sents[k-1].Paragraph == x.sents[si].Paragraph {
		k--
	}
	return x.sents[k].Start
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
	x.weDefinition(s.Start, end)
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
		if t.kind == tWord && (t.has(wTime) || t.low[0] >= '0' && t.low[0] <= '9' || possessive(t.low) && x.lx.is(dropPossessive(t.low), wTime)) {
			// "Wednesday's meeting" dates as "on Wednesday" does
			x.timeHint[si] = true // worth asking the time resolver
			break
		}
	}
	first := len(x.out)
	x.colon(si, toks, title)
	x.dashSigned(si, toks)
	x.opinion(si, toks)
	x.thisWas(si, toks)
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tWord || x.inQuote(toks[i].s) || toks[i].cap && i > 0 && !title {
			continue
		}
		x.eachCue(toks, i, func(c *cue, j int) bool {
			next, done := x.build(si, toks, match{i, j, c})
			if done {
				i = max(i, next-1)
			}
			return !done
		})
	}
	x.settle(si, toks, x.out[first:])
}

// build tries to make a statement of cue m. It returns the token index to
// continue scanning from and whether the cue was used.
func (x *extractor) build(si int, toks []tok, m match) (int, bool) {
	if m.j < len(toks) && len(m.c.words) == 1 && phrasal(m.c.lemma, toks[m.j].low) && !(toks[m.j].low == ":" && (m.j+1 == len(toks) || toks[m.j+1].kind == tOpen)) {
		return m.j, false // "called off the talks", "called up reservists": another verb
	}
	if m.c.lemma == "call" && callsOnly(toks, m.j) {
		return m.j, false // "called the police", "kept calling Zelensky": a phone call
	}
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

// callsOnly reports whether "call" has only a person or a body for its
// object, up to the end of the clause or an "and" or "but" that joins the
// next verb: a name ("calling Zelensky"), an object pronoun ("calling you
// by name") or a determiner and one noun ("called the police"), no
// description of it ("called him a liar", "called the report
// fabricated").
func callsOnly(toks []tok, j int) bool {
	e := j
	for e < len(toks) && toks[e].kind == tWord && !(e > j && (toks[e].low == "and" || toks[e].low == "but")) {
		e++
	}
	if e == j {
		return false
	}
	if e+1 < len(toks) && toks[e].is(tPunct, ",") && toks[e+1].kind == tOpen {
		return false // "called them in an article last week, “Manchurian anchors”"
	}
	if e < len(toks) && toks[e].kind != tWord {
		switch {
		case toks[e].is(tPunct, "."), toks[e].is(tPunct, ","), toks[e].is(tPunct, ";"), toks[e].is(tPunct, "!"), toks[e].is(tPunct, "?"):
		default:
			return false // a quotation or a dash follows
		}
	}
	// where and when: "called the police at dawn", "calling Zelensky all
	// day"
	o := j
	for o < e && !(o > j && !toks[o].cap && (toks[o].has(wPrep|wTime) || toks[o].low == "all" || toks[o].low == "every")) {
		o++
	}
	obj := toks[j:o]
	names := true
	for _, t := range obj {
		names = names && t.cap
	}
	if names && len(obj) <= 3 {
		return true
	}
	if len(obj) == 1 && objectPronoun(obj[0].low) {
		return true // "called him at night", "calling you by name"
	}
	return len(obj) == 2 && obj[0].has(wDet) && !obj[1].cap && !obj[0].has(wHe|wThey|wIt)
}

// objectPronoun reports whether low is a personal pronoun in the object
// case.
func objectPronoun(low string) bool {
	switch low {
	case "me", "you", "him", "her", "us", "them":
		return true
	}
	return false
}

// phrasal reports whether a cue's verb with the particle after it is
// another verb that reports nothing: "call off" (cancel), "call up"
// (conscript), "call in", "call back"; "add to" (increase), "add up";
// "continue to" or with a gerund (go on).
// ("Call out" blames, as "accuse" does: a statement.)
func phrasal(lemma, next string) bool {
	switch lemma {
	case "call":
		switch next {
		case "off", "up", "in", "back":
			return true
		}
	case "add":
		return next == "to" || next == "up"
	case "continue":
		// "continues to amass", "continues suffering": it goes on;
		// "Siege of Mariupol continues: …" is a heading (not "Limbaugh
		// continued: “…”" or a colon that ends its paragraph, which
		// build lets through)
		return next == "to" || next == ":" || strings.HasSuffix(next, "ing")
	}
	return false
}

// ---------------------------------------------------------------- phrases

// ------------------------------------------------------------- patterns
