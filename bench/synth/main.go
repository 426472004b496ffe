// Command synth writes a synthetic news corpus of any size for the scale
// benchmarks (bench/scale.sh), built from the repository's real articles:
// the ukraine-war corpus and the Wikinews CSVs, read from ../shared at run
// time and never copied into the repository.
//
// Each synthetic article recombines 4 to 9 paragraphs drawn from different
// real articles, under a headline taken from its first sentence, at one of
// 60 invented outlets, published at a random moment within two years from
// 2023-01-01 (-from, -span: a later batch of news for an existing corpus). About
// 10 % of the articles are re-publications: an earlier synthetic article's
// text again at another outlet a few days later, with a credit line added,
// as wire copy is re-published. Output is JSON Lines (the ingest format:
// url, site, published, title, text), 5,000 articles per file, and the
// same -seed gives the same corpus.
//
//	go run ./bench/synth -n 10000 -out /tmp/synth-10k
package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	n := flag.Int("n", 10000, "number of articles")
	out := flag.String("out", "", "output directory (created)")
	shared := flag.String("shared", "", "the shared directory with corpora/ (default: ../shared beside the repository)")
	seed := flag.Uint64("seed", 1, "random seed")
	republish := flag.Float64("republish", 0.10, "share of re-publications")
	from := flag.String("from", "2023-01-01", "publication dates start on this day (YYYY-MM-DD)")
	span := flag.Duration("span", 2*365*24*time.Hour, "publication dates fall within this time after -from")
	sources := flag.Int("sources", 0, "draw paragraphs from the first this many source articles only (0: all): a small corpus as dense in restated paragraphs as a large one")
	flag.Parse()
	start, err := time.Parse(time.DateOnly, *from)
	if err != nil || *span <= 0 {
		fmt.Fprintln(os.Stderr, "synth: -from must be a date (YYYY-MM-DD) and -span positive")
		os.Exit(2)
	}
	if *out == "" {
		fmt.Fprintln(os.Stderr, "synth: -out is required")
		os.Exit(2)
	}
	if *shared == "" {
		*shared = defaultShared()
	}
	if err := run(*n, *out, *shared, *seed, *republish, start, *span, *sources); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}

// defaultShared finds ../shared from the working directory or its parents
// (the repository root or bench/).
func defaultShared() string {
	dir, _ := os.Getwd()
	for range 4 {
		p := filepath.Join(dir, "..", "shared")
		if _, err := os.Stat(filepath.Join(p, "corpora")); err == nil {
			return p
		}
		dir = filepath.Dir(dir)
	}
	return "../shared"
}

// source is one real article cut into paragraphs.
type source struct{ paragraphs []string }

func loadSources(shared string) ([]source, error) {
	var out []source
	war := filepath.Join(shared, "corpora", "ukraine-war", "articles")
	files, err := filepath.Glob(filepath.Join(war, "*.txt"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		out = appendSource(out, string(b))
	}
	for _, name := range []string{"wikinews_2019.csv", "wikinews_2020.csv"} {
		f, err := os.Open(filepath.Join(shared, "corpora", "wikinews", name))
		if err != nil {
			return nil, err
		}
		r := csv.NewReader(f)
		header := true
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				f.Close()
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			if header {
				header = false
				continue
			}
			if len(rec) >= 4 {
				out = appendSource(out, rec[3])
			}
		}
		f.Close()
	}
	if len(out) < 50 {
		return nil, fmt.Errorf("only %d source articles found under %s", len(out), shared)
	}
	return out, nil
}

// appendSource keeps the paragraphs long enough to be prose (not datelines
// or captions).
func appendSource(out []source, text string) []source {
	var ps []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		p = strings.TrimSpace(p)
		if len(p) >= 80 && strings.Count(p, " ") >= 12 {
			ps = append(ps, p)
		}
	}
	if len(ps) >= 3 {
		out = append(out, source{paragraphs: ps})
	}
	return out
}

type article struct {
	URL       string `json:"url"`
	Site      string `json:"site"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Text      string `json:"text"`
}

var outletWords = [][]string{
	{"Northern", "Eastern", "Baltic", "Danube", "Capital", "Continental", "Harbour", "Valley", "Frontier", "Atlantic"},
	{"Herald", "Courier", "Dispatch", "Observer", "Wire", "Tribune"},
}

func run(n int, out, shared string, seed uint64, republish float64, start time.Time, span time.Duration, sources int) error {
	srcs, err := loadSources(shared)
	if err != nil {
		return err
	}
	if sources > 0 && sources < len(srcs) {
		srcs = srcs[:sources]
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	var outlets []string
	for _, a := range outletWords[0] {
		for _, b := range outletWords[1] {
			outlets = append(outlets, a+" "+b)
		}
	}
	// Recent originals that re-publications copy from.
	recent := make([]article, 0, 4096)
	var w *bufio.Writer
	var f *os.File
	closeFile := func() error {
		if f == nil {
			return nil
		}
		if err := w.Flush(); err != nil {
			return err
		}
		return f.Close()
	}
	enc := func(a article) error {
		b, err := json.Marshal(a)
		if err != nil {
			return err
		}
		b = append(b, '\n')
		_, err = w.Write(b)
		return err
	}
	const perFile = 5000
	for i := range n {
		if i%perFile == 0 {
			if err := closeFile(); err != nil {
				return err
			}
			f, err = os.Create(filepath.Join(out, fmt.Sprintf("synth-%05d.jsonl", i/perFile)))
			if err != nil {
				return err
			}
			w = bufio.NewWriterSize(f, 1<<20)
		}
		site := outlets[rng.IntN(len(outlets))]
		slug := strings.ToLower(strings.ReplaceAll(site, " ", ""))
		var a article
		if len(recent) > 0 && rng.Float64() < republish {
			orig := recent[rng.IntN(len(recent))]
			t, _ := time.Parse(time.RFC3339, orig.Published)
			t = t.Add(time.Duration(rng.Int64N(int64(72 * time.Hour))))
			a = article{Site: site, Published: t.Format(time.RFC3339), Title: orig.Title,
				Text: orig.Text + "\n\nThis article was first published by " + orig.Site + "."}
		} else {
			t := start.Add(time.Duration(rng.Int64N(int64(span)))).Truncate(time.Minute)
			k := 4 + rng.IntN(6)
			ps := make([]string, 0, k)
			for range k {
				s := srcs[rng.IntN(len(srcs))]
				ps = append(ps, s.paragraphs[rng.IntN(len(s.paragraphs))])
			}
			a = article{Site: site, Published: t.Format(time.RFC3339), Title: headline(ps[0]), Text: strings.Join(ps, "\n\n")}
			if len(recent) < cap(recent) {
				recent = append(recent, a)
			} else {
				recent[rng.IntN(len(recent))] = a
			}
		}
		a.URL = fmt.Sprintf("https://%s.example/%s/%d", slug, a.Published[:10], i)
		if err := enc(a); err != nil {
			return err
		}
	}
	return closeFile()
}

// headline is the first sentence of p, cut at a word before 90 bytes.
func headline(p string) string {
	if i := strings.IndexAny(p, ".!?"); i > 20 {
		p = p[:i]
	}
	if len(p) > 90 {
		p = p[:90]
		if j := strings.LastIndexByte(p, ' '); j > 40 {
			p = p[:j]
		}
	}
	return strings.Trim(p, " \"“”,;:")
}
