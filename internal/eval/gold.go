// Package eval scores an analysis against hand annotation, following "How
// accuracy is scored" in docs/analysis-contract.md. It reads two gold
// formats: the fixtures' expected.json (LoadExpected) and BRAT standoff
// directories in the PolNeAR layout (LoadBRAT), and turns both into the
// same Gold value, so one Score serves the project's tests, the eval
// command and anyone checking the numbers independently.
package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/crosscheck/crosscheck"
)

// GoldStatement is one hand-annotated attribution. Empty string fields mean
// "not annotated": the matching accuracy is then not scored for the pair.
type GoldStatement struct {
	ID          string                `json:"id"`
	Speaker     crosscheck.NullString `json:"speaker"`      // null or "" for unattributed
	SpeakerType string                `json:"speaker_type"` // person|organization|group|media|unattributed
	// Name is the part of Speaker that names it, when Speaker also
	// describes it ("Trump's running mate, Indiana Gov. Mike Pence", "the
	// Central and East European Coalition, which represents …"). A person
	// is matched by its last token, an organization or group by token F1
	// with it. Defaults to Speaker.
	Name string `json:"name,omitempty"`
	// Anaphor is set when Speaker is a pronoun standing for a speaker the
	// annotation does not name (BRAT: "he said"): "person" (he, she, I)
	// agrees with any predicted person, "any" (they, we, who, which) with
	// any attributed prediction, besides the same pronoun.
	Anaphor     string `json:"anaphor,omitempty"`
	Role        string `json:"role,omitempty"`
	Affiliation string `json:"affiliation,omitempty"`
	Cue         string `json:"cue,omitempty"` // lemma, e.g. "announce"
	// CueText is the cue as written, used when no lemma is annotated (BRAT).
	CueText    string   `json:"cue_text,omitempty"`
	Kind       string   `json:"kind,omitempty"`
	Stance     string   `json:"stance,omitempty"`
	Via        []string `json:"via,omitempty"`
	Content    string   `json:"content"`
	ContentAny []string `json:"content_any,omitempty"`
	Optional   bool     `json:"optional,omitempty"`
	Time       string   `json:"time,omitempty"`
	// ViaKnown says whether the annotation records relays at all. In
	// expected.json it does (a missing "via" means no relay); BRAT does not.
	ViaKnown bool `json:"-"`
}

// GoldRelation is a hand-annotated relation between gold statements,
// named by their IDs.
type GoldRelation struct {
	Type     string `json:"type"`
	From     string `json:"from,omitempty"`
	To       string `json:"to"`
	By       string `json:"by,omitempty"`
	Evidence string `json:"evidence,omitempty"`
}

// Gold is the annotation of one article.
type Gold struct {
	Title              string          `json:"title,omitempty"`
	Published          string          `json:"published,omitempty"`
	TextMustContain    []string        `json:"text_must_contain,omitempty"`
	TextMustNotContain []string        `json:"text_must_not_contain,omitempty"`
	Statements         []GoldStatement `json:"statements"`
	Relations          []GoldRelation  `json:"relations,omitempty"`
}

// GoldArticle is an annotated article: its text, the metadata the analyzer
// needs, and its Gold.
type GoldArticle struct {
	Name      string // file or article name, for reports
	Text      string // article text as the annotation's offsets see it
	Published string // YYYY-MM-DD or ""
	Site      string // publication name or ""
	Gold      Gold
}

// LoadExpected reads an expected.json file. Statements without an ID get
// "S<n>"; a gold statement with an empty content is an error, since it
// could never be matched.
func LoadExpected(path string) (Gold, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Gold{}, fmt.Errorf("eval: read gold: %w", err)
	}
	return parseExpected(b, path)
}

func parseExpected(b []byte, name string) (Gold, error) {
	var g Gold
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&g); err != nil {
		return Gold{}, fmt.Errorf("eval: parse %s: %w", name, err)
	}
	seen := map[string]bool{}
	for i := range g.Statements {
		s := &g.Statements[i]
		if s.ID == "" {
			s.ID = fmt.Sprintf("S%d", i+1)
		}
		if seen[s.ID] {
			return Gold{}, fmt.Errorf("eval: %s: duplicate statement id %q", name, s.ID)
		}
		seen[s.ID] = true
		if strings.TrimSpace(s.Content) == "" {
			return Gold{}, fmt.Errorf("eval: %s: statement %s has no content", name, s.ID)
		}
		if s.SpeakerType == "" {
			if s.Speaker == "" {
				s.SpeakerType = crosscheck.TypeUnattributed
			} else {
				s.SpeakerType = crosscheck.TypeOrganization
			}
		}
		s.ViaKnown = true
	}
	for i, r := range g.Relations {
		if r.Type == "" || r.To == "" {
			return Gold{}, fmt.Errorf("eval: %s: relation %d needs type and to", name, i+1)
		}
		for _, id := range []string{r.From, r.To} {
			if id != "" && !seen[id] {
				return Gold{}, fmt.Errorf("eval: %s: relation %d names unknown statement %q", name, i+1, id)
			}
		}
	}
	return g, nil
}

// meta is the part of a fixture's meta.json the eval needs.
type meta struct {
	Site      string `json:"site"`
	Published string `json:"published"`
}

// LoadArticles reads the gold at path: an expected.json file (its article is
// article.txt beside it, and meta.json beside it, if present, gives site and
// published date) or a BRAT directory (see LoadBRAT). Returns an error
// wrapping fs.ErrNotExist if path or the article text is missing.
func LoadArticles(path string) ([]GoldArticle, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	if fi.IsDir() {
		if _, err := os.Stat(filepath.Join(path, "expected.json")); err == nil {
			path = filepath.Join(path, "expected.json")
		} else {
			return LoadBRAT(path)
		}
	}
	g, err := LoadExpected(path)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	text, err := os.ReadFile(filepath.Join(dir, "article.txt"))
	if err != nil {
		return nil, fmt.Errorf("eval: article text for %s: %w", path, err)
	}
	a := GoldArticle{Name: path, Text: string(text), Published: g.Published, Gold: g}
	if b, err := os.ReadFile(filepath.Join(dir, "meta.json")); err == nil {
		var m meta
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("eval: parse %s: %w", filepath.Join(dir, "meta.json"), err)
		}
		a.Site = m.Site
		if m.Published != "" {
			a.Published = m.Published
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("eval: %w", err)
	}
	return []GoldArticle{a}, nil
}
