package attribution

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
)

// This file resolves a speaker phrase that describes rather than names
// when the Referrer's reading of the description alone does not settle it:
// the article's protagonist (salient), the person who spoke last
// (lastSpeaker), the issuer of a document an earlier statement was made in
// (issuer).

// salient returns the person a role description refers to when the
// Referrer's choice ri (or no choice) is less salient than the article's
// protagonist: the person entity that has spoken most so far (at least
// twice, more than anyone else). The protagonist wins when ri has spoken
// less, was last seen as an actor before the protagonist last spoke, and
// the protagonist agrees with the description — its country, if it names
// one, and its role, if the protagonist has a known one ("the politician
// said" in an interview with a politician the article names without a
// title).
func (x *extractor) salient(s, e, ri int) int {
	counts := map[int]int{}
	last := map[int]int{}
	for _, c := range x.out {
		if c.drop || c.st.Speaker.Type != crosscheck.TypePerson || c.st.Cue.Start >= s {
			continue
		}
		if ei := x.entIndex(c.st.Speaker.Entity); ei >= 0 {
			counts[ei]++
			last[ei] = max(last[ei], c.st.Cue.Start)
		}
	}
	dom, best, second := -1, 0, 0
	for ei, n := range counts {
		switch {
		case n > best || n == best && ei < dom:
			if n > best {
				second = best
			}
			dom, best = ei, n
		case n > second:
			second = n
		}
	}
	if dom < 0 || best < 2 || best == second || dom == ri || ri < 0 {
		return ri // a description nobody fits stays one ("the official said")
	}
	{
		if counts[ri] >= best {
			return ri
		}
		// ri's latest appearance as an actor (outside quotations and
		// contents) before the description
		seen := -1
		for _, m := range x.ents[ri].Mentions {
			if m.End <= s && m.Start > seen && !x.reportedAt(m.Start) {
				seen = m.Start
			}
		}
		if seen > last[dom] {
			return ri
		}
	}
	d := x.describe(x.text[s:e])
	if d.aff != "" && string(x.ents[dom].Affiliation) != d.aff {
		return ri // "the Chinese leader" is nobody of another or no country
	}
	if g := x.opt.Genders; g != nil {
		if want := g.PhraseGender(x.text[s:e]); want != "" && x.entSex(dom) != 0 && string(rune(x.entSex(dom))) != want {
			return ri
		}
	}
	if len(x.ents[dom].Roles) == 0 {
		// a protagonist of no known role fits a description that asks
		// for no particular office
		f := strings.Fields(strings.ToLower(x.text[s:e]))
		if len(f) == 0 || !genericPerson[strings.Trim(f[len(f)-1], ".,")] {
			return ri
		}
	} else {
		// a protagonist with a known role must fit the description
		if !x.fits(s, e, dom) {
			return ri
		}
	}
	return dom
}

// lastSpeaker returns the person a role description that fits nobody by
// role refers to by news convention: the one who spoke last, in this or
// the previous paragraph ("… - said Dr. Adam Eberhardt, director of the
// Eastern Studies Center. The analyst emphasized …"), or -1. Nothing said
// of that person may contradict the description: a role of another kind
// ("the minister" is not the president who spoke last), another country
// or sex; an indefinite description ("a politician wrote") is someone new.
func (x *extractor) lastSpeaker(s, e int) int {
	if x.opt.Referrer == nil {
		return -1
	}
	phrase := strings.TrimSpace(x.text[s:e])
	if introduces(phrase) {
		return -1
	}
	// "the governor of Florida Ron Desantis": a phrase that ends in a
	// name nobody recognised names someone, whoever spoke last
	if k := strings.LastIndexByte(phrase, ' '); k > 0 {
		last := s + k + 1
		word := strings.TrimRight(x.text[last:e], ".,")
		if r, _ := utf8.DecodeRuneInString(word); unicode.IsUpper(r) && strings.ToUpper(word) != word && !x.inMention(last) {
			return -1 // (an acronym, "the head of the EC", is a body)
		}
	}
	// the last voice the description may stand for, in this paragraph or
	// the one before: past a voice of another kind ("- said the analyst"
	// after the president the analyst quoted)
	for before := s; ; {
		last := x.lastVoiceBefore(before)
		if last == nil || last.st.Speaker.Type != crosscheck.TypePerson {
			return -1
		}
		ei := x.entIndex(last.st.Speaker.Entity)
		if ei < 0 || x.sents[x.sentenceAt(s)].Paragraph-x.sents[last.sent].Paragraph > 1 {
			return -1
		}
		if x.entSex(ei) == 0 {
			return -1 // not known as a man or a woman: maybe no person at all ("Berliner Zeitung")
		}
		if x.mayDescribe(s, e, ei) {
			return ei
		}
		before = last.st.Cue.Start
	}
}

// mayDescribe reports whether the description [s, e) may stand for person
// ei: the country and sex it names (if any) are the person's, and the
// person's known roles fit it or are not of another kind ("the minister"
// is not the president).
func (x *extractor) mayDescribe(s, e, ei int) bool {
	ent := x.ents[ei]
	if d := x.describe(x.text[s:e]); d.aff != "" && ent.Affiliation != "" && string(ent.Affiliation) != d.aff {
		return false
	}
	if g := x.opt.Genders; g != nil && x.entSex(ei) != 0 {
		if want := g.PhraseGender(x.text[s:e]); want != "" && string(rune(x.entSex(ei))) != want {
			return false
		}
	}
	if x.fits(s, e, ei) {
		return true // the role fits too
	}
	for _, r := range ent.Roles {
		if x.referKind(r) == refPerson && !headOf(r) {
			return false // a role of another kind
		}
	}
	return true
}

// describedSubject returns the person who is the subject of the sentence
// before a definite description [s, e) in the same paragraph ("Jarosław
// Kaczyński during the speech also raised the topic of reparations. - They
// did not settle accounts with us - said the deputy prime minister."),
// when no person the article names fits the description and the subject's
// known roles are not of another kind; else -1.
func (x *extractor) describedSubject(s, e int) int {
	phrase := strings.ToLower(strings.TrimSpace(x.text[s:e]))
	if !strings.HasPrefix(phrase, "the ") {
		return -1 // "a minister said": someone else
	}
	si := x.sentenceAt(s)
	ei := x.prevSubject(si, func(ent crosscheck.Entity) bool { return ent.Type == crosscheck.TypePerson })
	if ei < 0 || x.sents[si].Paragraph != x.sents[si-1].Paragraph {
		return -1
	}
	if !x.mayDescribe(s, e, ei) {
		return -1
	}
	return ei
}

// lastBefore returns the statement whose cue comes last before offset s,
// or nil.
func (x *extractor) lastBefore(s int) *cand {
	return x.lastBeforeIf(s, func(*cand) bool { return true })
}

// lastBeforeIf is lastBefore among the statements ok accepts.
func (x *extractor) lastBeforeIf(s int, ok func(*cand) bool) *cand {
	var last *cand
	for _, c := range x.out {
		if !c.drop && c.st.Cue.Start < s && (last == nil || c.st.Cue.Start > last.st.Cue.Start) && ok(c) {
			last = c
		}
	}
	return last
}

// lastVoiceBefore is lastBefore among the statements whose speaker is not
// named inside another statement's content: in "Dyner drew attention to
// the words that Erdogan recently said …", the voice is Dyner's.
func (x *extractor) lastVoiceBefore(s int) *cand {
	return x.lastBeforeIf(s, func(c *cand) bool {
		return c.st.Speaker.End <= c.st.Speaker.Start || !x.inContent(c.st.Speaker.Start, c)
	})
}

// issuer returns the speaker of an earlier statement made "in" the
// document that the description [s, e) names by its head word ("The
// participants in the Crimea Platform in a joint statement called on …",
// "the ministry said in a statement": then "the statement said" is
// theirs), the nearest such statement first. "in a", "in its" or "in
// their" and the head, with at most one word between ("in a joint
// statement"), must stand between the speaker and the content.
func (x *extractor) issuer(s, e int) (crosscheck.Speaker, bool) {
	f := strings.Fields(strings.ToLower(x.text[s:e]))
	if len(f) == 0 {
		return crosscheck.Speaker{}, false
	}
	head := strings.Trim(f[len(f)-1], ".,’'")
	var best *cand
	for _, c := range x.out {
		if c.drop || c.st.Cue.Start >= s || c.st.Speaker.Name == "" || c.st.Speaker.End > c.st.Content.Start || best != nil && c.st.Cue.Start <= best.st.Cue.Start {
			continue
		}
		if madeIn(strings.ToLower(x.text[c.st.Speaker.End:c.st.Content.Start]), head) {
			best = c
		}
	}
	if best == nil {
		return crosscheck.Speaker{}, false
	}
	return best.st.Speaker, true
}

// madeIn reports whether text holds "in a|an|its|their [word] head".
func madeIn(text, head string) bool {
	w := strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == ',' || r == '\n' })
	for i := 0; i+2 < len(w); i++ {
		if w[i] != "in" {
			continue
		}
		switch w[i+1] {
		case "a", "an", "its", "their", "his", "her":
		default:
			continue
		}
		if w[i+2] == head || i+3 < len(w) && w[i+3] == head {
			return true
		}
	}
	return false
}

// fits reports whether the Referrer, asked about the description [s, e)
// with entity ei the only candidate, chooses it: its role, country and
// rank fit.
func (x *extractor) fits(s, e, ei int) bool {
	only := make([]crosscheck.Entity, len(x.ents))
	copy(only, x.ents)
	for i := range only {
		if i != ei {
			only[i].Type = ""
		}
	}
	_, rj := x.opt.Referrer.Refer(x.text, s, e, only, x.reportedAt)
	return rj == ei
}

// sentenceAt returns the index of the sentence holding offset off.
func (x *extractor) sentenceAt(off int) int {
	i := sort.Search(len(x.sents), func(i int) bool { return x.sents[i].End > off })
	return min(i, len(x.sents)-1)
}

// headOf reports whether a role is only the head of a body ("director of
// the Eastern Studies Center", "chairman of the parliament"), which says
// nothing of what else its holder is: "the analyst" may still be them.
func headOf(role string) bool {
	w, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(role)), " ")
	switch w {
	case "head", "director", "chairman", "chairwoman", "chair", "founder":
		return true
	}
	return false
}

// genericPerson are description heads that ask for no particular office:
// the protagonist of an interview is "the politician" or "the guest"
// whatever their title.
var genericPerson = map[string]bool{"politician": true, "interlocutor": true, "guest": true, "speaker": true, "lawmaker": true}

// introduces reports whether a speaker phrase brings in someone new ("a
// politician wrote", "another official said"): an indefinite description
// stands for nobody the article has named or quoted before.
func introduces(phrase string) bool {
	switch w, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(phrase)), " "); w {
	case "a", "an", "one", "some", "another":
		return true
	}
	return false
}

// describedAfter returns the person a definite description that names a
// country stands for when nobody before fits it and the article names
// them just after, in this paragraph or the next, outside any content
// ("… after the UK's foreign secretary told China it should play by the
// rules. … Liz Truss said …"): the first person of that country whom
// nothing said of them keeps it from describing (mayDescribe); else -1.
func (x *extractor) describedAfter(s, e int) int {
	phrase := strings.ToLower(strings.TrimSpace(x.text[s:e]))
	if !strings.HasPrefix(phrase, "the ") {
		return -1
	}
	d := x.describe(x.text[s:e])
	if d.aff == "" {
		return -1
	}
	par := x.sents[x.sentenceAt(s)].Paragraph
	i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s >= e })
	for ; i < len(x.ments) && x.ments[i].s-e < 1000; i++ {
		m := x.ments[i]
		if x.sents[x.sentenceAt(m.s)].Paragraph-par > 1 {
			break
		}
		ent := x.ents[m.ent]
		if ent.Type != crosscheck.TypePerson || string(ent.Affiliation) != d.aff || x.inQuote(m.s) || x.inContent(m.s, nil) {
			continue
		}
		if x.mayDescribe(s, e, m.ent) {
			return m.ent
		}
	}
	return -1
}
