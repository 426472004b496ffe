package entity

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/gazetteer"
	"github.com/crosscheck/crosscheck/internal/lexicon"
	"github.com/crosscheck/crosscheck/internal/party"
)

//go:embed data/*.tsv
var dataFS embed.FS

// titleKind says what a title tells about the person who bears it.
type titleKind uint8

const (
	titleGov         titleKind = iota + 1 // an office of a state: speaks for a country
	titleRole                             // other roles: affiliation only from explicit modifiers
	titleHonorific                        // Mr., Dr.: introduces a name, is not a role
	titleRegnal                           // Pope, King: part of the canonical name
	titleIndependent                      // analyst, correspondent: speaks for no party
)

// org is a known organization or medium.
type org struct {
	name, typ, aff string
	none           bool // listed as speaking for no state ("-": UN, NATO, AFP)
}

// holder is a well-known office holder.
type holder struct {
	aff, office string
	name        string // the spelling listed first for the person, whose given name a variant must agree with
	// terms are the periods the person held a listed office; none: any
	// time (officeholders.tsv's optional fourth column)
	terms []term
}

// term is a period in office, from inclusive to exclusive; a zero end is
// open.
type term struct{ from, to time.Time }

// heldAt reports whether the holder was in office at t: always when t is
// unknown (zero) or no terms are listed. Out of office the person speaks
// for no state by the list ("Mike Pence said", in 2023): the article's
// own words for the person still decide.
func (h holder) heldAt(t time.Time) bool {
	if t.IsZero() || len(h.terms) == 0 {
		return true
	}
	for _, p := range h.terms {
		if (p.from.IsZero() || !t.Before(p.from)) && (p.to.IsZero() || t.Before(p.to)) {
			return true
		}
	}
	return false
}

// parseTerms reads "2017-01-20..2021-01-20,2025-01-20..": periods, either
// end open.
func parseTerms(s string) ([]term, error) {
	var out []term
	for _, part := range strings.Split(s, ",") {
		a, b, ok := strings.Cut(strings.TrimSpace(part), "..")
		if !ok {
			return nil, fmt.Errorf("term %q: want FROM..TO", part)
		}
		var p term
		var err error
		if a != "" {
			if p.from, err = time.Parse(time.DateOnly, a); err != nil {
				return nil, fmt.Errorf("term %q: %w", part, err)
			}
		}
		if b != "" {
			if p.to, err = time.Parse(time.DateOnly, b); err != nil {
				return nil, fmt.Errorf("term %q: %w", part, err)
			}
		}
		if a == "" && b == "" || !p.to.IsZero() && !p.to.After(p.from) {
			return nil, fmt.Errorf("term %q: empty", part)
		}
		out = append(out, p)
	}
	return out, nil
}

// headPos says where an organization head word stands in a name.
type headPos uint8

const (
	headEnd   headPos = 1 << iota // "Ukraine's General Staff"
	headStart                     // "Ministry of Defence"
)

// Lexicon holds the parsed entity data files and the gazetteer. It is
// immutable after LoadLexicon and safe for concurrent use.
type Lexicon struct {
	gaz          *gazetteer.Gazetteer
	titles       map[string]titleKind // lower-case phrase, words joined by one space
	titleForms   map[string]titleKind // titles as news writes them: lower, Capitalised, Title Case, UPPER
	titleCountry map[string]string    // titles that name their state by themselves ("sen.", "congressman": US)
	maxTitle     int                  // words in the longest title
	orgs         map[string]*org      // alias key (see phraseKey) → organization
	maxOrg       int
	heads        map[string]headPos // head phrase key → position
	leaderHeads  map[string]bool    // heads a leader's name may name ("Biden Administration")
	maxHead      int
	groups       map[string]string // lower-case noun → group|organization
	landmarks    map[string]bool   // "Basilica", "Square": end a landmark name
	placePrefix  map[string]bool   // "St.", "Mount": start a place name
	maxLand      int
	maxExtent    int               // the longest of all multi-word entries, and 3 for country names
	stop         map[string]bool   // capitalised words that are never names
	nonName      map[string]bool   // capitalised words that are not part of persons' names
	trailing     map[string]bool   // "head prep" or "* prep": a place after it is not the party (trailing.tsv)
	abbrev       map[string]bool   // abbreviations that keep their period
	holders      map[string]holder // full name → affiliation and office
	surnames     map[string]string // last word of a holder's name → full name (unique ones only)
	folded       map[string]holder // foldName of a holder's name → holder (unambiguous ones only)
	foldKeys     []string          // folded's keys, in a fixed order
	posting      map[string]bool   // titles that post their holder somewhere (trailing.tsv "ambassador to")
	party        *party.Lexicon
	referents    map[string]referent     // description head (lower case words joined by a space) → what it names (referents.tsv)
	refPhrases   lexicon.Phrases[string] // the phrases of referents (value: the key of referents)
	function     lexicon.FunctionWords
	common       map[string]bool // commonnouns.tsv
	rank         map[string]bool // modifiers.tsv words of rank or tenure ("former", "deputy")
	given        map[string]byte // lower-case given name → 'm' or 'f' (givennames*.tsv)
	familyFirst  map[string]bool // family names written first (familyfirst.tsv)

	// words maps a word as written to what it may be or start (w* bits), so
	// that the tagger does one look-up per token and tries longer keys only
	// where an entry can start
	words map[string]uint16
}

// bits of Lexicon.words.
const (
	wTitleFirst uint16 = 1 << iota // first word of a title, in lower, capitalised or upper case
	wOrgFirst
	wHeadFirst
	wLandFirst
	wStop
	wGroup
	wMod
	wQual
	wAdmin
	wParticle
	wOf
	wDet
)

// mark sets bit on word w.
func (lx *Lexicon) mark(w string, bit uint16) { lx.words[w] |= bit }

// LoadLexicon parses the embedded data files. g resolves places, country
// names and demonyms; it must not be nil.
func LoadLexicon(g *gazetteer.Gazetteer) (*Lexicon, error) {
	if g == nil {
		return nil, fmt.Errorf("entity: nil gazetteer")
	}
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, fmt.Errorf("entity: %w", err)
	}
	lx, err := load(sub)
	if err != nil {
		return nil, err
	}
	lx.gaz = g
	if lx.party, err = party.Load(); err != nil {
		return nil, fmt.Errorf("entity: %w", err)
	}
	return lx, nil
}

// load parses the data files of fsys.
func load(fsys fs.FS) (*Lexicon, error) {
	lx := &Lexicon{
		titles:       map[string]titleKind{},
		titleForms:   map[string]titleKind{},
		titleCountry: map[string]string{},
		orgs:         map[string]*org{},
		heads:        map[string]headPos{},
		leaderHeads:  map[string]bool{},
		groups:       map[string]string{},
		landmarks:    map[string]bool{},
		placePrefix:  map[string]bool{},
		stop:         map[string]bool{},
		nonName:      map[string]bool{},
		trailing:     map[string]bool{},
		abbrev:       map[string]bool{},
		holders:      map[string]holder{},
		surnames:     map[string]string{},
		folded:       map[string]holder{},
		referents:    map[string]referent{},
		posting:      map[string]bool{},
		common:       map[string]bool{},
		rank:         map[string]bool{},
		words:        map[string]uint16{"of": wOf, "the": wDet},
	}
	read := func(name string, minFields int, fn func(f []string) error) error {
		err := lexicon.ReadTSV(fsys, name, func(line int, f []string) error {
			if len(f) < minFields {
				return fmt.Errorf("want at least %d fields, got %d", minFields, len(f))
			}
			for i := range f {
				f[i] = strings.TrimSpace(f[i])
				if f[i] == "" && i < minFields {
					return fmt.Errorf("field %d is empty", i+1)
				}
			}
			return fn(f)
		})
		if err != nil {
			return fmt.Errorf("entity: %w", err)
		}
		return nil
	}
	if err := read("titles.tsv", 2, func(f []string) error {
		var k titleKind
		switch f[1] {
		case "gov":
			k = titleGov
		case "role":
			k = titleRole
		case "honorific":
			k = titleHonorific
		case "regnal":
			k = titleRegnal
		case "independent":
			k = titleIndependent
		default:
			return fmt.Errorf("unknown title kind %q", f[1])
		}
		key := strings.Join(strings.Fields(strings.ToLower(f[0])), " ")
		lx.titles[key] = k
		if len(f) > 2 && f[2] != "" {
			if !isISO(f[2]) {
				return fmt.Errorf("country %q is no ISO code", f[2])
			}
			lx.titleCountry[key] = f[2]
		}
		fw := firstWord(key)
		lx.mark(fw, wTitleFirst)
		lx.mark(capitalize(fw), wTitleFirst)
		lx.mark(titleCase(fw), wTitleFirst)   // "Secretary-General"
		lx.mark(hyphenTitle(fw), wTitleFirst) // "Commander-in-Chief"
		lx.mark(strings.ToUpper(fw), wTitleFirst)
		lx.maxTitle = max(lx.maxTitle, wordCount(key))
		return nil
	}); err != nil {
		return nil, err
	}
	if err := read("modifiers.tsv", 1, func(f []string) error {
		lx.mark(strings.ToLower(f[0]), wMod)
		if len(f) > 1 && f[1] == "rank" {
			// a rank opening a sentence: "Former Polish President …"
			lx.mark(capitalize(strings.ToLower(f[0])), wMod)
		}
		if len(f) > 1 && f[1] == "rank" {
			lx.rank[strings.ToLower(f[0])] = true
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := read("organizations.tsv", 3, func(f []string) error {
		o := &org{name: f[0], typ: f[1], aff: f[2]}
		if o.typ != crosscheck.TypeOrganization && o.typ != crosscheck.TypeMedia {
			return fmt.Errorf("unknown organization type %q", o.typ)
		}
		if o.aff == "-" {
			o.aff, o.none = "", true
		} else if !isISO(o.aff) {
			return fmt.Errorf("affiliation %q is not an ISO 3166-1 alpha-2 code", o.aff)
		}
		aliases := []string{f[0]}
		if len(f) > 3 {
			aliases = append(aliases, strings.Split(f[3], "|")...)
		}
		for _, a := range aliases {
			k := phraseKey(a)
			if k == "" {
				continue
			}
			// all-caps headlines ("KREMLIN SAYS ...") name them too
			if up := strings.ToUpper(k); up != k {
				if _, taken := lx.orgs[up]; !taken {
					lx.orgs[up] = o
					lx.mark(firstWord(up), wOrgFirst)
				}
			}
			lx.orgs[k] = o
			lx.mark(firstWord(k), wOrgFirst)
			lx.maxOrg = max(lx.maxOrg, wordCount(k))
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := read("orgheads.tsv", 2, func(f []string) error {
		var p headPos
		switch f[1] {
		case "end":
			p = headEnd
		case "start":
			p = headStart
		case "both":
			p = headEnd | headStart
		default:
			return fmt.Errorf("unknown head position %q", f[1])
		}
		k := phraseKey(f[0])
		lx.heads[k] = p
		if len(f) > 2 {
			if f[2] != "leader" {
				return fmt.Errorf("unknown head kind %q", f[2])
			}
			lx.leaderHeads[k] = true
		}
		lx.mark(firstWord(k), wHeadFirst)
		lx.maxHead = max(lx.maxHead, wordCount(k))
		return nil
	}); err != nil {
		return nil, err
	}
	if err := read("groups.tsv", 2, func(f []string) error {
		switch f[1] {
		case "qualifier":
			lx.mark(f[0], wQual)
		case crosscheck.TypeGroup, crosscheck.TypeOrganization, crosscheck.TypeMedia:
			lx.groups[f[0]] = f[1]
			lx.mark(f[0], wGroup)
		default:
			return fmt.Errorf("unknown group type %q", f[1])
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := read("placeheads.tsv", 2, func(f []string) error {
		switch f[1] {
		case "admin":
			lx.mark(f[0], wAdmin)
		case "prefix":
			lx.placePrefix[f[0]] = true
		case "landmark":
			k := phraseKey(f[0])
			lx.landmarks[k] = true
			lx.mark(firstWord(k), wLandFirst)
			lx.maxLand = max(lx.maxLand, wordCount(k))
		default:
			return fmt.Errorf("unknown place head kind %q", f[1])
		}
		return nil
	}); err != nil {
		return nil, err
	}
	fw, err := lexicon.LoadFunctionWords()
	if err != nil {
		return nil, fmt.Errorf("entity: %w", err)
	}
	lx.function = fw
	for _, w := range fw.Words(^lexicon.Name, lexicon.Name) {
		c := capitalize(w)
		lx.stop[c] = true
		lx.mark(c, wStop)
	}
	if err := read("stopwords.tsv", 1, func(f []string) error {
		lx.stop[f[0]] = true
		lx.mark(f[0], wStop)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := read("nonname.tsv", 1, func(f []string) error {
		lx.nonName[f[0]] = true
		return nil
	}); err != nil {
		return nil, err
	}
	if err := read("trailing.tsv", 2, func(f []string) error {
		lx.trailing[strings.ToLower(f[0])+" "+strings.ToLower(f[1])] = true
		if f[0] != "*" {
			lx.posting[strings.ToLower(f[0])] = true
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := read("particles.tsv", 1, func(f []string) error {
		lx.mark(f[0], wParticle)
		return nil
	}); err != nil {
		return nil, err
	}
	if err := read("abbreviations.tsv", 1, func(f []string) error {
		if !strings.HasSuffix(f[0], ".") {
			return fmt.Errorf("abbreviation %q must end with a period", f[0])
		}
		lx.abbrev[f[0]] = true
		return nil
	}); err != nil {
		return nil, err
	}
	firstSpelling := map[string]string{} // fold key → the name first listed with it
	if err := read("officeholders.tsv", 3, func(f []string) error {
		aff := f[1]
		if aff == "-" {
			aff = ""
		} else if !isISO(aff) {
			return fmt.Errorf("affiliation %q is not an ISO 3166-1 alpha-2 code", aff)
		}
		name := f[0]
		if first, ok := firstSpelling[foldName(f[0])]; ok {
			name = first
		} else {
			firstSpelling[foldName(f[0])] = f[0]
		}
		h := holder{aff: aff, office: f[2], name: name}
		if len(f) > 3 && f[3] != "" {
			terms, err := parseTerms(f[3])
			if err != nil {
				return err
			}
			h.terms = terms
		}
		lx.holders[f[0]] = h
		return nil
	}); err != nil {
		return nil, err
	}
	if err := read("commonnouns.tsv", 1, func(f []string) error {
		lx.common[strings.ToLower(f[0])] = true
		return nil
	}); err != nil {
		return nil, err
	}
	if err := read("referents.tsv", 2, func(f []string) error {
		r := referent{kind: f[1]}
		switch r.kind {
		case RefPerson:
			if len(f) < 3 || f[2] == "" {
				return fmt.Errorf("person referent %q needs classes", f[0])
			}
			r.classes = strings.Fields(f[2])
		case RefMedia, RefOrganization, RefDocument:
		default:
			return fmt.Errorf("unknown referent kind %q", f[1])
		}
		k := strings.Join(strings.Fields(strings.ToLower(f[0])), " ")
		lx.referents[k] = r
		lx.refPhrases.Add(k, k)
		return nil
	}); err != nil {
		return nil, err
	}
	lx.maxExtent = max(lx.maxTitle, lx.maxOrg, lx.maxHead, lx.maxLand, 3)
	// The written forms of every title, so that the tagger looks titles up
	// as written, without lower-casing each capitalised word. Short words
	// that the stop list holds ("of", "the") stay lower case in Title Case.
	for key, k := range lx.titles {
		words := strings.Fields(key)
		all, head := make([]string, len(words)), make([]string, len(words))
		for i, w := range words {
			all[i] = titleCase(w)
			head[i] = hyphenTitle(w)
			if i > 0 && len(w) <= 3 && lx.stop[capitalize(w)] {
				head[i] = w
			}
		}
		forms := []string{key, capitalize(key), strings.Join(all, " "), strings.Join(head, " "), strings.ToUpper(key)}
		if n := len(words); n > 1 {
			// "House Democratic leader", "Senate Majority leader": the
			// qualifiers capitalised, the head noun lower case, as a
			// description rather than a formal title
			forms = append(forms, strings.Join(all[:n-1], " ")+" "+words[n-1])
		}
		for _, form := range forms {
			if _, taken := lx.titleForms[form]; !taken || form == key {
				lx.titleForms[form] = k
			}
		}
	}
	// A surname alone ("Putin") stands for a listed holder only when no
	// other holder shares it.
	// Spelling variants of one person count once: a surname is unique when
	// all holders who bear it speak for the same country.
	names := make([]string, 0, len(lx.holders))
	for name := range lx.holders {
		names = append(names, name)
	}
	slices.Sort(names) // deterministic choice among spelling variants
	affOf := map[string]string{}
	clash := map[string]bool{}
	for _, name := range names {
		for _, k := range []string{lastWord(name), "~" + foldName(name)} {
			if a, ok := affOf[k]; ok && a != lx.holders[name].aff {
				clash[k] = true
			}
			affOf[k] = lx.holders[name].aff
		}
	}
	for _, name := range names {
		if s := lastWord(name); !clash[s] {
			if _, ok := lx.surnames[s]; !ok {
				lx.surnames[s] = name
			}
		}
		if k := foldName(name); !clash["~"+k] {
			if _, seen := lx.folded[k]; !seen {
				lx.foldKeys = append(lx.foldKeys, k)
			}
			lx.folded[k] = lx.holders[name]
		}
	}
	if lx.given, err = loadGiven(fsys); err != nil {
		return nil, err
	}
	lx.familyFirst = map[string]bool{}
	if err := read("familyfirst.tsv", 1, func(f []string) error {
		lx.familyFirst[f[0]] = true
		return nil
	}); err != nil {
		return nil, err
	}
	return lx, nil
}

// holder returns the listed office holder of a person's name, as written
// or in another spelling ("Aleksander Łukaszenko" is "Alexander
// Lukashenko").
func (lx *Lexicon) holder(name string) (holder, bool) {
	if h, ok := lx.holders[name]; ok {
		return h, true
	}
	if !strings.Contains(name, " ") {
		return holder{}, false
	}
	k := foldName(name)
	if h, ok := lx.folded[k]; ok {
		return h, sameGiven(firstWord(name), firstWord(h.name))
	}
	// a typo of the surname ("Wołodymyr Zelnski"): the one listed holder
	// of the same initial whose folded surname is one edit away
	initial, surname, _ := strings.Cut(k, " ")
	var found holder
	n := 0
	for _, key := range lx.foldKeys {
		if i, s, _ := strings.Cut(key, " "); i == initial && oneEdit(s, surname) && sameGiven(firstWord(name), firstWord(lx.folded[key].name)) {
			found = lx.folded[key]
			n++
		}
	}
	return found, n == 1
}

// sameGiven reports whether two spellings of a given name may be one
// name: the same folded, an initial of it, one edit apart, or the same
// first two letters ("Aleksandr" and "Alexander", "Dmitry" and "Dmytro";
// not "Valentina" and "Volodymyr").
func sameGiven(a, b string) bool {
	fa, fb := foldSurname(strings.TrimSuffix(a, ".")), foldSurname(strings.TrimSuffix(b, "."))
	if fa == "" || fb == "" || fa[0] != fb[0] {
		return false
	}
	return len(fa) == 1 || len(fb) == 1 || fa == fb || oneEdit(fa, fb) || len(fa) >= 2 && len(fb) >= 2 && fa[:2] == fb[:2]
}

// foldName returns a spelling-insensitive key of a person's name: the
// initial of the first name and the surname, lower case, without
// diacritics, with Polish and Ukrainian transliterations brought together
// ("Wołodymyr Zełenski", "Volodymyr Zelenskyy" and "Volodymyr Zelenskiy"
// all give "v zelensk"; "Aleksander Łukaszenko" and "Alexander Lukashenko"
// give "a lukashenko"). It is used only to give a listed office holder's
// country to a spelling of their name that the list lacks.
func foldName(name string) string {
	first := firstWord(name)
	fr, _ := utf8.DecodeRuneInString(norm.NFD.String(strings.ToLower(first)))
	if fr == 'ł' {
		fr = 'l'
	}
	if fr == 'w' {
		fr = 'v'
	}
	return string(fr) + " " + foldSurname(lastWord(name))
}

// foldSurname is the surname part of foldName: "Łukaszenko" and
// "Lukashenko" give "lukashenko", "Zelenskyy" and "Zelensky" "zelensk".
func foldSurname(last string) string {
	low := strings.ToLower(last)
	for i := 0; i < len(low); i++ {
		if low[i] >= utf8.RuneSelf {
			low = norm.NFD.String(low) // diacritics to strip
			break
		}
	}
	var b strings.Builder
	b.Grow(len(low))
	for _, r := range low {
		switch {
		case r == 'ł':
			b.WriteByte('l')
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r):
			b.WriteRune(r)
		}
	}
	k := b.String()
	for _, p := range [][2]string{{"sz", "sh"}, {"cz", "ch"}, {"w", "v"}, {"kh", "h"}, {"yy", "y"}, {"iy", "y"}, {"ij", "y"}, {"ii", "i"}, {"j", "y"}} {
		k = strings.ReplaceAll(k, p[0], p[1])
	}
	return strings.TrimRight(k, "yi")
}

// oneEdit reports whether a and b, two folded surnames of at least six
// letters with the same first letter, differ by one inserted, deleted,
// replaced or swapped letter: a typo of machine translation or OCR
// ("Zelenksy", "Zelensky"), not another family.
func oneEdit(a, b string) bool {
	if a == b || len(a) < 6 || len(b) < 6 || a[0] != b[0] {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		if i+1 < len(ra) && ra[i] == rb[i+1] && ra[i+1] == rb[i] && string(ra[i+2:]) == string(rb[i+2:]) {
			return true // swapped
		}
		return string(ra[i+1:]) == string(rb[i+1:]) // replaced
	}
	return string(ra[i:]) == string(rb[i+1:]) // inserted
}

// isISO reports whether s looks like an ISO 3166-1 alpha-2 code.
func isISO(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

func firstWord(key string) string {
	if i := strings.IndexByte(key, ' '); i >= 0 {
		return key[:i]
	}
	return key
}

func lastWord(key string) string {
	return key[strings.LastIndexByte(key, ' ')+1:]
}

func wordCount(key string) int { return strings.Count(key, " ") + 1 }

// phraseKey normalises a phrase as written for the case-sensitive lexicons:
// words joined by one space, a possessive attached to its word, curly
// apostrophes made straight.
func phraseKey(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	return strings.Join(strings.Fields(s), " ")
}

// hyphenTitle capitalises the hyphen-separated parts of w but the short
// linking words ("commander-in-chief" → "Commander-in-Chief").
func hyphenTitle(w string) string {
	parts := strings.Split(w, "-")
	for i, p := range parts {
		if i == 0 || len(p) > 3 {
			parts[i] = capitalize(p)
		}
	}
	return strings.Join(parts, "-")
}

// titleCase capitalises every hyphen-separated part of w
// ("secretary-general" → "Secretary-General"), and an initialism whole
// ("u.s." → "U.S.", as in "U.S. Attorney").
func titleCase(w string) string {
	if strings.Contains(strings.TrimSuffix(w, "."), ".") {
		return strings.ToUpper(w)
	}
	parts := strings.Split(w, "-")
	for i, p := range parts {
		parts[i] = capitalize(p)
	}
	return strings.Join(parts, "-")
}
