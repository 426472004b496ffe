package web

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/internal/gazetteer"
	"github.com/crosscheck/crosscheck/internal/store"
)

func TestFormatDate(t *testing.T) {
	for _, tc := range []struct{ in, iso, text string }{
		{"2025-04-26", "2025-04-26", "26 Apr 2025"},
		{"2024-05-13T13:15:00Z", "2024-05-13T13:15:00Z", "13 May 2024, 13:15 UTC"},
		{"2024-05-13T15:15:00+02:00", "2024-05-13T13:15:00Z", "13 May 2024, 13:15 UTC"},
		{"2024-05-13T13:15:00", "2024-05-13T13:15:00Z", "13 May 2024, 13:15 UTC"},
		{"2025-04", "2025-04", "Apr 2025"},
		{"2024-autumn", "2024", "autumn 2024"},
		{"2025", "2025", "2025"},
		{"sometime", "", "sometime"},
	} {
		d := formatDate(tc.in)
		if d == nil || d.ISO != tc.iso || d.Text != tc.text {
			t.Errorf("formatDate(%q) = %+v, want %q %q", tc.in, d, tc.iso, tc.text)
		}
	}
	if formatDate("  ") != nil {
		t.Error("an empty date should show as undated")
	}
}

func names(code string) string {
	return map[string]string{"KP": "North Korea", "RU": "Russia", "UA": "Ukraine", "US": "United States", "BY": "Belarus"}[code]
}

func TestPartyViews(t *testing.T) {
	got := partyViews("KP, RU,XX", names)
	want := []partyView{{"KP", "North Korea"}, {"RU", "Russia"}, {"XX", ""}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("partyViews = %+v", got)
	}
	if l := partyLabel("KP,XX", names); l != "North Korea (KP), XX" {
		t.Errorf("partyLabel = %q", l)
	}
	if l := partyLabel("", names); l != "no party" {
		t.Errorf("partyLabel(\"\") = %q", l)
	}
	if a := articleTitle("", "Kyiv Wire", "2025-06-01T08:00:00Z"); a != "Untitled article, Kyiv Wire, 1 Jun 2025" {
		t.Errorf("articleTitle = %q", a)
	}
}

func timelineEvents() []tlEvent {
	return []tlEvent{
		{When: "2025-06-01T08:00:00Z", Lane: "UA", Stance: "assert", Label: "Ukraine's air force", Text: "drones destroyed", Site: "Kyiv Wire", Href: "/articles/a#s1"},
		{When: "2025-06-02T10:30:00Z", Lane: "RU", Stance: "deny", Label: "Defence ministry", Text: "no drones destroyed", Href: "/articles/b#s1"},
		{When: "2025-06-03", Lane: "UA", Stance: "assert", Echo: true, Label: "Ukraine's air force", Href: "/articles/c#s1"},
		{When: "2025-06-03", Lane: "", Stance: "assert", Label: "an analyst", Href: "/articles/d#s1"},
		{When: "", Lane: "US", Stance: "confirm", Label: "Pentagon", Href: "/articles/e#s1"},
		{When: "2025-06-01T08:00:00Z", Status: "unconfirmed", Label: "unconfirmed", Href: "/articles/a#s1"},
		{When: "2025-06-02T10:30:00Z", Status: "disputed", Label: "disputed", Current: true, Href: "/articles/b#s1"},
	}
}

func TestTimeline(t *testing.T) {
	c := buildTimeline("tl", timelineEvents(), func(p string) string { return names(p) })
	if c.Empty || c.Undated != 1 || len(c.Points) != 4 || len(c.Marks) != 2 {
		t.Fatalf("timeline: empty %v, undated %d, %d points, %d marks", c.Empty, c.Undated, len(c.Points), len(c.Marks))
	}
	var lanes []string
	for _, l := range c.Lanes {
		lanes = append(lanes, l.Label)
	}
	// The status band, then parties by first appearance, no party last;
	// the undated US statement makes no lane.
	if want := []string{"Status", "Ukraine", "Russia", "no party"}; !reflect.DeepEqual(lanes, want) {
		t.Errorf("lanes %q, want %q", lanes, want)
	}
	for _, p := range c.Points {
		if p.X < c.PlotL || p.X > c.PlotR {
			t.Errorf("point %+v outside the plot [%v, %v]", p, c.PlotL, c.PlotR)
		}
	}
	// Time runs left to right; the echo is hollow; a denial is red's class.
	if !(c.Points[0].X < c.Points[1].X && c.Points[1].X < c.Points[2].X) {
		t.Errorf("points not in time order: %v %v %v", c.Points[0].X, c.Points[1].X, c.Points[2].X)
	}
	if !c.Points[2].Hollow || c.Points[1].Class != "stance-deny" {
		t.Errorf("echo hollow %v, denial class %q", c.Points[2].Hollow, c.Points[1].Class)
	}
	if !strings.Contains(c.Points[1].Title, "Defence ministry (denies)") || !strings.Contains(c.Points[1].Title, "2 Jun 2025, 10:30 UTC") {
		t.Errorf("point title %q", c.Points[1].Title)
	}
	if !c.Marks[1].Current || c.Marks[1].Class != "st-disputed" || c.Marks[0].X >= c.Marks[1].X {
		t.Errorf("marks %+v", c.Marks)
	}
	if len(c.Ticks) < 2 || c.Ticks[0].Label != "2 Jun" || c.Ticks[1].Label != "3 Jun" {
		t.Errorf("ticks %+v", c.Ticks)
	}
	if c.H <= c.AxisY || c.Desc == "" {
		t.Errorf("height %v axis %v desc %q", c.H, c.AxisY, c.Desc)
	}
	if again := buildTimeline("tl", timelineEvents(), func(p string) string { return names(p) }); !reflect.DeepEqual(again, c) {
		t.Error("the same claim drew a different timeline")
	}
	// Statements on one day in one lane are stacked, not drawn on top of
	// each other.
	same := []tlEvent{{When: "2025-06-01", Lane: "UA"}, {When: "2025-06-01", Lane: "UA"}, {When: "2025-06-01", Lane: "UA"}}
	s := buildTimeline("x", same, names)
	if s.Points[0].Y == s.Points[1].Y || s.Points[1].Y == s.Points[2].Y || s.Points[0].Y == s.Points[2].Y {
		t.Errorf("stacked points share a place: %+v", s.Points)
	}
	if e := buildTimeline("x", []tlEvent{{Lane: "UA"}}, names); !e.Empty || e.Undated != 1 {
		t.Errorf("no dated event: %+v", e)
	}
	// Long spans tick by month or year.
	long := buildTimeline("x", []tlEvent{{When: "2022-02-24", Lane: "UA"}, {When: "2024-05-13", Lane: "RU"}}, names)
	if len(long.Ticks) < 2 || len(long.Ticks) > 12 || !strings.Contains(long.Ticks[0].Label, "202") {
		t.Errorf("ticks over two years: %+v", long.Ticks)
	}
}

func TestGraph(t *testing.T) {
	vs := []gVoice{
		{Speaker: "Ukraine's air force", Party: "UA", Stance: "assert", Target: -1},
		{Speaker: "Defence ministry", Party: "RU", Stance: "deny", Target: -1},
		{Speaker: "Pentagon", Party: "US", Stance: "confirm", Target: -1},
		{Speaker: "Ukraine's air force", Party: "UA", Stance: "assert", Echo: true, Target: -1},
		{Speaker: "Joint statement", Party: "US,BY", Stance: "deny", Target: 2}, // answers the Pentagon
		{Speaker: "Defence ministry", Party: "RU", Stance: "deny", Target: -1},
	}
	href := func(s string) string { return "/x/" + s }
	g := buildGraph("g", vs, 0, names, href, href)
	var codes []string
	for _, p := range g.Parties {
		codes = append(codes, p.Code)
	}
	if want := []string{"UA", "RU", "US", "BY"}; !reflect.DeepEqual(codes, want) {
		t.Errorf("hubs %v, want %v (the origin's party first, then by statements)", codes, want)
	}
	if len(g.Speakers) != 4 || !g.Speakers[0].Origin || g.Echoes != 1 {
		t.Errorf("speakers %+v, echoes %d", g.Speakers, g.Echoes)
	}
	// A voice for two parties is tied to both hubs.
	if len(g.Members) != 5 {
		t.Errorf("%d membership lines, want 5 (one each, two for the joint statement)", len(g.Members))
	}
	kinds := map[string]int{}
	for _, e := range g.Edges {
		kinds[e.Class] += e.Count
	}
	if kinds["contradicts"] != 3 || kinds["confirms"] != 1 || len(g.Edges) != 3 {
		t.Errorf("edges %+v", g.Edges)
	}
	var joint string
	for _, e := range g.Edges {
		if strings.HasPrefix(e.Text, "Joint statement") {
			joint = e.Text
		}
	}
	if joint != "Joint statement (United States (US), Belarus (BY)) contradicts Pentagon (United States (US))" {
		t.Errorf("the linked answer reads %q", joint)
	}
	for _, s := range g.Speakers {
		if s.X < g.X || s.X > g.X+g.W || s.Y < g.Y || s.Y > g.Y+g.H {
			t.Errorf("speaker %q outside the cropped view", s.Label)
		}
	}
	if again := buildGraph("g", vs, 0, names, href, href); !reflect.DeepEqual(again, g) {
		t.Error("the same claim drew a different graph")
	}
	if e := buildGraph("g", []gVoice{{Echo: true}}, 0, names, href, href); !e.Empty {
		t.Error("only echoes should draw nothing")
	}
}

func TestProjectAndTitleCase(t *testing.T) {
	if x, y := project(0, 0); x != 0 || y != 0 {
		t.Errorf("project(0,0) = %v,%v", x, y)
	}
	x1, y1 := project(50.45, 30.52) // Kyiv
	x2, _ := project(55.75, 37.62)  // Moscow
	if !(x2 > x1 && y1 < 0) {
		t.Errorf("Kyiv %v,%v Moscow %v", x1, y1, x2)
	}
	for in, want := range map[string]string{"kursk oblast": "Kursk Oblast", "us": "US", "bosnia and herzegovina": "Bosnia and Herzegovina", "nagorno-karabakh": "Nagorno-Karabakh"} {
		if got := titleCase(in); got != want {
			t.Errorf("titleCase(%q) = %q, want %q", in, got, want)
		}
	}
}

// fakeGazetteer resolves a few places without loading the real one.
type fakeGazetteer map[string]gazetteer.Place

func (f fakeGazetteer) CountryName(iso string) string { return names(iso) }
func (f fakeGazetteer) LookupMinor(n string) (gazetteer.Place, bool) {
	p, ok := f[n]
	return p, ok
}

func TestWorldMap(t *testing.T) {
	m, err := loadWorldMap()
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"UA", "RU", "US", "FJ"} {
		i, ok := m.byCode[code]
		if !ok || m.countries[i].Path == "" {
			t.Errorf("no outline for %s", code)
		}
	}
	if _, ok := m.byCode["AQ"]; ok {
		t.Error("Antarctica is drawn")
	}
	kyiv, ok := m.places[703448]
	if !ok || math.Abs(kyiv[0]-50.45) > 0.1 || math.Abs(kyiv[1]-30.52) > 0.1 {
		t.Errorf("Kyiv at %v", kyiv)
	}
	// Russia and Fiji cross the antimeridian: no edge of their outlines
	// may run across the world (the bands an unhandled crossing draws).
	for _, code := range []string{"RU", "FJ", "US"} {
		for _, sub := range strings.Split(m.countries[m.byCode[code]].Path, "M")[1:] {
			var px float64
			for i, pt := range strings.Split(strings.TrimSuffix(sub, "Z"), "L") {
				var x, y float64
				if _, err := fmt.Sscanf(pt, "%g %g", &x, &y); err != nil {
					t.Fatalf("%s: point %q: %v", code, pt, err)
				}
				if i > 0 && math.Abs(x-px) > 1500 {
					t.Fatalf("%s: an edge runs %v units across the map", code, math.Abs(x-px))
				}
				px = x
			}
		}
	}
	w := &Web{Gazetteer: fakeGazetteer{
		"Kyiv":         {ID: 703448, Name: "Kyiv", Country: "UA", Kind: gazetteer.KindCity},
		"Kiev":         {ID: 703448, Name: "Kyiv", Country: "UA", Kind: gazetteer.KindCity},
		"UA":           {Name: "Ukraine", Country: "UA", Kind: gazetteer.KindCountry},
		"Odesa":        {ID: 698740, Name: "Odesa", Country: "UA", Kind: gazetteer.KindCity},
		"Kursk Oblast": {Name: "Kursk Oblast", Country: "RU", Kind: gazetteer.KindAdmin1, Admin1: "RU.41"},
		"Ukraine":      {Name: "Ukraine", Country: "UA", Kind: gazetteer.KindCountry},
		"Washington":   {ID: 4140963, Name: "Washington", Country: "US", Kind: gazetteer.KindCity},
	}}
	counts := []store.PlaceCount{{Name: "ukraine", Claims: 9}, {Name: "kyiv", Claims: 6}, {Name: "kursk oblast", Claims: 5},
		{Name: "odesa", Claims: 3}, {Name: "kiev", Claims: 3}, {Name: "washington", Claims: 1}, {Name: "ua", Claims: 1}, {Name: "atlantis", Claims: 2}}
	v := w.layoutMap(m, counts, store.ClaimFilter{Status: "disputed"}, viewFocus)
	if len(v.Points) != 4 || len(v.Places) != 5 || len(v.Unplaced) != 1 || v.Unplaced[0].Name != "Atlantis" {
		t.Fatalf("%d dots, %d places, unplaced %v", len(v.Points), len(v.Places), v.Unplaced)
	}
	// Two names of one place are one row, with both names' claims, linked
	// by the commoner name.
	if p := v.Places[0]; p.Name != "Ukraine" || p.Claims != 10 || !strings.Contains(p.Href, "place=ukraine") {
		t.Errorf("first row %+v, want Ukraine with 9+1 claims", p)
	}
	if p := v.Places[1]; p.Name != "Kyiv" || p.Claims != 9 || !strings.Contains(p.Title, "Kyiv, Kiev") {
		t.Errorf("second row %+v, want Kyiv with 6+3 claims under both names", p)
	}
	if v.World || v.Hidden != 1 {
		t.Errorf("focus view: world %v, %d dots hidden (want Washington outside)", v.World, v.Hidden)
	}
	named := 0
	for _, c := range v.Countries {
		if c.Named {
			named++
			if !strings.Contains(c.Href, "place=ukraine") || !strings.Contains(c.Href, "status=disputed") {
				t.Errorf("country link %q", c.Href)
			}
		}
	}
	if named != 1 {
		t.Errorf("%d countries shaded, want Ukraine", named)
	}
	if v.Points[0].Name != "Kyiv" || v.Points[0].R <= v.Points[2].R {
		t.Errorf("dots not sized by claims: %+v", v.Points)
	}
	all := w.layoutMap(m, counts, store.ClaimFilter{}, viewAll)
	if all.Hidden != 0 || all.W <= v.W {
		t.Errorf("every place: hidden %d, width %v vs focus %v", all.Hidden, all.W, v.W)
	}
	if world := w.layoutMap(m, nil, store.ClaimFilter{}, viewFocus); !world.World || len(world.Countries) < 150 {
		t.Errorf("no places: world %v, %d countries", world.World, len(world.Countries))
	}
	// Labels never overlap.
	for i, a := range v.Labels {
		for _, b := range v.Labels[i+1:] {
			if math.Abs(a.Y-b.Y) < 12*v.Unit && a.X < b.X+float64(len(b.Name))*6.8*v.Unit && b.X < a.X+float64(len(a.Name))*6.8*v.Unit {
				t.Errorf("labels %q and %q overlap", a.Name, b.Name)
			}
		}
	}
}
