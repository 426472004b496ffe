package lexicon

import (
	"strings"
	"testing"
)

func TestPhrases(t *testing.T) {
	var p Phrases[string]
	p.Add("according to", "prep")
	p.Add("said", "verb")
	p.Add("said", "raise")
	p.Add("continues to assess", "assess")
	p.Add("think tank", "noun")
	words := strings.Fields("the think tank continues to assess that troops said according to sources")
	at := func(k int) string { return words[k] }
	tests := []struct {
		i    int
		want string
		n    int
		ok   bool
	}{
		{0, "", 0, false},
		{1, "noun", 2, true},
		{3, "assess", 3, true},
		{8, "verb", 1, true},
		{9, "prep", 2, true},
	}
	for _, tt := range tests {
		v, n, ok := p.Longest(at, tt.i, len(words))
		if v != tt.want || n != tt.n || ok != tt.ok {
			t.Errorf("Longest at %d (%q) = %q, %d, %v; want %q, %d, %v", tt.i, words[tt.i], v, n, ok, tt.want, tt.n, tt.ok)
		}
	}
	var all []string
	p.Each(at, 8, len(words), func(v string, _ int) bool { all = append(all, v); return true })
	if strings.Join(all, ",") != "verb,raise" {
		t.Errorf("Each at \"said\" = %q, want both values in the order added", all)
	}
	if !p.Starts("think") || p.Starts("tank") {
		t.Error("Starts: want true for a first word only")
	}
	if !p.Contains(strings.Fields("a kyiv think tank")) || p.Contains(strings.Fields("a tank")) {
		t.Error("Contains: want a phrase anywhere, whole")
	}
	if p.Longest(at, len(words), len(words)); p.Len() != 3 {
		t.Errorf("Len = %d, want 3", p.Len())
	}
}

func TestFunctionWords(t *testing.T) {
	fw, err := LoadFunctionWords()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		word  string
		class WordClass
		want  bool
	}{
		{"the", Det, true}, {"he", He, true}, {"they", They, true}, {"it", It, true}, {"its", It, false},
		{"despite", Prep, true}, {"although", Conj, true}, {"would", Aux, true}, {"may", Name, true},
		{"minister", Det | Prep | Conj, false},
	} {
		if got := fw.Is(tt.word, tt.class); got != tt.want {
			t.Errorf("Is(%q, %b) = %v, want %v", tt.word, tt.class, got, tt.want)
		}
	}
	for _, w := range fw.Words(^Name, Name) {
		if w == "may" || w == "will" {
			t.Errorf("Words without Name holds %q", w)
		}
	}
}
