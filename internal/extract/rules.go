package extract

import (
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/internal/lexicon"
)

//go:embed data/boilerplate.tsv data/stopwords.tsv
var dataFS embed.FS

// Rules is a compiled boilerplate lexicon: the patterns that mark a
// paragraph as navigation, promotion, caption, credit, byline or footer.
// A Rules value is immutable once built and safe for concurrent use.
type Rules struct {
	prefixes []prefixRule
	phrases  []phraseRule
	lines    []lineRule
	crumbs   map[string]bool // crumb words, as written
	// crumbFirst maps the first word of every crumb (multi-word crumbs such
	// as "Middle East" included) to the crumbs starting with it, longest first.
	crumbFirst map[string][]string
	maxWords   int // the largest word limit of any rule: longer paragraphs skip the rules
	// stop maps a lower-case function word to its language, for the fast
	// language guess (see guessLanguage).
	stop map[string]string
}

type prefixRule struct {
	label    string // where the rule comes from: "line N: kind pattern"
	lower    string // lower-cased prefix
	reason   string
	maxWords int
}

type phraseRule struct {
	label    string
	lower    string
	grams    gramMask // byte pairs of lower, a quick filter
	reason   string
	maxWords int
}

type lineRule struct {
	label    string
	re       *regexp.Regexp
	reason   string
	maxWords int
	// hints, when set, are lower-case strings of which the paragraph must
	// contain one before the regular expression runs: a cheap filter that
	// keeps the text path fast.
	hints     []string
	hintGrams []gramMask
	// endsWord, when set, asks that the paragraph end with a letter or a
	// digit before the regular expression runs: the same kind of filter as
	// hints, for rules that match a credit or name closing a caption, and so
	// only the few paragraphs without final punctuation.
	endsWord bool
	// edge limits the rule to paragraphs near the start or the end of the
	// text, where bylines and datelines sit; in the middle of an article such
	// a line is more likely body text.
	edge bool
}

// defaultRules parses the embedded lexicon once. It is the only lazily built
// package-level value: immutable after the first call.
var defaultRules = sync.OnceValues(func() (*Rules, error) {
	r, err := LoadRules(dataFS, "data/boilerplate.tsv")
	if err != nil {
		return nil, err
	}
	if err := r.loadStopwords(dataFS, "data/stopwords.tsv"); err != nil {
		return nil, err
	}
	return r, nil
})

// loadStopwords adds function words (language, word per line) used to
// guess a text's language quickly before falling back to the trigram
// detector; it is part of building the default rules. It returns an error
// naming the first bad line.
func (r *Rules) loadStopwords(fsys fs.FS, name string) error {
	if r.stop == nil {
		r.stop = map[string]string{}
	}
	err := lexicon.ReadTSV(fsys, name, func(line int, f []string) error {
		if len(f) != 2 || len(f[0]) != 2 || f[1] == "" {
			return fmt.Errorf("want language, word")
		}
		r.stop[strings.ToLower(f[1])] = f[0]
		return nil
	})
	if err != nil {
		return fmt.Errorf("extract: stopwords: %w", err)
	}
	return nil
}

// DefaultRules returns the rules compiled from the embedded
// data/boilerplate.tsv. It returns an error only if the embedded file is
// malformed, which the package tests rule out.
func DefaultRules() (*Rules, error) { return defaultRules() }

// LoadRules compiles a boilerplate lexicon in the format of
// data/boilerplate.tsv (kind, pattern, reason, optional max words) read
// from fsys. It returns an error naming the line of the first bad record.
func LoadRules(fsys fs.FS, name string) (*Rules, error) {
	r := &Rules{crumbs: map[string]bool{}, crumbFirst: map[string][]string{}}
	err := lexicon.ReadTSV(fsys, name, func(line int, f []string) error {
		kind := f[0]
		if kind == "crumb" {
			if len(f) < 2 || f[1] == "" {
				return fmt.Errorf("crumb without a word")
			}
			r.crumbs[f[1]] = true
			first, _, _ := strings.Cut(f[1], " ")
			r.crumbFirst[first] = append(r.crumbFirst[first], f[1])
			return nil
		}
		if len(f) < 3 || f[1] == "" || f[2] == "" {
			return fmt.Errorf("want kind, pattern, reason: got %d fields", len(f))
		}
		pat, reason := f[1], f[2]
		maxWords := 40
		if kind == "line" {
			maxWords = 12
		}
		if len(f) > 3 && f[3] != "" {
			n, err := strconv.Atoi(f[3])
			if err != nil || n <= 0 {
				return fmt.Errorf("bad max words %q", f[3])
			}
			maxWords = n
		}
		r.maxWords = max(r.maxWords, maxWords)
		label := fmt.Sprintf("line %d: %s %s", line, kind, pat)
		switch kind {
		case "prefix":
			r.prefixes = append(r.prefixes, prefixRule{label, asciiLower(pat), reason, maxWords})
		case "phrase":
			lp := asciiLower(pat)
			r.phrases = append(r.phrases, phraseRule{label, lp, gramsOf(lp), reason, maxWords})
		case "line":
			re, err := regexp.Compile(`^(?:` + pat + `)$`)
			if err != nil {
				return fmt.Errorf("bad pattern: %w", err)
			}
			lr := lineRule{label: label, re: re, reason: reason, maxWords: maxWords, edge: reason == "byline" || reason == "dateline" || reason == "contact" || reason == "bio"}
			if len(f) > 4 && f[4] != "" {
				lr.hints = strings.Split(f[4], ",")
				for _, h := range lr.hints {
					lr.hintGrams = append(lr.hintGrams, gramsOf(h))
				}
			}
			if len(f) > 5 && f[5] != "" {
				if f[5] != "word" {
					return fmt.Errorf("bad end %q: want word", f[5])
				}
				lr.endsWord = true
			}
			r.lines = append(r.lines, lr)
		default:
			return fmt.Errorf("unknown kind %q", kind)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("extract: rules: %w", err)
	}
	// Longest word limits first, so that match can stop at the first rule
	// whose limit a paragraph exceeds: long paragraphs are tested against
	// only the few rules meant for them.
	slices.SortStableFunc(r.prefixes, func(a, b prefixRule) int { return b.maxWords - a.maxWords })
	slices.SortStableFunc(r.phrases, func(a, b phraseRule) int { return b.maxWords - a.maxWords })
	slices.SortStableFunc(r.lines, func(a, b lineRule) int { return b.maxWords - a.maxWords })
	for k, v := range r.crumbFirst {
		// Longest first, so "Middle East" wins over a crumb "Middle".
		for i := 1; i < len(v); i++ {
			for j := i; j > 0 && len(v[j]) > len(v[j-1]); j-- {
				v[j], v[j-1] = v[j-1], v[j]
			}
		}
		r.crumbFirst[k] = v
	}
	return r, nil
}

// match returns the reason the paragraph p (with nw words) is boilerplate
// according to the prefix, phrase and line rules, or "". atEdge tells
// whether p sits near the start or end of the text.
func (r *Rules) match(p string, nw int, atEdge bool) string {
	reason, _ := r.matchRule(p, nw, atEdge)
	return reason
}

// matchRule is match that also returns the label of the rule that
// matched ("line N: kind pattern" of the lexicon), so that tests can list
// what each rule removes.
func (r *Rules) matchRule(p string, nw int, atEdge bool) (reason, rule string) {
	if nw > r.maxWords || len(p) > maxRuleBytes {
		// A paragraph of few words but many bytes (a run of symbols, a
		// pasted blob) is no boilerplate line, and would make the regular
		// expressions slow.
		return "", ""
	}
	// "[Related: …]" and "(READ MORE: …)" are the same promotions in brackets.
	head := strings.TrimLeft(p, "[(")
	for _, pr := range r.prefixes {
		if nw > pr.maxWords {
			break
		}
		if hasPrefixFold(head, pr.lower) && prefixEnds(head, len(pr.lower)) {
			return pr.reason, pr.label
		}
	}
	if (len(r.phrases) == 0 || nw > r.phrases[0].maxWords) && (len(r.lines) == 0 || nw > r.lines[0].maxWords) {
		// Only a prefix rule (the newsletter box of a page) allows a
		// paragraph this long.
		return "", ""
	}
	lower := asciiLower(p)
	grams := gramsOf(lower)
	last, _ := utf8.DecodeLastRuneInString(p)
	endsWord := unicode.IsLetter(last) || unicode.IsDigit(last)
	for _, ph := range r.phrases {
		if nw > ph.maxWords {
			break
		}
		if grams.covers(&ph.grams) && strings.Contains(lower, ph.lower) {
			return ph.reason, ph.label
		}
	}
	for _, lr := range r.lines {
		if nw > lr.maxWords {
			break
		}
		if (atEdge || !lr.edge) && (endsWord || !lr.endsWord) && lr.hinted(lower, &grams) && lr.re.MatchString(p) {
			return lr.reason, lr.label
		}
	}
	return "", ""
}

// stopLang returns stop[asciiLower(w)]. It folds w into a stack buffer, as
// a map look-up with string(buf) does not allocate: the language guess
// looks up 120 words of every article.
func stopLang(stop map[string]string, w string) (string, bool) {
	var buf [32]byte
	if len(w) > len(buf) {
		l, ok := stop[asciiLower(w)]
		return l, ok
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	l, ok := stop[string(buf[:len(w)])]
	return l, ok
}

// hasPrefixFold reports whether s starts with the lower-case prefix lower,
// ignoring the case of ASCII letters in s. Unlike comparing with
// asciiLower(s), it allocates nothing.
func hasPrefixFold(s, lower string) bool {
	if len(s) < len(lower) {
		return false
	}
	for i := 0; i < len(lower); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// asciiLower lower-cases the ASCII letters of s. The lexicon's patterns are
// ASCII (plus punctuation such as ’ and ©, which have no case), and this is
// several times faster than strings.ToLower on non-ASCII text.
func asciiLower(s string) string {
	i := 0
	for ; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			break
		}
	}
	if i == len(s) {
		return s
	}
	// one allocation: a strings.Builder hands its bytes over as the string
	// where []byte(s) and string(b) would copy twice
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// maxRuleBytes bounds the length of paragraphs the rules test.
const maxRuleBytes = 2000

// hinted reports whether lower (with byte pairs grams) contains one of the
// rule's hints, or the rule has none.
func (lr *lineRule) hinted(lower string, grams *gramMask) bool {
	if len(lr.hints) == 0 {
		return true
	}
	for i, h := range lr.hints {
		if grams.covers(&lr.hintGrams[i]) && strings.Contains(lower, h) {
			return true
		}
	}
	return false
}

// gramMask is a 512-bit set of the byte pairs of a string. A string can
// contain another only if its set covers the other's, and testing that is
// much cheaper than a substring search: most rules are ruled out without
// scanning the paragraph again.
type gramMask [8]uint64

// gramsOf returns the byte-pair set of s.
func gramsOf(s string) gramMask {
	var m gramMask
	for i := 0; i+1 < len(s); i++ {
		h := (uint32(s[i])<<8 | uint32(s[i+1])) * 2654435761 >> 23 // 9 bits
		m[h>>6] |= 1 << (h & 63)
	}
	return m
}

// covers reports whether every byte pair of n is in m.
func (m *gramMask) covers(n *gramMask) bool {
	for k := range m {
		if n[k]&^m[k] != 0 {
			return false
		}
	}
	return true
}

// prefixEnds reports whether a prefix of length n of s ends at a word
// boundary, so that "More:" matches "More: ..." and "Comments" does not
// match "Commentsary".
func prefixEnds(s string, n int) bool {
	if n >= len(s) {
		return true
	}
	last := s[n-1]
	if !isWordByte(last) {
		return true // the prefix ends with punctuation such as ':'
	}
	return !isWordByte(s[n])
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// crumb reports whether p is a navigation crumb such as "HomePolitics" or
// "Home » World » Europe": only crumb words and separators, at least two
// words, or one word when alone is true. It returns the last crumb word,
// which names the section.
func (r *Rules) crumb(p string, alone bool) (section string, ok bool) {
	if len(p) > 120 {
		return "", false
	}
	n := 0
	s := p
	for {
		s = strings.TrimLeft(s, " »>/|›·:-–—•")
		if s == "" {
			break
		}
		first := s
		if i := strings.IndexAny(s, " »>/|›·:"); i >= 0 {
			first = s[:i]
		}
		matched := ""
		for _, c := range r.crumbFirst[first] {
			if strings.HasPrefix(s, c) {
				matched = c
				break
			}
		}
		if matched == "" {
			// Concatenated crumbs lose their separator: "HomePolitics".
			for c := range r.crumbs {
				if strings.HasPrefix(s, c) && len(c) > len(matched) && len(s) > len(c) && isUpper(s[len(c)]) {
					matched = c
				}
			}
		}
		if matched == "" {
			return "", false
		}
		n++
		if matched != "Home" {
			section = matched
		}
		s = s[len(matched):]
	}
	if n >= 2 || (alone && n == 1) {
		return section, true
	}
	return "", false
}

func isUpper(b byte) bool { return b >= 'A' && b <= 'Z' }
