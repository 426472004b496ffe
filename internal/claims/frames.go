package claims

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Frame is one predicate a statement's content holds (frames.tsv): its
// class, and how the content holds it.
type Frame struct {
	// Class is the predicate class ("attack", "withdraw", "deploy", …).
	Class string `json:"class"`
	// Asserted is false when the predicate is only a topic or a condition
	// ("sanctions if Russia invades", "a heavy price for invasion"):
	// such frames are kept for display but never link statements.
	Asserted bool `json:"asserted"`
	// Negated: the content says the event does not, did not or will not
	// happen ("is not going to attack", "no signs of a withdrawal", "the
	// claim that it is moving troops away is false").
	Negated bool `json:"negated,omitempty"`
	// Prospective: planned, possible or future ("could begin at any time",
	// "plans to invade"), as opposed to what happens or happened.
	Prospective bool `json:"prospective,omitempty"`
	// Demand: the content asks for the event ("Russia must withdraw")
	// rather than stating it.
	Demand bool `json:"demand,omitempty"`
	// Reported: the content reports the predicate through a noun whose
	// complement it is ("the claim that…", "the accusation…", "no signs
	// of…"), usually to deny or doubt it.
	Reported bool `json:"reported,omitempty"`
	// Hearsay: the reporting noun gives the proposition as what others say
	// ("accusations that …", "reports of …"; markers.tsv hearsay).
	Hearsay bool `json:"hearsay,omitempty"`
	// Agent is who does it: a party code ("RU") when the doer has one, else
	// the doer's name key ("nato"); "" when the content does not say.
	Agent string `json:"agent,omitempty"`
	// AgentName is the agent as written, for link reasons.
	AgentName string `json:"agent_name,omitempty"`
	// Source is who the content says asserts the predicate, when it reports
	// it through a noun with an owner ("the Kremlin's declarations about
	// the withdrawal", "claims by Moscow that…"): a party code or a name
	// key. SourceName is the owner as written.
	Source     string `json:"source,omitempty"`
	SourceName string `json:"source_name,omitempty"`
	// Target is what the predicate is done to, named right after it ("an
	// attack on Poland", "invade Ukraine", "sanctions against Belarus"):
	// a party code or a name key, "" when not named. Two frames with
	// different targets are different propositions.
	Target string `json:"target,omitempty"`
}

// tok is one word of a content: lower-cased, stemmed, with its byte span in
// the content and whether a clause break (punctuation) precedes it.
type tok struct {
	w, s       string
	start, end int
	brk        bool
	caps       bool // written in capitals ("US", not "us")
	hyph       bool // joined to the word before by a hyphen ("counter-attack")
}

// tokenize cuts text into the words words() finds, keeping their spans.
func tokenize(text string) []tok {
	out := make([]tok, 0, len(text)/6+1)
	start, brk := -1, false
	lower := false
	flush := func(end int) {
		w := token(text[start:end], lower)
		hyph := start > 0 && text[start-1] == '-' && len(out) > 0 && out[len(out)-1].end == start-1
		if w == "t" && len(out) > 0 {
			contractNegation(text, &out[len(out)-1], start)
		}
		out = append(out, tok{w: w, s: stem(w), start: start, end: end, brk: brk, caps: allCaps(text[start:end]), hyph: hyph})
		start, brk = -1, false
	}
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
				lower = false
			}
			if r >= utf8.RuneSelf || unicode.IsUpper(r) {
				lower = true
			}
			continue
		}
		if start >= 0 {
			flush(i)
		}
		switch r {
		case ',', ';', ':', '(', ')', '—', '–', '.', '!', '?', '[', ']':
			brk = true
		}
	}
	if start >= 0 {
		flush(len(text))
	}
	return out
}

// contractNegation rewrites the word before "n't" whose stem alone is not
// a negation: "won't" is tokenised "won" "t", and "won" is also the past of
// "win"; "can't" would be "can". They become "wont" and "cant", which
// negations.tsv lists ("didn", "isn" need no rewriting).
func contractNegation(text string, prev *tok, tStart int) {
	between := text[prev.end:tStart]
	if between != "'" && between != "’" {
		return
	}
	switch prev.w {
	case "won", "can", "shan", "ain":
		prev.w += "t"
		prev.s = stem(prev.w)
	}
}

// allCaps reports whether a word has no lower-case letter ("US").
func allCaps(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// mention is an entity mentioned in a content, located on its tokens.
type mention struct {
	from, to int    // token range [from, to)
	key      string // entityKey
	name     string
	party    string // affiliation, or country for places; upper case
	place    bool
	country  bool // a whole country (or its capital), not a specific place
	person   bool
	side     bool // a country whose border or land is named (anchorsOf)
}

// frameInput is what frame detection reads of one statement.
type frameInput struct {
	toks       []tok
	mentions   []mention
	speaker    string // agent of subject-less contents after a control cue
	speakerNm  string
	pronoun    string // agent of a pronoun that opens the content (see antecedent)
	pronounNm  string
	speakerKey string // the speaker's key: not a doer when named inside its own words
	cue        string // cue lemma
	negated    bool   // the content holds a negation
}

// frames finds the predicates of a content (frames.tsv) and, for each, how
// the content holds it (see Frame). Deterministic and local to the content.
func (lx *Lexicon) frames(in frameInput) []Frame {
	toks := in.toks
	var out []Frame
	type hit struct {
		t   *trigger
		end int
	}
	for i := 0; i < len(toks); i++ {
		// The longest trigger at a word wins: "moving troops away" is a
		// withdrawal, not also a move of troops.
		var hits []hit
		most := 0
		for _, t := range lx.triggers[toks[i].s] {
			end, ok := matchTrigger(t, toks, i)
			if !ok || !lx.hasObject(t, toks, i, end) || !lx.fitsPOS(t, toks, i) {
				continue
			}
			hits = append(hits, hit{t, end})
			most = max(most, len(t.slots))
		}
		for _, h := range hits {
			if len(h.t.slots) != most {
				continue
			}
			f := lx.frameAt(in, h.t, i, h.end)
			if h.t.negatedOnly {
				// The negation is the class's sense: "will not stop at
				// Ukraine" asserts going further, with the polarity of "will
				// go further".
				if !f.Negated {
					continue
				}
				// What follows is where it would stop ("at Ukraine"), not
				// what is done to.
				f.Negated, f.Target = false, ""
			}
			out = append(out, f)
		}
	}
	// One frame per class: the first asserted one — the content's main
	// use of the predicate — else the first.
	var dedup []Frame
	for _, f := range out {
		dup := false
		for k := range dedup {
			if dedup[k].Class == f.Class {
				if !dedup[k].Asserted && f.Asserted {
					dedup[k] = f
				}
				dup = true
				break
			}
		}
		if !dup {
			dedup = append(dedup, f)
		}
	}
	return dedup
}

// fitsPOS tells a verb trigger from a noun trigger written alike
// ("attack"): after a determiner, possessive or nationality it is a noun,
// otherwise a verb.
func (lx *Lexicon) fitsPOS(t *trigger, toks []tok, i int) bool {
	if len(t.slots) > 1 || (t.noun && len(lx.triggers[toks[i].s]) < 2) {
		return true
	}
	nounish := false
	switch {
	case i == 0:
		// A content opens with its subject ("sanctions on Russia should…"),
		// or with a gerund after a cue like "denied" ("planning to…").
		nounish = !strings.HasSuffix(toks[i].w, "ing")
	case toks[i].hyph:
		nounish = true // "counter-attack"
	case lx.is(mkDeterminer, toks[i-1].w):
		// "the occupied territories", "already occupied territories" — but
		// "has already decided": a perfect tense, a verb.
		nounish = i < 2 || !perfectAux(toks[i-2].w)
	default:
		if p, _, ok := lx.placeBefore(toks, i-1); ok && p.kind == plDemonym {
			nounish = true
		}
	}
	// "the recent attack on a TV tower", "drone strikes and…": what
	// follows a noun, not a verb's object.
	afterVerbal := false // "want to attack", "will strike", "it attacked"
	if i > 0 {
		switch w := toks[i-1].w; w {
		case "to", "will", "would", "could", "may", "might", "can", "must", "should", "did", "does", "do", "not", "t":
			afterVerbal = true
		default:
			afterVerbal = lx.is(mkPronoun, w) && !possessive(w)
		}
	}
	if !nounish && !afterVerbal && !strings.HasSuffix(toks[i].w, "ed") && !strings.HasSuffix(toks[i].w, "ing") {
		if i+1 == len(toks) || toks[i+1].brk {
			nounish = true
		} else {
			switch toks[i+1].w {
			case "on", "against", "by", "of", "and", "or", "were", "was", "is", "are", "have", "has", "had",
				"will", "would", "could", "may", "might", "that", "which":
				nounish = true
			}
		}
	}
	if !t.noun {
		return !nounish
	}
	// Only a noun where a verb reading also exists: decide by the word before.
	for _, o := range lx.triggers[toks[i].s] {
		if !o.noun && o.class == t.class && len(o.slots) == 1 {
			return nounish
		}
	}
	return true
}

// perfectAux reports whether w is a form of "have" that makes a perfect
// tense with the participle two words on.
func perfectAux(w string) bool { return w == "has" || w == "have" || w == "had" }

// matchTrigger matches t at toks[i]: the slots in order, each directly
// after the previous or within maxGap words when the trigger allows a gap.
// It returns the index after the last matched token.
func matchTrigger(t *trigger, toks []tok, i int) (int, bool) {
	if !slotHas(t.slots[0], toks[i].s) {
		return 0, false
	}
	j := i + 1
	for k := 1; k < len(t.slots); k++ {
		limit := j
		if t.gap[k] {
			limit = j + maxGap
		}
		found := false
		for ; j <= limit && j < len(toks); j++ {
			if slotHas(t.slots[k], toks[j].s) {
				found = true
				break
			}
		}
		if !found {
			return 0, false
		}
		j++
	}
	return j, true
}

func slotHas(alts []string, s string) bool {
	for _, a := range alts {
		if a == s {
			return true
		}
	}
	return false
}

// hasObject checks a trigger's required object: one of its words within
// objWindow words after it (and, for nouns, within three before: "weapons
// deliveries").
func (lx *Lexicon) hasObject(t *trigger, toks []tok, i, end int) bool {
	if t.objects == nil || t.bare && (end == len(toks) || toks[end].brk) {
		return true
	}
	// Amounts do not count ("providing another $1 billion in security
	// assistance").
	for j, n := end, 0; j < len(toks) && n < objWindow; j++ {
		if t.objects[toks[j].s] {
			return true
		}
		if !amountWord(toks[j].w) {
			n++
		}
	}
	if t.objectAfter {
		return false // "the troops gathered around Ukraine": no object before
	}
	// Before it too: "weapons deliveries", "weapons delivered by the West".
	for j := max(0, i-3); j < i; j++ {
		if t.objects[toks[j].s] {
			return true
		}
	}
	return false
}

// frameAt reads how the content holds the predicate found at toks[i:end].
func (lx *Lexicon) frameAt(in frameInput, t *trigger, i, end int) Frame {
	toks := in.toks
	f := Frame{Class: t.class, Asserted: true}
	// The clause before the trigger: back to the nearest punctuation, at
	// most ten words.
	from := i
	for from > 0 && i-from < 10 && !toks[from].brk {
		from--
	}
	near := max(from, i-5)
	topic, topicAt, plan, reported := false, -1, false, -1
	// "we still don't know whether he has decided": the event a verb says
	// is not known to have happened (a noun there stays a topic: "if he
	// has made a decision on an incursion")
	unknown := -1
	for j := i - 1; j >= from; j-- {
		if _, ok := lx.marker(mkConditional, toks, j); ok {
			if k := unknownBefore(toks, j); k >= 0 && unknown < 0 && !t.noun {
				unknown = k
				continue
			}
			topic, topicAt = true, j
		}
		if j >= near {
			if _, ok := lx.marker(mkTopic, toks, j); ok && (t.noun || !predicateBetween(lx, toks, j, i)) {
				topic, topicAt = true, j
			}
			if _, ok := lx.marker(mkPlan, toks, j); ok && wordsBetween(toks, j, i) <= 3 {
				plan = true
			}
		}
		if _, ok := lx.marker(mkReporting, toks, j); ok && reported < 0 {
			reported = j
		}
		if _, ok := lx.marker(mkProspective, toks, j); ok {
			f.Prospective = true
		}
	}
	// "the declarations about the withdrawal": a reporting noun before the
	// topic word makes its complement the reported proposition.
	if topic && reported >= 0 && reported < topicAt {
		if _, cond := lx.marker(mkConditional, toks, topicAt); !cond {
			topic = false
		}
	}
	// A demand governs a list: "Russia must de-escalate, withdraw its
	// forces".
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		if _, ok := lx.marker(mkDeontic, toks, j); ok {
			// "Putin and I agreed that our teams should continue": what
			// two agreed on is their plan, not the speaker's demand
			if agreedBefore(toks, j) {
				f.Prospective = true
			} else {
				f.Demand = true
			}
			break
		}
	}
	if t.noun {
		// A predicate noun is a topic ("sanctions", "Russia's invasion of
		// Ukraine shows…") unless the content asserts its event: planned
		// ("plans for an invasion"), reported ("no signs of a withdrawal"),
		// carried out ("carried out strikes", "there were explosions") or
		// begun ("an invasion could begin").
		asserted := plan || reported >= 0 || t.assertive
		for j := i - 1; j >= near && !asserted; j-- {
			if _, ok := lx.marker(mkLight, toks, j); ok {
				asserted = true
			}
			// "would be fair targets", "were an act of sabotage": the noun
			// is what its subject is.
			if lx.is(mkBe, toks[j].w) && (j >= i-3 || lx.onlyDeterminers(toks, j+1, i)) {
				asserted = true
			}
		}
		modal := false
		for j := end; j < len(toks) && j < end+8 && !toks[j].brk; j++ {
			if _, ok := lx.marker(mkProspective, toks, j); ok {
				modal = true
			}
			// "the explosions were caused by…", "the attack was carried
			// out": a passive said of the event asserts it; "an invasion
			// would be horrific", "invasion is a violation" do not.
			if lx.is(mkBe, toks[j].w) && !modal && toks[j].w != "be" && j+1 < len(toks) && participle(toks[j+1].w) {
				asserted = true
				break
			}
			if _, ok := lx.marker(mkOnset, toks, j); ok && j < end+5 {
				asserted = true
				for k := end; k < j; k++ {
					if _, ok := lx.marker(mkProspective, toks, k); ok {
						f.Prospective = true
					}
				}
				break
			}
		}
		if !asserted {
			topic = true
		}
	}
	if plan {
		f.Prospective = true
	}
	// "troops that Russia sent to fight": the trigger's object before it,
	// with "that" or "which" — a relative clause, background to what the
	// content says.
	if !t.noun && t.objects != nil {
		for k := i - 1; k >= 1 && k >= i-3; k-- {
			if (toks[k].w == "that" || toks[k].w == "which") && t.objects[toks[k-1].s] {
				topic = true
			}
		}
	}
	f.Asserted = !topic
	if nonClaimDirective(in.cue) {
		f.Demand = true
	}
	// Negation: a negating word shortly before the trigger, or before the
	// reporting noun that introduces it ("no signs of the withdrawal",
	// "has not been able to verify reports of Russia moving troops"), or in
	// the clause that says the reported proposition ("the declarations
	// about the withdrawal are not real"). Untrue words are a denial, read
	// with the stance (Prepare), not a negation.
	neg := func(lo, hi int) bool {
		for j := max(0, lo); j < hi; j++ {
			if cancel, ok := lx.negation[toks[j].w]; ok && !lx.untrue[toks[j].w] {
				if j+1 < len(toks) && cancel[toks[j+1].w] {
					continue
				}
				return true
			}
		}
		return false
	}
	f.Negated = neg(i-5, i) || unknown >= 0 && neg(unknown-4, unknown)
	f.Reported = reported >= 0 && !topic
	f.Hearsay = f.Reported && lx.is(mkHearsay, toks[reported].w)
	if f.Reported {
		f.Source, f.SourceName = lx.reportOwner(in, reported)
	}
	if reported >= 0 {
		// "X's declarations about the withdrawal are not real": what says
		// the reported proposition is negated or called untrue.
		f.Negated = f.Negated || neg(reported-6, reported) || in.negated
	}
	f.Agent, f.AgentName = lx.agent(in, t, i, end)
	f.Target = lx.target(in, t, end)
	return f
}

// jointAgent returns the agent of mention m as a doer, with the party of
// the doer it is joined to by "and" when both are parties ("Putin and
// Biden agreed", "Putin and I agreed": RU and US together), so that two
// accounts of one joint act meet whichever of the two each names last.
func (lx *Lexicon) jointAgent(in frameInput, m mention) (string, string) {
	a, name := m.agent(), m.name
	toks := in.toks
	other := ""
	switch {
	case m.to+1 < len(toks) && toks[m.to].w == "and" && (toks[m.to+1].w == "i" || toks[m.to+1].w == "we"):
		other = in.speaker
	default:
		// "Putin and US leader Joe Biden": "and" a few words of title
		// before the mention
		for k := m.from - 1; k >= 1 && k >= m.from-3 && !toks[k+1].brk; k-- {
			if toks[k].w == "and" {
				if o, ok := mentionEndingAt(in.mentions, k-1); ok {
					other = o.agent()
				}
				break
			}
		}
	}
	if len(a) != 2 || len(other) != 2 || a == other {
		return a, name
	}
	return min(a, other) + "," + max(a, other), name
}

// agreedBefore reports whether a verb of agreeing stands within five words
// before toks[j] ("agreed that our teams should").
func agreedBefore(toks []tok, j int) bool {
	for k := j - 1; k >= 0 && k >= j-5; k-- {
		switch toks[k].w {
		case "agreed", "agree", "agrees":
			return true
		}
	}
	return false
}

// reportOwner finds the owner of the reporting noun at toks[r]: a party
// or named entity right before it in the possessive ("the Kremlin's
// declarations") or after "by" or "from" ("claims by Moscow").
func (lx *Lexicon) reportOwner(in frameInput, r int) (string, string) {
	toks := in.toks
	if r >= 2 && possessiveAt(toks, r-1) {
		if m, ok := mentionEndingAt(in.mentions, r-2); ok {
			return m.agent(), m.name
		}
		if p, _, ok := lx.placeBefore(toks, r-2); ok {
			return p.code, strings.Join(p.words, " ")
		}
	}
	if r+2 < len(toks) && (toks[r+1].w == "by" || toks[r+1].w == "from") {
		k := r + 2
		for k < len(toks) && lx.is(mkDeterminer, toks[k].w) {
			k++
		}
		if m, ok := mentionStartingAt(in.mentions, k); ok {
			return m.agent(), m.name
		}
		if p, _, ok := lx.placeAt(toks, k); ok {
			return p.code, strings.Join(p.words, " ")
		}
	}
	return "", ""
}

// target finds what the predicate ending at toks[end] is done to: a party
// or named entity right after it, past determiners and "on", "against",
// "of", "into" ("an attack on Poland", "invade Ukraine"); not the doer of
// an of-agent noun ("the withdrawal of NATO").
func (lx *Lexicon) target(in frameInput, t *trigger, end int) string {
	toks := in.toks
	for j := end; j < len(toks) && j < end+3; j++ {
		if j > end && toks[j].brk {
			return ""
		}
		switch w := toks[j].w; {
		case w == "of" && t.ofAgent:
			return ""
		case w == "on" || w == "against" || w == "of" || w == "into" || lx.is(mkDeterminer, w):
			continue
		}
		if m, ok := mentionStartingAt(in.mentions, j); ok {
			if m.place && !m.country {
				return "" // a specific place: placeConflict reads it
			}
			return m.agent()
		}
		if p, _, ok := lx.placeAt(toks, j); ok && p.kind != plDemonym {
			return p.code
		}
		return ""
	}
	return ""
}

// nonClaimDirective reports whether a cue lemma asks for something rather
// than states it (nonclaims.tsv directives).
func nonClaimDirective(lemma string) bool {
	switch lemma {
	case "demand", "urge", "call", "ask", "insist", "propose":
		return true
	}
	return false
}

// agent finds who does the predicate at toks[i:end]: the nearest party or
// named doer before it (not a place after a locative preposition), a
// pronoun's antecedent or the speaker, the of-phrase of a nominalisation
// whose of-phrase is the doer, or the speaker for a subject-less content
// after a control cue ("denied planning to invade").
func (lx *Lexicon) agent(in frameInput, t *trigger, i, end int) (string, string) {
	toks := in.toks
	// "will not be invited", "was struck": the doer is in the by-phrase.
	if !t.noun && i > 0 && lx.is(mkBe, toks[i-1].w) && participle(toks[i].w) {
		for j := end; j < len(toks) && j < end+6; j++ {
			if toks[j].w != "by" {
				continue
			}
			for k := j + 1; k < len(toks) && k < j+5; k++ {
				if m, ok := mentionStartingAt(in.mentions, k); ok {
					return m.agent(), m.name
				}
				if p, _, ok := lx.placeAt(toks, k); ok {
					return p.code, strings.Join(p.words, " ")
				}
			}
		}
		return "", ""
	}
	// A noun's doer stands right before it ("Russia's full-scale
	// invasion", "a Russian offensive"), or is the subject of the plan it
	// completes ("it was preparing for the invasion"); a verb's anywhere
	// before it.
	noun := t.noun
	at := i
	if noun {
		for j := i - 1; j >= max(0, i-4); j-- {
			_, plan := lx.marker(mkPlan, toks, j)
			_, light := lx.marker(mkLight, toks, j)
			if (plan && !lx.is(mkEpistemic, toks[j].w) || light) && !lx.is(mkDeterminer, toks[j].w) && toks[j].w != "there" {
				noun, at = false, j
				break
			}
		}
	}
	lo := 0
	if noun {
		lo = max(0, at-4)
	}
	for j := at - 1; j >= lo; j-- {
		if m, ok := mentionEndingAt(in.mentions, j); ok {
			// A place after a locative preposition is where, not who —
			// unless it is a possessive ("around Russia's possible attack").
			if (m.from > 0 && lx.is(mkLocative, toks[m.from-1].w) && m.place && !possessiveAt(toks, m.to)) || (m.key != "" && m.key == in.speakerKey) || !noun && lx.objectOfPredicate(toks, m.from) {
				j = m.from
				continue
			}
			return lx.jointAgent(in, m)
		}
		if p, n, ok := lx.placeBefore(toks, j); ok {
			start := j - n + 1
			if start > 0 && lx.is(mkLocative, toks[start-1].w) && p.kind == plCountry && !possessiveAt(toks, j+1) || !noun && lx.objectOfPredicate(toks, start) {
				j = start
				continue
			}
			return p.code, strings.Join(p.words, " ")
		}
		if _, ok := lx.marker(mkPronoun, toks, j); ok && !noun && !possessive(toks[j].w) {
			if w := toks[j].w; (w == "i" || w == "we") && j >= 2 && toks[j-1].w == "and" {
				// the speaker with whom "and" joins ("Putin and I agreed")
				if m, ok := mentionEndingAt(in.mentions, j-2); ok {
					return lx.jointAgent(in, m)
				}
			}
			// "it", "they": the nearest earlier doer in the content, else the
			// antecedent of the content's opening pronoun, else the speaker;
			// "he" and "she" take up a person, not a country ("if Putin wins
			// in Ukraine, he won't stop").
			personal := toks[j].w == "he" || toks[j].w == "she"
			for k := j - 1; k >= 0; k-- {
				// not the object of a predicate before it: in "If Russia
				// attacks Ukraine, it probably begins with bombing", "it"
				// is not Ukraine
				if m, ok := mentionEndingAt(in.mentions, k); ok && !(m.place && !m.country) && !(personal && !m.person) && m.key != in.speakerKey && !lx.objectOfPredicate(toks, m.from) {
					return m.agent(), m.name
				}
			}
			if in.pronoun != "" {
				return in.pronoun, in.pronounNm
			}
			return in.speaker, in.speakerNm
		}
	}
	if t.ofAgent && end+1 < len(toks) && toks[end].w == "of" {
		// The noun phrase right after "of" ("the withdrawal of NATO", "of
		// the Russian troops"), not a place further on ("of troops to
		// Ukraine").
		for j := end + 1; j < len(toks) && j < end+4; j++ {
			if m, ok := mentionStartingAt(in.mentions, j); ok {
				return m.agent(), m.name
			}
			if p, _, ok := lx.placeAt(toks, j); ok {
				return p.code, strings.Join(p.words, " ")
			}
			if !lx.is(mkDeterminer, toks[j].w) && !isDigits(toks[j].w) {
				break
			}
		}
	}
	// A content with no subject before its predicate, after a cue whose
	// subject is the doer ("denied any intention to invade").
	if !t.noun && lx.is(mkControl, in.cue) && !hasSubject(in, at) {
		return in.speaker, in.speakerNm
	}
	return "", ""
}

// objectOfPredicate reports whether the name starting at toks[k] is the
// object of another predicate word right before it ("invade Ukraine",
// "an invasion of Ukraine"): what that predicate is done to, not the doer
// of a verb after it ("a Russian invasion of Ukraine could embolden China").
func (lx *Lexicon) objectOfPredicate(toks []tok, k int) bool {
	if k <= 0 || k >= len(toks) || toks[k].brk {
		return false // "… a dictated peace. Russia must withdraw": a new clause
	}
	p := k - 1
	if toks[p].w == "of" {
		if toks[p].brk {
			return false
		}
		p--
	}
	return p >= 0 && len(lx.triggers[toks[p].s]) > 0
}

// onlyDeterminers reports whether toks[from:to] holds nothing but
// determiners and the light nouns that name a kind of event ("an act of",
// "a form of").
func (lx *Lexicon) onlyDeterminers(toks []tok, from, to int) bool {
	for k := from; k < to; k++ {
		switch w := toks[k].w; {
		case lx.is(mkDeterminer, w), w == "act", w == "acts", w == "of", w == "form", w == "kind":
		default:
			return false
		}
	}
	return true
}

// possessiveAt reports whether toks[k] is the "s" of a possessive
// ("Russia's").
func possessiveAt(toks []tok, k int) bool {
	return k < len(toks) && toks[k].w == "s" && !toks[k].brk && k > 0 && toks[k].start-toks[k-1].end <= 3
}

// amountWord reports whether a word is part of a sum of money or a count
// ("1", "billion", "dollars").
func amountWord(w string) bool {
	if isDigits(w) {
		return true
	}
	switch w {
	case "billion", "million", "thousand", "bn", "mln", "dollars", "dollar", "euros", "euro", "pounds", "worth":
		return true
	}
	return false
}

// wordsBetween counts the words from toks[j] to toks[i], a hyphenated compound
// ("large-scale") counting as one.
// unknownBefore returns the index of a word of knowing right before the
// "whether" or "if" at toks[j] ("don't know whether", "no information on
// whether", "not clear if"), or -1: a question said to be open, which,
// negated, says the event is not known to have happened.
func unknownBefore(toks []tok, j int) int {
	if toks[j].w != "whether" && toks[j].w != "if" {
		return -1
	}
	for k := j - 1; k >= 0 && k >= j-3; k-- {
		switch toks[k].w {
		case "know", "known", "knows", "information", "clear", "sure", "certain", "aware", "evidence", "confirm", "confirmed":
			return k
		}
		if toks[k].brk {
			break
		}
	}
	return -1
}

// predicateBetween reports whether a verb trigger at i has a predicate
// of its own after the topic word at j: "and" or a modal between them
// ("would have far wider consequences and could embolden China" asserts
// the emboldening; "consequences of emboldening" does not).
func predicateBetween(lx *Lexicon, toks []tok, j, i int) bool {
	for k := j + 1; k < i; k++ {
		if toks[k].w == "and" || toks[k].w == "but" {
			return true
		}
		if _, ok := lx.marker(mkProspective, toks, k); ok {
			return true
		}
	}
	return false
}

func wordsBetween(toks []tok, j, i int) int {
	n := 0
	for k := j + 1; k <= i && k < len(toks); k++ {
		if !toks[k].hyph {
			n++
		}
	}
	return n
}

func possessive(w string) bool {
	switch w {
	case "its", "their", "his", "her", "our", "my", "your":
		return true
	}
	return false
}

// hasSubject reports whether a content names anyone (or a pronoun) before
// token i.
func hasSubject(in frameInput, i int) bool {
	for _, m := range in.mentions {
		if m.from < i {
			return true
		}
	}
	return false
}

// participle reports whether a word can be a past participle.
func participle(w string) bool {
	if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") {
		return true
	}
	switch w {
	case "sent", "struck", "hit", "shot", "held", "made", "built", "brought", "caught", "fought", "led", "left", "put", "seen", "taken", "given":
		return true
	}
	return false
}

func (m mention) agent() string {
	if m.party != "" {
		return m.party
	}
	return m.key
}

func mentionEndingAt(ms []mention, j int) (mention, bool) {
	for _, m := range ms {
		if m.to-1 == j {
			return m, true
		}
	}
	return mention{}, false
}

func mentionStartingAt(ms []mention, j int) (mention, bool) {
	for _, m := range ms {
		if m.from == j {
			return m, true
		}
	}
	return mention{}, false
}

// placeBefore finds a country, demonym or capital written so that it ends
// at toks[j].
func (lx *Lexicon) placeBefore(toks []tok, j int) (placeWord, int, bool) {
	for n := 1; n <= 3 && j-n+1 >= 0; n++ {
		if p, m, ok := lx.placeAt(toks, j-n+1); ok && m == n {
			return p, n, true
		}
	}
	return placeWord{}, 0, false
}

// numbers returns the figures a content states, normalised ("3,000" and
// "3000" are "3000"; "$33bn" and "33 billion" are "3.3e+10"), leaving out
// years, days of months and figures glued to letters ("F-16", "G7").
func numbers(text string, toks []tok) []string {
	var out []string
	for k, t := range toks {
		if t.w == "" || t.w[0] < '0' || t.w[0] > '9' {
			continue
		}
		// Part of a figure already read ("3,000" is two tokens, "473 400"
		// too).
		if k > 0 && toks[k-1].end+1 == t.start && (text[toks[k-1].end] == ',' || text[toks[k-1].end] == '.') && isDigits(toks[k-1].w) {
			continue
		}
		if k > 0 && thousandsGroup(text, toks[k-1], t) && (k < 2 || !isMonth(toks[k-2].w)) {
			continue
		}
		if t.start > 0 {
			if c := text[t.start-1]; c == '-' && t.start > 1 && isLetter(text[t.start-2]) {
				continue
			}
		}
		digits := t.w
		end := t.end
		for k2 := k + 1; k2 < len(toks) && (toks[k2].start == end+1 && (text[end] == ',' || text[end] == '.') && isDigits(toks[k2].w) || thousandsGroup(text, toks[k2-1], toks[k2]) && (k == 0 || !isMonth(toks[k-1].w))); k2++ {
			if text[end] != '.' || len(toks[k2].w) == 3 {
				digits += toks[k2].w
			} else {
				digits += "." + toks[k2].w
			}
			end = toks[k2].end
		}
		scale := 1.0
		suffix := strings.TrimLeft(digits, "0123456789.")
		digits = strings.TrimSuffix(digits, suffix)
		switch suffix {
		case "":
		case "bn", "b":
			scale = 1e9
		case "m", "mn":
			scale = 1e6
		case "k":
			scale = 1e3
		case "th", "st", "nd", "rd", "s":
		default:
			continue // "3d", "9mm": not a figure
		}
		next := ""
		if k+1 < len(toks) {
			// the word after the whole figure
			for k2 := k + 1; k2 < len(toks); k2++ {
				if toks[k2].start >= end {
					next = toks[k2].w
					break
				}
			}
		}
		switch next {
		case "billion", "bn":
			scale = 1e9
		case "million", "mln":
			scale = 1e6
		case "thousand":
			scale = 1e3
		case "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december":
			continue
		}
		v, err := strconv.ParseFloat(digits, 64)
		if err != nil {
			continue
		}
		if scale == 1 && !strings.Contains(digits, ".") && v >= 1900 && v <= 2100 && len(digits) == 4 {
			continue // a year
		}
		if k > 0 && isMonth(toks[k-1].w) && v <= 31 {
			continue
		}
		out = append(out, strconv.FormatFloat(v*scale, 'g', -1, 64))
	}
	out = append(out, wordFigures(toks)...)
	return dedupSorted(out)
}

// thousandsGroup reports whether b continues figure a as a group of
// thousands written with a space ("473 400", "1 000 000", with a plain,
// no-break or thin space): a of one to three digits, b of three.
func thousandsGroup(text string, a, b tok) bool {
	if !isDigits(a.w) || len(a.w) > 3 || len(b.w) != 3 || !isDigits(b.w) {
		return false
	}
	switch text[a.end:b.start] {
	case " ", "\u00a0", "\u202f", "\u2009":
		return true
	}
	return false
}

// figureWords are the number words wordFigures reads before a scale word.
var figureWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// figureArticles stand for one before a scale word ("a million", "an
// additional billion", "another million"), and before a number word are
// not part of it ("another two billion").
var figureArticles = map[string]bool{"a": true, "an": true, "another": true}

// figureAdditions may stand between an article and its scale word: "an
// additional billion dollars", "a further million".
var figureAdditions = map[string]bool{"additional": true, "further": true, "extra": true}

// wordFigures reads the figures written in words with a scale: "five
// million" (5e+06), "three billion", "seven thousand", "twenty-five
// thousand", "two hundred thousand", "one hundred", "an additional
// billion". A number word alone ("two soldiers") is not a figure a claim
// is recognised by.
func wordFigures(toks []tok) []string {
	var out []string
	for k := 0; k < len(toks); k++ {
		v, ok := figureWords[toks[k].w]
		if figureArticles[toks[k].w] {
			v, ok = 1, true
		}
		if !ok || (k > 0 && figureWords[toks[k-1].w] > 0 && !figureArticles[toks[k-1].w]) {
			continue
		}
		j := k + 1
		if figureArticles[toks[k].w] && j+1 < len(toks) && figureAdditions[toks[j].w] {
			j++
		}
		// "twenty-five"
		if v >= 20 && j < len(toks) && toks[j].hyph {
			if u, ok := figureWords[toks[j].w]; ok && u < 10 {
				v += u
				j++
			}
		}
		scaled := false
		if j < len(toks) && toks[j].w == "hundred" {
			v *= 100
			scaled = true
			j++
		}
		if j < len(toks) {
			switch toks[j].w {
			case "thousand":
				v *= 1e3
				scaled = true
			case "million", "mln":
				v *= 1e6
				scaled = true
			case "billion", "bn":
				v *= 1e9
				scaled = true
			}
		}
		if scaled && !(figureArticles[toks[k].w] && v < 1000) {
			out = append(out, strconv.FormatFloat(v, 'g', -1, 64))
		}
	}
	return out
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isMonth(w string) bool {
	switch w {
	case "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december":
		return true
	}
	return false
}
