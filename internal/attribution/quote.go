package attribution

import (
	"sort"
	"strings"
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
