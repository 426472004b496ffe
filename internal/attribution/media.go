package attribution

import (
	"strings"
	"unicode/utf8"
)

// mediaIn returns the canonical names of the media named in toks.
func (x *extractor) mediaIn(toks []tok) []string {
	var out []string
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tWord {
			continue
		}
		for n := min(x.lx.mediaMax, len(toks)-i); n >= 1; n-- {
			if toks[i+n-1].kind != tWord {
				continue
			}
			phrase := x.text[toks[i].s:toks[i+n-1].e]
			name, ok := mediaLookup(x.lx.media, phrase)
			if !ok {
				continue
			}
			// Lower-case "ap", "rt" or "dpa" inside ordinary words are no media.
			if !toks[i].cap && len(phrase) <= 3 {
				continue
			}
			out = append(out, name)
			i += n - 1
			break
		}
	}
	return out
}

func appendVia(via []string, more []string) []string {
	for _, m := range more {
		dup := false
		for _, v := range via {
			dup = dup || v == m
		}
		if !dup {
			via = append(via, m)
		}
	}
	return via
}

// mediaLookup returns media[lower(phrase)]. It folds phrase into a stack
// buffer, as a map look-up with string(buf) does not allocate: mediaIn
// tries every run of words of a speaker phrase. A phrase longer than the
// buffer or with other non-ASCII characters than "’" goes through lower.
func mediaLookup(media map[string]string, phrase string) (string, bool) {
	var buf [64]byte
	b := buf[:0]
	for i := 0; i < len(phrase); i++ {
		c := phrase[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= utf8.RuneSelf:
			if !strings.HasPrefix(phrase[i:], "’") {
				name, ok := media[lower(phrase)]
				return name, ok
			}
			c = '\''
			i += len("’") - 1
		}
		if len(b) == len(buf) {
			name, ok := media[lower(phrase)]
			return name, ok
		}
		b = append(b, c)
	}
	name, ok := media[string(b)]
	return name, ok
}
