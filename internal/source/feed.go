package source

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/crosscheck/crosscheck"
)

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
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return w.fail(p, crosscheck.EINVALID, err, "not a readable RSS or Atom feed")
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
