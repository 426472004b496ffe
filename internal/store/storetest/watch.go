package storetest

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck/internal/store"
)

// RunWatch runs the conformance suite of store.WatchStore. newStore must
// return an empty, migrated store and arrange for it to be closed when t
// ends.
func RunWatch(t *testing.T, newStore func(t *testing.T) store.WatchStore) {
	t.Run("EnsureKeepsState", func(t *testing.T) { testWatchEnsure(t, newStore(t)) })
	t.Run("SourceRoundTrip", func(t *testing.T) { testWatchSourceRoundTrip(t, newStore(t)) })
	t.Run("ChildrenAndRemove", func(t *testing.T) { testWatchChildren(t, newStore(t)) })
	t.Run("Items", func(t *testing.T) { testWatchItems(t, newStore(t)) })
	t.Run("DueItems", func(t *testing.T) { testWatchDue(t, newStore(t)) })
	t.Run("ManyKeys", func(t *testing.T) { testWatchManyKeys(t, newStore(t)) })
	t.Run("ConcurrentItems", func(t *testing.T) { testWatchConcurrent(t, newStore(t)) })
	t.Run("BadInput", func(t *testing.T) { testWatchBadInput(t, newStore(t)) })
}

// t0 is a fixed instant with a sub-microsecond part, which stores drop.
var t0 = time.Date(2025, 3, 14, 9, 26, 53, 589793238, time.UTC)

func at(d time.Duration) time.Time { return t0.Add(d).Truncate(time.Microsecond) }

func testWatchEnsure(t *testing.T, s store.WatchStore) {
	ctx := t.Context()
	in := []store.WatchSource{
		{URL: "https://kyiv.example/rss.xml", Host: "kyiv.example", NextPoll: at(0), Added: at(0)},
		{URL: "https://moscow.example/sitemap.xml", Host: "moscow.example", NextPoll: at(time.Minute), Added: at(0)},
	}
	got, err := s.EnsureWatchSources(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, in) {
		t.Fatalf("first ensure:\n got %+v\nwant %+v", got, in)
	}
	// A polled source keeps its state when the list is given again.
	polled := got[0]
	polled.ETag, polled.LastPoll, polled.Polls, polled.NextPoll, polled.Kind = `"abc"`, at(time.Hour), 3, at(2*time.Hour), store.WatchFeed
	if err := s.SaveWatchSource(ctx, polled); err != nil {
		t.Fatal(err)
	}
	again := []store.WatchSource{
		{URL: "https://new.example/list.txt", Host: "new.example", NextPoll: at(0), Added: at(time.Hour)},
		{URL: "https://kyiv.example/rss.xml", Host: "kyiv.example", NextPoll: at(0), Added: at(time.Hour)},
	}
	got, err = s.EnsureWatchSources(ctx, again)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !reflect.DeepEqual(got[0], again[0]) || !reflect.DeepEqual(got[1], polled) {
		t.Fatalf("second ensure:\n got %+v\nwant [%+v %+v]", got, again[0], polled)
	}
	all, err := s.WatchSources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, w := range all {
		urls = append(urls, w.URL)
	}
	want := []string{"https://kyiv.example/rss.xml", "https://moscow.example/sitemap.xml", "https://new.example/list.txt"}
	if !reflect.DeepEqual(urls, want) {
		t.Errorf("WatchSources = %v, want %v", urls, want)
	}
	// An empty list is fine.
	if got, err := s.EnsureWatchSources(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("empty ensure: %v %v", got, err)
	}
}

func testWatchSourceRoundTrip(t *testing.T, s store.WatchStore) {
	ctx := t.Context()
	full := store.WatchSource{
		URL: "https://kyiv.example/news-sitemap.xml", Parent: "https://kyiv.example/sitemap_index.xml", Host: "kyiv.example",
		Kind: store.WatchSitemap, ETag: `W/"5f-1"`, LastModified: "Fri, 14 Mar 2025 09:00:00 GMT", Listed: "2025-03-14T09:00:00Z",
		NextPoll: t0.Add(15 * time.Minute), LastPoll: t0, LastSuccess: t0.Add(-time.Hour), LastNewItem: t0.Add(-2 * time.Hour),
		LastStatus: 503, LastError: "HTTP 503 Service Unavailable", Failing: 2,
		Polls: 1 << 40, NotModified: 7, Failures: 3, NewItems: 120, ItemFailures: 4, Added: t0.Add(-48 * time.Hour),
	}
	if err := s.SaveWatchSource(ctx, full); err != nil {
		t.Fatal(err)
	}
	got, err := s.EnsureWatchSources(ctx, []store.WatchSource{{URL: full.URL}})
	if err != nil {
		t.Fatal(err)
	}
	want := full
	for _, p := range []*time.Time{&want.NextPoll, &want.LastPoll, &want.LastSuccess, &want.LastNewItem, &want.Added} {
		*p = p.Truncate(time.Microsecond)
	}
	if !reflect.DeepEqual(got[0], want) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got[0], want)
	}
	// Zero times stay zero (never polled), and a save overwrites every field.
	bare := store.WatchSource{URL: full.URL, Host: "kyiv.example", Added: at(0)}
	if err := s.SaveWatchSource(ctx, bare); err != nil {
		t.Fatal(err)
	}
	got, err = s.EnsureWatchSources(ctx, []store.WatchSource{{URL: full.URL}})
	if err != nil {
		t.Fatal(err)
	}
	bare.Added = want.Added // the first insertion time is kept
	if !reflect.DeepEqual(got[0], bare) {
		t.Errorf("after reset:\n got %+v\nwant %+v", got[0], bare)
	}
}

func testWatchChildren(t *testing.T, s store.WatchStore) {
	ctx := t.Context()
	index := "https://kyiv.example/sitemap_index.xml"
	for _, u := range []string{index, index + "?page=2", "https://other.example/feed"} {
		if err := s.SaveWatchSource(ctx, store.WatchSource{URL: u, Added: at(0)}); err != nil {
			t.Fatal(err)
		}
	}
	kids := []string{"https://kyiv.example/sitemap-2025-03.xml", "https://kyiv.example/sitemap-2025-02.xml"}
	for _, u := range kids {
		if err := s.SaveWatchSource(ctx, store.WatchSource{URL: u, Parent: index, Kind: store.WatchSitemap, Added: at(0)}); err != nil {
			t.Fatal(err)
		}
	}
	items := []store.WatchItem{
		{Source: kids[0], Key: "https://kyiv.example/a", URL: "https://kyiv.example/a", State: store.WatchDone, FirstSeen: at(0), Updated: at(0)},
		{Source: kids[1], Key: "https://kyiv.example/b", URL: "https://kyiv.example/b", State: store.WatchPending, FirstSeen: at(0), Updated: at(0)},
		{Source: "https://other.example/feed", Key: "https://kyiv.example/a", URL: "https://kyiv.example/a", State: store.WatchDone, FirstSeen: at(0), Updated: at(0)},
	}
	if err := s.SaveWatchItems(ctx, items); err != nil {
		t.Fatal(err)
	}
	got, err := s.WatchChildren(ctx, index)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].URL != kids[1] || got[1].URL != kids[0] || got[0].Parent != index {
		t.Fatalf("children: %+v", got)
	}
	if err := s.RemoveWatchSources(ctx, []string{kids[1], "https://never.example/"}); err != nil {
		t.Fatal(err)
	}
	got, err = s.WatchChildren(ctx, index)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].URL != kids[0] {
		t.Errorf("children after remove: %+v", got)
	}
	// The removed source's items went with it; the others stay.
	left, err := s.WatchItems(ctx, []string{"https://kyiv.example/a", "https://kyiv.example/b"})
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 2 || left[0].Source != kids[0] || left[1].Source != "https://other.example/feed" {
		t.Errorf("items after remove: %+v", left)
	}
	if err := s.RemoveWatchSources(ctx, nil); err != nil {
		t.Errorf("remove nothing: %v", err)
	}
}

func testWatchItems(t *testing.T, s store.WatchStore) {
	ctx := t.Context()
	feed, sitemap := "https://kyiv.example/rss.xml", "https://kyiv.example/sitemap.xml"
	for _, u := range []string{feed, sitemap} {
		if err := s.SaveWatchSource(ctx, store.WatchSource{URL: u, Added: at(0)}); err != nil {
			t.Fatal(err)
		}
	}
	a := store.WatchItem{Source: feed, Key: "https://kyiv.example/a", URL: "https://kyiv.example/a", Version: "2025-03-14T08:00:00Z",
		State: store.WatchRetry, Attempts: 2, Error: "fetch: timed out", NextTry: at(time.Minute),
		Title: "Bridge reopens", Published: "2025-03-14T07:55:00Z", Site: "Kyiv Wire", Language: "en",
		FirstSeen: at(0), Updated: at(time.Second)}
	inline := store.WatchItem{Source: feed, Key: feed + "#guid=42", Version: "", State: store.WatchDone, FirstSeen: at(0), Updated: at(0)}
	same := a
	same.Source, same.State, same.Attempts, same.Error, same.NextTry = sitemap, store.WatchDone, 0, "", time.Time{}
	if err := s.SaveWatchItems(ctx, []store.WatchItem{a, inline, same}); err != nil {
		t.Fatal(err)
	}
	got, err := s.WatchItems(ctx, []string{a.Key, inline.Key, "https://kyiv.example/unknown", a.Key})
	if err != nil {
		t.Fatal(err)
	}
	if want := []store.WatchItem{a, inline, same}; !reflect.DeepEqual(got, want) {
		t.Fatalf("WatchItems:\n got %+v\nwant %+v", got, want)
	}
	// Saving again updates the state and keeps FirstSeen.
	done := a
	done.State, done.Attempts, done.Error, done.NextTry, done.FirstSeen, done.Updated = store.WatchDone, 3, "", time.Time{}, at(time.Hour), at(time.Hour)
	if err := s.SaveWatchItems(ctx, []store.WatchItem{done}); err != nil {
		t.Fatal(err)
	}
	got, err = s.WatchItems(ctx, []string{a.Key})
	if err != nil {
		t.Fatal(err)
	}
	want := done
	want.FirstSeen = a.FirstSeen
	if len(got) != 2 || !reflect.DeepEqual(got[0], want) {
		t.Errorf("after update:\n got %+v\nwant %+v", got, want)
	}
	if got, err := s.WatchItems(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("no keys: %v %v", got, err)
	}
	// An item of an unknown source is refused, not stored as an orphan.
	if err := s.SaveWatchItems(ctx, []store.WatchItem{{Source: "https://unknown.example/", Key: "k", State: store.WatchDone}}); err == nil {
		t.Error("item of an unknown source accepted")
	}
}

func testWatchDue(t *testing.T, s store.WatchStore) {
	ctx := t.Context()
	src, other := "https://kyiv.example/sitemap.xml", "https://moscow.example/sitemap.xml"
	for _, u := range []string{src, other} {
		if err := s.SaveWatchSource(ctx, store.WatchSource{URL: u, Added: at(0)}); err != nil {
			t.Fatal(err)
		}
	}
	item := func(source, key, state string, next time.Duration) store.WatchItem {
		return store.WatchItem{Source: source, Key: key, URL: key, State: state, NextTry: at(next), FirstSeen: at(0), Updated: at(0)}
	}
	items := []store.WatchItem{
		item(src, "https://kyiv.example/late", store.WatchPending, 10*time.Minute),
		item(src, "https://kyiv.example/retry", store.WatchRetry, -time.Minute),
		item(src, "https://kyiv.example/pending", store.WatchPending, -time.Hour),
		item(src, "https://kyiv.example/now", store.WatchPending, 0),
		item(src, "https://kyiv.example/done", store.WatchDone, -time.Hour),
		item(src, "https://kyiv.example/failed", store.WatchFailed, -time.Hour),
		item(other, "https://moscow.example/x", store.WatchPending, -time.Hour),
	}
	if err := s.SaveWatchItems(ctx, items); err != nil {
		t.Fatal(err)
	}
	keys := func(its []store.WatchItem) []string {
		out := []string{}
		for _, it := range its {
			out = append(out, it.Key)
		}
		return out
	}
	got, err := s.DueWatchItems(ctx, src, at(0), 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://kyiv.example/pending", "https://kyiv.example/retry", "https://kyiv.example/now"}
	if !reflect.DeepEqual(keys(got), want) {
		t.Errorf("due at t0: %v, want %v", keys(got), want)
	}
	got, err = s.DueWatchItems(ctx, src, at(time.Hour), 2)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"https://kyiv.example/pending", "https://kyiv.example/retry"}; !reflect.DeepEqual(keys(got), want) {
		t.Errorf("due with limit 2: %v, want %v", keys(got), want)
	}
	if got, err := s.DueWatchItems(ctx, src, at(time.Hour), 0); err != nil || len(got) != 0 {
		t.Errorf("limit 0: %v %v", got, err)
	}
}

func testWatchManyKeys(t *testing.T, s store.WatchStore) {
	ctx := t.Context()
	src := "https://kyiv.example/sitemap.xml"
	if err := s.SaveWatchSource(ctx, store.WatchSource{URL: src, Added: at(0)}); err != nil {
		t.Fatal(err)
	}
	var items []store.WatchItem
	var keys []string
	for i := range 1000 {
		k := fmt.Sprintf("https://kyiv.example/%04d", i)
		keys = append(keys, k)
		if i%2 == 0 {
			items = append(items, store.WatchItem{Source: src, Key: k, URL: k, State: store.WatchDone, FirstSeen: at(0), Updated: at(0)})
		}
	}
	if err := s.SaveWatchItems(ctx, items); err != nil {
		t.Fatal(err)
	}
	got, err := s.WatchItems(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 500 || got[0].Key != keys[0] || got[499].Key != keys[998] {
		t.Errorf("got %d items (first %q)", len(got), got[0].Key)
	}
}

func testWatchConcurrent(t *testing.T, s store.WatchStore) {
	ctx := t.Context()
	src := "https://kyiv.example/rss.xml"
	if err := s.SaveWatchSource(ctx, store.WatchSource{URL: src, Added: at(0)}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Go(func() {
			for i := range 10 {
				k := fmt.Sprintf("https://kyiv.example/%d-%d", g, i)
				// The same key from every goroutine too: upserts must not collide.
				err := s.SaveWatchItems(ctx, []store.WatchItem{
					{Source: src, Key: k, URL: k, State: store.WatchDone},
					{Source: src, Key: "https://kyiv.example/shared", URL: "https://kyiv.example/shared", State: store.WatchDone},
				})
				if err != nil {
					errs <- err
					return
				}
				w := store.WatchSource{URL: src, Polls: int64(i), Added: at(0)}
				if err := s.SaveWatchSource(ctx, w); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	keys := []string{"https://kyiv.example/shared"}
	for g := range 8 {
		for i := range 10 {
			keys = append(keys, fmt.Sprintf("https://kyiv.example/%d-%d", g, i))
		}
	}
	got, err := s.WatchItems(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 81 {
		t.Errorf("%d items stored, want 81", len(got))
	}
}

func testWatchBadInput(t *testing.T, s store.WatchStore) {
	ctx := t.Context()
	// Listings are untrusted: NUL bytes and invalid UTF-8 in URLs, ETags and
	// error texts are stored (repaired), never an error.
	src := store.WatchSource{URL: "https://bad.example/feed\x00", ETag: "\"\xff\xfe\"", LastError: "bad \x00 byte", Added: at(0)}
	if err := s.SaveWatchSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	got, err := s.EnsureWatchSources(ctx, []store.WatchSource{{URL: src.URL}})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].URL != "https://bad.example/feed " || got[0].ETag != "\"\uFFFD\"" || got[0].LastError != "bad   byte" {
		t.Errorf("repaired source: %q %q %q", got[0].URL, got[0].ETag, got[0].LastError)
	}
	it := store.WatchItem{Source: src.URL, Key: "https://bad.example/\xff", URL: "https://bad.example/\xff", Title: "T\x00", State: store.WatchPending}
	if err := s.SaveWatchItems(ctx, []store.WatchItem{it}); err != nil {
		t.Fatal(err)
	}
	items, err := s.WatchItems(ctx, []string{it.Key})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].Key != "https://bad.example/\uFFFD" || items[0].Title != "T " {
		t.Errorf("repaired item: %+v", items)
	}
}
