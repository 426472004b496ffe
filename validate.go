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
func (a *Analysis) Validate() error {
	text := a.Article.Text
	var errs []error
	check := func(what, s string, start, end int) {
		if ok := checkBounds(text, what, start, end, &errs); ok && text[start:end] != s {
			errs = append(errs, fmt.Errorf("%s: span [%d,%d) is %q, want %q", what, start, end, text[start:end], s))
		}
	}
	if !utf8.ValidString(text) {
		errs = append(errs, errors.New("article text is not valid UTF-8"))
	}
	for _, s := range a.Sentences {
		checkBounds(text, fmt.Sprintf("sentence %d", s.Index), s.Start, s.End, &errs)
	}
	entities := make(map[string]bool, len(a.Entities))
	for _, e := range a.Entities {
		if entities[e.ID] {
			errs = append(errs, fmt.Errorf("entity %s: duplicate id", e.ID))
		}
		entities[e.ID] = true
		for i, m := range e.Mentions {
			check(fmt.Sprintf("entity %s mention %d", e.ID, i), m.Text, m.Start, m.End)
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
			check("statement "+s.ID+" speaker", s.Speaker.Text, s.Speaker.Start, s.Speaker.End)
		}
		if s.Cue.End > 0 || s.Cue.Text != "" {
			check("statement "+s.ID+" cue", s.Cue.Text, s.Cue.Start, s.Cue.End)
		}
		check("statement "+s.ID+" content", s.Content.Text, s.Content.Start, s.Content.End)
	}
	for i, r := range a.Relations {
		if r.From != "" && !statements[string(r.From)] {
			errs = append(errs, fmt.Errorf("relation %d: from %s does not exist", i, r.From))
		}
		if !statements[r.To] {
			errs = append(errs, fmt.Errorf("relation %d: to %s does not exist", i, r.To))
		}
		check(fmt.Sprintf("relation %d evidence", i), r.Evidence.Text, r.Evidence.Start, r.Evidence.End)
	}
	return errors.Join(errs...)
}

func onRuneBoundary(s string, i int) bool {
	return i == 0 || i == len(s) || utf8.RuneStart(s[i])
}

// checkBounds reports whether [start, end) is a valid span of text, appending
// the problem to errs when it is not.
func checkBounds(text, what string, start, end int, errs *[]error) bool {
	switch {
	case start < 0 || end > len(text) || start > end:
		*errs = append(*errs, fmt.Errorf("%s: span [%d,%d) out of bounds (text is %d bytes)", what, start, end, len(text)))
		return false
	case !onRuneBoundary(text, start) || !onRuneBoundary(text, end):
		*errs = append(*errs, fmt.Errorf("%s: span [%d,%d) splits a UTF-8 sequence", what, start, end))
		return false
	}
	return true
}
