package claims

import (
	"slices"
	"testing"
	"time"
)

// TestEpisodes: a component of EpisodeMin statements or more is cut where
// a statement comes more than EpisodeSpan after its episode's first; a
// smaller one, or one that starts undated, stays whole; undated statements
// (sorted last) stay in the last episode.
func TestEpisodes(t *testing.T) {
	day := func(d int) string {
		return time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, d).Format(time.RFC3339)
	}
	opt := Options{EpisodeMin: 4, EpisodeSpan: 10 * 24 * time.Hour}
	for _, tc := range []struct {
		name string
		days []int // -1: undated
		want []int
	}{
		{"below the minimum, months apart", []int{0, 40, 80}, []int{0}},
		{"within one span", []int{0, 3, 9, 10}, []int{0}},
		// day 11 is more than 10 days after day 0; day 21 is exactly 10
		// after day 11 (stays), day 22 is not.
		{"cut from each episode's first", []int{0, 5, 11, 21, 22, 22, 40}, []int{0, 2, 4, 6}},
		{"undated stay last", []int{0, 1, 30, -1, -1}, []int{0, 2}},
		{"undated first: whole", []int{-1, -1, -1, -1}, []int{0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := make([]*Prepared, len(tc.days))
			for i, d := range tc.days {
				ps[i] = &Prepared{Article: "a", Seq: i}
				if d >= 0 {
					ps[i].Published = day(d)
				}
			}
			if got := opt.Episodes(ps); !slices.Equal(got, tc.want) {
				t.Errorf("Episodes = %v, want %v", got, tc.want)
			}
		})
	}
	// By default every component is cut, however small: the same two
	// statements a month apart are one claim within 30 days and two
	// beyond.
	for _, tc := range []struct {
		apart int // days
		want  []int
	}{{30, []int{0}}, {31, []int{0, 1}}} {
		ps := []*Prepared{{Article: "a", Published: day(0)}, {Article: "b", Published: day(tc.apart)}}
		if got := (Options{}).Episodes(ps); !slices.Equal(got, tc.want) {
			t.Errorf("default Episodes of two statements %d days apart = %v, want %v", tc.apart, got, tc.want)
		}
	}
}
