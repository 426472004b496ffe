package attribution

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/internal/segment"
)

// token kinds.
const (
	tWord uint8 = iota
	tPunct
	tOpen  // opening quotation mark
	tClose // closing quotation mark
)

// tok is one token of a sentence: a word (as segment.Tokens cuts them), a
// punctuation mark or a quotation mark, with absolute byte offsets.
type tok struct {
	s, e int
	low  string // lower-cased text; for marks the mark itself
	kind uint8
	cap  bool   // a word starting with an upper-case letter
	cls  uint64 // word classes of data/words.tsv
}

// has reports whether the token's word belongs to one of the classes.
func (t tok) has(class uint64) bool { return t.cls&class != 0 }

func (t tok) is(kind uint8, low string) bool { return t.kind == kind && t.low == low }

// tokenize returns the tokens of text[start:end]. Quotation marks are told
// apart as opening or closing from the article's quotation spans.
// words are segment.Tokens of text[start:end], cut by the caller.
func (x *extractor) tokenize(start, end int, words []segment.Token) []tok {
	sub := x.text[start:end]
	out := x.tokBuf[:0]
	prev := 0
	punct := func(from, to int) {
		for i := from; i < to; {
			r, n := utf8.DecodeRuneInString(sub[i:])
			if r == '\'' && strings.HasPrefix(sub[i:], "''") {
				abs := start + i
				if _, ok := x.qOpen[abs]; ok {
					out = append(out, tok{s: abs, e: abs + 2, low: "''", kind: tOpen})
					i += 2
					continue
				}
				if _, ok := x.qClose[abs]; ok {
					out = append(out, tok{s: abs, e: abs + 2, low: "''", kind: tClose})
					i += 2
					continue
				}
			}
			if !unicode.IsSpace(r) {
				k := tPunct
				abs := start + i
				switch r {
				case '“', '”', '"', '«', '»', '„', '‘', '’', '\'', '-', '–', '—':
					if _, ok := x.qOpen[abs]; ok {
						k = tOpen
					} else if _, ok := x.qClose[abs]; ok {
						k = tClose
					} else if r == '“' || r == '«' || r == '„' {
						k = tOpen
					} else if r == '”' || r == '»' {
						k = tClose
					}
				}
				out = append(out, tok{s: abs, e: abs + n, low: sub[i : i+n], kind: k})
			}
			i += n
		}
	}
	for wi, w := range words {
		word := sub[w.Start:w.End]
		r, _ := utf8.DecodeRuneInString(word)
		if n := len(out); n > 0 && unicode.IsUpper(r) && len(word) > 1 && 'a' <= word[1] && word[1] <= 'z' && sub[prev:w.Start] == " -" && out[n-1].kind == tWord && out[n-1].cap && out[n-1].e == start+prev {
			// "Frank -Walter Steinmeier": a name a scraper split before
			// its hyphen is one word, as the entity stage reads it
			out[n-1].e = start + w.End
			out[n-1].low = x.lowerWord(sub[out[n-1].s-start : w.End])
			out[n-1].cls = x.lx.words[out[n-1].low]
			prev = w.End
			continue
		}
		punct(prev, w.Start)
		low := x.lowerWord(word)
		if pro, ok := pronounIs(low); ok {
			// "He's insisting", "It's threatening", "She's said": the
			// pronoun is the subject, "'s" its auxiliary ("is", "has"),
			// never a possessive speaker.
			cut := start + w.End - len("'s")
			if strings.HasSuffix(word, "’s") {
				cut = start + w.End - len("’s")
			}
			aux := "is"
			if next := wordAfter(sub, words, wi); pro != "it" && (strings.HasSuffix(next, "ed") || next == "said" || next == "told") {
				aux = "has" // "she's said", "he's warned": a perfect
			}
			out = append(out, tok{s: start + w.Start, e: cut, low: pro, kind: tWord, cap: unicode.IsUpper(r), cls: x.lx.words[pro]})
			out = append(out, tok{s: cut, e: start + w.End, low: aux, kind: tWord, cls: x.lx.words[aux]})
			prev = w.End
			continue
		}
		out = append(out, tok{s: start + w.Start, e: start + w.End, low: low, kind: tWord, cap: unicode.IsUpper(r), cls: x.lx.words[low]})
		prev = w.End
	}
	punct(prev, len(sub))
	x.tokBuf = out
	return out
}

// wordAfter is the word after words[wi] in sub, or "".
func wordAfter(sub string, words []segment.Token, wi int) string {
	if wi+1 >= len(words) {
		return ""
	}
	return sub[words[wi+1].Start:words[wi+1].End]
}

// pronounIs splits a personal pronoun contracted with "is" or "has"
// ("he's", "it's"; lower case, apostrophe folded) into the pronoun.
func pronounIs(low string) (string, bool) {
	switch low {
	case "he's", "she's", "it's":
		return low[:len(low)-2], true
	}
	return "", false
}

// lower lower-cases s and folds the typographic apostrophe, allocating
// only when s has something to change.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return strings.ReplaceAll(strings.ToLower(s), "’", "'")
		}
	}
	return s
}

// lowerWord returns lower(s). An ASCII word is folded into the extractor's
// lowBuf, one chunk shared by many words, instead of a string of its own:
// every capitalised word of every cue-bearing sentence passes here. Bytes
// written to a strings.Builder are never changed, and a full chunk is
// replaced rather than grown, so the returned strings stay valid.
//
// The typographic apostrophe (U+2019, "Russia’s") is the one non-ASCII
// character handled here, as lower folds it to "'"; a word with any other
// non-ASCII character goes to lower.
func (x *extractor) lowerWord(s string) string {
	fold := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			if !strings.HasPrefix(s[i:], "’") {
				return lower(s)
			}
			fold = true
			i += len("’") - 1
			continue
		}
		if c >= 'A' && c <= 'Z' {
			fold = true
		}
	}
	if !fold {
		return s
	}
	if x.lowBuf.Cap()-x.lowBuf.Len() < len(s) {
		x.lowBuf = strings.Builder{}
		x.lowBuf.Grow(max(2048, len(s)))
	}
	n := x.lowBuf.Len()
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= utf8.RuneSelf: // "’", checked above
			c = '\''
			i += len("’") - 1
		}
		x.lowBuf.WriteByte(c)
	}
	return x.lowBuf.String()[n:]
}

// possessive reports whether a word ends in 's or s', and is no
// contraction of "is" or "us" ("There's concern that …", "it's", "let's").
func possessive(low string) bool {
	switch low {
	case "there's", "here's", "it's", "that's", "what's", "who's", "where's", "he's", "she's", "let's":
		return false
	}
	return strings.HasSuffix(low, "'s") || strings.HasSuffix(low, "s'")
}

// dropPossessive removes the possessive ending of a name: "Ukraine's" →
// "Ukraine", "the ministers’" → "the ministers".
func dropPossessive(name string) string {
	for _, suf := range []string{"'s", "’s"} {
		if r, ok := strings.CutSuffix(name, suf); ok {
			return r
		}
	}
	for _, suf := range []string{"'", "’"} {
		if r, ok := strings.CutSuffix(name, suf); ok && strings.HasSuffix(r, "s") {
			return r
		}
	}
	return name
}
