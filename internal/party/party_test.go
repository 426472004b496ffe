package party

import (
	"strings"
	"testing"
)

func TestDecide(t *testing.T) {
	role := func(c string) Evidence { return Evidence{Source: Role, Country: c} }
	tests := []struct {
		name string
		ev   []Evidence
		want string
	}{
		{"nothing", nil, ""},
		{"a role's country", []Evidence{role("EE")}, "EE"},
		{"the first role of the text", []Evidence{role("EE"), role("RU")}, "EE"},
		{"installed beats the role", []Evidence{role("UA"), {Source: Installed, Country: "RU"}}, "RU"},
		{"non-state beats a country in the role", []Evidence{role("UA"), {Source: NonState}}, ""},
		{"installed beats non-state", []Evidence{{Source: NonState}, {Source: Installed, Country: "RU"}}, "RU"},
		{"role beats a listing", []Evidence{{Source: Holder, Country: "US"}, role("GB")}, "GB"},
		{"body beats holder", []Evidence{{Source: Holder, Country: "US"}, {Source: Body, Country: "RU"}}, "RU"},
		{"holder beats the region of the office", []Evidence{{Source: Region, Country: "UA"}, {Source: Holder, Country: "RU"}}, "RU"},
		{"a region's state when nothing else speaks", []Evidence{{Source: Region, Country: "UA"}}, "UA"},
		{"several countries: none, and nothing weaker decides", []Evidence{{Source: Mixed}, {Source: Seat, Country: "RU"}}, ""},
		{"a seat speaks for its state", []Evidence{{Source: Seat, Country: "RU"}}, "RU"},
		{"a role without a country is no evidence", []Evidence{role(""), {Source: Holder, Country: "BY"}}, "BY"},
	}
	for _, tt := range tests {
		if got := Decide(tt.ev...); got != tt.want {
			t.Errorf("%s: Decide = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLexicon(t *testing.T) {
	lx, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		word, state string
		ok          bool
	}{
		{"Russian-installed", "Russian", true},
		{"Moscow-backed", "Moscow", true},
		{"Kremlin-appointed", "Kremlin", true},
		{"well-known", "", false},
		{"installed", "", false},
	} {
		state, ok := lx.Installed(tt.word)
		if state != tt.state || ok != tt.ok {
			t.Errorf("Installed(%q) = %q, %v; want %q, %v", tt.word, state, ok, tt.state, tt.ok)
		}
	}
	for _, tt := range []struct {
		words []string
		want  bool
	}{
		{[]string{"a", "kyiv-based", "think", "tank"}, true},
		{[]string{"the", "exiled", "opposition", "leader"}, true},
		{[]string{"the", "foreign", "minister"}, false},
		{[]string{"russian", "billionaire", "oleg", "tinkov"}, true},
	} {
		if got := lx.NonState(tt.words); got != tt.want {
			t.Errorf("NonState(%q) = %v, want %v", tt.words, got, tt.want)
		}
	}
}

// TestNonStateBody: a non-state head names a body of no state unless a word
// of the name makes it a state's.
func TestNonStateBody(t *testing.T) {
	lx, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"Kyiv International Institute of Sociology", true},
		{"Warsaw Economics University", true},
		{"Moscow State Institute of International Relations", false},
		{"China National Petroleum Corporation", false},
		{"Ukraine's Defence Ministry", false},
	} {
		ws := strings.Fields(tc.name)
		head := ""
		for _, w := range ws {
			if w == "Institute" || w == "University" || w == "Corporation" || w == "Ministry" {
				head = w
			}
		}
		if got := lx.NonStateBody(ws, head); got != tc.want {
			t.Errorf("NonStateBody(%q, %q) = %v, want %v", tc.name, head, got, tc.want)
		}
	}
}
