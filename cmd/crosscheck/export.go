package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// ExportCmd writes the claim ledger as JSON Lines, CSV or schema.org
// ClaimReview JSON-LD.
type ExportCmd struct {
	claimFilterFlags
	Format string `help:"jsonl (one claim per line, the contract format), csv (one row per claim) or claimreview (schema.org ClaimReview JSON-LD)." enum:"jsonl,csv,claimreview" default:"jsonl"`
	Out    string `help:"Write to this file instead of stdout." type:"path" placeholder:"FILE"`

	now func() time.Time // for tests; time.Now when nil
}

// Run exports every claim matching the filters, oldest first. With --out the
// file is written to a temporary name and renamed, so a failed export never
// leaves a partial file.
func (c *ExportCmd) Run(ctx context.Context, g *Globals) error {
	f, err := c.filter()
	if err != nil {
		return err
	}
	st, err := openStore(ctx, g)
	if err != nil {
		return err
	}
	defer st.Close()

	w := g.stdout
	var tmp *os.File
	if c.Out != "" && c.Out != "-" {
		tmp, err = os.CreateTemp(dirOf(c.Out), ".export-*")
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		w = tmp
	}
	bw := bufio.NewWriter(w)
	n, err := c.export(ctx, bw, st, f)
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if tmp != nil {
		if err := tmp.Close(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := os.Rename(tmp.Name(), c.Out); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		g.logger.Info("exported claims", "count", n, "format", c.Format, "out", c.Out)
	}
	return nil
}

func dirOf(p string) string {
	if i := strings.LastIndexByte(p, os.PathSeparator); i >= 0 {
		return p[:i+1]
	}
	return "."
}

// eachClaim pages through the claims matching f, oldest first.
func eachClaim(ctx context.Context, st store.Store, f store.ClaimFilter, fn func(crosscheck.Claim) error) error {
	f.Sort, f.Limit, f.Offset = store.SortOldest, 1000, 0
	for {
		cs, _, err := st.Claims(ctx, f)
		if err != nil {
			return err
		}
		for _, c := range cs {
			if err := fn(c); err != nil {
				return err
			}
		}
		if len(cs) < f.Limit {
			return nil
		}
		f.Offset += len(cs)
	}
}

func (c *ExportCmd) export(ctx context.Context, w io.Writer, st store.Store, f store.ClaimFilter) (int, error) {
	n := 0
	switch c.Format {
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(csvHeader); err != nil {
			return 0, err
		}
		err := eachClaim(ctx, st, f, func(cl crosscheck.Claim) error {
			n++
			return cw.Write(csvRow(cl))
		})
		cw.Flush()
		if err == nil {
			err = cw.Error()
		}
		return n, err
	case "claimreview":
		now := time.Now
		if c.now != nil {
			now = c.now
		}
		var reviews []claimReview
		err := eachClaim(ctx, st, f, func(cl crosscheck.Claim) error {
			reviews = append(reviews, toClaimReview(cl, now().UTC().Format("2006-01-02")))
			return nil
		})
		if err != nil {
			return 0, err
		}
		doc := struct {
			Context string        `json:"@context"`
			Graph   []claimReview `json:"@graph"`
		}{"https://schema.org", reviews}
		if doc.Graph == nil {
			doc.Graph = []claimReview{}
		}
		return len(reviews), writeJSON(w, doc)
	default: // jsonl
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		err := eachClaim(ctx, st, f, func(cl crosscheck.Claim) error {
			n++
			return enc.Encode(cl)
		})
		return n, err
	}
}

var csvHeader = []string{"id", "first_seen", "status", "parties", "statements", "appearances", "origins",
	"speakers", "summary", "evidence"}

// csvRow flattens a claim: lists are joined with "; ".
func csvRow(c crosscheck.Claim) []string {
	var speakers []string
	seen := map[string]bool{}
	for _, s := range c.Statements {
		if s.Speaker != "" && !seen[s.Speaker] {
			seen[s.Speaker] = true
			speakers = append(speakers, s.Speaker)
		}
	}
	origins := 0
	for _, a := range c.Appearances {
		if a.EchoOf == "" {
			origins++
		}
	}
	var ev []string
	for _, e := range c.Evidence {
		ev = append(ev, e.Status+": "+oneLine(e.Text))
	}
	return []string{c.ID, c.FirstSeen, strings.Join(c.Status, "; "), strings.Join(c.Parties, "; "),
		strconv.Itoa(len(c.Statements)), strconv.Itoa(len(c.Appearances)), strconv.Itoa(origins),
		strings.Join(speakers, "; "), oneLine(c.Summary), strings.Join(ev, " | ")}
}

// schema.org ClaimReview (https://schema.org/ClaimReview): the review is by
// crosscheck; itemReviewed is the Claim with its appearances; the rating
// carries the claim's latest status as alternateName.
type claimReview struct {
	Type          string      `json:"@type"`
	ID            string      `json:"identifier"`
	ClaimReviewed string      `json:"claimReviewed"`
	DatePublished string      `json:"datePublished"`
	Author        thing       `json:"author"`
	ItemReviewed  schemaClaim `json:"itemReviewed"`
	ReviewRating  rating      `json:"reviewRating"`
}

type thing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type schemaClaim struct {
	Type            string         `json:"@type"`
	Text            string         `json:"text"`
	Author          *thing         `json:"author,omitempty"`
	DatePublished   string         `json:"datePublished,omitempty"`
	FirstAppearance *creativeWork  `json:"firstAppearance,omitempty"`
	Appearance      []creativeWork `json:"appearance"`
}

type creativeWork struct {
	Type          string `json:"@type"`
	URL           string `json:"url,omitempty"`
	Identifier    string `json:"identifier"`
	DatePublished string `json:"datePublished,omitempty"`
	Publisher     *thing `json:"publisher,omitempty"`
	IsBasedOn     string `json:"isBasedOn,omitempty"` // an echo's origin (URL, else article id)
}

type rating struct {
	Type              string `json:"@type"`
	AlternateName     string `json:"alternateName"`
	RatingExplanation string `json:"ratingExplanation,omitempty"`
}

func toClaimReview(c crosscheck.Claim, today string) claimReview {
	r := claimReview{
		Type: "ClaimReview", ID: c.ID, ClaimReviewed: oneLine(c.Summary), DatePublished: today,
		Author:       thing{Type: "Organization", Name: "crosscheck"},
		ItemReviewed: schemaClaim{Type: "Claim", Text: oneLine(c.Summary), DatePublished: c.FirstSeen, Appearance: []creativeWork{}},
		ReviewRating: rating{Type: "Rating"},
	}
	// The claim's author is the speaker of its earliest non-echo statement.
	for _, s := range c.Statements {
		if !s.Echo && s.Speaker != "" {
			r.ItemReviewed.Author = &thing{Type: "Thing", Name: s.Speaker}
			break
		}
	}
	urls := map[string]string{}
	for _, a := range c.Appearances {
		urls[a.Article] = a.URL
	}
	for _, a := range c.Appearances {
		w := creativeWork{Type: "NewsArticle", URL: a.URL, Identifier: a.Article, DatePublished: a.Published}
		if a.EchoOf != "" {
			// isBasedOn takes a URL: the origin's when known, else its id.
			w.IsBasedOn = urls[string(a.EchoOf)]
			if w.IsBasedOn == "" {
				w.IsBasedOn = string(a.EchoOf)
			}
		}
		if a.Site != "" {
			w.Publisher = &thing{Type: "Organization", Name: a.Site}
		}
		r.ItemReviewed.Appearance = append(r.ItemReviewed.Appearance, w)
		if a.EchoOf == "" && (r.ItemReviewed.FirstAppearance == nil || earlier(a.Published, r.ItemReviewed.FirstAppearance.DatePublished)) {
			fa := w
			r.ItemReviewed.FirstAppearance = &fa
		}
	}
	if n := len(c.Status); n > 0 {
		r.ReviewRating.AlternateName = latestStatus(c)
	}
	for _, e := range c.Evidence {
		if e.Status == r.ReviewRating.AlternateName {
			r.ReviewRating.RatingExplanation = oneLine(e.Text)
		}
	}
	return r
}

// earlier compares publication dates; an unknown date is never earlier.
func earlier(a, b string) bool {
	if a == "" {
		return false
	}
	return b == "" || a < b
}

// latestStatus is the status that began last (by evidence Since), else the
// last listed.
func latestStatus(c crosscheck.Claim) string {
	tl := timeline(c)
	if len(tl) > 0 {
		return tl[len(tl)-1].Status
	}
	return c.Status[len(c.Status)-1]
}
