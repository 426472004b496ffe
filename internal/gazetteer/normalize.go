package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// key returns the lookup key of a place phrase: lower case, diacritics
// folded (Genève → geneve), apostrophes and dots dropped (Kramators’k →
// kramatorsk, U.S. → us), hyphens, slashes, commas and brackets read as
// spaces, runs of space collapsed, a leading "the" dropped and the
// abbreviations St/Ste/Mt/Ft spelled out. Both the index and the queries go
// through key, so the two always agree.
func key(s string) string {
	return string(appendKey(nil, s))
}

// appendKey appends the key of s to dst. Look-ups pass a stack buffer and
// index maps with string(k), which does not allocate.
func appendKey(dst []byte, s string) []byte {
	start := len(dst)
	space := true // at start: suppress leading spaces
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '&':
				dst = append(dst, c)
				space = false
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
				space = false
			case c == '\'' || c == '.' || c == '`':
				// dropped: U.S. → us, Kramators'k → kramatorsk
			default:
				if !space {
					dst = append(dst, ' ')
					space = true
				}
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case isApostrophe(r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			dst = appendFolded(dst, r)
			space = false
		case unicode.Is(unicode.Mn, r):
			// a combining mark already separated from its letter: drop it
		default:
			if !space {
				dst = append(dst, ' ')
				space = true
			}
		}
	}
	k := dst[start:]
	if n := len(k); n > 0 && k[n-1] == ' ' {
		k = k[:n-1]
	}
	if len(k) > 4 && string(k[:4]) == "the " {
		k = k[4:]
	}
	if !hasAbbrev(k) {
		return append(dst[:start], k...)
	}
	// rare: spell out St/Ste/Mt/Ft word by word
	words := strings.Fields(string(k))
	for i, w := range words {
		switch w {
		case "st":
			words[i] = "saint"
		case "ste":
			words[i] = "sainte"
		case "mt":
			words[i] = "mount"
		case "ft":
			words[i] = "fort"
		}
	}
	return append(dst[:start], strings.Join(words, " ")...)
}

// hasAbbrev reports whether k has the word st, ste, mt or ft.
func hasAbbrev(k []byte) bool {
	for i := 0; i < len(k); {
		j := i
		for j < len(k) && k[j] != ' ' {
			j++
		}
		switch string(k[i:j]) {
		case "st", "ste", "mt", "ft":
			return true
		}
		i = j + 1
	}
	return false
}

// appendFolded appends r lower-cased and without diacritics. Letters that
// do not decompose (ø, ł, ß, đ, ı…) are mapped by hand, because news spells
// them in plain ASCII.
func appendFolded(dst []byte, r rune) []byte {
	switch r {
	case 'ø', 'Ø':
		return append(dst, 'o')
	case 'ł', 'Ł':
		return append(dst, 'l')
	case 'ß':
		return append(dst, "ss"...)
	case 'đ', 'Đ', 'ð', 'Ð':
		return append(dst, 'd')
	case 'ı':
		return append(dst, 'i')
	case 'æ', 'Æ':
		return append(dst, "ae"...)
	case 'œ', 'Œ':
		return append(dst, "oe"...)
	case 'þ', 'Þ':
		return append(dst, "th"...)
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	d := norm.NFD.Properties(buf[:n]).Decomposition() // nil if r does not decompose
	if d == nil {
		return utf8.AppendRune(dst, unicode.ToLower(r))
	}
	for len(d) > 0 {
		c, size := utf8.DecodeRune(d)
		d = d[size:]
		if !unicode.Is(unicode.Mn, c) {
			dst = utf8.AppendRune(dst, unicode.ToLower(c))
		}
	}
	return dst
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', 'ʻ', '´', '`', '′':
		return true
	}
	return false
}

// stripPossessive removes a trailing possessive ('s, ’s, or a bare ' after
// s) from a phrase as written. ok is false if there was none.
func stripPossessive(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, suf := range []string{"'s", "’s", "'S", "’S", "ʼs"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			return s[:len(s)-len(suf)], true
		}
	}
	for _, suf := range []string{"s'", "s’"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			return s[:len(s)-(len(suf)-1)], true // keep the s
		}
	}
	return s, false
}

// hasUpper reports whether s has an upper-case letter. Lookups require one:
// the caller passes text as written, and "may" or "nice" in running text
// are words, not places.
func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// allUpper reports whether every letter of s is upper case ("U.S.", "UK").
// Acronym aliases match only such input, so "Us" at a sentence start is not
// the United States.
func allUpper(s string) bool {
	for _, the := range []string{"the ", "The "} {
		s = strings.TrimPrefix(s, the)
	}
	seen := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			seen = true
		}
	}
	return seen
}
