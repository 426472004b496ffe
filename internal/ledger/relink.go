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

// relink joins the statements of the redo docs again, rebuilds the
// components they were in, merges those they link to, builds the claims
// and returns the delta (see the package documentation, steps 4–7).
func (s *step) relink(ctx context.Context, redo []*doc, delta store.LedgerDelta) (store.LedgerDelta, error) {
	// 4. The components the redo docs' statements were in: rebuilt from
	// their members. Their old members give the claims they held.
	inRedo := map[int64]bool{}
	aComps := map[int64]bool{}
	for _, d := range redo {
		inRedo[d.K] = true
		for _, u := range d.units {
			if u.comp != 0 {
				aComps[u.comp] = true
			}
		}
		for _, lu := range s.oldUnits[d.K] {
			aComps[lu.Comp] = true
		}
	}
	oldMembers := map[int64][]*claims.Prepared{} // stored component → its statements before the step
	var w []*unit                                // statements whose links are computed again
	if len(aComps) > 0 {
		lus, err := s.v.Components(ctx, sortedKeys(aComps), s.known)
		if err != nil {
			return delta, err
		}
		var ks []int64
		for _, lu := range lus {
			ks = append(ks, lu.K)
		}
		if err := s.needDocs(ctx, ks); err != nil {
			return delta, err
		}
		for _, lu := range lus {
			d := s.docs[lu.K]
			if d.chunk {
				// A replaced article's old statement.
				od, err := decodeUnit(lu.Data)
				if err != nil {
					return delta, fmt.Errorf("ledger: statement %d/%d: %w", lu.K, lu.Seq, err)
				}
				oldMembers[lu.Comp] = append(oldMembers[lu.Comp], &od.P)
				continue
			}
			ud, err := s.decode(lu)
			if err != nil {
				return delta, err
			}
			u := s.register(lu, ud)
			oldMembers[lu.Comp] = append(oldMembers[lu.Comp], &u.d.P)
			if !inRedo[lu.K] {
				w = append(w, u)
			}
		}
	}
	var e []*unit // the redo docs' statements
	for _, d := range redo {
		e = append(e, d.units...)
	}
	w = append(e, w...)
	inW := map[*unit]bool{}
	for _, u := range w {
		inW[u] = true
	}
	var wKs []int64
	for _, u := range w {
		wKs = append(wKs, u.ref.K)
	}
	if err := s.needDocs(ctx, wKs); err != nil {
		return delta, err
	}
	oldEcho := map[*unit]bool{}
	for _, u := range e {
		oldEcho[u] = u.echo
	}

	// 5a. Relations of each article (Build's joins), first.
	seenDoc := map[int64]bool{}
	for _, u := range w {
		d := s.docs[u.ref.K]
		if seenDoc[d.K] {
			continue
		}
		seenDoc[d.K] = true
		joins, err := s.joinsOf(d)
		if err != nil {
			return delta, err
		}
		if len(joins) == 0 {
			continue
		}
		byID := map[string]*unit{}
		for _, x := range w {
			if x.ref.K == d.K {
				byID[x.d.P.Statement] = x
			}
		}
		for _, j := range joins {
			from, to := byID[j.From], byID[j.To]
			if from == nil || to == nil || from == to {
				continue
			}
			addEdge(from, to, 1, []string{j.Reason})
		}
	}

	var echoOutside []*unit
	// 5b. Echo copies: each statement of an echo article that copies a
	// statement of its family's origin is joined to it and links nothing.
	for _, u := range w {
		d := s.docs[u.ref.K]
		if d.Family == d.K {
			if inRedo[d.K] {
				u.echo = false
			}
			continue
		}
		if err := s.tick(ctx); err != nil {
			return delta, err
		}
		root := s.docs[d.Family]
		if root == nil {
			if err := s.needDocs(ctx, []int64{d.Family}); err != nil {
				return delta, err
			}
			root = s.docs[d.Family]
		}
		if err := s.loadUnits(ctx, []*doc{root}); err != nil {
			return delta, err
		}
		ps := make([]*claims.Prepared, len(root.units))
		for i, r := range root.units {
			ps[i] = &r.d.P
		}
		i := claims.EchoCopy(&u.d.P, ps)
		if inRedo[d.K] {
			u.echo = i >= 0
		}
		if i >= 0 {
			o := root.units[i]
			addEdge(u, o, 1, []string{echoReason})
			if !inW[o] {
				// The origin's statement is in a component the step does
				// not rebuild: merged whole.
				echoOutside = append(echoOutside, o)
			}
		}
	}

	// 5c. Links. Redo statements × stored ones through the index; redo ×
	// redo and rebuilt × rebuilt in memory.
	// Each pair is met from one side only (memory: the later posted;
	// index: the redo statement), so marking what u met dedupes it.
	match := func(u, v *unit) {
		if u.ref.K == v.ref.K || v.seenBy == u {
			return
		}
		v.seenBy = u
		if ed, ok := s.lx.Match(&u.d.P, &v.d.P, s.opt); ok {
			addEdge(u, v, ed.Score, ed.Reasons)
		}
	}
	if err := s.memoryPairs(ctx, e, match); err != nil {
		return delta, err
	}
	var rest []*unit
	for _, u := range w {
		if !inRedo[u.ref.K] {
			rest = append(rest, u)
		}
	}
	if err := s.memoryPairs(ctx, rest, match); err != nil {
		return delta, err
	}
	outside, err := s.indexPairs(ctx, redo, inRedo, inW, match)
	if err != nil {
		return delta, err
	}

	// The components of the stored statements linked to: merged whole.
	var xRefs []store.UnitRef
	for _, u := range append(outside, echoOutside...) {
		if len(u.edges) > 0 {
			xRefs = append(xRefs, u.ref)
		}
	}
	var x []*unit
	xComps := map[int64]bool{}
	if len(xRefs) > 0 {
		lus, err := s.v.Units(ctx, xRefs)
		if err != nil {
			return delta, err
		}
		for _, lu := range lus {
			xComps[lu.Comp] = true
		}
		lus, err = s.v.Components(ctx, sortedKeys(xComps), s.known)
		if err != nil {
			return delta, err
		}
		var ks []int64
		for _, lu := range lus {
			ud, err := s.decode(lu)
			if err != nil {
				return delta, err
			}
			u := s.register(lu, ud)
			u.comp = lu.Comp
			x = append(x, u)
			oldMembers[lu.Comp] = append(oldMembers[lu.Comp], &u.d.P)
			ks = append(ks, lu.K)
		}
		if err := s.needDocs(ctx, ks); err != nil {
			return delta, err
		}
	}

	// 6. Components: union-find over the rebuilt statements and the merged
	// components.
	all := append(slices.Clone(w), x...)
	parent := make([]int, len(all))
	for i, u := range all {
		u.node = i
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(i, j int) {
		ri, rj := find(i), find(j)
		if ri != rj {
			if rj < ri {
				ri, rj = rj, ri
			}
			parent[rj] = ri
		}
	}
	for _, u := range all {
		for _, ed := range u.edges {
			if ed.to.node < 0 {
				return delta, fmt.Errorf("ledger: statement %s/%s linked outside the step", ed.to.d.P.Article, ed.to.d.P.Statement)
			}
			union(u.node, ed.to.node)
		}
	}
	firstOfComp := map[int64]int{}
	for _, u := range x {
		if f, ok := firstOfComp[u.comp]; ok {
			union(f, u.node)
		} else {
			firstOfComp[u.comp] = u.node
		}
	}

	// Links: computed again for the rebuilt statements; the merged ones
	// keep theirs unless a new link is better.
	for _, u := range w {
		u.d.Link = u.bestLink()
	}
	var xChanged []*unit
	for _, u := range x {
		changed := false
		for _, ed := range u.edges {
			if l := u.linkTo(ed); better(&u.d.P, l, u.d.Link) {
				u.d.Link, changed = l, true
			}
		}
		if changed {
			xChanged = append(xChanged, u)
		}
	}

	groups := map[int][]*unit{}
	var roots []int
	for _, u := range all {
		r := find(u.node)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], u)
	}
	slices.Sort(roots)

	// Component ids: a group keeps the smallest stored id among its
	// members not taken by another group, else gets a new one.
	taken := map[int64]bool{}
	compOf := map[int]int64{}
	for _, r := range roots {
		var olds []int64
		for _, u := range groups[r] {
			if u.comp != 0 {
				olds = append(olds, u.comp)
			}
		}
		slices.Sort(olds)
		id := int64(0)
		for _, o := range olds {
			if !taken[o] {
				id = o
				break
			}
		}
		if id == 0 {
			id = s.nextComp
			s.nextComp++
		}
		taken[id] = true
		compOf[r] = id
	}
	for c := range xComps {
		if to := compOf[find(firstOfComp[c])]; to != c {
			delta.Relabel = append(delta.Relabel, store.Relabel{From: c, To: to})
		}
	}

	// Every member's echo origin, for Member.Family.
	var fams []int64
	for _, u := range all {
		fams = append(fams, s.docs[u.ref.K].Family)
	}
	if err := s.needDocs(ctx, fams); err != nil {
		return delta, err
	}

	// Claims: the old ones of every component touched go, each group
	// that has a voice makes one.
	for _, c := range sortedKeys(aComps) {
		if id := oldClaim(oldMembers[c]); id != "" {
			delta.Remove = append(delta.Remove, id)
		}
	}
	for _, c := range sortedKeys(xComps) {
		if id := oldClaim(oldMembers[c]); id != "" {
			delta.Remove = append(delta.Remove, id)
		}
	}
	for _, r := range roots {
		if err := s.tick(ctx); err != nil {
			return delta, err
		}
		c, ok, err := s.claim(groups[r])
		if err != nil {
			first := groups[r][0]
			for _, u := range groups[r] {
				if claims.ComparePrepared(&u.d.P, &first.d.P) < 0 {
					first = u
				}
			}
			s.failures = append(s.failures, claims.Failure{Article: first.d.P.Article,
				Claim: claims.ClaimID(first.d.P.Article, first.d.P.Statement), Error: err.Error()})
			continue
		}
		if ok {
			delta.Claims = append(delta.Claims, c)
		}
	}

	// 7. Rows to write.
	for _, u := range w {
		u.comp = compOf[find(u.node)]
	}
	for _, u := range x {
		u.comp = compOf[find(u.node)]
	}
	for _, u := range append(w, xChanged...) {
		data, err := encodeUnit(u.d)
		if err != nil {
			return delta, fmt.Errorf("ledger: encode statement %s/%s: %w", u.d.P.Article, u.d.P.Statement, err)
		}
		delta.Units = append(delta.Units, store.LedgerUnit{UnitRef: u.ref, Comp: u.comp, Echo: u.echo, Data: data})
	}
	s.written = append(w, xChanged...)
	for _, u := range e {
		d := s.docs[u.ref.K]
		if d.chunk {
			continue // its old index rows are dropped below
		}
		if !oldEcho[u] && u.echo == oldEcho[u] {
			continue // still linking, same features: same rows
		}
		if !oldEcho[u] {
			delta.DropKeys = append(delta.DropKeys, s.unitKeys(u.ref, &u.d.P)...)
		}
		if !u.echo {
			delta.AddKeys = append(delta.AddKeys, s.unitKeys(u.ref, &u.d.P)...)
		}
	}
	for _, d := range redo {
		if !d.chunk {
			continue
		}
		for _, lu := range s.oldUnits[d.K] {
			if !lu.Echo {
				od, err := decodeUnit(lu.Data)
				if err != nil {
					return delta, fmt.Errorf("ledger: statement %d/%d: %w", lu.K, lu.Seq, err)
				}
				delta.DropKeys = append(delta.DropKeys, s.unitKeys(lu.UnitRef, &od.P)...)
			}
			if lu.Seq >= len(d.units) {
				delta.DropUnits = append(delta.DropUnits, lu.UnitRef)
				s.dropped = append(s.dropped, lu.UnitRef)
			}
		}
		for _, u := range d.units {
			if !u.echo {
				delta.AddKeys = append(delta.AddKeys, s.unitKeys(u.ref, &u.d.P)...)
			}
		}
	}
	delta.EchoOf = map[string]string{}
	for _, d := range s.docs {
		if d.chunk {
			// The band index follows the version read.
			d.LedgerDoc.Bands = s.bandsOf(d)
			pos := bandPos(d)
			for _, b := range d.LedgerDoc.Bands {
				delta.AddBands = append(delta.AddBands, store.BandHit{Band: b, BandPos: pos, K: d.K})
			}
			if o := d.old; o != nil {
				opos := bandPos(&doc{LedgerDoc: *o})
				for _, b := range o.Bands {
					delta.DropBands = append(delta.DropBands, store.BandHit{Band: b, BandPos: opos, K: o.K})
				}
			}
		}
		if d.write {
			delta.Docs = append(delta.Docs, d.LedgerDoc)
		}
		if !d.famChanged {
			continue
		}
		if d.Family != d.K {
			delta.EchoOf[d.ID] = s.docs[d.Family].ID
		} else if d.old != nil && d.old.Family != d.old.K {
			delta.NotEchoes = append(delta.NotEchoes, d.ID)
		}
	}
	slices.SortFunc(delta.Docs, func(a, b store.LedgerDoc) int { return int(a.K - b.K) })
	return delta, nil
}

// claim builds one group's claim with claims.Status, as Build does
// (builder.claim). A panic is the claim's failure.
func (s *step) claim(group []*unit) (c crosscheck.Claim, ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("claims: building a claim: %v", r)
		}
	}()
	members := make([]claims.Member, 0, len(group))
	for _, u := range group {
		d := s.docs[u.ref.K]
		fam := s.docs[d.Family]
		if fam == nil {
			return c, false, fmt.Errorf("ledger: no state for the echo origin of article %s", d.ID)
		}
		m := claims.Member{Prepared: &u.d.P, Site: d.Site, URL: d.URL, Family: fam.ID, Echo: u.echo,
			Role: u.d.Role, Loose: u.d.Loose, Link: u.d.Link.statementLink()}
		if d.Family != d.K {
			m.EchoOf = fam.ID
		}
		members = append(members, m)
	}
	c, ok = s.lx.Status(members)
	if ok && len(c.Statements) > 0 {
		c.Statements[0].Link = nil
	}
	return c, ok, nil
}

// oldClaim is the id of the claim a stored component held: Status's id of
// its earliest statement, when one has a voice.
func oldClaim(ps []*claims.Prepared) string {
	var first *claims.Prepared
	voiced := false
	for _, p := range ps {
		voiced = voiced || p.Voice
		if first == nil || claims.ComparePrepared(p, first) < 0 {
			first = p
		}
	}
	if !voiced {
		return ""
	}
	return claims.ClaimID(first.Article, first.Statement)
}

func addEdge(a, b *unit, score float64, reasons []string) {
	a.edges = append(a.edges, edge{to: b, score: score, reasons: reasons})
	b.edges = append(b.edges, edge{to: a, score: score, reasons: reasons})
}

func (s *step) windowDays() int64 {
	return int64(s.opt.Window/(24*time.Hour)) + 2
}

// keysOf returns the hashed index keys of a statement.
func (s *step) keysOf(u *unit) []uint64 {
	if u.keys == nil {
		ks := s.lx.IndexKeys(&u.d.P)
		u.keys = make([]uint64, len(ks))
		for i, k := range ks {
			u.keys[i] = LinkKey(k)
		}
	}
	return u.keys
}

func (s *step) unitKeys(ref store.UnitRef, p *claims.Prepared) []store.UnitKey {
	day := dayNumber(p.Published)
	ks := s.lx.IndexKeys(p)
	out := make([]store.UnitKey, len(ks))
	for i, k := range ks {
		out[i] = store.UnitKey{Key: LinkKey(k), Day: day, UnitRef: ref}
	}
	return out
}

// memoryPairs matches the linking statements of us that share a key.
func (s *step) memoryPairs(ctx context.Context, us []*unit, match func(a, b *unit)) error {
	postings := map[uint64][]*unit{}
	for _, u := range us {
		if u.echo {
			continue
		}
		if err := s.tick(ctx); err != nil {
			return err
		}
		for _, k := range s.keysOf(u) {
			for _, v := range postings[k] {
				match(u, v)
			}
			postings[k] = append(postings[k], u)
		}
	}
	return nil
}

// indexPairs matches the linking statements of the redo docs with the
// stored statements that share a key within the window (the index), and
// returns the stored statements outside the step it met.
func (s *step) indexPairs(ctx context.Context, redo []*doc, inRedo map[int64]bool, inW map[*unit]bool, match func(a, b *unit)) ([]*unit, error) {
	wdays := s.windowDays()
	var outside []*unit
	isOutside := map[*unit]bool{}

	// The linking statements of each redo doc, and the step's span of
	// days: when it is short (a step of articles in publication order),
	// one query over the union of keys and days serves them all.
	type linking struct {
		d    *doc
		day  int64
		us   []*unit
		keys []uint64
	}
	var ls []linking
	lo, hi := int64(1<<62), int64(-1)
	for _, d := range redo {
		l := linking{d: d, day: dayNumber(d.Published)}
		for _, u := range d.units {
			if !u.echo {
				l.us = append(l.us, u)
				l.keys = append(l.keys, s.keysOf(u)...)
			}
		}
		if len(l.us) == 0 {
			continue
		}
		ls = append(ls, l)
		if l.day >= 0 {
			lo, hi = min(lo, l.day), max(hi, l.day)
		}
	}
	shared := map[uint64][]store.LinkHit{}
	sharedOK := hi >= 0 && hi-lo <= 4*wdays
	if sharedOK {
		var keys []uint64
		for _, l := range ls {
			if l.day >= 0 {
				keys = append(keys, l.keys...)
			}
		}
		hits, err := s.v.LinkNeighbours(ctx, keys, lo-wdays, hi+wdays, false)
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			shared[h.Key] = append(shared[h.Key], h)
		}
	}

	for _, l := range ls {
		var hits []store.LinkHit
		if sharedOK && l.day >= 0 {
			for _, k := range uniqueKeys(l.keys) {
				for _, h := range shared[k] {
					if h.Day < 0 || h.Day >= l.day-wdays && h.Day <= l.day+wdays {
						hits = append(hits, h)
					}
				}
			}
		} else {
			var err error
			if hits, err = s.v.LinkNeighbours(ctx, l.keys, l.day-wdays, l.day+wdays, l.day < 0); err != nil {
				return nil, err
			}
		}
		byKey := map[uint64][]store.UnitRef{}
		var need []store.UnitRef
		seen := map[store.UnitRef]bool{}
		for _, h := range hits {
			if inRedo[h.K] {
				continue // redo × redo is matched in memory
			}
			byKey[h.Key] = append(byKey[h.Key], h.UnitRef)
			if !seen[h.UnitRef] {
				seen[h.UnitRef] = true
				if _, ok := s.reg[h.UnitRef]; !ok && s.l.cache.get(h.UnitRef) == nil {
					need = append(need, h.UnitRef)
				}
			}
		}
		if len(need) > 0 {
			lus, err := s.v.Units(ctx, need)
			if err != nil {
				return nil, err
			}
			for _, lu := range lus {
				ud, err := decodeUnit(lu.Data)
				if err != nil {
					return nil, fmt.Errorf("ledger: statement %d/%d: %w", lu.K, lu.Seq, err)
				}
				s.l.cache.put(lu.UnitRef, ud)
			}
		}
		for _, u := range l.us {
			for _, k := range s.keysOf(u) {
				for _, r := range byKey[k] {
					if err := s.tick(ctx); err != nil {
						return nil, err
					}
					v, ok := s.reg[r]
					if !ok {
						ud := s.l.cache.get(r)
						if ud == nil {
							continue // indexed but gone: replaced meanwhile
						}
						v = &unit{ref: r, d: ud, node: -1}
						s.reg[r] = v
					}
					if !inW[v] && !isOutside[v] {
						isOutside[v] = true
						outside = append(outside, v)
					}
					if v.echo {
						continue
					}
					match(u, v)
				}
			}
		}
	}
	return outside, nil
}

// commitCache records the written statements in the cache once the step
// is stored.
func (s *step) commitCache() {
	for _, u := range s.written {
		if u.echo {
			s.l.cache.drop(u.ref)
		} else {
			s.l.cache.put(u.ref, u.d)
		}
	}
	for _, r := range s.dropped {
		s.l.cache.drop(r)
	}
}

func sortedKeys(m map[int64]bool) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func uniqueKeys(ks []uint64) []uint64 {
	out := slices.Clone(ks)
	slices.Sort(out)
	return slices.Compact(out)
}
