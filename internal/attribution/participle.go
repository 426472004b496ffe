package attribution

import "strings"

// participle handles ", saying …", "with X stating that …" and "…
// emphasizing the need for …".
func (x *extractor) participle(si int, toks []tok, m match) (int, bool) {
	i, j, c := m.i, m.j, m.c
	if postedAside(toks[i:]) {
		return j, false
	}
	rs, via := x.rightStart(toks, j, c)
	if !x.rightOK(c, toks, rs) || x.displayed(c, toks, rs) || closesAside(toks, i, rs) || c.lemma == "deny" && withholds(toks, rs) || c.lemma == "reject" && turnsDown(toks, rs) {
		return j, false
	}
	cs, ce, q := x.rightContent(si, toks, rs)
	if cs >= ce {
		return j, false
	}
	if q < 0 {
		ce = x.subordinateEnd(toks, i, rs, ce)
	}
	// "X was quoted by ITAR-TASS as saying that …".
	if i >= 4 && toks[i-1].low == "as" {
		for qi := i - 2; qi >= 1 && i-qi <= 8; qi-- {
			if toks[qi].low != "quoted" {
				continue
			}
			a, b, _, ok := x.leftNP(toks, qi)
			if !ok || !x.speakerLike(toks[a:b]) {
				break
			}
			st := x.add(si, toks, m, a, b, cs, ce, q, true)
			st.st.Via = appendVia(st.st.Via, append(x.mediaIn(toks[qi:i]), via...))
			return j, true
		}
	}
	a, b, _, ok := x.leftNP(toks, i)
	if ok && a > 1 && b == a+1 && toks[a].cap && toks[a-1].kind == tWord {
		switch toks[a-1].low {
		case "on", "to", "in", "at", "from", "into", "onto":
			// "posted a message on Twitter blaming …", "a rally in Kyiv
			// calling for …": a name after a preposition is the place,
			// not the speaker ("with X saying" is)
			ok = false
		}
	}
	if ok {
		// "the Security Council issued a statement calling …" speaks
		// through its document; "has backed Kremlin rhetoric blaming …"
		// names no speaker
		switch v := x.verbObject(toks, a, b); {
		case v == a, v > a && !x.issuedDocument(toks, v, i):
			ok = false
		case v > a:
			b = v
		}
	}
	// "with officials citing security concerns": the phrase after "with"
	// is the participle's own subject, named or not
	// ("with 81 percent saying …" counts the sentence's subject: a share
	// of them speaks)
	withSubject := ok && b == i && a > 0 && toks[a-1].kind == tWord && toks[a-1].low == "with" && !startsWithFigure(toks[a:b])
	direct := ok && (b == i || c.class == "speech" && progressive(toks[b:i]) || x.issuedDocument(toks, b, i)) && x.speakerLike(toks[a:b]) && (x.named(toks[a:b]) || withSubject)

	var st *cand
	if !direct {
		// "disinformation that Russia spreads, suggesting that …": the
		// message's source speaks through it
		if a2, b2, found := x.messageSource(toks, i); found {
			a, b, direct = a2, b2, true
		}
	}
	if !direct {
		// "voted on a resolution condemning Russia …": a document right
		// before the participle says it, not the sentence's subject
		if d := x.documentBefore(toks, i); d >= 0 {
			a, b, direct = d, i, true
		}
	}
	if direct {
		st = x.add(si, toks, m, a, b, cs, ce, q, true)
	} else {
		st = x.add(si, toks, m, -1, -1, cs, ce, q, true)
		st.needSubj = true
	}
	st.st.Via = appendVia(st.st.Via, via)
	return j, true
}

// progressive reports whether the words between a subject and its -ing
// cue make a finite progressive verb ("House Republicans are reminding
// …", "the ministry was insisting"): of a verb of speech, the subject is
// the speaker, as for a finite cue, not a clause's subject to be found
// ("Biden was thinking only of Europe" states nothing).
func progressive(between []tok) bool {
	if len(between) == 0 || len(between) > 2 {
		return false
	}
	switch between[0].low {
	case "is", "are", "was", "were":
	default:
		return false
	}
	// "are still insisting", "was also reminding"
	return len(between) == 1 || between[1].kind == tWord && between[1].has(wSkip) && !between[1].cap
}

// closesAside reports whether the words from rs on follow the dash that
// closes an aside the cue at i stands in: "True to the definition of a
// Kinsley gaffe — a politician accidentally telling the truth — Defense
// Secretary Lloyd Austin said …" (the words after the aside are the
// sentence's own, not what the aside's participle reports).
func closesAside(toks []tok, i, rs int) bool {
	if rs >= len(toks) || !dash(toks[rs]) {
		return false
	}
	open := 0
	for _, t := range toks[:i] {
		if dash(t) {
			open++
		}
	}
	return open%2 == 1
}

// issuedDocument reports whether the words [b, i) between a subject and
// its -ing cue are a verb and a document it put out ("the Security
// Council issued a statement calling …", "Xi and Putin signed a joint
// statement calling on …") or an event it held ("held a press conference
// claiming …"): the subject speaks through them.
func (x *extractor) issuedDocument(toks []tok, b, i int) bool {
	if i-b < 2 || i-b > 7 || x.opt.Referrer == nil {
		return false
	}
	v := toks[b]
	if v.kind != tWord || v.cap || !x.pastTense(v.low) {
		return false
	}
	for _, t := range toks[b+1 : i] {
		if t.kind != tWord {
			return false
		}
	}
	end := i // the object, before a place it was put ("a message on Twitter")
	for k := b + 2; k < i; k++ {
		if toks[k].has(wPrep) {
			end = k
			break
		}
	}
	if toks[end-1].has(wEvent) {
		return true // "held a press conference claiming …"
	}
	return x.isDocument(toks, b+1, end)
}

// isDocument reports whether the words [a, b) name a document ("a UN
// General Assembly resolution", "a joint statement").
func (x *extractor) isDocument(toks []tok, a, b int) bool {
	return a < b && x.referKind(x.text[toks[a].s:toks[b-1].e]) == refDocument
}

// subordinateEnd returns where the content from rs of the participle cue
// at i ends when the cue ends an opening subordinate clause: "While Paris
// had kept quiet, stressing its commitment to the treaty, the minister's
// remarks mark a shift" — the content stops at the comma that returns to
// the main clause. The cue follows the sentence's first comma; the comma
// that ends the content is the first after rs that a clause follows (not
// one inside a list: "stressing peace, stability and trade, …").
func (x *extractor) subordinateEnd(toks []tok, i, rs, ce int) int {
	if i < 3 || !toks[i-1].is(tPunct, ",") || !subordinator(toks[0]) {
		return ce
	}
	for _, t := range toks[1 : i-1] {
		if t.is(tPunct, ",") || t.kind == tOpen {
			return ce
		}
	}
	for k := rs + 1; k+1 < len(toks) && toks[k].s < ce; k++ {
		if toks[k].kind == tOpen {
			return ce // a quotation in the content: its own commas
		}
		if toks[k].is(tPunct, ",") && x.mainClauseAt(toks, k+1) {
			return toks[k].s
		}
	}
	return ce
}

// mainClauseAt reports whether a clause opens at token i: a name,
// determiner or pronoun, then within eight words an auxiliary, a past
// tense or a present in -s after a noun ("Gerasimov's statement marks").
func (x *extractor) mainClauseAt(toks []tok, i int) bool {
	if i >= len(toks) || toks[i].kind != tWord || !(toks[i].cap || toks[i].has(wDet|wHe|wThey|wIt)) {
		return false
	}
	if x.clauseAt(toks, i) {
		return true
	}
	for k := i + 1; k < len(toks) && k-i <= 8; k++ {
		t := toks[k]
		if t.kind != tWord {
			return false
		}
		if t.cap || t.has(wStop|wDet) {
			continue
		}
		if len(t.low) > 3 && strings.HasSuffix(t.low, "s") && !strings.HasSuffix(t.low, "ss") && !strings.HasSuffix(t.low, "'s") && !strings.HasSuffix(t.low, "’s") {
			if p := toks[k-1]; p.kind == tWord && !p.has(wStop|wDet) {
				return true
			}
		}
	}
	return false
}

// startsWithFigure reports whether a phrase opens with a number ("81
// percent", "two-thirds").
func startsWithFigure(np []tok) bool {
	if len(np) == 0 || np[0].kind != tWord {
		return false
	}
	w := np[0].low
	return w[0] >= '0' && w[0] <= '9' || strings.Contains(w, "percent") || strings.HasSuffix(w, "thirds") || strings.HasSuffix(w, "quarters")
}

// messageSource finds the named source of a message noun in a relative
// clause that ends at the comma before the participle at toks[i]: "the
// disinformation that Russia spreads, suggesting …", "claims which
// Moscow made, saying …" — the source, as the speaker's phrase [a, b).
func (x *extractor) messageSource(toks []tok, i int) (int, int, bool) {
	v := i - 2
	if v < 3 || !toks[i-1].is(tPunct, ",") || toks[v].kind != tWord || toks[v].cap {
		return 0, 0, false
	}
	a, b, _, ok := x.leftNP(toks, v)
	if !ok || b != v || a < 2 || !(toks[a-1].has(wThat) || toks[a-1].low == "which") || !toks[a-2].has(wMessage) {
		return 0, 0, false
	}
	if !x.speakerLike(toks[a:b]) || !x.named(toks[a:b]) {
		return 0, 0, false
	}
	return a, b, true
}

// documentBefore returns where the noun phrase of a document that ends
// right before the participle at i starts, from its determiner, when a
// preposition stands before it ("voted on a resolution condemning …"),
// or -1.
func (x *extractor) documentBefore(toks []tok, i int) int {
	if i == 0 || toks[i-1].kind != tWord {
		return -1 // "…, in a press statement, noting …": an aside
	}
	for d := i - 2; d >= 0 && i-d <= 4; d-- {
		t := toks[d]
		if t.kind != tWord || t.has(wPrep) {
			return -1
		}
		if t.has(wDet) {
			// after a preposition only: "issued a statement calling …" is
			// the issuer's (issuedDocument)
			if d > 0 && toks[d-1].kind == tWord && toks[d-1].has(wPrep) && x.isDocument(toks, d, i) {
				return d
			}
			return -1
		}
	}
	return -1
}
