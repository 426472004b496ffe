package source

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck"
)

// ErrTruncated is wrapped by the error yielded when a WARC file ends in the
// middle of a record (or of a gzip member). The records before it were
// yielded normally.
var ErrTruncated = errors.New("truncated WARC record")

// ErrMalformedWARC is wrapped by the error yielded when a WARC file is not
// WARC (or is damaged so that the next record cannot be found).
var ErrMalformedWARC = errors.New("malformed WARC")

// ErrWARCLimit is wrapped by the error yielded when a WARC file breaks one
// of the reader's limits: a header over warcLimits.Header, a record over
// warcLimits.Record, or more decompressed bytes than warcLimits.Inflated
// (a decompression bomb). Over the first two the reader skips to the next
// gzip member when it can; over the last it stops reading the file.
var ErrWARCLimit = errors.New("WARC limit exceeded")

// warcLimits bound what one WARC file may make the reader hold or do.
type warcLimits struct {
	Block    int64 // documents: a block over it is skipped (TooLarge), not kept
	Header   int64 // bytes of one record's header (version line and fields)
	Record   int64 // a declared Content-Length over it is refused, not skipped through
	Inflated int64 // decompressed bytes of the whole file (compressed files only)
}

// Defaults of the WARC limits.
const (
	DefaultWARCHeaderBytes = 64 << 10
	DefaultWARCRecordBytes = 1 << 30
	// DefaultWARCExpansion: a .warc.gz may decompress to this many times
	// its size (news HTML compresses 5 to 10 times; zeros a thousand), and
	// at least to MinWARCInflated.
	DefaultWARCExpansion = 50
	MinWARCInflated      = 1 << 30
)

// errInflated is returned by inflateCounter past its limit.
var errInflated = errors.New("decompressed size over the limit")

// inflateCounter counts the decompressed bytes of a file and fails past
// its limit, so that a gzip bomb is stopped after a bounded amount of work.
type inflateCounter struct {
	r     io.Reader
	n     int64
	limit int64
}

func (c *inflateCounter) Read(p []byte) (int, error) {
	if c.n >= c.limit {
		return 0, errInflated
	}
	if int64(len(p)) > c.limit-c.n {
		p = p[:c.limit-c.n]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// recordLimitError is a record over the header or record limit. In a
// compressed file the reader can go on with the next gzip member.
type recordLimitError struct{ err error }

func (e *recordLimitError) Error() string { return e.err.Error() }
func (e *recordLimitError) Unwrap() error { return e.err }

// warcRecord is one WARC record: its position and headers, and its block
// unless it was over the size cap.
type warcRecord struct {
	Offset   int64 // byte offset of the record (of its gzip member when compressed)
	Seq      int   // index of the record inside its gzip member, from 0
	Header   textproto.MIMEHeader
	Block    []byte
	TooLarge bool  // the block is over the cap: Block holds only its first warcHeadBytes
	Length   int64 // Content-Length of the block
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// warcReader reads records from a plain or gzip-compressed WARC stream. For
// a compressed stream it reads one gzip member at a time (the CC-NEWS layout
// is one record per member) so that it can report each member's offset.
type warcReader struct {
	cr         *countingReader
	br         *bufio.Reader // over cr
	gz         *gzip.Reader  // nil when plain
	inflated   *inflateCounter
	rd         *bufio.Reader // what records are parsed from: br, or over gz
	compressed bool
	inMember   bool
	offset     int64 // offset of the current gzip member
	cur        int64 // offset of the record being read, for error keys
	seq        int
	lim        warcLimits
	done       bool
}

// newWARCReader reads r with lim; zero limits take their defaults (for
// Inflated: MinWARCInflated).
func newWARCReader(r io.Reader, compressed bool, lim warcLimits) *warcReader {
	if lim.Block <= 0 {
		lim.Block = DefaultMaxBytes
	}
	if lim.Header <= 0 {
		lim.Header = DefaultWARCHeaderBytes
	}
	if lim.Record <= 0 {
		lim.Record = DefaultWARCRecordBytes
	}
	if lim.Inflated <= 0 {
		lim.Inflated = MinWARCInflated
	}
	cr := &countingReader{r: r}
	w := &warcReader{cr: cr, br: bufio.NewReaderSize(cr, 64<<10), lim: lim, compressed: compressed}
	if !compressed {
		w.rd = w.br
	}
	return w
}

// pos is the offset in the underlying stream of the next unread byte of br.
func (w *warcReader) pos() int64 { return w.cr.n - int64(w.br.Buffered()) }

// Next returns the next record, io.EOF at a clean end, or an error wrapping
// ErrTruncated, ErrMalformedWARC or ErrWARCLimit. After a record over the
// header or record limit in a compressed file (a *recordLimitError) the
// reader goes on with the next gzip member; after any other error it is
// done.
func (w *warcReader) Next() (warcRecord, error) {
	if w.done {
		return warcRecord{}, io.EOF
	}
	rec, err := w.next()
	var rle *recordLimitError
	if err != nil && !(errors.As(err, &rle) && w.compressed) {
		w.done = true
	}
	return rec, err
}

func (w *warcReader) next() (warcRecord, error) {
	for {
		if w.compressed {
			if !w.inMember {
				if _, err := w.br.Peek(1); err != nil {
					if err == io.EOF {
						return warcRecord{}, io.EOF
					}
					return warcRecord{}, fmt.Errorf("at offset %d: %w", w.pos(), err)
				}
				w.offset = w.pos()
				w.cur = w.offset
				var err error
				if w.gz == nil {
					w.gz, err = gzip.NewReader(w.br)
				} else {
					err = w.gz.Reset(w.br)
				}
				if err != nil {
					return warcRecord{}, w.gzipError(err, w.offset)
				}
				w.gz.Multistream(false)
				if w.inflated == nil {
					w.inflated = &inflateCounter{limit: w.lim.Inflated}
				}
				w.inflated.r = w.gz
				if w.rd == nil {
					w.rd = bufio.NewReaderSize(w.inflated, 64<<10)
				} else {
					w.rd.Reset(w.inflated)
				}
				w.inMember, w.seq = true, 0
			}
			rec, err := w.record(w.offset)
			if err == io.EOF {
				w.inMember = false // member finished; a next one may follow
				continue
			}
			var rle *recordLimitError
			if errors.As(err, &rle) {
				// Skip the rest of the member (bounded by the file's
				// decompression limit) so the next record can be read.
				if _, derr := io.Copy(io.Discard, w.rd); derr != nil {
					return warcRecord{}, fmt.Errorf("%v; skipping the rest of its gzip member: %w", rle, w.readError(derr, w.offset))
				}
				w.inMember = false
				return warcRecord{Offset: w.offset, Seq: w.seq}, err
			}
			if err != nil {
				return warcRecord{}, err
			}
			// Read on to the end of the member (or the next record in it)
			// so that a cut or corrupt member is reported instead of a
			// record whose checksum was never verified.
			if err := w.skipSeparator(); err != nil && err != io.EOF {
				return warcRecord{}, w.readError(err, w.offset)
			}
			rec.Seq = w.seq
			w.seq++
			return rec, nil
		}
		w.cur = w.pos()
		return w.record(-1)
	}
}

// gzipError classifies an error from the gzip layer.
func (w *warcReader) gzipError(err error, off int64) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("gzip member at offset %d: %w", off, ErrTruncated)
	}
	if errors.Is(err, errInflated) {
		return fmt.Errorf("gzip member at offset %d: %w: the file decompresses to more than %d bytes (a decompression bomb?); rest of the file skipped",
			off, ErrWARCLimit, w.lim.Inflated)
	}
	var ce flate.CorruptInputError
	if errors.Is(err, gzip.ErrHeader) || errors.Is(err, gzip.ErrChecksum) || errors.As(err, &ce) {
		return fmt.Errorf("gzip member at offset %d: %w: %v", off, ErrMalformedWARC, err)
	}
	return fmt.Errorf("gzip member at offset %d: %w", off, err)
}

// record parses one record from w.rd. off is the offset to report, or -1
// to use the plain stream position. It returns io.EOF when no record starts
// before the end of the stream (or gzip member).
func (w *warcReader) record(off int64) (warcRecord, error) {
	if err := w.skipSeparator(); err != nil {
		if err == io.EOF {
			return warcRecord{}, io.EOF
		}
		return warcRecord{}, w.readError(err, off)
	}
	if off < 0 {
		off = w.pos()
	}
	w.cur = off
	// A record starts with its version line: refuse anything else before
	// reading a line of it (gzip of zeros has no end of line).
	if magic, err := w.rd.Peek(5); err == nil && string(magic) != "WARC/" {
		line, _ := w.rd.Peek(min(w.rd.Buffered(), 16))
		return warcRecord{}, fmt.Errorf("record at offset %d: %w: starts with %q, not WARC/", off, ErrMalformedWARC, strings.SplitN(string(line), "\n", 2)[0])
	}
	// The header is read line by line under a byte cap before textproto
	// parses it: textproto would read a "line" of any length (a bomb of
	// zeros is one line of gigabytes).
	head, err := w.readHeader(off)
	if err != nil {
		return warcRecord{}, err
	}
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(head)))
	version, err := tp.ReadLine()
	if err != nil {
		return warcRecord{}, w.readError(err, off)
	}
	if !strings.HasPrefix(version, "WARC/") {
		return warcRecord{}, fmt.Errorf("record at offset %d: %w: starts with %q, not WARC/", off, ErrMalformedWARC, clip(version, 40))
	}
	h, err := tp.ReadMIMEHeader()
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			// The header was cut before its blank line.
			return warcRecord{}, w.readError(io.ErrUnexpectedEOF, off)
		}
		return warcRecord{}, fmt.Errorf("record at offset %d: %w: bad header: %v", off, ErrMalformedWARC, err)
	}
	n, err := strconv.ParseInt(strings.TrimSpace(h.Get("Content-Length")), 10, 64)
	if err != nil || n < 0 {
		return warcRecord{}, fmt.Errorf("record at offset %d: %w: bad Content-Length %q", off, ErrMalformedWARC, clip(h.Get("Content-Length"), 40))
	}
	if n > w.lim.Record {
		return warcRecord{}, &recordLimitError{fmt.Errorf("record at offset %d: %w: Content-Length %d is over the %d-byte record limit", off, ErrWARCLimit, n, w.lim.Record)}
	}
	rec := warcRecord{Offset: off, Header: h, Length: n}
	if n > w.lim.Block {
		// Keep the start of the block so the caller can tell an oversized
		// article from an oversized image or redirect, and skip the rest.
		head := min(n, warcHeadBytes)
		rec.Block, err = io.ReadAll(io.LimitReader(w.rd, head))
		if err != nil || int64(len(rec.Block)) < head {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return warcRecord{}, w.readError(err, off)
		}
		got, err := io.CopyN(io.Discard, w.rd, n-head)
		if got < n-head {
			if err == nil || err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return warcRecord{}, w.readError(err, off)
		}
		rec.TooLarge = true
		return rec, nil
	}
	// ReadAll through a LimitReader grows the buffer as data arrives, so a
	// lying Content-Length cannot make us allocate it up front.
	rec.Block, err = io.ReadAll(io.LimitReader(w.rd, n))
	if err != nil {
		return warcRecord{}, w.readError(err, off)
	}
	if int64(len(rec.Block)) < n {
		return warcRecord{}, w.readError(io.ErrUnexpectedEOF, off)
	}
	return rec, nil
}

// warcHeadBytes is how much of an oversized block is kept to read its HTTP header.
const warcHeadBytes = 16 << 10

// readHeader reads a record's header, from its version line to the blank
// line that ends it (included), refusing more than w.lim.Header bytes.
func (w *warcReader) readHeader(off int64) ([]byte, error) {
	var head []byte
	for {
		line, err := w.rd.ReadSlice('\n')
		if int64(len(head)+len(line)) > w.lim.Header {
			return nil, &recordLimitError{fmt.Errorf("record at offset %d: %w: header longer than %d bytes", off, ErrWARCLimit, w.lim.Header)}
		}
		head = append(head, line...)
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF: // cut before the blank line that ends the header
			return nil, w.readError(io.ErrUnexpectedEOF, off)
		case err != nil:
			return nil, w.readError(err, off)
		}
		if len(line) <= 2 && strings.TrimRight(string(line), "\r\n") == "" && len(head) > len(line) {
			return head, nil // the blank line after the fields
		}
	}
}

// skipSeparator consumes the blank lines between records. It returns io.EOF
// at the end of the stream (or member) and any other read error.
func (w *warcReader) skipSeparator() error {
	for {
		b, err := w.rd.Peek(1)
		if err != nil {
			return err
		}
		if b[0] != '\r' && b[0] != '\n' {
			return nil
		}
		w.rd.ReadByte()
	}
}

func (w *warcReader) readError(err error, off int64) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("record at offset %d: %w", off, ErrTruncated)
	}
	if w.compressed {
		return w.gzipError(err, off)
	}
	return fmt.Errorf("record at offset %d: %w", off, err)
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// warcDocument turns a WARC response record holding an HTML page into a
// Document. ok is false for records that are not HTML responses (request,
// metadata, warcinfo records, images, redirects), which are skipped.
func warcDocument(rec warcRecord, maxBytes int64) (doc crosscheck.Document, ok bool, err error) {
	if !strings.EqualFold(rec.Header.Get("WARC-Type"), "response") {
		return doc, false, nil
	}
	if !strings.HasPrefix(strings.ToLower(rec.Header.Get("Content-Type")), "application/http") {
		return doc, false, nil
	}
	uri := strings.Trim(strings.TrimSpace(rec.Header.Get("WARC-Target-URI")), "<>")
	if rec.TooLarge {
		// Only the head of the block was kept: report it if it is an HTML page.
		resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(rec.Block)), nil)
		if err == nil {
			resp.Body.Close()
			ct := strings.ToLower(resp.Header.Get("Content-Type"))
			if resp.StatusCode < 200 || resp.StatusCode > 299 || ct != "" && !strings.Contains(ct, "html") {
				return doc, false, nil
			}
		}
		return doc, true, crosscheck.Errorf(crosscheck.ETOOLARGE, "record %s of %d bytes is over the %d-byte limit", uri, rec.Length, maxBytes)
	}
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(rec.Block)), nil)
	if err != nil {
		return doc, true, &crosscheck.Error{Code: crosscheck.EINVALID, Message: fmt.Sprintf("record %s: bad HTTP response", uri), Err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return doc, false, nil // redirects and errors carry no article
	}
	var body io.Reader = resp.Body
	switch strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))) {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return doc, true, &crosscheck.Error{Code: crosscheck.EINVALID, Message: fmt.Sprintf("record %s: bad gzip payload", uri), Err: err}
		}
		body = zr
	case "deflate":
		body = flate.NewReader(resp.Body)
	default:
		return doc, true, crosscheck.Errorf(crosscheck.EINVALID, "record %s: unsupported Content-Encoding %q", uri, resp.Header.Get("Content-Encoding"))
	}
	payload, err := io.ReadAll(io.LimitReader(body, maxBytes+1))
	if err != nil {
		return doc, true, &crosscheck.Error{Code: crosscheck.EINVALID, Message: fmt.Sprintf("record %s: bad payload", uri), Err: err}
	}
	if int64(len(payload)) > maxBytes {
		return doc, true, crosscheck.Errorf(crosscheck.ETOOLARGE, "record %s: payload over the %d-byte limit", uri, maxBytes)
	}
	ctype := resp.Header.Get("Content-Type")
	if ctype == "" {
		ctype = http.DetectContentType(payload)
	}
	if lc := strings.ToLower(ctype); !strings.Contains(lc, "html") {
		return doc, false, nil
	}
	doc = crosscheck.Document{URL: uri, ContentType: ctype, Body: payload}
	if t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(rec.Header.Get("WARC-Date"))); err == nil {
		doc.Fetched = t.UTC()
	}
	return doc, true, nil
}

// warc yields the HTML response records of a WARC file.
func (w *walker) warc(p string, compressed bool) bool {
	f, err := os.Open(p)
	if err != nil {
		return w.fail(p, crosscheck.EINVALID, err, "cannot open")
	}
	defer f.Close()
	lim := warcLimits{Block: w.opt.MaxBytes, Inflated: w.opt.MaxInflate}
	if lim.Inflated <= 0 {
		lim.Inflated = MinWARCInflated
		if fi, err := f.Stat(); err == nil {
			lim.Inflated = max(lim.Inflated, DefaultWARCExpansion*fi.Size())
		}
	}
	r := newWARCReader(f, compressed, lim)
	for {
		if w.ctx.Err() != nil { // non-HTML records are skipped without a yield; stop promptly anyway
			return w.emit(p, crosscheck.Document{}, nil)
		}
		rec, err := r.Next()
		if err == io.EOF {
			return true
		}
		var rle *recordLimitError
		if errors.As(err, &rle) && !r.done { // one record refused; the next member follows
			key := p + "#offset=" + strconv.FormatInt(rec.Offset, 10)
			if rec.Seq > 0 {
				key += "&record=" + strconv.Itoa(rec.Seq)
			}
			if !w.fail(key, crosscheck.ETOOLARGE, err, "WARC record skipped") {
				return false
			}
			continue
		}
		if errors.Is(err, ErrWARCLimit) {
			return w.fail(p+"#offset="+strconv.FormatInt(r.cur, 10), crosscheck.ETOOLARGE, err, "WARC")
		}
		if err != nil {
			return w.fail(p+"#offset="+strconv.FormatInt(r.cur, 10), crosscheck.EINVALID, err, "WARC")
		}
		key := p + "#offset=" + strconv.FormatInt(rec.Offset, 10)
		if rec.Seq > 0 {
			key += "&record=" + strconv.Itoa(rec.Seq)
		}
		doc, ok, err := warcDocument(rec, lim.Block)
		if !ok {
			continue
		}
		if err != nil {
			var ce *crosscheck.Error
			if errors.As(err, &ce) {
				ce.Message = "source: " + key + ": " + ce.Message
			}
		}
		if !w.emit(key, doc, err) {
			return false
		}
	}
}
