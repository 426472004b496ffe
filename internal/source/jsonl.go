package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
)

// jsonRecord is one JSON Lines record. Exactly one of Text, HTML and Path
// gives the body; Path is relative to the JSON Lines file. Unknown fields
// are ignored so that richer exports can be read.
type jsonRecord struct {
	URL       string  `json:"url"`
	Site      string  `json:"site"`
	Section   string  `json:"section"`
	Published string  `json:"published"`
	Title     string  `json:"title"`
	Language  string  `json:"language"`
	Text      *string `json:"text"`
	HTML      *string `json:"html"`
	Path      *string `json:"path"`
}

// parseJSONLine parses and checks one JSON Lines record. It does no I/O: a
// Path record is returned with an empty body for the caller to read.
func parseJSONLine(line []byte) (jsonRecord, crosscheck.Document, error) {
	var rec jsonRecord
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&rec); err != nil {
		return rec, crosscheck.Document{}, crosscheck.Errorf(crosscheck.EINVALID, "%s", jsonProblem(err, line))
	}
	if _, err := dec.Token(); err != io.EOF {
		return rec, crosscheck.Document{}, crosscheck.Errorf(crosscheck.EINVALID, "not valid JSON: more after the object, at column %d", column(line, int(dec.InputOffset())))
	}
	n := 0
	for _, p := range []*string{rec.Text, rec.HTML, rec.Path} {
		if p != nil {
			n++
		}
	}
	if n != 1 {
		return rec, crosscheck.Document{}, crosscheck.Errorf(crosscheck.EINVALID, `want exactly one of "text", "html" and "path", got %d`, n)
	}
	if rec.URL != "" {
		u, err := url.Parse(rec.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return rec, crosscheck.Document{}, crosscheck.Errorf(crosscheck.EINVALID, `"url" %q is not an absolute http(s) URL`, clip(rec.URL, 80))
		}
	}
	if rec.Published != "" && !validDate(rec.Published) {
		return rec, crosscheck.Document{}, crosscheck.Errorf(crosscheck.EINVALID, `"published" %q is not YYYY-MM-DD or RFC 3339`, clip(rec.Published, 40))
	}
	doc := crosscheck.Document{
		URL: rec.URL, Site: rec.Site, Section: rec.Section, Title: rec.Title,
		Published: rec.Published, Language: rec.Language,
	}
	switch {
	case rec.Text != nil:
		doc.Body, doc.ContentType = []byte(*rec.Text), "text/plain; charset=utf-8"
	case rec.HTML != nil:
		doc.Body, doc.ContentType = []byte(*rec.HTML), "text/html; charset=utf-8"
	case *rec.Path == "":
		return rec, crosscheck.Document{}, crosscheck.Errorf(crosscheck.EINVALID, `"path" is empty`)
	}
	if rec.Path == nil && len(bytes.TrimSpace(doc.Body)) == 0 {
		return rec, crosscheck.Document{}, crosscheck.Errorf(crosscheck.EEMPTY, "empty body")
	}
	return rec, doc, nil
}

func validDate(s string) bool {
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// errLineTooLong is returned by readLine for a line over the cap.
var errLineTooLong = errors.New("line too long")

// readLine reads one line (without its end) of at most max bytes. A longer
// line is consumed and reported with errLineTooLong so reading can go on.
func readLine(br *bufio.Reader, max int64) ([]byte, error) {
	var line []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(chunk)) > max+2 { // +2 for CRLF
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && (err != io.EOF || (len(line) == 0 && !tooLong)) {
			return nil, err
		}
		if tooLong {
			return nil, errLineTooLong
		}
		return bytes.TrimRight(line, "\r\n"), nil
	}
}

func (w *walker) jsonl(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return w.fail(p, crosscheck.EINVALID, err, "cannot open")
	}
	defer f.Close()
	dir := filepath.Dir(p)
	br := bufio.NewReaderSize(f, 64<<10)
	for n := 1; ; n++ {
		line, err := readLine(br, w.opt.MaxBytes)
		key := p + "#line=" + strconv.Itoa(n)
		if err == io.EOF {
			return true
		}
		if err == errLineTooLong {
			if !w.fail(key, crosscheck.ETOOLARGE, nil, "line over the %d-byte limit", w.opt.MaxBytes) {
				return false
			}
			continue
		}
		if err != nil {
			return w.fail(key, crosscheck.EINVALID, err, "cannot read")
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		rec, doc, err := parseJSONLine(line)
		if err == nil && rec.Path != nil {
			doc, err = w.jsonPath(dir, *rec.Path, doc)
		}
		if err == nil && doc.SiteFallback == "" {
			doc.SiteFallback = folderSite(p)
		}
		if err != nil {
			// One line per failed item, saying where: "line 2: not valid
			// JSON: unexpected 'h' at column 1". The item's key names the
			// file; the message does not repeat it.
			var ce *crosscheck.Error
			if errors.As(err, &ce) {
				ce.Message = "line " + strconv.Itoa(n) + ": " + strings.TrimPrefix(ce.Message, "source: ")
			} else {
				err = &crosscheck.Error{Code: crosscheck.EINVALID, Message: "line " + strconv.Itoa(n), Err: err}
			}
			if !w.emit(key, crosscheck.Document{}, err) {
				return false
			}
			continue
		}
		if !w.emit(key, doc, nil) {
			return false
		}
	}
}

// jsonPath reads the file a JSON Lines record points to, relative to the
// JSON Lines file's folder dir, and fills doc's body with it. Unless
// Options.AllowPaths, the file must lie inside dir: the path is opened
// through an os.Root, which refuses "..", absolute paths and symbolic links
// that lead out of it.
func (w *walker) jsonPath(dir, rel string, doc crosscheck.Document) (crosscheck.Document, error) {
	var (
		f   *os.File
		err error
		p   = rel
	)
	if w.opt.AllowPaths {
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, filepath.FromSlash(rel))
		}
		f, err = os.Open(p)
	} else {
		if filepath.IsAbs(rel) || !filepath.IsLocal(filepath.FromSlash(rel)) {
			return doc, crosscheck.Errorf(crosscheck.EFORBIDDEN, `path %q is outside the folder of the JSON Lines file (%s); only files inside it are read unless --allow-paths is given`, clip(rel, 120), dir)
		}
		p = filepath.Join(dir, filepath.FromSlash(rel))
		var root *os.Root
		if root, err = os.OpenRoot(dir); err == nil {
			f, err = root.Open(filepath.FromSlash(rel))
			root.Close()
		}
		if err != nil && !os.IsNotExist(err) && strings.Contains(err.Error(), "escapes") {
			return doc, crosscheck.Errorf(crosscheck.EFORBIDDEN, `path %q leads outside the folder of the JSON Lines file (%s) through a symbolic link; only files inside it are read unless --allow-paths is given`, clip(rel, 120), dir)
		}
	}
	if err != nil {
		code, what := crosscheck.EINVALID, "cannot be read"
		if os.IsNotExist(err) {
			code, what = crosscheck.ENOTFOUND, "does not exist"
		}
		return doc, crosscheck.Errorf(code, "path %q %s (looked for %s)", clip(rel, 120), what, p)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return doc, crosscheck.Errorf(crosscheck.EINVALID, "path %q cannot be read: %v", clip(rel, 120), err)
	}
	if fi.IsDir() {
		return doc, crosscheck.Errorf(crosscheck.EINVALID, "path %q is a folder, not a file", clip(rel, 120))
	}
	if !fi.Mode().IsRegular() {
		return doc, crosscheck.Errorf(crosscheck.EINVALID, "path %q is not a regular file", clip(rel, 120))
	}
	if fi.Size() > w.opt.MaxBytes {
		return doc, crosscheck.Errorf(crosscheck.ETOOLARGE, "path %q: %d bytes is over the %d-byte limit", clip(rel, 120), fi.Size(), w.opt.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(f, w.opt.MaxBytes+1))
	if err != nil {
		return doc, crosscheck.Errorf(crosscheck.EINVALID, "path %q cannot be read: %v", clip(rel, 120), err)
	}
	read, err := bodyDocument("path "+strconv.Quote(clip(rel, 120)), body, contentTypeByName(p), w.opt.MaxBytes)
	if err != nil {
		return doc, err
	}
	doc.Body, doc.ContentType = read.Body, read.ContentType
	fallbacks(p, &doc)
	return doc, nil
}

// jsonProblem says in plain words what is wrong with a line that did not
// decode: where the JSON breaks, or which field has the wrong type.
func jsonProblem(err error, line []byte) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		at := int(syn.Offset)
		if at >= 1 && at <= len(line) {
			r, _ := utf8.DecodeRune(line[at-1:])
			return fmt.Sprintf("not valid JSON: unexpected %s at column %d", quoteRune(r), column(line, at-1))
		}
		return "not valid JSON: it ends too early"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "not valid JSON: it ends too early"
	case errors.As(err, &typ):
		if typ.Field == "" {
			return fmt.Sprintf("not a JSON object: the line holds %s", article(typ.Value))
		}
		return fmt.Sprintf("field %q: want %s, got %s", typ.Field, jsonKind(typ.Type.Kind().String()), typ.Value)
	}
	return "not valid JSON: " + err.Error()
}

// column is the 1-based character column of byte offset at in line.
func column(line []byte, at int) int {
	at = max(0, min(at, len(line)))
	return utf8.RuneCount(line[:at]) + 1
}

func quoteRune(r rune) string {
	if r == utf8.RuneError {
		return "an invalid byte"
	}
	if r == '\'' {
		return `"'"`
	}
	return "'" + string(r) + "'"
}

// article puts "a" or "an" before a JSON kind ("an array", "a number").
func article(kind string) string {
	if kind != "" && strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}

func jsonKind(k string) string {
	switch k {
	case "string", "ptr":
		return "a string"
	case "struct", "map":
		return "an object"
	}
	return k
}
