// Package party decides the party a speaker speaks for: the state, as an
// ISO 3166-1 alpha-2 code, whose position a statement gives (Gerasimov →
// RU, the White House → US), or none. It is the one place of crosscheck
// that makes this decision; the entity and attribution stages only
// gather evidence — what the text says about a speaker — and call Decide.
//
// The contract (docs/analysis-contract.md, "Affiliation"): officials,
// militaries, ministries and state media of a country speak for it; leaders
// of entities a state controls, and officials installed by or serving a
// state, take that state's code; international bodies (UN, EU Commission,
// NATO as a whole), think tanks, companies, NGOs, independent media, wire
// agencies, lawyers and private persons get none.
//
// Evidence comes in kinds (Source), ranked from the strongest:
//
//  1. Installed: "Russian-installed", "Moscow-backed", "Kremlin-appointed"
//     — the state that installed or backs the speaker, even where a place
//     of the other side is named ("the Moscow-installed authorities of
//     Zaporizhzhia").
//  2. NonState: the speaker's role or body speaks for no state — an
//     international body it heads or belongs to ("the head of the UN human
//     rights office in Ukraine"), an independent role ("Kremlin critic",
//     "former Moscow correspondent", "her lawyer"), a non-state body
//     ("think tank", "NGO", "independent outlet", "opposition leader"), or a
//     body whose name ends in such a head and says nothing of a state
//     ("Stockholm International Peace Research Institute"; not "National
//     Institute of …", see NonStateBody).
//  3. Role: a country, demonym or state body named in the speaker's role or
//     name ("Estonian prime minister", "White House spokesman", "Ukraine's
//     General Staff"). The role's country beats any place named near the
//     speaker, which is no evidence at all.
//     Mixed: the role or group names several countries ("Moscow and
//     Pyongyang", "Western officials"): none, and nothing weaker decides.
//  4. Body: the speaker is a known body listed with its state
//     (organizations.tsv: the Kremlin → RU, TASS → RU).
//  5. Holder: a listed office holder named without a country
//     (officeholders.tsv: "President Putin" → RU).
//  6. Region: a region or city that names the speaker's office ("Kharkiv
//     governor", "the mayor of Lviv"): a state's officials below the
//     capital speak for it, unless a listed holder says otherwise (the
//     Russian-installed head of Donetsk).
//  7. Seat: a country, capital or seat of government speaking for its
//     government ("Moscow said", "Kyiv denied").
//
// The strongest kind present decides; within a kind, the first piece of
// evidence (in the order of the text) does. NonState decides "none".
package party

import (
	"embed"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/internal/lexicon"
)

//go:embed data/*.tsv
var dataFS embed.FS

// Source is the kind of a piece of evidence; a smaller Source is stronger.
type Source uint8

// Kinds of evidence, strongest first.
const (
	Installed Source = iota + 1
	NonState
	Role
	Mixed
	Body
	Holder
	Region
	Seat
)

// String names the kind.
func (s Source) String() string {
	switch s {
	case Installed:
		return "installed"
	case NonState:
		return "nonstate"
	case Role:
		return "role"
	case Mixed:
		return "mixed"
	case Body:
		return "body"
	case Holder:
		return "holder"
	case Region:
		return "region"
	case Seat:
		return "seat"
	}
	return "none"
}

// Evidence is one thing the text says about whom a speaker speaks for.
type Evidence struct {
	Source  Source
	Country string // ISO 3166-1 alpha-2 code; "" for NonState and Mixed
}

// Decide returns the party that the evidence gives: the country of the
// strongest piece, "" when that is NonState or when there is none.
func Decide(ev ...Evidence) string {
	var best Evidence
	for _, e := range ev {
		if e.Source == 0 || e.Country == "" && e.Source != NonState && e.Source != Mixed {
			continue // no evidence
		}
		if best.Source == 0 || e.Source < best.Source {
			best = e
		}
	}
	if best.Source == NonState || best.Source == Mixed {
		return ""
	}
	return best.Country
}

// Lexicon holds the words that are evidence by themselves: the second
// parts of "X-installed" words and the nouns of non-state speakers. It is
// immutable after Load and safe for concurrent use.
type Lexicon struct {
	installed map[string]bool
	nonState  lexicon.Phrases[bool]
	stateName map[string]bool
}

// Load reads data/installed.tsv, data/nonstate.tsv and data/statenamed.tsv.
func Load() (*Lexicon, error) {
	lx := &Lexicon{installed: map[string]bool{}, stateName: map[string]bool{}}
	read := func(name string, add func(k string)) error {
		return lexicon.ReadTSV(dataFS, "data/"+name, func(_ int, f []string) error {
			if len(f) != 1 || f[0] == "" {
				return fmt.Errorf("want one field")
			}
			add(strings.Join(strings.Fields(strings.ToLower(f[0])), " "))
			return nil
		})
	}
	if err := read("installed.tsv", func(k string) { lx.installed[k] = true }); err != nil {
		return nil, fmt.Errorf("party: %w", err)
	}
	if err := read("nonstate.tsv", func(k string) { lx.nonState.Add(k, true) }); err != nil {
		return nil, fmt.Errorf("party: %w", err)
	}
	if err := read("statenamed.tsv", func(k string) { lx.stateName[k] = true }); err != nil {
		return nil, fmt.Errorf("party: %w", err)
	}
	return lx, nil
}

// Installed reports whether word is "X-installed", "X-backed", … and
// returns X ("Moscow", "Russian"), which the caller resolves to a
// country.
func (lx *Lexicon) Installed(word string) (string, bool) {
	i := strings.LastIndexAny(word, "-‑–")
	if i <= 0 || i+1 >= len(word) {
		return "", false
	}
	_, n := utf8.DecodeRuneInString(word[i:])
	if !lx.installed[strings.ToLower(word[i+n:])] {
		return "", false
	}
	return word[:i], true
}

// NonStateBody reports whether a body's capitalised name, its words in
// order, names a non-state body by its head ("… Peace Research
// Institute", "… University"): the head is a word of data/nonstate.tsv and
// no word of the name says the body is a state's (data/statenamed.tsv:
// "State", "National").
func (lx *Lexicon) NonStateBody(name []string, head string) bool {
	if !lx.nonState.Contains([]string{strings.ToLower(head)}) {
		return false
	}
	for _, w := range name {
		if lx.stateName[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// NonState reports whether words (lower case) hold a word or phrase of
// data/nonstate.tsv.
func (lx *Lexicon) NonState(words []string) bool {
	return lx.nonState.Contains(words)
}
