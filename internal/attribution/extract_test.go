package attribution

import (
	"slices"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/entity"
	"github.com/crosscheck/crosscheck/internal/gazetteer"
	"github.com/crosscheck/crosscheck/internal/segment"
	"github.com/crosscheck/crosscheck/internal/timex"
)

func loadLexicon(t testing.TB) *Lexicon {
	t.Helper()
	lx, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return lx
}

func extract(t testing.TB, lx *Lexicon, text string) []crosscheck.Statement {
	t.Helper()
	art := &crosscheck.Article{Text: text, Published: "2025-04-26"}
	return Extract(art, segment.Sentences(text), nil, lx, Options{})
}

// want is the part of a statement a pattern test checks.
type want struct {
	speaker, lemma, kind, content string
	via                           []string
}

func TestExtractPatterns(t *testing.T) {
	lx := loadLexicon(t)
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"quote then speaker", "“Today, the village of Gornal has been liberated,” Gerasimov stated.",
			[]want{{"Gerasimov", "state", "direct", "Today, the village of Gornal has been liberated", nil}}},
		{"speaker then colon quote", "The minister said: “We will not give up our land.”",
			[]want{{"The minister", "say", "direct", "We will not give up our land", nil}}},
		{"inverted", "“The front is holding,” said the spokesman.",
			[]want{{"the spokesman", "say", "direct", "The front is holding", nil}}},
		{"said that", "The Russian military announced today that all Ukrainian troops have been forced out of the region, marking a shift.",
			[]want{{"The Russian military", "announce", "indirect", "all Ukrainian troops have been forced out of the region", nil}}},
		{"according to first", "According to the governor, three drones were shot down overnight.",
			[]want{{"the governor", "according to", "indirect", "three drones were shot down overnight", nil}}},
		{"according to last", "Three drones were shot down overnight, according to the regional governor.",
			[]want{{"the regional governor", "according to", "indirect", "Three drones were shot down overnight", nil}}},
		{"relay via AFP", "“The last settlement has been liberated,” Gerasimov stated, according to reports from AFP.",
			[]want{{"Gerasimov", "state", "direct", "The last settlement has been liberated", []string{"AFP"}}}},
		{"told Reuters", "The commander told Reuters that the bridge had been destroyed.",
			[]want{{"The commander", "tell", "indirect", "the bridge had been destroyed", []string{"Reuters"}}}},
		{"told state news agency TASS", "Peskov told state news agency TASS on Friday that talks would resume.",
			[]want{{"Peskov", "tell", "indirect", "talks would resume", []string{"TASS"}}}},
		{"interview with CNN", "Kuleba said in an interview with CNN that the counteroffensive had begun.",
			[]want{{"Kuleba", "say", "indirect", "the counteroffensive had begun", []string{"CNN"}}}},
		{"mixed", "Putin declared that the incursion had “completely failed.”",
			[]want{{"Putin", "declare", "mixed", "the incursion had “completely failed.”", nil}}},
		{"participle", "President Putin, in a statement following the report, congratulated the troops, declaring that the operation had succeeded.",
			[]want{{"President Putin", "declare", "indirect", "the operation had succeeded", nil}}},
		{"apposition", "Sergei Shoigu, the defense minister, said the army would advance.",
			[]want{{"Sergei Shoigu, the defense minister", "say", "indirect", "the army would advance", nil}}},
		{"coordinated list speaker", "Previous reports from Ukraine, the U.S., and South Korea in the fall of last year suggested that troops had been deployed.",
			[]want{{"Previous reports from Ukraine, the U.S., and South Korea", "suggest", "indirect", "troops had been deployed", nil}}},
		{"pronoun and second clause", "Lavrov said the Kremlin is “ready to reach a deal,” although he noted that details still needed work.",
			[]want{
				{"Lavrov", "say", "mixed", "the Kremlin is “ready to reach a deal,”", nil},
				{"he", "note", "indirect", "details still needed work", nil},
			}},
		{"echo keeps the saying", "Lavrov echoed this sentiment in an interview, saying that the Kremlin is ready.",
			[]want{{"Lavrov", "say", "indirect", "the Kremlin is ready", nil}}},
		{"confirm keeps its object", "Cheung also confirmed the meeting, describing it as “very productive.”",
			[]want{{"Cheung", "confirm", "mixed", "the meeting, describing it as “very productive.”", nil}}},
		{"headline is read", "Russia Claims Full Control Of Kursk Region",
			[]want{{"Russia", "claim", "indirect", "Full Control Of Kursk Region", nil}}},
		{"headline with colon", "Zelenskyy: Ukraine Will Not Give Up Its Land",
			[]want{{"Zelenskyy", "say", "indirect", "Ukraine Will Not Give Up Its Land", nil}}},
		{"title case later is skipped", "The army advanced.\n\nRussia Claims Full Control Of Kursk Region", nil},
		{"cue inside a quotation", "“They showed courage in battle,” he said.",
			[]want{{"he", "say", "direct", "They showed courage in battle", nil}}},
		{"passive is no statement", "This move was seen by some as an attempt to gain leverage.", nil},
		{"noun reading of reports", "Reports from the front were scarce.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkStatements(t, tt.text, extract(t, lx, tt.text), tt.want)
		})
	}
}

// checkStatements compares statements with the parts of them a pattern
// test checks, and checks that their spans point into the text.
func checkStatements(t *testing.T, text string, got []crosscheck.Statement, want []want) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d statements, want %d:\n%s", len(got), len(want), dump(got))
	}
	for i, w := range want {
		g := got[i]
		if g.Speaker.Text != w.speaker || g.Cue.Lemma != w.lemma || g.Kind != w.kind || g.Content.Text != w.content {
			t.Errorf("statement %d:\n got %s\nwant speaker=%q lemma=%q kind=%q content=%q", i, dump(got[i:i+1]), w.speaker, w.lemma, w.kind, w.content)
		}
		if strings.Join(g.Via, ",") != strings.Join(w.via, ",") {
			t.Errorf("statement %d via %q, want %q", i, g.Via, w.via)
		}
		if text[g.Content.Start:g.Content.End] != g.Content.Text || text[g.Cue.Start:g.Cue.End] != g.Cue.Text {
			t.Errorf("statement %d: spans do not match the text", i)
		}
	}
}

// TestMultiParagraphQuote checks that a quotation left open at a
// paragraph's end and reopened in the next is one direct statement.
func TestMultiParagraphQuote(t *testing.T) {
	lx := loadLexicon(t)
	text := "The general said: “We have taken the village. The enemy has retreated.\n\n“Our troops are holding the line.”"
	got := extract(t, lx, text)
	if len(got) != 1 {
		t.Fatalf("got %d statements, want 1:\n%s", len(got), dump(got))
	}
	if !strings.Contains(got[0].Content.Text, "holding the line") || got[0].Kind != crosscheck.KindDirect {
		t.Errorf("content %q kind %s, want the whole two-paragraph quotation, direct", got[0].Content.Text, got[0].Kind)
	}
}

// TestQuoteContinuation checks that a quotation-only sentence after
// "“…,” he said." is a statement of its own, by the same speaker with the
// same cue (the contract's continuation quotations), and that one with an
// attribution of its own is not taken over.
func TestQuoteContinuation(t *testing.T) {
	lx := loadLexicon(t)
	tests := []struct {
		name, text string
		want       []want
	}{
		{"same paragraph", "“We will rebuild,” the mayor said. “Every house will stand again.”",
			[]want{{"the mayor", "say", "direct", "We will rebuild", nil}, {"the mayor", "say", "direct", "Every house will stand again", nil}}},
		{"next paragraph, a quotation only", "“The bridge is gone,” the governor said.\n\n“Ferries will run from Monday.”",
			[]want{{"the governor", "say", "direct", "The bridge is gone", nil}, {"the governor", "say", "direct", "Ferries will run from Monday", nil}}},
		{"attributed on its own", "“The bridge is gone,” the governor said. “Ferries will run,” his deputy added.",
			[]want{{"the governor", "say", "direct", "The bridge is gone", nil}, {"his deputy", "add", "direct", "Ferries will run", nil}}},
		{"a quotation over two paragraphs attributed in its last", "The minister spoke on Monday.\n\n“The bridge is gone.\n\n“Ferries will run,” the minister said.",
			[]want{{"the minister", "say", "direct", "The bridge is gone.\n\n“Ferries will run", nil}}},
		{"a reporter's sentence in between", "“The bridge is gone,” the governor said. Traffic was diverted. “Ferries will run.”",
			[]want{{"the governor", "say", "direct", "The bridge is gone", nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkStatements(t, tt.text, extract(t, lx, tt.text), tt.want)
		})
	}
}

func TestExtractEmpty(t *testing.T) {
	lx := loadLexicon(t)
	if got := Extract(&crosscheck.Article{}, nil, nil, lx, Options{}); len(got) != 0 {
		t.Errorf("empty article gave %d statements", len(got))
	}
	if got := Extract(nil, nil, nil, lx, Options{}); got == nil || len(got) != 0 {
		t.Errorf("nil article gave %v", got)
	}
}

func TestIDsAndTime(t *testing.T) {
	lx := loadLexicon(t)
	text := "The ministry said on Friday that the strike hit a depot. Officials said the fire was out."
	art := &crosscheck.Article{Text: text, Published: "2025-04-26"}
	got := Extract(art, segment.Sentences(text), nil, lx, Options{Time: func(s, pub string) string {
		if strings.Contains(s, "Friday") {
			return "2025-04-25"
		}
		return ""
	}})
	if len(got) != 2 || got[0].ID != "s1" || got[1].ID != "s2" {
		t.Fatalf("got:\n%s", dump(got))
	}
	if got[0].Time != "2025-04-25" || got[1].Time != "" {
		t.Errorf("times %q %q, want 2025-04-25 and null", got[0].Time, got[1].Time)
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(badFS{"cues.tsv": "said\tsay\tverbish\tspeech\n"}); err == nil {
		t.Error("unknown pattern accepted")
	}
	if _, err := Load(badFS{}); err == nil {
		t.Error("missing files accepted")
	}
}

func dump(st []crosscheck.Statement) string {
	var sb strings.Builder
	for _, s := range st {
		sb.WriteString("  [" + s.Speaker.Text + "] " + s.Cue.Lemma + " <" + s.Kind + "> " + s.Content.Text + " via=" + strings.Join(s.Via, ",") + "\n")
	}
	return sb.String()
}

func BenchmarkExtract(b *testing.B) {
	lx := loadLexicon(b)
	text := strings.Repeat("“Today, the last settlement has been liberated,” Gerasimov stated, according to reports from AFP. However, Ukrainian officials have yet to confirm this claim. Lavrov said the Kremlin is “ready to reach a deal,” although he noted that details still needed work.\n\n", 20)
	art := &crosscheck.Article{Text: text}
	sents := segment.Sentences(text)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		Extract(art, sents, nil, lx, Options{})
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// analyzer holds the lexicons of the stages before attribution, for tests
// that read speakers as the whole analyzer does.
type analyzer struct {
	lx  *Lexicon
	ent *entity.Lexicon
}

func loadAnalyzer(t testing.TB) analyzer {
	t.Helper()
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	el, err := entity.LoadLexicon(g)
	if err != nil {
		t.Fatal(err)
	}
	return analyzer{lx: loadLexicon(t), ent: el}
}

// extractFull segments text, finds its entities and extracts statements
// with the entity lexicon as Describer, Referrer and BareName, as
// package analyze wires them.
func (z analyzer) extractFull(text string) ([]crosscheck.Statement, []crosscheck.Entity) {
	art := &crosscheck.Article{Text: text, Published: "2025-04-26"}
	sents := segment.Sentences(text)
	ents := entity.Find(text, sents, z.ent)
	return Extract(art, sents, ents, z.lx, z.options()), ents
}

// options are the Options package analyze gives Extract.
func (z analyzer) options() Options {
	return Options{Describer: z.ent, Referrer: z.ent, Genders: z.ent, Time: timex.Resolve, BareName: z.ent.BareName}
}

// TestTimeOfSaying: a statement's time is when it was said, dated by its
// frame (the sentence without its content), by the speaker's own "today",
// or by the dated statement of the same speaker it goes on with in its
// paragraph; a time in what is said dates the event, not the saying.
// Sentences written for this test; published on Saturday 2025-04-26.
func TestTimeOfSaying(t *testing.T) {
	z := loadAnalyzer(t)
	tests := []struct {
		name, text string
		want       []string // the statements' times in order, "" null
	}{
		{"the content's time dates the event", "Missiles struck the depot on Sunday, Ukraine's air force said.", []string{""}},
		{"the frame's time dates the saying", "The air force said on Sunday that missiles struck the depot.", []string{"2025-04-20"}},
		{"a weekday's possessive", "During Wednesday's meeting, the minister called for talks on the grain corridor.", []string{"2025-04-23"}},
		{"the speaker's own today", "“Today our forces entered the town,” the commander said.", []string{"2025-04-26"}},
		{"a reported today is the event's", "The commander said today's shelling was the heaviest of the month.", []string{""}},
		{"the speaker's today in a sentence of the quotation before the cue's", "“Today we crossed the river. The bridge is ours,” the commander said.", []string{"2025-04-26"}},
		{"the same day as the statement before",
			"The minister said on Monday that talks would resume. Speaking the same day, the governor said the bridge was closed.",
			[]string{"2025-04-21", "2025-04-21"}},
		{"the same speaker goes on in the paragraph",
			"The governor told reporters on Monday that the bridge was closed. “Repairs will take weeks,” he said.",
			[]string{"2025-04-21", "2025-04-21"}},
		{"not in the next paragraph",
			"The governor told reporters on Monday that the bridge was closed.\n\n“Repairs will take weeks,” he said.",
			[]string{"2025-04-21", ""}},
		{"not another speaker",
			"The governor told reporters on Monday that the bridge was closed. The mayor said the ferry would run instead.",
			[]string{"2025-04-21", ""}},
		{"not a present tense",
			"The governor told reporters on Monday that the bridge was closed. The crossing is unsafe, he says.",
			[]string{"2025-04-21", ""}},
		{"not another occasion",
			"The governor told reporters on Monday that the bridge was closed. He had previously said that it was safe.",
			[]string{"2025-04-21", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := &crosscheck.Article{Text: tt.text, Published: "2025-04-26"}
			sents := segment.Sentences(tt.text)
			got := Extract(art, sents, entity.Find(tt.text, sents, z.ent), z.lx, z.options())
			var times []string
			for _, s := range got {
				times = append(times, string(s.Time))
			}
			if !slices.Equal(times, tt.want) {
				t.Errorf("times %q, want %q:\n%s", times, tt.want, dump(got))
			}
		})
	}
}
