package interview

import (
	"fmt"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/render"
	"github.com/postmortem-cli/postmortem/internal/timeparse"
)

// MetricsSummary lists the computed metrics, one per line, saying which
// milestone is missing where one cannot be computed.
func MetricsSummary(r *document.Resolved) []string {
	m := r.Metrics()
	var out []string
	for _, def := range document.MetricDefinitions {
		v := def.Value(m)
		if v == nil {
			out = append(out, fmt.Sprintf("%-20s not computed: %s", def.Name+":", missingFor(def.Key, r)))
			continue
		}
		out = append(out, fmt.Sprintf("%-20s %s", def.Name+":", timeparse.FormatDuration(*v)))
	}
	return out
}

// review shows the problems, the metrics and the rendered report, then
// lets the responder save, go back to a section, or stop.
func (s *Session) review() error {
	ui := s.UI
	for {
		r, probs := document.Validate(s.Doc)
		ui.Say("")
		ui.Say("## Review")
		for _, p := range probs {
			ui.Say("✗ %s: %s", p.Path, p.Message)
		}
		ui.Say("Computed from your times:")
		for _, line := range MetricsSummary(r) {
			ui.Say("  %s", line)
		}
		opts := []Option{}
		choice := "stop"
		if len(probs) == 0 {
			md, err := s.Template.Markdown(s.Doc, r, render.Options{})
			if err != nil {
				return err
			}
			ui.Say("")
			ui.Say("----- preview of the report -----")
			ui.Say("%s", strings.TrimRight(string(md), "\n"))
			ui.Say("----- end of preview -----")
			if s.Destination != nil {
				ui.Say("Saving writes %s", s.Destination(r))
			}
			opts = append(opts, Option{"Save the report", "save"})
			choice = "save"
		} else {
			ui.Say("Fix the problems above before saving (go back to the section).")
		}
		for _, name := range Sections {
			if s.Asks(name) {
				opts = append(opts, Option{"Go back to: " + SectionTitle(name), name})
			}
		}
		opts = append(opts, Option{"Stop here and keep the draft", "stop"})
		if err := ui.Ask("", "", &Field{Key: "review", Title: "Save it?", Kind: kindSelect, Value: &choice, Options: opts}); err != nil {
			return err
		}
		switch choice {
		case "save":
			return nil
		case "stop":
			return ErrStopped
		}
		given := s.Given
		s.Given = nil // going back means asking again, even what --from gave
		err := s.section(choice)
		s.Given = given
		if err != nil {
			return s.stop(Review, err)
		}
		if err := s.save(Review); err != nil {
			return err
		}
	}
}

// missingFor says which times a metric still needs.
func missingFor(key string, r *document.Resolved) string {
	need := map[string][]string{
		"impact":              {"start", "end"},
		"time_to_detect":      {"start", "detected"},
		"time_to_acknowledge": {"detected", "acknowledged"},
		"time_to_mitigate":    {"start", "mitigated"},
		"time_to_resolve":     {"start", "resolved"},
	}[key]
	var missing []string
	for _, n := range need {
		switch n {
		case "start":
			if r.ImpactStart.IsZero() {
				missing = append(missing, "an impact start (or a `started` event)")
			}
		case "end":
			if r.ImpactEnd.IsZero() {
				missing = append(missing, "an impact end (or a `resolved` or `mitigated` event)")
			}
		default:
			if _, ok := r.Milestones[n]; !ok {
				missing = append(missing, "a `"+n+"` event")
			}
		}
	}
	return "needs " + strings.Join(missing, " and ")
}
