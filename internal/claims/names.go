package claims

import (
	"fmt"
	"io/fs"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	texttransform "golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/crosscheck/crosscheck/internal/lexicon"
)

// Names across spellings. A speaker or entity is identified across
// articles by a key: a person by surname, anyone else by all the words of
// the name. Outlets spell the same name differently — "Kiev" and "Kyiv",
// "U.S." and "US", "Zelenskyy", "Zelenskiy" and (translated from Polish)
// "Zełenski", "Peskov" and "Pieskow", "defence ministry" and "defense
// ministry" — and a key that differs hides the same speaker (who is then
// counted as another voice) and the same place (which then adds nothing to
// a link). nameKey folds what is regular and data/variants.tsv lists the
// rest:
//
//   - letters with diacritics lose them ("ł" reads "l", "ż" "z");
//   - single letters in a row are one abbreviation ("u s" → "us");
//   - a possessive "s" is dropped ("Russia's defence ministry"), and in a
//     name of several words a demonym reads as its country ("Russian
//     defence ministry" → "russia defense ministry");
//   - a surname's Polish and Ukrainian endings read as the English
//     romanisation: "-ski", "-skyi", "-skiy", "-skyy", "-skij" → "-sky";
//     "-yy", "-iy", "-ij" → "-y"; "-ow", "-ew" → "-ov", "-ev";
//   - every word, and the whole key, is looked up in variants.tsv.

// loadVariants reads variants.tsv.
func (lx *Lexicon) loadVariants(fsys fs.FS) error {
	lx.variants = map[string]string{}
	lx.countryName = map[string]string{}
	for _, ps := range lx.places {
		for _, p := range ps {
			if p.kind == plCountry && len(p.words) == 1 {
				if c, ok := lx.countryName[p.code]; !ok || p.words[0] < c {
					lx.countryName[p.code] = p.words[0]
				}
			}
		}
	}
	return lexicon.ReadTSV(fsys, "variants.tsv", func(_ int, f []string) error {
		if len(f) != 2 || f[0] == "" || f[1] == "" {
			return fmt.Errorf("want a variant and its canonical form, got %q", f)
		}
		v, c := strings.Join(words(f[0]), " "), strings.Join(words(f[1]), " ")
		if v == c {
			return fmt.Errorf("variant %q is its own canonical form", f[0])
		}
		lx.variants[v] = c
		return nil
	})
}

// nameKey is the key of a name (see above); person keeps the surname only.
// Empty when the name has no word.
func (lx *Lexicon) nameKey(name string, person bool) string {
	ws := joinInitials(words(foldDiacritics(name)))
	if len(ws) == 0 {
		return ""
	}
	if person {
		ws = ws[len(ws)-1:]
	}
	if v, ok := lx.variants[strings.Join(ws, " ")]; ok {
		return v
	}
	out := ws[:0]
	for i, w := range ws {
		if w == "s" && i > 0 {
			continue // the possessive of "Russia's"
		}
		if v, ok := lx.variants[w]; ok {
			w = v
		} else if person {
			w = foldSurname(w)
			if v, ok := lx.variants[w]; ok {
				w = v
			}
		} else if len(ws) > 1 {
			w = lx.demonymCountry(w)
		}
		out = append(out, w)
	}
	k := strings.Join(out, " ")
	if v, ok := lx.variants[k]; ok {
		return v
	}
	return k
}

// demonymCountry reads a demonym as the name of its country ("russian" →
// "russia"), when demonyms.tsv gives both; other words stay.
func (lx *Lexicon) demonymCountry(w string) string {
	for _, p := range lx.places[w] {
		if p.kind != plDemonym || len(p.words) != 1 {
			continue
		}
		if c, ok := lx.countryName[p.code]; ok {
			if v, ok := lx.variants[c]; ok {
				return v
			}
			return c
		}
	}
	return w
}

// foldSurname reads the Polish and Ukrainian endings of a surname as the
// English romanisation's.
func foldSurname(w string) string {
	for _, r := range [...]struct{ from, to string }{
		{"skyy", "sky"}, {"skyi", "sky"}, {"skiy", "sky"}, {"skij", "sky"}, {"skii", "sky"}, {"ski", "sky"},
		{"yy", "y"}, {"iy", "y"}, {"ij", "y"},
		{"ow", "ov"}, {"ew", "ev"},
	} {
		if len(w) > len(r.from)+2 && strings.HasSuffix(w, r.from) {
			return w[:len(w)-len(r.from)] + r.to
		}
	}
	return w
}

// joinInitials joins runs of single letters ("u", "s") into one word.
func joinInitials(ws []string) []string {
	out := ws[:0:0]
	for i := 0; i < len(ws); i++ {
		if len(ws[i]) == 1 && i+1 < len(ws) && len(ws[i+1]) == 1 && isLetter(ws[i][0]) && isLetter(ws[i+1][0]) {
			j := i
			var b strings.Builder
			for j < len(ws) && len(ws[j]) == 1 && isLetter(ws[j][0]) {
				b.WriteString(ws[j])
				j++
			}
			out = append(out, b.String())
			i = j - 1
			continue
		}
		out = append(out, ws[i])
	}
	return out
}

// foldDiacritics removes combining marks after canonical decomposition
// and maps the letters that do not decompose ("ł", "ø", "đ").
func foldDiacritics(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	t := texttransform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := texttransform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.NewReplacer("ł", "l", "Ł", "L", "ø", "o", "Ø", "O", "đ", "d", "Đ", "D", "ß", "ss").Replace(out)
}
