package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/postmortem-cli/postmortem/internal/preset"
)

// templatesHelpTopic is `postmortem help templates`: every preset, from
// the presets' own data, and how lint chooses one.
func templatesHelpTopic() *cobra.Command {
	var b strings.Builder
	b.WriteString(`Templates teams write postmortems to. The structure rules of 'postmortem
lint' (required-section, heading-level, title-format, timeline-format,
action-item-due) judge a report against its template; every other rule holds
for any report.

Which template: .postmortem.yaml's ` + "`template:`" + ` (a preset below, or a path to a
template file of your own), else a comment in the report naming one
(<!-- postmortem-template: google-sre -->, which 'postmortem render' writes),
else the template the report's headings and title show (lint -v says which,
with the score), else none. 'postmortem init --template NAME' and
'postmortem render --template NAME' take the same names; the interview asks
the sections of the configured template.
`)
	for _, p := range preset.All() {
		fmt.Fprintf(&b, "\n%s\n  %s\n", p.Name, p.Summary)
		if p.IsNone() {
			b.WriteString("  Only the universal rules: no section, title or entry form is asked for.\n")
			continue
		}
		var req, other []string
		for _, s := range p.Sections {
			h := strings.Repeat("#", s.Level) + " " + s.Heading
			if s.Required {
				req = append(req, h)
			} else {
				other = append(other, h)
			}
		}
		b.WriteString(wrapList("  Required: ", req))
		if len(other) > 0 {
			b.WriteString(wrapList("  Also: ", other))
		}
		if p.Title.Pattern != nil {
			fmt.Fprintf(&b, "  Title: # %s, or a name without a date\n", p.Title.Example)
		} else if p.Title.Required {
			b.WriteString("  Title: a level-1 heading\n")
		}
		if p.Timeline.Entry != nil {
			fmt.Fprintf(&b, "  Timeline entries: %s\n", p.Timeline.Example)
		} else {
			fmt.Fprintf(&b, "  Timeline: a table or a list, not rewritten, such as\n    %s\n", p.Timeline.Example)
		}
		due := "owners; due dates live in the tracker"
		if p.RequireDue {
			due = "owners and due dates"
		}
		fmt.Fprintf(&b, "  Open action items need %s\n", due)
	}
	return &cobra.Command{Use: "templates", Short: "The template presets lint judges structure against, and how one is chosen", Long: strings.TrimRight(b.String(), "\n")}
}

// wrapList writes a comma-separated list after a label, wrapped at 78
// columns and indented under the label.
func wrapList(label string, items []string) string {
	var b strings.Builder
	line := label
	for i, it := range items {
		if i < len(items)-1 {
			it += ","
		}
		if len(line)+1+len(it) > 78 && line != label {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = strings.Repeat(" ", len(label))
		}
		line += it + " "
	}
	b.WriteString(strings.TrimRight(line, " ") + "\n")
	return b.String()
}
