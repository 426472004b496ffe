package ledger_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/claims"
	"github.com/crosscheck/crosscheck/internal/corpora"
	"github.com/crosscheck/crosscheck/internal/ledger"
	"github.com/crosscheck/crosscheck/internal/source"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/postgres"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/store/storetest"
	"github.com/crosscheck/crosscheck/internal/worker"
)

// analysed ingests paths into a scratch store and returns every stored
// analysis: the articles as the ledger reads them back.
func analysed(t *testing.T, paths ...string) []crosscheck.Analysis {
	t.Helper()
	ctx := t.Context()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ref.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := worker.Ingest(ctx, st, z, source.Walk(ctx, paths, source.Options{}), worker.Options{LogEvery: -1}); err != nil && !strings.Contains(err.Error(), "failed") {
		t.Fatal(err)
	}
	var out []crosscheck.Analysis
	for a, err := range st.Analyses(ctx) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, a.Analysis)
	}
	return out
}

var (
	warOnce sync.Once
	warArts []crosscheck.Analysis
)

// warCorpus is the ukraine-war corpus and the seed article.
func warCorpus(t *testing.T) []crosscheck.Analysis {
	dir := corpora.For(t, "corpora", "ukraine-war", "articles")
	warOnce.Do(func() { warArts = analysed(t, dir, filepath.Join("..", "..", "examples", "seed.jsonl")) })
	if len(warArts) < 100 {
		t.Fatalf("war corpus: %d articles", len(warArts))
	}
	return warArts
}

// synthCorpus is n synthetic articles from bench/synth (recombined
// paragraphs of the shared corpora, ~10 % re-publications at other
// outlets a few days later, two years of dates).
func synthCorpus(t *testing.T, n int) []crosscheck.Analysis {
	return synthCorpusOver(t, n, 2*365*24*time.Hour)
}

// synthCorpusOver is synthCorpus with the dates spread over span.
func synthCorpusOver(t *testing.T, n int, span time.Duration, flags ...string) []crosscheck.Analysis {
	shared := corpora.For(t)
	out := t.TempDir()
	args := append([]string{"run", "../../bench/synth", "-n", fmt.Sprint(n), "-out", out, "-shared", shared, "-seed", "7",
		"-span", span.String()}, flags...)
	cmd := exec.CommandContext(t.Context(), "go", args...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("bench/synth: %v\n%s", err, b)
	}
	return analysed(t, out)
}

func puts(arts []crosscheck.Analysis) []store.Put {
	out := make([]store.Put, len(arts))
	for i, a := range arts {
		b, _ := json.Marshal(a)
		sum := sha256.Sum256(b)
		out[i] = store.Put{SourceKey: "test:" + a.Article.ID, DocHash: hex.EncodeToString(sum[:]), Analysis: a,
			ContentHash: hex.EncodeToString(sum[:]), Bands: claims.Bands(claims.Sign(a.Article.Text))}
	}
	return out
}

// reference is claims.Build over every article, as the ledger stores it.
type reference struct {
	claims map[string]string // id → claim JSON
	echoOf map[string]string
}

func build(arts []crosscheck.Analysis) reference {
	return buildWith(arts, claims.Options{})
}

// buildWith is build with the linking options opt.
func buildWith(arts []crosscheck.Analysis, opt claims.Options) reference {
	in := make([]claims.Article, len(arts))
	for i, a := range arts {
		in[i] = claims.Article{Analysis: a}
	}
	r := claims.Build(in, opt)
	ref := reference{claims: map[string]string{}, echoOf: r.EchoOf}
	for _, c := range r.Claims {
		ref.claims[c.ID] = claimJSON(c)
	}
	return ref
}

func claimJSON(c crosscheck.Claim) string {
	b, _ := json.Marshal(c)
	return string(b)
}

// stored reads the ledger back.
func stored(t *testing.T, st store.Store) reference {
	t.Helper()
	ctx := t.Context()
	ref := reference{claims: map[string]string{}, echoOf: map[string]string{}}
	for off := 0; ; off += store.MaxLimit {
		cs, total, err := st.Claims(ctx, store.ClaimFilter{Sort: store.SortOldest, Limit: store.MaxLimit, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			ref.claims[c.ID] = claimJSON(c)
		}
		if off+len(cs) >= total || len(cs) == 0 {
			break
		}
	}
	for off := 0; ; off += store.MaxLimit {
		as, total, err := st.Articles(ctx, store.ArticleFilter{Limit: store.MaxLimit, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range as {
			if a.EchoOf != "" {
				ref.echoOf[a.ID] = a.EchoOf
			}
		}
		if off+len(as) >= total || len(as) == 0 {
			break
		}
	}
	return ref
}

// same reports how got differs from want, in a few lines.
func same(t *testing.T, what string, got, want reference) {
	t.Helper()
	var diffs []string
	for id, w := range want.claims {
		g, ok := got.claims[id]
		switch {
		case !ok:
			diffs = append(diffs, "missing claim "+id+": "+clip(w))
		case g != w:
			diffs = append(diffs, "claim "+id+" differs:\n  got  "+clip(g)+"\n  want "+clip(w))
		}
	}
	for id, g := range got.claims {
		if _, ok := want.claims[id]; !ok {
			diffs = append(diffs, "extra claim "+id+": "+clip(g))
		}
	}
	for a, o := range want.echoOf {
		if got.echoOf[a] != o {
			diffs = append(diffs, fmt.Sprintf("echo %s: got origin %q, want %q", a, got.echoOf[a], o))
		}
	}
	for a, o := range got.echoOf {
		if _, ok := want.echoOf[a]; !ok {
			diffs = append(diffs, fmt.Sprintf("echo %s: got origin %q, want none", a, o))
		}
	}
	t.Logf("%s: %d claims, %d echoes (want %d, %d)", what, len(got.claims), len(got.echoOf), len(want.claims), len(want.echoOf))
	if len(diffs) > 0 {
		slices.Sort(diffs)
		t.Errorf("%s: %d differences from claims.Build (%d claims, %d echoes wanted; %d, %d got); first:\n%s", what, len(diffs),
			len(want.claims), len(want.echoOf), len(got.claims), len(got.echoOf), strings.Join(diffs[:min(len(diffs), 6)], "\n"))
	}
}

func clip(s string) string {
	if len(s) > 1500 {
		return s[:1500] + "…"
	}
	return s
}

// arrival is an order in which articles reach the store, in batches.
type arrival struct {
	name  string
	order func(ps []store.Put) []store.Put
	batch func(r *rand.Rand) int
}

func byPublished(ps []store.Put) []store.Put {
	out := slices.Clone(ps)
	slices.SortStableFunc(out, func(a, b store.Put) int {
		return claims.CompareArticles(string(a.Analysis.Article.Published), a.Analysis.Article.ID,
			string(b.Analysis.Article.Published), b.Analysis.Article.ID)
	})
	return out
}

var arrivals = []arrival{
	{"published order, batches of 64", byPublished, func(*rand.Rand) int { return 64 }},
	{"reversed, one at a time", func(ps []store.Put) []store.Put {
		out := byPublished(ps)
		slices.Reverse(out)
		return out
	}, func(*rand.Rand) int { return 1 }},
	{"shuffled, batches of 1 to 40", func(ps []store.Put) []store.Put {
		out := slices.Clone(ps)
		r := rand.New(rand.NewPCG(1, 2))
		r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		return out
	}, func(r *rand.Rand) int { return 1 + r.IntN(40) }},
}

// late is in publication order with every fifth article held back to the
// end.
var late = arrival{"published order, every fifth late", func(ps []store.Put) []store.Put {
	var on, held []store.Put
	for i, p := range byPublished(ps) {
		if i%5 == 4 {
			held = append(held, p)
		} else {
			on = append(on, p)
		}
	}
	return append(on, held...)
}, func(*rand.Rand) int { return 40 }}

func openSQLite(t *testing.T) store.Store {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "l.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// feed puts ps into st in batches, bringing the ledger up to date after
// each, with small steps so that one update takes several.
func feed(t *testing.T, st store.Store, ps []store.Put, batch func(r *rand.Rand) int) {
	t.Helper()
	feedWith(t, st, ps, batch, ledger.Options{Chunk: 17})
}

// feedWith is feed with the ledger options opt. It returns how many claims
// the updates kept as they were (ledger.Result.Kept).
func feedWith(t *testing.T, st store.Store, ps []store.Put, batch func(r *rand.Rand) int, opt ledger.Options) (sum ledger.Result) {
	t.Helper()
	ctx := t.Context()
	l, err := ledger.New(st, opt)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for len(ps) > 0 {
		n := min(batch(r), len(ps))
		if _, err := st.Put(ctx, ps[:n]); err != nil {
			t.Fatal(err)
		}
		res, err := l.Update(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sum.Kept += res.Kept
		sum.Around += res.Around
		sum.Retried += res.Retried
		ps = ps[n:]
	}
	if stale, err := st.LedgerStale(ctx); err != nil || stale {
		t.Errorf("LedgerStale = %v, %v after the last update", stale, err)
	}
	return sum
}

// TestSameAsBuild: the incremental ledger, fed in several orders (by
// publication, reversed so that every origin arrives after its copies, and
// shuffled, one article or many at a time), and the full rebuild, give
// claims.Build's claims and echo map, on the war corpus with the seed and
// on a synthetic corpus.
func TestSameAsBuild(t *testing.T) {
	corpora := []struct {
		name string
		arts func(t *testing.T) []crosscheck.Analysis
	}{
		{"war", warCorpus},
		{"synthetic", func(t *testing.T) []crosscheck.Analysis { return synthCorpus(t, 600) }},
	}
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			arts := c.arts(t)
			want := build(arts)
			if len(want.claims) == 0 || len(want.echoOf) == 0 && c.name == "synthetic" {
				t.Fatalf("reference has %d claims and %d echoes", len(want.claims), len(want.echoOf))
			}
			ps := puts(arts)
			for _, a := range arrivals {
				if testing.Short() && a.name != arrivals[0].name {
					continue
				}
				t.Run(a.name, func(t *testing.T) {
					st := openSQLite(t)
					feed(t, st, a.order(ps), a.batch)
					same(t, a.name, stored(t, st), want)
				})
			}
			t.Run("rebuild", func(t *testing.T) {
				st := openSQLite(t)
				if _, err := st.Put(t.Context(), ps); err != nil {
					t.Fatal(err)
				}
				l, err := ledger.New(st, ledger.Options{Chunk: 50})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := l.Rebuild(t.Context()); err != nil {
					t.Fatal(err)
				}
				same(t, "rebuild", stored(t, st), want)
			})
		})
	}
}

// TestEpisodesSameAsBuild: with episodes small enough that the synthetic
// corpus's long-lived components are cut into several claims, the
// incremental ledger, in every order of arrival, and the full rebuild give
// claims.Build's claims: an article that arrives in the middle of a
// component moves the cut of the episodes after it, never of those before,
// and the updates that build only the episodes from a change on (kept
// claims) give what building the component whole gives.
func TestEpisodesSameAsBuild(t *testing.T) {
	// 600 articles over two months: components that grow for weeks, as
	// the 200,000-article corpus's do over years.
	arts := synthCorpusOver(t, 600, 20*24*time.Hour)
	opt := claims.Options{EpisodeMin: 5, EpisodeSpan: 24 * time.Hour}
	want := buildWith(arts, opt)
	whole := build(arts)
	// The cut must happen: more claims than without it, and none of
	// EpisodeMin statements or more (its component had as many) running
	// longer than an episode.
	if len(want.claims) <= len(whole.claims) {
		t.Fatalf("%d claims with episodes, %d without: no component was cut", len(want.claims), len(whole.claims))
	}
	for id, js := range want.claims {
		var c crosscheck.Claim
		if err := json.Unmarshal([]byte(js), &c); err != nil {
			t.Fatal(err)
		}
		first, _ := time.Parse(time.RFC3339, c.Statements[0].Published)
		for _, st := range c.Statements {
			if at, err := time.Parse(time.RFC3339, st.Published); err == nil && at.Sub(first) > opt.EpisodeSpan && len(c.Statements) >= opt.EpisodeMin {
				t.Fatalf("claim %s runs from %s to %s, longer than an episode", id, c.Statements[0].Published, st.Published)
			}
		}
	}
	t.Logf("%d claims with episodes, %d without", len(want.claims), len(whole.claims))
	ps := puts(arts)
	// Besides the usual orders, every fifth late: a late article joins
	// components that grew apart, and their episodes are cut again from
	// the earliest statement of any of them.
	for _, a := range append(slices.Clone(arrivals), late) {
		if testing.Short() && a.name != arrivals[0].name {
			continue
		}
		t.Run(a.name, func(t *testing.T) {
			st := openSQLite(t)
			kept := feedWith(t, st, a.order(ps), a.batch, ledger.Options{Chunk: 17, Claims: opt}).Kept
			same(t, a.name, stored(t, st), want)
			// In publication order, new statements join the last
			// episodes: the earlier ones are kept, not built again.
			t.Logf("%s: %d claims of earlier episodes kept", a.name, kept)
			if a.name == arrivals[0].name && kept == 0 {
				t.Error("no update kept the claims of earlier episodes")
			}
		})
	}
	// A ledger whose statements were stored before their times were
	// (migration 47): every At is 0, and the components new articles join
	// are read whole, as before.
	t.Run("stored before times", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "l.db")
		st, err := sqlite.Open(t.Context(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		ordered := byPublished(ps)
		half := len(ordered) / 2
		feedWith(t, st, ordered[:half], func(*rand.Rand) int { return 64 }, ledger.Options{Chunk: 17, Claims: opt})
		db, err := sql.Open("sqlite", sqlite.DSN(path))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(t.Context(), `UPDATE ledger_units SET at = 0`); err != nil {
			t.Fatal(err)
		}
		db.Close()
		feedWith(t, st, ordered[half:], func(*rand.Rand) int { return 40 }, ledger.Options{Chunk: 17, Claims: opt})
		same(t, "stored before times", stored(t, st), want)
	})
	t.Run("rebuild", func(t *testing.T) {
		st := openSQLite(t)
		if _, err := st.Put(t.Context(), ps); err != nil {
			t.Fatal(err)
		}
		l, err := ledger.New(st, ledger.Options{Chunk: 50, Claims: opt})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := l.Rebuild(t.Context()); err != nil {
			t.Fatal(err)
		}
		same(t, "rebuild", stored(t, st), want)
	})
}

// TestSmallCache: with a statement cache far smaller than what one
// article meets in its window, and steps larger than the cache, the
// ledger is still Build's: a statement the cache dropped is read again,
// never skipped.
func TestSmallCache(t *testing.T) {
	arts := synthCorpus(t, 300)
	want := build(arts)
	ps := byPublished(puts(arts))
	st := openSQLite(t)
	// Half at once (steps of up to 64 articles), then the rest in
	// batches whose windows overlap the stored half.
	feedWith(t, st, ps[:150], func(*rand.Rand) int { return 150 }, ledger.Options{Chunk: 64, MaxChunk: 64, CacheUnits: 16})
	rest := slices.Clone(ps[150:])
	rand.New(rand.NewPCG(7, 8)).Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	feedWith(t, st, rest, func(r *rand.Rand) int { return 1 + r.IntN(30) }, ledger.Options{Chunk: 8, MaxChunk: 16, CacheUnits: 16})
	same(t, "small cache", stored(t, st), want)
}

// TestReplacedArticles: articles replaced by another version (a different
// text and statements under the same id) leave the ledger of the final
// versions, as if they had always been so.
func TestReplacedArticles(t *testing.T) {
	arts := slices.Clone(warCorpus(t))
	// Articles with a URL are replaced by a new version (those without
	// are keyed by their text: the store keeps the first publication).
	for i := range arts {
		arts[i].Article.URL = crosscheck.NullString("https://news.example/" + arts[i].Article.ID)
	}
	ps := byPublished(puts(arts))
	// Version one of a third of the articles: another article's analysis
	// under their id, URL and date (so statements, echoes and links
	// change).
	var first []store.Put
	for i, p := range ps {
		if i%3 == 0 {
			v := ps[(i+len(ps)/2)%len(ps)].Analysis
			v.Article.ID, v.Article.URL, v.Article.Published = p.Analysis.Article.ID, p.Analysis.Article.URL, p.Analysis.Article.Published
			q := puts([]crosscheck.Analysis{v})[0]
			q.SourceKey = p.SourceKey + "#v1"
			first = append(first, q)
		}
	}
	st := openSQLite(t)
	feed(t, st, first, func(*rand.Rand) int { return 50 })
	feed(t, st, ps, func(*rand.Rand) int { return 37 })
	var final []crosscheck.Analysis
	for a, err := range st.Analyses(t.Context()) {
		if err != nil {
			t.Fatal(err)
		}
		final = append(final, a.Analysis)
	}
	if len(final) != len(arts) {
		t.Fatalf("%d articles stored, want %d", len(final), len(arts))
	}
	same(t, "replaced", stored(t, st), build(final))
}

// TestPostgres: the incremental ledger on PostgreSQL gives Build's too.
func TestPostgres(t *testing.T) {
	u := storetest.FreshPostgres(t)
	st, err := postgres.Open(t.Context(), u)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	arts := warCorpus(t)
	a := arrivals[2]
	feed(t, st, a.order(puts(arts)), a.batch)
	same(t, "postgres", stored(t, st), build(arts))
}

func TestMain(m *testing.M) {
	code := m.Run()
	os.Exit(code)
}

var _ = context.Background

// TestDecodeUnitMatches: every statement the ledger stores for the war
// corpus decodes with decodeUnit (segmentio/encoding/json) to what
// encoding/json makes of it.
func TestDecodeUnitMatches(t *testing.T) {
	ctx := t.Context()
	st := openSQLite(t)
	feed(t, st, puts(warCorpus(t)), func(*rand.Rand) int { return 500 })
	ls, ok := st.(store.LedgerStore)
	if !ok {
		t.Fatal("the SQLite store keeps no ledger state")
	}
	v, err := ls.OpenLedger(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Rollback()
	var ks []int64
	for k := int64(1); k <= 2000; k++ {
		ks = append(ks, k)
	}
	us, err := v.UnitsOf(ctx, ks)
	if err != nil {
		t.Fatal(err)
	}
	if len(us) < 1000 {
		t.Fatalf("%d statements in the ledger", len(us))
	}
	var stds []any
	var datas [][]byte
	for _, u := range us {
		std, fast, err := ledger.DecodeUnitBoth(u.Data)
		if err != nil {
			t.Fatalf("statement %v: %v", u.UnitRef, err)
		}
		if !reflect.DeepEqual(std, fast) {
			t.Fatalf("statement %v decodes differently:\n%+v\n%+v", u.UnitRef, std, fast)
		}
		stds, datas = append(stds, std), append(datas, u.Data)
	}
	// Decoded together, statements share their equal strings and lists
	// (the echo copies of wire stories) and keep their values.
	interned, shared, err := ledger.DecodeInterned(datas)
	if err != nil {
		t.Fatal(err)
	}
	for i := range stds {
		// As JSON: equal statements now share one match cache (an
		// unexported field).
		if a, b := ledger.MustJSON(t, stds[i]), ledger.MustJSON(t, interned[i]); a != b {
			t.Fatalf("statement %v decodes differently interned:\n%+v\n%+v", us[i].UnitRef, stds[i], interned[i])
		}
	}
	if shared == 0 {
		t.Error("no statement of the war corpus shares its tokens with another")
	}
	t.Logf("%d of %d statements share their tokens with an earlier one", shared, len(us))
}

// TestIndexRowsAsRebuild: fed in publication order a batch at a time (as
// news arrives: claims grow and are written again by their difference,
// their keys moving with their latest activity), the ledger answers
// every query by speaker, party, article, status and text, with its
// counts, as a rebuild of the same articles does.
func TestIndexRowsAsRebuild(t *testing.T) {
	ctx := t.Context()
	ps := puts(warCorpus(t))
	inc := openSQLite(t)
	feed(t, inc, byPublished(ps), func(*rand.Rand) int { return 25 })
	full := openSQLite(t)
	if _, err := full.Put(ctx, ps); err != nil {
		t.Fatal(err)
	}
	l, err := ledger.New(full, ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Rebuild(ctx); err != nil {
		t.Fatal(err)
	}
	all, _, err := full.Claims(ctx, store.ClaimFilter{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	filters := []store.ClaimFilter{{}, {Sort: store.SortLatest}, {Sort: store.SortStatements}}
	seen := map[string]bool{}
	add := func(f store.ClaimFilter) {
		if k := fmt.Sprintf("%+v", f); !seen[k] {
			seen[k] = true
			filters = append(filters, f)
		}
	}
	for i, c := range all {
		if i%7 != 0 {
			continue // a sample keeps the test short
		}
		for _, st := range c.Statements {
			add(store.ClaimFilter{Article: st.Article})
			if st.Speaker != "" {
				add(store.ClaimFilter{Speaker: st.Speaker})
			}
		}
		for _, p := range c.Parties {
			add(store.ClaimFilter{Party: p})
			add(store.ClaimFilter{Party: p, Sort: store.SortLatest})
		}
		for _, s := range c.Status {
			add(store.ClaimFilter{Status: s})
		}
		if words := strings.Fields(c.Summary); len(words) > 2 {
			add(store.ClaimFilter{Q: words[len(words)/2], Sort: store.SortLatest})
		}
	}
	answer := func(st store.Store, f store.ClaimFilter) string {
		f.Limit = 200
		cs, total, err := st.Claims(ctx, f)
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		counts, err := st.StatusCounts(ctx, f)
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		var ids []string
		for _, c := range cs {
			ids = append(ids, c.ID)
		}
		return fmt.Sprint(total, counts, ids)
	}
	bad := 0
	for _, f := range filters {
		if got, want := answer(inc, f), answer(full, f); got != want && bad < 5 {
			bad++
			t.Errorf("%+v:\n got %s\nwant %s", f, clip(got), clip(want))
		}
	}
	t.Logf("%d filters over %d claims", len(filters), len(all))
}

// TestLocalSameAsBuild: large components read around their changed
// statements only (Options.LocalMin) give claims.Build's ledger, whatever
// the order of arrival. Paragraphs drawn from eight source articles make a
// small corpus as dense in restated statements as a large one, and a
// one-day window over forty days makes components that run for weeks with
// only days of them read; articles that arrive late re-parent echo copies
// stored in them, whose statements leave those components or stay.
func TestLocalSameAsBuild(t *testing.T) {
	arts := synthCorpusOver(t, 600, 40*24*time.Hour, "-sources", "8")
	opt := claims.Options{Window: 24 * time.Hour, EpisodeMin: 5, EpisodeSpan: 24 * time.Hour}
	want := buildWith(arts, opt)
	ps := puts(arts)
	var sum ledger.Result
	// Not one at a time in reverse: the slowest, and what it adds the
	// shuffled order has.
	for _, a := range []arrival{late, arrivals[2]} {
		t.Run(a.name, func(t *testing.T) {
			st := openSQLite(t)
			res := feedWith(t, st, a.order(ps), a.batch, ledger.Options{Chunk: 17, LocalMin: 3, Claims: opt})
			same(t, a.name, stored(t, st), want)
			t.Logf("%s: %d components read around their changes, %d steps again with one read whole", a.name, res.Around, res.Retried)
			sum.Around += res.Around
			sum.Retried += res.Retried
		})
	}
	// Both ways must have been taken: read around the changes, and again
	// whole where a component might split (a late article published
	// days before its stored copies links to few of their neighbours).
	if sum.Around == 0 || sum.Retried == 0 {
		t.Errorf("%d components read around their changes, %d steps again with one read whole: want both", sum.Around, sum.Retried)
	}
}
