package sqlstore

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck/internal/store"
)

// A date range sorted by latest activity (since/until with sort=latest,
// the board's default order) is not one index walk: the range is on the
// first-seen day, the order on the last active day. Reading every claim
// of the range and sorting it costs the range's claims (11,000 for a
// quarter of a 50,000-article corpus, four times that at 200,000). Walking
// claims_last from the newest activity instead passes every claim active
// after the range. So the range is cut into whole months and the days of
// its ragged ends; each is walked in latest-activity order through
// claims_month_last or claims_day_last (migration 40) and stops at the
// page's end, and the union, at most (months + days) × (limit + offset)
// rows, is sorted: a cost that follows the range's length, not the corpus.

// maxRangeBuckets bounds the month and day walks of one range (a range of
// eight years and its ends); a longer one is read and sorted instead.
const maxRangeBuckets = 120

// rangeBuckets cuts the days since to until (inclusive, "YYYY-MM-DD")
// into whole months ("YYYY-MM") and single days, or ok false when either
// is not a day, the range is empty or it needs more than maxRangeBuckets.
func rangeBuckets(since, until string) (months, days []string, ok bool) {
	s, u := Day(since), Day(until)
	if s == "" || u == "" || s > u {
		return nil, nil, false
	}
	t, _ := time.Parse("2006-01-02", s)
	end, _ := time.Parse("2006-01-02", u)
	for !t.After(end) {
		if len(months)+len(days) == maxRangeBuckets {
			return nil, nil, false
		}
		if t.Day() == 1 && !t.AddDate(0, 1, -1).After(end) {
			months, t = append(months, t.Format("2006-01")), t.AddDate(0, 1, 0)
			continue
		}
		days, t = append(days, t.Format("2006-01-02")), t.AddDate(0, 0, 1)
	}
	return months, days, true
}

// rangeLatest is the page query of a date range sorted by latest activity
// (see above), or ok false when f is not one: a range with no other
// filter (status, party and the rest keep their own plans).
func rangeLatest(f store.ClaimFilter) (list string, args []any, ok bool) {
	g := f
	g.Since, g.Until, g.Limit, g.Offset = "", "", 0, 0
	if f.Sort != store.SortLatest || g != (store.ClaimFilter{Sort: store.SortLatest}) {
		return "", nil, false
	}
	months, days, ok := rangeBuckets(f.Since, f.Until)
	if !ok {
		return "", nil, false
	}
	limit, offset := limits(f.Limit, f.Offset)
	var w where
	n := w.arg(limit + offset)
	var parts []string
	for _, m := range months {
		parts = append(parts, "SELECT * FROM (SELECT k, last_day, first_day, id FROM claims WHERE substr(first_day, 1, 7) = "+
			w.arg(m)+" ORDER BY last_day DESC, first_day DESC, id LIMIT "+n+") b"+itoa(len(parts)))
	}
	for _, d := range days {
		parts = append(parts, "SELECT * FROM (SELECT k, last_day, first_day, id FROM claims WHERE first_day = "+
			w.arg(d)+" ORDER BY last_day DESC, id LIMIT "+n+") b"+itoa(len(parts)))
	}
	list = "SELECT k FROM (" + joinUnion(parts) + ") u ORDER BY last_day DESC, first_day DESC, id LIMIT " +
		w.arg(limit) + " OFFSET " + w.arg(offset)
	return list, w.args, true
}

// closeRange gives the open date range of a list sorted by latest activity
// (only Since or only Until) the stored claims' last or first day as its
// other end, so that rangeLatest can cut it: the same claims match.
func (s *DB) closeRange(ctx context.Context, f store.ClaimFilter) (store.ClaimFilter, error) {
	if f.Q != "" || f.Sort != store.SortLatest {
		return f, nil
	}
	return s.closeDates(ctx, f)
}

func itoa(i int) string { return strconv.Itoa(i) }

func joinUnion(parts []string) string { return strings.Join(parts, " UNION ALL ") }
