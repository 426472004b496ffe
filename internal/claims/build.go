package claims

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck"
)

// Article is what Build needs of one stored article: its analysis (article
// metadata and clean text, sentences, entities, statements, relations) and
// the MinHash signature of its text. A zero Signature is computed from
// Analysis.Article.Text.
type Article struct {
	Analysis  crosscheck.Analysis
	Signature Signature
}

// Result is what Build finds across a set of articles.
type Result struct {
	// Claims in a stable order: by the first appearance of their earliest
	// statement (published date, article id, sentence).
	Claims []crosscheck.Claim `json:"claims"`
	// EchoOf maps the id of every article that re-publishes an earlier
	// article's text to the id of its origin: the earliest published of the
	// copies (ties broken by id). Origins are not keys.
	EchoOf map[string]string `json:"echo_of"`
	// Failures lists what could not be built — an article whose analysis
	// holds impossible spans, a claim whose assembly failed — each left out
	// of the ledger while the rest is built.
	Failures []Failure `json:"failures,omitempty"`
}

// Failure is one article or claim Build had to leave out, and why.
type Failure struct {
	Article string `json:"article"`
	// Claim is the id the claim would have had; empty for an article
	// failure.
	Claim string `json:"claim,omitempty"`
	Error string `json:"error"`
}

// Options configure Build, Link and Match. The zero value gives the
// defaults.
type Options struct {
	// Window is the largest gap between the publication dates of two
	// articles whose statements may be linked into one claim. Defaults to
	// 14 days. Articles without a date are linked regardless of it. Echoes
	// and relations inside one article ignore it.
	Window time.Duration
	// MinSimilarity is the weighted Jaccard similarity of two statements'
	// content words at which they are linked on their words alone (see
	// Match). Defaults to 0.5.
	MinSimilarity float64
	// Lexicon gives the word lists, frames and party blocs. Defaults to the
	// embedded one (Default).
	Lexicon *Lexicon
	// EpisodeMin is the number of statements from which a component of
	// linked statements is cut into episodes (Options.Episodes); a smaller
	// one is one claim however long it runs. Defaults to 1: every
	// component is cut.
	EpisodeMin int
	// EpisodeSpan is the longest time from the first statement of an
	// episode to its last dated one. Defaults to 30 days.
	EpisodeSpan time.Duration
}

const (
	defaultWindow        = 14 * 24 * time.Hour
	defaultMinSimilarity = 0.5
	defaultEpisodeMin    = 1
	defaultEpisodeSpan   = 30 * 24 * time.Hour
	// echoStatementSim is the content similarity at which a statement of an
	// echo article is taken for the copy of a statement of its origin.
	echoStatementSim = 0.5
)

func (o Options) withDefaults() Options {
	if o.Window <= 0 {
		o.Window = defaultWindow
	}
	if o.MinSimilarity <= 0 {
		o.MinSimilarity = defaultMinSimilarity
	}
	if o.EpisodeMin <= 0 {
		o.EpisodeMin = defaultEpisodeMin
	}
	if o.EpisodeSpan <= 0 {
		o.EpisodeSpan = defaultEpisodeSpan
	}
	return o
}

// Roles of a statement towards the claim it belongs to.
const (
	roleNone    = iota // decided by polarity against the claim's origin statement
	roleSupport        // asserts or confirms (joined by a confirms/echoes relation)
	roleDispute        // denies or contradicts (contradicts/not_confirmed relation)
)

// doc is one input article.
type doc struct {
	an     *crosscheck.Analysis
	id     string
	pub    time.Time
	hasPub bool
	sig    Signature
	family int // index of the origin article; itself when not an echo
	ents   map[string]*crosscheck.Entity
	words  []entityWords // see Lexicon.entityWords
	prep   PreparedArticle
	failed bool
}

// unit is one statement in the build.
type unit struct {
	doc   int
	p     *Prepared
	echo  bool
	role  int
	loose []Loose
	// sec and nsec are the publication time (Unix seconds and
	// nanoseconds), when dated: what link compares with the window.
	sec   int64
	nsec  int32
	dated bool
}

// laterThan reports whether u was published more than d after v (both
// dated), as u.when().Sub(v.when()) > d, without time.Time arithmetic.
func (u *unit) laterThan(v *unit, d time.Duration) bool {
	s, limit := u.sec-v.sec, int64(d/time.Second)
	if s > limit+1 {
		return true
	}
	if s < limit-1 {
		return false
	}
	return time.Duration(s)*time.Second+time.Duration(u.nsec-v.nsec) > d
}

// edge is one accepted link, kept on both of its units.
type edge struct {
	other   int
	score   float64
	reasons []string
}

// Build folds echoes under their origins, links statements across articles
// that assert the same proposition, and computes each claim's status with
// evidence. It is the full-rebuild path of the ledger, composed of the
// steps an incremental ledger uses one article at a time: Prepare each
// article, join what the article relates, Link each statement to the
// candidates that share an index key with it, and Status each claim. It is
// deterministic: the same articles in any order give the same Result.
// Articles with the same id are taken once. See the package documentation
// for the rules.
func Build(arts []Article, opt Options) Result {
	opt = opt.withDefaults()
	lx := opt.Lexicon
	if lx == nil {
		var err error
		if lx, err = Default(); err != nil {
			// The embedded data is part of the binary and TestDefault loads
			// it: failing here is a build defect, not bad input.
			panic(err)
		}
		opt.Lexicon = lx
	}
	return build(arts, opt, lx.Status)
}

// build is Build with the function that builds one claim from its members
// (Lexicon.Status; tests pass one that fails).
func build(arts []Article, opt Options, status func([]Member) (crosscheck.Claim, bool)) Result {
	b := &builder{lx: opt.Lexicon, opt: opt, status: status}
	b.prepareDocs(arts)
	res := Result{EchoOf: b.echoes()}
	b.prepareStatements()
	b.joins()
	b.echoStatements()
	b.link()
	res.Claims = b.claims()
	res.Failures = b.failures
	return res
}

// groups runs Build's joins and links and returns, for every statement,
// the index of the group it was joined into — before Status drops the
// groups no voice makes. The link gold test measures linking on it.
func groups(arts []Article, opt Options) map[Ref]int {
	opt = opt.withDefaults()
	if opt.Lexicon == nil {
		opt.Lexicon, _ = Default()
	}
	b := &builder{lx: opt.Lexicon, opt: opt}
	b.prepareDocs(arts)
	b.echoes()
	b.prepareStatements()
	b.joins()
	b.echoStatements()
	b.link()
	out := make(map[Ref]int, len(b.us))
	for ui := range b.us {
		out[Ref{b.us[ui].p.Article, b.us[ui].p.Statement}] = b.find(ui)
	}
	return out
}

type builder struct {
	lx       *Lexicon
	status   func([]Member) (crosscheck.Claim, bool)
	opt      Options
	docs     []doc
	us       []unit
	byDoc    [][]int // unit indices of each doc, in statement order
	parent   []int
	edges    [][]edge
	failures []Failure
}

func (b *builder) prepareDocs(arts []Article) {
	b.docs = make([]doc, 0, len(arts))
	for i := range arts {
		an := &arts[i].Analysis
		id := an.Article.ID
		if id == "" {
			id = crosscheck.ArticleID(string(an.Article.URL), an.Article.Text)
		}
		d := doc{an: an, id: id, sig: arts[i].Signature}
		d.pub, d.hasPub = parseDate(string(an.Article.Published))
		b.docs = append(b.docs, d)
	}
	// Earliest published first, undated last, ties by id: the order that
	// decides origins and claim ids, whatever the input order.
	slices.SortStableFunc(b.docs, func(x, y doc) int {
		if x.hasPub != y.hasPub {
			if x.hasPub {
				return -1
			}
			return 1
		}
		if c := x.pub.Compare(y.pub); c != 0 {
			return c
		}
		return strings.Compare(x.id, y.id)
	})
	b.docs = slices.CompactFunc(b.docs, func(x, y doc) bool { return x.id == y.id })
	for i := range b.docs {
		d := &b.docs[i]
		d.family = i
		if d.sig == (Signature{}) {
			d.sig = Sign(d.an.Article.Text)
		}
	}
}

// echoes finds each article's origin: LSH bands give candidates among the
// earlier articles, of the EchoWindow or with every band key the same (the
// same text), exact shingle containment (IsEcho) confirms them, and
// the earliest confirmed one's own origin becomes the article's origin.
func (b *builder) echoes() map[string]string {
	out := map[string]string{}
	buckets := map[uint64][]int{}
	sets := make([]Shingles, len(b.docs))
	set := func(i int) Shingles {
		if sets[i] == nil {
			sets[i] = shingleSet(b.docs[i].an.Article.Text)
		}
		return sets[i]
	}
	bands := make([][]uint64, len(b.docs))
	for i := range b.docs {
		keys := Bands(b.docs[i].sig)
		bands[i] = keys
		var cands []int
		for _, k := range keys {
			cands = append(cands, buckets[k]...)
		}
		slices.Sort(cands)
		cands = slices.Compact(cands)
		for _, j := range cands {
			dj, di := &b.docs[j], &b.docs[i]
			within := echoWithin(dj.pub, dj.hasPub, di.pub, di.hasPub)
			if (within || slices.Equal(bands[j], keys)) && echoSets(set(j), set(i)) {
				b.docs[i].family = b.docs[j].family
				out[b.docs[i].id] = b.docs[b.docs[j].family].id
				break
			}
		}
		for _, k := range keys {
			buckets[k] = append(buckets[k], i)
		}
	}
	return out
}

// prepareStatements prepares every article (Prepare); an article that
// cannot be prepared is a recorded failure and adds no statement.
func (b *builder) prepareStatements() {
	b.byDoc = make([][]int, len(b.docs))
	for di := range b.docs {
		d := &b.docs[di]
		pa, err := b.lx.Prepare(d.an)
		if err != nil {
			d.failed = true
			b.failures = append(b.failures, Failure{Article: d.id, Error: err.Error()})
			continue
		}
		pa.ID = d.id
		d.prep = pa
		for si := range d.prep.Statements {
			p := &d.prep.Statements[si]
			p.Article = d.id
			b.byDoc[di] = append(b.byDoc[di], len(b.us))
			u := unit{doc: di, p: p}
			if t, ok := p.when(); ok {
				u.sec, u.nsec, u.dated = t.Unix(), int32(t.Nanosecond()), true
			}
			b.us = append(b.us, u)
		}
	}
	b.parent = make([]int, len(b.us))
	for i := range b.parent {
		b.parent[i] = i
	}
	b.edges = make([][]edge, len(b.us))
}

// joins applies what each article relates: the From statement of a
// relation joins the claim of its To statement with the role the relation
// gives it; relations without From bear on To's claim with their party.
func (b *builder) joins() {
	for di := range b.docs {
		byID := map[string]int{}
		for _, ui := range b.byDoc[di] {
			byID[b.us[ui].p.Statement] = ui
		}
		for _, j := range b.docs[di].prep.Joins {
			from, ok1 := byID[j.From]
			to, ok2 := byID[j.To]
			if !ok1 || !ok2 || from == to {
				continue
			}
			b.join(from, to, 1, []string{j.Reason})
			if b.us[from].role == roleNone {
				b.us[from].role = j.Role
			}
		}
		for _, l := range b.docs[di].prep.Loose {
			if to, ok := byID[l.To]; ok {
				b.us[to].loose = append(b.us[to].loose, l)
			}
		}
	}
}

// echoStatements maps each statement of an echo article to the statement of
// its origin that it copies (same speaker or parties, similar content): the
// copy is the same appearance, not new support.
func (b *builder) echoStatements() {
	for di := range b.docs {
		fam := b.docs[di].family
		if fam == di {
			continue
		}
		for _, ui := range b.byDoc[di] {
			u := &b.us[ui]
			best, bestSim := -1, echoStatementSim
			for _, oi := range b.byDoc[fam] {
				o := &b.us[oi]
				if o.p.Speaker != u.p.Speaker && !slices.Equal(o.p.Parties, u.p.Parties) {
					continue
				}
				if s := jaccard(u.p.Tokens, o.p.Tokens); s >= bestSim || (len(u.p.Tokens) == 0 && len(o.p.Tokens) == 0 && o.p.Content == u.p.Content) {
					if s > bestSim || best < 0 {
						best, bestSim = oi, s
					}
				}
			}
			if best >= 0 {
				u.echo = true
				b.join(ui, best, 1, []string{"re-published copy of the same article"})
			}
		}
	}
}

// link joins statements of different articles that Match accepts. The
// candidates of a statement are the earlier statements within the window
// that share one of its index keys (IndexKeys) — exactly what a store's
// index returns to an incremental ledger. Copies in echo articles are
// already joined to what they copy and take no part.
func (b *builder) link() {
	postings := map[string][]int{}
	seen := make([]int, len(b.us)) // ui+1 of the last unit that looked at each unit
	window := b.opt.Window
	for ui := range b.us {
		u := &b.us[ui]
		if u.echo {
			continue
		}
		keys := b.lx.IndexKeys(u.p)
		for _, k := range keys {
			p := postings[k]
			for n := len(p) - 1; n >= 0; n-- {
				vi := p[n]
				v := &b.us[vi]
				if u.dated && v.dated && u.laterThan(v, window) {
					break // postings are in publication order
				}
				if seen[vi] == ui+1 {
					continue
				}
				seen[vi] = ui + 1
				if v.doc == u.doc {
					continue
				}
				if e, ok := b.lx.Match(u.p, v.p, b.opt); ok {
					b.join(ui, vi, e.Score, e.Reasons)
				}
			}
		}
		for _, k := range keys {
			postings[k] = append(postings[k], ui)
		}
	}
}

func (b *builder) join(i, j int, score float64, reasons []string) {
	b.edges[i] = append(b.edges[i], edge{other: j, score: score, reasons: reasons})
	b.edges[j] = append(b.edges[j], edge{other: i, score: score, reasons: reasons})
	b.union(i, j)
}

func (b *builder) find(i int) int {
	for b.parent[i] != i {
		b.parent[i] = b.parent[b.parent[i]]
		i = b.parent[i]
	}
	return i
}

// union keeps the smaller index as the root, so components do not depend on
// the order of unions.
func (b *builder) union(i, j int) {
	ri, rj := b.find(i), b.find(j)
	if ri == rj {
		return
	}
	if rj < ri {
		ri, rj = rj, ri
	}
	b.parent[rj] = ri
}

// claims groups the units into components and builds the claim of each
// episode of each (Status). A claim whose build panics is a recorded
// failure; the others are built.
func (b *builder) claims() []crosscheck.Claim {
	groups := map[int][]int{}
	var roots []int
	for ui := range b.us {
		r := b.find(ui)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], ui)
	}
	out := make([]crosscheck.Claim, 0, len(roots))
	for _, r := range roots { // units are in doc order, so roots are too
		group := groups[r]
		in := make(map[int]bool, len(group))
		for _, ui := range group {
			in[ui] = true
		}
		slices.SortStableFunc(group, func(x, y int) int { return comparePrepared(b.us[x].p, b.us[y].p) })
		ps := make([]*Prepared, len(group))
		for i, ui := range group {
			ps[i] = b.us[ui].p
		}
		starts := b.opt.Episodes(ps)
		for k, from := range starts {
			to := len(group)
			if k+1 < len(starts) {
				to = starts[k+1]
			}
			c, ok, err := b.claim(group[from:to], in)
			if err != nil {
				u := &b.us[group[from]]
				b.failures = append(b.failures, Failure{Article: u.p.Article, Claim: claimID(u.p.Article, u.p.Statement), Error: err.Error()})
				continue
			}
			if ok {
				out = append(out, c)
			}
		}
	}
	return out
}

// claim builds the claim of an episode of a component; in holds the
// component's units, among which a statement's link is found.
func (b *builder) claim(group []int, in map[int]bool) (c crosscheck.Claim, ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("claims: building a claim: %v", r)
		}
	}()
	members := make([]Member, 0, len(group))
	for _, ui := range group {
		u := &b.us[ui]
		d := &b.docs[u.doc]
		m := Member{
			Prepared: u.p, Site: d.prep.Site, URL: d.prep.URL,
			Family: b.docs[d.family].id, Echo: u.echo, Role: u.role, Loose: u.loose,
		}
		if d.family != u.doc {
			m.EchoOf = b.docs[d.family].id
		}
		m.Link = b.linkOf(ui, in)
		members = append(members, m)
	}
	c, ok = b.status(members)
	if ok && len(c.Statements) > 0 {
		c.Statements[0].Link = nil
	}
	return c, ok, nil
}

// linkOf says how unit ui joined its claim: its strongest link to a member
// published before it (ties: the earliest), else its strongest link at all.
func (b *builder) linkOf(ui int, in map[int]bool) *crosscheck.StatementLink {
	best, bestEarlier := -1, false
	for k, e := range b.edges[ui] {
		if !in[e.other] {
			continue
		}
		earlier := comparePrepared(b.us[e.other].p, b.us[ui].p) < 0
		if best < 0 || (earlier && !bestEarlier) {
			best, bestEarlier = k, earlier
			continue
		}
		if earlier != bestEarlier {
			continue
		}
		cur := b.edges[ui][best]
		if e.score > cur.score || (e.score == cur.score && comparePrepared(b.us[e.other].p, b.us[cur.other].p) < 0) {
			best = k
		}
	}
	if best < 0 {
		return nil
	}
	e := b.edges[ui][best]
	o := b.us[e.other].p
	return &crosscheck.StatementLink{To: o.Article + "/" + o.Statement, Reasons: slices.Clone(e.reasons), Score: e.score}
}

// nested reports whether statement i of an article is reported inside the
// content of another of its statements: its cue lies within that content.
func nested(sts []crosscheck.Statement, i int) bool {
	c := sts[i].Cue
	if c.End <= c.Start {
		return false
	}
	for j := range sts {
		if j != i && sts[j].Content.Start <= c.Start && c.End <= sts[j].Content.End {
			return true
		}
	}
	return false
}

// parseDate reads YYYY-MM-DD or RFC 3339 (with or without zone).
func parseDate(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
