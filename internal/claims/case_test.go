package claims

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/segment"
)

// The test cases describe articles the way an analyst reads them — speaker
// words, content and relation evidence as written — and caseAnalysis turns
// them into crosscheck.Analysis values with every span located in the text.

type caseStatement struct {
	ID          string   `json:"id"`
	Speaker     string   `json:"speaker"`
	SpeakerText string   `json:"speaker_text"`
	Type        string   `json:"type"`
	Affiliation string   `json:"affiliation"`
	Cue         string   `json:"cue"`
	Lemma       string   `json:"lemma"`
	Kind        string   `json:"kind"`
	Stance      string   `json:"stance"`
	Via         []string `json:"via"`
	Content     string   `json:"content"`
}

type caseRelation struct {
	Type     string `json:"type"`
	From     string `json:"from"`
	To       string `json:"to"`
	By       string `json:"by"`
	Evidence string `json:"evidence"`
}

type caseEntity struct {
	Name        string   `json:"name"`
	Type        string   `json:"type"`
	Affiliation string   `json:"affiliation"`
	Country     string   `json:"country"`
	Aliases     []string `json:"aliases"`
}

type caseArticle struct {
	ID         string          `json:"id"`
	Site       string          `json:"site"`
	URL        string          `json:"url"`
	Published  string          `json:"published"`
	Title      string          `json:"title"`
	Text       string          `json:"text"`
	Statements []caseStatement `json:"statements"`
	Relations  []caseRelation  `json:"relations"`
	Entities   []caseEntity    `json:"entities"`
}

func readJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// indexWord finds s in text at or after from, on word boundaries.
func indexWord(text, s string, from int) int {
	for from <= len(text) {
		i := strings.Index(text[from:], s)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[i+len(s):])
		if (i == 0 || !isWordRune(before)) && (i+len(s) == len(text) || !isWordRune(after)) {
			return i
		}
		from = i + 1
	}
	return -1
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func span(text string, start int, s string) crosscheck.Span {
	return crosscheck.Span{Text: s, Start: start, End: start + len(s)}
}

// caseAnalysis builds the Analysis of one case article and checks it
// against the contract (Analysis.Validate).
func caseAnalysis(t testing.TB, ca caseArticle) crosscheck.Analysis {
	t.Helper()
	text := ca.Text
	a := crosscheck.Analysis{
		Article: crosscheck.Article{
			ID: ca.ID, URL: crosscheck.NullString(ca.URL), Site: crosscheck.NullString(ca.Site),
			Title: ca.Title, Published: crosscheck.NullString(ca.Published), Language: "en", Text: text,
			Boilerplate: []crosscheck.Removed{},
		},
		Sentences:  segment.Sentences(text),
		Entities:   []crosscheck.Entity{},
		Statements: []crosscheck.Statement{},
		Relations:  []crosscheck.Relation{},
	}
	if a.Article.ID == "" {
		a.Article.ID = crosscheck.ArticleID(ca.URL, text)
	}
	sentenceAt := func(pos int) int {
		for _, s := range a.Sentences {
			if s.Start <= pos && pos < s.End {
				return s.Index
			}
		}
		t.Fatalf("%s: no sentence at %d", ca.ID, pos)
		return -1
	}
	entityOf := map[string]string{}
	for i, e := range ca.Entities {
		ent := crosscheck.Entity{
			ID: "e" + strconv.Itoa(i+1), Name: e.Name, Type: e.Type, Affiliation: crosscheck.NullString(e.Affiliation),
			Country: crosscheck.NullString(e.Country), Roles: []string{}, Mentions: []crosscheck.Span{},
		}
		taken := make([]bool, len(text))
		for _, al := range e.Aliases { // longest first, as listed
			for i := indexWord(text, al, 0); i >= 0; i = indexWord(text, al, i+len(al)) {
				if taken[i] {
					continue
				}
				for k := i; k < i+len(al); k++ {
					taken[k] = true
				}
				ent.Mentions = append(ent.Mentions, span(text, i, al))
			}
		}
		entityOf[e.Name] = ent.ID
		a.Entities = append(a.Entities, ent)
	}
	for _, cs := range ca.Statements {
		ci := strings.Index(text, cs.Content)
		if ci < 0 {
			t.Fatalf("%s %s: content %q not in text", ca.ID, cs.ID, cs.Content)
		}
		si := sentenceAt(ci)
		sent := a.Sentences[si]
		st := crosscheck.Statement{
			ID:      cs.ID,
			Speaker: crosscheck.Speaker{Entity: crosscheck.NullString(entityOf[cs.Speaker]), Name: crosscheck.NullString(cs.Speaker), Text: cs.SpeakerText, Type: cs.Type, Affiliation: crosscheck.NullString(cs.Affiliation)},
			Kind:    cs.Kind, Content: span(text, ci, cs.Content), Via: cs.Via, Stance: cs.Stance, Sentence: si,
		}
		if st.Via == nil {
			st.Via = []string{}
		}
		if cs.SpeakerText != "" {
			k := indexWord(text, cs.SpeakerText, sent.Start)
			if k < 0 || k >= sent.End {
				// The speaker named in an earlier sentence ("Ukraine’s
				// General Staff asserted that …" split by the segmenter).
				k = strings.LastIndex(text[:ci], cs.SpeakerText)
			}
			if k < 0 {
				t.Fatalf("%s %s: speaker %q not found", ca.ID, cs.ID, cs.SpeakerText)
			}
			st.Speaker.Start, st.Speaker.End = k, k+len(cs.SpeakerText)
		}
		if cs.Cue != "" {
			k := indexWord(text, cs.Cue, sent.Start)
			if k < 0 {
				k = strings.LastIndex(text[:ci], cs.Cue)
			}
			if k < 0 {
				t.Fatalf("%s %s: cue %q not found", ca.ID, cs.ID, cs.Cue)
			}
			st.Cue = crosscheck.Cue{Text: cs.Cue, Lemma: cs.Lemma, Start: k, End: k + len(cs.Cue)}
		}
		a.Statements = append(a.Statements, st)
	}
	for _, cr := range ca.Relations {
		k := strings.Index(text, cr.Evidence)
		if k < 0 {
			t.Fatalf("%s: relation evidence %q not in text", ca.ID, cr.Evidence)
		}
		a.Relations = append(a.Relations, crosscheck.Relation{
			Type: cr.Type, From: crosscheck.NullString(cr.From), To: cr.To, By: crosscheck.NullString(cr.By),
			Evidence: span(text, k, cr.Evidence),
		})
	}
	if err := a.Validate(); err != nil {
		t.Fatalf("%s: %v", ca.ID, err)
	}
	return a
}

func jsonOf(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
