package attribution

import "testing"

// TestContentBoundaries checks where content ends and on which side of a
// cue it lies (the guidelines' "Content"), on sentences written for this
// test: trailing circumstance, the reporter's next clause, publisher
// sign-offs, datelines, asides before "that", interrupted quotations.
func TestContentBoundaries(t *testing.T) {
	lx := loadLexicon(t)
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"a relative clause after a quotation, before the cue, is the reporter's", "“The two countries will support a peace conference” which Norway plans to host in June - added the chancellor.",
			[]want{{"the chancellor", "add", "direct", "The two countries will support a peace conference", nil}}},
		{"after the cue a relative clause after a quoted phrase is the sentence's", "The mayor said “the bridge” which the army built was safe.",
			[]want{{"The mayor", "say", "mixed", "“the bridge” which the army built was safe", nil}}},
		{"the reporter's note that a content is one of several", "Officials said the alliance must stop its enlargement, among other demands, which Washington has rejected.",
			[]want{{"Officials", "say", "indirect", "the alliance must stop its enlargement", nil}, {"Washington", "reject", "indirect", "the alliance must stop its enlargement", nil}}},
		{"the note inside the content is the speaker's", "The general said the army needs, among other things, more shells and drones.",
			[]want{{"The general", "say", "indirect", "the army needs, among other things, more shells and drones", nil}}},
		{"a concession opening the content with its main clause", "The agency says although the situation remained tense, it remained under control.",
			[]want{{"The agency", "say", "indirect", "although the situation remained tense, it remained under control", nil}}},
		{"a concession after the cue with no main clause is the reporter's", "The minister spoke at length although he gave no figures.", nil},
		{"a statement inside an although-clause ends at the main clause", "Analysts noted that although Kyiv said it was ready to talk, it did not trust the guarantees.",
			[]want{{"Analysts", "note", "indirect", "although Kyiv said it was ready to talk, it did not trust the guarantees", nil}}},
		{"a statement opening a while-clause", "While the minister said the talks were useful, the army kept shelling the town.",
			[]want{{"the minister", "say", "indirect", "the talks were useful", nil}}},
		{"an opening time phrase is no content", "Over the past decade, the chess champion has argued, among others, that the sanctions were too weak.",
			[]want{{"the chess champion", "argue", "indirect", "the sanctions were too weak", nil}}},
		{"recipient and then a time phrase", "“We have to stay together,” the president told the chancellor just before the summit.",
			[]want{{"the president", "tell", "direct", "We have to stay together", nil}}},
		{"a long quotation with the cue inside and a continuation", "“We are ready. We have always been ready,” the envoy said. “The West must stop. Only then will there be peace.”",
			[]want{{"the envoy", "say", "direct", "We are ready. We have always been ready", nil}, {"the envoy", "say", "direct", "The West must stop. Only then will there be peace", nil}}},
		{"a participle does not take an unattributed view's speaker", "So the leaders are expected to use the summit to clear the air, promising more weapons to the army.",
			[]want{{"", "expect", "indirect", "the leaders are expected to use the summit to clear the air", nil}}},
		{"a predicate after 'but' with a modal shares the content's subject", "The minister said Kyiv would not strike first, but would answer any attack.",
			[]want{{"The minister", "say", "indirect", "Kyiv would not strike first, but would answer any attack", nil}}},
		{"the reporter's 'but did not' is no content", "The minister said Kyiv would not strike first, but did not say more.",
			[]want{{"The minister", "say", "indirect", "Kyiv would not strike first", nil}}},
		{"'without providing evidence' is the reporter's", "The commander said two hundred soldiers had been killed, without giving any evidence.",
			[]want{{"The commander", "say", "indirect", "two hundred soldiers had been killed", nil}}},
		{"those spoken to are no content", "The ombudsman spoke at the forum, reminding those present that such deportations are a crime.",
			[]want{{"The ombudsman", "remind", "indirect", "such deportations are a crime", nil}}},
		{"the reporter's label is no content", "Some background: In May the mayor's son was detained, according to the local news site.",
			[]want{{"the local news site", "according to", "indirect", "In May the mayor's son was detained", nil}}},
		{"a view in the main clause after the content's own while-clause is part of it", "The minister told reporters that while the build-up poses a threat, he believes it is too small for an offensive.",
			[]want{{"The minister", "tell", "indirect", "while the build-up poses a threat, he believes it is too small for an offensive", nil}}},
		{"a sentence adverb between speaker and cue", "The minister however told reporters that the build-up was too small for an offensive.",
			[]want{{"The minister", "tell", "indirect", "the build-up was too small for an offensive", nil}}},
		{"a held noun with a modifier goes with its light cue", "The envoy repeated Western concerns that Minsk was sending shells to Moscow.",
			[]want{{"The envoy", "repeat", "indirect", "Minsk was sending shells to Moscow", nil}}},
		{"a quotation introduced by a colon inside a content runs on", `The mayor explained that the reason was simple: "The bridge is closed. Nobody can cross."`,
			[]want{{"The mayor", "explain", "mixed", `the reason was simple: "The bridge is closed. Nobody can cross."`, nil}}},
		{"a link's label is no content", `On Tuesday, Prime Minister Anna Berg tweeted, external: "Stop issuing visas. Travel is a privilege."`,
			[]want{{"Prime Minister Anna Berg", "tweet", "direct", "Stop issuing visas. Travel is a privilege", nil}}},
		{"circumstance after the cue", "The border is quiet, the general said as he inspected the trenches.",
			[]want{{"the general", "say", "indirect", "The border is quiet", nil}}},
		{"circumstance inside right content", "The minister said the grain deal was dead as he left the summit.",
			[]want{{"The minister", "say", "indirect", "the grain deal was dead", nil}}},
		{"a participle aside after the subject", "The report, published on Monday, found that the strikes were indiscriminate.",
			[]want{{"The report", "find", "indirect", "the strikes were indiscriminate", nil}}},
		{"a passive 'asked' aside is no cue", "Zelensky, asked about the offensive, said it was going well.",
			[]want{{"Zelensky", "say", "indirect", "it was going well", nil}}},
		{"the second term of 'between … and' is no subject", "Recent clashes between the police and protesters in the capital, brought on by a new law, have highlighted a deep divide.", nil},
		{"the speaker's next act after 'but' ends an object content", "Ukraine acknowledged heavy losses but gave no figure.",
			[]want{{"Ukraine", "acknowledge", "indirect", "heavy losses", nil}}},
		{"an existential clause after an object content", "The nationalists rejected the plan and there followed a long crisis.",
			[]want{{"The nationalists", "reject", "indirect", "the plan", nil}}},
		{"a post named as the medium of speech", "The ministry said in a Telegram post that the attack had been repelled.",
			[]want{{"The ministry", "say", "indirect", "the attack had been repelled", nil}}},
		{"a figure after an opening source", "According to local officials, at least 14 people died in the attack.",
			[]want{{"local officials", "according to", "indirect", "at least 14 people died in the attack", nil}}},
		{"a source between a subject and its verb", "The goal, according to the defence official, speaking on condition of anonymity, is to help the army regain the initiative.",
			[]want{{"the defence official", "according to", "indirect", "The goal, according to the defence official, speaking on condition of anonymity, is to help the army regain the initiative", nil}}},
		{"a source after a whole clause", "Prices rose sharply, according to the ministry, and wages fell.",
			[]want{{"the ministry", "according to", "indirect", "Prices rose sharply", nil}}},
		{"the reporter's clause after 'but' ends an object content", "Georgia has expressed an interest in joining since 2008 but it would require the approval of all members.",
			[]want{{"Georgia", "express", "indirect", "an interest in joining since 2008", nil}}},
		{"a clause content keeps its 'but'", "The minister said the strikes would continue but the talks would go on.",
			[]want{{"The minister", "say", "indirect", "the strikes would continue but the talks would go on", nil}}},
		{"a condition with 'so long as' stays in the content", "The prosecutor said the general would be hard to try so long as he remained in office.",
			[]want{{"The prosecutor", "say", "indirect", "the general would be hard to try so long as he remained in office", nil}}},
		{"a time with 'as soon as' stays in the content", "The envoy said the crossing would reopen as soon as they repaired the bridge.",
			[]want{{"The envoy", "say", "indirect", "the crossing would reopen as soon as they repaired the bridge", nil}}},
		{"an adjunct of what came with a post is no content", "“The bridge is a sign of our friendship,” she tweeted on Tuesday alongside pictures of the ceremony.",
			[]want{{"she", "tweet", "direct", "The bridge is a sign of our friendship", nil}}},
		{"said after talks", "Prices will fall, the envoy said after talks in Ankara.",
			[]want{{"the envoy", "say", "indirect", "Prices will fall", nil}}},
		{"participle after a speech cue is no content", "“The siege will end,” the commander said speaking from Kharkiv.",
			[]want{{"the commander", "say", "direct", "The siege will end", nil}}},
		{"the reporter's next event after 'and'", "The governor warned of sabotage and ordered an evacuation.",
			[]want{{"The governor", "warn", "indirect", "sabotage", nil}}},
		{"the speaker's act after an object", "The ministry rejected the ultimatum while offering talks on the border.",
			[]want{{"The ministry", "reject", "indirect", "the ultimatum", nil}}},
		{"the speaker's act after an object, after a comma", "The envoy announced new credits for the farmers, after visiting the port.",
			[]want{{"The envoy", "announce", "indirect", "new credits for the farmers", nil}}},
		{"the speaker's act after a dash", "The general said he hoped the truce would hold – while moving his tanks to the river.",
			[]want{{"The general", "say", "indirect", "he hoped the truce would hold", nil}}},
		{"an act of the content's subject stays", "The mayor said the rebels shelled the school while pretending to negotiate.",
			[]want{{"The mayor", "say", "indirect", "the rebels shelled the school while pretending to negotiate", nil}}},
		{"an act in a clause of a base form stays", "The senators demanded he seek approval before sending any troops.",
			[]want{{"The senators", "demand", "indirect", "he seek approval before sending any troops", nil}}},
		{"a coordinated clause stays", "The governor said the dam had been mined and the town was flooded.",
			[]want{{"The governor", "say", "indirect", "the dam had been mined and the town was flooded", nil}}},
		{"'he said and said that': the second cue keeps its content", "- The bridge is gone - he said and said that ferries would run.",
			[]want{{"he", "say", "direct", "The bridge is gone", nil}, {"he", "say", "indirect", "ferries would run", nil}}},
		{"publisher sign-off", "The drills are purely defensive, the defence minister told reporters, BelTA has learned.",
			[]want{{"the defence minister", "tell", "indirect", "The drills are purely defensive", nil}}},
		{"dateline", "KHARKIV, 3 May (Ukrinform) - The metro will reopen on Monday, the mayor said.",
			[]want{{"the mayor", "say", "indirect", "The metro will reopen on Monday", nil}}},
		{"a dateline before the speaker is not content", "ODESA, Ukraine (AP) — Top navy officials urged ministers from leading maritime nations on Friday to take quick, concrete steps to provide more escorts and minesweepers to Ukraine, warning that mines could drift into the lanes.",
			[]want{{"Top navy officials", "warn", "indirect", "mines could drift into the lanes", nil}}},
		{"a headline's verb ends the participle's subject", "Latvia closes two border crossings for a week, citing a surge of migrants from Belarus.",
			[]want{{"Latvia", "cite", "indirect", "a surge of migrants from Belarus", nil}}},
		{"a headline's verb before an article", "Moldova expels a Russian diplomat, accusing him of spying for Moscow.",
			[]want{{"Moldova", "accuse", "indirect", "him of spying for Moscow", nil}}},
		{"a sentence adverb between commas", "Latvia and Estonia, meanwhile, announced Thursday they were closing their airspace.",
			[]want{{"Latvia and Estonia", "announce", "indirect", "they were closing their airspace", nil}}},
		{"a gerund reported", "The army has reported destroying three bridges near the river.",
			[]want{{"The army", "report", "indirect", "destroying three bridges near the river", nil}}},
		{"a gerund claimed", "The ministry claimed shooting down twelve drones overnight.",
			[]want{{"The ministry", "claim", "indirect", "shooting down twelve drones overnight", nil}}},
		{"a reporter's gerund after report", "The agency reported quoting the mayor that the bridge was gone.", nil},
		{"a possessive speaker after the content", "Poland expects the first convoys to cross the border this week, its interior minister says, despite the heavy snow.",
			[]want{{"its interior minister", "say", "indirect", "Poland expects the first convoys to cross the border this week", nil}}},
		{"that's according to the source of what was said", "The governor has said that the dam will be repaired by May. That's according to his Telegram channel.",
			[]want{{"The governor", "say", "indirect", "the dam will be repaired by May", nil}}},
		{"that's according to the source of the sentence before", "Most residents want the curfew lifted. That's according to a survey by the city council.",
			[]want{{"a survey by the city council", "according to", "indirect", "Most residents want the curfew lifted", nil}}},
		{"aside before that", "The president said, turning to the cameras, that the war would end this year.",
			[]want{{"The president", "say", "indirect", "the war would end this year", nil}}},
		{"after-clause of another speaker", "Latvia said it would close two crossings, after Moscow announced new drills near the border.",
			[]want{{"Latvia", "say", "indirect", "it would close two crossings", nil}, {"Moscow", "announce", "indirect", "new drills near the border", nil}}},
		{"one quotation the attribution interrupts", "“We will hold the city,” the mayor said, “whatever it costs.”",
			[]want{{"the mayor", "say", "direct", "We will hold the city,” the mayor said, “whatever it costs.”", nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkStatements(t, tt.text, extract(t, lx, tt.text), tt.want)
		})
	}
}

// TestNotStatements checks what the guidelines do not count as a
// statement, on sentences written for this test: a cue inside another
// statement's content, wishes, plans and decisions, views that need a
// clause, a reporter's sign-off, and a cue whose subject names nobody.
func TestNotStatements(t *testing.T) {
	lx := loadLexicon(t)
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"nested cue", "The ministry said Warsaw wants a buffer zone along the border.",
			[]want{{"The ministry", "say", "indirect", "Warsaw wants a buffer zone along the border", nil}}},
		{"nested denial", "The envoy said Minsk refuses to deny that troops crossed.",
			[]want{{"The envoy", "say", "indirect", "Minsk refuses to deny that troops crossed", nil}}},
		{"a wish", "The villagers want the checkpoint removed.", nil},
		{"an opinion voiced with nothing said of it", "The former minister expressed his opinion in an interview with a news agency.", nil},
		{"an opinion voiced with its clause", "The former minister expressed his opinion that the war would go on.",
			[]want{{"The former minister", "express", "indirect", "the war would go on", nil}}},
		{"what others are asked to say is no statement of theirs", "The media community is calling on foreign journalists to clearly note that Crimea was annexed in 2014.",
			[]want{{"The media community", "call on", "indirect", "foreign journalists to clearly note that Crimea was annexed in 2014", nil}}},
		{"the reporter's reading of what someone did", "The governor seemed to resist the pressure from the capital.", nil},
		{"the reporter's reading of a belief", "The Kremlin appears to have believed the reports about the vote.", nil},
		{"a statement after the reporter's reading", "The governor seemed to resist the pressure, warning that he would act only if attacked.",
			[]want{{"The governor", "warn", "indirect", "he would act only if attacked", nil}}},
		{"making the case that a clause", "The envoy sought to make the case that the grain corridor was safe.",
			[]want{{"The envoy", "make the case", "indirect", "the grain corridor was safe", nil}}},
		{"making the case for something", "The envoy sought to make the case for a longer truce.", nil},
		{"he continued after a quotation", "“The answer is not mercenaries,” he continued.",
			[]want{{"he", "continue", "direct", "The answer is not mercenaries", nil}}},
		{"the fighting continued", "The war continued for another year.", nil},
		{"continuing to do is no continuing", "Insurers are cutting back cover for flights, as Russia continues to amass troops at the border.", nil},
		{"a heading that continues", "Siege of Mariupol continues: despite weeks of attacks, the defenders hold the plant.", nil},
		{"continued, a colon and a quotation", "The senator continued: “They are demanding this.”",
			[]want{{"The senator", "continue", "direct", "They are demanding this", nil}}},
		{"she recounted after a quotation", "“We were lucky to get out,” she recounted.",
			[]want{{"she", "recount", "direct", "We were lucky to get out", nil}}},
		{"observing a ceasefire", "Both armies observed the ceasefire.", nil},
		{"what a news agency learned from a source", "The harvest will be good, BelTA learned from the press service of the agriculture ministry.",
			[]want{{"the press service of the agriculture ministry", "learn", "indirect", "The harvest will be good", nil}}},
		{"what someone learned from mistakes", "The army learned from its mistakes in the north.", nil},
		{"calling off is no calling", "The ministry called off the talks on Monday.", nil},
		{"calling up is no calling", "The president called up 300,000 reservists.", nil},
		{"adding to is no adding", "The envoy spoke in Accra on Monday, adding to the pressure on Moscow.", nil},
		{"numbers that do not add up", "The analyst said the figures do not add up.",
			[]want{{"The analyst", "say", "indirect", "the figures do not add up", nil}}},
		{"a statement the agency learned of", "The minister said the harvest would be good, BelTA learned from his press service.",
			[]want{{"The minister", "say", "indirect", "the harvest would be good", nil}}},
		{"an aside between dashes before the cue", "The commander – who sports a long mustache – said that the line held.",
			[]want{{"The commander", "say", "indirect", "the line held", nil}}},
		{"a characterisation in a relative clause between commas", "The talks, which the Kremlin described as useful and frank, lasted four hours.",
			[]want{{"the Kremlin", "describe", "indirect", "useful and frank", nil}}},
		{"a dismissal in a relative clause between commas", "The report, which the ministry dismissed as propaganda, was published on Monday.",
			[]want{{"the ministry", "dismiss", "indirect", "propaganda", nil}}},
		{"what is answered", "The governors responded to the farmers' protests with new curfews.", nil},
		{"what is replied to", "The mayor replied to the petition within a week.", nil},
		{"what is answered, then a colon", "The foreign minister responded to the new rules on Twitter: “We reject this blockade.”",
			[]want{{"The foreign minister", "respond", "direct", "We reject this blockade", nil}}},
		{"what is answered after an opening adjunct", "During the campaign, the senator responded to a question about the port with a joke.", nil},
		{"a topic, not a proposition", "Kyiv's fears regarding the dam were confirmed.", nil},
		{"what a response says", "The minister responded to the criticism by saying that the aid had arrived.",
			[]want{{"The minister", "say", "indirect", "the aid had arrived", nil}}},
		{"a reply to someone", "The spokesman replied to reporters that the talks would resume.",
			[]want{{"The spokesman", "reply", "indirect", "the talks would resume", nil}}},
		{"a decision", "The council decided to close the schools.", nil},
		{"an agreement", "Both sides agreed to a ceasefire on Sunday.", nil},
		{"a hope", "The farmers hoped that the rain would come.", nil},
		{"consider without a clause", "The parliament is due to consider new rules next week.", nil},
		{"consider with a clause", "The general considers that the offensive has stalled.",
			[]want{{"The general", "consider", "indirect", "the offensive has stalled", nil}}},
		{"offered help", "Poland offered shelter to the refugees.", nil},
		{"a quality shown", "The defenders showed incredible courage during the siege.", nil},
		{"signs shown", "The coalition has shown signs of fatigue since the spring.", nil},
		{"a danger to something of someone's", "The drought has cut the harvest by half, threatening its role as a grain exporter.", nil},
		{"a danger to a country's thing", "The blockade is threatening Moldova's energy security.", nil},
		{"an opening adjunct is no content of a clause cue", "Earlier on Thursday, the cabinet vowed more money for the schools.", nil},
		{"an opening clause is no content of a clause cue", "If you want proof of the change, the new timetable offers a good example.", nil},
		{"what was not said", "His office did not say which leaders he would call.", nil},
		{"whether it was not said", "The ministry didn't say whether the convoy had left.", nil},
		{"what was not said ends the content before it", "The ministry said exports would go on but didn’t say which rules would apply.",
			[]want{{"The ministry", "say", "indirect", "exports would go on", nil}}},
		{"a contracted negation is no part of the speaker", "The ministry didn't confirm the convoy had left.",
			[]want{{"The ministry", "confirm", "indirect", "the convoy had left", nil}}},
		{"offering help", "The president made a separate bid, offering to mediate between the two sides.", nil},
		{"a reporter's sign-off", "The shelling lasted all night, Anna Kovalenko writes from Kharkiv.", nil},
		{"a refusal", "The governor refused to condemn the annexation of the island.", nil},
		{"declined to comment", "The navy declined to comment on the explosions at the depot.", nil},
		{"a refusal ends the content before it", "The talks went well, the envoy said, but Minsk refused to sign the protocol.",
			[]want{{"the envoy", "say", "indirect", "The talks went well", nil}}},
		{"a refusal gives its subject to a participle", "The senator refused to back the loan, calling it a gift to the oligarchs.",
			[]want{{"The senator", "call", "indirect", "it a gift to the oligarchs", nil}}},
		{"a refusal, then a statement of the same subject", "The spokesman declined to elaborate but told reporters that the convoy had turned back.",
			[]want{{"The spokesman", "tell", "indirect", "the convoy had turned back", nil}}},
		{"no quotation continues a refusal", "The mayor refused to comment. “The bridge is closed.”", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkStatements(t, tt.text, extract(t, lx, tt.text), tt.want)
		})
	}
	// with the entity stage, as the analyzer runs
	z := loadAnalyzer(t)
	full := []struct {
		name string
		text string
		want []want
	}{
		{"a second verb of the subject after a relative clause", "Kowal claimed she was the only candidate on the stage who based her platform on the constitution and called for lower taxes.",
			[]want{{"Kowal", "claim", "indirect", "she was the only candidate on the stage who based her platform on the constitution", nil}, {"Kowal", "call for", "indirect", "lower taxes", nil}}},
		{"what a survey shows is its finding", "The survey shows strong support for the talks among farmers.",
			[]want{{"The survey", "show", "indirect", "strong support for the talks among farmers", nil}}},
		{"an adjective is no speaker", "The agency was keen to stress the deal was legal.", nil},
		{"a word that names nobody", "The world must know the truth about the camps.", nil},
		{"a medium relays a nested statement", "Reuters reported that the minister said the deal was off.",
			[]want{{"the minister", "say", "indirect", "the deal was off", []string{"Reuters"}}}},
		{"a spokesperson voices the body",
			"The Pentagon confirmed that the drones were shot down, spokesman John Kirby said on Tuesday.",
			[]want{{"The Pentagon", "confirm", "indirect", "the drones were shot down", nil}}},
		{"a pronoun body is no relay", "They will discuss “the next round of talks”, UN spokesman Stephane Dujarric says.",
			[]want{{"UN spokesman Stephane Dujarric", "say", "mixed", "They will discuss “the next round of talks”", nil}}},
		{"according to a medium relays", "“The port is open,” the captain told the crew, according to Interfax.",
			[]want{{"the captain", "tell", "direct", "The port is open", []string{"Interfax"}}}},
	}
	for _, tt := range full {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := z.extractFull(tt.text)
			checkStatements(t, tt.text, got, tt.want)
		})
	}
}
