package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/corpora"
)

var update = flag.Bool("update", false, "rewrite golden files")

// perfect builds the prediction a flawless analyzer would print for g.
func perfect(g Gold) crosscheck.Analysis {
	var a crosscheck.Analysis
	a.Article.Text = strings.Join(g.TextMustContain, "\n\n")
	for i, s := range g.Statements {
		typ, name := s.SpeakerType, s.Speaker
		if s.Name != "" {
			name = crosscheck.NullString(s.Name)
		}
		a.Statements = append(a.Statements, crosscheck.Statement{
			ID: fmt.Sprintf("p%d", i+1),
			Speaker: crosscheck.Speaker{Name: name, Text: string(s.Speaker), Type: typ,
				Affiliation: crosscheck.NullString(s.Affiliation)},
			Cue:     crosscheck.Cue{Lemma: s.Cue, Text: s.CueText},
			Kind:    s.Kind,
			Content: crosscheck.Span{Text: s.Content},
			Via:     s.Via,
			Stance:  s.Stance,
			Time:    crosscheck.NullString(s.Time),
		})
	}
	id := map[string]string{}
	for i, s := range g.Statements {
		id[s.ID] = fmt.Sprintf("p%d", i+1)
	}
	for _, r := range g.Relations {
		a.Relations = append(a.Relations, crosscheck.Relation{Type: r.Type, From: crosscheck.NullString(id[r.From]),
			To: id[r.To], By: crosscheck.NullString(r.By)})
	}
	return a
}

func seedGold(t *testing.T) Gold {
	t.Helper()
	g, err := LoadExpected(corpora.For(t, "fixtures", "seed", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestTokensAndF1(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"Kyiv’s incursion had “completely failed.”", "kyiv s incursion had completely failed", 1},
		{"the meeting", "the meeting, describing it as very productive", 2 * 2.0 / 9},
		{"a a b", "a b b", 2 * 2.0 / 6},
		{"", "", 1},
		{"x", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.a, func(t *testing.T) {
			if got := TokenF1(tt.a, tt.b); fmt.Sprintf("%.6f", got) != fmt.Sprintf("%.6f", tt.want) {
				t.Errorf("TokenF1(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
	if got := strings.Join(Tokens("Ukraine’s General-Staff, 10,000"), "|"); got != "ukraine|s|general|staff|10|000" {
		t.Errorf("Tokens = %q", got)
	}
}

func TestScoreSeed(t *testing.T) {
	g := seedGold(t)
	if len(g.Statements) != 21 || len(g.Relations) != 5 {
		t.Fatalf("seed gold: %d statements, %d relations; want 21, 5", len(g.Statements), len(g.Relations))
	}
	required := 0
	for _, s := range g.Statements {
		if !s.Optional {
			required++
		}
	}

	t.Run("perfect", func(t *testing.T) {
		r := Score(perfect(g), g)
		if r.Precision != 1 || r.Recall != 1 || r.F1 != 1 {
			t.Errorf("P/R/F1 = %v/%v/%v, want 1/1/1; misses %+v", r.Precision, r.Recall, r.F1, r.Misses)
		}
		if r.Matched != 21 || r.MatchedRequired != required || r.MatchedOptional != 21-required {
			t.Errorf("counts %+v", r.Counts)
		}
		acc := r.Accuracy
		for name, x := range map[string]Ratio{"kind": acc.Kind, "cue": acc.Cue, "stance": acc.Stance,
			"affiliation": acc.Affiliation, "via": acc.Via, "time": acc.Time} {
			if x.Total == 0 || x.Correct != x.Total {
				t.Errorf("%s accuracy %+v, want all correct", name, x)
			}
		}
		if r.Relations.Correct != 5 || r.Relations.Total != 5 {
			t.Errorf("relations %+v, want 5/5", r.Relations)
		}
		if r.TextChecks.Correct != r.TextChecks.Total || r.TextChecks.Total != 15 {
			t.Errorf("text checks %+v, failures %v", r.TextChecks, r.TextFailures)
		}
	})

	t.Run("empty prediction", func(t *testing.T) {
		r := Score(crosscheck.Analysis{}, g)
		if r.Recall != 0 || r.F1 != 0 || len(r.Misses) != required {
			t.Errorf("R=%v F1=%v misses=%d, want 0, 0, %d", r.Recall, r.F1, len(r.Misses), required)
		}
		// An empty text contains none of the must-contain strings and none
		// of the must-not-contain ones.
		if r.TextChecks.Correct != 8 {
			t.Errorf("text checks passed %d, want 8", r.TextChecks.Correct)
		}
	})

	t.Run("only optional matched does not hurt precision", func(t *testing.T) {
		p := perfect(g)
		var keep []crosscheck.Statement
		for i, s := range g.Statements {
			if s.Optional || s.ID == "S1" {
				keep = append(keep, p.Statements[i])
			}
		}
		p.Statements = keep
		r := Score(p, g)
		if r.Precision != 1 {
			t.Errorf("precision %v, want 1 (optional matches excluded)", r.Precision)
		}
		if want := 1.0 / float64(required); r.Recall != want {
			t.Errorf("recall %v, want %v", r.Recall, want)
		}
	})

	t.Run("wrong fields counted", func(t *testing.T) {
		p := perfect(g)
		p.Statements[0].Stance = crosscheck.StanceDeny
		p.Statements[1].Via = nil
		p.Statements[1].Cue.Lemma = "say"
		r := Score(p, g)
		if r.F1 != 1 {
			t.Errorf("F1 %v, field errors must not unmatch", r.F1)
		}
		if r.Accuracy.Stance.Correct != r.Accuracy.Stance.Total-1 || r.Accuracy.Via.Correct != r.Accuracy.Via.Total-1 ||
			r.Accuracy.Cue.Correct != r.Accuracy.Cue.Total-1 {
			t.Errorf("accuracies %+v", r.Accuracy)
		}
		if len(r.Pairs[0].Wrong) != 1 || !strings.HasPrefix(r.Pairs[0].Wrong[0], "stance") {
			t.Errorf("pair 0 wrong = %v", r.Pairs[0].Wrong)
		}
	})
}

func TestMatching(t *testing.T) {
	person := GoldStatement{ID: "G1", Speaker: "Valery Gerasimov", SpeakerType: "person",
		Content: "the village of Gornal has been liberated", Kind: "direct"}
	org := GoldStatement{ID: "G2", Speaker: "Ukraine’s General Staff", SpeakerType: "organization",
		Content: "their forces continue to hold back Russian troops"}
	anyOf := GoldStatement{ID: "G3", Speaker: "Steven Cheung", SpeakerType: "person",
		Content: "the meeting, describing it as “very productive.”", ContentAny: []string{"the meeting"}}
	unattr := GoldStatement{ID: "G4", SpeakerType: "unattributed", Content: "taking control of 500 square miles"}
	st := func(id, name, text, typ, content string) crosscheck.Statement {
		return crosscheck.Statement{ID: id, Speaker: crosscheck.Speaker{Name: crosscheck.NullString(name), Text: text, Type: typ},
			Content: crosscheck.Span{Text: content}}
	}
	tests := []struct {
		name  string
		gold  GoldStatement
		pred  crosscheck.Statement
		match bool
	}{
		{"person by pronoun text and name", person, st("p", "Valery Gerasimov", "He", "person", "the village of Gornal has been liberated"), true},
		{"person by last name in text", person, st("p", "", "General Gerasimov", "person", "village of Gornal liberated"), true},
		{"wrong person", person, st("p", "Vladimir Putin", "Putin", "person", "the village of Gornal has been liberated"), false},
		{"content too different", person, st("p", "Valery Gerasimov", "", "person", "Gornal is a village"), false},
		{"organization token F1", org, st("p", "", "Ukraine's General Staff", "organization", "their forces continue to hold back Russian troops"), true},
		{"organization too different", org, st("p", "Ukrainian military", "", "organization", "their forces continue to hold back Russian troops"), false},
		{"content_any", anyOf, st("p", "Steven Cheung", "", "person", "the meeting"), true},
		{"unattributed", unattr, st("p", "", "", "unattributed", "taking control of approximately 500 square miles"), true},
		{"pronoun gold, any person", GoldStatement{ID: "G5", Speaker: "he", SpeakerType: "person", Anaphor: "person", Content: "the plan failed"},
			st("p", "Ed Rendell", "Former Pennsylvania Gov. Ed Rendell", "person", "the plan failed"), true},
		{"pronoun gold, not an organization", GoldStatement{ID: "G5", Speaker: "he", SpeakerType: "person", Anaphor: "person", Content: "the plan failed"},
			st("p", "CNN", "CNN", "organization", "the plan failed"), false},
		{"organization by its name", GoldStatement{ID: "G6", Speaker: "the Coalition, which represents 20 million Americans,", Name: "the Coalition",
			SpeakerType: "organization", Content: "the plan failed"}, st("p", "", "The Coalition", "organization", "the plan failed"), true},
		{"unattributed vs named", unattr, st("p", "AFP", "AFP", "organization", "taking control of 500 square miles"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(crosscheck.Analysis{Statements: []crosscheck.Statement{tt.pred}}, Gold{Statements: []GoldStatement{tt.gold}})
			if got := r.Matched == 1; got != tt.match {
				t.Errorf("matched = %v, want %v (misses %+v)", got, tt.match, r.Misses)
			}
			if !tt.match && (len(r.Misses) != 1 || r.Misses[0].Best == nil || r.Misses[0].Best.Pred != "p") {
				t.Errorf("miss should name the best candidate: %+v", r.Misses)
			}
		})
	}
}

func TestOneToOneBestFirst(t *testing.T) {
	g := Gold{Statements: []GoldStatement{
		{ID: "A", Speaker: "Putin", SpeakerType: "person", Content: "the enemy was defeated in Kursk"},
		{ID: "B", Speaker: "Putin", SpeakerType: "person", Content: "the enemy was defeated in Kursk region completely"},
	}}
	pred := crosscheck.Analysis{Statements: []crosscheck.Statement{
		{ID: "p1", Speaker: crosscheck.Speaker{Name: "Vladimir Putin", Type: "person"},
			Content: crosscheck.Span{Text: "the enemy was defeated in Kursk region completely"}},
	}}
	r := Score(pred, g)
	if r.Matched != 1 || r.Pairs[0].Gold != "B" || r.Precision != 1 || r.Recall != 0.5 {
		t.Fatalf("pairs %+v P=%v R=%v; want p1→B, P=1, R=0.5", r.Pairs, r.Precision, r.Recall)
	}
	if r.Misses[0].Best == nil || r.Misses[0].Best.TakenBy != "B" {
		t.Errorf("miss of A should say its best candidate went to B: %+v", r.Misses[0].Best)
	}
}

func TestRelations(t *testing.T) {
	g := Gold{
		Statements: []GoldStatement{
			{ID: "S1", Speaker: "Russian military", SpeakerType: "organization", Content: "all Ukrainian troops have been forced out"},
			{ID: "S4", Speaker: "Ukraine’s General Staff", SpeakerType: "organization", Content: "forces hold back Russian troops"},
		},
		Relations: []GoldRelation{
			{Type: "contradicts", From: "S4", To: "S1"},
			{Type: "not_confirmed", By: "UA", To: "S1"},
		},
	}
	stmts := []crosscheck.Statement{
		{ID: "a", Speaker: crosscheck.Speaker{Text: "General Staff of Ukraine", Type: "organization"}, Content: crosscheck.Span{Text: "forces hold back Russian troops"}},
		{ID: "b", Speaker: crosscheck.Speaker{Text: "The Russian military", Type: "organization"}, Content: crosscheck.Span{Text: "all Ukrainian troops have been forced out"}},
	}
	tests := []struct {
		name string
		rels []crosscheck.Relation
		want int
	}{
		{"both", []crosscheck.Relation{{Type: "contradicts", From: "a", To: "b"}, {Type: "not_confirmed", By: "UA", To: "b"}}, 2},
		{"reversed endpoints", []crosscheck.Relation{{Type: "contradicts", From: "b", To: "a"}}, 0},
		{"wrong type", []crosscheck.Relation{{Type: "confirms", From: "a", To: "b"}}, 0},
		{"wrong party", []crosscheck.Relation{{Type: "not_confirmed", By: "RU", To: "b"}}, 0},
		{"one relation counts once", []crosscheck.Relation{{Type: "not_confirmed", By: "ua", To: "b"}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(crosscheck.Analysis{Statements: stmts, Relations: tt.rels}, g)
			if r.Matched != 2 {
				t.Fatalf("statements matched %d, want 2: %+v", r.Matched, r.Misses)
			}
			if r.Relations.Correct != tt.want || r.Relations.Total != 2 {
				t.Errorf("relations %+v, want %d/2", r.Relations, tt.want)
			}
		})
	}
}

func TestTotalsMicroAverage(t *testing.T) {
	var tot Totals
	tot.Add(Result{Counts: Counts{Required: 2, Gold: 2, Predicted: 1, Matched: 1, MatchedRequired: 1}})
	tot.Add(Result{Counts: Counts{Required: 8, Gold: 9, Predicted: 10, Matched: 6, MatchedRequired: 5, MatchedOptional: 1}})
	if tot.Articles != 2 || tot.Recall() != 0.6 || tot.Precision() != 6.0/10 {
		t.Errorf("totals %+v P=%v R=%v, want P=0.6 R=0.6", tot, tot.Precision(), tot.Recall())
	}
}

func TestLoadArticlesSeed(t *testing.T) {
	arts, err := LoadArticles(corpora.For(t, "fixtures", "seed", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || arts[0].Published != "2025-04-26" || arts[0].Site != "Tampa Free Press" {
		t.Fatalf("got %d articles, %+v", len(arts), arts[0].Published)
	}
	for _, s := range arts[0].Gold.TextMustContain {
		if !strings.Contains(arts[0].Text, s) {
			t.Errorf("article.txt lacks %q", s)
		}
	}
}

func TestLoadExpectedErrors(t *testing.T) {
	tests := map[string]string{
		"not json":      `{"statements": [`,
		"no content":    `{"statements": [{"id": "S1", "speaker": "X"}]}`,
		"duplicate id":  `{"statements": [{"id": "S1", "content": "a"}, {"id": "S1", "content": "b"}]}`,
		"unknown to":    `{"statements": [{"id": "S1", "content": "a"}], "relations": [{"type": "confirms", "to": "S9"}]}`,
		"relation type": `{"statements": [{"id": "S1", "content": "a"}], "relations": [{"to": "S1"}]}`,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "expected.json")
			if err := os.WriteFile(p, []byte(in), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := LoadExpected(p); err == nil {
				t.Error("want an error")
			}
		})
	}
	if _, err := LoadArticles(filepath.Join(t.TempDir(), "nope.json")); err == nil {
		t.Error("missing file: want an error")
	}
}

func TestLoadBRATPolNeARDev(t *testing.T) {
	dir := corpora.For(t, "corpora", "polnear", "dev")
	arts, err := LoadBRAT(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 84 {
		t.Errorf("articles = %d, want 84 (one annotator each)", len(arts))
	}
	n, unattr, persons := 0, 0, 0
	for _, a := range arts {
		if a.Published == "" || !strings.HasPrefix(a.Published, "2016-") {
			t.Errorf("%s: published %q from metadata.tsv", a.Name, a.Published)
		}
		for _, s := range a.Gold.Statements {
			n++
			// Every content piece is article text (discontinuous pieces
			// are joined by a space).
			for _, piece := range strings.Split(s.Content, " ") {
				if !strings.Contains(a.Text, piece) {
					t.Fatalf("%s %s: content piece %q not in text", a.Name, s.ID, piece)
				}
			}
			if s.Speaker != "" && !strings.Contains(a.Text, string(s.Speaker)) {
				t.Errorf("%s %s: speaker %q not in text", a.Name, s.ID, s.Speaker)
			}
			switch s.SpeakerType {
			case crosscheck.TypeUnattributed:
				unattr++
			case crosscheck.TypePerson:
				persons++
			}
		}
	}
	t.Logf("PolNeAR dev: %d articles, %d attributions, %d unattributed, %d persons", len(arts), n, unattr, persons)
	// The dev split has 2,185 Attribution and 134 Attribution-no-source
	// events over all annotators; one annotator per article keeps most.
	if n < 1500 || n > 2319 || unattr < 50 || persons < 300 {
		t.Errorf("attributions %d, unattributed %d, persons %d: outside the expected range", n, unattr, persons)
	}
	// A perfect prediction built from the BRAT gold scores 1.
	var tot Totals
	for _, a := range arts {
		p := perfect(a.Gold)
		p.Article.Text = a.Text
		tot.Add(Score(p, a.Gold))
	}
	if tot.F1() != 1 {
		t.Errorf("perfect prediction on PolNeAR dev: F1 %v", tot.F1())
	}
}

func TestSpeakerType(t *testing.T) {
	w, err := loadSpeakerWords()
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]string{
		"Hillary Clinton":                   "person",
		"Republican nominee Donald Trump":   "person",
		"Trump’s":                           "person",
		"he":                                "person",
		"They":                              "group",
		"The New York Post":                 "organization",
		"CNN":                               "organization",
		"Clinton’s campaign":                "organization",
		"sources":                           "group",
		"a source":                          "organization",
		"the Democratic National Committee": "organization",
		"Pew Research Center":               "organization",
		"several Republican lawmakers":      "group",
		"Polls":                             "group",
		"Senator from Texas":                "organization",
		"India and Pakistan":                "organization",
		"Secretary of State John Kerry":     "person",
		"Gov. Terry McAuliffe (D)":          "person",
		"His":                               "person",
		"Michael Oppenheimer, a professor of geosciences at Princeton University": "person",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got, _ := w.speakerType(in, "Polls closed. The polls said so."); got != want {
				t.Errorf("speakerType(%q) = %q, want %q", in, got, want)
			}
		})
	}
	names := map[string]string{
		"Trump's running mate, Indiana Gov. Mike Pence,":                                  "Indiana Gov. Mike Pence",
		"the Central and East European Coalition, which represents 20 million Americans,": "the Central and East European Coalition",
		"Central European leaders who have been opponents of taking in migrants":          "Central European leaders",
	}
	for in, want := range names {
		if _, got := w.speakerType(in, ""); got != want {
			t.Errorf("speakerType(%q) name = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"he": "person", "They": "any", "who": "any", "Trump": ""} {
		if got := w.anaphor(in); got != want {
			t.Errorf("anaphor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseANNErrors(t *testing.T) {
	w, err := loadSpeakerWords()
	if err != nil {
		t.Fatal(err)
	}
	text := "Trump said “it is fine” today."
	tests := map[string]string{
		"outside text": "T1\tSource 0 500\tTrump\n",
		"text differs": "T1\tSource 0 5\tClint\n",
		"bad offsets":  "T1\tSource x y\tTrump\n",
		"unknown arg":  "E1\tAttribution:T9 Content:T2\n",
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := parseANN(strings.NewReader(in), text, w); err == nil {
				t.Error("want an error")
			}
		})
	}
	// Character offsets, not bytes: the curly quote is 3 bytes.
	ok := "T1\tSource 0 5\tTrump\nT2\tCue 6 10\tsaid\nT3\tContent 11 23\t“it is fine”\nT4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
	got, err := parseANN(strings.NewReader(ok), text, w)
	if err != nil || len(got) != 1 || got[0].Content != "“it is fine”" || got[0].Speaker != "Trump" || got[0].CueText != "said" {
		t.Errorf("parseANN = %+v, %v", got, err)
	}
	if utf8.RuneCountInString(text[:len("Trump said “it is fine”")]) != 23 {
		t.Fatal("test text offsets are wrong")
	}
}

func FuzzParseANN(f *testing.F) {
	f.Add("T1\tSource 0 5\tTrump\nT3\tContent 11 23;1 2\tx\nE1\tAttribution:T4 Content:T3 Source:T1\n")
	f.Add("E1\t\nT\t\n")
	w, err := loadSpeakerWords()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		_, _ = parseANN(strings.NewReader(in), "Trump said “it is fine” today.", w)
	})
}

func BenchmarkScore(b *testing.B) {
	g, err := LoadExpected(corpora.For(b, "fixtures", "seed", "expected.json"))
	if err != nil {
		b.Fatal(err)
	}
	p := perfect(g)
	b.ReportAllocs()
	for b.Loop() {
		if r := Score(p, g); r.F1 != 1 {
			b.Fatalf("F1 %v", r.F1)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// TestScoreGolden scores a flawed prediction for the seed article and
// compares the whole result (pairs, misses with their best candidates,
// extras, relation misses) with testdata/seed_flawed.json.
func TestScoreGolden(t *testing.T) {
	g := seedGold(t)
	p := perfect(g)
	var keep []crosscheck.Statement
	for _, s := range p.Statements {
		switch s.ID {
		case "p2", "p14": // S2 and S14 are missed
			continue
		case "p5": // S5: wrong stance and kind
			s.Stance, s.Kind = crosscheck.StanceDeny, crosscheck.KindDirect
		case "p9": // S9: right content, wrong speaker
			s.Speaker = crosscheck.Speaker{Name: "Reuters", Text: "Reuters", Type: crosscheck.TypeOrganization}
		}
		keep = append(keep, s)
	}
	keep = append(keep, crosscheck.Statement{ID: "x1", Speaker: crosscheck.Speaker{Name: "Donald Trump", Type: crosscheck.TypePerson},
		Content: crosscheck.Span{Text: "the war would never have started"}, Kind: crosscheck.KindIndirect})
	p.Statements = keep
	p.Relations = p.Relations[:3] // the echoes relation and the confirmation of S14 are missing
	r := Score(p, g)
	r.Article = "seed"

	got, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "seed_flawed.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("result differs from %s; run go test -update and review the diff:\n%s", golden, got)
	}
	// The figures the golden file holds, spelled out.
	if r.MatchedRequired != 13 || r.Required != 16 || len(r.Extras) != 2 || r.Relations.Correct != 3 {
		t.Errorf("matched %d/%d, extras %d, relations %d: want 13/16, 2, 3", r.MatchedRequired, r.Required, len(r.Extras), r.Relations.Correct)
	}
}

func TestLoadBRATSkipsBrokenFiles(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"text", "attributions"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(name, body string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Hand-written: one good article, one whose annotation was made for
	// another version of its text (the span text does not match).
	write("text/good.txt", "The minister said the talks failed.")
	write("attributions/good_a1.ann", "T1\tSource 0 12\tThe minister\nT2\tCue 13 17\tsaid\nT3\tContent 18 35\tthe talks failed.\nT4\tAttribution 0 35\tThe minister said the talks failed.\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n")
	write("text/bad.txt", "Officials said nothing happened.")
	write("attributions/bad_a1.ann", "T1\tSource 0 9\tSomething\nT2\tCue 10 14\tsaid\nT3\tContent 15 32\tnothing happened.\nT4\tAttribution 0 32\tx\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n")
	arts, err := LoadBRAT(dir)
	var skipped *SkippedError
	if !errors.As(err, &skipped) || len(skipped.Skipped) != 1 || !strings.Contains(err.Error(), "bad_a1.ann") {
		t.Fatalf("err = %v, want a SkippedError naming bad_a1.ann", err)
	}
	if len(arts) != 1 || arts[0].Name != "good" || len(arts[0].Gold.Statements) != 1 {
		t.Fatalf("articles %+v, want the good one with 1 statement", arts)
	}
}
