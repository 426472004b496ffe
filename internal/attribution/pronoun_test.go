package attribution

import (
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/segment"
)

// people builds entities for the given names with a mention at every
// occurrence in text, standing in for the entity stage.
func people(text string, names map[string]string) []crosscheck.Entity {
	var ents []crosscheck.Entity
	for _, name := range []string{"Biden", "Putin", "Zelenskyy", "Lavrov", "Blinken", "NATO", "Kremlin"} {
		typ, ok := names[name]
		if !ok {
			continue
		}
		e := crosscheck.Entity{ID: "e-" + strings.ToLower(name), Name: name, Type: typ}
		for off := 0; ; {
			i := strings.Index(text[off:], name)
			if i < 0 {
				break
			}
			e.Mentions = append(e.Mentions, crosscheck.Span{Start: off + i, End: off + i + len(name)})
			off += i + len(name)
		}
		ents = append(ents, e)
	}
	return ents
}

// TestPronounSpeaker checks that a he/she speaker refers to the speaker of
// the most recent statement, not to a person reported inside its content,
// and falls back to the previous sentence's subject. The sentences are
// hand-written for this test.
func TestPronounSpeaker(t *testing.T) {
	lx := loadLexicon(t)
	const per, org = crosscheck.TypePerson, crosscheck.TypeOrganization
	all := map[string]string{"Biden": per, "Putin": per, "Zelenskyy": per, "Lavrov": per, "Blinken": per, "NATO": org, "Kremlin": org}
	tests := []struct {
		name string
		text string
		want []string // speaker names in statement order
	}{
		{"speaker not the person reported",
			"Biden said the US had intelligence that Putin was preparing an attack. He stressed that the US had “significant intelligence skills.”",
			[]string{"Biden", "Biden"}},
		{"quote then he added",
			"“Putin is preparing an attack,” Biden said. He added that the US would respond.",
			[]string{"Biden", "Biden"}},
		{"content names a person, pronoun goes to the speaker",
			"Zelenskyy said that Putin had ordered the strike on Kyiv. He stressed that Ukraine would not give up.",
			[]string{"Zelenskyy", "Zelenskyy"}},
		{"previous paragraph",
			"Lavrov told reporters that Blinken had rejected the offer.\n\nHe noted that talks could resume.",
			[]string{"Lavrov", "Lavrov"}}, // Blinken's rejection is inside Lavrov's content: no statement of its own, and he is not Blinken
		{"organization speaker is skipped for he",
			"Biden said Putin would fail. NATO said that Putin had massed troops. He added that aid would continue.",
			[]string{"Biden", "NATO", "Biden"}},
		{"they takes the organization",
			"Biden said Putin would fail. NATO said that Putin had massed troops. They added that more aid would come.",
			[]string{"Biden", "NATO", "NATO"}},
		{"subject of the previous sentence",
			"Biden met Putin in Geneva on Friday. He said the talks were useful.",
			[]string{"Biden"}},
		{"statement beyond three sentences in the same paragraph",
			"Biden said that Putin had lost. The war went on. Troops moved east. Shells fell on Kyiv. He added that aid would come.",
			[]string{"Biden", "Biden"}},
		{"reported person inside a quotation is skipped",
			"“Putin told Lavrov to stop the talks,” Blinken said. He added that the US was ready.",
			[]string{"Blinken", "Blinken"}},
		{"the one spoken to is not the speaker",
			"Lavrov said the talks in Bali were useful. Blinken said the US was ready to help. He also told Blinken that the sanctions had failed.",
			[]string{"Lavrov", "Blinken", "Lavrov"}},
		{"mention fallback skips people inside content",
			"Zelenskyy spoke in Kyiv on Friday. Officials said Putin had ordered the strike. He said the city would be rebuilt.",
			[]string{"Officials", "Zelenskyy"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := &crosscheck.Article{Text: tt.text, Published: "2025-04-26"}
			got := Extract(art, segment.Sentences(tt.text), people(tt.text, all), lx, Options{})
			var names []string
			for _, s := range got {
				names = append(names, string(s.Speaker.Name))
			}
			if strings.Join(names, "|") != strings.Join(tt.want, "|") {
				t.Errorf("speakers %q, want %q\n%s", names, tt.want, dump(got))
			}
		})
	}
}
