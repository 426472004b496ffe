package sqlstore

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"slices"

	"github.com/crosscheck/crosscheck"
)

// storedClaim is a claim's row as writeClaims reads it before changing it.
type storedClaim struct {
	k           int64
	id          string
	first, last string // first_seen, last_day
	blob, brief []byte
	// Decoded when it changes or goes: what its index rows are made of
	// (unpackIndexed) and the rows.
	c        crosscheck.Claim
	parts    []claimPart
	speakers []string
}

// readStored reads the rows of the stored claims among ids.
func (s *DB) readStored(ctx context.Context, tx *sql.Tx, ids []string) (map[string]*storedClaim, error) {
	out := make(map[string]*storedClaim, len(ids))
	vs := make([]any, len(ids))
	for i, id := range ids {
		vs[i] = id
	}
	err := queryIn(ctx, tx, `SELECT k, id, first_seen, last_day, claim, brief FROM claims WHERE id IN (%s)`, vs, func(rows *sql.Rows) error {
		o := &storedClaim{}
		if err := rows.Scan(&o.k, &o.id, &o.first, &o.last, &o.blob, &o.brief); err != nil {
			return err
		}
		out[o.id] = o
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// claimChange is a stored claim and what replaces it.
type claimChange struct {
	old *storedClaim
	r   *claimRow
}

// writeClaims removes the stored claims remove (unless rows replaces them)
// and writes rows, each by its difference from the stored claim of the
// same id: a claim whose stored form is unchanged is not written at all;
// one that changed keeps its key while its latest activity and first
// sighting stay (the key order is the order of latest activity,
// store.TextWindow), and only the index rows (articles, speakers, parties,
// counts, text) that differ are written. A claim of thousands of
// statements that gained one costs a few rows, where deleting and
// inserting it again cost all of them.
func (s *DB) writeClaims(ctx context.Context, tx *sql.Tx, remove []string, rows []claimRow) error {
	ids := slices.Clone(remove)
	for _, r := range rows {
		ids = append(ids, r.c.ID)
	}
	if len(ids) == 0 {
		return nil
	}
	stored, err := s.readStored(ctx, tx, uniq(ids))
	if err != nil {
		return s.errorf("write claims: %w", err)
	}
	var arts []string
	for _, r := range rows {
		for _, p := range r.parts {
			arts = append(arts, p.article)
		}
	}
	refs, err := articleRefs(ctx, tx, arts)
	if err != nil {
		return s.errorf("write claims: %w", err)
	}
	kept := make(map[string]bool, len(rows))
	var changes []claimChange
	for i := range rows {
		r := &rows[i]
		kept[r.c.ID] = true
		if r.blob, r.brief, err = s.encodeClaim(r.c, refs); err != nil {
			return err
		}
		if old := stored[r.c.ID]; old != nil && !(bytes.Equal(old.blob, r.blob) && bytes.Equal(old.brief, r.brief) && old.last == r.last) {
			changes = append(changes, claimChange{old, r})
		}
	}
	var drop []*storedClaim
	for id, o := range stored {
		if !kept[id] {
			drop = append(drop, o)
		}
	}
	slices.SortFunc(drop, func(a, b *storedClaim) int { return int(a.k - b.k) })
	// The old claims' articles, for their index rows.
	arts = arts[:0]
	decode := func(o *storedClaim) error {
		var err error
		if o.c, err = s.c.unpackIndexed(o.blob); err != nil {
			return s.errorf("write claims: decode claim %d: %w", o.k, err)
		}
		o.parts, o.speakers = claimParts(&o.c), claimSpeakers(&o.c)
		for _, p := range o.parts {
			if _, ok := refs[p.article]; !ok {
				arts = append(arts, p.article)
			}
		}
		return nil
	}
	for _, o := range drop {
		if err := decode(o); err != nil {
			return err
		}
	}
	for _, ch := range changes {
		if err := decode(ch.old); err != nil {
			return err
		}
	}
	if len(arts) > 0 {
		more, err := articleRefs(ctx, tx, arts)
		if err != nil {
			return s.errorf("write claims: %w", err)
		}
		for id, r := range more {
			refs[id] = r
		}
	}
	w := &claimWriter{s: s, tx: tx, refs: refs, counts: map[countKey]int{}, stmts: map[string]*sql.Stmt{}}
	defer w.close()
	if err := w.drop(ctx, drop); err != nil {
		return s.errorf("write claims: %w", err)
	}
	// Keys: a new claim, or one whose place in the order of latest activity
	// moved, takes the next key, in the order of rows (claimRows).
	var next int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(k), 0) + 1 FROM claims`).Scan(&next); err != nil {
		return s.errorf("write claims: %w", err)
	}
	var fresh []claimRow
	for i := range rows {
		r := &rows[i]
		old := stored[r.c.ID]
		switch {
		case old == nil:
			r.k, next = next, next+1
			fresh = append(fresh, *r)
		case old.last != r.last || old.first != r.c.FirstSeen:
			r.k, next = next, next+1
		default:
			r.k = old.k
		}
	}
	for _, ch := range changes {
		if err := w.change(ctx, ch); err != nil {
			return s.errorf("write claims: %w", err)
		}
	}
	if err := w.flush(ctx); err != nil {
		return s.errorf("write claims: %w", err)
	}
	return s.insertEncoded(ctx, tx, fresh, refs)
}

// claimWriter gathers the index rows writeClaims changes.
type claimWriter struct {
	s        *DB
	tx       *sql.Tx
	refs     map[string]articleRef
	counts   map[countKey]int
	stmts    map[string]*sql.Stmt
	parties  [][]any
	speakers [][]any
	parts    [][]any
	unindex  []int64
	index    []int64
	bodies   []string
	dropped  bool
}

func (w *claimWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// exec runs q prepared once per writeClaims: a claim of thousands of
// statements changes as many rows, and preparing each statement cost more
// than running it.
func (w *claimWriter) exec(ctx context.Context, q string, args ...any) error {
	st, ok := w.stmts[q]
	if !ok {
		var err error
		if st, err = w.tx.PrepareContext(ctx, q); err != nil {
			return err
		}
		w.stmts[q] = st
	}
	_, err := st.ExecContext(ctx, args...)
	return err
}

func (w *claimWriter) dropParties(ctx context.Context, c *crosscheck.Claim, parties []string) error {
	for _, v := range parties {
		if err := w.exec(ctx, `DELETE FROM claim_party WHERE party = $1 AND first_day = $2 AND first_seen = $3 AND id = $4`,
			v, Day(c.FirstSeen), c.FirstSeen, c.ID); err != nil {
			return err
		}
	}
	return nil
}

func (w *claimWriter) dropSpeakers(ctx context.Context, k int64, speakers []string) error {
	for _, v := range speakers {
		if err := w.exec(ctx, `DELETE FROM claim_speaker WHERE speaker_lc = $1 AND claim_k = $2`, v, k); err != nil {
			return err
		}
	}
	return nil
}

func (w *claimWriter) dropParts(ctx context.Context, k int64, parts []claimPart) error {
	for _, p := range parts {
		if a, ok := w.refs[p.article]; ok {
			if err := w.exec(ctx, `DELETE FROM claim_article WHERE article_k = $1 AND statement_id = $2 AND claim_k = $3`, a.k, p.statement, k); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *claimWriter) count(c *crosscheck.Claim, d int) {
	for _, ck := range countKeys(c) {
		w.counts[ck] += d
	}
}

// drop deletes claims with their index rows and counts.
func (w *claimWriter) drop(ctx context.Context, olds []*storedClaim) error {
	if len(olds) == 0 {
		return nil
	}
	ks := make([]any, len(olds))
	for i, o := range olds {
		ks[i] = o.k
		if err := w.dropParties(ctx, &o.c, uniq(o.c.Parties)); err != nil {
			return err
		}
		if err := w.dropSpeakers(ctx, o.k, o.speakers); err != nil {
			return err
		}
		if err := w.dropParts(ctx, o.k, o.parts); err != nil {
			return err
		}
		w.count(&o.c, -1)
		w.unindex = append(w.unindex, o.k)
	}
	// Unindexed before the keys can be taken again by new claims.
	if w.s.d.UnindexClaims != nil {
		if err := w.s.d.UnindexClaims(ctx, w.tx, w.unindex); err != nil {
			return err
		}
	}
	w.unindex = w.unindex[:0]
	for len(ks) > 0 {
		n := min(len(ks), 500)
		var wh where
		if _, err := w.tx.ExecContext(ctx, `DELETE FROM claims WHERE k IN (`+wh.in(ks[:n])+`)`, wh.args...); err != nil {
			return err
		}
		ks = ks[n:]
	}
	w.dropped = true
	return nil
}

// change rewrites a stored claim's row as ch.r (key ch.r.k) and its index
// rows by their difference.
func (w *claimWriter) change(ctx context.Context, ch claimChange) error {
	old, r, c := ch.old, ch.r, ch.r.c
	k0, k1 := old.k, r.k
	oldBody := claimBody(&old.c)
	newBody := oldBody != r.body
	set := `UPDATE claims SET k = $1, first_seen = $2, first_day = $3, last_day = $4, n_statements = $5, status_mask = $6, claim = $7, brief = $8`
	args := []any{k1, c.FirstSeen, Day(c.FirstSeen), r.last, len(c.Statements), statusMask(c.Status), r.blob, r.brief}
	if w.s.d.ClaimBodyColumn != "" && newBody {
		set += `, ` + w.s.d.ClaimBodyColumn + ` = ` + w.s.d.ClaimBodyValue("$9") + ` WHERE k = $10`
		args = append(args, r.body, k0)
	} else {
		set += ` WHERE k = $9`
		args = append(args, k0)
	}
	if err := w.exec(ctx, set, args...); err != nil {
		return err
	}
	if w.s.d.IndexClaims != nil && (newBody || k0 != k1) {
		w.unindex = append(w.unindex, k0)
		w.index = append(w.index, k1)
		w.bodies = append(w.bodies, r.body)
	}
	// Parties: few, and keyed by the first sighting; a claim whose latest
	// activity moved has a new key (writeClaims), so its rows, which
	// carry last_day, are written again.
	oldParties, newParties := uniq(old.c.Parties), uniq(c.Parties)
	dropP, addP := oldParties, newParties
	if old.first == c.FirstSeen && k0 == k1 {
		dropP, addP = minus(oldParties, newParties), minus(newParties, oldParties)
	}
	if err := w.dropParties(ctx, &old.c, dropP); err != nil {
		return err
	}
	for _, v := range addP {
		w.parties = append(w.parties, []any{v, Day(c.FirstSeen), c.FirstSeen, c.ID, r.last, k1})
	}
	// Speakers: keyed by the claim's key.
	dropS, addS := old.speakers, r.speakers
	if k0 == k1 {
		dropS, addS = minus(old.speakers, r.speakers), minus(r.speakers, old.speakers)
	}
	if err := w.dropSpeakers(ctx, k0, dropS); err != nil {
		return err
	}
	for _, v := range addS {
		w.speakers = append(w.speakers, []any{v, k1})
	}
	// Articles: moved to the new key in one statement, then by difference.
	// Without a statement journal (Dialect.UpdateFail): the 345,000 rows
	// of the 200,000-article corpus's largest claim moved in 4.6 s of CPU
	// instead of 18.7 (BenchmarkMoveClaimArticles).
	if k0 != k1 {
		if err := w.exec(ctx, cmp.Or(w.s.d.UpdateFail, "UPDATE")+` claim_article SET claim_k = $1 WHERE claim_k = $2`, k1, k0); err != nil {
			return err
		}
	}
	had := make(map[claimPart]bool, len(old.parts))
	for _, p := range old.parts {
		had[p] = true
	}
	for _, p := range r.parts {
		if had[p] {
			delete(had, p)
		} else if a, ok := w.refs[p.article]; ok {
			w.parts = append(w.parts, []any{a.k, p.statement, k1})
		}
	}
	var gone []claimPart
	for _, p := range old.parts {
		if had[p] {
			gone = append(gone, p)
		}
	}
	if err := w.dropParts(ctx, k1, gone); err != nil {
		return err
	}
	w.count(&old.c, -1)
	w.count(c, +1)
	return nil
}

// flush writes the gathered index rows and count changes.
func (w *claimWriter) flush(ctx context.Context) error {
	if len(w.unindex) > 0 && w.s.d.UnindexClaims != nil {
		if err := w.s.d.UnindexClaims(ctx, w.tx, w.unindex); err != nil {
			return err
		}
	}
	if len(w.index) > 0 {
		if err := w.s.d.IndexClaims(ctx, w.tx, w.index, w.bodies); err != nil {
			return err
		}
	}
	var cc [][]any
	for ck, n := range w.counts {
		if n != 0 {
			cc = append(cc, []any{ck.day, ck.status, ck.party, n})
			w.dropped = w.dropped || n < 0
		}
	}
	for _, ins := range []struct {
		table  string
		cols   []string
		rows   [][]any
		suffix string
	}{
		{"claim_party", partyCols, w.parties, ""},
		{"claim_speaker", []string{"speaker_lc", "claim_k"}, w.speakers, "ON CONFLICT DO NOTHING"},
		{"claim_article", []string{"article_k", "statement_id", "claim_k"}, w.parts, "ON CONFLICT DO NOTHING"},
		{"claim_counts", []string{"day", "status", "party", "n"}, cc, "ON CONFLICT (party, status, day) DO UPDATE SET n = claim_counts.n + excluded.n"},
	} {
		if err := insertRows(ctx, w.tx, ins.table, ins.cols, ins.rows, ins.suffix); err != nil {
			return err
		}
	}
	if w.dropped {
		if _, err := w.tx.ExecContext(ctx, `DELETE FROM claim_counts WHERE n = 0`); err != nil {
			return err
		}
	}
	return nil
}

// minus returns the values of a not in b.
func minus(a, b []string) []string {
	in := make(map[string]bool, len(b))
	for _, v := range b {
		in[v] = true
	}
	var out []string
	for _, v := range a {
		if !in[v] {
			out = append(out, v)
		}
	}
	return out
}

// indexedClaim is what a stored claim's index rows are made of (claimBody,
// claimParts, claimSpeakers, countKeys, its party rows): all writeClaims
// reads of a claim it replaces or removes.
type indexedClaim struct {
	ID          string              `json:"id"`
	Summary     string              `json:"summary"`
	Status      []string            `json:"status"`
	Parties     []string            `json:"parties"`
	FirstSeen   string              `json:"first_seen"`
	Statements  []indexedStatement  `json:"statements"`
	Appearances []indexedAppearance `json:"appearances"`
}

type indexedStatement struct {
	Article   string `json:"article"`
	Statement string `json:"statement"`
	Speaker   string `json:"speaker"`
	Content   string `json:"content"`
}

type indexedAppearance struct {
	Article string `json:"article"`
}

// unpackIndexed decodes of a stored claim only what its index rows are
// made of, its repeated texts shared: a claim of 200,000 statements
// restating a thousand contents, decoded whole with its evidence, history
// and links to be replaced, held some 200 MB besides the claim replacing
// it.
func (c codec) unpackIndexed(b []byte) (crosscheck.Claim, error) {
	var ic indexedClaim
	if streamed(b) {
		if err := decodeIndexedStream(b, &ic); err != nil {
			return crosscheck.Claim{}, err
		}
	} else if err := c.unpackFast(b, &ic); err != nil {
		return crosscheck.Claim{}, err
	}
	return ic.claim(), nil
}

// claim is ic as a crosscheck.Claim, its repeated texts shared.
func (ic *indexedClaim) claim() crosscheck.Claim {
	seen := map[string]string{}
	share := func(v string) string {
		if w, ok := seen[v]; ok {
			return w
		}
		seen[v] = v
		return v
	}
	out := crosscheck.Claim{ID: ic.ID, Summary: ic.Summary, Status: ic.Status, Parties: ic.Parties, FirstSeen: ic.FirstSeen,
		Statements: make([]crosscheck.ClaimStatement, len(ic.Statements)), Appearances: make([]crosscheck.Appearance, len(ic.Appearances))}
	for i, st := range ic.Statements {
		out.Statements[i] = crosscheck.ClaimStatement{Article: share(st.Article), Statement: share(st.Statement),
			Speaker: share(st.Speaker), Content: share(st.Content)}
	}
	for i, ap := range ic.Appearances {
		out.Appearances[i] = crosscheck.Appearance{Article: share(ap.Article)}
	}
	return out
}
