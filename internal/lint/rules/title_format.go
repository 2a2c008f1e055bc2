package rules

import (
	"fmt"
	"regexp"
	"strings"

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

var (
	canonicalTitle = regexp.MustCompile(`^Incident: (\d{4}-\d{2}-\d{2}) \d{2}-\d{2}-\d{2}$`)
	titleDate      = regexp.MustCompile(`\b(\d{4}-\d{2}-\d{2})\b`)
)

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
	m := canonicalTitle.FindStringSubmatch(text)
	if m == nil {
		if !in.IsMarkdown() {
			return // a YAML title is free text; only its date is checked
		}
		emit(lint.Finding{Line: line, Column: c, Message: fmt.Sprintf("title %s is not in the template's form \"Incident: YYYY-MM-DD HH-mm-ss\"", quote(text, 60))})
	}
	d := titleDate.FindStringSubmatch(text)
	if d == nil || in.Resolved.Date.IsZero() {
		return
	}
	days := map[string]bool{in.Resolved.Date.Format("2006-01-02"): true}
	for _, t := range in.Resolved.Times {
		if !t.IsZero() {
			days[t.Format("2006-01-02")] = true
		}
	}
	if !days[d[1]] {
		emit(lint.Finding{Line: line, Column: c, Message: fmt.Sprintf("title date %s is not a day of the incident (the timeline is on %s)", d[1], in.Resolved.Date.Format("2006-01-02"))})
	}
}
