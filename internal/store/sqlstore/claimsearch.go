package sqlstore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// A text query over the claims (ClaimFilter.Q) is answered from the
// full-text index without reading a row per match, however common its
// words (a corpus about a war has "ukraine" in most claims):
//
//   - the list looks at the store.TextWindow matches with the highest
//     keys (the lowest for the oldest first) and ranks or sorts only
//     those. Keys follow latest activity: a whole-ledger write assigns
//     them in that order, and a claim the ledger updates is written again
//     under a new, highest key, so the window holds the most recently
//     active matches (exactly after a whole write; nearly after updates,
//     as an update from an article older than the claim's last activity
//     also moves it up). A query with at most TextWindow matches is
//     exact in any order;
//   - the total and the counts per status are counts of the index, up to
//     store.TextCountCap+1 (store.CountOver: "more than TextCountCap"):
//     a count of the first matches stops there;
//   - status, party and date filters are words of the index: each claim's
//     indexed body starts with tokens naming its statuses, parties and
//     first-seen year, month and day (claimTokens), so "ukraine" among the
//     disputed claims of RU is one index query, not a check per match, and
//     a date range is the few years, months and days that cover it
//     (dateTokens).
//
// Filters the index cannot express (speaker, place, article, review) drive
// the query instead, and each of their claims is matched and ranked on its
// own. Ledgers written before the tokens existed (meta claim_tokens other
// than claimTokensVersion) are answered as before, by checking each match.

// claimTokensVersion is the meta claim_tokens value of a ledger whose
// claims are all indexed with the tokens claimTokens makes now.
const claimTokensVersion = 2

// maxDateTokens bounds the tokens a date range is turned into (a range of
// whole years needs one per year, its ragged ends up to 11 months and 30
// days each); a longer range is checked on each match instead.
const maxDateTokens = 160

func statusToken(bit int64) string { return fmt.Sprintf("xxs%dx", bit) }

// partyToken names a party exactly (hex of its bytes: the tokenizer folds
// case, parties compare exactly).
func partyToken(p string) string { return "xxp" + hex.EncodeToString([]byte(p)) + "x" }

func yearToken(day string) string  { return "xxy" + day[:4] + "x" }
func monthToken(day string) string { return "xxm" + day[:4] + day[5:7] + "x" }
func dayToken(day string) string   { return "xxd" + day[:4] + day[5:7] + day[8:10] + "x" }

// claimTokenWidth is how many index words claimTokens gives a claim at
// least, padded with padToken: the ranking functions (FTS5 bm25, ts_rank
// with length normalization) divide by the whole row's length, and a
// number of tokens varying with the claim's statuses and parties would
// change the order of equally matching claims. Padded to one width, every
// row grows by the same amount (up to the claims with more than
// claimTokenWidth tokens: many parties), which keeps their order.
const claimTokenWidth = 12

const padToken = "xxzx"

// claimTokens are the index words of a claim's statuses, parties and
// first-seen year, month and day, padded to claimTokenWidth.
func claimTokens(c *crosscheck.Claim) []string {
	var out []string
	for _, st := range uniq(c.Status) {
		if bit, ok := statusBits[st]; ok {
			out = append(out, statusToken(bit))
		}
	}
	for _, p := range uniq(c.Parties) {
		out = append(out, partyToken(p))
	}
	if d := Day(c.FirstSeen); d != "" {
		out = append(out, yearToken(d), monthToken(d), dayToken(d))
	}
	for len(out) < claimTokenWidth {
		out = append(out, padToken)
	}
	return out
}

// dateTokens are the fewest year, month and day tokens whose claims are
// exactly those first seen from since to until (days, inclusive), or nil
// when either is not a day, the range is empty or it needs more than
// maxDateTokens.
func dateTokens(since, until string) []string {
	s, u := Day(since), Day(until)
	if s == "" || u == "" || s > u {
		return nil
	}
	t, _ := time.Parse("2006-01-02", s)
	end, _ := time.Parse("2006-01-02", u)
	var out []string
	for !t.After(end) {
		if len(out) == maxDateTokens {
			return nil
		}
		d := t.Format("2006-01-02")
		switch {
		case t.YearDay() == 1 && !t.AddDate(1, 0, -1).After(end):
			out, t = append(out, yearToken(d)), t.AddDate(1, 0, 0)
		case t.Day() == 1 && !t.AddDate(0, 1, -1).After(end):
			out, t = append(out, monthToken(d)), t.AddDate(0, 1, 0)
		default:
			out, t = append(out, dayToken(d)), t.AddDate(0, 0, 1)
		}
	}
	return out
}

// closeDates gives a text query's open date range (only Since or only
// Until) the stored claims' last or first day as its other end, so that
// dateTokens can cover it: the same claims match.
func (s *DB) closeDates(ctx context.Context, f store.ClaimFilter) (store.ClaimFilter, error) {
	if (f.Since == "") == (f.Until == "") {
		return f, nil
	}
	q := `SELECT first_day FROM claims WHERE first_day > '' ORDER BY first_day DESC LIMIT 1`
	if f.Since == "" {
		q = `SELECT first_day FROM claims WHERE first_day > '' ORDER BY first_day LIMIT 1`
	}
	var day string
	switch err := s.db.QueryRowContext(ctx, q).Scan(&day); {
	case errors.Is(err, sql.ErrNoRows):
		return f, nil // no dated claim: nothing matches either way
	case err != nil:
		return f, s.errorf("claims date range: %w", err)
	}
	if f.Since == "" {
		f.Since = day
	} else {
		f.Until = day
	}
	return f, nil
}

// claimTokensOK reports whether every stored claim's indexed body has the
// tokens of claimTokens (meta claim_tokens, set by a whole-ledger write).
func (s *DB) claimTokensOK(ctx context.Context) (bool, error) {
	var v int64
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE((SELECT value FROM meta WHERE key = 'claim_tokens'), 0)`).Scan(&v)
	if err != nil {
		return false, s.errorf("claim tokens: %w", err)
	}
	return v == claimTokensVersion, nil
}

// textFilter prepares f for the queries: when f is a text query and the
// claims have their tokens (tokens true), f's open date range is closed
// (closeDates).
func (s *DB) textFilter(ctx context.Context, f store.ClaimFilter) (_ store.ClaimFilter, tokens bool, err error) {
	if f.Q == "" {
		return f, false, nil
	}
	if tokens, err = s.claimTokensOK(ctx); err != nil || !tokens {
		return f, false, err
	}
	f, err = s.closeDates(ctx, f)
	return f, err == nil, err
}

// textPlan is how a text query with its other filters is answered.
type textPlan struct {
	query   string // the index query: the words, and the filters it holds
	base    string // the words and the party and date filters, for the counts per status
	inIndex bool   // every filter but the words is in query (no check per match)
	// list is the query whose newest matches make the list's window: query,
	// or base when the status is one most claims have (unconfirmed),
	// which is then checked on each match (postStatus, its bit). bm25
	// weighs every word of its query by the number of claims that have
	// it, counted on each query: the word of a status 98 % of the claims
	// have cost a walk of the whole index (23 ms at 90,000 claims), while
	// checking it on the claims of the window reads a few more rows than
	// the window.
	list       string
	postStatus int64
}

// planText builds the index queries of f (f.Q set, tokens written). ok is
// false when f.Q has no searchable word.
func (s *DB) planText(f store.ClaimFilter, withStatus bool) (p textPlan, ok bool) {
	words := s.d.FTSQuery(f.Q)
	if words == "" {
		return p, false
	}
	parts := []string{s.d.FTSGroup(words)}
	p.inIndex = f.Article == "" && f.Speaker == "" && f.Place == "" && f.Review == ""
	if f.Party != "" {
		parts = append(parts, s.d.FTSWords([]string{partyToken(f.Party)}, false))
	}
	if f.Since != "" || f.Until != "" {
		if toks := dateTokens(f.Since, f.Until); toks != nil {
			parts = append(parts, s.d.FTSWords(toks, true))
		} else {
			// An open, empty or very long range: the days are checked on
			// each match.
			p.inIndex = false
		}
	}
	p.base = s.d.FTSAnd(parts...)
	if withStatus && f.Status != "" {
		if bit, ok := statusBits[f.Status]; ok {
			parts = append(parts, s.d.FTSWords([]string{statusToken(bit)}, false))
		}
	}
	p.query = s.d.FTSAnd(parts...)
	p.list = p.query
	if withStatus && statusBits[f.Status] == statusBits[crosscheck.StatusUnconfirmed] {
		p.list, p.postStatus = p.base, statusBits[f.Status]
	}
	return p, true
}

// textClaimQueries answers Claims(f) for a text query from the index (see
// above).
func (s *DB) textClaimQueries(f store.ClaimFilter) claimQueries {
	var q claimQueries
	p, ok := s.planText(f, true)
	if !ok {
		q.count, q.list = `SELECT 0`, `SELECT 0 WHERE 1 = 0`
		return q
	}
	if f.Status != "" {
		if _, known := statusBits[f.Status]; !known {
			q.count, q.list = `SELECT 0`, `SELECT 0 WHERE 1 = 0`
			return q
		}
	}
	driven := f.Article != "" || f.Speaker != "" || f.Place != ""
	// The window is the matches with the latest activity (the highest
	// keys), or for the oldest first the lowest keys: the claims whose
	// latest activity is oldest, which holds the claims first seen
	// earliest.
	oldest := f.Sort == store.SortOldest
	var w where
	var with, from, rank, alias string
	if driven {
		// A selective filter drives; its claims are checked against the
		// matches.
		g := f
		g.Q, g.Party = "", ""
		from, _, alias = s.claimFrom(g, &w, true)
		// The status is checked on the claims (claimFrom): its word would
		// only cost bm25 a count.
		qp := w.arg(p.base)
		large := f.Place != "" && f.Speaker == "" && f.Article == "" && s.d.ClaimMatchSet != nil
		if large {
			w.add(s.d.ClaimMatchSet(qp))
		} else {
			w.add(s.d.ClaimMatchRow(qp))
		}
		q.count, q.countArgs = cappedCount(from+w.sql(), append([]any{}, w.args...))
		if !large {
			rank = s.d.ClaimRankRow(qp)
		} else {
			// Ranked by their score among the store.TextWindow newest
			// matches, scored once; the others after them.
			with = "WITH tm AS MATERIALIZED (" + s.d.ClaimMatches(qp, w.arg(store.TextWindow), oldest) + ") "
			rank = "COALESCE((SELECT tm.score FROM tm WHERE tm.claim_k = " + alias + ".k), -1)"
		}
	} else {
		qp := w.arg(p.list)
		if p.inIndex && p.postStatus == 0 {
			q.count, q.countArgs = `SELECT `+s.matchCount("$1"), []any{p.query}
			// The first TextCountCap+1 matches in key order hold the
			// window (its first TextWindow) and give the capped total
			// (their number), so one walk of the index answers both:
			// the separate count walked the same matches again (a
			// quarter of a common word's query on PostgreSQL).
			with = "WITH tm AS MATERIALIZED (" + s.d.ClaimMatches(qp, w.arg(store.TextCountCap+1), oldest) + ") "
			from = "(SELECT claim_k, score FROM tm ORDER BY claim_k " + Direction(oldest) + " LIMIT " + w.arg(store.TextWindow) + ") m CROSS JOIN claims c"
			w.add("c.k = m.claim_k")
			q.listTotal = true
		} else {
			// Dates, review or a common status checked on each match,
			// newest first, until the window is full.
			var fw where
			fw.args = w.args
			fw.add("c.k = m.claim_k")
			if p.postStatus != 0 {
				fw.add(fmt.Sprintf("(+c.status_mask & %d) <> 0", p.postStatus))
			}
			if !p.inIndex {
				fw.dayBounds("c.first_day", f.Since, f.Until)
				reviewWhere(f.Review, &fw)
			}
			matches := "(" + s.d.ClaimMatches(qp, walkAll, oldest) + ") m CROSS JOIN claims c"
			q.count, q.countArgs = cappedCount(matches+fw.sql(), append([]any{}, fw.args...))
			if p.inIndex {
				// Only the status is checked: count it in the index.
				q.count, q.countArgs = `SELECT `+s.matchCount("$1"), []any{p.query}
			}
			from = "(SELECT m.claim_k, m.score FROM " + matches + fw.sql() + " LIMIT " + fw.arg(store.TextWindow) + ") m CROSS JOIN claims c"
			w.args = fw.args
			w.add("c.k = m.claim_k")
		}
		rank, alias = "m.score", "c"
	}
	order := alias + ".first_day DESC, " + alias + ".first_seen DESC, " + alias + ".id"
	switch f.Sort {
	case store.SortOldest:
		order = "c.first_day = '', c.first_day, c.first_seen, c.id"
	case store.SortStatements:
		order = "c.n_statements DESC, c.first_day DESC, c.id"
	case store.SortLatest:
		order = "c.last_day DESC, c.first_day DESC, c.id"
	case store.SortRelevance, "":
		order = rank + " DESC, c.id"
	}
	limit, offset := limits(f.Limit, f.Offset)
	cols := "c.k"
	if q.listTotal {
		cols += ", (SELECT COUNT(*) FROM tm)"
	}
	q.list = with + `SELECT ` + cols + ` FROM ` + from + w.sql() + ` ORDER BY ` + order + ` LIMIT ` + w.arg(limit) + ` OFFSET ` + w.arg(offset)
	q.listArgs = w.args
	return q
}

// textStatusCountQuery answers StatusCounts(f) for a text query: one row,
// a column per status (statusOrder).
func (s *DB) textStatusCountQuery(f store.ClaimFilter) (string, []any) {
	p, ok := s.planText(f, false)
	sums := make([]string, len(statusOrder))
	if !ok {
		for i := range sums {
			sums[i] = "0"
		}
		return `SELECT ` + strings.Join(sums, ", "), nil
	}
	if p.inIndex {
		// A count of the index per status word.
		var w where
		for i, st := range statusOrder {
			q := s.d.FTSAnd(p.base, s.d.FTSWords([]string{statusToken(statusBits[st])}, false))
			sums[i] = s.matchCount(w.arg(q))
		}
		return `SELECT ` + strings.Join(sums, ", "), w.args
	}
	g := f
	g.Status = ""
	q := s.textClaimQueries(g)
	// The total's FROM and predicates, summed per status in one pass (a
	// capped count per status would walk them once per status) and
	// clamped to the cap like every count of a text query.
	fromWhere := strings.TrimSuffix(strings.TrimPrefix(q.count, cappedPrefix), cappedSuffix)
	for i, st := range statusOrder {
		sums[i] = clampedStatusSum(statusBits[st])
	}
	return `SELECT ` + strings.Join(sums, ", ") + ` FROM ` + fromWhere, q.countArgs
}

// clampedStatusSum counts the rows with status bit (claims alias c) of a
// text query's FROM, reported as at most store.TextCountCap+1.
func clampedStatusSum(bit int64) string {
	return fmt.Sprintf("CASE WHEN COALESCE(SUM(CASE WHEN (c.status_mask & %d) <> 0 THEN 1 ELSE 0 END), 0) > %d THEN %d ELSE COALESCE(SUM(CASE WHEN (c.status_mask & %d) <> 0 THEN 1 ELSE 0 END), 0) END",
		bit, store.TextCountCap, store.TextCountCap+1, bit)
}

// The counts of a text query stop at store.TextCountCap+1 (store.CountOver):
// a count of the first TextCountCap+1 rows is bounded however common the
// words are. The literal cap (a constant, not user input) keeps the
// statements' arguments those of their FROM.
var (
	cappedPrefix = "SELECT COUNT(*) FROM (SELECT 1 AS one FROM "
	cappedSuffix = fmt.Sprintf(" LIMIT %d) upto", store.TextCountCap+1)
)

// walkAll is the limit of a walk over every match in key order whose end
// is set by the query around it: without a LIMIT, SQLite drops the
// ORDER BY of a subquery it joins (the walk would start at the oldest
// keys, and the window be the least recently active matches).
const walkAll = "9223372036854775807"

// cappedCountOf counts the rows of fromWhere ("t WHERE …") up to the cap.
func cappedCountOf(fromWhere string) string { return cappedPrefix + fromWhere + cappedSuffix }

// cappedCount is cappedCountOf as a statement with its arguments.
func cappedCount(fromWhere string, args []any) (string, []any) {
	return cappedCountOf(fromWhere), args
}

// matchCount is a scalar subquery counting the claims matching the index
// query bound to param, up to the cap: FTS5 (or the GIN index) stops at
// the cap's match instead of walking every one.
func (s *DB) matchCount(param string) string {
	return s.d.ClaimMatchCount(param, strconv.Itoa(store.TextCountCap+1))
}
