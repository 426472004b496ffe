package ledger

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/crosscheck/crosscheck/internal/claims"
	"github.com/crosscheck/crosscheck/internal/store"
)

// errSplit says that a component read around its changed statements
// (componentStatements) may split without them: the step is run again with
// it read whole (splitError). (Reading it wider instead was tried on the
// 200,000-article corpus: the parts in question are sparse chains of
// statements months long, and three times the width did not settle them.)
var errSplit = errors.New("ledger: a component read in part may split")

// splitError is errSplit for one component, and why.
type splitError struct {
	comp int64
	why  string
}

func (e *splitError) Error() string {
	return fmt.Sprintf("%v: component %d: %s", errSplit, e.comp, e.why)
}

func (e *splitError) Unwrap() error { return errSplit }

// span is a closed range of Unix seconds.
type span struct{ lo, hi int64 }

// componentStatements reads the stored statements of the components the
// redo docs' statements were in, to be joined again (step 4).
//
// A component of Options.LocalMin statements or more is read around the
// statements that change only, when it can be: the links a statement can
// lose are within the window of it, so the statements whose links are
// computed again are those within a window (and a margin: the index's
// days) of a changed one or of the new origin it now echoes, and those
// within two are read as well to find their links (ring: they keep their
// own links unless a better one is found). settleLocal decides whether
// the statements not read stay one component with those read; if it
// cannot, the step runs again with the component in s.whole.
//
// A component is read whole when it has a statement without a stored
// time (undated, or stored before the store kept times), when a changed
// statement is undated, was a replaced article's or was the echo copy of a
// statement that does not change (the copy's link to its origin may be
// anywhere in time), and when the spans around its changed statements
// hold all of it.
func (s *step) componentStatements(ctx context.Context, aComps map[int64]bool, redo []*doc) ([]store.LedgerUnit, error) {
	// A replaced article's old statements are not needed.
	skip := func(r store.UnitRef) bool {
		return s.docs[r.K] != nil && s.docs[r.K].chunk || s.known(r)
	}
	comps := sortedKeys(aComps)
	if s.l.opt.LocalMin < 0 || len(comps) == 0 {
		return s.v.Components(ctx, comps, skip)
	}
	stats, err := s.v.CompStats(ctx, comps)
	if err != nil {
		return nil, err
	}
	times := map[int64][]int64{} // the candidates: the changed statements' times
	near := map[int64][]int64{}  // the times of the new origins they echo
	for _, c := range comps {
		if st := stats[c]; st.Size >= s.l.opt.LocalMin && st.First != 0 && !s.whole[c] {
			times[c] = nil
		}
	}
	changed := func(d *doc, comp, at int64, echo bool) {
		if _, ok := times[comp]; !ok {
			return
		}
		originKept := false
		if echo && d.old != nil {
			o := s.docs[d.old.Family]
			originKept = o == nil || !o.redo
		}
		if at == 0 || originKept {
			delete(times, comp)
			return
		}
		times[comp] = append(times[comp], at)
	}
	for _, d := range redo {
		if d.chunk {
			// A replaced article's old statements are not read (their
			// old links are not known): their components are read whole.
			for _, lu := range s.oldUnits[d.K] {
				delete(times, lu.Comp)
			}
			continue
		}
		for _, u := range d.units {
			changed(d, u.comp, unitAt(&u.d.P), u.echo)
		}
		// An article that now echoes one of the step's is joined to its
		// statements, which link within their own window: read that too.
		if f := s.docs[d.Family]; f != nil && f != d && f.chunk {
			at := unitAt(&claims.Prepared{Published: f.Published})
			for _, u := range d.units {
				if _, ok := times[u.comp]; ok && at != 0 {
					near[u.comp] = append(near[u.comp], at)
				}
			}
		}
	}
	margin := s.windowDays() * 86400
	inner := map[int64][]span{}
	outer := map[int64][]span{}
	var whole []int64
	for _, c := range comps {
		ts, ok := times[c]
		if !ok || len(ts) == 0 {
			whole = append(whole, c)
			continue
		}
		ts = append(slices.Clone(ts), near[c]...)
		inner[c], outer[c] = spansAround(ts, margin), spansAround(ts, 2*margin)
	}
	out, err := s.v.Components(ctx, whole, skip)
	if err != nil {
		return nil, err
	}
	s.local = map[int64]int64{}
	s.inner, s.outer = map[int64][]span{}, map[int64][]span{}
	s.ring = map[store.UnitRef]bool{}
	for _, c := range sortedKeys(outer) {
		var ring []store.UnitRef
		n := 0
		for _, sp := range outer[c] {
			err := s.v.EachComponentUnitWithin(ctx, c, sp.lo, sp.hi, skip, func(lu store.LedgerUnit) error {
				if err := s.tick(ctx); err != nil {
					return err
				}
				if !within(inner[c], lu.At) {
					ring = append(ring, lu.UnitRef)
				}
				out = append(out, lu)
				n++
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
		if n == stats[c].Size {
			continue // read whole after all
		}
		s.local[c] = slices.Min(times[c]) * 1e9
		s.inner[c], s.outer[c] = inner[c], outer[c]
		for _, r := range ring {
			s.ring[r] = true
		}
	}
	return out, nil
}

// spansAround returns the spans of margin seconds around the times ts,
// merged where they overlap, in order.
func spansAround(ts []int64, margin int64) []span {
	ts = slices.Clone(ts)
	slices.Sort(ts)
	var out []span
	for _, t := range ts {
		if n := len(out); n > 0 && t-margin <= out[n-1].hi {
			out[n-1].hi = t + margin
			continue
		}
		out = append(out, span{t - margin, t + margin})
	}
	return out
}

func within(sps []span, t int64) bool {
	for _, sp := range sps {
		if t >= sp.lo && t <= sp.hi {
			return true
		}
	}
	return false
}

// clusters returns the changed statements of the component c (those of
// e stored in it) in clusters that hold every two joined before the step:
// a link joins statements within a window, so those whose spans read meet
// go together, as do those of one article and an echo copy with its
// origin's. Coarser clusters only ask more of the check.
func (s *step) clusters(c int64, e []*unit, oldEcho map[*unit]bool) [][]*unit {
	var rs []*unit
	for _, r := range e {
		if r.comp == c {
			rs = append(rs, r)
		}
	}
	parent := newSets(len(rs))
	first := map[[2]int64]int{} // (kind, key) → the first statement with it
	join := func(i int, kind, key int64) {
		k := [2]int64{kind, key}
		if j, ok := first[k]; ok {
			parent.union(i, j)
		} else {
			first[k] = i
		}
	}
	for i, r := range rs {
		at := unitAt(&r.d.P)
		for k, sp := range s.outer[c] {
			if at >= sp.lo && at <= sp.hi {
				join(i, 0, int64(k))
			}
		}
		join(i, 1, r.ref.K)
		if d := s.docs[r.ref.K]; oldEcho[r] && d.old != nil {
			join(i, 1, d.old.Family)
		}
	}
	byRoot := map[int][]*unit{}
	var roots []int
	for i, r := range rs {
		root := parent.find(i)
		if _, ok := byRoot[root]; !ok {
			roots = append(roots, root)
		}
		byRoot[root] = append(byRoot[root], r)
	}
	out := make([][]*unit, len(roots))
	for i, root := range roots {
		out[i] = byRoot[root]
	}
	return out
}

// innerPostings indexes by key the statements of w in the component c,
// read around its changed statements, that a changed statement may have
// been linked to: not changed, not echo copies, within a window of one.
func (s *step) innerPostings(c int64, w []*unit, inRedo map[int64]bool) map[uint64][]*unit {
	postings := map[uint64][]*unit{}
	for _, m := range w {
		if m.comp == c && !inRedo[m.ref.K] && !m.echo && !s.ring[m.ref] {
			for _, k := range s.keysOf(m) {
				postings[k] = append(postings[k], m)
			}
		}
	}
	return postings
}

// joinedTo returns the statements of postings (innerPostings) that one of
// the changed statements rs was linked to before the step (a changed
// statement that was an echo copy was joined to its origin's statement,
// which changes too, and relations join statements of one article): those
// sharing a key with one that linked that claims.Match links it to.
func (s *step) joinedTo(rs []*unit, postings map[uint64][]*unit) []*unit {
	met := map[*unit]bool{}
	var out []*unit
	for _, r := range rs {
		for _, k := range s.keysOf(r) {
			for _, m := range postings[k] {
				if met[m] {
					continue
				}
				if _, ok := s.lx.Match(&r.d.P, &m.d.P, s.opt); ok {
					met[m] = true
					out = append(out, m)
				}
			}
		}
	}
	return out
}

// copiesNotRead returns the statements of w, in components read around
// their changes, whose article is the echo origin of an article with a
// statement in the same component that was not read (its copy of one of
// the origin's statements, joined to it however far apart in time).
func (s *step) copiesNotRead(ctx context.Context, w []*unit, inRedo map[int64]bool) ([]*unit, error) {
	var roots []int64
	read := map[store.UnitRef]bool{}
	for _, u := range w {
		read[u.ref] = true
		if _, local := s.local[u.comp]; local && !inRedo[u.ref.K] && s.docs[u.ref.K].Family == u.ref.K {
			roots = append(roots, u.ref.K)
		}
	}
	if len(roots) == 0 {
		return nil, nil
	}
	fam, err := s.v.Family(ctx, uniqueKeys(roots))
	if err != nil {
		return nil, err
	}
	origin := map[int64]int64{} // a copy not changed → its origin
	var copies []int64
	for _, f := range fam {
		if d := s.docs[f.K]; f.K == f.Family || d != nil && d.redo {
			continue
		}
		origin[f.K] = f.Family
		copies = append(copies, f.K)
	}
	if len(copies) == 0 {
		return nil, nil
	}
	lus, err := s.v.UnitsOf(ctx, copies)
	if err != nil {
		return nil, err
	}
	beyond := map[[2]int64]bool{} // (origin, component) with a copy not read
	for _, lu := range lus {
		if _, local := s.local[lu.Comp]; local {
			if !read[lu.UnitRef] {
				beyond[[2]int64{origin[lu.K], lu.Comp}] = true
			}
		}
	}
	var out []*unit
	for _, u := range w {
		if beyond[[2]int64{u.ref.K, u.comp}] {
			out = append(out, u)
		}
	}
	return out, nil
}

// settleLocal joins what was read of each component read around its
// changed statements to the node of what was not (xNode), or returns a
// splitError; it returns the statements of the parts that split off.
//
// A group that reaches no statement of the ring and no statement not read
// is whole in what was read (each of its statements is within a window of
// a changed one, and every statement within a window of those, and every
// echo copy and origin of them, was read): a part that splits off, apart
// from the rest. The other groups with statements of the component are one
// with those not read when, for each cluster of changed statements (see
// clusters; with those joined to one part that splits off together), the
// statements it was joined to outside such parts are in one group: a path
// of the old component between two of them through changed statements
// enters and leaves a cluster by two of those, and has a way round it.
func (s *step) settleLocal(ctx context.Context, e, w []*unit, inRedo map[int64]bool, oldEcho map[*unit]bool, groups sets, unread [][2]int, xNode map[int64]int) (map[*unit]bool, error) {
	parted := map[*unit]bool{}
	if len(s.local) == 0 {
		return parted, nil
	}
	open := map[int]bool{}
	for _, u := range w {
		if s.ring[u.ref] {
			open[groups.find(u.node)] = true
		}
	}
	for _, ed := range unread {
		open[groups.find(ed[0])] = true
	}
	// An echo copy's statement is joined to its origin's however far apart
	// in time: the statements of an origin with copies not read reach
	// beyond what was read.
	beyond, err := s.copiesNotRead(ctx, w, inRedo)
	if err != nil {
		return nil, err
	}
	for _, u := range beyond {
		open[groups.find(u.node)] = true
	}
	for _, c := range sortedKeys(s.local) {
		ps, err := s.settle(c, e, w, inRedo, oldEcho, groups, open, xNode[c])
		if err != nil {
			return nil, err
		}
		for _, u := range ps {
			parted[u] = true
		}
	}
	return parted, nil
}

// settle joins what was read of the component c and xNode, the node of
// what was not, as settleLocal says, or returns a splitError; it returns
// the statements of the parts that split off (the component changed from
// their times too: s.local).
func (s *step) settle(c int64, e, w []*unit, inRedo map[int64]bool, oldEcho map[*unit]bool, groups sets, open map[int]bool, xNode int) ([]*unit, error) {
	// The statements each cluster was joined to; the clusters joined to
	// one part that splits off go together (a path may run from one to
	// the other through it).
	cl := s.clusters(c, e, oldEcho)
	postings := s.innerPostings(c, w, inRedo)
	joined := make([][]*unit, len(cl))
	together := newSets(len(cl))
	byPart := map[int]int{} // a closed group → the first cluster joined to it
	for k, rs := range cl {
		joined[k] = s.joinedTo(rs, postings)
		for _, u := range joined[k] {
			r := groups.find(u.node)
			if open[r] {
				continue
			}
			if j, ok := byPart[r]; ok {
				together.union(j, k)
			} else {
				byPart[r] = k
			}
		}
	}
	group := map[int]int{} // a set of clusters → the open group they were joined to
	for k := range cl {
		set := together.find(k)
		for _, u := range joined[k] {
			r := groups.find(u.node)
			if !open[r] {
				continue
			}
			if g, ok := group[set]; !ok {
				group[set] = r
			} else if g != r {
				return nil, &splitError{c, fmt.Sprintf("a cluster of %d changed statements was joined to two groups", len(cl[k]))}
			}
		}
	}
	main := -1
	var parted []*unit
	for _, u := range w {
		if u.comp != c || inRedo[u.ref.K] {
			continue
		}
		if !open[groups.find(u.node)] {
			parted = append(parted, u)
			if t, ok := claims.PublishedAt(&u.d.P); ok && t.UnixNano() < s.local[c] {
				s.local[c] = t.UnixNano()
			}
			continue
		}
		if main == -1 {
			main = u.node
		}
		groups.union(u.node, main)
		open[groups.find(main)] = true
	}
	if main == -1 {
		return nil, &splitError{c, "no group reaches beyond what was read"}
	}
	groups.union(xNode, main)
	open[groups.find(main)] = true
	return parted, nil
}

// sets is a union-find over the nodes 0, 1, …: a set is named by its
// least node.
type sets []int

func newSets(n int) sets {
	s := make(sets, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// add adds a node in a set of its own and returns it.
func (s *sets) add() int {
	n := len(*s)
	*s = append(*s, n)
	return n
}

func (s sets) find(i int) int {
	for s[i] != i {
		s[i] = s[s[i]]
		i = s[i]
	}
	return i
}

func (s sets) union(i, j int) {
	ri, rj := s.find(i), s.find(j)
	if rj < ri {
		ri, rj = rj, ri
	}
	s[rj] = ri
}
