package store

import (
	"context"

	"github.com/crosscheck/crosscheck"
)

// StatementStore reads stored statements and their speakers.
type StatementStore interface {
	// Statements lists stored statements, newest article first, and the
	// total matching.
	Statements(ctx context.Context, f StatementFilter) ([]StatementRow, int, error)
	// Speakers lists speakers by number of statements, most first.
	Speakers(ctx context.Context, f SpeakerFilter) ([]SpeakerSummary, error)
}

// StatementFilter selects statements.
type StatementFilter struct {
	Article string // article id
	Speaker string // canonical speaker name, case-insensitive exact match
	Party   string // speaker affiliation (ISO country code)
	Stance  string
	Since   string
	Until   string
	Q       string // full-text query over the content
	Limit   int
	Offset  int
}

// StatementRow is one statement with the article it comes from.
type StatementRow struct {
	ArticleID string
	Site      string
	Title     string
	URL       string
	Published string
	Statement crosscheck.Statement
}

// SpeakerFilter selects speakers.
type SpeakerFilter struct {
	Party string
	Q     string // case-insensitive substring of the name
	Limit int
}

// SpeakerSummary is one speaker with counts over stored statements.
type SpeakerSummary struct {
	Name        string // Speaker.Name, or Speaker.Text when unnamed
	Type        string
	Affiliation string
	Statements  int
	Articles    int
	First       string // earliest published day
	Last        string // latest published day
}
