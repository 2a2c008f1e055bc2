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
report's template, configured or recognised (the course template has # Root cause,
# Prevention and # Action items, the rest ##; its second version and the Google
SRE, PagerDuty and Atlassian templates put every section at ##); the title is #.
A report that follows no known template is not checked. Deeper headings under a
section are its subsections and are not checked. --fix rewrites the "#" marks of
ATX headings.`,
		Fixable: true,
		Bad:     "## Incident: 2024-12-04 19-47-00\n\n### Summary",
		Good:    "# Incident: 2024-12-04 19-47-00\n\n## Summary",
		Config:  "template",
	}
}

func (HeadingLevel) Check(in *lint.Input, emit func(lint.Finding)) {
	if !in.IsMarkdown() || in.Template.Preset.IsNone() {
		return
	}
	levels := in.Template.Preset.Levels()
	shape := "the " + in.Template.Preset.Name + " template uses"
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
	parent := 0 // level of the last known section, for subsections
	for _, s := range in.Report.Sections {
		if s.Level == 0 {
			continue
		}
		want, known := 0, false
		for _, k := range s.Kinds {
			if want, known = levels[k]; known {
				break
			}
		}
		if !known {
			// An unknown heading (or a section the template does not
			// have) below a known section is a subsection.
			if parent > 0 && s.Level > parent {
				continue
			}
			if want := levels["other"]; s.Level < want {
				check(s.Line, s.Col, s.Level, want, s.Heading, false)
			}
			continue
		}
		parent = want
		check(s.Line, s.Col, s.Level, want, s.Heading, false)
	}
}

// atxHeading is an ATX heading line: its indent, marks and the rest.
var atxHeading = pattern(`^( {0,3})(#{1,6})([ \t]+.*)?$`)
