package entity

import (
	"fmt"
	"io/fs"
	"strings"
	"unicode"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/lexicon"
)

// Genders a person may be known by (Lexicon.Gender), for pronoun agreement:
// "she said" after a quotation refers to a woman, not to the man named
// last.
const (
	Male   = "m"
	Female = "f"
)

// loadGiven reads the given-name lists: givennames.tsv (derived from US
// Social Security counts) and givennames-extra.tsv (names of war and
// politics news), whose entries win.
func loadGiven(fsys fs.FS) (map[string]byte, error) {
	given := make(map[string]byte, 26000)
	for _, name := range []string{"givennames.tsv", "givennames-extra.tsv"} {
		err := lexicon.ReadTSV(fsys, name, func(_ int, f []string) error {
			if len(f) < 2 {
				return fmt.Errorf("want 2 fields, got %d", len(f))
			}
			switch sex := strings.TrimSpace(f[1]); sex {
			case Male, Female:
				given[strings.TrimSpace(f[0])] = sex[0]
			default:
				return fmt.Errorf("sex %q is neither m nor f", sex)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("entity: %w", err)
		}
	}
	return given, nil
}

// genderTitles are the words that tell a person's sex when they stand
// right before the name or in a role: honorifics and gendered role nouns.
var genderTitles = map[string]byte{
	"mr": 'm', "mr.": 'm', "mister": 'm', "sir": 'm', "lord": 'm', "king": 'm', "prince": 'm', "duke": 'm',
	"spokesman": 'm', "chairman": 'm', "congressman": 'm', "businessman": 'm', "statesman": 'm', "councilman": 'm',
	"husband": 'm', "father": 'm', "son": 'm', "brother": 'm', "grandfather": 'm', "uncle": 'm', "emperor": 'm',
	"mrs": 'f', "mrs.": 'f', "ms": 'f', "ms.": 'f', "miss": 'f', "madam": 'f', "madame": 'f', "mme": 'f', "dame": 'f',
	"lady": 'f', "queen": 'f', "princess": 'f', "duchess": 'f', "countess": 'f', "baroness": 'f', "empress": 'f',
	"spokeswoman": 'f', "chairwoman": 'f', "congresswoman": 'f', "businesswoman": 'f', "stateswoman": 'f',
	"councilwoman": 'f', "wife": 'f', "mother": 'f', "daughter": 'f', "sister": 'f', "grandmother": 'f',
	"widow": 'f', "actress": 'f', "aunt": 'f',
}

// PhraseGender returns the sex a speaker phrase shows by its own words
// ("a spokeswoman for the ministry", "Mrs Kowalska", "his wife"), Male,
// Female, or "" when it shows none or both.
func (lx *Lexicon) PhraseGender(phrase string) string {
	return sexString(phraseSex(phrase))
}

func phraseSex(phrase string) byte {
	var g byte
	for rest := phrase; rest != ""; {
		// the next word: letters, periods and apostrophes ("Mr.", "Ms",
		// "Spokeswoman's")
		i := strings.IndexFunc(rest, isTitleRune)
		if i < 0 {
			break
		}
		rest = rest[i:]
		j := strings.IndexFunc(rest, func(r rune) bool { return !isTitleRune(r) })
		if j < 0 {
			j = len(rest)
		}
		w := rest[:j]
		rest = rest[j:]
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if s := titleSex(w); s != 0 {
			if g != 0 && g != s {
				return 0
			}
			g = s
		}
	}
	return g
}

func isTitleRune(r rune) bool { return unicode.IsLetter(r) || r == '.' || r == '\'' || r == '’' }

// titleSex looks w up in genderTitles case-insensitively without
// allocating (the keys are ASCII and short).
func titleSex(w string) byte {
	var buf [16]byte
	if len(w) > len(buf) {
		return 0
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		} else if c >= 0x80 {
			return 0
		}
		buf[i] = c
	}
	return genderTitles[string(buf[:len(w)])]
}

func sexString(g byte) string {
	switch g {
	case 'm':
		return Male
	case 'f':
		return Female
	}
	return ""
}

// Gender returns the sex of person e of the article text: Male, Female, or
// "" when unknown. The evidence, strongest first: an honorific or gendered
// role right before a mention or among the roles ("Mr Makei", "Ms
// Kallas", "spokeswoman Maria Zakharova"), the given name
// (givennames.tsv), and a Slavic surname's ending ("Zakharova", "Peskov").
// Evidence that disagrees gives "".
func (lx *Lexicon) Gender(text string, e crosscheck.Entity) string {
	if e.Type != crosscheck.TypePerson {
		return ""
	}
	var seen byte
	clash := false
	note := func(g byte) {
		if g == 0 {
			return
		}
		if seen != 0 && seen != g {
			clash = true
		}
		seen = g
	}
	for _, r := range e.Roles {
		note(phraseSex(r))
	}
	for _, m := range e.Mentions {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			continue
		}
		// the title as the mention or the words before it write it: "Mr
		// Makei", "Ms. Kallas"
		note(phraseSex(wordBefore(text, m.Start)))
		note(titleSex(firstWord(text[m.Start:m.End])))
	}
	if clash {
		return ""
	}
	if seen != 0 {
		return sexString(seen)
	}
	// the first given name among the words before the surname ("Nurse
	// Iryna Bondar" where no title was cut off)
	name := strings.TrimSpace(e.Name)
	last := name[strings.LastIndexByte(name, ' ')+1:]
	for rest := name; ; {
		i := strings.IndexByte(rest, ' ')
		if i < 0 {
			break // the last word is the surname
		}
		w := rest[:i]
		rest = strings.TrimLeft(rest[i:], " ")
		if k := strings.IndexByte(w, '-'); k > 0 {
			w = w[:k] // "Jean-Yves": the first given name
		}
		if g, ok := lookupLower(lx.given, w); ok {
			return sexString(g)
		}
	}
	return sexString(surnameSex(last))
}

// lookupLower looks up the lower-case form of w in m, folding an ASCII
// word on the stack (a map look-up with string(bytes) does not allocate).
func lookupLower(m map[string]byte, w string) (byte, bool) {
	var buf [32]byte
	if len(w) > len(buf) {
		g, ok := m[strings.ToLower(w)]
		return g, ok
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 0x80:
			g, ok := m[strings.ToLower(w)]
			return g, ok
		}
		buf[i] = c
	}
	g, ok := m[string(buf[:len(w)])]
	return g, ok
}

// lowerName lower-cases a name, allocating only when it has capitals or
// other than ASCII letters.
func lowerName(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(w)
		}
	}
	return w
}

// wordBefore returns the word that ends right before off (after one
// space), or "".
func wordBefore(text string, off int) string {
	e := off
	for e > 0 && text[e-1] == ' ' && off-e < 2 {
		e--
	}
	if e == off {
		return ""
	}
	s := e
	for s > 0 && e-s < 12 && text[s-1] != ' ' && text[s-1] != '\n' && text[s-1] != '"' {
		s--
	}
	return text[s:e]
}

// slavicEndings are surname endings that show the bearer's sex in Russian,
// Ukrainian, Belarusian, Bulgarian, Polish and Lithuanian ("Zakharova",
// "Tsikhanouskaya", "Kowalska", "Šimonytė" for women; "Peskov",
// "Kowalski" for men); the first that fits wins.
var slavicEndings = []struct {
	suffix string
	sex    byte
}{
	{"skaya", 'f'}, {"tskaya", 'f'}, {"iene", 'f'}, {"ienė", 'f'}, {"aitė", 'f'}, {"ytė", 'f'}, {"utė", 'f'}, {"ovna", 'f'}, {"evna", 'f'}, {"ova", 'f'}, {"eva", 'f'}, {"ska", 'f'}, {"cka", 'f'}, {"dzka", 'f'},
	{"skiy", 'm'}, {"skyi", 'm'}, {"skyy", 'm'}, {"sky", 'm'}, {"ski", 'm'}, {"cki", 'm'}, {"dzki", 'm'}, {"ovich", 'm'}, {"evich", 'm'}, {"ov", 'm'}, {"ev", 'm'},
}

// surnameSex returns the sex a Slavic surname's ending shows, or 0.
func surnameSex(name string) byte {
	low := lowerName(name)
	if len(low) < 5 {
		return 0 // "Lev", "Eva", "Iva": too short to be a surname ending
	}
	for _, e := range slavicEndings {
		if strings.HasSuffix(low, e.suffix) {
			return e.sex
		}
	}
	return 0
}
