package attribution

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
)

// leftContent returns the content that ends at the punctuation token p
// before a speaker ("“…,” Gerasimov stated" or "…, officials said"), and the
// index of the quotation it closes, or -1. A quotation that began in an
// earlier sentence is taken whole.
func (x *extractor) leftContent(si int, toks []tok, p int) (int, int, int) {
	closeIdx := -1
	switch {
	case toks[p].kind == tClose:
		closeIdx = p
	case p > 0 && toks[p-1].kind == tClose:
		closeIdx = p - 1
	}
	if closeIdx >= 0 {
		if q, ok := x.qClose[toks[closeIdx].s]; ok {
			qs := x.quotes[q]
			cs := toks[0].s
			if qs.Start < cs || toks[0].s == qs.Start {
				cs = qs.Start
			}
			return cs, qs.End, q
		}
		return toks[0].s, toks[closeIdx].e, -1
	}
	if p == 0 {
		return 0, 0, -1
	}
	words := 0
	for _, t := range toks[:p] {
		if t.kind == tWord {
			words++
		}
	}
	if words < 3 {
		return 0, 0, -1
	}
	return toks[0].s, toks[p-1].e, -1
}

// rightContent returns the content from token k to the end of the sentence,
// or to the end of a quotation that opens at k and runs on over later
// sentences and paragraphs. Indirect content stops at a participial comment
// (", marking a significant development").
func (x *extractor) rightContent(si int, toks []tok, k int) (int, int, int) {
	if k >= len(toks) {
		return 0, 0, -1
	}
	cs, ce := toks[k].s, toks[len(toks)-1].e
	q := -1
	if toks[k].kind == tOpen {
		if qi, ok := x.qOpen[toks[k].s]; ok {
			q = qi
			ce = max(ce, x.quotes[qi].End)
		}
	}
	inQuote := false
	for p := k; p+1 < len(toks); p++ {
		switch toks[p].kind {
		case tOpen:
			inQuote = true
		case tClose:
			inQuote = false
		}
		if inQuote {
			continue
		}
		// A new clause of the reporter's: "; …", " — …", ", but …".
		if toks[p].is(tPunct, ";") {
			return cs, toks[p].s, q
		}
		if !toks[p].is(tPunct, ",") {
			continue
		}
		n := toks[p+1]
		if n.kind == tWord && (n.low == "and" || n.low == "but") && p > k+2 && x.newClause(toks, p+2) {
			return cs, toks[p].s, q // ", and the Senate is holding talks": the reporter goes on
		}
		if n.kind == tWord && p > k+2 {
			switch n.low {
			case "but", "while", "whereas", "although", "though", "which":
				if p+2 < len(toks) && (toks[p+2].low == "only" || toks[p+2].low == "not" || toks[p+2].low == "also") {
					break // "…, but only on the basis of …" continues the content
				}
				return cs, toks[p].s, q
			}
		}
		if n.kind == tWord && strings.HasSuffix(n.low, "ly") && p+2 < len(toks) {
			n = toks[p+2] // ", directly contradicting …"
		}
		if n.kind == tWord && !n.cap && strings.HasSuffix(n.low, "ing") && len(n.low) > 5 && !n.has(wStop) {
			return cs, toks[p].s, q
		}
	}
	return cs, ce, q
}

// newClause reports whether a clause with its own subject starts at token
// i: a determiner, name or pronoun followed shortly by an auxiliary verb.
func (x *extractor) newClause(toks []tok, i int) bool {
	if i >= len(toks) || toks[i].kind != tWord || !(toks[i].cap || toks[i].has(wDet|wHe|wThey|wIt)) {
		return false
	}
	for k := i + 1; k < len(toks) && k-i <= 4; k++ {
		switch toks[k].low {
		case "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "did":
			return true
		}
		if toks[k].kind != tWord {
			return false
		}
	}
	return false
}

// span returns the content of tokens [a, b).
func (x *extractor) span(toks []tok, a, b int) (int, int, int) {
	if a >= b {
		return 0, 0, -1
	}
	q := -1
	if toks[a].kind == tOpen {
		if qi, ok := x.qOpen[toks[a].s]; ok {
			q = qi
		}
	}
	return toks[a].s, toks[b-1].e, q
}

// setContent trims [cs, ce) of surrounding punctuation and sets the
// statement's content and kind. A content that is one whole quotation loses
// its marks and is direct; one that quotes some words keeps them and is
// mixed.
func (x *extractor) setContent(c *cand, cs, ce int) {
	ce = max(cs, min(ce, len(x.text)))
	cs, ce = x.trim(cs, ce)
	kind := crosscheck.KindIndirect
	c.quoteEnd = 0
	if q, ok := x.qOpen[cs]; ok {
		qs := x.quotes[q]
		if qs.End >= ce && qs.End-ce <= 3 || qs.End == ce {
			n, m := x.openLen(cs), x.closeLen(qs.End)
			ce = min(ce, qs.End-m)
			cs = min(cs+n, ce)
			cs, ce = x.trim(cs, ce)
			kind = crosscheck.KindDirect
			c.quoteEnd = qs.End
		}
	}
	if kind != crosscheck.KindDirect && hasQuoteMark(x.text[cs:ce]) {
		kind = crosscheck.KindMixed
	}
	if cs > ce {
		cs = ce
	}
	c.st.Content = crosscheck.Span{Text: x.text[cs:ce], Start: cs, End: ce}
	c.st.Kind = kind
}

// trim removes white space and trailing commas, periods, colons and dashes,
// but keeps a closing quotation mark and what it encloses.
func (x *extractor) trim(cs, ce int) (int, int) {
	for cs < ce {
		r, n := utf8.DecodeRuneInString(x.text[cs:ce])
		if !isSpaceOrTrail(r) || r == '.' {
			break
		}
		cs += n
	}
	for ce > cs {
		r, n := utf8.DecodeLastRuneInString(x.text[cs:ce])
		if !isSpaceOrTrail(r) {
			break
		}
		ce -= n
	}
	return cs, ce
}

func isSpaceOrTrail(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', ',', '.', ';', ':', '—', '–', '-', '\u00a0':
		return true
	}
	return false
}

func hasQuoteMark(s string) bool {
	return strings.ContainsAny(s, "“”\"«»")
}

// add records a statement of cue m with speaker tokens [a, b) (a < 0: to be
// resolved) and content [cs, ce).
func (x *extractor) add(si int, toks []tok, m match, a, b, cs, ce, q int, right bool) *cand {
	cueStart, cueEnd := toks[m.i].s, toks[m.j-1].e
	c := &cand{sent: si, right: right}
	c.st.Cue = crosscheck.Cue{Text: x.text[cueStart:cueEnd], Lemma: m.c.lemma, Start: cueStart, End: cueEnd}
	c.st.Sentence = x.sents[si].Index
	c.st.Stance = crosscheck.StanceAssert
	c.st.Via = []string{}
	c.region = cueStart
	if a >= 0 && a < b {
		c.st.Speaker, c.pronoun = x.speaker(toks[a].s, toks[b-1].e, toks[a:b])
		c.region = min(c.region, toks[a].s)
	}
	x.setContent(c, cs, ce)
	x.out = append(x.out, c)
	return c
}

// speakerTypes are the entity types that can speak.
func speaks(typ string) bool {
	switch typ {
	case crosscheck.TypePerson, crosscheck.TypeOrganization, crosscheck.TypeGroup, crosscheck.TypeMedia:
		return true
	}
	return false
}

// speaker fills a Speaker from the phrase [s, e).
func (x *extractor) speaker(s, e int, p []tok) (crosscheck.Speaker, bool) {
	sp := crosscheck.Speaker{Text: x.text[s:e], Start: s, End: e}
	if len(p) == 1 && p[0].low == "who" {
		// A relative pronoun speaks for the phrase before its comma:
		// "Michael Seaman, who lives near Sacramento, said …".
		sp.Type = crosscheck.TypePerson
		if ei, _ := x.entityIn(max(0, s-80), s); ei >= 0 && x.ents[ei].Type != crosscheck.TypePlace {
			ent := x.ents[ei]
			sp.Entity, sp.Name, sp.Type, sp.Affiliation, sp.Role = crosscheck.NullString(ent.ID), crosscheck.NullString(ent.Name), ent.Type, ent.Affiliation, firstRole(ent.Roles)
		}
		return sp, false
	}
	if len(p) == 1 && p[0].has(wHe|wThey|wIt) {
		sp.Type = crosscheck.TypePerson
		if !p[0].has(wHe) {
			sp.Type = crosscheck.TypeGroup
		}
		return sp, true
	}
	if ei, ms := x.entityIn(s, e); ei >= 0 {
		ent := x.ents[ei]
		sp.Entity = crosscheck.NullString(ent.ID)
		sp.Name = crosscheck.NullString(ent.Name)
		sp.Type = ent.Type
		sp.Affiliation = ent.Affiliation
		if ent.Type == crosscheck.TypePlace {
			// A country or capital speaking is its government.
			sp.Type = crosscheck.TypeOrganization
			if sp.Affiliation == "" {
				sp.Affiliation = ent.Country
			}
		}
		if pre := strings.TrimSpace(x.text[s:ms]); pre != "" && ent.Type == crosscheck.TypePerson {
			sp.Role = crosscheck.NullString(trimDet(pre))
		} else if len(ent.Roles) > 0 {
			sp.Role = crosscheck.NullString(ent.Roles[0])
		}
		if sp.Affiliation == "" && x.opt.Describer != nil {
			if aff := x.describe(sp.Text).aff; aff != "" {
				sp.Affiliation = crosscheck.NullString(aff)
			}
		}
		return sp, false
	}
	if ei := x.antecedent(s, p); ei >= 0 {
		// "the ministry" after "Russia's Defence Ministry": the same body.
		ent := x.ents[ei]
		sp.Entity, sp.Name, sp.Type, sp.Affiliation = crosscheck.NullString(ent.ID), crosscheck.NullString(ent.Name), ent.Type, ent.Affiliation
		return sp, false
	}
	if x.opt.Describer != nil {
		d := x.describe(sp.Text)
		sp.Name = crosscheck.NullString(d.name)
		sp.Affiliation = crosscheck.NullString(d.aff)
		sp.Role = crosscheck.NullString(d.role)
		if speaks(d.typ) {
			sp.Type = d.typ
		}
	}
	if sp.Type == "" {
		sp.Type = crosscheck.TypeOrganization
		if h := p[len(p)-1]; !h.cap && strings.HasSuffix(h.low, "s") {
			sp.Type = crosscheck.TypeGroup
		}
	}
	if sp.Name == "" {
		sp.Name = crosscheck.NullString(trimDet(sp.Text))
	}
	return sp, false
}

// antecedent returns the organization a definite description refers back
// to ("the ministry", "the agency"): the most recent organization mentioned
// before off whose name contains the description's head word, or -1.
func (x *extractor) antecedent(off int, p []tok) int {
	if len(p) != 2 || p[0].low != "the" || p[1].kind != tWord || p[1].cap {
		return -1
	}
	head := p[1].low
	i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s >= off })
	for k := i - 1; k >= 0 && off-x.ments[k].s < 3000; k-- {
		ent := x.ents[x.ments[k].ent]
		if ent.Type != crosscheck.TypeOrganization && ent.Type != crosscheck.TypeGroup {
			continue
		}
		for _, w := range strings.Fields(strings.ToLower(ent.Name)) {
			if w == head {
				return x.ments[k].ent
			}
		}
	}
	return -1
}

// trimDet drops a leading article from a phrase used as a name.
func trimDet(s string) string {
	for _, d := range []string{"the ", "The ", "a ", "A ", "an ", "An "} {
		if r, ok := strings.CutPrefix(s, d); ok {
			return r
		}
	}
	return s
}

// entityIn returns the index of the speaking entity mentioned in [s, e) —
// the mention ending last, longest on ties — and where that mention starts,
// or -1.
func (x *extractor) entityIn(s, e int) (int, int) {
	i := sort.Search(len(x.ments), func(i int) bool { return x.ments[i].s >= s })
	best, bs, be := -1, 0, 0
	place, ps, pe := -1, 0, 0
	for ; i < len(x.ments) && x.ments[i].s < e; i++ {
		m := x.ments[i]
		if m.e > e {
			continue
		}
		typ := x.ents[m.ent].Type
		switch {
		case speaks(typ):
			if best < 0 || m.e > be || m.e == be && m.s < bs {
				best, bs, be = m.ent, m.s, m.e
			}
		case typ == crosscheck.TypePlace:
			if place < 0 || m.e > pe {
				place, ps, pe = m.ent, m.s, m.e
			}
		}
	}
	if best >= 0 {
		return best, bs
	}
	// A place that is the whole phrase ("Ukraine said", "Moscow denied",
	// "the Kremlin said") speaks for its government; "reports from South
	// Korea" is no place speaking.
	if place >= 0 && pe == e {
		if pre := strings.TrimSpace(x.text[s:ps]); pre == "" || pre == "the" || pre == "The" {
			return place, ps
		}
	}
	return -1, 0
}
