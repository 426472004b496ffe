package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck/internal/ledger"
	"github.com/crosscheck/crosscheck/internal/store"
)

// ingestMemoryLimit is the Go heap's soft limit (runtime/debug.SetMemoryLimit)
// in the commands that ingest and build the ledger, unless GOMEMLIMIT sets
// one: what a ledger step holds is live for a moment and then garbage, and
// without a limit the heap grows to twice the live size before it is
// collected (GOGC). The limit is soft: a larger live heap is not refused,
// only collected more often.
const ingestMemoryLimit = 300 << 20

// limitMemory sets ingestMemoryLimit when GOMEMLIMIT is not set, and until
// ctx ends keeps the limit above the live heap (headroomLimit after each
// collection). A limit under the live heap saves no memory: the collector
// then runs without pause, up to half the CPU, and the work takes twice
// as long — what building a claim of 200,000 statements, live at once,
// did at 300 MiB.
func limitMemory(ctx context.Context) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(ingestMemoryLimit)
	go followLiveHeap(ctx, ingestMemoryLimit)
}

// headroomLimit is the soft limit for a live heap of live bytes: base, or
// half as much again as the live heap when that is more (GOGC's default
// would let the heap grow to twice it).
func headroomLimit(live uint64, base int64) int64 {
	return max(base, int64(live/2*3))
}

// followLiveHeap moves the soft limit to headroomLimit after each
// collection (heapFollower).
func followLiveHeap(ctx context.Context, base int64) {
	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	var cycles uint64
	f := heapFollower{base: base, cur: base}
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		metrics.Read(samples)
		if samples[0].Value.Kind() != metrics.KindUint64 || samples[1].Value.Uint64() == cycles {
			continue
		}
		cycles = samples[1].Value.Uint64()
		if limit, ok := f.observe(samples[0].Value.Uint64()); ok {
			debug.SetMemoryLimit(limit)
		}
	}
}

// heapFollower decides the soft limit from the live heap after each
// collection: headroomLimit, changed only when it differs from the current
// limit by more than an eighth (a limit set at every collection would
// follow noise).
type heapFollower struct{ base, cur int64 }

func (f *heapFollower) observe(live uint64) (limit int64, changed bool) {
	want := headroomLimit(live, f.base)
	if want > f.cur+f.cur/8 || want < f.cur-f.cur/8 {
		f.cur = want
		return want, true
	}
	return f.cur, false
}

// newLedger is the claim ledger of st (internal/ledger). maxRebuild limits
// a full rebuild (asked for, or needed for a database whose ledger has no
// incremental state yet); 0: no limit. cache bounds the decoded statements
// kept between updates; 0: the ledger's default.
func newLedger(st store.Store, log *slog.Logger, maxRebuild, cache int) (*ledger.Ledger, error) {
	l, err := ledger.New(st, ledger.Options{Logger: log, MaxRebuildArticles: maxRebuild, CacheUnits: cache})
	if err != nil {
		return nil, fmt.Errorf("claim ledger: %w", err)
	}
	return l, nil
}

// updateLedger brings st's ledger up to date (or rebuilds it) and returns
// the summary line of it, or a note when a rebuild was refused by its
// limit (the previous ledger is kept).
func updateLedger(ctx context.Context, st store.Store, log *slog.Logger, rebuild bool, maxRebuild, cache int) (res ledger.Result, line string, err error) {
	l, err := newLedger(st, log, maxRebuild, cache)
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

// mergeText merges the store's full-text indexes after a ledger update
// that removed claims (store.TextMerger): each removed claim's row left a
// tombstone in the claims' index that every text query checks until a
// merge drops it. The work is a page per claim removed, more than the
// index holds of one, so that the merging keeps up. An update that removed
// none (a first ingest) leaves nothing to drop, and no freed pages in the
// file. A failure costs only speed: it is logged.
func mergeText(ctx context.Context, st store.Store, log *slog.Logger, removed int) {
	m, ok := st.(store.TextMerger)
	if !ok || removed <= 0 {
		return
	}
	start := time.Now()
	if err := m.MergeText(ctx, removed); err != nil {
		log.Warn("text index not merged", "err", err)
		return
	}
	log.Info("text index merged", "pages", removed, "elapsed", time.Since(start).Round(time.Millisecond))
}

// ledgerLine is the summary of a ledger update: "claims: 3425 (rebuilt in
// 1.2s)" or "claims: 3425 (ledger updated in 240ms: 12 articles, 30
// claims written, 8 removed)".
func ledgerLine(r ledger.Result) string {
	took := r.Elapsed.Round(time.Millisecond)
	s := fmt.Sprintf("claims: %d (ledger updated in %s: %d articles, %d claims written, %d removed", r.Claims, took, r.Articles, r.Written, r.Removed)
	if r.Kept > 0 {
		s += fmt.Sprintf(", %d of earlier episodes kept", r.Kept)
	}
	s += ")"
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
	limitMemory(ctx)
	st, err := openStore(ctx, g)
	if err != nil {
		return err
	}
	defer st.Close()
	_, line, err := updateLedger(ctx, st, g.logger, true, c.LedgerMaxArticles, g.LedgerCache)
	if err != nil {
		return err
	}
	fmt.Fprintln(g.stdout, line)
	return nil
}
