package rules

import (
	"fmt"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// EmptySection reports sections with a heading and nothing (but template
// text) under it.
type EmptySection struct{}

func (EmptySection) Doc() lint.Doc {
	return lint.Doc{
		ID:       "empty-section",
		Severity: lint.Warning,
		Summary:  "a section has a heading but no content of its own",
		Rationale: `An empty section looks finished at a glance: the heading is there. Either write it
or delete the heading and say why in another section. A section that holds only
template instructions counts as empty.`,
		Bad:  "# Root cause\n\n## Resolution\n...",
		Good: "# Root cause\n\nA chaos test made the pizza factory return 500 errors.",
	}
}

func (EmptySection) Check(in *lint.Input, emit func(lint.Finding)) {
	if !in.IsMarkdown() {
		for i, s := range in.Doc.Sections {
			if strings.TrimSpace(s.Body) == "" && strings.TrimSpace(s.Heading) != "" {
				l, c := in.Pos(fmt.Sprintf("sections.%d", i))
				emit(lint.Finding{Line: l, Column: c, Message: fmt.Sprintf("section %q is empty", s.Heading)})
			}
		}
		return
	}
	secs := in.Report.Sections
	for i, s := range secs {
		if !(s.Empty || s.BodyEnd < s.BodyStart) {
			continue
		}
		// A label line the importer could not place ("There was no
		// further impact.") is prose, not a heading of its own.
		if s.Level == 0 && (len(s.Kinds) == 0 || strings.HasSuffix(strings.TrimSpace(s.Heading), ".")) {
			continue
		}
		// A heading whose content is its subsections is not empty (a
		// deeper known section, such as ## Resolution under # Root
		// cause in the default template, is a sibling, not content).
		if i+1 < len(secs) && s.Level > 0 && secs[i+1].Level > s.Level && len(secs[i+1].Kinds) == 0 {
			continue
		}
		what := "is empty"
		if s.BodyEnd >= s.BodyStart {
			what = "holds only template text"
		}
		emit(lint.Finding{Line: s.Line, Column: s.Col, Message: fmt.Sprintf("section %q %s; write it or remove the heading", strings.TrimSpace(s.Heading), what)})
	}
}
