package crosscheck

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	text := "Gerasimov said Gornal was liberated. Kyiv denied it."
	span := func(s string) Span {
		i := strings.Index(text, s)
		return Span{Text: s, Start: i, End: i + len(s)}
	}
	good := func() Analysis {
		c := span("said")
		return Analysis{
			Article:   Article{Text: text},
			Sentences: []Sentence{{Index: 0, Start: 0, End: 36}, {Index: 1, Start: 37, End: len(text)}},
			Entities:  []Entity{{ID: "e1", Name: "Valery Gerasimov", Mentions: []Span{span("Gerasimov")}}},
			Statements: []Statement{
				{ID: "s1", Speaker: Speaker{Entity: "e1", Text: "Gerasimov", Start: 0, End: 9}, Cue: Cue{Text: c.Text, Start: c.Start, End: c.End}, Content: span("Gornal was liberated")},
				{ID: "s2", Content: span("it")},
			},
			Relations: []Relation{{Type: RelContradicts, From: "s2", To: "s1", Evidence: span("denied")}},
		}
	}
	if err := (&Analysis{}).Validate(); err != nil {
		t.Errorf("empty analysis: %v", err)
	}
	g := good()
	if err := g.Validate(); err != nil {
		t.Fatalf("valid analysis: %v", err)
	}
	cases := []struct {
		name    string
		breakIt func(*Analysis)
		want    string
	}{
		{"mention text differs", func(a *Analysis) { a.Entities[0].Mentions[0].Text = "Putin" }, "entity e1 mention 0: span [0,9) is \"Gerasimov\", want \"Putin\""},
		{"content out of bounds", func(a *Analysis) { a.Statements[0].Content.End = 999 }, "statement s1 content: span"},
		{"cue splits UTF-8", func(a *Analysis) {
			a.Article.Text = "Київ said"
			a.Sentences, a.Entities, a.Relations = nil, nil, nil
			a.Statements = []Statement{{ID: "s1", Content: Span{Text: "\xd0", Start: 1, End: 2}}}
		}, "statement s1 content: span [1,2) splits a UTF-8 sequence"},
		{"sentence out of bounds", func(a *Analysis) { a.Sentences[1].End = 500 }, "sentence 1: span"},
		{"duplicate statement", func(a *Analysis) { a.Statements[1].ID = "s1" }, "statement s1: duplicate id"},
		{"missing speaker entity", func(a *Analysis) { a.Statements[0].Speaker.Entity = "e9" }, "speaker entity e9 does not exist"},
		{"relation to nowhere", func(a *Analysis) { a.Relations[0].To = "s7" }, "relation 0: to s7 does not exist"},
		{"evidence text differs", func(a *Analysis) { a.Relations[0].Evidence.Text = "rejected" }, "relation 0 evidence: span"},
		{"invalid UTF-8 text", func(a *Analysis) { a.Article.Text = "\xff"; *a = Analysis{Article: a.Article} }, "not valid UTF-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := good()
			c.breakIt(&a)
			err := a.Validate()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Validate() = %v, want an error containing %q", err, c.want)
			}
		})
	}
}
