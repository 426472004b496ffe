package analyze

import (
	"errors"
	"testing"

	"github.com/crosscheck/crosscheck"
)

// FuzzAnalyze runs the whole analyzer on arbitrary input: it must never
// panic, and whatever it returns must keep the span invariant (Analyze
// itself fails with a contract error if it does not).
func FuzzAnalyze(f *testing.F) {
	seeds := []string{
		"“Today, the village has been liberated,” Gerasimov stated, according to reports from AFP.",
		"However, Ukrainian officials have yet to confirm this claim.",
		"He said: “We will win.\n\n“And we will rebuild.”",
		"According to Ukrinform, the General Staff denied the report, directly contradicting the Russian assertion.",
		"''It does,'' Mr. Gingrich said. ''Because it is.''",
		"Lavrov echoed this sentiment, saying that the Kremlin is “ready”, although he noted that",
		"“”“,, said said according to ’s ’’ — : “",
		"X (D-Calif.) last week said, who, that “",
		"We, the Participants in the Grain Group, remain committed. We condemn the shelling.\n\nEXCLUSIVE: Senators are reminding the governor of the levy.",
		"True to form — a general rarely mincing words — the commander said this week, “We hold.” There's concern that the navy warned the captains of mines.",
		"We, ,We, the X,",
		// the dash signatures of translated news; a sentence that opens
		// with "- said" once panicked (a dash as its first token)
		"The talks ended.\n\n- said the minister.\n\nIt is final - he said - and “so it is” - warned on TVN24 on Friday Kovalenko at the meeting, said the envoy to Poland.",
	}
	for _, s := range seeds {
		f.Add(s, "2025-04-26")
	}
	z, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, published string) {
		a, err := z.Analyze(t.Context(), crosscheck.Document{Body: []byte(text), ContentType: "text/plain", Published: published})
		if err != nil {
			var ce *crosscheck.Error
			if errors.As(err, &ce) {
				return // bad input: empty, binary, too large
			}
			t.Fatalf("Analyze(%q): %v", text, err)
		}
		for _, s := range a.Statements {
			if s.ID == "" || s.Content.Start > s.Content.End {
				t.Fatalf("bad statement %+v", s)
			}
		}
	})
}
