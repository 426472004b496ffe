package sqlstore

import (
	"context"
	"slices"
)

// Candidates implements store.EchoIndex.
func (s *DB) Candidates(ctx context.Context, bands []uint64) ([]string, error) {
	out := []string{}
	cs, err := s.EchoCandidates(ctx, bands)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		out = append(out, c.ID)
	}
	// EchoCandidates orders by publication; Candidates by id.
	slices.Sort(out)
	return out, nil
}
