package attribution

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
)

// settle finishes the statements found in one sentence: participles get the
// subject of their clause, pronouns their antecedent, content that runs into
// the next attribution is cut, "echoed this sentiment, saying …" keeps only
// the saying, and "according to reports from AFP" after another statement
// becomes that statement's via.
func (x *extractor) settle(si int, toks []tok, cs []*cand) {
	if len(cs) == 0 {
		return
	}
	// slices.SortStableFunc, unlike sort.SliceStable, allocates nothing; a
	// stable sort by the same key gives the same order
	slices.SortStableFunc(cs, func(a, b *cand) int { return cmp.Compare(a.st.Cue.Start, b.st.Cue.Start) })
	// 1. Participles: the speaker of the clause.
	for i, c := range cs {
		if !c.needSubj {
			continue
		}
		found := false
		for k := i - 1; k >= 0; k-- {
			if p := cs[k]; !p.drop && p.st.Speaker.Type != "" && p.st.Speaker.Type != crosscheck.TypeUnattributed && !p.needSubj {
				c.st.Speaker, c.pronoun = p.st.Speaker, p.pronoun
				found = true
				break
			}
		}
		if !found {
			ti := tokAt(toks, c.st.Cue.Start)
			if a, b, ok := x.subject(toks, ti); ok {
				c.st.Speaker, c.pronoun = x.speaker(toks[a].s, toks[b-1].e, toks[a:b])
				found = true
			}
		}
		c.needSubj = false
		if !found {
			c.drop = true
		}
	}
	// A content that is only the report's dateline ("CAPRI, Italy (AP) —
	// officials urged …" read as content before its speaker) is nobody's
	// statement; its speaker stays the participles' above.
	for _, c := range cs {
		if x.datelineOnly(c.st.Content) || x.adjunctOnly(c.st.Content) && !c.back {
			c.drop = true
		}
	}
	// 2. Pronouns. A participle that took a pronoun subject from the
	// clause takes what that pronoun was resolved to.
	for i, c := range cs {
		if !c.pronoun || c.drop {
			continue
		}
		shared := false
		for _, p := range cs[:i] {
			if p.st.Speaker.Start == c.st.Speaker.Start && p.st.Speaker.End == c.st.Speaker.End && c.st.Speaker.End > 0 && !p.pronoun {
				c.st.Speaker, c.pronoun, shared = p.st.Speaker, false, true
				break
			}
		}
		if !shared && c.st.Speaker.Text == "I" && !x.inQuote(c.st.Speaker.Start) && !x.quotedParagraphBefore(c.st.Speaker.Start) {
			// "Looking back, I recall …", "I strongly concur": outside any
			// quotation "I" is the article's author, whose own words are no
			// reported statement
			c.drop = true
			continue
		}
		if !shared {
			x.resolve(c, cs[:i])
			c.pronoun = false
		}
	}
	// 3. Cut right content where the next attribution starts after a comma
	// or a conjunction ("…, although he noted that …").
	for i, c := range cs {
		if c.drop || !c.right {
			continue
		}
		for _, d := range cs[i+1:] {
			if d.drop || d.region <= c.st.Content.Start || d.region >= c.st.Content.End || d.paren {
				continue
			}
			ti := tokAt(toks, d.region)
			k := ti
			// "… and later said …": adverbs between the conjunction and the cue
			for a := ti; a > 0 && ti-a < 3 && toks[a-1].kind == tWord && !toks[a-1].cap && (toks[a-1].has(wSkip|wIntro) || strings.HasSuffix(toks[a-1].low, "ly")); a-- {
				if a-1 > 0 && toks[a-2].kind == tWord && isConj(toks[a-2].low) {
					k = a - 1
					break
				}
			}
			for k > 0 && toks[k-1].kind == tWord && isConj(toks[k-1].low) {
				k--
			}
			if k > 0 && toks[k-1].is(tPunct, ",") {
				k--
			}
			if k == ti && !(ti > 0 && toks[ti-1].is(tPunct, ",")) {
				continue // nested: "X said Y told him …"
			}
			if c.quoteEnd > 0 && d.region < c.quoteEnd || toks[k].s <= c.st.Content.Start {
				continue
			}
			if d.belief && x.subordinateOpens(toks, c.st.Content.Start, toks[k].s) {
				// "told reporters that while the build-up poses a threat,
				// he believes it is insufficient": the comma ends the
				// content's own "while" clause, and its main clause, a view
				// and all, is still what was told ("…, she said …" after it
				// is the reporter's new attribution)
				continue
			}
			x.setContent(c, c.st.Content.Start, toks[k].s)
			break
		}
	}
	// The publisher's sign-off has cut the content before it; it is no
	// statement of its own.
	for _, c := range cs {
		if c.signoff {
			c.drop = true
		}
	}
	// 4. A verb whose object only points back ("echoed this sentiment",
	// "confirmed the meeting") followed by a participle of the same speaker.
	for i, c := range cs {
		if c.drop || !c.right || i+1 >= len(cs) {
			continue
		}
		d := cs[i+1]
		if d.drop || d.st.Cue.Start < c.st.Content.End || !sameSpeaker(c.st.Speaker, d.st.Speaker) {
			continue
		}
		if gap := strings.TrimSpace(x.text[c.st.Content.End:d.st.Cue.Start]); gap != "," && gap != "" {
			continue
		}
		// "said the plan was a disgrace, adding …" is a clause of its own,
		// however short.
		a, b := tokAt(toks, c.st.Content.Start), tokAt(toks, c.st.Content.End-1)+1
		if !x.pointsBack(c.st.Content.Text) || x.clauseVerbIn(toks[a:b]) {
			continue
		}
		if x.lx.is(c.st.Cue.Lemma, wObjCue) {
			x.setContent(c, c.st.Content.Start, max(d.st.Content.End, d.quoteEnd))
			d.drop = true
		} else {
			c.drop = true
		}
	}
	// 5. Relays: "…, according to reports from AFP".
	for i, c := range cs {
		if c.drop || c.st.Cue.Lemma != "according to" {
			continue
		}
		var prev *cand
		for k := i - 1; k >= 0; k-- {
			if !cs[k].drop {
				prev = cs[k]
				break
			}
		}
		if prev == nil {
			continue
		}
		a, b := tokAt(toks, c.st.Speaker.Start), tokAt(toks, c.st.Speaker.End-1)+1
		media := x.mediaIn(toks[a:b])
		if len(media) == 0 && c.st.Speaker.Type == crosscheck.TypeMedia && c.st.Speaker.Name != "" {
			media = []string{string(c.st.Speaker.Name)}
		}
		if len(media) == 0 {
			continue
		}
		prev.st.Via = appendVia(prev.st.Via, media)
		c.drop = true
	}
	// "According to Ukrinform, the governor said that …": the medium relays
	// the statement that follows it in the sentence.
	for i, c := range cs {
		if c.drop || c.st.Cue.Lemma != "according to" || i+1 >= len(cs) || cs[i+1].drop {
			continue
		}
		next := cs[i+1]
		if next.st.Cue.Start < c.st.Content.Start || next.st.Cue.Start >= c.st.Content.End {
			continue
		}
		a, b := tokAt(toks, c.st.Speaker.Start), tokAt(toks, c.st.Speaker.End-1)+1
		if media := x.mediaIn(toks[a:b]); len(media) > 0 {
			next.st.Via = appendVia(next.st.Via, media)
			c.drop = true
		}
	}
	// 5b. An interview given to another outlet: "…,” Kuleba said in an
	// interview with The Economist", "Speaking to Radio Liberty, X said".
	x.interviews(toks, cs)
	// 6. A statement's own speaker is no relay.
	for _, c := range cs {
		if len(c.st.Via) == 0 {
			continue
		}
		v := c.st.Via[:0]
		for _, m := range c.st.Via {
			if !strings.EqualFold(m, string(c.st.Speaker.Name)) && !strings.Contains(c.st.Speaker.Text, m) {
				v = append(v, m)
			}
		}
		c.st.Via = v
	}
}

// subordinateOpens reports whether the content starting at cs opens with
// a subordinate clause ("while …", "although …", "if …") that runs to the
// comma at cut, with no other comma before it.
func (x *extractor) subordinateOpens(toks []tok, cs, cut int) bool {
	i := tokAt(toks, cs)
	if i >= len(toks) || toks[i].kind != tWord {
		return false
	}
	switch toks[i].low {
	case "while", "although", "though", "if", "when", "because", "since", "whereas", "unless", "as":
	default:
		return false
	}
	for k := i + 1; k < len(toks) && toks[k].s < cut; k++ {
		if toks[k].is(tPunct, ",") || toks[k].is(tPunct, ";") {
			return false
		}
	}
	return true
}

func isConj(low string) bool {
	switch low {
	case "and", "but", "although", "though", "while", "whereas", "as", "yet":
		return true
	}
	return false
}

// pointsBack reports whether a content is only a short phrase that refers
// to something said before ("this sentiment", "the meeting", "these claims").
func (x *extractor) pointsBack(content string) bool {
	f := strings.Fields(strings.ToLower(content))
	if len(f) == 0 || len(f) > 5 {
		return false
	}
	switch f[0] {
	case "this", "these", "that", "those", "the", "such", "it", "his", "her", "their", "its":
		return true
	}
	return false
}

// clauseVerbIn reports whether toks hold the verb of a clause: an
// auxiliary, or a past tense that modifies no noun ("the plan was a
// disgrace", "the talks failed"; not "their shared history").
func (x *extractor) clauseVerbIn(toks []tok) bool {
	for i, t := range toks {
		if i > 0 && x.finiteVerbIn(toks[i:i+1]) && !(x.pastTense(t.low) && modifierSlot(toks[i-1])) {
			return true
		}
	}
	return false
}

func sameSpeaker(a, b crosscheck.Speaker) bool {
	if a.Entity != "" || b.Entity != "" {
		return a.Entity == b.Entity
	}
	return a.Text == b.Text && a.Start == b.Start
}

// tokAt returns the index of the token that contains byte offset off.
func tokAt(toks []tok, off int) int {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].e > off })
	if i >= len(toks) {
		return len(toks) - 1
	}
	return i
}

// subject returns the subject phrase of the clause a participle at token
// ti hangs from: after an opening adverb, the first phrase; after a
// subordinating conjunction, the phrase that follows it; after an opening
// preposition phrase, the phrase after its comma.
func (x *extractor) subject(toks []tok, ti int) (int, int, bool) {
	k := 0
	for k < ti && (toks[k].kind != tWord || toks[k].has(wIntro) && !toks[k].has(wStop)) {
		k++
	}
	// "Unfortunately, some Europeans … are proposing …": a sentence
	// adverb and its comma open the sentence, not its subject ("Italy,
	// France and Germany are …" is a name)
	if k+2 < ti && toks[k].kind == tWord && (strings.HasSuffix(toks[k].low, "ly") || sentenceAdverb(toks[k].low)) && toks[k+1].is(tPunct, ",") {
		if ei, _ := x.entityIn(toks[k].s, toks[k].e); ei < 0 {
			k += 2
		}
	}
	// "Shortly after his release, one of his lawyers posted a photo
	// showing …": an adverb opening a prepositional phrase
	if k+1 < ti && toks[k].kind == tWord && adverb(toks[k].low) && toks[k+1].kind == tWord && toks[k+1].has(wStop) {
		k++
	}
	skipped := false // past an opening subordinate clause
	if k < ti && toks[k].kind == tWord && toks[k].has(wStop) {
		switch toks[k].low {
		case "while", "although", "though", "as", "because", "since", "when", "if", "once", "whereas":
			k++
			// "While the talks dragged on, the envoy left, stressing
			// …": a participle after the main clause has its subject;
			// one right after the first comma, the opening clause's
			// ("While Paris kept quiet, stressing …")
			commas, first := 0, -1
			for c := k; c < ti; c++ {
				if toks[c].is(tPunct, ",") {
					if commas++; first < 0 {
						first = c
					}
				}
			}
			if commas >= 2 && first+1 < ti {
				k, skipped = first+1, true
			}
		default:
			for k < ti && !toks[k].is(tPunct, ",") {
				k++
			}
			k++
		}
	}
	// "Brimming with confidence, the Russian strongman punctuated his
	// speech by declaring …": an opening participle's phrase ends at its
	// comma
	opener := false
	if k < ti && toks[k].kind == tWord && (ingForm(toks[k].low) || x.pastTense(toks[k].low)) {
		// Eight words, or twenty after an opening clause ("As soon as
		// the war broke out, having a general idea of what was
		// happening and what would happen, I kept calling …"); not
		// more at the start, where a name may end in -ing ("Boeing").
		reach := 8
		if skipped {
			reach = 20
		}
		for c := k + 1; c < ti && c-k <= reach; c++ {
			if toks[c].is(tPunct, ",") {
				k, opener = c+1, true
				break
			}
		}
	}
	if k >= ti {
		return 0, 0, false
	}
	a, b, ok := x.rightNP(toks, k)
	if !ok {
		return 0, 0, false
	}
	for p := a + 1; p < b && p+1 < len(toks); p++ {
		if t := toks[p]; t.kind == tWord && !t.cap && x.pastTense(t.low) && toks[p-1].kind == tWord && (!toks[p-1].has(wDet) || p >= a+2 && toks[p-2].low == "the" && numberHead(toks[p-1].low)) &&
			toks[p+1].low != "by" && (determiner(toks[p+1].low) || toks[p+1].has(wHe|wThey|wIt|wPrep) || toks[p+1].low == "to" || strings.HasSuffix(toks[p+1].low, "ly") || toks[p+1].low == "early" ||
			toks[p+1].cap && !namingVerb(t.low)) {
			// "the strongman punctuated his speech by …", "the envoy
			// spoke to reporters, stressing …", "left early", "the
			// president requested Australia send …": the clause's verb
			// ("states led by West Virginia" is a participle of the
			// subject, "a man named Ivan" too)
			b = p
			break
		}
	}
	if b > ti || !x.speakerLike(toks[a:b]) {
		return 0, 0, false
	}
	if opener && (b >= len(toks) || toks[b].kind != tWord || !x.verbLike(toks[b])) {
		// "Having examined Russia's force posture, the state of its
		// military, …": a list, not the subject and its verb
		return 0, 0, false
	}
	return a, b, true
}

// namingVerb reports whether a past participle names what follows it ("a
// man named Ivan", "a group called Vesna"): part of a noun phrase, not a
// clause's verb.
func namingVerb(low string) bool {
	switch low {
	case "named", "called", "dubbed", "nicknamed", "titled", "entitled", "known":
		return true
	}
	return false
}

// finish orders the statements, drops duplicates and assigns ids and times.
func (x *extractor) finish() []crosscheck.Statement {
	x.dropNested()
	x.shareParty()
	out := make([]crosscheck.Statement, 0, len(x.out))
	slices.SortStableFunc(x.out, func(a, b *cand) int {
		if a.sent != b.sent {
			return cmp.Compare(a.sent, b.sent)
		}
		return cmp.Compare(a.st.Cue.Start, b.st.Cue.Start)
	})
	published := string(x.art.Published)
	publisher := x.publisher()
	for _, c := range x.out {
		if c.drop || c.act || c.st.Content.Start >= c.st.Content.End {
			continue
		}
		if c.st.Speaker.Type == crosscheck.TypeUnattributed && c.st.Cue.Lemma == "ask" {
			// "Asked about …, Blinken said": the reporter's question is
			// no statement (the annotation guidelines)
			continue
		}
		dup := false
		for _, p := range out[max(0, len(out)-4):] {
			dup = dup || p.Content.Start == c.st.Content.Start && p.Content.End == c.st.Content.End && p.Speaker.Text == c.st.Speaker.Text
		}
		if dup {
			continue
		}
		st := c.st
		st.ID = "s" + strconv.Itoa(len(out)+1)
		if publisher != "" && len(st.Via) > 0 {
			// "told the BBC" in the BBC's own article adds no relay
			st.Via = slices.DeleteFunc(slices.Clone(st.Via), func(v string) bool { return strings.EqualFold(v, publisher) })
		}
		if x.opt.BareName != nil && st.Speaker.Name != "" && st.Speaker.Entity == "" && x.opt.BareName(string(st.Speaker.Name)) {
			// "the minister said" about nobody the article names: a
			// description, not a name
			st.Speaker.Name = ""
		}
		frame := x.frame(c)
		if x.opt.Time != nil && published != "" {
			if x.timeHint[c.sent] {
				st.Time = crosscheck.NullString(x.opt.Time(frame, published))
			}
			if st.Time == "" && st.Kind != crosscheck.KindIndirect {
				// the quotation may open sentences before the cue's
				st.Time = crosscheck.NullString(x.opt.Time(x.spokenNow(st.Content), published))
			}
		}
		if st.Time == "" && len(out) > 0 && (x.sameOccasion(&out[len(out)-1], &st) || x.sameDay(frame)) {
			st.Time = out[len(out)-1].Time
		}
		out = append(out, st)
	}
	return out
}

// frame is the sentence of c without its content: what dates the saying
// ("told the media on 26 April", "On Friday, the ministry said"), not
// what is said ("missiles were fired on Sunday, the air force said" does
// not say when the air force said it).
func (x *extractor) frame(c *cand) string {
	s := x.sents[c.sent]
	cs := min(max(c.st.Content.Start, s.Start), s.End)
	ce := min(max(c.st.Content.End, cs), s.End)
	return x.text[s.Start:cs] + " … " + x.text[ce:s.End]
}

// spokenNow returns the first word of the speaker's own words that names
// the time of speaking ("“Today, the last settlement … has been
// liberated,” Gerasimov stated": words.tsv class now), or "". Only
// quoted words say it: in a reported clause "today" may be the
// reporter's, and date the event.
func (x *extractor) spokenNow(content crosscheck.Span) string {
	for _, w := range letterWords(content.Text) {
		if x.lx.is(w, wNow) {
			return w
		}
	}
	return ""
}

// letterWords returns the runs of letters of s, lower-cased.
func letterWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
}

// sameDay reports whether a statement's frame dates it by the statement
// before it ("Speaking the same day from Uzbekistan, Blinken said":
// words.tsv class sameday, the pairs of words that say so).
func (x *extractor) sameDay(frame string) bool {
	ws := letterWords(frame)
	for i := 1; i < len(ws); i++ {
		if x.lx.is(ws[i-1]+" "+ws[i], wSameDay) {
			return true
		}
	}
	return false
}

// sameOccasion reports whether st, whose frame names no time, goes on
// with what prev said on a dated occasion: the same speaker in the same
// paragraph, its cue in the past tense ("… told the media on 26 April.
// “…,” he said."). A present tense ("says") is no account of that
// occasion, nor "according to", nor a cue after a word of another time
// (words.tsv class elsewhen: "has said", "previously told").
func (x *extractor) sameOccasion(prev, st *crosscheck.Statement) bool {
	if prev.Time == "" || x.sents[prev.Sentence].Paragraph != x.sents[st.Sentence].Paragraph {
		return false
	}
	if !x.sameSpeaker(prev.Speaker, st.Speaker) {
		return false
	}
	first, _, _ := strings.Cut(strings.ToLower(st.Cue.Text), " ")
	if !x.pastTense(first) {
		return false
	}
	before := strings.Fields(x.text[x.sents[st.Sentence].Start:max(x.sents[st.Sentence].Start, st.Cue.Start)])
	for _, w := range before[max(0, len(before)-2):] {
		if x.lx.is(strings.ToLower(w), wElsewhen) {
			return false // "has said", "had earlier told", "previously said"
		}
	}
	return true
}

// sameSpeaker reports whether b is the speaker a: the same entity, or the
// same name, or for an unnamed description the same role given again or
// by a pronoun ("The governor told …", "he said").
func (x *extractor) sameSpeaker(a, b crosscheck.Speaker) bool {
	switch {
	case a.Entity != "" || b.Entity != "":
		return a.Entity == b.Entity
	case a.Name != "" || b.Name != "":
		return a.Name == b.Name
	}
	low := strings.ToLower(b.Text)
	return a.Role != "" && a.Role == b.Role && (strings.EqualFold(a.Text, b.Text) || x.lx.is(low, wHe|wThey|wIt))
}

// dropNested drops the statements whose attribution lies inside the
// content of another statement: "Russia says Ukraine wants …" is one
// statement by Russia (the annotation guidelines).
func (x *extractor) dropNested() {
	for _, c := range x.out {
		if c.drop {
			continue
		}
		for _, d := range x.out {
			if d == c || d.drop || d.sent != c.sent {
				continue
			}
			if d.st.Content.Start <= c.region && c.st.Cue.End <= d.st.Content.End && !x.clauseBreak(d.st.Content.Start, c.region) {
				if x.splitsSource(d, c) {
					continue
				}
				if x.relays(d, c) {
					// "dpa reported that Baerbock said …", "…, according to
					// a joint statement": the outer one only relays
					d.drop = true
					if d.st.Speaker.Type == crosscheck.TypeMedia && d.st.Speaker.Name != "" {
						c.st.Via = appendVia(c.st.Via, []string{string(d.st.Speaker.Name)})
					}
					continue
				}
				c.drop = true
				break
			}
		}
	}
}

// relays reports whether outer only passes on inner, which opens its
// content: a medium reporting ("the agency reported that the minister
// said …") or "according to" ("X said Y, according to a statement").
func (x *extractor) relays(outer, inner *cand) bool {
	if outer.st.Cue.Lemma == "according to" && outer.st.Speaker.Type == crosscheck.TypeMedia && inner.st.Cue.Lemma != "write" {
		return true // "“…,” Xi told Lukashenko, according to Chinese state media"
	}
	gap := strings.TrimSpace(x.text[outer.st.Content.Start:min(inner.region, outer.st.Content.End)])
	gap = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(gap, "that"), "That"))
	if len(strings.Fields(gap)) > 2 || inner.st.Cue.Lemma == "write" {
		return false // "according to his lawyer, Masha wrote her father a letter"
	}
	if outer.st.Cue.Lemma == "according to" {
		return true
	}
	// "The Pentagon confirmed that …, spokesman Pat Ryder said": the
	// spokesperson voices the body, whose statement it is
	if !outer.right && outer.st.Speaker.Type == crosscheck.TypePerson &&
		(inner.st.Speaker.Type == crosscheck.TypeOrganization || inner.st.Speaker.Type == crosscheck.TypeGroup) && inner.st.Speaker.Entity != "" &&
		!x.lx.is(lower(inner.st.Speaker.Text), wHe|wThey|wIt) {
		return true
	}
	if outer.st.Speaker.Type != crosscheck.TypeMedia {
		return false
	}
	switch outer.st.Cue.Lemma {
	case "report", "say", "write", "quote", "cite", "tell":
		return true
	}
	return false
}

// clauseBreak reports whether a dash or semicolon between an outer
// statement's content start and an inner attribution makes the inner one
// a clause of its own ("… telling the truth — Defense Secretary Lloyd
// Austin said this week, “…”"), not part of the outer content.
func (x *extractor) clauseBreak(from, to int) bool {
	if to <= from || to > len(x.text) {
		return false
	}
	gap := x.text[from:to]
	return strings.Contains(gap, " — ") || strings.Contains(gap, " – ") || strings.Contains(gap, ";")
}

// shareParty gives a speaker entity the party one of its statements'
// phrases showed ("the Kremlin's top foreign policy adviser Yury Ushakov"
// → RU) in its other statements of the article ("Mr Ushakov said"), as
// package party decides from that role; a speaker without an entity, the
// party of the others of its name.
func (x *extractor) shareParty() {
	parties := map[crosscheck.NullString]crosscheck.NullString{}
	for _, c := range x.out {
		if !c.drop && c.st.Speaker.Entity != "" && c.st.Speaker.Affiliation != "" {
			if _, ok := parties[c.st.Speaker.Entity]; !ok {
				parties[c.st.Speaker.Entity] = c.st.Speaker.Affiliation
			}
		}
	}
	// A speaker no entity holds ("the U.S. Treasury" … "the Treasury",
	// "Russia's central bank" … "the central bank") shares the party of
	// the statements whose speaker has its name, when they all have one.
	byName := map[crosscheck.NullString]crosscheck.NullString{}
	for _, c := range x.out {
		sp := c.st.Speaker
		if c.drop || sp.Entity != "" || sp.Name == "" || sp.Affiliation == "" {
			continue
		}
		if p, ok := byName[sp.Name]; ok && p != sp.Affiliation {
			byName[sp.Name] = "-" // more than one: none shared
		} else if !ok {
			byName[sp.Name] = sp.Affiliation
		}
	}
	for _, c := range x.out {
		sp := &c.st.Speaker
		switch {
		case sp.Affiliation != "":
		case sp.Entity != "":
			sp.Affiliation = crosscheck.NullString(partyDecide(parties[sp.Entity]))
		case sp.Name != "" && byName[sp.Name] != "-":
			sp.Affiliation = crosscheck.NullString(partyDecide(byName[sp.Name]))
		}
	}
}

// interviewWords open a phrase that names the outlet a speaker gave an
// interview or comments to, which relays the statement.
var interviewWords = map[string][]string{
	"interview": {"with", "to"}, "interviews": {"with", "to"}, "interviewed": {"by"},
	"speaking": {"to", "with"}, "talking": {"to", "with"}, "comments": {"to"}, "remarks": {"to"},
	"quoted": {"by"}, "writing": {"in", "for"}, "wrote": {"in", "for"},
}

// interviews gives each statement of the sentence the outlet named in an
// interview phrase outside every content ("in an interview with The
// Economist", "speaking to Radio Liberty"): the statement nearest to it
// takes it as via, unless that outlet publishes the article.
func (x *extractor) interviews(toks []tok, cs []*cand) {
	for k := 0; k+2 < len(toks); k++ {
		t := toks[k]
		if t.kind != tWord || x.inQuote(t.s) {
			continue
		}
		preps, ok := interviewWords[t.low]
		if !ok || !slices.Contains(preps, toks[k+1].low) {
			continue
		}
		inside := false
		var near *cand
		for _, c := range cs {
			if c.drop {
				continue
			}
			if c.st.Content.Start <= t.s && t.s < c.st.Content.End {
				inside = true
				break
			}
			if near == nil || abs(c.st.Cue.Start-t.s) < abs(near.st.Cue.Start-t.s) {
				near = c
			}
		}
		if inside || near == nil {
			continue
		}
		end := min(len(toks), k+8)
		for e := k + 2; e < end; e++ {
			if toks[e].kind != tWord || toks[e].is(tPunct, ",") {
				end = e
				break
			}
		}
		media := x.mediaIn(toks[k+2 : end])
		if len(media) == 0 {
			media = x.mediaEntity(toks[k+2].s, toks[end-1].e)
		}
		v := media[:0:0]
		for _, m := range media {
			v = append(v, m)
		}
		near.st.Via = appendVia(near.st.Via, v)
	}
}

// mediaEntity returns the name of the medium the article's entities
// mention in [s, e), if any.
func (x *extractor) mediaEntity(s, e int) []string {
	i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s >= s })
	for ; i < len(x.ments) && x.ments[i].s < e; i++ {
		if ent := x.ents[x.ments[i].ent]; ent.Type == crosscheck.TypeMedia && x.ments[i].e <= e {
			return []string{ent.Name}
		}
	}
	return nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// publisher returns the outlet that publishes the article: its site when
// known, else a medium the article's first paragraphs say someone "has
// told" — the present perfect of an outlet's own interview ("Ukraine's
// prime minister has told the BBC …"), where a relaying outlet writes
// "told the BBC on Sunday". It returns "" when unknown.
func (x *extractor) publisher() string {
	if x.art.Site != "" {
		if m := x.lx.Media(string(x.art.Site)); m != "" {
			return m
		}
		return string(x.art.Site)
	}
	para := 0
	for _, s := range x.sents {
		if s.Paragraph != para {
			para = s.Paragraph
		}
		if para > x.sents[0].Paragraph+2 {
			break
		}
		low := strings.ToLower(x.text[s.Start:s.End])
		for _, v := range []string{"has told ", "have told "} {
			k := strings.Index(low, v)
			if k < 0 {
				continue
			}
			rest := strings.TrimPrefix(x.text[s.Start+k+len(v):s.End], "the ")
			words := strings.Fields(rest)
			for n := min(4, len(words)); n >= 1; n-- {
				if m := x.lx.Media(strings.Trim(strings.Join(words[:n], " "), ",.;:")); m != "" {
					return m
				}
			}
		}
	}
	return ""
}

// splitsSource handles "A, according to Fix, B, Minic said": the source
// named between commas after the opening clause A is that clause's, and
// the outer speaker's content is B. It keeps inner as a statement of its
// own, starts outer's content after the source, and reports whether it
// did.
func (x *extractor) splitsSource(outer, inner *cand) bool {
	if inner.st.Cue.Lemma != "according to" || outer.right || inner.paren || inner.st.Speaker.Type == crosscheck.TypeMedia {
		return false
	}
	if inner.st.Content.Start != outer.st.Content.Start || inner.st.Content.End > inner.region || len(strings.Fields(inner.st.Content.Text)) < 3 {
		return false
	}
	// the outer content goes on after the source's phrase and its comma
	rest := inner.st.Speaker.End
	for rest < outer.st.Content.End && (x.text[rest] == ',' || x.text[rest] == ' ') {
		rest++
	}
	if rest >= outer.st.Content.End || rest-inner.st.Speaker.End < 2 || x.text[inner.st.Speaker.End] != ',' {
		return false
	}
	x.setContent(outer, rest, outer.st.Content.End)
	// "While the threat turned out to be a bluff": the source's claim
	// without the conjunction that ties it to the outer one
	if w, after := nextWord(inner.st.Content.Text); subordinator(tok{kind: tWord, low: lower(w)}) && len(after) > 1 {
		x.setContent(inner, inner.st.Content.End-len(after)+1, inner.st.Content.End)
	}
	return true
}

// numberHead reports whether w, after "the", can stand for a noun ("the
// two released a pact": the clause's subject and its verb).
func numberHead(w string) bool {
	switch w {
	case "two", "three", "four", "five", "six":
		return true
	}
	return false
}

// quotedParagraphBefore reports whether the paragraph up to off is inside
// someone's words though no quotation span covers off: a quotation mark
// left open before it ("“It is peacekeeping, first and foremost. … I kept
// calling"), or a dash that opens quoted speech, as translated news writes
// it ("- As I said earlier", "…for over a year.- But I met", "…of the war:
// - I told the ambassador"), or an interview transcript's label naming who
// speaks ("((Dorsa Derakhshani)) I was there …", "KULEBA: I think …"),
// here or in an earlier paragraph.
func (x *extractor) quotedParagraphBefore(off int) bool {
	ps := strings.LastIndexByte(x.text[:off], '\n') + 1
	para := x.text[ps:off]
	open := strings.Count(para, "“") - strings.Count(para, "”") + strings.Count(para, "«") - strings.Count(para, "»")
	if open > 0 || strings.Count(para, "\"")%2 == 1 {
		return true
	}
	// an interview: a label opens this paragraph or an earlier one (an
	// answer runs on over paragraphs with no label of their own)
	for rest := x.text[:off]; ; {
		if transcriptLabel(rest) {
			return true
		}
		i := strings.IndexByte(rest, '\n')
		if i < 0 {
			break
		}
		rest = strings.TrimLeft(rest[i+1:], "\n ")
	}
	for _, d := range []string{"- ", "– ", "— "} {
		if strings.HasPrefix(para, d) {
			return true
		}
		for _, p := range []string{".", ":", "!", "?", ". ", ": "} {
			if strings.Contains(para, p+d) {
				return true
			}
		}
	}
	return false
}

// transcriptLabel reports whether a paragraph opens with the label of an
// interview transcript: "((Name))" as Wikinews writes it, or a short name
// or "Q"/"A" and a colon.
func transcriptLabel(para string) bool {
	if strings.HasPrefix(para, "((") {
		return true
	}
	i := strings.IndexByte(para, ':')
	if i <= 0 || i > 40 {
		return false
	}
	label := para[:i]
	r, _ := utf8.DecodeRuneInString(label)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, r := range label {
		if !unicode.IsLetter(r) && r != ' ' && r != '.' && r != '-' && r != '\'' {
			return false
		}
	}
	return len(strings.Fields(label)) <= 4
}
