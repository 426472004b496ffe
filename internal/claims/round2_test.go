package claims

import (
	"slices"
	"strings"
	"testing"
)

// TestNamedVoice: a description that opens a sentence is not a named
// voice; a person or a body is.
func TestNamedVoice(t *testing.T) {
	for name, want := range map[string]bool{
		"Jens Stoltenberg": true, "Nato": true, "Ivica Dačić": true,
		"The politician": false, "A senior official": false, "the minister": false, "": false,
		"Western leaders": false, "Russia continues": false, "Ursula von der Leyen": true,
	} {
		if got := named(name); got != want {
			t.Errorf("named(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestFrameRoles reads the doer, target, owner and time of sentences
// written for this test.
func TestFrameRoles(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		content              string
		class, agent, target string
		source               string
		times                []string
	}{
		{content: "the hysteria around Russia's possible attack on Ukraine", class: "attack", agent: "RU", target: "UA"},
		{content: "Putin would not attack a NATO member state", class: "attack", target: "nato"},
		{content: "Russia could invade Ukraine in the coming days", class: "attack", agent: "RU", target: "UA", times: []string{"days"}},
		{content: "the Kremlin's declarations about the withdrawal of troops are not real", class: "withdraw-troops", source: "RU"},
		{content: "claims by Moscow that troops are pulling back", class: "withdraw-troops", agent: "RU", source: "RU"},
		{content: "the first missiles and bombs had arrived in the country", class: ""},
		{content: "Russia is deploying chemical weapons in Ukraine", class: "deploy-weapons", agent: "RU"},
	} {
		toks := tokenize(tc.content)
		var ms []mention
		// The names of these sentences, as an entity stage would find them.
		for i, tk := range toks {
			switch tk.w {
			case "nato":
				ms = append(ms, mention{from: i, to: i + 1, key: "nato", name: "NATO"})
			case "kremlin":
				ms = append(ms, mention{from: i, to: i + 1, key: "kremlin", name: "Kremlin", party: "RU"})
			}
		}
		fs := lx.frames(frameInput{toks: toks, mentions: ms})
		i := slices.IndexFunc(fs, func(f Frame) bool { return f.Class == tc.class })
		if tc.class == "" {
			for _, f := range fs {
				if f.Asserted {
					t.Errorf("%q: asserted frame %+v, want none", tc.content, f)
				}
			}
			continue
		}
		if i < 0 {
			t.Errorf("%q: no %s frame in %+v", tc.content, tc.class, fs)
			continue
		}
		f := fs[i]
		if f.Agent != tc.agent || f.Target != tc.target || f.Source != tc.source {
			t.Errorf("%q: agent %q target %q source %q, want %q %q %q", tc.content, f.Agent, f.Target, f.Source, tc.agent, tc.target, tc.source)
		}
		if got := lx.timesIn(toks); !slices.Equal(got, tc.times) {
			t.Errorf("%q: times %v, want %v", tc.content, got, tc.times)
		}
	}
}

// TestAnaphoricDenialRefers: a denial that only points back reads its
// proposition from the reported clause of the sentence before it.
func TestAnaphoricDenialRefers(t *testing.T) {
	var cc crossCase
	readJSON(t, "testdata/cross/round2.json", &cc)
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, ca := range cc.Articles {
		if ca.ID != "cn" {
			continue
		}
		an := caseAnalysis(t, ca)
		pa, err := lx.Prepare(&an)
		if err != nil {
			t.Fatal(err)
		}
		p := pa.Statements[0]
		if p.Refers != "Beijing is considering sending lethal aid to Moscow" {
			t.Errorf("Refers = %q", p.Refers)
		}
		if !p.Negative || len(p.Frames) == 0 || p.Frames[0].Class != "supply-arms" || p.Frames[0].Agent != "CN" {
			t.Errorf("negative %v frames %+v, want a denial of CN's supply-arms", p.Negative, p.Frames)
		}
		if !strings.Contains(p.Summary, "that Beijing is considering sending lethal aid") {
			t.Errorf("summary %q does not stand alone", p.Summary)
		}
		return
	}
	t.Fatal("no article cn")
}

// TestAllianceNamed: a group without a party named by an alliance speaks
// for that side; the UN is no side.
func TestAllianceNamed(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"Western officials": "WEST", "NATO officials": "NATO", "However Western leaders": "WEST",
		"UN monitors": "", "Jens Stoltenberg": "",
	} {
		if got := lx.allianceNamed(text); got != want {
			t.Errorf("allianceNamed(%q) = %q, want %q", text, got, want)
		}
	}
	if !lx.Adversaries("WEST", "RU") || lx.Adversaries("WEST", "US") {
		t.Error("WEST should be adverse to RU only")
	}
}
