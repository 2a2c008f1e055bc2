package rules

import (
	"fmt"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
	"github.com/postmortem-cli/postmortem/internal/markdown"
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
template instructions counts as empty; one whose content is in its subsections (or
in label paragraphs such as "**Actions:**" below it) does not.`,
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
	headings := false // the report has Markdown headings
	for _, s := range secs {
		headings = headings || s.Level > 0
	}
	for i, s := range secs {
		if !(s.Empty || s.BodyEnd < s.BodyStart) {
			continue
		}
		// A label line the importer could not place ("There was no
		// further impact.") is prose, not a heading of its own; so is a
		// short line without a colon in a report that has headings (a
		// caption such as "Full service degradation timeline").
		if s.Level == 0 && (len(s.Kinds) == 0 || strings.HasSuffix(strings.TrimSpace(s.Heading), ".") ||
			headings && !strings.Contains(in.Line(s.Line), ":")) {
			continue
		}
		if s.Level > 0 && contentBelow(in, secs, i) {
			continue
		}
		what := "is empty"
		if s.BodyEnd >= s.BodyStart {
			what = "holds only template text"
		}
		emit(lint.Finding{Line: s.Line, Column: s.Col, Message: fmt.Sprintf("section %q %s; write it or remove the heading", strings.TrimSpace(s.Heading), what)})
	}
}

// contentBelow reports whether section i has content in its
// subsections: deeper headings and label lines up to the next heading
// at its level or above. A deeper section the template has at that very
// level is a sibling, not content (## Resolution under # Root cause in
// the course template).
func contentBelow(in *lint.Input, secs []markdown.Section, i int) bool {
	levels := in.Template.Preset.Levels()
	for _, t := range secs[i+1:] {
		if t.Level > 0 && t.Level <= secs[i].Level {
			return false
		}
		if t.Level > 0 && len(t.Kinds) > 0 && levels[t.Kinds[0]] == t.Level {
			continue
		}
		if !t.Empty && t.BodyEnd >= t.BodyStart {
			return true
		}
	}
	return false
}
