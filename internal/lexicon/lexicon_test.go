package lexicon

import (
	"errors"
	"slices"
	"testing"
	"testing/fstest"
)

func TestReadTSV(t *testing.T) {
	fsys := fstest.MapFS{"a.tsv": {Data: []byte("# source: test\n\nsay\tassert  \n\n#x\nconfirm\tconfirm\textra\n")}}
	var got [][]string
	var lines []int
	err := ReadTSV(fsys, "a.tsv", func(line int, f []string) error {
		got = append(got, f)
		lines = append(lines, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"say", "assert"}, {"confirm", "confirm", "extra"}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if !slices.Equal(lines, []int{3, 6}) {
		t.Fatalf("lines %v", lines)
	}
	boom := errors.New("boom")
	err = ReadTSV(fsys, "a.tsv", func(int, []string) error { return boom })
	if !errors.Is(err, boom) || err.Error() != "lexicon: a.tsv:3: boom" {
		t.Fatalf("err = %v", err)
	}
	if err := ReadTSV(fsys, "missing.tsv", nil); err == nil {
		t.Fatal("missing file: no error")
	}
}
