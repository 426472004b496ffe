package eval

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/crosscheck/crosscheck"
)

// MinContentF1 and MinSpeakerF1 are the thresholds of the contract's
// matching rule.
const (
	MinContentF1 = 0.5
	MinSpeakerF1 = 0.5
)

// Tokens returns the lower-cased runs of Unicode letters and digits in s;
// punctuation and quotation marks separate tokens and are dropped.
func Tokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

// TokenF1 is the token-multiset overlap F1 of a and b: 2·overlap/(|a|+|b|).
// Two empty strings score 1; one empty string scores 0.
func TokenF1(a, b string) float64 {
	return tokensF1(Tokens(a), Tokens(b))
}

func tokensF1(ta, tb []string) float64 {
	if len(ta) == 0 && len(tb) == 0 {
		return 1
	}
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	return 2 * float64(overlap(ta, tb)) / float64(len(ta)+len(tb))
}

// overlap counts the tokens a and b share, with multiplicity. Short lists,
// the usual case, are compared pairwise, which beats building a map.
func overlap(ta, tb []string) int {
	n := 0
	if len(ta) <= 64 {
		var used [64]bool
		for _, t := range tb {
			for i, u := range ta {
				if !used[i] && u == t {
					used[i] = true
					n++
					break
				}
			}
		}
		return n
	}
	count := make(map[string]int, len(ta))
	for _, t := range ta {
		count[t]++
	}
	for _, t := range tb {
		if count[t] > 0 {
			count[t]--
			n++
		}
	}
	return n
}

// ContentF1 is the best token F1 of the predicted content against the gold
// content and each of its content_any alternatives.
func ContentF1(g GoldStatement, pred string) float64 {
	tp := Tokens(pred)
	best := tokensF1(Tokens(g.Content), tp)
	for _, alt := range g.ContentAny {
		if f := tokensF1(Tokens(alt), tp); f > best {
			best = f
		}
	}
	return best
}

// lastName is the token a person's speaker is matched by: the last token
// of the name once a possessive ("Putin's") is dropped.
func lastName(name string) string {
	name = strings.TrimRight(strings.TrimSpace(name), `.,;:!?"'“”‘’()`)
	toks := Tokens(trimPossessive(name))
	if len(toks) == 0 {
		return ""
	}
	return toks[len(toks)-1]
}

// SpeakersAgree applies the contract's speaker rule. Persons: the gold last
// name token is one of the tokens of the predicted speaker's name or text.
// Organizations, groups and media: token F1 of at least 0.5 with the
// predicted name or text. Unattributed gold: the prediction names nobody.
// The gold's Name, when set, stands for its Speaker; a gold Anaphor (BRAT
// pronoun sources) widens the rule as its doc says.
func SpeakersAgree(g GoldStatement, p crosscheck.Speaker) bool {
	return newGoldSpeaker(g).agrees(newPredSpeaker(p))
}

// goldSpeaker is a gold speaker prepared for matching.
type goldSpeaker struct {
	unattributed bool
	person       bool
	anaphor      string
	last         string   // persons: last name token
	name         []string // tokens of Name (or Speaker)
	speaker      []string // tokens of Speaker
}

func newGoldSpeaker(g GoldStatement) goldSpeaker {
	gold := string(g.Speaker)
	gs := goldSpeaker{anaphor: g.Anaphor, person: g.SpeakerType == crosscheck.TypePerson}
	if g.SpeakerType == crosscheck.TypeUnattributed || strings.TrimSpace(gold) == "" {
		gs.unattributed = true
		return gs
	}
	name := g.Name
	if name == "" {
		name = gold
	}
	gs.name, gs.speaker = Tokens(name), Tokens(gold)
	if gs.person {
		gs.last = lastName(name)
	}
	return gs
}

// predSpeaker is a predicted speaker prepared for matching.
type predSpeaker struct {
	typ        string
	named      bool
	name, text []string
}

func newPredSpeaker(p crosscheck.Speaker) predSpeaker {
	return predSpeaker{typ: p.Type, named: p.Name != "" || strings.TrimSpace(p.Text) != "",
		name: Tokens(string(p.Name)), text: Tokens(p.Text)}
}

func (g goldSpeaker) agrees(p predSpeaker) bool {
	if g.unattributed {
		return p.typ == crosscheck.TypeUnattributed || !p.named
	}
	if p.typ == crosscheck.TypeUnattributed {
		return false
	}
	switch g.anaphor {
	case crosscheck.TypePerson:
		if p.typ == crosscheck.TypePerson || tokensF1(g.speaker, p.text) == 1 {
			return true
		}
	case "any":
		return p.named
	}
	if g.person {
		if g.last == "" {
			return false
		}
		return slices.Contains(p.name, g.last) || slices.Contains(p.text, g.last)
	}
	return tokensF1(g.name, p.name) >= MinSpeakerF1 || tokensF1(g.name, p.text) >= MinSpeakerF1
}

// Ratio is a count of correct answers out of a total. Its JSON form adds
// the value.
type Ratio struct {
	Correct int `json:"correct"`
	Total   int `json:"total"`
}

// Value is Correct/Total, or 0 when nothing was scored.
func (r Ratio) Value() float64 {
	if r.Total == 0 {
		return 0
	}
	return float64(r.Correct) / float64(r.Total)
}

// MarshalJSON writes correct, total and value (null when total is 0).
func (r Ratio) MarshalJSON() ([]byte, error) {
	type plain struct {
		Correct int      `json:"correct"`
		Total   int      `json:"total"`
		Value   *float64 `json:"value"`
	}
	p := plain{Correct: r.Correct, Total: r.Total}
	if r.Total > 0 {
		v := r.Value()
		p.Value = &v
	}
	return json.Marshal(p)
}

func (r *Ratio) add(o Ratio) { r.Correct += o.Correct; r.Total += o.Total }

func (r *Ratio) score(ok bool) {
	r.Total++
	if ok {
		r.Correct++
	}
}

// Accuracies are measured over matched pairs, each only where the gold
// annotates the field.
type Accuracies struct {
	Kind        Ratio `json:"kind"`
	Cue         Ratio `json:"cue"` // cue.lemma against the gold lemma; cue text when gold has no lemma
	Stance      Ratio `json:"stance"`
	Affiliation Ratio `json:"affiliation"`
	Via         Ratio `json:"via"`
	Time        Ratio `json:"time"`
}

func (a *Accuracies) add(o Accuracies) {
	a.Kind.add(o.Kind)
	a.Cue.add(o.Cue)
	a.Stance.add(o.Stance)
	a.Affiliation.add(o.Affiliation)
	a.Via.add(o.Via)
	a.Time.add(o.Time)
}

// Counts are the additive parts of a score; Totals sums them over articles.
type Counts struct {
	Gold            int        `json:"gold"`             // gold statements
	Required        int        `json:"required"`         // gold statements not optional
	Predicted       int        `json:"predicted"`        // predicted statements
	Matched         int        `json:"matched"`          // matched pairs
	MatchedRequired int        `json:"matched_required"` // pairs whose gold is required
	MatchedOptional int        `json:"matched_optional"` // pairs whose gold is optional
	Accuracy        Accuracies `json:"accuracy"`
	Relations       Ratio      `json:"relations"` // matched gold relations / gold relations
	RelationsPred   int        `json:"relations_predicted"`
	TextChecks      Ratio      `json:"text_checks"` // clean-text checks passed / checks
}

func (c *Counts) add(o Counts) {
	c.Gold += o.Gold
	c.Required += o.Required
	c.Predicted += o.Predicted
	c.Matched += o.Matched
	c.MatchedRequired += o.MatchedRequired
	c.MatchedOptional += o.MatchedOptional
	c.Accuracy.add(o.Accuracy)
	c.Relations.add(o.Relations)
	c.RelationsPred += o.RelationsPred
	c.TextChecks.add(o.TextChecks)
}

// Precision is matched predictions / (predictions − predictions matched to
// optional gold). With nothing left to judge it is 1 when no statement was
// required and 0 otherwise.
func (c Counts) Precision() float64 {
	d := c.Predicted - c.MatchedOptional
	if d <= 0 {
		if c.Required == 0 {
			return 1
		}
		return 0
	}
	return float64(c.Matched-c.MatchedOptional) / float64(d)
}

// Recall is matched required gold / required gold; 1 when none is required.
func (c Counts) Recall() float64 {
	if c.Required == 0 {
		return 1
	}
	return float64(c.MatchedRequired) / float64(c.Required)
}

// F1 is the harmonic mean of Precision and Recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Pair is one matched gold and predicted statement, with the fields on
// which they disagree.
type Pair struct {
	Gold      string   `json:"gold"`
	Pred      string   `json:"pred"`
	Optional  bool     `json:"optional,omitempty"`
	ContentF1 float64  `json:"content_f1"`
	Wrong     []string `json:"wrong,omitempty"` // e.g. "stance: want deny, got assert"
}

// Candidate is the prediction closest to an unmatched gold statement.
type Candidate struct {
	Pred          string  `json:"pred"`
	Speaker       string  `json:"speaker"`
	Content       string  `json:"content"`
	ContentF1     float64 `json:"content_f1"`
	SpeakerAgrees bool    `json:"speaker_agrees"`
	TakenBy       string  `json:"taken_by,omitempty"` // gold it was matched to instead
}

// Miss is a required gold statement no prediction matched.
type Miss struct {
	Gold    string     `json:"gold"`
	Speaker string     `json:"speaker"`
	Content string     `json:"content"`
	Best    *Candidate `json:"best"` // nil when there are no predictions
}

// Extra is a prediction that matched no gold statement.
type Extra struct {
	Pred    string `json:"pred"`
	Speaker string `json:"speaker"`
	Content string `json:"content"`
}

// Result is the score of one article.
type Result struct {
	Article string `json:"article"`
	Counts
	Precision      float64        `json:"precision"`
	Recall         float64        `json:"recall"`
	F1             float64        `json:"f1"`
	Pairs          []Pair         `json:"pairs"`
	Misses         []Miss         `json:"misses"`
	Extras         []Extra        `json:"extras"`
	RelationMisses []RelationMiss `json:"relation_misses,omitempty"`
	// RelationExtras are predicted relations that matched no gold one.
	RelationExtras []RelationExtra `json:"relation_extras,omitempty"`
	TextFailures   []string        `json:"text_failures,omitempty"` // "missing: …" or "present: …"
}

// RelationMiss is a gold relation no prediction matched, with the
// predictions its endpoints were matched to ("" when an endpoint statement
// was itself missed), which tells a missed statement from a missed relation.
type RelationMiss struct {
	GoldRelation
	FromPred string `json:"from_pred,omitempty"`
	ToPred   string `json:"to_pred,omitempty"`
}

// RelationExtra is a predicted relation that matched no gold relation, with
// the gold statements its endpoints were matched to ("" when none).
type RelationExtra struct {
	Type     string `json:"type"`
	From     string `json:"from,omitempty"`
	To       string `json:"to"`
	FromGold string `json:"from_gold,omitempty"`
	ToGold   string `json:"to_gold,omitempty"`
	Evidence string `json:"evidence"`
}

// Score scores one predicted analysis against its gold annotation.
func Score(pred crosscheck.Analysis, gold Gold) Result {
	var res Result
	res.Gold = len(gold.Statements)
	res.Predicted = len(pred.Statements)
	for _, g := range gold.Statements {
		if !g.Optional {
			res.Required++
		}
	}

	// Every admissible pair, best content F1 first; ties go to document
	// order so the result is deterministic.
	type cand struct {
		g, p int
		f1   float64
	}
	f1 := make([][]float64, len(gold.Statements))
	agree := make([][]bool, len(gold.Statements))
	var cands []cand
	// Tokenize each text once: scoring is quadratic in statements.
	predToks := make([][]string, len(pred.Statements))
	predSpk := make([]predSpeaker, len(pred.Statements))
	for j, p := range pred.Statements {
		predToks[j] = Tokens(p.Content.Text)
		predSpk[j] = newPredSpeaker(p.Speaker)
	}
	for i, g := range gold.Statements {
		f1[i] = make([]float64, len(pred.Statements))
		agree[i] = make([]bool, len(pred.Statements))
		gs := newGoldSpeaker(g)
		alts := [][]string{Tokens(g.Content)}
		for _, a := range g.ContentAny {
			alts = append(alts, Tokens(a))
		}
		for j := range pred.Statements {
			for _, a := range alts {
				f1[i][j] = max(f1[i][j], tokensF1(a, predToks[j]))
			}
			agree[i][j] = gs.agrees(predSpk[j])
			if agree[i][j] && f1[i][j] >= MinContentF1 {
				cands = append(cands, cand{i, j, f1[i][j]})
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool {
		if cands[a].f1 != cands[b].f1 {
			return cands[a].f1 > cands[b].f1
		}
		if cands[a].g != cands[b].g {
			return cands[a].g < cands[b].g
		}
		return cands[a].p < cands[b].p
	})
	goldTo := make([]int, len(gold.Statements))
	predTo := make([]int, len(pred.Statements))
	for i := range goldTo {
		goldTo[i] = -1
	}
	for j := range predTo {
		predTo[j] = -1
	}
	for _, c := range cands {
		if goldTo[c.g] >= 0 || predTo[c.p] >= 0 {
			continue
		}
		goldTo[c.g], predTo[c.p] = c.p, c.g
	}

	res.Pairs = []Pair{}
	for i, g := range gold.Statements {
		j := goldTo[i]
		if j < 0 {
			continue
		}
		res.Matched++
		if g.Optional {
			res.MatchedOptional++
		} else {
			res.MatchedRequired++
		}
		res.Pairs = append(res.Pairs, comparePair(g, pred.Statements[j], f1[i][j], &res.Accuracy))
	}

	res.Misses = []Miss{}
	for i, g := range gold.Statements {
		if goldTo[i] >= 0 || g.Optional {
			continue
		}
		m := Miss{Gold: g.ID, Speaker: string(g.Speaker), Content: g.Content}
		best := -1
		for j := range pred.Statements {
			if best < 0 || f1[i][j] > f1[i][best] || (f1[i][j] == f1[i][best] && agree[i][j] && !agree[i][best]) {
				best = j
			}
		}
		if best >= 0 {
			p := pred.Statements[best]
			c := &Candidate{Pred: p.ID, Speaker: speakerLabel(p.Speaker), Content: p.Content.Text,
				ContentF1: f1[i][best], SpeakerAgrees: agree[i][best]}
			if k := predTo[best]; k >= 0 {
				c.TakenBy = gold.Statements[k].ID
			}
			m.Best = c
		}
		res.Misses = append(res.Misses, m)
	}

	res.Extras = []Extra{}
	for j, p := range pred.Statements {
		if predTo[j] < 0 {
			res.Extras = append(res.Extras, Extra{Pred: p.ID, Speaker: speakerLabel(p.Speaker), Content: p.Content.Text})
		}
	}

	scoreRelations(&res, pred, gold, goldTo)

	for _, s := range gold.TextMustContain {
		ok := strings.Contains(pred.Article.Text, s)
		res.TextChecks.score(ok)
		if !ok {
			res.TextFailures = append(res.TextFailures, "missing: "+s)
		}
	}
	for _, s := range gold.TextMustNotContain {
		ok := !strings.Contains(pred.Article.Text, s)
		res.TextChecks.score(ok)
		if !ok {
			res.TextFailures = append(res.TextFailures, "present: "+s)
		}
	}

	res.Precision, res.Recall, res.F1 = res.Counts.Precision(), res.Counts.Recall(), res.Counts.F1()
	return res
}

func speakerLabel(s crosscheck.Speaker) string {
	switch {
	case s.Name != "" && s.Text != "" && string(s.Name) != s.Text:
		return fmt.Sprintf("%s (%s)", s.Name, s.Text)
	case s.Name != "":
		return string(s.Name)
	case s.Text != "":
		return s.Text
	}
	return "(" + s.Type + ")"
}

// comparePair records the accuracies of one matched pair.
func comparePair(g GoldStatement, p crosscheck.Statement, f1 float64, acc *Accuracies) Pair {
	pr := Pair{Gold: g.ID, Pred: p.ID, Optional: g.Optional, ContentF1: f1}
	check := func(r *Ratio, field, want, got string, ok bool) {
		r.score(ok)
		if !ok {
			pr.Wrong = append(pr.Wrong, fmt.Sprintf("%s: want %q, got %q", field, want, got))
		}
	}
	if g.Kind != "" {
		check(&acc.Kind, "kind", g.Kind, p.Kind, g.Kind == p.Kind)
	}
	switch {
	case g.Cue != "":
		check(&acc.Cue, "cue", g.Cue, p.Cue.Lemma, strings.EqualFold(g.Cue, p.Cue.Lemma))
	case g.CueText != "":
		check(&acc.Cue, "cue", g.CueText, p.Cue.Text, strings.Join(Tokens(g.CueText), " ") == strings.Join(Tokens(p.Cue.Text), " "))
	}
	if g.Stance != "" {
		check(&acc.Stance, "stance", g.Stance, p.Stance, g.Stance == p.Stance)
	}
	if g.Affiliation != "" {
		check(&acc.Affiliation, "affiliation", g.Affiliation, string(p.Speaker.Affiliation),
			strings.EqualFold(g.Affiliation, string(p.Speaker.Affiliation)))
	}
	if g.ViaKnown {
		check(&acc.Via, "via", strings.Join(g.Via, ", "), strings.Join(p.Via, ", "), sameSet(g.Via, p.Via))
	}
	if g.Time != "" {
		check(&acc.Time, "time", g.Time, string(p.Time), g.Time == string(p.Time))
	}
	return pr
}

// sameSet compares relay lists as sets of token strings, so "AFP" and
// "afp" agree and order does not matter.
func sameSet(a, b []string) bool {
	norm := func(xs []string) map[string]bool {
		m := map[string]bool{}
		for _, x := range xs {
			if k := strings.Join(Tokens(x), " "); k != "" {
				m[k] = true
			}
		}
		return m
	}
	ma, mb := norm(a), norm(b)
	if len(ma) != len(mb) {
		return false
	}
	for k := range ma {
		if !mb[k] {
			return false
		}
	}
	return true
}

// scoreRelations matches gold relations one-to-one to predicted ones: the
// type agrees, the predicted "to" is the prediction matched to the gold
// "to", and either the predicted "from" is the prediction matched to the
// gold "from" or, when the gold has no "from" (not_confirmed), the party
// "by" agrees.
func scoreRelations(res *Result, pred crosscheck.Analysis, gold Gold, goldTo []int) {
	res.RelationsPred = len(pred.Relations)
	predID := map[string]string{} // gold statement id → matched prediction id
	for i, g := range gold.Statements {
		if goldTo[i] >= 0 {
			predID[g.ID] = pred.Statements[goldTo[i]].ID
		}
	}
	used := make([]bool, len(pred.Relations))
	for _, gr := range gold.Relations {
		found := false
		to, okTo := predID[gr.To]
		from, okFrom := predID[gr.From]
		if okTo && (gr.From == "" || okFrom) {
			for k, pr := range pred.Relations {
				if used[k] || pr.Type != gr.Type || pr.To != to {
					continue
				}
				if gr.From != "" {
					if string(pr.From) != from {
						continue
					}
				} else if gr.By != "" && !strings.EqualFold(gr.By, string(pr.By)) {
					continue
				}
				used[k], found = true, true
				break
			}
		}
		res.Relations.score(found)
		if !found {
			res.RelationMisses = append(res.RelationMisses, RelationMiss{GoldRelation: gr, FromPred: from, ToPred: to})
		}
	}
	goldID := map[string]string{} // prediction id → matched gold statement id
	for i, g := range gold.Statements {
		if goldTo[i] >= 0 {
			goldID[pred.Statements[goldTo[i]].ID] = g.ID
		}
	}
	for k, pr := range pred.Relations {
		if !used[k] {
			res.RelationExtras = append(res.RelationExtras, RelationExtra{Type: pr.Type, From: string(pr.From), To: pr.To,
				FromGold: goldID[string(pr.From)], ToGold: goldID[pr.To], Evidence: pr.Evidence.Text})
		}
	}
}

// Totals sums scores over many articles: micro-averaged precision, recall
// and F1 come from the summed counts.
type Totals struct {
	Articles int `json:"articles"`
	Counts
}

// Add adds one article's result.
func (t *Totals) Add(r Result) {
	t.Articles++
	t.Counts.add(r.Counts)
}

// MarshalJSON writes the counts together with precision, recall and F1.
func (t Totals) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Articles int `json:"articles"`
		Counts
		Precision float64 `json:"precision"`
		Recall    float64 `json:"recall"`
		F1        float64 `json:"f1"`
	}{t.Articles, t.Counts, t.Precision(), t.Recall(), t.F1()})
}
