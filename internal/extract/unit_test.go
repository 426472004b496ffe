package extract

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/crosscheck/crosscheck"
)

func TestAbsURL(t *testing.T) {
	tests := []struct{ u, base, want string }{
		{"https://Example.com/a?utm_source=x&id=3#top", "", "https://example.com/a?id=3"},
		{"/world/story", "https://news.example.com/feed?x=1", "https://news.example.com/world/story"},
		{"/world/story", "", ""},
		{"javascript:alert(1)", "https://example.com/", ""},
		{"ftp://example.com/file", "", ""},
		{"https://example.com/a?b=2&a=1", "", "https://example.com/a?b=2&a=1"},
		{"  ", "https://example.com", ""},
	}
	for _, tt := range tests {
		if got := absURL(tt.u, tt.base); got != tt.want {
			t.Errorf("absURL(%q, %q) = %q, want %q", tt.u, tt.base, got, tt.want)
		}
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		hasTime bool
		ok      bool
	}{
		{"2025-04-26", "2025-04-26", false, true},
		{"2025-04-26T10:30:00Z", "2025-04-26T10:30:00Z", true, true},
		{"2025-04-26T10:30:00+0200", "2025-04-26T10:30:00+02:00", true, true},
		{"2025-04-26 10:30:00", "2025-04-26T10:30:00Z", true, true},
		{"Sat, 26 Apr 2025 10:30:00 +0000", "2025-04-26T10:30:00Z", true, true},
		{"yesterday", "", false, false},
		{"0001-01-01", "", false, false},
	}
	for _, tt := range tests {
		tm, hasTime, ok := parseTime(tt.in)
		if ok != tt.ok {
			t.Errorf("parseTime(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if ok && (formatTime(tm, hasTime) != tt.want || hasTime != tt.hasTime) {
			t.Errorf("parseTime(%q) = %s (time %v), want %s (time %v)", tt.in, formatTime(tm, hasTime), hasTime, tt.want, tt.hasTime)
		}
	}
}

func TestHeadlineLike(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Russia Claims Full Control Of Kursk Region As Ukrainian Incursion Reportedly Ends", true},
		{"U.S. Troops Leave Base In Syria", true},
		{"Zelensky: We will not give up", true},
		{"The army said the village was taken after a week of fighting.", false},
		{"He said: “No matter what else is happening, we are ready.”", false},
		{"A look at the base .. What are the reinforcements?", false},
		{"See the video real?Copy: Russia wants more", false},
		{"lower case start of a line", false},
		{"Related:", false},
		{"Moscow CNN —", false},
		{"One", false},
	}
	for _, tt := range tests {
		if got := headlineLike(tt.in, countWords(tt.in)); got != tt.want {
			t.Errorf("headlineLike(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCrumb(t *testing.T) {
	r, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in      string
		alone   bool
		section string
		ok      bool
	}{
		{"HomePolitics", false, "Politics", true},
		{"Home » World » Middle East", false, "Middle East", true},
		{"Home / News / Ukraine", false, "Ukraine", true},
		{"Politics", true, "Politics", true},
		{"Politics", false, "", false},
		{"Home sweet home", false, "", false},
		{"USA Today reported", false, "", false},
		{"World leaders met in Paris", false, "", false},
	}
	for _, tt := range tests {
		sec, ok := r.crumb(tt.in, tt.alone)
		if ok != tt.ok || sec != tt.section {
			t.Errorf("crumb(%q, %v) = %q, %v; want %q, %v", tt.in, tt.alone, sec, ok, tt.section, tt.ok)
		}
	}
}

func TestRulesMatch(t *testing.T) {
	r, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in     string
		edge   bool
		reason string
	}{
		{"READ: Jonathan Turley Says One Case Shows How Far Judges Will Go", false, "promo"},
		{"[Related: Salesforce keynote]", false, "promo"},
		{"Readers say the READ: prefix is not at the start here", false, ""},
		{"Ukrainian President Volodymyr Zelenskyy (File)", false, "caption"},
		{"Photo: Jane Roe/AFP", false, "credit"},
		{"According to a Reuters/Ipsos poll, the two candidates are in a dead heat nationally.", false, ""},
		{"By Jane Doe", true, "byline"},
		{"By Jane Doe", false, ""}, // bylines only at the edges of the text
		{"By noon the shelling had stopped.", true, ""},
		{"Please make a small donation to the Tampa Free Press to help sustain independent journalism.", false, "footer"},
		{"© 2019 Associated Press. All Rights Reserved.", false, "footer"},
		{"It's a gun advocate clichÃ© that an armed society is a polite society.", false, ""},
		{"(Reporting by Will Dunham; Editing by Tom Brown)", false, "credit"},
		{"Comments", false, "footer"},
		{"Commentators said the vote was close.", false, ""},
		{"Follow-up talks are planned for next week in Geneva, officials said.", false, ""},
		{strings.Repeat("x", 3000), false, ""},
	}
	for _, tt := range tests {
		if got := r.match(tt.in, countWords(tt.in), tt.edge); got != tt.reason {
			t.Errorf("match(%.50q, edge=%v) = %q, want %q", tt.in, tt.edge, got, tt.reason)
		}
	}
}

func TestTextParas(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"a\nb\n\nc", []string{"a", "b", "c"}},
		{"  a  \r\n\r\n\r\n\tb\u00a0 c\u200b  ", []string{"a", "b c"}},
		{strings.Repeat("this line is wrapped at a fixed width of about sixty chars\n", 3) + "end.", []string{strings.Repeat("this line is wrapped at a fixed width of about sixty chars ", 3) + "end."}},
		{"", nil},
	}
	for _, tt := range tests {
		got := textParas(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("textParas(%.30q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLanguage(t *testing.T) {
	r, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ text, want string }{
		{"The army said on Monday that the village had been taken after a week of fighting, and that the troops were moving on to the next town in the region.", "en"},
		{"Die Armee teilte am Montag mit, dass das Dorf nach einer Woche der Kämpfe eingenommen worden sei und die Truppen in die nächste Stadt der Region weiterzögen.", "de"},
		{"Армія заявила в понеділок, що село було взято після тижня боїв, і війська рухаються до наступного міста в регіоні.", "uk"},
	}
	for _, tt := range tests {
		if got := r.guessLanguage(tt.text); got != tt.want {
			t.Errorf("guessLanguage(%.30q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestLoadRulesErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"unknown kind", "word\tx\tpromo\n", "unknown kind"},
		{"missing reason", "prefix\tREAD:\n", "want kind, pattern, reason"},
		{"bad regexp", "line\t(unclosed\tcaption\n", "bad pattern"},
		{"bad max words", "phrase\tsign up\tfooter\tmany\n", "bad max words"},
		{"empty crumb", "crumb\n", "crumb without a word"},
		{"bad end", "line\tx\tcaption\t5\tx\tdigit\n", "bad end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"r.tsv": {Data: []byte("# header\n" + tt.data)}}
			_, err := LoadRules(fsys, "r.tsv")
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "r.tsv:2") {
				t.Errorf("err = %v, want one naming r.tsv:2 and %q", err, tt.want)
			}
		})
	}
	// A custom lexicon replaces the default one through Options.Rules.
	r, err := LoadRules(fstest.MapFS{"r.tsv": {Data: []byte("prefix\tBREAKING\tpromo\t10\n")}}, "r.tsv")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Article(crosscheck.Document{Body: []byte("BREAKING: more soon\n\nREAD: this stays with a custom lexicon.\n\nThe body of the story, which is long enough to count.")}, Options{Rules: r})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Boilerplate) != 1 || a.Boilerplate[0].Reason != "promo" || !strings.Contains(a.Text, "READ: this stays") {
		t.Errorf("custom rules: removed %+v, text %q", a.Boilerplate, a.Text)
	}
}

func TestDoubledLines(t *testing.T) {
	r, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	paras := []string{
		"Kyiv Says Talks Will Resume",
		"Soldiers at the front near Bakhmut",
		"Soldiers at the front near Bakhmut",
		"The talks will resume next week, officials said, after a pause of three months.",
		"He declined to comment.",
		"He declined to comment.",
		"A spokesman for the ministry confirmed the date of the meeting in Istanbul on Monday.",
	}
	c := cleanParas(paras, "", cleanMode{findTitle: true, dedupe: true}, r)
	want := []string{paras[3], paras[4], paras[6]}
	if strings.Join(c.paras, "|") != strings.Join(want, "|") {
		t.Errorf("kept %q, want %q", c.paras, want)
	}
	reasons := []string{}
	for _, rm := range c.removed {
		reasons = append(reasons, rm.Reason)
	}
	if strings.Join(reasons, ",") != "title,caption,caption,duplicate" {
		t.Errorf("reasons %v", reasons)
	}
}

// TestGramMask checks the byte-pair filter never rules out a real match.
func TestGramMask(t *testing.T) {
	hay := asciiLower("Please make a small donation to the Tampa Free Press to help sustain independent journalism.")
	g := gramsOf(hay)
	for _, sub := range []string{"make a small donation", "press", "journalism.", "a", ""} {
		n := gramsOf(sub)
		if !g.covers(&n) {
			t.Errorf("mask of %q does not cover %q, a substring", hay, sub)
		}
	}
	n := gramsOf("newsletter")
	if g.covers(&n) {
		t.Errorf("mask covers %q, which shares few byte pairs with the text", "newsletter")
	}
}
