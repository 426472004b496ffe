package entity

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/corpora"
	"github.com/crosscheck/crosscheck/internal/gazetteer"
	"github.com/crosscheck/crosscheck/internal/segment"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	lexOnce sync.Once
	lexVal  *Lexicon
	lexErr  error
)

// testLexicon loads the gazetteer and the lexicon once for all tests.
func testLexicon(tb testing.TB) *Lexicon {
	tb.Helper()
	lexOnce.Do(func() {
		g, err := gazetteer.Load()
		if err != nil {
			lexErr = err
			return
		}
		lexVal, lexErr = LoadLexicon(g)
	})
	if lexErr != nil {
		tb.Fatalf("load lexicon: %v", lexErr)
	}
	return lexVal
}

func find(tb testing.TB, text string) []crosscheck.Entity {
	tb.Helper()
	ents := Find(text, segment.Sentences(text), testLexicon(tb))
	checkSpans(tb, text, ents)
	return ents
}

// checkSpans fails unless every mention is a valid span of text and ids
// run e1, e2, ... in order of first mention.
func checkSpans(tb testing.TB, text string, ents []crosscheck.Entity) {
	tb.Helper()
	prev := -1
	for i, e := range ents {
		if want := "e" + itoa(i+1); e.ID != want {
			tb.Fatalf("entity %d has id %q, want %q", i, e.ID, want)
		}
		if len(e.Mentions) == 0 {
			tb.Fatalf("%s %q has no mention", e.ID, e.Name)
		}
		if e.Mentions[0].Start < prev {
			tb.Fatalf("%s %q is out of order", e.ID, e.Name)
		}
		prev = e.Mentions[0].Start
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
				tb.Fatalf("%s %q: bad mention %+v", e.ID, e.Name, m)
			}
		}
		switch e.Type {
		case crosscheck.TypePerson, crosscheck.TypeOrganization, crosscheck.TypeGroup, crosscheck.TypePlace, crosscheck.TypeMedia:
		default:
			tb.Fatalf("%s %q: bad type %q", e.ID, e.Name, e.Type)
		}
		if e.Roles == nil {
			tb.Fatalf("%s %q: nil roles", e.ID, e.Name)
		}
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func byName(ents []crosscheck.Entity, name string) *crosscheck.Entity {
	for i := range ents {
		if ents[i].Name == name {
			return &ents[i]
		}
	}
	return nil
}

// TestSeedGolden compares Find on the seed article with testdata/seed/want.json.
func TestSeedGolden(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "seed", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	got, err := json.MarshalIndent(find(t, text), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "seed", "want.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("entities differ from %s; rerun with -update and review the diff:\n%s", golden, got)
	}
}

// TestSeedExpected checks every entity of the hand annotation
// (fixtures/seed/expected.json) against Find: name, type, affiliation or
// country, and that each listed alias is a mention of the same entity.
func TestSeedExpected(t *testing.T) {
	path := corpora.For(t, "fixtures", "seed", "expected.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		Entities []struct {
			Name        string   `json:"name"`
			Type        string   `json:"type"`
			Affiliation string   `json:"affiliation"`
			Country     string   `json:"country"`
			Aliases     []string `json:"aliases"`
		} `json:"entities"`
	}
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join(filepath.Dir(path), "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	ents := find(t, string(text))
	if len(exp.Entities) < 10 {
		t.Fatalf("expected.json lists only %d entities", len(exp.Entities))
	}
	for _, w := range exp.Entities {
		t.Run(w.Name, func(t *testing.T) {
			e := byName(ents, w.Name)
			if e == nil {
				t.Fatalf("not found")
			}
			typ := e.Type
			if typ == crosscheck.TypeMedia && w.Type == crosscheck.TypeOrganization {
				typ = w.Type // news media are organizations; the contract gives them a type of their own
			}
			if typ != w.Type {
				t.Errorf("type %q, want %q", e.Type, w.Type)
			}
			if string(e.Affiliation) != w.Affiliation {
				t.Errorf("affiliation %q, want %q", e.Affiliation, w.Affiliation)
			}
			if string(e.Country) != w.Country {
				t.Errorf("country %q, want %q", e.Country, w.Country)
			}
			for _, a := range w.Aliases {
				// an alias is found when one mention of the entity lies in it
				// ("General Gerasimov" holds the mention "Gerasimov")
				found := false
				for i := 0; !found; {
					j := strings.Index(string(text[i:]), a)
					if j < 0 {
						break
					}
					s := i + j
					if got := At(ents, s, s+len(a)); got != nil && got.ID == e.ID {
						found = true
					}
					i = s + len(a)
				}
				if !found {
					t.Errorf("alias %q is not a mention of %s", a, e.ID)
				}
			}
		})
	}
}

// TestFind runs Find on sentences written by hand for this test.
func TestFind(t *testing.T) {
	type want struct {
		name, typ, aff, country string
		roles                   []string
		mentions                int // 0: do not check
	}
	cases := []struct {
		name string
		text string
		want []want
		not  []string // names that must not be entities
	}{
		{
			name: "premodifier roles",
			text: "Russian Foreign Minister Sergey Lavrov met Chinese President Xi Jinping in Beijing. Lavrov later said the talks went well.",
			want: []want{
				{name: "Sergey Lavrov", typ: "person", aff: "RU", roles: []string{"Russian Foreign Minister"}, mentions: 2},
				{name: "Xi Jinping", typ: "person", aff: "CN", roles: []string{"Chinese President"}},
				{name: "Beijing", typ: "place", country: "CN"},
			},
		},
		{
			name: "a bare surname with who is a person",
			text: "Kovalenko, who could become the first woman to win the title, trains in Kyiv. Kovalenko has met the president twice.",
			want: []want{{name: "Kovalenko", typ: "person", mentions: 2}},
		},
		{
			name: "a bare name that speaks is not a person by that alone",
			text: "Tesco said profits fell in Hungary. Tesco, which owns 200 stores there, plans to stay.",
			not:  []string{"Tesco"},
		},
		{
			name: "apposition",
			text: "Oleksandr Syrskyi, the commander of Ukraine's armed forces, said on Monday that the front held.",
			want: []want{{name: "Oleksandr Syrskyi", typ: "person", aff: "UA", roles: []string{"commander of Ukraine's armed forces"}}},
		},
		{
			name: "possessive organization and group",
			text: "Poland's Foreign Ministry summoned the envoy. Polish officials said Western analysts were wrong.",
			want: []want{
				{name: "Poland's Foreign Ministry", typ: "organization", aff: "PL"},
				{name: "Polish officials", typ: "group", aff: "PL"},
				{name: "Western analysts", typ: "group", aff: ""},
			},
		},
		{
			name: "known organizations and media",
			text: "The Pentagon and NATO declined to comment, according to Reuters. TASS quoted the Kremlin.",
			want: []want{
				{name: "Pentagon", typ: "organization", aff: "US"},
				{name: "NATO", typ: "organization", aff: ""},
				{name: "Reuters", typ: "media", aff: ""},
				{name: "TASS", typ: "media", aff: "RU"},
				{name: "Kremlin", typ: "organization", aff: "RU"},
			},
		},
		{
			name: "a name a scraper split before its hyphen",
			text: "Anna -Maria Kowalczyk spoke first. Later Anna-Maria Kowalczyk and the Polish -PSL deputies left.",
			want: []want{{name: "Anna-Maria Kowalczyk", typ: "person", mentions: 2}},
		},
		{
			name: "international agencies, think tanks and state companies",
			text: "The UNHCR and the IMF gave their figures. Chatham House disagreed. Saudi Aramco and Rosneft raised output.",
			want: []want{
				{name: "UNHCR", typ: "organization", aff: ""},
				{name: "IMF", typ: "organization", aff: ""},
				{name: "Chatham House", typ: "organization", aff: ""},
				{name: "Saudi Aramco", typ: "organization", aff: "SA"},
				{name: "Rosneft", typ: "organization", aff: "RU"},
			},
		},
		{
			name: "surname coreference",
			text: "Kremlin spokesman Dmitry Peskov spoke on Tuesday. Peskov said Moscow was ready. \"We are ready,\" Mr. Peskov added.",
			want: []want{{name: "Dmitry Peskov", typ: "person", aff: "RU", roles: []string{"Kremlin spokesman"}, mentions: 3}},
			not:  []string{"Peskov", "Tuesday"},
		},
		{
			name: "region and village",
			text: "Shelling hit the Kharkiv region overnight. In the village of Zelenyi Hai, near the border, two houses burned.",
			want: []want{
				{name: "Kharkiv region", typ: "place", country: "UA"},
				{name: "Zelenyi Hai", typ: "place", country: "UA"},
			},
		},
		{
			name: "independent roles have no party",
			text: "Former Moscow correspondent Jane Doe wrote that the plan failed.",
			want: []want{{name: "Jane Doe", typ: "person", aff: ""}},
		},
		{
			name: "not persons",
			text: "Since the Cold War, Eastern Europe has changed. The Nord Stream pipeline runs under the Baltic Sea.",
			not:  []string{"Cold War", "Eastern Europe", "Nord Stream"},
		},
		{
			name: "headline case",
			text: "Former Pollster Says Media Bias Still Can't Stop Democrats From Falling\n\nThe poll was published on Friday.",
			not:  []string{"Former Pollster Says Media", "Media Bias", "Former Pollster"},
		},
		{
			name: "longer name joins a titled surname",
			text: "Mr. Peña Nieto invited Mr. Trump. The Mexican president, Enrique Peña Nieto, spoke first.",
			want: []want{{name: "Enrique Peña Nieto", typ: "person", aff: "MX", roles: []string{"Mexican president"}, mentions: 2}},
		},
		{
			name: "party label and pageant title are not names",
			text: "Democrat Hillary Clinton met former Miss Universe Alicia Machado in Ohio.",
			want: []want{{name: "Hillary Clinton", typ: "person"}, {name: "Alicia Machado", typ: "person"}},
			not:  []string{"Democrat Hillary Clinton", "Universe Alicia Machado"},
		},
		{
			name: "a gerund opening the sentence is not a first name",
			text: "Divining Putin's plan is a pastime for pundits. Sterling Brown said the game was over.",
			want: []want{{name: "Vladimir Putin", typ: "person", aff: "RU"}, {name: "Sterling Brown", typ: "person"}},
			not:  []string{"Divining Putin"},
		},
		{
			name: "a hyphenated participle before a place is no part of its name",
			text: "A depot in Moscow-annexed Crimea exploded, and Russian-occupied Zaporizhzhia was shelled. Jean-Yves Le Drian spoke.",
			want: []want{{name: "Crimea", typ: "place", country: "UA"}, {name: "Zaporizhzhia", typ: "place", country: "UA"}, {name: "Jean-Yves Le Drian", typ: "person", aff: "FR"}},
			not:  []string{"Moscow-annexed Crimea", "Russian-occupied Zaporizhzhia"},
		},
		{
			name: "a sentence adverb is not a first name",
			text: "Donald Trump spoke first. Afterwards Trump left the stage.",
			want: []want{{name: "Donald Trump", typ: "person", aff: "US", mentions: 2}},
			not:  []string{"Afterwards Trump"},
		},
		{
			name: "a country's independent media speak for no state, its media as a whole for it",
			text: "The Russian independent media reported the strike. Russian media denied it.",
			want: []want{{name: "Russian independent media", typ: "media", aff: ""}, {name: "Russian media", typ: "media", aff: "RU"}},
		},
		{
			name: "a family name written in capitals by a translation",
			text: "Chinese leader XI Jinping met the French president in Beijing. XI said China was neutral.",
			want: []want{{name: "Xi Jinping", typ: "person", aff: "CN", mentions: 2}},
			not:  []string{"XI Jinping", "XI"},
		},
		{
			name: "office holders named without a country (officeholders.tsv)",
			text: "Tony Radakin and Mihai Popsoi spoke after Colin Kahl.",
			want: []want{{name: "Tony Radakin", typ: "person", aff: "GB"}, {name: "Mihai Popsoi", typ: "person", aff: "MD"}, {name: "Colin Kahl", typ: "person", aff: "US"}},
		},
		{
			name: "a chamber's name ends the role, not opens the name",
			text: "Chairman of the House of Representatives Ivan Petrov met Speaker of the House of Commons Anna Reid, Deputy Secretary of the Treasury Olga Marsh and Coordinator for Strategic Communications Tom Hale.",
			want: []want{{name: "Ivan Petrov", typ: "person"}, {name: "Anna Reid", typ: "person"}, {name: "Olga Marsh", typ: "person"}, {name: "Tom Hale", typ: "person"}},
			not:  []string{"Representatives Ivan Petrov", "Commons Anna Reid", "Treasury Olga Marsh", "Strategic Communications Tom Hale"},
		},
		{
			name: "list of titled persons is not an apposition",
			text: "Prime Minister Justin Trudeau, French President Emmanuel Macron, and Italian Prime Minister Mario Draghi met.",
			want: []want{
				{name: "Justin Trudeau", typ: "person", aff: "CA"}, // officeholders.tsv, not the French of the next name
				{name: "Emmanuel Macron", typ: "person", aff: "FR", roles: []string{"French President"}},
				{name: "Mario Draghi", typ: "person", aff: "IT", roles: []string{"Italian Prime Minister"}},
			},
		},
		{
			name: "organization with of and for",
			text: "The Ministry of Defence of Ukraine and the Center for Strategic and International Studies disagreed.",
			want: []want{
				{name: "Ministry of Defence of Ukraine", typ: "organization", aff: "UA"},
				{name: "Center for Strategic and International Studies", typ: "organization", aff: ""},
			},
		},
		{
			name: "a country as a surname after a title",
			text: "Police Chief Chuck Jordan said the road was closed.",
			want: []want{{name: "Chuck Jordan", typ: "person", roles: []string{"Police Chief"}}},
			not:  []string{"Jordan"},
		},
		{
			name: "title of country before the name",
			text: "On Monday, President of Ukraine Volodymyr Zelensky met the Secretary General of NATO Jens Stoltenberg.",
			want: []want{
				{name: "Volodymyr Zelensky", typ: "person", aff: "UA", roles: []string{"President of Ukraine"}},
				{name: "Jens Stoltenberg", typ: "person", aff: "", roles: []string{"Secretary General of NATO"}},
			},
			not: []string{"Ukraine"},
		},
		{
			name: "hyphenated title",
			text: "NATO Secretary-General Jens Stoltenberg said the alliance was ready.",
			want: []want{{name: "Jens Stoltenberg", typ: "person", roles: []string{"NATO Secretary-General"}}},
		},
		{
			name: "office holder spelled another way",
			text: "Wołodymyr Zełenski spoke to Aleksander Łukaszenko and to Sergei Lavrov on Friday.",
			want: []want{
				{name: "Wołodymyr Zełenski", typ: "person", aff: "UA"},
				{name: "Aleksander Łukaszenko", typ: "person", aff: "BY"},
				{name: "Sergei Lavrov", typ: "person", aff: "RU"},
			},
		},
		{
			name: "an observatory, a tribunal and an authority are bodies",
			text: "The Grain Observatory said exports fell. The Special Tribunal will sit in The Hague, the Palestinian Authority said.",
			want: []want{
				{name: "Grain Observatory", typ: "organization"},
				{name: "Special Tribunal", typ: "organization"},
				{name: "Palestinian Authority", typ: "organization", aff: "PS"},
			},
		},
		{
			name: "two of one family are two people",
			text: "The boy, Amir Hamdan, drowned in 2015. His father, Ahmad Hamdan, attended the ceremony in Hamburg.",
			want: []want{
				{name: "Amir Hamdan", typ: "person", mentions: 1},
				{name: "Ahmad Hamdan", typ: "person", mentions: 1},
			},
		},
		{
			name: "regnal title",
			text: "Pope Leo XIV called for peace. King Charles met President Zelensky in London.",
			want: []want{
				{name: "Pope Leo XIV", typ: "person", aff: ""},
				{name: "King Charles", typ: "person"},
				{name: "London", typ: "place", country: "GB"},
			},
		},
		{
			// the host country of an envoy is not the envoy's party
			name: "ambassador to a country",
			text: "But Russia's ambassador to the US Anatoly Antonov has rejected the accusation. US ambassador to Russia Lynne Tracy met officials.",
			want: []want{
				{name: "Anatoly Antonov", typ: "person", aff: "RU", roles: []string{"Russia's ambassador to the US"}},
				{name: "Lynne Tracy", typ: "person", aff: "US", roles: []string{"US ambassador to Russia"}},
			},
		},
		{
			name: "correspondent in a city",
			text: "The BBC correspondent in Moscow Steve Rosenberg said the mood was tense.",
			want: []want{{name: "Steve Rosenberg", typ: "person", aff: "", roles: []string{"BBC correspondent in Moscow"}}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ents := find(t, tc.text)
			for _, w := range tc.want {
				e := byName(ents, w.name)
				if e == nil {
					t.Errorf("%q not found in %v", w.name, names(ents))
					continue
				}
				if e.Type != w.typ {
					t.Errorf("%q: type %q, want %q", w.name, e.Type, w.typ)
				}
				if w.typ != "place" && string(e.Affiliation) != w.aff {
					t.Errorf("%q: affiliation %q, want %q", w.name, e.Affiliation, w.aff)
				}
				if string(e.Country) != w.country {
					t.Errorf("%q: country %q, want %q", w.name, e.Country, w.country)
				}
				for _, r := range w.roles {
					if !slices.Contains(e.Roles, r) {
						t.Errorf("%q: roles %q lack %q", w.name, e.Roles, r)
					}
				}
				if w.mentions > 0 && len(e.Mentions) != w.mentions {
					t.Errorf("%q: %d mentions, want %d: %v", w.name, len(e.Mentions), w.mentions, e.Mentions)
				}
			}
			for _, n := range tc.not {
				if e := byName(ents, n); e != nil {
					t.Errorf("%q found as %s", n, e.Type)
				}
			}
		})
	}
}

func names(ents []crosscheck.Entity) []string {
	var out []string
	for _, e := range ents {
		out = append(out, e.Name+"/"+e.Type)
	}
	return out
}

func TestDescribe(t *testing.T) {
	lx := testLexicon(t)
	cases := []struct {
		phrase               string
		name, typ, aff, role string
	}{
		{"Ukrainian officials", "Ukrainian officials", "group", "UA", ""},
		{"Ukraine’s General Staff", "Ukraine’s General Staff", "organization", "UA", ""},
		{"reports from Ukraine, the U.S., and South Korea", "reports from Ukraine, the U.S., and South Korea", "group", "", ""},
		{"Moscow and Pyongyang", "Moscow and Pyongyang", "group", "", ""},
		{"some", "some", "group", "", ""},
		{"The Russian military", "Russian military", "organization", "RU", ""},
		{"the Belarusian regime", "Belarusian regime", "organization", "BY", ""},
		{"the air force", "air force", "organization", "", ""}, // "force" is a noun here, not a verb
		{"Ukraine's air force", "Ukraine's air force", "organization", "UA", ""},
		{"Western analysts", "Western analysts", "group", "", ""},
		{"Ukraine's allies", "Ukraine's allies", "group", "", ""},
		{"Russia's opponents", "Russia's opponents", "group", "", ""},
		{"Visit Ukraine's founder and CEO", "Visit Ukraine's founder and CEO", "person", "", "Visit Ukraine's founder and CEO"},
		{"a senior U.S. official", "senior U.S. official", "group", "US", ""},
		{"Russian Foreign Minister Sergey Lavrov", "Sergey Lavrov", "person", "RU", "Russian Foreign Minister"},
		// a role no longer held names no state, nor does the listed office
		// it names; another listed office still does
		{"Former Slovak Prime Minister Robert Fico", "Robert Fico", "person", "", "Former Slovak Prime Minister"},
		{"retired US admiral Tom Avery", "Tom Avery", "person", "", "retired US admiral"},
		{"former president Dmitry Medvedev", "Dmitry Medvedev", "person", "RU", "former president"},
		{"General Valery Gerasimov, Chief of the General Staff for Russia’s Armed Forces", "Valery Gerasimov", "person", "RU", "General"},
		{"White House Communications Director Steven Cheung", "Steven Cheung", "person", "US", "White House Communications Director"},
		// the office of a region or city is its country's
		{"Florida Gov. Ron Hale", "Ron Hale", "person", "US", "Florida Gov."},
		{"Bavaria Premier Karl Vogt", "Karl Vogt", "person", "DE", "Bavaria Premier"},
		{"Lviv Mayor Andriy Kos", "Andriy Kos", "person", "UA", "Lviv Mayor"},
		{"the mayor of Lviv", "mayor of Lviv", "person", "UA", "mayor of Lviv"},
		{"the former Polish leader", "former Polish leader", "person", "", "former Polish leader"},
		{"the deputy governor of the Kharkiv region", "deputy governor of the Kharkiv region", "person", "UA", "deputy governor of the Kharkiv region"},
		{"Andriy Kos, the mayor of Lviv", "Andriy Kos", "person", "UA", "mayor of Lviv"},
		{"the head of the DPR", "head of the DPR", "person", "", "head of the DPR"},
		{"MI6 chief Richard Moore", "Richard Moore", "person", "GB", "MI6 chief"},
		// the head of an apposition decides: a critic speaks for no party
		{"Jan Kowal, a critic of the Russian president", "Jan Kowal", "person", "", "critic of the Russian president"},
		{"Jan Kowal, an adviser to the Russian president", "Jan Kowal", "person", "RU", "adviser to the Russian president"},
		{"AFP", "AFP", "media", "", ""},
		{"the Kremlin", "Kremlin", "organization", "RU", ""},
		{"Moscow", "Moscow", "organization", "RU", ""},
		{"Kyiv", "Kyiv", "organization", "UA", ""},
		{"he", "", "unattributed", "", ""},
		{"", "", "unattributed", "", ""},
		{"Putin", "Vladimir Putin", "person", "RU", ""},
		{"Pope Francis", "Pope Francis", "person", "", ""},
		{"Russians", "Russians", "group", "RU", ""},
		{"the Russian Defence Ministry", "Russian Defence Ministry", "organization", "RU", ""},
		{"analysts at the Institute for the Study of War", "analysts at the Institute for the Study of War", "group", "", ""},
		{"Protesters", "Protesters", "group", "", ""},
		{"Tulsa police Chief Chuck Jordan", "Chuck Jordan", "person", "US", "Tulsa police Chief"}, // a local official of the state the city lies in
		{"Sen. Lindsey Graham (R-S.C.)", "Lindsey Graham", "person", "", "Sen."},
		{"Mr. Grassley and Mr. Leahy", "Mr. Grassley and Mr. Leahy", "group", "", ""},
		{"A spokeswoman for Hillary Clinton", "spokeswoman for Hillary Clinton", "person", "", "spokeswoman for Hillary Clinton"},
		{"Another critic, Laurence H. Tribe,", "Laurence H. Tribe", "person", "", "critic"},
		{"Charlie King, a prominent New York Democrat", "Charlie King", "person", "", ""},
		{"Kremlin critic Alexei Navalny", "Alexei Navalny", "person", "", "Kremlin critic"},
		{"the NAACP", "NAACP", "organization", "", ""},
		{"A union representing flight attendants", "union representing flight attendants", "organization", "", ""},
		{"Citizens for Tax Justice", "Citizens for Tax Justice", "organization", "", ""},
		{"Dmitry Peskov, the Kremlin spokesman, who spoke -- briefly -- on Monday", "Dmitry Peskov", "person", "RU", "Kremlin spokesman"},
		{"Clinton, the former secretary of State", "Clinton", "person", "", "former secretary of State"},
		// places in trailing modifiers do not give the party
		{"Authorities in Ukraine's Sumy oblast bordering Russia", "Authorities in Ukraine's Sumy oblast bordering Russia", "group", "UA", ""},
		{"officials in the Belgorod region near Ukraine", "officials in the Belgorod region near Ukraine", "group", "", ""},
		{"Russia's ambassador to the US Anatoly Antonov", "Anatoly Antonov", "person", "RU", "Russia's ambassador"},
		{"Russia's ambassador to the US", "Russia's ambassador to the US", "person", "RU", "Russia's ambassador to the US"},
		{"the Russian ambassador to the United States", "Russian ambassador to the United States", "person", "RU", "Russian ambassador to the United States"},
		{"a BBC correspondent in Kyiv", "BBC correspondent in Kyiv", "person", "", "BBC correspondent in Kyiv"},
		// "Former" opening a sentence is no determiner: the role is no
		// longer held, in either spelling of a listed holder's office
		{"Former Polish Foreign Minister Jan Nowak", "Jan Nowak", "person", "", "Former Polish Foreign Minister"},
		{"Former British Defense Secretary Ben Wallace", "Ben Wallace", "person", "", "Former British Defense Secretary"},
	}
	for _, tc := range cases {
		t.Run(tc.phrase, func(t *testing.T) {
			name, typ, aff, role := lx.Describe(tc.phrase)
			if name != tc.name || typ != tc.typ || aff != tc.aff || role != tc.role {
				t.Errorf("Describe(%q) = %q, %q, %q, %q; want %q, %q, %q, %q",
					tc.phrase, name, typ, aff, role, tc.name, tc.typ, tc.aff, tc.role)
			}
		})
	}
}

func TestAt(t *testing.T) {
	text := "White House Communications Director Steven Cheung said so."
	ents := find(t, text)
	if e := At(ents, 0, strings.Index(text, " said")); e == nil || e.Name != "Steven Cheung" {
		t.Errorf("At(whole speaker phrase) = %v, want Steven Cheung", e)
	}
	if e := At(ents, 0, 11); e == nil || e.Name != "White House" {
		t.Errorf("At(White House) = %v", e)
	}
	if e := At(ents, strings.Index(text, "said"), len(text)); e != nil {
		t.Errorf("At(said so.) = %v, want nil", e.Name)
	}
	if e := At(nil, 0, 5); e != nil {
		t.Errorf("At(nil) = %v", e)
	}
}

func TestFindEdgeCases(t *testing.T) {
	lx := testLexicon(t)
	for _, text := range []string{"", " ", "\n\n", "’s", "U.S.", "St.", "a’", "Mr.", "President", "\xff\xfe", "“”", "General Staff"} {
		ents := Find(text, nil, lx)
		checkSpans(t, text, ents)
		ents = Find(text, segment.Sentences(text), lx)
		checkSpans(t, text, ents)
	}
	if Find("Vladimir Putin spoke.", nil, nil) != nil {
		t.Error("Find with a nil lexicon returned entities")
	}
}

func TestLoadLexiconNil(t *testing.T) {
	if _, err := LoadLexicon(nil); err == nil {
		t.Error("LoadLexicon(nil) returned no error")
	}
}

// TestCorpusSpans runs Find over the ukraine-war corpus: no panic, valid
// spans, and a floor on what is found, so that a regression that finds
// nothing fails.
func TestCorpusSpans(t *testing.T) {
	dir := corpora.For(t, "corpora", "ukraine-war", "articles")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles in %s: %v", dir, err)
	}
	counts := map[string]int{}
	for _, fn := range files {
		b, err := os.ReadFile(fn)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range find(t, string(b)) {
			counts[e.Type]++
		}
	}
	t.Logf("%d articles: %v", len(files), counts)
	if counts["person"] < len(files) || counts["place"] < len(files) || counts["organization"] < len(files)/2 {
		t.Errorf("too few entities: %v", counts)
	}
}

// TestLoadErrors checks that malformed data files give errors naming the
// file and line, never a panic.
func TestLoadErrors(t *testing.T) {
	good, err := fs.Sub(dataFS, "data")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ file, body, want string }{
		{"titles.tsv", "# header\npresident\tboss\n", "titles.tsv:2: unknown title kind"},
		{"titles.tsv", "president\n", "titles.tsv:1: want at least 2 fields"},
		{"organizations.tsv", "Kremlin\torganization\tRUS\n", "not an ISO 3166-1 alpha-2 code"},
		{"organizations.tsv", "Kremlin\tparty\tRU\n", "unknown organization type"},
		{"orgheads.tsv", "Ministry\tmiddle\n", "unknown head position"},
		{"groups.tsv", "officials\tcrowd\n", "unknown group type"},
		{"placeheads.tsv", "region\tzone\n", "unknown place head kind"},
		{"abbreviations.tsv", "Gen\n", "must end with a period"},
		{"officeholders.tsv", "Vladimir Putin\tRussia\tPresident\n", "not an ISO 3166-1 alpha-2 code"},
		{"officeholders.tsv", "Vladimir Putin\tRU\tPresident\t2020-01-01\n", "want FROM..TO"},
		{"officeholders.tsv", "Vladimir Putin\tRU\tPresident\t2020-01-01..2019-01-01\n", "empty"},
		{"officeholders.tsv", "Vladimir Putin\tRU\tPresident\t2020-13-01..\n", "month out of range"},
	}
	for _, tc := range cases {
		t.Run(tc.file+"/"+tc.want, func(t *testing.T) {
			fsys := fstest.MapFS{}
			entries, err := fs.ReadDir(good, ".")
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				b, err := fs.ReadFile(good, e.Name())
				if err != nil {
					t.Fatal(err)
				}
				fsys[e.Name()] = &fstest.MapFile{Data: b}
			}
			fsys[tc.file] = &fstest.MapFile{Data: []byte(tc.body)}
			_, err = load(fsys)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("load: error %v, want one containing %q", err, tc.want)
			}
		})
	}
	// the embedded files load
	if _, err := load(good); err != nil {
		t.Fatalf("embedded data: %v", err)
	}
	// a missing file is an error
	if _, err := load(fstest.MapFS{}); err == nil {
		t.Error("load of an empty FS returned no error")
	}
}

func TestFoldName(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"Wołodymyr Zełenski", "Volodymyr Zelenskyy"},
		{"Volodymyr Zelenskiy", "Volodymyr Zelensky"},
		{"Aleksander Łukaszenko", "Alexander Lukashenko"},
		{"Sergei Ławrow", "Sergey Lavrov"},
	} {
		if fa, fb := foldName(tc.a), foldName(tc.b); fa != fb {
			t.Errorf("foldName(%q) = %q, foldName(%q) = %q; want equal", tc.a, fa, tc.b, fb)
		}
	}
	if foldName("Vladimir Putin") == foldName("Vladimir Pushkin") {
		t.Error("different surnames fold together")
	}
}

func TestISOCode(t *testing.T) {
	for _, iso := range []string{"AA", "RU", "UA", "US", "ZZ", "EU"} {
		if got := packISO(iso).String(); got != iso {
			t.Errorf("packISO(%q).String() = %q", iso, got)
		}
	}
	for _, bad := range []string{"", "R", "ru", "RUS", "1A"} {
		if c := packISO(bad); c != 0 || c.String() != "" {
			t.Errorf("packISO(%q) = %d %q, want 0 \"\"", bad, c, c.String())
		}
	}
}
