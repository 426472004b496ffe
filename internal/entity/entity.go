// Package entity finds the persons, organizations, groups, media and places
// an article mentions, with every mention as a byte span, the roles persons
// are given, and the country (ISO 3166-1 alpha-2) each entity speaks for.
//
// It is a pure, deterministic stage built from rules and embedded lexicons
// (data/*.tsv, hand-written) plus the gazetteer; there is no statistical
// model (stack.md §4: prose's NER is wrong and slow on news). In outline:
//
//  1. Tokens carry byte offsets; "U.S.", "St." and initials keep their
//     periods, possessives are tokens of their own.
//  2. Tokens are tagged by longest match: known organizations and media,
//     organization heads ("Ministry", "General Staff"), landmark heads,
//     countries and demonyms (gazetteer), titles and roles (any case);
//     other capitalised words are name words unless they are stop words or
//     open a sentence while the article also uses them in lower case.
//  3. Patterns: [country|org|modifier|title]* title NAME is a person whose
//     role is the pre-modifier as written; "NAME, <role phrase>," adds an
//     apposition role; [country's] words HEAD is an organization; NAME
//     region / village of NAME / NAME Basilica are places; demonym or
//     qualifier + group noun is a group; a run of two or more unknown name
//     words is a place if the gazetteer knows it, else a person.
//  4. Coreference: a surname alone, or title + surname, joins the person
//     whose full name ends with it; persons first named by surname only
//     take the full name from a short list of well-known office holders.
//  5. A place the gazetteer does not know ("the village of Gornal", "St.
//     Peter's Basilica") takes the country of the nearest known place
//     mentioned before it in the same paragraph.
//
// A person's mention covers the name only ("Valery Gerasimov", "Putin"),
// or the regnal title and name ("Pope Francis"); titles and roles are in
// Entity.Roles as written, in order of first appearance. Organizations
// named inside a role ("White House" in "White House Communications
// Director Steven Cheung") keep their own mention; countries used as
// modifiers ("U.S. President", "Russian troops") are not place mentions.
//
// Affiliation is decided by package party from the evidence this stage
// gathers: a country or state body named in a role (pre-modifier "Russian
// Foreign Minister", "White House Communications Director"; apposition
// "Chief of the General Staff for Russia's Armed Forces"; a role that opens
// the clause, "The Commander-in-Chief of the Armed Forces of Ukraine,
// NAME,"), a state that installed or backs the speaker ("Moscow-installed"),
// a role or body that speaks for no state (independent roles such as
// "analyst" or "Kremlin critic", "think tank", an international body the
// person serves, not one a role is posted to), the listing of a known
// organization (data/organizations.tsv: TASS is RU, AFP none) and of a
// well-known office holder (data/officeholders.tsv; a title without a
// country, "President Putin", gives none by itself: taking the only country
// of the sentence was tried and rejected, as it made Obama Russian and
// Pence Cuban on PolNeAR).
//
// One person is one entity whatever the spelling: surnames are compared
// folded ("Łukaszenko" and "Lukashenko", "Zelenskiy" and "Zelensky") and a
// one-letter typo of a surname of six letters or more joins it; the person
// is named with the surname spelled as the article does most often. A name
// given with "dubbed", "known as" or "call sign" is another mention of the
// person named just before, and an acronym in brackets after an
// organization's name another mention of it; organizations are named by
// the form the article uses most ("KIIS", "UN"). Peers of a place ("the
// Duchess of Edinburgh") are persons of that place's country. Refer
// resolves a speaker's description to an entity (refer.go).
package entity

import (
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/party"
)

// At returns the entity whose mention overlaps the byte range [start, end)
// of the text, or nil when none does. When several do (a role phrase that
// names an organization before a person's name), a person wins over an
// organization or medium, which wins over a group and a place; then the
// larger overlap wins.
func At(ents []crosscheck.Entity, start, end int) *crosscheck.Entity {
	var best *crosscheck.Entity
	bestRank, bestOverlap := -1, 0
	for i := range ents {
		e := &ents[i]
		for _, m := range e.Mentions {
			o := min(end, m.End) - max(start, m.Start)
			if o <= 0 && !(start == end && m.Start <= start && start < m.End) {
				continue
			}
			r := typeRank(e.Type)
			if r > bestRank || (r == bestRank && o > bestOverlap) {
				best, bestRank, bestOverlap = e, r, o
			}
		}
	}
	return best
}

func typeRank(t string) int {
	switch t {
	case crosscheck.TypePerson:
		return 4
	case crosscheck.TypeOrganization, crosscheck.TypeMedia:
		return 3
	case crosscheck.TypeGroup:
		return 2
	}
	return 1
}

// cand is an entity under construction.
type cand struct {
	key      string
	name     string
	typ      string
	ev       []party.Evidence // what roles, names and the lexicons say of its party; party.Decide decides in finish
	country  string
	roles    []string
	mentions []crosscheck.Span
	forms    map[string]int // places: surface forms, to name the entity by its commonest
	fold     string         // persons with a full name: foldSurname of the surname
	unplaced bool           // a place the gazetteer did not resolve: country from context
	para     int
}

// finder holds the state of one Find call.
type finder struct {
	lx    *Lexicon
	at    time.Time // the article's publication, for the office holders' terms; zero when unknown
	tg    tagger
	units []unit
	used  []bool // tokens already part of an entity or role
	sents []crosscheck.Sentence
	ents  map[string]*cand
	order []*cand
	// single-word names resolved once every full name is known
	pending []pendingName
	// lower-case words the article uses
	lowerSeen map[string]bool
	// persons by the last word of their name
	bySurname map[string][]*cand
	// toksBuf, when set, is reused by tokenize for f.tg.toks
	toksBuf []token
	// folds caches foldSurname by surname as written
	folds map[string]string
}

// findBufs are Find's token and unit buffers, kept for the next article.
// They are the largest allocations of the analyzer (some 10 bytes per
// byte of text), and reusing them spares the allocator and the garbage
// collector; neither buffer outlives the Find call that uses it.
type findBufs struct {
	toks  []token
	units []unit
}

// maxPooledToks bounds the buffers put back: one huge article must not keep
// megabytes alive for the small ones that follow.
const maxPooledToks = 1 << 16

// findPool holds findBufs; a sync.Pool, as Find runs on many goroutines.
var findPool = sync.Pool{New: func() any { return new(findBufs) }}

// pendingName is a one-word name (or title + surname) waiting for coreference.
type pendingName struct {
	tok      int // the name token
	role     string
	roleEv   party.Evidence
	titled   bool
	headline bool // in a headline-case sentence: only joins a known person
	initial  bool
	sent     int
}

func (f *finder) entity(key, name, typ string) *cand {
	if c, ok := f.ents[key]; ok {
		return c
	}
	written := ""
	// "Frank -Walter Steinmeier", as a scraper split it: the name is
	// written "Frank-Walter Steinmeier"
	name = strings.ReplaceAll(name, " -", "-")
	if typ == crosscheck.TypePerson {
		// "XI Jinping" (a translation that took the name for a numeral):
		// the family name as the list writes it, and its mentions "XI"
		// as written
		if first := firstWord(name); first != name && len(first) > 1 && first == strings.ToUpper(first) {
			if fam := capitalize(strings.ToLower(first)); f.lx.familyFirst[fam] {
				written, name = first, fam+name[len(first):]
			}
		}
	}
	c := &cand{key: key, name: name, typ: typ}
	f.ents[key] = c
	f.order = append(f.order, c)
	if typ == crosscheck.TypePerson {
		if f.bySurname == nil {
			f.bySurname = map[string][]*cand{}
		}
		s := lastWord(name)
		f.bySurname[s] = append(f.bySurname[s], c)
		// "Xi Jinping" … "Xi said": a family name written first
		if first := firstWord(name); first != s && f.lx.familyFirst[first] && strings.Count(name, " ") <= 2 {
			f.bySurname[first] = append(f.bySurname[first], c)
			if written != "" {
				f.bySurname[written] = append(f.bySurname[written], c)
			}
		}
		if strings.Contains(name, " ") {
			c.fold = f.fold(s)
			if c.fold != s {
				f.bySurname["≈"+c.fold] = append(f.bySurname["≈"+c.fold], c)
			}
		}
	}
	return c
}

// mention adds tokens [p, q) as a mention of c.
func (f *finder) mention(c *cand, p, q int) {
	// duplicates (a token reached twice) are removed in finish; tokens are
	// marked used, so they are rare
	s, e := int(f.tg.toks[p].start), int(f.tg.toks[q-1].end)
	c.mentions = append(c.mentions, crosscheck.Span{Text: f.tg.text[s:e], Start: s, End: e})
}

func (f *finder) addRole(c *cand, role string, ev party.Evidence) {
	if role != "" && !slices.Contains(c.roles, role) {
		c.roles = append(c.roles, role)
	}
	if ev.Source != 0 {
		c.ev = append(c.ev, ev)
	}
}

func (f *finder) use(p, q int) {
	for i := p; i < q; i++ {
		f.used[i] = true
	}
}

func (f *finder) free(p, q int) bool {
	for i := p; i < q; i++ {
		if f.used[i] {
			return false
		}
	}
	return true
}

// Find returns the entities of an article with every mention, ids "e1",
// "e2", ... in order of first mention. sents are the article's sentences
// (segment.Sentences); when empty, each line is taken as a sentence. It
// returns nil for a nil Lexicon, an empty text, or a text of 2 GiB or more.
func Find(text string, sents []crosscheck.Sentence, lx *Lexicon) []crosscheck.Entity {
	return FindAt(text, sents, lx, time.Time{})
}

// FindAt is Find for an article published at (zero when unknown): a listed
// office holder speaks for the state only in the terms the list gives
// ("Mike Pence" in 2023 is a former vice president, of no state).
func FindAt(text string, sents []crosscheck.Sentence, lx *Lexicon, at time.Time) []crosscheck.Entity {
	if lx == nil || text == "" || len(text) > math.MaxInt32 {
		return nil // offsets are kept as int32; articles are capped far below 2 GB
	}
	if len(sents) == 0 {
		sents = lineSentences(text)
	}
	bufs := findPool.Get().(*findBufs)
	f := &finder{lx: lx, at: at, tg: tagger{lx: lx, text: text}, sents: sents, ents: map[string]*cand{}, toksBuf: bufs.toks}
	f.tokenize()
	f.used = make([]bool, len(f.tg.toks))
	if cap(bufs.units) >= len(f.tg.toks) {
		f.units = bufs.units[:0]
	} else {
		f.units = make([]unit, 0, len(f.tg.toks))
	}
	lowerSeen := make(map[string]bool, len(f.tg.toks)/3)
	upper := 0
	for i, t := range f.tg.toks {
		if t.lower {
			lowerSeen[f.tg.word(i)] = true
		}
		if t.upper {
			upper++
		}
	}
	f.lowerSeen = lowerSeen
	// the gazetteer caches: about one phrase per capitalised word is looked
	// up; sizing them once spares rehashing as they grow
	f.tg.countries = make(map[string]countryHit, upper/2+8)
	f.tg.places = make(map[string]placeHit, upper/4+8)
	// tag every sentence; sentRange[s] is the range of units of sentence s
	sentRange := make([][2]int, len(sents))
	p := 0
	for s := range sents {
		q := p
		for q < len(f.tg.toks) && int(f.tg.toks[q].sent) == s {
			q++
		}
		u0 := len(f.units)
		f.units = f.tg.tag(f.units, p, q, lowerSeen)
		sentRange[s] = [2]int{u0, len(f.units)}
		p = q
	}
	var runs []nameRun
	for s, r := range sentRange {
		us := f.units[r[0]:r[1]]
		if len(us) == 0 {
			continue
		}
		headline := isHeadline(f, us)
		surnameTitles(f, us)
		f.knownOrgs(us)
		f.headOrgs(us, headline)
		f.peerages(us)
		runs = f.titledPersons(us, s, headline, runs)
		f.groups(us)
	}
	f.otherRuns(runs)
	f.resolvePending()
	f.aliases()
	f.acronyms()
	for _, r := range sentRange {
		f.countries(f.units[r[0]:r[1]])
	}
	ents := f.finish()
	if cap(f.tg.toks) <= maxPooledToks {
		bufs.toks, bufs.units = f.tg.toks[:0], f.units[:0]
		findPool.Put(bufs)
	}
	return ents
}

// tokenize fills f.tg.toks from the sentences.
func (f *finder) tokenize() {
	abbrev := func(w string) bool { return f.lx.abbrev[w] }
	toks := f.toksBuf[:0]
	if want := len(f.tg.text)/5 + 16; cap(toks) < want {
		toks = make([]token, 0, want)
	}
	prevEnd := 0
	for s, se := range f.sents {
		start, end := max(se.Start, prevEnd), min(se.End, len(f.tg.text))
		if start >= end {
			continue
		}
		prevEnd = end
		n := len(toks)
		toks = tokenize(toks, f.tg.text, start, end, abbrev)
		first := true
		for i := n; i < len(toks); i++ {
			toks[i].sent = int32(s)
			if toks[i].kind == tWord {
				toks[i].initial = first || toks[i].nl
				first = false
				if i > n && toks[i-1].kind == tPunct {
					switch f.tg.text[toks[i-1].start:toks[i-1].end] {
					case "“", "\"", "‘", "(", ":", "—", "–", "[":
						toks[i].initial = true
					}
				}
			}
		}
	}
	f.tg.toks = toks
}

// lineSentences splits text into one pseudo-sentence per line.
func lineSentences(text string) []crosscheck.Sentence {
	var out []crosscheck.Sentence
	para, start := 0, 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			if strings.TrimSpace(text[start:i]) != "" {
				out = append(out, crosscheck.Sentence{Index: len(out), Paragraph: para, Start: start, End: i})
			} else if len(out) > 0 && out[len(out)-1].Paragraph == para {
				para++
			}
			start = i + 1
		}
	}
	return out
}

// knownOrgs adds every known organization and medium.
func (f *finder) knownOrgs(us []unit) {
	for _, u := range us {
		if u.kind != uOrg {
			continue
		}
		c := f.entity("org:"+u.org.name, u.org.name, u.org.typ)
		if len(c.ev) == 0 {
			c.ev = append(c.ev, u.org.evidence())
		}
		f.mention(c, u.a, u.b)
		f.use(u.a, u.b)
	}
}

// adjacent reports whether unit j+1 follows unit j in the same phrase.
func (f *finder) adjacent(us []unit, j int) bool {
	return f.tg.joinable(us[j+1].a)
}

// headOrgs adds organizations named by a head: "Ukraine's General Staff",
// "Russian Defence Ministry", "Ministry of Defence of Ukraine".
//
// In a headline-case sentence every word is capitalised, so only countries
// and possessives may stand before the head there.
func (f *finder) headOrgs(us []unit, headline bool) {
	for k := 0; k < len(us); k++ {
		u := us[k]
		if u.kind != uHead || !f.free(u.a, u.b) {
			continue
		}
		// "Royal United Services Institute": the organization ends at the
		// last head of a run of capitalised words
		for j := k + 1; j < len(us) && f.adjacent(us, j-1) && (us[j].kind == uWord || us[j].kind == uHead) && f.free(us[j].a, us[j].b); j++ {
			if us[j].kind == uHead {
				k, u = j, us[j]
			}
		}
		pos := f.lx.heads[f.tg.key(u.a, u.b)]
		left := k
		for j := k - 1; pos&headEnd != 0 && j >= 0 && f.adjacent(us, j); j-- {
			w := us[j]
			ok := w.kind == uWord || w.kind == uCountry || w.kind == uHead ||
				(w.kind == uPoss && j > 0 && (us[j-1].kind == uWord || us[j-1].kind == uCountry || us[j-1].kind == uOrg)) ||
				(w.kind == uOrg && j+1 < k+1 && us[j+1].kind != uPoss)
			if headline && (w.kind == uWord || w.kind == uHead) {
				ok = false
			}
			if !ok || !f.free(w.a, w.b) && w.kind != uOrg {
				break
			}
			left = j
		}
		if left < k && us[left].kind == uPoss {
			left++
		}
		right := k
		// "of [the] Name ..." continues any head
		for j := k + 1; (pos&headStart != 0 || left < k) && j+1 < len(us) && (us[j].flags&fOf != 0 || f.tg.word(us[j].a) == "for") && f.adjacent(us, j-1); {
			m := j + 1
			if us[m].flags&fDet != 0 && m+1 < len(us) {
				m++
			}
			// each "of" segment is a country ("of Ukraine") or at most two
			// words ("of Foreign Affairs"), or two and two around "and";
			// longer runs go on with a person's name ("... of Foreign
			// Affairs Le Yucheng")
			end, words := -1, 0
			for n := m; n < len(us) && f.adjacent(us, n-1); n++ {
				if us[n].kind == uCountry || us[n].kind == uOrg {
					end = n
					break
				}
				if us[n].kind == uWord || us[n].kind == uHead {
					if words++; words > 2 {
						break
					}
					end = n
					continue
				}
				// "Center for Strategic and International Studies"
				// "Strategic and International Studies": one word before
				// "and"; "International Affairs and Bogusław Pacek" is a list
				if f.tg.word(us[n].a) == "and" && end >= 0 && words == 1 && n+1 < len(us) && us[n+1].kind == uWord {
					words = 0
					continue
				}
				break
			}
			if end < 0 {
				break
			}
			right = end
			j = end + 1
		}
		if left == k && right == k {
			continue // a bare head ("the Ministry") names nothing
		}
		p, q := us[left].a, us[right].b
		name := f.tg.key(p, q)
		c := f.entity("org:"+strings.ToLower(name), f.tg.span(p, q), crosscheck.TypeOrganization)
		ev := f.evidence(us[left:right+1], false)
		if ev.Source == 0 {
			ev = f.leaderEvidence(us[left:k], u)
		}
		// "Stockholm International Peace Research Institute", "Kyiv
		// International Institute of Sociology": a non-state head speaks
		// for no state whatever place the name holds, unless the name says
		// the body is a state's ("National Institute of …").
		if ev.Source != party.Installed {
			var words []string
			for i := p; i < q; i++ {
				if f.tg.toks[i].kind == tWord {
					words = append(words, f.tg.word(i))
				}
			}
			if f.lx.party.NonStateBody(words, f.tg.word(u.a)) {
				ev = party.Evidence{Source: party.NonState}
			}
		}
		if ev.Source != 0 && len(c.ev) == 0 {
			c.ev = append(c.ev, ev)
		}
		f.mention(c, p, q)
		f.use(p, q)
		k = right
	}
}

// leaderEvidence is the party of a body named by its leader, "the Biden
// Administration", "the Scholz Government": the words before the head
// (name) are a listed office holder's name or unique surname, and the head
// is one a leader's name may stand before (orgheads.tsv "leader").
func (f *finder) leaderEvidence(name []unit, head unit) party.Evidence {
	if len(name) == 0 || !f.lx.leaderHeads[f.tg.key(head.a, head.b)] {
		return party.Evidence{}
	}
	for _, u := range name {
		if u.kind != uWord {
			return party.Evidence{}
		}
	}
	who := f.tg.key(name[0].a, name[len(name)-1].b)
	if full, ok := f.lx.surnames[who]; ok {
		who = full
	}
	if h, ok := f.lx.holders[who]; ok && h.aff != "" && h.heldAt(f.at) {
		return h.evidence()
	}
	return party.Evidence{}
}

// peerages adds persons named by a regnal title of a place: "the Duchess
// of Edinburgh", "the Prince of Wales". A first name before it ("Sophie,
// the Duchess of Edinburgh") is a mention of the same person, and names
// her where it stands alone later.
func (f *finder) peerages(us []unit) {
	for k := 0; k+2 < len(us); k++ {
		t := us[k]
		if t.kind != uTitle || t.title != titleRegnal || us[k+1].flags&fOf == 0 || !f.adjacent(us, k) || !f.adjacent(us, k+1) || !f.free(t.a, t.b) {
			continue
		}
		end := k + 2
		for end < len(us) && (us[end].kind == uWord || us[end].kind == uCountry) && f.adjacent(us, end-1) {
			end++
		}
		if end == k+2 || !f.tg.toks[t.a].upper {
			continue
		}
		name := f.tg.span(t.a, us[end-1].b)
		c := f.person(name)
		f.mention(c, t.a, us[end-1].b)
		f.use(t.a, us[end-1].b)
		// a peer of a place is of its country: "Duchess of Edinburgh" (GB)
		if pl, ok := f.tg.lookup(f.tg.span(us[k+2].a, us[end-1].b)); ok && pl.Country != "" && len(c.ev) == 0 {
			c.ev = append(c.ev, party.Evidence{Source: party.Role, Country: pl.Country})
		}
		// "Sophie, the Duchess of Edinburgh"
		j := k - 1
		if j >= 0 && us[j].flags&fDet != 0 {
			j--
		}
		if j >= 1 && us[j].kind == uPunct && f.tg.word(us[j].a) == "," && us[j-1].kind == uWord && us[j-1].b == us[j-1].a+1 && f.free(us[j-1].a, us[j-1].b) &&
			(j-1 == 0 || us[j-2].kind == uPunct || us[j-2].kind == uOther) {
			f.mention(c, us[j-1].a, us[j-1].b)
			f.use(us[j-1].a, us[j-1].b)
			w := f.tg.word(us[j-1].a)
			f.bySurname[w] = append(f.bySurname[w], c)
		}
		k = end - 1
	}
}

// nameRun is a run of capitalised name words not yet explained.
type nameRun struct {
	a, b     int // token range
	ua, ub   int // unit range within the sentence's units
	sent     int
	headline bool
	us       []unit
}

// runs returns the maximal runs of free name words in us.
func (f *finder) nameRuns(us []unit, sent int, headline bool, dst []nameRun) []nameRun {
	for i := 0; i < len(us); i++ {
		if us[i].kind != uWord || !f.free(us[i].a, us[i].b) {
			continue
		}
		j := i + 1
		for j < len(us) && f.adjacent(us, j-1) {
			if us[j].kind == uWord && f.free(us[j].a, us[j].b) {
				j++
				continue
			}
			// "Chief Chuck Jordan": after a title, a country that ends the
			// run is a surname
			if u := us[j]; u.kind == uCountry && u.b == u.a+1 && !u.demonym && !u.seat && i > 0 && us[i-1].kind == uTitle &&
				f.adjacent(us, i-1) && (j+1 == len(us) || us[j+1].kind != uWord || !f.adjacent(us, j)) {
				us[j].kind = uWord
				j++
				continue
			}
			if us[j].flags&fConn != 0 && j+1 < len(us) && us[j+1].kind == uWord && f.adjacent(us, j) {
				j += 2
				continue
			}
			break
		}
		dst = append(dst, nameRun{a: us[i].a, b: us[j-1].b, ua: i, ub: j, sent: sent, headline: headline, us: us})
		i = j - 1
	}
	return dst
}

// isHeadline reports whether the units are in headline case: at least four
// capitalised words, and lower case only for short function words ("of",
// "to", "the"), so capitalisation says nothing about names.
func isHeadline(f *finder, us []unit) bool {
	up := 0
	for _, u := range us {
		for i := u.a; i < u.b; i++ {
			t := f.tg.toks[i]
			if t.kind != tWord {
				continue
			}
			if t.upper {
				up++
			} else if t.lower && (t.end-t.start > 3 || !f.lx.stopCap(f.tg.word(i))) {
				return false
			}
		}
	}
	return up >= 4
}

// titledPersons finds persons introduced by a title and returns the other
// name runs of the sentence, appended to runs.
func (f *finder) titledPersons(us []unit, sent int, headline bool, runs []nameRun) []nameRun {
	start := len(runs)
	runs = f.nameRuns(us, sent, headline, runs)
	keep := runs[:start]
	for _, r := range runs[start:] {
		if !f.titled(r) {
			keep = append(keep, r)
		}
	}
	return keep
}

// titled handles a run preceded by a title. It reports whether it did.
func (f *finder) titled(r nameRun) bool {
	us := r.us
	if r.ua == 0 || !f.adjacent(us, r.ua-1) {
		return false
	}
	t := us[r.ua-1]
	if t.kind != uTitle && r.ub-r.ua <= 4 {
		return f.titledOf(r) || f.titledTo(r) || f.titledBody(r)
	}
	if t.kind != uTitle || r.ub-r.ua > 5 {
		return false
	}
	if r.b-r.a > 1 && f.lx.nonName[f.tg.word(r.a)] {
		return false // "Miss Universe Alicia Machado": the title is not Machado's
	}
	if r.ub < len(us) && f.adjacent(us, r.ub-1) && (us[r.ub].kind == uHead || us[r.ub].kind == uLand) {
		return false
	}
	nameA := r.a
	if t.title == titleRegnal {
		nameA = t.a
	}
	// the role phrase: walk left over titles, countries, organizations,
	// capitalised words and modifiers
	lastTitle := r.ua - 1
	for lastTitle >= 0 && us[lastTitle].kind == uTitle && us[lastTitle].title == titleHonorific {
		lastTitle--
	}
	role, roleEv := "", party.Evidence{}
	roleStart := r.ua - 1
	if lastTitle >= 0 && us[lastTitle].kind == uTitle && (lastTitle == r.ua-1 || us[r.ua-1].title == titleHonorific) && us[lastTitle].title != titleRegnal {
		roleStart, role, roleEv = f.roleBefore(us, lastTitle)
	}
	f.use(t.a, t.b)
	if r.b-r.a == 1 && t.title != titleRegnal {
		f.pending = append(f.pending, pendingName{tok: r.a, role: role, roleEv: roleEv, titled: true, headline: r.headline, sent: r.sent})
		f.use(r.a, r.b)
		return true
	}
	name := f.tg.key(nameA, r.b)
	c := f.person(name)
	f.mention(c, nameA, r.b)
	f.addRole(c, role, roleEv)
	f.use(r.a, r.b)
	f.apposition(c, us, r.ub)
	f.roleOpening(c, us, roleStart, r.ub)
	return true
}

// person returns the person entity with the given full name, merging a
// name that shares first and last word with one seen before.
func (f *finder) person(name string) *cand {
	key := "person:" + name
	if c, ok := f.ents[key]; ok {
		return c
	}
	if !strings.Contains(name, " ") {
		return f.entity(key, name, crosscheck.TypePerson)
	}
	fl := "person~" + firstWord(name) + " " + lastWord(name)
	if c, ok := f.ents[fl]; ok {
		f.ents[key] = c
		return c
	}
	// "Aleksander Łukaszenko" and "Alexander Lukashenko": one person
	// spelled two ways; not two of one family ("Alan Kurdi" and his
	// father "Abdullah Kurdi" share the initial and the surname, not the
	// given name)
	folded := "person≈" + foldName(name)
	if c, ok := f.ents[folded]; ok && sameGiven(firstWord(name), firstWord(c.name)) {
		f.ents[key], f.ents[fl] = c, c
		return c
	}
	c := f.entity(key, name, crosscheck.TypePerson)
	f.ents[fl] = c
	if _, ok := f.ents[folded]; !ok {
		f.ents[folded] = c
	}
	return c
}

// apposition adds the role of "NAME, Chief of the General Staff for
// Russia's Armed Forces," when the units after the name (from unit k) are
// a comma and a short phrase with a title.
func (f *finder) apposition(c *cand, us []unit, k int) {
	if k >= len(us) || us[k].kind != uPunct || f.tg.word(us[k].a) != "," {
		return
	}
	j := k + 1
	for j < len(us) && us[j].kind == uOther && (us[j].flags&fDet != 0 || f.tg.word(us[j].a) == "a" || f.tg.word(us[j].a) == "an") {
		j++
	}
	// an apposition opens with a role word, not a clause ("who is a leader")
	if j >= len(us) {
		return
	}
	switch o := us[j]; o.kind {
	case uTitle, uCountry, uOrg, uWord, uHead:
	case uOther:
		if o.flags&(fMod|fQual) == 0 {
			return
		}
	default:
		return
	}
	start, end, hasTitle := j, len(us), false
	independent := false
	for n := j; n < len(us); n++ {
		if us[n].kind == uPunct {
			switch f.tg.word(us[n].a) {
			case ",", ")", "(", "—", "–", ";", ".", ":":
				end = n
			default:
				return // a quotation or other mark: not an apposition
			}
			break
		}
		if f.tg.toks[us[n].a].start-f.tg.toks[us[start].a].start > 120 {
			return
		}
		if us[n].kind == uTitle && n+1 < len(us) && us[n+1].kind == uWord && f.adjacent(us, n) {
			return // "..., French President Emmanuel Macron": a list of titled persons
		}
		if us[n].kind == uWord && n+1 < len(us) && us[n+1].kind == uWord && f.adjacent(us, n) &&
			f.free(us[n].a, us[n+1].b) {
			return // "..., President of the Comoros Azali Assoumani": another person's name
		}
		if us[n].kind == uTitle && us[n].title != titleHonorific && n-start < 4 {
			hasTitle = true
			independent = us[n].title == titleIndependent
		}
	}
	if !hasTitle || end <= start {
		return
	}
	// "Marise Payne, Indian foreign minister, Dr S. Jaishankar": the role
	// introduces the next name, it is not an apposition
	if end+1 < len(us) && f.tg.word(us[end].a) == "," {
		if nx := us[end+1]; nx.kind == uWord || nx.kind == uTitle && nx.title == titleHonorific {
			return
		}
	}
	f.addRole(c, f.tg.span(us[start].a, us[end-1].b), f.evidence(us[start:end], independent))
}

// groups adds groups named by a qualified group noun: "Ukrainian officials",
// "Western analysts", "the Russian military".
func (f *finder) groups(us []unit) {
	for k, u := range us {
		if u.kind != uOther || u.flags&fGroup == 0 || !f.free(u.a, u.b) || f.lx.stopCap(f.tg.word(u.a)) {
			continue // quantifiers ("several", "some") name a group only on their own
		}
		left, named, isos := k, false, ""
		multi := false
		var installed party.Evidence
		for j := k - 1; j >= 0 && f.adjacent(us, j); j-- {
			w := us[j]
			switch {
			case w.kind == uCountry || w.kind == uOrg && w.org.typ != crosscheck.TypeMedia:
				// "AFP reports" are the medium's own, not a group
				iso := w.iso.String()
				if w.kind == uOrg {
					iso = w.org.aff
				}
				if isos != "" && iso != isos {
					multi = true
				}
				if iso != "" {
					isos = iso
				}
				named = true
			case w.kind == uWord && w.flags&fQual != 0:
				named, multi = true, true
			case (w.kind == uWord || w.kind == uOther) && w.b == w.a+1 && f.installedEvidence(f.tg.word(w.a), &installed):
				named = true // "Moscow-installed authorities"
			case w.kind == uOther && w.flags&(fQual|fMod) != 0:
			case w.kind == uPoss && j > 0 && (us[j-1].kind == uCountry || us[j-1].kind == uOrg):
			default:
				j = -1
				continue
			}
			left = j
		}
		if !named {
			continue
		}
		for left < k && us[left].kind == uOther {
			left++ // "senior" alone does not start a named group
		}
		if left == k {
			continue
		}
		p, q := us[left].a, u.b
		name := f.tg.span(p, q)
		var words []string // the qualifiers in lower case
		for i := p; i < q; i++ {
			if f.tg.toks[i].kind == tWord && f.tg.toks[i].lower {
				words = append(words, f.tg.word(i))
			}
		}
		ev := party.Evidence{Source: party.Role, Country: isos}
		switch {
		case installed.Source != 0:
			ev = installed
		case f.lx.party.NonState(words):
			// "Russian independent media", "Belarusian opposition
			// politicians": of the country, not its state
			ev = party.Evidence{Source: party.NonState}
		case multi:
			ev = party.Evidence{Source: party.Mixed}
		case isos == "":
			ev = party.Evidence{}
		}
		typ := f.lx.groups[f.tg.word(u.a)]
		c := f.entity("group:"+strings.ToLower(f.tg.key(p, q)), name, typ)
		if ev.Source != 0 && len(c.ev) == 0 {
			c.ev = append(c.ev, ev)
		}
		for _, w := range us[left:k] {
			if w.kind == uOrg {
				continue
			}
			f.use(w.a, w.b)
		}
		f.mention(c, p, q)
		f.use(u.a, u.b)
	}
}

// roleBefore reads the role phrase that ends with the title us[lastTitle]:
// titles, countries, organizations, capitalised words and modifiers
// ("U.S. Middle East envoy", "Chairman of the Joint Chiefs of Staff Gen.").
// It returns where the role starts, the role as written and the country it
// names, and marks its tokens used (organizations keep their own mentions).
func (f *finder) roleBefore(us []unit, lastTitle int) (left int, role string, roleEv party.Evidence) {
	left = lastTitle
	for j := lastTitle - 1; j >= 0 && f.adjacent(us, j) && us[lastTitle].b-us[j].a <= 12; j-- {
		w := us[j]
		ok := w.kind == uTitle && w.title != titleHonorific && w.title != titleRegnal ||
			w.kind == uCountry || w.kind == uOrg || w.kind == uHead || w.kind == uWord ||
			w.kind == uPoss && j > 0 && (us[j-1].kind == uCountry || us[j-1].kind == uOrg || us[j-1].kind == uWord) ||
			w.kind == uOther && w.flags&(fMod|fOf|fDet) != 0 ||
			f.formerUnit(w) // "Former" opening a sentence
		if !ok {
			break
		}
		left = j
	}
	// the role starts with a word of its own, not "of the" or a sentence
	// opener ("Former" is one of its own: the role is no longer held)
	for left < lastTitle && (us[left].kind == uOther && us[left].flags&(fOf|fDet) != 0 ||
		us[left].kind == uPoss || us[left].kind == uWord && f.tg.toks[us[left].a].initial && f.lx.stop[f.tg.word(us[left].a)] && !f.formerUnit(us[left])) {
		left++
	}
	role = f.tg.span(us[left].a, us[lastTitle].b)
	// "former Moscow correspondent": no party
	roleEv = f.evidence(us[left:lastTitle+1], us[lastTitle].title == titleIndependent)
	for _, w := range us[left : lastTitle+1] {
		if w.kind != uOrg { // an organization keeps its own mention
			f.use(w.a, w.b)
		}
	}
	return left, role, roleEv
}

// formerUnit reports whether u is the one word "former", "retired" or
// "ex-…", in any case.
func (f *finder) formerUnit(u unit) bool {
	return u.b == u.a+1 && f.tg.toks[u.a].kind == tWord && formerWord(strings.ToLower(f.tg.word(u.a)))
}

// titledOf handles "President of Ukraine Volodymyr Zelensky": a title, "of",
// a country or organization, then the name. The country after "of" is the
// person's ("Russia's ambassador to the US" has "to" and is not read here).
// It reports whether it did.
func (f *finder) titledOf(r nameRun) bool {
	us := r.us
	k := r.ua - 1 // the country or organization
	// "Ambassador of Belarus to Russia Dmitry Krutoi": the country the
	// ambassador is posted to stands between; the country after "of" is
	// the person's.
	var posted *unit
	if k >= 4 && us[k].kind == uCountry && us[k-1].kind == uOther && (f.tg.word(us[k-1].a) == "to" || f.tg.word(us[k-1].a) == "in") &&
		us[k-2].kind == uCountry && f.adjacent(us, k-1) && f.adjacent(us, k) {
		p := us[k]
		posted = &p
		us = append(slices.Clip(us[:k-1]), us[k+1:]...)
		k -= 2
		r.ua -= 2
		r.ub -= 2
	}
	of := k - 1 // "of", or "the" after it ("Head of the Belarus President Administration")
	if of >= 1 && us[of].flags&fDet != 0 && us[of-1].flags&fOf != 0 && f.adjacent(us, of-1) {
		us = append(slices.Clip(us[:of]), us[of+1:]...)
		k--
		r.ua--
		r.ub--
	}
	// Translated news drops the "of": "the Minister of Foreign Affairs
	// Serbia Ivica Dacic" is the Serbian minister.
	title := k - 2
	if k >= 1 && us[k].kind == uCountry && !us[k].demonym && us[k-1].kind == uTitle && us[k-1].title != titleHonorific && us[k-1].title != titleRegnal &&
		f.adjacent(us, k-1) && f.adjacent(us, k) && r.b-r.a >= 2 {
		title = k - 1
	} else if k < 2 || !(us[k].kind == uCountry && !us[k].demonym || us[k].kind == uOrg || us[k].kind == uHead) ||
		us[k-1].flags&fOf == 0 || us[k-2].kind != uTitle || us[k-2].title == titleHonorific || us[k-2].title == titleRegnal ||
		!f.adjacent(us, k-2) || !f.adjacent(us, k-1) || !f.adjacent(us, k) || r.b-r.a < 2 {
		return false
	}
	left, _, _ := f.roleBefore(us, title)
	if us[k].kind != uOrg {
		f.use(us[k].a, us[k].b) // a modifier of the role, not a place mention
	}
	role := f.tg.span(us[left].a, us[k].b)
	if posted != nil {
		role = f.tg.span(us[left].a, posted.b)
		f.use(posted.a, posted.b) // where the role is held, not a place mention
	}
	c := f.person(f.tg.key(r.a, r.b))
	f.mention(c, r.a, r.b)
	// the country or body after "of" is the person's, unless the role is
	// no longer held ("Former President of Poland")
	ev := f.evidence(us[k:k+1], us[title].title == titleIndependent)
	if f.formerIn(us[left:k]) {
		ev = party.Evidence{}
	}
	f.addRole(c, role, ev)
	if title == k-2 {
		f.use(us[k-1].a, us[k-1].b)
	}
	f.use(r.a, r.b)
	f.apposition(c, us, r.ub)
	return true
}

// titledBody handles a title of a body before a name: "Deputy Head of
// the Belarus President Administration Vladimir Pertsov", "Head of the
// Main Directorate of the General Staff NAME" — a title, "of", [the,] and a
// body of several words that ends right before the name. It reports
// whether it did.
func (f *finder) titledBody(r nameRun) bool {
	us := r.us
	if r.b-r.a < 2 {
		return false
	}
	for j := r.ua - 1; j >= 1 && r.ua-j <= 8; j-- {
		u := us[j]
		if !f.adjacent(us, j) {
			return false
		}
		switch {
		case u.kind == uCountry || u.kind == uOrg || u.kind == uHead || u.kind == uTitle && j < r.ua-1:
		case u.kind == uOther && u.flags&(fOf|fDet) != 0:
		default:
			return false
		}
		// the title and its "of", and a body between it and the name
		body := false
		for _, b := range us[j+1 : r.ua] {
			body = body || b.kind == uOrg || b.kind == uHead
		}
		if body && u.flags&fOf != 0 && us[j-1].kind == uTitle && us[j-1].title != titleHonorific && us[j-1].title != titleRegnal && f.adjacent(us, j-1) {
			left, _, _ := f.roleBefore(us, j-1)
			role := f.tg.span(us[left].a, us[r.ua-1].b)
			c := f.person(f.tg.key(r.a, r.b))
			f.mention(c, r.a, r.b)
			f.addRole(c, role, f.evidence(us[left:r.ua], false))
			f.use(r.a, r.b)
			f.apposition(c, us, r.ub)
			return true
		}
	}
	return false
}

// titledTo handles "Russia's ambassador to the US Anatoly Antonov": a title
// that posts its holder somewhere (data/trailing.tsv: "ambassador to",
// "envoy to", "correspondent in"), the preposition, [the,] a country or
// organization, then the name. The place is where the person is posted,
// never the person's party: the party is the one the role names before the
// title ("Russia's", "US"), or none. It reports whether it did.
func (f *finder) titledTo(r nameRun) bool {
	us := r.us
	k := r.ua - 1 // the place
	// after a preposition even a word that may be a demonym ("US") is the place
	if k < 2 || !(us[k].kind == uCountry || us[k].kind == uOrg) || !f.adjacent(us, k) || r.b-r.a < 2 {
		return false
	}
	p := k - 1
	if us[p].flags&fDet != 0 {
		p--
	}
	t := p - 1
	if t < 0 || us[p].kind != uOther || us[t].kind != uTitle || us[t].title == titleHonorific || us[t].title == titleRegnal ||
		!f.adjacent(us, t) || !f.adjacent(us, p) || !f.adjacent(us, k-1) {
		return false
	}
	if !f.lx.trailing[strings.ToLower(f.tg.word(us[t].b-1))+" "+strings.ToLower(f.tg.word(us[p].a))] {
		return false
	}
	left, _, ev := f.roleBefore(us, t)
	role := f.tg.span(us[left].a, us[k].b)
	if us[k].kind != uOrg {
		f.use(us[k].a, us[k].b) // a modifier of the role, not a place mention
	}
	c := f.person(f.tg.key(r.a, r.b))
	f.mention(c, r.a, r.b)
	f.addRole(c, role, ev)
	for _, u := range us[p:k] {
		f.use(u.a, u.b)
	}
	f.use(r.a, r.b)
	f.apposition(c, us, r.ub)
	return true
}
