package source

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
)

// Compiled once; read-only.
var (
	leadingStamp = regexp.MustCompile(`^(?:\d{8}T\d{6}Z|\d{4}-\d{2}-\d{2}(?:T\d{2}[:-]?\d{2}(?:[:-]?\d{2})?Z?)?|\d{8})[-_ .]*`)
	hashLike     = regexp.MustCompile(`^(?:[0-9a-z]*\d[0-9a-z]*[a-z][0-9a-z]*|\d+)$`)
)

// genericFolders are folder names that say nothing about where articles
// come from; a site is named after the nearest folder above them.
var genericFolders = map[string]bool{
	"articles": true, "article": true, "texts": true, "text": true, "txt": true, "html": true, "htm": true,
	"data": true, "docs": true, "documents": true, "files": true, "input": true, "inputs": true, "corpus": true,
	"raw": true, "pages": true, "news": true, "sources": true, "downloads": true, "tmp": true, "temp": true,
	"examples": true, "samples": true, "items": true, "content": true, "src": true, ".": true, "": true,
}

// docExtensions are the extensions a humanised file name drops.
var docExtensions = map[string]bool{".txt": true, ".text": true, ".md": true, ".html": true, ".htm": true, ".xhtml": true, ".gz": true}

// fallbacks fills a document file's made-up title and site, used only when
// extraction and hints find none (crosscheck.Document.TitleFallback): the
// file name humanised ("kursk-tampa-free-press.txt" → "Kursk tampa free
// press"), or, when the name is only dates, codes and hashes (as scrapers
// name files: "20220125T090000Z_GB_en_7d015e6984.txt"), the first sentence
// of a plain text; and the folder it lies in, skipping generic names such as
// "articles".
func fallbacks(p string, doc *crosscheck.Document) {
	if doc.TitleFallback == "" {
		doc.TitleFallback = humanName(filepath.Base(p))
		if doc.TitleFallback == "" && !looksHTML(doc.Body) {
			doc.TitleFallback = firstSentence(doc.Body, 90)
		}
	}
	if doc.SiteFallback == "" {
		doc.SiteFallback = folderSite(p)
	}
}

// TextTitle is the title fallback of a document that has no file name (an
// article posted to the API): the first prose sentence of a plain text, ""
// for HTML (whose <title> serves).
func TextTitle(body []byte) string {
	if looksHTML(body) {
		return ""
	}
	return firstSentence(body, 90)
}

// humanName turns a file name into a title, "" when it carries no words.
func humanName(name string) string {
	for {
		ext := strings.ToLower(filepath.Ext(name))
		if !docExtensions[ext] {
			break
		}
		name = name[:len(name)-len(ext)]
	}
	name = leadingStamp.ReplaceAllString(name, "")
	var words []string
	real := 0
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == '_' || r == '-' || r == '.' || r == '+' || unicode.IsSpace(r) }) {
		lw := strings.ToLower(w)
		if hashLike.MatchString(lw) && !(len(w) == 4 && isYear(w)) {
			continue
		}
		words = append(words, w)
		if utf8.RuneCountInString(w) >= 3 {
			real++
		}
	}
	if real < 2 {
		return ""
	}
	s := strings.Join(words, " ")
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func isYear(w string) bool { return w >= "1900" && w <= "2099" }

// looksHTML reports whether a body starts like markup.
func looksHTML(body []byte) bool {
	b := bytes.TrimLeft(body, "\ufeff \t\r\n")
	return len(b) > 0 && b[0] == '<'
}

// firstSentence is the first sentence of the first non-empty line of a
// plain text, cut at a word boundary to at most n characters.
func firstSentence(body []byte, n int) string {
	text := strings.ToValidUTF8(string(body[:min(len(body), 8192)]), "")
	// The first line that reads like prose (ten words or more, ending a
	// sentence) rather than a scraper's leftovers ("NEW You can now listen
	// to …", "Home » World"); else the first line.
	var line, first string
	for l := range strings.SplitSeq(text, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if first == "" {
			first = l
		}
		if last, _ := utf8.DecodeLastRuneInString(l); len(strings.Fields(l)) >= 10 && strings.ContainsRune(".!?\"”’", last) {
			line = l
			break
		}
	}
	if line == "" {
		line = first
	}
	line = strings.Join(strings.Fields(line), " ")
	for i, r := range line {
		if (r == '.' || r == '!' || r == '?') && i > 20 && (i+1 == len(line) || line[i+1] == ' ') {
			line = line[:i]
			break
		}
	}
	if utf8.RuneCountInString(line) <= n {
		return line
	}
	rs := []rune(line)[:n]
	cut := len(rs)
	for i := len(rs) - 1; i > n/2; i-- {
		if unicode.IsSpace(rs[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(string(rs[:cut]), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
}

// folderSite names the site of a file after its folder, or the nearest
// folder above a generic one ("…/ukraine-war/articles/x.txt" → "ukraine-war").
func folderSite(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		abs = p
	}
	dir := filepath.Dir(abs)
	for i := 0; i < 4; i++ {
		base := filepath.Base(dir)
		if !genericFolders[strings.ToLower(base)] && base != string(filepath.Separator) {
			return base
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return ""
}
