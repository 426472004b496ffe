package stance

import (
	"testing"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/attribution"
	"github.com/crosscheck/crosscheck/internal/segment"
)

// FuzzClassify runs stance and relations over any text with the
// statements attribution finds in it: no panic, every relation names
// statements of the article, and every evidence span is the text it
// claims to be.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{
		"Moscow said Ukrainian drones attacked a plant. Kyiv said there was no evidence for these assertions.",
		"“This has not happened,” the spokesman said. Lavrov called the American claims fabricated.",
		"Russia has denied allegations of war crimes. The ministry made no mention of the strike.",
		"Like China, Belarus has claimed that the US does not want peace – a claim Kyiv called “completely untrue.”",
		"Putin dismissed suggestions that Russia might attack as \"complete nonsense\". It's a lie, he said.",
		"",
	} {
		f.Add(s)
	}
	al, sl := setup(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		art := &crosscheck.Article{Text: text}
		sents := segment.Sentences(text)
		st := attribution.Extract(art, sents, nil, al, attribution.Options{})
		out, rels := Classify(art, sents, st, sl, Options{Country: countries})
		ids := map[string]bool{}
		for _, s := range out {
			ids[s.ID] = true
		}
		for _, r := range rels {
			if !ids[r.To] || r.From != "" && !ids[string(r.From)] {
				t.Fatalf("relation %+v names a statement not in the article", r)
			}
			e := r.Evidence
			if e.Start < 0 || e.End > len(text) || e.Start > e.End || text[e.Start:e.End] != e.Text {
				t.Fatalf("evidence %+v is not the text at its offsets", e)
			}
		}
	})
}
