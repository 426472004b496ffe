// Command crosscheck reads news about wars and political crises and answers
// who claims what, who disputes it, and who merely repeats it.
//
// Run "crosscheck --help" for the commands.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/alecthomas/kong"

	"github.com/crosscheck/crosscheck"
)

// Exit codes, documented in README.md. Each kind of bad input has its own so
// that scripts can tell them apart.
const (
	exitOK         = 0
	exitInternal   = 1
	exitUsage      = 2  // bad flags or arguments, malformed input
	exitNotFound   = 3  // file or URL not found
	exitEmpty      = 4  // input has no text
	exitBinary     = 5  // input is binary, not text or HTML
	exitTooLarge   = 6  // input over the size limit
	exitForbidden  = 7  // URL refused (private address, scheme)
	exitFetch      = 8  // network fetch failed
	exitBelowFloor = 9  // eval: a score fell below its threshold
	exitPartial    = 10 // ingest: some items failed (the others were stored)
)

// Globals are the flags every command accepts.
type Globals struct {
	DB       string `help:"Path of the SQLite database, or a postgres:// URL." env:"CROSSCHECK_DB" placeholder:"PATH|URL"`
	LogLevel string `help:"Log level: debug, info, warn, error." default:"info" enum:"debug,info,warn,error" env:"CROSSCHECK_LOG_LEVEL"`
	// LedgerCache bounds the decoded statements a long-running watcher or
	// server keeps for linking (the part of its memory that would otherwise
	// grow with the stored statements).
	LedgerCache int `help:"Decoded statements the claim ledger keeps between updates for linking (about 3 KB each); a long-running watch or serve holds at most this many." default:"40000" env:"CROSSCHECK_LEDGER_CACHE" placeholder:"N"`

	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	logger *slog.Logger
}

// CLI is the command line. Each command's type lives in the file named for it.
type CLI struct {
	Globals

	Analyze AnalyzeCmd `cmd:"" help:"Analyze one article (file, URL or - for stdin; HTML or text)."`
	Eval    EvalCmd    `cmd:"" help:"Score the analyzer against hand-annotated articles (expected.json or BRAT)."`
	Ingest  IngestCmd  `cmd:"" help:"Ingest articles (files, directories, JSON Lines, Wikinews CSV, RSS/Atom, WARC) into the database and bring the claim ledger up to date."`
	Rebuild RebuildCmd `cmd:"" help:"Build the claim ledger again from every stored article (the previous one stays until it is done)."`
	Claims  ClaimsCmd  `cmd:"" help:"List claims from the ledger, filtered by status, party, speaker, place, date or text."`
	Claim   ClaimCmd   `cmd:"" help:"Show one claim: status timeline with evidence, statements by party, appearances and echoes."`
	Export  ExportCmd  `cmd:"" help:"Export the claims as JSON Lines, CSV or schema.org ClaimReview JSON-LD."`
	Serve   ServeCmd   `cmd:"" help:"Serve the web UI and the JSON API over the database."`
	Demo    DemoCmd    `cmd:"" help:"Ingest the bundled examples into a fresh database and serve them."`
	Watch   WatchCmd   `cmd:"" help:"Watch feeds, sitemaps and URL lists: ingest new items as they are published and keep the ledger current."`
	Worker  WorkerCmd  `cmd:"" help:"Work the ingest queue of a PostgreSQL database (any number of workers, on any machines)."`
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run parses args, runs the command and returns the process exit code. It
// never calls os.Exit, so tests can call it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var cli CLI
	// kong calls Exit after printing --help; it must stop the run (and
	// not exit the process, so tests can call run).
	exited, exitWith := false, exitOK
	parser, err := kong.New(&cli,
		kong.Name("crosscheck"),
		kong.Description("Who claims what, who disputes it, and who merely repeats it: attribution analysis of news."),
		kong.UsageOnError(),
		kong.Writers(stdout, stderr),
		kong.Exit(func(code int) { exited, exitWith = true, code }),
		kong.Help(helpPrinter),
	)
	if err != nil {
		fmt.Fprintf(stderr, "crosscheck: %v\n", err)
		return exitInternal
	}
	kctx, err := parser.Parse(args)
	if exited {
		return exitWith
	}
	if err != nil {
		fmt.Fprintf(stderr, "crosscheck: %v\n", err)
		return exitUsage
	}
	if kctx == nil || kctx.Command() == "" {
		return exitOK
	}
	cli.stdin, cli.stdout, cli.stderr = stdin, stdout, stderr
	cli.logger = newLogger(stderr, cli.LogLevel)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	kctx.BindTo(ctx, (*context.Context)(nil))
	if err := kctx.Run(&cli.Globals); err != nil {
		fmt.Fprintf(stderr, "crosscheck: %v\n", err)
		return exitCode(err)
	}
	return exitOK
}

// usesDB is implemented by the commands that open the database. --db is a
// global flag (it may come before the command), but only their --help
// lists it.
type usesDB interface{ usesDB() }

func (*IngestCmd) usesDB()  {}
func (*RebuildCmd) usesDB() {}
func (*ClaimsCmd) usesDB()  {}
func (*ClaimCmd) usesDB()   {}
func (*ExportCmd) usesDB()  {}
func (*ServeCmd) usesDB()   {}
func (*DemoCmd) usesDB()    {}
func (*WorkerCmd) usesDB()  {}

// helpPrinter is kong's help with the global flags a command does not use
// left out: "crosscheck analyze --help" does not offer --db.
func helpPrinter(options kong.HelpOptions, ctx *kong.Context) error {
	if sel := ctx.Selected(); sel != nil && sel.Target.IsValid() && sel.Target.CanAddr() {
		if _, ok := sel.Target.Addr().Interface().(usesDB); !ok {
			for _, f := range ctx.Model.Flags {
				if f.Name == "db" && !f.Hidden {
					f.Hidden = true
					defer func() { f.Hidden = false }()
				}
			}
		}
	}
	return kong.DefaultHelpPrinter(options, ctx)
}

// exitCode maps an error to the documented exit code of its kind.
func exitCode(err error) int {
	switch crosscheck.ErrorCode(err) {
	case "":
		return exitOK
	case crosscheck.EINVALID:
		return exitUsage
	case crosscheck.ENOTFOUND:
		return exitNotFound
	case crosscheck.EEMPTY:
		return exitEmpty
	case crosscheck.EBINARY:
		return exitBinary
	case crosscheck.ETOOLARGE:
		return exitTooLarge
	case crosscheck.EFORBIDDEN:
		return exitForbidden
	case crosscheck.EFETCH:
		return exitFetch
	case codeBelowThreshold:
		return exitBelowFloor
	case codePartial:
		return exitPartial
	}
	return exitInternal
}

// codeBelowThreshold is the error code eval returns when a score is under
// its --min-* threshold.
const codeBelowThreshold = "below_threshold"

// codePartial is the error code ingest returns when some items failed and
// the others were stored.
const codePartial = "partial_failure"

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

// defaultDB returns the default database path: crosscheck.db in the user's
// data directory ($XDG_DATA_HOME/crosscheck, or ~/.local/share/crosscheck).
func defaultDB() (string, error) {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("locate data directory: %w", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	dir = filepath.Join(dir, "crosscheck")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create data directory: %w", err)
	}
	return filepath.Join(dir, "crosscheck.db"), nil
}
