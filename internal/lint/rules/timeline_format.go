package rules

import (
	"fmt"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// TimelineFormat reports timeline entries not written the template's way,
// "- _19:34_ - text", and fixes them.
type TimelineFormat struct{}

func (TimelineFormat) Doc() lint.Doc {
	return lint.Doc{
		ID:       "timeline-format",
		Severity: lint.Info,
		Summary:  `a timeline entry is not written the template's way ("- _HH:MM_ - text" in the course's)`,
		Rationale: `One entry per list item, time first and emphasised, keeps timelines readable
when rendered (bare lines without blank lines between them run together into one
paragraph) and lets every tool read them. Only templates with a list form (the
course's) are checked: a report that follows a template with a table timeline
(Google SRE, PagerDuty, Atlassian) or none is not. --fix rewrites the markup only,
and only to the report's own template's form: the time and the text stay exactly as
written.`,
		Fixable: true,
		Bad:     "14:06 - Alert fired\n14:09 - On-call acknowledged",
		Good:    "- _14:06_ - Alert fired\n- _14:09_ - On-call acknowledged",
	}
}

func (TimelineFormat) Check(in *lint.Input, emit func(lint.Finding)) {
	form := in.Template.Preset.Timeline
	if !in.IsMarkdown() || form.Entry == nil {
		return // the template's timeline is a table, or it has no form
	}
	for _, e := range in.Report.Entries {
		raw, text := strings.TrimSpace(e.RawTime), strings.TrimSpace(e.Text)
		if raw == "" || text == "" {
			continue
		}
		line := in.Line(e.Line)
		canonical := form.Entry(raw, text)
		if strings.TrimRight(line, " \t") == canonical {
			continue // only trailing spaces differ: not worth a finding
		}
		// Rewrite only a line that holds exactly this entry, so nothing
		// but markup can change.
		if !holdsOnly(line, raw, text) {
			continue
		}
		emit(lint.Finding{Line: e.Line, Column: 1, Message: fmt.Sprintf("timeline entry is not written %q", form.Entry(raw, "...")),
			Fix: lint.ReplaceLine(e.Line, canonical)})
	}
}

// emphasisMarks may wrap an entry's time.
var emphasisMarks = []string{"**", "__", "*", "_", "`"}

// holdsOnly reports whether a line is exactly one timeline entry with this
// time and text, in any of the markups people use: an optional bullet or
// number, the time with optional emphasis, an optional separator, the
// text. Plain string functions: the time and text differ per entry, so a
// pattern would have to be compiled for each.
func holdsOnly(line, raw, text string) bool {
	s := strings.TrimLeft(line, " \t")
	switch {
	case strings.HasPrefix(s, "•"):
		s = strings.TrimLeft(s[len("•"):], " \t")
	case s != "" && strings.ContainsRune("-*+", rune(s[0])) && !strings.HasPrefix(s, "**") && !strings.HasPrefix(s, "*"+raw):
		s = strings.TrimLeft(s[1:], " \t")
	default:
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') && i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\t') && !strings.HasPrefix(s, raw) {
			s = strings.TrimLeft(s[i+1:], " \t")
		}
	}
	for _, m := range emphasisMarks {
		if strings.HasPrefix(s, m+raw) {
			s = s[len(m):]
			break
		}
	}
	if !strings.HasPrefix(s, raw) {
		return false
	}
	s = s[len(raw):]
	for _, m := range emphasisMarks {
		if strings.HasPrefix(s, m) {
			s = s[len(m):]
			break
		}
	}
	s = strings.TrimLeft(s, " \t")
	for _, sep := range []string{"-", "–", "—", ":", "|"} {
		if strings.HasPrefix(s, sep) {
			s = strings.TrimLeft(s[len(sep):], " \t")
			break
		}
	}
	return strings.TrimRight(s, " \t") == text
}
