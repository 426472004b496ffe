package watch

import (
	"strings"
	"testing"
)

// FuzzParseListing: whatever a server sends, parsing gives a listing or an
// error, never a panic, and every entry it keeps is an absolute http(s)
// URL (or a key under the source for an entry with its own content).
func FuzzParseListing(f *testing.F) {
	for _, s := range []string{
		rssFeed("https://news.example", "Kyiv Courier", bridge, izmail),
		newsSitemap("https://news.example", "Moscow Bulletin", denial, kursk),
		`<sitemapindex><sitemap><loc>/s1.xml</loc><lastmod>2025-05-12</lastmod></sitemap></sitemapindex>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="a"/><content>x</content></entry></feed>`,
		`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","url":"https://x.example/1"}]}`,
		"https://news.example/a\nhttps://news.example/b\n",
		gzipped("<urlset><url><loc>https://x.example/z</loc></url></urlset>"),
		`<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><link>https://x.example/\xe9</link></item></channel></rss>`,
		"<urlset><url><loc>https://x.example/&#0;</loc></url>",
	} {
		f.Add([]byte(s))
	}
	lim := listingLimits{MaxEntries: 50, MaxChildren: 5, MaxUnzipped: 1 << 20, MaxLineBytes: 4096}
	f.Fuzz(func(t *testing.T, body []byte) {
		const base = "https://news.example/feed.xml"
		l, err := parseListing(base, body, lim)
		if err != nil {
			return
		}
		if len(l.Entries) > lim.MaxEntries || len(l.Children) > lim.MaxChildren {
			t.Fatalf("over the caps: %d entries, %d children", len(l.Entries), len(l.Children))
		}
		seen := map[string]bool{}
		for _, e := range l.Entries {
			if seen[e.Key] {
				t.Fatalf("key %q twice", e.Key)
			}
			seen[e.Key] = true
			if e.URL == "" && e.Body == "" {
				t.Fatalf("entry with neither URL nor content: %+v", e)
			}
			if e.URL != "" {
				if _, err := CheckURL(e.URL); err != nil {
					t.Fatalf("entry URL %q: %v", e.URL, err)
				}
			} else if !strings.HasPrefix(e.Key, base+"#") && !strings.HasPrefix(e.Key, "http") {
				t.Fatalf("key %q of an inline entry", e.Key)
			}
		}
		for _, c := range l.Children {
			if _, err := CheckURL(c.URL); err != nil {
				t.Fatalf("child %q: %v", c.URL, err)
			}
		}
	})
}

// FuzzParseList: a list file gives sources with valid URLs or a clear
// error, never a panic.
func FuzzParseList(f *testing.F) {
	for _, s := range []string{"https://a.example/rss.xml\n", "# c\nhttps://b.example/s.xml 5m\n", "x y z\n", "https://a.example/ 1h\nhttp://[::1]:80/\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		srcs, err := ParseList(strings.NewReader(in), "list")
		if err != nil {
			return
		}
		for _, s := range srcs {
			if _, err := CheckURL(s.URL); err != nil || s.Interval < 0 {
				t.Fatalf("source %+v: %v", s, err)
			}
		}
	})
}
