package markdown

import (
	"slices"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// findDate returns the first calendar date among a line's tokens (a
// date, or a date-time's date) and where it starts; year is the year of
// a date written without one (0: such a date does not count).
func findDate(toks []timeparse.Token, year int) (time.Time, int, bool) {
	for _, t := range toks {
		if t.Kind != timeparse.Date && t.Kind != timeparse.DateTime {
			continue
		}
		if d, ok := dateOf(t, year); ok {
			return d, t.Start, true
		}
	}
	return time.Time{}, -1, false
}

// dateOf is a date token's date, with year where it has none.
func dateOf(t timeparse.Token, year int) (time.Time, bool) {
	y := t.Year
	if y == 0 {
		y = year
	}
	if y == 0 {
		return time.Time{}, false
	}
	d := time.Date(y, time.Month(t.Month), t.Day, 0, 0, 0, 0, time.UTC)
	return d, d.Day() == t.Day
}

// dateLine reads a line that is only a date ("2025-12-01", "**December
// 4, 2024**", "Dec 5:", "Tuesday 2024-12-03"), the way timelines group
// entries; the token's Year is 0 when the line gives none.
// toks are s's tokens: a line without a date token is no date line.
func dateLine(s string, toks []timeparse.Token) (timeparse.Token, bool) {
	if len(s) > 80 || !slices.ContainsFunc(toks, func(t timeparse.Token) bool { return t.Kind == timeparse.Date }) {
		return timeparse.Token{}, false
	}
	t := strings.TrimSpace(strings.Trim(stripEmphasis(s), " :#-–—"))
	if t == "" || len(t) > 40 {
		return timeparse.Token{}, false
	}
	var date timeparse.Token
	found := false
	var rest strings.Builder
	last := 0
	for _, tok := range timeparse.Lex(t) {
		if tok.Kind != timeparse.Date {
			continue
		}
		if !found {
			date, found = tok, true
		}
		rest.WriteString(t[last:tok.Start])
		rest.WriteByte(' ')
		last = tok.End
	}
	if !found || date.Start > 12 {
		return timeparse.Token{}, false
	}
	rest.WriteString(t[last:])
	// whatever remains must be a weekday or punctuation, or in
	// parentheses ("2015-10-21 (*all times UTC*)"), or the day's number
	// in the incident ("Day 2 (March 5, 2024)")
	for _, w := range strings.Fields(normWords(parenthetical().ReplaceAllString(rest.String(), " "))) {
		if !weekday(w) && w != "on" && w != "date" && w != "day" && strings.Trim(w, "0123456789") != "" {
			return timeparse.Token{}, false
		}
	}
	return date, true
}

func weekday(w string) bool {
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		if strings.HasPrefix(w, d) {
			return true
		}
	}
	return false
}
