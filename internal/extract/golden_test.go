package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden runs Article on every testdata/<case>/input.(html|txt), with
// the Document hints of hints.json if present, and compares the Article
// with want.json.
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, dir := range dirs {
		inputs, _ := filepath.Glob(filepath.Join(dir, "input.*"))
		if len(inputs) != 1 {
			continue
		}
		n++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			body, err := os.ReadFile(inputs[0])
			if err != nil {
				t.Fatal(err)
			}
			doc := crosscheck.Document{Body: body}
			if hb, err := os.ReadFile(filepath.Join(dir, "hints.json")); err == nil {
				var h struct {
					URL, Site, Published, Title, Section, Language string
				}
				if err := json.Unmarshal(hb, &h); err != nil {
					t.Fatalf("hints.json: %v", err)
				}
				doc.URL, doc.Site, doc.Published, doc.Title, doc.Section, doc.Language = h.URL, h.Site, h.Published, h.Title, h.Section, h.Language
			}
			a, err := Article(doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, a.Text)
			got, err := json.MarshalIndent(a, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			wantFile := filepath.Join(dir, "want.json")
			if *update {
				if err := os.WriteFile(wantFile, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Article differs from %s (rerun with -update and review the diff):\n%s", wantFile, lineDiff(string(want), string(got)))
			}
		})
	}
	if n < 10 {
		t.Errorf("found %d golden cases, want at least 10", n)
	}
}

// lineDiff shows the first lines that differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 8; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("- " + wl + "\n+ " + gl + "\n")
			shown++
		}
	}
	return b.String()
}

// checkInvariants checks the text contract: valid UTF-8, paragraphs
// separated by exactly one blank line, no paragraph with a line break,
// leading or trailing space.
func checkInvariants(t testing.TB, text string) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Fatalf("text is not valid UTF-8: %q", text)
	}
	if text == "" {
		return
	}
	for i, p := range strings.Split(text, "\n\n") {
		if p == "" || strings.ContainsAny(p, "\n\r") || strings.TrimSpace(p) != p {
			t.Fatalf("paragraph %d is malformed: %q", i, p)
		}
	}
}

func TestArticleErrors(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		max  int64
		code string
	}{
		{"empty", nil, 0, crosscheck.EEMPTY},
		{"white space", []byte(" \n\t\r\n  \n"), 0, crosscheck.EEMPTY},
		{"only boilerplate", []byte("HomePolitics\n\nREAD: Something else\n\nLogin To Facebook To Comment\n"), 0, crosscheck.EEMPTY},
		{"empty html", []byte("<html><head><title></title></head><body><script>var x=1;</script></body></html>"), 0, crosscheck.EEMPTY},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), 0, crosscheck.EBINARY},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0, crosscheck.EBINARY},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), 0, crosscheck.EBINARY},
		{"zip", []byte("PK\x03\x04\x14\x00\x00\x00"), 0, crosscheck.EBINARY},
		{"nul bytes", []byte("text with a\x00NUL byte in it"), 0, crosscheck.EBINARY},
		{"control characters", bytes.Repeat([]byte("a\x01\x02\x03"), 100), 0, crosscheck.EBINARY},
		{"too large", bytes.Repeat([]byte("word "), 100), 64, crosscheck.ETOOLARGE},
		{"too large default", bytes.Repeat([]byte("x"), DefaultMaxBytes+1), 0, crosscheck.ETOOLARGE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Article(crosscheck.Document{Body: tt.body}, Options{MaxBytes: tt.max})
			var e *crosscheck.Error
			if !errors.As(err, &e) {
				t.Fatalf("error = %v, want a *crosscheck.Error", err)
			}
			if e.Code != tt.code {
				t.Errorf("code = %q (%v), want %q", e.Code, err, tt.code)
			}
		})
	}
}

func TestArticleHints(t *testing.T) {
	page := []byte(`<html><head><title>T</title><meta property="og:site_name" content="Page Site">
<meta property="article:published_time" content="2024-02-03T10:00:00Z"></head>
<body><article><h1>Troops pull back from the river</h1><p>Troops pulled back from the river on Monday, the army said in a statement.</p></article></body></html>`)
	tests := []struct {
		name                 string
		doc                  crosscheck.Document
		site, published, url string
	}{
		{"page wins without hints", crosscheck.Document{}, "Page Site", "2024-02-03T10:00:00Z", ""},
		{"user site and published win", crosscheck.Document{Site: "User Site", Published: "2024-02-04"}, "User Site", "2024-02-04", ""},
		{"url hint fills", crosscheck.Document{URL: "https://example.org/a"}, "Page Site", "2024-02-03T10:00:00Z", "https://example.org/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := tt.doc
			doc.Body = page
			a, err := Article(doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if string(a.Site) != tt.site || string(a.Published) != tt.published || string(a.URL) != tt.url {
				t.Errorf("site, published, url = %q, %q, %q; want %q, %q, %q", a.Site, a.Published, a.URL, tt.site, tt.published, tt.url)
			}
			if a.Title != "Troops pull back from the river" {
				t.Errorf("title = %q", a.Title)
			}
			if a.ID != crosscheck.ArticleID(tt.url, a.Text) {
				t.Errorf("id is not ArticleID(url, text)")
			}
		})
	}
}

// TestSniff checks that the content, not the content type, decides
// between HTML and text.
func TestSniff(t *testing.T) {
	tests := []struct {
		in   string
		html bool
	}{
		{"<!DOCTYPE html><html><body><p>x</p></body></html>", true},
		{"\n\n  <html><p>x</p></html>", true},
		{"<p>A fragment.</p><p>Two.</p>", true},
		{"Plain text that mentions <b> once.", false},
		{"The vote was 5 < 7, officials said.", false},
		{"Title\n\nBody with <p> and </p> and <div> and <br> tags.", true},
	}
	for _, tt := range tests {
		if got := isHTML(tt.in); got != tt.html {
			t.Errorf("isHTML(%.30q) = %v, want %v", tt.in, got, tt.html)
		}
	}
	// A text body served as text/html is still text.
	a, err := Article(crosscheck.Document{Body: []byte("Troops Withdraw\n\nThe troops withdrew on Monday, officials said."), ContentType: "text/html"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Troops Withdraw" || a.Text != "The troops withdrew on Monday, officials said." {
		t.Errorf("got title %q text %q", a.Title, a.Text)
	}
}

func TestUTF16(t *testing.T) {
	// "Hello world." as UTF-16LE with a byte order mark.
	body := []byte{0xFF, 0xFE}
	for _, r := range "Hello world." {
		body = append(body, byte(r), 0)
	}
	a, err := Article(crosscheck.Document{Body: body}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Text != "Hello world." || len(a.Warnings) != 1 {
		t.Errorf("text %q warnings %q", a.Text, a.Warnings)
	}
}

// TestConcurrent runs Article from several goroutines on the golden inputs
// (run with -race): the rules and the extractor share no mutable state.
func TestConcurrent(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "*", "input.*"))
	if err != nil || len(inputs) == 0 {
		t.Fatalf("no inputs: %v", err)
	}
	bodies := make([][]byte, len(inputs))
	want := make([]string, len(inputs))
	for i, f := range inputs {
		if bodies[i], err = os.ReadFile(f); err != nil {
			t.Fatal(err)
		}
		a, err := Article(crosscheck.Document{Body: bodies[i]}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		want[i] = a.Text
	}
	errs := make(chan error, 4)
	for g := range 4 {
		go func() {
			for k := range bodies {
				i := (k + g) % len(bodies)
				a, err := Article(crosscheck.Document{Body: bodies[i]}, Options{})
				if err == nil && a.Text != want[i] {
					err = errors.New(inputs[i] + ": text differs between goroutines")
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
