// Package examples embeds the articles bundled with crosscheck for its demo
// and tests: the seed article (with its metadata in seed.jsonl) and a
// Wikinews set under CC BY 2.5. See NOTICE.md for their sources and licences.
package examples

import "embed"

// FS holds the example files: seed.jsonl (pointing at the seed article
// text) and wikinews.jsonl, both in crosscheck's JSON Lines ingest format.
//
//go:embed *.jsonl *.txt NOTICE.md
var FS embed.FS
