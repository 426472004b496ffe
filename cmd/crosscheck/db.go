package main

import (
	"context"
	"strings"

	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/postgres"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
)

// openStore opens the database named by --db (or CROSSCHECK_DB): a
// postgres:// or postgresql:// URL opens PostgreSQL, anything else is a
// SQLite file path; empty means defaultDB(). The schema is migrated on open.
func openStore(ctx context.Context, g *Globals, opts ...sqlite.Option) (store.Store, error) {
	db := g.DB
	if isPostgresURL(db) {
		return postgres.Open(ctx, db)
	}
	if db == "" {
		var err error
		if db, err = defaultDB(); err != nil {
			return nil, err
		}
	}
	return sqlite.Open(ctx, db, opts...)
}

func isPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}
