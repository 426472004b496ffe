package entity

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/crosscheck/crosscheck"
)

// TestGender checks the evidence for a person's sex on sentences written
// for this test: honorifics before a mention, gendered roles, given names
// (the US list and the list of war-news names that overrides it), Slavic
// and Lithuanian surname endings, and disagreeing evidence.
func TestGender(t *testing.T) {
	lx := testLexicon(t)
	tests := []struct {
		name, text, person string
		roles              []string
		want               string
	}{
		{"given name, US list", "Margaret Olsen spoke.", "Margaret Olsen", nil, Female},
		{"given name, war-news list", "Volodymyr Marchuk spoke.", "Volodymyr Marchuk", nil, Male},
		{"the war-news list wins: Valery is a man's name", "Valery Zhuk spoke.", "Valery Zhuk", nil, Male},
		{"the war-news list wins: Denys", "Denys Hrytsenko spoke.", "Denys Hrytsenko", nil, Male},
		{"an honorific before the surname", "Then Ms Varga spoke.", "Varga", nil, Female},
		{"Mr. with a period", "Then Mr. Horvath spoke.", "Horvath", nil, Male},
		{"a gendered role", "Kallas spoke.", "Kallas", []string{"spokeswoman for the government"}, Female},
		{"a Slavic surname ending", "Volkova spoke.", "Volkova", nil, Female},
		{"a Polish surname ending", "Anonymous Kowalski spoke.", "Kowalski", nil, Male},
		{"a Lithuanian surname ending", "Navickiene spoke.", "Navickiene", nil, Female},
		{"no evidence", "Tan spoke.", "Tan", nil, ""},
		{"evidence that disagrees", "Then Mr Blake spoke. Later Ms Blake spoke.", "Blake", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := crosscheck.Entity{Name: tt.person, Type: crosscheck.TypePerson, Roles: tt.roles}
			last := tt.person[strings.LastIndexByte(tt.person, ' ')+1:]
			for off := 0; ; {
				i := strings.Index(tt.text[off:], last)
				if i < 0 {
					break
				}
				e.Mentions = append(e.Mentions, crosscheck.Span{Start: off + i, End: off + i + len(last), Text: last})
				off += i + len(last)
			}
			if got := lx.Gender(tt.text, e); got != tt.want {
				t.Errorf("Gender(%q) = %q, want %q", tt.person, got, tt.want)
			}
		})
	}
	if got := lx.Gender("Kyiv", crosscheck.Entity{Name: "Kyiv", Type: crosscheck.TypePlace}); got != "" {
		t.Errorf("a place has sex %q", got)
	}
}

// TestPhraseGender checks the sex a speaker phrase shows by its own words.
func TestPhraseGender(t *testing.T) {
	lx := testLexicon(t)
	for phrase, want := range map[string]string{
		"a spokeswoman for the ministry": Female, "the ministry's spokesman": Male, "his wife": Female,
		"a senior official": "", "the spokesman and his wife": "",
	} {
		if got := lx.PhraseGender(phrase); got != want {
			t.Errorf("PhraseGender(%q) = %q, want %q", phrase, got, want)
		}
	}
}

// TestLoadGivenErrors checks that a malformed given-name file is refused
// with the file and line named.
func TestLoadGivenErrors(t *testing.T) {
	for name, data := range map[string]string{
		"givennames.tsv":       "anna\tx\n",
		"givennames-extra.tsv": "anna\n",
	} {
		fsys := fstest.MapFS{"givennames.tsv": {Data: []byte("anna\tf\n")}, "givennames-extra.tsv": {Data: []byte("ivan\tm\n")}}
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
		if _, err := loadGiven(fsys); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s %q: error %v, want one naming the file", name, data, err)
		}
	}
	fsys := fstest.MapFS{"givennames.tsv": {Data: []byte("valery\tf\n")}, "givennames-extra.tsv": {Data: []byte("valery\tm\n")}}
	g, err := loadGiven(fsys)
	if err != nil || g["valery"] != 'm' {
		t.Errorf("extra list does not win: %v %q", err, g["valery"])
	}
}
