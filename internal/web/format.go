package web

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// dateView is a date as every page shows it: the day, with the time where
// the source gives one, in UTC ("26 Apr 2025", "26 Apr 2025, 14:30 UTC"),
// and the machine form for <time datetime>.
type dateView struct {
	ISO, Text string
	T         time.Time // zero for a month, season or year
}

// Layouts readers see; one for the whole UI.
const (
	dayLayout      = "2 Jan 2006"
	dayTimeLayout  = "2 Jan 2006, 15:04 UTC"
	monthLayout    = "Jan 2006"
	shortDayLayout = "2 Jan"
)

// parseWhen reads the dates the store holds: RFC 3339 (with or without a
// zone, which is then UTC), YYYY-MM-DD, and the statement times of the
// contract (YYYY-MM, YYYY-season, YYYY). hasTime says whether a time of
// day was given.
func parseWhen(v string) (t time.Time, hasTime, ok bool) {
	v = strings.TrimSpace(v)
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(l, v); err == nil {
			return t.UTC(), true, true
		}
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, false, true
	}
	return time.Time{}, false, false
}

// formatDate returns the reader's form of a stored date, nil when v is
// empty. A value it cannot read is shown as it is.
func formatDate(v string) *dateView {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	if t, hasTime, ok := parseWhen(v); ok {
		if hasTime {
			return &dateView{ISO: t.Format(time.RFC3339), Text: t.Format(dayTimeLayout), T: t}
		}
		return &dateView{ISO: t.Format(time.DateOnly), Text: t.Format(dayLayout), T: t}
	}
	if t, err := time.Parse("2006-01", v); err == nil {
		return &dateView{ISO: v, Text: t.Format(monthLayout)}
	}
	if y, season, ok := strings.Cut(v, "-"); ok && len(y) == 4 && isDigits(y) {
		switch season {
		case "spring", "summer", "autumn", "winter":
			return &dateView{ISO: y, Text: season + " " + y}
		}
	}
	if len(v) == 4 && isDigits(v) {
		return &dateView{ISO: v, Text: v}
	}
	return &dateView{Text: v}
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// dayText is the day part of a stored date, "" when it has none.
func dayText(v string) string {
	if t, _, ok := parseWhen(v); ok {
		return t.Format(dayLayout)
	}
	return ""
}

// partyView is a party code with its country's name ("KP", "North Korea").
type partyView struct{ Code, Name string }

// partyViews splits a party field ("RU" or "RU,UA") and names each code
// with names (the gazetteer's country names); unknown codes keep no name.
func partyViews(field string, names func(string) string) []partyView {
	var out []partyView
	for _, c := range strings.Split(field, ",") {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		p := partyView{Code: c}
		if names != nil {
			p.Name = names(c)
		}
		out = append(out, p)
	}
	return out
}

// partyLabel is "North Korea (KP)" for texts that cannot show both side by
// side (SVG labels, citations); the code alone when the name is unknown.
func partyLabel(code string, names func(string) string) string {
	var parts []string
	for _, p := range partyViews(code, names) {
		if p.Name != "" {
			parts = append(parts, p.Name+" ("+p.Code+")")
		} else {
			parts = append(parts, p.Code)
		}
	}
	if len(parts) == 0 {
		return "no party"
	}
	return strings.Join(parts, ", ")
}

// articleTitle is what links to an article say: its title, else its site
// and day, so that no link is ever empty.
func articleTitle(title, site, published string) string {
	if t := strings.TrimSpace(title); t != "" {
		return t
	}
	parts := []string{"Untitled article"}
	if site = strings.TrimSpace(site); site != "" {
		parts = append(parts, site)
	}
	if d := dayText(published); d != "" {
		parts = append(parts, d)
	}
	return strings.Join(parts, ", ")
}

// clipText shortens s to at most n characters at a word boundary, with an
// ellipsis.
func clipText(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := len(r)
	for i := len(r) - 1; i > n/2; i-- {
		if unicode.IsSpace(r[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(string(r[:cut]), func(c rune) bool { return unicode.IsSpace(c) || unicode.IsPunct(c) }) + "…"
}

// num formats an SVG coordinate with at most one decimal.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}

// plural is "1 claim", "3 claims".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
