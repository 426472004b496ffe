package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quote is one quotation: the byte span of the quoted material including its
// quotation marks. Continued is true when the quotation runs over more than
// one paragraph (each continuing paragraph reopens it with a quotation mark,
// as news style does), in which case the span covers all of them.
type Quote struct {
	Start, End int
	Continued  bool
}

// quote kinds; a quotation is closed only by a mark of its own kind.
const (
	kindNone     = iota
	kindDouble   // “ ” (and „ “)
	kindStraight // straight " and ''doubled apostrophes''
	kindSingle
	kindGuillemet
)

// Quotes returns the top-level quotations in text, in order. It pairs “ ”,
// straight " (and ”doubled apostrophes”), « » and ‘ ’ (and straight ')
// when they are clearly quotation
// marks: a single mark opens only after white space or an opening bracket,
// and closes only when no letter follows, so apostrophes ("Russia’s",
// "Francis’ funeral") are not taken for quotes. Quotations nested inside
// another are part of the outer one and not returned separately.
//
// A quotation left open at the end of a paragraph continues when the next
// paragraph opens with a mark of the same kind; otherwise it is dropped, so
// an unbalanced mark never yields a span past its own paragraph.
func (s *Segmenter) Quotes(text string) []Quote {
	var paras [][2]int
	paragraphs(text, func(a, b int) { paras = append(paras, [2]int{a, b}) })
	var out []Quote
	open, start, continued := kindNone, 0, false
	innerCurly := false // a curly opener seen inside the open straight quotation
	for pi, p := range paras {
		i := p[0]
		if open != kindNone {
			// Carried over from the previous paragraph: consume the reopening mark.
			k, n := openingKind(text[i:p[1]])
			if k != open {
				open = kindNone
			} else {
				i += n
				continued = true
			}
		}
		for i < p[1] {
			c := text[i]
			if c < utf8.RuneSelf && c != '"' && c != '\'' {
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[i:p[1]])
			if r == '\'' && strings.HasPrefix(text[i:p[1]], "''") {
				r, n = '"', 2 // ''doubled apostrophes'' as some archives write quotation marks
			}
			next := i + n
			switch r {
			case '“', '„':
				if open == kindStraight {
					innerCurly = true // “The Wall Street Journal” inside a straight quotation
				}
				if open == kindNone || open == kindDouble {
					// A second opener before any closer means the first was
					// never closed: restart so the span stays local.
					open, start, continued = kindDouble, i, false
				}
			case '”':
				// A straight opener closed by a curly mark ("Every human
				// life!”), as agencies' copy mixes them.
				if open == kindDouble || open == kindStraight && !innerCurly {
					out = append(out, Quote{Start: start, End: next, Continued: continued})
					open = kindNone
				} else if open == kindNone && boundaryBefore(text, p[0], i) && letterAt(text, next, p[1]) {
					// A ” typed as an opener (”Fear. I am…”), seen in scraped text.
					open, start, continued = kindDouble, i, false
				}
			case '"':
				switch open {
				case kindStraight:
					out = append(out, Quote{Start: start, End: next, Continued: continued})
					open = kindNone
				case kindNone:
					if next < p[1] && !spaceRuneAt(text, next) {
						open, start, continued, innerCurly = kindStraight, i, false, false
					}
				}
			case '«':
				if open == kindNone || open == kindGuillemet {
					open, start, continued = kindGuillemet, i, false
				}
			case '»':
				if open == kindGuillemet {
					out = append(out, Quote{Start: start, End: next, Continued: continued})
					open = kindNone
				}
			case '‘', '\'':
				if open == kindNone && boundaryBefore(text, p[0], i) && letterAt(text, next, p[1]) {
					open, start, continued = kindSingle, i, false
				} else if open == kindSingle && i > start && !letterAt(text, next, p[1]) && !spaceBefore(text, p[0], i) {
					out = append(out, Quote{Start: start, End: next, Continued: continued})
					open = kindNone
				}
			case '’':
				if open == kindSingle && !letterAt(text, next, p[1]) {
					out = append(out, Quote{Start: start, End: next, Continued: continued})
					open = kindNone
				}
			}
			i = next
		}
		if open != kindNone {
			if pi+1 < len(paras) {
				if k, _ := openingKind(text[paras[pi+1][0]:paras[pi+1][1]]); k == open {
					continue
				}
			}
			open = kindNone
		}
	}
	return out
}

// openingKind returns the kind and byte length of an opening quotation mark
// at the start of s, or kindNone.
func openingKind(s string) (int, int) {
	if strings.HasPrefix(s, "''") {
		return kindStraight, 2
	}
	r, n := utf8.DecodeRuneInString(s)
	switch r {
	case '“', '„':
		return kindDouble, n
	case '"':
		return kindStraight, n
	case '‘', '\'':
		return kindSingle, n
	case '«':
		return kindGuillemet, n
	}
	return kindNone, 0
}

func spaceRuneAt(text string, i int) bool {
	sp, _ := spaceAt(text, i)
	return sp
}

// boundaryBefore reports whether text[i] starts a word: at the paragraph
// start, or after white space, an opening bracket, a dash or another mark.
func boundaryBefore(text string, ps, i int) bool {
	if i <= ps {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[ps:i])
	switch r {
	case '(', '[', '{', '—', '–', '-', '“', '"', '«', ':':
		return true
	}
	return unicode.IsSpace(r)
}

func spaceBefore(text string, ps, i int) bool {
	if i <= ps {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[ps:i])
	return unicode.IsSpace(r)
}

func letterAt(text string, i, pe int) bool {
	if i >= pe {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:pe])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
