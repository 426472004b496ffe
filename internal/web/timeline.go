package web

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// tlEvent is one dated thing on a claim's timeline: a statement or the
// start of a status.
type tlEvent struct {
	When    string // stored date
	Lane    string // party field of the statement ("" = no party); unused for statuses
	Status  string // for a status change: the status that begins
	Stance  string // for a statement
	Echo    bool
	Label   string // speaker, or status label
	Text    string // content or evidence sentence
	Site    string
	Href    string
	Current bool // the claim's current status
}

// timelineChart is a claim's timeline drawn as SVG: one lane per party with
// the statements as dots (colour by stance, hollow for echoes), a band on
// top with the status changes, a time axis below. Coordinates are in the
// SVG's own units; the page scales it.
type timelineChart struct {
	ID           string // prefix of element ids
	W, H         float64
	PlotL, PlotR float64
	AxisY        float64
	Lanes        []tlLane
	Ticks        []tlTick
	Points       []tlPoint
	Marks        []tlMark
	Desc         string
	Undated      int
	Empty        bool
}

type tlLane struct {
	Y, Top, H float64
	Label     string
	Band      bool // the status band
}

type tlTick struct {
	X     float64
	Label string
}

type tlPoint struct {
	X, Y, R float64
	Class   string
	Hollow  bool
	Href    string
	Title   string
}

type tlMark struct {
	X, Y1, Y2      float64
	LabelX, LabelY float64
	LabelW         float64
	Label          string
	Class          string
	Href, Title    string
	Current        bool
}

// Geometry of the timeline, in SVG units.
const (
	tlWidth     = 960.0
	tlLeft      = 150.0 // lane labels
	tlRight     = 24.0
	tlBandRow   = 22.0
	tlLaneH     = 40.0
	tlAxisH     = 34.0
	tlPointR    = 6.0
	tlMaxLabel  = 22
	tlCharWidth = 6.6 // average width of a 12-unit label character
)

// buildTimeline lays out events. Lanes come in order of first appearance,
// statements without a party last; events without a date are counted, not
// drawn. laneName names a lane (party field → "Russia (RU)").
func buildTimeline(id string, events []tlEvent, laneName func(string) string) timelineChart {
	c := timelineChart{ID: id, W: tlWidth, PlotL: tlLeft, PlotR: tlWidth - tlRight}
	type dated struct {
		tlEvent
		t time.Time
	}
	var ds []dated
	for _, e := range events {
		t, hasTime, ok := parseWhen(e.When)
		if !ok {
			if e.Status == "" {
				c.Undated++
			}
			continue
		}
		if !hasTime {
			t = t.Add(12 * time.Hour) // a day without a time sits mid-day
		}
		ds = append(ds, dated{e, t})
	}
	if len(ds) == 0 {
		c.Empty = true
		c.H = 0
		return c
	}
	slices.SortStableFunc(ds, func(a, b dated) int { return a.t.Compare(b.t) })
	lo, hi := ds[0].t, ds[len(ds)-1].t
	if span := hi.Sub(lo); span < 48*time.Hour {
		mid := lo.Add(span / 2)
		lo, hi = mid.Add(-36*time.Hour), mid.Add(36*time.Hour)
	} else {
		pad := span / 25
		lo, hi = lo.Add(-pad), hi.Add(pad)
	}
	x := func(t time.Time) float64 {
		return c.PlotL + (c.PlotR-c.PlotL)*float64(t.Sub(lo))/float64(hi.Sub(lo))
	}

	// Status band: one row per overlapping label.
	var statuses []dated
	laneOf := map[string]int{}
	var laneKeys []string
	for _, d := range ds {
		if d.Status != "" {
			statuses = append(statuses, d)
			continue
		}
		if _, ok := laneOf[d.Lane]; !ok && d.Lane != "" {
			laneOf[d.Lane] = len(laneKeys)
			laneKeys = append(laneKeys, d.Lane)
		}
	}
	for _, d := range ds {
		if d.Status == "" && d.Lane == "" {
			if _, ok := laneOf[""]; !ok {
				laneOf[""] = len(laneKeys)
				laneKeys = append(laneKeys, "")
			}
		}
	}
	type row struct{ end float64 }
	var rows []row
	top := 8.0
	for _, d := range statuses {
		mx := x(d.t)
		label := d.Label
		w := float64(len([]rune(label)))*tlCharWidth + 12
		lx := min(max(mx-w/2, c.PlotL), c.PlotR-w)
		r := -1
		for i := range rows {
			if lx >= rows[i].end+4 {
				r = i
				break
			}
		}
		if r < 0 {
			rows = append(rows, row{})
			r = len(rows) - 1
		}
		rows[r].end = lx + w
		c.Marks = append(c.Marks, tlMark{X: mx, LabelX: lx, LabelY: top + float64(r)*tlBandRow, LabelW: w,
			Label: label, Class: "st-" + d.Status, Href: d.Href, Title: d.Text, Current: d.Current})
	}
	bandH := max(float64(len(rows)), 1) * tlBandRow
	c.Lanes = append(c.Lanes, tlLane{Y: top + bandH/2, Top: top, H: bandH, Label: "Status", Band: true})
	laneTop := top + bandH + 6
	for i, k := range laneKeys {
		name := "no party"
		if k != "" {
			name = laneName(k)
		}
		t := laneTop + float64(i)*tlLaneH
		c.Lanes = append(c.Lanes, tlLane{Y: t + tlLaneH/2, Top: t, H: tlLaneH, Label: clipText(name, tlMaxLabel)})
	}
	c.AxisY = laneTop + float64(len(laneKeys))*tlLaneH + 4
	c.H = c.AxisY + tlAxisH
	for i := range c.Marks {
		c.Marks[i].Y1 = c.Marks[i].LabelY + 16
		c.Marks[i].Y2 = c.AxisY
		c.Marks[i].LabelY += 12 // text baseline inside its row
	}

	// Statements: dots, stacked where they would overlap in a lane.
	stack := map[[2]int]int{}
	for _, d := range ds {
		if d.Status != "" {
			continue
		}
		l := c.Lanes[1+laneOf[d.Lane]]
		px := x(d.t)
		key := [2]int{laneOf[d.Lane], int(math.Round(px / (2.5 * tlPointR)))}
		k := stack[key]
		stack[key] = k + 1
		// 0, +1, -1, +2, -2 … rows of dots inside the lane
		off := float64((k+1)/2) * 2.3 * tlPointR
		if k%2 == 1 {
			off = -off
		}
		off = max(min(off, tlLaneH/2-tlPointR), -(tlLaneH/2 - tlPointR))
		class := "stance-" + d.Stance
		title := fmt.Sprintf("%s (%s), %s, %s: %s", orText(d.Label, "unattributed"), stanceWord(d.Stance), orText(d.Site, "unknown source"),
			formatDate(d.When).Text, clipText(d.Text, 160))
		if d.Echo {
			title += " — re-publication"
		}
		c.Points = append(c.Points, tlPoint{X: px, Y: l.Y + off, R: tlPointR, Class: class, Hollow: d.Echo, Href: d.Href, Title: title})
	}
	c.Ticks = ticks(lo, hi, x)
	c.Desc = timelineDesc(ds[0].t, ds[len(ds)-1].t, len(c.Points), len(laneKeys), c.Marks)
	return c
}

func orText(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

func stanceWord(s string) string {
	switch s {
	case "not_confirmed":
		return "does not confirm"
	case "deny":
		return "denies"
	case "confirm":
		return "confirms"
	case "retract":
		return "retracts"
	case "assert":
		return "asserts"
	}
	return s
}

func timelineDesc(first, last time.Time, points, lanes int, marks []tlMark) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s by %s from %s to %s.", plural(points, "statement", "statements"), plural(lanes, "party", "parties"),
		first.Format(dayLayout), last.Format(dayLayout))
	for _, m := range marks {
		fmt.Fprintf(&b, " %s begins.", m.Label)
	}
	return b.String()
}

// ticks returns axis ticks at calendar boundaries, at most about ten.
func ticks(lo, hi time.Time, x func(time.Time) float64) []tlTick {
	days := hi.Sub(lo).Hours() / 24
	type step struct {
		max    float64
		y, m   int
		d      int
		layout string
	}
	steps := []step{
		{10, 0, 0, 1, shortDayLayout}, {20, 0, 0, 2, shortDayLayout}, {70, 0, 0, 7, shortDayLayout},
		{300, 0, 1, 0, monthLayout}, {900, 0, 3, 0, monthLayout}, {3650, 1, 0, 0, "2006"}, {math.Inf(1), 5, 0, 0, "2006"},
	}
	var st step
	for _, s := range steps {
		if days <= s.max {
			st = s
			break
		}
	}
	t := time.Date(lo.Year(), lo.Month(), lo.Day(), 0, 0, 0, 0, time.UTC)
	switch {
	case st.y > 0:
		t = time.Date(lo.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	case st.m > 0:
		t = time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	var out []tlTick
	for ; !t.After(hi); t = t.AddDate(st.y, st.m, st.d) {
		if t.Before(lo) {
			continue
		}
		out = append(out, tlTick{X: x(t), Label: t.Format(st.layout)})
	}
	return out
}
