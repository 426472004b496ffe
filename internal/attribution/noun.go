package attribution

// noun handles "X's claim that …", "the claim by X that …" and a noun
// whose source is a place or body named in a preposition phrase: "concerns
// from Washington that …", "fears in Kyiv that …", "claims among Western
// officials that …".
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
	if j+1 < len(toks) && sourcePrep(toks[j].low) {
		a, b, ok := x.rightNP(toks, j+1)
		if !ok || b >= len(toks) || !toks[b].has(wThat) || !x.named(toks[a:b]) {
			return j, false
		}
		if toks[j].low != "by" && toks[j].low != "from" {
			// "fears in Kyiv that": only a place or body that speaks, not
			// "claims in the report that"
			if ei, _ := x.entityIn(toks[a].s, toks[b-1].e); ei < 0 {
				return j, false
			}
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

// sourcePrep reports whether a preposition after a noun cue may name the
// source of the claim: "by", "from", "in" and "among".
func sourcePrep(low string) bool {
	switch low {
	case "by", "from", "in", "among", "within":
		return true
	}
	return false
}
