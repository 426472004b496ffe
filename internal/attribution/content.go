package attribution

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
)

// leftContent returns the content that ends at the punctuation token p
// before a speaker ("“…,” Gerasimov stated" or "…, officials said"), and the
// index of the quotation it closes, or -1. A quotation that began in an
// earlier sentence is taken whole.
func (x *extractor) leftContent(si int, toks []tok, p int) (int, int, int) {
	closeIdx := -1
	switch {
	case toks[p].kind == tClose:
		closeIdx = p
	case p > 0 && toks[p-1].kind == tClose:
		closeIdx = p - 1
	}
	if closeIdx >= 0 {
		if q, ok := x.qClose[toks[closeIdx].s]; ok {
			qs := x.quotes[q]
			cs := toks[0].s
			if qs.Start < cs || toks[0].s == qs.Start || colonBefore(toks, qs.Start) {
				cs = qs.Start // (`Biden said: "…," Biden said.`: the colon's attribution is no content)
			}
			// A quotation that runs over paragraphs is attributed here
			// from this paragraph's reopening mark; the earlier
			// paragraphs belong to the statement before (continuations).
			if ps := x.paraStart(si); cs < ps {
				if _, reopen := x.qOpen[ps]; reopen {
					cs = ps
				}
			}
			return cs, qs.End, q
		}
		return toks[0].s, toks[closeIdx].e, -1
	}
	if p == 0 {
		return 0, 0, -1
	}
	words := 0
	for _, t := range toks[:p] {
		if t.kind == tWord {
			words++
		}
	}
	if words < 3 {
		return 0, 0, -1
	}
	return toks[0].s, toks[p-1].e, -1
}

// colonBefore reports whether the quotation opening at off follows a
// colon in toks.
func colonBefore(toks []tok, off int) bool {
	k := tokAt(toks, off)
	return k > 0 && toks[k].s == off && toks[k-1].is(tPunct, ":")
}

// rightContent returns the content from token k to the end of the sentence,
// or to the end of a quotation that opens at k and runs on over later
// sentences and paragraphs. Indirect content stops at a participial comment
// (", marking a significant development").
func (x *extractor) rightContent(si int, toks []tok, k int) (int, int, int) {
	if k >= len(toks) {
		return 0, 0, -1
	}
	cs, ce := toks[k].s, toks[len(toks)-1].e
	q := -1
	if toks[k].kind == tOpen {
		if qi, ok := x.qOpen[toks[k].s]; ok {
			q = qi
			ce = max(ce, x.quotes[qi].End)
		}
	} else {
		// "explained that this is done by the hegemon: “Global hegemony
		// is their best asset. They print dollars.”": a quotation the
		// content introduces with a colon runs on over its sentences
		for p := k + 1; p < len(toks); p++ {
			if toks[p].kind == tOpen && toks[p-1].is(tPunct, ":") {
				if qi, ok := x.qOpen[toks[p].s]; ok && x.quotes[qi].End > ce {
					ce = x.quotes[qi].End
				}
				break
			}
		}
	}
	inQuote := false
	for p := k; p+1 < len(toks); p++ {
		switch toks[p].kind {
		case tOpen:
			inQuote = true
		case tClose:
			inQuote = false
		}
		if inQuote {
			continue
		}
		// After a quotation that ends in its own comma, the reporter's
		// next clause: "“jobs, jobs, jobs,” but he has also …", "“That
		// makes me smart,” when Clinton blasted him", "… Putin's altar
		// boy," sparking criticism".
		if toks[p].kind == tClose && p > k && p+2 < len(toks) && toks[p-1].is(tPunct, ",") && toks[p+1].kind == tWord && !toks[p+1].cap {
			switch n := toks[p+1]; {
			case n.low == "but", n.low == "while", n.low == "when", n.low == "as", n.low == "after", n.low == "before",
				n.low == "although", n.low == "though", n.low == "whereas":
				return cs, toks[p].e, q
			case ingForm(n.low) && !n.has(wStop) && !x.parenSource(toks, p+1):
				return cs, toks[p].e, q
			}
		}
		// An attribution after the quotation the content opens with, at
		// its own comma: `X said: "A," she added.` (the statement of that
		// attribution is the same)
		if toks[p].kind == tClose && p > k && q >= 0 && x.qClose[toks[p].s] == q && toks[p-1].is(tPunct, ",") && x.hasCue(toks[p+1:min(p+5, len(toks))]) {
			return cs, toks[p].e, q
		}
		// A relative clause about a name in the content: "criticism of
		// Matt Lauer, who took heat for …".
		if p > k+1 && toks[p].is(tPunct, ",") && (toks[p+1].low == "who" || toks[p+1].low == "whose") && toks[p-1].kind == tWord && toks[p-1].cap {
			return cs, toks[p].s, q
		}
		// The reporter's comment on the claim: "… – a claim the US had
		// predicted he would falsely make" (its own statement, claimNote).
		if p > k && x.claimNote(toks, p) > 0 {
			return cs, toks[p].s, q
		}
		// The reporter's gloss after a dash: "… open and free – an effort
		// to link funding to trade", "– a thinly veiled reference to …".
		if p > k && q < 0 && dashTok(toks[p]) && glossAt(toks, p+1) {
			return cs, toks[p].s, q
		}
		// … or a noun of any kind that a relative clause describes, with
		// no second dash to close it as an aside: "… in naval power – an
		// area where Washington has been unchallenged since 1945".
		if p > k && q < 0 && dashTok(toks[p]) && relativeGlossAt(toks, p+1) && !slices.ContainsFunc(toks[p+1:], dashTok) {
			return cs, toks[p].s, q
		}
		// The medium of an object content, the speaker's: "reiterated the
		// UK's support for Ukraine in a message to his troops" (in a
		// clause it may be its subject's: "said Russia set out its
		// demands in a letter", "called on Sunak to reclassify China in
		// an update to the strategy").
		if p > k+1 && q < 0 && toks[p].kind == tWord && toks[p].low == "in" && !isConj(toks[p-1].low) && x.mediumAt(toks, p+1) && !x.finiteVerbIn(toks[k:p]) && !infinitiveIn(toks[k:p]) && !slices.ContainsFunc(toks[p:], func(t tok) bool { return t.kind == tOpen }) {
			e := p
			if toks[e-1].is(tPunct, ",") {
				e--
			}
			return cs, toks[e].s, q
		}
		// … and after a comma, when a relative or a participle describes
		// the gloss's noun: "a call-up of 300,000 reservists, a move that
		// sparks an exodus", ", a step seen as …".
		if p > k && q < 0 && toks[p].is(tPunct, ",") && glossAt(toks, p+1) && p+3 < len(toks) && glossClause(toks[p+3].low) {
			return cs, toks[p].s, q
		}
		// After a closing quotation mark, any "– a …" is the reporter's
		// gloss of the words quoted: "a return to the “Old World Order” –
		// a mixture of imperial and Soviet-era influence".
		if p > k && dashTok(toks[p]) && toks[p-1].kind == tClose && p+2 < len(toks) && (toks[p+1].low == "a" || toks[p+1].low == "an") && toks[p+2].kind == tWord {
			return cs, toks[p].s, q
		}
		// The reporter's remark on the whole clause after a dash that no
		// second dash closes: "… determined to keep his city free — which
		// was not a given at the time" (between two dashes it is an aside
		// within the content, which goes on after it).
		if p > k && q < 0 && dashTok(toks[p]) && p+1 < len(toks) && toks[p+1].low == "which" && !slices.ContainsFunc(toks[p+1:], dashTok) {
			return cs, toks[p].s, q
		}
		// The dash that signs the content in translated news, where
		// English has a comma: "… it does not exist - she said, adding
		// …", "… - said the minister".
		if p > k && x.dashSignature(toks, p) {
			return cs, toks[p].s, q
		}
		// A new clause of the reporter's: "; …", " — …", ", but …".
		if toks[p].is(tPunct, ";") {
			return cs, toks[p].s, q
		}
		// The reporter's next event after an object: "warned of sabotage
		// and ordered an evacuation", "denied the claims and instead
		// sought …", "rejected the plan and there followed a crisis",
		// "acknowledged losses but gave no figure" (an object content
		// holds no verb of its own).
		if p > k && toks[p].kind == tWord && (toks[p].low == "and" || toks[p].low == "but") && q < 0 && (x.pastVerbAfter(toks, p+1) || p+2 < len(toks) && toks[p+1].low == "there" && x.pastVerbAfter(toks, p+2)) && !x.finiteVerbIn(toks[k:p]) {
			return cs, toks[p].s, q
		}
		// The reporter's remark on an object content: "expressed an
		// interest in joining since 2002 but it would require the
		// approval of all members" (a clause after "but"; within a clause
		// content "but" may join what was said).
		if p > k && toks[p].kind == tWord && toks[p].low == "but" && q < 0 && !x.finiteVerbIn(toks[k:p]) && x.clauseOrModalAt(toks, p+1) {
			e := p
			if toks[e-1].is(tPunct, ",") || dash(toks[e-1]) {
				e--
			}
			return cs, toks[e].s, q
		}
		// The speaker's own act beside the statement: "rejected the
		// demands while offering talks" (an object content), "said he
		// hoped talks would succeed – while refusing to pull back". In a
		// clause without the dash it may be the content's own subject's:
		// "said Kyiv struck while pretending to talk", "demanding he seek
		// approval before taking action" (a clause of a pronoun and a
		// base form, which finiteVerbIn does not see).
		if p > k && q < 0 && speakersAct(toks, p) && (!x.finiteVerbIn(toks[k:p]) && !toks[k].has(wHe|wThey|wIt) || dash(toks[p-1])) {
			e := p
			if toks[e-1].is(tPunct, ",") || dash(toks[e-1]) {
				e--
			}
			return cs, toks[e].s, q
		}
		// The circumstance of the speaking: "… as he gave an interview",
		// "… while they toured the front".
		if p > k+2 && toks[p].kind == tWord && x.circumstance(toks, p) {
			e := p
			if toks[e-1].is(tPunct, ",") {
				e--
			}
			return cs, toks[e].s, q
		}
		if !toks[p].is(tPunct, ",") {
			continue
		}
		n := toks[p+1]
		// ", after Ukraine's government announced …": when it was said
		if p > k+2 && n.kind == tWord && (n.low == "after" || n.low == "before") && x.clauseAt(toks, p+2) {
			return cs, toks[p].s, q
		}
		if p > k+2 && x.publisherLearned(toks, p+1) {
			return cs, toks[p].s, q // "…, BelTA has learned": the publisher, not a relay
		}
		if n.kind == tWord && (n.low == "and" || n.low == "but") && p > k+2 && x.newClause(toks, p+2) {
			return cs, toks[p].s, q // ", and the Senate is holding talks": the reporter goes on
		}
		if n.kind == tWord && p > k+2 {
			switch n.low {
			case "but", "while", "whereas", "although", "though", "which":
				if p+2 < len(toks) && (toks[p+2].low == "only" || toks[p+2].low == "not" || toks[p+2].low == "also") {
					break // "…, but only on the basis of …" continues the content
				}
				if n.low == "but" && p+2 < len(toks) && toks[p+2].kind == tOpen {
					break // "could be a possibility in the future, but “nothing more”": the speaker's words go on
				}
				if n.low == "but" && p+3 < len(toks) && toks[p+2].low == "that" && !x.verbLike(toks[p+3]) {
					break // "said that Russia does not want war, but that its concerns must be heard": the cue's second clause
				}
				if n.low == "but" && p+2 < len(toks) && sharedSubject(toks[p+2].low) && x.finiteVerbIn(toks[k:p]) {
					break // "Russia would not be the first to test, but would do so if …": the content's subject goes on
				}
				if n.low == "which" && x.embeddedRelative(toks, p+2) {
					break // "the seizure of the region, which covers most of the east, has been the goal": the main clause goes on
				}
				return cs, toks[p].s, q
			}
		}
		if n.kind == tWord && n.low == "with" && x.namedSpeakerAct(toks, p+2) {
			return cs, toks[p].s, q // "…, with regional Governor Oleg Syniehubov writing that …": another's statement
		}
		if n.kind == tWord && n.low == "without" && p+2 < len(toks) && toks[p+2].kind == tWord && ingForm(toks[p+2].low) {
			return cs, toks[p].s, q // "…, without providing evidence": the reporter's remark
		}
		if n.kind == tWord && strings.HasSuffix(n.low, "ly") && p+2 < len(toks) {
			n = toks[p+2] // ", directly contradicting …"
		}
		if n.kind == tWord && !n.cap && ingForm(n.low) && !n.has(wStop) && !x.parenSource(toks, p+1) {
			return cs, toks[p].s, q
		}
	}
	return cs, ce, q
}

// glossClause reports whether low, after a gloss's noun, opens what
// describes it ("a move that …", "a step seen as …").
func glossClause(low string) bool {
	switch low {
	case "that", "which", "seen", "widely", "likely", "aimed", "intended", "designed", "meant", "viewed", "interpreted":
		return true
	}
	return false
}

// glossAt reports whether the reporter's gloss opens at toks[i]: "a",
// "an" or "in a" and a gloss word ("a thinly veiled reference", "in a
// clear reference to China"), or "the", an adjective of rank and a gloss
// word ("the first sign from Moscow").
func glossAt(toks []tok, i int) bool {
	if i+1 < len(toks) && toks[i].low == "in" {
		i++
	}
	if i+2 < len(toks) && toks[i].low == "the" && toks[i+2].kind == tWord && toks[i+2].has(wGloss) {
		switch toks[i+1].low {
		case "first", "latest", "clearest", "strongest", "biggest", "last":
			return true // "– the first sign from Moscow of a de-escalation"
		}
	}
	return i+1 < len(toks) && (toks[i].low == "a" || toks[i].low == "an") && toks[i+1].kind == tWord && toks[i+1].has(wGloss)
}

// embeddedRelative reports whether the relative clause from toks[i] closes
// with a comma before the verb of the clause it interrupts ("…, which
// covers most of the east, has been …"), within a few words.
func (x *extractor) embeddedRelative(toks []tok, i int) bool {
	for k := i; k+1 < len(toks) && k-i < 15; k++ {
		if toks[k].kind == tOpen || toks[k].kind == tClose || toks[k].is(tPunct, ";") {
			return false
		}
		if toks[k].is(tPunct, ",") {
			n := toks[k+1]
			return n.kind == tWord && !n.cap && x.verbLike(n)
		}
	}
	return false
}

// sharedSubject reports whether low, right after "but", is a modal or a
// form of "be" whose subject is the clause's before it ("…, but would do
// so", "…, but is ready to talk"); "did", "has" and the like after "but"
// are as often the reporter's ("but did not elaborate").
func sharedSubject(low string) bool {
	switch low {
	case "would", "could", "will", "can", "might", "may", "should", "must", "is", "are", "was", "were",
		// a present verb of aim or will: "does not want war, but plans
		// to provoke one"
		"plans", "wants", "seeks", "intends", "hopes", "tries", "aims", "prefers", "refuses", "remains", "continues":
		return true
	}
	return false
}

// dashSignature reports whether toks[p] is a dash with a space on each
// side followed by an attribution: a pronoun and a cue ("- he added") or a
// cue and a name ("- said Lukashenko").
func (x *extractor) dashSignature(toks []tok, p int) bool {
	if p+2 >= len(toks) || !dashTok(toks[p]) {
		return false
	}
	s, e := toks[p].s, toks[p].e
	if s == 0 || e >= len(x.text) || x.text[s-1] != ' ' || x.text[e] != ' ' {
		return false
	}
	a, b := toks[p+1], toks[p+2]
	if a.kind != tWord || b.kind != tWord {
		return false
	}
	third := a.low == "he" || a.low == "she" || a.low == "they" // not "- I think"
	return !a.cap && x.isAnyCue(a.low) && b.cap || third && !b.cap && x.isAnyCue(b.low) || x.mediumSigns(toks, p+1)
}

// mediumSigns reports whether toks[i:] is a named source and its cue that
// sign what the dash before them ends, with no clause of their own after
// the cue: "… - the Associated Press agency reported in mid-March".
func (x *extractor) mediumSigns(toks []tok, i int) bool {
	if i >= len(toks) || toks[i].kind != tWord || !(toks[i].low == "the" || toks[i].cap) {
		return false
	}
	named := false
	for k := i; k < len(toks) && k-i <= 6; k++ {
		t := toks[k]
		if t.kind != tWord {
			return false
		}
		switch {
		case t.cap:
			named = true
		case k > i && named && x.isAnyCue(t.low):
			n := k + 1
			return n == len(toks) || toks[n].kind == tPunct && toks[n].low == "." ||
				toks[n].kind == tWord && toks[n].low != "that" && !toks[n].cap && !x.verbLike(toks[n]) && (toks[n].low == "in" || toks[n].low == "on" || toks[n].low == "last" || toks[n].low == "earlier")
		case t.low == "the" && k == i, t.low == "agency", t.low == "news", t.low == "newspaper", t.low == "daily", t.low == "portal", t.low == "website", t.low == "service":
		default:
			return false
		}
	}
	return false
}

// namedSpeakerAct reports whether toks[i:] is a named speaker and a cue in
// its -ing form within a few words ("regional Governor Oleg Syniehubov
// writing", "the Kremlin saying"): after "with", the statement of another
// beside the content, not part of it ("with half of the respondents
// saying" names nobody and may be the same source's finding).
func (x *extractor) namedSpeakerAct(toks []tok, i int) bool {
	named := false
	for k := i; k < len(toks) && k-i <= 6; k++ {
		t := toks[k]
		if t.kind != tWord {
			return false
		}
		if t.cap {
			named = true
			continue
		}
		if ingForm(t.low) && x.isAnyCue(t.low) {
			return named
		}
	}
	return false
}

// clauseAt reports whether a clause with a subject and a finite verb
// starts at token i: a name, determiner or pronoun, then within a few
// words a past-tense or auxiliary verb ("Ukraine's government announced",
// "the talks had ended").
func (x *extractor) clauseAt(toks []tok, i int) bool {
	if i >= len(toks) || toks[i].kind != tWord || !(toks[i].cap || toks[i].has(wDet|wHe|wThey|wIt)) {
		return false
	}
	for k := i + 1; k < len(toks) && k-i <= 5; k++ {
		t := toks[k]
		if t.kind != tWord {
			return false
		}
		if !t.cap && (strings.HasSuffix(t.low, "ed") || x.lx.is(t.low, wPast) || x.isAnyCue(t.low) ||
			t.low == "was" || t.low == "were" || t.low == "had" || t.low == "has" || t.low == "is" || t.low == "are") {
			return true
		}
	}
	return false
}

// clauseOrModalAt is clauseAt, or a pronoun, name or determiner phrase
// and a modal within three words ("it would require", "the alliance
// could").
func (x *extractor) clauseOrModalAt(toks []tok, i int) bool {
	if x.clauseAt(toks, i) {
		return true
	}
	if i >= len(toks) || toks[i].kind != tWord || !(toks[i].cap || toks[i].has(wDet|wHe|wThey|wIt)) {
		return false
	}
	for k := i + 1; k < len(toks) && k-i <= 3; k++ {
		if toks[k].kind != tWord {
			return false
		}
		if modal(toks[k].low) || doAux(toks[k].low) {
			return true
		}
	}
	return false
}

// pastTense reports whether a lower-case word is a past tense: a regular
// one in -ed, or an irregular one of words.tsv past.
func (x *extractor) pastTense(low string) bool {
	return len(low) > 4 && strings.HasSuffix(low, "ed") || x.lx.is(low, wPast)
}

// verbLike reports whether a word is an auxiliary or a past tense, so that
// a "that" before it is a relative pronoun ("a meeting that was held").
func (x *extractor) verbLike(t tok) bool {
	if t.cap {
		return false
	}
	switch t.low {
	case "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can":
		return true
	}
	return x.pastTense(t.low)
}

// pastVerbAfter reports whether a past-tense verb opens the words from i,
// after adverbs ("and later said", "and instead sought").
func (x *extractor) pastVerbAfter(toks []tok, i int) bool {
	for i < len(toks) && toks[i].kind == tWord && !toks[i].cap && (toks[i].has(wSkip|wIntro) || adverb(toks[i].low)) && !x.isAnyCue(toks[i].low) {
		i++
	}
	if i >= len(toks) || toks[i].kind != tWord || toks[i].cap {
		return false
	}
	w := toks[i].low
	return x.pastTense(w)
}

// finiteVerbIn reports whether toks hold a finite verb: an auxiliary or a
// past tense (then a following "and …" coordinates within the content).
func (x *extractor) finiteVerbIn(toks []tok) bool {
	return slices.ContainsFunc(toks, x.finiteWord)
}

// finiteWord reports whether t is a finite verb: an auxiliary, a modal or
// a past tense.
func (x *extractor) finiteWord(t tok) bool {
	if t.kind != tWord || t.cap {
		return false
	}
	switch t.low {
	case "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may", "might", "must", "should", "did", "does", "do", "be":
		return true
	}
	return x.pastTense(t.low)
}

// speakersAct reports whether token p opens an -ing clause of "while",
// "whilst", "before" or "after" ("while offering talks", "before leaving
// Kyiv"): an act of its own, which rightContent leaves out of an object
// content.
func speakersAct(toks []tok, p int) bool {
	if p+1 >= len(toks) || toks[p].kind != tWord {
		return false
	}
	switch toks[p].low {
	case "while", "whilst", "before", "after":
	default:
		return false
	}
	n := toks[p+1]
	return n.kind == tWord && !n.cap && ingForm(n.low)
}

// circumstance reports whether token p opens a clause about when or how
// the speaker spoke: "as", "while", "after" or "before" and a subject
// pronoun ("as he gave an interview"), not a comparison ("as much as").
func (x *extractor) circumstance(toks []tok, p int) bool {
	switch toks[p].low {
	case "as", "while", "whilst", "after", "before", "when":
	default:
		return false
	}
	if p+2 >= len(toks) || toks[p+1].kind != tWord {
		return false
	}
	switch toks[p+1].low {
	case "he", "she", "they":
	default:
		return false
	}
	switch toks[p-1].low {
	case "as", "so", "such", "same", "just", "even", "only":
		return false
	}
	if p >= 2 && (toks[p-2].low == "as" || toks[p-2].low == "so") {
		// the second "as" of "so long as", "as soon as": a condition or
		// a time of what is said, not of the saying
		return false
	}
	// a verb follows the pronoun, not "as he said" (another cue) or "as
	// they are" (a comparison)
	n := toks[p+2]
	return n.kind == tWord && !n.cap && !x.isAnyCue(n.low) && (x.pastTense(n.low) || x.lx.is(n.low, wSkip) && n.low != "is" && n.low != "are" && n.low != "was" && n.low != "were" || x.lx.is(n.low, wPast))
}

// publisherLearned reports whether the words from i are the publisher
// signing what it learned or reports: "BelTA has learned", "Ukrinform
// reports", "BelTA learned from the press service of …".
func (x *extractor) publisherLearned(toks []tok, i int) bool {
	k := i
	for k < len(toks) && k-i < 4 && toks[k].kind == tWord && toks[k].cap {
		k++
	}
	if k == i || k >= len(toks) {
		return false
	}
	if toks[k].low == "has" || toks[k].low == "have" {
		k++
	}
	if k >= len(toks) || toks[k].kind != tWord {
		return false
	}
	switch toks[k].low {
	case "learned", "learnt", "reports", "reported":
	default:
		return false
	}
	k++
	return k >= len(toks) || toks[k].kind == tPunct || toks[k].low == "from"
}

// newClause reports whether a clause with its own subject starts at token
// i: a determiner, name or pronoun followed shortly by an auxiliary verb.
func (x *extractor) newClause(toks []tok, i int) bool {
	if i >= len(toks) || toks[i].kind != tWord || !(toks[i].cap || toks[i].has(wDet|wHe|wThey|wIt)) {
		return false
	}
	for k := i + 1; k < len(toks) && k-i <= 4; k++ {
		switch toks[k].low {
		case "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "did":
			return true
		}
		if toks[k].kind != tWord {
			return false
		}
	}
	return false
}

// span returns the content of tokens [a, b).
func (x *extractor) span(toks []tok, a, b int) (int, int, int) {
	if a >= b {
		return 0, 0, -1
	}
	q := -1
	if toks[a].kind == tOpen {
		if qi, ok := x.qOpen[toks[a].s]; ok {
			q = qi
		}
	}
	return toks[a].s, toks[b-1].e, q
}

// setContent trims [cs, ce) of surrounding punctuation and sets the
// statement's content and kind. A content that is one whole quotation loses
// its marks and is direct; one that quotes some words keeps them and is
// mixed.
func (x *extractor) setContent(c *cand, cs, ce int) {
	ce = max(cs, min(ce, len(x.text)))
	cs = x.afterLabel(x.afterDateline(cs, ce), ce)
	raw := cs
	for raw < ce && (x.text[raw] == ' ' || x.text[raw] == '\n') {
		raw++
	}
	cs, ce = x.trim(cs, ce)
	kind := crosscheck.KindIndirect
	c.quoteEnd = 0
	if _, ok := x.qOpen[raw]; ok && dashAt(x.text, raw) > 0 {
		cs = raw // a dash that opens a quotation is its mark, not trailing punctuation
	}
	if q, ok := x.qOpen[cs]; ok && !c.right && x.quotes[q].End < ce && relativeAfterQuote(x.text[x.quotes[q].End:ce]) {
		// "“… a high-level conference” which Switzerland plans to
		// organize in June - added Scholz": before the cue, a relative
		// clause after the quotation is the reporter's gloss on its last
		// words (after the cue it may be the sentence's own: said “the
		// bridge” which the army built was safe)
		ce = x.quotes[q].End
	}
	if q, ok := x.qOpen[cs]; ok {
		qs := x.quotes[q]
		if qs.End >= ce && qs.End-ce <= 3 || qs.End == ce {
			n, m := x.openLen(cs), x.closeLen(qs.End)
			ce = min(ce, qs.End-m)
			cs = min(cs+n, ce)
			cs, ce = x.trim(cs, ce)
			kind = crosscheck.KindDirect
			c.quoteEnd = qs.End
		}
	}
	if kind != crosscheck.KindDirect {
		ce = selectionGlossEnd(x.text, cs, ce)
	}
	if kind != crosscheck.KindDirect && hasQuoteMark(x.text[cs:ce]) {
		kind = crosscheck.KindMixed
	}
	if cs > ce {
		cs = ce
	}
	c.st.Content = crosscheck.Span{Text: x.text[cs:ce], Start: cs, End: ce}
	c.st.Kind = kind
}

// relativeAfterQuote reports whether rest, the words of a content after
// its quotation closes, is a relative clause ("which Switzerland plans
// to organize", ", who chairs the committee").
func relativeAfterQuote(rest string) bool {
	rest = strings.TrimLeft(rest, " ,")
	for _, w := range []string{"which ", "who "} {
		if strings.HasPrefix(rest, w) {
			return !strings.ContainsAny(rest, "\"“”")
		}
	}
	return false
}

// selectionGlossEnd returns where an indirect content [cs, ce) ends when a
// reporter's note that it is one of several closes it ("NATO must promise
// not to enlarge, among other demands"): before the note's comma. In the
// middle of a content ("needs, among other things, more shells") the
// note stays.
func selectionGlossEnd(text string, cs, ce int) int {
	i := strings.LastIndex(text[cs:ce], ", among other")
	if i <= 0 {
		return ce
	}
	tail := text[cs+i+len(", among other") : ce]
	if strings.ContainsAny(tail, ",;:\"“”") || len(strings.Fields(tail)) > 3 {
		return ce
	}
	return cs + i
}

// datelineRE matches the dateline of a wire report: "MINSK, 26 April
// (BelTA) - ", "CAPRI, Italy (AP) — ", "KYIV (Reuters) - ".
var datelineRE = regexp.MustCompile(`^[A-Z][A-Z .'’-]{2,30}(?:, [^()\n,]{1,30})?(?: \([A-Za-z][\w .-]{0,20}\))? ?[-–—] `)

// datelineOnly reports whether a content is a whole dateline and nothing
// more: the dash that ends a dateline follows it.
func (x *extractor) datelineOnly(c crosscheck.Span) bool {
	if c.End-c.Start < 4 || c.End > len(x.text) || x.text[c.Start] < 'A' || x.text[c.Start] > 'Z' {
		return false
	}
	rest := strings.TrimLeft(x.text[c.End:min(len(x.text), c.End+8)], " ")
	return rest != "" && strings.ContainsRune("-–—", []rune(rest)[0]) && datelineRE.MatchString(x.text[c.Start:c.End]+" — ")
}

// adjunctOnly reports whether a content holds only time words,
// prepositions, determiners, pronouns and function words ("The month
// before", "it this month", "And on Saturday", "Yesterday and today"): an
// attribution's circumstance taken for what was said, no statement; or,
// in three words at most, a clause cut short ("it would be").
func (x *extractor) adjunctOnly(c crosscheck.Span) bool {
	if c.End <= c.Start || c.End > len(x.text) {
		return false
	}
	words := strings.FieldsFunc(x.text[c.Start:c.End], func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '’' && r != '\''
	})
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	for _, w := range words {
		low := strings.ToLower(w)
		switch low {
		case "same", "time", "moment", "meantime", "while":
			continue // "At the same time", "At the moment"
		case "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could":
			// (not "should", "may": "what we should do" is a question
			// asked, no statement either)
			if len(words) > 3 {
				return false // a clause: "they are essentially the same"
			}
			continue // a clause cut short: "it would be", "they are"
		}
		if !x.lx.is(low, wTime|wPrep|wDet|wStop|wSkip|wIt|wHe|wThey) {
			return false
		}
	}
	return true
}

// afterDateline returns where the text [cs, ce) starts after a dateline,
// which is the report's, not what anyone said.
// afterLabel returns where a content starting at cs begins after the
// reporter's label that opens it: one or two words, the last an editorial
// label (words.tsv label), and a colon ("Some background: In April …",
// "UPDATE: …"); else cs.
func (x *extractor) afterLabel(cs, ce int) int {
	k := strings.IndexByte(x.text[cs:min(ce, cs+30)], ':')
	if k <= 0 || cs+k+2 >= ce {
		return cs
	}
	words := strings.Fields(x.text[cs : cs+k])
	if len(words) == 0 || len(words) > 2 || !x.lx.is(strings.ToLower(words[len(words)-1]), wLabel) {
		return cs
	}
	return cs + k + 1
}

func (x *extractor) afterDateline(cs, ce int) int {
	if ce-cs < 10 || x.text[cs] < 'A' || x.text[cs] > 'Z' {
		return cs
	}
	if m := datelineRE.FindStringIndex(x.text[cs:min(ce, cs+90)]); m != nil && cs+m[1] < ce {
		return cs + m[1]
	}
	return cs
}

// trim removes white space and trailing commas, periods, colons and dashes,
// but keeps a closing quotation mark and what it encloses.
func (x *extractor) trim(cs, ce int) (int, int) {
	for cs < ce {
		r, n := utf8.DecodeRuneInString(x.text[cs:ce])
		if r == '>' && cs+n < ce && x.text[cs+n] == ' ' && (cs == 0 || x.text[cs-1] == '\n' || x.text[cs-1] == ' ') {
			cs += n // a quoted line's mark left by the scraper ("> Fragments of the rocket …")
			continue
		}
		if !isSpaceOrTrail(r) || r == '.' {
			break
		}
		cs += n
	}
	for ce > cs {
		r, n := utf8.DecodeLastRuneInString(x.text[cs:ce])
		if !isSpaceOrTrail(r) {
			break
		}
		ce -= n
	}
	return cs, ce
}

func isSpaceOrTrail(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', ',', '.', ';', ':', '—', '–', '-', '\u00a0':
		return true
	}
	return false
}

func hasQuoteMark(s string) bool {
	return strings.ContainsAny(s, "“”\"«»")
}

// add records a statement of cue m with speaker tokens [a, b) (a < 0: to be
// resolved) and content [cs, ce).
func (x *extractor) add(si int, toks []tok, m match, a, b, cs, ce, q int, right bool) *cand {
	cueStart, cueEnd := toks[m.i].s, toks[m.j-1].e
	c := &cand{sent: si, right: right, act: m.c.class == "plan", belief: m.c.class == "belief"}
	c.st.Cue = crosscheck.Cue{Text: x.text[cueStart:cueEnd], Lemma: m.c.lemma, Start: cueStart, End: cueEnd}
	c.st.Sentence = x.sents[si].Index
	c.st.Stance = crosscheck.StanceAssert
	c.st.Via = []string{}
	c.region = cueStart
	if a >= 0 && a < b {
		x.own = [2]int{cs, ce}
		c.st.Speaker, c.pronoun = x.speaker(toks[a].s, toks[b-1].e, toks[a:b])
		x.own = [2]int{}
		if possessive(toks[b-1].low) {
			// "Ukraine's claim that …": the name is the possessor's
			c.st.Speaker.Name = crosscheck.NullString(dropPossessive(string(c.st.Speaker.Name)))
		}
		oneOf(&c.st.Speaker, toks[a:b])
		if b == a+1 && toks[a].low == "who" && c.st.Speaker.Entity == "" {
			x.relativeAntecedent(c, toks, a)
		}
		if !c.pronoun && (c.st.Speaker.Entity == "" || c.st.Speaker.Type == crosscheck.TypeOrganization) && c.st.Speaker.Affiliation == "" && x.stateBody(toks[a:b]) {
			if toks[a].low == "its" || toks[a].low == "their" {
				// "…, which its officials say …": the state "its" stands for
				c.st.Speaker.Affiliation = x.possessorParty(si, toks[a].s)
			}
			if c.st.Speaker.Affiliation == "" {
				c.st.Speaker.Affiliation = x.localParty(si, toks[a].s)
			}
			if c.st.Speaker.Affiliation == "" {
				c.st.Speaker.Affiliation = x.placeParty(si, toks[a].s, cs, ce)
			}
		}
		c.region = min(c.region, toks[a].s)
		c.drop = x.noSpeaker(c.st.Speaker, toks[a:b])
		c.signoff = x.signOff(toks[a:b], m.c.lemma) || !right && toks[m.i].low == "reports" && x.mediumOnly(toks[a:b])
		if !c.pronoun && c.st.Speaker.Entity == "" {
			x.sameDescribed(c, toks[a:b])
		}
	}
	x.setContent(c, cs, ce)
	x.out = append(x.out, c)
	return c
}

// contentLike reports whether the tokens after a cue hold content rather
// than a time or place adjunct or a participial comment.
func (x *extractor) contentLike(toks []tok) bool {
	if len(toks) == 0 {
		return false
	}
	if toks[0].kind == tOpen {
		return true
	}
	if toks[0].is(tPunct, ",") || toks[0].is(tPunct, ".") || toks[0].is(tPunct, ";") {
		return false
	}
	if toks[0].low == "at" && len(toks) > 1 && (toks[1].low == "least" || toks[1].low == "most") {
		return true // a figure, not a place: "at least 14 people died"
	}
	if toks[0].kind == tWord && (toks[0].has(wPrep) || toks[0].low == "of" || toks[0].low == "about" || toks[0].low == "into" ||
		toks[0].low == "regarding" || toks[0].low == "concerning") {
		return false // "said at Mission College as …", "said of the caucus", "fears regarding the dam"
	}
	if t := toks[0]; t.kind == tWord && !t.cap && len(toks) > 1 && toks[1].kind == tWord {
		switch t.low {
		case "just", "shortly", "moments", "minutes", "hours", "days", "weeks", "soon", "immediately":
			// "just before the summit", "shortly after the vote"
			switch toks[1].low {
			case "before", "after", "as", "when", "while", "ahead", "following", "during":
				return false
			}
		}
	}
	if t := toks[0]; t.kind == tWord && !t.cap && (t.low == "although" || t.low == "though" || t.low == "while" || t.low == "whilst") && x.mainClauseAfterComma(toks) {
		// "says although the situation remained complex, it remained
		// controllable", "said while the talks were useful, the gap was
		// wide": a concession and the main clause it leads to
		return true
	}
	if t := toks[0]; t.kind == tWord && !t.cap {
		switch t.low {
		case "as", "while", "whilst", "before", "after", "because", "since", "amid", "following", "despite", "and", "but", "or", "then", "though", "although", "ahead", "during":
			// circumstance or the reporter's next clause: "…, he said as he
			// reviewed the troops", "he said and said that …"
			return false
		}
	}
	return x.contentWords(toks)
}

// mainClauseAfterComma reports whether a comma in toks is followed by a
// clause: a subject and a finite verb ("…, it remained controllable").
func (x *extractor) mainClauseAfterComma(toks []tok) bool {
	for p := 1; p+1 < len(toks); p++ {
		if toks[p].is(tPunct, ".") || toks[p].is(tPunct, ";") {
			return false
		}
		if toks[p].is(tPunct, ",") && (x.clauseAt(toks, p+1) || auxClauseAt(toks, p+1)) {
			return true
		}
	}
	return false
}

// speechLemmas are cues whose content is a clause or quotation, never a
// gerund: after them an -ing word opens the reporter's adjunct ("said
// speaking from Kyiv", "told reporters, adding …"), while "proposed
// reducing taxes" keeps its object, and so do "reported destroying three
// bridges" and "claimed shooting down twelve drones".
var speechLemmas = map[string]bool{"say": true, "tell": true, "add": true, "state": true, "write": true, "note": true,
	"announce": true, "declare": true, "explain": true, "warn": true, "stress": true,
	"emphasize": true, "insist": true, "reply": true, "respond": true, "answer": true, "conclude": true, "comment": true, "remark": true}

// answerLemmas are cues after which "to" opens what is answered, not
// what is said: "responded to the protests with curfews", "replied to the
// petition".
var answerLemmas = map[string]bool{"respond": true, "reply": true, "react": true, "answer": true}

// contentAfter is contentLike for the tokens after a cue of lemma lemma.
func (x *extractor) contentAfter(lemma string, toks []tok) bool {
	if len(toks) > 0 && speechLemmas[lemma] {
		if t := toks[0]; t.kind == tWord && !t.cap && ingForm(t.low) {
			return false
		}
	}
	if len(toks) > 0 && (lemma == "report" || lemma == "claim") {
		// "reported citing officials that …", "claimed, speaking in Kyiv,
		// …": an -ing cue or "speaking" is the reporter's adjunct
		if t := toks[0]; t.kind == tWord && !t.cap && ingForm(t.low) && (x.isAnyCue(t.low) || t.low == "speaking" || t.low == "referring" || t.low == "quoting") {
			return false
		}
	}
	if len(toks) > 0 && answerLemmas[lemma] && toks[0].kind == tWord && toks[0].low == "to" {
		return false
	}
	return x.contentLike(toks)
}

// contentWords is the rest of contentLike: enough words before the first
// comma, and not only a time phrase.
func (x *extractor) contentWords(toks []tok) bool {
	words := 0
	adjunct := toks[0].kind == tWord && toks[0].has(wTime)
	// "several months after her release", "two days later": a quantity of time
	if !adjunct && len(toks) > 1 && toks[0].kind == tWord && toks[0].has(wDet) && toks[1].kind == tWord && toks[1].has(wTime) {
		adjunct = true
	}
	for _, t := range toks {
		if t.kind == tPunct && (t.low == "," || t.low == "." || t.low == ";") {
			break
		}
		if t.kind == tWord {
			words++
		}
	}
	if adjunct && words <= 5 {
		return false
	}
	return words >= 2
}

// rightOK reports whether the tokens from rs, after a cue, hold its
// content: anything after "that" or a colon, else content-like words.
func (x *extractor) rightOK(c *cue, toks []tok, rs int) bool {
	if rs >= len(toks) {
		return false
	}
	if rs > 0 && (toks[rs-1].kind == tWord && toks[rs-1].has(wThat) || toks[rs-1].is(tPunct, ":")) {
		return rs+1 < len(toks) || toks[rs].kind == tWord // "said that until …"
	}
	if c.clause && toks[rs].kind != tOpen {
		return false // "considers new rules", "offered help"
	}
	if bareObject(toks[rs:]) {
		return false // "announcing them in advance": an act on a thing named before
	}
	if e := x.timeAhead(toks, rs); e > rs && onlyPunct(toks[e:]) {
		return false // "…,” the prime minister said last week.": when, not what
	}
	if c.position && toks[rs].kind != tOpen && !x.positionObject(toks[rs:]) {
		return false // "we will defend our land"
	}
	if c.finite && toks[rs].kind != tOpen && !x.finiteClause(toks[rs:]) && !quoteIntroduced(toks[rs:]) {
		return false // "find a way out", "maintain ties with Moscow", "added him to the list"
	}
	if c.danger && possessedObject(toks[rs:]) {
		return false // "threatening its role as a key food supplier"
	}
	if x.publisherLearned(toks, rs) {
		return false // "…, he told the media on Friday, BelTA has learned"
	}
	if x.lx.is(c.lemma, wLightCue) && x.bareHeld(toks[rs:]) {
		return false // "expressed his opinion in an interview": what, it does not say
	}
	return x.contentAfter(c.lemma, toks[rs:])
}

// bareHeld reports whether toks open with a held noun ("opinion",
// "views") after at most a determiner or possessive, and nothing says
// what is held: the phrase ends, or a preposition of the circumstance
// follows ("in an interview", "to reporters", "during the visit").
func (x *extractor) bareHeld(toks []tok) bool {
	p := 0
	if p < len(toks) && toks[p].kind == tWord && (toks[p].has(wDet) || possessive(toks[p].low)) {
		p++
	}
	if p >= len(toks) || toks[p].kind != tWord || !toks[p].has(wHeldNoun) {
		return false
	}
	p++
	if p >= len(toks) || toks[p].kind != tWord {
		return p >= len(toks) || toks[p].is(tPunct, ".") || toks[p].is(tPunct, ",")
	}
	switch toks[p].low {
	case "in", "to", "during", "at", "while", "when", "after", "before", "on":
		return toks[p].low != "on" || p+1 < len(toks) && toks[p+1].kind == tWord && toks[p+1].has(wTime)
	}
	return false
}

// positionObject reports whether the object phrase toks opens names a
// position taken — a position noun (data/words.tsv position) among its
// first words, or "as" after it ("defended the strikes as self-defence")
// — rather than a thing defended or upheld.
func (x *extractor) positionObject(toks []tok) bool {
	for i, t := range toks {
		if t.kind == tOpen || t.kind == tClose {
			continue // his "very difficult decision"
		}
		if t.kind != tWord || i >= 8 || i == 0 && t.has(wStop) && !t.has(wDet) {
			return false // "defend against attacks"
		}
		if t.has(wPosition) || i > 0 && t.low == "as" {
			return true
		}
	}
	return false
}

// displayed reports whether the content from rs of a +display cue is a
// quality or a thing shown rather than a finding: no quotation or clause,
// and a display word (data/words.tsv) among the first eight words before
// any punctuation ("incredible bravery", "all of the typical signs of
// decorum", "any other documents"). What a document shows is its finding
// ("the survey shows support for the talks"): the caller leaves it out.
func (x *extractor) displayed(c *cue, toks []tok, rs int) bool {
	if !c.display || rs >= len(toks) || toks[rs].kind == tOpen || x.finiteClause(toks[rs:]) {
		return false
	}
	if rs > 0 && (toks[rs-1].kind == tWord && toks[rs-1].has(wThat) || toks[rs-1].is(tPunct, ":")) {
		return false
	}
	for i, t := range toks[rs:] {
		if t.kind != tWord || i >= 8 {
			return false
		}
		if t.has(wDisplay) {
			return true
		}
	}
	return false
}

// possessedObject reports whether the object toks open is something of
// someone's: a possessive determiner ("its role", "their ability") or a
// name of up to three words in 's ("Moldova's security").
func possessedObject(toks []tok) bool {
	if len(toks) == 0 || toks[0].kind != tWord {
		return false
	}
	if possessiveDeterminer(toks[0].low) {
		return true
	}
	for i := 0; i < len(toks) && i < 3 && toks[i].kind == tWord && toks[i].cap; i++ {
		if possessive(toks[i].low) {
			return true
		}
	}
	return false
}

// nominative reports whether low is a subject pronoun that opens a clause
// whatever form its verb takes ("he seek", "they leave"); not "it", which
// opens objects too ("found it difficult").
func nominative(low string) bool {
	return low == "he" || low == "she" || low == "they" || low == "we"
}

// finiteClause reports whether the words toks open hold a finite verb
// among their first twelve: an auxiliary or modal, a past tense (-ed, or
// words.tsv past), or a present in -s after a name or pronoun ("Ukraine
// needs", "it remains") — the content is a clause, not the object of its
// cue. A figure or "no" opening the words is a finding too ("found 31
// incidents", "found no evidence"), and so is "to be" ("found it to be
// unlawful"). A verb after a subordinator past the first word is an
// adjunct's and does not count.
func (x *extractor) finiteClause(toks []tok) bool {
	words := 0
	for i, t := range toks {
		if t.kind != tWord {
			continue
		}
		if words++; words > 12 {
			return false
		}
		switch t.low {
		case "as", "when", "while", "after", "before", "because", "since", "until", "once", "although", "though", "if":
			if words > 1 {
				// a verb past here is an adjunct's ("declared a state of
				// emergency as the storm approached"), not the content's
				return false
			}
		}
		if contracted(t.low) {
			return true // "they’re going", "it’ll", "don’t"
		}
		if words == 1 && (t.low[0] >= '0' && t.low[0] <= '9' || t.low == "no") {
			return true // a finding: "found 31 incidents of fraud", "found no evidence of"
		}
		if t.low == "be" && i > 0 && toks[i-1].low == "to" {
			return true // a ruling: "found the prorogation to be unlawful"
		}
		if words == 1 && nominative(t.low) && i+1 < len(toks) && toks[i+1].kind == tWord && !toks[i+1].cap {
			return true // a subjunctive: "demanded he seek approval", "demanded they leave"
		}
		if t.cap || i == 0 {
			continue
		}
		switch t.low {
		case "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could",
			"may", "might", "must", "should", "shall", "did", "does", "do", "re", "ve", "ll":
			return true
		}
		if x.pastTense(t.low) && !modifierSlot(toks[i-1]) {
			// not a participle that modifies a noun: "the list of
			// banned officials", "the destroyed bridge"
			return true
		}
		if p := toks[i-1]; len(t.low) > 3 && strings.HasSuffix(t.low, "s") && !strings.HasSuffix(t.low, "ss") &&
			p.kind == tWord && (p.cap || p.has(wHe|wThey|wIt)) {
			return true
		}
	}
	return false
}

// quotedRecipient reads, from k, the recipient of a cue in quotation
// marks and the "that" after it ("told “eNCA” that …", "telling South
// Africa’s “eNCA” that …"): where the content starts and the outlet (a
// title in quotation marks that is told something is one, listed or not).
func (x *extractor) quotedRecipient(toks []tok, k int) (int, []string, bool) {
	q := k // past the outlet's country: "South Africa’s"
	for q < len(toks) && q-k < 3 && toks[q].kind == tWord && toks[q].cap && !possessive(toks[q].low) {
		q++
	}
	if q < len(toks) && q-k < 3 && toks[q].kind == tWord && toks[q].cap && possessive(toks[q].low) {
		k = q + 1
	}
	if k+3 >= len(toks) || toks[k].kind != tOpen {
		return 0, nil, false
	}
	for p := k + 1; p < len(toks) && p-k <= 4; p++ {
		if toks[p].kind == tClose {
			if p == k+1 || p+1 >= len(toks) || toks[p+1].kind != tWord || !toks[p+1].has(wThat) {
				return 0, nil, false
			}
			media := x.mediaIn(toks[k+1 : p])
			if len(media) == 0 {
				media = []string{x.text[toks[k+1].s:toks[p-1].e]}
			}
			return p + 2, media, true
		}
		if toks[p].kind != tWord || p == k+1 && strings.ToLower(x.text[toks[p].s:toks[p].e]) == x.text[toks[p].s:toks[p].e] {
			return 0, nil, false // a name has a capital ("eNCA")
		}
	}
	return 0, nil, false
}

// optionalRecipient reports whether a cue that may take a recipient may
// also do without one ("warned Kyiv of …", "warned Britain is facing …"),
// unlike "tell" or "assure".
func optionalRecipient(lemma string) bool {
	switch lemma {
	case "warn", "caution", "promise", "pledge":
		return true
	}
	return false
}

// recipientSplit returns where "the" stands inside the phrase [a, b)
// after a word that is not a determiner, or b: "told reporters the US
// wants …" has the recipient before it and the content's subject from it.
func (x *extractor) recipientSplit(toks []tok, a, b int) int {
	for m := a + 1; m < b; m++ {
		if toks[m].kind != tWord || toks[m-1].kind != tWord || toks[m-1].has(wDet|wJoin) || toks[m-1].low == "of" {
			continue
		}
		if toks[m].low == "the" {
			return m
		}
		// "told journalists a deal was close", "told reporters Russia
		// wanted …": an indefinite phrase, or a name after the people
		// spoken to (a plural noun of their own), opens the content's
		// subject when a finite verb follows ("tell us a lot about …",
		// "told reporters Thursday" do not)
		indefinite := toks[m].low == "a" || toks[m].low == "an"
		named := toks[m].cap && !toks[m-1].cap && m-1 == a && strings.HasSuffix(toks[m-1].low, "s") && !toks[m].has(wTime)
		if (indefinite || named) && x.finiteAhead(toks, m+1) {
			return m
		}
	}
	return b
}

// auxiliaryWord reports whether t is a finite auxiliary or modal.
func auxiliaryWord(t tok) bool {
	return t.kind == tWord && !t.cap && auxAfterNoun(t.low)
}

// onlyPunct reports whether toks hold no word.
func onlyPunct(toks []tok) bool {
	for _, t := range toks {
		if t.kind == tWord {
			return false
		}
	}
	return true
}

// bareObject reports whether the words after a cue are only an object
// pronoun, or one and a preposition's phrase ("them in advance", "her on
// Friday") with no quotation after it: the cue acts on something named
// before and reports nothing ("called him a liar" does).
func bareObject(toks []tok) bool {
	if len(toks) == 0 || toks[0].kind != tWord {
		return false
	}
	switch toks[0].low {
	case "them", "him", "her":
	default:
		return false
	}
	for _, t := range toks[1:min(len(toks), 10)] {
		if t.kind == tOpen {
			return false // "called them in an article last week, ‘…’"
		}
	}
	if len(toks) == 1 || toks[1].is(tPunct, ",") || toks[1].is(tPunct, ".") || toks[1].is(tPunct, ";") {
		return true
	}
	switch toks[1].low {
	case "in", "on", "at", "from", "during", "after", "before", "again":
		return true
	}
	return false
}

// quoteIntroduced reports whether toks open with a short phrase that
// introduces a quotation: "added the words, ‘…’", "added a warning: ‘…’".
func quoteIntroduced(toks []tok) bool {
	for i := 1; i < min(len(toks), 6); i++ {
		if toks[i].kind == tOpen {
			return toks[i-1].is(tPunct, ",") || toks[i-1].is(tPunct, ":")
		}
	}
	return false
}

// modifierSlot reports whether a word after p modifies a noun rather
// than being a clause's verb: after a determiner or a preposition ("the
// destroyed bridge", "the list of banned officials").
func modifierSlot(p tok) bool {
	if p.kind != tWord {
		return false
	}
	switch p.low {
	case "of", "about", "against", "into": // not in words.tsv prep
		return true
	}
	return p.has(wDet | wPrep)
}

// contracted reports whether a word ends in a contracted auxiliary or
// negation ("they’re", "we'll", "it’d", "don’t").
func contracted(low string) bool {
	for _, suf := range []string{"re", "ve", "ll", "d", "n't", "n’t"} {
		if w, ok := strings.CutSuffix(low, suf); ok && w != "" && (strings.HasSuffix(w, "'") || strings.HasSuffix(w, "’") || suf[0] == 'n') {
			return true
		}
	}
	return false
}

// rightStart returns the index of the first content token after a cue that
// ends at j: past a recipient ("told Reuters"), a time or place adjunct
// ("on Friday", "in an interview with CNN,") and "that" or a colon. via
// collects media named on the way.
func (x *extractor) rightStart(toks []tok, j int, c *cue) (int, []string) {
	obj := c.obj
	var via []string
	k := j
	// An aside between commas before "that": "said, turning to the West,
	// that …", "said, in a statement on Telegram, that …".
	if k+2 < len(toks) && toks[k].is(tPunct, ",") && toks[k+1].kind == tWord && !toks[k+1].has(wThat) {
		for p := k + 2; p+1 < len(toks) && p-k <= 10; p++ {
			if toks[p].is(tPunct, ",") {
				if toks[p+1].kind == tWord && toks[p+1].has(wThat) && p+2 < len(toks) {
					via = append(via, x.mediaIn(toks[k+1:p])...)
					return p + 2, via
				}
				break
			}
			if toks[p].kind != tWord {
				break
			}
		}
	}
	if obj {
		if p, media, ok := x.quotedRecipient(toks, k); ok {
			return p, append(via, media...)
		}
	}
	if obj && k+2 < len(toks) && toks[k].kind == tWord && (toks[k].low == "those" || toks[k].low == "everyone" || toks[k].low == "all") {
		// "reminding those present that …", "told everyone there that
		// …": the people spoken to, then the content
		for m := k + 1; m < len(toks)-1 && m-k <= 3 && toks[m].kind == tWord; m++ {
			if toks[m].has(wThat) {
				return m + 1, via
			}
		}
	}
	if obj && k < len(toks) && (c.lemma == "urge" || c.lemma == "call on") {
		// "urged the US Congress to pass the bill": an appeal's content
		// keeps whom it asks, as the annotation does
		if _, b, ok := x.rightNP(toks, k); ok && b+1 < len(toks) && (toks[b].low == "to" || toks[b].low == "not" && toks[b+1].low == "to") {
			return k, via
		}
	}
	if obj && k < len(toks) {
		// "warning Britain is facing …": a noun and a verb after a cue
		// whose recipient is optional are the content's clause, not
		// the one warned ("told" always has a recipient)
		if a, b, ok := x.rightNP(toks, k); ok && !(optionalRecipient(c.lemma) && b < len(toks) && auxiliaryWord(toks[b]) && x.recipientSplit(toks, a, b) == b) {
			// "told reporters the US wants …": a determiner after the
			// recipient's noun opens the content's subject
			b = x.recipientSplit(toks, a, b)
			// "reminded President Biden of Congress' sole power", "warned
			// Kyiv of an imminent attack": after the recipient, "of" opens
			// the content (ofcue lemmas), even where the phrase took it as
			// a name's ("the Ministry of Defense").
			if x.lx.is(c.lemma, wOfCue) {
				for m := a + 1; m <= b && m < len(toks)-1; m++ {
					if toks[m].kind == tWord && toks[m].low == "of" {
						via = append(via, x.mediaIn(toks[a:m])...)
						return m + 1, via
					}
				}
			}
			via = append(via, x.mediaIn(toks[a:b])...)
			k = b
		}
	}
	// "repeated warnings that …", "expressed the opinion that …": what a
	// light cue voices is the clause after the noun's "that"
	if x.lx.is(c.lemma, wLightCue) {
		p := k
		if p < len(toks) && toks[p].kind == tWord && (toks[p].has(wDet) || possessive(toks[p].low) || toks[p].has(wHe|wThey|wIt)) {
			p++
		}
		// one modifier: "repeated Western concerns that …", "voiced
		// serious doubts that …"
		if p+1 < len(toks) && toks[p].kind == tWord && !toks[p].has(wHeldNoun|wThat) && toks[p+1].kind == tWord && toks[p+1].has(wHeldNoun) {
			p++
		}
		// (not a relative "that": "views that are unfavorable")
		if p+2 < len(toks) && toks[p].kind == tWord && toks[p].has(wHeldNoun) && toks[p+1].kind == tWord && toks[p+1].has(wThat) &&
			!(toks[p+2].kind == tWord && x.verbLike(toks[p+2])) {
			return p + 2, via
		}
	}
	// "said when she was foreign secretary that she would …": a clause of
	// when it was said, then the content after its "that"
	if k+3 < len(toks) && toks[k].kind == tWord && whenWord(toks[k].low) {
		for p := k + 1; p+1 < len(toks) && p-k < 10 && toks[p].kind == tWord; p++ {
			if toks[p].has(wThat) {
				// (not "when I said that in the blog post, I …": a
				// pronoun "that", no clause after it)
				if p > k+1 && x.clauseOrModalAt(toks, p+1) {
					return p + 1, via
				}
				break
			}
		}
	}
	// "that" within a short adjunct.
	for p := k; p < len(toks) && p-k < 10; p++ {
		t := toks[p]
		if t.kind == tWord && t.has(wThat) {
			if p == k+1 && toks[k].low == "now" {
				break // "say now that Putin has secured another term, the government could …": "now that" opens the content's clause
			}
			if p > k && !x.adjunct(toks[k:p]) {
				break
			}
			// "told reporters after the meeting that was held …": a
			// relative "that" after the adjunct's noun, not the content's
			if p > k && p+1 < len(toks) && toks[p+1].kind == tWord && x.verbLike(toks[p+1]) {
				break
			}
			via = append(via, x.mediaIn(toks[k:p])...)
			return p + 1, via
		}
		if t.kind != tWord {
			break
		}
	}
	// A bare time phrase before the content: "said Tuesday (that) …",
	// "said last week …", "said on Friday …".
	if p := x.timeAhead(toks, k); p > k {
		if p < len(toks) && toks[p].kind == tWord && toks[p].has(wThat) {
			return p + 1, via
		}
		if p < len(toks) && toks[p].kind == tWord {
			k = p
		}
		// "said this week, “…”", "said on Friday: …"
		if p+1 < len(toks) && (toks[p].is(tPunct, ":") || toks[p].is(tPunct, ",") && toks[p+1].kind == tOpen) {
			k = p
		}
	}
	if k < len(toks) && toks[k].is(tPunct, ":") {
		return k + 1, via
	}
	if k+1 < len(toks) && toks[k].is(tPunct, ",") && toks[k+1].kind == tOpen {
		return k + 1, via
	}
	// "said in an interview with CNN, “…”" / "said on Friday: …".
	if k < len(toks) && toks[k].kind == tWord && toks[k].has(wPrep|wTime) {
		for p := k + 1; p < len(toks) && p-k < 9; p++ {
			t := toks[p]
			if t.is(tPunct, ",") || t.is(tPunct, ":") {
				if x.adjunct(toks[k:p]) && p+1 < len(toks) {
					via = append(via, x.mediaIn(toks[k:p])...)
					return p + 1, via
				}
				break
			}
			if t.kind != tWord {
				break
			}
		}
	}
	// "said of the US security assistance: “…”": the topic, then the
	// content after the colon
	if k < len(toks) && toks[k].kind == tWord && (toks[k].low == "of" || toks[k].low == "about") {
		for p := k + 1; p+1 < len(toks) && p-k < 10; p++ {
			if toks[p].is(tPunct, ":") {
				return p + 1, via
			}
			if toks[p].kind != tWord {
				break
			}
		}
	}
	return k, via
}

// timeAhead returns the index after a time phrase that starts at token k
// ("Tuesday", "last week", "on Friday night", "earlier this month"), or k.
func (x *extractor) timeAhead(toks []tok, k int) int {
	p := k
	if p < len(toks) && toks[p].kind == tWord && (toks[p].low == "on" || toks[p].low == "earlier" || toks[p].low == "late" || toks[p].low == "last" || toks[p].low == "this" || toks[p].low == "next") {
		p++
	}
	if p < len(toks) && toks[p].kind == tWord && (toks[p].low == "this" || toks[p].low == "last") {
		p++
	}
	n := 0
	for p < len(toks) && toks[p].kind == tWord && toks[p].has(wTime) && n < 3 {
		p++
		n++
	}
	if n == 0 {
		return k
	}
	return p
}

// adjunct reports whether toks look like a time or place phrase (no verb-
// like lower-case word outside a short preposition phrase).
func (x *extractor) adjunct(toks []tok) bool {
	if len(toks) == 0 {
		return true
	}
	first := toks[0]
	if first.kind != tWord {
		return false
	}
	if !(first.has(wPrep|wTime|wSkip) || first.low == "last") {
		return false
	}
	for i, t := range toks {
		if i > 0 && t.kind == tWord && (toks[i-1].has(wDet) || toks[i-1].cap) && x.lx.is(t.low, wSpeechNoun) {
			continue // "in a Telegram post", "in a video statement": a noun
		}
		if x.cueAt(toks, i) {
			return false
		}
	}
	return true
}

// parenSource reports whether "according to X," at token i stands between
// commas inside a clause that goes on in lower case ("the attack,
// according to Reuters, was planned"): the content runs on past it.
func (x *extractor) parenSource(toks []tok, i int) bool {
	if i+2 >= len(toks) || toks[i].low != "according" || toks[i+1].low != "to" {
		return false
	}
	for k := i + 2; k+1 < len(toks) && k-i < 14; k++ {
		if toks[k].is(tPunct, ",") {
			n := toks[k+1]
			return n.kind == tWord && !n.cap && !isConj(n.low) && x.verbLike(n)
		}
		if toks[k].kind != tWord {
			return false
		}
	}
	return false
}

// claimNouns name a claim in an appositive after it ("– a claim the US
// had predicted …", "– an assertion Kyiv rejects").
var claimNouns = map[string]bool{"claim": true, "assertion": true, "allegation": true, "accusation": true, "charge": true, "argument": true, "narrative": true, "version": true, "contention": true, "point": true, "message": true, "view": true, "theme": true}

// claimNote returns the index of the first word after the claim noun when
// a dash or a comma at token p opens an appositive that names the claim
// before it ("– a claim (that) the US had predicted …", ", a claim which
// Moscow denied", ", something Russia has denied"), else 0.
func (x *extractor) claimNote(toks []tok, p int) int {
	if p+3 >= len(toks) || toks[p].kind == tWord || dashAt(toks[p].low, 0) != len(toks[p].low) && !toks[p].is(tPunct, ",") {
		return 0
	}
	k := p + 1
	if toks[p].is(tPunct, ",") && toks[k].kind == tWord && toks[k].low == "which" && toks[k+1].kind == tWord && toks[k+1].cap {
		// "…, which Ukraine denied": the clause before is what the name
		// after "which" rejects (its verb is checked by the caller)
		return k + 1
	}
	if toks[k].kind == tWord && toks[k].low == "something" {
		// "…, something Russia has repeatedly denied"
		if k+1 < len(toks) && toks[k+1].kind == tWord && (toks[k+1].low == "that" || toks[k+1].low == "which") {
			k++
		}
		return k + 1
	}
	if toks[k].kind != tWord || !(toks[k].low == "a" || toks[k].low == "an" || toks[k].low == "the") {
		return 0
	}
	k++
	if k < len(toks) && toks[k].kind == tWord && !claimNouns[toks[k].low] && k+1 < len(toks) && claimNouns[toks[k+1].low] {
		k++ // "a false claim", "a familiar narrative"
	}
	if k >= len(toks) || !claimNouns[toks[k].low] {
		return 0
	}
	k++
	if k < len(toks) && toks[k].kind == tWord && (toks[k].low == "that" || toks[k].low == "which") {
		k++
	}
	return k
}

// signOff reports whether a speaker phrase is an outlet's own reporter
// signing the story ("…, an Ukrinform correspondent reports", "according
// to a BelTA correspondent"): the publisher, which relays nothing and
// asserts nothing of its own here (the annotation guidelines).
func (x *extractor) signOff(p []tok, lemma string) bool {
	if lemma != "report" && lemma != "according to" || len(p) < 2 {
		return false
	}
	switch p[len(p)-1].low {
	case "correspondent", "correspodent", "reporter", "correspondents", "reporters":
	default:
		return false
	}
	k := 0
	if p[0].has(wDet) {
		k = 1
	}
	return k < len(p)-1 && len(x.mediaIn(p[k:len(p)-1])) > 0
}

// stateBody reports whether a speaker phrase names a state's body or
// officials without naming the state: "the defence ministry", "officials",
// "a senior defence official" (its head is a state word, no capitalised
// word names anyone).
func (x *extractor) stateBody(p []tok) bool {
	h := phraseHead(p)
	if h < 0 || !p[h].has(wState) {
		return false
	}
	for _, t := range p {
		if t.kind == tWord && t.cap && !t.has(wDet|wState|wPortfolio) {
			return false // a name: "the Kremlin", "Ukraine's ministry" ("the MFA", "the Treasury", "the Foreign Ministry" name no state)
		}
		switch t.low {
		case "regional", "local", "city", "municipal", "village", "town", "separatist", "rebel":
			return false // the authorities of a place, whichever side holds it
		}
	}
	return true
}

// localParty returns the party the passage before offset off is about: the
// party of the last statement of this or the previous paragraph whose
// speaker has one ("Russia says … “…,” the defence ministry says" → RU),
// or "".
func (x *extractor) localParty(si, off int) crosscheck.NullString {
	par := x.sents[si].Paragraph
	for k := len(x.out) - 1; k >= 0; k-- {
		p := x.out[k]
		if p.drop || p.st.Cue.Start >= off {
			continue
		}
		if par-x.sents[p.sent].Paragraph > 1 {
			break
		}
		if p.st.Speaker.Affiliation != "" && !x.reported(p, nil) {
			return p.st.Speaker.Affiliation
		}
	}
	return ""
}

// possessorParty returns the state a possessive "its" or "their" before
// an unnamed state body stands for: the country named last before off in
// the sentence ("Ukraine's ability to counter-attack depends on Western
// weapons, which its officials say arrive too slowly" → UA) or the party
// of the body named last, skipping people; "" when there is none.
func (x *extractor) possessorParty(si, off int) crosscheck.NullString {
	s := x.sents[si].Start
	i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s >= off })
	for k := i - 1; k >= 0 && x.ments[k].s >= s; k-- {
		if ent := x.ents[x.ments[k].ent]; ent.Type == crosscheck.TypePlace {
			return ent.Country // a country, or a city whose officials are its state's
		} else if ent.Type != crosscheck.TypePerson {
			return ent.Affiliation // a body: whom it speaks for
		}
	}
	return ""
}

// placeParty returns the state whose places the passage before offset off
// names, for an unnamed state body no statement before gives a party: "In
// Kyiv, a blast crater was gouged in a playground …, officials said" —
// the officials are the state's where it happened. The places are those
// of the sentence before off, else of the sentence before it in the same
// paragraph; they must all lie in one country, else "". Places said in a
// statement's content, this one's [cs, ce) or an earlier one's, are where
// its speaker says something happened, not where the speaker is ("… will
// relocate to Lviv, the official said": a US official).
func (x *extractor) placeParty(si, off, cs, ce int) crosscheck.NullString {
	for k := si; k >= 0 && k >= si-1 && x.sents[k].Paragraph == x.sents[si].Paragraph; k-- {
		s, e := x.sents[k].Start, min(x.sents[k].End, off)
		country := crosscheck.NullString("")
		i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s >= s })
		for ; i < len(x.ments) && x.ments[i].e <= e; i++ {
			ent := x.ents[x.ments[i].ent]
			if m := x.ments[i]; ent.Type != crosscheck.TypePlace || cs <= m.s && m.s < ce || x.inContent(m.s, nil) {
				continue
			}
			if ent.Country == "" || country != "" && ent.Country != country {
				return "" // a place of no known country, or two countries
			}
			country = ent.Country
		}
		if country != "" {
			return country
		}
	}
	return ""
}

// mediumOnly reports whether a speaker phrase is a medium's name and
// nothing else ("Ukrinform", "the BBC"): "…, Ukrinform reports" closing a
// sentence is the publisher's own sign-off.
func (x *extractor) mediumOnly(p []tok) bool {
	k := 0
	if len(p) > 0 && p[0].has(wDet) {
		k = 1
	}
	if k >= len(p) {
		return false
	}
	name, ok := mediaLookup(x.lx.media, x.text[p[k].s:p[len(p)-1].e])
	return ok && name != ""
}

// relativeAntecedent gives a "who" that names nobody the article knows the
// noun phrase it hangs on: "commentators who thought …", "members of the
// party who argue …", "Professors who spoke out …" speak as commentators,
// members of the party, professors — people (a body the Describer
// knows, "the Navy, who …", stays one). The phrase ends just before "who" (or its comma) and runs back
// over words that may make a noun phrase — no verb form in -ed or -ing, no
// function word but a determiner that opens it and an "of" between two
// nouns — six words at most; a phrase that is only a pronoun or a
// determiner, a place, or one the Describer does not read as people or a
// body, leaves the relative pronoun as it was.
func (x *extractor) relativeAntecedent(c *cand, toks []tok, a int) {
	end := a
	if end > 0 && toks[end-1].is(tPunct, ",") {
		end--
	}
	start := end
	for k := end - 1; k >= 0 && end-k <= 6; k-- {
		t := toks[k]
		if t.kind != tWord {
			break
		}
		if t.has(wDet) && !t.cap {
			start = k // "the", "some", "many": the phrase opens here …
			if k < 2 || toks[k-1].low != "of" || !x.nounish(toks[k-2]) {
				break
			}
			continue // … unless it follows "members of"
		}
		if t.low == "of" && k > 0 && k < end-1 && x.nounish(toks[k-1]) {
			start = k
			continue
		}
		if t.has(wStop|wSkip|wThat|wIntro|wHe|wThey|wIt|wTime) || !t.cap && x.verbForm(t.low) {
			break
		}
		start = k
	}
	if start >= end || toks[start].has(wDet) && start == end-1 {
		return
	}
	if toks[start].low == "of" {
		return
	}
	p := toks[start:end]
	if x.opt.Describer == nil || !speaks(x.describe(x.text[p[0].s:p[len(p)-1].e]).typ) {
		return // "… and fiat money creation, who …": no one the lexicons know can speak
	}
	sp, pronoun := x.speaker(p[0].s, p[len(p)-1].e, p)
	if pronoun || sp.Name == "" || x.placeAt(p[0].s, p[len(p)-1].e) {
		return
	}
	if sp.Entity == "" && sp.Type != crosscheck.TypeOrganization && sp.Type != crosscheck.TypeMedia {
		sp.Type = crosscheck.TypePerson
		if !singular(x.text[p[0].s:p[len(p)-1].e]) || strings.Contains(strings.ToLower(string(sp.Name)), " of ") {
			sp.Type = crosscheck.TypeGroup
		}
	}
	sp.Text, sp.Start, sp.End = c.st.Speaker.Text, c.st.Speaker.Start, c.st.Speaker.End
	c.st.Speaker = sp
}

// nounish reports whether t may be the noun an "of" phrase hangs on
// ("members of the party"): a word, no function word, no verb form.
func (x *extractor) nounish(t tok) bool {
	return t.kind == tWord && !t.has(wStop|wDet|wSkip) && !x.verbForm(t.low)
}

// verbForm reports whether a lower-case word has the form of a past tense
// or a gerund ("arrested", "interviewed", "leading"), which a noun phrase
// before "who" does not end or run through.
func (x *extractor) verbForm(w string) bool {
	return x.pastTense(w) || ingForm(w)
}

// commaBefore returns where the first comma from token k on stands, when
// it stands before ce, else ce: a relative clause between commas ends at
// the second ("The hotel, which, according to local media, belongs to
// him, was searched").
func commaBefore(toks []tok, k, ce int) int {
	for ; k < len(toks) && toks[k].s < ce; k++ {
		if toks[k].is(tPunct, ",") {
			return toks[k].s
		}
	}
	return ce
}

// relativeGlossAt reports whether toks[i:] open with an indefinite noun
// phrase of one or two words and a relative word that describes it ("an
// area where …", "a region which …").
func relativeGlossAt(toks []tok, i int) bool {
	if i >= len(toks) || toks[i].low != "a" && toks[i].low != "an" {
		return false
	}
	for p := i + 2; p < len(toks) && p <= i+3; p++ {
		if toks[p-1].kind != tWord || toks[p-1].cap {
			return false
		}
		switch toks[p].low {
		case "where", "which", "whose", "when":
			return true
		case "he", "she", "they", "it", "we":
			// a relative clause without its pronoun: "– a false threat
			// he also uses to justify …"
			return p+1 < len(toks) && toks[p+1].kind == tWord
		}
	}
	return false
}

// mediumAt reports whether toks[i:] open with a determiner or possessive
// and, within two words, a medium the speaker spoke in ("a message to his
// troops", "his weekly address", "an interview with CNN").
func (x *extractor) mediumAt(toks []tok, i int) bool {
	if i >= len(toks) || toks[i].kind != tWord || !(toks[i].has(wDet) || possessiveDeterminer(toks[i].low)) {
		return false
	}
	for p := i + 1; p < len(toks) && p <= i+2; p++ {
		if toks[p].kind != tWord {
			return false
		}
		if toks[p].has(wSpeechNoun) {
			return true
		}
		switch toks[p].low {
		case "speech", "letter", "article", "op-ed", "column", "broadcast":
			return true
		}
	}
	return false
}

// infinitiveIn reports whether toks hold "to" and a word that may be a
// verb's base form ("Sunak to reclassify China"): a clause of its own.
func infinitiveIn(toks []tok) bool {
	for p := 0; p+1 < len(toks); p++ {
		if toks[p].kind == tWord && toks[p].low == "to" && toks[p+1].kind == tWord && !toks[p+1].cap && !toks[p+1].has(wDet) {
			return true
		}
	}
	return false
}

// finiteAhead reports whether a finite verb follows toks[i] within the
// words of one phrase (past brackets, before any other punctuation): "a
// nearly 24-hour search mission involving three helicopters (…) had
// discovered".
func (x *extractor) finiteAhead(toks []tok, i int) bool {
	paren := false
	for k := i; k < len(toks) && k-i < 24; k++ {
		t := toks[k]
		switch {
		case t.is(tPunct, "("):
			paren = true
		case t.is(tPunct, ")"):
			paren = false
		case paren:
		case t.kind != tWord:
			if !t.is(tPunct, "-") {
				return false
			}
		case x.finiteWord(t):
			return true
		}
	}
	return false
}

// whenWord reports whether low opens a clause of when something was said
// ("when she was foreign secretary", "after the talks ended").
func whenWord(low string) bool {
	switch low {
	case "when", "while", "after", "before", "as", "once", "whilst":
		return true
	}
	return false
}
