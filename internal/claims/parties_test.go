package claims

import (
	"slices"
	"testing"
)

// TestSpeakerPartiesNonState checks that a speaker phrase naming a country
// takes it as its party ("Ukrainian officials") unless the phrase holds a
// non-state word of package party ("the Russian independent media", "a
// Kyiv-based think tank"), on sentences written for the test.
func TestSpeakerPartiesNonState(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		speaker string
		want    []string
	}{
		{"Ukrainian officials", []string{"UA"}},
		{"The Russian independent media", nil},
		{"a Russian opposition politician", nil},
		{"a Kyiv-based think tank", nil},
	}
	for _, tt := range tests {
		t.Run(tt.speaker, func(t *testing.T) {
			text := tt.speaker + " said the bridge over the river had been destroyed."
			an := caseAnalysis(t, caseArticle{ID: "a1", Published: "2024-05-01", Text: text, Statements: []caseStatement{{
				ID: "s1", SpeakerText: tt.speaker, Type: "group", Cue: "said", Lemma: "say", Kind: "indirect", Stance: "assert",
				Content: "the bridge over the river had been destroyed",
			}}})
			pa, err := lx.Prepare(&an)
			if err != nil {
				t.Fatal(err)
			}
			if len(pa.Statements) != 1 {
				t.Fatalf("%d statements prepared", len(pa.Statements))
			}
			if got := pa.Statements[0].Parties; !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("parties %v, want %v", got, tt.want)
			}
		})
	}
}
