package ledger

import (
	"context"
	"fmt"

	"github.com/crosscheck/crosscheck/internal/claims"
	"github.com/crosscheck/crosscheck/internal/store"
)

// claimsPage is the number of components whose claims one write builds.
const claimsPage = 1024

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
		s := &step{l: l, v: v, lx: l.opt.Claims.Lexicon, opt: l.opt.Claims,
			docs: map[int64]*doc{}, reg: map[store.UnitRef]*unit{}}
		// Statements the cache holds decoded are not decompressed again.
		cached := map[store.UnitRef]*unitData{}
		lus, err := v.Components(ctx, comps, func(r store.UnitRef) bool {
			if d := l.cache.get(r); d != nil {
				cached[r] = d
				return true
			}
			return false
		})
		if err != nil {
			return err
		}
		members := map[int64][]*unit{}
		var ks []int64
		for _, lu := range lus {
			ud := cached[lu.UnitRef]
			if ud == nil {
				if ud, err = s.decode(lu); err != nil {
					return err
				}
			}
			members[lu.Comp] = append(members[lu.Comp], &unit{ref: lu.UnitRef, d: ud, comp: lu.Comp, echo: lu.Echo, node: -1})
			ks = append(ks, lu.K)
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
			group := members[c]
			comp := store.LedgerComp{Comp: c}
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
					d.Claims = append(d.Claims, cl)
					comp.ClaimID = cl.ID
					if replaced[cl.ID] {
						delete(replaced, cl.ID)
						d.Remove = append(d.Remove, cl.ID)
					}
				}
			}
			d.Comps = append(d.Comps, comp)
		}
		d.DropOldClaims = d.Remove
		if err := v.Apply(ctx, d); err != nil {
			return fmt.Errorf("ledger: write claims: %w", err)
		}
		res.Written += len(d.Claims)
	}
}
