// Package segment splits article text into paragraphs, sentences, quotations
// and word tokens, all as byte offsets into the text so that later stages can
// point back into Article.Text.
//
// It is a pure stage: no I/O, no logging, deterministic output. The
// abbreviation, sentence-opener and reporting-verb lists are embedded data
// files (data/*.tsv) parsed once into a Segmenter.
//
// Sentence splitting policy, chosen for attribution:
//   - A sentence ends at '.', '!', '?', '…' or "..." followed by white space
//     (after any closing quotation marks and brackets, which stay in the
//     sentence), when the next word does not start with a lower-case letter.
//   - After a known abbreviation the split depends on its class (see
//     data/abbreviations.tsv); after a single capital letter ("George W.
//     Bush", "J. R. R. Tolkien") there is no split before a capitalised word.
//   - A quotation ending in '!', '?' or an ellipsis followed within a few
//     words by a reporting verb does not end the sentence: `“We will not
//     surrender!” Zelenskyy said.` stays whole.
//   - Inside a quotation the same rules apply: a long quote is split at its
//     own sentence ends (`He said: “We are worried. | Hospitals are full.”`),
//     and a sentence that ends inside a quotation ends after the closing
//     mark. Quotes returns the quotation spans independently of sentences,
//     so a stage can join a quote back to its speaker across sentences.
//   - A terminator glued to the next word ("the invasion.Moscow said",
//     "now.Our analysts", "in Ukraine.XI") ends a sentence when the left
//     side ends a lower-case word, a digit or a closing quote or bracket and
//     the right side starts a capitalised or all-caps word (after an optional
//     dialogue dash): scrapers drop the space between sentences. Known
//     abbreviations, initials and domain names or URLs (data/domains.tsv)
//     are not split. The text itself is never changed.
//   - A sentence never crosses a paragraph boundary (a blank line); a single
//     line break inside a paragraph does not end a sentence.
package segment

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/lexicon"
)

//go:embed data/*.tsv
var dataFS embed.FS

// abbrevClass says how an abbreviation followed by white space decides a split.
type abbrevClass uint8

const (
	classNone    abbrevClass = iota
	classPrefix              // never ends a sentence
	classAcronym             // ends one only before a sentence opener word
	classSuffix              // ends one before any capitalised word
)

// Segmenter holds the parsed abbreviation and sentence-opener lists. It is
// immutable after construction and safe for concurrent use.
type Segmenter struct {
	abbrev   map[string]abbrevClass // keys as written, with the final period
	starters map[string]bool
	speech   map[string]bool // reporting verbs, lower case
	domains  map[string]bool // top-level domain suffixes, lower case
	maxAbbr  int             // length in bytes of the longest abbreviation
}

// Load parses abbreviations.tsv, starters.tsv, speech_verbs.tsv and domains.tsv from fsys. It returns an
// error naming the file and line of a malformed record.
func Load(fsys fs.FS) (*Segmenter, error) {
	s := &Segmenter{abbrev: map[string]abbrevClass{}, starters: map[string]bool{}, speech: map[string]bool{}, domains: map[string]bool{}}
	err := lexicon.ReadTSV(fsys, "abbreviations.tsv", func(line int, f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want 2 fields, got %d", len(f))
		}
		a := f[0]
		if len(a) < 2 || a[len(a)-1] != '.' {
			return fmt.Errorf("abbreviation %q must end with a period", a)
		}
		var c abbrevClass
		switch f[1] {
		case "prefix":
			c = classPrefix
		case "acronym":
			c = classAcronym
		case "suffix":
			c = classSuffix
		default:
			return fmt.Errorf("unknown class %q", f[1])
		}
		s.abbrev[a] = c
		s.maxAbbr = max(s.maxAbbr, len(a))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("segment: %w", err)
	}
	err = lexicon.ReadTSV(fsys, "starters.tsv", func(line int, f []string) error {
		if len(f) != 1 || f[0] == "" {
			return fmt.Errorf("want 1 field")
		}
		s.starters[f[0]] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("segment: %w", err)
	}
	err = lexicon.ReadTSV(fsys, "speech_verbs.tsv", func(line int, f []string) error {
		if len(f) != 1 || f[0] == "" {
			return fmt.Errorf("want 1 field")
		}
		s.speech[f[0]] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("segment: %w", err)
	}
	err = lexicon.ReadTSV(fsys, "domains.tsv", func(line int, f []string) error {
		if len(f) != 1 || f[0] == "" {
			return fmt.Errorf("want 1 field")
		}
		s.domains[f[0]] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("segment: %w", err)
	}
	return s, nil
}

// New returns a Segmenter built from the embedded data files.
func New() (*Segmenter, error) {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, fmt.Errorf("segment: %w", err)
	}
	return Load(sub)
}

// defaultSegmenter is built once; the embedded data is part of the binary, so
// a failure is a build defect caught by the package tests, hence the panic.
var defaultSegmenter = sync.OnceValue(func() *Segmenter {
	s, err := New()
	if err != nil {
		panic(err)
	}
	return s
})

// Default returns the shared Segmenter built from the embedded data.
func Default() *Segmenter { return defaultSegmenter() }

// Paragraphs returns the byte spans of the paragraphs of text (blocks
// separated by one or more blank lines), trimmed of surrounding white space.
func Paragraphs(text string) []crosscheck.Span { return Default().Paragraphs(text) }

// Sentences returns the sentences of text; see Segmenter.Sentences.
func Sentences(text string) []crosscheck.Sentence { return Default().Sentences(text) }

// Quotes returns the quotations in text; see Segmenter.Quotes.
func Quotes(text string) []Quote { return Default().Quotes(text) }

// Tokens returns the word tokens of s; see Segmenter.Tokens.
func Tokens(s string) []Token { return Default().Tokens(s) }

// AppendTokens appends the word tokens of s to dst with the default
// Segmenter; see Segmenter.AppendTokens.
func AppendTokens(dst []Token, s string) []Token { return Default().AppendTokens(dst, s) }

// Paragraphs returns the byte spans of the paragraphs of text (blocks
// separated by one or more lines holding only white space), trimmed of
// surrounding white space. Span.Text is set to the paragraph's text.
func (s *Segmenter) Paragraphs(text string) []crosscheck.Span {
	var out []crosscheck.Span
	paragraphs(text, func(start, end int) {
		out = append(out, crosscheck.Span{Text: text[start:end], Start: start, End: end})
	})
	return out
}

// paragraphs calls fn with the trimmed bounds of each paragraph.
func paragraphs(text string, fn func(start, end int)) {
	pStart, pEnd := -1, -1 // bounds of the current paragraph's non-blank lines
	for i := 0; i <= len(text); {
		// the end of the line; IndexByte is much faster than a byte loop
		j := len(text)
		if i < len(text) {
			if k := strings.IndexByte(text[i:], '\n'); k >= 0 {
				j = i + k
			}
		}
		// line is text[i:j]
		ls, le := trimSpace(text, i, j)
		if ls < le {
			if pStart < 0 {
				pStart = ls
			}
			pEnd = le
		} else if pStart >= 0 {
			fn(pStart, pEnd)
			pStart = -1
		}
		i = j + 1
	}
	if pStart >= 0 {
		fn(pStart, pEnd)
	}
}

// trimSpace returns [i, j) narrowed to exclude leading and trailing white space.
func trimSpace(text string, i, j int) (int, int) {
	for i < j {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isASCIISpace(c) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:j])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	for j > i {
		c := text[j-1]
		if c < utf8.RuneSelf {
			if !isASCIISpace(c) {
				break
			}
			j--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(text[i:j])
		if !unicode.IsSpace(r) {
			break
		}
		j -= n
	}
	return i, j
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// spaceAt reports whether a white-space rune starts at text[i], and its size.
func spaceAt(text string, i int) (bool, int) {
	c := text[i]
	if c < utf8.RuneSelf {
		return isASCIISpace(c), 1
	}
	r, n := utf8.DecodeRuneInString(text[i:])
	return unicode.IsSpace(r), n
}
