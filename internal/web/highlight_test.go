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
		for _, r := range runs(p) {
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
	for _, r := range runs(paras[0]) {
		if r.Class == "cue" {
			cue = r.Text
		}
	}
	if cue != "said" {
		t.Fatalf("cue run %q: the cue must win over the content it overlaps", cue)
	}
}

func runs(p Paragraph) []Run {
	var out []Run
	for _, s := range p {
		out = append(out, s.Runs...)
	}
	return out
}

func anchorIDs(a *Anchor) []string {
	var out []string
	for ; a != nil; a = a.Inner {
		out = append(out, a.ID)
	}
	return out
}

// TestHighlightAnchors: every statement's sentence is one segment carrying
// its id (two statements in one sentence nest both ids); text between
// anchored sentences carries none; with no sentence list the statement's
// own spans give the stretch.
func TestHighlightAnchors(t *testing.T) {
	text := "Troops reached the river, the ministry said. Nothing else happened. Kyiv denied it and Moscow said so too."
	s1 := span(text, "Troops reached the river")
	s2 := span(text, "it")
	s3 := span(text, "so too")
	sent := func(i, start, end int) crosscheck.Sentence {
		return crosscheck.Sentence{Index: i, Start: start, End: end}
	}
	second := strings.Index(text, "Nothing")
	third := strings.Index(text, "Kyiv")
	a := &crosscheck.Analysis{
		Article:   crosscheck.Article{Text: text},
		Sentences: []crosscheck.Sentence{sent(0, 0, second-1), sent(1, second, third-1), sent(2, third, len(text))},
		Statements: []crosscheck.Statement{
			{ID: "s1", Content: s1, Sentence: 0},
			{ID: "s2", Content: s2, Sentence: 2},
			{ID: "s3", Content: s3, Sentence: 2},
		},
	}
	paras := Highlight(a)
	if len(paras) != 1 {
		t.Fatalf("%d paragraphs", len(paras))
	}
	var got []string
	for _, seg := range paras[0] {
		var b strings.Builder
		for _, r := range seg.Runs {
			b.WriteString(r.Text)
		}
		got = append(got, strings.Join(anchorIDs(seg.Anchor), "+")+"|"+b.String())
	}
	want := []string{
		"s1|Troops reached the river, the ministry said.",
		"| Nothing else happened. ",
		"s2+s3|Kyiv denied it and Moscow said so too.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("segments:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Without sentences (the analyze page, older stores): the spans.
	a.Sentences = nil
	a.Statements[0].Sentence = 7 // out of range too
	paras = Highlight(a)
	if ids := anchorIDs(paras[0][0].Anchor); len(ids) != 1 || ids[0] != "s1" || paras[0][0].Runs[0].Text != "Troops reached the river" {
		t.Errorf("span fallback: %+v", paras[0][0])
	}
}
