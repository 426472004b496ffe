package store

import "context"

// ClaimPlaces is the map's view of the ledger: which places the claims name.
// The SQLite and PostgreSQL stores implement it beside Store.
type ClaimPlaces interface {
	// ClaimPlaces counts, for the claims matching f (its Sort, Limit and
	// Offset are ignored), how many name each place in one of their
	// statements; the limit most named first, ties by name.
	ClaimPlaces(ctx context.Context, f ClaimFilter, limit int) ([]PlaceCount, error)
}

// PlaceCount is one place named in claims.
type PlaceCount struct {
	Name   string // the place's canonical name, lower-cased
	Claims int
}
