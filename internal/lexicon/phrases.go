package lexicon

import (
	"sort"
	"strings"
)

// Phrases maps phrases — sequences of words, compared as given (callers
// fold case) — to values, and finds the phrases that start at a position
// of a text's words: the cue phrases of attribution ("according to",
// "continues to assess"), the descriptions of entity ("head of the
// government", "survey results"), the non-state words of party ("think
// tank"). It is immutable after the last Add and then safe for concurrent
// use.
type Phrases[V any] struct {
	byFirst map[string][]phrase[V] // by first word, longest first
	maxLen  int
}

type phrase[V any] struct {
	words []string
	val   V
}

// Add adds a phrase (words separated by white space) with its value. A
// phrase may be added several times with different values; Each visits
// them all.
func (p *Phrases[V]) Add(text string, v V) {
	words := strings.Fields(text)
	if len(words) == 0 {
		return
	}
	if p.byFirst == nil {
		p.byFirst = map[string][]phrase[V]{}
	}
	l := append(p.byFirst[words[0]], phrase[V]{words: words, val: v})
	sort.SliceStable(l, func(i, j int) bool { return len(l[i].words) > len(l[j].words) })
	p.byFirst[words[0]] = l
	p.maxLen = max(p.maxLen, len(words))
}

// Len returns the number of words of the longest phrase.
func (p *Phrases[V]) Len() int { return p.maxLen }

// Starts reports whether a phrase starts with word w.
func (p *Phrases[V]) Starts(w string) bool {
	_, ok := p.byFirst[w]
	return ok
}

// Each calls fn with the value and length in words of every phrase that
// starts at word i of a text of n words, longest first, until fn returns
// false. word(k) returns the text's k-th word.
func (p *Phrases[V]) Each(word func(k int) string, i, n int, fn func(v V, length int) bool) {
	if i >= n {
		return
	}
	for _, ph := range p.byFirst[word(i)] {
		if i+len(ph.words) > n {
			continue
		}
		ok := true
		for k := 1; k < len(ph.words) && ok; k++ {
			ok = word(i+k) == ph.words[k]
		}
		if ok && !fn(ph.val, len(ph.words)) {
			return
		}
	}
}

// Longest returns the value and length of the longest phrase that starts
// at word i of a text of n words, or false.
func (p *Phrases[V]) Longest(word func(k int) string, i, n int) (v V, length int, ok bool) {
	p.Each(word, i, n, func(val V, l int) bool {
		v, length, ok = val, l, true
		return false
	})
	return v, length, ok
}

// Contains reports whether any phrase occurs in words.
func (p *Phrases[V]) Contains(words []string) bool {
	at := func(k int) string { return words[k] }
	for i := range words {
		if _, _, ok := p.Longest(at, i, len(words)); ok {
			return true
		}
	}
	return false
}
