package store

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestParseQuery(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    string // Query.String()
		dropped int
		fts5    string
		tsquery string
	}{
		{in: "Kursk", want: "kursk", fts5: `"kursk"`, tsquery: `'kursk'`},
		{in: "the kursk offensive", want: "kursk offensive", dropped: 1, fts5: `"kursk" "offensive"`, tsquery: `'kursk' & 'offensive'`},
		{in: "drone* strikes", want: "drone* strikes", fts5: `"drone"* "strikes"`, tsquery: `'drone':* & 'strikes'`},
		// Only stop words: nothing to search (PostgreSQL ignores them too).
		{in: "The Who", want: "", dropped: 2},
		// Repeats collapse; a word given whole and as a prefix is kept whole.
		{in: "kyiv KYIV kyiv* Kyiv", want: "kyiv", dropped: 3},
		{in: "kyiv* kyiv", want: "kyiv", dropped: 1},
		// A prefix shorter than MinPrefixRunes is a whole word.
		{in: "ab* x*", want: "ab x"},
		// Operators and quotes of either dialect are separators, never syntax
		// (NEAR is the preposition, "d" a clitic: stop words too).
		{in: `"a" OR b NEAR(c d) -e col:f ^g`, want: "b c e col f g", dropped: 4},
		{in: `"a" OR b NEAR(x y) -e col:f ^g`, want: "b x y e col f g", dropped: 3},
		{in: `x & !y | z <-> w 'q':*`, want: "x y z w q"},
		{in: "ünïcödé ✓ 3e5", want: "ünïcödé 3e5"},
		{in: "  \x00 * ( ) ", want: ""},
		{in: "", want: ""},
	} {
		q := ParseQuery(tc.in)
		if got := q.String(); got != tc.want {
			t.Errorf("ParseQuery(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if q.Dropped != tc.dropped {
			t.Errorf("ParseQuery(%q).Dropped = %d, want %d", tc.in, q.Dropped, tc.dropped)
		}
		if tc.fts5 != "" && q.FTS5() != tc.fts5 {
			t.Errorf("ParseQuery(%q).FTS5() = %s, want %s", tc.in, q.FTS5(), tc.fts5)
		}
		if tc.tsquery != "" && q.TSQuery() != tc.tsquery {
			t.Errorf("ParseQuery(%q).TSQuery() = %s, want %s", tc.in, q.TSQuery(), tc.tsquery)
		}
		if q.Empty() != (tc.want == "") {
			t.Errorf("ParseQuery(%q).Empty() = %v", tc.in, q.Empty())
		}
	}
}

// The queries of issue 13 that pinned a CPU: 400 × "the" and a long
// passage. Both come out short.
func TestParseQueryCaps(t *testing.T) {
	q := ParseQuery(strings.Repeat("the ", 400))
	if !q.Empty() || q.Dropped != 400 {
		t.Errorf("400 × the: %q, dropped %d", q.String(), q.Dropped)
	}
	q = ParseQuery(strings.Repeat("the Kursk ", 400))
	if q.String() != "kursk" || q.Dropped != 799 {
		t.Errorf("400 × the kursk: %q, dropped %d", q.String(), q.Dropped)
	}
	passage := "Ukrainian forces said on Tuesday that they had pushed Russian troops back from two villages " +
		"near the northern border, while officials in Moscow denied any loss of ground and said the " +
		"offensive continued as planned despite heavy rain, mud and shortages of artillery shells " +
		"reported by soldiers on both sides of the front line this week"
	long := strings.Repeat(passage+" ", 10)
	q = ParseQuery(long)
	if len(q.Terms) != MaxQueryTerms {
		t.Fatalf("passage: %d terms, want %d", len(q.Terms), MaxQueryTerms)
	}
	if q.Terms[0].Word != "ukrainian" || q.Terms[1].Word != "forces" {
		t.Errorf("passage keeps the first content words in order: %q", q.String())
	}
	if words := len(strings.Fields(long)); q.Dropped != words-MaxQueryTerms {
		t.Errorf("passage: dropped %d of %d words, want %d", q.Dropped, words, words-MaxQueryTerms)
	}
	huge := strings.Repeat("x", MaxTermRunes+1) + " kursk"
	if q := ParseQuery(huge); q.String() != "kursk" || q.Dropped != 1 {
		t.Errorf("over-long word: %q dropped %d", q.String(), q.Dropped)
	}
}

// FuzzParseQuery checks the normaliser's promises on any input: at most
// MaxQueryTerms distinct terms of lower-case letters and digits, each at
// most MaxTermRunes long, and renderings made only of those terms and the
// dialect's own quoting.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"kursk", `"a" OR b*`, "x & !y:*", strings.Repeat("the ", 50), "ünï*", "\xff\xfe*", "a*b*c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s)
		if len(q.Terms) > MaxQueryTerms {
			t.Fatalf("%d terms", len(q.Terms))
		}
		seen := map[string]bool{}
		for _, term := range q.Terms {
			if term.Word == "" || seen[term.Word] {
				t.Fatalf("empty or repeated term %q in %q", term.Word, q.String())
			}
			seen[term.Word] = true
			if utf8.RuneCountInString(term.Word) > MaxTermRunes {
				t.Fatalf("term of %d runes", utf8.RuneCountInString(term.Word))
			}
			if term.Prefix && utf8.RuneCountInString(term.Word) < MinPrefixRunes {
				t.Fatalf("short prefix %q", term.Word)
			}
			for _, r := range term.Word {
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					t.Fatalf("term %q has %q", term.Word, r)
				}
			}
			if strings.ToLower(term.Word) != term.Word {
				t.Fatalf("term %q not lower case", term.Word)
			}
		}
		fts := q.FTS5()
		for _, term := range q.Terms {
			fts = strings.Replace(fts, `"`+term.Word+`"`, "", 1)
		}
		if strings.Trim(fts, " *") != "" {
			t.Fatalf("FTS5 %q has more than quoted terms: %q", q.FTS5(), fts)
		}
		ts := q.TSQuery()
		for _, term := range q.Terms {
			ts = strings.Replace(ts, "'"+term.Word+"'", "", 1)
		}
		if strings.Trim(ts, " &:*") != "" {
			t.Fatalf("tsquery %q has more than quoted terms: %q", q.TSQuery(), ts)
		}
	})
}
