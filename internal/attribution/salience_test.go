package attribution

import (
	"strings"
	"testing"
)

// TestQuotedNameIsNotTheSpeaker checks that a role description or a
// pronoun after a quotation does not resolve to a person the quotation
// itself names: a speaker who says “Unlike Mr Dupont, we …” is not Dupont.
// The articles are written for this test.
func TestQuotedNameIsNotTheSpeaker(t *testing.T) {
	z := loadAnalyzer(t)
	tests := []struct {
		name string
		text string
		want []string // speaker names, in statement order
	}{
		{"the head of state after a quotation naming another president",
			"President Aleksandr Lukashenko addressed the graduates of the military academy on Friday.\n\n" +
				"Lukashenko said French President Emmanuel Macron had proposed sending troops to Ukraine.\n\n" +
				"“Unlike Mr Macron, we do not need foreign troops,” the head of state said.",
			[]string{"Aleksandr Lukashenko", "Aleksandr Lukashenko"}},
		{"he after a quotation naming the last speaker",
			"Lukashenko said Macron had proposed sending troops. Macron said Europe must be ready. “Unlike Mr Macron, we do not need foreign troops,” he said.",
			[]string{"Aleksandr Lukashenko", "Emmanuel Macron", "Aleksandr Lukashenko"}},
		{"a name in a quotation the speaker quotes",
			"Zelensky visited the front. In an interview, he said: “I laughed when a senator said ‘Zelensky will give up in a week’.”",
			[]string{"Volodymyr Zelensky"}},
		{"an apostrophe before the quotation the speaker quotes",
			"Zelensky visited the front. In an interview, he said: “I didn’t laugh when a senator said ‘Zelensky will give up in a week’.”",
			[]string{"Volodymyr Zelensky"}},
		{"a relative clause inside another's content is reported",
			"Lukashenko said he did not believe that Macron, a clever man but who declares his readiness to send troops, would start a war.\n\n“We must be strong,” he added.",
			[]string{"Aleksandr Lukashenko", "Emmanuel Macron", "Aleksandr Lukashenko"}},
		{"an opening like-phrase holds no subject",
			"Like Brezhnev before him, Vladimir Putin rules through nostalgia. He says the empire must return.",
			[]string{"Vladimir Putin"}},
		{"the spokesman after a possessive is the subject",
			"Mr Putin’s spokesman, Dmitry Peskov, hailed the exhibition as a “brilliant idea”.\n\n“It will attract great interest,” he said.",
			[]string{"Dmitry Peskov"}},
		{"a quoted nickname is no naming",
			"Denys Prokhorov returned to the front in May. He has since been dubbed “Kyt” by his men, he told reporters.",
			[]string{"Denys Prokhorov"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := z.extractFull(tt.text)
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

// TestDependents checks that a person named as the one a speaker depends
// on is not the speaker ("a Pence adviser", "Putin's spokesman", "the Biden
// administration", "her lawyer"), and that the speaker keeps that person's
// party unless a private one. The sentences are written for this test.
func TestDependents(t *testing.T) {
	z := loadAnalyzer(t)
	tests := []struct {
		text, name, party string
	}{
		{"A Biden adviser said the visit had been planned for weeks.", "Biden adviser", "US"},
		{"Putin's spokesman said the talks were over.", "Putin's spokesman", "RU"},
		{"The Biden administration said the aid would arrive in May.", "Biden administration", "US"},
		{"Navalny's lawyer said the verdict was political.", "Navalny's lawyer", ""},
		{"Vladimir Putin himself said the talks were over.", "Vladimir Putin", "RU"},
	}
	for _, tt := range tests {
		got, _ := z.extractFull(tt.text)
		if len(got) != 1 || string(got[0].Speaker.Name) != tt.name || string(got[0].Speaker.Affiliation) != tt.party {
			t.Errorf("%q: want one statement by %q (%q)\n%s", tt.text, tt.name, tt.party, dump(got))
		}
	}
}

// TestProtagonist checks that a description asking for no particular
// office ("the politician") refers to the article's protagonist, who has
// spoken most, rather than to an office holder seen long before; and that
// a description of an office the protagonist does not hold does not. The
// articles are written for this test.
func TestProtagonist(t *testing.T) {
	z := loadAnalyzer(t)
	lead := "Joe Biden said on Monday that there was no evidence of a withdrawal.\n\n" +
		"In a morning interview, Tomasz Wrona said Warsaw had to prepare. Wrona said the army needed more tanks.\n\n" +
		"Wrona was also asked about the budget dispute with Brussels.\n\n"
	tests := []struct {
		name, text, want string
	}{
		{"the politician is the protagonist", lead + "The politician said that Poland risked losing the funds.", "Tomasz Wrona"},
		{"the president is not", lead + "The president said that Poland risked losing the funds.", "Joe Biden"},
		{"a description of another country is not", "Chinese leader Xi Jinping met the visitors in Beijing.\n\n" +
			"Ursula von der Leyen said the meeting was useful. Von der Leyen said trade would grow. She said Europe was united.\n\n" +
			"The Chinese leader expressed the hope that talks would start soon.", "Xi Jinping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := z.extractFull(tt.text)
			if len(got) == 0 || string(got[len(got)-1].Speaker.Name) != tt.want {
				t.Errorf("last speaker is not %q\n%s", tt.want, dump(got))
			}
		})
	}
}
