package timex

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck/internal/corpora"
)

// seedPublished is the publication date of the seed article, a Saturday.
const seedPublished = "2025-04-26"

func TestResolve(t *testing.T) {
	tests := []struct {
		name, s, published, want string
	}{
		// Seed sentences (shared/fixtures/seed/article.txt).
		{"today", "The Russian military announced today that all Ukrainian troops have been forced out of Russia’s Kursk region.", seedPublished, "2025-04-26"},
		{"friday night", "Meanwhile, President Zelenskyy issued a statement on Friday night emphasizing the need for an unconditional ceasefire.", seedPublished, "2025-04-25"},
		{"fall of last year", "Previous reports from Ukraine, the U.S., and South Korea in the fall of last year suggested that North Korea had deployed between 10,000 and 12,000 troops to Russia.", seedPublished, "2024-autumn"},
		{"august of the previous year", "Ukraine launched a surprising offensive into the border Kursk region in August of the previous year, reportedly taking control of approximately 500 square miles of territory.", seedPublished, "2024-08"},
		{"throughout early 2025", "However, throughout early 2025, Ukrainian forces gradually lost control of these gains.", seedPublished, "2025"},
		{"on friday", "U.S. Middle East envoy Steve Witkoff met with President Putin on Friday, with President Trump stating that both sides were “very close to a deal”.", seedPublished, "2025-04-25"},
		{"quoted today", "“Today, the last settlement in the Kursk region has been liberated,” Gerasimov stated.", seedPublished, "2025-04-26"},

		// Relative days and weeks.
		{"yesterday", "The ministry said yesterday that talks would resume.", seedPublished, "2025-04-25"},
		{"tonight", "He will speak tonight.", seedPublished, "2025-04-26"},
		{"this morning", "Officials confirmed this morning that the bridge was hit.", seedPublished, "2025-04-26"},
		{"last night", "Drones struck the port last night, the governor said.", seedPublished, "2025-04-25"},
		{"yesterday morning", "The minister said yesterday morning that he would resign.", seedPublished, "2025-04-25"},
		{"late on friday", "The statement was released late on Friday.", seedPublished, "2025-04-25"},
		{"same weekday is the publication day", "Officials said on Saturday that the strike killed three.", seedPublished, "2025-04-26"},
		{"last saturday is a week back", "Officials said last Saturday that the strike killed three.", seedPublished, "2025-04-19"},
		{"on tuesday", "On Tuesday, the Kremlin denied the report.", seedPublished, "2025-04-22"},
		{"sunday before saturday", "The vote on Sunday was delayed.", seedPublished, "2025-04-20"},
		{"next monday", "Talks resume next Monday.", seedPublished, "2025-04-28"},

		// Bare weekdays by tense (written for these tests). 2022-01-25 is
		// a Tuesday: the coming Friday is the 28th, the last one the 21st.
		{"plans to on friday", "Macron told reporters in Berlin that he plans to hold phone talks with Putin on Friday.", "2022-01-25", "2022-01-28"},
		{"will on friday", "The foreign ministers will meet in Geneva on Friday.", "2022-01-25", "2022-01-28"},
		{"is due to on friday", "The delegation is due to arrive in Minsk on Friday night.", "2022-01-25", "2022-01-28"},
		{"contracted will", "Officials say they'll resume the talks on Friday.", "2022-01-25", "2022-01-28"},
		{"clause opens with friday", "On Friday, the two leaders will speak by phone.", "2022-01-25", "2022-01-28"},
		{"met on friday", "The two leaders met on Friday in Geneva.", "2022-01-25", "2022-01-21"},
		{"said on friday that will", "Officials said on Friday that the talks will resume.", "2022-01-25", "2022-01-21"},
		{"will then said on friday", "The talks will continue, officials said on Friday.", "2022-01-25", "2022-01-21"},
		{"opens with friday then past", "On Friday, Putin said talks will resume.", "2022-01-25", "2022-01-21"},
		{"future on the same weekday", "The summit will open on Tuesday evening.", "2022-01-25", "2022-01-25"},
		{"future plain", "He will travel to Kyiv and meet the president on Thursday.", "2022-01-25", "2022-01-27"},
		{"three days ago", "The convoy left three days ago.", seedPublished, "2025-04-23"},
		{"last week", "The general said last week that the offensive had stalled.", seedPublished, "2025-04"},
		{"last week across months", "The general said last week that the offensive had stalled.", "2025-05-02", "2025-04"},

		// Months, seasons, years.
		{"last month", "Kyiv said last month it had repelled the attack.", seedPublished, "2025-03"},
		{"last month in january", "Kyiv said last month it had repelled the attack.", "2025-01-10", "2024-12"},
		{"last year", "The deal was signed last year.", seedPublished, "2024"},
		{"in august bare, past", "The offensive began in August.", seedPublished, "2024-08"},
		{"in march bare, this year", "The offensive began in March.", seedPublished, "2025-03"},
		{"last august", "Last August, Ukraine crossed the border.", seedPublished, "2024-08"},
		{"last march", "Last March, talks broke down.", seedPublished, "2025-03"},
		{"august 2024", "The incursion of August 2024 surprised Moscow.", seedPublished, "2024-08"},
		{"in august of last year", "Troops crossed the border in August of last year.", seedPublished, "2024-08"},
		{"the autumn of last year", "Reports in the autumn of last year said so.", seedPublished, "2024-autumn"},
		{"in the fall, past preference", "The talks collapsed in the fall.", seedPublished, "2024-autumn"},
		{"in the spring, current", "The talks collapsed in the spring.", seedPublished, "2025-spring"},
		{"last winter", "Last winter, the grid failed.", seedPublished, "2024-winter"},
		{"winter in january", "Last winter, the grid failed.", "2025-01-15", "2023-winter"},
		{"this summer", "Elections are expected this summer.", seedPublished, "2025-summer"},
		{"fall 2024", "In fall 2024, the army advanced.", seedPublished, "2024-autumn"},
		{"early 2025", "Prices rose in early 2025.", seedPublished, "2025"},
		{"mid-2024", "By mid-2024 the front had stabilized.", seedPublished, "2024"},
		{"late last year", "The talks collapsed late last year.", seedPublished, "2024"},
		{"the end of august", "Troops withdrew by the end of August.", seedPublished, "2024-08"},
		{"in 2019", "The treaty was signed in 2019.", seedPublished, "2019"},
		{"since 2014", "Russia has occupied Crimea since 2014.", seedPublished, "2014"},

		// Explicit dates.
		{"april 26", "The ministry said on April 26 that the village was taken.", seedPublished, "2025-04-26"},
		{"26 april 2025", "On 26 April 2025 the village was taken.", seedPublished, "2025-04-26"},
		{"sept. 4 is last year", "The deal of Sept. 4 was broken.", seedPublished, "2024-09-04"},
		{"on march 3", "The report published on March 3 said so.", seedPublished, "2025-03-03"},
		{"day with last year", "The war that had been going on since February 24 last year weakened it.", "2023-03-09", "2022-02-24"},
		{"last november 24", "According to filings dated last November 24.", "2023-07-25", "2022-11-24"},
		{"iso", "The statement dated 2025-04-26 said so.", seedPublished, "2025-04-26"},
		{"april 26th, 2024", "On April 26th, 2024, the village fell.", seedPublished, "2024-04-26"},
		{"near future stays this year", "Talks are planned for April 30.", seedPublished, "2025-04-30"},
		{"explicit date without publication", "On 4 March 2022 the plant was seized.", "", "2022-03-04"},

		// Not time expressions.
		{"none", "The Kremlin denied the report.", seedPublished, ""},
		{"may as a verb", "The talks may resume, he said.", seedPublished, ""},
		{"numbers", "North Korea had deployed between 10,000 and 12,000 troops.", seedPublished, ""},
		{"fall as a noun", "The fall of Kabul shocked the world.", seedPublished, ""},
		{"fall as a verb", "Prices fall in the spring of hope.", seedPublished, ""},
		{"relative without publication", "He spoke on Friday.", "", ""},
		{"bad publication", "He spoke yesterday.", "26/04/2025", ""},
		{"year named elsewhere", "The transfer was completed by October of that year.", seedPublished, ""},
		{"same year", "He resigned in the spring of the same year.", seedPublished, ""},
		{"february 30", "He spoke on February 30.", seedPublished, ""},
		{"four-digit count", "Some 2000 troops crossed.", seedPublished, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Resolve(tt.s, tt.published); got != tt.want {
				t.Errorf("Resolve(%q, %q) = %q, want %q; found %+v", tt.s, tt.published, got, tt.want, Find(tt.s, tt.published))
			}
		})
	}
}

func TestFind(t *testing.T) {
	s := "However, throughout early 2025 and since late on Friday night, talks stalled; in August of the previous year they had not."
	got := Find(s, seedPublished)
	want := []Expr{
		{Text: "early 2025", Value: "2025", Granularity: Year, Modifier: "early"},
		{Text: "late on Friday night", Value: "2025-04-25", Granularity: Day},
		{Text: "August of the previous year", Value: "2024-08", Granularity: Month},
	}
	if len(got) != len(want) {
		t.Fatalf("Find = %+v, want %d expressions", got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Text != w.Text || g.Value != w.Value || g.Granularity != w.Granularity || g.Modifier != w.Modifier {
			t.Errorf("expr %d = %+v, want %+v", i, g, w)
		}
		if s[g.Start:g.End] != g.Text {
			t.Errorf("expr %d offsets [%d,%d) do not cover %q", i, g.Start, g.End, g.Text)
		}
	}
	if w := Find("He said so last week.", seedPublished); len(w) != 1 || w[0].Value != "2025-W16" || w[0].Granularity != Week || w[0].Contract() != "2025-04" {
		t.Errorf("last week = %+v, want 2025-W16 (contract 2025-04)", w)
	}
}

func TestNearest(t *testing.T) {
	s := "Kyiv said on Friday that the attack in August of last year had failed."
	if got := Nearest(s, seedPublished, strings.Index(s, "said")); got != "2025-04-25" {
		t.Errorf("near the cue: %q, want 2025-04-25", got)
	}
	if got := Nearest(s, seedPublished, strings.Index(s, "attack")); got != "2024-08" {
		t.Errorf("near the event: %q, want 2024-08", got)
	}
	if got := Nearest("No time here.", seedPublished, 0); got != "" {
		t.Errorf("no expression: %q", got)
	}
}

func TestLoad(t *testing.T) {
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.months) < 12 || len(r.weekdays) != 7 || len(r.seasons) != 5 || len(r.relative) < 20 {
		t.Errorf("rules: %d months, %d weekdays, %d seasons, %d relative phrases", len(r.months), len(r.weekdays), len(r.seasons), len(r.relative))
	}
}

// TestSpansOnRealText runs Find over every line of the seed article: all
// of its time expressions, and nothing else, are found.
func TestSpansOnRealText(t *testing.T) {
	f, err := os.Open(corpora.For(t, "fixtures", "seed", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var got []string
	for sc.Scan() {
		line := sc.Text()
		for _, e := range Find(line, seedPublished) {
			got = append(got, e.Text+"="+e.Value)
			if line[e.Start:e.End] != e.Text || e.Value == "" {
				t.Errorf("bad expr %+v in %q", e, line)
			}
		}
	}
	want := []string{"today=2025-04-26", "Today=2025-04-26", "August of the previous year=2024-08", "early 2025=2025",
		"the fall of last year=2024-autumn", "Friday=2025-04-25", "Friday night=2025-04-25"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("seed article expressions:\n got %q\nwant %q", got, want)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"announced today", "on Friday night", "in the fall of last year", "in August of the previous year",
		"throughout early 2025", "Sept. 4, 2024", "26th of April 2025", "2025-04-26", "mid-2024", "three days ago",
		"late on Friday", "10,000 and 12,000", "April 10,000", "“Today,” he said \"yesterday",
	} {
		f.Add(s, seedPublished)
	}
	f.Fuzz(func(t *testing.T, s, published string) {
		for _, e := range Find(s, published) {
			if e.Start < 0 || e.End > len(s) || e.Start >= e.End || s[e.Start:e.End] != e.Text {
				t.Fatalf("bad span %+v in %q", e, s)
			}
			if e.Value == "" || e.Granularity == "" || e.Contract() == "" {
				t.Fatalf("unresolved %+v in %q", e, s)
			}
		}
		if r := Resolve(s, published); r != "" && !utf8.ValidString(r) {
			t.Fatalf("Resolve = %q", r)
		}
	})
}

func BenchmarkResolve(b *testing.B) {
	sentences := []string{
		"The Russian military announced today that all Ukrainian troops have been forced out of Russia’s Kursk region, marking a significant development in the ongoing conflict.",
		"Previous reports from Ukraine, the U.S., and South Korea in the fall of last year suggested that North Korea had deployed between 10,000 and 12,000 troops to Russia.",
		"Meanwhile, President Zelenskyy issued a statement on Friday night emphasizing the need for an unconditional ceasefire.",
		"General Valery Gerasimov, Chief of the General Staff for Russia’s Armed Forces, delivered the news to President Vladimir Putin during a video conference meeting.",
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		Resolve(sentences[n%len(sentences)], seedPublished)
		n++
	}
}
