package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/corpora"
)

// TestAnalyzeSeedCLI runs the issue's own command on the seed article.
func TestAnalyzeSeedCLI(t *testing.T) {
	seed := corpora.For(t, "fixtures", "seed", "article.txt")
	code, out, errs := runCLI(t, "analyze", "--json", "--published", "2025-04-26", seed)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var a crosscheck.Analysis
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if err := a.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if a.Article.Title != "Russia Claims Full Control Of Kursk Region As Ukrainian Incursion Reportedly Ends" {
		t.Errorf("title %q", a.Article.Title)
	}
	for _, s := range []string{"HomePolitics", "READ:", "Login To Facebook To Comment"} {
		if strings.Contains(a.Article.Text, s) {
			t.Errorf("text still contains %q", s)
		}
	}
	reasons := map[string]int{}
	for _, r := range a.Article.Boilerplate {
		reasons[r.Reason]++
	}
	if reasons["promo"] != 3 || reasons["footer"] != 4 || reasons["navigation"] != 1 {
		t.Errorf("boilerplate reasons %v", reasons)
	}
	// The text view names what was removed and why.
	code, out, _ = runCLI(t, "analyze", "--published", "2025-04-26", seed)
	if code != exitOK || !strings.Contains(out, "Removed as boilerplate") || !strings.Contains(out, "13 paragraphs") {
		t.Errorf("text view (exit %d):\n%s", code, out)
	}
}

// TestAnalyzeBadInput: each kind of bad input gets one clear line on stderr
// and its own exit code, never a panic.
func TestAnalyzeBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0, 1, 2, 3}, 64)...)
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"missing file", []string{"analyze", filepath.Join(dir, "nope.txt")}, exitNotFound, "no such file"},
		{"empty file", []string{"analyze", write("empty.txt", nil)}, exitEmpty, "empty"},
		{"blank file", []string{"analyze", write("blank.txt", []byte("  \n\n \t\n"))}, exitEmpty, "empty"},
		{"binary junk", []string{"analyze", write("x.png", png)}, exitBinary, "binary"},
		{"too large", []string{"analyze", "--max-bytes", "100", write("big.txt", bytes.Repeat([]byte("Officials said the war goes on. "), 20))}, exitTooLarge, "larger than 100 bytes"},
		{"directory", []string{"analyze", dir}, exitUsage, "directory"},
		{"bad date", []string{"analyze", "--published", "last tuesday", write("ok.txt", []byte("Officials said the bridge was hit."))}, exitUsage, "--published"},
		{"bad scheme", []string{"analyze", "ftp://example.org/a"}, exitUsage, "only http and https"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := runCLI(t, c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, c.code, errs)
			}
			if lines := strings.Count(strings.TrimSpace(errs), "\n") + 1; lines != 1 {
				t.Errorf("stderr has %d lines, want one: %q", lines, errs)
			}
			if !strings.Contains(errs, c.msg) {
				t.Errorf("stderr %q lacks %q", errs, c.msg)
			}
		})
	}
}

func TestAnalyzeInvalidUTF8(t *testing.T) {
	p := filepath.Join(t.TempDir(), "latin1.txt")
	// "Kyiv" then a Latin-1 byte sequence that is not UTF-8.
	body := []byte("Officials in Kyiv said the caf\xe9 near the station was hit overnight, according to Reuters.\n")
	if err := os.WriteFile(p, body, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "analyze", "--json", p)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "warning") {
		t.Errorf("no warning on stderr: %q", errs)
	}
	var a crosscheck.Analysis
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Article.Text, "caf\uFFFD") || len(a.Article.Warnings) == 0 {
		t.Errorf("text %q, warnings %v: want U+FFFD and a warning", a.Article.Text, a.Article.Warnings)
	}
}

// TestAnalyzeURL: a local server is refused by default (it is a private
// address) and fetched with --allow-private.
func TestAnalyzeURL(t *testing.T) {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<html><head><title>Drones downed over Kyiv</title></head><body><article>
<h1>Drones downed over Kyiv</h1>
<p>Ukraine's air force said on Tuesday that it shot down 40 of 45 drones launched overnight by Russia.</p>
<p>"The attack was repelled," spokesman Yuriy Ihnat told reporters, adding that debris damaged two houses.</p>
</article></body></html>`)
	}))
	defer srv.Close()
	code, _, errs := runCLI(t, "analyze", srv.URL+"/drones")
	if code != exitForbidden || hits != 0 {
		t.Fatalf("default: exit %d (want %d), server hit %d times; stderr %q", code, exitForbidden, hits, errs)
	}
	code, out, errs := runCLI(t, "analyze", "--json", "--allow-private", srv.URL+"/drones")
	if code != exitOK || hits != 1 {
		t.Fatalf("--allow-private: exit %d, hits %d; stderr %q", code, hits, errs)
	}
	var a crosscheck.Analysis
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if a.Article.URL == "" || !strings.Contains(a.Article.Text, "shot down 40 of 45 drones") || len(a.Statements) < 2 {
		t.Errorf("url %q, %d statements, text %q", a.Article.URL, len(a.Statements), a.Article.Text)
	}
	if err := a.Validate(); err != nil {
		t.Error(err)
	}
}

func TestAnalyzeStdin(t *testing.T) {
	var out, errb bytes.Buffer
	in := strings.NewReader("MOSCOW — The Defence Ministry said its forces captured the village, Interfax reported.")
	if code := run([]string{"analyze", "--json", "-"}, in, &out, &errb); code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var a crosscheck.Analysis
	if err := json.Unmarshal(out.Bytes(), &a); err != nil || len(a.Statements) == 0 {
		t.Fatalf("stdin analysis: %v, %d statements", err, len(a.Statements))
	}
}
