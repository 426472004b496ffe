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
		return rec, crosscheck.Document{}, &crosscheck.Error{Code: crosscheck.EINVALID, Message: "not a JSON object", Err: err}
	}
	if _, err := dec.Token(); err != io.EOF {
		return rec, crosscheck.Document{}, crosscheck.Errorf(crosscheck.EINVALID, "trailing data after the JSON object")
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
			doc, err = w.jsonPath(key, dir, *rec.Path, doc)
		}
		if err != nil {
			var ce *crosscheck.Error
			if errors.As(err, &ce) && !strings.HasPrefix(ce.Message, "source:") {
				ce.Message = "source: " + key + ": " + ce.Message
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
// JSON Lines file, and fills doc's body with it.
func (w *walker) jsonPath(key, dir, rel string, doc crosscheck.Document) (crosscheck.Document, error) {
	p := rel
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, filepath.FromSlash(rel))
	}
	fi, err := os.Stat(p)
	if err != nil {
		code := crosscheck.EINVALID
		if os.IsNotExist(err) {
			code = crosscheck.ENOTFOUND
		}
		return doc, &crosscheck.Error{Code: code, Message: fmt.Sprintf("source: %s: path %q", key, rel), Err: err}
	}
	if fi.IsDir() {
		return doc, crosscheck.Errorf(crosscheck.EINVALID, "source: %s: path %q is a directory", key, rel)
	}
	body, err := readDocument(p, fi, w.opt.MaxBytes)
	if err != nil {
		return doc, err
	}
	doc.Body, doc.ContentType = body.Body, body.ContentType
	return doc, nil
}
