package attribution

// colon handles a speaker introduced by a colon before a quotation,
// `Zelenskyy: “We will not give up our land.”`, and in a headline before
// any words: "Trump: Clinton Would Be A Disaster".
func (x *extractor) colon(si int, toks []tok, title bool) {
	for k := 1; k+1 < len(toks) && k <= 7; k++ {
		if !toks[k].is(tPunct, ":") {
			continue
		}
		if toks[k+1].kind != tOpen && !(title && toks[k+1].kind == tWord) {
			return
		}
		a, b, _, ok := x.leftNP(toks, k)
		if !ok || a != 0 || !x.named(toks[a:b]) || x.hasCue(toks[a:b]) {
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
