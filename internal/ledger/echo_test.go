package ledger_test

import (
	"fmt"
	"slices"
	"time"

	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/claims"
	"github.com/crosscheck/crosscheck/internal/ledger"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/postgres"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
)

// TestEchoOfEchoWithoutStatements: an article without a statement that
// copies only what an echo added to its original (a re-publication of a
// re-publication sharing nothing with the original) joins the family of
// the original, which the step that brings it in reads nothing else of:
// the echo map names the original, as Build's does.
func TestEchoOfEchoWithoutStatements(t *testing.T) {
	// Four paragraphs of plain description (no one says anything).
	a1 := "The river rose slowly through the night and covered the low fields along the eastern bank of the valley. By morning the water had reached the first houses of the village, and the old stone bridge stood half under the brown current that carried branches and fences downstream."
	a2 := "Farmers moved their cattle to the higher pastures before dawn. The school on the hill opened its doors to families from the lower streets, and volunteers carried blankets, bread and drinking water up the steep road in small trucks and on foot."
	b1 := "In the afternoon the rain stopped and a pale sun came out over the hills. Children gathered on the bridge to watch the water fall, while the bakery on the square handed out warm rolls to anyone who came by with wet boots."
	b2 := "The road to the county town remained closed for a second day because a section of the embankment had slid into the stream. Work crews with two yellow excavators began to clear the mud from the lower lane as the evening light faded behind the ridge."
	items := []map[string]string{
		{"url": "https://valley.example/flood", "site": "Valley News", "published": "2024-03-01T08:00:00Z", "title": "Flood in the valley", "text": a1 + "\n\n" + a2},
		{"url": "https://county.example/flood", "site": "County Post", "published": "2024-03-02T08:00:00Z", "title": "Flood in the valley", "text": a1 + "\n\n" + a2 + "\n\n" + b1 + "\n\n" + b2},
		{"url": "https://ridge.example/flood", "site": "Ridge Daily", "published": "2024-03-03T08:00:00Z", "title": "After the flood", "text": b1 + "\n\n" + b2},
	}
	path := writeItems(t, "flood.jsonl", items)
	arts := analysed(t, path)
	if len(arts) != 3 {
		t.Fatalf("%d articles analysed, want 3", len(arts))
	}
	id := map[string]string{}
	for _, a := range arts {
		id[string(a.Article.URL)] = a.Article.ID
		if string(a.Article.URL) == items[2]["url"] && len(a.Statements) != 0 {
			t.Fatalf("the last article has %d statements; the case needs none", len(a.Statements))
		}
	}
	want := build(arts)
	origin, first, second := id[items[0]["url"]], id[items[1]["url"]], id[items[2]["url"]]
	if want.echoOf[first] != origin || want.echoOf[second] != origin {
		t.Fatalf("Build's echo map %v: want both copies under the original %s", want.echoOf, origin)
	}
	st := openSQLite(t)
	// The original and its first copy, then the second copy alone.
	feed(t, st, byPublished(puts(arts)), func(*rand.Rand) int { return 2 })
	same(t, "echo of an echo", stored(t, st), want)
}

// TestEchoesAtOnePosition: forty copies of one article published within
// the same second, under ids sharing their first 4 bytes, sit at one
// position of the band index (bandPos: Unix seconds, 4 bytes of id), more
// than a page of it. The ledger still finds each copy's earliest original
// by publication to the nanosecond, then id, as Build does, in every order
// of arrival.
func TestEchoesAtOnePosition(t *testing.T) {
	arts := analysed(t, filepath.Join("..", "..", "examples", "seed.jsonl"))
	if len(arts) != 1 || len(arts[0].Statements) == 0 {
		t.Fatalf("seed: %d articles", len(arts))
	}
	var copies []crosscheck.Analysis
	for i := range 40 {
		a := arts[0]
		// Ids in the reverse order of publication within the second, and
		// two copies at each instant, so that neither the id nor the
		// position alone orders them.
		a.Article.ID = fmt.Sprintf("cafe%04d", 40-i)
		a.Article.Published = crosscheck.NullString(fmt.Sprintf("2025-04-26T09:30:00.%03dZ", 100+10*(i/2)))
		a.Article.URL = crosscheck.NullString(fmt.Sprintf("https://outlet%d.example/kursk", i))
		a.Article.Site = crosscheck.NullString(fmt.Sprintf("Outlet %d", i))
		copies = append(copies, a)
	}
	want := build(copies)
	if len(want.echoOf) != 39 {
		t.Fatalf("Build's echo map holds %d copies, want 39", len(want.echoOf))
	}
	ps := puts(copies)
	for _, a := range arrivals {
		t.Run(a.name, func(t *testing.T) {
			st := openSQLite(t)
			feed(t, st, a.order(ps), a.batch)
			same(t, a.name, stored(t, st), want)
		})
	}
}

// TestLegacyKeysDropped: a ledger written before anchors stopped being link
// keys holds "a:" rows for its statements. When an article is replaced,
// its statements' rows go, those too, though no key of theirs names them
// any more.
func TestLegacyKeysDropped(t *testing.T) {
	ctx := t.Context()
	arts := analysed(t, filepath.Join("..", "..", "examples", "seed.jsonl"))
	// A URL: a new version of the article replaces it (without one, the
	// store keeps the first publication of a text).
	v1 := arts[0]
	v1.Article.URL = crosscheck.NullString("https://news.example/kursk")
	st := openSQLite(t)
	feed(t, st, puts([]crosscheck.Analysis{v1}), func(*rand.Rand) int { return 1 })

	lx, err := claims.Default()
	if err != nil {
		t.Fatal(err)
	}
	pa, err := lx.Prepare(&v1)
	if err != nil {
		t.Fatal(err)
	}
	ls := st.(store.LedgerStore)
	view := func(fn func(v store.LedgerTx)) {
		unlock, err := ls.LockLedger(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer unlock()
		v, err := ls.OpenLedger(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		defer v.Rollback()
		fn(v)
	}
	// The statements' refs, through their keys; then an "a:" row for
	// each of their anchors, as the old ledger wrote them.
	var keys, legacy []uint64
	for _, p := range pa.Statements {
		for _, k := range lx.IndexKeys(&p) {
			keys = append(keys, ledger.LinkKey(k))
		}
	}
	view(func(v store.LedgerTx) {
		hits, err := v.LinkNeighbours(ctx, keys, 0, 0, true)
		if err != nil {
			t.Fatal(err)
		}
		var add []store.UnitKey
		for _, h := range hits {
			for _, a := range pa.Statements[h.Seq].Anchors {
				k := ledger.LinkKey("a:" + a.Key)
				legacy = append(legacy, k)
				add = append(add, store.UnitKey{Key: k, Day: h.Day, UnitRef: h.UnitRef})
			}
		}
		if len(add) == 0 {
			t.Fatal("the seed's statements have no anchors: the case needs some")
		}
		if err := v.Apply(ctx, store.LedgerDelta{AddKeys: add}); err != nil {
			t.Fatal(err)
		}
	})
	rows := func() int {
		var n int
		view(func(v store.LedgerTx) {
			hits, err := v.LinkNeighbours(ctx, legacy, 0, 0, true)
			if err != nil {
				t.Fatal(err)
			}
			n = len(hits)
		})
		return n
	}
	if n := rows(); n == 0 {
		t.Fatal("the old rows were not written")
	}
	// A new version of the article: its first statement only.
	v2 := v1
	v2.Statements = v1.Statements[:1]
	v2.Relations = nil
	p2 := puts([]crosscheck.Analysis{v2})
	p2[0].SourceKey += "#v2"
	feed(t, st, p2, func(*rand.Rand) int { return 1 })
	if n := rows(); n != 0 {
		t.Errorf("%d anchor rows of the replaced statements are left", n)
	}
}

// TestEchoWindow: a near-copy is an echo only within claims.EchoWindow of
// its original; the same text is one at any distance. An article that
// re-uses a story's paragraphs six weeks later keeps its own voice, a copy
// posted again a year later, or one without a date, is still an echo; the
// ledger agrees with Build in every order of arrival, so that a late
// original takes the copies stored before it across the window too.
// (Sentences written for this test.)
func TestEchoWindow(t *testing.T) {
	a1 := "The harbour master said on Monday that the northern pier would stay closed to ferries until the storm damage to its concrete deck had been repaired by the city's engineers."
	a2 := "Fishing boats were told to use the southern quay for the rest of the month. Traders at the fish market said the closure had already cost them a week of sales, and that the council had promised them no help so far."
	a3 := "Engineers found two cracks in the supporting columns under the old lighthouse walk, which has been fenced off since the high tide of last Thursday night."
	b1 := "A month and a half later, the council voted to spend four million on a new breakwater. The mayor said the work would begin in the spring and take two years to finish."
	original := a1 + "\n\n" + a2 + "\n\n" + a3
	item := func(url, published, text string) map[string]string {
		return map[string]string{"url": url, "site": url[8 : strings.Index(url[8:], "/")+8], "published": published, "title": "Harbour", "text": text}
	}
	items := []map[string]string{
		item("https://harbour.example/pier", "2024-10-01T08:00:00Z", original),
		// A wire copy with one more paragraph, three days later: an echo.
		item("https://coast.example/pier", "2024-10-04T08:00:00Z", original+"\n\n"+b1),
		// Six weeks later, the story's paragraphs again under a new lead:
		// its shingles hold the original whole, but it is no copy.
		item("https://bay.example/breakwater", "2024-11-15T08:00:00Z", b1+"\n\n"+original),
		// The same text posted again a year later, and without a date.
		item("https://archive.example/pier", "2025-10-01T08:00:00Z", original),
		item("https://nodate.example/pier", "", original),
	}
	path := writeItems(t, "harbour.jsonl", items)
	arts := analysed(t, path)
	if len(arts) != len(items) {
		t.Fatalf("%d articles analysed, want %d", len(arts), len(items))
	}
	id := map[string]string{}
	for _, a := range arts {
		id[string(a.Article.URL)] = a.Article.ID
		if len(a.Statements) == 0 {
			t.Fatalf("%s has no statement; the case needs voices", a.Article.URL)
		}
	}
	want := build(arts)
	orig := id[items[0]["url"]]
	for _, it := range items[1:] {
		echo, isEcho := want.echoOf[id[it["url"]]]
		if wantEcho := it["url"] != "https://bay.example/breakwater"; isEcho != wantEcho || isEcho && echo != orig {
			t.Errorf("Build: %s echoes %q (%v), want an echo of the original: %v", it["url"], echo, isEcho, wantEcho)
		}
	}
	ps := puts(arts)
	for _, a := range arrivals {
		t.Run(a.name, func(t *testing.T) {
			st := openSQLite(t)
			feed(t, st, a.order(ps), a.batch)
			same(t, a.name, stored(t, st), want)
		})
	}
	t.Run("postgres", func(t *testing.T) {
		st, err := postgres.Open(t.Context(), storetest.FreshPostgres(t))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		a := arrivals[1] // reversed: every original after its copies
		feed(t, st, a.order(ps), a.batch)
		same(t, "postgres", stored(t, st), want)
	})
}

// TestEchoWindowOrders: copies, longer versions and parts of one story,
// published over five months, around the echo window's edges (and two
// without a date), arriving in many orders and batch sizes: the ledger's
// echo parents, families and claims are always Build's. (Texts written
// for TestEchoWindow.)
func TestEchoWindowOrders(t *testing.T) {
	// Seed 38 once merged two claims: several copies named one stored
	// statement, which was then relabelled twice.
	for _, seed := range []uint64{21, 38} {
		t.Run(fmt.Sprint("dates ", seed), func(t *testing.T) {
			a1 := "The harbour master said on Monday that the northern pier would stay closed to ferries until the storm damage to its concrete deck had been repaired by the city's engineers."
			a2 := "Fishing boats were told to use the southern quay for the rest of the month. Traders at the fish market said the closure had already cost them a week of sales, and that the council had promised them no help so far."
			a3 := "Engineers found two cracks in the supporting columns under the old lighthouse walk, which has been fenced off since the high tide of last Thursday night."
			b1 := "A month and a half later, the council voted to spend four million on a new breakwater. The mayor said the work would begin in the spring and take two years to finish."
			variants := []string{
				a1 + "\n\n" + a2 + "\n\n" + a3,
				a1 + "\n\n" + a2 + "\n\n" + a3 + "\n\n" + b1,
				b1 + "\n\n" + a1 + "\n\n" + a2 + "\n\n" + a3,
				a1 + "\n\n" + a2,
			}
			var items []map[string]string
			for i, v := range variants {
				items = append(items, map[string]string{"url": fmt.Sprintf("https://v%d.example/pier", i), "site": "Harbour",
					"published": "2024-10-01T08:00:00Z", "title": "Harbour", "text": v})
			}
			path := writeItems(t, "variants.jsonl", items)
			base := analysed(t, path)
			if len(base) != len(variants) {
				t.Fatalf("%d variants analysed, want %d", len(base), len(variants))
			}
			r := rand.New(rand.NewPCG(seed, 22))
			start := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
			var arts []crosscheck.Analysis
			for i := range 14 {
				a := base[r.IntN(len(base))]
				a.Article.ID = fmt.Sprintf("%08x", r.Uint32())
				a.Article.URL = crosscheck.NullString(fmt.Sprintf("https://outlet%d.example/pier", i))
				a.Article.Site = crosscheck.NullString(fmt.Sprintf("Outlet %d", i))
				a.Article.Published = crosscheck.NullString(start.Add(time.Duration(r.Int64N(int64(150 * 24 * time.Hour)))).Format(time.RFC3339))
				if i < 2 {
					a.Article.Published = ""
				}
				arts = append(arts, a)
			}
			want := build(arts)
			// Both kinds of echo are in the case: a near-copy within the window,
			// and the same text beyond it.
			pub := map[string]time.Time{}
			for _, a := range arts {
				pub[a.Article.ID], _ = claims.PublishedTime(string(a.Article.Published))
			}
			var far, near int
			for e, o := range want.echoOf {
				if gap := pub[e].Sub(pub[o]); !pub[e].IsZero() && gap > claims.EchoWindow {
					far++
				} else if !pub[e].IsZero() {
					near++
				}
			}
			if roots := len(arts) - len(want.echoOf); far == 0 || near == 0 || roots < 3 {
				t.Fatalf("Build: %d echoes beyond the window, %d within, %d articles no echo; the case needs each", far, near, roots)
			}
			ps := puts(arts)
			orders := slices.Clone(arrivals)
			for seed := range uint64(4) {
				orders = append(orders, arrival{fmt.Sprintf("shuffled (seed %d), batches of 1 to 6", seed), func(ps []store.Put) []store.Put {
					out := slices.Clone(ps)
					r := rand.New(rand.NewPCG(seed, 99))
					r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
					return out
				}, func(r *rand.Rand) int { return 1 + r.IntN(6) }})
			}
			for _, a := range orders {
				t.Run(a.name, func(t *testing.T) {
					st := openSQLite(t)
					feed(t, st, a.order(ps), a.batch)
					same(t, a.name, stored(t, st), want)
				})
			}
		})
	}
}

// writeItems writes items as the JSON Lines file name of a temporary
// folder and returns its path.
func writeItems(t *testing.T, name string, items []map[string]string) string {
	t.Helper()
	var lines []string
	for _, it := range items {
		b, err := json.Marshal(it)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(b))
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
