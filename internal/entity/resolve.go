package entity

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/gazetteer"
	"github.com/crosscheck/crosscheck/internal/party"
)

// place adds tokens [p, q) as a mention of a place; ok says whether the
// gazetteer resolved it to pl.
func (f *finder) place(pl gazetteer.Place, ok bool, p, q int) *cand {
	surface := f.tg.key(p, q)
	var key string
	if ok {
		key = "place:" + pl.Kind + ":" + pl.Name + ":" + pl.Country
	} else {
		key = "place?:" + strings.ToLower(surface)
	}
	c := f.entity(key, f.tg.span(p, q), crosscheck.TypePlace)
	if ok {
		c.country = pl.Country
	} else {
		c.unplaced = true
	}
	if c.forms == nil {
		c.forms = map[string]int{}
	}
	c.forms[f.tg.span(p, q)]++
	f.mention(c, p, q)
	f.use(p, q)
	return c
}

// otherRuns classifies the name runs that no title introduced: landmarks,
// "Kursk region", "the village of Gornal", multi-word places and persons;
// one-word names wait for coreference.
func (f *finder) otherRuns(runs []nameRun) {
	for _, r := range runs {
		if !f.free(r.a, r.b) {
			continue
		}
		us := r.us
		next := func(k int) (unit, bool) {
			if k < len(us) && f.adjacent(us, k-1) {
				return us[k], true
			}
			return unit{}, false
		}
		// NAME['s] Basilica
		k := r.ub
		if u, ok := next(k); ok && u.kind == uPoss {
			k++
		}
		if u, ok := next(k); ok && u.kind == uLand {
			a := r.a
			// "Focsani Bolhrad Galati Black Sea": a list of places runs into
			// the landmark; it starts after the last known place
			for i := r.b - 2; i >= r.a && r.b-r.a >= 3; i-- {
				if f.tg.toks[i].kind == tWord {
					if _, ok := f.tg.lookup(f.tg.word(i)); ok {
						a = i + 1
						break
					}
				}
			}
			// "Military Base", "Orthodox Church": no name before the head
			named := false
			for i := a; i < r.b; i++ {
				named = named || f.tg.toks[i].kind == tWord && !f.lx.nonName[f.tg.word(i)]
			}
			if named {
				pl, found := f.tg.lookup(f.tg.span(a, u.b))
				f.place(pl, found, a, u.b)
				for i := r.a; i < a; i++ { // the listed places
					if pl, ok := f.tg.lookup(f.tg.word(i)); ok && f.tg.toks[i].kind == tWord {
						f.place(pl, true, i, i+1)
					}
				}
				continue
			}
		}
		// NAME region
		if u, ok := next(r.ub); ok && u.kind == uOther && u.flags&fAdmin != 0 {
			if pl, found := f.tg.lookup(f.tg.span(r.a, u.b)); found {
				f.place(pl, true, r.a, u.b)
				continue
			}
		}
		words := 0
		for i := r.a; i < r.b; i++ {
			if f.tg.toks[i].kind == tWord {
				words++
			}
		}
		initial := f.tg.toks[r.a].initial
		// the village of NAME
		if r.ua >= 2 && us[r.ua-1].flags&fOf != 0 && us[r.ua-2].flags&fAdmin != 0 && f.adjacent(us, r.ua-2) && f.adjacent(us, r.ua-1) {
			pl, found := f.tg.placeOf(f.tg.span(r.a, r.b), false)
			f.place(pl, found, r.a, r.b)
			continue
		}
		// "Oligarchs Mikhail Fridman": a first word the article also writes
		// in lower case is not part of a three-word name; "Democrat Hillary
		// Clinton": nor is a word that names never hold
		for words >= 2 && f.tg.toks[r.a].kind == tWord && (f.lx.nonName[f.tg.word(r.a)] ||
			words >= 3 && hasLower(f.lowerSeen, f.tg.word(r.a)) || f.gerundOpener(r.a) || hyphenModifier(f.tg.word(r.a))) {
			r.a++
			r.ua++
			words--
			initial = false
		}
		if words == 1 {
			f.pending = append(f.pending, pendingName{tok: r.a, initial: initial, sent: r.sent})
			continue
		}
		if pl, found := f.tg.placeOf(f.tg.span(r.a, r.b), initial); found {
			f.place(pl, true, r.a, r.b)
			continue
		}
		if last := us[r.ub-1]; last.flags&fAdmin != 0 {
			// "Eastern Military District", "Donetsk Region": a region the
			// gazetteer does not know; its country comes from the context
			f.place(gazetteer.Place{}, false, r.a, r.b)
			continue
		}
		if r.headline || words > 4 {
			continue
		}
		if u, ok := next(r.ub); ok && (u.kind == uHead || u.kind == uLand) {
			continue
		}
		if !f.personName(r.a, r.b) {
			continue
		}
		// "Enrique Peña Nieto" after "Mr. Peña Nieto": the longer name is
		// the same person's full name
		name := f.tg.key(r.a, r.b)
		var c *cand
		for _, k := range f.personsNamed(f.tg.word(r.b - 1)) {
			if strings.HasSuffix(name, " "+k.name) {
				c = k
				f.ents["person:"+name] = c
				c.name = name
				break
			}
			// "Van Schaack" after "Beth Van Schaack": the full name again
			// without the first name
			if strings.HasSuffix(k.name, " "+name) {
				c = k
				break
			}
		}
		if c == nil {
			c = f.person(name)
		}
		f.mention(c, r.a, r.b)
		f.use(r.a, r.b)
		f.reversedApposition(c, r)
		f.apposition(c, us, r.ub)
	}
}

// resolvePending joins one-word names to the persons whose full name ends
// with them; titled ones left over become persons of their own, untitled
// ones places if the gazetteer knows them.
func (f *finder) resolvePending() {
	// starts of each person's full-name mentions, sorted, so that choosing
	// between two persons of the same surname is a binary search
	starts := map[*cand][]int{}
	startsOf := func(c *cand) []int {
		if ss, ok := starts[c]; ok {
			return ss
		}
		ss := make([]int, len(c.mentions))
		for i, m := range c.mentions {
			ss[i] = m.Start
		}
		slices.Sort(ss)
		starts[c] = ss
		return ss
	}
	// nearest returns the person named s mentioned last before token i,
	// else the first one named s. A surname spelled otherwise than the
	// full name ("Łukaszenko", "Lukashenko"; "Zelenskiy", "Zelensky") or
	// with a one-letter typo names the same person.
	nearest := func(s string, i int) *cand {
		cs := f.bySurname[s]
		if len(cs) == 0 {
			fs := f.fold(s)
			cs = f.bySurname["≈"+fs]
			if len(cs) == 0 && len(fs) >= 6 {
				for _, c := range f.order {
					if c.typ == crosscheck.TypePerson && c.fold != "" && oneEdit(fs, c.fold) {
						cs = append(cs, c)
					}
				}
			}
		}
		switch len(cs) {
		case 0:
			return nil
		case 1:
			return cs[0]
		}
		pos := int(f.tg.toks[i].start)
		best, bestAt := cs[0], -1
		for _, c := range cs {
			ss := startsOf(c)
			if k, _ := slices.BinarySearch(ss, pos); k > 0 && ss[k-1] > bestAt {
				best, bestAt = c, ss[k-1]
			}
		}
		return best
	}
	slices.SortFunc(f.pending, func(a, b pendingName) int { return a.tok - b.tok })
	for pass := 0; pass < 2; pass++ {
		for _, p := range f.pending {
			if p.titled != (pass == 0) || !f.free(p.tok, p.tok+1) && !p.titled {
				continue
			}
			w := f.tg.word(p.tok)
			c := nearest(w, p.tok)
			if c == nil {
				if full, ok := f.lx.surnames[w]; ok {
					c = f.person(full)
				}
			}
			if c == nil && p.titled && !p.headline {
				c = f.person(w)
			}
			if c == nil && !p.titled && !p.headline && f.bareSurname(w) {
				c = f.person(w)
			}
			if c == nil && p.titled {
				continue
			}
			if c == nil {
				if pl, ok := f.tg.placeOf(w, p.initial); ok {
					f.place(pl, true, p.tok, p.tok+1)
				}
				continue
			}
			f.mention(c, p.tok, p.tok+1)
			f.addRole(c, p.role, p.roleEv)
			f.use(p.tok, p.tok+1)
			if p.titled {
				f.apposition(c, f.unitsOfSentence(p.sent), f.unitAfter(p.sent, p.tok))
			}
		}
	}
}

// bareSurname reports whether the one-word name w, which no title
// introduces and no list knows, names a person: the article writes it at
// least twice, never in lower case nor as a place, and once before ",
// who" ("Sabalenka, who could become …"; a verb of speaking after it would
// take companies too: "Tesco said"). A bare surname is how news writes a
// person named in full nowhere in the text it was cut from.
func (f *finder) bareSurname(w string) bool {
	if len(w) < 4 || isAcronym(w) || f.lx.nonName[w] || hasLower(f.lowerSeen, w) {
		return false
	}
	if _, ok := f.tg.lookup(w); ok {
		return false
	}
	seen, who := 0, false
	for _, p := range f.pending {
		if p.titled || f.tg.word(p.tok) != w {
			continue
		}
		seen++
		if f.tg.wordAfter(p.tok) == "," && f.tg.wordAfter(p.tok+1) == "who" {
			who = true
		}
	}
	return seen >= 2 && who
}

// acronyms makes an acronym written in brackets after an organization's
// name ("the Kyiv International Institute of Sociology (KIIS)") a mention
// of that organization wherever the article uses it.
func (f *finder) acronyms() {
	toks := f.tg.toks
	for _, c := range f.order {
		if c.typ != crosscheck.TypeOrganization && c.typ != crosscheck.TypeMedia {
			continue
		}
		for _, m := range c.mentions {
			rest := f.tg.text[m.End:min(len(f.tg.text), m.End+12)]
			if !strings.HasPrefix(rest, " (") {
				continue
			}
			k := strings.IndexByte(rest, ')')
			if k < 0 {
				continue
			}
			acr := rest[2:k]
			if !isAcronym(acr) || !initialsOf(acr, m.Text) {
				continue
			}
			for i := range toks {
				if toks[i].kind == tWord && f.tg.word(i) == acr && f.free(i, i+1) {
					f.mention(c, i, i+1)
					f.use(i, i+1)
				}
			}
			break
		}
	}
}

// initialsOf reports whether the letters of acronym acr are, in order,
// initials of words of name or letters within them ("KIIS" of "Kyiv
// International Institute of Sociology", "IAEA" of "International Atomic
// Energy Agency", "ISW" of "Institute for the Study of War").
func initialsOf(acr, name string) bool {
	words := strings.Fields(name)
	if len(words) < 2 || acr[0] != name[0] {
		return false
	}
	caps := 0
	for _, w := range words {
		if w != "" && w[0] >= 'A' && w[0] <= 'Z' {
			caps++
		}
	}
	return caps >= len(acr)-2 && caps <= len(acr)+1
}

// aliasCues introduce another name of the person just mentioned: "He has
// since been dubbed “Kyt”", "known as", "call sign".
var aliasCues = [][]string{{"dubbed"}, {"nicknamed"}, {"known", "as"}, {"call", "sign"}, {"callsign"}, {"codenamed"}, {"nom", "de", "guerre"}}

// aliases makes a name that an alias cue gives to the person mentioned
// last before it ("Prokhorov … He has since been dubbed “Kyt”") a mention
// of that person wherever the article uses it alone ("Kyt said").
func (f *finder) aliases() {
	toks := f.tg.toks
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tWord {
			continue
		}
		switch f.tg.text[toks[i].start] | 0x20 {
		case 'd', 'n', 'k', 'c': // the first letters of aliasCues
		default:
			continue
		}
		var n int
		for _, cue := range aliasCues {
			if i+len(cue) > len(toks) {
				continue
			}
			ok := true
			for k, w := range cue {
				ok = ok && toks[i+k].kind == tWord && strings.EqualFold(f.tg.word(i+k), w)
			}
			if ok {
				n = len(cue)
				break
			}
		}
		if n == 0 {
			continue
		}
		j := i + n
		for j < len(toks) && toks[j].kind == tPunct && j-i-n < 2 {
			j++ // an opening quotation mark
		}
		if j >= len(toks) || toks[j].kind != tWord || !toks[j].upper || !f.free(j, j+1) || toks[j].sent != toks[i].sent {
			continue
		}
		alias := f.tg.word(j)
		if f.lx.stopCap(alias) || f.lowerSeen[strings.ToLower(alias)] {
			continue
		}
		// the person mentioned last before the cue, in this or the
		// previous sentence
		var person *cand
		at := -1
		for _, c := range f.order {
			if c.typ != crosscheck.TypePerson {
				continue
			}
			for _, m := range c.mentions {
				if m.End <= int(toks[i].start) && m.Start > at && int(toks[i].sent)-f.sentAt(m.Start) <= 1 {
					person, at = c, m.Start
				}
			}
		}
		if person == nil {
			continue
		}
		for k := range toks {
			if toks[k].kind == tWord && f.tg.word(k) == alias && f.free(k, k+1) {
				f.mention(person, k, k+1)
				f.use(k, k+1)
			}
		}
	}
}

// fold is foldSurname with a cache: an article repeats its surnames.
func (f *finder) fold(s string) string {
	if k, ok := f.folds[s]; ok {
		return k
	}
	k := foldSurname(s)
	if f.folds == nil {
		f.folds = map[string]string{}
	}
	f.folds[s] = k
	return k
}

// sentAt returns the index of the sentence holding byte offset pos.
func (f *finder) sentAt(pos int) int {
	i := sort.Search(len(f.sents), func(i int) bool { return f.sents[i].Start > pos })
	return i - 1
}

// unitsOfSentence returns the units of sentence s.
func (f *finder) unitsOfSentence(s int) []unit {
	lo := sort.Search(len(f.units), func(i int) bool { return int(f.tg.toks[f.units[i].a].sent) >= s })
	hi := lo
	for hi < len(f.units) && int(f.tg.toks[f.units[hi].a].sent) == s {
		hi++
	}
	return f.units[lo:hi]
}

// unitAfter returns the index, within sentence s's units, of the unit
// after the one holding token tok.
func (f *finder) unitAfter(s, tok int) int {
	us := f.unitsOfSentence(s)
	for i, u := range us {
		if u.a <= tok && tok < u.b {
			return i + 1
		}
	}
	return len(us)
}

// countries adds countries and seats named as nouns ("North Korea",
// "Russia's", "Kyiv's") that no role or group took as a modifier.
func (f *finder) countries(us []unit) {
	for _, u := range us {
		if u.kind != uCountry || !f.free(u.a, u.b) {
			continue
		}
		pl, ok := f.tg.lookup(f.tg.span(u.a, u.b))
		if u.demonym && !ok {
			continue // "Russian": an adjective; "U.S." is both and a place here
		}
		if !ok {
			pl = gazetteer.Place{Name: f.lx.gaz.CountryName(u.iso.String()), Country: u.iso.String(), Kind: gazetteer.KindCountry}
			ok = pl.Name != ""
		}
		c := f.place(pl, ok, u.a, u.b)
		if !ok {
			c.country = u.iso.String()
			c.unplaced = false
		}
	}
}

// paragraphAt returns the paragraph of byte offset pos.
func (f *finder) paragraphAt(pos int) int {
	i := sort.Search(len(f.sents), func(i int) bool { return f.sents[i].Start > pos })
	if i == 0 {
		return -1
	}
	return f.sents[i-1].Paragraph
}

// finish settles affiliations, names and order, and builds the entities.
func (f *finder) finish() []crosscheck.Entity {
	// places the gazetteer did not know take the country of the nearest
	// resolved place mentioned before them in the same paragraph
	type placed struct {
		start, para int
		iso         string
	}
	var known []placed
	for _, c := range f.order {
		if c.typ == crosscheck.TypePlace && !c.unplaced && c.country != "" {
			for _, m := range c.mentions {
				known = append(known, placed{m.Start, f.paragraphAt(m.Start), c.country})
			}
		}
	}
	slices.SortFunc(known, func(a, b placed) int { return a.start - b.start })
	out := make([]crosscheck.Entity, 0, len(f.order))
	for _, c := range f.order {
		if len(c.mentions) == 0 {
			continue
		}
		slices.SortFunc(c.mentions, func(a, b crosscheck.Span) int { return a.Start - b.Start })
		c.mentions = slices.CompactFunc(c.mentions, func(a, b crosscheck.Span) bool { return a.Start == b.Start && a.End == b.End })
		switch c.typ {
		case crosscheck.TypePerson:
			c.name = commonSpelling(c.name, c.mentions)
			if h, ok := f.lx.holder(c.name); ok && !formerHolder(c.roles, h.office) && h.heldAt(f.at) { // "Wołodymyr Zełenski" too
				c.ev = append(c.ev, h.evidence())
			}
		case crosscheck.TypeOrganization, crosscheck.TypeMedia:
			// "KIIS said", again and again after "the Kyiv International
			// Institute of Sociology (KIIS)": named as the article names it
			c.name = commonForm(c.name, c.mentions)
		case crosscheck.TypePlace:
			if c.unplaced {
				first := c.mentions[0].Start
				para := f.paragraphAt(first)
				for i := len(known) - 1; i >= 0; i-- {
					if known[i].start < first && known[i].para == para {
						c.country = known[i].iso
						break
					}
				}
			}
			best := 0
			for _, m := range c.mentions {
				if n := c.forms[m.Text]; n > best {
					best, c.name = n, m.Text
				}
			}
		}
		roles := c.roles
		if roles == nil {
			roles = []string{}
		}
		e := crosscheck.Entity{
			Name:        c.name,
			Type:        c.typ,
			Affiliation: crosscheck.NullString(party.Decide(c.ev...)),
			Roles:       roles,
			Mentions:    c.mentions,
		}
		if c.typ == crosscheck.TypePlace {
			e.Affiliation = ""
			e.Country = crosscheck.NullString(c.country)
		}
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b crosscheck.Entity) int { return a.Mentions[0].Start - b.Mentions[0].Start })
	for i := range out {
		out[i].ID = "e" + strconv.Itoa(i+1)
	}
	return out
}

// personName reports whether tokens [a, b), a run of capitalised words that
// no title introduces, can be a person's name: no word of it is one that
// names never hold ("Cold War", "Eastern Europe"), and its last word is
// not a word the article also writes in lower case ("Privacy Policy").
func (f *finder) personName(a, b int) bool {
	first := f.tg.word(a)
	if f.lx.placePrefix[first] {
		return false // "St. Lucie", "Mount Vernon": a place
	}
	// "Chicago Tribune", "Cleveland Cavaliers": a name that starts with a
	// country or a large city is an organization, not a person
	// ("Vladimir Pertsov" is no organization: the gazetteer marks "Vladimir"
	// as a personal name too)
	if pl, ok := f.tg.lookup(first); ok && (pl.Kind != gazetteer.KindCity || pl.Population >= 100000) && !f.lx.gaz.CommonWord(first) {
		return false
	}
	for i := a; i < b; i++ {
		if f.tg.toks[i].kind != tWord {
			continue
		}
		w := f.tg.word(i)
		if f.lx.nonName[w] || isAcronym(w) || strings.HasSuffix(w, ".") && len(w) > 2 && i == b-1 {
			return false
		}
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			return false // "Abrams M1A1": a model, not a name
		}
		// "Russia-led", "Kyiv-based": a modifier, not a name
		if j := strings.LastIndexByte(w, '-'); j > 0 && j+1 < len(w) && unicode.IsLower(rune(w[j+1])) {
			return false
		}
	}
	last := f.tg.word(b - 1)
	return !hasLower(f.lowerSeen, last)
}

// personsNamed returns the persons found so far whose name ends with w.
func (f *finder) personsNamed(w string) []*cand {
	return f.bySurname[w]
}

// reversedApposition adds the role of "The Australian foreign minister,
// Marise Payne, ...": a role phrase that opens a clause, a comma, the name,
// and a comma or the end of the sentence. r.ua is where the person's
// mention starts (a title before the name included).
func (f *finder) reversedApposition(c *cand, r nameRun) {
	f.roleOpening(c, r.us, r.ua, r.ub)
}

// roleOpening adds the role of a person whose mention spans units
// [first, end) when a role phrase, a comma and the mention open a clause
// and a comma or the sentence end follows: "The Australian foreign
// minister, Marise Payne, …", "The Commander-in-Chief of the Armed Forces
// of Ukraine, Colonel-General Oleksandr Syrskyi, …", "A spokesman for the
// Israeli army, Rear Admiral Daniel Hagari, said …", "“…,” Belarusian
// commander in the Kastus Kalinouski Regiment, Denys Prokhorov, said". The
// role phrase holds a title; after the title only "of/for/in/at [the]"
// and names, countries, organizations or a few lower-case words follow.
func (f *finder) roleOpening(c *cand, us []unit, first, end int) {
	k := first - 2 // the last unit of the role phrase
	if k < 0 || us[k+1].kind != uPunct || f.tg.word(us[k+1].a) != "," {
		return
	}
	if end < len(us) && !(us[end].kind == uPunct && (f.tg.word(us[end].a) == "," || f.tg.word(us[end].a) == ".")) {
		return
	}
	// the clause start: the sentence start or a punctuation mark
	left := k
	for left > 0 && us[left-1].kind != uPunct && k-left < 16 {
		left--
	}
	if left > 0 && us[left-1].kind != uPunct {
		return
	}
	// the role's title: the first one from the left
	t := -1
	for j := left; j <= k; j++ {
		u := us[j]
		if u.kind == uTitle && u.title != titleHonorific && u.title != titleRegnal {
			t = j
			break
		}
		// before the title: determiners, modifiers, countries, bodies
		ok := u.kind == uCountry || u.kind == uOrg || u.kind == uHead || u.kind == uWord || u.kind == uPoss || u.kind == uStop && j == left || f.formerUnit(u) ||
			u.kind == uOther && u.flags&(fMod|fQual|fDet) != 0 || u.kind == uOther && (f.tg.word(u.a) == "a" || f.tg.word(u.a) == "an" || f.tg.word(u.a) == "one")
		if !ok {
			return
		}
	}
	if t < 0 {
		return
	}
	// after the title: "of/for/in/at/to [the]" and what the role is of
	other := 0
	for j := t + 1; j <= k; j++ {
		u := us[j]
		switch {
		case u.kind == uTitle || u.kind == uCountry || u.kind == uOrg || u.kind == uHead || u.kind == uWord || u.kind == uPoss:
		case u.kind == uOther && u.flags&(fOf|fDet|fMod|fQual) != 0:
		case u.kind == uOther:
			switch f.tg.word(u.a) {
			case "for", "in", "at", "to", "on":
			default:
				if other++; other > 4 {
					return
				}
			}
		default:
			return
		}
	}
	start := left
	// Determiners and capitalised stop words open no role; "Former" at the
	// start of a sentence does: it says the role is no longer held.
	for start < t && (us[start].kind == uOther || us[start].kind == uStop || us[start].kind == uPoss) &&
		(us[start].flags&fDet != 0 || f.tg.word(us[start].a) == "a" || f.tg.word(us[start].a) == "an" || f.tg.word(us[start].a) == "one" || f.lx.stopCap(f.tg.word(us[start].a))) &&
		!f.formerUnit(us[start]) {
		start++
	}
	role := f.tg.span(us[start].a, us[k].b)
	f.addRole(c, role, f.evidence(us[start:k+1], us[t].title == titleIndependent))
}

// isAcronym reports whether w is an upper-case abbreviation of two or more
// letters ("SCO", "FM"): an organization or a label, not part of a
// person's name. Roman numerals ("II", "XIV") are not acronyms.
func isAcronym(w string) bool {
	if len(w) < 2 || strings.Trim(w, "IVXL") == "" {
		return false
	}
	letters := 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= 'A' && c <= 'Z':
			letters++
		case c == '.' && i > 0: // "S.E.C."
		default:
			return false
		}
	}
	return letters >= 2
}

// commonForm returns the form of an organization's name the article uses
// most ("UN" over "United Nations", "KIIS" over "the Kyiv International
// Institute of Sociology (KIIS)"), or name when no form is used more often
// than it. Possessive endings do not count.
func commonForm(name string, mentions []crosscheck.Span) string {
	count := map[string]int{}
	for _, m := range mentions {
		t, _ := cutPossessive(m.Text)
		count[t]++
	}
	best := name
	for _, m := range mentions {
		t, _ := cutPossessive(m.Text)
		if count[t] > count[best] {
			best = t
		}
	}
	return best
}

// commonSpelling returns a person's full name with the surname spelled as
// the article spells it most often ("Aleksander Łukaszenko" once and
// "Lukashenko" five times give "Aleksander Lukashenko"): the form readers
// and other articles use. Ties keep the full name's own spelling.
func commonSpelling(name string, mentions []crosscheck.Span) string {
	last := lastWord(name)
	count := map[string]int{}
	for _, m := range mentions {
		count[lastWord(m.Text)]++
	}
	best, fl := last, foldSurname(last)
	for _, m := range mentions {
		w := lastWord(m.Text)
		if count[w] > count[best] {
			if fw := foldSurname(w); fw == fl || oneEdit(fw, fl) {
				best = w
			}
		}
	}
	if best == last || !strings.Contains(name, " ") {
		return name
	}
	return name[:len(name)-len(last)] + best
}

// gerundOpener reports whether token i opens a sentence with a verb in
// -ing that is no given name ("Divining Putin's master plan …", "Backing
// Zelensky, …"): not the first word of a name.
func (f *finder) gerundOpener(i int) bool {
	t := f.tg.toks[i]
	if !t.initial {
		return false
	}
	w := strings.ToLower(f.tg.word(i))
	if len(w) < 6 || !strings.HasSuffix(w, "ing") {
		return false
	}
	_, given := f.lx.given[w]
	return !given
}

// hyphenModifier reports whether w is a capitalised word joined by a hyphen
// to a participle ("Moscow-annexed", "Russian-occupied", "Kremlin-backed"):
// it qualifies the name after it and is no part of it ("Moscow-annexed
// Crimea" is Crimea). Hyphenated names have a capital after the hyphen
// ("Jean-Yves", "Kosiniak-Kamysz").
func hyphenModifier(w string) bool {
	i := strings.LastIndexAny(w, "-‑–")
	if i <= 0 {
		return false
	}
	_, n := utf8.DecodeRuneInString(w[i:])
	tail := w[i+n:]
	return len(tail) > 3 && strings.HasSuffix(tail, "ed") && strings.ToLower(tail) == tail
}

// formerHolder reports whether a role of the article says the listed
// office is no longer held: "former Vice President Mike Pence", "former
// President Donald Trump" (the list covers 2009–2025). A former office
// beside the listed one says nothing against it ("former president Dmitry
// Medvedev", listed as the Security Council's deputy chairman).
func formerHolder(roles []string, office string) bool {
	// American and British spellings of one office ("Defense Secretary",
	// listed as "Defence Secretary")
	spelling := strings.NewReplacer("defense", "defence", "labor", "labour")
	office = spelling.Replace(strings.ToLower(office))
	for _, r := range roles {
		r = spelling.Replace(strings.ToLower(r))
		if strings.Contains(r, office) && (strings.Contains(r, "former") || strings.Contains(r, "ex-")) {
			return true
		}
	}
	return false
}
