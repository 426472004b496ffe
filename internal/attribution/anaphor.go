package attribution

import "github.com/crosscheck/crosscheck"

// thisWas handles a sentence that attributes the one before it: "This was
// reported by the Institute for the Study of War", "This was stated by
// Foreign Minister Kuleba", "This is stated in the resolution adopted by
// PACE". The statement's content is the sentence before (or the paragraph
// before, when it is one sentence); its speaker is the agent after "by",
// or the document after "in", which speaks for its author.
func (x *extractor) thisWas(si int, toks []tok) {
	if si == 0 || len(toks) < 5 || toks[0].kind != tWord || toks[0].low != "this" && toks[0].low != "that" {
		return
	}
	k := 1
	for k < len(toks) && k < 4 && toks[k].kind == tWord && (toks[k].low == "was" || toks[k].low == "is" || toks[k].low == "has" || toks[k].low == "have" || toks[k].low == "been" || toks[k].low == "also") {
		k++
	}
	if k == 1 || k+2 >= len(toks) || toks[k].kind != tWord {
		return
	}
	var found *cue
	j := k
	x.eachCue(toks, k, func(c *cue, n int) bool {
		if c.pattern == patVerb && c.class == "speech" {
			found, j = c, n
			return false
		}
		return true
	})
	if found == nil || j >= len(toks) || toks[j].kind != tWord || toks[j].low != "by" && toks[j].low != "in" {
		return
	}
	a, b, ok := x.rightNP(toks, j+1)
	if !ok {
		return
	}
	// the agent ends at its comma ("by Euractiv, according to …")
	for e := a; e < b; e++ {
		if toks[e].is(tPunct, ",") {
			b = e
			break
		}
	}
	// "in the resolution entitled “…” adopted by PACE": a document whose
	// author the article names later in the sentence
	if kind, ri := x.refer(toks[a].s, toks[b-1].e); kind == refDocument && ri < 0 {
		for e := b; e+1 < len(toks); e++ {
			if toks[e].kind == tWord && toks[e].low == "by" && e > 0 && toks[e-1].kind == tWord && !toks[e-1].cap {
				if a2, b2, ok := x.rightNP(toks, e+1); ok {
					a, b = a2, b2
				}
				break
			}
		}
	}
	ps := x.sents[si-1]
	cs, ce := x.trim(ps.Start, ps.End)
	if cs >= ce || x.covered(cs, ce, x.live()) {
		return
	}
	c := x.add(si, toks, match{k, j, found}, a, b, cs, ce, -1, false)
	if c.st.Speaker.Type == crosscheck.TypeUnattributed {
		c.drop = true
	}
}

// live returns the statements found so far that are not dropped.
func (x *extractor) live() []*cand {
	out := make([]*cand, 0, len(x.out))
	for _, c := range x.out {
		if !c.drop {
			out = append(out, c)
		}
	}
	return out
}
