package lint

import (
	"bytes"
	"fmt"
	"strings"
)

// UnusedSuppression describes the findings about suppression comments
// themselves: ones that silenced nothing or name an unknown rule.
var UnusedSuppression = Doc{
	ID:       "unused-suppression",
	Severity: Warning,
	Summary:  "a postmortem-disable comment that silences nothing or names an unknown rule",
	Rationale: `A suppression outlives the problem it hid: once the text is fixed, the comment
only hides the next real problem on that line. Reporting unused suppressions keeps
them honest (markdownlint and golangci-lint's nolintlint do the same).`,
	Fixable: true,
	Bad: `<!-- postmortem-disable-next-line secret -->
The fix was to restart the service.`,
	Good: `The fix was to restart the service.`,
}

var directiveRE = pattern(`<!--\s*postmortem-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->`)

type directive struct {
	line, col int
	kind      string
	rules     []string // empty: every rule
	used      bool
	whole     bool // the comment is the whole line, so a fix may delete it
}

func (d *directive) covers(rule string) bool {
	if len(d.rules) == 0 {
		return true
	}
	for _, r := range d.rules {
		if r == rule {
			return true
		}
	}
	return false
}

// parseDirectives finds suppression comments, outside fenced code blocks.
func parseDirectives(in *Input) []*directive {
	// Every directive is a comment starting "<!--" on a line containing
	// "postmortem-": a file without either has none, and most files have
	// none. '<' is rare in Markdown, so the first test is the quick one.
	if !bytes.Contains(in.Source, []byte("<!--")) || !bytes.Contains(in.Source, []byte("postmortem-")) {
		return nil
	}
	var out []*directive
	fence := ""
	for n := 1; n <= in.LineCount(); n++ {
		line := in.Line(n)
		t := strings.TrimSpace(line)
		if fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		if !strings.Contains(line, "postmortem-") {
			continue
		}
		for _, m := range directiveRE().FindAllStringSubmatchIndex(line, -1) {
			d := &directive{line: n, col: runeCol(line, m[0]), kind: line[m[2]:m[3]]}
			d.rules = strings.FieldsFunc(line[m[4]:m[5]], func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
			d.whole = strings.TrimSpace(line) == strings.TrimSpace(line[m[0]:m[1]])
			out = append(out, d)
		}
	}
	return out
}

func runeCol(s string, off int) int {
	return len([]rune(s[:off])) + 1
}

// suppress drops findings silenced by suppression comments and adds a
// finding for each comment that silenced nothing or names an unknown rule.
func suppress(in *Input, fs []Finding, known func(string) bool, sev Severity) []Finding {
	ds := parseDirectives(in)
	if len(ds) == 0 {
		return fs
	}
	kept := fs[:0:0]
	for _, f := range fs {
		if !silenced(ds, f) {
			kept = append(kept, f)
		}
	}
	if sev == Off {
		return kept
	}
	for _, d := range ds {
		for _, r := range d.rules {
			if !known(r) {
				kept = append(kept, Finding{Rule: UnusedSuppression.ID, Severity: sev, Path: in.Path, Line: d.line, Column: d.col,
					Message: fmt.Sprintf("postmortem-%s names unknown rule %q", d.kind, r)})
				d.used = true // reported once, as unknown
			}
		}
		if d.used || d.kind == "enable" {
			continue
		}
		what := "any finding"
		if len(d.rules) > 0 {
			what = strings.Join(d.rules, ", ") + " finding"
		}
		f := Finding{Rule: UnusedSuppression.ID, Severity: sev, Path: in.Path, Line: d.line, Column: d.col,
			Message: fmt.Sprintf("postmortem-%s comment silences no %s; remove it", d.kind, what)}
		if d.whole {
			f.Fix = DeleteLines(d.line, d.line)
			f.Fixable = true
		}
		kept = append(kept, f)
	}
	return kept
}

// silenced reports whether a finding falls under a directive, and marks
// the directive used.
func silenced(ds []*directive, f Finding) bool {
	var by *directive
	for _, d := range ds {
		switch d.kind {
		case "disable-next-line":
			if d.line+1 == f.Line && d.covers(f.Rule) {
				d.used = true
				return true
			}
		case "disable-line":
			if d.line == f.Line && d.covers(f.Rule) {
				d.used = true
				return true
			}
		case "disable":
			if d.line <= f.Line && d.covers(f.Rule) {
				by = d
			}
		case "enable":
			if d.line <= f.Line && d.covers(f.Rule) {
				by = nil
			}
		}
	}
	if by != nil {
		by.used = true
		return true
	}
	return false
}
