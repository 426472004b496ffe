package claims

import (
	"slices"
	"strings"

	"github.com/crosscheck/crosscheck"
)

// speakerParties returns the parties a statement speaks for, sorted: the
// speaker's affiliation, else its entity's, else the countries of the places
// (and the affiliations of the organizations) named inside the speaker's
// words — "reports from Ukraine, the U.S., and South Korea" speak for UA,
// US and KR — unless those words hold a non-state word (nonState).
func speakerParties(d *doc, st *crosscheck.Statement, text string, nonState bool) []string {
	if a := strings.ToUpper(strings.TrimSpace(string(st.Speaker.Affiliation))); a != "" {
		return []string{a}
	}
	if e := d.ents[string(st.Speaker.Entity)]; e != nil && e.Affiliation != "" {
		return []string{strings.ToUpper(string(e.Affiliation))}
	}
	if nonState {
		return nil // "the Russian independent media": of a country, not its state
	}
	start, end := st.Speaker.Start, st.Speaker.End
	if end <= start || end > len(text) {
		return nil
	}
	var out []string
	for i := range d.an.Entities {
		e := &d.an.Entities[i]
		p := string(e.Affiliation)
		if e.Type == crosscheck.TypePlace {
			p = string(e.Country)
		}
		if p == "" {
			continue
		}
		for _, m := range e.Mentions {
			if m.Start >= start && m.End <= end {
				out = append(out, strings.ToUpper(p))
				break
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// speakerName is the name shown for a statement's speaker.
func speakerName(st *crosscheck.Statement) string {
	if st.Speaker.Name != "" {
		return string(st.Speaker.Name)
	}
	return st.Speaker.Text
}

// speakerKey identifies a speaker across articles and spellings: a
// person by surname (Gerasimov, General Valery Gerasimov; Zelenskyy,
// Zełenski), anyone else by all the words of the name (see nameKey).
// Empty when the statement names nobody.
func (lx *Lexicon) speakerKey(st *crosscheck.Statement) string {
	return lx.nameKey(speakerName(st), st.Speaker.Type == crosscheck.TypePerson)
}

// entityKey identifies an entity across articles, as speakerKey does.
func (lx *Lexicon) entityKey(e *crosscheck.Entity) string {
	return lx.nameKey(e.Name, e.Type == crosscheck.TypePerson)
}

// contentEntities returns the keys of the entities and places mentioned
// inside a statement's content, sorted, and the content tokens of their
// names, mentions and roles.
func (b *builder) contentEntities(an *crosscheck.Analysis, content crosscheck.Span) (keys, toks []string) {
	for i := range an.Entities {
		e := &an.Entities[i]
		for _, m := range e.Mentions {
			if m.Start < content.End && m.End > content.Start {
				if k := b.lx.entityKey(e); k != "" {
					keys = append(keys, k)
				}
				// Titles count as part of the name: "Russian President
				// Vladimir Putin" names one man, it says nothing.
				for _, t := range append([]string{e.Name, m.Text}, e.Roles...) {
					ts, _ := b.lx.content(t)
					toks = append(toks, ts...)
				}
				break
			}
		}
	}
	slices.Sort(keys)
	slices.Sort(toks)
	return slices.Compact(keys), slices.Compact(toks)
}

// sentenceOf returns the text of the sentence holding byte pos: sentence
// idx when it does, else the one found among the analysis's sentences, else
// the run of text between the sentence ends around pos (for analyses stored
// without sentences).
func sentenceOf(an *crosscheck.Analysis, idx, pos int) string {
	text := an.Article.Text
	if pos < 0 || pos > len(text) {
		return ""
	}
	ok := func(s crosscheck.Sentence) bool {
		// A stored sentence may be corrupt: a negative start or an end past
		// the text must not be sliced.
		return 0 <= s.Start && s.Start <= pos && pos < s.End && s.End <= len(text)
	}
	if idx >= 0 && idx < len(an.Sentences) && ok(an.Sentences[idx]) {
		s := an.Sentences[idx]
		return strings.TrimSpace(text[s.Start:s.End])
	}
	for _, s := range an.Sentences {
		if ok(s) {
			return strings.TrimSpace(text[s.Start:s.End])
		}
	}
	start := 0
	for i := pos - 1; i > 0; i-- {
		if text[i] == '\n' || ((text[i-1] == '.' || text[i-1] == '!' || text[i-1] == '?') && text[i] == ' ') {
			start = i + 1
			break
		}
	}
	end := len(text)
	for i := pos; i < len(text); i++ {
		if text[i] == '\n' {
			end = i
			break
		}
		if (text[i] == '.' || text[i] == '!' || text[i] == '?') && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n') {
			end = i + 1
			break
		}
	}
	return strings.TrimSpace(text[start:end])
}

// intersect counts the common elements of two sorted, deduplicated slices.
func intersect(a, b []string) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch strings.Compare(a[i], b[j]) {
		case 0:
			n++
			i++
			j++
		case -1:
			i++
		default:
			j++
		}
	}
	return n
}

// jaccard is the Jaccard similarity of two sorted, deduplicated slices; two
// empty slices have similarity 0.
func jaccard(a, b []string) float64 {
	n := intersect(a, b)
	if u := len(a) + len(b) - n; u > 0 {
		return float64(n) / float64(u)
	}
	return 0
}
