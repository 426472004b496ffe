package claims

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestDefault(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		a, b string
		want bool
	}{
		{"RU", "UA", true}, {"UA", "RU", true}, {"KP", "KR", true}, {"US", "RU", true},
		{"UA", "US", false}, {"RU", "BY", false}, {"RU", "CN", false}, {"", "UA", false},
	}
	for _, tc := range tests {
		if got := lx.Adversaries(tc.a, tc.b); got != tc.want {
			t.Errorf("Adversaries(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	good := fstest.MapFS{
		"negations.tsv":   {Data: []byte("not\tonly\n")},
		"blocs.tsv":       {Data: []byte("RU\tx\nUA\ty\n")},
		"adversaries.tsv": {Data: []byte("x\ty\n")},
		"nonclaims.tsv":   {Data: []byte("demand\tdirective\n")},
	}
	// The frame files as embedded.
	for _, name := range []string{"frames.tsv", "classes.tsv", "markers.tsv", "demonyms.tsv", "independents.tsv", "common.tsv", "weapons.tsv", "times.tsv", "denials.tsv", "variants.tsv"} {
		b, err := dataFS.ReadFile("data/" + name)
		if err != nil {
			t.Fatal(err)
		}
		good[name] = &fstest.MapFile{Data: b}
	}
	if lx, err := Load(good); err != nil || !lx.Adversaries("UA", "RU") {
		t.Fatalf("Load(good) = %v, %v", lx, err)
	}
	for name, data := range map[string]string{
		"blocs.tsv":        "Russia\tx\n",
		"adversaries.tsv":  "x\n",
		"nonclaims.tsv":    "",
		"frames.tsv":       "attack\tadjective\tattack\n",
		"classes.tsv":      "attack\tevent\n",
		"markers.tsv":      "maybe\tif\n",
		"demonyms.tsv":     "russian\tRUS\tdemonym\n",
		"independents.tsv": "isw\tblogger\n",
		"weapons.tsv":      "",
		"times.tsv":        "soon\n",
		"denials.tsv":      "cue\n",
	} {
		bad := fstest.MapFS{}
		for k, v := range good {
			bad[k] = v
		}
		if data == "" {
			delete(bad, name)
		} else {
			bad[name] = &fstest.MapFile{Data: []byte(data)}
		}
		_, err := Load(bad)
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("broken %s: err = %v, want one naming the file", name, err)
		}
	}
}

func TestContent(t *testing.T) {
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text    string
		toks    []string
		negated bool
	}{
		{"all Ukrainian troops have been forced out of Russia’s Kursk region", []string{"forc", "kursk", "region", "russia", "troop", "ukrainian"}, false},
		{"Russian troops did not attack the Kyiv TV tower", []string{"attack", "kyiv", "russian", "tower", "troop", "tv"}, true},
		{"Russian troops didn’t attack the TV tower", []string{"attack", "russian", "tower", "troop", "tv"}, true},
		{"the claim is “false”", []string{"claim"}, true},
		{"it is still not too late for Russia to choose diplomacy", []string{"choos", "diplomacy", "late", "russia"}, false},
		{"the blockade is not the same as a siege", []string{"blockad", "sieg"}, false},
		{"this is not the case", []string{"case"}, true},
		{"", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			toks, neg := lx.content(tc.text)
			if !slices.Equal(toks, tc.toks) || neg != tc.negated {
				t.Errorf("content = %q, %v; want %q, %v", toks, neg, tc.toks, tc.negated)
			}
		})
	}
}

func TestStem(t *testing.T) {
	for in, want := range map[string]string{
		"forces": "forc", "forced": "forc", "force": "forc", "forcing": "forc",
		"troops": "troop", "countries": "country", "kursk": "kursk", "us": "us", "press": "press",
		"talks": "talk", "status": "status",
	} {
		if got := stem(in); got != want {
			t.Errorf("stem(%q) = %q, want %q", in, got, want)
		}
	}
}
