package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
)

// Sentences returns the sentences of text with byte offsets: Start and End
// are trimmed of white space, Index counts from 0 over the whole text and
// Paragraph is the index of the paragraph (as returned by Paragraphs) the
// sentence lies in. A sentence never crosses a paragraph boundary, and the
// sentences of a paragraph cover all of its non-space text, in order.
func (s *Segmenter) Sentences(text string) []crosscheck.Sentence {
	out := make([]crosscheck.Sentence, 0, len(text)/120+1)
	para := 0
	paragraphs(text, func(ps, pe int) {
		s.split(text, ps, pe, func(a, b int) {
			out = append(out, crosscheck.Sentence{Index: len(out), Paragraph: para, Start: a, End: b})
		})
		para++
	})
	return out
}

const ellipsisRune = "…"

// split calls emit with the bounds of each sentence of the paragraph text[ps:pe].
func (s *Segmenter) split(text string, ps, pe int, emit func(a, b int)) {
	start := ps
	i := ps
	for i < pe {
		c := text[i]
		// Stepping byte by byte is safe: the terminators are ASCII or the
		// three-byte "…", and UTF-8 continuation bytes never equal them.
		if c != '.' && c != '!' && c != '?' && (c != 0xE2 || !strings.HasPrefix(text[i:pe], ellipsisRune)) {
			i++
			continue
		}
		j, periods, other, ellipsis := i, 0, false, false
		for j < pe {
			switch {
			case text[j] == '.':
				periods++
				j++
				continue
			case text[j] == '!' || text[j] == '?':
				other = true
				j++
				continue
			case strings.HasPrefix(text[j:pe], ellipsisRune):
				ellipsis = true
				j += len(ellipsisRune)
				continue
			}
			break
		}
		if periods >= 2 {
			ellipsis = true
		}
		k, quoted := j, false
		for k < pe {
			n := closerLen(text[k:pe])
			if n == 0 {
				break
			}
			quoted = quoted || text[k] != ')' && text[k] != ']'
			k += n
		}
		if k >= pe {
			break
		}
		if sp, _ := spaceAt(text, k); !sp {
			if s.gluedBreak(text, ps, i, k, pe) {
				// A scraper dropped the space: "the invasion.Moscow said".
				// The sentence ends at k and the next one starts right there.
				if a, b := trimSpace(text, start, k); a < b {
					emit(a, b)
				}
				start = k
				i = k
				continue
			}
			i = j // "3.5", "U.S.,", "end.”—"
			continue
		}
		n := k
		for n < pe {
			sp, size := spaceAt(text, n)
			if !sp {
				break
			}
			n += size
		}
		if quoted && (other || ellipsis) && s.speechVerbSoon(text, n, pe) {
			i = n // “Stop!” Putin said.
			continue
		}
		if s.breaksBefore(text, ps, i, periods == 1 && !other && !ellipsis, n, pe) {
			if a, b := trimSpace(text, start, k); a < b {
				emit(a, b)
			}
			start = n
		}
		i = n
	}
	if a, b := trimSpace(text, start, pe); a < b {
		emit(a, b)
	}
}

// breaksBefore decides whether the terminator at text[term] ends a sentence,
// given that the next non-space text starts at next. single is true when the
// terminator is one period (the only case that may be an abbreviation).
func (s *Segmenter) breaksBefore(text string, ps, term int, single bool, next, pe int) bool {
	// First letter or digit of the next word, past opening quotes and brackets.
	w := next
	for w < pe {
		n := openerLen(text[w:pe])
		if n == 0 {
			break
		}
		w += n
	}
	r := utf8.RuneError
	if w < pe {
		r, _ = utf8.DecodeRuneInString(text[w:pe])
	}
	if unicode.IsLower(r) {
		return false // "3.5 mln. people", "“Why?” he asked"
	}
	if !single {
		return true
	}
	word := wordBefore(text, ps, term, s.maxAbbr)
	if word == "" {
		return true
	}
	switch s.lookup(word) {
	case classPrefix:
		return false
	case classAcronym:
		return w > next || s.starterAt(text, w, pe)
	case classSuffix:
		return true
	}
	core := word[:len(word)-1]
	if len(core) == 1 && isASCIIUpper(core[0]) {
		return !unicode.IsUpper(r) // "George W. Bush", "J. R. R. Tolkien"
	}
	if isInitialChain(core) {
		return w > next || s.starterAt(text, w, pe) // unlisted "U.A.E."
	}
	return true
}

// wordBefore returns the ASCII letters and periods that end with the period
// at text[term], including it, or "" when they are glued to a non-ASCII
// letter or longer than limit bytes (not an abbreviation we know). The limit
// keeps long runs like "a.a.a.a. " from making the split quadratic.
func wordBefore(text string, ps, term, limit int) string {
	a := term
	for a > ps && (isASCIILetter(text[a-1]) || text[a-1] == '.') {
		if term-a >= limit {
			return ""
		}
		a--
	}
	if a > ps {
		if r, _ := utf8.DecodeLastRuneInString(text[ps:a]); unicode.IsLetter(r) {
			return ""
		}
	}
	for a < term && text[a] == '.' {
		a++
	}
	if a == term {
		return ""
	}
	return text[a : term+1]
}

// isInitialChain reports whether core is single letters joined by periods ("U.A.E", "J.R.R").
func isInitialChain(core string) bool {
	if len(core) < 3 {
		return false
	}
	for i := 0; i < len(core); i++ {
		if i%2 == 0 {
			if !isASCIILetter(core[i]) {
				return false
			}
		} else if core[i] != '.' {
			return false
		}
	}
	return len(core)%2 == 1
}

// lookup returns the class of the abbreviation word (with its final period).
// An entry written in lower case also matches with a capital first letter.
func (s *Segmenter) lookup(word string) abbrevClass {
	if c, ok := s.abbrev[word]; ok {
		return c
	}
	if len(word) > s.maxAbbr || !isASCIIUpper(word[0]) {
		return classNone
	}
	var buf [32]byte
	n := copy(buf[:], word)
	buf[0] += 'a' - 'A'
	if c, ok := s.abbrev[string(buf[:n])]; ok { // no allocation for map lookups
		return c
	}
	return classNone
}

// starterAt reports whether the ASCII word at text[w:] is a sentence opener.
func (s *Segmenter) starterAt(text string, w, pe int) bool {
	e := w
	for e < pe && isASCIILetter(text[e]) {
		e++
	}
	return e > w && s.starters[text[w:e]]
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isASCIIUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }

// closerLen returns the byte length of a closing quotation mark or bracket at
// the start of s, or 0.
func closerLen(s string) int {
	if s == "" {
		return 0
	}
	switch s[0] {
	case '"', '\'', ')', ']':
		return 1
	}
	for _, q := range [...]string{"”", "’", "»", "›"} {
		if strings.HasPrefix(s, q) {
			return len(q)
		}
	}
	return 0
}

// openerLen returns the byte length of an opening quotation mark or bracket
// at the start of s, or 0.
func openerLen(s string) int {
	if s == "" {
		return 0
	}
	switch s[0] {
	case '"', '\'', '(', '[':
		return 1
	}
	for _, q := range [...]string{"“", "‘", "«", "‹", "„"} {
		if strings.HasPrefix(s, q) {
			return len(q)
		}
	}
	return 0
}

// speechVerbSoon reports whether a reporting verb ("said", "asked") comes
// within the next few words from text[w:], before any sentence terminator.
func (s *Segmenter) speechVerbSoon(text string, w, pe int) bool {
	const maxWords = 6
	words := 0
	for i := w; i < pe && words < maxWords; {
		c := text[i]
		switch {
		case c == '.' || c == '!' || c == '?':
			return false
		case isASCIILetter(c):
			e := i
			for e < pe && isASCIILetter(text[e]) {
				e++
			}
			if s.speech[text[i:e]] {
				return true
			}
			words++
			i = e
		default:
			i++
		}
	}
	return false
}

// gluedBreak reports whether the terminator at text[term], followed without
// white space by text[next:] (past any closing quotes), ends a sentence whose
// successor was glued to it by a scraper: "the invasion.Moscow said",
// "now.Our analysts", "in Ukraine.XI". Scraped news often loses the space
// between paragraphs or sentences, and a missed break merges two speakers'
// statements. The left side must end a lower-case word, a digit, a closing
// quote or bracket, or an acronym or Roman numeral before a capitalised word
// ("NATO.It", "II.The"), and the right side must start a capitalised word
// ("Moscow") or an all-caps word of two or more letters ("XI", "NATO").
// Known abbreviations ("e.g.The" is still e.g.), initials and anything that
// looks like a domain or URL ("Amazon.Com", "www.Example", "http://a.b/C")
// are not split.
func (s *Segmenter) gluedBreak(text string, ps, term, next, pe int) bool {
	if term <= ps || next >= pe {
		return false
	}
	// Left side: the last rune before the terminator.
	l, _ := utf8.DecodeLastRuneInString(text[ps:term])
	// An acronym or a Roman numeral ends a sentence too, before a
	// capitalised word: "joined NATO.It said", "in World War II.The media".
	capsLeft := unicode.IsUpper(l) && capsWordBefore(text[ps:term])
	if !unicode.IsLower(l) && !unicode.IsDigit(l) && !capsLeft && closerLen(text[term-1:term]) == 0 &&
		!strings.HasSuffix(text[ps:term], "”") && !strings.HasSuffix(text[ps:term], "’") {
		return false
	}
	// Right side: "Xy..." or "XY...", possibly after a dialogue dash and
	// a space ("no evidence.- Our analysts say"), which translated reports
	// use to open a quoted sentence.
	w := next
	if d := dashLen(text[w:pe]); d > 0 && w+d < pe && text[w+d] == ' ' {
		w += d + 1
	}
	// an opening quotation mark: "learned.“The major topic …"
	if n := openerLen(text[w:pe]); n > 0 && text[w] != '(' && text[w] != '[' && text[w] != '\'' {
		w += n
	}
	r1, n1 := utf8.DecodeRuneInString(text[w:pe])
	if !unicode.IsUpper(r1) || w+n1 >= pe {
		return false
	}
	r2, _ := utf8.DecodeRuneInString(text[w+n1 : pe])
	if capsLeft && !unicode.IsLower(r2) {
		return false // "U.S.A", "NATO.EU": not a capitalised word after an acronym
	}
	if !unicode.IsLetter(r2) {
		// "A.1", "X." are not words; the words "A" and "I" before a
		// lower-case word are ("Iran.A high-ranking official")
		if !(r1 == 'A' || r1 == 'I') || r2 != ' ' || !lowerAt(text, w+n1+1, pe) {
			return false
		}
	}
	// Left token: the non-space run that holds the terminator.
	a := term
	for a > ps {
		r, n := utf8.DecodeLastRuneInString(text[ps:a])
		if unicode.IsSpace(r) {
			break
		}
		a -= n
	}
	e := next
	for e < pe {
		r, n := utf8.DecodeRuneInString(text[e:pe])
		if unicode.IsSpace(r) {
			break
		}
		e += n
	}
	if s.looksLikeURL(text[a:e]) {
		return false
	}
	if w := wordBefore(text, ps, term, s.maxAbbr); w != "" && text[term] == '.' {
		if s.lookup(w) != classNone || isInitialChain(w[:len(w)-1]) {
			return false
		}
	}
	return true
}

// capsWordBefore reports whether s ends with a word of two or more
// capital letters and nothing else ("NATO", "II"), not the last initial of
// a chain ("U.S").
func capsWordBefore(s string) bool {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if !unicode.IsUpper(r) {
			return n >= 2 && !unicode.IsLetter(r) && r != '.' && r != '-'
		}
		n++
		s = s[:len(s)-size]
	}
	return n >= 2
}

// dashLen returns the byte length of a hyphen or dash at the start of s, or 0.
func dashLen(s string) int {
	for _, d := range [...]string{"-", "–", "—"} {
		if strings.HasPrefix(s, d) {
			return len(d)
		}
	}
	return 0
}

// looksLikeURL reports whether the white-space-delimited token tok is a web
// address, e-mail address or domain name, where a period followed by a
// capital letter is part of the name rather than a sentence break.
func (s *Segmenter) looksLikeURL(tok string) bool {
	lower := strings.ToLower(tok)
	if strings.Contains(lower, "://") || strings.Contains(lower, "www.") || strings.Contains(lower, "@") {
		return true
	}
	// "Amazon.Com", "Kremlin.Ru/Events": the last dotted part is a
	// top-level domain, optionally followed by a path.
	lower = strings.TrimRight(lower, ".,;:!?)]\"'”’")
	if i := strings.LastIndexByte(lower, '.'); i >= 0 {
		tld := lower[i+1:]
		if j := strings.IndexByte(tld, '/'); j >= 0 {
			tld = tld[:j]
		}
		return s.domains[tld]
	}
	return false
}

// lowerAt reports whether a lower-case letter starts text[i:pe].
func lowerAt(text string, i, pe int) bool {
	if i >= pe {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:pe])
	return unicode.IsLower(r)
}
