package source

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/crosscheck/crosscheck"
)

func FuzzJSONLine(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("testdata", "items.jsonl"))
	if err != nil {
		f.Fatal(err)
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		f.Add(line)
	}
	f.Add([]byte(`{"text":"a"} {"text":"b"}`))
	f.Add([]byte(`{"text":null,"html":"x"}`))
	f.Add([]byte(`{"path":""}`))
	f.Add([]byte(`[1,2]`))
	f.Fuzz(func(t *testing.T, line []byte) {
		rec, doc, err := parseJSONLine(line)
		if err != nil {
			var ce *crosscheck.Error
			if !errors.As(err, &ce) || ce.Code == "" || ce.Message == "" {
				t.Fatalf("error %v is not a coded *crosscheck.Error", err)
			}
			return
		}
		bodies := 0
		for _, p := range []*string{rec.Text, rec.HTML, rec.Path} {
			if p != nil {
				bodies++
			}
		}
		if bodies != 1 {
			t.Fatalf("accepted %d bodies", bodies)
		}
		if rec.Path == nil && len(bytes.TrimSpace(doc.Body)) == 0 {
			t.Fatal("accepted an empty body")
		}
		if rec.Path != nil && (len(doc.Body) != 0 || *rec.Path == "") {
			t.Fatal("path record with a body or an empty path")
		}
		if doc.Published != "" && !validDate(doc.Published) {
			t.Fatalf("accepted date %q", doc.Published)
		}
	})
}

func FuzzWARC(f *testing.F) {
	recs := testWARC()
	for _, compressed := range []bool{false, true} {
		file, offs := layout(recs, compressed)
		f.Add(file, compressed)
		f.Add(file[:offs[3]+7], compressed)
		f.Add(file[:len(file)-1], compressed)
	}
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999999\r\n\r\nabc"), false)
	f.Add([]byte("WARC/1.0\r\nContent-Length: -1\r\n\r\n"), false)
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}, true)
	f.Fuzz(func(t *testing.T, data []byte, compressed bool) {
		lim := warcLimits{Block: 1 << 12, Header: 1 << 10, Record: 1 << 20, Inflated: 1 << 22}
		r := newWARCReader(bytes.NewReader(data), compressed, lim)
		prev := int64(-1)
		for i := 0; ; i++ {
			if i > len(data)+1 {
				t.Fatalf("more records (%d) than bytes", i)
			}
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			var rle *recordLimitError
			if errors.As(err, &rle) && compressed {
				continue // one record refused; the reader goes on with the next member
			}
			if err != nil {
				if !errors.Is(err, ErrTruncated) && !errors.Is(err, ErrMalformedWARC) && !errors.Is(err, ErrWARCLimit) {
					t.Fatalf("untyped error: %v", err)
				}
				if _, err := r.Next(); err != io.EOF {
					t.Fatalf("reader not done after an error: %v", err)
				}
				break
			}
			if rec.Offset < prev || rec.Offset >= int64(len(data)) {
				t.Fatalf("offset %d after %d (len %d)", rec.Offset, prev, len(data))
			}
			prev = rec.Offset
			if !rec.TooLarge && int64(len(rec.Block)) != rec.Length {
				t.Fatalf("block %d bytes, Content-Length %d", len(rec.Block), rec.Length)
			}
			doc, ok, err := warcDocument(rec, 1<<12)
			if ok && err == nil && (len(doc.Body) == 0 && doc.URL == "" && doc.ContentType == "") {
				t.Fatalf("empty document accepted: %+v", rec.Header)
			}
			if err != nil && crosscheck.ErrorCode(err) == crosscheck.EINTERNAL {
				t.Fatalf("uncoded error %v", err)
			}
		}
	})
}
