// Command aeb scores internal/extract on the article-extraction-benchmark
// corpus (scrapinghub/article-extraction-benchmark, MIT) with the
// benchmark's own metric: \w+ tokens (Unicode), 4-token shingles with
// multiplicity, precision and recall per page averaged over pages, F1 the
// harmonic mean of the two averages. It also prints pages/s, peak RSS and
// the leftover false-positive text by category.
//
//	go run ./bench/aeb [-dir ../shared/corpora/aeb] [-passes 3] [-v] [-raw]
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/corpora"
	"github.com/crosscheck/crosscheck/internal/extract"
	"github.com/markusmobius/go-trafilatura"
)

// wordRE is Python's re \w with re.UNICODE: letters, numbers, underscore.
var wordRE = regexp.MustCompile(`[\p{L}\p{N}_]+`)

type page struct {
	id, url, truth string
	html           []byte
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "aeb:", err)
		os.Exit(1)
	}
}

func run() error {
	dir := flag.String("dir", "", "corpus directory with ground-truth.json and html/ (default ../shared/corpora/aeb)")
	passes := flag.Int("passes", 1, "timed passes over the corpus for pages/s")
	verbose := flag.Bool("v", false, "print every leftover paragraph")
	raw := flag.Bool("raw", false, "score go-trafilatura's ContentText as is (the baseline), not extract.Article")
	wrong := flag.Bool("wrong", false, "print removed boilerplate that the ground truth counts as article text")
	workers := flag.Int("workers", 1, "pages extracted in parallel (goroutines in this one process)")
	flag.Parse()
	if *dir == "" {
		p, err := corpora.Path("corpora", "aeb")
		if err != nil {
			return fmt.Errorf("corpus not found: %w", err)
		}
		*dir = p
	}
	pages, err := load(*dir)
	if err != nil {
		return err
	}
	extractFn := func(p page) (string, string, []crosscheck.Removed, error) {
		a, err := extract.Article(crosscheck.Document{Body: p.html}, extract.Options{})
		return a.Text, a.Title, a.Boilerplate, err
	}
	if *raw {
		extractFn = func(p page) (string, string, []crosscheck.Removed, error) {
			res, err := trafilatura.Extract(strings.NewReader(string(p.html)), trafilatura.Options{ExcludeComments: true, HtmlDateMode: trafilatura.Fast})
			if err != nil {
				return "", "", nil, err
			}
			return res.ContentText, res.Metadata.Title, nil, nil
		}
	}

	// Score (first pass) and time (every pass).
	var sumP, sumR float64
	var failures int
	cats := map[string]*category{}
	removedBy := map[string]int{}
	wrongBy := map[string]int{} // removals whose text the ground truth keeps
	var elapsed time.Duration
	var outputs = make([]string, len(pages))
	titles := make([]string, len(pages))
	errs := make([]error, len(pages))
	removals := make([][]crosscheck.Removed, len(pages))
	for pass := 0; pass < *passes; pass++ {
		start := time.Now()
		var wg sync.WaitGroup
		next := make(chan int)
		for range max(1, *workers) {
			wg.Go(func() {
				for i := range next {
					outputs[i], titles[i], removals[i], errs[i] = extractFn(pages[i])
				}
			})
		}
		for i := range pages {
			next <- i
		}
		close(next)
		wg.Wait()
		elapsed += time.Since(start)
	}
	for i, p := range pages {
		if errs[i] != nil {
			failures++
			fmt.Fprintf(os.Stderr, "aeb: %s: %v\n", p.id, errs[i])
		}
		truthToks := " " + strings.Join(wordRE.FindAllString(p.truth, -1), " ") + " "
		for _, r := range removals[i] {
			removedBy[r.Reason]++
			k := strings.Join(wordRE.FindAllString(r.Text, -1), " ")
			if k != "" && strings.Contains(truthToks, " "+k+" ") {
				wrongBy[r.Reason]++
				if *wrong {
					fmt.Printf("wrong removal %s [%s] %s\n", p.id[:8], r.Reason, trunc(r.Text, 120))
				}
			}
		}
	}
	for i, p := range pages {
		prec, rec := score(p.truth, outputs[i])
		sumP += prec
		sumR += rec
		leftovers(p, outputs[i], titles[i], cats, *verbose)
	}
	n := float64(len(pages))
	P, R := sumP/n, sumR/n
	F := 0.0
	if P+R > 0 {
		F = 2 * P * R / (P + R)
	}
	fmt.Printf("pages=%d failures=%d\n", len(pages), failures)
	fmt.Printf("F1=%.4f precision=%.4f recall=%.4f\n", F, P, R)
	fmt.Printf("pages/s=%.1f (%d passes, %s, %d workers, GOMAXPROCS=%d)\n", n*float64(*passes)/elapsed.Seconds(), *passes, elapsed.Round(time.Millisecond), max(1, *workers), runtime.GOMAXPROCS(0))
	if !*raw {
		fmt.Println("removed by reason (removed, of which the ground truth keeps the text):")
		for _, k := range sortedKeys(removedBy) {
			fmt.Printf("  %-16s %4d %4d\n", k, removedBy[k], wrongBy[k])
		}
	}
	fmt.Println("leftover false-positive paragraphs by category (paragraphs, false-positive shingles):")
	keys := make([]string, 0, len(cats))
	for k := range cats {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return cats[keys[i]].shingles > cats[keys[j]].shingles })
	for _, k := range keys {
		c := cats[k]
		fmt.Printf("  %-22s %4d paras %6d shingles  e.g. %q\n", k, c.paras, c.shingles, c.example)
	}
	if hwm := peakRSS(); hwm != "" {
		fmt.Printf("peak RSS (VmHWM)=%s\n", hwm)
	}
	return nil
}

func load(dir string) ([]page, error) {
	gt, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("corpus missing: %s has no ground-truth.json (expected ../shared/corpora/aeb from scrapinghub/article-extraction-benchmark)", dir)
		}
		return nil, err
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(gt, &truth); err != nil {
		return nil, fmt.Errorf("ground-truth.json: %w", err)
	}
	ids := sortedKeys(truth)
	pages := make([]page, 0, len(ids))
	for _, id := range ids {
		f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, fmt.Errorf("corpus incomplete: %w", err)
		}
		zr, err := gzip.NewReader(bufio.NewReader(f))
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		b, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", id, err)
		}
		pages = append(pages, page{id: id, url: truth[id].URL, truth: truth[id].ArticleBody, html: b})
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("corpus missing: no pages in %s", dir)
	}
	return pages, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// shingles counts the 4-token shingles of text, as the benchmark's
// _all_shingles does (a text under 4 tokens is one shingle).
func shingles(text string) map[string]int {
	toks := wordRE.FindAllString(text, -1)
	m := map[string]int{}
	n := max(1, len(toks)-4+1)
	for i := 0; i < n; i++ {
		m[strings.Join(toks[i:min(i+4, len(toks))], "\x00")]++
	}
	return m
}

// score returns the benchmark's per-page precision and recall.
func score(truth, pred string) (float64, float64) {
	t, p := shingles(truth), shingles(pred)
	var tp, fp, fn int
	for k, c := range p {
		m := min(c, t[k])
		tp += m
		fp += c - m
	}
	for k, c := range t {
		fn += max(0, c-p[k])
	}
	if fp == 0 && fn == 0 {
		return 1, 1
	}
	if tp == 0 {
		return 0, 0
	}
	return float64(tp) / float64(tp+fp), float64(tp) / float64(tp+fn)
}

type category struct {
	paras, shingles int
	example         string
}

// leftovers files every output paragraph that is mostly false positive
// under a rough category, to show what text the cleaner still lets through.
func leftovers(p page, out, title string, cats map[string]*category, verbose bool) {
	t := shingles(p.truth)
	for _, para := range strings.Split(out, "\n\n") {
		toks := wordRE.FindAllString(para, -1)
		if len(toks) == 0 {
			continue
		}
		ps := shingles(para)
		total, bad := 0, 0
		for k, c := range ps {
			total += c
			if t[k] == 0 {
				bad += c
			}
		}
		// Short paragraphs have one shingle spanning them; judge those by
		// whether the text occurs in the truth at all.
		if len(toks) < 4 {
			if strings.Contains(p.truth, para) {
				continue
			}
			bad = 1
		} else if bad*2 < total {
			continue
		}
		cat := classify(para, title, len(toks))
		c := cats[cat]
		if c == nil {
			c = &category{example: trunc(para, 80)}
			cats[cat] = c
		}
		c.paras++
		c.shingles += bad
		if verbose {
			fmt.Printf("[%s] %s %s\n", cat, p.id[:8], trunc(para, 160))
		}
	}
}

var (
	captionRE = regexp.MustCompile(`(?i)\b(photo|image|getty|reuters|afp|ap photo|credit|caption|pictured|illustration|shutterstock)\b`)
	promoRE   = regexp.MustCompile(`(?i)\b(read more|related|also read|see also|watch|subscribe|newsletter|sign up|follow us|click here|more:|recommended|you may also|share|comments?)\b`)
	bylineRE  = regexp.MustCompile(`(?i)^(by |written by|posted|published|updated)|\b(20\d\d|19\d\d)\b.{0,20}$|\b\d{1,2}:\d\d\b`)
	footerRE  = regexp.MustCompile(`(?i)(copyright|©|all rights reserved|contact us|privacy|terms of|cookie)`)
)

func classify(para, title string, ntok int) string {
	switch {
	case title != "" && strings.EqualFold(strings.TrimSpace(para), strings.TrimSpace(title)):
		return "headline"
	case footerRE.MatchString(para) && ntok < 60:
		return "footer/legal"
	case captionRE.MatchString(para) && ntok < 40:
		return "caption/credit"
	case promoRE.MatchString(para) && ntok < 40:
		return "promo/related/social"
	case bylineRE.MatchString(para) && ntok < 20:
		return "byline/dateline"
	case ntok < 12:
		return "other short (<12 words)"
	default:
		return "other long (body-like)"
	}
}

func trunc(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// peakRSS reads the process's peak resident set size from /proc.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return ""
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:"))
		}
	}
	return ""
}
