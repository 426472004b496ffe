package source

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck"
)

// csv reads a CSV file in the Wikinews layout: a header naming at least the
// columns url, date, title and text (in any order), then one article a row.
func (w *walker) csv(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return w.fail(p, crosscheck.EINVALID, err, "cannot open")
	}
	defer f.Close()
	// encoding/csv holds a whole row in memory, and a quoted field may run
	// to the end of the file: cap the bytes one row may take.
	rowMax := w.opt.MaxBytes + 1<<20
	rc := &rowCap{r: f, limit: rowMax + csvBuffer}
	r := csv.NewReader(bufio.NewReaderSize(rc, csvBuffer))
	r.FieldsPerRecord = -1 // checked per row, so one short row does not end the file
	header, err := r.Read()
	if errors.Is(err, errRowTooLarge) {
		return w.fail(p, crosscheck.ETOOLARGE, nil, "CSV header over the %d-byte row limit", rowMax)
	}
	if err != nil {
		return w.fail(p, crosscheck.EINVALID, err, "cannot read the CSV header")
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, need := range []string{"url", "date", "title", "text"} {
		if _, ok := col[need]; !ok {
			return w.fail(p, crosscheck.EINVALID, nil, "CSV header %q lacks column %q (want url,date,title,text)", strings.Join(header, ","), need)
		}
	}
	lastOffset := int64(-1)
	for row := 1; ; row++ {
		rc.limit = r.InputOffset() + rowMax + csvBuffer
		rec, err := r.Read()
		key := p + "#row=" + strconv.Itoa(row)
		if err == io.EOF {
			return true
		}
		if errors.Is(err, errRowTooLarge) {
			return w.fail(key, crosscheck.ETOOLARGE, nil, "CSV row over the %d-byte limit (an unclosed quote?); rest of the file skipped", rowMax)
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) || r.InputOffset() == lastOffset {
				return w.fail(key, crosscheck.EINVALID, err, "cannot read")
			}
			lastOffset = r.InputOffset()
			if !w.fail(key, crosscheck.EINVALID, err, "malformed CSV row") {
				return false
			}
			continue
		}
		lastOffset = r.InputOffset()
		doc, err := w.csvDocument(key, col, rec)
		if !w.emit(key, doc, err) {
			return false
		}
	}
}

func (w *walker) csvDocument(key string, col map[string]int, rec []string) (crosscheck.Document, error) {
	get := func(name string) string {
		if i := col[name]; i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	if len(rec) < len(col) {
		return crosscheck.Document{}, crosscheck.Errorf(crosscheck.EINVALID, "source: %s: %d fields, want %d", key, len(rec), len(col))
	}
	text := rec[col["text"]]
	doc, err := bodyDocument(key, []byte(text), "text/plain; charset=utf-8", w.opt.MaxBytes)
	if err != nil {
		return doc, err
	}
	doc.URL, doc.Title = get("url"), get("title")
	if d := get("date"); d != "" {
		if !validDate(d) {
			return crosscheck.Document{}, crosscheck.Errorf(crosscheck.EINVALID, "source: %s: date %q is not YYYY-MM-DD or RFC 3339", key, clip(d, 40))
		}
		doc.Published = d
	}
	if u, err := url.Parse(doc.URL); err == nil && strings.HasSuffix(u.Hostname(), "wikinews.org") {
		doc.Site = "Wikinews"
		doc.Language = strings.TrimSuffix(u.Hostname(), ".wikinews.org")
	}
	return doc, nil
}

// csvBuffer is the read buffer of a CSV file: the reader may have read that
// far past the row it is parsing.
const csvBuffer = 64 << 10

var errRowTooLarge = errors.New("CSV row too large")

// rowCap fails reads past limit, an absolute offset in the file that the
// caller moves forward row by row.
type rowCap struct {
	r     io.Reader
	n     int64
	limit int64
}

func (c *rowCap) Read(p []byte) (int, error) {
	if c.n >= c.limit {
		return 0, errRowTooLarge
	}
	p = p[:min(int64(len(p)), c.limit-c.n)]
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
