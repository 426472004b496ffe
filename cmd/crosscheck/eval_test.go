package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck/internal/corpora"
)

// evalJSON mirrors the parts of eval --json the tests read.
type evalJSON struct {
	Totals struct {
		Articles        int     `json:"articles"`
		Gold            int     `json:"gold"`
		Required        int     `json:"required"`
		Predicted       int     `json:"predicted"`
		MatchedRequired int     `json:"matched_required"`
		Precision       float64 `json:"precision"`
		Recall          float64 `json:"recall"`
		F1              float64 `json:"f1"`
		Relations       struct {
			Correct, Total int
		} `json:"relations"`
		TextChecks struct {
			Correct, Total int
		} `json:"text_checks"`
	} `json:"totals"`
	Articles []struct {
		Article string            `json:"article"`
		Misses  []json.RawMessage `json:"misses"`
		Pairs   []json.RawMessage `json:"pairs"`
	} `json:"articles"`
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestEvalSeed(t *testing.T) {
	seed := corpora.For(t, "fixtures", "seed", "expected.json")

	code, out, errs := runCLI(t, "eval", "--json", seed)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var rep evalJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("eval --json: %v\n%s", err, out)
	}
	tot := rep.Totals
	if tot.Articles != 1 || tot.Gold != 21 || tot.Required != 16 || tot.Relations.Total != 5 || tot.TextChecks.Total != 15 {
		t.Errorf("totals %+v: want 1 article, 21 gold, 16 required, 5 relations, 15 text checks", tot)
	}
	for _, v := range []float64{tot.Precision, tot.Recall, tot.F1} {
		if v < 0 || v > 1 {
			t.Errorf("score %v outside [0, 1]", v)
		}
	}
	if len(rep.Articles) != 1 || len(rep.Articles[0].Misses) != tot.Required-tot.MatchedRequired {
		t.Errorf("articles %+v: want one row whose misses are the unmatched required gold", rep.Articles)
	}

	code, text, errs := runCLI(t, "eval", "--verbose", seed)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	for _, want := range []string{"precision ", "recall ", "F1 ", "accuracy over matched pairs: kind ",
		"relations matched: ", "/5 (", "clean-text checks passed: ", "/15", "== " + seed} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q:\n%s", want, text)
		}
	}
	if n := strings.Count(text, "\n  miss "); n != tot.Required-tot.MatchedRequired {
		t.Errorf("verbose lists %d misses, want %d", n, tot.Required-tot.MatchedRequired)
	}
}

func TestEvalThresholds(t *testing.T) {
	seed := corpora.For(t, "fixtures", "seed", "expected.json")
	// An article whose gold cannot be found in its text: every score is 0
	// whatever the analyzer does, so the floors below always fail.
	dir := t.TempDir()
	unreachable := filepath.Join(dir, "expected.json")
	for name, body := range map[string]string{
		"article.txt":   "The weather was mild on Tuesday in the capital.\n",
		"expected.json": `{"statements": [{"id": "S1", "speaker": "Zorblax Quint", "speaker_type": "person", "content": "the moon is made of green cheese"}]}`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The seed passes a floor set at its own score: floors are inclusive.
	code, out, errs := runCLI(t, "eval", "--json", seed)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var rep evalJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	own := strconv.FormatFloat(rep.Totals.F1, 'g', -1, 64)

	tests := []struct {
		name string
		args []string
		want int
	}{
		{"zero floors pass", []string{"--min-f1", "0", "--min-precision", "0", "--min-recall", "0", "--min-relations", "0", seed}, exitOK},
		{"own F1 passes", []string{"--min-f1", own, seed}, exitOK},
		{"F1 floor", []string{"--min-f1", "0.5", unreachable}, exitBelowFloor},
		{"recall floor", []string{"--min-recall", "0.1", unreachable}, exitBelowFloor},
		{"precision floor", []string{"--min-precision", "0.1", unreachable}, exitBelowFloor},
		{"totals over several golds", []string{"--min-f1", "0", seed, unreachable}, exitOK},
		{"more relations than the gold has", []string{"--min-relations", "6", seed}, exitBelowFloor},
		{"text checks floor met", []string{"--min-text-checks", "15", seed}, exitOK},
		{"more text checks than the gold has", []string{"--min-text-checks", "16", seed}, exitBelowFloor},
		{"affiliation floor met", []string{"--min-affiliation", "0.9", seed}, exitOK},
		{"affiliation floor", []string{"--min-affiliation", "0.5", unreachable}, exitBelowFloor},
		{"affiliation floor above 1 is a usage error", []string{"--min-affiliation", "2", seed}, exitUsage},
		{"floor above 1 is a usage error", []string{"--min-recall", "1.5", seed}, exitUsage},
		{"bad date", []string{"--published", "yesterday", seed}, exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := runCLI(t, append([]string{"eval"}, tt.args...)...)
			if code != tt.want {
				t.Errorf("exit %d, want %d; stderr %s", code, tt.want, errs)
			}
			if tt.want == exitBelowFloor && !strings.Contains(errs, "below threshold") {
				t.Errorf("stderr %q should say which score is below its threshold", errs)
			}
		})
	}
}

func TestEvalBadGold(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "expected.json")
	if err := os.WriteFile(bad, []byte(`{"statements": [{"id": "S1"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "article.txt"), []byte("Putin said it."), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		want int
	}{
		{"missing", filepath.Join(dir, "nope.json"), exitNotFound},
		{"statement without content", bad, exitUsage},
		{"directory that is not BRAT", t.TempDir(), exitNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, _, errs := runCLI(t, "eval", tt.path); code != tt.want {
				t.Errorf("exit %d, want %d; stderr %s", code, tt.want, errs)
			}
		})
	}
}

func TestEvalBRAT(t *testing.T) {
	// A user's own BRAT annotation: one article, one annotator.
	dir := t.TempDir()
	text := "The ministry said on Friday that the bridge had reopened. “Traffic is flowing,” Olena Kovalenko told reporters.\n"
	ann := "T1\tSource 0 12\tThe ministry\nT2\tCue 13 17\tsaid\nT3\tContent 28 56\tthat the bridge had reopened\n" +
		"T4\tAttribution 13 17\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n" +
		"T5\tContent 58 79\t“Traffic is flowing,”\nT6\tSource 80 95\tOlena Kovalenko\nT7\tCue 96 100\ttold\n" +
		"T8\tAttribution 96 100\ttold\nE2\tAttribution:T8 Content:T5 Cue:T7 Source:T6\n"
	for p, body := range map[string]string{"text/bridge.txt": text, "attributions/bridge_a1.ann": ann} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := runCLI(t, "eval", "--json", "--published", "2025-05-02", dir)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var rep evalJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Totals.Articles != 1 || rep.Totals.Required != 2 || rep.Articles[0].Article != "bridge" {
		t.Errorf("totals %+v, articles %+v: want 1 article named bridge with 2 required statements", rep.Totals, rep.Articles)
	}

	// Offsets that do not fit the text are a usage error, not a panic.
	if err := os.WriteFile(filepath.Join(dir, "attributions", "bridge_a1.ann"), []byte("T1\tSource 0 900\tx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runCLI(t, "eval", dir); code != exitUsage {
		t.Errorf("bad offsets: exit %d, want %d", code, exitUsage)
	}
	// Beside a usable article, the broken one is skipped with a warning,
	// unless --strict.
	if err := os.WriteFile(filepath.Join(dir, "text", "other.txt"), []byte("The mayor said the bridge reopened."), 0o644); err != nil {
		t.Fatal(err)
	}
	otherAnn := "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 35\tthe bridge reopened.\nE1\tAttribution:T3 Content:T3 Cue:T2 Source:T1\n"
	if err := os.WriteFile(filepath.Join(dir, "attributions", "other_a1.ann"), []byte(otherAnn), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runCLI(t, "eval", dir)
	if code != exitOK || !strings.Contains(errs, "skipped 1 annotation file") {
		t.Errorf("one broken file beside a good one: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := runCLI(t, "eval", "--strict", dir); code != exitUsage {
		t.Errorf("--strict: exit %d, want %d", code, exitUsage)
	}
}

func TestEvalPolNeARDev(t *testing.T) {
	dir := corpora.For(t, "corpora", "polnear", "dev")
	code, out, errs := runCLI(t, "eval", "--json", dir)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var rep evalJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Totals.Articles != 84 || rep.Totals.Required < 1500 {
		t.Errorf("totals %+v: want 84 articles and at least 1,500 attributions", rep.Totals)
	}
	t.Logf("PolNeAR dev: P %.3f R %.3f F1 %.3f over %d attributions, %d predicted",
		rep.Totals.Precision, rep.Totals.Recall, rep.Totals.F1, rep.Totals.Required, rep.Totals.Predicted)
}
