package claims

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"math"
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
}

// Options configure Build. The zero value gives the defaults.
type Options struct {
	// Window is the largest gap between the publication dates of two
	// articles whose statements may be linked into one claim. Defaults to
	// 14 days. Articles without a date are linked regardless of it. Echoes
	// and relations inside one article ignore it.
	Window time.Duration
	// MinSimilarity is the Jaccard similarity of two statements' content
	// tokens (stop words removed, lightly stemmed) at which they are linked
	// on content alone. Defaults to 0.5. Below it, a link also needs a
	// shared entity or place in the contents or the same speaker (see
	// linked).
	MinSimilarity float64
	// Lexicon gives stop words, negations and party blocs. Defaults to the
	// embedded one (Default).
	Lexicon *Lexicon
}

const (
	defaultWindow        = 14 * 24 * time.Hour
	defaultMinSimilarity = 0.5
	// maxPostings bounds the statements a content token may draw link
	// candidates from: a word in more statements than this ("ukrain",
	// "russia") says nothing about which proposition two statements share,
	// and would make candidate generation quadratic.
	maxPostings = 500
	// echoStatementSim is the content similarity at which a statement of an
	// echo article is taken for the copy of a statement of its origin.
	echoStatementSim = 0.5
	// minIDFStatements is the smallest statement count token weights are
	// computed against (see link).
	minIDFStatements = 1000
)

// Roles of a statement towards the claim it belongs to.
const (
	roleNone    = iota // decided by polarity against the claim's origin statement
	roleSupport        // asserts or confirms (joined by a confirms/echoes relation)
	roleDispute        // denies or contradicts (contradicts/not_confirmed relation)
)

// doc is one input article, prepared.
type doc struct {
	an     *crosscheck.Analysis
	id     string
	pub    time.Time
	hasPub bool
	sig    Signature
	family int // index of the origin article; itself when not an echo
	ents   map[string]*crosscheck.Entity
}

// unit is one statement, prepared.
type unit struct {
	doc          int
	st           *crosscheck.Statement
	toks         []string // content tokens, sorted
	ids          []int32  // toks as token ids, sorted (link)
	entToks      []string // content tokens that are words of entity names in the content
	entIDs       []int32  // entToks as token ids, sorted (link)
	wsum         float64  // total weight of ids
	ents         []string
	parties      []string
	speaker      string
	unattributed bool
	negative     bool // denies, or asserts a negated content
	echo         bool // the copy, in an echo article, of a statement of its origin
	role         int
}

// loose is a relation without a From statement ("Ukrainian officials have
// yet to confirm this claim", by UA): it bears on the claim of its To
// statement with the party in By.
type loose struct {
	unit  int
	typ   string
	party string
	ev    crosscheck.Span
}

// Build folds echoes under their origins, links statements across articles
// that assert the same proposition, and computes each claim's status with
// evidence. It is deterministic: the same articles in any order give the
// same Result. Articles with the same id are taken once. See the package
// documentation for the rules.
func Build(arts []Article, opt Options) Result {
	if opt.Window <= 0 {
		opt.Window = defaultWindow
	}
	if opt.MinSimilarity <= 0 {
		opt.MinSimilarity = defaultMinSimilarity
	}
	lx := opt.Lexicon
	if lx == nil {
		var err error
		if lx, err = Default(); err != nil {
			// The embedded data is part of the binary and TestDefault loads
			// it: failing here is a build defect, not bad input.
			panic(err)
		}
	}
	b := &builder{lx: lx, opt: opt}
	b.prepare(arts)
	res := Result{EchoOf: b.echoes()}
	b.makeUnits()
	b.relations()
	b.echoStatements()
	b.link()
	res.Claims = b.claims()
	return res
}

type builder struct {
	lx     *Lexicon
	opt    Options
	docs   []doc
	us     []unit
	byDoc  [][]int // unit indices of each doc, in statement order
	loose  []loose
	parent []int
	weight []float64 // token id -> rarity weight
}

func (b *builder) prepare(arts []Article) {
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
		d.ents = make(map[string]*crosscheck.Entity, len(d.an.Entities))
		for j := range d.an.Entities {
			d.ents[d.an.Entities[j].ID] = &d.an.Entities[j]
		}
	}
}

// echoes finds each article's origin: LSH bands give candidates among the
// earlier articles, exact shingle containment (IsEcho) confirms them, and
// the earliest confirmed one's own origin becomes the article's origin.
func (b *builder) echoes() map[string]string {
	out := map[string]string{}
	buckets := map[uint64][]int{}
	sets := make([]map[uint64]struct{}, len(b.docs))
	set := func(i int) map[uint64]struct{} {
		if sets[i] == nil {
			sets[i] = shingleSet(b.docs[i].an.Article.Text)
		}
		return sets[i]
	}
	for i := range b.docs {
		keys := Bands(b.docs[i].sig)
		var cands []int
		for _, k := range keys {
			cands = append(cands, buckets[k]...)
		}
		slices.Sort(cands)
		cands = slices.Compact(cands)
		for _, j := range cands {
			if echoSets(set(j), set(i)) {
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

func (b *builder) makeUnits() {
	b.byDoc = make([][]int, len(b.docs))
	for di := range b.docs {
		d := &b.docs[di]
		text := d.an.Article.Text
		for si := range d.an.Statements {
			st := &d.an.Statements[si]
			u := unit{doc: di, st: st}
			u.toks, u.negative = b.lx.content(st.Content.Text)
			switch st.Stance {
			case crosscheck.StanceDeny, crosscheck.StanceNotConfirmed, crosscheck.StanceRetract:
				u.negative = !u.negative
			}
			u.ents, u.entToks = b.contentEntities(d.an, st.Content)
			u.parties = speakerParties(d, st, text)
			u.speaker = speakerKey(st)
			// A statement gives the ledger no voice of its own when nobody is
			// named for it, when its cue asserts nothing ("demanded",
			// "wants": nonclaims.tsv), or when it is itself reported inside
			// another statement ("Russia says Ukraine seeks…"): the outer
			// speaker is the one who claims it.
			u.unattributed = st.Speaker.Type == crosscheck.TypeUnattributed || u.speaker == "" ||
				b.lx.nonClaim[st.Cue.Lemma] || nested(d.an.Statements, si)
			b.byDoc[di] = append(b.byDoc[di], len(b.us))
			b.us = append(b.us, u)
		}
	}
	b.parent = make([]int, len(b.us))
	for i := range b.parent {
		b.parent[i] = i
	}
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

// relations joins statements of one article that the article itself
// relates: the confirming, contradicting or echoing statement joins the
// claim of its target, with the role the relation gives it.
func (b *builder) relations() {
	for di := range b.docs {
		byID := map[string]int{}
		for _, ui := range b.byDoc[di] {
			byID[b.us[ui].st.ID] = ui
		}
		for _, r := range b.docs[di].an.Relations {
			to, ok := byID[r.To]
			if !ok {
				continue
			}
			role := roleSupport
			if r.Type == crosscheck.RelContradicts || r.Type == crosscheck.RelNotConfirmed {
				role = roleDispute
			}
			if from, ok := byID[string(r.From)]; ok && r.From != "" {
				if from == to {
					continue
				}
				b.union(from, to)
				if b.us[from].role == roleNone {
					b.us[from].role = role
				}
				continue
			}
			b.loose = append(b.loose, loose{unit: to, typ: r.Type, party: string(r.By), ev: r.Evidence})
		}
	}
}

// echoStatements maps each statement of an echo article to the statement of
// its origin that it copies (same speaker, similar content): the copy is the
// same appearance, not new support.
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
				if o.speaker != u.speaker && !slices.Equal(o.parties, u.parties) {
					continue
				}
				if s := jaccard(u.toks, o.toks); s >= bestSim || (len(u.toks) == 0 && len(o.toks) == 0 && o.st.Content.Text == u.st.Content.Text) {
					if s > bestSim || best < 0 {
						best, bestSim = oi, s
					}
				}
			}
			if best >= 0 {
				u.echo = true
				b.union(ui, best)
			}
		}
	}
}

// link joins statements of different articles that assert the same
// proposition (see linked). Copies in echo articles are already joined to
// what they copy and take no part.
func (b *builder) link() {
	// Tokens become small integers, so that comparing two statements is a
	// merge of two sorted int slices rather than string map lookups.
	idOf := map[string]int32{}
	var post [][]int
	n := 0
	for ui := range b.us {
		u := &b.us[ui]
		u.ids = make([]int32, len(u.toks))
		for k, t := range u.toks {
			id, ok := idOf[t]
			if !ok {
				id = int32(len(post))
				idOf[t] = id
				post = append(post, nil)
			}
			u.ids[k] = id
			if !u.echo {
				post[id] = append(post[id], ui)
			}
		}
		slices.Sort(u.ids)
		for _, t := range u.entToks {
			if id, ok := idOf[t]; ok {
				u.entIDs = append(u.entIDs, id)
			}
		}
		slices.Sort(u.entIDs)
		if !u.echo {
			n++
		}
	}
	// Token weights: inverse statement frequency, so that "russia" and
	// "ukrain", in a fifth of the statements, weigh a quarter of a name or a
	// number. The floor of minIDFStatements keeps a handful of articles from
	// making every shared word look common.
	b.weight = make([]float64, len(post))
	for id, p := range post {
		b.weight[id] = math.Log(1 + float64(max(n, minIDFStatements))/float64(max(1, len(p))))
	}
	for ui := range b.us {
		u := &b.us[ui]
		for _, id := range u.ids {
			u.wsum += b.weight[id]
		}
	}
	seen := make([]int, len(b.us)) // ui+1 of the last unit that looked at each unit
	for ui := range b.us {
		u := &b.us[ui]
		if u.echo || len(u.ids) < 3 {
			continue
		}
		for _, t := range u.ids {
			p := post[t]
			if len(p) > maxPostings {
				continue
			}
			for _, vi := range p {
				if vi >= ui {
					break // postings are in unit order
				}
				if seen[vi] == ui+1 {
					continue
				}
				seen[vi] = ui + 1
				v := &b.us[vi]
				// Statements of one article are joined only by its relations;
				// an echo's own statements (an edited lead) may link to its
				// origin's like any other article's.
				if v.doc == u.doc || !b.inWindow(u.doc, v.doc) {
					continue
				}
				if b.linked(u, v) {
					b.union(ui, vi)
				}
			}
		}
	}
}

// linked decides whether two statements of different articles assert the
// same proposition, on their content tokens weighted by rarity (link): a
// weighted Jaccard similarity ≥ MinSimilarity with at least 3 shared
// tokens, 2 of them not words of an entity's name; or at least 4 shared tokens that carry 60% of the shorter
// content's weight and 30% of the longer's, when the contents also name a
// common entity or place, or the speaker is the same. Polarity is not
// compared here: a denial links to what it denies, and the status then
// makes the claim disputed.
func (b *builder) linked(u, v *unit) bool {
	if len(u.ids) < 3 || len(v.ids) < 3 {
		return false
	}
	n, named, shared := 0, 0, 0.0
	for i, j := 0, 0; i < len(u.ids) && j < len(v.ids); {
		switch {
		case u.ids[i] < v.ids[j]:
			i++
		case u.ids[i] > v.ids[j]:
			j++
		default:
			id := u.ids[i]
			n++
			shared += b.weight[id]
			if _, ok := slices.BinarySearch(u.entIDs, id); ok {
				named++
			} else if _, ok := slices.BinarySearch(v.entIDs, id); ok {
				named++
			}
			i++
			j++
		}
	}
	// Naming the same people and places is not saying the same thing: two
	// shared words besides the names are needed ("… a telephone
	// conversation with Russian President Vladimir Putin" is not "… it on
	// Russian President Vladimir Putin").
	if n < 3 || n-named < 2 {
		return false
	}
	if shared/(u.wsum+v.wsum-shared) >= b.opt.MinSimilarity {
		return true
	}
	short, long := min(u.wsum, v.wsum), max(u.wsum, v.wsum)
	if n < 4 || shared < 0.6*short || shared < 0.3*long {
		return false
	}
	return intersect(u.ents, v.ents) > 0 || (u.speaker != "" && u.speaker == v.speaker)
}

func (b *builder) inWindow(i, j int) bool {
	di, dj := &b.docs[i], &b.docs[j]
	if !di.hasPub || !dj.hasPub {
		return true
	}
	d := di.pub.Sub(dj.pub)
	return d <= b.opt.Window && -d <= b.opt.Window
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

// claims groups the units into claims and computes each claim's status.
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
	looseBy := map[int][]loose{}
	for _, l := range b.loose {
		r := b.find(l.unit)
		looseBy[r] = append(looseBy[r], l)
	}
	out := make([]crosscheck.Claim, 0, len(roots))
	for _, r := range roots { // units are in doc order, so roots are too
		if c, ok := b.claim(groups[r], looseBy[r]); ok {
			out = append(out, c)
		}
	}
	return out
}

// supporter is one independent voice for a claim.
type supporter struct {
	key     string // article family + speaker: what makes origins independent
	parties []string
	doc     int
	origin  bool
	stmt    string
	text    string
}

func (b *builder) claim(members []int, ls []loose) (crosscheck.Claim, bool) {
	attributed := false
	for _, ui := range members {
		if !b.us[ui].unattributed {
			attributed = true
		}
	}
	// A claim is who claims what: statements nobody is named for
	// ("reportedly") make no claim of their own. They stay in the claims
	// they were linked to, as appearances without a voice.
	if !attributed {
		return crosscheck.Claim{}, false
	}
	// The origin is the earliest voice asserting the proposition itself: a
	// denial published first ("Moscow denies shelling the hospital") is
	// still the dispute of the assertion that follows.
	origin := -1
	for _, positive := range []bool{true, false} {
		for _, ui := range members {
			u := &b.us[ui]
			if u.role == roleNone && !u.echo && !u.unattributed && (!positive || !u.negative) {
				origin = ui
				break
			}
		}
		if origin >= 0 {
			break
		}
	}
	if origin < 0 {
		for _, ui := range members {
			if !b.us[ui].unattributed {
				origin = ui
				break
			}
		}
	}
	o := &b.us[origin]
	roleOf := func(u *unit) int {
		if u.role != roleNone {
			return u.role
		}
		if u.negative == o.negative {
			return roleSupport
		}
		return roleDispute
	}

	c := crosscheck.Claim{
		Status:      []string{},
		Parties:     []string{},
		Statements:  []crosscheck.ClaimStatement{},
		Evidence:    []crosscheck.Evidence{},
		Appearances: []crosscheck.Appearance{},
	}
	first := &b.us[members[0]]
	c.ID = claimID(b.docs[first.doc].id, first.st.ID)
	c.FirstSeen = string(b.docs[first.doc].an.Article.Published)

	parties := map[string]bool{}
	var supporters []supporter
	var disputes []crosscheck.Evidence
	originParties := o.parties
	seenDoc := map[int]bool{}
	for _, ui := range members {
		u := &b.us[ui]
		d := &b.docs[u.doc]
		role := roleOf(u)
		stance := u.st.Stance
		if role == roleDispute && stance != crosscheck.StanceDeny && stance != crosscheck.StanceNotConfirmed {
			// Contradicting content asserted: towards this claim, a denial.
			stance = crosscheck.StanceDeny
		}
		c.Statements = append(c.Statements, crosscheck.ClaimStatement{
			Article:     d.id,
			Statement:   u.st.ID,
			Site:        string(d.an.Article.Site),
			Published:   string(d.an.Article.Published),
			Speaker:     speakerName(u.st),
			Affiliation: strings.Join(u.parties, ","),
			Stance:      stance,
			Content:     u.st.Content.Text,
			Echo:        u.echo,
		})
		if !seenDoc[u.doc] {
			seenDoc[u.doc] = true
			c.Appearances = append(c.Appearances, b.appearance(u.doc))
		}
		if u.echo || u.unattributed {
			continue
		}
		for _, p := range u.parties {
			parties[p] = true
		}
		switch role {
		case roleSupport:
			supporters = append(supporters, supporter{
				key:     b.docs[d.family].id + "\x00" + u.speaker,
				parties: u.parties,
				doc:     u.doc,
				origin:  ui == origin,
				stmt:    u.st.ID,
				text:    sentenceOf(d.an, u.st.Sentence, u.st.Content.Start),
			})
		case roleDispute:
			if len(u.parties) > 0 && !subset(u.parties, originParties) {
				disputes = append(disputes, b.evidence(crosscheck.StatusDisputed, u.doc, u.st.ID, sentenceOf(d.an, u.st.Sentence, u.st.Content.Start)))
			}
		}
	}
	for _, l := range ls {
		u := &b.us[l.unit]
		d := &b.docs[u.doc]
		if l.party != "" {
			parties[l.party] = true
		}
		text := sentenceOf(d.an, -1, l.ev.Start)
		if text == "" {
			text = l.ev.Text
		}
		switch l.typ {
		case crosscheck.RelContradicts, crosscheck.RelNotConfirmed:
			if l.party != "" && !slices.Contains(originParties, l.party) {
				disputes = append(disputes, b.evidence(crosscheck.StatusDisputed, u.doc, u.st.ID, text))
			}
		default:
			if l.party != "" {
				supporters = append(supporters, supporter{
					key: b.docs[d.family].id + "\x00party:" + l.party, parties: []string{l.party},
					doc: u.doc, stmt: u.st.ID, text: text,
				})
			}
		}
	}
	// In publication order, the origin first within its article: what
	// confirms it comes after it even when the article tells it earlier.
	slices.SortStableFunc(supporters, func(x, y supporter) int {
		if c := cmp.Compare(x.doc, y.doc); c != 0 {
			return c
		}
		if x.origin != y.origin {
			if x.origin {
				return -1
			}
			return 1
		}
		return 0
	})
	if len(originParties) == 0 {
		// A claim first made by a voice without a party (a wire agency)
		// works against whomever the first party to take it up opposes.
		for _, s := range supporters {
			if len(s.parties) > 0 {
				originParties = s.parties
				break
			}
		}
	}

	var corroborated, adversary []crosscheck.Evidence
	seenParty := map[string]string{} // party -> key of the first supporter with it
	for _, s := range supporters {
		independentNew := false
		for _, p := range s.parties {
			for q, k := range seenParty {
				if q != p && k != s.key {
					independentNew = true
				}
			}
		}
		if independentNew && !hasAll(seenParty, s.parties) {
			corroborated = append(corroborated, b.evidence(crosscheck.StatusCorroborated, s.doc, s.stmt, s.text))
		}
		for _, p := range s.parties {
			if _, ok := seenParty[p]; !ok {
				seenParty[p] = s.key
			}
		}
		// The origin cannot confirm itself, nor can a voice that speaks for
		// the origin's side too (a compound "US, Britain and Russia").
		if !s.origin && !overlaps(s.parties, originParties) && againstOrigin(b.lx, s.parties, originParties) {
			adversary = append(adversary, b.evidence(crosscheck.StatusConfirmedByAdversary, s.doc, s.stmt, s.text))
		}
	}

	if len(corroborated) == 0 && len(adversary) == 0 {
		c.Status = append(c.Status, crosscheck.StatusUnconfirmed)
		od := &b.docs[o.doc]
		c.Evidence = append(c.Evidence, b.evidence(crosscheck.StatusUnconfirmed, o.doc, o.st.ID, sentenceOf(od.an, o.st.Sentence, o.st.Content.Start)))
	}
	if len(disputes) > 0 {
		c.Status = append(c.Status, crosscheck.StatusDisputed)
		c.Evidence = append(c.Evidence, dedupe(disputes)...)
	}
	if len(corroborated) > 0 {
		c.Status = append(c.Status, crosscheck.StatusCorroborated)
		c.Evidence = append(c.Evidence, dedupe(corroborated)...)
	}
	if len(adversary) > 0 {
		c.Status = append(c.Status, crosscheck.StatusConfirmedByAdversary)
		c.Evidence = append(c.Evidence, dedupe(adversary)...)
	}
	for p := range parties {
		c.Parties = append(c.Parties, p)
	}
	slices.Sort(c.Parties)
	c.Summary = b.summary(origin, members, roleOf)
	return c, true
}

// overlaps reports whether a and b share a party.
func overlaps(a, b []string) bool {
	for _, p := range a {
		if slices.Contains(b, p) {
			return true
		}
	}
	return false
}

// againstOrigin reports whether a supporter with parties ps confirms against
// the claim's origin: one of ps is an adversary of one of the origin's.
func againstOrigin(lx *Lexicon, ps, origin []string) bool {
	for _, p := range ps {
		for _, q := range origin {
			if lx.Adversaries(p, q) {
				return true
			}
		}
	}
	return false
}

// summary returns the content of the most representative supporting
// statement: the one whose content tokens are, on average, the most similar
// to the others' (ties: the claim's origin, then the earliest).
func (b *builder) summary(origin int, members []int, roleOf func(*unit) int) string {
	cand := []int{origin}
	for _, ui := range members {
		u := &b.us[ui]
		if ui != origin && !u.echo && !u.unattributed && roleOf(u) == roleSupport {
			cand = append(cand, ui)
		}
	}
	if len(cand) > 64 {
		cand = cand[:64]
	}
	best, bestScore := cand[0], -1.0
	for _, i := range cand {
		score := 0.0
		for _, j := range cand {
			if i != j {
				score += jaccard(b.us[i].toks, b.us[j].toks)
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return b.us[best].st.Content.Text
}

func (b *builder) appearance(di int) crosscheck.Appearance {
	d := &b.docs[di]
	a := crosscheck.Appearance{
		Article:   d.id,
		Site:      string(d.an.Article.Site),
		URL:       string(d.an.Article.URL),
		Published: string(d.an.Article.Published),
	}
	if d.family != di {
		a.EchoOf = crosscheck.NullString(b.docs[d.family].id)
	}
	return a
}

func (b *builder) evidence(status string, di int, stmt, text string) crosscheck.Evidence {
	d := &b.docs[di]
	return crosscheck.Evidence{Status: status, Article: d.id, Statement: stmt, Text: text, Since: string(d.an.Article.Published)}
}

func dedupe(ev []crosscheck.Evidence) []crosscheck.Evidence {
	seen := map[crosscheck.Evidence]bool{}
	out := ev[:0]
	for _, e := range ev {
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}

func hasAll(m map[string]string, ps []string) bool {
	for _, p := range ps {
		if _, ok := m[p]; !ok {
			return false
		}
	}
	return true
}

func subset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// claimID is the stable id of a claim: derived from its earliest statement.
func claimID(articleID, statementID string) string {
	h := sha256.Sum256([]byte(articleID + "\x00" + statementID))
	return "c" + hex.EncodeToString(h[:8])
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
