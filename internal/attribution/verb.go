package attribution

import (
	"strings"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
)

func (x *extractor) verb(si int, toks []tok, m match) (int, bool) {
	i, j, c := m.i, m.j, m.c
	if i > 0 && len(c.words) == 1 && toks[i-1].kind == tWord && possessive(toks[i-1].low) {
		// "The governor's claim that …": the noun (noun), not the verb;
		// "Russia's written proposals": a participle that modifies a
		// noun (a possessive is no verb's subject)
		return j, false
	}
	if i > 0 && toks[i-1].kind == tWord && toks[i-1].low == "can" && c.lemma == "claim" {
		// "it can claim only two clear victories": what one is entitled
		// to, not what was said
		return j, false
	}
	if m := modalBefore(toks, i); m == "could" || m == "might" || m == "may" {
		// "as he could say that …", "China may insist it is neutral",
		// "Ukraine could now repeat this tactic": what someone might say,
		// not what they said
		return j, false
	}
	if len(c.words) == 1 && i > 1 && (ownerWord(toks[i-2].low) || possessive(toks[i-2].low)) && (periodic(toks[i-1].low) || superlative(toks[i-1].low)) {
		// "does not specify in its daily reports how many …", "Kyiv's
		// latest statement", "took Russia's greatest fears off the
		// table": the noun after an owner and an adjective of when or of
		// rank (the noun path reads "his claims of …" as it did)
		return j, false
	}
	if j+1 < len(toks) && toks[j].low == "to" && (toks[j+1].low == "be" || toks[j+1].low == "have") && hearsay(toks[i].low) {
		// "A port city said to be of critical importance", "a man
		// believed to have fled": a participle of hearsay that describes
		// its noun; nobody is its speaker
		return j, false
	}
	if x.indefiniteNoun(toks, i, c) {
		// "face a difficult challenge", "issued a stern warning": the
		// cue's noun after an indefinite article, not its verb
		return j, false
	}
	if toks[i].low == "say" && i >= 2 && toks[i-2].low == "as" && (toks[i-1].low == "they" || toks[i-1].low == "people") {
		// "as they say", "as people say": an idiom that marks a saying,
		// nobody's statement
		return j, false
	}
	a, b, passive, ok := x.leftNP(toks, i)
	if a2, b2, w, found := x.relativeSubject(toks, i); found && (!ok || a > w) {
		// "Officials who spoke on condition of anonymity said …", "Two
		// officials who spoke to Reuters said …": the head of the
		// relative clause speaks (the medium spoken to relays, mediaIn);
		// a phrase that holds the clause stays ("Dmitri Trenin, a
		// thinker who has grown more aggressive, wrote")
		a, b, passive, ok = a2, b2, false, true
	}
	if ok && a > 0 && toks[a-1].kind == tWord && tellForm(toks[a-1].low) {
		// "Residents told the press the officers claimed …": the phrase
		// after "told" opens with the ones spoken to, who are no
		// speakers; the speaker is the subject after them, if any
		if m := x.recipientSplit(toks, a, b); m < b {
			a = m
		} else {
			return j, false
		}
	}
	if ok && conditionIn(toks[a:b]) {
		// "… will be placed at high readiness in case Russia threatens a
		// military attack": a condition, nobody's statement
		return j, false
	}
	if ok && (inverted(toks, a, toks[i].low == c.lemma) || supposed(toks, a)) {
		// "Shouldn't the EU say today that …?", "Did Moscow claim …?",
		// "Had Kyiv denied it, …", "If Washington still claims …, then
		// …": an auxiliary before the subject that opens the sentence
		// asks or supposes, as "if" does; nobody asserts
		return j, false
	}
	if ok && a > 1 && (toks[a-1].low == "that" || toks[a-1].low == "which") && toks[a-2].kind == tWord && !x.isAnyCue(toks[a-2].low) &&
		j+1 < len(toks) && toks[j].low == "to" && toks[j+1].kind == tWord && (j+2 == len(toks) || toks[j+2].kind == tPunct) {
		// "the lands that the Kremlin once claimed to conquer": the
		// infinitive's object is the noun before the relative clause; the
		// claim is no proposition of its own
		return j, false
	}
	if ok && b == a+1 && a > 0 && toks[a].has(wHe|wThey|wIt) && objectRelative(toks[a-1].low) {
		// "Nothing they announced was new", "get everything they ask":
		// the cue's object is the word before its subject
		return j, false
	}
	if ok && a > 2 && factSubject(toks, i) {
		// "The fact that the army had retreated suggested …": a
		// proposition, not a speaker, is the subject
		return j, false
	}
	antecedent := false // the subject is the phrase a relative "who" stands for
	if ok && b == a+1 && toks[a].low == "who" && !toks[a].cap && a > 0 && toks[a-1].kind == tWord && c.class == "speech" {
		// "activists who claimed the vote was rigged": the relative
		// pronoun stands for the phrase right before it, which may be the
		// object of a verb before it ("arrested activists who claimed
		// …"). After a comma ("Trump, the front-runner, who said …") the
		// pronoun is resolved as the others are.
		if a2, b2, p2, ok2 := x.leftNP(toks, a); ok2 && !p2 && b2 == a {
			if v := x.verbObject(toks, a2, b2); v >= a2 && v+1 < b2 {
				a2 = v + 1 // the object after the verb
			}
			for a2+1 < b2 && !toks[a2].cap && x.pastTense(toks[a2].low) {
				a2++ // "arrested tens of thousands of dissidents"
			}
			// not the object of a preposition ("a doctor here in the US
			// who writes …": the clause may belong to the noun before)
			inPP := a2 > 0 && toks[a2-1].kind == tWord && (toks[a2-1].has(wPrep) || toks[a2-1].low == "of")
			if !inPP && x.speakerLike(toks[a2:b2]) {
				a, b, antecedent = a2, b2, true
			}
		}
	}
	if ok && !antecedent && x.verbObject(toks, a, b) >= a {
		// "has not supported the Kosovo independence announced …",
		// "attempts to influence Russia suggests …": a verb and its
		// object, no speaker
		return j, false
	}
	multiBe := len(c.words) > 1 && (c.words[0] == "is" || c.words[0] == "are" || c.words[0] == "was" || c.words[0] == "were")
	if multiBe {
		// "X is expected to …": the belief holder is not named.
		return j, false
	}
	if c.lemma == "ask" && j < len(toks) && (toks[j].low == "about" || toks[j].low == "if" || toks[j].low == "whether") && (!ok || passive || i > 0 && toks[i-1].low == "when") {
		// "was asked about …", "when asked whether …": nobody named asks.
		if cs, ce, q := x.rightContent(si, toks, j+1); cs < ce {
			st := x.add(si, toks, m, -1, -1, cs, ce, q, true)
			st.st.Speaker = crosscheck.Speaker{Type: crosscheck.TypeUnattributed}
			return j, true
		}
	}
	if rejects[c.lemma] && j+1 < len(toks) && toks[j].low == "by" {
		// "…, a claim flatly rejected by the U.S. and Ukraine", "The
		// charge was denied by her lawyer": the agent rejects it
		if next, done := x.rejectedBy(si, toks, m); done {
			return next, true
		}
	}
	if ok && passive {
		return j, false
	}
	// "the border posts would be …", "his claims were …": a modal or a
	// form of "be" or "have" right after an -s form makes it a plural
	// noun, not the cue of a statement
	if j < len(toks) && toks[j].kind == tWord && len(c.words) == 1 && c.lemma != c.words[0] && strings.HasSuffix(c.words[0], "s") && auxAfterNoun(toks[j].low) {
		return j, false
	}
	if x.byline(toks, m) {
		return j, false
	}
	// "reports from Ukraine", "claims of fraud": the noun, not the verb.
	if j < len(toks) && toks[j].kind == tWord && toks[j].has(wPrep|wJoin) && x.hasNoun(toks[i].low) {
		return j, false
	}
	if !ok || !x.speakerLike(toks[a:b]) || i > 0 && toks[i-1].is(tPunct, ",") && x.namedAfter(toks, j) {
		// (also "…, are reasonable for Moscow, thinks Sohrab Ahmari, a
		// contributing editor": a name after the cue that a comma opens is
		// its speaker, whatever phrase stands before the comma)
		if next, done := x.inversion(si, toks, m); done {
			return next, true
		}
	}
	if ok && c.lemma == c.words[0] && len(c.words) == 1 && x.lx.is(c.lemma, wNounlike) && !x.baseSubject(toks, a, b, i) {
		// A base form ("state", "plan", "email") is a verb only after a
		// plural subject or an auxiliary; otherwise it is a noun.
		return j, false
	}
	if !ok || !x.speakerLike(toks[a:b]) {
		// A second verb of the same subject: "called her “weak” and said …".
		k := i - 1
		for k > 0 && i-k < 3 && toks[k].kind == tWord && !toks[k].cap && (toks[k].has(wSkip|wIntro) || strings.HasSuffix(toks[k].low, "ly")) && toks[k].low != "and" && toks[k].low != "but" {
			k-- // "… and later said …"
		}
		// The first verb may be any: "met the envoy and said …" (its
		// subject opens the sentence), not only a cue of a statement
		// before in the sentence. The second verb is finite ("… and
		// said"), not a second infinitive ("wants to check and verify").
		earlier := len(x.out) > 0 && x.out[len(x.out)-1].sent == si && x.finiteAt(toks, i, c.lemma)
		subjEnd := -1
		if !earlier && k > 0 {
			subjEnd = x.subjectVerbBefore(toks, k, i, c.lemma)
			if rs, _ := x.rightStart(toks, j, c); subjEnd > 0 && (rs >= len(toks) || !(toks[rs].kind == tOpen || x.finiteClause(toks[rs:]) || quoteIntroduced(toks[rs:]))) {
				// only a clause or a quotation: "detailed his affairs and
				// alleged influence peddling" joins two objects
				subjEnd = -1
			}
		}
		if k > 0 && toks[k].kind == tWord && (toks[k].low == "and" || toks[k].low == "but") && (earlier || subjEnd > 0) {
			rs, via := x.rightStart(toks, j, c)
			if x.rightOK(c, toks, rs) {
				cs, ce, q := x.rightContent(si, toks, rs)
				if cs < ce {
					var st *cand
					if earlier {
						st = x.add(si, toks, m, -1, -1, cs, ce, q, true)
						st.needSubj = true
					} else {
						st = x.add(si, toks, m, 0, subjEnd, cs, ce, q, true)
					}
					// "said exports will go on but didn't say which
					// restrictions apply": it ends the content before it,
					// and is none
					st.act = st.act || unsaid(toks, i, rs)
					st.st.Via = appendVia(st.st.Via, via)
					return j, true
				}
			}
		}
		return j, false
	}
	appEnd := x.appEnd
	// "the United States, which Beijing has accused of “adding fuel to the
	// fire”": the relative pronoun is the one accused; the charge after
	// "of" is the content
	if a > 0 && toks[a-1].kind == tWord && relativeObject(toks[a-1].low) && j+1 < len(toks) && accusation[c.lemma] != "" && toks[j].low == accusation[c.lemma] {
		if cs, ce, q := x.rightContent(si, toks, j+1); cs < ce {
			if a > 1 && toks[a-2].is(tPunct, ",") {
				// a relative clause between commas ends at the second:
				// "The meeting, which state media described as “warm
				// and friendly,” was the first …"
				ce = commaBefore(toks, j+1, ce)
				// … inside the quotation it cut: the words, not a mark
				// left open (“warm and friendly,”)
				if r, n := utf8.DecodeRuneInString(x.text[cs:ce]); (r == '“' || r == '"') && !strings.ContainsAny(x.text[cs+n:ce], "”\"") {
					cs += n
				}
			}
			x.add(si, toks, m, a, b, cs, ce, q, true)
			return j, true
		}
	}
	rs, via := x.rightStart(toks, j, c)
	if c.lemma == "deny" && withholds(toks, rs) || c.lemma == "reject" && turnsDown(toks, rs) || unsaid(toks, i, rs) || c.class == "belief" && freeRelative(toks, a, rs) {
		return j, false
	}
	if answerLemmas[c.lemma] && rs < len(toks) && toks[rs].kind == tWord && toks[rs].low == "to" {
		// "responded to the ruling …": what is answered is no content,
		// nor what precedes the speaker; a colon after it opens what the
		// answer says ("responded to the new rules on Twitter: “…”")
		k := rs
		for k < len(toks) && !toks[k].is(tPunct, ":") {
			k++
		}
		if k+1 >= len(toks) {
			return j, false
		}
		rs = k + 1
	}
	via = append(x.mediaIn(toks[b:i]), via...) // "Zelenskyy, in an interview with CNN, said"
	if a2, b2, media := x.seenBy(toks, a, b); len(media) > 0 {
		// "Ukrainian soldiers interviewed by the BBC said", "Satellite
		// images reviewed by Reuters show": the soldiers and the images
		// speak, the medium that met them relays
		via = append(via, media...)
		a, b = a2, b2
	}
	if rs == j && rs+1 < len(toks) && (toks[rs].low == "of" || toks[rs].low == "about") && x.lx.is(c.lemma, wTopicCue) {
		rs++ // "warned of sabotage", "spoke about the risk": the topic is the content
	}
	// "Russia claimed to have captured the town, but Ukraine denied it":
	// a denial whose object only points back is a statement of its own
	// (its stance relates it to what it denies), not the claim said again
	if rs < len(toks) && rejects[c.lemma] && ok && !passive && pointsBack(toks, rs) {
		st := x.add(si, toks, m, a, b, toks[rs].s, toks[rs].e, -1, true)
		st.back = true
		st.st.Via = appendVia(st.st.Via, via)
		return j, true
	}
	// "Olaf Scholz said this while presenting the strategy": "this" is
	// the sentence before, which the statement is
	if rs < len(toks) && x.anaphoricThis(toks, rs) && si > 0 && ok {
		ps := x.sents[si-1]
		cs, ce := x.trim(ps.Start, ps.End)
		if cs < ce && x.covered(cs, ce, x.live()) {
			return j, true // "…, Scholz said. Scholz said this in Kyiv.": said already
		}
		if cs < ce {
			st := x.add(si, toks, m, a, b, cs, ce, -1, false)
			x.apposition(st, toks, a, b, x.appEnd)
			return j, true
		}
	}
	rightOK := x.rightOK(c, toks, rs) && (!x.displayed(c, toks, rs) || x.isDocument(toks, a, b))
	if rs == len(toks) && rs > 0 && toks[rs-1].is(tPunct, ":") && si+1 < len(x.sents) {
		// "He said:" closing a paragraph, the quotation opening the next.
		if q, ok := x.qOpen[x.sents[si+1].Start]; ok {
			st := x.add(si, toks, m, a, b, x.quotes[q].Start, x.quotes[q].End, q, true)
			st.st.Via = appendVia(st.st.Via, via)
			return j, true
		}
	}
	// a dash before the speaker signs what precedes it only when the
	// attribution ends the sentence ("… - he assessed."), not before a
	// clause of its own ("… is predictable - Trump has vowed to …")
	leftOK := a > 0 && (toks[a-1].is(tPunct, ",") || toks[a-1].kind == tClose || toks[a-1].is(tPunct, "—") || x.signDash(toks, a-1) && x.attributionEnds(toks, j))
	if (c.clause || c.position || c.finite || c.display) && !rightOK && !x.attributionEnds(toks, j) {
		leftOK = false // "Be that as it may, we will defend our land", "In between the work, they find …"
	}
	leftEnd := a - 1 // the mark that ends the content before the speaker
	// "As the spokesman noted, the situation is difficult": the source
	// opens the sentence, and what it said is the clause after the comma
	if a == 1 && toks[0].kind == tWord && toks[0].low == "as" && j+2 < len(toks) && toks[j].is(tPunct, ",") && x.contentLike(toks[j+1:]) && x.clauseOrModalAt(toks, j+1) {
		if cs, ce, q := x.rightContent(si, toks, j+1); cs < ce {
			st := x.add(si, toks, m, a, b, cs, ce, q, true)
			st.st.Via = appendVia(st.st.Via, via)
			return j, true
		}
	}
	// "…, as Moscow sees these moves as a direct challenge": no source of
	// the clause before, but a view of its own, what follows the cue
	if !leftOK && a > 1 && toks[a-1].kind == tWord && toks[a-1].low == "as" && regardsAs(c.lemma, toks, j) {
		if cs, ce, q := x.rightContent(si, toks, j); cs < ce {
			st := x.add(si, toks, m, a, b, cs, ce, q, true)
			st.st.Via = appendVia(st.st.Via, via)
			return j, true
		}
		return j, false
	}
	// "…, as Reuters has reported": the source after "as" closes the sentence
	if !leftOK && a > 1 && toks[a-1].kind == tWord && toks[a-1].low == "as" && toks[a-2].is(tPunct, ",") && !x.rightOK(c, toks, rs) {
		if a > 2 && toks[a-3].kind == tWord && toks[a-3].low == "that" && j+2 < len(toks) && toks[j].is(tPunct, ",") && x.contentLike(toks[j+1:]) {
			// "it is likely that, as Reznikov stated, Ukraine will
			// attack …": what he stated is the clause after the aside
			if cs, ce, q := x.rightContent(si, toks, j+1); cs < ce {
				st := x.add(si, toks, m, a, b, cs, ce, q, true)
				st.st.Via = appendVia(st.st.Via, via)
				return j, true
			}
		}
		leftOK, leftEnd = true, a-2
	}
	if leftOK && toks[a-1].is(tPunct, ",") && j+3 < len(toks) && toks[j].is(tPunct, ",") && toks[j+1].kind == tWord && !x.hasCue(toks[j+1:min(j+3, len(toks))]) && x.contentLike(toks[j+1:]) {
		// not after an opening time or place phrase: "Over the past
		// decade, Kasparov has opposed, among others, …"
		s0 := 0
		if toks[0].kind == tWord && isConj(toks[0].low) && a-1 > 1 {
			s0 = 1 // "And on Saturday, it said, …"
		}
		// a connective alone is no part of the claim either: "But, Minic
		// cautioned, …", "However, the minister said, …"
		opener := a == 2 && toks[0].kind == tWord && connective(toks[0].low) || x.timeAhead(toks, s0) == a-1 || x.adjunct(toks[s0:a-1])
		if opener {
			// the content is the part after the attribution (past an
			// aside before "that": "argued, among others, that …")
			k := j + 1
			if r, _ := x.rightStart(toks, j, c); r > k {
				k = r
			}
			if cs2, ce, q := x.rightContent(si, toks, k); cs2 < ce {
				st := x.add(si, toks, m, a, b, cs2, ce, q, true)
				st.st.Via = appendVia(st.st.Via, via)
				return j, true
			}
		}
		if cs, _, _ := x.span(toks, 0, a-1); cs < toks[a-1].s && toks[0].kind == tWord && !toks[j+1].cap && !opener {
			// The attribution interrupts the content ("Russia, Kahl said,
			// has had …"): the span covers both parts, so that the claim
			// keeps its subject; an example or addition after it ("A, one
			// official said, such as B") is no part of the claim.
			cs2, ce, q := x.rightContent(si, toks, j+1)
			if cs2 < ce {
				if elaboration(toks[j+1:]) {
					ce, q = toks[a-1].s, -1
				}
				st := x.add(si, toks, m, a, b, cs, ce, q, false)
				st.st.Via = appendVia(st.st.Via, via)
				return j, true
			}
		}
	}
	// "“A,” X said, “B.”": one quotation the attribution interrupts
	interrupted := leftOK && rightOK && toks[a-1].kind == tClose && rs == j+1 && toks[j].is(tPunct, ",") && toks[rs].kind == tOpen
	// "“A,” Tester said, referring to the excuse, “B.”": an aside between
	if leftOK && !interrupted && toks[a-1].kind == tClose && j < len(toks) && toks[j].is(tPunct, ",") {
		for e := j + 1; e+1 < len(toks) && e-j < 12; e++ {
			if toks[e].is(tPunct, ",") {
				if toks[e+1].kind == tOpen {
					interrupted, rs = true, e+1
				}
				break
			}
			if toks[e].kind != tWord {
				break
			}
		}
	}
	// "… – a claim the army had long rejected as a cover story": the
	// claim before the note is what the speaker rejects
	if !rightOK && a >= 3 && rejects[c.lemma] {
		if n := x.claimNote(toks, a-1); n > a && n < b {
			// the phrase took the note's noun: "…, a charge Moscow
			// denies" — the speaker follows it
			a = n
		}
		for p := a - 1; p >= 0 && a-p <= 4; p-- {
			if x.claimNote(toks, p) != a {
				continue
			}
			for k := len(x.out) - 1; k >= 0 && x.out[k].sent == si; k-- {
				if prev := x.out[k]; !prev.drop && prev.st.Content.End <= toks[p].s && prev.st.Content.Start < prev.st.Content.End {
					cs := prev.st.Content.Start
					// "accuse Russia of planning to invade, something
					// Russia has denied": Russia denies the planning
					if who := x.text[toks[a].s:toks[b-1].e] + " of "; strings.HasPrefix(x.text[cs:prev.st.Content.End], who) {
						cs += len(who)
					}
					st := x.add(si, toks, m, a, b, cs, prev.st.Content.End, -1, false)
					st.region = toks[p].s
					return j, true
				}
			}
			break
		}
	}
	switch {
	case leftOK && (!rightOK || interrupted):
		cs, ce, q := x.leftContent(si, toks, leftEnd)
		if cs >= ce {
			return j, false
		}
		st := x.add(si, toks, m, a, b, cs, ce, q, false)
		x.apposition(st, toks, a, b, appEnd)
		st.st.Via = appendVia(st.st.Via, via)
		if interrupted {
			x.splitQuote(st, toks, rs-1)
		} else {
			x.splitQuote(st, toks, j)
		}
		return j, true
	case rightOK:
		cs, ce, q := x.rightContent(si, toks, rs)
		if cs >= ce {
			return j, false
		}
		if a > 0 && (subordinator(toks[a-1]) && (a == 1 || toks[a-2].kind != tWord || toks[a-2].has(wThat) || toks[a-2].low == "and" || toks[a-2].low == "but") ||
			a == 1 && toks[0].low == "as" && wordsOnly(toks[j:rs+1])) {
			// "Although Ukraine said it was willing to talks, it did not
			// trust …", "As analysts warn of an invasion, they also watch
			// the weather": the content ends where the main clause begins
			for p := rs + 1; p+1 < len(toks) && toks[p].s < ce; p++ {
				if toks[p].kind == tOpen {
					break
				}
				if toks[p].is(tPunct, ",") && (x.clauseAt(toks, p+1) || auxClauseAt(toks, p+1)) {
					ce = toks[p].s
					break
				}
			}
		}
		if b == a+1 && toks[a].low == "who" && a > 1 && toks[a-1].is(tPunct, ",") {
			// "Anna Berg, who has called for a boycott, said …": the
			// relative clause ends at the comma before the main verb
			for p := rs + 1; p+1 < len(toks) && toks[p].s < ce; p++ {
				if toks[p].kind == tOpen {
					break
				}
				if n := toks[p+1]; toks[p].is(tPunct, ",") && n.kind == tWord && !n.cap && (x.isAnyCue(n.low) && !ingForm(n.low) || x.verbLike(n)) {
					ce = toks[p].s
					break
				}
			}
		}
		st := x.add(si, toks, m, a, b, cs, ce, q, true)
		x.apposition(st, toks, a, b, appEnd)
		st.st.Via = appendVia(st.st.Via, via)
		return j, true
	}
	return j, false
}

// apposition widens a speaker to the apposition that follows its name
// ("Sarah Warbelow, legal director for the Human Rights Campaign, said"):
// the text covers both, and a speaker that is no entity takes the person
// the apposition names ("The group's CEO, Kimberley Fritts, said").
func (x *extractor) apposition(c *cand, toks []tok, a, b, appEnd int) {
	if appEnd <= b || appEnd > len(toks) || c.pronoun {
		return
	}
	s, e := toks[a].s, toks[appEnd-1].e
	// The person the apposition names wins over a description of the head
	// ("His foreign minister, Sergei Lavrov, said") and over a body named
	// in the head ("… commander in the Kastus Kalinouski Regiment, Denys
	// Prokhorov, said"); a person named in the head stays.
	head, _ := x.entityIn(toks[a].s, toks[b-1].e)
	if c.st.Speaker.Entity == "" || head < 0 || x.ents[head].Type != crosscheck.TypePerson {
		if ei, _ := x.entityIn(toks[b].e, e); ei >= 0 && x.ents[ei].Type == crosscheck.TypePerson {
			sp, _ := x.speaker(toks[b].e, e, toks[b:appEnd])
			c.st.Speaker = sp
		}
	}
	c.st.Speaker.Text, c.st.Speaker.Start, c.st.Speaker.End = x.text[s:e], s, e
	if c.st.Speaker.Affiliation == "" && strings.Contains(c.st.Speaker.Text, ", who ") {
		// a relative clause saying what the person is or was says whom
		// they speak for, as an apposition does ("Kelly Craft, who was
		// the United States ambassador to the UN, said"); appositions
		// themselves are the entity stage's (entity.Find)
		if ei := x.entIndex(c.st.Speaker.Entity); ei >= 0 && x.ents[ei].Type == crosscheck.TypePerson {
			c.st.Speaker.Affiliation = x.affiliation(x.ents[ei], c.st.Speaker.Text)
		}
	}
}

// baseSubject reports whether the phrase [a, b) before a base-form cue at
// i can be its subject: a plural or a pronoun other than he/she/it, or an
// auxiliary in between ("will say", "did not confirm").
func (x *extractor) baseSubject(toks []tok, a, b, i int) bool {
	for k := b; k < i; k++ {
		if toks[k].kind == tWord {
			switch toks[k].low {
			case "will", "would", "could", "can", "may", "might", "should", "must", "did", "do", "does", "to", "not", "n't", "also", "often", "still", "now", "never":
				return true
			}
		}
	}
	h := toks[b-1].low
	switch h {
	case "they", "we", "i", "you", "who":
		return true
	case "he", "she", "it":
		return false
	}
	if b-a >= 3 {
		for _, t := range toks[a:b] {
			if t.low == "and" {
				return true
			}
		}
	}
	// a capital only as the sentence's first word ("Experts note that
	// …"), not a name's ("Reuters", "Jones")
	capital := toks[b-1].cap && !(b-1 == 0 && !x.inMention(toks[b-1].s))
	return strings.HasSuffix(h, "s") && !strings.HasSuffix(h, "ss") && !capital
}

// byline reports whether cue m is a reporter's own sign-off in a live
// report, not a source speaking: "…, Jennifer Rankin writes from
// Brussels." — "writes" or "reports" and then only "from" and a place to
// the end of the sentence.
func (x *extractor) byline(toks []tok, m match) bool {
	if m.c.lemma != "write" && m.c.lemma != "report" {
		return false
	}
	j := m.j
	if j >= len(toks) || toks[j].low != "from" {
		return false
	}
	k := j + 1
	for k < len(toks) && toks[k].kind == tWord && toks[k].cap {
		k++
	}
	return k > j+1 && (k == len(toks) || k == len(toks)-1 && toks[k].kind == tPunct)
}

// accusation maps the cues that charge someone with something to the
// preposition that opens the charge: "accused X of", "blamed X for".
var accusation = map[string]string{"accuse": "of", "blame": "for", "criticize": "for", "criticise": "for", "condemn": "for", "suspect": "of", "charge": "with",
	// and a characterisation: "the meeting, which state media described
	// as “warm and friendly”"
	"describe": "as", "characterize": "as", "characterise": "as", "portray": "as", "label": "as", "brand": "as", "hail": "as", "dismiss": "as", "denounce": "as"}

// relativeObject reports whether low is a relative pronoun that can be the
// object of the clause it opens ("whom Kyiv accused of …").
func relativeObject(low string) bool {
	return low == "who" || low == "whom" || low == "which"
}

// auxAfterNoun reports whether low, right after a word, shows that word to
// be the head of a subject ("the border posts would", "his claims were").
func auxAfterNoun(low string) bool {
	switch low {
	case "would", "will", "could", "can", "may", "might", "should", "must", "were", "are", "is", "was", "have", "has", "had":
		return true
	}
	return false
}

// inverted reports whether the subject starting at a follows an auxiliary
// that opens the sentence (only marks before it): a question or a
// condition, not a statement. After "do" or a modal the verb is a base
// form (base): "Will Smith said", "Can Dündar said" are names.
func inverted(toks []tok, a int, base bool) bool {
	k := a - 1
	if k < 0 || toks[k].kind != tWord {
		return false
	}
	for _, t := range toks[:k] {
		if t.kind == tWord {
			return false
		}
	}
	low := strings.TrimSuffix(strings.TrimSuffix(toks[k].low, "n't"), "n’t")
	switch low {
	case "wo":
		low = "will"
	case "ca":
		low = "can"
	}
	if modal(low) || doAux(low) {
		return base
	}
	return auxAfterNoun(low)
}

// connective reports whether low, alone before an interrupting
// attribution, links the sentence to the one before and says nothing of
// the claim ("But, Minic cautioned, …").
func connective(low string) bool {
	switch low {
	case "but", "however", "yet", "still", "meanwhile", "moreover", "indeed", "nevertheless", "nonetheless", "so", "and":
		return true
	}
	return false
}

// objectRelative reports whether low, right before a pronoun subject, is
// the object of the verb after it ("nothing they announced was new",
// "everything they ask"); "all she said was that …" still reports.
func objectRelative(low string) bool {
	switch low {
	case "everything", "anything", "something", "nothing", "whatever":
		return true
	}
	return false
}

// supposed reports whether the subject starting at a follows an "if" or
// "unless" that opens the sentence ("If the minister says the talks
// failed, …"), or "in case" anywhere ("… in case Russia threatens an
// attack"): a condition, not a statement.
func supposed(toks []tok, a int) bool {
	if a > 1 && toks[a-1].low == "case" && toks[a-2].low == "in" {
		return true
	}
	k := a - 1
	if k < 0 || toks[k].kind != tWord || toks[k].low != "if" && toks[k].low != "unless" {
		return false
	}
	if k > 0 && toks[k-1].low == "even" {
		k--
	}
	for _, t := range toks[:k] {
		if t.kind == tWord {
			return false
		}
	}
	return true
}

// elaboration reports whether the tokens open an example or an addition to
// what came before ("such as …", "including …", "especially …") rather
// than a content of their own.
func elaboration(toks []tok) bool {
	if len(toks) == 0 || toks[0].kind != tWord {
		return false
	}
	switch toks[0].low {
	case "such", "including", "especially", "particularly", "notably", "mainly", "mostly":
		return true
	}
	return false
}

// rejects are the cues whose object is a claim they reject ("a claim
// Kyiv rejected").
var rejects = map[string]bool{"reject": true, "deny": true, "dismiss": true, "dispute": true, "refute": true, "ridicule": true, "debunk": true, "contest": true, "challenge": true}

// subordinator reports whether t opens a subordinate clause whose own
// statement ends before the main clause ("although X said …, Y …").
func subordinator(t tok) bool {
	if t.kind != tWord {
		return false
	}
	switch t.low {
	case "although", "though", "while", "because", "since", "if", "whereas", "once", "unless", "when":
		return true
	}
	return false
}

// hearsay reports whether a participle before "to be" or "to have" says
// what is said of its noun ("a city said to be", "a man believed to have
// fled"), not what its subject claims ("Russia claimed to have captured").
func hearsay(low string) bool {
	switch low {
	case "said", "believed", "thought", "reported", "alleged", "rumoured", "rumored", "understood", "considered", "reputed", "estimated":
		return true
	}
	return false
}

// indefiniteNoun reports whether the one-word cue at i is a noun after an
// indefinite article and at most one adjective ("a challenge", "a
// difficult challenge"), not a verb after a subject: a tensed form is a
// verb ("a witness said", "a spokesman claims"), and so is any form after
// a speaker's role ("a spokesman warning", as entity's referents know
// roles).
func (x *extractor) indefiniteNoun(toks []tok, i int, c *cue) bool {
	if len(c.words) != 1 || i == 0 || toks[i-1].kind != tWord {
		return false
	}
	if p := toks[i-1].low; p == "a" || p == "an" {
		return true // no verb follows an article
	}
	// After "a" and a word, a base form or an -ing form is a noun ("a
	// difficult challenge", "a stern warning"); a verb there has a tense
	// ("a witness said", "a spokesman claims")
	if w := toks[i].low; w != c.lemma && !strings.HasSuffix(w, "ing") {
		return false
	}
	if i < 2 || toks[i-2].kind != tWord || toks[i-2].low != "a" && toks[i-2].low != "an" || toks[i-1].cap {
		return false
	}
	return x.referKind(x.text[toks[i-1].s:toks[i-1].e]) == ""
}

// wordsOnly reports whether toks are all words: no comma or quotation
// mark between a cue and its content ("As analysts warn of an invasion",
// not "As he said, “…”").
func wordsOnly(toks []tok) bool {
	for _, t := range toks {
		if t.kind != tWord {
			return false
		}
	}
	return true
}

// auxClauseAt reports whether a subject and an auxiliary open the words
// from i ("it did not trust", "the army will").
func auxClauseAt(toks []tok, i int) bool {
	if i >= len(toks) || toks[i].kind != tWord || !(toks[i].cap || toks[i].has(wDet|wHe|wThey|wIt)) {
		return false
	}
	for k := i + 1; k < len(toks) && k-i <= 4; k++ {
		if toks[k].kind != tWord {
			return false
		}
		switch toks[k].low {
		case "did", "does", "do", "will", "would", "could", "can", "should", "must", "may", "might", "kept", "remains", "remained":
			return true
		}
	}
	return false
}

// anaphoricThis reports whether the object at token k is a bare "this" or
// "so" that stands for what was said before ("said this while …", "said
// so on Friday"): nothing but a circumstance, time or the sentence's end
// follows it.
func (x *extractor) anaphoricThis(toks []tok, k int) bool {
	if toks[k].kind != tWord || toks[k].low != "this" && toks[k].low != "so" {
		return false
	}
	if k+1 >= len(toks) || toks[k+1].kind == tPunct {
		return true
	}
	n := toks[k+1]
	if n.kind != tWord || n.cap {
		return false
	}
	if n.has(wTime) {
		return false // "said this week"
	}
	switch n.low {
	case "while", "during", "in", "at", "on", "when", "after", "before", "as", "ahead":
		return k+2 < len(toks) && !toks[k+2].has(wTime)
	}
	return false
}

// relativeSubject finds, before the cue at i, a subject with a relative
// clause between it and the cue: "Officials who spoke on condition of
// anonymity said", "US voters who admire Mr Putin and spoke to the BBC
// praised". "who" stands at most twelve words before the cue, with at
// least one word between, no mark and no cue among those words, and no
// "to", "and", "or" or "but" right before the cue; the phrase before
// "who" must be speaker-like. It returns that phrase and the index of
// "who".
func (x *extractor) relativeSubject(toks []tok, i int) (int, int, int, bool) {
	if i > 0 && toks[i-1].low == "to" {
		return 0, 0, 0, false // "representatives who were to express …": no statement made
	}
	for w := i - 1; w > 0 && i-w <= 12; w-- {
		t := toks[w]
		if t.kind != tWord {
			// "… family members who have been separated, Blinken said":
			// the clause ends before the speaker
			return 0, 0, 0, false
		}
		switch {
		case (t.low == "and" || t.low == "or" || t.low == "but") && w == i-1:
			// "the only candidate who based his platform on X and
			// called for …": the cue is the clause's own second verb
			return 0, 0, 0, false
		case t.low != "who" || t.cap: // "Who Gives a Crap said": a name
			if x.isAnyCue(t.low) && !x.hasNoun(t.low) {
				return 0, 0, 0, false // "who said …": its own statement
			}
			continue
		case w == i-1:
			return 0, 0, 0, false // "who said": the pronoun is the speaker
		}
		if toks[w-1].is(tPunct, ",") {
			return 0, 0, 0, false // "Putin, who …, said": the name's apposition is leftNP's
		}
		a, b, passive, ok := x.leftNP(toks, w)
		if !ok || passive || !x.speakerLike(toks[a:b]) {
			return 0, 0, 0, false
		}
		return a, b, w, true
	}
	return 0, 0, 0, false
}

// unsaid reports whether the cue at i is negated and its content, from
// rs, opens with a question word: "His office did not say which leaders
// he would call", "would not specify when": what was not said, no
// statement.
func unsaid(toks []tok, i, rs int) bool {
	if rs >= len(toks) || toks[rs].kind != tWord {
		return false
	}
	question := func(low string) bool {
		switch low {
		case "which", "whether", "when", "where", "how", "who", "what", "why", "if":
			return true
		}
		return false
	}
	// "whether" and "if" open the content like "that" (rightStart skips them)
	if !question(toks[rs].low) && !(rs > 0 && (toks[rs-1].low == "whether" || toks[rs-1].low == "if")) {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if l := toks[k].low; l == "not" || l == "never" || strings.HasSuffix(l, "n't") {
			return true
		}
	}
	return false
}

// withholds reports whether "deny" before toks[k:] means to withhold, not
// to dispute: what it withholds ("denied access to the inspectors"), a
// person it is withheld from ("denied him entry"), or a name and a thing
// ("is denying Kyiv the strike capability it needs").
func withholds(toks []tok, k int) bool {
	if k >= len(toks) || toks[k].kind != tWord {
		return false
	}
	t := toks[k]
	if t.has(wWithheld) {
		return true
	}
	switch t.low {
	case "him", "her", "them", "us", "me":
		return k+1 < len(toks) && toks[k+1].kind == tWord
	}
	if !t.cap {
		return false
	}
	e := k
	for e < len(toks) && toks[e].kind == tWord && toks[e].cap && e-k < 4 {
		e++
	}
	if e >= len(toks) || toks[e].kind != tWord {
		return false
	}
	switch toks[e].low {
	case "the", "a", "an", "any", "its", "their", "his", "her":
		return true
	}
	return toks[e].has(wWithheld)
}

// freeRelative reports whether the cue's clause is a free relative: "ran
// to what they thought was a safe place", "what the senators said was
// gerrymandering". With a belief cue it names a thing, not a view anyone
// put forward; with a speech cue it is still a statement. The subject
// (from a) follows "what" or "where", and a form of "be" follows the cue
// (at rs).
func freeRelative(toks []tok, a, rs int) bool {
	if a < 1 || rs >= len(toks) || toks[a-1].kind != tWord || toks[rs].kind != tWord {
		return false
	}
	if w := toks[a-1].low; w != "what" && w != "where" {
		return false
	}
	switch toks[rs].low {
	case "is", "was", "are", "were":
		return true
	}
	return false
}

// factSubject reports whether the sentence opens with "The fact that" and
// no comma stands between it and the cue at i: the clause is the subject.
func factSubject(toks []tok, i int) bool {
	if len(toks) < 4 || toks[0].low != "the" || toks[1].low != "fact" || toks[2].low != "that" {
		return false
	}
	for _, t := range toks[3:i] {
		if t.is(tPunct, ",") {
			return false
		}
	}
	return true
}

// rejectedBy reads a passive rejection whose agent follows "by": in a
// note on the claim before it ("…, a claim flatly rejected by the U.S. and
// Ukraine") the content is that of the sentence's statement before the
// note; after a subject and "was" or "were" (passiveRejection) it is the
// subject.
func (x *extractor) rejectedBy(si int, toks []tok, m match) (int, bool) {
	i, j := m.i, m.j
	p := i - 1
	for p > 0 && toks[p].kind == tWord && !toks[p].cap && (adverb(toks[p].low) || toks[p].has(wSkip)) {
		if passiveAux(toks[p].low) {
			return x.passiveRejection(si, toks, m, p)
		}
		p-- // "flatly", "repeatedly"
	}
	if p < 2 || toks[p].kind != tWord || !claimNouns[toks[p].low] {
		return j, false
	}
	n := p - 1 // the article before the noun, or an adjective and the article
	if toks[n].kind == tWord && !toks[n].has(wDet) {
		n--
	}
	if n < 1 || toks[n].kind != tWord || !toks[n].has(wDet) || x.claimNote(toks, n-1) == 0 {
		return j, false
	}
	a, b, ok := x.rightNP(toks, j+1)
	if !ok || !x.speakerLike(toks[a:b]) {
		return j, false
	}
	for k := len(x.out) - 1; k >= 0 && x.out[k].sent == si; k-- {
		if prev := x.out[k]; !prev.drop && prev.st.Content.End <= toks[n-1].s && prev.st.Content.Start < prev.st.Content.End {
			st := x.add(si, toks, m, a, b, prev.st.Content.Start, prev.st.Content.End, -1, false)
			st.region = toks[n-1].s
			return b, true
		}
	}
	return j, false
}

// passiveAux reports whether a word makes the participle after it passive.
func passiveAux(low string) bool {
	switch low {
	case "is", "are", "was", "were", "been", "being":
		return true
	}
	return false
}

// passiveRejection reads "The claims were denied by the Kremlin": the
// agent after "by" denies what the subject before the auxiliary (at aux)
// names, when that subject opens its clause.
func (x *extractor) passiveRejection(si int, toks []tok, m match, aux int) (int, bool) {
	j := m.j
	sb := aux
	if sb > 0 && toks[sb-1].kind == tWord && (toks[sb-1].low == "that" || toks[sb-1].low == "which") {
		// "referendums on joining Russia that are dismissed by Kyiv":
		// which phrase the relative stands for is not read here
		return j, false
	}
	sa := x.nounPhraseBefore(toks, sb)
	if sa >= sb || sb == sa+1 && toks[sa].has(wHe|wThey|wIt) || sa > 0 && toks[sa-1].kind == tWord {
		// "it was denied by …": what is denied is said before; a
		// phrase that does not open its clause is no subject read here
		return j, false
	}
	a, b, ok := x.rightNP(toks, j+1)
	if !ok || !x.speakerLike(toks[a:b]) {
		return j, false
	}
	x.add(si, toks, m, a, b, toks[sa].s, toks[sb-1].e, -1, false)
	return b, true
}

// nounPhraseBefore returns where the noun phrase that ends at token b
// starts: determiners, nouns, adjectives and "of" back to a mark, a verb
// or another function word, at most eight ("the claims", "the results of
// the vote"; "staging referendums" → "referendums").
func (x *extractor) nounPhraseBefore(toks []tok, b int) int {
	a := b
	for a > 0 && b-a < 8 {
		t := toks[a-1]
		if t.kind != tWord || !t.cap && (x.verbLike(t) || ingForm(t.low) || x.pastTense(t.low)) {
			break
		}
		if t.has(wStop) && !t.has(wDet) && t.low != "of" {
			break
		}
		a--
	}
	for a < b && toks[a].kind == tWord && toks[a].low == "of" {
		a++
	}
	return a
}

// subjectVerbBefore finds whether the words before k open with a clause,
// a subject and its past-tense verb ("The minister met the envoy", "Putin
// spoke to reporters"), whose subject the finite cue at i after "and"
// shares ("… and said", "… but says"; not "to check and verify", a verb
// of the same infinitive). A cue before k ("…,” said Vucić and pointed
// out") leaves the sentence to the statement it makes.
// It returns where the subject ends (the first verb), or -1.
func (x *extractor) subjectVerbBefore(toks []tok, k, i int, lemma string) int {
	if !x.finiteAt(toks, i, lemma) || k <= 2 || toks[0].has(wPrep|wStop) || !x.clauseAt(toks, 0) || x.hasCue(toks[:k]) {
		return -1 // not "In findings published …, scientists examined"
	}
	for v := 1; v < k && v <= 5; v++ {
		t := toks[v]
		if t.kind != tWord {
			return -1
		}
		if !t.cap && (x.pastTense(t.low) || t.low == "was" || t.low == "were" || t.low == "had" || t.low == "has" || t.low == "is" || t.low == "are") {
			if x.speakerLike(toks[:v]) {
				return v
			}
			return -1
		}
	}
	return -1
}

// pointsBack reports whether the object at k is a bare "it", "this" or
// "that" closing the clause ("denied it.", "rejected this on Monday").
func pointsBack(toks []tok, k int) bool {
	switch toks[k].low {
	case "it", "this", "that":
	default:
		return false
	}
	if k+1 >= len(toks) || toks[k+1].kind == tPunct && !toks[k+1].is(tPunct, "-") {
		return true
	}
	n := toks[k+1]
	return n.kind == tWord && !n.cap && (n.has(wTime) || n.has(wPrep) || n.low == "as" || n.low == "outright" || adverb(n.low))
}

// seenBy finds, before a medium's phrase [a, b) that follows "by" and a
// participle of meeting or reading ("interviewed by the BBC", "reviewed
// by Reuters", "seen by AFP"), the phrase that participle is said of, and
// the media named; no media when there is no such phrase.
func (x *extractor) seenBy(toks []tok, a, b int) (int, int, []string) {
	if a < 3 || toks[a-1].low != "by" || !x.lx.is(toks[a-2].low, wSeenBy) {
		return 0, 0, nil
	}
	media := x.mediaIn(toks[a:b])
	if len(media) == 0 {
		return 0, 0, nil
	}
	a2, b2, _, ok := x.simpleNP(toks, a-2)
	if !ok || !x.speakerLike(toks[a2:b2]) {
		return 0, 0, nil
	}
	return a2, b2, media
}

// finiteAt reports whether the cue word at i, of the lemma, is finite: a
// form other than the lemma and its -ing ("said", "says", "found"), a
// base form after an auxiliary ("did not say", "didn't say") or a plural
// present; not a second infinitive ("to check and verify").
func (x *extractor) finiteAt(toks []tok, i int, lemma string) bool {
	w := toks[i].low
	if w != lemma && !ingForm(w) || x.pastTense(w) {
		return true // "said", "says", "found"
	}
back:
	for k := i - 1; k >= 0 && i-k <= 3 && toks[k].kind == tWord; k-- {
		switch l := toks[k].low; {
		case l == "not" || adverb(l):
		case contracted(l) || doAux(l) || modal(l):
			return true
		default:
			break back // the auxiliary stands right before, past "not" and adverbs
		}
	}
	// a plural present ("participants stand with Ukraine and express
	// their determination") unless the verb before "and" is an
	// infinitive ("wants to check and verify it")
	for k := i - 1; k >= 1 && i-k <= 10; k-- {
		if toks[k].kind != tWord {
			return true
		}
		if toks[k-1].low == "to" && !toks[k].cap && !toks[k].has(wDet) {
			return false
		}
	}
	return true
}

// possessiveDeterminer reports whether low is a possessive determiner
// ("its", "their", "her").
func possessiveDeterminer(low string) bool {
	switch low {
	case "its", "their", "his", "her", "our", "my", "your":
		return true
	}
	return false
}

// ownerWord reports whether low is a possessive determiner that is no
// object pronoun too ("its", "their"; not "her").
func ownerWord(low string) bool { return low != "her" && possessiveDeterminer(low) }

// periodic reports whether low is an adjective of when or how often a
// report comes, which stands between an owner and the noun of a cue
// ("its daily reports", "their latest statement").
func periodic(low string) bool {
	switch low {
	case "daily", "weekly", "monthly", "annual", "yearly", "nightly", "regular", "latest", "recent", "last", "previous", "earlier", "new", "first", "own", "official", "morning", "evening":
		return true
	}
	return false
}

// superlative reports whether low is an adjective of rank that stands
// between an owner and its noun ("Russia's greatest fears", "the West's
// main concern").
func superlative(low string) bool {
	switch low {
	case "greatest", "biggest", "worst", "deepest", "gravest", "largest", "main", "primary", "principal", "key", "oldest", "strongest":
		return true
	}
	return false
}

// tellForm reports whether low is a form of "tell", whose object is the
// one spoken to.
func tellForm(low string) bool {
	return low == "told" || low == "tell" || low == "tells" || low == "telling"
}

// regardsAs reports whether the words from j are an object and "as" with
// what it is taken for ("sees these moves as a challenge", "regarded the
// strike as retaliation") after a cue of regard: a few words, no
// punctuation, then "as" and more.
func regardsAs(lemma string, toks []tok, j int) bool {
	switch lemma {
	case "see", "view", "regard", "consider", "perceive":
	default:
		return false
	}
	for p := j + 1; p < len(toks)-1 && p-j <= 6; p++ {
		if toks[p].kind != tWord {
			return false
		}
		if toks[p].low == "as" {
			return toks[p+1].kind == tWord
		}
	}
	return false
}

// turnsDown reports whether "reject" before toks[k:] turns something down
// rather than disputes it: its object is a noun phrase of a few words
// whose head is what is declined ("rejected the Soviet request",
// "rejected Moscow's peace plan"), with no clause after it ("rejected the
// idea that …" disputes).
func turnsDown(toks []tok, k int) bool {
	for p := k; p < len(toks) && p-k < 6; p++ {
		t := toks[p]
		if t.is(tPunct, "'") || t.is(tPunct, "’") {
			continue // "the Soviets' request"
		}
		if t.kind != tWord {
			return false
		}
		if t.has(wDeclined) {
			return p+1 == len(toks) || toks[p+1].kind != tWord || toks[p+1].low != "that"
		}
		if t.has(wPrep) || t.has(wThat) {
			return false
		}
	}
	return false
}

// modalBefore returns the word before the cue at i, past an adverb of
// time or degree ("could now", "may soon", "might even"), lower case.
func modalBefore(toks []tok, i int) string {
	k := i - 1
	if k > 0 && toks[k].kind == tWord {
		switch toks[k].low {
		case "now", "soon", "even", "also", "still", "yet", "well", "then", "again":
			k--
		}
	}
	if k < 0 || toks[k].kind != tWord {
		return ""
	}
	return toks[k].low
}

// namedAfter reports whether toks[j:] open with a name the entity stage
// found, two capitalised words or more, and end the sentence there or
// after an apposition set off by a comma ("Sohrab Ahmari, a contributing
// editor of the American Conservative.").
func (x *extractor) namedAfter(toks []tok, j int) bool {
	k := j
	for k < len(toks) && toks[k].kind == tWord && toks[k].cap {
		k++
	}
	if k-j < 2 || !x.inMention(toks[j].s) {
		return false
	}
	if k == len(toks) || toks[k].is(tPunct, ".") && k == len(toks)-1 {
		return true
	}
	if !toks[k].is(tPunct, ",") || k+1 >= len(toks) || toks[k+1].kind != tWord || !toks[k+1].has(wDet) {
		return false
	}
	for p := k + 1; p < len(toks); p++ {
		if toks[p].kind != tWord && !(toks[p].is(tPunct, ".") && p == len(toks)-1) {
			return false
		}
	}
	return true
}

// conditionIn reports whether a speaker phrase holds the opening of a
// condition ("in case Russia", "in the event that Moscow", "unless Kyiv"):
// the cue after it is supposed, not said.
func conditionIn(p []tok) bool {
	for k, t := range p {
		if t.kind != tWord {
			continue
		}
		switch {
		case t.low == "unless", t.low == "if" && k > 0:
			return true
		case t.low == "case" && k > 0 && p[k-1].low == "in":
			return true
		case t.low == "event" && k > 1 && p[k-1].low == "the" && p[k-2].low == "in":
			return true
		}
	}
	return false
}
