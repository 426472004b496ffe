// Command analysisdict trains the zstd dictionary the store compresses
// articles' analyses with (internal/store/sqlstore/analysis.dict): it
// analyzes the English Wikinews articles of the shared corpora (Creative
// Commons Attribution 2.5, the only news texts the repository may ship a
// derivative of), writes each analysis in its stored form
// (sqlstore.AnalysisSample) as a sample, and runs `zstd --train` on them.
// The zstd command line tool (Debian's zstd) trains deterministically:
// the same samples give the same dictionary.
//
//	go run ./tools/analysisdict -wikinews ../shared/corpora/wikinews
package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/crosscheck/crosscheck"
	"github.com/crosscheck/crosscheck/internal/analyze"
	"github.com/crosscheck/crosscheck/internal/store/sqlstore"
)

func main() {
	wikinews := flag.String("wikinews", "../shared/corpora/wikinews", "folder of wikinews_2019.csv and wikinews_2020.csv")
	out := flag.String("out", "internal/store/sqlstore/analysis.dict", "the dictionary to write")
	size := flag.Int("size", 64<<10, "largest dictionary size in bytes")
	id := flag.Uint("id", 0x61640002, "dictionary id written into it (sqlstore.analysisDictID)")
	flag.Parse()
	if err := run(context.Background(), *wikinews, *out, *size, uint32(*id)); err != nil {
		fmt.Fprintln(os.Stderr, "analysisdict:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, wikinews, out string, size int, id uint32) error {
	z, err := analyze.New(analyze.Options{})
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "analysisdict")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var samples []string
	for _, name := range []string{"wikinews_2019.csv", "wikinews_2020.csv"} {
		rows, err := readCSV(filepath.Join(wikinews, name))
		if err != nil {
			return err
		}
		for _, r := range rows {
			a, err := z.Analyze(ctx, crosscheck.Document{Body: []byte(r.text), URL: r.url, Site: "Wikinews",
				Title: r.title, Published: r.date, ContentType: "text/plain"})
			if err != nil {
				// An article extraction refuses (empty, too short) is no
				// sample; the others still are.
				fmt.Fprintf(os.Stderr, "analysisdict: skip %s: %v\n", r.url, err)
				continue
			}
			b, err := sqlstore.AnalysisSample(a)
			if err != nil {
				return err
			}
			p := filepath.Join(dir, strconv.Itoa(len(samples))+".json")
			if err := os.WriteFile(p, b, 0o644); err != nil {
				return err
			}
			samples = append(samples, p)
		}
	}
	if len(samples) == 0 {
		return fmt.Errorf("%s: no articles", wikinews)
	}
	args := append([]string{"-q", "-f", "--train", "-o", out, "--maxdict=" + strconv.Itoa(size),
		"--dictID=" + strconv.FormatUint(uint64(id), 10)}, samples...)
	cmd := exec.CommandContext(ctx, "zstd", args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("zstd --train: %w", err)
	}
	st, err := os.Stat(out)
	if err != nil {
		return err
	}
	fmt.Printf("%s: %d bytes from %d analyses\n", out, st.Size(), len(samples))
	return nil
}

type row struct{ url, date, title, text string }

// readCSV reads a Wikinews file: url, date, title, text.
func readCSV(path string) ([]row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, h := range []string{"url", "date", "title", "text"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("%s: no column %q", path, h)
		}
	}
	var out []row
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, row{url: rec[col["url"]], date: rec[col["date"]], title: rec[col["title"]], text: rec[col["text"]]})
	}
}
