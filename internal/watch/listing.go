package watch

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/store"
)

// entry is one item found in a listing: an article to fetch (URL), or a
// feed entry that carries its own content (Body).
type entry struct {
	Key     string // article URL, or source#guid=… for an entry without a link
	Link    string // the article URL as listed, "" when none
	URL     string // article to fetch; "" when Body is set
	Body    string // HTML content given by the feed
	Version string // lastmod / updated time as given; "" when none
	// Hints for the document.
	Title, Published, Site, Language string
	when                             time.Time // parsed publication or modification time, for ordering
}

// child is a sitemap listed by a sitemap index.
type child struct {
	URL     string
	Lastmod string
	when    time.Time
}

// listing is what one fetched feed, sitemap, index or URL list holds.
type listing struct {
	Kind     string
	Entries  []entry // newest first where the listing gives times, else in document order
	Children []child // for a sitemap index: newest first, at most maxChildren
	// Dropped counts entries left out: invalid URLs, or beyond the caps.
	Dropped int
	// Repaired is set when invalid UTF-8 was replaced before parsing.
	Repaired bool
}

// listingLimits bound what one listing may hold.
type listingLimits struct {
	MaxEntries   int   // entries kept per listing (a sitemap may hold 50,000)
	MaxChildren  int   // sitemaps kept per index, the most recently modified
	MaxUnzipped  int64 // bytes of a gzip-compressed listing once decompressed
	MaxLineBytes int   // one line of a URL list
}

// errMalformed marks a listing that is none of the known kinds or that
// does not parse; it is a failure of the source, recorded and backed off.
var errMalformed = errors.New("malformed listing")

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errMalformed, fmt.Sprintf(format, args...))
}

// parseListing reads the body of sourceURL, whatever its kind: RSS, Atom
// or JSON Feed (gofeed), a sitemap or sitemap index including Google News
// sitemaps (encoding/xml, streamed), or a plain list of article URLs. A
// gzip body (sitemap.xml.gz) is decompressed first, up to lim.MaxUnzipped.
func parseListing(sourceURL string, body []byte, lim listingLimits) (listing, error) {
	base, err := url.Parse(sourceURL)
	if err != nil {
		return listing{}, malformed("source URL: %v", err)
	}
	if len(body) >= 2 && body[0] == 0x1f && body[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return listing{}, malformed("gzip: %v", err)
		}
		unzipped, err := io.ReadAll(io.LimitReader(zr, lim.MaxUnzipped+1))
		if err != nil {
			return listing{}, malformed("gzip: %v", err)
		}
		if int64(len(unzipped)) > lim.MaxUnzipped {
			return listing{}, crosscheck.Errorf(crosscheck.ETOOLARGE, "decompressed listing is over the %d-byte limit", lim.MaxUnzipped)
		}
		body = unzipped
	}
	body, repaired := repairUTF8(body)
	l, err := parseBody(base, body, lim)
	l.Repaired = repaired
	return l, err
}

// xmlEncoding finds the encoding an XML declaration names.
var xmlEncoding = regexp.MustCompile(`^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// repairUTF8 replaces invalid UTF-8 with U+FFFD in a listing that is, or
// says it is, UTF-8: one bad byte in a headline must not cost the whole
// feed (the analyzer repairs articles the same way). A listing that
// declares another encoding is left to the charset reader.
func repairUTF8(b []byte) ([]byte, bool) {
	if utf8.Valid(b) {
		return b, false
	}
	if m := xmlEncoding.FindSubmatch(b[:min(len(b), 512)]); m != nil {
		if enc := strings.ToLower(string(m[1])); enc != "utf-8" && enc != "utf8" {
			return b, false
		}
	}
	return bytes.ToValidUTF8(b, []byte("\uFFFD")), true
}

func parseBody(base *url.URL, body []byte, lim listingLimits) (listing, error) {
	head := bytes.TrimLeft(body, "\ufeff \t\r\n")
	switch {
	case len(head) == 0:
		return listing{}, malformed("empty body")
	case head[0] == '<':
		root, err := xmlRoot(head)
		if err != nil {
			return listing{}, malformed("not well-formed XML: %v", err)
		}
		switch root {
		case "urlset":
			return parseSitemap(base, head, lim)
		case "sitemapindex":
			return parseSitemapIndex(base, head, lim)
		case "rss", "feed", "RDF":
			return parseFeed(base, head, lim)
		case "html":
			return listing{}, malformed("an HTML page, not a feed or sitemap")
		}
		return listing{}, malformed("unknown XML document <%s>, not a feed or sitemap", root)
	case head[0] == '{':
		return parseFeed(base, head, lim)
	}
	return parseURLList(head, lim)
}

func newXMLDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	return d
}

// xmlRoot returns the local name of the first element of an XML document.
func xmlRoot(b []byte) (string, error) {
	d := newXMLDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return strings.ToLower(se.Name.Local), nil
		}
	}
}

// resolve makes ref absolute against base and checks it is an http(s)
// URL; it returns "" for anything else.
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := base.Parse(ref)
	if err != nil {
		return ""
	}
	s, err := CheckURL(u.String())
	if err != nil {
		return ""
	}
	return s
}

// parseTime reads the date formats of feeds and sitemaps (W3C datetime,
// RFC 3339, a bare day); the zero time when none fits.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

// newestFirst orders entries by time, newest first; entries without a
// time keep their document order after those with one.
func newestFirst(es []entry) {
	slices.SortStableFunc(es, func(a, b entry) int {
		switch {
		case a.when.IsZero() && b.when.IsZero():
			return 0
		case a.when.IsZero():
			return 1
		case b.when.IsZero():
			return -1
		}
		return b.when.Compare(a.when)
	})
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod"`
	News    *struct {
		Publication struct {
			Name     string `xml:"name"`
			Language string `xml:"language"`
		} `xml:"publication"`
		PublicationDate string `xml:"publication_date"`
		Title           string `xml:"title"`
	} `xml:"news"`
}

// eachElement decodes every element named local (at any depth below the
// root, as sitemaps put them directly under it) into a fresh T and calls
// fn with it, streaming so that a 50,000-entry sitemap is never held as a
// tree.
func eachElement[T any](b []byte, local string, fn func(*T)) error {
	d := newXMLDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || !strings.EqualFold(se.Name.Local, local) {
			continue
		}
		v := new(T)
		if err := d.DecodeElement(v, &se); err != nil {
			return err
		}
		fn(v)
	}
}

func parseSitemap(base *url.URL, b []byte, lim listingLimits) (listing, error) {
	l := listing{Kind: store.WatchSitemap}
	err := eachElement(b, "url", func(u *sitemapURL) {
		loc := resolve(base, u.Loc)
		if loc == "" {
			l.Dropped++
			return
		}
		e := entry{Key: loc, Link: loc, URL: loc, Version: strings.TrimSpace(u.Lastmod)}
		e.when = parseTime(u.Lastmod)
		if n := u.News; n != nil {
			e.Title = strings.TrimSpace(n.Title)
			e.Site = strings.TrimSpace(n.Publication.Name)
			e.Language = language(n.Publication.Language)
			if t := parseTime(n.PublicationDate); !t.IsZero() {
				e.when = t
				e.Published = t.Format(time.RFC3339)
			}
			if e.Version == "" {
				e.Version = strings.TrimSpace(n.PublicationDate)
			}
		}
		l.Entries = append(l.Entries, e)
	})
	if err != nil {
		return listing{}, malformed("sitemap: %v", err)
	}
	return capEntries(l, lim), nil
}

func parseSitemapIndex(base *url.URL, b []byte, lim listingLimits) (listing, error) {
	l := listing{Kind: store.WatchSitemapIndex}
	type sitemap struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	}
	err := eachElement(b, "sitemap", func(s *sitemap) {
		loc := resolve(base, s.Loc)
		if loc == "" {
			l.Dropped++
			return
		}
		l.Children = append(l.Children, child{URL: loc, Lastmod: strings.TrimSpace(s.Lastmod), when: parseTime(s.Lastmod)})
	})
	if err != nil {
		return listing{}, malformed("sitemap index: %v", err)
	}
	// Keep the most recently modified sitemaps: a news watcher follows
	// what changes, not a site's archive.
	slices.SortStableFunc(l.Children, func(a, b child) int { return b.when.Compare(a.when) })
	l.Children = slices.CompactFunc(l.Children, func(a, b child) bool { return a.URL == b.URL })
	if len(l.Children) > lim.MaxChildren {
		l.Dropped += len(l.Children) - lim.MaxChildren
		l.Children = l.Children[:lim.MaxChildren]
	}
	return l, nil
}

func parseFeed(base *url.URL, b []byte, lim listingLimits) (listing, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		return listing{}, malformed("not a readable RSS, Atom or JSON feed: %v", err)
	}
	l := listing{Kind: store.WatchFeed}
	site := strings.TrimSpace(f.Title)
	lang := language(f.Language)
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		link := resolve(base, it.Link)
		e := entry{Link: link, Title: strings.TrimSpace(it.Title), Site: site, Language: lang}
		if t := it.PublishedParsed; t != nil {
			e.when = t.UTC()
		} else if t := it.UpdatedParsed; t != nil {
			e.when = t.UTC()
		}
		if !e.when.IsZero() {
			e.Published = e.when.Format(time.RFC3339)
		}
		if t := it.UpdatedParsed; t != nil {
			e.Version = t.UTC().Format(time.RFC3339)
		}
		content := strings.TrimSpace(it.Content)
		switch {
		case content != "":
			// The feed carries the article: no fetch needed.
			e.Body = content
		case link != "":
			e.URL = link
		case strings.TrimSpace(it.Description) != "":
			e.Body = it.Description
		default:
			l.Dropped++
			continue
		}
		switch {
		case link != "":
			e.Key = link
		case strings.TrimSpace(it.GUID) != "":
			e.Key = base.String() + "#guid=" + strings.TrimSpace(it.GUID)
		default:
			// Neither link nor id: the entry is known by what it says.
			sum := sha256.Sum256([]byte(e.Title + "\x00" + e.Body))
			e.Key = base.String() + "#entry=" + hex.EncodeToString(sum[:8])
		}
		l.Entries = append(l.Entries, e)
	}
	return capEntries(l, lim), nil
}

func parseURLList(b []byte, lim listingLimits) (listing, error) {
	if !isText(b) {
		return listing{}, malformed("binary content, not a feed, sitemap or URL list")
	}
	l := listing{Kind: store.WatchURLList}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 4096), lim.MaxLineBytes)
	lines, bad := 0, 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lines++
		// GDELT-style lists carry a URL as the last field of a line.
		fields := strings.Fields(line)
		u := resolveAbsolute(fields[len(fields)-1])
		if u == "" {
			bad++
			continue
		}
		l.Entries = append(l.Entries, entry{Key: u, Link: u, URL: u})
	}
	if err := sc.Err(); err != nil {
		return listing{}, malformed("URL list: %v", err)
	}
	if lines > 0 && len(l.Entries) == 0 {
		return listing{}, malformed("not a feed, sitemap or URL list (no line holds an http(s) URL)")
	}
	l.Dropped = bad
	return capEntries(l, lim), nil
}

// resolveAbsolute accepts only absolute http(s) URLs: a plain list has no
// markup to tell a relative link from a word.
func resolveAbsolute(s string) string {
	if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
		return ""
	}
	u, err := CheckURL(s)
	if err != nil {
		return ""
	}
	return u
}

// isText reports whether b looks like text (no NUL bytes in its start).
func isText(b []byte) bool {
	return bytes.IndexByte(b[:min(len(b), 4096)], 0) < 0
}

// capEntries drops repeated keys (the first wins), orders the entries
// newest first and keeps at most lim.MaxEntries.
func capEntries(l listing, lim listingLimits) listing {
	seen := make(map[string]bool, len(l.Entries))
	kept := l.Entries[:0]
	for _, e := range l.Entries {
		if seen[e.Key] {
			l.Dropped++
			continue
		}
		seen[e.Key] = true
		kept = append(kept, e)
	}
	l.Entries = kept
	newestFirst(l.Entries)
	if len(l.Entries) > lim.MaxEntries {
		l.Dropped += len(l.Entries) - lim.MaxEntries
		l.Entries = l.Entries[:lim.MaxEntries]
	}
	return l
}

// language reduces a language tag ("en-us") to ISO 639-1 ("en").
func language(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 {
		return ""
	}
	return tag
}

// newerVersion reports whether an entry listed with version listed is a
// new version of the one stored with stored: a later time when both parse,
// any different value otherwise. An entry listed without a version is
// never new again.
func newerVersion(stored, listed string) bool {
	if listed == "" || listed == stored {
		return false
	}
	ts, tl := parseTime(stored), parseTime(listed)
	if !ts.IsZero() && !tl.IsZero() {
		return tl.After(ts)
	}
	return true
}
