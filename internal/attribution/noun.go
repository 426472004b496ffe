package attribution

// noun handles "X's claim that …" and "the claim by X that …".
func (x *extractor) noun(si int, toks []tok, m match) (int, bool) {
	i, j := m.i, m.j
	if i > 0 && toks[i-1].kind == tWord && possessive(toks[i-1].low) && j < len(toks) && toks[j].has(wThat) {
		a, b, _, ok := x.leftNP(toks, i)
		if !ok || !x.speakerLike(toks[a:b]) || !x.named(toks[a:b]) {
			return j, false
		}
		cs, ce, q := x.rightContent(si, toks, j+1)
		if cs >= ce {
			return j, false
		}
		x.add(si, toks, m, a, b, cs, ce, q, true)
		return j, true
	}
	if j+1 < len(toks) && (toks[j].low == "by" || toks[j].low == "from") {
		a, b, ok := x.rightNP(toks, j+1)
		if !ok || b >= len(toks) || !toks[b].has(wThat) || !x.named(toks[a:b]) {
			return j, false
		}
		cs, ce, q := x.rightContent(si, toks, b+1)
		if cs >= ce {
			return j, false
		}
		x.add(si, toks, m, a, b, cs, ce, q, true)
		return b, true
	}
	return j, false
}
