package rules

import (
	"fmt"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// Timestamp reports times that cannot be read or are ambiguous, and
// timeline entries without a time.
type Timestamp struct{}

func (Timestamp) Doc() lint.Doc {
	return lint.Doc{
		ID:       "timestamp",
		Severity: lint.Error,
		Summary:  "a time cannot be read, is ambiguous (7:34 without AM/PM), or a timeline entry has none",
		Rationale: `Every metric (time to detect, to mitigate, impact) is computed from the timeline's
times. "7:34" may be morning or evening, "19:34 IST" is three different zones, and an
entry without a time cannot be placed. See 'postmortem help times' for what is
accepted.`,
		Bad:  "- _7:34_ - Pizza factory begins returning 500 errors",
		Good: "- _19:34_ - Pizza factory begins returning 500 errors",
	}
}

func (Timestamp) Check(in *lint.Input, emit func(lint.Finding)) {
	for _, p := range in.Problems {
		if !isTimeProblem(p.Path, p.Message) {
			continue
		}
		l, c := in.Pos(p.Path)
		emit(lint.Finding{Line: l, Column: c, Message: p.Message})
	}
	if in.IsMarkdown() {
		for _, e := range in.Report.Entries {
			if strings.TrimSpace(e.RawTime) == "" {
				emit(lint.Finding{Line: e.Line, Column: max(e.Col, 1), Message: fmt.Sprintf("timeline entry %q has no time; start it with one (\"- _19:34_ - ...\")", clip(e.Text, 40))})
			}
		}
	}
}

// isTimeProblem picks document.Resolve's problems: an unreadable time,
// date or zone.
func isTimeProblem(path, msg string) bool {
	switch {
	case path == "date" || path == "timezone":
		return true
	case strings.HasPrefix(msg, "time "):
		return true
	}
	return false
}
