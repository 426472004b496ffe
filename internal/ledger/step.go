package ledger

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/claims"
	"github.com/crosscheck/crosscheck/internal/store"
)

// echoReason is Build's reason for joining an echo copy to its origin.
const echoReason = "re-published copy of the same article"

// doc is one article in a step.
type doc struct {
	store.LedgerDoc                  // its state after the step
	old             *store.LedgerDoc // its stored state; nil when new to the ledger
	chunk           bool             // read and prepared in this step
	joins           []claims.Join
	joinsRead       bool
	units           []*unit // its current statements, in order, once loaded
	unitsRead       bool
	text            string
	textRead        bool
	shingles        claims.Shingles
	bands           []uint64
	write           bool // its row changed
	famChanged      bool
	redo            bool // its statements are joined again (E)
}

// step is one step of an update (see the package documentation).
type step struct {
	l        *Ledger
	v        store.LedgerTx
	lx       *claims.Lexicon
	opt      claims.Options
	nextComp int64

	docs     map[int64]*doc
	reg      map[store.UnitRef]*unit // current statements met in this step
	pinned   map[store.UnitRef]*unitData
	oldUnits map[int64][]store.LedgerUnit
	failures []claims.Failure
	written  []*unit
	dropped  []store.UnitRef
	ticks    int
	in       *interner                   // shares the equal strings and lists of decoded statements
	decoded  map[store.UnitRef]*unitData // building claims: the statements the ledger's cache held (cached)

	// whole are the components read whole even when large: a retry of the
	// step after reading one around its changes failed (splitError).
	whole map[int64]bool
	// local are the components read around their changed statements
	// only (componentStatements), with the earliest time (Unix
	// nanoseconds) of those that changed; inner and outer the spans of
	// time within a window of those and read of them; ring their
	// statements read only to link the others, whose own links stay
	// unless a better one is found.
	local        map[int64]int64
	inner, outer map[int64][]span
	ring         map[store.UnitRef]bool
}

// newStep returns a step of l's updates, numbering new components from
// next.
func (l *Ledger) newStep(v store.LedgerTx, next int64, whole map[int64]bool) *step {
	return &step{l: l, v: v, lx: l.opt.Claims.Lexicon, opt: l.opt.Claims, nextComp: next, whole: whole}
}

func (s *step) tick(ctx context.Context) error {
	s.ticks++
	if s.ticks%256 == 0 {
		return ctx.Err()
	}
	return nil
}

func (s *step) cmpDoc(a, b *doc) int {
	return claims.CompareArticles(a.Published, a.ID, b.Published, b.ID)
}

// addDocs registers stored docs (those already known are kept).
func (s *step) addDocs(ds []store.LedgerDoc) {
	for _, d := range ds {
		if _, ok := s.docs[d.K]; ok {
			continue
		}
		old := d
		s.docs[d.K] = &doc{LedgerDoc: d, old: &old}
	}
}

// needDocs loads the docs of ks not known yet.
func (s *step) needDocs(ctx context.Context, ks []int64) error {
	return s.loadDocs(ctx, ks, s.v.Docs, s.addDocs)
}

// needHeads loads, for building claims only, the docs of ks not known
// yet without their joins and band keys (store.LedgerTx.DocHeads): a claim
// of 200,000 statements reads as many articles.
func (s *step) needHeads(ctx context.Context, ks []int64) error {
	return s.loadDocs(ctx, ks, s.v.DocHeads, func(ds []store.LedgerDoc) {
		for _, d := range ds {
			s.docs[d.K] = &doc{LedgerDoc: d}
		}
	})
}

// loadDocs reads the docs of ks not known yet with read and registers
// them with add; every key must have a doc.
func (s *step) loadDocs(ctx context.Context, ks []int64, read func(context.Context, []int64) ([]store.LedgerDoc, error), add func([]store.LedgerDoc)) error {
	var miss []int64
	for _, k := range ks {
		if _, ok := s.docs[k]; !ok && k != 0 {
			miss = append(miss, k)
		}
	}
	if len(miss) == 0 {
		return nil
	}
	ds, err := read(ctx, miss)
	if err != nil {
		return err
	}
	add(ds)
	for _, k := range miss {
		if _, ok := s.docs[k]; !ok {
			return fmt.Errorf("ledger: article %d is referenced by the ledger but has no state", k)
		}
	}
	return nil
}

// needTexts loads the texts of docs not read yet.
func (s *step) needTexts(ctx context.Context, ds []*doc) error {
	var miss []int64
	for _, d := range ds {
		if !d.textRead {
			miss = append(miss, d.K)
		}
	}
	if len(miss) == 0 {
		return nil
	}
	ts, err := s.v.Texts(ctx, miss)
	if err != nil {
		return err
	}
	for _, d := range ds {
		if !d.textRead {
			d.text, d.textRead = ts[d.K], true
		}
	}
	return nil
}

// echoes is claims.IsEcho(a.text, b.text) on shingle sets computed once.
// A text is let go once its shingles and bands are known (nothing else
// reads it): a step over a dense window holds thousands of them.
func (s *step) echoes(a, b *doc) bool {
	for _, d := range []*doc{a, b} {
		if d.shingles == nil {
			d.shingles = claims.ShingleSet(d.text)
			if d.bands != nil || (!d.chunk && len(d.LedgerDoc.Bands) > 0) {
				d.text = ""
			}
		}
	}
	return claims.EchoSets(a.shingles, b.shingles)
}

// bandsOf returns an article's band keys: those indexed for a stored one,
// computed from the text for one of the step.
func (s *step) bandsOf(d *doc) []uint64 {
	if d.bands == nil {
		if !d.chunk && len(d.LedgerDoc.Bands) > 0 {
			d.bands = bandKeys(d.LedgerDoc.Bands)
		} else {
			d.bands = bandKeys(claims.Bands(claims.Sign(d.text)))
		}
	}
	return d.bands
}

// bandKeys are the keys the band index holds for an article's LSH bands:
// each band's low 32 bits, sign-extended, which SQLite stores in 4 bytes
// instead of 8 (a 32-bit key needs 4; 42 rows per article). Two bands may
// share a key: a candidate found by a band is an echo only when its
// shingles say so (echoes), so a shared key costs a check, not a link.
// Keys stored before were 64-bit: they are read through bandKeys too.
func bandKeys(bs []uint64) []uint64 {
	out := make([]uint64, len(bs))
	for i, b := range bs {
		out[i] = uint64(int64(int32(uint32(b))))
	}
	return out
}

// bandPos is an article's position in the band index: its publication in
// Unix seconds (years outside 1678-2261, where nanoseconds overflowed, at
// the ends), then the first 4 bytes of its id. A position is a bound the
// index is read by, not an order: articles of one position (the same
// second, ids sharing 4 bytes) are read whole and ordered by cmpDoc.
// Migration 42 turned positions of nanoseconds and 8 bytes into these.
func bandPos(d *doc) store.BandPos {
	ord := int64(math.MaxInt64)
	if t, ok := claims.PublishedTime(d.Published); ok {
		ord = bandOrd(t)
	}
	var b [4]byte
	copy(b[:], d.ID)
	return store.BandPos{Ord: ord, Pre: int64(int32(binary.BigEndian.Uint32(b[:]) ^ 1<<31))}
}

// bandOrd is the Ord of a band position published at t.
func bandOrd(t time.Time) int64 {
	switch {
	case t.Year() < 1678:
		return math.MinInt64 + 1
	case t.Year() > 2261:
		return math.MaxInt64 - 1
	default:
		return t.Unix()
	}
}

// echoSpan returns the band positions claims.EchoWindow before and after
// d, between which its echo parent and echo children lie (of the dated
// articles: claims.EchoWithin decides to the nanosecond, a position is in
// seconds); the whole index for an undated article.
func echoSpan(d *doc) (lo, hi store.BandPos) {
	lo, hi = store.BandPos{Ord: math.MinInt64, Pre: math.MinInt64}, store.BandPos{Ord: math.MaxInt64, Pre: math.MaxInt64}
	if t, ok := claims.PublishedTime(d.Published); ok {
		lo.Ord = bandOrd(t.Add(-claims.EchoWindow))
		hi.Ord = bandOrd(t.Add(claims.EchoWindow))
	}
	return lo, hi
}

// undatedSpan returns the bounds of the undated articles' band positions.
func undatedSpan() (lo, hi store.BandPos) {
	return store.BandPos{Ord: math.MaxInt64, Pre: math.MinInt64}, store.BandPos{Ord: math.MaxInt64, Pre: math.MaxInt64}
}

func posLess(a, b store.BandPos) bool {
	return a.Ord < b.Ord || a.Ord == b.Ord && a.Pre < b.Pre
}

// register returns the step's unit for a stored statement, creating it.
func (s *step) register(lu store.LedgerUnit, d *unitData) *unit {
	if u, ok := s.reg[lu.UnitRef]; ok {
		if u.comp == 0 {
			u.comp = lu.Comp
		}
		return u
	}
	u := &unit{ref: lu.UnitRef, d: d, comp: lu.Comp, at: lu.At, echo: lu.Echo, node: -1}
	s.reg[lu.UnitRef] = u
	return u
}

// known reports whether a stored statement's data need not be read: the
// step or the cache has it (a replaced article's old statements are read).
func (s *step) known(r store.UnitRef) bool {
	if d := s.docs[r.K]; d != nil && d.chunk {
		return false
	}
	if _, ok := s.reg[r]; ok {
		return true
	}
	if d := s.l.cache.get(r); d != nil {
		// Held for decode: the cache may drop it meanwhile.
		if s.pinned == nil {
			s.pinned = map[store.UnitRef]*unitData{}
		}
		s.pinned[r] = d
		return true
	}
	return false
}

// decode decodes a stored statement, through the step and the cache.
func (s *step) decode(lu store.LedgerUnit) (*unitData, error) {
	if u, ok := s.reg[lu.UnitRef]; ok && lu.Data == nil {
		return u.d, nil
	}
	if d, ok := s.pinned[lu.UnitRef]; ok {
		return d, nil
	}
	if d := s.l.cache.get(lu.UnitRef); d != nil {
		return d, nil
	}
	return s.decodeData(lu)
}

// decodeData decodes a stored statement's data, sharing what equal
// statements decoded before it hold (interner).
func (s *step) decodeData(lu store.LedgerUnit) (*unitData, error) {
	d, err := decodeStored(lu)
	if err != nil {
		return nil, err
	}
	if s.in == nil {
		s.in = newInterner()
	}
	s.in.unit(d)
	return d, nil
}

// loadUnits reads the current statements of docs not read yet.
func (s *step) loadUnits(ctx context.Context, ds []*doc) error {
	var miss []int64
	for _, d := range ds {
		if !d.unitsRead {
			miss = append(miss, d.K)
		}
	}
	if len(miss) == 0 {
		return nil
	}
	lus, err := s.v.UnitsOf(ctx, miss)
	if err != nil {
		return err
	}
	byDoc := map[int64][]*unit{}
	for _, lu := range lus {
		d, err := s.decode(lu)
		if err != nil {
			return err
		}
		u := s.register(lu, d)
		byDoc[lu.K] = append(byDoc[lu.K], u)
	}
	for _, d := range ds {
		if !d.unitsRead {
			us := byDoc[d.K]
			slices.SortFunc(us, func(a, b *unit) int { return a.ref.Seq - b.ref.Seq })
			d.units, d.unitsRead = us, true
		}
	}
	return nil
}

func (s *step) joinsOf(d *doc) ([]claims.Join, error) {
	if !d.joinsRead {
		d.joinsRead = true
		if len(d.Joins) > 0 {
			if err := json.Unmarshal(d.Joins, &d.joins); err != nil {
				return nil, fmt.Errorf("ledger: relations of article %s: %w", d.ID, err)
			}
		}
	}
	return d.joins, nil
}

// run computes the step for items and returns what to write.
func (s *step) run(ctx context.Context, items []store.LedgerItem) (store.LedgerDelta, error) {
	var delta store.LedgerDelta
	s.docs = map[int64]*doc{}
	s.reg = map[store.UnitRef]*unit{}
	s.oldUnits = map[int64][]store.LedgerUnit{}

	chunk, done, err := s.prepare(ctx, items)
	if err != nil {
		return delta, err
	}
	delta.Done = done
	changed, err := s.parents(ctx, chunk)
	if err != nil {
		return delta, err
	}
	if err := s.families(ctx, changed); err != nil {
		return delta, err
	}
	redo, err := s.redoDocs(ctx, chunk)
	if err != nil {
		return delta, err
	}
	if err := ctx.Err(); err != nil {
		return delta, err
	}
	return s.relink(ctx, redo, delta)
}

// prepare reads the step's articles and prepares them (in parallel).
func (s *step) prepare(ctx context.Context, items []store.LedgerItem) ([]*doc, []store.LedgerItem, error) {
	ks := make([]int64, len(items))
	for i, it := range items {
		ks[i] = it.K
	}
	arts, err := s.v.Articles(ctx, ks)
	if err != nil {
		return nil, nil, err
	}
	olds, err := s.v.Docs(ctx, ks)
	if err != nil {
		return nil, nil, err
	}
	oldOf := map[int64]store.LedgerDoc{}
	for _, o := range olds {
		oldOf[o.K] = o
	}
	preps := make([]claims.PreparedArticle, len(arts))
	errs := make([]error, len(arts))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(s.l.opt.Workers, len(arts)) {
		wg.Go(func() {
			for i := range next {
				preps[i], errs[i] = s.lx.Prepare(&arts[i].Analysis)
			}
		})
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()

	var chunk []*doc
	var done []store.LedgerItem
	var updated []int64
	for i := range arts {
		a := &arts[i]
		art := &a.Analysis.Article
		id := art.ID
		if id == "" {
			id = crosscheck.ArticleID(string(art.URL), art.Text)
		}
		d := &doc{chunk: true, redo: true, write: true, famChanged: true, text: art.Text, textRead: true, unitsRead: true, joinsRead: true,
			LedgerDoc: store.LedgerDoc{K: a.K, ID: id, Hash: a.Hash, Published: string(art.Published),
				Site: string(art.Site), URL: string(art.URL), Family: a.K}}
		if o, ok := oldOf[a.K]; ok {
			d.old = &o
			updated = append(updated, a.K)
		}
		if errs[i] != nil {
			d.Failed = errs[i].Error()
			s.failures = append(s.failures, claims.Failure{Article: id, Error: errs[i].Error()})
		} else {
			pa := &preps[i]
			d.joins = pa.Joins
			if d.Joins, err = json.Marshal(pa.Joins); err != nil {
				return nil, nil, fmt.Errorf("ledger: relations of article %s: %w", id, err)
			}
			byID := map[string]*unit{}
			for si := range pa.Statements {
				p := pa.Statements[si]
				p.Article = id
				u := &unit{ref: store.UnitRef{K: a.K, Seq: si}, d: &unitData{P: p}, node: -1}
				d.units = append(d.units, u)
				byID[p.Statement] = u
			}
			// Build's joins: the first relation from a statement gives its
			// role; relations without From bear on their To.
			for _, j := range pa.Joins {
				from, to := byID[j.From], byID[j.To]
				if from == nil || to == nil || from == to {
					continue
				}
				if from.d.Role == 0 {
					from.d.Role = j.Role
				}
			}
			for _, lo := range pa.Loose {
				if to := byID[lo.To]; to != nil {
					to.d.Loose = append(to.d.Loose, lo)
				}
			}
		}
		s.docs[a.K] = d
		chunk = append(chunk, d)
		done = append(done, store.LedgerItem{K: a.K, Hash: a.Hash})
	}
	// The replaced articles' stored statements: their components are
	// rebuilt, their index rows dropped. Read before the new statements
	// are registered under the same references.
	if len(updated) > 0 {
		lus, err := s.v.UnitsOf(ctx, updated)
		if err != nil {
			return nil, nil, err
		}
		for _, lu := range lus {
			s.oldUnits[lu.K] = append(s.oldUnits[lu.K], lu)
		}
	}
	for _, d := range chunk {
		for _, u := range d.units {
			s.reg[u.ref] = u
		}
	}
	slices.SortFunc(chunk, s.cmpDoc)
	return chunk, done, nil
}

// sameBands returns the stored articles at band positions from..to whose
// band keys are all those of d (the same text, which is an echo at any
// distance in time: claims.EchoWithin), loaded. Only two of d's keys are
// read from the index: an article holding both is then compared whole.
func (s *step) sameBands(ctx context.Context, d *doc, from, to store.BandPos) ([]int64, error) {
	keys := s.bandsOf(d)
	var probe []uint64 // the first two different keys (two bands may share one)
	for _, k := range keys {
		if len(probe) < 2 && !slices.Contains(probe, k) {
			probe = append(probe, k)
		}
	}
	if len(probe) == 0 {
		return nil, nil
	}
	hits, err := s.v.BandNeighbours(ctx, probe, from, to, 0)
	if err != nil {
		return nil, err
	}
	n := map[int64]int{}
	var ks []int64
	for _, h := range hits {
		if n[h.K]++; n[h.K] == len(probe) {
			ks = append(ks, h.K)
		}
	}
	if err := s.needDocs(ctx, ks); err != nil {
		return nil, err
	}
	out := ks[:0]
	for _, k := range ks {
		if o := s.docs[k]; !o.chunk && slices.Equal(s.bandsOf(o), keys) {
			out = append(out, k)
		}
	}
	return out, nil
}

// sameText returns the earliest article before d, at band positions
// from..to or among local (the step's), that has d's text (sameBands) and
// that d echoes.
func (s *step) sameText(ctx context.Context, d *doc, from, to store.BandPos, local []*doc) (*doc, error) {
	ks, err := s.sameBands(ctx, d, from, to)
	if err != nil {
		return nil, err
	}
	var cands []*doc
	for _, k := range ks {
		if n := s.docs[k]; s.cmpDoc(n, d) < 0 && !claims.EchoWithin(n.Published, d.Published) {
			cands = append(cands, n)
		}
	}
	for _, n := range local {
		if slices.Equal(s.bandsOf(n), s.bandsOf(d)) {
			cands = append(cands, n)
		}
	}
	return s.firstEcho(ctx, cands, d)
}

// firstEcho returns the earliest of cands that d echoes, or nil.
func (s *step) firstEcho(ctx context.Context, cands []*doc, d *doc) (*doc, error) {
	slices.SortFunc(cands, s.cmpDoc)
	if err := s.needTexts(ctx, cands); err != nil {
		return nil, err
	}
	for _, n := range cands {
		if s.echoes(n, d) {
			return n, nil
		}
	}
	return nil, nil
}

// parents finds the echo parent of every step article, re-parents stored
// articles that a step article precedes and echoes, and finds the parent
// of the children of replaced articles again. It returns the docs whose
// parent was set (the step's and the re-parented).
func (s *step) parents(ctx context.Context, chunk []*doc) ([]*doc, error) {
	// Band buckets of the step's articles, for the pairs among them.
	buckets := map[uint64][]*doc{}
	for _, d := range chunk {
		for _, b := range s.bandsOf(d) {
			buckets[b] = append(buckets[b], d)
		}
	}
	// inChunk returns the step's other articles sharing a band with d.
	inChunk := func(d *doc) []*doc {
		seen := map[int64]bool{d.K: true}
		var out []*doc
		for _, b := range s.bandsOf(d) {
			for _, n := range buckets[b] {
				if !seen[n.K] {
					seen[n.K] = true
					out = append(out, n)
				}
			}
		}
		return out
	}
	// earliest returns the earliest article before d that d echoes:
	// candidates from the band index, earliest first, a page per band at
	// a time, and from the step.
	earliest := func(d *doc) (*doc, error) {
		const page = 16
		from, _ := echoSpan(d)
		to := bandPos(d)
		// The step's articles before d: within its window, or before it.
		var local, beforeWindow []*doc
		for _, n := range inChunk(d) {
			switch {
			case s.cmpDoc(n, d) >= 0: // after d
			case claims.EchoWithin(n.Published, d.Published):
				local = append(local, n)
			default:
				beforeWindow = append(beforeWindow, n)
			}
		}
		if from.Ord != math.MinInt64 {
			// Before the window: the same text only.
			p, err := s.sameText(ctx, d, store.BandPos{Ord: math.MinInt64, Pre: math.MinInt64}, store.BandPos{Ord: from.Ord, Pre: math.MaxInt64}, beforeWindow)
			if p != nil || err != nil {
				return p, err
			}
		}
		seen := map[int64]bool{d.K: true}
		for {
			if err := s.tick(ctx); err != nil {
				return nil, err
			}
			hits, err := s.v.BandNeighbours(ctx, s.bandsOf(d), from, to, page)
			if err != nil {
				return nil, err
			}
			perBand := map[uint64]int{}
			last := map[uint64]store.BandPos{}
			for _, h := range hits {
				perBand[h.Band]++
				last[h.Band] = h.BandPos
			}
			// A full page of a band ends at bound or before: what lies
			// at its last position and after is for the next page. A page
			// ending at d's own position (copies of one second, ids
			// sharing 4 bytes) is truncated too.
			bound, truncated := to, false
			for b, n := range perBand {
				if n == page && !posLess(bound, last[b]) {
					bound, truncated = last[b], true
				}
			}
			if truncated && bound == from {
				// A page of one position (the same second, ids sharing
				// 4 bytes): read it whole.
				if hits, err = s.v.BandNeighbours(ctx, s.bandsOf(d), from, from, 0); err != nil {
					return nil, err
				}
				bound = store.BandPos{Ord: from.Ord, Pre: from.Pre + 1}
			}
			var ks []int64
			for _, h := range hits {
				if !seen[h.K] && (!truncated || posLess(h.BandPos, bound)) {
					seen[h.K] = true
					ks = append(ks, h.K)
				}
			}
			if err := s.needDocs(ctx, ks); err != nil {
				return nil, err
			}
			var cands []*doc
			for _, k := range ks {
				if n := s.docs[k]; !n.chunk && s.cmpDoc(n, d) < 0 && claims.EchoWithin(n.Published, d.Published) {
					cands = append(cands, n)
				}
			}
			// The step's articles before the bound join the candidates.
			rest := local[:0]
			for _, n := range local {
				if !truncated || posLess(bandPos(n), bound) {
					cands = append(cands, n)
				} else {
					rest = append(rest, n)
				}
			}
			local = rest
			if p, err := s.firstEcho(ctx, cands, d); p != nil || err != nil {
				return p, err
			}
			if !truncated {
				return nil, nil
			}
			from = bound
		}
	}
	// later returns the stored articles after d, within its echo window,
	// sharing a band with it.
	laterOf := func(d *doc) ([]*doc, error) {
		_, hi := echoSpan(d)
		hits, err := s.v.BandNeighbours(ctx, s.bandsOf(d), bandPos(d), hi, 0)
		if err != nil {
			return nil, err
		}
		var ks []int64
		if hi.Ord != math.MaxInt64 {
			// Undated articles come after every dated one, and no
			// window bounds them.
			ulo, uhi := undatedSpan()
			undated, err := s.v.BandNeighbours(ctx, s.bandsOf(d), ulo, uhi, 0)
			if err != nil {
				return nil, err
			}
			hits = append(hits, undated...)
			// After the window: the same text only.
			same, err := s.sameBands(ctx, d, store.BandPos{Ord: hi.Ord, Pre: math.MinInt64}, store.BandPos{Ord: ulo.Ord - 1, Pre: math.MaxInt64})
			if err != nil {
				return nil, err
			}
			ks = append(ks, same...)
		}
		for _, h := range hits {
			ks = append(ks, h.K)
		}
		if err := s.needDocs(ctx, ks); err != nil {
			return nil, err
		}
		seen := map[int64]bool{}
		var out []*doc
		for _, k := range ks {
			if n := s.docs[k]; !seen[k] && !n.chunk && s.cmpDoc(d, n) < 0 && (claims.EchoWithin(d.Published, n.Published) || slices.Equal(s.bandsOf(d), s.bandsOf(n))) {
				seen[k] = true
				out = append(out, n)
			}
		}
		return out, nil
	}

	newParent := map[int64]*doc{} // stored docs re-parented, and to whom
	var changed []*doc
	for _, d := range chunk {
		if err := s.tick(ctx); err != nil {
			return nil, err
		}
		p, err := earliest(d)
		if err != nil {
			return nil, err
		}
		if p != nil {
			d.Parent = p.K
		}
		changed = append(changed, d)
		// Stored articles after d that d echoes and that have no parent
		// before d take d.
		later, err := laterOf(d)
		if err != nil {
			return nil, err
		}
		var parentKs []int64
		for _, n := range later {
			parentKs = append(parentKs, n.Parent)
		}
		if err := s.needDocs(ctx, parentKs); err != nil {
			return nil, err
		}
		var cands []*doc
		for _, n := range later {
			if n.Parent == 0 || s.cmpDoc(d, s.docs[n.Parent]) < 0 {
				cands = append(cands, n)
			}
		}
		if err := s.needTexts(ctx, cands); err != nil {
			return nil, err
		}
		for _, n := range cands {
			if cur := newParent[n.K]; (cur == nil || s.cmpDoc(d, cur) < 0) && s.echoes(d, n) {
				newParent[n.K] = d
			}
		}
	}
	// The children of replaced articles look for their parent again.
	var updated []int64
	for _, d := range chunk {
		if d.old != nil {
			updated = append(updated, d.K)
		}
	}
	again := map[int64]bool{}
	if len(updated) > 0 {
		ch, err := s.v.Children(ctx, updated)
		if err != nil {
			return nil, err
		}
		s.addDocs(ch)
		for _, c := range ch {
			d := s.docs[c.K]
			if d.chunk || again[d.K] {
				continue
			}
			again[d.K] = true
			if err := s.needTexts(ctx, []*doc{d}); err != nil {
				return nil, err
			}
			p, err := earliest(d)
			if err != nil {
				return nil, err
			}
			newParent[d.K] = p
			if p == nil {
				delete(newParent, d.K)
				if d.Parent != 0 {
					d.Parent = 0
					changed = append(changed, d)
				}
			}
		}
	}
	for k, p := range newParent {
		d := s.docs[k]
		if d.Parent != p.K {
			d.Parent = p.K
			changed = append(changed, d)
		}
	}
	return changed, nil
}

// families sets the family of the docs whose parent changed and of every
// descendant of a doc whose family changed: passes in publication order
// (parents first) over a set that grows by the stored children of each doc
// whose family changed, until it grows no more.
func (s *step) families(ctx context.Context, changed []*doc) error {
	var parentKs []int64
	for _, d := range changed {
		parentKs = append(parentKs, d.Parent)
	}
	if err := s.needDocs(ctx, parentKs); err != nil {
		return err
	}
	set := map[int64]bool{}
	var all []*doc
	for _, d := range changed {
		if !set[d.K] {
			set[d.K] = true
			d.write = true
			all = append(all, d)
		}
	}
	expanded := map[int64]bool{}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		slices.SortFunc(all, s.cmpDoc)
		var frontier []int64
		for _, d := range all {
			fam := d.K
			if d.Parent != 0 {
				fam = s.docs[d.Parent].Family
			}
			d.Family = fam
			if d.old == nil || d.old.Family != fam {
				d.famChanged, d.write = true, true
				if d.old != nil && !expanded[d.K] {
					expanded[d.K] = true
					frontier = append(frontier, d.K)
				}
			}
		}
		if len(frontier) == 0 {
			return nil
		}
		ch, err := s.v.Children(ctx, frontier)
		if err != nil {
			return err
		}
		s.addDocs(ch)
		for _, c := range ch {
			if d := s.docs[c.K]; !set[d.K] && !d.chunk {
				set[d.K] = true
				all = append(all, d)
			}
		}
	}
}

// redoDocs returns the docs whose statements are joined again: the step's,
// those whose family changed, and the echoes of replaced origins.
func (s *step) redoDocs(ctx context.Context, chunk []*doc) ([]*doc, error) {
	var roots []int64
	for _, d := range chunk {
		if d.old != nil {
			roots = append(roots, d.K)
		}
	}
	if len(roots) > 0 {
		fam, err := s.v.Family(ctx, roots)
		if err != nil {
			return nil, err
		}
		s.addDocs(fam)
		for _, f := range fam {
			s.docs[f.K].redo = true
		}
	}
	for _, d := range s.docs {
		if d.famChanged {
			d.redo = true
		}
	}
	var redo []*doc
	for _, d := range s.docs {
		if d.redo {
			redo = append(redo, d)
		}
	}
	slices.SortFunc(redo, s.cmpDoc)
	if err := s.loadUnits(ctx, redo); err != nil {
		return nil, err
	}
	return redo, nil
}
