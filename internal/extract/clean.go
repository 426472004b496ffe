package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
)

// Reasons a piece of text is removed. The lexicon adds its own (promo,
// footer, credit, byline, dateline, share, comment).
const (
	reasonTitle     = "title"           // the first line, moved to Article.Title
	reasonDupTitle  = "duplicate-title" // the headline repeated in the body
	reasonNav       = "navigation"
	reasonCaption   = "caption"
	reasonDuplicate = "duplicate"
)

// edgeUnits is how many paragraphs at the start and at the end of a text
// count as its edges, where bylines and datelines are looked for.
const edgeUnits = 3

// cleaned is the result of cleaning a list of paragraphs.
type cleaned struct {
	paras   []string
	removed []crosscheck.Removed
	title   string // the detected title ("" if none)
	section string // the section named by a navigation crumb ("" if none)
}

// cleanParas removes boilerplate paragraphs from paras. title is the known
// headline (from a hint or HTML metadata); when it is empty and findTitle is
// set, a headline-like first paragraph becomes the title. Paragraphs must
// already be normalized (see normalizeSpace): non-empty, one line each.
func cleanParas(paras []string, title string, findTitle bool, r *Rules) cleaned {
	var c cleaned
	drop := make([]string, len(paras)) // reason per paragraph, "" keeps it
	keys := make([]string, len(paras))
	words := make([]int, len(paras))
	for i, p := range paras {
		words[i] = countWords(p)
		if words[i] <= 60 {
			keys[i] = normKey(p)
		}
	}
	start := 0
	if title == "" && findTitle && len(paras) > 1 && headlineLike(paras[0], words[0]) {
		title = paras[0]
		drop[0] = reasonTitle
		start = 1
	}
	c.title = title
	titleKey := normKey(title)

	// Lines said twice in a row: a short one is a photo caption that the
	// scraper read from both the image's alt text and its caption; a long one
	// is a duplicated paragraph and only the second copy goes.
	for i := start; i+1 < len(paras); i++ {
		if keys[i] == "" || keys[i] != keys[i+1] || keys[i] == titleKey {
			continue
		}
		if words[i] <= 30 {
			drop[i], drop[i+1] = reasonCaption, reasonCaption
		} else {
			drop[i+1] = reasonDuplicate
		}
	}

	seen := make(map[string]bool, len(paras))
	n := len(paras)
	for i := start; i < n; i++ {
		if drop[i] != "" {
			continue
		}
		p := paras[i]
		atEdge := i-start < edgeUnits || n-1-i < edgeUnits
		switch {
		case keys[i] != "" && keys[i] == titleKey:
			drop[i] = reasonDupTitle
		case keys[i] != "" && words[i] >= 5 && seen[keys[i]]:
			drop[i] = reasonDuplicate
		default:
			if sec, ok := r.crumb(p, i-start < edgeUnits); ok {
				drop[i] = reasonNav
				if c.section == "" {
					c.section = sec
				}
			} else if reason := r.match(p, words[i], atEdge); reason != "" {
				drop[i] = reason
			}
		}
		if keys[i] != "" && words[i] >= 5 {
			seen[keys[i]] = true
		}
	}
	for i, p := range paras {
		if drop[i] == "" {
			c.paras = append(c.paras, p)
		} else {
			c.removed = append(c.removed, crosscheck.Removed{Text: p, Reason: drop[i]})
		}
	}
	return c
}

// headlineLike reports whether a first line reads like a headline: short,
// starting with an upper-case letter or digit, not ending like a sentence
// or a label.
func headlineLike(p string, nw int) bool {
	if nw < 2 || nw > 25 || len(p) > 250 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(p)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '‘' && r != '“' && r != '\'' && r != '"' {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	switch last {
	case '.', ',', ':', ';':
		// "U.S." or "Inc." at the end of a headline is rare enough; a
		// sentence is far more common.
		return false
	}
	return true
}

// countWords counts white-space separated words.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		sp := s[i] == ' '
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

// normKey lower-cases s and keeps only letters and digits separated by
// single spaces, so that headline and caption copies compare equal despite
// punctuation, quotes and case.
func normKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// normalizeSpace turns s into one clean line: invalid bytes were repaired
// before; control and zero-width characters are dropped, every run of white
// space becomes one space, and the ends are trimmed.
func normalizeSpace(s string) string {
	clean := true
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || c >= 0x80 || (c == ' ' && prevSpace) {
			clean = false
			break
		}
		prevSpace = c == ' '
	}
	if clean && !prevSpace {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u00a0':
			pending = b.Len() > 0
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || r == '\u00ad':
			// zero-width and soft hyphen: invisible, and they split words
		case unicode.IsControl(r):
			pending = b.Len() > 0
		default:
			if pending {
				b.WriteByte(' ')
				pending = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// joinParas joins paragraphs with one blank line.
func joinParas(paras []string) string { return strings.Join(paras, "\n\n") }
