package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
)

// FuzzCleanText feeds arbitrary text to the text cleaner and checks the
// text contract: no panic, valid UTF-8, paragraphs separated by exactly one
// blank line, and nothing invented (every kept or removed paragraph comes
// from the input).
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{
		"",
		"Title Here\n\nBody text.\n",
		"HomePolitics\n\nREAD: x\n\nA\nA\n\nLogin To Facebook To Comment",
		"line one\r\nline two\r\n\r\n\r\n\u00a0\u200b\n",
		"a\x00b\x01c\x7f",
		"Home » World » Europe\n\nBy Jane Doe\n\nPhoto: AP\n",
	} {
		f.Add(s, "")
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "seed", "input.txt")); err == nil {
		f.Add(string(b), "")
		f.Add(string(b), "Russia Claims Full Control Of Kursk Region As Ukrainian Incursion Reportedly Ends")
	}
	rules, err := DefaultRules()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body, title string) {
		body = strings.ToValidUTF8(body, "\uFFFD") // Article repairs before cleaning
		title = normalizeSpace(strings.ToValidUTF8(title, "\uFFFD"))
		c := cleanText(body, title, rules)
		text := joinParas(c.paras)
		checkInvariants(t, text)
		if !utf8.ValidString(c.title) || strings.Contains(c.title, "\n") {
			t.Fatalf("bad title %q", c.title)
		}
		flat := normalizeSpace(body)
		for _, p := range c.paras {
			if !strings.Contains(flat, p) && !strings.Contains(strings.Join(strings.Fields(body), " "), p) {
				t.Fatalf("paragraph %q is not in the input", p)
			}
		}
		for _, r := range c.removed {
			if r.Reason == "" || r.Text == "" {
				t.Fatalf("removal without text or reason: %+v", r)
			}
		}
	})
}

// FuzzArticleHTML feeds arbitrary bytes to Article (HTML mostly, since
// the seeds are pages) and checks: no panic, errors are *crosscheck.Error,
// and a returned Article keeps the text contract.
func FuzzArticleHTML(f *testing.F) {
	for _, s := range []string{
		"<p>Hello world.</p>",
		"<html><body><article><h1>T</h1><p>Body text here, long enough.</p></article></body></html>",
		"<html><head><meta charset=\"windows-1252\"></head><body><p>caf\xe9</p></body></html>",
		"<table><tr><td>a</td><td>b</td></tr></table><br><br>x",
		"<script type=\"application/ld+json\">{\"datePublished\":\"2025-01-02T03:04:05Z\"}</script><p>x</p>",
		"<div><div><div><p>deep</p></div></div></div>",
		"<p>a<br>b</p><p>b</p>",
	} {
		f.Add([]byte(s))
	}
	for _, name := range []string{"html-full-page", "html-div-text", "html-windows1252"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name, "input.html")); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := Article(crosscheck.Document{Body: body, URL: "https://example.com/a"}, Options{MaxBytes: 1 << 20})
		if err != nil {
			var e *crosscheck.Error
			if !errors.As(err, &e) || e.Code == "" {
				t.Fatalf("error %v is not a *crosscheck.Error", err)
			}
			return
		}
		if a.Text == "" {
			t.Fatal("empty text without an error")
		}
		checkInvariants(t, a.Text)
		for _, s := range []string{a.Title, string(a.Byline), string(a.Site), string(a.Section), string(a.Published), string(a.URL), a.Language} {
			if !utf8.ValidString(s) {
				t.Fatalf("metadata is not valid UTF-8: %q", s)
			}
		}
		for _, r := range a.Boilerplate {
			if !utf8.ValidString(r.Text) || r.Reason == "" {
				t.Fatalf("bad removal %+v", r)
			}
		}
		if a.ID != crosscheck.ArticleID(string(a.URL), a.Text) {
			t.Fatal("id is not ArticleID(url, text)")
		}
	})
}
