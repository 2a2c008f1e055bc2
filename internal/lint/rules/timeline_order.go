package rules

import (
	"github.com/postmortem-cli/postmortem/internal/lint"
)

// TimelineOrder reports timeline entries earlier than the entry above
// them and milestones out of the order incidents happen in.
type TimelineOrder struct{}

func (TimelineOrder) Doc() lint.Doc {
	return lint.Doc{
		ID:       "timeline-order",
		Severity: lint.Error,
		Summary:  "a timeline entry is earlier than the one above it, or milestones are out of order",
		Rationale: `Timelines run oldest first. An entry out of order is usually a typo (19:43 for
19:34), a missing date on a timeline that crosses midnight, or a local time among UTC
ones; each makes the computed durations wrong. Milestones must happen in the order
started <= detected <= acknowledged <= mitigated <= resolved.`,
		Bad:  "- _19:47_ - Incident resolved\n- _19:34_ - Grafana alert triggered",
		Good: "- _19:34_ - Grafana alert triggered\n- _19:47_ - Incident resolved",
	}
}

func (TimelineOrder) Check(in *lint.Input, emit func(lint.Finding)) {
	problemsFor(in, "timeline-order", emit)
}
