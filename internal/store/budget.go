package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/crosscheck/crosscheck"
)

// WithQueryBudget returns st with a time budget on every full-text query
// (Search, and Claims, StatusCounts, Articles and Statements with a Q): the
// query runs under a context that expires after budget, which both stores
// turn into an interrupt of the running statement (sqlite3_interrupt, a
// PostgreSQL cancel request). A query over its budget fails with
// crosscheck.EUNAVAILABLE instead of holding a CPU. The server wraps its
// store with this; the CLI, where the operator waits on purpose, does not.
// Other methods pass through unchanged. budget <= 0 returns st.
func WithQueryBudget(st Store, budget time.Duration) Store {
	if budget <= 0 {
		return st
	}
	return &budgeted{Store: st, budget: budget}
}

type budgeted struct {
	Store
	budget time.Duration
}

// run calls fn under the budget and turns a deadline into EUNAVAILABLE.
func (b *budgeted) run(ctx context.Context, q string, fn func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, b.budget)
	defer cancel()
	err := fn(ctx)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &crosscheck.Error{
			Code: crosscheck.EUNAVAILABLE,
			Message: fmt.Sprintf("full-text query %q was stopped after its %s budget; try fewer or rarer words",
				ParseQuery(q).String(), b.budget),
			Err: err,
		}
	}
	return err
}

func (b *budgeted) Search(ctx context.Context, q string, limit int) (hits []Hit, err error) {
	err = b.run(ctx, q, func(ctx context.Context) error {
		hits, err = b.Store.Search(ctx, q, limit)
		return err
	})
	return hits, err
}

func (b *budgeted) Claims(ctx context.Context, f ClaimFilter) (cs []crosscheck.Claim, total int, err error) {
	if f.Q == "" {
		return b.Store.Claims(ctx, f)
	}
	err = b.run(ctx, f.Q, func(ctx context.Context) error {
		cs, total, err = b.Store.Claims(ctx, f)
		return err
	})
	return cs, total, err
}

func (b *budgeted) StatusCounts(ctx context.Context, f ClaimFilter) (counts map[string]int, err error) {
	if f.Q == "" {
		return b.Store.StatusCounts(ctx, f)
	}
	err = b.run(ctx, f.Q, func(ctx context.Context) error {
		counts, err = b.Store.StatusCounts(ctx, f)
		return err
	})
	return counts, err
}

func (b *budgeted) Articles(ctx context.Context, f ArticleFilter) (rows []ArticleSummary, total int, err error) {
	if f.Q == "" {
		return b.Store.Articles(ctx, f)
	}
	err = b.run(ctx, f.Q, func(ctx context.Context) error {
		rows, total, err = b.Store.Articles(ctx, f)
		return err
	})
	return rows, total, err
}

func (b *budgeted) Statements(ctx context.Context, f StatementFilter) (rows []StatementRow, total int, err error) {
	if f.Q == "" {
		return b.Store.Statements(ctx, f)
	}
	err = b.run(ctx, f.Q, func(ctx context.Context) error {
		rows, total, err = b.Store.Statements(ctx, f)
		return err
	})
	return rows, total, err
}
