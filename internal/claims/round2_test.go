package claims

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
)

// TestNamedVoice: a description that opens a sentence is not a named
// voice; a person or a body is.
func TestNamedVoice(t *testing.T) {
	for name, want := range map[string]bool{
		"Jens Stoltenberg": true, "Nato": true, "Ivica Dačić": true,
		"The politician": false, "A senior official": false, "the minister": false, "": false,
		"Western leaders": false, "Russia continues": false, "Ursula von der Leyen": true,
	} {
		if got := named(name); got != want {
			t.Errorf("named(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestFrameRoles reads the doer, target, owner and time of sentences
// written for this test.
func TestFrameRoles(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		content              string
		class, agent, target string
		source               string
		times                []string
	}{
		{content: "the hysteria around Russia's possible attack on Ukraine", class: "attack", agent: "RU", target: "UA"},
		{content: "Putin would not attack a NATO member state", class: "attack", target: "nato"},
		{content: "Russia could invade Ukraine in the coming days", class: "attack", agent: "RU", target: "UA", times: []string{"days"}},
		{content: "the Kremlin's declarations about the withdrawal of troops are not real", class: "withdraw-troops", source: "RU"},
		{content: "claims by Moscow that troops are pulling back", class: "withdraw-troops", agent: "RU", source: "RU"},
		{content: "the first missiles and bombs had arrived in the country", class: ""},
		{content: "Russia is deploying chemical weapons in Ukraine", class: "deploy-weapons", agent: "RU"},
		// The object of another predicate is not the doer of the verb
		// after it; a name after a full stop may be.
		{content: "a Russian invasion of Georgia could embolden China", class: "embolden", agent: "RU", target: "CN"},
		{content: "We reject a dictated peace. Russia must withdraw its troops", class: "withdraw-troops", agent: "RU"},
		// A regular inflection the stemmer cuts shorter than the verb.
		{content: "Moscow has moved more soldiers towards the frontier", class: "deploy-troops", agent: "RU"},
	} {
		toks := tokenize(tc.content)
		var ms []mention
		// The names of these sentences, as an entity stage would find them.
		for i, tk := range toks {
			switch tk.w {
			case "nato":
				ms = append(ms, mention{from: i, to: i + 1, key: "nato", name: "NATO"})
			case "kremlin":
				ms = append(ms, mention{from: i, to: i + 1, key: "kremlin", name: "Kremlin", party: "RU"})
			}
		}
		fs := lx.frames(frameInput{toks: toks, mentions: ms})
		i := slices.IndexFunc(fs, func(f Frame) bool { return f.Class == tc.class })
		if tc.class == "" {
			for _, f := range fs {
				if f.Asserted {
					t.Errorf("%q: asserted frame %+v, want none", tc.content, f)
				}
			}
			continue
		}
		if i < 0 {
			t.Errorf("%q: no %s frame in %+v", tc.content, tc.class, fs)
			continue
		}
		f := fs[i]
		if f.Agent != tc.agent || f.Target != tc.target || f.Source != tc.source {
			t.Errorf("%q: agent %q target %q source %q, want %q %q %q", tc.content, f.Agent, f.Target, f.Source, tc.agent, tc.target, tc.source)
		}
		if got := lx.timesIn(toks); !slices.Equal(got, tc.times) {
			t.Errorf("%q: times %v, want %v", tc.content, got, tc.times)
		}
	}
}

// TestLongestTrigger: where two triggers start at one word, the longer
// one says what the content asserts.
func TestLongestTrigger(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for content, want := range map[string][]string{
		"Moscow is moving its soldiers away from the frontier":   {"withdraw-troops"},
		"Moscow is moving more soldiers towards the frontier":    {"deploy-troops"},
		"the army has sent troops and weapons to the front line": {"deploy-troops", "supply-arms"},
	} {
		var got []string
		for _, f := range lx.frames(frameInput{toks: tokenize(content)}) {
			got = append(got, f.Class)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%q: frames %v, want %v", content, got, want)
		}
	}
}

// TestAnaphoricDenialRefers: a denial that only points back reads its
// proposition from the reported clause of the sentence before it.
func TestAnaphoricDenialRefers(t *testing.T) {
	var cc crossCase
	readJSON(t, "testdata/cross/round2.json", &cc)
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, ca := range cc.Articles {
		if ca.ID != "cn" {
			continue
		}
		an := caseAnalysis(t, ca)
		pa, err := lx.Prepare(&an)
		if err != nil {
			t.Fatal(err)
		}
		p := pa.Statements[0]
		if p.Refers != "Beijing is considering sending lethal aid to Moscow" {
			t.Errorf("Refers = %q", p.Refers)
		}
		if !p.Negative || len(p.Frames) == 0 || p.Frames[0].Class != "supply-arms" || p.Frames[0].Agent != "CN" {
			t.Errorf("negative %v frames %+v, want a denial of CN's supply-arms", p.Negative, p.Frames)
		}
		if !strings.Contains(p.Summary, "that Beijing is considering sending lethal aid") {
			t.Errorf("summary %q does not stand alone", p.Summary)
		}
		return
	}
	t.Fatal("no article cn")
}

// TestAllianceNamed: a group without a party named by an alliance speaks
// for that side; the UN is no side.
func TestAllianceNamed(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"Western officials": "WEST", "NATO officials": "NATO", "However Western leaders": "WEST",
		"UN monitors": "", "Jens Stoltenberg": "",
	} {
		if got := lx.allianceNamed(text); got != want {
			t.Errorf("allianceNamed(%q) = %q, want %q", text, got, want)
		}
	}
	if !lx.Adversaries("WEST", "RU") || lx.Adversaries("WEST", "US") {
		t.Error("WEST should be adverse to RU only")
	}
}

// TestRebuttals: a negated "to be" before an indefinite name of two or
// three distinctive words rebuts that name; cancelled negations, verbs and
// single or common words do not (sentences written for this test).
func TestRebuttals(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for content, want := range map[string][]string{
		"This is not a frozen conflict, whatever they say":     {"frozen conflict"},
		"The blast at the depot wasn't an isolated incident":   {"isolat incident"},
		"the referendum was not a legitimate vote":             {"legitimat vote"},
		"It is not only a regional dispute":                    nil,
		"They are not demanding new borders":                   nil,
		"The convoy was not the first to cross":                nil,
		"This is not a war":                                    nil,
		"Kyiv is a frozen conflict away from losing the south": nil,
	} {
		if got := lx.rebuttals(tokenize(content)); !slices.Equal(got, want) {
			t.Errorf("rebuttals(%q) = %q, want %q", content, got, want)
		}
	}
	// The name must stand as written, word after word.
	says := &Prepared{Content: "the ceasefire line is a frozen conflict now", Tokens: []string{"ceasefir", "conflict", "frozen", "line", "now"}}
	apart := &Prepared{Content: "the conflict has been frozen for a year", Tokens: []string{"conflict", "frozen", "year"}}
	if !saysPhrase(says, "frozen conflict") || saysPhrase(apart, "frozen conflict") {
		t.Error("saysPhrase: want the name only as consecutive words")
	}
}

// TestCloseQuotes: a summary gets back the closing quotation mark that
// trimming the content took (sentences written for this test).
func TestCloseQuotes(t *testing.T) {
	for in, want := range map[string]string{
		`The mayor said the bridge was "beyond repair.`: `The mayor said the bridge was "beyond repair."`,
		`The talks were “a waste of time.`:              `The talks were “a waste of time.”`,
		`The shelling was "heavy" all night`:            `The shelling was "heavy" all night`,
		`Aid is “vital” and “urgent”`:                   `Aid is “vital” and “urgent”`,
		`No quotation here`:                             `No quotation here`,
	} {
		if got := closeQuotes(in); got != want {
			t.Errorf("closeQuotes(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDedupeEvidence: one sentence of one article is one piece of
// evidence, whichever of its statements brought it.
func TestDedupeEvidence(t *testing.T) {
	ev := []crosscheck.Evidence{
		{Status: "disputed", Article: "a", Statement: "s3", Text: "We see no sign of it."},
		{Status: "disputed", Article: "a", Statement: "s8", Text: "We see no sign of it."},
		{Status: "disputed", Article: "b", Statement: "s1", Text: "We see no sign of it."},
		{Status: "corroborated", Article: "a", Statement: "s8", Text: "We see no sign of it."},
	}
	got := dedupe(slices.Clone(ev))
	if len(got) != 3 || got[1].Article != "b" || got[2].Status != "corroborated" {
		t.Errorf("dedupe = %+v, want the second s8 copy of article a's dispute left out", got)
	}
}

// TestDenialText: the evidence of a quotation that disputes in its second
// sentence runs through that sentence (sentences written for this test).
func TestDenialText(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	p := &Prepared{
		Sentence: "\"Moscow says its troops are leaving.",
		Content:  "Moscow says its troops are leaving. We see no sign of it. They remain in place.",
	}
	if got, want := lx.denialText(p), "Moscow says its troops are leaving. We see no sign of it."; got != want {
		t.Errorf("denialText = %q, want %q", got, want)
	}
	p = &Prepared{Sentence: "Kyiv denied the report on Monday.", Content: "the report"}
	if got := lx.denialText(p); got != p.Sentence {
		t.Errorf("denialText = %q, want the sentence (it denies)", got)
	}
	p = &Prepared{Sentence: "\"Some call it a stalemate.", Content: "Some call it a stalemate. It is not a bloody stalemate. We advance."}
	if got, want := lx.rebuttalText(p), "Some call it a stalemate. It is not a bloody stalemate."; got != want {
		t.Errorf("rebuttalText = %q, want %q", got, want)
	}
}

// TestObjectSummary: a content that is the object of a preposition after
// its cue ("warned the captains of mines …", "talked about the corridor")
// keeps the cue and the preposition in its summary, once; and a claim's
// summary is a statement that says a whole proposition before one that
// names a topic, even an earlier one. The articles are written for this
// test.
func TestObjectSummary(t *testing.T) {
	z := newAnalyzer(t)
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	prepare := func(id, published, text string) []Prepared {
		t.Helper()
		an, err := z.Analyze(t.Context(), crosscheck.Document{URL: "https://example.test/" + id, Body: []byte(text),
			Published: published, ContentType: "text/plain", Title: "Strait"})
		if err != nil {
			t.Fatal(err)
		}
		pa, err := lx.Prepare(&an)
		if err != nil {
			t.Fatal(err)
		}
		return pa.Statements
	}
	a := prepare("a", "2024-03-01", "Strait\n\nThe coast guard warned the captains of mines drifting near the strait.")
	b := prepare("b", "2024-03-02", "Strait\n\nNavy officers said that mines are drifting near the strait.")
	c := prepare("c", "2024-03-02", "Strait\n\nThe envoy talked about the grain corridor.")
	if len(a) != 1 || len(b) != 1 || len(c) != 1 {
		t.Fatalf("statements: %d, %d, %d, want one each", len(a), len(b), len(c))
	}
	if !a[0].Object || !strings.Contains(a[0].Summary, "Warned of mines drifting near the strait") {
		t.Errorf("summary %q (object %v), want the cue and “of” kept", a[0].Summary, a[0].Object)
	}
	if !c[0].Object || !strings.HasSuffix(c[0].Summary, ": Talked about the grain corridor") {
		t.Errorf("summary %q (object %v), want “about” once", c[0].Summary, c[0].Object)
	}
	if b[0].Object {
		t.Errorf("a clause is no object: %q", b[0].Summary)
	}
	// "opposes" says the opposite of its object without the cue
	d := prepare("d", "2024-03-02", "Strait\n\nThe foreign ministry firmly opposes closing the strait to grain ships.")
	if len(d) != 1 || !strings.HasSuffix(d[0].Summary, ": Opposes closing the strait to grain ships") {
		t.Errorf("statements %d, summary %q, want the cue kept", len(d), d[0].Summary)
	}
	cl, ok := lx.Status([]Member{{Prepared: &a[0], Family: a[0].Article}, {Prepared: &b[0], Family: b[0].Article}})
	if !ok {
		t.Fatal("no claim")
	}
	if cl.Summary != b[0].Summary {
		t.Errorf("claim summary %q, want the proposition %q", cl.Summary, b[0].Summary)
	}
}

// TestUnresolvedPronounSpeaker: a "we" the analysis could not resolve
// names someone of its own article only, so two articles' "we" are no
// same speaker. The articles are written for this test.
func TestUnresolvedPronounSpeaker(t *testing.T) {
	z := newAnalyzer(t)
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var ps []Prepared
	for i, text := range []string{
		"Bridge\n\nWe believe the northern bridge will hold until spring.",
		"River\n\nThe river rose again. We believe the northern bridge will hold until the spring.",
	} {
		an, err := z.Analyze(t.Context(), crosscheck.Document{URL: "https://example.test/we" + strconv.Itoa(i), Body: []byte(text),
			Published: "2024-03-0" + strconv.Itoa(i+1), ContentType: "text/plain"})
		if err != nil {
			t.Fatal(err)
		}
		pa, err := lx.Prepare(&an)
		if err != nil {
			t.Fatal(err)
		}
		if len(pa.Statements) != 1 || !strings.EqualFold(pa.Statements[0].SpeakerName, "we") {
			t.Fatalf("article %d: statements %+v, want one by an unresolved we", i, pa.Statements)
		}
		ps = append(ps, pa.Statements[0])
	}
	if ps[0].Speaker == ps[1].Speaker {
		t.Errorf("two articles' unresolved we share the speaker key %q", ps[0].Speaker)
	}
	if e, _ := lx.Match(&ps[0], &ps[1], Options{}); slices.ContainsFunc(e.Reasons, func(r string) bool { return strings.HasPrefix(r, "same speaker") }) {
		t.Errorf("linked as the same speaker: %v", e.Reasons)
	}
}

// TestParaphraseFrames: predicates said in other words than the first
// triggers of their class (sentences written for this test).
func TestParaphraseFrames(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		content string
		want    string // an asserted frame of this class
		not     string // and none of this one
	}{
		{content: "Russia is still gathering troops near the border", want: "deploy-troops"},
		{content: "Moscow has increased the number of its soldiers along the border", want: "deploy-troops"},
		{content: "an increase in the number of troops on the border", want: "deploy-troops"},
		{content: "Belarus is concentrating forces in the north", want: "deploy-troops"},
		// The participle describes the troops; the statement is about
		// their withdrawal.
		{content: "Moscow says the withdrawal of the troops gathered near the border is over", not: "deploy-troops"},
		{content: "the crowd gathered outside the embassy", not: "deploy-troops"},
		{content: "Putin has already decided to invade", want: "decide-attack"},
		{content: "he has not yet made a decision about whether to attack", want: "decide-attack"},
		{content: "the decision to raise taxes was taken in May", not: "decide-attack"},
		// A decision of no object, its clause ending with it, is the one
		// the class names; a decision of another object is not.
		{content: "I am sure the general has made a decision. We must be careful", want: "decide-attack"},
		{content: "the minister says the president has already decided", want: "decide-attack"},
		{content: "the president has made a decision on the budget", not: "decide-attack"},
		{content: "the cabinet decided to raise pensions", not: "decide-attack"},
		{content: "more than 14,000 people have died in the conflict", want: "casualties"},
		{content: "the war has claimed the lives of 14,000 people", want: "casualties"},
		{content: "an invasion could embolden China", want: "embolden"},
		// A topic noun before "and" and a modal does not make the verb
		// after them a topic.
		{content: "letting Russia take Kyiv would have grave consequences and could embolden China", want: "embolden"},
		{content: "the consequences of emboldening China", not: "embolden"},
		// "Not stopping at" is going further; a stop is not.
		{content: "if Russia wins, it will not stop at the Baltic states", want: "go-further"},
		{content: "he won’t stop there", want: "go-further"},
		{content: "the tanks stopped at the edge of the village", not: "go-further"},
		{content: "Moscow is using food as a weapon", want: "weaponize"},
		{content: "Ukraine is using Western weapons against targets in Russia", not: "weaponize"},
		{content: "Russia wants a buffer zone along the border", want: "buffer-zone"},
		// Ending an occupation takes the land back, whoever's it is.
		{content: "the allies will work on ending the Atlantic Kingdom's temporary occupation of the islands", want: "capture"},
		{content: "they vowed to end the occupation of the islands", want: "capture"},
		{content: "the occupation of the islands has lasted ten years", not: "capture"},
		{content: "the strike will end the hopes of the occupation forces", not: "capture"},
	} {
		fs := lx.frames(frameInput{toks: tokenize(tc.content)})
		has := func(class string) bool {
			return slices.ContainsFunc(fs, func(f Frame) bool { return f.Asserted && f.Class == class })
		}
		if tc.want != "" && !has(tc.want) {
			t.Errorf("%q: no asserted %s frame in %+v", tc.content, tc.want, fs)
		}
		if tc.not != "" && has(tc.not) {
			t.Errorf("%q: an asserted %s frame in %+v", tc.content, tc.not, fs)
		}
	}
}

// TestIndependentKinds: monitors, pollsters and think tanks of
// independents.tsv are independent sources by name; a pronoun that looks
// like an acronym is not.
func TestIndependentKinds(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"UN Office for the Coordination of Humanitarian Affairs": "monitor",
		"the UN refugee agency":                                  "monitor",
		"Kyiv International Institute of Sociology":              "think_tank",
		"ACLED":                 "think_tank",
		"Reuters":               "wire",
		"who":                   "",
		"the regional governor": "",
	} {
		if got := lx.independentKind(name); got != want {
			t.Errorf("independentKind(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestUnknownDecision: "we still don't know whether he has decided to
// invade" says the decision is not known to have been made, as "he has not
// yet decided" does; an open question with nothing negated before it, or a
// noun after "if", stays a topic (sentences written for this test).
func TestUnknownDecision(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		content          string
		class            string
		asserted, negate bool
	}{
		{"we still don't know whether Putin has decided to invade", "decide-attack", true, true},
		{"intelligence has no information on whether the Kremlin has decided to attack", "decide-attack", true, true},
		{"Putin has not yet made a decision to invade", "decide-attack", true, true},
		{"the question is whether Putin has decided to invade", "decide-attack", false, false},
		{"officials don't know if Putin has made a decision on an incursion", "attack", false, false},
	} {
		fs := lx.frames(frameInput{toks: tokenize(tc.content)})
		i := slices.IndexFunc(fs, func(f Frame) bool { return f.Class == tc.class })
		if i < 0 {
			t.Errorf("%q: no %s frame in %+v", tc.content, tc.class, fs)
			continue
		}
		if fs[i].Asserted != tc.asserted || fs[i].Asserted && fs[i].Negated != tc.negate {
			t.Errorf("%q: asserted %v negated %v, want %v %v", tc.content, fs[i].Asserted, fs[i].Negated, tc.asserted, tc.negate)
		}
	}
}

// TestNegatingWords: words that negate a content without "not" ("nowhere
// is safe", "nobody was hurt") give it the polarity of a negated one, so
// that "there is no safe place" and "nowhere is safe" do not contradict
// (sentences written for this test).
func TestNegatingWords(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for content, want := range map[string]bool{
		"nowhere in the region is completely safe":        true,
		"there is no completely safe place in the region": true,
		"nobody was hurt in the blast":                    true,
		"the region is completely safe":                   false,
		// "won't" and "can't", with either apostrophe; "won" alone is
		// the past of "win".
		"he won't stop there":  true,
		"we can’t accept this": true,
		"Ukraine won the vote": false,
		"we can accept this":   false,
	} {
		if got := lx.negates(tokenize(content)); got != want {
			t.Errorf("negates(%q) = %v, want %v", content, got, want)
		}
	}
}

// TestPronounNotObject: "it" after a clause takes up its subject, not the
// object of its predicate ("If Russia attacks Ukraine, it probably begins
// with bombing": Russia's attack); sentences written for this test.
func TestPronounNotObject(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	toks := tokenize("If Russia attacks Ukraine, it probably begins with shelling of the border towns")
	var ms []mention
	for i, tk := range toks {
		switch tk.w {
		case "russia":
			ms = append(ms, mention{from: i, to: i + 1, key: "russia", name: "Russia", party: "RU", place: true, country: true})
		case "ukraine":
			ms = append(ms, mention{from: i, to: i + 1, key: "ukraine", name: "Ukraine", party: "UA", place: true, country: true})
		}
	}
	fs := lx.frames(frameInput{toks: toks, mentions: ms})
	i := slices.IndexFunc(fs, func(f Frame) bool { return f.Class == "attack" && f.Asserted })
	if i < 0 {
		t.Fatalf("no asserted attack frame in %+v", fs)
	}
	if fs[i].Agent != "RU" {
		t.Errorf("agent %q, want RU (%+v)", fs[i].Agent, fs[i])
	}
}
