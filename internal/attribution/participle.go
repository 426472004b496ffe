package attribution

// participle handles ", saying …", "with X stating that …" and "…
// emphasizing the need for …".
func (x *extractor) participle(si int, toks []tok, m match) (int, bool) {
	i, j, c := m.i, m.j, m.c
	rs, via := x.rightStart(toks, j, c.obj)
	if !x.rightOK(c, toks, rs) {
		return j, false
	}
	cs, ce, q := x.rightContent(si, toks, rs)
	if cs >= ce {
		return j, false
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
	direct := ok && b == i && x.speakerLike(toks[a:b]) && x.named(toks[a:b])

	var st *cand
	if direct {
		st = x.add(si, toks, m, a, b, cs, ce, q, true)
	} else {
		st = x.add(si, toks, m, -1, -1, cs, ce, q, true)
		st.needSubj = true
	}
	st.st.Via = appendVia(st.st.Via, via)
	return j, true
}
