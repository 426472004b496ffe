package entity

import (
	"strings"

	"github.com/crosscheck/crosscheck/internal/party"
)

// evidence reads the units of a role phrase or a body's name as evidence
// of the party its holder speaks for (see package party): a state that
// installed or backs it ("Russian-installed"); no state, when the role is
// independent ("analyst", "Kremlin critic"), names a non-state body
// (nonstate.tsv: "think tank", "opposition") or an international body the
// holder serves ("head of the UN human rights office"; not one it is
// posted to, "Russia's UN ambassador"); nothing, when the role is no
// longer held ("former US ambassador", "retired general"); else the first
// country, demonym or state body it names. It returns the zero Evidence
// when the phrase says nothing of a party.
func (f *finder) evidence(us []unit, independent bool) party.Evidence {
	var installed party.Evidence
	var words []string
	posted := false
	role := party.Evidence{}
	titled := "" // the country a title names by itself ("Sen.", "Rep.": US)
	international := false
	former := false // "former", "retired", "ex-": a role no longer held
	for _, u := range us {
		for i := u.a; i < u.b; i++ {
			if f.tg.toks[i].kind == tWord {
				w := f.tg.word(i)
				if installed.Source == 0 && strings.ContainsAny(w, "-‑–") {
					f.installedEvidence(w, &installed)
				}
				if f.tg.toks[i].lower {
					words = append(words, w) // the non-state words are lower case
				}
				former = former || formerWord(strings.ToLower(w))
			}
		}
		switch u.kind {
		case uTitle:
			if f.lx.posting[strings.ToLower(f.tg.word(u.b-1))] {
				posted = true
			}
			if titled == "" {
				titled = f.lx.titleCountry[f.titleKey(u)]
			}
		case uCountry:
			if role.Source == 0 {
				role = party.Evidence{Source: party.Role, Country: u.iso.String()}
			}
		case uOrg:
			if u.org.none {
				international = true
			} else if role.Source == 0 && u.org.aff != "" {
				role = party.Evidence{Source: party.Role, Country: u.org.aff}
			}
		}
	}
	switch {
	case installed.Source != 0:
		return installed
	case independent, f.lx.party.NonState(words), international && !posted:
		return party.Evidence{Source: party.NonState}
	case former:
		// "former US ambassador Ivo Daalder", "retired general Ben
		// Hodges": a role no longer held speaks for no state, but says
		// nothing against an office the person holds now (a listed
		// holder: "former president Dmitry Medvedev").
		return party.Evidence{}
	}
	if role.Source == 0 && titled != "" {
		role = party.Evidence{Source: party.Role, Country: titled}
	}
	if role.Source == 0 {
		// "the governor of the Dnipropetrovsk region", "Kharkiv Mayor": a
		// state's officials below the capital speak for it
		if iso := f.regionISO(us); iso != "" {
			role = party.Evidence{Source: party.Region, Country: iso}
		}
	}
	return role
}

// titleKey is the titles.tsv key of a title unit: its words in lower case.
func (f *finder) titleKey(u unit) string {
	var b strings.Builder
	for i := u.a; i < u.b; i++ {
		if f.tg.toks[i].kind != tWord {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ToLower(f.tg.word(i)))
	}
	return b.String()
}

// installedEvidence sets ev to the Installed evidence of a word such as
// "Moscow-installed" or "Russian-backed" and reports whether w is one.
func (f *finder) installedEvidence(w string, ev *party.Evidence) bool {
	x, ok := f.lx.party.Installed(w)
	if !ok {
		return false
	}
	iso, ok := f.lx.gaz.Country(x)
	if !ok {
		return false
	}
	*ev = party.Evidence{Source: party.Installed, Country: iso}
	return true
}

// evidence is what a known organization's listing says of its party.
func (o *org) evidence() party.Evidence {
	if o.none {
		return party.Evidence{Source: party.NonState}
	}
	return party.Evidence{Source: party.Body, Country: o.aff}
}

// evidence is what the office-holder list says of a person's party.
func (h holder) evidence() party.Evidence {
	if h.aff == "" {
		return party.Evidence{Source: party.NonState}
	}
	return party.Evidence{Source: party.Holder, Country: h.aff}
}

// formerWord reports whether a lower-case word of a role says the role is
// no longer held: "former", "retired", "ex-minister".
func formerWord(w string) bool {
	return w == "former" || w == "retired" || strings.HasPrefix(w, "ex-")
}
