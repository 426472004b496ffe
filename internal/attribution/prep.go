package attribution

import "github.com/crosscheck/crosscheck"

// prep handles "according to X, …" and "…, according to X".
func (x *extractor) prep(si int, toks []tok, m match) (int, bool) {
	i, j := m.i, m.j
	a, b, ok := x.rightNP(toks, j)
	if !ok {
		return j, false
	}
	for e := a + 1; e < b; e++ {
		if asideDash(toks, e) {
			b = e // "according to the minister - the government …"
			break
		}
		if toks[e].kind == tWord && !toks[e].cap && auxiliary(toks[e].low) || newPhrase(toks, e) {
			// "which according to experts is of key importance",
			// "according to officials the bridge was destroyed": the
			// clause goes on after the source
			b = e
			break
		}
	}
	// The source runs to the clause's end: "according to exit polls
	// reported by CNN and other networks, …"; a pronoun is all of it
	// ("according to him, Belarus and Russia attach …").
	pronoun := b == a+1 && toks[a].has(wHe|wThey|wIt)
	if w := toks[a].low; w == "him" || w == "them" || (w == "her" || w == "us" || w == "me") && a+1 < len(toks) && toks[a+1].kind != tWord {
		b, pronoun = a+1, true // "according to him, Belarus and Russia …"
	}
	for e := b; e < len(toks) && e-j < 30 && !pronoun; e++ {
		t := toks[e]
		if t.is(tPunct, ",") && !x.listAhead(toks, e+1) || t.is(tPunct, ".") || t.is(tPunct, ";") || t.is(tPunct, ":") || t.kind == tOpen || t.kind == tClose || asideDash(toks, e) {
			b = e
			break
		}
		if t.kind == tWord && (t.has(wThat) || x.isAnyCue(t.low) && !x.hasNoun(t.low)) {
			break
		}
		if e > a && t.kind == tWord && !t.cap && auxiliary(t.low) {
			b = e // "which according to experts is of key importance": the clause's verb
			break
		}
		if e > a && newPhrase(toks, e) {
			b = e // "according to officials the bridge was destroyed"
			break
		}
		if e == len(toks)-1 {
			b = len(toks)
		}
	}
	for b > a+1 && toks[b-1].kind != tWord {
		b--
	}
	// The source's name after its description closes the sentence:
	// "…, according to Russian independent news outlet, Mediazona."
	if b < len(toks) && toks[b].is(tPunct, ",") && toks[b-1].kind == tWord && !toks[b-1].cap {
		n := b + 1
		for n < len(toks) && n-b <= 4 && toks[n].kind == tWord && toks[n].cap {
			n++
		}
		if n > b+1 && (n == len(toks) || n == len(toks)-1 && toks[n].kind == tPunct) {
			b = n
		}
	}
	// Clause-initial: content follows the phrase after a comma. A time or
	// place phrase may come first: "This week, according to his lawyer, …".
	initial := true
	for k := 0; k < i; k++ {
		if toks[k].kind == tWord && !toks[k].has(wIntro) {
			initial = false
			break
		}
	}
	if !initial && i > 0 && toks[i-1].is(tPunct, ",") && (x.timeAhead(toks, 0) == i-1 || x.adjunct(toks[:i-1]) && i-1 <= 6) {
		initial = true
	}
	// "The front is frozen and, according to Fix, the war will go on": the
	// source belongs to the clause the conjunction opens
	if !initial && i > 1 && (toks[i-1].is(tPunct, ",") || asideDash(toks, i-1)) && toks[i-2].kind == tWord && (toks[i-2].low == "and" || toks[i-2].low == "but") {
		initial = true
	}
	// "The Washington Post reports that, according to analysts, Russia
	// increased …": the source belongs to the clause "that" opens, and the
	// medium that reports it relays it
	var relays []string
	if !initial && i > 1 && toks[i-1].is(tPunct, ",") && toks[i-2].kind == tWord && toks[i-2].has(wThat) {
		initial = true
		relays = x.mediaIn(toks[:i-2])
	}
	// "… the hotel in St Petersburg, where, according to Russian media,
	// the Wagner founder has kept an office": so does the relative clause;
	// one of "which" or "who" ends at its comma ("The hotel, which,
	// according to local media, belongs to him, was searched")
	relative := false
	if !initial && i > 2 && (toks[i-1].is(tPunct, ",") || asideDash(toks, i-1)) && toks[i-3].is(tPunct, ",") && toks[i-2].kind == tWord {
		switch toks[i-2].low {
		case "where", "when":
			initial = true
		case "which", "who":
			initial, relative = true, true
		}
	}
	if initial {
		k := b
		if k < len(toks) && (toks[k].is(tPunct, ",") || asideDash(toks, k)) {
			k++
		}
		// "According to a senior official, who spoke on condition of
		// anonymity, thousands more troops …": the relative clause
		// describes the source; the content follows it.
		if k < len(toks) && toks[k].kind == tWord && (toks[k].low == "who" || toks[k].low == "which") {
			n := k + 1
			for n < len(toks) && n-k <= 15 && !toks[n].is(tPunct, ",") && toks[n].kind != tOpen {
				n++
			}
			if n < len(toks) && toks[n].is(tPunct, ",") {
				k = n + 1
			}
		} else if n, ok := x.namedApposition(toks, k); ok && b < k {
			// "According to the author of the study, the gynecologist Olena
			// Kovalenko, more than half …": the apposition names the
			// source; the content follows it.
			b, k = n, n+1
		} else if n := commaWithin(toks, k, 12); n > k && b < k && toks[b-1].cap && !toks[k].has(wDet) && x.roleBetween(toks, k, n) && x.contentLike(toks[n+1:]) {
			// "According to Mykhailo Podolyak, advisor to the head of the
			// presidential office, the counter-offensive could …": a name's
			// role (no article: "the head of the army" may be the content's
			// subject), then the content
			b, k = n, n+1
		}
		if k >= len(toks) || !x.contentLike(toks[k:]) {
			return b, false
		}
		cs, ce, q := x.rightContent(si, toks, k)
		if relative {
			ce = commaBefore(toks, k, ce)
		}
		if cs >= ce {
			return b, false
		}
		st := x.add(si, toks, m, a, b, cs, ce, q, true)
		st.st.Via = appendVia(st.st.Via, relays)
		return b, true
	}
	e := i
	if e > 0 && (toks[e-1].is(tPunct, ",") || asideDash(toks, e-1)) {
		e--
	}
	if m.c.lemma == "learn" {
		// "…, BelTA learned from the president": the outlet that learned
		// it is no part of the content (nor a relay: it publishes it)
		n := e - 1
		for n > 0 && e-n <= 6 && !toks[n].is(tPunct, ",") {
			n--
		}
		if n <= 0 || !toks[n].is(tPunct, ",") || !x.publisherLearned(toks, n+1) {
			return b, false // "the army learned from its mistakes": no source
		}
		if x.hasCue(toks[:n]) {
			// "Makei said he was pessimistic, BelTA learned from the
			// ministry's press service": the statement is Makei's
			return b, false
		}
		e = n
	}
	if e == 0 {
		return b, false
	}
	if k, ok := x.predicateAfterAside(toks, e, b); ok {
		// "The goal, according to the official, speaking on condition of
		// anonymity, is to help …": the phrase splits a subject from its
		// verb, and the content is the whole clause (as "The aim, the
		// minister said, is …")
		cs, _, _ := x.span(toks, 0, e)
		_, ce, q := x.rightContent(si, toks, k)
		if cs < ce {
			x.add(si, toks, m, a, b, cs, ce, q, true)
			return b, true
		}
	}
	if b < len(toks) && b > a && toks[b].kind == tWord && !toks[b].cap && auxiliary(toks[b].low) && e > 0 && toks[e-1].kind == tWord {
		// "The aid according to experts is of key importance for …":
		// the source stands between a subject and its verb, without
		// commas; the content is the whole clause, as with them (of a
		// relative clause, its predicate)
		cs, _, _ := x.span(toks, 0, e)
		if w := toks[e-1].low; w == "which" || w == "who" {
			cs = toks[b].s // a relative clause's predicate, as between commas
		}
		_, ce, q := x.rightContent(si, toks, b)
		if cs < ce {
			x.add(si, toks, m, a, b, cs, ce, q, true)
			return b, true
		}
	}
	cs, ce, q := x.span(toks, 0, e)
	if cs >= ce {
		return b, false
	}
	// "That's according to a survey by KIIS": the sentence before is the
	// content. When someone said it there ("Syrskyi has said that ….
	// That's according to the Facebook page of the Commander-in-Chief"),
	// the source is where it was said, and the statement is made (a
	// medium named is its relay); not
	// when the sentence reports a view ("Most Ukrainians reject …. That is
	// according to a survey").
	if e <= 3 && si > 0 && (toks[0].low == "that" || toks[0].low == "this" || toks[0].low == "that's") {
		ps := x.sents[si-1]
		if pcs, pce := x.trim(ps.Start, ps.End); pcs < pce {
			// a medium relays what someone said there ("Joseph Wu
			// criticized …. That's according to CNN"): its via
			media := x.mediaIn(toks[a:b])
			for _, c := range x.live() {
				if (speechLemmas[c.st.Cue.Lemma] || len(media) > 0 && !c.act && c.st.Speaker.Type != crosscheck.TypeUnattributed) && x.covered(pcs, pce, []*cand{c}) {
					c.st.Via = appendVia(c.st.Via, media)
					return b, true
				}
			}
			cs, ce, q = pcs, pce, -1
		}
	}
	// "The attack, according to Reuters, was planned for weeks": the
	// source stands inside the clause, whose content runs on after it
	// or between dashes ("Its owner - according to the media - is …",
	// "soldiers were ready - according to Western intelligence - to
	// invade"), where a clause may follow ("Honesty, ethics - according to
	// the former minister - the government did not respect them")
	paren := false
	commas := toks[i-1].is(tPunct, ",") && b+1 < len(toks) && toks[b].is(tPunct, ",")
	dashes := asideDash(toks, i-1) && b+1 < len(toks) && asideDash(toks, b)
	inside := commas && toks[b+1].kind == tWord && !toks[b+1].cap && !isConj(toks[b+1].low) && x.verbLike(toks[b+1])
	if dashes && toks[b+1].kind == tWord && !isConj(toks[b+1].low) {
		inside = !toks[b+1].cap && (x.verbLike(toks[b+1]) || toks[b+1].low == "to") || x.contentLike(toks[b+1:])
	}
	if inside {
		if _, ce2, _ := x.rightContent(si, toks, b+1); ce2 > ce {
			ce, paren = ce2, true
		}
	}
	st := x.add(si, toks, m, a, b, cs, ce, q, false)
	st.paren = paren
	st.region = toks[i].s
	if i > 0 && (toks[i-1].is(tPunct, ",") || asideDash(toks, i-1)) {
		st.region = toks[i-1].s
	}
	return b, true
}

// asideDash reports whether toks[k] is a dash that sets off an aside: an
// en or em dash, or a hyphen standing alone between spaces ("victims -
// according to the report - reached …"), not one inside a word.
func asideDash(toks []tok, k int) bool {
	t := toks[k]
	if !dashTok(t) {
		return false
	}
	return t.low != "-" || (k == 0 || toks[k-1].e < t.s) && (k+1 == len(toks) || t.e < toks[k+1].s)
}

// predicateAfterAside reports where the verb of a clause resumes after a
// source phrase that ends at b and splits it from its subject, the words
// before e: a short subject with no verb of its own, a comma after the
// source (and after a participle aside, "speaking on condition of
// anonymity,"), then a finite verb.
func (x *extractor) predicateAfterAside(toks []tok, e, b int) (int, bool) {
	if e > 8 || x.finiteVerbIn(toks[:e]) || b >= len(toks) || !toks[b].is(tPunct, ",") {
		return 0, false
	}
	k := b + 1
	if k < len(toks) && toks[k].kind == tWord && ingForm(toks[k].low) {
		for k < len(toks) && k-b <= 10 && !toks[k].is(tPunct, ",") {
			k++
		}
		if k >= len(toks) || !toks[k].is(tPunct, ",") {
			return 0, false
		}
		k++
	}
	if k >= len(toks) || toks[k].kind != tWord {
		return 0, false
	}
	switch toks[k].low {
	case "is", "are", "was", "were", "will", "would", "has", "have", "had", "remains", "remained":
		return k, true
	}
	return 0, false
}

// personEndsAt reports whether a mention of a person ends at offset e.
func (x *extractor) personEndsAt(e int) bool {
	for _, m := range x.ments {
		if m.e == e && x.ents[m.ent].Type == crosscheck.TypePerson {
			return true
		}
	}
	return false
}

// namedApposition reports whether toks[k:] opens a noun phrase of a few
// words that ends in a person's name and then a comma ("the
// gynecologist and midwife Olena Kovalenko,"), an apposition naming what
// the phrase before it describes; it returns the index of the comma.
func (x *extractor) namedApposition(toks []tok, k int) (int, bool) {
	if k >= len(toks) || toks[k].kind != tWord || !(toks[k].low == "the" || toks[k].low == "a" || toks[k].low == "an") {
		return 0, false
	}
	for n := k + 1; n < len(toks) && n-k <= 10; n++ {
		t := toks[n]
		if t.is(tPunct, ",") {
			return n, n > k+2 && toks[n-1].cap && toks[n-2].cap && x.personEndsAt(toks[n-1].e)
		}
		if t.kind != tWord || x.verbLike(t) || t.has(wThat) {
			return 0, false
		}
	}
	return 0, false
}

// commaWithin returns the index of the first comma within n tokens from
// toks[k], or -1 when a mark of another kind comes first.
func commaWithin(toks []tok, k, n int) int {
	for p := k; p < len(toks) && p-k <= n; p++ {
		if toks[p].is(tPunct, ",") {
			return p
		}
		if toks[p].kind != tWord {
			return -1
		}
	}
	return -1
}
