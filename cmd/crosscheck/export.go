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
	Format  string `help:"jsonl (one claim per line, the contract format), csv (one row per claim) or claimreview (schema.org ClaimReview JSON-LD: claims with a status beyond unconfirmed, or reviewed)." enum:"jsonl,csv,claimreview" default:"jsonl"`
	Out     string `help:"Write to this file instead of stdout." type:"path" placeholder:"FILE"`
	BaseURL string `name:"base-url" help:"Address the web UI is served at (e.g. https://desk.example.org); claimreview needs it for each review's url, the claim page." placeholder:"URL"`

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
	if c.Format == "claimreview" {
		if err := checkBaseURL(c.BaseURL); err != nil {
			return err
		}
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
		return exportClaimReviews(ctx, w, st, f, c.BaseURL, now().UTC().Format(time.DateOnly))
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
