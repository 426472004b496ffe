package source

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/crosscheck/crosscheck"
)

// fileMeta is the sidecar metadata of a document file: the fields of a
// JSON Lines ingest line that describe the article rather than carry it.
type fileMeta struct {
	URL       string `json:"url"`
	Site      string `json:"site"`
	Section   string `json:"section"`
	Published string `json:"published"`
	Title     string `json:"title"`
	Language  string `json:"language"`
}

// Compiled once; read-only.
var (
	basicStamp = regexp.MustCompile(`^(\d{8}T\d{6}Z)`)
	isoDate    = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(?:[^0-9]|$)`)
)

// fileHints fills what the file system says about a document file: a
// sidecar metadata file, else a publication time at the start of the file
// name. Scrapers commonly save pages that way: "<name>.meta.json" (or
// "meta.json" beside a lone "article.*", as in the seed fixture) holding
// {"url","site","section","published","title","language"}, and names such
// as "20220125T090000Z_GB_en_7d015e6984.txt" or "2025-04-26-kursk.html".
// A sidecar that cannot be read or parsed is an error: the user put it there
// on purpose and would lose its metadata silently otherwise.
func fileHints(p string, doc *crosscheck.Document) error {
	for _, side := range sidecars(p) {
		b, err := os.ReadFile(side)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return &crosscheck.Error{Code: crosscheck.EINVALID, Message: "source: " + side + ": cannot read metadata", Err: err}
		}
		var m fileMeta
		if err := json.Unmarshal(b, &m); err != nil {
			return &crosscheck.Error{Code: crosscheck.EINVALID, Message: "source: " + side + ": invalid metadata JSON", Err: err}
		}
		doc.URL, doc.Site, doc.Section, doc.Published, doc.Title, doc.Language = m.URL, m.Site, m.Section, m.Published, m.Title, m.Language
		break
	}
	if doc.Published == "" {
		doc.Published = nameDate(filepath.Base(p))
	}
	return nil
}

// sidecars lists the metadata files that may describe document p, in order
// of preference.
func sidecars(p string) []string {
	dir, base := filepath.Split(p)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	out := []string{p + ".meta.json", filepath.Join(dir, stem+".meta.json")}
	if stem == "article" {
		out = append(out, filepath.Join(dir, "meta.json"))
	}
	return out
}

// nameDate returns the publication time a file name starts with, or "".
func nameDate(name string) string {
	if m := basicStamp.FindStringSubmatch(name); m != nil {
		if t, err := time.Parse("20060102T150405Z", m[1]); err == nil {
			return t.UTC().Format(time.RFC3339)
		}
	}
	if m := isoDate.FindStringSubmatch(name); m != nil {
		if _, err := time.Parse(time.DateOnly, m[1]); err == nil {
			return m[1]
		}
	}
	return ""
}

// isMetadata reports whether a file found in a directory walk is metadata
// (a sidecar or other JSON) rather than an article.
func isMetadata(name string) bool {
	return strings.EqualFold(filepath.Ext(name), ".json")
}
