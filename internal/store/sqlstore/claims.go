package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
	fastjson "github.com/segmentio/encoding/json"
)

// LedgerStale implements store.ClaimStore.
func (s *DB) LedgerStale(ctx context.Context) (bool, error) {
	var stale bool
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT value FROM meta WHERE key = 'articles_gen') <>
 (SELECT value FROM meta WHERE key = 'claims_gen')`).Scan(&stale)
	if err != nil {
		return false, s.errorf("ledger stale: %w", err)
	}
	return stale, nil
}

// ReadVersion implements store.ReadVersioner: the article generation and
// meta read_version, which triggers on claims and reviews (migration 35)
// bump in every writing transaction.
func (s *DB) ReadVersion(ctx context.Context) (store.ReadVersion, error) {
	var v store.ReadVersion
	err := s.db.QueryRowContext(ctx, `SELECT (SELECT value FROM meta WHERE key = 'articles_gen'),
 (SELECT value FROM meta WHERE key = 'read_version')`).Scan(&v.Articles, &v.Reads)
	if err != nil {
		return v, s.errorf("read version: %w", err)
	}
	return v, nil
}

// ledgerGen reads the generation the stored ledger was built from, locking
// its row against concurrent ledger writers until tx ends.
func (s *DB) ledgerGen(ctx context.Context, tx *sql.Tx) (int64, error) {
	var g int64
	if err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'claims_gen'`+s.d.ForUpdate).Scan(&g); err != nil {
		return 0, err
	}
	return g, nil
}

// ReplaceClaims implements store.ClaimStore.
func (s *DB) ReplaceClaims(ctx context.Context, claims []crosscheck.Claim, echoOf map[string]string) error {
	return s.replaceLedger(ctx, store.Ledger{Claims: claims, EchoOf: echoOf}, true)
}

// ReplaceLedger implements store.ClaimStore.
func (s *DB) ReplaceLedger(ctx context.Context, l store.Ledger) error {
	return s.replaceLedger(ctx, l, false)
}

func (s *DB) replaceLedger(ctx context.Context, l store.Ledger, current bool) error {
	rows, err := s.claimRows(l.Claims)
	if err != nil {
		return err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := s.ledgerGen(ctx, tx)
		if err != nil {
			return s.errorf("replace claims: %w", err)
		}
		if current {
			if err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'articles_gen'`).Scan(&l.BuiltFrom); err != nil {
				return s.errorf("replace claims: %w", err)
			}
		}
		if cur > l.BuiltFrom {
			return store.ErrSuperseded
		}
		if s.d.ClearClaimsIndex != nil {
			if err := s.d.ClearClaimsIndex(ctx, tx); err != nil {
				return s.errorf("replace claims: %w", err)
			}
		}
		for _, q := range []string{
			`DELETE FROM claim_article`, `DELETE FROM claim_speaker`, `DELETE FROM claim_party`,
			`DELETE FROM claims`, `DELETE FROM echoes`, `DELETE FROM claim_counts`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return s.errorf("replace claims: %w", err)
			}
		}
		if err := s.insertClaims(ctx, tx, rows, 1); err != nil {
			return err
		}
		if err := s.setEchoes(ctx, tx, l.EchoOf); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = $1 WHERE key = 'claims_gen'`, l.BuiltFrom); err != nil {
			return s.errorf("replace claims: record generation: %w", err)
		}
		// Every claim is now indexed with its tokens.
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('claim_tokens', $1) ON CONFLICT (key) DO UPDATE SET value = $1`, claimTokensVersion); err != nil {
			return s.errorf("replace claims: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if s.d.Optimize != "" {
		// Statistics for the planner; a failure only costs speed.
		_, _ = s.db.ExecContext(ctx, s.d.Optimize)
	}
	return nil
}

// UpdateClaims implements store.ClaimStore.
func (s *DB) UpdateClaims(ctx context.Context, u store.ClaimUpdate) error {
	rows, err := s.claimRows(u.Claims)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := s.ledgerGen(ctx, tx)
		if err != nil {
			return s.errorf("update claims: %w", err)
		}
		if err := s.writeClaims(ctx, tx, u.Remove, rows); err != nil {
			return err
		}
		if err := s.setEchoes(ctx, tx, u.EchoOf); err != nil {
			return err
		}
		if u.BuiltFrom > cur {
			if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = $1 WHERE key = 'claims_gen'`, u.BuiltFrom); err != nil {
				return s.errorf("update claims: record generation: %w", err)
			}
		}
		return nil
	})
}

func (s *DB) setEchoes(ctx context.Context, tx *sql.Tx, echoOf map[string]string) error {
	var es [][]any
	for echo, origin := range echoOf {
		es = append(es, []any{echo, origin})
	}
	if err := insertRows(ctx, tx, "echoes", []string{"article_id", "origin_id"}, es,
		"ON CONFLICT (article_id) DO UPDATE SET origin_id = excluded.origin_id"); err != nil {
		return s.errorf("write echoes: %w", err)
	}
	return nil
}

// claimRow is a claim ready to write: what the index tables hold about it.
type claimRow struct {
	c        *crosscheck.Claim
	body     string // searchable text: summary and distinct statement contents
	speakers []string
	parts    []claimPart
	last     string // lastDay

	// Set when it is written: its key, stored form and brief.
	k           int64
	blob, brief []byte
}

// claimPart is one (article, statement) the claim appears in; statement ""
// for an appearance without a statement of the claim.
type claimPart struct{ article, statement string }

func (s *DB) claimRows(claims []crosscheck.Claim) ([]claimRow, error) {
	out := make([]claimRow, 0, len(claims))
	for i := range claims {
		c := &claims[i]
		if c.ID == "" {
			return nil, s.errorf("replace claims: claim without id")
		}
		out = append(out, claimRow{c: c, body: claimBody(c), speakers: claimSpeakers(c), parts: claimParts(c), last: lastDay(c)})
	}
	// Keys in order of latest activity: the highest keys are the claims a
	// text query ranks first (store.TextWindow).
	slices.SortStableFunc(out, func(a, b claimRow) int {
		return cmp.Or(cmp.Compare(a.last, b.last), cmp.Compare(a.c.FirstSeen, b.c.FirstSeen), cmp.Compare(a.c.ID, b.c.ID))
	})
	return out, nil
}

// claimBody is the indexed text of a claim: its tokens (claimTokens), its
// summary and its distinct statement contents.
func claimBody(c *crosscheck.Claim) string {
	var body strings.Builder
	body.WriteString(strings.Join(claimTokens(c), " "))
	body.WriteString("\n")
	body.WriteString(c.Summary)
	seen := map[string]bool{c.Summary: true}
	for _, st := range c.Statements {
		if !seen[st.Content] {
			seen[st.Content] = true
			body.WriteString("\n")
			body.WriteString(st.Content)
		}
	}
	return clean(body.String())
}

func claimSpeakers(c *crosscheck.Claim) []string {
	var speakers []string
	for _, st := range c.Statements {
		if st.Speaker != "" {
			speakers = append(speakers, strings.ToLower(clean(st.Speaker)))
		}
	}
	return uniq(speakers)
}

func claimParts(c *crosscheck.Claim) []claimPart {
	seen := map[claimPart]bool{}
	var out []claimPart
	for _, st := range c.Statements {
		if p := (claimPart{st.Article, st.Statement}); !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, ap := range c.Appearances {
		if p := (claimPart{ap.Article, ""}); !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// countKey is one row of claim_counts: claims first seen on day with
// status and party, where "" stands for any status or any party, and
// allDays for any day.
type countKey struct{ day, status, party string }

// allDays is the day of claim_counts' totals. A count with no date bounds
// (the board, every unfiltered list) read one row per day before: 3,000
// rows and a sixth of a list's cost at 200,000 articles. "*" sorts before
// every date, so a lower bound leaves it out; countWhere leaves it out of
// bounded counts, and the day rows out of unbounded ones.
const allDays = "*"

func countKeys(c *crosscheck.Claim) []countKey {
	day := Day(c.FirstSeen)
	statuses := append([]string{""}, uniq(c.Status)...)
	parties := append([]string{""}, uniq(c.Parties)...)
	out := make([]countKey, 0, 2*len(statuses)*len(parties))
	for _, st := range statuses {
		for _, p := range parties {
			out = append(out, countKey{day, st, p}, countKey{allDays, st, p})
		}
	}
	return out
}

// articleRef is what a claim repeats about each of its articles.
type articleRef struct {
	k                    int64
	site, url, published string
}

// articleRefs reads the articles ids (ids not stored are absent).
func articleRefs(ctx context.Context, q querier, ids []string) (map[string]articleRef, error) {
	out := make(map[string]articleRef, len(ids))
	vs := make([]any, 0, len(ids))
	for _, id := range uniq(ids) {
		vs = append(vs, id)
	}
	err := queryIn(ctx, q, `SELECT id, k, site, url, published FROM articles WHERE id IN (%s)`, vs, func(rows *sql.Rows) error {
		var id string
		var r articleRef
		if err := rows.Scan(&id, &r.k, &r.site, &r.url, &r.published); err != nil {
			return err
		}
		out[id] = r
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// refCache keeps the articleRefs fillClaims read, for one article
// generation: a list of 50 claims names a few hundred articles, and
// looking each up again on every request was a fifth of its cost. An
// article's row changes only with the generation (Put bumps it), so the
// refs read under a generation stay right until it moves.
type refCache struct {
	mu   sync.Mutex
	gen  int64
	refs map[string]articleRef
}

// maxCachedRefs bounds refCache (about 250 bytes each); past it the cache
// starts over.
const maxCachedRefs = 50_000

// cachedRefs is articleRefs(ids) through s.refs.
func (s *DB) cachedRefs(ctx context.Context, ids []string) (map[string]articleRef, error) {
	var gen int64
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'articles_gen'`).Scan(&gen); err != nil {
		return nil, err
	}
	out := make(map[string]articleRef, len(ids))
	var missing []string
	c := &s.refs
	c.mu.Lock()
	if gen < c.gen {
		// A reader behind a newer one: neither use nor fill the cache.
		c.mu.Unlock()
		return articleRefs(ctx, s.db, ids)
	}
	if gen > c.gen {
		c.gen, c.refs = gen, nil
	}
	for _, id := range ids {
		if r, ok := c.refs[id]; ok {
			out[id] = r
		} else {
			missing = append(missing, id)
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	read, err := articleRefs(ctx, s.db, missing)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	// Read after gen: as new as gen at least, and dropped when gen moves.
	if c.gen == gen {
		if c.refs == nil || len(c.refs)+len(read) > maxCachedRefs {
			c.refs = make(map[string]articleRef, len(read))
		}
		maps.Copy(c.refs, read)
	}
	maps.Copy(out, read)
	return out, nil
}

// unpackFast is unpack with segmentio/encoding's JSON decoder, for the hot
// read paths: the claims and briefs lists return (decoding was a third of
// an uncached list's cost) and the texts search snippets read from stored
// analyses. It gives the same results as encoding/json for these plain
// structs at a third to a half of the CPU.
func (c codec) unpackFast(b []byte, v any) error {
	if len(b) > 0 && b[0] != '{' {
		var err error
		if b, err = c.dec.DecodeAll(b, nil); err != nil {
			return fmt.Errorf("decompress: %w", err)
		}
	}
	return fastjson.Unmarshal(b, v)
}

// querier is a *sql.DB or *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// stripClaim returns c without what its articles' rows already hold: the
// site and publication of its statements, the site, URL and publication
// of its appearances, where they equal the article's (about 15 % of a
// stored claim). fillClaims puts them back on read.
func stripClaim(c *crosscheck.Claim, refs map[string]articleRef) crosscheck.Claim {
	out := *c
	out.Statements = slices.Clone(c.Statements)
	for i := range out.Statements {
		stripStatement(&out.Statements[i], refs)
	}
	out.Appearances = slices.Clone(c.Appearances)
	for i := range out.Appearances {
		stripAppearance(&out.Appearances[i], refs)
	}
	return out
}

func stripStatement(st *crosscheck.ClaimStatement, refs map[string]articleRef) {
	r, ok := refs[st.Article]
	switch {
	case !ok:
	case st.Site+st.Published == "" && r.site+r.published != "":
		st.Site = blankMark // really blank: fillClaims must not fill it
	case st.Site == r.site && st.Published == r.published:
		st.Site, st.Published = "", ""
	}
}

func stripAppearance(ap *crosscheck.Appearance, refs map[string]articleRef) {
	r, ok := refs[ap.Article]
	switch {
	case !ok:
	case ap.Site+ap.URL+ap.Published == "" && r.site+r.url+r.published != "":
		ap.Site = blankMark
	case ap.Site == r.site && ap.URL == r.url && ap.Published == r.published:
		ap.Site, ap.URL, ap.Published = "", "", ""
	}
}

// blankMark stands for fields that were blank although their article has
// values, so that fillClaims leaves them blank. Stored text has no control
// characters there (site names and dates).
const blankMark = "\x01"

// fillClaims puts back what stripClaim left out, from the articles.
func (s *DB) fillClaims(ctx context.Context, cs []crosscheck.Claim) error {
	for ci := range cs {
		for i := range cs[ci].Statements {
			if st := &cs[ci].Statements[i]; st.Site == blankMark {
				st.Site = ""
				st.Published = blankMark // not to be filled below
			}
		}
		for i := range cs[ci].Appearances {
			if ap := &cs[ci].Appearances[i]; ap.Site == blankMark {
				ap.Site = ""
				ap.Published = blankMark
			}
		}
	}
	defer func() {
		for ci := range cs {
			for i := range cs[ci].Statements {
				if st := &cs[ci].Statements[i]; st.Published == blankMark {
					st.Published = ""
				}
			}
			for i := range cs[ci].Appearances {
				if ap := &cs[ci].Appearances[i]; ap.Published == blankMark {
					ap.Published = ""
				}
			}
		}
	}()
	var ids []string
	for _, c := range cs {
		for _, st := range c.Statements {
			if st.Site == "" && st.Published == "" {
				ids = append(ids, st.Article)
			}
		}
		for _, ap := range c.Appearances {
			if ap.Site == "" && ap.URL == "" && ap.Published == "" {
				ids = append(ids, ap.Article)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	refs, err := s.cachedRefs(ctx, ids)
	if err != nil {
		return s.errorf("read claims: %w", err)
	}
	for ci := range cs {
		c := &cs[ci]
		for i := range c.Statements {
			st := &c.Statements[i]
			if r, ok := refs[st.Article]; ok && st.Site == "" && st.Published == "" {
				st.Site, st.Published = r.site, r.published
			}
		}
		for i := range c.Appearances {
			ap := &c.Appearances[i]
			if r, ok := refs[ap.Article]; ok && ap.Site == "" && ap.URL == "" && ap.Published == "" {
				ap.Site, ap.URL, ap.Published = r.site, r.url, r.published
			}
		}
	}
	return nil
}

// encodeClaim is a claim's stored form (stripClaim, packed) and its brief
// (nil when it has none).
func (s *DB) encodeClaim(c *crosscheck.Claim, refs map[string]articleRef) (blob, brief []byte, err error) {
	if len(c.Statements) >= largeClaim {
		blob, err = s.c.packLargeClaim(c, refs) // written as a stream
	} else {
		blob, err = s.c.packClaim(stripClaim(c, refs))
	}
	if err != nil {
		return nil, nil, s.errorf("encode claim %s: %w", c.ID, err)
	}
	// The brief is cut first and then stripped: only the items it keeps
	// are copied.
	if b, ok := briefOf(c); ok {
		b.Claim = stripClaim(&b.Claim, refs)
		if brief, err = s.c.packClaim(b); err != nil {
			return nil, nil, s.errorf("encode claim %s: %w", c.ID, err)
		}
	}
	return blob, brief, nil
}

// insertClaims writes claims with keys from next on, their index rows and
// their counts (added to the stored ones).
func (s *DB) insertClaims(ctx context.Context, tx *sql.Tx, rows []claimRow, next int64) error {
	if len(rows) == 0 {
		return nil
	}
	var ids []string
	for _, r := range rows {
		for _, p := range r.parts {
			ids = append(ids, p.article)
		}
	}
	refs, err := articleRefs(ctx, tx, ids)
	if err != nil {
		return s.errorf("write claims: %w", err)
	}
	for i := range rows {
		r := &rows[i]
		r.k = next + int64(i)
		if r.blob, r.brief, err = s.encodeClaim(r.c, refs); err != nil {
			return err
		}
	}
	return s.insertEncoded(ctx, tx, rows, refs)
}

// partyCols are claim_party's columns: a claim's parties with its board
// order (first_day, first_seen, id) and its latest activity (last_day), so
// that a party's claims are walked in either order from its rows.
var partyCols = []string{"party", "first_day", "first_seen", "id", "last_day", "claim_k"}

// insertEncoded writes encoded claims (claimRow k, blob and brief set) with
// their index rows and their counts (added to the stored ones); refs holds
// their articles.
func (s *DB) insertEncoded(ctx context.Context, tx *sql.Tx, rows []claimRow, refs map[string]articleRef) error {
	if len(rows) == 0 {
		return nil
	}
	var cl, cp, csp, ca [][]any
	counts := map[countKey]int{}
	ks := make([]int64, len(rows))
	bodies := make([]string, len(rows))
	for i, r := range rows {
		k := r.k
		ks[i], bodies[i] = k, r.body
		c := r.c
		row := []any{k, c.ID, c.FirstSeen, Day(c.FirstSeen), r.last, len(c.Statements), statusMask(c.Status), r.blob, r.brief}
		if s.d.ClaimBodyColumn != "" {
			row = append(row, r.body)
		}
		cl = append(cl, row)
		for _, v := range uniq(c.Parties) {
			cp = append(cp, []any{v, Day(c.FirstSeen), c.FirstSeen, c.ID, r.last, k})
		}
		for _, v := range r.speakers {
			csp = append(csp, []any{v, k})
		}
		for _, p := range r.parts {
			if a, ok := refs[p.article]; ok {
				ca = append(ca, []any{a.k, p.statement, k})
			}
		}
		for _, ck := range countKeys(c) {
			counts[ck]++
		}
	}
	claimCols := []string{"k", "id", "first_seen", "first_day", "last_day", "n_statements", "status_mask", "claim", "brief"}
	if s.d.ClaimBodyColumn != "" {
		claimCols = append(claimCols, s.d.ClaimBodyColumn)
	}
	if err := s.insertClaimRows(ctx, tx, claimCols, cl); err != nil {
		return s.errorf("write claims: %w", err)
	}
	var cc [][]any
	for ck, n := range counts {
		cc = append(cc, []any{ck.day, ck.status, ck.party, n})
	}
	for _, ins := range []struct {
		table  string
		cols   []string
		rows   [][]any
		suffix string
	}{
		{"claim_party", partyCols, cp, ""},
		{"claim_speaker", []string{"speaker_lc", "claim_k"}, csp, ""},
		{"claim_article", []string{"article_k", "statement_id", "claim_k"}, ca, ""},
		{"claim_counts", []string{"day", "status", "party", "n"}, cc, "ON CONFLICT (party, status, day) DO UPDATE SET n = claim_counts.n + excluded.n"},
	} {
		if err := insertRows(ctx, tx, ins.table, ins.cols, ins.rows, ins.suffix); err != nil {
			return s.errorf("write claims: %w", err)
		}
	}
	if s.d.IndexClaims != nil {
		if err := s.d.IndexClaims(ctx, tx, ks, bodies); err != nil {
			return s.errorf("write claims: index: %w", err)
		}
	}
	return nil
}

// insertClaimRows inserts claims; on PostgreSQL the body placeholder is
// wrapped by ClaimBodyValue (to_tsvector) and the body itself not stored.
func (s *DB) insertClaimRows(ctx context.Context, tx *sql.Tx, cols []string, rows [][]any) error {
	if s.d.ClaimBodyColumn == "" {
		return insertRows(ctx, tx, "claims", cols, rows, "")
	}
	const per = 25
	for len(rows) > 0 {
		n := min(per, len(rows))
		var q strings.Builder
		q.WriteString("INSERT INTO claims (" + strings.Join(cols, ", ") + ") VALUES ")
		var args []any
		for i, r := range rows[:n] {
			if i > 0 {
				q.WriteString(", ")
			}
			from := len(args)
			q.WriteString("(" + Placeholders(from, len(cols)-1) + ", " + s.d.ClaimBodyValue(fmt.Sprintf("$%d", from+len(cols))) + ")")
			args = append(args, r...)
		}
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("insert into claims: %w", err)
		}
		rows = rows[n:]
	}
	return nil
}

// lastDay is the day of a claim's latest activity: its newest statement or
// the newest start of one of its statuses.
func lastDay(c *crosscheck.Claim) string {
	last := Day(c.FirstSeen)
	for _, st := range c.Statements {
		last = max(last, Day(st.Published))
	}
	for _, e := range c.Evidence {
		last = max(last, Day(e.Since))
	}
	return last
}

// statusBits are the bits of claims.status_mask.
var statusBits = map[string]int64{
	crosscheck.StatusUnconfirmed:          1,
	crosscheck.StatusDisputed:             2,
	crosscheck.StatusCorroborated:         4,
	crosscheck.StatusConfirmedByAdversary: 8,
}

// statusOrder lists the statuses of statusBits.
var statusOrder = []string{crosscheck.StatusUnconfirmed, crosscheck.StatusDisputed, crosscheck.StatusCorroborated, crosscheck.StatusConfirmedByAdversary}

func statusMask(statuses []string) int64 {
	var m int64
	for _, st := range statuses {
		m |= statusBits[st]
	}
	return m
}

// claimFrom builds the FROM clause and the predicates of f on claims alias
// c. A selective filter (text, article, speaker, place) drives the query:
// its claim keys, a subquery m, are joined to the claims (CROSS JOIN keeps
// SQLite from reordering), so that a rare speaker is not looked for by
// walking every claim in date order. Without one, the query walks a claims
// index in the requested order and stops at the page: claims_day, the
// partial index of a rare status, or a party's rows of claim_party. rank
// is the relevance expression when f.Q is set; order is the alias whose
// first_day, first_seen and id give the recent order ("c" or "cp").
func (s *DB) claimFrom(f store.ClaimFilter, w *where, withStatus bool) (from, rank, order string) {
	from, order = "claims c", "c"
	drive := func(sub string) {
		if from == "claims c" {
			from = "(" + sub + ") m CROSS JOIN claims c"
			w.add("c.k = m.claim_k")
			return
		}
		w.add("c.k IN (SELECT claim_k FROM (" + sub + ") x)")
	}
	if f.Q != "" {
		q := s.d.FTSQuery(f.Q)
		if q == "" {
			w.add(noMatch)
		} else {
			drive(s.d.ClaimSearch(w.arg(q)))
			rank = "m.score"
		}
	}
	if f.Article != "" {
		drive(`SELECT DISTINCT ca.claim_k FROM claim_article ca
 WHERE ca.article_k = (SELECT k FROM articles WHERE id = ` + w.arg(f.Article) + ")")
	}
	if f.Speaker != "" {
		drive("SELECT claim_k FROM claim_speaker WHERE speaker_lc = " + w.arg(strings.ToLower(f.Speaker)))
	}
	if f.Place != "" {
		drive(`SELECT DISTINCT ca.claim_k FROM statement_places sp CROSS JOIN claim_article ca
 WHERE ca.article_k = sp.article_k AND ca.statement_id = sp.statement_id AND sp.place_lc = ` + w.arg(strings.ToLower(f.Place)))
	}
	rareStatus := false
	if withStatus && f.Status != "" {
		if bit, ok := statusBits[f.Status]; ok {
			// A literal, so that the partial index of a rare status
			// (claims_disputed, …) matches the predicate; when another
			// filter drives, a unary + keeps the planner from scanning
			// that index for every driving row.
			col := "c.status_mask"
			if from != "claims c" {
				col = "+c.status_mask"
			}
			w.add(fmt.Sprintf("(%s & %d) <> 0", col, bit))
			rareStatus = f.Status != crosscheck.StatusUnconfirmed
		} else {
			w.add(noMatch)
		}
	}
	if f.Party != "" {
		recent := f.Sort == "" || f.Sort == store.SortRecent || f.Sort == store.SortRelevance
		// By latest activity without a date range (a range by latest
		// activity walks months and days, claimrange.go).
		latest := f.Sort == store.SortLatest && f.Since == "" && f.Until == ""
		if from == "claims c" && !rareStatus && (recent || latest) && rank == "" && withStatus {
			// Walk the party's claims in the requested order
			// (claim_party_order, claim_party_last).
			from, order = "claim_party cp CROSS JOIN claims c", "cp"
			w.add("cp.party = " + w.arg(f.Party))
			w.add("c.k = cp.claim_k")
		} else {
			// One seek per claim looked at (claim_party's key is the
			// party and the claim's order columns), rather than reading
			// every claim of the party first.
			w.add("EXISTS (SELECT 1 FROM claim_party cp WHERE cp.party = " + w.arg(f.Party) +
				" AND cp.first_day = c.first_day AND cp.first_seen = c.first_seen AND cp.id = c.id)")
		}
	}
	w.dayBounds(order+".first_day", f.Since, f.Until)
	reviewWhere(f.Review, w) // reviews.go
	return from, rank, order
}

// claimWhere adds the predicates of f on claims alias c for callers that
// select from "claims c" (membership filters as IN subqueries).
func (s *DB) claimWhere(f store.ClaimFilter, w *where, withStatus bool) {
	from, _, _ := s.claimFrom(f, w, false)
	if withStatus && f.Status != "" {
		if bit, ok := statusBits[f.Status]; ok {
			w.add(fmt.Sprintf("(c.status_mask & %d) <> 0", bit))
		} else {
			w.add(noMatch)
		}
	}
	if from != "claims c" {
		// The first selective filter became a join: restate it as a
		// predicate.
		sub := strings.TrimSuffix(strings.TrimPrefix(from, "("), ") m CROSS JOIN claims c")
		for i, c := range w.conds {
			if c == "c.k = m.claim_k" {
				w.conds[i] = "c.k IN (SELECT claim_k FROM (" + sub + ") x)"
			}
		}
	}
}

// countable reports whether the claims matching f can be counted from the
// precomputed claim_counts: only status, party and date bounds constrain.
func countable(f store.ClaimFilter) bool {
	g := f
	g.Status, g.Party, g.Since, g.Until, g.Sort, g.Limit, g.Offset = "", "", "", "", "", 0, 0
	return g == store.ClaimFilter{}
}

// countWhere builds the claim_counts predicates for f (status "" = any).
func countWhere(f store.ClaimFilter, w *where, status string) {
	if status != "*" {
		w.add("status = " + w.arg(status))
	}
	w.add("party = " + w.arg(f.Party))
	if f.Since == "" && f.Until == "" {
		w.add("day = '" + allDays + "'")
		return
	}
	w.add("day <> '" + allDays + "'")
	w.dayBounds("day", f.Since, f.Until)
}

// claimQueries are the SQL statements that answer Claims(f): the total and
// the page of claim keys.
type claimQueries struct {
	count     string
	countArgs []any
	list      string
	listArgs  []any
	// listTotal: the list's rows carry the total as a second column (a
	// text query's window and its capped count in one walk); count is
	// run only when the page is empty.
	listTotal bool
}

func (s *DB) claimQueries(f store.ClaimFilter, tokens bool) claimQueries {
	if f.Q != "" && tokens {
		return s.textClaimQueries(f)
	}
	var q claimQueries
	if countable(f) {
		var w where
		countWhere(f, &w, f.Status)
		q.count, q.countArgs = `SELECT COALESCE(SUM(n), 0) FROM claim_counts`+w.sql(), w.args
	}
	var w where
	from, rank, alias := s.claimFrom(f, &w, true)
	switch {
	case countable(f):
	case len(w.conds) == 1 && w.conds[0] == "c.k = m.claim_k":
		// Only the driving filter: count its keys, no claim row needed.
		q.count, q.countArgs = `SELECT COUNT(*) FROM `+strings.TrimSuffix(from, " CROSS JOIN claims c"), slices.Clone(w.args)
	default:
		q.count, q.countArgs = `SELECT COUNT(*) FROM `+from+w.sql(), slices.Clone(w.args)
	}
	if f.Q != "" {
		// A text query's total stops at the cap (store.CountOver).
		q.count = cappedCountOf(strings.TrimPrefix(q.count, `SELECT COUNT(*) FROM `))
	}
	order := alias + ".first_day DESC, " + alias + ".first_seen DESC, " + alias + ".id"
	switch f.Sort {
	case store.SortOldest:
		order = "c.first_day = '', c.first_day, c.first_seen, c.id"
	case store.SortStatements:
		order = "c.n_statements DESC, c.first_day DESC, c.id"
	case store.SortLatest:
		order = alias + ".last_day DESC, " + alias + ".first_day DESC, " + alias + ".id"
		if f.Since != "" || f.Until != "" {
			// Bounded by first seen day: read that range (claims_day) and
			// sort it, rather than walk claims_last from the newest
			// activity through every claim active after the range. The
			// unary + keeps the planner off claims_last.
			order = s.d.NoIndex("c.last_day") + " DESC, c.first_day DESC, c.id"
		}
	case store.SortRelevance, "":
		if rank != "" {
			order = rank + " DESC, c.id"
		}
	}
	limit, offset := limits(f.Limit, f.Offset)
	// Sort and page on the narrow columns first, then read the page's
	// claim documents.
	q.list = `SELECT c.k FROM ` + from + w.sql() + ` ORDER BY ` + order +
		` LIMIT ` + w.arg(limit) + ` OFFSET ` + w.arg(offset)
	q.listArgs = w.args
	if list, args, ok := rangeLatest(f); ok {
		// A date range by latest activity: month and day walks
		// (claimrange.go).
		q.list, q.listArgs = list, args
	}
	return q
}

// statusCountQuery is the SQL of StatusCounts(f).
func (s *DB) statusCountQuery(f store.ClaimFilter, tokens bool) (string, []any) {
	if f.Q != "" && tokens {
		return s.textStatusCountQuery(f)
	}
	var w where
	if countable(f) {
		countWhere(f, &w, "*")
		// The statuses by name, not "status <> ''": the key's second
		// column then bounds each walk, and a date range its third,
		// instead of every day row of the party being read.
		w.add("status IN ('" + strings.Join(statusOrder, "', '") + "')")
		return `SELECT status, SUM(n) FROM claim_counts` + w.sql() + ` GROUP BY status`, w.args
	}
	from, _, _ := s.claimFrom(f, &w, false)
	sums := make([]string, len(statusOrder))
	for i, st := range statusOrder {
		if f.Q != "" {
			// Each count of a text query stops at the cap
			// (store.CountOver).
			sums[i] = clampedStatusSum(statusBits[st]) + " AS n_" + st
			continue
		}
		sums[i] = fmt.Sprintf("COALESCE(SUM(CASE WHEN (c.status_mask & %d) <> 0 THEN 1 ELSE 0 END), 0) AS %s", statusBits[st], "n_"+st)
	}
	return `SELECT ` + strings.Join(sums, ", ") + ` FROM ` + from + w.sql(), w.args
}

// Plan is a query and the database's plan for it.
type Plan struct {
	Name, Query, Plan string
}

// ExplainClaims returns the plans of the queries that answer Claims(f) and
// StatusCounts(f) (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL):
// evidence that they are answered from indexes and precomputed counts.
func (s *DB) ExplainClaims(ctx context.Context, f store.ClaimFilter) ([]Plan, error) {
	f, tokens, err := s.textFilter(ctx, f)
	if err != nil {
		return nil, err
	}
	if f, err = s.closeRange(ctx, f); err != nil {
		return nil, err
	}
	q := s.claimQueries(f, tokens)
	sq, sargs := s.statusCountQuery(f, tokens)
	return s.explain(ctx, []planQuery{{"count", q.count, q.countArgs}, {"list", q.list, q.listArgs}, {"status counts", sq, sargs}})
}

// planQuery is a query to explain.
type planQuery struct {
	name, q string
	args    []any
}

func (s *DB) explain(ctx context.Context, qs []planQuery) ([]Plan, error) {
	var out []Plan
	for _, e := range qs {
		rows, err := s.db.QueryContext(ctx, s.d.Explain+e.q, e.args...)
		if err != nil {
			return nil, s.errorf("explain %s: %w", e.name, err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, s.errorf("explain %s: %w", e.name, err)
			}
			lines = append(lines, fmt.Sprint(vals[len(vals)-1]))
		}
		rows.Close()
		out = append(out, Plan{Name: e.name, Query: e.q, Plan: strings.Join(lines, "\n")})
	}
	return out, nil
}

// Claims implements store.ClaimStore.
func (s *DB) Claims(ctx context.Context, f store.ClaimFilter) ([]crosscheck.Claim, int, error) {
	keys, total, err := s.claimKeys(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	out := make([]crosscheck.Claim, len(keys))
	err = s.readClaims(ctx, keys, "claim", func(i int, blob []byte, _ bool) error {
		return s.c.unpackFast(blob, &out[i])
	})
	if err != nil {
		return nil, 0, err
	}
	if err := s.fillClaims(ctx, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// ClaimBriefs implements store.ClaimStore: a claim with more than
// store.BriefItems statements, evidence entries or appearances is read
// from its brief (written with it), never decoded whole.
func (s *DB) ClaimBriefs(ctx context.Context, f store.ClaimFilter) ([]store.ClaimBrief, int, error) {
	keys, total, err := s.claimKeys(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	out := make([]store.ClaimBrief, len(keys))
	err = s.readClaims(ctx, keys, "CASE WHEN brief IS NULL THEN claim ELSE brief END", func(i int, blob []byte, brief bool) error {
		if brief {
			var b storedBrief
			if err := s.c.unpackFast(blob, &b); err != nil {
				return err
			}
			out[i] = store.ClaimBrief{Claim: b.Claim, Statements: b.Statements, Evidence: b.Evidence, Appearances: b.Appearances}
		} else {
			c := &out[i].Claim
			if err := s.c.unpackFast(blob, c); err != nil {
				return err
			}
			out[i].Statements, out[i].Evidence, out[i].Appearances = len(c.Statements), len(c.Evidence), len(c.Appearances)
		}
		// A database written when briefs were longer (or a claim stored
		// whole with more items than a brief holds) gives the same list.
		cutBrief(&out[i].Claim)
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	cs := make([]crosscheck.Claim, len(out))
	for i := range out {
		cs[i] = out[i].Claim
	}
	if err := s.fillClaims(ctx, cs); err != nil {
		return nil, 0, err
	}
	for i := range out {
		out[i].Claim = cs[i]
	}
	return out, total, nil
}

// storedBrief is the brief column: a claim cut to store.BriefItems items
// per list, with the full counts.
type storedBrief struct {
	Claim       crosscheck.Claim `json:"claim"`
	Statements  int              `json:"statements"`
	Evidence    int              `json:"evidence"`
	Appearances int              `json:"appearances"`
}

// cutBrief cuts c's lists to store.BriefItems items.
func cutBrief(c *crosscheck.Claim) {
	n := store.BriefItems
	c.Statements = c.Statements[:min(n, len(c.Statements))]
	c.Evidence = c.Evidence[:min(n, len(c.Evidence))]
	c.Appearances = c.Appearances[:min(n, len(c.Appearances))]
}

// briefOf cuts c for the brief column; false when nothing needs cutting
// (the claim itself is then read).
func briefOf(c *crosscheck.Claim) (storedBrief, bool) {
	n := store.BriefItems
	if len(c.Statements) <= n && len(c.Evidence) <= n && len(c.Appearances) <= n {
		return storedBrief{}, false
	}
	b := storedBrief{Claim: *c, Statements: len(c.Statements), Evidence: len(c.Evidence), Appearances: len(c.Appearances)}
	cutBrief(&b.Claim)
	return b, true
}

// claimKeys runs the queries of Claims(f): the total and the page of
// claim keys, in order.
func (s *DB) claimKeys(ctx context.Context, f store.ClaimFilter) ([]any, int, error) {
	f, tokens, err := s.textFilter(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	if f, err = s.closeRange(ctx, f); err != nil {
		return nil, 0, err
	}
	q := s.claimQueries(f, tokens)
	total := -1
	if !q.listTotal {
		if err := s.db.QueryRowContext(ctx, q.count, s.read(f.Q != "", q.countArgs)...).Scan(&total); err != nil {
			return nil, 0, s.errorf("count claims: %w", err)
		}
	}
	rows, err := s.db.QueryContext(ctx, q.list, s.read(f.Q != "", q.listArgs)...)
	if err != nil {
		return nil, 0, s.errorf("list claims: %w", err)
	}
	defer rows.Close()
	var keys []any
	for rows.Next() {
		var k int64
		dest := []any{&k}
		if q.listTotal {
			dest = append(dest, &total)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, 0, s.errorf("list claims: %w", err)
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, s.errorf("list claims: %w", err)
	}
	if total < 0 {
		// An empty page (an offset past the matches): counted apart.
		if err := s.db.QueryRowContext(ctx, q.count, s.read(f.Q != "", q.countArgs)...).Scan(&total); err != nil {
			return nil, 0, s.errorf("count claims: %w", err)
		}
	}
	return keys, total, nil
}

// readClaims reads the document column expr (an expression on claims) of
// the claims keys and calls decode with each one's position in keys and
// whether the row has a brief.
func (s *DB) readClaims(ctx context.Context, keys []any, expr string, decode func(i int, blob []byte, brief bool) error) error {
	if len(keys) == 0 {
		return nil
	}
	at := make(map[int64]int, len(keys))
	for i, k := range keys {
		at[k.(int64)] = i
	}
	var wk where
	docs, err := s.db.QueryContext(ctx, `SELECT k, `+expr+`, brief IS NOT NULL FROM claims WHERE k IN (`+wk.in(keys)+`)`, wk.args...)
	if err != nil {
		return s.errorf("list claims: %w", err)
	}
	defer docs.Close()
	for docs.Next() {
		var k int64
		var blob []byte
		var brief bool
		if err := docs.Scan(&k, &blob, &brief); err != nil {
			return s.errorf("list claims: %w", err)
		}
		if err := decode(at[k], blob, brief); err != nil {
			return s.errorf("decode claim: %w", err)
		}
	}
	if err := docs.Err(); err != nil {
		return s.errorf("list claims: %w", err)
	}
	return nil
}

// Claim implements store.ClaimStore.
func (s *DB) Claim(ctx context.Context, id string) (crosscheck.Claim, error) {
	var blob []byte
	err := s.db.QueryRowContext(ctx, `SELECT claim FROM claims WHERE id = $1`, safe(id)).Scan(&blob)
	if errors.Is(err, sql.ErrNoRows) {
		return crosscheck.Claim{}, fmt.Errorf("%s: claim %s: %w", s.d.Name, id, store.ErrNotFound)
	}
	if err != nil {
		return crosscheck.Claim{}, s.errorf("claim %s: %w", id, err)
	}
	cs := make([]crosscheck.Claim, 1)
	if err := s.c.unpackFast(blob, &cs[0]); err != nil {
		return crosscheck.Claim{}, s.errorf("decode claim %s: %w", id, err)
	}
	if err := s.fillClaims(ctx, cs); err != nil {
		return crosscheck.Claim{}, err
	}
	return cs[0], nil
}

// StatusCounts implements store.ClaimStore.
func (s *DB) StatusCounts(ctx context.Context, f store.ClaimFilter) (map[string]int, error) {
	f, tokens, err := s.textFilter(ctx, f)
	if err != nil {
		return nil, err
	}
	q, args := s.statusCountQuery(f, tokens)
	out := map[string]int{}
	if !countable(f) {
		// One row, one column per status.
		ns := make([]int, len(statusOrder))
		ptrs := make([]any, len(ns))
		for i := range ns {
			ptrs[i] = &ns[i]
		}
		if err := s.db.QueryRowContext(ctx, q, s.read(f.Q != "", args)...).Scan(ptrs...); err != nil {
			return nil, s.errorf("count claim statuses: %w", err)
		}
		for i, n := range ns {
			if n > 0 {
				out[statusOrder[i]] = n
			}
		}
		return out, nil
	}
	rows, err := s.db.QueryContext(ctx, q, s.read(f.Q != "", args)...)
	if err != nil {
		return nil, s.errorf("count claim statuses: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, s.errorf("count claim statuses: %w", err)
		}
		if n > 0 {
			out[st] = n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("count claim statuses: %w", err)
	}
	return out, nil
}
