package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/markdown"
)

// RequiredSection reports sections the configuration requires but the
// report lacks.
type RequiredSection struct{}

func (RequiredSection) Doc() lint.Doc {
	return lint.Doc{
		ID:       "required-section",
		Severity: lint.Error,
		Summary:  "a section the template requires is missing",
		Rationale: `A postmortem without a Root cause or Action items section has skipped the part that
prevents the next incident. Reviewers notice a missing section far less often than a
bad one, so the linter checks for every section the team's template requires.`,
		Bad:    "# Incident: 2024-12-04 19-47-00\n\n## Summary\n\nThe factory failed.\n\n## Timeline\n...",
		Good:   "... every required section present: Summary, Detection, Impact, Timeline, Response,\nRoot cause, Resolution, Prevention, Action items",
		Config: "required_sections",
	}
}

func (RequiredSection) Check(in *lint.Input, emit func(lint.Finding)) {
	req := in.RequiredSections()
	if len(req) == 0 {
		return
	}
	p := in.Template.Preset
	name := func(r string) string {
		if isKind(r) {
			return p.Heading(r)
		}
		return r
	}
	if in.IsMarkdown() {
		if len(in.Report.Sections) == 0 {
			names := make([]string, len(req))
			for i, r := range req {
				names[i] = name(r)
			}
			emit(lint.Finding{Line: 1, Column: 1, Message: fmt.Sprintf("no sections found; expected %s as headings", strings.Join(names, ", "))})
			return
		}
		line, c := 1, 1
		if t := in.Report.Title; t != nil {
			line, c = t.Line, t.Col
		}
		for _, r := range req {
			if markdownHas(in, r) {
				continue
			}
			// Point at the section the template puts before the missing
			// one: that is where it goes.
			l, cc, after := line, c, ""
			for _, k := range templateOrder(in) {
				if k == r || !isKind(r) {
					break
				}
				if s := sectionOf(in, k); s != nil {
					l, cc, after = s.Line, s.Col, strings.TrimSpace(s.Heading)
				}
			}
			msg := fmt.Sprintf("missing required section %q", name(r))
			if after != "" {
				msg += fmt.Sprintf("; the template puts it after %q", after)
			}
			emit(lint.Finding{Line: l, Column: cc, Message: msg})
		}
		return
	}
	var missing []string
	for _, r := range req {
		if !documentHas(in, r) {
			missing = append(missing, name(r))
		}
	}
	if len(missing) == len(req) && len(req) > 1 {
		emit(lint.Finding{Line: 1, Column: 1, Message: fmt.Sprintf("no sections found; expected %s", strings.Join(missing, ", "))})
		return
	}
	for _, r := range req {
		if !documentHas(in, r) {
			key := r
			if !isKind(r) {
				key = "sections"
			}
			l, c := in.Pos(key)
			emit(lint.Finding{Line: l, Column: c, Message: fmt.Sprintf("missing required section %q (key %s)", name(r), key)})
		}
	}
}

// templateOrder is the order of the document fields in the template
// (the document format's order for fields the template does not have).
func templateOrder(in *lint.Input) []string {
	order := in.Template.Preset.Kinds()
	for _, k := range lint.SectionKinds {
		if !slices.Contains(order, k) {
			order = append(order, k)
		}
	}
	return order
}

func isKind(s string) bool {
	for _, k := range lint.SectionKinds {
		if k == s {
			return true
		}
	}
	return false
}

func markdownHas(in *lint.Input, want string) bool {
	kind := isKind(want) // once, not per section
	for _, s := range in.Report.Sections {
		if kind {
			for _, k := range s.Kinds {
				if k == want {
					return true
				}
			}
			continue
		}
		if strings.EqualFold(strings.TrimSpace(s.Heading), strings.TrimSpace(want)) {
			return true
		}
	}
	return false
}

func documentHas(in *lint.Input, want string) bool {
	d := in.Doc
	switch want {
	case "summary":
		return strings.TrimSpace(d.Summary) != ""
	case "detection":
		return strings.TrimSpace(d.Detection) != ""
	case "impact":
		return !d.Impact.IsZero()
	case "timeline":
		return len(d.Timeline) > 0
	case "response":
		return strings.TrimSpace(d.Response) != ""
	case "root_cause":
		return strings.TrimSpace(d.RootCause) != ""
	case "resolution":
		return strings.TrimSpace(d.Resolution) != ""
	case "prevention":
		return strings.TrimSpace(d.Prevention) != ""
	case "action_items":
		return len(d.ActionItems) > 0
	}
	for _, s := range d.Sections {
		if strings.EqualFold(strings.TrimSpace(s.Heading), strings.TrimSpace(want)) {
			return true
		}
	}
	return false
}

// sectionOf is the first section of a kind, nil if there is none.
func sectionOf(in *lint.Input, kind string) *markdown.Section {
	for i, s := range in.Report.Sections {
		for _, k := range s.Kinds {
			if k == kind {
				return &in.Report.Sections[i]
			}
		}
	}
	return nil
}
