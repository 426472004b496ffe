package attribution

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/segment"
)

// resolve gives a pronoun speaker its antecedent. News writing refers a
// subject pronoun back to whoever spoke last, not to the people that
// speaker talked about ("Biden said Putin was preparing an attack. He
// added …": he is Biden), so the search order is: the most recent speaker
// of a compatible type earlier in this sentence or in this or the previous
// paragraph, skipping speakers that are themselves reported inside another
// statement's content; then the subject of the previous sentence; then the
// most recent mention of that type, preferring mentions outside any
// statement's content.
func (x *extractor) resolve(c *cand, earlier []*cand) {
	person := c.st.Speaker.Type == crosscheck.TypePerson
	// "she" is no man the article names, "he" no woman (an unknown sex
	// agrees with both)
	want := pronounSex(c.st.Speaker.Text)
	agrees := func(sp crosscheck.Speaker) bool {
		if want == 0 {
			return true
		}
		g := x.speakerSex(sp)
		return g == 0 || g == want
	}
	ok := func(sp crosscheck.Speaker) bool {
		if sp.Name == "" || x.namedInside(sp.Entity, c) {
			return false
		}
		if person {
			// "a senior defence official said … he said": one unnamed
			// member of a group is a person
			return (sp.Type == crosscheck.TypePerson || sp.Type == crosscheck.TypeGroup && singular(groupWords(sp))) && agrees(sp)
		}
		return sp.Type != crosscheck.TypePerson && sp.Type != crosscheck.TypeUnattributed && !(sp.Type == crosscheck.TypeGroup && singular(groupWords(sp)) && c.st.Speaker.Text != "they")
	}
	apply := func(sp crosscheck.Speaker) {
		c.st.Speaker.Entity = sp.Entity
		c.st.Speaker.Name = sp.Name
		c.st.Speaker.Type = sp.Type
		c.st.Speaker.Role = sp.Role
		c.st.Speaker.Affiliation = sp.Affiliation
	}
	for k := len(earlier) - 1; k >= 0; k-- {
		if p := earlier[k]; !p.drop && !p.pronoun && ok(p.st.Speaker) && !x.reported(p, c) && !(strings.EqualFold(p.st.Speaker.Text, "who") && within(p.st.Speaker, c.st.Content)) {
			apply(p.st.Speaker)
			return
		}
	}
	// "The report covers … It also documents …": it is the document the
	// sentence before is about, which speaks for its author
	if !person && strings.EqualFold(c.st.Speaker.Text, "it") && len(earlier) == 0 {
		if sp, found := x.documentSubject(c.sent); found {
			apply(sp)
			return
		}
	}
	// "We" speaks for the group a sentence before named ("We, the
	// Participants in the International Crimea Platform, remain
	// committed …").
	we := strings.EqualFold(c.st.Speaker.Text, "we")
	if we && x.weAt >= 0 && x.weAt < c.st.Speaker.Start {
		apply(x.we)
		return
	}
	entOK := func(ent crosscheck.Entity) bool {
		if x.namedInside(crosscheck.NullString(ent.ID), c) {
			return false
		}
		if person {
			return ent.Type == crosscheck.TypePerson && agrees(crosscheck.Speaker{Entity: crosscheck.NullString(ent.ID)})
		}
		return ent.Type == crosscheck.TypeOrganization || ent.Type == crosscheck.TypeGroup
	}
	applyEnt := func(ent crosscheck.Entity) {
		apply(crosscheck.Speaker{Entity: crosscheck.NullString(ent.ID), Name: crosscheck.NullString(ent.Name),
			Type: ent.Type, Affiliation: ent.Affiliation, Role: firstRole(ent.Roles)})
	}
	// a sentence's subject: a place speaks as its government
	applySubject := func(ei int) {
		if x.ents[ei].Type == crosscheck.TypePlace {
			apply(x.entitySpeaker(c.st.Speaker, ei, ""))
			return
		}
		applyEnt(x.ents[ei])
	}
	// "Biden gave a speech in which he called …": a person who is the
	// subject of the pronoun's own sentence, before it, is what it stands
	// for, rather than the last speaker of the sentences before — unless
	// another person is named between them ("Vitrenko is convinced Putin
	// will cut the gas if he thinks …").
	if third := strings.ToLower(c.st.Speaker.Text); third == "he" || third == "she" {
		if ei := x.subjectOf(c.sent, c.st.Speaker.Start, entOK); ei >= 0 && !x.otherPersonIn(ei, x.sents[c.sent].Start, c.st.Speaker.Start) {
			applyEnt(x.ents[ei])
			return
		}
	}
	// "India has resisted pressure … It has regularly abstained from
	// voting on UN resolutions … It has also defended its decision,
	// saying …": sentences that each open with "It" go back to the name
	// that opened the chain, not to a body named inside one of them
	if strings.EqualFold(c.st.Speaker.Text, "it") && x.opensSentence(c) {
		for k := c.sent - 1; k > 0 && c.sent-k <= 3 && x.sents[c.sent].Paragraph-x.sents[k].Paragraph <= 1; k-- {
			if !strings.HasPrefix(strings.TrimSpace(x.text[x.sents[k].Start:x.sents[k].End]), "It ") {
				break
			}
			if ei := x.prevSubject(k, func(ent crosscheck.Entity) bool {
				return ent.Type == crosscheck.TypeOrganization || ent.Type == crosscheck.TypePlace
			}); ei >= 0 {
				applySubject(ei)
				return
			}
		}
	}
	par := x.sents[c.sent].Paragraph
	for k := len(x.out) - 1; k >= 0; k-- {
		p := x.out[k]
		if p.sent >= c.sent {
			continue // this sentence's statements are in earlier
		}
		if par-x.sents[p.sent].Paragraph > 1 {
			break
		}
		if !p.drop && ok(p.st.Speaker) && !x.reported(p, c) {
			apply(p.st.Speaker)
			return
		}
	}
	// Nor for a "we" no speaker before it in the paragraph answers: the
	// nearest organisation the article mentions before a joint
	// statement's "we express our determination" is as often the one it
	// condemns ("Russia's military aggression").
	if we {
		return
	}
	// "Britain is coming to Ukraine's aid. It's threatening sanctions":
	// a country or capital that is the subject of the sentence before is
	// what "it" stands for, as its government (only there: the places a
	// text mentions are mostly where things happen)
	it := strings.EqualFold(c.st.Speaker.Text, "it")
	subjOK := func(ent crosscheck.Entity) bool {
		return entOK(ent) || it && ent.Type == crosscheck.TypePlace
	}
	if ei := x.prevSubject(c.sent, subjOK); ei >= 0 {
		applySubject(ei)
		return
	}
	// The most recent mention of a person (or organization) before, outside
	// the content of any statement if there is one, else any.
	i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s >= c.st.Speaker.Start })
	fallback := -1
	for k := i - 1; k >= 0 && c.st.Speaker.Start-x.ments[k].s < 2000; k-- {
		ent := x.ents[x.ments[k].ent]
		if !entOK(ent) {
			continue
		}
		if !x.inContent(x.ments[k].s, c) {
			applyEnt(ent)
			return
		}
		if fallback < 0 {
			fallback = x.ments[k].ent
		}
	}
	if fallback >= 0 {
		applyEnt(x.ents[fallback])
		return
	}
	// Nobody named before: an article whose lead was cut, or that names
	// its speaker only after ("… - he said, according to TASS, Dmitry
	// Peskov", "He said: “…” Mr Biden's comments came …"): the first
	// person named after, close by in this paragraph or the next, outside
	// contents
	if person && !x.personBefore(i, entOK) {
		par := x.sents[c.sent].Paragraph
		for k := i; k < len(x.ments) && x.ments[k].s-c.st.Speaker.End < 600; k++ {
			m := x.ments[k]
			if x.sents[x.sentenceAt(m.s)].Paragraph-par > 1 {
				break
			}
			if m.s >= c.st.Speaker.End && entOK(x.ents[m.ent]) && !x.inContent(m.s, nil) && !x.inQuote(m.s) {
				applyEnt(x.ents[m.ent])
				return
			}
		}
	}
}

// otherPersonIn reports whether a person other than entity ei is
// mentioned in the text [s, e).
func (x *extractor) otherPersonIn(ei, s, e int) bool {
	i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s >= s })
	for ; i < len(x.ments) && x.ments[i].s < e; i++ {
		if m := x.ments[i]; m.ent != ei && x.ents[m.ent].Type == crosscheck.TypePerson {
			return true
		}
	}
	return false
}

// personBefore reports whether a mention before the i-th is of an entity
// ok accepts.
func (x *extractor) personBefore(i int, ok func(crosscheck.Entity) bool) bool {
	for k := 0; k < i && k < len(x.ments); k++ {
		if ok(x.ents[x.ments[k].ent]) {
			return true
		}
	}
	return false
}

// reported reports whether p's speaker is named inside the content of
// another statement than p and c ("Lavrov said Blinken had rejected …":
// Blinken is reported, not the one the story follows).
func (x *extractor) reported(p, c *cand) bool {
	if p.st.Speaker.End <= p.st.Speaker.Start {
		return false
	}
	s, e := p.st.Speaker.Start, p.st.Speaker.End
	if strings.EqualFold(p.st.Speaker.Text, "who") {
		// "… Macron, a reasonable man but who declares …": the relative
		// pronoun stands for the name before it
		if ei, ms := x.entityIn(max(0, s-120), s); ei >= 0 {
			s, e = ms, x.mentionEnd(ei, ms)
		}
	}
	for _, q := range x.out {
		if q == p || q == c || q.drop {
			continue
		}
		if p.st.Content.Start <= q.region && q.region < p.st.Content.End {
			// q is said inside p's content ("… the tanks that Kyiv has
			// long asked for, says the minister"): it is no statement of
			// its own (dropNested), and its content running on over p's
			// speaker does not report p
			continue
		}
		if q.st.Content.Start <= s && e <= q.st.Content.End {
			return true
		}
	}
	return false
}

// inContent reports whether byte offset off lies inside the content of a
// statement other than c.
func (x *extractor) inContent(off int, c *cand) bool {
	for _, q := range x.out {
		if q != c && !q.drop && q.st.Content.Start <= off && off < q.st.Content.End {
			return true
		}
	}
	return false
}

// prevSubject returns the entity that is the subject of the sentence
// before si in the same or the previous paragraph: its first mention
// accepted by ok, outside quotations and statement content, with no verb
// before it — only capitalised words and closed-class words (determiners,
// openers, prepositions, time words) may precede it. It returns -1 when
// there is none.
func (x *extractor) prevSubject(si int, ok func(crosscheck.Entity) bool) int {
	if si <= 0 || x.sents[si].Paragraph-x.sents[si-1].Paragraph > 1 {
		return -1
	}
	return x.subjectOf(si-1, x.sents[si-1].End, ok)
}

// subjectOf returns the entity that is the subject of sentence si, as
// prevSubject reads it, among the mentions that start before end; -1 when
// there is none.
func (x *extractor) subjectOf(si, end int, ok func(crosscheck.Entity) bool) int {
	ps := x.sents[si]
	start, end := ps.Start, min(ps.End, end, len(x.text))
	if start < 0 || start >= end {
		return -1
	}
	// "Like Brezhnev before him, Putin rules …": an opening preposition
	// phrase holds no subject; the subject follows its comma, or the
	// comma of the next one ("On Wednesday, as part of his campaign, the
	// Turkish President … pledged")
	for range 3 {
		w := strings.ToLower(firstWordOf(x.text[start:end]))
		k := strings.IndexByte(x.text[start:end], ',')
		if !openingPreps[w] || k <= 0 {
			break
		}
		start += k + 1
	}
	i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s >= start })
	for ; i < len(x.ments) && x.ments[i].s < end; i++ {
		m := x.ments[i]
		if x.inQuote(m.s) || x.inContent(m.s, nil) {
			continue
		}
		if !x.beforeVerb(x.text[start:m.s]) {
			return -1
		}
		if x.ents[m.ent].Type == crosscheck.TypePerson && x.dependent(m.ent, m.s, min(end, m.e+40)) != "" {
			continue // "Mr Putin's spokesman, Dmitry Peskov, …": the spokesman is the subject
		}
		if x.ents[m.ent].Type == crosscheck.TypePlace && (strings.HasPrefix(x.text[m.e:end], "'s") || strings.HasPrefix(x.text[m.e:end], "’s")) {
			continue // "Kyiv's mayor": the mayor is the subject
		}
		if x.ents[m.ent].Type == crosscheck.TypePlace && i+1 < len(x.ments) && x.ments[i+1].s > m.s && x.ments[i+1].s <= m.e+1 {
			continue // "The US Department of State": the place names the body
		}
		if ok(x.ents[m.ent]) {
			return m.ent
		}
	}
	return -1
}

// beforeVerb reports whether pre, the start of a sentence, can still be in
// front of the main verb: each of its lower-case words is a determiner, an
// opener, a preposition, a joining word or a time word.
func (x *extractor) beforeVerb(pre string) bool {
	for _, w := range strings.FieldsFunc(pre, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '\'' }) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			continue
		}
		if !x.lx.is(strings.ToLower(w), wDet|wIntro|wPrep|wJoin|wTime) && x.lx.dependents[strings.ToLower(w)] == "" && w != "s" {
			return false
		}
	}
	return true
}

// groupWords are the words that tell whether a group speaker is one
// member of it ("a senior official") or many: its own, or its name when a
// pronoun stood for it ("they" resolved to "European leaders" is no
// antecedent of a later "he").
func groupWords(sp crosscheck.Speaker) string {
	switch strings.ToLower(sp.Text) {
	case "they", "them", "we", "us", "he", "she", "him", "her", "it", "who":
		return string(sp.Name)
	}
	return sp.Text
}

// singular reports whether a speaker phrase names one ("a senior
// official", "a source") rather than many: its last word does not end in
// a plural s and no "of the" makes it one of many.
func singular(text string) bool {
	f := strings.Fields(strings.ToLower(text))
	if len(f) == 0 || slices.Contains(f, "and") {
		return false // "Collin Peterson and Jeff Van Drew" is no "he"
	}
	last := strings.Trim(f[len(f)-1], ".,;:")
	switch f[0] {
	case "one":
		if len(f) > 1 && f[1] == "of" {
			return true // "one of the officials": one person
		}
	case "a", "an":
		if len(f) > 1 && f[1] == "of" {
			return false // "a number of officials"
		}
	}
	switch last {
	case "media", "people", "police", "staff", "personnel", "authorities":
		return false // plurals without an s: "the media" is no "he"
	}
	return !strings.HasSuffix(last, "s") || strings.HasSuffix(last, "ss")
}

// documentSubject returns the author of the document that opens the
// sentence before si in the same paragraph as its subject ("The report
// covers …", "The 36-page UN report found …"), as a speaker.
func (x *extractor) documentSubject(si int) (crosscheck.Speaker, bool) {
	if si == 0 || x.opt.Referrer == nil || x.sents[si-1].Paragraph != x.sents[si].Paragraph {
		return crosscheck.Speaker{}, false
	}
	ps := x.sents[si-1]
	words := segment.AppendTokens(nil, x.text[ps.Start:ps.End])
	for n := 2; n <= min(5, len(words)); n++ {
		e := ps.Start + words[n-1].End
		kind, ei := x.refer(ps.Start, e)
		if kind == refDocument && ei >= 0 {
			return x.entitySpeaker(crosscheck.Speaker{}, ei, ""), true
		}
		if kind != "" {
			break
		}
	}
	return crosscheck.Speaker{}, false
}

// opensSentence reports whether c's speaker is the first word of its
// sentence.
func (x *extractor) opensSentence(c *cand) bool {
	st := x.sents[c.sent]
	return strings.TrimSpace(x.text[st.Start:c.st.Speaker.Start]) == ""
}

// pronounSex returns the sex a personal pronoun asks for: 'm' for he,
// him, his; 'f' for she, her, hers; 0 for any other.
func pronounSex(text string) byte {
	switch strings.ToLower(text) {
	case "he", "him", "his", "himself":
		return 'm'
	case "she", "her", "hers", "herself":
		return 'f'
	}
	return 0
}

// entSex returns the sex of entity ei ('m', 'f' or 0 when unknown), asking
// the Genderer once per entity.
func (x *extractor) entSex(ei int) byte {
	if x.opt.Genders == nil || ei < 0 || ei >= len(x.ents) {
		return 0
	}
	if x.sexes == nil {
		x.sexes = make([]byte, len(x.ents))
	}
	if x.sexes[ei] == 0 {
		x.sexes[ei] = '-'
		if g := x.opt.Genders.Gender(x.text, x.ents[ei]); g != "" {
			x.sexes[ei] = g[0]
		}
	}
	if x.sexes[ei] == '-' {
		return 0
	}
	return x.sexes[ei]
}

// speakerSex returns the sex of a resolved speaker: its entity's, else
// what its phrase shows ("a spokeswoman"), or 0.
func (x *extractor) speakerSex(sp crosscheck.Speaker) byte {
	if ei := x.entIndex(sp.Entity); ei >= 0 {
		if g := x.entSex(ei); g != 0 {
			return g
		}
	}
	if x.opt.Genders != nil && sp.Text != "" {
		if g := x.opt.Genders.PhraseGender(sp.Text); g != "" {
			return g[0]
		}
	}
	return 0
}

// namedInside reports whether the entity with id is mentioned inside c's
// own content, in a quotation (“Unlike Mr Dupont, we …,” he said — he is
// not Dupont), or between its cue and its content, as the one spoken to.
func (x *extractor) namedInside(id crosscheck.NullString, c *cand) bool {
	if id == "" || c.st.Content.End <= c.st.Content.Start {
		return false
	}
	ei := x.entIndex(id)
	if ei < 0 {
		return false
	}
	for _, m := range x.ents[ei].Mentions {
		if m.Start >= c.st.Content.Start && m.End <= c.st.Content.End && x.quotedName(m) {
			return true
		}
		// The one spoken to, between the cue and the content: "He also
		// told Blinken that …" — he is not Blinken.
		if c.st.Cue.End > c.st.Speaker.End && m.Start >= c.st.Cue.End && m.End <= c.st.Content.Start {
			return true
		}
	}
	return false
}

// entIndex returns the index in x.ents of the entity with id, or -1.
func (x *extractor) entIndex(id crosscheck.NullString) int {
	if id == "" {
		return -1
	}
	if x.entIdx == nil {
		x.entIdx = make(map[crosscheck.NullString]int, len(x.ents))
		for i, e := range x.ents {
			x.entIdx[crosscheck.NullString(e.ID)] = i
		}
	}
	if ei, ok := x.entIdx[id]; ok {
		return ei
	}
	return -1
}

// quotedName reports whether mention m stands inside a quotation that says
// more than the name: a speaker who names a person in their own words
// (“Unlike Mr Dupont, we …”) is not that person, but a quoted nickname
// (dubbed “Kyt”) is no such naming.
func (x *extractor) quotedName(m crosscheck.Span) bool {
	i := sort.Search(len(x.quotes), func(i int) bool { return x.quotes[i].End > m.Start })
	if i >= len(x.quotes) || x.quotes[i].Start >= m.Start {
		return false
	}
	q := x.quotes[i]
	if nestedOpen(x.text[q.Start:m.Start]) {
		return false // inside a quotation the speaker quotes: “… when Trump said ‘Putin and Zelensky …’”
	}
	return (m.Start-q.Start)+(q.End-m.End) > 8
}

// openingPreps open a sentence with a phrase that is not its subject.
var openingPreps = map[string]bool{"like": true, "unlike": true, "after": true, "before": true, "despite": true, "during": true, "since": true, "amid": true, "following": true, "according": true, "in": true, "on": true, "at": true, "for": true, "with": true, "without": true, "as": true, "while": true, "when": true, "although": true, "though": true, "if": true}

// firstWordOf returns the first word of s (letters only).
func firstWordOf(s string) string {
	s = strings.TrimLeft(s, " \n\"“'‘-–—")
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		return s
	}
	return s[:i]
}

// weDefinition reads, in the sentence text[s:e], a definition of whom
// "we" speaks for — "We, the Participants in the International Crimea
// Platform, remain committed …" (also inside a quotation) — and makes that
// phrase the speaker of the article's later "we" (extractor.we).
func (x *extractor) weDefinition(s, e int) {
	t := x.text[s:e]
	off := 0
	for _, q := range []string{"“", "\"", "«", "„"} {
		if strings.HasPrefix(t, q) {
			off = len(q)
			break
		}
	}
	if !strings.HasPrefix(t[off:], "We, ") {
		return
	}
	ps := s + off + len("We, ")
	k := strings.IndexByte(x.text[ps:e], ',')
	if k < 4 || k > 120 {
		return
	}
	pe := ps + k
	words := segment.AppendTokens(nil, x.text[ps:pe])
	p := x.tokenize(ps, pe, words)
	if len(p) == 0 || !x.named(p) {
		return // "We, however, …"
	}
	sp, pronoun := x.speaker(ps, pe, p)
	if pronoun || sp.Name == "" {
		return
	}
	if sp.Type == "" {
		sp.Type = crosscheck.TypeGroup
	}
	x.we, x.weAt = sp, s
}

// within reports whether a speaker phrase lies inside a content: "… many
// leaders who did not think they would be tried eventually were, she
// added" — the leaders of the relative clause speak inside what she
// added, and are not she.
func within(sp crosscheck.Speaker, c crosscheck.Span) bool {
	return sp.End > sp.Start && c.Start <= sp.Start && sp.End <= c.End
}

// nestedOpen reports whether a single quotation mark opened in s is still
// open at its end: more ‘ than closing ’, an apostrophe inside a word
// ("didn’t") closing nothing.
func nestedOpen(s string) bool {
	open := strings.Count(s, "‘")
	for i := strings.Index(s, "’"); i >= 0; {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		n, _ := utf8.DecodeRuneInString(s[i+len("’"):])
		if !(unicode.IsLetter(r) && unicode.IsLetter(n)) {
			open--
		}
		j := strings.Index(s[i+len("’"):], "’")
		if j < 0 {
			break
		}
		i += len("’") + j
	}
	return open > 0
}
