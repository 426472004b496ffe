// Package analyze runs the per-article stages — extract, segment, entity,
// attribution, stance — on one Document and returns its Analysis. It is the
// one orchestrator shared by the CLI, the ingest workers and the API: it owns
// the context checks between stages and the span invariant.
package analyze

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/attribution"
	"github.com/crosscheck/crosscheck/internal/entity"
	"github.com/crosscheck/crosscheck/internal/extract"
	"github.com/crosscheck/crosscheck/internal/gazetteer"
	"github.com/crosscheck/crosscheck/internal/segment"
	"github.com/crosscheck/crosscheck/internal/stance"
	"github.com/crosscheck/crosscheck/internal/timex"
)

// Options configure an Analyzer.
type Options struct {
	Extract extract.Options
}

// Analyzer analyzes articles. It holds the loaded lexicons and is safe for
// concurrent use: Analyze does not modify it.
type Analyzer struct {
	opt    Options
	gaz    *gazetteer.Gazetteer
	entity *entity.Lexicon
	cues   *attribution.Lexicon
	stance *stance.Lexicon
}

// New loads the embedded lexicons (gazetteer, entity, attribution cues,
// stance) once and returns an Analyzer. It fails only when embedded data is
// malformed.
func New(opt Options) (*Analyzer, error) {
	g, err := gazetteer.Load()
	if err != nil {
		return nil, fmt.Errorf("analyze: %w", err)
	}
	el, err := entity.LoadLexicon(g)
	if err != nil {
		return nil, fmt.Errorf("analyze: %w", err)
	}
	cues, err := attribution.New()
	if err != nil {
		return nil, fmt.Errorf("analyze: %w", err)
	}
	sl, err := stance.New()
	if err != nil {
		return nil, fmt.Errorf("analyze: %w", err)
	}
	return &Analyzer{opt: opt, gaz: g, entity: el, cues: cues, stance: sl}, nil
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
	if ents := entity.FindAt(art.Text, a.Sentences, z.entity, publishedAt(art.Published)); ents != nil {
		a.Entities = ents
	}
	if err := ctx.Err(); err != nil {
		return crosscheck.Analysis{}, err
	}
	stmts := attribution.Extract(&a.Article, a.Sentences, a.Entities, z.cues,
		attribution.Options{Describer: z.entity, Referrer: z.entity, Genders: z.entity, Time: timex.Resolve, BareName: z.entity.BareName})
	a.Statements, a.Relations = stance.Classify(&a.Article, a.Sentences, stmts, z.stance,
		stance.Options{Country: z.country})
	if err := a.Validate(); err != nil {
		return a, fmt.Errorf("analyze %s: contract violated: %w", describe(doc), err)
	}
	return a, nil
}

// publishedAt reads an article's publication time (RFC 3339 or a date);
// zero when it has none.
func publishedAt(s crosscheck.NullString) time.Time {
	for _, layout := range []string{time.RFC3339, time.DateOnly} {
		if t, err := time.Parse(layout, string(s)); err == nil {
			return t
		}
	}
	return time.Time{}
}

// country names the ISO country of a demonym or country name ("Russian",
// "Ukraine's"), for relation evidence.
func (z *Analyzer) country(word string) (string, bool) {
	w := strings.TrimSuffix(strings.TrimSuffix(word, "'s"), "’s")
	if iso, ok := z.gaz.Demonym(w); ok {
		return iso, true
	}
	return z.gaz.Country(w)
}

func describe(doc crosscheck.Document) string {
	if doc.URL != "" {
		return doc.URL
	}
	return "document"
}

// Gazetteer returns the gazetteer the analyzer loaded, so that a server can
// name party codes and place names without loading it twice.
func (z *Analyzer) Gazetteer() *gazetteer.Gazetteer { return z.gaz }
