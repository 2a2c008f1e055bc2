package rules

import (
	"strings"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/lint"
)

// problemRule says which rule reports a problem document.Validate found,
// so that every problem is reported exactly once, by the rule a reader
// would look up.
func problemRule(p document.Problem) string {
	switch {
	case p.Path == "date" || p.Path == "timezone" || strings.HasPrefix(p.Message, "time "):
		return "timestamp"
	case strings.Contains(p.Message, " is earlier than entry ") || strings.Contains(p.Message, " is dated before entry ") ||
		strings.HasPrefix(p.Message, "milestone ") && strings.Contains(p.Message, " comes before "):
		return "timeline-order"
	case strings.HasPrefix(p.Message, "impact ends "):
		return "impossible-window"
	case strings.HasPrefix(p.Message, "due date "):
		return "action-item-due"
	}
	return "invalid-value"
}

// problemsFor emits the validation problems that belong to rule id.
func problemsFor(in *lint.Input, id string, emit func(lint.Finding)) {
	for _, p := range in.Problems {
		if problemRule(p) == id {
			l, c := in.Pos(p.Path)
			emit(lint.Finding{Line: l, Column: c, Message: p.Message})
		}
	}
}

// InvalidValue reports the rest of what validation finds: values outside
// their lists, entries without text, milestones set twice.
type InvalidValue struct{}

func (InvalidValue) Doc() lint.Doc {
	return lint.Doc{
		ID:       "invalid-value",
		Severity: lint.Error,
		Summary:  "a field holds a value the document format does not allow (status, milestone, empty entry)",
		Rationale: `The document format (docs/document-format.md) lists the statuses, milestones and
action item statuses it knows; a typo there ("resloved") silently drops a milestone
from the metrics. A timeline entry without text, an action item without a
description and a milestone set on two entries are reported here too.`,
		Bad:  "timeline:\n  - time: \"19:47\"\n    event: Incident resolved\n    milestone: resloved",
		Good: "timeline:\n  - time: \"19:47\"\n    event: Incident resolved\n    milestone: resolved",
	}
}

func (InvalidValue) Check(in *lint.Input, emit func(lint.Finding)) {
	problemsFor(in, "invalid-value", emit)
}
