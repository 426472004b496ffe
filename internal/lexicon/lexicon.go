// Package lexicon reads the tab-separated data files that crosscheck's
// stages embed (cue verbs, boilerplate rules, gazetteers). Each stage owns
// its data under internal/<stage>/data and embeds it with go:embed; this
// package gives them one reader so every file follows the same format:
//
//   - UTF-8, one record a line, fields separated by a tab;
//   - blank lines and lines starting with '#' are comments (each file starts
//     with a comment naming its source and licence);
//   - trailing white space on a line is ignored.
package lexicon

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// ReadTSV calls fn for every record of the named file in fsys, with the
// record's fields and its 1-based line number. A name ending in .gz is
// decompressed. It stops at the first error fn returns, wrapped with the
// file name and line.
func ReadTSV(fsys fs.FS, name string, fn func(line int, fields []string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("lexicon: %s: %w", name, err)
		}
		defer zr.Close()
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), " \t\r")
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if err := fn(line, strings.Split(s, "\t")); err != nil {
			return fmt.Errorf("lexicon: %s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("lexicon: %s: %w", name, err)
	}
	return nil
}
