package ledger

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/claims"
	"github.com/crosscheck/crosscheck/internal/store"
)

// claimsPage is the number of components whose claims one write builds.
const claimsPage = 1024

// claimsWriteStatements bounds the statements of the claims one write
// holds, and claimsPart the components read and built at a time (each part
// in a step of its own): the decoded statements and built claims of a
// whole page are not in memory at once. Measured on 1,000 recent articles
// into 100,000: peak RSS 449–491 MB with whole pages, 388–403 MB in parts,
// in the same time (bench/README, "Memory of the claims pass").
const (
	claimsWriteStatements = 20000
	claimsPart            = 64
)

// streamMin is the size of component from which the claims pass reads it
// in publication order, one episode at a time (streamComp), even when it
// reads it whole: a smaller one is read together with others.
const streamMin = 1000

// claimsPass builds the claims of the components the steps changed, each
// once (claims.Status over its members, as Build's builder.claim), removes
// the claims of the components they replaced, and stores the new ones. A
// claim whose build panics is a recorded failure. It returns the claims
// written and removed.
//
// A stored claim rebuilt under the same id is removed in the write that
// stores its new version, so that the store writes it by its difference
// (a claim of thousands of statements that gained a few); the replaced
// claims not rebuilt go in the last write.
func (l *Ledger) claimsPass(ctx context.Context, v store.LedgerTx, res *Result) error {
	old, err := v.OldClaims(ctx)
	if err != nil {
		return err
	}
	res.Removed += len(old)
	replaced := make(map[string]bool, len(old))
	for _, id := range old {
		replaced[id] = true
	}
	after := int64(0)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		comps, err := v.PendingComps(ctx, after, claimsPage)
		if err != nil {
			return err
		}
		var d store.LedgerDelta
		if len(comps) == 0 {
			for _, id := range old {
				if replaced[id] {
					d.Remove = append(d.Remove, id)
				}
			}
			if len(d.Remove) > 0 {
				d.DropOldClaims = d.Remove
				return v.Apply(ctx, d)
			}
			return nil
		}
		after = comps[len(comps)-1].Comp
		held := 0 // statements of the claims in d
		write := func() error {
			if len(d.Comps) == 0 && len(d.Remove) == 0 && len(d.Claims) == 0 {
				return nil
			}
			d.DropOldClaims = append(d.DropOldClaims, d.Remove...)
			if err := v.Apply(ctx, d); err != nil {
				return fmt.Errorf("ledger: write claims: %w", err)
			}
			res.Written += len(d.Claims)
			d, held = store.LedgerDelta{}, 0
			return nil
		}
		add := func(comp *store.LedgerComp, built []crosscheck.Claim, kept []string, statements int) error {
			// The claims of the episodes before what changed stay as
			// they are: no longer replaced, nor waiting in OldClaims.
			for _, id := range kept {
				if replaced[id] {
					delete(replaced, id)
					d.DropOldClaims = append(d.DropOldClaims, id)
					res.Removed--
				}
				res.Kept++
			}
			for _, cl := range built {
				d.Claims = append(d.Claims, cl)
				if replaced[cl.ID] {
					delete(replaced, cl.ID)
					d.Remove = append(d.Remove, cl.ID)
				}
			}
			if comp != nil {
				d.Comps = append(d.Comps, *comp)
			}
			if held += statements; held >= claimsWriteStatements {
				return write()
			}
			return nil
		}
		// Components are read and built a few at a time; the write waits
		// for claimsWriteStatements.
		for part := range slices.Chunk(comps, claimsPart) {
			if err := l.partClaims(ctx, v, part, res, add); err != nil {
				return err
			}
		}
		if err := write(); err != nil {
			return err
		}
	}
}

// addClaims takes the claims built for a component: with comp nil, those
// of some of its episodes, more to come; with comp, the last ones, the
// component's state and the claims of the episodes it kept.
type addClaims func(comp *store.LedgerComp, built []crosscheck.Claim, kept []string, statements int) error

// partClaims builds the claims of comps, one per episode
// (claims.Options.Episodes; none for an episode without a voice or whose
// build failed: a recorded failure), and hands them to add.
//
// A component marked from a time (store.LedgerComp.From) whose episodes
// have known starts is read from the start of the last episode at or
// before that time (restartAt) and cut again from there
// (claims.Options.Cut); the episodes before it keep their claims. Such a
// component, and one of streamMin statements or more, is read in
// publication order and each episode built as soon as it is complete
// (streamComp), so that memory holds one episode, not a claim restated for
// years. The others, nearly all, are read whole together and built, in a
// step of their own (its decoded statements and their interned parts let
// go after it).
func (l *Ledger) partClaims(ctx context.Context, v store.LedgerTx, comps []store.LedgerComp, res *Result, add addClaims) error {
	ids := make([]int64, len(comps))
	for i, c := range comps {
		ids[i] = c.Comp
	}
	stats, err := v.CompStats(ctx, ids)
	if err != nil {
		return err
	}
	var small []store.LedgerComp
	for _, c := range comps {
		k := restartAt(c)
		if k <= 0 && stats[c.Comp].Size < streamMin {
			// Read whole, and small enough to be read with others.
			small = append(small, c)
			continue
		}
		if err := l.streamComp(ctx, v, c, k, res, add); err != nil {
			return err
		}
	}
	if len(small) == 0 {
		return nil
	}
	s := l.claimStep(v)
	rows := map[int64][]*unit{}
	ids = ids[:0]
	for _, c := range small {
		ids = append(ids, c.Comp)
	}
	err = v.EachComponentUnit(ctx, ids, s.cached, func(lu store.LedgerUnit) error {
		u, err := s.unitOf(lu)
		if err != nil {
			return err
		}
		rows[lu.Comp] = append(rows[lu.Comp], u)
		return nil
	})
	if err != nil {
		return err
	}
	for _, c := range small {
		if err := s.tick(ctx); err != nil {
			return err
		}
		group := rows[c.Comp]
		delete(rows, c.Comp)
		comp := store.LedgerComp{Comp: c.Comp}
		sortUnits(group)
		built, eps, err := s.episodes(ctx, group, l.opt.Claims.Episodes(prepared(group)), false, res)
		if err != nil {
			return err
		}
		comp.Episodes = eps
		if err := add(&comp, built, nil, len(group)); err != nil {
			return err
		}
	}
	return nil
}

// claimStep returns a step that reads and builds claims: statements the
// ledger's cache holds decoded are not decompressed again (cached), the
// others are decoded as they are read, so that the JSON of a large
// component is not held whole.
func (l *Ledger) claimStep(v store.LedgerTx) *step {
	return &step{l: l, v: v, lx: l.opt.Claims.Lexicon, opt: l.opt.Claims,
		docs: map[int64]*doc{}, reg: map[store.UnitRef]*unit{}, decoded: map[store.UnitRef]*unitData{}}
}

// cached reports whether the ledger's cache holds r decoded (then its data
// need not be read), keeping it for unitOf.
func (s *step) cached(r store.UnitRef) bool {
	if d := s.l.cache.get(r); d != nil {
		s.decoded[r] = d
		return true
	}
	return false
}

// unitOf is a stored statement read for its claim.
func (s *step) unitOf(lu store.LedgerUnit) (*unit, error) {
	ud := s.decoded[lu.UnitRef]
	if ud == nil {
		var err error
		if ud, err = s.decode(lu); err != nil {
			return nil, err
		}
	}
	return &unit{ref: lu.UnitRef, d: ud, comp: lu.Comp, echo: lu.Echo, node: -1}, nil
}

// episodes builds the claims of group, sorted, cut at starts: it returns
// the claims and the episodes, with their starts when the component is
// large enough to have several (withStarts, or as many statements as
// claims.Options.EpisodeMin), so that an update can cut it again from one.
func (s *step) episodes(ctx context.Context, group []*unit, starts []int, withStarts bool, res *Result) ([]crosscheck.Claim, []store.Episode, error) {
	var ks []int64
	for _, u := range group {
		ks = append(ks, u.ref.K)
	}
	if err := s.needHeads(ctx, ks); err != nil {
		return nil, nil, err
	}
	fams := ks[:0]
	for _, u := range group {
		fams = append(fams, s.docs[u.ref.K].Family)
	}
	if err := s.needHeads(ctx, fams); err != nil {
		return nil, nil, err
	}
	withStarts = withStarts || len(group) >= s.opt.EpisodeMinimum()
	var built []crosscheck.Claim
	var eps []store.Episode
	for k, from := range starts {
		to := len(group)
		if k+1 < len(starts) {
			to = starts[k+1]
		}
		if from == to {
			continue
		}
		episode := group[from:to]
		ep := store.Episode{}
		if t, ok := claims.PublishedAt(&episode[0].d.P); ok && withStarts {
			ep.Start = t.UnixNano()
		}
		cl, ok, err := s.claim(episode)
		switch {
		case err != nil:
			first := episode[0].d.P
			res.Failures = append(res.Failures, claims.Failure{Article: first.Article,
				Claim: claims.ClaimID(first.Article, first.Statement), Error: err.Error()})
		case ok:
			ep.Claim = cl.ID
			built = append(built, cl)
		}
		eps = append(eps, ep)
	}
	return built, eps, nil
}

// streamComp builds the claims of one large component episode by episode:
// its statements are read in the order of their times from the start of
// episode k (the whole component when k < 0), and an episode is built and
// handed to add as soon as a statement starts the next, each in a step of
// its own. Statements with no time stored are read first: undated ones
// join the last episode; a dated one (stored before the store kept times)
// makes the component read whole and cut in memory, as before.
func (l *Ledger) streamComp(ctx context.Context, v store.LedgerTx, c store.LedgerComp, k int, res *Result, add addClaims) error {
	comp := store.LedgerComp{Comp: c.Comp}
	var kept []string
	since, start := int64(math.MinInt64), int64(math.MinInt64)
	if k >= 0 {
		comp.Episodes = slices.Clone(c.Episodes[:k])
		kept = store.Claims(comp.Episodes)
		start = c.Episodes[k].Start
		since = time.Unix(0, start).Unix()
	}
	s := l.claimStep(v)
	var (
		undated, legacy []*unit
		second          []*unit // the statements of one second, in the order read
		at              int64   // their second
		cur             []*unit // the episode being read
	)
	emit := func() error {
		if len(cur) == 0 {
			return nil
		}
		built, eps, err := s.episodes(ctx, cur, []int{0}, true, res)
		if err != nil {
			return err
		}
		comp.Episodes = append(comp.Episodes, eps...)
		if err := add(nil, built, nil, len(cur)); err != nil {
			return err
		}
		cur, s = nil, l.claimStep(v)
		return nil
	}
	// feed places the statements of one second, sorted, after the
	// episode being read; statements before the restart are the kept
	// episodes'.
	feed := func(us []*unit) error {
		sortUnits(us)
		for _, u := range us {
			if before(u, start) {
				continue
			}
			if len(cur) > 0 && l.opt.Claims.NewEpisode(&cur[0].d.P, &u.d.P) {
				if err := emit(); err != nil {
					return err
				}
			}
			cur = append(cur, u)
		}
		return nil
	}
	skip := func(r store.UnitRef) bool { return s.cached(r) } // the step of the episode being read
	err := v.EachComponentUnitWithin(ctx, c.Comp, since, math.MaxInt64, skip, func(lu store.LedgerUnit) error {
		if err := s.tick(ctx); err != nil {
			return err
		}
		u, err := s.unitOf(lu)
		if err != nil {
			return err
		}
		switch {
		case lu.At == 0:
			if _, dated := claims.PublishedAt(&u.d.P); dated {
				legacy = append(legacy, u)
			} else {
				undated = append(undated, u)
			}
			return nil
		case len(legacy) > 0:
			legacy = append(legacy, u)
			return nil
		case lu.At != at:
			if err := feed(second); err != nil {
				return err
			}
			second, at = second[:0], lu.At
		}
		second = append(second, u)
		return nil
	})
	if err != nil {
		return err
	}
	if len(legacy) > 0 {
		// Read whole: cut in memory.
		group := append(legacy, undated...)
		sortUnits(group)
		var starts []int
		if k >= 0 {
			n := 0
			for _, u := range group {
				if !before(u, start) {
					group[n] = u
					n++
				}
			}
			group = group[:n]
			starts = l.opt.Claims.Cut(prepared(group))
		} else {
			starts = l.opt.Claims.Episodes(prepared(group))
		}
		built, eps, err := s.episodes(ctx, group, starts, k >= 0, res)
		if err != nil {
			return err
		}
		comp.Episodes = append(comp.Episodes, eps...)
		return add(&comp, built, kept, len(group))
	}
	if err := feed(second); err != nil {
		return err
	}
	cur = append(cur, undated...)
	if err := emit(); err != nil {
		return err
	}
	return add(&comp, nil, kept, 0)
}

// before reports whether u is published before start (Unix nanoseconds):
// a statement of the episodes kept. An undated one never is.
func before(u *unit, start int64) bool {
	t, ok := claims.PublishedAt(&u.d.P)
	return ok && t.UnixNano() < start
}

func sortUnits(us []*unit) {
	slices.SortFunc(us, func(a, b *unit) int { return claims.ComparePrepared(&a.d.P, &b.d.P) })
}

func prepared(us []*unit) []*claims.Prepared {
	ps := make([]*claims.Prepared, len(us))
	for i, u := range us {
		ps[i] = &u.d.P
	}
	return ps
}

// restartAt returns the index of the episode a pending component is cut
// again from: the last whose start is known and at or before c.From; -1
// when it must be built whole (From 0, no episode starts known, or a
// change before the first).
func restartAt(c store.LedgerComp) int {
	if c.From == 0 {
		return -1
	}
	k := -1
	for i, e := range c.Episodes {
		if e.Start == 0 {
			return -1 // stored before episodes had starts
		}
		if e.Start <= c.From {
			k = i
		}
	}
	return k
}
