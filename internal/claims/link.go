package claims

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cespare/xxhash/v2"
)

// Ref names one statement: its article id and statement id.
type Ref struct {
	Article   string `json:"article"`
	Statement string `json:"statement"`
}

func (r Ref) String() string { return r.Article + "/" + r.Statement }

// Edge is a link between two statements of different articles that assert
// the same proposition, with its strength and the reasons, in words a
// reader can check.
type Edge struct {
	A, B    Ref
	Score   float64
	Reasons []string
}

// Linking thresholds (see Match).
const (
	// frameBase is what a shared predicate class gives; frameLink the score
	// a frame link needs, so a shared predicate alone never suffices: it
	// takes a shared doer, place, figure, speaker or wording too.
	frameBase = 0.5
	frameLink = 0.8
	// commonWeight is the weight of a word of common.tsv in lexical
	// similarity; other words weigh 1.
	commonWeight = 1.0 / 3
)

// Link compares one statement with candidates (statements of other
// articles that share an index key with it, see IndexKeys) and returns the
// links Match accepts, strongest first. Candidates of the same article and
// outside opt.Window are skipped. Match keeps what it derives from a
// statement in it (word weights, countries), so calls that share Prepared
// values must not run concurrently.
func (lx *Lexicon) Link(p *Prepared, cands []*Prepared, opt Options) []Edge {
	opt = opt.withDefaults()
	var out []Edge
	for _, c := range cands {
		if e, ok := lx.Match(p, c, opt); ok {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(x, y Edge) int {
		if x.Score != y.Score {
			if x.Score > y.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(x.B.String(), y.B.String())
	})
	return out
}

// Match decides whether two statements of different articles assert the
// same proposition, and why. It is symmetric and depends on nothing but the
// two statements, so a ledger built incrementally joins exactly what a full
// rebuild joins. Polarity plays no part: a denial joins what it denies, and
// the claim's status then says it is disputed.
//
// Two paths join statements:
//
//   - same predicate (frames.tsv): both assert the same predicate class,
//     both as plan or both as fact, both as demand or both as statement,
//     by the same doer or one of them unnamed; no conflicting places (two
//     countries apart, or two cities or regions) or figures (none in
//     common); and besides the
//     predicate (0.5) enough else in common to reach 0.8: the same doer
//     (0.15), a shared specific place (0.3), person or organisation (0.25),
//     country (0.1), figure (0.35), speaker (0.15), and their lexical
//     similarity;
//   - same words: weighted Jaccard similarity of the content words ≥
//     Options.MinSimilarity with three shared words, two of them outside
//     names; or four shared words carrying 60% of the shorter content and
//     30% of the longer, when the contents also name a common entity or the
//     speaker is the same.
//
// Either way, the two must share an index key (IndexKeys) and lie within
// Options.Window of each other.
func (lx *Lexicon) Match(a, b *Prepared, opt Options) (Edge, bool) {
	opt = opt.withDefaults()
	if a.Article == b.Article {
		return Edge{}, false
	}
	// Canonical order, so that Match(a, b) and Match(b, a) agree.
	if refLess(b, a) {
		a, b = b, a
	}
	e := Edge{A: Ref{a.Article, a.Statement}, B: Ref{b.Article, b.Statement}}
	gap, dated := a.gap(b)
	if dated && gap > opt.Window {
		return Edge{}, false
	}
	if !lx.keyedEnough(a, b) {
		return Edge{}, false
	}
	lex := lx.lexical(a, b)
	figures := intersect(a.Numbers, b.Numbers)
	figureConflict := len(a.Numbers) > 0 && len(b.Numbers) > 0 && figures == 0
	days := func() string {
		if !dated {
			return ""
		}
		return daysApart(gap)
	}

	// Same words — unless the predicates they share are held apart (a
	// demand beside a fact, two different doers, a plan beside a deed), or
	// the two say it happens in different countries ("troops on the
	// Finnish border" / "on the border with Ukraine").
	if !figureConflict && !lx.framesApart(a, b) && !lx.placeConflict(a, b) && lex.n >= 3 && lex.n-lex.named >= 2 && lex.rare > 0 {
		if lex.jaccard >= opt.MinSimilarity {
			e.Score = round2(lex.jaccard)
			e.Reasons = append([]string{fmt.Sprintf("same words (similarity %.2f)", lex.jaccard)}, days())
			return trimEdge(e), true
		}
		if lex.excerpt() {
			// The same quotation excerpted: every word of the shorter
			// content is in the longer ("I don't see a single beneficiary
			// of this insane war" / that sentence and two more).
			e.Score = round2(max(lex.jaccard, 0.5))
			e.Reasons = []string{fmt.Sprintf("the same words within a longer content (similarity %.2f)", lex.jaccard), days()}
			return trimEdge(e), true
		}
		if lex.mostShared() {
			common := sharedAnchors(a, b)
			sameSpeaker := a.Speaker != "" && a.Speaker == b.Speaker
			if len(common) > 0 || sameSpeaker {
				e.Score = round2(lex.jaccard)
				e.Reasons = []string{fmt.Sprintf("most words shared (similarity %.2f)", lex.jaccard)}
				for _, an := range common {
					e.Reasons = append(e.Reasons, "shared "+anchorKind(an)+": "+an.Name)
				}
				if sameSpeaker {
					e.Reasons = append(e.Reasons, "same speaker: "+a.SpeakerName)
				}
				e.Reasons = append(e.Reasons, days())
				return trimEdge(e), true
			}
		}
	}

	if figureConflict || lx.placeConflict(a, b) || specificPlaceConflict(a, b) {
		return Edge{}, false
	}
	// Different weapon systems are different claims ("Patriot batteries"
	// / "Leopard tanks"); kinds of materiel ("drones") say nothing.
	aw, bw := namedWeapons(a.Weapons), namedWeapons(b.Weapons)
	weapons := sharedStrings(aw, bw)
	if len(aw) > 0 && len(bw) > 0 && len(weapons) == 0 {
		return Edge{}, false
	}

	// A rebutted characterisation: one calls it "a territorial dispute",
	// the other answers "this is not a territorial dispute".
	if ph, ok := rebuttal(a, b); ok {
		e.Score = 0.9
		e.Reasons = []string{"rebuts the characterisation: " + ph, days()}
		return trimEdge(e), true
	}

	// Same figure: a distinctive figure ("$33bn", "70,000-80,000") said by
	// the same speaker, or with the same predicate or a shared anchor.
	if fig := distinctive(sharedStrings(a.Numbers, b.Numbers)); len(fig) > 0 {
		var why []string
		if a.Speaker != "" && a.Speaker == b.Speaker {
			why = append(why, "same speaker: "+a.SpeakerName)
		}
		for _, c := range sharedClasses(a, b, true) {
			why = append(why, "same predicate: "+c)
		}
		for _, an := range sharedAnchors(a, b) {
			if an.Kind != "country" {
				why = append(why, "shared "+anchorKind(an)+": "+an.Name)
			}
		}
		if len(why) > 0 {
			e.Score = 0.85
			e.Reasons = append(append([]string{"same figure: " + strings.Join(fig, ", ")}, why...), days())
			return trimEdge(e), true
		}
	}

	// Same predicate.
	best := -1.0
	var bestReasons []string
	for _, fa := range a.Frames {
		if !fa.Asserted {
			continue
		}
		for _, fb := range b.Frames {
			if !fb.Asserted || !lx.compatible(fa, fb) {
				continue
			}
			// Done to a country where the other says it does not happen:
			// "Russia could next invade Poland" / "a possible Russian
			// offensive … elsewhere in Ukraine".
			if lx.targetElsewhere(fa, b) || lx.targetElsewhere(fb, a) {
				continue
			}
			score := frameBase
			reasons := []string{"same predicate: " + frameLabel(fa)}
			anchorScore, substantive := 0.0, false
			if fa.Agent != "" && fb.Agent != "" {
				// The same doer of the same plan or in the same state is most
				// of a proposition ("Russia plans to invade", "Russia is
				// building up troops"); of the same deed, only part of one
				// (Russia strikes somewhere every day).
				if (fa.Prospective && fb.Prospective) || lx.stateClass[fa.Class] {
					score += 0.3
				} else {
					score += 0.15
				}
				reasons = append(reasons, "same doer: "+agentLabel(fa))
				// A predicate that names a whole proposition ("uses energy as
				// a weapon") by the same doer is one.
				substantive = substantive || lx.specificClass[fa.Class]
			}
			// What else the two say in common: specific places, people and
			// organisations, figures, weapon systems; a whole country
			// ("Ukraine") is named in every other statement and counts
			// little.
			for _, an := range sharedAnchors(a, b) {
				switch an.Kind {
				case "place":
					anchorScore += 0.3
					substantive = true
				case "country":
					// Named in every other statement: substance only as where
					// something happens, other than the doers' own country
					// ("troops to Belarus").
					anchorScore += 0.1
					if an.Where && an.Party != "" && !strings.Contains(fa.Agent+","+fb.Agent, an.Party) {
						substantive = true
					}
				default:
					anchorScore += 0.25
					substantive = true
				}
				reasons = append(reasons, "shared "+anchorKind(an)+": "+an.Name)
			}
			for _, w := range weapons {
				anchorScore += 0.3
				substantive = true
				reasons = append(reasons, "same weapon: "+w)
			}
			if figures > 0 {
				substantive = true
				anchorScore += 0.35 * float64(figures)
				reasons = append(reasons, "same figure: "+strings.Join(sharedStrings(a.Numbers, b.Numbers), ", "))
			}
			// Two predictions by the same doer for the same time ("at any
			// time", "in the coming days") are most of one proposition.
			// Not when a doer is unknown: "the attack may occur in the next
			// few days" may be anyone's.
			if fa.Prospective && fb.Prospective && fa.Agent != "" && fb.Agent != "" {
				if ts := sharedStrings(a.Times, b.Times); len(ts) > 0 {
					anchorScore += 0.2
					substantive = true
					reasons = append(reasons, "same time: "+strings.Join(ts, ", "))
				}
			}
			score += min(anchorScore, 0.6)
			if a.Speaker != "" && a.Speaker == b.Speaker {
				score += 0.15
				substantive = true
				reasons = append(reasons, "same speaker: "+a.SpeakerName)
			} else if overlaps(a.Parties, b.Parties) {
				score += 0.1
				reasons = append(reasons, "same side: "+strings.Join(sharedStrings(a.Parties, b.Parties), ","))
			}
			if l := lex.beyond; l >= 0.05 {
				score += l
				substantive = substantive || l >= 0.1
				reasons = append(reasons, fmt.Sprintf("shared words %.2f", l))
			}
			// Another predicate in common ("target" and "supply" in "weapons
			// delivered by the West would be fair targets" / "it may target
			// NATO arms supply convoys").
			for _, c := range sharedClasses(a, b, true) {
				if c != fa.Class {
					score += 0.1
					reasons = append(reasons, "same predicate: "+c)
					break
				}
			}
			// The same doer's plan and nothing else of substance in common
			// holds only for a week: plans are news for days, not for a
			// season. A deed or a state needs more than its doer.
			// A denial of a reported proposition ("the accusation he was
			// fighting a proxy war", "the Kremlin's declarations about the
			// withdrawal are not real") within a week of the assertion is
			// specific enough: it points at it.
			denial := (fa.Reported || fb.Reported) && a.Negative != b.Negative
			if denial {
				reasons = append(reasons, "one denies what the other says")
			}
			// One reports the proposition as the other's speaker's ("the
			// Kremlin's declarations about the withdrawal" / Moscow: "we
			// are withdrawing"): it points at it.
			if src, ok := reportsSource(a, fa, b); ok {
				score += 0.3
				substantive = true
				reasons = append(reasons, "reports what "+src+" says")
			} else if src, ok := reportsSource(b, fb, a); ok {
				score += 0.3
				substantive = true
				reasons = append(reasons, "reports what "+src+" says")
			}
			if !substantive && (dated && gap > 7*24*time.Hour ||
				!denial && (!fa.Prospective || fa.Agent == "" || fb.Agent == "")) {
				continue
			}
			if score > best {
				best, bestReasons = score, reasons
			}
		}
	}
	if best < frameLink {
		// Rejected: the best score and its reasons still tell why (for
		// tools); callers read ok.
		if best > 0 {
			return Edge{A: e.A, B: e.B, Score: round2(best), Reasons: bestReasons}, false
		}
		return Edge{}, false
	}
	e.Score = round2(best)
	e.Reasons = append(bestReasons, days())
	return trimEdge(e), true
}

// lexicalSim is the word overlap of two contents, words weighted 1 (a
// third for common.tsv words).
type lexicalSim struct {
	n, named, rare int     // shared words, of which in names, of which not common
	shared, wa, wb float64 // weights of the shared words and of each content
	jaccard        float64 // shared / union
	overlap        float64 // shared / the smaller content
	// beyond is the similarity of the words besides the predicates' own
	// (frames.tsv triggers): what a frame link adds, at most 0.5 — the
	// larger of the Jaccard similarity and half the overlap with the
	// smaller content when that has at least three words' weight.
	beyond float64
}

// mostShared: four shared words or more, carrying 60% of the shorter
// content's weight and 30% of the longer's. Weights are sums of ones and
// thirds, which floats hold inexactly: a share of exactly 60% must not fall
// short by a rounding error.
func (s lexicalSim) mostShared() bool {
	const eps = 1e-9
	short, long := min(s.wa, s.wb), max(s.wa, s.wb)
	return s.n >= 4 && s.shared+eps >= 0.6*short && s.shared+eps >= 0.3*long
}

// keyedEnough reports whether a and b share what any link needs at least
// (IndexKeys): a predicate or a figure, or two words that are not common.
// One such word alone never made a link worth its cost: 87 % of the
// candidate pairs of 1,000 synthetic articles share one word and nothing
// else, and 18 of those 419,586 linked (on the same words with two common
// ones; none in the war corpus), so an index can pass them over
// (KeyAlone) without reading them.
func (lx *Lexicon) keyedEnough(a, b *Prepared) bool {
	ka, kb := lx.cached(a).keys, lx.cached(b).keys
	words := 0
	for i, j := 0, 0; i < len(ka) && j < len(kb); {
		switch c := strings.Compare(ka[i], kb[j]); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			if KeyAlone(ka[i]) {
				return true
			}
			if words++; words >= 2 {
				return true
			}
			i++
			j++
		}
	}
	return false
}

// KeyAlone reports whether sharing the index key k (IndexKeys) is enough
// for two statements to be matched: a predicate's or a figure's is, a
// word's is not (keyedEnough).
func KeyAlone(k string) bool { return !strings.HasPrefix(k, "w:") }

// excerpt: five shared words or more, three of them not common, carrying
// the whole weight of the shorter content.
func (s lexicalSim) excerpt() bool {
	const eps = 1e-9
	return s.n >= 5 && s.rare >= 3 && s.shared+eps >= min(s.wa, s.wb)
}

func (lx *Lexicon) weight(t string) float64 {
	if lx.common[t] {
		return commonWeight
	}
	return 1
}

// matchCache is what Match reads of a statement, computed once: for each
// content word its hash, weight, whether it is a predicate's own word or a
// word of a name, in the order of the hashes (lexical merges two statements
// on them); the sums of the weights; and the countries of the places it
// says things happen in.
type matchCache struct {
	lx        *Lexicon
	words     []cachedWord
	byPos     []int   // index in words of each position in Tokens
	wsum      float64 // all words
	wsumNoTrg float64 // words besides the predicates' own
	countries []string
	keys      []string // IndexKeys, sorted
}

type cachedWord struct {
	hash  uint64
	text  string
	pos   int // position in Tokens (alphabetical)
	w     float64
	trig  bool
	named bool
}

func (lx *Lexicon) cached(p *Prepared) *matchCache {
	if p.cache == nil {
		p.cache = &cacheSlot{}
	}
	if c := p.cache.c; c != nil && c.lx == lx {
		return c
	}
	c := &matchCache{lx: lx, words: make([]cachedWord, len(p.Tokens))}
	for i, t := range p.Tokens {
		_, named := slices.BinarySearch(p.NameTokens, t)
		cw := cachedWord{hash: xxhash.Sum64String(t), text: t, pos: i, w: lx.weight(t), trig: lx.triggerWords[t], named: named}
		c.words[i] = cw
		c.wsum += cw.w
		if !cw.trig {
			c.wsumNoTrg += cw.w
		}
	}
	slices.SortFunc(c.words, func(x, y cachedWord) int {
		if x.hash != y.hash {
			if x.hash < y.hash {
				return -1
			}
			return 1
		}
		return strings.Compare(x.text, y.text)
	})
	c.byPos = make([]int, len(c.words))
	for k := range c.words {
		c.byPos[c.words[k].pos] = k
	}
	c.countries = placeCountries(p)
	c.keys = lx.IndexKeys(p)
	p.cache.c = c
	return c
}

// lexical measures the word overlap of two statements: it finds the shared
// words merging in the order of their hashes (equal hashes are confirmed
// on the text), then adds their weights in alphabetical order, as the
// weights of each content were added, so that the sums do not depend on
// the hash function.
func (lx *Lexicon) lexical(a, b *Prepared) lexicalSim {
	ca, cb := lx.cached(a), lx.cached(b)
	s := lexicalSim{wa: ca.wsum, wb: cb.wsum}
	var buf [32]int
	shared := buf[:0] // positions in a.Tokens of the shared words
	wa, wb := ca.words, cb.words
	for i, j := 0, 0; i < len(wa) && j < len(wb); {
		x, y := &wa[i], &wb[j]
		switch {
		case x.hash < y.hash:
			i++
		case x.hash > y.hash:
			j++
		default:
			if c := strings.Compare(x.text, y.text); c != 0 {
				// A hash collision: within it the words sort by text.
				if c < 0 {
					i++
				} else {
					j++
				}
				continue
			}
			s.n++
			shared = append(shared, x.pos)
			if x.w == 1 {
				s.rare++
			}
			if x.named || y.named {
				s.named++
			}
			i++
			j++
		}
	}
	slices.Sort(shared)
	var sh float64 // shared weight besides the predicates' own words
	for _, k := range shared {
		x := &wa[ca.byPos[k]]
		s.shared += x.w
		if !x.trig {
			sh += x.w
		}
	}
	if u := s.wa + s.wb - s.shared; u > 0 {
		s.jaccard = s.shared / u
	}
	if m := min(s.wa, s.wb); m > 0 {
		s.overlap = s.shared / m
	}
	sa, sb := ca.wsumNoTrg, cb.wsumNoTrg
	if u := sa + sb - sh; u > 0 {
		s.beyond = sh / u
	}
	if m := min(sa, sb); m >= 3 {
		s.beyond = max(s.beyond, 0.5*sh/m)
	}
	s.beyond = min(s.beyond, 0.5)
	return s
}

// reportsSource reports whether p reports its frame f as said by q's
// side: the owner of the reporting noun (Frame.Source: "the Kremlin's
// declarations about…", "claims by Moscow that…") is q's party, and not
// p's own.
func reportsSource(p *Prepared, f Frame, q *Prepared) (string, bool) {
	if f.Source == "" || slices.Contains(p.Parties, f.Source) || !slices.Contains(q.Parties, f.Source) {
		return "", false
	}
	return f.SourceName, true
}

// sharedAnchors returns the anchors both statements name.
func sharedAnchors(a, b *Prepared) []Anchor {
	var out []Anchor
	for i, j := 0, 0; i < len(a.Anchors) && j < len(b.Anchors); {
		switch c := strings.Compare(a.Anchors[i].Key, b.Anchors[j].Key); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			out = append(out, a.Anchors[i])
			i++
			j++
		}
	}
	return out
}

// placeConflict: both contents say where something happens, and no such
// place of one lies in a country of the other's — "troops to Poland and
// Romania" is not "troops to Ukraine"; a specific place counts wherever it
// stands ("a strike on Kharkiv" is not "a strike on Odesa").
func (lx *Lexicon) placeConflict(a, b *Prepared) bool {
	ca, cb := lx.cached(a).countries, lx.cached(b).countries
	return len(ca) > 0 && len(cb) > 0 && intersect(ca, cb) == 0
}

// specificPlaceConflict: both contents say in which city or region
// something happens, and none of those places is the same — "a strike
// against Crimea" is not "an offensive in Donbas", though both are in
// Ukraine.
func specificPlaceConflict(a, b *Prepared) bool {
	pa, pb := wherePlaces(a), wherePlaces(b)
	return len(pa) > 0 && len(pb) > 0 && len(sharedStrings(pa, pb)) == 0
}

func wherePlaces(p *Prepared) []string {
	var out []string
	for _, an := range p.Anchors {
		if an.Kind == "place" && an.Where {
			out = append(out, an.Key)
		}
	}
	return dedupSorted(out)
}

func placeCountries(p *Prepared) []string {
	var out []string
	for _, an := range p.Anchors {
		if (an.Kind == "place" || (an.Kind == "country" && an.Where)) && an.Party != "" {
			out = append(out, an.Party)
		}
	}
	return dedupSorted(out)
}

// sameAgent compares two doers: equal, or sharing a party code
// ("RU,BY" and "RU").
func sameAgent(x, y string) bool {
	if x == y {
		return true
	}
	for _, p := range strings.Split(x, ",") {
		if len(p) == 2 && slices.Contains(strings.Split(y, ","), p) {
			return true
		}
	}
	return false
}

func frameLabel(f Frame) string {
	s := f.Class
	if f.Prospective {
		s += " (planned or possible)"
	}
	if f.Demand {
		s += " (demanded)"
	}
	return s
}

func agentLabel(f Frame) string {
	if f.AgentName != "" {
		return f.AgentName
	}
	return f.Agent
}

func anchorKind(a Anchor) string {
	switch a.Kind {
	case "place", "country":
		return "place"
	case "person":
		return "person"
	}
	return "entity"
}

func sharedStrings(a, b []string) []string {
	var out []string
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); ok {
			out = append(out, x)
		}
	}
	return out
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func trimEdge(e Edge) Edge {
	e.Reasons = slices.DeleteFunc(e.Reasons, func(s string) bool { return s == "" })
	return e
}

func daysApart(d interface{ Hours() float64 }) string {
	n := int(math.Round(d.Hours() / 24))
	switch n {
	case 0:
		return "published the same day"
	case 1:
		return "1 day apart"
	}
	return fmt.Sprintf("%d days apart", n)
}

// refLess orders statements by publication, then article id, then
// position: the order of claims and of their members.
func refLess(a, b *Prepared) bool { return comparePrepared(a, b) < 0 }

func comparePrepared(a, b *Prepared) int {
	ta, oka := a.when()
	tb, okb := b.when()
	if oka != okb {
		if oka {
			return -1
		}
		return 1
	}
	if c := ta.Compare(tb); c != 0 {
		return c
	}
	if c := strings.Compare(a.Article, b.Article); c != 0 {
		return c
	}
	return a.Seq - b.Seq
}

// sharedClasses returns the predicate classes both statements hold (only
// asserted ones when asserted is set), sorted.
func sharedClasses(a, b *Prepared, asserted bool) []string {
	var ca []string
	for _, f := range a.Frames {
		if f.Asserted || !asserted {
			ca = append(ca, f.Class)
		}
	}
	var out []string
	for _, f := range b.Frames {
		if (f.Asserted || !asserted) && slices.Contains(ca, f.Class) {
			out = append(out, f.Class)
		}
	}
	return dedupSorted(out)
}

// distinctive keeps the figures specific enough to identify a claim: at
// least 1,000, or with a fraction.
func distinctive(figs []string) []string {
	var out []string
	for _, f := range figs {
		v, err := strconv.ParseFloat(f, 64)
		if err == nil && (v >= 1000 || v != math.Trunc(v)) {
			out = append(out, f)
		}
	}
	return out
}

// compatible reports whether two frames of one class can be the same
// predicate: both plans or both deeds, both demands or both statements,
// and not two different doers or targets.
func (lx *Lexicon) compatible(fa, fb Frame) bool {
	if fa.Class != fb.Class || fa.Demand != fb.Demand || (fa.Prospective != fb.Prospective && !lx.stanceClass[fa.Class]) {
		return false
	}
	// Done to different targets: another proposition ("attack a NATO
	// member" / "strike Ukraine").
	if fa.Target != "" && fb.Target != "" && !sameAgent(fa.Target, fb.Target) {
		return false
	}
	return fa.Agent == "" || fb.Agent == "" || sameAgent(fa.Agent, fb.Agent)
}

// targetElsewhere reports whether frame f is done to a country (its
// Target, a party code) and statement q says where things happen, none of
// it in that country.
func (lx *Lexicon) targetElsewhere(f Frame, q *Prepared) bool {
	if len(f.Target) != 2 || strings.ToUpper(f.Target) != f.Target {
		return false
	}
	where := lx.cached(q).countries
	return len(where) > 0 && !slices.Contains(where, f.Target)
}

// framesApart reports whether two statements share a predicate class only
// in incompatible frames ("Russia must withdraw" / "Russia withdraws").
func (lx *Lexicon) framesApart(a, b *Prepared) bool {
	shared, ok := false, false
	for _, fa := range a.Frames {
		if !fa.Asserted {
			continue
		}
		for _, fb := range b.Frames {
			if !fb.Asserted || fa.Class != fb.Class {
				continue
			}
			shared = true
			if lx.compatible(fa, fb) {
				ok = true
			}
		}
	}
	return shared && !ok
}

// namedWeapons leaves out the kinds of materiel (weapons.tsv "generic").
func namedWeapons(ws []string) []string {
	var out []string
	for _, w := range ws {
		if !strings.HasPrefix(w, "generic:") {
			out = append(out, w)
		}
	}
	return out
}
