package postgres

import (
	"context"
	"database/sql/driver"
	"fmt"

	"github.com/crosscheck/crosscheck/internal/store"
)

var _ store.LedgerStore = (*Store)(nil)

// ledgerLockClass and ledgerLockID name the ledger's advisory lock. The
// two-key form lives in its own key space, apart from the article locks
// of Put (single 64-bit keys).
const (
	ledgerLockClass = 0x6c656467 // "ledg"
	ledgerLockID    = 1
)

// LockLedger implements store.LedgerStore: a session-level advisory lock
// on a connection of its own, so that ledger updates of any number of
// processes on the database (ingests, workers) run one at a time. A
// process that dies releases it with its session.
func (s *Store) LockLedger(ctx context.Context) (func(), error) {
	conn, err := s.SQL().Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres: ledger lock: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1, $2)`, ledgerLockClass, ledgerLockID); err != nil {
		// A cancelled wait leaves the connection unusable for the pool.
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		conn.Close()
		return nil, fmt.Errorf("postgres: ledger lock: %w", err)
	}
	return func() {
		// Unlocked on a fresh context: the update's may be cancelled.
		if _, err := conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1, $2)`, ledgerLockClass, ledgerLockID); err != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}, nil
}
