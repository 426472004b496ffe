package main

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/api"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
)

// TestReadCacheSeesOtherWriters: two servers on one database, as two
// processes would be, each with its read cache. What one server has
// answered (and keeps) is answered anew once the other stores an article
// that changes it: the board, the claim list, its counts and search.
func TestReadCacheSeesOtherWriters(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "shared.db")
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	serve := func() *demoServer {
		st, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		h, err := newServer(st, z, serveConfig{Token: testToken}, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h.Handler())
		t.Cleanup(srv.Close)
		return &demoServer{URL: srv.URL, Store: st}
	}
	writer, reader := serve(), serve()

	type list struct {
		Claims []api.ListedClaim `json:"claims"`
		Total  int               `json:"total"`
		Counts map[string]int    `json:"counts"`
	}
	type hits struct {
		Hits []api.HitJSON `json:"hits"`
	}
	// page returns the HTML the reader serves at path.
	page := func(path string) string {
		t.Helper()
		res, err := http.Get(reader.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	// Asked twice: computed, then kept.
	for range 2 {
		var l list
		get(t, reader, "/api/claims?q=substation", http.StatusOK, &l)
		if l.Total != 0 {
			t.Fatalf("empty database lists %d claims", l.Total)
		}
		var h hits
		get(t, reader, "/api/search?q=substation", http.StatusOK, &h)
		if len(h.Hits) != 0 {
			t.Fatalf("empty database finds %v", h.Hits)
		}
		if strings.Contains(page("/?q=substation"), "Rivne") {
			t.Fatal("empty board shows the claim")
		}
	}

	arts := []api.ArticleInput{
		{URL: "https://example.org/cache/1", Site: "Rivne Evening Wire", Published: "2025-07-01T07:00:00Z",
			Text: "RIVNE — The regional governor said on Tuesday that two drones struck an electrical substation outside Rivne overnight. \"The substation is out of service,\" governor Oleksandr Koval told reporters."},
		{URL: "https://example.org/cache/2", Site: "Moscow Evening Wire", Published: "2025-07-01T12:00:00Z",
			Text: "MOSCOW — Russia's defence ministry denied that drones struck an electrical substation outside Rivne, a spokesman said on Tuesday."},
	}
	var res api.IngestResult
	do(t, writer, "POST", "/api/articles", testToken, map[string]any{"articles": arts}, http.StatusOK, &res)

	var l list
	get(t, reader, "/api/claims?q=substation", http.StatusOK, &l)
	if l.Total == 0 || len(l.Claims) == 0 {
		t.Fatalf("the other server's articles made no claim here: %+v", l)
	}
	n := 0
	for _, c := range l.Counts {
		n += c
	}
	if n == 0 {
		t.Errorf("counts after the write = %v", l.Counts)
	}
	var h hits
	get(t, reader, "/api/search?q=substation", http.StatusOK, &h)
	if len(h.Hits) == 0 {
		t.Error("search does not find the other server's articles")
	}
	if !strings.Contains(page("/?q=substation"), "Rivne") {
		t.Error("the board does not show the other server's claim")
	}
	// The claim page, kept, shows a review made through the other server.
	id := l.Claims[0].ID
	const note = "Checked against the outage map of the grid operator."
	for range 2 {
		if strings.Contains(page("/claims/"+id), note) {
			t.Fatal("the claim page shows a review not yet made")
		}
	}
	do(t, writer, "POST", "/api/claims/"+id+"/reviews", testToken,
		api.ReviewInput{Field: "status", Verdict: "right", Note: note, Reviewer: "Desk"}, http.StatusCreated, nil)
	if !strings.Contains(page("/claims/"+id), note) {
		t.Error("the claim page does not show the other server's review")
	}
}
