package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/examples"
	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/api"
	"github.com/crosscheck/crosscheck/internal/fetch"
	"github.com/crosscheck/crosscheck/internal/ledger"
	"github.com/crosscheck/crosscheck/internal/server"
	"github.com/crosscheck/crosscheck/internal/source"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/watch"
	"github.com/crosscheck/crosscheck/internal/web"
	"github.com/crosscheck/crosscheck/internal/worker"
)

// ServeCmd serves the web UI and the JSON API over the store.
type ServeCmd struct {
	Addr         string     `help:"Address to listen on." default:"127.0.0.1:8080"`
	Token        string     `help:"Bearer token that write endpoints and analysis require (POST /api/articles, POST /api/analyze, the analyze page). Without it they are disabled." env:"CROSSCHECK_TOKEN"`
	AllowPrivate bool       `help:"Let the analyze page fetch URLs that resolve to private addresses."`
	OpenAnalyze  bool       `help:"Let anyone analyze (POST /api/analyze, the analyze page) without the token. Each analysis costs up to seconds of CPU: open it on purpose."`
	Limits       limitFlags `embed:""`
	DebugAddr    string     `name:"debug-addr" help:"Serve Go runtime profiles (CPU, heap, goroutines; net/http/pprof under /debug/pprof/) on this loopback address while serving, e.g. 127.0.0.1:6060: what slow requests spend their time on. Off by default." env:"CROSSCHECK_DEBUG_ADDR" placeholder:"HOST:PORT"`

	Watch      []string `help:"Watch these sources while serving (URLs or list files, as for 'crosscheck watch'); repeat or separate with commas." placeholder:"SOURCE"`
	WatchFlags `prefix:"watch-" group:"watch"`
}

// limitFlags tune the server's protection against expensive requests.
type limitFlags struct {
	SearchBudget       time.Duration `help:"Time budget of one full-text query (search, claims and articles with q); over it the request answers 503." default:"1s"`
	SearchConcurrency  int           `help:"Full-text requests served at once; more wait briefly, then get 503 with Retry-After (default: two per CPU)." default:"0"`
	AnalyzeConcurrency int           `help:"Analyses served at once; more wait briefly, then get 503 with Retry-After (default: half the CPUs, at least 1)." default:"0"`
	MaxAnalyzeBytes    int64         `help:"Largest article (text or HTML bytes) the analyze endpoints accept; larger gets 413." default:"2097152"`
	RequestTimeout     time.Duration `help:"Deadline of an ordinary request (pages, lists); its database queries stop then." default:"15s"`
	Concurrency        int           `help:"Ordinary requests served at once; more wait in line, first come first served, within their deadline (default: one per CPU on SQLite, four per CPU on PostgreSQL)." default:"0"`
	ReadCache          int           `help:"Size of the cache of claim lists, counts, claims and search results, in claims, statements and hits (0: 100000, about tens of MB; -1: no cache). Entries are keyed by the database's write version: any write by any process is seen at once." default:"0"`
}

// Run opens the store and serves until interrupted.
func (c *ServeCmd) Run(ctx context.Context, g *Globals) error {
	st, err := openStore(ctx, g, sqlite.CacheMiB(c.WatchFlags.SQLiteCache)) // 0: the default
	if err != nil {
		return err
	}
	defer st.Close()
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	var w *watcher
	if len(c.Watch) > 0 {
		srcs, err := watch.Sources(c.Watch)
		if err != nil {
			return err
		}
		w = &watcher{sources: srcs, flags: &c.WatchFlags}
	}
	debug := cmp.Or(c.DebugAddr, c.WatchFlags.DebugAddr)
	return serve(ctx, g, st, z, c.Addr, serveConfig{Token: c.Token, AllowPrivate: c.AllowPrivate, OpenAnalyze: c.OpenAnalyze, Limits: c.Limits, LedgerCache: g.LedgerCache, DebugAddr: debug, RemoteDB: isPostgresURL(g.DB)}, w)
}

// watcher is what `serve --watch` runs beside the server.
type watcher struct {
	sources []watch.Source
	flags   *WatchFlags
}

// DemoCmd ingests the bundled examples into a fresh database and serves them.
type DemoCmd struct {
	Addr        string     `help:"Address to listen on." default:"127.0.0.1:8080"`
	Token       string     `help:"Bearer token for write endpoints." env:"CROSSCHECK_TOKEN"`
	Keep        bool       `help:"Keep the demo database (by default it lives in a temporary directory removed on exit)."`
	OpenAnalyze bool       `help:"Let anyone analyze without the token (the demo is a local showcase: on by default)." default:"true" negatable:""`
	Limits      limitFlags `embed:""`
}

// Run builds the demo database and serves it.
func (c *DemoCmd) Run(ctx context.Context, g *Globals) error {
	dir, err := os.MkdirTemp("", "crosscheck-demo-")
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if !c.Keep {
		defer os.RemoveAll(dir)
	}
	if g.DB == "" {
		g.DB = filepath.Join(dir, "demo.db")
	}
	st, err := openStore(ctx, g)
	if err != nil {
		return err
	}
	defer st.Close()
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(g.stderr, "crosscheck demo: ingesting the bundled examples into %s\n", g.DB)
	res, n, err := ingestExamples(ctx, st, z, dir, g.logger)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(g.stderr, "crosscheck demo: %d articles, %d statements, %d claims (%d failed) in %s\n",
		res.Created+res.Updated+res.Unchanged, res.Statements, n, res.Failed, res.Elapsed.Round(time.Millisecond))
	return serve(ctx, g, st, z, c.Addr, serveConfig{Token: c.Token, OpenAnalyze: c.OpenAnalyze, Limits: c.Limits, LedgerCache: g.LedgerCache, RemoteDB: isPostgresURL(g.DB)}, nil)
}

// ingestExamples writes the examples embedded in the binary to dir (the
// source walker reads files) and ingests them into st with z, then rebuilds
// the claims. It returns the ingest result and the number of claims. The
// demo and the server tests share it.
func ingestExamples(ctx context.Context, st store.Store, z *analyze.Analyzer, dir string, log *slog.Logger) (worker.Result, int, error) {
	ex := filepath.Join(dir, "examples")
	if err := os.CopyFS(ex, examples.FS); err != nil {
		return worker.Result{}, 0, fmt.Errorf("write examples: %w", err)
	}
	// The seed text is read through seed.jsonl, which carries its date and site.
	paths := []string{filepath.Join(ex, "seed.jsonl"), filepath.Join(ex, "wikinews.jsonl")}
	res, err := worker.Ingest(ctx, st, z, source.Walk(ctx, paths, source.Options{}), worker.Options{Logger: log, LogEvery: -1})
	if err != nil {
		return res, 0, fmt.Errorf("ingest examples: %w", err)
	}
	lres, _, err := updateLedger(ctx, st, log, false, 0, 0)
	return res, lres.Claims, err
}

// serveConfig is what serve and demo pass to the server.
type serveConfig struct {
	Token        string
	AllowPrivate bool
	OpenAnalyze  bool
	Limits       limitFlags
	LedgerCache  int    // decoded statements the ledger keeps (Globals.LedgerCache)
	DebugAddr    string // where runtime profiles are served, if anywhere
	RemoteDB     bool   // the store is PostgreSQL, not the embedded SQLite
}

// serve wires the API and the web UI over st and serves on addr until ctx
// is cancelled; with wt, the watcher runs beside it, counting in the same
// metrics.
func serve(ctx context.Context, g *Globals, st store.Store, z *analyze.Analyzer, addr string, cfg serveConfig, wt *watcher) error {
	h, err := newServer(st, z, cfg, g.logger)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return &crosscheck.Error{Code: crosscheck.EINVALID, Message: "listen on " + addr, Err: err}
	}
	fmt.Fprintf(g.stdout, "crosscheck: serving on http://%s/ (API: /api/, metrics: /metrics; Ctrl-C stops)\n", ln.Addr())
	if cfg.OpenAnalyze {
		g.logger.Warn("analysis is open to requests without the token (--open-analyze)")
	}
	if cfg.DebugAddr != "" {
		a, err := startDebugServer(ctx, cfg.DebugAddr, g.logger)
		if err != nil {
			return err
		}
		fmt.Fprintln(g.stderr, debugAddrLine("serve", a))
	}
	if wt == nil {
		return h.Serve(ctx, ln)
	}
	ws, ok := st.(store.WatchStore)
	if !ok {
		return fmt.Errorf("serve --watch: this store keeps no watch state")
	}
	w, err := newWatcher(st, ws, z, wt.flags, h.Metrics(), g.logger, g.LedgerCache, false)
	if err != nil {
		return err
	}
	wctx, stopWatch := context.WithCancel(ctx)
	watchDone := make(chan error, 1)
	go func() {
		_, err := w.Run(wctx, wt.sources)
		watchDone <- err
	}()
	fmt.Fprintf(g.stdout, "crosscheck: watching %d sources (health: /sources)\n", len(wt.sources))
	err = h.Serve(ctx, ln)
	stopWatch()
	return errors.Join(err, <-watchDone)
}

// newHTTPHandler builds the server as the demo serves it (analysis open,
// default limits).
func newHTTPHandler(st store.Store, z *analyze.Analyzer, token string, allowPrivate bool, log *slog.Logger) (*server.Server, error) {
	return newServer(st, z, serveConfig{Token: token, AllowPrivate: allowPrivate, OpenAnalyze: true}, log)
}

// newServer builds the server with its API and UI. Reads go through the
// store with a time budget on full-text queries; ingest writes through the
// plain store.
func newServer(st store.Store, z *analyze.Analyzer, cfg serveConfig, log *slog.Logger) (*server.Server, error) {
	lim := cfg.Limits.withDefaults(cfg.RemoteDB)
	metrics := server.NewMetrics()
	// The fetch of a URL to analyze must fit in the analyze deadline.
	f := fetch.New(fetch.Options{AllowPrivate: cfg.AllowPrivate, Timeout: analyzeTimeout / 2, MaxBytes: lim.MaxAnalyzeBytes})
	l, err := newLedger(st, log, 0, cfg.LedgerCache)
	if err != nil {
		return nil, err
	}
	ing := &storeIngester{st: st, z: z, l: l}
	reads := store.WithQueryBudget(st, lim.SearchBudget)
	if v, ok := st.(store.ReadVersioner); ok {
		if reads, err = store.WithReadCache(reads, v, lim.ReadCache); err != nil {
			return nil, err
		}
	}
	capped := &sizeCappedAnalyzer{z: z, max: lim.MaxAnalyzeBytes}
	reviews, _ := st.(store.Reviews) // both stores implement it
	a := &api.API{
		Store: reads, Reviews: reviews, Analyzer: capped, Fetcher: f, Ingester: ing, Token: cfg.Token, OpenAnalyze: cfg.OpenAnalyze, Log: log,
		MaxBody:  ingestMaxBody,
		Observe:  func(d time.Duration) { metrics.AnalysisLatency.Observe(d.Seconds()) },
		Ingested: func(n int) { metrics.ArticlesIngested.Add(float64(n)) },
	}
	places, _ := st.(store.ClaimPlaces)
	watched, _ := st.(store.WatchStore)
	ui, err := web.New(web.Web{Store: reads, Reviews: reviews, Places: places, Watch: watched, Gazetteer: z.Gazetteer(),
		Analyzer: capped, Fetcher: f, Ingester: ing, Token: cfg.Token, OpenAnalyze: cfg.OpenAnalyze, Log: log})
	if err != nil {
		return nil, err
	}
	return server.New(serverConfig(lim), st, metrics, log, a, ui), nil
}

// Deadlines and caps of the expensive routes.
const (
	analyzeTimeout = 30 * time.Second
	ingestTimeout  = 5 * time.Minute
	ingestMaxBody  = 10 << 20
)

// withDefaults fills the limits left at 0. Ordinary requests on SQLite
// are served one per CPU: they are the server's own CPU (the database
// runs in the process, its pages in memory), and with more at once the
// scheduler time-slices them, so that under 10 clients some waited twice
// as long as others (bench/README, "Lighter lists"). On PostgreSQL a
// request mostly waits for the database, and four per CPU keep the CPUs
// busy.
func (l limitFlags) withDefaults(remoteDB bool) limitFlags {
	if l.SearchBudget <= 0 {
		l.SearchBudget = time.Second
	}
	if l.ReadCache == 0 {
		l.ReadCache = store.DefaultReadCacheWeight
	}
	if l.SearchConcurrency <= 0 {
		l.SearchConcurrency = 2 * runtime.GOMAXPROCS(0)
	}
	if l.AnalyzeConcurrency <= 0 {
		l.AnalyzeConcurrency = max(1, runtime.GOMAXPROCS(0)/2)
	}
	if l.MaxAnalyzeBytes <= 0 {
		l.MaxAnalyzeBytes = 2 << 20
	}
	if l.RequestTimeout <= 0 {
		l.RequestTimeout = server.DefaultTimeout
	}
	if l.Concurrency <= 0 {
		l.Concurrency = runtime.GOMAXPROCS(0)
		if remoteDB {
			l.Concurrency *= 4
		}
	}
	return l
}

// serverConfig puts the expensive routes in classes: full-text queries
// (only with q; the same lists without it are cheap), analysis, ingest.
// Ordinary requests share a few slots too: under more clients than CPUs,
// serving a few at a time in arrival order keeps every wait near the
// average instead of starving some (and bounds open database connections
// and memory); /healthz and /metrics bypass the line.
func serverConfig(l limitFlags) server.Config {
	return server.Config{
		Default: server.Limit{Timeout: l.RequestTimeout, Concurrent: l.Concurrency, Queue: l.RequestTimeout * 2 / 3},
		Classes: []server.Class{{
			Name:   "ops",
			Routes: []string{"GET /healthz", "GET /metrics"},
			Limit:  server.Limit{Timeout: 5 * time.Second},
		}, {
			Name: "search",
			Routes: []string{"GET /api/search", "GET /search", "GET /api/claims", "GET /{$}",
				"GET /api/articles", "GET /articles", "GET /api/statements"},
			Param: "q",
			// The budget bounds each query; the request's deadline leaves
			// room for the wait for a slot, and answers within 1.5 s by
			// default.
			Limit: server.Limit{Timeout: l.SearchBudget + 500*time.Millisecond, Concurrent: l.SearchConcurrency, Queue: 500 * time.Millisecond},
		}, {
			Name:   "analyze",
			Routes: []string{"POST /api/analyze", "POST /analyze"},
			// A form URL-encodes the text (up to 3 bytes a byte); the
			// analyzer checks the article itself against MaxAnalyzeBytes.
			Limit: server.Limit{Timeout: analyzeTimeout, MaxBody: 3*l.MaxAnalyzeBytes + 64<<10,
				Concurrent: l.AnalyzeConcurrency, Queue: 2 * time.Second, RetryAfter: 5 * time.Second},
		}, {
			Name:   "ingest",
			Routes: []string{"POST /api/articles"},
			Limit:  server.Limit{Timeout: ingestTimeout, MaxBody: ingestMaxBody, Concurrent: 1, Queue: 10 * time.Second, RetryAfter: 10 * time.Second},
		}},
	}
}

// sizeCappedAnalyzer refuses articles over max bytes before analysing
// them: the server's analysis time grows with the text, and a request must
// finish within its deadline.
type sizeCappedAnalyzer struct {
	z   *analyze.Analyzer
	max int64
}

func (a *sizeCappedAnalyzer) Analyze(ctx context.Context, doc crosscheck.Document) (crosscheck.Analysis, error) {
	if int64(len(doc.Body)) > a.max {
		return crosscheck.Analysis{}, crosscheck.Errorf(crosscheck.ETOOLARGE,
			"article of %d bytes is over the server's %d-byte limit for analysis (serve --max-analyze-bytes)", len(doc.Body), a.max)
	}
	return a.z.Analyze(ctx, doc)
}

// storeIngester stores documents posted to the API: the same analysis and
// store path as `crosscheck ingest`, then a ledger update.
type storeIngester struct {
	st store.Store
	z  *analyze.Analyzer
	l  *ledger.Ledger
}

func (i *storeIngester) Ingest(ctx context.Context, docs []crosscheck.Document) (api.IngestResult, error) {
	puts := make([]store.Put, len(docs))
	for k, d := range docs {
		if d.TitleFallback == "" {
			d.TitleFallback = source.TextTitle(d.Body) // used only when the text has no headline
		}
		puts[k] = worker.Prepare(ctx, i.z, "api:"+worker.DocHash(d), d)
	}
	outs, err := i.st.Put(ctx, puts)
	if err != nil {
		return api.IngestResult{}, err
	}
	res := api.IngestResult{Articles: make([]api.IngestedArticle, len(outs))}
	for k, o := range outs {
		res.Articles[k] = api.IngestedArticle{ID: puts[k].Analysis.Article.ID, Outcome: o.String(), Error: puts[k].Failure}
		if o == store.OutcomeFailed {
			res.Articles[k].ID = ""
		}
	}
	lres, err := i.l.Update(ctx)
	if err != nil {
		return res, err
	}
	res.Claims = lres.Claims
	return res, nil
}

var _ api.Ingester = (*storeIngester)(nil)
