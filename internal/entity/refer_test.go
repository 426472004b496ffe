package entity

import (
	"testing"

	"github.com/crosscheck/crosscheck/internal/segment"
)

// TestRefer checks what a description refers to, on sentences written for
// this test; the phrase is the last occurrence of desc in text.
func TestRefer(t *testing.T) {
	lx := testLexicon(t)
	tests := []struct {
		name, text, desc, kind, want string
	}{
		{"a role class", "Ukrainian President Volodymyr Zelensky visited Odesa. The Ukrainian leader said the port was safe.", "The Ukrainian leader", RefPerson, "Volodymyr Zelensky"},
		{"the country of the role", "Polish President Andrzej Duda met Lithuanian President Gitanas Nausėda. The Polish president spoke first.", "The Polish president", RefPerson, "Andrzej Duda"},
		{"the role as written", "Deputy Head of the Belarus President Administration Vladimir Pertsov spoke. The deputy head of the Belarus President Administration added more.", "The deputy head of the Belarus President Administration", RefPerson, "Vladimir Pertsov"},
		{"nobody fits", "The ceremony was short. The minister said little.", "The minister", RefPerson, ""},
		{"a member of parliament is a politician", "Party leader Jan Kowal opened the congress. Later, MP Adam Nowak said the report was done. The politician added that it would be published.", "The politician", RefPerson, "Adam Nowak"},
		{"the head of the state, as translations write it", "President Maia Sandu opened the bridge. The head of the state said the border was calm.", "The head of the state", RefPerson, "Maia Sandu"},
		{"the head of a country's diplomacy", "Foreign Minister Gabrielius Landsbergis met his Latvian counterpart. The head of Lithuanian diplomacy said the talks went well.", "The head of Lithuanian diplomacy", RefPerson, "Gabrielius Landsbergis"},
		{"the Taoiseach", "Taoiseach Leo Varadkar visited Bucha. The Taoiseach said the crimes must be punished.", "The Taoiseach", RefPerson, "Leo Varadkar"},
		{"the MP", "Prime Minister Ewa Lis spoke first. Lawmaker questions followed from MP Adam Nowak. The MP said the answers were vague.", "The MP", RefPerson, "Adam Nowak"},
		{"plural is nobody", "Officials met in Kyiv. The ministers said little.", "The ministers", "", ""},
		// a state body's role with the body in it
		{"the Pentagon chief", "US Defence Secretary Tom Avery spoke in Kyiv. The Pentagon chief added that aid was coming.", "The Pentagon chief", RefPerson, "Tom Avery"},
		// a possessor is no head
		{"the president's spokesman is no president", "President Anna Lind opened the fair. The president's spokesman said the fair was safe.", "The president's spokesman", RefPerson, ""},
		{"the agency's spokesman, named before", "The Agency’s Spokesman, Jan Kowal, said the border was calm. Reports followed. The agency’s spokesman added that drones had been seen.", "The agency’s spokesman", RefPerson, "Jan Kowal"},
		{"the nearest medium", "Reuters reported the strike first. The agency added details later. The outlet said more.", "The outlet", RefMedia, "Reuters"},
		{"the group: a body of no state, not a state body named in between", "The World Bank cut its forecast for the region. The Kremlin rejected the figures. The group said that trade would recover.", "The group", RefOrganization, "World Bank"},
		{"a state company, known by its short name", "Aramco reported record profits. The company said it would raise output.", "The company", RefOrganization, "Aramco"},
		{"a company, not an international body", "Energoatom reported a cyberattack. The UN called for calm. The operator said its website was down.", "The operator", RefOrganization, "Energoatom"},
		{"the other words of a body must fit", "Ukraine's Infrastructure Ministry said the ships had left. The foreign ministry stressed the role of the UN.", "The foreign ministry", RefOrganization, ""},
		{"the other words of a body fit", "Ukraine's Ministry of Foreign Affairs said the ships had left. The foreign ministry stressed the role of the UN.", "The foreign ministry", RefOrganization, "Ukraine's Ministry of Foreign Affairs"},
		{"the country of a body must fit", "The UK's Ministry of Defence said the town had fallen. Russia's defence ministry accused London of escalation.", "Russia's defence ministry", RefOrganization, ""},
		{"a document of a body that published it", "The institute published a new study on Monday. The Razumkov Centre published a new study on Friday. The study said most people stay.", "The study", RefDocument, "Razumkov Centre"},
		{"a document's author after it", "A survey was published on Friday. The survey was carried out by the Razumkov Centre.", "A survey", RefDocument, "Razumkov Centre"},
		{"a document's author after when it was released", "Prices rose, according to a report published on Wednesday by the Razumkov Centre. Wages fell, the report said.", "the report", RefDocument, "Razumkov Centre"},
		{"the author spoke in the document", "Foreign Minister Anna Lind said in a statement on Friday that aid would go on. The statement said the convoys were safe.", "The statement", RefDocument, "Anna Lind"},
		{"reported by an author", "This was reported by the Institute for the Study of War in its latest update. Moscow may act, the report notes.", "the report", RefDocument, "Institute for the Study of War"},
		{"a daily update is the report", "The Institute for the Study of War published its latest update on Friday. Moscow may act, the report notes.", "the report", RefDocument, "Institute for the Study of War"},
		{"those who reported something wrote no report", "Many detained by the Ukrainian Army also reported abuse. The report finds others were kept in cells.", "The report", RefDocument, ""},
		{"a name on the line before is no author", "Three threats\n\n1. China\n\nThe report named four countries. “China can compete with the United States,” the report says.", "the report", RefDocument, ""},
		{"a name after the head is no description", "The independent Telegram channel SOTA published the video.", "The independent Telegram channel SOTA", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ents := Find(tt.text, segment.Sentences(tt.text), lx)
			start := lastIndex(tt.text, tt.desc)
			kind, ei := lx.Refer(tt.text, start, start+len(tt.desc), ents, nil)
			got := ""
			if ei >= 0 {
				got = ents[ei].Name
			}
			if kind != tt.kind || got != tt.want {
				t.Errorf("Refer(%q) = %q, %q; want %q, %q (entities %v)", tt.desc, kind, got, tt.kind, tt.want, names(ents))
			}
		})
	}
}

func lastIndex(s, sub string) int {
	i := -1
	for k := 0; k+len(sub) <= len(s); k++ {
		if s[k:k+len(sub)] == sub {
			i = k
		}
	}
	return i
}

func TestBareName(t *testing.T) {
	lx := testLexicon(t)
	for _, tt := range []struct {
		name string
		want bool
	}{
		{"he", true}, {"who", true}, {"You", true}, {"minister", true}, {"the former president", true},
		{"statement", true}, {"information", true}, {"desire", true}, {"newspaper", true},
		{"Russian foreign minister", false}, {"senior defence official", false}, {"defence ministry", false},
		{"Vladimir Putin", false}, {"KIIS", false}, {"US officials", false},
	} {
		if got := lx.BareName(tt.name); got != tt.want {
			t.Errorf("BareName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
