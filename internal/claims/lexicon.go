package claims

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/crosscheck/crosscheck/internal/lexicon"
	"github.com/crosscheck/crosscheck/internal/party"
)

//go:embed data/*.tsv
var dataFS embed.FS

// Lexicon holds the word lists and party alignments that claim linking and
// status read: stop words (the shared list of internal/lexicon), negations,
// each country's bloc and which blocs are adversaries.
type Lexicon struct {
	stop      map[string]bool
	negation  map[string]map[string]bool // negation -> following words that cancel it
	bloc      map[string]string
	adversary map[[2]string]bool
	nonClaim  map[string]bool // cue lemmas of statements that assert no proposition

	// Claim frames (frames.tsv, markers.tsv, demonyms.tsv, independents.tsv,
	// common.tsv, denials.tsv).
	triggers     map[string][]*trigger // first slot (stemmed) -> triggers
	triggerWords map[string]bool       // every word of a trigger (stemmed)
	markers      map[string][][]string // kind -> phrases
	markerFirst  map[string]map[string]bool
	places       map[string][]placeWord // first word -> names
	independents []independentSource
	common       map[string]bool // stemmed words that weigh a third in lexical similarity
	denyCue      map[string]bool // cue lemmas that deny
	anaphor      map[string]bool // words of a content that only refers back
	untrue       map[string]bool // words that call a reported proposition untrue
	stateClass   map[string]bool // predicate classes that are states or stances, not events
	stanceClass  map[string]bool // predicate classes whose plan and fact are the same ("rule out")
	// specificClass: classes that name a whole proposition ("use energy as
	// a weapon", "a buffer zone"): the same doer in them is substance
	// enough, where "attack" needs a place or a figure besides.
	specificClass map[string]bool
	// limitVerb: the stems of the first words of "negated" triggers
	// ("stop"): the place after them is where it would end.
	limitVerb   map[string]bool
	weapons     map[string][]keyedPhrase
	variants    map[string]string        // spelling variant -> canonical form (variants.tsv)
	countryName map[string]string        // country code -> its one-word name (demonyms.tsv)
	times       map[string][]keyedPhrase // first word -> phrases (times.tsv)
	// party: the non-state words of package party ("independent",
	// "opposition", "think tank"), so that a speaker phrase that has one
	// takes no country from the places it names.
	party *party.Lexicon
}

// Default returns the lexicon embedded in the binary (data/*.tsv).
func Default() (*Lexicon, error) {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	return Load(sub)
}

// Load reads nonclaims.tsv, negations.tsv, blocs.tsv, adversaries.tsv,
// frames.tsv, classes.tsv, markers.tsv, demonyms.tsv, independents.tsv,
// common.tsv, weapons.tsv, times.tsv, denials.tsv and variants.tsv from fsys, and takes its stop
// words from the one shared list (lexicon.StopWords.ForComparison:
// function words, reporting filler, titles). Returns an error naming the
// file and line of a malformed record.
func Load(fsys fs.FS) (*Lexicon, error) {
	sw, err := lexicon.LoadStopWords()
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	pl, err := party.Load()
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	lx := &Lexicon{
		party:     pl,
		stop:      sw.ForComparison(),
		negation:  map[string]map[string]bool{},
		bloc:      map[string]string{},
		adversary: map[[2]string]bool{},
		nonClaim:  map[string]bool{},
		denyCue:   map[string]bool{},
		anaphor:   map[string]bool{},
		untrue:    map[string]bool{},
	}
	words := func(name string, into map[string]bool) error {
		return lexicon.ReadTSV(fsys, name, func(_ int, f []string) error {
			into[strings.ToLower(f[0])] = true
			return nil
		})
	}
	if err := words("nonclaims.tsv", lx.nonClaim); err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	err = lexicon.ReadTSV(fsys, "negations.tsv", func(_ int, f []string) error {
		if len(f) > 2 {
			return fmt.Errorf("want a word and its cancelling followers, got %q", f)
		}
		cancel := map[string]bool{}
		if len(f) == 2 {
			for _, w := range strings.Split(f[1], ",") {
				cancel[strings.ToLower(strings.TrimSpace(w))] = true
			}
		}
		lx.negation[strings.ToLower(f[0])] = cancel
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	err = lexicon.ReadTSV(fsys, "blocs.tsv", func(_ int, f []string) error {
		if len(f) != 2 || len(f[0]) < 2 || len(f[0]) > 4 {
			return fmt.Errorf("want country (or alliance) code and bloc, got %q", f)
		}
		lx.bloc[strings.ToUpper(f[0])] = f[1]
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	err = lexicon.ReadTSV(fsys, "adversaries.tsv", func(_ int, f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want two blocs, got %q", f)
		}
		lx.adversary[[2]string{f[0], f[1]}] = true
		lx.adversary[[2]string{f[1], f[0]}] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	if err := lx.loadFrames(fsys); err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	if err := lx.loadVariants(fsys); err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	err = lexicon.ReadTSV(fsys, "denials.tsv", func(_ int, f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want kind and word, got %q", f)
		}
		switch f[0] {
		case "cue":
			lx.denyCue[strings.ToLower(f[1])] = true
		case "anaphor":
			lx.anaphor[strings.ToLower(f[1])] = true
		case "untrue":
			lx.untrue[strings.ToLower(f[1])] = true
		default:
			return fmt.Errorf("unknown kind %q", f[0])
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	return lx, nil
}

// Adversaries reports whether parties a and b (ISO country codes) belong to
// adversary blocs.
func (lx *Lexicon) Adversaries(a, b string) bool {
	ba, bb := lx.bloc[a], lx.bloc[b]
	return ba != "" && bb != "" && lx.adversary[[2]string{ba, bb}]
}

// content returns the linking tokens of a statement's content — lower-cased
// words without stop words and negations, lightly stemmed, deduplicated and
// sorted — and whether the content is negated.
func (lx *Lexicon) content(text string) (toks []string, negated bool) {
	return lx.contentOf(tokenize(text))
}

// contentOf is content on a text already tokenized.
func (lx *Lexicon) contentOf(ts []tok) (toks []string, negated bool) {
	for i := range ts {
		w := ts[i].w
		if _, ok := lx.negation[w]; ok {
			negated = negated || lx.negationAt(ts, i)
			continue
		}
		if lx.stop[w] {
			continue
		}
		toks = append(toks, ts[i].s)
	}
	slices.Sort(toks)
	return slices.Compact(toks), negated
}

// negationAt reports whether ts[i] is a negation (negations.tsv) that the
// words after it do not cancel ("not too late", "not the same as").
func (lx *Lexicon) negationAt(ts []tok, i int) bool {
	cancel, ok := lx.negation[ts[i].w]
	if !ok {
		return false
	}
	if i+1 < len(ts) && cancel[ts[i+1].w] || i+2 < len(ts) && cancel[ts[i+1].w+" "+ts[i+2].w] {
		return false
	}
	return true
}

// stem strips the commonest English inflections so that "troops withdrew"
// and "troop withdrawal" share "troop", and "forced"/"forces"/"forcing"
// share "forc". It is deliberately light: a wrong merge links unrelated
// statements, a missed one only costs recall.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 5 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ed"):
		return w[:n-2]
	case n > 4 && strings.HasSuffix(w, "es") && !strings.HasSuffix(w, "ses"):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us"):
		return w[:n-1]
	case n > 4 && strings.HasSuffix(w, "e"):
		// "force" meets "forces"/"forced" at "forc".
		return w[:n-1]
	}
	return w
}
