// Package timex finds English time expressions in a sentence of news text
// and resolves them against the article's publication date: "announced
// today" in an article published 2025-04-26 is 2025-04-26, "on Friday
// night" is 2025-04-25, "in the fall of last year" is 2024-autumn.
//
// It is a small hand-written rule set over a tokenized sentence, not a
// general date parser: it covers the forms news uses to date statements and
// events (relative days, weekdays, months, seasons, years with
// early/mid/late, explicit dates) and resolves them with a past preference,
// because news reports what has happened. The word lists are data
// (data/*.tsv). Everything here is pure: no I/O after the embedded data is
// parsed once, no clock (the publication date is the only "now").
package timex

import (
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/internal/lexicon"
)

//go:embed data/*.tsv
var dataFS embed.FS

// Granularities of an Expr, finest first.
const (
	Day    = "day"
	Week   = "week"
	Month  = "month"
	Season = "season"
	Year   = "year"
)

// Expr is one time expression found in a sentence.
type Expr struct {
	Start, End int // byte offsets into the sentence, half-open
	Text       string
	// Value is the resolved time: YYYY-MM-DD (day), YYYY-Www (ISO week),
	// YYYY-MM (month), YYYY-season (spring|summer|autumn|winter) or YYYY.
	// A winter is named by the year it starts in (January 2025 is in
	// 2024-winter).
	Value       string
	Granularity string
	// Modifier is early, mid or late when the text narrows a month, season
	// or year ("early 2025"); the Value stays the whole period.
	Modifier string
}

// Contract returns the Value in the analysis contract's form: an ISO week
// becomes the month that holds its Thursday (most of its days); every
// other value is returned as is.
func (e Expr) Contract() string {
	if e.Granularity != Week {
		return e.Value
	}
	var y, w int
	if _, err := fmt.Sscanf(e.Value, "%d-W%d", &y, &w); err != nil {
		return ""
	}
	// ISO week 1 holds January 4th.
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	mon := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+(w-1)*7)
	return mon.AddDate(0, 0, 3).Format("2006-01")
}

// Rules are the parsed word lists. They are read-only after Load, so one
// value serves any number of goroutines.
type Rules struct {
	months   map[string]calWord // month name → number
	weekdays map[string]calWord
	seasons  map[string]calWord // season word → canonical name, start month
	relative []phrase           // longest first
	modifier []phrase
	ref      []phrase
	daypart  map[string]bool
	shift    map[string]string
	number   []phrase
	unit     map[string]string
	context  map[string]bool
	// future holds phrases that put a clause in the future ("will",
	// "plans to"); pastVerb, verbs that put it in the past ("said",
	// "met"); clauseBreak, words that end the clause a weekday is read
	// in. Together they decide which way a bare weekday points.
	future      []phrase
	pastVerb    map[string]bool
	clauseBreak map[string]bool
	// starts holds every word an expression can begin with, so that most
	// words of a sentence are passed over with one map lookup.
	starts map[string]bool
}

type calWord struct {
	n    int    // month number, weekday number, or season start month
	name string // canonical season name
	abbr bool
}

type phrase struct {
	words []string
	value string
}

// Load parses the embedded word lists.
func Load() (*Rules, error) {
	r := &Rules{
		months: map[string]calWord{}, weekdays: map[string]calWord{}, seasons: map[string]calWord{},
		daypart: map[string]bool{}, shift: map[string]string{}, unit: map[string]string{}, context: map[string]bool{},
		pastVerb: map[string]bool{}, clauseBreak: map[string]bool{},
	}
	err := lexicon.ReadTSV(dataFS, "data/calendar.tsv", func(_ int, f []string) error {
		if len(f) != 4 {
			return fmt.Errorf("want 4 fields, got %d", len(f))
		}
		switch f[0] {
		case "month", "weekday":
			n, err := strconv.Atoi(f[2])
			if err != nil {
				return fmt.Errorf("value %q: %w", f[2], err)
			}
			w := calWord{n: n, abbr: f[3] == "abbr"}
			if f[0] == "month" {
				r.months[f[1]] = w
			} else {
				r.weekdays[f[1]] = w
			}
		case "season":
			n, err := strconv.Atoi(f[3])
			if err != nil {
				return fmt.Errorf("start month %q: %w", f[3], err)
			}
			r.seasons[f[1]] = calWord{n: n, name: f[2]}
		default:
			return fmt.Errorf("unknown class %q", f[0])
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("timex: %w", err)
	}
	err = lexicon.ReadTSV(dataFS, "data/phrases.tsv", func(_ int, f []string) error {
		if len(f) < 2 || len(f) > 3 {
			return fmt.Errorf("want 2 or 3 fields, got %d", len(f))
		}
		val := ""
		if len(f) == 3 {
			val = f[2]
		}
		p := phrase{words: strings.Fields(f[1]), value: val}
		switch f[0] {
		case "relative":
			r.relative = append(r.relative, p)
		case "modifier":
			r.modifier = append(r.modifier, p)
		case "ref":
			r.ref = append(r.ref, p)
		case "number":
			r.number = append(r.number, p)
		case "daypart":
			r.daypart[f[1]] = true
		case "shift":
			r.shift[f[1]] = val
		case "unit":
			r.unit[f[1]] = val
		case "context":
			r.context[f[1]] = true
		case "future":
			r.future = append(r.future, p)
		case "pastverb":
			r.pastVerb[f[1]] = true
		case "clausebreak":
			r.clauseBreak[f[1]] = true
		default:
			return fmt.Errorf("unknown class %q", f[0])
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("timex: %w", err)
	}
	r.starts = map[string]bool{"the": true}
	for _, ps := range [][]phrase{r.relative, r.modifier, r.ref, r.number} {
		longestFirst(ps)
		for _, p := range ps {
			if len(p.words) > 0 {
				r.starts[p.words[0]] = true
			}
		}
	}
	for _, m := range []map[string]calWord{r.months, r.weekdays, r.seasons} {
		for w := range m {
			r.starts[w] = true
		}
	}
	for w := range r.shift {
		r.starts[w] = true
	}
	return r, nil
}

func longestFirst(ps []phrase) {
	// Insertion sort: the lists are short and this keeps file order for ties.
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && len(ps[j].words) > len(ps[j-1].words); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// defaultRules parses the embedded data once; like a compiled regexp it
// is never modified afterwards.
var defaultRules = sync.OnceValues(Load)

// Find returns every time expression in s, in order, resolved against
// published (YYYY-MM-DD or an RFC 3339 date-time). Without a valid
// published date only expressions that name their year are returned.
func Find(s, published string) []Expr {
	r, err := defaultRules()
	if err != nil {
		return nil
	}
	return r.Find(s, published)
}

// Resolve returns the time that dates what sentence s reports, in the
// contract's form (YYYY-MM-DD, YYYY-MM, YYYY-season or YYYY), or "" if s
// has none. It takes the first expression outside quotation marks (a
// quoted "today" is the speaker's, not the reporter's), else the first
// one. In news the first time expression of an attribution sentence
// ("announced today", "said on Friday") usually dates both the statement
// and the event it reports; where they differ ("reports in the fall of
// last year suggested that …") it is the reported statement's time that
// comes first.
func Resolve(s, published string) string {
	r, err := defaultRules()
	if err != nil {
		return ""
	}
	return r.Resolve(s, published)
}

// Nearest returns, in the contract's form, the expression of s closest to
// byte offset pos (for example the cue of a statement), or "".
func Nearest(s, published string, pos int) string {
	r, err := defaultRules()
	if err != nil {
		return ""
	}
	best, bestD := "", -1
	for _, e := range r.Find(s, published) {
		d := 0
		switch {
		case pos < e.Start:
			d = e.Start - pos
		case pos >= e.End:
			d = pos - e.End + 1
		}
		if bestD < 0 || d < bestD {
			best, bestD = e.Contract(), d
		}
	}
	return best
}

// Resolve is the package-level Resolve with these rules.
func (r *Rules) Resolve(s, published string) string {
	es := r.Find(s, published)
	if len(es) == 0 {
		return ""
	}
	quoted := quotedRanges(s)
	for _, e := range es {
		if !inside(quoted, e.Start) {
			return e.Contract()
		}
	}
	return es[0].Contract()
}

// quotedRanges returns the byte ranges of s between quotation marks.
func quotedRanges(s string) [][2]int {
	var out [][2]int
	open := -1
	for i, c := range s {
		switch c {
		case '“':
			open = i
		case '”':
			if open >= 0 {
				out = append(out, [2]int{open, i})
				open = -1
			}
		case '"':
			if open >= 0 {
				out = append(out, [2]int{open, i})
				open = -1
			} else {
				open = i
			}
		}
	}
	if open >= 0 {
		out = append(out, [2]int{open, len(s)})
	}
	return out
}

func inside(rs [][2]int, pos int) bool {
	for _, r := range rs {
		if pos > r[0] && pos < r[1] {
			return true
		}
	}
	return false
}

// parseBase reads the publication date; ok is false when it is missing or
// malformed.
func parseBase(published string) (time.Time, bool) {
	if len(published) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", published[:10])
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

// token is a word, a number or one punctuation rune of the sentence.
type token struct {
	start, end int
	low        string // lower case
	kind       byte   // 'w' word, 'n' number, 'p' punctuation
	num        int    // value of a number token (ordinal suffix dropped), -1 if too long
	digits     int    // digits in a number token
	cap        bool   // word starts with an upper-case letter
	ord        bool   // number with an ordinal suffix (26th)
}

// tokenize appends the tokens of s to dst[:0], reusing its array when it
// is large enough.
func tokenize(dst []token, s string) []token {
	out := dst[:0]
	if want := len(s)/5 + 1; cap(out) < want {
		out = make([]token, 0, want)
	}
	var low lowerer
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(c):
			i += size
		case unicode.IsLetter(c):
			j := i
			for j < len(s) {
				if d := s[j]; d < utf8.RuneSelf {
					// ASCII: unicode.IsLetter is exactly A-Z and a-z here
					if d|0x20 >= 'a' && d|0x20 <= 'z' {
						j++
						continue
					}
					break
				}
				d, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(d) {
					break
				}
				j += n
			}
			out = append(out, token{start: i, end: j, low: low.lower(s[i:j]), kind: 'w', cap: unicode.IsUpper(c)})
			i = j
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			t := token{start: i, end: j, kind: 'n', digits: j - i, num: -1}
			if j-i <= 9 {
				t.num, _ = strconv.Atoi(s[i:j])
			}
			t.low = s[i:j]
			// Ordinal suffix: 26th, 1st, 2nd, 3rd.
			if j+2 <= len(s) {
				suf := strings.ToLower(s[j : j+2])
				if suf == "st" || suf == "nd" || suf == "rd" || suf == "th" {
					if k := j + 2; k == len(s) || !isLetterAt(s, k) {
						t.end, t.ord = k, true
					}
				}
			}
			out = append(out, t)
			i = t.end
		default:
			out = append(out, token{start: i, end: i + size, low: s[i : i+size], kind: 'p'})
			i += size
		}
	}
	return out
}

// lowerer lower-cases the words of one sentence. ASCII words are folded
// into one shared buffer rather than a string each (every capitalised word
// of a sentence passes here); bytes written to a strings.Builder are never
// changed and a full buffer is replaced rather than grown, so the returned
// strings stay valid.
type lowerer struct{ buf strings.Builder }

// lower is strings.ToLower(w), without an allocation for words that are
// already lower-case ASCII, which most words of a sentence are.
func (l *lowerer) lower(w string) string {
	upper := false
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 0x80 {
			return strings.ToLower(w)
		} else if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return w
	}
	if l.buf.Cap()-l.buf.Len() < len(w) {
		l.buf = strings.Builder{}
		l.buf.Grow(max(256, len(w)))
	}
	n := l.buf.Len()
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		l.buf.WriteByte(c)
	}
	return l.buf.String()[n:]
}

func isLetterAt(s string, i int) bool {
	c, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(c)
}

// matcher holds one Find call's state.
type matcher struct {
	r       *Rules
	s       string
	t       []token
	base    time.Time
	hasBase bool
}

// tokPool keeps Find's token slices for the next sentence: the resolver
// runs once per attributed sentence, and a fresh slice each time was one
// of the analyzer's larger allocations. No token outlives its Find call
// (an Expr holds only strings).
var tokPool = sync.Pool{New: func() any { return new([]token) }}

// maxPooledToks bounds the slices put back, so one huge sentence does not
// keep its tokens alive.
const maxPooledToks = 4096

// Find returns every time expression in s resolved against published.
func (r *Rules) Find(s, published string) []Expr {
	buf := tokPool.Get().(*[]token)
	m := matcher{r: r, s: s, t: tokenize(*buf, s)}
	m.base, m.hasBase = parseBase(published)
	var out []Expr
	for i := 0; i < len(m.t); {
		e, next, ok := m.at(i)
		if ok && next > i {
			e.Start, e.End = m.t[i].start, m.t[next-1].end
			e.Text = s[e.Start:e.End]
			out = append(out, e)
			i = next
			continue
		}
		i++
	}
	if cap(m.t) <= maxPooledToks {
		*buf = m.t[:0]
		tokPool.Put(buf)
	}
	return out
}

// phraseAt returns the first phrase of ps whose words start at token i,
// and the index after it.
func (m *matcher) phraseAt(ps []phrase, i int) (phrase, int, bool) {
	for _, p := range ps {
		if j, ok := m.words(i, p.words); ok {
			return p, j, true
		}
	}
	return phrase{}, i, false
}

// words matches a sequence of lower-case words at i; a hyphen between them
// is allowed ("mid-2025" is handled by the caller).
func (m *matcher) words(i int, ws []string) (int, bool) {
	for _, w := range ws {
		if i >= len(m.t) || m.t[i].kind != 'w' || m.t[i].low != w {
			return i, false
		}
		i++
	}
	return i, true
}

func (m *matcher) isWord(i int, w string) bool {
	return i >= 0 && i < len(m.t) && m.t[i].kind == 'w' && m.t[i].low == w
}

func (m *matcher) isPunct(i int, p string) bool {
	return i >= 0 && i < len(m.t) && m.t[i].kind == 'p' && m.t[i].low == p
}

// afterContext reports whether token i follows a word after which a bare
// year or month is a date ("in 2019", "since August").
func (m *matcher) afterContext(i int) bool {
	return i > 0 && m.t[i-1].kind == 'w' && m.r.context[m.t[i-1].low]
}

// at tries every rule at token i. It returns the expression without its
// offsets and the index of the token after it.
func (m *matcher) at(i int) (Expr, int, bool) {
	t := m.t[i]
	if t.kind == 'p' || t.kind == 'w' && !m.r.starts[t.low] {
		return Expr{}, i, false
	}
	if e, j, ok := m.ago(i); ok {
		return e, j, true
	}
	if t.kind == 'n' {
		if e, j, ok := m.isoDate(i); ok {
			return e, j, true
		}
		return m.core(i, false)
	}
	if t.kind != 'w' || !m.r.starts[t.low] {
		return Expr{}, i, false
	}
	// A modifier narrows what follows: "early 2025", "late last year",
	// "the end of August", "mid-2025", "late on Friday". On a day it says
	// nothing the date does not.
	if p, k, ok := m.phraseAt(m.r.modifier, i); ok {
		if m.isPunct(k, "-") {
			k++
		}
		if m.isWord(k, "on") {
			k++
		}
		if e, end, ok := m.core(k, true); ok {
			if e.Granularity != Day && e.Granularity != Week {
				e.Modifier = p.value
			}
			return e, end, true
		}
	}
	return m.core(i, false)
}

// core tries the rules that can follow a modifier. modified says a
// modifier came before, which makes a bare year or month a date.
func (m *matcher) core(i int, modified bool) (Expr, int, bool) {
	if i >= len(m.t) {
		return Expr{}, i, false
	}
	t := m.t[i]
	if t.kind == 'n' {
		if e, j, ok := m.dayMonth(i); ok {
			return e, j, true
		}
		if modified || m.afterContext(i) {
			return m.year(i, "")
		}
		return Expr{}, i, false
	}
	if t.kind != 'w' {
		return Expr{}, i, false
	}
	if p, j, ok := m.phraseAt(m.r.relative, i); ok {
		// "this morning" is a relative phrase, "this August" is not; a
		// relative phrase followed by a month or season word is left to
		// the rules below.
		if e, ok := m.relative(p.value); ok && !m.calendarWordAt(j) {
			if m.r.daypart[m.low(j)] { // "yesterday morning"
				j++
			}
			return e, j, true
		}
	}
	if sh, ok := m.r.shift[t.low]; ok {
		if e, j, ok := m.shifted(i+1, sh); ok {
			return e, j, true
		}
	}
	if e, j, ok := m.monthExpr(i, modified); ok {
		return e, j, true
	}
	if e, j, ok := m.seasonExpr(i, modified); ok {
		return e, j, true
	}
	if e, j, ok := m.weekday(i, ""); ok {
		return e, j, true
	}
	return Expr{}, i, false
}

func (m *matcher) low(i int) string {
	if i < 0 || i >= len(m.t) {
		return ""
	}
	return m.t[i].low
}

func (m *matcher) calendarWordAt(i int) bool {
	if i >= len(m.t) || m.t[i].kind != 'w' {
		return false
	}
	_, mo := m.r.months[m.t[i].low]
	_, se := m.r.seasons[m.t[i].low]
	_, wd := m.r.weekdays[m.t[i].low]
	return (mo || wd) && m.t[i].cap || se
}

// relative resolves a "unit:offset" value.
func (m *matcher) relative(v string) (Expr, bool) {
	if !m.hasBase {
		return Expr{}, false
	}
	unit, off, ok := strings.Cut(v, ":")
	if !ok {
		return Expr{}, false
	}
	n, err := strconv.Atoi(off)
	if err != nil {
		return Expr{}, false
	}
	return m.offset(unit, n)
}

// offset returns the period n units from the publication date.
func (m *matcher) offset(unit string, n int) (Expr, bool) {
	b := m.base
	switch unit {
	case "day":
		return dayExpr(b.AddDate(0, 0, n)), true
	case "week":
		y, w := b.AddDate(0, 0, 7*n).ISOWeek()
		return Expr{Value: fmt.Sprintf("%04d-W%02d", y, w), Granularity: Week}, true
	case "month":
		d := time.Date(b.Year(), b.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		return monthExpr(d.Year(), int(d.Month())), true
	case "year":
		return yearExpr(b.Year() + n), true
	}
	return Expr{}, false
}

func dayExpr(t time.Time) Expr {
	return Expr{Value: t.Format("2006-01-02"), Granularity: Day}
}

func monthExpr(y, mo int) Expr {
	return Expr{Value: fmt.Sprintf("%04d-%02d", y, mo), Granularity: Month}
}

func yearExpr(y int) Expr {
	return Expr{Value: fmt.Sprintf("%04d", y), Granularity: Year}
}

func validYear(t token) bool {
	return t.kind == 'n' && t.digits == 4 && !t.ord && t.num >= 1800 && t.num <= 2199
}

// year reads a four-digit year at i, not part of a larger number
// ("10,000") or a range of digits.
func (m *matcher) year(i int, mod string) (Expr, int, bool) {
	t := m.t[i]
	if !validYear(t) || m.isPunct(i-1, ",") && i >= 2 && m.t[i-2].kind == 'n' || m.thousands(i) {
		return Expr{}, i, false
	}
	e := yearExpr(t.num)
	e.Modifier = mod
	return e, i + 1, true
}

// isoDate reads 2025-04-26.
func (m *matcher) isoDate(i int) (Expr, int, bool) {
	if i+4 >= len(m.t) || m.t[i].digits != 4 || !m.isPunct(i+1, "-") || m.t[i+2].kind != 'n' || m.t[i+2].digits != 2 ||
		!m.isPunct(i+3, "-") || m.t[i+4].kind != 'n' || m.t[i+4].digits != 2 {
		return Expr{}, i, false
	}
	if m.t[i+1].start != m.t[i].end || m.t[i+4].start != m.t[i+3].end {
		return Expr{}, i, false
	}
	d, ok := date(m.t[i].num, m.t[i+2].num, m.t[i+4].num)
	if !ok {
		return Expr{}, i, false
	}
	return dayExpr(d), i + 5, true
}

// date builds a calendar date, refusing February 30th and the like.
func date(y, mo, d int) (time.Time, bool) {
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d
}

// month reads a capitalized month name or abbreviation at i, with the
// period after an abbreviation. It returns the month number, whether it
// was abbreviated, and the index after it. Callers require a day number
// or a period after an abbreviation ("Sept. 4", "Sept. 2024").
func (m *matcher) month(i int) (mo int, abbr bool, next int, ok bool) {
	if i >= len(m.t) || m.t[i].kind != 'w' || !m.t[i].cap {
		return 0, false, i, false
	}
	w, ok := m.r.months[m.t[i].low]
	if !ok {
		return 0, false, i, false
	}
	next = i + 1
	if w.abbr && m.isPunct(next, ".") {
		next++
	}
	return w.n, w.abbr, next, true
}

// dayNumber reads a day of the month (1–31, optionally ordinal) at i.
func (m *matcher) dayNumber(i int) (int, bool) {
	if i >= len(m.t) || m.t[i].kind != 'n' || m.t[i].digits > 2 || m.t[i].num < 1 || m.t[i].num > 31 {
		return 0, false
	}
	return m.t[i].num, true
}

// withYear completes a month-day date: an explicit year after it, or the
// year that puts the date at most a week after publication (past
// preference: "Sept. 4" in April 2025 is 2024-09-04).
func (m *matcher) withYear(mo, d, j int) (Expr, int, bool) {
	k := j
	if m.isPunct(k, ",") {
		k++
	}
	if k < len(m.t) && validYear(m.t[k]) {
		t, ok := date(m.t[k].num, mo, d)
		if !ok {
			return Expr{}, j, false
		}
		return dayExpr(t), k + 1, true
	}
	if !m.hasBase {
		return Expr{}, j, false
	}
	// "February 24 last year".
	if p, end, ok := m.phraseAt(m.r.ref, j); ok {
		off, err := strconv.Atoi(p.value)
		t, ok := date(m.base.Year()+off, mo, d)
		if err != nil || !ok {
			return Expr{}, j, false
		}
		return dayExpr(t), end, true
	}
	y := m.base.Year()
	t, ok := date(y, mo, d)
	if ok && t.After(m.base.AddDate(0, 0, 7)) {
		t, ok = date(y-1, mo, d)
	}
	if !ok {
		return Expr{}, j, false
	}
	return dayExpr(t), j, true
}

// dayMonth reads "26 April 2025" and "26th of April".
func (m *matcher) dayMonth(i int) (Expr, int, bool) {
	d, ok := m.dayNumber(i)
	if !ok {
		return Expr{}, i, false
	}
	j := i + 1
	if m.isWord(j, "of") {
		j++
	}
	mo, _, j, ok := m.month(j)
	if !ok {
		return Expr{}, i, false
	}
	return m.withYear(mo, d, j)
}

// ago reads "three days ago", "a week ago" (the number may be a word).
func (m *matcher) ago(i int) (Expr, int, bool) {
	n, j := 0, i
	if m.t[i].kind == 'n' {
		if m.t[i].digits > 3 {
			return Expr{}, i, false
		}
		n, j = m.t[i].num, i+1
	} else if p, k, ok := m.phraseAt(m.r.number, i); ok {
		n, _ = strconv.Atoi(p.value)
		j = k
	} else {
		return Expr{}, i, false
	}
	unit, ok := m.r.unit[m.low(j)]
	if !ok || !m.isWord(j+1, "ago") || !m.hasBase {
		return Expr{}, i, false
	}
	e, ok := m.offset(unit, -n)
	return e, j + 2, ok
}

// yearRef reads what names the year of a month or season after it: "2024",
// "of 2024", "of last year", "of the previous year", "last year". It
// returns the year and the index after it; unknown is true when the words
// refer to a year named elsewhere ("of that year").
func (m *matcher) yearRef(j int) (year, next int, ok, unknown bool) {
	k := j
	if m.isPunct(k, ",") {
		k++
	}
	if m.isWord(k, "of") {
		k++
	}
	if k < len(m.t) && validYear(m.t[k]) {
		return m.t[k].num, k + 1, true, false
	}
	if p, end, ok := m.phraseAt(m.r.ref, k); ok {
		off, err := strconv.Atoi(p.value)
		if err != nil || !m.hasBase {
			// "October of that year": a year the sentence alone cannot name.
			return 0, j, false, true
		}
		return m.base.Year() + off, end, true, false
	}
	return 0, j, false, false
}

// thousands reports whether the number at i goes on with a comma and three
// digits ("April 10,000 troops" has no date).
func (m *matcher) thousands(i int) bool {
	return m.isPunct(i+1, ",") && i+2 < len(m.t) && m.t[i+2].kind == 'n' && m.t[i+2].digits == 3
}

// monthExpr reads a date or month that starts with a month name: "April
// 26", "Sept. 4, 2024", "August 2024", "August of the previous year", and
// a bare "August" after "in"/"since" or a modifier.
func (m *matcher) monthExpr(i int, modified bool) (Expr, int, bool) {
	mo, abbr, j, ok := m.month(i)
	if !ok {
		return Expr{}, i, false
	}
	if d, ok := m.dayNumber(j); ok && !m.thousands(j) {
		// "February 30" is no date, and not February either.
		return m.withYear(mo, d, j+1)
	}
	if abbr && !m.isPunct(j-1, ".") {
		return Expr{}, i, false
	}
	if y, k, ok, unknown := m.yearRef(j); ok {
		return monthExpr(y, mo), k, true
	} else if unknown {
		return Expr{}, i, false
	}
	if !(modified || m.afterContext(i)) || !m.hasBase {
		return Expr{}, i, false
	}
	// A bare month is the most recent one not after publication.
	y := m.base.Year()
	if mo > int(m.base.Month()) {
		y--
	}
	return monthExpr(y, mo), j, true
}

// shifted reads what follows last/this/next: a month, a season or a
// weekday.
func (m *matcher) shifted(i int, sh string) (Expr, int, bool) {
	if !m.hasBase {
		return Expr{}, i, false
	}
	if mo, _, j, ok := m.month(i); ok {
		y, pm := m.base.Year(), int(m.base.Month())
		switch sh {
		case "last":
			if mo >= pm {
				y--
			}
		case "next":
			if mo <= pm {
				y++
			}
		}
		// "last November 24".
		if d, ok := m.dayNumber(j); ok && !m.thousands(j) {
			t, ok := date(y, mo, d)
			if !ok {
				return Expr{}, i, false
			}
			return dayExpr(t), j + 1, true
		}
		return monthExpr(y, mo), j, true
	}
	if w, ok := m.r.seasons[m.low(i)]; ok {
		y := m.seasonYear(w, sh)
		return Expr{Value: fmt.Sprintf("%04d-%s", y, w.name), Granularity: Season}, i + 1, true
	}
	return m.weekday(i, sh)
}

// seasonStart returns the first day of the season w of year y.
func seasonStart(w calWord, y int) time.Time {
	return time.Date(y, time.Month(w.n), 1, 0, 0, 0, 0, time.UTC)
}

// seasonYear picks the year of a season relative to publication, with a
// past preference. With no shift it is the season in progress or the most
// recent one begun ("in the fall", said in April 2025, is 2024-autumn).
// "last" is the most recent one that is over (the one before, if the
// season is in progress); "this" is the one in progress or the next to
// begin ("this summer" in April 2025 is 2025-summer); "next" is the next
// to begin after the one in progress.
func (m *matcher) seasonYear(w calWord, sh string) int {
	y := m.base.Year()
	for seasonStart(w, y).After(m.base) {
		y--
	}
	inProgress := m.base.Before(seasonStart(w, y).AddDate(0, 3, 0))
	switch sh {
	case "last":
		if inProgress {
			y--
		}
	case "this":
		if !inProgress {
			y++
		}
	case "next":
		y++
	}
	return y
}

// seasonExpr reads "the fall of last year", "fall 2024", "in the spring",
// "the summer".
func (m *matcher) seasonExpr(i int, modified bool) (Expr, int, bool) {
	j := i
	if m.isWord(j, "the") {
		j++
	}
	if j >= len(m.t) || m.t[j].kind != 'w' {
		return Expr{}, i, false
	}
	w, ok := m.r.seasons[m.t[j].low]
	if !ok {
		return Expr{}, i, false
	}
	j++
	if y, k, ok, unknown := m.yearRef(j); ok {
		return Expr{Value: fmt.Sprintf("%04d-%s", y, w.name), Granularity: Season}, k, true
	} else if unknown {
		return Expr{}, i, false
	}
	// "the fall of Kabul", "the fall in prices": a season word alone is a
	// time only after "in", "during", "since" or a modifier.
	if m.isWord(j, "of") || !(modified || m.afterContext(i)) || !m.hasBase {
		return Expr{}, i, false
	}
	y := m.seasonYear(w, "")
	return Expr{Value: fmt.Sprintf("%04d-%s", y, w.name), Granularity: Season}, j, true
}

// weekday reads "Friday", "Friday night", "Fri." (capitalized). With no
// shift the day is the most recent one on or before publication: in news
// dated Saturday, "on Saturday" is that day and "on Friday" the day
// before; but in a clause about the future ("plans to hold talks on
// Friday", "will meet on Friday") it is the coming one (see future). "last Friday" is never the publication day (a week back when
// the weekday is the same), "this"/"next" look forward.
func (m *matcher) weekday(i int, sh string) (Expr, int, bool) {
	if i >= len(m.t) || m.t[i].kind != 'w' || !m.t[i].cap || !m.hasBase {
		return Expr{}, i, false
	}
	w, ok := m.r.weekdays[m.t[i].low]
	if !ok {
		return Expr{}, i, false
	}
	j := i + 1
	if w.abbr {
		if !m.isPunct(j, ".") {
			return Expr{}, i, false
		}
		j++
	}
	if m.r.daypart[m.low(j)] {
		j++
	}
	pw := int(m.base.Weekday())
	if sh == "" && m.future(i, j) {
		sh = "this" // "will hold talks on Friday": the coming Friday
	}
	var d int
	switch sh {
	case "", "last":
		d = -((pw - w.n + 7) % 7)
		if sh == "last" && d == 0 {
			d = -7
		}
	case "this", "next":
		d = (w.n - pw + 7) % 7
		if sh == "next" && d == 0 {
			d = 7
		}
	}
	return dayExpr(m.base.AddDate(0, 0, d)), j, true
}

// future reports whether the clause holding the weekday at tokens [i, end)
// speaks of the future: a future phrase ("will", "plans to", "is due to")
// before the weekday in its clause, with no past verb ("said", "met")
// between them; or, for a clause that opens with the weekday ("On Friday,
// the ministers will meet"), a future phrase right after it. Clauses end
// at punctuation and at words such as "that" and "but", so in "officials
// said on Friday that talks will resume" Friday stays in the past.
func (m *matcher) future(i, end int) bool {
	for k := i - 1; k >= 0 && i-k <= 16; k-- {
		t := m.t[k]
		if t.kind == 'p' {
			if t.low == "'" || t.low == "’" {
				continue // "we'll"
			}
			break
		}
		if t.kind != 'w' {
			continue
		}
		if m.futureEndsAt(k) {
			return true
		}
		if m.r.pastVerb[t.low] || m.r.clauseBreak[t.low] {
			break
		}
	}
	// A clause that opens with the weekday: "On Friday, the ministers will
	// meet". Only its first few words are read, so that "On Friday, Putin
	// said talks will resume" stays in the past.
	cs := i
	for cs > 0 && m.t[cs-1].kind != 'p' {
		cs--
	}
	for k := cs; k < i; k++ {
		if !m.isWord(k, "on") && !m.isWord(k, "by") && !m.isWord(k, "late") && !m.isWord(k, "early") {
			return false
		}
	}
	j := end
	if m.isPunct(j, ",") {
		j++
	}
	for n := 0; j < len(m.t) && n < 5; j, n = j+1, n+1 {
		t := m.t[j]
		if t.kind == 'p' && t.low != "'" && t.low != "’" {
			return false
		}
		if t.kind != 'w' {
			continue
		}
		if m.futureStartsAt(j) {
			return true
		}
		if m.r.pastVerb[t.low] {
			return false
		}
	}
	return false
}

// futureEndsAt reports whether a future phrase ends at token k.
func (m *matcher) futureEndsAt(k int) bool {
	for _, p := range m.r.future {
		if s := k - len(p.words) + 1; s >= 0 {
			if _, ok := m.words(s, p.words); ok {
				return true
			}
		}
	}
	return false
}

// futureStartsAt reports whether a future phrase starts at token j.
func (m *matcher) futureStartsAt(j int) bool {
	for _, p := range m.r.future {
		if _, ok := m.words(j, p.words); ok {
			return true
		}
	}
	return false
}
