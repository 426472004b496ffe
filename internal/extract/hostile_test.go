package extract

import (
	"strings"
	"testing"

	"github.com/crosscheck/crosscheck"
)

// TestHostileHTML feeds pathological but small pages: deep nesting and
// huge flat pages must come back as an article or a clear error, without
// a crash.
func TestHostileHTML(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	text := strings.Repeat("The army said the village was taken after a week of fighting. ", 20)
	tests := []struct {
		name string
		body string
	}{
		{"deep divs", strings.Repeat("<div>", 50_000) + "<p>" + text + "</p>" + strings.Repeat("</div>", 50_000)},
		{"deep inline", "<p>" + strings.Repeat("<b><i>", 20_000) + text + "</p>"},
		{"many paragraphs", strings.Repeat("<p>"+text+"</p>", 1_000)},
		{"unclosed tags", strings.Repeat("<p><div><span><table><tr><td>", 5_000) + text},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Article(crosscheck.Document{Body: []byte(tt.body)}, Options{})
			if err != nil {
				if crosscheck.ErrorCode(err) == crosscheck.EINTERNAL {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			checkInvariants(t, a.Text)
			if !strings.Contains(a.Text, "the village was taken") {
				t.Errorf("article text lost: %.200q", a.Text)
			}
		})
	}
}
