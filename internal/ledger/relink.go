package ledger

import (
	"cmp"
	"context"
	"fmt"
	"math"
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
	var w []*unit // statements whose links are computed again
	if len(aComps) > 0 {
		lus, err := s.componentStatements(ctx, aComps, redo)
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
				continue // a replaced article's old statement
			}
			ud, err := s.decode(lu)
			if err != nil {
				return delta, err
			}
			u := s.register(lu, ud)
			if !inRedo[lu.K] {
				w = append(w, u)
			}
		}
	}
	var e []*unit // the redo docs' statements
	for _, d := range redo {
		e = append(e, d.units...)
	}
	s.l.opt.Logger.Debug("claim ledger step", "redo", len(redo), "statements", len(e), "components", len(aComps), "read around changes", len(s.local), "rebuilt", len(w))
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

	// The components of the stored statements linked to: merged whole,
	// without reading them (their statements keep their links unless a
	// new one is better, and their claims are built at the end).
	var xRefs []store.UnitRef
	var x []*unit // stored statements outside the step linked to
	for _, u := range append(outside, echoOutside...) {
		if len(u.joined) > 0 && u.node == -1 { // once: several copies may name one
			u.node = -2 // listed
			xRefs = append(xRefs, u.ref)
			x = append(x, u)
		}
	}
	xComps := map[int64]bool{}
	if len(xRefs) > 0 {
		lus, err := s.v.Units(ctx, xRefs)
		if err != nil {
			return delta, err
		}
		compOfRef := map[store.UnitRef]int64{}
		for _, lu := range lus {
			compOfRef[lu.UnitRef] = lu.Comp
		}
		for _, u := range x {
			c, ok := compOfRef[u.ref]
			if !ok {
				return delta, fmt.Errorf("ledger: statement %s/%s is in no component", u.d.P.Article, u.d.P.Statement)
			}
			u.comp = c
			xComps[c] = true
		}
	}
	// A component of the step can be one of the merged ones too.
	for c := range aComps {
		delete(xComps, c)
	}

	// 6. Components: union-find over the rebuilt statements and one node
	// per merged component.
	var parent sets
	for _, u := range w {
		u.node = parent.add()
	}
	xNode := map[int64]int{}
	for _, c := range sortedKeys(xComps) {
		xNode[c] = parent.add()
	}
	// A component read around its changed statements: one node for the
	// statements not read.
	for _, c := range sortedKeys(s.local) {
		xNode[c] = parent.add()
	}
	nodeOf := func(u *unit) int {
		if inW[u] {
			return u.node
		}
		return xNode[u.comp]
	}
	find, union := parent.find, parent.union
	// Edges to statements of a component read around its changes that
	// were not read wait for the check below: one node stands for them
	// all only once it holds that they are one.
	var unread [][2]int
	for _, u := range w {
		for _, o := range u.joined {
			_, local := s.local[o.comp]
			switch {
			case inW[o] || xComps[o.comp]:
				union(u.node, nodeOf(o))
			case local:
				unread = append(unread, [2]int{u.node, xNode[o.comp]})
			default:
				return delta, fmt.Errorf("ledger: statement %s/%s linked outside the step", o.d.P.Article, o.d.P.Statement)
			}
		}
	}
	// A component read around its changed statements: with the rest, or a
	// splitError (settleLocal).
	parted, err := s.settleLocal(ctx, e, w, inRedo, oldEcho, parent, unread, xNode)
	if err != nil {
		return delta, err
	}
	for _, ed := range unread {
		union(ed[0], ed[1])
	}

	// betterLink gives u the better of its stored link and the best of its
	// joins in this step.
	betterLink := func(u *unit) (changed bool) {
		if l := u.bestLink(); l != nil && better(&u.d.P, l, u.d.Link) {
			u.d.Link = l
			return true
		}
		return false
	}
	for _, u := range w {
		old := u.d.Link
		if s.ring[u.ref] {
			betterLink(u) // read to link the others: not all its links are known
		} else {
			u.d.Link = u.bestLink()
		}
		u.kept = !inRedo[u.ref.K] && sameLink(old, u.d.Link) && u.at == unitAt(&u.d.P)
	}
	var xChanged []*unit
	for _, u := range x {
		if betterLink(u) {
			xChanged = append(xChanged, u)
		}
	}

	// Component ids: a group keeps the smallest stored id among its
	// members not taken by another group, else gets a new one.
	roots := map[int][]int64{} // root → stored ids of its members
	var order []int
	note := func(r int, c int64) {
		if _, ok := roots[r]; !ok {
			order = append(order, r)
		}
		if c != 0 {
			roots[r] = append(roots[r], c)
		} else if roots[r] == nil {
			roots[r] = []int64{}
		}
	}
	for _, u := range w {
		c := u.comp
		if _, local := s.local[c]; local && inRedo[u.ref.K] || parted[u] {
			// A changed statement, or one of a part that split off,
			// does not hold its component's id: the statements not read
			// keep it (when it leaves, its group must not take the id
			// they are stored under).
			c = 0
		}
		note(find(u.node), c)
	}
	for c, n := range xNode {
		note(find(n), c)
	}
	slices.Sort(order)
	taken := map[int64]bool{}
	compOf := map[int]int64{}
	for _, r := range order {
		olds := roots[r]
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
	for c, n := range xNode {
		if to := compOf[find(n)]; to != c {
			delta.Relabel = append(delta.Relabel, store.Relabel{From: c, To: to})
		}
	}
	slices.SortFunc(delta.Relabel, func(a, b store.Relabel) int { return int(a.From - b.From) })
	// The claims of every component touched are removed when the new ones
	// are built (claimsPass), unless they are of episodes before what
	// changed; components no group kept go.
	touched := sortedKeys(aComps)
	touched = append(touched, sortedKeys(xComps)...)
	var episodes map[int64][]store.Episode
	if len(touched) > 0 {
		var err error
		if episodes, err = s.v.CompEpisodes(ctx, touched); err != nil {
			return delta, err
		}
		for _, c := range touched {
			delta.AddOldClaims = append(delta.AddOldClaims, store.Claims(episodes[c])...)
			if !taken[c] {
				delta.DropComps = append(delta.DropComps, c)
			}
		}
	}
	from, err := s.changedFrom(ctx, order, roots, compOf, find, w, xChanged, xNode, aComps)
	if err != nil {
		return delta, err
	}
	for _, r := range order {
		id := compOf[r]
		c := store.LedgerComp{Comp: id, Pending: true, From: from[r]}
		if c.From != 0 {
			c.Episodes = episodes[id]
		}
		delta.Comps = append(delta.Comps, c)
	}

	// 7. Rows to write: the statements whose data changed whole, those
	// whose data stands only when their component changed (or is
	// renamed: Relabel comes first).
	relabeled := map[int64]bool{}
	for _, r := range delta.Relabel {
		relabeled[r.From] = true
	}
	for _, u := range w {
		c := compOf[find(u.node)]
		if u.kept && (u.comp != c || relabeled[u.comp]) {
			delta.Moves = append(delta.Moves, store.UnitMove{UnitRef: u.ref, Comp: c})
		}
		u.comp = c
	}
	for _, u := range x {
		u.comp = compOf[find(xNode[u.comp])]
	}
	for _, u := range append(w, xChanged...) {
		if u.kept {
			continue
		}
		data, err := encodeUnit(u.d)
		if err != nil {
			return delta, fmt.Errorf("ledger: encode statement %s/%s: %w", u.d.P.Article, u.d.P.Statement, err)
		}
		delta.Units = append(delta.Units, store.LedgerUnit{UnitRef: u.ref, Comp: u.comp, Echo: u.echo, At: unitAt(&u.d.P), Data: data})
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
			delta.DropKeys = append(delta.DropKeys, s.dropKeys(u.ref, &u.d.P)...)
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
				od, err := decodeStored(lu)
				if err != nil {
					return delta, err
				}
				delta.DropKeys = append(delta.DropKeys, s.dropKeys(lu.UnitRef, &od.P)...)
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
	// The origins of the docs whose family changed, for the echo map
	// (one may be in no component the step read).
	var fams []int64
	for _, d := range s.docs {
		if d.famChanged && d.Family != d.K && s.docs[d.Family] == nil {
			fams = append(fams, d.Family)
		}
	}
	if err := s.needDocs(ctx, fams); err != nil {
		return delta, err
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
				for _, b := range bandKeys(o.Bands) {
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
			fam := s.docs[d.Family]
			if fam == nil {
				return delta, fmt.Errorf("ledger: the echo origin (%d) of article %s is not stored", d.Family, d.ID)
			}
			delta.EchoOf[d.ID] = fam.ID
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

func addEdge(a, b *unit, score float64, reasons []string) {
	a.join(edge{to: b, score: score, reasons: reasons})
	b.join(edge{to: a, score: score, reasons: reasons})
}

// changedFrom returns, for each group (by root), the publication time
// (Unix nanoseconds) from which its members differ from those of the
// stored component whose id it keeps: the claims pass builds its episodes
// from the one holding that time on and keeps the earlier ones
// (store.LedgerComp.From). It is 0 (all) for a group with a new id or
// holding a component the step rebuilt (a replaced or re-parented
// article's); otherwise the least of: its statements the step linked (new
// ones), the stored statements whose link changed, and the first statement
// of every other stored component it merged (read from the store, in
// seconds: a day earlier, which can only build an episode more). An
// undated statement counts as the latest time: it belongs to the last
// episode.
func (s *step) changedFrom(ctx context.Context, order []int, roots map[int][]int64, compOf map[int]int64, find func(int) int,
	w, xChanged []*unit, xNode map[int64]int, aComps map[int64]bool) (map[int]int64, error) {
	const all = 0
	least := map[int]int64{}
	note := func(r int, p *claims.Prepared) {
		t := int64(math.MaxInt64)
		if at, ok := claims.PublishedAt(p); ok {
			t = at.UnixNano()
		}
		if cur, ok := least[r]; !ok || t < cur {
			least[r] = t
		}
	}
	for _, u := range w {
		note(find(u.node), &u.d.P)
	}
	for _, u := range xChanged {
		note(find(xNode[u.comp]), &u.d.P)
	}
	// A component read around its changed statements changed from the
	// earliest of them, which may have left it.
	for c, t := range s.local {
		r := find(xNode[c])
		if cur, ok := least[r]; !ok || t < cur {
			least[r] = t
		}
	}
	out := make(map[int]int64, len(order))
	var merged []int64
	for _, r := range order {
		id := compOf[r]
		kept := slices.Contains(roots[r], id)
		for _, c := range roots[r] {
			if _, local := s.local[c]; aComps[c] && !local {
				kept = false
			}
		}
		if !kept {
			out[r] = all
			continue
		}
		out[r] = math.MaxInt64
		if t, ok := least[r]; ok {
			out[r] = t
		}
		for _, c := range roots[r] {
			if c != id {
				merged = append(merged, c)
			}
		}
	}
	if len(merged) > 0 {
		stats, err := s.v.CompStats(ctx, merged)
		if err != nil {
			return nil, err
		}
		for _, r := range order {
			if out[r] == all {
				continue
			}
			for _, c := range roots[r] {
				if c == compOf[r] {
					continue
				}
				st, ok := stats[c]
				at := st.First
				if !ok || at == 0 {
					out[r] = all
					break
				}
				if t := (at - 86400) * int64(time.Second); t < out[r] {
					out[r] = max(t, all)
				}
			}
		}
	}
	return out, nil
}

func (s *step) windowDays() int64 {
	return int64(s.opt.Window/(24*time.Hour)) + 2
}

// keysOf returns the hashed index keys of a statement.
func (s *step) keysOf(u *unit) []uint64 {
	if u.keys == nil {
		ks := s.lx.IndexKeys(&u.d.P)
		u.keys = make([]uint64, len(ks))
		u.alone = make([]bool, len(ks))
		for i, k := range ks {
			u.keys[i] = LinkKey(k)
			u.alone[i] = claims.KeyAlone(k)
		}
	}
	return u.keys
}

// worthMatching appends to dst the slots that u shares a key with that
// claims.Match may link — through a key that is enough alone (a predicate,
// a figure) or two keys (claims.KeyAlone) — each once, in the order u's
// keys first meet them. cnt is scratch, one per slot, zero on entry and
// left zero. A slot met through one word key only is neither read nor
// matched: Match would refuse the pair. (Two different keys of u with one
// 32-bit hash would count once here; Match counts the strings.)
func (s *step) worthMatching(u *unit, byKey map[uint64][]int, cnt []uint8, dst []int) []int {
	keys := s.keysOf(u)
	for ki, k := range keys {
		for _, i := range byKey[k] {
			switch {
			case u.alone[ki]:
				cnt[i] = 2
			case cnt[i] < 2:
				cnt[i]++
			}
		}
	}
	for _, k := range keys {
		for _, i := range byKey[k] {
			if cnt[i] >= 2 {
				dst = append(dst, i)
			}
			cnt[i] = 0
		}
	}
	return dst
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

// dropKeys are the index rows of a statement that stops linking: its keys,
// and the anchor and weapon keys ("a:", "x:") ledgers written before
// claims.IndexKeys dropped them also hold, so that its old rows go with it
// (deleting a row that is not there does nothing). Rows of those keys that
// stay are never read: no statement looks them up.
func (s *step) dropKeys(ref store.UnitRef, p *claims.Prepared) []store.UnitKey {
	out := s.unitKeys(ref, p)
	day := dayNumber(p.Published)
	for _, a := range p.Anchors {
		out = append(out, store.UnitKey{Key: LinkKey("a:" + a.Key), Day: day, UnitRef: ref})
	}
	for _, w := range p.Weapons {
		out = append(out, store.UnitKey{Key: LinkKey("x:" + w), Day: day, UnitRef: ref})
	}
	return out
}

// memoryPairs matches the linking statements of us that share a key and
// are published within the window of each other (claims.Match refuses
// the others): each statement meets, per key, the undated ones and the
// dated ones of the window before it, taken in the order of their times,
// so that a step whose articles spread over years (an archive ingested
// late) does not match every pair of statements sharing a common key.
func (s *step) memoryPairs(ctx context.Context, us []*unit, match func(a, b *unit)) error {
	type timed struct {
		u  *unit
		at time.Time
		ok bool // dated
	}
	ts := make([]timed, 0, len(us))
	for _, u := range us {
		if u.echo {
			continue
		}
		t, ok := claims.PublishedAt(&u.d.P)
		ts = append(ts, timed{u, t, ok})
	}
	// Undated first: they meet every statement; the dated in time order.
	slices.SortStableFunc(ts, func(a, b timed) int {
		switch {
		case a.ok != b.ok:
			if a.ok {
				return 1
			}
			return -1
		case !a.ok:
			return 0
		}
		return a.at.Compare(b.at)
	})
	undated := map[uint64][]*unit{}
	dated := map[uint64][]timed{}
	for _, t := range ts {
		if err := s.tick(ctx); err != nil {
			return err
		}
		for _, k := range s.keysOf(t.u) {
			for _, v := range undated[k] {
				match(t.u, v)
			}
			if !t.ok {
				undated[k] = append(undated[k], t.u)
				continue
			}
			ps := dated[k]
			from := t.at.Add(-s.opt.Window)
			for i := len(ps) - 1; i >= 0 && !ps[i].at.Before(from); i-- {
				match(t.u, ps[i].u)
			}
			dated[k] = append(ps, t)
		}
	}
	return nil
}

// indexPairs matches the linking statements of the redo docs with the
// stored statements that share a key within the window (the index), and
// returns the stored statements outside the step it linked to.
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

	// Per doc, reused: the hits, and the slots of the statements met.
	type slot struct {
		ref  store.UnitRef
		ud   *unitData // its data, when not a step statement
		v    *unit     // its unit, once met
		gone bool      // indexed but gone: replaced meanwhile
	}
	var (
		buf    []store.LinkHit
		slots  []slot
		slotOf = map[store.UnitRef]int{}
		byKey  = map[uint64][]int{}
		cnt    []uint8 // worthMatching's scratch, per slot
		want   []bool  // slots worth matching, per slot
		pick   []int   // the slots each statement of the doc matches, in turn
		upTo   []int   // where each statement's slots end in pick
	)
	for _, l := range ls {
		var hits []store.LinkHit
		if sharedOK && l.day >= 0 {
			hits = buf[:0]
			for _, k := range uniqueKeys(l.keys) {
				for _, h := range shared[k] {
					if h.Day < 0 || h.Day >= l.day-wdays && h.Day <= l.day+wdays {
						hits = append(hits, h)
					}
				}
			}
			buf = hits
		} else {
			var err error
			if hits, err = s.v.LinkNeighbours(ctx, l.keys, l.day-wdays, l.day+wdays, l.day < 0); err != nil {
				return nil, err
			}
		}
		// The stored statements this doc meets, decoded for it alone:
		// only those it links to stay in the step (the others may be
		// many — every statement of the window that shares a key — and
		// are left to the cache, which may drop them at any time). Each
		// is a slot, resolved to its unit when first met: byKey lists
		// slots, so that a statement met through many keys by many
		// statements is looked up once.
		clear(slots) // drops the units of the previous doc
		slots = slots[:0]
		clear(slotOf)
		clear(byKey)
		for _, h := range hits {
			if inRedo[h.K] {
				continue // redo × redo is matched in memory
			}
			i, ok := slotOf[h.UnitRef]
			if !ok {
				i = len(slots)
				slotOf[h.UnitRef] = i
				slots = append(slots, slot{ref: h.UnitRef})
			}
			byKey[h.Key] = append(byKey[h.Key], i)
		}
		// Only the statements some statement of the doc may link to are
		// read: most of a dense window shares one word with it and no
		// more.
		cnt = slices.Grow(cnt[:0], len(slots))[:len(slots)]
		want = slices.Grow(want[:0], len(slots))[:len(slots)]
		clear(want)
		pick, upTo = pick[:0], upTo[:0]
		for _, u := range l.us {
			pick = s.worthMatching(u, byKey, cnt, pick)
			upTo = append(upTo, len(pick))
		}
		var need []int
		for _, i := range pick {
			if want[i] {
				continue
			}
			want[i] = true
			if _, ok := s.reg[slots[i].ref]; !ok {
				if ud := s.l.cache.get(slots[i].ref); ud != nil {
					slots[i].ud = ud
				} else {
					need = append(need, i)
				}
			}
		}
		if len(need) > 0 {
			refs := make([]store.UnitRef, len(need))
			for j, i := range need {
				refs[j] = slots[i].ref
			}
			lus, err := s.v.Units(ctx, refs)
			if err != nil {
				return nil, err
			}
			for _, lu := range lus {
				ud, err := s.decodeData(lu)
				if err != nil {
					return nil, err
				}
				slots[slotOf[lu.UnitRef]].ud = ud
				s.l.cache.put(lu.UnitRef, ud)
			}
		}
		var metOrder []*unit
		from := 0
		for ui, u := range l.us {
			for _, i := range pick[from:upTo[ui]] {
				if err := s.tick(ctx); err != nil {
					return nil, err
				}
				sl := &slots[i]
				if sl.v == nil {
					if sl.gone {
						continue
					}
					if v, ok := s.reg[sl.ref]; ok {
						sl.v = v
						if !inW[v] && !isOutside[v] {
							isOutside[v] = true
							outside = append(outside, v)
						}
					} else if sl.ud == nil {
						sl.gone = true
						continue
					} else {
						sl.v = &unit{ref: sl.ref, d: sl.ud, node: -1}
						metOrder = append(metOrder, sl.v)
					}
				}
				if sl.v.echo {
					continue
				}
				match(u, sl.v)
			}
			from = upTo[ui]
		}
		for _, v := range metOrder {
			if len(v.joined) > 0 {
				s.reg[v.ref] = v
				isOutside[v] = true
				outside = append(outside, v)
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

func sortedKeys[V any](m map[int64]V) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// uniqueKeys returns ks sorted, without repeats (ks is left as it is).
func uniqueKeys[K cmp.Ordered](ks []K) []K {
	out := slices.Clone(ks)
	slices.Sort(out)
	return slices.Compact(out)
}

// unitAt is a statement's publication in Unix seconds as the store keeps
// it (store.LedgerUnit.At): 0 when undated, and at least 1 when dated, so
// that a statement of the first second of 1970 or before is read as an
// undated one is (always) rather than never.
func unitAt(p *claims.Prepared) int64 {
	t, ok := claims.PublishedAt(p)
	if !ok {
		return 0
	}
	return max(t.Unix(), 1)
}
