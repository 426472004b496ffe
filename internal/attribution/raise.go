package attribution

import "github.com/crosscheck/crosscheck"

// raise handles views nobody is named for: "the vote is expected to draw
// a large audience", "It appears that …". The statement is unattributed;
// its content is the subject and the clause. "X seemed to …" and "X
// appears to …" are the reporter's own reading and make none.
func (x *extractor) raise(si int, toks []tok, m match) (int, bool) {
	i, j := m.i, m.j
	k := j
	for k < len(toks) && k-j < 4 && (toks[k].is(tPunct, ",") || toks[k].low == "though" || toks[k].low == "however") {
		k++
	}
	if k >= len(toks) || toks[k].kind != tWord {
		return j, false
	}
	var cs, ce, q int
	switch {
	case toks[k].has(wThat):
		if cs, ce, q = x.rightContent(si, toks, k+1); cs >= ce {
			return j, false
		}
	case toks[k].low == "to":
		if m.c.lemma == "seem" || m.c.lemma == "appear" {
			// "Lukashenko seemed to resist any pressure": the reporter's
			// reading of what someone did, which nobody states ("it seems
			// that …" above is a view without a holder)
			return j, false
		}
		a, b, _, ok := x.leftNP(toks, i)
		if !ok || !x.speakerLike(toks[a:b]) || b < i-2 {
			return j, false
		}
		_, e, _ := x.rightContent(si, toks, k+1)
		if e <= toks[k].e {
			return j, false
		}
		cs, ce, q = toks[a].s, e, -1
	default:
		return j, false
	}
	st := x.add(si, toks, m, -1, -1, cs, ce, q, true)
	st.st.Speaker = crosscheck.Speaker{Type: crosscheck.TypeUnattributed}
	return j, true
}
