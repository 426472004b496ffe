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
