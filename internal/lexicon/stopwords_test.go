package lexicon

import (
	"strings"
	"testing"
)

// postgresEnglish is the stop-word list of PostgreSQL's 'english' text
// search configuration (snowball's english.stop): full-text search must
// drop at least these, or SQLite and PostgreSQL would read a query apart.
const postgresEnglish = `i me my myself we our ours ourselves you your yours yourself yourselves he him his
himself she her hers herself it its itself they them their theirs themselves what which who whom this
that these those am is are was were be been being have has had having do does did doing a an the and
but if or because as until while of at by for with about against between into through during before
after above below to from up down in out on off over under again further then once here there when
where why how all any both each few more most other some such no nor not only own same so than too
very s t can will just don should now`

func TestStopWords(t *testing.T) {
	sw, err := LoadStopWords()
	if err != nil {
		t.Fatal(err)
	}
	search, compare := sw.ForSearch(), sw.ForComparison()
	for _, w := range strings.Fields(postgresEnglish) {
		if !search[w] {
			t.Errorf("search keeps %q, which PostgreSQL drops", w)
		}
		if !compare[w] {
			t.Errorf("comparison keeps %q", w)
		}
	}
	for _, tt := range []struct {
		word            string
		search, compare bool
	}{
		{"us", false, false},    // the United States, lower-cased
		{"may", false, true},    // the month in a search; a modal in a content
		{"per", false, true},    // a name in a search
		{"will", true, true},    // PostgreSQL drops it
		{"said", false, true},   // reporting filler: found by search, noise in a comparison
		{"mr", false, true},     // a title
		{"ll", true, true},      // a clitic
		{"despite", true, true}, // a function word
		{"troops", false, false},
		{"kremlin", false, false},
	} {
		if search[tt.word] != tt.search || compare[tt.word] != tt.compare {
			t.Errorf("%q: search %v compare %v, want %v %v", tt.word, search[tt.word], compare[tt.word], tt.search, tt.compare)
		}
	}
}
