package attribution

import (
	"strings"

	"github.com/crosscheck/crosscheck"
)

// npWord reports whether t can be part of a speaker phrase.
func (x *extractor) npWord(t tok) bool {
	if t.kind != tWord {
		return false
	}
	if t.cap {
		return !t.has(wIntro|wStop|wSkip) || t.has(wDet) && !t.has(wStop)
	}
	if ingForm(t.low) {
		return false // a participle, not part of a name or description
	}
	return !t.has(wStop|wSkip|wThat|wIntro) || t.has(wDet) && !t.has(wStop)
}

// leftNP returns the speaker phrase [a, b) that ends just before token i,
// after skipping adverbs, auxiliaries and time phrases. passive is set when
// a form of "be" stands between the phrase and the cue.
func (x *extractor) leftNP(toks []tok, i int) (a, b int, passive, ok bool) {
	k := i - 1
	x.appEnd = -1
	for k >= 0 {
		t := toks[k]
		// "He also sought to emphasize …", "was quick to point out": the
		// attempt is the speaker's, the cue after "to" the statement
		if t.kind == tWord && t.low == "to" && (k == i-1 || k == i-2 && (toks[i-1].low == "have" || toks[i-1].low == "be") || onlyAdverbs(toks[k+1:i])) {
			// ("seems to have believed": a perfect infinitive is one too,
			// as is "to clearly note")
			if k > 0 && toks[k-1].kind == tWord && tryVerbs[toks[k-1].low] {
				k -= 2
				continue
			}
			if k > 1 && toks[k-1].low == "on" && toks[k-2].low == "went" {
				k -= 3 // "went on to say"
				continue
			}
			// "tries to counter the rumours", "plans to announce": an
			// effort or a plan, not a statement
			return 0, 0, false, false
		}
		if t.kind == tWord && !t.cap && (t.has(wSkip) || adverb(t.low) || sentenceAdverb(t.low)) {
			// ("Kuleba however told reporters …", "the ministry later said")
			if passiveAux(t.low) || t.low == "be" {
				passive = true
			}
			k--
			continue
		}
		// A bracketed aside: "Dianne Feinstein (D-Calif.) said".
		if t.is(tPunct, ")") {
			p := k - 1
			for p >= 0 && k-p < 12 && !toks[p].is(tPunct, "(") {
				p--
			}
			if p > 0 && toks[p].is(tPunct, "(") {
				k = p - 1
				continue
			}
		}
		// "last week", "this month", "Monday" right before the cue.
		if t.kind == tWord && t.has(wTime) && k > 1 && !toks[k-2].has(wPrep|wJoin) && (toks[k-1].low == "last" || toks[k-1].low == "this" || toks[k-1].low == "earlier" || toks[k-1].low == "next") {
			k -= 2
			continue
		}
		// A time phrase ("on Friday", "in the fall of last year") between
		// speaker and cue.
		if t.kind == tWord && t.has(wTime) {
			if p := x.timePP(toks, k); p >= 0 {
				k = p - 1
				continue
			}
		}
		// An aside without commas after a name: "Van Schaack in a
		// briefing said", "Kuleba in an interview told", "Jeffries in an
		// interview with CBS said".
		if t.kind == tWord {
			if p := x.asideBefore(toks, k); p > 0 {
				k = p - 1
				continue
			}
		}
		// An aside between dashes: "The commander – who sports a
		// mustache – noted …". Dashes that open a quotation ("- We
		// condemn aggression - said …") leave no phrase before the first.
		if dash(t) {
			if p := x.dashAside(toks, k); p > 0 {
				k = p - 1
				continue
			}
		}
		// A parenthetical between commas: "Putin, in a statement, said".
		if t.is(tPunct, ",") {
			if p := x.parenthetical(toks, k); p >= 0 {
				if h := toks[p+1]; x.appEnd < 0 && (h.cap || h.has(wDet) || x.roleBetween(toks, p+1, k)) && !h.has(wPrep) {
					x.appEnd = k // an apposition, not an aside
				}
				k = p - 1
				continue
			}
		}
		break
	}
	if k >= 0 && toks[k].kind == tWord && !toks[k].cap && x.isVerbCue(toks[k].low) && !x.nounAfter(toks, k) {
		return 0, 0, false, false // "a video that it said showed …"
	}
	if k >= 0 && toks[k].kind == tWord && (toks[k].low == "who" || toks[k].has(wHe|wThey|wIt) && !possessive(toks[k].low)) {
		return k, k + 1, passive, true
	}
	if k < 0 || !x.npWord(toks[k]) {
		return 0, 0, false, false
	}
	b = k + 1
	a = k
	sawAnd := false
	for a > 0 && b-a < 12 {
		t := toks[a-1]
		if t.kind == tWord && !t.cap && x.isAnyCue(t.low) && !(t.low == "think" && toks[a].low == "tank") {
			break // "it said showed", "Erdogan said he believed", "Clinton seems"; not "think tank"
		}
		// "a source familiar with the matter", "people close to the
		// Kremlin": the source's own standing, not a second speaker
		if t.kind == tWord && a-3 >= 0 && toks[a-2].kind == tWord && x.lx.is(toks[a-2].low+" "+t.low, wStanding) && x.lx.is(toks[a-3].low, wInformant) {
			a -= 2
			continue
		}
		if x.npWord(t) {
			a--
			continue
		}
		// An acronym in brackets inside a phrase: "the republics of
		// Donetsk (DPR) and Luhansk (LPR)".
		if o := x.acronymBracket(toks, a-1); o > 0 && x.npWord(toks[o-1]) {
			a = o
			continue
		}
		if t.low == "and" && toks[a].cap {
			if o := x.acronymBracket(toks, a-2); o > 0 && toks[o-1].kind == tWord && toks[o-1].cap {
				sawAnd = true
				a = o
				continue
			}
		}
		// An -ing modifier inside a phrase: "the RealClearPolitics polling average".
		if t.kind == tWord && !t.cap && strings.HasSuffix(t.low, "ing") && a-2 >= 0 && x.npWord(toks[a-2]) && !toks[a-2].has(wSkip) && !x.isAnyCue(t.low) {
			a--
			continue
		}
		// "RT and its defenders": a name and those of its own
		if t.kind == tWord && (t.low == "its" || t.low == "their" || t.low == "his" || t.low == "her") && a-3 >= 0 &&
			toks[a-2].low == "and" && toks[a-3].kind == tWord && toks[a-3].cap && x.npWord(toks[a-3]) {
			sawAnd = true
			a -= 3
			continue
		}
		if t.kind == tWord && t.low == "to" && a-2 >= 0 && toks[a-2].kind == tWord && toks[a-2].has(wToRole) {
			// "an adviser to the Russian president", "Russia's
			// ambassador to the US": the role speaks
			a -= 2
			continue
		}
		if t.kind == tWord && t.low == "to" && a-4 >= 0 && toks[a-2].kind == tWord && toks[a-2].cap && toks[a-3].low == "of" && toks[a-4].kind == tWord && toks[a-4].has(wToRole) {
			// "Ambassador of Belarus to Russia Dmitry Krutoi": the role
			// of its country, posted to another
			a -= 4
			continue
		}
		if t.kind == tWord && t.has(wJoin) && a-2 >= 0 && x.npWord(toks[a-2]) {
			if t.low == "at" && toks[b-1].has(wEvent) {
				// "the head of British diplomacy at a press conference
				// said": where the speaker spoke, not who
				a, b = a-1, a-1
				continue
			}
			if t.low == "and" && !(toks[a].cap && (toks[a-2].cap || toks[a-2].kind == tWord)) && !x.groupPair(toks[a-2], toks[b-1]) {
				break
			}
			if t.low == "and" && !toks[a-2].cap && a-4 >= 0 && toks[a-3].kind == tWord && !toks[a-3].cap && baseVerbBefore(toks[a-4]) {
				// "the power to declare war and Republicans say …": the
				// word before "and" is a verb's object, and "and" joins
				// two clauses
				break
			}
			if t.low != "and" && toks[a-2].kind == tWord && toks[a-2].has(wTime) {
				break
			}
			if t.low == "and" {
				sawAnd = true
			}
			a -= 2
			continue
		}
		if t.low == "and" && a-3 >= 0 && toks[a-2].is(tPunct, ",") && toks[a].cap && x.listBefore(toks, a-2) {
			sawAnd = true
			a -= 2
			continue
		}
		if sawAnd && t.is(tPunct, ",") && a-2 >= 0 && toks[a-2].kind == tWord && toks[a-2].cap {
			a -= 1
			continue
		}
		// "…, its infrastructure minister says": the possessive opens the
		// phrase (a stop word, it ended the words above)
		if t.kind == tWord && t.low == "its" && !toks[a].cap {
			a--
		}
		break
	}
	for a < b && toks[a].kind != tWord {
		a++
	}
	if a >= b {
		return 0, 0, false, false
	}
	a = x.namedBefore(toks, a)
	// A time phrase alone is no speaker.
	if toks[b-1].has(wTime) {
		return 0, 0, false, false
	}
	// "Last month President Vladimir Putin": the time phrase opens the
	// clause, not the speaker
	for a < b-1 && toks[a].kind == tWord && (toks[a].has(wTime) || toks[a].low == "last" || toks[a].low == "this") {
		a++
	}
	// A pronoun and a verb: "He went on saying", not a phrase.
	if b-a > 1 && toks[a].kind == tWord && toks[a].has(wHe|wThey|wIt) && !possessive(toks[a].low) && toks[a+1].kind == tWord && !toks[a+1].cap && toks[a+1].low != "and" {
		switch toks[a].low {
		case "his", "her", "their", "its":
		default:
			return 0, 0, false, false
		}
	}
	// "in case Russia threatens", "During that ceremony Aleksandr
	// Lukashenko reminded", "Before the talks a former diplomat told": the
	// noun of an opening prepositional phrase is no part of the name or
	// the phrase after it
	for i := b - 2; i >= a; i-- {
		t := toks[i]
		if t.kind != tWord || t.cap || t.has(wDet|wHe|wThey|wIt|wJoin) || toks[i+1].kind != tWord || !toks[i+1].cap && !toks[i+1].has(wDet) {
			continue
		}
		p := i - 1
		if p >= 0 && toks[p].kind == tWord && (toks[p].has(wDet) || possessive(toks[p].low) || toks[p].low == "that" || toks[p].low == "this") {
			p-- // "that ceremony", "its turn"
		}
		if p >= 0 && p < a && toks[p].kind == tWord && toks[p].has(wPrep) {
			a = i + 1 // the preposition opens the phrase, not "republics in eastern Ukraine"
			break
		}
	}
	// "Meanwhile, on the other side of the Atlantic, the top US spy chief,
	// Avril Haines, told": an opening prepositional phrase ends at its
	// comma
	if a > 0 && toks[a-1].kind == tWord && toks[a-1].has(wPrep) && toks[a-1].low != "of" {
		for i := a + 1; i < b-1; i++ {
			if toks[i].is(tPunct, ",") {
				a = i + 1
				break
			}
		}
	}
	if a >= 2 && toks[a-1].kind == tWord && toks[a-1].low == "and" {
		// "clashes between the police and protesters in Georgia, …,
		// have highlighted": the second term of "between … and …" is
		// no subject
		for p := a - 2; p >= 0 && a-p <= 6; p-- {
			if toks[p].kind == tWord && toks[p].low == "between" {
				return a, b, passive, false
			}
		}
	}
	return a, b, passive, true
}

// onlyAdverbs reports whether toks are all lower-case adverbs in -ly
// ("clearly", "publicly").
func onlyAdverbs(toks []tok) bool {
	for _, t := range toks {
		if t.kind != tWord || t.cap || !adverb(t.low) {
			return false
		}
	}
	return len(toks) > 0
}

// namedBefore returns where the speaker phrase starting at a begins when
// it is an indefinite description set off after a name that opens the
// sentence, with the person's age between: "Oleksii Vlasenko, 32, a
// Kyiv-based entrepreneur told CNN" (the comma that should close the
// apposition is missing). Otherwise it returns a.
func (x *extractor) namedBefore(toks []tok, a int) int {
	if a < 2 || toks[a].kind != tWord || toks[a].low != "a" && toks[a].low != "an" || !toks[a-1].is(tPunct, ",") {
		return a
	}
	k := a - 2
	if k >= 2 && toks[k].kind == tWord && strings.Trim(toks[k].low, "0123456789") == "" && toks[k-1].is(tPunct, ",") {
		k -= 2 // the age
	}
	n := k
	for n >= 0 && toks[n].kind == tWord && toks[n].cap && !toks[n].has(wStop|wIntro|wDet) {
		n--
	}
	if n == k || k-n < 2 || n >= 0 && toks[n].kind == tWord {
		return a // no name of two words or more that opens the sentence
	}
	return n + 1
}

// groupPair reports whether l and r, the words before "and" and at the
// end of the phrase after it, are both nouns of a group of people
// ("military planners and analysts", "officials and diplomats"): one
// speaker of two groups. Other words before "and" end the phrase, since
// "and" there may join two clauses ("shelled the towns and officials
// said").
func (x *extractor) groupPair(l, r tok) bool {
	if x.opt.Describer == nil || l.kind != tWord || r.kind != tWord || l.cap || r.cap || l.has(wStop|wDet) {
		return false
	}
	return x.describe(l.low).typ == crosscheck.TypeGroup && x.describe(r.low).typ == crosscheck.TypeGroup
}

// verbObject looks in the phrase [a, b) before a cue for a verb and its
// object: a past tense with a determiner, name, figure or -ing form after
// it ("issued a statement calling", "has backed Kremlin rhetoric
// blaming"). After a name or noun the verb ends the subject, and it
// returns the verb's index (callers decide what the subject before it
// says: through a document it put out, "the Security Council issued a
// statement calling …", or before a colon, "Governor Edwards addressed
// the public: …"); opening the phrase after an auxiliary,
// "and" or "not", or after "to" or "not" whatever the word, the phrase is
// no subject at all and it returns a ("has backed Kremlin rhetoric
// blaming", "attempts to influence Russia suggests"). It returns -1 when
// the phrase holds no verb. After a determiner a past participle is a
// modifier ("the detained Ukrainians"), and "unnamed officials", "retired
// general Lloyd Newton", "government-backed" open phrases, and "named"
// or an adverb before it make a modifier ("a student named Wong", "Newly
// elected Assemblywoman Selena Torres").
func (x *extractor) verbObject(toks []tok, a, b int) int {
	if f := toks[a]; a > 0 && f.kind == tWord && !f.cap && !f.has(wDet|wHe|wThey|wIt) && toks[a-1].kind == tWord && (toks[a-1].low == "to" || toks[a-1].low == "not") {
		return a
	}
	for i := a; i+1 < b; i++ {
		f := toks[i]
		if f.kind != tWord || f.cap || f.has(wDet|wHe|wThey|wIt) || strings.Contains(f.low, "-") || !x.pastTense(f.low) {
			continue // "the US government-backed Conflict Observatory"
		}
		if f.low == "named" || f.low == "called" || i > a && strings.HasSuffix(toks[i-1].low, "ly") {
			continue // "a student named Wong", "Newly elected Assemblywoman Selena Torres"
		}
		n := toks[i+1]
		if n.kind != tWord || !(n.has(wDet) || n.cap || n.low[0] >= '0' && n.low[0] <= '9' || strings.HasSuffix(n.low, "ing")) {
			continue
		}
		if i == a {
			if a > 0 && toks[a-1].kind == tWord {
				switch toks[a-1].low {
				case "has", "have", "had", "having", "and", "not", "also":
					return a
				}
			}
			continue
		}
		if p := toks[i-1]; p.kind == tWord && !p.has(wDet) && (p.cap || x.npWord(p)) {
			return i
		}
	}
	return -1
}

// ingForm reports whether a lower-case word is an -ing form of a verb
// (longer than "thing" or "king").
func ingForm(low string) bool {
	return len(low) > 5 && strings.HasSuffix(low, "ing")
}

// adverb reports whether a lower-case word is an adverb in -ly
// ("forcefully", "repeatedly"), not a noun that ends so ("family",
// "ally", "the daily").
func adverb(low string) bool {
	if len(low) < 6 || !strings.HasSuffix(low, "ly") {
		return false
	}
	switch low {
	case "family", "assembly", "monopoly", "anomaly", "supply", "weekly", "monthly", "quarterly", "butterfly", "homily":
		return false
	}
	return true
}

// sentenceAdverb reports whether a word alone between commas is an aside
// of the sentence: "Latvia, meanwhile, announced …".
func sentenceAdverb(low string) bool {
	switch low {
	case "meanwhile", "however", "too", "also", "though", "instead", "nevertheless", "moreover", "meantime", "separately", "likewise", "notably", "nonetheless", "furthermore", "earlier", "later":
		return true
	}
	return false
}

// asideBefore returns the index of the preposition that opens a short
// aside ending at token k and standing right after a name ("in a
// briefing", "during an interview", "in a statement on Telegram"), or -1.
func (x *extractor) asideBefore(toks []tok, k int) int {
	if toks[k].cap && !mediumTail(toks, k) {
		return -1
	}
	for p := k - 1; p >= 1 && k-p <= 7; p-- {
		t := toks[p]
		if t.kind != tWord || t.cap && p < k {
			if t.kind == tWord && t.cap && p > 0 && toks[p-1].low == "on" {
				continue // "on Telegram"
			}
			if t.kind == tWord && t.cap && mediumTail(toks, p) {
				continue // "with Fox News"
			}
			return -1
		}
		if k-p > 4 && !mediumTail(toks, k) {
			return -1
		}
		switch t.low {
		case "in", "during", "at":
			n := toks[p+1]
			if n.kind != tWord || !n.has(wDet) {
				return -1
			}
			if prev := toks[p-1]; prev.kind == tWord && prev.cap && x.npWord(prev) {
				return p
			}
			return -1
		}
	}
	return -1
}

// mediumTail reports whether the capitalised word at k ends an aside's
// "with X" or "to X" ("in an interview with CBS", "with Fox News", "to the
// BBC"): the words before it up to that preposition are capitalised, or
// "the".
func mediumTail(toks []tok, k int) bool {
	for p := k; p >= 1 && k-p <= 3; p-- {
		t := toks[p]
		if t.kind != tWord || !(t.cap || t.low == "the" && p < k) {
			return false
		}
		if l := toks[p-1].low; l == "with" || l == "to" {
			return true
		}
	}
	return false
}

// timePP returns the index of the preposition that opens a time phrase
// ending at token k ("in the fall of last year", "on Friday night"), or -1.
func (x *extractor) timePP(toks []tok, k int) int {
	for p := k; p >= 0 && k-p <= 7; p-- {
		t := toks[p]
		if t.kind != tWord {
			return -1
		}
		if p < k && t.has(wPrep) && t.low != "of" {
			return p
		}
		switch {
		case t.has(wTime | wDet), t.low == "of", t.low == "last", t.low == "this", t.low == "next",
			t.low == "early", t.low == "late", t.low == "previous", t.low == "past", t.low == "same":
			continue
		}
		if t.cap && t.has(wTime) {
			continue
		}
		return -1
	}
	return -1
}

// parenthetical returns the index of the comma that opens the asides and
// appositions closed by the comma at k ("Putin, in a statement, said";
// "Brianne Stone, 29, of Huntsville, Ala., says"; "Glenn Beck, who since
// … has denounced the nominee, declared"), or -1. Among the commas that
// could open it, the leftmost one after a speaker-like name wins.
func (x *extractor) parenthetical(toks []tok, k int) int {
	nearest, best := -1, -1
	for p := k - 1; p >= 1 && k-p <= 40; p-- {
		t := toks[p]
		if t.kind == tOpen && p+1 < k && toks[p+1].is(tPunct, ",") {
			continue
		}
		if !t.is(tPunct, ",") {
			if t.is(tPunct, ".") || t.is(tPunct, ";") || t.is(tPunct, ":") {
				break
			}
			continue
		}
		if toks[p-1].kind == tOpen || p+1 < k && toks[p+1].kind == tClose {
			continue // a comma inside a quoted title: “Going Viral,”
		}
		if p+1 >= k || !x.npWord(toks[p-1]) {
			continue
		}
		head := toks[p+1]
		long := head.low == "who" || head.low == "which"
		if k-p > 15 && !long {
			continue
		}
		// "The report, published on Monday, found", "Zelensky, asked
		// about the offensive, said": a participle and its preposition
		pastAside := x.pastTense(head.low) && !head.cap && p+2 < k && toks[p+2].kind == tWord &&
			(toks[p+2].has(wPrep) || toks[p+2].low == "by" || toks[p+2].low == "about" || toks[p+2].low == "to")
		if head.kind != tWord || !(head.has(wStop|wDet) || head.cap || head.low[0] >= '0' && head.low[0] <= '9' || head.low == "now" || strings.HasSuffix(head.low, "ing") || pastAside || x.roleBetween(toks, p+1, k) ||
			k == p+2 && (adverb(head.low) || sentenceAdverb(head.low))) {
			continue
		}
		if x.hasCue(toks[p+1:k]) && !postedAside(toks[p+1:k]) && !long && !pastAside {
			// a relative clause may hold a cue of its own: "Anna Berg,
			// who has called for a boycott, said …"
			break
		}
		if nearest < 0 {
			nearest = p
		}
		if a, b, _, ok := x.simpleNP(toks, p); ok && toks[b-1].cap && x.speakerLike(toks[a:b]) {
			best = p
		}
	}
	if best >= 0 {
		return best
	}
	return nearest
}

// acronymBracket returns the index of the "(" that opens "(ABC)" closed
// at token k (a word of two or more capital letters), or -1.
func (x *extractor) acronymBracket(toks []tok, k int) int {
	if k < 2 || !toks[k].is(tPunct, ")") || !toks[k-2].is(tPunct, "(") {
		return -1
	}
	w := toks[k-1]
	if w.kind != tWord || w.e-w.s < 2 {
		return -1
	}
	for _, r := range x.text[w.s:w.e] {
		if r < 'A' || r > 'Z' {
			return -1
		}
	}
	return k - 2
}

// postedAside reports whether an aside says where a correspondent is
// ("Olena Marchenko, reporting from Brussels, said"): no cue of its own.
func postedAside(toks []tok) bool {
	return len(toks) > 2 && toks[0].low == "reporting" && toks[1].low == "from"
}

// dash reports whether t is a dash that sets off an aside.
func dash(t tok) bool {
	return t.kind == tPunct && (t.low == "–" || t.low == "—")
}

// dashAside returns the index of the dash that opens the aside closed by
// the dash at k — within 15 tokens, with a word that may end a speaker
// phrase before it and no cue inside — or -1.
func (x *extractor) dashAside(toks []tok, k int) int {
	for p := k - 1; p >= 1 && k-p <= 15; p-- {
		t := toks[p]
		if t.is(tPunct, ".") || t.is(tPunct, ";") || t.is(tPunct, ":") || t.kind == tOpen || t.kind == tClose {
			return -1
		}
		if !dash(t) {
			continue
		}
		if p+1 >= k || !x.npWord(toks[p-1]) || x.hasCue(toks[p+1:k]) {
			return -1
		}
		return p
	}
	return -1
}

// simpleNP is leftNP without skipping: the phrase that ends before token i.
func (x *extractor) simpleNP(toks []tok, i int) (int, int, bool, bool) {
	k := i - 1
	if k < 0 || !x.npWord(toks[k]) {
		return 0, 0, false, false
	}
	a := k
	for a > 0 && k-a < 8 && x.npWord(toks[a-1]) {
		a--
	}
	return a, k + 1, false, true
}

// listBefore reports whether another comma of a list ("Ukraine, the U.S.,
// and South Korea") stands within a few words before the comma at p.
func (x *extractor) listBefore(toks []tok, p int) bool {
	for k := p - 1; k >= 0 && p-k <= 5; k-- {
		if toks[k].is(tPunct, ",") {
			return true
		}
		if toks[k].kind != tWord {
			return false
		}
	}
	return false
}

// rightNP returns the phrase [a, b) that starts at token i ("according to
// Ukrainian presidential spokesman Serhii Nykyforov").
func (x *extractor) rightNP(toks []tok, i int) (a, b int, ok bool) {
	if i < len(toks) && toks[i].kind == tWord && toks[i].has(wHe|wThey|wIt) && !possessive(toks[i].low) {
		switch toks[i].low {
		case "his", "her", "their", "its", "him", "them":
		default:
			return i, i + 1, true // a pronoun is a whole phrase: "he compared …"
		}
	}
	b = i
	for b < len(toks) && b-i < 14 {
		t := toks[b]
		if b > i && t.kind == tWord && t.has(wHe|wThey|wIt) && !possessive(t.low) && t.low != "his" && t.low != "her" && t.low != "their" && t.low != "its" && t.low != "him" && t.low != "them" {
			break // "told the executive he was wrong"
		}
		if b > i && !t.cap && t.kind == tWord && b+1 < len(toks) && toks[b+1].kind == tWord && (x.isVerbCue(t.low) || len(t.low) > 4 && strings.HasSuffix(t.low, "ed") && toks[b-1].cap ||
			presentVerb(t.low) && toks[b-1].cap && determiner(toks[b+1].low)) {
			break // the verb after a subject: "Sergey Lavrov echoed …", "Estonia removes a memorial …"
		}
		if x.npWord(t) {
			b++
			continue
		}
		if b > i && t.kind == tWord && t.has(wJoin) && b+1 < len(toks) && x.npWord(toks[b+1]) && !toks[b+1].has(wTime) {
			if t.low == "and" && !toks[b+1].cap {
				break
			}
			b += 2
			continue
		}
		// A list of places or parties: "reports from Ukraine, the U.S., and South Korea".
		if b > i && t.is(tPunct, ",") && x.listAhead(toks, b+1) {
			b++
			continue
		}
		break
	}
	if b == i {
		return 0, 0, false
	}
	// Drop a trailing time phrase ("according to reports from AFP on Friday").
	for b-1 > i && toks[b-1].has(wTime) {
		b--
		for b-1 > i && toks[b-1].kind == tWord && toks[b-1].has(wStop|wDet) {
			b--
		}
	}
	return i, b, true
}

// newPhrase reports whether toks[k] is an article that opens a new noun
// phrase right after a noun, with no preposition or conjunction between:
// "according to officials the bridge …" (a comma left out).
func newPhrase(toks []tok, k int) bool {
	t, p := toks[k], toks[k-1]
	return t.kind == tWord && (t.low == "the" || t.low == "a" || t.low == "an") && p.kind == tWord && !p.has(wPrep|wDet|wJoin|wStop|wSkip) && !possessive(p.low)
}

// listAhead reports whether the tokens from i continue a list of names that
// ends in "and"/"or" and a capitalised word.
func (x *extractor) listAhead(toks []tok, i int) bool {
	for k := i; k < len(toks) && k-i < 6; k++ {
		t := toks[k]
		if t.kind == tWord && (t.low == "and" || t.low == "or") {
			return k+1 < len(toks) && toks[k+1].kind == tWord && (toks[k+1].cap || toks[k+1].has(wDet) && k+2 < len(toks) && toks[k+2].cap)
		}
		if t.kind == tWord && (t.cap || t.low == "the") || t.is(tPunct, ",") {
			continue
		}
		return false
	}
	return false
}

// nounAfter reports whether toks[k], a word that is a cue verb's base form
// and a noun ("report", "statement"), is the noun: a determiner, a
// possessive or a name before it ("The report said", "the ISW report
// said", "Amnesty's report found").
func (x *extractor) nounAfter(toks []tok, k int) bool {
	if k == 0 || !x.lx.is(toks[k].low, wNounlike) {
		return false
	}
	p := toks[k-1]
	return p.kind == tWord && (p.has(wDet) && !p.has(wHe|wThey|wIt) || p.cap || possessive(p.low))
}

// speakerLike reports whether a phrase can name who speaks: a pronoun, a
// name, or a noun phrase that is not a time expression.
func (x *extractor) speakerLike(p []tok) bool {
	if len(p) == 0 {
		return false
	}
	h := p[len(p)-1]
	if h.kind != tWord || h.has(wTime) || h.has(wDet) && !h.has(wHe|wThey|wIt) {
		return false
	}
	if h.has(wHe | wThey | wIt) {
		return len(p) == 1 && !possessive(h.low) && h.low != "his" && h.low != "her" && h.low != "their" && h.low != "them" && h.low != "him"
	}
	if h.low[0] >= '0' && h.low[0] <= '9' && (len(p) < 3 || p[len(p)-2].low != "in" && p[len(p)-2].low != "of") {
		return false // a number, unless a share of people: "six in 10 say"
	}
	if !h.cap && len(h.low) > 4 && strings.HasSuffix(h.low, "ed") && !strings.HasSuffix(h.low, "eed") {
		return false // a verb in the past: "… bucked efforts, repeated"
	}
	if !h.cap && (h.has(wSkip) || adverb(h.low)) {
		return false // an adverb, no head noun: "The only assured source", "Currently, …"
	}
	return !h.has(wStop)
}

// named reports whether a phrase holds a name or a pronoun, which makes a
// participle's or noun cue's speaker reliable.
func (x *extractor) named(p []tok) bool {
	for _, t := range p {
		if t.kind == tWord && (t.cap && !t.has(wDet) || t.has(wHe|wThey)) {
			return true
		}
	}
	return false
}

// tryVerbs stand before "to" and a cue whose statement they only frame:
// "sought to emphasize", "was quick to deny". ("tries to counter
// propaganda" is an effort, not a statement.)
var tryVerbs = map[string]bool{
	"sought": true, "seeks": true, "seek": true, "moved": true, "rushed": true, "hastened": true,
	"quick": true, "careful": true, "keen": true, "continues": true, "continue": true, "continued": true,
	// "have yet to confirm", "failed to mention", "was unable to verify":
	// the statement is one of not confirming
	"yet": true, "failed": true, "fails": true, "fail": true, "able": true, "unable": true,
}

// roleBetween reports whether the tokens [a, b) are a person's role
// without a determiner, as an apposition gives it: "Scott Berrier, head of
// intelligence, said", "Dmitry Peskov, spokesman for the Kremlin, said".
func (x *extractor) roleBetween(toks []tok, a, b int) bool {
	if a >= b || toks[a].kind != tWord || toks[a].cap {
		return false
	}
	return x.referKind(x.text[toks[a].s:toks[b-1].e]) == refPerson
}

// presentVerb reports whether a lower-case word may be a verb in the third
// person singular ("removes", "sends"): it ends in one s, and not in -ss,
// -ous, -is or -us.
func presentVerb(low string) bool {
	return len(low) > 3 && strings.HasSuffix(low, "s") && !strings.HasSuffix(low, "ss") &&
		!strings.HasSuffix(low, "ous") && !strings.HasSuffix(low, "is") && !strings.HasSuffix(low, "us")
}

// determiner reports whether a word opens a noun phrase as an article, a
// possessive or a number does: after a capitalised name and a word in -s,
// it makes that word a verb and what follows its object ("Estonia removes
// a memorial").
func determiner(low string) bool {
	switch low {
	case "a", "an", "the", "its", "his", "her", "their", "this", "these", "those",
		"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands":
		return true
	}
	return low != "" && low[0] >= '0' && low[0] <= '9' // "closes 12 crossings"
}

// baseVerbBefore reports whether t makes the next word a base-form verb:
// "to" or a modal ("to declare", "would send").
func baseVerbBefore(t tok) bool {
	return t.kind == tWord && (t.low == "to" || modal(t.low))
}

// modal reports whether a lower-case word is a modal verb.
func modal(low string) bool {
	switch low {
	case "will", "would", "can", "could", "may", "might", "must", "should":
		return true
	}
	return false
}

// doAux reports whether a lower-case word is a form of the auxiliary "do".
func doAux(low string) bool {
	return low == "do" || low == "does" || low == "did"
}
