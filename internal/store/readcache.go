package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/crosscheck/crosscheck"
	"github.com/maypok86/otter/v2"
)

// ReadVersion identifies the state of what the cached read paths return:
// it changes (grows) with every committed write of articles (the
// generation) and of claims or reviews (Reads). Two reads under one
// ReadVersion see the same claims, counts and search results.
type ReadVersion struct {
	Articles int64 // ArticleStore.Generation
	Reads    int64 // grows with every write to claims or reviews
}

// ReadVersioner is implemented by stores that can tell cheaply (one
// indexed read) the ReadVersion of their committed state. The version is
// kept in the database, so that a write by any process (an ingest, a
// worker, another server) invalidates every server's cache.
type ReadVersioner interface {
	ReadVersion(ctx context.Context) (ReadVersion, error)
}

// DefaultReadCacheWeight is the default bound of WithReadCache: about
// this many claims, statements, evidence entries, appearances and hits
// (a few tens of MB).
const DefaultReadCacheWeight = 100_000

// WithReadCache returns st with the results of the list and search reads
// (ClaimBriefs, StatusCounts, Claim and Search) cached under the store's
// ReadVersion: a request first reads the version (one row), and a result
// computed under the same version is answered from memory. A write of
// claims, reviews or articles changes the version, so no result older
// than the last committed write is ever served. Concurrent requests for
// the same uncached result compute it once. The cache holds entries of
// about maxWeight claims and statements in all (least recently and
// frequently used first out); maxWeight <= 0 returns st.
//
// Results are shared between callers: they must not be modified.
func WithReadCache(st Store, v ReadVersioner, maxWeight int) (Store, error) {
	if maxWeight <= 0 || v == nil {
		return st, nil
	}
	c, err := otter.New(&otter.Options[readKey, readValue]{
		MaximumWeight: uint64(maxWeight),
		Weigher:       func(_ readKey, r readValue) uint32 { return r.weight },
	})
	if err != nil {
		return nil, fmt.Errorf("store: read cache: %w", err)
	}
	// Rendered responses in KiB, about as much as the results they show
	// (a statement decoded is about 1 KiB).
	rc, err := otter.New(&otter.Options[renderKey, []byte]{
		MaximumWeight: uint64(maxWeight),
		Weigher:       func(_ renderKey, b []byte) uint32 { return uint32(1 + len(b)>>10) },
	})
	if err != nil {
		return nil, fmt.Errorf("store: read cache: %w", err)
	}
	return &readCached{Store: st, v: v, c: c, rendered: rc}, nil
}

// RenderCache is implemented by the store WithReadCache returns: a
// response made only of what the store's reads return (the JSON of a
// claim list) is kept as bytes under the same version as those reads.
type RenderCache interface {
	// Rendered returns the bytes render made for key under the store's
	// current ReadVersion, calling it (once for concurrent callers) when
	// there are none. key must name everything render's output depends
	// on besides the store's state.
	Rendered(ctx context.Context, key string, render func(ctx context.Context) ([]byte, error)) ([]byte, error)
}

// Rendered returns render(ctx) through rc when st is a RenderCache, else
// calls it.
func Rendered(ctx context.Context, st Store, key string, render func(ctx context.Context) ([]byte, error)) ([]byte, error) {
	if rc, ok := st.(RenderCache); ok {
		return rc.Rendered(ctx, key, render)
	}
	return render(ctx)
}

type readCached struct {
	Store
	v ReadVersioner
	c *otter.Cache[readKey, readValue]
	// rendered is apart from c: a render reads through c, and a loader
	// of an otter cache must not load into its own cache.
	rendered *otter.Cache[renderKey, []byte]
}

type renderKey struct {
	version ReadVersion
	key     string
}

// maxRenderedBytes is the largest response kept.
const maxRenderedBytes = 4 << 20

func (r *readCached) Rendered(ctx context.Context, key string, render func(ctx context.Context) ([]byte, error)) ([]byte, error) {
	v, err := r.v.ReadVersion(ctx)
	if err != nil {
		return nil, err
	}
	var big []byte // a response too large to keep, made by this call
	b, err := r.rendered.Get(ctx, renderKey{v, key}, otter.LoaderFunc[renderKey, []byte](func(ctx context.Context, _ renderKey) ([]byte, error) {
		b, err := render(ctx)
		if err == nil && len(b) > maxRenderedBytes {
			big = b
			return nil, errTooBig
		}
		return b, err
	}))
	if errors.Is(err, errTooBig) {
		if big == nil {
			// Another caller made it: make it again.
			return render(ctx)
		}
		return big, nil
	}
	return b, err
}

var errTooBig = errors.New("store: response too large to cache")

// readKey is one cached read: the operation, its arguments and the
// version it was computed under (entries of older versions are never
// asked for again and age out).
type readKey struct {
	version ReadVersion
	op      string
	filter  ClaimFilter
	text    string // claim id (claim) or query (search)
	limit   int
}

type readValue struct {
	briefs []ClaimBrief
	total  int
	counts map[string]int
	claim  crosscheck.Claim
	hits   []Hit
	weight uint32
}

// maxCachedLimit is the largest page cached: a page of thousands of
// claims (an export through the API) would push out the pages readers
// come back to.
const maxCachedLimit = 200

// get answers key from the cache or computes it with load (once for
// concurrent callers).
func (r *readCached) get(ctx context.Context, key readKey, load func(ctx context.Context) (readValue, error)) (readValue, error) {
	v, err := r.v.ReadVersion(ctx)
	if err != nil {
		return readValue{}, err
	}
	key.version = v
	return r.c.Get(ctx, key, otter.LoaderFunc[readKey, readValue](func(ctx context.Context, _ readKey) (readValue, error) {
		return load(ctx)
	}))
}

func claimWeight(c *crosscheck.Claim) uint32 {
	return uint32(1 + len(c.Statements) + len(c.Evidence) + len(c.Appearances))
}

func (r *readCached) ClaimBriefs(ctx context.Context, f ClaimFilter) ([]ClaimBrief, int, error) {
	if f.Limit > maxCachedLimit {
		return r.Store.ClaimBriefs(ctx, f)
	}
	v, err := r.get(ctx, readKey{op: "briefs", filter: f}, func(ctx context.Context) (readValue, error) {
		bs, total, err := r.Store.ClaimBriefs(ctx, f)
		w := uint32(1)
		for i := range bs {
			w += claimWeight(&bs[i].Claim)
		}
		return readValue{briefs: bs, total: total, weight: w}, err
	})
	return v.briefs, v.total, err
}

func (r *readCached) StatusCounts(ctx context.Context, f ClaimFilter) (map[string]int, error) {
	// The counts do not depend on the status, the order or the page.
	f.Status, f.Sort, f.Limit, f.Offset = "", "", 0, 0
	v, err := r.get(ctx, readKey{op: "counts", filter: f}, func(ctx context.Context) (readValue, error) {
		counts, err := r.Store.StatusCounts(ctx, f)
		return readValue{counts: counts, weight: 1}, err
	})
	return v.counts, err
}

func (r *readCached) Claim(ctx context.Context, id string) (crosscheck.Claim, error) {
	v, err := r.get(ctx, readKey{op: "claim", text: id}, func(ctx context.Context) (readValue, error) {
		c, err := r.Store.Claim(ctx, id)
		return readValue{claim: c, weight: claimWeight(&c)}, err
	})
	return v.claim, err
}

func (r *readCached) Search(ctx context.Context, q string, limit int) ([]Hit, error) {
	if limit > maxCachedLimit {
		return r.Store.Search(ctx, q, limit)
	}
	v, err := r.get(ctx, readKey{op: "search", text: q, limit: limit}, func(ctx context.Context) (readValue, error) {
		hits, err := r.Store.Search(ctx, q, limit)
		return readValue{hits: hits, weight: uint32(1 + len(hits))}, err
	})
	return v.hits, err
}
