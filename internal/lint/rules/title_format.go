package rules

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// TitleFormat checks the report's title: present, in the template's
// "Incident: YYYY-MM-DD HH-mm-ss" form, and on the incident's date.
type TitleFormat struct{}

func (TitleFormat) Doc() lint.Doc {
	return lint.Doc{
		ID:       "title-format",
		Severity: lint.Warning,
		Summary:  `the title is missing, not "Incident: YYYY-MM-DD HH-mm-ss", or on another date than the incident`,
		Rationale: `Postmortems are found by their titles: in a folder listing, a search, a link in a
chat. The template's "Incident: <date> <time>" title sorts and reads the same
everywhere. A title dated the day the report was written, rather than the day of
the incident, sends readers to the wrong day.`,
		Bad:  "# 2024-12-04 19:47 UTC",
		Good: "# Incident: 2024-12-04 19-47-00",
	}
}

// onDay reports whether t.Format("2006-01-02") is day, without making
// the string.
func onDay(t time.Time, day string) bool {
	var buf [len("2006-01-02")]byte
	return string(t.AppendFormat(buf[:0], "2006-01-02")) == day
}

// isCanonicalTitle is canonicalTitle.MatchString (the pattern is kept in
// scan_test.go): "Incident: " and fixed-width digits, nothing around.
func isCanonicalTitle(s string) bool {
	return len(s) == len("Incident: 2006-01-02 15-04-05") && strings.HasPrefix(s, "Incident: ") &&
		digitsDashed(s[10:20], 4, 2, 2) && s[20] == ' ' && digitsDashed(s[21:], 2, 2, 2)
}

// digitsDashed reports whether s is runs of digits of the given lengths
// joined by dashes, exactly.
func digitsDashed(s string, runs ...int) bool {
	i := 0
	for k, n := range runs {
		if k > 0 {
			if i >= len(s) || s[i] != '-' {
				return false
			}
			i++
		}
		if !allDigits(s, i, n) {
			return false
		}
		i += n
	}
	return i == len(s)
}

// findTitleDate is titleDate.FindStringSubmatch (the pattern is kept in
// scan_test.go): the first YYYY-MM-DD with no word character either side.
// The date's length is fixed, so each start has one candidate.
func findTitleDate(s string) (string, bool) {
	for i := 0; i+10 <= len(s); i++ {
		if !isDigit(s[i]) || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		if digitsDashed(s[i:i+10], 4, 2, 2) && wordEnds(s, i+10) {
			return s[i : i+10], true
		}
	}
	return "", false
}

func (TitleFormat) Check(in *lint.Input, emit func(lint.Finding)) {
	var text string
	line, c := 1, 1
	if in.IsMarkdown() {
		t := in.Report.Title
		if t == nil {
			emit(lint.Finding{Line: 1, Column: 1, Message: `the report has no title; start it with "# Incident: YYYY-MM-DD HH-mm-ss"`})
			return
		}
		if t.Placeholder {
			return // template-leftover reports it
		}
		text, line, c = strings.TrimSpace(t.Text), t.Line, t.Col
	} else {
		if in.Doc.Title == "" {
			return // the default title is computed from the timeline
		}
		text = in.Doc.Title
		line, c = in.Pos("title")
	}
	if strings.Contains(text, "YYYY") {
		return
	}
	if !isCanonicalTitle(text) {
		if !in.IsMarkdown() {
			return // a YAML title is free text; only its date is checked
		}
		emit(lint.Finding{Line: line, Column: c, Message: fmt.Sprintf("title %s is not in the template's form \"Incident: YYYY-MM-DD HH-mm-ss\"", quote(text, 60))})
	}
	d, ok := findTitleDate(text)
	if !ok || in.Resolved.Date.IsZero() {
		return
	}
	if !onDay(in.Resolved.Date, d) && !slices.ContainsFunc(in.Resolved.Times, func(t time.Time) bool { return !t.IsZero() && onDay(t, d) }) {
		emit(lint.Finding{Line: line, Column: c, Message: fmt.Sprintf("title date %s is not a day of the incident (the timeline is on %s)", d, in.Resolved.Date.Format("2006-01-02"))})
	}
}
