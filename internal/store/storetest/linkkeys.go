package storetest

import (
	"cmp"
	"context"
	"database/sql"
	"reflect"
	"slices"
	"testing"

	"github.com/cespare/xxhash/v2"
)

// MigrateLinkKeys checks migration 45 of a store: db holds the schema just
// before it (ledger_keys with the 64-bit hashes of claims.IndexKeys); the
// rows of a few statements are written that way, migrate runs, and every
// row must hold what the ledger computes now (internal/ledger LinkKey),
// restated here from its contract: the hash's low 32 bits, sign-extended.
// Two keys of one statement sharing their low bits become one row.
func MigrateLinkKeys(t *testing.T, db *sql.DB, migrate func(context.Context, *sql.DB) error) {
	t.Helper()
	ctx := t.Context()
	type row struct{ Key, Day, K, Seq int64 }
	key := func(h uint64) int64 { return int64(int32(uint32(h))) }
	stmts := []struct {
		day, k, seq int64
		keys        []uint64
	}{
		{19950, 1, 0, []uint64{xxhash.Sum64String("f:attack"), xxhash.Sum64String("w:convoy"), 0x123456789abcdef0}},
		// Low bits with the sign bit set, and the largest positive.
		{19951, 1, 1, []uint64{0xffffffff80000000, 0x000000007fffffff}},
		// Two keys with the same low 32 bits: one row.
		{19952, 2, 0, []uint64{0x100000007, 0x200000007}},
		{-1, 3, 4, []uint64{1 << 63}}, // undated
	}
	var want []row
	for _, s := range stmts {
		for _, h := range s.keys {
			if _, err := db.ExecContext(ctx, `INSERT INTO ledger_keys (key, day, article_k, seq) VALUES ($1, $2, $3, $4)`,
				int64(h), s.day, s.k, s.seq); err != nil {
				t.Fatal(err)
			}
			r := row{key(h), s.day, s.k, s.seq}
			if !slices.Contains(want, r) {
				want = append(want, r)
			}
		}
	}
	if err := migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	var got []row
	for _, r := range quads(t, db, `SELECT key, day, article_k, seq FROM ledger_keys ORDER BY article_k, seq, key`) {
		got = append(got, row{r[0], r[1], r[2], r[3]})
	}
	slices.SortFunc(want, func(a, b row) int {
		return cmp.Or(cmp.Compare(a.K, b.K), cmp.Compare(a.Seq, b.Seq), cmp.Compare(a.Key, b.Key))
	})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("key rows after the migration:\n got %v\nwant %v", got, want)
	}
}
