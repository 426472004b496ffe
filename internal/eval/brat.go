package eval

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/lexicon"
)

//go:embed data/*.tsv
var dataFS embed.FS

// speakerWords holds the word classes of data/speakers.tsv.
type speakerWords struct {
	determiner, person, group, orghead, connector, relative map[string]bool
}

func loadSpeakerWords() (speakerWords, error) {
	w := speakerWords{map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}}
	err := lexicon.ReadTSV(dataFS, "data/speakers.tsv", func(_ int, f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want 2 fields, got %d", len(f))
		}
		var m map[string]bool
		switch f[0] {
		case "determiner":
			m = w.determiner
		case "person":
			m = w.person
		case "group":
			m = w.group
		case "orghead":
			m = w.orghead
		case "connector":
			m = w.connector
		case "relative":
			m = w.relative
		default:
			return fmt.Errorf("unknown class %q", f[0])
		}
		m[strings.ToLower(f[1])] = true
		return nil
	})
	if err != nil {
		return w, fmt.Errorf("eval: %w", err)
	}
	return w, nil
}

// parenthetical matches "(D)", "(R-Texas)" and similar asides in a source.
var parenthetical = regexp.MustCompile(`\([^)]*\)`)

// speakerType decides whether a BRAT source span names a person, and if so
// which part of it is the name. PolNeAR does not type its sources, but the
// matching rule differs for persons (last name) and for organizations and
// groups (token F1), so a general rule is needed. The span is cut at commas
// (appositions: "Jean-Marc Ayrault, the foreign minister of France") and
// the first piece that names a person wins. A piece names a person when
//   - it is a singular personal pronoun (he, she, I, his);
//   - or it does not start with a determiner, and it ends in a run of
//     capitalized words whose last word is no acronym and no organization
//     head ("Post", "Committee"), where a run of one word must not follow a
//     connector ("Senator from Texas", "India and Pakistan") nor appear in
//     lower case elsewhere in the article text ("Polls").
//
// Otherwise the span is a group when it is a plural pronoun or ends in a
// lower-case plural ("sources", "several Republican lawmakers"), else an
// organization ("CNN", "Clinton's campaign", "a source").
func (w speakerWords) speakerType(s, text string) (typ, name string) {
	s = parenthetical.ReplaceAllString(s, " ")
	pieces := strings.Split(s, ",")
	for _, p := range pieces {
		if w.isPerson(p, text) {
			return crosscheck.TypePerson, strings.TrimSpace(p)
		}
	}
	// An organization or group is named by the first piece, without a
	// relative clause: "Central European leaders who have been …".
	words := splitWords(pieces[0])
	for i, wd := range words {
		if i > 0 && w.relative[strings.ToLower(wd)] {
			words = words[:i]
			break
		}
	}
	name = strings.Join(words, " ")
	if len(words) == 0 {
		return crosscheck.TypeUnattributed, ""
	}
	first, last := strings.ToLower(words[0]), words[len(words)-1]
	if len(words) == 1 && w.group[first] {
		return crosscheck.TypeGroup, name
	}
	ll := strings.ToLower(last)
	common := !isCapitalized(last) || containsWord(text, ll) // "Polls" at a sentence start
	if common && strings.HasSuffix(ll, "s") && !strings.HasSuffix(ll, "ss") {
		return crosscheck.TypeGroup, name
	}
	return crosscheck.TypeOrganization, name
}

// anaphor says whether a source is a pronoun that stands for a speaker
// named elsewhere, which PolNeAR annotates as written ("he said"): "person"
// for he/she/I, "any" for they/we/it and relative pronouns (who, which).
func (w speakerWords) anaphor(s string) string {
	words := splitWords(s)
	if len(words) != 1 {
		return ""
	}
	switch lw := strings.ToLower(words[0]); {
	case w.person[lw]:
		return crosscheck.TypePerson
	case w.group[lw], w.relative[lw]:
		return "any"
	}
	return ""
}

// splitWords splits a source span into words without edge punctuation or a
// final possessive.
func splitWords(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		f = strings.Trim(f, `.;:!?"'“”‘’()[]`)
		if f != "" {
			out = append(out, f)
		}
	}
	if n := len(out); n > 0 {
		out[n-1] = trimPossessive(out[n-1])
	}
	return out
}

func (w speakerWords) isPerson(piece, text string) bool {
	words := splitWords(piece)
	if len(words) == 0 {
		return false
	}
	first := strings.ToLower(words[0])
	if len(words) == 1 && w.person[first] {
		return true
	}
	if w.determiner[first] || w.group[first] || w.person[first] || w.relative[first] {
		return false
	}
	last := words[len(words)-1]
	if !isCapitalized(last) || isAcronym(last) || w.orghead[strings.ToLower(last)] {
		return false
	}
	run := 0
	for i := len(words) - 1; i >= 0 && isCapitalized(words[i]); i-- {
		run++
	}
	if run >= 2 {
		return true
	}
	if i := len(words) - 2; i >= 0 && w.connector[strings.ToLower(words[i])] {
		return false
	}
	return !containsWord(text, strings.ToLower(last))
}

// containsWord reports whether w occurs in text as a whole word, as
// written (case-sensitive).
func containsWord(text, w string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], w)
		if j < 0 {
			return false
		}
		a, b := i+j, i+j+len(w)
		before, _ := utf8.DecodeLastRuneInString(text[:a])
		after, _ := utf8.DecodeRuneInString(text[b:])
		if !unicode.IsLetter(before) && !unicode.IsLetter(after) {
			return true
		}
		i = b
	}
}

func trimPossessive(s string) string {
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			return s[:len(s)-len(suf)]
		}
	}
	return s
}

func isCapitalized(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isAcronym(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// SkippedError is returned, together with the articles that loaded, when
// some annotation files of a corpus could not be used. Callers may report it
// as a warning and score the rest.
type SkippedError struct {
	Skipped []error
}

func (e *SkippedError) Error() string {
	msgs := make([]string, len(e.Skipped))
	for i, err := range e.Skipped {
		msgs[i] = err.Error()
	}
	return fmt.Sprintf("eval: brat: skipped %d annotation file(s): %s", len(e.Skipped), strings.Join(msgs, "; "))
}

// LoadBRAT reads a BRAT standoff directory in the PolNeAR layout: dir/text/
// holds <article>.txt and dir/attributions/ holds <article>_<annotator>.ann.
// Offsets are character (code point) offsets; a discontinuous span's pieces
// are joined with one space, which is how BRAT writes their text, and every
// span's text is checked against the article (a mismatch is an error: the
// annotation belongs to another version of the text: that file is skipped
// and reported in a *SkippedError returned with the other articles).
//
// Several annotators per article: the annotation of the annotator whose ID
// sorts first is used, so that the gold is deterministic and every statement
// in it was judged by one person (a union would double-count statements
// that annotators segmented differently). Articles with a text but no .ann
// file are skipped. If metadata.tsv is in dir or its parent, its
// publication_date and publisher columns give Published and Site.
//
// Each E line becomes one gold statement: Source text → speaker, Content
// text (all Content roles, in order) → content, Cue text → CueText. An
// Attribution-no-source event is unattributed. Events without content are
// skipped. BRAT gold has no kind, stance, affiliation, via or time.
func LoadBRAT(dir string) ([]GoldArticle, error) {
	ann := filepath.Join(dir, "attributions")
	entries, err := os.ReadDir(ann)
	if err != nil {
		return nil, fmt.Errorf("eval: brat: %w", err)
	}
	chosen := map[string]string{} // article → annotator
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".ann") {
			continue
		}
		base := strings.TrimSuffix(name, ".ann")
		i := strings.LastIndexByte(base, '_')
		if i <= 0 {
			return nil, fmt.Errorf("eval: brat: %s: name is not <article>_<annotator>.ann", name)
		}
		art, who := base[:i], base[i+1:]
		if cur, ok := chosen[art]; !ok || who < cur {
			chosen[art] = who
		}
	}
	if len(chosen) == 0 {
		return nil, fmt.Errorf("eval: brat: no .ann files in %s", ann)
	}
	md, err := readMetadata(dir)
	if err != nil {
		return nil, err
	}
	words, err := loadSpeakerWords()
	if err != nil {
		return nil, err
	}
	arts := make([]string, 0, len(chosen))
	for a := range chosen {
		arts = append(arts, a)
	}
	sort.Strings(arts)
	out := make([]GoldArticle, 0, len(arts))
	var skipped []error
	for _, art := range arts {
		tb, err := os.ReadFile(filepath.Join(dir, "text", art+".txt"))
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			return nil, fmt.Errorf("eval: brat: %w", err)
		}
		text := string(tb)
		annPath := filepath.Join(ann, art+"_"+chosen[art]+".ann")
		f, err := os.Open(annPath)
		if err != nil {
			return nil, fmt.Errorf("eval: brat: %w", err)
		}
		stmts, err := parseANN(f, text, words)
		f.Close()
		if err != nil {
			// One broken annotation file (e.g. made for another version of
			// the text) must not hide the rest of a corpus: skip it and say so.
			skipped = append(skipped, fmt.Errorf("%s: %w", annPath, err))
			continue
		}
		m := md[art]
		out = append(out, GoldArticle{
			Name: art, Text: text, Published: m.Published, Site: m.Site,
			Gold: Gold{Published: m.Published, Statements: stmts},
		})
	}
	if len(skipped) > 0 && len(out) == 0 {
		return nil, fmt.Errorf("eval: brat: no usable annotation file in %s: %w", dir, errors.Join(skipped...))
	}
	if len(skipped) > 0 {
		return out, &SkippedError{Skipped: skipped}
	}
	return out, nil
}

type bratSpan struct {
	role string
	text string
}

// parseANN reads one .ann file against its text.
func parseANN(f io.Reader, text string, words speakerWords) ([]GoldStatement, error) {
	// runeOff maps a character offset to a byte offset.
	runeOff := make([]int, 0, len(text)+1)
	for i := range text {
		runeOff = append(runeOff, i)
	}
	runeOff = append(runeOff, len(text))

	spans := map[string]bratSpan{}
	type event struct {
		id   string
		args [][2]string // role, T id
	}
	var events []event
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 4<<20)
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimRight(sc.Text(), "\r")
		if l == "" {
			continue
		}
		fields := strings.Split(l, "\t")
		switch l[0] {
		case 'T':
			if len(fields) < 2 {
				return nil, fmt.Errorf("line %d: text-bound annotation without spans", line)
			}
			role, locs, ok := strings.Cut(fields[1], " ")
			if !ok {
				return nil, fmt.Errorf("line %d: no offsets in %q", line, fields[1])
			}
			var parts []string
			for _, loc := range strings.Split(locs, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(loc), " ")
				if !ok {
					return nil, fmt.Errorf("line %d: bad offsets %q", line, loc)
				}
				start, err1 := strconv.Atoi(a)
				end, err2 := strconv.Atoi(b)
				if err1 != nil || err2 != nil || start < 0 || end < start || end >= len(runeOff) {
					return nil, fmt.Errorf("line %d: offsets %q outside the text (%d characters)", line, loc, len(runeOff)-1)
				}
				parts = append(parts, text[runeOff[start]:runeOff[end]])
			}
			got := strings.Join(parts, " ")
			if len(fields) >= 3 && fields[2] != got {
				return nil, fmt.Errorf("line %d: span text %q does not match the article text %q", line, fields[2], got)
			}
			spans[fields[0]] = bratSpan{role: role, text: got}
		case 'E':
			if len(fields) < 2 {
				return nil, fmt.Errorf("line %d: event without arguments", line)
			}
			ev := event{id: fields[0]}
			for _, arg := range strings.Fields(fields[1]) {
				role, id, ok := strings.Cut(arg, ":")
				if !ok {
					return nil, fmt.Errorf("line %d: bad event argument %q", line, arg)
				}
				ev.args = append(ev.args, [2]string{role, id})
			}
			events = append(events, ev)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []GoldStatement
	for _, ev := range events {
		var g GoldStatement
		g.ID = ev.id
		var contents []string
		for _, a := range ev.args {
			sp, ok := spans[a[1]]
			if !ok {
				return nil, fmt.Errorf("event %s names unknown annotation %s", ev.id, a[1])
			}
			// Roles may be numbered when repeated: Content2.
			switch strings.TrimRight(a[0], "0123456789") {
			case "Attribution", "Attribution-no-source":
				// The attribution span is the cue again; a missing Source
				// is what makes it unattributed.
			case "Source":
				g.Speaker = crosscheck.NullString(sp.text)
			case "Cue":
				if g.CueText == "" {
					g.CueText = sp.text
				}
			case "Content":
				contents = append(contents, sp.text)
			}
		}
		g.Content = strings.Join(contents, " ")
		if strings.TrimSpace(g.Content) == "" {
			continue
		}
		if g.Speaker == "" {
			g.SpeakerType = crosscheck.TypeUnattributed
		} else {
			g.SpeakerType, g.Name = words.speakerType(string(g.Speaker), text)
			g.Anaphor = words.anaphor(string(g.Speaker))
		}
		out = append(out, g)
	}
	return out, nil
}

type articleMeta struct{ Published, Site string }

// readMetadata reads metadata.tsv from dir or its parent, if there is one.
func readMetadata(dir string) (map[string]articleMeta, error) {
	out := map[string]articleMeta{}
	var b []byte
	var err error
	for _, p := range []string{filepath.Join(dir, "metadata.tsv"), filepath.Join(filepath.Dir(dir), "metadata.tsv")} {
		b, err = os.ReadFile(p)
		if err == nil {
			break
		}
		if !os.IsNotExist(err) {
			return nil, fmt.Errorf("eval: brat: %w", err)
		}
	}
	if b == nil {
		return out, nil
	}
	lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	col := map[string]int{}
	for i, h := range strings.Split(lines[0], "\t") {
		col[h] = i
	}
	fi, ok := col["filename"]
	if !ok {
		return out, nil
	}
	get := func(f []string, name string) string {
		if i, ok := col[name]; ok && i < len(f) && f[i] != "None" {
			return f[i]
		}
		return ""
	}
	for _, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if fi >= len(f) || f[fi] == "" {
			continue
		}
		out[f[fi]] = articleMeta{Published: get(f, "publication_date"), Site: get(f, "publisher")}
	}
	return out, nil
}
