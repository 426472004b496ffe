package extract

import (
	"strings"
	"unicode/utf8"
)

// textParas splits plain text into paragraphs. Blank lines separate blocks.
// Inside a block every line is its own paragraph (scrapers write one
// paragraph a line), unless the block looks hard-wrapped, in which case its
// lines are joined with spaces.
func textParas(s string) []string {
	var paras []string
	var block []string
	flush := func() {
		if len(block) == 0 {
			return
		}
		if hardWrapped(block) {
			paras = append(paras, normalizeSpace(strings.Join(block, " ")))
		} else {
			paras = append(paras, block...)
		}
		block = block[:0]
	}
	for line := range strings.Lines(s) {
		p := normalizeSpace(strings.TrimRight(line, "\r\n"))
		if p == "" {
			flush()
			continue
		}
		block = append(block, p)
	}
	flush()
	return paras
}

// hardWrapped reports whether a block of lines is one paragraph wrapped at a
// fixed width: at least three lines, and every line but the last between 40
// and 100 characters with at most a quarter of them ending a sentence.
func hardWrapped(lines []string) bool {
	if len(lines) < 3 {
		return false
	}
	ends := 0
	for _, l := range lines[:len(lines)-1] {
		n := utf8.RuneCountInString(l)
		if n < 40 || n > 100 {
			return false
		}
		switch l[len(l)-1] {
		case '.', '!', '?', '"', ':':
			ends++
		}
	}
	return ends*4 <= len(lines)-1
}
