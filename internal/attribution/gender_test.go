package attribution

import (
	"strings"
	"testing"
)

// TestPronounGender checks that "she" and "he" resolve to a speaker of the
// same sex, known from given names, honorifics and gendered roles, and
// that a speaker's content naming another person does not capture the
// pronoun. The articles are written for this test.
func TestPronounGender(t *testing.T) {
	z := loadAnalyzer(t)
	tests := []struct {
		name string
		text string
		want []string // speaker names, in statement order
	}{
		{"she skips the man named last",
			"Analyst Margaret Olsen said the offensive had stalled. Defence minister Piotr Nowak said the army was ready. “The front is frozen,” she said.",
			[]string{"Margaret Olsen", "Piotr Nowak", "Margaret Olsen"}},
		{"he skips the woman named last",
			"General Oleksandr Marchuk said the bridge held. Nurse Iryna Bondar said the wounded were many. “We will hold,” he said.",
			[]string{"Oleksandr Marchuk", "Iryna Bondar", "Oleksandr Marchuk"}},
		{"an honorific tells the sex",
			"Ms Varga said the pipeline was safe. Mr Horvath told reporters that the plan was costly. She added that the valves had been checked.",
			[]string{"Varga", "Horvath", "Varga"}},
		{"a Slavic surname ending tells the sex",
			"Spokesperson Irina Volkova said the claims were false. Colonel Dmitry Sokolov said the troops were ready. She said the strike had not happened.",
			[]string{"Irina Volkova", "Dmitry Sokolov", "Irina Volkova"}},
		{"a spokeswoman without a name",
			"A spokeswoman for the ministry said the convoy had left. Deputy minister Taras Melnyk said more trucks were coming. She added that it would reach the city by night.",
			[]string{"spokeswoman for the ministry", "Taras Melnyk", "spokeswoman for the ministry"}},
		{"he after a quotation that names another man",
			"“Unlike Mr Dubois, we do not need foreign troops,” President Milan Kral said. He added that the border was calm.",
			[]string{"Milan Kral", "Milan Kral"}},
		{"one of a group is one person",
			"The tanks were moved, one of the EU officials said. He added that the talks would resume.",
			[]string{"EU official", "EU official"}},
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
