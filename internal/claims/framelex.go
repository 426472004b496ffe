package claims

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/crosscheck/crosscheck/internal/lexicon"
)

// trigger is one way of writing a predicate class (frames.tsv): slots of
// stemmed alternatives, each after the previous one directly or, when
// gap[k] is set, with up to maxGap words between.
type trigger struct {
	class   string
	noun    bool
	slots   [][]string
	gap     []bool
	objects map[string]bool // stemmed; one must follow (or, for nouns, precede) the trigger
	ofAgent bool            // "the withdrawal of NATO": the of-phrase is the agent
	// assertive: the noun accuses even as a topic ("NATO's proxy war").
	assertive bool
	// objectAfter: the object must follow; before the trigger it is a noun
	// the participle describes ("the troops gathered around Ukraine").
	objectAfter bool
	// bare: the trigger also holds with no object at all, when its clause
	// ends right after it ("I am convinced that Putin has made a
	// decision."): in war news a decision said of no object is the one
	// its objects name.
	bare bool
	// negatedOnly: the trigger holds only under a negation, which is then
	// the class's own sense ("he will not stop at Ukraine" goes further;
	// "the convoy stopped at the checkpoint" says nothing of it).
	negatedOnly bool
}

const (
	maxGap    = 3 // words allowed between two slots of a trigger written with "_"
	objWindow = 5 // words after a trigger within which its object must occur
)

// Marker kinds (markers.tsv).
const (
	mkConditional = "conditional"
	mkTopic       = "topic"
	mkPlan        = "plan"
	mkOnset       = "onset"
	mkEpistemic   = "epistemic"
	mkLight       = "light"
	mkProspective = "prospective"
	mkDeontic     = "deontic"
	mkReporting   = "reporting"
	mkPronoun     = "pronoun"
	mkLocative    = "locative"
	mkControl     = "control"
	mkDeterminer  = "determiner"
	mkBe          = "be"
	mkRelay       = "relay"
	mkObjectCue   = "objcue"
	mkFinite      = "finite"
	mkAssertCue   = "assertcue"
	mkSide        = "side"
	mkHearsay     = "hearsay"
)

// place kinds (demonyms.tsv).
const (
	plCountry    = "country"
	plDemonym    = "demonym"
	plCapital    = "capital"
	plGovernment = "government"
	plAlliance   = "alliance"
)

type placeWord struct {
	words []string
	code  string
	kind  string
}

type independentSource struct {
	words []string
	kind  string
}

// loadFrames reads the frame lexicon files into lx.
func (lx *Lexicon) loadFrames(fsys fs.FS) error {
	lx.triggers = map[string][]*trigger{}
	lx.limitVerb = map[string]bool{}
	lx.triggerWords = map[string]bool{}
	err := lexicon.ReadTSV(fsys, "frames.tsv", func(_ int, f []string) error {
		if len(f) < 3 || len(f) > 5 || (f[1] != "verb" && f[1] != "noun") {
			return fmt.Errorf("want class, verb|noun, trigger[, objects[, flags]], got %q", f)
		}
		t := &trigger{class: f[0], noun: f[1] == "noun"}
		for i, part := range strings.Split(f[2], "_") {
			for j, w := range strings.FieldsFunc(part, func(r rune) bool { return r == ' ' || r == '-' }) {
				var alts []string
				for _, a := range strings.Split(w, "|") {
					a = strings.ToLower(a)
					alts = append(alts, stem(a))
					if !t.noun && i == 0 && j == 0 {
						alts = append(alts, inflectedStems(a)...)
					}
				}
				slices.Sort(alts)
				alts = slices.Compact(alts)
				t.slots = append(t.slots, alts)
				t.gap = append(t.gap, i > 0 && j == 0)
			}
		}
		if len(t.slots) == 0 {
			return fmt.Errorf("empty trigger in %q", f)
		}
		if len(f) > 3 && f[3] != "" {
			t.objects = map[string]bool{}
			for _, o := range strings.Split(f[3], ",") {
				t.objects[stem(strings.ToLower(strings.TrimSpace(o)))] = true
			}
		}
		if len(f) > 4 {
			for _, flag := range strings.Split(f[4], ",") {
				switch flag {
				case "of-agent":
					t.ofAgent = true
				case "assertive":
					t.assertive = true
				case "object-after":
					t.objectAfter = true
				case "bare":
					t.bare = true
				case "negated":
					t.negatedOnly = true
					for _, s := range t.slots[0] {
						lx.limitVerb[s] = true
					}
				default:
					return fmt.Errorf("unknown flag %q", flag)
				}
			}
		}
		for _, a := range t.slots[0] {
			lx.triggers[a] = append(lx.triggers[a], t)
		}
		for _, slot := range t.slots {
			for _, a := range slot {
				lx.triggerWords[a] = true
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	lx.markers = map[string][][]string{}
	lx.markerFirst = map[string]map[string]bool{}
	err = lexicon.ReadTSV(fsys, "markers.tsv", func(_ int, f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want kind and word, got %q", f)
		}
		switch f[0] {
		case mkConditional, mkTopic, mkPlan, mkOnset, mkEpistemic, mkLight, mkProspective, mkDeontic, mkReporting, mkPronoun, mkLocative, mkControl, mkDeterminer, mkBe, mkObjectCue, mkRelay, mkFinite, mkAssertCue, mkSide, mkHearsay:
		default:
			return fmt.Errorf("unknown marker kind %q", f[0])
		}
		ws := strings.Split(strings.ToLower(f[1]), "_")
		lx.markers[f[0]] = append(lx.markers[f[0]], ws)
		if lx.markerFirst[f[0]] == nil {
			lx.markerFirst[f[0]] = map[string]bool{}
		}
		lx.markerFirst[f[0]][ws[0]] = true
		return nil
	})
	if err != nil {
		return err
	}
	lx.places = map[string][]placeWord{}
	err = lexicon.ReadTSV(fsys, "demonyms.tsv", func(_ int, f []string) error {
		if len(f) != 3 || (len(f[1]) != 2 && f[2] != plAlliance) {
			return fmt.Errorf("want words, code and kind, got %q", f)
		}
		switch f[2] {
		case plCountry, plDemonym, plCapital, plGovernment, plAlliance:
		default:
			return fmt.Errorf("unknown kind %q", f[2])
		}
		ws := strings.Fields(strings.ToLower(f[0]))
		lx.places[ws[0]] = append(lx.places[ws[0]], placeWord{words: ws, code: strings.ToUpper(f[1]), kind: f[2]})
		return nil
	})
	if err != nil {
		return err
	}
	err = lexicon.ReadTSV(fsys, "independents.tsv", func(_ int, f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want words and kind, got %q", f)
		}
		switch f[1] {
		case "think_tank", "monitor", "wire", "imagery":
		default:
			return fmt.Errorf("unknown kind %q", f[1])
		}
		lx.independents = append(lx.independents, independentSource{words: words(f[0]), kind: f[1]})
		return nil
	})
	if err != nil {
		return err
	}
	lx.common = map[string]bool{}
	err = lexicon.ReadTSV(fsys, "common.tsv", func(_ int, f []string) error {
		lx.common[stem(strings.ToLower(f[0]))] = true
		return nil
	})
	if err != nil {
		return err
	}
	lx.stateClass = map[string]bool{}
	lx.stanceClass = map[string]bool{}
	known := map[string]bool{}
	lx.specificClass = map[string]bool{}
	err = lexicon.ReadTSV(fsys, "classes.tsv", func(_ int, f []string) error {
		if len(f) < 2 || len(f) > 3 || (f[1] != "event" && f[1] != "state" && f[1] != "stance") {
			return fmt.Errorf("want class, event|state|stance[, specific], got %q", f)
		}
		if len(f) == 3 && f[2] != "specific" {
			return fmt.Errorf("unknown class flag %q in %q", f[2], f)
		}
		known[f[0]] = true
		lx.stateClass[f[0]] = f[1] != "event"
		lx.stanceClass[f[0]] = f[1] == "stance"
		lx.specificClass[f[0]] = len(f) == 3
		return nil
	})
	if err != nil {
		return err
	}
	for _, ts := range lx.triggers {
		for _, t := range ts {
			if !known[t.class] {
				return fmt.Errorf("frames.tsv: class %q is not in classes.tsv", t.class)
			}
		}
	}
	lx.weapons = map[string][]keyedPhrase{}
	err = lexicon.ReadTSV(fsys, "weapons.tsv", func(_ int, f []string) error {
		if len(f) < 2 || len(f) > 3 || (len(f) == 3 && f[2] != "generic") {
			return fmt.Errorf("want words, key and optionally generic, got %q", f)
		}
		ws := words(f[0])
		key := f[1]
		if len(f) == 3 {
			key = "generic:" + key
		}
		lx.weapons[ws[0]] = append(lx.weapons[ws[0]], keyedPhrase{words: ws, key: key})
		return nil
	})
	if err != nil {
		return err
	}
	return lx.loadTimes(fsys)
}

// keyedPhrase is a phrase of a lexicon file and the key it stands for
// (weapons.tsv, times.tsv), indexed by its first word.
type keyedPhrase struct {
	words []string
	key   string
}

// phraseKeys returns the keys of the phrases of index that occur in toks,
// sorted. With firstAtEach, only the first phrase listed for a position
// counts there (a longer time phrase does not also give its shorter key).
func phraseKeys(index map[string][]keyedPhrase, toks []tok, firstAtEach bool) []string {
	var out []string
	for i := range toks {
		for _, p := range index[toks[i].w] {
			if i+len(p.words) > len(toks) {
				continue
			}
			ok := true
			for k := 1; k < len(p.words); k++ {
				if toks[i+k].w != p.words[k] {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, p.key)
				if firstAtEach {
					break
				}
			}
		}
	}
	return dedupSorted(out)
}

// weaponsIn returns the keys of the weapon systems a content names, sorted.
func (lx *Lexicon) weaponsIn(toks []tok) []string { return phraseKeys(lx.weapons, toks, false) }

func (lx *Lexicon) loadTimes(fsys fs.FS) error {
	lx.times = map[string][]keyedPhrase{}
	return lexicon.ReadTSV(fsys, "times.tsv", func(_ int, f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want a phrase and its key, got %q", f)
		}
		ws := words(f[0])
		if len(ws) == 0 || f[1] == "" {
			return fmt.Errorf("empty phrase or key")
		}
		lx.times[ws[0]] = append(lx.times[ws[0]], keyedPhrase{words: ws, key: f[1]})
		return nil
	})
}

// timesIn returns the keys of the time phrases of a content, sorted.
func (lx *Lexicon) timesIn(toks []tok) []string { return phraseKeys(lx.times, toks, true) }

// marker reports whether a marker of kind starts at toks[i], and how many
// tokens it spans.
func (lx *Lexicon) marker(kind string, toks []tok, i int) (int, bool) {
	if i < 0 || i >= len(toks) || !lx.markerFirst[kind][toks[i].w] {
		return 0, false
	}
	for _, ws := range lx.markers[kind] {
		if ws[0] != toks[i].w || i+len(ws) > len(toks) {
			continue
		}
		ok := true
		for k := 1; k < len(ws); k++ {
			if toks[i+k].w != ws[k] {
				ok = false
				break
			}
		}
		if ok {
			return len(ws), true
		}
	}
	return 0, false
}

// is reports whether word w is a one-word marker of kind.
func (lx *Lexicon) is(kind, w string) bool { return lx.markerFirst[kind][w] }

// placeAt returns the country, demonym or capital written at toks[i].
func (lx *Lexicon) placeAt(toks []tok, i int) (placeWord, int, bool) {
	best, n := placeWord{}, 0
	for _, p := range lx.places[toks[i].w] {
		if i+len(p.words) > len(toks) || len(p.words) <= n {
			continue
		}
		// "US" the country, not "us" the pronoun.
		if len(p.words[0]) <= 2 && !toks[i].caps {
			continue
		}
		ok := true
		for k := 1; k < len(p.words); k++ {
			if toks[i+k].w != p.words[k] {
				ok = false
				break
			}
		}
		if ok {
			best, n = p, len(p.words)
		}
	}
	return best, n, n > 0
}

// independentKind returns the kind of independent source a speaker's name
// names, or "".
func (lx *Lexicon) independentKind(name string) string {
	ws := words(name)
	for _, s := range lx.independents {
		if containsRun(ws, s.words) {
			return s.kind
		}
	}
	return ""
}

// containsRun reports whether run occurs in ws as consecutive elements.
func containsRun(ws, run []string) bool {
	if len(run) == 0 {
		return false
	}
	for i := 0; i+len(run) <= len(ws); i++ {
		ok := true
		for k := range run {
			if ws[i+k] != run[k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// inflectedStems returns the stems of a verb's regular inflections, which
// the light stemmer does not always bring back to the verb's own: "move"
// stays "move" but "moved" and "moving" become "mov".
func inflectedStems(v string) []string {
	base := v
	if strings.HasSuffix(v, "e") {
		base = v[:len(v)-1]
	}
	return []string{stem(v + "s"), stem(base + "ed"), stem(base + "ing")}
}
