package web

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/crosscheck/crosscheck/internal/gazetteer"
	"github.com/crosscheck/crosscheck/internal/httpio"
	"github.com/crosscheck/crosscheck/internal/store"
)

// The map's data, built by tools/worldmap (see data/NOTICE): country
// outlines from Natural Earth (public domain) through world-atlas, and the
// coordinates of the gazetteer's places from GeoNames (CC BY 4.0).
var (
	//go:embed data/countries.tsv
	countriesTSV []byte
	//go:embed data/places.tsv.gz
	placesGz []byte
)

// mapScale is the size of the projected world: SVG units per unit of the
// Natural Earth projection (whose world is about 5.5 × 2.9 units).
const mapScale = 1000.0

// worldMap is the parsed map data, shared read-only by every request.
type worldMap struct {
	outline   string // the world's edge, projected
	countries []mapCountry
	byCode    map[string]int
	places    map[int][2]float64    // GeoNames id → lat, lon
	regions   map[string][2]float64 // admin1 code → lat, lon
	centres   map[string][2]float64 // country code → lat, lon
}

type mapCountry struct {
	Code, Name string
	Path       string     // projected outline, SVG path data
	Box        [4]float64 // projected bounds: minX, minY, maxX, maxY
}

// project is the Natural Earth projection (Šavrič, Jenny, Patterson,
// Petrovič, Hurni 2011), in SVG units with y down.
func project(lat, lon float64) (x, y float64) {
	phi, lam := lat*math.Pi/180, lon*math.Pi/180
	p2 := phi * phi
	p4 := p2 * p2
	x = lam * (0.8707 - 0.131979*p2 + p4*(-0.013791+p4*(0.003971*p2-0.001529*p4)))
	y = phi * (1.007226 + p2*(0.015085+p4*(-0.044475+0.028874*p2-0.005916*p4)))
	return x * mapScale, -y * mapScale
}

func loadWorldMap() (*worldMap, error) {
	m := &worldMap{outline: worldOutline(), byCode: map[string]int{}, places: map[int][2]float64{}, regions: map[string][2]float64{}, centres: map[string][2]float64{}}
	sc := bufio.NewScanner(bytes.NewReader(countriesTSV))
	sc.Buffer(make([]byte, 1<<20), 4<<20)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" || t[0] == '#' {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("web: data/countries.tsv line %d: want 4 fields", line)
		}
		c := mapCountry{Code: strings.Trim(f[0], "-"), Name: f[2], Box: [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}}
		var b strings.Builder
		for _, poly := range strings.Split(f[3], "|") {
			for _, ring := range strings.Split(poly, ";") {
				pts, err := parseRing(ring)
				if err != nil {
					return nil, fmt.Errorf("web: data/countries.tsv line %d: %w", line, err)
				}
				// A ring unwrapped across the antimeridian is drawn
				// again on the other side; the world's outline clips both.
				lo, hi := math.Inf(1), math.Inf(-1)
				for _, q := range pts {
					lo, hi = min(lo, q[0]), max(hi, q[0])
				}
				shifts := []float64{0}
				if hi > 180 {
					shifts = append(shifts, -360)
				}
				if lo < -180 {
					shifts = append(shifts, 360)
				}
				for _, sh := range shifts {
					for i, q := range pts {
						x, y := project(q[1], q[0]+sh)
						if sh == 0 {
							c.Box = [4]float64{min(c.Box[0], x), min(c.Box[1], y), max(c.Box[2], x), max(c.Box[3], y)}
						}
						if i == 0 {
							b.WriteByte('M')
						} else {
							b.WriteByte('L')
						}
						b.WriteString(strconv.Itoa(int(math.Round(x))))
						b.WriteByte(' ')
						b.WriteString(strconv.Itoa(int(math.Round(y))))
					}
					b.WriteByte('Z')
				}
			}
		}
		c.Path = b.String()
		if c.Code != "" {
			if _, dup := m.byCode[c.Code]; !dup {
				m.byCode[c.Code] = len(m.countries)
			}
		}
		m.countries = append(m.countries, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("web: data/countries.tsv: %w", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(placesGz))
	if err != nil {
		return nil, fmt.Errorf("web: data/places.tsv.gz: %w", err)
	}
	sc = bufio.NewScanner(zr)
	line = 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" || t[0] == '#' {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("web: data/places.tsv.gz line %d: want 4 fields", line)
		}
		lat, err1 := strconv.Atoi(f[2])
		lon, err2 := strconv.Atoi(f[3])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("web: data/places.tsv.gz line %d: bad coordinates", line)
		}
		ll := [2]float64{float64(lat) / 100, float64(lon) / 100}
		switch f[0] {
		case "P":
			id, err := strconv.Atoi(f[1])
			if err != nil {
				return nil, fmt.Errorf("web: data/places.tsv.gz line %d: bad id", line)
			}
			m.places[id] = ll
		case "A":
			m.regions[f[1]] = ll
		case "C":
			m.centres[f[1]] = ll
		default:
			return nil, fmt.Errorf("web: data/places.tsv.gz line %d: unknown record %q", line, f[0])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("web: data/places.tsv.gz: %w", err)
	}
	if len(m.countries) < 200 || len(m.places) < 1000 {
		return nil, fmt.Errorf("web: map data incomplete: %d countries, %d places", len(m.countries), len(m.places))
	}
	return m, nil
}

// parseRing reads "lon,lat lon,lat …" in hundredths of a degree.
func parseRing(ring string) ([][2]float64, error) {
	var out [][2]float64
	for _, pt := range strings.Fields(ring) {
		lo, la, ok := strings.Cut(pt, ",")
		lon, err1 := strconv.Atoi(lo)
		lat, err2 := strconv.Atoi(la)
		if !ok || err1 != nil || err2 != nil {
			return nil, fmt.Errorf("bad point %q", pt)
		}
		out = append(out, [2]float64{float64(lon) / 100, float64(lat) / 100})
	}
	return out, nil
}

// worldOutline is the projected edge of the world (the ±180° meridians
// and the poles), the clip path of the country shapes.
func worldOutline() string {
	var b strings.Builder
	for lat := -90; lat <= 90; lat += 2 {
		x, y := project(float64(lat), -180)
		cmd := "L"
		if lat == -90 {
			cmd = "M"
		}
		fmt.Fprintf(&b, "%s%d %d", cmd, int(math.Round(x)), int(math.Round(y)))
	}
	for lat := 90; lat >= -90; lat -= 2 {
		x, y := project(float64(lat), 180)
		fmt.Fprintf(&b, "L%d %d", int(math.Round(x)), int(math.Round(y)))
	}
	b.WriteByte('Z')
	return b.String()
}

// coordinates returns where a resolved place lies.
func (m *worldMap) coordinates(p gazetteer.Place) ([2]float64, bool) {
	var ll [2]float64
	var ok bool
	switch p.Kind {
	case gazetteer.KindCity:
		ll, ok = m.places[p.ID]
	case gazetteer.KindAdmin1:
		ll, ok = m.regions[p.Admin1]
	case gazetteer.KindCountry:
		ll, ok = m.centres[p.Country]
	}
	return ll, ok
}

// mapView is the /map page's SVG and lists.
type mapView struct {
	Outline   string // clip path: the world's edge
	Mode      string // viewFocus, viewAll or viewWorld
	Hidden    int    // dots outside the view
	ViewBox   string
	X, Y      float64 // view origin
	W, H      float64 // view size
	Unit      float64 // SVG units per CSS pixel at the page's 960-unit width
	Countries []mapShape
	Points    []mapPoint
	Labels    []mapPoint
	Places    []mapPoint // every place, most named first (the list under the map)
	Unplaced  []store.PlaceCount
	Desc      string
	World     bool
}

type mapShape struct {
	Path  string
	Class string
	Href  string
	Title string
	Named bool
}

type mapPoint struct {
	X, Y, R float64
	Name    string
	Kind    string
	Country string
	Claims  int
	Href    string
	Title   string
	Size    float64 // label font size in view units
	Class   string
}

// titleCase turns a stored lower-case place name back into a name the
// gazetteer reads ("kursk oblast" → "Kursk Oblast", "us" → "US").
func titleCase(s string) string {
	words := strings.Fields(s)
	if len(words) == 1 && len(s) <= 3 {
		return strings.ToUpper(s)
	}
	for i, w := range words {
		if i > 0 && (w == "of" || w == "and" || w == "the" || w == "de" || w == "on") {
			continue
		}
		parts := strings.Split(w, "-")
		for j, p := range parts {
			if p != "" {
				r := []rune(p)
				parts[j] = strings.ToUpper(string(r[0])) + string(r[1:])
			}
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

func (w *Web) worldMapPage(rw http.ResponseWriter, r *http.Request) {
	f, err := httpio.ClaimFilter(r)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if w.Reviews == nil {
		f.Review = ""
	}
	m, err := w.mapData()
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	var counts []store.PlaceCount
	if w.Places != nil {
		if counts, err = w.Places.ClaimPlaces(r.Context(), f, 500); err != nil {
			w.fail(rw, r, err)
			return
		}
	}
	total := 0
	if _, n, err := w.Store.Claims(r.Context(), store.ClaimFilter{Status: f.Status, Party: f.Party, Speaker: f.Speaker, Place: f.Place,
		Article: f.Article, Since: f.Since, Until: f.Until, Q: f.Q, Review: f.Review, Limit: 1}); err == nil {
		total = n
	}
	// A text query counts up to store.TextCountCap: "over 1000".
	total, totalOver := store.ShownCount(f, total)
	view := r.URL.Query().Get("view")
	if view != viewAll && view != viewWorld {
		view = viewFocus
	}
	v := w.layoutMap(m, counts, f, view)
	w.render(rw, r, http.StatusOK, "map", map[string]any{
		"Title": "Map", "Map": v, "F": f, "Total": total, "TotalOver": totalOver, "Reviewable": w.Reviews != nil,
		"Statuses": httpio.Statuses(), "BoardHref": "/?" + filterQuery(f),
		"Views":       []option{{viewFocus, "where most claims are"}, {viewAll, "every place"}, {viewWorld, "the world"}},
		"FilterQuery": filterQuery(f),
	})
}

// Map views: around the places that hold most of the claims (the
// default), around every place, or the whole world.
const (
	viewFocus = ""
	viewAll   = "all"
	viewWorld = "world"
)

// layoutMap places the named places and fits the view around them.
// Countries are shaded by the claims that name them; cities and regions
// are dots sized by their claims; the most named get a label where it does
// not overlap another.
func (w *Web) layoutMap(m *worldMap, counts []store.PlaceCount, f store.ClaimFilter, view string) mapView {
	v := mapView{Outline: m.outline, Mode: view}
	named := map[string]int{} // country code → claims naming the country
	maxN := 1
	for _, pc := range counts {
		maxN = max(maxN, pc.Claims)
	}
	boardHref := func(place string) string {
		g := f
		g.Place = place
		return "/?" + filterQuery(g)
	}
	// One row per place: "US", "U.S." and "United States" are stored as
	// separate names but are one country on the map. The names come most
	// claimed first, so a merged row links to the board by its commonest
	// name; its count adds the names' counts (a claim that uses two names
	// of one place counts twice, which the title says).
	type merged struct {
		p       gazetteer.Place
		name    string // the gazetteer's name
		link    string // the stored name the board filters by
		claims  int
		aliases []string
	}
	var places []*merged
	byPlace := map[string]*merged{}
	for _, pc := range counts {
		name := titleCase(pc.Name)
		var p gazetteer.Place
		ok := false
		if w.Gazetteer != nil {
			p, ok = w.Gazetteer.LookupMinor(name)
		}
		if ok {
			_, ok = m.coordinates(p)
		}
		if !ok {
			v.Unplaced = append(v.Unplaced, store.PlaceCount{Name: name, Claims: pc.Claims})
			continue
		}
		key := fmt.Sprintf("%s\x00%d\x00%s\x00%s", p.Kind, p.ID, p.Admin1, p.Country)
		if e := byPlace[key]; e != nil {
			e.claims += pc.Claims
			e.aliases = append(e.aliases, name)
			continue
		}
		e := &merged{p: p, name: p.Name, link: pc.Name, claims: pc.Claims, aliases: []string{name}}
		byPlace[key] = e
		places = append(places, e)
	}
	slices.SortStableFunc(places, func(a, b *merged) int { return b.claims - a.claims })
	var dots []mapPoint
	for _, e := range places {
		p := e.p
		maxN = max(maxN, e.claims)
		ll, _ := m.coordinates(p)
		x, y := project(ll[0], ll[1])
		country := w.countryName(p.Country)
		kind := map[string]string{gazetteer.KindCity: "city", gazetteer.KindAdmin1: "region", gazetteer.KindCountry: "country"}[p.Kind]
		title := fmt.Sprintf("%s (%s%s): %s", e.name, kind, ifText(country != "" && p.Kind != gazetteer.KindCountry, ", "+country), plural(e.claims, "claim", "claims"))
		if len(e.aliases) > 1 {
			title += " under the names " + strings.Join(e.aliases, ", ")
		}
		pt := mapPoint{X: x, Y: y, Name: e.name, Kind: kind, Country: country, Claims: e.claims,
			Href: boardHref(e.link), Title: title, Class: "pt kind-" + p.Kind}
		v.Places = append(v.Places, pt)
		if p.Kind == gazetteer.KindCountry {
			named[p.Country] += e.claims // shaded, not a dot
		} else {
			dots = append(dots, pt)
		}
	}

	// The view, in the page's proportions.
	const aspect = 960.0 / 560.0
	fit := dots
	if len(fit) == 0 {
		fit = v.Places // only countries: fit their centres
	}
	if view == viewFocus && len(fit) > 3 {
		fit = focus(fit)
	}
	if len(fit) == 0 || view == viewWorld {
		v.World = true
		v.X, v.Y, v.W, v.H = -2800, -1520, 5600, 5600/aspect
	} else {
		x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, p := range fit {
			x0, y0, x1, y1 = min(x0, p.X), min(y0, p.Y), max(x1, p.X), max(y1, p.Y)
		}
		pad := max(x1-x0, y1-y0)*0.12 + 40
		x0, y0, x1, y1 = x0-pad, y0-pad, x1+pad, y1+pad
		width, height := max(x1-x0, 300.0), max(y1-y0, 300.0/aspect)
		if width/height < aspect {
			width = height * aspect
		} else {
			height = width / aspect
		}
		width, height = min(width, 5600), min(height, 5600/aspect)
		cx, cy := (x0+x1)/2, (y0+y1)/2
		v.X, v.Y, v.W, v.H = cx-width/2, cy-height/2, width, height
	}
	v.Unit = v.W / 960
	v.ViewBox = fmt.Sprintf("%s %s %s %s", num(v.X), num(v.Y), num(v.W), num(v.H))
	for _, c := range m.countries {
		if c.Box[2] < v.X || c.Box[0] > v.X+v.W || c.Box[3] < v.Y || c.Box[1] > v.Y+v.H {
			continue // outside the view
		}
		sh := mapShape{Path: c.Path, Class: "land", Title: c.Name}
		if n := named[c.Code]; n > 0 && c.Code != "" {
			lvl := 1 + int(math.Round(3*float64(n)/float64(maxN)))
			sh.Class = fmt.Sprintf("land named lvl-%d", min(lvl, 4))
			sh.Named = true
			sh.Href = boardHref(strings.ToLower(orText(w.countryName(c.Code), c.Name)))
			sh.Title = fmt.Sprintf("%s: named in %s", c.Name, plural(n, "claim", "claims"))
		}
		v.Countries = append(v.Countries, sh)
	}
	// Dots: bigger for more claims, the biggest drawn first so that the
	// small ones on top stay clickable.
	for i := range dots {
		dots[i].R = (3 + 1.6*math.Sqrt(float64(dots[i].Claims))) * v.Unit
		dots[i].Size = 12 * v.Unit
	}
	slices.SortStableFunc(dots, func(a, b mapPoint) int { return b.Claims - a.Claims })
	v.Points = dots
	// Labels: the most named first, skipping any that would overlap a
	// label already placed or fall outside the view.
	type box struct{ x0, y0, x1, y1 float64 }
	var placed []box
	for _, p := range dots {
		if len(v.Labels) >= 14 {
			break
		}
		lw := float64(len([]rune(p.Name))) * 6.8 * v.Unit
		b := box{p.X + p.R + 2*v.Unit, p.Y - 9*v.Unit, p.X + p.R + 2*v.Unit + lw, p.Y + 5*v.Unit}
		if b.x1 > v.X+v.W || b.x0 < v.X || b.y0 < v.Y || b.y1 > v.Y+v.H {
			continue
		}
		clash := false
		for _, o := range placed {
			if b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1 {
				clash = true
				break
			}
		}
		if clash {
			continue
		}
		placed = append(placed, b)
		l := p
		l.X, l.Y = b.x0, p.Y+4*v.Unit
		v.Labels = append(v.Labels, l)
	}
	inView := 0
	for _, p := range dots {
		if p.X >= v.X && p.X <= v.X+v.W && p.Y >= v.Y && p.Y <= v.Y+v.H {
			inView++
		}
	}
	v.Desc = fmt.Sprintf("%s and %s; %d of the dots in this view.", plural(len(dots), "city or region", "cities and regions"),
		plural(len(named), "country", "countries"), inView)
	v.Hidden = len(dots) - inView
	return v
}

// focus returns the places the map should centre on: those near the most
// named place (within about 25°), when they hold at least half of the
// claims; else the most named places that together hold 70% of them. A
// few far mentions then do not zoom the map out to the whole world.
func focus(pts []mapPoint) []mapPoint {
	sorted := slices.Clone(pts)
	slices.SortStableFunc(sorted, func(a, b mapPoint) int { return b.Claims - a.Claims })
	total := 0
	for _, p := range sorted {
		total += p.Claims
	}
	const near = 0.45 * mapScale // about 25° near the equator
	var local []mapPoint
	n := 0
	for _, p := range sorted {
		if math.Hypot(p.X-sorted[0].X, p.Y-sorted[0].Y) <= near {
			local = append(local, p)
			n += p.Claims
		}
	}
	if 2*n >= total {
		return local
	}
	acc, k := 0, 0
	for k < len(sorted) && (acc*10 < total*7 || k < 3) {
		acc += sorted[k].Claims
		k++
	}
	return sorted[:k]
}

func ifText(ok bool, s string) string {
	if ok {
		return s
	}
	return ""
}
