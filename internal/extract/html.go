package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlResult is what the HTML path reads out of a page before cleaning.
type htmlResult struct {
	paras     []string
	title     string
	byline    string
	site      string
	section   string
	published string // RFC 3339 or YYYY-MM-DD
	language  string
	url       string // canonical URL, absolute http(s), or ""
	anchors   string // normKey of every link text, each between '|'
	warnings  []string
}

// errLibraryPanic marks a panic inside trafilatura, turned into an error so
// that one odd page cannot bring down an ingest run.
var errLibraryPanic = errors.New("trafilatura panicked")

// safeExtract runs trafilatura and converts a panic into an error; the
// caller then falls back to the simple walker.
func safeExtract(doc *html.Node, opts trafilatura.Options) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("extract: %w: %v; used the simple extractor", errLibraryPanic, p)
		}
	}()
	return trafilatura.ExtractDocument(doc, opts)
}

// maxTreeNodes bounds the element count handed to trafilatura; pages over
// it are read by the simple walker instead, which is linear.
const maxTreeNodes = 200_000

// readHTML parses page and extracts its main text as paragraphs plus the
// page metadata. pageURL is the document's URL hint, used to resolve a
// relative canonical link.
func readHTML(page string, pageURL string) htmlResult {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		// html.Parse only fails on reader errors, impossible on a string.
		return htmlResult{}
	}
	var hr htmlResult
	meta := scanMeta(doc)
	opts := trafilatura.Options{
		ExcludeComments: true,
		EnableFallback:  false,
		HtmlDateMode:    trafilatura.Fast,
	}
	if base, err := url.Parse(pageURL); err == nil && base.IsAbs() {
		opts.OriginalURL = base
	}
	if !meta.published.IsZero() {
		// We already have the publication time from the page's own metadata:
		// skip htmldate's scan of the whole document.
		opts.HtmlDateOverride = &htmldate.Result{DateTime: meta.published, HasTime: meta.hasTime}
	}
	var res *trafilatura.ExtractResult
	if meta.nodes <= maxTreeNodes {
		res, err = safeExtract(doc, opts)
		if err != nil && errors.Is(err, errLibraryPanic) {
			hr.warnings = append(hr.warnings, err.Error())
		}
	}
	if err == nil && res != nil {
		// Under trafilatura's MinExtractedSize (250 characters) it falls back
		// to a baseline that repeats text (each <p>, then all of them joined);
		// our own walker reads such short pages better.
		if utf8.RuneCountInString(res.ContentText) >= 250 {
			hr.paras = blockParas(res.ContentNode, nil, true)
		}
		md := res.Metadata
		hr.title = normalizeSpace(md.Title)
		hr.byline = normalizeSpace(md.Author)
		hr.site = normalizeSpace(md.Sitename)
		hr.language = md.Language
		hr.url = absURL(md.URL, pageURL)
		if len(md.Categories) > 0 {
			hr.section = normalizeSpace(md.Categories[0])
		}
		if !md.Date.IsZero() && meta.published.IsZero() {
			hr.published = md.Date.Format(time.DateOnly)
		}
	}
	if len(hr.paras) == 0 {
		// trafilatura gives up on short pages ("not long enough"); a page
		// with one real paragraph is still an article to us.
		hr.paras = blockParas(findBody(doc), chromeTag, false)
	}
	if hr.title == "" {
		hr.title = meta.title
	}
	hr.anchors = meta.anchors.String()
	if hr.section == "" {
		hr.section = meta.section
	}
	if hr.url == "" {
		hr.url = absURL(meta.canonical, pageURL)
	}
	if hr.language == "" {
		hr.language = meta.lang
	}
	if !meta.published.IsZero() {
		hr.published = formatTime(meta.published, meta.hasTime)
	}
	return hr
}

// chromeTag reports elements whose text is never article text, for the
// simple walker used when trafilatura finds nothing.
func chromeTag(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math,
		atom.Iframe, atom.Object, atom.Nav, atom.Header, atom.Footer, atom.Aside,
		atom.Form, atom.Button, atom.Select, atom.Textarea, atom.Head, atom.Title:
		return true
	}
	return false
}

// blockTag reports elements that start a new paragraph. Text directly inside
// any of them (a div with text and no <p>) is a paragraph too.
func blockTag(a atom.Atom) bool {
	switch a {
	case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li,
		atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd, atom.Blockquote, atom.Pre,
		atom.Div, atom.Section, atom.Article, atom.Main, atom.Body, atom.Table,
		atom.Tr, atom.Figure, atom.Figcaption, atom.Header, atom.Footer, atom.Aside,
		atom.Nav, atom.Address, atom.Hr, atom.Br, atom.Center, atom.Details,
		atom.Summary, atom.Caption, atom.Tbody, atom.Thead, atom.Tfoot, atom.Form,
		atom.Fieldset, atom.Legend, atom.Html:
		return true
	}
	return false
}

// blockParas walks root and returns one normalized paragraph per block of
// text. Table cells on one row are joined with a space. skip, if not nil,
// names elements to leave out. The walk uses an explicit stack, so deeply
// nested junk cannot overflow the goroutine stack.
//
// trimmed says the tree comes from trafilatura, whose text nodes are
// trimmed: as trafilatura's own text output does, a space is put between
// text nodes at different depths ("ahead of<b>Adarius</b>" would glue).
func blockParas(root *html.Node, skip func(atom.Atom) bool, trimmed bool) []string {
	if root == nil {
		return nil
	}
	var paras []string
	var buf strings.Builder
	// trafilatura repeats the text after a <br> as a paragraph of its own
	// ("<p>A<br/>B</p><p>B</p>"); brTail remembers such a B to skip the copy.
	brTail, afterBr := "", false
	flush := func() {
		if buf.Len() == 0 {
			return
		}
		p := normalizeSpace(buf.String())
		buf.Reset()
		if p == "" {
			return
		}
		if trimmed && p == brTail && len(paras) > 0 && paras[len(paras)-1] == brTail {
			brTail = ""
			return
		}
		paras = append(paras, p)
		brTail = ""
		if afterBr {
			brTail = p
		}
	}
	type frame struct {
		n     *html.Node
		depth int
		exit  bool // leaving a block: end the paragraph
		space bool // leaving a cell: separate it from the next
	}
	stack := []frame{{n: root}}
	lastDepth := -1
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.exit {
			flush()
			continue
		}
		if f.space {
			buf.WriteByte(' ')
			continue
		}
		switch n.Type {
		case html.TextNode:
			if trimmed && f.depth != lastDepth {
				buf.WriteByte(' ')
			}
			lastDepth = f.depth
			buf.WriteString(n.Data)
			continue
		case html.ElementNode:
			a := n.DataAtom
			if a == 0 {
				// trafilatura builds its output tree with Data set and
				// DataAtom left zero.
				a = atom.Lookup([]byte(n.Data))
			}
			if skip != nil && skip(a) {
				continue
			}
			if a == atom.Td || a == atom.Th || a == atom.Dt || a == atom.Dd {
				buf.WriteByte(' ')
				stack = append(stack, frame{n: n, space: true})
			}
			if n.Data == "head" || a == atom.Script || a == atom.Style {
				continue
			}
			if blockTag(a) {
				flush()
				afterBr = a == atom.Br
				stack = append(stack, frame{n: n, exit: true})
			}
		case html.DocumentNode:
		default:
			continue
		}
		// Push children in reverse so the first child is handled first.
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{n: c, depth: f.depth + 1})
		}
	}
	flush()
	return paras
}

func findBody(doc *html.Node) *html.Node {
	stack := []*html.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return n
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return doc
}

// pageMeta is what scanMeta reads from a page's own metadata.
type pageMeta struct {
	published time.Time
	hasTime   bool
	title     string // <title> or the first <h1>, for pages trafilatura skips
	section   string
	canonical string
	lang      string
	nodes     int
	anchors   strings.Builder
}

// publishedRank ranks meta names and properties that hold the publication
// time, 1 best; 0 means the key holds no publication time.
func publishedRank(key string) int {
	switch key {
	case "article:published_time", "og:article:published_time":
		return 1
	case "datepublished":
		return 2
	case "parsely-pub-date":
		return 3
	case "sailthru.date", "publish-date", "publishdate", "pubdate":
		return 4
	case "dc.date.issued", "dcterms.created":
		return 5
	case "dc.date":
		return 6
	case "date":
		return 7
	}
	return 0
}

// scanMeta walks the page once for the publication time (meta tags and
// JSON-LD datePublished keep the time of day, which htmldate drops),
// section, canonical link, language and a title fallback.
func scanMeta(doc *html.Node) *pageMeta {
	m := new(pageMeta)
	best := 100
	var h1 string
	stack := []*html.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode {
			m.nodes++
			switch n.DataAtom {
			case atom.Html:
				if m.lang == "" {
					m.lang = langCode(attr(n, "lang"))
				}
			case atom.Meta:
				key := strings.ToLower(attr(n, "property"))
				if key == "" {
					key = strings.ToLower(attr(n, "name"))
				}
				if key == "" {
					key = strings.ToLower(attr(n, "itemprop"))
				}
				if rank := publishedRank(key); rank > 0 && rank < best {
					if t, hasTime, ok := parseTime(attr(n, "content")); ok {
						m.published, m.hasTime, best = t, hasTime, rank
					}
				}
				if key == "article:section" && m.section == "" {
					m.section = normalizeSpace(attr(n, "content"))
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Script:
				if best > 2 && strings.Contains(attr(n, "type"), "ld+json") && n.FirstChild != nil {
					if t, hasTime, ok := jsonLDPublished(n.FirstChild.Data); ok {
						m.published, m.hasTime, best = t, hasTime, 2
					}
				}
				continue
			case atom.Title:
				if m.title == "" && n.FirstChild != nil {
					m.title = normalizeSpace(n.FirstChild.Data)
				}
			case atom.A:
				if k := normKey(strings.Join(blockParas(n, nil, false), " ")); strings.Count(k, " ") >= 1 {
					if m.anchors.Len() == 0 {
						m.anchors.WriteByte('|')
					}
					m.anchors.WriteString(k)
					m.anchors.WriteByte('|')
				}
			case atom.H1:
				if h1 == "" {
					h1 = strings.Join(blockParas(n, nil, false), " ")
				}
			}
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	if h1 != "" {
		m.title = h1
	}
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// jsonLDPublished finds the first datePublished in a JSON-LD block.
func jsonLDPublished(s string) (time.Time, bool, bool) {
	if !strings.Contains(s, "datePublished") {
		return time.Time{}, false, false
	}
	var v any
	if err := json.NewDecoder(bytes.NewReader([]byte(s))).Decode(&v); err != nil {
		return time.Time{}, false, false
	}
	// Breadth-first with a budget, so a hostile block cannot make us walk
	// forever.
	queue := []any{v}
	for steps := 0; len(queue) > 0 && steps < 10_000; steps++ {
		x := queue[0]
		queue = queue[1:]
		switch x := x.(type) {
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok {
				if t, hasTime, ok := parseTime(s); ok {
					return t, hasTime, true
				}
			}
			for _, c := range x {
				queue = append(queue, c)
			}
		case []any:
			queue = append(queue, x...)
		}
	}
	return time.Time{}, false, false
}

// parseTime reads the usual machine-readable date formats of news pages.
// It reports whether the value carried a time of day.
func parseTime(s string) (t time.Time, hasTime, ok bool) {
	s = strings.TrimSpace(s)
	if len(s) < 8 || len(s) > 40 {
		return time.Time{}, false, false
	}
	// A plain date ("2016-01-02", what callers pass as Published) can only
	// match time.DateOnly below; parsing it at once spares the error values
	// that the other layouts allocate on every article.
	if len(s) == len(time.DateOnly) && s[4] == '-' && s[7] == '-' {
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			if t.Year() < 1900 || t.Year() > 2200 {
				return time.Time{}, false, false
			}
			return t, false, true
		}
	}
	layouts := [...]string{
		time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.000Z0700",
		"2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05", "2006-01-02T15:04", time.RFC1123Z, time.RFC1123,
		time.DateOnly, "20060102",
	}
	for i, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			if t.Year() < 1900 || t.Year() > 2200 {
				return time.Time{}, false, false
			}
			return t, i < len(layouts)-2, true
		}
	}
	return time.Time{}, false, false
}

// formatTime gives a contract date: RFC 3339 with a time, YYYY-MM-DD without.
func formatTime(t time.Time, hasTime bool) string {
	if hasTime {
		return t.Format(time.RFC3339)
	}
	return t.Format(time.DateOnly)
}

// absURL resolves u against base and returns it only if it is an absolute
// http(s) URL, without fragment and tracking parameters (utm_*, fbclid,
// gclid, mc_cid, mc_eid).
func absURL(u, base string) string {
	u = strings.TrimSpace(u)
	if u == "" {
		return ""
	}
	pu, err := url.Parse(u)
	if err != nil {
		return ""
	}
	if !pu.IsAbs() {
		b, err := url.Parse(base)
		if err != nil || !b.IsAbs() {
			return ""
		}
		pu = b.ResolveReference(pu)
	}
	if pu.Scheme != "http" && pu.Scheme != "https" || pu.Host == "" {
		return ""
	}
	// The URL names the article for its id: drop what varies between
	// copies of the same link (fragment, campaign and click trackers).
	pu.Fragment, pu.RawFragment = "", ""
	pu.Host = strings.ToLower(pu.Host)
	if pu.RawQuery != "" {
		q := pu.Query()
		dropped := false
		for k := range q {
			lk := strings.ToLower(k)
			if strings.HasPrefix(lk, "utm_") || lk == "fbclid" || lk == "gclid" || lk == "mc_cid" || lk == "mc_eid" {
				q.Del(k)
				dropped = true
			}
		}
		if dropped {
			pu.RawQuery = q.Encode()
		}
	}
	return pu.String()
}

// langCode reduces a language tag such as "en-US" to its ISO 639-1 part.
func langCode(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 || tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}
