package stance

import (
	"strings"

	"github.com/crosscheck/crosscheck"
)

// evidenceCap bounds the evidence of a denial taken from its cue to the
// end of its content ("denied allegations of war crimes in Ukraine"); a
// longer content gives the cue and its object only.
const evidenceCap = 160

// rebuttals finds the relations the speakers state themselves: a statement
// whose point is to reject another statement of the article contradicts
// it. A statement denies by its cue ("Russia has denied allegations of war
// crimes") or by its own words ("there is no evidence for these
// assertions", "it has not happened", "calling them fabricated"); the
// statement it rejects is chosen by rebut. Statements that already
// contradict another by the reporter's words are left as they are. A weak
// rebuttal ("no sign of a withdrawal") makes its statement a denial only
// when the statement it rejects is found.
func (c *classifier) rebuttals(out []crosscheck.Relation, seen map[[3]string]bool) []crosscheck.Relation {
	done := map[string]bool{}
	for _, r := range out {
		if r.Type == crosscheck.RelContradicts && r.From != "" {
			done[string(r.From)] = true
		}
	}
	for k := range c.st {
		st := &c.st[k]
		if st.Stance != crosscheck.StanceAssert && st.Stance != crosscheck.StanceDeny {
			continue
		}
		if st.Content.Start < 0 || st.Content.End > len(c.text) || st.Content.Start >= st.Content.End {
			continue
		}
		content := c.text[st.Content.Start:st.Content.End]
		byCue := st.Stance == crosscheck.StanceDeny
		if !byCue && !c.lx.reb.mayRebut(content) {
			continue
		}
		if strings.HasSuffix(strings.TrimRight(content, "”\"’' "), "?") {
			continue // a question rejects nothing outright
		}
		// the buffer is reused: nothing below keeps ws past this statement
		ws := wordSpans(c.rbuf[:0], content, st.Content.Start, true)
		c.rbuf = ws
		if len(ws) == 0 {
			continue
		}
		var rb rebuttal
		found := false
		if r, ok := c.findRebuttal(ws, c.lx.reb.frame[strings.ToLower(st.Cue.Lemma)]); ok && c.rebuttalOwner(k, r.core) && !c.appositive(ws, r.core) {
			rb, found = r, true
			if !byCue && r.strong {
				st.Stance = crosscheck.StanceDeny
			}
		}
		anchor := rb.core[0]
		claimWords := clauseOf(c.text, ws, rb.core)
		if byCue {
			if !found || !rb.strong {
				rb, found = c.cueRebuttal(st, ws)
				claimWords = ws
			}
			anchor = st.Cue.Start
		}
		if !found || done[st.ID] {
			continue
		}
		claim := c.claimStems(claimWords, rb.ref)
		to := c.rebut(query{from: k, anchor: anchor, claim: claim, ref: rb.ref,
			typ: crosscheck.RelContradicts, weak: !rb.strong, denial: byCue && blanket(ws)})
		if to < 0 {
			continue
		}
		if st.Stance == crosscheck.StanceAssert {
			st.Stance = crosscheck.StanceDeny // a weak rebuttal that found what it rejects
		}
		es, ee := rb.start, rb.end
		if rb.ref.found() {
			es, ee = min(es, rb.ref.start), max(ee, rb.ref.end)
		}
		rl := crosscheck.Relation{Type: crosscheck.RelContradicts, From: crosscheck.NullString(st.ID), To: c.st[to].ID,
			Evidence: crosscheck.Span{Text: c.text[es:ee], Start: es, End: ee}}
		key := [3]string{rl.Type, string(rl.From), rl.To}
		if !seen[key] {
			seen[key] = true
			done[st.ID] = true
			out = append(out, rl)
		}
	}
	return out
}

// blanket reports whether a denial's content denies "any" of something
// ("denied it took any hostile action", "denies any involvement"): a
// blanket denial answers the accusation just made, whatever its words.
func blanket(ws []word) bool {
	for _, w := range ws {
		if w.w == "any" {
			return true
		}
	}
	return false
}

// clauseOf returns the words of ws in the clause that holds the span core:
// from the last break (a comma, dash, semicolon or sentence end) before it
// to the first after it. It is what a rebuttal in a long content speaks
// of ("…, for now there is no sign of a withdrawal" speaks of a
// withdrawal, not of what the content said before).
func clauseOf(text string, ws []word, core [2]int) []word {
	first, last := -1, -1
	for i, w := range ws {
		if w.s >= core[0] && first < 0 {
			first = i
		}
		if w.e <= core[1] {
			last = i
		}
	}
	if first < 0 || last < first {
		return ws
	}
	broken := func(a, b word) bool {
		between := text[a.e:b.s]
		return strings.ContainsAny(between, ",;:.!?–—()") || strings.TrimSpace(between) == "-"
	}
	lo, hi := first, last
	for lo > 0 && !broken(ws[lo-1], ws[lo]) {
		lo--
	}
	for hi+1 < len(ws) && !broken(ws[hi], ws[hi+1]) {
		hi++
	}
	return ws[lo : hi+1]
}

// appositive reports whether the rebuttal at core stands in a comment set
// off after the content's claim ("… to protect civilians – a claim the US
// had predicted he would falsely make", "… an offensive – something Danilov
// called untrue"): the comment is another's, not the speaker's rebuttal of
// their own words.
func (c *classifier) appositive(ws []word, core [2]int) bool {
	cl := clauseOf(c.text, ws, core)
	if len(cl) == 0 || cl[0].s == ws[0].s {
		return false
	}
	k := 0
	if w := cl[0].w; w == "a" || w == "an" || w == "the" {
		k++
	}
	return k < len(cl) && (c.lx.reb.backref[cl[k].w] || cl[k].w == "something")
}

// cueRebuttal is the rebuttal of a statement whose cue denies ("denied
// allegations of war crimes", "dismissed suggestions that …"): the cue and
// its content, the back-reference being the content's opening noun phrase.
//
// A denial links to a statement only when what it denies is something said
// or a proposition: a back-reference, or a clause ("that …", "it would
// attack", "stealing grain"); "denied Russian ships access", "rejected
// Moldovan independence" deny no statement.
func (c *classifier) cueRebuttal(st *crosscheck.Statement, ws []word) (rebuttal, bool) {
	r := rebuttal{start: st.Content.Start, end: st.Content.End, core: [2]int{st.Cue.Start, st.Cue.End}, strong: true}
	if ref := c.objectRef(ws, 0, false); ref.found() {
		r.ref = ref
	} else if w := ws[0].w; !c.lx.reb.clause[w] && !(len(w) > 5 && strings.HasSuffix(w, "ing")) {
		return r, false
	}
	if st.Cue.Start >= 0 && st.Cue.End <= st.Content.Start && st.Content.Start-st.Cue.End < 40 {
		r.start = st.Cue.Start
		if r.end-r.start > evidenceCap {
			r.end = st.Cue.End
			if r.ref.found() {
				r.end = r.ref.end
			} else if i := strings.IndexAny(c.text[st.Content.Start:st.Content.End], ",;–—"); i > 0 {
				r.end = st.Content.Start + i
			} else {
				r.end = ws[min(len(ws)-1, 5)].e
			}
		}
	} else if r.end-r.start > evidenceCap {
		r.end = ws[min(len(ws)-1, 12)].e
	}
	return r, true
}

// claimStems returns the content stems of a rebuttal's words that say what
// it rejects, each true when some word of it is written in lower case (a
// common word rather than a name)
// it rejects: not the rebutting words themselves ("baseless", "evidence"),
// which any other statement may share, nor the back-reference that names
// the source ("Western concerns", "Gazprom's announcement"), nor names of
// countries, which in news of a war nearly every statement shares.
func (c *classifier) claimStems(ws []word, ref backref) map[string]bool {
	rb := &c.lx.reb
	out := map[string]bool{}
	for i, w := range ws {
		if ref.found() && w.s >= ref.start && w.e <= ref.end {
			continue
		}
		if rb.absent[w.w] || rb.backref[w.w] || rb.degree[w.w] || rb.adverb[w.w] || rb.denyVerb[w.w] {
			continue
		}
		if _, ok := phraseAt(rb.falseWords, ws, i); ok {
			continue
		}
		if iso, ok := c.countryAt(ws, i); ok {
			// "Russia", "Ukrainian": in war news nearly every statement
			// names them; they only rank statements (see rebut)
			out[countryMark+iso] = false
			continue
		}
		if st, ok := c.contentStem(w.w); ok {
			out[st] = out[st] || !c.capitalized(w)
		}
	}
	return out
}

// countryMark opens the stem that stands for a country named in a
// content ("@US" for "the United States", "American", "US").
const countryMark = "@"

// countryAt returns the country that word i of ws names, alone or with
// the next word ("United States").
func (c *classifier) countryAt(ws []word, i int) (string, bool) {
	if c.opt.Country == nil || !c.capitalized(ws[i]) {
		return "", false
	}
	if i+1 < len(ws) && c.capitalized(ws[i+1]) && adjacent(c.text, ws[i], ws[i+1]) {
		if iso, ok := c.opt.Country(c.text[ws[i].s:ws[i+1].e]); ok {
			return iso, true
		}
	}
	if i > 0 && c.capitalized(ws[i-1]) && adjacent(c.text, ws[i-1], ws[i]) {
		if _, ok := c.opt.Country(c.text[ws[i-1].s:ws[i].e]); ok {
			return "", false // the second word of "United States", counted with the first
		}
	}
	return c.opt.Country(c.text[ws[i].s:ws[i].e])
}

// stemsOf returns the content stems of statement k, computed once.
func (c *classifier) stemsOf(k int) map[string]bool {
	if c.stems == nil {
		c.stems = map[int]map[string]bool{}
	}
	if m, ok := c.stems[k]; ok {
		return m
	}
	m := map[string]bool{}
	st := c.st[k]
	if st.Content.Start >= 0 && st.Content.End <= len(c.text) && st.Content.Start <= st.Content.End {
		ws := wordSpans(nil, c.text[st.Content.Start:st.Content.End], st.Content.Start, true)
		for i, w := range ws {
			if iso, ok := c.countryAt(ws, i); ok {
				m[countryMark+iso] = true
			} else if s, ok := c.contentStem(w.w); ok {
				m[s] = true
			}
		}
	}
	c.stems[k] = m
	return m
}

// docFreq returns how many statements of the article share content stem
// s (at least one).
func (c *classifier) docFreq(s string) int {
	if c.df == nil {
		c.df = map[string]int{}
		for k := range c.st {
			for t := range c.stemsOf(k) {
				c.df[t]++
			}
		}
	}
	return max(1, c.df[s])
}

// query is what rebut looks for.
type query struct {
	from   int             // the rebutting statement, or -1
	party  string          // the rebutting party when from is -1 ("made no mention of")
	anchor int             // byte offset of the rebuttal: the statement rejected comes before it
	claim  map[string]bool // content stems of what the rebuttal speaks of (see claimStems)
	ref    backref
	typ    string // contradicts, not_confirmed, echoes or confirms
	weak   bool   // only content can link it ("no sign of a withdrawal")
	// denial says the rebuttal is a blanket denial by its cue ("denied it
	// took any hostile action", see blanket): it answers what was said
	// just before it even in other words.
	denial bool
}

// rebut returns the statement that a rebuttal (or, with typ echoes or
// confirms, a repetition) refers to, or -1. Going back from the anchor it
// considers statements of another speaker (for a contradiction or a
// non-confirmation, of another party too) that claim something (not a
// denial, a wish or an appeal), within maxLookback sentences. What links
// the rebuttal to one of them:
//
//   - a back-reference that names its source ("Gazprom's announcement",
//     "Russian claims") admits only statements of that speaker or party;
//   - a back-reference with a determiner ("these assertions") admits
//     statements at most two paragraphs back; a pronoun ("this has not
//     happened") only those of its paragraph or the sentence before;
//   - a bare back-reference noun ("denied allegations of …") admits the
//     statements of its paragraph and of the two sentences before, and
//     further back one that shares two content stems;
//   - otherwise a statement must share two content stems with the
//     rebuttal, or one when it is at most a paragraph back.
//
// Names of countries do not count as shared (see claimStems) but weigh in
// the ranking ("the US" and "the United States" are one). Among the
// statements admitted it takes the one whose shared stems weigh most, each
// weighing the less the more statements of the article have it ("drone" in
// a report on a downed drone); the nearest on a tie.
func (c *classifier) rebut(q query) int {
	si := c.sentenceOf(q.anchor)
	para := c.paragraphOf(si)
	fromKey, fromParty := "", q.party
	if q.from >= 0 {
		fromKey = speakerKey(c.st[q.from].Speaker)
		fromParty = string(c.st[q.from].Speaker.Affiliation)
	}
	against := q.typ == crosscheck.RelContradicts || q.typ == crosscheck.RelNotConfirmed
	other := func(st crosscheck.Statement) bool {
		return (fromKey == "" || speakerKey(st.Speaker) != fromKey) &&
			!(against && fromParty != "" && string(st.Speaker.Affiliation) == fromParty)
	}
	// The back-reference may itself be a statement: "denied media reports
	// that …", "Russia's claim that … is false" ([media|report],
	// [Russia's|claim]).
	if q.ref.found() && !q.weak {
		for k := c.firstAt(si); k < len(c.st) && c.st[k].Sentence == si; k++ {
			st := c.st[k]
			in := st.Speaker.End > st.Speaker.Start && st.Speaker.Start >= q.ref.start && st.Speaker.End <= q.ref.end ||
				st.Cue.Start >= q.ref.start && st.Cue.End <= q.ref.end
			if k != q.from && in && c.claims(st) && other(st) {
				return k
			}
		}
	}
	best, bestOv, bestScore := -1, -1, -1.0
	for k := c.firstAt(si+1) - 1; k >= 0; k-- {
		st := c.st[k]
		if si-st.Sentence > maxLookback {
			break
		}
		if k == q.from || st.Cue.Start >= q.anchor || !c.claims(st) && !(q.typ == crosscheck.RelEchoes && st.Stance == crosscheck.StanceDeny) {
			continue
		}
		if !other(st) {
			continue
		}
		pd := para - c.paragraphOf(st.Sentence)
		ov, common, shared, score := 0, 0, 0, 0.0
		for s := range c.stemsOf(k) {
			if lower, ok := q.claim[s]; ok {
				shared++
				if !strings.HasPrefix(s, countryMark) {
					ov++
				}
				if lower {
					common++
				}
				score += 1 / float64(c.docFreq(s))
			}
		}
		ok := false
		switch ref := q.ref; {
		case q.weak:
			ok = common >= 1 && (ov >= 2 || pd <= 1)
		case ref.name != "" || ref.iso != "":
			ok = c.names(st, ref)
		case ref.found() && ref.pointed && ref.noun == "":
			ok = pd == 0 || si-st.Sentence <= 1
		case ref.found() && ref.pointed:
			ok = pd <= 2
		case ref.found():
			// Near enough, and sharing a word or a country when the
			// denial spells out what it rejects: "dismissed suggestions
			// that Russia was trying to drag NATO into the war" rejects
			// no warning of an attack on a pipeline the sentence before.
			ok = (pd == 0 || si-st.Sentence <= 2 || ov >= 2) && (len(q.claim) < 4 || shared >= 1)
		default:
			ok = common >= 1 && (ov >= 2 || pd <= 1) || q.denial && si-st.Sentence <= 1
		}
		if ok && (score > bestScore || score == bestScore && ov > bestOv) {
			best, bestOv, bestScore = k, ov, score
		}
	}
	return best
}

// claims reports whether a statement asserts something another could
// reject: not a denial or non-confirmation itself, and not a wish, appeal
// or order.
func (c *classifier) claims(st crosscheck.Statement) bool {
	switch st.Stance {
	case crosscheck.StanceDeny, crosscheck.StanceNotConfirmed, crosscheck.StanceRetract:
		return false
	}
	return !c.lx.reb.noClaim[strings.ToLower(st.Cue.Lemma)]
}

// names reports whether a statement's speaker is the one a back-reference
// names: its party is the named country, or a word of its name or surface
// form is the named word.
func (c *classifier) names(st crosscheck.Statement, ref backref) bool {
	if ref.iso != "" && string(st.Speaker.Affiliation) == ref.iso {
		return true
	}
	if ref.name == "" {
		return false
	}
	for _, s := range []string{string(st.Speaker.Name), st.Speaker.Text} {
		for _, w := range wordSpans(nil, s, 0, true) {
			if strings.TrimSuffix(w.w, "'s") == ref.name {
				return true
			}
		}
	}
	return false
}

// objectWords returns the words of the clause that starts at ws[j], folded
// to lower case, at most 12 and without a trailing conjunction.
func (c *classifier) objectWords(ws []word, j int) []word {
	var obj []word
	for k := j; k < len(ws) && k < j+12; k++ {
		if k > j && !c.sameClause(ws[k-1], ws[k]) {
			break
		}
		w := ws[k]
		w.w = lowerWord(w.w)
		obj = append(obj, w)
	}
	for len(obj) > 1 && (c.lx.boundary[obj[len(obj)-1].w] || c.lx.pointer[obj[len(obj)-1].w]) {
		obj = obj[:len(obj)-1] // "… lethal aid and" ends before "and"
	}
	return obj
}

// linkBare links a relation verb of the reporter's whose object opens with
// no determiner: the speaker of a statement that follows it ("tries to
// counter Russian propaganda claiming …", "rejected Moscow's claim that
// …"), or a bare back-reference ("denied allegations of war crimes",
// "repeated Western concerns that …"), whose statement rebut chooses. The
// relation needs a statement of the sentence to come from.
func (c *classifier) linkBare(s crosscheck.Sentence, ws []word, i, j int, r rel, own int, here []int) (crosscheck.Relation, bool) {
	rl := crosscheck.Relation{Type: r.typ}
	if r.typ == crosscheck.RelNotConfirmed || j >= len(ws) || !adjacent(c.text, ws[j-1], ws[j]) {
		return rl, false
	}
	from := own
	if from < 0 {
		from = nearest(c.st, here, ws[i].s)
	}
	if from < 0 {
		return rl, false
	}
	fromParty := string(c.st[from].Speaker.Affiliation)
	obj := c.objectWords(ws, j)
	if len(obj) == 0 {
		return rl, false
	}
	to, end := -1, 0
	for _, k := range here {
		st := c.st[k]
		sp := st.Speaker
		if k == from || sp.Start < ws[j].s || sp.Start > obj[min(len(obj)-1, 2)].s || st.Cue.Start < sp.End || !c.claims(st) {
			continue
		}
		if first := wordSpans(nil, c.text[sp.Start:sp.End], sp.Start, false); len(first) == 0 || !c.capitalized(first[0]) {
			continue // "counter external challenges": no named source
		}
		if r.typ == crosscheck.RelContradicts && fromParty != "" && string(sp.Affiliation) == fromParty {
			continue
		}
		to, end = k, sp.End
		break
	}
	if to < 0 && r.form == "stmt" {
		return rl, false // "counter" relates only to a statement it names
	}
	if to < 0 {
		ref := c.objectRef(obj, 0, false)
		if !ref.found() || ref.start > obj[min(len(obj)-1, 2)].s {
			return rl, false
		}
		to = c.rebut(query{from: from, anchor: ws[i].s, claim: c.claimStems(obj, ref), ref: ref, typ: r.typ})
		end = obj[len(obj)-1].e
		if end-ws[i].s > evidenceCap {
			end = ref.end
		}
	}
	if to < 0 || to == from {
		return rl, false
	}
	rl.From = crosscheck.NullString(c.st[from].ID)
	rl.To = c.st[to].ID
	rl.Evidence = crosscheck.Span{Text: c.text[ws[i].s:end], Start: ws[i].s, End: end}
	return rl, true
}

// linkMention links "made no mention of", "did not mention": the party
// that made no mention has not confirmed the statement that said it. The
// statement is the one before the phrase in its sentence ("Kahl said the
// missiles had been sent, but the packages make no mention of them"), or
// an earlier one that what is not mentioned speaks of.
func (c *classifier) linkMention(ws []word, i, j int, r rel, own int, here []int, by string) (int, int) {
	for k := len(here) - 1; k >= 0; k-- {
		st := c.st[here[k]]
		if here[k] == own || st.Cue.Start >= ws[i].s || !c.claims(st) {
			continue
		}
		if by != "" && string(st.Speaker.Affiliation) == by {
			continue
		}
		return here[k], ws[j-1].e
	}
	obj := c.objectWords(ws, j)
	if len(obj) == 0 {
		return -1, 0
	}
	ref := c.objectRef(obj, 0, false)
	to := c.rebut(query{from: own, party: by, anchor: ws[i].s, claim: c.claimStems(obj, ref), ref: ref,
		typ: r.typ, weak: !ref.pointed})
	return to, obj[len(obj)-1].e
}

// sameClause reports whether words a and b, in that order, stand in one
// clause: nothing but blanks and quotation marks between them.
func (c *classifier) sameClause(a, b word) bool {
	return strings.Trim(c.text[a.e:b.s], " \n\t\"“”'’«»") == ""
}

// likeEchoes finds "Like China, Belarus has implied that …": a sentence
// that opens with "Like X," before the speaker of its statement says the
// statement echoes what X said. The statement of X is chosen by rebut,
// among X's statements (X's party for a country).
func (c *classifier) likeEchoes(out []crosscheck.Relation, seen map[[3]string]bool) []crosscheck.Relation {
	for k, st := range c.st {
		ss, _, ok := c.sentence(st.Sentence)
		if !ok || st.Speaker.Start <= ss || st.Speaker.End <= st.Speaker.Start || st.Cue.Start < st.Speaker.End {
			continue
		}
		head := c.text[ss:st.Speaker.Start]
		if !strings.HasPrefix(head, "Like ") {
			continue
		}
		comma := strings.IndexByte(head, ',')
		if comma < 0 || strings.TrimSpace(head[comma+1:]) != "" || comma-len("Like ") > 40 {
			continue
		}
		ws := wordSpans(nil, head[len("Like "):comma], ss+len("Like "), true)
		if len(ws) == 0 || len(ws) > 4 || !c.capitalized(ws[0]) {
			continue
		}
		ref := backref{start: ws[0].s, end: ws[len(ws)-1].e, name: strings.TrimSuffix(ws[len(ws)-1].w, "'s"), pointed: true}
		if c.opt.Country != nil {
			if iso, ok := c.opt.Country(c.text[ref.start:ref.end]); ok {
				ref.iso = iso
			}
		}
		cws := wordSpans(nil, c.text[st.Content.Start:st.Content.End], st.Content.Start, true)
		to := c.rebut(query{from: k, anchor: st.Cue.Start, claim: c.claimStems(cws, backref{}), ref: ref, typ: crosscheck.RelEchoes})
		if to < 0 {
			continue
		}
		rl := crosscheck.Relation{Type: crosscheck.RelEchoes, From: crosscheck.NullString(st.ID), To: c.st[to].ID,
			Evidence: crosscheck.Span{Text: c.text[ss:st.Cue.End], Start: ss, End: st.Cue.End}}
		if key := [3]string{rl.Type, string(rl.From), rl.To}; !seen[key] {
			seen[key] = true
			out = append(out, rl)
		}
	}
	return out
}

// claimNoteNouns name a claim in a note after it (as in attribution).
var claimNoteNouns = map[string]bool{"claim": true, "assertion": true, "allegation": true, "accusation": true, "charge": true, "argument": true, "narrative": true, "version": true, "contention": true}

// claimNotes links a statement made in a note on the claim before it to
// that claim: "X said A – a claim the US had predicted he would falsely
// make" (the US denies A: contradicts), "– a claim Kyiv has confirmed"
// (confirms), "…, a claim flatly rejected by the U.S." (passive). The
// note's statement opens right after the dash or comma, a determiner and
// a claim noun; the claim is the statement whose content ends there.
func (c *classifier) claimNotes(out []crosscheck.Relation, seen map[[3]string]bool) []crosscheck.Relation {
	from := map[string]int{}
	for i, r := range out {
		from[string(r.From)] = i + 1
	}
	for k := range c.st {
		st := c.st[k]
		var typ string
		switch st.Stance {
		case crosscheck.StanceDeny:
			typ = crosscheck.RelContradicts
		case crosscheck.StanceConfirm:
			typ = crosscheck.RelConfirms
		default:
			continue
		}
		if st.Speaker.Start <= 0 || st.Speaker.End <= st.Speaker.Start {
			continue
		}
		ss, _, ok := c.sentence(st.Sentence)
		if !ok || st.Speaker.Start <= ss {
			continue
		}
		head := strings.TrimRight(c.text[ss:st.Speaker.Start], " ")
		if strings.HasSuffix(head, ", which") && st.Cue.Start >= st.Speaker.End {
			// "…, which Ukraine denied": the clause before the comma is
			// the claim
			if rl, ok := c.noteRelation(k, typ, ss+len(head)-len(", which"), ","); ok {
				out = c.addNote(out, from, seen, rl)
			}
			continue
		}
		head = strings.TrimSuffix(strings.TrimSuffix(head, " that"), " which")
		if h, ok := strings.CutSuffix(head, " by"); ok && st.Cue.End <= st.Speaker.Start {
			// a passive note: "…, a claim flatly rejected by the U.S."
			h = strings.TrimRight(c.text[ss:st.Cue.Start], " ")
			for {
				w := h[strings.LastIndex(h, " ")+1:]
				if !strings.HasSuffix(w, "ly") || strings.ToLower(w) != w {
					break
				}
				h = strings.TrimRight(strings.TrimSuffix(h, w), " ")
			}
			head = h
		}
		f := strings.Fields(head)
		n := len(f)
		det := n - 2
		switch {
		case n >= 2 && strings.ToLower(f[n-1]) == "something":
			det = n - 1 // "…, something Russia has denied"
		case n < 3 || !claimNoteNouns[strings.ToLower(f[n-1])]:
			continue
		}
		if d := strings.ToLower(f[det]); d != "a" && d != "an" && d != "the" && d != "something" {
			det-- // "a false claim"
			if det < 1 {
				continue
			}
			if d := strings.ToLower(f[det]); d != "a" && d != "an" && d != "the" {
				continue
			}
		}
		opener := f[det-1] // a dash, or a comma after the claim's last word
		if opener != "-" && opener != "–" && opener != "—" && !strings.HasSuffix(opener, ",") {
			continue
		}
		// where the note starts: after the dash or the comma
		dashAt := ss + strings.LastIndex(c.text[ss:st.Speaker.Start], opener)
		if strings.HasSuffix(opener, ",") {
			opener = ","
			dashAt += len(f[det-1]) - 1
		}
		if rl, ok := c.noteRelation(k, typ, dashAt, opener); ok {
			out = c.addNote(out, from, seen, rl)
		}
	}
	return out
}

// noteRelation relates statement k, made in a note that opens at dashAt
// with opener, to the statement of its sentence whose content ends right
// before the note.
func (c *classifier) noteRelation(k int, typ string, dashAt int, opener string) (crosscheck.Relation, bool) {
	st := c.st[k]
	to := -1
	for j := range c.st {
		if j == k || c.st[j].Sentence != st.Sentence {
			continue
		}
		if gap := strings.TrimSpace(c.text[min(c.st[j].Content.End, dashAt):dashAt]); c.st[j].Content.End <= dashAt && gap == "" || gap == "." {
			to = j
		}
	}
	if to < 0 {
		return crosscheck.Relation{}, false
	}
	evStart := dashAt + len(opener)
	for evStart < len(c.text) && c.text[evStart] == ' ' {
		evStart++
	}
	evEnd := st.Content.End
	if evEnd <= evStart {
		evEnd = max(st.Cue.End, st.Speaker.End) // "– a claim the army rejected", "…, a claim rejected by Kyiv": the note holds no content of its own
	}
	if evEnd <= evStart || evEnd > len(c.text) {
		return crosscheck.Relation{}, false
	}
	return crosscheck.Relation{Type: typ, From: crosscheck.NullString(st.ID), To: c.st[to].ID,
		Evidence: crosscheck.Span{Text: c.text[evStart:evEnd], Start: evStart, End: evEnd}}, true
}

// addNote adds a note's relation; the note's own claim decides what it
// rejects, not the words it shares with statements further back, so it
// replaces another relation from the same statement.
func (c *classifier) addNote(out []crosscheck.Relation, from map[string]int, seen map[[3]string]bool, rl crosscheck.Relation) []crosscheck.Relation {
	if i := from[string(rl.From)]; i > 0 {
		out[i-1] = rl
		return out
	}
	if key := [3]string{rl.Type, string(rl.From), rl.To}; !seen[key] {
		seen[key] = true
		out = append(out, rl)
	}
	return out
}
