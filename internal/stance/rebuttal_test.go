package stance

import (
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/segment"
)

// st describes one statement of a test text by its words: the speaker, the
// cue (as "context|cue" when the cue's word occurs more than once:
// "spokesman said|said"), its lemma, the content and the speaker's party.
// Each must occur once in the text. The statements of a case are written
// in text order and get the ids s1, s2, ….
type st struct {
	speaker, cue, lemma, content, party string
}

// locate returns the span of the unique occurrence of s in text; with
// "context|s" the occurrence of s inside the unique context.
func locate(t *testing.T, text, s string) (int, int) {
	t.Helper()
	ctx, sub := s, s
	if i := strings.Index(s, "|"); i >= 0 {
		ctx, sub = s[:i], s[i+1:]
	}
	if n := strings.Count(text, ctx); n != 1 {
		t.Fatalf("%q occurs %d times in the text, want once", ctx, n)
	}
	at := strings.Index(text, ctx)
	k := strings.Index(ctx, sub)
	if k < 0 {
		t.Fatalf("%q is not inside %q", sub, ctx)
	}
	return at + k, at + k + len(sub)
}

// classifyStatements builds the statements of text from specs (so that
// these tests do not depend on how attribution reads the sentences) and
// classifies them.
func classifyStatements(t *testing.T, text string, specs []st) ([]crosscheck.Statement, []crosscheck.Relation) {
	t.Helper()
	_, sl := setup(t)
	art := &crosscheck.Article{Text: text, Published: "2024-05-02"}
	sents := segment.Sentences(text)
	var out []crosscheck.Statement
	for i, sp := range specs {
		var s crosscheck.Statement
		s.ID = "s" + string(rune('1'+i))
		s.Speaker.Start, s.Speaker.End = locate(t, text, sp.speaker)
		s.Speaker.Text = text[s.Speaker.Start:s.Speaker.End]
		s.Speaker.Name = crosscheck.NullString(s.Speaker.Text)
		s.Speaker.Affiliation = crosscheck.NullString(sp.party)
		s.Cue.Start, s.Cue.End = locate(t, text, sp.cue)
		s.Cue.Text, s.Cue.Lemma = text[s.Cue.Start:s.Cue.End], sp.lemma
		s.Content.Start, s.Content.End = locate(t, text, sp.content)
		s.Content.Text = text[s.Content.Start:s.Content.End]
		s.Kind, s.Stance = crosscheck.KindIndirect, crosscheck.StanceAssert
		s.Sentence = -1
		for _, se := range sents {
			if s.Cue.Start >= se.Start && s.Cue.Start < se.End {
				s.Sentence = se.Index
			}
		}
		if s.Sentence < 0 {
			t.Fatalf("cue %q is in no sentence", sp.cue)
		}
		out = append(out, s)
	}
	return Classify(art, sents, out, sl, Options{Country: countries})
}

// TestRebuttalStance: a statement whose own words reject a claim denies;
// the same words used otherwise do not.
func TestRebuttalStance(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		st    st
		want  string
		label string
	}{
		{"false word predicated of a back-reference",
			`Peskov said the reports were "absolute lies".`,
			st{"Peskov", "said", "say", `the reports were "absolute lies"`, "RU"}, crosscheck.StanceDeny, ""},
		{"no evidence for these assertions",
			"The ministry said there is no evidence for these assertions.",
			st{"The ministry", "said", "say", "there is no evidence for these assertions", "UA"}, crosscheck.StanceDeny, ""},
		{"has not happened, inside the speaker's quotation",
			"“It simply has not happened,” the governor said.",
			st{"the governor", "said", "say", "It simply has not happened", "UA"}, crosscheck.StanceDeny, ""},
		{"fabricated after a verb of calling",
			"Zakharova called the allegations fabricated.",
			st{"Zakharova", "called", "call", "the allegations fabricated", "RU"}, crosscheck.StanceDeny, ""},
		{"a false word standing alone",
			"“Completely untrue,” the spokesman said.",
			st{"the spokesman", "said", "say", "Completely untrue", "UA"}, crosscheck.StanceDeny, ""},
		{"propaganda predicated of a statement",
			"The envoy said the statement was nothing but propaganda.",
			st{"The envoy", "said", "say", "the statement was nothing but propaganda", "UA"}, crosscheck.StanceDeny, ""},
		{"dismissed as unfounded, in the speaker's words",
			"The embassy said it dismissed these reports as unfounded.",
			st{"The embassy", "said", "say", "it dismissed these reports as unfounded", "RU"}, crosscheck.StanceDeny, ""},
		{"reject inside the speaker's words",
			"“We categorically reject these accusations,” the spokesman told reporters.",
			st{"the spokesman", "told", "tell", "We categorically reject these accusations", "CN"}, crosscheck.StanceDeny, ""},
		{"does not agree with assessments that",
			"The professor said he did not agree with assessments that the alliance was finished.",
			st{"The professor", "said", "say", "he did not agree with assessments that the alliance was finished", ""}, crosscheck.StanceDeny, ""},
		{"disagrees with these claims",
			"“I disagree with these claims,” the admiral said.",
			st{"the admiral", "said", "say", "I disagree with these claims", "GB"}, crosscheck.StanceDeny, ""},
		{"wrong predicated of what was said",
			"“That is simply wrong,” the spokesman said.",
			st{"the spokesman", "said", "say", "That is simply wrong", "UA"}, crosscheck.StanceDeny, ""},
		{"wrong to claim",
			"The envoy said it was wrong to claim that the convoy had been attacked.",
			st{"The envoy", "said", "say", "it was wrong to claim that the convoy had been attacked", "FR"}, crosscheck.StanceDeny, ""},
		{"it's not true, in the speaker's words",
			"“The army claims it took the town. It's not true,” the mayor said.",
			st{"the mayor", "said", "say", "The army claims it took the town. It's not true", "UA"}, crosscheck.StanceDeny, ""},
		{"reports that defy logic",
			`The senator said the Russian reports "defy logic".`,
			st{"The senator", "said", "say", `the Russian reports "defy logic"`, "US"}, crosscheck.StanceDeny, ""},
		// Non-triggers.
		{"wrong to do something is a judgement of a deed",
			"The minister said it was wrong to shell the city.",
			st{"The minister", "said", "say", "it was wrong to shell the city", "FR"}, crosscheck.StanceAssert, ""},
		{"not accepting, in a relative clause of others",
			"The lawyer said fines were imposed on anyone who does not accept the official version.",
			st{"The lawyer", "said", "say", "fines were imposed on anyone who does not accept the official version", ""}, crosscheck.StanceAssert, ""},
		{"not accepting an offer is a refusal",
			"The mayor said the city did not accept the proposal.",
			st{"The mayor", "said", "say", "the city did not accept the proposal", "UA"}, crosscheck.StanceAssert, ""},
		{"absurd said of an event, not of a claim",
			"The minister said the war was absurd.",
			st{"The minister", "said", "say", "the war was absurd", "FR"}, crosscheck.StanceAssert, ""},
		{"propaganda as a subject",
			"The analyst said Russian propaganda is about fear.",
			st{"The analyst", "said", "say", "Russian propaganda is about fear", ""}, crosscheck.StanceAssert, ""},
		{"propaganda modifying another noun",
			"The historian said these were propaganda courses.",
			st{"The historian", "said", "say", "these were propaganda courses", ""}, crosscheck.StanceAssert, ""},
		{"no reason to panic",
			"The mayor said there was no reason to panic.",
			st{"The mayor", "said", "say", "there was no reason to panic", "UA"}, crosscheck.StanceAssert, ""},
		{"no reason to doubt accepts the claim",
			"The agency said it had no reason to doubt the report.",
			st{"The agency", "said", "say", "it had no reason to doubt the report", "US"}, crosscheck.StanceAssert, ""},
		{"no evidence in a neutral sense, with nothing it rejects",
			"The inspectors said there was no evidence of radiation at the plant.",
			st{"The inspectors", "said", "say", "there was no evidence of radiation at the plant", ""}, crosscheck.StanceAssert, ""},
		{"a negated false word",
			"The judge said the claims were not baseless.",
			st{"The judge", "said", "say", "the claims were not baseless", ""}, crosscheck.StanceAssert, ""},
		{"denying someone access is a refusal",
			"The port authority denied the ships access to the harbour.",
			st{"The port authority", "denied", "deny", "the ships access to the harbour", "TR"}, crosscheck.StanceAssert, ""},
		{"rejected the accusations, calling them baseless",
			"The Kremlin rejected the accusations, calling them baseless.",
			st{"The Kremlin", "rejected", "reject", "the accusations, calling them baseless", "RU"}, crosscheck.StanceDeny, ""},
		{"a headline: X denies Y",
			"Minsk denies sending troops to the border",
			st{"Minsk", "denies", "deny", "sending troops to the border", "BY"}, crosscheck.StanceDeny, ""},
		{"denying plans is a denial",
			"Moscow has repeatedly denied any plans to invade its neighbour.",
			st{"Moscow", "denied", "deny", "any plans to invade its neighbour", "RU"}, crosscheck.StanceDeny, ""},
		{"rejecting a proposal is a refusal",
			"The Kremlin rejected the peace proposal as unrealistic.",
			st{"The Kremlin", "rejected", "reject", "the peace proposal as unrealistic", "RU"}, crosscheck.StanceAssert, ""},
		{"an unrealised possibility did not happen",
			"“He could have stopped it, but it did not happen,” she said.",
			st{"she", "said", "say", "He could have stopped it, but it did not happen", ""}, crosscheck.StanceAssert, ""},
		{"the reporter's doubt inside the content is not the speaker's rebuttal",
			"He says he acts to protect civilians but provides no proof of his allegations.",
			st{"He", "says", "say", "he acts to protect civilians but provides no proof of his allegations", "RU"}, crosscheck.StanceAssert, ""},
		{"a comment set off after the content is not the speaker's",
			"Putin said the operation protects civilians – a claim Washington had predicted he would falsely make.",
			st{"Putin", "said", "say", "the operation protects civilians – a claim Washington had predicted he would falsely make", "RU"}, crosscheck.StanceAssert, ""},
		{"a party that has not claimed responsibility",
			"Kyiv has not claimed responsibility for the blasts.",
			st{"Kyiv", "claimed", "claim", "responsibility for the blasts", "UA"}, crosscheck.StanceNotConfirmed, ""},
		{"saying someone makes false charges rejects them",
			"The envoy said Moscow makes false charges about the refugees.",
			st{"The envoy", "said", "say", "Moscow makes false charges about the refugees", "US"}, crosscheck.StanceDeny, ""},
		{"spreading fake reports rejects them",
			"The ministry said the rebels keep spreading fake reports from the front.",
			st{"The ministry", "said", "say", "the rebels keep spreading fake reports from the front", "UA"}, crosscheck.StanceDeny, ""},
		{"a false word before another noun rejects nothing",
			"The coach said they made a false start.",
			st{"The coach", "said", "say", "they made a false start", ""}, crosscheck.StanceAssert, ""},
		{"a question rejects nothing outright",
			"“Is this not propaganda?” the presenter asked.",
			st{"the presenter", "asked", "ask", "Is this not propaganda?", "RU"}, crosscheck.StanceAssert, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := classifyStatements(t, tt.text, []st{tt.st})
			if got[0].Stance != tt.want {
				t.Errorf("stance %s, want %s", got[0].Stance, tt.want)
			}
		})
	}
}

// TestRebuttalTarget: a denial contradicts the statement it rejects,
// chosen by back-reference, named source, shared content and proximity.
func TestRebuttalTarget(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		sts      []st
		from, to string
		evidence string
	}{
		{"a pronoun points at what was just said",
			"The Russian ministry said its jets destroyed a bridge near Kherson. “This has not happened,” a Ukrainian army spokesman said.",
			[]st{{"The Russian ministry", "ministry said|said", "say", "its jets destroyed a bridge near Kherson", "RU"},
				{"a Ukrainian army spokesman", "spokesman said|said", "say", "This has not happened", "UA"}},
			"s2", "s1", "This has not happened"},
		{"these assertions",
			"Moscow said Ukrainian drones attacked a power plant in Kursk. The Ukrainian foreign ministry said there was no evidence for these assertions.",
			[]st{{"Moscow", "Moscow said|said", "say", "Ukrainian drones attacked a power plant in Kursk", "RU"},
				{"The Ukrainian foreign ministry", "ministry said|said", "say", "there was no evidence for these assertions", "UA"}},
			"s2", "s1", "no evidence for these assertions"},
		{"a named source beats a nearer statement",
			"Gazprom said it would cut gas flows because of a turbine fault. The Kremlin said Western sanctions had delayed repairs. The German economy ministry said there was no technical reason for Gazprom's announcement.",
			[]st{{"Gazprom said|Gazprom", "Gazprom said|said", "say", "it would cut gas flows because of a turbine fault", "RU"},
				{"The Kremlin", "Kremlin said|said", "say", "Western sanctions had delayed repairs", "RU"},
				{"The German economy ministry", "ministry said|said", "say", "there was no technical reason for Gazprom's announcement", "DE"}},
			"s3", "s1", "no technical reason for Gazprom's announcement"},
		{"shared content beats a nearer statement",
			"Kyiv said Russian troops shelled a hospital in Kharkiv. Kyiv also said drones hit a train station in Sumy. Moscow denied shelling the hospital.",
			[]st{{"Kyiv said|Kyiv", "Kyiv said|said", "say", "Russian troops shelled a hospital in Kharkiv", "UA"},
				{"Kyiv also|Kyiv", "also said|said", "say", "drones hit a train station in Sumy", "UA"},
				{"Moscow", "denied", "deny", "shelling the hospital", "RU"}},
			"s3", "s1", "denied shelling the hospital"},
		{"a leader calling the other side's claims fabricated",
			"Washington said Russia was preparing a false-flag attack. Lavrov called the American claims fabricated.",
			[]st{{"Washington", "said", "say", "Russia was preparing a false-flag attack", "US"},
				{"Lavrov", "called", "call", "the American claims fabricated", "RU"}},
			"s2", "s1", "the American claims fabricated"},
		{"the quoted speaker rebuts",
			"Ukrainian officials said a Russian missile hit a school in Odesa. “These claims are lies,” the Russian defence ministry said.",
			[]st{{"Ukrainian officials", "officials said|said", "say", "a Russian missile hit a school in Odesa", "UA"},
				{"the Russian defence ministry", "ministry said|said", "say", "These claims are lies", "RU"}},
			"s2", "s1", "These claims are lies"},
		{"a claim named inside the rebuttal",
			"The White House said Moscow's claim that its troops had left the border was false.",
			[]st{{"The White House", "said", "say", "Moscow's claim that its troops had left the border was false", "US"},
				{"Moscow's", "claim", "claim", "its troops had left the border", "RU"}},
			"s1", "s2", "Moscow's claim that its troops had left the border was false"},
		{"a claim predicted to be made falsely",
			"Putin said the operation protects civilians – a claim Washington had predicted he would falsely make.",
			[]st{{"Putin", "said", "say", "the operation protects civilians – a claim Washington had predicted he would falsely make", "RU"},
				{"Washington", "predicted", "predict", "he would falsely make", "US"}},
			"s2", "s1", "falsely make"},
		{"a note on the claim before it",
			"Orban said the sanctions had failed – a claim the Commission had predicted he would falsely make.",
			[]st{{"Orban", "said", "say", "the sanctions had failed", "HU"},
				{"the Commission", "predicted", "predict", "he would falsely make", ""}},
			"s2", "s1", "a claim the Commission had predicted he would falsely make"},
		{"a note rejecting the claim before it",
			"The ministry said the convoy carried only aid – a claim the army had long rejected as a cover story.",
			[]st{{"The ministry", "said", "say", "the convoy carried only aid", "RU"},
				{"the army", "rejected", "reject", "the convoy carried only aid|the convoy", "UA"}},
			"s2", "s1", "a claim the army had long rejected"},
		{"a government denying it took any hostile action",
			"Manila said a Chinese coast guard ship fired water cannon at its supply boat. Beijing denied it had taken any hostile action.",
			[]st{{"Manila", "said", "say", "a Chinese coast guard ship fired water cannon at its supply boat", "PH"},
				{"Beijing", "denied", "deny", "it had taken any hostile action", "CN"}},
			"s2", "s1", "denied it had taken any hostile action"},
		{"such claims: the warning just before, not the first of the party's run",
			"The prime minister said a defeat would bring war to Europe.\n\nHe added that the aid was late.\n\nMoscow said the aid would change nothing.\n\nThe premier said the money was needed now.\n\nNot for the first time, a warning came from Kyiv.\n\nThe president said Russia could next attack the Baltic states.\n\nBut Kremlin officials have ridiculed such claims as scaremongering.",
			[]st{{"The prime minister", "said a defeat|said", "say", "a defeat would bring war to Europe", "UA"},
				{"He", "added", "add", "the aid was late", "UA"},
				{"Moscow", "Moscow said|said", "say", "the aid would change nothing", "RU"},
				{"The premier", "premier said|said", "say", "the money was needed now", "UA"},
				{"The president", "president said|said", "say", "Russia could next attack the Baltic states", "UA"},
				{"Kremlin officials", "ridiculed", "ridicule", "such claims as scaremongering", "RU"}},
			"s6", "s5", "ridiculed such claims"},
		{"bare allegations of the same paragraph",
			"A UN envoy said soldiers used torture against prisoners in occupied towns. Moscow has denied allegations of abuse.",
			[]st{{"A UN envoy", "said", "say", "soldiers used torture against prisoners in occupied towns", ""},
				{"Moscow", "denied", "deny", "allegations of abuse", "RU"}},
			"s2", "s1", "denied allegations of abuse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rels := classifyStatements(t, tt.text, tt.sts)
			var found *crosscheck.Relation
			for i := range rels {
				if rels[i].Type == crosscheck.RelContradicts {
					found = &rels[i]
				}
			}
			if found == nil {
				t.Fatalf("no contradicts relation among %+v", rels)
			}
			if string(found.From) != tt.from || found.To != tt.to {
				t.Errorf("got %s→%s, want %s→%s", found.From, found.To, tt.from, tt.to)
			}
			if found.Evidence.Text != tt.evidence || tt.text[found.Evidence.Start:found.Evidence.End] != found.Evidence.Text {
				t.Errorf("evidence %q, want %q", found.Evidence.Text, tt.evidence)
			}
			for _, s := range got {
				if s.ID == tt.from && s.Stance != crosscheck.StanceDeny {
					t.Errorf("%s stance %s, want deny", s.ID, s.Stance)
				}
			}
		})
	}
}

// TestRebuttalNoTarget: a rebuttal links to no statement it does not
// reject.
func TestRebuttalNoTarget(t *testing.T) {
	tests := []struct {
		name string
		text string
		sts  []st
	}{
		{"the same party",
			"Kyiv said its forces had retaken the village. Ukraine's army said the reports were fabricated.",
			[]st{{"Kyiv", "Kyiv said|said", "say", "its forces had retaken the village", "UA"},
				{"Ukraine's army", "army said|said", "say", "the reports were fabricated", "UA"}}},
		{"a pronoun too far back",
			"The Russian ministry said its jets destroyed a bridge.\n\nThe river rose.\n\nRain fell.\n\n“This has not happened,” a Ukrainian spokesman said.",
			[]st{{"The Russian ministry", "ministry said|said", "say", "its jets destroyed a bridge", "RU"},
				{"a Ukrainian spokesman", "spokesman said|said", "say", "This has not happened", "UA"}}},
		{"no sign of something nobody claimed",
			"Moscow said its troops had captured a village near Bakhmut. NATO said it had seen no sign of a ceasefire.",
			[]st{{"Moscow", "Moscow said|said", "say", "its troops had captured a village near Bakhmut", "RU"},
				{"NATO", "NATO said|said", "say", "it had seen no sign of a ceasefire", ""}}},
		{"sharing only a place name",
			"Moscow said Ukrainian units were massing near Donbas. Washington said there was no evidence of a ceasefire breach in Donbas.",
			[]st{{"Moscow", "Moscow said|said", "say", "Ukrainian units were massing near Donbas", "RU"},
				{"Washington", "Washington said|said", "say", "there was no evidence of a ceasefire breach in Donbas", "US"}}},
		{"rejecting something that is no claim",
			"The parliament declared independence in 1991. Pro-Russian groups rejected Moldovan independence.",
			[]st{{"The parliament", "declared", "declare", "independence in 1991", "MD"},
				{"Pro-Russian groups", "rejected", "reject", "Moldovan independence", "RU"}}},
		{"a denial that shares nothing with an earlier claim",
			"Moscow said its troops captured a village.\n\nThe river froze.\n\nKyiv denied that its brigades had retreated across the canal.",
			[]st{{"Moscow", "said", "say", "its troops captured a village", "RU"},
				{"Kyiv", "denied", "deny", "that its brigades had retreated across the canal", "UA"}}},
		{"dismissing suggestions that say something else",
			"The agency warned Berlin of a possible attack on the cable. Stoltenberg dismissed suggestions that Moscow was trying to drag the alliance into the war.",
			[]st{{"The agency", "warned", "warn", "a possible attack on the cable", "US"},
				{"Stoltenberg", "dismissed", "dismiss", "suggestions that Moscow was trying to drag the alliance into the war", ""}}},
		{"a wish is not a claim",
			"Zelensky urged allies to send more air defence. “This is propaganda,” the Kremlin said.",
			[]st{{"Zelensky", "urged", "urge", "allies to send more air defence", "UA"},
				{"the Kremlin", "said", "say", "This is propaganda", "RU"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rels := classifyStatements(t, tt.text, tt.sts)
			for _, r := range rels {
				if r.Type == crosscheck.RelContradicts {
					t.Errorf("unexpected relation %+v", r)
				}
			}
		})
	}
}

// TestNotMentioned: "made no mention of", "did not mention" leave a claim
// not confirmed by the party that did not mention it.
func TestNotMentioned(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		sts    []st
		to, by string // to "" wants no relation
	}{
		{"the claim before it in its sentence",
			"Kyiv said its drones hit an airfield, but the Russian ministry made no mention of the raid.",
			[]st{{"Kyiv", "said", "say", "its drones hit an airfield", "UA"}},
			"s1", "RU"},
		{"an earlier claim about what is not mentioned",
			"The Ukrainian navy said it had sunk a landing ship near Crimea. Officials in Sevastopol reported calm seas. The Russian defence ministry did not mention the landing ship in its briefing.",
			[]st{{"The Ukrainian navy", "said", "say", "it had sunk a landing ship near Crimea", "UA"},
				{"Officials in Sevastopol", "reported", "report", "calm seas", "RU"}},
			"s1", "RU"},
		{"the party's own statement",
			"Kyiv said its drones hit an airfield in Crimea. The Russian ministry did not mention the airfield in its report.",
			[]st{{"Kyiv", "said", "say", "its drones hit an airfield in Crimea", "UA"},
				{"The Russian ministry", "mention", "mention", "the airfield in its report", "RU"}},
			"s1", "RU"},
		{"nothing said of what is not mentioned",
			"The Ukrainian navy said it had sunk a landing ship near Crimea. The Russian defence ministry did not mention the weather in its briefing.",
			[]st{{"The Ukrainian navy", "said", "say", "it had sunk a landing ship near Crimea", "UA"}},
			"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rels := classifyStatements(t, tt.text, tt.sts)
			var found *crosscheck.Relation
			for i := range rels {
				if rels[i].Type == crosscheck.RelNotConfirmed {
					found = &rels[i]
				}
			}
			switch {
			case tt.to == "" && found != nil:
				t.Errorf("unexpected relation %+v", *found)
			case tt.to != "" && found == nil:
				t.Fatalf("no not_confirmed relation among %+v", rels)
			case tt.to != "" && (found.To != tt.to || string(found.By) != tt.by || found.From != ""):
				t.Errorf("got from=%q to=%q by=%q, want to=%q by=%q", found.From, found.To, found.By, tt.to, tt.by)
			}
			for _, s := range got {
				if s.Cue.Lemma == "mention" && s.Stance != crosscheck.StanceNotConfirmed {
					t.Errorf("%s stance %s, want not_confirmed", s.ID, s.Stance)
				}
			}
		})
	}
}

// TestReporterBareObject: the reporter's relation verbs whose object has no
// determiner ("repeated Western concerns that …", "counter Russian
// propaganda claiming …").
func TestReporterBareObject(t *testing.T) {
	tests := []struct {
		name          string
		text          string
		sts           []st
		typ, from, to string
	}{
		{"repeated concerns that",
			"Washington said Beijing was considering sending weapons to Moscow. Separately, Paris said talks would resume. Blinken later repeated Western concerns that China was considering sending weapons.",
			[]st{{"Washington", "Washington said|said", "say", "Beijing was considering sending weapons to Moscow", "US"},
				{"Paris", "Paris said|said", "say", "talks would resume", "FR"},
				{"Blinken", "repeated", "repeat", "Western concerns that China was considering sending weapons", "US"}},
			crosscheck.RelEchoes, "s3", "s1"},
		{"counter the statement it names",
			"Blinken said food prices rose because of the war, as his department tries to counter Russian propaganda claiming Kyiv is to blame.",
			[]st{{"Blinken", "said", "say", "food prices rose because of the war", "US"},
				{"Russian propaganda", "claiming", "claim", "Kyiv is to blame", "RU"}},
			crosscheck.RelContradicts, "s1", "s2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rels := classifyStatements(t, tt.text, tt.sts)
			for _, r := range rels {
				if r.Type == tt.typ && string(r.From) == tt.from && r.To == tt.to {
					return
				}
			}
			t.Errorf("no %s %s→%s among %+v", tt.typ, tt.from, tt.to, rels)
		})
	}
	// "Like X, Y said": Y echoes X's statement, chosen among X's by the
	// countries both name.
	_, rels1 := classifyStatements(t, "Beijing said the United States was fuelling the war. Chinese media said trade grew. Like China, Belarus has claimed that the US does not want peace.",
		[]st{{"Beijing", "said the United|said", "say", "the United States was fuelling the war", "CN"},
			{"Chinese media", "media said|said", "say", "trade grew", "CN"},
			{"Belarus", "claimed", "claim", "the US does not want peace", "BY"}})
	found := false
	for _, r := range rels1 {
		found = found || r.Type == crosscheck.RelEchoes && r.From == "s3" && r.To == "s1" && r.Evidence.Text == "Like China, Belarus has claimed"
	}
	if !found {
		t.Errorf("no echoes s3→s1 among %+v", rels1)
	}
	// An object that names no statement must name what the statement
	// speaks of: the council confirms its support, not Michel's account.
	_, rels0 := classifyStatements(t, "Michel said the council members had met in Brussels. The council confirmed the full support of its members for Kyiv.",
		[]st{{"Michel", "said", "say", "the council members had met in Brussels", ""},
			{"The council", "confirmed", "confirm", "the full support of its members for Kyiv", ""}})
	if len(rels0) != 0 {
		t.Errorf("unexpected relations %+v", rels0)
	}
	// "counter" relates only to a statement it names.
	_, rels := classifyStatements(t, "Officials said the drills went well. The unit trained to counter external threats.",
		[]st{{"Officials", "said", "say", "the drills went well", "BY"}})
	if len(rels) != 0 {
		t.Errorf("unexpected relations %+v", rels)
	}
}
