package attribution

import "github.com/crosscheck/crosscheck"

// opinionNouns are the heads of "in his opinion", "in the view of
// Western analysts", "in Kyiv's assessment".
var opinionNouns = map[string]bool{"opinion": true, "view": true, "assessment": true, "estimation": true, "judgment": true, "judgement": true}

// opinion handles a view introduced by a prepositional phrase: "In his
// opinion, the offensive will resume", "In the view of Western analysts,
// …", "…, in Kyiv's assessment." The holder is the possessive (a pronoun
// is resolved like a speaker) or the phrase after "of"; the content is the
// rest of the clause. The cue is the phrase up to the holder.
func (x *extractor) opinion(si int, toks []tok) {
	for i := 0; i+3 < len(toks); i++ {
		if toks[i].kind != tWord || toks[i].low != "in" || x.inQuote(toks[i].s) {
			continue
		}
		j := i + 1
		var a, b, n int // the holder [a, b) and the opinion noun n
		switch t := toks[j]; {
		case t.low == "his" || t.low == "her" || t.low == "their":
			if !opinionNouns[toks[j+1].low] {
				continue
			}
			a, b, n = j, j+1, j+1
		case t.low == "the" && opinionNouns[toks[j+1].low] && toks[j+2].low == "of":
			ra, rb, ok := x.rightNP(toks, j+3)
			if !ok || !x.named(toks[ra:rb]) && !x.speakerLike(toks[ra:rb]) {
				continue
			}
			a, b, n = ra, rb, j+1
		default:
			// "in Kyiv's assessment": a possessive name
			k := j
			for k < len(toks) && k-j < 4 && toks[k].kind == tWord && toks[k].cap && !possessive(toks[k].low) {
				k++
			}
			if k >= len(toks)-1 || toks[k].kind != tWord || !toks[k].cap || !possessive(toks[k].low) || !opinionNouns[toks[k+1].low] {
				continue
			}
			a, b, n = j, k+1, k+1
		}
		end := max(n, b-1) + 1 // after the phrase
		m := match{i, n + 1, &cue{words: []string{"in", toks[n].low}, lemma: "opinion", pattern: patPrep}}
		var cs, ce, q int
		right := true
		switch {
		case i == 0 || i == 1 && toks[0].kind == tWord && toks[0].has(wIntro):
			// clause-initial: the content follows the comma
			k := end
			if k < len(toks) && toks[k].is(tPunct, ",") {
				k++
			}
			if k >= len(toks) || !x.contentLike(toks[k:]) {
				continue
			}
			cs, ce, q = x.rightContent(si, toks, k)
		case toks[i-1].is(tPunct, ",") && (end == len(toks) || toks[end].kind == tPunct):
			// sentence-final: the content is before the comma
			cs, ce, q = x.span(toks, 0, i-1)
			right = false
		default:
			continue
		}
		if cs >= ce {
			continue
		}
		st := x.add(si, toks, m, a, b, cs, ce, q, right)
		if t := toks[a]; b == a+1 && (t.low == "his" || t.low == "her" || t.low == "their") {
			// the pronoun of a possessive is resolved as a speaker is
			st.st.Speaker.Type = crosscheck.TypePerson
			if t.low == "their" {
				st.st.Speaker.Type = crosscheck.TypeGroup
			}
			st.pronoun = true
		}
		return
	}
}
