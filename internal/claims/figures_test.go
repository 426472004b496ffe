package claims

import (
	"slices"
	"testing"
)

// TestNumberFormats: the same figure written the ways outlets write it
// reads as one figure.
func TestNumberFormats(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"about 150,000 troops", []string{"150000"}},
		{"about 150 000 troops", []string{"150000"}},
		{"about 150\u00a0000 troops", []string{"150000"}},
		{"about 150 thousand troops", []string{"150000"}},
		{"more than 1 000 000 refugees", []string{"1e+06"}},
		{"some five million refugees", []string{"5e+06"}},
		{"five million refugees and 5 million more", []string{"5e+06"}},
		{"twenty-five thousand soldiers", []string{"25000"}},
		{"two hundred thousand soldiers", []string{"200000"}},
		{"a million people fled", []string{"1e+06"}},
		{"three billion dollars, $3bn", []string{"3e+09"}},
		{"an additional billion dollars in aid, $1bn", []string{"1e+09"}},
		{"another million refugees", []string{"1e+06"}},
		{"a further billion euros", []string{"1e+09"}},
		{"another two billion dollars", []string{"2e+09"}},
		{"billions of dollars and a billion-dollar deal", []string{"1e+09"}},
		{"an additional hundred soldiers", nil},
		{"two soldiers and a hundred tanks", nil},
		{"in 2022 100 people died", []string{"100"}},
		{"on February 24 100 tanks crossed", []string{"100"}},
		{"Article 5 of the treaty", []string{"5"}},
	} {
		got := numbers(c.text, tokenize(c.text))
		if !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
			t.Errorf("numbers(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
