package web

import (
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// sourceRow is one watched source as the health page shows it.
type sourceRow struct {
	store.WatchSource
	Child                           bool   // a sitemap listed by an index
	State                           string // "ok", "failing", "waiting" (never polled)
	Status                          string // the state in words
	LastPoll, LastNewItem, NextPoll string
	LastSuccess                     string
}

// sources shows the health of the sources `crosscheck watch` (or `serve
// --watch`) follows: last poll, last new item, errors and backoff, failing
// sources first, each sitemap index followed by the sitemaps it lists.
func (w *Web) sources(rw http.ResponseWriter, r *http.Request) {
	ws := w.Watch
	if ws == nil {
		w.fail(rw, r, crosscheck.Errorf(crosscheck.ENOTFOUND, "this database keeps no watched sources"))
		return
	}
	all, err := ws.WatchSources(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	now := time.Now()
	kids := map[string][]store.WatchSource{}
	var tops []store.WatchSource
	for _, s := range all {
		if s.Parent != "" {
			kids[s.Parent] = append(kids[s.Parent], s)
		} else {
			tops = append(tops, s)
		}
	}
	// Failing first (a child's failure counts for its index), then by URL.
	failing := func(s store.WatchSource) int {
		n := s.Failing
		for _, k := range kids[s.URL] {
			n = max(n, k.Failing)
		}
		return n
	}
	sort.SliceStable(tops, func(i, j int) bool { return failing(tops[i]) > failing(tops[j]) })
	var rows []sourceRow
	nFailing := 0
	for _, s := range tops {
		rows = append(rows, newSourceRow(s, false, now))
		for _, k := range kids[s.URL] {
			rows = append(rows, newSourceRow(k, true, now))
		}
	}
	for _, row := range rows {
		if row.State == "failing" {
			nFailing++
		}
	}
	w.render(rw, r, http.StatusOK, "sources", map[string]any{
		"Title": "Sources", "Sources": rows, "Failing": nFailing,
	})
}

func newSourceRow(s store.WatchSource, child bool, now time.Time) sourceRow {
	row := sourceRow{WatchSource: s, Child: child,
		LastPoll: when(s.LastPoll), LastNewItem: when(s.LastNewItem), LastSuccess: when(s.LastSuccess), NextPoll: when(s.NextPoll)}
	switch {
	case s.Failing > 0:
		row.State = "failing"
		row.Status = "failing"
		if s.Failing > 1 {
			row.Status += ", " + strconv.Itoa(s.Failing) + " polls in a row"
		}
		if s.NextPoll.After(now) {
			row.Status += "; backing off until " + row.NextPoll
		}
	case s.Polls == 0:
		row.State, row.Status = "waiting", "not polled yet"
	default:
		row.State, row.Status = "ok", "ok"
	}
	return row
}

func when(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}
