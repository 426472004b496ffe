package ledger

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/cespare/xxhash/v2"
	fastjson "github.com/segmentio/encoding/json"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/claims"
	"github.com/crosscheck/crosscheck/internal/store"
)

// unitData is what the store keeps of a statement (LedgerUnit.Data, JSON):
// its features, what its article's relations make of it, and its link.
type unitData struct {
	P     claims.Prepared `json:"p"`
	Role  int             `json:"role,omitempty"`
	Loose []claims.Loose  `json:"loose,omitempty"`
	Link  *link           `json:"link,omitempty"`
}

// link is a statement's strongest link (see better), with what is needed
// to order it against another.
type link struct {
	To        claims.Ref `json:"to"`
	Published string     `json:"published"`
	Seq       int        `json:"seq"`
	Score     float64    `json:"score"`
	Reasons   []string   `json:"reasons"`
}

func (k *link) statementLink() *crosscheck.StatementLink {
	if k == nil {
		return nil
	}
	return &crosscheck.StatementLink{To: k.To.String(), Reasons: slices.Clone(k.Reasons), Score: k.Score}
}

// stub is a Prepared with just what claims.ComparePrepared reads.
func (k *link) stub() *claims.Prepared {
	return &claims.Prepared{Article: k.To.Article, Statement: k.To.Statement, Published: k.Published, Seq: k.Seq}
}

// better reports whether cand is a better link of self than cur, by
// Build's rule (builder.linkOf): a link to an earlier statement before one
// to a later, then the higher score, then the earlier statement; a tie
// keeps cur.
func better(self *claims.Prepared, cand, cur *link) bool {
	if cur == nil {
		return true
	}
	return betterTo(self, cand.stub(), cand.Score, cur.stub(), cur.Score)
}

// betterTo is better for links to cand and cur (what
// claims.ComparePrepared reads of them) with their scores.
func betterTo(self, cand *claims.Prepared, candScore float64, cur *claims.Prepared, curScore float64) bool {
	ce := claims.ComparePrepared(cand, self) < 0
	be := claims.ComparePrepared(cur, self) < 0
	if ce != be {
		return ce
	}
	if candScore != curScore {
		return candScore > curScore
	}
	return claims.ComparePrepared(cand, cur) < 0
}

// unit is one statement in a step.
type unit struct {
	ref  store.UnitRef
	d    *unitData
	comp int64 // stored component; 0 when new
	at   int64 // stored At; 0 when new (or stored before the times were)
	echo bool
	// kept: its stored data stands after the step (a stored statement
	// whose link and time did not change), so only a change of component
	// is written.
	kept bool
	// joined are the statements it is joined to in this step (matches,
	// relations, echo copies), in the order found, for its component; best
	// is the best of those joins by Build's rule (better), the first found
	// of equals, for its link. Only the best keeps its score and reasons: a
	// dense component read whole meets tens of matches per statement, and
	// keeping every one with its reasons held most of a step's memory.
	joined []*unit
	best   edge
	node   int // union-find index, -1 until placed
	// seenBy is the statement that last matched this one: a pair met
	// through several keys is matched once.
	seenBy *unit
	// keys are its index keys (hashed), computed on demand; alone[i] says
	// whether sharing keys[i] is enough to be matched (claims.KeyAlone).
	keys  []uint64
	alone []bool
}

type edge struct {
	to      *unit
	score   float64
	reasons []string
}

func (u *unit) linkTo(e edge) *link {
	o := &e.to.d.P
	return &link{To: claims.Ref{Article: o.Article, Statement: o.Statement}, Published: o.Published, Seq: o.Seq,
		Score: e.score, Reasons: slices.Clone(e.reasons)}
}

// join records that u is joined to e.to, keeping e if it is better than
// the best so far (a tie keeps the earlier, as bestLink over all the joins
// in the order found would).
func (u *unit) join(e edge) {
	u.joined = append(u.joined, e.to)
	if u.best.to == nil || betterEdge(&u.d.P, e, u.best) {
		u.best = e
	}
}

// bestLink is Build's link of a statement over all its joins: nil when it
// has none.
func (u *unit) bestLink() *link {
	if u.best.to == nil {
		return nil
	}
	return u.linkTo(u.best)
}

// betterEdge is better for two joins of self.
func betterEdge(self *claims.Prepared, cand, cur edge) bool {
	return betterTo(self, &cand.to.d.P, cand.score, &cur.to.d.P, cur.score)
}

// encodeUnit encodes a statement for the store without its article's id
// (store.LedgerUnit.Article gives it back when read: decodeStored).
func encodeUnit(d *unitData) ([]byte, error) {
	c := *d
	c.P.Article = ""
	return json.Marshal(&c)
}

// decodeStored decodes a statement read from the store, its article's id
// from the row when its data leaves it out (rows written before encodeUnit
// did keep it).
func decodeStored(lu store.LedgerUnit) (*unitData, error) {
	d, err := decodeUnit(lu.Data)
	if err != nil {
		return nil, fmt.Errorf("ledger: statement %d/%d: %w", lu.K, lu.Seq, err)
	}
	if d.P.Article == "" {
		if lu.Article == "" {
			return nil, fmt.Errorf("ledger: statement %d/%d: no article id, and no ledger doc for article %d", lu.K, lu.Seq, lu.K)
		}
		d.P.Article = lu.Article
	}
	return d, nil
}

// sameLink reports whether a and b are the same link, as stored.
func sameLink(a, b *link) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.To == b.To && a.Published == b.Published && a.Seq == b.Seq && a.Score == b.Score && slices.Equal(a.Reasons, b.Reasons)
}

// decodeUnit decodes with segmentio/encoding/json: the same values as
// encoding/json (TestDecodeUnitMatches) at a third of its CPU, and a
// ledger update decodes every statement of the components it rebuilds.
func decodeUnit(b []byte) (*unitData, error) {
	var d unitData
	if err := fastjson.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// LinkKey hashes one of claims.IndexKeys for the store's link index: the
// low 32 bits of its hash, sign-extended, which SQLite stores in 4 bytes
// instead of 8 (about 40 rows per article; migration 45). Two keys may
// share a hash: a statement found by a key is a candidate, and only
// claims.Match links it, and every pair Match links shares a key itself
// (claims.TestIndexKeysCoverMatch), so a shared hash costs a comparison,
// never a different ledger.
func LinkKey(key string) uint64 {
	return uint64(int64(int32(uint32(xxhash.Sum64String(key)))))
}

// dayNumber is the day of a publication date (its YYYY-MM-DD prefix) in
// days since 1970-01-01, -1 when undated: the day of the link index.
func dayNumber(published string) int64 {
	if len(published) < 10 {
		return -1
	}
	t, err := time.Parse(time.DateOnly, published[:10])
	if err != nil {
		return -1
	}
	return t.Unix() / 86400
}

// unitCache keeps decoded statements between steps for linking, up to
// about max of them: two generations, the older dropped when the newer is
// full (an approximate LRU without bookkeeping per hit).
type unitCache struct {
	max       int
	cur, prev map[store.UnitRef]*unitData
}

func newUnitCache(max int) *unitCache {
	return &unitCache{max: max, cur: map[store.UnitRef]*unitData{}, prev: map[store.UnitRef]*unitData{}}
}

func (c *unitCache) get(r store.UnitRef) *unitData {
	if d, ok := c.cur[r]; ok {
		return d
	}
	if d, ok := c.prev[r]; ok {
		c.put(r, d)
		return d
	}
	return nil
}

func (c *unitCache) put(r store.UnitRef, d *unitData) {
	if len(c.cur) >= c.max/2 {
		c.prev, c.cur = c.cur, make(map[store.UnitRef]*unitData, c.max/2)
	}
	c.cur[r] = d
}

func (c *unitCache) drop(r store.UnitRef) {
	delete(c.cur, r)
	delete(c.prev, r)
}

func (c *unitCache) clear() {
	c.cur, c.prev = map[store.UnitRef]*unitData{}, map[store.UnitRef]*unitData{}
}
