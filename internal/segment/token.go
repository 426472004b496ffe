package segment

import (
	"unicode"
	"unicode/utf8"
)

// Token is one word token of a string: the half-open byte range [Start, End).
type Token struct {
	Start, End int
}

// Tokens returns the word tokens of str with byte offsets: runs of letters,
// digits and combining marks, joined across an internal apostrophe or hyphen
// ("Russia’s", "shoulder-to-shoulder"), an internal period between letters
// ("U.S", "a.m") and a period or comma between digits ("3.5", "10,000"). A
// final period is part of the token when the token is a known abbreviation
// ("U.S.", "Mr.", "a.m.") or an initial ("W."). Punctuation is not a token.
func (s *Segmenter) Tokens(str string) []Token {
	return s.AppendTokens(make([]Token, 0, len(str)/6+1), str)
}

// AppendTokens appends the word tokens of str (as Tokens cuts them) to dst
// and returns the extended slice, so that a caller tokenizing sentence after
// sentence can reuse one buffer instead of allocating a slice per sentence.
func (s *Segmenter) AppendTokens(dst []Token, str string) []Token {
	out := dst
	for i := 0; i < len(str); {
		var r rune
		n := 1
		if c := str[i]; c < utf8.RuneSelf {
			if !isASCIIWord(c) {
				i++
				continue
			}
			r = rune(c)
		} else if r, n = utf8.DecodeRuneInString(str[i:]); !isWordRune(r) {
			i += n
			continue
		}
		j := i + n
		prev := r
		for j < len(str) {
			if c := str[j]; c < utf8.RuneSelf && isASCIIWord(c) {
				prev = rune(c)
				j++
				continue
			}
			r2, n2 := decodeRune(str, j)
			if isWordRune(r2) {
				prev = r2
				j += n2
				continue
			}
			if j+n2 >= len(str) || r2 == ' ' {
				break // a space (the usual case) never joins: see joins
			}
			r3, n3 := decodeRune(str, j+n2)
			if !joins(prev, r2, r3) {
				break
			}
			prev = r3
			j += n2 + n3
		}
		if j < len(str) && str[j] == '.' {
			w := str[i : j+1]
			if s.lookup(w) != classNone || isInitialChain(str[i:j]) || j-i == 1 && isASCIIUpper(str[i]) {
				j++
			}
		}
		out = append(out, Token{Start: i, End: j})
		i = j
	}
	return out
}

func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isASCIIWord(c byte) bool {
	return c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// joins reports whether the punctuation mid, between prev and next, is
// internal to a token.
func joins(prev, mid, next rune) bool {
	// mid first: after most words it is a space, which never joins, and
	// this test is cheaper than classifying next
	switch mid {
	case '\'', '’', '-', '‐', '‑':
		return isWordRune(next)
	case '.':
		return isWordRune(next) && (unicode.IsLetter(prev) && unicode.IsLetter(next) || unicode.IsDigit(prev) && unicode.IsDigit(next))
	case ',':
		return isWordRune(next) && unicode.IsDigit(prev) && unicode.IsDigit(next)
	}
	return false
}
