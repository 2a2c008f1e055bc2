package rules

import (
	"fmt"
	"regexp"
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
		Summary:  `a timeline entry is not written "- _HH:MM_ - text"`,
		Rationale: `One entry per list item, time first and emphasised, keeps timelines readable
when rendered (bare lines without blank lines between them run together into one
paragraph) and lets every tool read them. --fix rewrites the markup only: the time
and the text stay exactly as written.`,
		Fixable: true,
		Bad:     "14:06 - Alert fired\n14:09 - On-call acknowledged",
		Good:    "- _14:06_ - Alert fired\n- _14:09_ - On-call acknowledged",
	}
}

func (TimelineFormat) Check(in *lint.Input, emit func(lint.Finding)) {
	if !in.IsMarkdown() {
		return
	}
	for _, e := range in.Report.Entries {
		raw, text := strings.TrimSpace(e.RawTime), strings.TrimSpace(e.Text)
		if raw == "" || text == "" {
			continue
		}
		line := in.Line(e.Line)
		canonical := "- _" + raw + "_ - " + text
		if strings.TrimRight(line, " \t") == canonical {
			continue // only trailing spaces differ: not worth a finding
		}
		// Rewrite only a line that holds exactly this entry, so nothing
		// but markup can change.
		re, err := regexp.Compile(`^\s*(?:[-*+•]\s*|\d+[.)]\s+)?(?:\*\*|__|\*|_|` + "`" + `)?` + regexp.QuoteMeta(raw) +
			`(?:\*\*|__|\*|_|` + "`" + `)?\s*(?:[-–—:|]\s*)?` + regexp.QuoteMeta(text) + `\s*$`)
		if err != nil || !re.MatchString(line) {
			continue
		}
		emit(lint.Finding{Line: e.Line, Column: 1, Message: fmt.Sprintf("timeline entry is not written %q", "- _"+raw+"_ - ..."),
			Fix: lint.ReplaceLine(e.Line, canonical)})
	}
}
