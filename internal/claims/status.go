package claims

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
)

// Member is one statement of a claim as Status reads it: the prepared
// statement and what the ledger knows of it beyond its article.
type Member struct {
	*Prepared
	Site string
	URL  string
	// Family is the id of the first publication of its article's text (its
	// own id when the article is not an echo); EchoOf the same when the
	// article is an echo, else "".
	Family string
	EchoOf string
	// Echo: the statement is the copy, in an echo article, of a statement of
	// the origin article — an appearance that adds no voice.
	Echo bool
	// Role is what a link the article states gives it: roleSupport
	// (confirms, echoes), roleDispute (contradicts, not_confirmed, a denial
	// that points back), or roleNone (decided by polarity).
	Role int
	// Link is how the statement joined the claim (nil for the first).
	Link *crosscheck.StatementLink
	// Loose are the relations without a From statement that bear on it.
	Loose []Loose

	index  int  // position in Status's sorted members
	repeat bool // a rewritten copy's statement (markRepeats): no voice, but its speaker's parties name who said it
}

// bears reports whether statement m bears on the proposition of a claim
// whose origin is o: not placed elsewhere (places in no common country, a
// target country where the other says nothing happens), it asserts one of
// the predicates o asserts (frames),
// or says it in much the same words; for an origin without predicates,
// shares two words besides names with it. A member that only joined the
// claim through other members (the same figure in another of the speaker's
// propositions, a long quotation that touches the topic) neither supports
// nor disputes it.
func (lx *Lexicon) bears(m, o *Prepared) bool {
	// Joined through others but placed elsewhere ("an offensive against
	// Kharkiv" in a claim about an attack on Poland): another proposition,
	// as Match would have said of the two.
	if lx.placeConflict(m, o) {
		return false
	}
	for _, f := range o.Frames {
		if f.Asserted && lx.targetElsewhere(f, m) {
			return false
		}
	}
	for _, f := range m.Frames {
		if f.Asserted && lx.targetElsewhere(f, o) {
			return false
		}
	}
	lex := lx.lexical(m, o)
	if lex.jaccard >= 0.35 {
		return true
	}
	has := false
	for _, f := range o.Frames {
		if !f.Asserted {
			continue
		}
		has = true
		for _, g := range m.Frames {
			if g.Asserted && g.Class == f.Class {
				return true
			}
		}
	}
	return !has && lex.n-lex.named >= 2
}

// relaysHearsay reports whether p's polar predicate is reported through a
// hearsay noun (Frame.Hearsay): p relays what others say.
func relaysHearsay(p *Prepared) bool {
	for _, f := range p.Frames {
		if f.Asserted {
			return f.Hearsay
		}
	}
	return false
}

// Status precedence: a claim shows the strongest status that holds.
var statusRank = map[string]int{
	crosscheck.StatusUnconfirmed:          0,
	crosscheck.StatusCorroborated:         1,
	crosscheck.StatusDisputed:             2,
	crosscheck.StatusConfirmedByAdversary: 3,
}

// supporter is one voice that asserts a claim.
type supporter struct {
	key     string // article family + speaker: what makes voices independent
	parties []string
	indep   string // kind of independent source, if any
	speaker string
	m       *Member
	text    string
	origin  bool
}

// voiceIndex holds the supporters met so far, counted by what decides
// whether a later one is independent of them: an earlier supporter counts
// unless it has the later one's key (article family and speaker) or its
// speaker, and then by its parties and whether it is an independent source
// without a party. Counting by class answers "is there an earlier voice
// this one is independent of" without walking every earlier supporter, as
// a claim restated for years by one side would make it (quadratic).
type voiceIndex struct {
	classes []*voiceClass
	byKey   map[string]*voiceClass
}

// voiceClass counts the supporters of one kind: the same parties, and an
// independent source without a party or not.
type voiceClass struct {
	parties      []string
	indep        bool // an independent source without a party
	n            int
	key, speaker map[string]int
	keySpeaker   map[[2]string]int
}

func (v *voiceIndex) add(s supporter) {
	indep := s.indep != "" && len(s.parties) == 0
	ck := strings.Join(s.parties, ",")
	if indep {
		ck = "\x00indep"
	}
	c := v.byKey[ck]
	if c == nil {
		if v.byKey == nil {
			v.byKey = map[string]*voiceClass{}
		}
		c = &voiceClass{parties: s.parties, indep: indep,
			key: map[string]int{}, speaker: map[string]int{}, keySpeaker: map[[2]string]int{}}
		v.byKey[ck] = c
		v.classes = append(v.classes, c)
	}
	c.n++
	c.key[s.key]++
	if s.speaker != "" {
		c.speaker[s.speaker]++
		c.keySpeaker[[2]string{s.key, s.speaker}]++
	}
}

// independentOf reports whether an earlier supporter of another key and
// another speaker is one s is independent of: either is an independent
// source without a party, or both have parties and share none.
func (v *voiceIndex) independentOf(s supporter) bool {
	sIndep := s.indep != "" && len(s.parties) == 0
	for _, c := range v.classes {
		if !sIndep && !c.indep && (len(s.parties) == 0 || len(c.parties) == 0 || overlaps(s.parties, c.parties)) {
			continue
		}
		same := c.key[s.key]
		if s.speaker != "" {
			same += c.speaker[s.speaker] - c.keySpeaker[[2]string{s.key, s.speaker}]
		}
		if c.n > same {
			return true
		}
	}
	return false
}

// Status builds the claim a set of joined statements makes: its origin
// (the earliest voice asserting the proposition), the stance of every
// member towards it, its statuses with evidence, its current status and
// history, and its summary. It returns false when no member has a voice
// (unattributed statements make no claim of their own). members may come in
// any order.
func (lx *Lexicon) Status(members []Member) (crosscheck.Claim, bool) {
	ms := slices.Clone(members)
	slices.SortStableFunc(ms, func(x, y Member) int { return comparePrepared(x.Prepared, y.Prepared) })
	for i := range ms {
		ms[i].index = i
	}
	// A rewritten copy's statement repeats its source: an appearance, like
	// an echo's copy (repeat.go).
	lx.markRepeats(ms)
	voiced := false
	for i := range ms {
		if ms[i].Voice {
			voiced = true
		}
	}
	if !voiced {
		return crosscheck.Claim{}, false
	}
	// The origin is the earliest voice asserting the proposition itself: a
	// denial published first ("Moscow denies shelling the hospital") is
	// still the dispute of the assertion that follows; a statement a
	// relation made a confirmation or contradiction of another is not it.
	// A rebutted characterisation ("a territorial dispute" / "this is not a
	// territorial dispute") gives its members their polarity: who says the
	// name asserts, who rebuts it disputes.
	chars := characterisations(ms)
	asserts := func(i int) bool { return chars[i] > 0 || chars[i] == 0 && !ms[i].Negative }
	origin := -1
	for _, positive := range []bool{true, false} {
		for i := range ms {
			m := &ms[i]
			if m.Role == roleNone && !m.Echo && m.Voice && (!positive || asserts(i)) {
				origin = i
				break
			}
		}
		if origin >= 0 {
			break
		}
	}
	if origin < 0 {
		for i := range ms {
			if ms[i].Voice {
				origin = i
				break
			}
		}
	}
	o := &ms[origin]
	// A member joined through others (a chain of links) may say something
	// else: it supports or disputes the claim only when it bears on the
	// origin's proposition itself (see bears); the article's own relations
	// always do.
	bearing := make([]int8, len(ms)) // 0 unknown, 1 bears, -1 does not
	roleOf := func(m *Member) int {
		if m.Role != roleNone {
			return m.Role
		}
		i := m.index
		if chars[i] != 0 && chars[o.index] != 0 {
			if chars[i] == chars[o.index] {
				return roleSupport
			}
			return roleDispute
		}
		if bearing[i] == 0 {
			bearing[i] = -1
			if m == o || lx.bears(m.Prepared, o.Prepared) {
				bearing[i] = 1
			}
		}
		if bearing[i] < 0 {
			return roleNone
		}
		if relaysHearsay(m.Prepared) && !m.Negative && m != o {
			// "in the Russian media there were accusations that …": it
			// tells what others say, it does not say so itself
			return roleNone
		}
		if m.Negative == o.Negative {
			return roleSupport
		}
		return roleDispute
	}

	first := &ms[0]
	c := crosscheck.Claim{
		ID:            claimID(first.Article, first.Statement),
		FirstSeen:     first.Published,
		Status:        []string{},
		StatusHistory: []crosscheck.StatusChange{},
		Parties:       []string{},
		Statements:    []crosscheck.ClaimStatement{},
		Evidence:      []crosscheck.Evidence{},
		Appearances:   []crosscheck.Appearance{},
	}
	parties := map[string]bool{}
	seenArticle := map[string]bool{}
	originParties := o.Parties
	if len(originParties) == 0 {
		// A claim first made by a voice without a party (a wire agency)
		// works against whomever the first party to take it up opposes.
		for i := range ms {
			m := &ms[i]
			if !m.Echo && m.Voice && roleOf(m) == roleSupport && len(m.Parties) > 0 {
				originParties = m.Parties
				break
			}
		}
	}

	var (
		disputes, corroborated, adversaries []crosscheck.Evidence
		current                             = ""
	)
	// record notes a change of the current status, brought by m.
	record := func(m *Member, text string) {
		now := currentOf(len(corroborated) > 0, len(disputes) > 0, len(adversaries) > 0)
		if now == current {
			return
		}
		current = now
		c.StatusHistory = append(c.StatusHistory, crosscheck.StatusChange{
			Status: now, Since: m.Published, Article: m.Article, Statement: m.Statement, Text: text,
		})
	}
	seenParty := map[string]string{} // party -> key of the first supporter with it
	var voices voiceIndex
	addSupporter := func(s supporter) {
		// Corroborated: a voice independent of an earlier one — another
		// party's, or an independent source's (think tank, monitor, wire
		// agency, imagery) — in another article or from another speaker.
		if voices.independentOf(s) {
			ev := evidenceOf(crosscheck.StatusCorroborated, s.m, s.text)
			if s.indep != "" && len(s.parties) == 0 {
				ev.Independent = s.indep
			}
			corroborated = append(corroborated, ev)
		}
		voices.add(s)
		for _, p := range s.parties {
			if _, ok := seenParty[p]; !ok {
				seenParty[p] = s.key
			}
		}
		// Confirmed by the adversary: a voice of a bloc adversary to the
		// origin's — not the origin itself, nor a voice that speaks for the
		// origin's side too (a compound "US, Britain and Russia").
		if !s.origin && !overlaps(s.parties, originParties) && againstOrigin(lx, s.parties, originParties) {
			adversaries = append(adversaries, evidenceOf(crosscheck.StatusConfirmedByAdversary, s.m, s.text))
		}
	}

	// Walk the members in publication order, the origin first within its
	// article: what confirms it comes after it even when the article tells
	// it earlier.
	order := make([]int, 0, len(ms))
	order = append(order, origin)
	for i := range ms {
		if i != origin {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(x, y int) int {
		mx, my := &ms[x], &ms[y]
		if mx.Article == my.Article {
			if x == origin {
				return -1
			}
			if y == origin {
				return 1
			}
			return 0
		}
		return comparePrepared(mx.Prepared, my.Prepared)
	})
	for _, i := range order {
		m := &ms[i]
		if m.repeat {
			for _, p := range m.Parties {
				parties[p] = true
			}
		}
		if m.Voice && !m.Echo {
			for _, p := range m.Parties {
				parties[p] = true
			}
			switch roleOf(m) {
			case roleSupport:
				addSupporter(supporter{
					key: m.Family + "\x00" + m.Speaker, parties: m.Parties, indep: m.Independent,
					speaker: m.Speaker, m: m, text: m.Sentence, origin: i == origin,
				})
			case roleDispute:
				if lx.disputes(m, o, originParties) {
					text := m.Sentence
					switch {
					case chars[i] < 0:
						text = lx.rebuttalText(m.Prepared)
					case m.Role == roleNone && m.Negative != o.Negative:
						text = lx.denialText(m.Prepared)
					}
					disputes = append(disputes, evidenceOf(crosscheck.StatusDisputed, m, text))
				}
			}
		}
		for _, l := range m.Loose {
			if l.Party != "" {
				parties[l.Party] = true
			}
			switch {
			case l.Dispute && l.Party != "" && !slices.Contains(originParties, l.Party):
				disputes = append(disputes, evidenceOf(crosscheck.StatusDisputed, m, l.Text))
			case !l.Dispute && l.Party != "":
				addSupporter(supporter{
					key: m.Family + "\x00party:" + l.Party, parties: []string{l.Party},
					m: m, text: l.Text,
				})
			}
		}
		// The history starts with the first voice (an appearance without a
		// voice — "refusing to pull back his forces" — says nothing yet)
		// and moves only with what a voice or a relation brings.
		if (!m.Voice || m.Echo) && len(m.Loose) == 0 && current == "" {
			continue
		}
		text := m.Sentence
		if n := len(disputes) + len(corroborated) + len(adversaries); n > 0 {
			text = lastText(disputes, corroborated, adversaries, current)
		}
		record(m, text)
	}
	if len(c.StatusHistory) == 0 {
		record(o, o.Sentence)
	}

	// Statements and appearances, in publication order.
	for i := range ms {
		m := &ms[i]
		stance := m.Stance
		if roleOf(m) == roleDispute && stance != crosscheck.StanceDeny && stance != crosscheck.StanceNotConfirmed {
			// Contradicting content asserted: towards this claim, a denial.
			stance = crosscheck.StanceDeny
		}
		c.Statements = append(c.Statements, crosscheck.ClaimStatement{
			Article:     m.Article,
			Statement:   m.Statement,
			Site:        m.Site,
			Published:   m.Published,
			Speaker:     m.SpeakerName,
			Affiliation: strings.Join(m.Parties, ","),
			Stance:      stance,
			Content:     m.Content,
			Echo:        m.Echo,
			Independent: m.Independent,
			Link:        m.Link,
		})
		if !seenArticle[m.Article] {
			seenArticle[m.Article] = true
			c.Appearances = append(c.Appearances, crosscheck.Appearance{
				Article: m.Article, Site: m.Site, URL: m.URL, Published: m.Published,
				EchoOf: crosscheck.NullString(m.EchoOf),
			})
		}
	}

	if len(corroborated) > 0 {
		c.Status = append(c.Status, crosscheck.StatusCorroborated)
		c.Evidence = append(c.Evidence, dedupe(corroborated)...)
	}
	if len(disputes) > 0 {
		c.Status = append(c.Status, crosscheck.StatusDisputed)
		c.Evidence = append(c.Evidence, dedupe(disputes)...)
	}
	if len(adversaries) > 0 {
		c.Status = append(c.Status, crosscheck.StatusConfirmedByAdversary)
		c.Evidence = append(c.Evidence, dedupe(adversaries)...)
	}
	if len(c.Status) == 0 {
		c.Status = append(c.Status, crosscheck.StatusUnconfirmed)
		c.Evidence = append(c.Evidence, evidenceOf(crosscheck.StatusUnconfirmed, o, o.Sentence))
	}
	c.CurrentStatus = c.Status[len(c.Status)-1]
	for p := range parties {
		c.Parties = append(c.Parties, p)
	}
	slices.Sort(c.Parties)
	c.Summary = summaryOf(ms, origin, roleOf)
	return c, true
}

// disputes decides whether a member that contradicts the claim disputes it
// for the ledger: a voice of a party other than the origin's, or a voice
// without a party other than the origin's speaker that is named, an
// independent source, or a group named by an alliance adverse to the
// origin's side ("Western officials" against a Russian claim).
func (lx *Lexicon) disputes(m, o *Member, originParties []string) bool {
	// The origin's speaker does not dispute itself: its party may be
	// known only in another article ("Daczić" / "Ivica Daczić, RS").
	if m.Speaker != "" && m.Speaker == o.Speaker {
		return false
	}
	if len(m.Parties) > 0 {
		return !subset(m.Parties, originParties)
	}
	if m.Side != "" && m.Speaker != o.Speaker && againstOrigin(lx, []string{m.Side}, originParties) {
		return true
	}
	// Without a party: an independent source, or someone named ("Jens
	// Stoltenberg"), not a role ("the politician", often the origin's own
	// speaker again).
	if m.Speaker == "" || m.Speaker == o.Speaker {
		return false
	}
	if m.Independent != "" {
		return true
	}
	return named(m.SpeakerName)
}

// named reports whether a speaker's name is a proper name ("Jens
// Stoltenberg", "Nato"), not a description that happens to open a
// sentence ("The politician", "A senior official") or a group named by
// its side ("Western leaders"): a proper name opens and ends with a
// capital.
func named(name string) bool {
	fs := strings.Fields(name)
	if len(fs) == 0 {
		return false
	}
	for _, w := range []string{fs[0], fs[len(fs)-1]} {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	switch strings.ToLower(fs[0]) {
	case "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "some", "many", "several", "other", "another", "one", "two", "three":
		return false
	}
	return true
}

// currentOf is the current status given which statuses hold.
func currentOf(corroborated, disputed, adversary bool) string {
	switch {
	case adversary:
		return crosscheck.StatusConfirmedByAdversary
	case disputed:
		return crosscheck.StatusDisputed
	case corroborated:
		return crosscheck.StatusCorroborated
	}
	return crosscheck.StatusUnconfirmed
}

// lastText is the sentence of the latest evidence of the current status.
func lastText(disputes, corroborated, adversaries []crosscheck.Evidence, current string) string {
	now := currentOf(len(corroborated) > 0, len(disputes) > 0, len(adversaries) > 0)
	var ev []crosscheck.Evidence
	switch now {
	case crosscheck.StatusConfirmedByAdversary:
		ev = adversaries
	case crosscheck.StatusDisputed:
		ev = disputes
	case crosscheck.StatusCorroborated:
		ev = corroborated
	}
	if len(ev) == 0 {
		return ""
	}
	_ = current
	return ev[len(ev)-1].Text
}

func evidenceOf(status string, m *Member, text string) crosscheck.Evidence {
	return crosscheck.Evidence{Status: status, Article: m.Article, Statement: m.Statement, Text: text, Since: m.Published}
}

// summaryOf picks the summary of the most representative voice asserting
// the claim: among the origin and its supporters, whole propositions before
// a cue's objects and those before fragments, the one whose words are on
// average the most like the others' (ties: the origin, then the earliest).
func summaryOf(ms []Member, origin int, roleOf func(*Member) int) string {
	cand := []int{origin}
	for i := range ms {
		m := &ms[i]
		if i != origin && !m.Echo && m.Voice && roleOf(m) == roleSupport {
			cand = append(cand, i)
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
				score += jaccard(ms[i].Tokens, ms[j].Tokens)
			}
		}
		if len(ms[i].Tokens) < 3 {
			score -= 100 // a fragment stands alone worst
		}
		if ms[i].Object {
			// a cue's object ("warned of a possible invasion", "denied
			// planning to invade") names the proposition without saying
			// it; its few words are the ones all others share
			score -= 50
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if s := ms[best].Summary; s != "" {
		return s
	}
	return ms[best].Content
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

func dedupe(ev []crosscheck.Evidence) []crosscheck.Evidence {
	// One sentence of one article is one piece of evidence, however many
	// statements of it bear on the claim (a long quotation cut in two).
	type key struct{ status, article, text string }
	seen := map[key]bool{}
	out := ev[:0]
	for _, e := range ev {
		k := key{e.Status, e.Article, e.Text}
		if !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out
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
