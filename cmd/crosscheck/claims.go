package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/httpio"
	"github.com/crosscheck/crosscheck/internal/store"
)

// claimFilterFlags are the filters shared by claims and export.
type claimFilterFlags struct {
	Status  string `help:"Only claims with this status: unconfirmed, disputed, corroborated, confirmed_by_adversary."`
	Party   string `help:"Only claims involving this party (ISO country code, e.g. RU)."`
	Speaker string `help:"Only claims with a statement by this speaker (case-insensitive)."`
	Place   string `help:"Only claims with a statement naming this place."`
	Since   string `help:"First seen on or after this day (YYYY-MM-DD)." placeholder:"DATE"`
	Until   string `help:"First seen on or before this day (YYYY-MM-DD)." placeholder:"DATE"`
	Q       string `help:"Full-text query over the claim and its statements (words ANDed; word* for a prefix)." placeholder:"TEXT"`
	Review  string `help:"Only claims editors reviewed (reviewed) or not yet (needs_review)." placeholder:"reviewed|needs_review"`
}

func (f claimFilterFlags) filter() (store.ClaimFilter, error) {
	for _, d := range []string{f.Since, f.Until} {
		if d != "" && sqlDay(d) == "" {
			return store.ClaimFilter{}, crosscheck.Errorf(crosscheck.EINVALID, "invalid date %q: want YYYY-MM-DD", d)
		}
	}
	switch f.Status {
	case "", crosscheck.StatusUnconfirmed, crosscheck.StatusDisputed, crosscheck.StatusCorroborated, crosscheck.StatusConfirmedByAdversary:
	default:
		return store.ClaimFilter{}, crosscheck.Errorf(crosscheck.EINVALID, "invalid --status %q: want unconfirmed, disputed, corroborated or confirmed_by_adversary", f.Status)
	}
	switch f.Review {
	case "", store.ReviewReviewed, store.ReviewNeeded:
	default:
		return store.ClaimFilter{}, crosscheck.Errorf(crosscheck.EINVALID, "invalid --review %q: want reviewed or needs_review", f.Review)
	}
	return store.ClaimFilter{Status: f.Status, Party: strings.ToUpper(f.Party), Speaker: f.Speaker,
		Place: f.Place, Since: f.Since, Until: f.Until, Q: f.Q, Review: f.Review}, nil
}

// sqlDay returns the YYYY-MM-DD of d when d starts with a valid date.
func sqlDay(d string) string {
	if len(d) < 10 {
		return ""
	}
	var y, m, dd int
	if n, _ := fmt.Sscanf(d[:10], "%4d-%2d-%2d", &y, &m, &dd); n != 3 || m < 1 || m > 12 || dd < 1 || dd > 31 {
		return ""
	}
	return d[:10]
}

// ClaimsCmd lists claims from the ledger.
type ClaimsCmd struct {
	claimFilterFlags
	Sort   string `help:"Order, as on the web board: latest (latest activity), recent (first seen, newest; the default), oldest, statements (most first), relevance (with --q; the default then)."`
	Limit  int    `help:"Maximum claims to list." default:"50"`
	Offset int    `help:"Claims to skip (paging)." default:"0"`
	JSON   bool   `name:"json" help:"Print a JSON array of claims (the contract format)." xor:"output"`
	IDs    bool   `name:"ids" help:"Print only the claim ids, one per line (for scripts: crosscheck claim $(crosscheck claims --ids --limit 1 ...))." xor:"output"`
}

// Run prints the matching claims as a table or JSON.
func (c *ClaimsCmd) Run(ctx context.Context, g *Globals) error {
	f, err := c.filter()
	if err != nil {
		return err
	}
	if c.Limit <= 0 || c.Limit > store.MaxLimit {
		return crosscheck.Errorf(crosscheck.EINVALID, "--limit must be between 1 and %d", store.MaxLimit)
	}
	if c.Sort != "" && !slices.Contains(httpio.Sorts(), c.Sort) {
		return crosscheck.Errorf(crosscheck.EINVALID, "invalid --sort %q: want %s", c.Sort, strings.Join(httpio.Sorts(), ", "))
	}
	f.Sort, f.Limit, f.Offset = c.Sort, c.Limit, c.Offset
	st, err := openStore(ctx, g)
	if err != nil {
		return err
	}
	defer st.Close()
	cs, total, err := st.Claims(ctx, f)
	if err != nil {
		return err
	}
	switch {
	case c.JSON:
		return writeJSON(g.stdout, cs)
	case c.IDs:
		for _, cl := range cs {
			if _, err := fmt.Fprintln(g.stdout, cl.ID); err != nil {
				return err
			}
		}
		return nil
	}
	// A text query counts up to store.TextCountCap: "over 1000".
	shown, over := store.ShownCount(f, total)
	return printClaimTable(g.stdout, cs, shown, over, c.Offset)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func printClaimTable(w io.Writer, cs []crosscheck.Claim, total int, over bool, offset int) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFIRST SEEN\tSTATUS\tPARTIES\tSTMTS\tSUMMARY")
	for _, c := range cs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", c.ID, day(c.FirstSeen), strings.Join(c.Status, ","),
			strings.Join(c.Parties, ","), len(c.Statements), truncate(oneLine(c.Summary), 90))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	switch {
	case total == 0:
		_, err := fmt.Fprintln(w, "no claims match")
		return err
	case over:
		_, err := fmt.Fprintf(w, "%d–%d of over %d claims (use --limit/--offset for more)\n", offset+1, offset+len(cs), total)
		return err
	case len(cs) < total:
		_, err := fmt.Fprintf(w, "%d–%d of %d claims (use --limit/--offset for more)\n", offset+1, offset+len(cs), total)
		return err
	}
	_, err := fmt.Fprintf(w, "%d claims\n", total)
	return err
}

func day(s string) string {
	if d := sqlDay(s); d != "" {
		return d
	}
	if s == "" {
		return "-"
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// ClaimCmd shows one claim: its status timeline with evidence, statements
// grouped by party and its appearances with echoes under their origin.
type ClaimCmd struct {
	ID   string `arg:"" help:"Claim id (as listed by crosscheck claims)."`
	JSON bool   `name:"json" help:"Print the claim as JSON (the contract format)."`
}

// Run prints the claim. Returns ENOTFOUND when no claim has the id.
func (c *ClaimCmd) Run(ctx context.Context, g *Globals) error {
	st, err := openStore(ctx, g)
	if err != nil {
		return err
	}
	defer st.Close()
	cl, err := st.Claim(ctx, c.ID)
	if err != nil {
		return err
	}
	if c.JSON {
		return writeJSON(g.stdout, cl)
	}
	return printClaim(g.stdout, cl)
}

func printClaim(w io.Writer, c crosscheck.Claim) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Claim %s\n  %s\n", c.ID, oneLine(c.Summary))
	fmt.Fprintf(&b, "  first seen %s · parties %s · %d statements · %d appearances\n",
		day(c.FirstSeen), orNone(strings.Join(c.Parties, ", ")), len(c.Statements), len(c.Appearances))

	b.WriteString("\nStatus timeline\n")
	for _, ev := range timeline(c) {
		fmt.Fprintf(&b, "  %-10s  %s\n", day(ev.Since), ev.Status)
		if ev.Text != "" {
			fmt.Fprintf(&b, "              evidence: %q\n", truncate(oneLine(ev.Text), 200))
		}
		if ev.Article != "" {
			fmt.Fprintf(&b, "              in article %s statement %s\n", ev.Article, ev.Statement)
		}
	}

	b.WriteString("\nStatements by party\n")
	byParty := map[string][]crosscheck.ClaimStatement{}
	var parties []string
	for _, s := range c.Statements {
		p := s.Affiliation
		if p == "" {
			p = "(no party)"
		}
		if _, ok := byParty[p]; !ok {
			parties = append(parties, p)
		}
		byParty[p] = append(byParty[p], s)
	}
	sort.SliceStable(parties, func(i, j int) bool {
		// named parties first, alphabetically
		if (parties[i] == "(no party)") != (parties[j] == "(no party)") {
			return parties[j] == "(no party)"
		}
		return parties[i] < parties[j]
	})
	for _, p := range parties {
		fmt.Fprintf(&b, "  %s\n", p)
		for _, s := range byParty[p] {
			echo := ""
			if s.Echo {
				echo = " (echo)"
			}
			fmt.Fprintf(&b, "    %s  %s [%s]%s: %q — %s\n", day(s.Published), orNone(s.Speaker), s.Stance, echo,
				truncate(oneLine(s.Content), 160), orNone(s.Site))
		}
	}

	b.WriteString("\nAppearances\n")
	for _, ap := range foldEchoes(c.Appearances) {
		indent := "  "
		if ap.EchoOf != "" {
			indent = "      ↳ echo: "
		}
		fmt.Fprintf(&b, "%s%s  %s  %s\n", indent, day(ap.Published), orNone(ap.Site), orNone(ap.URL))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// timeline returns one entry per status, in the order the statuses began;
// a status without evidence still gets an entry.
func timeline(c crosscheck.Claim) []crosscheck.Evidence {
	var out []crosscheck.Evidence
	seen := map[string]bool{}
	for _, ev := range c.Evidence {
		if ev.Since == "" {
			ev.Since = c.FirstSeen
		}
		out = append(out, ev)
		seen[ev.Status] = true
	}
	for _, s := range c.Status {
		if !seen[s] {
			out = append(out, crosscheck.Evidence{Status: s, Since: c.FirstSeen})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return day(out[i].Since) < day(out[j].Since) })
	return out
}

// foldEchoes orders appearances so that each echo follows its origin; echoes
// whose origin is not among the appearances stay where they are.
func foldEchoes(aps []crosscheck.Appearance) []crosscheck.Appearance {
	present := map[string]bool{}
	for _, a := range aps {
		present[a.Article] = true
	}
	echoes := map[string][]crosscheck.Appearance{}
	for _, a := range aps {
		if a.EchoOf != "" && present[string(a.EchoOf)] && string(a.EchoOf) != a.Article {
			echoes[string(a.EchoOf)] = append(echoes[string(a.EchoOf)], a)
		}
	}
	out := make([]crosscheck.Appearance, 0, len(aps))
	for _, a := range aps {
		if a.EchoOf != "" && present[string(a.EchoOf)] && string(a.EchoOf) != a.Article {
			continue
		}
		out = append(out, a)
		out = append(out, echoes[a.Article]...)
	}
	return out
}
