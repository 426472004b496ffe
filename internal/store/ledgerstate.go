package store

import (
	"context"
	"errors"

	"github.com/crosscheck/crosscheck"
)

// LedgerStore keeps the state of the incremental claim ledger
// (internal/ledger) beside the claims it produces: per article its echo
// parent and family and the version it was read at, per statement its
// prepared features, its component (the group of linked statements a claim
// is made of) and its link, and an index of the link keys of the
// statements that take part in linking. Articles written by Put are queued
// for the ledger by the database itself (a trigger), so that no write
// path has to remember to tell it. The SQLite and PostgreSQL stores
// implement it beside Store.
type LedgerStore interface {
	// LockLedger takes the ledger lock, which serializes ledger updates
	// across processes (PostgreSQL: an advisory lock; SQLite: a lock file
	// beside the database), waiting until it is free or ctx ends. unlock
	// releases it.
	LockLedger(ctx context.Context) (unlock func(), err error)
	// OpenLedger returns a view of the ledger state for one update. With
	// rebuild, everything happens in one transaction that starts from an
	// empty ledger and is committed by Commit (or rolled back, leaving the
	// previous ledger as it was); without, reads see the latest committed
	// state and every Apply commits on its own. Hold the ledger lock.
	OpenLedger(ctx context.Context, rebuild bool) (LedgerTx, error)
}

// ErrLedgerMoved is returned by LedgerTx.Apply when another writer changed
// the ledger since the view read it (the caller did not hold the lock).
var ErrLedgerMoved = errors.New("store: the claim ledger changed under this update")

// LedgerTx reads and changes the incremental ledger's state (see
// LedgerStore). Article keys (K) are the store's integer article keys.
type LedgerTx interface {
	// Status reads the article generation, whether the stored state is the
	// one the stored claims were built from (false when it is missing or
	// another build replaced the claims), and a counter that grows with
	// every Apply.
	Status(ctx context.Context) (LedgerStatus, error)
	// Pending returns up to limit articles to bring into the ledger, in
	// publication order (published day, published, id; undated first),
	// after the position after (zero: from the start): without rebuild those queued
	// since they were last applied, with rebuild every stored article.
	Pending(ctx context.Context, after LedgerCursor, limit int) ([]LedgerItem, error)
	// Articles reads stored articles by key (absent keys are left out).
	Articles(ctx context.Context, ks []int64) ([]LedgerArticle, error)
	// Texts reads the clean text of stored articles by key.
	Texts(ctx context.Context, ks []int64) (map[int64]string, error)
	// Docs reads the ledger state of articles by key (absent: not in the
	// ledger yet).
	Docs(ctx context.Context, ks []int64) ([]LedgerDoc, error)
	// DocHeads is Docs without the joins and band keys (nil): what a
	// claim shows of its articles, for claims of thousands of them.
	DocHeads(ctx context.Context, ks []int64) ([]LedgerDoc, error)
	// Children returns the docs whose echo parent is one of parents.
	Children(ctx context.Context, parents []int64) ([]LedgerDoc, error)
	// Family returns the docs whose echo family root is one of roots.
	Family(ctx context.Context, roots []int64) ([]LedgerDoc, error)
	// BandNeighbours returns, for each of bands, the articles in the
	// ledger indexed under it at positions from..to (inclusive), in
	// position order, at most limit per band (0: all).
	BandNeighbours(ctx context.Context, bands []uint64, from, to BandPos, limit int) ([]BandHit, error)
	// LinkNeighbours returns the ledger's indexed statements having one of
	// keys, published within [fromDay, toDay] (day numbers since
	// 1970-01-01) or undated; all days when undated is set.
	LinkNeighbours(ctx context.Context, keys []uint64, fromDay, toDay int64, undated bool) ([]LinkHit, error)
	// Units reads statements' ledger state by reference.
	Units(ctx context.Context, refs []UnitRef) ([]LedgerUnit, error)
	// UnitsOf reads the statements of articles.
	UnitsOf(ctx context.Context, ks []int64) ([]LedgerUnit, error)
	// Components reads every statement of the components comps; the Data
	// of those for which skip (when not nil) says true is left out.
	Components(ctx context.Context, comps []int64, skip func(UnitRef) bool) ([]LedgerUnit, error)
	// EachComponentUnit is Components handing each statement to fn as
	// it is read, its Data decompressed for fn alone: fn decodes it and
	// lets the JSON go, where a component of 200,000 statements read
	// whole held 300 MB of it. An error from fn stops the walk.
	EachComponentUnit(ctx context.Context, comps []int64, skip func(UnitRef) bool, fn func(LedgerUnit) error) error
	// EachComponentUnitWithin is EachComponentUnit for one component, of
	// the statements whose At is from since to until (Unix seconds), or
	// 0, in the order of At (those with At 0 first).
	EachComponentUnitWithin(ctx context.Context, comp, since, until int64, skip func(UnitRef) bool, fn func(LedgerUnit) error) error
	// CompStats returns the size and time span of each of comps that has
	// statements.
	CompStats(ctx context.Context, comps []int64) (map[int64]CompStat, error)
	// CompEpisodes returns the episodes stored for each of comps (absent:
	// none).
	CompEpisodes(ctx context.Context, comps []int64) (map[int64][]Episode, error)
	// PendingComps returns up to limit components whose claims must be
	// built again, in id order after the id after, with their episodes and
	// From.
	PendingComps(ctx context.Context, after int64, limit int) ([]LedgerComp, error)
	// OldClaims returns the ids of stored claims whose components changed.
	OldClaims(ctx context.Context) ([]string, error)
	// NextComponent returns a component id never used so far.
	NextComponent(ctx context.Context) (int64, error)
	// Apply writes one step of the update atomically. Without rebuild it
	// fails with ErrLedgerMoved when the counter of Status changed since
	// the view was opened or last applied.
	Apply(ctx context.Context, d LedgerDelta) error
	// Commit ends the view: with rebuild it commits the new ledger (unless
	// a ledger built from later articles was stored meanwhile:
	// ErrSuperseded). Rollback abandons it; after Commit it does nothing.
	Commit(ctx context.Context) error
	Rollback() error
}

// LedgerStatus is what LedgerTx.Status reads.
type LedgerStatus struct {
	Generation int64 // the article generation (ArticleStore.Generation)
	BuiltFrom  int64 // the generation the stored claims were built from
	Valid      bool  // the stored ledger state matches the stored claims
	Seq        int64 // grows with every Apply
}

// LedgerCursor is a position in publication order.
type LedgerCursor struct {
	Day, Published, ID string
}

// LedgerItem is an article to bring into the ledger.
type LedgerItem struct {
	K    int64
	Hash string // its content hash when queued
	LedgerCursor
}

// LedgerArticle is a stored article as the ledger reads it.
type LedgerArticle struct {
	K        int64
	Hash     string
	Analysis crosscheck.Analysis
}

// LedgerDoc is the ledger state of one article.
type LedgerDoc struct {
	K         int64
	ID        string
	Hash      string // the content hash of the version in the ledger
	Published string
	Site, URL string
	Parent    int64    // the earliest earlier article it echoes; 0: none
	Family    int64    // the root of its echo family: itself when not an echo
	Joins     []byte   // the links the article states (opaque to the store)
	Bands     []uint64 // its LSH band keys, as indexed (BandHit)
	Failed    string   // why it has no statements in the ledger, if it failed
}

// UnitRef names a statement by article key and position.
type UnitRef struct {
	K   int64
	Seq int
}

// CompStat is what the ledger needs to know of a component before
// reading it: its number of statements and the least and greatest At of
// them (First 0 when one is undated or its At unknown).
type CompStat struct {
	Size        int
	First, Last int64
}

// LedgerUnit is the ledger state of one statement.
type LedgerUnit struct {
	UnitRef
	Comp int64 // its component
	Echo bool  // the copy of a statement of its article's echo origin
	// At is its publication in Unix seconds, 0 when undated (or written
	// before the store kept it): what EachComponentUnitWithin reads by.
	At   int64
	Data []byte
	// Article is the id of its article (LedgerDoc.ID), read with it and
	// never written: the ledger leaves the id out of Data, where 5 to 6
	// statements an article each paid for 64 hex digits that compress
	// badly (about 270 bytes an article at 10,000 articles).
	Article string
}

// LinkHit is one indexed statement found by a link key.
type LinkHit struct {
	Key uint64
	Day int64 // its day number, -1 undated
	UnitRef
}

// BandPos is a position in publication order within a band: Ord, the
// publication (the ledger uses Unix seconds, the largest int64 when
// undated), then Pre, a prefix of the article id (the ledger uses its
// first 4 bytes, big-endian, sign bit flipped, so that it sorts as the
// bytes do). Positions may tie: the ledger orders the articles of one
// position itself.
type BandPos struct{ Ord, Pre int64 }

// BandHit is one article found in the band index.
type BandHit struct {
	Band uint64
	BandPos
	K int64
}

// LedgerDelta is one atomic step of a ledger update.
type LedgerDelta struct {
	Docs          []LedgerDoc  // upserted
	Units         []LedgerUnit // upserted
	DropUnits     []UnitRef    // deleted (with their index keys)
	Relabel       []Relabel    // components renamed
	Moves         []UnitMove   // statements moved to another component, their data kept (after Relabel)
	DropKeys      []UnitKey    // index rows deleted
	AddKeys       []UnitKey    // index rows inserted
	DropBands     []BandHit    // band index rows deleted
	AddBands      []BandHit    // band index rows inserted
	Comps         []LedgerComp // components upserted
	DropComps     []int64      // components deleted
	AddOldClaims  []string     // claim ids to remove later (OldClaims)
	DropOldClaims []string
	Remove        []string // claim ids deleted
	Claims        []crosscheck.Claim
	EchoOf        map[string]string // echo map entries set
	NotEchoes     []string          // article ids no longer echoes
	Done          []LedgerItem      // queued articles applied (at that hash)
	BuiltFrom     int64             // recorded when later than the recorded one
}

// LedgerComp is the ledger state of one component.
type LedgerComp struct {
	Comp int64
	// Episodes are its episodes (claims.Options.Episodes) in order, each
	// with the claim stored for it.
	Episodes []Episode
	// Pending: its claims must be built again, from the episode holding
	// the time From on (Unix nanoseconds; 0: all of them). The episodes
	// that end before it stay as they are, with their claims.
	Pending bool
	From    int64
}

// Episode is one episode of a component.
type Episode struct {
	// Start is the publication time of its first statement (Unix
	// nanoseconds), 0 when unknown: the episodes of a component smaller
	// than claims.Options.EpisodeMin (one, built whole) and those written
	// before episodes had starts.
	Start int64
	Claim string // the id of its claim; "" when it makes none
}

// Claims returns the ids of the claims of episodes.
func Claims(episodes []Episode) []string {
	var out []string
	for _, e := range episodes {
		if e.Claim != "" {
			out = append(out, e.Claim)
		}
	}
	return out
}

// Relabel renames component From to To.
type Relabel struct{ From, To int64 }

// UnitMove sets the component of a stored statement whose data did not
// change: a step that reads a component of 170,000 statements to add a
// few changes the links of a few, and rewriting them all held and wrote
// hundreds of megabytes.
type UnitMove struct {
	UnitRef
	Comp int64
}

// UnitKey is one row of the link key index.
type UnitKey struct {
	Key uint64
	Day int64 // day number, -1 undated
	UnitRef
}
