package attribution

import (
	"strings"
	"testing"
)

// TestSpeakerPhrases checks who may speak, on sentences written for this
// test: a person followed by where they work ("said Anna Berg at the
// Centre …") is the speaker; a bare nationality after an indefinite
// determiner ("a US said") and an abstract, event or inanimate head ("The
// case shows", "The possible disappointment of Ukrainians suggests") are
// no speakers; a document still is.
func TestSpeakerPhrases(t *testing.T) {
	z := loadAnalyzer(t)
	tests := []struct {
		name string
		text string
		want []string // speaker names, in statement order
	}{
		{"a person at a body", "“The front is frozen,” said Anna Berg at the Centre for Policy Studies.",
			[]string{"Anna Berg"}},
		{"a person of a body", "The drones came from Iran, Tomas Hruby of the Institute for Security Studies said.",
			[]string{"Tomas Hruby"}},
		{"a body alone still speaks", "The drones came from Iran, the Institute for Security Studies said.",
			[]string{"Institute for Security Studies"}},
		{"a US", "The hearing was moved to Minsk, a US said.", nil},
		{"another US", "“It is a trap,” another US said.", nil},
		{"an abstract head", "The case shows that the system is broken.", nil},
		{"an abstract head with a group after of", "The possible disappointment of Ukrainians suggests that the war will go on.", nil},
		{"an event and a resistance show nothing as speakers", "The invasion and the fierce resistance of the defenders showed, however, that nothing was left of the old plan.", nil},
		{"a comparison is no speaker", "A comparison of the two cemeteries shows that the victors honoured their dead differently.", nil},
		{"history is no speaker", "History shows that sanctions rarely work.", nil},
		{"remarks are no speaker", "Their comments show the divide in the party over military aid.", nil},
		{"people a medium interviewed speak", "Soldiers interviewed by the BBC said they were short of ammunition.", []string{"Soldiers"}},
		{"images a medium reviewed show", "Satellite images reviewed by Reuters show dozens of new trenches near the border.", []string{"Satellite images"}},
		{"a source familiar with the matter", "A source familiar with the matter said the talks had stalled.", []string{"source familiar with the matter"}},
		{"people close to a body are not the body", "People close to the ministry said the talks had stalled.", []string{"People close to the ministry"}},
		{"a thing close to a place is no source", "A bomb close to the capital last week underlined how little the fighters had achieved.", nil},
		{"an adviser to someone speaks", "An adviser to the Russian president said the talks would resume.", []string{"adviser to the Russian president"}},
		{"an ambassador to a country speaks", "Russia's ambassador to the US said the talks would resume.", []string{"Russia's ambassador to the US"}},
		{"a medium spoken to is no part of the speaker", "The agency has spoken to two diplomats who said the convoy had left.", []string{"diplomats"}},
		{"a verb's object before 'and' is no part of the speaker", "Only Congress has the power to declare war and Republicans say the president may send troops.", []string{"Republicans"}},
		{"an event head", "The invasion showed that the army was unprepared, the offensive proved that the generals lied.", nil},
		{"the publisher's sign-off is no speaker", "The resolution was adopted unanimously, an Ukrinform correspondent reports.", nil},
		{"the publisher's sign-off ends a content", "Mayor Ivan Petrenko said the bridge was closed, a BelTA correspondent reported.", []string{"Ivan Petrenko"}},
		{"two groups of people joined by 'and' speak as one", "Most military planners and analysts believe that the city lacks any strategic value.",
			[]string{"military planners and analysts"}},
		{"a group named last is one of two", "Ukrainian officials and Western analysts say the offensive has stalled.",
			[]string{"Ukrainian officials and Western analysts"}},
		{"things before 'and' are no group", "The army shelled the towns and officials said ten people died.", []string{"officials"}},
		{"'it' is the country that is the subject of the sentence before", "Germany has been far more sceptical than its allies. It has long argued against sending weapons to war zones.",
			[]string{"Germany"}},
		{"'it' is not a place that names a body", "The US Department of State has a warning in place. It urges all citizens to leave the country.",
			[]string{"Department of State"}},
		{"'it' is not a place whose person is the subject", "Kharkiv's mayor toured the shelters. It said the power would be back soon.",
			[]string{""}},
		{"a tycoon is the billionaire named before", "Russian billionaire Oleg Tinkov has criticised the war. The Russian tycoon wrote that most Russians opposed it.",
			[]string{"Oleg Tinkov", "Oleg Tinkov"}},
		{"the official is the minister named before", "French foreign minister Catherine Colonna visited Kyiv on Friday. The war must end, the official stressed.",
			[]string{"Catherine Colonna"}},
		{"the official is the unnamed official of the sentence before", "Foreign Minister Anna Berg visited the front.\n\nA White House official told reporters the talks had failed. The talks would resume, the official said.",
			[]string{"White House official", "White House official"}},
		{"an unnamed official is no minister the article names", "Foreign Minister Anna Berg visited the front. An official said the talks had failed.",
			[]string{""}},
		{"a description after a name and an age", "Oleksii Marchenko, 32, a Kyiv-based travel entrepreneur told CNN he had joined one of the tours.",
			[]string{"Oleksii Marchenko"}},
		{"an official and other sources are not the official", "Foreign Minister Anna Berg visited the front. The weapon would be a last resort, the US official and other sources said.",
			[]string{"US official and other sources"}},
		{"a description is the person who is the subject of the sentence before", "Jan Nowak toured the border on Monday. The wall will be finished by May, the deputy prime minister said.",
			[]string{"Jan Nowak"}},
		{"a description of another sex is not the subject before", "Marek Nowak toured the border on Monday. The wall will be finished by May, the spokeswoman said.",
			[]string{""}},
		{"a pronoun before anyone is named is the person named right after", "“The wall will hold,” he said on Friday. Mayor Marek Berg visited the front the same day.",
			[]string{"Marek Berg"}},
		{"the head of a ministry is its minister named before", "Foreign Minister Sergei Lavrov spoke in Antalya. The talks were useless, the head of the Russian Ministry of Foreign Affairs added.",
			[]string{"Sergei Lavrov"}},
		{"a document speaks for its author", "The Institute for Security Studies published a study on Monday. The study said that the drones came from Iran.",
			[]string{"Institute for Security Studies"}},
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

// TestRelays checks the outlets that relay a statement given to them and
// the sources named inside a clause, on sentences written for this test.
func TestRelays(t *testing.T) {
	z := loadAnalyzer(t)
	tests := []struct {
		name, text string
		via        []string // of the only statement
		content    string
	}{
		{"interview with, after a quotation", "“We cannot wait,” Kuleba said in an interview with The Economist.",
			[]string{"The Economist"}, "We cannot wait"},
		{"speaking to, opening the sentence", "Speaking to Radio Liberty, Podolyak said the talks had failed.",
			[]string{"Radio Liberty"}, "the talks had failed"},
		{"told an outlet", "Zelensky told Al Jazeera that the front held.",
			[]string{"Al Jazeera"}, "the front held"},
		{"the outlet's own interview is no relay", "Ukraine's prime minister has told the BBC that the aid is late.\n\nSpeaking to the BBC in Kyiv, Shmyhal said the money was needed now.",
			nil, ""},
		{"according to between commas inside a content", "The army said the attack, according to Reuters, was planned for weeks.",
			[]string{"Reuters"}, "the attack, according to Reuters, was planned for weeks"},
		{"according to after an opening clause, inside another's content", "While the threat turned out to be a bluff, according to the analyst Liana Fix, a nuclear strike could become possible, the researcher said.",
			nil, ""},
		{"according to after a conjunction", "The front is frozen and, according to the analyst Liana Fix, the war will go on for years.",
			nil, "the war will go on for years"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := z.extractFull(tt.text)
			if tt.content == "" {
				for _, s := range got {
					if len(s.Via) > 0 {
						t.Errorf("%s via %q, want none\n%s", s.ID, s.Via, dump(got))
					}
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("got %d statements, want 1\n%s", len(got), dump(got))
			}
			if strings.Join(got[0].Via, ",") != strings.Join(tt.via, ",") || got[0].Content.Text != tt.content {
				t.Errorf("via %q content %q, want %q %q", got[0].Via, got[0].Content.Text, tt.via, tt.content)
			}
		})
	}
}

// TestSpeakerParty checks the party of speakers whose phrase alone tells
// it, on sentences written for this test: a legislator's "Sen."/"Rep.", a
// state named as such, a body named by a nationality adjective.
func TestSpeakerParty(t *testing.T) {
	z := loadAnalyzer(t)
	for text, want := range map[string]string{
		"Sen. Mary Holt said the aid bill would pass.":            "US",
		"Rep. John Avery told reporters that the vote was close.": "US",
		// the House's and the Senate's leaders and party caucuses are US usage
		"House Minority Leader Tom Avery said the aid bill would pass.":                             "US",
		"House Republicans from the Freedom Caucus said the border came first.":                     "US",
		"Senate Democrats said the vote would be held on Saturday.":                                 "US",
		"The United States said the strike was unacceptable.":                                       "US",
		"The US said the strike was unacceptable.":                                                  "US",
		"The Belarusian defence ministry said the drills were over.":                                "BY",
		"A Ukrainian military spokesman said the bridge was held.":                                  "UA",
		"“The front is frozen,” said Anna Berg at the Centre for Policy Studies.":                   "",
		"The drones are Iranian, said Pierre Lenoir at the French Institute for Strategic Studies.": "",
		"The drones are Iranian, said Jan Kowal from the Centre for Eastern Studies in Warsaw.":     "",
		// an unnamed state body speaks for the state where the passage is
		"In Kharkiv, a shell hit the covered market on Monday. Two people were wounded, officials said.": "UA",
		"In the north, the authorities said the power had been restored.":                                "",
		"In Lyon, the authorities said the power had been restored.":                                     "FR",
		// … not for the places of what it says, nor for two countries
		"The diplomats will move to Lviv, in western Ukraine, officials said.": "",
		"In Moscow and Kyiv, officials said the talks were over.":              "",
		// a chancellery is a state body, as a ministry is
		"Russia must de-escalate, the two leaders agreed, according to the German chancellery.": "DE",
		// a company speaks for no state, whatever country it is written with
		"Germany's Lufthansa said it was considering a suspension of flights.": "",
		"Ukrainian charter airline SkyJet said its flight was diverted.":       "",
		// a place that names an unnamed official's office gives its state
		"The Kharkiv governor said three people were killed.":                  "UA",
		"A Mariupol police official told reporters that food was running out.": "UA",
		"The former Kharkiv governor said three people were killed.":           "",
		"A Kyiv lawyer said the hearing had been moved.":                       "",
		// officials of two states speak for neither, and an analyst for none
		"US and British officials said the attack was imminent.":                  "",
		"Ukrainian officials and Western analysts say the offensive has stalled.": "",
		"Ukrainian soldiers and officials said the town was retaken.":             "UA",
		// "its officials": the state "its" stands for, not the last speaker's
		"MI6 chief Richard Moore said Russia was running out of steam. Ukraine's counter-attack depends on Western weapons, which its officials say arrive too slowly.": "UA",
		// a relative clause saying what the person was is an apposition
		"Kelly Craft, who was the United States ambassador to the UN from 2019, said the vote was lost.": "US",
		"Jan Nowak, who took part in talks in Moscow, said the vote was lost.":                           "",
		// a representative of an administration is a state's, as an official is
		"The Kremlin said the visit was confirmed. A representative of the administration told reporters that no date was set.": "RU",
	} {
		got, _ := z.extractFull(text)
		if len(got) == 0 || string(got[len(got)-1].Speaker.Affiliation) != want {
			t.Errorf("%q: want the last statement with party %q\n%s", text, want, dump(got))
		}
	}
}

// TestSourceAfterOpeningClause checks "A, according to X, B, Y said": X
// says A, Y says B (sentences written for this test).
func TestSourceAfterOpeningClause(t *testing.T) {
	z := loadAnalyzer(t)
	text := "While the threat turned out to be a bluff, according to the analyst Liana Fix, a nuclear strike could become possible, the researcher said."
	got, _ := z.extractFull(text)
	if len(got) != 2 || got[0].Content.Text != "the threat turned out to be a bluff" || string(got[0].Speaker.Name) != "Liana Fix" ||
		got[1].Content.Text != "a nuclear strike could become possible" {
		t.Errorf("want Fix: the threat …, the researcher: a nuclear strike …\n%s", dump(got))
	}
}
