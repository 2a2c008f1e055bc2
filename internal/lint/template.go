package lint

import (
	"strings"

	"github.com/postmortem-cli/postmortem/internal/preset"
)

// Template is the template an input is judged against and how it was
// chosen. Structure rules (required-section, heading-level,
// title-format, timeline-format, action-item-due) read it; the
// universal rules do not.
type Template struct {
	// Preset is never nil: preset.None when the report follows no known
	// template.
	Preset *preset.Preset
	// Configured is true when the configuration named the template;
	// Named when the report names it in a comment ("<!-- postmortem-
	// template: google-sre -->", which render writes); otherwise a
	// Markdown report's was detected from its headings and a YAML or JSON
	// document has none.
	Configured, Named bool
	// Detection is what detection found (for --verbose and JSON), when
	// the template was not configured.
	Detection preset.Detection
}

// How says how the template was chosen: "configured", "named" (in the
// report), "detected" or "none".
func (t Template) How() string {
	switch {
	case t.Configured:
		return "configured"
	case t.Named:
		return "named"
	case !t.Preset.IsNone():
		return "detected"
	}
	return "none"
}

// chooseTemplate sets the template the input is judged against: the
// configured one, else the one a Markdown report's headings show, else
// none. A YAML or JSON document is the tool's own format and says
// nothing of a template, so without a configuration it has none.
func (in *Input) chooseTemplate() {
	if t := in.Settings.pinned; t != nil {
		in.Template = *t
		return
	}
	if p := in.Settings.Preset; p != nil {
		in.Template = Template{Preset: p, Configured: true}
		return
	}
	if !in.IsMarkdown() {
		in.Template = Template{Preset: preset.None}
		return
	}
	if p, ok := namedTemplate(in.Report.Text); ok {
		in.Template = Template{Preset: p, Named: true}
		return
	}
	title := ""
	if t := in.Report.Title; t != nil {
		title = strings.TrimSpace(t.Text)
	}
	d := preset.Detect(title, in.headings())
	in.Template = Template{Preset: d.Preset, Detection: d}
}

// templateComment is how a report names its template.
const templateComment = "<!-- postmortem-template:"

// namedTemplate is the preset a report names in a comment, as render's
// preset templates write under the title: "<!-- postmortem-template:
// google-sre -->". An unknown name names nothing.
func namedTemplate(text string) (*preset.Preset, bool) {
	i := strings.Index(text, templateComment)
	if i < 0 {
		return nil, false
	}
	rest := text[i+len(templateComment):]
	end := strings.Index(rest, "-->")
	if end < 0 {
		return nil, false
	}
	return preset.Lookup(strings.TrimSpace(rest[:end]))
}

// RequiredSections are the sections a report needs: the configured
// list, else the template's required sections (none for none).
func (in *Input) RequiredSections() []string {
	if in.Settings.RequiredSections != nil {
		return in.Settings.RequiredSections
	}
	return in.Template.Preset.RequiredKinds()
}

// RequireDue reports whether open action items need a due date: as
// configured, else as the template asks.
func (in *Input) RequireDue() bool {
	if d := in.Settings.RequireDue; d != nil {
		return *d
	}
	return in.Template.Preset.RequireDue
}

// headings are the report's headings and label lines in order, with
// their levels: what detection reads. ATX and setext headings are read
// from the source (outside front matter and fenced code), label lines
// ("Summary:") from the importer's sections.
func (in *Input) headings() []preset.Heading {
	var out []preset.Heading
	labels := in.Report.Sections
	// kinds are the importer's kinds of the section on a line (lines are
	// asked in increasing order, as the sections come).
	secs := in.Report.Sections
	kinds := func(line int) []string {
		for len(secs) > 0 && secs[0].Line < line {
			secs = secs[1:]
		}
		if len(secs) > 0 && secs[0].Line == line {
			return secs[0].Kinds
		}
		return nil
	}
	n := in.LineCount()
	fence := ""
	prev := "" // the previous line, trimmed, when it can be a setext heading's text
	for l := in.Report.FrontMatterEnd + 1; l <= n; l++ {
		for len(labels) > 0 && labels[0].Line <= l {
			if labels[0].Level == 0 {
				out = append(out, preset.Heading{Text: labels[0].Heading, Kinds: labels[0].Kinds})
			}
			labels = labels[1:]
		}
		t := strings.TrimSpace(in.Line(l))
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence, prev = t[:3], ""
			continue
		}
		if h, ok := atx(t); ok {
			h.Kinds = kinds(l)
			out = append(out, h)
			prev = ""
			continue
		}
		if prev != "" && t != "" && strings.Trim(t, "=") == "" {
			out = append(out, preset.Heading{Text: prev, Level: 1, Kinds: kinds(l - 1)})
		} else if prev != "" && len(t) > 1 && strings.Trim(t, "-") == "" {
			out = append(out, preset.Heading{Text: prev, Level: 2, Kinds: kinds(l - 1)})
		}
		prev = ""
		if t != "" && !strings.ContainsAny(t[:1], "|>-+#") && !(t[0] >= '0' && t[0] <= '9') {
			prev = t
			if h, ok := label(t); ok {
				out = append(out, h)
			}
		}
	}
	return out
}

// label reads a label line's label: "Authors:", "**Status:** Resolved",
// "Date: June 18, 2020" (the metadata lines of Google's template).
func label(t string) (preset.Heading, bool) {
	i := strings.IndexByte(t, ':')
	if i <= 0 || i > 40 {
		return preset.Heading{}, false
	}
	l := strings.Trim(t[:i], "*_ ")
	if l == "" || strings.Count(l, " ") > 3 || strings.HasPrefix(t, "*") && !strings.HasPrefix(t, "**") {
		return preset.Heading{}, false
	}
	return preset.Heading{Text: l}, true
}

// atx reads an ATX heading ("## Root cause ##").
func atx(t string) (preset.Heading, bool) {
	level := 0
	for level < len(t) && t[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || level < len(t) && t[level] != ' ' && t[level] != '\t' {
		return preset.Heading{}, false
	}
	text := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t[level:]), "#"))
	return preset.Heading{Text: text, Level: level}, true
}
