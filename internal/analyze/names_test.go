package analyze

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/corpora"
	"github.com/crosscheck/crosscheck/internal/eval"
)

// notNames are words a speaker's name must never consist of (issue 8, the
// annotation guidelines: "never a pronoun or a role description"):
// pronouns, role words and the common nouns a broken parse takes for a
// speaker. The list is the test's own, written independently of the
// lexicons the analyzer uses, so that it checks them.
var notNames = strings.Fields(`
	he she him his her i me we us they them their it its who whom which that this these those you
	one someone somebody anyone everyone nobody people
	president minister leader dictator chancellor premier official spokesman spokeswoman
	spokesperson diplomat ambassador envoy general commander lawyer attorney politician head chief
	secretary governor mayor adviser advisor aide correspondent reporter journalist analyst expert
	statement report document information desire claim claims data evidence decision message letter
	survey poll study newspaper daily agency company operator ministry
`)

// bareName reports whether a speaker name is nothing but determiners and
// words of notNames.
func bareName(name string) bool {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == ' ' || r == ',' })
	if len(words) == 0 {
		return false
	}
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == ',' }) {
		if len(w) <= 3 && strings.ToUpper(w) == w && strings.ToLower(w) != w {
			return false // an acronym: "US" is no "us"
		}
	}
	for _, w := range words {
		w = strings.TrimSuffix(strings.TrimSuffix(strings.Trim(w, `.'"“”’()`), "'s"), "’s")
		switch w {
		case "the", "a", "an", "our", "my", "your", "former", "deputy", "senior", "top", "new", "":
			continue
		}
		found := false
		for _, n := range notNames {
			found = found || w == n
		}
		if !found {
			return false
		}
	}
	return true
}

func TestBareNameCheck(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"he", true}, {"who", true}, {"the minister", true}, {"statement", true}, {"The president", true},
		{"information", true}, {"desire", true}, {"her lawyer", true},
		{"Vladimir Putin", false}, {"Russian foreign minister", false}, {"senior defence official", false}, {"KIIS", false},
	}
	for _, tt := range tests {
		if got := bareName(tt.name); got != tt.want {
			t.Errorf("bareName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestSpeakerNames analyzes the war development set and the war corpus
// (read from ../shared at test time) and fails on any statement whose
// speaker name is a pronoun, a role word or a common noun: such speakers
// must be resolved to whom they refer, or keep their text and no name.
func TestSpeakerNames(t *testing.T) {
	if testing.Short() {
		t.Skip("analyzes the war corpus")
	}
	z := newAnalyzer(t)
	var docs []crosscheck.Document
	var names []string
	gold, err := filepath.Glob(filepath.Join(corpora.For(t, "fixtures", "war"), "*", "expected.json"))
	if err != nil || len(gold) == 0 {
		t.Fatalf("no war fixtures: %v", err)
	}
	for _, p := range gold {
		arts, err := eval.LoadArticles(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, ga := range arts {
			docs = append(docs, crosscheck.Document{Body: []byte(ga.Text), ContentType: "text/plain", Published: ga.Published})
			names = append(names, ga.Name)
		}
	}
	corpus, _ := filepath.Glob(filepath.Join(corpora.For(t, "corpora", "ukraine-war", "articles"), "*.txt"))
	for _, p := range corpus {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, crosscheck.Document{Body: b, ContentType: "text/plain"})
		names = append(names, filepath.Base(p))
	}
	bad, total := 0, 0
	for i, doc := range docs {
		a, err := z.Analyze(t.Context(), doc)
		if err != nil {
			continue // empty or boilerplate-only texts
		}
		for _, s := range a.Statements {
			total++
			if n := string(s.Speaker.Name); n != "" && bareName(n) {
				bad++
				t.Errorf("%s %s: speaker name %q (text %q) is a pronoun, role word or common noun", names[i], s.ID, n, s.Speaker.Text)
			}
		}
	}
	t.Logf("%d statements in %d articles checked, %d with a bare name", total, len(docs), bad)
}

// TestMediaRelay: media as a whole ("Russian media", "state media")
// reporting what someone said relay it, as a named agency does: the
// speaker is the one who said it and the media are its via. Sentences
// written for the test.
func TestMediaRelay(t *testing.T) {
	z := newAnalyzer(t)
	for _, text := range []string{
		"Putin said the operation was going to plan, Russian media reported.",
		"Putin said the operation was going to plan, state media reported.",
	} {
		a, err := z.Analyze(t.Context(), crosscheck.Document{Body: []byte(text), ContentType: "text/plain"})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Statements) != 1 {
			t.Fatalf("%q: %d statements, want 1", text, len(a.Statements))
		}
		s := a.Statements[0]
		if s.Speaker.Name != "Vladimir Putin" || len(s.Via) != 1 || !strings.HasSuffix(s.Via[0], "media") {
			t.Errorf("%q: speaker %q via %v, want Putin via the media", text, s.Speaker.Name, s.Via)
		}
	}
}

// TestFormerOfficeHolder: a listed office holder speaks for the state only
// while in office: named in an article published after the term, or
// called "former", the person speaks for none, in every statement of the
// article, the bare name ("Pence said") too. Sentences written for the
// test.
func TestFormerOfficeHolder(t *testing.T) {
	z := newAnalyzer(t)
	for _, tc := range []struct{ text, published, want string }{
		{"Former Vice President Mike Pence visited Kyiv on Thursday. Pence said the aid must go on.", "", ""},
		{"Mike Pence visited Kyiv on Thursday. Pence said the aid must go on.", "2023-06-29", ""},
		{"Mike Pence visited Kyiv on Thursday. Pence said the aid must go on.", "2019-06-29", "US"},
		{"Former Vice President Mike Pence said the aid must go on.", "", ""},
	} {
		a, err := z.Analyze(t.Context(), crosscheck.Document{Body: []byte(tc.text), ContentType: "text/plain", Published: tc.published})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Statements) != 1 {
			t.Fatalf("%q: %d statements, want 1", tc.text, len(a.Statements))
		}
		if s := a.Statements[0]; s.Speaker.Name != "Mike Pence" || string(s.Speaker.Affiliation) != tc.want {
			t.Errorf("%q on %q: speaker %q [%s], want Mike Pence [%s]", tc.text, tc.published, s.Speaker.Name, s.Speaker.Affiliation, tc.want)
		}
	}
}

// TestStateBodyOfThePassage: a state body named without its state speaks
// for the state the passage is about, capitalised or not ("the foreign
// ministry", "the Foreign Ministry"); one that names its state keeps it.
// Sentences written for the test.
func TestStateBodyOfThePassage(t *testing.T) {
	z := newAnalyzer(t)
	for _, tc := range []struct{ text, want string }{
		{"Hungary rejected the accusations on Tuesday. The foreign ministry says the terms of the deal are unfair.", "HU"},
		{"Hungary rejected the accusations on Tuesday. The Foreign Ministry says the terms of the deal are unfair.", "HU"},
		{"Hungary rejected the accusations on Tuesday. The Romanian Foreign Ministry says the terms of the deal are unfair.", "RO"},
	} {
		a, err := z.Analyze(t.Context(), crosscheck.Document{Body: []byte(tc.text), ContentType: "text/plain"})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Statements) != 2 {
			t.Fatalf("%q: %d statements, want 2", tc.text, len(a.Statements))
		}
		if s := a.Statements[1]; string(s.Speaker.Affiliation) != tc.want {
			t.Errorf("%q: speaker %q [%s], want [%s]", tc.text, s.Speaker.Name, s.Speaker.Affiliation, tc.want)
		}
	}
}
