package source

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/crosscheck/crosscheck"
)

// DefaultMaxFeedItems is the item cap of one feed file used when
// Options.MaxFeedItems is 0. News feeds carry tens of items; archives a few
// thousand.
const DefaultMaxFeedItems = 10000

// feedItemTag finds the start tags of RSS items and Atom entries, for a
// count before parsing.
var feedItemTag = regexp.MustCompile(`<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s/>]`)

// feed reads an RSS, Atom (or JSON Feed) file. Each item's content, or
// failing that its description, is the HTML body; its link is the URL and
// the feed's title the site. An item with neither is fetched through
// Options.Fetcher when one is set.
func (w *walker) feed(p string, fi fs.FileInfo) bool {
	limit := 4 * w.opt.MaxBytes
	if fi.Size() > limit {
		return w.fail(p, crosscheck.ETOOLARGE, nil, "feed of %d bytes is over the %d-byte limit", fi.Size(), limit)
	}
	f, err := os.Open(p)
	if err != nil {
		return w.fail(p, crosscheck.EINVALID, err, "cannot open")
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	f.Close()
	if err != nil {
		return w.fail(p, crosscheck.EINVALID, err, "cannot read")
	}
	// Count before parsing: the parser holds every item in memory, and a
	// feed of 100,000 items is an archive to split, not a feed. The count
	// may include tags inside CDATA, so it only refuses well over the cap;
	// the parsed count decides.
	tooMany := func(n int) bool {
		return w.fail(p, crosscheck.ETOOLARGE, nil, "feed has %d items, over the %d-item limit (split it, or raise --max-feed-items)", n, w.opt.MaxFeedItems)
	}
	if n := countItemTags(data); n > 2*w.opt.MaxFeedItems {
		return tooMany(n)
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return w.fail(p, crosscheck.EINVALID, err, "not a readable RSS or Atom feed")
	}
	if len(feed.Items) > w.opt.MaxFeedItems {
		return tooMany(len(feed.Items))
	}
	lang := feedLanguage(feed.Language)
	for i, it := range feed.Items {
		key := p + "#item=" + strconv.Itoa(i+1)
		if it == nil {
			continue
		}
		hint := crosscheck.Document{
			URL:      strings.TrimSpace(it.Link),
			Site:     strings.TrimSpace(feed.Title),
			Title:    strings.TrimSpace(it.Title),
			Language: lang,
		}
		if t := it.PublishedParsed; t != nil {
			hint.Published = t.UTC().Format(time.RFC3339)
		} else if t := it.UpdatedParsed; t != nil {
			hint.Published = t.UTC().Format(time.RFC3339)
		}
		if len(it.Categories) > 0 {
			hint.Section = strings.TrimSpace(it.Categories[0])
		}
		body := it.Content
		if strings.TrimSpace(body) == "" {
			body = it.Description
		}
		var doc crosscheck.Document
		switch {
		case strings.TrimSpace(body) != "":
			doc, err = bodyDocument(key, []byte(body), "text/html; charset=utf-8", w.opt.MaxBytes)
		case hint.URL != "" && w.opt.Fetcher != nil:
			doc, err = w.opt.Fetcher.Get(w.ctx, hint.URL)
		default:
			err = crosscheck.Errorf(crosscheck.EEMPTY, "source: %s: feed item has no content and no fetcher for its link %q", key, hint.URL)
		}
		if err == nil {
			doc = withHints(doc, hint)
		}
		if !w.emit(key, doc, err) {
			return false
		}
	}
	return true
}

// countItemTags counts the item and entry start tags in a feed.
func countItemTags(data []byte) int {
	n := 0
	for {
		loc := feedItemTag.FindIndex(data)
		if loc == nil {
			return n
		}
		n++
		data = data[loc[1]:]
	}
}

// withHints copies the feed's metadata into doc where doc has none.
func withHints(doc, hint crosscheck.Document) crosscheck.Document {
	if doc.URL == "" {
		doc.URL = hint.URL
	}
	if doc.Site == "" {
		doc.Site = hint.Site
	}
	if doc.Title == "" {
		doc.Title = hint.Title
	}
	if doc.Published == "" {
		doc.Published = hint.Published
	}
	if doc.Section == "" {
		doc.Section = hint.Section
	}
	if doc.Language == "" {
		doc.Language = hint.Language
	}
	return doc
}

// feedLanguage reduces a feed language tag ("en-us") to ISO 639-1 ("en").
func feedLanguage(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 {
		return ""
	}
	return tag
}
