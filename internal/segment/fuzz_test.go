package segment

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/corpora"
)

// sentenceInvariants checks that ss are in bounds, ordered, non-overlapping,
// on rune boundaries, trimmed, numbered, inside one paragraph each, and that
// together they cover every non-space byte of every paragraph.
func sentenceInvariants(text string, ss []crosscheck.Sentence) error {
	paras := Paragraphs(text)
	prevEnd := 0
	for i, s := range ss {
		if s.Index != i {
			return fmt.Errorf("sentence %d: Index %d", i, s.Index)
		}
		if s.Start < prevEnd || s.End <= s.Start || s.End > len(text) {
			return fmt.Errorf("sentence %d: bad span [%d,%d) after %d (len %d)", i, s.Start, s.End, prevEnd, len(text))
		}
		prevEnd = s.End
		if !runeBoundary(text, s.Start) || !runeBoundary(text, s.End) {
			return fmt.Errorf("sentence %d: [%d,%d) not on rune boundaries", i, s.Start, s.End)
		}
		if s.Paragraph < 0 || s.Paragraph >= len(paras) {
			return fmt.Errorf("sentence %d: paragraph %d of %d", i, s.Paragraph, len(paras))
		}
		p := paras[s.Paragraph]
		if s.Start < p.Start || s.End > p.End {
			return fmt.Errorf("sentence %d [%d,%d) outside paragraph %d [%d,%d)", i, s.Start, s.End, s.Paragraph, p.Start, p.End)
		}
		r, _ := utf8.DecodeRuneInString(text[s.Start:])
		l, _ := utf8.DecodeLastRuneInString(text[:s.End])
		if unicode.IsSpace(r) || unicode.IsSpace(l) {
			return fmt.Errorf("sentence %d %q not trimmed", i, text[s.Start:s.End])
		}
	}
	// Coverage: every non-space rune inside a paragraph is in some sentence.
	covered := make([]bool, len(text))
	for _, s := range ss {
		for j := s.Start; j < s.End; j++ {
			covered[j] = true
		}
	}
	for _, p := range paras {
		for j, r := range text[p.Start:p.End] {
			if !unicode.IsSpace(r) && !covered[p.Start+j] {
				return fmt.Errorf("byte %d (%q) of paragraph [%d,%d) not in any sentence", p.Start+j, r, p.Start, p.End)
			}
		}
	}
	return nil
}

func runeBoundary(text string, i int) bool {
	return i == len(text) || i == 0 || utf8.RuneStart(text[i])
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"He said: “We are worried. Hospitals are full.” Then…",
		"U.S. Sen. J. R. R. Tolkien met Gen. Smith at 4 a.m. The end.",
		"“One.\n\n“Two,” he said. 'x' ‘y’ «z» \"w\"",
		"a.\xff. B... c… D?!\u00a0\n\u2028\n E",
		"",
	} {
		f.Add(s)
	}
	if p, err := corpora.Path("fixtures", "seed", "article.txt"); err == nil {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		ss := Sentences(text)
		if !utf8.ValidString(text) {
			// Offsets must still be in bounds and ordered on invalid input.
			prev := 0
			for _, s := range ss {
				if s.Start < prev || s.End < s.Start || s.End > len(text) {
					t.Fatalf("bad span %+v", s)
				}
				prev = s.End
			}
		} else if err := sentenceInvariants(text, ss); err != nil {
			t.Fatal(err)
		}
		paras := Paragraphs(text)
		prev := 0
		for _, q := range Quotes(text) {
			if q.Start < prev || q.End <= q.Start || q.End > len(text) {
				t.Fatalf("bad quote %+v after %d (len %d)", q, prev, len(text))
			}
			prev = q.End
			if !q.Continued {
				in := false
				for _, p := range paras {
					if q.Start >= p.Start && q.End <= p.End {
						in = true
					}
				}
				if !in {
					t.Fatalf("quote %+v crosses a paragraph but is not Continued", q)
				}
			}
		}
		prev = 0
		for _, tok := range Tokens(text) {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > len(text) {
				t.Fatalf("bad token %+v", tok)
			}
			prev = tok.End
		}
	})
}

// polnearTexts reads the PolNeAR dev texts at run time from ../shared
// (they may never be copied into the repository) and returns them with
// their total size in bytes.
func polnearTexts(b *testing.B) ([]string, int) {
	b.Helper()
	dir := corpora.For(b, "corpora", "polnear", "dev", "text")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no texts in %s: %v", dir, err)
	}
	var texts []string
	total := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		total += len(data)
	}
	return texts, total
}

// benchmarkTexts runs fn over every PolNeAR dev text per iteration and
// reports bytes/s, articles/s and allocations.
func benchmarkTexts(b *testing.B, fn func(s *Segmenter, text string)) {
	texts, total := polnearTexts(b)
	s := Default()
	b.SetBytes(int64(total))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, t := range texts {
			fn(s, t)
		}
		n++
	}
	b.ReportMetric(float64(n*len(texts))/b.Elapsed().Seconds(), "articles/s")
}

func BenchmarkSentences(b *testing.B) {
	benchmarkTexts(b, func(s *Segmenter, t string) { _ = s.Sentences(t) })
}

func BenchmarkQuotes(b *testing.B) {
	benchmarkTexts(b, func(s *Segmenter, t string) { _ = s.Quotes(t) })
}

func BenchmarkTokens(b *testing.B) {
	benchmarkTexts(b, func(s *Segmenter, t string) { _ = s.Tokens(t) })
}

func BenchmarkParagraphs(b *testing.B) {
	benchmarkTexts(b, func(s *Segmenter, t string) { _ = s.Paragraphs(t) })
}
