package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/corpora"
)

var wordRE = regexp.MustCompile(`[\p{L}\p{N}_]+`)

// retention runs the text path over every .txt file of dirs and returns the
// share of input tokens kept in Title+Text, the share kept in Text alone,
// and the removals by reason.
func retention(t *testing.T, dirs ...string) (withTitle, textOnly float64, byReason map[string][]string, n int) {
	t.Helper()
	byReason = map[string][]string{}
	var in, kept, keptText int
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Article(crosscheck.Document{Body: b}, Options{})
			if err != nil {
				t.Errorf("%s: %v", filepath.Base(f), err)
				continue
			}
			n++
			in += len(wordRE.FindAllString(string(b), -1))
			tt := len(wordRE.FindAllString(a.Text, -1))
			keptText += tt
			kept += tt
			for _, r := range a.Boilerplate {
				if r.Reason == reasonTitle {
					kept += len(wordRE.FindAllString(r.Text, -1))
					continue
				}
				byReason[r.Reason] = append(byReason[r.Reason], r.Text)
			}
		}
	}
	if in == 0 {
		t.Fatalf("no text files in %v", dirs)
	}
	return float64(kept) / float64(in), float64(keptText) / float64(in), byReason, n
}

// TestPolNeARRetention checks that cleaning never eats body text: over the
// 924 PolNeAR train+dev articles (clean news text with a title line), at
// least 99.5% of tokens must stay in the article (title plus text).
func TestPolNeARRetention(t *testing.T) {
	root := corpora.For(t, "corpora", "polnear")
	keep, textOnly, byReason, n := retention(t, filepath.Join(root, "train", "text"), filepath.Join(root, "dev", "text"))
	t.Logf("PolNeAR: %d articles, %.4f of tokens kept in title+text (%.4f in text alone)", n, keep, textOnly)
	logRemovals(t, byReason)
	if n != 924 {
		t.Errorf("read %d articles, want 924", n)
	}
	if keep < 0.995 {
		t.Errorf("kept %.4f of tokens, want >= 0.995", keep)
	}
}

// logRemovals logs how many paragraphs each reason removed. With
// EXTRACT_SHOW_REMOVED=1 and -v it also lists every removal under the rule
// of data/boilerplate.tsv that matches it (or the cleaner's own reason), to
// review what each rule takes away.
func logRemovals(t *testing.T, byReason map[string][]string) {
	reasons := make([]string, 0, len(byReason))
	for r := range byReason {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		ex := byReason[r]
		t.Logf("  %-16s %4d removed, e.g. %.80q", r, len(ex), ex[0])
	}
	if !testing.Verbose() || os.Getenv("EXTRACT_SHOW_REMOVED") == "" {
		return
	}
	rules, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	byRule := map[string][]string{}
	for _, r := range reasons {
		for _, text := range byReason[r] {
			label := ruleOf(rules, r, text)
			byRule[label] = append(byRule[label], text)
		}
	}
	labels := make([]string, 0, len(byRule))
	for l := range byRule {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	for _, l := range labels {
		t.Logf("  %4d by %s", len(byRule[l]), l)
		for _, text := range byRule[l] {
			t.Logf("        %s", text)
		}
	}
}

// ruleOf names the rule that removes text: the first lexicon rule that
// matches it (mid-text rules first, then the edge-only ones), a crumb, or
// the cleaner's own reason (duplicates, separators, links).
func ruleOf(rules *Rules, reason, text string) string {
	nw := countWords(text)
	for _, atEdge := range []bool{false, true} {
		if _, label := rules.matchRule(text, nw, atEdge); label != "" {
			return label
		}
	}
	if _, ok := rules.crumb(text, true); ok {
		return "crumb"
	}
	return "cleaner: " + reason
}

// TestUkraineWarRetention runs the text path over the scraped war-news
// articles (raw scraper output, which still carries video promotions,
// related-article boxes and headlines, photo captions, credits, newsletter
// boxes and portal pointers: about 3.6% of its tokens are such boilerplate,
// every removal reviewed by hand with EXTRACT_SHOW_REMOVED=1), so the bound
// is 96%: more removed would be body text.
func TestUkraineWarRetention(t *testing.T) {
	root := corpora.For(t, "corpora", "ukraine-war", "articles")
	keep, textOnly, byReason, n := retention(t, root)
	t.Logf("ukraine-war: %d articles, %.4f of tokens kept in title+text (%.4f in text alone)", n, keep, textOnly)
	logRemovals(t, byReason)
	if keep < 0.96 {
		t.Errorf("kept %.4f of tokens, want >= 0.96", keep)
	}
}
