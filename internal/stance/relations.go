package stance

import (
	"sort"
	"strings"

	"github.com/crosscheck/crosscheck"
)

// maxLookback bounds how many sentences back a relation looks for the
// statement it refers to.
const maxLookback = 25

// relations finds the relation phrases of every sentence that holds or
// follows statements and links them to the statements they speak of.
func (c *classifier) relations() []crosscheck.Relation {
	var out []crosscheck.Relation
	if len(c.st) == 0 {
		return out
	}
	seen := map[[3]string]bool{}
	for _, s := range c.sents {
		if s.Start < 0 || s.End > len(c.text) || s.Start >= s.End || s.End-s.Start > 4000 {
			continue
		}
		// Words as written: relation phrases are lower case in running
		// text, and folding every word of every sentence costs more than
		// the rare capitalised phrase is worth.
		if !c.lx.mayHoldRel(c.text[s.Start:s.End]) {
			continue // no word of the sentence starts a relation phrase
		}
		ws := wordSpans(c.buf[:0], c.text[s.Start:s.End], s.Start, false)
		c.buf = ws
		for i := 0; i < len(ws); i++ {
			for _, r := range c.lx.relsFor(ws[i].w) {
				j, ok := matchAt(ws, i, r.words)
				if !ok {
					continue
				}
				if rl, ok := c.link(s, ws, i, j, r); ok {
					key := [3]string{rl.Type, string(rl.From), rl.To}
					if !seen[key] {
						seen[key] = true
						out = append(out, rl)
					}
					i = j - 1
				}
				break
			}
		}
	}
	out = c.rebuttals(out, seen)
	out = c.claimNotes(out, seen)
	return c.likeEchoes(out, seen)
}

func matchAt(ws []word, i int, phrase []string) (int, bool) {
	j := i
	for _, p := range phrase {
		if j >= len(ws) || ws[j].w != p {
			return 0, false
		}
		j++
	}
	return j, true
}

// object returns the end index (exclusive) of a short noun phrase that
// points back to something said, starting at word i ("this sentiment",
// "the Russian assertion"), or i when there is none.
func (c *classifier) object(ws []word, i int) int {
	if i >= len(ws) || !c.lx.pointer[ws[i].w] {
		return i
	}
	j := i + 1
	for j < len(ws) && j-i <= 4 && !c.lx.boundary[ws[j].w] {
		// A phrase continues only over adjacent words.
		if strings.TrimSpace(c.text[ws[j-1].e:ws[j].s]) != "" {
			break
		}
		j++
	}
	if j == i+1 {
		return i
	}
	// "confirmed that …", "denies that it would attack" introduce
	// content, not an object; "that claim" is one.
	if w := lowerWord(ws[i+1].w); ws[i].w == "that" && (j < len(ws) || !c.lx.anaphor[w] && c.lx.refs[w] == "") {
		return i
	}
	return j
}

// link builds the relation of phrase ws[i:j] in sentence s.
func (c *classifier) link(s crosscheck.Sentence, ws []word, i, j int, r rel) (crosscheck.Relation, bool) {
	var rl crosscheck.Relation
	rl.Type = r.typ
	phraseStart, phraseEnd := ws[i].s, ws[j-1].e
	// "… rejecting the use of force,” he said": words inside a quotation
	// are the speaker's, not the article's account of who disputes whom.
	if c.quoted(s, phraseStart) {
		return rl, false
	}
	// Statements of this sentence, and the one whose cue is the phrase.
	var here []int
	own := -1
	for k := c.firstAt(s.Index); k < len(c.st) && c.st[k].Sentence == s.Index; k++ {
		st := c.st[k]
		here = append(here, k)
		if st.Cue.Start < phraseEnd && st.Cue.End > phraseStart {
			own = k
		}
	}
	objEnd := c.object(ws, j)
	ref := ""
	var refWords []word
	if objEnd > j {
		refWords = ws[j:objEnd]
		ref = ws[objEnd-1].w
	}
	// "rejected the demands": refusing a proposal contradicts no statement.
	if r.typ == crosscheck.RelContradicts {
		for k := j; k < min(len(ws), j+5); k++ {
			w := lowerWord(ws[k].w)
			if c.lx.boundary[w] && !c.lx.pointer[w] {
				break
			}
			if c.lx.proposal[w] {
				// "dismissed suggestions that Russia might attack" rejects a claim
				if c.lx.reb.claimThat[w] && k+1 < len(ws) && lowerWord(ws[k+1].w) == "that" {
					break
				}
				return rl, false
			}
		}
	}
	evStart, evEnd := phraseStart, phraseEnd
	if objEnd > j {
		evEnd = ws[objEnd-1].e
	}
	from := -1
	switch r.form {
	case "stmt":
		return c.linkBare(s, ws, i, j, r, own, here)
	case "verb":
		if objEnd == j {
			return c.linkBare(s, ws, i, j, r, own, here)
		}
		from = own
		if from < 0 {
			from = nearest(c.st, here, phraseStart)
		}
	case "noun":
		from = c.possessor(ws[:i], r.typ)
		if from < 0 {
			from = nearest(c.st, here, phraseStart)
		}
		if i > 0 && ws[i-1].w == "the" {
			evStart = ws[i-1].s
		}
		evEnd = clauseEnd(c.text, phraseEnd, s.End)
	case "neg", "mention":
		if own < 0 {
			for _, k := range here {
				if c.st[k].Cue.Start >= phraseStart && c.st[k].Cue.Start <= phraseEnd+20 {
					own = k
				}
			}
		}
		if own >= 0 {
			rl.By = c.st[own].Speaker.Affiliation
			if sp := c.st[own].Speaker; sp.End > 0 && sp.Start >= s.Start && sp.End <= phraseStart {
				evStart = sp.Start
			}
		}
		if rl.By == "" && c.opt.Country != nil {
			for _, w := range ws[max(0, i-4):i] {
				if iso, ok := c.opt.Country(c.text[w.s:w.e]); ok {
					rl.By = crosscheck.NullString(iso)
				}
			}
		}
		if r.form == "mention" {
			to, end := c.linkMention(ws, i, j, r, own, here, string(rl.By))
			if to < 0 {
				return rl, false
			}
			// "the ministry did not mention the strike": the speaker whose
			// cue is the phrase has not confirmed it
			if own >= 0 && c.st[own].Stance == crosscheck.StanceAssert && c.st[own].Cue.Start < phraseEnd && c.st[own].Cue.End > phraseStart {
				c.st[own].Stance = crosscheck.StanceNotConfirmed
			}
			rl.To = c.st[to].ID
			rl.Evidence = crosscheck.Span{Text: c.text[evStart:end], Start: evStart, End: end}
			return rl, true
		}
	}
	if from >= 0 {
		rl.From = crosscheck.NullString(c.st[from].ID)
	}
	// The party the evidence names ("the Russian assertion").
	want := ""
	if c.opt.Country != nil {
		for _, w := range refWords {
			if iso, ok := c.opt.Country(c.text[w.s:w.e]); ok {
				want = iso
			}
		}
	}
	fromParty, fromSpeaker := string(rl.By), ""
	if from >= 0 {
		fromParty = string(c.st[from].Speaker.Affiliation)
		fromSpeaker = speakerKey(c.st[from].Speaker)
	}
	rule := c.lx.refs[ref]
	if rule == "" {
		rule = "claim"
		if r.typ == crosscheck.RelEchoes || ref != "" && r.form == "verb" {
			rule = "last"
		}
	}
	var to int
	if rule == "last" {
		to = c.last(s.Index, from, fromSpeaker, ref)
	} else {
		to = c.claim(s.Index, from, fromParty, want, r.typ == crosscheck.RelContradicts)
	}
	if to < 0 || to == from {
		return rl, false
	}
	if !c.linked(s, ws, from, to, fromParty) {
		return rl, false
	}
	// "confirmed the full support", "repeating the rhetoric": an object
	// that names no statement must name what the statement speaks of
	// ("confirmed the meeting" → "the two leaders met").
	if r.form == "verb" && ref != "" && !c.lx.anaphor[ref] && c.lx.refs[ref] == "" && !c.sharesStem(refWords, to) {
		return rl, false
	}
	rl.To = c.st[to].ID
	rl.Evidence = crosscheck.Span{Text: c.text[evStart:evEnd], Start: evStart, End: evEnd}
	return rl, true
}

// nearest returns the statement of here whose cue is closest to off,
// preferring one before it, or -1.
func nearest(st []crosscheck.Statement, here []int, off int) int {
	best, bd := -1, 1<<30
	for _, k := range here {
		d := off - st[k].Cue.Start
		if d < 0 {
			d = -d + 1000 // one after the phrase only when none is before
		}
		if d < bd {
			best, bd = k, d
		}
	}
	return best
}

// possessor returns the statement named by a possessive before a noun
// phrase ("Gerasimov's statement marks the first direct confirmation"): the
// latest statement of that speaker, preferring one whose stance fits the
// relation, or -1.
func (c *classifier) possessor(ws []word, typ string) int {
	for k := len(ws) - 1; k >= 0; k-- {
		w := lowerWord(ws[k].w)
		if !strings.HasSuffix(w, "'s") {
			continue
		}
		name := strings.TrimSuffix(w, "'s")
		best, fit := -1, -1
		si := c.sentenceOf(ws[k].s)
		for i := c.firstAt(si+1) - 1; i >= 0 && si-c.st[i].Sentence <= maxLookback; i-- {
			st := c.st[i]
			if st.Cue.Start >= ws[k].s || !strings.Contains(strings.ToLower(string(st.Speaker.Name)+" "+st.Speaker.Text), name) {
				continue
			}
			if best < 0 {
				best = i
			}
			if fit < 0 && typ == crosscheck.RelConfirms && st.Stance == crosscheck.StanceConfirm {
				fit = i
			}
		}
		if fit >= 0 {
			return fit
		}
		return best
	}
	return -1
}

// claim returns the statement a claim-noun refers to: going back from the
// sentence before si, skip statements of the referring party, take the
// nearest of another party (of party want, when the evidence names one),
// then walk back over the run of statements of that same party, in its
// paragraph and the one before, and return the first of the run — the
// claim the others elaborate. (Further back the run holds other claims of
// that party: "such claims" after a president's warning does not mean the
// prime minister's of six paragraphs before.)
//
// A contradiction is aimed at another party's claim: with needParty it
// passes over statements nobody speaks for when one with a party exists.
func (c *classifier) claim(si, from int, fromParty, want string, needParty bool) int {
	if needParty && want == "" {
		if k := c.claim(si, from, fromParty, "\x00any", false); k >= 0 {
			return k
		}
	}
	c0, near := -1, -1
	for k := c.firstAt(si) - 1; k >= 0; k-- {
		st := c.st[k]
		if st.Sentence >= si || k == from || !c.claims(st) {
			continue // a wish or a denial is no claim to confirm or dispute
		}
		if si-st.Sentence > maxLookback {
			break
		}
		p := string(st.Speaker.Affiliation)
		if fromParty != "" && p == fromParty {
			continue
		}
		if c0 < 0 {
			if want == "\x00any" && p == "" || want != "" && want != "\x00any" && p != want {
				continue
			}
			c0, near = k, k
			if p == "" {
				return c0
			}
			continue
		}
		if p != string(c.st[c0].Speaker.Affiliation) || c.paragraphOf(st.Sentence) < c.paragraphOf(c.st[near].Sentence)-1 {
			break
		}
		c0 = k
	}
	return c0
}

// last returns the most recent statement before sentence si by another
// speaker than the referring one, preferring one whose content shares a
// word stem with the referring noun ("the meeting" → "met"… "meeting").
func (c *classifier) last(si, from int, fromSpeaker, ref string) int {
	first := -1
	stem := ""
	if len(ref) >= 5 {
		stem = ref[:4]
	}
	for k := c.firstAt(si) - 1; k >= 0; k-- {
		st := c.st[k]
		if st.Sentence >= si || k == from {
			continue
		}
		if si-st.Sentence > maxLookback {
			break
		}
		if fromSpeaker != "" && speakerKey(st.Speaker) == fromSpeaker {
			continue
		}
		if first < 0 {
			first = k
			if stem == "" {
				return k
			}
		}
		if stem != "" && strings.Contains(strings.ToLower(st.Content.Text), stem) {
			return k
		}
		if st.Sentence < c.st[first].Sentence-3 {
			break
		}
	}
	return first
}

// firstAt returns the index of the first statement of sentence si or a
// later one (statements are in text order).
func (c *classifier) firstAt(si int) int {
	return sort.Search(len(c.st), func(k int) bool { return c.st[k].Sentence >= si })
}

// sentenceOf returns the index of the sentence that holds offset off.
func (c *classifier) sentenceOf(off int) int {
	k := sort.Search(len(c.sents), func(k int) bool { return c.sents[k].End > off })
	if k < len(c.sents) {
		return c.sents[k].Index
	}
	return len(c.sents)
}

func speakerKey(sp crosscheck.Speaker) string {
	if sp.Entity != "" {
		return string(sp.Entity)
	}
	if sp.Name != "" {
		return strings.ToLower(string(sp.Name))
	}
	return strings.ToLower(sp.Text)
}

// clauseEnd returns where the clause that contains off ends: the end of the
// sentence, before its final punctuation.
func clauseEnd(text string, off, end int) int {
	e := end
	for e > off {
		switch text[e-1] {
		case '.', ' ', '\n', ',', ';', '!', '?':
			e--
			continue
		}
		break
	}
	return e
}

// linked reports whether the relation phrase of sentence s really speaks of
// statement to. The nearest earlier statement is often about something else
// ("Ukrainian forces have not confirmed any strikes" after a statement about
// another town), so a relation needs either an anaphor ("this claim", "the
// Russian assertion", "these reports") outside quotation marks, with the
// statement by another party at most two paragraphs back (or the article's
// lead statement), or a content
// word shared by the relation's sentence (or the content of its from
// statement) and the statement's content.
func (c *classifier) linked(s crosscheck.Sentence, ws []word, from, to int, fromParty string) bool {
	target := c.st[to]
	tp := string(target.Speaker.Affiliation)
	otherParty := fromParty == "" || tp != fromParty
	// The lead claim (the article's first statement) is what later
	// reactions address however far down they come ("Peskov dismissed the
	// reports" at the end of a report on a Ukrainian strike), so an anaphor
	// reaches it from any distance claim's look-back allows.
	if otherParty && (to == 0 || s.Paragraph-c.paragraphOf(target.Sentence) <= 2) {
		for k := range ws {
			if !c.lx.anaphor[lowerWord(ws[k].w)] || c.quoted(s, ws[k].s) {
				continue
			}
			for m := k - 1; m >= 0 && m >= k-3; m-- {
				if c.lx.pointer[lowerWord(ws[m].w)] {
					return true
				}
			}
		}
	}
	have := map[string]bool{}
	for _, w := range ws {
		if st, ok := c.contentStem(w.w); ok {
			have[st] = true
		}
	}
	if from >= 0 {
		for _, w := range wordSpans(nil, c.st[from].Content.Text, 0, true) {
			if st, ok := c.contentStem(w.w); ok {
				have[st] = true
			}
		}
	}
	for _, w := range wordSpans(nil, target.Content.Text, 0, true) {
		if st, ok := c.contentStem(w.w); ok && have[st] {
			return true
		}
	}
	return false
}

// contentStem returns a crude stem of w for comparing contents, or false
// for a stop word, a number or a word too short to carry a topic. Stems are
// the first five letters after an inflectional suffix is cut ("strikes",
// "striking" → "strik"), after mapping irregular forms ("met" → "meet").
func (c *classifier) contentStem(w string) (string, bool) {
	w = strings.TrimSuffix(lowerWord(w), "'s")
	if c.lx.stop[w] || len(w) < 3 || w[0] >= '0' && w[0] <= '9' {
		return "", false
	}
	if b, ok := c.lx.base[w]; ok {
		w = b
	}
	for _, suf := range [...]string{"ing", "ies", "ed", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	if c.lx.stop[w] || len(w) < 3 {
		return "", false
	}
	if len(w) > 5 {
		w = w[:5]
	}
	return w, true
}

// paragraphOf returns the paragraph of sentence si, or -1.
func (c *classifier) paragraphOf(si int) int {
	if si >= 0 && si < len(c.sents) && c.sents[si].Index == si {
		return c.sents[si].Paragraph
	}
	k := sort.Search(len(c.sents), func(k int) bool { return c.sents[k].Index >= si })
	if k < len(c.sents) && c.sents[k].Index == si {
		return c.sents[k].Paragraph
	}
	return -1
}

// quoted reports whether offset off of sentence s lies inside quotation
// marks. A quotation may open in an earlier sentence of the paragraph, so
// the marks are counted from the paragraph's first sentence.
func (c *classifier) quoted(s crosscheck.Sentence, off int) bool {
	start := s.Start
	for k := sort.Search(len(c.sents), func(k int) bool { return c.sents[k].Index >= s.Index }) - 1; k >= 0; k-- {
		p := c.sents[k]
		if p.Paragraph != s.Paragraph || p.Start < 0 || p.Start > start {
			break
		}
		start = p.Start
	}
	if start < 0 || off > len(c.text) || start > off {
		return false
	}
	in := false
	for _, r := range c.text[start:off] {
		switch r {
		case '“', '«':
			in = true
		case '”', '»':
			in = false
		case '"':
			in = !in
		}
	}
	return in
}

// sharesStem reports whether a content word of ws shares its stem with the
// content of statement k.
func (c *classifier) sharesStem(ws []word, k int) bool {
	for _, w := range ws {
		if st, ok := c.contentStem(w.w); ok && c.stemsOf(k)[st] {
			return true
		}
	}
	return false
}
