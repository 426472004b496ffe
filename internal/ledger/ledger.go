// Package ledger keeps the claim ledger current from the store, article by
// article, with the pure core of package claims: an article that arrives
// finds its echo origin through the stored band index, its statements find
// the statements they may join through an index of link keys
// (claims.IndexKeys, hashed) within the time window, and only the claims
// they touch are built again (claims.Match, claims.Status). The result is
// the ledger claims.Build gives over all stored articles, whatever the
// order in which they arrived.
//
// # State
//
// Besides the claims (store.ClaimStore) the store keeps the ledger's state
// (store.LedgerStore): per article the version read, its echo parent (the
// earliest earlier article it echoes) and family (the root of the parent
// chain: the origin of Build's EchoOf); per statement its prepared features
// (claims.Prepared), its role and loose relations, its component — the
// statements joined by links, relations and echo copies, of which a claim is
// made when a voice is among them — and its link (the strongest link to an
// earlier member, as Build shows it); and the link keys of every statement
// that takes part in linking (not the echo copies). Articles written by any
// path are queued by a trigger on the articles table.
//
// # One step
//
// Update takes the queued articles in publication order, Options.Chunk at
// a time, and for each step:
//
//  1. prepares the articles (claims.Prepare, in parallel);
//  2. echo parents: each article's parent is the earliest earlier article
//     of its echo window (claims.EchoWithin: the band index is read from
//     claims.EchoWindow before it) sharing a band key whose text it
//     echoes (claims.IsEcho); a stored
//     article that a new one precedes and echoes takes the new one as
//     parent (re-parenting: an earlier article that arrives later becomes
//     the origin of the copies already stored), and the children of a
//     replaced article look for their parent again;
//  3. families follow the parents, down to every descendant of an article
//     whose family changed;
//  4. the articles whose statements change (new, replaced, or whose
//     family changed) take their statements out of their components: the
//     components they were in are rebuilt from their remaining members,
//     so that a statement that stops linking (it became an echo copy)
//     splits what it held together (a large one from the statements around
//     them only, below);
//  5. their statements are joined again: relations of the article, the
//     copy of the origin's statement (claims.EchoCopy), and links
//     (claims.Match) to the statements sharing a key within the window —
//     the stored ones through the index, the step's own in memory; the
//     components of stored statements they link to are merged whole
//     (renamed, not read: their statements keep their links unless a new
//     one is better);
//  6. each resulting component gets its members' links and is marked for
//     a new claim; the claims of the components it replaces are marked for
//     removal;
//  7. everything is written in one transaction (store.LedgerTx.Apply).
//
// When the queue is empty, the claims of the marked components are built
// (claims.Status over the members of each episode of each component,
// claims.Options.Episodes), each once however many steps touched it, and
// written with the removal of the replaced ones.
//
// A large component is not read whole. A step marks each component it
// changes with the time from which its members changed
// (store.LedgerComp.From): the earliest of its new statements, of the
// stored ones whose link changed and (a day earlier, from the store's
// times in seconds) of the first statement of every other component
// merged into it, and of the statements that left it; the whole
// component when it keeps no stored id or was rebuilt from all its
// members. The claims pass reads
// its statements from the start of the last episode at or before that
// time (store.LedgerTx.EachComponentUnitWithin), cuts them into episodes
// again from there (claims.Options.Cut) and keeps the earlier episodes'
// claims as they are: an episode depends only on the statements from its
// start on, and those before the time did not change. Statements stored
// before the store kept their times are always read. A component too
// small to be cut now is built whole, as Build builds it.
//
// Nor is a large component (Options.LocalMin statements or more) read
// whole when some of its statements change (an echo re-parented): step 4
// reads the statements within a window of the changed ones (their links
// are computed again) and within two (read to find those links; they
// keep their own unless a better one appears), and one node stands for
// the rest. The rest stays one component with what was read when, for
// each cluster of changed statements, the statements they were linked to
// before are in one group afterwards, apart from parts whole in what was
// read (no statement of the outer band and no echo copy or origin not
// read among them), which split off: any path of the old component
// through changed statements can then go round them. Otherwise the step
// runs again with that component read whole. A component with a
// statement without a stored time, or whose changed statements include
// a replaced article's, an undated one or an echo copy of an origin that
// does not change, is read whole.
//
// Adding statements only merges components; only a statement that changes
// (an article replaced, an echo re-parented) can split one, and then only
// its own components are rebuilt. Match is symmetric and depends on the
// two statements alone, echo parents and families are functions of the
// set of articles, and links are the maximum of a total order: so the
// state after any sequence of steps is the one a single step over all
// articles gives, and that is claims.Build's.
//
// # Claim ids
//
// A claim's id is Build's: derived from its earliest statement
// (claims.ClaimID). When components merge, the merged claim takes the id of
// the earliest statement of all, and the other claims' ids disappear; when
// one splits (a statement became an echo copy), each part takes the id of
// its own earliest statement, so the part that keeps the earliest keeps the
// id. Reviews are kept under the claim id they were made on and under their
// statement (store.Reviews), so they follow their statement into whatever
// claim now holds it, and store.Reviews.MovedClaim redirects an old id.
//
// # Serialization
//
// Updates hold the ledger lock (store.LedgerStore.LockLedger: an advisory
// lock on PostgreSQL, a lock file beside an SQLite database) from the first
// read to the last write, so that two processes never link one statement
// into two claims; every Apply also checks that nobody wrote the ledger
// since the update read it. The ledger records the article generation read
// before the queue (store.LedgerStatus.BuiltFrom), so an article stored
// meanwhile leaves it stale, never wrongly current.
//
// # Full rebuild
//
// Rebuild runs the same steps over every stored article, in publication
// order, inside one transaction that starts from an empty ledger: the
// previous ledger stays in place until it commits, and a cancelled rebuild
// rolls back. Its memory does not grow with the number of articles: a
// step holds at most Options.MaxChunk articles with their statements, the
// statements that share a key with them within the window (what the
// window holds, with a cache of Options.CacheUnits decoded statements
// between steps), and the components the step touches, of which a large
// one is read and built an episode at a time — so the bound is the step,
// the window's statements and the largest episode. (On SQLite the
// transaction holds the database's write lock while it runs.)
package ledger

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/crosscheck/crosscheck/internal/claims"
	"github.com/crosscheck/crosscheck/internal/store"
)

// Options configure a Ledger. The zero value gives the defaults.
type Options struct {
	// Claims are the linking options (window, similarity, lexicon).
	Claims claims.Options
	// Chunk is the number of articles of the first step; while the
	// queue stays full, steps double up to MaxChunk articles. Defaults
	// to 256.
	Chunk int
	// MaxChunk bounds the growth of steps: the memory of a step is
	// proportional to it (its articles, and the stored statements within
	// the window of its span of days). Defaults to 1,024.
	MaxChunk int
	// Workers prepare articles in parallel. Defaults to the CPUs.
	Workers int
	// CacheUnits bounds the decoded statements kept between steps for
	// linking. Defaults to 40,000 (about 100 MB).
	CacheUnits int
	// LocalMin is the size of component from which a change of stored
	// statements (an echo re-parented) reads the component around them
	// only, not whole (see "Nor is a large component" in the package
	// documentation). Defaults to 1,000; negative: always whole.
	LocalMin int
	// MaxRebuildArticles refuses a full rebuild over more stored articles
	// than this (ErrRebuildLimit); 0: no limit.
	MaxRebuildArticles int
	// Logger receives progress. Defaults to discarding.
	Logger *slog.Logger
	// Progress, when set, is called after each step with the articles
	// brought in so far.
	Progress func(articles int)
}

// ErrRebuildLimit is returned (wrapped) when a full rebuild is refused by
// Options.MaxRebuildArticles; the stored ledger is left as it was.
var ErrRebuildLimit = errors.New("too many articles for a full ledger rebuild")

func (o Options) withDefaults() (Options, error) {
	if o.Claims.Lexicon == nil {
		lx, err := claims.Default()
		if err != nil {
			return o, fmt.Errorf("ledger: %w", err)
		}
		o.Claims.Lexicon = lx
	}
	if o.Claims.Window <= 0 {
		o.Claims.Window = 14 * 24 * time.Hour
	}
	if o.Chunk <= 0 {
		o.Chunk = 256
	}
	if o.MaxChunk <= 0 {
		o.MaxChunk = 1024
	}
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	if o.LocalMin == 0 {
		o.LocalMin = 1000
	}
	if o.CacheUnits <= 0 {
		o.CacheUnits = 40000
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o, nil
}

// Ledger keeps a store's claim ledger current. It is safe for concurrent
// use (calls run one at a time) and, through the store's ledger lock, by
// several processes on one database.
type Ledger struct {
	st  store.Store
	ls  store.LedgerStore
	opt Options

	mu    sync.Mutex // one update at a time in this process; guards below
	cache *unitCache
	seen  int64 // the ledger_seq after this process's last write (-1: none)
}

// Result is what an Update or Rebuild did.
type Result struct {
	Articles int // articles brought into the ledger
	Claims   int // claims stored after it
	Written  int // claims written (new or rebuilt)
	Removed  int // claims removed
	// Kept are the claims of episodes before what changed in a large
	// component, left as they were without reading their statements.
	Kept int
	// Around are the large components read around their changed
	// statements only (Options.LocalMin), and Retried the steps run again
	// with one read whole because it might split.
	Around, Retried int
	Rebuilt         bool // a full rebuild ran (asked for, or the state was missing)
	// Failures are the articles and claims left out (claims.Failure).
	Failures []claims.Failure
	Elapsed  time.Duration
}

// New returns a Ledger on st, which must implement store.LedgerStore.
func New(st store.Store, opt Options) (*Ledger, error) {
	ls, ok := st.(store.LedgerStore)
	if !ok {
		return nil, errors.New("ledger: the store keeps no ledger state")
	}
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Ledger{st: st, ls: ls, opt: opt, cache: newUnitCache(opt.CacheUnits), seen: -1}, nil
}

// Stale reports whether articles are waiting for the ledger.
func (l *Ledger) Stale(ctx context.Context) (bool, error) {
	return l.st.LedgerStale(ctx)
}

// Update brings the ledger up to date with every stored article: the
// queued ones are brought in step by step, each step committed on its own
// (an interrupted update leaves a consistent ledger, still stale, that the
// next one completes). When the stored state is missing or was replaced by
// another build, it runs a full rebuild instead.
func (l *Ledger) Update(ctx context.Context) (Result, error) {
	return l.run(ctx, false)
}

// Rebuild builds the whole ledger again from every stored article (see the
// package documentation); the previous ledger stays until it is done.
func (l *Ledger) Rebuild(ctx context.Context) (Result, error) {
	return l.run(ctx, true)
}

func (l *Ledger) run(ctx context.Context, rebuild bool) (res Result, err error) {
	start := time.Now()
	defer func() { res.Elapsed = time.Since(start) }()
	l.mu.Lock()
	defer l.mu.Unlock()
	unlock, err := l.ls.LockLedger(ctx)
	if err != nil {
		return res, fmt.Errorf("ledger: %w", err)
	}
	defer unlock()
	if !rebuild {
		v, err := l.ls.OpenLedger(ctx, false)
		if err != nil {
			return res, fmt.Errorf("ledger: %w", err)
		}
		st, err := v.Status(ctx)
		if err != nil {
			v.Rollback()
			return res, fmt.Errorf("ledger: %w", err)
		}
		if st.Valid {
			res, err = l.steps(ctx, v, st, false)
			if err == nil {
				err = v.Commit(ctx)
			}
			v.Rollback()
			if err != nil {
				l.cache.clear()
				l.seen = -1
				return res, fmt.Errorf("ledger: %w", err)
			}
			res.Claims, err = l.claims(ctx)
			return res, err
		}
		v.Rollback()
		l.opt.Logger.Info("claim ledger: no incremental state for the stored claims; rebuilding")
	}
	if max := l.opt.MaxRebuildArticles; max > 0 {
		s, err := l.st.Stats(ctx)
		if err != nil {
			return res, fmt.Errorf("ledger: %w", err)
		}
		if s.Articles > max {
			return res, fmt.Errorf("ledger: %w: %d stored, the limit is %d", ErrRebuildLimit, s.Articles, max)
		}
	}
	res, err = l.rebuild(ctx)
	res.Rebuilt = true
	if err != nil {
		return res, err
	}
	res.Claims, err = l.claims(ctx)
	return res, err
}

func (l *Ledger) rebuild(ctx context.Context) (Result, error) {
	// The cache holds statements of the ledger being replaced.
	l.cache.clear()
	l.seen = -1
	v, err := l.ls.OpenLedger(ctx, true)
	if err != nil {
		return Result{}, fmt.Errorf("ledger rebuild: %w", err)
	}
	defer v.Rollback()
	st, err := v.Status(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("ledger rebuild: %w", err)
	}
	l.opt.Logger.Info("rebuilding the claim ledger", "generation", st.Generation)
	res, err := l.steps(ctx, v, st, true)
	if err == nil {
		err = v.Commit(ctx)
	}
	// Whatever happened, the cache may hold what was rolled back.
	l.cache.clear()
	l.seen = -1
	if errors.Is(err, store.ErrSuperseded) {
		// A ledger built from later articles is stored: keep it.
		return res, nil
	}
	if err != nil {
		return res, fmt.Errorf("ledger rebuild: %w", err)
	}
	return res, nil
}

// steps brings the pending articles in, one step at a time, then records
// the generation read before them.
func (l *Ledger) steps(ctx context.Context, v store.LedgerTx, st store.LedgerStatus, rebuild bool) (Result, error) {
	var res Result
	if st.Seq != l.seen {
		// Another process wrote the ledger: what is cached may be stale.
		l.cache.clear()
	}
	lastLog := time.Now()
	var cur store.LedgerCursor
	next := int64(0)
	// Steps grow while the queue stays full, up to MaxChunk: a large
	// backlog (a fresh ingest, a rebuild) is taken in fewer, larger steps,
	// with fewer transactions and index queries; the claims are built
	// once at the end whatever the number of steps (claimsPass).
	size := l.opt.Chunk
	for {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		items, err := v.Pending(ctx, cur, size)
		if err != nil {
			return res, err
		}
		if len(items) == 0 {
			break
		}
		cur = items[len(items)-1].LedgerCursor
		if next == 0 {
			if next, err = v.NextComponent(ctx); err != nil {
				return res, err
			}
		}
		whole := map[int64]bool{}
		s := l.newStep(v, next, whole)
		d, err := s.run(ctx, items)
		for se := (*splitError)(nil); errors.As(err, &se); {
			// A large component read around its changed statements may
			// split: the step again, reading it whole. The cache stays:
			// relink returns a splitError before it gives any statement
			// a link, so what the try decoded is as stored.
			res.Retried++
			whole[se.comp] = true
			l.opt.Logger.Debug("claim ledger: a step again, reading a component whole", "articles", len(items), "why", err)
			s = l.newStep(v, next, whole)
			d, err = s.run(ctx, items)
		}
		if err != nil {
			return res, err
		}
		if err := v.Apply(ctx, d); err != nil {
			l.cache.clear()
			return res, err
		}
		next = s.nextComp
		res.Around += len(s.local)
		s.commitCache()
		if len(items) == size {
			size = min(2*size, max(l.opt.Chunk, l.opt.MaxChunk))
		}
		res.Articles += len(items)
		res.Failures = append(res.Failures, s.failures...)
		if l.opt.Progress != nil {
			l.opt.Progress(res.Articles)
		}
		if time.Since(lastLog) >= 10*time.Second {
			lastLog = time.Now()
			l.opt.Logger.Info("claim ledger progress", "articles", res.Articles)
		}
	}
	if err := l.claimsPass(ctx, v, &res); err != nil {
		l.cache.clear()
		return res, err
	}
	if rebuild || st.BuiltFrom < st.Generation {
		if err := v.Apply(ctx, store.LedgerDelta{BuiltFrom: st.Generation}); err != nil {
			return res, err
		}
	}
	after, err := v.Status(ctx)
	if err != nil {
		return res, err
	}
	l.seen = after.Seq
	return res, nil
}

func (l *Ledger) claims(ctx context.Context) (int, error) {
	s, err := l.st.Stats(ctx)
	if err != nil {
		return 0, fmt.Errorf("ledger: %w", err)
	}
	return s.Claims, nil
}
