package rules

import (
	"fmt"
	"time"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// ImpossibleWindow reports a window in the prose, or the impact, that
// ends before it starts.
type ImpossibleWindow struct{}

func (ImpossibleWindow) Doc() lint.Doc {
	return lint.Doc{
		ID:       "impossible-window",
		Severity: lint.Error,
		Summary:  "a time window ends before it starts",
		Rationale: `"Between 20:44 UTC and 20:25 UTC" cannot be true: one of the two times is a typo,
and readers cannot tell which. A window that crosses midnight ("23:50 to 00:10") is
not reported.`,
		Bad:  "Between 20:44 UTC and 20:25 UTC, orders failed.",
		Good: "Between 20:25 UTC and 20:44 UTC, orders failed.",
	}
}

func (ImpossibleWindow) Check(in *lint.Input, emit func(lint.Finding)) {
	problemsFor(in, "impossible-window", emit)
	for _, p := range proseOf(in) {
		if p.Kind == "timeline" {
			continue
		}
		for _, w := range windowsOf(p.Text, p.Tokens) {
			back := -w.length()
			// Ending earlier by half a day or more reads as crossing midnight.
			if back <= 0 || back >= 12*time.Hour {
				continue
			}
			if (w.start.zone == nil) != (w.end.zone == nil) || (w.start.zone != nil && w.start.zone.Name != w.end.zone.Name) {
				continue
			}
			emit(lint.Finding{Line: p.Line, Column: p.Col + col(p.Text, w.off) - 1,
				Message: fmt.Sprintf("the window %q ends before it starts", w.text)})
		}
	}
}
