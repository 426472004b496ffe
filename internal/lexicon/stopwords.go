package lexicon

import (
	"embed"
	"fmt"
	"strings"
)

//go:embed data/stopwords.tsv
var stopFS embed.FS

// Classes of data/stopwords.tsv, beyond those of data/function.tsv.
const (
	Minor   WordClass = 1 << (iota + 13) // closed-class words function.tsv leaves out: "again", "only", "ours"
	Clitic                               // pieces an apostrophe leaves: "s", "t", "ll"
	Report                               // reporting filler: "said", "according", "reportedly"
	Title                                // titles and abbreviation pieces: "mr", "dr", "e", "g"
	Search                               // a possible name that search still drops: "will"
	Compare                              // a possible name that claim linking still drops: "may"
)

var stopClassNames = map[string]WordClass{
	"minor": Minor, "clitic": Clitic, "report": Report, "title": Title, "search": Search, "compare": Compare,
}

// functionClasses are the classes of data/function.tsv.
const functionClasses = Det | Num | He | They | It | Prep | Conj | Wh | Aux | Neg | Adv | Pron

// StopWords is crosscheck's one stop-word list: the function words of
// data/function.tsv and the words of data/stopwords.tsv, each with its
// classes. Each use selects what it drops (ForSearch, ForComparison); a
// function word that is also a name when capitalised ("US", "May") is
// dropped only where data/stopwords.tsv says so, because lower-casing
// cannot tell the United States from "us".
type StopWords map[string]WordClass

// LoadStopWords parses the embedded data/function.tsv and
// data/stopwords.tsv into one list.
func LoadStopWords() (StopWords, error) {
	fw, err := LoadFunctionWords()
	if err != nil {
		return nil, err
	}
	sw := StopWords{}
	for w, c := range fw {
		sw[w] = c
	}
	err = ReadTSV(stopFS, "data/stopwords.tsv", func(_ int, f []string) error {
		if len(f) != 2 || f[0] == "" || f[0] != strings.ToLower(f[0]) {
			return fmt.Errorf("want a lower-case word and its classes")
		}
		for _, name := range strings.Split(f[1], ",") {
			k, ok := stopClassNames[strings.TrimSpace(name)]
			if !ok {
				return fmt.Errorf("unknown class %q", name)
			}
			sw[f[0]] |= k
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return sw, nil
}

// ForSearch is the set full-text search drops from a query: function
// words but number words ("ten kilometres" is something a reader may look
// for), and minor, clitic and search words — a superset of PostgreSQL's
// 'english' stop words, so that both stores read a query alike.
func (sw StopWords) ForSearch() map[string]bool {
	out := sw.pick(functionClasses|Minor|Clitic, Search)
	for w, c := range sw {
		if c&Num != 0 && c&^(Num|Det) == 0 {
			delete(out, w)
		}
	}
	return out
}

// ForComparison is the set claim linking drops before comparing two
// statements' contents: what search drops (but search-only words), and
// reporting filler, titles and compare words.
func (sw StopWords) ForComparison() map[string]bool {
	return sw.pick(functionClasses|Minor|Clitic|Report|Title, Compare)
}

// pick returns the words with a class in any that are not possible names,
// and the possible names that carry the class name.
func (sw StopWords) pick(any, name WordClass) map[string]bool {
	out := map[string]bool{}
	for w, c := range sw {
		if c&Name != 0 {
			if c&name != 0 {
				out[w] = true
			}
			continue
		}
		if c&any != 0 {
			out[w] = true
		}
	}
	return out
}
