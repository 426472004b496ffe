// Package extract turns a raw crosscheck.Document (an HTML page or scraped
// plain text) into a clean crosscheck.Article: the main text in paragraphs,
// the page metadata, and every piece of boilerplate it removed with the
// reason.
//
// HTML goes through go-trafilatura for the main content, then both paths
// run the same paragraph cleaner driven by the embedded lexicon
// data/boilerplate.tsv. The cleaner only removes short paragraphs that
// match a rule, repeated headlines and doubled lines, so body text survives.
package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
	"github.com/crosscheck/crosscheck"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	xunicode "golang.org/x/text/encoding/unicode"
)

// DefaultMaxBytes is the input size cap used when Options.MaxBytes is 0.
const DefaultMaxBytes = 10 << 20

// Options tunes Article. The zero value is ready to use.
type Options struct {
	// MaxBytes caps the input size; 0 means DefaultMaxBytes (10 MiB).
	// Larger input fails with ETOOLARGE.
	MaxBytes int64
	// Rules is the boilerplate lexicon; nil means DefaultRules().
	Rules *Rules
}

// Article turns a raw Document into a clean Article. It sniffs HTML or
// plain text from the content (not the name or content type), extracts the
// main text and metadata, removes boilerplate (each removal listed in
// Article.Boilerplate with its reason), detects the title and fills
// Article.ID with crosscheck.ArticleID(canonical URL, text).
//
// Text paragraphs are separated by exactly one blank line, with no leading or
// trailing space. The title is not part of Text: in plain text a
// headline-like first line becomes the title and is listed in Boilerplate
// with reason "title", and copies of the headline go as "duplicate-title";
// only a text that is nothing but its headline keeps it as Text too.
// Plain text without a headline line gets no title (unless Document.Title
// gives one): the caller names it, from the file name for instance.
// Document hints fill fields extraction leaves empty, except Published and
// Site, where the user's hint wins. Byline and Published also come from a
// removed byline or dateline line when nothing else gives them.
//
// Errors are *crosscheck.Error: ETOOLARGE over the size cap, EBINARY for
// binary input (NUL bytes, many control characters, or the magic number of
// a known binary format), EEMPTY when no text is left. Invalid UTF-8 is
// repaired with U+FFFD and reported in Article.Warnings.
func Article(doc crosscheck.Document, opt Options) (crosscheck.Article, error) {
	limit := opt.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if int64(len(doc.Body)) > limit {
		return crosscheck.Article{}, crosscheck.Errorf(crosscheck.ETOOLARGE,
			"extract: input is %d bytes, over the %d byte limit", len(doc.Body), limit)
	}
	rules := opt.Rules
	if rules == nil {
		var err error
		if rules, err = DefaultRules(); err != nil {
			return crosscheck.Article{}, &crosscheck.Error{Code: crosscheck.EINTERNAL, Message: "extract: boilerplate rules", Err: err}
		}
	}
	body, warnings, err := decode(doc.Body, doc.ContentType)
	if err != nil {
		return crosscheck.Article{}, err
	}
	if strings.TrimSpace(body) == "" {
		return crosscheck.Article{}, crosscheck.Errorf(crosscheck.EEMPTY, "extract: input is empty")
	}

	var a crosscheck.Article
	var c cleaned
	if isHTML(body) {
		hr := readHTML(body, doc.URL)
		warnings = append(warnings, hr.warnings...)
		title := hr.title
		if title == "" {
			title = normalizeSpace(doc.Title)
		}
		c = cleanParas(hr.paras, title, cleanMode{anchors: hr.anchors}, rules)
		a.Title = c.title
		a.Byline = crosscheck.NullString(hr.byline)
		a.Site = crosscheck.NullString(hr.site)
		a.Section = crosscheck.NullString(hr.section)
		a.Published = crosscheck.NullString(hr.published)
		a.Language = hr.language
		a.URL = crosscheck.NullString(hr.url)
	} else {
		c = cleanText(body, normalizeSpace(doc.Title), rules)
		a.Title = c.title
	}
	if len(c.paras) == 0 {
		return crosscheck.Article{}, crosscheck.Errorf(crosscheck.EEMPTY, "extract: no article text left after removing boilerplate")
	}
	a.Text = joinParas(c.paras)
	a.Boilerplate = c.removed
	if a.Boilerplate == nil {
		a.Boilerplate = []crosscheck.Removed{}
	}

	// Hints: fill what extraction left empty; the user's Published and Site win.
	if a.URL == "" {
		a.URL = crosscheck.NullString(absURL(doc.URL, ""))
	}
	if s := normalizeSpace(doc.Site); s != "" {
		a.Site = crosscheck.NullString(s)
	}
	if p := strings.TrimSpace(doc.Published); p != "" {
		if t, hasTime, ok := parseTime(p); ok {
			a.Published = crosscheck.NullString(formatTime(t, hasTime))
		} else {
			a.Published = crosscheck.NullString(normalizeSpace(p))
			warnings = append(warnings, fmt.Sprintf("published hint %q is not YYYY-MM-DD or RFC 3339", p))
		}
	}
	if a.Section == "" {
		if s := normalizeSpace(doc.Section); s != "" {
			a.Section = crosscheck.NullString(s)
		} else {
			a.Section = crosscheck.NullString(c.section)
		}
	}
	if l := langCode(doc.Language); l != "" && a.Language == "" {
		a.Language = l
	}
	if a.Language == "" {
		a.Language = rules.guessLanguage(a.Text)
	}
	if a.Title == "" {
		a.Title = normalizeSpace(doc.Title)
	}
	if a.Title == "" {
		a.Title = normalizeSpace(doc.TitleFallback)
	}
	if a.Site == "" {
		a.Site = crosscheck.NullString(urlSite(string(a.URL)))
	}
	if a.Site == "" {
		a.Site = crosscheck.NullString(normalizeSpace(doc.SiteFallback))
	}
	if a.Byline == "" {
		a.Byline = crosscheck.NullString(bylineFrom(a.Boilerplate))
	}
	if a.Published == "" {
		a.Published = crosscheck.NullString(datelineDate(a.Boilerplate))
	}
	a.ID = crosscheck.ArticleID(string(a.URL), a.Text)
	a.Warnings = warnings
	return a, nil
}

// bylineFrom returns the author named by the first removed byline line
// ("By Jane Doe | Reuters" gives "Jane Doe"), or "".
func bylineFrom(removed []crosscheck.Removed) string {
	for _, r := range removed {
		if r.Reason != "byline" {
			continue
		}
		s := r.Text
		for _, p := range [...]string{"written by ", "words by ", "story by ", "reporting by ", "by "} {
			if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
				s = s[len(p):]
				break
			}
		}
		if i := strings.IndexAny(s, "|/–"); i > 0 {
			s = s[:i]
		}
		return strings.TrimRight(strings.TrimSpace(s), ",-")
	}
	return ""
}

// datelineRE finds a written date in a dateline: "12 March 2025",
// "March 12, 2025" or "2025-03-12".
var datelineRE = regexp.MustCompile(`(?i)\b(\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})\b`)

// datelineDate returns, as YYYY-MM-DD, the date of the first removed
// dateline that holds one, or "".
func datelineDate(removed []crosscheck.Removed) string {
	for _, r := range removed {
		if r.Reason != "dateline" {
			continue
		}
		m := datelineRE.FindString(r.Text)
		if m == "" {
			continue
		}
		m = strings.ReplaceAll(strings.ReplaceAll(m, ",", ""), ".", "")
		for _, layout := range [...]string{"2 January 2006", "2 Jan 2006", "January 2 2006", "Jan 2 2006", time.DateOnly} {
			if t, err := time.Parse(layout, m); err == nil {
				return t.Format(time.DateOnly)
			}
		}
	}
	return ""
}

// cleanText is the text path: paragraphs of scraper output, cleaned. title
// is the headline hint, "" to detect it.
func cleanText(body, title string, rules *Rules) cleaned {
	return cleanParas(textParas(body), title, cleanMode{findTitle: true, dedupe: true}, rules)
}

// langSample is how much text language detection reads: enough for the
// trigram model to be reliable, little enough to keep the text path fast.
const langSample = 1000

// guessLanguage returns the ISO 639-1 code of text's language, or "" when
// unsure. If at least a fifth of the first 120 words are function words of
// one language, that language wins at once; otherwise the trigram detector
// decides. It is the same whatlanggo fork that trafilatura uses for HTML,
// so the binary carries one model.
func (r *Rules) guessLanguage(text string) string {
	if len(r.stop) > 0 {
		counts := map[string]int{}
		words := 0
		for w := range strings.FieldsFuncSeq(text[:min(len(text), 1500)], func(c rune) bool {
			return !unicode.IsLetter(c)
		}) {
			words++
			if l, ok := stopLang(r.stop, w); ok {
				counts[l]++
			}
			if words == 120 {
				break
			}
		}
		best, bestN := "", 0
		for l, n := range counts {
			if n > bestN || n == bestN && l < best {
				best, bestN = l, n
			}
		}
		if words >= 20 && bestN*5 >= words {
			return best
		}
	}
	return detectLanguage(text)
}

// detectLanguage runs the trigram detector on the start of text and
// returns "" when it is not confident.
func detectLanguage(text string) string {
	if len(text) > langSample {
		cut := langSample
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	info := whatlanggo.Detect(text)
	if !info.IsReliable() {
		return ""
	}
	return info.Lang.Iso6391()
}

// sniffLen is how much of the input the sniffers look at.
const sniffLen = 8 << 10

// decode checks that body is text and returns it as valid UTF-8. UTF-16
// with a byte order mark and charsets declared by HTML are converted;
// invalid UTF-8 is repaired with U+FFFD and a warning.
func decode(body []byte, contentType string) (string, []string, error) {
	var warnings []string
	if len(body) >= 2 && (body[0] == 0xFF && body[1] == 0xFE || body[0] == 0xFE && body[1] == 0xFF) {
		// UTF-16 is full of NUL bytes; convert before the binary check.
		out, err := xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewDecoder().Bytes(body)
		if err != nil {
			return "", nil, &crosscheck.Error{Code: crosscheck.EBINARY, Message: "extract: bad UTF-16 input", Err: err}
		}
		body = out
		warnings = append(warnings, "input was UTF-16, converted to UTF-8")
	}
	if kind := binaryKind(body); kind != "" {
		return "", nil, crosscheck.Errorf(crosscheck.EBINARY, "extract: input is binary (%s), not text or HTML", kind)
	}
	body = bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF"))
	if utf8.Valid(body) {
		return string(body), warnings, nil
	}
	// Not UTF-8: trust a declared charset (Content-Type or <meta charset>)
	// when there is one, else repair.
	if enc, name := declaredCharset(body, contentType); enc != nil {
		if out, err := enc.NewDecoder().Bytes(body); err == nil && utf8.Valid(out) {
			return string(out), append(warnings, "input decoded from "+name), nil
		}
	}
	n := 0
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size == 1 {
			n++
		}
		i += size
	}
	warnings = append(warnings, fmt.Sprintf("input had %d invalid UTF-8 bytes, replaced with U+FFFD", n))
	return strings.ToValidUTF8(string(body), "\uFFFD"), warnings, nil
}

// declaredCharset returns the encoding a document declares for itself, or
// nil when it declares none or declares UTF-8.
func declaredCharset(body []byte, contentType string) (encoding.Encoding, string) {
	head := body[:min(len(body), 1024)]
	lower := bytes.ToLower(head)
	if !strings.Contains(strings.ToLower(contentType), "charset") && !bytes.Contains(lower, []byte("charset")) {
		return nil, ""
	}
	enc, name, _ := charset.DetermineEncoding(body, contentType)
	if enc == nil || name == "utf-8" {
		return nil, ""
	}
	return enc, name
}

// binaryKind names the binary format of b, or returns "" for text. It looks
// for known magic numbers, NUL bytes, and a high share of control bytes in
// the first 8 KiB.
func binaryKind(b []byte) string {
	magics := [...]struct{ magic, name string }{
		{"%PDF", "PDF"}, {"\x89PNG", "PNG"}, {"GIF8", "GIF"}, {"\xFF\xD8\xFF", "JPEG"},
		{"\x1F\x8B", "gzip"}, {"PK\x03\x04", "zip"}, {"\x7FELF", "ELF"}, {"BZh", "bzip2"},
		{"\xFD7zXZ\x00", "xz"}, {"7z\xBC\xAF\x27\x1C", "7z"}, {"Rar!", "rar"},
		{"\x28\xB5\x2F\xFD", "zstd"}, {"OggS", "Ogg"}, {"ID3", "MP3"}, {"\x00asm", "wasm"},
		{"\xD0\xCF\x11\xE0", "OLE (doc/xls)"}, {"RIFF", "RIFF (wav/webp/avi)"}, {"wOFF", "WOFF"},
		{"wOF2", "WOFF2"}, {"SQLite format 3\x00", "SQLite"}, {"\xCA\xFE\xBA\xBE", "Mach-O/class"},
		{"MZ", "Windows executable"},
	}
	for _, m := range magics {
		if bytes.HasPrefix(b, []byte(m.magic)) {
			if m.name == "Windows executable" && !bytes.Contains(b[:min(len(b), 512)], []byte("This program")) {
				continue // "MZ" alone is too common a start of a text
			}
			if m.name == "MP3" && len(b) > 3 && b[3] > 5 {
				continue // "ID3" followed by text, not a tag version
			}
			return m.name
		}
	}
	head := b[:min(len(b), sniffLen)]
	if bytes.IndexByte(head, 0) >= 0 {
		return "NUL bytes"
	}
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1b || c == 0x7f {
			ctl++
		}
	}
	if len(head) > 0 && ctl*10 > len(head) {
		return "control characters"
	}
	return ""
}

// isHTML reports whether s is an HTML page or fragment: it starts with a
// tag, doctype or comment, or its head holds several common HTML tags.
func isHTML(s string) bool {
	head := s[:min(len(s), sniffLen)]
	if strings.IndexByte(head, '<') < 0 {
		return false
	}
	t := strings.TrimLeft(head, " \t\r\n\f\v")
	lower := asciiLower(t[:min(len(t), 512)])
	for _, p := range [...]string{"<!doctype html", "<html", "<head", "<body", "<?xml", "<!--", "<meta", "<title", "<article", "<div", "<p>", "<p ", "<h1", "<section", "<main", "<script", "<style", "<link", "<table", "<span", "<ul", "<br"} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	// Text that merely mentions a tag is still text: ask for several tags.
	lower = asciiLower(head)
	n := 0
	for _, tag := range [...]string{"<p>", "<p ", "</p>", "<div", "</div>", "<br", "<a href", "</a>", "<span", "<li>", "</li>", "<h1", "<h2", "<script", "<body"} {
		n += strings.Count(lower, tag)
		if n >= 4 {
			return true
		}
	}
	return false
}

// urlSite names a site by its URL's host ("www.bbc.co.uk" → "bbc.co.uk"),
// for articles whose page and hints name none.
func urlSite(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}
