package claims

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
)

// PreparedArticle is one article made ready for the ledger: what every
// later step (Link, Status) needs of it, computed from the article alone,
// so that a store can keep it and never read the analysis again.
type PreparedArticle struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Site      string `json:"site"`
	Published string `json:"published"`
	// Statements in the article's order.
	Statements []Prepared `json:"statements"`
	// Joins are the links the article itself states between two of its
	// statements (its relations, and denials that only point back: "Kyiv
	// denied this").
	Joins []Join `json:"joins"`
	// Loose are relations without a From statement: a party disputing or
	// confirming one of the statements ("Ukrainian officials have yet to
	// confirm this claim").
	Loose []Loose `json:"loose"`
}

// Prepared is one statement's features: who says it for which party, what
// it asserts (frames, anchors, figures, words) and how (polarity), with
// the texts the ledger shows. See IndexKeys for what a store indexes.
type Prepared struct {
	Article   string `json:"article"`
	Statement string `json:"statement"`
	Seq       int    `json:"seq"` // position among the article's statements
	Published string `json:"published"`
	// Speaker is the key that identifies the speaker across articles
	// (a person by surname); SpeakerName is shown.
	Speaker     string   `json:"speaker"`
	SpeakerName string   `json:"speaker_name"`
	Parties     []string `json:"parties"`
	// Independent is the kind of independent source the speaker is
	// (independents.tsv), when it speaks for no party.
	Independent string `json:"independent,omitempty"`
	// Side is the alliance a speaker without a party is named by
	// ("Western officials", "NATO officials": WEST, NATO), when any.
	Side string `json:"side,omitempty"`
	// Voice: the statement makes a claim of its own — somebody named says
	// it, its cue asserts (not "demanded"), and it is not reported inside
	// another statement.
	Voice  bool   `json:"voice"`
	Stance string `json:"stance"`
	// Negative: the statement denies its proposition (a deny stance, or a
	// negated or "untrue" content).
	Negative bool    `json:"negative"`
	Frames   []Frame `json:"frames"`
	// Anchors: the entities and places the content names, besides the
	// doers of its frames.
	Anchors []Anchor `json:"anchors"`
	Numbers []string `json:"numbers"`
	// Weapons are the weapon systems the content names (weapons.tsv).
	Weapons []string `json:"weapons"`
	// Times are the keys of the time phrases the content says when with
	// (times.tsv: "at any time", "in the coming days").
	Times []string `json:"times,omitempty"`
	// Tokens: content words without stop words and negations, stemmed,
	// sorted; NameTokens: those that belong to names.
	Tokens     []string `json:"tokens"`
	NameTokens []string `json:"name_tokens"`
	Content    string   `json:"content"`
	Sentence   string   `json:"sentence"`
	// Summary is the statement standing alone: "Speaker: proposition",
	// pronouns resolved, fragments replaced by their sentence.
	Summary string `json:"summary"`
	// Refers is, for a denial that only points back ("Beijing has denied
	// those claims") to a proposition no statement of the article says,
	// the reported proposition it denies, read from the sentence before
	// it; the statement's features are read from it.
	Refers string `json:"refers,omitempty"`
	// Object: the content is the object of its cue, not a clause ("denied
	// planning to invade", "warned of a possible invasion"): the summary
	// keeps the cue, and a claim's summary prefers a statement that says
	// a whole proposition (summaryOf).
	Object bool `json:"object,omitempty"`
	// Rebuts are the characterisations the content rebuts ("this is not a
	// territorial dispute"), as the stems of their words (see rebut.go).
	Rebuts []string `json:"rebuts,omitempty"`

	pub     time.Time
	hasPub  bool
	timeSet bool
	cache   *cacheSlot // what Match reads of it, computed once (see Lexicon.cached)
}

// cacheSlot holds a statement's matchCache; statements with the same words
// and anchors may share one (ShareCache).
type cacheSlot struct{ c *matchCache }

// ShareCache makes p share what Match computes of q's words and places,
// when p's tokens, name tokens and anchors equal q's: a ledger holding the
// same sentence published thousands of times computes it once. It does
// nothing when they differ. As with one statement (see Link), calls that
// read p and q must then not run concurrently.
func (p *Prepared) ShareCache(q *Prepared) {
	if p == q || !slices.Equal(p.Tokens, q.Tokens) || !slices.Equal(p.NameTokens, q.NameTokens) || !slices.Equal(p.Anchors, q.Anchors) {
		return
	}
	if q.cache == nil {
		q.cache = &cacheSlot{}
	}
	p.cache = q.cache
}

// Anchor is an entity or place a content names.
type Anchor struct {
	Key   string `json:"key"`
	Name  string `json:"name"`
	Kind  string `json:"kind"` // person | organization | group | place | country | media
	Party string `json:"party,omitempty"`
	// Where: a place named as where something happens ("troops to
	// Poland"), not as a doer or a topic.
	Where bool `json:"where,omitempty"`
}

// Join is a link an article states between two of its statements.
type Join struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Role   int    `json:"role"` // roleSupport or roleDispute: what From does to To's claim
	Reason string `json:"reason"`
}

// Loose is a relation with no From statement: Party confirms or disputes
// statement To; Text is its evidence sentence.
type Loose struct {
	To      string `json:"to"`
	Dispute bool   `json:"dispute"`
	Party   string `json:"party"`
	Text    string `json:"text"`
}

// Prepare computes the features of every statement of an analysis (see
// Prepared) and the links the article itself states. It reads nothing but
// the analysis, so the same article always prepares the same way. Spans
// that do not fit the text are an error, not a panic.
func (lx *Lexicon) Prepare(an *crosscheck.Analysis) (pa PreparedArticle, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("claims: prepare article %s: %v", an.Article.ID, r)
		}
	}()
	id := an.Article.ID
	if id == "" {
		id = crosscheck.ArticleID(string(an.Article.URL), an.Article.Text)
	}
	pa = PreparedArticle{
		ID: id, URL: string(an.Article.URL), Site: string(an.Article.Site), Published: string(an.Article.Published),
		Statements: make([]Prepared, 0, len(an.Statements)), Joins: []Join{}, Loose: []Loose{},
	}
	text := an.Article.Text
	ents := make(map[string]*crosscheck.Entity, len(an.Entities))
	for i := range an.Entities {
		ents[an.Entities[i].ID] = &an.Entities[i]
	}
	d := &doc{an: an, id: id, ents: ents, words: lx.entityWords(an)}
	pub, hasPub := parseDate(pa.Published)
	for si := range an.Statements {
		st := &an.Statements[si]
		if st.Content.Start < 0 || st.Content.End > len(text) || st.Content.Start > st.Content.End {
			return pa, fmt.Errorf("claims: article %s: statement %s: content span %d-%d outside the text (%d bytes)", id, st.ID, st.Content.Start, st.Content.End, len(text))
		}
		p := lx.prepareStatement(d, si)
		p.Article, p.Published, p.pub, p.hasPub, p.timeSet = id, pa.Published, pub, hasPub, true
		pa.Statements = append(pa.Statements, p)
	}
	pa.Joins, pa.Loose = lx.articleJoins(d, pa.Statements)
	return pa, nil
}

func (lx *Lexicon) prepareStatement(d *doc, si int) Prepared {
	an := d.an
	st := &an.Statements[si]
	text := an.Article.Text
	content := text[st.Content.Start:st.Content.End]
	name := speakerName(st)
	speaker := lx.speakerKey(st)
	if w := strings.ToLower(strings.TrimSpace(name)); w == "who" || lx.is(mkPronoun, w) {
		// A pronoun the analysis could not resolve ("we", "he", "who")
		// names someone of this article only: another article's "we" is
		// somebody else, no "same speaker".
		speaker = w + "@" + d.id
	}
	// "the Russian independent media", "a Kyiv-based think tank": of a
	// country, speaking for no state (package party's nonstate.tsv), in
	// the words or the resolved name ("They" = "Moldovan opposition
	// leaders")
	nonState := lx.party.NonState(words(st.Speaker.Text + " " + string(st.Speaker.Name)))
	if e := d.ents[string(st.Speaker.Entity)]; e != nil && e.Affiliation == "" &&
		(e.Type == crosscheck.TypePerson && len(lx.partiesNamed(strings.Join(e.Roles, " "))) > 0 || e.Type == crosscheck.TypeMedia) {
		// A person whose role names a country and whom the analysis gave
		// no party was weighed there (package party reads the countries,
		// demonyms and capitals of roles): "Russian military analyst Pavel
		// Felgenhauer", "our Moscow correspondent" speak for no state. So
		// was a medium, state media taking their state's code there: in
		// "American TV CNN" the country is where CNN is, not whom it
		// speaks for. A role naming only a region ("the chief police
		// investigator for Kharkiv province") is still read below for its
		// country.
		nonState = true
	}
	p := Prepared{
		Statement:   st.ID,
		Seq:         si,
		Speaker:     speaker,
		SpeakerName: name,
		Parties:     speakerParties(d, st, text, nonState),
		Stance:      st.Stance,
		Content:     st.Content.Text,
		Sentence:    sentenceOf(an, st.Sentence, st.Content.Start),
	}
	if len(p.Parties) == 0 && !nonState {
		// "senior Ukrainian official", "US defence official", "the Kremlin":
		// the speaker's own words name its side ("the Russian independent
		// media" do not: nonstate.tsv)
		p.Parties = lx.partiesNamed(st.Speaker.Text + " " + string(st.Speaker.Name))
	}
	if len(p.Parties) == 0 {
		p.Independent = lx.independentKind(p.SpeakerName + " " + st.Speaker.Text)
		p.Side = lx.allianceNamed(st.Speaker.Text + " " + string(st.Speaker.Name))
	}
	if p.Independent == "wire" {
		// "… said a high-ranking representative of the American
		// administration to Reuters": the agency relays a party's source,
		// it does not report on its own.
		if ps := lx.wireRelays(p.Sentence, content, st.Speaker.Text); len(ps) == 1 {
			p.Parties, p.Independent = ps, ""
		}
	}
	p.Voice = !(st.Speaker.Type == crosscheck.TypeUnattributed || p.Speaker == "" ||
		lx.nonClaim[st.Cue.Lemma] || nested(an.Statements, si))
	r := lx.readContent(d, st, &p, st.Content, false)
	// A content that demands ("Russia must withdraw") states no fact: like
	// a directive cue, it gives the ledger no voice.
	if r.demand {
		p.Voice = false
	}
	p.Summary = lx.summarize(&p, content, r.toks, r.pronounName, st, prepBefore(text[:st.Content.Start]))
	return p
}

// contentReading is what readContent found beyond what it set on the
// statement.
type contentReading struct {
	toks        []tok
	pronounName string
	demand      bool
}

// readContent reads the proposition in text[span] into p — its words,
// frames, anchors, weapons, figures and polarity — for statement st. span
// is the statement's content, or (refers) what an anaphoric denial points
// back to, where the speaker named is the doer ("Beijing has denied those
// claims" of "Beijing is considering sending lethal aid").
func (lx *Lexicon) readContent(d *doc, st *crosscheck.Statement, p *Prepared, span crosscheck.Span, refers bool) contentReading {
	an := d.an
	content := an.Article.Text[span.Start:span.End]
	ctoks := tokenize(content)
	p.Tokens, _ = lx.contentOf(ctoks)
	mentions, nameToks := lx.mentions(an, d.words, span, ctoks)
	p.NameTokens = nameToks
	speakerAgent := strings.Join(p.Parties, ",")
	if speakerAgent == "" {
		speakerAgent = p.Speaker
	}
	pronounName, pronounAgent := "", ""
	if len(ctoks) > 0 && lx.is(mkPronoun, ctoks[0].w) {
		pronounName, pronounAgent = lx.antecedent(d, st, ctoks[0].w, speakerAgent, p.SpeakerName)
	}
	untrue, localNeg := lx.callsUntrue(ctoks), lx.negates(ctoks)
	selfKey := p.Speaker
	if refers {
		selfKey = ""
	}
	p.Frames = lx.frames(frameInput{
		toks: ctoks, mentions: mentions, speaker: speakerAgent, speakerNm: p.SpeakerName,
		pronoun: pronounAgent, pronounNm: pronounName, speakerKey: selfKey,
		cue: st.Cue.Lemma, negated: localNeg,
	})
	if p.Frames == nil {
		p.Frames = []Frame{}
	}
	p.Anchors = lx.anchorsOf(mentions, ctoks, p.Frames)
	p.Weapons = lx.weaponsIn(ctoks)
	if p.Weapons == nil {
		p.Weapons = []string{}
	}
	p.Times = lx.timesIn(ctoks)
	p.Rebuts = lx.rebuttals(ctoks)
	p.Numbers = numbers(content, ctoks)
	if p.Numbers == nil {
		p.Numbers = []string{}
	}
	// Polarity: the negation of the first asserted predicate (else of the
	// content), turned over by a denial — a denying stance or cue, or the
	// content calling what it reports untrue. These say one denial in
	// several ways ("dismissed the claim as false"): they count once.
	neg := localNeg
	demand := false
	for _, f := range p.Frames {
		if f.Asserted {
			neg, demand = f.Negated, f.Demand
			break
		}
	}
	p.Negative = neg != (untrue || lx.denial(st))
	return contentReading{toks: ctoks, pronounName: pronounName, demand: demand}
}

// entityWords is what mentions reads of an entity, computed once per
// article: its key and the content tokens of its name and roles and of each
// mention.
type entityWords struct {
	key     string
	name    []string
	mention [][]string
}

func (lx *Lexicon) entityWords(an *crosscheck.Analysis) []entityWords {
	out := make([]entityWords, len(an.Entities))
	// The same names and mentions recur across an article's entities
	// ("Russia", "Putin"): each text is read once.
	memo := map[string][]string{}
	content := func(t string) []string {
		ts, ok := memo[t]
		if !ok {
			ts, _ = lx.content(t)
			memo[t] = ts
		}
		return ts
	}
	for i := range an.Entities {
		e := &an.Entities[i]
		out[i].key = lx.entityKey(e)
		if out[i].key == "" {
			continue
		}
		out[i].name = append(out[i].name, content(e.Name)...)
		for _, r := range e.Roles {
			out[i].name = append(out[i].name, content(r)...)
		}
		out[i].mention = make([][]string, len(e.Mentions))
		for mi, m := range e.Mentions {
			out[i].mention[mi] = content(m.Text)
		}
	}
	return out
}

// mentions locates the analysis's entity mentions inside a content on its
// tokens, and returns the content tokens that are words of names (titles
// included: "Russian President Vladimir Putin" names one man).
func (lx *Lexicon) mentions(an *crosscheck.Analysis, ents []entityWords, content crosscheck.Span, toks []tok) ([]mention, []string) {
	var out []mention
	var nameToks []string
	for i := range an.Entities {
		e := &an.Entities[i]
		key := ents[i].key
		if key == "" {
			continue
		}
		for mi, m := range e.Mentions {
			if m.Start < content.Start || m.End > content.End || m.End <= m.Start {
				continue
			}
			from, to := -1, -1
			for k, t := range toks {
				s, en := t.start+content.Start, t.end+content.Start
				if s >= m.Start && en <= m.End {
					if from < 0 {
						from = k
					}
					to = k + 1
				}
			}
			if from < 0 {
				continue
			}
			party := strings.ToUpper(string(e.Affiliation))
			place := e.Type == crosscheck.TypePlace
			country := false
			if place {
				party = strings.ToUpper(string(e.Country))
				if p, n, ok := lx.placeAt(toks, from); ok && n == to-from && (p.kind == plCountry || p.kind == plCapital) {
					country = true
				}
			}
			out = append(out, mention{from: from, to: to, key: key, name: e.Name, party: party, place: place, country: country, person: e.Type == crosscheck.TypePerson})
			nameToks = append(nameToks, ents[i].name...)
			nameToks = append(nameToks, ents[i].mention[mi]...)
		}
	}
	slices.SortFunc(out, func(a, b mention) int { return a.from - b.from })
	slices.Sort(nameToks)
	return out, slices.Compact(nameToks)
}

// anchorsOf returns the named entities and places of a content, sorted by
// key, leaving out those that are the doers of its frames: "Russia" in
// "Russia is moving troops to Belarus" is who acts, "Belarus" what the
// claim is about.
func (lx *Lexicon) anchorsOf(ms []mention, toks []tok, frames []Frame) []Anchor {
	agents := map[string]bool{}
	for _, f := range frames {
		if f.Agent != "" && f.Asserted {
			agents[f.Agent] = true
		}
	}
	seen := map[string]bool{}
	out := []Anchor{}
	prevWhere, prevEnd := false, -10
	for _, m := range lx.sideMentions(ms, toks) {
		// Where something happens: a place after a locative preposition,
		// or listed right after one ("to Romania, Poland and Germany"); a
		// country whose border or land is named ("the border with
		// Ukraine", "Ukraine's border", "on Ukrainian soil").
		where := m.side
		if m.place && m.from > 0 {
			j := m.from - 1
			for j > 0 && lx.is(mkDeterminer, toks[j].w) {
				j--
			}
			// Not after a verb of a limit: "will not stop at Ukraine" says
			// where it would end, not where anything happens.
			locative := lx.is(mkLocative, toks[j].w) && !(j > 0 && lx.limitVerb[toks[j-1].s])
			where = where || locative || (prevWhere && m.from-prevEnd <= 2)
		}
		if m.place {
			prevWhere, prevEnd = where, m.to
		}
		if seen[m.key] || (agents[m.agent()] && !m.place) || (m.place && m.country && agents[m.party]) {
			continue
		}
		seen[m.key] = true
		kind := "entity"
		switch {
		case m.place && m.country:
			kind = "country"
		case m.place:
			kind = "place"
		case m.person:
			kind = "person"
		}
		out = append(out, Anchor{Key: m.key, Name: m.name, Kind: kind, Party: m.party, Where: where})
	}
	slices.SortFunc(out, func(a, b Anchor) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// sideMentions returns ms with each country mention marked when the
// content names its border or its land ("the border with Ukraine",
// "Ukraine's borders"), and with a mention added for a demonym before such
// a noun ("along the Ukrainian border", "on Russian soil"), which names the
// country as a place but is no entity of the analysis.
func (lx *Lexicon) sideMentions(ms []mention, toks []tok) []mention {
	side := func(k int) bool { return k >= 0 && k < len(toks) && lx.is(mkSide, toks[k].w) }
	var out []mention
	for _, m := range ms {
		if m.place && m.country {
			m.side = m.from >= 2 && toks[m.from-1].w == "with" && side(m.from-2) ||
				side(m.to) || m.to < len(toks) && toks[m.to].w == "s" && side(m.to+1)
		}
		out = append(out, m)
	}
	added := false
	for k := 0; k+1 < len(toks); k++ {
		p, n, ok := lx.placeAt(toks, k)
		if !ok || p.kind != plDemonym || !side(k+n) {
			continue
		}
		if _, taken := mentionStartingAt(ms, k); taken {
			continue
		}
		name, ok := lx.countryName[p.code]
		if !ok {
			continue
		}
		key := lx.nameKey(name, false)
		out = append(out, mention{from: k, to: k + n, key: key, name: strings.ToUpper(name[:1]) + name[1:],
			party: p.code, place: true, country: true, side: true})
		added = true
	}
	if added {
		slices.SortStableFunc(out, func(a, b mention) int { return a.from - b.from })
	}
	return out
}

// articleJoins turns the article's relations into joins (and loose
// relations), and makes a denial whose content only points back ("denied
// this", "rejected the accusation") dispute the nearest earlier statement
// of another speaker, when no relation already says what it denies.
func (lx *Lexicon) articleJoins(d *doc, ps []Prepared) ([]Join, []Loose) {
	an := d.an
	joins, looses := []Join{}, []Loose{}
	byID := map[string]int{}
	for i := range ps {
		byID[ps[i].Statement] = i
	}
	hasFrom := map[string]bool{}
	for _, r := range an.Relations {
		if _, ok := byID[r.To]; !ok {
			continue
		}
		role := roleSupport
		if r.Type == crosscheck.RelContradicts || r.Type == crosscheck.RelNotConfirmed {
			role = roleDispute
		}
		if _, ok := byID[string(r.From)]; ok && r.From != "" {
			if string(r.From) == r.To {
				continue
			}
			hasFrom[string(r.From)] = true
			joins = append(joins, Join{From: string(r.From), To: r.To, Role: role, Reason: "the article relates them: " + r.Type})
			continue
		}
		text := sentenceOf(an, -1, r.Evidence.Start)
		if text == "" {
			text = r.Evidence.Text
		}
		looses = append(looses, Loose{To: r.To, Dispute: role == roleDispute, Party: strings.ToUpper(string(r.By)), Text: text})
	}
	for i := range ps {
		p := &ps[i]
		if hasFrom[p.Statement] || !p.Negative || !lx.anaphoric(p.Content) {
			continue
		}
		st := &an.Statements[p.Seq]
		if st.Stance != crosscheck.StanceDeny && !lx.denyCue[st.Cue.Lemma] {
			continue
		}
		// What it denies was said in its sentence or the one before: a
		// statement there, else a reported proposition ("concerns from
		// Washington that Beijing is considering sending lethal aid").
		joined := false
		for j := i - 1; j >= 0; j-- {
			q := &ps[j]
			qs := &an.Statements[q.Seq]
			if qs.Content.Start >= st.Content.Start {
				continue
			}
			if qs.Sentence < st.Sentence-1 {
				break
			}
			if q.Speaker == p.Speaker || lx.anaphoric(q.Content) || len(q.Tokens) < 3 {
				continue
			}
			joins = append(joins, Join{From: p.Statement, To: q.Statement, Role: roleDispute, Reason: "a denial of what was said before it in the article"})
			joined = true
			break
		}
		if !joined {
			if span, ok := lx.reportedBefore(an, st); ok {
				lx.readContent(d, st, p, span, true)
				p.Refers = strings.TrimSpace(span.Text)
				p.Summary = p.SpeakerName + ": " + strings.Join(strings.Fields(p.Content), " ") + " — that " + p.Refers
			}
		}
	}
	return joins, looses
}

// reportedBefore finds what an anaphoric denial points back to when no
// statement says it: in the sentence before the denial, the clause a
// reporting noun introduces with "that" ("… concerns from Washington that
// Beijing is considering sending lethal aid …"), to the sentence's end.
func (lx *Lexicon) reportedBefore(an *crosscheck.Analysis, st *crosscheck.Statement) (crosscheck.Span, bool) {
	k := st.Sentence - 1
	if k < 0 || k >= len(an.Sentences) {
		return crosscheck.Span{}, false
	}
	sen := an.Sentences[k]
	text := an.Article.Text
	if sen.Start < 0 || sen.End > len(text) || sen.Start >= sen.End {
		return crosscheck.Span{}, false
	}
	toks := tokenize(text[sen.Start:sen.End])
	for r := len(toks) - 1; r >= 0; r-- {
		if _, ok := lx.marker(mkReporting, toks, r); !ok {
			continue
		}
		for j := r + 1; j < len(toks) && j <= r+4; j++ {
			if toks[j].w != "that" {
				continue
			}
			if j+3 >= len(toks) {
				return crosscheck.Span{}, false
			}
			start, end := sen.Start+toks[j+1].start, sen.Start+toks[len(toks)-1].end
			return crosscheck.Span{Text: text[start:end], Start: start, End: end}, true
		}
	}
	return crosscheck.Span{}, false
}

// anaphoric reports whether a content only refers back ("this", "the
// accusation", "the figure as propaganda").
func (lx *Lexicon) anaphoric(content string) bool {
	ws := words(content)
	if len(ws) == 0 || len(ws) > 6 {
		return false
	}
	for _, w := range ws {
		if !lx.anaphor[w] && !lx.stop[w] {
			return false
		}
	}
	return true
}

// IndexKeys returns the keys under which a store should index a statement
// so that Link finds its candidates: every pair Match can join shares at
// least one key. Keys are "f:" and a frame class (asserted frames), "n:"
// and a figure, and "w:" and a content word that is not in common.tsv,
// the distinctive words of the names it rebuts among them. Each way Match
// joins needs one of these: the same words at least one shared word
// outside common.tsv, the same figure a shared figure, the same predicate
// a shared class (of asserted frames), and a rebuttal the distinctive word
// of its name, which the statement saying the name holds among its words.
// Anchors (a country, a person) and weapon systems only add to a link one
// of those makes, so they are no keys: "a:ukraine" alone made most of a
// window's statements candidates of each other (62 % of the candidate
// pairs of the war corpus shared only anchors or weapons, and none of them
// linked; TestIndexKeysCoverMatch checks every pair of it). Echo copies
// need no keys: they join their origin.
func (lx *Lexicon) IndexKeys(p *Prepared) []string {
	var keys []string
	for _, f := range p.Frames {
		if f.Asserted {
			keys = append(keys, "f:"+f.Class)
		}
	}
	for _, n := range p.Numbers {
		keys = append(keys, "n:"+n)
	}
	for _, t := range p.Tokens {
		if !lx.common[t] {
			keys = append(keys, "w:"+t)
		}
	}
	for _, name := range p.Rebuts {
		for _, w := range strings.Fields(name) {
			if !lx.common[w] {
				keys = append(keys, "w:"+w)
			}
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

func dedupSorted(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// antecedent resolves a pronoun that opens a content ("it was preparing
// for the invasion") to whom it refers: for "it" and "they", the first doer
// named earlier in the sentence, before the speaker ("Russia massed troops,
// and the US warned that it was preparing…"), when it is not on the
// speaker's side; otherwise — and always for "he", "she", "we", "I" — the
// speaker. It returns the referent's name and its agent value (party code
// or key).
func (lx *Lexicon) antecedent(d *doc, st *crosscheck.Statement, pronoun, speakerAgent, speakerName string) (name, agent string) {
	if pronoun != "it" && pronoun != "they" && pronoun != "its" && pronoun != "their" {
		return speakerName, speakerAgent
	}
	an := d.an
	text := an.Article.Text
	sStart := 0
	if st.Sentence >= 0 && st.Sentence < len(an.Sentences) {
		sStart = an.Sentences[st.Sentence].Start
	}
	limit := st.Speaker.Start
	if st.Speaker.End <= st.Speaker.Start || limit < sStart {
		limit = st.Content.Start
	}
	if sStart < 0 || limit > len(text) || sStart > limit {
		return speakerName, speakerAgent
	}
	best := lx.firstDoer(an, sStart, limit)
	if best == nil && st.Speaker.Type == crosscheck.TypePerson && st.Sentence > 0 && st.Sentence < len(an.Sentences) {
		// "General Gerasimov said they fought…": not the speaker, a group
		// named in the sentence before.
		prev := an.Sentences[st.Sentence-1]
		best = lx.lastDoer(an, prev.Start, prev.End)
		if best == nil {
			return "", ""
		}
	}
	if best == nil {
		return speakerName, speakerAgent
	}
	party := strings.ToUpper(string(best.Affiliation))
	if best.Type == crosscheck.TypePlace {
		party = strings.ToUpper(string(best.Country))
	}
	agent = party
	if agent == "" {
		agent = lx.entityKey(best)
	}
	if agent == speakerAgent || (party != "" && strings.Contains(speakerAgent, party)) {
		return speakerName, speakerAgent
	}
	return best.Name, agent
}

// firstDoer returns the first organization, group or place named in
// text[from:to] that is not after a locative preposition ("near the border
// of Ukraine" names where, not who).
func (lx *Lexicon) firstDoer(an *crosscheck.Analysis, from, to int) *crosscheck.Entity {
	var best *crosscheck.Entity
	bestAt := len(an.Article.Text)
	lx.eachDoer(an, from, to, func(e *crosscheck.Entity, at int) {
		if at < bestAt {
			best, bestAt = e, at
		}
	})
	return best
}

// lastDoer is firstDoer's last.
func (lx *Lexicon) lastDoer(an *crosscheck.Analysis, from, to int) *crosscheck.Entity {
	var best *crosscheck.Entity
	bestAt := -1
	lx.eachDoer(an, from, to, func(e *crosscheck.Entity, at int) {
		if at > bestAt {
			best, bestAt = e, at
		}
	})
	return best
}

func (lx *Lexicon) eachDoer(an *crosscheck.Analysis, from, to int, fn func(*crosscheck.Entity, int)) {
	text := an.Article.Text
	if from < 0 || to > len(text) || from > to {
		return
	}
	for i := range an.Entities {
		e := &an.Entities[i]
		if e.Type == crosscheck.TypePerson || e.Type == crosscheck.TypeMedia {
			continue
		}
		for _, m := range e.Mentions {
			if m.Start < from || m.End > to || m.Start > m.End {
				continue
			}
			before := strings.Fields(strings.ToLower(text[from:m.Start]))
			for len(before) > 0 && (before[len(before)-1] == "the" || before[len(before)-1] == "a") {
				before = before[:len(before)-1]
			}
			if n := len(before); n > 0 && (lx.is(mkLocative, before[n-1]) || before[n-1] == "of") {
				continue
			}
			fn(e, m.Start)
		}
	}
}

// summary is the statement standing alone: "Speaker: proposition", with a
// pronoun that opens the content replaced by whom it refers to, and the
// whole sentence instead of a content that is only a fragment ("to the
// Russian invasion", "The goal").
func (lx *Lexicon) summarize(p *Prepared, content string, ctoks []tok, pronounName string, st *crosscheck.Statement, prep string) string {
	body := strings.Join(strings.Fields(content), " ")
	body = strings.Trim(body, " \"“”'‘’")
	// Not for a quotation: its words are the speaker's own.
	cue := st.Cue
	// A cue that asserts a clause (markers.tsv "assertcue": "stressed",
	// "admitted") is left out before one; a denial or a doubt keeps its
	// cue whatever follows: "denied | Russia was isolated", "questioned |
	// the virus was the cause" say the opposite without it.
	lemma := strings.ToLower(cue.Lemma)
	assertsClause := lx.is(mkAssertCue, lemma) && !lx.denial(st) && lx.clause(ctoks)
	objCue := cue.Text != "" && st.Kind != crosscheck.KindDirect && lx.is(mkObjectCue, lemma) &&
		(len(ctoks) == 0 || ctoks[0].w != "that") && !assertsClause
	// "warned Berlin of a possible attack", "was talking about a possible
	// invasion": the content is the object of a preposition, a topic the
	// summary names with the cue and the preposition.
	prepObj := cue.Text != "" && st.Kind != crosscheck.KindDirect && prep != ""
	if (objCue || prepObj) && len(ctoks) > 0 {
		// The content is the cue's object ("the UK of provoking Ukraine…"):
		// with its verb it stands alone ("accused the UK of provoking…").
		if lx.is(mkPronoun, ctoks[0].w) && thirdPerson(ctoks[0].w) && pronounName != "" && !lx.expletive(ctoks) {
			body = replacePronoun(body, ctoks[0].w, pronounName)
		}
		if prepObj && !strings.HasSuffix(strings.ToLower(cue.Text), " "+prep) {
			body = prep + " " + body // the cue "talked about" has it
		}
		body = strings.ToLower(cue.Text) + " " + body
		p.Object = true
	} else if lx.fragment(ctoks) && p.Sentence != "" {
		body = strings.Join(strings.Fields(p.Sentence), " ")
	} else if len(ctoks) > 0 && lx.is(mkFinite, ctoks[0].w) && p.Sentence != "" {
		// "The allegations, which US officials said were not an isolated
		// incident": the content opens with its verb, its subject is
		// what the relative clause hangs on.
		if subj := relativeSubject(p.Sentence, body, cue.Text); subj != "" {
			body = subj + " " + body
		}
	} else if len(ctoks) > 0 && lx.is(mkPronoun, ctoks[0].w) && thirdPerson(ctoks[0].w) && pronounName != "" && !lx.expletive(ctoks) {
		body = replacePronoun(body, ctoks[0].w, pronounName)
	}
	if r, n := utf8.DecodeRuneInString(body); n > 0 && unicode.IsLower(r) {
		body = string(unicode.ToUpper(r)) + body[n:]
	}
	body = closeQuotes(body)
	const maxLen = 300
	if len(body) > maxLen {
		cut := strings.LastIndex(body[:maxLen], " ")
		if cut < maxLen/2 {
			cut = maxLen
		}
		for !utf8.RuneStart(body[cut]) {
			cut--
		}
		body = body[:cut] + " …"
	}
	if p.SpeakerName == "" || !p.Voice && p.Speaker == "" {
		return body
	}
	return p.SpeakerName + ": " + body
}

// denial reports whether a statement denies its content, by its cue
// ("denied", "dismissed") or its stance.
func (lx *Lexicon) denial(st *crosscheck.Statement) bool {
	switch st.Stance {
	case crosscheck.StanceDeny, crosscheck.StanceNotConfirmed, crosscheck.StanceRetract:
		return true
	}
	return lx.denyCue[st.Cue.Lemma]
}

// clause reports whether a content is a clause of its own, not a cue's
// object: a subject and a finite verb within its first words ("stressed |
// the United States must continue…", "emphasized | Russia and Ukraine
// should return…"), where "stressed | the importance of…" has none. A
// verb after a relative or complement word ("the fact that Putin has…")
// is inside the object.
func (lx *Lexicon) clause(toks []tok) bool {
	for k := 0; k < min(len(toks), 6); k++ {
		switch toks[k].w {
		case "that", "which", "who", "whom", "whose", "what", "where", "when", "why", "how", "if", "whether":
			return false // "the fact that Putin has…", "if everything was done"
		}
		if k > 0 && lx.is(mkFinite, toks[k].w) {
			return true
		}
	}
	return false
}

// relativeSubject returns the subject of a content that opens with its
// verb inside a relative clause of sentence, where the speaker and the
// cue (the statement's cue, which the content follows) stand between the
// relative word and the content: "China, which experts say |
// is unlikely to…" gives "China"; "Kyiv received the convoy, which
// officials said | was delayed…" gives "the convoy". The subject is the
// noun phrase before the relative word: from its determiner or possessive
// ("the UK's £500m additional funding"), or a run of capitalised words
// ("China"), six words at most after a comma and three without; else ""
// (a list, a clause: not guessed).
func relativeSubject(sentence, content, cue string) string {
	sentence = strings.Join(strings.Fields(sentence), " ")
	head := content[:min(len(content), 40)]
	i := strings.Index(sentence, head)
	if i <= 0 {
		return ""
	}
	before := sentence[:i]
	if cue == "" || !strings.HasSuffix(strings.TrimRight(before, " "), cue) {
		return "" // "the West has assured Russia | will face": Russia's
	}
	rel := -1
	for _, w := range []string{" which ", " that ", " who "} {
		rel = max(rel, strings.LastIndex(before, w))
	}
	if rel <= 0 {
		return ""
	}
	// A relative clause set off by a comma follows its whole noun phrase
	// ("The UK's £500m additional funding, which…"); one without may
	// follow a noun inside a longer phrase ("the ruling made proclamations
	// that…"): a short phrase only.
	maxWords := 3
	if before[rel-1] == ',' {
		maxWords = 6
	}
	// The speaker and the cue between: "officials said", "Kremlin
	// spokesperson Dmitry Peskov said".
	if n := len(strings.Fields(before[rel:])); n < 3 || n > 8 {
		return ""
	}
	np := strings.TrimRight(before[:rel], ", ")
	if j := strings.LastIndexAny(np, ",:;—–(["); j >= 0 {
		np = np[j+1:]
	}
	words := strings.Fields(strings.Trim(np, " \"“”'‘’"))
	d := -1
	for k := len(words) - 1; k >= 0 && d < 0; k-- {
		if npOpeners[strings.ToLower(words[k])] || strings.HasSuffix(words[k], "’s") || strings.HasSuffix(words[k], "'s") {
			d = k
		}
	}
	for d > 0 && npOpeners[strings.ToLower(words[d-1])] {
		d-- // "the UK's"
	}
	if d < 0 {
		// A name: the capitalised words that end the phrase.
		d = len(words)
		for d > 0 && isCapitalised(words[d-1]) {
			d--
		}
		if d == len(words) {
			return ""
		}
	}
	if len(words)-d > maxWords {
		return ""
	}
	return strings.Join(words[d:], " ")
}

// npOpeners open a noun phrase: the articles, demonstratives and
// possessive pronouns (relativeSubject).
var npOpeners = map[string]bool{"a": true, "an": true, "the": true, "this": true, "these": true, "those": true,
	"its": true, "their": true, "his": true, "her": true, "our": true}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// prepBefore returns the preposition that ends the text before a content
// ("of", "about", "on"), which makes the content its object: "warned
// Berlin of | a possible attack", "spoke about | the risks".
func prepBefore(before string) string {
	before = strings.TrimRight(before, " ")
	i := strings.LastIndexAny(before, " \n")
	switch w := before[i+1:]; w {
	case "of", "about", "on":
		return w
	}
	return ""
}

// replacePronoun replaces the pronoun that opens body by whom it refers to.
func replacePronoun(body, pronoun, name string) string {
	rest := ""
	if i := strings.IndexByte(body, ' '); i > 0 {
		rest = body[i:]
	}
	switch pronoun {
	case "its", "their", "his", "her", "our":
		return name + "’s" + rest
	}
	return name + rest
}

// closeQuotes gives back the closing quotation mark that trimming the
// content's ends took from a quotation opened inside it ("the Russian
// "invasion of Ukraine can start at any time." → …any time."").
func closeQuotes(body string) string {
	if strings.Count(body, "\"")%2 == 1 && strings.LastIndex(body, "\"") > 0 {
		body += "\""
	}
	if strings.Count(body, "“") > strings.Count(body, "”") {
		body += "”"
	}
	return body
}

// expletive reports whether a content opens with an "it" that refers to
// nothing: "it is in the interest of Serbia to refrain…", "it is important
// that tourists be aware…" — "it", a form of "to be", no participle, and a
// "to" or "that" a few words on.
func (lx *Lexicon) expletive(toks []tok) bool {
	if len(toks) < 4 || toks[0].w != "it" || !lx.is(mkBe, toks[1].w) {
		return false
	}
	if w := toks[2].w; strings.HasSuffix(w, "ing") || participle(w) {
		return false
	}
	for _, t := range toks[3:min(len(toks), 9)] {
		if t.w == "to" || t.w == "that" {
			return true
		}
	}
	return false
}

// thirdPerson tells the pronouns a summary replaces by whom they refer to:
// "we" and "I" after "Speaker:" are clear, and "Joe Biden am convinced"
// is not English.
func thirdPerson(w string) bool {
	switch w {
	case "it", "its", "they", "their", "he", "his", "she", "her":
		return true
	}
	return false
}

// fragment reports whether a content cannot stand as a proposition: too
// short, or opening with a word that continues something ("and", "to",
// "of", "that", "which").
func (lx *Lexicon) fragment(toks []tok) bool {
	if len(toks) < 4 {
		return true
	}
	switch toks[0].w {
	case "in", "on", "at", "from", "during", "after", "before":
		// "in the Russian media there were accusations that…": a clause
		// that opens with where or when stands alone when it is long.
		return len(toks) < 8
	case "and", "or", "but", "of", "to", "for", "with", "by", "as", "than",
		"about", "into", "against", "that", "which", "who", "whom", "whose", "while", "s":
		return true
	}
	return false
}

// when returns the statement's publication time, parsing Published once
// (a Prepared read back from a store has only the string).
func (p *Prepared) when() (time.Time, bool) {
	if !p.timeSet {
		p.pub, p.hasPub = parseDate(p.Published)
		p.timeSet = true
	}
	return p.pub, p.hasPub
}

// gap is the time between two statements' publications; dated is false
// when either has no date.
func (p *Prepared) gap(q *Prepared) (d time.Duration, dated bool) {
	tp, okp := p.when()
	tq, okq := q.when()
	if !okp || !okq {
		return 0, false
	}
	d = tp.Sub(tq)
	if d < 0 {
		d = -d
	}
	return d, true
}

// callsUntrue reports whether a content calls what it reports untrue: an
// untrue word (denials.tsv) said of something — after "is", "as",
// "called", closing the content ("dismissed the figure as propaganda",
// "the claim … is false"), or before what it is said of ("the hysteria
// around…", "lies about…") — not an adjective before a noun ("a false
// pretext").
func (lx *Lexicon) callsUntrue(toks []tok) bool {
	for k, t := range toks {
		if !lx.untrue[t.w] {
			continue
		}
		if k >= len(toks)-2 {
			return true
		}
		// "the hysteria around Russia's possible attack", "speculation
		// that…", "lies about…": what the untrue word is said of follows.
		switch toks[k+1].w {
		case "about", "around", "over", "regarding", "concerning", "that":
			if !toks[k+1].brk {
				return true
			}
		}
		for j := k - 1; j >= 0 && j >= k-5; j-- {
			w := toks[j].w
			if lx.is(mkBe, w) || w == "as" || w == "called" || w == "calling" || w == "call" || w == "calls" ||
				w == "labelled" || w == "labeled" || w == "branded" || w == "dismissed" {
				return true
			}
		}
	}
	return false
}

// negates reports whether a content holds a negation (negations.tsv) that
// is not an untrue word: "did not attack", "no plans".
func (lx *Lexicon) negates(toks []tok) bool {
	for k, t := range toks {
		if !lx.untrue[t.w] && lx.negationAt(toks, k) {
			return true
		}
	}
	return false
}

// allianceNamed returns the first alliance a speaker's words name
// (demonyms.tsv alliances but the UN: "Western officials" → WEST).
func (lx *Lexicon) allianceNamed(text string) string {
	toks := tokenize(text)
	for i := range toks {
		if p, _, ok := lx.placeAt(toks, i); ok && p.kind == plAlliance && p.code != "UN" {
			return p.code
		}
	}
	return ""
}

// wireRelays is relayedParties of a wire agency's sentence without its
// content and without the agency's own name, which is no party it relays
// ("Agence France-Presse, which cited sources close to …").
func (lx *Lexicon) wireRelays(sentence, content, agency string) []string {
	rest := strings.Replace(sentence, content, " ", 1)
	if agency != "" {
		rest = strings.Replace(rest, agency, " ", 1)
	}
	return lx.relayedParties(rest)
}

// relayedParties returns the parties of the sources a wire agency's
// sentence (its content left out) names: a country, demonym or capital
// within four words of a source noun (markers.tsv, relay: "a
// representative of the American administration", "US officials", "a
// source in the Russian government").
func (lx *Lexicon) relayedParties(text string) []string {
	toks := tokenize(text)
	out := []string{}
	for i := 0; i < len(toks); i++ {
		p, n, ok := lx.placeAt(toks, i)
		if !ok || p.kind == plAlliance {
			continue
		}
		for j := max(0, i-4); j < min(len(toks), i+n+4); j++ {
			if lx.is(mkRelay, toks[j].w) {
				out = append(out, p.code)
				break
			}
		}
		i += n - 1
	}
	return dedupSorted(out)
}

// partiesNamed returns the countries a speaker's words name (demonyms.tsv:
// countries, demonyms, capitals, seats of government; not alliances),
// sorted.
func (lx *Lexicon) partiesNamed(text string) []string {
	toks := tokenize(text)
	out := []string{}
	for i := 0; i < len(toks); i++ {
		if p, n, ok := lx.placeAt(toks, i); ok && p.kind != plAlliance {
			out = append(out, p.code)
			i += n - 1
		}
	}
	return dedupSorted(out)
}
