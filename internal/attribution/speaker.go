package attribution

import (
	"slices"
	"sort"
	"strings"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/party"
)

// speakerTypes are the entity types that can speak.
func speaks(typ string) bool {
	switch typ {
	case crosscheck.TypePerson, crosscheck.TypeOrganization, crosscheck.TypeGroup, crosscheck.TypeMedia:
		return true
	}
	return false
}

// speaker fills a Speaker from the phrase [s, e).
func (x *extractor) speaker(s, e int, p []tok) (crosscheck.Speaker, bool) {
	sp := crosscheck.Speaker{Text: x.text[s:e], Start: s, End: e}
	if len(p) == 1 && p[0].low == "who" {
		// A relative pronoun speaks for the phrase before its comma:
		// "Michael Seaman, who lives near Sacramento, said …".
		sp.Type = crosscheck.TypePerson
		if ei, _ := x.entityIn(max(0, s-80), s); ei >= 0 && x.ents[ei].Type != crosscheck.TypePlace {
			sp = x.entitySpeaker(sp, ei, "")
		}
		return sp, false
	}
	if len(p) == 1 && p[0].has(wHe|wThey|wIt) {
		sp.Type = crosscheck.TypePerson
		if !p[0].has(wHe) {
			sp.Type = crosscheck.TypeGroup
		}
		return sp, true
	}
	if pair, ok := x.bothOf(s, p); ok {
		return pair, false
	}
	if named, ok := x.namedTogether(s, e); ok {
		return named, false
	}
	ei, ms := x.entityIn(s, e)
	if ei >= 0 && x.ents[ei].Type == crosscheck.TypeGroup && x.coordinated(s, e, ms, x.mentionEnd(ei, ms)) {
		// "Ukrainian officials and Western analysts", "military planners
		// and analysts": the group named last is one of two; the phrase
		// speaks, as the Describer reads it
		ei = -1
	}
	if ei >= 0 && x.ents[ei].Type == crosscheck.TypePerson {
		if kind := x.dependent(ei, ms, e); kind != "" {
			// "a Pence adviser", "Putin's spokesman", "the Biden
			// administration": someone who depends on the person named
			// speaks, for the person's party unless a private one
			sp.Name = crosscheck.NullString(trimDet(sp.Text))
			sp.Type = crosscheck.TypePerson
			if kind == depBody {
				sp.Type = crosscheck.TypeOrganization
			}
			if kind != depPrivate {
				sp.Affiliation = x.affiliation(x.ents[ei], x.text[s:x.mentionEnd(ei, ms)])
			}
			return sp, false
		}
	}
	if ei < 0 {
		if dep, ok := x.describedDependent(sp, s, e); ok {
			return dep, false
		}
	}
	if ei < 0 || x.ents[ei].Type != crosscheck.TypePerson {
		// A description of someone the article names: "the Belarusian
		// leader", "the newspaper", "new survey results".
		kind, ri := x.refer(s, e)
		if kind == refPerson && ei < 0 && strings.Contains(x.text[s:e], " and ") {
			kind = "" // "the US official and other sources": one of several
		}
		if kind != "" {
			if kind == refPerson && ri >= 0 && x.inOwnContent(ri) {
				// “Unlike Mr Dupont, we …,” the head of state said: the
				// person the quotation or the content names is not the
				// one who says it
				ri = x.referExcept(s, e, ri)
			}
			if kind == refPerson && ei < 0 {
				ri = x.salient(s, e, ri)
				if ri < 0 {
					ri = x.lastSpeaker(s, e)
				}
				if ri < 0 {
					ri = x.describedSubject(s, e)
				}
				if ri < 0 {
					ri = x.describedAfter(s, e)
				}
				if p := x.unnamedBefore(s, e, ri); p != nil {
					// "The White House representative informed … The
					// official emphasized": the unnamed speaker of the
					// sentence before, not a named person further back
					un := p.st.Speaker
					un.Text, un.Start, un.End = sp.Text, sp.Start, sp.End
					return un, false
				}
			}
			if kind == refDocument && ri < 0 {
				// "the ISW report", "Amnesty's report": the body the
				// phrase names wrote it
				ri = x.bodyIn(s, e)
			}
			if kind == refDocument && ri < 0 && ei < 0 {
				if is, ok := x.issuer(s, e); ok {
					is.Text, is.Start, is.End = sp.Text, sp.Start, sp.End
					return is, false
				}
			}
			switch {
			case ri >= 0 && (ei < 0 || kind == refPerson || kind == refDocument):
				return x.entitySpeaker(sp, ri, trimDet(sp.Text)), false
			case kind == refPerson:
				// an unnamed holder of a role: the body named in the role
				// ("IDF spokesman") is not the speaker
				ei = -1
			}
		}
	}
	if ei >= 0 {
		role := ""
		if pre := strings.TrimSpace(x.text[s:ms]); pre != "" && x.ents[ei].Type == crosscheck.TypePerson {
			role = trimDet(pre)
		}
		if x.ents[ei].Type == crosscheck.TypePerson {
			if me := x.mentionEnd(ei, ms); me < e && affiliationPrep(x.text[me:e]) {
				// "Dimitri Minic at the French Institute …": where the
				// person works says nothing of a state they speak for;
				// the phrase up to the name does
				full := sp.Text
				sp.Text = x.text[s:me]
				sp = x.entitySpeaker(sp, ei, role)
				sp.Text = full
				return sp, false
			}
		}
		return x.entitySpeaker(sp, ei, role), false
	}
	if ei := x.antecedent(s, p); ei >= 0 {
		// "the ministry" after "Russia's Defence Ministry": the same body.
		return x.entitySpeaker(sp, ei, ""), false
	}
	if x.opt.Describer != nil {
		d := x.describe(sp.Text)
		sp.Name = crosscheck.NullString(d.name)
		sp.Affiliation = crosscheck.NullString(d.aff)
		sp.Role = crosscheck.NullString(d.role)
		if speaks(d.typ) {
			sp.Type = d.typ
		}
	}
	if sp.Type == "" {
		sp.Type = crosscheck.TypeOrganization
		if h := p[len(p)-1]; !h.cap && strings.HasSuffix(h.low, "s") {
			sp.Type = crosscheck.TypeGroup
		}
	}
	if len(p) == 1 && researchers(p[0].low) {
		if inst := x.instituteBefore(s); inst != nil {
			// "The Institute for the Study of War said … In particular,
			// analysts pointed out …": the institute's analysts, as the
			// summaries of its reports say
			i := inst.st.Speaker
			i.Text, i.Start, i.End = sp.Text, sp.Start, sp.End
			return i, false
		}
	}
	if sp.Name == "" {
		sp.Name = crosscheck.NullString(trimDet(sp.Text))
	}
	return sp, false
}

// oneOf makes the speaker of "one of the US defence officials said" one
// person of the group the phrase names.
func oneOf(sp *crosscheck.Speaker, p []tok) {
	if len(p) > 2 && p[0].low == "one" && p[1].low == "of" && sp.Type == crosscheck.TypeGroup {
		sp.Type = crosscheck.TypePerson
		sp.Name = crosscheck.NullString(singularName(string(sp.Name)))
	}
}

// singularName puts the last word of a plural description in the
// singular: "US defence officials" → "US defence official", "deputies" →
// "deputy".
func singularName(name string) string {
	i := strings.LastIndexByte(name, ' ') + 1
	last := name[i:]
	switch {
	case strings.HasSuffix(last, "ies") && len(last) > 4:
		return name[:i] + strings.TrimSuffix(last, "ies") + "y"
	case strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss"):
		return name[:i] + strings.TrimSuffix(last, "s")
	}
	return name
}

// sameDescribed gives a speaker named by a bare role ("the official
// said") the speaker of an earlier statement of the last paragraphs whose
// description ends with that role ("a senior White House official"): the
// same unnamed source, as news writing refers back to it.
func (x *extractor) sameDescribed(c *cand, p []tok) {
	if x.opt.BareName == nil || len(p) != 2 || p[0].low != "the" || !x.opt.BareName(c.st.Speaker.Text) {
		return
	}
	head := p[1].low
	par := x.sents[c.sent].Paragraph
	for k := len(x.out) - 1; k >= 0; k-- {
		d := x.out[k]
		if par-x.sents[d.sent].Paragraph > 3 {
			return
		}
		name := strings.ToLower(string(d.st.Speaker.Name))
		if d.drop || d.st.Speaker.Entity != "" || name == "" || x.opt.BareName(name) {
			continue
		}
		if sameRole(roleHead(name), head) {
			sp := d.st.Speaker
			sp.Text, sp.Start, sp.End = c.st.Speaker.Text, c.st.Speaker.Start, c.st.Speaker.End
			c.st.Speaker = sp
			return
		}
	}
}

// roleHead is the role a description ends with, or that its "of" or
// "for" phrase follows: "white house representative" and "official of
// the american administration" give "representative" and "official".
func roleHead(description string) string {
	for _, sep := range []string{" of ", " for ", " at ", " in "} {
		if i := strings.Index(description, sep); i > 0 {
			description = description[:i]
		}
	}
	f := strings.Fields(description)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// sameRole reports whether a bare role ("the official") can take up a
// description of role r: the same word, or two words for one who speaks
// for a government or a body ("the White House representative … the
// official emphasized"), which news writing uses in turn for the same
// unnamed source.
func sameRole(r, bare string) bool {
	return r == bare || officialRole(r) && officialRole(bare)
}

// officialRole reports whether w is one of the words news writing uses in
// turn for one unnamed person who speaks for a government or a body.
func officialRole(w string) bool {
	switch w {
	case "official", "representative", "spokesman", "spokeswoman", "spokesperson", "diplomat", "envoy":
		return true
	}
	return false
}

// noSpeaker reports whether a phrase taken for a speaker names nobody: a
// lower-case word or two that no lexicon knows as a speaker and that is no
// pronoun ("sought" in "X sought to say", "keen" in "is keen to stress",
// "world" in "the world must know") — a cue the parse could not attach.
func (x *extractor) noSpeaker(sp crosscheck.Speaker, p []tok) bool {
	// "The case shows …", "The possible disappointment of Ukrainians
	// suggests …": an abstract, event or inanimate head cannot speak (a
	// document can: it speaks for its author)
	if h := phraseHead(p); h >= 0 && p[h].has(wMute) && !x.inMention(p[h].s) {
		return true
	}
	// "Let's remind - it happened …", "Let us recall that …": the
	// writer's own imperative
	if len(p) == 1 && p[0].low == "let's" || len(p) == 2 && p[0].low == "let" && p[1].low == "us" {
		return true
	}
	// "a US said", "another US said": a country after an indefinite
	// determiner is a truncated description, not a speaker
	if len(p) >= 2 && p[0].kind == tWord && (p[0].low == "a" || p[0].low == "an" || p[0].low == "another") && x.placeAt(p[1].s, p[len(p)-1].e) {
		return true
	}
	if sp.Entity != "" || x.opt.Describer == nil || len(p) > 3 {
		return false
	}
	for _, t := range p {
		if t.kind != tWord || t.cap || t.has(wHe|wThey|wIt) || t.low == "who" {
			return false
		}
	}
	if kind, _ := x.refer(sp.Start, sp.End); kind != "" {
		return false // "the operator", "the newspaper": a description
	}
	return x.describe(sp.Text).typ == crosscheck.TypeUnattributed
}

// bothOf reads "Both diplomats", "the two leaders" at s as the two persons
// named last in the two sentences before it or in its own ("Blinken met
// Wang Yi in Bali. Both diplomats described the talks as candid"): a group
// of the two, speaking for their party when they share one.
func (x *extractor) bothOf(s int, p []tok) (crosscheck.Speaker, bool) {
	n := len(p)
	if n < 2 || n > 3 || p[n-1].kind != tWord || p[n-1].cap || !strings.HasSuffix(p[n-1].low, "s") {
		return crosscheck.Speaker{}, false
	}
	if !(n == 2 && p[0].low == "both" || n == 3 && p[0].low == "the" && p[1].low == "two") {
		return crosscheck.Speaker{}, false
	}
	si := x.sentenceAt(s)
	from := x.sents[max(0, si-2)].Start
	var two []int
	i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s >= s })
	for k := i - 1; k >= 0 && x.ments[k].s >= from && len(two) < 2; k-- {
		m := x.ments[k]
		if x.ents[m.ent].Type != crosscheck.TypePerson || x.inQuote(m.s) || slices.Contains(two, m.ent) {
			continue
		}
		two = append(two, m.ent)
	}
	if len(two) < 2 {
		return crosscheck.Speaker{}, false
	}
	// in the order the text names them
	return x.together(p[0].s, p[n-1].e, []int{two[1], two[0]}), true
}

// together is the group speaker text[s:e] of entities ents, named "A, B
// and C", speaking for their party when they all share one.
func (x *extractor) together(s, e int, ents []int) crosscheck.Speaker {
	sp := crosscheck.Speaker{Text: x.text[s:e], Start: s, End: e, Type: crosscheck.TypeGroup}
	names := make([]string, len(ents))
	shared := true
	for k, ei := range ents {
		ent := x.ents[ei]
		names[k] = string(ent.Name)
		a := x.affiliation(ent, string(ent.Name))
		if k == 0 {
			sp.Affiliation = a
		} else if a != sp.Affiliation {
			shared = false
		}
	}
	if !shared {
		sp.Affiliation = ""
	}
	sp.Name = crosscheck.NullString(strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1])
	return sp
}

// namedTogether reads a phrase that is only names joined by "and" or
// commas ("Joe Biden and Olaf Scholz", "Goldman Sachs and BNP Paribas")
// as a group of them, speaking for their party when they all share one;
// "Germany and France" stays the Describer's.
func (x *extractor) namedTogether(s, e int) (crosscheck.Speaker, bool) {
	i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s >= s })
	var ents []int
	at := s
	for ; i < len(x.ments) && x.ments[i].s < e; i++ {
		m := x.ments[i]
		if m.e > e || m.s < at {
			return crosscheck.Speaker{}, false
		}
		typ := x.ents[m.ent].Type
		if typ != crosscheck.TypePerson && typ != crosscheck.TypeOrganization && typ != crosscheck.TypeMedia {
			return crosscheck.Speaker{}, false
		}
		gap := strings.TrimSpace(x.text[at:m.s])
		if len(ents) == 0 {
			gap = strings.TrimPrefix(strings.TrimPrefix(gap, "the"), "The")
			if strings.TrimSpace(gap) != "" {
				return crosscheck.Speaker{}, false
			}
		} else if gap != "and" && gap != "," && gap != ", and" {
			return crosscheck.Speaker{}, false
		}
		if !slices.Contains(ents, m.ent) {
			ents = append(ents, m.ent)
		}
		at = m.e
	}
	if len(ents) < 2 || strings.TrimSpace(x.text[at:e]) != "" {
		return crosscheck.Speaker{}, false
	}
	return x.together(s, e, ents), true
}

// onlyName reports whether phrase holds no word but the words of name and
// courtesy titles ("Mr Pence", "Pence", "Mike Pence").
func onlyName(phrase, name string) bool {
	words := map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true}
	for _, w := range strings.Fields(strings.ToLower(name)) {
		words[w] = true
	}
	n := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(phrase), func(r rune) bool { return r == ' ' || r == '.' || r == ',' }) {
		if !words[w] {
			return false
		}
		n++
	}
	return n > 0
}

// entitySpeaker fills sp with entity ei of the article; role is the role
// the phrase gives, or "" for the entity's first.
func (x *extractor) entitySpeaker(sp crosscheck.Speaker, ei int, role string) crosscheck.Speaker {
	ent := x.ents[ei]
	sp.Entity = crosscheck.NullString(ent.ID)
	sp.Name = crosscheck.NullString(ent.Name)
	sp.Type = ent.Type
	if ent.Type == crosscheck.TypePlace {
		sp.Type = crosscheck.TypeOrganization // a country or capital speaking is its government
	}
	if role != "" {
		sp.Role = crosscheck.NullString(role)
	} else if len(ent.Roles) > 0 {
		sp.Role = crosscheck.NullString(ent.Roles[0])
	}
	sp.Affiliation = x.affiliation(ent, sp.Text)
	return sp
}

// affiliation is the party of a speaker that is entity ent, written as
// phrase in this sentence, as package party decides it: the entity's own
// (from all its roles and listings in the article), else what the phrase
// says ("Russian Foreign Minister Lavrov" where the article gave Lavrov no
// country), else, for a place speaking, its country. The phrase is not
// asked about organizations and media, whose listing decides.
func (x *extractor) affiliation(ent crosscheck.Entity, phrase string) crosscheck.NullString {
	ev := make([]party.Evidence, 0, 3)
	ev = append(ev, party.Evidence{Source: party.Role, Country: string(ent.Affiliation)})
	// A person's bare name ("Mike Pence", "Pence") says nothing the entity
	// stage has not weighed: it read the office holders' list with the
	// article's date and the person's roles ("former Vice President").
	bare := ent.Type == crosscheck.TypePerson && onlyName(phrase, string(ent.Name))
	if ent.Affiliation == "" && x.opt.Describer != nil && !bare && (ent.Type == crosscheck.TypePerson || ent.Type == crosscheck.TypeGroup || ent.Type == crosscheck.TypePlace) {
		// a relative clause after the name tells where the person was,
		// not whom they speak for ("…, who took part in Beijing in …") —
		// unless it says what the person is or was ("…, who was the
		// United States ambassador to the world body")
		for _, rel := range []string{", who ", ", which ", " who "} {
			k := strings.Index(phrase, rel)
			if k <= 0 {
				continue
			}
			if n := copular(phrase[k+len(rel):]); n > 0 {
				phrase = phrase[:k] + ", " + phrase[k+len(rel)+n:] // read as an apposition
			} else {
				phrase = phrase[:k]
			}
		}
		d := x.describe(phrase)
		if !otherNamesake(d.name, string(ent.Name)) {
			// not a listed holder who only shares the surname ("Biden"
			// of Hunter Biden is no Joe Biden)
			ev = append(ev, party.Evidence{Source: party.Role, Country: d.aff})
		}
	}
	if ent.Type == crosscheck.TypePlace {
		ev = append(ev, party.Evidence{Source: party.Seat, Country: string(ent.Country)})
	}
	return crosscheck.NullString(party.Decide(ev...))
}

// Kinds of description a Referrer reports.
const (
	refPerson   = "person"
	refDocument = "document"
)

// refer asks the Referrer what the phrase [s, e) describes.
func (x *extractor) refer(s, e int) (string, int) {
	if x.opt.Referrer == nil {
		return "", -1
	}
	return x.opt.Referrer.Refer(x.text, s, e, x.ents, x.reportedAt)
}

// referKind returns the kind of description a phrase is read alone, with
// no entity to refer to ("person" for "spokesman for the Kremlin",
// "document" for "a joint statement"), or "" without a Referrer.
func (x *extractor) referKind(phrase string) string {
	if x.opt.Referrer == nil {
		return ""
	}
	k, _ := x.opt.Referrer.Refer(phrase, 0, len(phrase), nil, nil)
	return k
}

// referExcept asks the Referrer again with entity skip left out, and
// returns the entity the description then refers to, or -1.
func (x *extractor) referExcept(s, e, skip int) int {
	ents := slices.Clone(x.ents)
	ents[skip].Type = ""
	_, ri := x.opt.Referrer.Refer(x.text, s, e, ents, x.reportedAt)
	return ri
}

// inOwnContent reports whether entity ei is mentioned inside the content
// of the statement being built (x.own).
func (x *extractor) inOwnContent(ei int) bool {
	if x.own[1] <= x.own[0] || ei < 0 || ei >= len(x.ents) {
		return false
	}
	for _, m := range x.ents[ei].Mentions {
		// a name that ends the content may be the speaker's, cut wrongly
		// into it ("“…,” Mariana Olisif, head of …")
		if m.Start >= x.own[0] && m.End <= x.own[1] && (x.quotedName(m) || m.End < x.own[1]) {
			return true
		}
	}
	return false
}

// reportedAt reports whether offset off lies inside a quotation or inside
// the content of a statement found so far: a person named there is one the
// speakers talk about, less likely the one a description ("the head of
// state said") refers to than the article's own actors.
func (x *extractor) reportedAt(off int) bool {
	return x.inQuote(off) || x.inContent(off, nil)
}

// antecedent returns the organization a definite description refers back
// to ("the ministry", "the agency"): the most recent organization mentioned
// before off whose name contains the description's head word, or -1.
func (x *extractor) antecedent(off int, p []tok) int {
	if len(p) != 2 || p[0].low != "the" || p[1].kind != tWord || p[1].cap {
		return -1
	}
	head := p[1].low
	i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s >= off })
	for k := i - 1; k >= 0 && off-x.ments[k].s < 3000; k-- {
		ent := x.ents[x.ments[k].ent]
		if ent.Type != crosscheck.TypeOrganization && ent.Type != crosscheck.TypeGroup {
			continue
		}
		if x.modifier(x.ments[k].s, x.ments[k].e, head) {
			continue // "a Russian military airbase" names no military
		}
		for _, w := range strings.Fields(strings.ToLower(ent.Name)) {
			if w == head {
				return x.ments[k].ent
			}
		}
	}
	return -1
}

// modifier reports whether the mention [s, e) modifies the noun after it
// ("a Russian military airbase", "a Pentagon official"): an indefinite
// article before it, which a body's own name does not take, and after it a
// lower-case word that is no function word, no cue ("said"), no verb form
// in -s or -ed ("has", "denied") and not head, the noun the description
// names ("a Thai Raksa Chart party candidate" still names the party).
func (x *extractor) modifier(s, e int, head string) bool {
	if e >= len(x.text) || x.text[e] != ' ' {
		return false
	}
	before := strings.Fields(x.text[max(0, s-4):s])
	if len(before) == 0 || !strings.EqualFold(before[len(before)-1], "a") && !strings.EqualFold(before[len(before)-1], "an") {
		return false
	}
	w, _ := nextWord(x.text[e:])
	w = strings.TrimRight(w, ".,;:!?\"'”’)")
	if w == "" || strings.ToLower(w) != w || w[0] < 'a' || w[0] > 'z' {
		return false
	}
	if w == head || x.lx.words[w] != 0 || x.lx.isCue(w) || strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ed") {
		return false
	}
	return true
}

// copular returns the length of the verb that opens a relative clause
// saying what its antecedent is or was ("is ", "was ", "served as "), or 0.
func copular(clause string) int {
	for _, p := range []string{"is ", "was ", "has been ", "had been ", "served as ", "serves as "} {
		if rest, ok := strings.CutPrefix(clause, p); ok {
			if w, _, _ := strings.Cut(rest, " "); w == "the" || w == "a" || w == "an" {
				return len(p)
			}
		}
	}
	return 0
}

// trimDet drops a leading article from a phrase used as a name.
func trimDet(s string) string {
	for _, d := range []string{"the ", "The ", "a ", "A ", "an ", "An "} {
		if r, ok := strings.CutPrefix(s, d); ok {
			return r
		}
	}
	return s
}

// bodyIn returns the organization or medium mentioned in [s, e), the
// first, or -1.
func (x *extractor) bodyIn(s, e int) int {
	i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s >= s })
	for ; i < len(x.ments) && x.ments[i].s < e; i++ {
		if m := x.ments[i]; m.e <= e {
			if t := x.ents[m.ent].Type; t == crosscheck.TypeOrganization || t == crosscheck.TypeMedia {
				return m.ent
			}
		}
	}
	return -1
}

// entityIn returns the index of the speaking entity mentioned in [s, e) —
// the mention ending last, longest on ties — and where that mention starts,
// or -1.
func (x *extractor) entityIn(s, e int) (int, int) {
	i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s >= s })
	best, bs, be := -1, 0, 0
	place, ps, pe := -1, 0, 0
	for ; i < len(x.ments) && x.ments[i].s < e; i++ {
		m := x.ments[i]
		if m.e > e {
			continue
		}
		typ := x.ents[m.ent].Type
		switch {
		case speaks(typ):
			if best >= 0 && x.ents[best].Type == crosscheck.TypePerson && m.s >= be && affiliationPrep(x.text[be:m.s]) {
				// "Anna Berg at the Centre for Policy Studies", "Kurt
				// Volker of the Atlantic Council": the body after the
				// person is where the person works, not the speaker
				continue
			}
			if best < 0 || m.e > be || m.e == be && m.s < bs {
				best, bs, be = m.ent, m.s, m.e
			}
		case typ == crosscheck.TypePlace:
			if place < 0 || m.e > pe {
				place, ps, pe = m.ent, m.s, m.e
			}
		}
	}
	if best >= 0 {
		return best, bs
	}
	// A place that is the whole phrase ("Ukraine said", "Moscow denied",
	// "the Kremlin said") speaks for its government; "reports from South
	// Korea" is no place speaking.
	if place >= 0 && pe == e {
		if pre := strings.TrimSpace(x.text[s:ps]); pre == "" || pre == "the" || pre == "The" {
			return place, ps
		}
	}
	return -1, 0
}

func firstRole(r []string) crosscheck.NullString {
	if len(r) == 0 {
		return ""
	}
	return crosscheck.NullString(r[0])
}

// partyDecide is the party of a role shown in another statement of the
// same speaker.
func partyDecide(aff crosscheck.NullString) string {
	return party.Decide(party.Evidence{Source: party.Role, Country: string(aff)})
}

// phraseHead returns the index in p of the head noun of a speaker phrase:
// its last word before the first preposition ("the possible disappointment
// of Ukrainians" → disappointment), or -1.
func phraseHead(p []tok) int {
	h := -1
	for i, t := range p {
		if t.kind != tWord {
			continue
		}
		if i > 0 && (t.has(wPrep) || t.low == "of") {
			break
		}
		h = i
	}
	return h
}

// inMention reports whether offset off lies inside an entity mention.
func (x *extractor) inMention(off int) bool {
	i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s > off })
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		if x.ments[k].s <= off && off < x.ments[k].e {
			return true
		}
	}
	return false
}

// placeAt reports whether a place is mentioned exactly at [s, e).
func (x *extractor) placeAt(s, e int) bool {
	i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s >= s })
	for ; i < len(x.ments) && x.ments[i].s == s; i++ {
		if x.ments[i].e == e && x.ents[x.ments[i].ent].Type == crosscheck.TypePlace {
			return true
		}
	}
	return false
}

// affiliationPrep reports whether the words between a person's name and a
// body's open with a preposition that gives the person's place of work
// ("at the", "of", "from", "with").
func affiliationPrep(gap string) bool {
	switch w, _ := nextWord(gap); lower(w) {
	case "at", "of", "from", "with", "for":
		return true
	}
	return false
}

// nextWord returns the first space-separated word of s and the rest after
// it, without allocating.
func nextWord(s string) (string, string) {
	s = strings.TrimLeft(s, " \t\n")
	if i := strings.IndexAny(s, " \t\n"); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

// unnamedBefore returns the statement of the sentence before s (or of its
// own sentence; the sentence before may end the paragraph before) when its
// speaker is a person described but named nowhere ("The White House
// representative"), in a role of the same kind as the description [s, e)
// (sameRole), and the person ri, which the description would otherwise
// stand for, was last mentioned before that statement; else nil.
func (x *extractor) unnamedBefore(s, e, ri int) *cand {
	if introduces(x.text[s:e]) {
		return nil // "An EU diplomat told … A spokesman said": someone new
	}
	last := x.lastBefore(s)
	if last == nil || last.st.Speaker.Entity != "" || last.st.Speaker.Name == "" || last.pronoun {
		return nil
	}
	if sp := last.st.Speaker; sp.Type != crosscheck.TypePerson && !(sp.Type == crosscheck.TypeGroup && singular(sp.Text)) {
		return nil // a group is no "the official"; one of it ("a senior official") is
	}
	if kind, _ := x.refer(last.st.Speaker.Start, last.st.Speaker.End); kind != refPerson {
		return nil // a name ("West did not deny"), not a description
	}
	if !sameRole(roleHead(strings.ToLower(last.st.Speaker.Text)), roleHead(strings.ToLower(x.text[s:e]))) {
		return nil // "a Mariupol police official" is no "Deputy Prime Minister"
	}
	if si := x.sentenceAt(s); si-last.sent > 1 || x.sents[si].Paragraph-x.sents[last.sent].Paragraph > 1 {
		return nil
	}
	if ri >= 0 {
		for _, m := range x.ents[ri].Mentions {
			if m.Start >= last.st.Speaker.Start && m.Start < s {
				return nil // named since
			}
		}
	}
	return last
}

// coordinated reports whether the mention [ms, me) of the phrase [s, e)
// is joined to more of the phrase by "and".
func (x *extractor) coordinated(s, e, ms, me int) bool {
	before := strings.TrimSpace(x.text[s:ms])
	after := strings.TrimSpace(x.text[me:e])
	return strings.HasSuffix(before, " and") || before == "and" || strings.HasPrefix(after, "and ")
}

// mentionEnd returns the end of entity ei's mention that starts at s, or
// s when there is none.
func (x *extractor) mentionEnd(ei, s int) int {
	i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s >= s })
	for ; i < len(x.ments) && x.ments[i].s == s; i++ {
		if x.ments[i].ent == ei {
			return x.ments[i].e
		}
	}
	return s
}

// dependent returns the dependents.tsv kind of the noun that follows the
// person mentioned at ms inside the speaker phrase ending at e ("a Pence
// adviser", "Putin's spokesman", "the Biden administration", "her
// lawyer"), or "" when the person is not such a modifier.
func (x *extractor) dependent(ei, ms, e int) string {
	me := x.mentionEnd(ei, ms)
	if me >= e {
		return ""
	}
	rest := strings.TrimSpace(x.text[me:e])
	for _, p := range []string{"'s ", "’s "} {
		rest = strings.TrimPrefix(rest, p)
	}
	return x.dependentKind(rest)
}

// dependentKind returns the dependents.tsv kind of the noun (of one or two
// words) that opens rest, or "".
func (x *extractor) dependentKind(rest string) string {
	w1, more := nextWord(rest)
	if w1 == "" {
		return ""
	}
	if w2, _ := nextWord(more); w2 != "" {
		if k := x.lx.dependents[lower(w1+" "+w2)]; k != "" {
			return k
		}
	}
	return x.lx.dependents[lower(strings.Trim(w1, ".,"))]
}

// describedDependent reads "the president's office", "the minister's
// spokesman": someone who depends on the person a possessive description
// refers to (dependents.tsv), who speaks for that person's party unless a
// private one, as after a name ("Putin's spokesman").
func (x *extractor) describedDependent(sp crosscheck.Speaker, s, e int) (crosscheck.Speaker, bool) {
	phrase := x.text[s:e]
	k := strings.Index(phrase, "'s ")
	if j := strings.Index(phrase, "’s "); j >= 0 && (k < 0 || j < k) {
		k = j
	}
	if k <= 0 {
		return sp, false
	}
	kind := x.dependentKind(phrase[k+strings.IndexByte(phrase[k:], ' ')+1:])
	if kind == "" {
		return sp, false
	}
	if _, named := x.refer(s, e); named >= 0 {
		return sp, false // the spokesman the article names ("the president's spokesman" after Peskov)
	}
	pk, ri := x.refer(s, s+k)
	if pk != refPerson || ri < 0 {
		return sp, false
	}
	sp.Name = crosscheck.NullString(trimDet(sp.Text))
	sp.Type = crosscheck.TypePerson
	if kind == depBody {
		sp.Type = crosscheck.TypeOrganization
	}
	if kind != depPrivate {
		sp.Affiliation = x.affiliation(x.ents[ri], x.ents[ri].Name)
	}
	return sp, true
}

// otherNamesake reports whether described, the person a phrase names by
// itself (a listed office holder found by surname), is another person than
// the entity's name with the same surname: "Biden" of Hunter Biden is no
// Joe Biden.
func otherNamesake(described, entity string) bool {
	d, e := strings.Fields(described), strings.Fields(entity)
	if len(d) < 2 || len(e) < 2 || d[len(d)-1] != e[len(e)-1] {
		return false
	}
	// a phrase's name may hold more words than the entity's ("Foreign
	// Affairs Le Yucheng"): the same person
	return !strings.Contains(described, entity) && !strings.Contains(entity, described)
}

// researchers reports whether low names the staff of a research body
// ("analysts", "experts", "researchers").
func researchers(low string) bool {
	return low == "analysts" || low == "experts" || low == "researchers"
}

// instituteBefore returns the last voice before s, in its paragraph or
// the one before, when it is a research body of no party that the
// article names ("the Institute for the Study of War", "the Centre for
// Eastern Studies"), or nil.
func (x *extractor) instituteBefore(s int) *cand {
	last := x.lastVoiceBefore(s)
	if last == nil || x.sents[x.sentenceAt(s)].Paragraph-x.sents[last.sent].Paragraph > 1 {
		return nil
	}
	sp := last.st.Speaker
	if sp.Entity == "" || sp.Type != crosscheck.TypeOrganization || sp.Affiliation != "" {
		return nil
	}
	for _, w := range strings.Fields(strings.ToLower(string(sp.Name))) {
		switch w {
		case "institute", "institution", "center", "centre", "foundation", "studies", "study":
			return last
		}
	}
	return nil
}
