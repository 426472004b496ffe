package entity

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
)

// Kinds of description (data/referents.tsv).
const (
	RefPerson       = "person"       // a role: "the Belarusian leader", "the minister"
	RefMedia        = "media"        // "the newspaper", "the daily"
	RefOrganization = "organization" // "the operator", "the alliance"
	RefDocument     = "document"     // "the statement", "new survey results": speaks for its author
)

// referent is one entry of data/referents.tsv.
type referent struct {
	kind    string
	classes []string // persons: the class asked for first, then what a holder also is
}

// referWindow bounds how far (in bytes) a description looks for the person
// or body it stands for when nothing fits before it.
const referWindow = 3000

// descWord is one word of a description, lower case, with its offsets.
type descWord struct {
	low        string
	start, end int
	country    string // ISO code when the word is a country, demonym or a country's possessive
	org        bool   // part of an organization mention
	orgCountry string // the affiliation of that organization
	poss       bool   // ends in 's
}

// Description is a speaker phrase read as a description: what kind of
// thing it names and the words that tell which one.
type Description struct {
	Kind       string // RefPerson, RefMedia, RefOrganization, RefDocument, or "" when the phrase is no description
	Head       string // the referents.tsv phrase it matched ("foreign minister")
	Country    string // the country the description names ("Belarusian" → BY), or ""
	Indefinite bool   // "a", "an" or "one" opens it
	Plural     bool   // "officials", "one of the commanders": no single referent
	words      []descWord
	headAt     int // index in words of the head's first word
	qualified  bool
}

// Describe reads text[start:end] as a description. ents are the article's
// entities: organizations named inside the phrase give it a country
// ("IDF spokesman" → IL) and are not part of the head.
func (lx *Lexicon) description(text string, start, end int, ents []crosscheck.Entity) Description {
	var d Description
	if start < 0 || end > len(text) || start >= end || end-start > 300 {
		return d
	}
	d.words = lx.descWords(text, start, end, ents)
	ws := d.words
	// determiners
	i := 0
	for i < len(ws) {
		switch ws[i].low {
		case "the", "our", "his", "her", "its", "their", "this", "that":
			i++
			continue
		case "a", "an", "one":
			d.Indefinite = true
			if i+1 < len(ws) && ws[i+1].low == "of" {
				d.Plural = true // "one of the officials"
			}
			i++
			continue
		}
		break
	}
	for _, w := range ws {
		if d.Country == "" && w.country != "" {
			d.Country = w.country
		}
		if d.Country == "" && w.orgCountry != "" {
			d.Country = w.orgCountry
		}
	}
	// content words (no country or organization words), keeping their index
	var idx []int
	for k := i; k < len(ws); k++ {
		if ws[k].country == "" {
			idx = append(idx, k)
		}
	}
	best, bestLen, headEnd := "", 0, 0
	word := func(k int) string { return ws[idx[k]].low }
	// A head that names a state body's role with the body in it ("the
	// Pentagon chief", "the Kremlin boss"): when the content words alone
	// make no head, read them with the body's words.
	if !lx.anyHead(word, len(idx)) {
		var all []int
		for k := i; k < len(ws); k++ {
			if ws[k].country == "" || ws[k].org {
				all = append(all, k)
			}
		}
		if len(all) > len(idx) {
			w := func(k int) string { return ws[all[k]].low }
			for a := range all {
				if _, n, ok := lx.refPhrases.Longest(w, a, len(all)); ok && n >= 2 {
					idx = all
					break
				}
			}
		}
	}
	for a := 0; a < len(idx); a++ {
		// (a possessor is no head: "the president's spokesman" is a
		// spokesman, "the agency's spokesman" no agency)
		if k, n, ok := lx.refPhrases.Longest(word, a, len(idx)); ok && n > bestLen && !(ws[idx[a+n-1]].poss && a+n < len(idx)) {
			// (the head's words may have a country word between them:
			// "head of the Hungarian ministry", so it ends at idx's word)
			best, bestLen, d.headAt, headEnd = k, n, idx[a], idx[a+n-1]+1
		}
		// the head stands before the first preposition: "the deputy head of
		// the Belarus President Administration" is no president
		if w := ws[idx[a]].low; bestLen == 0 && isPrep(w) {
			break
		}
		if bestLen > 0 && a+1 < len(idx) && isPrep(ws[idx[a+1]].low) {
			break
		}
	}
	if best == "" {
		// a plural head that the list has in the singular: "officials"
		if len(idx) > 0 {
			last := ws[idx[len(idx)-1]].low
			if s, ok := strings.CutSuffix(last, "s"); ok && lx.referents[s].kind != "" {
				d.Plural = true
			}
		}
		return d
	}
	// "the Telegram channel SOTA": a name after the head names it; the
	// phrase describes nobody else
	for k := headEnd; k < len(ws) && !isPrep(ws[k].low); k++ {
		if ws[k].country == "" && isUpperStart(text[ws[k].start:]) {
			return Description{}
		}
	}
	d.Kind, d.Head = lx.referents[best].kind, best
	for _, k := range idx {
		if k < d.headAt {
			switch ws[k].low {
			case "deputy", "vice", "former", "acting", "ex", "first":
				d.qualified = true
			}
		}
	}
	return d
}

// isPrep reports whether w is a preposition that ends the head of a noun
// phrase.
func isPrep(w string) bool {
	switch w {
	case "of", "for", "in", "at", "from", "with", "to", "on", "by", "about":
		return true
	}
	return false
}

// descWords splits text[start:end] into words and marks the country and
// organization words.
func (lx *Lexicon) descWords(text string, start, end int, ents []crosscheck.Entity) []descWord {
	var ws []descWord
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:end])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		j := i
		for j < end {
			r, n := utf8.DecodeRuneInString(text[j:end])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '.' && j+n < end && text[j+n] != ' ' {
				j += n
				continue
			}
			if (r == '\'' || r == '’') && j+n < end {
				if r2, _ := utf8.DecodeRuneInString(text[j+n : end]); unicode.IsLetter(r2) {
					j += n
					continue
				}
			}
			break
		}
		word := text[i:j]
		w := descWord{start: i, end: j}
		if base, ok := cutPossessive(word); ok {
			word, w.poss = base, true
		}
		w.low = word
		if hasUpperOrCurly(word) {
			w.low = strings.ToLower(strings.ReplaceAll(word, "’", "'"))
		}
		if r, _ := utf8.DecodeRuneInString(word); unicode.IsUpper(r) {
			if iso, ok := lx.gaz.Country(word); ok {
				w.country = iso
			}
		}
		ws = append(ws, w)
		i = j
	}
	// multi-word countries ("South Korea", "United States") and
	// organizations named in the phrase
	for k := 0; k+1 < len(ws); k++ {
		if ws[k].country != "" || !isUpperStart(text[ws[k].start:]) {
			continue
		}
		if iso, ok := lx.gaz.Country(text[ws[k].start:ws[k+1].end]); ok {
			ws[k].country, ws[k+1].country = iso, iso
		}
	}
	for _, e := range ents {
		if e.Type != crosscheck.TypeOrganization && e.Type != crosscheck.TypeMedia {
			continue
		}
		for _, m := range e.Mentions {
			if m.End <= start || m.Start >= end {
				continue
			}
			for k := range ws {
				if ws[k].start >= m.Start && ws[k].end <= m.End {
					ws[k].org = true
					ws[k].orgCountry = string(e.Affiliation)
				}
			}
		}
	}
	return ws
}

// hasUpperOrCurly reports whether s has an upper-case ASCII letter or any
// non-ASCII byte, which lower-casing may change.
func hasUpperOrCurly(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

func isUpperStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// cutPossessive removes a final 's or ’s.
func cutPossessive(w string) (string, bool) {
	for _, suf := range []string{"'s", "’s"} {
		if b, ok := strings.CutSuffix(w, suf); ok && b != "" {
			return b, true
		}
	}
	return w, false
}

// Refer reads the speaker phrase text[start:end] as a description of
// someone the article names elsewhere — a role ("the Belarusian foreign
// minister", "the head of state", "one Belarusian commander"), a medium
// ("the newspaper"), an organization ("the operator") or a document ("the
// statement", "new survey results", which speaks for its author) — and
// returns the kind of description (data/referents.tsv; "" when the phrase
// is none) and the index in ents of the entity it refers to, or -1 when
// nobody the article names fits.
//
// A role fits a person whose roles as written contain the description
// ("the deputy head of the Belarus President Administration"), or hold a
// title of the class the description asks for ("leader" fits a president,
// "politician" any office holder; a listed office holder's office counts),
// with the same country when both name one and the same rank ("deputy
// minister" is not "minister"). An indefinite description ("one Belarusian
// commander") fits only a person who is the only one of that role in the
// article. Among several persons, media or organizations that fit, the one
// mentioned last before the phrase wins, else the first one after it.
func (lx *Lexicon) Refer(text string, start, end int, ents []crosscheck.Entity, quoted func(off int) bool) (kind string, ent int) {
	d := lx.description(text, start, end, ents)
	nearestOf := func(start, end int, ents []crosscheck.Entity, ok func(*crosscheck.Entity) bool) int {
		return nearestOf(start, end, ents, quoted, ok)
	}
	if d.Kind == "" || d.Plural {
		return d.Kind, -1
	}
	switch d.Kind {
	case RefPerson:
		return d.Kind, lx.referPerson(start, end, d, ents, quoted)
	case RefMedia:
		return d.Kind, nearestOf(start, end, ents, func(e *crosscheck.Entity) bool { return e.Type == crosscheck.TypeMedia })
	case RefOrganization:
		head := d.Head
		// the description's other words must be in the name too: "the
		// foreign ministry" is no "Infrastructure Ministry"
		var mods []string
		for k, w := range d.words {
			if k < d.headAt && w.country == "" && !w.org && !w.poss && isContentWord(w.low) {
				mods = append(mods, w.low)
			}
		}
		if i := nearestOf(start, end, ents, func(e *crosscheck.Entity) bool {
			// "Russia's defence ministry" is no "UK's Ministry of
			// Defence": a country the description names must be the body's
			if e.Type != crosscheck.TypeOrganization || d.Country != "" && e.Affiliation != "" && string(e.Affiliation) != d.Country {
				return false
			}
			// the name or any mention: "the institute" is the ISW the
			// article introduced as the Institute for the Study of War
			words := strings.Fields(strings.ToLower(e.Name))
			for _, m := range e.Mentions {
				if m.Text != e.Name {
					words = append(words, strings.Fields(strings.ToLower(m.Text))...)
				}
			}
			if !slices.Contains(words, head) {
				return false
			}
			for _, m := range mods {
				if !slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, m) || strings.HasPrefix(m, w) && len(w) > 3 }) {
					return false
				}
			}
			return true
		}); i >= 0 {
			return d.Kind, i
		}
		if len(mods) > 0 {
			return d.Kind, -1 // "the foreign ministry" of no body the article names
		}
		// "the operator", "the company": the body last named, not an
		// international one ("the UN") the article mentions in between;
		// "the group": the body of no state last named (a fund, an
		// alliance, a company; not "the Kremlin" the article mentions in
		// between); "the ministry" only a body named so
		switch head {
		case "company", "firm", "operator", "corporation", "manufacturer", "producer", "group":
		default:
			return d.Kind, -1
		}
		return d.Kind, nearestOf(start, end, ents, func(e *crosscheck.Entity) bool {
			if e.Type != crosscheck.TypeOrganization || d.Country != "" && e.Affiliation != "" && string(e.Affiliation) != d.Country {
				return false
			}
			if head == "group" {
				return e.Affiliation == ""
			}
			o := lx.orgs[phraseKey(e.Name)]
			return o == nil || !o.none
		})
	case RefDocument:
		return d.Kind, lx.author(text, start, end, d, ents)
	}
	return d.Kind, -1
}

// anyHead reports whether a description phrase starts at any of the n
// words.
func (lx *Lexicon) anyHead(word func(int) string, n int) bool {
	for a := 0; a < n; a++ {
		if _, _, ok := lx.refPhrases.Longest(word, a, n); ok {
			return true
		}
	}
	return false
}

// referPerson returns the person a role description fits, or -1.
func (lx *Lexicon) referPerson(start, end int, d Description, ents []crosscheck.Entity, quoted func(int) bool) int {
	want := lx.referents[d.Head].classes[0]
	// the description's words after its determiners, to compare with roles
	var phrase []string
	for _, w := range d.words {
		if len(phrase) == 0 && (w.low == "the" || w.low == "a" || w.low == "an" || w.low == "one" || w.low == "our" || w.low == "his" || w.low == "her") {
			continue
		}
		phrase = append(phrase, w.low)
	}
	fits := func(e *crosscheck.Entity) bool {
		if e.Type != crosscheck.TypePerson {
			return false
		}
		aff := string(e.Affiliation)
		h, listed := lx.holder(e.Name)
		if aff == "" && listed {
			aff = h.aff
		}
		if d.Country != "" && aff != "" && aff != d.Country {
			return false
		}
		if d.Country != "" && aff == "" && listed && d.countryBeforeHead() {
			return false // "the Chinese leader" is no head of an international body
		}
		// a title that is part of the name: "the pope" is Pope Francis
		if !d.qualified && slices.Contains(strings.Fields(strings.ToLower(e.Name)), d.Head) {
			return true
		}
		roles := e.Roles
		if listed && h.office != "" {
			roles = append(slices.Clip(roles), h.office)
		}
		for _, r := range roles {
			rw := lx.descWords(r, 0, len(r), nil)
			words := make([]string, 0, len(rw))
			for _, w := range rw {
				words = append(words, w.low)
			}
			if len(phrase) > 1 && containsRun(words, phrase) {
				return true // the role as the article wrote it
			}
			rd := lx.description(r, 0, len(r), nil)
			if rd.Kind != RefPerson || rd.qualified != d.qualified {
				continue
			}
			if slices.Contains(lx.referents[rd.Head].classes, want) {
				return true
			}
		}
		return false
	}
	if d.Indefinite && want == "official" {
		return -1 // "a White House official": an anonymous source, whoever the article names
	}
	if d.Indefinite {
		only := -1
		for i := range ents {
			if fits(&ents[i]) {
				if only >= 0 {
					return -1
				}
				only = i
			}
		}
		return only
	}
	return nearestOf(start, end, ents, quoted, fits)
}

// containsRun reports whether run occurs in words as consecutive words.
func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

// nearestOf returns the entity accepted by ok that is mentioned last before
// start, else the one mentioned first after end within referWindow bytes,
// or -1. Mentions inside quotations (quoted, which may be nil) count only
// when there is no other: "the president" after a quoted "Putin called
// me" is still the president who speaks.
func nearestOf(start, end int, ents []crosscheck.Entity, quoted func(int) bool, ok func(*crosscheck.Entity) bool) int {
	for pass := 0; pass < 2; pass++ {
		before, beforeAt := -1, -1
		after, afterAt := -1, 0
		for i := range ents {
			e := &ents[i]
			if !ok(e) {
				continue
			}
			for _, m := range e.Mentions {
				if pass == 0 && quoted != nil && quoted(m.Start) {
					continue
				}
				switch {
				case m.End <= start && m.Start > beforeAt:
					before, beforeAt = i, m.Start
				case m.Start >= end && m.Start-end <= referWindow && (after < 0 || m.Start < afterAt):
					after, afterAt = i, m.Start
				}
			}
		}
		if before >= 0 {
			return before
		}
		if after >= 0 {
			return after
		}
		if quoted == nil {
			break
		}
	}
	return -1
}

// author returns the entity a document description speaks for: an entity
// named right after it as its author ("a statement released by the
// ministry"), else the author of the nearest mention of the same kind of
// document in the article ("a survey conducted by the Kyiv International
// Institute of Sociology", "the KIIS poll", "the ministry's statement"),
// or -1.
func (lx *Lexicon) author(text string, start, end int, d Description, ents []crosscheck.Entity) int {
	if i := authorAfter(text, end, ents); i >= 0 {
		return i
	}
	heads := []string{d.words[len(d.words)-1].low}
	switch heads[0] {
	case "results", "findings", "survey", "poll", "polling", "study":
		heads = []string{"survey", "poll", "polling", "study", "results", "findings"}
	case "report", "update", "assessment", "analysis", "bulletin":
		// a think tank's daily "update" is the report it speaks
		// through; "reported by X" names the author of the report
		heads = []string{"report", "update", "assessment", "analysis", "bulletin", "reported"}
	}
	best, bestDist := -1, 0
	low := strings.ToLower(text)
	for _, h := range heads {
		for off := 0; ; {
			k := strings.Index(low[off:], h)
			if k < 0 {
				break
			}
			s := off + k
			e := s + len(h)
			off = e
			if s > 0 && isWordByte(low[s-1]) || e < len(low) && isWordByte(low[e]) && low[e] != 's' {
				continue
			}
			if s >= start && s < end {
				continue
			}
			a := -1
			if h != "reported" {
				// "X reported" is often not X's report ("those detained
				// by Ukrainian forces also reported …"); "reported by X"
				// is
				a = authorBefore(text, s, ents)
			}
			if a < 0 {
				a = authorAfter(text, e, ents)
			}
			if a < 0 {
				continue
			}
			dist := start - s
			if dist < 0 {
				dist = -dist
			}
			if best < 0 || dist < bestDist {
				best, bestDist = a, dist
			}
		}
	}
	return best
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// authors are the entity types that issue documents.
func authorType(t string) bool {
	switch t {
	case crosscheck.TypePerson, crosscheck.TypeOrganization, crosscheck.TypeMedia, crosscheck.TypeGroup:
		return true
	}
	return false
}

// entityStarting returns the entity with a mention that starts at off
// (after spaces and "the"), and where that mention ends, or -1.
func entityStarting(text string, off int, ents []crosscheck.Entity) (int, int) {
	for off < len(text) && text[off] == ' ' {
		off++
	}
	if strings.HasPrefix(text[off:], "the ") {
		off += len("the ")
	}
	for i := range ents {
		if !authorType(ents[i].Type) {
			continue
		}
		for _, m := range ents[i].Mentions {
			if m.Start == off {
				return i, m.End
			}
		}
	}
	return -1, 0
}

// authorAfter returns the entity named as the author right after a
// document noun that ends at off: "(released|issued|published|conducted|
// prepared|compiled|carried out) by X", "from X", "of X", or -1.
func authorAfter(text string, off int, ents []crosscheck.Entity) int {
	rest := text[off:min(len(text), off+60)]
	rest = strings.TrimLeft(rest, " ")
	skip := len(text[off:min(len(text), off+60)]) - len(rest)
	for _, v := range []string{"was ", "were ", "has been ", "had been ", "is "} {
		if strings.HasPrefix(rest, v) {
			rest, skip = rest[len(v):], skip+len(v)
			break
		}
	}
	for _, v := range []string{"released ", "issued ", "published ", "conducted ", "prepared ", "compiled ", "carried out ", "posted "} {
		if strings.HasPrefix(rest, v) {
			rest, skip = rest[len(v):], skip+len(v)
			// and when: "released on Wednesday by", "published earlier
			// this month by"
			if n := timeBeforeBy(rest); n > 0 {
				rest, skip = rest[n:], skip+n
			}
			break
		}
	}
	for _, p := range []string{"by ", "from "} {
		if strings.HasPrefix(rest, p) {
			i, _ := entityStarting(text, off+skip+len(p), ents)
			return i
		}
	}
	return -1
}

// timeBeforeBy returns the length of a time phrase of at most four words
// that opens rest and is followed by "by " ("on Wednesday ", "earlier this
// month "), or 0: lower-case words, or weekdays and months.
func timeBeforeBy(rest string) int {
	at := 0
	for n := 0; n < 4; n++ {
		sp := strings.IndexByte(rest[at:], ' ')
		if sp <= 0 {
			return 0
		}
		w := rest[at : at+sp]
		if !timeWord(w) {
			return 0
		}
		at += sp + 1
		if strings.HasPrefix(rest[at:], "by ") {
			return at
		}
	}
	return 0
}

// timeWord reports whether w may be a word of a time phrase: a lower-case
// word or a number, a weekday or a month.
func timeWord(w string) bool {
	switch w {
	case "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
		"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December":
		return true
	}
	for _, r := range w {
		if !unicode.IsLower(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// authorBefore returns the entity named right before a document noun that
// starts at off: a possessive ("the ministry's statement") or a modifier
// ("the KIIS poll", "a Kremlin statement"), with at most one word between
// ("the most recent KIIS poll"), or -1.
func authorBefore(text string, off int, ents []crosscheck.Entity) int {
	lo := max(0, off-80)
	best, bestEnd := -1, -1
	for i := range ents {
		if !authorType(ents[i].Type) && ents[i].Type != crosscheck.TypePlace {
			continue
		}
		for _, m := range ents[i].Mentions {
			if m.End > off || m.End < lo {
				continue
			}
			if strings.Contains(text[m.End:off], "\n") {
				continue // another line: "1. China\n\nThe report …"
			}
			gap := strings.TrimSpace(text[m.End:off])
			gap = strings.TrimPrefix(strings.TrimPrefix(gap, "'s"), "’s")
			gap = strings.TrimSpace(gap)
			if strings.ContainsAny(gap, ".,;:!?\"“”()") {
				continue
			}
			if f := strings.Fields(gap); len(f) > 1 && !(len(f) <= 4 && publishVerb(f[0])) && !saidIn(f) {
				// "the KIIS poll", "a Kremlin statement"; "the institute
				// published a new study"
				continue
			}
			if m.End > bestEnd {
				best, bestEnd = i, m.End
			}
		}
	}
	return best
}

// BareName reports whether name, as a speaker's name, names nobody: after
// its function words (internal/lexicon) nothing is left (a pronoun: "he",
// "who") or one word that is a role (titles.tsv: "minister", "president";
// modifiers.tsv: "former"), a description head (referents.tsv:
// "statement", "newspaper", "leader") or a common noun (commonnouns.tsv:
// "information", "desire"), with words of rank ("the former president").
// A description with more words ("Russian foreign minister", "senior
// defence official", "the defence ministry") names an unnamed speaker
// as the annotation guidelines want; "minister", "the statement" and "who"
// name nobody.
func (lx *Lexicon) BareName(name string) bool {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
	if len(words) == 0 {
		return false
	}
	content := ""
	for _, w := range words {
		w, _ = cutPossessive(strings.Trim(w, ".\"'“”‘’()"))
		if w == "" || lx.function[w] != 0 || lx.rank[w] {
			continue // "the", "you", "former"
		}
		if content != "" {
			return false
		}
		content = w
	}
	if content == "" {
		return true
	}
	if _, ok := lx.titles[content]; ok {
		return true
	}
	return lx.common[content] || lx.referents[content].kind != ""
}

// publishVerb reports whether w is a verb by which a body issues a
// document ("published a study", "released its report").
// saidIn reports whether the words between a name and a document noun
// say the name spoke in it: "Antony Blinken said in a statement", "the
// ministry wrote in its report".
func saidIn(f []string) bool {
	if len(f) < 2 || len(f) > 4 || f[1] != "in" {
		return false
	}
	switch f[0] {
	case "said", "says", "wrote", "writes", "stated", "states", "added", "noted", "announced", "declared":
	default:
		return false
	}
	for _, w := range f[2:] {
		switch w {
		case "a", "an", "the", "its", "his", "her", "their", "written", "joint", "separate", "new":
		default:
			return false
		}
	}
	return true
}

func publishVerb(w string) bool {
	switch w {
	case "published", "released", "issued", "presented", "unveiled", "publishes", "releases", "issues", "has", "have":
		return true
	}
	return false
}

// isContentWord reports whether a description word says which body it is
// ("foreign", "defence"), not only which one of the article ("the",
// "same", "new").
func isContentWord(w string) bool {
	switch w {
	case "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "same", "new", "country's", "state", "national":
		return false
	}
	return len(w) > 2
}

// countryBeforeHead reports whether a country word modifies the head
// ("the Chinese leader", "China's leader") rather than following it in a
// phrase ("the head of the UN office in Ukraine").
func (d Description) countryBeforeHead() bool {
	for k, w := range d.words {
		if k < d.headAt && w.country != "" {
			return true
		}
	}
	return false
}
