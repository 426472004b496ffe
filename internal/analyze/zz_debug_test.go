package analyze

import (
	"os"
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
)

func TestZZDebug(t *testing.T) {
	p := os.Getenv("DBG")
	if p == "" {
		t.Skip()
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	z := newAnalyzer(t)
	a, err := z.Analyze(t.Context(), crosscheck.Document{Body: b, ContentType: "text/plain"})
	if err != nil {
		t.Fatal(err)
	}
	grep := os.Getenv("GREP")
	for _, s := range a.Statements {
		line := s.ID + " [" + s.Speaker.Text + " => " + string(s.Speaker.Name) + "/" + s.Speaker.Type + "/" + string(s.Speaker.Affiliation) + "] " + s.Cue.Text + " <" + s.Kind + "," + s.Stance + "> " + s.Content.Text + " via=" + strings.Join(s.Via, ",")
		if grep == "" || strings.Contains(line, grep) {
			t.Log(line)
		}
	}
	for _, r := range a.Relations {
		t.Logf("REL %s %s->%s by=%s: %s", r.Type, r.From, r.To, r.By, r.Evidence.Text)
	}
}
