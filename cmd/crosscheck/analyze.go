package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/extract"
	"github.com/crosscheck/crosscheck/internal/fetch"
	"github.com/crosscheck/crosscheck/internal/segment"
)

// AnalyzeCmd analyzes one article and prints its statements, entities and
// relations.
type AnalyzeCmd struct {
	Input string `arg:"" help:"A file path, an http(s) URL, or - for standard input." placeholder:"PATH|URL|-"`

	JSON         bool          `help:"Print the analysis contract JSON instead of the text view."`
	Published    string        `help:"Publication date (YYYY-MM-DD or RFC 3339), used to resolve relative times." placeholder:"DATE"`
	Site         string        `help:"Publication name."`
	URL          string        `name:"url" help:"Canonical URL of the article (for a file or stdin)."`
	Title        string        `help:"Headline, when the input has none."`
	MaxBytes     int64         `help:"Refuse inputs larger than this many bytes." default:"10485760"`
	Timeout      time.Duration `help:"Timeout for fetching a URL." default:"30s"`
	AllowPrivate bool          `help:"Allow URLs that resolve to loopback, private or link-local addresses."`
}

// Run reads the input, analyzes it and prints the result.
func (c *AnalyzeCmd) Run(ctx context.Context, g *Globals) error {
	doc, err := c.read(ctx, g.stdin)
	if err != nil {
		return err
	}
	z, err := analyze.New(analyze.Options{Extract: extract.Options{MaxBytes: c.MaxBytes}})
	if err != nil {
		return fmt.Errorf("load analyzer: %w", err)
	}
	a, err := z.Analyze(ctx, doc)
	if err != nil {
		return err
	}
	for _, w := range a.Article.Warnings {
		fmt.Fprintf(g.stderr, "crosscheck: warning: %s\n", w)
	}
	if c.JSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(a)
	}
	return printAnalysis(g.stdout, &a)
}

// read returns the document named by c.Input with the user's hints applied.
func (c *AnalyzeCmd) read(ctx context.Context, stdin io.Reader) (crosscheck.Document, error) {
	var doc crosscheck.Document
	switch {
	case strings.HasPrefix(c.Input, "http://") || strings.HasPrefix(c.Input, "https://"):
		f := fetch.New(fetch.Options{Timeout: c.Timeout, MaxBytes: c.MaxBytes, AllowPrivate: c.AllowPrivate})
		d, err := f.Get(ctx, c.Input)
		if err != nil {
			return doc, err
		}
		doc = d
	case strings.Contains(c.Input, "://") && !exists(c.Input): // a URL, not a file named like one
		return doc, crosscheck.Errorf(crosscheck.EINVALID, "%s: only http and https URLs can be fetched", c.Input)
	case c.Input == "-":
		body, err := readCapped(stdin, c.MaxBytes, "standard input")
		if err != nil {
			return doc, err
		}
		doc.Body = body
	default:
		f, err := os.Open(c.Input)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return doc, &crosscheck.Error{Code: crosscheck.ENOTFOUND, Message: fmt.Sprintf("%s: no such file", c.Input)}
			}
			return doc, &crosscheck.Error{Code: crosscheck.EINVALID, Message: fmt.Sprintf("open %s", c.Input), Err: err}
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return doc, &crosscheck.Error{Code: crosscheck.EINVALID, Message: fmt.Sprintf("%s is a directory (use crosscheck ingest for many articles)", c.Input)}
		}
		body, err := readCapped(f, c.MaxBytes, c.Input)
		if err != nil {
			return doc, err
		}
		doc.Body = body
		doc.Fetched = time.Now().UTC()
	}
	if c.URL != "" {
		doc.URL = c.URL
	}
	if c.Published != "" {
		if !validDate(c.Published) {
			return doc, crosscheck.Errorf(crosscheck.EINVALID, "--published %q: want YYYY-MM-DD or an RFC 3339 date-time", c.Published)
		}
		doc.Published = c.Published
	}
	if c.Site != "" {
		doc.Site = c.Site
	}
	if c.Title != "" {
		doc.Title = c.Title
	}
	return doc, nil
}

// readCapped reads all of r, refusing more than max bytes without reading
// the rest, so a huge file costs max+1 bytes of memory at most.
func readCapped(r io.Reader, max int64, name string) ([]byte, error) {
	if max <= 0 {
		max = 10 << 20
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, &crosscheck.Error{Code: crosscheck.EINVALID, Message: "read " + name, Err: err}
	}
	if int64(len(b)) > max {
		return nil, crosscheck.Errorf(crosscheck.ETOOLARGE, "%s is larger than %d bytes (raise --max-bytes)", name, max)
	}
	return b, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func validDate(s string) bool {
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// printAnalysis writes the human view of an analysis.
func printAnalysis(w io.Writer, a *crosscheck.Analysis) error {
	art := &a.Article
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", art.Title)
	var meta []string
	for _, s := range []string{string(art.Site), string(art.Published), string(art.URL)} {
		if s != "" {
			meta = append(meta, s)
		}
	}
	if len(meta) > 0 {
		fmt.Fprintf(&b, "%s\n", strings.Join(meta, " · "))
	}
	fmt.Fprintf(&b, "%d paragraphs, %d sentences, %d entities, %d statements, %d relations\n",
		len(segment.Paragraphs(art.Text)), len(a.Sentences), len(a.Entities), len(a.Statements), len(a.Relations))

	if len(a.Statements) > 0 {
		fmt.Fprintf(&b, "\nStatements\n")
		for _, s := range a.Statements {
			speaker := string(s.Speaker.Name)
			if speaker == "" {
				speaker = s.Speaker.Text
			}
			if speaker == "" {
				speaker = "(unattributed)"
			}
			if s.Speaker.Affiliation != "" {
				speaker += " [" + string(s.Speaker.Affiliation) + "]"
			}
			fmt.Fprintf(&b, "  %-4s %s %s (%s, %s", s.ID, speaker, s.Cue.Text, s.Kind, s.Stance)
			if s.Hedged {
				b.WriteString(", hedged")
			}
			if len(s.Via) > 0 {
				fmt.Fprintf(&b, ", via %s", strings.Join(s.Via, ", "))
			}
			if s.Time != "" {
				fmt.Fprintf(&b, ", %s", s.Time)
			}
			fmt.Fprintf(&b, ")\n       %s\n", s.Content.Text)
		}
	}
	if len(a.Relations) > 0 {
		fmt.Fprintf(&b, "\nRelations\n")
		for _, r := range a.Relations {
			from := string(r.From)
			if from == "" {
				from = string(r.By)
			}
			fmt.Fprintf(&b, "  %s %s %s: %q\n", from, r.Type, r.To, r.Evidence.Text)
		}
	}
	if len(a.Entities) > 0 {
		fmt.Fprintf(&b, "\nEntities\n")
		for _, e := range a.Entities {
			fmt.Fprintf(&b, "  %-4s %-13s %s", e.ID, e.Type, e.Name)
			if e.Affiliation != "" {
				fmt.Fprintf(&b, " [%s]", e.Affiliation)
			} else if e.Country != "" {
				fmt.Fprintf(&b, " (%s)", e.Country)
			}
			if len(e.Roles) > 0 {
				fmt.Fprintf(&b, " — %s", strings.Join(e.Roles, "; "))
			}
			fmt.Fprintf(&b, " ×%d\n", len(e.Mentions))
		}
	}
	if len(art.Boilerplate) > 0 {
		fmt.Fprintf(&b, "\nRemoved as boilerplate\n")
		for _, r := range art.Boilerplate {
			fmt.Fprintf(&b, "  %-16s %s\n", r.Reason, shorten(r.Text, 90))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
