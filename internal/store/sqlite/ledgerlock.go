package sqlite

import (
	"context"
	"fmt"

	"github.com/crosscheck/crosscheck/internal/store"
)

var _ store.LedgerStore = (*Store)(nil)

// LockLedger implements store.LedgerStore: an exclusive lock on a file
// beside the database (path + ".ledger-lock"), so that ledger updates of
// several processes on one file run one at a time. SQLite's own write
// lock is held only while a step is written: the computation in between
// must not block the ingest writers.
func (s *Store) LockLedger(ctx context.Context) (func(), error) {
	var seq int
	var name, file string
	if err := s.SQL().QueryRowContext(ctx, `PRAGMA database_list`).Scan(&seq, &name, &file); err != nil {
		return nil, fmt.Errorf("sqlite: ledger lock: %w", err)
	}
	if file == "" {
		return nil, fmt.Errorf("sqlite: ledger lock: the database has no file")
	}
	return lockFileCtx(ctx, file+".ledger-lock")
}
