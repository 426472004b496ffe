package gazetteer

import (
	"bytes"
	"compress/gzip"
	"testing"
	"testing/fstest"
)

// tinyFS is a minimal, valid data set: LoadFS must accept it, and FuzzLoadFS
// replaces one of its files with fuzzed bytes.
func tinyFS(t testing.TB) fstest.MapFS {
	t.Helper()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, err := zw.Write([]byte("# h\nC\tRU\tRussia\nA\tRU.41\tKursk\t409431\n" +
		"P\t524901\tRU\tRU.48\tPPLC\t10381222\tMoscow\t\nP\t538560\tRU\tRU.41\tPPLA\t409431\tKursk\t\n"))
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return fstest.MapFS{
		fileGeoNames:  {Data: gz.Bytes()},
		fileCountries: {Data: []byte("# h\nRU\tRussia\tRussian Federation\tRussian\tRussians\n")},
		fileAdmin1:    {Data: []byte("# h\nRU.41\tKursk Oblast\t-\n")},
		fileAliases:   {Data: []byte("# h\nKursk City\t538560\nMoskva\tMoscow@RU\n")},
		fileSeats:     {Data: []byte("# h\nMoscow\tRU\tcapital\tyes\nKremlin\tRU\tseat\tyes\n")},
		fileStoplist:  {Data: []byte("# h\nMost\tnever\tMost, CZ\n")},
	}
}

func TestTinyFS(t *testing.T) {
	g, err := LoadFS(tinyFS(t))
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := g.Lookup("Kursk region"); !ok || p.Name != "Kursk Oblast" || p.Population != 409431 {
		t.Errorf("Lookup(Kursk region) = %+v, %v", p, ok)
	}
	if p, ok := g.Lookup("Moskva"); !ok || p.ID != 524901 {
		t.Errorf("Lookup(Moskva) = %+v, %v", p, ok)
	}
	if iso, ok := g.Country("the Kremlin"); !ok || iso != "RU" {
		t.Errorf("Country(the Kremlin) = %q, %v", iso, ok)
	}
}

// FuzzLoadFS feeds arbitrary bytes to the loader as one of the hand-written
// files (or the uncompressed GeoNames extract): it must return a Gazetteer
// or an error, never panic.
func FuzzLoadFS(f *testing.F) {
	names := []string{fileCountries, fileAdmin1, fileAliases, fileSeats, fileStoplist, fileGeoNames}
	base := tinyFS(f)
	for i, n := range names {
		if n != fileGeoNames {
			f.Add(uint8(i), base[n].Data)
		}
	}
	f.Add(uint8(5), []byte("C\tRU\nA\tRU.41\tx\ty\nP\t1\tRU\nQ\n"))
	f.Add(uint8(3), []byte("X\tRU\tcapital\tyes\t\t@\n"))
	f.Add(uint8(2), []byte("A\t@RU\nB\tRU.99\nC\t12x\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		fsys := tinyFS(t)
		name := names[int(which)%len(names)]
		if name == fileGeoNames {
			var gz bytes.Buffer
			zw := gzip.NewWriter(&gz)
			zw.Write(data)
			zw.Close()
			data = gz.Bytes()
		}
		fsys[name] = &fstest.MapFile{Data: data}
		g, err := LoadFS(fsys)
		if err != nil {
			return
		}
		for _, q := range []string{"Kursk", "Kursk region", "Russia's", "Moscow", string(data)} {
			g.Lookup(q)
			g.Country(q)
			g.Demonym(q)
			g.Seat(q)
		}
	})
}
