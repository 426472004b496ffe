// Package crosscheck holds the analysis contract as Go types: what one article
// yields (Article, Entity, Statement, Relation, Analysis) and what the ledger
// serves across articles (Claim). The JSON tags are the contract documented in
// docs/analysis-contract.md; every other package speaks these types.
//
// This package imports only the standard library.
package crosscheck

import (
	"bytes"
	"encoding/json"
	"time"
)

// NullString is a string that is encoded as JSON null when empty. The
// contract has many "value or null" fields; using NullString keeps them plain
// strings in Go while scripts see an explicit null.
type NullString string

// MarshalJSON encodes the empty string as null.
func (s NullString) MarshalJSON() ([]byte, error) {
	if s == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(s))
}

// UnmarshalJSON accepts a string or null.
func (s *NullString) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*s = ""
		return nil
	}
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = NullString(v)
	return nil
}

// Span is a half-open byte range [Start, End) into Article.Text together with
// the text it covers. Analysis.Validate checks Text == Article.Text[Start:End].
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Len returns the length of the span in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Document is what a source yields: the raw bytes of one page or text, and
// whatever metadata the source already knows (from a feed, a JSONL line, CLI
// flags). Hints override what extraction finds only where extraction finds
// nothing, except Published and Site given explicitly by the user.
type Document struct {
	URL         string    // where it came from (canonical if known), or ""
	ContentType string    // as served, may be empty; extraction sniffs the body anyway
	Body        []byte    // raw bytes: HTML or plain text
	Fetched     time.Time // when it was read; zero if unknown
	Site        string    // publication name hint
	Section     string    // section hint
	Title       string    // headline hint
	Published   string    // YYYY-MM-DD or RFC 3339 hint
	Language    string    // ISO 639-1 hint
	// TitleFallback and SiteFallback are used only where extraction and
	// the hints above give nothing: a title and a site the source made up
	// from where the document was found (a humanised file name, the
	// folder, the URL's host), so that no article goes without either.
	TitleFallback string
	SiteFallback  string
}

// Removed is one piece of boilerplate taken out of an article's text, with
// the reason it was judged boilerplate.
type Removed struct {
	Text   string `json:"text"`
	Reason string `json:"reason"` // navigation|promo|caption|footer|duplicate-title|byline|...
}

// Article is one published page after extraction: metadata and clean text.
type Article struct {
	ID          string     `json:"id"`
	URL         NullString `json:"url"`
	Site        NullString `json:"site"`
	Section     NullString `json:"section"`
	Title       string     `json:"title"`
	Byline      NullString `json:"byline"`
	Published   NullString `json:"published"`
	Language    string     `json:"language"`
	Text        string     `json:"text"`
	Boilerplate []Removed  `json:"boilerplate"`
	// Warnings lists recoverable problems met while reading the input, such
	// as invalid UTF-8 that was repaired. Added to the contract.
	Warnings []string `json:"warnings,omitempty"`
}

// Sentence is one sentence of Article.Text. Paragraph is the index of the
// paragraph (blocks separated by a blank line) it belongs to.
type Sentence struct {
	Index     int `json:"index"`
	Paragraph int `json:"paragraph"`
	Start     int `json:"start"`
	End       int `json:"end"`
}

// Entity types.
const (
	TypePerson       = "person"
	TypeOrganization = "organization"
	TypeGroup        = "group"
	TypePlace        = "place"
	TypeMedia        = "media"
	TypeUnattributed = "unattributed"
)

// Entity is a person, organization, group, medium or place mentioned in an
// article, with every mention that refers to it.
type Entity struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Type        string     `json:"type"`
	Affiliation NullString `json:"affiliation"`
	Roles       []string   `json:"roles"`
	Mentions    []Span     `json:"mentions"`
	// Country is the ISO country a place lies in (added to the contract).
	Country NullString `json:"country,omitempty"`
}

// Speaker is who made a statement.
type Speaker struct {
	Entity      NullString `json:"entity"`
	Name        NullString `json:"name"`
	Text        string     `json:"text"`
	Type        string     `json:"type"`
	Role        NullString `json:"role"`
	Affiliation NullString `json:"affiliation"`
	// Start and End locate Text in Article.Text when the speaker is named in
	// the statement's sentence; both are 0 when Text is empty (added to the contract).
	Start int `json:"start"`
	End   int `json:"end"`
}

// Cue is the word or phrase that marks an attribution ("said", "according to").
type Cue struct {
	Text  string `json:"text"`
	Lemma string `json:"lemma"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Statement kinds.
const (
	KindDirect   = "direct"
	KindIndirect = "indirect"
	KindMixed    = "mixed"
)

// Stances.
const (
	StanceAssert       = "assert"
	StanceConfirm      = "confirm"
	StanceDeny         = "deny"
	StanceNotConfirmed = "not_confirmed"
	StanceRetract      = "retract"
)

// Statement is one attribution inside one article.
type Statement struct {
	ID       string     `json:"id"`
	Speaker  Speaker    `json:"speaker"`
	Cue      Cue        `json:"cue"`
	Kind     string     `json:"kind"`
	Content  Span       `json:"content"`
	Via      []string   `json:"via"`
	Stance   string     `json:"stance"`
	Hedged   bool       `json:"hedged"`
	Time     NullString `json:"time"`
	Sentence int        `json:"sentence"`
}

// Relation types.
const (
	RelContradicts  = "contradicts"
	RelConfirms     = "confirms"
	RelEchoes       = "echoes"
	RelNotConfirmed = "not_confirmed"
)

// Relation is a link between statements that the article itself states.
type Relation struct {
	Type     string     `json:"type"`
	From     NullString `json:"from"`
	To       string     `json:"to"`
	By       NullString `json:"by"`
	Evidence Span       `json:"evidence"`
}

// Analysis is everything crosscheck reads out of one article.
type Analysis struct {
	Article    Article     `json:"article"`
	Sentences  []Sentence  `json:"sentences,omitempty"`
	Entities   []Entity    `json:"entities"`
	Statements []Statement `json:"statements"`
	Relations  []Relation  `json:"relations"`
}
