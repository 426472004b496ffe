package web

import (
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
)

func span(text, s string) crosscheck.Span {
	i := strings.Index(text, s)
	return crosscheck.Span{Text: s, Start: i, End: i + len(s)}
}

func TestHighlight(t *testing.T) {
	text := "“Gornal has been liberated,” Gerasimov stated.\n\nUkraine’s General Staff denied it, directly contradicting him."
	content := span(text, "Gornal has been liberated")
	spk := span(text, "Gerasimov")
	cue := span(text, "stated")
	ev := span(text, "directly contradicting him")
	a := &crosscheck.Analysis{
		Article: crosscheck.Article{Text: text},
		Statements: []crosscheck.Statement{{
			ID:      "s1",
			Speaker: crosscheck.Speaker{Text: spk.Text, Start: spk.Start, End: spk.End},
			Cue:     crosscheck.Cue{Text: cue.Text, Start: cue.Start, End: cue.End},
			Content: content,
		}},
		Relations: []crosscheck.Relation{{Type: "contradicts", To: "s1", Evidence: ev}},
	}
	paras := Highlight(a)
	if len(paras) != 2 {
		t.Fatalf("%d paragraphs, want 2", len(paras))
	}
	var rebuilt []string
	classes := map[string]string{}
	for _, p := range paras {
		var b strings.Builder
		for _, r := range p {
			b.WriteString(r.Text)
			if r.Class != "" {
				classes[r.Text] = r.Class
				if r.Class != "evd" && r.Statement != "s1" {
					t.Errorf("run %q has statement %q", r.Text, r.Statement)
				}
			}
		}
		rebuilt = append(rebuilt, b.String())
	}
	if got := strings.Join(rebuilt, "\n\n"); got != text {
		t.Fatalf("runs do not rebuild the text:\n%q\n%q", got, text)
	}
	want := map[string]string{"Gornal has been liberated": "cnt", "Gerasimov": "spk", "stated": "cue", "directly contradicting him": "evd"}
	for s, c := range want {
		if classes[s] != c {
			t.Errorf("%q: class %q, want %q (all: %v)", s, classes[s], c, classes)
		}
	}
}

func TestHighlightOverlapAndBadSpans(t *testing.T) {
	text := "Officials said the strike hit a depot."
	a := &crosscheck.Analysis{
		Article: crosscheck.Article{Text: text},
		Statements: []crosscheck.Statement{{
			ID:      "s1",
			Cue:     crosscheck.Cue{Text: "said", Start: 10, End: 14},
			Content: crosscheck.Span{Start: 0, End: len(text) + 50}, // out of range: clipped, no panic
		}},
	}
	paras := Highlight(a)
	if len(paras) != 1 {
		t.Fatalf("%d paragraphs", len(paras))
	}
	var cue string
	for _, r := range paras[0] {
		if r.Class == "cue" {
			cue = r.Text
		}
	}
	if cue != "said" {
		t.Fatalf("cue run %q: the cue must win over the content it overlaps", cue)
	}
}
