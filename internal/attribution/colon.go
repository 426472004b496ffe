package attribution

import "github.com/crosscheck/crosscheck"

// colon handles a speaker introduced by a colon: before a quotation,
// `Zelenskyy: “We will not give up our land.”`; in a headline before any
// words, "Trump: Clinton Would Be A Disaster"; and in a subheading, a line
// of its own, "Lukashenko about Poland: He wants all of Belarus" or
// `"NYT": China has sold Russia drones` — the speaker opens the line,
// possibly in quotation marks and followed by "about"/"on" and the topic.
func (x *extractor) colon(si int, toks []tok, title bool) {
	if x.transcript(si, toks) {
		return
	}
	for k := 1; k+1 < len(toks) && k <= 8; k++ {
		if !toks[k].is(tPunct, ":") {
			continue
		}
		sub := x.subheading(si)
		if toks[k+1].kind != tOpen && !((title || sub) && toks[k+1].kind == tWord) {
			return
		}
		end := k // the speaker phrase ends before the colon …
		if toks[end-1].kind == tClose && toks[0].kind == tOpen {
			end-- // `"NYT": …`
		}
		for t := 1; t < end; t++ {
			if toks[t].kind == tWord && (toks[t].low == "about" || toks[t].low == "on") {
				end = t // … or before "about" and its topic
				break
			}
		}
		a, b, _, ok := x.leftNP(toks, end)
		if ok {
			// "Governor Edwards addressed the public: …": the subject
			switch v := x.verbObject(toks, a, b); {
			case v == a:
				ok = false
			case v > a:
				b = v
			}
		}
		if ok && toks[0].kind == tOpen && a == 1 {
			a = 0
		}
		if !ok || a != 0 && !(a == 1 && toks[0].kind == tOpen) || !x.named(toks[a:b]) || x.hasCue(toks[a:b]) {
			return
		}
		if b-a <= 2 && toks[a].has(wLabel) {
			return // "Watch: Zelensky visits the front", "BREAKING: …"
		}
		for a < b && toks[a].kind != tWord {
			a++
		}
		if sub && !title && toks[k+1].kind == tWord {
			// a line of its own names a speaker the article knows: not
			// "Graph 2: Demographic Breakdown"
			if ei, _ := x.entityIn(toks[a].s, toks[b-1].e); ei < 0 && !(b == a+1 && acronym(x.text[toks[a].s:toks[a].e])) {
				return
			}
		}
		if x.headingTopic(toks, a, k) {
			return
		}
		cs, ce, q := x.rightContent(si, toks, k+1)
		if cs >= ce {
			return
		}
		x.add(si, toks, match{k, k + 1, &cue{words: []string{":"}, lemma: "say", pattern: patVerb}}, a, b, cs, ce, q, true)
		return
	}
}

// subheading reports whether sentence si is a line of its own: the only
// sentence of its paragraph, short, without a final period.
func (x *extractor) subheading(si int) bool {
	s := x.sents[si]
	if si > 0 && x.sents[si-1].Paragraph == s.Paragraph || si+1 < len(x.sents) && x.sents[si+1].Paragraph == s.Paragraph {
		return false
	}
	line := x.text[s.Start:s.End]
	return len(line) < 200 && line != "" && line[len(line)-1] != '.'
}

// acronym reports whether w is two or more upper-case ASCII letters.
func acronym(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return len(w) >= 2
}

// dashSigned handles a quotation signed with a dash and a name at the end
// of its sentence, as readers' voices and testimonials are printed:
// `“He represents our greatest shame.” ― Sonya Herridge`.
func (x *extractor) dashSigned(si int, toks []tok) {
	n := len(toks)
	k := n - 1
	for k > 0 && toks[k].kind == tWord && toks[k].cap && n-k <= 5 {
		k--
	}
	if k == n-1 || !toks[k].is(tPunct, "―") && !toks[k].is(tPunct, "—") && !toks[k].is(tPunct, "–") {
		return
	}
	a, b := k+1, n
	if !x.named(toks[a:b]) {
		return
	}
	var cs, ce, q int
	switch {
	case k >= 2 && toks[k-1].kind == tClose:
		cs, ce, q = x.leftContent(si, toks, k-1)
	case k == 0 && si > 0 && x.sents[si-1].Paragraph == x.sents[si].Paragraph:
		// the segmenter ended the sentence at the quotation's close
		prev := x.sents[si-1]
		qi, ok := x.qClose[prev.End-x.closeLen(prev.End)]
		if !ok {
			return
		}
		cs, ce, q = max(x.quotes[qi].Start, x.paraStart(si)), x.quotes[qi].End, qi
	default:
		return
	}
	if cs >= ce {
		return
	}
	x.add(si, toks, match{k, k + 1, &cue{words: []string{"―"}, lemma: "say", pattern: patVerb}}, a, b, cs, ce, q, false)
}

// transcript handles a line of an interview transcript: a paragraph that
// opens with the speaker's name in capitals and a colon ("PENCE: Well,
// look, …", "WALLACE: Let's start …"). The content is the rest of the
// paragraph.
func (x *extractor) transcript(si int, toks []tok) bool {
	if si > 0 && x.sents[si-1].Paragraph == x.sents[si].Paragraph {
		return false // not the paragraph's first sentence
	}
	a := 0
	if len(toks) > 0 && toks[0].kind == tOpen {
		a = 1 // a transcript quoted as a whole: `"WALLACE: …`
	}
	k := a
	for k < len(toks) && k-a < 3 && toks[k].kind == tWord && acronym(x.text[toks[k].s:toks[k].e]) {
		k++
	}
	if k == a || k+1 >= len(toks) || !toks[k].is(tPunct, ":") || toks[k+1].kind != tWord && toks[k+1].kind != tOpen {
		return false
	}
	if toks[a].has(wLabel) {
		return false // the outlet's label: "EXCLUSIVE: House Republicans are …"
	}
	if x.headingTopic(toks, a, k) {
		return false
	}
	end := si
	for end+1 < len(x.sents) && x.sents[end+1].Paragraph == x.sents[si].Paragraph {
		end++
	}
	cs, ce := toks[k+1].s, x.sents[end].End
	if cs >= ce {
		return false
	}
	x.add(si, toks, match{k, k + 1, &cue{words: []string{":"}, lemma: "say", pattern: patVerb}}, a, k, cs, ce, -1, true)
	return true
}

// headingTopic reports whether the words toks[a:k] before the colon at k
// name a place, and a statement that names its own speaker follows: "USA:
// Pentagon announced the 18th aid package" is a heading's topic and a
// statement of the Pentagon's, not the USA's.
func (x *extractor) headingTopic(toks []tok, a, k int) bool {
	if a >= k || k+1 >= len(toks) || toks[k+1].kind != tWord || !x.attributedAt(toks, k+1) {
		return false
	}
	ei, _ := x.entityIn(toks[a].s, toks[k-1].e)
	return ei >= 0 && x.ents[ei].Type == crosscheck.TypePlace
}

// attributedAt reports whether toks[i:] open with a capitalised subject
// of at most four words and a cue right after it ("Pentagon announced",
// "The Kremlin said").
func (x *extractor) attributedAt(toks []tok, i int) bool {
	for k := i; k < len(toks) && k-i < 5; k++ {
		t := toks[k]
		if t.kind != tWord {
			return false
		}
		if k > i && !t.cap && x.isAnyCue(t.low) && x.pastTense(t.low) {
			return toks[i].cap
		}
		if k > i && !t.cap && !t.has(wDet) {
			return false
		}
	}
	return false
}
