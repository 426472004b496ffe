package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/examples"
	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/api"
	"github.com/crosscheck/crosscheck/internal/fetch"
	"github.com/crosscheck/crosscheck/internal/server"
	"github.com/crosscheck/crosscheck/internal/source"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/watch"
	"github.com/crosscheck/crosscheck/internal/web"
	"github.com/crosscheck/crosscheck/internal/worker"
)

// ServeCmd serves the web UI and the JSON API over the store.
type ServeCmd struct {
	Addr         string `help:"Address to listen on." default:"127.0.0.1:8080"`
	Token        string `help:"Bearer token that write endpoints require (POST /api/articles, storing from the analyze page). Without it they are disabled." env:"CROSSCHECK_TOKEN"`
	AllowPrivate bool   `help:"Let the analyze page fetch URLs that resolve to private addresses."`

	Watch      []string `help:"Watch these sources while serving (URLs or list files, as for 'crosscheck watch'); repeat or separate with commas." placeholder:"SOURCE"`
	WatchFlags `prefix:"watch-" group:"watch"`
}

// Run opens the store and serves until interrupted.
func (c *ServeCmd) Run(ctx context.Context, g *Globals) error {
	st, err := openStore(ctx, g)
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
	return serve(ctx, g, st, z, c.Addr, c.Token, c.AllowPrivate, w)
}

// watcher is what `serve --watch` runs beside the server.
type watcher struct {
	sources []watch.Source
	flags   *WatchFlags
}

// DemoCmd ingests the bundled examples into a fresh database and serves them.
type DemoCmd struct {
	Addr  string `help:"Address to listen on." default:"127.0.0.1:8080"`
	Token string `help:"Bearer token for write endpoints." env:"CROSSCHECK_TOKEN"`
	Keep  bool   `help:"Keep the demo database (by default it lives in a temporary directory removed on exit)."`
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
	return serve(ctx, g, st, z, c.Addr, c.Token, false, nil)
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
	n, err := worker.RebuildClaims(ctx, st, buildClaims)
	return res, n, err
}

// serve wires the API and the web UI over st and serves on addr until ctx
// is cancelled; with wt, the watcher runs beside it, counting in the same
// metrics.
func serve(ctx context.Context, g *Globals, st store.Store, z *analyze.Analyzer, addr, token string, allowPrivate bool, wt *watcher) error {
	h, err := newHTTPHandler(st, z, token, allowPrivate, g.logger)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return &crosscheck.Error{Code: crosscheck.EINVALID, Message: "listen on " + addr, Err: err}
	}
	fmt.Fprintf(g.stdout, "crosscheck: serving on http://%s/ (API: /api/, metrics: /metrics; Ctrl-C stops)\n", ln.Addr())
	if wt == nil {
		return h.Serve(ctx, ln)
	}
	ws, ok := st.(store.WatchStore)
	if !ok {
		return fmt.Errorf("serve --watch: this store keeps no watch state")
	}
	w, err := newWatcher(st, ws, z, wt.flags, h.Metrics(), g.logger, false)
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

// newHTTPHandler builds the server with its API and UI.
func newHTTPHandler(st store.Store, z *analyze.Analyzer, token string, allowPrivate bool, log *slog.Logger) (*server.Server, error) {
	metrics := server.NewMetrics()
	f := fetch.New(fetch.Options{AllowPrivate: allowPrivate})
	ing := &storeIngester{st: st, z: z}
	reviews, _ := st.(store.Reviews) // both stores implement it
	a := &api.API{
		Store: st, Reviews: reviews, Analyzer: z, Fetcher: f, Ingester: ing, Token: token, Log: log,
		Observe:  func(d time.Duration) { metrics.AnalysisLatency.Observe(d.Seconds()) },
		Ingested: func(n int) { metrics.ArticlesIngested.Add(float64(n)) },
	}
	places, _ := st.(store.ClaimPlaces)
	ui, err := web.New(web.Web{Store: st, Reviews: reviews, Places: places, Gazetteer: z.Gazetteer(),
		Analyzer: z, Fetcher: f, Ingester: ing, Token: token, Log: log})
	if err != nil {
		return nil, err
	}
	return server.New(server.Config{}, st, metrics, log, a, ui), nil
}

// storeIngester stores documents posted to the API: the same analysis and
// store path as `crosscheck ingest`, then a claims rebuild.
type storeIngester struct {
	st store.Store
	z  *analyze.Analyzer
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
	n, err := worker.RebuildClaims(ctx, i.st, buildClaims)
	if err != nil {
		return res, err
	}
	res.Claims = n
	return res, nil
}

var _ api.Ingester = (*storeIngester)(nil)
