package web

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// gVoice is one statement as the who-disputes-whom graph reads it.
type gVoice struct {
	Speaker string // "" = unattributed
	Party   string // party field ("RU", "RU,UA", "")
	Stance  string
	Echo    bool
	Target  int // index of the statement it answers, -1 = the claim's origin
}

// graphChart is a claim's who-disputes-whom graph as SVG: parties as hubs
// on a circle, their speakers around them, and an arrow from each speaker to
// the speaker they answer (confirms, contradicts, or repeats the claim).
// The layout is a pure function of the claim, so the same claim always
// draws the same picture.
type graphChart struct {
	ID       string
	X, Y     float64 // view origin: the drawing is cropped to what it holds
	W, H     float64
	Parties  []gParty
	Speakers []gSpeaker
	Members  []gLine
	Edges    []gEdge
	Desc     string
	Echoes   int
	Empty    bool
}

type gParty struct {
	X, Y, R float64
	Code    string
	Label   string // "Russia" under the hub
	Title   string
	Href    string
}

type gSpeaker struct {
	X, Y, R        float64
	Label          string
	LabelX, LabelY float64
	Anchor         string // text-anchor
	Title          string
	Href           string
	Origin         bool
	inward         bool // the label's first choice is to the right of the node
}

type gLine struct{ X1, Y1, X2, Y2 float64 }

type gEdge struct {
	Path   string
	Class  string // confirms, contradicts, repeats
	Width  float64
	Title  string
	Text   string // the same in words, for the list under the graph
	LabelX float64
	LabelY float64
	Count  int
}

// Graph geometry, in SVG units.
const (
	gWidth      = 800.0
	gHeight     = 520.0
	gPartyR     = 28.0
	gSpeakerR   = 9.0
	gHubRing    = 215.0 // parties on the outside,
	gVoiceRing  = 125.0 // their voices inside, the arguments between them
	gMaxPerSide = 7     // speakers drawn per party; the rest are summed up
)

// edgeKind is what a statement does to the one it answers.
func edgeKind(stance string) string {
	switch stance {
	case "deny", "not_confirmed", "retract":
		return "contradicts"
	case "confirm":
		return "confirms"
	}
	return "repeats"
}

// buildGraph lays out the voices of a claim. origin is the index of the
// claim's first statement (the one the others answer by default); partyName
// names a party code; speakerHref links a speaker's page.
func buildGraph(id string, vs []gVoice, origin int, partyName func(string) string, speakerHref, partyHref func(string) string) graphChart {
	g := graphChart{ID: id, W: gWidth, H: gHeight}
	type skey struct{ name, party string }
	keyOf := func(v gVoice) skey { return skey{strings.ToLower(strings.TrimSpace(v.Speaker)), v.Party} }
	// Speakers in order of first statement, echoes left out (reach, not
	// voices); parties ordered with the origin's first, then by size.
	idx := map[skey]int{}
	var speakers []skey
	count := map[skey]int{}
	names := map[skey]string{}
	for _, v := range vs {
		if v.Echo {
			g.Echoes++
			continue
		}
		k := keyOf(v)
		if _, ok := idx[k]; !ok {
			idx[k] = len(speakers)
			speakers = append(speakers, k)
			names[k] = v.Speaker
		}
		count[k]++
	}
	if len(speakers) == 0 {
		g.Empty = true
		return g
	}
	originKey := speakers[0]
	if origin >= 0 && origin < len(vs) && !vs[origin].Echo {
		originKey = keyOf(vs[origin])
	}
	// A speaker for several parties ("RU,UA") sits with the first and
	// is tied to each.
	firstParty := func(field string) string { p, _, _ := strings.Cut(field, ","); return strings.TrimSpace(p) }
	partySize := map[string]int{}
	var parties []string
	for _, k := range speakers {
		for _, p := range partyCodes(k.party) {
			if _, ok := partySize[p]; !ok {
				parties = append(parties, p)
			}
			partySize[p] += count[k]
		}
	}
	originParty := firstParty(originKey.party)
	slices.SortStableFunc(parties, func(a, b string) int {
		switch {
		case a == originParty:
			return -1
		case b == originParty:
			return 1
		case (a == "") != (b == ""):
			if a == "" {
				return 1
			}
			return -1
		case partySize[a] != partySize[b]:
			return partySize[b] - partySize[a]
		}
		return strings.Compare(a, b)
	})

	cx, cy := g.W/2, g.H/2
	hubR, voiceR := gHubRing, gVoiceRing
	if len(parties) == 1 {
		hubR, voiceR = 0, 150
	}
	pos := map[skey][2]float64{}
	hub := map[string][2]float64{}
	for i, p := range parties {
		theta := math.Pi + 2*math.Pi*float64(i)/float64(len(parties)) // the origin's party on the left
		hx, hy := cx+hubR*math.Cos(theta), cy+hubR*math.Sin(theta)
		name := ""
		if p != "" {
			name = partyName(p)
		}
		label := p
		if label == "" {
			label = "—"
		}
		gp := gParty{X: hx, Y: hy, R: gPartyR, Code: label, Label: clipText(orText(partyNameOnly(p, partyName), "no party"), 20),
			Title: fmt.Sprintf("%s: %s", orText(name, orText(p, "no party")), plural(partySize[p], "statement", "statements"))}
		if p != "" && partyHref != nil {
			gp.Href = partyHref(p)
		}
		g.Parties = append(g.Parties, gp)
		hub[p] = [2]float64{hx, hy}
		var mine []skey
		for _, k := range speakers {
			if firstParty(k.party) == p {
				mine = append(mine, k)
			}
		}
		shown := mine
		if len(shown) > gMaxPerSide {
			shown = shown[:gMaxPerSide]
		}
		span := 2 * math.Pi / float64(len(parties)) * 0.75
		if len(parties) == 1 {
			span = 2 * math.Pi * float64(len(shown)) / float64(len(shown)+1)
		}
		step := 0.0
		if len(shown) > 1 {
			step = min(span/float64(len(shown)-1), 0.42)
		}
		for j, k := range shown {
			a := theta + step*(float64(j)-float64(len(shown)-1)/2)
			sx, sy := cx+voiceR*math.Cos(a), cy+voiceR*math.Sin(a)
			if len(parties) == 1 {
				sx, sy = hx+voiceR*math.Cos(a), hy+voiceR*math.Sin(a)
			}
			pos[k] = [2]float64{sx, sy}
			sp := gSpeaker{X: sx, Y: sy, R: gSpeakerR + math.Min(float64(count[k]-1), 4), Origin: k == originKey}
			label := orText(names[k], "unattributed")
			sp.Label = clipText(label, 24)
			sp.Title = fmt.Sprintf("%s (%s): %s", label, partyLabel(p, partyName), plural(count[k], "statement", "statements"))
			if names[k] != "" && speakerHref != nil {
				sp.Href = speakerHref(names[k])
			}
			// Labels are placed once every node is known (placeLabels).
			sp.inward = math.Cos(a) <= 0 // the label's first choice: towards the centre
			if len(parties) == 1 {
				sp.inward = math.Cos(a) >= 0
			}
			g.Speakers = append(g.Speakers, sp)
		}
		if rest := len(mine) - len(shown); rest > 0 {
			for _, k := range mine[len(shown):] {
				pos[k] = [2]float64{hx, hy} // their arrows start at the hub
			}
			g.Parties[len(g.Parties)-1].Title += fmt.Sprintf(" (%d more speakers not drawn)", rest)
		}
	}

	for _, k := range speakers {
		sp, ok := pos[k]
		if !ok {
			continue
		}
		for _, p := range partyCodes(k.party) {
			if h := hub[p]; h != sp {
				g.Members = append(g.Members, gLine{h[0], h[1], sp[0], sp[1]})
			}
		}
	}

	// Edges: one per (speaker, target, kind), thicker for more statements.
	type ekey struct {
		from, to skey
		kind     string
	}
	var order []ekey
	n := map[ekey]int{}
	for i, v := range vs {
		if v.Echo {
			continue
		}
		from := keyOf(v)
		to := originKey
		if v.Target >= 0 && v.Target < len(vs) && v.Target != i {
			to = keyOf(vs[v.Target])
		}
		if from == to {
			continue
		}
		if _, ok := pos[to]; !ok {
			continue // an echo's speaker: not drawn
		}
		k := ekey{from, to, edgeKind(v.Stance)}
		if n[k] == 0 {
			order = append(order, k)
		}
		n[k]++
	}
	for _, k := range order {
		a, b := pos[k.from], pos[k.to]
		// Between parties a curve bent towards the centre, inside the
		// ring of hubs; within one party (or around a lone hub in the
		// centre) bent outwards, away from it; a little to the left of
		// its direction either way, so that answers in both directions
		// stay apart. It ends on the target's rim.
		mx, my := (a[0]+b[0])/2, (a[1]+b[1])/2
		ex, ey := b[0]-a[0], b[1]-a[1]
		qx, qy := mx+(cx-mx)*0.5-ey*0.12, my+(cy-my)*0.5+ex*0.12
		if firstParty(k.from.party) == firstParty(k.to.party) || len(parties) == 1 {
			qx, qy = mx-(cx-mx)*0.4-ey*0.12, my-(cy-my)*0.4+ex*0.12
		}
		dx, dy := b[0]-qx, b[1]-qy
		d := math.Hypot(dx, dy)
		end := b
		if d > 0 {
			r := gSpeakerR + 5
			end = [2]float64{b[0] - dx/d*r, b[1] - dy/d*r}
		}
		verb := k.kind
		what := fmt.Sprintf("%s (%s) %s %s (%s)", orText(names[k.from], "unattributed"), partyLabel(k.from.party, partyName), verb,
			orText(names[k.to], "unattributed"), partyLabel(k.to.party, partyName))
		if n[k] > 1 {
			what += fmt.Sprintf(", %d statements", n[k])
		}
		g.Edges = append(g.Edges, gEdge{
			Path:  fmt.Sprintf("M%s %s Q%s %s %s %s", num(a[0]), num(a[1]), num(qx), num(qy), num(end[0]), num(end[1])),
			Class: k.kind, Width: 1.5 + math.Min(float64(n[k]-1), 4)*0.8, Title: what, Text: what, Count: n[k],
			LabelX: (a[0] + 2*qx + b[0]) / 4, LabelY: (a[1] + 2*qy + b[1]) / 4,
		})
	}
	g.placeLabels()
	g.crop()
	g.Desc = fmt.Sprintf("%s from %s; %s.", plural(len(speakers), "speaker", "speakers"), plural(len(parties), "party", "parties"),
		plural(len(g.Edges), "relation", "relations"))
	return g
}

// partyNameOnly is the name of a party field, "" when unknown.
// partyCodes splits a party field into codes; no party is one "" code.
func partyCodes(field string) []string {
	var out []string
	for _, p := range strings.Split(field, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

func partyNameOnly(field string, names func(string) string) string {
	var out []string
	for _, p := range partyViews(field, names) {
		out = append(out, orText(p.Name, p.Code))
	}
	return strings.Join(out, ", ")
}

// crop fits the view to the drawing (nodes, labels, curves) with a margin.
func (g *graphChart) crop() {
	const charW, margin = 6.8, 14.0
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	grow := func(ax, ay, bx, by float64) {
		x0, y0, x1, y1 = min(x0, ax), min(y0, ay), max(x1, bx), max(y1, by)
	}
	for _, p := range g.Parties {
		w := max(float64(len([]rune(p.Label)))*charW/2, p.R)
		grow(p.X-w, p.Y-p.R, p.X+w, p.Y+p.R+22)
	}
	for _, s := range g.Speakers {
		grow(s.X-s.R, s.Y-s.R, s.X+s.R, s.Y+s.R)
		w := float64(len([]rune(s.Label))) * charW
		switch s.Anchor {
		case "end":
			grow(s.LabelX-w, s.LabelY-12, s.LabelX, s.LabelY+4)
		case "middle":
			grow(s.LabelX-w/2, s.LabelY-12, s.LabelX+w/2, s.LabelY+4)
		default:
			grow(s.LabelX, s.LabelY-12, s.LabelX+w, s.LabelY+4)
		}
	}
	for _, e := range g.Edges {
		grow(e.LabelX, e.LabelY, e.LabelX, e.LabelY)
	}
	if math.IsInf(x0, 0) {
		return
	}
	g.X, g.Y = x0-margin, y0-margin
	g.W, g.H = x1-x0+2*margin, y1-y0+2*margin
}

// placeLabels puts each speaker's label beside, under or over its node,
// wherever it overlaps least with the labels already placed, the hubs and
// the other nodes (first choice: the side towards the centre, away from its
// party's hub).
func (g *graphChart) placeLabels() {
	const charW = 6.8
	type box struct{ x0, y0, x1, y1 float64 }
	area := func(a, b box) float64 {
		w := math.Min(a.x1, b.x1) - math.Max(a.x0, b.x0)
		h := math.Min(a.y1, b.y1) - math.Max(a.y0, b.y0)
		if w <= 0 || h <= 0 {
			return 0
		}
		return w * h
	}
	var taken []box
	for _, p := range g.Parties {
		taken = append(taken, box{p.X - p.R, p.Y - p.R, p.X + p.R, p.Y + p.R + 18})
	}
	for _, s := range g.Speakers {
		taken = append(taken, box{s.X - s.R, s.Y - s.R, s.X + s.R, s.Y + s.R})
	}
	for i := range g.Speakers {
		s := &g.Speakers[i]
		w := float64(len([]rune(s.Label))) * charW
		type cand struct {
			anchor string
			x, y   float64
			b      box
		}
		right := cand{"start", s.X + s.R + 5, s.Y + 4, box{s.X + s.R + 5, s.Y - 8, s.X + s.R + 5 + w, s.Y + 6}}
		left := cand{"end", s.X - s.R - 5, s.Y + 4, box{s.X - s.R - 5 - w, s.Y - 8, s.X - s.R - 5, s.Y + 6}}
		below := cand{"middle", s.X, s.Y + s.R + 14, box{s.X - w/2, s.Y + s.R + 3, s.X + w/2, s.Y + s.R + 17}}
		above := cand{"middle", s.X, s.Y - s.R - 6, box{s.X - w/2, s.Y - s.R - 18, s.X + w/2, s.Y - s.R - 4}}
		cands := []cand{right, left, below, above}
		if !s.inward {
			cands = []cand{left, right, below, above}
		}
		best, bestCost := cands[0], math.Inf(1)
		for _, c := range cands {
			cost := 0.0
			for j, t := range taken {
				if j == len(g.Parties)+i {
					continue // its own node
				}
				cost += area(c.b, t)
			}
			if cost < bestCost-0.5 {
				best, bestCost = c, cost
			}
		}
		s.Anchor, s.LabelX, s.LabelY = best.anchor, best.x, best.y
		taken = append(taken, best.b)
	}
}
