package storetest

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"math"
	"reflect"
	"slices"
	"testing"
	"time"
)

// MigrateBandKeys checks migration 42 of a store: db holds the schema just
// before it (ledger_bands with 64-bit keys, positions in nanoseconds and 8
// bytes of id); the band rows of a few articles are written that way,
// migrate runs, and every row must hold what the ledger computes now
// (internal/ledger bandKeys, bandPos), restated here from its contract: the
// key's low 32 bits sign-extended, the publication in Unix seconds
// (floored, also before 1970; the undated and out-of-range ends kept), the
// first 4 bytes of the id. Two keys of one article sharing their low bits
// become one row.
func MigrateBandKeys(t *testing.T, db *sql.DB, migrate func(context.Context, *sql.DB) error) {
	t.Helper()
	ctx := t.Context()
	type row struct{ Band, Ord, Pre, K int64 }
	pre8 := func(id string) int64 {
		var b [8]byte
		copy(b[:], id)
		return int64(binary.BigEndian.Uint64(b[:]) ^ 1<<63)
	}
	pre4 := func(id string) int64 {
		var b [4]byte
		copy(b[:], id)
		return int64(int32(binary.BigEndian.Uint32(b[:]) ^ 1<<31))
	}
	key := func(b uint64) int64 { return int64(int32(uint32(b))) }
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	articles := []struct {
		k         int64
		id        string
		ord, want int64 // the old position's nanoseconds and the new seconds
		bands     []uint64
	}{
		{1, "3f9a0c71e2d4", at("2024-08-10T12:34:56.789Z").UnixNano(), at("2024-08-10T12:34:56Z").Unix(),
			[]uint64{0x123456789abcdef0, 0x7fffffff00000001, 1<<63 | 5}},
		// Just before 1970: -0.5 s is second -1, not 0.
		{2, "3f9a0c71ffff", at("1969-12-31T23:59:59.5Z").UnixNano(), -1, []uint64{math.MaxUint64 - 4}},
		{3, "\xff\xfe\x00\x01abcd", at("1950-01-01T00:00:00.25Z").UnixNano(), at("1950-01-01T00:00:00Z").Unix(),
			// Two keys with the same low 32 bits: one row.
			[]uint64{0x100000007, 0x200000007}},
		{4, "a0", math.MaxInt64, math.MaxInt64, []uint64{42}},         // undated
		{5, "b1", math.MinInt64 + 1, math.MinInt64 + 1, []uint64{42}}, // before 1678
		{6, "c2", math.MaxInt64 - 1, math.MaxInt64 - 1, []uint64{42}}, // after 2261
	}
	var want []row
	for _, a := range articles {
		for _, b := range a.bands {
			if _, err := db.ExecContext(ctx, `INSERT INTO ledger_bands (band, ord, pre, article_k) VALUES ($1, $2, $3, $4)`,
				int64(b), a.ord, pre8(a.id), a.k); err != nil {
				t.Fatal(err)
			}
			r := row{key(b), a.want, pre4(a.id), a.k}
			if !slices.Contains(want, r) {
				want = append(want, r)
			}
		}
	}
	if err := migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	var got []row
	for _, r := range quads(t, db, `SELECT band, ord, pre, article_k FROM ledger_bands ORDER BY article_k, band`) {
		got = append(got, row{r[0], r[1], r[2], r[3]})
	}
	slices.SortFunc(want, func(a, b row) int { return cmp.Or(cmp.Compare(a.K, b.K), cmp.Compare(a.Band, b.Band)) })
	if !reflect.DeepEqual(got, want) {
		t.Errorf("band rows after the migration:\n got %v\nwant %v", got, want)
	}
}

// quads reads the rows of a query of four integer columns.
func quads(t *testing.T, db *sql.DB, q string) [][4]int64 {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][4]int64
	for rows.Next() {
		var r [4]int64
		if err := rows.Scan(&r[0], &r[1], &r[2], &r[3]); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
