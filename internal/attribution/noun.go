package attribution

import "strings"

// noun handles "X's claim that …", "the claim by X that …" and a noun
// whose source is a place or body named in a preposition phrase: "concerns
// from Washington that …", "fears in Kyiv that …", "claims among Western
// officials that …".
func (x *extractor) noun(si int, toks []tok, m match) (int, bool) {
	i, j := m.i, m.j
	// the owner right before the noun, or before an adjective of when
	// ("Tulsa police's earlier claim that …")
	own := i
	if i > 1 && periodic(toks[i-1].low) {
		own = i - 1
	}
	if own > 0 && toks[own-1].kind == tWord && possessive(toks[own-1].low) && j < len(toks) && toks[j].has(wThat) {
		a, b, _, ok := x.leftNP(toks, own)
		if !ok || !x.speakerLike(toks[a:b]) || !x.named(toks[a:b]) && a > 0 {
			// a description only as the sentence's subject: "The
			// governor's claim that …", not "laughed at the
			// governor's claim that …"
			return j, false
		}
		cs, ce, q := x.rightContent(si, toks, j+1)
		if a == 0 && q < 0 {
			// The phrase is the sentence's subject: its verb ends the
			// claim ("Ukraine's claim that it had retaken the village
			// could not be verified").
			if k := matrixVerb(toks, j+1); k > 0 && toks[k].s < ce {
				ce = toks[k-1].e
			}
		}
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

// matrixVerb returns the index of the verb of a sentence whose subject is
// a noun with its clause, the clause starting at token from ("… claim that
// Nato is to blame for the war is likely to …"), or -1. It takes only an
// auxiliary or a copula following the clause's own ("that it had retaken
// the village could not …"), with no comma, conjunction or further clause
// between them; a verb of a relative clause ("that the troops who were
// there are leaving") is not the clause's own.
func matrixVerb(toks []tok, from int) int {
	own, relative := -1, false
	for k := from; k < len(toks); k++ {
		t := toks[k]
		if t.kind == tPunct {
			switch t.low {
			case "'", "’", "%", "$":
				continue
			}
			return -1 // a comma, dash or colon: another construction
		}
		if t.kind != tWord {
			continue // quotation marks
		}
		switch t.low {
		case "and", "or", "but", "because", "if", "when", "while", "as", "after", "before", "since", "although",
			"though", "whether", "where", "unless", "until", "than", "so":
			return -1
		case "who", "which", "that", "what", "whom", "whose":
			if own >= 0 {
				return -1
			}
			relative = true
			continue
		}
		if !auxiliary(t.low) {
			continue
		}
		switch {
		case own < 0 && relative:
			relative = false
		case own < 0:
			own = k
		case k == own+1 || toks[k-1].kind == tWord && (auxiliary(toks[k-1].low) || toks[k-1].low == "not"):
			own = k // "would have", "had not"
		default:
			return k
		}
	}
	return -1
}

// auxiliary reports whether low is a finite auxiliary, modal or copula,
// negated or not ("could", "wasn't", "did").
func auxiliary(low string) bool {
	switch low {
	case "won't", "can't":
		return true
	}
	base := strings.TrimSuffix(low, "n't")
	switch base {
	case "do", "does", "did":
		return true
	}
	return auxAfterNoun(base)
}
