package crosscheck

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// Validate checks the span invariant of the contract: every span lies inside
// Article.Text, starts and ends on rune boundaries, and its text equals
// Article.Text[Start:End]. It also checks that statement and entity ids are
// unique and that relations and speakers refer to ids that exist. It returns
// all problems joined, or nil.
//
// It runs on every analysis, so the labels of the spans it checks ("entity
// e3 mention 2") are only formatted when a check fails.
func (a *Analysis) Validate() error {
	text := a.Article.Text
	var errs []error
	check := func(l label, s string, start, end int) {
		if ok := checkBounds(text, l, start, end, &errs); ok && text[start:end] != s {
			errs = append(errs, fmt.Errorf("%s: span [%d,%d) is %q, want %q", l, start, end, text[start:end], s))
		}
	}
	if !utf8.ValidString(text) {
		errs = append(errs, errors.New("article text is not valid UTF-8"))
	}
	for _, s := range a.Sentences {
		checkBounds(text, label{kind: "sentence", n: s.Index}, s.Start, s.End, &errs)
	}
	entities := make(map[string]bool, len(a.Entities))
	for _, e := range a.Entities {
		if entities[e.ID] {
			errs = append(errs, fmt.Errorf("entity %s: duplicate id", e.ID))
		}
		entities[e.ID] = true
		for i, m := range e.Mentions {
			check(label{kind: "entity", id: e.ID, part: "mention", n: i}, m.Text, m.Start, m.End)
		}
	}
	statements := make(map[string]bool, len(a.Statements))
	for _, s := range a.Statements {
		if statements[s.ID] {
			errs = append(errs, fmt.Errorf("statement %s: duplicate id", s.ID))
		}
		statements[s.ID] = true
		if s.Speaker.Entity != "" && !entities[string(s.Speaker.Entity)] {
			errs = append(errs, fmt.Errorf("statement %s: speaker entity %s does not exist", s.ID, s.Speaker.Entity))
		}
		if s.Speaker.Text != "" && s.Speaker.End > 0 {
			check(label{kind: "statement", id: s.ID, part: "speaker", n: -1}, s.Speaker.Text, s.Speaker.Start, s.Speaker.End)
		}
		if s.Cue.End > 0 || s.Cue.Text != "" {
			check(label{kind: "statement", id: s.ID, part: "cue", n: -1}, s.Cue.Text, s.Cue.Start, s.Cue.End)
		}
		check(label{kind: "statement", id: s.ID, part: "content", n: -1}, s.Content.Text, s.Content.Start, s.Content.End)
	}
	for i, r := range a.Relations {
		if r.From != "" && !statements[string(r.From)] {
			errs = append(errs, fmt.Errorf("relation %d: from %s does not exist", i, r.From))
		}
		if !statements[r.To] {
			errs = append(errs, fmt.Errorf("relation %d: to %s does not exist", i, r.To))
		}
		check(label{kind: "relation", n: i, part: "evidence"}, r.Evidence.Text, r.Evidence.Start, r.Evidence.End)
	}
	return errors.Join(errs...)
}

// label names a checked span in an error message: "sentence 3", "entity e2
// mention 0", "statement s4 cue", "relation 1 evidence".
type label struct {
	kind, id, part string
	n              int // index; -1 when the span has none
}

func (l label) String() string {
	switch {
	case l.id != "" && l.n >= 0:
		return fmt.Sprintf("%s %s %s %d", l.kind, l.id, l.part, l.n)
	case l.id != "":
		return fmt.Sprintf("%s %s %s", l.kind, l.id, l.part)
	case l.part != "":
		return fmt.Sprintf("%s %d %s", l.kind, l.n, l.part)
	}
	return fmt.Sprintf("%s %d", l.kind, l.n)
}

func onRuneBoundary(s string, i int) bool {
	return i == 0 || i == len(s) || utf8.RuneStart(s[i])
}

// checkBounds reports whether [start, end) is a valid span of text, appending
// the problem to errs when it is not.
func checkBounds(text string, l label, start, end int, errs *[]error) bool {
	switch {
	case start < 0 || end > len(text) || start > end:
		*errs = append(*errs, fmt.Errorf("%s: span [%d,%d) out of bounds (text is %d bytes)", l, start, end, len(text)))
		return false
	case !onRuneBoundary(text, start) || !onRuneBoundary(text, end):
		*errs = append(*errs, fmt.Errorf("%s: span [%d,%d) splits a UTF-8 sequence", l, start, end))
		return false
	}
	return true
}
