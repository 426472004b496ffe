package claims

import (
	"strings"
	"time"
)

// What an incremental ledger (internal/ledger) needs besides Prepare,
// IndexKeys, Link, Match and Status to give exactly Build's result: Build's
// order of articles and statements, the claim id, and the choice of the
// origin statement an echo article's statement copies. Each is Build's own
// rule, exported; keep them in step with build.go.

// CompareArticles orders two articles as Build does to decide echo origins:
// the earlier published first, undated last, ties by id. published is the
// analysis's Article.Published.
func CompareArticles(publishedA, idA, publishedB, idB string) int {
	ta, oka := parseDate(publishedA)
	tb, okb := parseDate(publishedB)
	if oka != okb {
		if oka {
			return -1
		}
		return 1
	}
	if c := ta.Compare(tb); c != 0 {
		return c
	}
	return strings.Compare(idA, idB)
}

// ComparePrepared orders statements by publication, then article id, then
// position: the order of claims and of their members, and the "earlier"
// of a statement's link.
func ComparePrepared(a, b *Prepared) int { return comparePrepared(a, b) }

// ClaimID is the id Status gives a claim whose earliest statement is
// article/statement.
func ClaimID(article, statement string) string { return claimID(article, statement) }

// EchoCopy returns the index of the statement of origin (the statements of
// an echo article's origin, in order) that p, a statement of the echo
// article, copies — same speaker or parties, content words at least half
// the same; the best, the first on ties — or -1 when it copies none. Build
// joins the two as one appearance (builder.echoStatements).
func EchoCopy(p *Prepared, origin []*Prepared) int {
	best, bestSim := -1, echoStatementSim
	for i, o := range origin {
		if o.Speaker != p.Speaker && !equalStrings(o.Parties, p.Parties) {
			continue
		}
		if s := jaccard(p.Tokens, o.Tokens); s >= bestSim || (len(p.Tokens) == 0 && len(o.Tokens) == 0 && o.Content == p.Content) {
			if s > bestSim || best < 0 {
				best, bestSim = i, s
			}
		}
	}
	return best
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Shingles is the exact shingle set of an article's text, computed once
// for many IsEcho comparisons (Build keeps each article's set the same
// way): its hashes sorted and without duplicates, a third of a map's
// memory, which matters because the ledger keeps one per article of the
// echo window.
type Shingles []uint64

// ShingleSet returns the shingle set of text.
func ShingleSet(text string) Shingles { return shingleSet(text) }

// EchoSets is IsEcho on shingle sets.
func EchoSets(a, b Shingles) bool { return echoSets(a, b) }

// EchoWindow is how long after an article a near-copy of it is still a
// re-publication (an echo, Build's EchoOf): wire copy and syndicated
// stories appear within hours or days (the war corpus's four echoes within
// five hours). A text published later that shares most of its shingles
// with an older one is an article re-using its paragraphs, not a copy: it
// keeps its own voice. Without the bound, a short article made mostly of
// one recycled paragraph chained later ones to an origin months back, and
// finding a new article's origin read every candidate in the history.
const EchoWindow = 14 * 24 * time.Hour

// EchoWithin reports whether an article published at publishedB may echo
// one published at publishedA as a near-copy: at most EchoWindow apart. An
// undated article is not bounded (nothing says it is outside the window).
// Outside the window only the same text is an echo: every LSH band key
// (Bands) equal, and IsEcho.
func EchoWithin(publishedA, publishedB string) bool {
	ta, oka := parseDate(publishedA)
	tb, okb := parseDate(publishedB)
	return echoWithin(ta, oka, tb, okb)
}

func echoWithin(ta time.Time, oka bool, tb time.Time, okb bool) bool {
	if !oka || !okb {
		return true
	}
	d := tb.Sub(ta)
	return d <= EchoWindow && d >= -EchoWindow
}

// PublishedTime parses an article's publication date as Build orders it
// (YYYY-MM-DD or RFC 3339); ok is false for an undated article.
func PublishedTime(published string) (t time.Time, ok bool) { return parseDate(published) }

// Episodes splits the statements of one component of linked statements,
// sorted by ComparePrepared, into the claims they make, and returns where
// each starts (the first at 0). A proposition restated for months — the
// synthetic corpora of bench/scale hold a component of 213,069 statements
// over two years — is not one claim with one status to a reader, and a
// ledger that kept it whole had to build it again for every statement
// joining it. So it is cut into episodes: each starts with the first
// statement published more than EpisodeSpan after the start of the one
// before, so that what a new statement changes is its own episode and the
// ones after it. No claim of the war corpus is cut (the longest runs 22
// days). Undated statements (sorted last) stay in the last episode. A
// component of fewer than EpisodeMin statements (by default 1: none) is
// one claim. The cut is a function of the component alone, whatever the
// order in which its statements arrived.
func (o Options) Episodes(sorted []*Prepared) []int {
	if len(sorted) < o.withDefaults().EpisodeMin {
		return []int{0}
	}
	return o.Cut(sorted)
}

// Cut is Episodes without the size rule: it cuts statements sorted by
// ComparePrepared, the first of which starts an episode, into episodes.
// An incremental ledger cuts a large component again from the start of an
// episode with it: each episode depends only on the statements from its
// start on.
func (o Options) Cut(sorted []*Prepared) []int {
	o = o.withDefaults()
	starts := []int{0}
	if len(sorted) == 0 {
		return starts
	}
	first := sorted[0]
	for i, p := range sorted {
		if o.NewEpisode(first, p) {
			starts = append(starts, i)
			first = p
		}
	}
	return starts
}

// NewEpisode reports whether p, which follows first in ComparePrepared
// order, starts a new episode after the one first starts: it is published
// more than EpisodeSpan after it. An undated statement never does.
func (o Options) NewEpisode(first, p *Prepared) bool {
	t0, ok0 := first.when()
	t, ok := p.when()
	return ok0 && ok && t.Sub(t0) > o.withDefaults().EpisodeSpan
}

// PublishedAt is a statement's publication time as Build orders and cuts
// by it; false when it has none.
func PublishedAt(p *Prepared) (time.Time, bool) { return p.when() }

// EpisodeMinimum is the size of component from which Episodes cuts.
func (o Options) EpisodeMinimum() int { return o.withDefaults().EpisodeMin }
