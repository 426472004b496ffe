package entity

import (
	"testing"

	"github.com/crosscheck/crosscheck/internal/segment"
)

// FuzzFind checks that Find never panics and that every mention is a valid
// span of the text, with or without sentences, and that Describe never
// panics.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"General Valery Gerasimov, Chief of the General Staff for Russia’s Armed Forces, said so.",
		"U.S. Middle East envoy Steve Witkoff met President Putin in St. Peter’s Basilica.",
		"Ukraine’s General Staff and the village of Gornal in the Kursk region.",
		"Pope Francis’ funeral. “Yes,” Mr. Lavrov’s aide said.",
		"READ: Jonathan Turley Says One Case Shows How Far",
		"U.S.A. J. R. R. Tolkien, Ministry of Defence of the Russian Federation",
		"a’s ’s s’ ' Mr.", "\xff\xfe\n\nKyiv’s", "",
	} {
		f.Add(s)
	}
	lx := testLexicon(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkSpans(t, text, Find(text, nil, lx))
		checkSpans(t, text, Find(text, segment.Sentences(text), lx))
		lx.Describe(text)
	})
}
