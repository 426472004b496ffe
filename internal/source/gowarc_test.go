package source

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nlnwa/gowarc/v2"
)

// TestWARCAgainstGowarc checks the generated fixtures and our reader against
// an independent WARC implementation: nlnwa/gowarc must find the same
// records, of the same types, at the same offsets.
func TestWARCAgainstGowarc(t *testing.T) {
	t.Parallel()
	for _, compressed := range []bool{false, true} {
		file, offs := layout(testWARC(), compressed)
		p := filepath.Join(t.TempDir(), "x.warc")
		if compressed {
			p += ".gz"
		}
		if err := os.WriteFile(p, file, 0o644); err != nil {
			t.Fatal(err)
		}
		wf, err := gowarc.NewWarcFileReader(p, 0)
		if err != nil {
			t.Fatal(err)
		}
		var theirs []int64
		var types []string
		for {
			rec, off, val, err := wf.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("gowarc: offset %d: %v", off, err)
			}
			// The fixture writes one target URI in the WARC/1.0 "<uri>"
			// form on purpose (our reader must accept it); gowarc flags it.
			if val != nil && !val.Valid() && !strings.Contains(val.String(), "'<https://news.example.com/gz>'") {
				t.Errorf("gowarc: record at %d not valid: %v", off, val)
			}
			theirs = append(theirs, off)
			types = append(types, rec.Type().String())
			rec.Close()
		}
		wf.Close()

		r := newWARCReader(bytes.NewReader(file), compressed, warcLimits{Block: 1 << 20})
		for i := 0; ; i++ {
			rec, err := r.Next()
			if err == io.EOF {
				if i != len(theirs) {
					t.Errorf("gz=%v: we read %d records, gowarc %d", compressed, i, len(theirs))
				}
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if i >= len(theirs) || rec.Offset != theirs[i] || rec.Offset != int64(offs[i]) || rec.Header.Get("WARC-Type") != types[i] {
				t.Errorf("gz=%v record %d: ours at %d (%s), gowarc %v %v", compressed, i, rec.Offset, rec.Header.Get("WARC-Type"), theirs, types)
			}
		}
	}
}
