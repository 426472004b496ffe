package entity

import (
	"strings"

	"github.com/crosscheck/crosscheck/internal/gazetteer"
)

// unitKind is what a tagged stretch of tokens is.
type unitKind uint8

const (
	uOther   unitKind = iota // a lower-case word or a number
	uWord                    // a capitalised word that no lexicon knows: part of a name
	uStop                    // a capitalised word that is never a name
	uTitle                   // a title or role ("President", "Foreign Minister", "spokesman")
	uOrg                     // a known organization or medium
	uCountry                 // a country, demonym, or seat of government
	uHead                    // an organization head ("Ministry", "General Staff")
	uLand                    // a landmark head ("Basilica")
	uPoss                    // a possessive ending
	uPunct                   // punctuation
)

// flags of lower-case words, which may play several parts.
const (
	fGroup uint8 = 1 << iota // a group noun ("officials")
	fMod                     // may stand in a role phrase ("presidential")
	fQual                    // qualifies a group noun ("Western", "senior")
	fAdmin                   // follows a place name ("region")
	fConn                    // joins name parts ("bin", "von")
	fOf                      // "of"
	fDet                     // "the"
)

// unit is one tagged stretch of tokens [a, b).
type unit struct {
	a, b    int
	org     *org
	iso     isoCode // uCountry: the country
	kind    unitKind
	flags   uint8
	title   titleKind
	demonym bool // uCountry: an adjective or nationality noun, not the country's name
	seat    bool // uCountry: a seat of government ("Moscow")
}

// tagger tags the tokens of one text.
type tagger struct {
	lx   *Lexicon
	text string
	toks []token
	buf  []byte
	// gazetteer answers for the phrases of this text: news repeats its
	// names, and each gazetteer look-up normalises and allocates
	countries map[string]countryHit
	places    map[string]placeHit
}

// placeHit is a cached answer of the gazetteer's place look-up.
type placeHit struct {
	pl gazetteer.Place
	ok bool
}

// lookup returns the gazetteer's place for name, cached.
func (tg *tagger) lookup(name string) (gazetteer.Place, bool) {
	if h, ok := tg.places[name]; ok {
		return h.pl, h.ok
	}
	pl, ok := tg.lx.gaz.Lookup(name)
	if tg.places == nil {
		tg.places = make(map[string]placeHit) // no size hint: Describe tags short phrases
	}
	tg.places[name] = placeHit{pl, ok}
	return pl, ok
}

// countryHit is a cached answer of the gazetteer's country look-ups.
type countryHit struct {
	iso           string
	ok, dem, seat bool
}

// country returns the gazetteer's answers for phrase, cached.
func (tg *tagger) country(phrase string) countryHit {
	if h, ok := tg.countries[phrase]; ok {
		return h
	}
	var h countryHit
	h.iso, h.ok = tg.lx.gaz.Country(phrase)
	if h.ok {
		_, h.dem = tg.lx.gaz.Demonym(phrase)
		_, h.seat = tg.lx.gaz.Seat(phrase)
	}
	if tg.countries == nil {
		tg.countries = make(map[string]countryHit) // no size hint: Describe tags short phrases
	}
	tg.countries[phrase] = h
	return h
}

// key returns the text of tokens [p, q) with words joined by one space, a
// possessive attached to its word and curly apostrophes made straight. It
// avoids allocating when the text already has that form.
func (tg *tagger) key(p, q int) string {
	s := tg.text[tg.toks[p].start:tg.toks[q-1].end]
	clean := true
	for i := p + 1; i < q && clean; i++ {
		gap := tg.text[tg.toks[i-1].end:tg.toks[i].start]
		if tg.toks[i].kind == tPoss {
			clean = gap == ""
		} else {
			clean = gap == " "
		}
	}
	if clean && !strings.Contains(s, "’") {
		return s
	}
	b := tg.buf[:0]
	for i := p; i < q; i++ {
		if i > p && tg.toks[i].kind != tPoss {
			b = append(b, ' ')
		}
		b = append(b, tg.text[tg.toks[i].start:tg.toks[i].end]...)
	}
	tg.buf = b
	return strings.ReplaceAll(string(b), "’", "'")
}

// span returns the text of tokens [p, q) as written.
func (tg *tagger) span(p, q int) string { return tg.text[tg.toks[p].start:tg.toks[q-1].end] }

// word returns the text of token i.
func (tg *tagger) word(i int) string { return tg.text[tg.toks[i].start:tg.toks[i].end] }

// wordAfter returns the token after token i, lower case, or "".
func (tg *tagger) wordAfter(i int) string {
	if i+1 >= len(tg.toks) {
		return ""
	}
	return strings.ToLower(tg.word(i + 1))
}

// joinable reports whether token i continues a phrase with token i-1: same
// sentence, no line break, and both words or possessives.
func (tg *tagger) joinable(i int) bool {
	t := tg.toks[i]
	return t.sent == tg.toks[i-1].sent && !t.nl && t.kind != tPunct && tg.toks[i-1].kind != tPunct
}

// extent returns how many tokens from p, up to n, form one joinable phrase.
func (tg *tagger) extent(p, n int) int {
	k := 1
	for k < n && p+k < len(tg.toks) && tg.joinable(p+k) {
		k++
	}
	return k
}

// fieldOfStudy reports whether the word at q, right after a country's
// name, makes the name a field of study or work ("director of Russia
// studies", "the Russia Studies Program"): no country the phrase speaks
// for.
func (tg *tagger) fieldOfStudy(q, to int) bool {
	if q >= to || tg.toks[q].kind == tPunct || tg.toks[q].kind == tPoss {
		return false
	}
	switch strings.ToLower(tg.word(q)) {
	case "studies", "program", "programme":
		return true
	}
	return false
}

// tag tags tokens [from, to) into units, appending to dst.
func (tg *tagger) tag(dst []unit, from, to int, lowerSeen map[string]bool) []unit {
	lx := tg.lx
	for p := from; p < to; {
		t := tg.toks[p]
		switch t.kind {
		case tPoss:
			dst = append(dst, unit{a: p, b: p + 1, kind: uPoss})
			p++
			continue
		case tPunct:
			dst = append(dst, unit{a: p, b: p + 1, kind: uPunct})
			p++
			continue
		}
		w := tg.word(p)
		wi := lx.words[w]
		best := unit{a: p, b: p + 1, kind: uOther}
		ext := 1 // how many tokens from p a multi-word entry may span
		if t.upper || wi&wTitleFirst != 0 {
			ext = min(tg.extent(p, lx.maxExtent), to-p)
		}
		if t.upper {
			if wi&wOrgFirst != 0 {
				for q := min(p+lx.maxOrg, p+ext); q > p; q-- {
					if o, ok := lx.orgs[tg.key(p, q)]; ok {
						best = unit{a: p, b: q, kind: uOrg, org: o}
						break
					}
				}
			}
			if wi&wHeadFirst != 0 {
				for q := min(p+lx.maxHead, p+ext); q > best.b || (q == p+1 && best.kind == uOther); q-- {
					if _, ok := lx.heads[tg.key(p, q)]; ok {
						best = unit{a: p, b: q, kind: uHead}
						break
					}
				}
			}
			if wi&wLandFirst != 0 {
				for q := min(p+lx.maxLand, p+ext); q > best.b || (q == p+1 && best.kind == uOther); q-- {
					if lx.landmarks[tg.key(p, q)] {
						best = unit{a: p, b: q, kind: uLand}
						break
					}
				}
			}
			// the gazetteer drops a leading "the", which must stay outside
			// the unit ("The Russian military")
			if (best.kind == uOther || best.b == p+1) && wi&wStop == 0 {
				// countries and demonyms: up to three capitalised words
				n := 1
				for n < 3 && n < ext && tg.toks[p+n].upper {
					n++
				}
				for q := p + n; q > best.b || (q == p+1 && best.kind == uOther); q-- {
					if h := tg.country(tg.span(p, q)); h.ok && !tg.fieldOfStudy(q, to) {
						best = unit{a: p, b: q, kind: uCountry, iso: packISO(h.iso), demonym: h.dem, seat: h.seat}
						break
					}
				}
			}
		}
		if wi&wTitleFirst != 0 {
			for q := min(p+lx.maxTitle, p+ext); q > best.b || (q == p+1 && best.kind == uOther); q-- {
				if k, ok := lx.titleForms[tg.key(p, q)]; ok {
					best = unit{a: p, b: q, kind: uTitle, title: k}
					break
				}
			}
		}
		if best.kind == uOther {
			switch {
			case t.upper && (wi&wStop != 0 || isAllCapsWord(w) || t.initial && hasLower(lowerSeen, w)):
				best.kind = uStop
			case t.upper:
				best.kind = uWord
			}
			if wi&wGroup != 0 {
				best.flags |= fGroup
			}
			if wi&wMod != 0 {
				best.flags |= fMod
			}
			if wi&wQual != 0 {
				best.flags |= fQual
			}
			if wi&wAdmin != 0 {
				best.flags |= fAdmin
			}
			if wi&wOf != 0 {
				best.flags |= fOf
			}
			if wi&wDet != 0 {
				best.flags |= fDet
			}
			if wi&wParticle != 0 {
				best.flags |= fConn
			}
		}
		dst = append(dst, best)
		p = best.b
	}
	return dst
}

// isAllCapsWord reports whether w is an upper-case word of four or more
// letters ("READ", "BREAKING"): a headline or label, not a name. Acronyms
// of known organizations are tagged before this test applies.
func isAllCapsWord(w string) bool {
	if len(w) < 4 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// placeOf resolves a place name, refusing words that are only common
// English words at the start of a sentence.
func (tg *tagger) placeOf(name string, initial bool) (gazetteer.Place, bool) {
	if initial && !strings.Contains(name, " ") && tg.lx.gaz.CommonWord(name) {
		return gazetteer.Place{}, false
	}
	return tg.lookup(name)
}

// isoCode is an ISO 3166-1 alpha-2 code packed in two bytes, so that a
// unit stays small: 0 is none, else 1 + 26*(first letter) + second letter.
type isoCode uint16

// packISO packs an alpha-2 code; anything else packs to 0.
func packISO(s string) isoCode {
	if !isISO(s) {
		return 0
	}
	return isoCode(1 + 26*int(s[0]-'A') + int(s[1]-'A'))
}

// String returns the alpha-2 code, or "" for none. The result for the
// two letters comes from a table, so it does not allocate.
func (c isoCode) String() string {
	if c == 0 || int(c) > len(isoTable) {
		return ""
	}
	i := int(c) - 1
	return isoTable[2*i : 2*i+2]
}

// isoTable holds every pair of capital letters in order ("AA", "AB", ...,
// "ZZ"), so that isoCode.String returns a substring instead of allocating.
const isoTable = "AAABACADAEAFAGAHAIAJAKALAMANAOAPAQARASATAUAVAWAXAYAZBABBBCBDBEBFBGBHBIBJBKBLBMBNBOBPBQBRBSBTBUBVBWBXBYBZCACBCCCDCECFCGCHCICJCKCLCMCNCOCPCQCRCSCTCUCVCWCXCYCZDADBDCDDDEDFDGDHDIDJDKDLDMDNDODPDQDRDSDTDUDVDWDXDYDZEAEBECEDEEEFEGEHEIEJEKELEMENEOEPEQERESETEUEVEWEXEYEZFAFBFCFDFEFFFGFHFIFJFKFLFMFNFOFPFQFRFSFTFUFVFWFXFYFZGAGBGCGDGEGFGGGHGIGJGKGLGMGNGOGPGQGRGSGTGUGVGWGXGYGZHAHBHCHDHEHFHGHHHIHJHKHLHMHNHOHPHQHRHSHTHUHVHWHXHYHZIAIBICIDIEIFIGIHIIIJIKILIMINIOIPIQIRISITIUIVIWIXIYIZJAJBJCJDJEJFJGJHJIJJJKJLJMJNJOJPJQJRJSJTJUJVJWJXJYJZKAKBKCKDKEKFKGKHKIKJKKKLKMKNKOKPKQKRKSKTKUKVKWKXKYKZLALBLCLDLELFLGLHLILJLKLLLMLNLOLPLQLRLSLTLULVLWLXLYLZMAMBMCMDMEMFMGMHMIMJMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANBNCNDNENFNGNHNINJNKNLNMNNNONPNQNRNSNTNUNVNWNXNYNZOAOBOCODOEOFOGOHOIOJOKOLOMONOOOPOQOROSOTOUOVOWOXOYOZPAPBPCPDPEPFPGPHPIPJPKPLPMPNPOPPPQPRPSPTPUPVPWPXPYPZQAQBQCQDQEQFQGQHQIQJQKQLQMQNQOQPQQQRQSQTQUQVQWQXQYQZRARBRCRDRERFRGRHRIRJRKRLRMRNRORPRQRRRSRTRURVRWRXRYRZSASBSCSDSESFSGSHSISJSKSLSMSNSOSPSQSRSSSTSUSVSWSXSYSZTATBTCTDTETFTGTHTITJTKTLTMTNTOTPTQTRTSTTTUTVTWTXTYTZUAUBUCUDUEUFUGUHUIUJUKULUMUNUOUPUQURUSUTUUUVUWUXUYUZVAVBVCVDVEVFVGVHVIVJVKVLVMVNVOVPVQVRVSVTVUVVVWVXVYVZWAWBWCWDWEWFWGWHWIWJWKWLWMWNWOWPWQWRWSWTWUWVWWWXWYWZXAXBXCXDXEXFXGXHXIXJXKXLXMXNXOXPXQXRXSXTXUXVXWXXXYXZYAYBYCYDYEYFYGYHYIYJYKYLYMYNYOYPYQYRYSYTYUYVYWYXYYYZZAZBZCZDZEZFZGZHZIZJZKZLZMZNZOZPZQZRZSZTZUZVZWZXZYZZ"
