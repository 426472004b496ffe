package web

import (
	"strings"

	"github.com/crosscheck/crosscheck"
)

// Run is a stretch of article text with one highlight class.
type Run struct {
	Text      string
	Class     string // "", "spk", "cue", "cnt", "evd"
	Statement string // statement id the run belongs to, if any
}

// Paragraph is one paragraph of highlighted text.
type Paragraph []Run

// label kinds, in increasing priority: where spans overlap, the higher wins
// (a cue inside a content span shows as cue).
const (
	lNone uint8 = iota
	lEvidence
	lContent
	lSpeaker
	lCue
)

func labelClass(l uint8) string {
	switch l {
	case lEvidence:
		return "evd"
	case lContent:
		return "cnt"
	case lSpeaker:
		return "spk"
	case lCue:
		return "cue"
	}
	return ""
}

// Highlight splits an analysis' text into paragraphs of runs, marking the
// speaker, cue and content of every statement and the evidence of every
// relation. It is linear in the text length.
func Highlight(a *crosscheck.Analysis) []Paragraph {
	text := a.Article.Text
	labels := make([]uint8, len(text))
	owner := make([]int32, len(text)) // 1-based statement index, 0 = none
	mark := func(start, end int, l uint8, stmt int32) {
		start, end = max(start, 0), min(end, len(text))
		for i := start; i < end; i++ {
			if l >= labels[i] {
				labels[i] = l
				if stmt > 0 {
					owner[i] = stmt
				}
			}
		}
	}
	for _, r := range a.Relations {
		mark(r.Evidence.Start, r.Evidence.End, lEvidence, 0)
	}
	for i, s := range a.Statements {
		id := int32(i + 1)
		mark(s.Content.Start, s.Content.End, lContent, id)
		if s.Speaker.End > s.Speaker.Start {
			mark(s.Speaker.Start, s.Speaker.End, lSpeaker, id)
		}
		mark(s.Cue.Start, s.Cue.End, lCue, id)
	}
	var paras []Paragraph
	var cur Paragraph
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, cur)
			cur = nil
		}
	}
	i := 0
	for i < len(text) {
		if strings.HasPrefix(text[i:], "\n\n") {
			flush()
			for i < len(text) && text[i] == '\n' {
				i++
			}
			continue
		}
		j := i + 1
		for j < len(text) && labels[j] == labels[i] && owner[j] == owner[i] && !strings.HasPrefix(text[j:], "\n\n") {
			j++
		}
		// never cut inside a UTF-8 sequence: labels come from valid spans,
		// so a change of label falls on a rune boundary.
		run := Run{Text: text[i:j], Class: labelClass(labels[i])}
		if owner[i] > 0 {
			run.Statement = a.Statements[owner[i]-1].ID
		}
		cur = append(cur, run)
		i = j
	}
	flush()
	return paras
}
