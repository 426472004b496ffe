package store

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/internal/lexicon"
)

// Limits of a full-text query. The cost of a full-text match grows with
// the number of terms (and, in FTS5, with repeated terms: 400 × "the" ran
// for minutes), so a query is cut down to what can still say something
// before it reaches the database.
const (
	// MaxQueryTerms is how many distinct terms a query keeps; later ones
	// are dropped. Terms are ANDed, so 16 words already pin a page down.
	MaxQueryTerms = 16
	// MaxTermRunes is the longest word kept; longer ones match nothing a
	// reader would type and are dropped.
	MaxTermRunes = 64
	// MinPrefixRunes is the shortest word that may end in '*'; a shorter
	// prefix ("a*") would expand to a large part of the vocabulary, so it
	// is searched as a whole word.
	MinPrefixRunes = 3
)

// Term is one word of a normalised query.
type Term struct {
	Word   string // lower case, letters and digits only
	Prefix bool   // the word was followed by '*': match words that start with it
}

// Query is a user's full-text query reduced to plain terms: words of
// letters and digits, lower-cased, duplicates and stop words removed, at
// most MaxQueryTerms. No character of the
// user's text reaches the database as syntax: each dialect quotes every
// term (FTS5 phrases, tsquery quoted lexemes) and joins them with AND.
type Query struct {
	Terms []Term
	// Dropped counts the words left out: repeats, stop words, words over
	// MaxTermRunes and words past MaxQueryTerms.
	Dropped int
}

// Empty reports whether the query has no term to search (it matches
// nothing).
func (q Query) Empty() bool { return len(q.Terms) == 0 }

// String is the query as a reader would type it, for logs and messages.
func (q Query) String() string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		parts[i] = t.Word
		if t.Prefix {
			parts[i] += "*"
		}
	}
	return strings.Join(parts, " ")
}

// FTS5 renders the query for SQLite FTS5 MATCH: every term a quoted
// phrase ("word", or "word"* for a prefix), implicitly ANDed; "" when
// empty.
func (q Query) FTS5() string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		parts[i] = `"` + t.Word + `"`
		if t.Prefix {
			parts[i] += "*"
		}
	}
	return strings.Join(parts, " ")
}

// TSQuery renders the query for PostgreSQL to_tsquery: every term a quoted
// lexeme ('word', or 'word':* for a prefix) joined with &; "" when empty.
func (q Query) TSQuery() string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		parts[i] = "'" + t.Word + "'"
		if t.Prefix {
			parts[i] += ":*"
		}
	}
	return strings.Join(parts, " & ")
}

// ParseQuery normalises a user's full-text query. Words are runs of
// letters and digits; everything else (quotes, operators, punctuation)
// separates them. A word directly followed by '*' is a prefix when it has
// at least MinPrefixRunes runes. A word given both as a prefix and whole
// is kept whole (AND makes the prefix redundant). Stop words are dropped,
// even when nothing else is left: they match nearly every text, so a query
// of them alone would rank the whole store for no precision (and
// PostgreSQL's 'english' configuration ignores them anyway, so both stores
// answer such a query alike: nothing).
func ParseQuery(text string) Query {
	var q Query
	var terms []Term
	index := map[string]int{} // word → position in terms
	stops := stopWords()
	rest := text
	for rest != "" {
		// The scan stops once enough content words are found: a very long
		// query costs no more than a short one.
		if len(terms) == MaxQueryTerms {
			q.Dropped += countWords(rest)
			break
		}
		word, prefix, tail := nextWord(rest)
		rest = tail
		if word == "" {
			continue
		}
		if utf8.RuneCountInString(word) > MaxTermRunes {
			q.Dropped++
			continue
		}
		if prefix && utf8.RuneCountInString(word) < MinPrefixRunes {
			prefix = false
		}
		if stops[word] {
			q.Dropped++
			continue
		}
		if i, seen := index[word]; seen {
			q.Dropped++
			if !prefix {
				terms[i].Prefix = false
			}
			continue
		}
		index[word] = len(terms)
		terms = append(terms, Term{Word: word, Prefix: prefix})
	}
	q.Terms = terms
	return q
}

// nextWord returns the first word of s (lower-cased), whether a '*'
// follows it, and the rest of s after it. word is "" when s holds no word.
func nextWord(s string) (word string, prefix bool, rest string) {
	start := strings.IndexFunc(s, isWordRune)
	if start < 0 {
		return "", false, ""
	}
	s = s[start:]
	end := strings.IndexFunc(s, func(r rune) bool { return !isWordRune(r) })
	if end < 0 {
		end = len(s)
	}
	word, rest = strings.ToLower(s[:end]), s[end:]
	return word, strings.HasPrefix(rest, "*"), rest
}

// countWords counts the words of s, for Query.Dropped.
func countWords(s string) int {
	n := 0
	for s != "" {
		var w string
		w, _, s = nextWord(s)
		if w != "" {
			n++
		}
	}
	return n
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// stopWords is the set a query drops: the shared stop-word list's search
// words (lexicon.StopWords.ForSearch), a superset of PostgreSQL's
// 'english' stop words. Read once.
var stopWords = sync.OnceValue(func() map[string]bool {
	sw, err := lexicon.LoadStopWords()
	if err != nil {
		panic(fmt.Sprintf("store: embedded stop words: %v", err)) // a build defect, caught by every test
	}
	return sw.ForSearch()
})

// TextCountCap is where the counts of a full-text claim query stop: the
// total and the count per status of a filter with Q are exact up to
// TextCountCap, and a count above it is returned as TextCountCap+1,
// which means "more than TextCountCap" (CountOver). Counting every match
// of a common word costs time in proportion to the corpus; a reader is
// shown the TextWindow best of them anyway.
const TextCountCap = TextWindow

// CountOver reports whether n, the total or a count per status of the
// claims matching f, stands for "more than TextCountCap" rather than an
// exact number.
func CountOver(f ClaimFilter, n int) bool { return f.Q != "" && n > TextCountCap }

// ShownCount is n as a reader is told it: the exact count, or
// TextCountCap with over set when there are more (CountOver).
func ShownCount(f ClaimFilter, n int) (shown int, over bool) {
	if CountOver(f, n) {
		return TextCountCap, true
	}
	return n, false
}
