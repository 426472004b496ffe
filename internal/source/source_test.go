package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/corpora"
	"github.com/crosscheck/crosscheck/internal/fetch"
)

// result is one yielded pair, flattened for comparison.
type result struct {
	Key  string
	Doc  crosscheck.Document
	Code string // "" for a document
	Err  error
}

func collect(t *testing.T, ctx context.Context, paths []string, opt Options) []result {
	t.Helper()
	var out []result
	for it, err := range Walk(ctx, paths, opt) {
		if err != nil && it.Key == "" {
			t.Errorf("error without a key: %v", err)
		}
		out = append(out, result{Key: it.Key, Doc: it.Doc, Code: crosscheck.ErrorCode(err), Err: err})
	}
	return out
}

func keysAndCodes(rs []result) []string {
	var out []string
	for _, r := range rs {
		if r.Code != "" {
			out = append(out, r.Key+" !"+r.Code)
		} else {
			out = append(out, r.Key)
		}
	}
	return out
}

func TestSeedFile(t *testing.T) {
	t.Parallel()
	seed := corpora.For(t, "fixtures", "seed", "article.txt")
	want, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	rs := collect(t, t.Context(), []string{seed}, Options{})
	if len(rs) != 1 || rs[0].Err != nil {
		t.Fatalf("got %+v", rs)
	}
	if rs[0].Key != seed || !bytes.Equal(rs[0].Doc.Body, want) || rs[0].Doc.ContentType != "text/plain; charset=utf-8" {
		t.Errorf("key %q type %q body %d bytes", rs[0].Key, rs[0].Doc.ContentType, len(rs[0].Doc.Body))
	}
}

func TestDirectory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.html", []byte("<html><body><p>B</p></body></html>"))
	write("a.txt", []byte("A plain text article."))
	write(".hidden.txt", []byte("hidden"))
	write(".git/config.txt", []byte("hidden dir"))
	write("sub/c.txt", []byte("C in a subdirectory."))
	write("sub/empty.txt", []byte(" \n\n "))
	write("sub/image.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"))
	write("sub/latin1.txt", []byte("Caf\xe9 au lait, na\xefve text in Latin-1."))
	write("sub/noext", []byte("<!DOCTYPE html><html><body>sniffed html</body></html>"))
	write("sub/zeros.dat", make([]byte, 64))
	write("sub/big.txt", bytes.Repeat([]byte("x"), 2000))

	rs := collect(t, t.Context(), []string{dir}, Options{MaxBytes: 1000})
	p := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	want := []string{
		p("a.txt"),
		p("b.html"),
		p("sub/big.txt") + " !" + crosscheck.ETOOLARGE,
		p("sub/c.txt"),
		p("sub/empty.txt") + " !" + crosscheck.EEMPTY,
		p("sub/image.png") + " !" + crosscheck.EBINARY,
		p("sub/latin1.txt"),
		p("sub/noext"),
		p("sub/zeros.dat") + " !" + crosscheck.EBINARY,
	}
	if got := keysAndCodes(rs); !slices.Equal(got, want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	byKey := map[string]crosscheck.Document{}
	for _, r := range rs {
		byKey[r.Key] = r.Doc
	}
	if d := byKey[p("b.html")]; d.ContentType != "text/html; charset=utf-8" {
		t.Errorf("b.html content type %q", d.ContentType)
	}
	if d := byKey[p("sub/noext")]; !strings.HasPrefix(d.ContentType, "text/html") {
		t.Errorf("sniffed content type %q", d.ContentType)
	}
	// Invalid UTF-8 passes through byte for byte: extraction repairs and warns.
	if d := byKey[p("sub/latin1.txt")]; !bytes.Equal(d.Body, []byte("Caf\xe9 au lait, na\xefve text in Latin-1.")) {
		t.Errorf("latin1 body changed: %q", d.Body)
	}
}

func TestMissingPathAndStdin(t *testing.T) {
	t.Parallel()
	missing := filepath.Join(t.TempDir(), "nope.txt")
	rs := collect(t, t.Context(), []string{missing, "-"}, Options{Stdin: strings.NewReader("From standard input.")})
	if got, want := keysAndCodes(rs), []string{missing + " !" + crosscheck.ENOTFOUND, "-"}; !slices.Equal(got, want) {
		t.Fatalf("got %q want %q", got, want)
	}
	if string(rs[1].Doc.Body) != "From standard input." {
		t.Errorf("stdin body %q", rs[1].Doc.Body)
	}
	rs = collect(t, t.Context(), []string{"-"}, Options{})
	if got := keysAndCodes(rs); !slices.Equal(got, []string{"- !" + crosscheck.EINVALID}) {
		t.Errorf("no stdin: %q", got)
	}
}

func TestJSONL(t *testing.T) {
	t.Parallel()
	p := filepath.Join("testdata", "items.jsonl")
	rs := collect(t, t.Context(), []string{p}, Options{})
	k := func(n int) string { return fmt.Sprintf("%s#line=%d", p, n) }
	want := []string{
		k(1), k(2), k(3),
		k(5) + " !" + crosscheck.EINVALID, // two bodies
		k(6) + " !" + crosscheck.EINVALID, // not JSON
		k(7) + " !" + crosscheck.EINVALID, // ftp URL
		k(8) + " !" + crosscheck.EINVALID, // bad date
		k(9) + " !" + crosscheck.ENOTFOUND,
		k(10) + " !" + crosscheck.EEMPTY,
		k(11),
	}
	if got := keysAndCodes(rs); !slices.Equal(got, want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	d := rs[0].Doc
	if d.URL != "https://news.example.com/1" || d.Site != "Example News" || d.Published != "2025-03-12" || d.Title != "Text item" ||
		d.ContentType != "text/plain; charset=utf-8" || string(d.Body) != "An invented article written by hand for tests." {
		t.Errorf("line 1: %+v", d)
	}
	if d := rs[1].Doc; d.ContentType != "text/html; charset=utf-8" || string(d.Body) != "<p>Invented HTML body.</p>" || d.Published != "2025-03-12T08:30:00Z" {
		t.Errorf("line 2: %+v", d)
	}
	b, _ := os.ReadFile(filepath.Join("testdata", "docs", "b.txt"))
	if d := rs[2].Doc; !bytes.Equal(d.Body, b) || d.Title != "Path item" || d.URL != "https://news.example.com/3" {
		t.Errorf("line 3 (path): %+v", d)
	}
	// One clear message per failed line: the line number once (the key
	// names the file), then what is wrong, without Go parser jargon.
	for _, r := range rs {
		if r.Err == nil {
			continue
		}
		n := strings.TrimPrefix(r.Key, p+"#line=")
		if msg := r.Err.Error(); !strings.HasPrefix(msg, "line "+n+": ") || strings.Count(msg, "line "+n) != 1 || strings.Contains(msg, "source:") {
			t.Errorf("error %q: want one %q prefix and no other position", msg, "line "+n+": ")
		}
	}
	if msg := rs[4].Err.Error(); msg != "line 6: not valid JSON: unexpected 'o' at column 2" {
		t.Errorf("line 6: %q", msg)
	}
}

// TestJSONLMessages: what a user reads for each kind of broken line.
func TestJSONLMessages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "bad.jsonl")
	lines := []string{
		`hello`,
		`{"text": 5}`,
		`[1, 2]`,
		`{"text": "a"} trailing`,
		`{"text": "café", "title": "x"`,
		`{"title": "é", "text": }`,
	}
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"line 1: not valid JSON: unexpected 'h' at column 1",
		`line 2: field "text": want a string, got number`,
		"line 3: not a JSON object: the line holds an array",
		"line 4: not valid JSON: more after the object, at column 15",
		"line 5: not valid JSON: it ends too early",
		"line 6: not valid JSON: unexpected '}' at column 24", // characters, not bytes
	}
	rs := collect(t, t.Context(), []string{p}, Options{})
	var got []string
	for _, r := range rs {
		if r.Code != crosscheck.EINVALID {
			t.Errorf("%s: code %q", r.Key, r.Code)
		}
		if r.Err != nil {
			got = append(got, r.Err.Error())
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestJSONLPathConfined: a record's "path" is read only inside the JSON
// Lines file's folder unless AllowPaths; "..", absolute paths and symbolic
// links out of the folder are refused with a message that says so.
func TestJSONLPathConfined(t *testing.T) {
	t.Parallel()
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.txt")
	if err := os.WriteFile(secret, []byte("A private note that must not be ingested."), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sub", "ok.txt"), []byte("An invented article kept beside its JSON Lines file."), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "link.txt")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	rel, err := filepath.Rel(dir, secret)
	if err != nil {
		t.Fatal(err)
	}
	recs := []string{
		`{"path": "sub/ok.txt"}`,
		`{"path": "/etc/passwd"}`,
		`{"path": ` + strconv.Quote(filepath.ToSlash(rel)) + `}`,
		`{"path": "link.txt"}`,
		`{"path": "sub/../sub/ok.txt"}`,
	}
	p := filepath.Join(dir, "items.jsonl")
	if err := os.WriteFile(p, []byte(strings.Join(recs, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	rs := collect(t, t.Context(), []string{p}, Options{})
	codes := keysAndCodes(rs)
	k := func(n int) string { return fmt.Sprintf("%s#line=%d", p, n) }
	want := []string{k(1), k(2) + " !" + crosscheck.EFORBIDDEN, k(3) + " !" + crosscheck.EFORBIDDEN, k(4) + " !" + crosscheck.EFORBIDDEN, k(5)}
	if !slices.Equal(codes, want) {
		t.Fatalf("got %v\nwant %v", codes, want)
	}
	for _, i := range []int{1, 2, 3} {
		msg := rs[i].Err.Error()
		if !strings.Contains(msg, "outside the folder of the JSON Lines file") || !strings.Contains(msg, "--allow-paths") {
			t.Errorf("line %d: unclear refusal %q", i+1, msg)
		}
	}
	if !strings.Contains(rs[1].Err.Error(), `path "/etc/passwd"`) {
		t.Errorf("the refusal should quote the path: %q", rs[1].Err)
	}
	for _, r := range rs {
		if strings.Contains(string(r.Doc.Body), "private note") {
			t.Fatalf("%s read the file outside the folder", r.Key)
		}
	}
	// A plain file's made-up title and site: the file name humanised, the
	// folder.
	if d := rs[0].Doc; d.TitleFallback != "Ok" && d.TitleFallback != "An invented article kept beside its JSON Lines file" {
		t.Errorf("title fallback %q", d.TitleFallback)
	}
	// With AllowPaths the user takes responsibility.
	rs = collect(t, t.Context(), []string{p}, Options{AllowPaths: true})
	if rs[2].Err != nil || !strings.Contains(string(rs[2].Doc.Body), "private note") {
		t.Errorf("AllowPaths: %v", rs[2].Err)
	}
}

func TestFallbacks(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, want string }{
		{"kursk-tampa-free-press.txt", "Kursk tampa free press"},
		{"2025-04-26-kursk-offensive-ends.html", "Kursk offensive ends"},
		{"20220125T090000Z_GB_en_7d015e6984.txt", ""},
		{"a1b2c3d4.txt", ""},
		{"Putin_Macron_call_2022.txt", "Putin Macron call 2022"},
		{"report.v2.final.txt", "Report v2 final"},
	} {
		if got := humanName(tc.name); got != tc.want {
			t.Errorf("humanName(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
	body := []byte("\n\nEmmanuel Macron has told a press conference in Berlin that he plans to hold phone talks with his Russian counterpart Vladimir Putin on Friday. More text.")
	if got := firstSentence(body, 90); got != "Emmanuel Macron has told a press conference in Berlin that he plans to hold phone talks…" {
		t.Errorf("firstSentence = %q", got)
	}
	if got := firstSentence([]byte("Short line. Next."), 90); got != "Short line. Next." {
		t.Errorf("firstSentence(short) = %q", got)
	}
	scraped := []byte("NEW You can now listen to Fox News articles\nHome » World\nThe governor said on Monday that three drones were shot down over the region overnight.\n")
	if got := firstSentence(scraped, 90); got != "The governor said on Monday that three drones were shot down over the region overnight" {
		t.Errorf("firstSentence(scraped) = %q", got)
	}
	for _, tc := range []struct{ path, want string }{
		{"/corpora/ukraine-war/articles/x.txt", "ukraine-war"},
		{"/data/bbc/2024/x.txt", "2024"},
		{"/x.txt", ""},
	} {
		if got := folderSite(tc.path); got != tc.want {
			t.Errorf("folderSite(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
	doc := crosscheck.Document{Body: []byte("<html><title>T</title></html>")}
	fallbacks("/news/20220125T090000Z_GB_en_7d015e6984.html", &doc)
	if doc.TitleFallback != "" || doc.SiteFallback != "" {
		t.Errorf("an HTML file with a hash name: %+v (its <title> or the UI names it)", doc)
	}
}

func TestJSONLLongLine(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "long.jsonl")
	long := `{"text":"` + strings.Repeat("y", 5000) + `"}`
	data := long + "\n" + `{"text":"short"}` + "\r\n" + long
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	rs := collect(t, t.Context(), []string{p}, Options{MaxBytes: 1000})
	want := []string{p + "#line=1 !" + crosscheck.ETOOLARGE, p + "#line=2", p + "#line=3 !" + crosscheck.ETOOLARGE}
	if got := keysAndCodes(rs); !slices.Equal(got, want) {
		t.Fatalf("got %q want %q", got, want)
	}
	if string(rs[1].Doc.Body) != "short" {
		t.Errorf("body %q", rs[1].Doc.Body)
	}
}

func TestWikinewsCSV(t *testing.T) {
	t.Parallel()
	p := filepath.Join("testdata", "wikinews_sample.csv")
	rs := collect(t, t.Context(), []string{p}, Options{})
	if got, want := keysAndCodes(rs), []string{p + "#row=1", p + "#row=2", p + "#row=3"}; !slices.Equal(got, want) {
		t.Fatalf("got %q want %q", got, want)
	}
	d := rs[2].Doc
	if d.URL != "https://en.wikinews.org//wiki/Iran_admits_downing_Ukrainian_jet,_cites_%27human_error%27" ||
		d.Published != "2020-01-13" || d.Title != "Iran admits downing Ukrainian jet, cites 'human error'" ||
		d.Site != "Wikinews" || d.Language != "en" || !bytes.Contains(d.Body, []byte("Ukrain")) {
		t.Errorf("row 3: %+v", d)
	}
}

func TestWikinewsCorpus(t *testing.T) {
	t.Parallel()
	dir := corpora.For(t, "corpora", "wikinews")
	rs := collect(t, t.Context(), []string{dir}, Options{})
	n2019, n2020 := 0, 0
	for _, r := range rs {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Key, r.Err)
			continue
		}
		switch {
		case strings.Contains(r.Key, "wikinews_2019.csv#row="):
			n2019++
		case strings.Contains(r.Key, "wikinews_2020.csv#row="):
			n2020++
		}
	}
	// Counts from ../shared/corpora/README.md.
	if n2019 != 171 || n2020 != 124 {
		t.Errorf("read %d and %d articles, want 171 and 124", n2019, n2020)
	}
}

func TestCSVErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("url,date,title,text\nhttps://a.example/1,2020-01-01,T,Body one\nhttps://a.example/2,2020-01-02\nhttps://a.example/3,not a date,T,Body\nhttps://a.example/4,2020-01-04,T,\"Body \"four\"\"\nhttps://a.example/5,2020-01-05,T,Body five\n"), 0o644)
	noHeader := filepath.Join(dir, "other.csv")
	os.WriteFile(noHeader, []byte("a,b\n1,2\n"), 0o644)
	rs := collect(t, t.Context(), []string{bad, noHeader}, Options{})
	want := []string{
		bad + "#row=1",
		bad + "#row=2 !" + crosscheck.EINVALID,
		bad + "#row=3 !" + crosscheck.EINVALID,
		bad + "#row=4 !" + crosscheck.EINVALID,
		bad + "#row=5",
		noHeader + " !" + crosscheck.EINVALID,
	}
	if got := keysAndCodes(rs); !slices.Equal(got, want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFeeds(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><body><p>Fetched page.</p></body></html>")
	}))
	t.Cleanup(srv.Close)
	rss, err := os.ReadFile(filepath.Join("testdata", "feed.rss"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rssPath := filepath.Join(dir, "feed.rss")
	os.WriteFile(rssPath, bytes.ReplaceAll(rss, []byte("LINK_PLACEHOLDER"), []byte(srv.URL+"/only-link")), 0o644)
	sniffed := filepath.Join(dir, "feed-without-extension")
	os.WriteFile(sniffed, rss, 0o644)
	atom := filepath.Join("testdata", "feed.atom")

	f := fetch.New(fetch.Options{AllowPrivate: true, Timeout: 5 * time.Second})
	rs := collect(t, t.Context(), []string{rssPath, atom, sniffed}, Options{Fetcher: f})
	want := []string{
		rssPath + "#item=1", rssPath + "#item=2", rssPath + "#item=3",
		atom + "#item=1", atom + "#item=2",
		sniffed + "#item=1", sniffed + "#item=2", sniffed + "#item=3 !" + crosscheck.EINVALID, // link "LINK_PLACEHOLDER" is not a URL
	}
	if got := keysAndCodes(rs); !slices.Equal(got, want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	d := rs[0].Doc
	if d.Site != "Example Wire" || d.URL != "https://wire.example.com/2025/03/12/village" || d.Title != "Ministry says border village retaken" ||
		d.Published != "2025-03-12T08:30:00Z" || d.Section != "World" || d.Language != "en" || d.ContentType != "text/html; charset=utf-8" ||
		!strings.Contains(string(d.Body), "“We control the area,”") {
		t.Errorf("rss item 1: %+v", d)
	}
	if d := rs[1].Doc; string(d.Body) != "<p>Talks will resume next week, the envoy said.</p>" || d.Published != "2025-03-13T09:00:00Z" {
		t.Errorf("rss item 2 (description): %+v %q", d, d.Body)
	}
	if d := rs[2].Doc; d.URL != srv.URL+"/only-link" || string(d.Body) != "<html><body><p>Fetched page.</p></body></html>" || d.Site != "Example Wire" || d.Title != "Link-only item" {
		t.Errorf("rss item 3 (fetched): %+v", d)
	}
	if d := rs[3].Doc; d.Site != "Example Atom News" || d.URL != "https://atom.example.org/denial" || d.Published != "2025-03-12T07:00:00Z" || !strings.Contains(string(d.Body), "fabricated") {
		t.Errorf("atom entry 1: %+v", d)
	}
	if d := rs[4].Doc; string(d.Body) != "Officials confirmed the figures on Tuesday." || d.Published != "2025-03-11T07:00:00Z" {
		t.Errorf("atom entry 2: %+v", d)
	}

	// Without a fetcher the link-only item is an empty item, and a broken feed one error.
	broken := filepath.Join(dir, "broken.rss")
	os.WriteFile(broken, []byte("<rss><channel><item><title>x</title>"), 0o644)
	rs = collect(t, t.Context(), []string{rssPath, broken}, Options{})
	want = []string{rssPath + "#item=1", rssPath + "#item=2", rssPath + "#item=3 !" + crosscheck.EEMPTY, broken + " !" + crosscheck.EINVALID}
	if got := keysAndCodes(rs); !slices.Equal(got, want) {
		t.Errorf("got %q want %q", got, want)
	}
}

func TestCancelAndStop(t *testing.T) {
	t.Parallel()
	p := filepath.Join("testdata", "wikinews_sample.csv")
	// A consumer that stops after the first item gets exactly one.
	n := 0
	for range Walk(t.Context(), []string{p, p}, Options{}) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("got %d items after break", n)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var got []error
	for _, err := range Walk(ctx, []string{p, p}, Options{}) {
		got = append(got, err)
		cancel()
	}
	if len(got) != 2 || got[0] != nil || !errors.Is(got[1], context.Canceled) {
		t.Errorf("after cancel: %v", got)
	}
}

// warcRecord builds one WARC record in the CC-NEWS layout.
func buildRecord(typ, uri string, contentType string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.0\r\nWARC-Type: %s\r\n", typ)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "WARC-Date: 2025-03-12T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:%08d-0000-0000-0000-000000000000>\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", len(uri), contentType, len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func httpResponse(status, ctype string, extra string, body []byte) []byte {
	return append([]byte(fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n", status, ctype, extra, len(body))), body...)
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// testWARC returns the records of a small CC-NEWS-like crawl.
func testWARC() [][]byte {
	gzPage := gzipBytes([]byte("<html><body><p>Compressed page.</p></body></html>"))
	chunked := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n" +
		"6\r\n<html>\r\n14\r\n<p>Chunked page.</p>\r\n7\r\n</html>\r\n0\r\n\r\n"
	return [][]byte{
		buildRecord("warcinfo", "", "application/warc-fields", []byte("software: crosscheck-test\r\nformat: WARC File Format 1.0\r\n")),
		buildRecord("request", "https://news.example.com/a", "application/http; msgtype=request", []byte("GET /a HTTP/1.1\r\nHost: news.example.com\r\n\r\n")),
		buildRecord("response", "https://news.example.com/a", "application/http; msgtype=response", httpResponse("200 OK", "text/html; charset=utf-8", "", []byte("<html><body><p>Page A.</p></body></html>"))),
		buildRecord("response", "https://news.example.com/logo.png", "application/http; msgtype=response", httpResponse("200 OK", "image/png", "", []byte("\x89PNG\r\n\x1a\n"))),
		buildRecord("response", "https://news.example.com/old", "application/http; msgtype=response", httpResponse("301 Moved Permanently", "text/html", "Location: /a\r\n", nil)),
		buildRecord("response", "<https://news.example.com/gz>", "application/http; msgtype=response", httpResponse("200 OK", "text/html", "Content-Encoding: gzip\r\n", gzPage)),
		buildRecord("response", "https://news.example.com/chunked", "application/http; msgtype=response", []byte(chunked)),
		buildRecord("response", "https://news.example.com/garbage", "application/http; msgtype=response", []byte("this is not HTTP\r\n\r\n")),
		buildRecord("metadata", "https://news.example.com/a", "application/warc-fields", []byte("fetchTimeMs: 12\r\n")),
		buildRecord("response", "https://news.example.com/b", "application/http; msgtype=response", httpResponse("200 OK", "text/html", "", []byte("<html><body><p>Page B.</p></body></html>"))),
	}
}

// wantWARC is what Walk yields for testWARC, by record index.
var wantWARC = []struct {
	rec  int
	url  string
	body string
	code string
}{
	{2, "https://news.example.com/a", "<html><body><p>Page A.</p></body></html>", ""},
	{5, "https://news.example.com/gz", "<html><body><p>Compressed page.</p></body></html>", ""},
	{6, "https://news.example.com/chunked", "<html><p>Chunked page.</p></html>", ""},
	{7, "", "", crosscheck.EINVALID},
	{9, "https://news.example.com/b", "<html><body><p>Page B.</p></body></html>", ""},
}

// layout writes records plain or as one gzip member each and returns the
// file bytes and each record's offset.
func layout(recs [][]byte, compressed bool) ([]byte, []int) {
	var file []byte
	var offs []int
	for _, r := range recs {
		offs = append(offs, len(file))
		if compressed {
			r = gzipBytes(r)
		}
		file = append(file, r...)
	}
	return file, offs
}

func TestWARC(t *testing.T) {
	t.Parallel()
	for _, compressed := range []bool{true, false} {
		name := "x.warc"
		if compressed {
			name = "x.warc.gz"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			recs := testWARC()
			file, offs := layout(recs, compressed)
			p := filepath.Join(dir, name)
			os.WriteFile(p, file, 0o644)
			// The same bytes without a telling name are sniffed.
			sniffed := filepath.Join(dir, "crawl-data")
			os.WriteFile(sniffed, file, 0o644)
			for _, path := range []string{p, sniffed} {
				rs := collect(t, t.Context(), []string{path}, Options{})
				if len(rs) != len(wantWARC) {
					t.Fatalf("%s: got %d items: %q", path, len(rs), keysAndCodes(rs))
				}
				for i, w := range wantWARC {
					r := rs[i]
					if key := fmt.Sprintf("%s#offset=%d", path, offs[w.rec]); r.Key != key {
						t.Errorf("item %d key %q, want %q", i, r.Key, key)
					}
					if r.Code != w.code || r.Doc.URL != w.url || string(r.Doc.Body) != w.body {
						t.Errorf("item %d: code %q url %q body %q err %v", i, r.Code, r.Doc.URL, r.Doc.Body, r.Err)
					}
					if w.code == "" && !r.Doc.Fetched.Equal(time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)) {
						t.Errorf("item %d fetched %v", i, r.Doc.Fetched)
					}
				}
			}
		})
	}
}

func TestWARCTruncated(t *testing.T) {
	t.Parallel()
	recs := testWARC()
	for _, compressed := range []bool{true, false} {
		file, offs := layout(recs, compressed)
		last := offs[len(offs)-1]
		cuts := map[string]int{
			"mid last record":   last + (len(file)-last)/2,
			"last byte missing": len(file) - 1,
			"mid first record":  offs[0] + 10,
		}
		for name, cut := range cuts {
			t.Run(fmt.Sprintf("gz=%v/%s", compressed, name), func(t *testing.T) {
				t.Parallel()
				p := filepath.Join(t.TempDir(), "cut.warc")
				if compressed {
					p += ".gz"
				}
				os.WriteFile(p, file[:cut], 0o644)
				rs := collect(t, t.Context(), []string{p}, Options{})
				if len(rs) == 0 {
					t.Fatal("nothing yielded")
				}
				end := rs[len(rs)-1]
				if !errors.Is(end.Err, ErrTruncated) {
					if !compressed && name == "last byte missing" && end.Err == nil {
						return // only the record separator was cut: the record is complete
					}
					t.Fatalf("last item %q: %v, want ErrTruncated", end.Key, end.Err)
				}
				// The truncated record's own offset is in the key.
				wantOff := last
				if name == "mid first record" {
					wantOff = 0
				}
				if key := fmt.Sprintf("%s#offset=%d", p, wantOff); end.Key != key {
					t.Errorf("key %q, want %q", end.Key, key)
				}
				complete := 0
				for _, r := range rs[:len(rs)-1] {
					if r.Err == nil {
						complete++
					}
				}
				wantComplete := 3 // records 2, 5, 6 before the garbage record 7 and the cut record 9
				if name == "mid first record" {
					wantComplete = 0
				}
				if complete != wantComplete {
					t.Errorf("%d complete documents before the error, want %d: %q", complete, wantComplete, keysAndCodes(rs))
				}
			})
		}
	}
}

func TestWARCMalformedAndTooLarge(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notWARC := filepath.Join(dir, "bad.warc")
	os.WriteFile(notWARC, []byte("HTTP/1.1 200 OK\r\n\r\nnot a warc"), 0o644)
	notGzip := filepath.Join(dir, "bad.warc.gz")
	os.WriteFile(notGzip, []byte("WARC/1.0\r\n"), 0o644)
	badLen := filepath.Join(dir, "len.warc")
	os.WriteFile(badLen, []byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\n"), 0o644)
	big := filepath.Join(dir, "big.warc.gz")
	recs := testWARC()
	file, offs := layout(recs, true)
	os.WriteFile(big, file, 0o644)

	rs := collect(t, t.Context(), []string{notWARC, notGzip, badLen}, Options{})
	for _, r := range rs {
		if !errors.Is(r.Err, ErrMalformedWARC) || r.Code != crosscheck.EINVALID {
			t.Errorf("%s: %v, want ErrMalformedWARC", r.Key, r.Err)
		}
	}
	if len(rs) != 3 {
		t.Errorf("got %q", keysAndCodes(rs))
	}
	// With a 60-byte cap every HTML response is too large (the image and
	// the redirect are still skipped), the garbage record is still invalid,
	// and the walk goes on.
	rs = collect(t, t.Context(), []string{big}, Options{MaxBytes: 60})
	var got []string
	for _, r := range rs {
		got = append(got, r.Code)
	}
	if want := []string{crosscheck.ETOOLARGE, crosscheck.ETOOLARGE, crosscheck.ETOOLARGE, crosscheck.EINVALID, crosscheck.ETOOLARGE}; !slices.Equal(got, want) {
		t.Errorf("codes %q, want %q (%q)", got, want, keysAndCodes(rs))
	}
	if len(rs) > 0 && rs[0].Key != fmt.Sprintf("%s#offset=%d", big, offs[2]) {
		t.Errorf("first key %q", rs[0].Key)
	}
}

func TestFileHints(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	body := "Officials said the bridge was hit overnight.\n"
	write("seed/article.txt", body)
	write("seed/meta.json", `{"site": "Tampa Free Press", "section": "Politics", "published": "2025-04-26", "language": "en"}`)
	write("seed/expected.json", `{"statements": []}`)
	write("wire/20220125T090000Z_GB_en_7d015e6984.txt", body)
	write("wire/2024-03-01-strike.html", "<p>"+body+"</p>")
	write("wire/plain.txt", body)
	write("side/story.txt", body)
	write("side/story.meta.json", `{"url": "https://example.org/story", "published": "2023-05-06", "title": "A story"}`)
	write("bad/x.txt", body)
	write("bad/x.txt.meta.json", `{not json`)

	got := map[string]crosscheck.Document{}
	var errs []string
	for it, err := range Walk(t.Context(), []string{dir}, Options{}) {
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		got[strings.TrimPrefix(it.Key, dir+"/")] = it.Doc
	}
	if len(got) != 5 {
		keys := make([]string, 0, len(got))
		for k := range got {
			keys = append(keys, k)
		}
		t.Fatalf("items %v: the JSON metadata files must not be read as articles", keys)
	}
	cases := []struct{ key, site, published, url string }{
		{"seed/article.txt", "Tampa Free Press", "2025-04-26", ""},
		{"wire/20220125T090000Z_GB_en_7d015e6984.txt", "", "2022-01-25T09:00:00Z", ""},
		{"wire/2024-03-01-strike.html", "", "2024-03-01", ""},
		{"wire/plain.txt", "", "", ""},
		{"side/story.txt", "", "2023-05-06", "https://example.org/story"},
	}
	for _, c := range cases {
		d, ok := got[c.key]
		if !ok {
			t.Errorf("%s: missing", c.key)
			continue
		}
		if d.Site != c.site || d.Published != c.published || d.URL != c.url {
			t.Errorf("%s: site %q published %q url %q, want %q %q %q", c.key, d.Site, d.Published, d.URL, c.site, c.published, c.url)
		}
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "invalid metadata JSON") {
		t.Errorf("errors %q, want one for the broken sidecar", errs)
	}
}
