package attribution

import (
	"strings"
	"testing"
)

// TestAnaphoricAttribution checks attributions of the sentence before,
// common in agency copy, on sentences written for this test: "X said this
// while …", "This was reported by X", "This is stated in the resolution
// adopted by X", and a repeated "X said this" that adds nothing.
func TestAnaphoricAttribution(t *testing.T) {
	z := loadAnalyzer(t)
	tests := []struct {
		name, text string
		want       []string // speaker name | content
	}{
		{"said this while", "Europe faces its gravest threat in decades.\n\nOlaf Scholz said this while presenting the new strategy in Berlin.",
			[]string{"Olaf Scholz|Europe faces its gravest threat in decades"}},
		{"this was reported by", "The arrest of the commander may show a shift of power in Moscow.\n\nThis was reported by the Institute for the Study of War.",
			[]string{"Institute for the Study of War|The arrest of the commander may show a shift of power in Moscow"}},
		{"this is stated in a document", "Russia must return the deported children.\n\nThis is stated in the resolution adopted by the Parliamentary Assembly of the Council of Europe on Thursday.",
			[]string{"Parliamentary Assembly of the Council of Europe|Russia must return the deported children"}},
		{"a document's author later in the sentence", "Leaders who waged the war must face a tribunal.\n\nThis is stated in the resolution entitled “Legal aspects of the aggression” adopted by the Parliamentary Assembly of the Council of Europe.",
			[]string{"Parliamentary Assembly of the Council of Europe|Leaders who waged the war must face a tribunal"}},
		{"the publisher's sign-off", "The talks resumed in Geneva.\n\nThe delegates said this in a joint statement, Ukrinform reports.",
			[]string{"delegates|The talks resumed in Geneva"}},
		{"that is according to a survey", "Most Ukrainians reject territorial concessions.\n\nThat is according to a survey conducted by the Razumkov Centre in March.",
			[]string{"Ukrainians|territorial concessions", "Razumkov Centre|Most Ukrainians reject territorial concessions"}},
		{"said this week is a time", "Olaf Scholz said this week that the talks would resume.",
			[]string{"Olaf Scholz|the talks would resume"}},
		{"said this again adds nothing", "The talks will resume in May, Olaf Scholz said. Scholz said this during a visit to Kyiv.",
			[]string{"Olaf Scholz|The talks will resume in May"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := z.extractFull(tt.text)
			var have []string
			for _, s := range got {
				have = append(have, string(s.Speaker.Name)+"|"+s.Content.Text)
			}
			if strings.Join(have, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got %q, want %q", have, tt.want)
			}
		})
	}
}
