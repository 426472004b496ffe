package claims

import (
	"slices"
	"testing"
)

// TestNumberFormats: the same figure written the ways outlets write it
// reads as one figure.
func TestNumberFormats(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"about 150,000 troops", []string{"150000"}},
		{"about 150 000 troops", []string{"150000"}},
		{"about 150\u00a0000 troops", []string{"150000"}},
		{"about 150 thousand troops", []string{"150000"}},
		{"more than 1 000 000 refugees", []string{"1e+06"}},
		{"some five million refugees", []string{"5e+06"}},
		{"five million refugees and 5 million more", []string{"5e+06"}},
		{"twenty-five thousand soldiers", []string{"25000"}},
		{"two hundred thousand soldiers", []string{"200000"}},
		{"a million people fled", []string{"1e+06"}},
		{"three billion dollars, $3bn", []string{"3e+09"}},
		{"an additional billion dollars in aid, $1bn", []string{"1e+09"}},
		{"another million refugees", []string{"1e+06"}},
		{"a further billion euros", []string{"1e+09"}},
		{"another two billion dollars", []string{"2e+09"}},
		{"billions of dollars and a billion-dollar deal", []string{"1e+09"}},
		{"an additional hundred soldiers", nil},
		{"two soldiers and a hundred tanks", nil},
		{"in 2022 100 people died", []string{"100"}},
		{"on February 24 100 tanks crossed", []string{"100"}},
		{"Article 5 of the treaty", []string{"5"}},
	} {
		got := numbers(c.text, tokenize(c.text))
		if !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
			t.Errorf("numbers(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestRelativeSubject: the subject a content that opens with its verb
// takes back from the relative clause it stands in (sentences written for
// this test).
func TestRelativeSubject(t *testing.T) {
	for _, c := range []struct{ sentence, content, cue, want string }{
		{"The fuel convoy, which Ukrainian officials said was delayed by two weeks, reached Kharkiv.", "was delayed by two weeks", "said", "The fuel convoy"},
		{"Hungary, which analysts say is unlikely to change course, blocked the package.", "is unlikely to change course", "say", "Hungary"},
		{"Kyiv received the convoy, which officials said was delayed by two weeks.", "was delayed by two weeks", "said", "the convoy"},
		{"The UK's £500m additional funding, which officials said would come from reserves, will buy drones.", "would come from reserves", "said", "The UK's £500m additional funding"},
		{"Protesters marched against the proposed law which critics say will limit press freedom.", "will limit press freedom", "say", "the proposed law"},
		// Without a comma the relative may hang on a noun inside a longer
		// phrase: only a short one is taken.
		{"The court's ruling made proclamations that analysts said could have far-reaching effects.", "could have far-reaching effects", "said", ""},
		// A list, a clause: not guessed.
		{"Kyiv received tanks, howitzers and drones that the ministry said were bought abroad.", "were bought abroad", "said", ""},
		{"The new sanctions, which the Kremlin spokesman Dmitry Peskov said would fail, took effect.", "would fail", "said", "The new sanctions"},
		// No relative clause: the subject is not to be guessed.
		{"Officials said would be announced soon.", "would be announced soon", "said", ""},
		{"The minister told reporters her country had a firm commitment.", "had a firm commitment", "told", ""},
		// The content follows the cue's object, not the cue: its subject.
		{"Sanctions, which the West has assured Russia will face, were delayed.", "will face", "assured", ""},
		// Too far back: a whole clause, not a subject.
		{"Russia's defence ministry said the drills were ordered after statements by officials from many Western capitals against Russia, which a spokesman said had reached new levels.", "had reached new levels", "said", ""},
	} {
		if got := relativeSubject(c.sentence, c.content, c.cue); got != c.want {
			t.Errorf("relativeSubject(%q, %q, %q) = %q, want %q", c.sentence, c.content, c.cue, got, c.want)
		}
	}
}

// TestMostSharedAtTheBound checks the "most words shared" rule at exactly
// 60% of the shorter content's weight, summed in an order whose float sum
// falls a rounding error short (1 + ⅓ + ⅓ + 1 + 1 + 1 + ⅓ + 1 is
// 5.999999999999999): two contents of weight 10 sharing words of weight 6
// are joined, as they are when the sum comes out exact.
func TestMostSharedAtTheBound(t *testing.T) {
	var shared float64
	for _, w := range []float64{1, commonWeight, commonWeight, 1, 1, 1, commonWeight, 1} {
		shared += w
	}
	if shared >= 6 {
		t.Skipf("the sum came out exact (%v): nothing to check", shared)
	}
	for _, s := range []lexicalSim{{n: 8, shared: shared, wa: 10, wb: 10}, {n: 8, shared: 6, wa: 10, wb: 10}, {n: 4, shared: 3, wa: 5, wb: 10}} {
		if !s.mostShared() {
			t.Errorf("%+v: not most shared, want it", s)
		}
	}
	for _, s := range []lexicalSim{{n: 8, shared: 5.9, wa: 10, wb: 10}, {n: 3, shared: 3, wa: 3, wb: 3}, {n: 4, shared: 3, wa: 4, wb: 10.5}} {
		if s.mostShared() {
			t.Errorf("%+v: most shared, want not", s)
		}
	}
}

// TestKeyedEnough: two statements are matched only when they share a
// predicate, a figure, or two words that are not common; one word and
// common ones ("russia", "war") are not enough, however alike the two are
// otherwise, so that a link index may pass such pairs over (KeyAlone).
func TestKeyedEnough(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	p := func(article string, tokens []string, numbers []string, frames ...Frame) *Prepared {
		return &Prepared{Article: article, Statement: "s1", Published: "2024-05-01", Tokens: tokens, Numbers: numbers, Frames: frames}
	}
	attack := Frame{Class: "attack", Asserted: true}
	tests := []struct {
		name string
		a, b *Prepared
		want bool
	}{
		{"one rare word and two common", p("a", []string{"bridg", "russia", "war"}, nil), p("b", []string{"bridg", "russia", "war"}, nil), false},
		{"two rare words", p("a", []string{"bridg", "collaps", "war"}, nil), p("b", []string{"bridg", "collaps", "russia"}, nil), true},
		{"a figure", p("a", []string{"bridg"}, []string{"3000"}), p("b", []string{"depot"}, []string{"3000"}), true},
		{"a predicate", p("a", []string{"bridg"}, nil, attack), p("b", []string{"depot"}, nil, attack), true},
		{"nothing", p("a", []string{"bridg"}, nil), p("b", []string{"depot"}, nil), false},
	}
	for _, tt := range tests {
		if got := lx.keyedEnough(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: keyedEnough = %v, want %v", tt.name, got, tt.want)
		}
	}
	// The first pair was linked on the same words (similarity 1) before.
	if _, ok := lx.Match(tests[0].a, tests[0].b, Options{}); ok {
		t.Errorf("one rare word and two common: linked")
	}
	for _, k := range []struct {
		key  string
		want bool
	}{{"f:attack", true}, {"n:3000", true}, {"w:bridg", false}} {
		if got := KeyAlone(k.key); got != k.want {
			t.Errorf("KeyAlone(%q) = %v, want %v", k.key, got, k.want)
		}
	}
}
