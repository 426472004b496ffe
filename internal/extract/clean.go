package extract

import (
	"slices"
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
	reasonLink      = "link"      // a paragraph that is only a link to another page
	reasonSeparator = "separator" // no letter or digit: "___", "* * *"
	// reasonRelated is the lexicon's reason for a headline of another
	// article between paragraphs. Before the first body paragraph such a
	// line is the article's own headline: it may become the title, and it is
	// never removed there.
	reasonRelated = "related"
)

// linkText reports whether the paragraph with key k is the text of a link:
// equal to a link text, or, from four words on, part of one (a teaser
// inside a block link).
func linkText(anchors, k string) bool {
	if k == "" || strings.HasPrefix(k, "http") || strings.HasPrefix(k, "www ") {
		// A bare URL is a cited source, kept in the text.
		return false
	}
	if strings.Count(k, " ") >= 3 {
		return strings.Contains(anchors, k)
	}
	return strings.Contains(anchors, "|"+k+"|")
}

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

// cleanMode says which cleaning steps suit an input kind.
type cleanMode struct {
	// findTitle makes a headline-like first paragraph the title when no
	// title is known.
	findTitle bool
	// dedupe removes doubled lines (caption read twice) and repeated long
	// paragraphs. Scraper text has these artifacts; in HTML, trafilatura
	// already deduplicates and a repeat there is usually real content (a
	// repeated table header, the same recipe line in two plans).
	dedupe bool
	// anchors holds the normKey of every link text of the page, each
	// between '|'. A short paragraph that is all link text is a link to
	// another article (a "related" list), not body text.
	anchors string
}

// cleanParas removes boilerplate paragraphs from paras. title is the known
// headline (from a hint or HTML metadata). Paragraphs must already be
// normalized (see normalizeSpace): non-empty, one line each.
func cleanParas(paras []string, title string, mode cleanMode, r *Rules) cleaned {
	var c cleaned
	drop := make([]string, len(paras)) // reason per paragraph, "" keeps it
	words := make([]int, len(paras))
	for i, p := range paras {
		words[i] = countWords(p)
	}
	// Normalized keys are built only when a comparison needs them: most
	// paragraphs are never compared (speed of the text path).
	keys := make([]string, len(paras))
	built := make([]bool, len(paras))
	key := func(i int) string {
		if !built[i] {
			keys[i], built[i] = normKey(paras[i]), true
		}
		return keys[i]
	}
	// near reports whether two texts are close enough in length to be
	// copies of each other up to punctuation and case.
	near := func(a, b string) bool { return len(a)-len(b) <= len(b)/4+8 && len(b)-len(a) <= len(a)/4+8 }
	start := 0
	if title == "" && mode.findTitle {
		// The title is the first paragraph that is not boilerplate (a crumb
		// or a newsletter line may come first), if it reads like a headline.
		for i := 0; i < min(len(paras), edgeUnits); i++ {
			if _, nav := r.crumb(paras[i], true); nav {
				continue
			}
			if reason := r.match(paras[i], words[i], true); reason != "" && reason != reasonRelated {
				continue
			}
			if headlineLike(paras[i], words[i]) {
				title = paras[i]
				drop[i] = reasonTitle
				start = i + 1
			}
			break
		}
	}
	c.title = title
	titleKey := normKey(title)

	// Lines said twice in a row: a short one that is no sentence is a photo
	// caption that the scraper read from both the image's alt text and its
	// caption, and both copies go; a sentence or a long paragraph is body
	// text repeated, and only the second copy goes.
	for i := 0; mode.dedupe && i+1 < len(paras); i++ {
		if !near(paras[i], paras[i+1]) || !sameStart(paras[i], paras[i+1]) || key(i) == "" || key(i) != key(i+1) || key(i) == titleKey {
			continue
		}
		if words[i] <= 30 && !endsSentence(paras[i]) {
			drop[i], drop[i+1] = reasonCaption, reasonCaption
		} else {
			drop[i+1] = reasonDuplicate
		}
	}

	// The body runs from the first to the last long paragraph; link lists
	// before or after it are navigation and related-article widgets, while
	// links inside it are often content (product lists, cited sources).
	firstBody, lastBody := len(paras), -1
	for i := start; i < len(paras); i++ {
		if words[i] >= bodyWords {
			firstBody = min(firstBody, i)
			lastBody = i
		}
	}
	seen := make(map[string]bool, len(paras))
	n := len(paras)
	for i := 0; i < n; i++ {
		if drop[i] != "" {
			continue // the title, or a doubled line
		}
		p := paras[i]
		// Bylines, datelines and contact lines sit at the edges: the first and
		// last few paragraphs.
		atEdge := i < start+edgeUnits || n-1-i < edgeUnits
		switch {
		case !hasAlnum(p):
			drop[i] = reasonSeparator
		case titleKey != "" && near(p, title) && key(i) == titleKey:
			drop[i] = reasonDupTitle
		case mode.dedupe && words[i] >= minDupWords && seen[p]:
			drop[i] = reasonDuplicate
		case mode.anchors != "" && (i < firstBody || i > lastBody) && words[i] <= 40 && linkText(mode.anchors, key(i)):
			drop[i] = reasonLink
		default:
			if sec, ok := r.crumb(p, atEdge); ok {
				drop[i] = reasonNav
				if c.section == "" {
					c.section = sec
				}
			} else if reason := r.match(p, words[i], atEdge); reason != "" && (reason != reasonRelated || i > firstBody) {
				drop[i] = reason
			}
		}
		if mode.dedupe && words[i] >= minDupWords {
			seen[p] = true // long repeats are exact copies
		}
	}
	if start > 0 && !slices.Contains(drop, "") {
		// Nothing but the headline (and boilerplate): a scraper that saved
		// only the headline of a page. The headline is the title and, being
		// all there is to read, the text as well.
		drop[start-1] = ""
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

// headlineLike reports whether a first line reads like a headline: at
// most 20 words, starting with an upper-case letter, a digit or a quote,
// one sentence, not ending like a sentence (a full stop, or a quotation
// closed after one) or a label (a colon).
func headlineLike(p string, nw int) bool {
	if nw < 2 || nw > 20 || len(p) > 250 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(p)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '‘' && r != '“' && r != '\'' && r != '"' {
		return false
	}
	last, size := utf8.DecodeLastRuneInString(p)
	switch last {
	case '.', ',', ':', ';', '—', '–', '-':
		return false
	case '"', '”', '’', '\'', ')':
		// "… aggression.”" closes a quoted sentence: a lede, not a headline.
		if prev, _ := utf8.DecodeLastRuneInString(p[:len(p)-size]); prev == '.' || prev == ',' || prev == '!' || prev == '?' {
			return false
		}
	}
	return !twoSentences(p)
}

// sameStart reports whether a and b begin with the same letters and digits
// (ignoring case, punctuation and space): a cheap test before comparing
// whole normalized keys.
func sameStart(a, b string) bool {
	return normKey(a[:cut(a, 24)]) == normKey(b[:cut(b, 24)])
}

// cut returns the largest rune boundary of s at most n.
func cut(s string, n int) int {
	if n >= len(s) {
		return len(s)
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// hasAlnum reports whether s has a letter or a digit.
func hasAlnum(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
				return true
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// endsSentence reports whether p ends like a sentence: a full stop,
// question or exclamation mark, possibly inside closing quotes.
func endsSentence(p string) bool {
	p = strings.TrimRight(p, "\"”’')")
	if p == "" {
		return false
	}
	switch p[len(p)-1] {
	case '.', '!', '?':
		return true
	}
	return false
}

// twoSentences reports whether p holds a sentence end followed by another
// sentence ("… Ukraine .. What are …", "real?Copy: …"). A full stop after a
// single capital ("U.S. Troops") is an abbreviation, not an end.
func twoSentences(p string) bool {
	for i := 1; i+1 < len(p); i++ {
		c := p[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		if c == '.' && i >= 1 && isUpper(p[i-1]) && (i == 1 || !isWordByte(p[i-2])) {
			continue // an initial or abbreviation: "U.S.", "J. Smith"
		}
		j := i + 1
		for j < len(p) && (p[j] == '.' || p[j] == ' ') {
			j++
		}
		if j < len(p) {
			if r, _ := utf8.DecodeRuneInString(p[j:]); unicode.IsUpper(r) {
				return true
			}
		}
	}
	return false
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
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			default:
				space = true
				continue
			}
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = append(b, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = utf8.AppendRune(b, unicode.ToLower(r))
	}
	return string(b)
}

// invisible reports runes that are dropped from text: zero-width
// characters, the byte order mark and the soft hyphen, which split words.
func invisible(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
		return true
	}
	return false
}

// normalizeSpace turns s into one clean line: control and zero-width
// characters are dropped, every run of white space becomes one space, and
// the ends are trimmed. Invalid UTF-8 was repaired before.
func normalizeSpace(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u00a0' || unicode.IsControl(r):
			pending = b.Len() > 0
		case invisible(r):
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

// isClean reports whether s is already normalized: no leading, trailing or
// doubled space, no other white space, control or invisible characters.
func isClean(s string) bool {
	if s == "" {
		return true
	}
	prevSpace := true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f || (c == ' ' && prevSpace) {
				return false
			}
			prevSpace = c == ' '
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || unicode.IsSpace(r) || unicode.IsControl(r) || invisible(r) {
			return false
		}
		prevSpace = false
		i += size
	}
	return !prevSpace
}

// joinParas joins paragraphs with one blank line.
func joinParas(paras []string) string { return strings.Join(paras, "\n\n") }

// bodyWords is the length from which a paragraph counts as body text when
// locating where the article body starts and ends.
const bodyWords = 20

// minDupWords is the shortest paragraph whose later, non-adjacent copies
// are removed as duplicates. Shorter repeats (list items, recipe lines,
// refrains) are often real content.
const minDupWords = 40
