package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/party"
)

// Describe classifies a free noun phrase that the attribution stage found
// as a speaker: "Ukrainian officials" (group, UA), "Ukraine’s General
// Staff" (organization, UA), "the Russian military" (organization, RU),
// "reports from Ukraine, the U.S., and South Korea" and "Moscow and
// Pyongyang" (groups of several countries: no affiliation), "Western
// analysts" (group, none), "some" (group), "a senior U.S. official"
// (group, US), "Russian Foreign Minister Sergey Lavrov" (person, RU, role
// "Russian Foreign Minister"), "Moscow" (organization: the capital stands
// for the government, RU), "AFP" (media, none).
//
// It returns the canonical name (the phrase without leading determiners,
// or the person's name), the type (person|organization|group|media|
// unattributed), the ISO 3166-1 alpha-2 affiliation or "", and the role
// the phrase gives, or "". A pronoun, an empty phrase or one longer than
// 4 KiB is unattributed.
func (lx *Lexicon) Describe(phrase string) (name, typ, affiliation, role string) {
	name, typ, affiliation, role, strong := lx.describe(phrase)
	// the phrase's own words may settle the party whatever its reading
	// found: "Moscow-installed", "think tank", "UN human rights office"
	return name, typ, party.Decide(strong, party.Evidence{Source: party.Role, Country: affiliation}), role
}

// describe is Describe before the party decision: it also returns the
// evidence of the whole phrase that outranks a role (installed, non-state).
func (lx *Lexicon) describe(phrase string) (name, typ, affiliation, role string, strong party.Evidence) {
	// quotation marks, commas and brackets around the phrase are not part
	// of it; a final period may belong to "U.S." and is kept
	p := strings.TrimFunc(cleanPhrase(phrase), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '.'
	})
	if p == "" || len(p) > 4096 {
		return "", crosscheck.TypeUnattributed, "", "", strong // a speaker is a phrase, not a text
	}
	sents := []crosscheck.Sentence{{Start: 0, End: len(p)}}
	f := &finder{lx: lx, tg: tagger{lx: lx, text: p}, sents: sents, ents: map[string]*cand{}}
	f.tokenize()
	us := f.tg.tag(nil, 0, len(f.tg.toks), nil)
	// "one of the US defence officials": the group the one belongs to,
	// and one of them is named in the singular ("US defence official")
	oneOf := false
	if len(us) > 2 && us[1].flags&fOf != 0 {
		switch strings.ToLower(f.tg.word(us[0].a)) {
		case "one", "some", "many", "several", "most", "two", "three", "four", "each", "none", "any":
			oneOf = strings.EqualFold(f.tg.word(us[0].a), "one")
			us = us[2:]
			if len(us) > 1 && us[0].flags&fDet != 0 {
				us = us[1:]
			}
		}
	}
	if oneOf {
		defer func() {
			if n, ok := strings.CutSuffix(name, "s"); ok && !strings.HasSuffix(n, "s") && typ == crosscheck.TypeGroup {
				name = n
			}
		}()
	}
	// leading determiners and quantifiers: "the", "a", "an", "its" (not
	// "Former" opening a sentence: the role is no longer held)
	for len(us) > 1 && us[0].kind != uTitle && us[0].kind != uCountry && us[0].kind != uOrg && lx.groups[f.tg.word(us[0].a)] == "" && lx.stopCap(f.tg.word(us[0].a)) && !f.formerUnit(us[0]) {
		us = us[1:]
	}
	// the phrase as written names the speaker; its posted places are then
	// left out of the reading ("Russia's ambassador to the US" is RU's)
	whole := us
	us = f.dropPostedPlaces(us)
	// the phrase's first title is its head: "Russian military analyst",
	// "Visit Ukraine's founder and CEO" speak for no party (as a role
	// does, entity.go)
	independent := false
	for _, u := range whole {
		if u.kind == uTitle && u.title != titleHonorific {
			independent = u.title == titleIndependent
			break
		}
	}
	if ev := f.evidence(whole, independent); ev.Source == party.Installed || ev.Source == party.NonState {
		strong = ev
	}
	if len(us) == 0 {
		return "", crosscheck.TypeUnattributed, "", "", strong
	}
	// a phrase of one capitalised word that opens a sentence ("Protesters",
	// "Republicans") is read by its lower-case form too
	if len(us) == 1 && (us[0].kind == uWord || us[0].kind == uStop && !lx.stop[f.tg.word(us[0].a)]) {
		w := f.tg.word(us[0].a)
		if g := lx.groups[w]; g != "" {
			return w, g, "", "", strong
		}
		if g := lx.groups[strings.ToLower(w)]; g != "" {
			return w, g, "", "", strong
		}
		if isAcronym(w) {
			return w, crosscheck.TypeOrganization, "", "", strong // "the NAACP"
		}
	}
	text := f.tg.span(whole[0].a, whole[len(whole)-1].b)
	if len(us) == 1 && us[0].kind == uStop || us[0].kind == uPunct {
		return "", crosscheck.TypeUnattributed, "", "", strong
	}
	if len(us) == 1 && us[0].kind == uOther && us[0].flags&fGroup == 0 {
		w := f.tg.word(us[0].a)
		if lx.stopCap(w) {
			return "", crosscheck.TypeUnattributed, "", "", strong // a pronoun
		}
	}
	// the countries the phrase names
	var isos []string
	addISO := func(iso string) {
		if iso != "" && !contains(isos, iso) {
			isos = append(isos, iso)
		}
	}
	coord, referents, multiQual := false, 0, false
	for _, u := range us {
		switch u.kind {
		case uCountry:
			addISO(u.iso.String())
			referents++
		case uOrg:
			addISO(u.org.aff)
			referents++
		case uPunct:
			if f.tg.word(u.a) == "," || f.tg.word(u.a) == "&" {
				coord = true
			}
		case uWord:
			if u.flags&fQual != 0 {
				multiQual = true
			}
		case uOther:
			if f.tg.word(u.a) == "and" {
				coord = true
			}
		}
	}
	one := func() string {
		if len(isos) == 1 && !multiQual {
			return isos[0]
		}
		return ""
	}
	// a medium or body named after its description: "the independent
	// Russian Telegram channel SOTA", "Russian independent news outlet
	// Mediazona": the name is the name, the rest describes it
	nameWord := func(u unit) bool {
		return u.kind == uWord || u.kind == uStop && u.b == u.a+1 && isAcronym(f.tg.word(u.a))
	}
	if n := len(us); n >= 2 && (nameWord(us[n-1]) || us[n-1].kind == uOrg) {
		k := n - 1
		for k > 0 && nameWord(us[k-1]) {
			k--
		}
		if k > 0 && us[k-1].kind == uOther {
			if r := lx.referents[strings.ToLower(f.tg.word(us[k-1].a))]; r.kind == RefMedia || r.kind == RefOrganization {
				typ := crosscheck.TypeOrganization
				if r.kind == RefMedia {
					typ = crosscheck.TypeMedia
				}
				if us[n-1].kind == uOrg && k == n-1 {
					return us[n-1].org.name, us[n-1].org.typ, us[n-1].org.aff, text, strong
				}
				return f.tg.span(us[k].a, us[n-1].b), typ, "", text, strong
			}
		}
	}
	// "Russian independent news outlet, Mediazona": the name after the
	// description of a medium or body
	for i, u := range us {
		if u.kind != uPunct || f.tg.word(u.a) != "," || i == 0 || i+1 >= len(us) || us[i-1].kind != uOther {
			continue
		}
		r := lx.referents[strings.ToLower(f.tg.word(us[i-1].a))]
		if r.kind != RefMedia && r.kind != RefOrganization {
			break
		}
		tail := us[i+1:]
		named := true
		for _, t := range tail {
			named = named && (nameWord(t) || t.kind == uOrg)
		}
		if named {
			typ := crosscheck.TypeOrganization
			if r.kind == RefMedia {
				typ = crosscheck.TypeMedia
			}
			return f.tg.span(tail[0].a, tail[len(tail)-1].b), typ, "", f.tg.span(us[0].a, us[i-1].b), strong
		}
		break
	}
	// a person: [role] NAME [, apposition]
	if n, r, aff, ok := f.describePerson(us); ok {
		return n, crosscheck.TypePerson, aff, r, strong
	}
	last := us[len(us)-1]
	if last.kind == uPoss && len(us) > 1 {
		last = us[len(us)-2]
	}
	// several countries or bodies: "Moscow and Pyongyang", "reports from
	// Ukraine, the U.S., and South Korea"; several persons: "Obama and
	// Clinton"
	if coord && referents >= 2 {
		return text, crosscheck.TypeGroup, one(), "", strong
	}
	for i := 1; i+1 < len(us); i++ {
		if f.tg.word(us[i].a) == "and" && us[i-1].kind == uWord &&
			(us[i+1].kind == uWord || us[i+1].kind == uTitle && us[i+1].title == titleHonorific) {
			return text, crosscheck.TypeGroup, one(), "", strong // "Mr. Grassley and Mr. Leahy"
		}
	}
	// the head noun at the end is a group noun: "Clinton supporters",
	// "some Republicans", "Democratic speechwriters"
	if w := f.tg.word(last.a); last.kind == uOther && lx.groups[w] != "" && !lx.stopCap(w) ||
		last.kind == uWord && lx.groups[w] != "" {
		return text, lx.groups[w], one(), "", strong
	}
	// "A spokeswoman for Hillary Clinton", "the mayor": an unnamed person
	// known by a role, who is not the person the role names
	if first := us[0]; first.kind == uTitle && first.title != titleHonorific && first.title != titleRegnal && lx.groups[f.tg.word(first.a)] == "" {
		aff := firstISO(us)
		if f.formerIn(us) {
			aff = "" // "a former Polish minister": a role no longer held
		} else if aff == "" && first.title != titleIndependent {
			aff = f.regionISO(us) // "the mayor of Lviv"
		}
		return text, crosscheck.TypePerson, aff, text, strong
	}
	// an organization head anywhere: "The nonpartisan Commission on
	// Presidential Debates"
	for _, u := range us {
		if u.kind == uHead {
			return text, crosscheck.TypeOrganization, firstISO(us), "", strong
		}
	}
	// a group noun heads the phrase: "Ukrainian officials", "reports from
	// Ukraine", "a senior U.S. official" (an anonymous source is named by
	// its group noun, whether or not the noun is also a title)
	for i, u := range us {
		w := f.tg.word(u.a)
		// "Authorities in Ukraine's Sumy oblast": a group noun capitalised
		// because it opens the sentence
		if i == 0 && (u.kind == uWord || u.kind == uStop) && u.b == u.a+1 && len(us) > 1 && lx.groups[strings.ToLower(w)] != "" {
			return text, lx.groups[strings.ToLower(w)], one(), "", strong
		}
		if (u.kind == uOther && u.flags&fGroup != 0 || u.kind == uTitle && u.b == u.a+1 && lx.groups[w] != "") && !lx.stopCap(w) || u.kind == uOther && u.flags&fGroup != 0 && len(us) == 1 {
			return text, lx.groups[w], one(), "", strong
		}
		if u.kind == uTitle || u.kind == uWord && u.flags&fQual == 0 ||
			u.kind == uOther && u.flags&(fQual|fMod|fDet) == 0 && !lx.stopCap(w) {
			break // "a broad discussion with historians": the head is "discussion"
		}
	}
	// "Democratic presidents", "senators": a plural title
	if w := f.tg.word(last.a); last.kind == uOther && strings.HasSuffix(w, "s") {
		if _, ok := lx.titles[strings.ToLower(strings.TrimSuffix(w, "s"))]; ok {
			return text, crosscheck.TypeGroup, one(), "", strong
		}
	}
	// "A union representing flight attendants", "The Trump campaign",
	// "Donald Trump's campaign": an organization head in lower case
	for i, u := range us {
		if u.kind == uOther && lx.heads[capitalize(f.tg.word(u.a))] != 0 && (i == 0 || i == len(us)-1) {
			return text, crosscheck.TypeOrganization, one(), "", strong
		}
	}
	// "Citizens for Tax Justice": capitalised words joined by "for" or
	// "of" name an organization ("Former President of Poland …" is a
	// person's role)
	if us[0].kind == uWord && !formerWord(strings.ToLower(f.tg.word(us[0].a))) {
		for i := 1; i+1 < len(us); i++ {
			w := f.tg.word(us[i].a)
			if (w == "for" || w == "of") && us[i+1].kind != uOther && us[i+1].kind != uPunct {
				return text, crosscheck.TypeOrganization, one(), "", strong
			}
		}
	}
	switch {
	case len(us) == 1 && last.kind == uOrg:
		return last.org.name, last.org.typ, last.org.aff, "", strong
	case last.kind == uOrg && len(isos) <= 1:
		return text, last.org.typ, one(), "", strong
	case last.kind == uHead:
		return text, crosscheck.TypeOrganization, firstISO(us), "", strong
	case last.kind == uCountry && len(us) <= 2:
		if last.demonym {
			// "Russians", "the Ukrainians": a people
			return text, crosscheck.TypeGroup, last.iso.String(), "", strong
		}
		// a country or its capital standing for its government
		return text, crosscheck.TypeOrganization, last.iso.String(), "", strong
	case last.kind == uTitle:
		// "the spokesman", "a Russian general"; "the Kharkiv governor", "a
		// Mariupol police official": a place that names the office gives
		// the state it lies in, as for a named holder (describePerson)
		aff := firstISO(us)
		if f.formerIn(us) {
			aff = "" // "the former Polish leader"
		} else if aff == "" && last.title != titleIndependent {
			aff = f.regionISO(us)
		}
		return text, crosscheck.TypePerson, aff, text, strong
	}
	// a bare name ("Steve Quinlan", "Chaffetz"); a phrase with other words
	// ("A USA TODAY analysis of ...") is not a person
	bare := true
	for _, u := range us {
		if !(u.kind == uWord || u.kind == uPoss || u.flags&fConn != 0 || u.kind == uTitle && u.title == titleHonorific) {
			bare = false
		}
	}
	for _, u := range us {
		if bare && u.kind == uWord {
			return text, crosscheck.TypePerson, one(), "", strong
		}
	}
	return text, crosscheck.TypeUnattributed, "", "", strong
}

// describePerson reads us as [role] NAME [, apposition]. ok is false when
// the phrase does not end in (or, with an apposition, start with) a name.
func (f *finder) describePerson(us []unit) (name, role, aff string, ok bool) {
	regionAff := "" // the country of a region that names the office (regionISO)
	cut := len(us)
	for i, u := range us {
		if u.kind == uPunct && f.tg.word(u.a) == "," {
			cut = i
			break
		}
	}
	if cut < len(us)-1 {
		// "Another critic, Laurence H. Tribe": a role, a comma, a bare name
		tail := us[cut+1:]
		bare := true
		for _, u := range tail {
			bare = bare && (u.kind == uWord || u.flags&fConn != 0 || u.kind == uTitle && u.title == titleHonorific)
		}
		hasTitle := false
		for _, u := range us[:cut] {
			hasTitle = hasTitle || u.kind == uTitle && u.title != titleHonorific
		}
		if bare && hasTitle && tail[len(tail)-1].kind == uWord {
			j := 0
			for j < cut && us[j].kind == uOther && (us[j].flags&fDet != 0 || f.lx.stopCap(f.tg.word(us[j].a))) {
				j++
			}
			a := 0
			for a < len(tail) && tail[a].kind == uTitle {
				a++
			}
			name = f.tg.key(tail[a].a, tail[len(tail)-1].b)
			if j < cut {
				role = f.tg.span(us[j].a, us[cut-1].b)
				aff = firstISO(us[j:cut])
				if aff == "" && !f.formerIn(us[j:cut]) {
					aff = f.regionISO(us[j:cut]) // "the deputy mayor of Lviv, Ivan Petrov"
				}
			}
			return name, role, aff, true
		}
	}
	head := us[:cut]
	surnameTitles(f, head)
	if cut < len(us) {
		// "Charlie King, a prominent New York Democrat": a bare name before
		// a comma is the speaker, whatever follows
		bare := cut > 0
		for _, u := range head {
			bare = bare && (u.kind == uWord || u.flags&fConn != 0)
		}
		if bare {
			name = f.tg.key(head[0].a, head[cut-1].b)
			if _, isPlace := f.lx.gaz.Lookup(name); !isPlace {
				_, role, aff = f.apposed(us[cut+1:])
				if full, ok := f.lx.surnames[name]; ok {
					name = full
				}
				if h, ok := f.lx.holders[name]; ok && aff == "" {
					aff = h.aff
				}
				return name, role, aff, true
			}
		}
	}
	if len(head) > 0 && head[len(head)-1].kind == uPoss {
		head = head[:len(head)-1]
	}
	// "Chief Chuck Jordan": after a title and a name word, a final country
	// is a surname
	if k := len(head) - 1; k >= 2 && head[k].kind == uCountry && head[k].b == head[k].a+1 && !head[k].demonym && !head[k].seat &&
		head[k-1].kind == uWord && head[k-2].kind == uTitle {
		head[k].kind = uWord
	}
	// the name run at the end of head
	n := len(head)
	for n > 0 && (head[n-1].kind == uWord || head[n-1].flags&fConn != 0 && n > 1) {
		n--
	}
	if n == len(head) {
		return "", "", "", false
	}
	for n < len(head) && head[n].flags&fConn != 0 {
		n++
	}
	if n == len(head) || head[n].kind != uWord {
		return "", "", "", false
	}
	// before the name: a role ending with a title ("Trump campaign
	// spokesman", "Retired Lt. Gen."), or titles, countries and bodies
	t := n - 1
	for t >= 0 && head[t].kind == uTitle && head[t].title == titleHonorific {
		t--
	}
	if !(t >= 0 && head[t].kind == uTitle) {
		for _, u := range head[:n] {
			if !(u.kind == uTitle || u.kind == uCountry || u.kind == uOrg || u.kind == uHead ||
				u.kind == uPoss || u.kind == uOther && u.flags&(fMod|fQual) != 0) {
				return "", "", "", false
			}
		}
	}
	nameA := head[n].a
	roleEnd := n
	if n > 0 && head[n-1].kind == uTitle && head[n-1].title == titleRegnal {
		nameA = head[n-1].a
		roleEnd = n - 1
	}
	for roleEnd > 0 && head[roleEnd-1].kind == uTitle && head[roleEnd-1].title == titleHonorific {
		roleEnd--
	}
	name = f.tg.key(nameA, head[len(head)-1].b)
	if n == 0 {
		// no title: only a multi-word name or a known holder is a person;
		// a place or a capital is not
		if _, ok := f.lx.gaz.Lookup(name); ok {
			return "", "", "", false
		}
	}
	former := false // "Former Slovak Prime Minister": a role no longer held names no state
	if roleEnd > 0 {
		role = f.tg.span(head[0].a, head[roleEnd-1].b)
		for _, w := range strings.Fields(strings.ToLower(role)) {
			former = former || formerWord(w)
		}
		if last := head[roleEnd-1]; !(last.kind == uTitle && last.title == titleIndependent) && !former {
			aff = firstISO(head[:roleEnd]) // "Kremlin critic" speaks for no party
			if aff == "" {
				regionAff = f.regionISO(head[:roleEnd])
			}
		}
	}
	if cut < len(us) {
		if ok, r, a := f.apposed(us[cut+1:]); ok {
			if role == "" {
				role = r
			}
			if aff == "" {
				aff = a
			}
		}
	}
	if full, ok := f.lx.surnames[name]; ok {
		name = full
	}
	if aff == "" {
		// a listed holder, unless named in the office no longer held
		// ("former Vice President Mike Pence"; "former president Dmitry
		// Medvedev" holds another office)
		if h, ok := f.lx.holders[name]; ok && !formerHolder([]string{role}, h.office) {
			aff = h.aff
		}
	}
	if aff == "" {
		aff = regionAff
	}
	return name, role, aff, true
}

// regionISO returns the country of a region or city that names the office
// of a role ("Florida Gov.", "Texas Senator", "Kharkiv Governor"): a place
// the gazetteer knows, written just before a title, that is no common word.
// A state's officials below the capital speak for it as its ministers do.
func (f *finder) regionISO(us []unit) string {
	for k := 0; k+1 < len(us); k++ {
		t := k + 1
		for t < len(us)-1 && t-k <= 2 && localBody(strings.ToLower(f.tg.word(us[t].a))) {
			t++ // "a Mariupol police official", "Lviv city council official"
		}
		if us[k].kind != uWord || us[t].kind != uTitle {
			continue
		}
		key := f.tg.key(us[k].a, us[k].b)
		if f.lx.gaz.CommonWord(key) {
			continue
		}
		if p, ok := f.lx.gaz.Lookup(key); ok && (p.Kind == "admin1" || p.Kind == "city") {
			return p.Country
		}
	}
	// "the governor of the Dnipropetrovsk region", "mayor of Kharkiv": a
	// title that heads the phrase, "of" and the place ("a critic of the
	// mayor of Kharkiv" is no official of Kharkiv).
	for k := 0; k+2 < len(us); k++ {
		if us[k].kind == uOther && us[k].flags&fDet != 0 || us[k].kind == uTitle && us[k+1].kind == uTitle {
			continue // "the", "deputy mayor"
		}
		if us[k].kind != uTitle || us[k].title == titleIndependent || f.tg.word(us[k+1].a) != "of" {
			break
		}
		t := k + 2
		for t < len(us)-1 && us[t].kind == uOther && us[t].flags&fDet != 0 {
			t++
		}
		// "the head of the Donetsk People's Republic" names no region, nor
		// does an acronym ("the DPR"); "the Sochaczew City Council" does.
		next := unit{}
		if t+1 < len(us) {
			next = us[t+1]
		}
		if us[t].kind != uWord || next.kind == uWord || next.kind == uPoss ||
			next.kind == uHead && !localBody(strings.ToLower(f.tg.word(next.a))) {
			break
		}
		key := f.tg.key(us[t].a, us[t].b)
		if p, ok := f.lx.gaz.Lookup(key); ok && !isAcronym(key) && !f.lx.gaz.CommonWord(key) && (p.Kind == "admin1" || p.Kind == "city") {
			return p.Country
		}
		break
	}
	return ""
}

// localBody reports whether w is a word of a local state body between a
// place and the title of one of its officials.
func localBody(w string) bool {
	switch w {
	case "police", "city", "council", "regional", "oblast", "district", "military", "administration":
		return true
	}
	return false
}

// formerIn reports whether a word of us says the role is no longer held.
func (f *finder) formerIn(us []unit) bool {
	for _, u := range us {
		if formerWord(strings.ToLower(f.tg.word(u.a))) {
			return true
		}
	}
	return false
}

// firstISO returns the first country named by a country or organization unit.
func firstISO(us []unit) string {
	for _, u := range us {
		if u.kind == uCountry && u.iso != 0 {
			return u.iso.String()
		}
		if u.kind == uOrg && u.org.aff != "" {
			return u.org.aff
		}
	}
	return ""
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// capitalize upper-cases the first letter of w.
func capitalize(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	if n == 0 || unicode.IsUpper(r) {
		return w
	}
	return string(unicode.ToUpper(r)) + w[n:]
}

// hasLower reports whether strings.ToLower(w) is in seen. An ASCII word is
// folded into a stack buffer, as a map look-up with string(buf) does not
// allocate: the tagger asks this of every capitalised word that opens a
// sentence.
func hasLower(seen map[string]bool, w string) bool {
	var buf [32]byte
	if len(w) > len(buf) {
		return seen[strings.ToLower(w)]
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return seen[strings.ToLower(w)]
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return seen[string(buf[:len(w)])]
}

// stopCap reports whether capitalize(w) is in the stop list. It builds the
// capitalised form in a stack buffer, as a map look-up with string(buf)
// does not allocate: the tagger and Describe ask this of many lower-case
// words.
func (lx *Lexicon) stopCap(w string) bool {
	var buf [32]byte
	if w == "" || w[0] >= utf8.RuneSelf || len(w) > len(buf) {
		return lx.stop[capitalize(w)]
	}
	c := w[0]
	if c >= 'a' && c <= 'z' {
		c -= 'a' - 'A'
	}
	buf[0] = c
	copy(buf[1:], w[1:])
	return lx.stop[string(buf[:len(w)])]
}

// cleanPhrase drops what does not name a speaker: bracketed asides ("Sen.
// Lindsey Graham (R-S.C.)") and double quotation marks ("its “national
// enterprise reporter” Stephanie McCrummen"), and makes no-break spaces
// plain.
func cleanPhrase(s string) string {
	if !strings.ContainsAny(s, "()“”\"\u00a0") {
		return s
	}
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case '“', '”', '"':
			b.WriteByte(' ')
		case '\u00a0':
			b.WriteByte(' ')
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// apposed reads the units after a name's comma as an apposition: the role
// up to the next punctuation ("chief executive of Ora Media -- the company
// that ...") if it holds a title, and the country it names unless the
// title speaks for no party.
func (f *finder) apposed(ap []unit) (ok bool, role, aff string) {
	j := 0
	for j < len(ap) && ap[j].kind == uOther && (ap[j].flags&fDet != 0 || f.tg.word(ap[j].a) == "a" || f.tg.word(ap[j].a) == "an") {
		j++
	}
	ap = ap[j:]
	for k, u := range ap {
		if u.kind == uPunct {
			ap = ap[:k]
			break
		}
	}
	// the first title is the apposition's head: "a critic of the Russian
	// president" speaks for no party, "an adviser to the Russian
	// president" for Russia
	independent := false
	for _, u := range ap {
		if u.kind == uTitle && u.title != titleHonorific {
			if !ok {
				independent = u.title == titleIndependent
			}
			ok = true
		}
	}
	if !ok || len(ap) == 0 {
		return false, "", ""
	}
	if !independent {
		aff = firstISO(ap)
		if aff == "" && !f.formerIn(ap) {
			aff = f.regionISO(ap)
		}
	}
	return true, f.tg.span(ap[0].a, ap[len(ap)-1].b), aff
}

// surnameTitles turns a capitalised one-word regnal title that follows a
// name word and precedes no name ("Charlie King", "Martin Luther King")
// into a name word: there it is a surname. Other titles stay titles
// ("Special Presidential Envoy for Climate").
func surnameTitles(f *finder, us []unit) {
	for k := 1; k < len(us); k++ {
		u := us[k]
		if u.kind == uTitle && u.title == titleRegnal && u.b == u.a+1 && f.tg.toks[u.a].upper && us[k-1].kind == uWord && f.adjacent(us, k-1) &&
			(k+1 == len(us) || us[k+1].kind != uWord || !f.adjacent(us, k)) {
			us[k].kind = uWord
		}
	}
}

// dropPostedPlaces removes from us the places that modify the speaker
// without being its party (data/trailing.tsv): a trailing "bordering
// Russia" or "near Ukraine" is cut with the rest of the phrase, and "to
// [the] US" after "ambassador" or "in Kyiv" after "correspondent" is
// removed, keeping what follows ("Russia's ambassador to the US Anatoly
// Antonov" is read as "Russia's ambassador Anatoly Antonov": RU). Only a
// place (country, seat or organization) after the preposition counts, so
// "envoy to talks" is untouched. The result is a new slice when anything
// is removed.
func (f *finder) dropPostedPlaces(us []unit) []unit {
	cut := len(us)
	var skip []bool
	for i := 1; i+1 < cut; i++ {
		prep := strings.ToLower(f.tg.word(us[i].a))
		k := i + 1
		if us[k].flags&fDet != 0 && k+1 < len(us) {
			k++
		}
		if us[k].kind != uCountry && us[k].kind != uOrg {
			continue
		}
		if f.lx.trailing["* "+prep] {
			cut = i
			break
		}
		if f.lx.trailing[strings.ToLower(f.tg.word(us[i-1].b-1))+" "+prep] {
			// a possessive ending of the place goes too ("to Russia's")
			if k+1 < len(us) && us[k+1].kind == uPoss {
				k++
			}
			if skip == nil {
				skip = make([]bool, len(us))
			}
			for m := i; m <= k; m++ {
				skip[m] = true
			}
			i = k
		}
	}
	if cut == len(us) && skip == nil {
		return us
	}
	out := make([]unit, 0, cut)
	for i, u := range us[:cut] {
		if skip == nil || !skip[i] {
			out = append(out, u)
		}
	}
	return out
}
