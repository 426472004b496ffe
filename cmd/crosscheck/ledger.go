package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck/internal/ledger"
	"github.com/crosscheck/crosscheck/internal/store"
)

// newLedger is the claim ledger of st (internal/ledger). maxRebuild limits
// a full rebuild (asked for, or needed for a database whose ledger has no
// incremental state yet); 0: no limit.
func newLedger(st store.Store, log *slog.Logger, maxRebuild int) (*ledger.Ledger, error) {
	l, err := ledger.New(st, ledger.Options{Logger: log, MaxRebuildArticles: maxRebuild})
	if err != nil {
		return nil, fmt.Errorf("claim ledger: %w", err)
	}
	return l, nil
}

// updateLedger brings st's ledger up to date (or rebuilds it) and returns
// the summary line of it, or a note when a rebuild was refused by its
// limit (the previous ledger is kept).
func updateLedger(ctx context.Context, st store.Store, log *slog.Logger, rebuild bool, maxRebuild int) (res ledger.Result, line string, err error) {
	l, err := newLedger(st, log, maxRebuild)
	if err != nil {
		return res, "", err
	}
	if rebuild {
		res, err = l.Rebuild(ctx)
	} else {
		res, err = l.Update(ctx)
	}
	if errors.Is(err, ledger.ErrRebuildLimit) {
		return res, fmt.Sprintf("claims: not rebuilt: %s (--ledger-max-articles); the previous ledger is kept",
			strings.TrimPrefix(err.Error(), "ledger: ")), nil
	}
	if err != nil {
		return res, "", err
	}
	return res, ledgerLine(res), nil
}

// ledgerLine is the summary of a ledger update: "claims: 3425 (rebuilt in
// 1.2s)" or "claims: 3425 (ledger updated in 240ms: 12 articles, 30
// claims written, 8 removed)".
func ledgerLine(r ledger.Result) string {
	took := r.Elapsed.Round(time.Millisecond)
	s := fmt.Sprintf("claims: %d (ledger updated in %s: %d articles, %d claims written, %d removed)", r.Claims, took, r.Articles, r.Written, r.Removed)
	if r.Rebuilt {
		s = fmt.Sprintf("claims: %d (rebuilt in %s: %d articles)", r.Claims, took, r.Articles)
	}
	if n := len(r.Failures); n > 0 {
		s += fmt.Sprintf("; %d left out (first: %s)", n, r.Failures[0].Error)
	}
	return s
}

// RebuildCmd builds the claim ledger again from every stored article.
type RebuildCmd struct {
	LedgerMaxArticles int `name:"ledger-max-articles" help:"Refuse to rebuild over more stored articles than this; 0 for no limit." default:"0"`
}

// Run rebuilds the ledger. SIGINT/SIGTERM stop it within a second and
// leave the previous ledger as it was.
func (c *RebuildCmd) Run(ctx context.Context, g *Globals) error {
	st, err := openStore(ctx, g)
	if err != nil {
		return err
	}
	defer st.Close()
	_, line, err := updateLedger(ctx, st, g.logger, true, c.LedgerMaxArticles)
	if err != nil {
		return err
	}
	fmt.Fprintln(g.stdout, line)
	return nil
}
