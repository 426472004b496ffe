package attribution

import (
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
)

// TestSpeakerResolution checks that descriptions, pronouns and other
// spellings of a speaker come out as the named person or body the article
// means (issue 8, "Speaker resolution across the article"). The articles
// are written for this test.
func TestSpeakerResolution(t *testing.T) {
	z := loadAnalyzer(t)
	tests := []struct {
		name string
		text string
		want []string // speaker names, in statement order
	}{
		{"the subject after two opening phrases",
			"On Tuesday, as part of his campaign, Governor Petro Hnatiuk promised to name the new bridge after Taras Shevchenko. He announced the plan on the radio, saying it would open in spring.",
			[]string{"Petro Hnatiuk"}},
		{"the subject of the pronoun's own sentence before the last speaker",
			"Governor Petro Hnatiuk said the bridge would open in spring. The opposition raised the matter in parliament. Minister Ivan Sirko gave a speech in which he called the plan reckless.",
			[]string{"Petro Hnatiuk", "Ivan Sirko"}},
		{"the subject of the pronoun's sentence with a person named between is not",
			"Minister Olena Kuzmenko spoke in Kyiv. Governor Petro Hnatiuk is convinced Ivan Sirko will close the road if he thinks the bridge is unsafe.",
			[]string{"Ivan Sirko"}},
		{"both and a plural role: the two persons named last",
			"Foreign Minister Anna Keller met Foreign Minister Ivan Sirko in Vienna on Friday. Both diplomats described the talks as candid.",
			[]string{"Anna Keller and Ivan Sirko"}},
		{"a group a pronoun stood for is no antecedent of he",
			"President Ivan Sirko met the European leaders in Rome. He said the meeting had gone well. They said they had talked about fuel supplies. He noted that his country needed generators.",
			[]string{"Ivan Sirko", "European leaders", "Ivan Sirko"}},
		{"a cue nested in the content does not hide the speaker",
			"Marta Nowak met the governors in Lviv. The farms will get the fuel but not the tractors that Lviv has long asked for, says the agriculture minister, Christine Lambert. She said on Friday that the depots were empty.",
			[]string{"Christine Lambert", "Christine Lambert"}},
		{"analysts after a research body's statement are its own",
			"The Institute for Baltic Studies said the ferry line would close in May. In particular, analysts pointed out that the port had lost half its cargo.",
			[]string{"Institute for Baltic Studies", "Institute for Baltic Studies"}},
		{"analysts after a ministry's statement are no ministry",
			"The Estonian defence ministry said the ferry line would close in May. Analysts noted that the port had lost half its cargo.",
			[]string{"Estonian defence ministry", "Analysts"}},
		{"a description of a country's office named just after",
			"Beijing accused the alliance of stirring up conflicts, after the Estonian foreign minister told China it should play by the rules. On Wednesday, Foreign Minister Urmas Reinsalu said Beijing must not help Moscow.",
			[]string{"Beijing", "Urmas Reinsalu", "Urmas Reinsalu"}},
		{"a description of another country's office named just after is not them",
			"The Estonian foreign minister said the border would stay open. On Wednesday, Foreign Minister Gabrielius Landsbergis of Lithuania said his would close.",
			[]string{"Estonian foreign minister", "Gabrielius Landsbergis"}},
		{"an indefinite description is someone new",
			"Minister Olena Kuzmenko arrived in Lviv. An EU diplomat told Reuters the bloc had approved the loan. A spokesman said the company would appeal the ruling.",
			[]string{"EU diplomat", ""}},
		{"role description after the name",
			"Belarusian Foreign Minister Vladimir Makei met his Chinese counterpart. “We are ready to talk,” the Belarusian foreign minister said.",
			[]string{"Vladimir Makei"}},
		{"a class of the role: leader, head of state",
			"President Aleksandr Lukashenko addressed parliament. The head of state said the army was ready. The Belarusian leader added that talks were possible.",
			[]string{"Aleksandr Lukashenko", "Aleksandr Lukashenko"}},
		{"an organization's chief is its secretary general",
			"Secretary General Anna Lindqvist of Nato visited Kyiv. The Nato chief said more air defence was coming.",
			[]string{"Anna Lindqvist"}},
		{"a listed office holder is a president",
			"Vladimir Putin met the governors. The Russian president said the harvest was good.",
			[]string{"Vladimir Putin"}},
		{"the country must agree",
			"German Chancellor Olaf Scholz arrived in Kyiv, where Ukrainian President Volodymyr Zelensky met him. The German chancellor said aid would continue.",
			[]string{"Olaf Scholz"}},
		{"deputy is not the minister",
			"Deputy Foreign Minister Andrii Melnyk spoke first. Foreign Minister Dmytro Kuleba spoke next. The minister said the talks had failed.",
			[]string{"Dmytro Kuleba"}},
		{"the name comes later",
			"The siege will not last long, the regional governor said on Monday. The governor of Kharkiv region, Oleh Syniehubov, later visited the hospital.",
			[]string{"Oleh Syniehubov"}},
		{"one of a role named once in the article",
			"One Belarusian commander says morale is low. The commander, Denys Prokhorov, left Minsk in 2014.",
			[]string{"Denys Prokhorov"}},
		{"the newspaper is the medium named before",
			"The New York Times reported that drones were sold to Moscow. The newspaper said the parts came from China.",
			[]string{"The New York Times", "The New York Times"}},
		{"a document speaks for its author",
			"A survey conducted by the Kyiv International Institute of Sociology (KIIS) was published on Friday. Most Ukrainians reject concessions, according to the survey results. KIIS said the margin of error was small.",
			[]string{"KIIS", "KIIS"}},
		{"it after a sentence about a report",
			"The UN published its report on Tuesday. The report covers fifteen months. It documents 75 cases of arbitrary detention.",
			[]string{"UN"}},
		{"we, defined by an apposition",
			"The ministers met in Vilnius. We, the Members of the Baltic Grain Group, remain committed to free shipping. Russia's military shelled the port on Monday. We condemn the attack.",
			[]string{"Baltic Grain Group"}},
		{"we is no organisation merely mentioned",
			"Russia's military shelled the port again. We condemn the attack on the harbour.",
			[]string{""}},
		{"spellings of one person",
			"Aleksander Łukaszenko spoke for two hours. Lukashenko said the West wanted war. Lukashenko added that Belarus was ready.",
			[]string{"Aleksander Lukashenko", "Aleksander Lukashenko"}},
		{"a one-letter typo",
			"Volodymyr Zelensky visited the front. Zelenksy said the troops were holding.",
			[]string{"Volodymyr Zelensky"}},
		{"an alias the article introduces",
			"Denys Prokhorov returned to Kyiv. He has since been dubbed “Kyt” by his men. Kyt said the regiment was ready.",
			[]string{"Denys Prokhorov"}},
		{"a surname of two words",
			"Beth Van Schaack, the US ambassador-at-large, spoke in The Hague. Van Schaack said the tribunal would be built.",
			[]string{"Beth Van Schaack"}},
		{"a peer of a place",
			"Sophie, the Duchess of Edinburgh, visited Bucha. “Survivors must be heard,” the Duchess of Edinburgh said. “We will not forget them,” she said.",
			[]string{"Duchess of Edinburgh", "Duchess of Edinburgh"}},
		{"the official refers back to an unnamed official",
			"The shelling went on, a senior Pentagon official said. The official added that supplies were short.",
			[]string{"senior Pentagon official", "senior Pentagon official"}},
		{"the official takes up a spokeswoman",
			"A White House spokeswoman said the talks would go on. The official added that no date had been set.",
			[]string{"White House spokeswoman", "White House spokeswoman"}},
		{"the representative takes up an official of a body",
			"An official of the regional administration said the bridge was closed. The representative added that repairs would take a month.",
			[]string{"official of the regional administration", "official of the regional administration"}},
		{"the analyst does not take up an official",
			"A senior Pentagon official said the shelling went on. The analyst added that supplies were short.",
			[]string{"senior Pentagon official", ""}},
		{"who speaks for the noun phrase it hangs on",
			"The treaty was signed in June. Members of the opposition who argue that it is illegal walked out of the chamber.",
			[]string{"Members of the opposition"}},
		{"who after a comma",
			"The siege went on. Local doctors, who say the hospital has no fuel, asked for generators.",
			[]string{"Local doctors"}},
		{"who after a participle names nobody",
			"The paper withheld the names of some people interviewed who expressed fears for their safety.",
			[]string{""}},
		{"who hangs on no people the lexicons know",
			"To voters angry about waste and budget cuts, who say inflation will return, the minister offered nothing.",
			[]string{""}},
		{"a full speaker inside a content split by its cue is the pronoun's",
			"Jan Nowak met the farmers. Officials in Lviv said the depots were empty; the shelling, they added, had stopped.",
			[]string{"Officials in Lviv"}},
		{"a speaker inside the content is not the pronoun's",
			"Maria Nowak said the trial would be long. But many generals who did not think they would face a court were convicted, she added.",
			[]string{"Maria Nowak", "Maria Nowak"}},
		{"a body named as a modifier is no antecedent",
			"Blasts hit a Russian military airbase in Crimea. Ukraine has not claimed the strikes, but the military said the base was a legitimate target.",
			[]string{"Ukraine", "military"}},
		{"a body's name before a past tense is its own",
			"On Monday the Green Unity Party withdrew its candidate for mayor. “We respect the ruling of the court,” the party told reporters.",
			[]string{"Green Unity Party"}},
		{"the name in the apposition beats a description",
			"Dmytro Kuleba, Ukraine's foreign minister, spoke in Brussels. His Russian counterpart, Sergei Lavrov, has accused the West of prolonging the war.",
			[]string{"Sergei Lavrov"}},
		{"the head of a country's diplomacy",
			"British Foreign Secretary Liz Truss arrived in Moscow. The head of British diplomacy said the talks were difficult.",
			[]string{"Liz Truss"}},
		{"a title that is part of the name",
			"Pope Francis spoke in Rome on Sunday. The pope said the war was a sacrilege.",
			[]string{"Pope Francis"}},
		{"the head of the European Commission",
			"Ursula von der Leyen visited Kyiv on Monday. The head of the European Commission said the sanctions would be tightened.",
			[]string{"Ursula von der Leyen"}},
		{"a family name written first",
			"Chinese Foreign Minister Wang Wei met his guests in Beijing. Wang said the talks were useful.",
			[]string{"Wang Wei"}},
		{"the institute an acronym stands for",
			"Analysts at the Institute for the Study of War (ISW) published a map on Monday. ISW said Russian forces had advanced. The institute added that the bridge had been hit.",
			[]string{"ISW", "ISW"}},
		{"a report that says is a noun, not the verb to report",
			"Analysts at the Institute for the Study of War (ISW) published a map on Monday. The ISW report said that Russian forces had advanced.",
			[]string{"ISW"}},
		{"the statement its speaker made it in",
			"The Baltic foreign ministers said in a joint statement that Moscow must reopen the ports. “We will not accept the blockade,” the statement said.",
			[]string{"Baltic foreign ministers", "Baltic foreign ministers"}},
		{"a statement spoken about is nobody's it was made in",
			"The Kremlin condemned the joint statement of the Baltic states. “We will not accept the blockade,” the statement said.",
			[]string{"Kremlin", ""}},
		{"a person the content names is not the description's",
			"Sergei Lavrov met reporters in Moscow on Monday. Volodymyr Zelensky's peace formula was a sign of the aggressive attitude of Kyiv and its supporters, the politician said.",
			[]string{"Sergei Lavrov"}},
		{"a role nobody fits by role is the one who spoke last",
			"The talks stalled.\n\n- The bridge will hold until spring - said Dr. Adam Nowak, director of the Centre for Eastern Studies.\n\nThe analyst emphasized, however, that the winter would be hard.",
			[]string{"Adam Nowak", "Adam Nowak"}},
		{"a description of the same kind as an apposition's role",
			"Maria Nowak, professor of history at Lviv University, said the archive was lost.\n\nThe historian added that the fire began at night.",
			[]string{"Maria Nowak", "Maria Nowak"}},
		{"an adviser named by an apposition, then as the adviser",
			"Oleh Marchuk, security adviser to the mayor, said the shelters were full. The adviser said more were being dug.",
			[]string{"Oleh Marchuk", "Oleh Marchuk"}},
		{"the minister is not the president who spoke last",
			"President Joe Biden said the aid would come soon. The minister added that the talks had failed.",
			[]string{"Joe Biden", ""}},
		{"a politician is someone new",
			"Adam Nowak said the bridge would hold. A politician wrote that the winter would be hard.",
			[]string{"Adam Nowak", ""}},
		{"the media are no he",
			"Local media reported the resignation on Monday. Mayor Ilona Kravets met the council. He insisted that the budget was balanced.",
			[]string{"Local media", ""}},
		{"he refers back to one unnamed official",
			"The tanks were withdrawn, a senior defence official said. “There is a way to do it,” he said.",
			[]string{"senior defence official", "senior defence official"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := z.extractFull(tt.text)
			var names []string
			for _, s := range got {
				names = append(names, string(s.Speaker.Name))
			}
			if strings.Join(names, "|") != strings.Join(tt.want, "|") {
				t.Errorf("speakers %q, want %q\n%s", names, tt.want, dump(got))
			}
		})
	}
}

// TestSharedParty checks that a speaker's party shown by one statement's
// role ("the Kremlin's top foreign policy adviser") holds for the
// speaker's other statements of the article.
func TestSharedParty(t *testing.T) {
	z := loadAnalyzer(t)
	text := "The call was balanced, the Kremlin's foreign policy adviser Yury Ushakov told reporters. Mr Ushakov said the talks would go on."
	got, _ := z.extractFull(text)
	if len(got) != 2 {
		t.Fatalf("got %d statements, want 2:\n%s", len(got), dump(got))
	}
	for _, s := range got {
		if s.Speaker.Affiliation != "RU" {
			t.Errorf("%s: affiliation %q, want RU\n%s", s.ID, s.Speaker.Affiliation, dump(got))
		}
	}
}

// TestSharedPartyByName checks that a speaker no entity holds takes the
// party of the article's other statements with its name ("the U.S.
// Treasury" … "the Treasury"), and that a state body named by a
// capitalised word alone ("the MFA") speaks for the state of its passage.
func TestSharedPartyByName(t *testing.T) {
	z := loadAnalyzer(t)
	for _, tt := range []struct{ text, want string }{
		{"The U.S. Treasury said it had blacklisted 12 bankers. The ban took effect at once.\n\nThe Treasury said the payment system helped the army.", "US"},
		{"Ukraine's foreign minister met his Polish counterpart in Kyiv. The MFA said the talks were productive.", "UA"},
	} {
		got, _ := z.extractFull(tt.text)
		if len(got) == 0 {
			t.Fatalf("no statements:\n%s", tt.text)
		}
		for _, s := range got {
			if s.Speaker.Affiliation != crosscheck.NullString(tt.want) {
				t.Errorf("%s %q: affiliation %q, want %s\n%s", s.ID, s.Speaker.Text, s.Speaker.Affiliation, tt.want, dump(got))
			}
		}
	}
}

// TestNamesakeParty checks that a person the article names in full does
// not take the party of a listed office holder who only shares the
// surname ("Biden" of Hunter Biden is no Joe Biden, US).
func TestNamesakeParty(t *testing.T) {
	z := loadAnalyzer(t)
	got, _ := z.extractFull("Hunter Biden said he had done nothing wrong. Biden said the charges were political.")
	if len(got) != 2 {
		t.Fatalf("got %d statements, want 2:\n%s", len(got), dump(got))
	}
	for _, s := range got {
		if s.Speaker.Name != "Hunter Biden" || s.Speaker.Affiliation != "" {
			t.Errorf("%s: %q %q, want Hunter Biden with no party\n%s", s.ID, s.Speaker.Name, s.Speaker.Affiliation, dump(got))
		}
	}
}

// TestFormerTitleOfCountry: "Former President of Poland NAME" speaks for
// no state, as the entity stage reads the role; the phrase read whole is
// no organization named "… of Poland" (sentence written for this test).
func TestFormerTitleOfCountry(t *testing.T) {
	z := loadAnalyzer(t)
	got, _ := z.extractFull("Former President of Poland Jan Nowak said the war would be long.")
	if len(got) != 1 {
		t.Fatalf("got %d statements, want 1:\n%s", len(got), dump(got))
	}
	if got[0].Speaker.Name != "Jan Nowak" || got[0].Speaker.Affiliation != "" {
		t.Errorf("speaker %q, affiliation %q; want Jan Nowak, none\n%s", got[0].Speaker.Name, got[0].Speaker.Affiliation, dump(got))
	}
}

// TestNamedTogether: names joined by "and" speak as a group of them, for
// their party when they share one, and such a group is no "he" (sentences
// written for this test).
func TestNamedTogether(t *testing.T) {
	z := loadAnalyzer(t)
	got, _ := z.extractFull("Joe Biden and Olaf Scholz said the tanks would arrive in May. He added that the drills had begun.")
	if len(got) != 2 {
		t.Fatalf("got %d statements, want 2:\n%s", len(got), dump(got))
	}
	if got[0].Speaker.Name != "Joe Biden and Olaf Scholz" || got[0].Speaker.Affiliation != "" {
		t.Errorf("speaker %q, affiliation %q; want Joe Biden and Olaf Scholz, none (US and DE)\n%s", got[0].Speaker.Name, got[0].Speaker.Affiliation, dump(got))
	}
	if got[1].Speaker.Name == got[0].Speaker.Name {
		t.Errorf("he resolved to the group %q\n%s", got[1].Speaker.Name, dump(got))
	}
	got, _ = z.extractFull("Ivan Sirko and Petro Hnatiuk said the vote was rigged. Mitch Brown, the Senate leader, opened the session in January. He stated the trial would not be fair.")
	if len(got) != 2 || got[1].Speaker.Name != "Mitch Brown" {
		t.Errorf("want he to be Mitch Brown, the subject before, not the group that spoke:\n%s", dump(got))
	}
	got, _ = z.extractFull("Joe Biden and Kamala Harris said the tanks would arrive in May.")
	if len(got) != 1 || got[0].Speaker.Affiliation != "US" {
		t.Errorf("want one statement speaking for US:\n%s", dump(got))
	}
}
