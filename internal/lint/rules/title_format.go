package rules

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/preset"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// TitleFormat checks the report's title: present, in the template's
// "Incident: YYYY-MM-DD HH-mm-ss" form, and on the incident's date.
type TitleFormat struct{}

func (TitleFormat) Doc() lint.Doc {
	return lint.Doc{
		ID:       "title-format",
		Severity: lint.Warning,
		Summary:  `the title is missing, dated in another form than the template's, or on another date than the incident`,
		Rationale: `Postmortems are found by their titles: in a folder listing, a search, a link in a
chat. The course template's "Incident: <date> <time>" title sorts and reads the same
everywhere: a title that gives a date gives it that way (a title of words, such as
"Checkout payments fail", is a name and is fine). Templates that need a title (the
course's, Google's) are checked for one. On every report, a title dated the day the
report was written, rather than the day of the incident, sends readers to the wrong
day.`,
		Bad:  "# 2024-12-04 19:47 UTC",
		Good: "# Incident: 2024-12-04 19-47-00",
	}
}

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
	form := in.Template.Preset.Title
	var text string
	line, c := 1, 1
	if in.IsMarkdown() {
		t := in.Report.Title
		if t == nil {
			if form.Required {
				emit(lint.Finding{Line: 1, Column: 1, Message: "the report has no title; " + titleAdvice(form)})
			}
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
	// A YAML title is free text; a Markdown title with a date in it
	// writes it the template's way (a title of words is a name).
	if form.Pattern != nil && in.IsMarkdown() && !form.Pattern().MatchString(text) && (form.Dated == nil || form.Dated().MatchString(text)) {
		emit(lint.Finding{Line: line, Column: c, Message: fmt.Sprintf("title %s is not in the template's form %q", quote(text, 60), form.Example)})
	}
	d, ok := titleDate(text)
	if !ok || in.Resolved.Date.IsZero() {
		return
	}
	if !sameDay(in.Resolved.Date, d) && !slices.ContainsFunc(in.Resolved.Times, func(t time.Time) bool { return !t.IsZero() && sameDay(t, d) }) {
		emit(lint.Finding{Line: line, Column: c, Message: fmt.Sprintf("title date %s is not a day of the incident (the timeline is on %s)", d.Format(time.DateOnly), in.Resolved.Date.Format(time.DateOnly))})
	}
}

// titleAdvice says how to write a title in the template's form.
func titleAdvice(form preset.TitleForm) string {
	if form.Example != "" && form.Pattern != nil {
		return fmt.Sprintf("start it with \"# %s\" or a name", form.Example)
	}
	return "start it with a level-1 heading naming the incident"
}
