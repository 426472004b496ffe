package ledger

import (
	"context"
	"fmt"
	"slices"

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
		after = comps[len(comps)-1]
		held := 0 // statements of the claims in d
		write := func() error {
			if len(d.Comps) == 0 && len(d.Remove) == 0 {
				return nil
			}
			d.DropOldClaims = d.Remove
			if err := v.Apply(ctx, d); err != nil {
				return fmt.Errorf("ledger: write claims: %w", err)
			}
			res.Written += len(d.Claims)
			d, held = store.LedgerDelta{}, 0
			return nil
		}
		add := func(comp store.LedgerComp, cl *crosscheck.Claim, statements int) error {
			if cl != nil {
				d.Claims = append(d.Claims, *cl)
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
// statement as it is read, and hands add each component with its claim
// (nil when it makes none or failed: a recorded failure) and its number of
// statements.
func (l *Ledger) partClaims(ctx context.Context, v store.LedgerTx, comps []int64, res *Result,
	add func(comp store.LedgerComp, cl *crosscheck.Claim, statements int) error) error {
	s := &step{l: l, v: v, lx: l.opt.Claims.Lexicon, opt: l.opt.Claims,
		docs: map[int64]*doc{}, reg: map[store.UnitRef]*unit{}}
	// Statements the cache holds decoded are not decompressed again; the
	// others are decoded as they are read, so that the JSON of a large
	// component is not held whole.
	cached := map[store.UnitRef]*unitData{}
	rows := map[int64][]*unit{}
	var ks []int64
	err := v.EachComponentUnit(ctx, comps, func(r store.UnitRef) bool {
		if d := l.cache.get(r); d != nil {
			cached[r] = d
			return true
		}
		return false
	}, func(lu store.LedgerUnit) error {
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
	})
	if err != nil {
		return err
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
		group := rows[c]
		delete(rows, c)
		comp := store.LedgerComp{Comp: c}
		var built *crosscheck.Claim
		if len(group) > 0 {
			cl, ok, err := s.claim(group)
			switch {
			case err != nil:
				first := group[0]
				for _, u := range group {
					if claims.ComparePrepared(&u.d.P, &first.d.P) < 0 {
						first = u
					}
				}
				res.Failures = append(res.Failures, claims.Failure{Article: first.d.P.Article,
					Claim: claims.ClaimID(first.d.P.Article, first.d.P.Statement), Error: err.Error()})
			case ok:
				comp.ClaimID = cl.ID
				built = &cl
			}
		}
		if err := add(comp, built, len(group)); err != nil {
			return err
		}
	}
	return nil
}
