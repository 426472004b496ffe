// Command echocheck scores a ledger's echoes (re-published copies) against
// what bench/synth generated: synth writes each re-publication as its
// original's text plus a line "This article was first published by …",
// so the corpus itself says which articles are copies and of which
// original. It reads the corpus (the JSON Lines files of a synth output
// folder) and the ledger of an SQLite database that ingested it, and prints
// how many of the ledger's echoes are such copies placed in their
// original's family (precision) and how many copies are (recall).
//
//	go run ./bench/echocheck -in /tmp/crosscheck-scale/synth-10000 -db /tmp/crosscheck-scale/scale_10000.db
//
// Two originals of synth share paragraphs (it recombines the paragraphs of
// a few hundred real articles), so an echo between them is a wrong echo
// here: that is what a re-publication window on echoes is measured by.
package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite"
)

// republished is the line bench/synth appends to a re-publication.
const republished = "\n\nThis article was first published by "

func main() {
	in := flag.String("in", "", "folder of the bench/synth JSON Lines files")
	db := flag.String("db", "", "SQLite database that ingested them")
	flag.Parse()
	if *in == "" || *db == "" {
		fmt.Fprintln(os.Stderr, "usage: echocheck -in SYNTH_DIR -db FILE.db")
		os.Exit(2)
	}
	if err := run(context.Background(), *in, *db); err != nil {
		fmt.Fprintln(os.Stderr, "echocheck:", err)
		os.Exit(1)
	}
}

// truth maps each re-publication's URL to the URLs of the originals whose
// text it copies (several when synth drew the same paragraphs twice).
func truth(in string) (map[string][]string, int, error) {
	files, err := filepath.Glob(filepath.Join(in, "*.jsonl"))
	if err != nil || len(files) == 0 {
		return nil, 0, fmt.Errorf("no .jsonl files in %s", in)
	}
	type article struct{ URL, Text string }
	var arts []article
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, 0, err
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			var a article
			if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
				fh.Close()
				return nil, 0, fmt.Errorf("%s: %w", f, err)
			}
			arts = append(arts, a)
		}
		err = sc.Err()
		fh.Close()
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", f, err)
		}
	}
	originals := map[string][]string{}
	for _, a := range arts {
		if !strings.Contains(a.Text, republished) {
			originals[a.Text] = append(originals[a.Text], a.URL)
		}
	}
	out := map[string][]string{}
	for _, a := range arts {
		if i := strings.LastIndex(a.Text, republished); i >= 0 {
			out[a.URL] = originals[a.Text[:i]]
		}
	}
	return out, len(arts), nil
}

func run(ctx context.Context, in, path string) error {
	copies, n, err := truth(in)
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT article_k, url, family_k FROM ledger_docs`)
	if err != nil {
		return fmt.Errorf("reading the ledger: %w", err)
	}
	defer rows.Close()
	family := map[string]int64{} // url → family root
	var echoes []string
	for rows.Next() {
		var k, fam int64
		var url string
		if err := rows.Scan(&k, &url, &fam); err != nil {
			return err
		}
		family[url] = fam
		if fam != k {
			echoes = append(echoes, url)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	// inFamily: url is a copy in the family of one of its originals.
	inFamily := func(url string) bool {
		fam, ok := family[url]
		if !ok {
			return false
		}
		for _, o := range copies[url] {
			if f, ok := family[o]; ok && f == fam {
				return true
			}
		}
		return false
	}
	right := 0
	for _, u := range echoes {
		if inFamily(u) {
			right++
		}
	}
	found := 0
	for u := range copies {
		if inFamily(u) {
			found++
		}
	}
	fmt.Printf("%d articles in the corpus, %d in the ledger; %d re-publications, %d echoes\n", n, len(family), len(copies), len(echoes))
	fmt.Printf("precision %.3f (%d echoes in their original's family)\n", ratio(right, len(echoes)), right)
	fmt.Printf("recall    %.3f (%d re-publications found)\n", ratio(found, len(copies)), found)
	return nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
