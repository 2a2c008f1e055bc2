package rules

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
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

// canonicalTitle is the template's title form.
var canonicalTitle = pattern(`^Incident: (\d{4}-\d{2}-\d{2}) \d{2}-\d{2}-\d{2}$`)

// titleDate is the first date the title gives, as the lexer reads it.
func titleDate(s string) (time.Time, bool) {
	for _, t := range timeparse.Lex(s) {
		if (t.Kind == timeparse.Date || t.Kind == timeparse.DateTime) && t.HasDate {
			return time.Date(t.Year, time.Month(t.Month), t.Day, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// sameDay reports whether t falls on day d.
func sameDay(t, d time.Time) bool {
	y, m, dd := t.Date()
	return y == d.Year() && m == d.Month() && dd == d.Day()
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
	if !canonicalTitle().MatchString(text) {
		if !in.IsMarkdown() {
			return // a YAML title is free text; only its date is checked
		}
		emit(lint.Finding{Line: line, Column: c, Message: fmt.Sprintf("title %s is not in the template's form \"Incident: YYYY-MM-DD HH-mm-ss\"", quote(text, 60))})
	}
	d, ok := titleDate(text)
	if !ok || in.Resolved.Date.IsZero() {
		return
	}
	if !sameDay(in.Resolved.Date, d) && !slices.ContainsFunc(in.Resolved.Times, func(t time.Time) bool { return !t.IsZero() && sameDay(t, d) }) {
		emit(lint.Finding{Line: line, Column: c, Message: fmt.Sprintf("title date %s is not a day of the incident (the timeline is on %s)", d.Format(time.DateOnly), in.Resolved.Date.Format(time.DateOnly))})
	}
}
