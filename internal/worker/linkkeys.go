package worker

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/cespare/xxhash/v2"

	"github.com/crosscheck/crosscheck"
)

// maxLinkKeys bounds the link keys stored per statement (store.LinkIndex):
// each key is an index row, and a few distinctive words find a statement's
// relatives as well as all of them.
const maxLinkKeys = 4

// LinkKeys returns the link keys of each statement of a, in statement
// order: hashes of the longest distinct words of its content (four letters
// or digits at least, lower-cased), longer words being the rarer ones.
//
// These stand in for the claim frame keys that the claims package will
// expose for the incremental ledger; the store indexes whatever keys it is
// given.
func LinkKeys(a *crosscheck.Analysis) [][]uint64 {
	out := make([][]uint64, len(a.Statements))
	for i, st := range a.Statements {
		out[i] = contentKeys(st.Content.Text)
	}
	return out
}

func contentKeys(text string) []uint64 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	words = slices.DeleteFunc(words, func(w string) bool { return len([]rune(w)) < 4 })
	slices.SortFunc(words, func(a, b string) int {
		if c := cmp.Compare(len(b), len(a)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	words = slices.Compact(words)
	if len(words) > maxLinkKeys {
		words = words[:maxLinkKeys]
	}
	keys := make([]uint64, len(words))
	for i, w := range words {
		keys[i] = xxhash.Sum64String(w)
	}
	return keys
}
