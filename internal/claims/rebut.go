package claims

import (
	"slices"
	"strings"
)

// Rebuttals of a characterisation. One voice calls something by a name —
// "a territorial dispute", "a frozen conflict", "an isolated incident" —
// and another answers "this is not a territorial dispute". The two share
// few words and no predicate of frames.tsv, yet the second disputes the
// first: the name is the proposition. A content rebuts a characterisation
// when a form of "to be" (markers.tsv "be"; "isn't", "wasn't") is negated
// (negations.tsv, not cancelled: "not only a…") and followed, after
// determiners, by a name of two or three content words (no stop words),
// one of them distinctive (not in common.tsv). Prepared.Rebuts keeps the
// names' stems; Match links a statement that says the name as a contiguous
// phrase to one that rebuts it, and Status counts the rebuttal as a
// dispute of whoever says the name.

// maxRebutWords is the longest name a rebuttal takes.
const maxRebutWords = 3

// rebuttals returns the characterisations a content rebuts, each as the
// space-joined stems of its words.
func (lx *Lexicon) rebuttals(toks []tok) []string {
	var out []string
	for i := 0; i < len(toks); i++ {
		j, ok := lx.negatedBe(toks, i)
		if !ok {
			continue
		}
		// A characterisation is a name with an indefinite article ("not a
		// territorial dispute", "wasn't an isolated incident"); "is not
		// demanding", "is not the first" say something else.
		if j >= len(toks) || toks[j].w != "a" && toks[j].w != "an" {
			continue
		}
		for j < len(toks) && !toks[j].brk && lx.is(mkDeterminer, toks[j].w) {
			j++
		}
		var name []string
		distinctive := false
		for ; j < len(toks) && len(name) < maxRebutWords; j++ {
			t := toks[j]
			if (len(name) > 0 && t.brk) || lx.stop[t.w] || lx.is(mkBe, t.w) {
				break
			}
			if _, neg := lx.negation[t.w]; neg {
				break
			}
			name = append(name, t.s)
			distinctive = distinctive || !lx.common[t.s]
		}
		// A distinctive word besides the common ones ("frozen" in "a frozen
		// conflict") makes it a name, and an index key both statements
		// share.
		if len(name) >= 2 && distinctive {
			out = append(out, strings.Join(name, " "))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// negatedBe reports whether toks[i:] opens with a negated form of "to be"
// ("is not", "was not", "isn't"; not "is not only"), and where the words
// after the negation start.
func (lx *Lexicon) negatedBe(toks []tok, i int) (int, bool) {
	w := toks[i].w
	switch w {
	case "isn", "wasn", "aren", "weren":
		// "isn't": the tokenizer cuts it as "isn", "t".
		j := i + 1
		if j < len(toks) && toks[j].w == "t" {
			j++
		}
		return j, !lx.cancelled(toks, i, j)
	}
	if !lx.is(mkBe, w) || i+1 >= len(toks) || toks[i+1].brk {
		return 0, false
	}
	if _, ok := lx.negation[toks[i+1].w]; !ok || toks[i+1].w != "not" {
		return 0, false
	}
	return i + 2, !lx.cancelled(toks, i+1, i+2)
}

// cancelled reports whether the negation at toks[neg] is cancelled by the
// word at toks[next] ("not only", "not just").
func (lx *Lexicon) cancelled(toks []tok, neg, next int) bool {
	cancel := lx.negation[toks[neg].w]
	return next < len(toks) && cancel[toks[next].w]
}

// saysPhrase reports whether p's content (or the proposition it refers
// to) holds the stems of phrase as consecutive words.
func saysPhrase(p *Prepared, phrase string) bool {
	_, ok := phraseIn(p, phrase)
	return ok
}

// phraseIn returns the words of p's content (or of the proposition it
// refers to) whose stems are phrase, as written.
func phraseIn(p *Prepared, phrase string) (string, bool) {
	want := strings.Fields(phrase)
	for _, text := range []string{p.Content, p.Refers} {
		toks := tokenize(text)
		for i := 0; i+len(want) <= len(toks); i++ {
			k := 0
			for k < len(want) && toks[i+k].s == want[k] {
				k++
			}
			if k == len(want) {
				return text[toks[i].start:toks[i+k-1].end], true
			}
		}
	}
	return "", false
}

// rebuttal returns the characterisation one of a and b rebuts and the
// other says without rebutting it, as the other writes it, if any (the
// first in order).
func rebuttal(a, b *Prepared) (string, bool) {
	for _, pair := range [2][2]*Prepared{{a, b}, {b, a}} {
		r, s := pair[0], pair[1]
		for _, ph := range r.Rebuts {
			if slices.Contains(s.Rebuts, ph) || !hasStems(s.Tokens, ph) || len(sharedAnchors(a, b)) == 0 {
				continue
			}
			if text, ok := phraseIn(s, ph); ok {
				return text, true
			}
		}
	}
	return "", false
}

// hasStems is the cheap test before saysPhrase: every word of phrase is
// among the sorted tokens.
func hasStems(tokens []string, phrase string) bool {
	for _, w := range strings.Fields(phrase) {
		if _, ok := slices.BinarySearch(tokens, w); !ok {
			return false
		}
	}
	return true
}

// characterisations gives each member of a claim its side on the
// characterisations rebutted within the claim: +1 says a name another
// member rebuts, -1 rebuts a name another member says, 0 neither (or
// both). Status reads polarity from it before the members' own negations,
// which in such contents are often about something else ("…is not one of
// our vital interests").
func characterisations(ms []Member) []int8 {
	side := make([]int8, len(ms))
	// Few members rebut anything: only they are compared with every
	// other (comparing all pairs is quadratic in a claim of thousands).
	var rebutting []int
	for j := range ms {
		if len(ms[j].Rebuts) > 0 {
			rebutting = append(rebutting, j)
		}
	}
	for i := range ms {
		for _, j := range rebutting {
			if i == j {
				continue
			}
			for _, ph := range ms[j].Rebuts {
				p := ms[i].Prepared
				if slices.Contains(p.Rebuts, ph) || !hasStems(p.Tokens, ph) || !saysPhrase(p, ph) {
					continue
				}
				side[i] |= 1 // says a name j rebuts
				side[j] |= 2 // rebuts a name i says
			}
		}
	}
	out := make([]int8, len(ms))
	for i, s := range side {
		switch s {
		case 1:
			out[i] = 1
		case 2:
			out[i] = -1
		}
	}
	return out
}

// rebuttalText is the evidence a rebutting statement gives: its sentence
// when that says the rebuttal, else its content up to the sentence that
// does (a quotation of several sentences is one statement: "China calls
// this a territorial dispute. This is not a territorial dispute. …").
func (lx *Lexicon) rebuttalText(p *Prepared) string {
	return lx.textThrough(p, func(toks []tok) bool { return len(lx.rebuttals(toks)) > 0 })
}

// denialText is the evidence a statement that disputes by its polarity
// gives: its sentence when that negates or calls something untrue, else its
// content up to the sentence that does ("Russia reports that it withdraws
// its troops. We have no confirmation until now.").
func (lx *Lexicon) denialText(p *Prepared) string {
	return lx.textThrough(p, func(toks []tok) bool { return lx.negates(toks) || lx.callsUntrue(toks) })
}

// textThrough returns p's sentence when says holds of it, else p's content
// from its start through the first of its sentences of which says holds,
// else p's sentence.
func (lx *Lexicon) textThrough(p *Prepared, says func([]tok) bool) string {
	if says(tokenize(p.Sentence)) {
		return p.Sentence
	}
	for at := 0; at < len(p.Content); {
		end := strings.IndexAny(p.Content[at:], ".!?")
		if end < 0 {
			end = len(p.Content)
		} else {
			end += at + 1
		}
		if says(tokenize(p.Content[at:end])) {
			if at == 0 {
				// The content's first sentence: the statement's own sentence
				// says it too, in words the tokens missed — keep it.
				return p.Sentence
			}
			return strings.TrimSpace(p.Content[:end])
		}
		at = end
	}
	return p.Sentence
}
