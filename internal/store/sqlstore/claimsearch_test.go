package sqlstore

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/crosscheck/crosscheck"
)

func TestDateTokens(t *testing.T) {
	cases := []struct {
		since, until string
		want         []string
	}{
		{"2024-01-01", "2024-03-31", []string{"xxm202401x", "xxm202402x", "xxm202403x"}},
		{"2024-02-28", "2024-03-01", []string{"xxd20240228x", "xxd20240229x", "xxd20240301x"}},
		{"2023-12-30", "2025-02-02", []string{"xxd20231230x", "xxd20231231x", "xxy2024x", "xxm202501x", "xxd20250201x", "xxd20250202x"}},
		{"2024-05-07", "2024-05-07", []string{"xxd20240507x"}},
		{"2024-05-08", "2024-05-07", nil},                            // empty
		{"2024-05", "2024-06-01", nil},                               // not a day
		{"1900-01-02", "2100-01-01", nil},                            // too many tokens
		{"2024-01-01T10:00:00Z", "2024-12-31", []string{"xxy2024x"}}, // a longer value is cut to its day
	}
	for _, tc := range cases {
		if got := dateTokens(tc.since, tc.until); !slices.Equal(got, tc.want) {
			t.Errorf("dateTokens(%s, %s) = %v, want %v", tc.since, tc.until, got, tc.want)
		}
	}
}

// TestDateTokensMatch: a claim first seen on a day has one of a range's
// tokens exactly when the day is in the range.
func TestDateTokensMatch(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2021, 11, 15, 0, 0, 0, 0, time.UTC)
	day := func() string { return base.AddDate(0, 0, r.IntN(1500)).Format("2006-01-02") }
	for range 300 {
		since, until := day(), day()
		if since > until {
			since, until = until, since
		}
		toks := dateTokens(since, until)
		if toks == nil {
			t.Fatalf("dateTokens(%s, %s) = nil", since, until)
		}
		for range 50 {
			d := day()
			has := slices.ContainsFunc(claimTokens(&crosscheck.Claim{FirstSeen: d}), func(tok string) bool { return slices.Contains(toks, tok) })
			if in := since <= d && d <= until; has != in {
				t.Fatalf("claim of %s: matches %s..%s by tokens %v, by days %v (%v)", d, since, until, has, in, toks)
			}
		}
	}
}
