package claims

import (
	"slices"
	"testing"

	"github.com/crosscheck/crosscheck"
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
		// separatists speak for no state whose land they name
		{"The self-declared republics of Donetsk and Luhansk", nil},
		{"Pro-Russian separatists in Donetsk", nil},
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

// TestSpeakerPartiesFromAnalysis checks, on sentences written for the test
// and read by the real analyzer, that the party the analysis decided for a
// person with a role naming a country stands: an independent role ("military
// analyst", "correspondent") names no state, whatever country it names, nor
// does a medium the analysis gave none ("American TV CNN"), while a role
// naming only a region still takes the region's country here.
func TestSpeakerPartiesFromAnalysis(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	z := newAnalyzer(t)
	tests := []struct {
		text, speaker string
		want          []string
	}{
		{"Shelling near the border could scatter contaminated soil, said Russian military analyst Oleg Barinov.", "Oleg Barinov", nil},
		{"The talks had been cordial, our Moscow correspondent Irina Volkova reports.", "Irina Volkova", nil},
		{"Petro Hnatiuk, the chief police investigator for Kharkiv province, said most of the victims had been shot.", "Petro Hnatiuk", []string{"UA"}},
		{"Polish Foreign Minister Anna Nowak said the border would stay open.", "Anna Nowak", []string{"PL"}},
		{"The convoy had been turned back at the border, American TV CNN said on Thursday.", "CNN", nil},
		{"The Russian state news agency RIA Novosti said the convoy had arrived.", "RIA Novosti", []string{"RU"}},
		// a church leader speaks for no state, whatever place his see is
		// named after
		{"The archbishop of Canterbury said the refugees must be welcomed.", "archbishop of Canterbury", nil},
		// the translated name of an independent outlet is no demonym
		{"The minister owns three villas in Spain, writes Ukrainian truth.", "Ukrainian truth", nil},
		// a non-state word in the name the analysis gave the speaker
		{"Moldovan opposition leaders met in Chisinau on Sunday. They said the vote had been rigged.", "Moldovan opposition leaders", nil},
	}
	for _, tt := range tests {
		t.Run(tt.speaker, func(t *testing.T) {
			an, err := z.Analyze(t.Context(), crosscheck.Document{Body: []byte(tt.text), Published: "2024-05-01"})
			if err != nil {
				t.Fatal(err)
			}
			pa, err := lx.Prepare(&an)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range pa.Statements {
				if p.SpeakerName == tt.speaker {
					if !slices.Equal(p.Parties, tt.want) && !(len(p.Parties) == 0 && len(tt.want) == 0) {
						t.Errorf("parties %v, want %v", p.Parties, tt.want)
					}
					return
				}
			}
			t.Errorf("no statement of %q among %d", tt.speaker, len(pa.Statements))
		})
	}
}
