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
	return out
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
	// "confirmed that …" introduces content, not an object.
	if ws[i].w == "that" && j < len(ws) {
		return i
	}
	return j
}

// link builds the relation of phrase ws[i:j] in sentence s.
func (c *classifier) link(s crosscheck.Sentence, ws []word, i, j int, r rel) (crosscheck.Relation, bool) {
	var rl crosscheck.Relation
	rl.Type = r.typ
	phraseStart, phraseEnd := ws[i].s, ws[j-1].e
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
	evStart, evEnd := phraseStart, phraseEnd
	if objEnd > j {
		evEnd = ws[objEnd-1].e
	}
	from := -1
	switch r.form {
	case "verb":
		if objEnd == j {
			return rl, false
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
	case "neg":
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
// then walk back over the run of statements of that same party and return
// the first of the run — the claim the others elaborate.
//
// A contradiction is aimed at another party's claim: with needParty it
// passes over statements nobody speaks for when one with a party exists.
func (c *classifier) claim(si, from int, fromParty, want string, needParty bool) int {
	if needParty && want == "" {
		if k := c.claim(si, from, fromParty, "\x00any", false); k >= 0 {
			return k
		}
	}
	c0 := -1
	for k := c.firstAt(si) - 1; k >= 0; k-- {
		st := c.st[k]
		if st.Sentence >= si || k == from {
			continue
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
			c0 = k
			if p == "" {
				return c0
			}
			continue
		}
		if p != string(c.st[c0].Speaker.Affiliation) {
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
