package attribution

import (
	"strings"

	"github.com/crosscheck/crosscheck/internal/segment"
)

// mayHoldCue is a cheap test that lets most sentences without any cue word
// (or colon) skip full tokenization.
func (x *extractor) mayHoldCue(start, end int, words []segment.Token) bool {
	sub := x.text[start:end]
	if strings.IndexByte(sub, ':') >= 0 || signedDash(sub) {
		return true
	}
	for _, w := range words {
		word := sub[w.Start:w.End]
		if x.lx.isCue(word) || opinionNouns[word] {
			return true
		}
		if c := word[0]; c >= 'A' && c <= 'Z' && w.Start == 0 {
			if x.lx.isCue(x.lowerWord(word)) {
				return true
			}
		}
	}
	return false
}

// mayHoldCueFast is a cheaper test than mayHoldCue that never says no
// where mayHoldCue says yes, so most sentences skip tokenization. When
// every cue key is lower-case ASCII letters (checked at load), a token that
// equals one is a maximal run of ASCII letters (segment tokens end only
// before a rune that is no word rune), so looking at such runs finds every
// word mayHoldCue would accept.
func (x *extractor) mayHoldCueFast(sub string) bool {
	if !x.lx.cuesLetters || strings.IndexByte(sub, ':') >= 0 || signedDash(sub) {
		return true // a colon, a dash that signs a quotation, or a cue key with other characters: no shortcut
	}
	for i := 0; i < len(sub); {
		if !isASCIILetter(sub[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(sub) && isASCIILetter(sub[j]) {
			j++
		}
		run := sub[i:j]
		if x.lx.isCue(run) || opinionNouns[run] {
			return true
		}
		if i == 0 && run[0] >= 'A' && run[0] <= 'Z' && x.lx.isCue(x.lowerWord(run)) {
			return true
		}
		i = j
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// titleCase reports whether a sentence is a headline in title case, where
// "Claims" is no cue.
func titleCase(toks []tok) bool {
	words, caps := 0, 0
	for _, t := range toks {
		if t.kind == tWord {
			words++
			if t.cap {
				caps++
			}
		}
	}
	return words >= 4 && caps*10 >= words*7
}

func (x *extractor) isAnyCue(low string) bool {
	found := false
	x.lx.eachCue(low, func(c *cue) bool {
		found = c.pattern != patNoun && len(c.words) == 1
		return !found
	})
	return found
}

func (x *extractor) isVerbCue(low string) bool {
	found := false
	x.lx.eachCue(low, func(c *cue) bool {
		found = c.pattern == patVerb && len(c.words) == 1
		return !found
	})
	return found
}

func (x *extractor) hasNoun(low string) bool {
	found := false
	x.lx.eachCue(low, func(c *cue) bool {
		found = c.pattern == patNoun && len(c.words) == 1
		return !found
	})
	return found
}

// eachCue calls fn with every cue whose words start at token i of toks,
// longest first, and the index after its last token, until fn returns
// false.
func (x *extractor) eachCue(toks []tok, i int, fn func(c *cue, j int) bool) {
	if toks[i].kind != tWord || !x.lx.mayBeCue(toks[i].low) {
		return
	}
	word := func(k int) string {
		if toks[k].kind != tWord {
			return ""
		}
		return toks[k].low
	}
	x.lx.cues.Each(word, i, len(toks), func(c *cue, n int) bool { return fn(c, i+n) })
}

func (x *extractor) hasCue(toks []tok) bool {
	for i := range toks {
		if x.cueAt(toks, i) {
			return true
		}
	}
	return false
}

// cueAt reports whether a cue other than a noun cue starts at token i.
func (x *extractor) cueAt(toks []tok, i int) bool {
	found := false
	x.eachCue(toks, i, func(c *cue, _ int) bool {
		found = c.pattern != patNoun
		return !found
	})
	return found
}

// signedDash reports whether s has a dash that may sign a quotation with a
// name (`” ― Sonya Herridge`).
func signedDash(s string) bool {
	return strings.Contains(s, "―") || strings.Contains(s, "—") || strings.Contains(s, "–")
}
