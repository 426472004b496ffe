package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"text/tabwriter"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/eval"
)

// EvalCmd scores the analyzer against hand-annotated articles.
type EvalCmd struct {
	Gold []string `arg:"" help:"expected.json files (article.txt and meta.json beside them) or BRAT directories (text/ and attributions/)." placeholder:"GOLD" type:"path"`

	JSON           bool    `help:"Print the scores as JSON: totals and one result per article."`
	Verbose        bool    `short:"v" help:"List misses, extra predictions, wrong fields and failed checks per article."`
	MinF1          float64 `name:"min-f1" help:"Fail (exit 9) if the total F1 is below this." placeholder:"X"`
	MinPrecision   float64 `help:"Fail (exit 9) if the total precision is below this." placeholder:"X"`
	MinRecall      float64 `help:"Fail (exit 9) if the total recall is below this." placeholder:"X"`
	MinRelations   int     `help:"Fail (exit 9) if fewer gold relations than this are matched." placeholder:"N"`
	MinAffiliation float64 `help:"Fail (exit 9) if the affiliation accuracy over matched statements is below this." placeholder:"X"`
	MinTextChecks  int     `help:"Fail (exit 9) if fewer clean-text checks than this pass." placeholder:"N"`
	Strict         bool    `help:"Fail on any unusable annotation file instead of skipping it with a warning."`
	Published      string  `help:"Publication date for every article, overriding the gold's (YYYY-MM-DD)." placeholder:"DATE"`
}

// evalReport is the JSON output of eval.
type evalReport struct {
	Totals   eval.Totals   `json:"totals"`
	Articles []eval.Result `json:"articles"`
}

// Run analyzes each gold article's text, scores it, prints the scores and
// checks the thresholds.
func (c *EvalCmd) Run(ctx context.Context, g *Globals) error {
	if c.Published != "" && !validDate(c.Published) {
		return crosscheck.Errorf(crosscheck.EINVALID, "--published %q: want YYYY-MM-DD or an RFC 3339 date-time", c.Published)
	}
	for name, v := range map[string]float64{"--min-f1": c.MinF1, "--min-precision": c.MinPrecision, "--min-recall": c.MinRecall, "--min-affiliation": c.MinAffiliation} {
		if v < 0 || v > 1 {
			return crosscheck.Errorf(crosscheck.EINVALID, "%s %v: want a number between 0 and 1", name, v)
		}
	}
	var arts []eval.GoldArticle
	for _, p := range c.Gold {
		a, err := eval.LoadArticles(p)
		var skipped *eval.SkippedError
		if errors.As(err, &skipped) && !c.Strict {
			fmt.Fprintf(g.stderr, "crosscheck: warning: %v\n", err)
			err = nil
		}
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return &crosscheck.Error{Code: crosscheck.ENOTFOUND, Message: fmt.Sprintf("gold %s", p), Err: err}
			}
			return &crosscheck.Error{Code: crosscheck.EINVALID, Message: fmt.Sprintf("gold %s", p), Err: err}
		}
		arts = append(arts, a...)
	}
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		return fmt.Errorf("load analyzer: %w", err)
	}
	rep := evalReport{Articles: make([]eval.Result, 0, len(arts))}
	for _, a := range arts {
		doc := crosscheck.Document{
			Body:        []byte(a.Text),
			ContentType: "text/plain; charset=utf-8",
			Published:   a.Published,
			Site:        a.Site,
			Title:       a.Gold.Title,
		}
		if c.Published != "" {
			doc.Published = c.Published
		}
		an, err := z.Analyze(ctx, doc)
		if err != nil {
			return fmt.Errorf("analyze %s: %w", a.Name, err)
		}
		r := eval.Score(an, a.Gold)
		r.Article = a.Name
		rep.Totals.Add(r)
		rep.Articles = append(rep.Articles, r)
		g.logger.Debug("scored", "article", a.Name, "f1", r.F1, "predicted", r.Predicted)
	}
	if c.JSON {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rep); err != nil {
			return fmt.Errorf("write scores: %w", err)
		}
	} else if err := printEval(g.stdout, rep, c.Verbose); err != nil {
		return fmt.Errorf("write scores: %w", err)
	}
	return c.check(rep.Totals)
}

// check returns a below-threshold error naming every score under its floor.
func (c *EvalCmd) check(t eval.Totals) error {
	var low []string
	if p := t.Precision(); p < c.MinPrecision {
		low = append(low, fmt.Sprintf("precision %.3f < %.3f", p, c.MinPrecision))
	}
	if r := t.Recall(); r < c.MinRecall {
		low = append(low, fmt.Sprintf("recall %.3f < %.3f", r, c.MinRecall))
	}
	if f := t.F1(); f < c.MinF1 {
		low = append(low, fmt.Sprintf("F1 %.3f < %.3f", f, c.MinF1))
	}
	if a := t.Accuracy.Affiliation; c.MinAffiliation > 0 && a.Value() < c.MinAffiliation {
		low = append(low, fmt.Sprintf("affiliation accuracy %.3f < %.3f", a.Value(), c.MinAffiliation))
	}
	if n := t.Relations.Correct; n < c.MinRelations {
		low = append(low, fmt.Sprintf("relations matched %d < %d", n, c.MinRelations))
	}
	if n := t.TextChecks.Correct; n < c.MinTextChecks {
		low = append(low, fmt.Sprintf("clean-text checks passed %d < %d", n, c.MinTextChecks))
	}
	if len(low) > 0 {
		return &crosscheck.Error{Code: codeBelowThreshold, Message: "below threshold: " + strings.Join(low, ", ")}
	}
	return nil
}

func printEval(w io.Writer, rep evalReport, verbose bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "article\tP\tR\tF1\tmatched/required\tpredicted\trelations\ttext checks")
	for _, r := range rep.Articles {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d/%d\t%d\t%d/%d\t%d/%d\n", r.Article, r.Precision, r.Recall, r.F1,
			r.MatchedRequired, r.Required, r.Predicted, r.Relations.Correct, r.Relations.Total, r.TextChecks.Correct, r.TextChecks.Total)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	t := rep.Totals
	fmt.Fprintf(w, "\ntotal over %d article(s), micro-averaged:\n", t.Articles)
	fmt.Fprintf(w, "  precision %.3f  recall %.3f  F1 %.3f\n", t.Precision(), t.Recall(), t.F1())
	fmt.Fprintf(w, "  statements: %d predicted, %d gold (%d required), %d matched (%d required, %d optional)\n",
		t.Predicted, t.Gold, t.Required, t.Matched, t.MatchedRequired, t.MatchedOptional)
	acc := t.Accuracy
	fmt.Fprintf(w, "  accuracy over matched pairs: kind %s, cue %s, stance %s, affiliation %s, via %s, time %s\n",
		ratio(acc.Kind), ratio(acc.Cue), ratio(acc.Stance), ratio(acc.Affiliation), ratio(acc.Via), ratio(acc.Time))
	fmt.Fprintf(w, "  relations matched: %d/%d (%d predicted)\n", t.Relations.Correct, t.Relations.Total, t.RelationsPred)
	fmt.Fprintf(w, "  clean-text checks passed: %d/%d\n", t.TextChecks.Correct, t.TextChecks.Total)
	if !verbose {
		return nil
	}
	for _, r := range rep.Articles {
		fmt.Fprintf(w, "\n== %s\n", r.Article)
		for _, m := range r.Misses {
			fmt.Fprintf(w, "  miss %s [%s] %q\n", m.Gold, m.Speaker, m.Content)
			if b := m.Best; b != nil {
				taken := ""
				if b.TakenBy != "" {
					taken = ", matched to " + b.TakenBy
				}
				fmt.Fprintf(w, "       best %s [%s] content F1 %.2f, speaker agrees %v%s: %q\n",
					b.Pred, b.Speaker, b.ContentF1, b.SpeakerAgrees, taken, b.Content)
			}
		}
		for _, e := range r.Extras {
			fmt.Fprintf(w, "  extra %s [%s] %q\n", e.Pred, e.Speaker, e.Content)
		}
		for _, p := range r.Pairs {
			for _, x := range p.Wrong {
				fmt.Fprintf(w, "  pair %s~%s %s\n", p.Gold, p.Pred, x)
			}
		}
		for _, m := range r.RelationMisses {
			fmt.Fprintf(w, "  relation miss %s %s→%s by %q (predicted endpoints %s→%s)\n", m.Type, m.From, m.To, m.By, orNone(m.FromPred), orNone(m.ToPred))
		}
		for _, x := range r.RelationExtras {
			fmt.Fprintf(w, "  relation extra %s %s→%s (gold %s→%s) %q\n", x.Type, orNone(x.From), x.To, orNone(x.FromGold), orNone(x.ToGold), x.Evidence)
		}
		for _, f := range r.TextFailures {
			fmt.Fprintf(w, "  text check failed: %s\n", f)
		}
	}
	return nil
}

func ratio(r eval.Ratio) string {
	if r.Total == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f (%d/%d)", r.Value(), r.Correct, r.Total)
}
