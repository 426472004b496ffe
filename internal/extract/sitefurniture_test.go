package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/corpora"
)

// siteFurnitureCases are lines written for these tests in the shape of the
// site furniture that scraped news text carries (pointers to other pages,
// related headlines, calls to sign up or donate, captions with their
// credits, editors' initials, author bios), each with the reason the
// lexicon gives it, next to body sentences of the same shape that must
// stay ("" reason). edge says whether the line sits at the start or end of
// the text.
var siteFurnitureCases = []struct {
	family string
	in     string
	edge   bool
	reason string
}{
	// pointers to the rest of a site
	{"pointer", "More stories from the region on the portal's main page", false, "promo"},
	{"pointer", "For the full programme, please visit the festival website", false, "promo"},
	{"pointer", "You can read more about the summit on our website.", false, "promo"},
	{"pointer", "You can also find more maps of the front on the home page.", false, "promo"},
	{"pointer", "The full interview can be watched here.", false, "promo"},
	{"pointer", "See the complete list of sanctioned firms here:", false, "promo"},
	{"pointer", "The minister's full statement is long. Read it here.", false, "promo"},
	{"pointer", "Officials said the convoy would stop here.", false, ""},
	{"pointer", "“You can see the craters from here,” the governor said.", false, ""},
	{"pointer", "Watch the briefing live on our channel", false, "promo"},
	{"pointer", "Residents watched the parade on television.", false, ""},
	{"pointer", "Election night in the capital: live updates", false, "promo"},
	// notes left where a player was dropped
	{"continuation", "The rest of the report is below the video.", false, "promo"},
	{"continuation", "Continuation of the article under the audio player", false, "promo"},
	{"continuation", "The rest of the material was handed to investigators after the raid.", false, ""},
	// teasers of videos and related stories
	{"teaser", "Video Minister: the harvest will be smaller this year", false, "promo"},
	{"teaser", "Video footage showed the bridge collapsing.", false, ""},
	{"teaser", "Video Transcript:", false, ""},
	{"teaser", "Ceasefire talks resume in Geneva – video", false, "promo"},
	{"teaser", "Other Topics of Interest Harbour Reopens After Storm The port authority said ships could dock again on Friday.", false, "promo"},
	{"related", "PRESIDENT SIGNS DEFENSE BILL AFTER WEEKS OF TENSE TALKS IN CONGRESS", false, "related"},
	{"related", "MINISTER ASKS: CAN THE GRID SURVIVE ANOTHER WINTER OF STRIKES?", false, "related"},
	{"related", "WHAT HAPPENS NEXT", false, ""},
	{"related", "THE WEEK IN REVIEW: THE MAIN NEWS FROM ALL OVER THE COUNTRY.", false, ""},
	{"related", "ACME HOLDINGS GROUP CORP INC. 10.5 -0.3 -2.1%", false, ""},
	{"related", "The President Signs The Defense Bill After Weeks Of Talks", false, ""},
	// calls to join, follow, sign up, donate; disclaimers
	{"call", "JOIN US ON SIGNAL for daily updates from the front", false, "share"},
	{"call", "Follow this author to get an alert for new columns", false, "share"},
	{"call", "GET OUR FREE MORNING BRIEFING • The day's news in five minutes, in your inbox.", false, "footer"},
	{"call", "Thanks for reading this newsletter excerpt. Sign up to receive the rest every Friday.", false, "footer"},
	{"call", "skip past newsletter promotion Sign up to Morning Notes Free daily newsletter Enter your email address Sign up after newsletter promotion", false, "footer"},
	{"call", "We need your consent to load this social media content.", false, "footer"},
	{"call", "Help the victims of the flood, join the fundraiser at example.org", false, "footer"},
	{"call", "Investigators said the collection of evidence from the site would take weeks.", false, ""},
	{"call", "The views expressed in this column are the author's own and not those of the paper.", false, "footer"},
	{"call", "He said the views expressed by the envoy were unacceptable.", false, ""},
	// captions and credits
	{"caption", "Firefighters at the scene of the strike (Jan Kowal/Reuters)", false, "credit"},
	{"caption", "A resident walks past the rubble of a school. (From Local TV/Telegram)", false, "credit"},
	{"caption", "Support for the deal rose to 40 percent (Reuters/Ipsos).", false, ""},
	{"caption", "Soldiers unload aid in the city of Kharkiv on Monday. Regional Military Administration", false, "credit"},
	{"caption", "The talks in the capital were chaired by Dr. Helena Novak", false, ""},
	{"caption", "He thanked the crowd and left the stage. Glory to Ukraine", false, ""},
	{"caption", "1. Energy Policy", false, ""},
	{"caption", "Rescuers search the debris on Tuesday. Photograph: Jan Kowal/AP", false, "credit"},
	{"caption", "Tourists walk across the old town square.Credit: City Council", false, "credit"},
	{"caption", "Tanks on a train near the border PAP", false, "credit"},
	{"caption", "The minister speaks to reporters in the capital TVN24", false, "credit"},
	{"caption", "EPA / PAP", false, "credit"},
	{"caption", "Rubble after the strike on the depot Regional Police/Facebook", false, "credit"},
	{"caption", "The ministry announced the decision on Facebook", false, ""},
	{"caption", "Papers were signed on Tuesday in the capital.", false, ""},
	{"caption", "Photos courtesy of the regional governor", false, "credit"},
	{"caption", "Cover photo: Presidential Office", false, "credit"},
	{"caption", "Sources: wire agencies, own reporting", false, "credit"},
	{"caption", "Reuters contributed to this story.", false, "credit"},
	{"caption", "Chart 3: Share of respondents who trust the army", false, "caption"},
	{"caption", "Table 1 lists the towns that were shelled.", false, ""},
	{"caption", "Image 2 of 5 prev next", false, "navigation"},
	// editors' initials and authors
	{"initials", "(AB)", false, "credit"},
	{"initials", "(AB/CD)", false, "credit"},
	{"initials", "Author/author: AB/CD", false, "credit"},
	{"initials", "Authors: Jane Roe and John Doe", false, "credit"},
	{"initials", "Authorities: the border crossing stays closed", false, ""},
	// bios and editors' notes
	{"bio", "Jane Roe is a senior fellow at an imaginary institute and a columnist.", true, "bio"},
	{"bio", "Jane Roe is a senior fellow at an imaginary institute and a columnist.", false, ""},
	{"bio", "Editor's note: This piece was updated with the latest casualty figures.", false, "note"},
}

func TestSiteFurniture(t *testing.T) {
	r, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range siteFurnitureCases {
		reason, rule := r.matchRule(tt.in, countWords(tt.in), tt.edge)
		if reason != tt.reason {
			t.Errorf("%s: match(%.60q, edge=%v) = %q (%s), want %q", tt.family, tt.in, tt.edge, reason, rule, tt.reason)
		}
	}
}

// TestRelatedHeadlinePosition: a headline in capitals between paragraphs is
// a link to another article, but before the body starts it is the article's
// own headline, which becomes the title (or stays, when it does not read
// like one).
func TestRelatedHeadlinePosition(t *testing.T) {
	r, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	lead := "The defense bill passed the chamber late on Thursday after a long debate over the size of the aid package for allies."
	related := "GOVERNOR VISITS FLOODED VILLAGES AS RIVER LEVELS KEEP RISING IN THE NORTH"
	more := "Supporters said the package would be the last one this year, while critics asked for more oversight of the money."
	t.Run("between paragraphs", func(t *testing.T) {
		c := cleanParas([]string{lead, related, more}, "", cleanMode{findTitle: true, dedupe: true}, r)
		if strings.Join(c.paras, "|") != lead+"|"+more || len(c.removed) != 1 || c.removed[0].Reason != reasonRelated {
			t.Errorf("kept %q, removed %+v", c.paras, c.removed)
		}
	})
	t.Run("first line", func(t *testing.T) {
		c := cleanParas([]string{related, lead, more}, "", cleanMode{findTitle: true, dedupe: true}, r)
		if c.title != related || strings.Join(c.paras, "|") != lead+"|"+more {
			t.Errorf("title %q, kept %q", c.title, c.paras)
		}
	})
	t.Run("first line with a deck", func(t *testing.T) {
		head := related + ";" // a headline and its deck, joined by a semicolon
		c := cleanParas([]string{head, lead, more}, "", cleanMode{findTitle: true, dedupe: true}, r)
		if c.title != "" || strings.Join(c.paras, "|") != head+"|"+lead+"|"+more {
			t.Errorf("title %q, kept %q", c.title, c.paras)
		}
	})
}

// TestPlainTextTitle: plain text gets the headline line as title when its
// first line reads like one, its doubled copy goes as duplicate-title, and a
// text that is only a headline keeps it as text too; without a headline
// line there is no title and the lead stays in the text.
func TestPlainTextTitle(t *testing.T) {
	body := "The defense bill passed the chamber late on Thursday after a long debate over the size of the aid package for allies."
	tests := []struct {
		name, in, title, text string
		reasons               string
	}{
		{"headline", "Chamber Passes Defense Bill\n\n" + body, "Chamber Passes Defense Bill", body, "title"},
		{"doubled headline", "Chamber Passes Defense Bill\n\nHomePolitics\n\nChamber Passes Defense Bill\n\n" + body, "Chamber Passes Defense Bill", body, "title,navigation,duplicate-title"},
		{"boilerplate first", "Advertisement\n\nChamber Passes Defense Bill\n\n" + body, "Chamber Passes Defense Bill", body, "promo,title"},
		{"headline only", "Chamber passes defense bill after long debate\n", "Chamber passes defense bill after long debate", "Chamber passes defense bill after long debate", ""},
		{"headline and boilerplate only", "Chamber passes defense bill after long debate\n\nAdvertisement\n", "Chamber passes defense bill after long debate", "Chamber passes defense bill after long debate", "promo"},
		{"lead first", body + "\n\nThe vote was 61 to 38.", "", body + "\n\nThe vote was 61 to 38.", ""},
		{"dateline first", "Kyiv CNN —\n\n" + body, "", body, "dateline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Article(crosscheck.Document{Body: []byte(tt.in)}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var reasons []string
			for _, r := range a.Boilerplate {
				reasons = append(reasons, r.Reason)
			}
			if a.Title != tt.title || a.Text != tt.text || strings.Join(reasons, ",") != tt.reasons {
				t.Errorf("title %q, text %q, removed %v; want %q, %q, %s", a.Title, a.Text, reasons, tt.title, tt.text, tt.reasons)
			}
		})
	}
}

// TestHintsNeverChangeMatches checks that the hints and end filters of the
// line rules only make matching faster: every line (of the test tables and,
// when present, of the war-news corpus) gets the same reason with and
// without them.
func TestHintsNeverChangeMatches(t *testing.T) {
	r, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	bare := *r
	bare.lines = make([]lineRule, len(r.lines))
	for i, lr := range r.lines {
		lr.hints, lr.hintGrams, lr.endsWord = nil, nil, false
		bare.lines[i] = lr
	}
	var lines []string
	for _, tt := range siteFurnitureCases {
		lines = append(lines, tt.in)
	}
	if root, err := corpora.Path("corpora", "ukraine-war", "articles"); err == nil {
		files, _ := filepath.Glob(filepath.Join(root, "*.txt"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, textParas(string(b))...)
		}
	}
	for _, p := range lines {
		nw := countWords(p)
		for _, edge := range []bool{false, true} {
			got, rule := r.matchRule(p, nw, edge)
			want, bareRule := bare.matchRule(p, nw, edge)
			if got != want {
				t.Errorf("%.60q (edge=%v): %q by %s with hints, %q by %s without", p, edge, got, rule, want, bareRule)
			}
		}
	}
	t.Logf("%d lines checked", len(lines))
}
