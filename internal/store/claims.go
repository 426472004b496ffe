package store

import (
	"context"
	"errors"

	"github.com/crosscheck/crosscheck"
)

// ClaimStore is the claim ledger: claims with their statuses, the echo map,
// and the article generation the ledger was built from.
type ClaimStore interface {
	// LedgerStale reports whether articles were created or replaced since
	// the generation the claim ledger was built from (true for a new
	// store), i.e. whether a claims rebuild would change anything.
	LedgerStale(ctx context.Context) (bool, error)
	// ReplaceLedger atomically swaps the whole claim ledger for l, unless
	// the stored ledger was built from a later generation than
	// l.BuiltFrom: then nothing changes and it returns ErrSuperseded, so
	// that of two overlapping rebuilds the one that saw more articles
	// wins, whatever order they finish in. Rebuilds replacing the ledger
	// concurrently are serialized.
	ReplaceLedger(ctx context.Context, l Ledger) error
	// ReplaceClaims is ReplaceLedger built from the generation current
	// when it writes: only right when no article can be written while the
	// claims were computed (tests, single-process tools).
	ReplaceClaims(ctx context.Context, claims []crosscheck.Claim, echoOf map[string]string) error
	// UpdateClaims replaces part of the ledger: the claims u.Remove are
	// deleted, u.Claims are stored (replacing a claim of the same id), the
	// echo map entries u.EchoOf are set, and the precomputed counts are
	// adjusted, atomically. For the incremental ledger.
	UpdateClaims(ctx context.Context, u ClaimUpdate) error

	// Claims lists claims matching f and the total matching.
	Claims(ctx context.Context, f ClaimFilter) ([]crosscheck.Claim, int, error)
	// ClaimBriefs is Claims for list views: the same claims, in the same
	// order, each with at most BriefItems statements, evidence entries
	// and appearances and the counts of all of them.
	ClaimBriefs(ctx context.Context, f ClaimFilter) ([]ClaimBrief, int, error)
	// Claim returns one claim. Returns ErrNotFound if absent.
	Claim(ctx context.Context, id string) (crosscheck.Claim, error)
	// StatusCounts counts the claims matching f per status (a claim with
	// several statuses counts once for each). f.Status is ignored.
	StatusCounts(ctx context.Context, f ClaimFilter) (map[string]int, error)
}

// BriefItems caps the statements, evidence entries and appearances of a
// claim in list views (ClaimStore.ClaimBriefs). A claim joined by
// thousands of statements is megabytes of JSON: listed whole, it made
// every page it appeared on (the board sorted by latest activity, where
// such claims stay on top) cost as much as reading it. Three are enough
// for a list (the origin and what disputes or confirms it first; the
// claim page shows the rest) and keep a page of 50 disputed claims under
// 200 KB: with ten it was 410 KB at 200,000 articles, and decoding and
// encoding the briefs was most of what the request cost
// (bench/README, "Lighter lists").
const BriefItems = 3

// ClaimBrief is a claim as a list shows it: Claim with its first
// BriefItems statements, evidence entries and appearances at most, and
// the numbers of each the claim has.
type ClaimBrief struct {
	Claim       crosscheck.Claim
	Statements  int
	Evidence    int
	Appearances int
}

// Truncated reports whether Claim lacks some of the claim's statements,
// evidence or appearances.
func (b ClaimBrief) Truncated() bool {
	return len(b.Claim.Statements) < b.Statements || len(b.Claim.Evidence) < b.Evidence ||
		len(b.Claim.Appearances) < b.Appearances
}

// ErrSuperseded is returned by ReplaceLedger when a ledger built from a
// later article generation is already stored.
var ErrSuperseded = errors.New("store: a ledger built from later articles is already stored")

// Ledger is a whole claim ledger for ReplaceLedger.
type Ledger struct {
	Claims []crosscheck.Claim
	EchoOf map[string]string // echo article id → origin article id
	// BuiltFrom is the article generation (ArticleStore.Generation) read
	// before the analyses the ledger was computed from.
	BuiltFrom int64
}

// ClaimUpdate is a partial ledger change for UpdateClaims.
type ClaimUpdate struct {
	Remove []string           // ids of claims to delete (absent ids are ignored)
	Claims []crosscheck.Claim // claims to store, replacing any of the same id
	EchoOf map[string]string  // echo map entries to set
	// BuiltFrom, when > 0, is recorded as the generation the ledger is
	// built from if it is later than the recorded one.
	BuiltFrom int64
}

// Claim sort orders.
const (
	SortRecent     = "recent"     // first_seen, newest first (default)
	SortOldest     = "oldest"     // first_seen, oldest first
	SortStatements = "statements" // most statements first
	SortLatest     = "latest"     // latest activity (newest statement or status), newest first
	SortRelevance  = "relevance"  // full-text rank; needs Q (else recent)
)

// ClaimFilter selects claims.
type ClaimFilter struct {
	Status  string // one of the crosscheck.Status* values
	Party   string // a party among Claim.Parties
	Speaker string // a speaker of one of its statements, case-insensitive
	Place   string // a place named in one of its statements, case-insensitive
	Article string // an article it appears in
	Since   string // first_seen day bounds
	Until   string
	Q       string // full-text query over summary and statement contents
	Review  string // ReviewReviewed or ReviewNeeded (stores that implement Reviews)
	Sort    string // Sort* constant; "" = SortRecent, or SortRelevance with Q
	Limit   int
	Offset  int
}
