package report

import (
	"fmt"
	"io"
	"regexp"
	"sync"

	"github.com/postmortem-cli/postmortem/internal/lint"
)

// Text prints "path:line:col: severity: message [rule]", one finding a
// line, then a summary line: the format editors and CI logs link.
type Text struct {
	W io.Writer
	// Quiet leaves out the summary line.
	Quiet bool
	// Color marks severities with ANSI colours (for a terminal).
	Color bool
}

// ANSI colours: errors red, warnings yellow, info cyan, rule IDs dim.
const (
	ansiReset  = "\x1b[0m"
	ansiDim    = "\x1b[2m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

func severityColor(s lint.Severity) string {
	switch s {
	case lint.Error:
		return ansiRed
	case lint.Warning:
		return ansiYellow
	}
	return ansiCyan
}

func (t *Text) File(r lint.Result) error {
	if r.Err != nil {
		// "3:1: not YAML" keeps its position: path:3:1: error: not YAML.
		msg, pos := r.Err.Error(), ""
		if m := leadingPos().FindStringSubmatch(msg); m != nil {
			pos, msg = ":"+m[1], m[2]
		}
		_, err := fmt.Fprintf(t.W, "%s%s: error: %s [unusable]\n", r.Path, pos, msg)
		return err
	}
	for _, f := range r.Findings {
		line := TextLine(f)
		if t.Color {
			line = fmt.Sprintf("%s%s:%d:%d:%s %s%s%s: %s %s[%s]%s", ansiBold, f.Path, f.Line, f.Column, ansiReset,
				severityColor(f.Severity), f.Severity, ansiReset, f.Message, ansiDim, f.Rule, ansiReset)
		}
		if _, err := fmt.Fprintln(t.W, line); err != nil {
			return err
		}
	}
	return nil
}

// TextLine formats one finding.
func TextLine(f lint.Finding) string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", f.Path, f.Line, f.Column, f.Severity, f.Message, f.Rule)
}

func (t *Text) Close(s Summary) error {
	if t.Quiet {
		return nil
	}
	_, err := fmt.Fprintln(t.W, s.Line())
	return err
}

var leadingPos = pattern(`^:?(\d+(?::\d+)?): (.*)$`)

// pattern compiles a regular expression on first use: package
// initialisation does no work, so a run that never needs it (postmortem
// --version) does not pay for it.
func pattern(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
