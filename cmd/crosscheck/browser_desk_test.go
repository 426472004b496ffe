package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/api"
	"github.com/crosscheck/crosscheck/internal/corpora"
	"github.com/crosscheck/crosscheck/internal/source"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/worker"
)

// deskClaim ingests five hand-written reports of one event, on four days,
// by four parties (an assertion, a denial, a confirmation, a
// re-publication and a second denial), and returns the claim they make.
func deskClaim(t *testing.T, d *demoServer) crosscheck.Claim {
	t.Helper()
	arts := []api.ArticleInput{
		{URL: "https://example.org/desk/1", Site: "Kyiv Hand Wire", Published: "2025-06-01T08:00:00Z",
			Text: "KYIV — Ukraine's air force said on Sunday that its units destroyed 30 Russian drones over Odesa overnight. \"All thirty drones were destroyed,\" air force spokesman Yuriy Ihnat told reporters."},
		{URL: "https://example.org/desk/2", Site: "Moscow Hand Daily", Published: "2025-06-02T10:30:00Z",
			Text: "MOSCOW — Russia's defence ministry denied that Ukrainian units destroyed 30 Russian drones over Odesa, spokesman Igor Konashenkov said on Monday."},
		{URL: "https://example.org/desk/3", Site: "Washington Hand Post", Published: "2025-06-03T15:00:00Z",
			Text: "WASHINGTON — The Pentagon confirmed that Ukrainian units destroyed 30 Russian drones over Odesa, spokesman Pat Ryder said on Tuesday."},
		{URL: "https://example.org/desk/4", Site: "Relay Hand News", Published: "2025-06-03T18:00:00Z",
			Text: "KYIV — Ukraine's air force said on Sunday that its units destroyed 30 Russian drones over Odesa overnight. \"All thirty drones were destroyed,\" air force spokesman Yuriy Ihnat told reporters."},
		{URL: "https://example.org/desk/5", Site: "Minsk Hand Telegraph", Published: "2025-06-05T09:00:00Z",
			Text: "MINSK — Belarus's foreign ministry said that Ukrainian units did not destroy 30 Russian drones over Odesa, calling the report propaganda."},
	}
	var res api.IngestResult
	do(t, d, "POST", "/api/articles", testToken, map[string]any{"articles": arts}, http.StatusOK, &res)
	var list struct {
		Claims []api.ListedClaim `json:"claims"`
	}
	get(t, d, "/api/claims?q=odesa+drones&sort=statements&limit=5", http.StatusOK, &list)
	if len(list.Claims) == 0 || list.Claims[0].NStatements < 4 {
		t.Fatalf("the hand-written reports made no claim of several statements: %+v", list.Claims)
	}
	// The list gives the first statements; the claim page all of them.
	var c crosscheck.Claim
	get(t, d, "/api/claims/"+list.Claims[0].ID, http.StatusOK, &c)
	if len(c.Statements) != list.Claims[0].NStatements {
		t.Fatalf("claim %s has %d statements, the list says %d", c.ID, len(c.Statements), list.Claims[0].NStatements)
	}
	return c
}

// shotsAt saves full-page screenshots of the current page at the desk's
// and a phone's width, and checks that at the phone's width nothing makes
// the page scroll sideways (charts scroll inside their own boxes).
func shotsAt(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	for _, w := range []int64{1366, 390} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900), chromedp.Sleep(150*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		screenshot(t, ctx, fmt.Sprintf("%s-%d", name, w))
		if w == 390 {
			if sw := jsEval[int](t, ctx, `document.documentElement.scrollWidth`); sw > 392 {
				what := jsEval[string](t, ctx, `Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > 392 && !e.closest('.chart-scroll')).slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')`)
				t.Errorf("%s at 390 px: the page is %d px wide (%s)", name, sw, what)
			}
		}
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900)); err != nil {
		t.Fatal(err)
	}
}

func TestBrowserClaimTimelineGraphReview(t *testing.T) {
	d := demo(t)
	c := deskClaim(t, d)
	ctx := browser(t)
	claimURL := d.URL + "/claims/" + c.ID
	if _, err := chromedp.CallBrowser(ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
		Permission: &cdpbrowser.PermissionDescriptor{Name: "clipboard-read"}, Setting: cdpbrowser.PermissionSettingGranted, Origin: d.URL,
	}); err != nil {
		t.Logf("clipboard permission: %v (the copy check falls back to the status text)", err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(claimURL), chromedp.WaitVisible(chromedp.CSS(`svg.timeline-svg`))); err != nil {
		t.Fatalf("claim page: %v", err)
	}

	// The timeline: one dot per dated statement, in one lane per party,
	// each a link to its sentence; the status changes on top.
	dated := 0
	for _, s := range c.Statements {
		if s.Published != "" {
			dated++
		}
	}
	if n := jsEval[int](t, ctx, `document.querySelectorAll('svg.timeline-svg circle.pt').length`); n != dated {
		t.Errorf("timeline: %d dots for %d dated statements", n, dated)
	}
	if n := jsEval[int](t, ctx, `document.querySelectorAll('svg.timeline-svg circle.pt.echo').length`); n < 1 {
		t.Errorf("timeline: the re-publication is not drawn hollow")
	}
	lanes := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll('svg.timeline-svg .lane-label')).map(e => e.textContent)`)
	if len(lanes) < 4 || lanes[0] != "Status" || !strings.Contains(strings.Join(lanes, "|"), "Belarus") {
		t.Errorf("timeline lanes %q: want the status band and one lane per party, named", lanes)
	}
	if n := jsEval[int](t, ctx, `document.querySelectorAll('svg.timeline-svg g.mark').length`); n < 1 {
		t.Errorf("timeline: no status change drawn")
	}
	hrefs := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll('svg.timeline-svg a.pt-link')).map(a => a.getAttribute('href'))`)
	for _, h := range hrefs {
		if !regexp.MustCompile(`^/articles/[0-9a-f]+#s\d+$`).MatchString(h) {
			t.Errorf("timeline dot links %q, want /articles/{id}#sN", h)
		}
	}
	if title := jsEval[string](t, ctx, `document.querySelector('svg.timeline-svg > title').textContent + ' / ' + document.querySelector('svg.timeline-svg > desc').textContent`); !strings.Contains(title, "statements") {
		t.Errorf("timeline has no accessible title/desc: %q", title)
	}

	// Who disputes whom: parties as hubs, speakers, arrows that contradict
	// and confirm.
	hubs := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll('svg.graph-svg .hub-code')).map(e => e.textContent)`)
	for _, p := range []string{"UA", "RU", "US", "BY"} {
		if !strings.Contains(strings.Join(hubs, ","), p) {
			t.Errorf("graph hubs %v lack %s", hubs, p)
		}
	}
	if n := jsEval[int](t, ctx, `document.querySelectorAll('svg.graph-svg path.edge.contradicts').length`); n < 1 {
		t.Errorf("graph: no contradicting arrow")
	}
	if n := jsEval[int](t, ctx, `document.querySelectorAll('svg.graph-svg path.edge.confirms').length`); n < 1 {
		t.Errorf("graph: no confirming arrow")
	}
	edges := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll('.graph-list li')).map(e => e.textContent)`)
	if !strings.Contains(strings.Join(edges, "\n"), "contradicts") {
		t.Errorf("the graph's list lacks a contradiction: %q", edges)
	}
	// Party names beside codes, from the gazetteer.
	if names := jsEval[string](t, ctx, `document.querySelector('.claim-parties').textContent`); !strings.Contains(names, "BY Belarus") && !strings.Contains(names, "BYBelarus") {
		t.Errorf("party names: %q", names)
	}
	// Copy citation: a selectable block, and with JavaScript a button.
	cite := jsEval[string](t, ctx, `document.getElementById('cite-claim').value`)
	if !strings.Contains(cite, c.ID) || !strings.Contains(cite, "/claims/"+c.ID) {
		t.Errorf("claim citation %q", cite)
	}
	if hidden := jsEval[bool](t, ctx, `document.querySelector('button.copy[data-copy=cite-claim]').hidden`); hidden {
		t.Error("the copy button stays hidden with JavaScript on")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`button.copy[data-copy=cite-claim]`)), chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if said := jsEval[string](t, ctx, `document.querySelector('.copied').textContent`); said != "Copied" {
		t.Errorf("after Copy the page says %q", said)
	} else if clip, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise)); err == nil && clip != cite {
		t.Errorf("clipboard holds %q, want the citation", clip)
	}
	shotsAt(t, ctx, "claim")

	// A deep link: the sentence is highlighted and in view.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`li.ev a.deep`)), chromedp.WaitVisible(chromedp.ID("article-text")), chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatalf("deep link: %v", err)
	}
	target := jsEval[string](t, ctx, `(document.querySelector(':target') || {}).id || ''`)
	if !regexp.MustCompile(`^s\d+$`).MatchString(target) {
		t.Fatalf("the deep link targets %q, want a statement", target)
	}
	bg := jsEval[string](t, ctx, `getComputedStyle(document.querySelector(':target')).backgroundColor`)
	if bg == "rgba(0, 0, 0, 0)" || bg == "transparent" {
		t.Errorf("the linked sentence is not highlighted (background %s)", bg)
	}
	if inView := jsEval[bool](t, ctx, `(r => r.top >= 0 && r.top < innerHeight)(document.querySelector(':target').getBoundingClientRect())`); !inView {
		t.Error("the linked sentence is not scrolled into view")
	}
	shotsAt(t, ctx, "article-deeplink")

	// Review round trip: a wrong token is refused and nothing is stored;
	// the right one stores the review, shown on the claim and the board.
	fill := func(token string) error {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(claimURL+"#reviews"), chromedp.WaitVisible(chromedp.CSS(`form.review-form`)),
			chromedp.SetValue(chromedp.ID("rv-field"), "status"),
			chromedp.Click(chromedp.CSS(`input[name=verdict][value=wrong]`)),
			chromedp.SetValue(chromedp.ID("rv-correction"), "corroborated"),
			chromedp.SetValue(chromedp.ID("rv-note"), "The Pentagon's confirmation makes it corroborated, not merely disputed."),
			chromedp.SetValue(chromedp.ID("rv-reviewer"), "Olena Test"),
			chromedp.SetValue(chromedp.ID("rv-token"), token),
		); err != nil {
			return err
		}
		return submitForm(ctx, `form.review-form button[type=submit]`, `section.reviews`)
	}
	var before struct {
		Reviews []api.ReviewJSON `json:"reviews"`
	}
	get(t, d, "/api/claims/"+c.ID+"/reviews", http.StatusOK, &before)
	if err := fill("not-the-token"); err != nil {
		t.Fatalf("review form: %v", err)
	}
	if msg := jsEval[string](t, ctx, `(document.querySelector('form.review-form .error') || {}).textContent || ''`); !strings.Contains(msg, "token") {
		t.Errorf("a wrong token: error %q", msg)
	}
	if kept := jsEval[string](t, ctx, `document.getElementById('rv-reviewer').value + '|' + document.getElementById('rv-token').value`); kept != "Olena Test|" {
		t.Errorf("after an error the form keeps %q, want the name and not the token", kept)
	}
	if n := jsEval[int](t, ctx, `document.querySelectorAll('li.review').length`); n != len(before.Reviews) {
		t.Fatalf("a refused review was stored (%d shown, %d before)", n, len(before.Reviews))
	}
	if err := fill(testToken); err != nil {
		t.Fatalf("review form: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`li.review`))); err != nil {
		t.Fatal(err)
	}
	shown := jsEval[string](t, ctx, `Array.from(document.querySelectorAll('li.review')).pop().textContent`)
	for _, want := range []string{"Olena Test", "wrong", "corroborated", "Pentagon's confirmation", "UTC"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the stored review reads %q, lacking %q", shown, want)
		}
	}
	shotsAt(t, ctx, "claim-reviewed")
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+"/?review=reviewed&q=odesa"), chromedp.WaitVisible(chromedp.ID("results"))); err != nil {
		t.Fatal(err)
	}
	if links := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll('li.claim a.claim-summary')).map(a => a.getAttribute('href'))`); !contains(links, "/claims/"+c.ID) {
		t.Errorf("the board's reviewed filter lacks the claim: %v", links)
	}
	if tag := jsEval[string](t, ctx, `(document.querySelector('li.claim .reviewed') || {}).textContent || ''`); !strings.Contains(tag, "reviewed") {
		t.Errorf("no reviewed tag on the board")
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+"/?review=needs_review&q=odesa"), chromedp.WaitVisible(chromedp.ID("results"))); err != nil {
		t.Fatal(err)
	}
	if links := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll('li.claim a.claim-summary')).map(a => a.getAttribute('href'))`); contains(links, "/claims/"+c.ID) {
		t.Errorf("needs review lists the reviewed claim")
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+"/"), chromedp.WaitVisible(chromedp.ID("results"))); err != nil {
		t.Fatal(err)
	}
	shotsAt(t, ctx, "board")
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func TestBrowserMap(t *testing.T) {
	d := demo(t)
	deskClaim(t, d) // Odesa, Moscow, Minsk, Kyiv
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(d.URL+"/map"), chromedp.WaitVisible(chromedp.ID("map-svg"))); err != nil {
		t.Fatalf("map: %v", err)
	}
	if n := jsEval[int](t, ctx, `document.querySelectorAll('#map-svg path.land').length`); n < 20 {
		t.Errorf("%d country shapes drawn", n)
	}
	if n := jsEval[int](t, ctx, `document.querySelectorAll('#map-svg path.land.named').length`); n < 1 {
		t.Errorf("no country shaded as named in claims")
	}
	points := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll('#map-svg circle.pt title')).map(e => e.textContent)`)
	if len(points) < 3 || !strings.Contains(strings.Join(points, "|"), "Odesa") {
		t.Errorf("map points %q: want cities named in claims, Odesa among them", points)
	}
	if desc := jsEval[string](t, ctx, `document.querySelector('#map-svg > title').textContent`); desc == "" {
		t.Error("the map has no title")
	}
	shotsAt(t, ctx, "map")
	// A place links to its claims on the board, keeping the filters.
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+"/map?status=disputed"), chromedp.WaitVisible(chromedp.ID("map-svg"))); err != nil {
		t.Fatal(err)
	}
	href := jsEval[string](t, ctx, `(Array.from(document.querySelectorAll('table.places a')).find(a => a.textContent === 'Odesa') || {}).href || ''`)
	if href == "" {
		t.Fatalf("Odesa is not on the disputed map")
	}
	u, _ := url.Parse(href)
	if u.Query().Get("place") != "odesa" || u.Query().Get("status") != "disputed" {
		t.Errorf("place link %s: want the board filtered by place and status", href)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(href), chromedp.WaitVisible(chromedp.ID("results"))); err != nil {
		t.Fatal(err)
	}
	if n := jsEval[int](t, ctx, `document.querySelectorAll('li.claim').length`); n < 1 {
		t.Error("the place's board lists no claim")
	}
	// Keyboard: the points are links a keyboard reaches.
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+"/map"), chromedp.WaitVisible(chromedp.ID("map-svg"))); err != nil {
		t.Fatal(err)
	}
	if n := jsEval[int](t, ctx, `Array.from(document.querySelectorAll('#map-svg a')).filter(a => a.tabIndex >= 0).length`); n < 3 {
		t.Errorf("only %d map links are reachable by keyboard", n)
	}
}

// TestBrowserWarCorpusArticles ingests the war corpus and walks every page
// of the Articles list: every article has a title that links to a page
// that opens, and no link anywhere on the list is empty.
func TestBrowserWarCorpusArticles(t *testing.T) {
	dir, err := corpora.Path("corpora", "ukraine-war", "articles")
	if err == nil {
		_, err = os.Stat(dir)
	}
	if err != nil {
		t.Skipf("the war corpus is not here (../shared absent?): %v", err)
	}
	ctx := browser(t)
	ctx, cancel := context.WithTimeout(ctx, 4*time.Minute)
	defer cancel()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "war.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := worker.Ingest(t.Context(), st, z, source.Walk(t.Context(), []string{dir}, source.Options{}), worker.Options{Logger: slog.New(slog.DiscardHandler), LogEvery: -1})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := updateLedger(t.Context(), st, slog.New(slog.DiscardHandler), false, 0, 0); err != nil {
		t.Fatal(err)
	}
	h, err := newHTTPHandler(st, z, testToken, false, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h.Handler())
	defer srv.Close()
	stats, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	stored := stats.Articles // same-text copies are one article
	if stored < 400 || res.Failed != 0 {
		t.Fatalf("ingest: %d articles, %d failed", stored, res.Failed)
	}
	next := srv.URL + "/articles"
	pages, titles := 0, 0
	var links []string
	for next != "" {
		if err := chromedp.Do(ctx, chromedp.Navigate(next), chromedp.WaitVisible(chromedp.CSS(`table.articles`))); err != nil {
			t.Fatalf("%s: %v", next, err)
		}
		pages++
		empty := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll('a')).filter(a => !a.textContent.trim() && !a.getAttribute('aria-label') && !a.querySelector('title')).map(a => a.outerHTML)`)
		if len(empty) > 0 {
			t.Errorf("%s: %d empty links, e.g. %s", next, len(empty), empty[0])
		}
		rows := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll('table.articles a.title')).map(a => a.textContent.trim() + '\t' + a.getAttribute('href'))`)
		for _, r := range rows {
			title, href, _ := strings.Cut(r, "\t")
			if title == "" {
				t.Errorf("%s: an article without a title (%s)", next, href)
			}
			titles++
			links = append(links, href)
		}
		if pages == 1 {
			shotsAt(t, ctx, "articles-war")
		}
		next = jsEval[string](t, ctx, `(document.querySelector('nav.pager a[rel=next]') || {}).href || ''`)
	}
	if titles != stored {
		t.Errorf("the list shows %d articles over %d pages, the store holds %d", titles, pages, stored)
	}
	// Every article opens (over plain HTTP: 400 pages in a browser would
	// only be slower), with its title as the page's heading.
	h1 := regexp.MustCompile(`(?s)<h1>(.*?)</h1>`)
	for _, l := range links {
		resp, err := http.Get(srv.URL + l)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %s", l, resp.Status)
			continue
		}
		if m := h1.FindSubmatch(body); m == nil || strings.TrimSpace(string(m[1])) == "" {
			t.Errorf("%s opens without a heading", l)
		}
	}
	t.Logf("%d articles on %d list pages, all titled and opening", titles, pages)
}

// TestBrowserEveryPage visits every kind of page at the desk's and a
// phone's width (screenshots of each), checks that every form control is
// labelled and every SVG chart titled, and that with JavaScript off the
// pages still work: the citation is a selectable block, the copy button
// stays hidden, and a review can be saved.
func TestBrowserEveryPage(t *testing.T) {
	d := demo(t)
	c := deskClaim(t, d)
	var arts struct {
		Articles []api.ArticleJSON `json:"articles"`
	}
	get(t, d, "/api/articles?site=Tampa+Free+Press", http.StatusOK, &arts)
	if len(arts.Articles) == 0 {
		t.Fatal("no seed article")
	}
	ctx := browser(t)
	pages := []struct{ name, path string }{
		{"board", "/"},
		{"claim", "/claims/" + c.ID},
		{"article", "/articles/" + arts.Articles[0].ID},
		{"articles", "/articles"},
		{"speakers", "/speakers"},
		{"speaker", "/speakers/" + url.PathEscape("Valery Gerasimov")},
		{"search", "/search?q=kursk"},
		{"analyze", "/analyze"},
		{"map", "/map"},
	}
	for _, p := range pages {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(d.URL+p.path), chromedp.WaitVisible(chromedp.CSS(`main h1`))); err != nil {
			t.Fatalf("%s: %v", p.path, err)
		}
		unlabelled := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea')).filter(e => !e.closest('label') && !e.getAttribute('aria-label') && !(e.id && document.querySelector('label[for="' + e.id + '"]'))).map(e => e.outerHTML.slice(0, 80))`)
		if len(unlabelled) > 0 {
			t.Errorf("%s: form controls without a label: %q", p.path, unlabelled)
		}
		untitled := jsEval[int](t, ctx, `Array.from(document.querySelectorAll('main svg')).filter(s => !s.querySelector(':scope > title') || s.getAttribute('role') !== 'img').length`)
		if untitled > 0 {
			t.Errorf("%s: %d SVG charts without role=img and a title", p.path, untitled)
		}
		empty := jsEval[[]string](t, ctx, `Array.from(document.querySelectorAll('a')).filter(a => !a.textContent.trim() && !a.getAttribute('aria-label') && !a.querySelector('title')).map(a => a.outerHTML.slice(0, 100))`)
		if len(empty) > 0 {
			t.Errorf("%s: empty links %q", p.path, empty)
		}
		shotsAt(t, ctx, "page-"+p.name)
	}

	// Without JavaScript.
	if _, err := chromedp.Run(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})); err != nil {
		t.Fatalf("disable JavaScript: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+"/claims/"+c.ID), chromedp.WaitVisible(chromedp.CSS(`svg.timeline-svg`))); err != nil {
		t.Fatal(err)
	}
	if hidden := jsEval[bool](t, ctx, `document.querySelector('button.copy[data-copy=cite-claim]').hidden`); !hidden {
		t.Error("without JavaScript the copy button should stay hidden")
	}
	if cite := jsEval[string](t, ctx, `document.getElementById('cite-claim').value`); !strings.Contains(cite, c.ID) {
		t.Errorf("without JavaScript the citation block reads %q", cite)
	}
	var st crosscheck.ClaimStatement // a statement the form offers: not a re-publication
	for _, s := range c.Statements[1:] {
		if !s.Echo {
			st = s
			break
		}
	}
	err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("rv-field"), "party"),
		chromedp.SetValue(chromedp.ID("rv-statement"), st.Article+"#"+st.Statement),
		chromedp.Click(chromedp.CSS(`input[name=verdict][value=right]`)),
		chromedp.SetValue(chromedp.ID("rv-reviewer"), "No-JS Reviewer"),
		chromedp.SetValue(chromedp.ID("rv-token"), testToken),
		chromedp.Click(chromedp.CSS(`form.review-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.notice, form.review-form .error`)),
	)
	if err != nil {
		t.Fatalf("review without JavaScript: %v", err)
	}
	if msg := jsEval[string](t, ctx, `(document.querySelector('form.review-form .error') || {}).textContent || ''`); msg != "" {
		t.Fatalf("review without JavaScript refused: %s", msg)
	}
	if shown := jsEval[string](t, ctx, `Array.from(document.querySelectorAll('li.review')).map(e => e.textContent).join('|')`); !strings.Contains(shown, "No-JS Reviewer") || !strings.Contains(shown, "party of "+st.Statement) {
		t.Errorf("the review saved without JavaScript reads %q", shown)
	}
	// The board's filters are a plain form.
	if err := chromedp.Do(ctx, chromedp.Navigate(d.URL+"/"), chromedp.WaitVisible(chromedp.ID("f-review")),
		chromedp.SetValue(chromedp.ID("f-review"), "reviewed"), chromedp.Submit(chromedp.ID("f-review")),
		chromedp.WaitVisible(chromedp.ID("results"))); err != nil {
		t.Fatal(err)
	}
	if loc := jsEval[string](t, ctx, `location.search`); !strings.Contains(loc, "review=reviewed") {
		t.Errorf("the board form without JavaScript went to %q", loc)
	}
}

// submitForm clicks a form's submit button and waits for the page the
// post answers with: the page marked before the click gone, the new one
// loaded and showing sel. Waiting for sel alone would read the old page,
// which shows it too, before the answer arrived.
func submitForm(ctx context.Context, button, sel string) error {
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.__beforeSubmit = true`),
		chromedp.Click(chromedp.CSS(button))); err != nil {
		return err
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		// Evaluating while the page changes may fail: try again.
		done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__beforeSubmit === undefined && document.readyState === 'complete'`))
		if err == nil && done {
			return chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(sel)))
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no new page after submitting %s (last error: %v)", button, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
