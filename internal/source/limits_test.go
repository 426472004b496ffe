package source

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
)

// writeGzipStream writes head, then n zero bytes, then tail as one gzip
// member: a decompression bomb of n bytes that takes n/1000 on disk.
func writeGzipStream(t *testing.T, p string, head []byte, n int64, tail []byte) {
	t.Helper()
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	zw.Write(head)
	if _, err := io.CopyN(zw, zeros{}, n); err != nil {
		t.Fatal(err)
	}
	zw.Write(tail)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func goodText(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "good.txt")
	if err := os.WriteFile(p, []byte("Officials in Kharkiv said on Monday that the power station was repaired."), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestWARCBombs: each kind of gzip bomb in a .warc.gz is one recorded
// failure with a clear message, and the walk goes on with the next file.
func TestWARCBombs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := goodText(t, dir)
	const size = 64 << 20 // decompressed; about 64 KiB on disk
	httpHead := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
	oversized := fmt.Sprintf("WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\nWARC-Target-URI: https://x.example/\r\nContent-Length: %d\r\n\r\n%s",
		len(httpHead)+size, httpHead)
	for _, tc := range []struct {
		name string
		head []byte
		opt  Options
		err  error
		code string
		msg  string
	}{
		// The bomb of issue 13: zeros only, no record at all.
		{"zeros", nil, Options{}, ErrMalformedWARC, crosscheck.EINVALID, "not WARC/"},
		// A version line, then a header "line" with no end.
		{"header", []byte("WARC/1.0\r\nWARC-Type: response\r\nX-Pad: "), Options{}, ErrWARCLimit, crosscheck.ETOOLARGE, "header longer than"},
		// A record that declares its bomb: refused by the record limit, the
		// rest of its member skipped within the file's inflate limit.
		{"record", []byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 10737418240\r\n\r\n"), Options{MaxInflate: 8 << 20}, ErrWARCLimit, crosscheck.ETOOLARGE, "decompresses to more than 8388608 bytes"},
		// A record under the record limit whose zeros exceed the inflate limit.
		{"inflate", []byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 60000000\r\n\r\n"), Options{MaxInflate: 8 << 20}, ErrWARCLimit, crosscheck.ETOOLARGE, "rest of the file skipped"},
		// The same within the inflate limit: one oversized record, skipped.
		{"oversized", []byte(oversized), Options{}, nil, crosscheck.ETOOLARGE, "over the 10485760-byte limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			bomb := filepath.Join(t.TempDir(), "bomb.warc.gz")
			n := int64(size) - int64(len(tc.head))
			if tc.name == "oversized" {
				n = size // exactly its Content-Length
			}
			writeGzipStream(t, bomb, tc.head, n, nil)
			rs := collect(t, t.Context(), []string{bomb, good}, tc.opt)
			if len(rs) != 2 {
				t.Fatalf("got %q, want the bomb's failure and the good file", keysAndCodes(rs))
			}
			if r := rs[0]; !strings.HasPrefix(r.Key, bomb+"#offset=0") || r.Code != tc.code ||
				(tc.err != nil && !errors.Is(r.Err, tc.err)) || !strings.Contains(r.Err.Error(), tc.msg) {
				t.Errorf("bomb: %s %s %v; want code %s, %v, %q", r.Key, r.Code, r.Err, tc.code, tc.err, tc.msg)
			}
			if r := rs[1]; r.Key != good || r.Err != nil {
				t.Errorf("good file after the bomb: %s %v", r.Key, r.Err)
			}
		})
	}
}

// TestWARCRecordLimitSkipsOneMember: in a CC-NEWS file (one record per gzip
// member), a record over a limit is one failure and the records after it
// are read.
func TestWARCRecordLimitSkipsOneMember(t *testing.T) {
	t.Parallel()
	recs := testWARC()
	huge := []byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 2147483648\r\n\r\n" + strings.Repeat("x", 1000))
	longHeader := []byte("WARC/1.0\r\nWARC-Type: response\r\nX-Pad: " + strings.Repeat("y", 70<<10) + "\r\nContent-Length: 0\r\n\r\n")
	recs = slices.Insert(recs, 3, huge, longHeader)
	file, offs := layout(recs, true)
	p := filepath.Join(t.TempDir(), "x.warc.gz")
	if err := os.WriteFile(p, file, 0o644); err != nil {
		t.Fatal(err)
	}
	rs := collect(t, t.Context(), []string{p}, Options{})
	key := func(i int) string { return fmt.Sprintf("%s#offset=%d", p, offs[i]) }
	want := []string{key(2), key(3) + " !" + crosscheck.ETOOLARGE, key(4) + " !" + crosscheck.ETOOLARGE, key(7), key(8), key(9) + " !" + crosscheck.EINVALID, key(11)}
	if got := keysAndCodes(rs); !slices.Equal(got, want) {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	if !strings.Contains(rs[1].Err.Error(), "record limit") || !strings.Contains(rs[2].Err.Error(), "header longer than 65536 bytes") {
		t.Errorf("messages: %v / %v", rs[1].Err, rs[2].Err)
	}
	// Plain WARC has no members to skip to: the file stops there.
	file, offs = layout(recs, false)
	p = filepath.Join(t.TempDir(), "x.warc")
	if err := os.WriteFile(p, file, 0o644); err != nil {
		t.Fatal(err)
	}
	rs = collect(t, t.Context(), []string{p}, Options{})
	want = []string{fmt.Sprintf("%s#offset=%d", p, offs[2]), fmt.Sprintf("%s#offset=%d !%s", p, offs[3], crosscheck.ETOOLARGE)}
	if got := keysAndCodes(rs); !slices.Equal(got, want) {
		t.Fatalf("plain: got %q want %q", got, want)
	}
}

// TestWARCInflateLimit: a file that decompresses to more than its limit
// yields its records up to there, then one failure.
func TestWARCInflateLimit(t *testing.T) {
	t.Parallel()
	file, _ := layout(testWARC(), true)
	p := filepath.Join(t.TempDir(), "x.warc.gz")
	if err := os.WriteFile(p, file, 0o644); err != nil {
		t.Fatal(err)
	}
	rs := collect(t, t.Context(), []string{p}, Options{MaxInflate: 1500})
	if len(rs) == 0 || len(rs) >= len(wantWARC) {
		t.Fatalf("got %q", keysAndCodes(rs))
	}
	last := rs[len(rs)-1]
	if last.Code != crosscheck.ETOOLARGE || !errors.Is(last.Err, ErrWARCLimit) {
		t.Errorf("last: %s %v", last.Code, last.Err)
	}
}

func feedWith(items int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>`)
	for i := range items {
		fmt.Fprintf(&b, "<item><title>Item %d</title><link>https://wire.example/%d</link><description>Officials said on Monday that %d drones were shot down.</description></item>\n", i, i, i)
	}
	b.WriteString("</channel></rss>")
	return b.Bytes()
}

// TestFeedItemLimit: a feed over the item limit is refused whole, with its
// count, whether the count before parsing or after it catches it.
func TestFeedItemLimit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := goodText(t, dir)
	for _, items := range []int{15, 100} { // 15: over the limit of 10 but under twice it (parsed first)
		p := filepath.Join(dir, fmt.Sprintf("f%d.rss", items))
		if err := os.WriteFile(p, feedWith(items), 0o644); err != nil {
			t.Fatal(err)
		}
		rs := collect(t, t.Context(), []string{p, good}, Options{MaxFeedItems: 10})
		if got, want := keysAndCodes(rs), []string{p + " !" + crosscheck.ETOOLARGE, good}; !slices.Equal(got, want) {
			t.Fatalf("%d items: got %q want %q", items, got, want)
		}
		if msg := rs[0].Err.Error(); !strings.Contains(msg, "over the 10-item limit") || !strings.Contains(msg, "--max-feed-items") {
			t.Errorf("%d items: %s", items, msg)
		}
		// Under a larger limit the feed is read.
		if rs := collect(t, t.Context(), []string{p}, Options{MaxFeedItems: items}); len(rs) != items || rs[0].Err != nil {
			t.Errorf("%d items under a limit of %d: %d results, %v", items, items, len(rs), rs[0].Err)
		}
	}
}

// TestCSVRowLimit: an unclosed quote makes the rest of a CSV file one row;
// it is refused at the row limit, and the next file is read.
func TestCSVRowLimit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := goodText(t, dir)
	p := filepath.Join(dir, "open.csv")
	data := "url,date,title,text\nhttps://a.example/1,2020-01-01,T,Body one\nhttps://a.example/2,2020-01-02,T,\"Body two never closes\n" +
		strings.Repeat("more text that runs on and on\n", (3<<20)/30)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	rs := collect(t, t.Context(), []string{p, good}, Options{MaxBytes: 64 << 10})
	if got, want := keysAndCodes(rs), []string{p + "#row=1", p + "#row=2 !" + crosscheck.ETOOLARGE, good}; !slices.Equal(got, want) {
		t.Fatalf("got %q want %q", got, want)
	}
	if !strings.Contains(rs[1].Err.Error(), "row over the") {
		t.Errorf("message: %v", rs[1].Err)
	}
}
