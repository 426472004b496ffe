package claims

import (
	"math"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
)

const wireText = `Ukraine’s military intelligence agency said on Monday that Russia had moved about 40 Iskander launchers to the Belgorod region near the border with Kharkiv, ahead of what it called a new offensive in the north. The agency’s spokesman told reporters that the launchers arrived by rail over the weekend and were being dispersed across several villages.`

func TestSignature(t *testing.T) {
	a := Sign(wireText)
	if a != Sign(wireText) {
		t.Fatal("Sign is not deterministic")
	}
	if got := Similarity(a, a); got != 1 {
		t.Errorf("Similarity(a, a) = %v", got)
	}
	// Case, punctuation and spacing are not part of a word.
	if b := Sign(strings.ToUpper(strings.ReplaceAll(wireText, ",", " ;"))); Similarity(a, b) != 1 {
		t.Errorf("case and punctuation changed the signature: %v", Similarity(a, b))
	}
	other := Sign("The Kremlin spokesman said the talks in Istanbul had made no progress on grain exports, and that a new round was not planned before the end of the month.")
	if s := Similarity(a, other); s > 0.05 {
		t.Errorf("unrelated texts have similarity %v", s)
	}
	empty := Sign("  — … ")
	for i := range empty {
		if empty[i] != math.MaxUint64 {
			t.Fatal("empty text has a non-empty signature")
		}
	}
	if Similarity(empty, empty) != 0 || Bands(empty) != nil || IsEchoSig(empty, empty) {
		t.Error("empty signatures compare as similar")
	}
	if got := len(Bands(a)); got != 42 {
		t.Errorf("%d bands, want 42", got)
	}
	// A signature shares every band with itself and, here, none with an
	// unrelated text.
	if !shareBand(Bands(a), Bands(a)) || shareBand(Bands(a), Bands(other)) {
		t.Error("band keys do not separate")
	}
	// A one-word text still has one shingle.
	if w := Sign("Kharkiv"); w == empty || Similarity(w, Sign("kharkiv")) != 1 {
		t.Error("a one-word text has no signature")
	}
}

func TestIsEcho(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"same text", wireText, wireText, true},
		{"boilerplate added", wireText, "Home | World\n\n" + wireText + "\n\nSign up for our newsletter. Share this article.", true},
		{"cut ending", wireText, wireText[:strings.Index(wireText, " The agency")], true},
		{"different headline", wireText, "Russia masses launchers near Kharkiv\n\n" + wireText, true},
		{"too short to tell", "Russia moved launchers to Belgorod.", "Russia moved launchers to Belgorod.", false},
		{"different story", wireText, "The Kremlin spokesman said the talks in Istanbul had made no progress on grain exports, and that a new round was not planned before the end of the month, adding that Moscow would not accept any conditions.", false},
		{"empty", "", wireText, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsEcho(tc.a, tc.b); got != tc.want {
				c, j := Overlap(tc.a, tc.b)
				t.Errorf("IsEcho = %v, want %v (containment %.2f, jaccard %.2f)", got, tc.want, c, j)
			}
			if IsEcho(tc.a, tc.b) != IsEcho(tc.b, tc.a) {
				t.Error("IsEcho is not symmetric")
			}
		})
	}
}

// FuzzSign checks that any text signs without panic, that Similarity stays
// in [0, 1] and that IsEcho is symmetric.
func FuzzSign(f *testing.F) {
	f.Add(wireText, "Home\n\n"+wireText)
	f.Add("", "\xff\xfe")
	f.Add("a b c d e", "b c d e f")
	f.Fuzz(func(t *testing.T, a, b string) {
		sa, sb := Sign(a), Sign(b)
		if s := Similarity(sa, sb); s < 0 || s > 1 {
			t.Fatalf("similarity %v", s)
		}
		if IsEcho(a, b) != IsEcho(b, a) {
			t.Fatal("IsEcho is not symmetric")
		}
		if k := Bands(sa); k != nil && len(k) != numBands {
			t.Fatalf("%d bands", len(k))
		}
	})
}

// FuzzBuild feeds Build an article whose statement and relation spans, ids
// and dates come from the fuzzer: bad offsets must not make it panic, and
// every claim it returns has a status with evidence.
func FuzzBuild(f *testing.F) {
	f.Add(wireText, 10, 60, 0, 9, "2024-05-06", "s1", "s1", "UA", "deny")
	f.Add("", -5, 3, 100, 2, "", "", "x", "", "")
	f.Add("short", 3, 1, 0, 99, "not a date", "a", "a", "RU", "confirm")
	f.Fuzz(func(t *testing.T, text string, cs, ce, ss, se int, pub, id, to, aff, stance string) {
		clip := func(i int) int { return max(0, min(i, len(text))) }
		st := crosscheck.Statement{
			ID:       id,
			Speaker:  crosscheck.Speaker{Text: "x", Name: "X", Type: crosscheck.TypePerson, Affiliation: crosscheck.NullString(aff), Start: ss, End: se},
			Content:  crosscheck.Span{Text: text[clip(cs):max(clip(cs), clip(ce))], Start: cs, End: ce},
			Stance:   stance,
			Sentence: ss,
		}
		a := crosscheck.Analysis{
			Article:    crosscheck.Article{ID: "a", Text: text, Published: crosscheck.NullString(pub)},
			Sentences:  []crosscheck.Sentence{{Index: 0, Start: ss, End: se}},
			Entities:   []crosscheck.Entity{{ID: "e1", Name: "Y", Type: crosscheck.TypePlace, Country: "UA", Mentions: []crosscheck.Span{{Start: se, End: ss}}}},
			Statements: []crosscheck.Statement{st, st},
			Relations:  []crosscheck.Relation{{Type: crosscheck.RelContradicts, From: crosscheck.NullString(id), To: to, By: "RU", Evidence: crosscheck.Span{Start: ce, End: cs}}},
		}
		b := a
		b.Article.ID = "b"
		res := Build([]Article{{Analysis: a}, {Analysis: b}}, Options{})
		for _, c := range res.Claims {
			if len(c.Status) == 0 || len(c.Evidence) == 0 || c.CurrentStatus != c.Status[len(c.Status)-1] || len(c.StatusHistory) == 0 {
				t.Fatalf("claim without status, evidence or history: %+v", c)
			}
		}
	})
}

func TestBuildEmpty(t *testing.T) {
	res := Build(nil, Options{})
	if len(res.Claims) != 0 || len(res.EchoOf) != 0 {
		t.Fatalf("Build(nil) = %+v", res)
	}
	// An article without statements yields no claim, and twice the same
	// article is taken once.
	a := Article{Analysis: crosscheck.Analysis{Article: crosscheck.Article{ID: "x", Text: wireText}}}
	res = Build([]Article{a, a}, Options{})
	if len(res.Claims) != 0 || len(res.EchoOf) != 0 {
		t.Fatalf("Build(same article twice) = %+v", res)
	}
}

// TestBuildRecovers: a claim whose build panics is a recorded failure of
// that claim, and an article with impossible spans a recorded failure of
// that article; the rest of the ledger is built.
func TestBuildRecovers(t *testing.T) {
	good := func(id, text string) Article {
		st := crosscheck.Statement{
			ID: "s1", Speaker: crosscheck.Speaker{Name: "Kremlin", Text: "The Kremlin", Type: crosscheck.TypeOrganization, Affiliation: "RU"},
			Cue: crosscheck.Cue{Lemma: "say"}, Content: crosscheck.Span{Text: text[20:], Start: 20, End: len(text)}, Stance: crosscheck.StanceAssert,
		}
		return Article{Analysis: crosscheck.Analysis{
			Article:    crosscheck.Article{ID: id, Text: text, Published: "2024-05-06"},
			Statements: []crosscheck.Statement{st},
		}}
	}
	a := good("a", "The Kremlin said on Monday that talks with Kyiv would resume.")
	b := good("b", "The Kremlin said that the harvest of wheat was larger than expected.")
	broken := good("c", "The Kremlin said the moon landing was staged by the studio in 1969.")
	broken.Analysis.Statements[0].Content.End = 1 << 20 // past the text
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Lexicon: lx}.withDefaults()
	res := build([]Article{a, b, broken}, opt, func(ms []Member) (crosscheck.Claim, bool) {
		if ms[0].Article == "a" {
			var nilMap map[string]int
			nilMap["boom"]++ // a defect in one claim's build
		}
		return lx.Status(ms)
	})
	if len(res.Claims) != 1 || res.Claims[0].Statements[0].Article != "b" {
		t.Fatalf("claims %+v, want only b's", res.Claims)
	}
	if len(res.Failures) != 2 {
		t.Fatalf("failures %+v, want the broken article and a's claim", res.Failures)
	}
	for _, f := range res.Failures {
		switch f.Article {
		case "c":
			if f.Claim != "" || !strings.Contains(f.Error, "outside the text") {
				t.Errorf("article failure %+v", f)
			}
		case "a":
			if f.Claim != claimID("a", "s1") || !strings.Contains(f.Error, "panic") && !strings.Contains(f.Error, "nil map") {
				t.Errorf("claim failure %+v", f)
			}
		default:
			t.Errorf("unexpected failure %+v", f)
		}
	}
}
