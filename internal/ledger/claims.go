package ledger

import (
	"context"
	"fmt"
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
			if len(d.Comps) == 0 && len(d.Remove) == 0 {
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
		add := func(comp store.LedgerComp, built []crosscheck.Claim, kept []string, statements int) error {
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
			d.Comps = append(d.Comps, comp)
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

// partClaims builds the claims of comps in a step of its own (its decoded
// statements and their interned parts let go after it), decoding each
// statement as it is read, and hands add each component with its claims
// (one per episode, claims.Options.Episodes; none for an episode without a
// voice or whose build failed: a recorded failure), the claims it kept and
// its number of statements read.
//
// A component marked from a time (store.LedgerComp.From) whose episodes
// have known starts is read from the start of the last episode at or
// before that time (store.LedgerTx.EachComponentUnitSince) and cut again
// from there (claims.Options.Cut); the episodes before it keep their
// claims. A claim restated for years is then built again only in the
// episodes new statements join, not whole.
func (l *Ledger) partClaims(ctx context.Context, v store.LedgerTx, comps []store.LedgerComp, res *Result,
	add func(comp store.LedgerComp, built []crosscheck.Claim, kept []string, statements int) error) error {
	s := &step{l: l, v: v, lx: l.opt.Claims.Lexicon, opt: l.opt.Claims,
		docs: map[int64]*doc{}, reg: map[store.UnitRef]*unit{}}
	// Statements the cache holds decoded are not decompressed again; the
	// others are decoded as they are read, so that the JSON of a large
	// component is not held whole.
	cached := map[store.UnitRef]*unitData{}
	skip := func(r store.UnitRef) bool {
		if d := l.cache.get(r); d != nil {
			cached[r] = d
			return true
		}
		return false
	}
	rows := map[int64][]*unit{}
	var ks []int64
	read := func(lu store.LedgerUnit) error {
		ud := cached[lu.UnitRef]
		if ud == nil {
			var err error
			if ud, err = s.decode(lu); err != nil {
				return err
			}
		}
		rows[lu.Comp] = append(rows[lu.Comp], &unit{ref: lu.UnitRef, d: ud, comp: lu.Comp, echo: lu.Echo, node: -1})
		ks = append(ks, lu.K)
		return nil
	}
	restart := map[int64]int{} // component → index of the episode it is cut again from
	var whole []int64
	for _, c := range comps {
		k := restartAt(c)
		if k < 0 {
			whole = append(whole, c.Comp)
			continue
		}
		restart[c.Comp] = k
		start := c.Episodes[k].Start
		since := time.Unix(0, start).Unix()
		err := v.EachComponentUnitSince(ctx, c.Comp, since, skip, func(lu store.LedgerUnit) error {
			if err := read(lu); err != nil {
				return err
			}
			// The exact cut: statements of the same second before the
			// episode's first are in the one before.
			us := rows[lu.Comp]
			u := us[len(us)-1]
			if t, ok := claims.PublishedAt(&u.d.P); ok && t.UnixNano() < start {
				rows[lu.Comp] = us[:len(us)-1]
				ks = ks[:len(ks)-1]
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if len(whole) > 0 {
		if err := v.EachComponentUnit(ctx, whole, skip, read); err != nil {
			return err
		}
	}
	if err := s.needHeads(ctx, ks); err != nil {
		return err
	}
	var fams []int64
	for _, k := range ks {
		fams = append(fams, s.docs[k].Family)
	}
	if err := s.needHeads(ctx, fams); err != nil {
		return err
	}
	for _, c := range comps {
		if err := s.tick(ctx); err != nil {
			return err
		}
		group := rows[c.Comp]
		delete(rows, c.Comp)
		comp := store.LedgerComp{Comp: c.Comp}
		var built []crosscheck.Claim
		var kept []string
		slices.SortFunc(group, func(a, b *unit) int { return claims.ComparePrepared(&a.d.P, &b.d.P) })
		ps := make([]*claims.Prepared, len(group))
		for i, u := range group {
			ps[i] = &u.d.P
		}
		var starts []int
		if k, ok := restart[c.Comp]; ok {
			comp.Episodes = slices.Clone(c.Episodes[:k])
			kept = store.Claims(comp.Episodes)
			starts = l.opt.Claims.Cut(ps)
		} else {
			starts = l.opt.Claims.Episodes(ps)
		}
		// Episodes get their starts when the component is large enough to
		// have several, so that it can be cut again from one of them.
		withStarts := len(comp.Episodes) > 0 || len(group) >= l.opt.Claims.EpisodeMinimum()
		for k, from := range starts {
			to := len(group)
			if k+1 < len(starts) {
				to = starts[k+1]
			}
			if from == to {
				continue // nothing read: every statement is before the restart
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
			comp.Episodes = append(comp.Episodes, ep)
		}
		if err := add(comp, built, kept, len(group)); err != nil {
			return err
		}
	}
	return nil
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
