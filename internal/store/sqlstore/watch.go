package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck/internal/store"
)

var _ store.WatchStore = (*DB)(nil)

// watchTime is how times are written: UTC with microseconds (what
// PostgreSQL keeps), NULL for the zero time.
func watchTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(time.Microsecond)
}

func fromNull(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

const watchSourceCols = `url, parent, host, kind, etag, last_modified, listed, next_poll, last_poll, last_success,
 last_new_item, last_status, last_error, failing, polls, not_modified, failures, new_items, item_failures, added`

func watchSourceArgs(w *store.WatchSource) []any {
	return []any{safe(w.URL), safe(w.Parent), safe(w.Host), w.Kind, safe(w.ETag), safe(w.LastModified), safe(w.Listed),
		watchTime(w.NextPoll), watchTime(w.LastPoll), watchTime(w.LastSuccess), watchTime(w.LastNewItem),
		w.LastStatus, safe(w.LastError), w.Failing, w.Polls, w.NotModified, w.Failures, w.NewItems, w.ItemFailures,
		watchTime(w.Added)}
}

type scanner interface{ Scan(dest ...any) error }

func scanWatchSource(r scanner) (store.WatchSource, error) {
	var w store.WatchSource
	var next, last, success, newItem, added sql.NullTime
	err := r.Scan(&w.URL, &w.Parent, &w.Host, &w.Kind, &w.ETag, &w.LastModified, &w.Listed, &next, &last, &success,
		&newItem, &w.LastStatus, &w.LastError, &w.Failing, &w.Polls, &w.NotModified, &w.Failures, &w.NewItems, &w.ItemFailures,
		&added)
	w.NextPoll, w.LastPoll, w.LastSuccess, w.LastNewItem, w.Added = fromNull(next), fromNull(last), fromNull(success), fromNull(newItem), fromNull(added)
	return w, err
}

// EnsureWatchSources implements store.WatchStore.
func (s *DB) EnsureWatchSources(ctx context.Context, srcs []store.WatchSource) ([]store.WatchSource, error) {
	out := make([]store.WatchSource, len(srcs))
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for i := range srcs {
			src := srcs[i]
			if src.Added.IsZero() {
				src.Added = s.Now()
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO watch_sources (`+watchSourceCols+`)
VALUES (`+Placeholders(0, 20)+`) ON CONFLICT (url) DO NOTHING`, watchSourceArgs(&src)...); err != nil {
				return s.errorf("add watch source %q: %w", src.URL, err)
			}
			w, err := scanWatchSource(tx.QueryRowContext(ctx, `SELECT `+watchSourceCols+` FROM watch_sources WHERE url = $1`, safe(src.URL)))
			if err != nil {
				return s.errorf("read watch source %q: %w", src.URL, err)
			}
			out[i] = w
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *DB) listWatchSources(ctx context.Context, what, where string, args ...any) ([]store.WatchSource, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+watchSourceCols+` FROM watch_sources`+where+` ORDER BY url`, args...)
	if err != nil {
		return nil, s.errorf("%s: %w", what, err)
	}
	defer rows.Close()
	out := []store.WatchSource{}
	for rows.Next() {
		w, err := scanWatchSource(rows)
		if err != nil {
			return nil, s.errorf("%s: %w", what, err)
		}
		out = append(out, w)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("%s: %w", what, err)
	}
	return out, nil
}

// WatchSources implements store.WatchStore.
func (s *DB) WatchSources(ctx context.Context) ([]store.WatchSource, error) {
	return s.listWatchSources(ctx, "list watch sources", "")
}

// WatchChildren implements store.WatchStore.
func (s *DB) WatchChildren(ctx context.Context, parent string) ([]store.WatchSource, error) {
	return s.listWatchSources(ctx, "list children of "+parent, " WHERE parent = $1", safe(parent))
}

// SaveWatchSource implements store.WatchStore.
func (s *DB) SaveWatchSource(ctx context.Context, src store.WatchSource) error {
	if src.Added.IsZero() {
		src.Added = s.Now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO watch_sources (`+watchSourceCols+`)
VALUES (`+Placeholders(0, 20)+`) ON CONFLICT (url) DO UPDATE SET
 parent = $2, host = $3, kind = $4, etag = $5, last_modified = $6, listed = $7, next_poll = $8, last_poll = $9,
 last_success = $10, last_new_item = $11, last_status = $12, last_error = $13, failing = $14, polls = $15,
 not_modified = $16, failures = $17, new_items = $18, item_failures = $19`, watchSourceArgs(&src)...)
	if err != nil {
		return s.errorf("save watch source %q: %w", src.URL, err)
	}
	return nil
}

// RemoveWatchSources implements store.WatchStore.
func (s *DB) RemoveWatchSources(ctx context.Context, urls []string) error {
	if len(urls) == 0 {
		return nil
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, u := range urls {
			// Items first: foreign keys may be off on a SQLite connection
			// opened by another tool.
			if _, err := tx.ExecContext(ctx, `DELETE FROM watch_items WHERE source = $1`, safe(u)); err != nil {
				return s.errorf("remove items of watch source %q: %w", u, err)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM watch_sources WHERE url = $1`, safe(u)); err != nil {
				return s.errorf("remove watch source %q: %w", u, err)
			}
		}
		return nil
	})
}

const watchItemCols = `source, key, url, version, state, attempts, error, next_try, title, published, site, language, first_seen, updated`

func scanWatchItem(r scanner) (store.WatchItem, error) {
	var it store.WatchItem
	var next, first, updated sql.NullTime
	err := r.Scan(&it.Source, &it.Key, &it.URL, &it.Version, &it.State, &it.Attempts, &it.Error, &next,
		&it.Title, &it.Published, &it.Site, &it.Language, &first, &updated)
	it.NextTry, it.FirstSeen, it.Updated = fromNull(next), fromNull(first), fromNull(updated)
	return it, err
}

// watchKeyChunk bounds the IN lists of WatchItems.
const watchKeyChunk = 200

// WatchItems implements store.WatchStore.
func (s *DB) WatchItems(ctx context.Context, keys []string) ([]store.WatchItem, error) {
	out := []store.WatchItem{}
	keys = uniq(keys)
	for len(keys) > 0 {
		n := min(len(keys), watchKeyChunk)
		args := make([]any, n)
		for i, k := range keys[:n] {
			args[i] = safe(k)
		}
		rows, err := s.db.QueryContext(ctx, `SELECT `+watchItemCols+` FROM watch_items WHERE key IN (`+Placeholders(0, n)+`)`, args...)
		if err != nil {
			return nil, s.errorf("read watch items: %w", err)
		}
		for rows.Next() {
			it, err := scanWatchItem(rows)
			if err != nil {
				rows.Close()
				return nil, s.errorf("read watch items: %w", err)
			}
			out = append(out, it)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, s.errorf("read watch items: %w", err)
		}
		keys = keys[n:]
	}
	sortWatchItems(out)
	return out, nil
}

func sortWatchItems(items []store.WatchItem) {
	// A stable order independent of the database's collation.
	slices.SortFunc(items, func(a, b store.WatchItem) int {
		return cmp.Or(strings.Compare(a.Source, b.Source), strings.Compare(a.Key, b.Key))
	})
}

// SaveWatchItems implements store.WatchStore.
func (s *DB) SaveWatchItems(ctx context.Context, items []store.WatchItem) error {
	if len(items) == 0 {
		return nil
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		for i := range items {
			it := items[i]
			if it.FirstSeen.IsZero() {
				it.FirstSeen = now
			}
			if it.Updated.IsZero() {
				it.Updated = now
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO watch_items (`+watchItemCols+`)
VALUES (`+Placeholders(0, 14)+`) ON CONFLICT (source, key) DO UPDATE SET
 url = $3, version = $4, state = $5, attempts = $6, error = $7, next_try = $8, title = $9, published = $10,
 site = $11, language = $12, updated = $14`,
				safe(it.Source), safe(it.Key), safe(it.URL), safe(it.Version), it.State, it.Attempts, safe(it.Error),
				watchTime(it.NextTry), safe(it.Title), safe(it.Published), safe(it.Site), safe(it.Language),
				watchTime(it.FirstSeen), watchTime(it.Updated))
			if err != nil {
				return s.errorf("save watch item %q of %q: %w", it.Key, it.Source, err)
			}
		}
		return nil
	})
}

// DueWatchItems implements store.WatchStore.
func (s *DB) DueWatchItems(ctx context.Context, source string, now time.Time, limit int) ([]store.WatchItem, error) {
	if limit <= 0 {
		return []store.WatchItem{}, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+watchItemCols+` FROM watch_items
WHERE source = $1 AND state IN ('pending', 'retry') AND (next_try IS NULL OR next_try <= $2)
ORDER BY (next_try IS NOT NULL), next_try, key LIMIT $3`, safe(source), watchTime(now), limit)
	if err != nil {
		return nil, s.errorf("due watch items of %q: %w", source, err)
	}
	defer rows.Close()
	out := []store.WatchItem{}
	for rows.Next() {
		it, err := scanWatchItem(rows)
		if err != nil {
			return nil, s.errorf("due watch items of %q: %w", source, err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("due watch items of %q: %w", source, err)
	}
	return out, nil
}
