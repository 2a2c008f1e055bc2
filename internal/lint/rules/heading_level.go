package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// HeadingLevel reports headings whose level differs from the template in
// use, and fixes them.
type HeadingLevel struct{}

func (HeadingLevel) Doc() lint.Doc {
	return lint.Doc{
		ID:       "heading-level",
		Severity: lint.Warning,
		Summary:  "a heading's level differs from the template in use",
		Rationale: `Reports of one team should have one shape: tables of contents, the importer and
readers skimming for "Root cause" rely on it. The expected levels come from the
configured template (the default template has # Root cause, # Prevention and
# Action items, the rest ##). Without a configured template, a report with every
section at ## (the course's second template) is consistent too; the title is #.
Deeper headings under a section are its subsections and are not checked. --fix
rewrites the "#" marks of ATX headings.`,
		Fixable: true,
		Bad:     "## Incident: 2024-12-04 19-47-00\n\n### Summary",
		Good:    "# Incident: 2024-12-04 19-47-00\n\n## Summary",
		Config:  "template",
	}
}

func (HeadingLevel) Check(in *lint.Input, emit func(lint.Finding)) {
	if !in.IsMarkdown() {
		return
	}
	levels := in.Settings.Levels
	shape := "the " + in.Settings.Template + " template uses"
	// check names a section by its heading, quoted, or the title when
	// title is set.
	check := func(line, c, level, want int, heading string, title bool) {
		if level == 0 || want == 0 || level == want {
			return
		}
		what := "the title"
		if !title {
			what = strconv.Quote(strings.TrimSpace(heading))
		}
		f := lint.Finding{Line: line, Column: c,
			Message: fmt.Sprintf("%s is a level-%d heading; %s level %d (%s)", what, level, shape, want, strings.Repeat("#", want))}
		if m := atxHeading().FindStringSubmatch(in.Line(line)); m != nil && len(m[2]) == level {
			f.Fix = lint.ReplaceLine(line, m[1]+strings.Repeat("#", want)+m[3])
		}
		emit(f)
	}
	if t := in.Report.Title; t != nil {
		check(t.Line, t.Col, t.Level, levels["title"], "", true)
	}
	if !in.Settings.TemplateExplicit && uniformLevel(in) {
		// Every section at one level: the course's second template shape
		// (every section ##), possibly one level off as a whole.
		shape = "a report with every section at one level uses"
		levels = map[string]int{"title": levels["title"], "other": 2}
		for _, k := range lint.SectionKinds {
			levels[k] = 2
		}
	}
	parent := 0 // level of the last known section, for subsections
	for _, s := range in.Report.Sections {
		if s.Level == 0 {
			continue
		}
		name := s.Heading
		if len(s.Kinds) == 0 {
			// An unknown heading below a known section is a subsection.
			if parent > 0 && s.Level > parent {
				continue
			}
			if want := levels["other"]; s.Level < want {
				check(s.Line, s.Col, s.Level, want, name, false)
			}
			continue
		}
		want := levels[s.Kinds[0]]
		parent = s.Level
		if want != 0 {
			parent = want
		}
		check(s.Line, s.Col, s.Level, want, name, false)
	}
}

// uniformLevel reports whether every known section heading has the same
// level.
func uniformLevel(in *lint.Input) bool {
	level, n := 0, 0
	for _, s := range in.Report.Sections {
		if len(s.Kinds) == 0 || s.Level == 0 {
			continue
		}
		if level == 0 {
			level = s.Level
		}
		if s.Level != level {
			return false
		}
		n++
	}
	return n > 1
}

// atxHeading is an ATX heading line: its indent, marks and the rest.
var atxHeading = pattern(`^( {0,3})(#{1,6})([ \t]+.*)?$`)
