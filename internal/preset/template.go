package preset

import (
	"strings"

	"github.com/postmortem-cli/postmortem/internal/markdown"
)

var (
	templateHeading = pattern(`(?m)^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$`)
	// courseEntryInTemplate is an entry written the course's way in a
	// template: "- _11:48_ - text" or "- {{with .Time}}_{{.}}_ - ...".
	courseEntryInTemplate = pattern(`(?m)^- (?:_\d{1,2}:\d{2}_|\{\{with \.Time\}\}_\{\{\.\}\}_) - `)
)

// FromTemplate reads a preset from a team's own template: a Markdown
// template or a render template (.md.tmpl). Its sections are the headings
// the importer's table knows, at their levels, all required; the first
// heading that names no section is the title, in the course's form when
// it is the course's ("Incident: YYYY-MM-DD HH-mm-ss"); entries are
// checked in the course's form when the template writes one that way.
// Owners and due dates are required, as the course template asks.
func FromTemplate(name, text string) *Preset {
	p := &Preset{Name: name, Summary: "the template " + name, custom: true, RequireOwner: true, RequireDue: true, family: "custom"}
	title := false
	for _, m := range templateHeading().FindAllStringSubmatch(text, -1) {
		level, heading := len(m[1]), m[2]
		kinds := markdown.SectionKinds(heading)
		if len(kinds) == 0 {
			if !title {
				title = true
				p.Title.Required = true
				if courseTitleMark().MatchString(strings.TrimSpace(heading)) {
					p.Title.Example, p.Title.Pattern, p.Title.Dated = "Incident: YYYY-MM-DD HH-mm-ss", courseTitle, datedTitle
				}
			}
			continue
		}
		for _, k := range kinds {
			if p.Section(k) != nil {
				continue
			}
			h := heading
			if len(kinds) > 1 {
				h = kindTitle(k)
			}
			if i := strings.Index(h, "{{"); i >= 0 {
				h = strings.TrimSpace(h[:i])
			}
			p.Sections = append(p.Sections, Section{Key: k, Kind: k, Heading: h, Level: level, Required: true})
		}
	}
	if courseEntryInTemplate().MatchString(text) {
		p.Timeline = TimelineForm{Example: "- _19:34_ - Alert fired", Entry: courseEntry}
	}
	return p
}
