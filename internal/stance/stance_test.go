package stance

import (
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/attribution"
	"github.com/crosscheck/crosscheck/internal/segment"
)

// countries stands in for the gazetteer in these tests: the demonyms and
// country names the cases use.
func countries(w string) (string, bool) {
	switch strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s") {
	case "Russian", "Russia":
		return "RU", true
	case "Ukrainian", "Ukraine":
		return "UA", true
	case "American", "US", "United States":
		return "US", true
	case "Chinese", "China":
		return "CN", true
	}
	return "", false
}

func setup(t testing.TB) (*attribution.Lexicon, *Lexicon) {
	t.Helper()
	al, err := attribution.New()
	if err != nil {
		t.Fatal(err)
	}
	sl, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return al, sl
}

// classify extracts the statements of text, gives every speaker whose
// text starts with a demonym that party, and classifies them.
func classify(t testing.TB, text string) ([]crosscheck.Statement, []crosscheck.Relation) {
	t.Helper()
	al, sl := setup(t)
	art := &crosscheck.Article{Text: text, Published: "2025-04-26"}
	sents := segment.Sentences(text)
	st := attribution.Extract(art, sents, nil, al, attribution.Options{})
	for i := range st {
		for _, w := range strings.Fields(st[i].Speaker.Text) {
			if iso, ok := countries(w); ok {
				st[i].Speaker.Affiliation = crosscheck.NullString(iso)
			}
		}
	}
	return Classify(art, sents, st, sl, Options{Country: countries})
}

func TestStance(t *testing.T) {
	tests := []struct {
		text   string
		stance string
		hedged bool
	}{
		{"Ukrainian officials have yet to confirm this claim.", crosscheck.StanceNotConfirmed, false},
		{"Reuters could not independently verify the report.", crosscheck.StanceNotConfirmed, false},
		{"The ministry did not confirm that the bridge was hit.", crosscheck.StanceNotConfirmed, false},
		{"The Ukrainian General Staff denied that its troops had withdrawn.", crosscheck.StanceDeny, false},
		{"Kyiv's spokesman rejected the Russian account of the battle.", crosscheck.StanceDeny, false},
		{"Gerasimov confirmed that North Korean soldiers had fought in Kursk.", crosscheck.StanceConfirm, false},
		{"The agency retracted its report that the dam had collapsed.", crosscheck.StanceRetract, false},
		{"The governor said the plant was reportedly hit twice.", crosscheck.StanceAssert, true},
		{"Moscow claimed that its forces had taken the town.", crosscheck.StanceAssert, true},
		{"The governor said: “Reportedly is not a word I use.”", crosscheck.StanceAssert, false},
		// Dismissing a proposal is a view of it, not a denial of a fact
		// (turning it down, "rejected the demands", is an act and no
		// statement at all: attribution's TestNotStatements).
		{"The Kremlin dismissed the proposal as unrealistic.", crosscheck.StanceAssert, false},
		{"Kyiv rejected claims that the plan had failed.", crosscheck.StanceDeny, false},
		// Confirming a commitment reaffirms a position; it confirms no claim.
		{"The ministers confirmed their commitment to the peace talks.", crosscheck.StanceAssert, false},
		{"We confirm the need to keep the sanctions in place.", crosscheck.StanceAssert, false},
		{"The ministry confirmed the deaths of two soldiers.", crosscheck.StanceConfirm, false},
		// A negated cue of its own: a belief denied, anything else not said.
		{"The governor does not believe that the dam will hold.", crosscheck.StanceDeny, false},
		{"The colonel did not say that the town had fallen.", crosscheck.StanceNotConfirmed, false},
		{"The bishop has not mentioned the shelling of the cathedral.", crosscheck.StanceNotConfirmed, false},
		{"“We will never give up the town and we will not,” the colonel said.", crosscheck.StanceAssert, false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			st, _ := classify(t, tt.text)
			if len(st) != 1 {
				t.Fatalf("got %d statements, want 1", len(st))
			}
			if st[0].Stance != tt.stance || st[0].Hedged != tt.hedged {
				t.Errorf("stance %s hedged %v, want %s %v", st[0].Stance, st[0].Hedged, tt.stance, tt.hedged)
			}
		})
	}
}

func TestRelations(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		typ      string
		from, to string // statement ids; from "" is null
		by       string
		evidence string
	}{
		{"contradicts the first claim of the other party",
			"The Russian military announced that all troops had been forced out. “The last village has been liberated,” the Russian general stated. The Ukrainian General Staff asserted that its forces continue to hold the sector, directly contradicting the Russian assertion of a withdrawal.",
			crosscheck.RelContradicts, "s3", "s1", "", "directly contradicting the Russian assertion"},
		{"a note on the claim after a comma",
			"Moscow said Kyiv had shelled the dam, a claim which the Ukrainian army denied.",
			crosscheck.RelContradicts, "s2", "s1", "", "a claim which the Ukrainian army denied"},
		{"something the other side denied",
			"The allies accuse Moscow of planning an attack on the port, something Moscow has repeatedly denied.",
			crosscheck.RelContradicts, "s2", "s1", "", "something Moscow has repeatedly denied"},
		{"a relative 'which' on the claim",
			"The ministry claimed to have destroyed two bridges, which Kyiv denied.",
			crosscheck.RelContradicts, "s2", "s1", "", "which Kyiv denied"},
		{"a denial that points back",
			"Moscow claimed to have taken the village, but Kyiv denied it.",
			crosscheck.RelContradicts, "s2", "s1", "", "denied it"},
		{"a passive rejection in a note on the claim",
			"Moscow said Kyiv had plotted a coup in the region, a claim flatly rejected by the Ukrainian government.",
			crosscheck.RelContradicts, "s2", "s1", "", "a claim flatly rejected by the Ukrainian government"},
		{"not confirmed by the other side",
			"The Russian military announced that all troops had been forced out. However, Ukrainian officials have yet to confirm this claim.",
			crosscheck.RelNotConfirmed, "", "s1", "UA", "Ukrainian officials have yet to confirm this claim"},
		{"echoes the previous speaker",
			"Trump said both sides were “very close to a deal.” Lavrov echoed this sentiment in an interview, saying that the Kremlin is ready.",
			crosscheck.RelEchoes, "s2", "s1", "", "echoed this sentiment"},
		{"confirms the statement about the meeting",
			"The two leaders met briefly at the funeral, according to the Ukrainian spokesman Serhii Nykyforov. Steven Cheung also confirmed the meeting, describing it as “very productive.”",
			crosscheck.RelConfirms, "s2", "s1", "", "confirmed the meeting"},
		{"confirmation named by a noun",
			"Gerasimov confirmed that North Korean soldiers had fought. Earlier reports from Ukraine suggested that North Korea had deployed troops. Gerasimov's statement marks the first direct confirmation from a Russian official.",
			crosscheck.RelConfirms, "s1", "s2", "", "the first direct confirmation from a Russian official"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, rels := classify(t, tt.text)
			var found *crosscheck.Relation
			for i := range rels {
				if rels[i].Type == tt.typ {
					found = &rels[i]
				}
			}
			if found == nil {
				t.Fatalf("no %s relation among %+v (statements: %d)", tt.typ, rels, len(st))
			}
			if string(found.From) != tt.from || found.To != tt.to || string(found.By) != tt.by {
				t.Errorf("got from=%q to=%q by=%q, want from=%q to=%q by=%q", found.From, found.To, found.By, tt.from, tt.to, tt.by)
			}
			if found.Evidence.Text != tt.evidence || tt.text[found.Evidence.Start:found.Evidence.End] != found.Evidence.Text {
				t.Errorf("evidence %q, want %q", found.Evidence.Text, tt.evidence)
			}
		})
	}
}

// TestNoRelation checks that a relation phrase yields no relation when it
// is not linked to the statement it would point at: no anaphor and no shared
// content word, an anaphor too many paragraphs back, a phrase inside a
// quotation, or a rejected proposal.
func TestNoRelation(t *testing.T) {
	tests := []struct {
		name, text, typ string
	}{
		{"unrelated topic",
			"Russian officials said their forces had captured the outskirts of Kreminna. Ukrainian forces have not confirmed any strikes on the fuel depot in Belgorod.",
			crosscheck.RelNotConfirmed},
		{"cue inside a quotation",
			"The Russian ministry said Kyiv wanted to use force against the town. “We keep talking, rejecting the use of force,” the Ukrainian envoy said.",
			crosscheck.RelContradicts},
		{"cue inside a quotation opened in an earlier sentence",
			"The Russian ministry said Kyiv wanted to use force against the town. “We keep talking. We are rejecting the use of force,” the Ukrainian envoy said.",
			crosscheck.RelContradicts},
		{"rejected proposal",
			"The Russian ministry said Washington must accept its demands on the talks. The Ukrainian government has flatly rejected the demands.",
			crosscheck.RelContradicts},
		{"anaphor too far back",
			"The Ukrainian military said its drones had hit a radar.\n\nThe Russian army said the port had been shelled.\n\nA storm hit the coast.\n\nMarkets fell.\n\nPrices rose.\n\nUkrainian officials have yet to confirm this claim.",
			crosscheck.RelNotConfirmed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rels := classify(t, tt.text)
			for _, r := range rels {
				if r.Type == tt.typ {
					t.Errorf("unexpected %s relation %+v", r.Type, r)
				}
			}
		})
	}
}

// TestRelationToLead checks that an anaphor reaches the article's lead
// statement beyond the two-paragraph window.
func TestRelationToLead(t *testing.T) {
	text := "The Ukrainian military said its drones had destroyed a radar in Crimea.\n\nA storm hit the coast.\n\nMarkets fell.\n\nPrices rose.\n\nThe Russian spokesman Dmitry Peskov dismissed the reports as propaganda."
	_, rels := classify(t, text)
	for _, r := range rels {
		if r.Type == crosscheck.RelContradicts && r.To == "s1" {
			return
		}
	}
	t.Errorf("no contradicts relation to s1 among %+v", rels)
}

// TestRelationByOverlap checks that a relation without an anaphor is kept
// when its sentence shares a content word with the statement.
func TestRelationByOverlap(t *testing.T) {
	text := "The Russian ministry said its jets struck a fuel depot in Belgorod. Ukrainian officials denied the strikes on the depot."
	_, rels := classify(t, text)
	for _, r := range rels {
		if r.Type == crosscheck.RelContradicts && r.To == "s1" {
			return
		}
	}
	t.Errorf("no contradicts relation to s1 among %+v", rels)
}

func TestClassifyEmpty(t *testing.T) {
	_, sl := setup(t)
	st, rels := Classify(&crosscheck.Article{}, nil, nil, sl, Options{})
	if len(st) != 0 || rels == nil || len(rels) != 0 {
		t.Errorf("got %v %v, want empty, non-nil relations", st, rels)
	}
}
