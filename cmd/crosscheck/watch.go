package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/fetch"
	"github.com/crosscheck/crosscheck/internal/server"
	"github.com/crosscheck/crosscheck/internal/store"
	"github.com/crosscheck/crosscheck/internal/store/sqlite"
	"github.com/crosscheck/crosscheck/internal/watch"
	"github.com/crosscheck/crosscheck/internal/worker"
)

// WatchFlags are the flags of `crosscheck watch`, shared with `serve
// --watch`.
type WatchFlags struct {
	Interval     time.Duration `help:"Time between polls of each source (a line of a list file may give its own: 'URL 5m')." default:"15m"`
	AllowPrivate bool          `help:"Let sources and the articles they list be fetched from private addresses (loopback, LAN)."`
	PerHost      int           `name:"per-host" help:"Requests in flight to one host." default:"2"`
	HostDelay    time.Duration `help:"Least time between two requests to one host (a robots.txt Crawl-delay raises it)." default:"1s"`
	MaxItems     int           `name:"max-items" help:"Articles fetched per poll of a source; the rest wait for the next polls." default:"100"`
	Timeout      time.Duration `help:"Timeout of one request, body included." default:"30s"`
	MaxBytes     int64         `name:"max-bytes" help:"Size cap of one response." default:"10485760"`
	Contact      string        `help:"URL or e-mail that site operators can reach you at, sent in the User-Agent." default:"https://github.com/crosscheck/crosscheck"`
	SQLiteCache  int           `name:"sqlite-cache" help:"Page cache of each SQLite connection in MiB. Each connection fills its cache as the database grows, so this bounds a long-running process's SQLite memory (times its connections, about 5 while watching). 0: 8 for watch, 16 (the default) for serve." default:"0" placeholder:"MIB"`
	DebugAddr    string        `name:"debug-addr" help:"Serve Go runtime profiles (heap, goroutines; net/http/pprof under /debug/pprof/) on this loopback address while watching, e.g. 127.0.0.1:6060. Off by default." env:"CROSSCHECK_DEBUG_ADDR" placeholder:"HOST:PORT"`
}

// watchSQLiteCacheMiB is the page cache of each SQLite connection of
// `crosscheck watch`: it writes a few articles a second at most, and with
// 64 MiB a connection (the default then) its resident memory grew with
// the database through a 10-minute soak (bench/watchsoak).
const watchSQLiteCacheMiB = 8

// WatchCmd polls feeds, sitemaps and URL lists and keeps the ledger current.
type WatchCmd struct {
	Sources []string `arg:"" optional:"" name:"source" help:"RSS/Atom/JSON feeds, sitemaps (news sitemaps, sitemap indexes, .xml.gz), plain URL lists: http(s) URLs, or files listing them one per line."`
	WatchFlags
	Once        bool   `help:"Poll every source once (sources backing off wait their turn), update the ledger and exit."`
	Status      bool   `help:"Print the stored state of every watched source (last poll, last new item, errors) and exit."`
	MetricsAddr string `name:"metrics-addr" help:"Serve /metrics and /healthz on this address while watching, e.g. 127.0.0.1:9464."`
}

// Run watches until interrupted (or once).
func (c *WatchCmd) Run(ctx context.Context, g *Globals) error {
	limitMemory(ctx) // it ingests and builds the ledger, as ingest does
	cache := c.SQLiteCache
	if cache <= 0 {
		cache = watchSQLiteCacheMiB
	}
	st, err := openStore(ctx, g, sqlite.CacheMiB(cache))
	if err != nil {
		return err
	}
	defer st.Close()
	ws, ok := st.(store.WatchStore)
	if !ok {
		return fmt.Errorf("watch: this store keeps no watch state")
	}
	if c.Status {
		return printWatchStatus(ctx, g.stdout, ws)
	}
	srcs, err := watch.Sources(c.Sources)
	if err != nil {
		return err
	}
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	metrics := server.NewMetrics()
	if c.MetricsAddr != "" {
		ln, err := net.Listen("tcp", c.MetricsAddr)
		if err != nil {
			return &crosscheck.Error{Code: crosscheck.EINVALID, Message: "listen on " + c.MetricsAddr, Err: err}
		}
		// /metrics and /healthz only: the same server as `serve`, no UI.
		srv := server.New(server.Config{}, st, metrics, g.logger)
		go func() {
			if err := srv.Serve(ctx, ln); err != nil {
				g.logger.Error("metrics server", "err", err)
			}
		}()
		fmt.Fprintf(g.stderr, "crosscheck watch: metrics on http://%s/metrics\n", ln.Addr())
	}
	if c.DebugAddr != "" {
		a, err := startDebugServer(ctx, c.DebugAddr, g.logger)
		if err != nil {
			return err
		}
		fmt.Fprintln(g.stderr, debugAddrLine("watch", a))
	}
	w, err := newWatcher(st, ws, z, &c.WatchFlags, metrics, g.logger, g.LedgerCache, c.Once)
	if err != nil {
		return err
	}
	fmt.Fprintf(g.stderr, "crosscheck watch: %d sources, every %s (Ctrl-C stops)\n", len(srcs), c.Interval)
	stats, err := w.Run(ctx, srcs)
	fmt.Fprintf(g.stdout, "watch: %d polls (%d not modified, %d failed), %d new articles, %d items failed\n",
		stats.Polls, stats.NotModified, stats.Failed, stats.NewItems, stats.ItemsFailed)
	return err
}

// newWatcher wires a watcher: the fetcher with the private-address guard,
// the ingest path of `crosscheck ingest` and its ledger update, metrics.
func newWatcher(st store.Store, ws store.WatchStore, z worker.Analyzer, f *WatchFlags, metrics *server.Metrics, log *slog.Logger, ledgerCache int, once bool) (*watch.Watcher, error) {
	if f.Interval <= 0 {
		return nil, crosscheck.Errorf(crosscheck.EINVALID, "--interval must be positive")
	}
	fetcher := fetch.New(fetch.Options{
		AllowPrivate: f.AllowPrivate, Timeout: f.Timeout, MaxBytes: f.MaxBytes,
		UserAgent: "crosscheck/0 (news monitoring; +" + f.Contact + ")",
	})
	l, err := newLedger(st, log, 0, ledgerCache)
	if err != nil {
		return nil, err
	}
	ing := &watch.WorkerIngester{Store: st, Analyzer: z, Ledger: l, Options: worker.Options{Logger: log, LogEvery: -1}}
	var obs watch.Observer
	if metrics != nil {
		obs = metrics
	}
	spacing := f.HostDelay
	if spacing == 0 {
		spacing = -1 // none
	}
	return watch.New(ws, ing, watch.Options{
		Fetcher: fetcher, Interval: f.Interval, PerHost: f.PerHost, HostSpacing: spacing,
		MaxItemsPerPoll: f.MaxItems, Once: once, Logger: log, Observer: obs,
	})
}

// printWatchStatus lists the watched sources, failing ones first.
func printWatchStatus(ctx context.Context, w io.Writer, ws store.WatchStore) error {
	all, err := ws.WatchSources(ctx)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		fmt.Fprintln(w, "no watched sources")
		return nil
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Failing > all[j].Failing })
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tKIND\tLAST POLL\tLAST NEW ITEM\tNEXT POLL\tPOLLS\tNEW\tFAILING\tLAST ERROR")
	day := func(t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return t.UTC().Format("2006-01-02 15:04:05Z")
	}
	for _, s := range all {
		kind := s.Kind
		if kind == "" {
			kind = "?"
		}
		if s.Parent != "" {
			kind += " (from index)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\n", s.URL, kind, day(s.LastPoll), day(s.LastNewItem), day(s.NextPoll),
			s.Polls, s.NewItems, s.Failing, s.LastError)
	}
	return tw.Flush()
}
