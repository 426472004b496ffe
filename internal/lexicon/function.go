package lexicon

import (
	"embed"
	"fmt"
	"strings"
)

//go:embed data/function.tsv
var functionFS embed.FS

// WordClass is a set of grammatical classes of a function word.
type WordClass uint32

// Classes of data/function.tsv.
const (
	Det  WordClass = 1 << iota // determiners and quantifiers: "the", "some", "his"
	Num                        // number words: "two", "dozens"
	He                         // pronouns of one person: "he", "she", "him"
	They                       // pronouns of a group: "they", "we", "their"
	It                         // pronouns of a thing or a body: "it", "its"
	Prep                       // prepositions: "in", "according", "despite"
	Conj                       // conjunctions and subordinators: "and", "although"
	Wh                         // relative and question words: "which", "who"
	Aux                        // auxiliary and modal verbs: "is", "would"
	Neg                        // negation: "not", "no"
	Adv                        // function adverbs: "also", "very"
	Pron                       // other pronouns: "you", "me", "himself"
	Name                       // also a personal name or month when capitalised: "Will", "May"
)

// Pronoun is the union of the pronoun classes.
const Pronoun = He | They | It | Pron

var classNames = map[string]WordClass{
	"det": Det, "num": Num, "he": He, "they": They, "it": It, "prep": Prep, "conj": Conj,
	"wh": Wh, "aux": Aux, "neg": Neg, "adv": Adv, "pron": Pron, "name": Name,
}

// FunctionWords is the one list of English function words that the
// stages share (data/function.tsv): lower-case word → classes.
type FunctionWords map[string]WordClass

// LoadFunctionWords parses the embedded data/function.tsv.
func LoadFunctionWords() (FunctionWords, error) {
	fw := FunctionWords{}
	err := ReadTSV(functionFS, "data/function.tsv", func(_ int, f []string) error {
		if len(f) != 2 || f[0] == "" {
			return fmt.Errorf("want a word and its classes")
		}
		var c WordClass
		for _, name := range strings.Split(f[1], ",") {
			k, ok := classNames[strings.TrimSpace(name)]
			if !ok {
				return fmt.Errorf("unknown class %q", name)
			}
			c |= k
		}
		if f[0] != strings.ToLower(f[0]) {
			return fmt.Errorf("word %q is not lower case", f[0])
		}
		fw[f[0]] |= c
		return nil
	})
	if err != nil {
		return nil, err
	}
	return fw, nil
}

// Is reports whether word (lower case) has one of the classes.
func (fw FunctionWords) Is(word string, class WordClass) bool { return fw[word]&class != 0 }

// Words returns the words that have one of the classes in any and none of
// the classes in not, in no particular order.
func (fw FunctionWords) Words(any, not WordClass) []string {
	var out []string
	for w, c := range fw {
		if c&any != 0 && c&not == 0 {
			out = append(out, w)
		}
	}
	return out
}
