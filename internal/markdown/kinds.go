package markdown

import "strings"

// SectionKinds returns the document fields a section heading stands for,
// the way import reads it: "summary", "detection", "impact", "timeline",
// "response", "root_cause", "resolution", "prevention" or
// "action_items"; several for a heading that merges sections ("Root
// cause, Prevention, and Resolution"), nil for a heading the format does
// not know ("Lessons learned"). Case, numbering ("2."), emphasis, emoji,
// a parenthetical ("Timeline (UTC)") and a qualifier after the name
// ("Timeline (all times PST) 01/16/2024 - 02/28/2024") are ignored, and
// so is template markup from the first "{{" on. It is the one table of
// section names and their synonyms (sectionNames), shared by import,
// lint and the templates.
func SectionKinds(heading string) []string {
	if i := strings.Index(heading, "{{"); i >= 0 {
		heading = heading[:i]
	}
	return classifyHeading(heading)
}
