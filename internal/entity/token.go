package entity

import (
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token.
type tokKind uint8

const (
	tWord  tokKind = iota // letters and digits, with internal hyphens, apostrophes and initials' periods
	tPoss                 // possessive ending: ’s, 's, or a bare apostrophe after s
	tPunct                // any other visible character
)

// token is one word or punctuation mark of the text, as a byte range.
type token struct {
	start, end int32   // byte offsets; int32 keeps tokens small (texts are capped far below 2 GB)
	sent       int32   // index of the sentence the token belongs to
	kind       tokKind // fields below are bytes, packed after the ints
	upper      bool    // a word whose first letter is upper case (or a digit-led name like "G7")
	lower      bool    // a word whose first letter is lower case
	initial    bool    // first word of a sentence, of a line, or after an opening quote or colon
	nl         bool    // a line break precedes the token
}

// isApos reports whether r is used as an apostrophe in news text.
func isApos(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r)
}

// runeAt decodes the rune at byte i of s, or returns (0, 0) past the end.
func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// tokenize appends the tokens of text[start:end] to dst. abbrev reports
// whether a word followed by a period keeps the period ("St", "Gen").
// Sentence indexes and the initial flag are set by the caller.
func tokenize(dst []token, text string, start, end int, abbrev func(string) bool) []token {
	nl := false
	for i := start; i < end; {
		r, n := runeAt(text, i)
		if r == '\n' || r == '\r' {
			nl = true
			i += n
			continue
		}
		if isSpace(r) || n == 0 {
			i += max(n, 1)
			continue
		}
		if isApos(r) && len(dst) > 0 && dst[len(dst)-1].kind == tWord && int(dst[len(dst)-1].end) == i {
			// possessive: ’s / 's after a word, or a bare ’ after a word ending in s
			r2, n2 := runeAt(text, i+n)
			r3, _ := runeAt(text, i+n+n2)
			if (r2 == 's' || r2 == 'S') && i+n+n2 <= end && !isWordRune(r3) {
				dst = append(dst, token{start: int32(i), end: int32(i + n + n2), kind: tPoss, nl: nl})
				nl = false
				i += n + n2
				continue
			}
			prev := text[dst[len(dst)-1].start:dst[len(dst)-1].end]
			if (prev[len(prev)-1] == 's' || prev[len(prev)-1] == 'S') && !isWordRune(r2) {
				dst = append(dst, token{start: int32(i), end: int32(i + n), kind: tPoss, nl: nl})
				nl = false
				i += n
				continue
			}
		}
		if !isWordRune(r) {
			dst = append(dst, token{start: int32(i), end: int32(i + n), kind: tPunct, nl: nl})
			nl = false
			i += n
			continue
		}
		// a word
		s := i
		seg := i // start of the current dot-separated segment
		first := r
		for i < end {
			if c := text[i]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				i++ // ASCII fast path
				continue
			} else if c == ' ' {
				// "Frank -Walter": a name a scraper split before its
				// hyphen stays one word
				if unicode.IsUpper(first) && i+3 < end && text[i+1] == '-' && 'A' <= text[i+2] && text[i+2] <= 'Z' && 'a' <= text[i+3] && text[i+3] <= 'z' && i-s >= 2 {
					i += 2
					seg = i
					continue
				}
				break // a space ends the word: none of the joins below apply
			}
			r, n := runeAt(text, i)
			if isWordRune(r) {
				i += n
				continue
			}
			next, nn := runeAt(text, i+n)
			if i+n >= end {
				next, nn = 0, 0
			}
			if r == '-' && isWordRune(next) {
				i += n
				seg = i
				continue
			}
			if isApos(r) && isWordRune(next) {
				after, _ := runeAt(text, i+n+nn)
				if (next == 's' || next == 'S') && !isWordRune(after) {
					break // possessive: its own token
				}
				i += n
				continue
			}
			if r == '.' {
				w := text[seg:i]
				if utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0]) {
					// initial or acronym: "J.", "U.S.", "U.N."
					i += n
					if unicode.IsUpper(next) {
						after, _ := runeAt(text, i+nn)
						if after == '.' {
							seg = i
							continue
						}
					}
					break
				}
				if abbrev(text[s : i+n]) {
					i += n
				}
			}
			break
		}
		t := token{start: int32(s), end: int32(i), kind: tWord, nl: nl}
		t.upper = unicode.IsUpper(first) || (unicode.IsDigit(first) && i-s > 1 && hasUpperIn(text[s:i]))
		t.lower = unicode.IsLower(first)
		dst = append(dst, t)
		nl = false
	}
	return dst
}

func hasUpperIn(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}
