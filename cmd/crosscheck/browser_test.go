package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/crosscheck/crosscheck/internal/api"
)

// browser starts a real headless Chromium (Debian's chromium) for one test.
// Without it the test skips, unless CROSSCHECK_REQUIRE_BROWSER is set (CI),
// where it fails.
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CROSSCHECK_REQUIRE_BROWSER") != "" {
			t.Fatalf("chromium not found: %v", err)
		}
		t.Skip("chromium not installed (apt-get install chromium); skipping browser test")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.WindowSize(1280, 1000),
		// This machine has no internet: keep Chromium from trying.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	// Chromium now and then exits before it opens DevTools when the
	// machine is loaded (go test ./... runs packages side by side: "chrome
	// failed to start", once in a whole run, passing alone): a start is
	// tried three times, each with a fresh profile, before the test fails.
	var errs []string
	for attempt := range 3 {
		o := append(opts[:len(opts):len(opts)], chromedp.UserDataDir(t.TempDir()))
		actx, cancelAlloc := chromedp.NewExecAllocator(t.Context(), o...)
		ctx, cancelCtx := chromedp.NewContext(actx)
		ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
		err := chromedp.Do(ctx)
		if err == nil {
			t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
			return ctx
		}
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		errs = append(errs, fmt.Sprintf("attempt %d: %v", attempt+1, err))
		t.Logf("start chromium, attempt %d: %v", attempt+1, err)
	}
	t.Fatalf("start chromium: %s", strings.Join(errs, "; "))
	return nil
}

// jsEval evaluates a JavaScript expression in the page and returns its value.
func jsEval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// screenshot saves a full-page PNG to $CROSSCHECK_SCREENSHOTS (or a temp dir).
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("CROSSCHECK_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s (%d bytes)", p, len(png))
}

func TestBrowserClaimBoardToArticle(t *testing.T) {
	d := demo(t)
	ctx := browser(t)
	err := chromedp.Do(ctx,
		chromedp.Navigate(d.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("f-status")),
		// Choosing a status filters in place through htmx.
		chromedp.SetValue(chromedp.ID("f-status"), "disputed"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('f-status').dispatchEvent(new Event('change', {bubbles: true})), undefined`),
		chromedp.WaitVisible(chromedp.CSS(`a.badge.st-disputed.active`)),
	)
	if err != nil {
		t.Fatalf("board filter: %v", err)
	}
	statuses := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll('li.claim .claim-head')).map(e => e.textContent)`)
	if len(statuses) == 0 {
		t.Fatal("no claims listed under disputed")
	}
	for _, s := range statuses {
		if !strings.Contains(s, "disputed") {
			t.Errorf("claim without disputed badge in the disputed board: %q", s)
		}
	}
	location, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(location, "status=disputed") {
		t.Errorf("the filter is not in the URL (%s): a reload would lose it", location)
	}
	screenshot(t, ctx, "board-disputed")

	// Open the Kursk claim.
	kursk := jsEval[string](t, ctx, `(Array.from(document.querySelectorAll('a.claim-summary')).find(a => /Kursk/i.test(a.textContent)) || {}).href || ''`)
	if kursk == "" {
		t.Fatal("no Kursk claim on the disputed board")
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(kursk), chromedp.WaitVisible(chromedp.CSS(`section.evidence`))); err != nil {
		t.Fatalf("claim page: %v", err)
	}
	evidence := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll('li.ev.st-disputed .evidence-text')).map(e => e.textContent)`)
	found := false
	for _, e := range evidence {
		found = found || strings.Contains(e, "General Staff")
	}
	if !found {
		t.Fatalf("disputed evidence does not cite Ukraine's General Staff: %q", evidence)
	}
	screenshot(t, ctx, "claim-kursk")

	// Follow the evidence to the article page and check the highlights.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`li.ev.st-disputed a`)), chromedp.WaitVisible(chromedp.ID("article-text"))); err != nil {
		t.Fatalf("article page: %v", err)
	}
	spk := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll('#article-text span.spk')).map(e => e.textContent)`)
	cue := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll('#article-text span.cue')).map(e => e.textContent)`)
	cnt := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll('#article-text span.cnt')).map(e => e.textContent)`)
	if len(spk) < 5 || len(cue) < 10 || len(cnt) < 10 {
		t.Fatalf("highlights: %d speakers, %d cues, %d contents", len(spk), len(cue), len(cnt))
	}
	joined := strings.Join(spk, "|")
	for _, want := range []string{"Gerasimov", "General Staff"} {
		if !strings.Contains(joined, want) {
			t.Errorf("speaker highlights %q lack %q", joined, want)
		}
	}
	if !strings.Contains(strings.Join(cue, "|"), "asserted") {
		t.Errorf("cue highlights %q lack 'asserted'", cue)
	}
	colours := jsEval[[]string](t, ctx, `['spk','cue','cnt'].map(c => getComputedStyle(document.querySelector('#article-text span.'+c)).backgroundColor)`)
	if len(colours) != 3 || colours[0] == colours[1] || colours[1] == colours[2] || colours[0] == colours[2] {
		t.Errorf("speaker, cue and content must have distinct colours: %v", colours)
	}
	screenshot(t, ctx, "article-seed")
}

func TestBrowserAnalyzeForm(t *testing.T) {
	d := demo(t)
	ctx := browser(t)
	// A hand-written article in the style of war reporting.
	text := `MOSCOW — Russia's Defence Ministry said on Sunday its forces had captured the village of Novoselivka. Ukraine's General Staff denied the claim, saying its troops still held positions near the village. "The enemy's statements are false," spokesman Dmytro Lykhovii told Ukrinform.`
	err := chromedp.Do(ctx,
		chromedp.Navigate(d.URL+"/analyze"),
		chromedp.WaitVisible(chromedp.CSS(`textarea[name=text]`)),
		chromedp.SetValue(chromedp.CSS(`textarea[name=text]`), text),
		chromedp.SetValue(chromedp.CSS(`input[name=published]`), "2025-05-04"),
		chromedp.Click(chromedp.CSS(`form.analyze button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("article-text")),
	)
	if err != nil {
		t.Fatalf("analyze form: %v", err)
	}
	if n := jsEval[int](t, ctx, `document.querySelectorAll('li.statement').length`); n < 2 {
		t.Errorf("analyze form found %d statements, want at least 2", n)
	}
	if notice := jsEval[string](t, ctx, `document.querySelector('p.notice').textContent`); !strings.Contains(notice, "not stored") {
		t.Errorf("notice %q", notice)
	}
	screenshot(t, ctx, "analyze-result")
}

func TestBrowserXSS(t *testing.T) {
	d := demo(t)
	ctx := browser(t)
	// A hand-written hostile article: markup in the text, title, site and URL.
	hostile := "Hostile test article <script>window.__xss = 1</script>\n\n" +
		`Officials said <img src=x onerror="window.__xss = 2"> the attack on the border post was repelled.` + "\n\n" +
		`"Click <a href="javascript:window.__xss=3">here</a> for more," the spokesman said. <svg onload="window.__xss=4"></svg>`
	var res api.IngestResult
	do(t, d, "POST", "/api/articles", testToken, api.ArticleInput{Text: hostile, URL: "javascript:alert(1)", Site: "<b>evil</b>", Title: `<script>window.__xss=5</script>`, Published: "2025-05-05"}, 200, &res)
	if len(res.Articles) != 1 || res.Articles[0].ID == "" {
		t.Fatalf("ingest hostile: %+v", res)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+"/articles/"+res.Articles[0].ID), chromedp.WaitVisible(chromedp.ID("article-text")), chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatalf("hostile article page: %v", err)
	}
	if xss := jsEval[any](t, ctx, `window.__xss === undefined ? null : window.__xss`); xss != nil {
		t.Fatalf("injected script ran: window.__xss = %v", xss)
	}
	if n := jsEval[int](t, ctx, `document.querySelectorAll('main script, main img, main svg, main a[href^="javascript:"], #article-text a').length`); n != 0 {
		t.Fatalf("%d injected elements in the page", n)
	}
	if shown := jsEval[string](t, ctx, `document.getElementById('article-text').textContent`); !strings.Contains(shown, "<script>") && !strings.Contains(shown, "onerror") {
		t.Errorf("the hostile markup should be shown as text, page text: %.200q", shown)
	}
	screenshot(t, ctx, "xss-article")
	// The same on the pages that list titles and contents.
	for _, page := range []string{"/", "/articles", "/search?q=hostile", "/speakers"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+page), chromedp.Sleep(200*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		if xss := jsEval[any](t, ctx, `window.__xss === undefined ? null : window.__xss`); xss != nil {
			t.Fatalf("%s: injected script ran: %v", page, xss)
		}
	}
}
