package postgres

import (
	"context"
	"database/sql/driver"
	"fmt"

	"github.com/crosscheck/crosscheck/internal/store"
)

var _ store.LedgerStore = (*Store)(nil)

// ledgerLockClass names the ledger's advisory lock. The two-key form
// lives in its own key space, apart from the article locks of Put (single
// 64-bit keys); its second key is the schema's name hashed, because each
// schema holds a ledger of its own and advisory locks are database-wide:
// two stores in two schemas of one database must not wait for each other.
const ledgerLockClass = 0x6c656467 // "ledg"

// LockLedger implements store.LedgerStore: a session-level advisory lock
// on a connection of its own, so that ledger updates of any number of
// processes on the database (ingests, workers) run one at a time. A
// process that dies releases it with its session.
func (s *Store) LockLedger(ctx context.Context) (func(), error) {
	conn, err := s.SQL().Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres: ledger lock: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1, hashtext(current_schema()))`, ledgerLockClass); err != nil {
		// A cancelled wait leaves the connection unusable for the pool.
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		conn.Close()
		return nil, fmt.Errorf("postgres: ledger lock: %w", err)
	}
	return func() {
		// Unlocked on a fresh context: the update's may be cancelled.
		if _, err := conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1, hashtext(current_schema()))`, ledgerLockClass); err != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}, nil
}
