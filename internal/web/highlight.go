package web

import (
	"slices"
	"strings"

	"github.com/crosscheck/crosscheck"
)

// Run is a stretch of article text with one highlight class.
type Run struct {
	Text      string
	Class     string // "", "spk", "cue", "cnt", "evd"
	Statement string // statement id the run belongs to, if any
}

// Segment is a stretch of a paragraph: a sentence that carries statements,
// or the text between such sentences. Anchor holds the ids of the
// statements made in the sentence (the targets of /articles/{id}#s12
// links), nested one element per id so that each id is a page anchor and
// the whole sentence lights up whichever is targeted.
type Segment struct {
	Anchor *Anchor
	Runs   []Run
	key    int32 // the anchor range the segment lies in, 0 = none
}

// Anchor is one statement id around a sentence, with the next id inside.
type Anchor struct {
	ID    string
	Inner *Anchor
}

// Paragraph is one paragraph of highlighted text.
type Paragraph []Segment

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

// anchorRange is the text of the sentence (or sentences) holding some
// statements, with their ids in order.
type anchorRange struct {
	start, end int
	ids        []string
}

// anchorRanges returns, in text order and without overlaps, the sentence
// of every statement: from a.Sentences by Statement.Sentence when the
// analysis has them, else the stretch its speaker, cue and content cover.
func anchorRanges(a *crosscheck.Analysis) []anchorRange {
	n := len(a.Article.Text)
	var rs []anchorRange
	for _, s := range a.Statements {
		var r anchorRange
		if s.Sentence >= 0 && s.Sentence < len(a.Sentences) {
			sn := a.Sentences[s.Sentence]
			r = anchorRange{sn.Start, sn.End, []string{s.ID}}
		} else {
			r = anchorRange{s.Content.Start, s.Content.End, []string{s.ID}}
			for _, sp := range [][2]int{{s.Cue.Start, s.Cue.End}, {s.Speaker.Start, s.Speaker.End}} {
				if sp[1] > sp[0] {
					r.start, r.end = min(r.start, sp[0]), max(r.end, sp[1])
				}
			}
		}
		r.start, r.end = max(r.start, 0), min(r.end, n)
		if r.end > r.start {
			rs = append(rs, r)
		}
	}
	slices.SortStableFunc(rs, func(x, y anchorRange) int { return x.start - y.start })
	var out []anchorRange
	for _, r := range rs {
		if k := len(out) - 1; k >= 0 && r.start < out[k].end {
			out[k].end = max(out[k].end, r.end)
			out[k].ids = append(out[k].ids, r.ids...)
			continue
		}
		out = append(out, r)
	}
	return out
}

// Highlight splits an analysis' text into paragraphs of segments and runs,
// marking the speaker, cue and content of every statement and the evidence
// of every relation, and anchoring every statement's sentence. It is
// linear in the text length.
func Highlight(a *crosscheck.Analysis) []Paragraph {
	text := a.Article.Text
	labels := make([]uint8, len(text))
	owner := make([]int32, len(text))  // 1-based statement index, 0 = none
	anchor := make([]int32, len(text)) // 1-based anchor range index, 0 = none
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
	ranges := anchorRanges(a)
	for k, r := range ranges {
		for i := r.start; i < r.end; i++ {
			anchor[i] = int32(k + 1)
		}
	}
	used := make([]bool, len(ranges)) // ids go on the first piece only
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
		for j < len(text) && labels[j] == labels[i] && owner[j] == owner[i] && anchor[j] == anchor[i] && !strings.HasPrefix(text[j:], "\n\n") {
			j++
		}
		// never cut inside a UTF-8 sequence: labels and sentences come
		// from valid spans, so a change falls on a rune boundary.
		run := Run{Text: text[i:j], Class: labelClass(labels[i])}
		if owner[i] > 0 {
			run.Statement = a.Statements[owner[i]-1].ID
		}
		k := anchor[i]
		if n := len(cur); n > 0 && cur[n-1].key == k {
			cur[n-1].Runs = append(cur[n-1].Runs, run)
		} else {
			seg := Segment{Runs: []Run{run}, key: k}
			if k > 0 && !used[k-1] {
				used[k-1] = true
				seg.Anchor = nest(ranges[k-1].ids)
			}
			cur = append(cur, seg)
		}
		i = j
	}
	flush()
	return paras
}

func nest(ids []string) *Anchor {
	var a *Anchor
	for i := len(ids) - 1; i >= 0; i-- {
		a = &Anchor{ID: ids[i], Inner: a}
	}
	return a
}
