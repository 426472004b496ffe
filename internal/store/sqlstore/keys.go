package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck/internal/store"
)

// The echo index (LSH band keys of articles) and the link index (link keys
// of statements) are inverted indexes on random 64-bit hashes. Stored as
// one B-tree row per key they made every batch insert thousands of rows at
// random places, rewriting most pages of both indexes at each commit, so a
// batch cost more the larger the database. They are stored packed instead,
// in one of two layouts (Dialect.KeysInArrays):
//
//   - SQLite: contentless FTS5 tables, which write a batch's tokens as one
//     sorted segment and merge segments as they accumulate. echo_index has
//     one row per article (rowid = article k), its band keys as tokens;
//     link_index one row per statement (rowid = linkRowid), its link keys
//     as tokens. A contentless table deletes a row only given the tokens
//     it was written with: they are kept packed in articles.index_keys.
//   - PostgreSQL: arrays on the rows they describe, articles.bands and
//     statements.link_keys, with GIN indexes (whose pending list takes a
//     batch's keys as an append and merges them into the index in bulk).

// bandToken is the echo_index token of a band key: its low 32 bits in hex.
// Two keys may share a token; candidates are checked against the full
// keys in index_keys.
func bandToken(b uint64) string { return hex8(uint32(b)) }

// keyToken is the link_index token of a link key: 64 bits in hex.
func keyToken(k uint64) string {
	const digits = "0123456789abcdef"
	var b [16]byte
	for i := 15; i >= 0; i-- {
		b[i] = digits[k&15]
		k >>= 4
	}
	return string(b[:])
}

func hex8(v uint32) string {
	const digits = "0123456789abcdef"
	var b [8]byte
	for i := 7; i >= 0; i-- {
		b[i] = digits[v&15]
		v >>= 4
	}
	return string(b[:])
}

// Bits of a link_index rowid: day << linkDayShift | article k <<
// linkKShift | statement position.
const (
	linkDayShift = 47
	linkKShift   = 11
	maxLinkSeq   = 1<<linkKShift - 1
	maxLinkK     = 1<<(linkDayShift-linkKShift) - 1
	maxLinkDay   = 1<<16 - 1
	// linkEpoch is 1900-01-01 as a day number: link days count from it.
	linkEpoch = -25567
)

// linkDay is the day part of a link_index rowid: 0 when undated, else days
// since 1900-01-01 plus one, clamped to 1..maxLinkDay.
func linkDay(day string) int64 {
	if day == "" {
		return 0
	}
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return 0
	}
	return min(max(t.Unix()/86400-linkEpoch+1, 1), maxLinkDay)
}

// linkDayString is the inverse of linkDay ("" for 0).
func linkDayString(d int64) string {
	if d <= 0 {
		return ""
	}
	return time.Unix((d-1+linkEpoch)*86400, 0).UTC().Format("2006-01-02")
}

// linkRowid is the link_index rowid of statement seq of article k published
// on day; false when k or seq are past what the rowid holds (the
// statement is then not in the link index).
func linkRowid(day string, k int64, seq int) (int64, bool) {
	if k < 0 || k > maxLinkK || seq < 0 || seq > maxLinkSeq {
		return 0, false
	}
	return linkDay(day)<<linkDayShift | k<<linkKShift | int64(seq), true
}

func splitLinkRowid(r int64) (day int64, k int64, seq int) {
	return r >> linkDayShift, r >> linkKShift & maxLinkK, int(r & maxLinkSeq)
}

// linkMonth is the month of a day, year * 12 + month - 1, for the
// month-mixed link keys of the array layout; false when undated.
func linkMonth(day string) (uint64, bool) {
	t, err := time.Parse("2006-01-02", day)
	if err != nil || t.Year() < 0 {
		return 0, false
	}
	return uint64(t.Year()*12 + int(t.Month()) - 1), true
}

// monthKey mixes a link key with a month (migration 22 computes the same
// in SQL: key # (month << 40)).
func monthKey(key, month uint64) uint64 { return key ^ month<<40 }

// linkKey is one link key of an article: the statement's position and the
// key.
type linkKey struct {
	seq int
	key uint64
}

// packIndexKeys packs an article's band keys and link keys for
// articles.index_keys: a uvarint count and 8 bytes per band, then a uvarint
// count and, per link key, a uvarint statement position and 8 bytes.
func packIndexKeys(bands []uint64, keys []linkKey) []byte {
	b := make([]byte, 0, 2*binary.MaxVarintLen64+8*len(bands)+10*len(keys))
	b = binary.AppendUvarint(b, uint64(len(bands)))
	for _, v := range bands {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, lk := range keys {
		b = binary.AppendUvarint(b, uint64(lk.seq))
		b = binary.LittleEndian.AppendUint64(b, lk.key)
	}
	return b
}

func unpackIndexKeys(b []byte) ([]uint64, []linkKey, error) {
	bad := errors.New("corrupt index_keys")
	n, m := binary.Uvarint(b)
	if m <= 0 || n > uint64(len(b)-m)/8 { // not 8*n: a huge count wraps it
		return nil, nil, bad
	}
	b = b[m:]
	bands := make([]uint64, n)
	for i := range bands {
		bands[i] = binary.LittleEndian.Uint64(b)
		b = b[8:]
	}
	n, m = binary.Uvarint(b)
	if m <= 0 {
		return nil, nil, bad
	}
	b = b[m:]
	keys := make([]linkKey, 0, min(n, uint64(len(b))))
	for range n {
		seq, m := binary.Uvarint(b)
		if m <= 0 || len(b)-m < 8 {
			return nil, nil, bad
		}
		keys = append(keys, linkKey{seq: int(seq), key: binary.LittleEndian.Uint64(b[m:])})
		b = b[m+8:]
	}
	return bands, keys, nil
}

// bandTokens is the echo_index text of an article's bands.
func bandTokens(bands []uint64) string {
	var b strings.Builder
	for i, v := range bands {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(bandToken(v))
	}
	return b.String()
}

// linkRows groups an article's link keys by statement: the link_index rows
// (rowid, tokens) of article k published on day. A row must be deleted
// whole, in one command, as it was written: keys are grouped by statement
// whatever their order (migration 22 packs them unordered).
func linkRows(day string, k int64, keys []linkKey) [][]any {
	keys = slices.Clone(keys)
	slices.SortFunc(keys, func(a, b linkKey) int { return cmp.Or(cmp.Compare(a.seq, b.seq), cmp.Compare(a.key, b.key)) })
	keys = slices.Compact(keys)
	var rows [][]any
	for i := 0; i < len(keys); {
		j := i
		var b strings.Builder
		for ; j < len(keys) && keys[j].seq == keys[i].seq; j++ {
			if j > i {
				b.WriteByte(' ')
			}
			b.WriteString(keyToken(keys[j].key))
		}
		if r, ok := linkRowid(day, k, keys[i].seq); ok {
			rows = append(rows, []any{r, b.String()})
		}
		i = j
	}
	return rows
}

// statementLinkKeys is the statements.link_keys array of a statement (array
// layout): its keys, then each mixed with its article's month.
func statementLinkKeys(keys []uint64, day string) []int64 {
	out := make([]int64, 0, 2*len(keys))
	for _, k := range keys {
		out = append(out, int64(k))
	}
	if m, ok := linkMonth(day); ok {
		for _, k := range keys {
			out = append(out, int64(monthKey(k, m)))
		}
	}
	return out
}

// unindexKeys deletes the echo and link tokens of article k (FTS5 layout),
// from what its row holds: index_keys and the day it was published.
func (s *DB) unindexKeys(ctx context.Context, tx *sql.Tx, k int64) error {
	if s.d.KeysInArrays {
		return nil // they go with the rows
	}
	var packed []byte
	var day string
	if err := tx.QueryRowContext(ctx, `SELECT index_keys, published_day FROM articles WHERE k = $1`, k).Scan(&packed, &day); err != nil {
		return err
	}
	if packed == nil {
		return nil
	}
	bands, keys, err := unpackIndexKeys(packed)
	if err != nil {
		return err
	}
	if len(bands) > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO echo_index (echo_index, rowid, bands) VALUES ('delete', $1, $2)`,
			k, bandTokens(bands)); err != nil {
			return err
		}
	}
	for _, r := range linkRows(day, k, keys) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO link_index (link_index, rowid, keys) VALUES ('delete', $1, $2)`, r...); err != nil {
			return err
		}
	}
	return nil
}

// ftsOr is an FTS5 query matching any of the tokens.
func ftsOr(tokens []string) string {
	q := make([]string, len(tokens))
	for i, t := range tokens {
		q[i] = `"` + t + `"`
	}
	return strings.Join(q, " OR ")
}

// EchoCandidates implements store.EchoIndex.
func (s *DB) EchoCandidates(ctx context.Context, bands []uint64) ([]store.EchoCandidate, error) {
	out := []store.EchoCandidate{}
	bands = uniqKeys(bands)
	if len(bands) == 0 {
		return out, nil
	}
	type cand struct {
		store.EchoCandidate
		day string
	}
	var cs []cand
	shared := func(stored []uint64) int {
		n := 0
		for _, b := range stored {
			if _, ok := slices.BinarySearch(bands, b); ok {
				n++
			}
		}
		return n
	}
	var q string
	var args []any
	if s.d.KeysInArrays {
		vs := make([]int64, len(bands))
		for i, b := range bands {
			vs[i] = int64(b)
		}
		// The shared keys are counted by the server (an array is not
		// scanned through database/sql).
		q = `SELECT id, published, published_day, (SELECT COUNT(*) FROM unnest(bands) b WHERE b = ANY($1::bigint[]))
FROM articles WHERE bands && $1::bigint[]`
		args = []any{vs}
	} else {
		tokens := make([]string, len(bands))
		for i, b := range bands {
			tokens[i] = bandToken(b)
		}
		q = `SELECT id, published, published_day, index_keys FROM articles
WHERE k IN (SELECT rowid FROM echo_index WHERE echo_index MATCH $1)`
		args = []any{ftsOr(uniq(tokens))}
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.errorf("echo candidates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c cand
		if s.d.KeysInArrays {
			if err := rows.Scan(&c.ID, &c.Published, &c.day, &c.Shared); err != nil {
				return nil, s.errorf("echo candidates: %w", err)
			}
		} else {
			var packed []byte
			if err := rows.Scan(&c.ID, &c.Published, &c.day, &packed); err != nil {
				return nil, s.errorf("echo candidates: %w", err)
			}
			stored, _, err := unpackIndexKeys(packed)
			if err != nil {
				return nil, s.errorf("echo candidates: article %s: %w", c.ID, err)
			}
			// A token is 32 bits of a key: count the full keys shared.
			c.Shared = shared(uniqKeys(stored))
		}
		if c.Shared > 0 {
			cs = append(cs, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("echo candidates: %w", err)
	}
	slices.SortFunc(cs, func(a, b cand) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.Published, b.Published), cmp.Compare(a.ID, b.ID))
	})
	for _, c := range cs {
		out = append(out, c.EchoCandidate)
	}
	return out, nil
}

// linkHit is a statement found in the link index, before ordering.
type linkHit struct {
	k      int64
	seq    int
	day    string
	shared int
	id     string // article id
	stmt   string // statement id
}

// LinkCandidates implements store.LinkIndex.
func (s *DB) LinkCandidates(ctx context.Context, q store.LinkQuery) ([]store.LinkCandidate, error) {
	out := []store.LinkCandidate{}
	keys := uniqKeys(q.Keys)
	if len(keys) == 0 {
		return out, nil
	}
	since, until := "", ""
	if q.Since != "" {
		since = dayOf(q.Since)
	}
	if q.Until != "" {
		until = dayOf(q.Until)
	}
	limit, _ := limits(q.Limit, 0)
	minShared := max(q.MinShared, 1)
	var hits []linkHit
	var err error
	if s.d.KeysInArrays {
		hits, err = s.linkHitsArrays(ctx, keys, since, until, minShared)
	} else {
		hits, err = s.linkHitsFTS(ctx, keys, since, until, minShared)
	}
	if err != nil {
		return nil, s.errorf("link candidates: %w", err)
	}
	// Most shared keys first, then by day, article id and statement
	// position. Ids are read only for the hits that can make the page: all
	// those ranked at or above the last one by keys and day.
	slices.SortFunc(hits, func(a, b linkHit) int {
		return cmp.Or(cmp.Compare(b.shared, a.shared), cmp.Compare(a.day, b.day), cmp.Compare(a.k, b.k), cmp.Compare(a.seq, b.seq))
	})
	if len(hits) > limit {
		last := hits[limit-1]
		n := limit
		for n < len(hits) && hits[n].shared == last.shared && hits[n].day == last.day {
			n++
		}
		hits = hits[:n]
	}
	if err := s.linkIDs(ctx, hits); err != nil {
		return nil, s.errorf("link candidates: %w", err)
	}
	hits = slices.DeleteFunc(hits, func(h linkHit) bool { return h.id == "" || h.stmt == "" })
	slices.SortFunc(hits, func(a, b linkHit) int {
		return cmp.Or(cmp.Compare(b.shared, a.shared), cmp.Compare(a.day, b.day), cmp.Compare(a.id, b.id), cmp.Compare(a.seq, b.seq))
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	for _, h := range hits {
		out = append(out, store.LinkCandidate{ArticleID: h.id, StatementID: h.stmt, Day: h.day, Shared: h.shared})
	}
	return out, nil
}

// linkHitsFTS counts, per statement in the day window, the keys it shares:
// one link_index lookup per key, bounded to the window's rowid range.
func (s *DB) linkHitsFTS(ctx context.Context, keys []uint64, since, until string, minShared int) ([]linkHit, error) {
	lo, hi := int64(0), int64(math.MaxInt64)
	if since != "" {
		lo = max(linkDay(since), 1) << linkDayShift
	}
	if until != "" {
		lo = max(lo, 1<<linkDayShift) // undated statements never match a bound
		hi = (linkDay(until)+1)<<linkDayShift - 1
	}
	if lo > hi {
		return nil, nil
	}
	stmt, err := s.db.PrepareContext(ctx, `SELECT rowid FROM link_index WHERE link_index MATCH $1 AND rowid BETWEEN $2 AND $3`)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	counts := map[int64]int{}
	for _, key := range keys {
		rows, err := stmt.QueryContext(ctx, `"`+keyToken(key)+`"`, lo, hi)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var r int64
			if err := rows.Scan(&r); err != nil {
				rows.Close()
				return nil, err
			}
			counts[r]++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	var hits []linkHit
	for r, n := range counts {
		if n < minShared {
			continue
		}
		d, k, seq := splitLinkRowid(r)
		hits = append(hits, linkHit{k: k, seq: seq, day: linkDayString(d), shared: n})
	}
	return hits, nil
}

// linkHitsArrays finds the statements sharing keys in the day window
// through the GIN index on statements.link_keys: by the month-mixed keys
// when the window spans a few months, else by the keys themselves.
func (s *DB) linkHitsArrays(ctx context.Context, keys []uint64, since, until string, minShared int) ([]linkHit, error) {
	var w where
	probe := make([]int64, 0, len(keys))
	for _, k := range keys {
		probe = append(probe, int64(k))
	}
	if since != "" && until != "" {
		if m0, ok0 := linkMonth(since); ok0 {
			if m1, ok1 := linkMonth(until); ok1 && m1 >= m0 && int(m1-m0+1)*len(keys) <= 1000 {
				probe = probe[:0]
				for m := m0; m <= m1; m++ {
					for _, k := range keys {
						probe = append(probe, int64(monthKey(k, m)))
					}
				}
			}
		}
	}
	bare := make([]int64, len(keys))
	for i, k := range keys {
		bare[i] = int64(k)
	}
	shared := "(SELECT COUNT(*) FROM unnest(s.link_keys) x WHERE x = ANY(" + w.arg(bare) + "::bigint[]))"
	w.add("s.link_keys && " + w.arg(probe) + "::bigint[]")
	w.dayBounds("s.published_day", since, until)
	rows, err := s.db.QueryContext(ctx, `SELECT s.article_k, s.seq, s.published_day, `+shared+`, s.id, a.id
FROM statements s JOIN articles a ON a.k = s.article_k`+w.sql(), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []linkHit
	for rows.Next() {
		var h linkHit
		if err := rows.Scan(&h.k, &h.seq, &h.day, &h.shared, &h.stmt, &h.id); err != nil {
			return nil, err
		}
		if h.shared >= minShared {
			hits = append(hits, h)
		}
	}
	return hits, rows.Err()
}

// linkIDs fills the article and statement ids of hits (FTS5 layout; the
// array layout reads them with the hits). A hit whose statement is gone
// keeps empty ids.
func (s *DB) linkIDs(ctx context.Context, hits []linkHit) error {
	var ks []any
	seen := map[int64]bool{}
	for _, h := range hits {
		if h.id == "" && !seen[h.k] {
			seen[h.k] = true
			ks = append(ks, h.k)
		}
	}
	type ref struct {
		k   int64
		seq int
	}
	ids := map[int64]string{}
	stmts := map[ref]string{}
	err := queryIn(ctx, s.db, `SELECT a.k, a.id, s.seq, s.id FROM articles a JOIN statements s ON s.article_k = a.k
WHERE a.k IN (%s)`, ks, func(rows *sql.Rows) error {
		var r ref
		var id, sid string
		if err := rows.Scan(&r.k, &id, &r.seq, &sid); err != nil {
			return err
		}
		ids[r.k] = id
		stmts[r] = sid
		return nil
	})
	if err != nil {
		return err
	}
	for i := range hits {
		if h := &hits[i]; h.id == "" {
			h.id, h.stmt = ids[h.k], stmts[ref{h.k, h.seq}]
		}
	}
	return nil
}
