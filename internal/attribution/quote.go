package attribution

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/segment"
)

// openLen and closeLen return the byte length of the quotation mark that
// opens at off or closes at end: one rune, or two for a doubled apostrophe.
func (x *extractor) openLen(off int) int {
	if strings.HasPrefix(x.text[off:], "''") {
		return 2
	}
	_, n := utf8.DecodeRuneInString(x.text[off:])
	return n
}

func (x *extractor) closeLen(end int) int {
	if strings.HasSuffix(x.text[:end], "''") {
		return 2
	}
	_, n := utf8.DecodeLastRuneInString(x.text[:end])
	return n
}

// doubledQuotes returns the quotations marked with doubled apostrophes
// (two apostrophes on each side), a convention of some newspaper archives that the
// segmenter does not pair. A pair never crosses a line break.
func doubledQuotes(text string) []segment.Quote {
	if !strings.Contains(text, "''") {
		return nil // most articles: no doubled apostrophe, no byte-by-byte scan
	}
	var out []segment.Quote
	open := -1
	for i := 0; i+1 < len(text); i++ {
		switch text[i] {
		case '\n':
			open = -1
		case '\'':
			if text[i+1] != '\'' {
				continue
			}
			if open < 0 {
				if i == 0 || text[i-1] == ' ' || text[i-1] == '\n' || text[i-1] == '(' {
					open = i
				}
			} else {
				out = append(out, segment.Quote{Start: open, End: i + 2})
				open = -1
			}
			i++
		}
	}
	return out
}

// mergeQuotes adds the quotations of extra that overlap none of qs, keeping
// the order by start.
func mergeQuotes(qs, extra []segment.Quote) []segment.Quote {
	if len(extra) == 0 {
		return qs
	}
	out := make([]segment.Quote, 0, len(qs)+len(extra))
	i := 0
	for _, e := range extra {
		for i < len(qs) && qs[i].End <= e.Start {
			out = append(out, qs[i])
			i++
		}
		if i < len(qs) && qs[i].Start < e.End {
			continue // overlaps a quotation the segmenter found
		}
		out = append(out, e)
	}
	return append(out, qs[i:]...)
}

// inQuote reports whether offset off lies inside a quotation.
func (x *extractor) inQuote(off int) bool {
	i := sort.Search(len(x.quotes), func(i int) bool { return x.quotes[i].End > off })
	return i < len(x.quotes) && x.quotes[i].Start < off
}

// splitQuote extends a direct statement whose quotation resumes after
// the attribution: "“We will win,” he said, “and we will rebuild.”".
func (x *extractor) splitQuote(c *cand, toks []tok, k int) {
	if c.st.Kind != crosscheck.KindDirect || k+1 >= len(toks) || !toks[k].is(tPunct, ",") || toks[k+1].kind != tOpen {
		return
	}
	q, ok := x.qOpen[toks[k+1].s]
	if !ok {
		return
	}
	start := c.st.Content.Start
	if c.quoteEnd > 0 {
		// Keep the opening mark out: the span starts inside the first quotation.
		x.setContent(c, start, x.quotes[q].End)
		c.st.Kind = crosscheck.KindDirect
	}
}

// continuations adds a statement for each quotation that goes on after an
// attributed one without a cue of its own — `“A,” she said. “B.”` — as
// the annotation guidelines have it: a separate statement of the same
// speaker with the same cue. The quotation opens a sentence and nothing but
// punctuation follows it in its last sentence; it continues the last
// statement of its paragraph, when every sentence in between is quotation
// too, or the last statement of the paragraph before when it fills its own
// paragraph (news style runs long quotations over paragraphs). A quotation
// that runs over paragraphs and is attributed in its last one gives its
// earlier paragraphs to the statement before.
func (x *extractor) continuations() {
	if len(x.out) == 0 {
		return
	}
	live := make([]*cand, 0, len(x.out))
	for _, c := range x.out {
		if !c.drop && c.st.Content.Start < c.st.Content.End {
			live = append(live, c)
		}
	}
	slices.SortStableFunc(live, func(a, b *cand) int { return cmp.Compare(a.st.Cue.Start, b.st.Cue.Start) })
	var added []*cand
	for k := 0; k < len(x.sents); k++ {
		s := x.sents[k]
		q, ok := x.qOpen[s.Start]
		if !ok {
			continue
		}
		start, end := s.Start, x.pieceEnd(q, s.Start)
		if end <= start || x.covered(start, end, live, added) {
			continue
		}
		// the sentence the piece ends in: only punctuation after it
		last := k
		for last+1 < len(x.sents) && x.sents[last+1].Start < end {
			last++
		}
		if rest := strings.TrimSpace(x.text[end:min(len(x.text), x.sents[last].End)]); strings.Trim(rest, ".,;:!?…\"”’»") != "" {
			continue
		}
		prev := x.continued(k, start, end, live, added)
		if prev != nil && prev.act {
			continue // an act (a refusal, what was not said) is no statement to continue
		}
		if prev == nil {
			// the first paragraphs of a quotation attributed in its last
			// one belong to that statement
			x.quotedAhead(q, start, live)
			continue
		}
		c := &cand{sent: k, region: start}
		c.st = prev.st
		c.st.Via = slices.Clone(prev.st.Via)
		c.st.Sentence = s.Index
		x.setContent(c, start, end)
		c.st.Kind = crosscheck.KindDirect
		added = append(added, c)
		k = last
	}
	x.out = append(x.out, added...)
}

// quotedAhead gives the part of quotation q that opens at start to the
// statement attributed in a later paragraph of the same quotation: `"A.` /
// `"B," Mr Sunak said.` is one quotation by Mr Sunak.
func (x *extractor) quotedAhead(q, start int, live []*cand) {
	if !x.quotes[q].Continued {
		return
	}
	for _, c := range live {
		if c.st.Content.Start <= start || c.st.Content.Start >= x.quotes[q].End || c.st.Content.End > x.quotes[q].End {
			continue
		}
		qi, ok := x.qOpen[c.st.Content.Start]
		if !ok {
			// the content starts after the reopening mark
			qi, ok = x.qOpen[c.st.Content.Start-1]
			if !ok && c.st.Content.Start >= 3 {
				qi, ok = x.qOpen[c.st.Content.Start-3] // a three-byte mark: “
			}
		}
		if ok && qi == q {
			x.setContent(c, start, x.quotes[q].End)
			return
		}
	}
}

// pieceEnd returns where the part of quotation q that opens at off ends:
// the quotation's end, or the end of the paragraph when it runs on.
func (x *extractor) pieceEnd(q, off int) int {
	end := x.quotes[q].End
	if k := strings.Index(x.text[off:end], "\n\n"); k >= 0 {
		end = off + k
	}
	return end
}

// covered reports whether [start, end) lies inside the content of a
// statement.
func (x *extractor) covered(start, end int, lists ...[]*cand) bool {
	for _, l := range lists {
		for _, c := range l {
			if c.st.Content.Start <= start+3 && end-3 <= c.st.Content.End || c.quoteEnd > 0 && c.st.Content.Start <= start+3 && end <= c.quoteEnd {
				return true
			}
			if start < c.st.Content.End && c.st.Content.Start < end && c.st.Cue.Start >= start && c.st.Cue.Start < end {
				return true // attributed inside
			}
		}
	}
	return false
}

// continued returns the statement that the quotation piece [start, end)
// opening sentence k continues, or nil.
func (x *extractor) continued(k, start, end int, lists ...[]*cand) *cand {
	var prev *cand
	for _, l := range lists {
		for _, c := range l {
			if c.st.Cue.Start < start && (prev == nil || c.st.Cue.Start > prev.st.Cue.Start) {
				prev = c
			}
		}
	}
	if prev == nil || prev.st.Speaker.Type == crosscheck.TypeUnattributed || prev.st.Speaker.Text == "" && prev.st.Speaker.Name == "" {
		return nil
	}
	// within the paragraph: the sentences in between are quotation too
	para := x.sents[k].Paragraph
	ps := prev.sent
	switch x.sents[ps].Paragraph {
	case para:
	case para - 1:
		// the paragraph before: the piece fills this paragraph, and the
		// statement's sentence ends its paragraph and quotes the speaker
		pe := k
		for pe+1 < len(x.sents) && x.sents[pe+1].Paragraph == para {
			pe++
		}
		if strings.TrimSpace(x.text[end:x.sents[pe].End]) != "" && strings.Trim(strings.TrimSpace(x.text[end:x.sents[pe].End]), ".,;:!?…\"”’»") != "" {
			return nil
		}
		if prev.st.Kind != crosscheck.KindDirect {
			return nil
		}
	default:
		return nil
	}
	for m := ps + 1; m < k; m++ {
		if x.sents[m].Paragraph != x.sents[k].Paragraph && x.sents[m].Paragraph != x.sents[ps].Paragraph {
			return nil
		}
		if !x.inQuote(x.sents[m].Start+1) && !x.covered(x.sents[m].Start, x.sents[m].End, lists...) {
			return nil
		}
	}
	// in the statement's sentence, the quoting statement rather than a
	// participle that adds to it: `“A,” she said, adding that B. “C.”`
	for _, l := range lists {
		for _, c := range l {
			if c.sent == prev.sent && c != prev && c.st.Kind != crosscheck.KindIndirect && prev.st.Kind == crosscheck.KindIndirect && sameSpeaker(c.st.Speaker, prev.st.Speaker) {
				prev = c
			}
		}
	}
	return prev
}

// dashQuotes returns the quotations that translated and Central European
// news set off with dashes: a dash and a space open a sentence ("- We do
// not want war.", also glued to the sentence before: "agreements.- We …"),
// and a dash between spaces followed by a lower-case word closes it before
// the attribution ("… it is terrible - he emphasized", "… - said
// Lukashenko"). The quotation may run over several sentences of its
// paragraph; a dash quotation that no attribution closes is none. signs
// reports whether the words after a dash open an attribution ("he added",
// "said Lukashenko"); nil takes the first dash.
func dashQuotes(text string, sents []crosscheck.Sentence, signs func(rest string) bool) []segment.Quote {
	if !strings.Contains(text, "- ") && !strings.Contains(text, "– ") && !strings.Contains(text, "— ") {
		return nil
	}
	var out []segment.Quote
	for i := 0; i < len(sents); i++ {
		s := sents[i]
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			continue
		}
		open := s.Start
		n := dashAt(text, open)
		if n == 0 || open+n >= len(text) || text[open+n] != ' ' {
			continue
		}
		// the closing dash: in this or a later sentence of the paragraph.
		// Of several in one sentence, the first an attribution follows
		// ("- If they do it - and I think no one else can - we will be
		// satisfied - he added."): the others set off an aside inside the
		// quotation.
		end := -1
		for k := i; k < len(sents) && sents[k].Paragraph == s.Paragraph && end < 0; k++ {
			from := sents[k].Start
			if k == i {
				from = open + n
			}
			seg := text[from:sents[k].End]
			first := -1
			for off := 0; off < len(seg); {
				j := strings.IndexByte(seg[off:], ' ')
				if j < 0 {
					break
				}
				p := from + off + j + 1
				if m := dashAt(text, p); m > 0 && p+m+1 < len(text) && text[p+m] == ' ' && lowerAt(text, p+m+1) && !openBracket(text[open:p]) {
					if first < 0 {
						first = p + m
					}
					if signs != nil && signs(text[p+m:sents[k].End]) {
						end = p + m
						break
					}
				}
				off += j + 1
			}
			if end < 0 {
				end = first
			}
			if end >= 0 {
				i = k
			}
		}
		if end > open {
			out = append(out, segment.Quote{Start: open, End: end})
		}
	}
	return out
}

// opensAttribution reports whether rest, the words after a closing dash,
// open an attribution: a cue among its first four words ("he added",
// "said the minister", "the Ukrainian leader stressed").
func (x *extractor) opensAttribution(rest string) bool {
	for i, w := range strings.Fields(rest) {
		if i == 4 {
			break
		}
		w = strings.ToLower(strings.Trim(w, ".,;:!?\"“”'’"))
		if i == 0 && isConj(w) {
			return false // "- and I think only they can -": an aside
		}
		if x.isAnyCue(w) {
			return true
		}
	}
	return false
}

// openBracket reports whether s leaves a bracket or parenthesis open: a
// dash inside one is an editor's note ("[in 2014 - ed.]"), not the end of
// the quotation.
func openBracket(s string) bool {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[', '(':
			depth++
		case ']', ')':
			depth = max(0, depth-1)
		}
	}
	return depth > 0
}

// dashTok reports whether t is a hyphen, en dash or em dash standing
// alone as punctuation.
func dashTok(t tok) bool {
	return t.kind == tPunct && t.low != "" && dashAt(t.low, 0) == len(t.low)
}

// dashAt returns the byte length of a hyphen, en dash or em dash at
// text[i], or 0.
func dashAt(text string, i int) int {
	if i >= len(text) {
		return 0
	}
	if text[i] == '-' {
		return 1
	}
	for _, d := range []string{"–", "—"} {
		if strings.HasPrefix(text[i:], d) {
			return len(d)
		}
	}
	return 0
}

// lowerAt reports whether a lower-case letter starts text[i:].
func lowerAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLower(r)
}
