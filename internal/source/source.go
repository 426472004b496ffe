// Package source turns inputs into a stream of crosscheck.Documents for
// `crosscheck ingest`: single HTML or text files, directories, JSON Lines,
// CSV in the Wikinews layout, RSS/Atom feeds and WARC archives (CC-NEWS
// layout). Each document comes with a Key, a stable and unique position in
// its input, so an interrupted ingest can resume where it stopped.
//
// A bad item yields an error for that item (with its Key) and the walk goes
// on; only a cancelled context or a consumer that stops iterating ends it
// early.
package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/fetch"
)

// DefaultMaxBytes is the per-document size cap used when Options.MaxBytes is 0.
const DefaultMaxBytes = 10 << 20

// Item is one document found in an input.
type Item struct {
	// Key is the stable, unique position of the item in its input, for
	// resuming: "path" for a whole file, "path#line=12" for a JSON Lines
	// line (1-based), "path#row=3" for a CSV data row (1-based, header not
	// counted), "path#item=3" for a feed item (1-based), and
	// "path#offset=1234" for a WARC record (the byte offset of the record,
	// or of its gzip member in a .warc.gz; "&record=N" is appended for the
	// N-th further record of one member). "-" is standard input.
	Key string
	Doc crosscheck.Document
}

// Options configure Walk. The zero value is usable.
type Options struct {
	// MaxBytes caps each document: a file, a JSON Lines line, a CSV text
	// field, a feed item body, a WARC record. Over it the item yields
	// crosscheck.ETOOLARGE. A feed file may be up to 4 times larger.
	// Defaults to DefaultMaxBytes.
	MaxBytes int64
	// Fetcher downloads the page of a feed item that carries only a link.
	// When nil, such items yield crosscheck.EEMPTY.
	Fetcher *fetch.Fetcher
	// Stdin is read as one document when a path is "-". When nil, "-"
	// yields crosscheck.EINVALID.
	Stdin io.Reader
	// MaxFeedItems caps the items of one feed file: a feed with more is
	// refused whole, with ETOOLARGE. Defaults to DefaultMaxFeedItems.
	MaxFeedItems int
	// MaxInflate caps the decompressed bytes of one compressed file
	// (.warc.gz); past it the rest of the file is refused with
	// ETOOLARGE. Defaults to DefaultWARCExpansion times the file's size,
	// and at least MinWARCInflated.
	MaxInflate int64
	// AllowPaths lets a JSON Lines record's "path" name any file. By
	// default it must name a file inside the JSON Lines file's folder
	// (after resolving "..", symbolic links and absolute paths), so that a
	// JSON Lines file from elsewhere cannot read /etc/passwd.
	AllowPaths bool
}

// Walk yields every item found under paths, in order: a file is read by
// its extension (.jsonl/.ndjson, .csv, .rss/.atom/.xml, .warc, .warc.gz,
// .html/.htm/.xhtml, .txt/.text/.md) or, failing that, by sniffing its
// first bytes; a directory is walked recursively in lexical order, skipping
// names that start with a dot. Errors are yielded with the Key of the item
// (or file) they concern:
//   - ENOTFOUND for a path that does not exist;
//   - EEMPTY, EBINARY, ETOOLARGE for an empty, binary or oversized document;
//   - EINVALID for a malformed line, row, feed or record; a WARC file cut
//     short yields its complete records and then an error wrapping
//     ErrTruncated.
//
// When ctx is cancelled Walk yields ctx's error once and stops.
func Walk(ctx context.Context, paths []string, opt Options) iter.Seq2[Item, error] {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.MaxFeedItems <= 0 {
		opt.MaxFeedItems = DefaultMaxFeedItems
	}
	return func(yield func(Item, error) bool) {
		w := &walker{ctx: ctx, opt: opt, yield: yield}
		for _, p := range paths {
			if !w.path(p) {
				return
			}
		}
	}
}

// walker carries one Walk's state; every method returns false once the
// walk must stop (consumer done or ctx cancelled).
type walker struct {
	ctx   context.Context
	opt   Options
	yield func(Item, error) bool
}

func (w *walker) emit(key string, doc crosscheck.Document, err error) bool {
	if cerr := w.ctx.Err(); cerr != nil {
		w.yield(Item{Key: key}, fmt.Errorf("source: %s: %w", key, cerr))
		return false
	}
	if err != nil {
		return w.yield(Item{Key: key}, err)
	}
	return w.yield(Item{Key: key, Doc: doc}, nil)
}

// fail yields a coded error for key.
func (w *walker) fail(key, code string, err error, format string, args ...any) bool {
	return w.emit(key, crosscheck.Document{}, &crosscheck.Error{Code: code, Message: "source: " + key + ": " + fmt.Sprintf(format, args...), Err: err})
}

func (w *walker) path(p string) bool {
	if p == "-" {
		return w.stdin()
	}
	fi, err := os.Stat(p)
	if err != nil {
		code := crosscheck.EINVALID
		if os.IsNotExist(err) {
			code = crosscheck.ENOTFOUND
		}
		return w.fail(p, code, err, "cannot read")
	}
	if !fi.IsDir() {
		return w.file(p, fi)
	}
	var files []string
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			files = append(files, path) // reported when opened
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != p && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && !isMetadata(d.Name()) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return w.fail(p, crosscheck.EINVALID, err, "cannot walk directory")
	}
	sort.Strings(files) // WalkDir is lexical per directory; keep the whole list stable too
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			if !w.fail(f, crosscheck.EINVALID, err, "cannot read") {
				return false
			}
			continue
		}
		if fi.IsDir() || !fi.Mode().IsRegular() {
			continue // a symlink to a directory or a device: not followed
		}
		if !w.file(f, fi) {
			return false
		}
	}
	return true
}

// kind of file, by extension or sniffed content.
type kind int

const (
	kindDoc kind = iota
	kindJSONL
	kindCSV
	kindFeed
	kindWARC
	kindWARCGz
)

func kindByName(name string) (kind, bool) {
	n := strings.ToLower(name)
	switch {
	case strings.HasSuffix(n, ".warc.gz"):
		return kindWARCGz, true
	case strings.HasSuffix(n, ".warc"):
		return kindWARC, true
	}
	switch filepath.Ext(n) {
	case ".jsonl", ".ndjson":
		return kindJSONL, true
	case ".csv":
		return kindCSV, true
	case ".rss", ".atom", ".xml":
		return kindFeed, true
	case ".html", ".htm", ".xhtml", ".txt", ".text", ".md":
		return kindDoc, true
	}
	return kindDoc, false
}

// sniff guesses the kind of a file from its first bytes.
func sniff(head []byte) kind {
	h := bytes.TrimLeft(head, "\ufeff \t\r\n")
	switch {
	case bytes.HasPrefix(h, []byte("WARC/")):
		return kindWARC
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		if zr, err := gzip.NewReader(bytes.NewReader(head)); err == nil {
			magic := make([]byte, 5)
			if _, err := io.ReadFull(zr, magic); err == nil && string(magic) == "WARC/" {
				return kindWARCGz
			}
		}
		return kindDoc // other gzip data is reported as binary
	}
	if bytes.HasPrefix(h, []byte("<?xml")) || bytes.HasPrefix(h, []byte("<rss")) || bytes.HasPrefix(h, []byte("<feed")) || bytes.HasPrefix(h, []byte("<rdf:RDF")) {
		s := string(h)
		if strings.Contains(s, "<rss") || strings.Contains(s, "<feed") || strings.Contains(s, "<rdf:RDF") {
			return kindFeed
		}
	}
	return kindDoc
}

func (w *walker) file(p string, fi fs.FileInfo) bool {
	k, ok := kindByName(p)
	if !ok {
		f, err := os.Open(p)
		if err != nil {
			return w.fail(p, crosscheck.EINVALID, err, "cannot open")
		}
		head := make([]byte, 4096)
		n, _ := io.ReadFull(f, head)
		f.Close()
		k = sniff(head[:n])
	}
	switch k {
	case kindJSONL:
		return w.jsonl(p)
	case kindCSV:
		return w.csv(p)
	case kindFeed:
		return w.feed(p, fi)
	case kindWARC, kindWARCGz:
		return w.warc(p, k == kindWARCGz)
	}
	doc, err := readDocument(p, fi, w.opt.MaxBytes)
	if err == nil {
		err = fileHints(p, &doc)
		fallbacks(p, &doc)
	}
	return w.emit(p, doc, err)
}

// readDocument reads a whole HTML or text file as one Document.
func readDocument(p string, fi fs.FileInfo, maxBytes int64) (crosscheck.Document, error) {
	if fi.Size() > maxBytes {
		return crosscheck.Document{}, crosscheck.Errorf(crosscheck.ETOOLARGE, "source: %s: %d bytes is over the %d-byte limit", p, fi.Size(), maxBytes)
	}
	f, err := os.Open(p)
	if err != nil {
		return crosscheck.Document{}, &crosscheck.Error{Code: crosscheck.EINVALID, Message: "source: " + p + ": cannot open", Err: err}
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return crosscheck.Document{}, &crosscheck.Error{Code: crosscheck.EINVALID, Message: "source: " + p + ": cannot read", Err: err}
	}
	return bodyDocument(p, body, contentTypeByName(p), maxBytes)
}

// bodyDocument checks a document body (size, emptiness, binary content)
// and returns it with its content type, sniffed when ctype is "".
func bodyDocument(key string, body []byte, ctype string, maxBytes int64) (crosscheck.Document, error) {
	if int64(len(body)) > maxBytes {
		return crosscheck.Document{}, crosscheck.Errorf(crosscheck.ETOOLARGE, "source: %s: over the %d-byte limit", key, maxBytes)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return crosscheck.Document{}, crosscheck.Errorf(crosscheck.EEMPTY, "source: %s: empty", key)
	}
	if isBinary(body) {
		return crosscheck.Document{}, crosscheck.Errorf(crosscheck.EBINARY, "source: %s: binary content (%s), not text or HTML", key, http.DetectContentType(body))
	}
	if ctype == "" {
		ctype = http.DetectContentType(body)
	}
	return crosscheck.Document{ContentType: ctype, Body: body}, nil
}

// isBinary reports whether body looks like something other than text or
// HTML. Invalid UTF-8 alone is not binary: extraction repairs it and warns.
func isBinary(body []byte) bool {
	head := body[:min(len(body), 512)]
	if bytes.HasPrefix(head, []byte{0xFE, 0xFF}) || bytes.HasPrefix(head, []byte{0xFF, 0xFE}) {
		return false // UTF-16 with a byte-order mark
	}
	ct := http.DetectContentType(head)
	if strings.HasPrefix(ct, "text/") || strings.Contains(ct, "xml") || strings.Contains(ct, "json") {
		return bytes.IndexByte(head, 0) >= 0
	}
	return true
}

func contentTypeByName(p string) string {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".xhtml":
		return "application/xhtml+xml"
	case ".txt", ".text", ".md":
		return "text/plain; charset=utf-8"
	}
	return ""
}

func (w *walker) stdin() bool {
	if w.opt.Stdin == nil {
		return w.fail("-", crosscheck.EINVALID, nil, "standard input is not available")
	}
	body, err := io.ReadAll(io.LimitReader(w.opt.Stdin, w.opt.MaxBytes+1))
	if err != nil {
		return w.fail("-", crosscheck.EINVALID, err, "cannot read standard input")
	}
	doc, err := bodyDocument("-", body, "", w.opt.MaxBytes)
	return w.emit("-", doc, err)
}
