package attribution

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"

	"github.com/crosscheck/crosscheck/internal/lexicon"
)

//go:embed data/*.tsv
var dataFS embed.FS

// Cue patterns, from the pattern column of data/cues.tsv.
const (
	patVerb  = "v"     // finite or base verb: the speaker is its subject
	patIng   = "ing"   // participle clause: ", saying that …"
	patPrep  = "prep"  // "according to X"
	patNoun  = "n"     // "X's claim that …"
	patRaise = "raise" // "X seemed to …": nobody named holds the view
)

// cue is one entry of data/cues.tsv.
type cue struct {
	words   []string // lower-case surface words
	lemma   string
	pattern string
	obj     bool // takes a recipient before the content ("told Reuters that")
	clause  bool // a statement only with a clause, a colon or a quotation after it, or its content before it ("considers that …", not "considers new rules")
	// position: a statement only when its object is a position taken
	// (data/words.tsv position: "defended the decision", "defended the
	// strikes as self-defence"), not a thing defended ("defend our land")
	position bool
	// finite: a statement only when its content is a clause (a finite
	// verb among its first words: "found prices fell", "maintained he
	// wanted talks"), not an object ("find a way", "maintain ties")
	finite bool
	// display: no statement when its object is a quality or a thing
	// shown (data/words.tsv display: "showed incredible bravery", "has
	// shown signs of strain") rather than a finding ("the survey shows
	// many negative consequences", "the data show prices fell")
	display bool
	// danger: no statement when its object is something of someone's
	// ("threatening its role as a supplier", "threatening Moldova's
	// security"): a danger, not a threat made ("threatened sanctions")
	danger bool
	class  string
}

// word classes of data/words.tsv, as bits.
const (
	wSkip uint64 = 1 << iota
	wStop
	wDet
	wJoin
	wHe
	wThey
	wIt
	wTime
	wIntro
	wThat
	wObjCue
	wPrep
	wNounlike
	wMute
	wState
	wLabel
	wOfCue
	wEvent
	wWithheld
	wTopicCue
	wPosition
	wPast
	wDisplay
	wToRole
	wInformant
	wStanding
	wSeenBy
	wSpeechNoun
	wHeldNoun
	wLightCue
	wGloss
	wPortfolio
	wMessage
	wDeclined
	wElsewhen
	wNow
	wSameDay
)

// wordClass returns the bit of a class name of data/words.tsv, or 0.
func wordClass(name string) uint64 {
	switch name {
	case "skip":
		return wSkip
	case "stop":
		return wStop
	case "det":
		return wDet
	case "join":
		return wJoin
	case "he":
		return wHe
	case "they":
		return wThey
	case "it":
		return wIt
	case "time":
		return wTime
	case "intro":
		return wIntro
	case "that":
		return wThat
	case "objcue":
		return wObjCue
	case "prep":
		return wPrep
	case "nounlike":
		return wNounlike
	case "mute":
		return wMute
	case "state":
		return wState
	case "label":
		return wLabel
	case "ofcue":
		return wOfCue
	case "event":
		return wEvent
	case "withheld":
		return wWithheld
	case "declined":
		return wDeclined
	case "elsewhen":
		return wElsewhen
	case "now":
		return wNow
	case "sameday":
		return wSameDay
	case "topiccue":
		return wTopicCue
	case "position":
		return wPosition
	case "past":
		return wPast
	case "display":
		return wDisplay
	case "torole":
		return wToRole
	case "informant":
		return wInformant
	case "standing":
		return wStanding
	case "seenby":
		return wSeenBy
	case "speechnoun":
		return wSpeechNoun
	case "heldnoun":
		return wHeldNoun
	case "lightcue":
		return wLightCue
	case "gloss":
		return wGloss
	case "portfolio":
		return wPortfolio
	case "message":
		return wMessage
	}
	return 0
}

// Lexicon holds the attribution cues, closed-class words and relaying media,
// parsed once from the embedded data files. It is immutable after Load and
// safe for concurrent use.
type Lexicon struct {
	cues lexicon.Phrases[*cue] // the cue phrases of cues.tsv
	// cueLens[c] has bit n set when a key of cues starts with byte c and is
	// n bytes long (n < 64): cue look-ups run for every word of every
	// sentence, and this check turns most of them away without hashing
	cueLens [256]uint64
	// cuesLetters says every key of cues is lower-case ASCII letters, which
	// mayHoldCueFast relies on
	cuesLetters bool
	words       map[string]uint64
	media       map[string]string // lower-case alias → canonical name
	mediaMax    int               // most words in a media alias
	dependents  map[string]string // dependents.tsv: noun → body | staff | private
}

// lowerLetters reports whether s is one or more of the letters a-z.
func lowerLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}

// mayBeCue reports whether w may be a key of cues: false when no key has
// w's first byte and length.
func (lx *Lexicon) mayBeCue(w string) bool {
	return w != "" && (len(w) >= 64 || lx.cueLens[w[0]]&(1<<len(w)) != 0)
}

// eachCue calls fn with every cue whose first word is the single word w,
// until fn returns false.
func (lx *Lexicon) eachCue(w string, fn func(c *cue) bool) {
	if !lx.mayBeCue(w) {
		return
	}
	lx.cues.Each(func(int) string { return w }, 0, 1, func(c *cue, _ int) bool { return fn(c) })
}

// isCue reports whether w is the first word of a cue.
func (lx *Lexicon) isCue(w string) bool {
	return lx.mayBeCue(w) && lx.cues.Starts(w)
}

// Kinds of dependents.tsv.
const (
	depBody    = "body"
	depStaff   = "staff"
	depPrivate = "private"
)

// Load parses cues.tsv, words.tsv, dependents.tsv and media.tsv from fsys. It returns an
// error naming the file and line of a malformed record.
func Load(fsys fs.FS) (*Lexicon, error) {
	lx := &Lexicon{words: map[string]uint64{}, media: map[string]string{}, cuesLetters: true}
	err := lexicon.ReadTSV(fsys, "cues.tsv", func(line int, f []string) error {
		if len(f) != 4 {
			return fmt.Errorf("want 4 fields, got %d", len(f))
		}
		pat, clause := strings.CutSuffix(f[2], "+clause")
		pat, position := strings.CutSuffix(pat, "+position")
		pat, finite := strings.CutSuffix(pat, "+finite")
		pat, display := strings.CutSuffix(pat, "+display")
		pat, danger := strings.CutSuffix(pat, "+danger")
		pat, obj := strings.CutSuffix(pat, "+obj")
		switch pat {
		case patVerb, patIng, patPrep, patNoun, patRaise:
		default:
			return fmt.Errorf("unknown pattern %q", f[2])
		}
		words := strings.Fields(strings.ToLower(f[0]))
		if len(words) == 0 || f[1] == "" {
			return fmt.Errorf("empty cue")
		}
		lx.cues.Add(strings.Join(words, " "), &cue{words: words, lemma: f[1], pattern: pat, obj: obj, clause: clause, position: position, finite: finite, display: display, danger: danger, class: f[3]})
		if k := words[0]; len(k) < 64 {
			lx.cueLens[k[0]] |= 1 << len(k)
		}
		if !lowerLetters(words[0]) {
			lx.cuesLetters = false
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("attribution: %w", err)
	}
	err = lexicon.ReadTSV(fsys, "words.tsv", func(line int, f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want 2 fields, got %d", len(f))
		}
		c := wordClass(f[0])
		if c == 0 {
			return fmt.Errorf("unknown word class %q", f[0])
		}
		lx.words[f[1]] |= c
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("attribution: %w", err)
	}
	fw, err := lexicon.LoadFunctionWords()
	if err != nil {
		return nil, fmt.Errorf("attribution: %w", err)
	}
	for w, c := range fw {
		if c&(lexicon.Det|lexicon.Num) != 0 {
			lx.words[w] |= wDet
		}
		if c&(lexicon.Prep|lexicon.Conj|lexicon.Wh|lexicon.Aux|lexicon.Neg|lexicon.Adv) != 0 {
			lx.words[w] |= wStop
		}
		if c&lexicon.He != 0 {
			lx.words[w] |= wHe
		}
		if c&lexicon.They != 0 {
			lx.words[w] |= wThey
		}
		if c&lexicon.It != 0 {
			lx.words[w] |= wIt
		}
	}
	lx.dependents = map[string]string{}
	err = lexicon.ReadTSV(fsys, "dependents.tsv", func(line int, f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want 2 fields, got %d", len(f))
		}
		switch f[1] {
		case depBody, depStaff, depPrivate:
		default:
			return fmt.Errorf("unknown kind %q", f[1])
		}
		lx.dependents[strings.ToLower(f[0])] = f[1]
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("attribution: %w", err)
	}
	err = lexicon.ReadTSV(fsys, "media.tsv", func(line int, f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want 2 fields, got %d", len(f))
		}
		for _, a := range []string{strings.ToLower(f[0]), f[1]} {
			lx.media[a] = f[0]
			lx.mediaMax = max(lx.mediaMax, len(strings.Fields(a)))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("attribution: %w", err)
	}
	return lx, nil
}

// New returns a Lexicon built from the embedded data files.
func New() (*Lexicon, error) {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, fmt.Errorf("attribution: %w", err)
	}
	return Load(sub)
}

func (lx *Lexicon) is(low string, class uint64) bool { return lx.words[low]&class != 0 }

// Media returns the canonical name of a relaying medium named by phrase
// ("agence france-presse" → "AFP"), or "" when phrase names none.
func (lx *Lexicon) Media(phrase string) string {
	return lx.media[strings.ToLower(strings.TrimSpace(phrase))]
}
